#!/bin/sh
# gw-csv and encodings: UTF-8 BOM (also before a quoted header), GB18030
# made with iconv (detected, and with -E), UTF-16 with a BOM (little- and
# big-endian, as Notepad writes) and without (-E utf-16), invalid UTF-8,
# a NUL byte.
. "$(dirname "$0")/lib.sh"
plan 16

cd "$TMP" || exit 2
printf '身份证号,姓名,户号\n110105194912310021,张三,0001\n110105194912310021,李四,0002\n' > zh.csv
printf 'id_number,name,household_id\n110105194912310021,张三,0001\n110105194912310021,李四,0002\n' > want.csv

iconv -f UTF-8 -t GB18030 zh.csv > gb.csv
t "GB18030 made by iconv is not UTF-8" eval '! iconv -f UTF-8 -t UTF-8 gb.csv >/dev/null 2>&1'
t "GB18030 detected; Chinese headers to canonical" eval 'gw-csv gb.csv > out && test_cmp want.csv out'
t "GB18030 with -E gb18030, from stdin" eval 'gw-csv -E gb18030 < gb.csv > out && test_cmp want.csv out'
t "GB18030 with -E gbk" eval 'gw-csv -E gbk gb.csv > out && test_cmp want.csv out'
# a GBK trail byte that is '\' (0x5C): 癨 is D0 5C... use 乗 (81 5C)
printf 'a,b\n1,\201\134x\n' > trail.csv
t "a GBK trail byte 0x5C is not taken for a backslash in TSV output" \
	eval 'gw-csv -E gb18030 -o tsv trail.csv > out && printf "a\tb\n1\t$(printf "\201\134" | iconv -f GB18030 -t UTF-8)x\n" > exp && test_cmp exp out'

printf '\357\273\277' > bom.csv; cat zh.csv >> bom.csv
t "UTF-8 BOM skipped" eval 'gw-csv bom.csv > out && test_cmp want.csv out'
printf '\357\273\277"身份证号",姓名,户号\n1,2,3\n' > bomq.csv
t "UTF-8 BOM before a quoted header" eval 'gw-csv -c id_number bomq.csv > out && printf "id_number\n1\n" > exp && test_cmp exp out'

iconv -f UTF-8 -t UTF-16 zh.csv > u16.csv
t "UTF-16 with BOM (iconv)" eval 'gw-csv u16.csv > out && test_cmp want.csv out'
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE zh.csv; } > u16le.csv
t "UTF-16LE with BOM" eval 'gw-csv u16le.csv > out && test_cmp want.csv out'
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE zh.csv; } > u16be.csv
t "UTF-16BE with BOM" eval 'gw-csv u16be.csv > out && test_cmp want.csv out'
iconv -f UTF-8 -t UTF-16LE zh.csv > u16nb.csv
t "UTF-16LE without BOM with -E utf-16" eval 'gw-csv -E utf-16 u16nb.csv > out && test_cmp want.csv out'
head -c 41 u16le.csv > u16odd.csv
t "truncated UTF-16 is fatal: exit 2 and a message" \
	eval 'rc_is 2 gw-csv u16odd.csv > out 2> err; grep -q "u16odd.csv: truncated UTF-16" err'

printf 'a,b\n1,张\n2,\303\n3,4\n' > bad8.csv
t "invalid UTF-8 row rejected with its line, the others kept" \
	eval 'rc_is 1 gw-csv bad8.csv > out 2> err && printf "a,b\n1,张\n3,4\n" > exp && test_cmp exp out &&
	printf "gw-csv: bad8.csv:3: invalid UTF-8\ngw-csv: 1 of 3 rows rejected\n" > experr && test_cmp experr err'
t "-E utf-8 on a GB18030 file: the header is bad, exit 2" \
	eval 'rc_is 2 gw-csv -E utf-8 gb.csv > out 2> err && grep -q "gb.csv:1: invalid UTF-8" err && ! test -s out'
printf 'a,b\n1,x\0y\n2,3\n' > nul.csv
t "NUL byte: row rejected, reading goes on" \
	eval 'rc_is 1 gw-csv nul.csv > out 2> err && printf "a,b\n2,3\n" > exp && test_cmp exp out &&
	printf "gw-csv: nul.csv:2: NUL byte\ngw-csv: 1 of 2 rows rejected\n" > experr && test_cmp experr err'
t "unknown encoding is a usage error" \
	eval 'rc_is 2 gw-csv -E latin1 zh.csv 2> err; grep -q "unknown encoding .latin1." err'
