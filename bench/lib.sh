# bench/lib.sh — sourced by bench/*.sh after they set $here (their own
# directory): the environment every bench runs in, and timing with peak
# memory.
#   measure NAME CMD...   runs CMD (its stdout to /dev/null unless the
#                         command redirects itself) and sets
#   M_SEC (wall seconds, 3 decimals) and M_KB (peak RSS in KiB).
#   ratio A B             prints A/B with two decimals.
top=$(cd "$here/.." && pwd)
: "${GW_BIN:=$top/build/bin}"
: "${GRIDWORK_SHARE:=$top/share}"
: "${BENCH_DATA:=$here/data}"
PATH=$GW_BIN:$PATH
export GW_BIN GRIDWORK_SHARE PATH BENCH_DATA

measure() {
	_name=$1; shift
	_t0=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$BENCH_DATA/.rss" "$@" >/dev/null 2>"$BENCH_DATA/.err" \
		|| { echo "bench: $_name failed:"; tail -3 "$BENCH_DATA/.err"; }
	_t1=$(date +%s.%N)
	M_SEC=$(echo "$_t0 $_t1" | awk '{printf "%.3f", $2 - $1}')
	M_KB=$(tail -1 "$BENCH_DATA/.rss")
}
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "inf" }'; }
mbps() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.0f", $1 / 1048576 / $2; else print "inf" }'; }
