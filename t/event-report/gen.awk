# gen.awk — deterministic synthetic events for the merge tests:
# awk -v n=N -v seed=S -f gen.awk.  Three townships, grids 001-003 and
# one dedicated grid per village, reported between 2026-09-01 and
# 2026-11-30, a third without a category (classified by the rules),
# one row in fifty with an error of some kind.
BEGIN {
	srand(seed)
	split("620102001 620102002 620121101", town, " ")
	split("01 02 03 04 05 06 07 0701 0703 0705 08 0805 09 10 1004 11 12 13", cat, " ")
	split("邻居因漏水吵架|有人扬言要报复社会|楼道里给电动车充电|村民反映路灯坏了|入户采集流动人口信息|为独居老人代缴电费|今日巡查正常|二十多名工人聚集讨薪", text, "|")
	split("worker worker worker resident hotline inspection", src, " ")
	mdays[9] = 30; mdays[10] = 31; mdays[11] = 30
	print "event_id,grid_code,reported_at,found_at,source,reporter_id,category,text"
	for (i = 1; i <= n; i++) {
		t = town[1 + int(rand() * 3)]
		v = sprintf("%03d", 1 + int(rand() * 3))
		g = rand() < 0.1 ? "901" : sprintf("%03d", 1 + int(rand() * 3))
		m = 9 + int(rand() * 3)
		d = 1 + int(rand() * mdays[m])
		h = int(rand() * 24); mi = int(rand() * 60)
		rep = sprintf("2026-%02d-%02d %02d:%02d", m, d, h, mi)
		back = int(rand() * 150)	# minutes between found and reported
		fm = mi - back % 60; fh = h - int(back / 60)
		if (fm < 0) { fm += 60; fh-- }
		if (fh < 0) fh = 0
		found = sprintf("2026-%02d-%02d %02d:%02d", m, d, fh, fm)
		s = src[1 + int(rand() * 6)]
		c = rand() < 0.33 ? "" : cat[1 + int(rand() * 18)]
		x = text[1 + int(rand() * 8)]
		r = rand()
		if (r < 0.005) rep = "2026-02-30 10:00"
		else if (r < 0.01) g = "000"
		else if (r < 0.015) s = "wechat"
		else if (r < 0.02) found = "2026-12-31 00:00"
		printf "E%06d,%s%s%s,%s,%s,%s,%s,%s,%s\n", i, t, v, g, rep, found, s,
		    s == "worker" ? "W" int(rand() * 50) : "", c, x
	}
}
