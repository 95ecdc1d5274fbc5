#!/bin/sh
# case-route's village level (issue 21): a policy sending 01 and 0803 to
# the village (community) with its own limit of 3 working days
# (t/year/village/village.conf): those orders are at the village with
# that limit, the others as before; gansu sends none there; a limit
# that is no number of days is refused; a level that is none of the
# three still is.
. "$(dirname "$0")/lib.sh"
plan 5

cd "$T_DIR/year/village" || exit 2
case-route -p village.conf events.csv >"$TMP/v.out" 2>/dev/null
t 'village: 01 and 0803 at the village, 3 working days (Friday to Tuesday, over the worked Saturday)' \
	sh -c "grep -q '^C01,E01,.*,village,.*,2026-10-13 23:59:59,3,0\$' '$TMP/v.out' &&
	grep -q '^C02,E02,.*,village,.*,2026-10-13 23:59:59,3,0\$' '$TMP/v.out'"
t 'village: the other categories as before' \
	sh -c "grep -q '^C03,E03,.*,township,人社局,.*,5,0\$' '$TMP/v.out' &&
	grep -q '^C04,E04,.*,county,派出所,.*,24h,0\$' '$TMP/v.out'"
t 'gansu sends nothing to the village' \
	sh -c "case-route events.csv 2>/dev/null | grep -c ',village,' | grep -qx 0"
t 'a village_limit that is no number: exit 2' \
	sh -c "case-route -p bad.conf events.csv >'$TMP/o' 2>'$TMP/e'; test \$? -eq 2 && test ! -s '$TMP/o' &&
	grep -qx \"case-route: bad.conf:5: key 'village_limit': a limit is working days (0-366), not 'soon'\" '$TMP/e'"
printf 'include = gansu\n\n[route]\nlevel.01 = city\n' >"$TMP/city.conf"
t 'a level none of village, township, county: exit 2' \
	sh -c "case-route -p '$TMP/city.conf' events.csv 2>'$TMP/e'; test \$? -eq 2 &&
	grep -q \"level 'city' of category 01 is not village, township or county\" '$TMP/e'"
