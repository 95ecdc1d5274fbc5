#!/bin/sh
# score-month(1): the EXAMPLES run as written on the test files and give
# the output shown; the page is lint-clean and its SYNOPSIS is the usage.
. "$(dirname "$0")/lib.sh"
page=$TOP/man/score-month.1
plan 5

# the page writes a continuation backslash as \e
sed 's/\\e$/\\/' "$page" >"$TMP/page.1"
man_examples "$TMP/page.1"
t 'the page has examples' test "$(grep -c . "$TMP/man.cmds")" -ge 5
mkdir "$TMP/ex" && cp "$T_DIR"/score-month/edge/*.csv "$T_DIR"/score-month/q/*.csv \
	"$TMP/ex/" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") >"$TMP/got" 2>&1
t 'the examples give the output the page shows' test_cmp "$TMP/man.want" "$TMP/got"
t 'mandoc -Tlint is clean' mandoc -Tlint -Wwarning "$page"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" score-month
t '--version to stdout, exit 0' sh -c 'score-month --version | grep -q .'
