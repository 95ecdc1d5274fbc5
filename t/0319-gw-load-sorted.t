#!/bin/sh
# gw-load: persons are sorted by identity number before they are written
# (their rowid is the number): the households of refused duplicates lose
# them, the refusals come last in input order, --max-rejects still
# counts them, and a store row is found by its number.
. "$(dirname "$0")/lib.sh"
plan 18
cd "$TMP" || exit 2

hdr=id_number,name,household_id,relation,village_code,block,address,phone,tags
printf 'code,name\n140824100200,东村\n140824100201,西村\n' > regions.csv
{
	echo "$hdr"
	echo 140105198001010046,刘洋,H3,户主,140824100201,第2组,,,
	echo 140105198001010011,张伟,H1,户主,140824100200,第1组,,,
	echo 14010519800101002X,王芳,H1,配偶,140824100200,第1组,,,
	echo 140105198001010011,张伟二,H2,户主,140824100200,第3组,二组3号,,
	echo 140105198001010012,坏号,H1,子女,140824100200,,,,
	echo 140105198001010038,李娜,H4,户主,140824100201,,,,
	echo 140105198001010046,刘洋二,H3,子女,140824100201,第2组,,,
} > p.csv
q() { sqlite3 gw.db "$1"; }
gw-load -d gw.db regions regions.csv 2>/dev/null
rc_is 1 gw-load -d gw.db -r rej.csv persons p.csv 2> e
ok $? "duplicates and a bad number refused: exit 1"
cat > want <<'EOF2'
gw-load: p.csv:6: column 'id_number': bad check character 2, expected 1: '140105198001010012'
gw-load: p.csv:5: column 'id_number': duplicate key '140105198001010011', first at p.csv:3
gw-load: p.csv:8: column 'id_number': duplicate key '140105198001010046', first at p.csv:2
gw-load: persons: read 7, loaded 4, updated 0, rejected 3
EOF2
t "the duplicates are said after the other refusals, in input order" \
	test_cmp want e
t "the rejects file holds them in the same order, rows as read" sh -c '
	cut -d, -f1,2 rej.csv | tr "\n" " " |
	grep -qx "file,line p.csv,6 p.csv,5 p.csv,8 "'
t "a household made only of a refused duplicate is not made" \
	test "$(q "SELECT count(*) FROM households WHERE household_id = 'H2'")" = 0
t "a household counts only its members loaded" test \
	"$(q "SELECT group_concat(household_id || '=' || persons, ' ') FROM
	    (SELECT * FROM households ORDER BY household_id)")" = "H1=2 H3=1 H4=1"
t "the audit says 3 households derived" test \
	"$(q "SELECT rows_loaded FROM audit WHERE action = 'derive'")" = 3
t "persons come in number order, each rowid its number" test \
	"$(q "SELECT group_concat(name, ' ') FROM persons WHERE
	    rowid = CAST(substr(id_number, 1, 17) AS INTEGER)")" = "张伟 王芳 李娜 刘洋"
rc_is 2 gw-load -d gw2.db --max-rejects 1 persons p.csv 2>/dev/null
t "--max-rejects counts the duplicates found after sorting: exit 2, nothing loaded" \
	sh -c 'test "$(sqlite3 gw2.db "SELECT count(*) FROM persons")" = 0'

# A constraint of the store's own, here an index the office made, is met
# when the sorted rows are written, a batch at a time: the batch it
# refuses is written again row by row, and only the rows at fault go.
gw-synth -R "$TOP/examples/regions-140824.csv" --county 140824 \
    --households 3000 --only persons -O syn 2>/dev/null
n=$(($(wc -l < syn/persons.csv) - 1))
phone=$(awk -F, 'NR >= 3001 && $8 != "" { print $8; exit }' syn/persons.csv)
awk -F, -v OFS=, -v p="$phone" 'NR == 101 || NR == 8001 { $8 = p } { print }' \
    syn/persons.csv > syn/p2.csv
gw-load -d gw3.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
sqlite3 gw3.db "CREATE UNIQUE INDEX persons_phone ON persons (phone)"
rc_is 1 gw-load -d gw3.db -r rej3.csv persons syn/p2.csv 2> e3
ok $? "a store's own UNIQUE index refuses two rows: exit 1"
t "the two refused by the store, the summary adds up" sh -c '
	test "$(grep -c "refused by the store: UNIQUE constraint failed: persons.phone" e3)" = 2 &&
	grep -q "read '"$n"', loaded '"$((n - 2))"', updated 0, rejected 2" e3'
t "the phone is in the store once, the rest all loaded" test \
	"$(sqlite3 gw3.db "SELECT count(*) FROM persons WHERE phone = '$phone'")/$(sqlite3 gw3.db "SELECT count(*) FROM persons")" = "1/$((n - 2))"
t "the kept one is the smallest number of the three" test \
	"$(sqlite3 gw3.db "SELECT id_number FROM persons WHERE phone = '$phone'")" = \
	"$(awk -F, -v p="$phone" '$8 == p { print $1 }' syn/p2.csv | sort | head -1)"
t "households count the members loaded" test \
	"$(sqlite3 gw3.db "SELECT sum(persons) FROM households")" = "$((n - 2))"

# A trigger of the office's that refuses a row: RAISE(FAIL) stops the
# batch's statement at that row, the rows before it kept; RAISE(ABORT)
# undoes the whole statement, which then goes a row at a time.  Either
# way only the rows at fault go, wherever they are in their batch.
for how in FAIL ABORT; do
	rmdb() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
	rmdb gw5.db
	gw-load -d gw5.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
	bad=$(awk -F, 'NR == 2 || NR == 2050 || NR == 6000 { printf "%s'"'"'%s'"'"'", s, $1; s = "," }' syn/persons.csv)
	sqlite3 gw5.db "CREATE TRIGGER office_no BEFORE INSERT ON persons
	    WHEN NEW.id_number IN ($bad)
	    BEGIN SELECT RAISE($how, 'held by the office'); END"
	rc_is 1 gw-load -d gw5.db persons syn/persons.csv 2> e5
	ok $? "RAISE($how) in a trigger refuses three rows: exit 1"
	t "RAISE($how): the three refused with the trigger's reason, the rest all loaded" sh -c '
	    test "$(grep -c "refused by the store: held by the office" e5)" = 3 &&
	    test "$(sqlite3 gw5.db "SELECT count(*) FROM persons")" = '"$((n - 3))"' &&
	    test "$(sqlite3 gw5.db "SELECT sum(persons) FROM households")" = '"$((n - 3))"' &&
	    grep -q "read '"$n"', loaded '"$((n - 3))"', updated 0, rejected 3" e5'
done

# a duplicate is kept for the rejects file as read, though the sort
# holds the fields equal to their checked values only once
printf '%s\n' "$hdr" \
    14010519800101002X,王芳,H1,户主,140824100200,第1组,,, \
    '14010519800101002x, 王芳 ,H1,配偶,１４０８２４１００２００,第1组,,,extra' > p4.csv
gw-load -d gw4.db regions regions.csv 2>/dev/null
gw-load -d gw4.db -r rej4.csv persons p4.csv 2>/dev/null
t "a duplicate's fields go to the rejects file as read, changed ones too" \
	test "$(tail -1 rej4.csv)" = "p4.csv,3,id_number,\"duplicate key '14010519800101002X', first at p4.csv:2\",14010519800101002x, 王芳 ,H1,配偶,１４０８２４１００２００,第1组,,,extra"
