#!/bin/sh
# pay-calc: the 四岗十八级 scale.  A roster row with post and grade is
# paid scale.POST's grade (gansu: 四岗 grade 1 2000.00, +60.00 a grade,
# +200.00 a post), whatever its role; without them by role; a post off
# the scale or a grade outside 1..18 is a rejected row; a mid-month hire
# is prorated on the scale too.  scale.out was worked by hand.  Nobody
# is scored, so the profiles say the county keeps no scores ([pay]
# unused_inputs = scores; t/pay-calc/unscored.conf).
. "$(dirname "$0")/lib.sh"
D=$T_DIR/pay-calc
plan 6
cd "$D" || exit 2
A="--month 2026-10 -R regions.csv --workers scale-workers.csv --scores no-scores.csv --cases no-cases.csv --events no-events.csv"

t "golden sheet: 一岗1 2600.00, 四岗18 3020.00, 三岗10 2740.00, full-width １２ read as 12" sh -c "
	pay-calc -p unscored.conf $A > $TMP/s.csv 2> $TMP/e; r=\$?; [ \$r -eq 1 ] && diff -u scale.out $TMP/s.csv"
t "rejects: post off the scale, grade 19, grade x, post without grade" sh -c "
	pay-calc -p unscored.conf $A 2>&1 >/dev/null | diff -u scale.err -"
t "the scale in another profile's file: scale.四岗 replaced" sh -c "
	printf 'include = gansu\n[pay]\nunused_inputs = scores\nscale.四岗 = 1.00 2.00\n' > $TMP/p.conf &&
	pay-calc -p $TMP/p.conf -o jsonl $A 2>/dev/null | jq -e -s 'all(.[]; .worker_id != \"S2\") and (.[] | select(.worker_id==\"S9\").base) == \"0.50\"'"
t "a post of scale_posts without its scale.POST is a fatal policy error" sh -c "
	printf 'include = gansu\n[pay]\nscale_posts = 一岗 二岗 三岗 四岗 五岗\n' > $TMP/q.conf &&
	pay-calc -p $TMP/q.conf $A > $TMP/o 2> $TMP/e; r=\$?; cat $TMP/e; [ \$r -eq 2 ] && [ ! -s $TMP/o ] && grep -q \"post '五岗'\" $TMP/e"
t "a malformed scale amount names the file and line" sh -c "
	printf 'include = gansu\n[pay]\nscale.一岗 = 2600.00 26x0\n' > $TMP/r.conf &&
	pay-calc -p $TMP/r.conf $A > $TMP/o 2> $TMP/e; r=\$?; cat $TMP/e; [ \$r -eq 2 ] && grep -q 'r.conf:3: key .scale.一岗.' $TMP/e"
t "a grade column without a post column: paid by role, nothing rejected" sh -c "
	cut -d, -f1-6,8 scale-workers.csv > $TMP/g.csv &&
	pay-calc -p unscored.conf --month 2026-10 -R regions.csv --workers $TMP/g.csv --scores no-scores.csv --cases no-cases.csv --events no-events.csv -o jsonl > $TMP/g.jsonl &&
	jq -e -s 'length == 10 and (.[] | select(.worker_id==\"S1\").base) == \"2000.00\" and (.[] | select(.worker_id==\"S3\").base) == \"2200.00\"' $TMP/g.jsonl"
