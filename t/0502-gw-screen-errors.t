#!/bin/sh
# gw-screen failure paths: rejected rows (flags, scores, grid codes,
# duplicate and empty candidate ids, ragged rows) with the rejects file
# and rows in = rows out + rows rejected; usage errors (missing column,
# missing or bad --as-of, bad -b, --publicity alone, unknown policy)
# exit 2 with nothing on stdout; a full disk; a closed pipe.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
plan 30
A="--as-of 2026-10-08"

gw-screen $A -r "$TMP/rej" bad.csv >"$TMP/out" 2>"$TMP/err"
t "bad rows: exit status 1" test $? -eq 1
t "bad rows: stderr names FILE:LINE: column" test_cmp bad.err "$TMP/err"
t "bad rows: rejects file" test_cmp bad.rej "$TMP/rej"
t "bad rows: good rows still written" test_cmp bad.out "$TMP/out"
t "flag 2 is 'flag must be 0 or 1'" grep -qx \
    "gw-screen: bad.csv:3: column 'party_member': flag must be 0 or 1" "$TMP/err"
t "empty flag is rejected too" grep -q "bad.csv:5: column 'dismissed': flag must be 0 or 1" "$TMP/err"
t "rows in = rows written + rows rejected" test \
    $(($(wc -l <bad.csv) - 1)) -eq $(($(wc -l <"$TMP/out") - 1 + $(wc -l <"$TMP/rej") - 1))

cut -d, -f1-3,5- cands.csv >"$TMP/noedu.csv"
gw-screen $A "$TMP/noedu.csv" >"$TMP/out" 2>"$TMP/err"
t "missing column: exit 2" test $? -eq 2
t "missing column: named, stdout empty" sh -c \
    'grep -q "missing column '\''education'\''" "$1/err" && test ! -s "$1/out"' sh "$TMP"

gw-screen cands.csv >"$TMP/out" 2>"$TMP/err"
t "missing --as-of: exit 2, said, stdout empty" sh -c \
    'test $0 -eq 2 && grep -q "missing --as-of" "$1/err" && test ! -s "$1/out"' $? "$TMP"
gw-screen --as-of 2026-02-30 cands.csv >"$TMP/out" 2>"$TMP/err"
t "bad --as-of: exit 2" sh -c 'test $0 -eq 2 && grep -q "not a date" "$1/err"' $? "$TMP"
gw-screen $A --publicity cands.csv >"$TMP/out" 2>"$TMP/err"
t "--publicity without --vacancies: exit 2" sh -c \
    'test $0 -eq 2 && grep -q "needs --vacancies" "$1/err" && test ! -s "$1/out"' $? "$TMP"
gw-screen $A -p nosuch cands.csv >"$TMP/out" 2>"$TMP/err"
t "unknown policy: exit 2" sh -c 'test $0 -eq 2 && grep -q "nosuch" "$1/err"' $? "$TMP"
gw-screen $A -b nosuch.csv cands.csv >"$TMP/out" 2>"$TMP/err"
t "-b missing file: exit 2, stdout empty" sh -c 'test $0 -eq 2 && test ! -s "$1/out"' $? "$TMP"
gw-screen $A -b vacancies.csv cands.csv >"$TMP/out" 2>"$TMP/err"
t "-b file without id_number: exit 2, named" sh -c \
    'test $0 -eq 2 && grep -q "vacancies.csv: missing column '\''id_number'\''" "$1/err"' $? "$TMP"
gw-screen $A -b D11=dishonest.csv cands.csv >"$TMP/out" 2>"$TMP/err"
t "-b D11=FILE: no such code, exit 2" sh -c 'test $0 -eq 2 && grep -q "D11" "$1/err"' $? "$TMP"
gw-screen $A -b R90=dishonest.csv cands.csv >"$TMP/out" 2>"$TMP/err"
t "-b R90=FILE: reserved, exit 2" sh -c 'test $0 -eq 2 && grep -q "R90 is reserved" "$1/err"' $? "$TMP"
gw-screen $A --month 2026-10 cands.csv >"$TMP/out" 2>"$TMP/err"
t "--month is not an option of gw-screen: exit 2" test $? -eq 2
gw-screen $A --vacancies bad-vacancies.csv -r "$TMP/rej" cands.csv >"$TMP/out" 2>"$TMP/err"
t "bad vacancies rows: exit 1, each named" sh -c '
	test $0 -eq 1 &&
	grep -q "bad-vacancies.csv:3: column '\''grid_code'\'': grid 620102001001001 already listed on line 2" "$1/err" &&
	grep -q "bad-vacancies.csv:5: column '\''vacancies'\''" "$1/err" &&
	grep -q "bad-vacancies.csv:6: column '\''vacancies'\''" "$1/err" &&
	test $(grep -c "^bad-vacancies.csv," "$1/rej") -eq 4' $? "$TMP"
t "bad vacancies: the first row of a grid still counts" sh -c \
    'test $(grep ",620102001001001,.*,1\$" "$1/out" | wc -l) -eq 2' sh "$TMP"

printf 'id_number\n123\n' >"$TMP/bl.csv"
gw-screen $A -b "$TMP/bl.csv" cands.csv >"$TMP/out" 2>"$TMP/err"
t "invalid number in a list: rejected row of the list, exit 1" sh -c \
    'test $0 -eq 1 && grep -q "bl.csv:2: column '\''id_number'\'': wrong length 3" "$1/err"' $? "$TMP"

gw-screen $A cands.csv >/dev/full 2>"$TMP/err"
t "full disk: exit 2" sh -c 'test $0 -eq 2 && grep -q "write error" "$1/err"' $? "$TMP"
gw-screen $A cands.csv 2>"$TMP/err" | head -1 >/dev/null
t "closed pipe: no message but the D10 warnings" sh -c '! grep -v "(D10)" "$1/err"' sh "$TMP"

head -1 cands.csv >"$TMP/empty.csv"
gw-screen $A "$TMP/empty.csv" >"$TMP/out" 2>"$TMP/err"
t "header only: exit 0, header out" sh -c \
    'test $0 -eq 0 && test $(wc -l <"$1/out") -eq 1 && grep -q ",status,reasons,age,priority,total,rank,selected\$" "$1/out"' $? "$TMP"

gw-screen $A -b dishonest.csv --vacancies vacancies.csv <cands.csv >"$TMP/out" 2>/dev/null
t "standard input gives the same output" test_cmp cands.out "$TMP/out"

# two files, the second with its columns in another order
head -24 cands.csv >"$TMP/a.csv"
{ head -1 cands.csv; tail -n +25 cands.csv; } |
    awk -F, -v OFS=, '{ t = $1; $1 = $19; $19 = t; print }' >"$TMP/b.csv"
gw-screen $A -b dishonest.csv --vacancies vacancies.csv "$TMP/a.csv" "$TMP/b.csv" >"$TMP/out" 2>/dev/null
t "two files, columns reordered: same output" test_cmp cands.out "$TMP/out"
if iconv -f UTF-8 -t GB18030 cands.csv >"$TMP/gb.csv" 2>/dev/null; then
	gw-screen $A -b dishonest.csv --vacancies vacancies.csv "$TMP/gb.csv" >"$TMP/out" 2>/dev/null
	t "GB18030 candidates, detected: same output in UTF-8" test_cmp cands.out "$TMP/out"
	gw-screen -E gb18030 $A -b dishonest.csv --vacancies vacancies.csv "$TMP/gb.csv" >"$TMP/out" 2>/dev/null
	t "GB18030 candidates, -E gb18030: same output" test_cmp cands.out "$TMP/out"
else
	skip "iconv cannot write GB18030"; skip "iconv cannot write GB18030"
fi
gw-screen $A -b dishonest.csv --vacancies vacancies.csv cands.out >"$TMP/out" 2>/dev/null
t "screening its own output replaces the seven columns" test_cmp cands.out "$TMP/out"
gw-screen -h >"$TMP/out" 2>"$TMP/err"
t "-h: usage on stdout, exit 0" sh -c \
    'test $0 -eq 0 && grep -q "^usage: gw-screen" "$1/out" && test ! -s "$1/err"' $? "$TMP"
