#!/bin/sh
# case-route -d: the events from the store give the orders the file
# gives, byte for byte (settled events kept by the store); --month takes
# the month's; a month or store without events is fatal, naming the
# table; a store's unclassified event is rejected, named by its row;
# -d with files, or --month without -d, are usage errors.
. "$(dirname "$0")/lib.sh"
plan 8
EX=$TOP/examples
cd "$TMP" || exit 2
event-report -p jishan --classify "$EX/jishan/events.csv" > ev.csv 2> /dev/null &&
gw-load -d s.db regions "$EX/regions-140824.csv" 2> /dev/null &&
gw-load -d s.db events ev.csv 2> /dev/null || exit 2
case-route -p jishan ev.csv > f.csv 2> f.err || exit 2

case-route -p jishan -d s.db > d.csv 2> d.err
t "from the store: exit 0, the file's orders, byte for byte" sh -c '
	[ $1 -eq 0 ] && cmp f.csv d.csv && cmp f.err d.err' - $?
t "the settled events are settled from the store too" \
	grep -q "853 orders, 403 settled on the spot, 0 rejected, of 1256 events" d.err
case-route -p jishan -d s.db --month 2026-10 > m.csv 2> /dev/null
t "--month 2026-10: the same orders" sh -c '[ $1 -eq 0 ] && cmp f.csv m.csv' - $?
case-route -p jishan -d s.db --month 2026-11 > n.csv 2> n.err
t "a month without events: exit 2, the table named, nothing written" sh -c '
	[ $1 -eq 2 ] && [ ! -s n.csv ] &&
	grep -q "^case-route: s.db:events: no rows of '"'events'"' for 2026-11" n.err' - $?
gw-load -d e.db regions "$EX/regions-140824.csv" 2> /dev/null
case-route -p jishan -d e.db > /dev/null 2> e.err
t "a store without events: exit 2, named" sh -c '[ $1 -eq 2 ] &&
	grep -q "e.db:events: no rows of '"'events'"'" e.err' - $?
gw-load -d r.db regions "$EX/regions-140824.csv" 2> /dev/null &&
gw-load -d r.db events "$EX/jishan/events.csv" 2> /dev/null
case-route -p jishan -d r.db -r rej.csv > r.csv 2> r.err
t "an unclassified event of the store: rejected as STORE:events:N, exit 1" sh -c '
	[ $1 -eq 1 ] && grep -q "^case-route: r.db:events:1: column '"'category'"': empty category" r.err &&
	grep -q "^r.db:events,1,category," rej.csv' - $?
case-route -d s.db ev.csv > /dev/null 2> u.err
t "-d with event files: exit 2" sh -c '[ $1 -eq 2 ] &&
	grep -q "exclude each other" u.err' - $?
case-route --month 2026-10 ev.csv > /dev/null 2> u2.err
t "--month without -d: exit 2" sh -c '[ $1 -eq 2 ] &&
	grep -q "^case-route: --month is for -d" u2.err' - $?
