#!/bin/sh
# Seamless coverage (无缝覆盖): --check compares the division with the
# regions (ungridded_village, empty_village), and a unit too small for a
# dedicated grid is said in the note of its village's grid.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
plan 6

printf 'code,name,kind\n140824100001,城关社区居委会,\n140824100002,东关社区,\n140824100003,西关社区,urban\n' > "$TMP/r.csv"
{ echo household_id,village_code,block,address,persons,grid_code
  village 140824100001 3 "150 150" | sed 's/$/,140824100001001/'
  village 140824100002 3 "20" | sed 's/$/,/'
} > "$TMP/a.csv"
grid-code --check -R "$TMP/r.csv" "$TMP/a.csv" > "$TMP/p" 2> "$TMP/e"
t "problems: exit 1" [ $? -eq 1 ]
t "a village with households and no grid: ungridded_village" \
	grep -qx 'ungridded_village,,,,village 140824100002 has 20 households and no grid' "$TMP/p"
t "a village with no household: empty_village" \
	grep -qx 'empty_village,,,,village 140824100003 has no household in the register' "$TMP/p"
t "village problems come last, in code order" sh -c '
	cut -d, -f1 "$1" | tail -2 | tr "\n" " " | grep -qx "ungridded_village empty_village "' - "$TMP/p"

# units of 150 and 80 people (below 300): in the village's grid, said
printf 'unit_id,name,village_code,kind,people\nU2,卫生室,140824100001,hospital,80\nU1,小学,140824100001,school,150\n' > "$TMP/u.csv"
{ hdr; village 140824100001 3 "150 150"; } > "$TMP/h.csv"
grid-code -R "$TMP/r.csv" -u "$TMP/u.csv" -G "$TMP/g.csv" "$TMP/h.csv" > /dev/null 2> "$TMP/e2"
t "small units named in the grid's note, in order of id" \
	grep -q "unit 'U1' (150 people, below 300) is in this grid; unit 'U2' (80 people, below 300) is in this grid" "$TMP/g.csv"
t "and on standard error" grep -q "unit 'U1' (150 people, below 300)" "$TMP/e2"
