#!/bin/sh
# grid-code -d STORE --micro: micro-grid codes are permanent in the store
# (gridwork-store(5), micro_codes): every code issued is written there
# with its UTC time, a micro-grid whose households are unchanged keeps its
# code from the store's previous division, the codes no household holds
# any more are retired, and no code micro_codes holds (retired included)
# is issued again.
. "$(dirname "$0")/lib.sh"
plan 12

. "$T_DIR/streets.sh"
{ hdr; street 西街 5 13; } > "$TMP/five.csv"
S=$TMP/s.db
{ gw-load -d "$S" regions "$R" && gw-load -d "$S" households "$TMP/h.csv"; } \
	2> "$TMP/load.err" || { cat "$TMP/load.err"; exit 2; }
codes() { gw-load -d "$1" --export micro_codes 2> /dev/null; }
# the micro codes of an output, sorted and unique
used() { awk -F, 'NR > 1 { print $7 }' "$1" | sort -u; }

grid-code -d "$S" --micro > "$TMP/a1.csv" 2> /dev/null
codes "$S" > "$TMP/c1.csv"
t "every micro code issued is in micro_codes, none retired" sh -c '
	used() { awk -F, "NR > 1 { print \$7 }" "$1" | sort -u; }
	used "$1" > "$3/u1" && [ -s "$3/u1" ] &&
	awk -F, "NR > 1 { print \$1 }" "$2" | sort | cmp - "$3/u1" &&
	! awk -F, "NR > 1 && \$4 != \"\"" "$2" | grep -q .' \
	- "$TMP/a1.csv" "$TMP/c1.csv" "$TMP"
t "micro_codes: the grid and the UTC time of issue" sh -c '
	awk -F, "NR > 1 && (substr(\$1, 1, 15) != \$2 ||
	    \$3 !~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\$/) { bad++ }
	    END { exit bad > 0 }" "$1"' - "$TMP/c1.csv"

# five households at the end of 西街
gw-load -d "$S" households "$TMP/five.csv" 2> /dev/null
grid-code -d "$S" --micro > "$TMP/a2.csv" 2> /dev/null
t "five added at a street's end: no old household changes code" sh -c '
	cut -d, -f1,7 "$1" | sort > "$3/o1" && cut -d, -f1,7 "$2" | sort > "$3/o2" &&
	join -t, "$3/o1" "$3/o2" | awk -F, "\$2 != \$3 { bad++ } END { exit bad > 0 }" &&
	[ "$(join -t, "$3/o1" "$3/o2" | wc -l)" -eq 317 ]' \
	- "$TMP/a1.csv" "$TMP/a2.csv" "$TMP"
hi1=$(used "$TMP/a1.csv" | tail -1)
new=$(awk -F, '$1 ~ /^西街1[3-7]$/ { print $7 }' "$TMP/a2.csv" | sort -u)
t "the five: one new micro-grid above every code issued, written down" sh -c '
	[ "$(echo "$2" | wc -l)" -eq 1 ] && [ "$2" -gt "$3" ] &&
	gw-load -d "$1" --export micro_codes | grep -q "^$2,"' - "$S" "$new" "$hi1"

if command -v sqlite3 > /dev/null 2>&1; then
	sqlite3 "$S" "DELETE FROM households WHERE household_id IN
	    ('西街13', '西街14', '西街15', '西街16', '西街17')"
	grid-code -d "$S" --micro > "$TMP/a3.csv" 2> /dev/null
	codes "$S" > "$TMP/c3.csv"
	t "the five removed: their micro-grid retired, in no household" sh -c '
		grep -q "^$2,.*,20[0-9-]*T[0-9:]*Z\$" "$1" &&
		! grep -q ",$2\$" "$3" &&
		[ "$(awk -F, "NR > 1 && \$4 != \"\"" "$1" | wc -l)" -eq 1 ]' \
		- "$TMP/c3.csv" "$new" "$TMP/a3.csv"
	t "... and the others kept their codes" sh -c '
		cut -d, -f1,7 "$1" | sort | cmp - "$2/o1"' - "$TMP/a3.csv" "$TMP"
	gw-load -d "$S" households "$TMP/five.csv" 2> /dev/null
	grid-code -d "$S" --micro > "$TMP/a4.csv" 2> /dev/null
	again=$(awk -F, '$1 ~ /^西街1[3-7]$/ { print $7 }' "$TMP/a4.csv" | sort -u)
	t "the five again: a retired code is never issued again" sh -c '
		[ "$(echo "$2" | wc -l)" -eq 1 ] && [ "$2" -gt "$1" ]' - "$new" "$again"
	t "... and it stays retired, the table only grows" sh -c '
		gw-load -d "$1" --export micro_codes > "$3/c4.csv" &&
		grep -q "^$2,.*Z,20[0-9-]*T[0-9:]*Z\$" "$3/c4.csv" &&
		[ "$(wc -l < "$3/c4.csv")" -eq $(($(wc -l < "$3/c3.csv") + 1)) ]' \
		- "$S" "$new" "$TMP"
else
	skip "sqlite3 not installed: cannot remove households"
	skip "sqlite3 not installed"
	skip "sqlite3 not installed"
	skip "sqlite3 not installed"
fi

# a run without --micro cuts no micro-grids: it retires none
codes "$S" > "$TMP/c5.csv"
grid-code -d "$S" > /dev/null 2> /dev/null
t "a run without --micro leaves micro_codes as it was" sh -c '
	gw-load -d "$1" --export micro_codes | cmp - "$2"' - "$S" "$TMP/c5.csv"
# its assignment holds no micro code, so the next --micro run cuts anew,
# above every code the grid ever issued, and retires the old ones
grid-code -d "$S" --micro > "$TMP/a6.csv" 2> /dev/null
hi5=$(awk -F, 'NR > 1 { print $1 }' "$TMP/c5.csv" | sort | tail -1)
t "after it, --micro issues only codes above every one issued before" sh -c '
	lo=$(awk -F, "NR > 1 { print \$7 }" "$1" | sort | head -1)
	[ "$lo" -gt "$2" ]' - "$TMP/a6.csv" "$hi5"
used "$TMP/a6.csv" > "$TMP/u6"
t "... and retires every code no household holds" sh -c '
	gw-load -d "$1" --export micro_codes > "$2/c6.csv" &&
	awk -F, "NR > 1 && \$4 == \"\" { print \$1 }" "$2/c6.csv" | sort |
	cmp - "$2/u6"' - "$S" "$TMP"
if command -v sqlite3 > /dev/null 2>&1; then
	t "the audit says how many micro codes were issued and retired" sh -c '
		sqlite3 "$1" "SELECT note FROM audit WHERE command LIKE
		    '"'"'grid-code%--micro'"'"' ORDER BY id DESC LIMIT 1" |
		grep -q "micro codes issued [1-9][0-9]*, retired [1-9]"' - "$S"
else
	skip "sqlite3 not installed: cannot read the audit"
fi
