#!/bin/sh
# gw-synth: the shipped example county is valid and consistent — every
# identity number right, households matching their persons, plausible
# ages and sexes, links between the files that hold, a month of events
# and case histories in time order.
. "$(dirname "$0")/lib.sh"
plan 23

J=$TOP/examples/jishan
cd "$TMP" || exit 2
M=2026-10

t "gw-id finds every person's number valid" sh -c '
	gw-id --as-of 2026-10-31 "$1/persons.csv" > /dev/null' sh "$J"
t "check characters by the GB 11643 sum, and the county's address code" \
    awk -F, '
	BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		cc = "10X98765432" }
	FNR > 1 { id = FILENAME ~ /workers/ ? $2 : $1; s = 0
		if (length(id) != 18 || substr(id, 1, 17) !~ /^[0-9]+$/ ||
		    substr(id, 18) !~ /^[0-9X]$/) { print "bad " id; bad = 1; next }
		for (i = 1; i <= 17; i++) s += substr(id, i, 1) * w[i]
		if (substr(cc, s % 11 + 1, 1) != substr(id, 18, 1)) {
			print "check " id; bad = 1 }
		if (FILENAME ~ /persons/ && substr(id, 1, 6) != "140824") {
			print "address " id; bad = 1 } }
	END { exit bad }' "$J/persons.csv" "$J/workers.csv"
t "identity numbers are unique" sh -c '
	test -z "$(sed 1d "$1/persons.csv" | cut -d, -f1 | sort | uniq -d)"' sh "$J"
t "household sizes match their persons, 1 to 7" awk -F, '
	NR == FNR { if (FNR > 1) { n[$1] = $5; v[$1] = $2; b[$1] = $3 }; next }
	FNR > 1 { c[$3]++; if (v[$3] != $5 || b[$3] != $6) { print "where " $0; bad = 1 } }
	END { for (h in n) if (n[h] != c[h] || n[h] < 1 || n[h] > 7) {
		print h, n[h], c[h]; bad = 1 }
	      exit bad }' "$J/households.csv" "$J/persons.csv"
t "one head per household, relations from the list" awk -F, '
	FNR > 1 { if ($4 == "户主") head[$3]++; hh[$3] = 1
		if ($4 !~ /^(户主|配偶|子女|父母|孙子女|兄弟姐妹|其他)$/) { print; bad = 1 } }
	END { for (h in hh) if (head[h] != 1) { print "heads", h; bad = 1 }
	      exit bad }' "$J/persons.csv"
# birth as YYYYMMDD, sex from the sequence digit
awk -F, 'FNR > 1 { print $3, $4, substr($1, 7, 8), substr($1, 17, 1) % 2 }' \
    "$J/persons.csv" > members
t "children and grandchildren younger than the head, parents older, by 16 years or more" awk '
	$2 == "户主" { hb[$1] = substr($3, 1, 4) }
	{ r[NR] = $2; h[NR] = $1; y[NR] = substr($3, 1, 4) }
	END { for (i = 1; i <= NR; i++) { d = y[i] - hb[h[i]]
		if ((r[i] == "子女" || r[i] == "孙子女") && d < 16 ||
		    r[i] == "父母" && d > -16) { print h[i], r[i], d; bad = 1 } }
	      exit bad }' members
t "children take the husband's surname" env LC_ALL=C awk -F, '
	NR > 1 { s = substr($2, 1, 3); male = substr($1, 17, 1) % 2
		if ($4 == "户主") { h[$3] = s; if (male) f[$3] = s }
		if ($4 == "配偶" && male) f[$3] = s
		if ($4 == "子女") { c[NR] = $3; cs[NR] = s } }
	END { for (i in c) { fam = (c[i] in f) ? f[c[i]] : h[c[i]]
		if (cs[i] != fam) { print c[i]; bad = 1 } }
	      exit bad }' "$J/persons.csv"
t "spouses are of the other sex and adult" awk '
	$2 == "户主" { hs[$1] = $4 }
	$2 == "配偶" { s[$1] = $4; sy[$1] = substr($3, 1, 4) }
	END { for (h in s) if (s[h] == hs[h] || sy[h] > 2006) { print h; bad = 1 }
	      exit bad }' members
t "births are real dates, none after the month" awk '
	{ y = substr($3, 1, 4) + 0; m = substr($3, 5, 2) + 0; d = substr($3, 7, 2) + 0
	  split("31 29 31 30 31 30 31 31 30 31 30 31", dm, " ")
	  if (m < 1 || m > 12 || d < 1 || d > dm[m] || $3 > "20261031") { print; bad = 1 } }
	END { exit bad }' members
t "communities of buildings, villages of villager groups" awk -F, '
	NR == FNR { k[$1] = $3; next }
	FNR > 1 { if (k[$2] == "urban" && $3 !~ /^[0-9]+号楼$/ ||
		      k[$2] == "rural" && $3 !~ /^第[0-9]+村民小组$/ || k[$2] == "") {
			print; bad = 1 } }
	END { exit bad }' "$J/regions.csv" "$J/households.csv"
t "regions: the county, 9 townships, 151 village-level units" sh -c '
	test "$(awk -F, "NR > 1 { print length(\$1) }" "$1/regions.csv" |
	    sort -n | uniq -c | tr -s " " | tr "\n" /)" = " 1 6/ 9 9/ 151 12/"' sh "$J"
t "special groups tagged in free spellings; 独居老人 only alone and 60 or over" awk -F, '
	NR == FNR { n[$1] = $5; next }
	FNR > 1 && $9 != "" { k = split($9, tg, ";")
		for (i = 1; i <= k; i++) { seen[tg[i]] = 1
			if (tg[i] == "独居老人" && (n[$3] != 1 || substr($1, 7, 4) > 1966)) {
				print; bad = 1 } } }
	END { split("低保 残疾 独居老人 留守儿童 流动人口", want, " ")
	      for (i in want) if (!(want[i] in seen)) { print "no " want[i]; bad = 1 }
	      exit bad }' "$J/households.csv" "$J/persons.csv"
t "units: some of 300 people or more, each in a known village" awk -F, '
	NR == FNR { r[$1] = 1; next }
	FNR > 1 { if (!($3 in r) || $5 !~ /^[0-9]+$/) { print; bad = 1 }
		  if ($5 >= 300) big++ }
	END { exit bad || big < 3 }' "$J/regions.csv" "$J/units.csv"
t "workers: roles, employment, township and a grid of a known village" awk -F, '
	NR == FNR { r[$1] = 1; next }
	FNR > 1 { if ($4 !~ /^(网格长|专职网格员|兼职网格员|专属网格员|网格辅助员)$/ ||
		      $7 !~ /^(fulltime|parttime)$/ || !(substr($5, 1, 12) in r) ||
		      $6 != substr($5, 1, 9) || length($5) != 15 || $8 > "2026-10-31") {
			print; bad = 1 } }
	END { exit bad }' "$J/regions.csv" "$J/workers.csv"
t "about one worker per grid" sh -c '
	g=$(sed 1d "$1/workers.csv" | cut -d, -f5 | sort -u | wc -l)
	w=$(sed 1d "$1/workers.csv" | wc -l)
	test "$g" -ge 151 && test "$w" -le $((g * 12 / 10))' sh "$J"
t "events: in the month, found_at <= reported_at, sources and reporters right" awk -F, '
	NR == FNR { if (FNR > 1) wk[$1] = $5; next }
	FNR > 1 { if ($4 > $3 || substr($3, 1, 7) != "2026-10" || $4 < "2026-10-01" ||
		      $5 !~ /^(worker|resident|hotline|inspection)$/ ||
		      ($5 == "worker") != ($6 != "") ||
		      $5 == "worker" && wk[$6] != $2 || $8 == "") { print; bad = 1 }
		  if ($7 == "") empty++ }
	END { exit bad || empty == 0 }' "$J/workers.csv" "$J/events.csv"
t "every category of gridwork-rules(7), EVENTS occurs" sh -c '
	test "$(sed 1d "$1/events.csv" | cut -d, -f7 | cut -c1-2 | grep . |
	    sort -u | tr "\n" " ")" = "01 02 03 04 05 06 07 08 09 10 11 12 13 "' sh "$J"
t "some immediate events reported more than an hour late" awk -F, '
	FNR > 1 && $7 ~ /^0[256]$/ {
		split($3, a, /[- :]/); split($4, b, /[- :]/)
		d = ((a[3] - b[3]) * 24 + a[4] - b[4]) * 60 + a[5] - b[5]
		if (d > 60) late++ }
	END { exit late == 0 }' "$J/events.csv"
t "case logs: known events, reported first at the event's time, time order, no step after closed" awk -F, '
	NR == FNR { if (FNR > 1) { at[$1] = $3; settled[$1] = $9 }; next }
	FNR > 1 { if (!($2 in at) || settled[$2] == 1) { print "event " $0; bad = 1 }
		  if (!($1 in last)) { if ($3 != "reported" || $4 != at[$2]) { print "first " $0; bad = 1 } }
		  else if ($4 < last[$1] || closed[$1]) { print "order " $0; bad = 1 }
		  last[$1] = $4; if ($3 == "closed") closed[$1] = 1
		  if ($3 !~ /^(reported|filed|assigned|returned|extended|handled|answered|closed)$/) { print; bad = 1 }
		  if (($3 == "assigned" || $3 == "extended") != ($8 != "")) { print "deadline " $0; bad = 1 }
		  n[$3]++ }
	END { if (!n["returned"] || !n["extended"] || n["closed"] >= n["reported"]) bad = 1
	      exit bad }' "$J/events.csv" "$J/case_log.csv"
t "visits: households of the worker's village, counted in patrols" awk -F, '
	FILENAME ~ /workers/ { if (FNR > 1) g[$1] = substr($5, 1, 12); next }
	FILENAME ~ /households/ { if (FNR > 1) v[$1] = $2; next }
	FILENAME ~ /visits/ { if (FNR > 1) { c[$1 "," $2]++
		if (v[$3] != g[$1]) { print; bad = 1 } }; next }
	FNR > 1 { if (($1 "," $2) in c && c[$1 "," $2] != $4 || $4 > 0 && !(($1 "," $2) in c)) {
			print; bad = 1 }; p[$1 "," $2] = 1 }
	END { for (k in c) if (!(k in p)) { print "no patrol " k; bad = 1 }
	      exit bad }' "$J/workers.csv" "$J/households.csv" "$J/visits.csv" "$J/patrols.csv"
t "logins, patrols and trainings of known workers inside the month" awk -F, '
	FILENAME ~ /workers/ { if (FNR > 1) w[$1] = $8; next }
	FNR > 1 { if (!($1 in w) || substr($2, 1, 7) != "2026-10" || $2 < w[$1]) { print FILENAME, $0; bad = 1 } }
	END { exit bad }' "$J/workers.csv" "$J/logins.csv" "$J/patrols.csv" "$J/trainings.csv"
t "candidates: flags 0/1, scores, some remarks that need review" awk -F, '
	FNR > 1 { for (i = 5; i <= 15; i++) if ($i !~ /^[01]$/) bad = 1
		  if ($17 !~ /^[0-9]+\.[0-9]$/ || $18 !~ /^[0-9]+\.[0-9]$/) bad = 1
		  if ($16 ~ /拘留|处罚|开除|失信|审查/) mention++ }
	END { exit bad || mention == 0 }' "$J/candidates.csv"
t "bonus and rewards of known workers, money with two decimals" awk -F, '
	FILENAME ~ /workers/ { if (FNR > 1) w[$1] = 1; next }
	FNR > 1 { if (!($1 in w) || $2 != "2026-10" ||
		      FILENAME ~ /rewards/ && $3 !~ /^[0-9]+\.[0-9][0-9]$/) { print; bad = 1 } }
	END { exit bad }' "$J/workers.csv" "$J/bonus.csv" "$J/rewards.csv"
