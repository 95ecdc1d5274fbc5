/*
 * grid-code — divide villages and communities into coded grids, keep the
 * codes when re-dividing, and check a division (gridwork-rules(7), PLACES
 * AND CODES and GRIDS, grid-code(1)).  The rules are the division engine's
 * (lib/division.c); this is its driver: options, the tables read into the
 * engine, and what it gives back written out.
 *
 * Dividing: households (household_id,village_code,block,address,persons)
 * or persons (id_number,...,household_id,...,village_code,block,address),
 * told apart by their columns, come in grouped by village as registers
 * are.  The engine holds one village at a time (-U: all of them) and hands
 * each back divided; its households are written, each once, in input
 * order, with grid_code (and micro_grid_code) appended, its grids to -G.
 * Every row read is either written or rejected: rows in = placed +
 * rejected, and any rejected row makes the exit status 1.  With -d they
 * come from a store instead, grouped by village code (the store section).
 * With --previous, villages this run does not divide keep their grids in
 * -G as they were, so no code is ever forgotten.
 *
 * Checking (--check): reads any household -> grid assignment and writes
 * one row per problem the engine finds.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
"usage: grid-code [-U] [-E enc] [-G grids] [-i fmt] [-o fmt] [-p policy]\n"
"                 -R regions [-r rejects] [-u units] [--excel] [--micro]\n"
"                 [--previous file] [--zh] [file ...]\n"
"       grid-code -d store [-E enc] [-G grids] [-i fmt] [-o fmt] [-p policy]\n"
"                 [-R regions] [-r rejects] [-u units] [--excel] [--micro]\n"
"                 [--previous file] [--zh]\n"
"       grid-code --check [-E enc] [-i fmt] [-o fmt] [-p policy] [-R regions]\n"
"                 [-r rejects] [--excel] [--hazards file] [--zh] [file ...]\n"
"       grid-code --check -d store [-E enc] [-i fmt] [-o fmt] [-p policy]\n"
"                 [-R regions] [-r rejects] [--excel] [--hazards file] [--zh]\n";

enum { OPT_CHECK = OPT_CMD, OPT_MICRO, OPT_PREVIOUS, OPT_UNGROUPED,
	OPT_HAZARDS };

/* Everything of one run. */
static struct {
	struct gw_opts o;
	struct division d;	/* the engine */
	struct div_check ck;	/* --check */
	struct div_checkin ci;	/* its tables into ck */
	struct gw_run run;	/* the households (or persons) */
	struct gw_run aux;	/* regions, units, previous: no -r */
	csvw *out;		/* stdout */
	csvw *gout;		/* -G */
	FILE *gfp;
	struct gw_ofile gof;	/* -G, written whole */
	int have_prev;
	char *hazards;		/* --check --hazards: the hazard points */
	gridstore *gs;		/* -d: the division written back */

	/* the layout of stdout: the first input's columns, or the
	   household columns derived from persons */
	struct div_layout lay;
} G;

static int
usage(void)
{
	gw_usage(usage_text);
}

/* ---- policy, regions, units, the previous division ---------------------- */

static void
load_policy(void)
{
	char why[512];
	const char *w;
	policy *p;

	if (!(p = policy_load(G.o.policy, &w)))
		die("%s", w);
	if (div_band_load(&G.d.band, p, why, sizeof why) < 0)
		die("%s", why);
	policy_free(p);
}

/* The columns of each table (the required ones first) and where an
   input has them; the header callbacks bind them by gw_bind(). */
static int rc[4], uc[4];

static int
reg_hdr(csvr *r, void *arg)
{
	(void)arg;
	return gw_bind(r, csvr_name(r), div_regcols, 4, 1, rc, "-R");
}

/* A region row of a file, or of STORE:regions. */
static int
reg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	if (div_region_rec(&G.d, rc, rec) == 0)
		return 0;
	gw_reject(&G.aux, csvr_name(r), rec->line, G.d.col, rec, "%s",
	    G.d.why);
	return 1;
}

static int
unit_hdr(csvr *r, void *arg)
{
	(void)arg;
	return gw_bind(r, csvr_name(r), div_unitcols, 4, 3, uc, "-u");
}

/* A unit row of a file, or of STORE:units. */
static int
unit_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	if (div_unit_rec(&G.d, uc, rec) == 0)
		return 0;
	gw_reject(&G.aux, csvr_name(r), rec->line, G.d.col, rec, "%s",
	    G.d.why);
	return 1;
}

/* Reads every file of argv through hdr and rec; dies when one cannot be. */
static void
load(struct gw_run *run, int argc, char **argv, gw_hdr_fn *hdr,
    gw_rec_fn *rec, void *arg)
{
	struct csvr_opt ro = gw_inopt(&G.o);

	if (gw_loop(run, argc, argv, &ro, hdr, rec, arg) < 0)
		exit(GW_FATAL);
}

static struct div_pcols pc;

static int
prev_hdr(csvr *r, void *arg)
{
	char why[512];

	(void)arg;
	if (div_prev_bind(&pc, r, why, sizeof why) < 0) {
		warn("%s", why);
		return -1;
	}
	return 0;
}

static int
prev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	if (div_prev_rec(&G.d, &pc, rec) == 0)
		return 0;
	gw_reject(&G.aux, csvr_name(r), rec->line, G.d.col, rec, "%s",
	    G.d.why);
	return 1;
}

/* ---- input: households or persons --------------------------------------- */

static int
in_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t n = csvr_ncols(r);
	int persons, dropped = 0;

	(void)arg;
	if (n == 0)
		return 0;	/* an empty file: nothing to map */
	persons = csvr_col(r, "persons") < 0 && csvr_col(r, "id_number") >= 0;
	G.lay.p_id = csvr_col(r, "household_id");
	G.lay.p_vil = csvr_col(r, "village_code");
	G.lay.p_blk = csvr_col(r, "block");
	G.lay.p_addr = csvr_col(r, "address");
	if (G.lay.p_id < 0 || G.lay.p_vil < 0 || G.lay.p_blk < 0 ||
	    (!persons && csvr_col(r, "persons") < 0)) {
		warn("%s: households need columns household_id, village_code, "
		    "block, persons (persons: id_number, household_id, "
		    "village_code, block)", csvr_name(r));
		return -1;
	}
	if (G.lay.have && persons != G.d.member) {
		warn("%s: %s after %s: give one kind of input", csvr_name(r),
		    persons ? "persons" : "households",
		    persons ? "households" : "persons");
		return -1;
	}
	if (!G.lay.have) {
		G.d.member = persons;
		if (persons)
			div_layout_households(&G.lay, &G.d);
		else
			div_layout_input(&G.lay, &G.d, h, n,
			    csvr_col(r, "persons"), csvr_col(r, "grid_code"),
			    csvr_col(r, "micro_grid_code"));
		div_layout_header(&G.lay, G.d.micro, G.out);
	}
	if (persons)
		return 0;
	/* later files are mapped onto the first one's columns by name */
	dropped = div_layout_map(&G.lay, h, n);
	if (dropped)
		warn("%s: %d column%s not in the first input's header left out",
		    csvr_name(r), dropped, dropped > 1 ? "s" : "");
	return 0;
}

/* A household (or person) row of a file, or of STORE:TABLE. */
static int
in_rec(csvr *cr, struct gw_rec *rec, void *arg)
{
	(void)arg;
	switch (div_add_rec(&G.d, &G.lay, rec)) {
	case 0:
		return 0;
	case 1:
		gw_reject(&G.run, csvr_name(cr), rec->line, G.d.col, rec,
		    "%s", G.d.why);
		return 1;
	default:
		die("%s", G.d.why);
	}
}

/* ---- output ------------------------------------------------------------- */

/* A village the engine divided: its notes on stderr, its households to
   stdout, its grids to -G. */
static void
divided(void *arg, const struct div_village *V)
{
	const struct div_grid *g;
	const char *why;
	size_t i;
	int e;

	(void)arg;
	for (i = 0; i < V->ng && !V->carried; i++) {
		g = &V->grids[i];
		if (g->status != DIV_RETIRED && g->note.len)
			warn("village %s: grid %s%03d: %s", V->code, V->code,
			    g->seq, g->note.s);
	}
	if ((e = div_write_rows(&G.lay, &G.d, V, G.out)))
		die("write error: stdout: %s", strerror(e));
	if (G.gout)
		div_write_grids(G.gout, V, G.have_prev);
	if (G.gs && gridstore_village(G.gs, &G.d, V, &why) < 0)
		die("%s: %s", G.o.store, why);
}

/* -G is written whole (outfile.c): a fatal error never leaves half a
   grid table behind, nor replaces the one there. */
static void
grids_open(const char *path)
{
	const char *why;

	if (!(G.gfp = gw_ofile_open(&G.gof, path, 0, &why)))
		die("cannot create %s: %s", path, why);
	G.gout = gw_out(&G.o, G.gfp);
	div_grids_header(G.gout, G.have_prev);
}

static void
grids_close(void)
{
	if (!G.gout)
		return;
	if (csvw_close(G.gout) < 0) {
		warn("write error: %s:", G.gof.path);
		gw_ofile_discard(&G.gof);
		gw_exit(GW_FATAL);
	}
	G.gout = NULL;
	if (gw_ofile_commit(&G.gof) < 0)
		gw_exit(GW_FATAL);
}

/* ---- checking a division ------------------------------------------------ */

static int store_check(void);

static int
check(int argc, char **argv)
{
	struct csvr_opt ro = gw_inopt(&G.o);
	size_t i, hint = 0;
	struct stat st;
	long n;

	/* an assignment row is some 60 bytes: size the id table from the
	   inputs once rather than grow it a dozen times */
	for (i = 0; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0)
			hint += (size_t)st.st_size / 56;
	G.ci.ck = &G.ck;
	G.ci.run = &G.run;
	G.ci.aux = &G.aux;
	G.ck.problem = div_problem_row;
	G.ck.arg = G.out;
	div_check_init(&G.ck, &G.d, hint);
	div_check_header(G.out);
	if (G.o.store) {
		if (store_check() < 0)
			return GW_FATAL;
	} else if (gw_loop(&G.run, argc, argv, &ro, divt_check_hdr,
	    divt_check_rec, &G.ci) < 0)
		return GW_FATAL;
	if (G.hazards)
		load(&G.aux, 1, &G.hazards, divt_hazard_hdr, divt_hazard_rec,
		    &G.ci);
	n = div_check_end(&G.ck);
	return n ? GW_REJECTS : GW_OK;
}

/* ---- the store (-d) ----------------------------------------------------- */

/*
 * With -d the households, and the regions and units not given as files,
 * come from a store (gridwork-store(5)) opened read-only, through the
 * table reader (table.c) and the same callbacks and checks as rows of a
 * file.  A store row is named STORE:TABLE with its rowid where a file
 * row has FILE and its line.  Households come ordered by village code
 * and, within a village, by rowid (the order of arrival): the
 * households_village index gives the villages in order and SQLite sorts
 * one village at a time, so the village-at-a-time memory bound holds
 * whatever order the loads came in.
 */
static sqlite3 *db;

/* Reads cols of table, in order, through hdr and rec; dies when the
   store cannot be read: a read that stops half way would drop rows. */
static void
store_load(struct gw_run *run, const char *table, const char *const *cols,
    size_t ncols, const char *order, gw_hdr_fn *hdr, gw_rec_fn *rec,
    void *arg)
{
	struct csvr_opt ro = gw_inopt(&G.o);

	if (gridstore_read(run, db, G.o.store, &ro, table, cols, ncols, order,
	    hdr, rec, arg) < 0)
		exit(GW_FATAL);
}

static void
store_regions(void)
{
	static const char *const cols[] = { "code", "name", "kind" };
	char why[512];

	if (gridstore_regions(db, G.o.store, why, sizeof why) < 0)
		die("%s", why);
	div_regions(&G.d);
	store_load(&G.aux, "regions", cols, 3, NULL, reg_hdr, reg_rec,
	    &G.lay);
}

static void
store_units(void)
{
	static const char *const cols[] = { "unit_id", "name",
	    "village_code", "people" };

	store_load(&G.aux, "units", cols, 4, NULL, unit_hdr, unit_rec,
	    &G.lay);
}

/*
 * The households table, or, when it is empty, the persons (gw-load fills
 * households from persons, so that is a store written by other means).
 * The layout is that of a households file: the output is the same.
 */
static void
store_households(void)
{
	char why[512];
	int hh;

	if ((hh = gridstore_households(db, G.o.store, why, sizeof why)) < 0)
		die("%s", why);
	div_layout_households(&G.lay, &G.d);
	G.d.member = !hh;
	G.lay.map = xreallocarray(NULL, 5, sizeof *G.lay.map);
	/*
	 * The rejects file names the columns of the first input; gw_loop()
	 * takes them from a file's header, and persons have no persons
	 * column, so they are set here (input.c frees them).
	 */
	gw_run_header(&G.run, div_hhcols, hh ? 5 : 4);
	div_layout_header(&G.lay, G.d.micro, G.out);
	if (hh)
		store_load(&G.run, "households", div_hhcols, 5,
		    "village_code, rowid", div_layout_hhbind, in_rec, &G.lay);
	else
		/* persons come in identity-number order (their rowid),
		   so members are brought together by household_id */
		store_load(&G.run, "persons", div_hhcols, 4,
		    "village_code, household_id, rowid", div_layout_hhbind,
		    in_rec, &G.lay);
}

/*
 * --check -d: the division the store holds (the assignment grid-code -d
 * wrote back), a village at a time, and the store's hazard points unless
 * --hazards names a file.  A store with no assignment has no division to
 * check: that is fatal, naming the table, not a division of no problem.
 */
static int
store_check(void)
{
	static const char *const hcols[] = { "hazard_id", "village_code",
	    "block", "kind" };
	int n;

	if ((n = store_has_rows(db, "assignment")) <= 0) {
		warn("%s: %s", G.o.store, n < 0 ? "cannot read its table "
		    "'assignment'" : "no rows of 'assignment' to check: divide "
		    "with grid-code -d first");
		return -1;
	}
	store_load(&G.run, "assignment", div_chkcols, 5,
	    "village_code, rowid", divt_check_hdr, divt_check_rec, &G.ci);
	if (!G.hazards && store_has_rows(db, "hazards") > 0)
		store_load(&G.aux, "hazards", hcols, 4, NULL,
		    divt_hazard_hdr, divt_hazard_rec, &G.ci);
	return 0;
}

/* ---- main --------------------------------------------------------------- */

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "check", no_argument, 0, OPT_CHECK },
		{ "hazards", required_argument, 0, OPT_HAZARDS },
		{ "micro", no_argument, 0, OPT_MICRO },
		{ "previous", required_argument, 0, OPT_PREVIOUS },
		{ "ungrouped", no_argument, 0, 'U' },
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_INPUT, GW_LO_HELP,
		{ 0 }
	};
	struct csvr_opt ro;
	char **prev = NULL;
	const char *units = NULL, *grids = NULL, *why;
	int c, nprev = 0, checking = 0, status, st, fullargc = argc;
	char **fullargv = argv, pnote[512];

	gw_init(argc, argv);
	while ((c = gw_getopt(argc, argv, "d:E:G:hi:o:p:R:r:Uu:", lo, &G.o,
	    usage_text)) != -1) {
		switch (c) {
		case 'G':
			if (gw_file_note(optarg, -1, 1, "-G file", &why) < 0)
				die("%s", why);
			grids = optarg;
			break;
		case 'U':
			G.d.ungrouped = 1;
			break;
		case 'u':
			units = optarg;
			break;
		case OPT_CHECK:
			checking = 1;
			break;
		case OPT_HAZARDS:
			G.hazards = optarg;
			break;
		case OPT_MICRO:
			G.d.micro = 1;
			break;
		case OPT_PREVIOUS:
			prev = xreallocarray(prev, nprev + 1, sizeof *prev);
			prev[nprev++] = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (G.o.store && argc > 0) {
		warn(checking ? "--check -d: the division comes from the "
		    "store: give no file" : "-d: the households come from the "
		    "store: give no file");
		usage();
	}
	if (checking && (grids || units || nprev || G.d.micro ||
	    G.d.ungrouped)) {
		warn("--check takes none of -G, -U, -u, --micro, --previous");
		usage();
	}
	if (G.hazards && !checking) {
		warn("--hazards goes with --check");
		usage();
	}
	if (!checking && !G.o.regions && !G.o.store) {
		warn("dividing needs -R regions (each village's kind) or a "
		    "store (-d)");
		usage();
	}
	load_policy();
	G.d.carry = grids != NULL;
	G.d.divided = divided;
	div_init(&G.d);
	G.run.rejects_path = G.o.rejects;
	if (G.o.store && !(db = gridstore_open_read(G.o.store, pnote,
	    sizeof pnote)))
		die("%s", pnote);
	if (G.o.regions) {
		div_regions(&G.d);
		load(&G.aux, 1, (char **)&G.o.regions, reg_hdr, reg_rec, NULL);
	} else if (G.o.store)
		store_regions();
	G.out = gw_out(&G.o, stdout);

	if (checking) {
		status = check(argc, argv);
		st = gw_end(&G.run, G.out);
		status = status > st ? status : st;
		st = gw_run_end(&G.aux);
		gw_exit(status > st ? status : st);
	}

	if (units)
		load(&G.aux, 1, (char **)&units, unit_hdr, unit_rec, NULL);
	else if (G.o.store)
		store_units();
	if (nprev) {
		/* in any order: a table's block list only speaks for grids
		   that no assignment row shows */
		G.have_prev = 1;
		div_prev_begin(&G.d);
		load(&G.aux, nprev, prev, prev_hdr, prev_rec, NULL);
		div_prev_end(&G.d);
	} else if (G.o.store) {
		/* the store's own previous division, written back after */
		if (!(G.gs = gridstore_new(db, &why)))
			warn("warning: %s: the division is not written back: "
			    "%s", G.o.store, why);
		else if ((st = gridstore_profile(db, G.o.policy, pnote,
		    sizeof pnote, &why)) < 0)
			die("%s: %s", G.o.store, why);
		else if (st > 0)
			warn("warning: %s", pnote);
		if ((G.have_prev = gridstore_previous(db, &G.d, &why)) < 0)
			die("%s: %s", G.o.store, why);
	}
	if (G.o.store && nprev)
		warn("warning: %s: the division is not written back: "
		    "--previous given", G.o.store);
	free(prev);
	if (grids)
		grids_open(grids);
	ro = gw_inopt(&G.o);
	if (G.o.store)
		store_households();
	else if (gw_loop(&G.run, argc, argv, &ro, in_hdr, in_rec, NULL) < 0)
		exit(GW_FATAL);
	if (!G.lay.have) {
		div_layout_households(&G.lay, &G.d);
		div_layout_header(&G.lay, G.d.micro, G.out);
	}
	if (div_finish(&G.d) < 0)
		die("%s", G.d.why);
	if (G.gs && gridstore_end(G.gs, fullargc, fullargv, &why) < 0)
		die("%s: %s", G.o.store, why);
	gridstore_free(G.gs);
	store_close(db);
	grids_close();
	status = gw_end(&G.run, G.out);
	st = gw_run_end(&G.aux);
	gw_exit(status > st ? status : st);
}
