#!/bin/sh
# pop-report bad input: every row is accepted or rejected (FILE:LINE:
# column 'x': reason, the -r file, exit 1): invalid identity numbers,
# households not in the assignment, a village other than the grid's, an
# identity number given twice; a household split across two grids is
# rejected in the assignment and counted in its first grid only.  Usage
# errors exit 2 with nothing on stdout.
. "$(dirname "$0")/lib.sh"
plan 16

cat >"$TMP/a.csv" <<'X'
household_id,village_code,grid_code
H1,140824100200,140824100200001
H2,140824100200,140824100200001
H3,140824100200,140824100200002
H3,140824100200,140824100200001
H2,140824100200,140824100200001
H4,140824100200,14082410020000
X
cat >"$TMP/p.csv" <<'X'
id_number,name,household_id,relation,village_code,block,address,phone,tags
140824198001010318,a,H1,户主,140824100200,一组,1号,,
140824198001010319,b,H1,配偶,140824100200,一组,1号,,
140824197005050339,c,H9,户主,140824100200,一组,3号,,
140824198507070342,d,H2,户主,140824100201,一组,4号,,
140824198001010318,a2,H2,户主,140824100200,一组,1号,,
140824196601010355,e,H3,户主,,一组,4号,,
140824198001010326,f,H3,配偶,140824100200,一组,4号,,
X
pop-report --as-of 2026-10-31 -r "$TMP/rej.csv" "$TMP/p.csv" "$TMP/a.csv" >"$TMP/o" 2>"$TMP/e"
rc=$?
t "rejected rows make exit status 1" test $rc -eq 1
cat >"$TMP/want" <<X
pop-report: $TMP/a.csv:5: column 'grid_code': household 'H3' split across grids: already in 140824100200002
pop-report: $TMP/a.csv:6: column 'household_id': household 'H2' listed twice
pop-report: $TMP/a.csv:7: column 'grid_code': grid code must have 15 digits, found 14
pop-report: $TMP/p.csv:3: column 'id_number': bad check character 9, expected 8
pop-report: $TMP/p.csv:4: column 'household_id': household 'H9' is not in the assignment
pop-report: $TMP/p.csv:5: column 'village_code': household is in grid 140824100200001 of village 140824100200
pop-report: $TMP/p.csv:6: column 'id_number': identity number given twice
X
t "each rejected row is said with file, line, column and reason" sh -c '
	grep -v "rows rejected\$\|persons with unknown tags;" "$1/e" | diff -u "$1/want" -' - "$TMP"
t "the rejects file holds the seven rows" test "$(sed 1d "$TMP/rej.csv" | wc -l)" -eq 7
t "rows in = accepted + rejected, in the summary" \
	grep -q "^pop-report: 7 of 13 rows rejected\$" "$TMP/e"
t "the summary says what was counted but not rejected" \
	grep -q "^pop-report: 0 persons with unknown tags; 1 households split across grids; 1 households without persons\$" "$TMP/e"
t "the split household counts once, in its first grid" sh -c '
	cut -d, -f1,3,4 "$1/o" | diff -u - "$2"' - "$TMP/o" /dev/stdin <<'X'
area_code,households,residents
140824100200001,1,1
140824100200002,1,2
X
t "an empty village_code is no mismatch" sh -c 'sed -n 3p "$1" | grep -q "^140824100200002,grid,1,2,"' - "$TMP/o"

cat >"$TMP/good.csv" <<'X'
id_number,name,household_id,relation,village_code,block,address,phone,tags
140824198001010318,a,H1,户主,140824100200,一组,1号,,
X
t "missing --as-of is a usage error" sh -c '
	pop-report "$1/good.csv" "$1/a.csv" >"$1/o" 2>"$1/e"; test $? -eq 2 && test ! -s "$1/o" &&
	grep -q "missing --as-of" "$1/e"' - "$TMP"
t "--by with an unknown level is a usage error" sh -c '
	pop-report --as-of 2026-10-31 --by city "$1/good.csv" "$1/a.csv" >"$1/o" 2>&1; test $? -eq 2'  - "$TMP"
t "one operand is a usage error" sh -c '
	pop-report --as-of 2026-10-31 "$1/good.csv" >"$1/o" 2>&1; test $? -eq 2 && grep -q "^usage:" "$1/o"' - "$TMP"
t "--list of no tag is an error" sh -c '
	pop-report --as-of 2026-10-31 --list 外星人 "$1/good.csv" "$1/a.csv" >"$1/o" 2>"$1/e"; test $? -eq 2 &&
	grep -q "no tag of policy" "$1/e"' - "$TMP"
t "a bad --as-of is an error" sh -c '
	pop-report --as-of 2026-13-01 "$1/good.csv" "$1/a.csv" >/dev/null 2>&1; test $? -eq 2' - "$TMP"
printf 'household_id,name\nH1,x\n' >"$TMP/nogrid.csv"
t "an assignment without grid_code is an error naming the column" sh -c '
	pop-report --as-of 2026-10-31 "$1/good.csv" "$1/nogrid.csv" >"$1/o" 2>"$1/e"; test $? -eq 2 &&
	grep -q "nogrid.csv: missing column .grid_code.$" "$1/e"' - "$TMP"
printf 'name,household_id\nx,H1\n' >"$TMP/noid.csv"
t "persons without id_number is an error naming the column" sh -c '
	pop-report --as-of 2026-10-31 "$1/noid.csv" "$1/a.csv" >"$1/o" 2>"$1/e"; test $? -eq 2 &&
	grep -q "noid.csv: missing column .id_number.$" "$1/e"' - "$TMP"
t "a birth date after --as-of is rejected" sh -c '
	pop-report --as-of 1979-12-31 "$1/good.csv" "$1/a.csv" >/dev/null 2>"$1/e"; test $? -eq 1 &&
	grep -q "good.csv:2: column .id_number.: birth date 1980-01-01 after reference date 1979-12-31" "$1/e"' - "$TMP"

printf 'id_number,household_id\n14082419960909047X,H1\n14082419960909047x,H1\n' >"$TMP/x.csv"
t "the same number with a lower-case x is a duplicate" sh -c '
	pop-report --as-of 2026-10-31 "$1/x.csv" "$1/a.csv" >/dev/null 2>"$1/e"; test $? -eq 1 &&
	grep -q "x.csv:3: column .id_number.: identity number given twice" "$1/e"' - "$TMP"
