#!/bin/sh
# The EXAMPLES of pay-calc(1) run as written in t/pay-calc and give the
# output the page shows; the page is lint-clean; its SYNOPSIS is the
# usage text; --help and --version.
. "$(dirname "$0")/lib.sh"
page=$TOP/man/pay-calc.1
plan 5

# the page writes a continuation backslash as \e, as roff wants
sed 's/\\e$/\\/' "$page" > "$TMP/page.1"
man_examples "$TMP/page.1"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 9 && test "$(grep -c . "$2")" -ge 14' - "$TMP/man.cmds" "$TMP/man.want"
(cd "$T_DIR/pay-calc" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"
t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" pay-calc
t "--help and --version exit 0 on stdout" sh -c '
	pay-calc --help | grep -q "^usage: pay-calc" && pay-calc --version | grep -q gridwork'
