#!/bin/sh
# The store remembers the profile each county was run with: every command
# that takes -d and -p records it when -p is given (an audit row when it
# changes), and says which profile it used when run without -p on a
# store that records another; nothing is said when they agree.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 11
cd "$TMP" || exit 2
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
gw-month -d s.db --month 2026-10 -p $P --in in 2> m.err || { cat m.err; exit 2; }

w="warning: no -p: this run uses profile 'gansu', but county 140824 of the store was run with 'jishan' (give -p jishan)"
score-month -d s.db --month 2026-10 > /dev/null 2> e1
t "score-month without -p: said" grep -qx "score-month: $w" e1
pay-calc -d s.db --month 2026-10 > /dev/null 2> e2
t "pay-calc without -p: said" grep -qx "pay-calc: $w" e2
pop-report -d s.db --as-of 2026-10-31 > /dev/null 2> e3
t "pop-report without -p: said" grep -qx "pop-report: $w" e3
gw-report -d s.db --month 2026-10 > /dev/null 2> e4
t "gw-report without -p: said" grep -qx "gw-report: $w" e4
score-month -d s.db --quarter 2026-Q4 > /dev/null 2> e5
t "score-month --quarter without -p: said too" grep -qx "score-month: $w" e5

n0=$(sqlite3 s.db "SELECT count(*) FROM audit")
score-month -p $P -d s.db --month 2026-10 > /dev/null 2> e6
pay-calc -p $P -d s.db --month 2026-10 > /dev/null 2>> e6
pop-report -p $P -d s.db --as-of 2026-10-31 > /dev/null 2>> e6
t "with the recorded -p: nothing said, nothing written" sh -c '
	! grep -q "profile" e6 &&
	[ "$(sqlite3 s.db "SELECT count(*) FROM audit")" -eq $1 ]' - "$n0"

pay-calc -p gansu -d s.db --month 2026-10 > /dev/null 2> e7
t "another -p: recorded for the county" sh -c '
	sqlite3 s.db "SELECT county_code, policy FROM profiles" | grep -qx "140824|gansu"'
t "... with an audit row of its own" sh -c '
	sqlite3 s.db "SELECT table_name, action, rows_loaded, note FROM audit
	    WHERE action = '"'profile'"'" | grep -qx "profiles|profile|1|profile gansu recorded" &&
	sqlite3 s.db "SELECT command FROM audit WHERE action = '"'profile'"'" |
	grep -q "pay-calc -p gansu -d s.db"'
score-month -d s.db --month 2026-10 > /dev/null 2> e8
t "then without -p under the same default: nothing said" sh -c '! grep -q "profile" e8'
score-month -p $P -d s.db --month 2026-10 > /dev/null 2> /dev/null
pop-report -d s.db --as-of 2026-10-31 > /dev/null 2> e9
t "recorded back by score-month -p: said again" grep -qx "pop-report: $w" e9

# a store the user cannot write: the profile is not recorded, and said
if [ "$(id -u)" -eq 0 ]; then
	skip "read-only stores: running as root"
else
	cp s.db ro.db && chmod a-w ro.db
	pay-calc -p gansu -d ro.db --month 2026-10 > /dev/null 2> e10
	t "a read-only store: said, not recorded, the run goes on" sh -c '
		grep -q "^pay-calc: warning: ro.db is read-only: profile .gansu. is not recorded" e10 &&
		sqlite3 ro.db "SELECT policy FROM profiles" | grep -qx jishan'
fi
