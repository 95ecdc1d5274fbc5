#!/bin/sh
# pay-calc: a month without the rows it needs is not paid as zeros
# (pay-calc(1), Missing inputs).  No scores for the month (from a store
# or a file), no regions: exit 2, the table named, stdout empty.  A
# county whose profile says it keeps no scores ([pay] unused_inputs) is
# paid unscored, exit 0.  An empty roster, and rewards without a row of
# the month, are said once on stderr, exit 0.  Events and cases are
# tables of record: a month may close no case.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 12
cd "$D" || exit 2
if ! command -v gw-load > /dev/null; then
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do skip "gw-load not built"; done
	exit 0
fi
db=$TMP/gw.db
for tb in regions workers events cases scores rewards; do
	gw-load -d "$db" $tb $tb.csv 2> "$TMP/load.err" ||
		{ cat "$TMP/load.err"; echo "# gw-load $tb failed"; }
done
F="-R regions.csv --workers workers.csv --cases cases.csv --events events.csv"

pay-calc -d "$db" --month 2026-11 > "$TMP/o" 2> "$TMP/e"; rc=$?
t "a store without scores for 2026-11: exit 2" [ "$rc" -eq 2 ]
t "... the message names the store's table and the month" grep -qx \
	"pay-calc: $TMP/gw.db:scores: no rows of 'scores' for 2026-11: a period without them is not paid (a county that keeps no scores says so in \\[pay\\] unused_inputs)" \
	"$TMP/e"
t "... and nothing is written" [ ! -s "$TMP/o" ]

# shellcheck disable=SC2086
pay-calc --month 2026-11 $F --scores scores.csv > "$TMP/o" 2> "$TMP/e"; rc=$?
t "a scores file of October only, paying November: exit 2, the file named" \
	sh -c '[ $1 -eq 2 ] && [ ! -s "$2/o" ] &&
	grep -q "^pay-calc: scores.csv: no rows of .scores. for 2026-11" "$2/e"' \
	- "$rc" "$TMP"

printf 'include = gansu\n[pay]\nunused_inputs = scores\n' > "$TMP/u.conf"
# shellcheck disable=SC2086
t "[pay] unused_inputs = scores: paid unscored, exit 0, nothing said" sh -c '
	pay-calc -p "$1" --month 2026-10 $2 --scores no-scores.csv > "$3/o" \
	    2> "$3/e" && [ ! -s "$3/e" ] && [ "$(wc -l < "$3/o")" -gt 1 ] &&
	! cut -d, -f7 "$3/o" | sed 1d | grep -q .' - "$TMP/u.conf" "$F" "$TMP"
t "... the word matches whole names only (scoresheet is not scores)" sh -c '
	printf "include = gansu\n[pay]\nunused_inputs = scoresheet\n" > "$1/v.conf" &&
	pay-calc -p "$1/v.conf" --month 2026-10 $2 --scores no-scores.csv \
	    > /dev/null 2>&1; [ $? -eq 2 ]' - "$TMP" "$F"

head -1 regions.csv > "$TMP/r0.csv"
# shellcheck disable=SC2086
pay-calc --month 2026-10 -R "$TMP/r0.csv" --workers workers.csv \
    --scores scores.csv --cases cases.csv --events events.csv \
    > "$TMP/o" 2> "$TMP/e"; rc=$?
t "no regions: exit 2, the file named" sh -c '[ $1 -eq 2 ] &&
	[ ! -s "$2/o" ] && grep -q "r0.csv: no rows of .regions. for 2026-10: a period without them is not paid" "$2/e"' \
	- "$rc" "$TMP"

head -1 workers.csv > "$TMP/w0.csv"
pay-calc --month 2026-10 -R regions.csv --workers "$TMP/w0.csv" \
    --scores no-scores.csv --cases no-cases.csv --events no-events.csv \
    > "$TMP/o" 2> "$TMP/e"; rc=$?
t "an empty roster: the header only, exit 0, said once" sh -c '[ $1 -eq 0 ] &&
	[ "$(wc -l < "$2/o")" -eq 1 ] && [ "$(wc -l < "$2/e")" -eq 1 ] &&
	grep -qx "pay-calc: $2/w0.csv: no rows of .workers. for 2026-10" "$2/e"' \
	- "$rc" "$TMP"

# shellcheck disable=SC2086
pay-calc --month 2026-10 $F --scores scores.csv --rewards no-rewards.csv \
    > "$TMP/o" 2> "$TMP/e"; rc=$?
t "rewards without a row of the month: paid, exit 0, said once" sh -c '
	[ $1 -eq 0 ] && [ "$(wc -l < "$2/e")" -eq 1 ] &&
	grep -qx "pay-calc: no-rewards.csv: no rows of .rewards. for 2026-10" "$2/e"' \
	- "$rc" "$TMP"

sqlite3 "$db" "DELETE FROM rewards"
pay-calc -d "$db" --month 2026-10 > "$TMP/o" 2> "$TMP/e"; rc=$?
t "a store without rewards: exit 0, said once, naming STORE:rewards" sh -c '
	[ $1 -eq 0 ] && [ "$(wc -l < "$2/e")" -eq 1 ] &&
	grep -qx "pay-calc: $2/gw.db:rewards: no rows of .rewards. for 2026-10" "$2/e"' \
	- "$rc" "$TMP"

# shellcheck disable=SC2086
t "no rewards option: nothing said about rewards" sh -c '
	pay-calc --month 2026-10 $1 --scores scores.csv 2>&1 >/dev/null |
	    grep -c rewards | grep -qx 0' - "$F"
t "no events nor cases: paid, exit 0, nothing said (a month may close none)" \
	sh -c 'pay-calc --month 2026-10 -R regions.csv --workers workers.csv \
	    --scores scores.csv --cases no-cases.csv --events no-events.csv \
	    2>&1 >/dev/null | grep -c . | grep -qx 0'
