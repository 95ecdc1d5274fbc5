#!/bin/sh
# pay-calc on the golden cases of t/pay-calc/golden/: CASE.args holds the
# options (the inputs named relative to that directory, most of them the
# fixtures of t/pay-calc), and the output, the messages and the exit
# status must be CASE.out, CASE.err and CASE.rc exactly; where CASE.rej
# exists, the run is given -r and its rejects file must be CASE.rej.
# The main modes (the sheet, --budget, -o jsonl, --zh, proration,
# floors, the scale), rows rejected (exit 1) and the fatal errors (exit
# 2: usage, policy, calendar, a missing column, an amount out of range).
# The expected files were written by pay-calc before its rules moved to
# lib/pay.c, so that the move cannot change what users see.  The tree's
# own path in a message is written @TOP@.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/pay-calc/golden" || exit 2
cases=$(ls *.args | sed 's/\.args$//')
n=0
for c in $cases; do n=$((n + 3)); [ -f "$c.rej" ] && n=$((n + 1)); done
plan $n
for c in $cases; do
	rej=
	[ -f "$c.rej" ] && rej="-r $TMP/$c.rej"
	# shellcheck disable=SC2046,SC2086
	pay-calc $(cat "$c.args") $rej >"$TMP/$c.out" 2>"$TMP/$c.raw"
	echo $? >"$TMP/$c.rc"
	sed "s#$TOP/#@TOP@/#g" "$TMP/$c.raw" >"$TMP/$c.err"
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
	if [ -n "$rej" ]; then
		t "$c: rejects file" test_cmp "$c.rej" "$TMP/$c.rej"
	fi
done
