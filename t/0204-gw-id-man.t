#!/bin/sh
# The EXAMPLES of gw-id(1) run as written: every "$ " line of a literal
# display (continued while it ends in | or \) is run by one sh in a
# directory holding people.csv and a GB18030 roster.csv, and the output
# must be the display's other lines.  Also: the page is lint-clean and
# its SYNOPSIS is the usage text.
. "$(dirname "$0")/lib.sh"

plan 4
page=$TOP/man/gw-id.1

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 5 && test "$(grep -c . "$2")" -ge 10' \
	sh "$TMP/man.cmds" "$TMP/man.want"

mkdir "$TMP/ex" && cp "$T_DIR/gw-id/people.csv" "$TMP/ex/" &&
printf '姓名,身份证号\n张三,110105491231002\n李四,%s\n' \
	'１４０８２４１９９６０８１５００３９' |
	iconv -f UTF-8 -t GB18030 >"$TMP/ex/roster.csv" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") >"$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"

t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" gw-id
