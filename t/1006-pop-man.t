#!/bin/sh
# pop-report(1): the EXAMPLES run as written ("$ " lines of the literal
# displays, continued while they end in | or \, run by one sh in a
# directory holding the test census, the visit fixtures and a link to
# examples/; standard output must be the displays' other lines), the page
# is lint-clean and its SYNOPSIS is the usage text.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pop-report
page=$TOP/man/pop-report.1
plan 6

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
	test "$(grep -c . "$1")" -ge 8 && test "$(grep -c . "$2")" -ge 15' \
	sh "$TMP/cmds.sh" "$TMP/want"

mkdir "$TMP/ex" && cp "$D/persons.csv" "$D/assignment.csv" "$TMP/ex/" &&
head -13 "$D/v-visits.csv" | grep -v '^W9,' >"$TMP/ex/visits.csv" &&
cp "$D/v-workers.csv" "$TMP/ex/workers.csv" &&
cp "$D/v-persons.csv" "$TMP/ex/kp.csv" && cp "$D/v-assign.csv" "$TMP/ex/ka.csv" &&
ln -s "$TOP/examples" "$TMP/ex/examples" || exit 2
(cd "$TMP/ex" && sh "$TMP/cmds.sh") >"$TMP/got" 2>"$TMP/err"
t "the examples give the output the page shows" test_cmp "$TMP/want" "$TMP/got"
t "the examples say nothing on stderr but the visits not counted" sh -c '
	grep -v "^pop-report: visits: 1 outside 2026-10, 1 by a worker of another grid" "$1" | wc -c | grep -qx 0' - "$TMP/err"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" pop-report
t "--help and --version exit 0 on stdout" sh -c '
	pop-report --help | grep -q "^usage: pop-report" && pop-report --version | grep -q .'
