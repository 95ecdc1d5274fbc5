#!/bin/sh
# gw-synth --grids: workers, events and visits follow a given grid
# table; the census does not change; a table that does not cover the
# households is a fatal error.
. "$(dirname "$0")/lib.sh"
plan 11

R=$TOP/examples/regions-140824.csv
cd "$TMP" || exit 2
gw-synth -R "$R" --county 140824100 --households 3000 -O own --only persons,households,grids,workers,visits,events || exit 2

# split the first grid of several blocks: its first block alone, the rest
# as a new grid 002 (as grid-code might after households moved)
awk -F, -v OFS=, 'NR > 1 && !done && $3 == "base" && $6 ~ /;/ {
	n = index($6, ";"); first = substr($6, 1, n - 1); rest = substr($6, n + 1)
	v = $2; print $1, $2, $3, "", "", first, ""
	print substr($1, 1, 12) "002", $2, $3, "", "", rest, ""
	done = 1; print v > "village"; print first > "first"; next } 1' own/grids.csv > split.csv
V=$(cat village)
t "a grid to split" test -n "$V"
gw-synth -R "$R" --county 140824100 --households 3000 --grids split.csv -O g --only persons,households,workers,visits,events
t "the census is the same" cmp own/persons.csv g/persons.csv
t "the new grid gets a worker" grep -q ",${V}002," g/workers.csv
t "its worker visits only households outside the first block" sh -c '
	w=$(grep ",${1}002," g/workers.csv | cut -d, -f1 | head -1)
	grep "^$w," g/visits.csv | cut -d, -f3 | sort -u > hh
	test -s hh &&
	! awk -F, -v b="$(cat first)" "NR == FNR { h[\$1] = 1; next }
	    (\$1 in h) && \$3 == b" hh g/households.csv | grep -q .' sh "$V"
t "events in both grids" sh -c '
	grep -q ",${1}001," g/events.csv && grep -q ",${1}002," g/events.csv' sh "$V"
grep -v ",$V," split.csv > hole.csv
t "a village without grids is fatal, naming it" sh -c '
	gw-synth -R "$1" --county 140824100 --households 3000 --grids hole.csv -O h 2> err
	test $? -eq 2 && grep -q "no grid of village $2 holds block" err &&
	test -z "$(ls h)"' sh "$R" "$V"
printf 'grid_code,village_code,kind,blocks\n14082410020,140824100200,base,x\n' > badcode.csv
t "a malformed grid code is fatal" sh -c '
	gw-synth -R "$1" --county 140824100 --households 30 --grids badcode.csv -O b 2> err
	test $? -eq 2 && grep -q "badcode.csv:2: column .grid_code." err' sh "$R"
t "a table without a blocks column is fatal" sh -c '
	printf "grid_code\n140824100200001\n" > noblocks.csv
	gw-synth -R "$1" --county 140824100 --households 30 --grids noblocks.csv -O b
	test $? -eq 2' sh "$R"

gw-synth -R "$R" --county 140824 --households 112298 --only households,units,grids -O full
if command -v grid-code > /dev/null 2>&1; then
	t "the own division is grid-code's, code for code (Jishan at full size)" sh -c '
		grid-code -R "$1" -u full/units.csv -G gc.csv full/households.csv \
		    > /dev/null 2> gc.err
		test $? -le 1 || { cat gc.err; exit 1; }
		cut -d, -f1-6 full/grids.csv | sort > mine
		cut -d, -f1-6 gc.csv | sort > theirs
		test "$(wc -l < mine)" -gt 300 && diff mine theirs' sh "$R"
else
	skip "grid-code is not built"
fi
t "large villages are split into grids of whole groups" sh -c '
	test "$(awk -F, "\$3 == \"base\" { n[\$2]++ } END { for (v in n) if (n[v] > 1) k++; print k }" \
	    full/grids.csv)" -gt 20'
printf 'include = gansu\n[grid]\nhouseholds_min = 100\nhouseholds_max = 200\nrural_split_households = 200\n' > tight.conf
t "-p: the profile's band shapes the division" sh -c '
	gw-synth -R "$1" --county 140824 --households 112298 --only grids \
	    -p ./tight.conf -O tight &&
	test "$(grep -c ,base, tight/grids.csv)" -gt "$(grep -c ,base, full/grids.csv)"' sh "$R"
