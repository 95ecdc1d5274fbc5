#!/bin/sh
# A rural village above the band by households *or* by residents is
# divided by villager group (参照城市社区标准); a rural grid over by
# residents is said by --check (gridwork-rules(7), The urban band).
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 5

# 480 households in four groups of 120: 3.5 residents each is 1680,
# above 1200 (001's village of 480 and 1,700); 3 (1440) costs less as one
# grid, noted, than as two of 240; 2.5 (1200) is not above
{ hdr; village 140824200201 3 "120 120 120 120" 组 |
  awk -F, -v OFS=, '{ $5 = NR % 2 ? 4 : 3; print }'; } > "$TMP/big.csv"
{ hdr; village 140824200201 3 "120 120 120 120" 组; } > "$TMP/mid.csv"
{ hdr; village 140824200201 3 "120 120 120 120" 组 |
  awk -F, -v OFS=, '{ $5 = NR % 2 ? 3 : 2; print }'; } > "$TMP/fit.csv"
t "480 households, 1440 residents: divided by group" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/big.csv" > "$2/a.csv" 2>/dev/null &&
	[ "$(awk -F, "NR > 1" "$2/g.csv" | wc -l)" -ge 2 ]' - "$R" "$TMP"
t "480 households, 1440 residents: one grid, noted" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/mid.csv" > /dev/null 2> "$2/e" &&
	grep -q "^140824200201001,.*,480,1440,.*1440 residents, above 1200" "$2/g.csv" &&
	[ -s "$2/e" ]' - "$R" "$TMP"
t "480 households, 1200 residents: one grid, no note" sh -c '
	grid-code -R "$1" -G "$2/g.csv" "$2/fit.csv" > /dev/null 2> "$2/e" &&
	[ "$(awk -F, "NR > 1 { print \$4 \":\" \$5 \":\" \$7 }" "$2/g.csv")" = "480:1200:" ] &&
	! [ -s "$2/e" ]' - "$R" "$TMP"
t "--check: a rural village in one grid over by residents only" sh -c '
	sed "1s/\$/,grid_code/; 2,\$s/\$/,140824200201001/" "$2/mid.csv" |
	grid-code --check -R "$1" | grep -v _village > "$2/p"
	[ "$(sed 1d "$2/p")" = "over_residents,140824200201001,,,\"1440 residents, above 1200 (rural village in one grid)\"" ]' - "$R" "$TMP"
t "--check: 1200 residents in one rural grid is fine" sh -c '
	sed "1s/\$/,grid_code/; 2,\$s/\$/,140824200201001/" "$2/fit.csv" |
	grid-code --check -R "$1" | grep -v _village > "$2/p"
	[ "$(sed 1d "$2/p")" = "" ]' - "$R" "$TMP"
