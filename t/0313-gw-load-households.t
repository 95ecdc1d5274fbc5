#!/bin/sh
# Households derived from persons: one row for each household id not yet
# in the store, village and block from its members, the first address,
# the number of members loaded (refused members not counted), whether
# the members come together or not, in one file or several; a member in
# another village or block than the earlier ones is refused; households
# already in the store are left alone.
. "$(dirname "$0")/lib.sh"
plan 14

cd "$TMP" || exit 2
cp "$T_DIR"/gw-load/ex/regions.csv . || exit 2
gw-load -d gw.db regions regions.csv 2>/dev/null || exit 2
hdr=id_number,name,household_id,relation,village_code,block,address,phone,tags
q() { sqlite3 "${DB:-gw.db}" "$1"; }
{
	echo "$hdr"
	echo 140105198001010011,张伟,H001,户主,140824100200,,,,
	echo 14010519800101002X,王芳,H001,配偶,140824100200,第1村民小组,一号,,
	echo 140105198001010038,李娜,H002,户主,140824100201,3号楼,西街3号楼101,,
	echo 140105198001010046,刘洋,H001,子女,140824100200,第1村民小组,二号,,
	echo 140105198001010054,错村,H002,子女,140824100200,3号楼,,,
	echo 140105198001010062,错组,H001,父母,140824100200,第2村民小组,,,
	echo 140105198001010071,错号,H002,子女,140824100201,3号楼,,,
	echo 140105198001010038,重复,H002,户主,140824100201,3号楼,,,
	echo 140105198001010089,周九,H002,子女,140824100201,,,,
} > p1.csv
{
	echo "$hdr"
	echo 140105198001010070,孙八,H003,户主,140824100201,1号楼,西街1号楼2,,
	echo 140105198001010118,冲突,H003,子女,140824100200,1号楼,,,
	echo 140105198001010097,吴十,H001,子女,140824100201,第1村民小组,,,
	echo 14010519800101010X,郑一,H002,子女,140824100201,3号楼,,,
} > p2.csv

rc_is 1 gw-load -d gw.db persons p1.csv p2.csv 2> p.err
ok $? "persons load, some refused: exit 1"
t "read 13 = 7 + 0 + 6" sh -c 'tail -1 p.err | grep -qx "gw-load: persons: read 13, loaded 7, updated 0, rejected 6"'
cat > want <<'EOF'
H001|140824100200|第1村民小组|一号|3
H002|140824100201|3号楼|西街3号楼101|3
H003|140824100201|1号楼|西街1号楼2|1
EOF
q "SELECT household_id, village_code, block, address, persons FROM households ORDER BY rowid" > got
t "one household a household id: village, first block, first address, size" test_cmp want got
t "the size is the number of members stored" test \
	"$(q "SELECT count(*) FROM households h WHERE persons <> (SELECT count(*) FROM persons p WHERE p.household_id = h.household_id)")" = 0
cat > want <<'EOF'
gw-load: p1.csv:6: column 'village_code': household 'H002' has village_code '140824100201' (as its earlier members), not '140824100200'
gw-load: p1.csv:7: column 'block': household 'H001' has block '第1村民小组' (as its earlier members), not '第2村民小组'
gw-load: p2.csv:3: column 'village_code': household 'H003' has village_code '140824100201' (first member at p2.csv:2), not '140824100200'
gw-load: p2.csv:4: column 'village_code': household 'H001' has village_code '140824100200' (as its earlier members), not '140824100201'
EOF
grep household p.err > got
t "a member in another village or block is refused, naming the household" \
	test_cmp want got
t "the derived rows have an audit row of their own" test \
	"$(q "SELECT action, table_name, rows_read, rows_loaded, rows_updated, note FROM audit ORDER BY id DESC LIMIT 1")" \
	= "derive|households||3|0|from persons"

printf '%s\n' "$hdr" 140105198001010011,张伟,H077,户主,140824100200,,,, > moved.csv
rc_is 1 gw-load -d gw.db persons moved.csv 2>/dev/null &&
test "$(q "SELECT count(*) FROM households WHERE household_id = 'H077'")" = 0
ok $? "a household none of whose members loaded is not made"

# households loaded first are left as they are
cat > hh.csv <<'EOF'
household_id,village_code,block,address,persons
H001,140824100200,第9村民小组,旧址,5
EOF
DB=b.db
export DB
gw-load -d b.db regions regions.csv 2>/dev/null &&
gw-load -d b.db households hh.csv 2>/dev/null &&
rc_is 1 gw-load -d b.db persons p2.csv 2> b.err &&
test "$(grep -c household b.err)" = 1 &&
test "$(q "SELECT household_id FROM persons WHERE name = '吴十'")" = H001
ok $? "persons after a households sheet: only the new household's refused"
t "a household in the store is not changed, nor its members compared" test \
	"$(q "SELECT household_id, village_code, block, address, persons FROM households ORDER BY rowid" | tr '\n' ' ')" \
	= "H001|140824100200|第9村民小组|旧址|5 H003|140824100201|1号楼|西街1号楼2|1 H002|140824100201|3号楼||1 "
printf '%s\n' "$hdr" 140105198001010054,新人,H001,子女,140824100200,,,, > one.csv
n=$(q "SELECT count(*) FROM audit")
rc_is 0 gw-load -d b.db persons one.csv 2>/dev/null &&
test "$(q "SELECT count(*) FROM audit")" -eq $((n + 1))
ok $? "no households written, no derive audit row"
unset DB

# a later households sheet meets the derived rows
rc_is 1 gw-load -d gw.db households hh.csv 2> h.err &&
grep -q "key 'H001' already in the store" h.err
ok $? "a households sheet after persons: derived rows are keys in the store"
rc_is 0 gw-load -d gw.db --update households hh.csv 2>/dev/null &&
test "$(q "SELECT block, persons FROM households WHERE household_id = 'H001'")" = "第9村民小组|5"
ok $? "... which --update replaces"

# every member of a big census is in exactly one derived household
gw-synth -R "$TOP/examples/regions-140824.csv" --county 140824 \
	--households 300 --only persons,households -O syn 2>/dev/null || exit 2
DB=s.db
export DB
gw-load -d s.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null &&
gw-load -d s.db persons syn/persons.csv 2>/dev/null
ok $? "a generated census loads"
gw-load -d s.db --export households > derived.csv
t "the derived households are the generator's" test_cmp syn/households.csv derived.csv
