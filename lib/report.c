/*
 * report.c — the monthly analysis for leaders (gw-report(1)): the
 * figures of a month (or a quarter or year) for a county, township or
 * village, broken down by the next level, from the store's tables read
 * through table.c, and written as one self-contained HTML page or as a
 * workbook of the same tables.
 *
 * The rules are the engines': categories, their names and urgency from
 * category.c; the late immediate report of gridwork-rules(7), EVENTS;
 * the change of evcount.c (ev_change); a case's figures and a group's
 * rates from caselog.c (caselog_tally, caselog_rates, caselog_days_late);
 * grades and weights from score.c; insurance from pay.c.  Nothing here
 * recomputes a score or a pay line: those are read as stored.
 *
 * The report is a list of tables (struct rtab); the HTML draws a chart
 * from a table's numeric columns beside the table itself, and -o xlsx
 * writes each table as a sheet.  Every figure is formatted once, when
 * its table is made, so that both outputs show the same text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

#define NMON 12		/* months of the lines */
#define NLIST 10	/* rows of a top or bottom list */

enum { P_CUR, P_PREV, P_LY, P_N };	/* the period, before, a year before */

struct rep_area {
	char code[16];
	long ev[P_N];
	long imm, late;
	struct caselog_group cg;
	long *grade;		/* [ngrade] workers of each grade */
	long scored, paid;
	int64_t gross;
};

struct rep_dept {
	struct caselog_group cg;
	long overdue;		/* open past the deadline at the end */
};

struct rep_worker {
	size_t id, name;	/* strtab indexes */
	char grid[16], town[16];
	int64_t h;		/* score, hundredths */
	int grade, prevgrade;	/* gname index, -1 none */
	int worst;		/* indicator that cost most, SCORE_NIND:
				   deductions, -1 none */
	double lost;		/* its points */
};

struct rep_case {		/* an overdue open case */
	size_t id, dept;
	int cat;
	char grid[16];
	int64_t deadline;
	long late;		/* working days */
};

struct rep_late {		/* a late immediate report */
	size_t id;
	int cat;
	char grid[16];
	int64_t found, rep;
};

struct rtab {
	const char *id;		/* HTML id, the sheet's order */
	char *title;
	size_t ncol;
	char **head;
	char **cell;		/* row-major, ncell = nrow * ncol */
	double *val;		/* the figure of each cell, NaN: none */
	size_t ncell, cap;
	int chart;		/* RT_* */
	unsigned series;	/* bit c: column c is a series */
	int pct, stacked;
	char *note;		/* under the table, or NULL */
	const char **rowid;	/* glance: each row's key, for its id */
};
enum { RT_NONE, RT_BARS, RT_LINES };

struct report {
	const policy *pol;
	struct report_opt o;
	struct cattab cats;
	struct score sc;	/* [score]: weights and grades */
	struct score qs;	/* a quarter's or year's scores (score_span) */
	struct caselog cl;
	int havecl;
	int64_t insmonth;	/* [pay] insurance a worker a month, fen */
	strtab *lab;		/* labels.tsv: key -> its Chinese */
	char **labv;
	size_t nlab;
	strtab *str;		/* ids, names, departments */
	strtab *rname;		/* region code -> rnamev */
	char **rnamev;
	char area[16];		/* the area reported on */
	int alvl, by;		/* its level, the breakdown's */
	int span;		/* months in the period: 1, 3 or 12 */
	int kmon;		/* month key (year * 12 + month - 1) of the
				   period's last month */
	int64_t t[P_N][2];	/* the periods' first and last seconds */
	char mon[P_N][16];	/* the periods' months, YYYY-MM, of [0] */
	char plabel[P_N][32];	/* 2026年10月, 2026年第三季度 */
	int64_t late_secs;
	/* the figures */
	struct rep_area all;
	struct rep_area *a;	/* areas of the breakdown, by ax index */
	strtab *ax;
	long (*catev)[P_N];	/* events by first-level category */
	long mev[NMON];		/* events by month of the lines */
	struct caselog_group mcg[NMON];
	strtab *dx;		/* department -> dept[] */
	struct rep_dept *dept;
	struct rep_worker *w;
	size_t nw, capw;
	u64map *prevgrade;	/* worker_id hash -> 1 + grade */
	u64map *wname;		/* worker_id hash -> 1 + strtab name */
	struct rep_case *oc;
	size_t noc, capoc;
	struct rep_late *lt;
	size_t nlt, caplt;
	strtab *gx;		/* grids of the area -> reported[] */
	char *greported;
	long grids;
	/* the output */
	struct rtab *tab;
	size_t ntab;
	long unfit2;		/* of the lowest grade twice running */
	pop *pop;		/* key persons' visits, or NULL */
	long keyshort;		/* persons short of visits in the area;
				   -1: no visits to count */
	const struct gw_rec *rec;	/* the row being read, its input */
	const char *recname;
	struct sbuf err;
	/* reading */
	struct gw_run *run;
	const struct csvr_opt *ropt;
	sqlite3 *db;
	const char *store;
	const colspec *cs;
};

/* ---- labels ---- */

static void
addlab(char **f, int nf, void *arg)
{
	report *r = arg;
	int isnew;
	size_t i;

	if (nf < 2)
		return;
	i = strtab_add(r->lab, f[0], strlen(f[0]), &isnew);
	if (!isnew)
		return;
	r->labv = xreallocarray(r->labv, i + 1, sizeof *r->labv);
	r->labv[i] = xstrdup(f[1]);
	r->nlab = i + 1;
}

/* The Chinese of key, or the key itself (a label file out of date). */
static const char *
L(const report *r, const char *key)
{
	long i = strtab_find(r->lab, key, strlen(key));

	return i < 0 ? key : r->labv[i];
}

/* Replaces each {name} of tmpl by val(name), or keeps it as written. */
static void
subst(struct sbuf *b, const char *tmpl,
    const char *(*val)(void *arg, const char *name), void *arg)
{
	const char *p, *e, *v;
	char name[64];

	for (p = tmpl; *p; p++) {
		if (*p == '{' && (e = strchr(p, '}')) &&
		    (size_t)(e - p - 1) < sizeof name) {
			memcpy(name, p + 1, (size_t)(e - p - 1));
			name[e - p - 1] = '\0';
			if ((v = val(arg, name))) {
				sbuf_adds(b, v);
				p = e;
				continue;
			}
		}
		sbuf_addc(b, *p);
	}
}

/* ---- Chinese number formats ---- */

/* 1256 -> "1,256" */
static char *
fcount(long v, char *out)
{
	char d[32];
	size_t n, i, j = 0;
	int neg = v < 0;

	snprintf(d, sizeof d, "%ld", neg ? -v : v);
	n = strlen(d);
	if (neg)
		out[j++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = d[i];
	}
	out[j] = '\0';
	return out;
}

/* fen -> "142,247.78" */
static char *
fmoney(int64_t fen, char *out)
{
	char c[32];
	int neg = fen < 0;
	int64_t a = neg ? -fen : fen;

	fcount((long)(a / 100), c);
	sprintf(out, "%s%s.%02d", neg ? "-" : "", c, (int)(a % 100));
	return out;
}

/* num / den as "91.15%", rounded half-up; "—" over nothing. */
static char *
frate(long num, long den, char *out)
{
	if (den <= 0)
		strcpy(out, "—");
	else {
		long bp = (long)((num * 20000 + den) / (2 * den));

		sprintf(out, "%ld.%02ld%%", bp / 100, bp % 100);
	}
	return out;
}

static double
vrate(long num, long den)
{
	return den > 0 ? (double)num / (double)den : NAN;
}

/* The change of cur against prev: "+12.3%", "-5.0%", "0.0%", or "—"
   when prev had none (ev_change's empty answer). */
static char *
fchange(long cur, long prev, char *out)
{
	char b[32];

	ev_change((uint64_t)cur, (uint64_t)prev, b);
	if (!*b)
		strcpy(out, "—");
	else
		sprintf(out, "%s%s%%", b[0] == '-' || strcmp(b, "0.0") == 0 ?
		    "" : "+", b);
	return out;
}

/* The same as a phrase of prose: 增长12.3% / 下降5.0% / 持平. */
static void
pchange(const report *r, struct sbuf *b, const char *what, long cur,
    long prev, const char *when)
{
	char c[32];

	(void)r;
	ev_change((uint64_t)cur, (uint64_t)prev, c);
	if (!*c)
		sbuf_addf(b, "%s无事件数据，%s—", when, what);
	else if (strcmp(c, "0.0") == 0)
		sbuf_addf(b, "%s持平", what);
	else if (c[0] == '-')
		sbuf_addf(b, "%s下降%s%%", what, c + 1);
	else
		sbuf_addf(b, "%s增长%s%%", what, c);
}

/* ---- the tables ---- */

static struct rtab *
rt_new(report *r, const char *id, const char *title, size_t ncol, ...)
{
	struct rtab *t;
	va_list ap;
	size_t i;

	r->tab = xreallocarray(r->tab, r->ntab + 1, sizeof *r->tab);
	t = &r->tab[r->ntab++];
	memset(t, 0, sizeof *t);
	t->id = id;
	t->title = xstrdup(title);
	t->ncol = ncol;
	t->head = xcalloc(ncol, sizeof *t->head);
	va_start(ap, ncol);
	for (i = 0; i < ncol; i++)
		t->head[i] = xstrdup(L(r, va_arg(ap, const char *)));
	va_end(ap);
	return t;
}

static void
rt_cell(struct rtab *t, const char *s, double v)
{
	if (t->ncell == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cell = xreallocarray(t->cell, t->cap, sizeof *t->cell);
		t->val = xreallocarray(t->val, t->cap, sizeof *t->val);
	}
	t->cell[t->ncell] = xstrdup(s);
	t->val[t->ncell++] = v;
}

static void
rt_count(struct rtab *t, long v)
{
	char b[32];

	rt_cell(t, fcount(v, b), (double)v);
}

static void
rt_rate(struct rtab *t, long num, long den)
{
	char b[32];

	rt_cell(t, frate(num, den, b), vrate(num, den));
}

/* The key of the row about to be added (glance). */
static void
rowid(struct rtab *t, const char *key)
{
	size_t i = t->ncell / t->ncol;

	t->rowid = xreallocarray(t->rowid, i + 1, sizeof *t->rowid);
	t->rowid[i] = key;
}

static size_t
rt_nrow(const struct rtab *t)
{
	return t->ncol ? t->ncell / t->ncol : 0;
}

/* ---- places and names ---- */

static const char *
rname(const report *r, const char *code)
{
	long i = strtab_find(r->rname, code, strlen(code));

	return i < 0 ? code : r->rnamev[i];
}

/* "稷峰镇东北街村" for a grid: its township and village, then the
   grid's number in the village. */
static void
gridname(const report *r, const char *grid, char *out, size_t sz)
{
	char t[16], v[16];

	if (strlen(grid) != LVL_GRID) {
		snprintf(out, sz, "%s", grid);
		return;
	}
	memcpy(t, grid, LVL_TOWN);
	t[LVL_TOWN] = '\0';
	memcpy(v, grid, LVL_VILLAGE);
	v[LVL_VILLAGE] = '\0';
	snprintf(out, sz, "%s%s第%d网格", rname(r, t), rname(r, v),
	    atoi(grid + LVL_VILLAGE));
}

/* The name of an area of the breakdown. */
static void
areaname(const report *r, const char *code, char *out, size_t sz)
{
	if (strlen(code) == LVL_GRID)
		gridname(r, code, out, sz);
	else
		snprintf(out, sz, "%s", rname(r, code));
}

/* The area of the breakdown holding place code s (NULL when s is not
   in the area reported on). */
static struct rep_area *
areaof(report *r, const char *s, size_t n)
{
	size_t i;
	int isnew;

	if (n < (size_t)r->by || strncmp(s, r->area, (size_t)r->alvl) != 0)
		return NULL;
	i = strtab_add(r->ax, s, (size_t)r->by, &isnew);
	if (isnew) {
		r->a = xreallocarray(r->a, i + 1, sizeof *r->a);
		memset(&r->a[i], 0, sizeof r->a[i]);
		memcpy(r->a[i].code, s, (size_t)r->by);
		r->a[i].grade = xcalloc(r->sc.p.ngrade + 1, sizeof(long));
	}
	return &r->a[i];
}

/* ---- reading ---- */

typedef int rowfn(report *r, const char *const *f, const size_t *n);

struct rd {
	report *r;
	const char *const *cols;
	int nc, nreq;
	int idx[24];
	rowfn *fn;
};

static int
rd_hdr(csvr *c, void *arg)
{
	struct rd *d = arg;

	return gw_bind(c, csvr_name(c), d->cols, d->nc, d->nreq, d->idx,
	    NULL);
}

static int
rd_rec(csvr *c, struct gw_rec *rec, void *arg)
{
	struct rd *d = arg;
	const char *f[24];
	size_t n[24];
	int i;

	for (i = 0; i < d->nc; i++)
		f[i] = gw_field(rec, d->idx[i], &n[i]);
	d->r->rec = rec;
	d->r->recname = csvr_name(c);
	return d->fn(d->r, f, n);
}

/* Reads table from the file path (NULL: the store), the rows where
   cond holds with params p[0..np). */
static int
rd(report *r, const char *table, const char *path, const char *const *cols,
    int nc, int nreq, const char *cond, const char *const *p, size_t np,
    rowfn *fn)
{
	struct gw_table t = { 0 };
	struct rd d = { 0 };

	d.r = r;
	d.cols = cols;
	d.nc = nc;
	d.nreq = nreq;
	d.fn = fn;
	t.path = path;
	t.db = r->db;
	t.store = r->store;
	t.cs = r->cs;
	t.table = table;
	t.cols = cols;
	t.ncols = (size_t)nc;
	if (!path) {
		t.where = cond;
		t.params = p;
		t.nparams = np;
	}
	return table_loop(r->run, &t, r->ropt, rd_hdr, rd_rec, &d);
}

static int
reg_row(report *r, const char *const *f, const size_t *n)
{
	int isnew;
	size_t i = strtab_add(r->rname, f[0], n[0], &isnew);

	if (isnew) {
		r->rnamev = xreallocarray(r->rnamev, i + 1,
		    sizeof *r->rnamev);
		r->rnamev[i] = xstrdup(f[1]);
	}
	if (!r->area[0] && n[0] == LVL_COUNTY)
		memcpy(r->area, f[0], LVL_COUNTY + 1);
	return 0;
}

/* Every region of the breakdown level under the area is shown, even
   with no figure (a township with no case). */
static int
reg_area(report *r, const char *const *f, const size_t *n)
{
	if (n[0] == (size_t)r->by && r->by != LVL_GRID)
		(void)areaof(r, f[0], n[0]);
	return 0;
}

static int
grid_row(report *r, const char *const *f, const size_t *n)
{
	int isnew;
	size_t i;

	if (strcmp(f[2], "retired") == 0 || n[0] != LVL_GRID ||
	    strncmp(f[0], r->area, (size_t)r->alvl) != 0)
		return 0;
	i = strtab_add(r->gx, f[0], n[0], &isnew);
	if (isnew) {
		r->greported = xreallocarray(r->greported, i + 1, 1);
		r->greported[i] = 0;
		r->grids++;
	}
	(void)areaof(r, f[0], n[0]);
	return 0;
}

/* The period of t: P_CUR, P_PREV, P_LY, or -1. */
static int
perof(const report *r, int64_t t)
{
	int p;

	for (p = 0; p < P_N; p++)
		if (t >= r->t[p][0] && t <= r->t[p][1])
			return p;
	return -1;
}

/* The slot of the lines of month key k, or -1. */
static int
slot(const report *r, int k)
{
	int s = k - (r->kmon - NMON + 1);

	return s >= 0 && s < NMON ? s : -1;
}

static int
monkey(int64_t t)
{
	int y, m, d;

	day_to_ymd((long)(t >= 0 ? t / 86400 : (t - 86399) / 86400), &y, &m,
	    &d);
	return y * 12 + m - 1;
}

static int
ev_row(report *r, const char *const *f, const size_t *n)
{
	/* event_id grid_code reported_at found_at source category */
	struct rep_area *a;
	int64_t t, found;
	int p, s, c, top, imm, late;
	long i;

	if (datetime_parse(f[2], n[2], &t) < 0 ||
	    !(a = areaof(r, f[1], n[1])))
		return 0;
	if ((s = slot(r, monkey(t))) >= 0)
		r->mev[s]++;
	if ((p = perof(r, t)) < 0)
		return 0;
	c = cat_find(&r->cats, f[5], n[5]);
	top = c ? r->cats.cat[c].top : 0;
	imm = c && r->cats.cat[c].urg == 0;
	late = imm && n[3] && datetime_parse(f[3], n[3], &found) == 0 &&
	    t - found > r->late_secs;
	r->all.ev[p]++;
	a->ev[p]++;
	r->catev[top][p]++;
	if (p != P_CUR)
		return 0;
	if (ev_source(f[4], n[4]) == EV_WORKER &&
	    (i = strtab_find(r->gx, f[1], n[1])) >= 0)
		r->greported[i] = 1;
	if (imm) {
		r->all.imm++;
		a->imm++;
	}
	if (late) {
		struct rep_late *l;

		r->all.late++;
		a->late++;
		if (r->nlt == r->caplt) {
			r->caplt = r->caplt ? 2 * r->caplt : 64;
			r->lt = xreallocarray(r->lt, r->caplt, sizeof *r->lt);
		}
		l = &r->lt[r->nlt++];
		l->id = strtab_add(r->str, f[0], n[0], NULL);
		l->cat = c;
		snprintf(l->grid, sizeof l->grid, "%s", f[1]);
		l->found = found;
		l->rep = t;
	}
	return 0;
}

static int64_t
tm(const char *s, size_t n)
{
	int64_t t;

	return n && caselog_time(s, n, &t) == 0 ? t : -1;
}

/* A stored case as the case engine sees it at asof. */
static void
case_at(report *r, const char *const *f, const size_t *n, int64_t asof,
    struct caselog_case *c, struct caselog_figures *fg)
{
	int64_t closed = tm(f[8], n[8]);

	caselog_case_init(c, "");
	c->reported = tm(f[6], n[6]);
	c->deadline = tm(f[7], n[7]);
	memset(fg, 0, sizeof *fg);
	fg->on_time = -1;
	fg->days = -1;
	if (closed >= 0 && closed <= asof) {
		c->state = CL_CLOSED;
		c->closed = closed;
		c->sat = n[12] ? f[12][0] == '1' : -1;
		fg->closed = 1;
		fg->days = n[9] ? atol(f[9]) : -1;
		fg->overdue = c->deadline >= 0 && closed > c->deadline;
		fg->on_time = c->deadline < 0 ? -1 : !fg->overdue;
	} else {
		c->state = CL_ASSIGNED;
		fg->overdue = c->deadline >= 0 && c->deadline < asof;
	}
	(void)r;
}

static int
case_row(report *r, const char *const *f, const size_t *n)
{
	/* case_id event_id grid_code category state department
	   reported_at deadline closed_at working_days on_time overdue
	   satisfied */
	struct caselog_case c;
	struct caselog_figures fg;
	struct rep_area *a;
	int64_t rep = tm(f[6], n[6]);
	int s, isnew;
	size_t di;
	const char *dn = n[5] ? f[5] : L(r, "none");

	if (rep < 0 || rep > r->t[P_CUR][1] || !(a = areaof(r, f[2], n[2])))
		return 0;
	if ((s = slot(r, monkey(rep))) >= 0) {
		int64_t end = s == NMON - 1 ? r->t[P_CUR][1] : -1;

		if (end < 0) {	/* the end of that month */
			int k = r->kmon - NMON + 1 + s;
			long first, last;
			char m[16];

			snprintf(m, sizeof m, "%04d-%02d", k / 12, k % 12 + 1);
			(void)month_parse(m, &first, &last);
			end = (int64_t)last * 86400 + 86399;
		}
		case_at(r, f, n, end, &c, &fg);
		r->cl.asof = end;
		caselog_tally(&r->cl, &r->mcg[s], &c, &fg);
	}
	case_at(r, f, n, r->t[P_CUR][1], &c, &fg);
	r->cl.asof = r->t[P_CUR][1];
	di = strtab_add(r->dx, dn, strlen(dn), &isnew);
	if (isnew) {
		r->dept = xreallocarray(r->dept, di + 1, sizeof *r->dept);
		memset(&r->dept[di], 0, sizeof r->dept[di]);
	}
	if (rep >= r->t[P_CUR][0]) {
		caselog_tally(&r->cl, &r->all.cg, &c, &fg);
		caselog_tally(&r->cl, &a->cg, &c, &fg);
		caselog_tally(&r->cl, &r->dept[di].cg, &c, &fg);
	}
	if (!fg.closed && fg.overdue) {
		struct rep_case *o;
		const char *why;

		r->dept[di].overdue++;
		if (r->noc == r->capoc) {
			r->capoc = r->capoc ? 2 * r->capoc : 64;
			r->oc = xreallocarray(r->oc, r->capoc, sizeof *r->oc);
		}
		o = &r->oc[r->noc++];
		o->id = strtab_add(r->str, f[0], n[0], NULL);
		o->dept = strtab_add(r->str, dn, strlen(dn), NULL);
		o->cat = cat_find(&r->cats, f[3], n[3]);
		snprintf(o->grid, sizeof o->grid, "%s", f[2]);
		o->deadline = c.deadline;
		o->late = -1;
		if (r->havecl && caselog_days_late(&r->cl, &c, &o->late,
		    &why) != CL_OK)
			o->late = -1;
	}
	return 0;
}

static int
wk_row(report *r, const char *const *f, const size_t *n)
{
	u64map_put(r->wname, hash_bytes(f[0], n[0]),
	    1 + strtab_add(r->str, f[1], n[1], NULL));
	return 0;
}

static int
gradeix(const report *r, const char *s)
{
	size_t i;

	for (i = 0; i < r->sc.p.ngrade; i++)
		if (strcmp(r->sc.p.gname[i], s) == 0)
			return (int)i;
	return -1;
}

static int
score_row_(report *r, const char *const *f, const size_t *n)
{
	/* month worker_id grid_code township_code the 8 indicators
	   deductions score grade */
	struct rep_worker *w;
	struct rep_area *a;
	int64_t h;
	int g, i;
	double ded;

	if (!(a = areaof(r, f[2], n[2])))
		return 0;
	g = gradeix(r, f[14]);
	if (strcmp(f[0], r->mon[P_PREV]) == 0) {
		if (g >= 0)
			u64map_put(r->prevgrade, hash_bytes(f[1], n[1]),
			    1 + (uint64_t)g);
		return 0;
	}
	if (strcmp(f[0], r->mon[P_CUR]) != 0 ||
	    score_hparse(f[13], n[13], &h) < 0)
		return 0;
	r->all.scored++;
	a->scored++;
	if (g >= 0) {
		r->all.grade[g]++;
		a->grade[g]++;
	}
	if (r->nw == r->capw) {
		r->capw = r->capw ? 2 * r->capw : 64;
		r->w = xreallocarray(r->w, r->capw, sizeof *r->w);
	}
	w = &r->w[r->nw++];
	memset(w, 0, sizeof *w);
	w->id = strtab_add(r->str, f[1], n[1], NULL);
	snprintf(w->grid, sizeof w->grid, "%s", f[2]);
	snprintf(w->town, sizeof w->town, "%.*s", LVL_TOWN, f[2]);
	w->h = h;
	w->grade = g;
	w->prevgrade = -1;
	w->worst = -1;
	/* the indicator that cost most: weight x (1 - rate) points */
	for (i = 0; i < SCORE_NIND; i++) {
		double rate, lost;

		if (!n[4 + i])
			continue;
		rate = atof(f[4 + i]);
		lost = (double)r->sc.p.weight[i] * (1 - rate);
		if (lost > w->lost + 1e-9) {
			w->lost = lost;
			w->worst = i;
		}
	}
	ded = n[12] ? atof(f[12]) : 0;
	if (ded > w->lost + 1e-9) {
		w->lost = ded;
		w->worst = SCORE_NIND;
	}
	return 0;
}

/* A quarter or year: each month's stored score into the span engine,
   which gives every worker the score of the period (gridwork-rules(7),
   Weeks, quarters and years). */
static int
span_row(report *r, const char *const *f, const size_t *n)
{
	struct score_field sf[5];
	int i;

	for (i = 0; i < 5; i++) {
		sf[i].s = f[i];
		sf[i].n = n[i];
	}
	/* a row the span engine refuses (a second row for a worker's
	   month) is not counted twice; gw-load's keys forbid it anyway */
	(void)score_row(&r->qs, SCORE_SCORES, sf);
	return 0;
}

static void
span_workers(report *r)
{
	struct score_rank *w;
	size_t n, i;

	w = score_workers(&r->qs, &n);
	for (i = 0; i < n; i++) {
		const struct score_qworker *q = &r->qs.q[w[i].ix];
		const char *grid = score_str(&r->qs, q->grid);
		struct rep_area *a = areaof(r, grid, strlen(grid));
		struct rep_worker *x;
		int g;

		if (!a)
			continue;
		g = score_grade(&r->qs, w[i].score);
		r->all.scored++;
		a->scored++;
		if (g >= 0 && (size_t)g < r->sc.p.ngrade) {
			r->all.grade[g]++;
			a->grade[g]++;
		}
		if (r->nw == r->capw) {
			r->capw = r->capw ? 2 * r->capw : 64;
			r->w = xreallocarray(r->w, r->capw, sizeof *r->w);
		}
		x = &r->w[r->nw++];
		memset(x, 0, sizeof *x);
		x->id = strtab_add(r->str, w[i].id, strlen(w[i].id), NULL);
		snprintf(x->grid, sizeof x->grid, "%s", grid);
		snprintf(x->town, sizeof x->town, "%.*s", LVL_TOWN, grid);
		x->h = w[i].score;
		x->grade = g;
		x->prevgrade = -1;
		x->worst = -1;
	}
	free(w);
}

static int
pay_row_(report *r, const char *const *f, const size_t *n)
{
	/* month worker_id grid_code gross */
	struct rep_area *a;
	int64_t fen;
	const char *why;

	if (!(a = areaof(r, f[2], n[2])) ||
	    money_parse(f[3], n[3], &fen, &why) < 0)
		return 0;
	r->all.paid++;
	r->all.gross += fen;
	a->paid++;
	a->gross += fen;
	return 0;
}

/* key persons: the population engine's rows, a fault rejected as
   pop-report rejects it */
static int
popfault(report *r, const struct pop_fault *f)
{
	gw_reject(r->run, r->recname, r->rec->line, f->col, r->rec, "%s",
	    f->why);
	return 1;
}

static int
pop_grid(report *r, const char *const *f, const size_t *n)
{
	(void)n;
	if (strcmp(f[2], "base") == 0)
		pop_base_grid(r->pop, f[0], f[1], f[3]);
	return 0;
}

static int
pop_wk(report *r, const char *const *f, const size_t *n)
{
	struct pop_fault flt;

	return pop_worker(r->pop, f[0], n[0], f[1], n[1], &flt) < 0 ?
	    popfault(r, &flt) : 0;
}

static int
pop_per(report *r, const char *const *f, const size_t *n)
{
	struct pop_fault flt;

	/* the columns are read in the order of POP_ID ... POP_TAGS */
	return pop_person(r->pop, f, n, NULL, NULL, &flt) < 0 ?
	    popfault(r, &flt) : 0;
}

static int
pop_vis(report *r, const char *const *f, const size_t *n)
{
	struct pop_fault flt;

	return pop_visit(r->pop, f[0], n[0], f[1], n[1], f[2], n[2],
	    &flt) < 0 ? popfault(r, &flt) : 0;
}

/* ---- setting up ---- */

static void
period(report *r, int p, long first, long last)
{
	r->t[p][0] = (int64_t)first * 86400;
	r->t[p][1] = (int64_t)last * 86400 + 86399;
}

int
report_init(report **rp, const policy *pol, const struct report_opt *o,
    const char **why)
{
	static const char *const qname[] = { "", "第一季度", "第二季度",
	    "第三季度", "第四季度" };
	report *r;
	long first, last, f2, l2;
	int y, m, d, k;
	long late;

	*rp = r = xcalloc(1, sizeof *r);
	r->pol = pol;
	r->o = *o;
	r->lab = strtab_new();
	r->str = strtab_new();
	r->rname = strtab_new();
	r->ax = strtab_new();
	r->dx = strtab_new();
	r->gx = strtab_new();
	r->prevgrade = u64map_new(0);
	r->wname = u64map_new(0);
	if (gw_sharetsv("report/labels.tsv", 1, 2, addlab, r) < 0) {
		sbuf_addf(&r->err, "%s:", gw_sharepath("report/labels.tsv"));
		*why = r->err.s;
		return -1;
	}
	if (cat_load(&r->cats, pol, 0, why) < 0)
		return -1;
	score_init(&r->sc);
	score_init(&r->qs);
	if (score_policy(&r->sc, pol, why) < 0 ||
	    score_policy(&r->qs, pol, why) < 0)
		return -1;
	r->late_secs = r->sc.p.late_secs;
	if (policy_int(pol, "event", "late_minutes", &late, why) == 0)
		r->late_secs = late * 60;
	if (caselog_init(&r->cl, pol, why) == 0 &&
	    (r->cl.cal = cal_open(NULL)))
		r->havecl = 1;
	{
		struct pay p;
		const char *w2;

		if (pay_init(&p, pol, &w2) == 0)
			r->insmonth = p.ins_month;
		pay_free(&p);
	}
	r->all.grade = xcalloc(r->sc.p.ngrade + 1, sizeof(long));
	r->catev = xcalloc((size_t)r->cats.n + 1, sizeof *r->catev);
	if (o->area)
		snprintf(r->area, sizeof r->area, "%s", o->area);

	/* the period, the one before, the same a year before */
	if (o->year) {
		int q = o->quarter, m0 = q ? 3 * q - 2 : 1, m1 = q ? 3 * q : 12;

		r->span = q ? 3 : 12;
		first = day_from_ymd(o->year, m0, 1);
		last = day_from_ymd(o->year, m1, month_days(o->year, m1));
		period(r, P_CUR, first, last);
		if (q) {
			int py = q == 1 ? o->year - 1 : o->year;
			int pq = q == 1 ? 4 : q - 1;

			f2 = day_from_ymd(py, 3 * pq - 2, 1);
			l2 = day_from_ymd(py, 3 * pq, month_days(py, 3 * pq));
			period(r, P_PREV, f2, l2);
			period(r, P_LY, day_from_ymd(o->year - 1, m0, 1),
			    day_from_ymd(o->year - 1, m1,
			    month_days(o->year - 1, m1)));
			snprintf(r->plabel[P_CUR], sizeof r->plabel[0],
			    "%d年%s", o->year, qname[q]);
		} else {
			period(r, P_PREV, day_from_ymd(o->year - 1, 1, 1),
			    day_from_ymd(o->year - 1, 12, 31));
			/* a year's "year before" is its previous period */
			r->t[P_LY][0] = 1;
			r->t[P_LY][1] = 0;
			snprintf(r->plabel[P_CUR], sizeof r->plabel[0],
			    "%d年", o->year);
		}
		r->kmon = o->year * 12 + m1 - 1;
		snprintf(r->mon[P_CUR], sizeof r->mon[0], "%04d-%02d",
		    o->year, m1);
	} else {
		if (month_parse(o->month, &first, &last) < 0) {
			*why = "bad month";
			return -1;
		}
		r->span = 1;
		day_to_ymd(first, &y, &m, &d);
		period(r, P_CUR, first, last);
		k = y * 12 + m - 1;
		r->kmon = k;
		snprintf(r->mon[P_CUR], sizeof r->mon[0], "%04d-%02d", y, m);
		snprintf(r->mon[P_PREV], sizeof r->mon[0], "%04d-%02d",
		    (k - 1) / 12, (k - 1) % 12 + 1);
		snprintf(r->mon[P_LY], sizeof r->mon[0], "%04d-%02d", y - 1,
		    m);
		(void)month_parse(r->mon[P_PREV], &f2, &l2);
		period(r, P_PREV, f2, l2);
		(void)month_parse(r->mon[P_LY], &f2, &l2);
		period(r, P_LY, f2, l2);
		snprintf(r->plabel[P_CUR], sizeof r->plabel[0], "%d年%d月",
		    y, m);
	}
	return 0;
}

/* Key persons short of their visits (pop.c): the store's base grids,
   workers and persons, the month's visits from the file visits or the
   store.  Without a visit to count (none stored, no file), or a policy
   without [pop], the figure is not shown. */
static int
read_visits(report *r, const char *visits, const char **why)
{
	static const char *const gcols[] = { "grid_code", "village_code",
	    "kind", "blocks" };
	static const char *const wcols[] = { "worker_id", "grid_code" };
	static const char *const pcols[POP_NF] = { "id_number", "name",
	    "household_id", "relation", "village_code", "block", "address",
	    "phone", "tags" };
	static const char *const vcols[] = { "worker_id", "date",
	    "household_id" };
	char d0[11], d1[11];
	const char *p[2];
	long first = (long)(r->t[P_CUR][0] / 86400),
	    last = (long)(r->t[P_CUR][1] / 86400);
	struct pop_row row;
	size_t it = 0;

	r->keyshort = -1;
	if (r->span != 1 || (!visits && store_has_rows(r->db, "visits") != 1))
		return 0;
	if (!(r->pop = pop_new(r->pol, POP_VISITS, why)))
		return visits ? -1 : 0;
	pop_asof(r->pop, last);
	pop_month(r->pop, first, last);
	pop_base_grids(r->pop);
	date_fmt(first, d0);
	date_fmt(last, d1);
	p[0] = d0;
	p[1] = d1;
	if (rd(r, "workers", NULL, wcols, 2, 1, NULL, NULL, 0, pop_wk) < 0 ||
	    rd(r, "grids", NULL, gcols, 4, 3, NULL, NULL, 0, pop_grid) < 0 ||
	    rd(r, "persons", NULL, pcols, POP_NF, 3, NULL, NULL, 0,
	    pop_per) < 0)
		return -1;
	pop_households(r->pop);
	if (rd(r, "visits", visits, vcols, 3, 3, "date >= ? AND date <= ?",
	    p, 2, pop_vis) < 0)
		return -1;
	r->keyshort = 0;
	while (pop_short_next(r->pop, &it, &row)) {
		char g[24];

		snprintf(g, sizeof g, "%015llu", (unsigned long long)row.grid);
		if (strncmp(g, r->area, (size_t)r->alvl) == 0)
			r->keyshort++;
	}
	return 0;
}

int
report_read(report *r, sqlite3 *db, const char *store, const colspec *cs,
    const char *regions, const char *visits, struct gw_run *run,
    const struct csvr_opt *ro, const char **why)
{
	static const char *const rcols[] = { "code", "name" };
	static const char *const gcols[] = { "grid_code", "village_code",
	    "status" };
	static const char *const ecols[] = { "event_id", "grid_code",
	    "reported_at", "found_at", "source", "category" };
	static const char *const ccols[] = { "case_id", "event_id",
	    "grid_code", "category", "state", "department", "reported_at",
	    "deadline", "closed_at", "working_days", "on_time", "overdue",
	    "satisfied" };
	static const char *const wcols[] = { "worker_id", "name" };
	static const char *const scols[] = { "month", "worker_id",
	    "grid_code", "township_code", "attendance", "patrol", "coverage",
	    "discovery", "disposal", "ontime", "training", "satisfaction",
	    "deductions", "score", "grade" };
	static const char *const pcols[] = { "month", "worker_id",
	    "grid_code", "gross" };
	char t0[20], t1[20];
	const char *p[3];
	long first, last;
	int k0;

	r->db = db;
	r->store = store;
	r->cs = cs;
	r->run = run;
	r->ropt = ro;
	if (rd(r, "regions", regions, rcols, 2, 2, NULL, NULL, 0,
	    reg_row) < 0)
		return -1;
	if (!r->area[0]) {
		*why = "no county in the regions: give --area";
		return -1;
	}
	r->alvl = (int)strlen(r->area);
	r->by = r->o.by ? r->o.by : r->alvl == LVL_COUNTY ? LVL_TOWN :
	    r->alvl == LVL_TOWN ? LVL_VILLAGE : LVL_GRID;
	if (r->by <= r->alvl) {
		*why = "--by must be a level below --area";
		return -1;
	}
	if (rd(r, "regions", regions, rcols, 2, 2, NULL, NULL, 0,
	    reg_area) < 0 ||
	    rd(r, "grids", NULL, gcols, 3, 1, NULL, NULL, 0, grid_row) < 0)
		return -1;
	/* events and cases: from the first month of the lines or the same
	   period a year before, whichever is earlier */
	k0 = r->kmon - NMON + 1;
	{
		char m[16];

		snprintf(m, sizeof m, "%04d-%02d", k0 / 12, k0 % 12 + 1);
		(void)month_parse(m, &first, &last);
	}
	datetime_fmt((int64_t)first * 86400 < r->t[P_LY][0] ||
	    r->t[P_LY][1] < r->t[P_LY][0] ? (int64_t)first * 86400 :
	    r->t[P_LY][0], t0);
	if (r->t[P_PREV][0] < (int64_t)first * 86400 &&
	    r->t[P_PREV][0] < r->t[P_LY][0])
		datetime_fmt(r->t[P_PREV][0], t0);
	datetime_fmt(r->t[P_CUR][1], t1);
	p[0] = t0;
	p[1] = t1;
	if (rd(r, "events", NULL, ecols, 6, 3,
	    "reported_at >= ? AND reported_at <= ?", p, 2, ev_row) < 0 ||
	    rd(r, "cases", NULL, ccols, 13, 3, "reported_at <= ?", p + 1, 1,
	    case_row) < 0 ||
	    rd(r, "workers", NULL, wcols, 2, 2, NULL, NULL, 0, wk_row) < 0)
		return -1;
	/* scores: the period's last month and the one before; pay: every
	   month of the period */
	p[0] = r->mon[P_CUR];
	p[1] = r->mon[P_PREV];
	{
		static char m0[16];
		int k = r->kmon - r->span + 1;

		snprintf(m0, sizeof m0, "%04d-%02d", k / 12, k % 12 + 1);
		p[1] = m0;
		p[2] = r->mon[P_CUR];
	}
	if (rd(r, "pay", NULL, pcols, 4, 4, "month >= ? AND month <= ?",
	    p + 1, 2, pay_row_) < 0)
		return -1;
	p[1] = r->mon[P_PREV];
	if (r->span > 1) {
		static const char *const qcols[] = { "month", "worker_id",
		    "grid_code", "township_code", "score" };

		static char m0[16];
		const char *pp[2];
		int k = r->kmon - r->span + 1;

		score_span(&r->qs, r->o.year, r->o.quarter);
		snprintf(m0, sizeof m0, "%04d-%02d", k / 12, k % 12 + 1);
		pp[0] = m0;
		pp[1] = r->mon[P_CUR];
		if (rd(r, "scores", NULL, qcols, 5, 5,
		    "month >= ? AND month <= ?", pp, 2, span_row) < 0)
			return -1;
		span_workers(r);
	} else if (rd(r, "scores", NULL, scols, 15, 15, "month IN (?, ?)", p,
	    2, score_row_) < 0)
		return -1;
	return read_visits(r, visits, why);
}

/* ---- making the tables ---- */

static int
cmpcode(const void *a, const void *b)
{
	return strcmp(((const struct rep_area *)a)->code,
	    ((const struct rep_area *)b)->code);
}

static const report *sortr;	/* for qsort's comparisons */

static int
cmpworker(const void *a, const void *b)
{
	const struct rep_worker *x = a, *y = b;

	if (x->h != y->h)
		return x->h > y->h ? -1 : 1;
	return strcmp(strtab_str(sortr->str, x->id),
	    strtab_str(sortr->str, y->id));
}

static int
cmpcase(const void *a, const void *b)
{
	const struct rep_case *x = a, *y = b;
	int c = strcmp(strtab_str(sortr->str, x->dept),
	    strtab_str(sortr->str, y->dept));

	if (c)
		return c;
	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return strcmp(strtab_str(sortr->str, x->id),
	    strtab_str(sortr->str, y->id));
}

static int
deptcmp(const report *r, size_t a, size_t b)
{
	if (r->dept[a].cg.due != r->dept[b].cg.due)
		return r->dept[a].cg.due > r->dept[b].cg.due ? -1 : 1;
	return strcmp(strtab_str(r->dx, a), strtab_str(r->dx, b));
}

static void keyshort_table(report *r);

static const char *
wname(const report *r, size_t id)
{
	const char *s = strtab_str(r->str, id);
	uint64_t v;

	if (u64map_get(r->wname, hash_bytes(s, strlen(s)), &v))
		return strtab_str(r->str, (size_t)v - 1);
	return "";
}

/* A worker's row; prev: the grade column shows last period's. */
static void
worker_row(report *r, struct rtab *t, const struct rep_worker *w, long rank,
    int prev)
{
	int g = prev ? w->prevgrade : w->grade;
	char b[128], ind[64];

	rt_count(t, rank);
	rt_cell(t, wname(r, w->id), NAN);
	gridname(r, w->grid, b, sizeof b);
	rt_cell(t, b, NAN);
	rt_cell(t, rname(r, w->town), NAN);
	score_hfmt(w->h, b, sizeof b);
	rt_cell(t, b, (double)w->h / 100);
	rt_cell(t, g >= 0 ? r->sc.p.gname[g] : "—", NAN);
	if (w->worst < 0)
		rt_cell(t, "—", NAN);
	else {
		snprintf(ind, sizeof ind, "ind.%s", w->worst == SCORE_NIND ?
		    "deductions" : score_indname[w->worst]);
		snprintf(b, sizeof b, "%s（%.2f分）", L(r, ind), w->lost);
		rt_cell(t, b, NAN);
	}
}

static char *
fmtlabel(const report *r, const char *key, const char *grade)
{
	struct sbuf b = { 0 };
	const char *s = L(r, key), *p;

	while ((p = strstr(s, "{grade}"))) {
		sbuf_add(&b, s, (size_t)(p - s));
		sbuf_adds(&b, grade);
		s = p + 7;
	}
	sbuf_adds(&b, s);
	return b.s;
}

void
report_make(report *r)
{
	struct rtab *t;
	size_t i, na = strtab_count(r->ax), g, ng = r->sc.p.ngrade;
	char b[160], c[64];
	const char *lowest = ng ? r->sc.p.gname[ng - 1] : "";
	long rank;

	/* the areas in code order; the index is no longer needed */
	if (na)
		qsort(r->a, na, sizeof *r->a, cmpcode);
	sortr = r;

	t = rt_new(r, "glance", L(r, "sec.glance"), 2, "col.item",
	    "col.value");
#define G(key, s, v) do { rowid(t, key); rt_cell(t, L(r, key), NAN); \
	rt_cell(t, s, v); } while (0)
	G("g.events", fcount(r->all.ev[P_CUR], b), (double)r->all.ev[P_CUR]);
	G("g.events_prev", r->all.ev[P_PREV] ? fcount(r->all.ev[P_PREV], b) :
	    "—", (double)r->all.ev[P_PREV]);
	G("g.mom", fchange(r->all.ev[P_CUR], r->all.ev[P_PREV], b), NAN);
	if (r->t[P_LY][1] > r->t[P_LY][0]) {
		G("g.events_ly", r->all.ev[P_LY] ? fcount(r->all.ev[P_LY], b) :
		    "—", (double)r->all.ev[P_LY]);
		G("g.yoy", fchange(r->all.ev[P_CUR], r->all.ev[P_LY], b), NAN);
	}
	G("g.immediate", fcount(r->all.imm, b), (double)r->all.imm);
	G("g.late", fcount(r->all.late, b), (double)r->all.late);
	G("g.cases", fcount(r->all.cg.cases, b), (double)r->all.cg.cases);
	G("g.due", fcount(r->all.cg.due, b), (double)r->all.cg.due);
	G("g.closed_due", fcount(r->all.cg.closed_due, b),
	    (double)r->all.cg.closed_due);
	G("g.on_time", fcount(r->all.cg.on_time, b),
	    (double)r->all.cg.on_time);
	G("g.overdue_open", fcount((long)r->noc, b), (double)r->noc);
	G("g.disposal", frate(r->all.cg.closed_due, r->all.cg.due, b),
	    vrate(r->all.cg.closed_due, r->all.cg.due));
	G("g.ontime", frate(r->all.cg.on_time, r->all.cg.due, b),
	    vrate(r->all.cg.on_time, r->all.cg.due));
	G("g.satisfaction", frate(r->all.cg.sat1, r->all.cg.satn, b),
	    vrate(r->all.cg.sat1, r->all.cg.satn));
	G("g.scored", fcount(r->all.scored, b), (double)r->all.scored);
	for (g = 0; g < ng; g++) {
		char *l = fmtlabel(r, "g.grade", r->sc.p.gname[g]);
		static const char *const gk[] = { "g.grade1", "g.grade2",
		    "g.grade3", "g.grade4", "g.grade5", "g.grade6",
		    "g.grade7", "g.grade8" };

		rowid(t, gk[g < 8 ? g : 7]);
		rt_cell(t, l, NAN);
		rt_count(t, r->all.grade[g]);
		free(l);
	}
	G("g.pay_workers", fcount(r->all.paid, b), (double)r->all.paid);
	G("g.gross", fmoney(r->all.gross, b), (double)r->all.gross / 100);
	G("g.insurance", fmoney(r->insmonth * r->all.paid, b),
	    (double)(r->insmonth * r->all.paid) / 100);
	G("g.total", fmoney(r->all.gross + r->insmonth * r->all.paid, b),
	    (double)(r->all.gross + r->insmonth * r->all.paid) / 100);
	{
		long silent = 0;

		for (i = 0; i < (size_t)r->grids; i++)
			silent += !r->greported[i];
		G("g.silent", fcount(silent, b), (double)silent);
	}
	if (r->keyshort >= 0)
		G("g.keyshort", fcount(r->keyshort, b), (double)r->keyshort);
#undef G

	/* charts: events by category */
	t = rt_new(r, "ev-cat", L(r, "t.ev_cat"), 4, "col.category",
	    "col.events", "col.prev", "col.change");
	t->chart = RT_BARS;
	t->series = 1u << 1;
	for (i = 0; i <= (size_t)r->cats.n; i++) {
		const long *v = r->catev[i];

		if (i >= (size_t)r->cats.n || r->cats.cat[i].top != (int)i ||
		    (!v[P_CUR] && !v[P_PREV]))
			if (i != 0 || !v[P_CUR])
				continue;
		rt_cell(t, i ? r->cats.cat[i].name : "未分类", NAN);
		rt_count(t, v[P_CUR]);
		rt_cell(t, v[P_PREV] ? fcount(v[P_PREV], b) : "—",
		    (double)v[P_PREV]);
		rt_cell(t, fchange(v[P_CUR], v[P_PREV], c), NAN);
	}
	/* events by area */
	t = rt_new(r, "ev-area", L(r, "t.ev_area"), 6, "col.area",
	    "col.events", "col.prev", "col.change", "g.immediate", "g.late");
	t->chart = RT_BARS;
	t->series = 1u << 1;
	for (i = 0; i < na; i++) {
		areaname(r, r->a[i].code, b, sizeof b);
		rt_cell(t, b, NAN);
		rt_count(t, r->a[i].ev[P_CUR]);
		rt_cell(t, r->a[i].ev[P_PREV] ? fcount(r->a[i].ev[P_PREV], c) :
		    "—", (double)r->a[i].ev[P_PREV]);
		rt_cell(t, fchange(r->a[i].ev[P_CUR], r->a[i].ev[P_PREV], c),
		    NAN);
		rt_count(t, r->a[i].imm);
		rt_count(t, r->a[i].late);
	}
	/* twelve months */
	t = rt_new(r, "ev-months", L(r, "t.ev_months"), 2, "col.month",
	    "col.events");
	t->chart = RT_LINES;
	t->series = 1u << 1;
	for (i = 0; i < NMON; i++) {
		int k = r->kmon - NMON + 1 + (int)i;

		snprintf(b, sizeof b, "%d年%d月", k / 12, k % 12 + 1);
		rt_cell(t, b, NAN);
		rt_count(t, r->mev[i]);
	}
	t = rt_new(r, "rate-months", L(r, "t.rate_months"), 4, "col.month",
	    "col.disposal", "col.ontime", "col.due");
	t->chart = RT_LINES;
	t->series = 1u << 1 | 1u << 2;
	t->pct = 1;
	for (i = 0; i < NMON; i++) {
		int k = r->kmon - NMON + 1 + (int)i;
		const struct caselog_group *m = &r->mcg[i];

		snprintf(b, sizeof b, "%d年%d月", k / 12, k % 12 + 1);
		rt_cell(t, b, NAN);
		rt_rate(t, m->closed_due, m->due);
		rt_rate(t, m->on_time, m->due);
		rt_count(t, m->due);
	}
	/* rates by area and by department */
	t = rt_new(r, "rate-area", L(r, "t.rate_area"), 5, "col.area",
	    "col.disposal", "col.ontime", "col.due", "g.overdue_open");
	t->chart = RT_BARS;
	t->series = 1u << 1 | 1u << 2;
	t->pct = 1;
	for (i = 0; i < na; i++) {
		const struct caselog_group *m = &r->a[i].cg;

		areaname(r, r->a[i].code, b, sizeof b);
		rt_cell(t, b, NAN);
		rt_rate(t, m->closed_due, m->due);
		rt_rate(t, m->on_time, m->due);
		rt_count(t, m->due);
		rt_count(t, m->overdue_open);
	}
	t = rt_new(r, "rate-dept", L(r, "t.rate_dept"), 5, "col.department",
	    "col.disposal", "col.ontime", "col.due", "g.overdue_open");
	t->chart = RT_BARS;
	t->series = 1u << 1 | 1u << 2;
	t->pct = 1;
	{
		size_t nd = strtab_count(r->dx), *ord = xcalloc(nd + 1,
		    sizeof *ord), j, k;

		/* departments by cases due, most first, then by name */
		for (i = 0; i < nd; i++) {
			for (j = i; j > 0 && deptcmp(r, ord[j - 1], i) > 0;
			    j--)
				ord[j] = ord[j - 1];
			ord[j] = i;
		}
		for (k = 0; k < nd; k++) {
			const struct caselog_group *m = &r->dept[ord[k]].cg;

			if (!m->cases)
				continue;
			rt_cell(t, strtab_str(r->dx, ord[k]), NAN);
			rt_rate(t, m->closed_due, m->due);
			rt_rate(t, m->on_time, m->due);
			rt_count(t, m->due);
			rt_count(t, m->overdue_open);
		}
		free(ord);
	}
	/* grades by area */
	{
		/* at most ten grades: the varargs below name twelve columns */
		size_t ngc = ng < 10 ? ng : 10;

		t = rt_new(r, "grade-area", L(r, "t.grade_area"), 2 + ngc,
		    "col.area", "col.workers", "", "", "", "", "", "", "", "",
		    "", "");
		for (g = 0; g < ngc; g++) {
			free(t->head[2 + g]);
			t->head[2 + g] = xstrdup(r->sc.p.gname[g]);
			t->series |= 1u << (2 + g);
		}
		t->chart = RT_BARS;
		t->stacked = 1;
		for (i = 0; i < na; i++) {
			areaname(r, r->a[i].code, b, sizeof b);
			rt_cell(t, b, NAN);
			rt_count(t, r->a[i].scored);
			for (g = 0; g < ngc; g++)
				rt_count(t, r->a[i].grade[g]);
		}
	}
	t = rt_new(r, "pay-area", L(r, "t.pay_area"), 3, "col.area",
	    "col.workers", "col.gross");
	t->chart = RT_BARS;
	t->series = 1u << 2;
	for (i = 0; i < na; i++) {
		areaname(r, r->a[i].code, b, sizeof b);
		rt_cell(t, b, NAN);
		rt_count(t, r->a[i].paid);
		rt_cell(t, fmoney(r->a[i].gross, c), (double)r->a[i].gross /
		    100);
	}

	/* the ranking */
	if (r->nw)
		qsort(r->w, r->nw, sizeof *r->w, cmpworker);
	for (i = 0; i < r->nw; i++) {
		const char *id = strtab_str(r->str, r->w[i].id);
		uint64_t v;

		if (u64map_get(r->prevgrade, hash_bytes(id, strlen(id)), &v))
			r->w[i].prevgrade = (int)v - 1;
	}
	t = rt_new(r, "top", L(r, "t.top"), 7, "col.rank", "col.name",
	    "col.grid", "col.township", "col.score", "col.grade",
	    "col.weakest");
	for (i = 0, rank = 0; i < r->nw && i < NLIST; i++) {
		if (i == 0 || r->w[i].h != r->w[i - 1].h)
			rank = (long)i + 1;
		worker_row(r, t, &r->w[i], rank, 0);
	}
	t = rt_new(r, "bottom", L(r, "t.bottom"), 7, "col.rank", "col.name",
	    "col.grid", "col.township", "col.score", "col.grade",
	    "col.weakest");
	{
		size_t from = r->nw > NLIST ? r->nw - NLIST : 0, j;

		for (j = r->nw; j-- > from;) {
			size_t k = j;

			while (k > 0 && r->w[k - 1].h == r->w[j].h)
				k--;
			worker_row(r, t, &r->w[j], (long)k + 1, 0);
		}
	}
	{
		char *l = fmtlabel(r, "t.unfit_now", lowest);

		t = rt_new(r, "unfit", l, 7, "col.rank", "col.name",
		    "col.grid", "col.township", "col.score", "col.prevgrade",
		    "col.weakest");
		free(l);
	}
	for (i = 0; i < r->nw; i++) {
		const struct rep_worker *w = &r->w[i];
		size_t k = i;

		if (!ng || w->grade != (int)ng - 1)
			continue;
		while (k > 0 && r->w[k - 1].h == w->h)
			k--;
		worker_row(r, t, w, (long)k + 1, 1);
		if (w->prevgrade == (int)ng - 1)
			r->unfit2++;
	}

	/* the lists */
	if (r->noc)
		qsort(r->oc, r->noc, sizeof *r->oc, cmpcase);
	t = rt_new(r, "overdue", L(r, "t.overdue"), 6, "col.department",
	    "col.case", "col.category", "col.grid", "col.deadline",
	    "col.late_days");
	for (i = 0; i < r->noc; i++) {
		const struct rep_case *o = &r->oc[i];

		rt_cell(t, strtab_str(r->str, o->dept), NAN);
		rt_cell(t, strtab_str(r->str, o->id), NAN);
		rt_cell(t, o->cat ? r->cats.cat[o->cat].name : "—", NAN);
		gridname(r, o->grid, b, sizeof b);
		rt_cell(t, b, NAN);
		caselog_fmt_time(o->deadline, c);
		rt_cell(t, c, NAN);
		if (o->late < 0)
			rt_cell(t, "—", NAN);
		else
			rt_count(t, o->late);
	}
	t = rt_new(r, "late", L(r, "t.late"), 6, "col.event", "col.category",
	    "col.grid", "col.found", "col.reported", "col.delay");
	for (i = 0; i < r->nlt; i++) {
		const struct rep_late *l = &r->lt[i];

		rt_cell(t, strtab_str(r->str, l->id), NAN);
		rt_cell(t, r->cats.cat[l->cat].name, NAN);
		gridname(r, l->grid, b, sizeof b);
		rt_cell(t, b, NAN);
		datetime_fmt(l->found, c);
		rt_cell(t, c, NAN);
		datetime_fmt(l->rep, c);
		rt_cell(t, c, NAN);
		rt_count(t, (long)((l->rep - l->found) / 60));
	}
	t = rt_new(r, "silent", L(r, "t.silent"), 2, "col.grid",
	    "col.township");
	{
		size_t ng2 = strtab_count(r->gx), *ord = xcalloc(ng2 + 1,
		    sizeof *ord), j, k, n = 0;

		for (i = 0; i < ng2; i++) {
			if (r->greported[i])
				continue;
			for (j = n; j > 0 && strcmp(strtab_str(r->gx,
			    ord[j - 1]), strtab_str(r->gx, i)) > 0; j--)
				ord[j] = ord[j - 1];
			ord[j] = i;
			n++;
		}
		for (k = 0; k < n; k++) {
			const char *code = strtab_str(r->gx, ord[k]);
			char town[16];

			gridname(r, code, b, sizeof b);
			rt_cell(t, b, NAN);
			snprintf(town, sizeof town, "%.*s", LVL_TOWN, code);
			rt_cell(t, rname(r, town), NAN);
		}
		free(ord);
	}
	keyshort_table(r);
}

static void
keyshort_table(report *r)
{
	struct rtab *t;
	struct pop_row row;
	size_t it = 0;
	char b[160], m[20];

	if (!r->pop)
		return;
	t = rt_new(r, "keyshort", L(r, "t.keyshort"), 6, "col.grid",
	    "col.name", "col.id_number", "col.tags", "col.required",
	    "col.made");
	while (pop_short_next(r->pop, &it, &row)) {
		char g[24];

		snprintf(g, sizeof g, "%015llu", (unsigned long long)row.grid);
		if (strncmp(g, r->area, (size_t)r->alvl) != 0)
			continue;
		gridname(r, g, b, sizeof b);
		rt_cell(t, b, NAN);
		rt_cell(t, row.name, NAN);
		idno_mask(row.id, m);
		rt_cell(t, m, NAN);
		rt_cell(t, row.tags, NAN);
		rt_count(t, row.required);
		rt_count(t, row.made);
	}
}

/* ---- the notice ---- */

struct nv {
	report *r;
	struct sbuf v;
};

static const char *
glance(const report *r, const char *key)
{
	const struct rtab *t = &r->tab[0];
	const char *l = L(r, key);
	size_t i;

	for (i = 0; i + 1 < t->ncell; i += 2)
		if (strcmp(t->cell[i], l) == 0)
			return t->cell[i + 1];
	return "—";
}

static const char *
nval(void *arg, const char *name)
{
	struct nv *n = arg;
	report *r = n->r;
	char b[64];
	size_t i, g, ng = r->sc.p.ngrade;

	sbuf_reset(&n->v);
	if (strcmp(name, "area") == 0)
		sbuf_adds(&n->v, rname(r, r->area));
	else if (strcmp(name, "period") == 0)
		sbuf_adds(&n->v, r->plabel[P_CUR]);
	else if (strcmp(name, "level") == 0)
		sbuf_adds(&n->v, r->alvl == LVL_COUNTY ? "县" :
		    r->alvl == LVL_TOWN ? "乡镇" : "村");
	else if (strcmp(name, "asof") == 0 || strcmp(name, "asof_date") == 0) {
		int y, m, d;

		day_to_ymd((long)(r->t[P_CUR][1] / 86400), &y, &m, &d);
		sbuf_addf(&n->v, "%d年%d月%d日", y, m, d);
	} else if (strcmp(name, "policy") == 0)
		sbuf_adds(&n->v, policy_name(r->pol));
	else if (strcmp(name, "mom_phrase") == 0)
		pchange(r, &n->v, "环比", r->all.ev[P_CUR], r->all.ev[P_PREV],
		    "上期");
	else if (strcmp(name, "yoy_phrase") == 0) {
		if (r->t[P_LY][1] > r->t[P_LY][0])
			pchange(r, &n->v, "同比", r->all.ev[P_CUR],
			    r->all.ev[P_LY], "去年同期");
		else
			sbuf_adds(&n->v, "与上年相比见上");
	} else if (strcmp(name, "top_cat_phrase") == 0) {
		long best = 0;
		int bc = -1;

		for (i = 1; i < (size_t)r->cats.n; i++)
			if (r->cats.cat[i].top == (int)i &&
			    r->catev[i][P_CUR] > best) {
				best = r->catev[i][P_CUR];
				bc = (int)i;
			}
		if (bc > 0)
			sbuf_addf(&n->v, "事件最多的类别是%s，%s件，占%s。",
			    r->cats.cat[bc].name, fcount(best, b),
			    frate(best, r->all.ev[P_CUR], b + 32));
	} else if (strcmp(name, "overdue_dept_phrase") == 0) {
		size_t nd = strtab_count(r->dx), bi = 0;
		long best = 0;

		for (i = 0; i < nd; i++)
			if (r->dept[i].overdue > best ||
			    (r->dept[i].overdue == best && best > 0 &&
			    strcmp(strtab_str(r->dx, i),
			    strtab_str(r->dx, bi)) < 0)) {
				best = r->dept[i].overdue;
				bi = i;
			}
		if (best > 0)
			sbuf_addf(&n->v, "，其中%s最多，%s件",
			    strtab_str(r->dx, bi), fcount(best, b));
	} else if (strcmp(name, "grades_phrase") == 0) {
		for (g = 0; g < ng; g++)
			sbuf_addf(&n->v, "%s%s%s人", g ? "，" : "",
			    r->sc.p.gname[g], fcount(r->all.grade[g], b));
		if (!ng)
			sbuf_adds(&n->v, "—");
	} else if (strcmp(name, "unfit_phrase") == 0) {
		if (!ng)
			;
		else if (!u64map_len(r->prevgrade))
			sbuf_addf(&n->v, "上期无考核数据，暂不能判断连续两期考核为"
			    "“%s”的情况。", r->sc.p.gname[ng - 1]);
		else if (r->unfit2 > 0)
			sbuf_addf(&n->v, "连续两期考核为“%s”的网格员%s人，"
			    "建议所在乡镇（街道）按规定予以调整。",
			    r->sc.p.gname[ng - 1], fcount(r->unfit2, b));
		else
			sbuf_addf(&n->v, "没有连续两期考核为“%s”的网格员。",
			    r->sc.p.gname[ng - 1]);
	} else if (strcmp(name, "keyshort_phrase") == 0) {
		if (r->keyshort > 0)
			sbuf_addf(&n->v, "%s名重点人员本月走访次数不足，"
			    "请所在网格落实走访。", fcount(r->keyshort, b));
	} else if (strcmp(name, "silent_phrase") == 0) {
		const char *s = glance(r, "g.silent");

		if (strcmp(s, "0") != 0)
			sbuf_addf(&n->v, "本期有%s个网格全月无网格员上报事件，"
			    "请所在乡镇（街道）逐一核实。", s);
	} else {
		static const struct { const char *n, *k; } map[] = {
			{ "events", "g.events" }, { "immediate", "g.immediate" },
			{ "late", "g.late" }, { "due", "g.due" },
			{ "closed_due", "g.closed_due" },
			{ "disposal", "g.disposal" },
			{ "on_time", "g.on_time" }, { "ontime", "g.ontime" },
			{ "satisfaction", "g.satisfaction" },
			{ "overdue_open", "g.overdue_open" },
			{ "scored", "g.scored" },
			{ "pay_workers", "g.pay_workers" },
			{ "gross", "g.gross" }, { "total", "g.total" },
		};

		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(name, map[i].n) == 0) {
				sbuf_adds(&n->v, glance(r, map[i].k));
				return n->v.s;
			}
		return NULL;
	}
	return n->v.s ? n->v.s : "";
}

/* The notice's paragraphs, each a line of the template. */
static int
notice(report *r, struct sbuf *out, const char **why)
{
	FILE *fp = fopen(gw_sharepath("report/notice.txt"), "r");
	struct nv n = { 0 };
	char line[4096];

	if (!fp) {
		sbuf_addf(&r->err, "%s:", gw_sharepath("report/notice.txt"));
		*why = r->err.s;
		return -1;
	}
	n.r = r;
	while (fgets(line, sizeof line, fp)) {
		struct sbuf p = { 0 };

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		subst(&p, line, nval, &n);
		sbuf_adds(out, "<p>");
		svg_esc(out, p.s ? p.s : "");
		sbuf_adds(out, "</p>\n");
		sbuf_free(&p);
	}
	fclose(fp);
	sbuf_free(&n.v);
	return 0;
}

/* ---- HTML ---- */

static const char css[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Serif CJK SC\","
    "\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;"
    "color:#1a202c;margin:2em auto;max-width:240mm;font-size:11pt;"
    "line-height:1.5}\n"
    "h1{font-size:18pt;text-align:center;margin:0 0 .3em}\n"
    "p.sub{text-align:center;color:#555;font-size:9pt;margin:0 0 1.5em}\n"
    "h2{font-size:14pt;border-bottom:2px solid #2b6cb0;padding-bottom:.2em;"
    "margin-top:1.5em}\n"
    "h3{font-size:11.5pt;margin:1em 0 .4em}\n"
    "table{border-collapse:collapse;font-size:9.5pt;margin:.3em 0}\n"
    "th,td{border:1px solid #cbd5e0;padding:.15em .5em}\n"
    "thead th{background:#edf2f7}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody th{text-align:left;font-weight:normal}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:.4em}\n"
    ".kpi{border:1px solid #cbd5e0;border-radius:3px;padding:.2em .5em;"
    "width:10.5em;break-inside:avoid}\n"
    ".kpi .k{font-size:8.5pt;color:#4a5568}\n"
    ".kpi .v{font-size:13pt;font-weight:bold;text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    ".fig{display:flex;gap:1em;align-items:flex-start;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".fig svg{flex:0 1 auto;min-width:0;max-width:100%;height:auto}\n"
    ".fig table{flex:none}\n"
    ".fig.wide{flex-direction:column}\n"
    "div.block{break-inside:avoid;page-break-inside:avoid}\n"
    "p.empty{color:#555}\n"
    "section.notice p{text-indent:2em;margin:.4em 0}\n"
    "section.notice p.hint{text-indent:0;color:#555;font-size:9pt}\n"
    "@page{size:A4;margin:15mm 12mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "h3{break-after:avoid;page-break-after:avoid}"
    "section.rank,section.notice{break-before:page;"
    "page-break-before:always}"
    "thead{display:table-header-group}tr{break-inside:avoid;"
    "page-break-inside:avoid}}\n";

static void
html_table(const report *r, struct sbuf *b, const struct rtab *t)
{
	size_t i, j, nr = rt_nrow(t);

	if (!nr) {
		sbuf_adds(b, "<p class=\"empty\">");
		svg_esc(b, L(r, "none"));
		sbuf_adds(b, "</p>\n");
		return;
	}
	sbuf_addf(b, "<table id=\"t-%s\"%s>\n<thead><tr>", t->id,
	    strcmp(t->id, "glance") == 0 ? " class=\"glance\"" : "");
	for (j = 0; j < t->ncol; j++) {
		sbuf_adds(b, "<th scope=\"col\">");
		svg_esc(b, t->head[j]);
		sbuf_adds(b, "</th>");
	}
	sbuf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < nr; i++) {
		sbuf_adds(b, "<tr>");
		for (j = 0; j < t->ncol; j++) {
			const char *s = t->cell[i * t->ncol + j];

			if (j == 0) {
				sbuf_adds(b, "<th scope=\"row\">");
				svg_esc(b, s);
				sbuf_adds(b, "</th>");
			} else {
				sbuf_addf(b, "<td%s>", isnan(t->val[i *
				    t->ncol + j]) && strcmp(s, "—") != 0 ?
				    "" : " class=\"n\"");
				svg_esc(b, s);
				sbuf_adds(b, "</td>");
			}
		}
		sbuf_adds(b, "</tr>\n");
	}
	sbuf_adds(b, "</tbody></table>\n");
}

/* The glance as figures side by side, each with its key's id
   (g-events ...) for whoever reads the page by program. */
static void
html_glance(struct sbuf *b, const struct rtab *t)
{
	size_t i, nr = rt_nrow(t);

	sbuf_adds(b, "<div class=\"kpis\" id=\"t-glance\">\n");
	for (i = 0; i < nr; i++) {
		sbuf_addf(b, "<div class=\"kpi\" id=\"%s\"><div class=\"k\">",
		    t->rowid[i]);
		svg_esc(b, t->cell[2 * i]);
		sbuf_adds(b, "</div><div class=\"v\">");
		svg_esc(b, t->cell[2 * i + 1]);
		sbuf_adds(b, "</div></div>\n");
	}
	sbuf_adds(b, "</div>\n");
}

static void
html_chart(struct sbuf *b, const struct rtab *t)
{
	size_t nr = rt_nrow(t), i, j, ns = 0;
	const char **lab = xcalloc(nr + 1, sizeof *lab);
	const char *ser[16];
	double *v[16];
	struct svg_chart c = { 0 };

	for (i = 0; i < nr; i++) {
		const char *l = t->cell[i * t->ncol], *y;

		/* months along a line: the year only where it changes */
		lab[i] = l;
		if (t->chart == RT_LINES && i > 0 && (y = strstr(l, "年")) &&
		    strncmp(y + 3, "1月", 4) != 0)
			lab[i] = y + 3;
	}
	for (j = 1; j < t->ncol && ns < 16; j++) {
		if (!(t->series & 1u << j))
			continue;
		ser[ns] = t->head[j];
		v[ns] = xcalloc(nr + 1, sizeof *v[ns]);
		for (i = 0; i < nr; i++)
			v[ns][i] = t->val[i * t->ncol + j];
		ns++;
	}
	c.title = t->title;
	c.labels = lab;
	c.n = nr;
	c.series = ser;
	c.v = (const double *const *)v;
	c.nseries = ns;
	c.pct = t->pct;
	c.stacked = t->stacked;
	if (t->chart == RT_LINES)
		svg_lines(b, &c);
	else
		svg_bars(b, &c);
	for (j = 0; j < ns; j++)
		free(v[j]);
	free(lab);
}

static void
h2(const report *r, struct sbuf *b, const char *cls, const char *key)
{
	sbuf_addf(b, "<section class=\"%s\">\n<h2>", cls);
	svg_esc(b, L(r, key));
	sbuf_adds(b, "</h2>\n");
}

int
report_html(report *r, struct sbuf *b, const char **why)
{
	struct nv n = { 0 };
	struct sbuf s = { 0 };
	size_t i;

	n.r = r;
	subst(&s, L(r, "title"), nval, &n);
	sbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	svg_esc(b, s.s);
	sbuf_addf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>", css);
	svg_esc(b, s.s);
	sbuf_adds(b, "</h1>\n<p class=\"sub\">");
	sbuf_reset(&s);
	subst(&s, L(r, "subtitle"), nval, &n);
	svg_esc(b, s.s);
	sbuf_adds(b, "</p>\n");
	sbuf_free(&s);
	sbuf_free(&n.v);
	for (i = 0; i < r->ntab; i++) {
		const struct rtab *t = &r->tab[i];

		if (i == 0)
			h2(r, b, "glance", "sec.glance");
		else if (strcmp(t->id, "ev-cat") == 0)
			h2(r, b, "charts", "sec.charts");
		else if (strcmp(t->id, "top") == 0)
			h2(r, b, "rank", "sec.rank");
		else if (strcmp(t->id, "overdue") == 0)
			h2(r, b, "lists", "sec.lists");
		if (i > 0) {
			sbuf_addf(b, "<div class=\"block\" id=\"b-%s\">\n<h3>",
			    t->id);
			svg_esc(b, t->title);
			sbuf_adds(b, "</h3>\n");
		}
		if (i == 0)
			html_glance(b, t);
		else if (t->chart && rt_nrow(t)) {
			/* a table of more than four columns goes under its
			   chart, else beside it */
			sbuf_addf(b, "<div class=\"fig%s\">\n", t->ncol > 4 ?
			    " wide" : "");
			html_chart(b, t);
			html_table(r, b, t);
			sbuf_adds(b, "</div>\n");
		} else
			html_table(r, b, t);
		if (i > 0)
			sbuf_adds(b, "</div>\n");
		if (i + 1 == r->ntab || strcmp(r->tab[i + 1].id, "ev-cat") == 0 ||
		    strcmp(r->tab[i + 1].id, "top") == 0 ||
		    strcmp(r->tab[i + 1].id, "overdue") == 0)
			sbuf_adds(b, "</section>\n");
	}
	h2(r, b, "notice", "sec.notice");
	sbuf_adds(b, "<p class=\"hint\">");
	svg_esc(b, L(r, "notice.hint"));
	sbuf_adds(b, "</p>\n");
	if (notice(r, b, why) < 0)
		return -1;
	sbuf_adds(b, "</section>\n</body>\n</html>\n");
	return 0;
}

size_t
report_ntables(const report *r)
{
	return r->ntab;
}

const char *
report_table(const report *r, size_t i, size_t *ncol, size_t *nrow,
    const char *const **head, const char *const **cell)
{
	const struct rtab *t = &r->tab[i];

	*ncol = t->ncol;
	*nrow = rt_nrow(t);
	*head = (const char *const *)t->head;
	*cell = (const char *const *)t->cell;
	return t->title;
}

void
report_free(report *r)
{
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < r->ntab; i++) {
		struct rtab *t = &r->tab[i];

		for (j = 0; j < t->ncol; j++)
			free(t->head[j]);
		for (j = 0; j < t->ncell; j++)
			free(t->cell[j]);
		free(t->head);
		free(t->cell);
		free(t->val);
		free(t->title);
		free(t->note);
		free(t->rowid);
	}
	free(r->tab);
	for (i = 0; i < r->nlab; i++)
		free(r->labv[i]);
	free(r->labv);
	for (i = 0; i < strtab_count(r->rname); i++)
		free(r->rnamev[i]);
	free(r->rnamev);
	for (i = 0; i < strtab_count(r->ax); i++)
		free(r->a[i].grade);
	free(r->a);
	free(r->all.grade);
	free(r->catev);
	free(r->dept);
	free(r->w);
	free(r->oc);
	free(r->lt);
	free(r->greported);
	strtab_free(r->lab);
	strtab_free(r->str);
	strtab_free(r->rname);
	strtab_free(r->ax);
	strtab_free(r->dx);
	strtab_free(r->gx);
	u64map_free(r->prevgrade);
	u64map_free(r->wname);
	pop_free(r->pop);
	if (r->havecl)
		cal_close(r->cl.cal);
	caselog_free(&r->cl);
	cat_free(&r->cats);
	score_free(&r->sc);
	score_free(&r->qs);
	sbuf_free(&r->err);
	free(r);
}
