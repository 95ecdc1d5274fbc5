#!/bin/sh
# bench/month.sh [small|tenth|province] — a province month through
# gw-month: the month's files of bench/score.sh (40,000 workers,
# 10,000,000 events, 2,000,000 cases, 1,000,000 patrol rows, 20,000,000
# visit rows, logins, trainings, bonus), imports included, into a new
# store holding the grids, then every stage (classify, route, track,
# score, pay, pop) in one transaction.  Run on request only: `make bench
# SCALE=province`; at small and tenth it says so and does nothing
# (BENCH_MONTH=1 runs it on score.sh's small data, 1/50 of a province,
# or tenth, 1/10, to try it).  BENCH_MONTH_EVX=N makes each event N
# events (the copies settled on the spot, so no more cases), to show
# the memory flat in the events.
#
# The files are made from score.sh's (made first when missing) with what
# a store asks more than score-month: the assignment's village, a valid
# identity number for each worker, one patrol a worker and day, and the
# month's visits only (the edge weeks' belong to the months before and
# after); the cases are the month's own: the first of score.sh's events,
# one for each of its cases, are routed (the others settled on the spot)
# and get a case log (reported, filed, assigned as they came; handled,
# answered and closed the next day, or at once on the 31st, but one in
# twenty left open).
# Prints
#   bench month: scale=S rows=R events=E gw_s=T rows_per_s=N rss_kb=K scored=W
# target: gw_s under 600 on a 2-core machine; rss_kb flat in the events.
set -u
scale=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
case $scale in
province) ;;
small|tenth) [ -n "${BENCH_MONTH:-}" ] || { echo "bench month: skipped (make bench SCALE=province runs it)"; exit 0; } ;;
*) echo "usage: bench/month.sh [small|tenth|province]" >&2; exit 2 ;;
esac
evx=${BENCH_MONTH_EVX:-1}
src=$BENCH_DATA/score/$scale
[ -s "$src/visits.csv" ] || sh "$here/score.sh" "$scale" > /dev/null || exit 2
d=$BENCH_DATA/month/$scale-x$evx
in=$d/in
if [ ! -s "$in/visits.csv" ]; then
	mkdir -p "$in" || exit 2
	# a worker's identity number: 17 digits and the check character
	id=$(echo 62010219900101001 | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		for (i = 1; i <= 17; i++) s += substr($1, i, 1) * w[i]
		print $1 substr("10X98765432", s % 11 + 1, 1) }')
	awk -F, -v OFS=, 'NR == 1 { print "household_id,village_code,grid_code"; next }
		{ print $1, substr($2, 1, 12), $2 }' "$src/assignment.csv" > "$in/assignment.csv"
	awk -F, -v OFS=, -v id="$id" 'NR > 1 { $2 = id } { print }' \
	    "$src/workers.csv" > "$in/workers.csv"
	awk -F, '!seen[$1 "," $2]++' "$src/patrols.csv" > "$in/patrols.csv"
	awk -F, 'NR == 1 || (substr($2, 1, 7) == "2026-10" && !seen[$0]++)' \
	    "$src/visits.csv" > "$in/visits.csv"
	for f in logins trainings bonus; do
		cp "$src/$f.csv" "$in/$f.csv"
	done
	# the registers pay and the population reports read: the regions of
	# the grids, and one person a household (a valid identity number:
	# a birth date and sequence of its own, and the check character)
	LC_ALL=C awk -F, 'NR > 1 { v[substr($1, 1, 12)]; t[substr($1, 1, 9)]; c[substr($1, 1, 6)] }
		END { print "code,name,kind"
		for (k in c) print k ",县" k ","
		for (k in t) print k ",镇" k ","
		for (k in v) print k ",村" k "," }' "$src/grids.csv" > "$in/regions.csv"
	LC_ALL=C awk -F, -v OFS=, 'BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ") }
		NR == 1 { print "id_number,name,household_id,relation,village_code"; next }
		{ p = NR - 2; dd = int(p / 999)
		  id = sprintf("620102%04d%02d%02d%03d", 1950 + int(dd / 336),
		      1 + int(dd / 28) % 12, 1 + dd % 28, p % 999 + 1)
		  s = 0; for (i = 1; i <= 17; i++) s += substr(id, i, 1) * w[i]
		  print id substr("10X98765432", s % 11 + 1, 1), "居民" p, $1, "户主",
		      substr($2, 1, 12) }' "$src/assignment.csv" > "$in/persons.csv"
	ncase=$(($(wc -l < "$src/cases.csv") - 1))
	LC_ALL=C awk -F, -v OFS=, -v ncase="$ncase" -v evx="$evx" -v d="$in" '
	# the next day, or the same time on the last day of the month (the
	# log is all of October)
	function next_day(t,   dd) {
		dd = substr(t, 9, 2) + 1
		return dd > 31 ? t : sprintf("2026-10-%02d", dd) substr(t, 11)
	}
	NR == 1 {
		print $0, "settled" > (d "/events.csv")
		print "case_id,event_id,step,at,actor,department,satisfied,deadline" > (d "/case_log.csv")
		srand(17)
		next
	}
	{
		e = substr($1, 2) + 0
		print $0, (e < ncase ? 0 : 1) > (d "/events.csv")
		for (j = 1; j < evx; j++) {
			id = $1; $1 = id "x" j
			print $0, 1 > (d "/events.csv")
			$1 = id
		}
		if (e >= ncase)
			next
		c = "C" e
		print c, $1, "reported", $3, "群众", "", "", "" > (d "/case_log.csv")
		print c, $1, "filed", $3, "综治中心", "", "", "" > (d "/case_log.csv")
		print c, $1, "assigned", $3, "综治中心", "司法所", "", "" > (d "/case_log.csv")
		if (rand() < 0.05)
			next
		t = next_day($3)
		print c, $1, "handled", t, "司法所", "司法所", "", "" > (d "/case_log.csv")
		print c, $1, "answered", t, "司法所", "司法所", "", "" > (d "/case_log.csv")
		print c, $1, "closed", t, "综治中心", "", (rand() < 0.9), "" > (d "/case_log.csv")
	}' "$src/events.csv" || exit 2
fi
rows=$(cat "$in"/*.csv | wc -l)
nev=$(($(wc -l < "$in/events.csv") - 1))
db=$d/month.db
rm -f "$db" "$db-wal" "$db-shm"
gw-load -d "$db" grids "$src/grids.csv" 2> /dev/null || exit 2	# the store before
measure month gw-month -d "$db" --month 2026-10 --in "$in"
scored=$(sqlite3 "$db" "SELECT count(*) FROM scores" 2>/dev/null)
echo "bench month: scale=$scale rows=$rows events=$nev gw_s=$M_SEC rows_per_s=$(echo "$rows $M_SEC" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2 }') rss_kb=$M_KB scored=${scored:-0}"
