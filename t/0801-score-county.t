#!/bin/sh
# score-month on the whole example county (examples/jishan) for 2026-10:
# grids, assignment, classified events and case status made by the
# pipeline's own commands (as examples/demo.sh does), then every row
# recomputed independently in SQL (t/score-month/county.sql) must agree.
. "$(dirname "$0")/lib.sh"
plan 6

ex=$TOP/examples/jishan
reg=$TOP/examples/regions-140824.csv
cd "$TMP" || exit 2
grid-code -R "$reg" -u "$ex/units.csv" -G grids.csv "$ex/households.csv" \
	>assignment.csv 2>/dev/null
event-report --classify "$ex/events.csv" >events.csv 2>/dev/null
case-route events.csv >orders.csv 2>/dev/null
case-track --as-of '2026-10-31 23:59:59' --orders orders.csv \
	"$ex/case_log.csv" >cases.csv 2>/dev/null
cp "$ex/workers.csv" "$ex/patrols.csv" "$ex/visits.csv" "$ex/logins.csv" \
	"$ex/trainings.csv" "$ex/bonus.csv" .

t 'the pipeline made its tables' \
	test -s grids.csv -a -s assignment.csv -a -s events.csv -a -s cases.csv

score() {
	score-month --month 2026-10 --workers workers.csv --grids grids.csv \
		--assignment assignment.csv --events events.csv --cases cases.csv \
		--patrols patrols.csv --visits visits.csv --logins logins.csv \
		--trainings trainings.csv --bonus bonus.csv "$@"
}
score >scores.csv 2>err
rc=$?
t 'scores the county, exit 0, nothing rejected' test $rc -eq 0 -a ! -s err
t 'one row per worker' \
	test "$(($(wc -l <scores.csv) - 1))" -eq "$(($(wc -l <workers.csv) - 1))"

{
	for tab in workers grids assignment events cases patrols visits logins \
	    trainings bonus; do
		echo ".import --csv $tab.csv $tab"
	done
	echo '.mode csv'
	echo '.headers off'
	cat "$T_DIR/score-month/county.sql"
} >q.sql
sqlite3 :memory: <q.sql | tr -d '"\r' >sql.csv
sed 1d scores.csv | tr -d '"' >c.csv
t 'SQL recomputation agrees on every row' test_cmp sql.csv c.csv
t 'SQL recomputation is not empty' test "$(wc -l <sql.csv)" -gt 100

# the ranks: competition ranking, 1 at the top of every township
t 'every township ranks from 1, ranks never decrease down the rows' \
	awk -F, 'NR > 1 { if ($4 != t) { if ($17 != 1) exit 1; t = $4; p = 0 }
		if ($17 < p) exit 1; p = $17 }' scores.csv
