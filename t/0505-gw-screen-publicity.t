#!/bin/sh
# gw-screen --publicity: the selected candidates only, by grid and rank,
# with exactly name, masked id_number, grid_code, total and rank; no
# identity number of any candidate, in 18 or 15 digits, appears in it in
# any output format.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
plan 12
P="--as-of 2026-10-08 -b dishonest.csv --vacancies vacancies.csv --publicity"

gw-screen $P cands.csv >"$TMP/pub" 2>/dev/null
t "exit status 0" test $? -eq 0
t "golden notice" test_cmp notice.out "$TMP/pub"
t "exactly the five columns" test "$(head -1 "$TMP/pub")" = "name,id_number,grid_code,total,rank"
t "every id_number masked as 6 + 8 stars + 4" sh -c \
    'tail -n +2 "$1" | cut -d, -f2 | grep -Evx "[0-9]{6}\*{8}[0-9]{3}[0-9X]" && exit 1; exit 0' sh "$TMP/pub"
t "no run of 16 or more digits anywhere" sh -c '! grep -E "[0-9]{16}" "$1"' sh "$TMP/pub"

# every candidate's number, as written, upper-cased, and in 15 digits
awk -F, 'NR > 1 { print $2; print toupper($2)
	if (length($2) == 18) print substr($2, 1, 6) substr($2, 9, 9) }' cands.csv |
    sort -u >"$TMP/ids"
t "no candidate's number in any form" sh -c '! grep -F -f "$1/ids" "$1/pub"' sh "$TMP"

gw-screen --as-of 2026-10-08 -b dishonest.csv --vacancies vacancies.csv cands.csv >"$TMP/all" 2>/dev/null
t "as many rows as candidates selected" test \
    $(($(wc -l <"$TMP/pub") - 1)) -eq "$(awk -F, 'NR > 1 && $NF == 1' "$TMP/all" | wc -l)"
t "no flag, remark or score column leaks" sh -c \
    '! grep -E "拘留|失信|助理社会工作师|85\.5" "$1"' sh "$TMP/pub"

if command -v jq >/dev/null; then
	gw-screen $P -o jsonl cands.csv 2>/dev/null >"$TMP/pub.jsonl"
	t "jsonl: every object has exactly the five keys" jq -e -s \
	    'length == 9 and all(.[]; (keys | sort) == ["grid_code","id_number","name","rank","total"])' "$TMP/pub.jsonl"
	t "jsonl: masked numbers only" jq -e -s \
	    'all(.[]; .id_number | test("^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$"))' "$TMP/pub.jsonl"
else
	skip "jq not installed"; skip "jq not installed"
fi
gw-screen $P --excel cands.csv 2>/dev/null >"$TMP/pub.xls.csv"
t "--excel: BOM, CRLF and still masked" sh -c '
	head -c 3 "$1" | od -An -tx1 | grep -q "ef bb bf" &&
	grep -q "$(printf "\r")\$" "$1" && ! grep -E "[0-9]{16}" "$1"' sh "$TMP/pub.xls.csv"
gw-screen $P -o tsv --zh cands.csv 2>/dev/null >"$TMP/pub.tsv"
t "tsv --zh: still masked" sh -c '! grep -F -f "$1/ids" "$1/pub.tsv" && ! grep -E "[0-9]{16}" "$1/pub.tsv"' sh "$TMP"
