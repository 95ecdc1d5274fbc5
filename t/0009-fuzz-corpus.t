#!/bin/sh
# The fuzz harnesses of t/fuzz/ without libFuzzer: each NAME.c, linked
# with t/fuzz/replay.c by `make all` into $GW_UNIT/fuzz/NAME, runs over
# every seed of t/fuzz/corpus/NAME/ (so the seeds and the crash inputs
# saved there are replayed under the ASan build of make check too) and
# must keep every contract it checks.  t/fuzz/found/NAME/ holds inputs
# of defects still open: replayed as TODO, they say "unexpectedly
# succeeded" once fixed, and then belong in the corpus.
. "$(dirname "$0")/lib.sh"

F=$TOP/t/fuzz
names=$(cd "$F" && ls *.c | sed -n '/^replay\.c$/d; s/\.c$//p')
nfound=$(find "$F/found" -type f 2>/dev/null | wc -l)
plan $(( $(echo $names | wc -w) * 2 + nfound ))

# the harness makes its files under $TMPDIR, which t_end removes
TMPDIR=$TMP; export TMPDIR

for n in $names; do
	t "$n: a seed corpus in t/fuzz/corpus/$n/" eval '
		[ -d "$F/corpus/$n" ] &&
		[ $(ls "$F/corpus/$n" | wc -l) -gt 0 ]'
	t "$n: every seed replayed, every contract kept" eval '
		set -- "$F/corpus/$n"/* &&
		"$GW_UNIT/fuzz/$n" "$@" > "$TMP/out" &&
		echo "$GW_UNIT/fuzz/$n: $# inputs" > "$TMP/exp" &&
		test_cmp "$TMP/exp" "$TMP/out"'
done

# open defects: the input still breaks a contract (a sanitizer report
# here goes to stderr, not to the logs that fail the whole test)
for f in $(find "$F/found" -type f 2>/dev/null | sort); do
	n=$(basename "$(dirname "$f")")
	t_n=$((t_n + 1))
	if ASAN_OPTIONS= UBSAN_OPTIONS= "$GW_UNIT/fuzz/$n" "$f" \
	    > "$TMP/out" 2>&1; then
		echo "ok $t_n - $n: found/${f##*/} # TODO open defect, now passes"
	else
		echo "not ok $t_n - $n: found/${f##*/} # TODO open defect"
		grep 'contract broken\|ERROR\|runtime error' "$TMP/out" |
			head -3 | sed 's/^/#   /'
	fi
done
