#!/bin/sh
# One rule for an input with no header line at all (issue 15, 9): in
# every command and for every input it reads, a file of no bytes, or of a
# BOM only, is the fatal error "FILE: empty file: no header line" (exit
# 2): an empty export is almost always a failed one, and a missing input
# must never look like a month of zeros.  The same input with its header
# and no rows is read as no rows (not a fatal error of the reader).  The
# rule is the reader's (csvr_open()), so each command has it.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 2
demo_copy && [ "$(cat demo.rc)" -eq 0 ] ||
    { echo "Bail out! the demo did not run"; tail -5 demo.err; exit 2; }
ex=$TMP/ex/jishan out=$TMP/ex/out R=$TMP/ex/regions-140824.csv
at='2026-10-31 23:59:59'
event-report --period month --at 2026-10-15 --partial "$out/events.csv" > partial.csv ||
    { echo "Bail out! no --partial output"; exit 2; }
sm="score-month --month 2026-10 --assignment $out/assignment.csv --workers $ex/workers.csv --grids $out/grids.csv --events $out/events.csv --cases $out/cases.csv --patrols $ex/patrols.csv --visits $ex/visits.csv --logins $ex/logins.csv --trainings $ex/trainings.csv --bonus $ex/bonus.csv"
pc="pay-calc --month 2026-10 -R $R --workers $ex/workers.csv --scores $out/scores.csv --cases $out/cases.csv --events $out/events.csv --rewards $ex/rewards.csv"
pv="pop-report --visits $ex/visits.csv --workers $ex/workers.csv --month 2026-10"

# NAME|INPUT IT STANDS FOR|COMMAND, with @ for the input under test
table() { cat <<X
gw-csv|$ex/persons.csv|gw-csv @
gw-csv stdin|$ex/persons.csv|gw-csv < @
gw-id|$ex/persons.csv|gw-id @
gw-load persons|$ex/persons.csv|gw-load -d s.db --as-of 2026-10-31 persons @
gw-load regions|$R|gw-load -d s.db regions @
gw-load stdin|$ex/units.csv|gw-load -d s.db units < @
grid-code households|$ex/households.csv|grid-code -R $R -u $ex/units.csv @
grid-code -R|$R|grid-code -R @ $ex/households.csv
grid-code -u|$ex/units.csv|grid-code -R $R -u @ $ex/households.csv
grid-code --previous|$out/assignment.csv|grid-code -R $R --previous @ $ex/households.csv
grid-code --check|$out/assignment.csv|grid-code --check -R $R @
gw-screen|$ex/candidates.csv|gw-screen --as-of 2026-10-08 --vacancies $out/vacancies.csv @
gw-screen --vacancies|$out/vacancies.csv|gw-screen --as-of 2026-10-08 --vacancies @ $ex/candidates.csv
event-report --classify|$ex/events.csv|event-report --classify @
event-report --period|$out/events.csv|event-report --period month --at 2026-10-15 @
event-report --merge|$TMP/partial.csv|event-report --period month --at 2026-10-15 --merge @
event-report -G|$out/grids.csv|event-report --period month --at 2026-10-15 --zero -G @ $out/events.csv
case-route|$out/events.csv|case-route @
case-track|$ex/case_log.csv|case-track --as-of "$at" --orders $out/orders.csv @
case-track --orders|$out/orders.csv|case-track --as-of "$at" --orders @ $ex/case_log.csv
score-month --assignment|$out/assignment.csv|${sm%% --assignment*} --assignment @ ${sm#* --assignment $out/assignment.csv}
score-month --workers|$ex/workers.csv|$(echo "$sm" | sed "s|--workers [^ ]*|--workers @|")
score-month --events|$out/events.csv|$(echo "$sm" | sed "s|--events [^ ]*|--events @|")
score-month --patrols|$ex/patrols.csv|$(echo "$sm" | sed "s|--patrols [^ ]*|--patrols @|")
score-month --bonus|$ex/bonus.csv|$(echo "$sm" | sed "s|--bonus [^ ]*|--bonus @|")
score-month --scores|$out/scores.csv|score-month --quarter 2026-Q4 --scores @
pay-calc -R|$R|$(echo "$pc" | sed "s|-R [^ ]*|-R @|")
pay-calc --workers|$ex/workers.csv|$(echo "$pc" | sed "s|--workers [^ ]*|--workers @|")
pay-calc --scores|$out/scores.csv|$(echo "$pc" | sed "s|--scores [^ ]*|--scores @|")
pay-calc --cases|$out/cases.csv|$(echo "$pc" | sed "s|--cases [^ ]*|--cases @|")
pay-calc --rewards|$ex/rewards.csv|$(echo "$pc" | sed "s|--rewards [^ ]*|--rewards @|")
pop-report persons|$ex/persons.csv|pop-report --as-of 2026-10-31 @ $out/assignment.csv
pop-report assignment|$out/assignment.csv|pop-report --as-of 2026-10-31 $ex/persons.csv @
pop-report --visits|$ex/visits.csv|$(echo "$pv" | sed "s|--visits [^ ]*|--visits @|") $ex/persons.csv $out/assignment.csv
pop-report --workers|$ex/workers.csv|$(echo "$pv" | sed "s|--workers [^ ]*|--workers @|") $ex/persons.csv $out/assignment.csv
gw-synth -R|$R|gw-synth -R @ --county 140824 --households 10 -O syn
X
}
plan $(($(table | wc -l) * 3))

: > empty.csv
printf '\357\273\277' > bom.csv
table | while IFS='|' read -r name orig cmd; do
	for kind in empty bom header; do
		f=$TMP/$kind.csv
		if [ $kind = header ]; then
			head -1 "$orig" > "$f"
			# (the command's own checks may still refuse no rows)
		fi
		who=$f
		case $cmd in *"< @"*) who=stdin ;; esac
		rm -rf s.db syn
		eval "${cmd%%@*}\"\$f\"${cmd#*@}" > out 2> err
		rc=$?
		if [ $kind = header ]; then
			! grep -q "empty file" err && [ $rc -le 2 ]
			ok $? "$name: a header and no rows is no empty file (exit $rc)"
			continue
		fi
		grep -qx "[a-z-]*: $who: empty file: no header line" err && [ $rc -eq 2 ]
		ok $? "$name: $kind input: exit 2, FILE: empty file: no header line"
		[ $rc -eq 2 ] && grep -q "empty file" err ||
		    { echo "#   exit $rc"; sed 's/^/#   /' err | head -3; }
	done
done
