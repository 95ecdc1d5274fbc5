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
    "                  [--excel] -d store | persons assignment\n";

enum {
	OPT_BY = OPT_CMD, OPT_LIST, OPT_UNMASKED, OPT_VISITS, OPT_WORKERS,
	OPT_SUMMARY
};

/* The persons' columns, in the order of POP_ID ... POP_TAGS; id_number
   and household_id are required. */
static const char *const pcols[POP_NF] = {
	"id_number", "household_id", "name", "relation", "village_code",
	"block", "address", "phone", "tags"
};
static const int pfield[POP_NF] = { POP_ID, POP_HH, POP_NAME, POP_REL,
	POP_VIL, POP_BLOCK, POP_ADDR, POP_PHONE, POP_TAGS };
static const char *const acols[] = { "household_id", "grid_code" };
static const char *const wcols[] = { "worker_id", "grid_code" };
static const char *const vcols[] = { "worker_id", "date", "household_id" };

static struct {
	pop *pop;
	int mode, bylvl, unmasked, summary;
	const char *month, *listname;
	struct gw_run run;
	struct csvr_opt ropt;
	int col[POP_NF];	/* of the current input */
	const char *file;	/* its name in messages */
	long line;		/* the row being read */
	csvw *out;
} S;

static const char *
lvlname(int lvl)
{
	switch (lvl) {
	case LVL_COUNTY: return "county";
	case LVL_TOWN: return "township";
	case LVL_VILLAGE: return "village";
	case LVL_GRID: return "grid";
	}
	return "";
}

/* ---- reading ---- */

static int
bind(csvr *r, const char *const *cols, int n, int nreq)
{
	S.file = csvr_name(r);
	if (csvr_ncols(r) == 0)		/* an empty input: no rows to bind */
		return 0;
	return gw_bind(r, csvr_name(r), cols, n, nreq, S.col, NULL);
}

static int
reject(csvr *r, struct gw_rec *rec, const struct pop_fault *f)
{
	gw_reject(&S.run, csvr_name(r), rec->line, f->col, rec, "%s", f->why);
	return 1;
}

static int
asg_hdr(csvr *r, void *arg)
{
	(void)arg;
	return bind(r, acols, 2, 2);
}

static int
asg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct pop_fault f;
	const char *h, *g;
	size_t hn, gn;

	(void)arg;
	h = gw_field(rec, S.col[0], &hn);
	g = gw_field(rec, S.col[1], &gn);
	return pop_assign(S.pop, h, hn, g, gn, &f) < 0 ? reject(r, rec, &f) : 0;
}

static int
per_hdr(csvr *r, void *arg)
{
	(void)arg;
	return bind(r, pcols, POP_NF, 2);
}

static void
unknown(void *arg, const char *tag, size_t n)
{
	(void)arg;
	warn("%s%c%ld: column 'tags': unknown tag '%.*s'", S.file,
	    GW_LINESEP(S.file), S.line, (int)n, tag);
}

static int
per_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct pop_fault f;
	const char *v[POP_NF];
	size_t n[POP_NF];
	int i;

	(void)arg;
	for (i = 0; i < POP_NF; i++)
		v[pfield[i]] = gw_field(rec, S.col[i], &n[pfield[i]]);
	S.line = rec->line;
	return pop_person(S.pop, v, n, unknown, NULL, &f) < 0 ?
	    reject(r, rec, &f) : 0;
}

static int
wk_hdr(csvr *r, void *arg)
{
	(void)arg;
	return bind(r, wcols, 2, 1);
}

static int
wk_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct pop_fault f;
	const char *w, *g;
	size_t wn, gn;

	(void)arg;
	w = gw_field(rec, S.col[0], &wn);
	g = gw_field(rec, S.col[1], &gn);
	return pop_worker(S.pop, w, wn, g, gn, &f) < 0 ? reject(r, rec, &f) : 0;
}

static int
vis_hdr(csvr *r, void *arg)
{
	(void)arg;
	return bind(r, vcols, 3, 3);
}

static int
vis_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct pop_fault f;
	const char *w, *d, *h;
	size_t wn, dn, hn;

	(void)arg;
	w = gw_field(rec, S.col[0], &wn);
	d = gw_field(rec, S.col[1], &dn);
	h = gw_field(rec, S.col[2], &hn);
	return pop_visit(S.pop, w, wn, d, dn, h, hn, &f) < 0 ?
	    reject(r, rec, &f) : 0;
}

static void
readtable(struct gw_table *t, gw_hdr_fn *hdr, gw_rec_fn *rec)
{
	if (table_loop(&S.run, t, &S.ropt, hdr, rec, NULL) < 0) {
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}
}

static void
readfile(const char *path, gw_hdr_fn *hdr, gw_rec_fn *rec)
{
	struct gw_table t = { 0 };

	t.path = path;
	readtable(&t, hdr, rec);
}

/* With -d: the base grids and the persons of the store; a list is
   recorded in its audit table (who read which register, and whether
   unmasked). */
static void
read_store(const char *path, int argc, char **argv)
{
	static const char *const gcols[] = { "grid_code", "village_code",
	    "kind", "blocks" };
	struct gw_table t = { 0 };
	const char *why;
	char note[512];
	sqlite3 *db;
	sqlite3_stmt *st;
	int rc, record = S.mode == POP_LIST && store_writable(path);

	if (!(db = store_open(path, record ? 0 : STORE_RDONLY, &why)))
		die("%s: %s", path, why);
	if (S.mode == POP_LIST && !record)
		warn("warning: %s is read-only: this list is not recorded in "
		    "its audit table", path);
	pop_base_grids(S.pop);
	if (!(st = store_select(db, "grids", gcols, 4, &why)))
		die("%s: %s", path, why);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 2);

		if (kind && strcmp(kind, "base") == 0)
			pop_base_grid(S.pop,
			    (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1),
			    (const char *)sqlite3_column_text(st, 3));
	}
	if (rc != SQLITE_DONE)
		die("%s: grids: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);

	t.db = db;
	t.store = path;
	t.table = "persons";
	t.cols = pcols;
	t.ncols = POP_NF;
	readtable(&t, per_hdr, per_rec);

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

/* ---- writing ---- */

static void
write_registers(const struct gw_opts *o)
{
	const char *const *names;
	size_t n, it = 0, k;
	uint64_t area;
	long *sum;

	names = pop_header(S.pop, &n);
	S.out = gw_out(o, stdout);
	csvw_header(S.out, names, n);
	sum = xcalloc(n, sizeof *sum);
	while (pop_area(S.pop, S.bylvl, &it, &area, sum)) {
		csvw_fieldf(S.out, "%0*llu", S.bylvl, (unsigned long long)area);
		csvw_field(S.out, lvlname(S.bylvl), (size_t)-1);
		for (k = 0; k + 2 < n; k++)
			csvw_fieldf(S.out, "%ld", sum[k]);
		csvw_endrec(S.out);
	}
	free(sum);
}

static void
field_id(const char *id)
{
	char m[19];

	if (S.unmasked)
		csvw_field(S.out, id, (size_t)-1);
	else {
		idno_mask(id, m);
		csvw_field(S.out, m, (size_t)-1);
	}
}

static void
write_list(const struct gw_opts *o)
{
	static const char *const names[] = { "grid_code", "household_id",
	    "id_number", "name", "sex", "age", "relation", "address", "phone",
	    "tags" };
	struct pop_row p;
	char ph[64];
	size_t it = 0;

	S.out = gw_out(o, stdout);
	csvw_header(S.out, names, sizeof names / sizeof names[0]);
	while (pop_list_next(S.pop, &it, &p)) {
		csvw_fieldf(S.out, "%015llu", (unsigned long long)p.grid);
		csvw_field(S.out, p.household, (size_t)-1);
		field_id(p.id);
		csvw_field(S.out, p.name, (size_t)-1);
		csvw_field(S.out, p.male ? "male" : "female", (size_t)-1);
		csvw_fieldf(S.out, "%d", p.age);
		csvw_field(S.out, p.relation, (size_t)-1);
		csvw_field(S.out, p.address, (size_t)-1);
		if (S.unmasked || !*p.phone || strlen(p.phone) >= sizeof ph)
			csvw_field(S.out, S.unmasked ? p.phone : "",
			    (size_t)-1);
		else {
			phone_mask(p.phone, ph);
			csvw_field(S.out, ph, (size_t)-1);
		}
		csvw_field(S.out, p.tags, (size_t)-1);
		csvw_endrec(S.out);
	}
}

static void
write_visits(const struct gw_opts *o)
{
	static const char *const lnames[] = { "month", "grid_code",
	    "worker_id", "household_id", "id_number", "name", "groups",
	    "required", "made", "shortfall" };
	static const char *const snames[] = { "month", "grid_code",
	    "worker_id", "persons", "persons_short", "visits_required",
	    "visits_made", "visits_credited", "visits_by_worker",
	    "compliance" };
	struct pop_row p;
	struct pop_sum g;
	size_t it = 0;

	S.out = gw_out(o, stdout);
	if (S.summary) {
		csvw_header(S.out, snames, sizeof snames / sizeof snames[0]);
		while (pop_summary_next(S.pop, &it, &g)) {
			csvw_field(S.out, S.month, (size_t)-1);
			csvw_fieldf(S.out, "%015llu",
			    (unsigned long long)g.grid);
			csvw_field(S.out, g.worker, (size_t)-1);
			csvw_fieldf(S.out, "%ld", g.persons);
			csvw_fieldf(S.out, "%ld", g.shorts);
			csvw_fieldf(S.out, "%ld", g.required);
			csvw_fieldf(S.out, "%ld", g.made);
			csvw_fieldf(S.out, "%ld", g.credited);
			csvw_fieldf(S.out, "%ld", g.by_worker);
			csvw_fieldf(S.out, "%ld.%04ld", g.compliance / 10000,
			    g.compliance % 10000);
			csvw_endrec(S.out);
		}
		return;
	}
	csvw_header(S.out, lnames, sizeof lnames / sizeof lnames[0]);
	while (pop_short_next(S.pop, &it, &p)) {
		csvw_field(S.out, S.month, (size_t)-1);
		csvw_fieldf(S.out, "%015llu", (unsigned long long)p.grid);
		csvw_field(S.out, p.workers, (size_t)-1);
		csvw_field(S.out, p.household, (size_t)-1);
		field_id(p.id);
		csvw_field(S.out, p.name, (size_t)-1);
		csvw_field(S.out, p.tags, (size_t)-1);
		csvw_fieldf(S.out, "%d", p.required);
		csvw_fieldf(S.out, "%d", p.made);
		csvw_fieldf(S.out, "%d", p.required - p.made);
		csvw_endrec(S.out);
	}
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
	long m0, m1, asof;
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
	S.mode = visits ? POP_VISITS : list ? POP_LIST : POP_COUNT;
	asof = 0;
	if (visits) {
		if (list || by)
			die("--visits takes neither --list nor --by");
		if (!workers)
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
	if (visits)
		pop_month(S.pop, m0, m1);
	if (list && pop_list(S.pop, list, &why) < 0)
		die("%s", why);
	S.listname = list;

	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	if (workers)
		readfile(workers, wk_hdr, wk_rec);
	if (o.store)
		read_store(o.store, ac, av);
	else {
		readfile(argv[1], asg_hdr, asg_rec);
		readfile(argv[0], per_hdr, per_rec);
	}
	pop_households(S.pop);
	if (visits)
		readfile(visits, vis_hdr, vis_rec);

	if (S.mode == POP_COUNT)
		write_registers(&o);
	else if (S.mode == POP_LIST)
		write_list(&o);
	else
		write_visits(&o);

	/* silent when all is well, as cron likes it */
	n = pop_counts(S.pop);
	if (n->nunk || n->nsplit || n->nempty)
		warn("%ld persons with unknown tags; %ld households split "
		    "across grids; %ld households without persons", n->nunk,
		    n->nsplit, n->nempty);
	if (visits && (n->nvout || n->nvother))
		warn("visits: %ld outside %s, %ld by a worker of another grid "
		    "(not counted)", n->nvout, S.month, n->nvother);
	status = gw_end(&S.run, S.out);
	pop_free(S.pop);
	policy_free(pol);
	gw_exit(status);
}
