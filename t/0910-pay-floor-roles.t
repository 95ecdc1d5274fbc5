#!/bin/sh
# pay-calc: whom each floor covers is policy (floor_roles.FLOOR,
# floor_employment.FLOOR).  S0 floors 农村网格员 at 500 a month but says
# 网格辅助员工作补贴由各地根据工作实际自行确定, so under every shipped
# profile an assistant at 100.00 + 200.00 is paid 300.00 with no top-up,
# in a rural grid or not, part-time or full-time; the grid-worker roles
# keep their floors; a county profile that lists the assistant role
# (t/pay-calc/roles/assistants.conf) tops it up.  Figures by hand.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc/roles
plan 15
cd "$D" || exit 2
A="--month 2026-10 -R regions.csv --workers workers.csv --scores scores.csv --cases ../no-cases.csv --events ../no-events.csv"
get() {	# get FILE WORKER: floor_topup,gross
	awk -F, -v w="$2" '$2 == w { print $12 "," $13 }' "$1"; }

for p in gansu shanxi jishan lijin; do
	pay-calc -p $p $A >"$TMP/$p.csv" 2>"$TMP/$p.err"; echo $? >"$TMP/$p.rc"
done
t "gansu: a rural part-time 网格辅助员 at 100.00 + 200.00 is paid 300.00, no floor_topup" \
	test "$(get "$TMP/gansu.csv" A1)" = "0.00,300.00"
t "gansu: the same by the kind column (玉山, rural)" test "$(get "$TMP/gansu.csv" A2)" = "0.00,300.00"
t "gansu: a full-time 网格辅助员 gets no minimum-wage floor (100.00 + 600.00)" \
	test "$(get "$TMP/gansu.csv" A3)" = "0.00,700.00"
t "gansu: an assistant needs no urban/rural kind: accepted, exit 0" sh -c \
	"test \$(cat '$TMP/gansu.rc') -eq 0 && test \"\$(awk -F, '\$2 == \"A4\" { print \$13 }' '$TMP/gansu.csv')\" = 300.00 && test ! -s '$TMP/gansu.err'"
t "gansu: a rural 兼职网格员 不称职 is still topped up to 500.00" \
	test "$(get "$TMP/gansu.csv" G1)" = "200.00,500.00"
t "gansu: 专属网格员 none" test "$(get "$TMP/gansu.csv" U1)" = "0.00,200.00"
t "shanxi, jishan, lijin: the assistant is paid 300.00 with no top-up too" sh -c "
	for p in shanxi jishan lijin; do
		awk -F, '\$2 == \"A1\" || \$2 == \"A2\" { print \$12 \",\" \$13 }' '$TMP/'\$p.csv | sort -u > '$TMP/a' &&
		echo 0.00,300.00 | cmp - '$TMP/a' || { echo \$p; exit 1; }
	done"
t "jishan: the rural 兼职网格员 (base 600.00) needs no top-up" test "$(get "$TMP/jishan.csv" G1)" = "0.00,600.00"

pay-calc -p ./assistants.conf $A >"$TMP/c.csv" 2>"$TMP/c.err"; rc=$?
t "a county listing 网格辅助员: the rural assistant is topped up 200.00 to 500.00" \
	test "$(get "$TMP/c.csv" A1)$(get "$TMP/c.csv" A2)" = "200.00,500.00200.00,500.00"
t "a county listing 网格辅助员: the full-time assistant up to minwage.620121 1960.00" \
	test "$(get "$TMP/c.csv" A3)" = "1260.00,1960.00"
t "a county listing 网格辅助员: the assistant of a village neither urban nor rural is rejected, exit 1" sh -c \
	"test $rc -eq 1 && grep -q 'workers.csv:5: column .grid_code.: village .620121101203. is neither urban nor rural' '$TMP/c.err' && ! grep -q ',A4,' '$TMP/c.csv'"

# several floors cover a worker: the highest
printf 'include = gansu\n[pay]\nfloor.parttime_rural = 2500.00\nfloor_employment.parttime_rural = fulltime parttime\n' >"$TMP/h.conf"
pay-calc -p "$TMP/h.conf" $A >"$TMP/h.csv" 2>/dev/null
t "floor_employment: a full-time rural worker under both floors gets the higher 2500.00; urban keeps 1960.00" \
	test "$(get "$TMP/h.csv" G3) $(get "$TMP/h.csv" G4)" = "500.00,2500.00 0.00,2000.00"

printf 'include = gansu\n[pay]\n# a typo\nfloor_roles.parttime_rural = 网格长 兼职网格员 网格助理\n' >"$TMP/r.conf"
pay-calc -p "$TMP/r.conf" $A >"$TMP/out" 2>"$TMP/err"
t "floor_roles naming a role without base.ROLE: exit 2, FILE:LINE, stdout empty" sh -c \
	"test $? -eq 2 && grep -q \"r.conf:4: key 'floor_roles.parttime_rural': role '网格助理' has no base.网格助理\" '$TMP/err' && test ! -s '$TMP/out'"
printf 'include = gansu\n[pay]\nfloor_employment.fulltime = 专职\n' >"$TMP/e.conf"
pay-calc -p "$TMP/e.conf" $A >"$TMP/out" 2>"$TMP/err"
t "floor_employment not fulltime/parttime: exit 2, FILE:LINE" sh -c \
	"test $? -eq 2 && grep -q \"e.conf:3: key 'floor_employment.fulltime': not fulltime or parttime: '专职'\" '$TMP/err' && test ! -s '$TMP/out'"
t "every shipped profile loads and says whom its floors cover" sh -c "
	for p in '$TOP'/share/policy/*.conf; do
		pay-calc -p \"\$p\" $A > /dev/null 2>&1 || { echo \$p; exit 1; }
	done && grep -q '^floor_roles.parttime_rural = ' '$TOP/share/policy/gansu.conf'"
