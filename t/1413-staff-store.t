#!/bin/sh
# gw-staff -d: the regions, grids, roster (with left_on) and posts of a
# store (share/sql/005), loaded by gw-load, give the report the same
# tables give as files; the store's history of posts dates a vacancy the
# roster alone cannot; a store without a roster is refused, naming it.
. "$(dirname "$0")/lib.sh"
plan 11
EX=$TOP/examples/staff
cd "$TMP" || exit 2

# the example's roster with identity numbers and township codes, which
# the store requires, less its micro-grid worker (a 15-digit grid code
# in the store)
awk -F, -v OFS=, 'function ck(d,  s, i) { s = 0
		for (i = 1; i <= 17; i++) s += substr(d, i, 1) * W[i]
		return substr("10X98765432", s % 11 + 1, 1) }
	BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ") }
	NR == 1 { print $0, "id_number", "township_code"; next }
	length($4) == 18 { next }
	{ d = sprintf("14082419800101%03d", NR); print $0, d ck(d), substr($4, 1, 9) }' \
	"$EX/workers.csv" > w.csv
# W05 held the dedicated grid until July 2022, then moved on
printf 'grid_code,worker_id,from_on,to_on\n140824100001901,W05,2020-01-01,2022-07-31\n140824100002001,W05,2022-08-01,\n' > posts.csv
gw-load -d s.db regions "$EX/regions.csv" 2> load.err &&
gw-load -d s.db grids "$EX/grids.csv" 2>> load.err &&
gw-load -d s.db workers w.csv 2>> load.err
t "the store takes the roster with left_on" sh -c '[ $? -eq 0 ] &&
	[ "$(sqlite3 s.db "SELECT left_on FROM workers WHERE worker_id = '"'W03'"'")" = 2026-10-15 ]' - $?

st() { gw-staff --as-of 2026-10-31 "$@"; }
st -d s.db > store.csv 2> store.err
t "from the store: exit 1 (a role the policy does not know)" [ $? -eq 1 ]
st -R "$EX/regions.csv" -G "$EX/grids.csv" w.csv > files.csv 2> files.err
t "the same report as from the files" test_cmp files.csv store.csv
t "a store row is named STORE:TABLE:ROWID" grep -q "^gw-staff: s.db:workers:7: column 'role': role '网格管家'" store.err
t "left on 15 October: vacant from the 16th, from the store too" grep -qx '140824100001002,140824100001,urban,410,0,0,,2026-10-16,16,no_worker' store.csv
t "no history of posts: the dedicated grid has no vacancy length" grep -qx '140824100001901,140824100001,dedicated,0,0,0,,,,no_worker' store.csv

gw-load -d s.db posts posts.csv 2>> load.err
st -d s.db > hist.csv 2> /dev/null
t "the stored posts date the vacancy: since 1 August 2022" grep -qx '140824100001901,140824100001,dedicated,0,0,0,,2022-08-01,1553,no_worker' hist.csv
st -R "$EX/regions.csv" -G "$EX/grids.csv" --posts posts.csv w.csv > hist2.csv 2> /dev/null
t "--posts FILE: the same" test_cmp hist.csv hist2.csv

printf 'grid_code,worker_id,from_on,to_on\n140824100001901,W05,2020-01-01,2019-07-31\n' > bad.csv
st -d s.db --posts bad.csv > /dev/null 2> bad.err
t "a spell ending before it starts: rejected, exit 1" sh -c '[ $1 -eq 1 ] &&
	grep -q "bad.csv:2: column .to_on.: .2019-07-31. before from_on .2020-01-01." bad.err' - $?

gw-load -d empty.db regions "$EX/regions.csv" 2> /dev/null &&
gw-load -d empty.db grids "$EX/grids.csv" 2> /dev/null
st -d empty.db > /dev/null 2> empty.err
t "a store without a roster: exit 2, naming the table" sh -c '[ $1 -eq 2 ] &&
	grep -q "empty.db:workers: no rows of .workers." empty.err' - $?
st -G "$EX/grids.csv" w.csv > /dev/null 2>&1
t "no -R and no store: usage, exit 2" [ $? -eq 2 ]
