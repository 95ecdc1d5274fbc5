#!/bin/sh
# score-month with the indicators a county chooses (issue 21): a policy
# adding 代办 and 交办 tasks and the 司法所's mark for full-time workers
# only (t/score-month/ind/county.conf, the example of
# gridwork-policy(5)), one weighing key-person visits and same-day
# reporting; tasks at their deadline's edge (23:59:59 of a bare date on
# time, a second later not); the rejects of the new tables; weights that
# do not sum to 100, an unknown formula, an indicator without one; the
# inputs an indicator needs, and one no indicator reads; the default
# indicators unchanged when the key is empty.
. "$(dirname "$0")/lib.sh"
plan 21

cd "$T_DIR/score-month/ind" || exit 2
E=../edge
A="--month 2026-10 --workers $E/workers.csv --grids $E/grids.csv"
A="$A --assignment $E/assignment.csv --events $E/events.csv"
A="$A --cases $E/cases.csv --patrols $E/patrols.csv --visits $E/visits.csv"
A="$A --logins $E/logins.csv --trainings $E/trainings.csv --bonus $E/bonus.csv"

# shellcheck disable=SC2086
{
score-month $A -p unset.conf >"$TMP/unset.out" 2>/dev/null
score-month $A -p county.conf --tasks tasks.csv --marks marks.csv \
	>"$TMP/county.out" 2>"$TMP/county.err"
echo $? >"$TMP/county.rc"
score-month $A -p county.conf --tasks tasks.csv --marks marks.csv \
	--explain W4 >"$TMP/county-W4.out" 2>/dev/null
score-month $A -p visits.conf --keyvisits keyvisits.csv \
	>"$TMP/visits.out" 2>"$TMP/visits.err"
score-month $A -p visits.conf --keyvisits keyvisits.csv --explain W1 \
	>"$TMP/visits-W1.out" 2>/dev/null
}
t 'an empty [score] indicators is the eight: the hand-worked scores' \
	test_cmp "$E/month.out" "$TMP/unset.out"
t 'county: daiban, jiaoban and sifa columns after satisfaction' \
	test_cmp county.out "$TMP/county.out"
t 'county: exit 1' test "$(cat "$TMP/county.rc")" -eq 1
t 'county: the rejected rows of tasks and marks named' \
	test_cmp county.err "$TMP/county.err"
t 'county: a task due on a bare date done at 23:59:59 is on time, a second later not (W2 daiban 0.5000)' \
	grep -q '^2026-10,W2,.*,0\.5000,1\.0000,1\.0000,3\.00,' "$TMP/county.out"
t 'county: sifa is not for a part-time worker (empty rate, weights scaled by 100/95)' \
	test_cmp county-W4.out "$TMP/county-W4.out"
t 'county: the scaled score is exact: W4 84.22105263' \
	grep -q '^W4,score,84\.22105263,' "$TMP/county-W4.out"
t 'visits: keyvisits and sameday columns' test_cmp visits.out "$TMP/visits.out"
t 'visits: a row of another grid or month is rejected' \
	test_cmp visits.err "$TMP/visits.err"
t 'visits: the sheet shows visits credited / required and events in time' \
	test_cmp visits-W1.out "$TMP/visits-W1.out"
t 'visits: an immediate report one second late is not in time (W1 sameday 1/2)' \
	grep -q '^W1,sameday,1,2,0\.5000,5,2\.5000,' "$TMP/visits-W1.out"

# shellcheck disable=SC2086
t 'weights summing to 105: exit 2, the policy error names score.weight.*' \
	sh -c "score-month $A -p badsum.conf --tasks tasks.csv >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -qx \"score-month: policy 'badsum.conf': the score.weight.\\* sum to 105, not 100\" '$TMP/e'"
# shellcheck disable=SC2086
t 'an unknown formula: exit 2, naming its line' \
	sh -c "score-month $A -p badformula.conf 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx \"score-month: badformula.conf:5: key 'ind.daiban': formula 'chores' is not one gridwork knows (score-month(1))\" '$TMP/e'"
# shellcheck disable=SC2086
t 'an indicator without a formula: exit 2' \
	sh -c "score-month $A -p noformula.conf 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx \"score-month: policy 'noformula.conf': indicator 'daiban' of score.indicators has no score.ind.daiban (its formula)\" '$TMP/e'"
# shellcheck disable=SC2086
t 'an input an indicator reads is required' \
	sh -c "score-month $A -p county.conf --tasks tasks.csv 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx \"score-month: missing --marks FILE: an indicator of policy 'county.conf' reads it\" '$TMP/e'"
# shellcheck disable=SC2086
t 'an input no indicator reads is refused' \
	sh -c "score-month $A --tasks tasks.csv 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx \"score-month: --tasks: no indicator of policy 'gansu' reads it\" '$TMP/e'"
printf 'include = gansu\n[score]\nindicators = attendance score\n' >"$TMP/dup.conf"
# shellcheck disable=SC2086
t 'an indicator named like a column of the scores is refused' \
	sh -c "score-month $A -p '$TMP/dup.conf' 2>'$TMP/e'; test \$? -eq 2 && grep -q \"'score' is not a column name\" '$TMP/e'"

# the default profiles: the same scores as before the indicators moved
# into the policy (the goldens of 0808 and the demo of 1103 pin them too)
# shellcheck disable=SC2086
for p in gansu lijin jishan; do
	t "$p: explicit indicators of gansu give the scores of an empty list" \
		sh -c "score-month $A -p $p >'$TMP/a' 2>/dev/null
		printf 'include = $p\n[score]\nindicators =\n' >'$TMP/p.conf'
		score-month $A -p '$TMP/p.conf' >'$TMP/b' 2>/dev/null
		diff -u '$TMP/a' '$TMP/b'"
done

# the county of gridwork-policy(5) is this test's
awk '/Pa t\/score-month\/ind\/county.conf/ { on = 1; next }
	on && /^\.Bd/ { next } on && /^\.Ed/ { exit } on' \
	"$TOP/man/gridwork-policy.5" >"$TMP/man.conf"
t 'the county profile of gridwork-policy(5) is t/score-month/ind/county.conf' \
	test_cmp county.conf "$TMP/man.conf"
