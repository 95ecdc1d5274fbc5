#!/bin/sh
# gridwork-store(5) cannot drift from the schema: every table and column
# of share/sql is documented, and the page's table of links is the one
# share/sql/columns.tsv gives gw-load.
. "$(dirname "$0")/lib.sh"
plan 4

man=$TOP/man/gridwork-store.5
cd "$TMP" || exit 2
"$GW_UNIT/store" create s.db || exit 2

# table.column of the schema
sqlite3 s.db "SELECT m.name || '.' || p.name FROM sqlite_schema m,
	pragma_table_info(m.name) p WHERE m.type = 'table'
	AND m.name NOT LIKE 'sqlite_%' ORDER BY 1" > schema
t "the schema has columns" test "$(wc -l < schema)" -gt 100

# table.column as documented: '.It col Ta' under '.Ss table[, table]',
# or '.It table.col Ta' anywhere in TABLES
awk '/^\.Sh /{ in_t = ($2 == "TABLES") }
	!in_t { next }
	/^\.Ss /{ sub(/^\.Ss /, ""); n = split($0, tabs, /, */); next }
	/^\.It [a-z_.]+ Ta/{ c = $2
		if (index(c, ".")) { print c; next }
		for (i = 1; i <= n; i++) print tabs[i] "." c }' "$man" |
	sort -u > documented
comm -23 schema documented > undocumented
t "every column of the schema is in the page" test ! -s undocumented
[ -s undocumented ] && sed 's/^/# undocumented: /' undocumented

# links: the page's table against columns.tsv
awk '/^\.Ss Keys and links/{ on = 1 } /^\.Sh TABLES/{ on = 0 }
	on && /^\.It [a-z_]+\.[a-z_]+ Ta [a-z_]+\.[a-z_]+$/{ print $2, $4 }' \
	"$man" | sort > man-links
awk -F '\t+' '!/^#/ && NF == 5 && $4 != "-" { print $1 "." $2, $4 }' \
	"$TOP/share/sql/columns.tsv" | sort > tsv-links
t "the page lists links" test "$(wc -l < man-links)" -ge 15
t "the page's links are those of columns.tsv" test_cmp tsv-links man-links
