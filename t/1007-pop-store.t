#!/bin/sh
# pop-report -d STORE: persons from the store's persons table, each
# household in the base grid of its village holding its first member's
# block (grids table); the same registers as from files; every --list
# read is recorded in the audit table, saying whether it was unmasked.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pop-report
plan 8

db=$TMP/gw.db
gw-load -d "$db" persons "$D/persons.csv" >/dev/null 2>&1 &&
gw-load -d "$db" grids "$D/grids.csv" >/dev/null 2>&1 || exit 2

t "the registers from a store equal those from files" sh -c '
	pop-report -d "$1" --as-of 2026-10-31 >"$2/o" 2>"$2/e" && test ! -s "$2/e" &&
	test_cmp() { diff -u "$@"; } && test_cmp "$3/grid.out" "$2/o"' - "$db" "$TMP" "$D"
t "--by township from a store" sh -c '
	pop-report -d "$1" --as-of 2026-10-31 --by township 2>/dev/null | diff -u "$2/township.out" -' - "$db" "$D"

# persons come from a store in identity-number order, not of arrival
t "a masked --list from a store is the same list" sh -c '
	srt() { head -1 "$1"; tail -n +2 "$1" | sort; }
	pop-report -d "$1" --as-of 2026-10-31 --list 社区矫正 > "$3/l" 2>/dev/null &&
	srt "$2/list-corr.out" > "$3/want" && srt "$3/l" > "$3/got" &&
	diff -u "$3/want" "$3/got"' - "$db" "$D" "$TMP"
t "the audit table records the masked list" sh -c '
	sqlite3 "$1" "SELECT action, table_name, note FROM audit WHERE command LIKE '"'"'pop-report%'"'"'" |
	grep -qx "read|persons|pop-report --list 社区矫正 (masked)"' - "$db"
pop-report -d "$db" --as-of 2026-10-31 --list 社区矫正 --unmasked >"$TMP/u" 2>/dev/null
t "--unmasked from a store shows whole numbers" grep -q ",140824199603150195," "$TMP/u"
t "the audit table records the unmasked list and its command line" sh -c '
	sqlite3 "$1" "SELECT command, note FROM audit WHERE note LIKE '"'"'%--unmasked'"'"'" |
	grep -q "pop-report.*--unmasked.*|pop-report --list 社区矫正 --unmasked\$"' - "$db"

sqlite3 "$db" "UPDATE persons SET block = '三组' WHERE name = '丁四'" || exit 2
t "a block no grid of the village holds is a rejected row" sh -c '
	pop-report -d "$1" --as-of 2026-10-31 >/dev/null 2>"$2/e"; test $? -eq 1 &&
	grep -q "gw.db:persons:[0-9]*: column .block.: no base grid of village .140824100200. holds block .三组." "$2/e"' - "$db" "$TMP"
t "-d with files is a usage error" sh -c '
	pop-report -d "$1" --as-of 2026-10-31 "$2/persons.csv" "$2/assignment.csv" >/dev/null 2>&1; test $? -eq 2' - "$db" "$D"
