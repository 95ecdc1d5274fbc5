#!/bin/sh
# bench/pop.sh [small|province] — pop-report's registers by township
# against the same GROUP BY in sqlite3, same data, same run.
#   small:    about 1,000,000 persons (333,000 households)
#   province: about 30,000,000 persons (10,000,000 households)
# Data: gw-synth's census of the example county (examples/regions-
# 140824.csv) at that size (persons and households only), kept under
# $BENCH_DATA/pop/ between runs; the assignment gives each household
# grid 001 of its village (awk), which is all the count needs.
# Peer: sqlite3 with persons and assignment imported (import not timed;
# an index on assignment.household_id), then one GROUP BY township over
# the join counting households, residents, sex and the four age bands
# from the identity number: less than pop-report does (no check
# characters, no tags, no derived groups), so the ratio is a floor.
# Prints
#   bench pop: scale=S persons=P mb=M gw_s=T persons_per_s=R gw_cpu_s=C
#       rss_kb=K sqlite_s=T sqlite_cpu_s=C ratio_sqlite=X ratio_sqlite_cpu=Y
#       same_counts=yes|no
# (wall seconds, and user + system seconds; ratio = sqlite / pop-report;
# same_counts: the two agree on households, residents, sex and bands)
# Targets (issue 10): ratio_sqlite >= 3; 30,000,000 persons under 60 s.
# POP_HOUSEHOLDS overrides the household count.
set -u
scale=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

case $scale in
small) hh=333000 ;;
province) hh=10000000 ;;
*) echo "usage: bench/pop.sh [small|province]" >&2; exit 2 ;;
esac
hh=${POP_HOUSEHOLDS:-$hh}
d=$BENCH_DATA/pop/$hh
mkdir -p "$d" || exit 2

if [ ! -s "$d/census/persons.csv" ] || [ ! -s "$d/assignment.csv" ]; then
	rm -rf "$d/census" "$d/assignment.csv" "$d/pop.db"
	gw-synth -R "$top/examples/regions-140824.csv" --county 140824 \
	    --households "$hh" --only persons,households -O "$d/census" \
	    >/dev/null 2>&1 || { echo "bench pop: gw-synth failed"; exit 1; }
	awk -F, 'NR == 1 { print "household_id,grid_code"; next }
	    { print $1 "," $2 "001" }' "$d/census/households.csv" >"$d/assignment.csv"
fi
persons=$(($(wc -l <"$d/census/persons.csv") - 1))
mb=$(du -k "$d/census/persons.csv" | awk '{ printf "%.0f", $1 / 1024 }')

if [ ! -s "$d/pop.db" ]; then
	sqlite3 "$d/pop.db" ".mode csv" ".import $d/census/persons.csv persons" \
	    ".import $d/assignment.csv assignment" \
	    "CREATE INDEX assignment_hh ON assignment (household_id);" ||
	    { echo "bench pop: sqlite3 import failed"; exit 1; }
fi

# cpu CMD...: like measure, and sets C_SEC (user + system seconds): the
# machine may be shared, and CPU time is what a busy one does not blur
cpu() {
	measure "$@"
	C_SEC=$(awk '{ printf "%.3f", $1 + $2 }' "$d/.cpu")
}
cpu pop-report /usr/bin/time -f '%U %S' -o "$d/.cpu" sh -c \
    'exec pop-report --as-of 2026-10-31 --by township "$1" "$2" >"$3"' - \
    "$d/census/persons.csv" "$d/assignment.csv" "$d/gw.csv"
gw_s=$M_SEC gw_cpu=$C_SEC rss=$M_KB
cut -d, -f1,3-10 "$d/gw.csv" >"$d/gw.out"

# age at 2026-10-31 from the birth date in the identity number
cpu sqlite3 /usr/bin/time -f '%U %S' -o "$d/.cpu" sqlite3 "$d/pop.db" ".mode csv" ".headers on" ".output $d/sq.out" "
WITH p AS (
  SELECT substr(a.grid_code, 1, 9) AS town, p.household_id AS hh,
    CAST(substr(p.id_number, 17, 1) AS INTEGER) % 2 AS male,
    2026 - CAST(substr(p.id_number, 7, 4) AS INTEGER)
      - (substr(p.id_number, 11, 4) > '1031') AS age
  FROM persons p JOIN assignment a ON a.household_id = p.household_id)
SELECT town AS area_code, count(DISTINCT hh) AS households,
  count(*) AS residents, sum(male) AS male, sum(1 - male) AS female,
  sum(age <= 17) AS age_0_17, sum(age BETWEEN 18 AND 59) AS age_18_59,
  sum(age BETWEEN 60 AND 79) AS age_60_79, sum(age >= 80) AS age_80_plus
FROM p GROUP BY town ORDER BY town;"
sq_s=$M_SEC sq_cpu=$C_SEC

same=yes
tr -d '\r' <"$d/sq.out" | diff "$d/gw.out" - >/dev/null 2>&1 || same=no
echo "bench pop: scale=$scale persons=$persons mb=$mb gw_s=$gw_s" \
    "persons_per_s=$(echo "$persons $gw_s" | awk '{ printf "%.0f", $1 / $2 }')" \
    "gw_cpu_s=$gw_cpu rss_kb=$rss sqlite_s=$sq_s sqlite_cpu_s=$sq_cpu" \
    "ratio_sqlite=$(ratio "$sq_s" "$gw_s") ratio_sqlite_cpu=$(ratio "$sq_cpu" "$gw_cpu")" \
    "same_counts=$same"
