#!/bin/sh
# gridwork-policy(5): lint-clean, and its EXAMPLES are the files the
# tests use (t/policy/county.conf, loaded by t/unit/policy.c; lines of
# share/calendar/2026.txt, whose results t/unit/date.c checks), so the
# page cannot drift from what is tested.
. "$(dirname "$0")/lib.sh"
plan 7
MAN=$TOP/man/gridwork-policy.5

# the literal displays of EXAMPLES, numbered: TMP/ex.1, TMP/ex.2 ...
sed -n '/^\.Sh EXAMPLES/,/^\.Sh SEE ALSO/p' "$MAN" |
awk -v d="$TMP" '/^\.Bd -literal/ { n++; on = 1; next }
	/^\.Ed/ { on = 0; next }
	on { print > (d "/ex." n) }'

t "mandoc -Tlint is clean" sh -c "mandoc -Tlint -Wwarning '$MAN' >'$TMP/lint' 2>&1; rc=\$?; cat '$TMP/lint'; [ \$rc -eq 0 ] && [ ! -s '$TMP/lint' ]"
t "the county profile of EXAMPLES is t/policy/county.conf" \
	test_cmp "$TOP/t/policy/county.conf" "$TMP/ex.1"
t "the calendar lines of EXAMPLES are in share/calendar/2026.txt" \
	sh -c "while IFS= read -r l; do grep -qxF \"\$l\" '$TOP/share/calendar/2026.txt' || { echo \"not found: \$l\"; exit 1; }; done < '$TMP/ex.2'"
# every section of the gansu profile has its subsection in the page
t "every gansu section is documented" sh -c "
	for s in \$(sed -n 's/^\[\(.*\)\]\$/\1/p' '$TOP/share/policy/gansu.conf' | sort -u); do
		grep -q \"^\\.Ss \\[\$s\\]\" '$MAN' || { echo \"no .Ss [\$s]\"; exit 1; }
	done"
# every shipped profile is named in the page
t "every shipped profile is described" sh -c "
	for f in '$TOP'/share/policy/*.conf; do n=\$(basename \"\$f\" .conf)
		grep -q \"^\\.It Cm \$n\$\" '$MAN' || { echo \"profile \$n not described\"; exit 1; }
	done"

# every key of gansu.conf is named in an .It line of the page (a table
# row name.SUB by its "name." prefix).
grep '^\.It' "$MAN" > "$TMP/items"
undoc=
for k in $(sed -n 's/^\([^#[ 	][^ 	=]*\)[ 	]*=.*/\1/p' "$TOP/share/policy/gansu.conf" |
    sed 's/\..*/./' | sort -u); do
	case $k in
	include) continue ;;
	D[0-9]|D[0-9][0-9]) k=D1 ;;	# documented as the range D1 .. D10
	esac
	grep -qF -- "$k" "$TMP/items" || undoc="$undoc $k"
done
[ -z "$undoc" ]
ok $? "every gansu key is documented${undoc:+ (undocumented:$undoc)}"

# every "key = value" the page states as gansu's is gansu's value (keys
# written as "name. Ns Ar SUB" are tables and are not compared).
grep '^\.It Cm ' "$MAN" | sed 's/^\.It Cm //; s/ , Cm / , /g' | tr -s ' ' |
awk -F' , ' '{ for (i = 1; i <= NF; i++) print $i }' |
grep -v ' Ns \| Ar \| No \|^\\&' | grep ' = ' > "$TMP/pairs"
wrong=$(awk -v conf="$TOP/share/policy/gansu.conf" '
	BEGIN {
		while ((getline l < conf) > 0) {
			if (l ~ /^[ \t]*(#|\[|$)/ || index(l, "=") == 0)
				continue
			k = substr(l, 1, index(l, "=") - 1)
			v = substr(l, index(l, "=") + 1)
			gsub(/^[ \t]+|[ \t]+$/, "", k)
			gsub(/^[ \t]+|[ \t]+$/, "", v)
			val[k] = v
		}
	}
	{
		k = substr($0, 1, index($0, " = ") - 1)
		v = substr($0, index($0, " = ") + 3)
		if (!(k in val) || val[k] != v)
			printf " %s", k
	}' "$TMP/pairs")
[ -z "$wrong" ] && [ -s "$TMP/pairs" ]
ok $? "the page states gansu's values ($(wc -l < "$TMP/pairs") keys)${wrong:+ differ:$wrong}"
