#!/bin/sh
# pay-calc: each line item alone.  t/pay-calc/zero.conf sets every pay
# figure to 0; each case switches one item back on (with the gansu
# figures) and checks that every row pays that item and nothing else,
# with the amounts worked out by hand for the fixture of 0901.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 6
cd "$D" || exit 2
F="--month 2026-10 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv"
NR=$D/no-rewards.csv

# only ITEM may be non-zero, gross equals it, and the items by worker are WANT
alone() {	# alone ITEM 'W01=..,W02=..' POLICY-LINES [REWARDS]
	printf 'include = %s/zero.conf\n[pay]\n%b' "$D" "$3" > "$TMP/p.conf"
	pay-calc -p "$TMP/p.conf" $F --rewards "${4:-$NR}" -o jsonl > "$TMP/o.jsonl" || return 1
	jq -e -s --arg it "$1" 'all(.[]; . as $r | ["base","performance","case_subsidy","reward","floor_topup"] |
		all(. == $it or $r[.] == "0.00")) and all(.[]; .gross == .[$it])' "$TMP/o.jsonl" > /dev/null ||
		{ echo "another item is not zero"; cat "$TMP/o.jsonl"; return 1; }
	got=$(jq -r -s --arg it "$1" 'map(.worker_id + "=" + .[$it]) | join(",")' "$TMP/o.jsonl")
	[ "$got" = "$2" ] || { echo "got  $got"; echo "want $2"; return 1; }
}

t "all zero: every row 0.00" alone base \
	'W01=0.00,W02=0.00,W03=0.00,W04=0.00,W05=0.00,W06=0.00,W07=0.00,W08=0.00,W10=0.00' ''
t "base alone (by role)" alone base \
	'W01=2200.00,W02=2000.00,W03=2000.00,W04=300.00,W05=300.00,W06=300.00,W07=100.00,W08=0.00,W10=2000.00' \
	'base.网格长 = 2200.00\nbase.专职网格员 = 2000.00\nbase.兼职网格员 = 300.00\nbase.网格辅助员 = 100.00\n'
t "performance alone (pot x coefficient; W03 unscored 1.0)" alone performance \
	'W01=720.00,W02=0.00,W03=600.00,W04=200.00,W05=0.00,W06=0.00,W07=160.00,W08=240.00,W10=600.00' \
	'pot.fulltime = 600.00\npot.parttime = 200.00\n'
t "case subsidy alone" alone case_subsidy \
	'W01=40.00,W02=0.00,W03=5.00,W04=10.00,W05=0.00,W06=5.00,W07=0.00,W08=30.00,W10=0.00' \
	'case.01 = 20.00\ncase.05 = 30.00\ncase.07 = 10.00\ncase_default = 5.00\n'
t "reward alone" alone reward \
	'W01=100.00,W02=0.00,W03=0.00,W04=0.00,W05=0.00,W06=0.00,W07=0.00,W08=0.00,W10=0.00' '' rewards.csv
t "floor top-up alone: full-time 2020.00 / 1960.00 by county, rural part-time 500.00, urban, 网格辅助员 and 专属网格员 none" alone floor_topup \
	'W01=2020.00,W02=2020.00,W03=1960.00,W04=500.00,W05=500.00,W06=0.00,W07=0.00,W08=0.00,W10=1960.00' \
	'floor.fulltime = 2020.00\nfloor.parttime_rural = 500.00\nminwage.620121 = 1960.00\nminwage.620102 = 2020.00\n'
