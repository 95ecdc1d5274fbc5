#!/bin/sh
# gw-screen: a remark pattern names every rule its matter falls under
# (share/screen/remarks-gansu.tsv), and a remark goes to review under
# every profile that switches on any of them.  Administrative detention
# (行政拘留) is a public-security administrative penalty, so under
# shanxi and jishan (D4 off, D5 on) it is reviewed, not passed,
# selected and published; judicial detention (司法拘留) is D4 alone.
. "$(dirname "$0")/lib.sh"

# remark, then the status,reasons under gansu shanxi jishan lijin
cat >"$TMP/cases" <<'C'
2019年因打架被行政拘留5日	review,R4	review,R4	review,R4	review,R4
曾被治安拘留十日	review,R4	review,R4	review,R4	review,R4
曾被司法拘留	review,R4	eligible,	eligible,	review,R4
曾被拘留	review,R4	review,R4	review,R4	review,R4
被刑事拘留后释放	review,R4	review,R4	review,R4	review,R4
曾被羁押	review,R4	review,R4	review,R4	review,R4
曾被关押	review,R4	review,R4	review,R4	review,R4
涉嫌盗窃，尚未结案	review,R2	review,R2	review,R2	review,R2
取保候审期间	review,R2	review,R2	review,R2	review,R2
被纪委立案审查	review,R3	review,R3	review,R3	review,R3
正在接受纪律审查	review,R3	review,R3	review,R3	review,R3
受过治安处罚	review,R5	review,R5	review,R5	review,R5
判处有期徒刑一年	review,R1	review,R1	review,R1	review,R1
被开除公职	review,R6	eligible,	eligible,	review,R6
已被列入失信被执行人名单	review,R7	eligible,	eligible,	review,R7
曾吸毒	review,R8	review,R8	review,R8	review,R8
无违法犯罪记录	eligible,	eligible,	eligible,	eligible,
C
n=$(wc -l <"$TMP/cases")
plan $((4 * n + 9))

H=candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code
# gen ID SEQ REMARK FLAGCOL [WRITTEN]: one candidate row, flags 0 but FLAGCOL
gen() {
	awk -v OFS=, -v id="$1" -v seq="$2" -v rem="$3" -v fl="$4" -v wr="${5:-80}" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
		d17 = sprintf("62010219900101%03d", seq); s = 0
		for (i = 1; i <= 17; i++) s += substr(d17, i, 1) * W[i]
		out = id OFS d17 substr("10X98765432", s % 11 + 1, 1) OFS "某" OFS "本科" OFS "0,,0,0,0"
		split("criminal_penalty pending_case under_investigation detained admin_penalty dismissed", F, " ")
		for (i = 1; i <= 6; i++) out = out OFS (F[i] == fl ? 1 : 0)
		print out, rem, wr, 80, "620102001001001"
	}'
}
{ echo "$H"; i=0
  while IFS='	' read -r rem g s j l; do i=$((i + 1)); gen "A$i" "$i" "$rem" -; done <"$TMP/cases"
} >"$TMP/c.csv"

st() { awk -F, -v id="$2" '$1 == id { print $(NF-6) "," $(NF-5) }' "$1"; }
for p in gansu shanxi jishan lijin; do
	gw-screen -p $p --as-of 2026-10-08 "$TMP/c.csv" >"$TMP/$p.out" 2>"$TMP/$p.err" ||
		{ echo "# gw-screen -p $p failed"; sed 's/^/# /' "$TMP/$p.err"; }
done
i=0
while IFS='	' read -r rem g s j l; do
	i=$((i + 1))
	t "gansu: '$rem' is $g" test "$(st "$TMP/gansu.out" A$i)" = "$g"
	t "shanxi: '$rem' is $s" test "$(st "$TMP/shanxi.out" A$i)" = "$s"
	t "jishan: '$rem' is $j" test "$(st "$TMP/jishan.out" A$i)" = "$j"
	t "lijin: '$rem' is $l" test "$(st "$TMP/lijin.out" A$i)" = "$l"
done <"$TMP/cases"

# the flags: a rule that applies already decides the matter
{ echo "$H"
  gen F1 101 曾被行政拘留 detained
  gen F2 102 曾被行政拘留 admin_penalty
  gen F3 103 曾被拘留 detained
} >"$TMP/f.csv"
gw-screen --as-of 2026-10-08 "$TMP/f.csv" >"$TMP/fg.out" 2>/dev/null
gw-screen -p shanxi --as-of 2026-10-08 "$TMP/f.csv" >"$TMP/fs.out" 2>/dev/null
t "gansu: 行政拘留 with detained 1 is D4 alone, no review code" \
	test "$(st "$TMP/fg.out" F1)" = "ineligible,D4"
t "gansu: 行政拘留 with admin_penalty 1 is D5 alone, no review code" \
	test "$(st "$TMP/fg.out" F2)" = "ineligible,D5"
t "shanxi: 行政拘留 with detained 1 (D4 off) still goes to review by D5" \
	test "$(st "$TMP/fs.out" F1)" = "review,R4"
t "shanxi: 行政拘留 with admin_penalty 1 is D5" \
	test "$(st "$TMP/fs.out" F2)" = "ineligible,D5"

# the case of the issue: under shanxi the detained candidate ranked
# first, was selected and was published
{ echo "$H"
  gen V1 201 2019年因打架被行政拘留5日 - 95
  gen V2 202 表现良好 - 85
} >"$TMP/v.csv"
printf 'grid_code,vacancies\n620102001001001,1\n' >"$TMP/vac.csv"
for p in shanxi jishan; do
	gw-screen -p $p --as-of 2026-10-08 --vacancies "$TMP/vac.csv" "$TMP/v.csv" >"$TMP/v.$p" 2>/dev/null
	gw-screen -p $p --as-of 2026-10-08 --vacancies "$TMP/vac.csv" --publicity "$TMP/v.csv" >"$TMP/n.$p" 2>/dev/null
done
t "shanxi: the detained candidate is review, unranked, not selected" \
	test "$(awk -F, '$1 == "V1" { print $(NF-6) "," $(NF-1) "," $NF }' "$TMP/v.shanxi")" = "review,,0"
t "shanxi: the other is rank 1 and selected" \
	test "$(awk -F, '$1 == "V2" { print $(NF-1) "," $NF }' "$TMP/v.shanxi")" = "1,1"
t "shanxi and jishan: the public notice names only the other (82.50, not 87.50)" sh -c "
	test \$(wc -l < '$TMP/n.shanxi') -eq 2 && ! grep -q '87.50' '$TMP/n.shanxi' &&
	grep -q ',82.50,1\$' '$TMP/n.shanxi' && cmp '$TMP/n.shanxi' '$TMP/n.jishan'"

# every line of the shipped table is valid under every profile, and a
# related word that names no rule is an error naming FILE:LINE
mkdir "$TMP/bad" && printf 'include = gansu\n[screen]\nremarks = ./r.tsv\n' >"$TMP/bad/p.conf"
printf 'R4\tD4,D11\t拘留\n' >"$TMP/bad/r.tsv"
gw-screen -p "$TMP/bad/p.conf" --as-of 2026-10-08 "$TMP/c.csv" >"$TMP/out" 2>"$TMP/err"
t "related 'D4,D11': exit 2 naming r.tsv:1 and D11, stdout empty" sh -c \
	"test \$0 -eq 2 && grep -q \"r.tsv:1: related 'D4,D11': 'D11' is neither\" '$TMP/err' && test ! -s '$TMP/out'" $?

# gw-screen(1) lists, line by line, the rules each pattern of the table
# names, so the page cannot drift from the table
awk -F '\t' '/^#/ || NF < 3 { next } {
	n = split($2, w, ","); out = ""
	for (i = 1; i <= n; i++) {
		r = w[i]
		sub(/^criminal_penalty$/, "D1", r); sub(/^pending_case$/, "D2", r)
		sub(/^under_investigation$/, "D3", r); sub(/^detained$/, "D4", r)
		sub(/^admin_penalty$/, "D5", r); sub(/^dismissed$/, "D6", r)
		sub(/^-$/, "none: always", r)
		out = out (i > 1 ? " " : "") r
	}
	print $1 " " out }' "$TOP/share/screen/remarks-gansu.tsv" >"$TMP/tsv.rules"
sed -n '/^\.It Em code Ta/,/^\.El/p' "$TOP/man/gw-screen.1" |
	sed -n 's/^\.It \(R[0-9]*\) Ta \(.*\) Ta .*/\1 \2/p' | sed 's/\\&//g' >"$TMP/man.rules"
t "gw-screen(1) names the rules of every pattern line of remarks-gansu.tsv" \
	sh -c "test \$(wc -l < '$TMP/tsv.rules') -eq 13 && diff -u '$TMP/tsv.rules' '$TMP/man.rules'"
