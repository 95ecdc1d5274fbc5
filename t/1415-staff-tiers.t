#!/bin/sh
# gw-staff --tiers: the 三长两员 tiers (seed 004, part 4, 第七条) against a
# profile's [staff] tier.ROLE norms: one a township, one a village, one
# and six a natural village (a grid), a 四级网格员 for every 6-10
# households of a grid, at the norms' edges; rural grids only by default;
# a norm malformed is a policy error.
. "$(dirname "$0")/lib.sh"
plan 11
cd "$TMP" || exit 2

cat > r.csv <<'END'
code,name,kind
140824,稷山县,
140824100,稷峰镇,
140824100001,城东社区,urban
140824200,化峪镇,
140824200201,北村,rural
140824200202,南村,rural
END
cat > g.csv <<'END'
grid_code,households
140824100001001,320
140824200201001,60
140824200201002,8
140824200202001,25
END
cat > tiers.conf <<'END'
include = gansu
[staff]
roles = 一级总网格长 二级总网格长 三级总网格长 四级网格指导员 四级网格员
tier.一级总网格长 = township 1
tier.二级总网格长 = village 1
tier.三级总网格长 = grid 1
tier.四级网格指导员 = grid 6
tier.四级网格员 = households 6-10
END
{ echo worker_id,role,grid_code,employment,hired_on
  echo T1,一级总网格长,140824200201001,parttime,2024-01-01
  echo V1,二级总网格长,140824200201001,parttime,2024-01-01
  echo G1,三级总网格长,140824200201001,parttime,2024-01-01
  echo G2,三级总网格长,140824200202001,parttime,2024-01-01
  for i in 1 2 3 4 5 6; do echo D$i,四级网格指导员,140824200201001,parttime,2024-01-01; done
  for i in 1 2 3 4 5 6; do echo M$i,四级网格员,140824200201001,parttime,2024-01-01; done
  echo M7,四级网格员,140824200201002,parttime,2024-01-01
  echo M8,四级网格员,140824200201002001,parttime,2024-01-01
  echo M9,四级网格员,140824200202001,parttime,2024-01-01
  echo M10,四级网格员,140824200202001,parttime,2024-01-01
  echo U1,专职网格员,140824100001001,fulltime,2024-01-01
  echo X1,四级网格员,140824200202001,parttime,2026-11-01
} > w.csv
gw-staff --as-of 2026-10-31 -p ./tiers.conf -R r.csv -G g.csv --tiers w.csv > t.csv 2> t.err
t "--tiers: exit 0, every row read" [ $? -eq 0 ]
row() { grep "^$1,$2," t.csv | cut -d, -f4-7; }
t "the township's 一级总网格长: 1 of 1" [ "$(row 140824200 一级总网格长)" = "1,1,1," ]
t "a village without its 二级总网格长: short" [ "$(row 140824200202 二级总网格长)" = "1,1,0,short" ]
t "a natural village without its 三级总网格长: short" [ "$(row 140824200201002 三级总网格长)" = "1,1,0,short" ]
t "six 四级网格指导员: the norm met" [ "$(row 140824200201001 四级网格指导员)" = "6,6,6," ]
t "60 households: 6 to 10 四级网格员, 6 on post" [ "$(row 140824200201001 四级网格员)" = "6,10,6," ]
t "8 households: one 四级网格员, two on post (one of a micro-grid): over" [ "$(row 140824200201002 四级网格员)" = "1,1,2,over" ]
t "25 households: 3 to 4, 2 on post (one hired later not yet): short" [ "$(row 140824200202001 四级网格员)" = "3,4,2,short" ]
t "an urban grid has no tiers by default" sh -c '! grep -q "^140824100" t.csv'
printf 'include = gansu\n[staff]\ntier.四级网格员 = households 10-6\n' > bad.conf
gw-staff --as-of 2026-10-31 -p ./bad.conf -R r.csv -G g.csv --tiers w.csv > /dev/null 2> bad.err
t "a norm malformed: exit 2, naming the line" sh -c '[ $1 -eq 2 ] && grep -q "bad.conf:3: key .tier.四级网格员.: want" bad.err' - $?
# said before a row is read: the roster's rows are never looked at, and
# standard input, which would be the roster, is not waited for
printf 'worker_id,grid_code,role\n,,\n' > badrows.csv
gw-staff --as-of 2026-10-31 -p ./bad.conf -R r.csv -G g.csv --tiers \
    badrows.csv > /dev/null 2> bad2.err
t "a norm malformed is said before the rows: one line, no row refused" sh -c '
	[ $1 -eq 2 ] && [ "$(wc -l < bad2.err)" = 1 ] &&
	grep -q "bad.conf:3: key .tier.四级网格员.: want" bad2.err' - $?
