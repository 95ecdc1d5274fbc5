#!/bin/sh
# gw-synth: determinism (same seed, same bytes; the shipped example is
# what its documented command writes), option errors, and what a run
# leaves behind when it fails.
. "$(dirname "$0")/lib.sh"
plan 24

R=$TOP/examples/regions-140824.csv
cd "$TMP" || exit 2

t "the shipped example regenerates byte for byte" sh -c '
	gw-synth -R "$1" --county 140824 --households 2500 -O jishan &&
	diff -r "$2/examples/jishan" jishan' sh "$R" "$TOP"
t "same seed twice: same bytes" sh -c '
	gw-synth -R "$1" --county 140824 --households 300 --seed 7 -O a &&
	gw-synth -R "$1" --county 140824 --households 300 --seed 7 -O b &&
	diff -r a b' sh "$R"
t "another seed: other people" sh -c '
	gw-synth -R "$1" --county 140824 --households 300 --seed 8 -O c &&
	! cmp -s a/persons.csv c/persons.csv' sh "$R"
sed 1d a/persons.csv > a/persons.csv.body
gw-synth -R "$R" --county 140824 --households 300 --seed 7 --month 2026-11 \
    --only events,case_log,patrols -O nov 2>/dev/null
t "another month: its events numbered with the month, none of another month's" sh -c '
	sed 1d nov/events.csv | cut -d, -f1 | grep -vqE "^E[0-9]{15}202611[0-9]{4}\$" && exit 1
	sed 1d a/events.csv | cut -d, -f1 | grep -vqE "^E[0-9]{15}[0-9]{4}\$" && exit 1
	sed 1d nov/events.csv | cut -d, -f1 | sort > nov.ids
	sed 1d a/events.csv | cut -d, -f1 | sort > oct.ids
	test -s nov.ids && test -z "$(comm -12 oct.ids nov.ids)"'
t "another month: its cases numbered with the month, their events its own" sh -c '
	sed 1d nov/case_log.csv | cut -d, -f1 | grep -vqE "^C[0-9]{15}202611[0-9]{4}\$" && exit 1
	sed 1d nov/case_log.csv | cut -d, -f2 | sort -u | comm -23 - nov.ids | grep -q . && exit 1; :'
t "another month: other events and other patrols, not the last month shifted" sh -c '
	sed 1d a/events.csv | cut -d, -f8 > oct.txt && sed 1d nov/events.csv | cut -d, -f8 > nov.txt &&
	! cmp -s oct.txt nov.txt &&
	sed 1d a/patrols.csv | cut -d, -f3 > oct.min && sed 1d nov/patrols.csv | cut -d, -f3 > nov.min &&
	! cmp -s oct.min nov.min'
t "every contract file is written, grids only on request" sh -c '
	for f in regions persons households units workers candidates events \
	    case_log patrols visits logins trainings bonus rewards; do
		test -s a/$f.csv || { echo "missing $f"; exit 1; }
	done
	test ! -e a/grids.csv && test ! -e a/defects.csv &&
	test -z "$(ls a | grep tmp)"'
t "households add up to --households" sh -c '
	test "$(sed 1d a/households.csv | wc -l)" -eq 300'
t "every village and community of the county gets households" sh -c '
	test "$(sed 1d jishan/households.csv | cut -d, -f2 | sort -u | wc -l)" -eq 151'
t "--only writes only the files named" sh -c '
	gw-synth -R "$1" --county 140824 --households 300 --seed 7 \
	    --only persons,grids -O o &&
	test "$(ls o | tr "\n" " ")" = "grids.csv persons.csv " &&
	cmp a/persons.csv o/persons.csv' sh "$R"
t "a township alone" sh -c '
	gw-synth -R "$1" --county 140824101 --households 50 -O tw &&
	test "$(sed 1d tw/households.csv | cut -c1-9 | sort -u)" = 140824101' sh "$R"
t "a GB18030 regions sheet with Chinese headers gives the same county" sh -c '
	sed "1s/.*/代码,名称,城乡类型/" "$1" | iconv -f utf-8 -t gb18030 > r-gb.csv &&
	gw-synth -R r-gb.csv --county 140824 --households 2500 -O gb &&
	diff -r "$2/examples/jishan" gb' sh "$R" "$TOP"
t "a single community, its grids and units" sh -c '
	gw-synth -R "$1" --county 140824400001 --households 900 \
	    --only households,units,workers -O one &&
	test "$(sed 1d one/households.csv | cut -d, -f2 | sort -u)" = 140824400001 &&
	grep -q ",网格长,140824400001001," one/workers.csv &&
	grep -q ",140824400001002," one/workers.csv' sh "$R"
t "--zh --excel: Chinese headers, a BOM and CRLF, the same rows (digit strings as =\"...\")" sh -c '
	gw-synth -R "$1" --county 140824 --households 300 --seed 7 --zh --excel \
	    --only persons -O zh &&
	test "$(head -c 3 zh/persons.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	head -1 zh/persons.csv | grep -q "身份证号,姓名," &&
	test "$(head -1 zh/persons.csv | tail -c 2 | od -An -tx1 | tr -d " ")" = 0d0a &&
	tr -d "\r" < zh/persons.csv | sed 1d | sed "s/\"=\"\"\([^\"]*\)\"\"\"/\1/g" |
	cmp - a/persons.csv.body' sh "$R"
t "a reference time other than --month is a usage error" \
    rc_is 2 gw-synth -R "$R" --county 140824 --as-of 2026-10-01 -O x
t "usage error without --county" rc_is 2 gw-synth -R "$R" -O x
t "usage text names the options" sh -c '
	gw-synth --help | grep -q "usage: gw-synth -R REGIONS --county CODE"'
t "bad --defects rate" rc_is 2 gw-synth -R "$R" --county 140824 --defects 1.5 -O x
t "--only names an unknown file" rc_is 2 gw-synth -R "$R" --county 140824 --only persons,people -O x
t "bad --month" rc_is 2 gw-synth -R "$R" --county 140824 --month 2026-13 -O x
t "no village under the code" rc_is 2 gw-synth -R "$R" --county 150000 -O x
t "unreadable regions" rc_is 2 gw-synth -R nosuch.csv --county 140824 -O x
t "a month without a calendar: fatal, no file left" sh -c '
	gw-synth -R "$1" --county 140824 --households 50 --month 2101-05 \
	    -O cal 2>err; test $? -eq 2 && grep -q "no calendar for 2101" err &&
	test -z "$(ls cal 2>/dev/null)"' sh "$R"
t "an unwritable directory is fatal" sh -c '
	: > file && gw-synth -R "$1" --county 140824 --households 5 -O file/sub
	test $? -eq 2' sh "$R"
