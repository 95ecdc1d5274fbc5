#!/bin/sh
# score-month --month 2027-01, a month with no holiday notice yet: it
# scores on the provisional calendar (gridwork-policy(5): 1 January,
# a Friday, off; 20 working days), says so in one warning line, and the
# exit status is not changed by it.  A worker logged in on each of the
# 20 weekdays 4-29 January has attendance 20/20 = 1.0000 (it would be
# 20/21 = 0.9524 were 1 January counted).  A month after the festival
# table (2101-01) stays fatal.
. "$(dirname "$0")/lib.sh"
plan 5
cd "$TMP" || exit 2

G=140824100200001
printf 'grid_code,households\n%s,1\n' $G > grids.csv
printf 'household_id,grid_code\nH1,%s\n' $G > assignment.csv
printf 'worker_id,grid_code,township_code,hired_on\nW1,%s,140824100,\n' $G > workers.csv
echo 'worker_id,date' > logins.csv
for d in 04 05 06 07 08 11 12 13 14 15 18 19 20 21 22 25 26 27 28 29; do
	echo "W1,2027-01-$d" >> logins.csv
done
echo 'worker_id,date,household_id' > visits.csv
echo 'event_id,grid_code,reported_at,source' > events.csv
echo 'case_id,grid_code,deadline,closed_at,satisfied' > cases.csv
echo 'worker_id,date,minutes' > patrols.csv
echo 'worker_id,date,session_id,attended' > trainings.csv
# a county that keeps no patrols, visits or trainings: only logins count
printf 'include = gansu\n[score]\nunused_inputs = patrols visits trainings\n' > p.conf
A="-p p.conf --workers workers.csv --grids grids.csv --assignment assignment.csv
 --events events.csv --cases cases.csv --patrols patrols.csv
 --visits visits.csv --trainings trainings.csv"

# shellcheck disable=SC2086
rc=0; score-month --month 2027-01 $A --logins logins.csv > o 2> e || rc=$?
t "exit 0, one worker scored" sh -c '[ $1 -eq 0 ] && [ "$(wc -l < o)" -eq 2 ]' - $rc
t "attendance 1.0000: 20 working days, 1 January off" \
	sh -c 'awk -F, "NR == 2 { ok = \$1 == \"2027-01\" && \$5 == \"1.0000\" } END { exit !ok }" o'
t "exactly one line on stderr: the warning" sh -c '
	[ "$(wc -l < e)" -eq 1 ] &&
	grep -qx "score-month: warning: no holiday notice for 2027 in share/calendar: its working days are provisional (statutory holidays only)" e'
head -6 logins.csv > logins-w1.csv	# 4-8 January
# shellcheck disable=SC2086
t "--week 2027-W01: 5 logins of 5 working days, one warning" sh -c '
	score-month --week 2027-W01 $1 --logins logins-w1.csv > ow 2> ew &&
	awk -F, "NR == 2 { ok = \$5 == \"1.0000\" } END { exit !ok }" ow &&
	[ "$(grep -c warning ew)" -eq 1 ]' - "$A"
# shellcheck disable=SC2086
t "--month 2101-01: no calendar, exit 2, stdout empty" sh -c '
	rc=0; score-month --month 2101-01 $1 --logins logins.csv > o2 2> e2 || rc=$?
	[ $rc -eq 2 ] && [ ! -s o2 ] && grep -q "no calendar for 2101" e2' - "$A"
