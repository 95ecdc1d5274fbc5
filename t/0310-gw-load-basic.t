#!/bin/sh
# gw-load's command line and its promises on every run: usage errors
# (exit 2, the store untouched), help and version, the summary with
# read = loaded + updated + rejected as the last line of stderr, an audit
# row for every load with the same counts, inputs from standard input,
# an empty input, and the progress line only on a terminal.
. "$(dirname "$0")/lib.sh"
plan 20

cd "$TMP" || exit 2
cp "$T_DIR"/gw-load/ex/*.csv . || exit 2

t "-h prints the usage to stdout, exit 0" sh -c '
	gw-load -h > h.out 2> h.err && test ! -s h.err &&
	head -1 h.out | grep -q "^usage: gw-load -d STORE"'
t "--version" sh -c 'gw-load --version | grep -q "^gw-load (gridwork) "'
usage_err() {	# usage_err ARG...: exit 2 with the usage, no store made
	rc_is 2 gw-load "$@" > u.out 2> u.err &&
	grep -q "^usage: gw-load" u.err && test ! -s u.out && test ! -e u.db
}
t "no -d: usage error" usage_err persons persons.csv
t "no TABLE: usage error" usage_err -d u.db
t "-o without --export: usage error" usage_err -d u.db -o jsonl persons
t "--export with an input: usage error" usage_err -d u.db --export persons p.csv
t "--export with --update: usage error" usage_err -d u.db --update --export persons
t "an unknown option: usage error" usage_err -d u.db --frobnicate persons
t "--max-rejects must be a number" sh -c '
	gw-load -d u.db --max-rejects x persons 2> m.err; test $? -eq 2 &&
	grep -q "^gw-load: --max-rejects: not a number >= 0: .x.$" m.err &&
	test ! -e u.db'
t "--as-of must be a date" sh -c '
	gw-load -d u.db --as-of 2026-13-01 persons persons.csv 2> a.err
	test $? -eq 2 && grep -q "^gw-load: --as-of: bad date" a.err &&
	test ! -e u.db'
rc_is 2 gw-load -d gw.db audit regions.csv 2> t.err &&
grep -q "^gw-load: no table 'audit' to load (regions, persons, " t.err
ok $? "an unknown table (audit is not loadable): exit 2, the tables listed"
rc_is 2 gw-load -d gw.db --export nosuch 2> x.err &&
grep -q "^gw-load: no table 'nosuch' to export" x.err
ok $? "--export of an unknown table: exit 2"
rc_is 2 gw-load -d missing.db --export persons 2>/dev/null && test ! -e missing.db
ok $? "--export from a store that does not exist: exit 2, none made"

# every load of the example county: the last line of stderr is the
# summary, read = loaded + updated + rejected, the audit row agrees
ex=$TOP/examples/jishan
gw-synth -R "$TOP/examples/regions-140824.csv" --county 140824 --only grids \
	-O g 2>/dev/null || exit 2
bad=0 nload=0
for f in regions households persons units grids workers candidates events \
    case_log patrols visits logins trainings bonus rewards; do
	in=$ex/$f.csv
	[ $f = grids ] && in=g/grids.csv
	gw-load -d ex.db --as-of 2026-10-31 $f "$in" 2> $f.err
	rc=$?
	nload=$((nload + 1))
	set -- $(tail -1 $f.err | sed -n "s/^gw-load: $f: read \([0-9]*\), loaded \([0-9]*\), updated \([0-9]*\), rejected \([0-9]*\)$/\1 \2 \3 \4/p")
	if [ $# -ne 4 ] || [ "$1" -ne $(($2 + $3 + $4)) ] || [ $rc -ne 0 ] ||
	    [ "$(sqlite3 ex.db "SELECT rows_read, rows_loaded, rows_updated, rows_rejected FROM audit WHERE action = 'load' ORDER BY id DESC LIMIT 1")" != "$1|$2|$3|$4" ] ||
	    [ "$(sqlite3 ex.db "SELECT count(*) FROM $f")" -ne "$2" ]; then
		echo "# $f: rc $rc: $(tail -1 $f.err)"
		bad=$((bad + 1))
	fi
done
t "15 tables of the example: summary, counts and audit agree" test $bad -eq 0 -a $nload -eq 15
t "the audit row names the user and the command line" test \
	"$(sqlite3 ex.db "SELECT user <> '' AND command LIKE 'gw-load -d ex.db --as-of 2026-10-31 regions %' FROM audit WHERE id = 1")" = 1

# standard input, with no FILE and with -
gw-load -d in.db regions < regions.csv 2> in1.err &&
gw-load -d in2.db regions - < regions.csv 2> in2.err &&
grep -qx "gw-load: regions: read 4, loaded 4, updated 0, rejected 0" in1.err &&
cmp -s in1.err in2.err
ok $? "standard input, as no FILE or as -"
head -1 persons.csv > empty.csv
: > zero.csv
rc_is 0 gw-load -d e.db persons empty.csv 2> e.err &&
grep -qx "gw-load: persons: read 0, loaded 0, updated 0, rejected 0" e.err &&
rc_is 2 gw-load -d e.db persons empty.csv zero.csv 2> e.err &&
grep -qx "gw-load: zero.csv: empty file: no header line" e.err
ok $? "a header-only input: nothing to load, exit 0; an empty one: exit 2"

# progress: on a terminal only
gw-load -d p1.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
gw-load -d p1.db persons "$ex/persons.csv" 2> noterm.err
t "no progress line when stderr is not a terminal" sh -c '
	test "$(wc -l < noterm.err)" -eq 1 && ! grep -q "rows/s" noterm.err &&
	! tr "\r" "\n" < noterm.err | grep -q "^persons: "'
if command -v script > /dev/null 2>&1 &&
    script -qec true /dev/null > /dev/null 2>&1; then
	gw-load -d p2.db regions "$TOP/examples/regions-140824.csv" 2>/dev/null
	script -qec "gw-load -d p2.db persons '$ex/persons.csv'" /dev/null \
	    > term.out 2>&1
	t "a progress line on a terminal: rows, rows/s, % of the file" sh -c '
		tr "\r" "\n" < term.out |
		    grep -q "^persons: 4096 rows, [0-9]* rows/s, [0-9]*% of "'
	t "... cleared before the summary" sh -c '
		tr "\r" "\n" < term.out | grep -q "^.\[Kgw-load: persons: read "'
else
	skip "script(1) cannot make a terminal here"
	skip "script(1) cannot make a terminal here"
fi
