#!/bin/sh
# grid-code(1): the EXAMPLES run as written (every "$ " line of a literal
# display, continued while it ends in | or \, run by one sh in a directory
# holding the files the page names; the output must be the display's other
# lines), the page is lint-clean, its SYNOPSIS is the usage text, and
# option errors are usage errors.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
plan 12
page=$TOP/man/grid-code.1

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 6 && test "$(grep -c . "$2")" -ge 10' \
	sh "$TMP/man.cmds" "$TMP/man.want"

mkdir "$TMP/ex" && cp "$T_DIR/grid-code/regions.csv" "$TMP/ex/" &&
{ hdr; village 140824100001 2 "150 150 200 203"
  village 140824200201 3 "60 60 60 60 60" 组; } > "$TMP/ex/households.csv" &&
{ hdr; village 140824100001 2 "150 150 200 203 90"
  village 140824200201 3 "60 60 60 60 60" 组; } > "$TMP/ex/households2.csv" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"

t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" grid-code

t "--version to stdout, exit 0" sh -c 'grid-code --version | grep -q "^grid-code (gridwork) "'
t "no -R: usage error" rc_is 2 sh -c 'grid-code "$1/ex/households.csv" > /dev/null 2>&1' - "$TMP"
t "--check with -G: usage error" rc_is 2 sh -c '
	grid-code --check -G x.csv "$1/ex/households.csv" > /dev/null 2>&1' - "$TMP"
t "an unknown option: usage error" rc_is 2 sh -c 'grid-code --frobnicate > /dev/null 2>&1'
t "a write error on stdout is an error" sh -c '
	[ -w /dev/full ] || exit 0
	grid-code -R "$1/ex/regions.csv" "$1/ex/households.csv" > /dev/full 2>/dev/null
	[ $? -eq 2 ]' - "$TMP"
t "the grid table is an ordinary file (umask), no temporary left" sh -c '
	cd "$1/ex" && umask 022 && grid-code -R regions.csv -G g.csv households.csv > /dev/null &&
	[ "$(stat -c %a g.csv)" = 644 ] && ! ls g.csv.tmp* > /dev/null 2>&1' - "$TMP"
t "a fatal error leaves no grid table behind" sh -c '
	cd "$1/ex" && rm -f g2.csv &&
	printf "a,b\n1,2\n" > nohh.csv &&
	grid-code -R regions.csv -G g2.csv nohh.csv > /dev/null 2>&1
	[ $? -eq 2 ] && ! ls g2.csv* > /dev/null 2>&1' - "$TMP"
t "-G to a device or a symbolic link writes through it" sh -c '
	cd "$1/ex" && ln -s g3.csv link.csv &&
	grid-code -R regions.csv -G link.csv households.csv > /dev/null 2>&1 &&
	[ -L link.csv ] && grep -q "^grid_code," g3.csv &&
	grid-code -R regions.csv -G /dev/null households.csv > /dev/null 2>&1 &&
	[ -c /dev/null ]' - "$TMP"
