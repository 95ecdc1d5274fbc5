# streets.sh — the streets of the micro-grid tests (t/0413, t/1403),
# sourced after lib.sh: street NAME N [FIRST] prints N households of
# village 140824100001, block 1号楼, on street NAME, numbered from FIRST
# (1); hdr their header.  $TMP/h.csv: 东街 of 4, 西街 of 12, 北巷 of 300.
R=$T_DIR/grid-code/regions.csv
street() {
	awk -v s="$1" -v n="$2" -v f="${3:-1}" 'BEGIN {
		for (i = f; i < f + n; i++)
			printf "%s%d,140824100001,1号楼,%s%d号,3\n", s, i, s, i }'
}
hdr() { echo household_id,village_code,block,address,persons; }
{ hdr; street 东街 4; street 西街 12; street 北巷 300; } > "$TMP/h.csv"
