#!/bin/sh
# pay-calc --month 2027-01, a month with no holiday notice yet: the
# sheet is made on the provisional calendar (gridwork-policy(5): 1
# January off, 20 working days), with one warning line, exit 0.  A
# part-time worker hired on Monday 18 January works 10 of the 20 days:
# base 300.00 x 10/20 = 150.00 (300.00 x 10/21 = 142.86 were 1 January
# counted).  A month after the festival table (2101-01) stays fatal.
# Nobody is scored: the profile says the county keeps no scores
# (t/pay-calc/unscored.conf, [pay] unused_inputs = scores).
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 4
cd "$TMP" || exit 2

printf 'worker_id,id_number,name,role,grid_code,township_code,employment,hired_on\n' > w.csv
printf 'P1,,一,兼职网格员,620121100201001,620121100,parttime,2027-01-18\n' >> w.csv
printf 'P2,,二,兼职网格员,620121100201002,620121100,parttime,\n' >> w.csv
A="-p $D/unscored.conf -R $D/regions.csv --workers w.csv --scores $D/no-scores.csv --cases $D/no-cases.csv --events $D/no-events.csv"

# shellcheck disable=SC2086
rc=0; pay-calc --month 2027-01 -o jsonl $A > o 2> e || rc=$?
t "exit 0, both workers on the sheet" sh -c '[ $1 -eq 0 ] && [ "$(wc -l < o)" -eq 2 ]' - $rc
t "hired 18 January: 10 of 20 working days, base 150.00; the other 300.00" \
	jq -e -s '(.[] | select(.worker_id=="P1").base) == "150.00" and
	    (.[] | select(.worker_id=="P2").base) == "300.00"' o
t "exactly one line on stderr: the warning" sh -c '
	[ "$(wc -l < e)" -eq 1 ] &&
	grep -qx "pay-calc: warning: no holiday notice for 2027 in share/calendar: its working days are provisional (statutory holidays only)" e'
# shellcheck disable=SC2086
t "--month 2101-01: no calendar, exit 2, stdout empty" sh -c '
	rc=0; pay-calc --month 2101-01 $1 > o2 2> e2 || rc=$?
	[ $rc -eq 2 ] && [ ! -s o2 ] && grep -q "no calendar for 2101" e2' - "$A"
