#!/bin/sh
# event-report --classify --explain EVENT_ID: the rule (FILE:LINE) or the
# model's confidence and n-grams that decided, instead of the events; an
# id not among the accepted events is an error.
. "$(dirname "$0")/lib.sh"
plan 6
cat > "$TMP/ev.csv" <<'CSV'
event_id,grid_code,reported_at,found_at,source,reporter_id,category,text
B1,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,他扬言要杀了村长
B2,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,楼道里堆满纸箱，还有人给电动车充电
B3,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,05,随便写的
B4,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,今天天气不错
CSV
cd "$TMP" || exit 2
t "a rule: its file and line" sh -c '
	event-report --classify --explain B1 ev.csv > o &&
	grep -q "^event B1: category 02 命案风险、扬言报复社会: rule .*/event/overrides-gansu.tsv:[0-9]*$" o &&
	test $(wc -l < o) -eq 1'
t "the model: confidence, threshold and the n-grams with their weights" sh -c '
	event-report --classify --explain B2 ev.csv > o &&
	grep -q "^event B2: category 0703 应急消防: model, confidence 0\.[0-9][0-9], threshold 0\.60$" o &&
	grep -q "^n-grams for 0703" o && grep -Eq "^  \+[0-9]+\.[0-9]{3}  .*充" o'
t "a given category" sh -c '
	event-report --classify --explain B3 ev.csv > o && grep -q "^event B3: category 05 .*: given$" o'
t "review: the model's best and its confidence below the threshold" sh -c '
	event-report --classify --explain B4 ev.csv > o &&
	grep -q "^event B4: review: the model.s best is .* at confidence 0\.[0-9][0-9], below the threshold 0\.60$" o'
t "an unknown id: exit 2, nothing on stdout" sh -c '
	event-report --classify --explain B9 ev.csv > o 2> e; test $? -eq 2 && test ! -s o &&
	grep -q "no such event_id" e'
t "--explain without --classify is a usage error" sh -c '
	event-report --explain B1 --period month --at 2026-10-08 ev.csv 2> e; test $? -eq 2'
