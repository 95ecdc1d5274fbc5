#!/bin/sh
# An invisible character (U+FEFF, U+200B, ...) inside an identifier
# column is a rejected value in every command that reads tables
# (lib/input.c), so a BOM pasted into a worker id never makes a second
# worker; a code refuses it by its own check; free text keeps its own;
# gw-csv, a converter, passes it on.
. "$(dirname "$0")/lib.sh"
plan 6
cd "$TMP" || exit 2
BOM=$(printf '\357\273\277')
ZW=$(printf '\342\200\213')
{
	echo "event_id,grid_code,reported_at,category,text"
	echo "E1,140824100200001,2026-11-02 09:00,01,邻里吵架"
	echo "${BOM}E1,140824100200001,2026-11-02 09:00,01,邻里吵架"
	echo "E2,1408241002${ZW}00001,2026-11-02 09:00,01,邻里吵架"
	echo "E3,140824100200001,2026-11-02 09:00,01,文字里${ZW}可以有"
} > ev.csv
t "case-route: the BOM'd id and the code with U+200B are rejected" eval '
	rc_is 1 case-route -r rej.csv ev.csv > o.csv 2> err &&
	grep -q "^case-route: ev.csv:3: column .event_id.: invisible character U+FEFF$" err &&
	grep -q "^case-route: ev.csv:4: column .grid_code.: bad grid code .*not a digit" err'
t "... one order for E1, and E3 whose text holds one" eval '
	test "$(cut -d, -f2 o.csv | sed 1d | tr "\n" " ")" = "E1 E3 "'
t "... rows in = accepted + rejected in the rejects file" eval '
	test "$(sed 1d rej.csv | wc -l)" -eq 2'
{
	echo "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
	echo "E1,140824100200001,2026-10-02 09:00,,worker,W1,01,x"
	echo "E2,140824100200001,2026-10-02 09:00,,worker,W1${BOM},01,x"
} > ev2.csv
t "event-report: a reporter id with a BOM is rejected" eval '
	rc_is 1 event-report --period month --at 2026-10-15 ev2.csv > o 2> err &&
	grep -q "ev2.csv:3: column .reporter_id.: invisible character U+FEFF" err'
t "gw-csv passes it through unchanged" eval '
	gw-csv ev.csv > c.csv && grep -q "^${BOM}E1," c.csv'
printf 'worker_id,month,points,reason\nW1,2026-10,1,表扬\n' > b.csv
t "an ordinary file is untouched" eval 'gw-csv b.csv | cmp -s - b.csv'
