#!/bin/sh
# bench/csv.sh [small|province] — gw-csv CSV -> TSV against
# `mlr --icsv --otsv cat` on the same census-like file in the same run
# (small: 100 MiB, province: 400 MiB; about a fifth of the rows have a
# quoted address with a comma, some with doubled quotes), then peak RSS
# of gw-csv on that file and on one four times larger.  Prints
#   bench csv: scale=S mb=M gw_s=T gw_mbps=R mlr_s=T ratio_mlr=X same=yes|no
#   bench csv: gw_cpu_s=T gw_cpu_mbps=R mlr_cpu_s=T ratio_mlr_cpu=X
#   bench csv: rss_kb=K rss_kb_4x=K4 rss_growth_pct=P
# Targets (issue 2): ratio_mlr >= 5, gw_mbps >= 200, growth within 10 %.
# The files are kept under $BENCH_DATA (bench/data/, not in git).
set -u
scale=${1:-small}
case $scale in
small) mb=100 ;;
province) mb=400 ;;
*) echo "usage: bench/csv.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/csv
mkdir -p "$d" || exit 2
f=$d/census-$mb.csv
f4=$d/census-$((mb * 4)).csv

# Rows of the persons table (gridwork-store(5)): households of 1-5 people with
# identity numbers, Chinese names, relations, village codes, buildings
# or villager groups, addresses (some quoted), phones and tags.
if [ ! -s "$f" ]; then
	LC_ALL=C awk -v target=$((mb * 1048576)) '
	BEGIN {
		srand(42)
		split("张 王 李 赵 刘 陈 杨 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗", sn, " ")
		split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英", gn, " ")
		split("户主 配偶 子女 父母 孙子女 兄弟姐妹 其他", rel, " ")
		split("社区矫正 刑满释放 低保 独居老人 残疾人", tg, " ")
		print "id_number,name,household_id,relation,village_code,block,address,phone,tags"
		while (bytes < target) {
			hh = sprintf("%06d%08d", 620102 + int(rand() * 50), int(rand() * 99999999))
			vc = sprintf("620102%03d%03d", int(rand() * 20) + 1, int(rand() * 30) + 1)
			m = int(rand() * 5) + 1
			for (k = 0; k < m && bytes < target; k++) {
				id = sprintf("620102%04d%02d%02d%03d%s", 1940 + int(rand() * 80),
				    int(rand() * 12) + 1, int(rand() * 28) + 1, int(rand() * 999),
				    substr("0123456789X", int(rand() * 11) + 1, 1))
				nm = sn[int(rand() * 20) + 1] gn[int(rand() * 22) + 1]
				blk = (rand() < .5) ? (int(rand() * 30) + 1) "号楼" : "第" (int(rand() * 9) + 1) "村民小组"
				addr = "甘肃省兰州市城关区" int(rand() * 200) "号" int(rand() * 30) "单元" int(rand() * 600) "室"
				q = 0
				if (rand() < .2) { addr = addr ",东侧门面"; q = 1 }
				if (rand() < .05) { addr = addr " 备注\"\"旧址\"\""; q = 1 }
				if (q) addr = "\"" addr "\""
				ph = (rand() < .7) ? sprintf("1%d%09d", 3 + int(rand() * 6), int(rand() * 999999999)) : ""
				t = (rand() < .1) ? tg[int(rand() * 5) + 1] : ""
				if (rand() < .02) t = t ";" tg[int(rand() * 5) + 1]
				line = id "," nm "," hh "," rel[(k == 0) ? 1 : int(rand() * 6) + 2] "," vc "," blk "," addr "," ph "," t
				print line
				bytes += length(line) + 1
			}
		}
	}' > "$f.tmp" && mv "$f.tmp" "$f" || exit 2
fi
if [ ! -s "$f4" ]; then
	{ cat "$f"; for i in 1 2 3; do tail -n +2 "$f"; done; } > "$f4.tmp" &&
	mv "$f4.tmp" "$f4" || exit 2
fi
size=$(wc -c < "$f")
cat "$f" > /dev/null		# the same page cache for both

# CPU seconds (user + system) of the last command run by cpu
cpu() { /usr/bin/time -f '%U %S' -o "$d/.cpu" "$@" > /dev/null 2>&1
	CPU_SEC=$(tail -1 "$d/.cpu" | awk '{ printf "%.2f", $1 + $2 }'); }
min() { echo "$1 $2" | awk '{ print ($2 < $1) ? $2 : $1 }'; }

# gw-csv: best of three; mlr: once (it takes many times longer).  Wall
# time is the target; CPU time is printed too, as a loaded machine
# stretches the wall time of both.
best=; bestcpu=
for i in 1 2 3; do
	measure gw-csv sh -c 'gw-csv -o tsv "$1" > /dev/null' sh "$f"
	best=$(min "${best:-$M_SEC}" "$M_SEC")
	cpu gw-csv -o tsv "$f"
	bestcpu=$(min "${bestcpu:-$CPU_SEC}" "$CPU_SEC")
done
gw_s=$best
measure mlr sh -c 'mlr --icsv --otsv cat "$1" > /dev/null' sh "$f"
mlr_s=$M_SEC
cpu mlr --icsv --otsv cat "$f"
mlr_cpu=$CPU_SEC

# the same output, byte for byte, on the first 20,000 rows
head -20001 "$f" > "$d/head.csv"
mlr --icsv --otsv cat "$d/head.csv" > "$d/head.mlr.tsv"
if gw-csv -o tsv "$d/head.csv" | cmp -s - "$d/head.mlr.tsv"; then
	same=yes
else
	same=no
fi
echo "bench csv: scale=$scale mb=$(echo "$size" | awk '{ printf "%.0f", $1 / 1048576 }')" \
	"gw_s=$gw_s gw_mbps=$(mbps "$size" "$gw_s") mlr_s=$mlr_s" \
	"ratio_mlr=$(ratio "$mlr_s" "$gw_s") same=$same"
echo "bench csv: gw_cpu_s=$bestcpu gw_cpu_mbps=$(mbps "$size" "$bestcpu")" \
	"mlr_cpu_s=$mlr_cpu ratio_mlr_cpu=$(ratio "$mlr_cpu" "$bestcpu")"

measure gw-csv gw-csv -o tsv "$f"
rss=$M_KB
measure gw-csv-4x gw-csv -o tsv "$f4"
rss4=$M_KB
echo "bench csv: rss_kb=$rss rss_kb_4x=$rss4" \
	"rss_growth_pct=$(echo "$rss $rss4" | awk '{ printf "%.1f", ($2 - $1) * 100 / $1 }')"
