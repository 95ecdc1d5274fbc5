#!/bin/sh
# score-month on the golden cases of t/score-month/golden/: CASE.args
# holds the options (inputs named relative to that directory), and the
# output, the messages and the exit status must be CASE.out, CASE.err
# and CASE.rc exactly.  The cases pin every mode (--month, --week,
# --by grid, --explain, --quarter, --year), --zh and the output formats,
# the rejects of every table, and the fatal paths of options and policy.
# Run inside the directory so that messages name the files as given.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/score-month/golden" || exit 2
cases=$(ls *.args | sed 's/\.args$//')
plan $(($(echo "$cases" | wc -l) * 3))
for c in $cases; do
	# shellcheck disable=SC2046
	score-month $(cat "$c.args") >"$TMP/$c.out" 2>"$TMP/$c.err"
	echo $? >"$TMP/$c.rc"
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
done
