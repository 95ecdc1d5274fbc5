#!/bin/sh
# gw-synth for months whose days or deadlines fall in 2027, a year with
# no holiday notice yet: the files are written, exit 0, and one warning
# line says the year is provisional (gridwork-policy(5)).  The activity
# follows the provisional calendar: Friday 1 January 2027 is off, so it
# has fewer logins than Monday 4 January, a working day; with a notice
# that makes 1 January a working day (an empty 2027.txt, in a copy of
# share/) the warning is gone and the two days look alike.
. "$(dirname "$0")/lib.sh"
R=$TOP/examples/regions-140824.csv
plan 5
cd "$TMP" || exit 2

rc=0; gw-synth -R "$R" --county 140824 --households 50 --month 2027-01 -O m1 2> e1 || rc=$?
t "--month 2027-01: exit 0, the files written" sh -c '
	[ $1 -eq 0 ] && [ -s m1/logins.csv ] && [ -s m1/case_log.csv ]' - $rc
t "one line on stderr: the warning" sh -c '
	[ "$(wc -l < e1)" -eq 1 ] &&
	grep -qx "gw-synth: warning: no holiday notice for 2027 in share/calendar: its deadlines and working days are provisional (statutory holidays only)" e1'
n() { c=$(grep -c ",$2\$" "$1/logins.csv" 2>/dev/null); echo "${c:-0}"; }
t "1 January off: fewer than half the logins of 4 January" \
	test $(($(n m1 2027-01-01) * 2)) -lt "$(n m1 2027-01-04)"
rc=0; gw-synth -R "$R" --county 140824 --households 50 --month 2026-12 -O m2 2> e2 || rc=$?
t "--month 2026-12, deadlines into 2027: exit 0, one warning" sh -c '
	[ $1 -eq 0 ] && [ "$(grep -c "warning: no holiday notice for 2027" e2)" -eq 1 ]' - $rc
mkdir share && cp -R "$TOP/share/." share/ && : > share/calendar/2027.txt || exit 2
GRIDWORK_SHARE=$TMP/share gw-synth -R "$R" --county 140824 --households 50 \
	--month 2027-01 -O m3 2> e3
a=$(n m3 2027-01-01) b=$(n m3 2027-01-04)
t "with a notice for 2027 in the share: no warning, 1 January worked" sh -c '
	! grep -q warning e3 && [ $(($1 * 2)) -gt "$2" ]' - "$a" "$b"
