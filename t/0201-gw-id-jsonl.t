#!/bin/sh
# gw-id -o jsonl: one object a row, keys = the header, asserted with jq.
. "$(dirname "$0")/lib.sh"

plan 10
cd "$T_DIR/gw-id" || exit 2

gw-id -o jsonl --as-of 2026-10-31 people.csv >"$TMP/p.jsonl" 2>"$TMP/p.err"
t "exit status 1 with invalid numbers" test $? -eq 1
t "one object per input row" test "$(jq -s length "$TMP/p.jsonl")" -eq 5
t "keys are the header plus the appended columns" jq -e -s \
	'all(.[]; keys_unsorted == ["name","id_number","id_valid","id_error",
	    "birth","sex","age"])' "$TMP/p.jsonl"
t "11010519491231002X: valid female born 1949-12-31, age 76" jq -e -s \
	'.[0] | .id_valid == "1" and .id_error == "" and
	    .birth == "1949-12-31" and .sex == "female" and .age == "76"' \
	"$TMP/p.jsonl"
t "15 digits valid, written as read without --upgrade" jq -e -s \
	'.[1] | .id_valid == "1" and .id_number == "110105491231002"' \
	"$TMP/p.jsonl"
t "19990230 invalid, no birth, sex or age" jq -e -s \
	'.[2] | .id_valid == "0" and .id_error == "invalid birth date 19990230"
	    and .birth == "" and .sex == "" and .age == ""' "$TMP/p.jsonl"
t "male at 30" jq -e -s '.[3] | .sex == "male" and .age == "30"' \
	"$TMP/p.jsonl"
t "two invalid, two lines on stderr and the summary" sh -c '
	test "$(jq -s "map(select(.id_valid == \"0\")) | length" "$1")" -eq 2 &&
	test "$(wc -l <"$2")" -eq 3 && tail -1 "$2" | grep -q "^gw-id: 2 of [0-9]* rows rejected$"' sh "$TMP/p.jsonl" "$TMP/p.err"

gw-id -o jsonl --upgrade --as-of 2026-10-31 valid.in >"$TMP/v.jsonl" 2>&1
t "all valid: exit 0" test $? -eq 0
t "--upgrade: every number 18 characters, X upper-case" jq -e -s \
	'all(.[]; .id_number | test("^[0-9]{17}[0-9X]$"))' "$TMP/v.jsonl"
