#!/bin/sh
# An --excel CSV and a -o xlsx workbook, each opened by LibreOffice
# (headless) and saved again as a workbook: every ID number, code and
# phone comes back exact, a formula-like cell stays text, ordinary cells
# carry no mark.  LibreOffice is installed by `make deps`: a missing one
# fails the test.
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 2
PY=/usr/bin/python3
cat > in.csv <<'CSV'
id_number,phone,grid_code,village_code,category,note,name,amount
140824197102107739,13412348097,140824100200001,140824100200,0703,=1+1,张三,600.00
14082419981117671X,+8613412348097,620102001001002,620102001001,13,@SUM(A1),Li Si,-12.50
110105491231002,01087654321,140824100203001,140824100203,01,-x,王五,3
CSV
plan 4
t "libreoffice is installed (make deps)" sh -c 'command -v soffice >/dev/null'
gw-csv --excel in.csv > x.csv
gw-csv -o xlsx in.csv > w.xlsx
mkdir lo
lo() {	# lo FILTER FILE: convert FILE to lo/*.xlsx
	timeout 180 soffice -env:UserInstallation=file://$TMP/profile --headless \
	    ${1:+--infilter="$1"} --convert-to xlsx --outdir lo "$2" >/dev/null 2>&1
}
# the sanitizer pass checks gw-csv's memory; LibreOffice's reading of
# the same bytes is the plain pass's to check
[ -n "$GW_SAN" ] || { lo 'CSV:44,34,76,1' x.csv; lo '' w.xlsx; }
cat > check.py <<'PY'
import csv, sys, openpyxl
want = list(csv.reader(open("in.csv", encoding="utf-8")))
ws = openpyxl.load_workbook(sys.argv[1], data_only=True).active
got = [[c.value for c in r] for r in ws.iter_rows()]
bad = 0
for i, row in enumerate(want):
    if i == 0:
        ok = [str(g) for g in got[0][:len(row)]] == row
        if not ok: print("header", got[0]); bad = 1
        continue
    for j, v in enumerate(row):
        g = got[i][j]
        if j <= 4 or j in (5, 6):	# codes, IDs, phones, text: exact strings
            ok = g == v
        else:			# money: the number
            ok = isinstance(g, (int, float)) and abs(g - float(v)) < 1e-9
        if not ok:
            print("row %d col %d: got %r, want %r" % (i + 1, j + 1, g, v))
            bad = 1
sys.exit(bad)
PY
if [ -n "$GW_SAN" ]; then
	skip "LibreOffice's reading is the plain pass's (GW_SAN)"
	skip "LibreOffice's reading is the plain pass's (GW_SAN)"
else
	t "--excel CSV through LibreOffice: every ID, code and phone exact, formulas text" $PY check.py lo/x.xlsx
	t "-o xlsx through LibreOffice: every ID, code and phone exact" $PY check.py lo/w.xlsx
fi
t "--excel: ordinary cells have no mark" sh -c '
	tr -d "\r" < x.csv | sed -n 2p | grep -q ",张三,600.00\$" &&
	tr -d "\r" < x.csv | sed -n 3p | grep -q ",Li Si,-12.50\$"'
