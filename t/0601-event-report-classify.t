#!/bin/sh
# event-report --classify: a given category kept (code, full-width code,
# name), an unknown or empty one taken from the first matching rule, no
# match left empty; rule order decides; Chinese text with full-width
# punctuation and line breaks (LF and CRLF) inside quotes passes through.
. "$(dirname "$0")/lib.sh"
# the rules engine alone: gansu's full rule list, without the model
# (issue 22 put a model before it; t/16xx test the model)
GW_POLICY=$T_DIR/event-report/rules-only.conf
export GW_POLICY
D=$T_DIR/event-report
plan 16

t "golden classification of every case" sh -c '
	event-report --classify "$1/classify.csv" > "$2/o.csv" &&
	diff -u "$1/classify.out" "$2/o.csv"' - "$D" "$TMP"

event-report --classify -o jsonl "$D/classify.csv" > "$TMP/o.jsonl"
j() { jq -e -s "$1" "$TMP/o.jsonl" > /dev/null; }
t "given code kept though the text reads as a dispute" \
	j '.[0].category == "04" and .[0].category_source == "given" and .[0].urgency == "urgent"'
t "empty category: rule" j '.[1].category == "01" and .[1].category_source == "rule"'
t "unknown code 99: rule, second level 0703 urgent" \
	j '.[2].category == "0703" and .[2].category_source == "rule" and .[2].urgency == "urgent"'
t "no rule matches: none, category and urgency empty" \
	j '.[3].category == "" and .[3].category_source == "none" and .[3].urgency == ""'
t "full-width code ０７０３ given" j '.[4].category == "0703" and .[4].category_source == "given"'
t "category name 矛盾纠纷 given as 01" j '.[5].category == "01" and .[5].category_source == "given"'
t "threat outranks the dispute, text with a line break kept" \
	j '.[6].category == "02" and .[6].urgency == "immediate" and (.[6].text | test("\n乙扬言"))'
t "CRLF inside quotes kept byte for byte" \
	j '.[7].category == "01" and .[7].text == "（情况说明）\r\n楼上漏水；\r\n两家扯皮。"'
t "extra column carried, every row once" j 'length == 10 and all(.[]; has("note"))'

# rule order: the same two rules in both orders
t "--rules: first rule 01 wins" sh -c '
	event-report --classify --rules "$1/order.tsv" -o jsonl "$1/classify.csv" |
	jq -e -s ".[1].category == \"01\""' - "$D"
t "policy with its own rules file (./ beside it): first rule 02 wins" sh -c '
	event-report --classify -p "$1/order.conf" -o jsonl "$1/classify.csv" |
	jq -e -s ".[1].category == \"02\" and .[2].category_source == \"none\""' - "$D"

# a second file with its columns in another order is mapped by name
t "second file, columns reordered, mapped by name" sh -c '
	awk -F, -v OFS=, "NR == 1 { print \$8, \$1, \$2, \$3, \$4, \$5, \$6, \$7 } NR == 3 { print \$8, \$1 \"b\", \$2, \$3, \$4, \$5, \$6, \$7 }" \
		"$1/classify.csv" > "$2/b.csv" &&
	event-report --classify -o jsonl "$1/classify.csv" "$2/b.csv" |
	jq -e -s "length == 11 and .[10].event_id == \"C02b\" and .[10].category == \"01\" and .[10].note == \"\""' - "$D" "$TMP"

# bad rules are fatal and say where
printf '01\t吵架\n99\t什么\n' > "$TMP/bad1.tsv"
printf '01\t吵架(\n' > "$TMP/bad2.tsv"
t "rule with a category the policy lacks: exit 2, FILE:LINE" sh -c '
	rc=0; event-report --classify --rules "$1/bad1.tsv" "$2/classify.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "bad1.tsv:2: category .99. is not in policy" "$1/e" && [ ! -s "$1/o" ]' - "$TMP" "$D"
t "bad pattern: exit 2, FILE:LINE" sh -c '
	rc=0; event-report --classify --rules "$1/bad2.tsv" "$2/classify.csv" > /dev/null 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "bad2.tsv:1: bad pattern" "$1/e"' - "$TMP" "$D"
t "--classify with a period is a usage error" rc_is 2 \
	event-report --classify --period month --at 2026-10-01 "$D/classify.csv"
