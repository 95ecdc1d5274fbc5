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
 * year with no file but a line in festivals.tsv is built from the
 * statutory days of statutory.tsv (the provisional rule, below) and
 * counted as provisional; any other year is an error naming it:
 * guessing from weekends would silently miss the Spring Festival.
 */
#include <dirent.h>
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
#define CAL_NANCHOR 16	/* date columns of festivals.tsv, at most */

/* One year: a bit per day of the year, set when the day is worked. */
struct calyear {
	int state;		/* 0 not tried, 1 loaded, -1 failed (why) */
	unsigned char bits[46];	/* 366 bits, day of year 0 = 1 January */
	unsigned char prov;	/* built by the provisional rule, no notice */
	unsigned char used;	/* provisional, and a lookup fell in it */
	unsigned char told;	/* used, and handed out by cal_provnext() */
	char *why;		/* reason when state == -1 */
};

/* A line of statutory.tsv: days days from the anchor. */
struct statday {
	int anchor;		/* column of festivals.tsv, or -1: mon-mday */
	int mon, mday;		/* fixed anchor */
	int days;		/* 1 .. 31 */
	long line;		/* in statutory.tsv, for messages */
	char *name;		/* 春节 */
};

/*
 * Invariants: y[i] is NULL or the year CAL_Y0 + i, tried once; last is
 * NULL or a loaded year whose days are [lo, hi).  The provisional rule
 * (rule, first, the festival table and the statutory days) is read on
 * the first year that has no notice file, once.
 */
struct calendar {
	char *dir;			/* directory of YYYY.txt files */
	char *label;			/* dir for messages: "share/calendar"
					   for the shared one */
	struct calyear *y[CAL_NY];	/* allocated on first use */
	struct calyear *last;		/* the loaded year looked up last, */
	long lo, hi;			/* whose days are [lo, hi) */
	unsigned long provhits;		/* lookups in provisional years */
	int rule;		/* 0 not read, 1 read, 2 no festivals.tsv,
				   -1 malformed (rulewhy) */
	char *rulewhy;
	int first;		/* earliest year with a notice file, 0: none */
	int fy0, nfy;		/* festivals.tsv: years fy0 .. fy0+nfy-1 */
	int nanchor;		/* its date columns (after "year") */
	char *aname[CAL_NANCHOR];	/* their names */
	long *fest;		/* fest[(y - fy0) * nanchor + a]: a day */
	struct statday *st;	/* statutory.tsv, in file order */
	size_t nst;
};

calendar *
cal_open(const char *dir)
{
	calendar *c = xcalloc(1, sizeof *c);

	c->dir = xstrdup(dir ? dir : gw_sharepath("calendar"));
	c->label = xstrdup(dir ? dir : "share/calendar");
	return c;
}

void
cal_close(calendar *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < CAL_NY; i++) {
		if (c->y[i]) {
			free(c->y[i]->why);
			free(c->y[i]);
		}
	}
	for (i = 0; i < (size_t)c->nanchor; i++)
		free(c->aname[i]);
	for (i = 0; i < c->nst; i++)
		free(c->st[i].name);
	free(c->st);
	free(c->fest);
	free(c->rulewhy);
	free(c->label);
	free(c->dir);
	free(c);
}

const char *
cal_dir(const calendar *c)
{
	return c->dir;
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
 * Reads the file dir/name line by line: a BOM, CR, trailing blanks,
 * blank lines and '#' comments dropped, then fn(arg, line, why) for
 * each line left with its number, which returns 0 or -1 with *why.  Returns 0; 1 when
 * the file does not exist (msg untouched); -1 with msg set to
 * "FILE:LINE: why", an open or a read error.
 */
static int
cal_read(const char *dir, const char *name,
    int (*fn)(void *, char *, long, const char **), void *arg,
    struct sbuf *msg)
{
	struct sbuf path = {0};
	char *line = NULL, *s;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	const char *why = NULL;
	FILE *fp;
	int e, r = 0;

	sbuf_addf(&path, "%s/%s", dir, name);
	if (!(fp = fopen(path.s, "r"))) {
		if (errno == ENOENT)
			r = 1;
		else {
			sbuf_addf(msg, "cannot open %s: %s", path.s,
			    strerror(errno));
			r = -1;
		}
		sbuf_free(&path);
		return r;
	}
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
		if (fn(arg, s, lineno, &why) < 0)
			break;
		why = NULL;
	}
	e = ferror(fp) ? errno : 0;
	fclose(fp);
	free(line);
	if (why)
		sbuf_addf(msg, "%s:%ld: %s", path.s, lineno, why);
	else if (e)
		sbuf_addf(msg, "read error: %s: %s", path.s, strerror(e));
	sbuf_free(&path);
	return msg->s ? -1 : 0;
}

/* A notice file being read: the year, its bitmap, the days named. */
struct noticeload {
	int year;
	struct calyear *cy;	/* filled with the Monday-to-Friday rule */
	unsigned char set[46];	/* days some earlier line named */
};

/* One line of a notice file, DATE[..DATE] off|work [note]. */
static int
cal_line(void *arg, char *s, long lineno, const char **why)
{
	struct noticeload *nl = arg;
	const char *p = s;
	long from, to, d, jan1 = day_from_ymd(nl->year, 1, 1), doy;
	int work;

	(void)lineno;
	if (date_at(&p, &from) < 0)
		return *why = "expected a date YYYY-MM-DD", -1;
	to = from;
	if (p[0] == '.' && p[1] == '.') {
		p += 2;
		if (date_at(&p, &to) < 0)
			return *why = "expected a date YYYY-MM-DD after '..'", -1;
		if (to < from)
			return *why = "range ends before it starts", -1;
	}
	if (*p != ' ' && *p != '\t')
		return *why = "expected a blank after the date", -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "off", 3) == 0 && (!p[3] || p[3] == ' ' ||
	    p[3] == '\t'))
		work = 0;
	else if (strncmp(p, "work", 4) == 0 && (!p[4] || p[4] == ' ' ||
	    p[4] == '\t'))
		work = 1;
	else
		return *why = "expected 'off' or 'work' after the date", -1;
	if (from < jan1 || to >= day_from_ymd(nl->year + 1, 1, 1))
		return *why = "date outside the file's year", -1;
	for (d = from; d <= to; d++) {
		doy = d - jan1;
		if (work && day_wday(d) <= 5)
			return *why = "'work' names a weekday, which is worked "
			    "anyway", -1;
		if (nl->set[doy >> 3] & (1u << (doy & 7)))
			return *why = "day listed twice", -1;
		nl->set[doy >> 3] |= (unsigned char)(1u << (doy & 7));
		setbit(nl->cy, doy, work);
	}
	return 0;
}

/* Splits s at tabs into at most max fields; returns how many. */
static int
tabsplit(char *s, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = s;
		if (!(s = strchr(s, '\t')))
			break;
		*s++ = '\0';
	}
	return s ? max + 1 : n;
}

/* One line of festivals.tsv: the header, then year and dates. */
static int
fest_line(void *arg, char *s, long lineno, const char **why)
{
	calendar *c = arg;
	char *f[CAL_NANCHOR + 2];
	const char *p;
	long d;
	int n, i, y, m, dd;

	(void)lineno;
	n = tabsplit(s, f, CAL_NANCHOR + 1);
	if (c->nanchor == 0) {
		if (strcmp(f[0], "year") != 0 || n < 2)
			return *why = "expected the header: year, then the "
			    "names of the date columns", -1;
		if (n > CAL_NANCHOR + 1)
			return *why = "too many columns", -1;
		for (i = 1; i < n; i++) {
			if (!*f[i])
				return *why = "empty column name", -1;
			c->aname[c->nanchor++] = xstrdup(f[i]);
		}
		return 0;
	}
	if (n != c->nanchor + 1)
		return *why = "wrong number of fields", -1;
	p = f[0];
	if ((y = digits(&p, 4, 4)) < 0 || *p)
		return *why = "expected a year YYYY", -1;
	if (c->nfy > 0 && y != c->fy0 + c->nfy)
		return *why = "years must follow each other", -1;
	if (y < CAL_Y0 || y >= CAL_Y0 + CAL_NY)
		return *why = "year out of range", -1;
	if (c->nfy == 0)
		c->fy0 = y;
	c->fest = xreallocarray(c->fest, (size_t)(c->nfy + 1) *
	    (size_t)c->nanchor, sizeof *c->fest);
	for (i = 0; i < c->nanchor; i++) {
		p = f[i + 1];
		if (date_at(&p, &d) < 0 || *p)
			return *why = "expected a date YYYY-MM-DD", -1;
		day_to_ymd(d, &y, &m, &dd);
		if (y != c->fy0 + c->nfy)
			return *why = "date outside the line's year", -1;
		c->fest[(size_t)c->nfy * (size_t)c->nanchor + (size_t)i] = d;
	}
	c->nfy++;
	return 0;
}

/* statutory.tsv being read. */
struct statload {
	calendar *c;
	int header;		/* the header line was seen */
};

/* One line of statutory.tsv: festival, anchor, days. */
static int
stat_line(void *arg, char *s, long lineno, const char **why)
{
	struct statload *sl = arg;
	calendar *c = sl->c;
	struct statday sd = {0};
	char *f[4];
	const char *p;
	int i;

	if (tabsplit(s, f, 3) != 3)
		return *why = "expected three fields: festival, anchor, days",
		    -1;
	if (!sl->header) {
		if (strcmp(f[0], "festival") || strcmp(f[1], "anchor") ||
		    strcmp(f[2], "days"))
			return *why = "expected the header: festival, anchor, "
			    "days", -1;
		sl->header = 1;
		return 0;
	}
	if (!*f[0])
		return *why = "empty festival name", -1;
	sd.anchor = -1;
	for (i = 0; i < c->nanchor; i++)
		if (strcmp(f[1], c->aname[i]) == 0)
			sd.anchor = i;
	p = f[1];
	if (sd.anchor < 0) {
		/* a fixed day, MM-DD; 02-29 only for a leap year */
		if ((sd.mon = digits(&p, 2, 2)) < 0 || *p++ != '-' ||
		    (sd.mday = digits(&p, 2, 2)) < 0 || *p ||
		    !ymd_valid(2000, sd.mon, sd.mday))
			return *why = "anchor is neither a day MM-DD nor a "
			    "column of festivals.tsv", -1;
	}
	p = f[2];
	if ((sd.days = digits(&p, 1, 2)) < 1 || *p || sd.days > 31)
		return *why = "days must be a number 1 to 31", -1;
	sd.line = lineno;
	sd.name = xstrdup(f[0]);
	c->st = xreallocarray(c->st, c->nst + 1, sizeof *c->st);
	c->st[c->nst++] = sd;
	return 0;
}

/* The earliest year of a YYYY.txt in dir, or 0 when there is none. */
static int
first_notice(const char *dir)
{
	DIR *dp;
	struct dirent *de;
	const char *p;
	int y, first = 0;

	if (!(dp = opendir(dir)))
		return 0;
	while ((de = readdir(dp))) {
		p = de->d_name;
		if ((y = digits(&p, 4, 4)) < 0 || strcmp(p, ".txt") != 0)
			continue;
		if (first == 0 || y < first)
			first = y;
	}
	closedir(dp);
	return first;
}

/* Reads festivals.tsv and statutory.tsv once; c->rule says how it went. */
static void
rule_load(calendar *c)
{
	struct sbuf msg = {0};
	struct statload sl = {c, 0};
	int r;

	c->first = first_notice(c->dir);
	r = cal_read(c->dir, "festivals.tsv", fest_line, c, &msg);
	if (r == 1) {
		c->rule = 2;
		return;
	}
	if (r == 0 && c->nanchor == 0)
		sbuf_addf(&msg, "%s/festivals.tsv: no header", c->dir);
	if (r == 0 && !msg.s) {
		r = cal_read(c->dir, "statutory.tsv", stat_line, &sl, &msg);
		if (r == 1)
			sbuf_addf(&msg, "no statutory holidays: %s/statutory.tsv "
			    "is missing", c->dir);
		else if (r == 0 && !sl.header)
			sbuf_addf(&msg, "%s/statutory.tsv: no header", c->dir);
	}
	if (msg.s) {
		c->rulewhy = msg.s;
		c->rule = -1;
		return;
	}
	c->rule = 1;
}

/*
 * A provisional year (gridwork-policy(5)): Monday to Friday worked,
 * every day of statutory.tsv off, and each of those days that falls on
 * a Saturday or Sunday, or on a day an earlier festival already took,
 * gives the next weekday not already off, in date order.  A day in
 * lieu that would fall after 31 December is not given.
 */
static int
prov_build(calendar *c, int year, struct calyear *cy, struct sbuf *msg)
{
	long jan1 = day_from_ymd(year, 1, 1), n, a, d, e, t;
	long *day = NULL;
	size_t nday = 0, i, j, k;
	unsigned char off[366] = {0}, taken[366] = {0};
	const struct statday *sd;

	n = day_from_ymd(year + 1, 1, 1) - jan1;
	for (i = 0; i < c->nst; i++) {
		sd = &c->st[i];
		if (sd->anchor < 0)
			a = day_from_ymd(year, sd->mon, sd->mday);
		else
			a = c->fest[(size_t)(year - c->fy0) *
			    (size_t)c->nanchor + (size_t)sd->anchor];
		if (sd->anchor < 0 && !ymd_valid(year, sd->mon, sd->mday)) {
			sbuf_addf(msg, "%s/statutory.tsv:%ld: %s: no day "
			    "%02d-%02d in %d", c->dir, sd->line, sd->name,
			    sd->mon, sd->mday, year);
			free(day);
			return -1;
		}
		if (a + sd->days > jan1 + n) {
			sbuf_addf(msg, "%s/statutory.tsv:%ld: %s runs past the "
			    "end of %d", c->dir, sd->line, sd->name, year);
			free(day);
			return -1;
		}
		day = xreallocarray(day, nday + (size_t)sd->days, sizeof *day);
		for (k = 0; k < (size_t)sd->days; k++)
			day[nday++] = a + (long)k;
	}
	/* date order, a festival's days before a later line's on a tie */
	for (i = 1; i < nday; i++) {
		t = day[i];
		for (j = i; j > 0 && day[j - 1] > t; j--)
			day[j] = day[j - 1];
		day[j] = t;
	}
	for (i = 0; i < nday; i++)
		off[day[i] - jan1] = 1;
	for (i = 0; i < nday; i++) {
		d = day[i] - jan1;
		if (day_wday(day[i]) <= 5 && !taken[d]) {
			taken[d] = 1;
			continue;
		}
		taken[d] = 1;
		for (e = d + 1; e < n; e++)
			if (day_wday(jan1 + e) <= 5 && !off[e]) {
				off[e] = 1;
				break;
			}
	}
	for (d = 0; d < n; d++)
		setbit(cy, d, day_wday(jan1 + d) <= 5 && !off[d]);
	free(day);
	return 0;
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
	struct sbuf msg = {0};
	struct noticeload nl;
	char name[16];
	long jan1, d, n;
	int r;

	jan1 = day_from_ymd(year, 1, 1);
	n = day_from_ymd(year + 1, 1, 1) - jan1;
	for (d = 0; d < n; d++)
		setbit(cy, d, day_wday(jan1 + d) <= 5);
	memset(&nl, 0, sizeof nl);
	nl.year = year;
	nl.cy = cy;
	snprintf(name, sizeof name, "%04d.txt", year);
	if ((r = cal_read(c->dir, name, cal_line, &nl, &msg)) < 0)
		return cal_fail(cy, &msg);
	if (r == 0) {
		cy->state = 1;
		return 0;
	}
	/* no notice: the provisional rule, when it covers the year */
	if (c->rule == 0)
		rule_load(c);
	if (c->rule < 0) {
		sbuf_adds(&msg, c->rulewhy);
		return cal_fail(cy, &msg);
	}
	if (c->rule != 1 || c->first == 0 || year < c->first ||
	    year < c->fy0 || year >= c->fy0 + c->nfy) {
		sbuf_addf(&msg, "no calendar for %d", year);
		return cal_fail(cy, &msg);
	}
	if (prov_build(c, year, cy, &msg) < 0)
		return cal_fail(cy, &msg);
	cy->prov = 1;
	cy->state = 1;
	return 0;
}

/* The loaded year of y, or NULL with *why. */
static struct calyear *
cal_year(calendar *c, int y, const char **why)
{
	struct calyear *cy;
	static char buf[64];

	if (y < CAL_Y0 || y >= CAL_Y0 + CAL_NY) {
		snprintf(buf, sizeof buf, "no calendar for %d", y);
		*why = buf;
		return NULL;
	}
	if (!(cy = c->y[y - CAL_Y0]))
		cy = c->y[y - CAL_Y0] = xcalloc(1, sizeof *cy);
	if (cy->state == 0)
		cal_load(c, y, cy);
	if (cy->state < 0) {
		*why = cy->why;
		return NULL;
	}
	return cy;
}

int
cal_isworking(calendar *c, long day, const char **why)
{
	struct calyear *cy;
	int y, m, d;
	long doy;

	/* runs of lookups stay in one year: skip the date arithmetic */
	if (!c->last || day < c->lo || day >= c->hi) {
		day_to_ymd(day, &y, &m, &d);
		if (!(cy = cal_year(c, y, why)))
			return -1;
		c->last = cy;
		c->lo = day_from_ymd(y, 1, 1);
		c->hi = day_from_ymd(y + 1, 1, 1);
	}
	cy = c->last;
	if (cy->prov) {
		c->provhits++;
		cy->used = 1;
	}
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

int
cal_provisional(calendar *c, int year, const char **why)
{
	struct calyear *cy;

	if (!(cy = cal_year(c, year, why)))
		return -1;
	return cy->prov;
}

unsigned long
cal_provhits(const calendar *c)
{
	return c->provhits;
}

int
cal_provnext(calendar *c)
{
	int i;

	for (i = 0; i < CAL_NY; i++)
		if (c->y[i] && c->y[i]->used && !c->y[i]->told) {
			c->y[i]->told = 1;
			return CAL_Y0 + i;
		}
	return 0;
}

void
cal_warnprov(calendar *c, const char *what)
{
	int y;

	while ((y = cal_provnext(c)) > 0)
		warn("warning: no holiday notice for %d in %s: its %s are "
		    "provisional (statutory holidays only)", y, c->label, what);
}

int
asof_parse(const char *s, long *day)
{
	int64_t t;

	if (date_parse(s, strlen(s), day) == 0)
		return 0;
	if (datetime_parse(s, strlen(s), &t) < 0)
		return -1;
	*day = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	return 0;
}
