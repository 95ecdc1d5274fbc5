#!/bin/sh
# --zh is Chinese throughout: over the outputs of the commands, every
# header has a Chinese name and no enumerated value of
# share/values-zh.tsv is left in English; a count is named a count; the
# budget's names of areas are not under 姓名.  Without --zh nothing
# changes.
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 2
EX=$TOP/examples/jishan
R=$TOP/examples/regions-140824.csv
M='2026-10-31 23:59:59'
grid-code -p jishan -R "$R" -u "$EX/units.csv" -G grids.csv "$EX/households.csv" > asg.csv 2>/dev/null
event-report -p jishan --classify "$EX/events.csv" > events.csv 2>/dev/null
case-route -p jishan events.csv > orders.csv 2>/dev/null
case-track -p jishan --as-of "$M" --orders orders.csv "$EX/case_log.csv" > cases.csv 2>/dev/null
score-month -p jishan --month 2026-10 --assignment asg.csv --workers "$EX/workers.csv" \
    --grids grids.csv --events events.csv --cases cases.csv --patrols "$EX/patrols.csv" \
    --visits "$EX/visits.csv" --logins "$EX/logins.csv" --trainings "$EX/trainings.csv" \
    --bonus "$EX/bonus.csv" > scores.csv 2>/dev/null
gw-csv -c grid_code "$EX/candidates.csv" | sed 1d | sort -u |
    awk 'BEGIN { print "grid_code,vacancies" } { print $0 ",1" }' > vac.csv
P="-p jishan --month 2026-10 -R $R --workers $EX/workers.csv --scores scores.csv --cases cases.csv --events events.csv --rewards $EX/rewards.csv"
Y=$T_DIR/year
MA="--list $Y/match/list.csv --assignment $Y/match/assignment.csv --workers $Y/match/workers.csv"
CA="--assignment $Y/compare/assignment.csv --old-assignment $Y/compare/old-assignment.csv --workers $Y/compare/workers.csv"
SA="-R $TOP/examples/staff/regions.csv -G $TOP/examples/staff/grids.csv $TOP/examples/staff/workers.csv"
TA="--workers $Y/train/workers.csv --sessions $Y/train/sessions.csv --trainings $Y/train/trainings.csv"
# NAME<TAB>command line (without --zh)
cat > cmds <<EOF2
gw-id	gw-id $EX/persons.csv
screen	gw-screen -p jishan --as-of 2026-10-08 --vacancies vac.csv $EX/candidates.csv
classify	event-report -p jishan --classify $EX/events.csv
evreport	event-report -p jishan --period month --at 2026-10-15 --by county events.csv
orders	case-route -p jishan events.csv
cases	case-track -p jishan --as-of '$M' --orders orders.csv $EX/case_log.csv
summary	case-track -p jishan --as-of '$M' --orders orders.csv --summary --by township $EX/case_log.csv
overdue	case-track -p jishan --as-of '$M' --orders orders.csv --overdue $EX/case_log.csv
grids	gw-csv grids.csv
gridcheck	grid-code --check -R $R asg.csv
pop	pop-report -p jishan --as-of 2026-10-31 --by township $EX/persons.csv asg.csv
list	pop-report -p jishan --as-of 2026-10-31 --list 社区矫正 $EX/persons.csv asg.csv
visits	pop-report -p jishan --visits $EX/visits.csv --workers $EX/workers.csv --month 2026-10 $EX/persons.csv asg.csv
compliance	pop-report -p jishan --visits $EX/visits.csv --workers $EX/workers.csv --month 2026-10 --summary $EX/persons.csv asg.csv
scores	gw-csv scores.csv
pay	pay-calc $P
budget	pay-calc --budget $P
match	gw-match --tag 社区矫正 $MA $Y/match/persons.csv
matchsum	gw-match --tag 社区矫正 --summary $MA $Y/match/persons.csv
compare	gw-match --compare $Y/compare/old.csv $CA $Y/compare/new.csv
comparesum	gw-match --compare $Y/compare/old.csv --summary $CA $Y/compare/new.csv
train	gw-train --year 2026 $TA
trainw	gw-train --year 2026 --by worker $TA
staff	gw-staff --as-of 2026-10-31 $SA
staffv	gw-staff --as-of 2026-10-31 --by village $SA
stafftop	gw-staff --as-of 2026-10-31 --top --scores $TOP/examples/staff/scores.csv $SA
staffrep	gw-staff --as-of 2026-10-31 --replace --scores $TOP/examples/staff/scores.csv $SA
EOF2
plan $(($(wc -l < cmds) * 3 + 3))
awk -F'\t' '!/^#/ && NF == 3 && $1 != "column" { print $2 }' "$TOP/share/values-zh.tsv" | sort -u > english
while IFS='	' read -r name cmd; do
	eval "$cmd" > "$name.en" 2>/dev/null
	eval "$cmd --zh" > "$name.zh" 2>/dev/null
	t "$name: every header in Chinese" sh -c '
		head -1 "$1" | tr , "\n" | grep -E "^[A-Za-z_0-9]+\$" && exit 1; :' sh "$name.zh"
	# the columns of values-zh.tsv in the English output, and their
	# values in the Chinese one
	t "$name: no enumerated value left in English" sh -c '
		awk -F"\t" "!/^#/ && NF == 3 { print \$1 }" "$2/share/values-zh.tsv" | sort -u > cols
		cols=$(head -1 "$1.en" | tr , "\n" | grep -nxFf cols | cut -d: -f1 | paste -sd, -)
		[ -z "$cols" ] && exit 0
		sed 1d "$1.zh" | cut -d, -f"$cols" | tr , "\n" | grep -xFf english && exit 1; :' \
	    sh "$name" "$TOP"
	t "$name: the same rows as without --zh" sh -c '
		[ $(wc -l < "$1.en") -eq $(wc -l < "$1.zh") ] && [ $(wc -l < "$1.en") -gt 1 ]' sh "$name"
done < cmds
t "case-track --summary --zh: the on-time count is a count (按期结案数)" sh -c '
	head -1 summary.zh | grep -q ",按期结案数," && ! grep -q 是否按期 summary.zh &&
	head -1 summary.en | grep -q ",on_time,"'
t "pay-calc --budget --zh: areas under 地区名称, not 姓名" sh -c '
	head -1 budget.zh | grep -q "^月份,层级,区划代码,地区名称," && ! head -1 budget.zh | grep -q 姓名 &&
	sed -n 2p budget.zh | grep -q ",乡镇,"'
t "without --zh: the canonical English" sh -c '
	head -1 budget.en | grep -q "^month,level,code,name," && grep -q ",township," budget.en &&
	grep -q ",parttime," pay.en && grep -q ",closed," cases.en'
