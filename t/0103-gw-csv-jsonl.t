#!/bin/sh
# gw-csv output formats checked with jq -e and by round trips: JSON
# Lines keys are the header (canonical, or Chinese with --zh), values
# are strings; CSV -> TSV -> CSV and CSV -> CSV give back the same bytes.
. "$(dirname "$0")/lib.sh"
plan 9

cd "$TMP" || exit 2
G=$T_DIR/gw-csv
t "JSON Lines: one object a row, keys from the header, values strings" eval '
	gw-csv -o jsonl "$G/rfc4180.csv" > out &&
	jq -e -s "length == 4 and all(.[]; (keys_unsorted == [\"id\",\"text\",\"n\"]) and all(.[]; type == \"string\"))" out >/dev/null'
t "JSON Lines: quotes, commas and newlines survive" eval '
	jq -e -s ".[0].text == \"a, b\" and .[1].text == \"say \\\"hi\\\"\" and .[2].text == \"two\nlines\" and .[3].n == \"\"" out >/dev/null'
t "JSON Lines: Chinese headers to canonical keys" eval '
	gw-csv -o jsonl "$G/chinese.csv" > out &&
	jq -e "has(\"id_number\") and .name == \"张三\" and .household_id == \"0001\" and .village_code == \"620102001001\"" out >/dev/null'
t "JSON Lines --zh: Chinese keys" eval '
	gw-csv --zh -o jsonl "$G/chinese.csv" > out &&
	jq -e ".\"身份证号\" == \"110105194912310021\" and .\"姓名\" == \"张三\" and .\"村（居）代码\" == \"620102001001\"" out >/dev/null'
t "JSON Lines: codes and IDs stay text" eval '
	gw-csv -o jsonl "$G/spaces.csv" > out &&
	jq -e -s ".[0].code == \"0012\" and .[0].id == \"11010519491231002X\" and .[0].name == \"  padded  \" and .[1].code == \"000001\"" out >/dev/null'
printf 'a,b,c\n"x,\ty",back\\slash,"l1\r\nl2"\n ,\t,=1\n' > rt.csv
t "CSV -> TSV -> CSV gives back the same bytes" eval '
	gw-csv -o tsv rt.csv > rt.tsv && gw-csv -i tsv rt.tsv > back.csv && test_cmp rt.csv back.csv'
t "CSV -> CSV is the identity on a minimally quoted file" eval '
	gw-csv rt.csv > same.csv && test_cmp rt.csv same.csv'
t "--excel: BOM first, CRLF ends" eval '
	gw-csv --excel rt.csv > x.csv && head -c 3 x.csv | od -An -tx1 | grep -q "ef bb bf" &&
	[ $(grep -c "$(printf "\r")\$" x.csv) -eq 4 ]'
t "--excel output read back: formula-like cells as a constant formula, data otherwise the same" eval '
	gw-csv -o jsonl x.csv > x.jsonl &&
	jq -e -s ".[1].c == \"=\\\"=1\\\"\" and .[1].b == \"=\\\"\t\\\"\" and .[0].c == \"l1\r\nl2\" and .[1].a == \" \"" x.jsonl >/dev/null'
