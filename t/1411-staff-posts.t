#!/bin/sh
# gw-staff: posts at their edges — a grid whose only worker leaves
# mid-month, the day of leaving, a worker hired after the date, an
# 18-digit micro-grid worker, no full-time worker in an urban grid,
# roles the policy does not know, the roll-up.
. "$(dirname "$0")/lib.sh"
plan 15
EX=$TOP/examples/staff
cd "$TMP" || exit 2

staff() { gw-staff --as-of "$1" -R "$EX/regions.csv" -G "$EX/grids.csv" "$2"; }
row() { grep "^$1," "$2" | cut -d, -f"$3"; }
printf 'worker_id,role,grid_code,employment,hired_on,left_on\n' > h
{ cat h; echo 'W1,专职网格员,140824100001002,fulltime,2023-05-01,2026-10-15'; } > left.csv
staff 2026-10-15 left.csv > a 2>/dev/null
t "on the day of leaving: still on post" [ "$(row 140824100001002 a 5,10)" = "1," ]
staff 2026-10-16 left.csv > b 2>/dev/null
t "the day after: vacant since then, 1 day" [ "$(row 140824100001002 b 5,8,9,10)" = "0,2026-10-16,1,no_worker" ]
staff 2026-10-31 left.csv > c 2>/dev/null
t "at the month's end: 16 days" [ "$(row 140824100001002 c 9)" = "16" ]
t "a grid that never had a worker: no vacancy length" [ "$(row 140824100002001 c 8,9,10)" = ",,no_worker" ]
{ cat h; echo 'W2,兼职网格员,140824100002001,parttime,2026-11-02,'; } > later.csv
staff 2026-10-31 later.csv > d 2>/dev/null
t "hired after the date: not yet on post" [ "$(row 140824100002001 d 5,10)" = "0,no_worker" ]
{ cat h; echo 'W3,兼职网格员,140824100002001003,parttime,2024-01-01,'; } > micro.csv
staff 2026-10-31 micro.csv > e 2>/dev/null
t "an 18-digit micro-grid worker is on its grid's post; urban, no full-time" \
	[ "$(row 140824100002001 e 5,6,10)" = "1,0,no_fulltime" ]
{ cat h; echo 'W4,兼职网格员,140824200201001,parttime,2024-01-01,'; } > rural.csv
staff 2026-10-31 rural.csv > f 2>/dev/null
t "a rural grid of part-time workers is fine" [ "$(row 140824200201001 f 10)" = "" ]
{ cat h; echo 'W5,网格管家,140824200201001,parttime,2024-01-01,'
  echo 'W6,兼职网格员,140824200201001,parttime,2024-01-01,2023-01-01'
  echo 'W6,兼职网格员,140824200201001,parttime,2024-01-01,'; } > bad.csv
staff 2026-10-31 bad.csv > g 2> err
t "rejected rows: exit 1" [ $? -eq 1 ]
t "unknown role, left before hired, each said" sh -c '
	grep -q "bad.csv:2: column .role.: role .网格管家. not in policy gansu" err &&
	grep -q "bad.csv:3: column .left_on.: left on .2023-01-01., before hired_on" err' 
printf '[staff]\nroles = 网格管家\n' > p.conf
printf 'include = gansu\n' | cat - p.conf > q.conf
t "an extra team role of [staff] roles is known" sh -c '
	gw-staff -p ./q.conf --as-of 2026-10-31 -R "$1/regions.csv" -G "$1/grids.csv" --by county "$2" 2>/dev/null |
	grep -qx "140824,5,1510,2,0,755.0,4,0,0,0"' - "$EX" bad.csv

# [staff] conflict.NAME: one person (id_number) never holds both sides
printf 'include = gansu\n[staff]\nconflict.004 = 网格长 / 兼职网格员 专职网格员\n' > c.conf
{ printf 'worker_id,role,grid_code,employment,hired_on,left_on,id_number\n'
  echo 'A1,网格长,140824100001001,fulltime,2024-01-01,,11010519491231002X'
  echo 'A2,兼职网格员,140824100001002,parttime,2024-01-01,,11010519491231002X'
  echo 'A3,兼职网格员,140824100002001,parttime,2024-01-01,2025-01-01,X1'
  echo 'A4,网格长,140824100002001,parttime,2024-01-01,,X1'; } > cw.csv
gw-staff -p ./c.conf --as-of 2026-10-31 -R "$EX/regions.csv" -G "$EX/grids.csv" cw.csv > h 2> err2
rc=$?
t "a role conflict: exit 1, one rejected row" sh -c '
	[ "$1" -eq 1 ] && [ "$(grep -c "cannot be held" err2)" -eq 1 ]' - "$rc"
t "naming the first role's line" sh -c 'grep -qF "$1" err2' -  "cw.csv:3: column 'role': role '兼职网格员' cannot be held with '网格长' (line 2) by the same person (conflict.004)"

# a spell that ends before it starts: a rejected row naming to_on, from
# a file and in the store (not the store's bare CHECK failure)
{ echo grid_code,worker_id,from_on,to_on
  echo 140824100001002,W1,2026-05-01,2026-04-30
  echo 140824100001002,W1,2026-05-01,2026-05-01; } > bad-posts.csv
{ echo worker_id,role,grid_code,employment,hired_on,left_on
  echo W1,专职网格员,140824100001002,fulltime,2023-05-01,; } > on.csv
gw-staff --as-of 2026-10-31 -R "$EX/regions.csv" -G "$EX/grids.csv" \
	--posts bad-posts.csv on.csv > /dev/null 2> perr
t "--posts: to_on before from_on rejected naming to_on, exit 1" sh -c '
	[ $1 -eq 1 ] &&
	grep -q "bad-posts.csv:2: column .to_on.: .2026-04-30. before from_on .2026-05-01." perr &&
	! grep -q "bad-posts.csv:3" perr' - $?
gw-load -d s.db grids "$EX/grids.csv" 2> /dev/null
gw-load -d s.db posts bad-posts.csv 2> lerr
t "gw-load posts: the same row rejected naming to_on, exit 1" sh -c '
	[ $1 -eq 1 ] &&
	grep -q "bad-posts.csv:2: column .to_on.: .2026-04-30. before from_on .2026-05-01." lerr &&
	! grep -q "CHECK constraint" lerr' - $?
t "... and the spell of one day loaded" sh -c '
	gw-load -d s.db --export posts | grep -qx "140824100001002,W1,2026-05-01,2026-05-01"'
