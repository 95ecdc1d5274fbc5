#!/bin/sh
# bench/event.sh [small|province] — the monthly county report of
# event-report against peers doing the same counts on the same file in
# the same run:
#   sqlite3   .import, then GROUP BY month, county, category with a sum
#             per source (September and October: the report's two periods)
#   mlr       put county and month, then count -g month,county,category,source
#   datamash  -s groupby grid_code,category,source count (it cannot cut a
#             county out of a code: finer groups, the same reading)
#   csvparse  a bare libcsv parse counting fields (bench/csvparse.c): the
#             floor for any reader of this file
# on N synthetic events (small: 500,000, about 64 MB; province:
# 10,000,000, about 1.3 GB) from bench/eventgen.c, every category given
# (the peers cannot classify).  Then event-report on a tenth as many
# events with a third of the categories empty, to show what the rules
# cost, and its peak memory on N/4 and N events.  Prints
#   bench event: scale=S events=N mb=M gw_s=T sqlite_s=T mlr_s=T
#                datamash_s=T csvparse_s=T ratio_peer=X ratio_libcsv=Y
#   bench event: cpu gw_s=T ... (the same in user + system seconds, which
#                a busy machine disturbs less; mlr uses several cores)
#   bench event: classify_events_per_s=R rss_kb_quarter=K rss_kb=K
# ratio_peer = fastest peer / event-report (target >= 5);
# ratio_libcsv = event-report / csvparse (target <= 2.5); one_core: the
# same run on one core (GW_EVENT_THREADS=1).  Times are the
# best of three wall-clock runs for event-report and csvparse, one for
# each peer.  Data is kept under $BENCH_DATA (bench/data/, not in git).
set -u
scale=${1:-small}
case $scale in
small) n=500000 ;;
province) n=10000000 ;;
*) echo "usage: bench/event.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/event
mkdir -p "$d" || exit 2
cc -O2 -o "$d/eventgen" "$here/eventgen.c" &&
cc -O2 -o "$d/csvparse" "$here/csvparse.c" -lcsv || exit 2

f=$d/events-$n.csv
fe=$d/events-$((n / 10))-empty.csv
fq=$d/events-$((n / 4)).csv
[ -s "$f" ] || { "$d/eventgen" "$n" 6 0 > "$f.tmp" && mv "$f.tmp" "$f"; } || exit 2
[ -s "$fe" ] || { "$d/eventgen" $((n / 10)) 7 33 > "$fe.tmp" && mv "$fe.tmp" "$fe"; } || exit 2
[ -s "$fq" ] || { head -$((n / 4 + 1)) "$f" > "$fq.tmp" && mv "$fq.tmp" "$fq"; } || exit 2
size=$(wc -c < "$f")
cat "$f" > /dev/null		# the same page cache for everyone

# cpu NAME CMD...: measure, and C_SEC = user + system seconds, which a
# busy machine disturbs far less than the wall clock
cpu() {
	_n=$1; shift
	measure "$_n" /usr/bin/time -f '%U %S' -o "$d/.cpu" "$@"
	C_SEC=$(awk '{ printf "%.3f", $1 + $2 }' "$d/.cpu")
}
best() {	# best NAME CMD...: best of three into B_SEC (wall), B_CPU
	B_SEC= B_CPU=
	for _i in 1 2 3; do
		cpu "$@"
		B_SEC=$(echo "${B_SEC:-$M_SEC} $M_SEC" | awk '{ print ($2 < $1) ? $2 : $1 }')
		B_CPU=$(echo "${B_CPU:-$C_SEC} $C_SEC" | awk '{ print ($2 < $1) ? $2 : $1 }')
	done
}
best event-report event-report --period month --at 2026-10-01 --by county "$f"
gw_s=$B_SEC gw_cpu=$B_CPU
# the same on one core (GW_EVENT_THREADS=1): what the second core gives
best event-report-1 env GW_EVENT_THREADS=1 event-report --period month \
	--at 2026-10-01 --by county "$f"
gw1_s=$B_SEC gw1_cpu=$B_CPU
best csvparse "$d/csvparse" "$f"
csv_s=$B_SEC csv_cpu=$B_CPU

cpu sqlite3 sh -c 'sqlite3 :memory: <<EOS
.mode csv
.import $1 events
SELECT substr(reported_at, 1, 7) AS month, substr(grid_code, 1, 6) AS county,
    category, count(*), sum(source = '"'"'worker'"'"'),
    sum(source = '"'"'resident'"'"'), sum(source = '"'"'hotline'"'"'),
    sum(source = '"'"'inspection'"'"')
FROM events WHERE reported_at >= '"'"'2026-09-01'"'"' AND reported_at < '"'"'2026-11-01'"'"'
GROUP BY 1, 2, 3 ORDER BY 2, 3, 1;
EOS' sh "$f"
sqlite_s=$M_SEC sqlite_cpu=$C_SEC
cpu mlr mlr --icsv --ocsv put '$county = substr0($grid_code, 0, 5); $month = substr0($reported_at, 0, 6)' \
	then count -g month,county,category,source "$f"
mlr_s=$M_SEC mlr_cpu=$C_SEC
cpu datamash datamash -t, --header-in -s groupby 2,7,5 count 1 < "$f"
datamash_s=$M_SEC datamash_cpu=$C_SEC
peer=$(printf '%s\n' "$sqlite_s" "$mlr_s" "$datamash_s" | sort -n | head -1)
peer_cpu=$(printf '%s\n' "$sqlite_cpu" "$mlr_cpu" "$datamash_cpu" | sort -n | head -1)

# the same county counts: event-report against sqlite3 on October
event-report --period month --at 2026-10-01 --by county "$f" |
	awk -F, 'NR > 1 && length($4) == 2 { print $2 "," $4 "," $5 }' | sort > "$d/gw.cnt"
sqlite3 :memory: > "$d/sq.cnt" <<EOS
.mode csv
.import $f events
SELECT substr(grid_code, 1, 6), category, count(*) FROM events
WHERE reported_at >= '2026-10-01' AND reported_at < '2026-11-01'
GROUP BY 1, 2 ORDER BY 1, 2;
EOS
awk -F, '{ $2 = substr($2, 1, 2); k = $1 "," $2; c[k] += $3 } END { for (k in c) print k "," c[k] }' \
	"$d/sq.cnt" | sort > "$d/sq.top"
cmp -s "$d/gw.cnt" "$d/sq.top" && same=yes || same=no

echo "bench event: scale=$scale events=$n mb=$(echo "$size" | awk '{ printf "%.0f", $1 / 1048576 }')" \
	"gw_s=$gw_s sqlite_s=$sqlite_s mlr_s=$mlr_s datamash_s=$datamash_s csvparse_s=$csv_s" \
	"ratio_peer=$(ratio "$peer" "$gw_s") ratio_libcsv=$(ratio "$gw_s" "$csv_s") same_counts=$same"
echo "bench event: cpu gw_s=$gw_cpu sqlite_s=$sqlite_cpu mlr_s=$mlr_cpu datamash_s=$datamash_cpu" \
	"csvparse_s=$csv_cpu ratio_peer=$(ratio "$peer_cpu" "$gw_cpu") ratio_libcsv=$(ratio "$gw_cpu" "$csv_cpu")"
echo "bench event: one_core gw_s=$gw1_s cpu_s=$gw1_cpu two_cores_speedup=$(ratio "$gw1_s" "$gw_s")" \
	"ratio_peer=$(ratio "$peer" "$gw1_s")"

best event-report-classify event-report --period month --at 2026-10-01 --by county "$fe"
cls=$(echo "$n $B_CPU" | awk '{ printf "%.0f", $1 / 10 / $2 }')
measure rss-quarter event-report --period month --at 2026-10-01 --by county "$fq"
rq=$M_KB
measure rss event-report --period month --at 2026-10-01 --by county "$f"
echo "bench event: classify_events_per_cpu_s=$cls (a third of $((n / 10)) events by the rules)" \
	"rss_kb_quarter=$rq rss_kb=$M_KB (bounded: the two should be about equal)"
