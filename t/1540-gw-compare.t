#!/bin/sh
# gw-match --compare (issue 21): two snapshots of the register of
# t/year/compare with each kind of change — a person added (p5, p8) and
# removed (p2), moved to another household (p6) and to another grid (p3,
# by moving; p4, by its household given to another grid with
# --old-assignment), a tag gained (p3) and lost (p1), a tag written with
# another spelling unchanged (p4) — masked; the figures by grid.
. "$(dirname "$0")/lib.sh"
plan 9

cd "$T_DIR/year/compare" || exit 2
A="--compare old.csv --assignment assignment.csv --workers workers.csv"
# shellcheck disable=SC2086
{
gw-match $A new.csv >"$TMP/changes.out" 2>"$TMP/changes.err"
echo $? >"$TMP/changes.rc"
gw-match $A --summary new.csv >"$TMP/summary.out" 2>/dev/null
gw-match $A --old-assignment old-assignment.csv new.csv >"$TMP/moved.out" 2>/dev/null
gw-match $A --old-assignment old-assignment.csv --summary new.csv \
	>"$TMP/moved-summary.out" 2>/dev/null
}
t 'every change of a person, by grid, masked' test_cmp changes.out "$TMP/changes.out"
t 'a person given twice in the new snapshot is rejected, exit 1' \
	sh -c "test \$(cat '$TMP/changes.rc') -eq 1 && diff -u changes.err '$TMP/changes.err'"
t 'the figures by grid' test_cmp summary.out "$TMP/summary.out"
t 'with the old assignment: a household given to another grid moves its people' \
	test_cmp moved.out "$TMP/moved.out"
t 'moved out of one grid, into the other' test_cmp moved-summary.out "$TMP/moved-summary.out"
t 'a tag of another spelling is no change (p4)' \
	sh -c "! grep -q '0464,p4,.*tag' '$TMP/changes.out'"
# shellcheck disable=SC2086
t '--compare takes no --tag' \
	sh -c "gw-match $A --tag 低保 new.csv 2>'$TMP/e'; test \$? -eq 2 &&
	grep -qx 'gw-match: --compare takes no --tag nor --list' '$TMP/e'"

page=$TOP/man/gw-match.1
sed 's/\\e$/\\/' "$page" >"$TMP/page.1"
man_examples "$TMP/page.1"
mkdir "$TMP/ex" && cp ./*.csv "$TMP/ex/" && cp ../match/list.csv ../match/persons.csv "$TMP/ex/" || exit 2
cp ../match/assignment.csv "$TMP/ex/assignment.csv"
(cd "$TMP/ex" && sh "$TMP/man.cmds") >"$TMP/got" 2>&1
t 'the examples of gw-match(1) give the output the page shows' \
	test_cmp "$TMP/man.want" "$TMP/got"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" gw-match
