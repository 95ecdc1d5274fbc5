#!/bin/sh
# The EXAMPLES of gw-synth(1), run as written, and what they promise: the
# first regenerates the shipped example county byte for byte.
. "$(dirname "$0")/lib.sh"
plan 6

man=$TOP/man/gw-synth.1
cd "$TMP" || exit 2
mkdir examples && cp "$TOP/examples/regions-140824.csv" examples/ || exit 2

sed -n '/^\.Sh EXAMPLES/,/^\.Sh /s/^\$ //p' "$man" > examples.sh
t "the page has examples" test "$(wc -l < examples.sh)" -ge 5
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	sh -c "$cmd" > "ex$i.out" 2> "ex$i.err" || echo "$cmd" >> failed
done < examples.sh
t "every example runs" sh -c 'test ! -e failed || { cat failed; exit 1; }'
t "the first regenerates examples/jishan" diff -r "$TOP/examples/jishan" examples/jishan
t "the count of refused rows is what defects.csv says" sh -c '
	test "$(cat ex3.out)" -gt 0 &&
	test "$(cat ex3.out)" -eq "$(grep -c reject bad/defects.csv)"'
t "the township's census and grid table" sh -c '
	test "$(ls town | tr "\n" " ")" = "grids.csv households.csv persons.csv units.csv "'
t "workers on the given grids, and the same census" sh -c '
	cmp town/persons.csv work/persons.csv &&
	cut -d, -f1 town/grids.csv | sed 1d | sort > g &&
	cut -d, -f5 work/workers.csv | sed 1d | sort -u > wg && cmp g wg'
