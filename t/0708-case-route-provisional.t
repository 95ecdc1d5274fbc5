#!/bin/sh
# case-route over a year with no holiday notice yet (2027): the orders
# are written, with provisional 1 where a deadline counted a 2027 day,
# the run warns once for the year whatever the number of rows, and the
# exit status is what the rows make it (0, or 1 with rejects).  A year
# with no calendar at all (before the first notice, after the festival
# table) stays fatal with stdout empty.  Deadlines worked out by hand on
# the provisional rule of gridwork-policy(5): 2027-01-01 (Friday, 元旦)
# off, no weekend worked.
. "$(dirname "$0")/lib.sh"
plan 9
cd "$TMP" || exit 2

H='event_id,grid_code,reported_at,category'
G=140824100200001
{
	echo "$H"
	echo "E1,$G,2026-12-24 10:00,01"	# 5 days: 25, 28, 29, 30, 31 Dec
	echo "E2,$G,2026-12-25 10:00,01"	# 28-31 Dec, then 4 Jan (1 Jan off)
	echo "E3,$G,2026-12-28 10:00,01"	# 29-31 Dec, 4, 5 Jan
	echo "E4,$G,2027-01-04 10:00,0701"	# 3 days: 5, 6, 7 Jan
	echo "E5,$G,2026-12-31 23:00,02"	# immediate: 24 clock hours
} > ev.csv

rc=0; case-route ev.csv > o 2> e || rc=$?
t "exit 0: every event routed" sh -c '[ $1 -eq 0 ] && [ "$(wc -l < o)" -eq 6 ]' - $rc
t "provisional is the last column of the orders" \
	sh -c 'head -1 o | grep -qx "case_id,event_id,grid_code,category,urgency,level,department,assigned_at,deadline,limit,provisional"'
t "assigned 2026-12-24 with 5 working days: 2026-12-31, no 2027 day counted, exact" \
	grep -q "^C1,E1,.*,2026-12-24 10:00:00,2026-12-31 23:59:59,5,0$" o
t "assigned 2026-12-25: 2027-01-04 (1 Jan off), provisional" \
	grep -q "^C2,E2,.*,2026-12-25 10:00:00,2027-01-04 23:59:59,5,1$" o
t "2026-12-28 + 5 = 2027-01-05; a 2027 assignment + 3 = 2027-01-07; both provisional" sh -c '
	grep -q "^C3,.*,2027-01-05 23:59:59,5,1$" o && grep -q "^C4,.*,2027-01-07 23:59:59,3,1$" o'
t "an immediate limit counts no day: provisional 0" \
	grep -q "^C5,.*,2026-12-31 23:00:00,2027-01-01 23:00:00,24h,0$" o
t "one warning for 2027, however many rows used it" sh -c '
	[ "$(grep -c warning e)" -eq 1 ] &&
	grep -qx "case-route: warning: no holiday notice for 2027 in share/calendar: its deadlines are provisional (statutory holidays only)" e'

# a rejected row still gives 1; the warning changes nothing
{ cat ev.csv; echo "E6,$G,2027-02-01 10:00,zz"; } > ev2.csv
rc=0; case-route ev2.csv > o2 2> e2 || rc=$?
t "with a reject: exit 1, the orders and the one warning as before" sh -c '
	[ $1 -eq 1 ] && diff -u o o2 && [ "$(grep -c warning e2)" -eq 1 ]' - $rc

printf '%s\nF1,%s,2101-03-01 10:00,01\n' "$H" $G > y2101.csv
printf '%s\nF2,%s,2003-06-02 10:00,01\n' "$H" $G > y2003.csv
printf '%s\nF3,%s,2100-12-28 10:00,01\n' "$H" $G > y2100.csv
t "2101 and 2003 (no calendar), and 2100 running into 2101: exit 2, stdout empty" sh -c '
	for y in 2101:2101 2003:2003 2100:2101; do
		rc=0; case-route "y${y%%:*}.csv" > o3 2> e3 || rc=$?
		[ $rc -eq 2 ] && [ ! -s o3 ] && grep -q "no calendar for ${y#*:}$" e3 || exit 1
	done'
