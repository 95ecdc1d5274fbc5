#!/bin/sh
# case-track: every pair (state, step) of the six-step loop with returns
# and extensions.  For each state a case is brought there by valid
# steps, then given one more step.  The allowed pairs, written out here
# from case-track(1)'s table, must apply (the state moves on, extended
# leaves it); every other pair must be rejected once, with the reason,
# leaving the case in the state it had reached.
. "$(dirname "$0")/lib.sh"
plan 9

states="none reported filed assigned returned handled answered closed"
steps="reported filed assigned handled answered closed returned extended"
allowed() {	# allowed STATE STEP
	case "$1:$2" in
	none:reported|reported:filed|filed:assigned) return 0 ;;
	assigned:handled|assigned:returned|assigned:extended) return 0 ;;
	returned:assigned|handled:answered|handled:extended) return 0 ;;
	answered:closed|answered:extended) return 0 ;;
	esac
	return 1
}
prefix() {	# the valid steps that reach a state
	case $1 in
	none) ;;
	reported) echo reported ;;
	filed) echo reported filed ;;
	assigned) echo reported filed assigned ;;
	returned) echo reported filed assigned returned ;;
	handled) echo reported filed assigned handled ;;
	answered) echo reported filed assigned handled answered ;;
	closed) echo reported filed assigned handled answered closed ;;
	esac
}
{
	echo "case_id,event_id,step,at,actor,department,satisfied,deadline"
	n=0
	for s in $states; do
		for x in $steps; do
			id=T_${s}_$x m=0
			for p in $(prefix "$s") "$x"; do
				m=$((m + 1))
				dl=
				[ "$p" = assigned ] && dl="2026-11-10 23:59:59"
				[ "$p" = extended ] && dl="2026-11-20"
				printf '%s,E%s,%s,2026-11-02 09:%02d:00,actor,科室,,%s\n' "$id" "$id" "$p" "$m" "$dl"
			done
		done
	done
} > "$TMP/log.csv"

rc=0
case-track --as-of 2026-12-01 -r "$TMP/rej.csv" "$TMP/log.csv" > "$TMP/o" 2> "$TMP/e" || rc=$?
t "exit 1 (rejects)" test $rc -eq 1

bad=0 nrej=0 nok=0
for s in $states; do
	for x in $steps; do
		id=T_${s}_$x
		got=$(awk -F, -v id="$id" '$1 == id { print $5 }' "$TMP/o")
		rej=$(grep -c ",$id,E$id," "$TMP/rej.csv")
		if allowed "$s" "$x"; then
			want=$x; [ "$x" = extended ] && want=$s
			nok=$((nok + 1))
			[ "$got" = "$want" ] && [ "$rej" -eq 0 ] ||
				{ echo "# $id: state '$got' want '$want', $rej rejects"; bad=$((bad + 1)); }
		else
			want=$s; [ "$s" = none ] && want=
			nrej=$((nrej + 1))
			[ "$got" = "$want" ] && [ "$rej" -eq 1 ] ||
				{ echo "# $id: state '$got' want '$want', $rej rejects"; bad=$((bad + 1)); }
		fi
	done
done
t "11 allowed pairs apply, 53 others are rejected, states as reached" \
	sh -c '[ $1 -eq 0 ] && [ $2 -eq 11 ] && [ $3 -eq 53 ]' - $bad $nok $nrej
t "the rejects file has exactly the 53" sh -c '[ "$(tail -n +2 "$1" | wc -l)" -eq 53 ]' - "$TMP/rej.csv"
t "out of order: says the state and what may follow" \
	grep -q "column 'step': step 'answered' out of order: the case is at 'assigned' (expects handled, returned or extended)" "$TMP/e"
t "before reported" grep -q "column 'step': step 'filed' before the case was reported" "$TMP/e"
t "after closed" grep -q "column 'step': step 'reported' after the case was closed" "$TMP/e"
t "a closed case is written once, with its closing time" sh -c '
	[ "$(grep -c "^T_answered_closed," "$1")" -eq 1 ] &&
	grep -q "^T_answered_closed,ET_answered_closed,,,closed,科室,2026-11-02 09:01:00,2026-11-02 09:03:00,2026-11-10 23:59:59,2026-11-02 09:06:00,0,1,0,,0$" "$1"' - "$TMP/o"
t "rows in = applied + rejected (stderr count)" sh -c '
	n=$(($(wc -l < "$1") - 1)); grep -q "53 of $n rows rejected" "$2"' - "$TMP/log.csv" "$TMP/e"
t "extended leaves the state, moves the deadline (a bare date: end of day)" sh -c '
	grep -q "^T_handled_extended,.*,handled,.*,2026-11-20 23:59:59,,,,1,,0$" "$1"' - "$TMP/o"
