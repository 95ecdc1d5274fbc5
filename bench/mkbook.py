#!/usr/bin/python3
# bench/mkbook.py CSV XLSX — the rows of CSV as Excel saves a census
# register: every text in the shared-strings table, a title row merged
# across the top, hired_on a date serial with a date style, amount and
# persons numbers.  Streams the sheet; holds the strings (as Excel does).
import csv, datetime, sys, zipfile
from xml.sax.saxutils import escape

src, out = sys.argv[1], sys.argv[2]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')
z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="人口登记" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="%ssharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="%sstyles" Target="styles.xml"/>'
    '</Relationships>' % (R, R, R))
z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?><styleSheet %s>'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
    '</styleSheet>' % NS)

sst, strs = {}, []
def si(s):
    i = sst.get(s)
    if i is None:
        i = sst[s] = len(strs)
        strs.append(s)
    return i

COLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
EPOCH = datetime.date(1899, 12, 30)
with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
    w = lambda s: f.write(s.encode("utf-8"))
    w('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>' % NS)
    w('<row r="1"><c r="A1" t="s"><v>%d</v></c></row>' % si("城关区人口登记表"))
    rd = csv.reader(open(src, encoding="utf-8"))
    hdr = next(rd)
    kind = ["d" if h == "hired_on" else "n" if h in ("amount", "persons") else "s" for h in hdr]
    w('<row r="2">' + "".join('<c r="%s2" t="s"><v>%d</v></c>' % (COLS[j], si(h))
        for j, h in enumerate(hdr)) + "</row>")
    r = 2
    for row in rd:
        r += 1
        cells = []
        for j, v in enumerate(row):
            if v == "":
                continue
            k = kind[j]
            if k == "s":
                cells.append('<c r="%s%d" t="s"><v>%d</v></c>' % (COLS[j], r, si(v)))
            elif k == "d":
                y, m, d = map(int, v.split("-"))
                cells.append('<c r="%s%d" s="1"><v>%d</v></c>' % (COLS[j], r,
                    (datetime.date(y, m, d) - EPOCH).days))
            else:	# as Excel stores a number: 600.00 is 600
                x = float(v)
                cells.append('<c r="%s%d"><v>%s</v></c>' % (COLS[j], r,
                    int(x) if x.is_integer() else repr(x)))
        w('<row r="%d">%s</row>' % (r, "".join(cells)))
    w('</sheetData><mergeCells count="1"><mergeCell ref="A1:%s1"/></mergeCells></worksheet>'
        % COLS[len(hdr) - 1])
with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
    f.write(('<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">'
        % (NS, len(strs), len(strs))).encode())
    for i in range(0, len(strs), 10000):
        f.write("".join("<si><t>%s</t></si>" % escape(s) for s in strs[i:i + 10000]).encode("utf-8"))
    f.write(b"</sst>")
z.close()
