#!/bin/sh
# The urban band by households *or* residents (gridwork-rules(7), The
# urban band): 300-500 households or about 1000 residents (001
# "每300-500户或1000人左右"), at its edges, in --check and in the division.
. "$(dirname "$0")/lib.sh"
R=$T_DIR/grid-code/regions.csv
plan 9

# grid N RES: one urban grid of N households and RES residents in all
grid() {
	awk -v n="$1" -v r="$2" 'BEGIN {
		print "household_id,village_code,block,address,persons,grid_code"
		for (i = 0; i < n; i++)
			printf "h%d,140824100001,%d号楼,%d,%d,140824100001001\n", i,
			    int(i / 50) + 1, i, int(r / n) + (i < r % n)
	}'
}
# chk PROFILE N RES WANT: the problems --check finds, space-joined
chk() {
	got=$(grid "$2" "$3" | grid-code --check -p "$1" -R "$R" 2>&1 |
	    awk -F, 'NR > 1 && $1 !~ /_village$/ { printf "%s%s", s, $1; s = " " }')
	[ "$got" = "$4" ] || { echo "$1 $2/$3: got '$got', want '$4'"; return 1; }
}
t "gansu 250 households, 999 residents: undersize" chk gansu 250 999 undersize
t "gansu 250 households, 1000 residents: in the band" chk gansu 250 1000 ""
t "gansu 250 households, 1001 residents: in the band" chk gansu 250 1001 ""
t "gansu 250 households, 1201 residents: over residents" chk gansu 250 1201 "undersize over_residents"
t "lijin 249 households, 999 residents: undersize" chk lijin 249 999 undersize
t "lijin 249 households, 1000 residents: in the band" chk lijin 249 1000 ""
t "lijin 249 households, 1001 residents: under and over" chk lijin 249 1001 "undersize over_residents"
t "lijin 250 households, 1001 residents: over residents only" chk lijin 250 1001 over_residents

# dividing: 250 households of 1000 residents make one grid with no note
grid 250 1000 | cut -d, -f1-5 > "$TMP/h.csv"
t "the division: 250 households of 1000 residents, one grid, no note" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/h.csv" > /dev/null 2> "$2/e" &&
	[ "$(awk -F, "NR > 1 { print \$4 \":\" \$5 \":\" \$7 }" "$2/g.csv")" = "250:1000:" ] &&
	! [ -s "$2/e" ]' - "$R" "$TMP"
