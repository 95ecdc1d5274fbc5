#!/bin/sh
# A census loads into the same store whatever the layout of its
# households (issue 23): villages in no order (gw-synth
# --households-layout interleaved), every person a household of their
# own (single), and the members of a household apart (rows in number
# order) all give the persons and households of the same rows grouped
# by household.  Rows read = loaded + updated + rejected; kill -9 in the
# middle leaves the store as before, its households index there; the
# memory of a load does not grow with its households.
. "$(dirname "$0")/lib.sh"
plan 12

cd "$TMP" || exit 2
R=$TOP/examples/regions-140824.csv
synth() {	# synth LAYOUT HOUSEHOLDS DIR [OPTION...]
	l=$1 n=$2 o=$3
	shift 3
	gw-synth -R "$R" --county 140824 --households "$n" \
	    --households-layout "$l" --only persons -O "$o" "$@" 2>/dev/null
}
synth interleaved 3000 il && synth single 6000 sg &&
    synth interleaved 600 bad --defects 0.05 || exit 2
newstore() {
	rm -f "$1" "$1"-wal "$1"-shm "$1"-journal
	gw-load -d "$1" regions "$R" 2>/dev/null
}
# the store's persons and households, without households' rowids
dump() {
	sqlite3 "$1" "SELECT * FROM persons ORDER BY rowid;
	    SELECT household_id, village_code, block, address, persons
	    FROM households ORDER BY household_id;
	    SELECT name FROM sqlite_schema WHERE tbl_name = 'households'
	    ORDER BY name; PRAGMA integrity_check"
}
# the rows of a sheet, grouped by household (stable: members in order)
grouped() { head -1 "$1"; tail -n +2 "$1" | sort -s -t, -k3,3; }
# the rows of a sheet in number order: members of a household apart
bynumber() { head -1 "$1"; tail -n +2 "$1" | sort -t, -k1,1; }

for l in il sg; do
	grouped $l/persons.csv > $l-grouped.csv
	bynumber $l/persons.csv > $l-bynumber.csv
	for f in $l/persons.csv $l-grouped.csv $l-bynumber.csv; do
		g=$(echo "$f" | tr / -)
		newstore $g.db && gw-load -d $g.db persons "$f" 2> $g.err
		echo $? > $g.rc
		dump $g.db > $g.dump
	done
done

t "villages in no order: loaded, as the same rows grouped by household" \
    sh -c 'test "$(cat il-persons.csv.rc)" = 0 &&
	diff -u il-grouped.csv.dump il-persons.csv.dump'
t "... with one household row a household id, members counted" sh -c '
	test "$(sqlite3 il-persons.csv.db "SELECT count(*), sum(persons) FROM households")" = \
	    "$(tail -n +2 il/persons.csv | cut -d, -f3 | sort -u | wc -l)|$(($(wc -l < il/persons.csv) - 1))"'
t "... and the households index" \
    grep -qx households_village il-persons.csv.dump
t "every person a household of their own: loaded, as the same rows grouped" \
    sh -c 'test "$(cat sg-persons.csv.rc)" = 0 && diff -u sg-grouped.csv.dump sg-persons.csv.dump'
t "... one household a person" test \
    "$(sqlite3 sg-persons.csv.db "SELECT count(*) = (SELECT count(*) FROM persons) AND min(persons) = 1 AND max(persons) = 1 FROM households")" = 1
t "members of a household apart (rows in number order): the same store" \
    sh -c 'diff -u il-grouped.csv.dump il-bynumber.csv.dump &&
	diff -u sg-grouped.csv.dump sg-bynumber.csv.dump'

# rows read = loaded + updated + rejected, with rows refused
newstore d.db
gw-load -d d.db persons bad/persons.csv 2> d.err
rc=$?
sum=$(tail -1 d.err | sed -n 's/^gw-load: persons: read \([0-9]*\), loaded \([0-9]*\), updated \([0-9]*\), rejected \([0-9]*\)$/\1 \2 \3 \4/p')
t "refused rows, villages in no order: exit 1, read = loaded + updated + rejected" \
    sh -c 'rc=$1; set -- $2; test "$rc" -eq 1 && test $# -eq 4 &&
	test $(($2 + $3 + $4)) -eq $1 && test $4 -gt 0' sh "$rc" "$sum"
t "... every household of a loaded member, counting loaded members only" test \
    "$(sqlite3 d.db "SELECT count(*) FROM persons p LEFT JOIN households h USING (household_id) WHERE h.rowid IS NULL; SELECT (SELECT count(*) FROM persons) = (SELECT sum(persons) FROM households)" | tr '\n' ' ')" = "0 1 "

# kill -9 in the middle of a first census, every person alone
newstore k.db
before=$(dump k.db | cksum)
mkfifo k.fifo || exit 2
gw-load -d k.db persons k.fifo 2> k.err &
pid=$!
exec 5> k.fifo
cat sg/persons.csv >&5
sleep 1
kill -9 $pid
wait $pid 2>/dev/null
rc=$?
exec 5>&-
t "killed with kill -9 while every person alone loads" test $rc -eq 137
t "... the store exactly as before, its households index there" \
    test "$(dump k.db | cksum)" = "$before"

# memory: peak RSS at 300,000 and 600,000 persons, each a household;
# below that the rows being sorted, the page cache and the index builds'
# sorter each grow to their bound (about 70 MB in all)
if [ -n "$GW_SAN" ]; then
	skip "memory under a sanitizer"
	skip "memory under a sanitizer"
else
	synth single 300000 m1 && synth single 600000 m2 || exit 2
	rss() {
		newstore "$1.db" &&
		/usr/bin/time -f %M -o "$1.rss" gw-load -d "$1.db" persons \
		    "$1/persons.csv" 2>/dev/null && cat "$1.rss"
	}
	r1=$(rss m1) r2=$(rss m2)
	echo "# peak RSS: $r1 KiB at 300,000 households, $r2 KiB at 600,000"
	t "twice the households: loaded both" test -n "$r1" -a -n "$r2"
	t "... the peak flat: within an eighth" test $((r2 - r1)) -lt $((r1 / 8))
fi
