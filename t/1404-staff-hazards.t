#!/bin/sh
# grid-code --check --hazards: a hazard point (林田路井、矿产资源、河流沟壑,
# 000) that no grid covers is said, by block when it names one.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 5

grep -E '^(code|140824100001|140824200201|140824200202),' "$R" > "$TMP/r.csv"
{ echo household_id,village_code,block,address,persons,grid_code
  village 140824100001 3 "150 150" | sed 's/$/,140824100001001/'
  village 140824200201 3 "100" 组 | sed 's/$/,140824200201001/'
  village 140824200202 3 "100" 组 | sed 's/$/,/'
} > "$TMP/a.csv"
printf 'hazard_id,village_code,block,kind\nZ1,140824200201,1组,河流沟壑\nZ2,140824200201,9组,矿产资源\nZ3,140824200202,,林田路井\nZ4,140824100001,,\n' > "$TMP/z.csv"
grid-code --check -R "$TMP/r.csv" --hazards "$TMP/z.csv" "$TMP/a.csv" > "$TMP/p" 2> "$TMP/e"
t "problems: exit 1" [ $? -eq 1 ]
t "a hazard of a block no grid has" grep -qx 'uncovered_hazard,,,9组,hazard .Z2. (矿产资源) of village 140824200201 is in no grid' "$TMP/p"
t "a hazard of a village with no grid" grep -qx 'uncovered_hazard,,,,hazard .Z3. (林田路井) of village 140824200202 is in no grid' "$TMP/p"
t "covered ones are not said" sh -c '! grep -q "Z1\|Z4" "$1"' - "$TMP/p"
t "--hazards without --check: usage error" sh -c '
	grid-code -R "$1" --hazards "$2" "$3" > /dev/null 2>&1; [ $? -eq 2 ]' - "$TMP/r.csv" "$TMP/z.csv" "$TMP/a.csv"
