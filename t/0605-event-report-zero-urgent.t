#!/bin/sh
# event-report --zero -G GRIDS: the grids of the grid table with no event
# reported by a worker in the period; --urgent: the immediate and urgent
# events of the period, oldest first, with their delay.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 9

t "zero-report grids of 2026-12 (golden)" sh -c '
	event-report --period month --at 2026-12-15 --zero -G "$1/grids.csv" "$1/zero.csv" > "$2/z.csv" &&
	diff -u "$1/zero-2026-12.out" "$2/z.csv"' - "$D" "$TMP"
event-report --period month --at 2026-12-15 --zero -G "$D/grids.csv" "$D/zero.csv" > "$TMP/z.csv"
t "a grid with resident and hotline events only is silent, events 2" \
	grep -q '^2026-12,620102001001002,620102001001,620102001,2,0$' "$TMP/z.csv"
t "a worker event only last month: silent now, prev_by_worker 1" \
	grep -q '^2026-12,620102002001901,620102002001,620102002,0,1$' "$TMP/z.csv"
t "a worker event at 23:59 on the last day counts: not silent" sh -c '! grep -q 620102002001001 "$1"' - "$TMP/z.csv"
t "a grid outside the grid table is never listed" sh -c '! grep -q 620102003001001 "$1"' - "$TMP/z.csv"
t "--zero without -G is a usage error" rc_is 2 event-report --period month --at 2026-12-15 --zero "$D/zero.csv"

t "urgent events of 2026-12, oldest found first (golden)" sh -c '
	event-report --period month --at 2026-12-15 --urgent "$1/period.csv" > "$2/u.csv" &&
	diff -u "$1/urgent-2026-12.out" "$2/u.csv"' - "$D" "$TMP"
t "urgent: delay in minutes, late only for immediate ones" sh -c '
	event-report --period month --at 2026-12-15 --urgent -o jsonl "$1/period.csv" |
	jq -e -s "length == 5 and (map(.event_id) == [\"P09\",\"P07\",\"P08\",\"P16\",\"P15\"]) and
		.[0].late == \"\" and .[1].delay_minutes == \"61\" and .[1].late == \"1\" and .[2].late == \"0\" and
		all(.[]; .urgency == \"immediate\" or .urgency == \"urgent\")"' - "$D"
t "urgent: events of the previous period are not listed" sh -c '
	! event-report --period month --at 2026-12-15 --urgent "$1/period.csv" | grep -q "^2026-12,P12,"' - "$D"
