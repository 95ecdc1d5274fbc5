#!/bin/sh
# gw-staff --replace and --top (gridwork-rules(7), Staffing): from three
# months of scores (examples/staff/scores.csv), the workers on post
# graded 不称职 in the policy's run of consecutive months, a missing
# month breaking it, one who left not listed; the top of each county in
# competition ranks, a tie at the last rank kept, none graded 不称职
# that month; the month is the
# latest scored not after the date; from a file or the store; the
# policy's figures and their errors.
. "$(dirname "$0")/lib.sh"
plan 26
EX=$TOP/examples/staff
cd "$TMP" || exit 2

st() { gw-staff -R "$EX/regions.csv" -G "$EX/grids.csv" "$@" "$EX/workers.csv"; }
st --as-of 2026-10-31 --replace --scores "$EX/scores.csv" > r.csv 2> r.err
t "--replace: exit 1 (the example's unknown role)" [ $? -eq 1 ]
t "three months 不称职: listed with its run" test "$(cat r.csv)" = "worker_id,grid_code,township_code,from_month,to_month,months,score,grade
W05,140824100002001,140824100,2026-08,2026-10,3,50.00,不称职"
t "gone on 15 October: not listed though graded so" sh -c '! grep -q "^W03," r.csv'
t "a month unscored breaks the run (W07), two months are not three (W06)" sh -c '! grep -q "^W0[67]," r.csv'

printf 'include = gansu\n[staff]\nreplace_months = 2\ntop = 2\n' > two.conf
st --as-of 2026-09-30 -p ./two.conf --replace --scores "$EX/scores.csv" > r2.csv 2> /dev/null
t "at 30 September, two months: W03 (still on post) and W05 to September" test "$(cut -d, -f1,4-6 r2.csv)" = "worker_id,from_month,to_month,months
W03,2026-08,2026-09,2
W05,2026-08,2026-09,2"
st --as-of 2026-11-05 --replace --scores "$EX/scores.csv" > r3.csv 2> /dev/null
t "early November, November unscored: the run to October" test "$(sed -n 2p r3.csv | cut -d, -f1,5)" = "W05,2026-10"

st --as-of 2026-11-05 -p ./two.conf --top --scores "$EX/scores.csv" > top.csv 2> /dev/null
t "--top 2 with a tie at 2: three workers, ranks 1 2 2" test "$(cut -d, -f1-4 top.csv)" = "month,county_code,rank,worker_id
2026-10,140824,1,W01
2026-10,140824,2,W02
2026-10,140824,2,W06"
st --as-of 2026-08-31 --top --scores "$EX/scores.csv" > top8.csv 2> /dev/null
t "--top at August: August's scores only, all six" test "$(awk -F, 'NR > 1 { print $1 }' top8.csv | sort -u)" = 2026-08
t "--top at August: the three not graded 不称职, in rank order" test "$(awk -F, 'NR > 1 { printf "%s:%s ", $3, $4 }' top8.csv)" = "1:W01 2:W02 3:W06 "
# 十佳 cannot be 不称职: a worker so graded is left out whatever the score,
# before the ranks are counted; another grade at the same score is not
printf 'month,worker_id,grid_code,township_code,score,grade\n2026-10,W01,,,70,称职\n2026-10,W02,,,99,不称职\n2026-10,W05,,,80,基本称职\n2026-10,W06,,,70,称职\n' > unfit.csv
st --as-of 2026-10-31 -p ./two.conf --top --scores unfit.csv > topu.csv 2> /dev/null
t "--top: the best score graded 不称职 is left out, the ranks close up" test "$(awk -F, 'NR > 1 { printf "%s:%s ", $3, $4 }' topu.csv)" = "1:W05 2:W01 2:W06 "
printf 'include = gansu\n[staff]\ntop = 2\nreplace_grade = 基本称职\n' > rg.conf
st --as-of 2026-10-31 -p ./rg.conf --top --scores unfit.csv > topr.csv 2> /dev/null
t "--top: the grade left out is the policy's replace_grade" test "$(awk -F, 'NR > 1 { printf "%s:%s ", $3, $4 }' topr.csv)" = "1:W02 2:W01 2:W06 "

# the same from a store
awk -F, -v OFS=, 'function ck(d,  s, i) { s = 0
		for (i = 1; i <= 17; i++) s += substr(d, i, 1) * W[i]
		return substr("10X98765432", s % 11 + 1, 1) }
	BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ") }
	NR == 1 { print $0, "id_number", "township_code"; next }
	length($4) == 18 { next }
	{ d = sprintf("14082419800101%03d", NR); print $0, d ck(d), substr($4, 1, 9) }' \
	"$EX/workers.csv" > w.csv
grep -v ',W02,' "$EX/scores.csv" > s.csv
for tb in regions grids; do gw-load -d s.db $tb "$EX/$tb.csv" 2> /dev/null; done
gw-load -d s.db workers w.csv 2> /dev/null && gw-load -d s.db scores s.csv 2> /dev/null
gw-staff --as-of 2026-10-31 -d s.db --replace > rs.csv 2> /dev/null
t "from the store: the same list" test_cmp r.csv rs.csv

printf 'month,worker_id,grid_code,township_code,score,grade\n2026-10,W01,,,9x,优秀\n2026-10,W05,,,50,不称职\n2026-10,W05,,,51,不称职\n' > bad.csv
st --as-of 2026-10-31 --replace --scores bad.csv > /dev/null 2> bad.err
t "a bad score and a second row of a month: rejected, exit 1" sh -c '[ $1 -eq 1 ] &&
	grep -q "bad.csv:2: column .score.: not a score: .9x." bad.err &&
	grep -q "bad.csv:4: column .worker_id.: worker .W05. scored twice for 2026-10" bad.err' - $?
st --as-of 2026-07-31 --replace --scores "$EX/scores.csv" > /dev/null 2> none.err
t "no scores of the month or before: exit 2" sh -c '[ $1 -eq 2 ] && grep -q "no scores of 2026-07 or before" none.err' - $?
printf 'include = gansu\n[staff]\nreplace_grade = 差\n' > badgrade.conf
st --as-of 2026-10-31 -p ./badgrade.conf --replace --scores "$EX/scores.csv" > /dev/null 2> bg.err
t "a replace_grade the policy does not grade: exit 2, naming the line" sh -c '[ $1 -eq 2 ] && grep -q "badgrade.conf:3: key .replace_grade.: grade .差. is none of" bg.err' - $?
printf 'include = gansu\n[staff]\nreplace_months = 0\n' > badmonths.conf
st --as-of 2026-10-31 -p ./badmonths.conf --replace --scores "$EX/scores.csv" > /dev/null 2> bm.err
t "replace_months 0: exit 2" sh -c '[ $1 -eq 2 ] && grep -q "badmonths.conf:3: key .replace_months." bm.err' - $?
st --as-of 2026-10-31 --replace --top --scores "$EX/scores.csv" > /dev/null 2>&1
t "--replace with --top: usage, exit 2" [ $? -eq 2 ]
st --as-of 2026-10-31 --by village --top --scores "$EX/scores.csv" > /dev/null 2>&1
t "--top with --by: usage, exit 2" [ $? -eq 2 ]
st --as-of 2026-10-31 --replace > /dev/null 2>&1
t "--replace without scores nor store: usage, exit 2" [ $? -eq 2 ]

# --renewal: terms of 3 years from hired_on, due within 60 days
rn() { st --as-of "$1" --renewal --scores "$EX/scores.csv" 2> /dev/null | awk -F, 'NR > 1 { printf "%s:%s ", $1, $6 }'; }
t "--renewal: 60 days left is due, 61 not" sh -c '[ "$1" = "W01:30 " ] && [ "$2" = "W01:29 W06:60 W07:60 " ]' - "$(rn 2027-01-29)" "$(rn 2027-01-30)"
t "--renewal: the term's last day is due (0), the next day starts a new term" sh -c '
	[ "$1" = "W01:0 W06:31 W07:31 " ] && [ "$2" = "W06:30 W07:30 " ]' - "$(rn 2027-02-28)" "$(rn 2027-03-01)"
st --as-of 2027-01-30 --renewal --scores "$EX/scores.csv" > rn.csv 2> /dev/null
t "--renewal: with the worker's latest score and grade" grep -qx 'W07,140824200201001,网格长,2021-04-01,2027-03-31,60,2026-10,59.00,不称职' rn.csv
st --as-of 2027-01-30 --renewal > rn2.csv 2> /dev/null
t "--renewal without scores: the same workers, no score" test "$(cut -d, -f1,7-9 rn2.csv | sed -n 2p)" = "W01,,,"
printf 'include = gansu\n[staff]\nterm_years = 0\n' > badterm.conf
st --as-of 2027-01-30 -p ./badterm.conf --renewal > /dev/null 2> bt.err
t "term_years 0: exit 2, naming the line" sh -c '[ $1 -eq 2 ] && grep -q "badterm.conf:3: key .term_years." bt.err' - $?
printf 'worker_id,grid_code,role\n,,\n' > badrows.csv
gw-staff -R "$EX/regions.csv" -G "$EX/grids.csv" --as-of 2027-01-30 \
    -p ./badterm.conf --renewal badrows.csv > /dev/null 2> bt2.err
t "term_years 0 is said before the rows: one line, no row refused" sh -c '
	[ $1 -eq 2 ] && [ "$(wc -l < bt2.err)" = 1 ] && grep -q "badterm.conf:3: key .term_years." bt2.err' - $?
gw-staff -R "$EX/regions.csv" -G "$EX/grids.csv" --as-of 2027-01-30 \
    -p ./badterm.conf --top --scores "$EX/scores.csv" badrows.csv \
    > /dev/null 2> bt3.err
t "a malformed [staff] key stops --top too, before the rows" sh -c '
	[ $1 -eq 2 ] && [ "$(wc -l < bt3.err)" = 1 ] && grep -q "badterm.conf:3: key .term_years." bt3.err' - $?
