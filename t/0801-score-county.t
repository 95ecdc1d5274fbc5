#!/bin/sh
# score-month on the whole example county (examples/jishan) for 2026-10:
# grids, assignment, classified events and case status made by the
# pipeline's own commands (as examples/demo.sh does), then every row
# recomputed independently in SQL (t/score-month/county.sql) must agree.
. "$(dirname "$0")/lib.sh"
plan 15

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

# the same month from a store loaded with the same tables
for tab in grids workers events cases patrols visits logins trainings bonus; do
	gw-load -d s.db "$tab" "$tab.csv" 2>/dev/null || echo "gw-load $tab failed"
done >load.err
t 'the store loads' test ! -s load.err
score-month -d s.db --month 2026-10 --assignment assignment.csv \
	>store.csv 2>err
rc=$?
t 'from the store: exit 0, the same rows as from the files' \
	sh -c "test $rc -eq 0 && cmp -s store.csv scores.csv"
gw-load -d s.db scores scores.csv 2>/dev/null
score-month -d s.db --quarter 2026-Q4 >q-store.csv 2>/dev/null
score-month --quarter 2026-Q4 --scores scores.csv >q-file.csv 2>/dev/null
t 'quarter from the store equals quarter from the file' test_cmp q-file.csv q-store.csv
sed 1d q-file.csv | cut -d, -f2,5,6,7 | sort >q.pairs
sed 1d scores.csv | awk -F, '{ print $2 ",1,1," $15 }' | sort >m.pairs
t 'quarter of one month: every worker 1 month, partial, score kept' \
	test_cmp m.pairs q.pairs

# a store keeps every month: other months' rows are not this month's
w=$(sed -n 2p workers.csv | cut -d, -f1)
printf 'worker_id,date,minutes\n%s,2026-09-15,200\n' "$w" >p9.csv
printf 'worker_id,date\n%s,2026-11-02\n' "$w" >l11.csv
gw-load -d s.db patrols p9.csv 2>/dev/null && gw-load -d s.db logins l11.csv 2>/dev/null
score-month -d s.db --month 2026-10 --assignment assignment.csv \
	>store2.csv 2>err
rc=$?
t 'store with other months: exit 0, the same rows' \
	sh -c "test $rc -eq 0 && test ! -s err && cmp -s store2.csv scores.csv"
score-month -d s.db --week 2026-W42 --assignment assignment.csv \
	>week.csv 2>err
rc=$?
nhired=$(awk -F, 'NR > 1 && $8 > "2026-10-16"' workers.csv | wc -l)
t 'a week from the store: exit 0, a row per worker hired by its Friday' \
	sh -c "test $rc -eq 0 && test \$(sed 1d week.csv | cut -d, -f1 | sort -u) = 2026-W42 &&
		test \$(wc -l <week.csv) -eq \$((\$(wc -l <workers.csv) - $nhired)) &&
		test \$(grep -c 'not scored' err) -eq $nhired && test $nhired -gt 0"

# a store without a month's activity is refused, naming the table, not
# scored as zeros (the store of make demo had no patrols)
cp s.db empty.db
sqlite3 empty.db "DELETE FROM patrols WHERE date LIKE '2026-10-%'"
score-month -d empty.db --month 2026-10 --assignment assignment.csv \
	>zero.csv 2>err
rc=$?
t 'a store without the month'"'"'s patrols: exit 2, the table named, no output' \
	sh -c "test $rc -eq 2 && test ! -s zero.csv &&
		grep -q \"empty.db:patrols: no rows of 'patrols' for 2026-10\" err"
printf 'include = jishan\n[score]\nunused_inputs = patrols\n' >nopatrols.conf
score-month -d empty.db -p nopatrols.conf --month 2026-10 \
	--assignment assignment.csv >zero.csv 2>err
rc=$?
t 'a county whose policy keeps no patrols is scored without them' \
	sh -c "test $rc -eq 0 && test \$(wc -l <zero.csv) -gt 1"
sqlite3 empty.db "DELETE FROM scores"
score-month -d empty.db --quarter 2026-Q4 >zero.csv 2>err
rc=$?
t 'a quarter from a store without scores: exit 2, the table named' \
	sh -c "test $rc -eq 2 && grep -q \"empty.db:scores: no rows of 'scores'\" err"
