#!/bin/sh
# score-month: many workers in one grid.  Each worker's visits count
# apart (the first ten through a bit set a household, the rest through
# a map): twelve workers, each visiting H1 twice and H2 once in one week
# of October, cover 2 / (2 households x 5 weeks) = 0.2000 each; they tie
# on every indicator, so all rank 1.
. "$(dirname "$0")/lib.sh"
plan 3

cd "$TMP" || exit 2
printf 'grid_code,households\n140824100200001,2\n' >grids.csv
printf 'household_id,grid_code\nH1,140824100200001\nH2,140824100200001\n' >assignment.csv
echo 'worker_id,grid_code,township_code,hired_on' >workers.csv
echo 'worker_id,date,household_id' >visits.csv
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	echo "W$i,140824100200001,140824100," >>workers.csv
	printf 'W%s,2026-10-08,H1\nW%s,2026-10-09,H1\nW%s,2026-10-09,H2\n' \
		$i $i $i >>visits.csv
done
echo 'event_id,grid_code,reported_at,source' >events.csv
echo 'case_id,grid_code,deadline,closed_at,satisfied' >cases.csv
echo 'worker_id,date,minutes' >patrols.csv
echo 'worker_id,date' >logins.csv
echo 'worker_id,date,session_id,attended' >trainings.csv
printf "include = gansu\n[score]\nunused_inputs = patrols logins trainings\n" >unused.conf
score-month --month 2026-10 --workers workers.csv --grids grids.csv \
	--assignment assignment.csv --events events.csv --cases cases.csv \
	--patrols patrols.csv --visits visits.csv --logins logins.csv \
	--trainings trainings.csv -p unused.conf >out.csv 2>err
rc=$?
t 'exit 0, header-only tables are fine' test $rc -eq 0 -a ! -s err
t 'twelve workers, coverage 0.2000 each' \
	test "$(awk -F, 'NR > 1 && $7 == "0.2000"' out.csv | wc -l)" -eq 12
# 0 + 0 + 15 x 0.2 + 15 + 15 + 10 + 5 + 10 = 58.00, all tied
t 'all 58.00, all rank 1 in township and county' \
	test "$(awk -F, 'NR > 1 && $15 == "58.00" && $17 == 1 && $18 == 1' out.csv | wc -l)" -eq 12
