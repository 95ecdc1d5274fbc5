#!/bin/sh
# -o xlsx on the commands that write tables, and on gw-load --export: the
# workbook holds the same rows as the command's CSV (read back by
# openpyxl, dates and numbers compared as the CSV writes them).
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 2
PY=/usr/bin/python3
EX=$TOP/examples/jishan
R=$TOP/examples/regions-140824.csv
cat > same.py <<'PY'
import csv, sys, datetime, openpyxl
want = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
ws = openpyxl.load_workbook(sys.argv[2]).active
def show(c):
    v = c.value
    if v is None: return ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d" if c.number_format == "yyyy-mm-dd" else "%Y-%m-%d %H:%M:%S")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        f = c.number_format
        d = len(f.split(".")[1]) if "." in f else 0
        return ("%%.%df" % d) % v if d else ("%d" % v if float(v).is_integer() else repr(v))
    return v
got = [[show(c) for c in r] for r in ws.iter_rows()]
got = [r + [""] * (len(want[0]) - len(r)) for r in got]
for i, (a, b) in enumerate(zip(want, got)):
    if a != b[:len(a)]:
        print("row", i + 1, a, b); sys.exit(1)
if len(want) != len(got):
    print("rows", len(want), len(got)); sys.exit(1)
PY
# same NAME CMD...: CMD's CSV and its -o xlsx workbook hold the same cells
same() { n=$1; shift
	"$@" > "$n.csv" 2>/dev/null; "$@" -o xlsx > "$n.xlsx" 2>/dev/null
	$PY same.py "$n.csv" "$n.xlsx"; }
plan 10
t "gw-id" same id gw-id "$EX/persons.csv"
t "event-report --classify (rows taken back from its CSV)" \
    same ev event-report -p jishan --classify "$EX/events.csv"
event-report -p jishan --classify "$EX/events.csv" > events.csv 2>/dev/null
case-route -p jishan events.csv > orders.csv 2>/dev/null
t "case-route" same ord case-route -p jishan events.csv
t "case-track" same ct case-track -p jishan --as-of '2026-10-31 23:59:59' \
    --orders orders.csv "$EX/case_log.csv"
t "case-track --summary" same cs case-track -p jishan --as-of '2026-10-31 23:59:59' \
    --orders orders.csv --summary --by township "$EX/case_log.csv"
t "grid-code" same gc grid-code -p jishan -R "$R" -u "$EX/units.csv" "$EX/households.csv"
grid-code -p jishan -R "$R" -u "$EX/units.csv" "$EX/households.csv" > asg.csv 2>/dev/null
t "pop-report" same pop pop-report -p jishan --as-of 2026-10-31 --by township \
    "$EX/persons.csv" asg.csv
gw-load -d s.db regions "$R" >/dev/null 2>&1
gw-load -d s.db --as-of 2026-10-31 persons "$EX/persons.csv" >/dev/null 2>&1
t "gw-load --export persons" same exp gw-load -d s.db --export persons
t "gw-load --export: IDs text, codes text" $PY -c '
import openpyxl
ws = openpyxl.load_workbook("exp.xlsx").active
h = [c.value for c in ws[1]]
for name in ("id_number", "household_id", "village_code", "phone"):
    j = h.index(name)
    assert all(isinstance(r[j].value, (str, type(None))) for r in ws.iter_rows(min_row=2)), name
'
t "a spooled command to a terminal is refused" sh -c '
	script -qec "case-route -p jishan -o xlsx events.csv" /dev/null > tty.out; rc=$?
	[ $rc -eq 2 ] && grep -q "refusing to write a workbook" tty.out'
