/*
 * month.c — the month of a county run from the store (gw-month(1)): the
 * month's files loaded with gw-load's rules (load.c), then each stage
 * over the store's tables through the engines, its rows written back
 * into the store (and, when the caller gives a writer, out as the single
 * command writes them), all inside the one transaction the caller holds.
 *
 * What the month replaces is the month's: the activity tables and the
 * results are loaded by period (load.c, period_col), so that a month run
 * again with the same inputs leaves the same rows with the same rowids;
 * the registers are loaded with updates in place.  Nothing here commits,
 * rolls back, prints or exits: a fault comes back as -1 with the reason
 * in m->why, a summary line of each step through m->note.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* How the month loads each table: by period (its column), or the
   registers, whose rows are updated in place.  Tables of the store's
   own (grid_codes, profiles) are not loaded from files. */
static const struct month_table tables[] = {
	{ "regions", NULL }, { "persons", NULL }, { "households", NULL },
	{ "units", NULL }, { "grids", NULL }, { "workers", NULL },
	{ "candidates", NULL }, { "assignment", NULL },
	{ "events", "reported_at" }, { "case_log", "at" },
	{ "orders", NULL }, { "cases", NULL },
	{ "patrols", "date" }, { "visits", "date" }, { "logins", "date" },
	{ "trainings", "date" }, { "bonus", "month" },
	{ "rewards", "month" }, { "scores", "month" }, { "pay", "month" },
};

const struct month_table *
month_tables(size_t *n)
{
	*n = sizeof tables / sizeof tables[0];
	return tables;
}

/* Says a line through m->note, if any. */
void
month_note(struct month *m, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!m->note)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	m->note(m->arg, buf);
}

/* The stage's fault into m->why: -1. */
int
month_fail(struct month *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, sizeof m->why, fmt, ap);
	va_end(ap);
	return -1;
}

int
month_init(struct month *m, const char *ym)
{
	if (strlen(ym) != 7 || month_parse(ym, &m->first, &m->last) < 0)
		return month_fail(m, "--month '%s': not YYYY-MM", ym);
	memcpy(m->month, ym, 8);
	return 0;
}

/* ---- loading the month's files ------------------------------------------ */

/* A load in progress: the engine and the rows gw_loop refused itself. */
struct mload {
	struct month *m;
	loader *ld;
	struct gw_run *run;
	long said, outside;
	const char *why;	/* a fault of the engine */
};

static void
ml_reject(void *arg, const struct load_reject *rj)
{
	struct mload *l = arg;

	gw_reject(l->run, rj->file, rj->line, rj->col, rj->rec, "%s",
	    rj->why);
	l->said++;
}

static void
ml_sync(struct mload *l)
{
	long n = l->run->nrej - l->said - l->outside;

	if (n > 0) {
		load_outside(l->ld, n);
		l->outside += n;
	}
}

static int
ml_hdr(csvr *r, void *arg)
{
	struct mload *l = arg;

	if (load_input(l->ld, csvr_name(r), csvr_header(r), csvr_ncols(r),
	    &l->why) < 0)
		return -1;
	return 0;
}

static int
ml_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct mload *l = arg;
	struct load_counts c;
	int k;

	(void)r;
	ml_sync(l);
	if ((k = load_row(l->ld, rec, &l->why)) < 0) {
		load_counts(l->ld, &c);
		if (c.aborted)
			l->why = NULL;
	}
	return k;
}

/* A load of table from the file path inside the open transaction. */
static int
load_one(struct month *m, const struct month_table *t, const char *path,
    struct gw_run *run, const struct csvr_opt *o, struct load_counts *c)
{
	struct load_opt lo;
	struct mload l;
	const char *why;
	int rc = 0;

	memset(&lo, 0, sizeof lo);
	lo.table = t->name;
	lo.update = t->period_col == NULL;
	lo.maxrej = -1;
	lo.period_col = t->period_col;
	lo.period = t->period_col ? m->month : NULL;
	lo.reject = ml_reject;
	lo.argc = m->argc;
	lo.argv = m->argv;
	lo.note = "gw-month";
	memset(&l, 0, sizeof l);
	l.m = m;
	l.run = run;
	lo.arg = &l;
	if (!(l.ld = load_new(m->db, m->cs, &lo)))
		return month_fail(m, "no table '%s' to load", t->name);
	if (load_begin(l.ld, &why) < 0)
		rc = month_fail(m, "%s", why);
	else if (gw_loop(run, 1, (char **)&path, o, ml_hdr, ml_rec, &l) < 0)
		rc = month_fail(m, "%s", l.why ? l.why : "cannot read it");
	ml_sync(&l);
	if (rc == 0 && load_end(l.ld, &why) < 0)
		rc = month_fail(m, "%s", why);
	load_counts(l.ld, c);
	load_free(l.ld);
	return rc;
}

int
month_load(struct month *m, const char *table, const char *path,
    struct gw_run *run, const struct csvr_opt *o, struct load_counts *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (strcmp(tables[i].name, table) == 0)
			break;
	if (i == sizeof tables / sizeof tables[0])
		return month_fail(m, "no table '%s' to load", table);
	if (load_one(m, &tables[i], path, run, o, c) < 0)
		return -1;
	month_note(m, "load %s: read %ld, loaded %ld, updated %ld, deleted "
	    "%ld, rejected %ld", table, c->nread, c->nloaded, c->nupdated,
	    c->ndeleted, c->nrej);
	return 0;
}

/* ---- classifying the month's events ------------------------------------- */

int
month_classify(struct month *m)
{
	struct cattab cats;
	rxlist *rules = NULL;
	sqlite3_stmt *sel = NULL, *upd = NULL;
	const char *why, *path;
	const unsigned char *tx;
	enum catsrc how;
	long nread = 0, nrule = 0, nnone = 0;
	int c, rc = -1, k;
	char buf[128];

	memset(&cats, 0, sizeof cats);
	if (cat_load(&cats, m->pol, CATF_STRICT, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	if (!(path = policy_path(m->pol, "event", "rules"))) {
		month_fail(m, "policy '%s': missing key 'event.rules' (the "
		    "classification rules file)", policy_name(m->pol));
		goto out;
	}
	if (!(rules = rxl_load(path, &why)) ||
	    cat_rules(&cats, rules, path, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	/* the month's events without a category, in order of arrival; a
	   row is updated while the scan is on it (its category is in no
	   index), so memory does not grow with the events */
	if (sqlite3_prepare_v2(m->db, "SELECT rowid, text FROM events WHERE "
	    "substr(reported_at, 1, 7) = ? AND category IS NULL ORDER BY "
	    "rowid", -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m->db, "UPDATE events SET category = ? WHERE "
	    "rowid = ?", -1, &upd, NULL) != SQLITE_OK) {
		month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
		goto out;
	}
	sqlite3_bind_text(sel, 1, m->month, 7, SQLITE_STATIC);
	while ((k = sqlite3_step(sel)) == SQLITE_ROW) {
		nread++;
		tx = sqlite3_column_text(sel, 1);
		c = cat_classify(&cats, "", 0, tx ? (const char *)tx : "",
		    tx ? (size_t)sqlite3_column_bytes(sel, 1) : 0, &how);
		if (c == 0) {
			nnone++;
			continue;
		}
		sqlite3_bind_text(upd, 1, cats.cat[c].code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE) {
			month_fail(m, "%s: %s", m->store,
			    sqlite3_errmsg(m->db));
			goto out;
		}
		sqlite3_reset(upd);
		nrule++;
	}
	if (k != SQLITE_DONE) {
		month_fail(m, "%s: %s", m->store, sqlite3_errmsg(m->db));
		goto out;
	}
	snprintf(buf, sizeof buf, "%s: %ld by rule, %ld left without", m->month,
	    nrule, nnone);
	if (nread && store_audit(m->db, m->argc, m->argv, "events", "classify",
	    nread, -1, nrule, -1, buf, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	month_note(m, "classify %s: events without a category %ld, classified "
	    "by rule %ld, left without %ld", m->month, nread, nrule, nnone);
	rc = 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	rxl_free(rules);
	cat_free(&cats);
	return rc;
}

/* ---- the scores --------------------------------------------------------- */

/* The scores contract, as score-month(1) writes it. */
static const char *const scorecols[] = {
	"month", "worker_id", "grid_code", "township_code", "attendance",
	"patrol", "coverage", "discovery", "disposal", "ontime", "training",
	"satisfaction", "deductions", "bonus", "score", "grade",
	"rank_township", "rank_county"
};

struct mscore {
	struct month *m;
	struct score *sc;
	enum score_tab t;
	struct gw_run *run;
	int idx[16];
};

static int
sc_hdr(csvr *r, void *arg)
{
	struct mscore *s = arg;
	const struct score_table *d = &score_tables[s->t];

	return gw_bind(r, csvr_name(r), d->cols, d->ncol, d->nreq, s->idx,
	    d->name);
}

static int
sc_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct mscore *s = arg;
	struct score_field f[16];
	int i;

	for (i = 0; i < score_tables[s->t].ncol; i++)
		f[i].s = gw_field(rec, s->idx[i], &f[i].n);
	if (score_row(s->sc, s->t, f) == 0)
		return 0;
	gw_reject(s->run, csvr_name(r), rec->line, s->sc->rcol, rec, "%s",
	    s->sc->why.s);
	return 1;
}

/* Table t of the store into the engine: the period's window of a dated
   table, the month of bonus, the others whole.  The rows read, or -1. */
static long
sc_table(struct month *m, struct mscore *s, enum score_tab t)
{
	const struct score_table *d = &score_tables[t];
	struct gw_table g = { 0 };
	struct csvr_opt ro = { 0 };
	char lo[11], hi[11];
	const char *par[2] = { lo, hi };
	long before = s->run->nread;

	s->t = t;
	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	g.table = d->name;
	g.cols = d->cols;
	g.ncols = (size_t)d->ncol;
	if (t == SCORE_PATROLS || t == SCORE_LOGINS || t == SCORE_TRAININGS ||
	    t == SCORE_VISITS) {
		date_fmt(t == SCORE_VISITS ? s->sc->vfirst : s->sc->first, lo);
		date_fmt(t == SCORE_VISITS ? s->sc->vlast : s->sc->last, hi);
		g.where = "\"date\" BETWEEN ? AND ?";
		g.params = par;
		g.nparams = 2;
	} else if (t == SCORE_BONUS) {
		par[0] = s->sc->period;
		g.where = "\"month\" = ?";
		g.params = par;
		g.nparams = 1;
	}
	if (table_loop(s->run, &g, &ro, sc_hdr, sc_rec, s) < 0)
		return month_fail(m, "%s:%s: cannot be read", m->store,
		    d->name);
	return s->run->nread - before;
}

int
month_need(struct month *m, const char *sect, const char *name, long n,
    int required, const char *verb)
{
	if (n > 0 || table_unused(m->pol, sect, name))
		return 0;
	if (required)
		return month_fail(m, "%s:%s: no rows of '%s' for %s: a period "
		    "without them is not %s (a county that keeps no %s "
		    "says so in [%s] unused_inputs)", m->store, name, name,
		    m->month, verb, name, sect);
	month_note(m, "warning: %s:%s: no rows of '%s' for %s", m->store, name,
	    name, m->month);
	return 0;
}

int
month_score(struct month *m, csvw *out, struct gw_run *run)
{
	static const enum score_tab rest[] = { SCORE_EVENTS, SCORE_CASES,
	    SCORE_PATROLS, SCORE_LOGINS, SCORE_TRAININGS, SCORE_VISITS };
	struct score sc;
	struct mscore s;
	struct month_sink k;
	struct load_counts c;
	struct score_rank *r = NULL;
	const struct score_worker *w;
	const char *why;
	size_t i, n = 0, j;
	long nr, unscored = 0, nin = run->nread;
	int kk, rc = -1;

	score_init(&sc);
	sc.keyed = 1;		/* the store's events and cases */
	memset(&s, 0, sizeof s);
	s.m = m;
	s.sc = &sc;
	s.run = run;
	if (score_policy(&sc, m->pol, &why) < 0 ||
	    score_days(&sc, m->month, m->first, m->last, m->cal, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	if (sc_table(m, &s, SCORE_GRIDS) < 0 ||
	    (nr = sc_table(m, &s, SCORE_ASSIGNMENT)) < 0 ||
	    month_need(m, "score", "assignment", nr, 1, "scored") < 0 ||
	    (nr = sc_table(m, &s, SCORE_WORKERS)) < 0 ||
	    month_need(m, "score", "workers", nr, 1, "scored") < 0)
		goto out;
	for (i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		if ((nr = sc_table(m, &s, rest[i])) < 0)
			goto out;
		/* a quiet grid may have no events nor cases */
		if (rest[i] != SCORE_EVENTS && rest[i] != SCORE_CASES &&
		    month_need(m, "score", score_tables[rest[i]].name, nr,
		    rest[i] != SCORE_TRAININGS, "scored") < 0)
			goto out;
	}
	if ((nr = sc_table(m, &s, SCORE_BONUS)) < 0 ||
	    month_need(m, "score", "bonus", nr, 0, "scored") < 0)
		goto out;
	score_compute(&sc);
	for (i = 0; i < sc.nw; i++)
		unscored += !sc.w[i].scored;
	r = score_workers(&sc, &n);
	score_rank(r, n);
	if (month_sink_open(m, &k, "scores", scorecols, 18) < 0)
		goto out;
	if (out)
		csvw_header(out, scorecols, 18);
	for (i = 0; i < n; i++) {
		const char *v[18];
		char rates[SCORE_NIND][48], ded[48], bon[48], scr[48];
		char rt[24], rcn[24];

		w = &sc.w[r[i].ix];
		v[0] = sc.period;
		v[1] = score_str(&sc, w->id);
		v[2] = score_str(&sc, sc.g[w->grid].code);
		v[3] = score_str(&sc, w->town);
		for (kk = 0; kk < SCORE_NIND; kk++)
			v[4 + kk] = score_fracfmt(w->num[kk], w->den[kk], 4,
			    rates[kk], sizeof rates[kk]);
		v[12] = score_hfmt(w->ded, ded, sizeof ded);
		v[13] = score_hfmt(w->bon, bon, sizeof bon);
		v[14] = score_hfmt(w->score, scr, sizeof scr);
		v[15] = sc.p.gname[w->grade];
		snprintf(rt, sizeof rt, "%ld", r[i].rtown);
		snprintf(rcn, sizeof rcn, "%ld", r[i].rcounty);
		v[16] = rt;
		v[17] = rcn;
		for (j = 0; out && j < 18; j++)
			csvw_field(out, v[j], (size_t)-1);
		if (out)
			csvw_endrec(out);
		if (month_sink_row(&k, v, 18) < 0) {
			month_sink_drop(&k);
			goto out;
		}
	}
	if (month_sink_close(&k, &c) < 0)
		goto out;
	month_note(m, "score %s: read %ld, rejected %ld, workers scored %zu "
	    "(not scored %ld), written %ld, deleted %ld", m->month,
	    run->nread - nin, run->nrej, n, unscored, c.nok, c.ndeleted);
	m->nscores = (long)n;
	rc = 0;
out:
	free(r);
	score_free(&sc);
	return rc;
}
