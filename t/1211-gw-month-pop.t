#!/bin/sh
# gw-month's population stage: the registers and the key persons' visits
# in --out are the bytes of pop-report -d on the committed store;
# pop-report -d --month reads the store's workers and the month's
# visits, as the files give them, a file overriding the store's, and a
# store without them is refused naming the table.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 10
cd "$TMP" || exit 2
SOURCE_DATE_EPOCH=1793491200	# 2026-10-31
export SOURCE_DATE_EPOCH
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }

gw-month -d s.db --month 2026-10 -p $P --in in --out out 2> e1
rc=$?
t "a month: exit 0, the pop line said" sh -c '[ $1 -eq 0 ] &&
	grep -q "^gw-month: pop 2026-10: read [0-9]*, rejected 0 (persons 7612, workers 188, visits 9699)\$" e1' - $rc
pop-report -p $P -d s.db --as-of 2026-10-31 > reg.csv 2> /dev/null
pop-report -p $P -d s.db --month 2026-10 > short.csv 2> /dev/null
pop-report -p $P -d s.db --month 2026-10 --summary > sum.csv 2> /dev/null
t "the registers are pop-report -d --as-of's" sh -c '
	[ "$(wc -l < reg.csv)" -gt 100 ] && cmp reg.csv out/pop-grid.csv'
t "the persons short of visits are pop-report -d --month's" sh -c '
	[ "$(wc -l < short.csv)" -gt 10 ] && cmp short.csv out/visit-shortfall.csv'
t "the compliance is pop-report -d --month --summary's" \
	cmp sum.csv out/visit-compliance.csv
t "identity numbers are masked" sh -c '
	! grep -Eq "[0-9]{17}[0-9X]" out/visit-shortfall.csv &&
	grep -q "140824\*\*\*\*\*\*\*\*" out/visit-shortfall.csv'

# pop-report -d --month against the files: the same persons and grids
set -- -p $P --visits "$J/visits.csv" --workers "$J/workers.csv" \
	--month 2026-10 "$J/persons.csv" assignment.csv
pop-report "$@" --summary > fsum.csv 2> /dev/null
pop-report "$@" > fshort.csv 2> /dev/null
t "the store's compliance equals the files'" cmp fsum.csv sum.csv
# a grid's persons come from the store in identity-number order
t "the store's shortfall has the files' rows" sh -c '
	sort fshort.csv > a && sort short.csv > b && cmp a b'

cp s.db nv.db
sqlite3 nv.db "DELETE FROM visits"
pop-report -p $P -d nv.db --month 2026-10 > nv.csv 2> nv.err
rc=$?
t "a store without the month's visits: exit 2, the table named" sh -c '
	[ $1 -eq 2 ] && grep -q "nv.db:visits: no rows of '"'visits'"' for 2026-10" nv.err' - $rc
pop-report -p $P -d nv.db --month 2026-10 --visits "$J/visits.csv" \
	--summary > ov.csv 2> /dev/null
t "--visits FILE overrides the store's" cmp sum.csv ov.csv
gw-month -d nv.db --month 2026-10 -p $P --out nvout 2> nvm.err
rc=$?
t "gw-month on it: exit 2, named, rolled back" sh -c '[ $1 -eq 2 ] &&
	grep -q "visits: no rows of '"'visits'"' for 2026-10" nvm.err &&
	[ ! -e nvout/pop-grid.csv ]' - $rc
