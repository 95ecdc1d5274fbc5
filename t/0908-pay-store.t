#!/bin/sh
# pay-calc -d STORE: the tables regions, workers, events, cases, scores
# and rewards of a store loaded by gw-load from the files of t/pay-calc
# give the same sheet and budget as the files; rows of the store that
# cannot be used are rejected as STORE:TABLE:ROW; a missing store is
# fatal.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 5
db=$TMP/s.db
cd "$D" || exit 2
if ! command -v gw-load > /dev/null; then
	for i in 1 2 3 4 5; do skip "gw-load not built"; done; exit 0
fi
for tb in regions workers events cases scores rewards; do
	gw-load -d "$db" $tb $tb.csv 2> "$TMP/load.err" || { cat "$TMP/load.err"; echo "# gw-load $tb failed"; }
done

t "the sheet from the store = the sheet from the files" sh -c "pay-calc -d $db --month 2026-10 | diff -u sheet.out -"
t "the budget from the store = the budget from the files" sh -c "pay-calc -d $db --budget --month 2026-10 | diff -u budget.out -"
t "read only: the store is unchanged (no audit row, same bytes)" sh -c "
	cp $db $TMP/before.db && pay-calc -d $db --month 2026-10 > /dev/null &&
	sqlite3 $db 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null; sqlite3 $TMP/before.db 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null;
	[ \"\$(sqlite3 $db 'SELECT count(*) FROM audit')\" = \"\$(sqlite3 $TMP/before.db 'SELECT count(*) FROM audit')\" ]"
t "a score of a worker not on the roster, rejected as STORE:scores:ROW, exit 1" sh -c "
	sqlite3 $db \"INSERT INTO workers (worker_id, id_number, name, role, grid_code, employment, hired_on) VALUES ('W99', '11010519491231002X', '新', '兼职网格员', '620121100201005', 'parttime', '2026-12-01'); INSERT INTO scores (month, worker_id, score, grade) VALUES ('2026-10', 'W99', 80, '称职');\" &&
	pay-calc -d $db --month 2026-10 > $TMP/o 2> $TMP/e; r=\$?; cat $TMP/e;
	[ \$r -eq 1 ] && grep -q \"s.db:scores:10: column 'worker_id': worker 'W99' not on the roster of 2026-10\" $TMP/e && diff -u sheet.out $TMP/o"
t "a missing store is a fatal error" sh -c "
	pay-calc -d $TMP/none.db --month 2026-10 > $TMP/o 2> $TMP/e; r=\$?; cat $TMP/e; [ \$r -eq 2 ] && [ ! -s $TMP/o ]"
