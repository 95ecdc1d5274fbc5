#!/bin/sh
# grid-code -u with [grid] small_units (gridwork-rules(7), Dedicated
# grids; 004 "就近划入……或统并划分为专属网格"): by default a unit below
# dedicated_people_min stays in the first base grid of its village, said
# in its note; with small_units = merge the small units of a village
# that reach the figure together share one dedicated grid, said on
# stderr and in its note, its code kept while its units are the same.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/grid-code/gen.sh"
R=$T_DIR/grid-code/regions.csv
plan 13
cd "$TMP" || exit 2

printf 'include = gansu\n[grid]\nsmall_units = merge\n' > merge.conf
{ hdr; village 140824100001 2 "100 100 100"; } > h.csv
units() { echo unit_id,name,village_code,kind,people; cat; }
units > u.csv <<EOF
U1,小学,140824100001,school,150
U2,卫生院,140824100001,hospital,180
U3,县医院,140824100001,hospital,400
U5,商店,140824100003,market,120
U6,市场,140824100003,market,200
EOF

# ---- the default: each small unit in its village's base grid ----------
grid-code -R "$R" -u u.csv -G g0.csv h.csv > o0.csv 2> e0
t "default: no shared grid, the small units named in the base grid" sh -c '
	[ "$(grep -c ",dedicated," g0.csv)" -eq 1 ] &&
	grep -q "^140824100001901,.*,U3,$" g0.csv &&
	grep -q "unit .U1. (150 people, below 300) is in this grid" g0.csv &&
	grep -q "unit .U2. (180 people, below 300) is in this grid" g0.csv'
t "default: a village of small units only gets no grid" sh -c '
	! grep -q "^140824100003" g0.csv'
grid-code -p ./merge.conf -R "$R" -u u.csv -G g1.csv h.csv > o1.csv 2> e1
rc=$?
t "merge: exit 0, the households placed as by default" sh -c '
	[ $1 -eq 0 ] && cmp o0.csv o1.csv' - $rc
t "merge: U1 and U2 (330 together) share dedicated grid 902" \
	grep -q "^140824100001902,140824100001,dedicated,0,330,U1;U2,2 units below 300 people share this dedicated grid (330 people together)$" g1.csv
t "... the unit of its own keeps 901, the base grid names no small unit" sh -c '
	grep -q "^140824100001901,.*,U3,$" g1.csv && ! grep -q "unit .U[12]." g1.csv'
t "merge: said on stderr" grep -q \
	"village 140824100001: grid 140824100001902: 2 units below 300 people share" e1
t "merge: a village of small units only that reach the figure: its grid" \
	grep -q "^140824100003901,140824100003,dedicated,0,320,U5;U6," g1.csv

# ---- below the figure together: they stay in the base grid -----------
units > u2.csv <<EOF
U1,小学,140824100001,school,150
U2,卫生院,140824100001,hospital,149
U5,商店,140824100003,market,120
U6,市场,140824100003,market,100
EOF
grid-code -p ./merge.conf -R "$R" -u u2.csv -G g2.csv h.csv > /dev/null 2>&1
t "merge: 150 + 149 below 300: no shared grid, both in the base grid" sh -c '
	! grep -q ",dedicated," g2.csv &&
	grep -q "unit .U1. (150 people, below 300) is in this grid; unit .U2. (149 people" g2.csv'
t "... and a village of small units only below it together: no grid" sh -c '
	! grep -q "^140824100003" g2.csv'

# ---- keeping codes -------------------------------------------------------
grid-code -p ./merge.conf -R "$R" -u u.csv --previous o1.csv --previous g1.csv \
	-G g3.csv h.csv > /dev/null 2>&1
t "re-dividing the same units: the shared grid keeps 902" \
	grep -q "^140824100001902,.*,U1;U2,.*,kept$" g3.csv
{ cat u.csv; echo U7,药店,140824100001,shop,20; } > u4.csv
grid-code -p ./merge.conf -R "$R" -u u4.csv --previous o1.csv --previous g1.csv \
	-G g4.csv h.csv > /dev/null 2>&1
t "another small unit joins: a new code, the old one retired" sh -c '
	grep -q "^140824100001903,.*,U1;U2;U7,.*,new$" g4.csv &&
	grep -q "^140824100001902,.*,retired$" g4.csv'

# ---- the policy -------------------------------------------------------------
printf 'include = gansu\n[grid]\nsmall_units = nearby\n' > bad.conf
grid-code -p ./bad.conf -R "$R" -u u.csv h.csv > /dev/null 2> be
t "small_units neither village nor merge: exit 2, said" sh -c '
	[ $1 -eq 2 ] && grep -q "small_units = nearby: not village or merge" be' - $?
printf 'include = gansu\n[grid]\nsmall_units = village\n' > v.conf
grid-code -p ./v.conf -R "$R" -u u.csv -G gv.csv h.csv > /dev/null 2>&1
t "small_units = village: the default's grids" cmp g0.csv gv.csv
