#!/bin/sh
# bench/score.sh [small|tenth|province] — score-month over a month against the
# same computation in SQL (t/score-month/county.sql, the query the tests
# check score-month with) in sqlite3, on the same files in the same run.
#
# Data (awk, kept under $BENCH_DATA/score), October 2026, province: 40,000
# workers (one a grid, 300 households a grid, 20 grids a township, 400 a
# county; one in a hundred hired on 15 October), 10,000,000 events (70%
# reported by the grid's worker, some immediate and late), 2,000,000
# cases (deadlines over October and into November, one in ten closed
# late, one in twenty open), 1,000,000 patrol rows, 20,000,000 visit
# rows over the month's ISO weeks, a login on every working day and two
# training sessions a worker.  small is 1/50 of that, tenth 1/10.
#
# The SQL peer: .import of every table and an index on each worker
# column (timed apart, sqlite_import_s), then the query alone (sqlite_s).
# Prints
#   bench score: scale=S workers=N rows=R gw_s=T sqlite_s=T ratio_sqlite=X same=yes|no
#   bench score: gw_cpu_s=T sqlite_cpu_s=T ratio_sqlite_cpu=X sqlite_import_s=T gw_rows_per_s=R rss_kb=K
# ratio_sqlite = sqlite query / score-month, wall clock (target >= 3).
# same = both give the same rows.
set -u
scale=${1:-small}
case $scale in
small) div=50 ;;
tenth) div=10 ;;
province) div=1 ;;
*) echo "usage: bench/score.sh [small|tenth|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
nw=$((40000 / div)); nev=$((10000000 / div)); ncase=$((2000000 / div))
npat=$((1000000 / div)); nvis=$((20000000 / div))
d=$BENCH_DATA/score/$scale
mkdir -p "$d" || exit 2

if [ ! -s "$d/visits.csv" ]; then
	LC_ALL=C awk -v nw="$nw" -v nev="$nev" -v ncase="$ncase" \
	    -v npat="$npat" -v nvis="$nvis" -v d="$d" '
	function grid(i,   c, t) {
		c = int(i / 400); t = int(i / 20) % 20
		return sprintf("62%02d%02d%03d%03d%03d", 1 + int(c / 30),
		    1 + c % 30, 100 + t, 200 + i % 20, 1)
	}
	function day(k) { return days[k] }	# k = 0 .. 34 from 2026-09-28
	BEGIN {
		srand(8)
		for (k = 0; k < 35; k++)
			days[k] = k < 3 ? sprintf("2026-09-%02d", 28 + k) : (k < 34 ? sprintf("2026-10-%02d", k - 2) : "2026-11-01")
		# October working days: 8-10, 12-16, 19-23, 26-30
		split("8 9 10 12 13 14 15 16 19 20 21 22 23 26 27 28 29 30", wd, " ")
		print "grid_code,village_code,kind,households,residents,blocks" > (d "/grids.csv")
		print "household_id,grid_code" > (d "/assignment.csv")
		print "worker_id,id_number,name,role,grid_code,township_code,employment,hired_on" > (d "/workers.csv")
		print "worker_id,date" > (d "/logins.csv")
		print "worker_id,date,session_id,attended" > (d "/trainings.csv")
		print "worker_id,month,points,reason" > (d "/bonus.csv")
		for (i = 0; i < nw; i++) {
			g = grid(i); gr[i] = g
			print g "," substr(g, 1, 12) ",base,300,900," > (d "/grids.csv")
			for (j = 0; j < 300; j++)
				print i "-" j "," g > (d "/assignment.csv")
			hired = i % 100 == 7 ? "2026-10-15" : "2020-01-01"
			print "W" i ",,网格员" i ",专职网格员," g "," substr(g, 1, 9) \
			    ",fulltime," hired > (d "/workers.csv")
			for (k = 1; k <= 18; k++)
				if (rand() < 0.9)
					print "W" i ",2026-10-" sprintf("%02d", wd[k]) > (d "/logins.csv")
			print "W" i ",2026-10-12,T1," (rand() < 0.8) > (d "/trainings.csv")
			print "W" i ",2026-10-26,T2," (rand() < 0.8) > (d "/trainings.csv")
			if (i % 37 == 0)
				print "W" i ",2026-10," int(rand() * 4) ",表彰" > (d "/bonus.csv")
		}
		print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,urgency" > (d "/events.csv")
		split("01 02 03 05 0703 0805 13", cat, " ")
		split("normal immediate urgent immediate urgent normal normal", urg, " ")
		for (e = 0; e < nev; e++) {
			i = int(rand() * nw); c = 1 + int(rand() * 7)
			t = int(rand() * 86400); k = 3 + int(rand() * 31)
			f = t - int(rand() * 5400); fk = k
			if (f < 0) { f += 86400; fk-- }
			w = rand() < 0.7
			printf "E%d,%s,%s %02d:%02d:%02d,%s %02d:%02d:%02d,%s,%s,%s,%s\n",
			    e, gr[i], day(k), t / 3600, t % 3600 / 60, t % 60,
			    day(fk), f / 3600, f % 3600 / 60, f % 60,
			    w ? "worker" : "resident", w ? "W" i : "", cat[c],
			    urg[c] > (d "/events.csv")
		}
		print "case_id,event_id,grid_code,category,state,department,reported_at,assigned_at,deadline,closed_at,working_days,on_time,overdue,satisfied" > (d "/cases.csv")
		for (e = 0; e < ncase; e++) {
			i = int(rand() * nw); k = 3 + int(rand() * 34)
			if (k > 34) k = 34
			r = rand()
			if (r < 0.05)
				cl = ""
			else {
				ck = r < 0.15 ? k + 1 : k - int(rand() * 3)
				cl = (ck > 34 ? "2026-11-02" : day(ck)) " 12:00:00"
			}
			printf "C%d,E%d,%s,01,%s,司法所,,,%s 23:59:59,%s,,,,%s\n",
			    e, e, gr[i], cl == "" ? "assigned" : "closed", day(k),
			    cl, cl == "" ? "" : (rand() < 0.9) > (d "/cases.csv")
		}
		print "worker_id,date,minutes" > (d "/patrols.csv")
		for (p = 0; p < npat; p++)
			print "W" (p % nw) ",2026-10-" sprintf("%02d", wd[1 + int(rand() * 18)]) \
			    "," 60 + int(rand() * 120) > (d "/patrols.csv")
		print "worker_id,date,household_id" > (d "/visits.csv")
		for (v = 0; v < nvis; v++) {
			i = v % nw
			print "W" i "," day(int(rand() * 35)) "," i "-" int(rand() * 300) > (d "/visits.csv")
		}
	}' || exit 2
	# the one hired mid-month visits and patrols only after hiring
	for f in visits patrols logins trainings; do
		awk -F, 'NR == 1 || !(substr($1, 2) % 100 == 7 && $2 < "2026-10-15")' \
		    "$d/$f.csv" >"$d/$f.tmp" && mv "$d/$f.tmp" "$d/$f.csv"
	done
fi

# the peer's tables (rebuilt every run: import timed apart)
db=$d/score.db
rm -f "$db"
t0=$(date +%s.%N)
{
	for tab in workers grids assignment events cases patrols visits logins \
	    trainings bonus; do
		echo ".import --csv $d/$tab.csv $tab"
	done
	cat <<'SQL'
CREATE INDEX w1 ON workers (worker_id);
CREATE INDEX g1 ON grids (grid_code);
CREATE INDEX a1 ON assignment (household_id);
CREATE INDEX e1 ON events (reporter_id);
CREATE INDEX e2 ON events (grid_code);
CREATE INDEX c1 ON cases (grid_code);
CREATE INDEX p1 ON patrols (worker_id, date);
CREATE INDEX v1 ON visits (worker_id, date);
CREATE INDEX l1 ON logins (worker_id, date);
CREATE INDEX t1 ON trainings (worker_id);
CREATE INDEX b1 ON bonus (worker_id);
SQL
} | sqlite3 "$db" || exit 2
t1=$(date +%s.%N)
imp=$(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}')
{ echo '.mode csv'; echo '.headers off'; cat "$top/t/score-month/county.sql"; } >"$d/q.sql"

rows=$(cat "$d"/*.csv | wc -l)
measure score-month sh -c "score-month --month 2026-10 --workers '$d/workers.csv' \
	--grids '$d/grids.csv' --assignment '$d/assignment.csv' \
	--events '$d/events.csv' --cases '$d/cases.csv' --patrols '$d/patrols.csv' \
	--visits '$d/visits.csv' --logins '$d/logins.csv' \
	--trainings '$d/trainings.csv' --bonus '$d/bonus.csv' >'$d/gw.out'"
gw=$M_SEC; rss=$M_KB
measure sqlite3 sh -c "sqlite3 '$db' <'$d/q.sql' >'$d/sql.out'"
sq=$M_SEC
same=no
sed 1d "$d/gw.out" | tr -d '"' >"$d/gw.cmp"
tr -d '"\r' <"$d/sql.out" >"$d/sql.cmp"
cmp -s "$d/gw.cmp" "$d/sql.cmp" && same=yes
# CPU seconds, by GNU time's user+sys of each, in the same run
cpu() { /usr/bin/time -f '%U %S' -o "$d/.cpu" "$@" >/dev/null 2>&1; tail -1 "$d/.cpu" | awk '{printf "%.3f", $1 + $2}'; }
gwc=$(cpu sh -c "score-month --month 2026-10 --workers '$d/workers.csv' \
	--grids '$d/grids.csv' --assignment '$d/assignment.csv' \
	--events '$d/events.csv' --cases '$d/cases.csv' --patrols '$d/patrols.csv' \
	--visits '$d/visits.csv' --logins '$d/logins.csv' \
	--trainings '$d/trainings.csv' --bonus '$d/bonus.csv'")
sqc=$(cpu sh -c "sqlite3 '$db' <'$d/q.sql'")
echo "bench score: scale=$scale workers=$nw rows=$rows gw_s=$gw sqlite_s=$sq ratio_sqlite=$(ratio "$sq" "$gw") same=$same"
echo "bench score: gw_cpu_s=$gwc sqlite_cpu_s=$sqc ratio_sqlite_cpu=$(ratio "$sqc" "$gwc") sqlite_import_s=$imp gw_rows_per_s=$(echo "$rows $gw" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2 }') rss_kb=$rss"
