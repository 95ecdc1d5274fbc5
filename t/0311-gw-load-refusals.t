#!/bin/sh
# Every refusal reason of every column type and every link of
# gridwork-store(5): t/gw-load/bad/TABLE.csv holds good rows and rows
# with one fault each, loaded into a store that has a few regions, grids,
# workers, events and households (t/gw-load/base/).  The rejects file must
# be t/gw-load/bad/TABLE.rej, the summary (the last line of stderr)
# TABLE.sum with read = loaded + updated + rejected, each refused row
# must be said on stderr, the good rows must be in the store, and the
# exit status 1.
. "$(dirname "$0")/lib.sh"

tables="regions persons households units grids workers candidates events
case_log cases patrols visits logins trainings bonus rewards scores pay"
plan 21

cd "$TMP" || exit 2
cp -R "$T_DIR/gw-load/bad" bad || exit 2
for f in regions grids workers events households; do
	gw-load -d gw.db "$f" "$T_DIR/gw-load/base/$f.csv" 2>>base.err ||
	    { cat base.err; exit 2; }
done
t "the base store loads" test "$(sqlite3 gw.db 'SELECT count(*) FROM grids')" = 3

check() {
	f=$1
	before=$(sqlite3 gw.db "SELECT count(*) FROM $f")
	rc_is 1 gw-load -d gw.db --as-of 2026-10-31 -r "$f.rej" "$f" \
	    "bad/$f.csv" 2> "$f.err" || return 1
	test_cmp "bad/$f.rej" "$f.rej" || return 1
	tail -1 "$f.err" > "$f.sum"
	test_cmp "bad/$f.sum" "$f.sum" || return 1
	set -- $(sed -n 's/.*: read \([0-9]*\), loaded \([0-9]*\), updated \([0-9]*\), rejected \([0-9]*\)$/\1 \2 \3 \4/p' "$f.sum")
	test $# -eq 4 && test "$1" -eq $(($2 + $3 + $4)) || return 1
	test "$(grep -c "^gw-load: bad/$f.csv:[0-9]*: " "$f.err")" -eq "$4" ||
	    return 1
	test "$(($(wc -l < "$f.rej") - 1))" -eq "$4" || return 1
	after=$(sqlite3 gw.db "SELECT count(*) FROM $f")
	test "$after" -eq $((before + $2))
}
for f in $tables; do
	t "$f: every fault refused with its reason" check "$f"
done

# the reasons of an identity number: wrong length, bad check character,
# impossible birth date; born after --as-of only with --as-of
noasof() {
	gw-load -d plain.db regions "$T_DIR/gw-load/base/regions.csv" \
	    2>/dev/null &&
	rc_is 1 gw-load -d plain.db -r p.rej persons bad/persons.csv \
	    2>/dev/null &&
	! grep -q "after reference date" p.rej &&
	test "$(sqlite3 plain.db "SELECT name FROM persons WHERE
	    id_number = '140824203001011234'")" = 未来
}
t "without --as-of a birth date in the future is only a date" noasof
q() { sqlite3 gw.db "$1"; }
normal() {
	test "$(q "SELECT employment FROM workers WHERE worker_id = 'W010'")" = \
	    fulltime &&
	test "$(q "SELECT reported_at, source FROM events
	    WHERE event_id = 'E010'")" = "2026-10-05 09:30:00|resident" &&
	test "$(q "SELECT amount FROM rewards")" = 46000 &&
	test "$(q "SELECT party_member FROM candidates")" = 1 &&
	test "$(q "SELECT kind FROM regions WHERE code = '140824102202'")" = \
	    rural
}
t "values are stored normalised" normal
