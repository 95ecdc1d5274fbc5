# golden.sh — sourced after lib.sh by the tests of golden cases:
# golden CMD DIR runs CMD on every DIR/CASE.args (see
# 0612-event-report-golden.t) and checks out, err, rc (and rej).
golden() {
	g_cmd=$1
	cd "$2" || exit 2
	g_cases=$(ls *.args | sed 's/\.args$//')
	g_n=0
	for c in $g_cases; do
		g_n=$((g_n + 3))
		[ -f "$c.rej" ] && g_n=$((g_n + 1))
	done
	[ -n "$GW_GOLDEN_WRITE" ] || plan $g_n
	for c in $g_cases; do
		g_args=$(sed "s|@TMP@|$TMP|g" "$c.args")
		g_in=/dev/null
		[ -f "$c.in" ] && g_in=$c.in
		eval "set -- $g_args"
		"$g_cmd" "$@" <"$g_in" >"$TMP/$c.out" 2>"$TMP/$c.err"
		echo $? >"$TMP/$c.rc"
		if [ -n "$GW_GOLDEN_WRITE" ]; then
			for k in out err rc rej; do
				[ -f "$TMP/$c.$k" ] && cp "$TMP/$c.$k" "$c.$k"
			done
			continue
		fi
		for k in out err rc; do
			t "$c: $k" test_cmp "$c.$k" "$TMP/$c.$k"
		done
		if [ -f "$c.rej" ]; then
			t "$c: rej" test_cmp "$c.rej" "$TMP/$c.rej"
		fi
	done
	return 0
}
