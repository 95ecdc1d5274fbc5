#!/bin/sh
# gw-month, two consecutive months on one store: a case open at the end
# of October continues in November from its stored log (closed there,
# on time or late), never routed again; November's cases and scores are
# the file pipeline's over both months' orders and log, byte for byte;
# October's closed cases keep October's rows; October run again after
# November leaves November's rows as they are.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 10
cd "$TMP" || exit 2
SOURCE_DATE_EPOCH=1793491200	# 2026-10-31
export SOURCE_DATE_EPOCH
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
october s.db	# from the events and the log alone: routed and tracked

# November: the activity a month later (the 1st left out: it is in
# October's last week and would change October's coverage when October
# is run again; the 30th too: it is in December's first week), one new
# event, and the log of two cases October left open: X handled (due
# 11-03), closed on time; Y assigned (due 11-06), closed late
X=C1408241002110010002
Y=C1408241002000010003
N=C1408241002000010901
mkdir nov
for tb in patrols visits logins trainings; do
	sed -e 's/,2026-10-/,2026-11-/; s/-202610-/-202611-/' "$J/$tb.csv" |
	    grep -v ',2026-11-01\|,2026-11-3[01]' > "nov/$tb.csv"
done
cat > nov/events.csv <<'E'
event_id,grid_code,reported_at,found_at,source,reporter_id,category,text,settled
E1408241002000010901,140824100200001,2026-11-10 09:00:00,2026-11-10 08:00:00,resident,,01,邻里纠纷,0
E
cat > nov/case_log.csv <<L
case_id,event_id,step,at,actor,department,satisfied,deadline
$X,E${X#C},answered,2026-11-02 10:00:00,综治中心,综治中心,,
$X,E${X#C},closed,2026-11-03 09:00:00,稷峰镇综治中心,,1,
$N,E${N#C},reported,2026-11-10 09:00:00,群众,,,
$N,E${N#C},filed,2026-11-10 09:30:00,稷峰镇综治中心,,,
$N,E${N#C},assigned,2026-11-10 10:00:00,稷峰镇综治中心,司法所,,
$Y,E${Y#C},handled,2026-11-09 10:00:00,综治中心,综治中心,,
$Y,E${Y#C},answered,2026-11-09 15:00:00,综治中心,综治中心,,
$Y,E${Y#C},closed,2026-11-10 09:00:00,稷峰镇综治中心,,0,
L
gw-month -d s.db --month 2026-11 -p $P --in nov --out out11 2> e11
rc=$?
t "November: exit 0; its one new event routed, October's not again" sh -c '
	[ $1 -eq 0 ] &&
	grep -q "^gw-month: route 2026-11: events without an order 1, orders 1, settled on the spot 0" e11 &&
	[ "$(sqlite3 s.db "SELECT count(*) FROM orders")" -eq 854 ] &&
	[ "$(sed 1d out11/orders.csv | wc -l)" -eq 1 ]' - $rc

# the file pipeline over both months
d=$(pwd)
{ cat in/orders.csv; sed 1d out11/orders.csv; } > orders-all.csv
{ cat "$J/case_log.csv"; sed 1d nov/case_log.csv; } > log-all.csv
case-track -p $P --as-of '2026-11-30 23:59:59' --orders orders-all.csv \
    log-all.csv > nov-cases.csv 2> /dev/null
t "November's cases: case-track's over both months, byte for byte" \
	cmp nov-cases.csv out11/cases.csv
t "... and case-track -d's from the store" sh -c '
	case-track -p jishan -d s.db --as-of "2026-11-30 23:59:59" 2> /dev/null |
	cmp - out11/cases.csv'
t "the case open at October's end is closed in November, on time" sh -c '
	grep -q "^$1,.*,handled," out10/cases.csv &&
	sqlite3 -csv s.db "SELECT state, closed_at, on_time, overdue, satisfied, month FROM cases WHERE case_id = '"'"'$1'"'"'" |
	grep -qx "closed,\"2026-11-03 09:00:00\",1,0,1,2026-11" ' - $X
t "the one due 11-06 and closed 11-10: closed late" sh -c '
	sqlite3 -csv s.db "SELECT state, on_time, month FROM cases WHERE case_id = '"'"'$1'"'"'" |
	grep -qx "closed,0,2026-11"' - $Y
t "October's closed cases keep October's rows; the rest are November's" sh -c '
	c10=$(grep -c ",closed," out10/cases.csv) &&
	[ "$(sqlite3 s.db "SELECT count(*) FROM cases WHERE month = '"'2026-10'"'")" -eq $c10 ] &&
	[ "$(sqlite3 s.db "SELECT count(*) FROM cases WHERE month = '"'2026-11'"'")" -eq $((854 - c10)) ] &&
	grep -q "^gw-month: track 2026-11: read [0-9]*, rejected 0, cases 854, written $((854 - c10)) (kept $c10, deleted 0)" e11'
t "November's scores: score-month's from the files over both months" sh -c '
	{ cat in/events.csv; sed "1d; s/\$/,,/" nov/events.csv; } > ev-all.csv &&
	score-month -p jishan --month 2026-11 --assignment assignment.csv \
	    --workers "$1/workers.csv" --grids grids.csv --events ev-all.csv \
	    --cases nov-cases.csv --patrols nov/patrols.csv \
	    --visits nov/visits.csv --logins nov/logins.csv \
	    --trainings nov/trainings.csv > nov-scores.csv 2> /dev/null &&
	cmp nov-scores.csv out11/scores.csv' - "$J"

# October again, after November: November's rows untouched
q() { sqlite3 s.db "SELECT rowid, * FROM cases ORDER BY rowid"; }
q > c1
gw-month -d s.db --month 2026-10 -p $P --in oct --out out10b 2> e10b
rc=$?
q > c2
t "October again: exit 0, the cases table as November left it" sh -c '
	[ $1 -eq 0 ] && diff -u c1 c2 > /dev/null' - $rc
t "October again: October's bytes, November's order and log not seen" sh -c '
	cmp out10/cases.csv out10b/cases.csv && cmp out10/orders.csv out10b/orders.csv &&
	cmp out10/scores.csv out10b/scores.csv'
t "November's scores stay in the store" sh -c '
	[ "$(sqlite3 s.db "SELECT count(*) FROM scores WHERE month = '"'2026-11'"'")" -eq 188 ]'
