#!/bin/sh
# grid-code on whole counties: the example county and a generated one.
# Every household lands in exactly one grid; the grid table adds up.
. "$(dirname "$0")/lib.sh"
plan 10

# county DIR REGIONS HOUSEHOLDS [UNITS]: divide, then check the division
county() {
	d=$1; shift
	mkdir -p "$d"
	grid-code -R "$1" ${3:+-u "$3"} -G "$d/grids.csv" --micro "$2" \
		> "$d/out.csv" 2> "$d/err" || return 1
	# in = out, each household once, each with one 15-digit grid code
	[ "$(($(wc -l < "$2") - 1))" -eq "$(($(wc -l < "$d/out.csv") - 1))" ] || return 1
	awk -F, 'NR > 1 { print $1 }' "$d/out.csv" | sort | uniq -d > "$d/dups"
	[ ! -s "$d/dups" ] || { echo "households twice:"; head "$d/dups"; return 1; }
	awk -F, 'NR > 1 && (length($6) != 15 || $6 !~ /^[0-9]+$/) { bad++ } END { exit bad > 0 }' "$d/out.csv"
}
# every grid's households in the table = households carrying its code
adds_up() {
	awk -F, 'NR > 1 { n[$6]++ } END { for (g in n) print g, n[g] }' "$1/out.csv" | sort > "$1/a"
	awk -F, 'NR > 1 && $3 == "base" { print $1, $4 }' "$1/grids.csv" | sort > "$1/b"
	diff -u "$1/b" "$1/a"
}
# no structural problem: only size problems may remain
structural() {
	grid-code --check -R "$1" "$2/out.csv" > "$2/check.csv"
	awk -F, 'NR > 1 && $1 !~ /^(undersize|oversize|over_residents)$/' "$2/check.csv" > "$2/struct"
	[ ! -s "$2/struct" ] || { head "$2/struct"; return 1; }
}

EX=$TOP/examples
t "example county: every household in exactly one grid" \
	county "$TMP/ex" "$EX/regions-140824.csv" "$EX/jishan/households.csv"
t "example county: the grid table adds up" adds_up "$TMP/ex"
t "example county: --check finds no structural problem" structural "$EX/regions-140824.csv" "$TMP/ex"
t "example county: size problems are the ones noted" sh -c '
	a=$(awk -F, "NR > 1 && \$1 != \"over_residents\"" "$1/check.csv" | wc -l)
	b=$(grep -c "households, \(above\|below\)" "$1/grids.csv")
	[ "$a" -eq "$b" ]' - "$TMP/ex"

if [ -x "$GW_BIN/gw-synth" ]; then
	gw-synth -R "$EX/regions-140824.csv" --county 140824 --households 30000 \
		--seed 7 --only households,units,regions -O "$TMP/syn" > /dev/null 2>&1
	S=$TMP/syn
	t "generated county: every household in exactly one grid" \
		county "$TMP/gen" "$S/regions.csv" "$S/households.csv" "$S/units.csv"
	t "generated county: the grid table adds up" adds_up "$TMP/gen"
	t "generated county: --check finds no structural problem" structural "$S/regions.csv" "$TMP/gen"
	t "generated county: dedicated grids for units of 300 people or more" sh -c '
		a=$(awk -F, "NR > 1 && \$5 >= 300" "$1/units.csv" | wc -l)
		b=$(awk -F, "\$3 == \"dedicated\"" "$2/grids.csv" | wc -l)
		[ "$a" -eq "$b" ]' - "$S" "$TMP/gen"
	# (a note may only name a small unit the grid holds)
	t "generated county: most grids inside the band" sh -c '
		awk -F, "NR > 1 && \$3 == \"base\" { n++; if (!/(households|residents), (above|below)/) ok++ } END { exit !(ok * 10 >= n * 8) }" "$1/grids.csv"' - "$TMP/gen"
	t "generated county: unchanged input re-run with --previous is identical" sh -c '
		grid-code -R "$1/regions.csv" -u "$1/units.csv" --micro --previous "$2/out.csv" \
			--previous "$2/grids.csv" "$1/households.csv" 2>/dev/null | cmp - "$2/out.csv"' - "$S" "$TMP/gen"
else
	for i in 1 2 3 4 5 6; do skip "gw-synth not built"; done
fi
