#!/bin/sh
# The default rules (share/event/rules-gansu.tsv) against the labelled
# event texts: at least 95 % of t/event-report/labelled.csv must get the
# right first-level category.  holdout.csv holds texts written after the
# rules were last changed and never used to tune them; its accuracy is
# printed to show how the rules do on wording they have not seen, and
# only checked against a floor that catches a broken rules file.
. "$(dirname "$0")/lib.sh"
# the rules engine alone: gansu's full rule list, without the model
# (issue 22 put a model before it; t/16xx test the model)
GW_POLICY=$T_DIR/event-report/rules-only.conf
export GW_POLICY
D=$T_DIR/event-report
plan 7

acc() {	# acc FILE: "right total" over rows with a label column
	event-report --classify -o jsonl "$1" |
	jq -r -s '[length, ([.[] | select(.category[0:2] == .label)] | length)] | "\(.[1]) \(.[0])"'
}
set -- $(acc "$D/labelled.csv")
right=$1 total=$2
echo "# labelled accuracy: $right/$total = $(awk -v r="$right" -v n="$total" 'BEGIN { printf "%.1f%%", 100 * r / n }')"
t "labelled set has at least 300 texts" test "$total" -ge 300
t "at least 95 % right on the labelled set" test $((right * 100)) -ge $((total * 95))
t "every category of gridwork-rules(7) EVENTS has at least 10 labelled texts" sh -c '
	event-report --classify -o jsonl "$1" | jq -e -s "
		[range(1; 14) | (if . < 10 then \"0\" else \"\" end) + tostring] as \$codes |
		group_by(.label) | map({key: .[0].label, value: length}) | from_entries as \$n |
		all(\$codes[]; (\$n[.] // 0) >= 10)"' - "$D/labelled.csv"
t "texts that name no event stay unclassified" sh -c '
	event-report --classify -o jsonl "$1" |
	jq -e -s "[.[] | select(.label == \"\")] | length >= 5 and all(.[]; .category_source == \"none\")"' - "$D/labelled.csv"

set -- $(acc "$D/holdout.csv")
echo "# holdout accuracy (texts unseen when the rules were written): $1/$2 = $(awk -v r="$1" -v n="$2" 'BEGIN { printf "%.1f%%", 100 * r / n }')"
t "holdout set read whole" test "$2" -eq 65
t "holdout above the floor of a broken rules file (40 %)" test $(($1 * 100)) -ge $(($2 * 40))

# gw-synth's event templates, written by another hand from the same
# the rules' own examples: a third view of how the rules read wording not their own
S=$TOP/share/synth/events.tsv
if [ -r "$S" ]; then
	awk -F'\t' 'BEGIN { print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text,label" }
		/^#/ || NF < 3 { next }
		{ t = $3; gsub(/\{V\}/, "东关村", t); gsub(/\{B\}/, "第1村民小组", t); gsub(/\{S\}/, "王", t)
		  gsub(/\{P\}/, "王某", t); gsub(/\{A\}/, "东关村3号", t); gsub(/\{N\}/, "3", t); gsub(/\{M\}/, "20", t)
		  gsub(/"/, "\"\"", t)
		  printf "S%03d,620102001001001,2026-10-08 09:00,2026-10-08 08:00,worker,W1,,\"%s\",%s\n", NR, t, substr($1, 1, 2) }' \
		"$S" > "$TMP/synth.csv"
	set -- $(acc "$TMP/synth.csv")
	echo "# gw-synth templates: $1/$2 = $(awk -v r="$1" -v n="$2" 'BEGIN { printf "%.1f%%", 100 * r / n }')"
	t "gw-synth's templates: at least 80 % right" test $(($1 * 100)) -ge $(($2 * 80))
else
	skip "share/synth/events.tsv not there"
fi
