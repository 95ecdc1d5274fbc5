#!/bin/sh
# case-track on bad input: orders with a bad grid code, limit, deadline,
# a duplicate or an empty case_id; log rows with another event_id, an
# unknown step, an unparseable time, an empty case_id, an unknown case;
# a row after --as-of read and not applied; the limit restarting after
# a return in days and in hours ("immediate" from the policy).  Each
# rejected row said once; rows in = accepted + rejected.  Also: GB18030
# and CRLF input, a header-only log, an empty one (fatal), a log without
# a required column.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/case-track
plan 9
cd "$D" || exit 2
run() { case-track --as-of 2026-11-20 --orders bad-orders.csv "$@"; }

rc=0; run -r "$TMP/rej.csv" bad-log.csv > "$TMP/o" 2> "$TMP/e" || rc=$?
t "exit 1" test $rc -eq 1
t "status golden: K1 re-assigned 4 Nov + 5 = 11 Nov, K6 + 24 h; K1's December row not applied" \
	test_cmp bad.out "$TMP/o"
t "stderr golden: every rejected row once, with its reason" test_cmp bad.err "$TMP/e"
t "rejects file: 10 rows, orders' and log's, each with file and line" sh -c '
	[ "$(tail -n +2 "$1" | wc -l)" -eq 10 ] &&
	[ "$(grep -c "^bad-orders.csv,[0-9]*," "$1")" -eq 5 ] &&
	[ "$(grep -c "^bad-log.csv,[0-9]*," "$1")" -eq 5 ]' - "$TMP/rej.csv"

iconv -f UTF-8 -t GB18030 bad-log.csv | sed 's/$/\r/' > "$TMP/gb.csv"
t "the same log in GB18030 with CRLF: the same cases" sh -c '
	case-track --as-of 2026-11-20 --orders bad-orders.csv "$1/gb.csv" 2>/dev/null | diff -u bad.out -' - "$TMP"

: > "$TMP/empty.csv"
head -1 bad-log.csv > "$TMP/hdr.csv"
t "a header-only log: the orders alone, in state ordered" sh -c '
	run() { case-track --as-of 2026-11-20 --orders bad-orders.csv "$@"; }
	run "$1/hdr.csv" 2>/dev/null | cut -d, -f1,5 | tr "\n" " " | grep -qx "case_id,state K1,ordered K6,ordered "' - "$TMP"
t "an empty log (no header line): exit 2, said so" sh -c '
	case-track --as-of 2026-11-20 --orders bad-orders.csv "$1/empty.csv" > /dev/null 2> "$1/e"
	[ $? -eq 2 ] && grep -q "empty.csv: empty file: no header line" "$1/e"' - "$TMP"
printf 'case_id,event_id,at\nK1,E-K1,2026-11-02 08:00\n' > "$TMP/nostep.csv"
t "a log without a step column: exit 2, stdout empty" sh -c '
	rc=0; case-track --as-of 2026-11-20 "$1/nostep.csv" > "$1/o2" 2> "$1/e2" || rc=$?
	[ $rc -eq 2 ] && [ ! -s "$1/o2" ] && grep -q "missing column .step." "$1/e2"' - "$TMP"
t "-o tsv and --zh" sh -c '
	case-track --as-of 2026-11-20 -o tsv bad-log.csv 2>/dev/null | head -1 | grep -q "^case_id	event_id	grid_code	category	state" &&
	case-track --as-of 2026-11-20 --zh bad-log.csv 2>/dev/null | head -1 | grep -qv "^case_id,"'
