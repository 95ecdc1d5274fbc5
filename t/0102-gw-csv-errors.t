#!/bin/sh
# gw-csv failure paths and the driver's accounting: the rejects file,
# rows in = accepted + rejected, missing files, several inputs, a 10 MB
# field, a closed stdout (quiet), a full disk (exit 2), usage errors.
. "$(dirname "$0")/lib.sh"
plan 24

cd "$TMP" || exit 2
printf 'a,b\n1,2\n3\n"q\nr",s\n4,5,6\n7,"x\0"\n8,9\n' > bad.csv

t "rejects file: header, then file,line,column,reason and the row" eval '
	rc_is 1 gw-csv -r rej.csv bad.csv > out 2> err &&
	cat > exp <<-X &&
	file,line,column,reason,a,b
	bad.csv,3,,"expected 2 fields, found 1",3
	bad.csv,6,,"expected 2 fields, found 3",4,5,6
	bad.csv,7,,NUL byte,7,x
	X
	test_cmp exp rej.csv'
t "accepted rows on stdout" eval '
	printf "a,b\n1,2\n\"q\nr\",s\n8,9\n" > exp && test_cmp exp out'
t "one message a rejected row, naming file and line" eval '
	cat > exp <<-X &&
	gw-csv: bad.csv:3: expected 2 fields, found 1
	gw-csv: bad.csv:6: expected 2 fields, found 3
	gw-csv: bad.csv:7: NUL byte
	gw-csv: 3 of 6 rows rejected
	X
	test_cmp exp err'
t "rows in = accepted + rejected" eval '
	ok=$(gw-csv -o jsonl bad.csv 2>/dev/null | wc -l) &&
	rej=$(gw-csv -r r2.csv bad.csv 2>/dev/null >/dev/null; tail -n +2 r2.csv | wc -l) &&
	[ $ok -eq 3 ] && [ $((ok + rej)) -eq 6 ] || { echo "ok=$ok rej=$rej"; false; }'
t "no rejects: exit 0 and a header-only rejects file" eval '
	printf "a,b\n1,2\n" > good.csv && rc_is 0 gw-csv -r rej0.csv good.csv > out &&
	echo "file,line,column,reason,a,b" > exp && test_cmp exp rej0.csv'
t "an empty input (no header line): exit 2, said so" eval '
	: > empty.csv && rc_is 2 gw-csv bad.csv empty.csv > out 2> err &&
	grep -qx "gw-csv: empty.csv: empty file: no header line" err'
t "a header-only input: no rows, a header-only rejects file, exit 0" eval '
	echo "a,b" > hdr.csv && rc_is 0 gw-csv -r rej2.csv hdr.csv > out 2> err &&
	echo "a,b" > exp && test_cmp exp out &&
	printf "file,line,column,reason,a,b\n" > exp && test_cmp exp rej2.csv'
t "rejects file that cannot be made: exit 2" eval '
	rc_is 2 gw-csv -r nodir/rej.csv bad.csv > out 2> err &&
	grep -q "cannot create rejects file .nodir/rej.csv." err'

t "missing file: exit 2 with a message" eval '
	rc_is 2 gw-csv nope.csv > out 2> err &&
	echo "gw-csv: cannot open '\''nope.csv'\'': No such file or directory" > exp && test_cmp exp err'
t "a directory: exit 2" eval 'mkdir -p d && rc_is 2 gw-csv d > out 2> err && grep -q "^gw-csv: d: read error" err'
t "stdin as -, and as no file" eval '
	printf "a\n1\n" | gw-csv - > o1 && printf "a\n1\n" | gw-csv > o2 && test_cmp o1 o2 &&
	printf "a\n1\n" > exp && test_cmp exp o1'
t "two files, columns matched by name" eval '
	printf "id,name\n1,x\n" > f1.csv && printf "姓名,id\ny,2\n" > f2.csv &&
	gw-csv f1.csv f2.csv > out && printf "id,name\n1,x\n2,y\n" > exp && test_cmp exp out'
t "second file lacks a column: exit 2 naming it" eval '
	printf "id\n3\n" > f3.csv && rc_is 2 gw-csv f1.csv f3.csv > out 2> err &&
	grep -q "f3.csv: no column .name." err'
t "second file has an extra column: exit 2 naming it" eval '
	printf "id,name,extra\n3,z,e\n" > f4.csv && rc_is 2 gw-csv f1.csv f4.csv > out 2> err &&
	grep -q "f4.csv: column .extra. is not in f1.csv" err'
t "-c with two files" eval '
	gw-csv -c name f1.csv f4.csv > out && printf "name\nx\nz\n" > exp && test_cmp exp out'
t "duplicate columns after mapping: exit 2" eval '
	printf "name,姓名\n1,2\n" > dup.csv && rc_is 2 gw-csv dup.csv > out 2> err &&
	grep -q "dup.csv:1: duplicate column .name." err'

awk "BEGIN { printf \"a,b\\n1,\\\"\"; for (i = 0; i < 170000; i++) printf \"%s\", \"0123456789abcdefghijklmnopqrstuvwxyz,\\\"\\\"ABCDEFGHIJKLMNOPQRSTUVW\\n\"; printf \"\\\"\\n2,3\\n\" }" > big.csv
# 170000 lines of 62 characters once decoded: 10540000 bytes
t "a 10 MB field" eval '
	gw-csv -o jsonl big.csv > out && [ $(wc -l < out) -eq 2 ] &&
	jq -e -s "length == 2 and (.[0].b | length) == 10540000 and .[1].a == \"2\"" out >/dev/null'
t "the line after a 10 MB quoted field" eval '
	printf "x\n" >> big.csv && rc_is 1 gw-csv big.csv > /dev/null 2> err &&
	grep -q "big.csv:170004: expected 2 fields, found 1" err'

awk 'BEGIN { print "a,b"; for (i = 0; i < 200000; i++) print i ",\"row " i "\"" }' > many.csv
t "closed stdout (| head -1): no message" eval '
	gw-csv many.csv 2> err | head -1 > out && echo a,b > exp && test_cmp exp out && ! test -s err'
if [ -w /dev/full ]; then
	t "full disk (> /dev/full): exit 2 and a message" eval '
		rc_is 2 gw-csv many.csv > /dev/full 2> err &&
		grep -q "write error: stdout: No space left on device" err'
else
	skip "no /dev/full"
fi
t "-h: usage on stdout, exit 0" eval 'rc_is 0 gw-csv -h > out && grep -q "^usage: gw-csv" out'
t "--version" eval 'rc_is 0 gw-csv --version > out && grep -q "^gw-csv (gridwork) " out'
t "unknown option: usage on stderr, exit 2" eval '
	rc_is 2 gw-csv -Z good.csv > out 2> err && grep -q "^usage: gw-csv" err && ! test -s out'
t "-c with an empty name: usage error" eval 'rc_is 2 gw-csv -c a, good.csv > out 2> err'
