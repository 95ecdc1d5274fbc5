#!/bin/sh
# examples/demo.sh, the pipeline `make demo` runs, on a copy of examples/:
# it finishes, every load is clean and audited, the store is private,
# the public notice masks every number, and the pay sheet adds up to its
# budget.
. "$(dirname "$0")/lib.sh"

plan 9
cp -R "$TOP/examples" "$TMP/ex" && rm -rf "$TMP/ex/out" "$TMP/ex/gw.db"* || exit 2
db=$TMP/ex/gw.db
out=$TMP/ex/out

touch "$TMP/stamp"
sh "$TMP/ex/demo.sh" >"$TMP/demo.out" 2>"$TMP/demo.err"
rc=$?
t "the demo exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$TMP/demo.err" | tail -20

t "the store is created owner-only (0600)" \
	test "$(stat -c %a "$db")" = 600

t "every load is in the audit table, none rejected a row" sh -c '
	n=$(sqlite3 "$1" "SELECT count(*) FROM audit WHERE action = '\''load'\''")
	r=$(sqlite3 "$1" "SELECT count(*) FROM audit WHERE rows_rejected > 0")
	test "$n" -ge 11 && test "$r" -eq 0' sh "$db"

t "every gw-load summary adds up: read = loaded + updated + rejected" sh -c '
	grep "^gw-load: .*: read" "$1" | awk "{ n++; gsub(/,/, \"\"); \
		if (\$4 != \$6 + \$8 + \$10) bad++ } END { exit !(n >= 11 && !bad) }"' \
	sh "$TMP/demo.err"

t "every household is in exactly one grid" sh -c '
	gw-csv -c household_id "$1" | sed 1d | sort | uniq -d | grep -q . && exit 1
	test "$(sed 1d "$1" | wc -l)" -eq "$(sed 1d "$2" | wc -l)"' \
	sh "$out/assignment.csv" "$TMP/ex/jishan/households.csv"

t "the public notice holds no unmasked identity number" sh -c '
	test "$(sed 1d "$1" | wc -l)" -gt 0 &&
	gw-csv -c id_number "$1" | sed 1d | grep -Evq "^[0-9]{6}[*]{8}[0-9]{3}[0-9X]$" && exit 1
	! grep -Eq "(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)" "$1" &&
	test "$(head -1 "$1")" = "name,id_number,grid_code,total,rank"' sh "$out/publicity.csv"

t "each worker on the roster has one score and one pay row" sh -c '
	w=$(sed 1d "$1" | wc -l)
	test "$(sed 1d "$2" | wc -l)" -eq "$w" &&
	test "$(sed 1d "$3" | wc -l)" -eq "$w"' \
	sh "$TMP/ex/jishan/workers.csv" "$out/scores.csv" "$out/pay.csv"

# Σ gross of the sheet, in fen, against the county row of the budget
t "the pay sheet's gross adds up to the budget's county total" sh -c '
	s=$(gw-csv -c gross "$1" | sed 1d | tr -d . | awk "{ s += \$1 } END { print s }")
	b=$(gw-csv -c level,gross "$2" | awk -F, "\$1 == \"county\" { gsub(/\\./, \"\", \$2); print \$2 }")
	test -n "$s" && test "$s" = "$b"' sh "$out/pay.csv" "$out/pay-budget.csv"

t "the demo leaves nothing outside examples/out, out-month and the stores" sh -c '
	cd "$1" && test -z "$(find . -newer "$2" -type f ! -path "./out/*" \
		! -path "./out-month/*" ! -name "gw.db*" ! -name "month.db*" |
		head -1)"' sh "$TMP/ex" "$TMP/stamp"
