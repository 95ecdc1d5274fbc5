#!/bin/sh
# gw-month's track stage reads what the month tracks: November replays
# only the cases October left open and its new one (orders and log), and
# gives each case October closed as its stored row, where the replay
# would; the bytes are case-track's over both months either way.  A row
# after a settled case closed is still rejected; a stored row without
# its provisional flag (a store older than 008) is replayed.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 7
cd "$TMP" || exit 2
SOURCE_DATE_EPOCH=1793491200	# 2026-10-31
export SOURCE_DATE_EPOCH
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
october s.db	# from the events and the log alone: routed and tracked
cp s.db s0.db

# November: one case October left open closes; one October closed gets
# a row after its close
X=C1408241002110010002
Z=$(grep ',closed,' out10/cases.csv | head -1 | cut -d, -f1)
mkdir nov
for tb in patrols visits logins trainings; do
	sed -e 's/,2026-10-/,2026-11-/; s/-202610-/-202611-/' "$J/$tb.csv" |
	    grep -v ',2026-11-01\|,2026-11-3[01]' > "nov/$tb.csv"
done
cat > nov/case_log.csv <<L
case_id,event_id,step,at,actor,department,satisfied,deadline
$X,E${X#C},answered,2026-11-02 10:00:00,综治中心,综治中心,,
$X,E${X#C},closed,2026-11-03 09:00:00,稷峰镇综治中心,,1,
L
settled=$(sqlite3 s.db "SELECT count(*) FROM cases WHERE state = 'closed'")
open=$((853 - settled))
gw-month -d s.db --month 2026-11 -p $P --in nov --out out11 2> e11
rc=$?
# what November needs: the open cases' orders and log rows, and its own
want=$(sqlite3 s.db "SELECT (SELECT count(*) FROM case_log WHERE case_id
	IN (SELECT case_id FROM cases WHERE month = '2026-11')) + $open")
t "November replays the open cases only: read $want (orders $open and their log)" sh -c '
	[ $1 -eq 0 ] &&
	grep -q "^gw-month: track 2026-11: read $2, rejected 0, cases 853, written $3 (kept $4, deleted 0)" e11' \
	- $rc "$want" $open $settled
{ cat in/orders.csv; } > orders-all.csv
{ cat "$J/case_log.csv"; sed 1d nov/case_log.csv; } > log-all.csv
case-track -p $P --as-of '2026-11-30 23:59:59' --orders orders-all.csv \
    log-all.csv > nov-cases.csv 2> /dev/null
t "... and writes case-track's bytes over both months" \
	cmp nov-cases.csv out11/cases.csv
t "a settled case's row is October's, its flag stored" sh -c '
	[ "$(sqlite3 s.db "SELECT month || provisional FROM cases WHERE case_id = '"'"'$1'"'"'")" = 2026-100 ]' - "$Z"

# a row after the close of a case October settled: rejected, exit 1
cp s0.db s1.db
ev=$(grep "^$Z," out10/cases.csv | cut -d, -f2)
{ cat nov/case_log.csv
  echo "$Z,$ev,answered,2026-11-05 10:00:00,综治中心,综治中心,,"; } > nl.csv
mkdir nov1 && cp nov/* nov1/ && cp nl.csv nov1/case_log.csv
gw-month -d s1.db --month 2026-11 -p $P --in nov1 --out out11b 2> e11b
rc=$?
t "a row after a settled case closed: exit 1, rejected as after the close" sh -c '
	[ $1 -eq 1 ] &&
	grep -q "^gw-month: track 2026-11: read [0-9]*, rejected 1," e11b &&
	grep -q "step .answered. after the case was closed" out11b/track.rejects.csv &&
	[ "$(sed 1d out11b/track.rejects.csv | wc -l)" -eq 1 ]' - $rc
t "... the case's row as October left it, the bytes the same" sh -c '
	cmp out11/cases.csv out11b/cases.csv &&
	[ "$(sqlite3 s1.db "SELECT month FROM cases WHERE case_id = '"'"'$1'"'"'")" = 2026-10 ]' - "$Z"

# a store whose rows lack the flag: every case replayed, the same bytes
cp s0.db s2.db
sqlite3 s2.db "UPDATE cases SET provisional = NULL"
gw-month -d s2.db --month 2026-11 -p $P --in nov --out out11c 2> e11c
rc=$?
t "rows without the flag: replayed, every order and log row read" sh -c '
	[ $1 -eq 0 ] &&
	n=$(sqlite3 s2.db "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM case_log)") &&
	grep -q "^gw-month: track 2026-11: read $n, rejected 0, cases 853, written $2 (kept $3, deleted 0)" e11c' \
	- $rc $open $settled
t "... and the same bytes" cmp out11/cases.csv out11c/cases.csv
