#!/bin/sh
# A worker who left is not scored or paid after leaving (left_on), and a
# worker of an 18-digit micro-grid code is scored and paid in its grid.
. "$(dirname "$0")/lib.sh"
plan 8

# score-month on t/score-month/edge/: W1 leaves on 15 October, W5 left
# in September, W4 is a worker of a micro-grid of its grid
E=$T_DIR/score-month/edge
cd "$TMP" || exit 2
awk -F, -v OFS=, 'NR == 1 { print $0, "left_on"; next }
	$1 == "W1" { print $0, "2026-10-15"; next }
	$1 == "W5" { print $0, "2026-09-30"; next }
	$1 == "W4" { $5 = $5 "001"; print $0, ""; next }
	{ print $0, "" }' "$E/workers.csv" > workers.csv
s() { score-month --month 2026-10 --workers "$1" --grids "$E/grids.csv" \
	--assignment "$E/assignment.csv" --events "$E/events.csv" --cases "$E/cases.csv" \
	--patrols "$E/patrols.csv" --visits "$E/visits.csv" --logins "$E/logins.csv" \
	--trainings "$E/trainings.csv"; }
s "$E/workers.csv" > before.csv 2>/dev/null
s workers.csv > after.csv 2> err
t "left in September: not scored, and said" sh -c '
	! grep -q ",W5," after.csv && grep -q "worker .W5. left 2026-09-30: not scored" err'
t "left on 15 October: working days to that day only (2 of 7, not 2 of 18)" sh -c '
	[ "$(grep ",W1," before.csv | cut -d, -f5)" = "0.1111" ] &&
	[ "$(grep ",W1," after.csv | cut -d, -f5)" = "0.2857" ]'
t "an 18-digit worker: scored in its grid, as before" sh -c '
	[ "$(grep ",W4," after.csv | cut -d, -f3,15)" = "$(grep ",W4," before.csv | cut -d, -f3,15)" ]'

# pay-calc on t/pay-calc/: prorated to the leaving day
P=$T_DIR/pay-calc
printf 'worker_id,id_number,name,role,grid_code,township_code,employment,hired_on,left_on\n' > pw.csv
echo 'L1,,甲,兼职网格员,620121100201001,620121100,parttime,,2026-10-16' >> pw.csv
echo 'L2,,乙,兼职网格员,620121100201002,620121100,parttime,,2026-09-30' >> pw.csv
echo 'L3,,丙,兼职网格员,620121100201003001,620121100,parttime,,' >> pw.csv
echo 'L4,,丁,兼职网格员,620121100201003,620121100,parttime,2026-10-20,2026-10-19' >> pw.csv
# the month is paid unscored on purpose: the policy says so (pay-calc(1), Missing inputs)
{ cat "$P/half.conf"; echo 'unused_inputs = scores'; } > half-unscored.conf
pay-calc -p ./half-unscored.conf -o jsonl --month 2026-10 -R "$P/regions.csv" --workers pw.csv \
	--scores "$P/no-scores.csv" --cases "$P/no-cases.csv" --events "$P/no-events.csv" > pay.jsonl 2> perr
t "left before hired: rejected, exit 1" sh -c '[ $1 -eq 1 ] && grep -q "pw.csv:5: column .left_on." perr' - $?
j() { jq -e -s "$1" pay.jsonl > /dev/null; }
t "left on 16 October: 8 of 18 working days, 100.01 x 8/18 = 44.45" \
	j '(.[] | select(.worker_id=="L1")) | .base == "44.45"'
t "left in September: not on the roster of October" j '[.[] | select(.worker_id=="L2")] | length == 0'
t "an 18-digit worker: paid in its grid, the whole month" \
	j '(.[] | select(.worker_id=="L3")) | .grid_code == "620121100201003" and .base == "100.01"'
t "and the sheet has the other two" j 'length == 2'
