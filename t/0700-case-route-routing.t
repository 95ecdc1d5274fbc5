#!/bin/sh
# case-route: the routing table's precedence, each key on its own
# (dept.0801 then dept.08 then default_dept; limit likewise; level
# likewise), categories by code, full-width code or name, a given
# urgency kept, never-dispatched categories settled, unknown and empty
# categories rejected; the orders golden, stderr golden, exit 1.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-route
plan 10
cd "$D" || exit 2

rc=0; case-route -p ./prec.conf prec.csv > "$TMP/o" 2> "$TMP/e" || rc=$?
t "exit 1: two events rejected" test $rc -eq 1
t "orders golden (0701 own keys, 0706 its first level's, 14 the defaults)" \
	test_cmp prec.out "$TMP/o"
t "stderr golden: the reasons and the summary line" test_cmp prec.err "$TMP/e"

# the gansu profile as shipped: its documented routes
printf 'event_id,grid_code,reported_at,category\n' > "$TMP/g.csv"
for c in 01 02 03 04 05 06 0701 0702 0703 0704 0705 0801 0802 0803 0804 0805 1001 1002 1003 1004 1005 11 13; do
	printf 'E%s,140824100200001,2026-11-02 09:00,%s\n' "$c" "$c" >> "$TMP/g.csv"
done
case-route "$TMP/g.csv" 2>/dev/null | cut -d, -f4,6,7,10 > "$TMP/g.out"
cat > "$TMP/g.want" <<'W'
category,level,department,limit
01,township,司法所/人民调解委员会,5
02,county,派出所,24h
03,township,综治中心+卫生健康,3
04,township,派出所,3
05,township,派出所,24h
06,county,综治中心+信访局,24h
0701,township,应急管理局,3
0702,township,交通运输局,3
0703,township,消防救援大队,3
0704,township,城市管理局/生态环境局,5
0705,township,市场监督管理局,3
0801,township,人社局,5
0802,township,医保局,5
0803,township,民政局,5
0804,township,卫生健康局,5
0805,township,住房和城乡建设局,5
1001,township,司法所,5
1002,township,司法所,5
1003,township,公安,5
1004,township,卫生健康,5
1005,township,团委,5
11,township,便民服务站,5
13,township,综治中心,5
W
t "gansu: every route of gridwork-rules(7), CASES" test_cmp "$TMP/g.want" "$TMP/g.out"

# jsonl and the rejects file
t "-o jsonl: one object an order, keys = header" sh -c '
	case-route -p ./prec.conf -o jsonl prec.csv 2>/dev/null |
	jq -e -s "length == 9 and .[4].department == \"网格中心\" and .[4].limit == \"6\" and .[1].case_id == \"CP2\"" >/dev/null'
t "-r: rejects file holds both rejected rows with their reasons" sh -c '
	case-route -p ./prec.conf -r "$1/rej.csv" prec.csv >/dev/null 2>&1
	[ "$(head -1 "$1/rej.csv")" = "file,line,column,reason,event_id,grid_code,reported_at,category,urgency" ] &&
	[ "$(tail -n +2 "$1/rej.csv" | wc -l)" -eq 2 ] &&
	grep -q "^prec.csv,12,category,unknown category" "$1/rej.csv" &&
	grep -q "^prec.csv,13,category,\"empty category" "$1/rej.csv"' - "$TMP"

# bad policies and usage
printf 'include = gansu\n[route]\nlimit.01 = soon\n' > "$TMP/bad.conf"
t "a limit that is neither days nor immediate: exit 2, FILE:LINE" sh -c '
	rc=0; case-route -p "$1/bad.conf" prec.csv > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "bad.conf:3: key .limit.01.: a limit is working days" "$1/e" && [ ! -s "$1/o" ]' - "$TMP"
printf 'include = gansu\n[route]\nlevel.0703 = city\n' > "$TMP/lv.conf"
t "a level neither township nor county: exit 2" sh -c '
	rc=0; case-route -p "$1/lv.conf" prec.csv > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "level .city. of category 0703 is not village, township or county" "$1/e" && [ ! -s "$1/o" ]' - "$TMP"
t "a file without the category column: exit 2" sh -c '
	printf "event_id,grid_code,reported_at\nE1,140824100200001,2026-11-02\n" > "$1/nocat.csv"
	rc=0; case-route "$1/nocat.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "missing column .category." "$1/e" && [ ! -s "$1/o" ]' - "$TMP"
t "--at that is no time, or --as-of: usage errors" sh -c '
	rc=0; case-route --at tomorrow prec.csv >/dev/null 2>&1 || rc=$?; [ $rc -eq 2 ] &&
	rc=0 && { case-route --as-of 2026-11-01 prec.csv >/dev/null 2>&1 || rc=$?; } && [ $rc -eq 2 ]'
