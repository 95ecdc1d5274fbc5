#!/bin/sh
# bench/xlsx.sh [small|province] — gw-csv -o xlsx (a workbook through
# libxlsxwriter, constant memory) against gw-csv's own CSV output of the
# same census-like rows in the same run (small: 250,000 rows, province:
# 1,000,000, the most a sheet holds).  Prints
#   bench xlsx: scale=S rows=N csv_s=T csv_kb=K xlsx_s=T xlsx_kb=K ratio_csv=X
#   bench xlsx: workbook=yes|no bytes=B csv_bytes=C (the cells are checked
#   by t/0120-0122, not here: reading back takes longer than writing)
# A workbook costs more than a CSV (zip and XML); the peak memory must not
# grow with the rows (compare the two scales).
set -u
scale=${1:-small}
case $scale in
small) rows=250000 ;;
province) rows=1000000 ;;
*) echo "usage: bench/xlsx.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/xlsx
mkdir -p "$d" || exit 2
f=$d/persons-$rows.csv
if [ ! -s "$f" ]; then
	LC_ALL=C awk -v n=$rows '
	BEGIN {
		srand(18)
		split("张 王 李 赵 刘 陈 杨 黄 周 吴", sn, " ")
		split("伟 芳 娜 敏 静 丽 强 磊 军 洋", gn, " ")
		split("户主 配偶 子女 父母", rel, " ")
		print "id_number,name,household_id,relation,village_code,address,phone,hired_on,amount,persons"
		for (i = 0; i < n; i++) {
			vc = sprintf("620102%03d%03d", int(rand() * 20) + 1, int(rand() * 30) + 1)
			printf "620102%04d%02d%02d%03d%d,%s%s,%s-%05d,%s,%s,甘肃省兰州市城关区%d号,1%010d,20%02d-%02d-%02d,%d.%02d,%d\n",
			    1950 + int(rand() * 60), 1 + int(rand() * 12), 1 + int(rand() * 28),
			    int(rand() * 1000), int(rand() * 10), sn[1 + int(rand() * 10)],
			    gn[1 + int(rand() * 10)], vc, int(i / 3), rel[1 + int(rand() * 4)], vc,
			    int(rand() * 500), int(rand() * 9999999999), int(rand() * 25),
			    1 + int(rand() * 12), 1 + int(rand() * 28), int(rand() * 5000),
			    int(rand() * 100), 1 + int(rand() * 6)
		}
	}' > "$f.tmp" && mv "$f.tmp" "$f"
fi
measure csv sh -c "gw-csv '$f' > '$d/out.csv'"
cs=$M_SEC ck=$M_KB
measure xlsx sh -c "gw-csv -o xlsx '$f' > '$d/out.xlsx'"
xs=$M_SEC xk=$M_KB
echo "bench xlsx: scale=$scale rows=$rows csv_s=$cs csv_kb=$ck xlsx_s=$xs xlsx_kb=$xk ratio_csv=$(ratio "$xs" "$cs")"
same=no
[ "$(head -c 2 "$d/out.xlsx")" = PK ] && same=yes
echo "bench xlsx: workbook=$same bytes=$(wc -c < "$d/out.xlsx") csv_bytes=$(wc -c < "$d/out.csv")"
rm -f "$d/out.csv" "$d/out.xlsx"
