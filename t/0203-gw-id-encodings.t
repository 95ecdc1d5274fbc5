#!/bin/sh
# gw-id on what Excel and WPS write on a Chinese desktop: GB18030 with a
# Chinese header 身份证号 (made here with iconv), GBK trail bytes that
# are '\' and '|' (淺 億), full-width digits; and UTF-16 as Notepad
# writes it.  The output is UTF-8 and equal to that of the UTF-8 file.
. "$(dirname "$0")/lib.sh"

plan 11
cd "$TMP" || exit 2

cat >u8.csv <<'CSV'
姓名,身份证号,备注
张三,11010519491231002x,组长
李淺,１１０１０５４９１２３１００２,淺|億\
王億,110105199902300015,
CSV
cat >want.csv <<'CSV'
name,id_number,remarks,id_valid,id_error,birth,sex,age
张三,11010519491231002X,组长,1,,1949-12-31,female,76
李淺,11010519491231002X,淺|億\,1,,1949-12-31,female,76
王億,110105199902300015,,0,invalid birth date 19990230,,,
CSV
if ! iconv -f UTF-8 -t GB18030 u8.csv >gb.csv 2>/dev/null; then
	skip "iconv has no GB18030"; exit 0
fi
t "the GB18030 file is not UTF-8 and has '\\' and '|' trail bytes" sh -c '
	! iconv -f UTF-8 -t UTF-8 gb.csv >/dev/null 2>&1 &&
	grep -q "\\\\" gb.csv && grep -q "|" gb.csv'

gw-id --upgrade --as-of 2026-10-31 u8.csv >u8.out 2>u8.err
t "UTF-8 input: exit 1 for the invalid number" test $? -eq 1
t "UTF-8 input: rows as expected" test_cmp want.csv u8.out

gw-id --upgrade --as-of 2026-10-31 gb.csv >gb.out 2>gb.err
t "GB18030 detected: exit 1" test $? -eq 1
t "GB18030 detected: same output as UTF-8" test_cmp want.csv gb.out
t "GB18030: the invalid row named by file and line" test_cmp - gb.err <<'ERR'
gw-id: gb.csv:4: column 'id_number': invalid birth date 19990230
gw-id: 1 of 3 rows rejected
ERR

gw-id -E gb18030 -c 身份证号 --upgrade --as-of 2026-10-31 gb.csv \
	>gbe.out 2>/dev/null
t "-E gb18030 -c 身份证号: same output" test_cmp want.csv gbe.out

gw-id -E gb18030 --zh --mask gb.csv >zh.out 2>/dev/null
t "--zh: Chinese header back, numbers masked" sh -c '
	head -1 zh.out | grep -q "^姓名,身份证号," &&
	sed -n 3p zh.out | grep -q "^李淺,110105\*\*\*\*\*\*\*\*002X,"'

gw-id -E utf-8 gb.csv >bad.out 2>bad.err
t "GB18030 forced as UTF-8: the header is an error at line 1, exit 2" sh -c '
	test $0 -eq 2 && grep -q "^gw-id: gb.csv:1: " bad.err' $?

if iconv -f UTF-8 -t UTF-16 u8.csv >u16.csv 2>/dev/null; then
	gw-id --upgrade --as-of 2026-10-31 u16.csv >u16.out 2>/dev/null
	t "UTF-16 with BOM: exit 1" test $? -eq 1
	t "UTF-16 with BOM: same output" test_cmp want.csv u16.out
else
	skip "iconv has no UTF-16"; skip "iconv has no UTF-16"
fi
