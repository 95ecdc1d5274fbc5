#!/bin/sh
# score-month -d: the inputs of the indicators a county adds (tasks,
# marks, keyvisits; share/sql/006) read from the store, loaded by
# gw-load, give the scores their files give (t/1500): a task due on a
# bare date keeps its day's end in the store, the month's rows are read
# and no other month's; a file given still overrides the store's table.
. "$(dirname "$0")/lib.sh"
plan 9

I=$T_DIR/score-month/ind
E=$T_DIR/score-month/edge
cd "$TMP" || exit 2
A="--month 2026-10 --workers $E/workers.csv --grids $E/grids.csv"
A="$A --assignment $E/assignment.csv --events $E/events.csv"
A="$A --cases $E/cases.csv --patrols $E/patrols.csv --visits $E/visits.csv"
A="$A --logins $E/logins.csv --trainings $E/trainings.csv --bonus $E/bonus.csv"

gw-load -d s.db tasks "$I/tasks.csv" 2> load.err
t "tasks: a second T1 and a deadline that is no time refused by the store" sh -c '
	[ $1 -eq 1 ] && grep -q "tasks.csv:10: " load.err && grep -q "tasks.csv:11: column .deadline." load.err' - $?
t "a bare date stays a date in the store, a time a time" [ "$(sqlite3 s.db "SELECT deadline FROM tasks WHERE task_id IN ('T6', 'T3') ORDER BY task_id")" = "2026-10-25 18:00:00
2026-10-28" ]
gw-load -d s.db marks "$I/marks.csv" 2>> load.err
t "marks: a mark over 100 and a second mark refused" sh -c '
	[ $1 -eq 1 ] && [ "$(sqlite3 s.db "SELECT count(*) FROM marks")" -eq 4 ]' - $?
gw-load -d s.db keyvisits "$I/keyvisits.csv" 2>> load.err
t "keyvisits: every row, the grid without a worker too" [ "$(sqlite3 s.db "SELECT count(*) FROM keyvisits WHERE worker_id IS NULL")" = 1 ]

# shellcheck disable=SC2086
score-month $A -d s.db -p "$I/county.conf" > county.out 2> county.err
t "county from the store: exit 1 (W99's task)" [ $? -eq 1 ]
t "county from the store: the scores of the files" test_cmp "$I/county.out" county.out
t "a store row rejected is named STORE:TABLE:N" grep -q "^score-month: s.db:tasks:[0-9]*: column 'worker_id': unknown worker 'W99'" county.err
# shellcheck disable=SC2086
score-month $A -d s.db -p "$I/visits.conf" > visits.out 2> /dev/null
t "visits from the store: the scores of the files" test_cmp "$I/visits.out" visits.out
printf 'month,worker_id,department,mark\n' > nomarks.csv
# shellcheck disable=SC2086
score-month $A -d s.db -p "$I/county.conf" --marks nomarks.csv > over.out 2> /dev/null
t "a --marks file overrides the store's: no mark, another score" sh -c '! cmp -s "$1" over.out' - "$I/county.out"
