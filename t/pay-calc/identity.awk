# identity.awk — checks a pay sheet against its budget, independently of
# pay-calc: awk -F, -f identity.awk SHEET BUDGET (both CSV with headers).
# Every money column of the sheet summed in fen equals the sum of the
# county rows; the townships of each county add up to it; insurance is
# workers x the per-worker twelfth; total = gross + insurance; each row's
# gross = its items.  Prints "identity ok N workers GROSS" or the faults.
function fen(x,  p, n) {
	n = split(x, p, ".")
	return (substr(x, 1, 1) == "-" ? -1 : 1) * ((p[1] < 0 ? -p[1] : p[1]) * 100 + p[2])
}
FNR == 1 { file++; next }
file == 1 {
	nw++
	for (i = 8; i <= 13; i++) sheet[i - 2] += fen($i)
	if (fen($8) + fen($9) + fen($10) + fen($11) + fen($12) != fen($13)) {
		print "row " FNR ": gross is not the sum of the items"; bad = 1
	}
	next
}
$2 == "township" {
	cty = substr($3, 1, 6)
	tn[cty] += $5
	for (i = 6; i <= 13; i++) ts[cty, i] += fen($i)
	next
}
$2 == "county" {
	nc += $5
	if (tn[$3] != $5) { print "county " $3 ": workers of the townships"; bad = 1 }
	for (i = 6; i <= 13; i++) {
		cs[i] += fen($i)
		if (ts[$3, i] != fen($i)) { print "county " $3 ": column " i " of the townships"; bad = 1 }
	}
	if (ins == "") ins = $5 ? fen($12) / $5 : ""
	if (fen($12) != ins * $5) { print "county " $3 ": insurance"; bad = 1 }
	if (fen($13) != fen($11) + fen($12)) { print "county " $3 ": total"; bad = 1 }
}
END {
	if (nw != nc) { print "workers: sheet " nw ", budget " nc; bad = 1 }
	for (i = 6; i <= 11; i++)
		if (sheet[i] != cs[i]) { print "column " i ": sheet " sheet[i] ", budget " cs[i]; bad = 1 }
	if (!bad) printf "identity ok %d workers %.0f fen\n", nw, sheet[11]
	exit bad
}
