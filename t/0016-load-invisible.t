#!/bin/sh
# Invisible characters in values (issue 15, 5): a BOM (U+FEFF) or a
# zero-width character inside a key, code, identity number, number or
# date is a refused value, "FILE:LINE: column 'x': invisible character
# U+FEFF", never a second key; around free text it is trimmed like a
# blank.  A BOM at the start of the file is a BOM.
. "$(dirname "$0")/lib.sh"
plan 9
cd "$TMP" || exit 2

H=worker_id,id_number,name,role,grid_code,township_code,employment,hired_on
row=W1408241002000011,140824200301174162,叶琳佳,兼职网格员,140824100200001,140824100,parttime,2017-06-17
row2=W1408241002010011,140824197801071288,杜一,兼职网格员,140824100201001,140824100,parttime,2021-02-02
bom=$(printf '\357\273\277')
zw=$(printf '\342\200\213')

printf '%s%s\n%s\n%s%s\n' "$bom" "$H" "$row" "$bom" "$row" > w.csv
t "a BOM before a worker_id: refused, the first worker loaded" eval '
	rc_is 1 gw-load -d s.db -r rej.csv workers w.csv 2> err &&
	grep -qx "gw-load: w.csv:3: column .worker_id.: invisible character U+FEFF" err &&
	test "$(sqlite3 s.db "SELECT count(*) FROM workers")" -eq 1'
t "... never a second key: one W1408241002000011, without a BOM" eval '
	test "$(sqlite3 s.db "SELECT count(*) FROM workers
	    WHERE worker_id = '\''W1408241002000011'\''")" -eq 1 &&
	test "$(sqlite3 s.db "SELECT count(*) FROM workers
	    WHERE instr(worker_id, char(65279)) > 0")" -eq 0'
t "... and the rejects file has it, as read" eval '
	sed 1d rej.csv | cut -d, -f2-5 > got &&
	printf "3,worker_id,invisible character U+FEFF,%sW1408241002000011\n" "$bom" > want &&
	test_cmp want got'

printf '%s\n%s\n' "$H" "$row2" | sed "s/,140824100,/,140824${zw}100,/" > z.csv
t "a zero-width space in a township code: refused" eval '
	rc_is 1 gw-load -d z.db workers z.csv 2> err &&
	grep -qx "gw-load: z.csv:2: column .township_code.: invisible character U+200B" err'
printf '%s\n%s\n' "$H" "$row2" | sed "s/,2021-02-02/,2021-02-02$(printf '\342\201\240')/" > d.csv
t "a word joiner after a date: refused" eval '
	rc_is 1 gw-load -d d.db workers d.csv 2> err &&
	grep -qx "gw-load: d.csv:2: column .hired_on.: invisible character U+2060" err'
printf '%s\n%s\n' "$H" "$row2" | sed "s/,140824197801071288,/,${bom}140824197801071288,/" > i.csv
t "a BOM before an identity number: refused as invisible, not as a length" eval '
	rc_is 1 gw-load -d i.db workers i.csv 2> err &&
	grep -qx "gw-load: i.csv:2: column .id_number.: invisible character U+FEFF" err'
printf '%s\n%s\n' "$H" "$row2" | sed "s/,杜一,/,${bom}杜一${zw},/" > n.csv
t "around a name (free text): trimmed like a blank, the row loaded" eval '
	rc_is 0 gw-load -d n.db workers n.csv 2> err &&
	test "$(sqlite3 n.db "SELECT name FROM workers")" = "杜一"'
printf '%s\n%s\n' "$H" "$row2" | sed "s/,杜一,/,杜${zw}一,/" > m.csv
t "inside free text: kept, as data" eval '
	rc_is 0 gw-load -d m.db workers m.csv 2> err &&
	test "$(sqlite3 m.db "SELECT length(name) FROM workers")" -eq 3'
t "rows in = accepted + rejected" eval '
	gw-load -d c.db workers w.csv 2>&1 | tail -1 |
	    grep -qx "gw-load: workers: read 2, loaded 1, updated 0, rejected 1"'
