#!/bin/sh
# The EXAMPLES of case-track(1) run as written: every "$ " line of a
# literal display (continued while it ends in | or \) is run by one sh
# in a directory holding t/case-track/orders.csv and log.csv and a
# link to examples/, and the output (stdout and stderr) must be the
# display's other lines.  Also: the page is lint-clean and its SYNOPSIS
# is the usage text.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-track
page=$TOP/man/case-track.1
plan 5

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 4 && test "$(grep -c . "$2")" -ge 12' \
	sh "$TMP/man.cmds" "$TMP/man.want"

mkdir "$TMP/ex" && cp "$D/orders.csv" "$D/log.csv" "$TMP/ex/" &&
ln -s "$TOP/examples" "$TMP/ex/examples" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" case-track
t "--help and --version exit 0 on stdout" sh -c '
	case-track --help | grep -q "^usage: case-track" && case-track --version | grep -q gridwork'
