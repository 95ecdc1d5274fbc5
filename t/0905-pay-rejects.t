#!/bin/sh
# pay-calc: rows that cannot be used are rejected (stderr "FILE:LINE:
# column 'x': reason" and the -r file), counted, and the sheet is still
# written for everyone else with exit 1: a roster row with an unknown
# role, employment, grid, village or date, or listed twice; an event or
# case listed twice or ragged; a case closed in the month whose event is
# unknown; a score for a worker not on the roster (or hired later), a
# second score, an unknown grade; a reward with a malformed amount or
# month, negative, listed twice, or for a worker not on the roster.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 12
cd "$D" || exit 2
A="--month 2026-10 -R regions.csv --workers rej-workers.csv --scores rej-scores.csv --cases rej-cases.csv --events rej-events.csv --rewards rej-rewards.csv"

pay-calc $A -r "$TMP/rej.csv" > "$TMP/o.csv" 2> "$TMP/e"
rc=$?
t "exit 1: finished with rejected rows" test $rc -eq 1
t "the sheet of the two good workers (R1: 01 + 02 cases 50.00, reward 10.00)" diff -u rej.out "$TMP/o.csv"
t "every rejected row on stderr, FILE:LINE: column 'x': reason" diff -u rej.err "$TMP/e"
# rows of five tables share the file, so the header names only the
# columns they have in common
t "the -r file: a header and one line per rejected row (26)" sh -c "
	[ \$(sed 1d $TMP/rej.csv | grep -c '^rej-') -eq 26 ] && [ \$(grep -vc 'rows rejected$' $TMP/e) -eq 26 ] &&
	[ \"\$(head -1 $TMP/rej.csv)\" = file,line,column,reason ]"
t "an unknown role, a score for a worker not on the roster, a malformed amount: all three reported" sh -c "
	grep -q \"rej-workers.csv:3: column 'role': unknown role '网格员'\" $TMP/e &&
	grep -q \"rej-scores.csv:3: column 'worker_id': worker 'X1' not on the roster\" $TMP/e &&
	grep -q \"rej-rewards.csv:2: column 'amount': '12.345': more than two decimals\" $TMP/e"

# money as spreadsheets write it
pay-calc --month 2026-10 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv --rewards money-rewards.csv -o jsonl > "$TMP/m.jsonl" 2> "$TMP/me"
mrc=$?
t "rewards 1,760.50  ￥1760.5  １７６０．５０  1760.50元  ¥1760.50: each 1760.50" \
	jq -e -s '[.[] | select(.worker_id == ("W01","W04","W05","W06","W07")) | .reward] == ["1760.50","1760.50","1760.50","1760.50","1760.50"]' "$TMP/m.jsonl"
t "17,60.50 and 1760.505 rejected, exit 1, those workers paid no reward" sh -c "
	[ $mrc -eq 1 ] && grep -q \"money-rewards.csv:7: column 'amount': '17,60.50': misplaced thousands separator\" $TMP/me &&
	grep -q \"money-rewards.csv:8: column 'amount': '1760.505': more than two decimals\" $TMP/me &&
	jq -e -s '[.[] | select(.worker_id == (\"W08\",\"W10\")) | .reward] == [\"0.00\",\"0.00\"]' $TMP/m.jsonl"
t "missing column is fatal (exit 2), nothing written" sh -c "
	pay-calc --month 2026-10 -R regions.csv --workers workers.csv --scores no-cases.csv --cases cases.csv --events events.csv > $TMP/o 2> $TMP/e; r=\$?;
	cat $TMP/e; [ \$r -eq 2 ] && [ ! -s $TMP/o ] && grep -q \"missing column 'month' (--scores)\" $TMP/e"
t "usage errors: no --month, files with -d, a bad month" sh -c "
	pay-calc -R regions.csv 2>/dev/null; a=\$?;
	pay-calc --month 2026-10 -d x.db --workers workers.csv 2>/dev/null; b=\$?;
	pay-calc --month 2026-13 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv 2>/dev/null; c=\$?;
	[ \$a\$b\$c = 222 ]"
t "an empty roster: the headers only, exit 0 (sheet and budget)" sh -c "
	head -1 workers.csv > $TMP/w0.csv &&
	pay-calc --month 2026-10 -R regions.csv --workers $TMP/w0.csv --scores no-scores.csv --cases no-cases.csv --events no-events.csv > $TMP/s0 &&
	pay-calc --budget --month 2026-10 -R regions.csv --workers $TMP/w0.csv --scores no-scores.csv --cases no-cases.csv --events no-events.csv > $TMP/b0 &&
	[ \$(wc -l < $TMP/s0) -eq 1 ] && [ \$(wc -l < $TMP/b0) -eq 1 ] && head -1 sheet.out | cmp - $TMP/s0"
t "a GB18030-encoded roster: the same sheet" sh -c "
	iconv -f UTF-8 -t GB18030 workers.csv > $TMP/w-gb.csv &&
	pay-calc --month 2026-10 -R regions.csv --workers $TMP/w-gb.csv --scores scores.csv --cases cases.csv --events events.csv --rewards rewards.csv | diff -u sheet.out -"
t "a write error on stdout (/dev/full) is fatal: exit 2" sh -c "
	pay-calc --month 2026-10 -R regions.csv --workers workers.csv --scores scores.csv --cases cases.csv --events events.csv > /dev/full 2> $TMP/e; r=\$?;
	cat $TMP/e; [ \$r -eq 2 ] && grep -q 'write error' $TMP/e"
