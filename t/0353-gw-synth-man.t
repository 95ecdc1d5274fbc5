#!/bin/sh
# The EXAMPLES of gw-synth(1), run as written, and what they promise: the
# first regenerates the shipped example county byte for byte.
. "$(dirname "$0")/lib.sh"
plan 8

man=$TOP/man/gw-synth.1
cd "$TMP" || exit 2
mkdir examples && cp "$TOP/examples/regions-140824.csv" examples/ || exit 2

t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$man" gw-synth
t "the page is lint-clean" mandoc -Tlint -Wwarning "$man"
man_examples "$man"
t "the page has examples" test "$(wc -l < "$TMP/man.cmds")" -ge 5
t "every example runs and prints what the page shows" sh -c '
	sh -e "$1/man.cmds" > got 2> err || { cat err; exit 1; }
	diff -u "$1/man.want" got' sh "$TMP"
t "the first regenerates examples/jishan" diff -r "$TOP/examples/jishan" examples/jishan
t "the count shown is the rows added to the clean files" sh -c '
	gw-synth -R examples/regions-140824.csv --county 140824 --households 400 \
	    -O clean &&
	test $(($(cat bad/[!d]*.csv | wc -l) - $(cat clean/*.csv | wc -l))) -eq \
	    "$(sed -n "/^\\$ grep -c/{n;p;}" "$1")"' sh "$man"
t "the township's census and grid table" sh -c '
	test "$(ls town | tr "\n" " ")" = "grids.csv households.csv persons.csv units.csv "'
t "workers on the given grids, and the same census" sh -c '
	cmp town/persons.csv work/persons.csv &&
	cut -d, -f1 town/grids.csv | sed 1d | sort > g &&
	cut -d, -f5 work/workers.csv | sed 1d | sort -u > wg && cmp g wg'
