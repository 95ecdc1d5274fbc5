#!/bin/sh
# event-report --partial / --merge: any split of the events (by township,
# at random, with an empty part), each part reported with --partial and
# the parts merged, gives byte for byte the report of the whole, at every
# --by level and for --zero.  A part of another period, or with counts
# that do not add up, is rejected row by row.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
plan 16

awk -v n=4000 -v seed=6 -f "$D/gen.awk" > "$TMP/all.csv"
A="--period month --at 2026-10-15"

# split FILE PREFIX AWKEXPR: rows to $PREFIX.K.csv, K = AWKEXPR, header in each
split_by() {
	awk -F, -v p="$2" -v seed="$4" 'BEGIN { srand(seed) }
		NR == 1 { h = $0; next }
		{ k = '"$3"'; f = p "." k ".csv"
		  if (!(f in seen)) { seen[f] = 1; print h > f }
		  print > f }' "$1"
}
parts() {	# parts PREFIX: --partial of each part, list of partials on stdout
	for f in "$1".*.csv; do
		event-report $A --partial "$f" > "$f.part" 2> /dev/null
		[ $? -le 1 ] || return 1
		printf '%s ' "$f.part"
	done
}
same() {	# same BY PARTS...: merge = whole
	by=$1; shift
	event-report $A --by "$by" "$TMP/all.csv" > "$TMP/whole.$by" 2> /dev/null
	event-report $A --by "$by" --merge "$@" > "$TMP/merged.$by" 2> "$TMP/merge.err" &&
	[ -s "$TMP/whole.$by" ] && [ "$(wc -l < "$TMP/whole.$by")" -gt 10 ] &&
	cmp "$TMP/whole.$by" "$TMP/merged.$by"
}

split_by "$TMP/all.csv" "$TMP/town" 'substr($2, 1, 9)' 0
P=$(parts "$TMP/town")
t "by township: three parts" test "$(echo $P | wc -w)" -eq 3
t "split by township, merged by county = whole" same county $P
t "split by township, merged by township = whole" same township $P
t "split by township, merged by village = whole" same village $P
t "split by township, merged by grid = whole" same grid $P

split_by "$TMP/all.csv" "$TMP/rnd" 'int(rand() * 5)' 41
P=$(parts "$TMP/rnd")
t "random split in five, by county = whole" same county $P
t "random split in five, by village = whole" same village $P
split_by "$TMP/all.csv" "$TMP/rnd2" 'int(rand() * 2)' 7
head -1 "$TMP/all.csv" > "$TMP/rnd2.9.csv"
P2=$(parts "$TMP/rnd2")
t "random split in two plus an empty part, by township = whole" same township $P2
t "merging the same parts in another order = whole" same grid $(echo $P | tr ' ' '\n' | sort -r)

awk -F, 'NR > 1 { print $2 }' "$TMP/all.csv" | grep -E '^[0-9]{15}$' | grep -v '000$' | sort -u |
	awk 'BEGIN { print "grid_code" } { print } END { print "620102003001001" }' > "$TMP/grids.csv"
t "--zero from merged parts = --zero of the whole" sh -c '
	event-report $1 --zero -G "$2/grids.csv" "$2/all.csv" > "$2/zw" 2> /dev/null
	event-report $1 --zero -G "$2/grids.csv" --merge $3 > "$2/zm" &&
	grep -q 620102003001001 "$2/zm" && cmp "$2/zw" "$2/zm"' - "$A" "$TMP" "$P"

t "the whole report was not trivially empty of rules and rejects" sh -c '
	rc=0; event-report $1 "$2/all.csv" > /dev/null 2> "$2/e" || rc=$?
	[ $rc -eq 1 ] && grep -q "rows rejected" "$2/e"' - "$A" "$TMP"

# wrong parts
event-report --period day --at 2026-10-05 --partial "$TMP/all.csv" > "$TMP/day.part" 2> /dev/null
t "a part of other periods (days): its rows rejected, exit 1" sh -c '
	rc=0; event-report $1 --merge "$2/day.part" > "$2/o" 2> "$2/e" || rc=$?
	[ $rc -eq 1 ] && grep -q "day.part:2: column .period.: period .2026-10-0[45]. is neither 2026-10 nor 2026-09" "$2/e" &&
	[ "$(wc -l < "$2/o")" -eq 1 ]' \
	- "$A" "$TMP"
first=$(echo $P | cut -d" " -f1)
awk -F, -v OFS=, 'NR == 2 { $4 = $4 + 1 } { print }' "$first" > "$TMP/bad.part"
t "counts that do not add up: rejected" sh -c '
	rc=0; event-report $1 --merge "$2/bad.part" > /dev/null 2> "$2/e" || rc=$?
	[ $rc -eq 1 ] && grep -q "bad.part:2: counts do not add up" "$2/e"' - "$A" "$TMP"
t "events file given to --merge: missing column, exit 2" rc_is 2 \
	event-report $A --merge "$TMP/all.csv"

head -1 "$TMP/all.csv" > "$TMP/none.csv"
t "no events: the report is its header, exit 0" sh -c '
	event-report $1 "$2/none.csv" > "$2/o" && [ "$(wc -l < "$2/o")" -eq 1 ] &&
	head -1 "$2/o" | grep -q "^period,area_code,area_level,category,events,"' - "$A" "$TMP"
t "no events: --partial writes a header that --merge reads" sh -c '
	event-report $1 --partial "$2/none.csv" > "$2/none.part" &&
	event-report $1 --merge "$2/none.part" > "$2/o" && [ "$(wc -l < "$2/o")" -eq 1 ]' - "$A" "$TMP"
