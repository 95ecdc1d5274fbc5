/*
 * gw-month — run a county's month from the store in one command, from
 * cron (gw-month(1)).  The stages are the engines' (lib/month.c: the
 * loads of load.c, the scores of score.c, the pay of month_pay.c, the
 * population reports of month_pop.c); this is the driver: the options,
 * the store and its one transaction, the month's files found by table
 * name in --in, the rejects files and results in --out, and one summary
 * line a step on stderr.
 *
 * The whole month is one transaction (BEGIN IMMEDIATE: a second run on
 * the store waits for the first, up to the store's busy timeout, then
 * says why it could not run).  A fault, or a kill at any moment, leaves
 * the store as it was; the --out files are written whole and appear only
 * once the store has committed.  GW_MONTH_KILL=STEP (for the tests)
 * makes the run kill itself with SIGKILL after STEP: load:TABLE, load,
 * classify, route, track, score, pay, pop or commit (just before the
 * commit).
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-month -d store --month YYYY-MM [-p policy] [--in dir]"
    " [--out dir]\n";

enum { OPT_IN = OPT_CMD, OPT_OUT };

/* A path DIR/NAME (free() it). */
static char *
pathf(const char *fmt, const char *a, const char *b)
{
	struct sbuf s = { 0 };

	sbuf_addf(&s, fmt, a, b);
	return s.s;
}

static void
say(void *arg, const char *line)
{
	(void)arg;
	warn("%s", line);
}

/* The test hook of the file's comment. */
static void
killpoint(const char *step)
{
	const char *k = getenv("GW_MONTH_KILL");

	if (k && strcmp(k, step) == 0)
		raise(SIGKILL);
}

/* DIR/NAME.EXT for the first extension that names a file, or NULL. */
static char *
find_input(const char *dir, const char *name)
{
	static const char *const ext[] = { "csv", "tsv", "xlsx", "xls" };
	struct stat st;
	char *p;
	size_t i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = pathf("%s/%s.", dir, name);
		p = xreallocarray(p, strlen(p) + 5, 1);
		strcat(p, ext[i]);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	return NULL;
}

/* An output of --out, written whole. */
struct outf {
	struct gw_ofile of;
	csvw *w;
};

static csvw *
out_open(struct outf *f, const char *dir, const char *name)
{
	struct gw_opts o;
	const char *why;
	char *p = pathf("%s/%s", dir, name);
	FILE *fp;

	memset(&o, 0, sizeof o);
	if (!(fp = gw_ofile_open(&f->of, p, 0, &why)))
		die("cannot create %s: %s", p, why);
	free(p);
	return f->w = gw_out(&o, fp);
}

/* The stages after classify, in order, each with the --out files of its
   results (the single commands' bytes); one calls its month_*() with
   them, NULL without --out. */
static int
st_route(struct month *m, csvw **w, struct gw_run *run)
{
	return month_route(m, w[0], run);
}

static int
st_track(struct month *m, csvw **w, struct gw_run *run)
{
	return month_track(m, w[0], run);
}

static int
st_score(struct month *m, csvw **w, struct gw_run *run)
{
	return month_score(m, w[0], run);
}

static int
st_pay(struct month *m, csvw **w, struct gw_run *run)
{
	return month_pay(m, w[0], w[1], run);
}

static int
st_pop(struct month *m, csvw **w, struct gw_run *run)
{
	return month_pop(m, w[0], w[1], w[2], run);
}

#define NSTAGEOUT 3
static const struct stage {
	const char *name;
	int (*fn)(struct month *, csvw **, struct gw_run *);
	const char *files[NSTAGEOUT];
} stages[] = {
	{ "route", st_route, { "orders.csv" } },
	{ "track", st_track, { "cases.csv" } },
	{ "score", st_score, { "scores.csv" } },
	{ "pay", st_pay, { "pay.csv", "pay-budget.csv" } },
	{ "pop", st_pop, { "pop-grid.csv", "visit-shortfall.csv",
	    "visit-compliance.csv" } },
};
#define NSTAGE (sizeof stages / sizeof stages[0])

/* Stage s: its rejects in --out/NAME.rejects.csv, its results in f (its
   files under --out); a fault rolls the month back.  The status and
   rejects so far are updated. */
static void
stage(struct month *m, const struct stage *s, const char *out,
    struct outf *f, int *status, long *nrej)
{
	struct gw_run run;
	csvw *w[NSTAGEOUT] = { 0 };
	size_t i;
	int st;

	memset(&run, 0, sizeof run);
	run.mixed = 1;
	if (out)
		run.rejects_path = pathf("%s/%s.rejects.csv", out, s->name);
	for (i = 0; out && i < NSTAGEOUT && s->files[i]; i++)
		w[i] = out_open(&f[i], out, s->files[i]);
	if (s->fn(m, w, &run) < 0) {
		warn("%s", m->why);
		warn("%s %s: fatal; rolled back, the store is unchanged",
		    s->name, m->month);
		gw_exit(GW_FATAL);
	}
	if ((st = gw_run_end(&run)) == GW_FATAL)
		gw_exit(GW_FATAL);
	*status = st > *status ? st : *status;
	*nrej += run.nrej;
	free((char *)run.rejects_path);
	killpoint(s->name);
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		GW_LO_MONTH,
		{ "in", required_argument, 0, OPT_IN },
		{ "out", required_argument, 0, OPT_OUT },
		GW_LO_HELP,
		{ 0 }
	};
	struct gw_opts o;
	struct month m;
	struct gw_run run;
	struct load_counts c;
	struct csvr_opt ro;
	struct outf outs[NSTAGE][NSTAGEOUT];	/* each stage's --out files */
	const struct month_table *tab;
	const char *in = NULL, *out = NULL, *why;
	char buf[512], *path;
	size_t i, j, ntab;
	sqlite3 *db;
	colspec *cs;
	policy *pol;
	long nloaded = 0, nrej = 0;
	int ch, status = GW_OK, st, fullargc = argc;
	char **fullargv = argv;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(outs, 0, sizeof outs);
	while ((ch = getopt_long(argc, argv, "d:hp:", lo, NULL)) != -1) {
		switch (ch) {
		case OPT_IN:
			in = optarg;
			break;
		case OPT_OUT:
			out = optarg;
			break;
		default:
			if (!gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0 || o.store == NULL || o.month == NULL)
		gw_usage(usage_text);

	memset(&m, 0, sizeof m);
	if (month_init(&m, o.month) < 0)
		die("%s", m.why);
	if (out && mkdir(out, 0777) < 0 && errno != EEXIST)
		die("--out %s:", out);
	if (!(db = store_open(o.store, 0, &why)))
		die("%s", why);
	if (!(cs = colspec_load(db, NULL, &why)))
		die("%s", why);
	if (!(pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (!o.policy && gridstore_profile_note(db, policy_name(pol), buf,
	    sizeof buf))
		warn("warning: %s", buf);
	m.db = db;
	m.store = o.store;
	m.cs = cs;
	m.pol = pol;
	m.cal = cal_open(NULL);
	m.argc = fullargc;
	m.argv = fullargv;
	m.note = say;

	/* the lock: a second run waits here */
	if (store_begin(db, &why) < 0)
		die("%s: cannot run the month: %s (another run holds the "
		    "store; GRIDWORK_BUSY_TIMEOUT sets how long to wait)",
		    o.store, why);

	ro = gw_inopt(&o);
	tab = month_tables(&ntab);
	for (i = 0; in && i < ntab; i++) {
		if (!(path = find_input(in, tab[i].name)))
			continue;
		memset(&run, 0, sizeof run);
		if (out)
			run.rejects_path = pathf("%s/%s.rejects.csv", out,
			    tab[i].name);
		if (month_load(&m, tab[i].name, path, &run, &ro, &c) < 0) {
			warn("%s", m.why);
			warn("load %s: fatal; rolled back, the store is "
			    "unchanged", tab[i].name);
			gw_exit(GW_FATAL);	/* the store rolls back */
		}
		if ((st = gw_run_end(&run)) == GW_FATAL)
			gw_exit(GW_FATAL);
		status = st > status ? st : status;
		nloaded += c.nok;
		nrej += c.nrej;
		free((char *)run.rejects_path);
		free(path);
		snprintf(buf, sizeof buf, "load:%s", tab[i].name);
		killpoint(buf);
	}
	killpoint("load");

	if (month_classify(&m) < 0) {
		warn("%s", m.why);
		warn("classify %s: fatal; rolled back, the store is unchanged",
		    m.month);
		gw_exit(GW_FATAL);
	}
	killpoint("classify");
	for (i = 0; i < NSTAGE; i++)
		stage(&m, &stages[i], out, outs[i], &status, &nrej);

	if (o.policy && gridstore_profile_record(db, policy_name(pol),
	    &why) < 0)
		die("%s: %s", o.store, why);
	snprintf(buf, sizeof buf, "month %s: rows loaded %ld, rejected %ld, "
	    "workers scored %ld, paid %ld, profile %s", m.month, nloaded, nrej,
	    m.nscores, m.npaid, policy_name(pol));
	if (store_audit(db, fullargc, fullargv, NULL, "month", -1, nloaded,
	    -1, nrej, buf, &why) < 0)
		die("%s: %s", o.store, why);
	for (i = 0; i < NSTAGE; i++)
		for (j = 0; j < NSTAGEOUT; j++)
			if (outs[i][j].w && csvw_close(outs[i][j].w) < 0)
				die("write error: %s:", outs[i][j].of.path);
	killpoint("commit");
	if (store_commit(db, &why) < 0)
		die("%s: %s", o.store, why);
	for (i = 0; i < NSTAGE; i++)
		for (j = 0; j < NSTAGEOUT; j++)
			if (outs[i][j].w &&
			    gw_ofile_commit(&outs[i][j].of) < 0)
				status = GW_FATAL;
	cal_warnprov(m.cal, "working days");
	warn("month %s: committed to %s (rows loaded %ld, rejected %ld, "
	    "workers scored %ld, paid %ld)", m.month, o.store, nloaded, nrej,
	    m.nscores, m.npaid);
	colspec_free(cs);
	policy_free(pol);
	if (store_close(db) < 0)
		status = GW_FATAL;
	gw_exit(status);
}
