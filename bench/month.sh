#!/bin/sh
# bench/month.sh [small|province] — a province month through gw-month:
# the month's files of bench/score.sh (40,000 workers, 10,000,000
# events, 2,000,000 cases, 1,000,000 patrol rows, 20,000,000 visit rows,
# logins, trainings, bonus), imports included, into a new store holding
# the grids and the assignment, then the classification and the scores,
# in one transaction.  Run on request only: `make bench SCALE=province`;
# at small it says so and does nothing (BENCH_MONTH=1 runs it on
# score.sh's small data, 1/50 of a province, to try it).
#
# The files are made from score.sh's (made first when missing) with what
# a store asks more than score-month: the assignment's village, a valid
# identity number for each worker, one patrol a worker and day, and the
# month's visits only (the edge weeks' belong to the months before and
# after).  Prints
#   bench month: scale=S rows=R events=E gw_s=T rows_per_s=N rss_kb=K scored=W
# target: gw_s under 600 on a 2-core machine; rss_kb flat in the events.
set -u
scale=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
case $scale in
province) ;;
small) [ -n "${BENCH_MONTH:-}" ] || { echo "bench month: skipped (make bench SCALE=province runs it)"; exit 0; } ;;
*) echo "usage: bench/month.sh [small|province]" >&2; exit 2 ;;
esac
src=$BENCH_DATA/score/$scale
[ -s "$src/visits.csv" ] || sh "$here/score.sh" "$scale" > /dev/null || exit 2
d=$BENCH_DATA/month/$scale
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
	for f in events cases logins trainings bonus; do
		cp "$src/$f.csv" "$in/$f.csv"
	done
fi
rows=$(cat "$in"/*.csv | wc -l)
nev=$(($(wc -l < "$in/events.csv") - 1))
db=$d/month.db
rm -f "$db" "$db-wal" "$db-shm"
gw-load -d "$db" grids "$src/grids.csv" 2> /dev/null || exit 2	# the store before
measure month gw-month -d "$db" --month 2026-10 --in "$in"
scored=$(sqlite3 "$db" "SELECT count(*) FROM scores" 2>/dev/null)
echo "bench month: scale=$scale rows=$rows events=$nev gw_s=$M_SEC rows_per_s=$(echo "$rows $M_SEC" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2 }') rss_kb=$M_KB scored=${scored:-0}"
