#!/bin/sh
# The EXAMPLES of case-route(1) run as written: every "$ " line of a
# literal display (continued while it ends in | or \) is run by one sh
# in a directory holding t/case-route/example.csv as events.csv and a
# link to examples/, and the output (stdout and stderr) must be the
# display's other lines.  Also: the page is lint-clean and its SYNOPSIS
# is the usage text.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-route
page=$TOP/man/case-route.1
plan 5

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 4 && test "$(grep -c . "$2")" -ge 12' \
	sh "$TMP/man.cmds" "$TMP/man.want"

mkdir "$TMP/ex" && cp "$D/example.csv" "$TMP/ex/events.csv" &&
ln -s "$TOP/examples" "$TMP/ex/examples" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" case-route
t "--help and --version exit 0 on stdout" sh -c '
	case-route --help | grep -q "^usage: case-route" && case-route --version | grep -q gridwork'
