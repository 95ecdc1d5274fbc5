/*
 * date.c — civil dates as day numbers, date-times as seconds, ISO weeks
 * and the working-day calendar.
 *
 * A day is the proleptic Gregorian day number counted from 1970-01-01
 * (day 0); a date-time is day * 86400 + seconds of the day, civil time
 * with no time zone, since every input names local Beijing time and
 * nothing is ever compared across zones.  Parsers accept exactly the
 * spellings that spreadsheets write (2026-10-08, 2026/10/8, 2026年10月8日,
 * optional time after a space or 'T'), fold full-width digits first, and reject
 * anything that is not a real date or time: 2026-02-29, 2026-13-01 and
 * 24:00 are errors, never rolled over.
 *
 * The calendar (format in gridwork-policy(5)) lists, one file a year,
 * only the exceptions to the Monday-to-Friday rule.  A year is loaded on
 * first use into a bitmap and kept, so a lookup after that is O(1).  A
 * day of a year with no file is an error naming the year: guessing from
 * weekends would silently miss the Spring Festival.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil). */
long
day_from_ymd(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;				/* [0, 399] */
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */

	return era * 146097 + doe - 719468;
}

void
day_to_ymd(long day, int *y, int *m, int *d)
{
	long z = day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int
day_wday(long day)
{
	/* 1970-01-01 was a Thursday (4) */
	long w = (day + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

static int
isleap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
ymd_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && isleap(y));
}

int
month_days(int y, int m)
{
	return (int)(day_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    day_from_ymd(y, m, 1));
}

/*
 * Copies s[0..n) into buf (size bufsz), full-width forms folded and
 * surrounding blanks dropped, so the parsers below see plain ASCII.
 * Returns the length, or -1 when it does not fit (no date is that long).
 */
static int
prep(const char *s, size_t n, char *buf, size_t bufsz)
{
	size_t i = 0;

	if (n >= bufsz || memchr(s, '\0', n))
		return -1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	while (buf[i] == ' ' || buf[i] == '\t')
		i++;
	if (i > 0) {
		memmove(buf, buf + i, n - i + 1);
		n -= i;
	}
	return (int)n;
}

/* Reads between min and max digits at *pp; -1 when there are not. */
static int
digits(const char **pp, int min, int max)
{
	const char *p = *pp;
	int v = 0, k = 0;

	while (k < max && *p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		k++;
	}
	if (k < min || (*p >= '0' && *p <= '9'))
		return -1;
	*pp = p;
	return v;
}

#define NIAN	"\xE5\xB9\xB4"	/* 年 */
#define YUE	"\xE6\x9C\x88"	/* 月 */
#define RI	"\xE6\x97\xA5"	/* 日 */

/*
 * Date at *pp: YYYY-MM-DD, YYYY/M/D (one or two digits for month and
 * day, the same separator twice) or YYYY年M月D日.  Advances *pp past it.
 */
static int
date_at(const char **pp, long *day)
{
	const char *p = *pp;
	int y, m, d;
	char sep;

	if ((y = digits(&p, 4, 4)) < 0)
		return -1;
	if (strncmp(p, NIAN, 3) == 0) {
		/* 2026年10月8日, as a sheet formatted for Chinese shows it */
		p += 3;
		if ((m = digits(&p, 1, 2)) < 0 || strncmp(p, YUE, 3) != 0)
			return -1;
		p += 3;
		if ((d = digits(&p, 1, 2)) < 0 || strncmp(p, RI, 3) != 0)
			return -1;
		p += 3;
		goto check;
	}
	sep = *p;
	if (sep != '-' && sep != '/')
		return -1;
	p++;
	if ((m = digits(&p, 1, 2)) < 0 || *p++ != sep ||
	    (d = digits(&p, 1, 2)) < 0)
		return -1;
check:
	if (!ymd_valid(y, m, d))
		return -1;
	*day = day_from_ymd(y, m, d);
	*pp = p;
	return 0;
}

int
date_parse(const char *s, size_t n, long *day)
{
	char buf[64];
	const char *p = buf;
	long v;

	if (prep(s, n, buf, sizeof buf) < 0 || date_at(&p, &v) < 0 || *p)
		return -1;
	*day = v;
	return 0;
}

int
datetime_parse(const char *s, size_t n, int64_t *t)
{
	char buf[64];
	const char *p = buf;
	long day;
	int hh, mm, ss = 0;

	if (prep(s, n, buf, sizeof buf) < 0 || date_at(&p, &day) < 0)
		return -1;
	if (*p == '\0') {
		*t = (int64_t)day * 86400;
		return 0;
	}
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	if ((hh = digits(&p, 1, 2)) < 0 || *p++ != ':' ||
	    (mm = digits(&p, 2, 2)) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if ((ss = digits(&p, 2, 2)) < 0)
			return -1;
	}
	if (*p || hh > 23 || mm > 59 || ss > 59)
		return -1;
	*t = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

void
date_fmt(long day, char out[11])
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11);
		return;
	}
	out[0] = '0' + y / 1000;
	out[1] = '0' + y / 100 % 10;
	out[2] = '0' + y / 10 % 10;
	out[3] = '0' + y % 10;
	out[4] = '-';
	out[5] = '0' + m / 10;
	out[6] = '0' + m % 10;
	out[7] = '-';
	out[8] = '0' + d / 10;
	out[9] = '0' + d % 10;
	out[10] = '\0';
}

void
datetime_fmt(int64_t t, char out[20])
{
	int64_t day = t / 86400, sec = t % 86400;

	if (sec < 0) {
		sec += 86400;
		day--;
	}
	date_fmt((long)day, out);
	out[10] = ' ';
	out[11] = '0' + (char)(sec / 36000);
	out[12] = '0' + (char)(sec / 3600 % 10);
	out[13] = ':';
	out[14] = '0' + (char)(sec % 3600 / 600);
	out[15] = '0' + (char)(sec % 3600 / 60 % 10);
	out[16] = ':';
	out[17] = '0' + (char)(sec % 60 / 10);
	out[18] = '0' + (char)(sec % 10);
	out[19] = '\0';
}

/* Monday of ISO week 1 of year y: the Monday on or before 4 January. */
static long
week1_monday(int y)
{
	long jan4 = day_from_ymd(y, 1, 4);

	return jan4 - (day_wday(jan4) - 1);
}

int
iso_weeks_in_year(int y)
{
	return (int)((week1_monday(y + 1) - week1_monday(y)) / 7);
}

void
iso_week(long day, int *year, int *week)
{
	int y, m, d;
	long thu;

	/* the week belongs to the year of its Thursday */
	thu = day - day_wday(day) + 4;
	day_to_ymd(thu, &y, &m, &d);
	*year = y;
	*week = (int)((thu - day_from_ymd(y, 1, 1)) / 7) + 1;
}

long
iso_week_monday(int year, int week)
{
	if (year < 1 || year > 9999 || week < 1 ||
	    week > iso_weeks_in_year(year))
		return -1;
	return week1_monday(year) + 7L * (week - 1);
}

int
month_parse(const char *s, long *first, long *last)
{
	char buf[64];
	const char *p = buf;
	int y, m;

	if (prep(s, strlen(s), buf, sizeof buf) < 0)
		return -1;
	if ((y = digits(&p, 4, 4)) < 0 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if ((m = digits(&p, 1, 2)) < 0 || *p || !ymd_valid(y, m, 1))
		return -1;
	*first = day_from_ymd(y, m, 1);
	*last = *first + month_days(y, m) - 1;
	return 0;
}

int
week_parse(const char *s, long *first, long *last)
{
	char buf[64];
	const char *p = buf;
	int y, w;
	long mon;

	if (prep(s, strlen(s), buf, sizeof buf) < 0)
		return -1;
	if ((y = digits(&p, 4, 4)) < 0)
		return -1;
	if (*p == '-')
		p++;
	if (*p != 'W' && *p != 'w')
		return -1;
	p++;
	if ((w = digits(&p, 1, 2)) < 0 || *p)
		return -1;
	if ((mon = iso_week_monday(y, w)) == -1)
		return -1;
	*first = mon;
	*last = mon + 6;
	return 0;
}

/* The calendar. */

#define CAL_Y0	1900	/* years the cache can hold: CAL_Y0 .. CAL_Y0+CAL_NY-1 */
#define CAL_NY	300

/* One year: a bit per day of the year, set when the day is worked. */
struct calyear {
	int state;		/* 0 not tried, 1 loaded, -1 failed (why) */
	unsigned char bits[46];	/* 366 bits, day of year 0 = 1 January */
	char *why;		/* reason when state == -1 */
};

struct calendar {
	char *dir;			/* directory of YYYY.txt files */
	struct calyear *y[CAL_NY];	/* allocated on first use */
	struct calyear *last;		/* the loaded year looked up last, */
	long lo, hi;			/* whose days are [lo, hi) */
};

calendar *
cal_open(const char *dir)
{
	calendar *c = xcalloc(1, sizeof *c);

	c->dir = xstrdup(dir ? dir : gw_sharepath("calendar"));
	return c;
}

void
cal_close(calendar *c)
{
	int i;

	if (!c)
		return;
	for (i = 0; i < CAL_NY; i++) {
		if (c->y[i]) {
			free(c->y[i]->why);
			free(c->y[i]);
		}
	}
	free(c->dir);
	free(c);
}

static void
setbit(struct calyear *cy, long doy, int on)
{
	if (on)
		cy->bits[doy >> 3] |= (unsigned char)(1u << (doy & 7));
	else
		cy->bits[doy >> 3] &= (unsigned char)~(1u << (doy & 7));
}

/*
 * Parses one line of a calendar file into cy (already filled with the
 * Monday-to-Friday rule); set[] marks days some earlier line named, so
 * that a day listed twice is caught.  Returns NULL or a reason.
 */
static const char *
cal_line(char *s, int year, struct calyear *cy, unsigned char *set)
{
	const char *p = s;
	long from, to, d, jan1 = day_from_ymd(year, 1, 1);
	int work, wd;

	if (date_at(&p, &from) < 0)
		return "expected a date YYYY-MM-DD";
	to = from;
	if (p[0] == '.' && p[1] == '.') {
		p += 2;
		if (date_at(&p, &to) < 0)
			return "expected a date YYYY-MM-DD after '..'";
		if (to < from)
			return "range ends before it starts";
	}
	if (*p != ' ' && *p != '\t')
		return "expected a blank after the date";
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "off", 3) == 0 && (!p[3] || p[3] == ' ' ||
	    p[3] == '\t'))
		work = 0;
	else if (strncmp(p, "work", 4) == 0 && (!p[4] || p[4] == ' ' ||
	    p[4] == '\t'))
		work = 1;
	else
		return "expected 'off' or 'work' after the date";
	if (from < jan1 || to >= day_from_ymd(year + 1, 1, 1))
		return "date outside the file's year";
	for (d = from; d <= to; d++) {
		wd = day_wday(d);
		if (work && wd <= 5)
			return "'work' names a weekday, which is worked anyway";
		if (set[(d - jan1) >> 3] & (1u << ((d - jan1) & 7)))
			return "day listed twice";
		set[(d - jan1) >> 3] |= (unsigned char)(1u << ((d - jan1) & 7));
		setbit(cy, d - jan1, work);
	}
	return NULL;
}

/* Marks cy failed with the reason in b (taken over). */
static int
cal_fail(struct calyear *cy, struct sbuf *b)
{
	cy->why = b->s;
	cy->state = -1;
	return -1;
}

static int
cal_load(calendar *c, int year, struct calyear *cy)
{
	struct sbuf path = {0}, msg = {0};
	unsigned char set[46] = {0};
	char *line = NULL, *s;
	size_t cap = 0;
	ssize_t len;
	long jan1, d, n, lineno = 0;
	const char *why;
	FILE *fp;
	int e;

	sbuf_addf(&path, "%s/%04d.txt", c->dir, year);
	if (!(fp = fopen(path.s, "r"))) {
		if (errno == ENOENT)
			sbuf_addf(&msg, "no calendar for %d", year);
		else
			sbuf_addf(&msg, "cannot open %s: %s", path.s,
			    strerror(errno));
		sbuf_free(&path);
		return cal_fail(cy, &msg);
	}
	jan1 = day_from_ymd(year, 1, 1);
	n = day_from_ymd(year + 1, 1, 1) - jan1;
	for (d = 0; d < n; d++)
		setbit(cy, d, day_wday(jan1 + d) <= 5);
	why = NULL;
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (memchr(line, '\0', (size_t)len)) {
			why = "NUL byte";
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r' || line[len - 1] == ' ' ||
		    line[len - 1] == '\t'))
			line[--len] = '\0';
		s = line;
		if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		if ((why = cal_line(s, year, cy, set)))
			break;
	}
	e = ferror(fp) ? errno : 0;
	fclose(fp);
	free(line);
	if (why)
		sbuf_addf(&msg, "%s:%ld: %s", path.s, lineno, why);
	else if (e)
		sbuf_addf(&msg, "read error: %s: %s", path.s, strerror(e));
	sbuf_free(&path);
	if (msg.s)
		return cal_fail(cy, &msg);
	cy->state = 1;
	return 0;
}

int
cal_isworking(calendar *c, long day, const char **why)
{
	struct calyear *cy;
	int y, m, d;
	long doy;
	static char buf[64];

	/* runs of lookups stay in one year: skip the date arithmetic */
	if (c->last && day >= c->lo && day < c->hi) {
		doy = day - c->lo;
		return (c->last->bits[doy >> 3] >> (doy & 7)) & 1;
	}
	day_to_ymd(day, &y, &m, &d);
	if (y < CAL_Y0 || y >= CAL_Y0 + CAL_NY) {
		snprintf(buf, sizeof buf, "no calendar for %d", y);
		*why = buf;
		return -1;
	}
	if (!(cy = c->y[y - CAL_Y0]))
		cy = c->y[y - CAL_Y0] = xcalloc(1, sizeof *cy);
	if (cy->state == 0)
		cal_load(c, y, cy);
	if (cy->state < 0) {
		*why = cy->why;
		return -1;
	}
	c->last = cy;
	c->lo = day_from_ymd(y, 1, 1);
	c->hi = day_from_ymd(y + 1, 1, 1);
	doy = day - c->lo;
	return (cy->bits[doy >> 3] >> (doy & 7)) & 1;
}

int
cal_addworking(calendar *c, long day, int n, long *out, const char **why)
{
	int step = n < 0 ? -1 : 1, r;

	if (n < 0)
		n = -n;
	while (n > 0) {
		day += step;
		if ((r = cal_isworking(c, day, why)) < 0)
			return -1;
		n -= r;
	}
	*out = day;
	return 0;
}

long
cal_count(calendar *c, long from, long to, const char **why)
{
	long n = 0;
	int r;

	for (; from <= to; from++) {
		if ((r = cal_isworking(c, from, why)) < 0)
			return -1;
		n += r;
	}
	return n;
}
