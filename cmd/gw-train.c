/*
 * gw-train — the training register of a year (gridwork-rules(7),
 * ASSESSMENT: training over the year): the sessions each county,
 * township and village held against the policy's minimum ([train]
 * sessions_min.LEVEL), the share of their workers reached, and each
 * worker's attendance by level with their pre-service (induction)
 * training, as of any day of the year.  The rules are lib/year.c's;
 * this driver reads the workers, the sessions and the attendance rows
 * (files, or the store's workers and trainings), hands them to it and
 * writes what it gives back.
 *
 * Contract: every row read is accepted or rejected (FILE:LINE: column
 * 'x': reason, and the -r file); a rejected row changes no figure.
 * Output goes through a temporary file: on a fatal error stdout stays
 * empty.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-train --year YYYY [--as-of date] [--by area|worker]\n"
    "                [--untrained] [-p policy] [-d store] [--workers file]\n"
    "                --sessions file [--trainings file] [-E enc]\n"
    "                [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-r rejects]\n"
    "                [--zh] [--excel]\n";

enum { OPT_WORKERS = OPT_CMD, OPT_SESSIONS, OPT_TRAININGS, OPT_YEAR,
	OPT_BY, OPT_UNTRAINED };

static struct {
	struct train tr;	/* the engine */
	struct gw_run run;
	struct csvr_opt ro;
	csvw *out;
	sqlite3 *db;
	const char *store;
} S;

static int
trow(void *eng, int t, const struct score_field *f)
{
	return train_row(eng, (enum train_tab)t, f);
}

/* One table, from its file or the store's table of the same name. */
static void
load(const char *path, enum train_tab which)
{
	const struct score_table *d = &train_tables[which];
	struct etab t;
	struct gw_table g = { 0 };

	etab_init(&t, d, which, &S.run);
	t.row = trow;
	t.eng = &S.tr;
	t.rcol = &S.tr.rcol;
	t.why = &S.tr.why;
	g.path = path;
	g.db = S.db;
	g.store = S.store;
	g.table = d->name;
	g.cols = d->cols;
	g.ncols = (size_t)d->ncol;
	if (table_loop(&S.run, &g, &S.ro, etab_hdr, etab_rec, &t) < 0)
		gw_exit(GW_FATAL);
}

static void
fs(const char *s)
{
	csvw_field(S.out, s, (size_t)-1);
}

static void
write_areas(const char *asof)
{
	static const char *const hdr[] = { "year", "as_of", "level",
	    "area_code", "sessions", "sessions_min", "short", "workers",
	    "reached", "trained_rate" };
	struct train_area *a;
	char b[48];
	size_t i, n;

	a = train_areas(&S.tr, &n);
	csvw_header(S.out, hdr, 10);
	for (i = 0; i < n; i++) {
		csvw_fieldf(S.out, "%04d", S.tr.year);
		fs(asof);
		fs(train_lvlname[a[i].lvl]);
		fs(a[i].code);
		csvw_fieldf(S.out, "%ld", a[i].sessions);
		csvw_fieldf(S.out, "%ld", a[i].min);
		csvw_fieldf(S.out, "%ld", a[i].sessions < a[i].min ?
		    a[i].min - a[i].sessions : 0);
		csvw_fieldf(S.out, "%ld", a[i].workers);
		csvw_fieldf(S.out, "%ld", a[i].reached);
		fs(a[i].workers ? score_fracfmt(a[i].reached, a[i].workers, 4,
		    b, sizeof b) : "");
		csvw_endrec(S.out);
	}
	free(a);
}

static void
write_workers(const char *asof, int untrained)
{
	static const char *const hdr[] = { "year", "as_of", "worker_id",
	    "grid_code", "township_code", "hired_on", "attended_county",
	    "attended_township", "attended_village", "induction_on",
	    "untrained" };
	const struct train_worker *w;
	char d[11];
	size_t i;
	int l, u;

	csvw_header(S.out, hdr, 11);
	for (i = 0; i < S.tr.nw; i++) {
		w = &S.tr.w[i];
		if (w->hired != LONG_MIN && w->hired > S.tr.asof)
			continue;	/* not yet a worker */
		u = train_untrained(&S.tr, w);
		if (untrained && !u)
			continue;
		csvw_fieldf(S.out, "%04d", S.tr.year);
		fs(asof);
		fs(train_str(&S.tr, w->id));
		fs(train_str(&S.tr, w->grid));
		fs(train_str(&S.tr, w->town));
		d[0] = '\0';
		if (w->hired != LONG_MIN)
			date_fmt(w->hired, d);
		fs(d);
		for (l = 0; l < TRAIN_NLVL; l++)
			csvw_fieldf(S.out, "%ld", w->att[l]);
		d[0] = '\0';
		if (w->induction != LONG_MIN)
			date_fmt(w->induction, d);
		fs(d);
		csvw_fieldf(S.out, "%d", u);
		csvw_endrec(S.out);
	}
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{"workers", required_argument, 0, OPT_WORKERS},
		{"sessions", required_argument, 0, OPT_SESSIONS},
		{"trainings", required_argument, 0, OPT_TRAININGS},
		{"year", required_argument, 0, OPT_YEAR},
		{"by", required_argument, 0, OPT_BY},
		{"untrained", no_argument, 0, OPT_UNTRAINED},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *in[TRAIN_NTAB] = {0}, *year = NULL, *why;
	char asof[11];
	int ch, i, byworker = 0, untrained = 0, y, q, status;
	long day;
	policy *pol;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((ch = gw_getopt(argc, argv, "d:E:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case OPT_BY:
			if (strcmp(optarg, "worker") == 0)
				byworker = 1;
			else if (strcmp(optarg, "area") == 0)
				byworker = 0;
			else
				die("--by '%s': not area or worker", optarg);
			break;
		case OPT_SESSIONS:
		case OPT_TRAININGS:
		case OPT_WORKERS:
			in[ch - OPT_WORKERS] = optarg;
			break;
		case OPT_UNTRAINED:
			untrained = 1;
			break;
		case OPT_YEAR:
			year = optarg;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0)
		die("unexpected operand '%s': inputs are named by options",
		    argv[0]);
	if (!year || score_span_parse(year, 0, &y, &q) < 0)
		die(year ? "--year '%s': not YYYY" : "missing --year YYYY",
		    year);
	if (untrained && !byworker)
		die("--untrained lists workers: give --by worker");
	if (!in[TRAIN_SESSIONS])
		die("missing --sessions FILE: the store keeps no sessions");
	if (o.store) {
		if (!(S.db = store_open(o.store, STORE_RDONLY, &why)))
			die("%s", why);
		S.store = o.store;
	}
	for (i = 0; i < TRAIN_NTAB; i++)
		if (!in[i] && !S.db)
			die("missing --%s FILE", train_tables[i].name);
	if (o.as_of) {
		if (date_parse(o.as_of, strlen(o.as_of), &day) < 0)
			die("--as-of '%s': not a date", o.as_of);
	} else
		day = day_from_ymd(y, 12, 31);
	date_fmt(day, asof);
	train_init(&S.tr);
	if (!(pol = policy_load(o.policy, &why)) ||
	    train_setup(&S.tr, pol, y, day, &why) < 0)
		die("%s", why);
	S.run.rejects_path = o.rejects;
	S.run.mixed = 1;	/* rows of three tables in one rejects file */
	S.ro = gw_inopt(&o);
	tmp = gw_spool();
	S.out = gw_out(&o, tmp);

	for (i = 0; i < TRAIN_NTAB; i++)	/* in the order rows refer */
		load(in[i], i);
	if (byworker)
		write_workers(asof, untrained);
	else
		write_areas(asof);

	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	store_close(S.db);
	train_free(&S.tr);
	policy_free(pol);
	status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
