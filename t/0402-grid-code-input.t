#!/bin/sh
# grid-code: natural block order, input order kept, every row placed or
# rejected, village grouping, persons input, output formats.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/grid-code
R=$D/regions.csv
plan 16

t "blocks in natural order: 1, 2 before 10" sh -c '
	grid-code -R "$1/regions.csv" -G "$2/g.csv" "$1/order.csv" > "$2/o.csv" &&
	awk -F, "NR > 1 { print \$6 }" "$2/g.csv" | tr "\n" " " |
	grep -qx "1号楼;2号楼 10号楼 "' - "$D" "$TMP"
t "households come out in input order" sh -c '
	cut -d, -f1 "$1/order.csv" > "$2/in" && cut -d, -f1 "$2/o.csv" > "$2/out" &&
	cmp "$2/in" "$2/out"' - "$D" "$TMP"
t "input columns are carried through unchanged" sh -c '
	cut -d, -f1-5 "$2/o.csv" | cmp - "$1/order.csv"' - "$D" "$TMP"

# bad rows: rejected, counted, reported; the good ones placed
grid-code -R "$R" -r "$TMP/rej.csv" "$D/bad.csv" > "$TMP/b.csv" 2> "$TMP/b.err"
rc=$?
t "rejected rows: exit status 1" [ "$rc" -eq 1 ]
t "rows in = placed + rejected" sh -c '
	in=$(($(wc -l < "$1/bad.csv") - 1)); out=$(($(wc -l < "$2/b.csv") - 1))
	rej=$(($(wc -l < "$2/rej.csv") - 1))
	[ "$out" -eq 3 ] && [ "$rej" -eq 6 ] && [ $((out + rej)) -eq "$in" ]' - "$D" "$TMP"
t "each reject says file, line, column and why" sh -c '
	grep -q "bad.csv:3: column .village_code.: unknown province 99" "$1" &&
	grep -q "bad.csv:4: column .village_code.:" "$1" &&
	grep -q "bad.csv:5: column .persons.: not a number of persons" "$1" &&
	grep -q "bad.csv:6: column .household_id.: empty" "$1" &&
	grep -q "bad.csv:7: column .household_id.: duplicate household .h1. (line 2)" "$1"' - "$TMP/b.err"
t "a village that comes back after it was written is rejected" sh -c '
	grep -q "bad.csv:9: column .village_code.: village .140824100001. comes back" "$1"' - "$TMP/b.err"
t "full-width village code is folded" grep -q '^h9,.*,140824100002001$' "$TMP/b.csv"
t "-U holds every village: the late row is placed" sh -c '
	grid-code -U -R "$1" "$2" 2>/dev/null | grep -q "^h8,.*,140824100001001$"' - "$R" "$D/bad.csv"

# persons -> households
grid-code -R "$R" -r "$TMP/prej.csv" "$D/persons.csv" > "$TMP/p.csv" 2> "$TMP/p.err"
rc=$?
t "persons: households derived with their size" sh -c '
	[ "$2" -eq 1 ] && test_cmp() { diff -u "$@"; } &&
	printf "%s\n" "household_id,village_code,block,address,persons,grid_code" \
	    "P1,140824100001,3号楼,3-101,2,140824100001001" \
	    "P2,140824100001,3号楼,3-102,1,140824100001001" \
	    "P3,140824100002,1号楼,1-1,2,140824100002001" | diff -u - "$1"' - "$TMP/p.csv" "$rc"
t "persons: a member in another block or village is rejected" sh -c '
	grep -q "persons.csv:5: column .block.: household .P1. is in block .3号楼. (line 2)" "$1" &&
	grep -q "persons.csv:6: column .village_code.: household .P2. is in village .140824100001." "$1"' - "$TMP/p.err"

# output again as input: grid_code replaced, not doubled
t "an input grid_code column is replaced" sh -c '
	grid-code -R "$1" "$2/o.csv" | cmp - "$2/o.csv"' - "$D/regions.csv" "$TMP"
t "-o jsonl: one object a household" sh -c '
	grid-code -R "$1" -o jsonl "$2" | head -1 |
	jq -e ".household_id == \"a1\" and .grid_code == \"140824100001002\"" > /dev/null' - "$R" "$D/order.csv"
t "stdin when no file is given" sh -c '
	grid-code -R "$1" < "$2" | cmp - "$3/o.csv"' - "$R" "$D/order.csv" "$TMP"
t "an empty input (no header line): exit 2, said so" sh -c '
	: > "$2/empty.csv"; grid-code -R "$1" "$2/empty.csv" > "$2/e.out" 2> "$2/e.err"
	[ $? -eq 2 ] && grep -q "empty.csv: empty file: no header line" "$2/e.err"' - "$R" "$TMP"
t "missing columns: exit 2" rc_is 2 sh -c '
	printf "a,b\n1,2\n" | grid-code -R "$1" 2>/dev/null' - "$R"
