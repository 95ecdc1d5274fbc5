/*
 * pop-report — population and key-person registers per grid, and
 * whether key persons were visited (gridwork-rules(7), POPULATION and ASSESSMENT; gridwork-store(5)).
 *
 * Contract: PERSONS (id_number, name, household_id, relation,
 * village_code, block, address[, phone, tags]) are counted in the grid
 * that ASSIGNMENT (grid-code(1) output: household_id ... grid_code)
 * gives their household.  Every row read is accepted or rejected (FILE:
 * LINE: column 'x': reason, and the -r file): a person with an invalid
 * identity number, a household not in the assignment, a village_code
 * other than the grid's, or an identity number seen before; an
 * assignment row without household or with a bad grid code, or whose
 * household is already placed (a household split across two grids is
 * reported this way and counted in its first grid only).  A person with
 * an unknown tag is counted (the row is fine but for that tag): each
 * unknown tag is reported as FILE:LINE: column 'tags': unknown tag 'x',
 * counted in the unknown_tag column and in the summary on stderr.
 *
 * Every figure of the domain is policy ([pop] of gridwork-policy(5)):
 * age bands, the tags and their spellings, the ages of the derived
 * groups, the visits required a month per tag.
 *
 * The rules are the population engine's (lib/pop.c), which gives its
 * figures for memory and time; this is options, binding, and the output.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: pop-report --as-of date [--by grid|village|township|county]\n"
    "                  [--list tag [--unmasked]] [-E enc] [-o csv|tsv|jsonl|xlsx]\n"
    "                  [-p policy] [-r rejects] [--zh] [--excel]\n"
    "                  -d store | persons assignment\n"
    "       pop-report --visits visits --workers workers --month yyyy-mm\n"
    "                  [--as-of date] [--summary] [--unmasked] [-E enc]\n"
    "                  [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects] [--zh]\n"
    "                  [--excel] -d store | persons assignment\n"
    "       pop-report --month yyyy-mm [--visits visits] [--workers workers]\n"
    "                  [--as-of date] [--summary] [--unmasked] [-E enc]\n"
    "                  [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects] [--zh]\n"
    "                  [--excel] -d store\n";

enum {
	OPT_BY = OPT_CMD, OPT_LIST, OPT_UNMASKED, OPT_VISITS, OPT_WORKERS,
	OPT_SUMMARY
};

static struct {
	pop *pop;
	struct popt rd;		/* the tables read into it (poptab.c) */
	int mode, bylvl, unmasked, summary;
	const char *month, *listname;
	struct gw_run run;
	struct csvr_opt ropt;
	const policy *pol;
	const char *given;	/* -p, or NULL */
} S;

/* ---- reading ---- */

static void
unknown(void *arg, const char *file, long line, const char *tag, size_t n)
{
	(void)arg;
	warn("%s%c%ld: column 'tags': unknown tag '%.*s'", file,
	    GW_LINESEP(file), line, (int)n, tag);
}

static void
readtable(int t, struct gw_table *g)
{
	if (popt_read(&S.rd, t, g, &S.ropt) < 0) {
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}
}

static void
readfile(int t, const char *path)
{
	struct gw_table g = { 0 };

	g.path = path;
	readtable(t, &g);
}

/* A table of the store, or the file that overrides it; a month without
   rows of it is no month of zeros (the policy's [pop] unused_inputs
   names a table the county does not keep). */
static void
readstore(int t, const char *path, sqlite3 *db, const char *store,
    long m0, long m1)
{
	struct gw_table g = { 0 };
	char lo[11], hi[11];
	const char *par[2] = { lo, hi };
	long before = S.run.nread;

	g.path = path;
	g.db = db;
	g.store = store;
	if (!path && t == POPT_VISITS) {
		date_fmt(m0, lo);
		date_fmt(m1, hi);
		g.where = "\"date\" BETWEEN ? AND ?";
		g.params = par;
		g.nparams = 2;
	}
	readtable(t, &g);
	if (!path && table_need(&g, S.run.nread - before, S.month, 1, S.pol,
	    "pop", "reported") < 0) {
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}
}

/* With -d: the store's assignment (or base grids) and its persons, and for the
   visits its workers and the month's visits unless files are given; a
   list is recorded in its audit table (who read which register, and
   whether unmasked). */
static void
read_store(const char *path, const char *workers, const char *visits,
    long m0, long m1, int argc, char **argv)
{
	struct gw_table t = { 0 };
	const char *why;
	char note[512];
	sqlite3 *db;
	int record = S.mode == POP_LIST && store_writable(path);

	if (!(db = store_open(path, record ? 0 : STORE_RDONLY, &why)))
		die("%s: %s", path, why);
	if (S.mode == POP_LIST && !record)
		warn("warning: %s is read-only: this list is not recorded in "
		    "its audit table", path);
	if (gridstore_profile_cmd(path, db, S.given, policy_name(S.pol), argc,
	    argv) < 0)
		gw_exit(GW_FATAL);
	if (S.mode == POP_VISITS)
		readstore(POPT_WORKERS, workers, db, path, m0, m1);
	if (popt_store_places(&S.rd, db, path, note, sizeof note) < 0)
		die("%s", note);
	t.db = db;
	t.store = path;
	readtable(POPT_PERSONS, &t);
	pop_households(S.pop);
	if (S.mode == POP_VISITS)
		readstore(POPT_VISITS, visits, db, path, m0, m1);

	if (record) {
		snprintf(note, sizeof note, "pop-report --list %s%s",
		    S.listname, S.unmasked ? " --unmasked" : " (masked)");
		if (store_begin(db, &why) < 0 ||
		    store_audit(db, argc, argv, "persons", "read",
		    S.run.nread, -1, -1, S.run.nrej, note, &why) < 0 ||
		    store_commit(db, &why) < 0)
			die("%s: audit: %s", path, why);
	}
	store_close(db);
}

/* ---- main ---- */

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by", required_argument, 0, OPT_BY },
		{ "list", required_argument, 0, OPT_LIST },
		{ "summary", no_argument, 0, OPT_SUMMARY },
		{ "unmasked", no_argument, 0, OPT_UNMASKED },
		{ "visits", required_argument, 0, OPT_VISITS },
		{ "workers", required_argument, 0, OPT_WORKERS },
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_MONTH, GW_LO_INPUT,
		GW_LO_HELP,
		{ 0 }
	};
	struct gw_opts o;
	const char *by = NULL, *visits = NULL, *workers = NULL, *list = NULL;
	const char *why;
	const struct pop_counts *n;
	policy *pol;
	csvw *out;
	long m0 = 0, m1 = 0, asof;
	int c, status;
	char **av = argv;
	int ac = argc;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((c = getopt_long(argc, argv, "d:E:ho:p:r:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_BY:
			by = optarg;
			break;
		case OPT_LIST:
			list = optarg;
			break;
		case OPT_SUMMARY:
			S.summary = 1;
			break;
		case OPT_UNMASKED:
			S.unmasked = 1;
			break;
		case OPT_VISITS:
			visits = optarg;
			break;
		case OPT_WORKERS:
			workers = optarg;
			break;
		default:
			if (!gw_opt(&o, c, optarg, usage_text))
				gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (o.store ? argc != 0 : argc != 2) {
		warn(o.store ? "-d takes no files: the persons and grids are "
		    "the store's" : "want two files: persons and assignment");
		gw_usage(usage_text);
	}
	/* with a store, a month is the month's visits (the store's) */
	S.mode = visits || (o.store && o.month && !list) ? POP_VISITS :
	    list ? POP_LIST : POP_COUNT;
	asof = 0;
	if (S.mode == POP_VISITS) {
		if (list || by)
			die("--visits takes neither --list nor --by");
		if (!workers && !o.store)
			die("--visits needs --workers FILE (the grid's "
			    "workers)");
		if (!o.month)
			die("--visits needs --month YYYY-MM");
		if (month_parse(o.month, &m0, &m1) < 0)
			die("--month: bad month '%s' (want YYYY-MM)", o.month);
		S.month = o.month;
		/* ages (living alone at 60) at the month's end by default */
		asof = m1;
	} else {
		if (workers || S.summary || o.month)
			die("--workers, --summary and --month go with "
			    "--visits");
		if (!o.as_of)
			die("missing --as-of DATE: ages are counted at a "
			    "given date, never at today");
	}
	if (S.unmasked && S.mode == POP_COUNT)
		die("--unmasked goes with --list or --visits");
	if (o.as_of && asof_parse(o.as_of, &asof) < 0)
		die("--as-of: bad date '%s' (want YYYY-MM-DD)", o.as_of);
	/* the levels event-report names, from the county down */
	if ((S.bylvl = by ? ev_lvlparse(by) : LVL_GRID) < LVL_COUNTY)
		die("--by: '%s' is none of grid, village, township, county", by);
	if (by && list)
		die("--list is always per grid: no --by");

	if (!(pol = policy_load(o.policy, &why)) ||
	    !(S.pop = pop_new(pol, S.mode, &why)))
		die("%s", why);
	pop_asof(S.pop, asof);
	if (S.mode == POP_VISITS)
		pop_month(S.pop, m0, m1);
	if (list && pop_list(S.pop, list, &why) < 0)
		die("%s", why);
	S.listname = list;

	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	S.pol = pol;
	S.given = o.policy;
	S.rd.pop = S.pop;
	S.rd.run = &S.run;
	S.rd.unknown = unknown;
	if (o.store)
		read_store(o.store, workers, visits, m0, m1, ac, av);
	else {
		if (workers)
			readfile(POPT_WORKERS, workers);
		readfile(POPT_ASSIGN, argv[1]);
		readfile(POPT_PERSONS, argv[0]);
		pop_households(S.pop);
		if (visits)
			readfile(POPT_VISITS, visits);
	}

	out = gw_out(&o, stdout);
	if (S.mode == POP_COUNT)
		popt_registers(S.pop, S.bylvl, out);
	else if (S.mode == POP_LIST)
		popt_list(S.pop, S.unmasked, out);
	else if (S.summary)
		popt_summary(S.pop, S.month, out);
	else
		popt_short(S.pop, S.month, S.unmasked, out);

	/* silent when all is well, as cron likes it */
	n = pop_counts(S.pop);
	if (n->nunk || n->nsplit || n->nempty)
		warn("%ld persons with unknown tags; %ld households split "
		    "across grids; %ld households without persons", n->nunk,
		    n->nsplit, n->nempty);
	if (S.mode == POP_VISITS && (n->nvout || n->nvother))
		warn("visits: %ld outside %s, %ld by a worker of another grid "
		    "(not counted)", n->nvout, S.month, n->nvother);
	status = gw_end(&S.run, out);
	pop_free(S.pop);
	policy_free(pol);
	gw_exit(status);
}
