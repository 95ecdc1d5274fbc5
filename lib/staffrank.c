/*
 * staffrank.c — what the monthly scores say about the roster: the
 * workers graded 不称职 in the policy's number of consecutive months, whom
 * seed 000 would replace ("对考核不称职的网格员予以撤换"), and the month's
 * top ten (十佳, seed 003 "评选十佳网格员") of each county (gridwork-rules(7),
 * STAFFING; gw-staff(1) --replace, --top).
 *
 * The scores are score-month's rows (month, worker_id, grid_code,
 * township_code, score, grade), from a file or the store.  Both lists
 * are of one month: the latest month scored that is not after the
 * month of the date, so that a report made early in November speaks of
 * October.  A month without a row of the worker breaks a run: months
 * are consecutive calendar months.  The figures are the profile's
 * ([staff] replace_months, replace_grade, top); the engine reads no
 * file and prints nothing.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct staff_score {
	uint32_t who, grid, town, grade;	/* in k->str */
	long month;				/* y * 12 + m - 1 */
	int64_t h;				/* the score, hundredths */
};

static int
reject(struct staff_rank *k, const char *col, const char *fmt, ...)
{
	va_list ap;

	k->col = col;
	va_start(ap, fmt);
	vsnprintf(k->why, sizeof k->why, fmt, ap);
	va_end(ap);
	return 1;
}

/* "2026-10" as 2026 * 12 + 9, or -1 */
static long
ym(const char *s, size_t n)
{
	long y = 0, m;
	size_t i;

	if (n != 7 || s[4] != '-')
		return -1;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

void
staff_ymfmt(long m, char out[8])
{
	char b[48];

	snprintf(b, sizeof b, "%04ld-%02ld", m / 12 % 10000, m % 12 + 1);
	memcpy(out, b, 7);
	out[7] = '\0';
}

static int
getlong(const policy *p, const char *key, long dflt, long *v,
    const char **why)
{
	if (!policy_find(p, "staff", key)) {
		*v = dflt;
		return 0;
	}
	return policy_int(p, "staff", key, v, why);
}

/* [staff] key as a number from lo to hi (dflt when not set) into *v;
   0, or -1 with k->why naming the key's file and line. */
static int
rangekey(struct staff_rank *k, const policy *p, const char *key, long dflt,
    long lo, long hi, const char *want, long *v)
{
	const struct policy_kv *kv;
	const char *why;

	if (getlong(p, key, dflt, v, &why) < 0) {
		snprintf(k->why, sizeof k->why, "%s", why);
		return -1;
	}
	if (*v < lo || *v > hi) {
		kv = policy_find(p, "staff", key);
		snprintf(k->why, sizeof k->why, "%s:%d: key '%s': want %s",
		    kv->file, kv->line, kv->key, want);
		return -1;
	}
	return 0;
}

int
staff_rank_init(struct staff_rank *k, const policy *p, long asof)
{
	const struct policy_kv *kv;
	char d[11], key[192];

	memset(k, 0, sizeof *k);
	k->str = strtab_new();
	k->seen = strtab_new();
	k->ref = -1;
	date_fmt(asof, d);
	k->limit = ym(d, 7);
	if (rangekey(k, p, "replace_months", 3, 1, 120,
	    "a number of months, 1 to 120", &k->nmonths) < 0 ||
	    rangekey(k, p, "top", 10, 1, LONG_MAX,
	    "a number of workers, at least 1", &k->top) < 0 ||
	    rangekey(k, p, "term_years", 3, 1, 50,
	    "a number of years, 1 to 50", &k->term) < 0 ||
	    rangekey(k, p, "renew_days", 60, 0, LONG_MAX,
	    "a number of days, at least 0", &k->notice) < 0)
		return -1;
	k->grade = policy_get(p, "staff", "replace_grade");
	if (!k->grade)
		k->grade = "不称职";
	snprintf(key, sizeof key, "grade.%s", k->grade);
	if (!policy_find(p, "score", key)) {
		kv = policy_find(p, "staff", "replace_grade");
		snprintf(k->why, sizeof k->why, "%s%s%d%skey 'replace_grade': "
		    "grade '%s' is none of [score] grade.NAME of policy '%s'",
		    kv ? kv->file : "", kv ? ":" : "", kv ? kv->line : 0,
		    kv ? ": " : "", k->grade, policy_name(p));
		utf8_clip(k->why, sizeof k->why);
		return -1;
	}
	return 0;
}

void
staff_rank_free(struct staff_rank *k)
{
	free(k->r);
	strtab_free(k->str);
	strtab_free(k->seen);
	memset(k, 0, sizeof *k);
}

int
staff_rank_row(struct staff_rank *k, const struct staff_rank_in *in)
{
	struct staff_score *r;
	long m;
	int64_t h;

	if ((m = ym(in->month, in->monthn)) < 0)
		return reject(k, "month", "not a month YYYY-MM: '%s'",
		    in->month);
	if (in->whon == 0)
		return reject(k, "worker_id", "empty worker id");
	if (score_hparse(in->score, in->scoren, &h) < 0)
		return reject(k, "score", "not a score: '%s'", in->score);
	if (in->graden == 0)
		return reject(k, "grade", "empty grade");
	if (m > k->limit)
		return 0;	/* after the date: not yet known then */
	{
		struct sbuf key = { 0 };
		int isnew;

		sbuf_add(&key, in->who, in->whon);
		sbuf_addf(&key, "\t%ld", m);
		strtab_add(k->seen, key.s, key.len, &isnew);
		sbuf_free(&key);
		if (!isnew)
			return reject(k, "worker_id", "worker '%s' scored "
			    "twice for %.7s", in->who, in->month);
	}
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 256;
		k->r = xreallocarray(k->r, k->cap, sizeof *k->r);
	}
	r = &k->r[k->n++];
	r->who = (uint32_t)strtab_add(k->str, in->who, in->whon, NULL);
	r->grid = (uint32_t)strtab_add(k->str, in->grid, in->gridn, NULL);
	r->town = (uint32_t)strtab_add(k->str, in->town, in->townn, NULL);
	r->grade = (uint32_t)strtab_add(k->str, in->grade, in->graden, NULL);
	r->month = m;
	r->h = h;
	if (m > k->ref)
		k->ref = m;
	return 0;
}

static const strtab *sortstr;

/* by worker, then month */
static int
cmp_who(const void *a, const void *b)
{
	const struct staff_score *x = a, *y = b;
	int c = strcmp(strtab_str(sortstr, x->who), strtab_str(sortstr, y->who));

	if (c)
		return c;
	return (x->month > y->month) - (x->month < y->month);
}

/* the county: the grid's first six digits, else the township's */
static const char *
county(const struct staff_rank *k, const struct staff_score *r)
{
	const char *g = strtab_str(k->str, r->grid);

	return *g ? g : strtab_str(k->str, r->town);
}

/* by county, score down, worker */
static int
cmp_top(const void *a, const void *b)
{
	const struct staff_score *x = a, *y = b;
	const char *cx, *cy;
	int c;

	cx = strtab_str(sortstr, x->grid);
	cy = strtab_str(sortstr, y->grid);
	if (!*cx)
		cx = strtab_str(sortstr, x->town);
	if (!*cy)
		cy = strtab_str(sortstr, y->town);
	if ((c = strncmp(cx, cy, 6)) != 0)
		return c;
	if (x->h != y->h)
		return x->h < y->h ? 1 : -1;
	return strcmp(strtab_str(sortstr, x->who), strtab_str(sortstr, y->who));
}

static void
fill(const struct staff_rank *k, const struct staff_score *r,
    struct staff_rank_out *o)
{
	memset(o, 0, sizeof *o);
	o->who = strtab_str(k->str, r->who);
	o->grid = strtab_str(k->str, r->grid);
	o->town = strtab_str(k->str, r->town);
	o->grade = strtab_str(k->str, r->grade);
	o->h = r->h;
	o->to = r->month;
}

size_t
staff_replace(struct staff_rank *k, const strtab *onpost,
    struct staff_rank_out **out)
{
	struct staff_rank_out *o = NULL;
	size_t i, j, n = 0;
	long run;

	*out = NULL;
	if (k->n == 0)
		return 0;
	sortstr = k->str;
	qsort(k->r, k->n, sizeof *k->r, cmp_who);
	for (i = 0; i < k->n; i = j) {
		for (j = i; j < k->n && k->r[j].who == k->r[i].who; j++)
			;
		/* the worker's last row must be of the reference month */
		if (k->r[j - 1].month != k->ref)
			continue;
		run = 0;
		while (run < (long)(j - i) &&
		    k->r[j - 1 - run].month == k->ref - run &&
		    strcmp(strtab_str(k->str, k->r[j - 1 - run].grade),
		    k->grade) == 0)
			run++;
		if (run < k->nmonths)
			continue;
		if (onpost && strtab_find(onpost, strtab_str(k->str,
		    k->r[i].who), strtab_len(k->str, k->r[i].who)) < 0)
			continue;	/* gone already */
		o = xreallocarray(o, n + 1, sizeof *o);
		fill(k, &k->r[j - 1], &o[n]);
		o[n].from = k->ref - run + 1;
		o[n].months = run;
		n++;
	}
	*out = o;
	return n;
}

size_t
staff_top(struct staff_rank *k, struct staff_rank_out **out)
{
	struct staff_rank_out *o = NULL;
	struct staff_score *m;
	size_t i, nm = 0, n = 0, first = 0;
	long rank = 0;

	*out = NULL;
	m = xreallocarray(NULL, k->n + 1, sizeof *m);
	/* a worker graded replace_grade (不称职) is none of the best */
	for (i = 0; i < k->n; i++)
		if (k->r[i].month == k->ref && strcmp(strtab_str(k->str,
		    k->r[i].grade), k->grade) != 0)
			m[nm++] = k->r[i];
	sortstr = k->str;
	qsort(m, nm, sizeof *m, cmp_top);
	for (i = 0; i < nm; i++) {
		if (i == 0 || strncmp(county(k, &m[i]), county(k, &m[i - 1]),
		    6) != 0)
			first = i;	/* a county's first */
		/* competition ranks: 1, 2, 2, 4 */
		if (i == first || m[i].h != m[i - 1].h)
			rank = (long)(i - first) + 1;
		if (rank > k->top)
			continue;
		o = xreallocarray(o, n + 1, sizeof *o);
		fill(k, &m[i], &o[n]);
		o[n].from = k->ref;
		o[n].rank = rank;
		n++;
	}
	free(m);
	*out = o;
	return n;
}

/* The last day of the term of term_years that holds day, from hired:
   a term ends the day before an anniversary of hired_on (29 February
   hired: 1 March in a common year). */
static long
term_end(long hired, long term, long day)
{
	int y, m, d, md;
	long k, end;

	day_to_ymd(hired, &y, &m, &d);
	for (k = 1;; k++) {
		if (y + k * term > 9999)
			return LONG_MAX;
		md = month_days((int)(y + k * term), m);
		end = d > md ? day_from_ymd((int)(y + k * term), m, md) :
		    day_from_ymd((int)(y + k * term), m, d) - 1;
		if (end >= day)
			return end;
	}
}

static int
cmp_renewal(const void *a, const void *b)
{
	const struct staff_renewal *x = a, *y = b;

	if (x->left != y->left)
		return x->left < y->left ? -1 : 1;
	return strcmp(x->who, y->who);
}

long
staff_renewals(struct staff_rank *k, const struct staff *s,
    struct staff_renewal **out)
{
	struct staff_renewal *o = NULL;
	long term, notice, *last, n = 0;
	size_t i, nstr;

	*out = NULL;
	term = k->term;
	notice = k->notice;
	/* each worker's last row */
	nstr = strtab_count(k->str);
	last = xreallocarray(NULL, nstr + 1, sizeof *last);
	for (i = 0; i < nstr; i++)
		last[i] = -1;
	for (i = 0; i < k->n; i++)
		if (last[k->r[i].who] < 0 ||
		    k->r[last[k->r[i].who]].month < k->r[i].month)
			last[k->r[i].who] = (long)i;
	for (i = 0; i < strtab_count(s->onpost); i++) {
		const struct staff_held *h = &s->held[i];
		struct staff_renewal *r;
		long end, w;

		if (h->hired == LONG_MIN || h->hired > s->asof)
			continue;	/* no term known */
		end = term_end(h->hired, term, s->asof);
		if (end - s->asof > notice)
			continue;
		o = xreallocarray(o, (size_t)n + 1, sizeof *o);
		r = &o[n++];
		memset(r, 0, sizeof *r);
		r->who = strtab_str(s->onpost, i);
		r->grid = h->grid;
		r->role = strtab_str(s->roles, h->role);
		r->hired = h->hired;
		r->ends = end;
		r->left = end - s->asof;
		w = strtab_find(k->str, r->who, strtab_len(s->onpost, i));
		if (w >= 0 && last[w] >= 0)
			fill(k, &k->r[last[w]], &r->lastbuf);
	}
	free(last);
	/* last points into its own row: set after the rows stop moving */
	if (n > 1)
		qsort(o, (size_t)n, sizeof *o, cmp_renewal);
	for (i = 0; i < (size_t)n; i++)
		o[i].last = o[i].lastbuf.who ? &o[i].lastbuf : NULL;
	*out = o;
	return n;
}
