#!/bin/sh
# The EXAMPLES of gridwork(7) run as written: each .Dl line is a command,
# run where a GB18030 census sheet 人口.csv waits, as Excel writes it.
. "$(dirname "$0")/lib.sh"

plan 4
page=$TOP/man/gridwork.7
mkdir "$TMP/m" && cd "$TMP/m" || exit 2
iconv -f UTF-8 -t GB18030 "$TOP/examples/jishan/persons.csv" >人口.csv || exit 2
awk '/^\.Sh / { ex = ($2 == "EXAMPLES") } ex && /^\.Dl / { sub(/^\.Dl /, ""); print }' \
	"$page" >cmds.sh
t "the page has two examples" test "$(grep -c . cmds.sh)" -eq 2
t "they run as written" sh -e cmds.sh
t "the converted census is UTF-8 with canonical headers, every row" sh -c '
	head -1 persons.csv | grep -q "^id_number,name,household_id," &&
	test "$(wc -l <persons.csv)" -eq "$(wc -l <"$1")"' sh "$TOP/examples/jishan/persons.csv"
t "every identity number checks, so the rejects file is empty" sh -c '
	test "$(sed 1d bad.csv | wc -l)" -eq 0 &&
	test "$(sed 1d checked.csv | wc -l)" -eq "$(sed 1d persons.csv | wc -l)"'
