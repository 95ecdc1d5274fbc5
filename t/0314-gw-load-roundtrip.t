#!/bin/sh
# The round trip of every table: the example county (examples/jishan/,
# grids made by gw-synth) and, for cases, scores and pay, the good rows
# of t/gw-load/bad/ are loaded into a store, exported, loaded into a new
# store and exported again: the same bytes, as CSV and as TSV.  JSON Lines
# exports are JSON, one object a row.  An export has its audit row.
. "$(dirname "$0")/lib.sh"

tables="regions households persons units grids workers candidates events
case_log cases patrols visits logins trainings bonus rewards scores pay"
plan 23

cd "$TMP" || exit 2
ex=$TOP/examples/jishan
if [ -s "$ex/grids.csv" ]; then
	cp "$ex/grids.csv" grids.csv
else
	gw-synth -R "$TOP/examples/regions-140824.csv" --county 140824 \
	    --only grids -O g 2>/dev/null && cp g/grids.csv grids.csv || exit 2
fi
src() {
	case $1 in
	grids | cases | scores | pay) echo "$1.csv" ;;
	*) echo "$ex/$1.csv" ;;
	esac
}

# cases, scores and pay have no example sheet: made from the store
sheet() {
	case $1 in
	cases) sqlite3 -csv -header a.db "SELECT 'K' || rowid AS case_id,
	    event_id, grid_code, category, 'closed' AS state,
	    '司法所' AS department, reported_at, found_at AS assigned_at,
	    reported_at AS deadline, NULL AS closed_at,
	    rowid % 7 AS working_days, rowid % 2 AS on_time,
	    1 - rowid % 2 AS overdue, NULL AS satisfied FROM events" ;;
	scores) sqlite3 -csv -header a.db "SELECT '2026-10' AS month,
	    worker_id, grid_code, township_code, 1 AS attendance,
	    0.95 AS patrol, (rowid % 10) / 10.0 AS coverage,
	    0.125 AS discovery, 1 AS disposal, 1 AS ontime, 1 AS training,
	    1 AS satisfaction, rowid % 3 AS deductions, 0.5 AS bonus,
	    80 + (rowid % 200) / 10.0 AS score, '称职' AS grade,
	    rowid AS rank_township, rowid AS rank_county FROM workers" ;;
	pay) sqlite3 -csv -header a.db "SELECT '2026-10' AS month,
	    worker_id, name, role, employment, grid_code, '称职' AS grade,
	    '2200.00' AS base, '600.5' AS performance,
	    '￥1,020.05' AS case_subsidy, '0' AS reward,
	    '0.00' AS floor_topup, (rowid * 7) || '.10' AS gross
	    FROM workers" ;;
	esac > "$1.csv"
	echo "$1.csv"
}
src() {
	case $1 in
	grids) echo grids.csv ;;
	cases | scores | pay) sheet "$1" ;;
	*) echo "$ex/$1.csv" ;;
	esac
}

rc=0
for f in $tables; do
	gw-load -d a.db --as-of 2026-10-31 "$f" "$(src "$f")" 2>> a.err || rc=1
done
t "every sheet loads without a refused row" test $rc -eq 0 -a \
	"$(grep -c 'rejected 0$' a.err)" -eq 18

for f in $tables; do
	gw-load -d a.db --export "$f" > "a.$f.csv" &&
	gw-load -d b.db "$f" "a.$f.csv" 2>> b.err &&
	gw-load -d b.db --export "$f" > "b.$f.csv" &&
	cmp -s "a.$f.csv" "b.$f.csv" &&
	test "$(($(wc -l < "a.$f.csv") - 1))" -eq \
	    "$(sqlite3 a.db "SELECT count(*) FROM $f")"
	ok $? "$f: load, export, load, export: the same bytes"
done

for f in persons rewards; do
	gw-load -d a.db --export "$f" -o tsv > "a.$f.tsv" &&
	gw-load -d c.db "$f" "a.$f.tsv" 2>/dev/null &&
	gw-load -d c.db --export "$f" -o tsv | cmp -s - "a.$f.tsv"
	ok $? "$f: the same as TSV"
done

gw-load -d a.db --export workers -o jsonl > w.jsonl &&
test "$(jq -s length w.jsonl)" -eq "$(sqlite3 a.db 'SELECT count(*) FROM workers')" &&
jq -e 'select(.employment != "fulltime" and .employment != "parttime")' w.jsonl > /dev/null
t "JSON Lines: one object a row, with the store's values" test $? -eq 4
t "an export is in the audit table" test "$(sqlite3 a.db "SELECT count(*)
	FROM audit WHERE action = 'export' AND table_name = 'workers' AND
	rows_read = (SELECT count(*) FROM workers)")" -ge 2
