#!/bin/sh
# A lone CR between records (issue 15, 3): every byte-level verdict (NUL,
# invalid UTF-8) belongs to the record that holds the byte, in gw-load and
# gw-csv alike, and no byte is dropped from a record that is accepted; a
# lone CR ends a line, so each record is named by its own line.
. "$(dirname "$0")/lib.sh"
plan 12
cd "$TMP" || exit 2

H='id_number,name,household_id,village_code'
printf '%s\n140824197102107739,Good,H1,140824100200\r1408241998\0001117671X,Nul,H2,140824100200\n' \
    "$H" > nul.csv
printf '%s\n140824197102107739,Good,H1,140824100200\r14082419751101076X,\377\376,H2,140824100200\n' \
    "$H" > ff.csv

t "gw-load: the NUL rejects its own record, on its own line" eval '
	rc_is 1 gw-load -d s.db -r rej.csv persons nul.csv 2> err &&
	grep -qx "gw-load: nul.csv:3: NUL byte" err &&
	test "$(grep -c "NUL byte" err)" -eq 1'
t "gw-load: the good person is stored, the other is not" eval '
	test "$(sqlite3 s.db "SELECT id_number || \",\" || name FROM persons")" = \
	    "140824197102107739,Good"'
t "gw-load: no other, valid identity number was made from the NUL one" eval '
	test "$(sqlite3 s.db "SELECT count(*) FROM persons
	    WHERE id_number = '\''14082419981117671X'\''")" -eq 0'
t "gw-load: the rejects file holds the bad record at line 3" eval '
	sed 1d rej.csv | cut -d, -f2,4,6 > got &&
	printf "3,NUL byte,Nul\n" > want && test_cmp want got'
t "gw-csv: the same verdict, the good row written" eval '
	rc_is 1 gw-csv nul.csv > out 2> err &&
	grep -qx "gw-csv: nul.csv:3: NUL byte" err &&
	printf "%s\n140824197102107739,Good,H1,140824100200\n" "$H" > want &&
	test_cmp want out'
t "gw-load: FF FE in a name after a lone CR is refused on line 3" eval '
	rc_is 1 gw-load -d f.db persons ff.csv 2> err &&
	grep -qx "gw-load: ff.csv:3: invalid UTF-8" err'
t "gw-load: no raw FF FE reached the store" eval '
	test "$(sqlite3 f.db "SELECT count(*) FROM persons")" -eq 1 &&
	test "$(sqlite3 f.db "SELECT count(*) FROM persons
	    WHERE name <> '\''Good'\''")" -eq 0'
t "gw-csv: FF FE refused on its own line" eval '
	rc_is 1 gw-csv ff.csv > out 2> err &&
	grep -qx "gw-csv: ff.csv:3: invalid UTF-8" err &&
	test "$(sed 1d out)" = "140824197102107739,Good,H1,140824100200"'
t "the reader case a,b 1,2 CR B7,3: the second record is bad" eval '
	printf "a,b\n1,2\r\267,3\n" > min.csv &&
	rc_is 1 gw-csv min.csv > out 2> err &&
	printf "a,b\n1,2\n" > want && test_cmp want out &&
	grep -qx "gw-csv: min.csv:3: invalid UTF-8" err'
t "a NUL before the CR: the record after it is good" eval '
	printf "a,b\n1\0,2\r3,4\n" > before.csv &&
	rc_is 1 gw-csv before.csv > out 2> err &&
	printf "a,b\n3,4\n" > want && test_cmp want out &&
	grep -qx "gw-csv: before.csv:2: NUL byte" err'
t "TSV: the same, one verdict a record" eval '
	printf "a\tb\n1\t2\r\267\t3\n" > min.tsv &&
	rc_is 1 gw-csv -o tsv min.tsv > out 2> err &&
	printf "a\tb\n1\t2\n" > want && test_cmp want out &&
	grep -qx "gw-csv: min.tsv:3: invalid UTF-8" err'
t "rows in = accepted + rejected" eval '
	gw-load -d c.db persons nul.csv 2>&1 | tail -1 |
	    grep -q "read 2, loaded 1, updated 0, rejected 1"'
