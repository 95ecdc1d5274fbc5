#!/bin/sh
# Adding the notice later and replaying gives the exact deadlines: with
# a copy of share/ (GRIDWORK_SHARE) into which a 2027.txt is added, the
# events routed again, and the old orders replayed as they are (their
# provisional deadlines are counted again), give the notice's deadlines
# and provisional 0, with no warning.  The 2027.txt here is made up for
# the test (Saturday 2 January worked, 1-3 February off), so that the
# deadlines differ from the provisional ones; worked out by hand.
. "$(dirname "$0")/lib.sh"
plan 7
cd "$TMP" || exit 2

G=140824100200001
{
	echo 'event_id,grid_code,reported_at,category'
	echo "EA,$G,2026-12-25 10:00,01"	# 28-31 Dec, then 4 Jan / 2 Jan
	echo "EB,$G,2027-01-29 10:00,0701"	# 1, 2, 3 Feb / 4, 5, 8 Feb
} > ev.csv
{
	echo 'case_id,event_id,step,at,actor,department,satisfied,deadline'
	for s in reported filed assigned; do
		echo "CA,EA,$s,2026-12-25 10:00,a,,,"
		echo "CB,EB,$s,2027-01-29 10:00,a,,,"
	done
} > log.csv

case-route ev.csv > old-orders.csv 2> e0
case-track --as-of 2027-02-10 --orders old-orders.csv log.csv > old-status.csv 2> e1
t "without the notice: provisional deadlines 2027-01-04 and 2027-02-03" sh -c '
	grep -q "^CA,.*,2027-01-04 23:59:59,5,1$" old-orders.csv &&
	grep -q "^CB,.*,2027-02-03 23:59:59,3,1$" old-orders.csv &&
	grep -q "^CA,.*,2027-01-04 23:59:59,,,,1,,1$" old-status.csv &&
	grep -q warning e0 && grep -q warning e1'

mkdir share && cp -R "$TOP/share/." share/ || exit 2
printf '# a made-up notice for the test\n2027-01-01\toff\t元旦\n2027-01-02\twork\t元旦调休\n2027-02-01..2027-02-03\toff\t假日\n' > share/calendar/2027.txt
GRIDWORK_SHARE=$TMP/share; export GRIDWORK_SHARE

case-route ev.csv > new-orders.csv 2> e2
t "routed again: the notice's deadlines, provisional 0" sh -c '
	grep -q "^CA,.*,2026-12-25 10:00:00,2027-01-02 23:59:59,5,0$" new-orders.csv &&
	grep -q "^CB,.*,2027-01-29 10:00:00,2027-02-08 23:59:59,3,0$" new-orders.csv'
t "and no warning" sh -c '! grep -q warning e2'
case-track --as-of 2027-02-10 --orders new-orders.csv log.csv > s1 2> e3
case-track --as-of 2027-02-10 --orders old-orders.csv log.csv > s2 2> e4
t "replayed on the new orders: exact, provisional 0, both overdue" sh -c '
	grep -q "^CA,.*,2027-01-02 23:59:59,,,,1,,0$" s1 &&
	grep -q "^CB,.*,2027-02-08 23:59:59,,,,1,,0$" s1'
t "the old provisional orders replayed as they are: the same status" test_cmp s1 s2
t "no warning in either replay" sh -c '! grep -q warning e3 && ! grep -q warning e4'
t "the shipped share is untouched: 2027 still provisional there" sh -c '
	GRIDWORK_SHARE=$1/share case-route ev.csv 2>&1 >/dev/null | grep -q "warning: no holiday notice for 2027"' - "$TOP"
