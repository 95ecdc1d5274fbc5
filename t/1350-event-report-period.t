#!/bin/sh
# event-report --period quarter and year (issue 19): the quarter or the
# year containing --at against the one before, labelled 2026-Q4 and 2026
# as score-month labels them; every count equals the one awk computes
# here from the same events, and every count of a quarter (a year) is
# the sum of its months' (quarters'); the edges (the last second of a quarter,
# 31 Dec 23:59:59, 1 Jan 00:00); the previous period across the year;
# --at as a quarter or a year; a --partial/--merge round trip.
. "$(dirname "$0")/lib.sh"
plan 19

# Events from 2025-01 to 2027-03 in two townships, four sources, three
# categories, at fixed days and times; then the edges, one per line.
awk 'BEGIN {
	print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
	split("worker resident hotline inspection", src, " ")
	split("01 02 05", cat, " ")
	split("620102001001001 620102001002001 620102002001001", grid, " ")
	n = 0
	for (y = 2025; y <= 2027; y++)
		for (m = 1; m <= (y == 2027 ? 3 : 12); m++)
			for (d = 1; d <= 28; d += 3 + (m % 3)) {
				n++
				printf "G%05d,%s,%04d-%02d-%02d %02d:%02d,%04d-%02d-%02d 00:00,%s,W1,%s,x\n",
				    n, grid[n % 3 + 1], y, m, d, (n * 7) % 24, (n * 13) % 60,
				    y, m, d, src[n % 4 + 1], cat[(n * 5) % 3 + 1]
			}
	}' > "$TMP/ev.csv" || exit 2
cat >> "$TMP/ev.csv" <<'EOF'
B1,620102001001001,2026-09-30 23:59:59,2026-09-30 20:00,worker,W1,02,x
B2,620102001001001,2026-10-01 00:00:00,2026-09-30 20:00,worker,W1,02,x
B3,620102001001001,2026-12-31 23:59:59,2026-12-31 20:00,resident,,02,x
B4,620102001001001,2027-01-01 00:00:00,2026-12-31 20:00,hotline,,02,x
B5,620102001001001,2025-12-31 23:59:59,2025-12-31 20:00,worker,W1,02,x
B6,620102001001001,2026-06-30 23:59:59,2026-06-30 20:00,worker,W1,02,x
EOF

# want PERIOD PREV LEVELDIGITS: area,category,events,by_*,prev_events
# from the events, rows of categories with events in either period
want() {
	awk -F, -v cur="$1" -v prev="$2" -v dig="$3" '
	function per(s,  y, m) {
		y = substr(s, 1, 4); m = substr(s, 6, 2) + 0
		return length(cur) == 4 ? y : y "-Q" int((m - 1) / 3) + 1
	}
	NR == 1 { next }
	{ p = per($3); k = substr($2, 1, dig) "," $7
	  if (p == cur) { e[k]++; s[k, $5]++; keys[k] = 1 }
	  else if (p == prev) { pe[k]++; keys[k] = 1 } }
	END { for (k in keys)
		printf "%s,%d,%d,%d,%d,%d,%d\n", k, e[k], s[k, "worker"],
		    s[k, "resident"], s[k, "hotline"], s[k, "inspection"], pe[k] }' \
	    "$TMP/ev.csv" | sort
}
got() {	# got ARGS: the same columns of the report
	event-report "$@" "$TMP/ev.csv" > "$TMP/r.csv" || return 1
	awk -F, -v OFS=, 'NR > 1 { print $2, $4, $5, $6, $7, $8, $9, $12 }' \
	    "$TMP/r.csv" | sort
}
same() {	# same CUR PREV DIGITS ARGS...
	c=$1 p=$2 dg=$3; shift 3
	want "$c" "$p" "$dg" > "$TMP/want" && got "$@" > "$TMP/got" &&
	test "$(wc -l < "$TMP/want")" -ge 2 && test_cmp "$TMP/want" "$TMP/got" &&
	awk -F, -v c="$c" 'NR > 1 && $1 != c { exit 1 }' "$TMP/r.csv"
}

t "quarter 2026-Q4 by township = the counts of awk, previous 2026-Q3" \
	same 2026-Q4 2026-Q3 9 --period quarter --at 2026-11-15 --by township
t "quarter 2027-Q1 by grid, previous 2026-Q4 across the year" \
	same 2027-Q1 2026-Q4 15 --period quarter --at 2027-01-01 --by grid
t "quarter 2026-Q1 by county, previous 2025-Q4" \
	same 2026-Q1 2025-Q4 6 --period quarter --at 2026-03-31
t "year 2026 by township = the counts of awk, previous 2025" \
	same 2026 2025 9 --period year --at 2026-12-31 --by township
t "year 2027 by village, previous 2026" \
	same 2027 2026 12 --period year --at 2027-02-01 --by village

# every count (immediate and late too, which the policy's urgencies
# decide) of a quarter is the sum of its months', of a year its quarters'
sums() {	# sums BY ARGS...: area,category,counts of the rows with events
	by=$1; shift
	for a in "$@"; do event-report $a --by "$by" "$TMP/ev.csv" || return 1; done |
	    awk -F, -v OFS=, '$1 != "period" && $5 > 0 { k = $2 "," $4
		for (i = 5; i <= 11; i++) n[k, i] += $i; keys[k] = 1 }
		END { for (k in keys) { l = k; for (i = 5; i <= 11; i++) l = l "," n[k, i]; print l } }' | sort
}
sum_is() {	# sum_is BY WHOLE PARTS...
	by=$1 whole=$2; shift 2
	sums "$by" "$whole" > "$TMP/sw" && sums "$by" "$@" > "$TMP/sp" &&
	test "$(wc -l < "$TMP/sw")" -ge 3 && test_cmp "$TMP/sw" "$TMP/sp"
}
t "2026-Q4 by village: every count the sum of Oct, Nov and Dec" \
	sum_is village "--period quarter --at 2026-12-31" \
	"--month 2026-10" "--month 2026-11" "--month 2026-12"
t "2026 by township: every count the sum of its four quarters" \
	sum_is township "--period year --at 2026-07-01" \
	"--period quarter --at 2026-Q1" "--period quarter --at 2026-Q2" \
	"--period quarter --at 2026-Q3" "--period quarter --at 2026-Q4"

# one grid and category's events and prev_events in a report
ep() {	# ep FILE ARGS...
	f=$1; shift
	event-report "$@" --by grid "$f" |
	    awk -F, '$2 == "620102001001001" && $4 == "02" { print $5, $12 }'
}
drop() { grep -v "^$1," "$TMP/ev.csv" > "$TMP/d.csv"; }
delta() {	# delta ROW DEV DPREV ARGS...: dropping ROW lowers events by DEV, prev by DPREV
	row=$1 de=$2 dp=$3; shift 3
	drop "$row" && set -- $(ep "$TMP/ev.csv" "$@") $(ep "$TMP/d.csv" "$@") &&
	{ [ "$(($1 - $3))" -eq "$de" ] && [ "$(($2 - $4))" -eq "$dp" ] ||
	  { echo "with: $1 $2, without: $3 $4; want -$de -$dp"; return 1; }; }
}
t "the last second of 2026-Q3 (30 Sep 23:59:59) is in the previous quarter" \
	delta B1 0 1 --period quarter --at 2026-10-01
t "00:00:00 on 1 Oct is in 2026-Q4" delta B2 1 0 --period quarter --at 2026-12-31
t "23:59:59 on 31 Dec is in 2026-Q4" delta B3 1 0 --period quarter --at 2026-12-31
t "00:00 on 1 Jan 2027 is not in 2026-Q4" delta B4 0 0 --period quarter --at 2026-12-31
t "30 Jun 23:59:59 is 2026-Q2, the previous quarter of 2026-Q3" \
	delta B6 0 1 --period quarter --at 2026-07-01
t "31 Dec 2026 23:59:59 is in the year 2026" delta B3 1 0 --period year --at 2026-12-31
t "31 Dec 2025 23:59:59 is in 2025, the previous year of 2026" \
	delta B5 0 1 --period year --at 2026-06-01
y2027() { delta B4 1 0 --period year --at 2027-01-01 &&
	delta B3 0 1 --period year --at 2027-01-01; }
t "in 2027: 1 Jan 00:00 counts, 31 Dec 2026 is the previous year" y2027

# --at as the quarter or the year, as score-month takes them
t "--at 2026-Q4 is --at 2026-10-01" sh -c '
	event-report --period quarter --at 2026-Q4 "$1" > "$2.a" &&
	event-report --period quarter --at 2026-10-01 "$1" > "$2.b" && cmp "$2.a" "$2.b" &&
	grep -q "^2026-Q4," "$2.a"' - "$TMP/ev.csv" "$TMP/at"
t "--at 2026 is --at 2026-01-01 for a year; 2026-Q5 and 2026 for a quarter rejected" sh -c '
	event-report --period year --at 2026 "$1" > "$2.a" &&
	event-report --period year --at 2026-01-01 "$1" > "$2.b" && cmp "$2.a" "$2.b" &&
	grep -q "^2026," "$2.a" &&
	{ event-report --period quarter --at 2026-Q5 "$1" 2>&1; test $? -eq 2; } &&
	{ event-report --period quarter --at 2026 "$1" 2>&1; test $? -eq 2; } &&
	{ event-report --period year --at 2026-Q4 "$1" 2>&1; test $? -eq 2; }' - "$TMP/ev.csv" "$TMP/at2"

# --partial / --merge with a quarter: split by township, merged = whole
t "--partial/--merge of 2026-Q4 split by township = the whole, by village" sh -c '
	A="--period quarter --at 2026-11-15"
	awk -F, -v p="$2" "NR == 1 { h = \$0; next } { f = p \".\" substr(\$2, 1, 9) \".csv\"
		if (!(f in s)) { s[f] = 1; print h > f } print > f }" "$1" &&
	for f in "$2".*.csv; do event-report $A --partial "$f" > "$f.part" || exit 1; done &&
	grep -q "^2026-Q3," "$2.620102001.csv.part" && grep -q "^2026-Q4," "$2.620102001.csv.part" &&
	event-report $A --by village "$1" > "$2.whole" &&
	event-report $A --by village --merge "$2".*.part > "$2.merged" &&
	cmp "$2.whole" "$2.merged"' - "$TMP/ev.csv" "$TMP/part"
t "a 2026-Q3 partial merged into 2026-Q4 has its rows of 2026-Q2 rejected" sh -c '
	event-report --period quarter --at 2026-08-01 --partial "$1" > "$2" &&
	grep -q "^2026-Q2," "$2" &&
	event-report --period quarter --at 2026-11-15 --merge "$2" > /dev/null 2> "$2.err"
	test $? -eq 1 && grep -q "period .2026-Q2. is neither 2026-Q4 nor 2026-Q3" "$2.err"' - "$TMP/ev.csv" "$TMP/q3.part"

t_end
