#!/bin/sh
# case-route: the matter lists (a prohibited matter refused with or
# without approval, also inside a longer matter; an unlisted or empty
# matter refused unless approved; a non-task's matter ignored), events
# settled on the spot (settled = 1, the never-dispatched 09 and 12)
# counted and not ordered, bad rows rejected, and the count: rows in =
# orders + settled + rejected.  Stable case ids: the same event gives
# the same case_id on another run, another day, in another order.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-route
plan 11
cd "$D" || exit 2

rc=0; case-route matters.csv > "$TMP/o" 2> "$TMP/e" || rc=$?
t "exit 1" test $rc -eq 1
t "orders golden: admitted, approved, and a dispute's matter ignored" \
	test_cmp matters.out "$TMP/o"
t "stderr golden: each refusal with its reason, the summary line" \
	test_cmp matters.err "$TMP/e"
t "rows in = orders + settled + rejected (18 = 4 + 3 + 11)" sh -c '
	tail -1 "$1" | grep -q "4 orders, 3 settled on the spot, 11 rejected, of 18 events" &&
	[ $(($(wc -l < "$2") - 1)) -eq 4 ]' - "$TMP/e" "$TMP/o"

# a file without a matter column: tasks routed, and said once
printf 'event_id,grid_code,reported_at,category\nT1,140824100200001,2026-11-02 09:00,13\nT2,140824100200001,2026-11-02 09:00,13\n' > "$TMP/nom.csv"
t "no matter column: tasks routed unchecked, counted on stderr" sh -c '
	rc=0; case-route "$1/nom.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 0 ] && [ "$(wc -l < "$1/o")" -eq 3 ] &&
	grep -q "no matter column: 2 tasks routed without the matter lists checked" "$1/e"' - "$TMP"

# policy lists are data: a county that admits 环境整治 routes M05
printf 'include = gansu\n[route]\nadmission = 环境整治\nprohibited = 招商引资\n' > "$TMP/county.conf"
t "the lists come from the policy: 行政处罚 approvable, 基础信息采集 not admitted" sh -c '
	case-route -p "$1/county.conf" matters.csv 2>/dev/null | cut -d, -f1 > "$1/ids"
	grep -qx CM05 "$1/ids" && grep -qx CM02 "$1/ids" && ! grep -qx CM01 "$1/ids"' - "$TMP"

# stable case ids
case-route matters.csv 2>/dev/null | cut -d, -f1,2 > "$TMP/ids1"
{ head -1 matters.csv; tail -n +2 matters.csv | sort -r; } > "$TMP/rev.csv"
case-route --at "2026-12-01 08:00" "$TMP/rev.csv" 2>/dev/null | cut -d, -f1,2 |
	{ IFS= read -r h; echo "$h"; sort; } > "$TMP/ids2"
t "same events, another day, reversed: the same case_ids" test_cmp "$TMP/ids1" "$TMP/ids2"
t "case_id is C + event_id without its leading E" sh -c '
	printf "event_id,grid_code,reported_at,category\nE1408241002000010001,140824100200001,2026-11-02 09:00,01\n77,140824100200001,2026-11-02 09:00,01\n" > "$1/ids.csv"
	case-route "$1/ids.csv" 2>/dev/null | cut -d, -f1 | tail -n +2 | tr "\n" " " | grep -qx "C1408241002000010001 C77 "' - "$TMP"
t "-o tsv and --zh headers" sh -c '
	case-route -o tsv matters.csv 2>/dev/null | head -1 | grep -q "^case_id	event_id	grid_code" &&
	case-route --zh matters.csv 2>/dev/null | head -1 | grep -qv "^case_id,"'
t "an empty input (no header line): exit 2, said so" sh -c '
	: > "$1/empty.csv"; rc=0; case-route "$1/empty.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "empty.csv: empty file: no header line" "$1/e"' - "$TMP"
t "a header-only input: the header, exit 0" sh -c '
	echo "event_id,grid_code,reported_at,category,text" > "$1/hdr.csv"; rc=0
	case-route "$1/hdr.csv" > "$1/o" 2>/dev/null || rc=$?
	[ $rc -eq 0 ] && [ "$(cat "$1/o")" = "case_id,event_id,grid_code,category,urgency,level,department,assigned_at,deadline,limit,provisional" ]' - "$TMP"
