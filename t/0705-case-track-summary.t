#!/bin/sh
# case-track --summary by grid, village, township, county and department
# and --overdue with the policy's due_soon_days, on the manual's example
# (t/case-track/orders.csv, log.csv as of 2026-10-20 12:00).  Every
# figure below was counted by hand: due = deadline at or before --as-of;
# 结案率 = closed_due / due and 按期结案率 = on_time / due, 1 when none
# are due; satisfaction over closed cases that carry an answer.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-track
plan 11
cd "$D" || exit 2
A="2026-10-20 12:00"
H=cases,due,closed,closed_due,on_time,disposal_rate,ontime_rate,overdue_open,mean_working_days,satisfaction_rate
sum() { case-track --as-of "$A" --orders orders.csv --summary --by "$1" log.csv 2>/dev/null; }

cat > "$TMP/grid" <<W
grid_code,$H
140824100200001,3,3,3,3,2,1.0000,0.6667,0,3.00,0.6667
140824100201001,1,0,0,0,0,1.0000,1.0000,0,,1.0000
140824101200001,3,1,0,0,0,0.0000,0.0000,1,,1.0000
W
sum grid > "$TMP/g"
t "by grid" test_cmp "$TMP/grid" "$TMP/g"
sed -e 's/^grid_code/village_code/' -e 's/^\(1408241[0-9]*\)[0-9][0-9][0-9],/\1,/' "$TMP/grid" > "$TMP/village"
sum village > "$TMP/v"
t "by village: the grids' 12-digit prefixes" test_cmp "$TMP/village" "$TMP/v"
cat > "$TMP/town" <<W
township_code,$H
140824100,4,3,3,3,2,1.0000,0.6667,0,3.00,0.6667
140824101,3,1,0,0,0,0.0000,0.0000,1,,1.0000
W
sum township > "$TMP/tw"
t "by township" test_cmp "$TMP/town" "$TMP/tw"
t "township is the default --by" sh -c '
	case-track --as-of "$1" --orders orders.csv --summary log.csv 2>/dev/null | diff -u "$2" -' - "$A" "$TMP/town"
cat > "$TMP/county" <<W
county_code,$H
140824,7,4,3,3,2,0.7500,0.5000,1,3.00,0.6667
W
sum county > "$TMP/c"
t "by county: 4 due, 3 closed, 2 on time, 1 overdue open" test_cmp "$TMP/county" "$TMP/c"
cat > "$TMP/dept" <<W
department,$H
人民调解委员会,1,1,1,1,0,1.0000,0.0000,0,6.00,1.0000
住房和城乡建设局,1,0,0,0,0,1.0000,1.0000,0,,1.0000
便民服务站,1,0,0,0,0,1.0000,1.0000,0,,1.0000
应急管理局,1,1,1,1,1,1.0000,1.0000,0,3.00,1.0000
派出所,2,1,1,1,1,1.0000,1.0000,0,0.00,0.0000
消防救援大队,1,1,0,0,0,0.0000,0.0000,1,,1.0000
W
sum department > "$TMP/d"
t "by department: the department of the last assignment" test_cmp "$TMP/dept" "$TMP/d"
t "-o jsonl summary" sh -c '
	case-track --as-of "$1" --orders orders.csv --summary --by county -o jsonl log.csv 2>/dev/null |
	jq -e "select(.county_code == \"140824\") | .due == \"4\" and .ontime_rate == \"0.5000\"" >/dev/null' - "$A"

printf 'include = gansu\n[track]\ndue_soon_days = 0\n' > "$TMP/soon0.conf"
printf 'include = gansu\n[track]\ndue_soon_days = 3\n' > "$TMP/soon3.conf"
t "--overdue, due_soon_days 0: only what is past its deadline" sh -c '
	case-track -p "$1" --as-of "$2" --orders orders.csv --overdue log.csv 2>/dev/null |
	cut -d, -f1,15 | tr "\n" " " | grep -qx "case_id,days_late C07,2 "' - "$TMP/soon0.conf" "$A"
t "--overdue, due_soon_days 3: most late first, up to 23 Oct" sh -c '
	case-track -p "$1" --as-of "$2" --orders orders.csv --overdue log.csv 2>/dev/null |
	cut -d, -f1,9,15 | tr "\n" " " | grep -qx "case_id,deadline,days_late C07,2026-10-16 23:59:59,2 C05,2026-10-21 23:59:59,0 C04,2026-10-23 23:59:59,0 "' - "$TMP/soon3.conf" "$A"
t "--by township without --orders, --by without --summary, both modes: exit 2" sh -c '
	for args in "--summary --by township" "--by grid" "--summary --overdue"; do
		rc=0; case-track --as-of "$1" $args log.csv > "$2/o" 2>/dev/null || rc=$?
		[ $rc -eq 2 ] && [ ! -s "$2/o" ] || exit 1
	done' - "$A" "$TMP"
t "--by department needs no orders (then no deadlines: nothing due)" sh -c '
	case-track --as-of "$1" --summary --by department log.csv 2>/dev/null |
	grep -qx "派出所,2,0,1,0,0,1.0000,1.0000,0,0.00,0.0000"' - "$A"
