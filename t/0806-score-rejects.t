#!/bin/sh
# score-month: rows that cannot be used are rejected, each named, and
# change no score.  The hand-made county of t/0802 with bad rows added
# to every table must give exactly the same scores (t/score-month/edge/
# month.out), and rows read = accepted + rejected.
. "$(dirname "$0")/lib.sh"
plan 6

g=$T_DIR/score-month/edge
cd "$TMP" || exit 2
cp "$g"/*.csv . || exit 2
cat >>grids.csv <<'X'
140824100200001,140824100200,base,9,9,dup
14082410020000,140824100200,base,9,9,short
X
cat >>assignment.csv <<'X'
H1,140824100201001
H10,140824199999001
X
cat >>workers.csv <<'X'
W1,,甲,专职网格员,140824100201001,140824100,fulltime,2020-01-01
W9,,壬,兼职网格员,140824100299001,140824100,parttime,2020-01-01
W10,,癸,兼职网格员,140824100201001,140824101,parttime,2020-01-01
W11,,子,兼职网格员,140824100201001,140824100,parttime,2020-13-01
X
cat >>events.csv <<'X'
E20,140824100200001,2026-10-32 09:00:00,,worker,W1,01,normal
E21,140824100200001,2026-10-20 09:00:00,yesterday,worker,W1,01,normal
E22,140824100200001,2026-10-20 09:00:00,,wokrer,W1,01,normal
E1,140824100200001,2026-10-20 09:00:00,,worker,W1,01,normal
E23,140824100299001,2026-10-20 09:00:00,,worker,W1,01,normal
X
cat >>cases.csv <<'X'
K20,E1,140824100200001,01,closed,司法所,,,2026-10-40,,,,,
K21,E1,140824100200001,01,closed,司法所,,,2026-10-20,2026-10-19 10:00:00,,,,2
K1,E1,140824100200001,01,closed,司法所,,,2026-10-20,2026-10-19 10:00:00,,,,1
K22,E1,140824100299001,01,closed,司法所,,,2026-10-20,2026-10-19 10:00:00,,,,1
X
cat >>patrols.csv <<'X'
W1,2026-10-13,abc
W1,2026-10-13,2000
W1,13/10/2026x,120
X
cat >>logins.csv <<'X'
W42,2026-10-13
X
cat >>trainings.csv <<'X'
W1,2026-10-22,S9,yes
X
cat >>bonus.csv <<'X'
W1,2026-10,-1,负分
W1,2026-10,1.234,三位小数
X
score-month --month 2026-10 --workers workers.csv --grids grids.csv \
	--assignment assignment.csv --events events.csv --cases cases.csv \
	--patrols patrols.csv --visits visits.csv --logins logins.csv \
	--trainings trainings.csv --bonus bonus.csv -r rej.csv >out.csv 2>err
rc=$?
t 'exit 1' test $rc -eq 1
t 'the same scores as without the bad rows' test_cmp "$g/month.out" out.csv
nrej=$(grep -c ': column ' err)
t 'every bad row rejected and named: 10 + 24' test "$nrej" -eq 34
t 'the count line adds up' grep -q '^score-month: 34 of 160 rows rejected$' err
t 'the rejects file holds them all' test "$(($(wc -l <rej.csv) - 1))" -eq 34
in=0
for f in grids assignment workers events cases patrols visits logins trainings bonus; do
	in=$((in + $(wc -l <"$f.csv") - 1))
done
t 'rows read = every data row of every input' test "$in" -eq 160
