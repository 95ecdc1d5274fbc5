#!/bin/sh
# grid-code -u: dedicated grids 901.. for units of 300 people or more.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
D=$T_DIR/grid-code
R=$D/regions.csv
plan 8

{ hdr; village 140824100001 2 "100 100 100"; } > "$TMP/h.csv"
grid-code -R "$R" -u "$D/units.csv" -G "$TMP/g.csv" "$TMP/h.csv" > "$TMP/o.csv" 2> "$TMP/e"
rc=$?
t "bad unit rows: exit 1, each reported" sh -c '
	[ "$1" -eq 1 ] &&
	grep -q "units.csv:6: column .village_code.: unknown village .140824100009." "$2" &&
	grep -q "units.csv:7: column .people.: not a number of people" "$2"' - "$rc" "$TMP/e"
t "units of 300 or more: dedicated grids 901, 902 in unit order" sh -c '
	grep -q "^140824100001901,140824100001,dedicated,0,800,U1,$" "$1" &&
	grep -q "^140824100001902,140824100001,dedicated,0,300,U3,$" "$1"' - "$TMP/g.csv"
t "a unit of 299 gets none" sh -c '! grep -q ",U2," "$1"' - "$TMP/g.csv"
t "a village with a unit and no households gets its dedicated grid" \
	grep -q "^140824100003901,140824100003,dedicated,0,400,U4,$" "$TMP/g.csv"
t "households never land in a dedicated grid" sh -c '
	! awk -F, "NR > 1 { print substr(\$6, 13) }" "$1" | grep -q "^9"' - "$TMP/o.csv"

# keeping: U1 gone, U7 new: U3 keeps 902, 901 retired, U7 gets 903
{ echo unit_id,name,village_code,kind,people
  echo U3,县医院,140824100001,hospital,320
  echo U7,新厂,140824100001,factory,350
  echo U4,工业园,140824100003,park,400; } > "$TMP/u2.csv"
grid-code -R "$R" -u "$TMP/u2.csv" --previous "$TMP/o.csv" --previous "$TMP/g.csv" \
	-G "$TMP/g2.csv" "$TMP/h.csv" > /dev/null 2>&1
t "a dedicated grid keeps its code by its unit" sh -c '
	grep -q "^140824100001902,.*,U3,,kept$" "$1" && grep -q "^140824100003901,.*,U4,,kept$" "$1"' - "$TMP/g2.csv"
t "a gone unit retires its code, a new unit takes the next" sh -c '
	grep -q "^140824100001901,.*,U1,,retired$" "$1" && grep -q "^140824100001903,.*,U7,,new$" "$1"' - "$TMP/g2.csv"
t "a dedicated grid is never resurrected for another unit" sh -c '
	! grep -q "^140824100001901,.*,U7," "$1"' - "$TMP/g2.csv"
