#!/bin/sh
# While the rules move out of the commands into lib/ (one engine per rule
# set), examples/demo.sh must keep writing the very same bytes: every file
# of examples/out/ is checked against the checksums taken before the move
# (t/1103-demo-same.sums).  A change that is meant to alter an output
# updates the sums in the same commit and says why.
. "$(dirname "$0")/lib.sh"

sums=$TOP/t/1103-demo-same.sums
plan 2
demo_copy || exit 2
t "the demo exits 0" test "$(cat "$TMP/demo.rc")" -eq 0

(cd "$TMP/ex/out" && ls) >"$TMP/have"
awk '{ print $2 }' "$sums" | sort >"$TMP/want"
t "examples/out/ holds the same files, byte for byte" sh -c '
	cd "$1/ex/out" && diff -u "$2" "$3" >&2 && sha256sum --quiet -c "$4" >&2' \
	sh "$TMP" "$TMP/want" "$TMP/have" "$sums"
