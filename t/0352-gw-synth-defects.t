#!/bin/sh
# gw-synth --defects: every documented kind occurs, defects.csv points at
# the rows, the rows have the fault their kind names, and deleting the
# rows listed as reject gives back the clean output.
. "$(dirname "$0")/lib.sh"
plan 12

R=$TOP/examples/regions-140824.csv
cd "$TMP" || exit 2
gw-synth -R "$R" --county 140824 --households 400 -O clean &&
gw-synth -R "$R" --county 140824 --households 400 --defects 0.05 -O d &&
gw-synth -R "$R" --county 140824 --households 200 --defects 1 -O all
t "the runs succeed" test -s d/defects.csv -a -s all/defects.csv

cat > kinds <<'EOF2'
bonus month_bad
bonus points_bad
candidates dup_key
candidates flag_bad
candidates name_empty
candidates score_bad
case_log datetime_bad
case_log dup_key
case_log event_unknown
case_log satisfied_bad
case_log step_bad
events category_bad
events datetime_bad
events dup_key
events grid_unknown
events ragged
events source_bad
events time_order
households dup_key
households persons_bad
households ragged
households village_unknown
logins date_bad
logins worker_unknown
patrols date_bad
patrols minutes_bad
patrols worker_unknown
persons code_malformed
persons dup_key
persons id15_bad
persons id_check
persons id_date
persons id_future
persons id_length
persons name_empty
persons ragged
persons village_unknown
rewards amount_bad
rewards month_bad
trainings attended_bad
trainings date_bad
units dup_key
units people_bad
units village_unknown
visits date_bad
visits household_unknown
visits worker_unknown
workers date_bad
workers dup_key
workers employment_bad
workers grid_malformed
workers grid_unknown
workers id_check
workers role_empty
EOF2
t "every kind occurs, and no other" sh -c '
	awk -F, "NR > 1 && \$4 == \"reject\" { print \$1, \$3 }" all/defects.csv |
	    sort -u | diff -u kinds -'
t "accepted forms: 15-digit numbers and a lower-case x" sh -c '
	test "$(awk -F, "\$4 == \"accept\" { print \$3 }" d/defects.csv |
	    sort -u | tr "\n" " ")" = "id15 lower_x "'
t "every kind is documented in gw-synth(1)" sh -c '
	sed -n "/^\.Sh DEFECTS/,/^\.Sh /p" "$1/man/gw-synth.1" > defects.man
	for k in $(cut -d" " -f2 kinds | sort -u) id15 lower_x; do
		grep -qw "$k" defects.man || { echo "undocumented $k"; exit 1; }
	done' sh "$TOP"
t "about the rate asked for" sh -c '
	rows=$(cat clean/*.csv | wc -l)
	bad=$(grep -c ",reject$" d/defects.csv)
	test "$bad" -gt $((rows * 4 / 100)) && test "$bad" -lt $((rows * 6 / 100))'
t "deleting the rejected rows gives the clean output back" sh -c '
	for f in clean/*.csv; do
		n=$(basename "$f" .csv)
		awk -F, -v n="$n" "NR == FNR { if (\$1 == n && \$4 == \"reject\") d[\$2] = 1; next }
		    !(FNR in d)" d/defects.csv "d/$n.csv" > "kept.$n"
		if [ "$n" = persons ]; then
			# the accepted forms, normalised to the clean ones
			awk -F, -v OFS=, "NR == FNR { if (NR > 1) c[FNR] = \$1; next }
			    FNR > 1 && \$1 != c[FNR] { i = \$1
				if (length(i) == 15)
					i = substr(i, 1, 6) \"19\" substr(i, 7)
				else
					i = substr(i, 1, 17)
				if (i != substr(c[FNR], 1, 17)) print \"wrong \" FNR
				\$1 = c[FNR]; up++ }
			    FNR > 1 { print > \"kept.p\" }
			    END { if (!up) print \"none\" }" "$f" "kept.$n" > wrong
			test ! -s wrong || { cat wrong; exit 1; }
			sed 1d "$f" | cmp - kept.p || exit 1
		else
			cmp "$f" "kept.$n" || exit 1
		fi
	done' 
t "gw-id refuses exactly the bad numbers, accepts the old forms" sh -c '
	gw-id --as-of 2026-10-31 d/persons.csv > /dev/null 2> id.err
	test $? -eq 1 || exit 1
	sed -n "s/^gw-id: d\/persons.csv:\([0-9]*\): .*/\1/p" id.err | sort -u > refused
	awk -F, "\$1 == \"persons\" && \$3 ~ /^id_|^id15_bad/ && \$4 == \"reject\" { print \$2 }" \
	    d/defects.csv | sort -u > want
	awk -F, "\$1 == \"persons\" && (\$3 ~ /^id_|^id15_bad/ || \$3 == \"ragged\") { print \$2 }" \
	    d/defects.csv | sort -u > allowed
	awk -F, "\$1 == \"persons\" && \$4 == \"accept\" { print \$2 }" d/defects.csv |
	    sort -u > accepted
	test -s want && test -z "$(comm -23 want refused)" &&
	test -z "$(comm -23 refused allowed)" && test -z "$(comm -12 refused accepted)"'
t "each listed row has its fault" awk -F, '
	FILENAME ~ /defects/ { if (FNR > 1) k[$1 "," $2] = $3; next }
	{ f = FILENAME; sub(/^d\//, "", f); sub(/\.csv$/, "", f)
	  # a clean person may have been written in an accepted form
	  row = $0
	  if (f == "persons") {
		id = length($1) == 15 ? substr($1, 1, 6) "19" substr($1, 7) : substr($1, 1, 17)
		row = id substr($0, length($1) + 1) }
	  key = f "," FNR; if (!(key in k)) { seen[f, row] = 1; next }
	  kind = k[key]; ok = 1
	  if (kind == "dup_key") ok = (f, row) in seen
	  else if (kind == "ragged") ok = NF < 9 - (f == "households") * 4
	  else if (kind == "time_order") ok = $4 > $3
	  else if (kind == "source_bad") ok = $5 !~ /^(worker|resident|hotline|inspection)$/
	  else if (kind == "category_bad") ok = $7 !~ /^[0-9][0-9]([0-9][0-9])?$/
	  else if (kind == "name_empty") ok = $2 == ""
	  else if (kind == "id_length") ok = length($1) == 17
	  else if (kind == "id15_bad") ok = length($1) == 15 && substr($1, 9, 2) == "13"
	  else if (kind == "code_malformed") ok = length($5) == 11
	  else if (kind == "step_bad") ok = $3 !~ /^(reported|filed|assigned|returned|extended|handled|answered|closed)$/
	  else if (kind == "minutes_bad") ok = $3 !~ /^[0-9]+$/
	  else if (kind == "role_empty") ok = $4 == ""
	  else if (kind == "employment_bad") ok = $7 !~ /^(fulltime|parttime)$/
	  else if (kind == "grid_malformed") ok = $5 ~ /000$/
	  if (!ok) { print "not " kind ": " f ":" FNR ": " $0; bad = 1 } }
	END { exit bad }' d/defects.csv d/persons.csv d/households.csv d/events.csv \
	    d/case_log.csv d/patrols.csv d/workers.csv
t "fresh keys: no refused row but dup_key repeats a key" sh -c '
	for spec in persons:1 households:1 events:1 workers:1 units:1 candidates:1; do
		n=${spec%:*}
		awk -F, -v n="$n" "NR == FNR { if (\$1 == n && \$3 == \"dup_key\") d[\$2] = 1; next }
		    FNR > 1 && !(FNR in d) { print \$1 }" d/defects.csv "d/$n.csv" |
		    sort | uniq -d | grep -q . && { echo "$n: key twice"; exit 1; }
	done; exit 0'
t "the same rate and seed give the same defects" sh -c '
	gw-synth -R "$1" --county 140824 --households 400 --defects 0.05 -O d2 &&
	diff -r d d2' sh "$R"
t "the census does not move with --defects" sh -c '
	cmp clean/households.csv kept.households && cmp clean/workers.csv kept.workers'
t "rate 0 writes no defects file" sh -c '
	gw-synth -R "$1" --county 140824 --households 50 --defects 0 -O z &&
	test ! -e z/defects.csv' sh "$R"
