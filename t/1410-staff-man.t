#!/bin/sh
# gw-staff(1): the EXAMPLES run as written on examples/staff/ (a county
# with staffing gaps on purpose) and give the output shown; the page is
# lint-clean and its SYNOPSIS is the usage.
. "$(dirname "$0")/lib.sh"
page=$TOP/man/gw-staff.1
plan 5

sed 's/\\e$/\\/' "$page" >"$TMP/page.1"
man_examples "$TMP/page.1"
t 'the page has an example' test "$(grep -c . "$TMP/man.cmds")" -ge 1
mkdir "$TMP/ex" && cp "$TOP"/examples/staff/*.csv "$TMP/ex/" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") >"$TMP/got" 2>&1
t 'the example gives the output the page shows' test_cmp "$TMP/man.want" "$TMP/got"
t 'mandoc -Tlint is clean' mandoc -Tlint -Wwarning "$page"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" gw-staff
t '--version to stdout, exit 0' sh -c 'gw-staff --version | grep -q .'
