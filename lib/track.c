/*
 * track.c — one replay of the case log against the dispatch orders, as
 * case-track(1) does it and gw-month(1)'s track stage with it
 * (gridwork-rules(7), CASES and ASSESSMENT): binding, finding each row's
 * case, the output of the status, the summary or the overdue list.  The
 * rules of a case are the caselog engine's (lib/caselog.c).
 *
 * Contract: every log row read is rejected (through the run), applied to
 * its case, or, when its time is after the as-of, accepted and not
 * applied (counted in nlater).  Orders give each case its grid_code,
 * category, first deadline and limit; their rows are checked the same
 * way, and a log row for a case they lack is rejected.
 *
 * Output order and memory: a case is written when it closes, in the
 * order the closing rows come; the cases still open at the end follow
 * in the order they first appeared; then, with orders, orders with no
 * log row at all, in the orders' order, in state "ordered".  Only open
 * cases are held whole (the engine's book); a closed one keeps its key
 * (16 to 64 bytes) so that a later row for it is known to come after
 * closed.  With orders a case's key is its order (found exactly, by
 * case_id); else a 64-bit fingerprint of its case_id (hash_bytes): two
 * case_ids whose fingerprints collide, a chance of about n*n/2^65, are
 * a fault, or, among closed cases, would be taken as one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

/* Log columns; the first three are required. */
enum lcol { L_CASE, L_STEP, L_AT, L_EVENT, L_DEPT, L_SAT, L_DEADLINE };
#define NLREQ 3
const char *const tracker_lcols[TRK_NLCOL] = {
	"case_id", "step", "at", "event_id", "department", "satisfied",
	"deadline"
};

/* Order columns; the first five are required. */
enum ocol { O_CASE, O_GRID, O_CAT, O_DEADLINE, O_LIMIT, O_EVENT, O_DEPT,
	O_ASSIGNED, O_PROV, O_LEVEL };
#define NOREQ 5
const char *const tracker_ocols[TRK_NOCOL] = {
	"case_id", "grid_code", "category", "deadline", "limit", "event_id",
	"department", "assigned_at", "provisional", "level"
};

const char *const tracker_statcols[TRK_NSTAT] = {
	"case_id", "event_id", "grid_code", "category", "state", "department",
	"reported_at", "assigned_at", "deadline", "closed_at", "working_days",
	"on_time", "overdue", "satisfied", "provisional"
};
#define NSTAT (TRK_NSTAT - 1)	/* the provisional column comes last, after
				   --overdue's days_late */

/* One dispatch order.  Strings are indexes into t->str. */
struct tracker_order {
	struct caselog_order t;	/* its terms: deadline, limit ... */
	size_t ev;		/* event_id: offset in t->evs */
	uint32_t grid;		/* grid_code */
	uint32_t cat;		/* category */
	uint32_t dept;		/* department */
	uint32_t level;		/* the handling level: village, township,
				   county (case-route), or "" */
};

static int
fault(struct tracker *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->why, sizeof t->why, fmt, ap);
	va_end(ap);
	return -1;
}

int
tracker_init(struct tracker *t, const policy *pol, calendar *cal,
    int64_t asof, int orders, const char **why)
{
	struct gw_run *run = t->run;
	csvw *out = t->out;
	int mode = t->mode, by = t->by;
	int (*row)(void *, const char *const *) = t->row;
	void *arg = t->arg;

	memset(t, 0, sizeof *t);
	t->run = run;
	t->out = out;
	t->mode = mode;
	t->by = by;
	t->row = row;
	t->arg = arg;
	if (caselog_init(&t->cl, pol, why) < 0)
		return -1;
	t->cl.cal = cal;
	t->cl.asof = asof;
	t->orders = orders;
	t->str = strtab_new();
	t->oid = strtab_new();
	t->gkey = strtab_new();
	caselog_book_init(&t->book);
	return 0;
}

void
tracker_free(struct tracker *t)
{
	caselog_book_free(&t->book);
	caselog_free(&t->cl);
	strtab_free(t->str);
	strtab_free(t->oid);
	strtab_free(t->gkey);
	free(t->ord);
	free(t->grp);
	sbuf_free(&t->evs);
}

/* ---- orders ---- */

int
tracker_order_hdr(csvr *r, void *arg)
{
	struct tracker *t = arg;

	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	return gw_bind(r, csvr_name(r), tracker_ocols, TRK_NOCOL, NOREQ,
	    t->ocol, NULL);
}

int
tracker_log_hdr(csvr *r, void *arg)
{
	struct tracker *t = arg;

	if (csvr_ncols(r) == 0)
		return 0;
	return gw_bind(r, csvr_name(r), tracker_lcols, TRK_NLCOL, NLREQ,
	    t->lcol, NULL);
}

int
tracker_order_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tracker *t = arg;
	const char *file = csvr_name(r), *s, *why, *col;
	struct caselog_orderin in;
	struct tracker_order o;
	size_t n, i;
	int isnew, rc;

	memset(&o, 0, sizeof o);
	s = gw_field(rec, t->ocol[O_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(t->run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	o.grid = (uint32_t)strtab_add(t->str, s, n, NULL);
	s = gw_field(rec, t->ocol[O_CAT], &n);
	o.cat = (uint32_t)strtab_add(t->str, s, n, NULL);
	in.deadline.s = gw_field(rec, t->ocol[O_DEADLINE], &in.deadline.n);
	in.assigned_at.s = gw_field(rec, t->ocol[O_ASSIGNED],
	    &in.assigned_at.n);
	in.limit.s = gw_field(rec, t->ocol[O_LIMIT], &in.limit.n);
	in.provisional.s = gw_field(rec, t->ocol[O_PROV], &in.provisional.n);
	in.case_id.s = gw_field(rec, t->ocol[O_CASE], &in.case_id.n);
	if ((rc = caselog_order(&t->cl, &in, &o.t, &col, &why)) == CL_FATAL)
		return fault(t, "%s", why);
	if (rc == CL_REJECT) {
		gw_reject(t->run, file, rec->line, col, rec, "%s", why);
		return 1;
	}
	s = gw_field(rec, t->ocol[O_EVENT], &n);
	/* event ids are all different: kept, not interned */
	o.ev = t->evs.len;
	sbuf_add(&t->evs, s, n);
	sbuf_addc(&t->evs, '\0');
	s = gw_field(rec, t->ocol[O_DEPT], &n);
	o.dept = (uint32_t)strtab_add(t->str, s, n, NULL);
	s = gw_field(rec, t->ocol[O_LEVEL], &n);
	o.level = (uint32_t)strtab_add(t->str, s, n, NULL);
	s = gw_field(rec, t->ocol[O_CASE], &n);
	i = strtab_add(t->oid, s, n, &isnew);
	if (!isnew) {
		gw_reject(t->run, file, rec->line, "case_id", rec,
		    "duplicate order for case '%s'", s);
		return 1;
	}
	if (i != t->nord)
		return fault(t, "orders: internal index mismatch");
	t->ord = xreallocarray(t->ord, t->nord + 1, sizeof *t->ord);
	t->ord[t->nord++] = o;
	return 0;
}

/* ---- output of one case ---- */

/* A case's order, or NULL. */
static const struct tracker_order *
ord_of(const struct tracker *t, const struct caselog_open *k)
{
	return t->orders ? &t->ord[k->key] : NULL;
}

static const char *
dept_of(const struct tracker *t, const struct caselog_open *k)
{
	if (k->aux)
		return strtab_str(t->str, k->aux - 1);
	return ord_of(t, k) ? strtab_str(t->str, ord_of(t, k)->dept) : "";
}

static struct caselog_group *
group_of(struct tracker *t, const struct caselog_open *k)
{
	char key[LVL_GRID + 1];
	const char *s;
	size_t i;
	int isnew, lvl = t->by;

	if (lvl == TRK_BY_DEPT)
		s = dept_of(t, k);
	else if (lvl == TRK_BY_LEVEL)
		s = ord_of(t, k) ? strtab_str(t->str, ord_of(t, k)->level) :
		    "";
	else {
		s = ord_of(t, k) ? strtab_str(t->str, ord_of(t, k)->grid) : "";
		if (strlen(s) >= (size_t)lvl) {
			code_prefix(s, lvl, key);
			s = key;
		}
	}
	i = strtab_add(t->gkey, s, strlen(s), &isnew);
	if (isnew) {
		t->grp = xreallocarray(t->grp, t->ngrp + 1, sizeof *t->grp);
		memset(&t->grp[t->ngrp++], 0, sizeof *t->grp);
	}
	return &t->grp[i];
}

/* The status columns of a case into v[0..NSTAT] (the last one:
   provisional), or (--summary) its counts; 0, or -1 (a fault). */
static int
emit(struct tracker *t, const struct caselog_open *k, const char **v,
    char buf[][24])
{
	const int64_t tm[] = { k->c.reported, k->c.assigned, k->c.deadline,
	    k->c.closed };
	struct caselog_figures f;
	const struct tracker_order *o = ord_of(t, k);
	const char *why;
	size_t i;

	if (caselog_figures(&t->cl, &k->c, &f, &why) < 0)
		return fault(t, "%s", why);
	if (t->mode == TRK_SUMMARY) {
		caselog_tally(&t->cl, group_of(t, k), &k->c, &f);
		return 0;
	}
	v[0] = k->id;
	v[1] = k->c.ev;
	v[2] = o ? strtab_str(t->str, o->grid) : "";
	v[3] = o ? strtab_str(t->str, o->cat) : "";
	v[4] = caselog_stepname[k->c.state];
	v[5] = dept_of(t, k);
	for (i = 0; i < sizeof tm / sizeof tm[0]; i++) {
		caselog_fmt_time(tm[i], buf[i]);
		v[6 + i] = buf[i];
	}
	if (f.days >= 0) {
		snprintf(buf[4], sizeof buf[4], "%ld", f.days);
		v[10] = buf[4];
	} else
		v[10] = "";
	v[11] = f.on_time < 0 ? "" : f.on_time ? "1" : "0";
	v[12] = f.overdue ? "1" : "0";
	v[13] = k->c.sat < 0 ? "" : k->c.sat ? "1" : "0";
	v[14] = k->c.prov ? "1" : "0";
	return 0;
}

static void
put(struct tracker *t, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csvw_field(t->out, v[i], (size_t)-1);
}

/* A case as the status and summary modes write it. */
static int
write_case(struct tracker *t, const struct caselog_open *k)
{
	const char *v[TRK_NSTAT];
	char buf[5][24];

	if (emit(t, k, v, buf) < 0)
		return -1;
	if (t->mode != TRK_STATUS)
		return 0;
	if (t->out) {
		put(t, v, TRK_NSTAT);
		csvw_endrec(t->out);
	}
	t->ncases++;
	if (t->row && t->row(t->arg, v) < 0)
		return -1;
	return 0;
}

/* An open case at the end of the replay. */
static int
finish_open(struct tracker *t, const struct caselog_open *k)
{
	struct caselog_open *c;
	const char *why;
	int due;

	if (t->mode != TRK_OVERDUE)
		return write_case(t, k);
	if ((due = caselog_due(&t->cl, &k->c, &why)) < 0)
		return fault(t, "%s", why);
	if (!due)
		return 0;
	t->late = xreallocarray(t->late, t->nlate + 1, sizeof *t->late);
	c = &t->late[t->nlate++];
	*c = *k;
	c->id = xstrdup(k->id);
	c->c.ev = xstrdup(k->c.ev);
	return 0;
}

/* ---- the log ---- */

int
tracker_log_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tracker *t = arg;
	const char *file = csvr_name(r), *id, *s, *col, *why;
	struct caselog_case fresh, *c;
	struct caselog_row row;
	size_t idn, n;
	uint64_t key;
	long order = -1;
	struct caselog_open *k;
	int rc;

	id = row.case_id.s = gw_field(rec, t->lcol[L_CASE], &idn);
	row.case_id.n = idn;
	row.step.s = gw_field(rec, t->lcol[L_STEP], &row.step.n);
	row.at.s = gw_field(rec, t->lcol[L_AT], &row.at.n);
	row.satisfied.s = gw_field(rec, t->lcol[L_SAT], &row.satisfied.n);
	row.event_id.s = gw_field(rec, t->lcol[L_EVENT], &row.event_id.n);
	row.deadline.s = gw_field(rec, t->lcol[L_DEADLINE], &row.deadline.n);
	if ((rc = caselog_read(&t->cl, &row, &col, &why)) == CL_LATER) {
		t->nlater++;
		return 0;	/* after the as-of: read, not replayed */
	}
	if (rc == CL_REJECT)
		goto reject;

	/* the case: through its order (exact), else by fingerprint; a case
	   not open yet (or closed) is a fresh one */
	caselog_case_init(&fresh, "");
	if (!t->orders)
		key = hash_bytes(id, idn);
	else if ((order = strtab_find(t->oid, id, idn)) >= 0) {
		key = (uint64_t)order;
		fresh.ev = t->evs.s + t->ord[order].ev;
	} else {
		gw_reject(t->run, file, rec->line, "case_id", rec,
		    "unknown case '%.*s': not in the orders", (int)idn, id);
		return 1;
	}
	if ((rc = caselog_book_find(&t->book, key, id, idn, &k)) == CLB_CLASH)
		return fault(t, "case ids '%s' and '%.*s' share a fingerprint; "
		    "rename one", k->id, (int)idn, id);
	if (rc == CLB_CLOSED)
		fresh.state = CL_CLOSED;
	c = k ? &k->c : &fresh;
	rc = caselog_apply(&t->cl, c, order >= 0 ? &t->ord[order].t : NULL,
	    &row, &col, &why);
	if (rc == CL_FATAL)
		return fault(t, "%s", why);
	if (rc == CL_REJECT)
		goto reject;
	if (!k) {
		s = row.event_id.n > 0 ? row.event_id.s : fresh.ev;
		k = caselog_book_add(&t->book, key, id, idn, s, strlen(s));
		fresh.ev = k->c.ev;
		k->c = fresh;
	}
	if (row.st == CL_ASSIGNED) {
		s = gw_field(rec, t->lcol[L_DEPT], &n);
		if (n > 0)
			k->aux = (uint32_t)strtab_add(t->str, s, n, NULL) + 1;
	}
	if (k->c.state == CL_CLOSED) {
		if (t->mode != TRK_OVERDUE && write_case(t, k) < 0)
			return -1;
		caselog_book_close(&t->book, k);
	}
	return 0;
reject:
	gw_reject(t->run, file, rec->line, col, rec, "%s", why);
	return 1;
}

/* ---- end: the overdue list, the summary, the orders not seen ---- */

static int
latecmp(const void *a, const void *b)
{
	const struct caselog_open *x = a, *y = b;

	if (x->c.deadline != y->c.deadline)
		return x->c.deadline < y->c.deadline ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
write_overdue(struct tracker *t)
{
	const char *names[NSTAT + 2], *why, *v[TRK_NSTAT];
	char buf[5][24];
	size_t i;
	long n;
	int rc = 0;

	memcpy(names, tracker_statcols, NSTAT * sizeof *names);
	names[NSTAT] = "days_late";
	names[NSTAT + 1] = tracker_statcols[NSTAT];
	csvw_header(t->out, names, NSTAT + 2);
	qsort(t->late, t->nlate, sizeof *t->late, latecmp);
	for (i = 0; i < t->nlate; i++) {
		struct caselog_open *k = &t->late[i];

		if (rc == 0 && emit(t, k, v, buf) < 0)
			rc = -1;
		if (rc == 0 && caselog_days_late(&t->cl, &k->c, &n, &why) < 0)
			rc = fault(t, "%s", why);
		if (rc == 0) {
			put(t, v, NSTAT);
			csvw_fieldf(t->out, "%ld", n);
			csvw_field(t->out, v[NSTAT], 1);
			csvw_endrec(t->out);
		}
		free(k->id);
		free((char *)k->c.ev);
	}
	free(t->late);
	t->late = NULL;
	return rc;
}

struct gsort {
	const strtab *keys;
	size_t i;
};

static int
gkeycmp(const void *a, const void *b)
{
	const struct gsort *x = a, *y = b;

	return strcmp(strtab_str(x->keys, x->i), strtab_str(y->keys, y->i));
}

static void
write_summary(struct tracker *t)
{
	static const char *const cols[] = { "", "cases", "due", "closed",
	    "closed_due", "on_time", "disposal_rate", "ontime_rate",
	    "overdue_open", "mean_working_days", "satisfaction_rate" };
	const char *names[sizeof cols / sizeof cols[0]];
	char col[32];
	const char *keys[sizeof cols / sizeof cols[0]] = { NULL };
	size_t i, j, nc = sizeof cols / sizeof cols[0];
	struct caselog_rates rt;
	struct gsort *ix;

	memcpy(names, cols, sizeof cols);
	keys[5] = "on_time_count";	/* a count, not the yes/no */
	/* grid_code, village_code ..., or department */
	snprintf(col, sizeof col, "%s_code", ev_lvlname(t->by));
	names[0] = t->by == TRK_BY_DEPT ? "department" :
	    t->by == TRK_BY_LEVEL ? "level" : col;
	csvw_header_keyed(t->out, names, keys, nc);
	ix = xcalloc(t->ngrp ? t->ngrp : 1, sizeof *ix);
	for (i = 0; i < t->ngrp; i++) {
		ix[i].keys = t->gkey;
		ix[i].i = i;
	}
	qsort(ix, t->ngrp, sizeof *ix, gkeycmp);
	for (i = 0; i < t->ngrp; i++) {
		struct caselog_group *g = &t->grp[ix[i].i];
		const long cnt[] = { g->cases, g->due, g->closed,
		    g->closed_due, g->on_time };

		caselog_rates(g, &rt);
		csvw_field(t->out, strtab_str(t->gkey, ix[i].i), (size_t)-1);
		for (j = 0; j < sizeof cnt / sizeof cnt[0]; j++)
			csvw_fieldf(t->out, "%ld", cnt[j]);
		csvw_fieldf(t->out, "%.4f", rt.disposal);
		csvw_fieldf(t->out, "%.4f", rt.on_time);
		csvw_fieldf(t->out, "%ld", g->overdue_open);
		if (rt.mean_days >= 0)
			csvw_fieldf(t->out, "%.2f", rt.mean_days);
		else
			csvw_field(t->out, "", 0);
		csvw_fieldf(t->out, "%.4f", rt.satisfaction);
		csvw_endrec(t->out);
	}
	free(ix);
}

/* Orders no log row named: dispatched, nothing logged yet. */
static int
unseen_orders(struct tracker *t)
{
	struct caselog_open k, *seen;
	size_t i;

	for (i = 0; i < t->nord; i++) {
		memset(&k, 0, sizeof k);
		k.id = (char *)strtab_str(t->oid, i);
		k.key = i;
		if (caselog_book_find(&t->book, i, k.id, strtab_len(t->oid, i),
		    &seen) == CLB_NONE && caselog_ordered(&t->cl,
		    &t->ord[i].t, t->evs.s + t->ord[i].ev, &k.c) &&
		    finish_open(t, &k) < 0)
			return -1;
	}
	return 0;
}

void
tracker_header(struct tracker *t)
{
	if (t->mode == TRK_STATUS && t->out)
		csvw_header(t->out, tracker_statcols, TRK_NSTAT);
}

int
tracker_end(struct tracker *t)
{
	struct caselog_open *k;

	for (k = caselog_book_first(&t->book); k;
	    k = caselog_book_next(&t->book, k))
		if (finish_open(t, k) < 0)
			return -1;
	if (unseen_orders(t) < 0)
		return -1;
	if (t->mode == TRK_OVERDUE)
		return write_overdue(t);
	if (t->mode == TRK_SUMMARY)
		write_summary(t);
	return 0;
}
