#!/bin/sh
# make demo's two months through gw-month (examples/demo.sh, on a copy of
# examples/): October from the store is the file pipeline's October byte
# for byte, November builds on it in the same store (its own events and
# case log classified, routed and tracked beside the cases October left
# open), and the quarter so far is read from the two stored months.
. "$(dirname "$0")/lib.sh"
plan 7
demo_copy || exit 2
rc=$(cat "$TMP/demo.rc")
t "the demo exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$TMP/demo.err" | tail -20
m=$TMP/ex/out-month
t "October through gw-month: the file pipeline's scores, byte for byte" \
	cmp "$TMP/ex/out/scores.csv" "$m/2026-10/scores.csv"
t "November scored in the same store, every worker" sh -c '
	[ "$(sed 1d "$1/2026-11/scores.csv" | cut -d, -f1 | sort -u)" = 2026-11 ] &&
	[ "$(sqlite3 "$2" "SELECT count(DISTINCT month) || \" \" || count(*) FROM scores")" = "2 376" ]' \
	- "$m" "$TMP/ex/month.db"
t "the quarter so far: two months of every worker, partial" sh -c '
	[ "$(sed 1d "$1" | cut -d, -f5,6 | sort -u)" = "2,1" ] &&
	[ "$(sed 1d "$1" | wc -l)" -eq 188 ]' - "$m/quarter.csv"
t "each month committed once, audited, nothing rejected" sh -c '
	[ "$(sqlite3 "$1" "SELECT count(*) FROM audit WHERE action = \"month\" AND rows_rejected = 0")" -eq 2 ] &&
	[ "$(grep -c "^gw-month: month 2026-1[01]: committed" "$2")" -eq 2 ]' \
	- "$TMP/ex/month.db" "$TMP/demo.out"
t "November's own events routed, its cases tracked beside October's open ones" sh -c '
	open=$(sed 1d "$1/2026-10/cases.csv" | grep -vc ",closed,") &&
	[ "$open" -gt 0 ] &&
	new=$(sqlite3 "$2" "SELECT count(*) FROM cases c JOIN events e USING (event_id) WHERE c.month = \"2026-11\" AND e.reported_at >= \"2026-11-01\"") &&
	[ "$new" -gt 0 ] &&
	[ "$(sqlite3 "$2" "SELECT count(*) FROM cases WHERE month = \"2026-11\"")" -eq $((new + open)) ] &&
	grep -q "^2026-11 cases: $new new (.*), $open carried from October" "$3"' \
	- "$m" "$TMP/ex/month.db" "$TMP/demo.out"
t "... October's closed cases kept as October wrote them, none routed twice" sh -c '
	[ "$(sqlite3 "$1" "SELECT count(*) FROM cases WHERE month = \"2026-10\"")" -eq "$(sed 1d "$2/2026-10/cases.csv" | grep -c ",closed,")" ] &&
	[ "$(sqlite3 "$1" "SELECT count(*) - count(DISTINCT event_id) FROM orders")" -eq 0 ] &&
	[ "$(sed 1d "$2/2026-11/cases.csv" | wc -l)" -eq "$(sqlite3 "$1" "SELECT count(*) FROM orders")" ]' \
	- "$TMP/ex/month.db" "$m"
