/*
 * gw-staff — the staffing report as of a date: per grid, or rolled up by
 * village, township or county, who is on post, the grids with nobody,
 * the urban grids with no full-time worker, how long a post has been
 * vacant, households per worker (gridwork-rules(7), STAFFING;
 * gw-staff(1)).  The rules are the staffing engine's (lib/staff.c); this
 * is its driver: options, the regions, the grid table and the roster read
 * into it, and the report written.
 *
 * Contract: GRIDS is a grid table (grid-code -G: grid_code, households;
 * village kinds from -R), the operands rosters (worker_id, role,
 * grid_code, employment, hired_on[, left_on]), --posts the spells on
 * post (grid_code, worker_id, from_on, to_on).  With -d each of these
 * not given as a file is the store's table (regions, grids, workers,
 * posts), read through the same callbacks as a file; a store without
 * regions, grids or workers is refused, naming the table, since a
 * report of every grid vacant is no report.  Every roster row is on a
 * post or rejected (FILE:LINE: column 'x': reason, and the -r file): an
 * empty or repeated id, a role the policy does not know, a bad grid
 * code or one not in GRIDS, a bad employment or date.  A gap in staffing
 * is a row of the report, not a rejected row.
 *
 * --replace and --top write instead the lists of the scores (staffrank.c)
 * read from --scores or the store's scores: the workers on post to
 * replace after the policy's run of 不称职 months, and each county's top
 * ten (十佳) of the month.  --renewal lists the workers on post whose
 * term ends soon (续聘), each with the last score when scores are read;
 * --tiers the 三长两员 tiers of each area against the profile's norms.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-staff --as-of date -G grids -R regions\n"
    "                [--by grid|village|township|county] [-E enc]\n"
    "                [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects] [--zh]\n"
    "                [--excel] [--posts file]\n"
    "                [--renewal | --replace | --tiers | --top]\n"
    "                [--scores file] [file ...]\n"
    "       gw-staff --as-of date -d store [-G grids] [-R regions]\n"
    "                [--by grid|village|township|county] [-E enc]\n"
    "                [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects] [--zh]\n"
    "                [--excel] [--posts file]\n"
    "                [--renewal | --replace | --tiers | --top]\n"
    "                [--scores file] [file ...]\n";

enum { OPT_BY = OPT_CMD, OPT_POSTS, OPT_REPLACE, OPT_TOP, OPT_SCORES,
    OPT_RENEWAL, OPT_TIERS };

static struct {
	struct gw_run run;
	struct csvr_opt ropt;
	struct staff st;
	struct staff_rank rk;	/* --replace, --top */
	struct staff_tabs tab;	/* the tables into st and rk */
	csvw *out;
	sqlite3 *db;		/* -d: the store read from, or NULL */
	const char *store;	/* its name */
} S;

static int
usage(void)
{
	gw_usage(usage_text);
}

/* One table into the engines (stafftab.c); a fault ends the run. */
static void
readtab(const char *path, enum staff_tab which, int need)
{
	if (stafft_read(&S.tab, which, path, need) < 0) {
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}
}

/* ---- the report ---- */

static void
hundredths(int64_t h)
{
	char b[32];

	csvw_field(S.out, score_hfmt(h, b, sizeof b), (size_t)-1);
}

static void
by_replace(void)
{
	static const char *const hdr[] = { "worker_id", "grid_code",
	    "township_code", "from_month", "to_month", "months", "score",
	    "grade" };
	struct staff_rank_out *o;
	char m[8];
	size_t i, n;

	n = staff_replace(&S.rk, S.st.onpost, &o);
	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < n; i++) {
		csvw_field(S.out, o[i].who, (size_t)-1);
		csvw_field(S.out, o[i].grid, (size_t)-1);
		csvw_field(S.out, o[i].town, (size_t)-1);
		staff_ymfmt(o[i].from, m);
		csvw_field(S.out, m, 7);
		staff_ymfmt(o[i].to, m);
		csvw_field(S.out, m, 7);
		csvw_fieldf(S.out, "%ld", o[i].months);
		hundredths(o[i].h);
		csvw_field(S.out, o[i].grade, (size_t)-1);
		csvw_endrec(S.out);
	}
	free(o);
}

static void
by_renewal(void)
{
	static const char *const hdr[] = { "worker_id", "grid_code", "role",
	    "hired_on", "term_ends", "days_left", "month", "score",
	    "grade" };
	struct staff_renewal *o;
	char d[11], m[8];
	long i, n;

	n = staff_renewals(&S.rk, &S.st, &o);
	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < n; i++) {
		csvw_field(S.out, o[i].who, (size_t)-1);
		csvw_field(S.out, o[i].grid, (size_t)-1);
		csvw_field(S.out, o[i].role, (size_t)-1);
		date_fmt(o[i].hired, d);
		csvw_field(S.out, d, 10);
		date_fmt(o[i].ends, d);
		csvw_field(S.out, d, 10);
		csvw_fieldf(S.out, "%ld", o[i].left);
		if (o[i].last) {
			staff_ymfmt(o[i].last->to, m);
			csvw_field(S.out, m, 7);
			hundredths(o[i].last->h);
			csvw_field(S.out, o[i].last->grade, (size_t)-1);
		} else {
			csvw_field(S.out, "", 0);
			csvw_field(S.out, "", 0);
			csvw_field(S.out, "", 0);
		}
		csvw_endrec(S.out);
	}
	free(o);
}

static void
by_tiers(const policy *pol)
{
	static const char *const hdr[] = { "area_code", "role", "norm",
	    "want_min", "want_max", "have", "problem" };
	struct staff_tier *o;
	char why[512];
	long i, n;

	if ((n = staff_tiers(&S.st, pol, &o, why, sizeof why)) < 0)
		die("%s", why);
	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < n; i++) {
		csvw_field(S.out, o[i].area, (size_t)-1);
		csvw_field(S.out, o[i].role, (size_t)-1);
		csvw_field(S.out, o[i].norm, (size_t)-1);
		csvw_fieldf(S.out, "%ld", o[i].want_min);
		csvw_fieldf(S.out, "%ld", o[i].want_max);
		csvw_fieldf(S.out, "%ld", o[i].have);
		csvw_field(S.out, o[i].problem, (size_t)-1);
		csvw_endrec(S.out);
	}
	free(o);
}

static void
by_top(void)
{
	static const char *const hdr[] = { "month", "county_code", "rank",
	    "worker_id", "grid_code", "township_code", "score", "grade" };
	struct staff_rank_out *o;
	char m[8];
	size_t i, n;

	n = staff_top(&S.rk, &o);
	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < n; i++) {
		staff_ymfmt(o[i].to, m);
		csvw_field(S.out, m, 7);
		csvw_field(S.out, *o[i].grid ? o[i].grid : o[i].town, 6);
		csvw_fieldf(S.out, "%ld", o[i].rank);
		csvw_field(S.out, o[i].who, (size_t)-1);
		csvw_field(S.out, o[i].grid, (size_t)-1);
		csvw_field(S.out, o[i].town, (size_t)-1);
		hundredths(o[i].h);
		csvw_field(S.out, o[i].grade, (size_t)-1);
		csvw_endrec(S.out);
	}
	free(o);
}

/* households a worker, one decimal, half up; "" without workers */
static void
per_worker(long hh, long nw)
{
	long t;

	if (nw == 0) {
		csvw_field(S.out, "", 0);
		return;
	}
	t = (hh * 10 + nw / 2) / nw;
	csvw_fieldf(S.out, "%ld.%ld", t / 10, t % 10);
}

static void
by_grid(void)
{
	static const char *const hdr[] = { "grid_code", "village_code",
	    "kind", "households", "workers", "fulltime",
	    "households_per_worker", "vacant_since", "days_vacant", "problem" };
	const struct staff_grid *g;
	char d[11];
	long v;
	size_t i;

	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.st.ng; i++) {
		g = &S.st.g[i];
		csvw_field(S.out, g->code, LVL_GRID);
		csvw_field(S.out, g->code, LVL_VILLAGE);
		csvw_field(S.out, g->ded ? "dedicated" : kind_name(g->kind),
		    (size_t)-1);
		csvw_fieldf(S.out, "%ld", g->hh);
		csvw_fieldf(S.out, "%ld", g->nw);
		csvw_fieldf(S.out, "%ld", g->nfull);
		per_worker(g->hh, g->nw);
		if ((v = staff_vacant_days(&S.st, g)) >= 0) {
			date_fmt(g->lastleft + 1, d);
			csvw_field(S.out, d, 10);
			csvw_fieldf(S.out, "%ld", v);
		} else {
			csvw_field(S.out, "", 0);
			csvw_field(S.out, "", 0);
		}
		csvw_field(S.out, staff_problem(g), (size_t)-1);
		csvw_endrec(S.out);
	}
}

static void
by_area(int lvl)
{
	static const char *const hdr[] = { "area_code", "grids",
	    "households", "workers", "fulltime", "households_per_worker",
	    "no_worker", "no_fulltime", "vacant", "days_vacant" };
	const struct staff_grid *g;
	long grids = 0, hh = 0, nw = 0, nf = 0, now = 0, nof = 0, vac = 0;
	long days = 0, v;
	const char *p;
	size_t i;

	csvw_header(S.out, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.st.ng; i++) {
		g = &S.st.g[i];
		grids++;
		hh += g->hh;
		nw += g->nw;
		nf += g->nfull;
		p = staff_problem(g);
		now += strcmp(p, "no_worker") == 0;
		nof += strcmp(p, "no_fulltime") == 0;
		if ((v = staff_vacant_days(&S.st, g)) >= 0) {
			vac++;
			days += v;
		}
		if (i + 1 < S.st.ng && memcmp(g->code, S.st.g[i + 1].code,
		    (size_t)lvl) == 0)
			continue;
		csvw_field(S.out, g->code, (size_t)lvl);
		csvw_fieldf(S.out, "%ld", grids);
		csvw_fieldf(S.out, "%ld", hh);
		csvw_fieldf(S.out, "%ld", nw);
		csvw_fieldf(S.out, "%ld", nf);
		per_worker(hh, nw);
		csvw_fieldf(S.out, "%ld", now);
		csvw_fieldf(S.out, "%ld", nof);
		csvw_fieldf(S.out, "%ld", vac);
		csvw_fieldf(S.out, "%ld", days);
		csvw_endrec(S.out);
		grids = hh = nw = nf = now = nof = vac = days = 0;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by", required_argument, 0, OPT_BY },
		{ "posts", required_argument, 0, OPT_POSTS },
		{ "renewal", no_argument, 0, OPT_RENEWAL },
		{ "replace", no_argument, 0, OPT_REPLACE },
		{ "scores", required_argument, 0, OPT_SCORES },
		{ "tiers", no_argument, 0, OPT_TIERS },
		{ "top", no_argument, 0, OPT_TOP },
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{ 0 }
	};
	struct gw_opts o;
	const char *by = NULL, *grids = NULL, *posts = NULL, *why;
	const char **scores = NULL;
	int replace = 0, top = 0, renewal = 0, tiers = 0, nscores = 0;
	policy *pol;
	char twhy[512];
	long asof;
	int c, lvl, i, status;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((c = getopt_long(argc, argv, "d:E:G:ho:p:R:r:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'G':
			grids = optarg;
			break;
		case OPT_BY:
			by = optarg;
			break;
		case OPT_POSTS:
			posts = optarg;
			break;
		case OPT_RENEWAL:
			renewal = 1;
			break;
		case OPT_REPLACE:
			replace = 1;
			break;
		case OPT_SCORES:	/* one file a month, or several */
			scores = xreallocarray(scores, (size_t)nscores + 1,
			    sizeof *scores);
			scores[nscores++] = optarg;
			break;
		case OPT_TIERS:
			tiers = 1;
			break;
		case OPT_TOP:
			top = 1;
			break;
		default:
			if (!gw_opt(&o, c, optarg, usage_text))
				usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (!o.as_of)
		die("missing --as-of DATE: posts are counted at a given date, "
		    "never at today");
	if (asof_parse(o.as_of, &asof) < 0)
		die("--as-of: bad date '%s' (want YYYY-MM-DD)", o.as_of);
	if (replace + top + renewal + tiers > 1) {
		warn("--renewal, --replace, --tiers and --top are four "
		    "reports: give one");
		usage();
	}
	if ((replace || top || renewal || tiers) && by) {
		warn("--renewal, --replace, --tiers and --top have rows of "
		    "their own: no --by");
		usage();
	}
	if (scores && !replace && !top && !renewal) {
		warn("--scores goes with --renewal, --replace or --top");
		usage();
	}
	if ((replace || top) && !scores && !o.store) {
		warn("--replace and --top read --scores FILE or a store (-d)");
		usage();
	}
	if ((!grids || !o.regions) && !o.store) {
		warn("want -G grids and -R regions, or a store (-d)");
		usage();
	}
	/* the levels event-report names, from the county down */
	if ((lvl = by ? ev_lvlparse(by) : LVL_GRID) < LVL_COUNTY)
		die("--by: '%s' is none of grid, village, township, county",
		    by);
	if (!(pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (staff_init(&S.st, pol, asof) < 0)
		die("%s", S.st.why);
	/* a policy's fault is said before a row is read */
	if ((replace || top || renewal) &&
	    staff_rank_init(&S.rk, pol, asof) < 0)
		die("policy '%s': %s", policy_name(pol), S.rk.why);
	if (tiers && staff_tiers_check(pol, twhy, sizeof twhy) < 0)
		die("%s", twhy);
	if (o.store) {
		if (!(S.db = store_open(o.store, STORE_RDONLY, &why)))
			die("%s", why);
		S.store = o.store;
	}
	S.run.rejects_path = o.rejects;
	/* regions, grids, rosters, posts, scores: one run, several tables */
	S.run.mixed = 1;
	S.ropt = gw_inopt(&o);
	S.tab.run = &S.run;
	S.tab.ro = &S.ropt;
	S.tab.st = &S.st;
	S.tab.rk = &S.rk;
	S.tab.db = S.db;
	S.tab.store = S.store;
	readtab(o.regions, STAFFT_REGIONS, 1);
	readtab(grids, STAFFT_GRIDS, 1);
	staff_grids_end(&S.st);
	if (argc == 0)
		readtab(S.db ? NULL : "-", STAFFT_WORKERS, 1);
	for (i = 0; i < argc; i++)
		readtab(argv[i], STAFFT_WORKERS, 1);
	/* the store's history of posts, when it keeps one */
	if (posts || S.db)
		readtab(posts, STAFFT_POSTS, 0);
	/* the scores: optional for --renewal, needed by --replace, --top */
	if ((renewal && (nscores > 0 || S.db)) || replace || top) {
		if (nscores == 0)
			readtab(NULL, STAFFT_SCORES, !renewal);
		for (i = 0; i < nscores; i++)
			readtab(scores[i], STAFFT_SCORES, !renewal);
	}
	if ((replace || top) && S.rk.ref < 0) {
		warn("%s: no scores of %.7s or before: score the month first "
		    "(score-month)", nscores ? scores[0] : S.store, o.as_of);
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}

	S.out = gw_out(&o, stdout);
	if (tiers)
		by_tiers(pol);
	else if (renewal)
		by_renewal();
	else if (replace)
		by_replace();
	else if (top)
		by_top();
	else if (lvl == LVL_GRID)
		by_grid();
	else
		by_area(lvl);
	status = gw_end(&S.run, S.out);
	staff_free(&S.st);
	if (replace || top || renewal)
		staff_rank_free(&S.rk);
	free(scores);
	store_close(S.db);
	stafft_free(&S.tab);
	policy_free(pol);
	gw_exit(status);
}
