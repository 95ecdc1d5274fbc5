#!/bin/sh
# score-month on a hand-made county (t/score-month/edge/) whose every
# figure was worked out by hand: the golden files hold them.  Edges: a
# worker hired on the month's last day (no working day: not scored), a
# worker hired during the month (working days and weeks from hiring),
# two workers in one grid, patrols of 119 and 120 minutes and a day made
# of two patrols, a Sunday patrol and login that do not count, the worked
# Saturday 10 Oct, a visit on the Sunday after the month in its last
# ISO week (counted) and visits outside that window (rejected), a late
# immediate report by one second, cases due at 23:59:59 on the last day
# closed at that second and one second later, the deduction cap (21
# overdue cases: 20), the bonus cap (7: 5), x.xx5 rounding (85.015 ->
# 85.02), competition ranks 1, 2, 2, 4.
. "$(dirname "$0")/lib.sh"
plan 17

cd "$T_DIR/score-month/edge" || exit 2
g=$T_DIR/score-month/edge
A="--workers workers.csv --grids grids.csv --assignment assignment.csv
 --events events.csv --cases cases.csv --patrols patrols.csv
 --visits visits.csv --logins logins.csv --trainings trainings.csv"

# shellcheck disable=SC2086
score-month --month 2026-10 $A --bonus bonus.csv -r "$TMP/rej.csv" \
	>"$TMP/month.out" 2>"$TMP/month.err"
rc=$?
t 'month: exit 1, some rows rejected' test $rc -eq 1
t 'month: the hand-worked scores' test_cmp "$g/month.out" "$TMP/month.out"
t 'month: every rejected row named on stderr' \
	test_cmp "$g/month.err" "$TMP/month.err"
t 'rejects file: one row per reject, 10' \
	test "$(($(wc -l <"$TMP/rej.csv") - 1))" -eq 10
t 'x.xx5 rounds up: 85.015 is 85.02' \
	grep -q '^2026-10,W4,.*,85\.02,称职,1,1$' "$TMP/month.out"
t 'no working day after hiring: not scored, said so' \
	sh -c "! grep -q ',W3,' '$TMP/month.out' &&
		grep -q \"worker 'W3' hired 2026-10-31: no working day\" '$TMP/month.err'"
t 'ties: ranks 1, 2, 2, 4 in township 140824101' \
	sh -c "awk -F, '\$4 == \"140824101\" { printf \"%s \", \$17 }' \
		'$TMP/month.out' | grep -qx '1 2 2 4 '"
t 'deduction cap 20 and bonus cap 5' \
	sh -c "grep -q '^2026-10,W5,.*,20\.00,0\.00,10\.00,' '$TMP/month.out' &&
		grep -q '^2026-10,W6,.*,0\.00,5\.00,75\.00,' '$TMP/month.out'"

# shellcheck disable=SC2086
score-month --month 2026-10 $A --bonus bonus.csv --explain W1 \
	>"$TMP/explain.out" 2>/dev/null
t 'explain W1: every numerator, deduction, bonus and the sum' \
	test_cmp "$g/explain-W1.out" "$TMP/explain.out"
t 'explain: the score line equals the scores row' \
	sh -c "grep -q '^W1,score,34\.86111111,,,,34\.86,' '$TMP/explain.out' &&
		grep -q ',W1,.*,34\.86,' '$TMP/month.out'"
# shellcheck disable=SC2086
score-month --month 2026-10 $A --explain W2 >"$TMP/explain2.out" 2>/dev/null
t 'explain W2 (hired Monday 26 Oct): 5 working days, only the last week' \
	sh -c "grep -q '^W2,attendance,5,5,1\.0000,' '$TMP/explain2.out' &&
		grep -q '^W2,coverage,2,4,0\.5000,15,7\.5000,' '$TMP/explain2.out' &&
		test \$(grep -c 'not counted: hired after its Thursday' '$TMP/explain2.out') -eq 4"
# shellcheck disable=SC2086
t 'explain: a worker not scored is an error' \
	rc_is 2 score-month --month 2026-10 $A --explain W3
# shellcheck disable=SC2086
t 'explain: an unknown worker is an error' \
	rc_is 2 score-month --month 2026-10 $A --explain W42

# week 41: 5-7 Oct off, Saturday 10 Oct worked: three working days
# shellcheck disable=SC2086
score-month --week 2026-W41 $A >"$TMP/week.out" 2>/dev/null
t 'week 2026-W41: three working days, the worked Saturday counted' \
	test_cmp "$g/week.out" "$TMP/week.out"
# shellcheck disable=SC2086
t 'week: --bonus is monthly' \
	rc_is 2 score-month --week 2026-W41 $A --bonus bonus.csv

# shellcheck disable=SC2086
score-month --month 2026-10 --by grid $A --bonus bonus.csv \
	>"$TMP/grids.out" 2>/dev/null
t 'by grid: the mean of the grid'"'"'s workers, ranked' \
	test_cmp "$g/grids.out" "$TMP/grids.out"

# jsonl: the same rows as objects
# shellcheck disable=SC2086
score-month --month 2026-10 $A --bonus bonus.csv -o jsonl \
	>"$TMP/month.jsonl" 2>/dev/null
t 'jsonl: W4 scores 85.02 with rank 1' \
	sh -c "jq -e -s 'map(select(.worker_id == \"W4\"))[0] |
		.score == \"85.02\" and .rank_county == \"1\"' '$TMP/month.jsonl' >/dev/null"
