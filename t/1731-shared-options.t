#!/bin/sh
# Each command's getopt lists exactly the shared options it takes
# (gridwork(7)): one it does not take is refused by getopt with the
# usage text, exit 2, before any input is read; --help and --version
# are everyone's.  Every run ends the same way (gw_end): rejected rows
# are summed up as "N of M rows rejected".
. "$(dirname "$0")/lib.sh"
plan 16
cd "$TMP" || exit 2

# refused CMD OPTION...: exit 2, getopt's message, then "usage: CMD"
refused() {
	c=$1; shift
	"$c" "$@" > out 2> err; r=$?
	[ $r -eq 2 ] && [ ! -s out ] &&
	grep -q "^$c: \(unrecognized\|invalid\) option" err &&
	grep -q "^usage: $c " err
}
t "grid-code refuses --month" refused grid-code --month 2026-10
t "grid-code refuses --as-of" refused grid-code --as-of 2026-10-31
t "pay-calc refuses --week" refused pay-calc --week 2026-W40
t "pay-calc refuses --as-of" refused pay-calc --as-of 2026-10-31
t "score-month refuses --at" refused score-month --at 2026-10-31
t "score-month refuses -R" refused score-month -R regions.csv
t "gw-screen refuses --month" refused gw-screen --month 2026-10
t "gw-screen refuses -d" refused gw-screen -d gw.db
t "gw-id refuses --week" refused gw-id --week 2026-W40
t "gw-id refuses -p" refused gw-id -p gansu
t "gw-csv refuses --as-of" refused gw-csv --as-of 2026-10-31
t "gw-csv refuses -d" refused gw-csv -d gw.db
t "every one takes --help and --version: exit 0" sh -c '
	for c in grid-code pay-calc score-month gw-screen gw-id gw-csv pop-report; do
		$c --help > h 2>&1 && grep -q "^usage: $c " h &&
		$c --version | grep -q "^$c (gridwork) " || { echo $c; exit 1; }
	done'
printf 'a,b\n1,2\n3\n4,5\n' > bad.csv
t "gw-csv: the summary of rejected rows" sh -c '
	gw-csv bad.csv > /dev/null 2> e; [ $? -eq 1 ] &&
	tail -1 e | grep -qx "gw-csv: 1 of 3 rows rejected"'
printf 'id_number\n11010519491231002X\n1101051949123100\n' > ids.csv
t "gw-id: the summary of rejected rows" sh -c '
	gw-id ids.csv > /dev/null 2> e; [ $? -eq 1 ] &&
	tail -1 e | grep -qx "gw-id: 1 of 2 rows rejected"'
t "no summary when nothing is rejected" sh -c '
	gw-csv ids.csv > /dev/null 2> e && [ ! -s e ]'
