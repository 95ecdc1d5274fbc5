/*
 * date.c unit test: day numbers, parsing, ISO weeks, months and the
 * working-day calendar of share/calendar (2025, 2026).
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
	long d, n;

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

	/* a year with no file */
	ok(cal_isworking(cal, D("2027-01-04"), &why) == -1 &&
	    strcmp(why, "no calendar for 2027") == 0,
	    "2027 is an error: no calendar for 2027");
	ok(cal_addworking(cal, D("2026-12-30"), 5, &d, &why) == -1 &&
	    strcmp(why, "no calendar for 2027") == 0,
	    "adding across into 2027 is an error");
	n = cal_count(cal, D("2026-12-01"), D("2027-01-31"), &why);
	is(n, -1, "counting into 2027 is an error");
	ok(cal_isworking(cal, D("2024-01-02"), &why) == -1 &&
	    strcmp(why, "no calendar for 2024") == 0, "2024 likewise");
	cal_close(cal);
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
	test_badcal();
	return done();
}
