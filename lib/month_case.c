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
	return month_sink_row(arg, v, RT_NOCOL);
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
	struct month_sink k;
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
	rt.keyed = 1;
	if (month_sink_open_as(m, &k, "orders", route_ocols, RT_NOCOL, NULL,
	    0) < 0) {
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
	if (rc < 0)
		month_sink_drop(&k);
	if (rc < 0 || month_sink_close(&k, &c) < 0) {
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

/*
 * What the month reads: a case closed before the month began whose row
 * is stored whole (with its provisional flag, and its closing row still
 * in the log) is settled, and is not replayed: its row is given as
 * stored, at the place of its closing row, which is where the replay
 * would write it.  The others, the cases still open at the start of the
 * month and the month's new ones, are replayed from their orders and
 * their log up to the month's last second; the month's other rows of the
 * log are read too, so that a row for no order, or one after a settled
 * case was closed, is still rejected.  Memory goes with the cases the
 * month tracks, not with the store's history; the bytes are a replay of
 * every case's.  The store's rows are named by their rowid in rejects.
 */

/* The cases columns gw-month writes: the status and the month. */
static const char *const casecols[] = {
	"case_id", "event_id", "grid_code", "category", "state", "department",
	"reported_at", "assigned_at", "deadline", "closed_at", "working_days",
	"on_time", "overdue", "satisfied", "provisional", "month"
};
#define NCASECOL (sizeof casecols / sizeof casecols[0])

/* Whether the case of orders o (?1: the month's first second) is
   settled. */
#define SETTLED "EXISTS (SELECT 1 FROM cases c, case_log l WHERE " \
	"c.case_id = o.case_id AND c.state = 'closed' AND c.closed_at < ?1 " \
	"AND c.provisional IS NOT NULL AND l.case_id = c.case_id AND " \
	"l.step = 'closed' AND l.at = c.closed_at)"

struct mtrack {
	struct month *m;
	struct month_sink k;
	csvw *out;
	sqlite3_stmt *old;	/* the stored row's month */
	sqlite3_stmt *mark;	/* the case ids written this run */
	sqlite3_stmt *kept;	/* the settled cases, by closing row */
	sqlite3_stmt *need;	/* whether a case is replayed */
	sqlite3_stmt *isord;	/* whether a case has an order */
	struct tracker *tr;
	char lo[20];		/* the month's first second */
	int64_t next;		/* the next settled case's closing rowid,
				   or -1: none left */
	long nwritten, nkept, nsettled;
};

static int
dbfail(struct month *m)
{
	return month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
}

/* A status row: to --out, then into the store unless a later month
   wrote the case, or it closed before the month and has a row already. */
static int
track_row(void *arg, const char *const *v)
{
	struct mtrack *t = arg;
	const char *w[NCASECOL];
	const unsigned char *om;
	size_t i;
	int rc, have;

	for (i = 0; t->out && i < TRK_NSTAT; i++)
		csvw_field(t->out, v[i], (size_t)-1);
	if (t->out)
		csvw_endrec(t->out);
	sqlite3_reset(t->old);
	sqlite3_bind_text(t->old, 1, v[0], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(t->old)) != SQLITE_ROW && rc != SQLITE_DONE)
		return dbfail(t->m);
	have = rc == SQLITE_ROW;
	om = have ? sqlite3_column_text(t->old, 0) : NULL;
	if ((om && strcmp((const char *)om, t->m->month) > 0) ||
	    (om && *v[9] && strcmp(v[9], t->lo) < 0)) {
		t->nkept++;
		return 0;
	}
	memcpy(w, v, (NCASECOL - 1) * sizeof *w);
	w[NCASECOL - 1] = t->m->month;
	if (month_sink_row(&t->k, w, NCASECOL) < 0)
		return -1;
	sqlite3_reset(t->mark);
	sqlite3_bind_text(t->mark, 1, v[0], -1, SQLITE_STATIC);
	if (sqlite3_step(t->mark) != SQLITE_DONE)
		return dbfail(t->m);
	t->nwritten++;
	return 0;
}

/* The next settled case, or t->next = -1. */
static int
settled_step(struct mtrack *t)
{
	int rc;

	if ((rc = sqlite3_step(t->kept)) == SQLITE_ROW)
		t->next = sqlite3_column_int64(t->kept, 0);
	else if (rc == SQLITE_DONE)
		t->next = -1;
	else
		return dbfail(t->m);
	return 0;
}

/* The settled cases whose closing row comes before rowid (-1: all), as
   the replay would have written them. */
static int
settled_upto(struct mtrack *t, int64_t rowid)
{
	const char *v[TRK_NSTAT];
	const unsigned char *s;
	size_t i;

	while (t->next >= 0 && (rowid < 0 || t->next < rowid)) {
		for (i = 0; i < TRK_NSTAT; i++) {
			s = sqlite3_column_text(t->kept, (int)i + 1);
			v[i] = s ? (const char *)s : "";
		}
		for (i = 0; t->out && i < TRK_NSTAT; i++)
			csvw_field(t->out, v[i], (size_t)-1);
		if (t->out)
			csvw_endrec(t->out);
		t->nsettled++;
		if (settled_step(t) < 0)
			return -1;
	}
	return 0;
}

/* Whether statement st (a case id its ?1) gives a row: 1, 0, or -1. */
static int
has_row(struct month *m, sqlite3_stmt *st, const char *id, size_t n)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, id, (int)n, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : dbfail(m);
}

static int
track_log_hdr(csvr *r, void *arg)
{
	struct mtrack *t = arg;

	return tracker_log_hdr(r, t->tr);
}

/* A log row: the settled cases before it first; a row of the month for
   a settled case comes after it closed. */
static int
track_log(csvr *r, struct gw_rec *rec, void *arg)
{
	struct mtrack *t = arg;
	const char *id, *step;
	size_t n, ns;
	int k;

	if (settled_upto(t, rec->line) < 0)
		return -1;
	id = gw_field(rec, t->tr->lcol[0], &n);
	if ((k = has_row(t->m, t->need, id, n)) < 0)
		return -1;
	if (!k) {
		if ((k = has_row(t->m, t->isord, id, n)) < 0)
			return -1;
		if (k) {
			step = gw_field(rec, t->tr->lcol[1], &ns);
			gw_reject(t->tr->run, csvr_name(r), rec->line, "step",
			    rec, "step '%.*s' after the case was closed",
			    (int)ns, step);
			return 1;
		}
	}
	return tracker_log_rec(r, rec, t->tr);
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

/* The cases the month replays: the orders of the cases not settled. */
static int
need_fill(struct mtrack *t)
{
	struct month *m = t->m;
	sqlite3_stmt *st;

	if (exec(m, "CREATE TEMP TABLE IF NOT EXISTS gw_month_need (case_id "
	    "TEXT PRIMARY KEY); DELETE FROM temp.gw_month_need") < 0)
		return -1;
	if (sqlite3_prepare_v2(m->db, "INSERT INTO temp.gw_month_need SELECT "
	    "o.case_id FROM orders o WHERE NOT " SETTLED, -1, &st, NULL) !=
	    SQLITE_OK)
		return dbfail(m);
	sqlite3_bind_text(st, 1, t->lo, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return dbfail(m);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(m->db, "SELECT l.rowid, c.case_id, c.event_id, "
	    "c.grid_code, c.category, c.state, c.department, c.reported_at, "
	    "c.assigned_at, c.deadline, c.closed_at, c.working_days, "
	    "c.on_time, c.overdue, c.satisfied, c.provisional FROM orders o, "
	    "cases c, case_log l WHERE c.case_id = o.case_id AND c.state = "
	    "'closed' AND c.closed_at < ?1 AND c.provisional IS NOT NULL AND "
	    "l.case_id = c.case_id AND l.step = 'closed' AND l.at = "
	    "c.closed_at ORDER BY l.rowid", -1, &t->kept, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m->db, "SELECT 1 FROM temp.gw_month_need WHERE "
	    "case_id = ?1", -1, &t->need, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m->db, "SELECT 1 FROM orders WHERE case_id = "
	    "?1", -1, &t->isord, NULL) != SQLITE_OK)
		return dbfail(m);
	sqlite3_bind_text(t->kept, 1, t->lo, -1, SQLITE_STATIC);
	return settled_step(t);
}

/* The month's rows no longer tracked (a log reloaded without them); a
   settled case keeps its row. */
static int
drop_stale(struct mtrack *t, long *n)
{
	struct month *m = t->m;
	sqlite3_stmt *st;
	const char *why;
	char buf[128];

	*n = 0;
	if (sqlite3_prepare_v2(m->db, "DELETE FROM cases AS o WHERE month = ?2 "
	    "AND case_id NOT IN (SELECT case_id FROM temp.gw_month_cases) AND "
	    "NOT (case_id IN (SELECT case_id FROM orders) AND " SETTLED ")",
	    -1, &st, NULL) != SQLITE_OK)
		return dbfail(m);
	sqlite3_bind_text(st, 1, t->lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->month, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return dbfail(m);
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
	const char *par[2] = { hi, t.lo }, *why;
	long nin = run->nread, nlog, nord, ndel = 0;
	int hasorders, rc = -1;

	m->why[0] = '\0';
	memset(&t, 0, sizeof t);
	t.m = m;
	t.out = out;
	t.tr = &tr;
	t.next = -1;
	month_span(m, t.lo, hi);
	if ((hasorders = store_has_rows(m->db, "orders")) < 0 ||
	    store_has_rows(m->db, "case_log") < 0)
		return month_fail(m, "%s: cannot read 'orders' or 'case_log'",
		    m->store);
	memset(&tr, 0, sizeof tr);
	tr.mode = TRK_STATUS;
	tr.run = run;
	tr.out = NULL;		/* written by track_row, with the settled */
	tr.row = track_row;
	tr.arg = &t;
	if (tracker_init(&tr, m->pol, m->cal, (int64_t)m->last * 86400 + 86399,
	    1, &why) < 0)
		return month_fail(m, "%s", why);
	if (exec(m, "CREATE TEMP TABLE IF NOT EXISTS gw_month_cases (case_id "
	    "TEXT PRIMARY KEY); DELETE FROM temp.gw_month_cases") < 0 ||
	    need_fill(&t) < 0)
		goto out;
	if (sqlite3_prepare_v2(m->db, "SELECT month FROM cases WHERE case_id "
	    "= ?", -1, &t.old, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m->db, "INSERT OR IGNORE INTO "
	    "temp.gw_month_cases VALUES (?)", -1, &t.mark, NULL) != SQLITE_OK) {
		dbfail(m);
		goto out;
	}
	if (month_sink_open_as(m, &t.k, "cases", casecols, NCASECOL, NULL,
	    1) < 0)
		goto out;
	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	g.rowid_line = 1;
	g.table = "orders";
	g.cols = tracker_ocols;
	g.ncols = TRK_NOCOL;
	g.where = "case_id IN (SELECT case_id FROM temp.gw_month_need)";
	if (hasorders && table_loop(run, &g, &ro, tracker_order_hdr,
	    tracker_order_rec, &tr) < 0)
		goto fault;
	nord = run->nread - nin;
	if (out)
		csvw_header(out, tracker_statcols, TRK_NSTAT);
	g.table = "case_log";
	g.cols = tracker_lcols;
	g.ncols = TRK_NLCOL;
	g.where = "\"at\" <= ?1 AND (\"at\" >= ?2 OR case_id IN (SELECT "
	    "case_id FROM temp.gw_month_need))";
	g.params = par;
	g.nparams = 2;
	if (table_loop(run, &g, &ro, track_log_hdr, track_log, &t) < 0)
		goto fault;
	nlog = run->nread - nin - nord;
	/* cases without a log, or a log without its cases, are no month of
	   cases that did not move (a settled case has both) */
	if (nord > 0 && nlog == 0 && t.next < 0 && t.nsettled == 0) {
		month_fail(m, "%s:case_log: no rows of 'case_log' up to %s: "
		    "the month's cases cannot be tracked without their log",
		    m->store, hi);
		goto fault;
	}
	if (nord == 0 && nlog > 0 && t.next < 0 && t.nsettled == 0) {
		month_fail(m, "%s:orders: no rows of 'orders': the case log "
		    "cannot be tracked without the dispatch orders", m->store);
		goto fault;
	}
	if (settled_upto(&t, -1) < 0 || tracker_end(&tr) < 0)
		goto fault;
	if (month_sink_close(&t.k, &c) < 0 || drop_stale(&t, &ndel) < 0)
		goto out;
	month_note(m, "track %s: read %ld, rejected %ld, cases %ld, written "
	    "%ld (kept %ld, deleted %ld)", m->month, run->nread - nin,
	    run->nrej, tr.ncases + t.nsettled, c.nok, t.nkept + t.nsettled,
	    ndel);
	rc = 0;
	goto out;
fault:
	if (tr.why[0])
		month_fail(m, "%s", tr.why);
	else if (!m->why[0])
		month_fail(m, "the orders or the case log cannot be read");
	month_sink_drop(&t.k);
out:
	sqlite3_finalize(t.old);
	sqlite3_finalize(t.mark);
	sqlite3_finalize(t.kept);
	sqlite3_finalize(t.need);
	sqlite3_finalize(t.isord);
	tracker_free(&tr);
	return rc;
}
