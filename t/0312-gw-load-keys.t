#!/bin/sh
# Keys: a key twice in one run refuses the later row and names the first
# (across files, after refused rows and records of several lines); a key
# already in the store is refused unless --update, which replaces the row
# in place and counts it as updated; keys of several columns; and
# --max-rejects, which gives up changing nothing.
. "$(dirname "$0")/lib.sh"
plan 19

cd "$TMP" || exit 2
cp "$T_DIR"/gw-load/ex/regions.csv . || exit 2
gw-load -d gw.db regions regions.csv 2>/dev/null || exit 2
hdr=id_number,name,household_id,relation,village_code,block,address,phone,tags
{
	echo "$hdr"
	echo 140105198001010011,张伟,H001,户主,140824100200,,,,
	echo 140105198001010012,错号,H001,配偶,140824100200,,,,
	echo '140105198001010038,李娜,H002,户主,140824100201,3号楼,"西街社区'
	echo '3号楼101",,'
	echo 140105198001010046,刘洋,H003,户主,140824100201,,,,
	echo 140105198001010046,刘洋二,H003,户主,140824100201,,,,
	echo 140105198001010011,张伟二,H001,户主,140824100200,,,,
	echo 140105198001010038,李娜二,H002,户主,140824100201,,,,
} > p1.csv
{
	echo "$hdr"
	echo 14010519800101002X,王芳,H001,配偶,140824100200,,,,
	echo 140105198001010038,李娜三,H002,户主,140824100201,,,,
} > p2.csv

summary_ok() {	# summary_ok ERRFILE TABLE READ LOADED UPDATED REJECTED
	tail -1 "$1" | grep -qx "gw-load: $2: read $3, loaded $4, updated $5, rejected $6" ||
	    { tail -1 "$1"; return 1; }
	test "$3" -eq $(($4 + $5 + $6))
}
q() { sqlite3 gw.db "$1"; }

rc_is 1 gw-load -d gw.db -r rej.csv persons p1.csv p2.csv 2> dup.err
ok $? "duplicates in one run: the later rows refused, exit 1"
t "the summary counts them: read 9 = 4 + 0 + 5" \
	summary_ok dup.err persons 9 4 0 5
cat > want <<'EOF'
gw-load: p1.csv:3: column 'id_number': bad check character 2, expected 1: '140105198001010012'
gw-load: p1.csv:7: column 'id_number': duplicate key '140105198001010046', first at p1.csv:6
gw-load: p1.csv:8: column 'id_number': duplicate key '140105198001010011', first at p1.csv:2
gw-load: p1.csv:9: column 'id_number': duplicate key '140105198001010038', first at p1.csv:4
gw-load: p2.csv:3: column 'id_number': duplicate key '140105198001010038', first at p1.csv:4
EOF
grep -v ': read ' dup.err > got
t "each names the first at FILE:LINE, across lines, refusals and files" \
	test_cmp want got
t "the rejects file has the rows as read" test "$(sed -n 3p rej.csv)" = \
	"p1.csv,7,id_number,\"duplicate key '140105198001010046', first at p1.csv:6\",140105198001010046,刘洋二,H003,户主,140824100201,,,,"
t "the first rows are the ones kept, in the order of their numbers" test \
	"$(q "SELECT group_concat(name, ' ') FROM persons")" = "张伟 王芳 李娜 刘洋"

# keys already in the store
printf '%s\n%s\n' "$hdr" \
	140105198001010011,张伟,H001,户主,140824100200,第1村民小组,新址,139,低保 \
	> fix.csv
rowid=$(q "SELECT rowid FROM persons WHERE id_number = '140105198001010011'")
rc_is 1 gw-load -d gw.db persons fix.csv 2> again.err
ok $? "a key in the store is refused without --update, exit 1"
t "... saying so" grep -qx "gw-load: fix.csv:2: column 'id_number': key '140105198001010011' already in the store (--update replaces it)" again.err
t "... and counted" summary_ok again.err persons 1 0 0 1
rc_is 0 gw-load -d gw.db --update persons fix.csv 2> upd.err
ok $? "--update replaces it, exit 0"
t "... counted as updated" summary_ok upd.err persons 1 0 1 0
t "... in place: the same rowid, the new values" test \
	"$(q "SELECT rowid, block, address, phone, tags FROM persons
	    WHERE id_number = '140105198001010011'")" = "$rowid|第1村民小组|新址|139|低保"
t "the audit row says so" test "$(q "SELECT rows_read, rows_loaded,
	rows_updated, rows_rejected, note FROM audit WHERE action = 'load'
	ORDER BY id DESC LIMIT 1")" = "1|0|1|0|--update"
printf '%s\n%s\n' id_number,name,household_id,village_code,block \
	140105198001010011,张伟,H001,140824100200,第2村民小组 > part.csv
rc_is 0 gw-load -d gw.db --update persons part.csv 2>/dev/null &&
test "$(q "SELECT block, address, phone, tags FROM persons
    WHERE id_number = '140105198001010011'")" = "第2村民小组|新址|139|低保"
ok $? "--update with fewer columns leaves the others as they were"
{ cat fix.csv; sed 1d fix.csv; } > fix2.csv
rc_is 1 gw-load -d gw.db --update persons fix2.csv 2> upd2.err &&
grep -qx "gw-load: fix2.csv:3: column 'id_number': duplicate key '140105198001010011', first at fix2.csv:2" upd2.err
ok $? "--update: a key twice in the run is still a duplicate"

# a key of three columns, compared as stored (09:30 is 09:30:00)
cat > events.csv <<'EOF'
event_id,grid_code,reported_at,found_at,source,reporter_id,category,text
E001,140824100200001,2026-10-03 09:30:00,,resident,,01,纠纷
EOF
cat > log.csv <<'EOF'
case_id,event_id,step,at,actor,department,satisfied,deadline
C001,E001,reported,2026-10-03 09:30,张伟,,,
C001,E001,filed,2026-10-03 09:40,中心,,,
C001,E001,reported,2026-10-03 09:30:00,张伟,,,
C001,E001,reported,2026-10-03 09:31,张伟,,,
EOF
gw-load -d gw.db events events.csv 2>/dev/null &&
rc_is 1 gw-load -d gw.db case_log log.csv 2> log.err &&
grep -qx "gw-load: log.csv:4: column 'case_id,step,at': duplicate key 'C001', 'reported', '2026-10-03 09:30:00', first at log.csv:2" log.err &&
test "$(q "SELECT count(*) FROM case_log")" = 3
ok $? "case_log: the key is case_id, step and at, as normalised"

# --max-rejects
snap() { q "SELECT count(*) FROM persons; SELECT count(*) FROM households;
	SELECT count(*) FROM audit; PRAGMA integrity_check" | tr '\n' ' '; }
before=$(snap)
{
	echo "$hdr"
	echo 140105198001010054,新人,H009,户主,140824100200,,,,
	sed 1d p1.csv
} > p3.csv
rc_is 2 gw-load -d gw.db --max-rejects 2 persons p3.csv 2> max.err
ok $? "--max-rejects 2 with more refused: exit 2"
t "... nothing changed, not even the audit" test "$(snap)" = "$before"
t "... and said so" sh -c '
	grep -qx "gw-load: more than 2 rejected rows (--max-rejects): nothing loaded" max.err &&
	tail -1 max.err | grep -q "^gw-load: persons: read 4, accepted 1, rejected 3, loaded 0; rolled back, the store is unchanged$"'
# p3.csv: its first row is new; the rest are all in the store or refused
rc_is 1 gw-load -d gw.db --max-rejects 9 persons p3.csv 2> max9.err &&
test "$(snap)" != "$before"
ok $? "--max-rejects as many as are refused: committed, exit 1"
