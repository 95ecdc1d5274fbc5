#!/bin/sh
# gw-csv on the golden cases of t/gw-csv/: CASE.csv (or CASE.tsv) is the
# input, CASE.args the options (if any), and the output, the messages
# and the exit status must be CASE.out, CASE.err and CASE.rc exactly.
# Run inside t/gw-csv so that messages name the file as given.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-csv" || exit 2
cases=$(ls *.csv *.tsv | sed 's/\.[a-z]*$//' | sort -u)
plan $(($(echo "$cases" | wc -l) * 3))
for c in $cases; do
	in=$c.csv
	[ -f "$in" ] || in=$c.tsv
	args=
	[ -f "$c.args" ] && args=$(cat "$c.args")
	# shellcheck disable=SC2086
	gw-csv $args "$in" >"$TMP/$c.out" 2>"$TMP/$c.err"
	echo $? >"$TMP/$c.rc"
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
done
