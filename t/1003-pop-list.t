#!/bin/sh
# pop-report --list TAG: the persons of one group, per grid, identity
# numbers and phones masked unless --unmasked is said; TAG may be any
# spelling of a tag, or alone_elderly (the derived group: only member
# of a household, aged 60 or more at --as-of).
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pop-report
plan 9

pr() { pop-report --as-of 2026-10-31 "$@" "$D/persons.csv" "$D/assignment.csv" 2>/dev/null; }

pr --list 社区矫正 >"$TMP/c"
t "--list 社区矫正 matches the golden file" test_cmp "$D/list-corr.out" "$TMP/c"
pr --list 社矫 >"$TMP/o"
t "a spelling names the same tag" test_cmp "$D/list-corr.out" "$TMP/o"
t "no whole identity number and no whole phone number in a masked list" sh -c '
	! grep -E "[0-9]{17}[0-9X]|,1[0-9]{10}," "$1"' - "$TMP/o"
pr --list 社区矫正 --unmasked >"$TMP/u"
t "--unmasked shows the whole numbers" sh -c '
	grep -q ",140824199603150195,庚七,.*,13700002222," "$1" &&
	test "$(grep -cE "[0-9]{17}[0-9X]" "$1")" -eq 3' - "$TMP/u"
t "--unmasked changes only the numbers" sh -c '
	sed -E "s/,([0-9]{6})[0-9]{8}([0-9]{3}[0-9X]),/,\1********\2,/; s/,(1[0-9]{2})[0-9]{4}([0-9]{4}),/,\1****\2,/" "$1" |
	diff -u "$2" -' - "$TMP/u" "$D/list-corr.out"
t "--list alone_elderly: 60 and alone, not 59 and alone" sh -c '
	pop-report --as-of 2026-10-31 --list alone_elderly "$1/persons.csv" "$1/assignment.csv" \
		2>/dev/null | diff -u "$1/list-alone.out" -' - "$D"
t "a day earlier nobody is alone elderly" sh -c '
	test "$(pop-report --as-of 2026-10-30 --list alone_elderly "$1/persons.csv" \
		"$1/assignment.csv" 2>/dev/null | wc -l)" -eq 1' - "$D"
t "--list -o jsonl: one object a person, keys the header" sh -c '
	pop-report --as-of 2026-10-31 --list 社区矫正 -o jsonl "$1/persons.csv" "$1/assignment.csv" \
		2>/dev/null | jq -e -s "length == 3 and all(.id_number | test(\"^140824[*]{8}[0-9]{3}[0-9X]\$\"))"' - "$D"
t "--unmasked without --list or --visits is a usage error" sh -c '
	pop-report --as-of 2026-10-31 --unmasked "$1/persons.csv" "$1/assignment.csv" \
		>/dev/null 2>&1; test $? -eq 2' - "$D"
