#!/bin/sh
# bench/classify.sh [small|province] — the event classifier (issue 22):
# training gansu's model on the corpus (target: under a minute), and
# event-report --classify on N events without a category whose texts are
# the corpus's over and over (small: 500,000; province: 10,000,000, a
# province's month), so that every event goes through the rules and the
# model; target >= 200,000 events a second on one core (event-report is
# single-threaded; the rate includes reading and writing the CSV).
# Prints
#   bench classify: train_s=T texts=N
#   bench classify: events=N classify_s=T events_per_s=R cpu_s=T
#                   events_per_cpu_s=R
# (the CPU figures are what a busy machine disturbs less).
set -u
scale=${1:-small}
case $scale in
small) n=500000 ;;
province) n=10000000 ;;
*) echo "usage: bench/classify.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
: "${BENCH_DATA:=$here/data}"
d=$BENCH_DATA/classify
mkdir -p "$d" || exit 2
corpus=$(ls "$top"/share/event/corpus-*.tsv)
f=$d/events-$n.csv
[ -s "$f" ] || { awk -F'\t' -v n="$n" '
	FNR == 1 { next }
	{ t[m++] = $2 }
	END {
		print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
		for (i = 0; i < n; i++) {
			s = t[i % m]; gsub(/"/, "\"\"", s)
			printf "E%d,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,\"%s\"\n", i, s
		}
	}' $corpus > "$f.tmp" && mv "$f.tmp" "$f"; } || exit 2
t0=$(date +%s.%N)
gw-train-events $corpus > "$d/model.lm" || exit 2
t1=$(date +%s.%N)
echo "bench classify: train_s=$(echo "$t1 - $t0" | bc -l | xargs printf '%.2f') texts=$(cat $corpus | grep -vc '^category	')"
/usr/bin/time -f '%e %U %S' -o "$d/time" event-report --classify "$f" > /dev/null || exit 2
read -r wall usr sys < "$d/time"
echo "bench classify: events=$n classify_s=$wall events_per_s=$(echo "$n / $wall" | bc) cpu_s=$(echo "$usr + $sys" | bc) events_per_cpu_s=$(echo "$n / ($usr + $sys)" | bc)"
