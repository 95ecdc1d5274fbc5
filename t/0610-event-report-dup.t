#!/bin/sh
# event-report: duplicate event_ids.  The second and later copies of an
# id are rejected (after every other rejected row, in input order) and
# add nothing anywhere: each mode's output equals that of the input with
# the duplicates taken out by awk, while the same rows under new ids
# would have changed it.  Duplicates far apart, several of one id, across
# files and stdin; the -r file holds them verbatim; rows in = accepted +
# rejected.  A tiny memory budget (GW_EVENT_MEM, undocumented) forces the
# temporary files, the splitting of partitions and sorting in runs, and
# changes nothing.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 29

IN=$D/dup.csv
M="--period month --at 2026-12-15"
# the reference: the bad X1 row out, then the first copy of each id
grep -v '2026-12-99' "$IN" | awk -F, '!seen[$1]++' > "$TMP/ref.csv"
# the same rows with the duplicates given new ids: what they would add
grep -v '2026-12-99' "$IN" | awk -F, 'BEGIN { OFS = "," } seen[$1]++ { $1 = $1 "-" NR } 1' > "$TMP/new.csv"

t "fixture: 9 duplicates, the last row repeats the first" sh -c '
	[ $(($(wc -l < "$1") - $(wc -l < "$2"))) -eq 10 ] &&
	[ "$(sed -n 2p "$3" | cut -d, -f1)" = "$(tail -1 "$3" | cut -d, -f1)" ]' - "$IN" "$TMP/ref.csv" "$IN"

# same MODE-ARGS...: the output of IN equals the reference's, and the
# duplicates under new ids would have changed it
same() {
	event-report "$@" "$IN" > "$TMP/got" 2> /dev/null
	[ $? -eq 1 ] || { echo "# exit status not 1"; return 1; }
	event-report "$@" "$TMP/ref.csv" > "$TMP/want" || return 1
	event-report "$@" "$TMP/new.csv" > "$TMP/more" || return 1
	diff -u "$TMP/want" "$TMP/got" || return 1
	! cmp -s "$TMP/want" "$TMP/more" || { echo "# the duplicates would change nothing"; return 1; }
}
t "report by county: as without the duplicates" same $M
t "report by township: as without (no row of a township only a duplicate named)" same $M --by township
t "report by grid" same $M --by grid
t "report by week: as without" same --period week --at 2026-12-30 --by grid
t "--urgent: as without (an exact copy listed once, no urgent copy)" same $M --urgent
t "--zero: a grid silent but for a duplicate stays silent" same $M --zero -G "$D/grids.csv"
t "--partial: as without" same $M --partial
t "--classify: as without" same --classify
t "--classify -o jsonl: as without" same --classify -o jsonl

# each column a duplicate would have moved
event-report $M "$TMP/new.csv" > "$TMP/more.csv"
event-report $M "$TMP/ref.csv" > "$TMP/want.csv"
t "fixture: the duplicates would move events, every source, immediate, late and prev_events" sh -c '
	for c in 5 6 7 8 9 10 11 12; do
		[ "$(cut -d, -f$c "$1" | md5sum)" != "$(cut -d, -f$c "$2" | md5sum)" ] || { echo "# column $c"; exit 1; }
	done' - "$TMP/more.csv" "$TMP/want.csv"

rc=0
event-report $M -r "$TMP/rej.csv" "$IN" > /dev/null 2> "$TMP/e" || rc=$?
t "exit 1" test $rc -eq 1
t "messages: the other reject first, then the duplicates in input order" sh -c '
	grep -o "dup.csv:[0-9]*: column .[a-z_]*." "$1" | tr "\n" " " > "$2/lines"
	[ "$(cat "$2/lines")" = "dup.csv:25: column '"'reported_at'"' dup.csv:27: column '"'event_id'"' dup.csv:28: column '"'event_id'"' dup.csv:29: column '"'event_id'"' dup.csv:30: column '"'event_id'"' dup.csv:31: column '"'event_id'"' dup.csv:32: column '"'event_id'"' dup.csv:33: column '"'event_id'"' dup.csv:34: column '"'event_id'"' dup.csv:36: column '"'event_id'"' " ] ||
	{ cat "$2/lines"; exit 1; }' - "$TMP/e" "$TMP"
t "message of the last row, a duplicate of the first" grep -q -F "dup.csv:36: column 'event_id': duplicate event_id 'P01'" "$TMP/e"
t "a copy of a rejected row is no duplicate: X1 accepted" sh -c '! grep -q "duplicate event_id .X1." "$1"' - "$TMP/e"
t "rows in = accepted + rejected: 10 of 35" grep -q "10 of 35 rows rejected" "$TMP/e"
t "-r: the duplicates verbatim, with their file and line" sh -c '
	awk -F, "NR > 1 && \$4 ~ /^duplicate/" "$1" > "$3/d"
	[ $(wc -l < "$3/d") -eq 9 ] || exit 1
	while IFS=, read -r file line col why rest; do
		[ "$file" = "$2" ] && [ "$col" = event_id ] &&
		[ "$(sed -n "${line}p" "$2")" = "$rest" ] || { echo "# $line: $rest"; exit 1; }
	done < "$3/d"' - "$TMP/rej.csv" "$IN" "$TMP"
t "classify: written + rejected = rows in" sh -c '
	rc=0; event-report --classify "$1" > "$2/c.csv" 2> /dev/null || rc=$?
	[ $rc -eq 1 ] && [ $(($(wc -l < "$2/c.csv") - 1 + 10)) -eq 35 ]' - "$IN" "$TMP"

# across two files, and through stdin
head -18 "$IN" > "$TMP/a.csv"
{ head -1 "$IN"; tail -n +19 "$IN"; } > "$TMP/b.csv"
event-report $M "$TMP/ref.csv" > "$TMP/want.csv"
t "two files: the report of the whole without duplicates" sh -c '
	event-report $1 "$2/a.csv" "$2/b.csv" > "$2/got" 2> "$2/e2"; [ $? -eq 1 ] &&
	diff -u "$2/want.csv" "$2/got"' - "$M" "$TMP"
t "two files: duplicates named by the second file's lines" sh -c '
	grep -q "b.csv:19: column .event_id.: duplicate event_id .P01." "$1" &&
	grep -q "b.csv:10: column .event_id.: duplicate event_id .P07." "$1" &&
	[ $(grep -c duplicate "$1") -eq 9 ]' - "$TMP/e2"
t "stdin: the same report, duplicates named stdin:LINE, in the -r file too" sh -c '
	event-report $1 -r "$2/rej2.csv" "$2/a.csv" - < "$2/b.csv" > "$2/got" 2> "$2/e3"; [ $? -eq 1 ] &&
	diff -u "$2/want.csv" "$2/got" &&
	grep -q "event-report: stdin:19: column .event_id.: duplicate event_id .P01." "$2/e3" &&
	grep -q "^stdin,19,event_id,duplicate event_id .P01.,P01,620102001001001,2026-12-30 09:00," "$2/rej2.csv"' - "$M" "$TMP"
t "partial per file, merged: the whole report (a part cannot see the other's ids)" sh -c '
	event-report $1 --partial "$2/ref.csv" > "$2/p1.csv" &&
	event-report $1 --merge "$2/p1.csv" > "$2/got" && diff -u "$2/want.csv" "$2/got"' - "$M" "$TMP"

# a tiny budget: temporary files, split partitions, sorts in runs
awk 'BEGIN {
	print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
	split("worker resident hotline inspection", src, " ")
	split("01 02 05 0703 09 12 ", cat, " ")
	for (i = 1; i <= 40000; i++) {
		n = (i % 3 == 0) ? int(i * 7 / 11) + 1 : i	# a third repeat an earlier id
		d = 1 + (i * 13) % 60; m = d > 30 ? 11 : 12; d = d > 30 ? d - 30 : d
		printf "G%06d,6201020%02d%03d%03d,2026-%02d-%02d %02d:%02d,2026-%02d-%02d %02d:00,%s,,%s,第%d条\n",
			n, 1 + i % 3, 1 + i % 4, 1 + i % 5, m, d, 10 + i % 9, i % 60, m, d, 9 + i % 9,
			src[1 + i % 4], cat[1 + i % 6], i
	}
}' > "$TMP/big.csv"
awk -F, '!seen[$1]++' "$TMP/big.csv" > "$TMP/bigref.csv"
t "budget: report as without duplicates, and as with the default budget" sh -c '
	GW_EVENT_MEM=1 event-report $1 -r "$2/rs.csv" "$2/big.csv" > "$2/s" 2> "$2/s.err"; [ $? -eq 1 ] || exit 1
	event-report $1 -r "$2/rd.csv" "$2/big.csv" > "$2/d" 2> "$2/d.err"; [ $? -eq 1 ] || exit 1
	event-report $1 "$2/bigref.csv" > "$2/w" && diff -u "$2/w" "$2/s" && diff -u "$2/d" "$2/s"' - "$M" "$TMP"
t "budget: the same -r file and messages (bar the budget line)" sh -c '
	cmp "$1/rd.csv" "$1/rs.csv" && grep -v "memory budget" "$1/s.err" | cmp - "$1/d.err"' - "$TMP"
ndup=$(($(wc -l < "$TMP/big.csv") - $(wc -l < "$TMP/bigref.csv")))
t "budget: rows in = accepted + rejected ($ndup duplicates)" sh -c '
	[ "$2" -gt 5000 ] && grep -q "^event-report: $2 of 40000 rows rejected" "$1"' - "$TMP/s.err" "$ndup"
t "budget: partitions spilled to files and split, duplicates sorted in runs" sh -c '
	l=$(grep "memory budget" "$1") || exit 1
	echo "$l" | awk "{ for (i = 1; i <= NF; i++) v[\$(i + 1)] = \$i }
		END { exit !(v[\"temporary\"] > 256 && v[\"splits,\"] > 0 && v[\"sort\"] > 1) }" ||
	{ echo "# $l"; exit 1; }' - "$TMP/s.err"
t "budget: --urgent as without duplicates" sh -c '
	GW_EVENT_MEM=1 event-report $1 --urgent "$2/big.csv" > "$2/s" 2> "$2/s.err"
	event-report $1 --urgent "$2/bigref.csv" > "$2/w" && [ $(wc -l < "$2/w") -gt 1000 ] &&
	diff -u "$2/w" "$2/s" && grep "memory budget" "$2/s.err" | grep -qv " 0 sort runs"' - "$M" "$TMP"
t "budget: --classify as without duplicates" sh -c '
	GW_EVENT_MEM=1 event-report --classify "$1/big.csv" > "$1/s" 2> /dev/null
	event-report --classify "$1/bigref.csv" > "$1/w" && diff -u "$1/w" "$1/s"' - "$TMP"
t "GW_EVENT_MEM not a number: fatal" rc_is 2 env GW_EVENT_MEM=lots event-report $M "$IN"
