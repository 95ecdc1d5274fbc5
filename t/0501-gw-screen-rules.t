#!/bin/sh
# gw-screen rules on t/gw-screen/cands.csv (its note column says what
# each row is for): every disqualification alone and together, age 18,
# 60 and 61 at the reference date and a day either side, blacklist hits
# by 15-digit and lower-case-x numbers on either side, remarks with and
# without their flag, ties on total and priority, rounding, vacancies
# larger than the eligible pool.  Each row's verdict is checked on its
# own, then the whole output against the golden cands.out / cands.err.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
cat >"$TMP/want" <<'W'
C001 eligible  36 3 87.75 2 0
C002 ineligible D1 36 0 80.00 - 0
C003 ineligible D2 36 0 80.00 - 0
C004 ineligible D3 36 0 80.00 - 0
C005 ineligible D4 36 0 80.00 - 0
C006 ineligible D5 36 0 80.00 - 0
C007 ineligible D6 36 0 80.00 - 0
C008 ineligible D7 36 0 80.00 - 0
C009 ineligible D8 17 0 80.00 - 0
C010 ineligible D9 36 0 80.00 - 0
C011 ineligible D10 - 0 80.00 - 0
C012 ineligible D1;D4;D6;D9 36 0 80.00 - 0
C013 ineligible D1;D2;D3;D4;D5;D6;D7;D8;D9 61 0 80.00 - 0
C014 ineligible D1;D2;D3;D4;D5;D6;D9;D10;R8 - 0 80.00 - 0
C015 eligible  18 0 80.00 1 1
C016 eligible  18 0 80.00 2 1
C017 eligible  60 0 80.00 3 1
C018 eligible  59 0 80.00 4 1
C019 eligible  60 0 80.00 5 1
C020 ineligible D8 61 0 80.00 - 0
C021 eligible  60 0 80.00 6 1
C022 ineligible D8 61 0 80.00 - 0
C023 ineligible D7 38 0 80.00 - 0
C024 ineligible D7 39 0 80.00 - 0
C025 ineligible D7 51 0 80.00 - 0
C026 ineligible D7 50 0 80.00 - 0
C027 review R4 36 0 80.00 - 0
C028 ineligible D4 36 0 80.00 - 0
C029 eligible  36 0 80.00 3 0
C030 review R8 36 0 80.00 - 0
C031 review R7 36 0 80.00 - 0
C032 ineligible D7 36 0 80.00 - 0
C033 review R1;R5 36 0 80.00 - 0
C034 review R90 36 0 80.00 - 0
C035 review R90 36 0 80.00 - 0
C036 eligible  36 2 80.00 2 1
C037 eligible  36 1 80.00 4 0
C038 eligible  36 2 80.00 3 0
C039 eligible  36 0 79.99 5 0
C040 eligible  36 0 87.88 1 1
C041 eligible  36 0 0.01 6 0
C042 eligible  36 0 - - 0
C043 review R91 46 0 80.00 - 0
C044 review R91 46 0 80.00 - 0
C045 eligible  26 0 90.00 1 1
W
plan $(($(wc -l <"$TMP/want") + 5))

gw-screen --as-of 2026-10-08 -b dishonest.csv --vacancies vacancies.csv \
    cands.csv >"$TMP/out" 2>"$TMP/err"
t "exit status 0 (ineligible and review are not rejects)" test $? -eq 0

# candidate_id status reasons age priority total rank selected, '-' for
# empty; the fixture has no quoted fields, so splitting at ',' is exact
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	{ printf "%s", $h["candidate_id"]
	  n = split("status reasons age priority total rank selected", c, " ")
	  for (i = 1; i <= n; i++) { v = $h[c[i]]; printf " %s", v == "" && c[i] != "reasons" ? "-" : v }
	  printf "\n" }' "$TMP/out" >"$TMP/got"
while read -r id rest; do
	got=$(grep "^$id " "$TMP/got")
	t "$id: $(grep "^$id," cands.csv | awk -F, '{ print $NF }')" \
	    test "$got" = "$id $rest"
done <"$TMP/want"

cut -d, -f1 cands.csv >"$TMP/ids.in"
cut -d, -f1 "$TMP/out" >"$TMP/ids.out"
t "every candidate written once, in input order" test_cmp "$TMP/ids.in" "$TMP/ids.out"
t "input columns carried through unchanged" sh -c \
    'cut -d, -f1-20 "$1" | diff cands.csv -' sh "$TMP/out"
t "D10 reasons on stderr with the library's reason" grep -q \
    "^gw-screen: cands.csv:12: column 'id_number': invalid identity number (D10): bad check character" "$TMP/err"
t "golden output and stderr" sh -c 'diff -u cands.out "$1/out" && diff -u cands.err "$1/err"' sh "$TMP"
