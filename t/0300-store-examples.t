#!/bin/sh
# The EXAMPLES of gridwork-store(5), run as written on a small store, and
# what they promise: the schema version, the audit trail, an owner-only
# backup that is a sound copy.
. "$(dirname "$0")/lib.sh"
plan 10

man=$TOP/man/gridwork-store.5
cd "$TMP" || exit 2
umask 022

# a store with a few rows: created by the library, filled by sqlite3
"$GW_UNIT/store" create gw.db load &&
sqlite3 gw.db "INSERT INTO regions VALUES ('140824100001', '城南社区', 'urban');
INSERT INTO persons (rowid, id_number, name, household_id, village_code) VALUES
 (11010519491231002, '11010519491231002X', '张三', 'H1', '140824100001'),
 (11010519491231003, '110105194912310037', '李四', 'H1', '140824100001'),
 (11010519491231004, '110105194912310045', '王五', 'H2', '140824100002');"
t "a store with rows" test "$(sqlite3 gw.db 'SELECT count(*) FROM persons')" = 3
t "a person whose rowid is not its number is refused" sh -c '
	! sqlite3 gw.db "INSERT INTO persons (id_number, name, household_id,
	    village_code) VALUES (\"110105200001010019\", \"赵六\", \"H3\",
	    \"140824100001\")" 2>/dev/null &&
	test "$(sqlite3 gw.db "SELECT count(*) FROM persons")" = 3'

# the example commands, in order, exactly as in the page
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /s/^\$ //p' "$man" > examples.sh
t "the page has examples" test "$(wc -l < examples.sh)" -ge 4
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	sh -c "$cmd" > "ex$i.out" 2> "ex$i.err" || echo "$cmd" >> failed
done < examples.sh
t "every example runs" test ! -e failed

nsql=$(ls "$TOP"/share/sql/[0-9]*.sql | wc -l)
t "user_version is the number of schema files" \
	test "$(cat ex1.out)" = "$nsql"
t "the audit example lists the write" \
	sh -c 'sed -n 2p ex2.out | grep -q "^[0-9-]*T[0-9:]*Z|.*|load|||$"'
t "the backup is owner-only" \
	test "$(stat -c %a gw-backup.db)" = 600
t "the backup passes the integrity check" test "$(cat ex4.out)" = ok
t "the backup has the rows" \
	test "$(sqlite3 gw-backup.db 'SELECT count(*) FROM persons; SELECT count(*) FROM audit' | tr '\n' ' ')" = "3 1 "
printf '140824100001|2\n140824100002|1\n' > want
t "persons per village" test_cmp want ex5.out
