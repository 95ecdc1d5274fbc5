#!/bin/sh
# Reporting on time (issue 21; gridwork-rules(7), EVENTS): each
# category's limit at its edge — an urgent crime lead (04) at 120
# minutes and one second later, six hours late; an ordinary event at
# 23:59:59 of its day and at midnight; a 脱管 (1001) two days late; an
# immediate event at 60 and 61 minutes; an event without a category —
# listed by event-report --late; a county's own limits
# (report_within.CODE, report_within.normal); a bad limit; and the late
# reports of every urgency deducted by score-month where the policy
# weighs them (deduct.late.URGENCY), the immediate ones as before.
. "$(dirname "$0")/lib.sh"
plan 12

cd "$T_DIR/year/late" || exit 2
R="--period month --at 2026-10-01"
# shellcheck disable=SC2086
{
event-report $R --late events.csv >"$TMP/late.out" 2>"$TMP/late.err"
echo $? >"$TMP/late.rc"
event-report $R --late -p county.conf events.csv >"$TMP/county.out" 2>&1
event-report $R --late -p bad.conf events.csv >"$TMP/bad.out" 2>"$TMP/bad.err"
echo $? >"$TMP/bad.rc"
}
t 'gansu: the late events of October, oldest first, each with its limit' \
	test_cmp late.out "$TMP/late.out"
t 'gansu: exit 0, nothing on stderr' \
	sh -c "test \$(cat '$TMP/late.rc') -eq 0 && test ! -s '$TMP/late.err'"
t 'urgent 04: 120 minutes on time (L01), a second more late (L02)' \
	sh -c "! grep -q '^2026-10,L01,' '$TMP/late.out' && grep -q '^2026-10,L02,.*,120 minutes,' '$TMP/late.out'"
t 'normal: 23:59:59 of the day on time (L04), midnight late (L05)' \
	sh -c "! grep -q '^2026-10,L04,' '$TMP/late.out' && grep -q '^2026-10,L05,.*,the same day,' '$TMP/late.out'"
t 'immediate: 60 minutes on time (L07), 61 late (L08)' \
	sh -c "! grep -q '^2026-10,L07,' '$TMP/late.out' && grep -q '^2026-10,L08,.*,60 minutes,' '$TMP/late.out'"
t 'a report of the next month is not listed (L10)' \
	sh -c "! grep -q ',L10,' '$TMP/late.out'"
t "a county's own limits: 1001 within 240 minutes, normal 2160" \
	test_cmp county.out "$TMP/county.out"
t 'a limit neither minutes nor day: exit 2, naming its line' \
	sh -c "test \$(cat '$TMP/bad.rc') -eq 2 && test ! -s '$TMP/bad.out' &&
	grep -qx \"event-report: bad.conf:4: key 'report_within.urgent': a reporting limit is minutes (0-44640) or 'day', not 'soon'\" '$TMP/bad.err'"

E=../../score-month/edge
A="--month 2026-10 --workers $E/workers.csv --grids $E/grids.csv"
A="$A --assignment $E/assignment.csv --events score-events.csv"
A="$A --cases $E/cases.csv --patrols $E/patrols.csv --visits $E/visits.csv"
A="$A --logins $E/logins.csv --trainings $E/trainings.csv"
# shellcheck disable=SC2086
{
score-month $A -p score.conf >"$TMP/score.out" 2>/dev/null
score-month $A -p score.conf --explain W2 >"$TMP/score-W2.out" 2>/dev/null
score-month $A >"$TMP/gansu.out" 2>/dev/null
}
t 'score-month: late urgent and normal reports deducted (W1 4.50, W2 6.50)' \
	test_cmp score.out "$TMP/score.out"
t 'score-month: the sheet names each late report and its limit' \
	test_cmp score-W2.out "$TMP/score-W2.out"
t 'score-month: an urgency column wins over the category (S7: 01 urgent, late at 120:01)' \
	grep -q '^W2,late_report,,,,,-1.00,"event S7: urgent,.*limit 120 minutes"$' "$TMP/score-W2.out"
t 'gansu deducts the late immediate reports only, as before (W2 5.00)' \
	grep -q '^2026-10,W2,.*,5\.00,0\.00,' "$TMP/gansu.out"
