#!/bin/sh
# gw-screen on the golden cases of t/gw-screen/golden/: CASE.args holds
# the options and operands (split at blanks, never globbed), CASE.stdin
# (if any) is standard input, and the output, the messages and the exit
# status must be CASE.out, CASE.err and CASE.rc exactly; with a CASE.rej
# the run takes -r and the rejects file must be CASE.rej.  The cases
# cover every mode (the screening, lists, vacancies, --publicity, --zh,
# --excel, -o tsv and jsonl, the profiles) and every fatal path (options,
# inputs, policies).  Run inside t/gw-screen/golden so that messages name
# the files as given.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen/golden" || exit 2
cases=$(ls *.args | sed 's/\.args$//')
n=0
for c in $cases; do
	n=$((n + 3))
	[ -f "$c.rej" ] && n=$((n + 1))
done
plan $n
set -f
for c in $cases; do
	args=$(cat "$c.args")
	in=/dev/null
	[ -f "$c.stdin" ] && in=$c.stdin
	rej=
	[ -f "$c.rej" ] && rej="-r $TMP/$c.rej"
	# shellcheck disable=SC2086
	gw-screen $rej $args <"$in" >"$TMP/$c.out" 2>"$TMP/$c.err"
	echo $? >"$TMP/$c.rc"
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
	[ -z "$rej" ] || t "$c: rejects" test_cmp "$c.rej" "$TMP/$c.rej"
done
