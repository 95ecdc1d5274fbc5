# month.sh — the example county's October for the gw-month tests
# (t/12NN-*.t), sourced after lib.sh: mkstore STORE makes a store of the
# registers divided by grid-code -d; mkin DIR the month's files by table
# name, from the file pipeline, whose scores are DIR/../files-scores.csv;
# october STORE runs October into STORE from in/'s events and case log
# alone (gw-month routes and tracks), outputs in out10, messages in e10.
EX=$TOP/examples
J=$EX/jishan
P=jishan
mkstore() {
	{ gw-load -d "$1" regions "$EX/regions-140824.csv" &&
	  gw-load -d "$1" --as-of 2026-10-31 persons "$J/persons.csv" &&
	  gw-load -d "$1" units "$J/units.csv" &&
	  grid-code -p $P -d "$1" -G "$1.grids.csv" > "$1.assignment.csv"; } \
	    2> "$1.log" || { cat "$1.log"; exit 2; }
}
mkin() {
	mkdir -p "$1" && d=$(cd "$1/.." && pwd) &&
	for t in workers patrols visits logins trainings bonus rewards \
	    case_log; do cp "$J/$t.csv" "$1/"; done &&
	grid-code -p $P -R "$EX/regions-140824.csv" -u "$J/units.csv" \
	    -G "$d/grids.csv" "$J/households.csv" > "$d/assignment.csv" \
	    2> /dev/null &&
	event-report -p $P --classify "$J/events.csv" > "$1/events.csv" &&
	case-route -p $P "$1/events.csv" > "$1/orders.csv" &&
	case-track -p $P --as-of '2026-10-31 23:59:59' --orders "$1/orders.csv" \
	    "$J/case_log.csv" > "$1/cases.csv" &&
	score-month -p $P --month 2026-10 --assignment "$d/assignment.csv" \
	    --workers "$J/workers.csv" --grids "$d/grids.csv" \
	    --events "$1/events.csv" --cases "$1/cases.csv" \
	    --patrols "$J/patrols.csv" --visits "$J/visits.csv" \
	    --logins "$J/logins.csv" --trainings "$J/trainings.csv" \
	    --bonus "$J/bonus.csv" > "$d/files-scores.csv"
}
october() {
	mkdir oct && cp in/* oct/ && rm oct/orders.csv oct/cases.csv &&
	gw-month -d "$1" --month 2026-10 -p $P --in oct --out out10 \
	    2> e10 || { cat e10; exit 2; }
}
# dump STORE: every table but audit, row by row
dump() {
	for tb in $(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE
	    type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit'
	    ORDER BY name"); do
		echo "== $tb"
		sqlite3 "$1" "SELECT rowid, * FROM \"$tb\" ORDER BY rowid"
	done
}
