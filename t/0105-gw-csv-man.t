#!/bin/sh
# The EXAMPLES of gw-csv(1) run as written: every "$ " line of a literal
# display (continued while it ends in | or \) is run by one sh in a
# directory holding the files they name (register.csv made GB18030 with
# iconv), and the output must be the display's other lines.  Also: the
# page is lint-clean and its SYNOPSIS is the usage text.
. "$(dirname "$0")/lib.sh"

plan 4
page=$TOP/man/gw-csv.1

man_examples "$page"
t "the page has examples with commands and output" eval '
	test "$(grep -c . "$TMP/man.cmds")" -ge 6 && test "$(grep -c . "$TMP/man.want")" -ge 12'

mkdir "$TMP/ex" && cd "$TMP/ex" || exit 2
printf '身份证号,姓名,户号,住址\n11010519491231002X,张三,0001,"城关区1号,2单元"\n110105195001010015,李四,0001,城关区1号\n' |
	iconv -f UTF-8 -t GB18030 > register.csv || exit 2
printf '身份证号,姓名,住址\n11010519491231002X,张三,"1号楼\n2单元"\n110105195001010015,李四\n110105195001010015,王五,3号楼\n' > census.csv
sh "$TMP/man.cmds" > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

t "mandoc -Tlint is clean" eval '
	mandoc -Tlint -Wwarning "$page" > "$TMP/lint" 2>&1; rc=$?; cat "$TMP/lint"; [ $rc -eq 0 ] && ! [ -s "$TMP/lint" ]'

t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" gw-csv
