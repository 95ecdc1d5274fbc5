/*
 * paytab.c — the tables of a pay run (pay-calc(1), gw-month(1)): the
 * rows of the regions, the roster, events, cases, scores and rewards,
 * from a file or the store (table.c), bound and handed to the pay
 * engine (pay.c); the sheet and the budget written back as pay-calc
 * writes them.  Both commands read and write through here, so that a
 * month's pay from gw-month is pay-calc's, byte for byte.
 *
 * A row that cannot be used is rejected (FILE:LINE: column 'x': reason,
 * through gw_reject()): a roster row with an unknown role or
 * employment, a bad grid code or a village missing from the regions; a
 * score, reward or case of a worker not on the roster; a malformed
 * amount, month or time; an event, case, score or reward listed twice.
 * Rows of other months are accepted and not used.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* The field with blanks around it dropped and full-width folded into
   buf (codes, ids and numbers only; never names). */
static const char *
cleanf(const struct gw_rec *rec, int col, char *buf, size_t sz, size_t *len)
{
	const char *s = gw_field(rec, col, len);
	size_t n = *len;

	s = gw_trim(s, &n);
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Rejects rec (FILE:LINE: column 'col': reason); 1 (rejected). */
static int
reject(struct payt *p, const char *file, const struct gw_rec *rec,
    const char *col, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	gw_reject(p->run, file, rec->line, col, rec, "%s", why);
	return 1;
}

/* ---- the rows ---- */

/* regions: code, name, kind, urban_rural_code */
static const char *const regcols[] = { "code", "name", "kind",
    "urban_rural_code" };

static int
reg_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	char code[32], ur[16];
	const char *name, *kind, *why;
	size_t n, nn, kn, un;

	cleanf(rec, p->idx[0], code, sizeof code, &n);
	name = gw_field(rec, p->idx[1], &nn);
	kind = gw_field(rec, p->idx[2], &kn);
	cleanf(rec, p->idx[3], ur, sizeof ur, &un);
	if (pay_region(p->reg, code, n, name, nn, kind, kn, ur, un, &why) < 0)
		return reject(p, file, rec, "code", "%s", why);
	return 0;
}

/* workers */
enum { W_ID, W_NAME, W_ROLE, W_GRID, W_EMP, W_TOWN, W_HIRED, W_POST,
	W_GRADE, W_LEFT };
static const char *const wcols[] = { "worker_id", "name", "role",
    "grid_code", "employment", "township_code", "hired_on", "post",
    "grade", "left_on" };

static int
worker_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	char id[128], grid[32], town[32], vill[16], post[64], gb[16];
	const int *idx = p->idx;
	struct pay_hire h;
	const char *s, *why, *col;
	size_t n, gn, tn, pn, nn;
	long ri, day = LONG_MIN;
	int emp, kind;

	cleanf(rec, idx[W_ID], id, sizeof id, &n);
	if (n == 0)
		return reject(p, file, rec, "worker_id", "empty worker id");
	if (pay_find(p->pay, id, n) >= 0)
		return reject(p, file, rec, "worker_id",
		    "worker '%s' listed twice", id);
	s = gw_field(rec, idx[W_ROLE], &n);
	if ((ri = pay_role(p->pay, s, n, &why)) < 0)
		return reject(p, file, rec, "role", "%s", why);
	s = gw_field(rec, idx[W_EMP], &n);
	if ((emp = pay_employment(p->pay, s, n, &why)) < 0)
		return reject(p, file, rec, "employment", "%s", why);
	cleanf(rec, idx[W_GRID], grid, sizeof grid, &gn);
	if (worker_grid_check(grid, gn, &why) < 0)
		return reject(p, file, rec, "grid_code",
		    "bad grid code '%s': %s", grid, why);
	grid[LVL_GRID] = '\0';	/* a micro-grid's worker is paid in its grid */
	code_prefix(grid, LVL_VILLAGE, vill);
	if ((kind = pay_region_kind(p->reg, vill)) < 0)
		return reject(p, file, rec, "grid_code",
		    "village '%s' of grid '%s' not among the regions", vill,
		    grid);
	cleanf(rec, idx[W_TOWN], town, sizeof town, &tn);
	if (tn == 0)
		code_prefix(grid, LVL_TOWN, town);
	else if (tn != LVL_TOWN || strncmp(town, grid, LVL_TOWN) != 0) {
		return reject(p, file, rec, "township_code",
		    "township '%s' is not the township of grid '%s'", town,
		    grid);
	}
	s = gw_field(rec, idx[W_HIRED], &n);
	if (n > 0 && date_parse(s, n, &day) < 0)
		return reject(p, file, rec, "hired_on", "not a date: '%s'", s);
	cleanf(rec, idx[W_POST], post, sizeof post, &pn);
	cleanf(rec, idx[W_GRADE], gb, sizeof gb, &nn);
	memset(&h, 0, sizeof h);
	h.id = id;
	h.name = gw_field(rec, idx[W_NAME], &h.namelen);
	h.role = (size_t)ri;
	h.emp = emp;
	h.grid = grid;
	h.town = town;
	h.kind = kind;
	h.hired = day;
	h.haspost = idx[W_POST] >= 0;
	h.post = post;
	h.grade = gb;
	s = gw_field(rec, idx[W_LEFT], &n);
	if (n > 0 && (date_parse(s, n, &h.left) < 0 || (day != LONG_MIN &&
	    h.left < day)))
		return reject(p, file, rec, "left_on", "not a date, or before "
		    "hired_on");
	h.hasleft = n > 0;
	if (pay_hire(p->pay, &h, &col, &why) < 0)
		return reject(p, file, rec, col, "%s", why);
	return 0;
}

/* The index of the worker of a row that must be on the month's roster,
   or -1 after rejecting the row. */
static long
roster_worker(struct payt *p, const char *file, const struct gw_rec *rec,
    int col)
{
	const char *why;
	char id[128];
	size_t n;
	long i;

	cleanf(rec, col, id, sizeof id, &n);
	if ((i = pay_onroster(p->pay, id, n, &why)) < 0)
		reject(p, file, rec, "worker_id", "%s", why);
	return i;
}

/* 1 when the month column is the month of the run, 0 when another
   month, -1 after rejecting a malformed one. */
static int
this_month(struct payt *p, const char *file, const struct gw_rec *rec,
    int col)
{
	char m[32];
	size_t n;
	long first, last;

	cleanf(rec, col, m, sizeof m, &n);
	if (month_parse(m, &first, &last) < 0)
		return -reject(p, file, rec, "month",
		    "not a month (YYYY-MM): '%s'", m);
	if (first != p->pay->first)
		return 0;
	p->nmonth++;
	return 1;
}

/* scores: month, worker_id, grade */
static const char *const scols[] = { "month", "worker_id", "grade" };

static int
score_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	const char *g, *col, *why;
	size_t n;
	long wi;
	int m;

	if ((m = this_month(p, file, rec, p->idx[0])) < 0)
		return 1;
	if (m == 0)
		return 0;
	if ((wi = roster_worker(p, file, rec, p->idx[1])) < 0)
		return 1;
	g = gw_field(rec, p->idx[2], &n);
	if (pay_score(p->pay, (size_t)wi, g, n, &col, &why) < 0)
		return reject(p, file, rec, col, "%s", why);
	return 0;
}

/* events: event_id, source, reporter_id, category */
static const char *const ecols[] = { "event_id", "source", "reporter_id",
    "category" };

static int
event_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	char id[128], who[128], cat[16];
	const char *src, *col, *why;
	size_t n, sn, wn, cn;

	cleanf(rec, p->idx[0], id, sizeof id, &n);
	src = gw_field(rec, p->idx[1], &sn);
	cleanf(rec, p->idx[2], who, sizeof who, &wn);
	cleanf(rec, p->idx[3], cat, sizeof cat, &cn);
	if (pay_event(p->pay, id, n, src, sn, who, wn, cat, cn, &col,
	    &why) < 0)
		return reject(p, file, rec, col, "%s", why);
	return 0;
}

/* cases (the case status of case-track): case_id, event_id, closed_at,
   category */
static const char *const ccols[] = { "case_id", "event_id", "closed_at",
    "category" };

static int
case_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	char id[128], eid[128], cat[16];
	const char *at, *col, *why;
	size_t n, en, an, cn;
	int rc;

	cleanf(rec, p->idx[0], id, sizeof id, &n);
	cleanf(rec, p->idx[1], eid, sizeof eid, &en);
	at = gw_field(rec, p->idx[2], &an);
	cleanf(rec, p->idx[3], cat, sizeof cat, &cn);
	rc = pay_closed(p->pay, id, n, eid, en, at, an, cat, cn, &col, &why);
	if (rc < 0) {
		p->why = why;	/* the subsidy: a fault of the policy */
		return -1;
	}
	return rc ? reject(p, file, rec, col, "%s", why) : 0;
}

/* rewards: worker_id, month, amount, reason; the key (worker, month,
   reason) is the store's, so a row listed twice is not paid twice */
static const char *const rcols[] = { "worker_id", "month", "amount",
    "reason" };

static int
reward_rec(struct payt *p, const char *file, const struct gw_rec *rec)
{
	const char *s, *why, *r;
	size_t n, rn;
	int64_t v;
	long wi;
	int m;

	if ((m = this_month(p, file, rec, p->idx[1])) < 0)
		return 1;
	s = gw_field(rec, p->idx[2], &n);
	if (money_parse(s, n, &v, &why) < 0)
		return reject(p, file, rec, "amount", "'%s': %s", s, why);
	if (v < 0)
		return reject(p, file, rec, "amount", "negative reward '%s'", s);
	if (m == 0)
		return 0;
	if ((wi = roster_worker(p, file, rec, p->idx[0])) < 0)
		return 1;
	r = gw_field(rec, p->idx[3], &rn);
	if (pay_reward(p->pay, (size_t)wi, v, r, rn, &why) < 0)
		return reject(p, file, rec, "reason", "%s", why);
	return 0;
}

const struct payt_table payt_tables[PAYT_N] = {
	{ "-R", "regions", regcols, 4, 1, PAYT_ROWS },
	{ "--workers", "workers", wcols, 10, 5, PAYT_SAID },
	{ "--events", "events", ecols, 4, 3, PAYT_NOT },
	{ "--cases", "cases", ccols, 4, 3, PAYT_NOT },
	{ "--scores", "scores", scols, 3, 3, PAYT_ROWS },
	{ "--rewards", "rewards", rcols, 4, 3, PAYT_SAID },
};

static int (*const recfn[PAYT_N])(struct payt *, const char *,
    const struct gw_rec *) = { reg_rec, worker_rec, event_rec, case_rec,
    score_rec, reward_rec };

/* ---- reading ---- */

static int
tab_hdr(csvr *r, void *arg)
{
	struct payt *p = arg;
	const struct payt_table *t = &payt_tables[p->t];

	return gw_bind(r, csvr_name(r), t->cols, t->ncol, t->nreq, p->idx,
	    t->opt);
}

static int
tab_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct payt *p = arg;

	return recfn[p->t](p, csvr_name(r), rec);
}

long
payt_read(struct payt *p, int t, struct gw_table *g,
    const struct csvr_opt *o)
{
	long before = p->run->nread, month = p->nmonth;

	p->t = t;
	p->why = NULL;
	g->table = payt_tables[t].table;
	g->cols = payt_tables[t].cols;
	g->ncols = (size_t)payt_tables[t].ncol;
	if (table_loop(p->run, g, o, tab_hdr, tab_rec, p) < 0)
		return -1;
	/* scores and rewards count the rows of the month */
	return t == PAYT_SCORES || t == PAYT_REWARDS ? p->nmonth - month :
	    p->run->nread - before;
}

int
payt_need(const struct payt *p, int t)
{
	size_t i;

	/* an empty roster needs no scores: nobody is paid */
	if (t == PAYT_SCORES) {
		for (i = 0; i < p->pay->nw; i++)
			if (p->pay->w[i].onroster)
				break;
		if (i == p->pay->nw)
			return PAYT_NOT;
	}
	return payt_tables[t].need;
}

/* ---- writing ---- */

const char *const payt_sheetcols[PAYT_NSHEET] = { "month", "worker_id",
    "name", "role", "employment", "grid_code", "grade", "base",
    "performance", "case_subsidy", "reward", "floor_topup", "gross" };
static const char *const budcols[] = { "month", "level", "code", "name",
    "workers", "base", "performance", "case_subsidy", "reward",
    "floor_topup", "gross", "insurance", "total" };

int
payt_row(const struct pay *p, size_t i, const char *v[PAYT_NSHEET],
    char money[PAY_NSHEET][32])
{
	const struct pay_worker *w = &p->w[i];
	int k;

	if (!w->onroster)
		return 0;
	v[0] = p->month;
	v[1] = w->id;
	v[2] = w->name;
	v[3] = pay_rolename(p, w->role);
	v[4] = pay_empname[w->emp];
	v[5] = w->grid;
	v[6] = pay_gradename(p, w->grade);
	for (k = 0; k < PAY_NSHEET; k++)
		v[7 + k] = money_fmt(w->m[k], money[k]);
	return 1;
}

void
payt_sheet(const struct pay *p, csvw *w)
{
	const char *v[PAYT_NSHEET];
	char money[PAY_NSHEET][32];
	size_t i;
	int k;

	csvw_header(w, payt_sheetcols, PAYT_NSHEET);
	for (i = 0; i < p->nw; i++) {
		if (!payt_row(p, i, v, money))
			continue;
		for (k = 0; k < PAYT_NSHEET; k++)
			csvw_field(w, v[k], (size_t)-1);
		csvw_endrec(w);
	}
}

void
payt_budget(const struct pay *p, const struct pay_regions *reg,
    const struct pay_line *b, size_t nb, csvw *w)
{
	/* name is an area's here, not a person's (--zh) */
	const char *keys[sizeof budcols / sizeof budcols[0]] = { NULL };
	char buf[32];
	size_t i;
	int k;

	keys[3] = "area_name";
	csvw_header_keyed(w, budcols, keys, sizeof budcols / sizeof budcols[0]);
	for (i = 0; i < nb; i++) {
		csvw_field(w, p->month, (size_t)-1);
		csvw_field(w, b[i].county ? "county" : "township", (size_t)-1);
		csvw_field(w, b[i].code, (size_t)-1);
		csvw_field(w, pay_region_name(reg, b[i].code), (size_t)-1);
		csvw_fieldf(w, "%ld", b[i].workers);
		for (k = 0; k < PAY_NMONEY; k++)
			csvw_field(w, money_fmt(b[i].m[k], buf), (size_t)-1);
		csvw_endrec(w);
	}
}
