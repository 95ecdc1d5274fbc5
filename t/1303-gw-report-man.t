#!/bin/sh
# gw-report(1): lint-clean, its SYNOPSIS is the usage, its EXAMPLES run
# as written on the demo's store, and it defines every figure the
# report shows (each label of share/report/labels.tsv for a figure or a
# table) and every {key} of the notice's template.
. "$(dirname "$0")/lib.sh"
page=$TOP/man/gw-report.1
plan 6

t 'mandoc -Tlint is clean' mandoc -Tlint -Wwarning "$page"
t 'the SYNOPSIS is the usage text' man_synopsis_is_usage "$page" gw-report

mandoc -Tutf8 "$page" | col -b >"$TMP/page.txt"
# a label up to its first full-width bracket, {grade} as GRADE
labels() {
	awk -F'\t' '$1 ~ /^(g|t)\./ { print $2 }' "$TOP/share/report/labels.tsv" |
	sed 's/{grade}/GRADE/g; s/（.*//' | sort -u >"$TMP/labels"
	while read -r l; do
		grep -qF -- "$l" "$TMP/page.txt" || { echo "not in the page: $l"; return 1; }
	done <"$TMP/labels"
}
t 'every figure and table of the report is defined in the page' labels
keys() {
	grep -o '{[a-z_]*}' "$TOP/share/report/notice.txt" | tr -d '{}' | sort -u |
	while read -r k; do
		grep -qw -- "$k" "$TMP/page.txt" || { echo "key not in the page: $k"; return 1; }
	done
}
t 'every key of the notice is in the page' keys

demo_copy && [ "$(cat "$TMP/demo.rc")" -eq 0 ] || exit 2
man_examples "$page"
mkdir -p "$TMP/run" "$TMP/bin" && cp -R "$TMP/ex/gw.db" "$TMP/ex/jishan" "$TMP/run/" || exit 2
# (the sanitizer pass makes the same page; Chromium's printing of it is
# the plain pass's to run)
if [ -z "$GW_SAN" ] && command -v chromium >/dev/null; then
	real=$(command -v chromium)
	printf '#!/bin/sh\nexec %s --no-sandbox --disable-gpu --user-data-dir=%s "$@" 2>/dev/null\n' \
		"$real" "$TMP/chrome" >"$TMP/bin/chromium"
else
	printf '#!/bin/sh\nexit 0\n' >"$TMP/bin/chromium"
fi
chmod +x "$TMP/bin/chromium"
(cd "$TMP/run" && PATH=$TMP/bin:$PATH sh -e "$TMP/man.cmds") >"$TMP/got" 2>&1
t 'the examples run as written' sh -c 'test -s "$1/report-2026-10.html" &&
	test -s "$1/report-140824100.html" && test -s "$1/report.xlsx"' sh "$TMP/run"
t '--version to stdout, exit 0' sh -c 'gw-report --version | grep -q .'
