#!/bin/sh
# gw-month: the month from the store equals the month from files byte for
# byte, from classified events or from events as reported (classified
# in the store); the orders and cases equal case-route's and case-track's,
# from the files and from the store; a rerun leaves the same store and
# writes the same bytes; a rejects file per table; the profile the store
# remembers; a quarter from the stored months; a usage error.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 24
cd "$TMP" || exit 2
SOURCE_DATE_EPOCH=1793491200	# 2026-10-31
export SOURCE_DATE_EPOCH
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }

gw-month -d s.db --month 2026-10 -p $P --in in --out out > o1 2> e1
rc=$?
t "a month: exit 0, nothing on stdout" sh -c '[ $1 -eq 0 ] && [ ! -s o1 ]' - $rc
t "the scores from the store equal score-month's from the files" \
	cmp files-scores.csv out/scores.csv
t "the orders equal case-route's from the files" cmp in/orders.csv out/orders.csv
t "the cases equal case-track's from the files" cmp in/cases.csv out/cases.csv
t "... and the single commands' from the store" sh -c '
	case-route -p jishan -d s.db --month 2026-10 2> /dev/null | cmp - out/orders.csv &&
	case-track -p jishan -d s.db --as-of "2026-10-31 23:59:59" 2> /dev/null | cmp - out/cases.csv'
t "the cases are in the store as of the month, one row a case" sh -c '
	[ "$(sqlite3 s.db "SELECT count(*) FROM cases WHERE month = '"'2026-10'"'")" \
	    -eq "$(($(wc -l < in/cases.csv) - 1))" ]'
t "the scores are in the store, one row a worker" sh -c '
	[ "$(sqlite3 s.db "SELECT count(*) FROM scores WHERE month = '"'2026-10'"'")" \
	    -eq "$(($(wc -l < files-scores.csv) - 1))" ]'
t "one summary line a step: each table loaded, the scores, the commit" sh -c '
	for tb in workers events case_log orders cases patrols visits logins \
	    trainings bonus rewards; do
		grep -q "^gw-month: load $tb: read [0-9]*, loaded [0-9]*, updated 0, deleted 0, rejected 0\$" e1 || exit 1
	done
	grep -q "^gw-month: route 2026-10: events without an order 403, orders 0, settled on the spot 403, rejected 0, unclassified 0; the month.s orders 853\$" e1 &&
	grep -q "^gw-month: track 2026-10: read 5553, rejected 0, cases 853, written 853 (kept 0, deleted 0)\$" e1 &&
	grep -q "^gw-month: score 2026-10: read [0-9]*, rejected 0, workers scored 188" e1 &&
	grep -q "^gw-month: month 2026-10: committed to s.db" e1'
t "the month is audited once, as a month" sh -c '
	[ "$(sqlite3 s.db "SELECT count(*) FROM audit WHERE action = '"'month'"'")" -eq 1 ]'
t "the profile the county was run with is remembered" sh -c '
	sqlite3 s.db "SELECT county_code, policy FROM profiles" | grep -qx "140824|jishan"'

dump s.db > d1
cp out/scores.csv s1.csv
cp out/orders.csv o1.csv
cp out/cases.csv c1.csv
gw-month -d s.db --month 2026-10 -p $P --in in --out out 2> e2
rc=$?
dump s.db > d2
t "again: exit 0, the same store (audit aside)" sh -c '
	[ $1 -eq 0 ] && diff -u d1 d2' - $rc
t "again: the same bytes" sh -c 'cmp s1.csv out/scores.csv &&
	cmp o1.csv out/orders.csv && cmp c1.csv out/cases.csv' 
t "again: the month's rows replaced in place, none added" sh -c '
	grep -q "^gw-month: load patrols: read 4958, loaded 0, updated 4958, deleted 0" e2'

# a row refused: into out/TABLE.rejects.csv, exit 1, the rest committed
cp -R in in2 && printf 'W-BAD,2026-10-03,abc,1\n' >> in2/patrols.csv
gw-month -d s.db --month 2026-10 -p $P --in in2 --out out2 2> e3
rc=$?
t "a refused row: exit 1, said, in out/patrols.rejects.csv" sh -c '
	[ $1 -eq 1 ] && grep -q "in2/patrols.csv:4960: column" e3 &&
	[ "$(sed 1d out2/patrols.rejects.csv | wc -l)" -eq 1 ]' - $rc

gw-month -d s.db --month 2026-10 > /dev/null 2> e4
t "no -p on a store run with another profile: said" grep -qx \
	"gw-month: warning: no -p: this run uses profile 'gansu', but county 140824 of the store was run with 'jishan' (give -p jishan)" e4
gw-month -d s.db --month 2026-10 -p $P > /dev/null 2> e5
t "with -p: nothing said of the profile" sh -c '! grep -q "profile" e5'

t "score-month --quarter reads the stored month" sh -c '
	score-month -p jishan -d s.db --quarter 2026-Q4 > q.csv &&
	[ "$(($(wc -l < q.csv) - 1))" -eq 188 ] &&
	head -2 q.csv | tail -1 | grep -q "^2026-Q4,.*,1,1,"'
# the events as reported, unclassified: gw-month classifies them
mkstore r.db
mkdir raw && cp in/* raw/ && cp "$J/events.csv" raw/events.csv
gw-month -d r.db --month 2026-10 -p $P --in raw --out rawout 2> e6
rc=$?
t "raw events: classified in the store as event-report --classify does" sh -c '
	[ $1 -eq 0 ] && grep -q "^gw-month: classify 2026-10: events without a category [1-9][0-9]*, classified by rule" e6 &&
	gw-csv -c event_id,category in/events.csv | sed 1d | sort > want &&
	sqlite3 -csv r.db "SELECT event_id, coalesce(category, '"''"') FROM events" | sort > got &&
	cmp want got' - $rc
t "raw events: the same scores as the file pipeline" cmp files-scores.csv rawout/scores.csv
# the events alone: gw-month routes and tracks them itself
mkstore e.db
mkdir ev && cp raw/* ev/ && rm ev/orders.csv ev/cases.csv
gw-month -d e.db --month 2026-10 -p $P --in ev --out evout 2> e7
rc=$?
t "events alone: routed in the store, the orders case-route gives" sh -c '
	[ $1 -eq 0 ] && cmp in/orders.csv evout/orders.csv &&
	grep -q "^gw-month: route 2026-10: events without an order 1256, orders 853, settled on the spot 403" e7' - $rc
t "events alone: tracked in the store, the cases and scores of the files" sh -c '
	cmp in/cases.csv evout/cases.csv && cmp files-scores.csv evout/scores.csv'
dump e.db > de1
gw-month -d e.db --month 2026-10 -p $P --in ev --out evout2 2> e8
dump e.db > de2
t "events alone, again: nothing routed twice, the same store and bytes" sh -c '
	[ $1 -eq 0 ] && diff -u de1 de2 > /dev/null &&
	grep -q "events without an order 403, orders 0," e8 &&
	cmp evout/orders.csv evout2/orders.csv && cmp evout/cases.csv evout2/cases.csv' - $?
# the tables 004 adds load with gw-load too, from the commands' files
t "gw-load loads case-route's orders and grid-code's assignment" sh -c '
	gw-load -d l.db regions "$1/regions-140824.csv" 2> /dev/null &&
	gw-load -d l.db orders in/orders.csv 2> lo.err &&
	gw-load -d l.db assignment assignment.csv 2>> lo.err &&
	[ "$(sqlite3 l.db "SELECT count(*) FROM orders")" -eq "$(($(wc -l < in/orders.csv) - 1))" ] &&
	[ "$(sqlite3 l.db "SELECT count(*) FROM assignment")" -eq 2500 ]' - "$EX"
t "no --month: usage error" sh -c '
	gw-month -d s.db 2> err; [ $? -eq 2 ] && grep -q "^usage: gw-month" err'
