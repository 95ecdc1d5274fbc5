#!/bin/sh
# case-track over cases open into January 2027, a year with no holiday
# notice yet: the replay runs (no exit 2), each status row says in its
# last column whether its deadline was counted over 2027 (by case-route,
# through the orders' provisional column, or by the replay itself after
# a return), a deadline given in the log is never provisional, and the
# run warns once.  Dates worked out by hand on the provisional rule of
# gridwork-policy(5): 2027-01-01 (Friday) off, no weekend worked.
. "$(dirname "$0")/lib.sh"
plan 11
cd "$TMP" || exit 2

G=140824100200001
{
	echo 'event_id,grid_code,reported_at,category'
	echo "EK1,$G,2026-12-28 09:00,01"	# + 5: 29-31 Dec, 4, 5 Jan
	echo "EK2,$G,2026-12-21 09:00,01"	# + 5: 22-25, 28 Dec: exact
	echo "EK3,$G,2026-12-30 09:00,01"	# + 5: 31 Dec, 4-7 Jan
	echo "EK4,$G,2026-12-30 09:00,01"
	echo "EK5,$G,2026-12-30 09:00,01"
} > ev.csv
case-route ev.csv > orders.csv 2>/dev/null || exit 2
S='reported filed assigned'
{
	echo 'case_id,event_id,step,at,actor,department,satisfied,deadline'
	for s in $S; do echo "CK1,EK1,$s,2026-12-28 09:00,a,,,"; done
	for s in $S; do echo "CK2,EK2,$s,2026-12-21 09:00,a,,,"; done
	echo "CK2,EK2,handled,2027-01-04 09:00,a,,,"
	echo "CK2,EK2,answered,2027-01-04 10:00,a,,,"
	echo "CK2,EK2,closed,2027-01-04 11:00,a,,1,"
	for s in $S; do echo "CK3,EK3,$s,2026-12-30 09:00,a,,,"; done
	echo "CK3,EK3,returned,2026-12-31 09:00,a,,,"
	echo "CK3,EK3,assigned,2027-01-04 10:00,a,,,"	# + 5: 5-8, 11 Jan
	for s in $S; do echo "CK4,EK4,$s,2026-12-30 09:00,a,,,"; done
	echo "CK4,EK4,extended,2026-12-31 09:00,a,,,2027-01-20"
	echo "CK5,EK5,reported,2026-12-30 09:00,a,,,"
	echo "CK5,EK5,filed,2026-12-30 09:00,a,,,"
	echo "CK5,EK5,assigned,2026-12-30 09:00,a,,,2027-01-08"
} > log.csv

rc=0; case-track --as-of '2027-01-06 12:00' --orders orders.csv log.csv > o 2> e || rc=$?
t "exit 0, five cases" sh -c '[ $1 -eq 0 ] && [ "$(wc -l < o)" -eq 6 ]' - $rc
t "the case status contract columns, then provisional" sh -c '
	head -1 o | grep -qx "case_id,event_id,grid_code,category,state,department,reported_at,assigned_at,deadline,closed_at,working_days,on_time,overdue,satisfied,provisional"'
t "an order's provisional deadline (2027-01-05): provisional 1, overdue" \
	grep -q "^CK1,EK1,.*,assigned,.*,2027-01-05 23:59:59,,,,1,,1$" o
t "a deadline inside 2026 is exact (0) though its closing counts 2027: 9 working days" \
	grep -q "^CK2,.*,closed,.*,2026-12-28 23:59:59,2027-01-04 11:00:00,9,0,1,1,0$" o
t "re-assigned after a return, counted by the replay over 2027: 2027-01-11, 1" \
	grep -q "^CK3,.*,2027-01-04 10:00:00,2027-01-11 23:59:59,,,,0,,1$" o
t "extended to a date, or a deadline in the assigned row: provisional 0" sh -c '
	grep -q "^CK4,.*,2027-01-20 23:59:59,,,,0,,0$" o &&
	grep -q "^CK5,.*,2027-01-08 23:59:59,,,,0,,0$" o'
t "one warning for 2027" sh -c '
	[ "$(grep -c warning e)" -eq 1 ] &&
	grep -qx "case-track: warning: no holiday notice for 2027 in share/calendar: its deadlines and working days are provisional (statutory holidays only)" e'
t "--overdue: days_late, then provisional" sh -c '
	case-track --as-of "2027-01-06 12:00" --orders orders.csv --overdue log.csv > ov 2> ev &&
	head -1 ov | grep -q ",satisfied,days_late,provisional$" &&
	grep -q "^CK1,.*,2027-01-05 23:59:59,.*,1,,1,1$" ov && [ "$(grep -c warning ev)" -eq 1 ]'
t "--summary: runs, warns once" sh -c '
	case-track --as-of "2027-01-06 12:00" --orders orders.csv --summary log.csv > sm 2> es &&
	[ "$(wc -l < sm)" -eq 2 ] && [ "$(grep -c warning es)" -eq 1 ]'

sed '2s/,1$/,2/' orders.csv > bad-orders.csv
rc=0; case-track --as-of '2027-01-06 12:00' --orders bad-orders.csv log.csv > o2 2> e2 || rc=$?
t "an order with provisional 2: rejected with its reason, exit 1" sh -c '
	[ $1 -eq 1 ] &&
	grep -q "bad-orders.csv:2: column .provisional.: provisional must be 0 or 1, not .2." e2' - $rc
printf 'case_id,event_id,step,at,actor,department,satisfied,deadline\nCX,EX,reported,2101-01-03 09:00,a,,,\nCX,EX,filed,2101-01-03 09:00,a,,,\nCX,EX,assigned,2101-01-03 09:00,a,,,\nCX,EX,handled,2101-01-04 09:00,a,,,\nCX,EX,answered,2101-01-04 10:00,a,,,\nCX,EX,closed,2101-01-05 09:00,a,,,\n' > y2101.csv
t "a case in 2101 (no calendar): exit 2, stdout empty" sh -c '
	rc=0; case-track --as-of 2101-02-01 y2101.csv > o3 2> e3 || rc=$?
	[ $rc -eq 2 ] && [ ! -s o3 ] && grep -q "no calendar for 2101" e3'
