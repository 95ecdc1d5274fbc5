#!/bin/sh
# The EXAMPLES of gw-load(1) run as written, in a directory holding the
# files they name (t/gw-load/ex/), and print what the page shows; the
# page is lint-clean and its SYNOPSIS is the usage text.
. "$(dirname "$0")/lib.sh"
plan 4
page=$TOP/man/gw-load.1

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 10 && test "$(grep -c . "$2")" -ge 15' \
	sh "$TMP/man.cmds" "$TMP/man.want"
mkdir "$TMP/ex" && cp "$T_DIR"/gw-load/ex/* "$TMP/ex/" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples print what the page shows" test_cmp "$TMP/man.want" "$TMP/got"
t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" gw-load
