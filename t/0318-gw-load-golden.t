#!/bin/sh
# gw-load on the golden cases of t/gw-load/golden/: CASE.args holds the
# command line (after "gw-load"), run in a directory of its own with the
# inputs in in/ and the store gw.db; CASE.pre, when there, is a shell
# script run there first (the loads that make the store); CASE.stdin is
# the standard input.  The output, the messages and the exit status must
# be CASE.out, CASE.err and CASE.rc exactly; CASE.db, when there, is the
# store after the run (every table with rows, the audit rows but their
# time and user, the indexes, the integrity check), and CASE.rej the
# rejects file rej.csv.  GW_GOLDEN_WRITE=1 writes them instead (check
# each by eye before committing it).
. "$(dirname "$0")/lib.sh"

G=$T_DIR/gw-load/golden
cd "$G" || exit 2
cases=$(ls *.args | sed 's/\.args$//' | sort)
n=0
for c in $cases; do
	n=$((n + 3))
	[ -f "$c.db" ] && n=$((n + 1))
	[ -f "$c.rej" ] && n=$((n + 1))
done
[ -n "$GW_GOLDEN_WRITE" ] || plan $n

dump() {	# dump STORE: what CASE.db holds (three sqlite3 runs, not one a table)
	[ -f "$1" ] || { echo "no store"; return; }
	sqlite3 "$1" "SELECT 'SELECT ''' || name || ''', count(*) FROM \"' ||
	    name || '\";' FROM sqlite_schema WHERE type = 'table' AND
	    name NOT LIKE 'sqlite_%' AND name <> 'audit' ORDER BY name" |
	    sqlite3 "$1" | awk -F'|' '$2 > 0 { printf ".print \"== %s\"\nSELECT rowid, * FROM \"%s\" ORDER BY rowid;\n", $1, $1 }' >"$1.sql"
	cat >>"$1.sql" <<-'EOF'
	.print "== audit"
	SELECT id, table_name, action, rows_read, rows_loaded, rows_updated,
	    rows_rejected, note, command FROM audit ORDER BY id;
	.print "== indexes"
	.headers off
	SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index' AND
	    sql IS NOT NULL ORDER BY tbl_name, name;
	PRAGMA integrity_check;
	EOF
	sqlite3 -header -cmd '.nullvalue NULL' "$1" <"$1.sql"
}

for c in $cases; do
	w=$TMP/$c
	mkdir -p "$w" && cp -R in "$w/in" || exit 2
	(
		cd "$w" || exit 2
		if [ -f "$G/$c.pre" ]; then
			sh "$G/$c.pre" >pre.log 2>&1
		fi
		in=/dev/null
		[ -f "$G/$c.stdin" ] && in=$G/$c.stdin
		# shellcheck disable=SC2046
		eval "set -- $(cat "$G/$c.args")"
		gw-load "$@" <"$in" >out 2>err
		echo $? >rc
		dump gw.db >db
	)
	if [ -n "$GW_GOLDEN_WRITE" ]; then
		for k in out err rc; do cp "$w/$k" "$c.$k"; done
		[ -f "$w/gw.db" ] && cp "$w/db" "$c.db"
		[ -f "$w/rej.csv" ] && cp "$w/rej.csv" "$c.rej"
		continue
	fi
	for k in out err rc; do
		t "$c: $k" test_cmp "$c.$k" "$w/$k"
	done
	[ -f "$c.db" ] && t "$c: the store" test_cmp "$c.db" "$w/db"
	[ -f "$c.rej" ] && t "$c: the rejects" test_cmp "$c.rej" "$w/rej.csv"
done
:
