#!/bin/sh
# The example county's month end to end: examples/jishan/events.csv
# classified by event-report, routed by case-route, and the generated
# case log (examples/jishan/case_log.csv, whose case ids follow the same
# rule) replayed by case-track against those orders as of the month's
# end: the status table, the overdue list and the summaries agree with
# each other and with the inputs.
. "$(dirname "$0")/lib.sh"
J=$TOP/examples/jishan
if [ ! -r "$J/events.csv" ] || [ ! -r "$J/case_log.csv" ]; then
	plan 1; skip "examples/jishan not there"; exit 0
fi
plan 9
cd "$TMP" || exit 2
A=2026-10-31

event-report --classify "$J/events.csv" 2>/dev/null > ev.csv
rc=0; case-route -r rej.csv ev.csv > orders.csv 2> route.err || rc=$?
t "routed: exit 0 or 1, every event ordered, settled or rejected" sh -c '
	[ $1 -le 1 ] && n=$(($(wc -l < ev.csv) - 1)) &&
	tail -1 route.err | grep -q "settled on the spot, .* rejected, of $n events$" &&
	o=$(($(wc -l < orders.csv) - 1)) && tail -1 route.err | grep -q "^case-route: $o orders"' - $rc
t "every order follows the routing of its category (0703 to 消防救援大队, 3 days)" sh -c '
	awk -F, "NR > 1 && \$4 == \"0703\" && (\$7 != \"消防救援大队\" || \$10 != \"3\")" orders.csv | grep -c . | grep -qx 0 &&
	awk -F, "NR > 1 && \$4 == \"0703\"" orders.csv | grep -q .'

rc=0; case-track --as-of $A --orders orders.csv "$J/case_log.csv" > status.csv 2> track.err || rc=$?
t "tracked: the log's cases are the orders' (few or no unknown cases)" sh -c '
	[ $1 -le 1 ] && u=$(grep -c "unknown case" track.err || :) &&
	n=$(cut -d, -f1 "$2" | sort -u | wc -l) && [ $((u * 20)) -lt $n ]' - $rc "$J/case_log.csv"
t "one status row per case, no case twice" sh -c '
	[ "$(tail -n +2 status.csv | cut -d, -f1 | sort | uniq -d | wc -l)" -eq 0 ] &&
	[ "$(tail -n +2 status.csv | wc -l)" -ge 100 ]'
t "closed cases: on_time 0/1 and overdue its negation; open: on_time empty" sh -c '
	awk -F, "NR > 1 && \$5 == \"closed\" && \$9 != \"\" && (\$12 + \$13 != 1)" status.csv | grep -c . | grep -qx 0 &&
	awk -F, "NR > 1 && \$5 != \"closed\" && \$12 != \"\"" status.csv | grep -c . | grep -qx 0'

case-track --as-of $A --orders orders.csv --overdue "$J/case_log.csv" > overdue.csv 2>/dev/null
t "overdue list: open cases, deadlines by 2 Nov (next working day), most late first" sh -c '
	[ "$(tail -n +2 overdue.csv | wc -l)" -ge 1 ] &&
	awk -F, "NR > 1 && (\$5 == \"closed\" || \$9 > \"2026-11-02 23:59:59\")" overdue.csv | grep -c . | grep -qx 0 &&
	tail -n +2 overdue.csv | cut -d, -f9 | sort -c'
t "overdue list = open cases of the status table due by 2 Nov" sh -c '
	a=$(awk -F, "NR > 1 && \$5 != \"closed\" && \$9 != \"\" && \$9 <= \"2026-11-02 23:59:59\"" status.csv | wc -l)
	[ "$a" -eq "$(($(wc -l < overdue.csv) - 1))" ]'

case-track --as-of $A --orders orders.csv --summary "$J/case_log.csv" > town.csv 2>/dev/null
case-track --as-of $A --orders orders.csv --summary --by department "$J/case_log.csv" > dept.csv 2>/dev/null
t "summaries: the cases, closed and overdue open add up to the status table" sh -c '
	s() { awk -F, -v c=$2 "NR > 1 { n += \$c } END { print n + 0 }" $1; }
	n=$(($(wc -l < status.csv) - 1))
	cl=$(awk -F, "NR > 1 && \$5 == \"closed\"" status.csv | wc -l)
	od=$(awk -F, "NR > 1 && \$5 != \"closed\" && \$13 == 1" status.csv | wc -l)
	[ $(s town.csv 2) -eq $n ] && [ $(s dept.csv 2) -eq $n ] &&
	[ $(s town.csv 4) -eq $cl ] && [ $(s town.csv 9) -eq $od ] && [ $(s dept.csv 9) -eq $od ]'
t "summary by township: every township of Jishan, rates in [0, 1]" sh -c '
	[ "$(tail -n +2 town.csv | cut -c1-6 | sort -u)" = 140824 ] &&
	[ "$(tail -n +2 town.csv | wc -l)" -ge 5 ] &&
	awk -F, "NR > 1 && (\$7 < 0 || \$7 > 1 || \$8 < 0 || \$8 > 1 || \$11 < 0 || \$11 > 1)" town.csv | grep -c . | grep -qx 0'
