#!/bin/sh
# The EXAMPLES of gw-month(1) run as written, in a directory holding the
# example county's store and its October files, and print what the page
# shows; the page is lint-clean and its SYNOPSIS is the usage text.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 4
page=$TOP/man/gw-month.1

man_examples "$page"
t "the page has an example with its output" sh -c '
	test "$(grep -c . "$1")" -ge 2 && test "$(grep -c . "$2")" -ge 2' \
	sh "$TMP/man.cmds" "$TMP/man.want"
cd "$TMP" && mkstore gw.db && mkin 2026-10 2> mkin.err || { cat mkin.err; exit 2; }
sh "$TMP/man.cmds" > "$TMP/got" 2>&1
t "the examples print what the page shows" test_cmp "$TMP/man.want" "$TMP/got"
t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" gw-month
