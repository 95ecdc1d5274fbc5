#!/bin/sh
# grid-code -d keeps the division in the store (gridwork-store(5):
# assignment, grids, grid_codes): written back in one transaction with
# its audit row, read back as the previous division, so a second run keeps
# every code; a code retired is never issued again, even when its grids
# row is gone, because grid_codes remembers it and keeps it for ever; the
# profile of the county is recorded, and a run without -p says so.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 14

S=$TMP/s.db
cd "$TMP" || exit 2
printf 'unit_id,name,village_code,kind,people\nU1,第一中学,140824100001,school,800\n' > units.csv
echo unit_id,name,village_code,kind,people > nounits.csv
{ hdr; village 140824100001 3 "120 120 120 120 120"; village 140824100002 2 "40 40"; } > hh.csv
{ gw-load -d "$S" regions "$R" && gw-load -d "$S" households hh.csv; } 2> load.err ||
	{ cat load.err; exit 2; }
q() { sqlite3 "$S" "$1"; }

grid-code -d "$S" -u units.csv -G g1.csv > a1.csv 2> e1
t "a first division from the store: exit 0" [ $? -eq 0 ]
t "the assignment is written back, a row a household, as on stdout" sh -c '
	[ "$(sqlite3 "$1" "SELECT count(*) FROM assignment")" -eq 680 ] &&
	sed 1d a1.csv | cut -d, -f1,6 | sort > want &&
	sqlite3 -csv "$1" "SELECT household_id, grid_code FROM assignment" | sort > got &&
	cmp want got' - "$S"
t "every code issued is in grid_codes, in use" sh -c '
	[ "$(sqlite3 "$1" "SELECT count(*) FROM grid_codes WHERE retired_at IS NULL")" -eq \
	  "$(($(wc -l < g1.csv) - 1))" ] &&
	sqlite3 "$1" "SELECT grid_code FROM grid_codes WHERE kind = '"'dedicated'"'" |
	grep -qx 140824100001901' - "$S"
t "the write-back is audited" sh -c '
	sqlite3 "$1" "SELECT table_name, action, rows_loaded FROM audit ORDER BY id DESC LIMIT 1" |
	grep -qx "assignment|divide|680"' - "$S"

grid-code -d "$S" -u units.csv -G g2.csv > a2.csv 2> e2
t "again: the store's previous division keeps every code" sh -c '
	cmp a1.csv a2.csv && ! sed 1d g2.csv | grep -qv ",kept\$"'
t "again: no code issued, none retired" sh -c '
	[ "$(sqlite3 "$1" "SELECT count(*) FROM grid_codes")" -eq "$(($(wc -l < g1.csv) - 1))" ] &&
	[ "$(sqlite3 "$1" "SELECT count(*) FROM grid_codes WHERE retired_at IS NOT NULL")" -eq 0 ]' - "$S"

grid-code -d "$S" -u nounits.csv -G g3.csv > /dev/null 2>&1
t "without the unit: its dedicated grid is retired, and says when" sh -c '
	grep -q "^140824100001901,.*,retired\$" g3.csv &&
	sqlite3 "$1" "SELECT retired_at FROM grid_codes WHERE grid_code = '"'140824100001901'"'" |
	grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' - "$S"

# the grids row of the retired code lost: grid_codes still has it
q "DELETE FROM grids WHERE grid_code = '140824100001901'"
grid-code -d "$S" -u units.csv -G g4.csv > /dev/null 2>&1
t "the unit back: a new code, the retired one never issued again" sh -c '
	grep -q "^140824100001902,.*,dedicated,.*,new\$" g4.csv &&
	! grep -q "^140824100001901,.*,new\$" g4.csv &&
	! grep -q "^140824100001901,.*,kept\$" g4.csv'
t "grid_codes keeps both, the old one retired" sh -c '
	sqlite3 "$1" "SELECT grid_code, retired_at IS NULL FROM grid_codes WHERE kind = '"'dedicated'"' ORDER BY 1" |
	tr "\n" " " | grep -qx "140824100001901|0 140824100001902|1 "' - "$S"
t "a grid_codes row cannot be deleted" sh -c '
	! sqlite3 "$1" "DELETE FROM grid_codes" 2> err && grep -q "never forgotten" err' - "$S"

# a store this process may not write: divided, not written back, said
cp "$S" ro.db && chmod 400 ro.db
sum=$(cksum < ro.db)
if [ "$(id -u)" -ne 0 ]; then
	grid-code -d ro.db -u units.csv > /dev/null 2> ero
	t "a read-only store: exit 0, unchanged, said on stderr" sh -c '
		[ $? -eq 0 ] && [ "$(cksum < ro.db)" = "$1" ] &&
		grep -q "not written back" ero' - "$sum"
else
	skip "root writes a read-only file"
fi
t "--previous files with -d: divided from the files, the store not written" sh -c '
	s=$(cksum < "$1") &&
	grid-code -d "$1" --previous a1.csv --previous g1.csv > /dev/null 2> ep &&
	[ "$(cksum < "$1")" = "$s" ] && grep -q "not written back: --previous given" ep' - "$S"

# the profile: recorded with -p, said when a run without -p uses another
t "grid-code -p -d records the county's profile" sh -c '
	grid-code -p jishan -d "$1" -u units.csv > /dev/null 2>&1 &&
	sqlite3 "$1" "SELECT county_code, policy FROM profiles" | grep -qx "140824|jishan"' - "$S"
t "grid-code -d without -p says which profile it used" sh -c '
	grid-code -d "$1" -u units.csv > /dev/null 2> ep2 &&
	grep -qx "grid-code: warning: no -p: this run uses profile '"'gansu'"', but county 140824 of the store was run with '"'jishan'"' (give -p jishan)" ep2' - "$S"
