#!/bin/sh
# The EXAMPLES of event-report(1) run as written: every "$ " line of a
# literal display (continued while it ends in | or \) is run by one sh
# in a directory holding the test events, and the output must be the
# display's other lines.  The example county's monthly report is written
# from examples/jishan.  Also: the page is lint-clean and its SYNOPSIS is
# the usage text.
. "$(dirname "$0")/lib.sh"
D=$T_DIR/event-report
page=$TOP/man/event-report.1
plan 6

man_examples "$page"
t "the page has examples with commands and output" sh -c '
	test "$(grep -c . "$1")" -ge 10 && test "$(grep -c . "$2")" -ge 20' \
	sh "$TMP/man.cmds" "$TMP/man.want"

mkdir "$TMP/ex" && cp "$D/period.csv" "$TMP/ex/events.csv" &&
cp "$D/grids.csv" "$TMP/ex/grids.csv" && cp "$D/classify.csv" "$TMP/ex/new.csv" &&
ln -s "$TOP/examples" "$TMP/ex/examples" || exit 2
(cd "$TMP/ex" && sh "$TMP/man.cmds") > "$TMP/got" 2>&1
t "the examples give the output the page shows" test_cmp "$TMP/man.want" "$TMP/got"

if [ -r "$TOP/examples/jishan/events.csv" ]; then
	t "the example county's monthly report: every township, categories, October" sh -c '
		r=$1/ex/report.csv
		[ "$(head -1 "$r")" = "period,area_code,area_level,category,events,by_worker,by_resident,by_hotline,by_inspection,immediate,late,prev_events,change_pct" ] &&
		[ "$(awk -F, "NR > 1 && \$1 != \"2026-10\"" "$r" | wc -l)" -eq 0 ] &&
		[ "$(awk -F, "NR > 1 { print \$2 }" "$r" | sort -u | wc -l)" -ge 5 ] &&
		[ "$(awk -F, "NR > 1 && \$4 == \"02\"" "$r" | wc -l)" -ge 1 ]' - "$TMP"
else
	skip "examples/jishan/events.csv not there"
fi

t "mandoc -Tlint is clean" mandoc -Tlint -Wwarning "$page"
t "the SYNOPSIS is the usage text" man_synopsis_is_usage "$page" event-report
t "--help and --version exit 0 on stdout" sh -c '
	event-report --help | grep -q "^usage: event-report" && event-report --version | grep -q gridwork'
