#!/bin/sh
# pay-calc on the example county (examples/jishan, 稷山县 140824, Shanxi):
# the month's pipeline (event-report, case-route, case-track, grid-code,
# score-month) makes the cases and the scores, then the pay sheet and the
# budget under -p shanxi.  Checked: one row per worker on the roster,
# the totals identity (t/pay-calc/identity.awk, independent of the
# program), the floors, and the same bytes twice.
. "$(dirname "$0")/lib.sh"
EX=$TOP/examples
J=$EX/jishan
plan 8
cd "$TMP" || exit 2

if ! { event-report --classify "$J/events.csv" > events.csv &&
	case-route events.csv > orders.csv &&
	case-track --as-of '2026-10-31 23:59:59' --orders orders.csv "$J/case_log.csv" > cases.csv; } 2>/dev/null; then
	for i in 1 2 3 4 5 6 7 8; do skip "the case pipeline (event-report, case-route, case-track) failed"; done
	exit 0
fi
# score-month is another helper's command: without it, the fixture
if grid-code -R "$EX/regions-140824.csv" -u "$J/units.csv" -G grids.csv "$J/households.csv" > assignment.csv 2>/dev/null &&
	score-month --month 2026-10 --workers "$J/workers.csv" --grids grids.csv --assignment assignment.csv \
	--events events.csv --cases cases.csv --patrols "$J/patrols.csv" --visits "$J/visits.csv" \
	--logins "$J/logins.csv" --trainings "$J/trainings.csv" --bonus "$J/bonus.csv" > scores.csv 2>/dev/null; then
	src=score-month
else
	cp "$T_DIR/pay-calc/jishan-scores.csv" scores.csv; src=fixture
fi
echo "# scores from $src"
A="-p shanxi --month 2026-10 -R $EX/regions-140824.csv --workers $J/workers.csv --scores scores.csv --cases cases.csv --events events.csv --rewards $J/rewards.csv"

t "the sheet, exit 0" sh -c "pay-calc $A > sheet.csv"
t "the budget, exit 0" sh -c "pay-calc --budget $A > budget.csv"
t "one row per worker hired by 31 October (all 188 of the roster)" sh -c "
	[ \$(awk -F, 'NR > 1 && (\$8 == \"\" || \$8 <= \"2026-10-31\")' $J/workers.csv | wc -l) -eq \$(sed 1d sheet.csv | wc -l) ] &&
	[ \$(sed 1d sheet.csv | wc -l) -eq 188 ]"
t "totals identity: sheet columns = county row, townships = county" awk -F, -f "$T_DIR/pay-calc/identity.awk" sheet.csv budget.csv
t "no full-time worker below shanxi's floor 2060.00" sh -c "
	awk -F, 'NR > 1 && \$5 == \"fulltime\" && \$13 + 0 < 2060 { print; bad = 1 } END { exit bad }' sheet.csv"
# S0: 网格辅助员工作补贴由各地根据工作实际自行确定: the rural floor covers
# grid workers, not assistants
t "no rural part-time grid worker below 500.00 (except hires after 8 Oct, prorated; 专属网格员 exempt, 网格辅助员 not covered)" sh -c "
	awk -F, 'NR == FNR { if (length(\$1) == 12 && \$2 ~ /村(委会|民委员会)?\$/) rural[\$1] = 1; next }
		FNR == 1 { next }
		\$5 == \"parttime\" && \$4 != \"专属网格员\" && \$4 != \"网格辅助员\" && rural[substr(\$6, 1, 12)] { n++; if (\$13 + 0 < 500) print \$2 }
		END { print n + 0 \" rural\" }' $EX/regions-140824.csv sheet.csv > low.txt &&
	awk -F, 'NR > 1 && \$8 > \"2026-10-08\" { print \$1 }' $J/workers.csv | sort > late.txt &&
	cat low.txt && grep -v ' rural' low.txt | sort | comm -23 - late.txt > bad.txt && [ ! -s bad.txt ] &&
	grep -q '^[1-9][0-9]* rural' low.txt"
t "rerun: the same bytes (sheet and budget)" sh -c "pay-calc $A | cmp - sheet.csv && pay-calc --budget $A | cmp - budget.csv"
t "budget: one row per township, then the county 140824 稷山县 with all 188" sh -c "
	[ \$(grep -c ',township,' budget.csv) -eq \$(sed 1d sheet.csv | cut -d, -f6 | cut -c1-9 | sort -u | wc -l) ] &&
	tail -1 budget.csv | grep -q '^2026-10,county,140824,稷山县,188,'"
