#!/bin/sh
# gw-match (issue 21): the 司法所's list of t/year/match against the
# census, with each of the four kinds of mismatch — matched (p1, and p5
# tagged by another spelling), untagged (p6, listed by its 15-digit
# number), unlisted (p3, tagged 社区矫正对象), unregistered (钱九) — by
# grid with its workers, masked unless --unmasked; the rejected rows of
# list and register; an unknown tag; the man page's lint and SYNOPSIS.
. "$(dirname "$0")/lib.sh"
plan 12

cd "$T_DIR/year/match" || exit 2
A="--list list.csv --assignment assignment.csv --workers workers.csv"
# shellcheck disable=SC2086
{
gw-match --tag 社区矫正 $A persons.csv >"$TMP/match.out" 2>"$TMP/match.err"
echo $? >"$TMP/match.rc"
gw-match --tag 社区矫正 --summary $A persons.csv >"$TMP/summary.out" 2>/dev/null
gw-match --tag 社矫 --unmasked $A persons.csv >"$TMP/unmasked.out" 2>/dev/null
gw-match --tag 社区矫正 $A <persons.csv >"$TMP/stdin.out" 2>/dev/null
}
t 'the four kinds, by grid with its workers, masked' \
	test_cmp match.out "$TMP/match.out"
t 'the rejected rows of the list and the register named' \
	test_cmp match.err "$TMP/match.err"
t 'exit 1: rows were rejected' test "$(cat "$TMP/match.rc")" -eq 1
t 'a 15-digit number on the list matches its 18-digit form (p6 untagged)' \
	grep -q '^untagged,140824100200001,W1;W2,140824\*\*\*\*\*\*\*\*0495,p6,王六,' "$TMP/match.out"
t 'the summary counts each kind by grid' test_cmp summary.out "$TMP/summary.out"
t '--unmasked, and the tag by another spelling' test_cmp unmasked.out "$TMP/unmasked.out"
t 'the persons from standard input' test_cmp match.out "$TMP/stdin.out"
# shellcheck disable=SC2086
t 'an unknown tag: exit 2, nothing written' \
	sh -c "gw-match --tag 矫正 $A persons.csv >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -qxF \"gw-match: --tag '矫正': no tag of policy 'gansu' ([pop] tag.NAME)\" '$TMP/e'"
t 'a register without id_number: exit 2, named the persons' \
	sh -c "cut -d, -f2- persons.csv | gw-match --tag 社区矫正 $A >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -q \"^gw-match: stdin: missing column 'id_number' (the persons); headers seen: 'name',\" '$TMP/e'"
t 'a list without id_number: exit 2, named --list' \
	sh -c "cut -d, -f2- list.csv | gw-match --tag 社区矫正 --list - --assignment assignment.csv persons.csv >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -q \"^gw-match: stdin: missing column 'id_number' (--list); headers seen: 'name'\" '$TMP/e'"

page=$TOP/man/gw-match.1
# its EXAMPLES run in 1540-gw-compare.t, beside the snapshots
t 'mandoc -Tlint is clean' mandoc -Tlint -Wwarning "$page"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" gw-match
