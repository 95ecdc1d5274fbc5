#!/bin/sh
# pay-calc: the floors (保底补差).  Full-time: the county's minimum wage
# (minwage.COUNTY) or floor.fulltime; part-time in a rural grid 500.00;
# an urban part-time worker none; a worker hired mid-month against the
# prorated floor; 不称职 still topped up; the profile's own floor
# (shanxi 2060.00).  floors.out was worked by hand.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 8
cd "$D" || exit 2
A="--month 2026-10 -R floors-regions.csv --workers floors-workers.csv --scores floors-scores.csv --cases no-cases.csv --events no-events.csv"

t "golden sheet of the floors (low.conf)" sh -c "pay-calc -p ./low.conf $A > $TMP/f.csv && diff -u floors.out $TMP/f.csv"
pay-calc -p ./low.conf -o jsonl $A > "$TMP/f.jsonl"
j() { jq -e -s "$1" "$TMP/f.jsonl" > /dev/null; }
t "minwage.620121 = 1960.00 and minwage.620102 = 2020.00 by the grid's county" \
	j '(.[] | select(.worker_id=="F1").gross) == "1960.00" and (.[] | select(.worker_id=="F2").gross) == "2020.00"'
t "a county without minwage: floor.fulltime 2020.00" j '(.[] | select(.worker_id=="F3").gross) == "2020.00"'
t "hired 20 Oct: the floor is 2020.00 x 9/18 = 1010.00" j '(.[] | select(.worker_id=="F4").gross) == "1010.00"'
t "rural part-time 不称职: 500.00; urban part-time: no floor" \
	j '(.[] | select(.worker_id=="F5").gross) == "500.00" and (.[] | select(.worker_id=="F6").gross) == "300.00"'
t "above the floor: no top-up" j '(.[] | select(.worker_id=="F7").floor_topup) == "0.00"'
t "-p shanxi: floor.fulltime 2060.00 (base 2000.00 + 不称职 topped up 60.00)" sh -c "
	pay-calc -p shanxi -o jsonl $A | jq -e -s '(.[] | select(.worker_id==\"F3\")) | .floor_topup == \"60.00\" and .gross == \"2060.00\"'"
t "no full-time worker below the floor, no rural part-time worker below 500.00 (all rows)" sh -c "
	awk -F, 'NR > 1 && \$5 == \"fulltime\" && \$4 != \"专职网格员\" { bad = 1 }
		NR > 1 && \$2 != \"F4\" && \$5 == \"fulltime\" && \$13 + 0 < 1960 { print; bad = 1 }
		NR > 1 && \$2 == \"F5\" && \$13 + 0 < 500 { print; bad = 1 } END { exit bad }' $TMP/f.csv"
