#!/bin/sh
# bench/screen.sh [small|province] — gw-screen against sqlite3 doing the
# same screening in the same run: N candidates (small 100,000; province
# 1,000,000) against an N-number dishonesty blacklist (15-digit and
# lower-case-x numbers among them) and a vacancies file.  sqlite3
# imports the three files and answers one query with the same rules:
# identity check and age at the reference date, the six flags, the
# blacklist after normalisation, the education ladder, the remark
# patterns, total, rank per grid and selection (its steps MATERIALIZED,
# which makes it many times faster than the plain CTEs).  Prints
#   bench screen: scale=S rows=N gw_s=T rows_per_s=R sqlite_s=T ratio=X ...
#   bench screen: gw_cpu_s=T sqlite_cpu_s=T ratio_cpu=X gw_rss_kb=K
# where ratio = sqlite seconds / gw-screen seconds (target >= 3), wall
# clock and CPU (user + system), and whether the two agree on how many
# are eligible and selected.
set -u
scale=${1:-small}
case $scale in
small) n=100000 ;;
province) n=1000000 ;;
*) echo "usage: bench/screen.sh [small|province]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$BENCH_DATA/screen-$scale
mkdir -p "$d" || exit 2
asof=2026-10-08

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
# CPU seconds (user + system) and peak RSS of the last timed command
cpu() { awk '{ printf "%.3f", $1 + $2 }' "$d/.time"; }
rss() { awk '{ print $3 }' "$d/.time"; }

# Candidates: identity numbers unique by construction (birth date and
# sequence from the row number), 1 in 20 with a wrong check character,
# flags set now and then, remarks on a few, scores with decimals,
# 100 candidates a grid.  Blacklist: every 50th candidate (some as 15
# digits, some with a lower-case x) and as many numbers not among them.
if [ ! -s "$d/cands.csv" ] || [ ! -s "$d/blacklist.csv" ]; then
	awk -v n="$n" -v cands="$d/cands.csv" -v bl="$d/blacklist.csv" \
	    -v vac="$d/vacancies.csv" '
	function ck(d17,   s, i) {
		s = 0
		for (i = 1; i <= 17; i++)
			s += substr(d17, i, 1) * W[i]
		return substr("10X98765432", s % 11 + 1, 1)
	}
	BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
		split("小学 初中 初中毕业 高中 中专 大专 专科 本科 大学本科 硕士 研究生 博士 其他", E, " ")
		split("|||||||||||||||||曾被行政拘留|受过治安处罚|无违法犯罪记录|失信被执行人|曾吸毒", R, "|")
		print "candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code" > cands
		print "id_number,name" > bl
		print "grid_code,vacancies" > vac
		for (g = 0; g < int((n + 99) / 100); g++)
			printf "620102%03d%03d%03d,%d\n", 1 + int(g / 800) % 999, 1 + int(g / 8) % 100, 1 + g % 8, 1 + g % 5 > vac
		for (i = 0; i < n; i++) {
			d17 = sprintf("620102%04d%02d%02d%03d", 1960 + i % 50, 1 + int(i / 50) % 12, 1 + int(i / 600) % 28, int(i / 16800) % 1000)
			id = d17 ck(d17)
			if (i % 20 == 7)
				id = d17 (ck(d17) == "0" ? "1" : "0")
			g = int(i / 100)
			f = (i % 97 == 3) ? 1 : 0
			printf "C%07d,%s,候选人%d,%s,%d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s,%d.%d,%d.%d,620102%03d%03d%03d\n", i, id, i, E[1 + i % 13], i % 3 == 0, (i % 7 == 0 ? "助理社会工作师" : ""), i % 11 == 0, i % 13 == 0, i % 17 == 0, f, i % 89 == 5, i % 83 == 7, i % 79 == 9, i % 73 == 11, i % 71 == 13, R[1 + i % 22], 50 + i % 50, i % 10, 60 + (i * 7) % 40, (i * 3) % 10, 1 + int(g / 800) % 999, 1 + int(g / 8) % 100, 1 + g % 8 > cands
			if (i % 50 == 1) {
				if (i % 150 == 1)	# 15-digit form
					print substr(id, 1, 6) substr(id, 9, 9) ",失信" i > bl
				else
					print tolower(id) ",失信" i > bl
			} else {
				o17 = sprintf("630105%04d%02d%02d%03d", 1950 + i % 60, 1 + int(i / 60) % 12, 1 + int(i / 720) % 28, int(i / 20160) % 1000)
				print o17 ck(o17) ",其他" i > bl
			}
		}
	}' || exit 2
fi

# --- gridwork ----------------------------------------------------------
t0=$(now)
/usr/bin/time -f '%U %S %M' -o "$d/.time" "$GW_BIN/gw-screen" --as-of $asof -b "$d/blacklist.csv" \
    --vacancies "$d/vacancies.csv" "$d/cands.csv" >"$d/gw.out" \
    2>"$d/gw.err"
rc=$?
t1=$(now)
if [ $rc -gt 1 ]; then
	echo "bench screen: gw-screen failed (status $rc):"; head -5 "$d/gw.err"
	exit 1
fi
gw=$(secs "$t0" "$t1")
gwcpu=$(cpu)
gwrss=$(rss)

# --- sqlite3: import both, one query ---------------------------------
# The education table is the same data file; the remark patterns are
# those of the gansu profile without their lookbehinds (sqlite's REGEXP
# has none), which only makes sqlite's work lighter.
grep -v '^#' "$GRIDWORK_SHARE/screen/education.tsv" |
awk -F '\t' 'BEGIN { split("小学 初中 高中 大专 本科 硕士 博士", L, " "); for (i in L) r[L[i]] = i; print "spelling,rung" }
	{ print $1 "," r[$2] }' >"$d/edu.csv"
rm -f "$d/peer.db"
t0=$(now)
/usr/bin/time -f '%U %S %M' -o "$d/.time" sqlite3 "$d/peer.db" >"$d/sqlite.out" 2>"$d/sqlite.err" <<EOF
.mode csv
.import '$d/cands.csv' c
.import '$d/blacklist.csv' bl
.import '$d/vacancies.csv' vac
.import '$d/edu.csv' edu
CREATE TABLE b AS
 WITH raw AS (SELECT upper(trim(id_number)) AS s FROM bl),
 d17 AS (SELECT CASE WHEN length(s) = 15 THEN substr(s,1,6) || '19' || substr(s,7,9) ELSE substr(s,1,17) END AS d,
	CASE WHEN length(s) = 15 THEN NULL ELSE substr(s,18,1) END AS c FROM raw)
 SELECT d || coalesce(c, substr('10X98765432', (substr(d,1,1)*7 + substr(d,2,1)*9 + substr(d,3,1)*10 + substr(d,4,1)*5 + substr(d,5,1)*8 + substr(d,6,1)*4 + substr(d,7,1)*2 + substr(d,8,1)*1 + substr(d,9,1)*6 + substr(d,10,1)*3 + substr(d,11,1)*7 + substr(d,12,1)*9 + substr(d,13,1)*10 + substr(d,14,1)*5 + substr(d,15,1)*8 + substr(d,16,1)*4 + substr(d,17,1)*2) % 11 + 1, 1)) AS id FROM d17;
CREATE INDEX b_id ON b(id);
CREATE INDEX vac_grid ON vac(grid_code);
CREATE INDEX edu_spelling ON edu(spelling);
.headers on
WITH n AS (
 SELECT c.rowid AS rn, c.*, upper(trim(id_number)) AS s FROM c),
 v AS MATERIALIZED (
 SELECT n.*, length(s) = 18 AND substr(s,1,17) NOT GLOB '*[^0-9]*'
	AND substr('10X98765432', (substr(s,1,1)*7 + substr(s,2,1)*9 + substr(s,3,1)*10 + substr(s,4,1)*5 + substr(s,5,1)*8 + substr(s,6,1)*4 + substr(s,7,1)*2 + substr(s,8,1)*1 + substr(s,9,1)*6 + substr(s,10,1)*3 + substr(s,11,1)*7 + substr(s,12,1)*9 + substr(s,13,1)*10 + substr(s,14,1)*5 + substr(s,15,1)*8 + substr(s,16,1)*4 + substr(s,17,1)*2) % 11 + 1, 1) = substr(s,18,1)
	AND date(substr(s,7,4) || '-' || substr(s,11,2) || '-' || substr(s,13,2)) = substr(s,7,4) || '-' || substr(s,11,2) || '-' || substr(s,13,2)
	AND substr(s,7,8) <= replace('$asof', '-', '') AS valid
 FROM n),
 a AS MATERIALIZED (
 SELECT v.*, CASE WHEN valid THEN CAST(substr('$asof',1,4) AS INT) - CAST(substr(s,7,4) AS INT) - (substr(replace('$asof','-',''),5,4) < substr(s,11,4)) END AS age,
	(SELECT rung FROM edu WHERE spelling = trim(v.education)) AS rung,
	valid AND EXISTS (SELECT 1 FROM b WHERE b.id = v.s) AS listed
 FROM v),
 r AS MATERIALIZED (
 SELECT a.*, trim(
	CASE WHEN criminal_penalty = '1' THEN 'D1;' ELSE '' END ||
	CASE WHEN pending_case = '1' THEN 'D2;' ELSE '' END ||
	CASE WHEN under_investigation = '1' THEN 'D3;' ELSE '' END ||
	CASE WHEN detained = '1' THEN 'D4;' ELSE '' END ||
	CASE WHEN admin_penalty = '1' THEN 'D5;' ELSE '' END ||
	CASE WHEN dismissed = '1' THEN 'D6;' ELSE '' END ||
	CASE WHEN listed THEN 'D7;' ELSE '' END ||
	CASE WHEN valid AND (age < 18 OR age > 60) THEN 'D8;' ELSE '' END ||
	CASE WHEN rung IS NOT NULL AND rung < 2 THEN 'D9;' ELSE '' END ||
	CASE WHEN NOT valid THEN 'D10;' ELSE '' END ||
	CASE WHEN criminal_penalty = '0' AND remarks REGEXP '判处|判刑|缓刑|服刑|徒刑|拘役|刑满|刑事|前科|[^无法]犯罪记录|^犯罪记录' THEN 'R1;' ELSE '' END ||
	CASE WHEN pending_case = '0' AND remarks REGEXP '涉嫌|取保候审|监视居住|未结案|尚未结案|刑事案件|在逃' THEN 'R2;' ELSE '' END ||
	CASE WHEN under_investigation = '0' AND remarks REGEXP '立案|审查调查|留置|接受调查|纪律审查|正在调查|被调查' THEN 'R3;' ELSE '' END ||
	CASE WHEN detained = '0' AND remarks REGEXP '拘留|羁押|关押' THEN 'R4;' ELSE '' END ||
	CASE WHEN admin_penalty = '0' AND remarks REGEXP '治安(管理)?处罚|治安罚款|行政处罚' THEN 'R5;' ELSE '' END ||
	CASE WHEN dismissed = '0' AND remarks REGEXP '开除|除名|清退' THEN 'R6;' ELSE '' END ||
	CASE WHEN NOT listed AND remarks REGEXP '失信|被执行人|老赖|限制高消费|限高' THEN 'R7;' ELSE '' END ||
	CASE WHEN remarks REGEXP '吸毒|涉毒|戒毒' THEN 'R8;' ELSE '' END ||
	CASE WHEN rung IS NULL THEN 'R90;' ELSE '' END, ';') AS reasons,
	(party_member = '1') + (trim(title) NOT IN ('', '无', '-', '/', '0', '否', 'none')) + (social_work_cert = '1') + (veteran = '1') + (dibao = '1') AS priority,
	CAST(round(written * 0.5 + interview * 0.5 + 1e-9, 2) AS TEXT) AS total
 FROM a),
 s AS (
 SELECT r.*, CASE WHEN reasons GLOB '*D*' THEN 'ineligible' WHEN reasons <> '' THEN 'review' ELSE 'eligible' END AS status FROM r),
 k AS (
 SELECT s.*, CASE WHEN status = 'eligible' THEN row_number() OVER (PARTITION BY grid_code, status = 'eligible' ORDER BY CAST(total AS REAL) DESC, priority DESC, candidate_id) END AS rank FROM s)
SELECT candidate_id, id_number, name, education, party_member, title, social_work_cert, veteran, dibao, criminal_penalty, pending_case, under_investigation, detained, admin_penalty, dismissed, remarks, written, interview, k.grid_code,
	status, reasons, age, priority, total, rank,
	CASE WHEN rank IS NOT NULL AND rank <= CAST(vac.vacancies AS INT) THEN 1 ELSE 0 END AS selected
FROM k LEFT JOIN vac ON vac.grid_code = k.grid_code ORDER BY k.rn;
EOF
rc=$?
t1=$(now)
if [ $rc -ne 0 ] || [ -s "$d/sqlite.err" ]; then
	echo "bench screen: sqlite3 failed:"; head -5 "$d/sqlite.err"
	exit 1
fi
sq=$(secs "$t0" "$t1")
sqcpu=$(cpu)

# the two must agree on who is eligible and who is selected
gw_el=$(awk -F, 'NR > 1 && $(NF-6) == "eligible"' "$d/gw.out" | wc -l)
sq_el=$(awk -F, 'NR > 1 && $(NF-6) == "eligible"' "$d/sqlite.out" | wc -l)
gw_sel=$(awk -F, 'NR > 1 && $NF == "1"' "$d/gw.out" | wc -l)
sq_sel=$(awk -F, 'NR > 1 && $NF == "1"' "$d/sqlite.out" | wc -l)
rows=$(($(wc -l <"$d/gw.out") - 1))
echo "$gw $sq $rows" | awk -v scale="$scale" -v ge="$gw_el" -v se="$sq_el" \
    -v gs="$gw_sel" -v ss="$sq_sel" '{
	printf "bench screen: scale=%s rows=%d gw_s=%s rows_per_s=%d sqlite_s=%s ratio=%.1f eligible=%d/%d selected=%d/%d%s\n",
	    scale, $3, $1, ($1 > 0 ? $3 / $1 : 0), $2, ($1 > 0 ? $2 / $1 : 0),
	    ge, se, gs, ss, (ge == se && gs == ss) ? "" : " MISMATCH"
}'
echo "$gwcpu $sqcpu $gwrss" | awk '{
	printf "bench screen: gw_cpu_s=%s sqlite_cpu_s=%s ratio_cpu=%.1f gw_rss_kb=%d\n",
	    $1, $2, ($1 > 0 ? $2 / $1 : 0), $3
}'
