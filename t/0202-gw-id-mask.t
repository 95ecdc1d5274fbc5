#!/bin/sh
# gw-id --mask: nothing written holds a whole number, valid or not,
# neither the output nor the rejects file nor stderr.
. "$(dirname "$0")/lib.sh"

plan 9
cd "$T_DIR/gw-id" || exit 2
# A whole number: 15 to 18 digits in a row (the last may be X), after
# folding full-width forms.  grep must say "no match" (1), not fail (2).
fold() { sed 's/０/0/g; s/１/1/g; s/２/2/g; s/３/3/g; s/４/4/g; s/５/5/g;
	s/６/6/g; s/７/7/g; s/８/8/g; s/９/9/g; s/Ｘ/X/g; s/ｘ/x/g' "$1"; }
whole='[0-9]{14,17}[0-9xX]'
nowhole() { fold "$1" | grep -nE "$whole"; [ $? -eq 1 ]; }

cat valid.in invalid.in people.csv | grep -v '^name,' |
	sed '1i\
name,id_number' >"$TMP/all.csv"
has_whole() {
	! nowhole "$1" >/dev/null &&
	test "$(fold "$1" | grep -cE "$whole")" -eq 20 &&
	fold "$1" | grep -qx 'full width,11010519491231002X'
}
t "the check finds whole numbers in the input, full-width ones too" \
	has_whole "$TMP/all.csv"

gw-id --mask -r "$TMP/rej.csv" "$TMP/all.csv" >"$TMP/out.csv" 2>"$TMP/err"
t "exit status 1: some are invalid" test $? -eq 1
t "every row passed through" test "$(wc -l <"$TMP/out.csv")" -eq \
	"$(wc -l <"$TMP/all.csv")"
t "no whole number in the output" nowhole "$TMP/out.csv"
t "no whole number in the rejects file" nowhole "$TMP/rej.csv"
t "no whole number on stderr" nowhole "$TMP/err"
t "valid numbers masked as first 6 + 8 stars + last 4" sh -c '
	grep -c "^Zhang San,110105\*\*\*\*\*\*\*\*002X,1," "$1" | grep -qx 2' \
	sh "$TMP/out.csv"
t "a 15-digit number masks in its 18-character form" \
	grep -q '^first generation,110105\*\*\*\*\*\*\*\*002X,1,' "$TMP/out.csv"
gw-id --mask -o jsonl valid.in | jq -r .id_number >"$TMP/ids"
t "jsonl: every valid number masked" sh -c '
	test "$(grep -cxE "[0-9]{6}\*{8}[0-9]{3}[0-9X]" "$1")" -eq 7' \
	sh "$TMP/ids"
