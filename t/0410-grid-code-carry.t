#!/bin/sh
# grid-code --previous on part of a county: the grids of villages absent
# from the input are carried into -G as they were (live ones kept, retired
# ones retired, figures, blocks and note unchanged), so no code is ever
# forgotten, and a later run on the whole county keeps every code.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 10

b50() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "50 " }'; }
{ hdr
  village 140824100001 2 "$(b50 20)"
  village 140824100002 2 "$(b50 12)"
  village 140824100003 2 "50 50"
  village 140824200201 3 "60 60 60 60 60" 组
} > "$TMP/h1.csv"
# village 2 grows by one block: 002 retired, 003 new
{ hdr
  village 140824100001 2 "$(b50 20)"
  village 140824100002 2 "$(b50 12) 100"
  village 140824100003 2 "50 50"
  village 140824200201 3 "60 60 60 60 60" 组
} > "$TMP/h2.csv"
# only the first village
{ hdr; village 140824100001 2 "$(b50 20)"; } > "$TMP/hA.csv"
gc() { grid-code -R "$R" "$@" 2>/dev/null; }

gc -G "$TMP/g1.csv" "$TMP/h1.csv" > "$TMP/o1.csv"
gc --previous "$TMP/o1.csv" --previous "$TMP/g1.csv" -G "$TMP/g2.csv" \
    "$TMP/h2.csv" > "$TMP/o2.csv"
t "setup: village 2 has a retired and a new grid" sh -c '
	grep -q "^140824100002002,.*,retired$" "$1" &&
	grep -q "^140824100002003,.*,new$" "$1"' - "$TMP/g2.csv"

gc --previous "$TMP/o2.csv" --previous "$TMP/g2.csv" -G "$TMP/g3.csv" \
    "$TMP/hA.csv" > "$TMP/o3.csv"
rc=$?
t "a run on one village: exit 0, only its households on stdout" sh -c '
	[ "$1" -eq 0 ] && sed 1d "$2" | cut -d, -f2 | sort -u |
	grep -qx 140824100001' - "$rc" "$TMP/o3.csv"
t "every code of the previous table is in the new one" sh -c '
	sed 1d "$1" | cut -d, -f1 | sort > "$3/c1" &&
	sed 1d "$2" | cut -d, -f1 | sort > "$3/c2" && cmp "$3/c1" "$3/c2"' \
	- "$TMP/g2.csv" "$TMP/g3.csv" "$TMP"
t "absent villages: rows as they were, after the divided village" sh -c '
	grep -v "^14082410000[1-2]" "$1" | sed "s/,new\$/,kept/" > "$3/a" &&
	grep -v "^14082410000[1-2]" "$2" > "$3/b" && cmp "$3/a" "$3/b" &&
	tail -1 "$2" | grep -q "^140824200201001,"' - "$TMP/g2.csv" "$TMP/g3.csv" "$TMP"
t "a carried retired grid stays retired, a carried live grid is kept" sh -c '
	grep -q "^140824100002002,140824100002,base,300,600,7号楼;8号楼;9号楼;10号楼;11号楼;12号楼,,retired$" "$1" &&
	grep -q "^140824100002003,.*,kept$" "$1" &&
	grep -q "^140824100002001,.*,kept$" "$1"' - "$TMP/g3.csv"
t "a carried grid keeps its note" grep -q \
	'^140824100003001,140824100003,base,100,200,1号楼;2号楼,"100 households, below 300 (no division into whole blocks fits the band)",kept$' \
	"$TMP/g3.csv"

# the whole county again, from the partial run's output: every code kept
gc --previous "$TMP/o3.csv" --previous "$TMP/g3.csv" -G "$TMP/g4.csv" \
    "$TMP/h2.csv" > "$TMP/o4.csv"
t "back to the whole county: the same codes as before" cmp "$TMP/o2.csv" "$TMP/o4.csv"
t "back to the whole county: the retired code is still retired" sh -c '
	grep -q "^140824100002002,.*,retired$" "$1" &&
	! grep -q ",140824100002002$" "$2"' - "$TMP/g4.csv" "$TMP/o4.csv"
# and a run on the partial table alone never reissues 002
{ hdr; village 140824100002 2 "$(b50 14)"; } > "$TMP/hB.csv"
gc --previous "$TMP/g3.csv" -G "$TMP/g5.csv" "$TMP/hB.csv" > "$TMP/o5.csv"
t "the carried retired code is never reissued" sh -c '
	! grep -q ",140824100002002$" "$1" &&
	grep -q "^140824100002002,.*,retired$" "$2"' - "$TMP/o5.csv" "$TMP/g5.csv"
t "without --previous nothing is carried" sh -c '
	gc() { grid-code -R "$1" "$@" 2>/dev/null; }
	grid-code -R "$1" -G "$2/g6.csv" "$2/hA.csv" > /dev/null 2>&1 &&
	! grep -q "^140824100002" "$2/g6.csv"' - "$R" "$TMP"
