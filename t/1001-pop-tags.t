#!/bin/sh
# pop-report tags: free spellings map to the policy's tags, separators
# ';' '；' '、' ',' and blanks around, a tag given twice counts once; an
# unknown tag is reported as FILE:LINE: column 'tags': unknown tag 'x',
# counted in unknown_tag and the summary, and its person still counted
# (exit 0: the row is fine but for the tag).
. "$(dirname "$0")/lib.sh"
plan 8

cat >"$TMP/a.csv" <<'X'
household_id,grid_code
H1,140824100200001
H2,140824100200001
H3,140824100200001
H4,140824100200001
X
cat >"$TMP/p.csv" <<'X'
id_number,name,household_id,relation,village_code,block,address,phone,tags
140824198001010318,a,H1,户主,140824100200,一组,1号,,社区矫正
140824198001010326,b,H2,户主,140824100200,一组,2号,,矫正对象
140824197005050339,c,H3,户主,140824100200,一组,3号,,"社矫,低保户"
140824198507070342,d,H4,户主,140824100200,一组,4号,,社区矫正对象；社区矫正 、 残疾 ;xyz;
140824196601010355,e,H4,配偶,140824100200,一组,4号,,吸毒人员;外星人;xyz
X
col() {	# col NAME: the value of column NAME in line 2 of $TMP/o
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i }
		NR == 2 { print $c }' "$TMP/o"
}
pop-report --as-of 2026-10-31 --by county "$TMP/p.csv" "$TMP/a.csv" >"$TMP/o" 2>"$TMP/e"
rc=$?
t "an unknown tag alone leaves the exit status 0" test $rc -eq 0
t "社区矫正, 矫正对象, 社矫, 社区矫正对象 are one tag, counted once a person" test "$(col 社区矫正)" = 4
t "吸毒人员 is 涉邪涉毒, 低保户 is 低保, 残疾 is 残疾人" test "$(col 涉邪涉毒),$(col 低保),$(col 残疾人)" = 1,1,1
t "persons with unknown tags are counted, once each" test "$(col residents),$(col unknown_tag)" = 5,2
cat >"$TMP/want" <<X
pop-report: $TMP/p.csv:5: column 'tags': unknown tag 'xyz'
pop-report: $TMP/p.csv:6: column 'tags': unknown tag '外星人'
pop-report: $TMP/p.csv:6: column 'tags': unknown tag 'xyz'
X
t "every unknown tag is reported with file and line" sh -c '
	grep "column .tags." "$1/e" | diff -u "$1/want" -' - "$TMP"
t "the summary counts the persons with unknown tags" \
	grep -q "^pop-report: 2 persons with unknown tags;" "$TMP/e"

printf 'include = gansu\n[pop]\ntag.外星人 = 外星人 xyz\n' >"$TMP/x.conf"
t "a policy that knows the spelling makes it a tag (a column of its own)" sh -c '
	pop-report -p "$1/x.conf" --as-of 2026-10-31 --by county "$1/p.csv" \
		"$1/a.csv" >"$1/o" 2>"$1/e" && ! grep -q "column .tags." "$1/e" &&
	head -1 "$1/o" | grep -q ",外星人,unknown_tag," &&
	sed -n 2p "$1/o" | grep -q ",2,0,[0-9]*,[0-9]*\$"' - "$TMP"

printf 'include = gansu\n[pop]\ntag.外星人 = 社矫\n' >"$TMP/y.conf"
t "a spelling given to two tags is a policy error (exit 2)" sh -c '
	pop-report -p "$1/y.conf" --as-of 2026-10-31 "$1/p.csv" "$1/a.csv" \
		>/dev/null 2>"$1/e"; test $? -eq 2 && grep -q "spelling .社矫. belongs to two tags" "$1/e"' - "$TMP"
