#!/bin/sh
# bench/grid.sh [small|province] — grid-code on a generated province:
# N households (small 200,000; province 10,000,000) grouped by village as
# registers are, in villages of 100 to 2,999 households (half urban
# communities of buildings, half rural villages of villager groups),
# blocks of 20 to 219 households.
#   divide: grid-code -G (grouped input: one village held at a time), its
#           time, rows a second and peak memory; then the same input with
#           -U (every village held) for the memory it costs.
#   check:  grid-code --check on the division against sqlite3 running the
#           same checks as SQL over the imported assignment (import not
#           timed), in the same run.
# Prints
#   bench grid: scale=S households=N divide_s=T rows_per_s=R divide_kb=K
#     ungrouped_kb=K check_s=T sqlite_s=T ratio=X
# where ratio = sqlite seconds / grid-code --check seconds (target >= 3).
set -u
scale=${1:-small}
case $scale in
small) n=200000 ;;
province) n=10000000 ;;
*) echo "usage: bench/grid.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/grid-$scale
mkdir -p "$d" || exit 2
gc=$GW_BIN/grid-code

# Households and regions: a deterministic pseudo-random sequence (an
# LCG, so every awk gives the same province).
if [ ! -s "$d/households.csv" ] || [ ! -s "$d/regions.csv" ]; then
	awk -v n="$n" -v hh="$d/households.csv" -v reg="$d/regions.csv" '
	function rnd(m) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m }
	BEGIN {
		seed = 42
		print "household_id,village_code,block,address,persons" > hh
		print "code,name,kind" > reg
		made = 0
		for (v = 0; made < n; v++) {
			code = sprintf("62%02d%02d%03d%03d", 1 + int(v / 40000) % 99,
			    1 + int(v / 2000) % 20, 1 + int(v / 20) % 100, 1 + v % 20)
			urban = v % 2 == 0
			printf "%s,%s%d%s,%s\n", code, urban ? "第" : "", v,
			    urban ? "社区" : "村委会", urban ? "urban" : "rural" > reg
			size = 100 + rnd(2900)
			if (made + size > n)
				size = n - made
			b = 0
			for (i = 0; i < size; ) {
				b++
				bs = 20 + rnd(200)
				for (k = 0; k < bs && i < size; k++) {
					i++
					printf "%s-%05d,%s,%d%s,%d-%d,%d\n", code, i, code,
					    b, urban ? "号楼" : "组", b, k + 1,
					    1 + rnd(5) > hh
				}
			}
			made += size
		}
	}'
fi
rows=$(($(wc -l < "$d/households.csv") - 1))

measure divide sh -c '"$1" -R "$2/regions.csv" -G "$2/grids.csv" "$2/households.csv" > "$2/assigned.csv" 2>/dev/null' - "$gc" "$d"
div_s=$M_SEC div_kb=$M_KB
measure ungrouped "$gc" -U -R "$d/regions.csv" "$d/households.csv"
ung_kb=$M_KB

# best of three for both sides: the machine may be shared
best() {
	_b=
	for _i in 1 2 3; do
		measure "$@"
		_b=$(echo "${_b:-$M_SEC} $M_SEC" | awk '{ print ($2 < $1 ? $2 : $1) }')
	done
	M_SEC=$_b
}
best check sh -c '"$1" --check -R "$2/regions.csv" "$2/assigned.csv"; [ $? -le 1 ]' - "$gc" "$d"
chk_s=$M_SEC
"$gc" --check -R "$d/regions.csv" "$d/assigned.csv" 2>/dev/null | sed 1d |
	sort > "$d/check-gc.txt"

# sqlite3: import (not timed), then the same checks.
rm -f "$d/a.db"
sqlite3 "$d/a.db" <<EOF || exit 2
CREATE TABLE a(household_id TEXT, village_code TEXT, block TEXT,
    address TEXT, persons INTEGER, grid_code TEXT);
CREATE TABLE r(code TEXT, name TEXT, kind TEXT);
.mode csv
.import --skip 1 $d/assigned.csv a
.import --skip 1 $d/regions.csv r
EOF
cat > "$d/checks.sql" <<'EOF'
.mode csv
SELECT 'unassigned', '', household_id, '', 'no grid_code'
  FROM a WHERE grid_code = '';
SELECT 'duplicate_household', grid_code, household_id, block, ''
  FROM a WHERE household_id IN
    (SELECT household_id FROM a GROUP BY household_id HAVING count(*) > 1);
SELECT 'bad_code', grid_code, household_id, '', ''
  FROM a WHERE grid_code <> '' AND (length(grid_code) <> 15
    OR grid_code GLOB '*[^0-9]*' OR substr(grid_code, 13, 3) = '000'
    OR substr(grid_code, 13, 3) = '900' OR substr(grid_code, 10, 3) = '000');
SELECT 'foreign_code', grid_code, household_id, '', ''
  FROM a WHERE grid_code <> '' AND substr(grid_code, 1, 12) <> village_code;
SELECT 'split_block', min(grid_code), '', block, ''
  FROM a WHERE grid_code <> '' GROUP BY village_code, block
  HAVING count(DISTINCT grid_code) > 1;
SELECT 'duplicate_code', grid_code, '', '', ''
  FROM a WHERE grid_code <> '' GROUP BY grid_code
  HAVING count(DISTINCT village_code) > 1;
WITH g AS (SELECT grid_code, count(*) AS hh, sum(persons) AS res
      FROM a WHERE grid_code <> '' AND substr(grid_code, 13, 1) <> '9'
      GROUP BY grid_code),
  v AS (SELECT substr(grid_code, 1, 12) AS vil, count(*) AS n FROM g GROUP BY 1),
  -- a rural village in one grid, or a grid inside the band by its
  -- households or by its residents (gridwork-rules(7), PLACES AND CODES)
  k AS (SELECT g.*, (r.kind = 'rural' AND v.n = 1) AS single,
      ((g.hh BETWEEN 300 AND 500) OR (g.res BETWEEN 1000 AND 1200)) AS inband
      FROM g JOIN v ON v.vil = substr(g.grid_code, 1, 12)
        LEFT JOIN r ON r.code = v.vil)
SELECT 'oversize', grid_code, '', '', '' FROM k WHERE single AND hh > 500
UNION ALL SELECT 'over_residents', grid_code, '', '', '' FROM k
  WHERE single AND res > 1200
UNION ALL SELECT 'undersize', grid_code, '', '', '' FROM k
  WHERE NOT single AND hh < 300 AND NOT inband
UNION ALL SELECT 'oversize', grid_code, '', '', '' FROM k
  WHERE NOT single AND hh > 500 AND NOT inband
UNION ALL SELECT 'over_residents', grid_code, '', '', '' FROM k
  WHERE NOT single AND res > 1200;
EOF
best sqlite sh -c 'sqlite3 "$1/a.db" < "$1/checks.sql" > "$1/check-sql.txt"' - "$d"
sql_s=$M_SEC
# the same problems found: compare problem kinds and grid codes
a=$(awk -F, '{ print $1, $2 }' "$d/check-gc.txt" | sort | uniq | md5sum)
b=$(awk -F, '{ print $1, $2 }' "$d/check-sql.txt" | sort | uniq | md5sum)
same=yes
[ "$a" = "$b" ] || same=no

echo "bench grid: scale=$scale households=$rows divide_s=$div_s" \
    "rows_per_s=$(ratio "$rows" "$div_s" | cut -d. -f1) divide_kb=$div_kb" \
    "ungrouped_kb=$ung_kb check_s=$chk_s sqlite_s=$sql_s" \
    "ratio=$(ratio "$sql_s" "$chk_s") same_problems=$same"
