#!/bin/sh
# gw-screen remark patterns (share/screen/remarks-gansu.tsv): each word
# with its flag 0 goes to review with the pattern's R-code; with its flag
# 1 the candidate is ineligible for the flag alone (no review reason);
# words tied to no flag always review; negated mentions pass.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/cases" <<'C'
拘留	detained	R4	D4
曾被司法拘留	detained	R4	D4
判处有期徒刑一年	criminal_penalty	R1	D1
缓刑二年	criminal_penalty	R1	D1
受过刑事处罚	criminal_penalty	R1	D1
因交通肇事涉嫌犯罪，尚未结案	pending_case	R2	D2
被开除公职	dismissed	R6	D6
被纪委立案审查	under_investigation	R3	D3
受过治安处罚	admin_penalty	R5	D5
受过治安管理处罚	admin_penalty	R5	D5
曾吸毒	-	R8	-
无犯罪记录	-	-	-
未受过刑事处罚	-	-	-
无前科	-	-	-
表现良好	-	-	-
C
n=$(wc -l <"$TMP/cases")
plan $((2 * n))

# two candidates a case: its flag 0 (A), its flag 1 (B)
awk -F '\t' -v OFS=, '
function ck(d17,   s, i) {
	s = 0
	for (i = 1; i <= 17; i++)
		s += substr(d17, i, 1) * W[i]
	return substr("10X98765432", s % 11 + 1, 1)
}
function row(id, seq, rem, fl,   d17, f, i, out) {
	d17 = sprintf("62010219900101%03d", seq)
	split("criminal_penalty pending_case under_investigation detained admin_penalty dismissed", F, " ")
	out = id OFS d17 ck(d17) OFS "某" OFS "本科" OFS "0,,0,0,0"
	for (i = 1; i <= 6; i++)
		out = out OFS (F[i] == fl ? 1 : 0)
	print out, rem, 80, 80, "620102001001001"
}
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
	print "candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code"
}
{ row("A" NR, 2 * NR, $1, ""); row("B" NR, 2 * NR + 1, $1, $2) }' "$TMP/cases" >"$TMP/c.csv"

gw-screen --as-of 2026-10-08 "$TMP/c.csv" >"$TMP/out" 2>"$TMP/err" ||
	{ echo "# gw-screen failed"; sed 's/^/# /' "$TMP/err"; }
st() { awk -F, -v id="$1" '$1 == id { print $(NF-6) "," $(NF-5) }' "$TMP/out"; }
i=0
while IFS='	' read -r words flag r dq; do
	i=$((i + 1))
	case $r in -) want=eligible, ;; *) want=review,$r ;; esac
	t "'$words' with no flag: $want" test "$(st A$i)" = "$want"
	if [ "$flag" = - ]; then
		t "'$words' (no flag to set): still $want" test "$(st B$i)" = "$want"
	else
		t "'$words' with $flag 1: ineligible,$dq and no review code" \
		    test "$(st B$i)" = "ineligible,$dq"
	fi
done <"$TMP/cases"
