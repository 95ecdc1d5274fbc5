#!/bin/sh
# bench/run.sh [small|province] — runs every bench/*.sh in one run, each
# measuring gridwork against its named peers (sqlite3, mlr, datamash) on
# the same data, and prints their `bench NAME: ...` lines together.
# Data is generated under bench/data/ (not in git).
scale=${1:-small}
case $scale in small|province) ;; *) echo "usage: make bench [SCALE=small|province]" >&2; exit 2;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
: "${GW_BIN:=$top/build/bin}"
GRIDWORK_SHARE=$top/share
PATH=$GW_BIN:$PATH
BENCH_DATA=$here/data
export GW_BIN GRIDWORK_SHARE PATH BENCH_DATA
mkdir -p "$BENCH_DATA"
for b in "$here"/*.sh; do
	[ "$b" = "$here/run.sh" ] && continue
	[ "$b" = "$here/lib.sh" ] && continue
	echo "== $(basename "$b" .sh) ($scale)"
	sh "$b" "$scale" || echo "bench $(basename "$b" .sh): FAILED"
done 2>&1 | tee "$BENCH_DATA/last-$scale.txt"
echo "(figures also in bench/data/last-$scale.txt)"
