/*
 * score-month — the monthly assessment and ranking of grid workers
 * (DOMAIN.md §8): eight indicators as rates, deductions, bonus, score,
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
 * Output goes to a temporary file copied to stdout at the end, so a
 * fatal error leaves stdout empty.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: score-month --month YYYY-MM | --week YYYY-Www [-p policy]\n"
    "                   [--by worker|grid] [--explain worker_id]\n"
    "                   --workers file --grids file --assignment file\n"
    "                   --events file --cases file --patrols file\n"
    "                   --visits file --logins file --trainings file\n"
    "                   [--bonus file] [-E enc] [-i csv|tsv]\n"
    "                   [-o csv|tsv|jsonl] [-r rejects] [--zh] [--excel]\n"
    "       score-month --quarter YYYY-Qn | --year YYYY [-p policy]\n"
    "                   [--by worker|grid] [-E enc] [-i csv|tsv]\n"
    "                   [-o csv|tsv|jsonl] [-r rejects] [--zh] [--excel]\n"
    "                   --scores file ...\n";

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
	long own, late;		/* events reported; late immediate ones */
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
	int nweek;		/* ISO weeks whose Thursday is in the period */
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
	/* --explain */
	const char *explain;
	long xw;		/* index of the worker, or -1 */
	struct xline *x;
	size_t nx, capx;
} S;

/* ---- small helpers ---- */

static const char *
field(const struct gw_rec *rec, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= rec->nf) {
		*len = 0;
		return "";
	}
	*len = rec->len[col];
	return rec->f[col];
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
	struct sbuf b = {0};
	va_list ap;

	if (S.nx == S.capx) {
		S.capx = S.capx ? 2 * S.capx : 16;
		S.x = xreallocarray(S.x, S.capx, sizeof *S.x);
	}
	va_start(ap, fmt);
	{
		char tmp[512];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		sbuf_adds(&b, tmp);
	}
	va_end(ap);
	S.x[S.nx].item = xstrdup(item);
	S.x[S.nx].detail = b.s ? b.s : xstrdup("");
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

	s = field(rec, col, &n);
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
	const char *file = csvr_name(r), *s;
	struct worker *w;
	char a[11], b[11];
	size_t n;

	if (!(w = worker_of(rec, t->idx[0], ix))) {
		s = field(rec, t->idx[0], &n);
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "unknown worker '%s'", s);
		return NULL;
	}
	s = field(rec, t->idx[1], &n);
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
	int i;

	for (i = 0; i < t->ncol; i++) {
		t->idx[i] = csvr_col(r, t->cols[i]);
		if (t->idx[i] < 0 && i < t->nreq) {
			warn("%s: missing column '%s' (--%s)", csvr_name(r),
			    t->cols[i], t->opt);
			return -1;
		}
	}
	return 0;
}

/* ---- the tables ---- */

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	const char *file = csvr_name(r), *s, *why;
	struct grid *g;
	size_t n;
	long hh = 0;
	int isnew;

	s = field(rec, t->idx[G_CODE], &n);
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

		h = field(rec, t->idx[G_HH], &hn);
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
	const char *file = csvr_name(r), *s, *gs;
	size_t n, gn, i;
	long gi;
	int isnew;

	s = field(rec, t->idx[A_HH], &n);
	gs = field(rec, t->idx[A_GRID], &gn);
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
	const char *file = csvr_name(r), *s, *gs, *ts;
	struct worker *w;
	size_t n, gn, tn;
	long gi, day = LONG_MIN;
	char town[16];
	int isnew;

	s = field(rec, t->idx[W_ID], &n);
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
	gs = field(rec, t->idx[W_GRID], &gn);
	if ((gi = strtab_find(S.gid, gs, gn)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", gs);
		return 1;
	}
	ts = field(rec, t->idx[W_TOWN], &tn);
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

		h = field(rec, t->idx[W_HIRED], &hn);
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
	const char *file = csvr_name(r), *s, *src, *who, *u, *c;
	struct worker *w = NULL;
	size_t n, sn, wn, un, cn;
	int64_t rep, found;
	long gi, wi = -1;
	char a[20], b[20];

	s = field(rec, t->idx[E_GRID], &n);
	if ((gi = strtab_find(S.gid, s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", s);
		return 1;
	}
	s = field(rec, t->idx[E_REP], &n);
	if (datetime_parse(s, n, &rep) < 0) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	src = field(rec, t->idx[E_SRC], &sn);
	who = field(rec, t->idx[E_WHO], &wn);
	if (sn == 6 && memcmp(src, "worker", 6) == 0) {
		if ((wi = strtab_find(S.wid, who, wn)) < 0) {
			gw_reject(&S.run, file, rec->line, "reporter_id", rec,
			    "unknown worker '%s'", who);
			return 1;
		}
		w = &S.w[wi];
	}
	s = field(rec, t->idx[E_ID], &n);
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
	u = field(rec, t->idx[E_URG], &un);
	c = field(rec, t->idx[E_CAT], &cn);
	s = field(rec, t->idx[E_FOUND], &n);
	if (n > 0 && datetime_parse(s, n, &found) == 0 &&
	    rep - found > S.late_secs && immediate(u, un, c, cn)) {
		w->late++;
		if (wi == S.xw) {
			datetime_fmt(found, a);
			datetime_fmt(rep, b);
			s = field(rec, t->idx[E_ID], &n);
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
	const char *file = csvr_name(r), *s, *id;
	struct grid *g;
	size_t n, idn;
	int64_t dl = 0, cl = 0;
	int hasdl, hascl, sat = -1, due, ontime;
	long gi;

	s = field(rec, t->idx[C_GRID], &n);
	if ((gi = strtab_find(S.gid, s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "grid '%s' not in the grids table", s);
		return 1;
	}
	s = field(rec, t->idx[C_DEADLINE], &n);
	if ((hasdl = n > 0) && endtime(s, n, &dl) < 0) {
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	s = field(rec, t->idx[C_CLOSED], &n);
	if ((hascl = n > 0) && datetime_parse(s, n, &cl) < 0) {
		gw_reject(&S.run, file, rec->line, "closed_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	s = field(rec, t->idx[C_SAT], &n);
	if (n == 1 && (s[0] == '0' || s[0] == '1'))
		sat = s[0] - '0';
	else if (n > 0) {
		gw_reject(&S.run, file, rec->line, "satisfied", rec,
		    "not 0, 1 or empty: '%s'", s);
		return 1;
	}
	id = field(rec, t->idx[C_ID], &idn);
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
	s = field(rec, t->idx[P_MIN], &n);
	if (parselong(s, n, &min) < 0 || min > 24 * 60) {
		gw_reject(&S.run, csvr_name(r), rec->line, "minutes", rec,
		    "not a number of minutes 0..1440: '%s'", s);
		return 1;
	}
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
	s = field(rec, t->idx[T_ATT], &n);
	if (n != 1 || (s[0] != '0' && s[0] != '1')) {
		gw_reject(&S.run, csvr_name(r), rec->line, "attended", rec,
		    "not 0 or 1: '%s'", s);
		return 1;
	}
	att = s[0] - '0';
	s = field(rec, t->idx[T_SESS], &n);
	if (n == 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "session_id", rec,
		    "empty session id");
		return 1;
	}
	sbuf_addf(&k, "%ld\t%.*s", wi, (int)n, s);
	strtab_add(S.sess, k.s, k.len, &isnew);
	sbuf_free(&k);
	if (!isnew) {
		gw_reject(&S.run, csvr_name(r), rec->line, "session_id", rec,
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
	s = field(rec, t->idx[V_HH], &n);
	if ((hh = strtab_find(S.hid, s, n)) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "household_id", rec,
		    "household '%s' not in the assignment", s);
		return 1;
	}
	if (S.hgrid[hh] != w->grid) {
		gw_reject(&S.run, csvr_name(r), rec->line, "household_id", rec,
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
		s = field(rec, t->idx[B_WHO], &n);
		gw_reject(&S.run, csvr_name(r), rec->line, "worker_id", rec,
		    "unknown worker '%s'", s);
		return 1;
	}
	s = field(rec, t->idx[B_MONTH], &n);
	if (n != strlen(S.period) || memcmp(s, S.period, n) != 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "month", rec,
		    "month '%s' is not %s", s, S.period);
		return 1;
	}
	s = field(rec, t->idx[B_PTS], &n);
	if (hparse(s, n, &h) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "points", rec,
		    "not a number of points >= 0 with at most two decimals: "
		    "'%s'", s);
		return 1;
	}
	/* saturate far above any cap: a huge sheet cannot overflow */
	w->bonus = w->bonus > INT64_MAX / 4 - h ? INT64_MAX / 4 : w->bonus + h;
	if (wi == S.xw) {
		s = field(rec, t->idx[B_WHY], &n);
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
