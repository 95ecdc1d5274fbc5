/*
 * score-month — the monthly assessment and ranking of grid workers
 * (gridwork-rules(7), ASSESSMENT): eight indicators as rates, deductions, bonus, score,
 * grade, and competition ranks within the township and the county; the
 * same over one ISO week (--week); quarters and years from monthly score
 * rows (--quarter, --year); grids instead of workers (--by grid); and the
 * sheet behind one worker's score (--explain).
 *
 * Contract: every row read is accepted or rejected (FILE:LINE: column
 * 'x': reason, and the -r file); a rejected row changes no score.  Rows
 * that cannot be used are rejected: a row of an unknown worker, a
 * patrol, login, training or visit dated outside the period's window or
 * before the worker was hired, a visit to a household outside the
 * worker's grid, a duplicate key.  Events and cases are tables of
 * record: each indicator picks the ones its definition names (reported
 * in the period, due in the period, closed in the period) and the rest
 * are accepted and not used.
 *
 * Exactness: every rate is kept as a fraction num/den of integers.  The
 * score sum(weight * num / den) - deductions + bonus is summed as one
 * exact fraction (128-bit numerator and denominator, reduced by their
 * gcd after each term), clamped, and rounded half-up to hundredths once.
 * Deductions and bonus points are hundredths.  The rates printed are
 * rounded half-up to four decimals for display only.
 *
 * A worker with no working day from hiring to the period's end is not
 * scored (no row, a warning): a rate over no days would be a guess.
 * Grids are ranked with --by grid, as --grids names the grid table.
 *
 * Output goes to a temporary file copied to stdout at the end, so a
 * fatal error leaves stdout empty.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: score-month --month YYYY-MM | --week YYYY-Www [-p policy]\n"
    "                   [--by worker|grid] [--explain worker_id]\n"
    "                   [-d store] --assignment file [--workers file]\n"
    "                   [--grids file] [--events file] [--cases file]\n"
    "                   [--patrols file] [--visits file] [--logins file]\n"
    "                   [--trainings file] [--bonus file] [-E enc]\n"
    "                   [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-r rejects]\n"
    "                   [--zh] [--excel]\n"
    "       score-month --quarter YYYY-Qn | --year YYYY [-p policy]\n"
    "                   [--by worker|grid] [-E enc] [-i csv|tsv]\n"
    "                   [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                   -d store | --scores file ...\n";

enum { OPT_WORKERS = OPT_CMD, OPT_GRIDS, OPT_ASSIGN, OPT_EVENTS,
	OPT_CASES, OPT_PATROLS, OPT_VISITS, OPT_LOGINS, OPT_TRAININGS,
	OPT_BONUS, OPT_SCORES, OPT_EXPLAIN, OPT_QUARTER, OPT_YEAR, OPT_BY };

typedef __int128 i128;

/* The indicators, in the order of the scores contract. */
enum ind { I_ATT, I_PAT, I_COV, I_DIS, I_DSP, I_ONT, I_TRN, I_SAT, NIND };
static const char *const indname[NIND] = {
	"attendance", "patrol", "coverage", "discovery", "disposal",
	"ontime", "training", "satisfaction"
};

#define MAXWEEK 6	/* weeks of a period: a month has at most 5 */
#define MAXDAY 31	/* days of a period */

struct worker {
	uint32_t id;		/* strtab index of worker_id */
	int32_t grid;		/* index into S.g */
	uint32_t town;		/* strtab index of township_code */
	long hired;		/* day number; LONG_MIN when not given */
	int slot;		/* n-th worker of its grid (visit bits) */
	int scored;		/* 1: has working days in the period */
	int wd;			/* working days from hiring */
	int login, patrol;	/* working days with a login, with a patrol */
	int nweek;		/* weeks counted for coverage */
	int32_t visited[MAXWEEK];	/* distinct households a week */
	int pmin[MAXDAY];	/* patrol minutes a day of the period */
	uint64_t logbits;	/* days of the period with a login */
	long own, late;		/* own events; late immediate ones */
	long tsched, tatt;	/* training sessions scheduled, attended */
	int64_t bonus;		/* hundredths, before the cap */
	/* results */
	int64_t num[NIND], den[NIND];
	int64_t ded, bon;	/* hundredths, after the caps */
	int64_t score;		/* hundredths */
	int grade;
	long rtown, rcounty;
};

struct grid {
	uint32_t code;		/* strtab index */
	long households;
	int nworkers;
	long events;		/* reported in the period */
	long due, closed, ontime, answered, satisfied;
};

/* An input table: its option, columns (required first). */
struct tab {
	const char *opt;
	const char *const *cols;
	int ncol, nreq;
	int idx[16];
};

static void load_store(const char *, struct tab *, gw_rec_fn *);

enum { W_ID, W_GRID, W_TOWN, W_HIRED, NWCOL };
static const char *const wcols[] = { "worker_id", "grid_code",
    "township_code", "hired_on" };
enum { G_CODE, G_HH, NGCOL };
static const char *const gcols[] = { "grid_code", "households" };
enum { A_HH, A_GRID, NACOL };
static const char *const acols[] = { "household_id", "grid_code" };
enum { E_ID, E_GRID, E_REP, E_SRC, E_FOUND, E_WHO, E_CAT, E_URG, NECOL };
static const char *const ecols[] = { "event_id", "grid_code",
    "reported_at", "source", "found_at", "reporter_id", "category",
    "urgency" };
enum { C_ID, C_GRID, C_DEADLINE, C_CLOSED, C_SAT, NCCOL };
static const char *const ccols[] = { "case_id", "grid_code", "deadline",
    "closed_at", "satisfied" };
enum { P_WHO, P_DATE, P_MIN, NPCOL };
static const char *const pcols[] = { "worker_id", "date", "minutes" };
enum { V_WHO, V_DATE, V_HH, NVCOL };
static const char *const vcols[] = { "worker_id", "date", "household_id" };
enum { L_WHO, L_DATE, NLCOL };
static const char *const lcols[] = { "worker_id", "date" };
enum { T_WHO, T_DATE, T_SESS, T_ATT, NTCOL };
static const char *const tcols[] = { "worker_id", "date", "session_id",
    "attended" };
enum { B_WHO, B_MONTH, B_PTS, B_WHY, NBCOL };
static const char *const bcols[] = { "worker_id", "month", "points",
    "reason" };
enum { S_MONTH, S_WHO, S_GRID, S_TOWN, S_SCORE, NSCOL };
static const char *const scols[] = { "month", "worker_id", "grid_code",
    "township_code", "score" };

/* One line of the --explain sheet kept while reading. */
struct xline {
	char *item, *detail;
	int64_t pts;		/* hundredths, signed */
};

static struct {
	policy *pol;
	calendar *cal;
	struct gw_run run;
	struct csvr_opt ro;
	csvw *out;
	int week;		/* 1: --week */
	char period[16];	/* 2026-10 or 2026-W41 */
	long first, last;	/* the period's days */
	int64_t t0, t1;		/* its first and last second */
	long vfirst, vlast;	/* the visits' window: its ISO weeks */
	int nweek;		/* ISO weeks with their Thursday in it */
	long monday[MAXWEEK];
	int working[MAXDAY];
	/* policy */
	long weight[NIND];
	long pminutes;
	int64_t late_secs;
	int64_t d_late, d_over, d_cap, b_cap;	/* hundredths */
	int64_t smin, smax;	/* hundredths */
	size_t ngrade;
	char **gname;
	int64_t *gmin;		/* hundredths, highest grade first */
	/* data */
	strtab *str;		/* worker ids, codes */
	strtab *wid;		/* worker_id -> index into w */
	strtab *gid;		/* grid_code -> index into g */
	strtab *hid;		/* household_id -> index into hgrid */
	strtab *sess;		/* worker + session */
	struct worker *w;
	size_t nw, capw;
	struct grid *g;
	size_t ng, capg;
	int32_t *hgrid;		/* grid of each household */
	uint64_t *hbits;	/* weeks a household was visited, by slot */
	size_t caph;
	u64map *vextra;		/* visits of workers beyond slot 9 */
	idset *eseen, *cseen;	/* duplicate events and cases */
	sqlite3 *db;		/* -d: the store read from */
	char tabname[256];	/* -d: "STORE:table" for messages */
	/* --explain */
	const char *explain;
	long xw;		/* index of the worker, or -1 */
	struct xline *x;
	size_t nx, capx;
} S;

/* ---- small helpers ---- */

/* The name of the input a row came from: a file, or STORE:table. */
static const char *
fname(csvr *r)
{
	return r ? csvr_name(r) : S.tabname;
}

static uint32_t
intern(const char *s, size_t n)
{
	return (uint32_t)strtab_add(S.str, s, n, NULL);
}

static const char *
str(uint32_t i)
{
	return strtab_str(S.str, i);
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

/* Hundredths as "12.34". */
static char *
hfmt(int64_t h, char *out, size_t sz)
{
	return fracfmt(h, 100, 2, out, sz);
}

/*
 * Parses a non-negative decimal with at most two decimals ("5",
 * "1.5", "0.25") into hundredths; 0 or -1.
 */
static int
hparse(const char *s, size_t n, int64_t *h)
{
	int64_t v = 0;
	size_t i = 0;
	int dec = -1;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return -1;
	for (; i < n; i++) {
		if (s[i] == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || dec >= 2 || v > INT64_MAX / 100)
			return -1;
		v = v * 10 + (s[i] - '0');
		if (dec >= 0)
			dec++;
	}
	if (dec < 0)
		dec = 0;
	for (; dec < 2; dec++)
		v *= 10;
	*h = v;
	return 0;
}

static int
parselong(const char *s, size_t n, long *v)
{
	char buf[32], *end;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtol(buf, &end, 10);
	return *end == '\0' && buf[0] != '-' && buf[0] != '+' &&
	    buf[0] != ' ' ? 0 : -1;
}

static void
xadd(const char *item, int64_t pts, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	if (S.nx == S.capx) {
		S.capx = S.capx ? 2 * S.capx : 16;
		S.x = xreallocarray(S.x, S.capx, sizeof *S.x);
	}
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	S.x[S.nx].item = xstrdup(item);
	S.x[S.nx].detail = xstrdup(tmp);
	S.x[S.nx].pts = pts;
	S.nx++;
}

/* A bare date as a deadline is the end of its day, as case-track reads it. */
static int
endtime(const char *s, size_t n, int64_t *t)
{
	long day;

	if (datetime_parse(s, n, t) < 0)
		return -1;
	if (date_parse(s, n, &day) == 0)
		*t = (int64_t)day * 86400 + 86399;
	return 0;
}

static struct worker *
worker_of(const struct gw_rec *rec, int col, long *ix)
{
	const char *s;
	size_t n;
	long i;

	s = gw_field(rec, col, &n);
	if ((i = strtab_find(S.wid, s, n)) < 0)
		return NULL;
	if (ix)
		*ix = i;
	return &S.w[i];
}

/* Reads a dated activity row's worker and date: rejects an unknown
   worker, a bad date, a date outside [lo, hi] or before hiring. */
static struct worker *
activity(csvr *r, const struct gw_rec *rec, const struct tab *t,
    long lo, long hi, long *day, long *ix)
{
	const char *file = fname(r), *s;
	struct worker *w;
	char a[11], b[11];
	size_t n;

	if (!(w = worker_of(rec, t->idx[0], ix))) {
		s = gw_field(rec, t->idx[0], &n);
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "unknown worker '%s'", s);
		return NULL;
	}
	s = gw_field(rec, t->idx[1], &n);
	if (date_parse(s, n, day) < 0) {
		gw_reject(&S.run, file, rec->line, "date", rec,
		    "not a date: '%s'", s);
		return NULL;
	}
	if (*day < lo || *day > hi) {
		date_fmt(lo, a);
		date_fmt(hi, b);
		gw_reject(&S.run, file, rec->line, "date", rec,
		    "date '%s' outside the period's window %s..%s", s, a, b);
		return NULL;
	}
	if (w->hired != LONG_MIN && *day < w->hired) {
		date_fmt(w->hired, a);
		gw_reject(&S.run, file, rec->line, "date", rec,
		    "date '%s' before the worker was hired (%s)", s, a);
		return NULL;
	}
	return w;
}

static int
tab_hdr(csvr *r, void *arg)
{
	struct tab *t = arg;
	char what[64];

	snprintf(what, sizeof what, "--%s", t->opt);
	return gw_bind(r, fname(r), t->cols, t->ncol, t->nreq, t->idx, what);
}

/* ---- the tables ---- */

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *why;
	struct grid *g;
	size_t n;
	long hh = 0;
	int isnew;

	s = gw_field(rec, t->idx[G_CODE], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	if (strtab_find(S.gid, s, n) >= 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' listed twice", s);
		return 1;
	}
	{
		const char *h;
		size_t hn;

		h = gw_field(rec, t->idx[G_HH], &hn);
		if (hn > 0 && parselong(h, hn, &hh) < 0) {
			gw_reject(&S.run, file, rec->line, "households", rec,
			    "not a count: '%s'", h);
			return 1;
		}
	}
	strtab_add(S.gid, s, n, &isnew);
	if (S.ng == S.capg) {
		S.capg = S.capg ? 2 * S.capg : 256;
		S.g = xreallocarray(S.g, S.capg, sizeof *S.g);
	}
	g = &S.g[S.ng++];
	memset(g, 0, sizeof *g);
	g->code = intern(s, n);
	g->households = hh;
	return 0;
}

static int
assign_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *gs;
	size_t n, gn, i;
	long gi;
	int isnew;

	s = gw_field(rec, t->idx[A_HH], &n);
	gs = gw_field(rec, t->idx[A_GRID], &gn);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "household_id", rec,
		    "empty household id");
		return 1;
	}
	if ((gi = strtab_find(S.gid, gs, gn)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", gs);
		return 1;
	}
	i = strtab_add(S.hid, s, n, &isnew);
	if (!isnew) {
		gw_reject(&S.run, file, rec->line, "household_id", rec,
		    "household '%s' assigned twice", s);
		return 1;
	}
	if (i >= S.caph) {
		size_t old = S.caph;

		S.caph = S.caph ? 2 * S.caph : 4096;
		S.hgrid = xreallocarray(S.hgrid, S.caph, sizeof *S.hgrid);
		S.hbits = xreallocarray(S.hbits, S.caph, sizeof *S.hbits);
		memset(S.hbits + old, 0, (S.caph - old) * sizeof *S.hbits);
	}
	S.hgrid[i] = (int32_t)gi;
	return 0;
}

static int
worker_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *gs, *ts;
	struct worker *w;
	size_t n, gn, tn;
	long gi, day = LONG_MIN;
	char town[16];
	int isnew;

	s = gw_field(rec, t->idx[W_ID], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "empty worker id");
		return 1;
	}
	if (strtab_find(S.wid, s, n) >= 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "worker '%s' listed twice", s);
		return 1;
	}
	gs = gw_field(rec, t->idx[W_GRID], &gn);
	if ((gi = strtab_find(S.gid, gs, gn)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", gs);
		return 1;
	}
	ts = gw_field(rec, t->idx[W_TOWN], &tn);
	if (tn == 0) {
		code_prefix(gs, LVL_TOWN, town);
		ts = town;
		tn = strlen(town);
	} else if (code_level(ts, tn) != LVL_TOWN ||
	    strncmp(ts, gs, LVL_TOWN) != 0) {
		gw_reject(&S.run, file, rec->line, "township_code", rec,
		    "township '%s' is not the township of grid '%s'", ts, gs);
		return 1;
	}
	{
		const char *h;
		size_t hn;

		h = gw_field(rec, t->idx[W_HIRED], &hn);
		if (hn > 0 && date_parse(h, hn, &day) < 0) {
			gw_reject(&S.run, file, rec->line, "hired_on", rec,
			    "not a date: '%s'", h);
			return 1;
		}
	}
	strtab_add(S.wid, s, n, &isnew);
	if (S.nw == S.capw) {
		S.capw = S.capw ? 2 * S.capw : 256;
		S.w = xreallocarray(S.w, S.capw, sizeof *S.w);
	}
	w = &S.w[S.nw];
	memset(w, 0, sizeof *w);
	w->id = intern(s, n);
	w->grid = (int32_t)gi;
	w->town = intern(ts, tn);
	w->hired = day;
	w->slot = S.g[gi].nworkers++;
	if (S.explain && strcmp(S.explain, s) == 0)
		S.xw = (long)S.nw;
	S.nw++;
	return 0;
}

/* Urgency of an event: its urgency column, else its category's in the
   policy ([event] cat.CODE; a 4-digit code without its own, its first
   level's). */
static int
immediate(const char *urg, size_t un, const char *cat, size_t cn)
{
	char key[32];
	const char *v;

	if (un > 0)
		return un == 9 && memcmp(urg, "immediate", 9) == 0;
	if (cn == 0 || cn > 8)
		return 0;
	snprintf(key, sizeof key, "cat.%.*s", (int)cn, cat);
	if (!(v = policy_get(S.pol, "event", key)) && cn == 4) {
		snprintf(key, sizeof key, "cat.%.2s", cat);
		v = policy_get(S.pol, "event", key);
	}
	return v && strncmp(v, "immediate", 9) == 0 &&
	    (v[9] == '\0' || v[9] == ' ' || v[9] == '\t');
}

static int
event_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *src, *who, *u, *c;
	struct worker *w = NULL;
	size_t n, sn, wn, un, cn;
	int64_t rep, found;
	long gi, wi = -1;
	char a[20], b[20];

	s = gw_field(rec, t->idx[E_GRID], &n);
	if ((gi = strtab_find(S.gid, s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", s);
		return 1;
	}
	s = gw_field(rec, t->idx[E_REP], &n);
	if (datetime_parse(s, n, &rep) < 0) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	s = gw_field(rec, t->idx[E_FOUND], &n);
	if (n > 0 && datetime_parse(s, n, &found) < 0) {
		gw_reject(&S.run, file, rec->line, "found_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	if (n == 0)
		found = rep;	/* no finding time: never late */
	src = gw_field(rec, t->idx[E_SRC], &sn);
	who = gw_field(rec, t->idx[E_WHO], &wn);
	if (!(sn == 6 && memcmp(src, "worker", 6) == 0) &&
	    !(sn == 8 && memcmp(src, "resident", 8) == 0) &&
	    !(sn == 7 && memcmp(src, "hotline", 7) == 0) &&
	    !(sn == 10 && memcmp(src, "inspection", 10) == 0)) {
		gw_reject(&S.run, file, rec->line, "source", rec,
		    "not worker, resident, hotline or inspection: '%s'", src);
		return 1;
	}
	if (sn == 6) {
		if ((wi = strtab_find(S.wid, who, wn)) < 0) {
			gw_reject(&S.run, file, rec->line, "reporter_id", rec,
			    "unknown worker '%s'", who);
			return 1;
		}
		w = &S.w[wi];
	}
	s = gw_field(rec, t->idx[E_ID], &n);
	if (n == 0 || !idset_add(S.eseen, s, n)) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    n ? "event '%s' listed twice" : "empty event id", s);
		return 1;
	}
	if (rep < S.t0 || rep > S.t1)
		return 0;
	S.g[gi].events++;
	if (!w)
		return 0;
	if (w->grid == gi)
		w->own++;
	u = gw_field(rec, t->idx[E_URG], &un);
	c = gw_field(rec, t->idx[E_CAT], &cn);
	if (rep - found > S.late_secs && immediate(u, un, c, cn)) {
		w->late++;
		if (wi == S.xw) {
			datetime_fmt(found, a);
			datetime_fmt(rep, b);
			s = gw_field(rec, t->idx[E_ID], &n);
			xadd("late_report", -S.d_late,
			    "event %s: immediate, found %s, reported %s",
			    s, a, b);
		}
	}
	return 0;
}

static int
case_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *id;
	struct grid *g;
	size_t n, idn;
	int64_t dl = 0, cl = 0;
	int hasdl, hascl, sat = -1, due, ontime;
	long gi;

	s = gw_field(rec, t->idx[C_GRID], &n);
	if ((gi = strtab_find(S.gid, s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", s);
		return 1;
	}
	s = gw_field(rec, t->idx[C_DEADLINE], &n);
	if ((hasdl = n > 0) && endtime(s, n, &dl) < 0) {
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	s = gw_field(rec, t->idx[C_CLOSED], &n);
	if ((hascl = n > 0) && datetime_parse(s, n, &cl) < 0) {
		gw_reject(&S.run, file, rec->line, "closed_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	s = gw_field(rec, t->idx[C_SAT], &n);
	if (n == 1 && (s[0] == '0' || s[0] == '1'))
		sat = s[0] - '0';
	else if (n > 0) {
		gw_reject(&S.run, file, rec->line, "satisfied", rec,
		    "not 0, 1 or empty: '%s'", s);
		return 1;
	}
	id = gw_field(rec, t->idx[C_ID], &idn);
	if (idn == 0 || !idset_add(S.cseen, id, idn)) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    idn ? "case '%s' listed twice" : "empty case id", id);
		return 1;
	}
	g = &S.g[gi];
	due = hasdl && dl >= S.t0 && dl <= S.t1;
	ontime = hascl && cl <= dl;
	if (due) {
		g->due++;
		if (hascl && cl <= S.t1)
			g->closed++;
		if (ontime)
			g->ontime++;
		else if (S.xw >= 0 && S.w[S.xw].grid == gi) {
			char a[20], b[20];

			datetime_fmt(dl, a);
			if (hascl)
				datetime_fmt(cl, b);
			xadd("overdue_case", -S.d_over,
			    "case %s of the grid: due %s, %s%s", id, a,
			    hascl ? "closed " : "not closed",
			    hascl ? b : "");
		}
	}
	if (hascl && cl >= S.t0 && cl <= S.t1 && sat >= 0) {
		g->answered++;
		g->satisfied += sat;
	}
	return 0;
}

static int
patrol_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	struct worker *w;
	const char *s;
	size_t n;
	long day, min;

	if (!(w = activity(r, rec, t, S.first, S.last, &day, NULL)))
		return 1;
	s = gw_field(rec, t->idx[P_MIN], &n);
	if (parselong(s, n, &min) < 0 || min > 24 * 60) {
		gw_reject(&S.run, fname(r), rec->line, "minutes", rec,
		    "not a number of minutes 0..1440: '%s'", s);
		return 1;
	}
	/* saturate: a day of many rows stays a day that reached the mark */
	if (w->pmin[day - S.first] < 1000000)
		w->pmin[day - S.first] += (int)min;
	return 0;
}

static int
login_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct worker *w;
	long day;

	if (!(w = activity(r, rec, arg, S.first, S.last, &day, NULL)))
		return 1;
	w->logbits |= (uint64_t)1 << (day - S.first);
	return 0;
}

static int
training_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	struct worker *w;
	struct sbuf k = {0};
	const char *s;
	size_t n;
	long day, wi;
	int isnew, att;

	if (!(w = activity(r, rec, t, S.first, S.last, &day, &wi)))
		return 1;
	s = gw_field(rec, t->idx[T_ATT], &n);
	if (n != 1 || (s[0] != '0' && s[0] != '1')) {
		gw_reject(&S.run, fname(r), rec->line, "attended", rec,
		    "not 0 or 1: '%s'", s);
		return 1;
	}
	att = s[0] - '0';
	s = gw_field(rec, t->idx[T_SESS], &n);
	if (n == 0) {
		gw_reject(&S.run, fname(r), rec->line, "session_id", rec,
		    "empty session id");
		return 1;
	}
	sbuf_addf(&k, "%ld\t%.*s", wi, (int)n, s);
	strtab_add(S.sess, k.s, k.len, &isnew);
	sbuf_free(&k);
	if (!isnew) {
		gw_reject(&S.run, fname(r), rec->line, "session_id", rec,
		    "session '%s' listed twice for the worker", s);
		return 1;
	}
	w->tsched++;
	w->tatt += att;
	return 0;
}

static int
visit_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	struct worker *w;
	const char *s;
	size_t n;
	long day, hh, wi;
	int wk, bit;

	if (!(w = activity(r, rec, t, S.vfirst, S.vlast, &day, &wi)))
		return 1;
	s = gw_field(rec, t->idx[V_HH], &n);
	if ((hh = strtab_find(S.hid, s, n)) < 0) {
		gw_reject(&S.run, fname(r), rec->line, "household_id", rec,
		    "household '%s' not in the assignment", s);
		return 1;
	}
	if (S.hgrid[hh] != w->grid) {
		gw_reject(&S.run, fname(r), rec->line, "household_id", rec,
		    "household '%s' is in grid %s, not the worker's grid %s",
		    s, str(S.g[S.hgrid[hh]].code), str(S.g[w->grid].code));
		return 1;
	}
	wk = (int)((day - S.vfirst) / 7);
	if (w->slot < 10) {
		bit = w->slot * MAXWEEK + wk;
		if (S.hbits[hh] & ((uint64_t)1 << bit))
			return 0;
		S.hbits[hh] |= (uint64_t)1 << bit;
	} else if (!u64map_add(S.vextra, ((uint64_t)wi << 40) |
	    ((uint64_t)hh << 3) | (uint64_t)wk, 1, NULL))
		return 0;
	w->visited[wk]++;
	return 0;
}

static int
bonus_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	struct worker *w;
	const char *s;
	size_t n;
	long wi;
	int64_t h;

	if (!(w = worker_of(rec, t->idx[B_WHO], &wi))) {
		s = gw_field(rec, t->idx[B_WHO], &n);
		gw_reject(&S.run, fname(r), rec->line, "worker_id", rec,
		    "unknown worker '%s'", s);
		return 1;
	}
	s = gw_field(rec, t->idx[B_MONTH], &n);
	if (n != strlen(S.period) || memcmp(s, S.period, n) != 0) {
		gw_reject(&S.run, fname(r), rec->line, "month", rec,
		    "month '%s' is not %s", s, S.period);
		return 1;
	}
	s = gw_field(rec, t->idx[B_PTS], &n);
	if (hparse(s, n, &h) < 0) {
		gw_reject(&S.run, fname(r), rec->line, "points", rec,
		    "not a number of points >= 0 with at most two decimals: "
		    "'%s'", s);
		return 1;
	}
	/* saturate far above any cap: a huge sheet cannot overflow */
	w->bonus = w->bonus > INT64_MAX / 4 - h ? INT64_MAX / 4 : w->bonus + h;
	if (wi == S.xw) {
		s = gw_field(rec, t->idx[B_WHY], &n);
		xadd("bonus", h, "%.*s", (int)n, s);
	}
	return 0;
}

/* ---- policy and period ---- */

/* A policy value in hundredths (a decimal with at most two places). */
static void
polh(const char *key, int64_t *h)
{
	const char *v, *why;

	if (!(v = policy_str(S.pol, "score", key, &why)))
		die("policy '%s': %s", policy_name(S.pol), why);
	if (hparse(v, strlen(v), h) < 0)
		die("policy '%s': score.%s '%s': not a number >= 0 with at "
		    "most two decimals", policy_name(S.pol), key, v);
}

static void
load_policy(const char *name)
{
	const struct policy_kv *kv;
	const char *why;
	char key[64];
	long sum = 0, late;
	size_t n, i;
	int k;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	for (k = 0; k < NIND; k++) {
		snprintf(key, sizeof key, "weight.%s", indname[k]);
		if (policy_int(S.pol, "score", key, &S.weight[k], &why) < 0)
			die("%s", why);
		if (S.weight[k] < 0 || S.weight[k] > 1000)
			die("policy '%s': score.%s must be 0 to 1000",
			    policy_name(S.pol), key);
		sum += S.weight[k];
	}
	if (sum != 100)
		die("policy '%s': the score.weight.* sum to %ld, not 100",
		    policy_name(S.pol), sum);
	if (policy_int(S.pol, "score", "patrol_minutes", &S.pminutes,
	    &why) < 0 ||
	    policy_int(S.pol, "event", "late_minutes", &late, &why) < 0)
		die("%s", why);
	if (S.pminutes < 0 || late < 0)
		die("policy '%s': score.patrol_minutes and "
		    "event.late_minutes must not be negative",
		    policy_name(S.pol));
	S.late_secs = (int64_t)late * 60;
	polh("deduct.late_report", &S.d_late);
	polh("deduct.overdue_case", &S.d_over);
	polh("deduct_cap", &S.d_cap);
	polh("bonus_cap", &S.b_cap);
	polh("score_min", &S.smin);
	polh("score_max", &S.smax);
	if (S.smin > S.smax)
		die("policy '%s': score.score_min above score.score_max",
		    policy_name(S.pol));
	kv = policy_section(S.pol, "score", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "grade.", 6) != 0 ||
		    kv[i].key[6] == '\0')
			continue;
		S.gname = xreallocarray(S.gname, S.ngrade + 1,
		    sizeof *S.gname);
		S.gmin = xreallocarray(S.gmin, S.ngrade + 1, sizeof *S.gmin);
		S.gname[S.ngrade] = xstrdup(kv[i].key + 6);
		if (hparse(kv[i].val, strlen(kv[i].val),
		    &S.gmin[S.ngrade]) < 0)
			die("%s:%d: key '%s': not a score", kv[i].file,
			    kv[i].line, kv[i].key);
		if (S.ngrade > 0 && S.gmin[S.ngrade] >= S.gmin[S.ngrade - 1])
			die("%s:%d: key '%s': grades must be listed highest "
			    "first", kv[i].file, kv[i].line, kv[i].key);
		S.ngrade++;
	}
	if (S.ngrade == 0 || S.gmin[S.ngrade - 1] > S.smin)
		die("policy '%s': the score.grade.* must cover every score "
		    "from score_min", policy_name(S.pol));
}

static int
grade_of(int64_t h)
{
	size_t i;

	for (i = 0; i + 1 < S.ngrade; i++)
		if (h >= S.gmin[i])
			break;
	return (int)i;
}

/* The period [first, last], its weeks and working days. */
static void
set_period(long first, long last)
{
	const char *why;
	long d, m;
	int i;

	S.first = first;
	S.last = last;
	S.t0 = (int64_t)first * 86400;
	S.t1 = (int64_t)last * 86400 + 86399;
	/* the ISO weeks whose Thursday falls in the period */
	m = first - (day_wday(first) - 1);
	if (m + 3 < first)
		m += 7;
	S.nweek = 0;
	for (; m + 3 <= last; m += 7)
		S.monday[S.nweek++] = m;
	if (S.nweek > 0) {
		S.vfirst = S.monday[0];
		S.vlast = S.monday[S.nweek - 1] + 6;
	} else {
		S.vfirst = 1;
		S.vlast = 0;	/* no window: every visit is outside */
	}
	for (d = first, i = 0; d <= last; d++, i++) {
		int wk = cal_isworking(S.cal, d, &why);

		if (wk < 0)
			die("%s", why);
		S.working[i] = wk;
	}
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
setrate(struct worker *w, int k, int64_t num, int64_t den)
{
	if (den == 0) {
		num = 1;
		den = 1;
	}
	w->num[k] = num;
	w->den[k] = den;
}

/* The exact score of w before rounding, as a fraction. */
static struct frac
exact(const struct worker *w)
{
	struct frac f = { 0, 1 };
	int k;

	for (k = 0; k < NIND; k++)
		fadd(&f, (i128)S.weight[k] * w->num[k], w->den[k]);
	fadd(&f, w->bon - w->ded, 100);
	if (f.n * 100 < (i128)S.smin * f.d) {
		f.n = S.smin;
		f.d = 100;
	}
	if (f.n * 100 > (i128)S.smax * f.d) {
		f.n = S.smax;
		f.d = 100;
	}
	return f;
}

static void
score_worker(struct worker *w)
{
	const struct grid *g = &S.g[w->grid];
	struct frac f;
	int64_t cov = 0, raw;
	long d, from;
	int i, k;

	from = w->hired != LONG_MIN && w->hired > S.first ? w->hired : S.first;
	w->wd = w->login = w->patrol = 0;
	for (d = from; d <= S.last; d++) {
		i = (int)(d - S.first);
		if (!S.working[i])
			continue;
		w->wd++;
		if (w->logbits & ((uint64_t)1 << i))
			w->login++;
		if (w->pmin[i] >= S.pminutes)
			w->patrol++;
	}
	if (w->wd == 0)
		return;
	w->scored = 1;
	setrate(w, I_ATT, w->login, w->wd);
	setrate(w, I_PAT, w->patrol, w->wd);
	w->nweek = 0;
	for (k = 0; k < S.nweek; k++) {
		if (w->hired != LONG_MIN && S.monday[k] + 3 < w->hired)
			continue;
		w->nweek++;
		cov += w->visited[k] < g->households ? w->visited[k] :
		    g->households;
	}
	setrate(w, I_COV, cov, (int64_t)g->households * w->nweek);
	setrate(w, I_DIS, w->own, g->events);
	setrate(w, I_DSP, g->closed, g->due);
	setrate(w, I_ONT, g->ontime, g->due);
	setrate(w, I_TRN, w->tatt, w->tsched);
	setrate(w, I_SAT, g->satisfied, g->answered);
	raw = w->late * S.d_late + (g->due - g->ontime) * S.d_over;
	w->ded = raw < S.d_cap ? raw : S.d_cap;
	w->bon = w->bonus < S.b_cap ? w->bonus : S.b_cap;
	f = exact(w);
	w->score = fround(&f);
	w->grade = grade_of(w->score);
}

/* ---- ranking ---- */

/* A row to rank: a worker, a grid, or a worker over a quarter or year. */
struct row {
	const char *id;		/* worker_id or grid_code */
	const char *town;	/* township code */
	int64_t score;		/* hundredths */
	long rtown, rcounty;
	void *p;		/* the worker or grid behind it */
};

static int
cmp_county(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
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
	const struct row *x = a, *y = b;
	int c;

	if ((c = strncmp(x->town, y->town, LVL_COUNTY)) != 0)
		return c;
	if ((c = strcmp(x->town, y->town)) != 0)
		return c;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Competition ranks (1, 2, 2, 4) within county and township; leaves
   the rows in output order: county, township, rank, id. */
static void
rank_rows(struct row *r, size_t n)
{
	size_t i;

	qsort(r, n, sizeof *r, cmp_county);
	{
		size_t start = 0;

		for (i = 0; i < n; i++) {
			if (i == 0 || strncmp(r[i].town, r[i - 1].town,
			    LVL_COUNTY) != 0)
				start = i;
			if (i > start && r[i].score == r[i - 1].score)
				r[i].rcounty = r[i - 1].rcounty;
			else
				r[i].rcounty = (long)(i - start) + 1;
		}
	}
	qsort(r, n, sizeof *r, cmp_town);
	{
		size_t start = 0;

		for (i = 0; i < n; i++) {
			if (i == 0 || strcmp(r[i].town, r[i - 1].town) != 0)
				start = i;
			if (i > start && r[i].score == r[i - 1].score)
				r[i].rtown = r[i - 1].rtown;
			else
				r[i].rtown = (long)(i - start) + 1;
		}
	}
}

/* ---- output ---- */

static const char *const wcolout[] = {
	"month", "worker_id", "grid_code", "township_code", "attendance",
	"patrol", "coverage", "discovery", "disposal", "ontime", "training",
	"satisfaction", "deductions", "bonus", "score", "grade",
	"rank_township", "rank_county"
};
static const char *const gcolout[] = {
	"month", "grid_code", "township_code", "workers", "score", "grade",
	"rank_township", "rank_county"
};
static const char *const qcolout[] = {
	"period", "worker_id", "grid_code", "township_code", "months",
	"partial", "score", "grade", "rank_township", "rank_county"
};
static const char *const qgcolout[] = {
	"period", "grid_code", "township_code", "workers", "score", "grade",
	"rank_township", "rank_county"
};
static const char *const xcolout[] = {
	"worker_id", "item", "numerator", "denominator", "rate", "weight",
	"points", "detail"
};

static void
fh(int64_t h)
{
	char b[48];

	csvw_field(S.out, hfmt(h, b, sizeof b), (size_t)-1);
}

static void
write_workers(struct row *r, size_t n)
{
	struct worker *w;
	char b[48];
	size_t i;
	int k;

	csvw_header(S.out, wcolout, 18);
	for (i = 0; i < n; i++) {
		w = r[i].p;
		csvw_field(S.out, S.period, (size_t)-1);
		csvw_field(S.out, str(w->id), (size_t)-1);
		csvw_field(S.out, str(S.g[w->grid].code), (size_t)-1);
		csvw_field(S.out, str(w->town), (size_t)-1);
		for (k = 0; k < NIND; k++)
			csvw_field(S.out, fracfmt(w->num[k], w->den[k], 4, b,
			    sizeof b), (size_t)-1);
		fh(w->ded);
		fh(w->bon);
		fh(w->score);
		csvw_field(S.out, S.gname[w->grade], (size_t)-1);
		csvw_fieldf(S.out, "%ld", r[i].rtown);
		csvw_fieldf(S.out, "%ld", r[i].rcounty);
		csvw_endrec(S.out);
	}
}

/* Grid rows: the mean of the scores of the grid's ranked workers,
   rounded half-up once; a grid without one is not ranked. */
static void
grid_rows(struct row *wr, size_t nw, const char *period, int q)
{
	struct row *r;
	int64_t *sum;
	long *cnt;
	size_t i, n = 0;
	char (*town)[16];
	struct frac f;
	long gi;

	sum = xcalloc(S.ng ? S.ng : 1, sizeof *sum);
	cnt = xcalloc(S.ng ? S.ng : 1, sizeof *cnt);
	town = xcalloc(S.ng ? S.ng : 1, sizeof *town);
	r = xcalloc(S.ng ? S.ng : 1, sizeof *r);
	for (i = 0; i < nw; i++) {
		gi = (long)(intptr_t)wr[i].p;
		sum[gi] += wr[i].score;
		cnt[gi]++;
	}
	for (gi = 0; gi < (long)S.ng; gi++) {
		if (cnt[gi] == 0)
			continue;
		code_prefix(str(S.g[gi].code), LVL_TOWN, town[gi]);
		f.n = sum[gi];
		f.d = (i128)100 * cnt[gi];
		r[n].id = str(S.g[gi].code);
		r[n].town = town[gi];
		r[n].score = fround(&f);
		r[n].p = (void *)(intptr_t)gi;
		n++;
	}
	rank_rows(r, n);
	csvw_header(S.out, q ? qgcolout : gcolout, 8);
	for (i = 0; i < n; i++) {
		gi = (long)(intptr_t)r[i].p;
		csvw_field(S.out, period, (size_t)-1);
		csvw_field(S.out, r[i].id, (size_t)-1);
		csvw_field(S.out, r[i].town, (size_t)-1);
		csvw_fieldf(S.out, "%ld", cnt[gi]);
		fh(r[i].score);
		csvw_field(S.out, S.gname[grade_of(r[i].score)], (size_t)-1);
		csvw_fieldf(S.out, "%ld", r[i].rtown);
		csvw_fieldf(S.out, "%ld", r[i].rcounty);
		csvw_endrec(S.out);
	}
	free(sum);
	free(cnt);
	free(town);
	free(r);
}

static void
xrow(const char *item, const char *num, const char *den, const char *rate,
    const char *weight, const char *pts, const char *detail)
{
	csvw_field(S.out, S.explain, (size_t)-1);
	csvw_field(S.out, item, (size_t)-1);
	csvw_field(S.out, num, (size_t)-1);
	csvw_field(S.out, den, (size_t)-1);
	csvw_field(S.out, rate, (size_t)-1);
	csvw_field(S.out, weight, (size_t)-1);
	csvw_field(S.out, pts, (size_t)-1);
	csvw_field(S.out, detail, (size_t)-1);
	csvw_endrec(S.out);
}

static const char *const inddetail[NIND] = {
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

static void
write_explain(const struct row *r)
{
	const struct worker *w = r->p;
	const struct grid *g = &S.g[w->grid];
	char a[48], b[48], c[48], d[48], e[48], det[512], from[11], to[11];
	struct frac f;
	size_t i;
	int64_t raw;
	int k, y, wk;

	csvw_header(S.out, xcolout, 8);
	for (k = 0; k < NIND; k++) {
		int64_t num = w->num[k], den = w->den[k];

		/* the true counts, also when the rate is 1 for want of any */
		switch (k) {
		case I_ATT: num = w->login; den = w->wd; break;
		case I_PAT: num = w->patrol; den = w->wd; break;
		case I_DIS: num = w->own; den = g->events; break;
		case I_DSP: num = g->closed; den = g->due; break;
		case I_ONT: num = g->ontime; den = g->due; break;
		case I_TRN: num = w->tatt; den = w->tsched; break;
		case I_SAT: num = g->satisfied; den = g->answered; break;
		default: break;
		}
		snprintf(a, sizeof a, "%lld", (long long)num);
		snprintf(b, sizeof b, "%lld", (long long)den);
		snprintf(d, sizeof d, "%ld", S.weight[k]);
		snprintf(det, sizeof det, inddetail[k], S.pminutes);
		if (den == 0 || (k == I_COV && (g->households == 0 ||
		    w->nweek == 0)))
			strncat(det, "; none: rate 1", sizeof det -
			    strlen(det) - 1);
		xrow(indname[k], a, b, fracfmt(w->num[k], w->den[k], 4, c,
		    sizeof c), d, fracfmt((i128)S.weight[k] * w->num[k],
		    w->den[k], 4, e, sizeof e), det);
		if (k != I_COV)
			continue;
		for (i = 0; i < (size_t)S.nweek; i++) {
			int counted = w->hired == LONG_MIN ||
			    S.monday[i] + 3 >= w->hired;
			char item[32];

			iso_week(S.monday[i], &y, &wk);
			snprintf(item, sizeof item, "coverage %04d-W%02d", y,
			    wk);
			snprintf(a, sizeof a, "%ld", (long)w->visited[i]);
			snprintf(b, sizeof b, "%ld", g->households);
			date_fmt(S.monday[i], from);
			date_fmt(S.monday[i] + 6, to);
			snprintf(det, sizeof det, "distinct households of "
			    "grid %s visited %s..%s%s", str(g->code), from, to,
			    counted ? "" : "; not counted: hired after its "
			    "Thursday");
			xrow(item, a, b, g->households ? fracfmt(
			    w->visited[i] < g->households ? w->visited[i] :
			    g->households, g->households, 4, c, sizeof c) : "",
			    "", "", det);
		}
	}
	for (i = 0; i < S.nx; i++)
		if (strcmp(S.x[i].item, "bonus") != 0)
			xrow(S.x[i].item, "", "", "", "", hfmt(S.x[i].pts, a,
			    sizeof a), S.x[i].detail);
	raw = w->late * S.d_late + (g->due - g->ontime) * S.d_over;
	snprintf(det, sizeof det, "%ld late immediate reports x %s + %ld "
	    "overdue cases x %s, capped at %s", w->late,
	    hfmt(S.d_late, c, sizeof c), g->due - g->ontime,
	    hfmt(S.d_over, d, sizeof d), hfmt(S.d_cap, e, sizeof e));
	xrow("deductions", hfmt(raw, a, sizeof a), "", "", "",
	    hfmt(-w->ded, b, sizeof b), det);
	for (i = 0; i < S.nx; i++)
		if (strcmp(S.x[i].item, "bonus") == 0)
			xrow(S.x[i].item, "", "", "", "", hfmt(S.x[i].pts, a,
			    sizeof a), S.x[i].detail);
	snprintf(det, sizeof det, "commendations, capped at %s",
	    hfmt(S.b_cap, c, sizeof c));
	xrow("bonus total", hfmt(w->bonus, a, sizeof a), "", "", "",
	    hfmt(w->bon, b, sizeof b), det);
	f = exact(w);
	snprintf(det, sizeof det, "sum of the points - deductions + bonus, "
	    "clamped to %s..%s, rounded half-up once; grade %s, rank %ld in "
	    "township %s, %ld in the county", hfmt(S.smin, c, sizeof c),
	    hfmt(S.smax, d, sizeof d), S.gname[w->grade], r->rtown,
	    str(w->town), r->rcounty);
	xrow("score", fracfmt(f.n, f.d, 8, a, sizeof a), "", "", "",
	    hfmt(w->score, b, sizeof b), det);
}

/* ---- quarters and years from monthly score rows ---- */

struct qworker {
	uint32_t id, grid, town;	/* strtab indexes */
	int lastmon;		/* month that gave grid and town */
	int64_t sum[4];		/* hundredths, by quarter */
	int cnt[4];		/* months present, by quarter */
};

static struct {
	int year, quarter;	/* quarter 0: the whole year */
	strtab *seen;		/* worker + month */
	struct qworker *q;
	size_t nq, capq;
} Q;

static int
score_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = fname(r), *s, *gs, *ts, *why;
	struct qworker *q;
	size_t n, gn, tn, i;
	int isnew, y, m;
	int64_t h;
	static struct sbuf key;
	char town[16];
	long first, last, wi;

	s = gw_field(rec, t->idx[S_MONTH], &n);
	if (n != 7 || month_parse(s, &first, &last) < 0) {
		gw_reject(&S.run, file, rec->line, "month", rec,
		    "not a month YYYY-MM: '%s'", s);
		return 1;
	}
	day_to_ymd(first, &y, &m, &(int){0});
	if (y != Q.year || (Q.quarter && (m - 1) / 3 + 1 != Q.quarter))
		return 0;	/* another period's row */
	gs = gw_field(rec, t->idx[S_GRID], &gn);
	if (code_check(gs, gn, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", gs, why);
		return 1;
	}
	ts = gw_field(rec, t->idx[S_TOWN], &tn);
	if (tn == 0) {
		code_prefix(gs, LVL_TOWN, town);
		ts = town;
		tn = strlen(town);
	}
	s = gw_field(rec, t->idx[S_SCORE], &n);
	if (hparse(s, n, &h) < 0) {
		gw_reject(&S.run, file, rec->line, "score", rec,
		    "not a score >= 0 with at most two decimals: '%s'", s);
		return 1;
	}
	s = gw_field(rec, t->idx[S_WHO], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "empty worker id");
		return 1;
	}
	sbuf_reset(&key);
	sbuf_addf(&key, "%.*s\t%d", (int)n, s, m);
	strtab_add(Q.seen, key.s, key.len, &isnew);
	if (!isnew) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "a second score of worker '%s' for %04d-%02d", s, y, m);
		return 1;
	}
	if ((wi = strtab_find(S.wid, s, n)) < 0) {
		wi = (long)strtab_add(S.wid, s, n, NULL);
		if (Q.nq == Q.capq) {
			Q.capq = Q.capq ? 2 * Q.capq : 256;
			Q.q = xreallocarray(Q.q, Q.capq, sizeof *Q.q);
		}
		q = &Q.q[Q.nq++];
		memset(q, 0, sizeof *q);
		q->id = intern(s, n);
	}
	q = &Q.q[wi];
	if (m > q->lastmon) {
		q->lastmon = m;
		q->grid = intern(gs, gn);
		q->town = intern(ts, tn);
	}
	i = (size_t)(m - 1) / 3;
	q->sum[i] += h;
	q->cnt[i]++;
	return 0;
}

/* The worker's score over the period: the mean of the months present
   (a quarter), or the mean of the quarters present, each the mean of
   its months (a year); exact, rounded half-up once. */
static int64_t
qscore(const struct qworker *q, int *months)
{
	struct frac f = { 0, 1 };
	int i, nq = 0;

	*months = 0;
	for (i = 0; i < 4; i++) {
		if (Q.quarter && i != Q.quarter - 1)
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

static void
run_periods(int argc, char **argv, int bygrid)
{
	struct tab t = { "scores", scols, NSCOL, NSCOL, {0} };
	struct row *r;
	char period[16];
	size_t i;
	int months, full = Q.quarter ? 3 : 12;

	Q.seen = strtab_new();
	if (argc == 0 && !S.db)
		die("--quarter and --year need --scores FILE ... or -d STORE");
	if (argc == 0)
		load_store("scores", &t, score_rec);
	else if (gw_loop(&S.run, argc, argv, &S.ro, tab_hdr, score_rec,
	    &t) < 0)
		gw_exit(GW_FATAL);
	if (Q.quarter)
		snprintf(period, sizeof period, "%04d-Q%d", Q.year, Q.quarter);
	else
		snprintf(period, sizeof period, "%04d", Q.year);
	r = xcalloc(Q.nq ? Q.nq : 1, sizeof *r);
	for (i = 0; i < Q.nq; i++) {
		r[i].id = str(Q.q[i].id);
		r[i].town = str(Q.q[i].town);
		r[i].score = qscore(&Q.q[i], &months);
		r[i].p = &Q.q[i];
	}
	if (bygrid) {
		/* grids from the workers' latest grid */
		for (i = 0; i < Q.nq; i++) {
			const char *gs = str(Q.q[i].grid);
			long gi = strtab_find(S.gid, gs, strlen(gs));
			int isnew;

			if (gi < 0) {
				gi = (long)strtab_add(S.gid, gs, strlen(gs),
				    &isnew);
				if (S.ng == S.capg) {
					S.capg = S.capg ? 2 * S.capg : 256;
					S.g = xreallocarray(S.g, S.capg,
					    sizeof *S.g);
				}
				memset(&S.g[S.ng], 0, sizeof *S.g);
				S.g[S.ng++].code = Q.q[i].grid;
			}
			r[i].p = (void *)(intptr_t)gi;
		}
		grid_rows(r, Q.nq, period, 1);
		free(r);
		return;
	}
	rank_rows(r, Q.nq);
	csvw_header(S.out, qcolout, 10);
	for (i = 0; i < Q.nq; i++) {
		const struct qworker *q = r[i].p;

		qscore(q, &months);
		csvw_field(S.out, period, (size_t)-1);
		csvw_field(S.out, r[i].id, (size_t)-1);
		csvw_field(S.out, str(q->grid), (size_t)-1);
		csvw_field(S.out, r[i].town, (size_t)-1);
		csvw_fieldf(S.out, "%d", months);
		csvw_fieldf(S.out, "%d", months < full);
		fh(r[i].score);
		csvw_field(S.out, S.gname[grade_of(r[i].score)], (size_t)-1);
		csvw_fieldf(S.out, "%ld", r[i].rtown);
		csvw_fieldf(S.out, "%ld", r[i].rcounty);
		csvw_endrec(S.out);
	}
	free(r);
}

/* ---- main ---- */

/*
 * The rows of a store table for the period: a store keeps every month,
 * so the dated activity tables are read for the period's window only
 * (the window's rows still pass every check, hiring included) and bonus
 * for the month only; the other tables whole, as from a file.
 */
static sqlite3_stmt *
period_select(const char *table, const struct tab *t, const char **sel,
    size_t nsel, const char **why)
{
	struct sbuf b = {0};
	sqlite3_stmt *st = NULL;
	char lo[11], hi[11];
	size_t i;
	int rc;

	if (t->cols == pcols || t->cols == lcols || t->cols == tcols) {
		date_fmt(S.first, lo);
		date_fmt(S.last, hi);
	} else if (t->cols == vcols) {
		date_fmt(S.vfirst, lo);
		date_fmt(S.vlast, hi);
	} else if (t->cols != bcols)
		return store_select(S.db, table, sel, nsel, why);
	/* the names are this file's constants, checked against the table */
	sbuf_adds(&b, "SELECT ");
	for (i = 0; i < nsel; i++)
		sbuf_addf(&b, "%s\"%s\"", i ? ", " : "", sel[i]);
	sbuf_addf(&b, " FROM \"%s\" WHERE ", table);
	sbuf_adds(&b, t->cols == bcols ? "\"month\" = ?1" :
	    "\"date\" BETWEEN ?1 AND ?2");
	sbuf_adds(&b, " ORDER BY rowid");
	rc = sqlite3_prepare_v2(S.db, b.s, -1, &st, NULL);
	sbuf_free(&b);
	if (rc != SQLITE_OK) {
		*why = sqlite3_errmsg(S.db);
		return NULL;
	}
	if (t->cols == bcols)
		rc = sqlite3_bind_text(st, 1, S.period, -1, SQLITE_TRANSIENT);
	else if ((rc = sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT)) ==
	    SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
	if (rc != SQLITE_OK) {
		*why = sqlite3_errmsg(S.db);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/*
 * Reads the store's table of the same name as opt through the same row
 * callback: the columns it has of cols (a missing required one is fatal),
 * NULL as an empty field, rows in order of arrival; a row is named
 * STORE:table:N, N its place in that order.
 */
static void
load_store(const char *opt, struct tab *t, gw_rec_fn *fn)
{
	struct store_col *sc;
	sqlite3_stmt *st;
	struct gw_rec rec;
	const char *sel[16], *why;
	size_t nsc, nsel = 0, i;
	int j, k, rc;

	if (!(sc = store_table_columns(S.db, opt, &nsc)))
		die("%s: no table '%s'", S.tabname, opt);
	for (j = 0; j < t->ncol; j++) {
		t->idx[j] = -1;
		for (i = 0; i < nsc; i++)
			if (strcmp(sc[i].name, t->cols[j]) == 0) {
				t->idx[j] = (int)nsel;
				sel[nsel++] = t->cols[j];
				break;
			}
		if (t->idx[j] < 0 && j < t->nreq)
			die("%s: table '%s' has no column '%s'", S.tabname, opt,
			    t->cols[j]);
	}
	store_cols_free(sc, nsc);
	if (!(st = period_select(opt, t, sel, nsel, &why)))
		die("%s: %s", S.tabname, why);
	{
		char *colon = strrchr(S.tabname, ':');

		if (colon)
			*colon = '\0';
		snprintf(S.tabname + strlen(S.tabname), sizeof S.tabname -
		    strlen(S.tabname), ":%s", opt);
	}
	memset(&rec, 0, sizeof rec);
	rec.f = xcalloc(nsel ? nsel : 1, sizeof *rec.f);
	rec.len = xcalloc(nsel ? nsel : 1, sizeof *rec.len);
	rec.nf = nsel;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rec.line++;
		for (i = 0; i < nsel; i++) {
			const unsigned char *v;

			v = sqlite3_column_text(st, (int)i);

			rec.f[i] = v ? (char *)v : "";
			rec.len[i] = v ? (size_t)sqlite3_column_bytes(st,
			    (int)i) : 0;
		}
		S.run.nread++;
		if ((k = fn(NULL, &rec, t)) < 0)
			gw_exit(GW_FATAL);
		if (k == 0)
			S.run.nok++;
	}
	if (rc != SQLITE_DONE)
		die("%s: %s", S.tabname, sqlite3_errmsg(S.db));
	sqlite3_finalize(st);
	free(rec.f);
	free(rec.len);
}

static void
load(const char *path, const char *opt, const char *const *cols, int ncol,
    int nreq, gw_rec_fn *fn)
{
	struct tab t;
	char *v[2];

	memset(&t, 0, sizeof t);
	t.opt = opt;
	t.cols = cols;
	t.ncol = ncol;
	t.nreq = nreq;
	if (!path) {
		load_store(opt, &t, fn);
		return;
	}
	v[0] = (char *)path;
	v[1] = NULL;
	if (gw_loop(&S.run, 1, v, &S.ro, tab_hdr, fn, &t) < 0)
		gw_exit(GW_FATAL);
}

static void
run_month(const char *const *in, int bygrid)
{
	struct row *r;
	size_t i, n = 0;

	S.gid = strtab_new();
	S.wid = strtab_new();
	S.hid = strtab_new();
	S.sess = strtab_new();
	S.vextra = u64map_new(0);
	S.eseen = idset_new();
	S.cseen = idset_new();
	load(in[1], "grids", gcols, NGCOL, NGCOL, grid_rec);
	load(in[2], "assignment", acols, NACOL, NACOL, assign_rec);
	load(in[0], "workers", wcols, NWCOL, 2, worker_rec);
	if (S.explain && S.xw < 0)
		die("--explain '%s': no such worker in '%s'", S.explain, in[0]);
	load(in[3], "events", ecols, NECOL, 4, event_rec);
	load(in[4], "cases", ccols, NCCOL, 3, case_rec);
	load(in[5], "patrols", pcols, NPCOL, NPCOL, patrol_rec);
	load(in[7], "logins", lcols, NLCOL, NLCOL, login_rec);
	load(in[8], "trainings", tcols, NTCOL, NTCOL, training_rec);
	load(in[6], "visits", vcols, NVCOL, NVCOL, visit_rec);
	if (in[9] || (S.db && !S.week))
		load(in[9], "bonus", bcols, NBCOL, 3, bonus_rec);

	r = xcalloc(S.nw ? S.nw : 1, sizeof *r);
	for (i = 0; i < S.nw; i++) {
		struct worker *w = &S.w[i];

		score_worker(w);
		if (!w->scored) {
			char h[11] = "", a[11];

			if (w->hired != LONG_MIN)
				date_fmt(w->hired, h);
			date_fmt(S.last, a);
			if (w->hired > S.last)
				warn("worker '%s' hired %s, after %s: not scored",
				    str(w->id), h, a);
			else
				warn("worker '%s' hired %s: no working day to "
				    "%s, not scored", str(w->id), h, a);
			if ((long)i == S.xw)
				die("--explain '%s': not scored: no working "
				    "day from hiring to the period's end",
				    S.explain);
			continue;
		}
		r[n].id = str(w->id);
		r[n].town = str(w->town);
		r[n].score = w->score;
		r[n].p = bygrid ? (void *)(intptr_t)w->grid : w;
		n++;
	}
	if (bygrid)
		grid_rows(r, n, S.period, 0);
	else {
		rank_rows(r, n);
		if (S.explain) {
			for (i = 0; i < n; i++)
				if (r[i].p == &S.w[S.xw])
					write_explain(&r[i]);
		} else
			write_workers(r, n);
	}
	free(r);
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"workers", required_argument, 0, OPT_WORKERS},
		{"grids", required_argument, 0, OPT_GRIDS},
		{"assignment", required_argument, 0, OPT_ASSIGN},
		{"events", required_argument, 0, OPT_EVENTS},
		{"cases", required_argument, 0, OPT_CASES},
		{"patrols", required_argument, 0, OPT_PATROLS},
		{"visits", required_argument, 0, OPT_VISITS},
		{"logins", required_argument, 0, OPT_LOGINS},
		{"trainings", required_argument, 0, OPT_TRAININGS},
		{"bonus", required_argument, 0, OPT_BONUS},
		{"scores", required_argument, 0, OPT_SCORES},
		{"explain", required_argument, 0, OPT_EXPLAIN},
		{"quarter", required_argument, 0, OPT_QUARTER},
		{"year", required_argument, 0, OPT_YEAR},
		{"by", required_argument, 0, OPT_BY},
		{0, 0, 0, 0}
	};
	static const char *const inname[] = { "workers", "grids",
	    "assignment", "events", "cases", "patrols", "visits", "logins",
	    "trainings" };
	struct gw_opts o;
	const char *in[10] = {0}, *quarter = NULL, *year = NULL;
	char **scores = NULL;
	int ch, i, nscores = 0, bygrid = 0, nper, status;
	long first, last;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.xw = -1;
	while ((ch = getopt_long(argc, argv, "d:E:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_BY:
			if (strcmp(optarg, "grid") == 0)
				bygrid = 1;
			else if (strcmp(optarg, "worker") == 0)
				bygrid = 0;
			else
				die("--by '%s': not worker or grid", optarg);
			break;
		case OPT_EXPLAIN:
			S.explain = optarg;
			break;
		case OPT_QUARTER:
			quarter = optarg;
			break;
		case OPT_SCORES:
			scores = xreallocarray(scores, nscores + 2,
			    sizeof *scores);
			scores[nscores++] = optarg;
			scores[nscores] = NULL;
			break;
		case OPT_YEAR:
			year = optarg;
			break;
		default:
			if (ch >= OPT_WORKERS && ch <= OPT_BONUS) {
				in[ch - OPT_WORKERS] = optarg;
				break;
			}
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0)
		die("unexpected operand '%s': inputs are named by options",
		    argv[0]);
	nper = !!o.month + !!o.week + !!quarter + !!year;
	if (nper != 1)
		die("give exactly one of --month, --week, --quarter, --year");
	if (o.store) {
		const char *why;

		if (!(S.db = store_open(o.store, STORE_RDONLY, &why)))
			die("%s", why);
		snprintf(S.tabname, sizeof S.tabname, "%s:", o.store);
	}
	if (o.regions || o.at || o.as_of)
		die("score-month takes none of -R, --at, --as-of");
	load_policy(o.policy);
	S.run.rejects_path = o.rejects;
	S.run.mixed = 1;	/* rows of ten tables in one rejects file */
	S.ro = gw_inopt(&o);
	tmp = gw_spool();
	S.out = gw_out(&o, tmp);

	if (quarter || year) {
		const char *p = quarter ? quarter : year;
		char *end;

		if (S.explain)
			die("--explain is for --month and --week");
		for (i = 0; i < 10; i++)
			if (in[i])
				die("--quarter and --year read --scores only");
		Q.year = (int)strtol(p, &end, 10);
		if (end != p + 4 || Q.year < 1000 || !isdigit((unsigned char)
		    p[0]))
			die("'%s': not %s", p, quarter ? "YYYY-Qn" : "YYYY");
		if (quarter) {
			if (end[0] != '-' || end[1] != 'Q' || end[2] < '1' ||
			    end[2] > '4' || end[3] != '\0')
				die("--quarter '%s': not YYYY-Qn", p);
			Q.quarter = end[2] - '0';
		} else if (*end != '\0')
			die("--year '%s': not YYYY", p);
		S.wid = strtab_new();
		S.gid = strtab_new();
		S.str = strtab_new();
		run_periods(nscores, scores, bygrid);
	} else {
		if (scores)
			die("--scores is for --quarter and --year");
		for (i = 0; i < 9; i++)
			if (!in[i] && (!S.db || i == 2))
				die("missing --%s FILE%s", inname[i], S.db ?
				    ": the store has no household-to-grid "
				    "table" : "");
		if (S.explain && bygrid)
			die("--explain is for workers, not --by grid");
		if (o.week) {
			if (in[9])
				die("--bonus is monthly: not with --week");
			if (week_parse(o.week, &first, &last) < 0)
				die("--week '%s': not YYYY-Www", o.week);
			S.week = 1;
			snprintf(S.period, sizeof S.period, "%s", o.week);
		} else {
			if (strlen(o.month) != 7 ||
			    month_parse(o.month, &first, &last) < 0)
				die("--month '%s': not YYYY-MM", o.month);
			snprintf(S.period, sizeof S.period, "%s", o.month);
		}
		S.str = strtab_new();
		S.cal = cal_open(NULL);
		set_period(first, last);
		run_month(in, bygrid);
	}
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	store_close(S.db);
	if (S.cal)
		cal_warnprov(S.cal, "working days");
	status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
