#!/bin/sh
# bench/pay.sh [small|province] — pay-calc's October 2026 sheet and
# budget for a province's roster, against the same sheet written in SQL
# in sqlite3, on the same files in the same run.
#
# Data (awk, kept under $BENCH_DATA/pay): W workers (small: 4,000;
# province: 40,000), one a grid, in 100 counties of Gansu (cities 05-09,
# none with a minwage key, so the floor is 2020.00 everywhere), 10
# townships each, villages half urban (社区) half rural (村委会); roles
# 网格长 / 专职网格员 full-time in urban grids, 兼职网格员 part-time in
# rural ones, every 50th a 网格辅助员, every 100th a 专属网格员 in a
# dedicated grid; one in 30 hired during October (prorated); a score a
# worker (one in 20 without), 3 events a worker (two of them the
# worker's own, categories 01 02 0703 0801 12), a case an event (80 %
# closed in October), a reward for one worker in ten, amounts written
# 1,234.50 / ￥88 / 12.5.
#
# The SQL peer: .import of the six files (timed apart, sqlite_import_s),
# then one query computing base, performance, case subsidies, rewards,
# floor top-up and gross for the workers hired before October (the SQL
# has no working-day calendar, so the prorated one in 30 is left out of
# the comparison), summed.
# Prints
#   bench pay: scale=S workers=W events=E gw_s=T gw_budget_s=T sqlite_s=T ratio_sqlite=X same=yes|no
#   bench pay: gw_cpu_s=T rss_kb=K sqlite_import_s=T identity=ok|broken gross=YUAN
# ratio_sqlite = sqlite query / pay-calc, wall clock.  same = the SQL's
# total gross of the whole-month workers equals pay-calc's to the fen.
# identity = t/pay-calc/identity.awk over the sheet and the budget.
set -u
scale=${1:-small}
case $scale in
small) n=4000 ;;
province) n=40000 ;;
*) echo "usage: bench/pay.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/pay/$n
mkdir -p "$d" || exit 2

if [ ! -s "$d/rewards.csv" ]; then
	LC_ALL=C.UTF-8 awk -v n="$n" -v d="$d" '
	BEGIN {
		reg = d "/regions.csv"; wk = d "/workers.csv"; sc = d "/scores.csv"
		ev = d "/events.csv"; cs = d "/cases.csv"; rw = d "/rewards.csv"
		print "code,name,kind" > reg
		print "worker_id,id_number,name,role,grid_code,township_code,employment,hired_on" > wk
		print "month,worker_id,grid_code,township_code,score,grade" > sc
		print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text" > ev
		print "case_id,event_id,grid_code,category,state,closed_at" > cs
		print "worker_id,month,amount,reason" > rw
		split("优秀 称职 基本称职 不称职", gr, " ")
		split("01 02 0703 0801 12", cat, " ")
		split("1,234.50 ￥88 12.5", amt, " ")
		# 100 counties x 10 townships x 8 villages x 5 grids = 40,000
		w = 0; e = 0
		for (c = 0; c < 100 && w < n; c++) {
			county = sprintf("62%02d%02d", 5 + int(c / 20), 1 + c % 20)
			print county ",县" c "," > reg
			for (t = 0; t < 10 && w < n; t++) {
				town = county sprintf("%03d", 100 + t)
				print town ",镇" c "-" t "," > reg
				for (v = 0; v < 8 && w < n; v++) {
					urban = v < 4
					vill = town sprintf("%03d", urban ? 1 + v : 201 + v)
					print vill "," (urban ? "某社区" : "某村委会") "," > reg
					for (g = 1; g <= 5 && w < n; g++) {
						w++
						id = sprintf("W%06d", w)
						if (w % 100 == 0) {
							grid = vill "901"; role = "专属网格员"; emp = "parttime"
						} else {
							grid = vill sprintf("%03d", g)
							if (w % 50 == 0) { role = "网格辅助员"; emp = "parttime" }
							else if (urban) { role = g == 1 ? "网格长" : "专职网格员"; emp = "fulltime" }
							else { role = "兼职网格员"; emp = "parttime" }
						}
						hired = w % 30 == 0 ? sprintf("2026-10-%02d", 8 + w % 23) : "2020-03-01"
						print id ",," "员" w "," role "," grid "," town "," emp "," hired > wk
						if (w % 20 != 0)
							print "2026-10," id "," grid "," town ",80.00," gr[1 + w % 4] > sc
						for (k = 0; k < 3; k++) {
							e++
							eid = sprintf("E%07d", e)
							ct = cat[1 + e % 5]
							if (k < 2) { src = "worker"; who = id } else { src = "resident"; who = "" }
							print eid "," grid ",2026-10-05 09:00:00,2026-10-05 08:00:00," src "," who "," ct ",事件" > ev
							cl = e % 5 == 0 ? "" : e % 10 == 1 ? "2026-09-28 10:00:00" : sprintf("2026-10-%02d 16:00:00", 6 + e % 25)
							print "C" substr(eid, 2) "," eid "," grid "," ct "," (cl == "" ? "handled" : "closed") "," cl > cs
						}
						if (w % 10 == 3)
							print id ",2026-10,\"" amt[1 + w % 3] "\",以奖代补" > rw
					}
				}
			}
		}
	}' || exit 2
fi
nev=$(($(wc -l < "$d/events.csv") - 1))
A="-p gansu --month 2026-10 -R $d/regions.csv --workers $d/workers.csv --scores $d/scores.csv --cases $d/cases.csv --events $d/events.csv --rewards $d/rewards.csv"

measure pay-calc sh -c "pay-calc $A > $d/sheet.csv"
gw_s=$M_SEC gw_kb=$M_KB
# CPU seconds too: steadier than the wall clock on a busy machine
/usr/bin/time -f '%U %S' -o "$d/cpu" pay-calc $A > /dev/null 2>&1
gw_cpu=$(awk '{ printf "%.3f", $1 + $2 }' "$d/cpu")
measure pay-budget sh -c "pay-calc --budget $A > $d/budget.csv"
gwb_s=$M_SEC
identity=broken
awk -F, -f "$top/t/pay-calc/identity.awk" "$d/sheet.csv" "$d/budget.csv" > "$d/identity.txt" && identity=ok
gross=$(awk -F, '$2 == "county" { split($11, p, "."); s += p[1] * 100 + p[2] } END { printf "%.2f", s / 100 }' "$d/budget.csv")

# the SQL peer
rm -f "$d/pay.db"
measure sqlite-import sqlite3 "$d/pay.db" \
	".import --csv $d/workers.csv workers" ".import --csv $d/scores.csv scores" \
	".import --csv $d/events.csv events" ".import --csv $d/cases.csv cases" \
	".import --csv $d/rewards.csv rewards" \
	"CREATE INDEX ev ON events (event_id)" "CREATE INDEX sc ON scores (worker_id)"
imp_s=$M_SEC
cat > "$d/pay.sql" <<'EOF'
WITH
w AS (SELECT worker_id, role, employment, grid_code, substr(grid_code, 10, 1) = '2' AS rural
      FROM workers WHERE hired_on < '2026-10-01'),
base AS (SELECT w.*, CASE role WHEN '网格长' THEN 220000 WHEN '专职网格员' THEN 200000
         WHEN '兼职网格员' THEN 30000 WHEN '网格辅助员' THEN 10000 ELSE 0 END AS base,
         CASE employment WHEN 'fulltime' THEN 60000 ELSE 20000 END AS pot FROM w),
perf AS (SELECT b.*, b.pot * CASE s.grade WHEN '优秀' THEN 12 WHEN '称职' THEN 10
         WHEN '基本称职' THEN 8 WHEN '不称职' THEN 0 ELSE 10 END / 10 AS perf
         FROM base b LEFT JOIN scores s ON s.worker_id = b.worker_id AND s.month = '2026-10'),
cs AS (SELECT e.reporter_id AS worker_id, sum(CASE
         WHEN c.category = '01' THEN 2000 WHEN substr(c.category, 1, 2) IN ('02','03','04','05','06') THEN 3000
         WHEN substr(c.category, 1, 2) = '07' THEN 1000 ELSE 500 END) AS cs
       FROM cases c JOIN events e ON e.event_id = c.event_id
       WHERE e.source = 'worker' AND c.closed_at >= '2026-10-01' AND c.closed_at < '2026-11-01'
       GROUP BY e.reporter_id),
rw AS (SELECT worker_id, sum(CAST(round(CAST(replace(replace(amount, ',', ''), '￥', '') AS REAL) * 100) AS INTEGER)) AS rw
       FROM rewards WHERE month = '2026-10' GROUP BY worker_id),
s AS (SELECT p.*, coalesce(cs.cs, 0) AS cs, coalesce(rw.rw, 0) AS rw,
        CASE WHEN role IN ('专属网格员', '网格辅助员') THEN 0
             WHEN employment = 'fulltime' THEN 202000
             WHEN rural THEN 50000 ELSE 0 END AS floor
      FROM perf p LEFT JOIN cs ON cs.worker_id = p.worker_id LEFT JOIN rw ON rw.worker_id = p.worker_id)
SELECT sum(max(floor, base + perf + cs + rw)) FROM s;
EOF
measure sqlite-query sh -c "sqlite3 $d/pay.db < $d/pay.sql > $d/sql.out"
sql_s=$M_SEC
gwfen=$(awk -F, 'NR == FNR { if ($8 < "2026-10-01") old[$1] = 1; next }
	FNR > 1 && old[$2] { split($13, p, "."); s += p[1] * 100 + p[2] } END { printf "%.0f\n", s }' "$d/workers.csv" "$d/sheet.csv")
same=no
[ "$gwfen" = "$(cat "$d/sql.out")" ] && same=yes
echo "bench pay: scale=$scale workers=$n events=$nev gw_s=$gw_s gw_budget_s=$gwb_s sqlite_s=$sql_s ratio_sqlite=$(ratio "$sql_s" "$gw_s") same=$same"
echo "bench pay: gw_cpu_s=$gw_cpu rss_kb=$gw_kb sqlite_import_s=$imp_s identity=$identity gross=$gross"
