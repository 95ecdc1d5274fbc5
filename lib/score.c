/*
 * score.c — the assessment of grid workers (gridwork-rules(7),
 * ASSESSMENT): eight indicators as rates, deductions, bonus, score,
 * grade, competition ranks within township and county, for a month or
 * an ISO week; quarters and years from monthly score rows; grids as the
 * mean of their workers; the sheet behind one worker's score.
 *
 * The caller owns a struct score: it sets the policy and the period,
 * hands in the rows of each table as fields (score_row), and takes the
 * rows out (score_workers, score_grids, score_explain).  Nothing here
 * reads a file, prints or exits (bar the x-wrappers): a rejected row and
 * a failed setting come back as a reason for the caller to report.
 *
 * Exactness: every rate is kept as a fraction num/den of integers.  The
 * score sum(weight * num / den) - deductions + bonus is summed as one
 * exact fraction (128-bit numerator and denominator, reduced by their
 * gcd after each term), clamped, and rounded half-up to hundredths once.
 * Deductions and bonus points are hundredths.  Rates are printed
 * rounded half-up to four decimals for display only.
 *
 * A worker with no working day from hiring to the period's end is not
 * scored: a rate over no days would be a guess.
 *
 * The indicators are the policy's ([score] indicators, ind.NAME,
 * weight.NAME, roles.NAME): each takes one formula of score_formname,
 * the eight of the default profiles or tasks, mark, keyvisits and
 * sameday, which read the tables of the same-named inputs (events for
 * sameday).  An indicator whose roles do not include a worker's role
 * does not apply to that worker: the weights of those that apply are
 * scaled to 100, exactly, which changes nothing when all apply.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

typedef __int128 i128;

const char *const score_indname[SCORE_NIND] = {
	"attendance", "patrol", "coverage", "discovery", "disposal",
	"ontime", "training", "satisfaction"
};

const char *const score_formname[SCORE_NFORM] = {
	"attendance", "patrol", "coverage", "discovery", "disposal",
	"ontime", "training", "satisfaction", "tasks", "mark", "keyvisits",
	"sameday"
};

/* ---- the tables ---- */

static const char *const wcols[] = { "worker_id", "grid_code",
    "township_code", "hired_on", "left_on", "role" };
static const char *const gcols[] = { "grid_code", "households" };
static const char *const acols[] = { "household_id", "grid_code" };
static const char *const ecols[] = { "event_id", "grid_code",
    "reported_at", "source", "found_at", "reporter_id", "category",
    "urgency" };
static const char *const ccols[] = { "case_id", "grid_code", "deadline",
    "closed_at", "satisfied" };
static const char *const pcols[] = { "worker_id", "date", "minutes" };
static const char *const vcols[] = { "worker_id", "date", "household_id" };
static const char *const lcols[] = { "worker_id", "date" };
static const char *const tcols[] = { "worker_id", "date", "session_id",
    "attended" };
static const char *const bcols[] = { "worker_id", "month", "points",
    "reason" };
static const char *const scols[] = { "month", "worker_id", "grid_code",
    "township_code", "score" };
static const char *const kcols[] = { "task_id", "worker_id", "kind",
    "deadline", "done_at" };
static const char *const mcols[] = { "month", "worker_id", "department",
    "mark" };
static const char *const ycols[] = { "month", "grid_code", "worker_id",
    "visits_required", "visits_credited" };

const struct score_table score_tables[SCORE_NTAB] = {
	[SCORE_WORKERS] = { "workers", wcols, 5, 2 },	/* role: score_ncol() */
	[SCORE_GRIDS] = { "grids", gcols, 2, 2 },
	[SCORE_ASSIGNMENT] = { "assignment", acols, 2, 2 },
	[SCORE_EVENTS] = { "events", ecols, 8, 4 },
	[SCORE_CASES] = { "cases", ccols, 5, 3 },
	[SCORE_PATROLS] = { "patrols", pcols, 3, 3 },
	[SCORE_VISITS] = { "visits", vcols, 3, 3 },
	[SCORE_LOGINS] = { "logins", lcols, 2, 2 },
	[SCORE_TRAININGS] = { "trainings", tcols, 4, 4 },
	[SCORE_BONUS] = { "bonus", bcols, 4, 3 },
	[SCORE_SCORES] = { "scores", scols, 5, 5 },
	[SCORE_TASKS] = { "tasks", kcols, 5, 4 },
	[SCORE_MARKS] = { "marks", mcols, 4, 4 },
	[SCORE_KEYVISITS] = { "keyvisits", ycols, 5, 5 },
};

/* the columns of each table, in the order of score_tables[].cols */
enum { W_ID, W_GRID, W_TOWN, W_HIRED, W_LEFT, W_ROLE };
enum { G_CODE, G_HH };
enum { A_HH, A_GRID };
enum { E_ID, E_GRID, E_REP, E_SRC, E_FOUND, E_WHO, E_CAT, E_URG };
enum { C_ID, C_GRID, C_DEADLINE, C_CLOSED, C_SAT };
enum { P_WHO, P_DATE, P_MIN };
enum { V_WHO, V_DATE, V_HH };
enum { T_WHO, T_DATE, T_SESS, T_ATT };
enum { B_WHO, B_MONTH, B_PTS, B_WHY };
enum { S_MONTH, S_WHO, S_GRID, S_TOWN, S_SCORE };
enum { K_ID, K_WHO, K_KIND, K_DEADLINE, K_DONE };
enum { M_MONTH, M_WHO, M_DEPT, M_MARK };
enum { Y_MONTH, Y_GRID, Y_WHO, Y_REQ, Y_CRED };

/* ---- small helpers ---- */

static uint32_t
intern(struct score *s, const char *v, size_t n)
{
	return (uint32_t)strtab_add(s->str, v, n, NULL);
}

const char *
score_str(const struct score *s, uint32_t i)
{
	return strtab_str(s->str, i);
}

/* Rejects the row: column col, the reason in s->why.  Returns 1. */
static int
reject(struct score *s, const char *col, const char *fmt, ...)
{
	va_list ap;

	s->rcol = col;
	sbuf_reset(&s->why);
	va_start(ap, fmt);
	sbuf_vaddf(&s->why, fmt, ap);
	va_end(ap);
	return 1;
}

/* Fails a setting: the reason in s->err, *why pointing at it.  -1. */
static int
fail(struct score *s, const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&s->err);
	va_start(ap, fmt);
	sbuf_vaddf(&s->err, fmt, ap);
	va_end(ap);
	*why = s->err.s;
	return -1;
}

static i128
gcd128(i128 a, i128 b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b != 0) {
		i128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* floor(a / b) for b > 0 */
static i128
floordiv(i128 a, i128 b)
{
	i128 q = a / b;

	if ((a % b) != 0 && a < 0)
		q--;
	return q;
}

/* num/den rounded half-up to k decimals, as text in out. */
static char *
fracfmt(i128 num, i128 den, int k, char *out, size_t sz)
{
	i128 p = 1, v;
	int i, neg;
	char frac[24];

	for (i = 0; i < k; i++)
		p *= 10;
	v = floordiv(2 * num * p + den, 2 * den);
	neg = v < 0;
	if (neg)
		v = -v;
	if (k > 0) {
		snprintf(frac, sizeof frac, "%0*lld", k, (long long)(v % p));
		snprintf(out, sz, "%s%lld.%s", neg ? "-" : "",
		    (long long)(v / p), frac);
	} else
		snprintf(out, sz, "%s%lld", neg ? "-" : "", (long long)v);
	return out;
}

char *
score_fracfmt(int64_t num, int64_t den, int k, char *out, size_t sz)
{
	return fracfmt(num, den, k, out, sz);
}

char *
score_hfmt(int64_t h, char *out, size_t sz)
{
	return fracfmt(h, 100, 2, out, sz);
}

int
score_hparse(const char *v, size_t n, int64_t *h)
{
	int64_t x = 0;
	size_t i = 0;
	int dec = -1;

	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (v[i] == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (v[i] < '0' || v[i] > '9' || dec >= 2 || x > INT64_MAX / 100)
			return -1;
		x = x * 10 + (v[i] - '0');
		if (dec >= 0)
			dec++;
	}
	if (dec < 0)
		dec = 0;
	for (; dec < 2; dec++) {
		if (x > INT64_MAX / 10)
			return -1;	/* would overflow */
		x *= 10;
	}
	*h = x;
	return 0;
}

static int
parselong(const char *v, size_t n, long *x)
{
	char buf[32], *end;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	*x = strtol(buf, &end, 10);
	return *end == '\0' && buf[0] != '-' && buf[0] != '+' &&
	    buf[0] != ' ' ? 0 : -1;
}

/* A line of the --explain sheet, kept while the rows are read. */
static void
xadd(struct score *s, const char *item, int64_t pts, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	if (s->nx == s->capx) {
		s->capx = s->capx ? 2 * s->capx : 16;
		s->x = xreallocarray(s->x, s->capx, sizeof *s->x);
	}
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	s->x[s->nx].item = item;
	s->x[s->nx].detail = xstrdup(tmp);
	s->x[s->nx].pts = pts;
	s->nx++;
}

/* A bare date as a deadline is the end of its day, as case-track reads it. */
static int
endtime(const char *v, size_t n, int64_t *t)
{
	long day;

	if (datetime_parse(v, n, t) < 0)
		return -1;
	if (date_parse(v, n, &day) == 0)
		*t = (int64_t)day * 86400 + 86399;
	return 0;
}

static struct score_worker *
worker_of(struct score *s, const struct score_field *f, long *ix)
{
	long i;

	if ((i = strtab_find(s->wid, f->s, f->n)) < 0)
		return NULL;
	if (ix)
		*ix = i;
	return &s->w[i];
}

/* 1 when category cat is "immediate" by [event] cat.CODE (a 4-digit
   code without one: its first level's, cat_key()). */
static int
category_is_immediate(const policy *pol, const char *cat, size_t cn)
{
	const struct policy_kv *kv;
	const char *v;

	if (cn == 0 || cn > 8 || !(kv = cat_key(pol, "event", "cat", cat, cn)))
		return 0;
	v = kv->val;
	return strncmp(v, "immediate", 9) == 0 &&
	    (v[9] == '\0' || v[9] == ' ' || v[9] == '\t');
}

/* Urgency of an event: its urgency column, else its category's. */
static int
immediate(const struct score *s, const struct score_field *urg,
    const struct score_field *cat)
{
	if (urg->n > 0)
		return urg->n == 9 && memcmp(urg->s, "immediate", 9) == 0;
	return category_is_immediate(s->pol, cat->s, cat->n);
}

/* A dated activity row's worker and date: rejects an unknown worker, a
   bad date, a date outside [lo, hi] or before hiring. */
static struct score_worker *
activity(struct score *s, const struct score_field *f, long lo, long hi,
    long *day, long *ix)
{
	struct score_worker *w;
	char a[11], b[11];

	if (!(w = worker_of(s, &f[0], ix))) {
		reject(s, "worker_id", "unknown worker '%s'", f[0].s);
		return NULL;
	}
	if (date_parse(f[1].s, f[1].n, day) < 0) {
		reject(s, "date", "not a date: '%s'", f[1].s);
		return NULL;
	}
	if (*day < lo || *day > hi) {
		date_fmt(lo, a);
		date_fmt(hi, b);
		reject(s, "date", "date '%s' outside the period's window "
		    "%s..%s", f[1].s, a, b);
		return NULL;
	}
	if (w->hired != LONG_MIN && *day < w->hired) {
		date_fmt(w->hired, a);
		reject(s, "date", "date '%s' before the worker was hired (%s)",
		    f[1].s, a);
		return NULL;
	}
	return w;
}

static long
newgrid(struct score *s, const char *code, size_t n, long hh)
{
	struct score_grid *g;

	strtab_add(s->gid, code, n, NULL);
	if (s->ng == s->capg) {
		s->capg = s->capg ? 2 * s->capg : 256;
		s->g = xreallocarray(s->g, s->capg, sizeof *s->g);
	}
	g = &s->g[s->ng];
	memset(g, 0, sizeof *g);
	g->code = intern(s, code, n);
	g->households = hh;
	return (long)s->ng++;
}

/* ---- the rows of each table ---- */

static int
grid_row(struct score *s, const struct score_field *f)
{
	const char *why;
	long hh = 0;

	if (code_check(f[G_CODE].s, f[G_CODE].n, LVL_GRID, &why) < 0)
		return reject(s, "grid_code", "bad grid code '%s': %s",
		    f[G_CODE].s, why);
	if (strtab_find(s->gid, f[G_CODE].s, f[G_CODE].n) >= 0)
		return reject(s, "grid_code", "grid '%s' listed twice",
		    f[G_CODE].s);
	if (f[G_HH].n > 0 && parselong(f[G_HH].s, f[G_HH].n, &hh) < 0)
		return reject(s, "households", "not a count: '%s'", f[G_HH].s);
	newgrid(s, f[G_CODE].s, f[G_CODE].n, hh);
	return 0;
}

static int
assign_row(struct score *s, const struct score_field *f)
{
	size_t i;
	long gi;
	int isnew;

	if (f[A_HH].n == 0)
		return reject(s, "household_id", "empty household id");
	if ((gi = strtab_find(s->gid, f[A_GRID].s, f[A_GRID].n)) < 0)
		return reject(s, "grid_code", "grid '%s' not in the grids "
		    "table", f[A_GRID].s);
	i = strtab_add(s->hid, f[A_HH].s, f[A_HH].n, &isnew);
	if (!isnew)
		return reject(s, "household_id", "household '%s' assigned "
		    "twice", f[A_HH].s);
	if (i >= s->caph) {
		size_t old = s->caph;

		s->caph = s->caph ? 2 * s->caph : 4096;
		s->hgrid = xreallocarray(s->hgrid, s->caph, sizeof *s->hgrid);
		s->hbits = xreallocarray(s->hbits, s->caph, sizeof *s->hbits);
		memset(s->hbits + old, 0, (s->caph - old) * sizeof *s->hbits);
	}
	s->hgrid[i] = (int32_t)gi;
	return 0;
}

static int
worker_row(struct score *s, const struct score_field *f)
{
	const struct score_field *id = &f[W_ID], *gs = &f[W_GRID];
	struct score_worker *w;
	const char *ts;
	size_t tn;
	long gi, day = LONG_MIN, left;
	char town[16];

	if (id->n == 0)
		return reject(s, "worker_id", "empty worker id");
	if (strtab_find(s->wid, id->s, id->n) >= 0)
		return reject(s, "worker_id", "worker '%s' listed twice",
		    id->s);
	/* a micro-grid's worker is scored with its grid */
	if ((gi = strtab_find(s->gid, gs->s, gs->n == LVL_MICRO &&
	    worker_grid_check(gs->s, gs->n, NULL) == LVL_MICRO ? LVL_GRID :
	    gs->n)) < 0)
		return reject(s, "grid_code", "grid '%s' not in the grids "
		    "table", gs->s);
	ts = f[W_TOWN].s;
	tn = f[W_TOWN].n;
	if (tn == 0) {
		code_prefix(gs->s, LVL_TOWN, town);
		ts = town;
		tn = strlen(town);
	} else if (code_level(ts, tn) != LVL_TOWN ||
	    strncmp(ts, gs->s, LVL_TOWN) != 0)
		return reject(s, "township_code", "township '%s' is not the "
		    "township of grid '%s'", ts, gs->s);
	if (f[W_HIRED].n > 0 && date_parse(f[W_HIRED].s, f[W_HIRED].n,
	    &day) < 0)
		return reject(s, "hired_on", "not a date: '%s'", f[W_HIRED].s);
	left = LONG_MIN;
	if (f[W_LEFT].n > 0 && (date_parse(f[W_LEFT].s, f[W_LEFT].n,
	    &left) < 0 || (day != LONG_MIN && left < day)))
		return reject(s, "left_on", left == LONG_MIN ? "not a date: "
		    "'%s'" : "'%s' before hired_on", f[W_LEFT].s);
	strtab_add(s->wid, id->s, id->n, NULL);
	if (s->nw == s->capw) {
		s->capw = s->capw ? 2 * s->capw : 256;
		s->w = xreallocarray(s->w, s->capw, sizeof *s->w);
	}
	w = &s->w[s->nw];
	memset(w, 0, sizeof *w);
	w->id = intern(s, id->s, id->n);
	w->grid = (int32_t)gi;
	w->town = intern(s, ts, tn);
	w->hired = day;
	w->role = s->p.roles && f[W_ROLE].n ? intern(s, f[W_ROLE].s,
	    f[W_ROLE].n) : UINT32_MAX;
	w->left = left;
	w->slot = s->g[gi].nworkers++;
	if (s->explain && strcmp(s->explain, id->s) == 0)
		s->xw = (long)s->nw;
	s->nw++;
	return 0;
}

static int
event_row(struct score *s, const struct score_field *f)
{
	const struct score_field *src = &f[E_SRC], *who = &f[E_WHO];
	struct score_worker *w = NULL;
	int64_t rep, found;
	long gi, wi = -1, lim;
	int late, u, k;
	char a[20], b[20], lw[32];

	if ((gi = strtab_find(s->gid, f[E_GRID].s, f[E_GRID].n)) < 0)
		return reject(s, "grid_code", "grid '%s' not in the grids "
		    "table", f[E_GRID].s);
	if (datetime_parse(f[E_REP].s, f[E_REP].n, &rep) < 0)
		return reject(s, "reported_at", "not a time: '%s'", f[E_REP].s);
	if (f[E_FOUND].n > 0 && datetime_parse(f[E_FOUND].s, f[E_FOUND].n,
	    &found) < 0)
		return reject(s, "found_at", "not a time: '%s'", f[E_FOUND].s);
	if (f[E_FOUND].n == 0)
		found = rep;	/* no finding time: never late */
	if (!(src->n == 6 && memcmp(src->s, "worker", 6) == 0) &&
	    !(src->n == 8 && memcmp(src->s, "resident", 8) == 0) &&
	    !(src->n == 7 && memcmp(src->s, "hotline", 7) == 0) &&
	    !(src->n == 10 && memcmp(src->s, "inspection", 10) == 0))
		return reject(s, "source", "not worker, resident, hotline or "
		    "inspection: '%s'", src->s);
	if (src->n == 6) {
		if ((wi = strtab_find(s->wid, who->s, who->n)) < 0)
			return reject(s, "reporter_id", "unknown worker '%s'",
			    who->s);
		w = &s->w[wi];
	}
	if (f[E_ID].n == 0 ||
	    (!s->keyed && !idset_add(s->eseen, f[E_ID].s, f[E_ID].n)))
		return reject(s, "event_id", f[E_ID].n ? "event '%s' listed "
		    "twice" : "empty event id", f[E_ID].s);
	if (rep < s->t0 || rep > s->t1)
		return 0;
	s->g[gi].events++;
	if (!w)
		return 0;
	if (w->grid == gi)
		w->own++;
	if (immediate(s, &f[E_URG], &f[E_CAT])) {
		late = rep - found > s->p.late_secs;
		if (late)
			w->late++;
		if (late && wi == s->xw) {
			datetime_fmt(found, a);
			datetime_fmt(rep, b);
			xadd(s, "late_report", -s->p.d_late, "event %s: "
			    "immediate, found %s, reported %s", f[E_ID].s, a,
			    b);
		}
	} else {
		/* the category's reporting limit (category.c) */
		lim = cat_replimit(&s->cats, cat_find(&s->cats, f[E_CAT].s,
		    f[E_CAT].n), f[E_URG].s, f[E_URG].n, &u);
		if (u < 0)
			u = (int)s->cats.nurg - 1;	/* the ordinary */
		late = cat_late(lim, found, rep);
		if (late && u >= 0 && u < SCORE_MAXURG) {
			w->late_by[u]++;
			if (wi == s->xw && s->p.d_lateby[u] > 0) {
				datetime_fmt(found, a);
				datetime_fmt(rep, b);
				xadd(s, "late_report", -s->p.d_lateby[u],
				    "event %s: %s, found %s, reported %s, "
				    "limit %s", f[E_ID].s, s->cats.urg[u], a,
				    b, cat_limitfmt(lim, lw));
			}
		}
	}
	for (k = 0; k < s->p.nind; k++)
		if (s->p.ind[k].form == SCORE_F_SAMEDAY) {
			w->xden[k]++;
			w->xnum[k] += !late;
		}
	return 0;
}

static int
case_row(struct score *s, const struct score_field *f)
{
	const struct score_field *id = &f[C_ID];
	struct score_grid *g;
	int64_t dl = 0, cl = 0;
	int hasdl, hascl, sat = -1, due, ontime;
	long gi;

	if ((gi = strtab_find(s->gid, f[C_GRID].s, f[C_GRID].n)) < 0)
		return reject(s, "grid_code", "grid '%s' not in the grids "
		    "table", f[C_GRID].s);
	if ((hasdl = f[C_DEADLINE].n > 0) && endtime(f[C_DEADLINE].s,
	    f[C_DEADLINE].n, &dl) < 0)
		return reject(s, "deadline", "not a time: '%s'",
		    f[C_DEADLINE].s);
	if ((hascl = f[C_CLOSED].n > 0) && datetime_parse(f[C_CLOSED].s,
	    f[C_CLOSED].n, &cl) < 0)
		return reject(s, "closed_at", "not a time: '%s'",
		    f[C_CLOSED].s);
	if (f[C_SAT].n == 1 && (f[C_SAT].s[0] == '0' || f[C_SAT].s[0] == '1'))
		sat = f[C_SAT].s[0] - '0';
	else if (f[C_SAT].n > 0)
		return reject(s, "satisfied", "not 0, 1 or empty: '%s'",
		    f[C_SAT].s);
	if (id->n == 0 || (!s->keyed && !idset_add(s->cseen, id->s, id->n)))
		return reject(s, "case_id", id->n ? "case '%s' listed twice" :
		    "empty case id", id->s);
	g = &s->g[gi];
	due = hasdl && dl >= s->t0 && dl <= s->t1;
	ontime = hascl && cl <= dl;
	if (due) {
		g->due++;
		if (hascl && cl <= s->t1)
			g->closed++;
		if (ontime)
			g->ontime++;
		else if (s->xw >= 0 && s->w[s->xw].grid == gi) {
			char a[20], b[20];

			datetime_fmt(dl, a);
			if (hascl)
				datetime_fmt(cl, b);
			xadd(s, "overdue_case", -s->p.d_over, "case %s of the "
			    "grid: due %s, %s%s", id->s, a, hascl ? "closed " :
			    "not closed", hascl ? b : "");
		}
	}
	if (hascl && cl >= s->t0 && cl <= s->t1 && sat >= 0) {
		g->answered++;
		g->satisfied += sat;
	}
	return 0;
}

static int
patrol_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	long day, min;

	if (!(w = activity(s, f, s->first, s->last, &day, NULL)))
		return 1;
	if (parselong(f[P_MIN].s, f[P_MIN].n, &min) < 0 || min > 24 * 60)
		return reject(s, "minutes", "not a number of minutes 0..1440: "
		    "'%s'", f[P_MIN].s);
	/* saturate: a day of many rows stays a day that reached the mark */
	if (w->pmin[day - s->first] < 1000000)
		w->pmin[day - s->first] += (int)min;
	return 0;
}

static int
login_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	long day;

	if (!(w = activity(s, f, s->first, s->last, &day, NULL)))
		return 1;
	w->logbits |= (uint64_t)1 << (day - s->first);
	return 0;
}

static int
training_row(struct score *s, const struct score_field *f)
{
	const struct score_field *att = &f[T_ATT], *sess = &f[T_SESS];
	struct score_worker *w;
	struct sbuf k = {0};
	long day, wi;
	int isnew;

	if (!(w = activity(s, f, s->first, s->last, &day, &wi)))
		return 1;
	if (att->n != 1 || (att->s[0] != '0' && att->s[0] != '1'))
		return reject(s, "attended", "not 0 or 1: '%s'", att->s);
	if (sess->n == 0)
		return reject(s, "session_id", "empty session id");
	sbuf_addf(&k, "%ld\t%.*s", wi, (int)sess->n, sess->s);
	strtab_add(s->sess, k.s, k.len, &isnew);
	sbuf_free(&k);
	if (!isnew)
		return reject(s, "session_id", "session '%s' listed twice for "
		    "the worker", sess->s);
	w->tsched++;
	w->tatt += att->s[0] - '0';
	return 0;
}

static int
visit_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	long day, hh, wi;
	int wk, bit;

	if (!(w = activity(s, f, s->vfirst, s->vlast, &day, &wi)))
		return 1;
	if ((hh = strtab_find(s->hid, f[V_HH].s, f[V_HH].n)) < 0)
		return reject(s, "household_id", "household '%s' not in the "
		    "assignment", f[V_HH].s);
	if (s->hgrid[hh] != w->grid)
		return reject(s, "household_id", "household '%s' is in grid "
		    "%s, not the worker's grid %s", f[V_HH].s,
		    score_str(s, s->g[s->hgrid[hh]].code),
		    score_str(s, s->g[w->grid].code));
	wk = (int)((day - s->vfirst) / 7);
	/* the first ten workers of a grid by bits of the household, the
	   rest by a map of worker, household and week */
	if (w->slot < 10) {
		bit = w->slot * SCORE_MAXWEEK + wk;
		if (s->hbits[hh] & ((uint64_t)1 << bit))
			return 0;
		s->hbits[hh] |= (uint64_t)1 << bit;
	} else if (!u64map_add(s->vextra, ((uint64_t)wi << 40) |
	    ((uint64_t)hh << 3) | (uint64_t)wk, 1, NULL))
		return 0;
	w->visited[wk]++;
	return 0;
}

static int
bonus_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	long wi;
	int64_t h;

	if (!(w = worker_of(s, &f[B_WHO], &wi)))
		return reject(s, "worker_id", "unknown worker '%s'",
		    f[B_WHO].s);
	if (f[B_MONTH].n != strlen(s->period) ||
	    memcmp(f[B_MONTH].s, s->period, f[B_MONTH].n) != 0)
		return reject(s, "month", "month '%s' is not %s", f[B_MONTH].s,
		    s->period);
	if (score_hparse(f[B_PTS].s, f[B_PTS].n, &h) < 0)
		return reject(s, "points", "not a number of points >= 0 with "
		    "at most two decimals: '%s'", f[B_PTS].s);
	/* saturate far above any cap: a huge sheet cannot overflow */
	w->bonus = w->bonus > INT64_MAX / 4 - h ? INT64_MAX / 4 : w->bonus + h;
	if (wi == s->xw)
		xadd(s, "bonus", h, "%.*s", (int)f[B_WHY].n, f[B_WHY].s);
	return 0;
}

/* A task handed to a worker (代办, 交办): counted for the indicators of
   formula tasks whose kind it is, when due in the period. */
static int
task_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	const struct score_ind *in;
	int64_t dl, done = 0;
	int hasdone, k;

	if (!(w = worker_of(s, &f[K_WHO], NULL)))
		return reject(s, "worker_id", "unknown worker '%s'",
		    f[K_WHO].s);
	if (endtime(f[K_DEADLINE].s, f[K_DEADLINE].n, &dl) < 0)
		return reject(s, "deadline", "not a time: '%s'",
		    f[K_DEADLINE].s);
	if ((hasdone = f[K_DONE].n > 0) && datetime_parse(f[K_DONE].s,
	    f[K_DONE].n, &done) < 0)
		return reject(s, "done_at", "not a time: '%s'", f[K_DONE].s);
	if (f[K_ID].n == 0 || !idset_add(s->kseen, f[K_ID].s, f[K_ID].n))
		return reject(s, "task_id", f[K_ID].n ? "task '%s' listed "
		    "twice" : "empty task id", f[K_ID].s);
	if (dl < s->t0 || dl > s->t1)
		return 0;
	for (k = 0; k < s->p.nind; k++) {
		in = &s->p.ind[k];
		if (in->form != SCORE_F_TASKS || (*in->arg &&
		    (strlen(in->arg) != f[K_KIND].n ||
		    memcmp(in->arg, f[K_KIND].s, f[K_KIND].n) != 0)))
			continue;
		w->xden[k]++;
		w->xnum[k] += hasdone && done <= dl;
	}
	return 0;
}

/* A department's mark of a worker for the month, out of 100. */
static int
mark_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	const struct score_ind *in;
	int64_t h;
	long wi;
	int isnew, k;

	if (!(w = worker_of(s, &f[M_WHO], &wi)))
		return reject(s, "worker_id", "unknown worker '%s'",
		    f[M_WHO].s);
	if (f[M_MONTH].n != strlen(s->period) ||
	    memcmp(f[M_MONTH].s, s->period, f[M_MONTH].n) != 0)
		return reject(s, "month", "month '%s' is not %s", f[M_MONTH].s,
		    s->period);
	if (score_hparse(f[M_MARK].s, f[M_MARK].n, &h) < 0 || h > 10000)
		return reject(s, "mark", "not a mark 0..100 with at most two "
		    "decimals: '%s'", f[M_MARK].s);
	if (f[M_DEPT].n == 0)
		return reject(s, "department", "empty department");
	sbuf_reset(&s->key);
	sbuf_addf(&s->key, "m%ld\t%.*s", wi, (int)f[M_DEPT].n, f[M_DEPT].s);
	strtab_add(s->seen, s->key.s, s->key.len, &isnew);
	if (!isnew)
		return reject(s, "department", "a second mark of worker '%s' "
		    "by '%s'", f[M_WHO].s, f[M_DEPT].s);
	for (k = 0; k < s->p.nind; k++) {
		in = &s->p.ind[k];
		if (in->form != SCORE_F_MARK || (*in->arg &&
		    (strlen(in->arg) != f[M_DEPT].n ||
		    memcmp(in->arg, f[M_DEPT].s, f[M_DEPT].n) != 0)))
			continue;
		w->xnum[k] += h;
		w->xden[k] += 10000;
	}
	return 0;
}

/* A worker's key-person visits of the month, as pop-report --summary
   writes them; a grid without workers (empty worker_id) is not used. */
static int
keyvisit_row(struct score *s, const struct score_field *f)
{
	struct score_worker *w;
	long wi, req, cred;
	int isnew, k;

	if (f[Y_MONTH].n != strlen(s->period) ||
	    memcmp(f[Y_MONTH].s, s->period, f[Y_MONTH].n) != 0)
		return reject(s, "month", "month '%s' is not %s", f[Y_MONTH].s,
		    s->period);
	if (parselong(f[Y_REQ].s, f[Y_REQ].n, &req) < 0)
		return reject(s, "visits_required", "not a count: '%s'",
		    f[Y_REQ].s);
	if (parselong(f[Y_CRED].s, f[Y_CRED].n, &cred) < 0 || cred > req)
		return reject(s, "visits_credited", "not a count of at most "
		    "visits_required: '%s'", f[Y_CRED].s);
	if (f[Y_WHO].n == 0)
		return 0;
	if (!(w = worker_of(s, &f[Y_WHO], &wi)))
		return reject(s, "worker_id", "unknown worker '%s'",
		    f[Y_WHO].s);
	if (strcmp(score_str(s, s->g[w->grid].code), f[Y_GRID].s) != 0)
		return reject(s, "grid_code", "grid '%s' is not the worker's "
		    "grid %s", f[Y_GRID].s, score_str(s, s->g[w->grid].code));
	sbuf_reset(&s->key);
	sbuf_addf(&s->key, "y%ld", wi);
	strtab_add(s->seen, s->key.s, s->key.len, &isnew);
	if (!isnew)
		return reject(s, "worker_id", "worker '%s' listed twice",
		    f[Y_WHO].s);
	for (k = 0; k < s->p.nind; k++)
		if (s->p.ind[k].form == SCORE_F_KEYVISITS) {
			w->xnum[k] += cred;
			w->xden[k] += req;
		}
	return 0;
}

/* A monthly score row, for a quarter or a year: rows of other months
   are accepted and not used. */
static int
monthly_row(struct score *s, const struct score_field *f)
{
	const struct score_field *gs = &f[S_GRID], *who = &f[S_WHO];
	struct score_qworker *q;
	const char *ts, *why;
	size_t tn, i;
	int isnew, y, m;
	int64_t h;
	char town[16];
	long first, last, wi;

	if (f[S_MONTH].n != 7 || month_parse(f[S_MONTH].s, &first,
	    &last) < 0)
		return reject(s, "month", "not a month YYYY-MM: '%s'",
		    f[S_MONTH].s);
	day_to_ymd(first, &y, &m, &(int){0});
	if (y != s->year || (s->quarter && (m - 1) / 3 + 1 != s->quarter))
		return 0;	/* another period's row */
	if (code_check(gs->s, gs->n, LVL_GRID, &why) < 0)
		return reject(s, "grid_code", "bad grid code '%s': %s", gs->s,
		    why);
	ts = f[S_TOWN].s;
	tn = f[S_TOWN].n;
	if (tn == 0) {
		code_prefix(gs->s, LVL_TOWN, town);
		ts = town;
		tn = strlen(town);
	}
	if (score_hparse(f[S_SCORE].s, f[S_SCORE].n, &h) < 0)
		return reject(s, "score", "not a score >= 0 with at most two "
		    "decimals: '%s'", f[S_SCORE].s);
	if (who->n == 0)
		return reject(s, "worker_id", "empty worker id");
	sbuf_reset(&s->key);
	sbuf_addf(&s->key, "%.*s\t%d", (int)who->n, who->s, m);
	strtab_add(s->seen, s->key.s, s->key.len, &isnew);
	if (!isnew)
		return reject(s, "worker_id", "a second score of worker '%s' "
		    "for %04d-%02d", who->s, y, m);
	if ((wi = strtab_find(s->wid, who->s, who->n)) < 0) {
		wi = (long)strtab_add(s->wid, who->s, who->n, NULL);
		if (s->nq == s->capq) {
			s->capq = s->capq ? 2 * s->capq : 256;
			s->q = xreallocarray(s->q, s->capq, sizeof *s->q);
		}
		q = &s->q[s->nq++];
		memset(q, 0, sizeof *q);
		q->id = intern(s, who->s, who->n);
	}
	q = &s->q[wi];
	if (m > q->lastmon) {
		q->lastmon = m;
		q->grid = intern(s, gs->s, gs->n);
		q->town = intern(s, ts, tn);
	}
	i = (size_t)(m - 1) / 3;
	q->sum[i] += h;
	q->cnt[i]++;
	return 0;
}

int
score_row(struct score *s, enum score_tab t, const struct score_field *f)
{
	switch (t) {
	case SCORE_WORKERS: return worker_row(s, f);
	case SCORE_GRIDS: return grid_row(s, f);
	case SCORE_ASSIGNMENT: return assign_row(s, f);
	case SCORE_EVENTS: return event_row(s, f);
	case SCORE_CASES: return case_row(s, f);
	case SCORE_PATROLS: return patrol_row(s, f);
	case SCORE_VISITS: return visit_row(s, f);
	case SCORE_LOGINS: return login_row(s, f);
	case SCORE_TRAININGS: return training_row(s, f);
	case SCORE_BONUS: return bonus_row(s, f);
	case SCORE_SCORES: return monthly_row(s, f);
	case SCORE_TASKS: return task_row(s, f);
	case SCORE_MARKS: return mark_row(s, f);
	case SCORE_KEYVISITS: return keyvisit_row(s, f);
	default: break;
	}
	return reject(s, NULL, "no such table");
}

/* ---- state, policy and period ---- */

void
score_init(struct score *s)
{
	memset(s, 0, sizeof *s);
	s->str = strtab_new();
	s->wid = strtab_new();
	s->gid = strtab_new();
	s->hid = strtab_new();
	s->sess = strtab_new();
	s->seen = strtab_new();
	s->vextra = u64map_new(0);
	s->eseen = idset_new();
	s->cseen = idset_new();
	s->kseen = idset_new();
	s->xw = -1;
}

void
score_free(struct score *s)
{
	size_t i;

	strtab_free(s->str);
	strtab_free(s->wid);
	strtab_free(s->gid);
	strtab_free(s->hid);
	strtab_free(s->sess);
	strtab_free(s->seen);
	u64map_free(s->vextra);
	idset_free(s->eseen);
	idset_free(s->cseen);
	idset_free(s->kseen);
	for (i = 0; i < (size_t)s->p.nind; i++) {
		free(s->p.ind[i].name);
		free(s->p.ind[i].arg);
		gw_split_free(s->p.ind[i].roles, s->p.ind[i].nroles);
	}
	if (s->pol)
		cat_free(&s->cats);
	free(s->cols);
	free(s->w);
	free(s->g);
	free(s->hgrid);
	free(s->hbits);
	free(s->q);
	for (i = 0; i < s->nx; i++)
		free(s->x[i].detail);
	free(s->x);
	for (i = 0; i < s->p.ngrade; i++)
		free(s->p.gname[i]);
	free(s->p.gname);
	free(s->p.gmin);
	free(s->gtown);
	sbuf_free(&s->why);
	sbuf_free(&s->err);
	sbuf_free(&s->key);
	memset(s, 0, sizeof *s);
}

/* A policy value in hundredths (a decimal with at most two places). */
static int
polh(struct score *s, const char *key, int64_t *h, const char **why)
{
	const char *v;

	if (!(v = policy_str(s->pol, "score", key, why)))
		return fail(s, why, "policy '%s': %s", policy_name(s->pol),
		    *why);
	if (score_hparse(v, strlen(v), h) < 0)
		return fail(s, why, "policy '%s': score.%s '%s': not a number "
		    ">= 0 with at most two decimals", policy_name(s->pol), key,
		    v);
	return 0;
}

/* A column name of the scores: lower-case ASCII letters, digits, '_'. */
static int
colname_ok(const char *v)
{
	static const char *const fixed[] = { "month", "worker_id",
	    "grid_code", "township_code", "deductions", "bonus", "score",
	    "grade", "rank_township", "rank_county" };
	size_t i;

	if (!*v || strlen(v) > 31)
		return 0;
	for (i = 0; v[i]; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || v[i] == '_' ||
		    (i > 0 && v[i] >= '0' && v[i] <= '9')))
			return 0;
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (strcmp(v, fixed[i]) == 0)
			return 0;
	return 1;
}

/*
 * The indicators of the policy: [score] indicators (the eight when
 * unset), each with ind.NAME = FORMULA [ARG] (a name of the eight is its
 * own formula when unset), weight.NAME and roles.NAME.  The weights must
 * sum to 100.
 */
static int
indicators(struct score *s, const policy *pol, const char **why)
{
	struct score_policy *p = &s->p;
	const struct policy_kv *kv;
	const char *name = policy_name(pol), *v, *sp;
	char **names, key[64];
	size_t nn, i, fl;
	long sum = 0;
	int k, f, j;

	v = policy_get(pol, "score", "indicators");
	if (v && *v) {
		names = gw_split(v, &nn);
	} else {
		nn = SCORE_NIND;
		names = xcalloc(nn, sizeof *names);
		for (i = 0; i < nn; i++)
			names[i] = xstrdup(score_indname[i]);
	}
	if (nn == 0 || nn > SCORE_MAXIND) {
		gw_split_free(names, nn);
		return fail(s, why, "policy '%s': score.indicators names 1 to "
		    "%d indicators, not %zu", name, SCORE_MAXIND, nn);
	}
	for (i = 0; i < nn; i++) {
		struct score_ind *in = &p->ind[p->nind++];

		in->name = names[i];
		names[i] = NULL;
		in->arg = xstrdup("");
		if (!colname_ok(in->name))
			goto badname;
		for (j = 0; j < (int)i; j++)
			if (strcmp(p->ind[j].name, in->name) == 0)
				goto badname;
		snprintf(key, sizeof key, "ind.%s", in->name);
		in->form = -1;
		if ((kv = policy_find(pol, "score", key))) {
			v = kv->val;
			sp = v + strcspn(v, " \t");
			fl = (size_t)(sp - v);
			for (f = 0; f < SCORE_NFORM; f++)
				if (strlen(score_formname[f]) == fl &&
				    memcmp(score_formname[f], v, fl) == 0)
					in->form = f;
			if (in->form < 0) {
				gw_split_free(names, nn);
				return fail(s, why, "%s:%d: key '%s': formula "
				    "'%.*s' is not one gridwork knows "
				    "(score-month(1))", kv->file, kv->line,
				    kv->key, (int)fl, v);
			}
			free(in->arg);
			in->arg = xstrdup(sp + strspn(sp, " \t"));
		} else
			for (f = 0; f < SCORE_NIND; f++)
				if (strcmp(score_indname[f], in->name) == 0)
					in->form = f;
		if (in->form < 0) {
			gw_split_free(names, nn);
			return fail(s, why, "policy '%s': indicator '%s' of "
			    "score.indicators has no score.ind.%s (its "
			    "formula)", name, in->name, in->name);
		}
		if (in->form == SCORE_F_TASKS)
			p->needs |= 1 << SCORE_TASKS;
		if (in->form == SCORE_F_MARK)
			p->needs |= 1 << SCORE_MARKS;
		if (in->form == SCORE_F_KEYVISITS)
			p->needs |= 1 << SCORE_KEYVISITS;
		snprintf(key, sizeof key, "roles.%s", in->name);
		in->roles = gw_split(policy_get(pol, "score", key),
		    &in->nroles);
		p->roles |= in->nroles > 0;
		snprintf(key, sizeof key, "weight.%s", in->name);
		if (policy_int(pol, "score", key, &in->weight, why) < 0) {
			gw_split_free(names, nn);
			return fail(s, why, "%s", *why);
		}
		if (in->weight < 0 || in->weight > 1000) {
			gw_split_free(names, nn);
			return fail(s, why, "policy '%s': score.%s must be 0 "
			    "to 1000", name, key);
		}
		sum += in->weight;
		continue;
badname:
		k = (int)i;
		gw_split_free(names, nn);
		return fail(s, why, "policy '%s': score.indicators: '%s' is "
		    "not a column name (a-z, 0-9, _), is twice, or is a "
		    "column of the scores already", name, p->ind[k].name);
	}
	gw_split_free(names, nn);
	if (sum != 100)
		return fail(s, why, "policy '%s': the score.weight.* sum to "
		    "%ld, not 100", name, sum);
	for (f = 0; f < SCORE_NIND; f++)
		for (k = 0; k < p->nind; k++)
			if (strcmp(p->ind[k].name, score_indname[f]) == 0)
				p->weight[f] = p->ind[k].weight;
	return 0;
}

int
score_policy(struct score *s, const policy *pol, const char **why)
{
	struct score_policy *p = &s->p;
	const struct policy_kv *kv;
	const char *name = policy_name(pol), *v;
	char key[64];
	long late;
	size_t n, i;

	s->pol = pol;
	if (indicators(s, pol, why) < 0)
		return -1;
	if (policy_int(pol, "score", "patrol_minutes", &p->pminutes,
	    why) < 0 || policy_int(pol, "event", "late_minutes", &late,
	    why) < 0)
		return fail(s, why, "%s", *why);
	if (p->pminutes < 0 || late < 0)
		return fail(s, why, "policy '%s': score.patrol_minutes and "
		    "event.late_minutes must not be negative", name);
	p->late_secs = (int64_t)late * 60;
	if (polh(s, "deduct.late_report", &p->d_late, why) < 0 ||
	    polh(s, "deduct.overdue_case", &p->d_over, why) < 0 ||
	    polh(s, "deduct_cap", &p->d_cap, why) < 0 ||
	    polh(s, "bonus_cap", &p->b_cap, why) < 0 ||
	    polh(s, "score_min", &p->smin, why) < 0 ||
	    polh(s, "score_max", &p->smax, why) < 0)
		return -1;
	if (p->smin > p->smax)
		return fail(s, why, "policy '%s': score.score_min above "
		    "score.score_max", name);
	kv = policy_section(pol, "score", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "grade.", 6) != 0 ||
		    kv[i].key[6] == '\0')
			continue;
		p->gname = xreallocarray(p->gname, p->ngrade + 1,
		    sizeof *p->gname);
		p->gmin = xreallocarray(p->gmin, p->ngrade + 1,
		    sizeof *p->gmin);
		p->gname[p->ngrade] = xstrdup(kv[i].key + 6);
		p->ngrade++;
		if (score_hparse(kv[i].val, strlen(kv[i].val),
		    &p->gmin[p->ngrade - 1]) < 0)
			return fail(s, why, "%s:%d: key '%s': not a score",
			    kv[i].file, kv[i].line, kv[i].key);
		if (p->ngrade > 1 && p->gmin[p->ngrade - 1] >=
		    p->gmin[p->ngrade - 2])
			return fail(s, why, "%s:%d: key '%s': grades must be "
			    "listed highest first", kv[i].file, kv[i].line,
			    kv[i].key);
	}
	if (p->ngrade == 0 || p->gmin[p->ngrade - 1] > p->smin)
		return fail(s, why, "policy '%s': the score.grade.* must cover "
		    "every score from score_min", name);
	if ((v = policy_get(pol, "score", "training_none")) &&
	    strcmp(v, "one") != 0) {
		if (strcmp(v, "skip") != 0)
			return fail(s, why, "policy '%s': score.training_none "
			    "'%s': not one or skip", name, v);
		p->trn_skip = 1;
	}
	/* the reporting limits of the categories, for late reports that
	   are not immediate and for sameday */
	if (cat_load(&s->cats, pol, CATF_REPORT, why) < 0)
		return fail(s, why, "%s", *why);
	for (i = 0; i < s->cats.nurg && i < SCORE_MAXURG; i++) {
		snprintf(key, sizeof key, "deduct.late.%s", s->cats.urg[i]);
		if (strcmp(s->cats.urg[i], "immediate") == 0 ||
		    !policy_find(pol, "score", key))
			continue;	/* immediate's is deduct.late_report */
		if (polh(s, key, &p->d_lateby[i], why) < 0)
			return -1;
	}
	return 0;
}

int
score_needs(const struct score *s, enum score_tab t)
{
	return (s->p.needs >> t) & 1;
}

int
score_ncol(const struct score *s, enum score_tab t)
{
	return score_tables[t].ncol + (t == SCORE_WORKERS && s->p.roles);
}

const char *const *
score_columns(struct score *s, size_t *n)
{
	static const char *const head[] = { "month", "worker_id",
	    "grid_code", "township_code" };
	static const char *const tail[] = { "deductions", "bonus", "score",
	    "grade", "rank_township", "rank_county" };
	size_t i, k = 0;

	free(s->cols);
	s->cols = xcalloc(4 + (size_t)s->p.nind + 6, sizeof *s->cols);
	for (i = 0; i < 4; i++)
		s->cols[k++] = head[i];
	for (i = 0; i < (size_t)s->p.nind; i++)
		s->cols[k++] = s->p.ind[i].name;
	for (i = 0; i < 6; i++)
		s->cols[k++] = tail[i];
	*n = k;
	return s->cols;
}

int
score_grade(const struct score *s, int64_t h)
{
	size_t i;

	for (i = 0; i + 1 < s->p.ngrade; i++)
		if (h >= s->p.gmin[i])
			break;
	return (int)i;
}

int
score_days(struct score *s, const char *name, long first, long last,
    calendar *cal, const char **why)
{
	long d, m;
	int i, wk;

	if (last < first || last - first >= SCORE_MAXDAY)
		return fail(s, why, "a period of 1 to %d days, not %ld",
		    SCORE_MAXDAY, last - first + 1);
	snprintf(s->period, sizeof s->period, "%s", name);
	s->first = first;
	s->last = last;
	s->t0 = (int64_t)first * 86400;
	s->t1 = (int64_t)last * 86400 + 86399;
	/* the ISO weeks whose Thursday falls in the period */
	m = first - (day_wday(first) - 1);
	if (m + 3 < first)
		m += 7;
	s->nweek = 0;
	for (; m + 3 <= last; m += 7)
		s->monday[s->nweek++] = m;
	if (s->nweek > 0) {
		s->vfirst = s->monday[0];
		s->vlast = s->monday[s->nweek - 1] + 6;
	} else {
		s->vfirst = 1;
		s->vlast = 0;	/* no window: every visit is outside */
	}
	for (d = first, i = 0; d <= last; d++, i++) {
		if ((wk = cal_isworking(cal, d, why)) < 0)
			return fail(s, why, "%s", *why);
		s->working[i] = wk;
	}
	return 0;
}

int
score_span_parse(const char *v, int quarter, int *year, int *q)
{
	int i;

	for (i = 0; i < 4; i++)
		if (v[i] < '0' || v[i] > '9')
			return -1;
	*year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 +
	    (v[2] - '0') * 10 + (v[3] - '0');
	if (*year < 1000)
		return -1;
	*q = 0;
	if (!quarter)
		return v[4] == '\0' ? 0 : -1;
	if (v[4] != '-' || v[5] != 'Q' || v[6] < '1' || v[6] > '4' ||
	    v[7] != '\0')
		return -1;
	*q = v[6] - '0';
	return 0;
}

void
score_span(struct score *s, int year, int quarter)
{
	s->year = year;
	s->quarter = quarter;
	if (quarter)
		snprintf(s->period, sizeof s->period, "%04d-Q%d", year,
		    quarter);
	else
		snprintf(s->period, sizeof s->period, "%04d", year);
}

/* ---- scoring ---- */

struct frac {
	i128 n, d;
};

static void
fadd(struct frac *f, i128 n, i128 d)
{
	i128 g;

	f->n = f->n * d + n * f->d;
	f->d = f->d * d;
	g = gcd128(f->n, f->d);
	if (g > 1) {
		f->n /= g;
		f->d /= g;
	}
}

/* Rounds f half-up to hundredths. */
static int64_t
fround(const struct frac *f)
{
	return (int64_t)floordiv(200 * f->n + f->d, 2 * f->d);
}

static void
setrate(struct score_worker *w, int k, int64_t num, int64_t den)
{
	if (den == 0) {
		num = 1;
		den = 1;
	}
	w->num[k] = num;
	w->den[k] = den;
}

/* The weights of the indicators that apply to w: 100 when all do. */
static long
wapply(const struct score *s, const struct score_worker *w)
{
	long sum = 0;
	int k;

	for (k = 0; k < s->p.nind; k++)
		if (w->apply & (1u << k))
			sum += s->p.ind[k].weight;
	return sum;
}

/* The exact score of w before rounding, as a fraction: the weights of
   the indicators that apply scaled to 100 (a factor of 1 when all do). */
static struct frac
exact(const struct score *s, const struct score_worker *w)
{
	struct frac f = { 0, 1 };
	long wsum = wapply(s, w);
	int k;

	for (k = 0; k < s->p.nind && wsum > 0; k++)
		if (w->apply & (1u << k))
			fadd(&f, (i128)s->p.ind[k].weight * w->num[k] * 100,
			    (i128)w->den[k] * wsum);
	fadd(&f, w->bon - w->ded, 100);
	if (f.n * 100 < (i128)s->p.smin * f.d) {
		f.n = s->p.smin;
		f.d = 100;
	}
	if (f.n * 100 > (i128)s->p.smax * f.d) {
		f.n = s->p.smax;
		f.d = 100;
	}
	return f;
}

/* The true counts of indicator k of w, also when the rate is 1 for want
   of any. */
static void
indcounts(const struct score *s, const struct score_worker *w, int k,
    int64_t *num, int64_t *den)
{
	const struct score_grid *g = &s->g[w->grid];

	switch (s->p.ind[k].form) {
	case SCORE_ATT: *num = w->login; *den = w->wd; break;
	case SCORE_PAT: *num = w->patrol; *den = w->wd; break;
	case SCORE_COV: *num = w->cov;
		*den = (int64_t)g->households * w->nweek; break;
	case SCORE_DIS: *num = w->own; *den = g->events; break;
	case SCORE_DSP: *num = g->closed; *den = g->due; break;
	case SCORE_ONT: *num = g->ontime; *den = g->due; break;
	case SCORE_TRN: *num = w->tatt; *den = w->tsched; break;
	case SCORE_SAT: *num = g->satisfied; *den = g->answered; break;
	default: *num = w->xnum[k]; *den = w->xden[k]; break;
	}
}

/* 1 when indicator k applies to w: no roles.NAME, a worker of no given
   role, or a role of the list. */
static int
applies(const struct score *s, const struct score_worker *w, int k)
{
	const struct score_ind *in = &s->p.ind[k];
	const char *role;
	size_t i;

	if (in->form == SCORE_TRN && w->tsched == 0 && s->p.trn_skip)
		return 0;	/* training_none = skip */
	if (in->nroles == 0 || w->role == UINT32_MAX)
		return 1;
	role = score_str(s, w->role);
	for (i = 0; i < in->nroles; i++)
		if (strcmp(in->roles[i], role) == 0)
			return 1;
	return 0;
}

/* The deductions of w before the cap, hundredths. */
static int64_t
rawded(const struct score *s, const struct score_worker *w)
{
	const struct score_grid *g = &s->g[w->grid];
	int64_t raw;
	int u;

	raw = w->late * s->p.d_late + (g->due - g->ontime) * s->p.d_over;
	for (u = 0; u < SCORE_MAXURG; u++)
		raw += w->late_by[u] * s->p.d_lateby[u];
	return raw;
}

static void
score_one(struct score *s, struct score_worker *w)
{
	const struct score_grid *g = &s->g[w->grid];
	struct frac f;
	int64_t cov = 0, raw;
	long d, from, to;
	int i, k;

	from = w->hired != LONG_MIN && w->hired > s->first ? w->hired :
	    s->first;
	/* a worker who left is not scored after leaving */
	to = w->left != LONG_MIN && w->left < s->last ? w->left : s->last;
	w->wd = w->login = w->patrol = 0;
	for (d = from; d <= to; d++) {
		i = (int)(d - s->first);
		if (!s->working[i])
			continue;
		w->wd++;
		if (w->logbits & ((uint64_t)1 << i))
			w->login++;
		if (w->pmin[i] >= s->p.pminutes)
			w->patrol++;
	}
	if (w->wd == 0)
		return;
	w->scored = 1;
	w->nweek = 0;
	for (k = 0; k < s->nweek; k++) {
		if (w->hired != LONG_MIN && s->monday[k] + 3 < w->hired)
			continue;
		if (w->left != LONG_MIN && s->monday[k] + 3 > w->left)
			continue;
		w->nweek++;
		cov += w->visited[k] < g->households ? w->visited[k] :
		    g->households;
	}
	w->cov = cov;
	for (k = 0; k < s->p.nind; k++) {
		int64_t num, den;

		indcounts(s, w, k, &num, &den);
		setrate(w, k, num, den);
		if (applies(s, w, k))
			w->apply |= 1u << k;
	}
	raw = rawded(s, w);
	w->ded = raw < s->p.d_cap ? raw : s->p.d_cap;
	w->bon = w->bonus < s->p.b_cap ? w->bonus : s->p.b_cap;
	f = exact(s, w);
	w->score = fround(&f);
	w->grade = score_grade(s, w->score);
}

void
score_compute(struct score *s)
{
	size_t i;

	for (i = 0; i < s->nw; i++)
		score_one(s, &s->w[i]);
}

/* The worker's score over a quarter (the mean of the months present) or
   a year (the mean of the quarters present, each the mean of its
   months); exact, rounded half-up once. */
int64_t
score_qscore(const struct score *s, const struct score_qworker *q,
    int *months)
{
	struct frac f = { 0, 1 };
	int i, nq = 0;

	*months = 0;
	for (i = 0; i < 4; i++) {
		if (s->quarter && i != s->quarter - 1)
			continue;
		if (q->cnt[i] == 0)
			continue;
		fadd(&f, q->sum[i], (i128)100 * q->cnt[i]);
		*months += q->cnt[i];
		nq++;
	}
	f.d *= nq;
	return fround(&f);
}

/* ---- ranking ---- */

static int
cmp_county(const void *a, const void *b)
{
	const struct score_rank *x = a, *y = b;
	int c;

	if ((c = strncmp(x->town, y->town, LVL_COUNTY)) != 0)
		return c;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
cmp_town(const void *a, const void *b)
{
	const struct score_rank *x = a, *y = b;
	int c;

	if ((c = strncmp(x->town, y->town, LVL_COUNTY)) != 0)
		return c;
	if ((c = strcmp(x->town, y->town)) != 0)
		return c;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
score_rank(struct score_rank *r, size_t n)
{
	size_t i, start = 0;

	qsort(r, n, sizeof *r, cmp_county);
	for (i = 0; i < n; i++) {
		if (i == 0 || strncmp(r[i].town, r[i - 1].town,
		    LVL_COUNTY) != 0)
			start = i;
		if (i > start && r[i].score == r[i - 1].score)
			r[i].rcounty = r[i - 1].rcounty;
		else
			r[i].rcounty = (long)(i - start) + 1;
	}
	qsort(r, n, sizeof *r, cmp_town);
	start = 0;
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(r[i].town, r[i - 1].town) != 0)
			start = i;
		if (i > start && r[i].score == r[i - 1].score)
			r[i].rtown = r[i - 1].rtown;
		else
			r[i].rtown = (long)(i - start) + 1;
	}
}

struct score_rank *
score_workers(struct score *s, size_t *n)
{
	struct score_rank *r;
	size_t i, k = 0, m = s->year ? s->nq : s->nw;
	int months;

	r = xcalloc(m ? m : 1, sizeof *r);
	for (i = 0; i < m; i++) {
		if (s->year) {
			r[k].id = score_str(s, s->q[i].id);
			r[k].town = score_str(s, s->q[i].town);
			r[k].score = score_qscore(s, &s->q[i], &months);
		} else {
			if (!s->w[i].scored)
				continue;
			r[k].id = score_str(s, s->w[i].id);
			r[k].town = score_str(s, s->w[i].town);
			r[k].score = s->w[i].score;
		}
		r[k].ix = i;
		k++;
	}
	*n = k;
	return r;
}

struct score_rank *
score_grids(struct score *s, const struct score_rank *wr, size_t nw,
    size_t *n)
{
	struct score_rank *r;
	int64_t *sum;
	long *cnt, gi;
	size_t i, k = 0;
	struct frac f;

	if (s->year)	/* a worker's grid is that of their latest month */
		for (i = 0; i < s->nq; i++) {
			const char *gs = score_str(s, s->q[i].grid);

			if (strtab_find(s->gid, gs, strlen(gs)) < 0)
				newgrid(s, gs, strlen(gs), 0);
		}
	sum = xcalloc(s->ng ? s->ng : 1, sizeof *sum);
	cnt = xcalloc(s->ng ? s->ng : 1, sizeof *cnt);
	free(s->gtown);
	s->gtown = xcalloc(s->ng ? s->ng : 1, sizeof *s->gtown);
	r = xcalloc(s->ng ? s->ng : 1, sizeof *r);
	for (i = 0; i < nw; i++) {
		if (s->year) {
			const char *gs = score_str(s, s->q[wr[i].ix].grid);

			gi = strtab_find(s->gid, gs, strlen(gs));
		} else
			gi = s->w[wr[i].ix].grid;
		sum[gi] += wr[i].score;
		cnt[gi]++;
	}
	for (gi = 0; gi < (long)s->ng; gi++) {
		if (cnt[gi] == 0)
			continue;
		code_prefix(score_str(s, s->g[gi].code), LVL_TOWN,
		    s->gtown[gi]);
		f.n = sum[gi];
		f.d = (i128)100 * cnt[gi];
		r[k].id = score_str(s, s->g[gi].code);
		r[k].town = s->gtown[gi];
		r[k].score = fround(&f);
		r[k].ix = (size_t)gi;
		r[k].n = cnt[gi];
		k++;
	}
	free(sum);
	free(cnt);
	score_rank(r, k);
	*n = k;
	return r;
}

/* ---- the sheet behind one score ---- */

static const char *const inddetail[SCORE_NIND] = {
	"working days with a login / working days from hiring",
	"working days with at least %ld patrol minutes / working days "
	    "from hiring",
	"sum over the weeks of min(households visited, households) / "
	    "(households x weeks)",
	"events of the grid reported by the worker / events of the grid",
	"cases of the grid due in the period closed by its end / cases due",
	"cases of the grid due in the period closed by their deadline / "
	    "cases due",
	"sessions attended / sessions scheduled",
	"cases of the grid closed in the period answered satisfied / "
	    "answered"
};

/* What indicator in computes, in words, in buf. */
static void
inddesc(const struct score *s, const struct score_ind *in, char *buf,
    size_t sz)
{
	const char *a = *in->arg ? in->arg : NULL;

	switch (in->form) {
	case SCORE_F_TASKS:
		snprintf(buf, sz, "%s%stasks of the worker due in the period "
		    "done by their deadline / tasks due", a ? a : "",
		    a ? " " : "");
		break;
	case SCORE_F_MARK:
		snprintf(buf, sz, "marks of the worker%s%s for the month / "
		    "100 x marks", a ? " by " : "", a ? a : "");
		break;
	case SCORE_F_KEYVISITS:
		snprintf(buf, sz, "visits to the grid's key persons credited "
		    "/ required (pop-report --summary)");
		break;
	case SCORE_F_SAMEDAY:
		snprintf(buf, sz, "events reported by the worker within their "
		    "category's limit / events reported by the worker");
		break;
	default:
		snprintf(buf, sz, inddetail[in->form], s->p.pminutes);
		break;
	}
}

static struct score_xrow *
xrow(struct score_xrow **v, size_t *n, const char *item)
{
	struct score_xrow *x;

	*v = xreallocarray(*v, *n + 1, sizeof **v);
	x = &(*v)[(*n)++];
	memset(x, 0, sizeof *x);
	snprintf(x->item, sizeof x->item, "%s", item);
	return x;
}

size_t
score_explain(struct score *s, const struct score_rank *r,
    struct score_xrow **out)
{
	const struct score_policy *p = &s->p;
	const struct score_worker *w = &s->w[r->ix];
	const struct score_grid *g = &s->g[w->grid];
	struct score_xrow *v = NULL, *x;
	char c[48], d[48], e[48], from[11], to[11], item[32];
	struct frac f;
	size_t i, n = 0;
	int64_t raw;
	long wsum;
	int k, y, wk, u;

	wsum = wapply(s, w);
	for (k = 0; k < p->nind; k++) {
		const struct score_ind *in = &p->ind[k];
		int64_t num, den;
		int on = (w->apply >> k) & 1;

		indcounts(s, w, k, &num, &den);
		if (in->form == SCORE_COV) {	/* the rate's, as it was */
			num = w->num[k];
			den = w->den[k];
		}
		x = xrow(&v, &n, in->name);
		if (in->form == SCORE_F_MARK) {
			score_hfmt(num, x->num, sizeof x->num);
			snprintf(x->den, sizeof x->den, "%lld",
			    (long long)(den / 100));
		} else {
			snprintf(x->num, sizeof x->num, "%lld",
			    (long long)num);
			snprintf(x->den, sizeof x->den, "%lld",
			    (long long)den);
		}
		snprintf(x->weight, sizeof x->weight, "%ld", in->weight);
		if (on) {
			score_fracfmt(w->num[k], w->den[k], 4, x->rate,
			    sizeof x->rate);
			fracfmt((i128)in->weight * w->num[k] * 100,
			    (i128)w->den[k] * wsum, 4, x->pts, sizeof x->pts);
		}
		inddesc(s, in, x->detail, sizeof x->detail);
		if (on && (den == 0 || (in->form == SCORE_COV &&
		    (g->households == 0 || w->nweek == 0))))
			strncat(x->detail, "; none: rate 1", sizeof x->detail -
			    strlen(x->detail) - 1);
		if (!on && in->form == SCORE_TRN && w->tsched == 0 &&
		    p->trn_skip)
			snprintf(x->detail + strlen(x->detail),
			    sizeof x->detail - strlen(x->detail), "; none "
			    "scheduled: not counted (training_none = skip)");
		else if (!on)
			snprintf(x->detail + strlen(x->detail),
			    sizeof x->detail - strlen(x->detail), "; not for "
			    "role %s", score_str(s, w->role));
		else if (wsum != 100)
			snprintf(x->detail + strlen(x->detail),
			    sizeof x->detail - strlen(x->detail), "; weight "
			    "x 100 / %ld, the weights that apply", wsum);
		if (in->form != SCORE_COV)
			continue;
		for (i = 0; i < (size_t)s->nweek; i++) {
			int counted = w->hired == LONG_MIN ||
			    s->monday[i] + 3 >= w->hired;
			int gone = w->left != LONG_MIN &&
			    s->monday[i] + 3 > w->left;

			iso_week(s->monday[i], &y, &wk);
			snprintf(item, sizeof item, "coverage %04d-W%02d", y,
			    wk);
			x = xrow(&v, &n, item);
			snprintf(x->num, sizeof x->num, "%ld",
			    (long)w->visited[i]);
			snprintf(x->den, sizeof x->den, "%ld", g->households);
			date_fmt(s->monday[i], from);
			date_fmt(s->monday[i] + 6, to);
			snprintf(x->detail, sizeof x->detail, "distinct "
			    "households of grid %s visited %s..%s%s",
			    score_str(s, g->code), from, to, !counted ?
			    "; not counted: hired after its Thursday" : gone ?
			    "; not counted: left before its Thursday" : "");
			if (g->households)
				score_fracfmt(w->visited[i] < g->households ?
				    w->visited[i] : g->households,
				    g->households, 4, x->rate, sizeof x->rate);
		}
	}
	for (i = 0; i < s->nx; i++)
		if (strcmp(s->x[i].item, "bonus") != 0) {
			x = xrow(&v, &n, s->x[i].item);
			score_hfmt(s->x[i].pts, x->pts, sizeof x->pts);
			snprintf(x->detail, sizeof x->detail, "%s",
			    s->x[i].detail);
		}
	raw = rawded(s, w);
	x = xrow(&v, &n, "deductions");
	snprintf(x->detail, sizeof x->detail, "%ld late immediate reports x "
	    "%s + ", w->late, score_hfmt(p->d_late, c, sizeof c));
	for (u = 0; u < SCORE_MAXURG; u++)
		if (p->d_lateby[u] > 0)
			snprintf(x->detail + strlen(x->detail),
			    sizeof x->detail - strlen(x->detail), "%ld late %s "
			    "reports x %s + ", w->late_by[u], s->cats.urg[u],
			    score_hfmt(p->d_lateby[u], c, sizeof c));
	snprintf(x->detail + strlen(x->detail), sizeof x->detail -
	    strlen(x->detail), "%ld overdue cases x %s, capped at %s",
	    g->due - g->ontime, score_hfmt(p->d_over, d, sizeof d),
	    score_hfmt(p->d_cap, e, sizeof e));
	score_hfmt(raw, x->num, sizeof x->num);
	score_hfmt(-w->ded, x->pts, sizeof x->pts);
	for (i = 0; i < s->nx; i++)
		if (strcmp(s->x[i].item, "bonus") == 0) {
			x = xrow(&v, &n, s->x[i].item);
			score_hfmt(s->x[i].pts, x->pts, sizeof x->pts);
			snprintf(x->detail, sizeof x->detail, "%s",
			    s->x[i].detail);
		}
	x = xrow(&v, &n, "bonus total");
	snprintf(x->detail, sizeof x->detail, "commendations, capped at %s",
	    score_hfmt(p->b_cap, c, sizeof c));
	score_hfmt(w->bonus, x->num, sizeof x->num);
	score_hfmt(w->bon, x->pts, sizeof x->pts);
	f = exact(s, w);
	x = xrow(&v, &n, "score");
	snprintf(x->detail, sizeof x->detail, "sum of the points - "
	    "deductions + bonus, clamped to %s..%s, rounded half-up once; "
	    "grade %s, rank %ld in township %s, %ld in the county",
	    score_hfmt(p->smin, c, sizeof c), score_hfmt(p->smax, d,
	    sizeof d), p->gname[w->grade], r->rtown, score_str(s, w->town),
	    r->rcounty);
	fracfmt(f.n, f.d, 8, x->num, sizeof x->num);
	score_hfmt(w->score, x->pts, sizeof x->pts);
	*out = v;
	return n;
}
