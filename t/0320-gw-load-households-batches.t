#!/bin/sh
# Households derived from a census larger than a batch (4096 households
# are written at a time, by a thread of their own): a household whose
# members come back after its batch was written, while it is being
# written, or while it is still being filled, counts all its members,
# whether the households table was empty at the start or not.
. "$(dirname "$0")/lib.sh"
plan 6
cd "$TMP" || exit 2

gw-synth -R "$TOP/examples/regions-140824.csv" --county 140824 \
    --households 10000 --only persons -O syn 2>/dev/null || exit 2
# the second member of households 1, 5000 and 9990 moved to the end
awk -F, 'NR == 1 { print; next }
	$3 != prev { nh++; k = 0; prev = $3 }
	{ k++ }
	(nh == 1 || nh == 5000 || nh == 9990) && k == 2 { late = late $0 "\n"; next }
	{ print }
	END { printf "%s", late }' syn/persons.csv > apart.csv
n=$(($(wc -l < apart.csv) - 1))
# households 1, 5000 and 9990 by id, as the last three rows have them,
# and each of those ids met earlier in the file, apart from its last row
ids=$(awk -F, 'NR > 1 && $3 != prev { nh++; prev = $3
	if (nh == 1 || nh == 5000 || nh == 9990) print $3 }' syn/persons.csv)
t "the census has its members apart, and no row lost" test \
	"$n|$(tail -3 apart.csv | cut -d, -f3 | tr '\n' ' ')|$(head -n -3 apart.csv |
	    cut -d, -f3 | grep -xF "$ids" | sort -u | wc -l)" = \
	"$(($(wc -l < syn/persons.csv) - 1))|$(echo "$ids" | tr '\n' ' ')|3"

# households as they should be: one a household id, with all its members
want() {
	sqlite3 "$1" "SELECT count(*), sum(h.persons), sum(h.persons = c.n)
	    FROM households h LEFT JOIN (SELECT household_id, count(*) AS n
	    FROM persons GROUP BY household_id) c USING (household_id)"
}
gw-load -d a.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
rc_is 0 gw-load -d a.db persons apart.csv 2> a.err
ok $? "loaded: exit 0"
t "into an empty table: every household counts all its members" \
	test "$(want a.db)" = "10000|$n|10000"
t "... and has the village and block of its members" test "$(sqlite3 a.db \
	"SELECT count(*) FROM households h LEFT JOIN (SELECT DISTINCT
	    household_id, village_code, block FROM persons) p ON
	    p.household_id = h.household_id AND p.village_code = h.village_code
	    AND p.block IS h.block WHERE p.household_id IS NULL")" = 0

# the same census after another household is in the store: every
# household is looked up, none is new by the filter
gw-load -d b.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
printf 'household_id,village_code\nX-1,140824100200\n' > hh.csv
gw-load -d b.db households hh.csv 2>/dev/null
rc_is 0 gw-load -d b.db persons apart.csv 2> b.err
ok $? "loaded after a households sheet: exit 0"
t "... every household counts all its members, the sheet's stays" \
	test "$(want b.db)" = "10001|$n|10000"
