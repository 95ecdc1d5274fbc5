#!/bin/sh
# share/calendar as shipped (gridwork-policy(5), CALENDAR FILES): every
# notice file YYYY.txt loads (a deadline in each year is counted on it,
# not provisionally) and its header names its source; festivals.tsv
# runs from the first notice to 2100 without a gap, each date in its
# row's year; statutory.tsv is the 2024 revision's list (13 days).  The
# festival dates themselves are checked against the notices by
# t/unit/date.c.
. "$(dirname "$0")/lib.sh"
C=$TOP/share/calendar
plan 7
cd "$TMP" || exit 2

ls "$C" | sed -n 's/^\([0-9]\{4\}\)\.txt$/\1/p' > years
t "the notices 2004 to 2026 are shipped" sh -c '
	[ "$(head -1 years)" = 2004 ] && [ "$(tail -1 years)" -ge 2026 ] &&
	[ "$(wc -l < years)" -eq $(($(tail -1 years) - 2003)) ]'

echo 'event_id,grid_code,reported_at,category' > ev.csv
while read -r y; do
	echo "E$y,140824100200001,$y-06-10 09:00,01" >> ev.csv
done < years
rc=0; case-route ev.csv > o 2> e || rc=$?
t "each notice year loads: a deadline in each, exit 0, none provisional" sh -c '
	[ $1 -eq 0 ] && [ "$(tail -n +2 o | wc -l)" -eq "$(wc -l < years)" ] &&
	! tail -n +2 o | grep -qv ",0$" && ! grep -q warning e' - $rc
t "each header names the notice and chinese-days 1.5.7" sh -c '
	while read -r y; do
		grep -q "^# (国务院办公厅关于${y}年部分节假日安排的通知" "$1/$y.txt" &&
		grep -q "^# The days are those of the npm package chinese-days 1.5.7" "$1/$y.txt" ||
		{ echo "$y.txt"; exit 1; }
	done < years' - "$C"

t "festivals.tsv: the header, then 2004 to 2100, one year a line" sh -c '
	grep -v "^#" "$1/festivals.tsv" > f &&
	[ "$(head -1 f)" = "$(printf "year\tchuxi\tqingming\tduanwu\tzhongqiu")" ] &&
	tail -n +2 f | awk -F"\t" "NF != 5 || \$1 != 2004 + NR - 1 { exit 1 } END { exit NR != 97 }"' - "$C"
t "festivals.tsv: every date in its row's year" sh -c '
	grep -v "^#" "$1/festivals.tsv" | tail -n +2 |
	awk -F"\t" "{ for (i = 2; i <= 5; i++) if (substr(\$i, 1, 5) != \$1 \"-\") exit 1 }"' - "$C"
t "festivals.tsv, well-known dates: 2027 除夕 5 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep" \
	grep -qx "$(printf '2027\t2027-02-05\t2027-04-05\t2027-06-09\t2027-09-15')" "$C/festivals.tsv"
t "statutory.tsv: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3" sh -c '
	grep -v "^#" "$1/statutory.tsv" | tr "\t" " " > s &&
	printf "%s\n" "festival anchor days" "元旦 01-01 1" "春节 chuxi 4" \
	    "清明节 qingming 1" "劳动节 05-01 2" "端午节 duanwu 1" \
	    "中秋节 zhongqiu 1" "国庆节 10-01 3" | diff -u - s' - "$C"
