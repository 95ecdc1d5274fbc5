#!/bin/sh
# gw-screen education: every spelling of share/screen/education.tsv is
# recognised and placed on the ladder (D9 below 初中 in gansu, below 高中
# in lijin); unknown or empty spellings go to review (R90), never to a
# silent pass or refusal.
. "$(dirname "$0")/lib.sh"

cd "$T_DIR/gw-screen" || exit 2
grep -v '^#' "$GRIDWORK_SHARE/screen/education.tsv" >"$TMP/edu"
printf '博士后\t?\n大学\t?\n文盲\t?\n(empty)\t?\n　本科　\t本科\n' >>"$TMP/edu"
n=$(wc -l <"$TMP/edu")
plan $((2 * n))

# one candidate a spelling, each with its own valid identity number
awk -F '\t' -v OFS=, '
function ck(d17,   s, i) {
	s = 0
	for (i = 1; i <= 17; i++)
		s += substr(d17, i, 1) * W[i]
	return substr("10X98765432", s % 11 + 1, 1)
}
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
	print "candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code"
}
{
	d17 = sprintf("62010219900101%03d", NR)
	if ($1 == "(empty)")
		$1 = ""
	print sprintf("E%03d", NR), d17 ck(d17), "某" NR, $1, 0, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, "", 80, 80, "620102001001001"
}' "$TMP/edu" >"$TMP/c.csv"

for p in gansu lijin; do
	gw-screen -p $p --as-of 2026-10-08 "$TMP/c.csv" >"$TMP/$p.out" 2>"$TMP/$p.err" ||
		{ echo "# gw-screen -p $p failed"; cat "$TMP/$p.err"; }
done
i=0
while IFS='	' read -r spelling level; do
	i=$((i + 1))
	for p in gansu lijin; do
		case $level in
		'?') want=review,R90 ;;
		小学) want=ineligible,D9 ;;
		初中) [ $p = lijin ] && want=ineligible,D9 || want=eligible, ;;
		*) want=eligible, ;;
		esac
		got=$(awk -F, -v id="$(printf 'E%03d' $i)" '$1 == id { print $20 "," $21 }' "$TMP/$p.out")
		t "$p: '$spelling' ($level) is $want" test "$got" = "$want"
	done
done <"$TMP/edu"
