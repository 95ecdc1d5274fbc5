#!/bin/sh
# gw-report(1) on the example county's October (examples/demo.sh's
# store): every figure of the glance, of the tables behind the charts,
# of the ranking and of the lists equals the same figure computed from
# the store with SQL here, by the definitions of the man page.
. "$(dirname "$0")/lib.sh"

plan 16
demo_copy && [ "$(cat "$TMP/demo.rc")" -eq 0 ] || exit 2
db=$TMP/ex/gw.db
tab() { perl "$T_DIR/gw-report/table.pl" "$@"; }
q() { sqlite3 -separator '	' "$db" "$@"; }

gw-report -d "$db" --month 2026-10 -p jishan >"$TMP/r.html" 2>"$TMP/r.err"
t "the report is written, exit 0, nothing on stderr" sh -c '
	test $? -eq 0 && test -s "$1" && ! test -s "$2"' sh "$TMP/r.html" "$TMP/r.err"

# the categories of the first urgency level, from the profile
imm=$(sed -n 's/^cat\.\([0-9]*\) = immediate .*/'\''\1'\''/p' "$TOP/share/policy/gansu.conf" |
	paste -sd, -)
M0='2026-10-01 00:00:00' M1='2026-10-31 23:59:59'
# rate(a, b): a / b as the report writes it, half-up, or — over nothing
rate() { a="coalesce($1, 0)" b="coalesce($2, 0)"
	echo "CASE WHEN $b = 0 THEN '—' ELSE printf('%d.%02d%%',
	($a * 20000 + $b) / (2 * $b) / 100, ($a * 20000 + $b) / (2 * $b) % 100) END"; }
money() { echo "printf('%d.%02d', ($1) / 100, ($1) % 100)"; }
cur="reported_at BETWEEN '$M0' AND '$M1'"
due="deadline <= '$M1'"
closed="closed_at IS NOT NULL AND closed_at <= '$M1'"
q "
WITH ev AS (SELECT * FROM events WHERE $cur),
imm AS (SELECT * FROM ev WHERE substr(category, 1, 2) IN ($imm)),
c AS (SELECT * FROM cases WHERE $cur),
s AS (SELECT * FROM scores WHERE month = '2026-10'),
p AS (SELECT * FROM pay WHERE month = '2026-10')
SELECT 'g.events', count(*) FROM ev
UNION ALL SELECT 'g.events_prev', '—'
UNION ALL SELECT 'g.mom', '—'
UNION ALL SELECT 'g.events_ly', '—'
UNION ALL SELECT 'g.yoy', '—'
UNION ALL SELECT 'g.immediate', count(*) FROM imm
UNION ALL SELECT 'g.late', count(*) FROM imm
	WHERE strftime('%s', reported_at) - strftime('%s', found_at) > 3600
UNION ALL SELECT 'g.cases', count(*) FROM c
UNION ALL SELECT 'g.due', count(*) FROM c WHERE $due
UNION ALL SELECT 'g.closed_due', count(*) FROM c WHERE $due AND $closed
UNION ALL SELECT 'g.on_time', count(*) FROM c WHERE $due AND $closed AND closed_at <= deadline
UNION ALL SELECT 'g.overdue_open', count(*) FROM cases WHERE reported_at <= '$M1'
	AND NOT ($closed) AND deadline < '$M1'
UNION ALL SELECT 'g.disposal', $(rate "sum($due AND $closed)" "sum($due)") FROM c
UNION ALL SELECT 'g.ontime', $(rate "sum($due AND $closed AND closed_at <= deadline)" "sum($due)") FROM c
UNION ALL SELECT 'g.satisfaction', $(rate "sum(satisfied = 1)" "count(satisfied)") FROM c WHERE $closed
UNION ALL SELECT 'g.scored', count(*) FROM s
UNION ALL SELECT 'g.grade1', count(*) FROM s WHERE grade = '优秀'
UNION ALL SELECT 'g.grade2', count(*) FROM s WHERE grade = '称职'
UNION ALL SELECT 'g.grade3', count(*) FROM s WHERE grade = '基本称职'
UNION ALL SELECT 'g.grade4', count(*) FROM s WHERE grade = '不称职'
UNION ALL SELECT 'g.pay_workers', count(*) FROM p
UNION ALL SELECT 'g.gross', $(money "sum(gross)") FROM p
UNION ALL SELECT 'g.insurance', $(money "count(*) * 833") FROM p
UNION ALL SELECT 'g.total', $(money "sum(gross) + count(*) * 833") FROM p
UNION ALL SELECT 'g.silent', count(*) FROM grids g WHERE coalesce(status, '') <> 'retired'
	AND NOT EXISTS (SELECT 1 FROM ev WHERE ev.grid_code = g.grid_code AND source = 'worker')
" >"$TMP/want.glance"
tab glance "$TMP/r.html" >"$TMP/got.glance"
t "every figure of the glance equals its SQL" test_cmp "$TMP/want.glance" "$TMP/got.glance"

t "the budget line is pay-calc --budget's county line" sh -c '
	tail -1 "$1" | awk -F, "{ print \$11 \"\\n\" \$13 }" >"$3.a"
	grep -E "^g\.(gross|total)	" "$2" | cut -f2 >"$3.b"; cmp "$3.a" "$3.b"' \
	sh "$TMP/ex/out/pay-budget.csv" "$TMP/got.glance" "$TMP/cmp"

# case-track --summary's due (3) and overdue_open (9) by township
sed 1d "$TMP/ex/out/case-summary.csv" | awk -F, '{ print $3 "\t" $9 }' >"$TMP/want.cs"
tab rate-area "$TMP/r.html" | cut -f4,5 >"$TMP/got.cs"
t "cases due and overdue by township are case-track --summary's" \
	test_cmp "$TMP/want.cs" "$TMP/got.cs"

q "SELECT r.name, count(e.event_id), '—', '—',
	sum(substr(e.category, 1, 2) IN ($imm)),
	sum(substr(e.category, 1, 2) IN ($imm) AND
	    strftime('%s', e.reported_at) - strftime('%s', e.found_at) > 3600)
FROM regions r LEFT JOIN events e ON substr(e.grid_code, 1, 9) = r.code AND e.$cur
WHERE length(r.code) = 9 AND r.code LIKE '140824%' GROUP BY r.code ORDER BY r.code" |
	sed 's/	$/	0/' >"$TMP/want.area"
tab ev-area "$TMP/r.html" >"$TMP/got.area"
t "events by township: name, count, immediate, late" test_cmp "$TMP/want.area" "$TMP/got.area"

# categories: the first level's name from the profile, a second level
# counted in its first
sed -n 's/^cat\.\([0-9][0-9]\) = [a-z]* \(.*\)/\1	\2/p' "$TOP/share/policy/gansu.conf" >"$TMP/cats.tsv"
q "CREATE TEMP TABLE cat (code TEXT, name TEXT);" \
	".import $TMP/cats.tsv cat" \
	"SELECT cat.name, count(*), '—', '—' FROM events e JOIN cat ON cat.code = substr(e.category, 1, 2)
	WHERE e.$cur GROUP BY cat.code ORDER BY cat.code" >"$TMP/want.cat"
tab ev-cat "$TMP/r.html" >"$TMP/got.cat"
t "events by category, by name" test_cmp "$TMP/want.cat" "$TMP/got.cat"

q "SELECT CASE WHEN department IS NULL THEN '无' ELSE department END,
	$(rate "sum($due AND $closed)" "sum($due)"),
	$(rate "sum($due AND $closed AND closed_at <= deadline)" "sum($due)"),
	coalesce(sum($due), 0), coalesce(sum(NOT ($closed) AND deadline < '$M1'), 0)
FROM cases WHERE $cur GROUP BY department ORDER BY coalesce(sum($due), 0) DESC, department" >"$TMP/want.dept"
tab rate-dept "$TMP/r.html" >"$TMP/got.dept"
t "closure and on-time rates by department" test_cmp "$TMP/want.dept" "$TMP/got.dept"

q "SELECT r.name, count(s.worker_id), sum(s.grade = '优秀'), sum(s.grade = '称职'),
	sum(s.grade = '基本称职'), sum(s.grade = '不称职')
FROM regions r JOIN scores s ON substr(s.grid_code, 1, 9) = r.code AND s.month = '2026-10'
WHERE length(r.code) = 9 GROUP BY r.code ORDER BY r.code" >"$TMP/want.grade"
tab grade-area "$TMP/r.html" >"$TMP/got.grade"
t "the grades by township" test_cmp "$TMP/want.grade" "$TMP/got.grade"

q "SELECT r.name, count(p.worker_id), $(money "sum(p.gross)")
FROM regions r JOIN pay p ON substr(p.grid_code, 1, 9) = r.code AND p.month = '2026-10'
WHERE length(r.code) = 9 GROUP BY r.code ORDER BY r.code" >"$TMP/want.pay"
tab pay-area "$TMP/r.html" >"$TMP/got.pay"
t "pay by township" test_cmp "$TMP/want.pay" "$TMP/got.pay"

q "SELECT (SELECT count(*) FROM scores t WHERE t.month = s.month AND t.score > s.score) + 1,
	w.name, r.name, printf('%.2f', s.score), s.grade
FROM scores s JOIN workers w USING (worker_id) JOIN regions r ON r.code = s.township_code
WHERE s.month = '2026-10' ORDER BY s.score DESC, s.worker_id LIMIT 10" >"$TMP/want.top"
tab top "$TMP/r.html" | cut -f1,2,4,5,6 >"$TMP/got.top"
t "the top ten: rank, name, township, score, grade" test_cmp "$TMP/want.top" "$TMP/got.top"

q "SELECT * FROM (SELECT (SELECT count(*) FROM scores t WHERE t.month = s.month AND t.score > s.score) + 1,
	w.name, printf('%.2f', s.score)
FROM scores s JOIN workers w USING (worker_id)
WHERE s.month = '2026-10' ORDER BY s.score, s.worker_id DESC LIMIT 10)" >"$TMP/want.bottom"
tab bottom "$TMP/r.html" | cut -f1,2,5 >"$TMP/got.bottom"
t "the bottom ten, lowest first" test_cmp "$TMP/want.bottom" "$TMP/got.bottom"

q "SELECT w.name, printf('%.2f', s.score), '—' FROM scores s JOIN workers w USING (worker_id)
WHERE s.month = '2026-10' AND s.grade = '不称职' ORDER BY s.score DESC, s.worker_id" >"$TMP/want.unfit"
tab unfit "$TMP/r.html" | cut -f2,5,6 >"$TMP/got.unfit"
t "this month's 不称职, with last month's grade (none: —)" test_cmp "$TMP/want.unfit" "$TMP/got.unfit"

q "SELECT coalesce(department, '无'), case_id, deadline FROM cases
WHERE reported_at <= '$M1' AND NOT ($closed) AND deadline < '$M1'
ORDER BY coalesce(department, '无'), deadline, case_id" >"$TMP/want.over"
tab overdue "$TMP/r.html" | cut -f1,2,5 >"$TMP/got.over"
t "the overdue cases by department, then deadline" test_cmp "$TMP/want.over" "$TMP/got.over"

q "SELECT event_id, reported_at, (strftime('%s', reported_at) - strftime('%s', found_at)) / 60
FROM events WHERE $cur AND substr(category, 1, 2) IN ($imm)
	AND strftime('%s', reported_at) - strftime('%s', found_at) > 3600 ORDER BY rowid" >"$TMP/want.late"
tab late "$TMP/r.html" | cut -f1,5,6 >"$TMP/got.late"
t "the late immediate reports, with their delay in minutes" test_cmp "$TMP/want.late" "$TMP/got.late"

# key persons: the population engine's shortfall from the store, as
# pop-report -d gives it; numbers masked
gw-report -d "$db" --month 2026-10 -p jishan --visits "$TMP/ex/jishan/visits.csv" \
	>"$TMP/v.html" || exit 2
pop-report -p jishan -d "$db" --visits "$TMP/ex/jishan/visits.csv" \
	--workers "$TMP/ex/jishan/workers.csv" --month 2026-10 >"$TMP/short.csv" || exit 2
sed 1d "$TMP/short.csv" | awk -F, '{ print $6 "\t" $5 "\t" $8 "\t" $9 }' >"$TMP/want.short"
tab keyshort "$TMP/v.html" | cut -f2,3,5,6 >"$TMP/got.short"
t "key persons short of visits: pop-report's, one by one" test_cmp "$TMP/want.short" "$TMP/got.short"
keyfig() {
	test "$(tab glance "$1" | awk -F'\t' '$1 == "g.keyshort" { print $2 }')" = \
	    "$(($(wc -l <"$2") - 1))" &&
	cut -f2 "$3" | grep -Evq '^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$' && return 1
	return 0
}
t "... their count in the glance, every number masked" keyfig "$TMP/v.html" "$TMP/short.csv" "$TMP/got.short"
