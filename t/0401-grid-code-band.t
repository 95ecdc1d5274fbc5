#!/bin/sh
# grid-code: the household band at its edges, residents, a block larger
# than the band, rural villages at the split.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 17

# band N SIZES WANT: one urban village of blocks of SIZES (P residents a
# household, 2 unless set), want grid sizes WANT and a note exactly when
# NOTE=1
band() {
	{ hdr; village 140824100001 "${P:-2}" "$2"; } > "$TMP/h.csv"
	grid-code -R "$R" -G "$TMP/g.csv" "$TMP/h.csv" > "$TMP/o.csv" 2> "$TMP/e" &&
	got=$(sizes "$TMP/g.csv") &&
	{ [ "$got" = "$3" ] || { echo "$1: grids $got, want $3"; return 1; }; } &&
	notes=$(awk -F, 'NR > 1 && $7 != ""' "$TMP/g.csv" | wc -l) &&
	{ [ "$notes" -eq "$4" ] || { echo "notes $notes, want $4"; cat "$TMP/g.csv"; return 1; }; } &&
	[ "$(grep -c . "$TMP/e")" -eq "$4" ] &&
	[ "$(($(wc -l < "$TMP/o.csv") - 1))" -eq "$1" ]
}
tens() { awk -v n="$1" 'BEGIN { for (i = 0; i < int(n / 10); i++) printf "10 "; if (n % 10) printf "%d", n % 10 }'; }

t "299 households: one undersize grid, noted" band 299 "$(tens 299)" 299 1
t "300 households: one grid" band 300 "$(tens 300)" 300 0
t "500 households: one grid" band 500 "$(tens 500)" 500 0
# (1 resident a household: 1002 or 1040 residents would be in the band
# by residents, 1000..1200, and no note; t/1400-staff-band.t)
P=1 t "501 households: one grid over by one beats two far under" band 501 "$(tens 501)" 501 1
P=1 t "520 households: least-bad single grid, noted" band 520 "$(tens 520)" 520 1
t "600 households: two grids of 300" band 600 "$(tens 600)" "300;300" 0
t "1000 households: three grids nearest the middle of the band" band 1000 "$(tens 1000)" "340;330;330" 0
t "one 700-household tower stays whole" band 700 "700" 700 1
t "a tower between small blocks: the tower alone" band 1300 "300 700 300" "300;700;300" 1

# the note names the block
t "note names the block that is too big" \
	grep -q "block '2号楼' alone has 700 households" "$TMP/e"

# residents: 400 households of 5 (2000 residents, 800 over) -> two grids
# of 200 cost 2 * 100 * 3 = 600 < 800: split
{ hdr; village 140824100001 5 "$(tens 400)"; } > "$TMP/r.csv"
t "residents over 1200 count as deviation" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/r.csv" > /dev/null 2>&1
	[ "$(awk -F, "NR > 1" "$2/g.csv" | wc -l)" -eq 2 ]' - "$R" "$TMP"

# rural: one grid up to 500, then split by villager group in the band
# (500 of 2 residents a household: above 1200 a village is split by
# residents too, t/1401-staff-rural.t)
{ hdr; village 140824200201 2 "100 100 100 100 100" 组; } > "$TMP/r500.csv"
{ hdr; village 140824200201 3 "100 100 100 100 101" 组; } > "$TMP/r501.csv"
t "rural 500: one grid, no note" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/r500.csv" > /dev/null 2> "$2/e" &&
	[ "$(awk -F, "NR > 1 { print \$4 \":\" \$7 }" "$2/g.csv")" = "500:" ] &&
	! [ -s "$2/e" ]' - "$R" "$TMP"
t "rural 501: split by group into the band" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/r501.csv" > /dev/null 2>&1 &&
	[ "$(awk -F, "NR > 1 { printf \"%s;\", \$4 }" "$2/g.csv")" = "300;201;" ]' - "$R" "$TMP"
t "rural grid keeps whole groups" sh -c '
	grid-code -R "$1" "$2/r501.csv" | awk -F, "NR > 1 { print \$3, \$6 }" |
	sort -u | awk "{ print \$1 }" | sort | uniq -d | grep -q . && exit 1; exit 0' - "$R" "$TMP"

# kind from the kind column wins over the name; unknown kind -> urban, noted
{ hdr; village 140824200203 3 "$(tens 400)" 组; } > "$TMP/k.csv"
t "kind column 'rural' wins over the name" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/k.csv" > /dev/null 2>&1 &&
	[ "$(awk -F, "NR > 1" "$2/g.csv" | wc -l)" -eq 1 ]' - "$R" "$TMP"
{ hdr; village 140824200204 3 "$(tens 250)"; } > "$TMP/u.csv"
t "unknown kind: divided as urban and noted" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/u.csv" > /dev/null 2>&1 &&
	grep -q "kind of village unknown: divided as urban" "$2/g.csv"' - "$R" "$TMP"

# codes are village + 001.. in block order
t "codes: village code + 001, 002 in block order" sh -c '
	{ echo household_id,village_code,block,address,persons
	  awk "BEGIN { for (i = 1; i <= 600; i++) printf \"h%d,140824100001,%d号楼,,2\n\", i, (i - 1) / 10 + 1 }"; } > "$2/c.csv" &&
	grid-code -R "$1" "$2/c.csv" | awk -F, "NR > 1 { print \$6 }" | uniq | tr "\n" " " |
	grep -qx "140824100001001 140824100001002 "' - "$R" "$TMP"
