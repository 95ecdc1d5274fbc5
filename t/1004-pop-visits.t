#!/bin/sh
# pop-report --visits: visits required a month per tagged person (the
# policy's visits.TAG; the derived elderly living alone take the alone
# tag's), the visits made (one per worker, day and household, by a
# worker of the household's grid, inside --month), one row per person
# in shortfall, and the compliance summary per grid and worker.
# t/pop-report/v-*.csv: p1 (社区矫正, 2 required) visited exactly twice;
# p2 (刑满释放, 1) not at all; p3 (alone at 70, 4) three times plus a
# repeated row, a visit in September and one by another grid's worker;
# p4 (精神障碍 and 独居老人 though not alone: 4) four times.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pop-report
plan 10

pv() { v=$1; shift; pop-report --visits "$v" --workers "$D/v-workers.csv" \
	--month 2026-10 "$@" "$D/v-persons.csv" "$D/v-assign.csv"; }

pv "$D/v-visits.csv" >"$TMP/o" 2>"$TMP/e"
rc=$?
t "bad visit rows make exit status 1" test $rc -eq 1
t "the shortfall list matches the golden file" test_cmp "$D/v-short.out" "$TMP/o"
t "at the required count a person is not in shortfall" sh -c '! grep -q ",p1," "$1"' - "$TMP/o"
t "one below the required count is a shortfall of 1" grep -q ",V3,.*,p3,独居老人,4,3,1\$" "$TMP/o"
pv "$D/v-visits.csv" --summary >"$TMP/s" 2>/dev/null
t "the summary matches the golden file" test_cmp "$D/v-summary.out" "$TMP/s"
t "unknown workers, bad dates and unknown households are rejected" sh -c '
	grep -q "v-visits.csv:14: column .worker_id.: worker .W9. is not in the workers file" "$1" &&
	grep -q "v-visits.csv:15: column .date.: not a date: .2026-10-32." "$1" &&
	grep -q "v-visits.csv:16: column .household_id.: household .V9. is not in the assignment" "$1" &&
	grep -q "visits: 1 outside 2026-10, 1 by a worker of another grid" "$1"' - "$TMP/e"

# one of p1's two visits taken away: p1 falls one short
sed 3d "$D/v-visits.csv" >"$TMP/v2.csv"
pv "$TMP/v2.csv" >"$TMP/o2" 2>/dev/null
t "one visit below the requirement: p1 in shortfall" grep -q "^2026-10,140824100200001,W1;W2,V1,140824\*\*\*\*\*\*\*\*0418,p1,社区矫正,2,1,1\$" "$TMP/o2"
t "the shortfall list shows no whole identity number" sh -c '! grep -E "[0-9]{17}[0-9X]" "$1"' - "$TMP/o2"

t "--visits without --workers or --month is a usage error" sh -c '
	pop-report --visits "$1/v-visits.csv" --month 2026-10 "$1/v-persons.csv" "$1/v-assign.csv" >/dev/null 2>&1
	test $? -eq 2 || exit 1
	pop-report --visits "$1/v-visits.csv" --workers "$1/v-workers.csv" "$1/v-persons.csv" "$1/v-assign.csv" >/dev/null 2>&1
	test $? -eq 2' - "$D"
t "the summary is a rate in [0,1] per grid and worker (jq)" sh -c '
	pop-report --visits "$1/v-visits.csv" --workers "$1/v-workers.csv" --month 2026-10 --summary -o jsonl \
		"$1/v-persons.csv" "$1/v-assign.csv" 2>/dev/null |
	jq -e -s "length == 3 and all(.compliance | tonumber | . >= 0 and . <= 1) and
		(map(.worker_id) == [\"W1\", \"W2\", \"W3\"])"' - "$D"
