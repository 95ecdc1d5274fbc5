#!/bin/sh
# case-track deadlines: a return restarts the order's limit from the
# re-assignment (working days across the Mid-Autumn block, and 24 clock
# hours), an assigned row's own deadline wins, extensions (a time kept,
# a bare date the end of its day; without a date, to an earlier date, to
# no date at all: rejected), on time exactly at 23:59:59 of the deadline
# day and late one second after, working days, --as-of cutting the
# replay.  Expected values in dl.out worked out by hand.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-track
plan 10
cd "$D" || exit 2

rc=0; case-track --as-of 2026-11-20 --orders dl-orders.csv dl-log.csv > "$TMP/o" 2> "$TMP/e" || rc=$?
t "exit 1: four rows rejected" test $rc -eq 1
t "status golden" test_cmp dl.out "$TMP/o"
t "stderr golden: extension without a date, earlier, unparseable; satisfied 2" \
	test_cmp dl.err "$TMP/e"
t "R1: returned, re-assigned 24 Sep, 3 working days after the holiday: 30 Sep" \
	grep -q "^R1,E-R1,140824100200001,0701,closed,安监站,2026-09-16 09:00:00,2026-09-24 09:00:00,2026-09-30 23:59:59,2026-09-30 18:00:00,3,1,0,1,0$" "$TMP/o"
t "on time at 23:59:59 (O1), late at 00:00:00 next day (O2)" sh -c '
	grep -q "^O1,.*,2026-11-05 23:59:59,2026-11-05 23:59:59,3,1,0,1,0$" "$1" &&
	grep -q "^O2,.*,2026-11-05 23:59:59,2026-11-06 00:00:00,4,0,1,0,0$" "$1"' - "$TMP/o"
t "--as-of a second past A1's deadline: overdue, its later close not applied" sh -c '
	case-track --as-of "2026-11-21 00:00:00" --orders dl-orders.csv dl-log.csv 2>/dev/null |
	grep -q "^A1,E-A1,140824100200001,11,answered,便民服务站,.*,2026-11-20 23:59:59,,,,1,,0$"'
t "--as-of after A1's close: closed on Saturday, late, 5 working days" sh -c '
	case-track --as-of "2026-11-21 09:00" --orders dl-orders.csv dl-log.csv 2>/dev/null |
	grep -q "^A1,.*,closed,.*,2026-11-20 23:59:59,2026-11-21 09:00:00,5,0,1,1,0$"'
t "without orders: no deadline after a return, on_time empty, never overdue" sh -c '
	case-track --as-of 2026-11-20 dl-log.csv 2>/dev/null > "$1/n"
	grep -q "^R1,E-R1,,,closed,安监站,2026-09-16 09:00:00,2026-09-24 09:00:00,,2026-09-30 18:00:00,3,,0,1,0$" "$1/n" &&
	grep -q "^R3,E-R3,,,assigned,司法所,.*,2026-11-30 23:59:59,,,,0,,0$" "$1/n"' - "$TMP"
t "missing --as-of, bad --as-of: exit 2, stdout empty" sh -c '
	rc=0; case-track dl-log.csv > "$1/o2" 2>/dev/null || rc=$?; [ $rc -eq 2 ] && [ ! -s "$1/o2" ] &&
	rc=0 && { case-track --as-of never dl-log.csv > "$1/o2" 2>/dev/null || rc=$?; } && [ $rc -eq 2 ] && [ ! -s "$1/o2" ]' - "$TMP"
t "the log split in two files: the same replay" sh -c '
	head -30 dl-log.csv > "$1/a.csv" && { head -1 dl-log.csv; tail -n +31 dl-log.csv; } > "$1/b.csv" &&
	case-track --as-of 2026-11-20 --orders dl-orders.csv "$1/a.csv" "$1/b.csv" 2>/dev/null | diff -u dl.out -' - "$TMP"
