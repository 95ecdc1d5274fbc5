#!/bin/sh
# gw-screen: the rules a profile adds without code (gridwork-policy(5)
# [screen] Xn, Pn).  t/gw-screen/s4-4.conf follows seed 004 part 4:
# X1 违反计划生育政策 as a flag column with remark patterns (R20), X2
# 身体健康 as remark patterns alone (R21), P1 建档立卡户 a priority at
# equal total.  A column the policy names and the file lacks is exit 2
# naming the column and the policy line; a bad flag is a rejected row.
. "$(dirname "$0")/lib.sh"
plan 23
cd "$T_DIR/gw-screen" || exit 2
P=./s4-4.conf
H=candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code
# gen ID SEQ CRIM REMARK FPV POV [WRITTEN]
gen() {
	awk -v OFS=, -v id="$1" -v seq="$2" -v crim="$3" -v rem="$4" -v fpv="$5" -v pov="$6" -v wr="${7:-80}" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
		d17 = sprintf("62010219900101%03d", seq); s = 0
		for (i = 1; i <= 17; i++) s += substr(d17, i, 1) * W[i]
		print id, d17 substr("10X98765432", s % 11 + 1, 1), "某", "本科", "0,,0,0,0", crim, "0,0,0,0,0", rem, wr, 80, "620102001001001", fpv, pov
	}'
}
{ echo "$H,family_planning_violation,poverty_registered"
  gen K1 11 0 "" 1 0
  gen K2 12 1 "" 1 0
  gen K3 13 0 曾超生一胎 0 0
  gen K4 14 0 曾超生一胎 1 0
  gen K5 15 0 患重大疾病正在治疗 0 0
  gen K6 16 0 无违反计划生育政策 0 0
  gen K7 17 0 "" 0 0 90
  gen K8 18 0 "" 0 1 90
  gen K9 19 0 "" 0 0 70
} >"$TMP/k.csv"
st() { awk -F, -v id="$2" '$1 == id { print $(NF-6) "," $(NF-5) }' "$1"; }
col() { awk -F, -v id="$2" -v k="$3" '$1 == id { print $(NF-k) }' "$1"; }

gw-screen -p $P --as-of 2026-10-08 "$TMP/k.csv" >"$TMP/o.csv" 2>"$TMP/o.err"
t "exit 0, every row written" sh -c "test $? -eq 0 && test \$(wc -l < '$TMP/o.csv') -eq 10"
t "X1 flag 1: ineligible,X1" test "$(st "$TMP/o.csv" K1)" = "ineligible,X1"
t "X1 with D1: D-codes first, then X-codes" test "$(st "$TMP/o.csv" K2)" = "ineligible,D1;X1"
t "X1 remark 超生 with the flag 0: review,R20" test "$(st "$TMP/o.csv" K3)" = "review,R20"
t "X1 remark with the flag 1: ineligible,X1 and no review code" test "$(st "$TMP/o.csv" K4)" = "ineligible,X1"
t "X2 (remarks only) 重大疾病: review,R21" test "$(st "$TMP/o.csv" K5)" = "review,R21"
t "a negated mention (无违反计划生育政策) passes" test "$(st "$TMP/o.csv" K6)" = "eligible,"
t "P1 建档立卡户 counts in priority" test "$(col "$TMP/o.csv" K8 3),$(col "$TMP/o.csv" K7 3)" = "1,0"
t "P1 ranks ahead at equal total (K8 1, K7 2; K6 80.00 3, K9 75.00 4)" \
	test "$(col "$TMP/o.csv" K8 1),$(col "$TMP/o.csv" K7 1),$(col "$TMP/o.csv" K9 1)" = "1,2,4"

# the Chinese headers, from the policy (Xn.header) or share/aliases.csv
sed '1s/family_planning_violation,poverty_registered$/违反计划生育政策,建档立卡户/' "$TMP/k.csv" >"$TMP/zh.csv"
gw-screen -p $P --as-of 2026-10-08 "$TMP/zh.csv" >"$TMP/zh.out" 2>/dev/null
t "Chinese headers 违反计划生育政策, 建档立卡户: the same verdicts" sh -c \
	"cut -d, -f20- '$TMP/o.csv' | sed 1d > '$TMP/a' && cut -d, -f20- '$TMP/zh.out' | sed 1d | cmp - '$TMP/a'"
printf 'include = %s/s4-4.conf\n[screen]\nX1.column = fp_breach\nX1.header = 计生违规\nP1.column = jdlk\nP1.header = 建档户\n' "$PWD" >"$TMP/own.conf"
sed '1s/family_planning_violation,poverty_registered$/计生违规,建档户/' "$TMP/k.csv" >"$TMP/own.csv"
gw-screen -p "$TMP/own.conf" --as-of 2026-10-08 "$TMP/own.csv" >"$TMP/own.out" 2>"$TMP/own.err"
t "a county's own column and header, not in aliases.csv: the same verdicts" sh -c \
	"cut -d, -f20- '$TMP/own.out' | sed 1d | cmp - '$TMP/a'"

# a missing column: exit 2 naming the column and the policy line
cut -d, -f1-19,21 "$TMP/k.csv" >"$TMP/nofp.csv"
gw-screen -p $P --as-of 2026-10-08 "$TMP/nofp.csv" >"$TMP/out" 2>"$TMP/err"
t "column family_planning_violation missing: exit 2, stdout empty" sh -c "test $? -eq 2 && test ! -s '$TMP/out'"
t "... the message names the column, its header, the rule and s4-4.conf:10" \
	grep -q "nofp.csv: missing column 'family_planning_violation' (or '违反计划生育政策', X1 违反计划生育政策, ./s4-4.conf:10)" "$TMP/err"
cut -d, -f1-20 "$TMP/k.csv" >"$TMP/nopov.csv"
gw-screen -p $P --as-of 2026-10-08 "$TMP/nopov.csv" >"$TMP/out" 2>"$TMP/err"
t "priority column poverty_registered missing: exit 2 naming P1 and s4-4.conf:20" sh -c \
	"test $? -eq 2 && grep -q \"missing column 'poverty_registered'.* P1 以建档立卡户为主, ./s4-4.conf:20)\" '$TMP/err'"
printf 'include = %s/s4-4.conf\n[screen]\nX1 = off\nP1 = off\n' "$PWD" >"$TMP/off.conf"
cut -d, -f1-19 "$TMP/k.csv" >"$TMP/none.csv"
gw-screen -p "$TMP/off.conf" --as-of 2026-10-08 "$TMP/none.csv" >"$TMP/out" 2>/dev/null
t "X1 and P1 off: the columns may be missing, K1 is eligible" sh -c \
	"test $? -eq 0 && test \"\$(awk -F, '\$1 == \"K1\" { print \$(NF-6) }' '$TMP/out')\" = eligible"

# a bad flag: a rejected row, like the contract's flags
{ cat "$TMP/k.csv"; gen K10 20 0 "" 2 0; gen K11 21 0 "" 0 是; } >"$TMP/bad.csv"
gw-screen -p $P --as-of 2026-10-08 -r "$TMP/rej.csv" "$TMP/bad.csv" >"$TMP/out" 2>"$TMP/err"
t "a bad flag value: exit 1" test $? -eq 1
t "... FILE:LINE: column 'family_planning_violation': flag must be 0 or 1" \
	grep -q "bad.csv:11: column 'family_planning_violation': flag must be 0 or 1" "$TMP/err"
t "... FILE:LINE: column 'poverty_registered': flag must be 0 or 1" \
	grep -q "bad.csv:12: column 'poverty_registered': flag must be 0 or 1" "$TMP/err"
t "rows in = written + rejected (11 = 9 + 2)" sh -c \
	"test \$(sed 1d '$TMP/out' | wc -l) -eq 9 && test \$(sed 1d '$TMP/rej.csv' | wc -l) -eq 2"

# the shipped profiles are unchanged: the new columns are carried, no rule
gw-screen --as-of 2026-10-08 "$TMP/k.csv" >"$TMP/g.out" 2>/dev/null
t "gansu: the added columns are carried and judged by nothing (K1 eligible, K3 eligible)" \
	test "$(st "$TMP/g.out" K1) $(st "$TMP/g.out" K3)" = "eligible, eligible,"

# malformed rules: each an error naming FILE:LINE, nothing written
t "malformed rules exit 2 naming FILE:LINE: X33, X0, P1x, a contract column, no reason, no switch, nothing to judge, unknown settings, bad remarks, a shared column, a bad switch, a header that is another column" sh -c '
	bad() { printf "include = gansu\n[screen]\n%b" "$1" > "$0/b.conf"
		gw-screen -p "$0/b.conf" --as-of 2026-10-08 "$0/k.csv" > "$0/out" 2> "$0/err"; rc=$?
		[ $rc -eq 2 ] && [ ! -s "$0/out" ] && grep -qF -- "$2" "$0/err" || { echo "exit $rc: $1"; cat "$0/err"; exit 1; }; }
	bad "X33 = on\n" "b.conf:3: key '\''X33'\'': not a rule code X1-X32"
	bad "X0 = on\n" "b.conf:3: key '\''X0'\'': not a rule code X1-X32"
	bad "P1x = on\n" "b.conf:3: key '\''P1x'\'': not a rule code P1-P32"
	bad "X1 = on\nX1.column = criminal_penalty\nX1.reason = r\n" "b.conf:4: key '\''X1.column'\'': a column of the candidates contract"
	bad "X1 = on\nX1.column = fp\n" "b.conf:3: rule X1 has no X1.reason"
	bad "X1.column = fp\nX1.reason = r\n" "b.conf:3: rule X1 has no switch"
	bad "X1 = on\nX1.reason = r\n" "b.conf:3: rule X1 has no X1.column and no X.remarks"
	bad "X1 = on\nX1.reason = r\nX1.colour = fp\n" "b.conf:5: key '\''X1.colour'\'': not a setting of a rule"
	bad "P1 = on\nP1.reason = r\nP1.column = pov\nP1.remarks = R20 x\n" "b.conf:6: key '\''P1.remarks'\'': not a setting of a rule"
	bad "X1 = on\nX1.reason = r\nX1.remarks = D4 超生\n" "b.conf:5: key '\''X1.remarks'\'': '\''D4'\'' is not an R-code"
	bad "X1 = on\nX1.reason = r\nX1.remarks = R20 超生(\n" "b.conf:5: key '\''X1.remarks'\'': bad pattern"
	bad "X1 = on\nX1.reason = r\nX1.column = fp\nP1 = on\nP1.reason = q\nP1.column = fp\n" "column '\''fp'\'' is also the column of another rule"
	bad "X1 = maybe\nX1.reason = r\nX1.column = fp\n" "b.conf:3: key '\''X1'\''"
	bad "X1 = on\nX1.reason = r\nX1.column = fp\nX1.header = 拘留\n" "b.conf:3: rule X1: header '\''拘留'\'' is column '\''detained'\'' by the aliases"
' "$TMP"

# gridwork-policy(5) shows the [screen] part of the tests' policy
awk '/^\.Bd -literal/ { on = 1; n = 0; next } /^\.Ed/ { on = 0 }
	on && !n++ && $0 != "[screen]" { on = 0 } on' "$TOP/man/gridwork-policy.5" >"$TMP/shown"
sed -n '/^\[screen\]$/,$p' "$T_DIR/gw-screen/s4-4.conf" >"$TMP/conf"
t "gridwork-policy(5) shows the [screen] section of t/gw-screen/s4-4.conf" \
	sh -c "test -s '$TMP/conf' && diff -u '$TMP/conf' '$TMP/shown'"

# the remarks table may name an X-rule (by code or column) as related
mkdir "$TMP/rt" && printf 'R30\tfamily_planning_violation,X2\t计生问题\n' >"$TMP/rt/r.tsv"
printf 'include = %s/s4-4.conf\n[screen]\nremarks = ./r.tsv\n' "$PWD" >"$TMP/rt/p.conf"
{ echo "$H,family_planning_violation,poverty_registered"; gen T1 31 0 有计生问题 0 0; gen T2 32 0 有计生问题 1 0; } >"$TMP/rt/c.csv"
gw-screen -p "$TMP/rt/p.conf" --as-of 2026-10-08 "$TMP/rt/c.csv" >"$TMP/rt/o" 2>"$TMP/rt/e"
t "a remarks table line related to X1: review,R30 with the flag 0, ineligible,X1 with it 1" \
	test "$(st "$TMP/rt/o" T1) $(st "$TMP/rt/o" T2)" = "review,R30 ineligible,X1"
