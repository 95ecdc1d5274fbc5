/*
 * score-month — the monthly assessment and ranking of grid workers
 * (gridwork-rules(7), ASSESSMENT): indicators, deductions, bonus, score,
 * grade and ranks in township and county; over an ISO week (--week);
 * quarters and years from monthly score rows (--quarter, --year); grids
 * (--by grid); the sheet behind one score (--explain).  The rules are
 * lib/score.c's; this driver reads the tables from files or the store,
 * hands their rows to it and writes what it gives back.
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
 * A worker with no working day from hiring to the period's end is not
 * scored (no row, a warning).  Output goes to a temporary file copied
 * to stdout at the end, so a fatal error leaves stdout empty.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: score-month --month YYYY-MM | --week YYYY-Www [-p policy]\n"
    "                   [--by worker|grid] [--explain worker_id]\n"
    "                   [-d store] [--assignment file] [--workers file]\n"
    "                   [--grids file] [--events file] [--cases file]\n"
    "                   [--patrols file] [--visits file] [--logins file]\n"
    "                   [--trainings file] [--bonus file] [--tasks file]\n"
    "                   [--marks file] [--keyvisits file] [-E enc]\n"
    "                   [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-r rejects]\n"
    "                   [--zh] [--excel]\n"
    "       score-month --quarter YYYY-Qn | --year YYYY [-p policy]\n"
    "                   [--by worker|grid] [-E enc] [-i csv|tsv]\n"
    "                   [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                   -d store | --scores file ...\n";

/* OPT_WORKERS .. OPT_BONUS in the order of enum score_tab */
enum { OPT_WORKERS = OPT_CMD, OPT_GRIDS, OPT_ASSIGN, OPT_EVENTS,
	OPT_CASES, OPT_PATROLS, OPT_VISITS, OPT_LOGINS, OPT_TRAININGS,
	OPT_BONUS, OPT_SCORES, OPT_EXPLAIN, OPT_QUARTER, OPT_YEAR, OPT_BY,
	OPT_TASKS, OPT_MARKS, OPT_KEYVISITS };

/* An input table being read: which, and where its columns are. */
struct tab {
	enum score_tab t;
	int idx[16];
};

static struct {
	struct score sc;	/* the engine */
	struct gw_run run;
	struct csvr_opt ro;
	csvw *out;
	calendar *cal;
	int week;		/* 1: --week */
	sqlite3 *db;		/* -d: the store read from */
	const char *store;	/* its name */
	const policy *pol;	/* [score] unused_inputs: tables not kept */
} S;

static int
tab_hdr(csvr *r, void *arg)
{
	struct tab *t = arg;
	const struct score_table *d = &score_tables[t->t];
	char what[64];

	snprintf(what, sizeof what, "--%s", d->name);
	return gw_bind(r, csvr_name(r), d->cols, score_ncol(&S.sc, t->t),
	    d->nreq, t->idx, what);
}

/* Hands a row to the engine; reports it when the engine rejects it. */
static int
row_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;
	struct score_field f[16];
	int i;

	for (i = 0; i < score_ncol(&S.sc, t->t); i++)
		f[i].s = gw_field(rec, t->idx[i], &f[i].n);
	if (score_row(&S.sc, t->t, f) == 0)
		return 0;
	gw_reject(&S.run, csvr_name(r), rec->line, S.sc.rcol, rec, "%s",
	    S.sc.why.s);
	return 1;
}

/* ---- the tables, from a file or the store ---- */

/*
 * One table, from its file or the store (table.c).  A store keeps every
 * month, so the dated activity tables are read for the period's window
 * only (the window's rows still pass every check, hiring included),
 * tasks due in it, and bonus, marks and key-person visits for the month
 * only; the other tables whole, as from a file.  A task's deadline is
 * a date or a time (share/sql/006), so the window's end is its last
 * day's last second, which a date of that day sorts before.  Returns
 * the rows read.
 */
static long
load(const char *path, enum score_tab which)
{
	const struct score_table *d = &score_tables[which];
	struct tab t = { which, {0} };
	struct gw_table g = { 0 };
	char lo[11], hi[20];
	const char *par[2] = { lo, hi };
	long before = S.run.nread;

	g.path = path;
	g.db = S.db;
	g.store = S.store;
	g.table = d->name;
	g.cols = d->cols;
	g.ncols = (size_t)score_ncol(&S.sc, which);
	if (which == SCORE_PATROLS || which == SCORE_LOGINS ||
	    which == SCORE_TRAININGS || which == SCORE_VISITS) {
		date_fmt(which == SCORE_VISITS ? S.sc.vfirst : S.sc.first, lo);
		date_fmt(which == SCORE_VISITS ? S.sc.vlast : S.sc.last, hi);
		g.where = "\"date\" BETWEEN ? AND ?";
		g.params = par;
		g.nparams = 2;
	} else if (which == SCORE_TASKS) {
		date_fmt(S.sc.first, lo);
		date_fmt(S.sc.last, hi);
		memcpy(hi + 10, " 23:59:59", 10);
		g.where = "\"deadline\" BETWEEN ? AND ?";
		g.params = par;
		g.nparams = 2;
	} else if (which == SCORE_BONUS || which == SCORE_MARKS ||
	    which == SCORE_KEYVISITS) {
		par[0] = S.sc.period;
		g.where = "\"month\" = ?";
		g.params = par;
		g.nparams = 1;
	}
	if (table_loop(&S.run, &g, &S.ro, tab_hdr, row_rec, &t) < 0)
		gw_exit(GW_FATAL);
	return S.run.nread - before;
}

/*
 * A month without rows of an input it needs is no month of zeros: it is
 * refused, naming the table, unless the policy says the county does not
 * keep that table ([score] unused_inputs).  An empty optional input is
 * said once (table_need()).
 */
static void
need_rows(const char *const *in, enum score_tab t, long n, int required)
{
	struct gw_table g = { 0 };

	g.path = in[t];
	g.store = S.store;
	g.table = score_tables[t].name;
	if (table_need(&g, n, S.sc.period, required, S.pol, "score",
	    "scored") < 0)
		gw_exit(GW_FATAL);
}

/* ---- output ---- */

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
fs(const char *s)
{
	csvw_field(S.out, s, (size_t)-1);
}

static void
fh(int64_t h)
{
	char b[48];

	fs(score_hfmt(h, b, sizeof b));
}

static void
franks(const struct score_rank *r)
{
	csvw_fieldf(S.out, "%ld", r->rtown);
	csvw_fieldf(S.out, "%ld", r->rcounty);
	csvw_endrec(S.out);
}

static void
write_workers(const struct score_rank *r, size_t n)
{
	const struct score_worker *w;
	const char *const *cols;
	char b[48];
	size_t i, nc;
	int k;

	cols = score_columns(&S.sc, &nc);
	csvw_header(S.out, cols, nc);
	for (i = 0; i < n; i++) {
		w = &S.sc.w[r[i].ix];
		fs(S.sc.period);
		fs(score_str(&S.sc, w->id));
		fs(score_str(&S.sc, S.sc.g[w->grid].code));
		fs(score_str(&S.sc, w->town));
		for (k = 0; k < S.sc.p.nind; k++)
			fs(w->apply & (1u << k) ? score_fracfmt(w->num[k],
			    w->den[k], 4, b, sizeof b) : "");
		fh(w->ded);
		fh(w->bon);
		fh(w->score);
		fs(S.sc.p.gname[w->grade]);
		franks(&r[i]);
	}
}

static void
write_grids(const struct score_rank *wr, size_t nw)
{
	struct score_rank *r;
	size_t i, n;

	r = score_grids(&S.sc, wr, nw, &n);
	csvw_header(S.out, S.sc.year ? qgcolout : gcolout, 8);
	for (i = 0; i < n; i++) {
		fs(S.sc.period);
		fs(r[i].id);
		fs(r[i].town);
		csvw_fieldf(S.out, "%ld", r[i].n);
		fh(r[i].score);
		fs(S.sc.p.gname[score_grade(&S.sc, r[i].score)]);
		franks(&r[i]);
	}
	free(r);
}

static void
write_explain(const struct score_rank *r)
{
	struct score_xrow *x;
	size_t i, n;
	int k;

	n = score_explain(&S.sc, r, &x);
	csvw_header(S.out, xcolout, 8);
	for (i = 0; i < n; i++) {
		const char *v[] = { S.sc.explain, x[i].item, x[i].num,
		    x[i].den, x[i].rate, x[i].weight, x[i].pts, x[i].detail };

		for (k = 0; k < 8; k++)
			fs(v[k]);
		csvw_endrec(S.out);
	}
	free(x);
}

static void
write_span(const struct score_rank *r, size_t n)
{
	const struct score_qworker *q;
	size_t i;
	int months, full = S.sc.quarter ? 3 : 12;

	csvw_header(S.out, qcolout, 10);
	for (i = 0; i < n; i++) {
		q = &S.sc.q[r[i].ix];
		score_qscore(&S.sc, q, &months);
		fs(S.sc.period);
		fs(r[i].id);
		fs(score_str(&S.sc, q->grid));
		fs(r[i].town);
		csvw_fieldf(S.out, "%d", months);
		csvw_fieldf(S.out, "%d", months < full);
		fh(r[i].score);
		fs(S.sc.p.gname[score_grade(&S.sc, r[i].score)]);
		franks(&r[i]);
	}
}

/* ---- the runs ---- */

static void
run_periods(int argc, char **argv, int bygrid)
{
	struct tab t = { SCORE_SCORES, {0} };
	struct score_rank *r;
	size_t n;

	if (argc == 0 && !S.db)
		die("--quarter and --year need --scores FILE ... or -d STORE");
	if (argc == 0) {
		const char *none[SCORE_NTAB] = { 0 };

		need_rows(none, SCORE_SCORES, load(NULL, SCORE_SCORES), 1);
	} else if (gw_loop(&S.run, argc, argv, &S.ro, tab_hdr, row_rec,
	    &t) < 0)
		gw_exit(GW_FATAL);
	r = score_workers(&S.sc, &n);
	if (bygrid)
		write_grids(r, n);
	else {
		score_rank(r, n);
		write_span(r, n);
	}
	free(r);
}

static void
run_month(const char *const *in, int bygrid)
{
	/* after grids, assignment and workers, which the others refer to */
	static const enum score_tab rest[] = { SCORE_EVENTS, SCORE_CASES,
	    SCORE_PATROLS, SCORE_LOGINS, SCORE_TRAININGS, SCORE_VISITS };
	struct score_rank *r;
	size_t i, n;

	load(in[SCORE_GRIDS], SCORE_GRIDS);
	/* the store's division (grid-code -d), unless a file overrides it */
	need_rows(in, SCORE_ASSIGNMENT, load(in[SCORE_ASSIGNMENT],
	    SCORE_ASSIGNMENT), 1);
	need_rows(in, SCORE_WORKERS, load(in[SCORE_WORKERS], SCORE_WORKERS),
	    1);
	if (S.sc.explain && S.sc.xw < 0)
		die("--explain '%s': no such worker in '%s'", S.sc.explain,
		    in[SCORE_WORKERS]);
	for (i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		long n = load(in[rest[i]], rest[i]);

		/* a quiet grid may have no events nor cases */
		if (rest[i] != SCORE_EVENTS && rest[i] != SCORE_CASES)
			need_rows(in, rest[i], n, rest[i] != SCORE_TRAININGS);
	}
	if (in[SCORE_BONUS] || (S.db && !S.week))
		need_rows(in, SCORE_BONUS, load(in[SCORE_BONUS], SCORE_BONUS),
		    0);
	for (i = SCORE_TASKS; i < SCORE_NTAB; i++)	/* the policy's */
		if (score_needs(&S.sc, i))
			need_rows(in, i, load(in[i], i), 0);

	score_compute(&S.sc);
	for (i = 0; i < S.sc.nw; i++) {
		const struct score_worker *w = &S.sc.w[i];
		char h[11] = "", a[11];

		if (w->scored)
			continue;
		if (w->hired != LONG_MIN)
			date_fmt(w->hired, h);
		date_fmt(S.sc.last, a);
		if (w->left != LONG_MIN && w->left < S.sc.first) {
			date_fmt(w->left, h);
			warn("worker '%s' left %s: not scored",
			    score_str(&S.sc, w->id), h);
		} else if (w->hired > S.sc.last)
			warn("worker '%s' hired %s, after %s: not scored",
			    score_str(&S.sc, w->id), h, a);
		else
			warn("worker '%s' hired %s: no working day to %s, not "
			    "scored", score_str(&S.sc, w->id), h, a);
		if ((long)i == S.sc.xw)
			die("--explain '%s': not scored: no working day from "
			    "hiring to the period's end", S.sc.explain);
	}
	r = score_workers(&S.sc, &n);
	if (bygrid)
		write_grids(r, n);
	else {
		score_rank(r, n);
		if (S.sc.explain) {
			for (i = 0; i < n; i++)
				if ((long)r[i].ix == S.sc.xw)
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
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_MONTH, GW_LO_WEEK, GW_LO_INPUT,
		GW_LO_HELP,
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
		{"tasks", required_argument, 0, OPT_TASKS},
		{"marks", required_argument, 0, OPT_MARKS},
		{"keyvisits", required_argument, 0, OPT_KEYVISITS},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *in[SCORE_NTAB] = {0}, *quarter = NULL, *year = NULL;
	const char *explain = NULL, *why;
	static char **scores;	/* --scores: static, so still reachable when
				   die() exits (the leak checker) */
	int ch, i, nscores = 0, bygrid = 0, nper, status, y, q;
	long first, last;
	policy *pol;
	FILE *tmp;
	int ac = argc;
	char **av = argv;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
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
			explain = optarg;
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
			if (ch >= OPT_TASKS && ch <= OPT_KEYVISITS) {
				in[SCORE_TASKS + ch - OPT_TASKS] = optarg;
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
		if (!(S.db = store_open(o.store, STORE_RDONLY, &why)))
			die("%s", why);
		S.store = o.store;
	}
	score_init(&S.sc);
	S.sc.explain = explain;
	if (!(pol = policy_load(o.policy, &why)) ||
	    score_policy(&S.sc, pol, &why) < 0)
		die("%s", why);
	if (S.db && gridstore_profile_cmd(o.store, S.db, o.policy,
	    policy_name(pol), ac, av) < 0)
		gw_exit(GW_FATAL);
	S.pol = pol;
	S.run.rejects_path = o.rejects;
	S.run.mixed = 1;	/* rows of ten tables in one rejects file */
	S.ro = gw_inopt(&o);
	tmp = gw_spool();
	S.out = gw_out(&o, tmp);

	if (quarter || year) {
		if (explain)
			die("--explain is for --month and --week");
		for (i = 0; i < SCORE_NTAB; i++)
			if (in[i])
				die("--quarter and --year read --scores only");
		if (score_span_parse(quarter ? quarter : year, !!quarter, &y,
		    &q) < 0)
			die(quarter ? "--quarter '%s': not YYYY-Qn" :
			    "--year '%s': not YYYY", quarter ? quarter : year);
		score_span(&S.sc, y, q);
		run_periods(nscores, scores, bygrid);
		free(scores);
	} else {
		if (scores)
			die("--scores is for --quarter and --year");
		for (i = 0; i < SCORE_BONUS; i++)
			if (!in[i] && !S.db)
				die("missing --%s FILE", score_tables[i].name);
		for (i = SCORE_TASKS; i < SCORE_NTAB; i++)
			if (score_needs(&S.sc, i) ? !in[i] && !S.db :
			    !!in[i])
				die(in[i] ? "--%s: no indicator of policy '%s' "
				    "reads it" : "missing --%s FILE: an "
				    "indicator of policy '%s' reads it",
				    score_tables[i].name, policy_name(pol));
		if (explain && bygrid)
			die("--explain is for workers, not --by grid");
		if (o.week) {
			if (in[SCORE_BONUS])
				die("--bonus is monthly: not with --week");
			if (week_parse(o.week, &first, &last) < 0)
				die("--week '%s': not YYYY-Www", o.week);
			S.week = 1;
		} else if (strlen(o.month) != 7 ||
		    month_parse(o.month, &first, &last) < 0)
			die("--month '%s': not YYYY-MM", o.month);
		S.cal = cal_open(NULL);
		if (score_days(&S.sc, o.week ? o.week : o.month, first, last,
		    S.cal, &why) < 0)
			die("%s", why);
		run_month(in, bygrid);
	}
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	store_close(S.db);
	if (S.cal)
		cal_warnprov(S.cal, "working days");
	status = gw_end(&S.run, NULL);
	gw_exit(status);
}
