#!/bin/sh
# grid-code on the golden cases of t/grid-code/golden/: CASE.args holds the
# options (shell words; absent for none), CASE.in, when there is one, is
# given as the last operand, and the output, the messages and the exit
# status must be CASE.out, CASE.err and CASE.rc exactly.  A case that
# writes a grid table (-G CASE.grids) or a rejects file (-r CASE.rej) is
# compared with the file of that name too.  CASE.load, when there is one,
# holds commands (gw-load, sqlite3) run first, to build a store for -d.
# Each case runs in a fresh copy of the directory, so that messages name
# files as given and no case sees another's output.
. "$(dirname "$0")/lib.sh"

G=$T_DIR/grid-code/golden
cd "$G" || exit 2
cases=$(ls *.rc | sed 's/\.rc$//')
n=0
for c in $cases; do
	n=$((n + 3))
	for k in grids rej; do [ -f "$c.$k" ] && n=$((n + 1)); done
done
plan $n
for c in $cases; do
	w=$TMP/w.$c
	mkdir "$w" && cp -R "$G"/. "$w"/ && rm -f "$w/$c.grids" "$w/$c.rej"
	(
		cd "$w" || exit 2
		if [ -f "$c.load" ]; then
			while read -r l; do
				eval "$l" >/dev/null 2>&1 || exit 2
			done < "$c.load"
		fi
		args=
		[ -f "$c.args" ] && args=$(cat "$c.args")
		in=
		[ -f "$c.in" ] && in=$c.in
		# shellcheck disable=SC2086
		eval grid-code $args $in >"$TMP/$c.out" 2>"$TMP/$c.err"
		echo $? >"$TMP/$c.rc"
	)
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
	done
	for k in grids rej; do
		if [ -f "$c.$k" ]; then
			t "$c: $k" test_cmp "$c.$k" "$w/$c.$k"
		fi
	done
done
