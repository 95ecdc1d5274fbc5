#!/bin/sh
# A worker of a micro-grid (四级网格员 or 楼栋长, gridwork-rules(7),
# Micro-grid codes): a grid_code of 18 digits whose first 15 are a grid
# is taken by gw-load workers, score-month, pay-calc, pop-report and
# gw-month, from files and from the store; scoring and pay roll the
# worker up to the grid, so every output names the 15-digit grid.  A
# micro-grid code of no known grid, sequence 000 or 16 digits is a
# rejected row naming column 'grid_code'.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 14
cd "$TMP" || exit 2
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
# the micro-grids of the same division; W18 is 001 of a grid's first
grid-code -p $P --micro -R "$EX/regions-140824.csv" -u "$J/units.csv" \
	"$J/households.csv" > micro.csv 2> /dev/null
m=$(sed -n 2p micro.csv | awk -F, '{ print $NF }')
g=$(echo "$m" | cut -c1-15)
w18="W18,11010519491231002X,楼栋长甲,兼职网格员,$m,${m%?????????},parttime,2020-01-01"
{ cat "$J/workers.csv"; echo "$w18"; } > in/workers.csv

# ---- from files -------------------------------------------------------------
score-month -p $P --month 2026-10 --assignment assignment.csv \
	--workers in/workers.csv --grids grids.csv --events in/events.csv \
	--cases in/cases.csv --patrols "$J/patrols.csv" --visits "$J/visits.csv" \
	--logins "$J/logins.csv" --trainings "$J/trainings.csv" \
	--bonus "$J/bonus.csv" > scores.csv 2> score.err
rc=$?
t "score-month: an 18-digit worker is scored, exit 0, nothing rejected" sh -c '
	[ $1 -eq 0 ] && ! grep -q rejected score.err &&
	[ "$(($(wc -l < scores.csv) - 1))" -eq 189 ] && grep -q "^2026-10,W18," scores.csv' - $rc
t "... under the 15-digit grid of the micro-grid" sh -c '
	grep -q "^2026-10,W18,$1," scores.csv' - "$g"
score-month -p $P --month 2026-10 --by grid --assignment assignment.csv \
	--workers in/workers.csv --grids grids.csv --events in/events.csv \
	--cases in/cases.csv --patrols "$J/patrols.csv" --visits "$J/visits.csv" \
	--logins "$J/logins.csv" --trainings "$J/trainings.csv" \
	--bonus "$J/bonus.csv" > bygrid.csv 2> /dev/null
t "score-month --by grid counts the worker in the grid, no micro-grid row" sh -c '
	[ "$(awk -F, -v g="$1" "\$2 == g { print \$4 }" bygrid.csv)" = 2 ] &&
	! awk -F, "NR > 1 && length(\$2) != 15" bygrid.csv | grep -q .' - "$g"
pay-calc -p $P --month 2026-10 -R "$EX/regions-140824.csv" \
	--workers in/workers.csv --scores scores.csv --cases in/cases.csv \
	--events in/events.csv --rewards "$J/rewards.csv" > pay.csv 2> pay.err
rc=$?
t "pay-calc: the worker paid in the grid, exit 0" sh -c '
	[ $1 -eq 0 ] && grep -q "^2026-10,W18,楼栋长甲,兼职网格员,parttime,$2," pay.csv' \
	- $rc "$g"
pop-report -p $P --visits "$J/visits.csv" --workers in/workers.csv \
	--month 2026-10 --summary "$J/persons.csv" assignment.csv > pop.csv 2> pop.err
rc=$?
t "pop-report --summary: the worker's row under the grid, exit 0" sh -c '
	[ $1 -eq 0 ] && grep -q "^2026-10,$2,W18," pop.csv' - $rc "$g"

# ---- the store ----------------------------------------------------------
gw-load -d s.db workers in/workers.csv 2> load.err
rc=$?
t "gw-load workers: the 18-digit worker loaded, exit 0" sh -c '
	[ $1 -eq 0 ] && grep -q "read 189, loaded 189, .* rejected 0" load.err &&
	gw-load -d s.db --export workers | grep -q "^W18,.*,$2,"' - $rc "$m"
bad() {	# bad ID GRID: a workers file of one row
	echo "worker_id,id_number,name,role,grid_code,township_code,employment,hired_on"
	echo "$1,11010519491231002X,乙,兼职网格员,$2,140824100,parttime,2020-01-01"
}
bad X1 "${g%???}999001" > x1.csv
bad X2 "${g}000" > x2.csv
bad X3 "${g}0" > x3.csv
t "a micro-grid of no grid of the store: rejected, the grid named" sh -c '
	gw-load -d s.db workers x1.csv 2> e; [ $? -eq 1 ] &&
	grep -q "x1.csv:2: column .grid_code.: .$1999. (the grid of the micro-grid) is not in grids.grid_code" e' \
	- "${g%???}"
t "micro-grid sequence 000: rejected" sh -c '
	gw-load -d s.db workers x2.csv 2> e; [ $? -eq 1 ] &&
	grep -q "x2.csv:2: column .grid_code.: .*000" e'
t "16 digits: rejected" sh -c '
	gw-load -d s.db workers x3.csv 2> e; [ $? -eq 1 ] &&
	grep -q "x3.csv:2: column .grid_code.: grid code must have 15 digits, found 16" e'

gw-month -d s.db --month 2026-10 -p $P --in in --out out 2> month.err
rc=$?
t "gw-month: the month with the worker, exit 0, nothing rejected" sh -c '
	[ $1 -eq 0 ] && ! grep "rejected [1-9]" month.err' - $rc
t "gw-month: scored and paid under the grid" sh -c '
	grep -q "^2026-10,W18,$1," out/scores.csv &&
	grep -q "^2026-10,W18,楼栋长甲,兼职网格员,parttime,$1," out/pay.csv' - "$g"
score-month -p $P -d s.db --month 2026-10 > sd.csv 2> /dev/null
t "score-month -d: the worker scored as from the files" sh -c '
	grep "^2026-10,W18," sd.csv > a && grep "^2026-10,W18," scores.csv |
	cmp - a'
pay-calc -p $P -d s.db --month 2026-10 > pd.csv 2> /dev/null
t "pay-calc -d: the worker paid as from the files" sh -c '
	grep "^2026-10,W18," pd.csv > a && grep "^2026-10,W18," pay.csv |
	cmp - a'
gw-staff --as-of 2026-10-31 -d s.db > staff.csv 2> /dev/null
t "gw-staff -d: the grid has the worker" sh -c '
	[ "$(awk -F, -v g="$1" "\$1 == g { print \$5 }" staff.csv)" = 2 ]' - "$g"
