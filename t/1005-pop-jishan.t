#!/bin/sh
# pop-report on the example county (examples/jishan, made by gw-synth):
# grids from grid-code(1), then the registers, a masked list and the
# visit compliance of October 2026.  Checks the counts against the raw
# files: every person and household counted once, by-township rows sum
# to the county, each tag column equals the persons whose tags column
# holds one of its spellings.
. "$(dirname "$0")/lib.sh"
J=$TOP/examples/jishan
plan 9

if [ ! -r "$J/persons.csv" ] || [ ! -r "$J/visits.csv" ]; then
	for i in 1 2 3 4 5 6 7 8 9; do skip "examples/jishan not there"; done
	exit 0
fi
grid-code -R "$TOP/examples/regions-140824.csv" -u "$J/units.csv" -G "$TMP/grids.csv" \
	"$J/households.csv" >"$TMP/a.csv" 2>/dev/null || exit 2

pop-report --as-of 2026-10-31 --by county "$J/persons.csv" "$TMP/a.csv" >"$TMP/c" 2>"$TMP/e"
t "the county's registers: exit 0, nothing on stderr" sh -c 'test $? -eq 0 && test ! -s "$1"' - "$TMP/e"
persons=$(($(wc -l <"$J/persons.csv") - 1))
hh=$(($(wc -l <"$TMP/a.csv") - 1))
t "every person and every household counted once" \
	test "$(sed -n 2p "$TMP/c" | cut -d, -f3,4)" = "$hh,$persons"
t "sex and age bands add up to the residents" sh -c '
	sed -n 2p "$1" | awk -F, "{ exit !(\$5 + \$6 == \$4 && \$7 + \$8 + \$9 + \$10 == \$4) }"' - "$TMP/c"

pop-report --as-of 2026-10-31 --by township "$J/persons.csv" "$TMP/a.csv" >"$TMP/t" 2>/dev/null
awk -F, 'NR > 1 { for (i = 3; i <= NF; i++) s[i] += $i; n = NF }
	END { for (i = 3; i <= n; i++) printf "%s%d", (i > 3 ? "," : ""), s[i]; print "" }' \
	"$TMP/t" >"$TMP/sum"
sed -n 2p "$TMP/c" | cut -d, -f3- >"$TMP/county"
t "the townships sum to the county, column by column" test_cmp "$TMP/county" "$TMP/sum"

# the tag column of 社区矫正 and of 残疾人 against the spellings in the file
n_corr=$(awk -F, 'NR > 1 && $9 ~ /社区矫正|矫正对象|社矫/' "$J/persons.csv" | wc -l)
n_dis=$(awk -F, 'NR > 1 && $9 ~ /残疾/' "$J/persons.csv" | wc -l)
col() { awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' "$TMP/c"; }
t "社区矫正 counts every spelling ($n_corr), 残疾人 both ($n_dis)" \
	test "$(col 社区矫正),$(col 残疾人)" = "$n_corr,$n_dis"
t "the example county has no unknown tag" test "$(col unknown_tag)" = 0

t "the list of the elderly living alone is masked and as long as the count" sh -c '
	pop-report --as-of 2026-10-31 --list alone_elderly "$1/persons.csv" "$2" >"$3/l" 2>/dev/null &&
	! grep -qE "[0-9]{17}[0-9X]" "$3/l" &&
	test "$(($(wc -l <"$3/l") - 1))" = "$4"' - "$J" "$TMP/a.csv" "$TMP" "$(col alone_elderly)"

pop-report --visits "$J/visits.csv" --workers "$J/workers.csv" --month 2026-10 --summary \
	"$J/persons.csv" "$TMP/a.csv" >"$TMP/s" 2>"$TMP/se"
t "visit compliance of October: a row per worker, rates in [0,1]" sh -c '
	test $? -le 1 &&
	test "$(sed 1d "$1" | cut -d, -f3 | grep -c .)" -ge 100 &&
	awk -F, "NR > 1 && (\$10 < 0 || \$10 > 1 || \$8 > \$6) { bad = 1 } END { exit bad }" "$1"' - "$TMP/s"
pop-report --visits "$J/visits.csv" --workers "$J/workers.csv" --month 2026-10 \
	"$J/persons.csv" "$TMP/a.csv" >"$TMP/v" 2>/dev/null
t "the shortfall rows add up to the summary's persons_short" sh -c '
	test "$(($(wc -l <"$1") - 1))" = "$(awk -F, "NR > 1 && !seen[\$2]++ { s += \$5 } END { print s + 0 }" "$2")"' - "$TMP/v" "$TMP/s"
