/*
 * eventgen.c — synthetic events for bench/event.sh, fast enough for a
 * province's month (ten million rows, about 1.3 GB):
 *	eventgen N SEED EMPTY_PCT > events.csv
 * A province of 14 cities x 6 counties x 15 townships x 12 villages x
 * 3 grids (45,360 grids); nine events in ten reported in October 2026,
 * one in September (the previous period); found 0-180 minutes before;
 * EMPTY_PCT percent without a category (left to the rules).  Texts are
 * short, with full-width punctuation and never an ASCII comma or quote,
 * so that every peer reads the file the same way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng;

static uint32_t
next(uint32_t n)
{
	/* xorshift64*: fast, and the same stream on every machine */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 33) % n;
}

static const struct {
	const char *cat;
	const char *text;
} ev[] = {
	{ "01", "邻居因漏水发生争执，已现场劝解" },
	{ "01", "两户村民因宅基地界址发生口角" },
	{ "02", "村民酒后持刀叫嚣要报复邻居" },
	{ "03", "居民失业后情绪低落，多次流露轻生念头" },
	{ "04", "群众举报出租屋内有人聚众赌博" },
	{ "04", "老人接到冒充公检法的诈骗电话" },
	{ "05", "小区内多辆电动车电瓶被盗" },
	{ "06", "二十余名工人聚集在项目部讨薪" },
	{ "0701", "工地脚手架搭设不规范" },
	{ "0702", "铁路沿线护栏破损，有人横穿" },
	{ "0703", "楼道内有住户飞线给电动车充电" },
	{ "0703", "消防通道被私家车长期占用" },
	{ "0704", "河道内堆满生活垃圾，散发恶臭" },
	{ "0705", "小卖部出售过期食品" },
	{ "0801", "失业居民希望推荐保洁工作" },
	{ "0802", "村民咨询养老保险补缴政策" },
	{ "0803", "困难家庭申请临时救助" },
	{ "0805", "村道路灯损坏，晚上出行不便" },
	{ "0805", "小区下水管道堵塞，请求维修" },
	{ "09", "入户采集流动人口信息" },
	{ "09", "核实出租房屋承租人员信息" },
	{ "1001", "走访社区矫正对象，了解近况" },
	{ "1004", "走访严重精神障碍患者，病情稳定" },
	{ "11", "为独居老人代缴水电费" },
	{ "12", "开展反诈宣传，发放宣传资料" },
	{ "13", "完成街道交办的群租房排查任务" },
};
#define NEV (sizeof ev / sizeof ev[0])

static const char *const src[] = {
	"worker", "worker", "worker", "worker", "worker", "resident",
	"hotline", "inspection"
};

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	unsigned long n, i;
	unsigned city, county, town, village, grid, e, s, day, h, m, sec, back;
	unsigned fday, fh, fm, mon, empty;
	long t, ft;

	if (argc != 4) {
		fputs("usage: eventgen N SEED EMPTY_PCT\n", stderr);
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	rng = strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15ULL + 1;
	empty = (unsigned)strtoul(argv[3], NULL, 10);
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	puts("event_id,grid_code,reported_at,found_at,source,reporter_id,"
	    "category,text");
	for (i = 1; i <= n; i++) {
		city = 1 + next(14);
		county = 2 + next(6);
		town = 100 + next(15);
		village = 1 + next(12);
		grid = 1 + next(3);
		mon = next(10) == 0 ? 9 : 10;
		day = 1 + next(mon == 9 ? 30 : 31);
		h = next(24);
		m = next(60);
		sec = next(60);
		back = next(181);
		/* found_at = reported_at - back minutes, in minutes of the
		   month (never before its first day: clamp) */
		t = ((long)(day - 1) * 24 + h) * 60 + m;
		ft = t - back;
		if (ft < 0)
			ft = 0;
		fday = (unsigned)(ft / 1440) + 1;
		fh = (unsigned)(ft / 60 % 24);
		fm = (unsigned)(ft % 60);
		e = next(NEV);
		s = next(8);
		printf("E%011lu,62%02u%02u%03u%03u%03u,2026-%02u-%02u %02u:%02u:%02u,"
		    "2026-%02u-%02u %02u:%02u:%02u,%s,", i, city, county, town,
		    village, grid, mon, day, h, m, sec, mon, fday, fh, fm, sec,
		    src[s]);
		if (s < 5)
			printf("W%02u%02u%03u%03u", city, county, town, village);
		printf(",%s,%s\n", next(100) < empty ? "" : ev[e].cat,
		    ev[e].text);
	}
	return fflush(stdout) != 0 || ferror(stdout);
}
