#!/bin/sh
# grid-code --micro: micro-grids of 6-10 households in block and address
# order, 18-digit codes under their grid.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 8

{ hdr
  village 140824100001 2 "150 150 200 203"
  village 140824200201 3 "4" 组
  village 140824200202 3 "5 6" 组
} > "$TMP/h.csv"
grid-code --micro -R "$R" -G "$TMP/g.csv" "$TMP/h.csv" > "$TMP/o.csv" 2>/dev/null
t "header ends grid_code,micro_grid_code" sh -c '
	head -1 "$1" | grep -q ",grid_code,micro_grid_code$"' - "$TMP/o.csv"
t "every micro code is 18 digits under its grid" sh -c '
	awk -F, "NR > 1 && (length(\$7) != 18 || substr(\$7, 1, 15) != \$6) { bad++ } END { exit bad > 0 }" "$1"' - "$TMP/o.csv"
awk -F, 'NR > 1 { n[$7]++; g[$7] = $6 } END { for (m in n) print g[m], m, n[m] }' "$TMP/o.csv" | sort > "$TMP/m"
t "micro-grids of a large grid hold 6 to 10 households" sh -c '
	awk "\$1 ~ /^140824100001/ && (\$3 < 6 || \$3 > 10) { bad++ } END { exit bad > 0 }" "$1"' - "$TMP/m"
t "a grid of 403 households: 41 micro-grids (ceil(403/10))" sh -c '
	[ "$(awk "\$1 == 140824100001002" "$1" | wc -l)" -eq 41 ]' - "$TMP/m"
t "a grid under 6 households: one micro-grid of all" sh -c '
	[ "$(awk "\$1 == 140824200201001 { print \$3 }" "$1")" = 4 ]' - "$TMP/m"
t "a grid of 11: 6 + 5 (no cut of 11 fits 6-10)" sh -c '
	[ "$(awk "\$1 == 140824200202001 { print \$3 }" "$1" | sort | tr "\n" " ")" = "5 6 " ]' - "$TMP/m"
t "micro-grids follow block then address order" sh -c '
	awk -F, "\$6 == 140824200202001 { print \$3, \$4, \$7 }" "$1" | sort -k3 |
	awk "{ print \$1 }" | uniq | tr "\n" " " | grep -qx "1组 2组 "' - "$TMP/o.csv"
t "micro codes number 001 up within each grid" sh -c '
	awk "{ print \$2 }" "$1" | cut -c1-15 | uniq -c | awk "{ print \$1 }" > "$1.n" &&
	awk "{ s = substr(\$2, 16) + 0; if (s > max[\$1]) max[\$1] = s; c[\$1]++ }
	    END { for (g in c) if (max[g] != c[g]) exit 1 }" "$1"' - "$TMP/m"
