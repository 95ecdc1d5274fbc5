#!/bin/sh
# grid-code -d STORE: households (or persons), regions and units read from
# a store give exactly the output of the same data as files, and the
# division is written back (the store's previous division, once there,
# keeps the codes: the dedicated grids a run without units drops are
# retired); the store's
# households come in village code order, in order of arrival within a
# village; bad rows are rejected by rowid; the failure paths are fatal or
# usage errors.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
EX=$TOP/examples
R=$T_DIR/grid-code/regions.csv
plan 25

# ---- the example county, loaded as the manual says -------------------------
S=$TMP/s.db
{ gw-load -d "$S" regions "$EX/regions-140824.csv" &&
  gw-load -d "$S" --as-of 2026-10-31 persons "$EX/jishan/persons.csv" &&
  gw-load -d "$S" units "$EX/jishan/units.csv"; } 2> "$TMP/load.err" ||
	{ cat "$TMP/load.err"; exit 2; }
sum0=$(cksum < "$S")
(cd "$TMP" && grid-code -d "$S" -G g1.csv > a1.csv 2> e1; echo $? > rc1)
(cd "$TMP" && grid-code -R "$EX/regions-140824.csv" -u "$EX/jishan/units.csv" \
	-G g2.csv "$EX/jishan/households.csv" > a2.csv 2> e2; echo $? > rc2)
# -d writes the division back (gridwork-store(5), assignment, grid_codes)
t "-d writes back: every household in the store's assignment" sh -c '
	[ "$(cksum < "$1")" != "$2" ] &&
	[ "$(gw-load -d "$1" --export assignment | sed 1d | wc -l)" -eq 2500 ]' \
	- "$S" "$sum0"
t "the county from the store: exit 0 like the files" sh -c '
	[ "$(cat "$1/rc1")" = 0 ] && [ "$(cat "$1/rc2")" = 0 ]' - "$TMP"
t "the county from the store: stdout byte for byte as from files" \
	cmp "$TMP/a1.csv" "$TMP/a2.csv"
t "the county from the store: grid table byte for byte" \
	cmp "$TMP/g1.csv" "$TMP/g2.csv"
t "the county from the store: the same notes on stderr" \
	cmp "$TMP/e1" "$TMP/e2"
t "every household placed, dedicated grids from the store's units" sh -c '
	[ "$(($(wc -l < "$1/a1.csv") - 1))" -eq 2500 ] &&
	grep -q ",dedicated," "$1/g1.csv"' - "$TMP"
# gw-load derives households from persons: they agree with households.csv,
# in the same order (arrival), so the comparison above is a fair one
t "households derived by gw-load equal households.csv" sh -c '
	gw-load -d "$1" --export households | cmp - "$2/jishan/households.csv"' \
	- "$S" "$EX"

if command -v sqlite3 > /dev/null 2>&1; then
	cp "$S" "$TMP/p.db" && chmod 600 "$TMP/p.db" &&
	sqlite3 "$TMP/p.db" 'DELETE FROM households'
	# persons keep no order of arrival (their rowid is their number):
	# the same households are placed, in household-id order, into as
	# many grids
	t "no households in the store: derived from persons, same households" sh -c '
		cd "$1" && grid-code -d p.db -G g3.csv > a3.csv 2>/dev/null &&
		col=$(head -1 a1.csv | tr , "\n" | grep -nx household_id | cut -d: -f1) &&
		cut -d, -f$col a1.csv | sort > h1 && cut -d, -f$col a3.csv | sort > h3 &&
		cmp h1 h3 && test $(wc -l < g3.csv) -eq $(wc -l < g1.csv)' - "$TMP"
else
	skip "sqlite3 not installed: cannot empty the households table"
fi

t "--previous with -d: unchanged store, unchanged output" sh -c '
	cd "$1" && grid-code -d "$2" --previous a1.csv --previous g1.csv \
	    -G g4.csv > a4.csv 2>/dev/null && cmp a4.csv a1.csv &&
	! sed 1d g4.csv | grep -v ",kept\$"' - "$TMP" "$S"
t "-u and -R given: the files win over the store's tables" sh -c '
	cd "$1" && hdr() { echo unit_id,name,village_code,kind,people; }
	hdr > nounits.csv &&
	grid-code -d "$2" -u nounits.csv -R "$3" -G g5.csv > a5.csv 2>/dev/null &&
	! grep ",dedicated," g5.csv | grep -qv ",retired\$" &&
	cmp a5.csv a1.csv' - "$TMP" "$S" \
	"$EX/regions-140824.csv"

# ---- order: village code, then arrival ------------------------------------
O=$TMP/o.db
gw-load -d "$O" regions "$R" 2>/dev/null
{ hdr; village 140824200201 3 "5 4" 组; village 140824100001 2 "3 2"; } > "$TMP/l1.csv"
{ hdr; village 140824100002 2 "2"; } > "$TMP/l2.csv"
{ hdr; village 140824200201 3 "0 0 3" 组; } > "$TMP/l3.csv"
for f in l1 l2 l3; do gw-load -d "$O" households "$TMP/$f.csv" 2>/dev/null; done
# the same rows as one file, villages in code order, arrival order within
{ hdr; for f in l1 l2 l3; do sed 1d "$TMP/$f.csv"; done |
	sort -s -t, -k2,2; } > "$TMP/sorted.csv"
grid-code -d "$O" -G "$TMP/og.csv" > "$TMP/o.csv" 2>/dev/null
t "loads of villages out of order and split: exit 0, nothing rejected" \
	rc_is 0 sh -c 'grid-code -d "$1" > /dev/null 2>&1' - "$O"
t "store output: villages in code order, arrival order within" \
	sh -c 'grid-code -R "$1" "$2" 2>/dev/null | cmp - "$3"' - "$R" \
	"$TMP/sorted.csv" "$TMP/o.csv"
t "a village loaded in two parts is one grid" sh -c '
	grep -c "^140824200201001," "$1" | grep -qx 1 &&
	grep -q "^140824200201001,140824200201,base,12,36,1组;2组;3组," "$1"' \
	- "$TMP/og.csv"

# ---- rejects: named STORE:TABLE:ROWID, counted -----------------------------
printf 'code,name,kind\n140824100001,城关社区,\n140824200201,南村村委会,\n' > "$TMP/r2.csv"
grid-code -d "$O" -R "$TMP/r2.csv" -r "$TMP/rej.csv" > "$TMP/o2.csv" 2> "$TMP/o2.err"
rc=$?
t "a store row of an unknown village: exit 1" [ "$rc" -eq 1 ]
t "the reject names the store, the table and the rowid" grep -q \
	"o.db:households:15: column 'village_code': unknown village '140824100002'" \
	"$TMP/o2.err"
t "rows in = placed + rejected; the rejects file has the columns" sh -c '
	[ "$(($(wc -l < "$1/o2.csv") - 1))" -eq 17 ] &&
	[ "$(($(wc -l < "$1/rej.csv") - 1))" -eq 2 ] &&
	head -1 "$1/rej.csv" | grep -qx \
	    "file,line,column,reason,household_id,village_code,block,address,persons"' \
	- "$TMP"

# ---- failures ---------------------------------------------------------------
gw-load -d "$TMP/e.db" regions "$R" 2>/dev/null
t "a store with no households and no persons: fatal, exit 2" sh -c '
	grid-code -d "$1" > /dev/null 2> "$2"; [ $? -eq 2 ] &&
	grep -q "no households and no persons to divide" "$2"' - "$TMP/e.db" "$TMP/err"
t "a store that does not exist: fatal, exit 2" sh -c '
	grid-code -d "$1/nosuch.db" > /dev/null 2> "$1/err"; [ $? -eq 2 ] &&
	grep -q "no such store" "$1/err" && [ ! -e "$1/nosuch.db" ]' - "$TMP"
gw-load -d "$TMP/n.db" households "$TMP/l2.csv" 2>/dev/null
t "a store without regions and no -R: fatal, exit 2" sh -c '
	grid-code -d "$1" > /dev/null 2> "$2"; [ $? -eq 2 ] &&
	grep -q "no regions" "$2"' - "$TMP/n.db" "$TMP/err"
t "... and with -R it divides" sh -c '
	grid-code -d "$1" -R "$2" 2>/dev/null | grep -q ",140824100002001$"' \
	- "$TMP/n.db" "$R"
t "-d with a file operand: usage error" sh -c '
	grid-code -d "$1" "$2" > /dev/null 2> "$3"; [ $? -eq 2 ] &&
	grep -q "^usage:" "$3"' - "$S" "$EX/jishan/households.csv" "$TMP/err"
# --check -d: the stored division, as --check of the exported assignment
gw-load -d "$S" --export assignment > "$TMP/asg.csv" 2> /dev/null
grid-code --check -R "$EX/regions-140824.csv" "$TMP/asg.csv" > "$TMP/cf.csv" 2> /dev/null
echo $? > "$TMP/cf.rc"
grid-code --check -d "$S" > "$TMP/cs.csv" 2> /dev/null
t "--check -d: the problems of the stored division, as of its export" sh -c '
	[ $1 -eq "$(cat "$2/cf.rc")" ] && cmp "$2/cf.csv" "$2/cs.csv"' - $? "$TMP"
printf 'hazard_id,village_code,block,kind\nZ9,140824100200,没有的组,矿产资源\n' > "$TMP/z.csv"
gw-load -d "$S" hazards "$TMP/z.csv" 2> /dev/null
grid-code --check -d "$S" > "$TMP/cz.csv" 2> /dev/null
t "--check -d: the store's hazard points, one no grid covers said" sh -c '
	[ $1 -eq 1 ] && grep -q "^uncovered_hazard,.*hazard .Z9. (矿产资源) of village 140824100200 is in no grid" "$2"' - $? "$TMP/cz.csv"
gw-load -d "$TMP/r.db" regions "$EX/regions-140824.csv" 2> /dev/null
t "--check -d on a store with no division: fatal, naming the table" sh -c '
	grid-code --check -d "$1" > /dev/null 2> "$2"; [ $? -eq 2 ] &&
	grep -q "no rows of .assignment." "$2"' - "$TMP/r.db" "$TMP/err"
t "--check -d with a file operand: usage error" rc_is 2 sh -c '
	grid-code --check -d "$1" "$2" > /dev/null 2>&1' - "$S" "$TMP/asg.csv"
