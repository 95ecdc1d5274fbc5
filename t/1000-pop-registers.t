#!/bin/sh
# pop-report registers: counts per grid, village, township and county
# from a hand-made census (t/pop-report/persons.csv: birthdays on and one
# day after --as-of at 18, 60 and 80; one-person households at 59 and
# 60; sex from the sequence digit) against golden files; the same census
# a day earlier moves every boundary person down a band.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pop-report
plan 12

for by in grid village township county; do
	t "--by $by matches the golden file" sh -c '
		pop-report --as-of 2026-10-31 --by "$1" "$2/persons.csv" \
			"$2/assignment.csv" >"$3/out" 2>"$3/err" &&
		diff -u "$2/$1.out" "$3/out"' - "$by" "$D" "$TMP"
done

t "without --by the registers are per grid" sh -c '
	pop-report --as-of 2026-10-31 "$1/persons.csv" "$1/assignment.csv" \
		2>/dev/null | diff -u "$1/grid.out" -' - "$D"

# columns: area_code,households,residents,male,female, the four bands,
# alone_elderly, households_80_plus
cat >"$TMP/day-before" <<'X'
area_code,households,residents,male,female,age_0_17,age_18_59,age_60_79,age_80_plus,alone_elderly,households_80_plus
140824100200001,2,3,2,1,2,1,0,0,0,0
140824100200002,1,1,1,0,0,1,0,0,0,0
140824100201001,1,2,1,1,0,0,2,0,0,0
140824101210001,2,3,2,1,0,3,0,0,0,0
X
t "a day before the birthdays: 17, 59 (not alone elderly), 79 (no 80+ household)" sh -c '
	pop-report --as-of 2026-10-30 "$1/persons.csv" "$1/assignment.csv" \
		2>/dev/null | cut -d, -f1,3-10,24,25 | diff -u "$2/day-before" -' - "$D" "$TMP"

t "--as-of with a time of day is the same day" sh -c '
	pop-report --as-of "2026-10-31 23:59" "$1/persons.csv" "$1/assignment.csv" \
		2>/dev/null | diff -u "$1/grid.out" -' - "$D"

t "a clean run says nothing on stderr" sh -c '
	pop-report --as-of 2026-10-31 "$1/persons.csv" "$1/assignment.csv" \
		2>&1 >/dev/null | wc -c | grep -qx 0' - "$D"

t "a policy with other bands and ages changes the columns" sh -c '
	printf "include = gansu\n[pop]\nage_bands = 0-59 60+\nalone_age = 59\nold_age = 79\n" >"$2/p.conf" &&
	pop-report -p "$2/p.conf" --as-of 2026-10-31 --by county "$1/persons.csv" \
		"$1/assignment.csv" 2>/dev/null >"$2/o" &&
	head -1 "$2/o" | grep -q "^area_code,area_level,households,residents,male,female,age_0_59,age_60_plus,社区矫正,.*,alone_elderly,households_79_plus\$" &&
	test "$(sed -n 2p "$2/o" | cut -d, -f7,8)" = "6,3" &&
	test "$(sed -n 2p "$2/o" | awk -F, "{ print \$(NF-1), \$NF }")" = "2 1"' - "$D" "$TMP"

t "overlapping age bands are a policy error (exit 2)" sh -c '
	printf "include = gansu\n[pop]\nage_bands = 0-17 10-20\n" >"$2/b.conf" &&
	pop-report -p "$2/b.conf" --as-of 2026-10-31 "$1/persons.csv" "$1/assignment.csv" \
		>"$2/o" 2>"$2/e"; test $? -eq 2 && test ! -s "$2/o" && grep -q "age band 10-20 overlaps another" "$2/e"' - "$D" "$TMP"
t "a malformed age band is named in the error" sh -c '
	printf "include = gansu\n[pop]\nage_bands = 0-17 18-x\n" >"$2/b.conf" &&
	pop-report -p "$2/b.conf" --as-of 2026-10-31 "$1/persons.csv" "$1/assignment.csv" \
		>/dev/null 2>"$2/e"; test $? -eq 2 && grep -q "age band .18-x. is neither" "$2/e"' - "$D" "$TMP"

t "persons in another order than the assignment give the same registers" sh -c '
	{ head -1 "$1/persons.csv"; sed 1d "$1/persons.csv" | sort -r; } >"$2/rev.csv" &&
	pop-report --as-of 2026-10-31 "$2/rev.csv" "$1/assignment.csv" 2>/dev/null |
	diff -u "$1/grid.out" -' - "$D" "$TMP"
