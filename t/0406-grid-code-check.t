#!/bin/sh
# grid-code --check: one row per problem, exit 1 when there is any.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 16

# assign V PERSONS GRID BLOCKSIZES [SUFFIX]: households of GRID with ids
# GRID-B-I, so that each call gives new households
assign() {
	village "$1" "$2" "$4" $5 | sed "s/^$1-/$3-/; s/\$/,$3/"
}
{ echo household_id,village_code,block,address,persons,grid_code
  assign 140824100001 2 140824100001001 "100 100 100"
  assign 140824200201 3 140824200201001 "200" 组
} > "$TMP/good.csv"
# (regions of those two villages only: any other is an empty_village)
grep -E '^(code|[0-9]{1,9}|140824100001|140824200201),' "$R" > "$TMP/good-regions.csv"
t "a clean division: header only, exit 0" sh -c '
	grid-code --check -R "$1" "$2" > "$3/o" &&
	[ "$(cat "$3/o")" = "problem,grid_code,household_id,block,detail" ]' - "$TMP/good-regions.csv" "$TMP/good.csv" "$TMP"

{ echo household_id,village_code,block,address,persons,grid_code
  assign 140824100001 2 140824100001001 "100 100 100"
  echo "x1,140824100001,9号楼,a,2,"
  echo "140824100001001-1-1,140824100001,1号楼,b,2,140824100001001"
  echo "x2,140824100001,9号楼,c,2,140824100001000"
  echo "x3,140824100001,9号楼,c,2,1408241000010011"
  echo "x4,140824100002,1号楼,d,2,140824100001001"
  echo "x5,140824100001,1号楼,e,2,140824100001003"
  assign 140824100001 2 140824100001002 "250" | sed 's/,1号楼,/,5号楼,/'
  # (1 resident a household: 521 households of 1042 would be in the band
  # by residents)
  assign 140824100001 1 140824100001003 "520" | sed 's/,1号楼,/,6号楼,/'
  assign 140824100001 4 140824100001004 "400" | sed 's/,1号楼,/,8号楼,/'
  assign 140824200201 3 140824200201001 "501" 组
  assign 140824200202 3 140824200202001 "200" 组
  echo "y1,140824100003,1号楼,f,2,140824100003001"
  echo "y2,140824100003,2号楼,f,2,140824100003902"
} > "$TMP/bad.csv"
grid-code --check -R "$R" "$TMP/bad.csv" > "$TMP/p.csv" 2> "$TMP/e"
rc=$?
t "problems: exit 1" [ "$rc" -eq 1 ]
has() { grep -q "$1" "$TMP/p.csv" || { echo "no line matching: $1"; head -20 "$TMP/p.csv"; return 1; }; }
t "unassigned" has '^unassigned,,x1,,no grid_code$'
t "duplicate_household" has '^duplicate_household,140824100001001,140824100001001-1-1,1号楼,household also at .*bad.csv:2$'
t "bad_code: sequence 000" has '^bad_code,140824100001000,x2,,'
t "bad_code: wrong length" has '^bad_code,.*,x3,,'
t "foreign_code" has '^foreign_code,140824100001001,x4,,"grid of village 140824100001, household of village 140824100002"$'
t "split_block" has '^split_block,140824100001001,x5,1号楼,block of village 140824100001 in grids 140824100001001;140824100001003$'
t "undersize" has '^undersize,140824100001002,,,"250 households, below 300"$'
t "oversize" has '^oversize,140824100001003,,,"521 households, above 500"$'
t "over_residents" has '^over_residents,140824100001004,,,"1600 residents, above 1200"$'
t "oversize rural village in one grid; a small one is fine" sh -c '
	grep -q "^oversize,140824200201001,,,\"501 households, above 500 (rural village in one grid)\"$" "$1" &&
	! grep -q 140824200202001 "$1"' - "$TMP/p.csv"
t "duplicate_code: one code for two villages" has '^duplicate_code,140824100001001,,,used for villages 140824100001;140824100002$'
t "dedicated grids have no size rules; rows come in a fixed order" sh -c '
	! grep -q 140824100003902 "$1" &&
	cut -d, -f1 "$1" | uniq | tr "\n" " " |
	grep -qx "problem unassigned duplicate_household bad_code foreign_code split_block duplicate_code undersize oversize over_residents undersize oversize over_residents empty_village "' - "$TMP/p.csv"
t "-o jsonl: one object a problem" sh -c '
	grid-code --check -R "$1" -o jsonl < "$2" 2>/dev/null |
	jq -se "length == $(($(wc -l < "$3") - 1)) and (.[0] | .problem == \"unassigned\" and .household_id == \"x1\")" > /dev/null' \
	- "$R" "$TMP/bad.csv" "$TMP/p.csv"
t "an unreadable row is rejected, not a problem: exit 1" sh -c '
	printf "household_id,village_code,grid_code\nh1,140824100001,140824100001001\nh2,bad,140824100001001\n" |
	grid-code --check -R "$1" > "$2/o" 2> "$2/e"; [ $? -eq 1 ] &&
	grep -q "stdin:3: column .village_code.:" "$2/e" && grep -q "^undersize," "$2/o"' - "$R" "$TMP"
