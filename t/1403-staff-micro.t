#!/bin/sh
# Micro-grids by street (gridwork-rules(7), Micro-grids): one a street
# under lijin (每条街巷为1个微网格), 6-10 households under gansu with no
# street split that fits, and codes kept when households are added.
. "$(dirname "$0")/lib.sh"
plan 7

. "$T_DIR/streets.sh"
# sizes by street: "STREET:MICRO-SEQ" counted
bystreet() { awk -F, 'NR > 1 { sub(/[0-9]+号$/, "", $4); print $4 ":" substr($7, 16) }' "$1" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }'; }

grid-code -p lijin --micro -R "$R" "$TMP/h.csv" > "$TMP/lj.csv" 2>/dev/null
t "lijin: 东街 (4) and 西街 (12) each one micro-grid" sh -c '
	b=$(awk -F, "NR > 1 && \$4 ~ /^东街/ { print \$7 }" "$1" | sort -u | wc -l)
	x=$(awk -F, "NR > 1 && \$4 ~ /^西街/ { print \$7 }" "$1" | sort -u | wc -l)
	e=$(awk -F, "NR > 1 && \$4 ~ /^东街/ { print \$7 }" "$1" | sort -u)
	w=$(awk -F, "NR > 1 && \$4 ~ /^西街/ { print \$7 }" "$1" | sort -u)
	[ "$b" -eq 1 ] && [ "$x" -eq 1 ] && [ "$e" != "$w" ]' - "$TMP/lj.csv"

grid-code --micro -R "$R" "$TMP/h.csv" > "$TMP/gs.csv" 2>/dev/null
t "gansu: 东街 whole; 西街 (12, above 10) in two" sh -c '
	[ "$(awk -F, "NR > 1 && \$4 ~ /^东街/ { print \$7 }" "$1" | sort -u | wc -l)" -eq 1 ] &&
	[ "$(awk -F, "NR > 1 && \$4 ~ /^西街/ { print \$7 }" "$1" | sort -u | wc -l)" -eq 2 ]' - "$TMP/gs.csv"
# (东街 sorts between the 300 of 北巷 and 西街: alone, 4 is nearer the
# size than joined to a 10 of 北巷)
t "gansu: every other micro-grid of 6 to 10 households" sh -c '
	awk -F, "NR > 1 && \$4 !~ /^东街/ { n[\$7]++ } END { for (m in n) if (n[m] < 6 || n[m] > 10) exit 1 }" "$1"' - "$TMP/gs.csv"

# a street of 11: gansu 6 + 5 (no cut of 11 fits), lijin one of 11
{ hdr; street 南街 11; street 北巷 300; } > "$TMP/h11.csv"
t "a street of 11: gansu 6 + 5" sh -c '
	grid-code --micro -R "$1" "$2" 2>/dev/null |
	awk -F, "NR > 1 && \$4 ~ /^南街/ { n[\$7]++ } END { for (m in n) print n[m] }" | sort -n | tr "\n" " " |
	grep -qx "5 6 "' - "$R" "$TMP/h11.csv"
t "a street of 11: lijin one micro-grid" sh -c '
	grid-code -p lijin --micro -R "$1" "$2" 2>/dev/null |
	awk -F, "NR > 1 && \$4 ~ /^南街/ { print \$7 }" | sort -u | wc -l | grep -qx " *1"' - "$R" "$TMP/h11.csv"

# five households at the end of 西街: every old household keeps its code,
# the new ones take sequences above the highest issued
{ hdr; street 东街 4; street 西街 12; street 西街 5 13; street 北巷 300; } > "$TMP/h2.csv"
grid-code --micro -R "$R" --previous "$TMP/gs.csv" "$TMP/h2.csv" > "$TMP/gs2.csv" 2>/dev/null
t "five added at a street's end: no old household changes code" sh -c '
	cut -d, -f1,7 "$1" | sort > "$3/old"
	cut -d, -f1,7 "$2" | sort | join -t, "$3/old" - | awk -F, "\$2 != \$3" | grep -q . && exit 1
	exit 0' - "$TMP/gs.csv" "$TMP/gs2.csv" "$TMP"
t "and the new ones a micro-grid above the highest" sh -c '
	hi=$(awk -F, "NR > 1 { print substr(\$7, 16) }" "$1" | sort -n | tail -1)
	new=$(awk -F, "\$1 ~ /^西街1[3-7]\$/ { print substr(\$7, 16) }" "$2" | sort -u)
	[ "$new" -gt "$hi" ]' - "$TMP/gs.csv" "$TMP/gs2.csv"
