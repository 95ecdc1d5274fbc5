#!/bin/sh
# score-month: usage and fatal errors exit 2 with nothing on stdout;
# the clamp at score_min under a policy with a larger deduction cap.
. "$(dirname "$0")/lib.sh"
plan 13

cd "$T_DIR/score-month/edge" || exit 2
A="--workers workers.csv --grids grids.csv --assignment assignment.csv
 --events events.csv --cases cases.csv --patrols patrols.csv
 --visits visits.csv --logins logins.csv --trainings trainings.csv"

fatal() {	# fatal DESCRIPTION ARGS...: exit 2, empty stdout, a message
	d=$1; shift
	score-month "$@" >"$TMP/out" 2>"$TMP/err"
	r=$?
	t "$d" sh -c "test $r -eq 2 && test ! -s '$TMP/out' && test -s '$TMP/err'"
}
# shellcheck disable=SC2086
fatal 'no period' $A
# shellcheck disable=SC2086
fatal 'two periods' --month 2026-10 --week 2026-W41 $A
# shellcheck disable=SC2086
fatal 'a bad month' --month 2026-13 $A
fatal 'a missing input' --month 2026-10 --workers workers.csv
# shellcheck disable=SC2086
fatal 'an operand' --month 2026-10 $A extra.csv
# shellcheck disable=SC2086
fatal 'a month without a calendar' --month 2101-01 $A
# shellcheck disable=SC2086
fatal 'weights that do not sum to 100' -p "$T_DIR/score-month/badweights.conf" \
	--month 2026-10 $A
printf 'grid_code,village_code\n140824100200001,140824100200\n' >"$TMP/g.csv"
# shellcheck disable=SC2086
fatal 'a grids table without households' --month 2026-10 $A \
	--grids "$TMP/g.csv"
# shellcheck disable=SC2086
fatal '--explain with --by grid' --month 2026-10 --by grid --explain W1 $A

fatal 'a store that is not there' -d "$TMP/none.db" --month 2026-10 \
	--assignment assignment.csv
fatal 'a store without --assignment' -d "$TMP/none.db" --month 2026-10

# clamp: 21 overdue cases x 5 = 105, capped at 100, from 30: 0.00
# shellcheck disable=SC2086
score-month -p "$T_DIR/score-month/clamp.conf" --month 2026-10 $A \
	>"$TMP/clamp.out" 2>/dev/null
t 'clamped at score_min: 30 - 100 is 0.00' \
	grep -q '^2026-10,W5,.*,100\.00,0\.00,0\.00,不称职,' "$TMP/clamp.out"
t 'help to stdout, exit 0' sh -c 'score-month -h | grep -q "^usage: score-month"'
