#!/bin/sh
# gw-report at the edges: the first month (nothing before it: changes
# are —, never 0 %), a month with no events (after one with events), a
# township with no cases (its rates are —, not 100 %), a township's own
# report by village, a quarter, the workbook, and the usage errors.
. "$(dirname "$0")/lib.sh"

plan 15
demo_copy && [ "$(cat "$TMP/demo.rc")" -eq 0 ] || exit 2
db=$TMP/ex/gw.db
tab() { perl "$T_DIR/gw-report/table.pl" "$@"; }
fig() { tab glance "$1" | awk -F'\t' -v k="$2" '$1 == k { print $2 }'; }

gw-report -d "$db" --month 2026-10 -p jishan >"$TMP/oct.html" || exit 2
c1() {
	test "$(fig "$1" g.mom)" = "—" && test "$(fig "$1" g.yoy)" = "—" &&
	test "$(fig "$1" g.events_prev)" = "—" &&
	tab ev-area "$1" | awk -F"\t" "\$4 != \"—\" { exit 1 }" &&
	grep -q "上期无事件数据，环比—" "$1" && ! grep -q "环比0" "$1"
}
t "the first month: changes against nothing are —" c1 "$TMP/oct.html"
gw-report -d "$db" --month 2026-11 -p jishan >"$TMP/nov.html" 2>"$TMP/nov.err"
rc=$?
c2() {
	test "$rc" -eq 0 && ! test -s "$1"
}
t "a month with no events: exit 0, nothing on stderr" c2 "$TMP/nov.err"
c3() {
	test "$(fig "$1" g.events)" = 0 && test "$(fig "$1" g.events_prev)" = 1256 &&
	test "$(fig "$1" g.mom)" = "-100.0%" && grep -q "环比下降100.0%" "$1"
}
t "... 0 events, October before it, a fall of 100 %" c3 "$TMP/nov.html"
c4() {
	test "$(fig "$1" g.due)" = 0 && test "$(fig "$1" g.disposal)" = "—" &&
	test "$(fig "$1" g.ontime)" = "—"
}
t "... no case due: its rates are —" c4 "$TMP/nov.html"
c5() {
	n=$(sqlite3 "$2" "SELECT count(*) FROM cases WHERE closed_at IS NULL
		AND deadline < '2026-11-30 23:59:59'")
	test "$(fig "$1" g.overdue_open)" = "$n" && test "$n" -gt 0
}
t "... October's open cases are overdue at the end of November" c5 "$TMP/nov.html" "$db"
c6() {
	tab ev-months "$1" | tail -2 | cut -f2 | paste -sd" " - | grep -qx "1256 0"
}
t "... twelve months, October's events in the eleventh" c6 "$TMP/nov.html"
cp "$db" "$TMP/nocase.db" && chmod 600 "$TMP/nocase.db" &&
	sqlite3 "$TMP/nocase.db" "DELETE FROM cases WHERE grid_code LIKE '140824401%'" || exit 2
gw-report -d "$TMP/nocase.db" --month 2026-10 -p jishan >"$TMP/nocase.html" || exit 2
c7() {
	tab rate-area "$1" | grep -qx "稷山县经济技术开发区	—	—	0	0" &&
	test "$(tab rate-area "$1" | wc -l)" -eq 9
}
t "a township with no cases keeps its row, its rates —" c7 "$TMP/nocase.html"
gw-report -d "$db" --month 2026-10 -p jishan --area 140824100 >"$TMP/town.html" || exit 2
c8() {
	n=$(sqlite3 "$2" "SELECT count(*) FROM events WHERE grid_code LIKE '140824100%'")
	v=$(sqlite3 "$2" "SELECT count(*) FROM regions WHERE code LIKE '140824100___'")
	test "$(fig "$1" g.events)" = "$n" && test "$(tab ev-area "$1" | wc -l)" -eq "$v" &&
	grep -q "<h1>稷峰镇2026年10月" "$1"
}
t "a township's report: its events, by village" c8 "$TMP/town.html" "$db"
gw-report -d "$db" --quarter 2026-Q4 -p jishan >"$TMP/q.html" || exit 2
c9() {
	test "$(fig "$1" g.events)" = 1256 && test "$(fig "$1" g.mom)" = "—" &&
	grep -q "2026年第四季度" "$1"
}
t "a quarter: its events, the quarter before none" c9 "$TMP/q.html"
qtop() {
	score-month -p jishan --quarter 2026-Q4 -d "$2" | sed 1d |
		sort -t, -k7,7nr -k2,2 | head -10 | cut -d, -f7,8 | tr , '\t' >"$TMP/want.q"
	tab top "$1" | cut -f5,6 | diff "$TMP/want.q" -
}
t "... its ranking is the quarter's scores and grades of score-month --quarter" qtop "$TMP/q.html" "$db"

PY=/usr/bin/python3
if $PY -c 'import openpyxl' 2>/dev/null; then
	gw-report -d "$db" --month 2026-10 -p jishan -o xlsx >"$TMP/r.xlsx" || exit 2
	t "-o xlsx: a sheet a table, counts as numbers" $PY -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert len(wb.sheetnames) == 15, wb.sheetnames
g = wb[wb.sheetnames[0]]
assert g["A2"].value == "受理事件" and g["B2"].value == 1256, (g["A2"].value, g["B2"].value)
' "$TMP/r.xlsx"
else
	skip "python3-openpyxl is not installed (make deps)"
fi

t "no -d: exit 2" rc_is 2 gw-report --month 2026-10
t "--month with --year: exit 2" rc_is 2 gw-report -d "$db" --month 2026-10 --year 2026
c10() {
	gw-report -d "$1" --month 2026-10 --by county; a=$?
	gw-report -d "$1" --month 2026-10 --area 140824100200001; b=$?
	gw-report -d "$1" --month 2026-13; c=$?
	test $a$b$c = 222
}
t "--by county, --area of a grid, a bad month: exit 2" c10 "$db"
c11() {
	gw-report -d "$1/none.db" --month 2026-10 >"$1/none.out"; test $? -eq 2 &&
	! test -s "$1/none.out" && ! test -e "$1/none.db"
}
t "a store that is not there: exit 2, nothing on stdout" c11 "$TMP"
