#!/bin/sh
# -o xlsx: gridwork's own workbook read back with openpyxl cell by cell
# (share/columns-xlsx.tsv types the cells; gridwork(7)).
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 2
PY=/usr/bin/python3
cat > in.csv <<'CSV'
id_number,phone,village_code,amount,date,reported_at,persons,score,note,name,employment
140824197102107739,13412348097,140824100200,600.00,2026-10-15,2026-10-15 08:30:00,3,89.72,0123,张三丰,fulltime
14082419981117671X,,140824100201,1760.5,2026-02-30,n/a,,,123456789012,Li,parttime
CSV
printf 'id_number\n' > empty.csv
plan 9
t "-o xlsx writes a workbook" sh -c 'gw-csv -o xlsx in.csv > a.xlsx && gw-csv -o xlsx --zh in.csv > z.xlsx'
t "cells typed by column: IDs, phones and codes text, money 0.00, dates, counts, numbers" $PY -c '
import openpyxl, datetime
ws = openpyxl.load_workbook("a.xlsx").active
r2 = [c for c in ws[2]]; r3 = [c for c in ws[3]]
assert [c.value for c in ws[1]] == "id_number phone village_code amount date reported_at persons score note name employment".split()
assert r2[0].value == "140824197102107739" and isinstance(r2[0].value, str)
assert r2[1].value == "13412348097" and r2[2].value == "140824100200"
assert r2[3].value == 600 and isinstance(r2[3].value, (int, float)) and r2[3].number_format == "0.00"
assert r3[3].value == 1760.5 and r3[3].number_format == "0.00"
assert r2[4].value == datetime.datetime(2026, 10, 15) and r2[4].is_date
assert r2[5].value == datetime.datetime(2026, 10, 15, 8, 30) and r2[5].is_date
assert r2[6].value == 3 and r2[7].value == 89.72 and r2[7].number_format == "0.00"
assert r2[8].value == "0123" and r3[8].value == "123456789012"
assert r2[9].value == "张三丰" and r2[10].value == "fulltime"
assert r3[0].value == "14082419981117671X"
assert r3[4].value == "2026-02-30" and r3[5].value == "n/a"
assert r3[6].value is None and r3[1].value is None
'
t "header bold, frozen at A2, filter over header and data" $PY -c '
import openpyxl
ws = openpyxl.load_workbook("a.xlsx").active
assert all(c.font.b for c in ws[1])
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws.auto_filter.ref == "A1:K3", ws.auto_filter.ref
'
t "widths fit the content, a CJK character counting double" $PY -c '
import openpyxl
ws = openpyxl.load_workbook("a.xlsx").active
w = {k: v.width for k, v in ws.column_dimensions.items()}
assert w["A"] >= 19, w
assert w["J"] >= 7, w
assert w["A"] < 40 and w["J"] < w["A"], w
'
t "--zh: Chinese headers and values in the workbook" $PY -c '
import openpyxl
ws = openpyxl.load_workbook("z.xlsx").active
h = [c.value for c in ws[1]]
assert h[0] == "身份证号" and h[10] == "用工类型", h
assert ws["K2"].value == "专职" and ws["K3"].value == "兼职"
assert ws["A2"].value == "140824197102107739"
'
t "a header alone: a workbook with its header and no rows" sh -c '
	gw-csv -o xlsx empty.csv > e.xlsx && '"$PY"' -c "
import openpyxl
ws = openpyxl.load_workbook(\"e.xlsx\").active
assert ws.max_row == 1 and ws[\"A1\"].value == \"id_number\""'
t "-o xlsx to a terminal is refused, exit 2" sh -c '
	script -qec "gw-csv -o xlsx in.csv" /dev/null > tty.out; rc=$?
	[ $rc -eq 2 ] && grep -q "refusing to write a workbook (-o xlsx) to a terminal" tty.out'
t "a full disk is a write error, exit 2" sh -c '
	gw-csv -o xlsx in.csv > /dev/full 2> full.err; [ $? -eq 2 ]'
t "no temporary workbook left behind, also after a failure" sh -c '
	mkdir tt && TMPDIR=$PWD/tt gw-csv -o xlsx in.csv > x.xlsx &&
	TMPDIR=$PWD/tt gw-csv -o xlsx in.csv > /dev/full; [ -z "$(ls tt)" ]'
