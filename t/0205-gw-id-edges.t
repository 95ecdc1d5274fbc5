#!/bin/sh
# gw-id at the edges: help and version, stdin, a closed pipe, a full
# disk, an unwritable rejects file, a 10 MB field, a NUL byte, and the
# count rule: rows in = rows out (valid + invalid) + rows the reader
# rejected, with the rejects file holding every problem row.
. "$(dirname "$0")/lib.sh"

plan 17
cd "$TMP" || exit 2

gw-id -h >h.out 2>h.err
t "-h: usage on stdout, exit 0" sh -c '
	test $0 -eq 0 && grep -q "^usage: gw-id \[-c COL\]" h.out && ! test -s h.err' $?
gw-id --version >v.out
t "--version: exit 0" sh -c 'test $0 -eq 0 && grep -q "^gw-id (gridwork) " v.out' $?

printf 'id_number\n11010519491231002X\n' | gw-id >s.out
t "no operand reads stdin" sh -c 'test $0 -eq 0 &&
	printf "%s\n" id_number,id_valid,id_error,birth,sex,age \
	    11010519491231002X,1,,1949-12-31,female, | diff -u - s.out' $?

awk 'BEGIN { print "name,id_number"
	for (i = 0; i < 50000; i++) print "p" i ",11010519491231002X" }' >big.csv
gw-id big.csv 2>pipe.err | head -1 >pipe.out
t "closed stdout (| head -1): one line, no message" sh -c '
	test "$(cat pipe.out)" = "name,id_number,id_valid,id_error,birth,sex,age" &&
	! test -s pipe.err'

if [ -w /dev/full ]; then
	gw-id big.csv >/dev/full 2>full.err
	t "full disk: exit 2 with a write error" sh -c '
		test $0 -eq 2 && grep -q "^gw-id: write error: stdout: " full.err' $?
else
	skip "no /dev/full"
fi

gw-id -r /nonexistent/dir/rej.csv "$T_DIR/gw-id/people.csv" >/dev/null 2>rej.err
t "unwritable rejects file: exit 2, named" sh -c '
	test $0 -eq 2 && grep -q "/nonexistent/dir/rej.csv" rej.err' $?

# a 10 MB field: a reason, not a crash or a hang
awk 'BEGIN { printf "name,id_number\nhuge,"; s = "1234567890"
	for (i = 0; i < 20; i++) s = s s; printf "%s\n", substr(s, 1, 10485760) }' >huge.csv
gw-id -o jsonl huge.csv >huge.out 2>huge.err
t "10 MB field: exit 1, wrong length 10485760" sh -c '
	test $0 -eq 1 && jq -e ".id_error == \"wrong length 10485760\"" huge.out >/dev/null' $?
gw-id --mask -o jsonl huge.csv 2>/dev/null | jq -r .id_number >huge.mask
t "10 MB field masked: 6 + stars + 4" sh -c '
	test "$(wc -c <huge.mask)" -eq 10485761 &&
	grep -qE "^123456\*+7890$" huge.mask'

printf 'name,id_number\na,11010519491231002X\nb,1101051949\0001231002X\nc,140824199608150039\n' >nul.csv
gw-id nul.csv >nul.out 2>nul.err
t "NUL byte: that row rejected with its line, others pass, exit 1" sh -c '
	test $0 -eq 1 && test "$(wc -l <nul.out)" -eq 3 &&
	grep -q "^gw-id: nul.csv:3: " nul.err' $?

# the count rule, with reader rejects and invalid numbers mixed
cat >mix.csv <<'CSV'
name,id_number
ok1,11010519491231002X
bad1,110105199902300015
ragged,11010519491231002X,extra
ok2,140824199608150039
"unterminated,11010519491231002X
CSV
gw-id -r rej.csv mix.csv >mix.out 2>mix.err
t "mixed problems: exit 1" test $? -eq 1
t "valid and invalid rows passed through, reader rejects not" sh -c '
	test "$(cut -d, -f1 mix.out | tr "\n" " ")" = "name ok1 bad1 ok2 "'
t "every problem on stderr, one line each, then the summary" sh -c '
	test "$(wc -l <mix.err)" -eq 4 && tail -1 mix.err | grep -qx "gw-id: 3 of 5 rows rejected"' 
t "rejects file: header, then the invalid number and the bad rows" sh -c '
	test "$(grep -o "^mix.csv,[0-9]*," rej.csv | tr "\n" " ")" = \
	    "mix.csv,3, mix.csv,4, mix.csv,6, " &&
	head -1 rej.csv | grep -qx "file,line,column,reason,name,id_number"'
t "the invalid number in the rejects file names its column" \
	grep -q '^mix.csv,3,id_number,invalid birth date 19990230,bad1,110105199902300015$' rej.csv

gw-id --as-of 1969-12-31 "$T_DIR/gw-id/people.csv" >/dev/null 2>early.err
t "--as-of before 1970: usage error" sh -c '
	test $0 -eq 2 && grep -q "as-of" early.err' $?

# a usage error found in the second file still writes nothing at all
gw-id -r late.rej "$T_DIR/gw-id/people.csv" "$T_DIR/gw-id/pid.in" \
	>late.out 2>late.err
t "missing column in the second file: exit 2, stdout empty, no rejects file" \
	sh -c 'test $0 -eq 2 && ! test -s late.out && ! test -e late.rej &&
	grep -q "pid.in: no column .id_number." late.err' $?
printf 'name,pid\nx,11010519491231002X\n' |
	gw-id - "$T_DIR/gw-id/people.csv" >pipe2.out 2>pipe2.err
t "stdin with other columns than a named file: exit 2, stdout empty" \
	sh -c 'test $0 -eq 2 && ! test -s pipe2.out &&
	grep -q "^gw-id: stdin: no column" pipe2.err' $?
