#!/bin/sh
# case-track on the golden cases of t/case-track/golden/: CASE.args are
# the options and operands (files of the directory, named as given),
# CASE.in (if any) the standard input; the output, the messages and the
# exit status must be CASE.out, CASE.err and CASE.rc exactly.  The cases
# cover the status, --summary (every --by) and --overdue modes, the
# output formats, provisional years, rejected rows and the fatal errors
# (usage, options that exclude each other, a missing column, an empty
# or missing file, a year with no calendar, a bad policy).  Run inside
# the directory so that messages name the files as given.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/case-track/golden" || exit 2
cases=$(ls *.args | sed 's/\.args$//')
plan $(($(echo "$cases" | wc -l) * 3))
for c in $cases; do
	in=/dev/null
	[ -f "$c.in" ] && in=$c.in
	# shellcheck disable=SC2046
	case-track $(cat "$c.args") <"$in" >"$TMP/$c.out" 2>"$TMP/$c.err"
	echo $? >"$TMP/$c.rc"
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
done
