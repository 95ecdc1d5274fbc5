#!/bin/sh
# event-report --classify writes each event's source as the contract's
# word, whatever spelling the platform exported (网格员, 群众, 12345, 巡查),
# so that score-month and pay-calc, which read only the English words,
# take the classified file as it comes.
. "$(dirname "$0")/lib.sh"
plan 2
cd "$TMP" || exit 2
{
	echo "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
	echo "E1,140824100200001,2026-10-02 09:00,2026-10-02 08:00,网格员,W1,01,邻里纠纷"
	echo "E2,140824100200001,2026-10-02 09:00,2026-10-02 08:00,群众,,01,邻里纠纷"
	echo "E3,140824100200001,2026-10-02 09:00,2026-10-02 08:00,12345,,01,邻里纠纷"
	echo "E4,140824100200001,2026-10-02 09:00,2026-10-02 08:00,巡查,,01,邻里纠纷"
	echo "E5,140824100200001,2026-10-02 09:00,2026-10-02 08:00,inspection,,01,邻里纠纷"
} > ev.csv
t "Chinese sources come out in the contract's words" eval '
	event-report --classify ev.csv > c.csv &&
	test "$(cut -d, -f5 c.csv | tr "\n" " ")" = "source worker resident hotline inspection inspection "'
t "every other column as it came" eval '
	test "$(cut -d, -f1-4,6-8 c.csv | md5sum)" = "$(cut -d, -f1-4,6-8 ev.csv | md5sum)"'
