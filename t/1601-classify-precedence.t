#!/bin/sh
# The model after the rules (gridwork-rules(7), EVENTS, The model): a
# given category is kept; a rule of [event] rules outranks the model
# (02 over a dispute's words, 1001 over a complaint's); the model decides
# the rest, its category when sure enough, review (no category) below
# model_threshold; none without text; an empty model key: the rules alone.
. "$(dirname "$0")/lib.sh"
plan 9
cat > "$TMP/ev.csv" <<'CSV'
event_id,grid_code,reported_at,found_at,source,reporter_id,category,text
A1,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,0703,两家吵架
A2,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,两家为宅基地吵架，一方扬言要杀了对方
A3,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,走访社区矫正对象，他说和邻居因为地界吵架
A4,620102001001001,2026-10-08 09:00,2026-10-08 08:00,resident,,,楼上卫生间漏水到我家，找了几次都不管，两家吵起来了
A5,620102001001001,2026-10-08 09:00,2026-10-08 08:00,resident,,,今天天气不错
A6,620102001001001,2026-10-08 09:00,2026-10-08 08:00,resident,,,
CSV
event-report --classify -o jsonl "$TMP/ev.csv" > "$TMP/out.jsonl" 2>"$TMP/err"
j() { jq -e -s "$1" "$TMP/out.jsonl" >/dev/null; }
t "a given category is kept" j '.[0].category == "0703" and .[0].category_source == "given"'
t "a threat rule outranks the dispute's words" j '.[1].category == "02" and .[1].category_source == "rule"'
t "a visit to a person under 社区矫正 is 1001 whatever he complains of" \
	j '.[2].category == "1001" and .[2].category_source == "rule"'
t "no rule: the model decides a dispute" j '.[3].category == "01" and .[3].category_source == "model"'
t "a text that names no event goes to review, category and urgency empty" \
	j '.[4].category == "" and .[4].category_source == "review" and .[4].urgency == ""'
t "no text: none" j '.[5].category == "" and .[5].category_source == "none"'
printf 'include = gansu\n[event]\nmodel_threshold = 1\n' > "$TMP/sure.conf"
t "threshold 1: every event the rules leave goes to review" sh -c '
	event-report --classify -p "$0/sure.conf" -o jsonl "$0/ev.csv" |
	jq -e -s "[.[1,2] | .category_source] == [\"rule\", \"rule\"] and .[3].category_source == \"review\""' "$TMP"
printf 'include = gansu\n[event]\nmodel_threshold = 0\n' > "$TMP/bold.conf"
t "threshold 0: nothing with text goes to review" sh -c '
	event-report --classify -p "$0/bold.conf" -o jsonl "$0/ev.csv" |
	jq -e -s "all(.[0:5][]; .category_source != \"review\" and .category != \"\")"' "$TMP"
printf 'include = gansu\n[event]\nmodel_threshold = 2\n' > "$TMP/badth.conf"
t "a threshold out of 0..1 is a policy error, exit 2" sh -c '
	event-report --classify -p "$0/badth.conf" "$0/ev.csv" 2>"$0/e"; test $? -eq 2 &&
	grep -q "model_threshold must be a number from 0 to 1" "$0/e"' "$TMP"
