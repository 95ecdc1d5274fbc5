#!/bin/sh
# regen.sh [CASE...] — writes CASE.out, .err, .rc (and .grids, .rej when
# the case's arguments name them) from what build/bin/grid-code does now.
# Only for a new case, or a change meant to show: read the diff.
cd "$(dirname "$0")" || exit 2
top=$(cd ../../.. && pwd)
PATH=$top/build/bin:$PATH GRIDWORK_SHARE=$top/share LC_ALL=C.UTF-8
export PATH GRIDWORK_SHARE LC_ALL
unset GW_POLICY
[ $# -gt 0 ] || set -- $(ls *.args *.in 2>/dev/null | sed 's/\.[a-z]*$//' | sort -u)
for c; do
	w=$(mktemp -d) || exit 2
	cp -R . "$w"/ && rm -f "$w/$c.grids" "$w/$c.rej" &&
	    rm -f "$c.out" "$c.err" "$c.rc" "$c.grids" "$c.rej"
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
		eval grid-code $args $in >"$c.out" 2>"$c.err"
		echo $? >"$c.rc"
	)
	for k in out err rc grids rej; do
		[ -f "$w/$c.$k" ] && cp "$w/$c.$k" "$c.$k"
	done
	rm -rf "$w"
done
