#!/bin/sh
# gw-month's pay stage: the sheet and the budget in --out are the bytes
# of pay-calc, from the same tables as files and from the committed
# store; the month's rows of pay in the store, replaced on a rerun and
# no other month's touched; a roster row refused goes to the rejects.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 9
cd "$TMP" || exit 2
SOURCE_DATE_EPOCH=1793491200	# 2026-10-31
export SOURCE_DATE_EPOCH
mkstore s.db
mkin in 2> mkin.err || { cat mkin.err; exit 2; }
set -- -p $P --month 2026-10 -R "$EX/regions-140824.csv" \
	--workers "$J/workers.csv" --scores files-scores.csv \
	--cases in/cases.csv --events in/events.csv --rewards "$J/rewards.csv"
pay-calc "$@" > files-pay.csv 2> /dev/null &&
	pay-calc --budget "$@" > files-budget.csv 2> /dev/null ||
	{ echo "pay-calc from files failed"; exit 2; }

gw-month -d s.db --month 2026-10 -p $P --in in --out out 2> e1
rc=$?
t "a month: exit 0, the pay line said" sh -c '[ $1 -eq 0 ] &&
	grep -q "^gw-month: pay 2026-10: read [0-9]*, rejected 0, workers paid 188, gross [0-9.]*, written 188, deleted 0\$" e1' - $rc
t "the sheet equals pay-calc's from the files" cmp files-pay.csv out/pay.csv
t "the budget equals pay-calc --budget's from the files" \
	cmp files-budget.csv out/pay-budget.csv
pay-calc -p $P --month 2026-10 -d s.db > store-pay.csv 2> /dev/null
pay-calc -p $P --month 2026-10 -d s.db --budget > store-budget.csv 2> /dev/null
t "... and pay-calc's from the committed store" sh -c '
	cmp out/pay.csv store-pay.csv && cmp out/pay-budget.csv store-budget.csv'
t "the store's pay rows are the sheet's, in fen" sh -c '
	sqlite3 -csv s.db "SELECT worker_id, printf('"'%.2f'"', gross / 100.0)
	    FROM pay WHERE month = '"'2026-10'"' ORDER BY rowid" > got &&
	gw-csv -c worker_id,gross out/pay.csv | sed 1d | tr -d "\r" > want &&
	[ -s want ] && cmp want got'

# another month's pay is not this month's to replace
sqlite3 s.db "INSERT INTO pay (month, worker_id, base, performance,
    case_subsidy, reward, floor_topup, gross) VALUES ('2026-09',
    'W1408241002000011', 1, 2, 3, 4, 5, 15)"
dump s.db > d1
gw-month -d s.db --month 2026-10 -p $P --in in --out out2 2> e2
rc=$?
dump s.db > d2
t "again: exit 0, the same store, September's row kept" sh -c '[ $1 -eq 0 ] &&
	diff -u d1 d2 && grep -q "2026-09|W1408241002000011" d2' - $rc
t "again: the month's pay replaced in place, the same bytes" sh -c '
	grep -q "^gw-month: pay 2026-10: .*written 188, deleted 0\$" e2 &&
	cmp out/pay.csv out2/pay.csv && cmp out/pay-budget.csv out2/pay-budget.csv'

# a reward of an unknown worker is refused by the load, the rest paid
mkdir in3 && cp in/* in3/ &&
	printf 'W-NOBODY,2026-10,100.00,nobody\n' >> in3/rewards.csv
gw-month -d s.db --month 2026-10 -p $P --in in3 --out out3 2> e3
rc=$?
t "a reward nobody earns: refused by the load, exit 1" sh -c '[ $1 -eq 1 ] &&
	[ -s out3/rewards.rejects.csv ] && cmp out/pay.csv out3/pay.csv' - $rc
# a policy the scores accept but the pay does not: the whole month is
# rolled back, scores included
printf 'include = jishan\n[pay]\npot.fulltime = lots\n' > badpay.conf
dump s.db > k0
sqlite3 s.db "SELECT count(*) FROM audit" > a0
gw-month -d s.db --month 2026-10 -p badpay.conf --in in --out out4 2> e4
rc=$?
dump s.db > k1
t "a pay the policy cannot give: exit 2, said, the store as it was" sh -c '
	[ $1 -eq 2 ] && grep -q "pot.fulltime" e4 &&
	grep -q "^gw-month: pay 2026-10: fatal; rolled back" e4 &&
	cmp k0 k1 && sqlite3 s.db "SELECT count(*) FROM audit" | cmp - a0 &&
	[ ! -e out4/pay.csv ] && [ ! -e out4/scores.csv ]' - $rc
