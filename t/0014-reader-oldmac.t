#!/bin/sh
# Old Mac files, whose lines end in a lone CR (issue 15, 4): each rejected
# row is named by its own line (CR-only line ends counted, CRLF as one),
# and reading one takes the memory of the same file with LF ends, however
# long it is.  Peak RSS (/usr/bin/time -f %M) is compared at two sizes,
# a check that memory is bounded, not a timer; skipped under the
# sanitizers, whose allocator keeps freed memory.
. "$(dirname "$0")/lib.sh"
plan 8
cd "$TMP" || exit 2
R=$TOP/examples/regions-140824.csv

t "CR-only: a rejected row is named by its line" eval '
	printf "a,b\r1,2\r3\r4,5\r6\r" > mac.csv &&
	rc_is 1 gw-csv mac.csv > out 2> err &&
	printf "gw-csv: mac.csv:3: expected 2 fields, found 1\ngw-csv: mac.csv:5: expected 2 fields, found 1\ngw-csv: 2 of 4 rows rejected\n" > want &&
	test_cmp want err'
t "CRLF is one line end, a CR alone another" eval '
	printf "a,b\r\n1,2\r\n3\r4,5\n6\r\n" > mixed.csv &&
	rc_is 1 gw-csv mixed.csv > out 2> err &&
	printf "gw-csv: mixed.csv:3: expected 2 fields, found 1\ngw-csv: mixed.csv:5: expected 2 fields, found 1\ngw-csv: 2 of 4 rows rejected\n" > want &&
	test_cmp want err'
t "a quoted CR is data and a line" eval '
	printf "a,b\r1,\"x\ry\"\r2\r" > q.csv &&
	rc_is 1 gw-csv -o jsonl q.csv > out 2> err &&
	jq -e ".b == \"x\\ry\"" out > /dev/null &&
	grep -qx "gw-csv: q.csv:4: expected 2 fields, found 1" err'

gw-synth -R "$R" --county 140824 --households 10000 --only persons -O s1 &&
gw-synth -R "$R" --county 140824 --households 40000 --only persons -O s4 &&
tr '\n' '\r' < s1/persons.csv > s1/mac.csv &&
tr '\n' '\r' < s4/persons.csv > s4/mac.csv ||
    { echo "Bail out! cannot make the files"; exit 2; }

t "gw-load: a CR-only census, rejects on their own lines" eval '
	awk "NR == 5 || NR == 900 { sub(/^[^,]*,/, \"123,\") } { print }" \
	    s1/persons.csv | tr "\n" "\r" > bad.csv &&
	rc_is 1 gw-load -d b.db --as-of 2026-10-31 persons bad.csv 2> err &&
	test "$(grep -c "^gw-load: bad.csv:" err)" -eq 2 &&
	grep -q "^gw-load: bad.csv:5: column .id_number." err &&
	grep -q "^gw-load: bad.csv:900: column .id_number." err'
t "gw-load: the CR-only census loads every person" eval '
	gw-load -d m.db --as-of 2026-10-31 persons s1/mac.csv 2> /dev/null &&
	test "$(sqlite3 m.db "SELECT count(*) FROM persons")" -eq \
	    "$(($(wc -l < s1/persons.csv) - 1))"'

rss() { /usr/bin/time -f %M -o "$TMP/rss" "$@" > /dev/null 2>&1; tail -1 "$TMP/rss"; }
if [ -n "$GW_SAN" ] || [ ! -x /usr/bin/time ]; then
	skip "memory under the sanitizers"
	skip "memory under the sanitizers"
	skip "memory under the sanitizers"
else
	t "gw-csv: CR-only, 4 times the file, about the same memory" eval '
		a=$(rss gw-csv s1/mac.csv) && b=$(rss gw-csv s4/mac.csv) &&
		echo "rss $a KB, then $b KB" &&
		test "$b" -lt $((a * 3 / 2 + 1024))'
	t "gw-csv: CR-only takes what LF takes" eval '
		a=$(rss gw-csv s4/persons.csv) && b=$(rss gw-csv s4/mac.csv) &&
		echo "rss LF $a KB, CR $b KB" && test "$b" -lt $((a + 1024))'
	t "gw-load: CR-only takes what LF takes" eval '
		a=$(rss gw-load -d l.db --as-of 2026-10-31 persons s4/persons.csv) &&
		b=$(rss gw-load -d c.db --as-of 2026-10-31 persons s4/mac.csv) &&
		echo "rss LF $a KB, CR $b KB" && test "$b" -lt $((a + 4096))'
fi
