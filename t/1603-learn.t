#!/bin/sh
# event-report --learn: the officers' corrections go into the county's
# own corpus ([event] learned), replacing a text they repeat, and the
# county's model ([event] model) is trained again; the county's model
# never outranks the rules.
. "$(dirname "$0")/lib.sh"
plan 8
cd "$TMP" || exit 2
cat > county.conf <<'CONF'
include = gansu
[event]
model = ./county.lm
learned = ./county.tsv
CONF
cat > fix.csv <<'CSV'
event_id,category,text
F1,09,今日巡查网格，情况正常，无异常
F2,01,他扬言要杀了那个人
CSV
cat > ev.csv <<'CSV'
event_id,grid_code,reported_at,found_at,source,reporter_id,category,text
E1,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,今日巡查网格，情况正常，无异常
E2,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,他扬言要杀了那个人
CSV
t "learning writes the county's corpus and model, exit 0" sh -c '
	event-report --learn -p county.conf fix.csv 2> e && test -s county.lm &&
	grep -q "learned 2 corrections (2 new texts" e'
t "the county's corpus holds the corrections" sh -c '
	test "$(cat county.tsv)" = "$(printf "category\ttext\n09\t今日巡查网格，情况正常，无异常\n01\t他扬言要杀了那个人")"'
t "the retrained model has learned the correction" sh -c '
	event-report --classify -p county.conf -o jsonl ev.csv |
	jq -e -s ".[0].category == \"09\" and .[0].category_source == \"model\""'
t "the county's model never outranks the rules" sh -c '
	event-report --classify -p county.conf -o jsonl ev.csv |
	jq -e -s ".[1].category == \"02\" and .[1].category_source == \"rule\""'
printf 'event_id,category,text\nF3,12,今日巡查网格，情况正常，无异常\n' > fix2.csv
t "a later correction replaces the text it repeats" sh -c '
	event-report --learn -p county.conf fix2.csv 2> e &&
	grep -q "1 relabelled" e && test $(grep -c . county.tsv) -eq 3 &&
	grep -q "^12	今日巡查网格" county.tsv'
cp county.lm once.lm
t "learning the same again gives the same model" sh -c '
	event-report --learn -p county.conf fix2.csv 2> e && cmp once.lm county.lm'
printf 'event_id,category,text\nF4,77,随便\n' > bad.csv
t "a category the policy lacks is rejected, exit 1" sh -c '
	event-report --learn -p county.conf bad.csv 2> e; test $? -eq 1 &&
	grep -q "bad.csv:2: column .category.: category .77. is not in policy" e'
t "a policy without event.learned refuses, exit 2" sh -c '
	event-report --learn fix.csv 2> e; test $? -eq 2 && grep -q "event.learned" e'
