#!/bin/sh
# The month's pipeline shown in README.md runs as written, on the example
# county, with the census given as a GB18030 sheet (人口登记.csv) as an
# office would get it from Excel.
. "$(dirname "$0")/lib.sh"

plan 4
ex=$TOP/examples/jishan
mkdir "$TMP/m" && cd "$TMP/m" || exit 2
iconv -f UTF-8 -t GB18030 "$ex/persons.csv" >人口登记.csv &&
cp "$TOP/examples/regions-140824.csv" regions.csv &&
for f in units households events case_log workers patrols visits logins \
    trainings rewards; do cp "$ex/$f.csv" .; done || exit 2

# the indented block under "## A month", continuation lines joined
awk '/^## A month/ { on = 1; next } /^## / { on = 0 } on && /^    / { sub(/^    /, ""); print }' \
	"$TOP/README.md" >cmds.sh
t "the README shows a pipeline of at least eight commands" \
	test "$(grep -c '^[a-z]' cmds.sh)" -ge 8

sh -e cmds.sh >out 2>err
rc=$?
t "it runs as written and exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' err | tail -10

t "the store got the census from the GB18030 sheet, every row" sh -c '
	test "$(sqlite3 gw.db "SELECT count(*) FROM persons")" -eq \
		"$(($(wc -l <"$1") - 1))"' sh "$ex/persons.csv"

t "it ends with a pay sheet for every worker" sh -c '
	test "$(sed 1d pay.csv | wc -l)" -eq "$(sed 1d workers.csv | wc -l)"'
