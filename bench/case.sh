#!/bin/sh
# bench/case.sh [small|province] — case-track --summary --by township
# replaying a month's case log against the same replay written in SQL
# with window functions in sqlite3, on the same files in the same run.
#
# Data (awk, kept under $BENCH_DATA/case): N cases (small: 200,000;
# province: 2,000,000) over a month of 2026, 6 log rows each
# (reported filed assigned handled answered closed; one case in twenty
# has an extension instead of its close and stays open, one in fifteen
# closes late), the log sorted by time as a platform appends it, and
# the dispatch orders (case-route's columns) with grid codes over
# 1,000 townships.
#
# The SQL peer: .import of orders and log and an index on each (timed
# apart, sqlite_import_s),
# a working-day calendar table, then one query: LAG over each case's
# steps in time order to check every transition, the last valid state,
# the deadline after extensions, closed_at, working days through the
# calendar table, and the per-township counts case-track prints.
# Prints
#   bench case: scale=S cases=N rows=R gw_s=T sqlite_s=T ratio_sqlite=X same=yes|no
#   bench case: gw_cpu_s=T sqlite_cpu_s=T ratio_sqlite_cpu=X sqlite_import_s=T gw_rows_per_s=R
#   bench case: rss_kb=K rss_kb_quarter=K rss_kb_noorders=K rss_kb_noorders_quarter=K
# ratio_sqlite = sqlite query / case-track, wall clock (target >= 3);
# the _cpu ratio is the same in CPU seconds, steadier on a busy machine.
# same = the township, cases, closed, on_time and overdue_open columns
# agree.  Memory: the orders are held whole, so rss_kb grows with N; the
# replay alone (noorders) holds the open cases and one hash slot per
# closed case.
set -u
scale=${1:-small}
case $scale in
small) n=200000 ;;
province) n=2000000 ;;
*) echo "usage: bench/case.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/case
mkdir -p "$d" || exit 2
log=$d/log-$n.csv
ord=$d/orders-$n.csv
logq=$d/log-$((n / 4)).csv
ordq=$d/orders-$((n / 4)).csv
db=$d/case-$n.db

# gen N ORDERS LOG
gen() {
	LC_ALL=C awk -v n="$1" -v ordf="$2" '
	function ymd(t,   d, y, m, md) {	# seconds of 2026 -> text
		d = int(t / 86400); y = 2026
		split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
		for (m = 1; d >= md[m]; m++) d -= md[m]
		return sprintf("%04d-%02d-%02d %02d:%02d:%02d", y, m, d + 1,
		    int(t % 86400 / 3600), int(t % 3600 / 60), t % 60)
	}
	BEGIN {
		srand(7)
		t0 = 272 * 86400		# 2026-09-30
		span = 31 * 86400
		print "case_id,event_id,grid_code,category,urgency,level,department,assigned_at,deadline,limit" > ordf
		print "case_id,event_id,step,at,actor,department,satisfied,deadline"
		split("01 03 04 0703 0805 11 13", cat, " ")
		split("司法所 综治中心 派出所 消防救援大队 住房和城乡建设局 便民服务站 综治中心", dep, " ")
		for (i = 1; i <= n; i++) {
			c = int(rand() * 7) + 1
			tw = int(rand() * 1000)
			grid = sprintf("62%02d%02d%03d%03d%03d", 1 + tw % 14, 1 + int(tw / 14) % 30,
			    100 + tw % 50, 200 + int(rand() * 20), 1 + int(rand() * 5))
			id = sprintf("%09d", i)
			t = t0 + int(rand() * span)
			tf = t + 600; ta = tf + 1800
			dl = (int(ta / 86400) + 5) * 86400 + 86399	# about 3 working days
			late = rand() < 1 / 15
			th = late ? dl + 3600 : ta + int(rand() * (dl - ta - 7200))
			tn = th + 1800; tc = tn + 1800
			printf "C%s,E%s,%s,%s,normal,township,%s,%s,%s,3\n", id, id, grid,
			    cat[c], dep[c], ymd(ta), ymd(dl) > ordf
			printf "C%s,E%s,reported,%s,worker,,,\n", id, id, ymd(t)
			printf "C%s,E%s,filed,%s,centre,,,\n", id, id, ymd(tf)
			printf "C%s,E%s,assigned,%s,centre,%s,,\n", id, id, ymd(ta), dep[c]
			printf "C%s,E%s,handled,%s,%s,%s,,\n", id, id, ymd(th), dep[c], dep[c]
			printf "C%s,E%s,answered,%s,%s,%s,,\n", id, id, ymd(tn), dep[c], dep[c]
			if (rand() < 0.05)
				printf "C%s,E%s,extended,%s,%s,%s,,%s\n", id, id, ymd(tc), dep[c],
				    dep[c], ymd(dl + 7 * 86400)
			else
				printf "C%s,E%s,closed,%s,centre,%s,%d,\n", id, id, ymd(tc), dep[c],
				    rand() < 0.9
		}
	}' | { IFS= read -r h; echo "$h"; LC_ALL=C sort -t, -k4,4 -s; }
}
[ -s "$log" ] && [ -s "$ord" ] || { gen "$n" "$ord.tmp" > "$log.tmp" &&
	mv "$log.tmp" "$log" && mv "$ord.tmp" "$ord"; } || exit 2
[ -s "$logq" ] && [ -s "$ordq" ] || { gen $((n / 4)) "$ordq.tmp" > "$logq.tmp" &&
	mv "$logq.tmp" "$logq" && mv "$ordq.tmp" "$ordq"; } || exit 2
rows=$(($(wc -l < "$log") - 1))
asof="2026-11-05 00:00:00"

# The calendar as a table: wn = working days from 2026-01-01 up to the
# day, so that working days between two days is a difference.
calsql() {
	LC_ALL=C awk '
	BEGIN { split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ") }
	/^[0-9]/ {
		split($1, r, /\.\./); if (!r[2]) r[2] = r[1]
		for (k = 1; k <= 2; k++) { split(r[k], p, "-"); x = 0
			for (m = 1; m < p[2] + 0; m++) x += md[m]; e[k] = x + p[3] - 1 }
		for (x = e[1]; x <= e[2]; x++) kind[x] = $2
	}
	END {
		print "CREATE TABLE cal(day TEXT PRIMARY KEY, wn INTEGER);"
		print "BEGIN;"
		for (x = 0; x < 365; x++) {
			w = (x + 3) % 7		# 2026-01-01 is a Thursday: 0 = Monday
			work = (x in kind) ? kind[x] == "work" : w < 5
			wn += work
			d = x; for (m = 1; d >= md[m]; m++) d -= md[m]
			printf "INSERT INTO cal VALUES(\"2026-%02d-%02d\", %d);\n", m, d + 1, wn
		}
		print "COMMIT;"
	}' "$GRIDWORK_SHARE/calendar/2026.txt"
}

rm -f "$db"
t0=$(date +%s.%N)
{ calsql; cat <<EOF
.mode csv
.import $ord orders
.import $log log
CREATE UNIQUE INDEX orders_case ON orders(case_id);
CREATE INDEX log_case ON log(case_id, at);
EOF
} | sqlite3 "$db" || exit 2
t1=$(date +%s.%N)
import_s=$(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}')

cat > "$d/replay.sql" <<EOF
.mode csv
.headers on
WITH s AS (
	SELECT case_id, step, at, deadline, satisfied,
	    LAG(step) OVER w AS prev, LAG(at) OVER w AS prevat
	FROM log WHERE at <= '$asof'
	WINDOW w AS (PARTITION BY case_id ORDER BY at, rowid)
), v AS (
	SELECT *, CASE
	    WHEN prevat IS NOT NULL AND at < prevat THEN 0
	    WHEN step = 'reported' THEN prev IS NULL
	    WHEN step = 'filed' THEN prev = 'reported'
	    WHEN step = 'assigned' THEN prev IN ('filed', 'returned')
	    WHEN step = 'handled' THEN prev IN ('assigned', 'extended')
	    WHEN step = 'returned' THEN prev IN ('assigned', 'extended')
	    WHEN step = 'answered' THEN prev IN ('handled', 'extended')
	    WHEN step = 'extended' THEN prev IN ('assigned', 'handled', 'answered', 'extended')
	    WHEN step = 'closed' THEN prev IN ('answered', 'extended')
	    ELSE 0 END AS ok
	FROM s
), c AS (
	SELECT case_id,
	    MAX(CASE WHEN step = 'closed' AND ok THEN at END) AS closed_at,
	    MAX(CASE WHEN step = 'assigned' AND ok THEN at END) AS assigned_at,
	    MAX(CASE WHEN step = 'extended' AND ok THEN deadline END) AS ext,
	    MAX(CASE WHEN step = 'closed' AND ok THEN satisfied END) AS sat
	FROM v GROUP BY case_id
), k AS (
	SELECT substr(o.grid_code, 1, 9) AS township_code, c.closed_at,
	    COALESCE(c.ext, o.deadline) AS dl, c.sat,
	    (SELECT wn FROM cal WHERE day = substr(c.closed_at, 1, 10)) -
	    (SELECT wn FROM cal WHERE day = substr(c.assigned_at, 1, 10)) AS wd
	FROM c JOIN orders o USING (case_id)
)
SELECT township_code, COUNT(*) AS cases,
    SUM(dl <= '$asof') AS due,
    SUM(closed_at IS NOT NULL) AS closed,
    SUM(dl <= '$asof' AND closed_at IS NOT NULL) AS closed_due,
    SUM(dl <= '$asof' AND closed_at <= dl) AS on_time,
    SUM(closed_at IS NULL AND dl < '$asof') AS overdue_open,
    ROUND(AVG(CASE WHEN closed_at IS NOT NULL THEN wd END), 2) AS mean_working_days,
    AVG(CASE WHEN sat <> '' THEN sat + 0 END) AS satisfaction_rate
FROM k GROUP BY township_code ORDER BY township_code;
EOF

cat "$log" "$ord" > /dev/null		# the same page cache for both
# tm NAME CMD...: wall and CPU (user + system) seconds and peak RSS of
# CMD into T_WALL, T_CPU, T_KB
tm() {
	_n=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$d/.tm" "$@" > /dev/null 2> "$d/.err" ||
		{ echo "bench case: $_n failed:"; tail -3 "$d/.err"; }
	set -- $(tail -1 "$d/.tm")
	T_WALL=$1 T_CPU=$(echo "$2 $3" | awk '{ printf "%.2f", $1 + $2 }') T_KB=$4
}
tm case-track sh -c 'case-track --as-of "$1" --orders "$2" --summary --by township "$3" > "$4"' \
	- "$asof" "$ord" "$log" "$d/gw.csv"
gw_s=$T_WALL gw_cpu=$T_CPU rss=$T_KB
tm sqlite3 sh -c 'sqlite3 "$1" < "$2" > "$3"' - "$db" "$d/replay.sql" "$d/sql.csv"
sql_s=$T_WALL sql_cpu=$T_CPU
# memory: with the orders (held whole) on N/4 and N cases; without
# them (--by department) only the open cases and a slot per closed one
tm case-track-quarter case-track --as-of "$asof" --orders "$ordq" --summary --by township "$logq"
rssq=$T_KB
tm case-track-noorders case-track --as-of "$asof" --summary --by department "$log"
rssn=$T_KB
tm case-track-noorders-quarter case-track --as-of "$asof" --summary --by department "$logq"
rssnq=$T_KB

cut -d, -f1,2,4,6,9 "$d/gw.csv" > "$d/gw.cmp"
cut -d, -f1,2,4,6,7 "$d/sql.csv" > "$d/sql.cmp"
same=no
cmp -s "$d/gw.cmp" "$d/sql.cmp" && same=yes
echo "bench case: scale=$scale cases=$n rows=$rows gw_s=$gw_s sqlite_s=$sql_s ratio_sqlite=$(ratio "$sql_s" "$gw_s") same=$same"
echo "bench case: gw_cpu_s=$gw_cpu sqlite_cpu_s=$sql_cpu ratio_sqlite_cpu=$(ratio "$sql_cpu" "$gw_cpu") sqlite_import_s=$import_s gw_rows_per_s=$(echo "$rows $gw_s" | awk '{printf "%.0f", $1 / $2}')"
echo "bench case: rss_kb=$rss rss_kb_quarter=$rssq rss_kb_noorders=$rssn rss_kb_noorders_quarter=$rssnq"
