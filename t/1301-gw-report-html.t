#!/bin/sh
# gw-report's page is one self-contained file: it parses cleanly (tidy),
# names nothing outside itself (no address, no src, no url(), no
# script), is the same bytes on every run, and renders in headless
# Chromium to a screenshot that is not blank and to an A4 PDF of a few
# pages.  Without chromium the rendering checks are skipped, not passed.
. "$(dirname "$0")/lib.sh"

plan 9
demo_copy && [ "$(cat "$TMP/demo.rc")" -eq 0 ] || exit 2
db=$TMP/ex/gw.db
gw-report -d "$db" --month 2026-10 -p jishan >"$TMP/r.html" || exit 2

if command -v tidy >/dev/null; then
	t "tidy parses it without a warning" tidy -q -e "$TMP/r.html"
else
	skip "tidy is not installed (make deps)"
fi
t "no external reference: no http, src=, url(, @import, <script, <link, <img" sh -c '
	! grep -Eiq "https?:|src=|url\(|@import|<script|<link|<img|<iframe|<object" "$1"' \
	sh "$TMP/r.html"
t "charts are inline SVG, each beside or over a table of its numbers" sh -c '
	s=$(grep -c "<svg " "$1"); f=$(grep -c "<div class=\"fig" "$1")
	test "$s" -ge 8 && test "$s" -eq "$f"' sh "$TMP/r.html"
t "an A4 print stylesheet" grep -q '@page{size:A4' "$TMP/r.html"
t "the same bytes on every run" sh -c '
	gw-report -d "$1" --month 2026-10 -p jishan | cmp -s - "$2"' sh "$db" "$TMP/r.html"
t "no identity number, masked or not" sh -c '
	! grep -Eq "(^|[^0-9A-Za-z])[0-9]{6}([0-9]{8}|[*]{8})[0-9]{3}[0-9X]([^0-9]|$)" "$1"' sh "$TMP/r.html"

chrome() { timeout 180 chromium --headless --no-sandbox --disable-gpu \
	--user-data-dir="$TMP/chrome" --hide-scrollbars "$@" >/dev/null 2>&1; }
if [ -n "$GW_SAN" ]; then
	# the sanitizer pass checks gw-report's memory, not Chromium's
	# rendering of the same bytes: the plain pass renders them
	skip "rendering is the plain pass's (GW_SAN)"
	skip "rendering is the plain pass's (GW_SAN)"
	skip "rendering is the plain pass's (GW_SAN)"
elif command -v chromium >/dev/null; then
	printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>-</title></head><body></body></html>\n' \
		>"$TMP/blank.html"
	chrome --window-size=900,1300 --screenshot="$TMP/blank.png" "file://$TMP/blank.html"
	chrome --window-size=900,1300 --screenshot="$TMP/r.png" "file://$TMP/r.html"
	t "the screenshot is a PNG far from blank (10 times a blank page's bytes)" sh -c '
		head -c 8 "$1" | od -An -tx1 | grep -q "89 50 4e 47" &&
		test "$(wc -c <"$1")" -gt $((10 * $(wc -c <"$2")))' sh "$TMP/r.png" "$TMP/blank.png"
	chrome --no-pdf-header-footer --print-to-pdf="$TMP/r.pdf" "file://$TMP/r.html"
	# pages: the page objects, and the root's /Count, which must agree
	t "the PDF has 3 to 20 A4 pages, as many as its page tree counts" sh -c '
		n=$(grep -ac "/Type /Page\([^s]\|$\)" "$1")
		c=$(grep -ao "/Count [0-9]*" "$1" | awk "{ if (\$2 > m) m = \$2 } END { print m }")
		grep -aq "/MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]" "$1" &&
		test "$n" -eq "$c" && test "$n" -ge 3 && test "$n" -le 20 ||
		{ echo "pages $n, count $c"; exit 1; }' sh "$TMP/r.pdf"
	# a month with nothing in it is a shorter paper
	gw-report -d "$db" --month 2026-08 -p jishan >"$TMP/e.html"
	chrome --no-pdf-header-footer --print-to-pdf="$TMP/e.pdf" "file://$TMP/e.html"
	t "an empty month prints on fewer pages" sh -c '
		a=$(grep -ac "/Type /Page\([^s]\|$\)" "$1"); b=$(grep -ac "/Type /Page\([^s]\|$\)" "$2")
		test "$b" -ge 2 && test "$b" -lt "$a"' sh "$TMP/r.pdf" "$TMP/e.pdf"
else
	skip "chromium is not installed (make deps): no screenshot"
	skip "chromium is not installed (make deps): no PDF"
	skip "chromium is not installed (make deps): no PDF"
fi
