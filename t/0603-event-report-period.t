#!/bin/sh
# event-report --period: the edges of days, ISO weeks and months (23:59
# on the last day, the last second of a month, week 53 of 2026 and the
# turn of the year), change against the previous period, late immediate
# reports, rows per area x category with second levels under their
# first, and change_pct rounding.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 17

golden() {	# golden PERIOD AT BY
	event-report --period "$1" --at "$2" --by "$3" "$D/period.csv" > "$TMP/o.csv" &&
	diff -u "$D/period-$1-$2.out" "$TMP/o.csv"
}
t "month 2026-12 by village" golden month 2026-12-15 village
t "month 2027-01 by township (previous = 2026-12)" golden month 2027-01-01 township
t "ISO week 2026-W53 (28 Dec .. 3 Jan) by village" golden week 2026-12-31 village
t "week 2027-W01, previous 2026-W53, by grid" golden week 2027-01-04 grid
t "day 2026-12-31 by county" golden day 2026-12-31 county
t "day 2027-01-01 by village, previous day across the year" golden day 2027-01-01 village

row() {	# row FILTER: jq over the report of ARGS set before
	event-report "$@" "$D/period.csv" | jq -R -s -e "
		split(\"\n\") | map(select(length > 0) | split(\",\")) |
		.[0] as \$h | .[1:] | map([\$h, .] | transpose | map({(.[0]): .[1]}) | add) | $F" > /dev/null
}
F='any(.[]; .area_code == "620102001001" and .category == "01" and .events == "2" and .prev_events == "3" and .change_pct == "-33.3")'
t "23:59 on 31 Dec and 00:00 on 1 Dec in December, 23:59:59 on 30 Nov in November" \
	row --period month --at 2026-12-15 --by village
F='any(.[]; .area_code == "620102001002" and .category == "05" and .immediate == "1" and .late == "1") and
   any(.[]; .area_code == "620102001002" and .category == "02" and .immediate == "1" and .late == "0")'
t "late: 61 minutes late, 60 minutes not (late_minutes = 60)" \
	row --period month --at 2026-12-15 --by village
F='any(.[]; .category == "07" and .events == "1") and any(.[]; .category == "0703" and .events == "1") and
   (map(.category) | index("07") < index("0703"))'
t "second level 0703 counted under 07 too, listed after it" \
	row --period month --at 2026-12-15 --by village
F='any(.[]; .category == "12" and .events == "0" and .prev_events == "1" and .change_pct == "-100.0")'
t "a category only in the previous period: 0 events, -100.0" \
	row --period month --at 2026-12-15 --by village
F='all(.[]; .period == "2026-W53") and length == 3'
t "label 2026-W53 for --at 2026-12-31" row --period week --at 2026-12-31 --by village
F='all(.[]; .period == "2027-W01")'
t "--week 2027-W01 is --period week --at 2027-01-04" row --week 2027-W01 --by village

# change_pct: integers, half away from zero, one decimal
gen() {	# gen NPREV NCUR
	awk -v p="$1" -v c="$2" 'BEGIN {
		print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
		for (i = 0; i < p; i++) printf "p%d,620102001001001,2026-09-10 10:00,2026-09-10 09:00,worker,W1,01,x\n", i
		for (i = 0; i < c; i++) printf "c%d,620102001001001,2026-10-10 10:00,2026-10-10 09:00,worker,W1,01,x\n", i }'
}
pct() { gen "$1" "$2" > "$TMP/g.csv" &&
	got=$(event-report --period month --at 2026-10-01 "$TMP/g.csv" | awk -F, 'NR == 2 { print $13 }') &&
	{ [ "$got" = "$3" ] || { echo "prev $1 cur $2: change_pct '$got', want '$3'"; return 1; }; }; }
t "16 -> 17 is 6.25 %: 6.3" pct 16 17 6.3
t "16 -> 15 is -6.25 %: -6.3" pct 16 15 -6.3
t "3 -> 4 is 33.33 %: 33.3" pct 3 4 33.3
t "1 -> 3: 200.0" pct 1 3 200.0
t "no previous events: change_pct empty" pct 0 5 ""
