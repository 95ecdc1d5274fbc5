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
"                 [-r rejects] [--excel] [--zh] [file ...]\n";

enum { OPT_CHECK = OPT_CMD, OPT_MICRO, OPT_PREVIOUS, OPT_UNGROUPED };

/* Everything of one run. */
static struct {
	struct gw_opts o;
	struct division d;	/* the engine */
	struct div_check ck;	/* --check */
	struct gw_run run;	/* the households (or persons) */
	struct gw_run aux;	/* regions, units, previous: no -r */
	csvw *out;		/* stdout */
	csvw *gout;		/* -G */
	FILE *gfp;
	struct gw_ofile gof;	/* -G, written whole */
	int have_prev;
	gridstore *gs;		/* -d: the division written back */

	/* the layout of stdout: the first input's columns, or the
	   household columns derived from persons */
	int have_layout;
	char **names;
	size_t nnames;		/* columns stored per household */
	int c_pers;		/* persons column of the layout */
	int c_grid, c_micro;	/* existing columns replaced, or -1 */

	/* per input file: its column -> layout column */
	int *map;
	struct div_str *pf;	/* a row's payload, by layout column */
	int p_id, p_vil, p_blk, p_addr;	/* persons columns of the file */
} G;

static int
usage(void)
{
	gw_usage(usage_text);
}

static struct div_str
fld(const struct gw_rec *rec, int col)
{
	struct div_str f;

	f.s = gw_field(rec, col, &f.n);
	return f;
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

static int rc_code, rc_name, rc_kind, rc_ur;

static int
reg_hdr(csvr *r, void *arg)
{
	(void)arg;
	rc_code = csvr_col(r, "code");
	rc_name = csvr_col(r, "name");
	rc_kind = csvr_col(r, "kind");
	rc_ur = csvr_col(r, "urban_rural_code");
	if (rc_code < 0) {
		warn("%s: column 'code' missing", csvr_name(r));
		return -1;
	}
	return 0;
}

/* A region row of file fname (a file, or STORE:regions). */
static int
reg_row(const char *fname, struct gw_rec *rec)
{
	size_t len;

	if (div_region(&G.d, fld(rec, rc_code), gw_field(rec, rc_kind, &len),
	    rc_ur >= 0 ? gw_field(rec, rc_ur, &len) : NULL,
	    gw_field(rec, rc_name, &len)) == 0)
		return 0;
	gw_reject(&G.aux, fname, rec->line, G.d.col, rec, "%s", G.d.why);
	return 1;
}

static int
reg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return reg_row(csvr_name(r), rec);
}

static int uc_id, uc_name, uc_vil, uc_people;

static int
unit_hdr(csvr *r, void *arg)
{
	(void)arg;
	uc_id = csvr_col(r, "unit_id");
	uc_name = csvr_col(r, "name");
	uc_vil = csvr_col(r, "village_code");
	uc_people = csvr_col(r, "people");
	if (uc_id < 0 || uc_vil < 0 || uc_people < 0) {
		warn("%s: units need columns unit_id, village_code, people",
		    csvr_name(r));
		return -1;
	}
	return 0;
}

/* A unit row of file fname (a file, or STORE:units). */
static int
unit_row(const char *fname, struct gw_rec *rec)
{
	if (div_unit(&G.d, fld(rec, uc_id), fld(rec, uc_name),
	    fld(rec, uc_vil), fld(rec, uc_people)) == 0)
		return 0;
	gw_reject(&G.aux, fname, rec->line, G.d.col, rec, "%s", G.d.why);
	return 1;
}

static int
unit_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return unit_row(csvr_name(r), rec);
}

/* Reads every file of argv through hdr and rec; dies when one cannot be. */
static void
load(struct gw_run *run, int argc, char **argv, gw_hdr_fn *hdr,
    gw_rec_fn *rec)
{
	struct csvr_opt ro = gw_inopt(&G.o);

	if (gw_loop(run, argc, argv, &ro, hdr, rec, NULL) < 0)
		exit(GW_FATAL);
}

static int pc_id, pc_vil, pc_blk, pc_pers, pc_grid, pc_hh, pc_res,
    pc_blocks, pc_note, pc_status;

static int
prev_hdr(csvr *r, void *arg)
{
	(void)arg;
	pc_id = csvr_col(r, "household_id");
	pc_vil = csvr_col(r, "village_code");
	pc_blk = csvr_col(r, "block");
	pc_pers = csvr_col(r, "persons");
	pc_grid = csvr_col(r, "grid_code");
	pc_hh = csvr_col(r, "households");
	pc_res = csvr_col(r, "residents");
	pc_blocks = csvr_col(r, "blocks");
	pc_note = csvr_col(r, "note");
	pc_status = csvr_col(r, "status");
	if (pc_grid < 0 || (pc_id < 0 && pc_blocks < 0)) {
		warn("%s: not an assignment (household_id, grid_code) or a "
		    "grid table (grid_code, blocks)", csvr_name(r));
		return -1;
	}
	return 0;
}

static int
prev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct div_prow p = {
		fld(rec, pc_grid), fld(rec, pc_vil), fld(rec, pc_id),
		fld(rec, pc_blk), fld(rec, pc_pers), fld(rec, pc_hh),
		fld(rec, pc_res), fld(rec, pc_blocks), fld(rec, pc_note),
		fld(rec, pc_status), pc_vil >= 0, pc_blk >= 0, pc_pers >= 0
	};

	(void)arg;
	if (div_prev_row(&G.d, pc_id < 0, &p) == 0)
		return 0;
	gw_reject(&G.aux, csvr_name(r), rec->line, G.d.col, rec, "%s",
	    G.d.why);
	return 1;
}

/* ---- input: households or persons --------------------------------------- */

static void out_header(void);

/* The layout of households derived from persons (or from a store). */
static void
household_layout(void)
{
	static const char *const hn[] = { "household_id", "village_code",
	    "block", "address", "persons" };
	size_t i;

	G.have_layout = 1;
	G.nnames = 5;
	G.names = xreallocarray(NULL, 5, sizeof *G.names);
	for (i = 0; i < 5; i++)
		G.names[i] = xstrdup(hn[i]);
	G.d.col_id = 0;
	G.d.col_addr = 3;
	G.c_pers = 4;
	G.c_grid = G.c_micro = -1;
}

static int
in_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t n = csvr_ncols(r), i, k;
	int persons, dropped = 0;

	(void)arg;
	if (n == 0)
		return 0;	/* an empty file: nothing to map */
	persons = csvr_col(r, "persons") < 0 && csvr_col(r, "id_number") >= 0;
	G.p_id = csvr_col(r, "household_id");
	G.p_vil = csvr_col(r, "village_code");
	G.p_blk = csvr_col(r, "block");
	G.p_addr = csvr_col(r, "address");
	if (G.p_id < 0 || G.p_vil < 0 || G.p_blk < 0 ||
	    (!persons && csvr_col(r, "persons") < 0)) {
		warn("%s: households need columns household_id, village_code, "
		    "block, persons (persons: id_number, household_id, "
		    "village_code, block)", csvr_name(r));
		return -1;
	}
	if (G.have_layout && persons != G.d.member) {
		warn("%s: %s after %s: give one kind of input", csvr_name(r),
		    persons ? "persons" : "households",
		    persons ? "households" : "persons");
		return -1;
	}
	if (!G.have_layout) {
		G.d.member = persons;
		if (persons)
			household_layout();
		else {
			G.have_layout = 1;
			G.nnames = n;
			G.names = xreallocarray(NULL, n, sizeof *G.names);
			for (i = 0; i < n; i++)
				G.names[i] = xstrdup(h[i]);
			G.d.col_id = G.p_id;
			G.d.col_addr = G.p_addr;
			G.c_pers = csvr_col(r, "persons");
			G.c_grid = csvr_col(r, "grid_code");
			G.c_micro = csvr_col(r, "micro_grid_code");
		}
		out_header();
	}
	if (persons)
		return 0;
	/* later files are mapped onto the first one's columns by name */
	G.map = xreallocarray(G.map, G.nnames, sizeof *G.map);
	for (k = 0; k < G.nnames; k++) {
		G.map[k] = -1;
		for (i = 0; i < n; i++)
			if (strcmp(h[i], G.names[k]) == 0) {
				G.map[k] = (int)i;
				break;
			}
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < G.nnames; k++)
			if (G.map[k] == (int)i)
				break;
		if (k == G.nnames)
			dropped++;
	}
	if (dropped)
		warn("%s: %d column%s not in the first input's header left out",
		    csvr_name(r), dropped, dropped > 1 ? "s" : "");
	return 0;
}

/* A household (or person) row of file name (a file, or STORE:TABLE). */
static int
in_row(const char *name, struct gw_rec *rec)
{
	struct div_row r;
	size_t k;

	r.id = fld(rec, G.p_id);
	r.vil = fld(rec, G.p_vil);
	r.blk = fld(rec, G.p_blk);
	r.addr = fld(rec, G.p_addr);
	r.pers = G.d.member ? fld(rec, -1) : fld(rec, G.map[G.c_pers]);
	r.line = rec->line;
	r.nf = G.d.member ? 0 : G.nnames;
	G.pf = xreallocarray(G.pf, G.nnames, sizeof *G.pf);
	for (k = 0; k < r.nf; k++)
		G.pf[k] = fld(rec, G.map[k]);
	r.f = G.pf;
	switch (div_add(&G.d, &r)) {
	case 0:
		return 0;
	case 1:
		gw_reject(&G.run, name, rec->line, G.d.col, rec, "%s",
		    G.d.why);
		return 1;
	default:
		die("%s", G.d.why);
	}
}

static int
in_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return in_row(csvr_name(r), rec);
}

/* ---- output ------------------------------------------------------------- */

static void
write_rows(const struct div_village *V)
{
	char code[16], mcode[19];
	size_t i, k;
	const struct div_hh *h;
	int micro = G.d.micro;

	for (i = 0; i < V->nh; i++) {
		h = &V->h[i];
		snprintf(code, sizeof code, "%s%03d", V->code,
		    V->grids[h->grid].seq);
		if (micro)
			snprintf(mcode, sizeof mcode, "%s%03d", code, h->micro);
		for (k = 0; k < G.nnames; k++) {
			if ((int)k == G.c_grid)
				csvw_field(G.out, code, 15);
			else if ((int)k == G.c_micro)
				csvw_field(G.out, micro ? mcode : "",
				    micro ? 18 : 0);
			else if (G.d.member && (int)k == G.c_pers)
				csvw_fieldf(G.out, "%ld", h->persons);
			else
				csvw_field(G.out, div_field(V, h, (int)k),
				    (size_t)-1);
		}
		if (G.c_grid < 0)
			csvw_field(G.out, code, 15);
		if (micro && G.c_micro < 0)
			csvw_field(G.out, mcode, 18);
		csvw_endrec(G.out);
	}
	if (csvw_error(G.out))
		die("write error: stdout: %s", strerror(csvw_error(G.out)));
}

static void
write_grids(const struct div_village *V)
{
	const struct div_grid *g;
	size_t i;

	if (!G.gout)
		return;
	for (i = 0; i < V->ng; i++) {
		g = &V->grids[i];
		csvw_fieldf(G.gout, "%s%03d", V->code, g->seq);
		csvw_field(G.gout, V->code, 12);
		csvw_field(G.gout, g->ded ? "dedicated" : "base", (size_t)-1);
		csvw_fieldf(G.gout, "%ld", g->hh);
		csvw_fieldf(G.gout, "%ld", g->res);
		csvw_field(G.gout, g->blocks.s ? g->blocks.s : "",
		    g->blocks.len);
		csvw_field(G.gout, g->note.s ? g->note.s : "", g->note.len);
		if (G.have_prev)
			csvw_field(G.gout, div_status_name(g->status),
			    (size_t)-1);
		csvw_endrec(G.gout);
	}
}

/* A village the engine divided: its notes on stderr, its households to
   stdout, its grids to -G. */
static void
divided(void *arg, const struct div_village *V)
{
	const struct div_grid *g;
	const char *why;
	size_t i;

	(void)arg;
	for (i = 0; i < V->ng && !V->carried; i++) {
		g = &V->grids[i];
		if (!g->ded && g->status != DIV_RETIRED && g->note.len)
			warn("village %s: grid %s%03d: %s", V->code, V->code,
			    g->seq, g->note.s);
	}
	write_rows(V);
	write_grids(V);
	if (G.gs && gridstore_village(G.gs, &G.d, V, &why) < 0)
		die("%s: %s", G.o.store, why);
}

static void
out_header(void)
{
	const char **h;
	size_t n = 0, i;

	h = xreallocarray(NULL, G.nnames + 2, sizeof *h);
	for (i = 0; i < G.nnames; i++)
		h[n++] = G.names[i];
	if (G.c_grid < 0)
		h[n++] = "grid_code";
	if (G.d.micro && G.c_micro < 0)
		h[n++] = "micro_grid_code";
	csvw_header(G.out, h, n);
	free(h);
}

/* -G is written whole (outfile.c): a fatal error never leaves half a
   grid table behind, nor replaces the one there. */
static void
grids_open(const char *path)
{
	static const char *const hdr[] = { "grid_code", "village_code",
	    "kind", "households", "residents", "blocks", "note", "status" };
	const char *why;

	if (!(G.gfp = gw_ofile_open(&G.gof, path, 0, &why)))
		die("cannot create %s: %s", path, why);
	G.gout = gw_out(&G.o, G.gfp);
	csvw_header(G.gout, hdr, G.have_prev ? 8 : 7);
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

static int cc_id, cc_vil, cc_blk, cc_grid, cc_pers;

static void
problem(void *arg, const char *what, const char *grid, const char *hid,
    const char *blk, const char *detail)
{
	(void)arg;
	csvw_field(G.out, what, (size_t)-1);
	csvw_field(G.out, grid, (size_t)-1);
	csvw_field(G.out, hid, (size_t)-1);
	csvw_field(G.out, blk, (size_t)-1);
	csvw_field(G.out, detail, (size_t)-1);
	csvw_endrec(G.out);
}

static int
chk_hdr(csvr *r, void *arg)
{
	(void)arg;
	div_check_input(&G.ck, csvr_name(r));
	if (csvr_ncols(r) == 0)
		return 0;
	cc_id = csvr_col(r, "household_id");
	cc_vil = csvr_col(r, "village_code");
	cc_blk = csvr_col(r, "block");
	cc_grid = csvr_col(r, "grid_code");
	cc_pers = csvr_col(r, "persons");
	G.ck.hasblk = cc_blk >= 0;
	G.ck.haspers = cc_pers >= 0;
	if (cc_id < 0 || cc_vil < 0 || cc_grid < 0) {
		warn("%s: an assignment needs columns household_id, "
		    "village_code, grid_code (block and persons are checked "
		    "when present)", csvr_name(r));
		return -1;
	}
	return 0;
}

static int
chk_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct div_crow c = { fld(rec, cc_id), fld(rec, cc_vil),
	    fld(rec, cc_blk), fld(rec, cc_grid), fld(rec, cc_pers),
	    rec->line };

	(void)arg;
	if (div_check_row(&G.ck, &c) == 0)
		return 0;
	gw_reject(&G.run, csvr_name(r), rec->line, G.ck.col, rec, "%s",
	    G.ck.why);
	return 1;
}

static int
check(int argc, char **argv)
{
	static const char *const hdr[] = { "problem", "grid_code",
	    "household_id", "block", "detail" };
	struct csvr_opt ro = gw_inopt(&G.o);
	size_t i, hint = 0;
	struct stat st;
	long n;

	/* an assignment row is some 60 bytes: size the id table from the
	   inputs once rather than grow it a dozen times */
	for (i = 0; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0)
			hint += (size_t)st.st_size / 56;
	G.ck.problem = problem;
	div_check_init(&G.ck, &G.d, hint);
	csvw_header(G.out, hdr, 5);
	if (gw_loop(&G.run, argc, argv, &ro, chk_hdr, chk_rec, NULL) < 0)
		return GW_FATAL;
	n = div_check_end(&G.ck);
	return n ? GW_REJECTS : GW_OK;
}

/* ---- the store (-d) ----------------------------------------------------- */

/*
 * With -d the households, and the regions and units not given as files,
 * come from a store (gridwork-store(5)) opened read-only, and go through
 * the same checks as rows of a file.  A store row is named STORE:TABLE
 * with its rowid where a file row has FILE and its line.  Households come
 * ordered by village code and, within a village, by rowid (the order of
 * arrival): the households_village index gives the villages in order and
 * SQLite sorts one village at a time, so the village-at-a-time memory
 * bound holds whatever order the loads came in.
 */
static sqlite3 *db;

/*
 * Runs sql, whose first column is the rowid, and passes the other columns
 * of every row to fn as a record (NULL as an empty field), counted in run.
 * Dies on a store error: a read that stops half way would drop rows.
 */
static void
store_rows(struct gw_run *run, const char *table, const char *sql,
    int (*fn)(const char *, struct gw_rec *))
{
	static char empty[1];
	const unsigned char *s;
	struct gw_rec rec;
	sqlite3_stmt *st;
	struct sbuf name = { 0 };
	int n, i, rc;

	sbuf_adds(&name, G.o.store);
	sbuf_addc(&name, ':');
	sbuf_adds(&name, table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("%s: %s", name.s, sqlite3_errmsg(db));
	n = sqlite3_column_count(st) - 1;
	rec.nf = (size_t)n;
	rec.f = xcalloc((size_t)n, sizeof *rec.f);
	rec.len = xcalloc((size_t)n, sizeof *rec.len);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rec.line = (long)sqlite3_column_int64(st, 0);
		for (i = 0; i < n; i++) {
			/* text first, then its length: the documented order */
			s = sqlite3_column_text(st, i + 1);
			rec.f[i] = s ? (char *)s : empty;
			rec.len[i] = s ? (size_t)sqlite3_column_bytes(st,
			    i + 1) : 0;
		}
		run->nread++;
		if (fn(name.s, &rec) == 0)
			run->nok++;
	}
	if (rc != SQLITE_DONE)
		die("%s: %s", name.s, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(rec.f);
	free(rec.len);
	sbuf_free(&name);
}

/*
 * Opens the store read-only.  The households are read once, in index
 * order: a page cache of 64 MB (store_open's, for loads) buys nothing
 * here and would be most of the memory, so it is cut to 4 MB.
 */
static void
open_store(void)
{
	sqlite3_stmt *st;
	const char *why;

	if (!(db = store_open(G.o.store, store_writable(G.o.store) ? 0 :
	    STORE_RDONLY, &why)))
		die("%s", why);
	if (sqlite3_prepare_v2(db, "PRAGMA cache_size = -4096", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		die("%s: %s", G.o.store, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

static void
store_regions(void)
{
	switch (store_has_rows(db, "regions")) {
	case 1:
		break;
	case 0:
		die("%s: no regions: load them with gw-load, or give -R",
		    G.o.store);
	default:
		die("%s: cannot read regions", G.o.store);
	}
	div_regions(&G.d);
	rc_code = 0, rc_name = 1, rc_kind = 2, rc_ur = -1;
	store_rows(&G.aux, "regions",
	    "SELECT rowid, code, name, kind FROM regions ORDER BY rowid",
	    reg_row);
}

static void
store_units(void)
{
	uc_id = 0, uc_name = 1, uc_vil = 2, uc_people = 3;
	store_rows(&G.aux, "units", "SELECT rowid, unit_id, name, "
	    "village_code, people FROM units ORDER BY rowid", unit_row);
}

/*
 * The households table, or, when it is empty, the persons (gw-load fills
 * households from persons, so that is a store written by other means).
 * The layout is that of a households file: the output is the same.
 */
static void
store_households(void)
{
	static const char *const hn[] = { "household_id", "village_code",
	    "block", "address", "persons" };
	int hh, pp, i;

	if ((hh = store_has_rows(db, "households")) < 0 ||
	    (pp = store_has_rows(db, "persons")) < 0)
		die("%s: cannot read households or persons", G.o.store);
	if (!hh && !pp)
		die("%s: no households and no persons to divide: load them "
		    "with gw-load", G.o.store);
	household_layout();
	G.d.member = !hh;
	G.map = xreallocarray(NULL, 5, sizeof *G.map);
	for (i = 0; i < 5; i++)
		G.map[i] = i;
	G.p_id = 0;
	G.p_vil = 1;
	G.p_blk = 2;
	G.p_addr = 3;
	/*
	 * The rejects file names the columns of the first input; gw_loop()
	 * takes them from a file's header, and a store has none, so they are
	 * set here (input.c frees them).
	 */
	gw_run_header(&G.run, hn, hh ? 5 : 4);
	out_header();
	if (hh)
		store_rows(&G.run, "households", "SELECT rowid, household_id, "
		    "village_code, block, address, persons FROM households "
		    "ORDER BY village_code, rowid", in_row);
	else
		/* persons come in identity-number order (their rowid),
		   so members are brought together by household_id */
		store_rows(&G.run, "persons", "SELECT rowid, household_id, "
		    "village_code, block, address FROM persons "
		    "ORDER BY village_code, household_id, rowid", in_row);
}

/* ---- main --------------------------------------------------------------- */

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "check", no_argument, 0, OPT_CHECK },
		{ "micro", no_argument, 0, OPT_MICRO },
		{ "previous", required_argument, 0, OPT_PREVIOUS },
		{ "ungrouped", no_argument, 0, 'U' },
		GW_LONGOPT_COMMON,
		{ 0 }
	};
	struct csvr_opt ro;
	char **prev = NULL;
	const char *units = NULL, *grids = NULL, *why;
	int c, nprev = 0, checking = 0, status, st, fullargc = argc;
	char **fullargv = argv, pnote[512];

	gw_init(argc, argv);
	while ((c = getopt_long(argc, argv, "d:E:G:hi:o:p:R:r:Uu:", lo,
	    NULL)) != -1) {
		if (gw_opt(&G.o, c, optarg, usage_text))
			continue;
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

	if (G.o.store && checking) {
		warn("--check reads an assignment file, not a store (-d)");
		usage();
	}
	if (G.o.store && argc > 0) {
		warn("-d: the households come from the store: give no file");
		usage();
	}
	if (checking && (grids || units || nprev || G.d.micro ||
	    G.d.ungrouped)) {
		warn("--check takes none of -G, -U, -u, --micro, --previous");
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
	if (G.o.store)
		open_store();
	if (G.o.regions) {
		div_regions(&G.d);
		load(&G.aux, 1, (char **)&G.o.regions, reg_hdr, reg_rec);
	} else if (G.o.store)
		store_regions();
	G.out = gw_out(&G.o, stdout);

	if (checking) {
		status = check(argc, argv);
		if (csvw_close(G.out) < 0)
			status = GW_FATAL;
		st = gw_run_end(&G.run);
		status = status > st ? status : st;
		st = gw_run_end(&G.aux);
		gw_exit(status > st ? status : st);
	}

	if (units)
		load(&G.aux, 1, (char **)&units, unit_hdr, unit_rec);
	else if (G.o.store)
		store_units();
	if (nprev) {
		/* in any order: a table's block list only speaks for grids
		   that no assignment row shows */
		G.have_prev = 1;
		div_prev_begin(&G.d);
		load(&G.aux, nprev, prev, prev_hdr, prev_rec);
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
	if (!G.have_layout) {
		household_layout();
		out_header();
	}
	if (div_finish(&G.d) < 0)
		die("%s", G.d.why);
	if (G.gs && gridstore_end(G.gs, fullargc, fullargv, &why) < 0)
		die("%s: %s", G.o.store, why);
	gridstore_free(G.gs);
	store_close(db);
	grids_close();
	if (csvw_close(G.out) < 0)
		die("write error: stdout:");
	status = gw_run_end(&G.run);
	st = gw_run_end(&G.aux);
	gw_exit(status > st ? status : st);
}
