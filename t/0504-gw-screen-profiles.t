#!/bin/sh
# gw-screen profiles: gansu (18-60, 初中, all of D1-D10) against lijin
# (18-45, 高中) and shanxi (D2 D4 D6 D7 D9 off), a county policy file of
# its own (-p FILE: weight, priority, a switch, its own remark table),
# and malformed policy values, each an error naming FILE:LINE.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
plan 21
A="--as-of 2026-10-08"

# L1 45 today, L2 46 today, L3 初中, L4 高中, L5 职高
awk -v OFS=, '
function ck(d17,   s, i) {
	s = 0
	for (i = 1; i <= 17; i++)
		s += substr(d17, i, 1) * W[i]
	return substr("10X98765432", s % 11 + 1, 1)
}
function row(id, birth, edu, seq) {
	d17 = "620102" birth sprintf("%03d", seq)
	print id, d17 ck(d17), "某", edu, 0, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, "", 80, 80, "620102001001001"
}
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
	print "candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code"
	row("L1", "19811008", "本科", 11); row("L2", "19801008", "本科", 13)
	row("L3", "19900101", "初中", 15); row("L4", "19900101", "高中", 17)
	row("L5", "19900101", "职高", 19)
}' >"$TMP/l.csv"
st() { awk -F, -v id="$2" '$1 == id { print $(NF-6) "," $(NF-5) }' "$1"; }

gw-screen $A "$TMP/l.csv" >"$TMP/g.out" 2>&1
gw-screen -p lijin $A "$TMP/l.csv" >"$TMP/l.out" 2>&1
t "gansu: 46 is eligible" test "$(st "$TMP/g.out" L2)" = "eligible,"
t "lijin: 45 today is eligible" test "$(st "$TMP/l.out" L1)" = "eligible,"
t "lijin: 46 is D8" test "$(st "$TMP/l.out" L2)" = "ineligible,D8"
t "gansu: 初中 is eligible" test "$(st "$TMP/g.out" L3)" = "eligible,"
t "lijin: 初中 is D9" test "$(st "$TMP/l.out" L3)" = "ineligible,D9"
t "lijin: 高中 and 职高 are eligible" test "$(st "$TMP/l.out" L4)$(st "$TMP/l.out" L5)" = "eligible,eligible,"

gw-screen -p shanxi $A -b dishonest.csv cands.csv >"$TMP/s.out" 2>/dev/null
t "shanxi: D1 still on" test "$(st "$TMP/s.out" C002)" = "ineligible,D1"
t "shanxi: D2 D4 D6 off" test "$(st "$TMP/s.out" C003)$(st "$TMP/s.out" C005)$(st "$TMP/s.out" C007)" = "eligible,eligible,eligible,"
t "shanxi: D7 off (a D7 list hit counts for nothing)" test "$(st "$TMP/s.out" C008)" = "eligible,"
t "shanxi: D9 off, and no R90 either" test "$(st "$TMP/s.out" C010)$(st "$TMP/s.out" C034)" = "eligible,eligible,"
# 行政拘留 is a public-security administrative penalty: with D4 off, D5
# (on in shanxi, S0 治安管理处罚) still sends the remark to review
t "shanxi: remark 行政拘留 goes to review by D5 though D4 is off" test "$(st "$TMP/s.out" C027)" = "review,R4"
t "shanxi: a remark tied to no rule still goes to review" test "$(st "$TMP/s.out" C030)" = "review,R8"
cut -d, -f1-10,12- cands.csv >"$TMP/nopend.csv"
gw-screen -p shanxi $A "$TMP/nopend.csv" >"$TMP/out" 2>/dev/null
t "shanxi: the flag column of a rule switched off may be missing" test $? -eq 0
gw-screen $A "$TMP/nopend.csv" >"$TMP/out" 2>"$TMP/err"
t "gansu: the same column is required" sh -c \
    'test $0 -eq 2 && grep -q "missing column '\''pending_case'\''" "$1/err"' $? "$TMP"

mkdir "$TMP/county"
printf 'R1\t-\t赌博\n' >"$TMP/county/remarks.tsv"
cat >"$TMP/county/county.conf" <<'P'
include = gansu
[screen]
written_weight = 0.6
priority = party_member veteran
D10 = off
remarks = ./remarks.tsv
P
gw-screen -p "$TMP/county/county.conf" $A cands.csv >"$TMP/c.out" 2>"$TMP/c.err"
t "-p FILE: written_weight 0.6 gives 85.5 and 90 a total of 87.30" \
    test "$(awk -F, '$1 == "C001" { print $(NF-2) }' "$TMP/c.out")" = "87.30"
t "-p FILE: priority counts only party_member and veteran" \
    test "$(awk -F, '$1 == "C001" { print $(NF-3) }' "$TMP/c.out")" = "1"
t "-p FILE: D10 off: an invalid number is not D10, and not reported" sh -c \
    'test "$(awk -F, '\''$1 == "C011" { print $(NF-6) "," $(NF-5) }'\'' "$1/c.out")" = "eligible," && ! grep -q D10 "$1/c.err"' sh "$TMP"
t "-p FILE: its own remark table (R1 赌博 only)" \
    test "$(st "$TMP/c.out" C033) $(st "$TMP/c.out" C027)" = "review,R1 eligible,"

printf 'include = gansu\n[screen]\nwritten_weight = 1.5\n' >"$TMP/w.conf"
gw-screen -p "$TMP/w.conf" $A cands.csv >"$TMP/out" 2>"$TMP/err"
t "written_weight 1.5: exit 2 naming FILE:LINE" sh -c \
    'test $0 -eq 2 && grep -q "w.conf:3: key '\''written_weight'\''" "$1/err" && test ! -s "$1/out"' $? "$TMP"
printf 'include = gansu\n[screen]\nremarks = ./bad.tsv\n' >"$TMP/r.conf"
printf '# comment\nR1\tdetained\t拘留(\n' >"$TMP/bad.tsv"
gw-screen -p "$TMP/r.conf" $A cands.csv >"$TMP/out" 2>"$TMP/err"
t "bad remark pattern: exit 2 naming FILE:LINE" sh -c \
    'test $0 -eq 2 && grep -q "bad.tsv:2: bad pattern" "$1/err"' $? "$TMP"
printf 'include = gansu\n[screen]\neducation_min = 学前\n' >"$TMP/e.conf"
gw-screen -p "$TMP/e.conf" $A cands.csv >"$TMP/out" 2>"$TMP/err"
t "education_min off the ladder: exit 2" sh -c \
    'test $0 -eq 2 && grep -q "e.conf:3: key '\''education_min'\'': not on the ladder" "$1/err"' $? "$TMP"
