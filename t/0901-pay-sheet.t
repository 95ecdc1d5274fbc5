#!/bin/sh
# pay-calc: the sheet and the budget of a small hand-computed fixture
# (t/pay-calc/*.out were worked out by hand from gridwork-rules(7), PAY, not copied
# from the program): every line item, no score = coefficient 1.0,
# 不称职 with the floor, case subsidies by category with their fallbacks
# and the month's boundaries, rewards of the month only, a worker hired
# after the month left off; the totals identity; the same bytes twice.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 21
cd "$D" || exit 2
A="--month 2026-10 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv --rewards rewards.csv"

t "golden sheet, exit 0" sh -c "pay-calc $A > $TMP/s.csv && diff -u sheet.out $TMP/s.csv"
t "golden budget, exit 0" sh -c "pay-calc --budget $A > $TMP/b.csv && diff -u budget.out $TMP/b.csv"
t "rerun: the same bytes" sh -c "pay-calc $A | cmp - $TMP/s.csv && pay-calc --budget $A | cmp - $TMP/b.csv"

pay-calc -o jsonl $A > "$TMP/s.jsonl"
j() { jq -e -s "$1" "$TMP/s.jsonl" > /dev/null; }
t "base alone by role: 网格长 2200.00, 网格辅助员 100.00, 专属网格员 0.00" \
	j '(.[] | select(.worker_id=="W01").base) == "2200.00" and (.[] | select(.worker_id=="W07").base) == "100.00" and (.[] | select(.worker_id=="W08").base) == "0.00"'
t "performance alone: 优秀 fulltime 720.00, 基本称职 parttime 160.00, 不称职 0.00" \
	j '(.[] | select(.worker_id=="W01").performance) == "720.00" and (.[] | select(.worker_id=="W07").performance) == "160.00" and (.[] | select(.worker_id=="W05").performance) == "0.00"'
t "no score that month (a September score only): coefficient 1.0, grade empty" \
	j '(.[] | select(.worker_id=="W03")) | .performance == "600.00" and .grade == ""'
t "case subsidy: two cases 01 closed in the month (one at 23:59:59 on the 31st) = 40.00; 1 Nov and 30 Sep left out" \
	j '(.[] | select(.worker_id=="W01").case_subsidy) == "40.00"'
t "case subsidy: 0703 falls back to case.07 = 10.00; a resident's case pays nobody" \
	j '(.[] | select(.worker_id=="W04").case_subsidy) == "10.00"'
t "case subsidy: 05 = 30.00; 12 and 0801 fall to case_default 5.00; an open case pays nothing" \
	j '(.[] | select(.worker_id=="W08").case_subsidy) == "30.00" and (.[] | select(.worker_id=="W06").case_subsidy) == "5.00" and (.[] | select(.worker_id=="W03").case_subsidy) == "5.00"'
t "reward alone: only the month's (100.00, not September's 50.00)" \
	j '(.[] | select(.worker_id=="W01").reward) == "100.00" and ([.[] | select(.worker_id!="W01").reward] | all(. == "0.00"))'
t "不称职 full-time: 2000.00 + 0 topped up to the county floor 2020.00" \
	j '(.[] | select(.worker_id=="W02")) | .floor_topup == "20.00" and .gross == "2020.00"'
t "不称职 rural part-time: topped up to 500.00" \
	j '(.[] | select(.worker_id=="W05")) | .floor_topup == "200.00" and .gross == "500.00"'
t "urban part-time has no floor: 305.00 stays" \
	j '(.[] | select(.worker_id=="W06")) | .floor_topup == "0.00" and .gross == "305.00"'
# S0 floors 农村网格员 at 500 but leaves 网格辅助员工作补贴 to each county:
# the gansu floors do not cover the assistant
t "rural by the kind column (玉山, rural): 网格辅助员 is not topped up (100.00 + 160.00)" \
	j '(.[] | select(.worker_id=="W07")) | .floor_topup == "0.00" and .gross == "260.00"'
t "专属网格员 (floor_exempt) is not topped up" \
	j '(.[] | select(.worker_id=="W08")) | .floor_topup == "0.00" and .gross == "270.00"'
t "hired in November: not on October's roster" j 'length == 9 and all(.[]; .worker_id != "W09")'
t "gross = base + performance + case_subsidy + reward + floor_topup, every row" \
	j 'all(.[]; ([.base,.performance,.case_subsidy,.reward,.floor_topup] | map(tonumber*100|round) | add) == (.gross|tonumber*100|round))'

# the totals identity, computed here independently of the program
t "each column of the sheet sums to the county rows of the budget" sh -c "
	awk -F, 'NR > 1 { n++; for (i = 8; i <= 13; i++) { split(\$i, p, \".\"); s[i] += p[1] * 100 + p[2] } }
		END { printf \"%d\", n; for (i = 8; i <= 13; i++) printf \",%d\", s[i]; print \"\" }' $TMP/s.csv > $TMP/sum1 &&
	awk -F, '\$2 == \"county\" { n += \$5; for (i = 6; i <= 11; i++) { split(\$i, p, \".\"); s[i] += p[1] * 100 + p[2] } }
		END { printf \"%d\", n; for (i = 6; i <= 11; i++) printf \",%d\", s[i]; print \"\" }' $TMP/b.csv > $TMP/sum2 &&
	cat $TMP/sum1 && diff $TMP/sum1 $TMP/sum2"
t "townships add up to their county; insurance 8.33 a worker; total = gross + insurance" sh -c "
	awk -F, 'function f(x,  p) { split(x, p, \".\"); return p[1] * 100 + p[2] }
		NR == 1 { next }
		\$2 == \"township\" { for (i = 5; i <= 13; i++) s[i] += (i == 5 ? \$i : f(\$i)); next }
		{ for (i = 5; i <= 13; i++) if (s[i] != (i == 5 ? \$i : f(\$i))) { print \"column \" i \" of \" \$3; bad = 1 }
		  if (f(\$12) != 833 * \$5 || f(\$13) != f(\$11) + f(\$12)) { print \"insurance \" \$3; bad = 1 }
		  delete s }
		END { exit bad }' $TMP/b.csv"
t "--excel: BOM, CRLF, the same cells, codes as =\"...\"" sh -c "
	pay-calc --excel $A > $TMP/x.csv && head -c 3 $TMP/x.csv | od -An -tx1 | grep -q 'ef bb bf' &&
	tail -c 2 $TMP/x.csv | od -An -tx1 | grep -q '0d 0a' &&
	tail -c +4 $TMP/x.csv | tr -d '\r' | sed 's/\"=\"\"\\([0-9]*\\)\"\"\"/\\1/g' | diff -u $TMP/s.csv -"
t "--month 2026/10 is written as the contract's 2026-10" sh -c "
	pay-calc --month 2026/10 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv --rewards rewards.csv | cmp - $TMP/s.csv"
