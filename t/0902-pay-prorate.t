#!/bin/sh
# pay-calc: proration for workers hired during the month, by working
# days from the hiring day (share/calendar: 2026-10 has 18, with the
# worked Saturday 10 October), and rounding half-up at exact half fen.
# t/pay-calc/half.conf sets 100.01, 200.01 and a coefficient 0.5 so that
# x 9/18 and x 0.5 land on .5 of a fen; prorate.out was worked by hand.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 9
cd "$D" || exit 2
A="--month 2026-10 -R regions.csv --workers prorate-workers.csv --scores prorate-scores.csv --cases no-cases.csv --events no-events.csv"

t "golden prorated sheet (half.conf)" sh -c "pay-calc -p ./half.conf $A > $TMP/p.csv && diff -u prorate.out $TMP/p.csv"
pay-calc -p ./half.conf -o jsonl $A > "$TMP/p.jsonl"
j() { jq -e -s "$1" "$TMP/p.jsonl" > /dev/null; }
t "hired 20 Oct, 9 of 18 days: 100.01 x 9/18 = 50.005 -> 50.01 (half-up, not to even)" \
	j '(.[] | select(.worker_id=="P1")) | .base == "50.01" and .performance == "100.01"'
t "the floor prorated too: 500.00 x 9/18 = 250.00 reached by the top-up" \
	j '(.[] | select(.worker_id=="P1")) | .floor_topup == "99.98" and .gross == "250.00"'
t "hired on the worked Saturday 10 Oct: 16 days (88.90), the Sunday 11 Oct: 15 days (83.34)" \
	j '(.[] | select(.worker_id=="P2").base) == "88.90" and (.[] | select(.worker_id=="P3").base) == "83.34"'
t "pot 200.01 x 15/18 = 166.675 -> 166.68; floor 500 x 15/18 -> 416.67" \
	j '(.[] | select(.worker_id=="P3")) | .performance == "166.68" and .gross == "416.67"'
t "prorated pot, then the coefficient: 100.01 x 0.5 = 50.005 -> 50.01" \
	j '(.[] | select(.worker_id=="P7").performance) == "50.01"'
t "hired on 1 Oct (a holiday), 8 Oct (first working day) or with no date: the whole month" \
	j '[.[] | select(.worker_id=="P4" or .worker_id=="P5" or .worker_id=="P9") | .base] == ["100.01","100.01","100.01"]'
t "hired on Saturday 31 Oct (not worked): on the roster with 0.00" \
	j '(.[] | select(.worker_id=="P6")) | .base == "0.00" and .gross == "0.00"'
t "a month without a calendar file is a fatal error, nothing written" sh -c "
	pay-calc --month 2101-01 -R regions.csv --workers prorate-workers.csv --scores prorate-scores.csv --cases no-cases.csv --events no-events.csv > $TMP/o 2> $TMP/e;
	r=\$?; cat $TMP/e; [ \$r -eq 2 ] && [ ! -s $TMP/o ] && grep -q 'no calendar for 2101' $TMP/e"
