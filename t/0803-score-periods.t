#!/bin/sh
# score-month --quarter and --year from monthly score rows
# (t/score-month/q/scores.csv): the mean of the months present (a
# quarter), the mean of the quarters present (the year), rounded half-up
# once; a worker present part of the period is marked partial.
. "$(dirname "$0")/lib.sh"
plan 8

q=$T_DIR/score-month/q
cd "$q" || exit 2
score-month --quarter 2026-Q3 --scores scores.csv >"$TMP/q3.out" 2>"$TMP/q3.err"
rc=$?
t 'quarter: exit 1, a second score for one month rejected' \
	sh -c "test $rc -eq 1 && grep -q \"scores.csv:11: column 'worker_id': a second score of worker 'D' for 2026-09\" '$TMP/q3.err'"
t 'quarter 2026-Q3' test_cmp q3.out "$TMP/q3.out"
t 'quarter: (85.00 + 85.01) / 2 = 85.005 rounds half-up to 85.01' \
	grep -q '^2026-Q3,B,.*,2,1,85\.01,' "$TMP/q3.out"
t 'quarter: A over its 3 months is not partial; other months ignored' \
	grep -q '^2026-Q3,A,.*,3,0,85\.00,' "$TMP/q3.out"
score-month --year 2026 --scores scores.csv >"$TMP/year.out" 2>/dev/null
t 'year 2026: the mean of the quarters' test_cmp year.out "$TMP/year.out"
score-month --quarter 2026-Q3 --by grid --scores scores.csv \
	>"$TMP/q3g.out" 2>/dev/null
t 'quarter by grid' test_cmp q3-grids.out "$TMP/q3g.out"
t 'quarter: a bad quarter is a usage error' \
	rc_is 2 score-month --quarter 2026-Q5 --scores scores.csv
t 'quarter: --scores is required' rc_is 2 score-month --year 2026
