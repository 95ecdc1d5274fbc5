#!/bin/sh
# gw-screen on the example county's candidates (examples/jishan, made by
# gw-synth): rows in = rows written + rows rejected, every remark that
# names a disqualifying matter is caught (review or ineligible, never a
# silent pass), and the public notice made with one vacancy a grid holds
# only masked numbers.  Invariants only: the example data may be
# regenerated.  The default profile (every rule on) screens; the notice
# is made by the shanxi profile, the example county's province.
. "$(dirname "$0")/lib.sh"

c=$TOP/examples/jishan/candidates.csv
if [ ! -f "$c" ]; then
	plan 1; skip "no examples/jishan/candidates.csv"; exit 0
fi
plan 5
awk -F, 'NR == 1 { print "grid_code,vacancies"; next } !s[$NF]++ { print $NF ",1" }' "$c" >"$TMP/vac.csv"
gw-screen --as-of 2026-10-08 --vacancies "$TMP/vac.csv" -r "$TMP/rej" "$c" >"$TMP/out" 2>"$TMP/err"
rc=$?
t "exit status 0 or 1" test $rc -le 1
nrej=0
[ -f "$TMP/rej" ] && nrej=$(($(wc -l <"$TMP/rej") - 1))
t "rows in = rows written + rows rejected" test \
    $(($(wc -l <"$c") - 1)) -eq $(($(wc -l <"$TMP/out") - 1 + nrej))
t "remarks naming a matter are never a silent pass" sh -c '
	awk -F, '\''NR > 1 && $16 ~ /拘留|处罚|刑满|开除|失信|审查/ && $(NF-6) == "eligible"'\'' "$1" | grep . && exit 1; exit 0' sh "$TMP/out"
gw-screen -p shanxi --as-of 2026-10-08 --vacancies "$TMP/vac.csv" --publicity "$c" >"$TMP/pub" 2>/dev/null
t "public notice: one at most a grid" test \
    $(($(wc -l <"$TMP/pub") - 1)) -le $(($(wc -l <"$TMP/vac.csv") - 1))
t "public notice: no unmasked number" sh -c \
    '! grep -E "[0-9]{16}" "$1" && test $(wc -l <"$1") -gt 1' sh "$TMP/pub"
