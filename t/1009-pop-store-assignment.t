#!/bin/sh
# pop-report -d places a store's households by the assignment grid-code
# -d wrote back, as the file pipeline places them by assignment.csv:
# the registers and the visit compliance from the store are the files'
# bytes, the persons short of visits the files' rows; a household the
# assignment puts in another grid than its block's is placed there;
# gw-month's population stage places them the same way.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/month.sh"
plan 6
cd "$TMP" || exit 2
mkstore s.db
{ gw-load -d s.db workers "$J/workers.csv" &&
  gw-load -d s.db visits "$J/visits.csv"; } 2> load.err ||
    { cat load.err; exit 2; }
# one household moved to the dedicated grid of its village, in the
# store's assignment and in the file: only the assignment places it so
# (its village's base grid holds its block)
sqlite3 s.db "SELECT a.household_id, g.grid_code FROM assignment a, grids g
	WHERE g.village_code = a.village_code AND g.kind = 'dedicated'
	ORDER BY a.rowid LIMIT 1" | tr '|' ' ' > moved
read H G < moved
[ -n "$G" ] || exit 2
sqlite3 s.db "UPDATE assignment SET grid_code = '$G' WHERE household_id = '$H'" ||
    exit 2
sed "/^$H,/s/,[0-9]*\$/,$G/" s.db.assignment.csv > assignment.csv
A=assignment.csv
cp "$J/persons.csv" persons.csv
t "the household is moved in the file too" sh -c '
	[ "$(grep -c "^$1,.*,$2\$" assignment.csv)" -eq 1 ] &&
	[ "$(diff s.db.assignment.csv assignment.csv | grep -c "^[<>]")" -eq 2 ]' - "$H" "$G"

pop-report -p $P -d s.db --as-of 2026-10-31 > d-reg.csv 2> d-reg.err
rc=$?
pop-report -p $P --as-of 2026-10-31 persons.csv $A > f-reg.csv 2> /dev/null
t "the registers from the store are the file's, exit 0, nothing said" sh -c '
	[ $1 -eq 0 ] && [ ! -s d-reg.err ] && cmp f-reg.csv d-reg.csv' - $rc
t "... by township too" sh -c '
	pop-report -p $1 -d s.db --as-of 2026-10-31 --by township > d.csv 2> /dev/null &&
	pop-report -p $1 --as-of 2026-10-31 --by township persons.csv $2 > f.csv 2> /dev/null &&
	cmp f.csv d.csv' - $P $A
# a list follows the order persons are read in: a store's by identity
# number, a file's as written
t "the key persons short of visits: the file's rows; the compliance: its bytes" sh -c '
	srt() { head -1 "$1"; tail -n +2 "$1" | sort; }
	pop-report -p $1 -d s.db --month 2026-10 > d.csv 2> /dev/null &&
	pop-report -p $1 --month 2026-10 --visits "$3/visits.csv" --workers "$3/workers.csv" persons.csv $2 > f.csv 2> /dev/null &&
	[ "$(wc -l < d.csv)" -gt 10 ] &&
	srt f.csv > fs && srt d.csv > ds && cmp fs ds &&
	pop-report -p $1 -d s.db --month 2026-10 --summary > d.csv 2> /dev/null &&
	pop-report -p $1 --month 2026-10 --summary --visits "$3/visits.csv" --workers "$3/workers.csv" persons.csv $2 > f.csv 2> /dev/null &&
	cmp f.csv d.csv' - $P $A "$J"

# without the assignment the base grids place them: not the file's
cp s.db nb.db
sqlite3 nb.db "DELETE FROM assignment" || exit 2
pop-report -p $P -d nb.db --as-of 2026-10-31 > nb.csv 2> nb.err
rc=$?
t "a store without an assignment: the base grids, the household not moved" sh -c '
	[ $1 -eq 0 ] && ! cmp -s f-reg.csv nb.csv &&
	grep -q "^$2,grid,1," f-reg.csv && ! grep -q "^$2,grid,[1-9]" nb.csv' - $rc "$G"

# gw-month's population stage: the same registers
mkdir in && for tb in workers patrols visits logins trainings bonus rewards; do
	cp "$J/$tb.csv" in/; done
t "gw-month's registers are pop-report -d's" sh -c '
	gw-month -d s.db --month 2026-10 -p $1 --in in --out out > /dev/null 2>&1
	[ -s out/pop-grid.csv ] || exit 1
	grep -q "^$2,grid,1," out/pop-grid.csv &&
	pop-report -p $1 -d s.db --as-of 2026-10-31 | cmp - out/pop-grid.csv' - $P "$G"
