#!/bin/sh
# The EXAMPLES of gw-screen(1), taken from the page itself and run in a
# copy of t/gw-screen/, so the manual cannot drift from the program.
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/ex" && cp "$T_DIR"/gw-screen/*.csv "$TMP/ex/" || exit 2
cd "$TMP/ex" || exit 2
# one example a file: the lines of each .Bd/.Ed block, \e as \
sed -n '/^\.Sh EXAMPLES/,/^\.Sh SEE ALSO/p' "$TOP/man/gw-screen.1" |
awk -v dir="$TMP" '
	/^\.Bd/ { n++; f = dir "/example" n; next }
	/^\.Ed/ { close(f); f = ""; next }
	f != "" { gsub(/\\e/, "\\"); print > f }'
n=$(ls "$TMP"/example* | wc -l)
plan $((n + 7))
t "the page has five examples" test "$n" -eq 5
t "SYNOPSIS is the usage text" man_synopsis_is_usage "$TOP/man/gw-screen.1" gw-screen

i=0
while [ $i -lt "$n" ]; do
	i=$((i + 1))
	rm -f screened.csv notice.csv
	sh -e "$TMP/example$i" >"$TMP/stdout$i" 2>"$TMP/stderr$i"
	t "example $i: $(head -1 "$TMP/example$i")" test $? -eq 0
	case $i in
	1) t "example 1 writes the golden screening" test_cmp "$T_DIR/gw-screen/cands.out" screened.csv ;;
	2) t "example 2: D1 from the criminal extract" grep -q '^C029,.*,ineligible,D1,' screened.csv ;;
	3) t "example 3: the review list" sh -c 'grep -q "^C027	R4\$" "$1" && test $(wc -l <"$1") -eq 8' sh "$TMP/stdout3" ;;
	4) t "example 4 writes the golden notice" test_cmp "$T_DIR/gw-screen/notice.out" notice.csv ;;
	5) ;;
	esac
done
t "example 5: by the lijin rules C025, aged 51, is D8" \
    grep -q '^C025,.*,ineligible,D8,' screened.csv
