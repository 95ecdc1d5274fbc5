#!/bin/sh
# sql2c.sh FILE... — turns share/sql/*.sql into C string literals for
# lib/store.c: one { "name", "text" } entry per file, in order.  The
# schema's only source stays share/sql/.
for f in "$@"; do
	printf '{ "%s",\n' "$(basename "$f")"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$f"
	printf '},\n'
done
