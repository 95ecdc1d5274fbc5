# gen.sh — households for grid-code tests, sourced by t/04NN-grid-code-*.t.
# village VILLAGE PERSONS BLOCKSIZE... : one household a line, blocks
# named N号楼 (urban) or N组 (rural) in order, ids VILLAGE-B-I.
village() {
	awk -v v="$1" -v p="$2" -v sizes="$3" -v suf="${4:-号楼}" 'BEGIN {
		n = split(sizes, s, " ")
		for (b = 1; b <= n; b++)
			for (i = 1; i <= s[b]; i++)
				printf "%s-%d-%d,%s,%d%s,%d-%d,%d\n", v, b, i, v, b,
				    suf, b, i, p
	}'
}
hdr() { echo household_id,village_code,block,address,persons; }
# sizes of the grids of a -G table, ';'-joined in code order
sizes() { awk -F, 'NR > 1 { printf "%s%s", s, $4; s = ";" } END { print "" }' "$1"; }
