#!/bin/sh
# gw-synth --defects against the loader: gw-load refuses exactly the rows
# defects.csv lists as reject, file by file, and loads the rest (the
# accepted forms included).  gw-load checks each value against its column;
# an event found after it was reported (time_order) is a fault between two
# columns, which event-report refuses.  Skipped while gw-load is not built.
. "$(dirname "$0")/lib.sh"

if ! command -v gw-load > /dev/null 2>&1; then
	plan 1
	skip "gw-load is not built"
	exit 0
fi
files="regions households persons units grids workers candidates events case_log patrols visits logins trainings bonus rewards"
plan 18

R=$TOP/examples/regions-140824.csv
cd "$TMP" || exit 2
gw-synth -R "$R" --county 140824 --households 300 --defects 0.03 \
    --only regions,households,persons,units,grids,workers,candidates,events,case_log,patrols,visits,logins,trainings,bonus,rewards -O d
t "generated" test -s d/defects.csv
for f in $files; do
	t "$f: refused rows are the listed ones" sh -c '
		gw-load -d gw.db --as-of 2026-10-31 -r "rej.$1" "$1" "d/$1.csv" \
		    2> "err.$1"
		rc=$?
		awk -F, -v n="$1" "\$1 == n && \$4 == \"reject\" &&
		    \$3 != \"time_order\" { print \$2 }" d/defects.csv |
		    sort -n > want.$1
		if [ -s "rej.$1" ]; then
			sed 1d "rej.$1" | cut -d, -f2 | sort -n > got.$1
		else
			: > got.$1
		fi
		diff want.$1 got.$1 || { head -5 "err.$1"; exit 1; }
		if [ -s want.$1 ]; then test $rc -eq 1; else test $rc -eq 0; fi' sh "$f"
done
t "the shipped example county loads without a rejected row" sh -c '
	gw-synth -R "$1" --county 140824 --households 2500 --only grids -O g &&
	for f in regions households persons units grids workers candidates \
	    events case_log patrols visits logins trainings bonus rewards; do
		in=$2/examples/jishan/$f.csv
		[ $f = grids ] && in=g/grids.csv
		gw-load -d ex.db --as-of 2026-10-31 $f "$in" 2>> ex.err ||
		    { tail -3 ex.err; exit 1; }
	done
	test "$(sqlite3 ex.db "SELECT count(*) FROM persons")" -eq \
	    "$(($(wc -l < "$2/examples/jishan/persons.csv") - 1))"' sh "$R" "$TOP"
if command -v event-report > /dev/null 2>&1; then
	t "event-report refuses the events found after they were reported" sh -c '
		event-report --period month --at 2026-10-15 d/events.csv > /dev/null 2> er.err
		awk -F, "\$1 == \"events\" && \$3 == \"time_order\" { print \$2 }" d/defects.csv |
		    sort -n > want.order
		sed -n "s/^event-report: d\/events.csv:\([0-9]*\): .*is before found_at.*/\1/p" er.err |
		    sort -n > got.order
		test -s want.order && diff want.order got.order'
else
	skip "event-report is not built"
fi
