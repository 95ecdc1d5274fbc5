#!/bin/sh
# grid-code --previous: codes are kept, never renumbered, never reused.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 16

b50() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "50 " }'; }
{ hdr
  village 140824100001 2 "$(b50 20)"
  village 140824100002 2 "$(b50 12)"
  village 140824200201 3 "60 60 60 60 60" 组
} > "$TMP/h1.csv"
# one block (100 households) more in the second village, at the end
{ hdr
  village 140824100001 2 "$(b50 20)"
  village 140824100002 2 "$(b50 12) 100"
  village 140824200201 3 "60 60 60 60 60" 组
} > "$TMP/h2.csv"
gc() { grid-code -R "$R" "$@" 2>/dev/null; }

gc -G "$TMP/g1.csv" "$TMP/h1.csv" > "$TMP/o1.csv"
t "first division: no status column" sh -c '
	head -1 "$1" | grep -qx "grid_code,village_code,kind,households,residents,blocks,note"' - "$TMP/g1.csv"

gc --previous "$TMP/o1.csv" --previous "$TMP/g1.csv" -G "$TMP/g2.csv" "$TMP/h1.csv" > "$TMP/o2.csv"
t "unchanged input: stdout byte for byte" cmp "$TMP/o1.csv" "$TMP/o2.csv"
t "unchanged input: every grid kept" sh -c '
	awk -F, "NR > 1 && \$8 != \"kept\"" "$1" | grep -q . && exit 1
	[ "$(($(wc -l < "$1") - 1))" -eq "$(($(wc -l < "$2") - 1))" ]' - "$TMP/g2.csv" "$TMP/g1.csv"
gc --previous "$TMP/o2.csv" --previous "$TMP/g2.csv" -G "$TMP/g3.csv" "$TMP/h1.csv" > "$TMP/o3.csv"
t "and again: grid table byte for byte too" sh -c 'cmp "$1/o2.csv" "$1/o3.csv" && cmp "$1/g2.csv" "$1/g3.csv"' - "$TMP"
t "the assignment alone is enough to keep codes" sh -c '
	grid-code -R "$1" --previous "$2/o1.csv" "$2/h1.csv" 2>/dev/null | cmp - "$2/o1.csv"' - "$R" "$TMP"

# one block added in village 2: only village 2 changes
gc --previous "$TMP/o1.csv" --previous "$TMP/g1.csv" -G "$TMP/g4.csv" "$TMP/h2.csv" > "$TMP/o4.csv"
t "one block added: other villages unchanged" sh -c '
	grep -v ",140824100002," "$1/o1.csv" > "$1/a" && grep -v ",140824100002," "$1/o4.csv" > "$1/b" &&
	cmp "$1/a" "$1/b"' - "$TMP"
t "one block added: the grid with the same blocks keeps its code" sh -c '
	grep -q "^140824100002001,.*,1号楼;2号楼;3号楼;4号楼;5号楼;6号楼,.*,kept$" "$1"' - "$TMP/g4.csv"
t "one block added: the changed grid is new, above the highest, the old retired" sh -c '
	grep -q "^140824100002003,.*,7号楼;8号楼;9号楼;10号楼;11号楼;12号楼;13号楼,.*,new$" "$1" &&
	grep -q "^140824100002002,.*,retired$" "$1"' - "$TMP/g4.csv"
t "a retired code labels no household" sh -c '! grep -q ",140824100002002$" "$1"' - "$TMP/o4.csv"

# back to the old input: the village still fits its grids (003 lost a
# block but is in the band): left as it was, 002 stays retired
gc --previous "$TMP/o4.csv" --previous "$TMP/g4.csv" -G "$TMP/g5.csv" "$TMP/h1.csv" > "$TMP/o5.csv"
t "a village that still fits is left as it was" sh -c '
	! grep -q ",140824100002002$" "$1" && grep -q ",140824100002003$" "$1"' - "$TMP/o5.csv"
t "retired grids are remembered from the previous table" sh -c '
	grep -q "^140824100002002,.*,retired$" "$1"' - "$TMP/g5.csv"
# one household more in 7号楼: re-divided; the run 7-12号楼 has the blocks
# of retired 002 and of live 003: it keeps 003 (a retired grid's blocks
# take no code from a live grid), and 002 never comes back
awk '{ print } $1 == "140824100002-12-50" { print "new1,140824100002,7号楼,x,2" }' \
    FS=, OFS=, "$TMP/h1.csv" > "$TMP/h3.csv"
gc --previous "$TMP/o5.csv" --previous "$TMP/g5.csv" -G "$TMP/g6.csv" "$TMP/h3.csv" > "$TMP/o6.csv"
t "a retired code never comes back" sh -c '
	! grep -q ",140824100002002$" "$1" && grep -q "^new1,.*,140824100002003$" "$1" &&
	grep -q "^140824100002003,.*,7号楼;8号楼;9号楼;10号楼;11号楼;12号楼,,kept$" "$2" &&
	grep -q "^140824100002002,.*,retired$" "$2"' - "$TMP/o6.csv" "$TMP/g6.csv"

# the highest code retired without a successor: only the table knows it
{ hdr; village 140824100002 2 "$(b50 6)"; } > "$TMP/s.csv"
{ hdr; village 140824100002 2 "$(b50 12)"; } > "$TMP/l.csv"
gc -G "$TMP/ga.csv" "$TMP/l.csv" > "$TMP/oa.csv"
gc --previous "$TMP/oa.csv" --previous "$TMP/ga.csv" -G "$TMP/gb.csv" "$TMP/s.csv" > "$TMP/ob.csv"
t "a shrunk village keeps 001 and retires 002" sh -c '
	grep -q "^140824100002001,.*,kept$" "$1" && grep -q "^140824100002002,.*,retired$" "$1"' - "$TMP/gb.csv"
gc --previous "$TMP/ob.csv" --previous "$TMP/gb.csv" -G "$TMP/gc.csv" "$TMP/l.csv" > "$TMP/oc.csv"
t "regrown: new grid 003, not the retired 002" sh -c '
	grep -q "^140824100002003,.*,new$" "$1" && ! grep -q "^140824100002002,.*,new$" "$1"' - "$TMP/gc.csv"
t "a previous file that is neither kind: exit 2" rc_is 2 sh -c '
	grid-code -R "$1" --previous "$1" "$2/h1.csv" > /dev/null 2>&1' - "$R" "$TMP"
t "a village out of base sequences: fatal, no half table" sh -c '
	{ echo grid_code,village_code,kind,households,residents,blocks,note,status
	  echo 140824100002899,140824100002,base,300,600,99号楼,,retired; } > "$2/g899.csv"
	grid-code -R "$1" --previous "$2/g899.csv" -G "$2/gx.csv" "$2/l.csv" > /dev/null 2> "$2/e"
	[ $? -eq 2 ] && grep -q "village 140824100002: no base grid sequence left" "$2/e" &&
	! ls "$2"/gx.csv* > /dev/null 2>&1' - "$R" "$TMP"
