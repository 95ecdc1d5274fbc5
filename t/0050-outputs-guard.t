#!/bin/sh
# Outputs never overwrite what a run reads, appear whole or not at all,
# and keep personal data owner-only (outfile.c, gridwork(7) FILES):
# -r naming the store, an input (also through a link) or stdout's file;
# two outputs one file; the rejects file written under a temporary name
# (kill -9 leaves the old one), 0600 under umask 022, a planted link
# replaced; stdout empty after a fatal error, to a file, appended and to
# a pipe; a closed stdout; TMPDIR obeyed; the rolled-back summary; an
# empty 0644 file made a store; --export of a store we cannot write;
# policy amounts past the bound.
. "$(dirname "$0")/lib.sh"
plan 25
cd "$TMP" || exit 2

P=persons.csv
cat > $P <<'EOF'
id_number,name,household_id,village_code
140824197102107739,甲,H1,140824100200
1,坏,H2,140824100200
11010519491231002X,乙,H3,140824100200,多
EOF
cp $P keep.csv
count() { sqlite3 "$1" 'SELECT count(*) FROM persons'; }

gw-load -d s.db persons $P 2>/dev/null
t "-r naming the store: refused, exit 2, the store intact" eval '
	rc_is 2 gw-load -d s.db -r s.db persons $P 2> err &&
	grep -q "rejects file .s.db. is also the store" err &&
	test "$(count s.db)" -eq 1'
t "-r naming the input: refused, the input intact, no store rows" eval '
	rc_is 2 gw-load -d new.db -r $P persons $P 2> err &&
	grep -q "rejects file .persons.csv. is also the input" err &&
	cmp -s $P keep.csv && test "$(count new.db)" -eq 0'
t "gw-csv and gw-id the same" eval '
	rc_is 2 gw-csv -r $P $P > out 2> err && cmp -s $P keep.csv &&
	test ! -s out &&
	rc_is 2 gw-id -r $P $P > out 2> err && cmp -s $P keep.csv'
ln -s $P link.csv
t "-r through a symbolic link to the input: refused" eval '
	rc_is 2 gw-csv -r link.csv $P > out 2> err &&
	grep -q "is also the input .persons.csv." err && cmp -s $P keep.csv'
ln $P hard.csv
t "-r a hard link of the input: refused" eval '
	rc_is 2 gw-csv -r hard.csv $P > out 2> err && cmp -s $P keep.csv'
t "-r the file stdout goes to: refused" eval '
	rc_is 2 gw-csv -r o.csv $P > o.csv 2> err &&
	grep -q "also the standard output" err'
t "an input that is stdout'\''s file: refused" eval '
	cp $P in2.csv && rc_is 2 gw-csv in2.csv >> in2.csv 2> err &&
	grep -q "is also the standard output" err && cmp -s in2.csv keep.csv'
printf 'code,name\n140824100200,城北社区\n' > regions.csv
printf 'household_id,village_code,block,address,persons\nH1,140824100200,1,,3\n' > hh.csv
t "-r and -G one file: refused" eval '
	rc_is 2 grid-code -R regions.csv -G same.csv -r same.csv hh.csv > out 2> err &&
	grep -q "is also the -G file\|is also the rejects file" err && test ! -e same.csv'

# the rejects file: whole, owner-only, never through a planted link
t "rejects file 0600 under umask 022" eval '
	umask 022 && rm -f rej.csv && rc_is 1 gw-csv -r rej.csv $P > out 2> err &&
	test "$(stat -c %a rej.csv)" = 600 && grep -q "^persons.csv,4,,\"expected 4 fields, found 5\"" rej.csv ||
	{ stat -c %a rej.csv; cat rej.csv; false; }'
t "... and nothing left beside it" test -z "$(ls -A | grep tmp)"
echo secret > elsewhere.txt
ln -s elsewhere.txt planted.csv
t "a symbolic link at the rejects name: refused, never followed" eval '
	rc_is 2 gw-csv -r planted.csv $P > out 2> err &&
	grep -q "planted.csv. is a symbolic link: refusing to follow it" err &&
	test -L planted.csv && test "$(cat elsewhere.txt)" = secret && test ! -s out'
t "-r /dev/stderr writes through, and /dev/stderr stays a link" eval '
	gw-csv -r /dev/stderr $P 2> err > out; test $? -eq 1 &&
	grep -q "^file,line,column,reason" err && test -L /dev/stderr'
mkfifo fifo
echo OLD > old.csv
( { sed 3q $P; sleep 30; } > fifo & echo $! > writer.pid; wait ) &
gw-csv -r old.csv fifo > out 2>/dev/null &
pid=$!
sleep 0.5
kill -9 $pid; wait $pid 2>/dev/null
kill "$(cat writer.pid)" 2>/dev/null
t "kill -9 with rejects written: the old rejects file stands" test "$(cat old.csv)" = OLD

# standard output whole or not at all
printf 'a,b\n1,2\n3,4\n' > good.csv
t "fatal error, stdout a file: empty" eval '
	rc_is 2 gw-csv good.csv nonexistent.csv > o1.csv 2> err && test ! -s o1.csv'
t "... appended: what was there before, nothing more" eval '
	echo before > o2.csv && rc_is 2 gw-csv good.csv nonexistent.csv >> o2.csv 2> err &&
	test "$(cat o2.csv)" = before'
t "... a pipe: nothing reaches the reader" eval '
	n=$( (gw-csv good.csv nonexistent.csv 2>/dev/null; echo "rc=$?" >&2) | wc -c) &&
	test "$n" -eq 0'
# UTF-16 with a BOM, then half a code unit at the end
printf '\377\376a\000,\000b\000\n\0001\000,\0002\000\n\000x' > trunc16.csv
t "truncated UTF-16 after good rows: stdout empty" eval '
	rc_is 2 gw-csv trunc16.csv > o3.csv 2> err && test ! -s o3.csv'
t "success through a pipe: the whole output" eval '
	test "$(gw-csv good.csv | md5sum)" = "$(gw-csv good.csv > o4.csv; md5sum < o4.csv)"'
t "closed stdout: exit 2, the rejects file holds only rejects" eval '
	rc_is 2 gw-csv -r rj.csv $P >&- 2> err &&
	grep -q "write error: stdout" err && ! grep -q "^140824197102107739" rj.csv'

printf 'event_id,grid_code,reported_at,found_at,source,reporter_id,category,text\nE1,140824100200001,2026-10-02 09:00,,worker,W1,01,x\n' > ev.csv
t "closed stdout, event-report: a write error on stdout, not a temporary file" eval '
	rc_is 2 event-report --period month --at 2026-10-15 ev.csv >&- 2> err &&
	grep -qx "event-report: write error: stdout: Bad file descriptor" err'

t "TMPDIR is where temporary files go (the output held for a pipe)" eval '
	out=$(TMPDIR=$TMP/no-such-dir gw-csv good.csv 2> err; echo "rc=$?") &&
	test "$out" = rc=2 &&
	grep -q "cannot create a temporary file for the output: No such file" err &&
	mkdir -p tmpd && test "$(TMPDIR=$TMP/tmpd gw-csv good.csv | wc -l)" -eq 3'

t "a rolled-back load says so, and its counts add up" eval '
	rm -f m.db* && rc_is 2 gw-load -d m.db --max-rejects 0 persons $P 2> err &&
	tail -1 err | grep -qx "gw-load: persons: read 2, accepted 1, rejected 1, loaded 0; rolled back, the store is unchanged"'

t "an empty 0644 file becomes a 0600 store" eval '
	: > e.db && chmod 644 e.db && gw-load -d e.db persons $P 2>/dev/null;
	test "$(stat -c %a e.db)" = 600 && test "$(count e.db)" -eq 1'

# a store this process cannot write: as nobody when we are root
cp s.db ro.db && chmod 0400 ro.db
au() { sqlite3 ro.db "SELECT count(*) FROM audit"; }
before=$(au)
chmod 755 "$TMP"
if [ "$(id -u)" = 0 ]; then
	chown 65534 ro.db
	asother() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	asother() { "$@"; }
fi
t "--export of a read-only store: rows out, a warning, no audit row" eval '
	asother gw-load -d ro.db --export persons > ex.csv 2> err &&
	test "$(sed 1d ex.csv | wc -l)" -eq 1 &&
	grep -q "read-only: this export is not recorded" err &&
	test "$(au)" = "$before"'

D=$T_DIR/pay-calc
printf 'include = gansu\n[pay]\nbase.网格长 = 92233720368547758.07\n' > big.conf
printf 'include = gansu\n[pay]\npot.fulltime = 100000000.01\n' > big2.conf
A="--month 2026-10 -R $D/floors-regions.csv --workers $D/floors-workers.csv --scores $D/floors-scores.csv --cases $D/no-cases.csv --events $D/no-events.csv"
t "a policy amount past the bound: a range error naming the line" eval '
	rc_is 2 pay-calc -p ./big.conf $A > o 2> err &&
	grep -q "big.conf:3: key .base.网格长.: amount too large" err &&
	rc_is 2 pay-calc -p ./big2.conf $A > o 2> err &&
	grep -q "big2.conf:3: key .pot.fulltime.: amount too large for a policy" err &&
	! grep -q "internal error" err'
