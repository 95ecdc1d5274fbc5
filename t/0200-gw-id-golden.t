#!/bin/sh
# gw-id golden cases: each line of t/gw-id/cases names a case and its
# arguments (NAME.stdin, if there, is its standard input); stdout,
# stderr and the exit status must equal NAME.out, NAME.err and NAME.rc.
# GW_GOLDEN_WRITE=1 rewrites them (then review the diff).
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-id" || exit 2
grep '^[^#]' cases >"$TMP/cases"
plan "$(wc -l <"$TMP/cases")"
while IFS='	' read -r name args; do
	eval "set -- $args"
	in=/dev/null
	[ -f "$name.stdin" ] && in=$name.stdin
	gw-id "$@" <"$in" >"$TMP/$name.out" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.rc"
	if [ -n "$GW_GOLDEN_WRITE" ]; then
		cp "$TMP/$name.out" "$TMP/$name.err" "$TMP/$name.rc" .
	fi
	t "$name: gw-id $args" sh -c '
		diff -u "$1.out" "$2/$1.out" &&
		diff -u "$1.err" "$2/$1.err" &&
		diff -u "$1.rc" "$2/$1.rc"' sh "$name" "$TMP"
done <"$TMP/cases"
