#!/bin/sh
# case-route deadlines on the working-day calendar: every swap of 2026
# (each worked weekend day, each holiday block), the turn of the year
# 2025 -> 2026, the issue's two examples, immediate limits in clock
# hours across midnight, a holiday and the year's end (no calendar
# needed), a year with no notice yet (2027: provisional, routed), an
# older notice (2024), and a year without a calendar: fatal, naming the
# year, stdout empty.  The expected deadlines in cal.want were worked
# out by hand from the State Council notices, not taken from the program.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-route
plan 7
cd "$D" || exit 2

case-route -p ./cal.conf cal.csv > "$TMP/o" 2> "$TMP/e"
rc=$?
t "every event routed, exit 0" sh -c '[ $1 -eq 0 ] && [ "$(wc -l < "$2")" -eq 28 ]' - $rc "$TMP/o"
tail -n +2 "$TMP/o" | cut -d, -f1,9,10 > "$TMP/got"
t "deadlines of every swap, block and the turn of the year" test_cmp cal.want "$TMP/got"
t "assigned_at is reported_at without --at" sh -c '
	grep -q "^CD03,D03,140824100200001,02,immediate,county,派出所,2026-02-14 18:15:30,2026-02-15 18:15:30,24h,0$" "$1"' - "$TMP/o"

t "--at replaces reported_at as the assignment time" sh -c '
	case-route -p ./cal.conf --at "2026-09-30 18:00" cal.csv 2>/dev/null |
	grep -q "^CA01,A01,140824100200001,01,normal,township,司法所/人民调解委员会,2026-09-30 18:00:00,2026-10-08 23:59:59,1,0$"'

printf 'event_id,grid_code,reported_at,category\nX1,140824100200001,2026-11-02 09:00,01\nX2,140824100200001,2027-01-04 09:00,01\n' > "$TMP/y27.csv"
t "a 2027 event: routed on provisional 2027, exit 0" sh -c '
	rc=0; case-route "$1/y27.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 0 ] && grep -q ",2026-11-09 23:59:59,5,0$" "$1/o" &&
	grep -q "^CX2,.*,2027-01-04 09:00:00,2027-01-11 23:59:59,5,1$" "$1/o" &&
	grep -q "warning: no holiday notice for 2027" "$1/e"' - "$TMP"
printf 'event_id,grid_code,reported_at,category\nX3,140824100200001,2026-12-31 09:00,0701\n' > "$TMP/y27b.csv"
t "a 2026 event whose limit runs into 2027: 1 Jan off, provisional" sh -c '
	rc=0; case-route "$1/y27b.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 0 ] && grep -q "^CX3,.*,2026-12-31 09:00:00,2027-01-06 23:59:59,3,1$" "$1/o"' - "$TMP"
printf 'event_id,grid_code,reported_at,category\nX4,140824100200001,2024-05-06 09:00,01\nX5,140824100200001,2101-05-06 09:00,01\n' > "$TMP/y24.csv"
t "2024 by its notice (Saturday 11 May worked); 2101: no calendar, stdout empty" sh -c '
	rc=0; head -2 "$1/y24.csv" | case-route > "$1/o" 2>/dev/null &&
	grep -q "^CX4,.*,2024-05-11 23:59:59,5,0$" "$1/o" &&
	{ case-route "$1/y24.csv" > "$1/o" 2> "$1/e" || rc=$?; } &&
	[ $rc -eq 2 ] && [ ! -s "$1/o" ] && grep -q "no calendar for 2101" "$1/e"' - "$TMP"
