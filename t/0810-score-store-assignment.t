#!/bin/sh
# score-month -d: the household-to-grid assignment is the store's (as
# grid-code -d wrote it), a file given overrides it, a store without one
# is refused naming the table; --quarter from two stored months is a
# partial quarter, each worker's score the mean of the months present.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 9
cd "$TMP" || exit 2
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
# the month's tables into the store
gw-month -d s.db --month 2026-10 -p $P --in in 2> month.err ||
	{ cat month.err; exit 2; }

score-month -p $P -d s.db --month 2026-10 > st.csv 2> err
rc=$?
t "no --assignment: exit 0, nothing said, the files' scores" sh -c '
	[ $1 -eq 0 ] && [ ! -s err ] && cmp files-scores.csv st.csv' - $rc

cp s.db none.db
sqlite3 none.db "DELETE FROM assignment"
score-month -p $P -d none.db --month 2026-10 > no.csv 2> err
rc=$?
t "a store without an assignment: exit 2, the table named, no output" \
	sh -c '[ $1 -eq 2 ] && [ ! -s no.csv ] &&
	grep -q "none.db:assignment: no rows of '"'assignment'"' for 2026-10" err' - $rc
score-month -p $P -d none.db --month 2026-10 --assignment assignment.csv \
	> file.csv 2> err
rc=$?
t "--assignment FILE overrides the store's: the same scores" sh -c '
	[ $1 -eq 0 ] && cmp files-scores.csv file.csv' - $rc
# a file that moves every household of one grid elsewhere is read, not
# the store's: that grid's worker visits households outside their grid
g=$(sed -n 2p assignment.csv | awk -F, '{ print $NF }')
awk -F, -v OFS=, -v g="$g" 'NR == 1 { for (i = 1; i <= NF; i++)
	if ($i == "grid_code") c = i } NR > 1 && $c == g { $c = "140824100200999" }
	{ print }' assignment.csv > moved.csv
score-month -p $P -d s.db --month 2026-10 --assignment moved.csv \
	> moved.out 2> err
t "a file overrides a store that has an assignment too" sh -c '
	! cmp -s files-scores.csv moved.out'

# a second stored month, for half of the workers: a partial quarter
awk -F, -v OFS=, 'NR == 1 { print; next } NR % 2 == 0 { $1 = "2026-11";
	$15 = "60.00"; print }' st.csv > nov.csv
gw-load -d s.db scores nov.csv 2> load.err || cat load.err
score-month -p $P -d s.db --quarter 2026-Q4 > q.csv 2> err
rc=$?
t "--quarter -d: exit 0, a row a worker of either month" sh -c '
	[ $1 -eq 0 ] && [ "$(($(wc -l < q.csv) - 1))" -eq \
	    "$(($(wc -l < st.csv) - 1))" ]' - $rc
# the expected: months present, partial, the mean rounded half-up
awk -F, 'FNR == 1 { next } FILENAME == ARGV[1] {
		split($15, a, "."); o[$2] = a[1] * 100 + a[2]; next }
	FILENAME == ARGV[2] { n[$2] = 1; next }
	{ split($7, a, "."); got = a[1] * 100 + a[2]
	  m = n[$2] ? 2 : 1
	  want = n[$2] ? int((o[$2] + 6000 + 1) / 2) : o[$2]
	  if ($5 != m || $6 != 1 || got != want) {
		print $2 ": months " $5 " partial " $6 " score " got " want " m " 1 " want
		bad = 1 } }
	END { exit bad }' st.csv nov.csv q.csv > q.bad
t "each worker: the months present, partial, the mean of them" sh -c '
	[ ! -s q.bad ] || { cat q.bad; exit 1; }'
t "two months and one month both present" sh -c '
	cut -d, -f5 q.csv | sed 1d | sort -u | tr "\n" " " | grep -qx "1 2 "'
score-month -p $P --quarter 2026-Q4 --scores st.csv --scores nov.csv \
	> qf.csv 2> /dev/null
t "the quarter from the store equals the quarter from the files" \
	cmp qf.csv q.csv
score-month -p $P -d s.db --year 2026 > y.csv 2> /dev/null
t "--year -d: the stored months too (2 at most, partial)" sh -c '
	[ "$(cut -d, -f5 y.csv | sed 1d | sort -u | tail -1)" -eq 2 ] &&
	[ "$(cut -d, -f6 y.csv | sed 1d | sort -u)" = 1 ]'
