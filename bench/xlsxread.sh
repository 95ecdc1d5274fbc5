#!/bin/sh
# bench/xlsxread.sh [small|province] — gw-csv reading a census workbook
# (lib/xlsx.c) against xlsx2csv on the same file in the same run (small:
# 250,000 rows, province: 1,000,000).  The workbook is made as Excel saves
# one (bench/mkbook.py: every text a shared string, a title row, a date
# column); a second one, by gw-csv -o xlsx (libxlsxwriter, inline
# strings), shows the memory of the rows alone.  Prints
#   bench xlsxread: scale=S rows=N gw_s=T gw_kb=K xlsx2csv_s=T xlsx2csv_kb=K speedup=X
#   bench xlsxread: inline gw_s=T gw_kb=K same=yes|no
# speedup is xlsx2csv's time over gridwork's (the target is 3 or more);
# same says whether both wrote the same rows.  gw_kb holds the shared
# strings (Excel's file keeps every distinct text there: it grows with
# the distinct ID numbers); the inline figure must stay flat from one
# scale to the other.
set -u
scale=${1:-small}
case $scale in
small) rows=250000 ;;
province) rows=1000000 ;;
*) echo "usage: bench/xlsxread.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
command -v xlsx2csv >/dev/null || { echo "bench xlsxread: no xlsx2csv (make deps)"; exit 0; }
d=$BENCH_DATA/xlsxread
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
			    1 + int(rand() * 12), 1 + int(rand() * 28), 1 + int(rand() * 5000),
			    10 + int(rand() * 90), 1 + int(rand() * 6)
		}
	}' > "$f.tmp" && mv "$f.tmp" "$f"
fi
b=$d/persons-$rows.xlsx
if [ ! -s "$b" ]; then
	/usr/bin/python3 "$here/mkbook.py" "$f" "$b.tmp" && mv "$b.tmp" "$b" || exit 2
fi
measure gw-csv sh -c "gw-csv '$b' > '$d/gw.csv'"
gs=$M_SEC gk=$M_KB
measure xlsx2csv sh -c "xlsx2csv -f %Y-%m-%d '$b' > '$d/x.csv'"
xs=$M_SEC xk=$M_KB
echo "bench xlsxread: scale=$scale rows=$rows gw_s=$gs gw_kb=$gk xlsx2csv_s=$xs xlsx2csv_kb=$xk speedup=$(ratio "$xs" "$gs")"
same=no
sed 1d "$d/x.csv" | tr -d '\r' | cmp -s - "$d/gw.csv" && same=yes
i=$d/inline-$rows.xlsx
[ -s "$i" ] || gw-csv -o xlsx "$f" > "$i"
measure gw-csv-inline sh -c "gw-csv '$i' > '$d/gwi.csv'"
echo "bench xlsxread: inline gw_s=$M_SEC gw_kb=$M_KB same=$same"
rm -f "$d/gw.csv" "$d/x.csv" "$d/gwi.csv"
