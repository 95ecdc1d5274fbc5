#!/bin/sh
# event-report: each reason an event is rejected (bad grid code, an
# unparseable reported_at or found_at, a duplicate event_id, reported_at
# before found_at, an unknown source, an empty event_id, a ragged row),
# said as FILE:LINE: column 'x': reason and kept in the -r file; rows in
# = accepted + rejected; exit 1.  Usage and fatal errors exit 2 with
# nothing on stdout.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 17

rc=0
event-report --period month --at 2026-10-01 -r "$TMP/rej.csv" "$D/reject.csv" \
	> "$TMP/o.csv" 2> "$TMP/e" || rc=$?
t "exit 1 when rows were rejected" test $rc -eq 1
has() { grep -q -F "$1" "$TMP/e" || { cat "$TMP/e"; return 1; }; }
t "bad grid code: 14 digits" has "reject.csv:3: column 'grid_code': bad grid code '62010200100100'"
t "bad grid code: sequence 000" has "reject.csv:4: column 'grid_code': bad grid code '620102001001000': sequence 000"
t "unparseable reported_at" has "reject.csv:5: column 'reported_at': unparseable time '2026-13-01 09:00'"
t "unparseable found_at" has "reject.csv:6: column 'found_at': unparseable time '昨天下午'"
t "duplicate event_id" has "reject.csv:7: column 'event_id': duplicate event_id 'R01'"
t "reported_at before found_at" has "reject.csv:8: column 'reported_at': reported_at 2026-10-08 07:59 is before found_at 2026-10-08 08:00"
t "unknown source" has "reject.csv:9: column 'source': unknown source 'wechat'"
t "empty event_id" has "reject.csv:10: column 'event_id': empty event_id"
t "ragged row" has "reject.csv:11: expected 8 fields, found 7"
t "count said: 9 of 11" has "9 of 11 rows rejected"
t "rejects file: header + 9 rows, each with file,line,column,reason and the row, the duplicate last" sh -c '
	[ "$(head -1 "$1")" = "file,line,column,reason,event_id,grid_code,reported_at,found_at,source,reporter_id,category,text" ] &&
	[ "$(awk -F, "NR > 1 { print \$2 }" "$1" | tr "\n" " ")" = "3 4 5 6 8 9 10 11 7 " ]' - "$TMP/rej.csv"
t "the two good rows counted (热线 read as hotline, first R01 kept)" sh -c '
	[ "$(sed -n 2p "$1")" = "2026-10,620102,county,01,2,1,0,1,0,0,0,0," ]' - "$TMP/o.csv"
t "classify: rows in = written + rejected" sh -c '
	rc=0; event-report --classify "$1" > "$2/c.csv" 2> /dev/null || rc=$?
	[ $rc -eq 1 ] && [ $(($(wc -l < "$2/c.csv") - 1)) -eq 2 ]' - "$D/reject.csv" "$TMP"

printf 'event_id,grid_code,reported_at,source\nX1,620102001001001,2026-10-08 09:00,worker\n' > "$TMP/nf.csv"
t "missing column found_at: exit 2, named, stdout empty" sh -c '
	rc=0; event-report --period month --at 2026-10-01 "$1/nf.csv" > "$1/o" 2> "$1/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "missing column .found_at." "$1/e" && [ ! -s "$1/o" ]' - "$TMP"
t "no --at is a usage error, never today" sh -c '
	rc=0; event-report --period month "$1" > /dev/null 2> "$2/e" || rc=$?
	[ $rc -eq 2 ] && grep -q "missing --at" "$2/e"' - "$D/period.csv" "$TMP"
t "classify: a later file without a column fails before anything is written" sh -c '
	rc=0; event-report --classify "$1" "$2/nf.csv" > "$2/o" 2> "$2/e" || rc=$?
	[ $rc -eq 2 ] && [ ! -s "$2/o" ] && grep -q "nf.csv: missing column .found_at." "$2/e"' - "$D/period.csv" "$TMP"
