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

awk -v cmds="$TMP/cmds.sh" -v want="$TMP/want" '
	/^\.Sh / { ex = ($2 == "EXAMPLES") }
	ex && /^\.Bd -literal/ { lit = 1; next }
	ex && /^\.Ed/ { lit = 0; next }
	!lit { next }
	{ gsub(/\\e/, "\\") }
	cont { print > cmds; cont = /[|\\]$/; next }
	/^\$ / { sub(/^\$ /, ""); print > cmds; cont = /[|\\]$/; next }
	{ print > want }
' "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 4 && test "$(grep -c . "$2")" -ge 12' \
	sh "$TMP/cmds.sh" "$TMP/want"

mkdir "$TMP/ex" && cp "$D/example.csv" "$TMP/ex/events.csv" &&
ln -s "$TOP/examples" "$TMP/ex/examples" || exit 2
(cd "$TMP/ex" && sh "$TMP/cmds.sh") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/want" "$TMP/got"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
syn=$(mandoc -Tutf8 "$page" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
use=$(case-route -h | sed 's/^usage: //' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
t "the SYNOPSIS is the usage text" test "$syn" = "$use"
t "--help and --version exit 0 on stdout" sh -c '
	case-route --help | grep -q "^usage: case-route" && case-route --version | grep -q gridwork'
