#!/bin/sh
# gw-screen -b: the code of a list from CODE=, from the policy's
# list.STEM, or the policy's default; R-code lists send to review; lists
# with Chinese headers, in TSV and in GB18030 are read like candidates.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
plan 9
A="--as-of 2026-10-08"
st() { awk -F, -v id="$2" '$1 == id { print $(NF-6) "," $(NF-5) }' "$1"; }

gw-screen $A -b D1=criminal.csv cands.csv >"$TMP/out" 2>/dev/null
t "-b D1=FILE: a hit is D1" test "$(st "$TMP/out" C029)" = "ineligible,D1"
gw-screen $A -b criminal.csv cands.csv >"$TMP/out" 2>/dev/null
t "-b criminal.csv: list.criminal = D1 in the policy" test "$(st "$TMP/out" C029)" = "ineligible,D1"
cp criminal.csv "$TMP/other.csv"
gw-screen $A -b "$TMP/other.csv" cands.csv >"$TMP/out" 2>/dev/null
t "-b other.csv: the policy's default code, D7" test "$(st "$TMP/out" C029)" = "ineligible,D7"
gw-screen $A -b R30=criminal.csv cands.csv >"$TMP/out" 2>/dev/null
t "-b R30=FILE: a hit goes to review" test "$(st "$TMP/out" C029)" = "review,R30"
gw-screen $A -b dishonest.csv -b D1=criminal.csv -b R30=criminal.csv cands.csv >"$TMP/out" 2>/dev/null
t "several lists: every code that hits is listed" test "$(st "$TMP/out" C029)" = "ineligible,D1;R30"
t "several lists: D7 list still applies" test "$(st "$TMP/out" C008)" = "ineligible,D7"

sed '1s/.*/身份证号,姓名,案号/' criminal.csv >"$TMP/zh.csv"
gw-screen $A -b D1="$TMP/zh.csv" cands.csv >"$TMP/out" 2>"$TMP/err"
t "Chinese header 身份证号" test "$(st "$TMP/out" C029)" = "ineligible,D1"
tr ',' '\t' <criminal.csv >"$TMP/crim.tsv"
gw-screen $A -b D1="$TMP/crim.tsv" cands.csv >"$TMP/out" 2>/dev/null
t "a TSV list" test "$(st "$TMP/out" C029)" = "ineligible,D1"
if iconv -f UTF-8 -t GB18030 criminal.csv >"$TMP/gb.csv" 2>/dev/null; then
	gw-screen $A -b D1="$TMP/gb.csv" cands.csv >"$TMP/out" 2>/dev/null
	t "a GB18030 list, detected" test "$(st "$TMP/out" C029)" = "ineligible,D1"
else
	skip "iconv cannot write GB18030"
fi
