#!/bin/sh
# case-track -d: the orders and the case log from the store give what
# the files give, byte for byte, in every mode (--by level, the orders'
# handling level, too); a file overrides its table; a store without log
# rows up to --as-of, or without orders, is fatal naming the table; a
# store's bad row is named by its row.
. "$(dirname "$0")/lib.sh"
plan 11
EX=$TOP/examples
L=$EX/jishan/case_log.csv
A='2026-10-31 23:59:59'
cd "$TMP" || exit 2
event-report -p jishan --classify "$EX/jishan/events.csv" > ev.csv 2> /dev/null &&
case-route -p jishan ev.csv > orders.csv 2> /dev/null &&
gw-load -d s.db regions "$EX/regions-140824.csv" 2> /dev/null &&
gw-load -d s.db events ev.csv 2> /dev/null &&
gw-load -d s.db orders orders.csv 2> /dev/null &&
gw-load -d s.db case_log "$L" 2> /dev/null || exit 2

same() {	# same NAME ARGS...: the files' run and the store's agree
	n=$1; shift
	case-track -p jishan --as-of "$A" "$@" --orders orders.csv "$L" \
	    > "$n.f" 2> "$n.fe"; rf=$?
	case-track -p jishan --as-of "$A" "$@" -d s.db > "$n.d" 2> "$n.de"
	rd=$?
	[ $rf -eq 0 ] && [ $rd -eq 0 ] && [ -s "$n.f" ] && cmp "$n.f" "$n.d" &&
	    cmp "$n.fe" "$n.de"
}
t "status from the store: the files' bytes" same st
t "--summary --by village from the store: the files' bytes" same sv --summary --by village
t "--summary (township, the orders' grid codes from the store)" same ss --summary
t "--overdue from the store: the files' bytes" same ov --overdue
t "--summary --by level from the store: the files' bytes" same lv --summary --by level
t "--by level: a row a handling level, every case counted once" sh -c '
	[ "$(head -1 lv.d | cut -d, -f1-2)" = "level,cases" ] &&
	[ "$(sed 1d lv.d | cut -d, -f1 | tr "\n" " ")" = "county township " ] &&
	[ "$(sed 1d lv.d | awk -F, "{ n += \$2 } END { print n }")" -eq 853 ]' 
t "--orders overrides the store's orders" sh -c '
	case-track -p jishan --as-of "$1" -d s.db --orders orders.csv > o.csv 2> /dev/null &&
	cmp st.f o.csv' - "$A"
t "a log file overrides the store's log" sh -c '
	head -200 "$2" > part.csv &&
	case-track -p jishan --as-of "$1" --orders orders.csv part.csv > p1.csv 2> /dev/null &&
	case-track -p jishan --as-of "$1" -d s.db part.csv > p2.csv 2> /dev/null &&
	cmp p1.csv p2.csv && ! cmp -s p1.csv st.f' - "$A" "$L"
case-track -p jishan --as-of 2026-09-30 -d s.db > e.out 2> e.err
t "no log rows up to --as-of: exit 2, the table named, nothing written" sh -c '
	[ $1 -eq 2 ] && [ ! -s e.out ] &&
	grep -q "^case-track: s.db:case_log: no rows of '"'case_log'"' for 2026-09-30 23:59:59" e.err' - $?
gw-load -d n.db regions "$EX/regions-140824.csv" 2> /dev/null &&
gw-load -d n.db case_log "$L" 2> /dev/null
case-track -p jishan --as-of "$A" -d n.db > /dev/null 2> n.err
t "a store without orders: exit 2, named" sh -c '[ $1 -eq 2 ] &&
	grep -q "n.db:orders: no rows of '"'orders'"'" n.err' - $?
sqlite3 s.db "UPDATE case_log SET step = 'closed' WHERE rowid = 2"
case-track -p jishan --as-of "$A" -d s.db > /dev/null 2> b.err
t "a bad row of the store: exit 1, named STORE:case_log:N" sh -c '[ $1 -eq 1 ] &&
	grep -q "^case-track: s.db:case_log:2: column" b.err' - $?
