/*
 * date.c unit test: day numbers, parsing, ISO weeks, months and the
 * working-day calendar of share/calendar: the notices 2004-2026, the
 * festival table and the provisional rule.
 */
#include <stdlib.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static long
D(const char *s)
{
	long d;

	if (date_parse(s, strlen(s), &d) < 0) {
		printf("# D(%s) does not parse\n", s);
		return -999999;
	}
	return d;
}

static const char *
F(long day)
{
	static char buf[4][11];
	static int i;

	i = (i + 1) % 4;
	date_fmt(day, buf[i]);
	return buf[i];
}

static int
parses(const char *s)
{
	long d;

	return date_parse(s, strlen(s), &d) == 0;
}

static int64_t
DT(const char *s)
{
	int64_t t;

	if (datetime_parse(s, strlen(s), &t) < 0)
		return -1;
	return t;
}

static void
test_days(void)
{
	long d;
	int y, m, dd, ok1 = 1;

	is(day_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	is(day_from_ymd(1969, 12, 31), -1, "day before the epoch is -1");
	is(day_from_ymd(2000, 3, 1), 11017, "2000-03-01 after a 400-year leap day");
	is(day_from_ymd(2026, 10, 8), 20734, "2026-10-08");
	is(day_wday(0), 4, "1970-01-01 was a Thursday");
	is(day_wday(day_from_ymd(2026, 10, 8)), 4, "2026-10-08 is a Thursday");
	is(day_wday(day_from_ymd(1900, 1, 1)), 1, "1900-01-01 was a Monday");
	/* round trip over 1800..2200 */
	for (d = day_from_ymd(1800, 1, 1); d < day_from_ymd(2200, 1, 1); d++) {
		day_to_ymd(d, &y, &m, &dd);
		if (day_from_ymd(y, m, dd) != d || !ymd_valid(y, m, dd)) {
			ok1 = 0;
			break;
		}
	}
	ok(ok1, "day_to_ymd inverts day_from_ymd over 1800..2199");
	ok(ymd_valid(2024, 2, 29), "2024-02-29 is real");
	ok(!ymd_valid(2026, 2, 29), "2026-02-29 is not");
	ok(!ymd_valid(1900, 2, 29), "1900-02-29 is not (century)");
	ok(ymd_valid(2000, 2, 29), "2000-02-29 is (400 years)");
	is(month_days(2026, 2), 28, "February 2026 has 28 days");
	is(month_days(2024, 2), 29, "February 2024 has 29 days");
	is(month_days(2026, 12), 31, "December has 31 days");
}

static void
test_parse(void)
{
	int64_t t;
	char buf[20];

	isstr(F(D("2026-10-08")), "2026-10-08", "ISO date");
	isstr(F(D("2026/10/8")), "2026-10-08", "Excel date 2026/10/8");
	isstr(F(D("2026/1/5")), "2026-01-05", "Excel date 2026/1/5");
	isstr(F(D(" 2026-10-08\t")), "2026-10-08", "blanks around a date");
	isstr(F(D("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96-10-08")),
	    "2026-10-08", "full-width digits folded");
	isstr(F(D("2026\xEF\xBC\x8F" "10\xEF\xBC\x8F" "8")), "2026-10-08",
	    "full-width solidus folded");
	isstr(F(D("2026年10月8日")), "2026-10-08", "2026年10月8日");
	ok(!parses("2026年10月8"), "2026年10月8 without 日 rejected");
	ok(!parses("2026年2月29日"), "2026年2月29日 rejected");
	ok(!parses("2026-02-29"), "2026-02-29 rejected");
	ok(parses("2024-02-29"), "2024-02-29 accepted");
	ok(!parses("2026-13-01"), "month 13 rejected");
	ok(!parses("2026-00-10"), "month 0 rejected");
	ok(!parses("2026-04-31"), "April 31 rejected");
	ok(!parses("2026-10-8x"), "trailing junk rejected");
	ok(!parses("2026-10/08"), "mixed separators rejected");
	ok(!parses("26-10-08"), "two-digit year rejected");
	ok(!parses("2026-100-08"), "three-digit month rejected");
	ok(!parses(""), "empty rejected");
	{
		long d;
		ok(date_parse("2026-10-08\0x", 12, &d) < 0, "a NUL byte rejected");
	}
	ok(!parses("2026-10-08 09:30"), "a date-time is not a date");
	{
		long d = 7;
		ok(date_parse("2026-10-08junk", 10, &d) == 0 && d == 20734,
		    "length n is honoured");
	}

	t = DT("2026-10-08 09:30");
	is(t, 20734LL * 86400 + 9 * 3600 + 30 * 60, "date-time with a blank");
	is(DT("2026-10-08T09:30:00"), t, "date-time with T and seconds");
	is(DT("2026/10/8 9:30"), t, "Excel date-time 2026/10/8 9:30");
	is(DT("2026-10-08"), 20734LL * 86400, "a bare date is midnight");
	is(DT("2026-10-08 23:59:59"), 20734LL * 86400 + 86399, "23:59:59");
	is(DT("2026年10月8日 9:30"), t, "2026年10月8日 9:30");
	is(DT("2026-10-08 24:00"), -1, "24:00 rejected");
	is(DT("2026-10-08 12:60"), -1, "minute 60 rejected");
	is(DT("2026-10-08 12:30:60"), -1, "second 60 rejected");
	is(DT("2026-10-08 9:3"), -1, "one-digit minute rejected");
	is(DT("2026-10-08 09:30 "), t, "trailing blank dropped");
	is(DT("2026-10-08  09:30"), -1, "two blanks rejected");
	is(DT("2026-02-29 09:30"), -1, "impossible date in a date-time");
	is(DT("2026-10-08 \xEF\xBC\x90\xEF\xBC\x99\xEF\xBC\x9A\xEF\xBC\x93\xEF\xBC\x90"),
	    t, "full-width time folded");
	datetime_fmt(t, buf);
	isstr(buf, "2026-10-08 09:30:00", "datetime_fmt");
	datetime_fmt(-1, buf);
	isstr(buf, "1969-12-31 23:59:59", "datetime_fmt before the epoch");
}

static void
test_weeks(void)
{
	long a, b;
	int y, w;

	iso_week(D("2026-01-01"), &y, &w);
	ok(y == 2026 && w == 1, "2026-01-01 (Thursday) is in 2026-W01");
	iso_week(D("2026-12-31"), &y, &w);
	ok(y == 2026 && w == 53, "2026-12-31 is in 2026-W53");
	iso_week(D("2027-01-03"), &y, &w);
	ok(y == 2026 && w == 53, "2027-01-03 is in 2026-W53");
	iso_week(D("2027-01-04"), &y, &w);
	ok(y == 2027 && w == 1, "2027-01-04 is in 2027-W01");
	iso_week(D("2021-01-03"), &y, &w);
	ok(y == 2020 && w == 53, "2021-01-03 is in 2020-W53");
	iso_week(D("2024-12-30"), &y, &w);
	ok(y == 2025 && w == 1, "2024-12-30 is in 2025-W01");
	is(iso_weeks_in_year(2026), 53, "2026 has 53 ISO weeks");
	is(iso_weeks_in_year(2025), 52, "2025 has 52 ISO weeks");
	is(iso_weeks_in_year(2020), 53, "2020 has 53 ISO weeks");

	ok(week_parse("2026-W53", &a, &b) == 0 &&
	    strcmp(F(a), "2026-12-28") == 0 && strcmp(F(b), "2027-01-03") == 0,
	    "2026-W53 is 2026-12-28..2027-01-03");
	ok(week_parse("2026-W01", &a, &b) == 0 &&
	    strcmp(F(a), "2025-12-29") == 0, "2026-W01 starts 2025-12-29");
	ok(week_parse("2026W41", &a, &b) == 0 && strcmp(F(a), "2026-10-05") == 0,
	    "2026W41 without the hyphen");
	ok(week_parse("2025-W53", &a, &b) < 0, "2025-W53 does not exist");
	ok(week_parse("2026-W00", &a, &b) < 0, "week 0 rejected");
	ok(week_parse("2026-W54", &a, &b) < 0, "week 54 rejected");
	ok(week_parse("2026-41", &a, &b) < 0, "no W rejected");
	is(iso_week_monday(2026, 54), -1, "iso_week_monday out of range");

	ok(month_parse("2026-10", &a, &b) == 0 &&
	    strcmp(F(a), "2026-10-01") == 0 && strcmp(F(b), "2026-10-31") == 0,
	    "2026-10 is 1..31 October");
	ok(month_parse("2024-02", &a, &b) == 0 &&
	    strcmp(F(b), "2024-02-29") == 0, "2024-02 ends on the 29th");
	ok(month_parse("2026/2", &a, &b) == 0 &&
	    strcmp(F(b), "2026-02-28") == 0, "2026/2 as Excel writes it");
	ok(month_parse("2026-13", &a, &b) < 0, "month 13 rejected");
	ok(month_parse("2026-10-01", &a, &b) < 0, "a date is not a month");
	ok(month_parse("", &a, &b) < 0, "empty month rejected");
}

/* Calendar. */

static calendar *cal;

static int
W(const char *s)
{
	const char *why = NULL;
	int r = cal_isworking(cal, D(s), &why);

	if (r < 0)
		printf("# %s: %s\n", s, why);
	return r;
}

static const char *
ADD(const char *s, int n)
{
	const char *why;
	long out;

	if (cal_addworking(cal, D(s), n, &out, &why) < 0) {
		printf("# %s + %d: %s\n", s, n, why);
		return "error";
	}
	return F(out);
}

static long
COUNT(const char *a, const char *b)
{
	const char *why;

	return cal_count(cal, D(a), D(b), &why);
}

/* Every day of [a, b] is off (want 0) or worked (want 1). */
static int
all(const char *a, const char *b, int want)
{
	long d;
	const char *why;

	for (d = D(a); d <= D(b); d++)
		if (cal_isworking(cal, d, &why) != want)
			return 0;
	return 1;
}

static void
test_calendar(void)
{
	static const char *worked[] = {"2026-01-04", "2026-02-14",
	    "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
	    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28",
	    "2025-10-11"};
	size_t i;
	const char *why;

	ok((cal = cal_open(NULL)) != NULL, "cal_open of share/calendar");

	isstr(ADD("2026-09-18", 3), "2026-09-22",
	    "2026-09-18 + 3 working days = 2026-09-22 (20 Sep worked)");
	isstr(ADD("2026-09-30", 5), "2026-10-13",
	    "2026-09-30 + 5 working days = 2026-10-13");
	is(COUNT("2026-10-01", "2026-10-31"), 18, "October 2026 has 18 working days");
	is(COUNT("2026-02-01", "2026-02-28"), 16,
	    "February 2026 has 16 working days (14th and 28th worked)");
	is(COUNT("2026-01-01", "2026-12-31"), 248, "2026 has 248 working days");
	is(COUNT("2025-01-01", "2025-12-31"), 248, "2025 has 248 working days");
	is(COUNT("2026-10-05", "2026-10-04"), 0, "an empty range counts 0");

	for (i = 0; i < sizeof worked / sizeof worked[0]; i++) {
		ok(W(worked[i]) == 1 && day_wday(D(worked[i])) >= 6,
		    "%s is a weekend day and worked", worked[i]);
	}
	ok(all("2026-01-01", "2026-01-03", 0), "2026 元旦 1-3 Jan off");
	ok(all("2026-02-15", "2026-02-23", 0), "2026 春节 15-23 Feb off");
	ok(all("2026-04-04", "2026-04-06", 0), "2026 清明 4-6 Apr off");
	ok(all("2026-05-01", "2026-05-05", 0), "2026 劳动节 1-5 May off");
	ok(all("2026-06-19", "2026-06-21", 0), "2026 端午 19-21 Jun off");
	ok(all("2026-09-25", "2026-09-27", 0), "2026 中秋 25-27 Sep off");
	ok(all("2026-10-01", "2026-10-07", 0), "2026 国庆 1-7 Oct off");
	ok(all("2025-01-28", "2025-02-04", 0), "2025 春节 28 Jan-4 Feb off");
	ok(all("2025-05-31", "2025-06-02", 0), "2025 端午 31 May-2 Jun off");
	ok(all("2025-10-01", "2025-10-08", 0), "2025 国庆 1-8 Oct off");
	ok(all("2026-02-24", "2026-02-27", 1), "work resumes 24 Feb 2026");
	is(W("2026-10-07"), 0, "2026-10-07 (Wednesday) is off");
	is(W("2026-10-08"), 1, "2026-10-08 (Thursday) is worked");
	is(W("2026-10-09"), 1, "2026-10-09 (Friday) is worked");
	is(W("2026-10-11"), 0, "2026-10-11 (Sunday) is off");
	is(W("2026-03-02"), 1, "an ordinary Monday is worked");
	is(W("2026-03-07"), 0, "an ordinary Saturday is off");

	/* the turn of the year */
	isstr(ADD("2025-12-31", 1), "2026-01-04",
	    "2025-12-31 + 1 = 2026-01-04 (1-3 Jan off, 4 Jan worked)");
	isstr(ADD("2025-12-30", 2), "2026-01-04", "2025-12-30 + 2 = 2026-01-04");
	isstr(ADD("2026-01-04", -1), "2025-12-31", "2026-01-04 - 1 = 2025-12-31");
	isstr(ADD("2025-12-26", 5), "2026-01-05", "2025-12-26 + 5 = 2026-01-05");
	is(COUNT("2025-12-29", "2026-01-04"), 4, "week 2026-W01 has 4 working days");
	isstr(ADD("2026-10-08", 0), "2026-10-08", "adding 0 keeps the day");
	isstr(ADD("2026-09-30", -3), "2026-09-24",
	    "2026-09-30 - 3 = 2026-09-24 (25-27 off)");

	/* a year with no notice: provisional, not an error */
	ok(cal_isworking(cal, D("2027-01-04"), &why) == 1,
	    "2027-01-04 (Monday) is worked in provisional 2027");
	isstr(ADD("2026-12-30", 5), "2027-01-07",
	    "adding across into 2027: 2026-12-30 + 5 = 2027-01-07 (1 Jan off)");
	is(COUNT("2026-12-01", "2027-01-31"), 23 + 20,
	    "counting into 2027: December 2026 23, January 2027 20");
	ok(cal_isworking(cal, D("2101-01-03"), &why) == -1 &&
	    strcmp(why, "no calendar for 2101") == 0,
	    "2101, after the festival table: no calendar for 2101");
	ok(cal_isworking(cal, D("2003-06-02"), &why) == -1 &&
	    strcmp(why, "no calendar for 2003") == 0,
	    "2003, before the first notice: no calendar for 2003");
	ok(cal_isworking(cal, D("1899-06-01"), &why) == -1 &&
	    strcmp(why, "no calendar for 1899") == 0,
	    "1899, outside the cache: no calendar for 1899");
	cal_close(cal);
}

/* One line of festivals.tsv: the year and its four dates. */
struct fest {
	int year;
	long chuxi, qingming, duanwu, zhongqiu;
};

/* Reads share/calendar/festivals.tsv; returns the rows read. */
static size_t
read_fest(struct fest *f, size_t max)
{
	char line[256], a[16], b[16], c[16], d[16];
	FILE *fp;
	size_t n = 0;
	int y;

	snprintf(line, sizeof line, "%s/calendar/festivals.tsv",
	    gw_sharedir());
	if (!(fp = fopen(line, "r")))
		return 0;
	while (n < max && fgets(line, sizeof line, fp)) {
		if (sscanf(line, "%d\t%15s\t%15s\t%15s\t%15s", &y, a, b, c,
		    d) != 5)
			continue;
		f[n].year = y;
		f[n].chuxi = D(a);
		f[n].qingming = D(b);
		f[n].duanwu = D(c);
		f[n].zhongqiu = D(d);
		n++;
	}
	fclose(fp);
	return n;
}

/* Every shipped notice, the festival table against them, 2027. */
static void
test_years(void)
{
	static struct fest f[200];
	const char *why = "";
	size_t nf, i;
	int y, r, bad, nbad = 0;

	cal = cal_open(NULL);
	for (y = 2004; y <= 2026; y++) {
		r = cal_provisional(cal, y, &why);
		if (r != 0)
			printf("# %d: %d %s\n", y, r, r < 0 ? why : "provisional");
		nbad += r != 0;
	}
	is(nbad, 0, "every notice 2004-2026 loads, none provisional");
	/* the yearly counts are chinese-days' isWorkday() over the year */
	is(COUNT("2008-01-01", "2008-12-31"), 251, "2008 has 251 working days");
	is(COUNT("2020-01-01", "2020-12-31"), 249,
	    "2020 has 249 working days (春节 extended to 2 Feb)");
	is(W("2005-12-31"), 1, "2005-12-31 (Saturday) worked, the 2006 notice");
	is(W("2022-12-31"), 0, "2022-12-31 off, 元旦 of the 2023 notice");
	ok(all("2015-09-03", "2015-09-05", 0) && W("2015-09-06") == 1,
	    "2015: 3-5 Sep off, Sunday 6 Sep worked (the 70th anniversary)");

	nf = read_fest(f, sizeof f / sizeof f[0]);
	is(nf, 2100 - 2004 + 1, "festivals.tsv has 2004 through 2100");
	for (i = 0, bad = 0; i < nf; i++) {
		y = f[i].year;
		if (y > 2026)
			continue;
		/* 春节 (除夕 + 1) always; 清明, 端午, 中秋 statutory from 2008 */
		if (W(F(f[i].chuxi + 1)) != 0 || (y >= 2008 &&
		    (W(F(f[i].qingming)) != 0 || W(F(f[i].duanwu)) != 0 ||
		    W(F(f[i].zhongqiu)) != 0))) {
			printf("# %d: a festival on a working day\n", y);
			bad++;
		}
	}
	is(bad, 0, "each 春节 2004-2026, and 清明, 端午, 中秋 from 2008, "
	    "is in an off block of its notice");
	for (i = 0; i < nf && f[i].year != 2027; i++)
		;
	ok(i < nf && strcmp(F(f[i].chuxi), "2027-02-05") == 0 &&
	    strcmp(F(f[i].qingming), "2027-04-05") == 0 &&
	    strcmp(F(f[i].duanwu), "2027-06-09") == 0 &&
	    strcmp(F(f[i].zhongqiu), "2027-09-15") == 0,
	    "2027: 除夕 5 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep");

	/* provisional 2027, worked out by hand from the rule */
	is(cal_provisional(cal, 2027, &why), 1, "2027 is provisional");
	is(W("2027-01-01"), 0, "2027 元旦 Friday 1 Jan off");
	ok(all("2027-02-05", "2027-02-10", 0) && W("2027-02-11") == 1,
	    "2027 春节: 除夕 Fri 5 Feb to 初三 Mon 8 Feb, Sat and Sun in lieu "
	    "Tue 9 and Wed 10 Feb; Thu 11 Feb worked");
	is(W("2027-04-05"), 0, "2027 清明 Monday 5 Apr off");
	ok(all("2027-05-01", "2027-05-04", 0) && W("2027-05-05") == 1,
	    "2027 劳动节 Sat 1 and Sun 2 May, in lieu Mon 3 and Tue 4 May");
	is(W("2027-06-09"), 0, "2027 端午 Wednesday 9 Jun off");
	is(W("2027-09-15"), 0, "2027 中秋 Wednesday 15 Sep off");
	ok(all("2027-10-01", "2027-10-05", 0) && W("2027-10-06") == 1,
	    "2027 国庆 Fri 1 to Sun 3 Oct, in lieu Mon 4 and Tue 5 Oct");
	ok(W("2027-01-09") == 0 && W("2027-02-20") == 0,
	    "no weekend day is worked in a provisional year");
	is(COUNT("2027-01-01", "2027-12-31"), 261 - 13,
	    "2027 has 248 working days (261 weekdays, 13 off)");
	is(cal_provisional(cal, 2100, &why), 1, "2100 is provisional");
	is(cal_provisional(cal, 2101, &why), -1, "2101 has no calendar");
	cal_close(cal);
}

/* Writes text to dir/name. */
static void
put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(fp = fopen(path, "w")))
		return;
	fputs(text, fp);
	fclose(fp);
}

/* Copies share/calendar/name to dir/name. */
static void
copy(const char *dir, const char *name)
{
	char path[512], buf[4096];
	FILE *in, *out;
	size_t n;

	snprintf(path, sizeof path, "%s/calendar/%s", gw_sharedir(), name);
	in = fopen(path, "r");
	snprintf(path, sizeof path, "%s/%s", dir, name);
	out = fopen(path, "w");
	while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

static void
rmall(const char *dir)
{
	static const char *const names[] = {"2004.txt", "2029.txt",
	    "2030.txt", "festivals.tsv", "statutory.tsv"};
	char path[512];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/*
 * The provisional rule against the real notices: a directory with the
 * festival and statutory tables and only an (empty) 2004.txt makes 2025
 * and 2026 provisional; every weekday the rule takes off must be off in
 * the notice too (the notice is a superset of the statutory days).
 */
static void
test_superset(void)
{
	char dir[] = "/tmp/gwcal.XXXXXX";
	calendar *p;
	const char *why = "", *w2 = "";
	long d, off = 0, bad = 0;
	int rp, rn;

	cal = cal_open(NULL);
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	copy(dir, "festivals.tsv");
	copy(dir, "statutory.tsv");
	put(dir, "2004.txt", "");
	p = cal_open(dir);
	ok(cal_provisional(p, 2025, &why) == 1 &&
	    cal_provisional(p, 2026, &why) == 1,
	    "without their notices 2025 and 2026 are provisional");
	for (d = D("2025-01-01"); d <= D("2026-12-31"); d++) {
		rp = cal_isworking(p, d, &why);
		rn = cal_isworking(cal, d, &w2);
		if (rp < 0 || rn < 0) {
			printf("# %s: %s %s\n", F(d), why, w2);
			bad++;
			continue;
		}
		if (day_wday(d) > 5 || rp)
			continue;
		off++;
		if (rn) {
			printf("# %s is off by the rule, worked in the notice\n",
			    F(d));
			bad++;
		}
	}
	/*
	 * 2025: 元旦 1, 春节 28-31 Jan 4, 清明 1, 劳动节 2, 端午 Sat 31 May
	 * in lieu Mon 2 Jun 1, 中秋 1, 国庆 3; 2026: 元旦 1, 春节 16-19 Feb
	 * 4, 清明 Sun 5 Apr in lieu 6 Apr 1, 劳动节 1 May and in lieu 4 May
	 * 2, 端午 1, 中秋 1, 国庆 1-2 Oct and in lieu 5 Oct 3.
	 */
	is(off, 13 + 13, "the rule takes 13 weekdays off in 2025, 13 in 2026");
	is(bad, 0, "each of them is off in the notice too");
	ok(cal_isworking(p, D("2003-12-31"), &why) == -1 &&
	    strcmp(why, "no calendar for 2003") == 0,
	    "before the directory's first notice: no calendar");
	cal_close(p);
	cal_close(cal);
	rmall(dir);
}

/* The contract of cal_provhits, cal_provnext and cal_provisional. */
static void
test_provapi(void)
{
	const char *why = "";
	unsigned long h;
	long d;

	cal = cal_open(NULL);
	is(cal_provhits(cal), 0, "a new calendar: no provisional hit");
	is(cal_provnext(cal), 0, "and no provisional year to tell");
	COUNT("2026-01-01", "2026-12-31");
	is(cal_provhits(cal), 0, "a notice year's days are no hit");
	is(cal_provisional(cal, 2029, &why), 1, "2029 is provisional");
	is(cal_provnext(cal), 0, "asking cal_provisional marks no year used");
	is(cal_provhits(cal), 0, "nor counts a hit");
	h = cal_provhits(cal);
	cal_addworking(cal, D("2026-12-24"), 5, &d, &why);
	ok(cal_provhits(cal) == h && strcmp(F(d), "2026-12-31") == 0,
	    "2026-12-24 + 5 = 2026-12-31 stays in 2026: no hit");
	cal_addworking(cal, D("2026-12-25"), 5, &d, &why);
	ok(cal_provhits(cal) > h && strcmp(F(d), "2027-01-04") == 0,
	    "2026-12-25 + 5 = 2027-01-04 (1 Jan off) hits 2027");
	h = cal_provhits(cal);
	W("2027-03-01");
	W("2027-03-02");
	is(cal_provhits(cal) - h, 2, "one hit a day looked up");
	is(cal_provnext(cal), 2027, "cal_provnext hands out 2027");
	is(cal_provnext(cal), 0, "once");
	W("2028-05-01");
	W("2027-05-01");
	is(cal_provnext(cal), 2028, "then 2028, newly used");
	is(cal_provnext(cal), 0, "and 2027 never again");
	is(cal_provisional(cal, 2026, &why), 0, "2026 has its notice");
	ok(cal_provisional(cal, 2101, &why) == -1 &&
	    strcmp(why, "no calendar for 2101") == 0,
	    "cal_provisional of 2101: no calendar");
	cal_close(cal);
}

/* A provisional year from a table made for the test. */
static calendar *
prov_dir(char *dir, const char *fest, const char *stat)
{
	rmall(dir);
	memcpy(dir, "/tmp/gwcal.XXXXXX", sizeof "/tmp/gwcal.XXXXXX");
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		exit(1);
	}
	put(dir, "2029.txt", "");
	put(dir, "festivals.tsv", fest);
	if (stat)
		put(dir, "statutory.tsv", stat);
	return cal_open(dir);
}

/* r is -1 and *why holds want; else says what came */
static int
failed(int r, const char **why, const char *want)
{
	if (r == -1 && *why && strstr(*why, want))
		return 1;
	printf("#   got %d '%s', want '%s'\n", r, *why ? *why : "", want);
	return 0;
}

static void
test_provrule(void)
{
	char dir[] = "/tmp/gwcal.XXXXXX", d2[] = "/tmp/gwcal.XXXXXX";
	static const char hdr[] = "# test\nyear\tchuxi\tmid\n";
	static const char st[] = "festival\tanchor\tdays\n"
	    "国庆节\t10-01\t3\n中秋节\tmid\t1\n";
	calendar *c;
	const char *why = "";
	char buf[512];

	/* 2030-10-01 is a Tuesday; 中秋 on 2 Oct, a 国庆 day */
	snprintf(buf, sizeof buf, "%s2030\t2030-02-02\t2030-10-02\n", hdr);
	c = prov_dir(dir, buf, st);
	cal = c;
	ok(all("2030-10-01", "2030-10-04", 0) && W("2030-10-07") == 1,
	    "中秋 on a 国庆 day gives a day in lieu: 1-4 Oct off");
	cal_close(c);

	/* 2033-10-01 is a Saturday */
	snprintf(buf, sizeof buf, "%s2033\t2033-01-30\t2033-10-01\n", hdr);
	c = prov_dir(dir, buf, st);
	cal = c;
	ok(all("2033-10-01", "2033-10-06", 0) && W("2033-10-07") == 1,
	    "Sat 1 Oct twice (国庆, 中秋) and Sun 2 Oct: in lieu Tue 4, "
	    "Wed 5, Thu 6 Oct; Mon 3 Oct is a statutory day");
	cal_close(c);

	/* a day in lieu past 31 December is not given */
	snprintf(buf, sizeof buf, "%s2033\t2033-01-30\t2033-12-31\n", hdr);
	c = prov_dir(dir, buf, "festival\tanchor\tdays\nx\tmid\t1\n");
	cal = c;
	ok(W("2033-12-30") == 1 && COUNT("2033-01-01", "2033-12-31") == 260,
	    "Saturday 31 Dec: no day in lieu in the next year");
	ok(cal_provisional(c, 2034, &why) == -1 &&
	    strcmp(why, "no calendar for 2034") == 0,
	    "2034, after this table: no calendar");
	cal_close(c);

	/* malformed tables: FILE:LINE, for the provisional year only */
	snprintf(buf, sizeof buf, "%s2030\t2030-02-30\t2030-10-02\n", hdr);
	c = prov_dir(dir, buf, st);
	ok(failed(cal_isworking(c, D("2030-03-01"), &why), &why, "festivals.tsv:3: expected a date"),
	    "a bad date in festivals.tsv");
	ok(cal_isworking(c, D("2029-03-01"), &why) == 1,
	    "a notice year is unaffected");
	cal_close(c);
	c = prov_dir(dir, "year\tchuxi\n2030\t2030-02-02\n2032\t2032-02-10\n",
	    st);
	ok(failed(cal_provisional(c, 2030, &why), &why, "festivals.tsv:3: years must follow each other"),
	    "a gap in festivals.tsv");
	cal_close(c);
	c = prov_dir(dir, "chuxi\n", st);
	ok(failed(cal_provisional(c, 2030, &why), &why, "festivals.tsv:1: expected the header"),
	    "festivals.tsv without its header");
	cal_close(c);
	snprintf(buf, sizeof buf, "%s2030\t2030-02-02\t2031-01-02\n", hdr);
	c = prov_dir(dir, buf, st);
	ok(failed(cal_provisional(c, 2030, &why), &why, "festivals.tsv:3: date outside the line's year"),
	    "a date of another year");
	cal_close(c);
	snprintf(buf, sizeof buf, "%s2030\t2030-02-02\t2030-10-02\n", hdr);
	c = prov_dir(dir, buf, "festival\tanchor\tdays\n春节\tlunar\t4\n");
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv:2: anchor is neither"),
	    "an unknown anchor");
	cal_close(c);
	c = prov_dir(dir, buf, "festival\tanchor\tdays\n春节\tchuxi\t0\n");
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv:2: days must be"),
	    "zero days");
	cal_close(c);
	c = prov_dir(dir, buf, "festival\tanchor\n");
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv:1: expected three fields"),
	    "a short header");
	cal_close(c);
	c = prov_dir(dir, buf, "festival\tanchor\tdays\nx\t12-30\t3\n");
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv:2: x runs past the end of 2030"),
	    "a festival past 31 December");
	cal_close(c);
	c = prov_dir(dir, buf, "festival\tanchor\tdays\nx\t02-29\t1\n");
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv:2: x: no day 02-29 in 2030"),
	    "29 February of a common year");
	cal_close(c);
	c = prov_dir(dir, buf, NULL);
	ok(failed(cal_provisional(c, 2030, &why), &why, "statutory.tsv is missing"),
	    "festivals.tsv without statutory.tsv");
	cal_close(c);
	rmall(dir);

	/* no festivals.tsv: no provisional year, as before */
	if (mkdtemp(d2)) {
		put(d2, "2029.txt", "");
		c = cal_open(d2);
		ok(cal_provisional(c, 2030, &why) == -1 &&
		    strcmp(why, "no calendar for 2030") == 0,
		    "without festivals.tsv: no calendar for 2030");
		cal_close(c);
		rmall(d2);
	}
}

/* Malformed calendar files: each names FILE:LINE. */
static void
bad_cal(const char *dir, const char *text, const char *want)
{
	char path[512];
	FILE *fp;
	calendar *c;
	const char *why = "";
	int r;

	snprintf(path, sizeof path, "%s/2030.txt", dir);
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	c = cal_open(dir);
	r = cal_isworking(c, day_from_ymd(2030, 3, 1), &why);
	ok(r == -1 && strstr(why, want) != NULL && strstr(why, "2030.txt:"),
	    "bad calendar: %s", want);
	if (r != -1 || !strstr(why, want))
		printf("#   got %d '%s'\n", r, why);
	cal_close(c);
}

static void
test_badcal(void)
{
	char dir[] = "/tmp/gwcal.XXXXXX", path[512];
	calendar *c;
	const char *why;
	FILE *fp;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	bad_cal(dir, "# ok\n2030-13-01 off x\n", "2030.txt:2: expected a date");
	bad_cal(dir, "2030-01-01 of 元旦\n", "2030.txt:1: expected 'off' or 'work'");
	bad_cal(dir, "\n\n2030-01-01\n", "2030.txt:3: expected a blank");
	bad_cal(dir, "2031-01-01 off\n", "2030.txt:1: date outside the file's year");
	bad_cal(dir, "2030-01-02 work\n", "2030.txt:1: 'work' names a weekday");
	bad_cal(dir, "2030-01-01 off\n2030-01-01 off\n", "2030.txt:2: day listed twice");
	bad_cal(dir, "2030-02-05..2030-02-01 off\n", "2030.txt:1: range ends before");
	bad_cal(dir, "2030-02-29 off\n", "2030.txt:1: expected a date");
	bad_cal(dir, "2030-02-01..2030-02-0 off\n", "2030.txt:1: expected a date YYYY-MM-DD after");

	/* an empty file is a plain Monday-to-Friday year, BOM and CRLF ok */
	snprintf(path, sizeof path, "%s/2030.txt", dir);
	fp = fopen(path, "w");
	fputs("\xEF\xBB\xBF# plain\r\n2030-01-01\toff\t元旦\r\n", fp);
	fclose(fp);
	c = cal_open(dir);
	is(cal_isworking(c, day_from_ymd(2030, 1, 1), &why), 0,
	    "BOM and CRLF accepted; 2030-01-01 off");
	is(cal_count(c, day_from_ymd(2030, 1, 1), day_from_ymd(2030, 12, 31),
	    &why), 260, "the rest of 2030 follows Monday to Friday");
	cal_close(c);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	/* the wrapper sets it; "share" serves a run from the top directory */
	setenv("GRIDWORK_SHARE", "share", 0);
	test_days();
	test_parse();
	test_weeks();
	test_calendar();
	test_years();
	test_superset();
	test_provapi();
	test_provrule();
	test_badcal();
	return done();
}
