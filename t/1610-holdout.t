#!/bin/sh
# The hold-out (issue 22): share/event/holdout-gansu.tsv, written by
# another hand after the model and its threshold were frozen and never
# used to tune them, classified with the shipped model under -p gansu:
# at least 85 % right and at most 5 % wrong, the rest left for review.
# Until the file exists the test is skipped, never passed.
. "$(dirname "$0")/lib.sh"
H=$TOP/share/event/holdout-gansu.tsv
if [ ! -r "$H" ]; then
	t_planned=0
	echo "1..0 # SKIP no hold-out yet: share/event/holdout-gansu.tsv is written after the model is frozen"
	exit 0
fi
plan 3
gw-train-events --test -p gansu "$H" > "$TMP/test.out" 2> "$TMP/test.err"
rc=$?
sed 's/^/# /' "$TMP/test.out" | grep -v 'at threshold'
set -- $(sed -n '1s/.*right \([0-9.]*\) %, wrong \([0-9.]*\) %, review \([0-9.]*\) %.*/\1 \2 \3/p' "$TMP/test.out")
t "the hold-out is read whole (exit 0)" test "$rc" -eq 0
t "at least 85 % right ($1 %)" awk -v r="$1" 'BEGIN { exit !(r >= 85) }'
t "at most 5 % wrong ($2 %)" awk -v w="$2" 'BEGIN { exit !(w <= 5) }'
