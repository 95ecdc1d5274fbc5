#!/bin/sh
# gw-month is one transaction: a kill -9 after any step leaves the store
# exactly as it was, and the --out files as they were; a second run on
# the store waits for the first, or says why it could not run; a required
# table without rows for the month is fatal and named, an empty bonus
# said once; orders without their case log, or a log without orders, are
# fatal and named.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 21
cd "$TMP" || exit 2
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
dump s.db > d0
sum0=$(sqlite3 s.db "SELECT count(*) FROM audit")

for k in load:events load:patrols load classify route track score pay pop \
    commit; do
	# a run killed with SIGKILL reports nothing to a sanitizer: the
	# sanitizer pass has the whole runs below, the plain pass the kills
	if [ -n "$GW_SAN" ]; then
		skip "kill -9 after $k: the plain pass's (GW_SAN)"
		continue
	fi
	GW_MONTH_KILL=$k gw-month -d s.db --month 2026-10 -p $P --in in \
	    --out "out-$k" 2> /dev/null
	rc=$?
	dump s.db > d1
	t "kill -9 after $k: killed, the store as it was, no output" sh -c '
		[ $1 -eq 137 ] && diff -u d0 d1 > /dev/null &&
		[ "$(sqlite3 s.db "SELECT count(*) FROM audit")" -eq $2 ] &&
		[ ! -e "out-$3/scores.csv" ] && [ ! -e "out-$3/orders.csv" ] &&
		[ ! -e "out-$3/cases.csv" ] && [ ! -e "out-$3/pay.csv" ] &&
		[ ! -e "out-$3/pay-budget.csv" ] &&
		[ ! -e "out-$3/visit-shortfall.csv" ]' - $rc "$sum0" "$k"
done

# another connection holds the write lock for two seconds: the run waits
( sqlite3 s.db "BEGIN IMMEDIATE; SELECT 1; " ".shell sleep 2" "COMMIT;" > /dev/null ) &
sleep 0.5
gw-month -d s.db --month 2026-10 -p $P --in in 2> w.err
rc=$?
wait
t "a second run waits for the first, then runs" sh -c '
	[ $1 -eq 0 ] && grep -q "committed to s.db" w.err' - $rc
( sqlite3 s.db "BEGIN IMMEDIATE; SELECT 1; " ".shell sleep 3" "COMMIT;" > /dev/null ) &
sleep 0.5
GRIDWORK_BUSY_TIMEOUT=1 gw-month -d s.db --month 2026-10 -p $P 2> b.err
rc=$?
wait
t "... or, past the busy timeout, says why it could not run: exit 2" sh -c '
	[ $1 -eq 2 ] && grep -q "^gw-month: s.db: cannot run the month: .*another run holds the store" b.err' - $rc

# required inputs: the month of another store without them
mkstore n.db
gw-month -d n.db --month 2026-10 -p $P 2> n.err
rc=$?
t "no workers: exit 2, the table named, nothing written" sh -c '
	[ $1 -eq 2 ] && grep -q "n.db:workers: no rows of '"'workers'"' for 2026-10" n.err &&
	grep -q "rolled back, the store is unchanged" n.err &&
	[ "$(sqlite3 n.db "SELECT count(*) FROM scores")" -eq 0 ]' - $rc
mkdir in3 && cp in/workers.csv in/logins.csv in/visits.csv in3/
gw-month -d n.db --month 2026-10 -p $P --in in3 2> n3.err
rc=$?
t "no patrols for the month: exit 2, named; the loads rolled back" sh -c '
	[ $1 -eq 2 ] && grep -q "no rows of '"'patrols'"' for 2026-10" n3.err &&
	[ "$(sqlite3 n.db "SELECT count(*) FROM workers")" -eq 0 ]' - $rc
cp in/patrols.csv in3/ && rm in3/logins.csv
gw-month -d n.db --month 2026-10 -p $P --in in3 2> n4.err
t "no logins: exit 2, named" sh -c '[ $1 -eq 2 ] &&
	grep -q "no rows of '"'logins'"' for 2026-10" n4.err' - $?
cp in/logins.csv in3/
gw-month -d n.db --month 2026-10 -p $P --in in3 2> n5.err
rc=$?
t "no bonus: said once, and the month runs" sh -c '[ $1 -eq 0 ] &&
	[ "$(grep -c "no rows of '"'bonus'"'" n5.err)" -eq 1 ] &&
	grep -q "^gw-month: warning: n.db:bonus: no rows of '"'bonus'"' for 2026-10\$" n5.err' - $rc
t "no rewards: said once, and the month is paid" sh -c '
	[ "$(grep -c "no rows of '"'rewards'"'" n5.err)" -eq 1 ] &&
	grep -q "^gw-month: warning: n.db:rewards: no rows of '"'rewards'"' for 2026-10\$" n5.err &&
	[ "$(sqlite3 n.db "SELECT count(*) FROM pay WHERE month = '"'2026-10'"'")" -eq 188 ]'
# the cases' inputs: orders without their log, a log without orders
mkdir in4 && cp in3/* in4/ && cp in/events.csv in/orders.csv in4/
gw-month -d n.db --month 2026-10 -p $P --in in4 2> n6.err
t "orders without a case log: exit 2, named; the loads rolled back" sh -c '
	[ $1 -eq 2 ] && grep -q "n.db:case_log: no rows of '"'case_log'"' up to 2026-10-31 23:59:59" n6.err &&
	grep -q "^gw-month: track 2026-10: fatal; rolled back" n6.err &&
	[ "$(sqlite3 n.db "SELECT count(*) FROM orders")" -eq 0 ]' - $?
rm in4/orders.csv && cp in/case_log.csv in4/
gw-month -d n.db --month 2026-10 -p $P --in in4 2> n7.err
t "a case log of events never routed: routed in the month, then tracked" sh -c '
	[ $1 -eq 0 ] && grep -q "^gw-month: track 2026-10: read [0-9]*, rejected 0, cases 853," n7.err' - $?
rm in4/events.csv
mkstore m.db
gw-month -d m.db --month 2026-10 -p $P --in in4 2> n8.err
t "a case log without orders (nor events): exit 2, named" sh -c '
	[ $1 -eq 2 ] && grep -q "m.db:orders: no rows of '"'orders'"'" n8.err' - $?
t "no assignment in the store: exit 2, named" sh -c '
	gw-load -d e.db regions "$1/regions-140824.csv" 2> /dev/null &&
	gw-month -d e.db --month 2026-10 -p jishan 2> e.err; [ $? -eq 2 ] &&
	grep -q "e.db:assignment: no rows of '"'assignment'"'" e.err' - "$EX"
