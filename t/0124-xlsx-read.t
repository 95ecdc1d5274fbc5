#!/bin/sh
# Reading workbooks (lib/xlsx.c, lib/xls.c): .xlsx made here with openpyxl
# in the shapes offices send (title rows, merged headers, a Chinese sheet
# name, an ID typed as a number, an empty column, 1904 dates) and by hand
# for the cell forms openpyxl never writes (inline strings, rich text and
# phonetic runs, cached formula values, cells without references), and an
# .xls converted by LibreOffice; every command reads them as its CSV.
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 2
PY=/usr/bin/python3
EX=$TOP/examples/jishan
export TOP
plan 26

$PY - <<'PY' || exit 2
import datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

# a register as a village sends it: a title merged across the top, the
# headers as people type them, dates, an ID number typed as a number
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "户籍人口"
ws.append(["东北街村人口登记表"])
ws.merge_cells("A1:F1")
ws.append(["填报单位：稷峰镇", None, None, None, "2026年10月"])
ws.append(["公民身份证号码", "姓 名", "与户主的关系", "出生日期", "现居住地址", "手机"])
ws.append(["140824197102107739", "马庆", "户主", datetime.date(1971, 2, 10), "东北街1号", "19147496721"])
ws.append([140824197511010760, "张晨兰", "配偶", datetime.date(1975, 11, 1), "东北街1号", "17673755707"])
ws.append([])
ws.append(["14082419990306072X", "马宇", "子女", datetime.date(1999, 3, 6), "东北街1号", None])
wb.create_sheet("说明").append(["本表由村委会填报"])
wb.save("reg.xlsx")

# merged header cells over sub-headers, and an empty spacer column
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["人口登记表"])
ws.merge_cells("A1:F1")
ws.append(["姓名", "身份证号", None, "联系方式", None, None])
ws.merge_cells("A2:A3"); ws.merge_cells("B2:B3"); ws.merge_cells("D2:E2")
ws.append([None, None, None, "联系电话", "住址", None])
ws.append(["马庆", "140824197102107739", None, "19147496721", "东北街1号"])
ws.append(["张晨兰", "14082419751101076X", None, "17673755707", "东北街1号"])
wb.save("merged.xlsx")

# numbers, booleans, formulas, dates and times in the 1904 system
for name, epoch in (("d1900.xlsx", None), ("d1904.xlsx", CALENDAR_MAC_1904)):
    wb = openpyxl.Workbook()
    if epoch: wb.epoch = epoch
    ws = wb.active
    ws.append(["date", "at", "amount", "persons", "flag", "total"])
    ws.append([datetime.date(2026, 10, 8), datetime.datetime(2026, 10, 8, 9, 30), 600.0, 3, True, "=C2*2"])
    ws.append([datetime.date(1904, 1, 2), datetime.datetime(2000, 2, 29, 23, 59, 59), 1760.5, 0.1 + 0.2, False, None])
    ws["B3"].number_format = "yyyy/m/d h:mm:ss"
    ws["A2"].number_format = 'yyyy"年"m"月"d"日"'
    wb.save(name)

# the persons of the example county, as a workbook
import csv
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人口"
for row in csv.reader(open("%s/examples/jishan/persons.csv" % __import__("os").environ["TOP"], encoding="utf-8")):
    ws.append(row)
wb.save("persons.xlsx")
PY

# the cell forms of the file format itself, written by hand
$PY - <<'PY' || exit 2
import zipfile
z = zipfile.ZipFile("hand.xlsx", "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strs.xml"/></Relationships>')
z.writestr("xl/strs.xml", '<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>name</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">三 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ちょう</x:t></x:rPh></x:si><x:si><x:t>note</x:t></x:si></x:sst>')
z.writestr("xl/worksheets/data.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  '<row r="2"><c r="A2" t="s"><v>0</v></c><c t="inlineStr"><is><t>code</t></is></c><c r="D2" t="s"><v>2</v></c></row>'
  '<row r="3" spans="1:4"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><r><t>620102</t></r><r><t>001</t></r></is></c><c r="D3" t="str"><f>A3&amp;"!"</f><v>张三 !</v></c></row>'
  '<row r="4"><c r="A4" s="0"/></row><row r="5"></row>'
  '<row><c r="A6" t="inlineStr"><is><t>李四</t></is></c><c r="D6" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
  '<row r="9"><c r="D9"><f>SUM(1,2)</f><v>3</v></c><c r="A9" t="b"><v>1</v></c></row>'
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells></worksheet>')
z.close()
PY

cat > reg.want <<'EOF'
id_number,name,relation,birth,address,phone
140824197102107739,马庆,户主,1971-02-10,东北街1号,19147496721
14082419990306072X,马宇,子女,1999-03-06,东北街1号,
EOF
gw-csv -r rej.csv reg.xlsx > reg.out 2> reg.err
echo $? > reg.rc
t "title rows skipped, headers as offices type them, dates as ISO" test_cmp reg.want reg.out
t "an ID typed as a number: exit 1" test "$(cat reg.rc)" -eq 1
t "... refused, said as FILE:SHEET!ROW with the sheet's row" grep -qxF \
    "gw-csv: reg.xlsx:户籍人口!5: column 'id_number': number 1.40824197511011E+17 where text belongs (a spreadsheet dropped digits)" reg.err
t "... its row in the rejects file, with the sheet's row number" grep -q \
    '^reg.xlsx:户籍人口,5,,.*dropped digits.*,1.40824197511011E+17,张晨兰,' rej.csv

gw-csv --sheet 说明 --header-row 1 reg.xlsx > s2.out 2>&1
t "--sheet by its Chinese name" test "$(cat s2.out)" = "本表由村委会填报"
t "--sheet by number" sh -c 'gw-csv --sheet 2 reg.xlsx | grep -qx 本表由村委会填报'
t "an unknown sheet: exit 2, the sheets listed" sh -c '
	rc_() { gw-csv --sheet 3 reg.xlsx 2>e >o; echo $?; }
	[ "$(rc_)" -eq 2 ] && [ ! -s o ] &&
	grep -qxF "gw-csv: reg.xlsx: no sheet '\''3'\'' (the workbook has '\''户籍人口'\'', '\''说明'\'')" e'
t "--header-row picks the header" sh -c '
	gw-csv --header-row 2 reg.xlsx 2>/dev/null | head -1 | grep -qx "填报单位：稷峰镇,2026年10月"'
t "a bad --header-row is a usage error" rc_is 2 gw-csv --header-row 0 reg.xlsx

cat > merged.want <<'EOF'
name,id_number,phone,address
马庆,140824197102107739,19147496721,东北街1号
张晨兰,14082419751101076X,17673755707,东北街1号
EOF
t "merged header cells over sub-headers; the empty column left out" \
    sh -c 'gw-csv merged.xlsx > merged.out && test_cmp() { diff -u "$1" "$2"; } && test_cmp merged.want merged.out'

cat > d.want <<'EOF'
date,at,amount,persons,flag,total
2026-10-08,2026-10-08 09:30:00,600,3,TRUE,
1904-01-02,2000-02-29 23:59:59,1760.5,0.3,FALSE,
EOF
gw-csv d1900.xlsx > d1900.out 2>&1
gw-csv d1904.xlsx > d1904.out 2>&1
t "1900 dates and times, numbers as Excel shows them, booleans" test_cmp d.want d1900.out
t "the same in the 1904 system" test_cmp d.want d1904.out

cat > hand.want <<'EOF'
name,code,note
张三 ,620102001,张三 !
李四,,#DIV/0!
TRUE,,3
EOF
gw-csv hand.xlsx > hand.out 2> hand.err
t "shared, inline and rich strings, cached formulas, skipped cells" test_cmp hand.want hand.out
t "... and no message" test ! -s hand.err

t "a workbook on standard input, a file or a pipe" sh -c '
	gw-csv < reg.xlsx 2>/dev/null | diff -u reg.want - &&
	cat reg.xlsx | gw-csv 2>/dev/null | diff -u reg.want -'
t "a zip that is no workbook: exit 2, said" sh -c '
	'"$PY"' -c "import zipfile; zipfile.ZipFile(\"a.zip\", \"w\").writestr(\"x.txt\", \"x\")"
	gw-csv a.zip >o 2>e; [ $? -eq 2 ] && grep -q "a.zip: a zip archive, but not an .xlsx workbook" e'

cat > unnamed.py <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["姓名", "身份证号"]); ws.append(["马庆", "140824197102107739", "多余"])
wb.save("unnamed.xlsx")
PY
$PY unnamed.py
t "a value under no header: the row is rejected, its cell named" sh -c '
	gw-csv unnamed.xlsx >o 2>e; [ $? -eq 1 ] &&
	grep -qxF "gw-csv: unnamed.xlsx:Sheet!2: cell C2 has a value, but its column has no header" e'

# every command reads a workbook as the CSV of the same data
gw-csv "$EX/persons.csv" > p.csv
t "gw-csv: the workbook gives the CSV's output" sh -c 'gw-csv persons.xlsx | diff -u p.csv -'
t "gw-id: the same" sh -c 'gw-id persons.xlsx > a 2>/dev/null; gw-id "$1" > b 2>/dev/null; diff -u b a' sh "$EX/persons.csv"
gw-load -d x.db persons persons.xlsx > /dev/null 2>&1
gw-load -d c.db persons "$EX/persons.csv" > /dev/null 2>&1
t "gw-load: the workbook loads the rows the CSV does" sh -c '
	gw-load -d x.db --export persons > a && gw-load -d c.db --export persons > b &&
	test "$(wc -l < a)" -gt 1 && diff -u b a'

# an .xls, made from the register by LibreOffice
if timeout 120 soffice --headless --convert-to xls --outdir xls reg.xlsx >/dev/null 2>&1 &&
    [ -s xls/reg.xls ]; then
	gw-csv xls/reg.xls > xls.out 2> xls.err
	t "an .xls: the same rows" test_cmp reg.want xls.out
	t "an .xls: the ID typed as a number refused the same way" grep -qF \
	    "xls/reg.xls:户籍人口!5: column 'id_number': number 1.40824197511011E+17" xls.err
else
	skip "an .xls: LibreOffice (soffice) could not convert reg.xlsx"
	skip "an .xls: no .xls to read"
fi

# header names: blanks inside, full-width brackets, an office's aliases
printf '姓\343\200\200名,村（居）代码,户主身份证\nA,620102001001,x\n' > h.csv
t "blanks inside a header and full-width brackets" sh -c '
	gw-csv h.csv | head -1 | grep -qx "name,village_code,户主身份证"'
printf 'include = gansu\n[aliases]\n事件单号 = event_id\n' > office.conf
printf '事件单号,category\nE1,x\n' > ev.csv
t "an office's alias from its policy" sh -c '
	case-route -p ./office.conf --at "2026-10-08 09:00" ev.csv >o 2>e
	grep -qF "headers seen: '\''event_id'\'', '\''category'\''" e'
t "a missing column lists the headers seen and the names accepted" sh -c '
	case-route --at "2026-10-08 09:00" ev.csv >o 2>e; [ $? -eq 2 ] &&
	grep -qF "ev.csv: missing column '\''event_id'\''; headers seen: '\''事件单号'\'', '\''category'\''; names accepted: event_id, " e'

# a command's own row messages name the sheet's row too: pop-report's
# unknown tag in a persons workbook
$PY - <<'PY' || exit 2
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "人口"
ws.append(["id_number", "household_id", "village_code", "tags"])
ws.append(["140824197102107739", "H1", "140824100200", "外星人"])
wb.save("tags.xlsx")
PY
printf 'household_id,grid_code\nH1,140824100200001\n' >asg.csv
pop-report --as-of 2026-10-31 tags.xlsx asg.csv >/dev/null 2>tags.err
t "pop-report: an unknown tag in a workbook is said at SHEET!ROW" \
	grep -q "tags.xlsx:人口!2: column 'tags': unknown tag '外星人'" tags.err
