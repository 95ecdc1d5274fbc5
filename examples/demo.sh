#!/bin/sh
# examples/demo.sh — the monthly pipeline on the example county (稷山县
# Jishan, 140824, at reduced size: examples/jishan/, made by gw-synth) into
# the store examples/gw.db, with every output under examples/out/; then
# October and November through gw-month into examples/month.db, its
# outputs under examples/out-month/.
# `make demo` runs it; GW_BIN names the built commands.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
: "${GW_BIN:=$top/build/bin}"
PATH=$GW_BIN:$PATH
: "${GRIDWORK_SHARE:=$top/share}"
export PATH GRIDWORK_SHARE
ex=$here/jishan
out=$here/out
db=$here/gw.db
month=2026-10
policy=jishan	# 稷山县 (Shanxi): shanxi with the county's own figures [S3]
monthend='2026-10-31 23:59:59'

step() { printf '\n== %s\n' "$*"; }

mdb=$here/month.db	# the months through gw-month, in a store of their own
mout=$here/out-month
rm -rf "$out" "$db" "$db-wal" "$db-shm" "$mout" "$mdb" "$mdb-wal" "$mdb-shm"
mkdir -p "$out"

step "load the registers into $db"
gw-load -d "$db" regions "$here/regions-140824.csv"
gw-load -d "$db" --as-of 2026-10-31 persons "$ex/persons.csv"
gw-load -d "$db" units "$ex/units.csv"

step "divide the county into grids"
grid-code -p "$policy" -R "$here/regions-140824.csv" -u "$ex/units.csv" -G "$out/grids.csv" \
	"$ex/households.csv" >"$out/assignment.csv"
grid-code --check -R "$here/regions-140824.csv" "$out/assignment.csv" >"$out/grid-check.csv" ||
	echo "grid-code --check: $(($(wc -l <"$out/grid-check.csv") - 1)) problems listed in out/grid-check.csv"
gw-load -d "$db" grids "$out/grids.csv"
gw-load -d "$db" workers "$ex/workers.csv"
echo "grids: $(($(wc -l <"$out/grids.csv") - 1)), households placed: $(($(wc -l <"$out/assignment.csv") - 1))"

step "population registers and key-person visits"
pop-report -p "$policy" --as-of 2026-10-31 --by township "$ex/persons.csv" \
	"$out/assignment.csv" >"$out/pop-township.csv"
pop-report -p "$policy" --as-of 2026-10-31 --list 社区矫正 "$ex/persons.csv" \
	"$out/assignment.csv" >"$out/pop-corrections.csv"
pop-report -p "$policy" --visits "$ex/visits.csv" --workers "$ex/workers.csv" \
	--month "$month" "$ex/persons.csv" "$out/assignment.csv" >"$out/visit-shortfall.csv"
pop-report -p "$policy" --visits "$ex/visits.csv" --workers "$ex/workers.csv" \
	--month "$month" --summary "$ex/persons.csv" "$out/assignment.csv" \
	>"$out/visit-compliance.csv"
gw-csv -c area_code,households,residents "$out/pop-township.csv" | head -4
echo "key persons short of their visits: $(($(wc -l <"$out/visit-shortfall.csv") - 1)) in out/visit-shortfall.csv"

step "screen grid-worker candidates (announcement of 2026-10-08)"
# one vacancy in every grid that has candidates
gw-csv -c grid_code "$ex/candidates.csv" | sed 1d | sort -u |
	awk 'BEGIN { print "grid_code,vacancies" } { print $0 ",1" }' >"$out/vacancies.csv"
gw-screen -p "$policy" --as-of 2026-10-08 --vacancies "$out/vacancies.csv" "$ex/candidates.csv" >"$out/screened.csv"
gw-load -d "$db" candidates "$ex/candidates.csv"
gw-screen -p "$policy" --as-of 2026-10-08 --vacancies "$out/vacancies.csv" --publicity \
	"$ex/candidates.csv" >"$out/publicity.csv"
gw-csv -c status "$out/screened.csv" | sed 1d | sort | uniq -c
echo "publicity list (masked): $(($(wc -l <"$out/publicity.csv") - 1)) names in out/publicity.csv"

step "classify the month's events and report them"
event-report -p "$policy" --classify "$ex/events.csv" >"$out/events.csv"
gw-load -d "$db" events "$out/events.csv"
event-report -p "$policy" --period month --at 2026-10-15 --by county "$out/events.csv" >"$out/event-month.csv"
head -6 "$out/event-month.csv"

step "route cases and track the closed loop"
case-route -p "$policy" "$out/events.csv" >"$out/orders.csv"
case-track -p "$policy" --as-of "$monthend" --orders "$out/orders.csv" "$ex/case_log.csv" >"$out/cases.csv"
case-track -p "$policy" --as-of "$monthend" --orders "$out/orders.csv" --summary --by township \
	"$ex/case_log.csv" >"$out/case-summary.csv"
case-track -p "$policy" --as-of "$monthend" --orders "$out/orders.csv" --overdue \
	"$ex/case_log.csv" >"$out/overdue.csv"
gw-load -d "$db" case_log "$ex/case_log.csv"
gw-load -d "$db" cases "$out/cases.csv"
cat "$out/case-summary.csv"
echo "overdue or due within a working day: $(($(wc -l <"$out/overdue.csv") - 1)) cases in out/overdue.csv"

step "score and rank the grid workers for $month"
score-month -p "$policy" --month "$month" --assignment "$out/assignment.csv" \
	--workers "$ex/workers.csv" --grids "$out/grids.csv" --events "$out/events.csv" \
	--cases "$out/cases.csv" --patrols "$ex/patrols.csv" --visits "$ex/visits.csv" \
	--logins "$ex/logins.csv" --trainings "$ex/trainings.csv" --bonus "$ex/bonus.csv" \
	>"$out/scores.csv"
gw-load -d "$db" scores "$out/scores.csv"
gw-csv -c grade "$out/scores.csv" | sed 1d | sort | uniq -c

step "pay sheet and budget for $month"
set -- -p "$policy" --month "$month" -R "$here/regions-140824.csv" \
	--workers "$ex/workers.csv" --scores "$out/scores.csv" --cases "$out/cases.csv" \
	--events "$out/events.csv" --rewards "$ex/rewards.csv"
pay-calc "$@" >"$out/pay.csv"
pay-calc --budget "$@" >"$out/pay-budget.csv"
gw-load -d "$db" pay "$out/pay.csv"
cat "$out/pay-budget.csv"

step "the month's analysis for leaders (月分析、月通报)"
# the store holds no visits yet: the month's are read from the file
gw-report -d "$db" --month "$month" -p "$policy" --visits "$ex/visits.csv" \
	>"$out/report-$month.html"
echo "report: out/report-$month.html (make demo prints it to PDF when chromium is there)"
step "October and November in one command each: gw-month into $mdb"
# the registers and the division (grid-code -d writes it back) ...
gw-load -d "$mdb" regions "$here/regions-140824.csv" 2>/dev/null
gw-load -d "$mdb" --as-of 2026-10-31 persons "$ex/persons.csv" 2>/dev/null
gw-load -d "$mdb" units "$ex/units.csv" 2>/dev/null
grid-code -p "$policy" -d "$mdb" >/dev/null 2>&1
# ... then each month's files, found by table name: October's activity
# with the events classified, routed and tracked above; November's own
# events and case log (examples/jishan-2026-11/, made by gw-synth --month
# 2026-11), which gw-month classifies, routes and tracks beside the cases
# October left open, and its activity made by gw-synth here
mkdir -p "$mout/in-2026-10" "$mout/in-2026-11"
for t in workers patrols visits logins trainings bonus rewards case_log; do
	cp "$ex/$t.csv" "$mout/in-2026-10/"
done
cp "$out/events.csv" "$out/orders.csv" "$out/cases.csv" "$mout/in-2026-10/"
cp "$here/jishan-2026-11/events.csv" "$here/jishan-2026-11/case_log.csv" \
	"$mout/in-2026-11/"
gw-synth -R "$here/regions-140824.csv" --county 140824 --households 2500 \
	--month 2026-11 --only patrols,visits,logins,trainings,bonus,rewards \
	-O "$mout/in-2026-11" 2>/dev/null
for m in 2026-10 2026-11; do
	gw-month -d "$mdb" --month $m -p "$policy" --in "$mout/in-$m" \
	    --out "$mout/$m" 2>&1 | grep -v '^gw-month: load '
done
# November's cases: its own beside those October left open
sqlite3 "$mdb" "SELECT '2026-11 cases: ' || count(*) || ' new (' ||
	sum(c.state = 'closed') || ' closed), ' || ((SELECT count(*) FROM cases
	WHERE month = '2026-11') - count(*)) || ' carried from October' FROM cases c
	JOIN events e ON e.event_id = c.event_id WHERE c.month = '2026-11' AND
	e.reported_at >= '2026-11-01'"
score-month -p "$policy" -d "$mdb" --quarter 2026-Q4 >"$mout/quarter.csv"
echo "2026-Q4 so far: $(($(wc -l <"$mout/quarter.csv") - 1)) workers over two months in out-month/quarter.csv"

step "done: the store and the outputs"
sqlite3 "$db" 'SELECT table_name, action, rows_read, rows_loaded, rows_rejected FROM audit ORDER BY id'
ls "$out"
