/*
 * month_case.c — the cases of a month in the store (gw-month(1)): the
 * route stage (the month's classified events that have no order yet get
 * one, by route.c's rules) and the track stage (every case replayed as
 * of the month's last second from the stored orders and case log, by
 * track.c's), inside the caller's transaction, like month.c's stages.
 *
 * What a month writes: new orders (an event routed once keeps its
 * order, so a month run again adds none), and the rows of cases it
 * tracks, with month = the month.  A case whose row a later month wrote
 * is left alone, as is one closed before the month began that has a row
 * already: a month run again replaces its own rows and nothing else, and
 * a case open across the month's end is carried on by the next month
 * from its stored log.  The --out files are the single commands' bytes:
 * the month's orders as case-route(1) writes them, every case as
 * case-track(1) -d writes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* ---- rows written through the loader ----------------------------------- */

/* A result table written row by row through the loader: checked as a
   load, audited as one; a refused row is a fault of this program. */
struct rows {
	struct month *m;
	loader *ld;
	long line;
	int refused;
};

static void
rows_reject(void *arg, const struct load_reject *rj)
{
	struct rows *k = arg;

	month_refused(k->m, rj);
	k->refused = 1;
}

static int
rows_open(struct month *m, struct rows *k, const char *table,
    const char *const *cols, size_t n, int update)
{
	struct load_opt lo;
	const char *why;

	memset(k, 0, sizeof *k);
	k->m = m;
	memset(&lo, 0, sizeof lo);
	lo.table = table;
	lo.update = update;
	lo.maxrej = 0;
	lo.reject = rows_reject;
	lo.arg = k;
	lo.argc = m->argc;
	lo.argv = m->argv;
	lo.note = "gw-month";
	if (!(k->ld = load_new(m->db, m->cs, &lo)))
		return month_fail(m, "no table '%s' in the store", table);
	if (load_begin(k->ld, &why) < 0 ||
	    load_input(k->ld, table, cols, n, &why) < 0) {
		load_free(k->ld);
		k->ld = NULL;
		return month_fail(m, "%s: %s", table, why);
	}
	return 0;
}

static int
rows_put(struct rows *k, const char *const *v, size_t n)
{
	struct gw_rec rec;
	char *f[32];
	size_t len[32], i;
	const char *why;

	for (i = 0; i < n; i++) {
		f[i] = (char *)v[i];
		len[i] = strlen(v[i]);
	}
	rec.f = f;
	rec.len = len;
	rec.nf = n;
	rec.line = ++k->line + 1;	/* a header's line 1 */
	if (load_row(k->ld, &rec, &why) != 0)
		return k->refused ? -1 : month_fail(k->m, "%s", why);
	return 0;
}

/* Ends the load (0), or drops it after a fault (rc -1 given). */
static int
rows_close(struct rows *k, struct load_counts *c, int rc)
{
	const char *why;

	if (!k->ld)
		return -1;
	if (rc == 0 && load_end(k->ld, &why) < 0)
		rc = month_fail(k->m, "%s", why);
	load_counts(k->ld, c);
	load_free(k->ld);
	k->ld = NULL;
	return rc;
}

/* The month's first and last second as the store writes times. */
static void
month_span(const struct month *m, char lo[20], char hi[20])
{
	char d[11];

	date_fmt(m->first, d);
	snprintf(lo, 20, "%s 00:00:00", d);
	date_fmt(m->last, d);
	snprintf(hi, 20, "%s 23:59:59", d);
}

static long
count(struct month *m, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	long n = -1;

	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* ---- route ------------------------------------------------------------- */

static int
route_order(void *arg, const char *const v[RT_NOCOL])
{
	return rows_put(arg, v, RT_NOCOL);
}

/* The month's orders from the store, as case-route writes them. */
static int
orders_out(struct month *m, csvw *out, const char *lo, const char *hi,
    long *n)
{
	struct gw_table g = { 0 };
	const char *par[2] = { lo, hi }, *why;
	struct csvr_opt ro = { 0 };
	struct gw_rec rec;
	csvr *r;
	size_t i;
	int rc;

	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	g.table = "orders";
	g.cols = route_ocols;
	g.ncols = RT_NOCOL;
	g.where = "\"event_id\" IN (SELECT event_id FROM events WHERE "
	    "reported_at BETWEEN ? AND ?)";
	g.params = par;
	g.nparams = 2;
	*n = 0;
	if (!(r = table_open(&g, &ro, &why)))
		return month_fail(m, "%s", why);
	if (out)
		csvw_header(out, route_ocols, RT_NOCOL);
	while ((rc = csvr_next(r, &rec)) == CSVR_REC) {
		for (i = 0; out && i < rec.nf; i++)
			csvw_field(out, rec.f[i], rec.len[i]);
		if (out)
			csvw_endrec(out);
		(*n)++;
	}
	if (rc != CSVR_EOF)
		month_fail(m, "%s:orders: %s", m->store, csvr_why(r));
	csvr_close(r);
	return rc == CSVR_EOF ? 0 : -1;
}

int
month_route(struct month *m, csvw *out, struct gw_run *run)
{
	struct router rt;
	struct rows k;
	struct gw_table g = { 0 };
	struct load_counts c;
	struct csvr_opt ro = { 0 };
	char lo[20], hi[20];
	const char *par[2] = { lo, hi }, *why;
	long nin = run->nread, nmonth, nleft;
	int rc;

	m->why[0] = '\0';
	month_span(m, lo, hi);
	if (route_init(&rt, m->pol, m->cal, run, &why) < 0)
		return month_fail(m, "%s", why);
	if (rows_open(m, &k, "orders", route_ocols, RT_NOCOL, 0) < 0) {
		route_free(&rt);
		return -1;
	}
	rt.order = route_order;
	rt.arg = &k;
	/* the month's classified events without an order, in the order of
	   arrival */
	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	g.table = "events";
	g.cols = route_icols;
	g.ncols = RT_NICOL;
	g.where = "reported_at BETWEEN ? AND ? AND category IS NOT NULL AND "
	    "NOT EXISTS (SELECT 1 FROM orders o WHERE o.event_id = "
	    "events.event_id)";
	g.params = par;
	g.nparams = 2;
	rc = table_loop(run, &g, &ro, route_hdr, route_rec, &rt);
	if (rc < 0 && !k.refused)
		month_fail(m, "%s", rt.why[0] ? rt.why :
		    "events: cannot be read");
	if (rows_close(&k, &c, rc) < 0) {
		route_free(&rt);
		return -1;
	}
	nleft = count(m, "SELECT count(*) FROM events WHERE reported_at "
	    "BETWEEN ? AND ? AND category IS NULL", lo, hi);
	if (orders_out(m, out, lo, hi, &nmonth) < 0) {
		route_free(&rt);
		return -1;
	}
	month_note(m, "route %s: events without an order %ld, orders %ld, "
	    "settled on the spot %ld, rejected %ld, unclassified %ld; the "
	    "month's orders %ld", m->month, run->nread - nin, rt.norders,
	    rt.nsettled, run->nrej, nleft, nmonth);
	if (rt.nunchecked > 0)
		month_note(m, "warning: route %s: %ld tasks routed without the "
		    "matter lists checked (the store keeps no matter)",
		    m->month, rt.nunchecked);
	route_free(&rt);
	return 0;
}

/* ---- track ------------------------------------------------------------- */

/* The cases columns gw-month writes: the status and the month. */
static const char *const casecols[] = {
	"case_id", "event_id", "grid_code", "category", "state", "department",
	"reported_at", "assigned_at", "deadline", "closed_at", "working_days",
	"on_time", "overdue", "satisfied", "month"
};
#define NCASECOL (sizeof casecols / sizeof casecols[0])

struct mtrack {
	struct month *m;
	struct rows k;
	sqlite3_stmt *old;	/* the stored row's month */
	sqlite3_stmt *mark;	/* the case ids written this run */
	char lo[20];		/* the month's first second */
	long nwritten, nkept;
};

/* A status row: into the store unless a later month wrote the case, or
   it closed before the month and has a row already. */
static int
track_row(void *arg, const char *const *v)
{
	struct mtrack *t = arg;
	const char *w[NCASECOL];
	const unsigned char *om;
	int rc, have;

	sqlite3_reset(t->old);
	sqlite3_bind_text(t->old, 1, v[0], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(t->old)) != SQLITE_ROW && rc != SQLITE_DONE)
		return month_fail(t->m, "%s: %s", t->m->store,
		    sqlite3_errmsg(t->m->db));
	have = rc == SQLITE_ROW;
	om = have ? sqlite3_column_text(t->old, 0) : NULL;
	if ((om && strcmp((const char *)om, t->m->month) > 0) ||
	    (om && *v[9] && strcmp(v[9], t->lo) < 0)) {
		t->nkept++;
		return 0;
	}
	memcpy(w, v, (NCASECOL - 1) * sizeof *w);
	w[NCASECOL - 1] = t->m->month;
	if (rows_put(&t->k, w, NCASECOL) < 0)
		return -1;
	sqlite3_reset(t->mark);
	sqlite3_bind_text(t->mark, 1, v[0], -1, SQLITE_STATIC);
	if (sqlite3_step(t->mark) != SQLITE_DONE)
		return month_fail(t->m, "%s: %s", t->m->store,
		    sqlite3_errmsg(t->m->db));
	t->nwritten++;
	return 0;
}

static int
exec(struct month *m, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(m->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		month_fail(m, "%s: %s", m->store, err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* The month's rows no longer tracked (a log reloaded without them). */
static int
drop_stale(struct month *m, long *n)
{
	sqlite3_stmt *st;
	const char *why;
	char buf[128];

	*n = 0;
	if (sqlite3_prepare_v2(m->db, "DELETE FROM cases WHERE month = ? AND "
	    "case_id NOT IN (SELECT case_id FROM temp.gw_month_cases)", -1,
	    &st, NULL) != SQLITE_OK)
		return month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
	sqlite3_bind_text(st, 1, m->month, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
	}
	sqlite3_finalize(st);
	*n = sqlite3_changes(m->db);
	snprintf(buf, sizeof buf, "%s: cases of the month no longer tracked",
	    m->month);
	if (*n > 0 && store_audit(m->db, m->argc, m->argv, "cases", "delete",
	    -1, -1, *n, -1, buf, &why) < 0)
		return month_fail(m, "%s", why);
	return 0;
}

int
month_track(struct month *m, csvw *out, struct gw_run *run)
{
	struct tracker tr;
	struct mtrack t;
	struct gw_table g = { 0 };
	struct csvr_opt ro = { 0 };
	struct load_counts c;
	char hi[20];
	const char *par[1] = { hi }, *why;
	long nin = run->nread, nlog, nord, ndel = 0;
	int hasorders, rc = -1;

	m->why[0] = '\0';
	memset(&t, 0, sizeof t);
	t.m = m;
	month_span(m, t.lo, hi);
	if ((hasorders = store_has_rows(m->db, "orders")) < 0 ||
	    store_has_rows(m->db, "case_log") < 0)
		return month_fail(m, "%s: cannot read 'orders' or 'case_log'",
		    m->store);
	memset(&tr, 0, sizeof tr);
	tr.mode = TRK_STATUS;
	tr.run = run;
	tr.out = out;
	tr.row = track_row;
	tr.arg = &t;
	if (tracker_init(&tr, m->pol, m->cal, (int64_t)m->last * 86400 + 86399,
	    1, &why) < 0)
		return month_fail(m, "%s", why);
	if (exec(m, "CREATE TEMP TABLE IF NOT EXISTS gw_month_cases (case_id "
	    "TEXT PRIMARY KEY); DELETE FROM temp.gw_month_cases") < 0)
		goto out;
	if (sqlite3_prepare_v2(m->db, "SELECT month FROM cases WHERE case_id "
	    "= ?", -1, &t.old, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m->db, "INSERT OR IGNORE INTO "
	    "temp.gw_month_cases VALUES (?)", -1, &t.mark, NULL) != SQLITE_OK) {
		month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
		goto out;
	}
	if (rows_open(m, &t.k, "cases", casecols, NCASECOL, 1) < 0)
		goto out;
	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	g.table = "orders";
	g.cols = tracker_ocols;
	g.ncols = TRK_NOCOL;
	if (hasorders && table_loop(run, &g, &ro, tracker_order_hdr,
	    tracker_order_rec, &tr) < 0)
		goto fault;
	nord = run->nread - nin;
	tracker_header(&tr);
	g.table = "case_log";
	g.cols = tracker_lcols;
	g.ncols = TRK_NLCOL;
	g.where = "\"at\" <= ?";
	g.params = par;
	g.nparams = 1;
	if (table_loop(run, &g, &ro, tracker_log_hdr, tracker_log_rec,
	    &tr) < 0)
		goto fault;
	nlog = run->nread - nin - nord;
	/* cases without a log, or a log without its cases, are no month of
	   cases that did not move */
	if (nord > 0 && nlog == 0) {
		month_fail(m, "%s:case_log: no rows of 'case_log' up to %s: "
		    "the month's cases cannot be tracked without their log",
		    m->store, hi);
		goto fault;
	}
	if (nord == 0 && nlog > 0) {
		month_fail(m, "%s:orders: no rows of 'orders': the case log "
		    "cannot be tracked without the dispatch orders", m->store);
		goto fault;
	}
	if (tracker_end(&tr) < 0)
		goto fault;
	if (rows_close(&t.k, &c, 0) < 0 || drop_stale(m, &ndel) < 0)
		goto out;
	month_note(m, "track %s: read %ld, rejected %ld, cases %ld, written "
	    "%ld (kept %ld, deleted %ld)", m->month, run->nread - nin,
	    run->nrej, tr.ncases, c.nok, t.nkept, ndel);
	rc = 0;
	goto out;
fault:
	if (tr.why[0])
		month_fail(m, "%s", tr.why);
	else if (!m->why[0])
		month_fail(m, "the orders or the case log cannot be read");
	rows_close(&t.k, &c, -1);
out:
	sqlite3_finalize(t.old);
	sqlite3_finalize(t.mark);
	tracker_free(&tr);
	return rc;
}
