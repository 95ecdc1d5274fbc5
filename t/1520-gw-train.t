#!/bin/sh
# gw-train (issue 21): a year of trainings in t/year/train — the county
# at its minimum of 2 sessions, township 140824100 at its 3, township
# 140824101 one short of them; coverage of the workers reached; a worker
# hired untrained (W3, no induction) and one trained a day after
# starting (W4); the register as of 30 June; the rejected rows; the
# man page's EXAMPLES, SYNOPSIS and lint; [score] training_none.
. "$(dirname "$0")/lib.sh"
plan 19

cd "$T_DIR/year/train" || exit 2
A="--workers workers.csv --sessions sessions.csv --trainings trainings.csv"
# shellcheck disable=SC2086
{
gw-train --year 2026 $A >"$TMP/year.out" 2>"$TMP/year.err"
echo $? >"$TMP/year.rc"
gw-train --year 2026 --as-of 2026-06-30 $A >"$TMP/june.out" 2>/dev/null
gw-train --year 2026 --by worker $A >"$TMP/workers.out" 2>/dev/null
gw-train --year 2026 --by worker --untrained $A >"$TMP/untrained.out" 2>/dev/null
}
t 'the year by area: sessions against the minimum, coverage' \
	test_cmp year.out "$TMP/year.out"
t 'the county at its minimum (2 of 2), a township one short (2 of 3)' \
	sh -c "grep -q '^2026,2026-12-31,county,140824,2,2,0,' '$TMP/year.out' &&
	grep -q '^2026,2026-12-31,township,140824101,2,3,1,' '$TMP/year.out'"
t 'the rejected rows named' test_cmp year.err "$TMP/year.err"
t 'exit 1: some rows were rejected' test "$(cat "$TMP/year.rc")" -eq 1
t 'as of 30 June: sessions held by then, workers hired by then' \
	test_cmp june.out "$TMP/june.out"
t 'by worker: attendance by level, induction, untrained' \
	test_cmp workers.out "$TMP/workers.out"
t 'a worker hired untrained is listed, and one trained a day late' \
	test_cmp untrained.out "$TMP/untrained.out"
# shellcheck disable=SC2086
t 'an as-of day outside the year: exit 2, nothing written' \
	sh -c "gw-train --year 2026 --as-of 2027-01-01 $A >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -qx 'gw-train: the as-of day is not in 2026' '$TMP/e'"
t 'no sessions: exit 2' \
	sh -c "gw-train --year 2026 --workers workers.csv 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx 'gw-train: missing --sessions FILE: the store keeps no sessions' '$TMP/e'"
t 'trainings without worker_id: exit 2, named --trainings' \
	sh -c "cut -d, -f2- trainings.csv >'$TMP/tr.csv'; gw-train --year 2026 --workers workers.csv --sessions sessions.csv --trainings '$TMP/tr.csv' >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -q \"^gw-train: $TMP/tr.csv: missing column 'worker_id' (--trainings)\" '$TMP/e'"
printf 'include = gansu\n[train]\nsessions_min.township = -1\n' >"$TMP/neg.conf"
# shellcheck disable=SC2086
t 'a negative minimum is a policy error' \
	sh -c "gw-train --year 2026 -p '$TMP/neg.conf' $A 2>'$TMP/e'; test \$? -eq 2 &&
	grep -q 'train.sessions_min.township must be 0 to 366' '$TMP/e'"
printf 'include = gansu\n[train]\nsessions_min.village = 1\n' >"$TMP/vil.conf"
# shellcheck disable=SC2086
t 'a county requiring a village session: every village with workers listed' \
	sh -c "gw-train --year 2026 -p '$TMP/vil.conf' $A 2>/dev/null | grep -c ',village,' | grep -qx 4"
# shellcheck disable=SC2086
t 'jsonl output' sh -c "gw-train --year 2026 -o jsonl $A 2>/dev/null | jq -e -s 'length == 6 and .[0].trained_rate == \"0.8000\"' >/dev/null"

page=$TOP/man/gw-train.1
sed 's/\\e$/\\/' "$page" >"$TMP/page.1"
man_examples "$TMP/page.1"
t 'the page has examples' test "$(grep -c . "$TMP/man.cmds")" -ge 2
(sh "$TMP/man.cmds") >"$TMP/got" 2>&1
t 'the examples give the output the page shows' test_cmp "$TMP/man.want" "$TMP/got"
t 'mandoc -Tlint is clean' mandoc -Tlint -Wwarning "$page"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" gw-train

# score-month: a month with no session scheduled, as the policy chooses
E=$T_DIR/score-month/edge
S="--month 2026-10 --workers $E/workers.csv --grids $E/grids.csv"
S="$S --assignment $E/assignment.csv --events $E/events.csv"
S="$S --cases $E/cases.csv --patrols $E/patrols.csv --visits $E/visits.csv"
S="$S --logins $E/logins.csv --trainings $E/trainings.csv --bonus $E/bonus.csv"
printf 'include = gansu\n[score]\ntraining_none = skip\n' >"$TMP/skip.conf"
# shellcheck disable=SC2086
t 'training_none = skip: no rate, the weights scaled (W4 84.23)' \
	sh -c "score-month $S -p '$TMP/skip.conf' 2>/dev/null | grep -q '^2026-10,W4,.*,1\.0000,,1\.0000,0\.00,0\.00,84\.23,'"
printf 'include = gansu\n[score]\ntraining_none = never\n' >"$TMP/bad.conf"
# shellcheck disable=SC2086
t 'training_none neither one nor skip: exit 2' \
	sh -c "score-month $S -p '$TMP/bad.conf' 2>'$TMP/e'; test \$? -eq 2 &&
	grep -q \"score.training_none 'never': not one or skip\" '$TMP/e'"
