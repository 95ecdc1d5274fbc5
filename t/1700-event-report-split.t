#!/bin/sh
# event-report on two cores (evrun_split, lib/split.c): one file cut at a
# record boundary proven outside quotes, each part counted on a core and
# the counts merged, must give what one core gives, byte for byte:
# output, messages and exit status, in every counting mode, with
# duplicates across the cut, with quoted line breaks where the cut would
# fall, CRLF, a BOM, GB18030, TSV; a part with a rejected row, or whose
# encoding one reader would have decided otherwise, is read again on one
# core; a workbook, a stray quote, an old-Mac file stay on one core.
# GW_EVENT_SPLIT=1 splits any size and says how it went on stderr.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 22
cd "$TMP" || exit 2
A="--period month --at 2026-10-15"

# events of gen.awk without its bad rows
awk -v n=6000 -v seed=17 -f "$D/gen.awk" > raw.csv
awk -F, 'NR == 1 || ($3 !~ /02-30/ && $2 !~ /000$/ && $5 != "wechat" &&
	$4 !~ /12-31/ && $3 >= $4)' raw.csv > clean.csv

# same FILE WAY ARGS...: one core and two give the same; two said WAY
same() {
	f=$1 way=$2; shift 2
	GW_EVENT_THREADS=1 event-report "$@" "$f" > o1 2> e1; echo $? > r1
	GW_EVENT_THREADS=2 GW_EVENT_SPLIT=1 event-report "$@" "$f" > o2 \
	    2> e2; echo $? > r2
	grep "^event-report: split at byte .*: $way\$" e2 > /dev/null || {
		echo "# wanted '$way':"; grep 'split at' e2 | sed 's/^/# /'
		return 1
	}
	grep -v '^event-report: split at byte' e2 > e2.rest
	test_cmp o1 o2 && test_cmp e1 e2.rest && test_cmp r1 r2
}

t "counts by county" same clean.csv "two cores" $A
t "counts by grid" same clean.csv "two cores" $A --by grid
t "--partial" same clean.csv "two cores" $A --partial
{ echo grid_code; awk -F, 'NR > 1 { print $2 }' clean.csv | sort -u
  echo 620102001001999; } > grids.csv
t "--zero" same clean.csv "two cores" $A --zero -G grids.csv

# duplicates: rows of the first half again in the second, and the other
# way round
n=$(wc -l < clean.csv)
{ cat clean.csv; sed -n "2,40p" clean.csv; } > dup1.csv
{ head -1 clean.csv; sed -n "$((n - 30)),${n}p" clean.csv
  sed 1d clean.csv; } > dup2.csv
t "duplicates across the cut" same dup1.csv "two cores" $A
t "duplicates: exit 1, each said once" sh -c \
	'grep -c "duplicate event_id" e2 | grep -qx 39 && test "$(cat r2)" = 1'
t "duplicates, the first in the second half" same dup2.csv "two cores" $A

# rejected rows in both halves: the second is read again
t "rejected rows" same raw.csv "second part read again" $A
t "rejected rows, --partial" same raw.csv "second part read again" $A --partial

# quoted line breaks (and a quoted quote) on every row around the middle,
# so that the cut must move past them
awk -F, -v n="$n" 'NR > 1 && NR > n / 2 - 40 && NR < n / 2 + 40 {
	$8 = "\"" $8 "\n第二行, \"\"引号\"\"\"" } { print }' OFS=, clean.csv \
	> quoted.csv
t "quoted line breaks where the cut falls" same quoted.csv "two cores" $A
t "quoted line breaks: the counts as without them" sh -c \
	'GW_EVENT_SPLIT=1 event-report '"$A"' quoted.csv | cmp - o1 &&
	 event-report '"$A"' clean.csv | cmp - o1'

t "CRLF" sh -c 'sed "s/\$/\r/" clean.csv > crlf.csv' &&
t "CRLF: the same" same crlf.csv "two cores" $A
printf '\357\273\277' > bom.csv; cat clean.csv >> bom.csv
t "a BOM" same bom.csv "two cores" $A
iconv -f UTF-8 -t GB18030 clean.csv > gb.csv
t "GB18030" same gb.csv "two cores" $A
# the first half ASCII, the second GB18030: decided by the second part
# as one reader would
{ head -$((n / 2)) clean.csv | sed 's/,[^,]*$/,ok/'
  sed -n "$((n / 2 + 1)),\$p" clean.csv | iconv -f UTF-8 -t GB18030; } > late.csv
t "GB18030 first met in the second half" same late.csv "two cores" $A
# the first half UTF-8, the second GB18030: one reader rejects the
# second half's rows, so it is read again
{ head -$((n / 2)) clean.csv
  sed -n "$((n / 2 + 1)),\$p" clean.csv | iconv -f UTF-8 -t GB18030; } > mixed.csv
t "UTF-8, then GB18030" same mixed.csv "second part read again" $A
gw-csv -o tsv clean.csv > clean.tsv
t "TSV" same clean.tsv "two cores" $A

# one core: no cut can be proven, or the input is no text file
awk -F, 'NR == 3 { $8 = "5\" pipe" } { print }' OFS=, clean.csv > stray.csv
t "a stray quote: one core" same stray.csv none $A
tr '\n' '\r' < clean.csv > mac.csv
t "old-Mac line ends: one core" same mac.csv none $A
gw-csv -o xlsx clean.csv > clean.xlsx
t "a workbook: one core" same clean.xlsx none $A
t "a rejects file: one core" same raw.csv none $A -r rej.csv
