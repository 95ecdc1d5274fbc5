/*
 * grid-code — divide villages and communities into coded grids, keep the
 * codes when re-dividing, and check a division (gridwork-rules(7), PLACES AND CODES and GRIDS,
 * grid-code(1)).
 *
 * Dividing: households (household_id,village_code,block,address,persons)
 * or persons (id_number,...,household_id,...,village_code,block,address),
 * told apart by their columns, come in grouped by village as registers
 * are.  One village is held at a time: when the input moves on to another
 * village the held one is divided and its households are written, each
 * once, in input order, with grid_code (and micro_grid_code) appended.  A
 * village that comes back after it was written is rejected row by row
 * (its grids are already out) unless -U holds every village to the end.
 * Every row read is either written or rejected: rows in = placed +
 * rejected, and any rejected row makes the exit status 1.  With -d they
 * come from a store instead, grouped by village code (the store section).
 * With --previous, villages this run does not divide keep their grids in
 * -G as they were, so no code is ever forgotten.
 *
 * The division of a village is a dynamic programme over its blocks in
 * natural order (natcmp): grids are contiguous runs of whole blocks, and
 * the runs minimise, in this order, the total deviation from the band
 * (policy [grid]), then maximise the households left in a grid of the
 * previous division (--previous), then minimise the sum of squared
 * distances of grid sizes from the band's middle, then the number of
 * grids.  All of it is integer arithmetic, so a division is the same on
 * every machine and every run.
 *
 * Checking (--check): reads any household -> grid assignment and writes
 * one row per problem; it holds every household's id and every grid.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
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

/* Policy figures, all from the [grid] section (gridwork-policy(5)). */
struct cfg {
	long hmin, hmax;	/* households band of a base grid */
	long rmax;		/* residents a grid may hold */
	long rural;		/* a rural village above this is split */
	long dedmin;		/* people on site that make a dedicated grid */
	long mmin, mmax;	/* households of a micro-grid */
	long weight;		/* a household outside the band counts as
				   this many residents over the limit */
	long reach;		/* a run holds at most reach x hmax households
				   besides its first block (bounds the work) */
};

enum { ST_NONE = 0, ST_KEPT, ST_NEW, ST_RETIRED };
static const char *const status_name[] = { "", "kept", "new", "retired" };

/* A grid of the previous division (--previous). */
struct pgrid {
	char code[16];
	size_t vil;		/* index in G.pvil */
	int seq;		/* 1-899 base, 901-999 dedicated */
	int ded;		/* 1: dedicated */
	int retired;		/* 1: listed as retired in a grid table */
	int inassign;		/* 1: some household of the assignment is in it */
	long hh, res;		/* last known size */
	long nblk;		/* distinct blocks (units for a dedicated grid) */
	struct sbuf bl;		/* its block names, ';'-joined, as first seen */
	char *note;		/* a grid table's note, or NULL */
	int used;		/* 1: the code is issued again in this run */
	long nextv;		/* next grid of the same village, or -1 */
};

/* A unit of -u (a dedicated grid when it has people >= dedmin). */
struct unit {
	char *id, *name;
	char vil[13];
	long people;
	long nextv;		/* next unit of the same village, or -1 */
};

/* A household of the village being divided. */
struct vh {
	size_t f;		/* index of its first field in V.foff */
	long persons;		/* residents */
	size_t blk;		/* block index in V.blocks */
	long pg;		/* its previous grid, or -1 */
	size_t grid;		/* index in V.grids */
	int micro;		/* micro-grid sequence, 1-based */
};

/* A grid of the village being divided. */
struct vgrid {
	int seq;
	int ded;
	int status;		/* ST_* */
	long hh, res;
	long pg;		/* previous grid it keeps the code of, or -1 */
	long unit;		/* for a dedicated grid, index in G.units */
	struct sbuf blocks;	/* ';'-joined, natural order */
	struct sbuf note;
};

/* The households of one village, held until it is divided. */
struct village {
	char code[13];
	int kind;		/* KIND_* */
	struct sbuf ar;		/* the fields, NUL-terminated */
	size_t *foff;		/* offsets of fields in ar */
	size_t nfoff, capfoff;
	struct vh *h;
	size_t nh, caph;
	strtab *hids;		/* household_id -> index in h */
	long *hline;		/* first input line of each household */
	strtab *blocks;		/* block names of the village */
};

/* Everything of one run. */
static struct {
	struct gw_opts o;
	struct cfg c;
	struct gw_run run;	/* the households (or persons) */
	struct gw_run aux;	/* regions, units, previous: no -r */
	int micro, ungrouped;
	csvw *out;		/* stdout */
	csvw *gout;		/* -G */
	FILE *gfp;
	struct gw_ofile gof;	/* -G, written whole */

	/* regions */
	strtab *reg;		/* 12-digit codes */
	int *regkind;		/* KIND_* of each */
	size_t capreg;

	/* the layout of stdout: the first input's columns, or the
	   household columns derived from persons */
	int have_layout;
	int persons_mode;
	char **names;
	size_t nnames;		/* columns stored per household */
	int c_id, c_vil, c_blk, c_addr, c_pers;
	int c_grid, c_micro;	/* existing columns replaced, or -1 */

	/* per input file: its column -> layout column */
	int *map;
	size_t nmap;
	int p_id, p_vil, p_blk, p_addr;	/* persons columns of the file */
	const char *fname;

	/* the villages being held; done = villages already written */
	strtab *held;
	struct village **vs;
	size_t nvs, capvs;
	long cur;		/* index in vs of the current village, or -1 */
	strtab *done;
	strtab *allhid;		/* -U: every household id */
	size_t *allvil;		/* -U: its village, index in vs */
	size_t capallvil;
	long nplaced;		/* households written */

	/* previous division */
	strtab *pcode;		/* grid code -> index in pg */
	struct pgrid *pg;
	size_t npg, cappg;
	strtab *pvil;		/* village code -> index */
	long *pvfirst;		/* first grid of each previous village */
	int *pvmaxb, *pvmaxd;	/* highest base / dedicated sequence */
	size_t cappv;
	u64map *phh;		/* hash(village, household_id) -> pg index */
	u64map *pblk;		/* hash(village, block) -> pg index or AMBIG */
	u64map *pseen;		/* hash(grid code, block) seen */
	int have_prev;

	/* units */
	struct unit *units;
	size_t nunits, capunits;
	strtab *uid;
	strtab *uvil;		/* village code -> index */
	long *uvfirst;
	size_t capuv;
} G;

#define AMBIG ((uint64_t)-1)

/* Scratch for one village's division. */
static struct {
	size_t *order;		/* blocks in natural order */
	size_t *rank;		/* rank[block index] = position in order */
	long *bh, *br;		/* households, residents by block index */
	long *pb;		/* previous grid of each block (by position) */
	size_t *gb;		/* grid of each block (by block index) */
	size_t capb;
	struct vgrid *grids;
	size_t ng, capg;
	size_t *hord;		/* households of one grid, for micro-grids */
	size_t caphord;
} S;

static struct village *cmpv;	/* context of the qsort comparators */

static int
usage(void)
{
	gw_usage(usage_text);
}

/* ---- small helpers ---------------------------------------------------- */

/* Copies a code field trimmed of blanks and folded from full width into
   buf (size n); returns its length, or -1 when it does not fit. */
static long
clean_code(const char *s, size_t len, char *buf, size_t n)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= n)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	len = utf8_fold(buf, len);
	buf[len] = '\0';
	return (long)len;
}

/* Non-negative integer field (blanks and full width allowed); -1 when
   it is not one. */
static long
parse_count(const char *s, size_t len)
{
	char buf[64];
	long n, v = 0;
	long i;

	if ((n = clean_code(s, len, buf, sizeof buf)) <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > 100000000)
			return -1;
		v = v * 10 + (buf[i] - '0');
	}
	return v;
}

/* A field trimmed of surrounding blanks, as a block or address name. */
static const char *
trimmed(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

static uint64_t
key2(const char *a, const char *b, size_t blen, int sep)
{
	struct sbuf k = { 0 };
	uint64_t h;

	sbuf_adds(&k, a);
	sbuf_addc(&k, sep);
	sbuf_add(&k, b, blen);
	h = hash_bytes(k.s, k.len);
	sbuf_free(&k);
	return h;
}

/* Count in column col of rec, or -1 (see parse_count). */
static long
count_field(const struct gw_rec *rec, int col)
{
	size_t len;
	const char *s = gw_field(rec, col, &len);

	return parse_count(s, len);
}

static long
region_find(const char *code)
{
	return G.reg ? strtab_find(G.reg, code, strlen(code)) : -1;
}

/* ---- policy ----------------------------------------------------------- */

static long
pol(const policy *p, const char *key, long lo)
{
	const char *why;
	long v;

	if (policy_int(p, "grid", key, &v, &why) < 0)
		die("policy %s: %s", policy_name(p), why);
	if (v < lo)
		die("policy %s: [grid] %s = %ld: below %ld", policy_name(p),
		    key, v, lo);
	return v;
}

static void
load_policy(void)
{
	const char *why;
	policy *p;

	if (!(p = policy_load(G.o.policy, &why)))
		die("%s", why);
	G.c.hmin = pol(p, "households_min", 1);
	G.c.hmax = pol(p, "households_max", G.c.hmin);
	G.c.rmax = pol(p, "residents_max", 1);
	G.c.rural = pol(p, "rural_split_households", 1);
	G.c.dedmin = pol(p, "dedicated_people_min", 1);
	G.c.mmin = pol(p, "micro_households_min", 1);
	G.c.mmax = pol(p, "micro_households_max", G.c.mmin);
	G.c.weight = pol(p, "household_weight", 0);
	G.c.reach = pol(p, "run_reach", 1);
	policy_free(p);
}

/* ---- regions ------------------------------------------------------------ */

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
	char code[64], kbuf[64];
	const char *kind, *ur = NULL, *name;
	size_t len, klen;
	long n;
	size_t i;
	int isnew;

	kind = gw_field(rec, rc_kind, &klen);
	name = gw_field(rec, rc_name, &len);
	if (rc_ur >= 0)
		ur = gw_field(rec, rc_ur, &len);
	/* a kind column may hold the 3-digit urban-rural code itself */
	if (clean_code(kind, klen, kbuf, sizeof kbuf) == 3)
		ur = kbuf;
	kind = gw_field(rec, rc_kind, &klen);
	if ((n = clean_code(rec->f[rc_code], rec->len[rc_code], code,
	    sizeof code)) < 0 || code_level(code, (size_t)n) < 0) {
		gw_reject(&G.aux, fname, rec->line, "code", rec,
		    "not a division code");
		return 1;
	}
	if (n != LVL_VILLAGE)
		return 0;	/* higher levels name nothing we divide */
	i = strtab_add(G.reg, code, (size_t)n, &isnew);
	if (!isnew) {
		gw_reject(&G.aux, fname, rec->line, "code", rec,
		    "duplicate region '%s'", code);
		return 1;
	}
	if (i >= G.capreg) {
		G.capreg = 2 * i + 64;
		G.regkind = xreallocarray(G.regkind, G.capreg,
		    sizeof *G.regkind);
	}
	G.regkind[i] = region_kind(kind, ur, name);
	return 0;
}

static int
reg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return reg_row(csvr_name(r), rec);
}

static void
load_regions(void)
{
	struct csvr_opt ro = gw_inopt(&G.o);
	char *av[1];

	G.reg = strtab_new();
	av[0] = (char *)G.o.regions;
	if (gw_loop(&G.aux, 1, av, &ro, reg_hdr, reg_rec, NULL) < 0)
		exit(GW_FATAL);
}

/* ---- units -------------------------------------------------------------- */

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
	char vil[64];
	const char *s, *why;
	size_t len, v;
	long n, people;
	struct unit *u;
	int isnew;

	len = rec->len[uc_id];
	s = trimmed(rec->f[uc_id], &len);
	if (len == 0) {
		gw_reject(&G.aux, fname, rec->line, "unit_id", rec,
		    "empty");
		return 1;
	}
	strtab_add(G.uid, s, len, &isnew);
	if (!isnew) {
		gw_reject(&G.aux, fname, rec->line, "unit_id", rec,
		    "duplicate unit '%.*s'", (int)len, s);
		return 1;
	}
	if ((n = clean_code(rec->f[uc_vil], rec->len[uc_vil], vil,
	    sizeof vil)) < 0 || code_check(vil, (size_t)n, LVL_VILLAGE,
	    &why) < 0) {
		gw_reject(&G.aux, fname, rec->line, "village_code", rec,
		    "%s", n < 0 ? "too long" : why);
		return 1;
	}
	if (region_find(vil) < 0) {
		gw_reject(&G.aux, fname, rec->line, "village_code", rec,
		    "unknown village '%s'", vil);
		return 1;
	}
	if ((people = parse_count(rec->f[uc_people],
	    rec->len[uc_people])) < 0) {
		gw_reject(&G.aux, fname, rec->line, "people", rec,
		    "not a number of people");
		return 1;
	}
	if (people < G.c.dedmin)
		return 0;	/* stays in its base grid */
	if (G.nunits == G.capunits) {
		G.capunits = G.capunits ? G.capunits * 2 : 16;
		G.units = xreallocarray(G.units, G.capunits, sizeof *G.units);
	}
	u = &G.units[G.nunits];
	u->id = xstrndup(s, len);
	s = gw_field(rec, uc_name, &len);
	u->name = xstrndup(s, len);
	memcpy(u->vil, vil, 13);
	u->people = people;
	v = strtab_add(G.uvil, vil, 12, &isnew);
	if (isnew) {
		if (v >= G.capuv) {
			G.capuv = 2 * v + 16;
			G.uvfirst = xreallocarray(G.uvfirst, G.capuv,
			    sizeof *G.uvfirst);
		}
		G.uvfirst[v] = -1;
	}
	u->nextv = G.uvfirst[v];
	G.uvfirst[v] = (long)G.nunits++;
	return 0;
}

static int
unit_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return unit_row(csvr_name(r), rec);
}

static void
load_units(const char *path)
{
	struct csvr_opt ro = gw_inopt(&G.o);
	char *av[1];

	G.uid = strtab_new();
	G.uvil = strtab_new();
	av[0] = (char *)path;
	if (gw_loop(&G.aux, 1, av, &ro, unit_hdr, unit_rec, NULL) < 0)
		exit(GW_FATAL);
}

/* ---- previous division -------------------------------------------------- */

static int pc_id, pc_vil, pc_blk, pc_pers, pc_grid, pc_kind, pc_hh, pc_res,
    pc_blocks, pc_note, pc_status, p_table;

static int
prev_hdr(csvr *r, void *arg)
{
	(void)arg;
	pc_id = csvr_col(r, "household_id");
	pc_vil = csvr_col(r, "village_code");
	pc_blk = csvr_col(r, "block");
	pc_pers = csvr_col(r, "persons");
	pc_grid = csvr_col(r, "grid_code");
	pc_kind = csvr_col(r, "kind");
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
	p_table = pc_id < 0;
	return 0;
}

/* The previous grid of code (15 digits, checked), added when new. */
static size_t
pgrid_get(const char *code)
{
	struct pgrid *g;
	size_t i, v;
	int isnew, seq;

	i = strtab_add(G.pcode, code, 15, &isnew);
	if (!isnew)
		return i;
	if (G.npg == G.cappg) {
		G.cappg = G.cappg ? G.cappg * 2 : 256;
		G.pg = xreallocarray(G.pg, G.cappg, sizeof *G.pg);
	}
	g = &G.pg[G.npg++];
	memset(g, 0, sizeof *g);
	memcpy(g->code, code, 16);
	seq = atoi(code + 12);
	g->seq = seq;
	g->ded = grid_is_dedicated(code);
	v = strtab_add(G.pvil, code, 12, &isnew);
	if (isnew) {
		if (v >= G.cappv) {
			G.cappv = G.cappv ? G.cappv * 2 : 256;
			G.pvfirst = xreallocarray(G.pvfirst, G.cappv,
			    sizeof *G.pvfirst);
			G.pvmaxb = xreallocarray(G.pvmaxb, G.cappv,
			    sizeof *G.pvmaxb);
			G.pvmaxd = xreallocarray(G.pvmaxd, G.cappv,
			    sizeof *G.pvmaxd);
		}
		G.pvfirst[v] = -1;
		G.pvmaxb[v] = 0;
		G.pvmaxd[v] = 900;
	}
	g->vil = v;
	g->nextv = G.pvfirst[v];
	G.pvfirst[v] = (long)i;
	if (g->ded && seq > G.pvmaxd[v])
		G.pvmaxd[v] = seq;
	if (!g->ded && seq > G.pvmaxb[v])
		G.pvmaxb[v] = seq;
	return i;
}

/* Records that previous grid gi holds block (or unit, sep 0x1e). */
static void
pgrid_block(size_t gi, const char *b, size_t blen, int sep)
{
	struct pgrid *g = &G.pg[gi];
	char vil[13];
	uint64_t k, old;

	if (!u64map_add(G.pseen, key2(g->code, b, blen, sep), 1, NULL))
		return;
	g->nblk++;
	if (g->bl.len)
		sbuf_addc(&g->bl, ';');
	sbuf_add(&g->bl, b, blen);
	/* a retired grid claims no block: its code never comes back, and
	   its blocks are often a live grid's, which must still match */
	if (g->retired)
		return;
	memcpy(vil, g->code, 12);
	vil[12] = '\0';
	k = key2(vil, b, blen, sep);
	if (!u64map_add(G.pblk, k, gi, &old) && old != gi)
		u64map_put(G.pblk, k, AMBIG);
}

static int
prev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	char code[64], vil[64];
	const char *s, *why, *e;
	size_t len, gi;
	long n, v;
	struct pgrid *g;

	(void)arg;
	s = gw_field(rec, pc_grid, &len);
	if ((n = clean_code(s, len, code, sizeof code)) == 0 && !p_table)
		return 0;	/* a household left unassigned */
	if (n < 0 || code_check(code, (size_t)n, LVL_GRID, &why) < 0) {
		gw_reject(&G.aux, csvr_name(r), rec->line, "grid_code", rec,
		    "%s", n < 0 ? "too long" : why);
		return 1;
	}
	if (pc_vil >= 0) {
		s = gw_field(rec, pc_vil, &len);
		if (clean_code(s, len, vil, sizeof vil) != 12 ||
		    memcmp(vil, code, 12) != 0) {
			gw_reject(&G.aux, csvr_name(r), rec->line, "grid_code",
			    rec, "grid '%s' is not of village '%.*s'", code,
			    (int)len, s);
			return 1;
		}
	}
	gi = pgrid_get(code);
	g = &G.pg[gi];
	if (p_table) {
		s = gw_field(rec, pc_status, &len);
		if (len == 7 && memcmp(s, "retired", 7) == 0)
			g->retired = 1;
		s = gw_field(rec, pc_note, &len);
		free(g->note);
		g->note = len ? xstrndup(s, len) : NULL;
		if (!g->inassign) {
			g->hh = (v = count_field(rec, pc_hh)) < 0 ? 0 : v;
			g->res = (v = count_field(rec, pc_res)) < 0 ? 0 : v;
		}
		s = gw_field(rec, pc_blocks, &len);
		/* blocks of a grid the assignment does not show: the
		   table's ';'-joined list is all we know */
		if (!g->inassign && len > 0)
			for (;;) {
				e = memchr(s, ';', len);
				n = e ? e - s : (long)len;
				pgrid_block(gi, s, (size_t)n,
				    g->ded ? 0x1e : 0x1f);
				if (!e)
					break;
				len -= (size_t)n + 1;
				s = e + 1;
			}
		return 0;
	}
	if (!g->inassign) {
		/* the assignment supersedes what a table said */
		g->inassign = 1;
		g->hh = g->res = 0;
	}
	g->hh++;
	if (pc_pers >= 0 && (v = count_field(rec, pc_pers)) > 0)
		g->res += v;
	s = trimmed(gw_field(rec, pc_id, &len), &len);
	memcpy(vil, code, 12);
	vil[12] = '\0';
	u64map_put(G.phh, key2(vil, s, len, 0x1f), gi);
	if (pc_blk >= 0) {
		s = trimmed(gw_field(rec, pc_blk, &len), &len);
		pgrid_block(gi, s, len, 0x1f);
	}
	return 0;
}

static void
load_previous(int n, char **paths)
{
	struct csvr_opt ro = gw_inopt(&G.o);
	int i;

	G.pcode = strtab_new();
	G.pvil = strtab_new();
	G.phh = u64map_new(0);
	G.pblk = u64map_new(0);
	G.pseen = u64map_new(0);
	G.have_prev = 1;
	/* in any order: a table's block list only speaks for grids that
	   no assignment row shows */
	for (i = 0; i < n; i++)
		if (gw_loop(&G.aux, 1, &paths[i], &ro, prev_hdr, prev_rec,
		    NULL) < 0)
			exit(GW_FATAL);
	u64map_free(G.pseen);
	G.pseen = NULL;
}

/* ---- input: households or persons --------------------------------------- */

static void out_header(void);

static int
in_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t n = csvr_ncols(r), i, k;
	int persons, dropped = 0;

	(void)arg;
	G.fname = csvr_name(r);
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
		    "village_code, block)", G.fname);
		return -1;
	}
	if (G.have_layout && persons != G.persons_mode) {
		warn("%s: %s after %s: give one kind of input", G.fname,
		    persons ? "persons" : "households",
		    persons ? "households" : "persons");
		return -1;
	}
	if (!G.have_layout) {
		G.have_layout = 1;
		G.persons_mode = persons;
		if (persons) {
			static const char *const pn[] = { "household_id",
			    "village_code", "block", "address", "persons" };
			G.nnames = 5;
			G.names = xreallocarray(NULL, 5, sizeof *G.names);
			for (i = 0; i < 5; i++)
				G.names[i] = xstrdup(pn[i]);
			G.c_id = 0, G.c_vil = 1, G.c_blk = 2, G.c_addr = 3;
			G.c_pers = 4;
			G.c_grid = G.c_micro = -1;
		} else {
			G.nnames = n;
			G.names = xreallocarray(NULL, n, sizeof *G.names);
			for (i = 0; i < n; i++)
				G.names[i] = xstrdup(h[i]);
			G.c_id = G.p_id;
			G.c_vil = G.p_vil;
			G.c_blk = G.p_blk;
			G.c_addr = G.p_addr;
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
		    G.fname, dropped, dropped > 1 ? "s" : "");
	return 0;
}

static struct village *
village_new(const char *code)
{
	struct village *V = xcalloc(1, sizeof *V);

	memcpy(V->code, code, 13);
	V->kind = G.regkind[region_find(code)];
	V->hids = strtab_new();
	V->blocks = strtab_new();
	return V;
}

static void
village_reset(struct village *V, const char *code)
{
	memcpy(V->code, code, 13);
	V->kind = G.regkind[region_find(code)];
	sbuf_reset(&V->ar);
	V->nfoff = 0;
	V->nh = 0;
	strtab_clear(V->hids);
	strtab_clear(V->blocks);
}

static void
village_free(struct village *V)
{
	if (!V)
		return;
	sbuf_free(&V->ar);
	free(V->foff);
	free(V->h);
	free(V->hline);
	strtab_free(V->hids);
	strtab_free(V->blocks);
	free(V);
}

static void divide(struct village *V);

/* The village vil is to receive a household: the held one, or a new
   one once the held one is divided; NULL when vil was already written. */
static struct village *
switch_village(const char *vil)
{
	size_t i;
	int isnew;

	if (G.cur >= 0 && strcmp(G.vs[G.cur]->code, vil) == 0)
		return G.vs[G.cur];
	if (G.ungrouped) {
		i = strtab_add(G.held, vil, 12, &isnew);
		if (isnew) {
			if (G.nvs == G.capvs) {
				G.capvs = G.capvs ? G.capvs * 2 : 64;
				G.vs = xreallocarray(G.vs, G.capvs,
				    sizeof *G.vs);
			}
			G.vs[G.nvs++] = village_new(vil);
		}
		G.cur = (long)i;
		return G.vs[i];
	}
	if (strtab_find(G.done, vil, 12) >= 0)
		return NULL;
	if (G.cur >= 0) {
		divide(G.vs[0]);
		strtab_add(G.done, G.vs[0]->code, 12, NULL);
		village_reset(G.vs[0], vil);
	} else {
		G.vs = xreallocarray(NULL, 1, sizeof *G.vs);
		G.vs[0] = village_new(vil);
		G.nvs = 1;
	}
	G.cur = 0;
	return G.vs[0];
}

static void
store_field(struct village *V, const char *s, size_t len)
{
	if (V->nfoff == V->capfoff) {
		V->capfoff = V->capfoff ? V->capfoff * 2 : 256;
		V->foff = xreallocarray(V->foff, V->capfoff, sizeof *V->foff);
	}
	V->foff[V->nfoff++] = V->ar.len;
	sbuf_add(&V->ar, s, len);
	sbuf_addc(&V->ar, '\0');
}

static const char *
hfield(const struct village *V, const struct vh *h, int col)
{
	return V->ar.s + V->foff[h->f + (size_t)col];
}

/* A household (or person) row of file name (a file, or STORE:TABLE). */
static int
in_row(const char *name, struct gw_rec *rec)
{
	const char *id, *blk, *why, *s;
	char vil[64];
	size_t idlen, blen, len, bi, k;
	long n, persons = 1, hi;
	struct village *V;
	struct vh *h;
	int isnew;

	id = trimmed(gw_field(rec, G.p_id, &idlen), &idlen);
	if (idlen == 0) {
		gw_reject(&G.run, name, rec->line, "household_id", rec,
		    "empty");
		return 1;
	}
	s = gw_field(rec, G.p_vil, &len);
	if ((n = clean_code(s, len, vil, sizeof vil)) < 0 ||
	    code_check(vil, (size_t)n, LVL_VILLAGE, &why) < 0) {
		gw_reject(&G.run, name, rec->line, "village_code", rec, "%s",
		    n < 0 ? "not a village code" : why);
		return 1;
	}
	if (region_find(vil) < 0) {
		gw_reject(&G.run, name, rec->line, "village_code", rec,
		    "unknown village '%s'", vil);
		return 1;
	}
	blk = trimmed(gw_field(rec, G.p_blk, &blen), &blen);
	if (!G.persons_mode) {
		s = gw_field(rec, G.map[G.c_pers], &len);
		if ((persons = parse_count(s, len)) < 0) {
			gw_reject(&G.run, name, rec->line, "persons", rec,
			    "not a number of persons");
			return 1;
		}
	}

	/* the same household seen in another village */
	if (G.ungrouped && (hi = strtab_find(G.allhid, id, idlen)) >= 0 &&
	    strcmp(G.vs[G.allvil[hi]]->code, vil) != 0) {
		V = G.vs[G.allvil[hi]];
		gw_reject(&G.run, name, rec->line, "village_code", rec,
		    "household '%.*s' is in village '%s'", (int)idlen, id,
		    V->code);
		return 1;
	}
	if (!G.ungrouped && G.cur >= 0 &&
	    strcmp(G.vs[G.cur]->code, vil) != 0 &&
	    (hi = strtab_find(G.vs[G.cur]->hids, id, idlen)) >= 0) {
		V = G.vs[G.cur];
		gw_reject(&G.run, name, rec->line, "village_code", rec,
		    "household '%.*s' is in village '%s' (line %ld)",
		    (int)idlen, id, V->code, V->hline[hi]);
		return 1;
	}
	if (!(V = switch_village(vil))) {
		gw_reject(&G.run, name, rec->line, "village_code", rec,
		    "village '%s' comes back after its grids were written "
		    "(input not grouped by village: sort it, or use -U)", vil);
		return 1;
	}
	if ((hi = strtab_find(V->hids, id, idlen)) >= 0) {
		h = &V->h[hi];
		if (!G.persons_mode) {
			gw_reject(&G.run, name, rec->line, "household_id", rec,
			    "duplicate household '%.*s' (line %ld)",
			    (int)idlen, id, V->hline[hi]);
			return 1;
		}
		s = strtab_str(V->blocks, h->blk);
		if (strtab_len(V->blocks, h->blk) != blen ||
		    memcmp(s, blk, blen) != 0) {
			gw_reject(&G.run, name, rec->line, "block", rec,
			    "household '%.*s' is in block '%s' (line %ld)",
			    (int)idlen, id, s, V->hline[hi]);
			return 1;
		}
		h->persons++;
		return 0;
	}

	if (V->nh == V->caph) {
		V->caph = V->caph ? V->caph * 2 : 256;
		V->h = xreallocarray(V->h, V->caph, sizeof *V->h);
		V->hline = xreallocarray(V->hline, V->caph, sizeof *V->hline);
	}
	bi = strtab_add(V->blocks, blk, blen, NULL);
	h = &V->h[V->nh];
	h->f = V->nfoff;
	h->persons = persons;
	h->blk = bi;
	h->pg = -1;
	V->hline[V->nh] = rec->line;
	strtab_add(V->hids, id, idlen, &isnew);
	if (G.ungrouped) {
		k = strtab_add(G.allhid, id, idlen, NULL);
		if (k >= G.capallvil) {
			G.capallvil = 2 * k + 64;
			G.allvil = xreallocarray(G.allvil, G.capallvil,
			    sizeof *G.allvil);
		}
		G.allvil[k] = (size_t)G.cur;
	}
	V->nh++;
	if (G.persons_mode) {
		store_field(V, id, idlen);
		store_field(V, vil, 12);
		store_field(V, blk, blen);
		s = gw_field(rec, G.p_addr, &len);
		store_field(V, s, len);
		store_field(V, "", 0);
	} else
		for (k = 0; k < G.nnames; k++) {
			s = gw_field(rec, G.map[k], &len);
			store_field(V, s, len);
		}
	return 0;
}

static int
in_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return in_row(csvr_name(r), rec);
}

/* ---- dividing a village ------------------------------------------------- */

/*
 * Deviation of a grid from the band, in residents: weight per household
 * outside [hmin, hmax] plus every resident above rmax.
 */
static int64_t
deviation(long hh, long res)
{
	int64_t d = 0;

	if (hh < G.c.hmin)
		d += (int64_t)G.c.weight * (G.c.hmin - hh);
	if (hh > G.c.hmax)
		d += (int64_t)G.c.weight * (hh - G.c.hmax);
	if (res > G.c.rmax)
		d += res - G.c.rmax;
	return d;
}

/* Cost of a division, compared in this order. */
struct cost {
	int64_t dev;	/* total deviation: less is better */
	int64_t keep;	/* households in a grid whose code is kept: more */
	int64_t sq;	/* sum of (2 * households - hmin - hmax)^2: less */
	long ng;	/* grids: fewer */
};

static int
cost_less(const struct cost *a, const struct cost *b)
{
	if (a->dev != b->dev)
		return a->dev < b->dev;
	if (a->keep != b->keep)
		return a->keep > b->keep;
	if (a->sq != b->sq)
		return a->sq < b->sq;
	return a->ng < b->ng;
}

static int
cmp_block(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return natcmp(strtab_str(cmpv->blocks, x), strtab_str(cmpv->blocks, y));
}

static struct vgrid *
grid_add(int seq, int ded, int status)
{
	struct vgrid *g;

	if (S.ng == S.capg) {
		S.capg = S.capg ? S.capg * 2 : 16;
		S.grids = xreallocarray(S.grids, S.capg, sizeof *S.grids);
		memset(S.grids + S.ng, 0, (S.capg - S.ng) * sizeof *S.grids);
	}
	g = &S.grids[S.ng++];
	g->seq = seq;
	g->ded = ded;
	g->status = status;
	g->hh = g->res = 0;
	g->pg = g->unit = -1;
	sbuf_reset(&g->blocks);
	sbuf_reset(&g->note);
	return g;
}

/* Next free sequence of village pv (or from 0), dying when none is left:
   codes are never reused, so an exhausted range needs a person. */
static int
next_seq(const char *vil, int *max, int ded)
{
	if (*max >= (ded ? 999 : 899))
		die("village %s: no %s grid sequence left (%s issued)", vil,
		    ded ? "dedicated" : "base", ded ? "999" : "899");
	return ++*max;
}

/* Previous grid of a block name of village vil, or -1. */
static long
prev_of_block(const char *vil, const char *b, size_t len, int sep, int ded)
{
	uint64_t v;
	struct pgrid *g;

	if (!u64map_get(G.pblk, key2(vil, b, len, sep), &v) || v == AMBIG)
		return -1;
	g = &G.pg[v];
	if (g->retired || g->ded != ded || g->vil != (size_t)strtab_find(G.pvil,
	    vil, 12))
		return -1;
	return (long)v;
}

/*
 * The dynamic programme over the blocks in natural order: best[i] is the
 * least cost of dividing the first i blocks, from[i] where its last run
 * starts.  A run reaches back while the households after its first block
 * are at most reach x hmax, which bounds the work per village at
 * O(B x blocks in such a run).  Leaves the runs in S.grids, numbered
 * later by number_runs(); returns the least deviation.
 */
static int64_t
dp_divide(size_t B, int single)
{
	struct cost *best, c;
	size_t *from, i, j, k, p;
	long *match, m, cur;
	int64_t hh, res, d, lim = (int64_t)G.c.reach * G.c.hmax;
	struct vgrid *g;
	int have;

	best = xreallocarray(NULL, B + 1, sizeof *best);
	from = xreallocarray(NULL, B + 1, sizeof *from);
	match = xreallocarray(NULL, B + 1, sizeof *match);
	memset(&best[0], 0, sizeof best[0]);
	for (i = 1; i <= B; i++) {
		hh = res = 0;
		have = 0;
		cur = S.pb[i - 1];
		for (j = i; j-- > 0;) {
			hh += S.bh[S.order[j]];
			res += S.br[S.order[j]];
			if (S.pb[j] != cur)
				cur = -1;
			if (single && j > 0)
				continue;
			m = cur >= 0 && G.pg[cur].nblk == (long)(i - j) ?
			    cur : -1;
			/* a rural village under the split is one grid, and
			   one grid has no band to miss */
			d = single ? 0 : deviation(hh, res);
			c.dev = best[j].dev + d;
			c.keep = best[j].keep + (m >= 0 ? hh : 0);
			c.sq = best[j].sq + (2 * hh - G.c.hmin - G.c.hmax) *
			    (2 * hh - G.c.hmin - G.c.hmax);
			c.ng = best[j].ng + 1;
			if (!have || cost_less(&c, &best[i])) {
				have = 1;
				best[i] = c;
				from[i] = j;
				match[i] = m;
			}
			if (!single && hh - S.bh[S.order[j]] > lim)
				break;
		}
	}
	d = best[B].dev;

	/* the runs, back to front, then numbered front to back */
	k = 0;
	for (i = B; i > 0; i = from[i])
		k++;
	S.ng = 0;
	for (i = 0; i < k; i++)
		grid_add(0, 0, G.have_prev ? ST_NEW : ST_NONE);
	for (i = B, p = k; i > 0; i = from[i]) {
		g = &S.grids[--p];
		g->pg = match[i];
		for (j = from[i]; j < i; j++)
			S.gb[S.order[j]] = p;
	}
	free(best);
	free(from);
	free(match);
	return d;
}

/* Codes for the runs of dp_divide(): a run made of exactly the blocks of
   a previous grid keeps its code, the others take new sequences. */
static void
number_runs(const char *vil, int *maxb)
{
	struct vgrid *g;
	size_t p;

	for (p = 0; p < S.ng; p++) {
		g = &S.grids[p];
		if (g->pg >= 0) {
			g->seq = G.pg[g->pg].seq;
			g->status = ST_KEPT;
			G.pg[g->pg].used = 1;
		} else
			g->seq = next_seq(vil, maxb, 0);
	}
}

/*
 * 1 when the previous division of V can stand: every household was in a
 * live base grid of V, no block is split between grids, every grid still
 * has households, and the grids deviate from the band no more than the
 * best division does (a rural village under the split: one grid).
 */
static int
try_keep(struct village *V, size_t B, long pv, int single, int64_t mindev)
{
	long *bpg, pgi, n = 0;
	size_t i;
	int64_t dev = 0;
	int ok = 1;

	bpg = xreallocarray(NULL, B ? B : 1, sizeof *bpg);
	for (i = 0; i < B; i++)
		bpg[i] = -2;
	for (i = 0; i < V->nh && ok; i++) {
		pgi = V->h[i].pg;
		if (pgi < 0)
			ok = 0;
		else if (bpg[V->h[i].blk] == -2)
			bpg[V->h[i].blk] = pgi;
		else if (bpg[V->h[i].blk] != pgi)
			ok = 0;
	}
	free(bpg);
	if (!ok)
		return 0;
	/* recount each previous grid over today's households */
	for (pgi = G.pvfirst[pv]; pgi >= 0; pgi = G.pg[pgi].nextv) {
		struct pgrid *g = &G.pg[pgi];
		long hh = 0, res = 0;

		if (g->ded || g->retired || !g->inassign)
			continue;
		for (i = 0; i < V->nh; i++)
			if (V->h[i].pg == pgi) {
				hh++;
				res += V->h[i].persons;
			}
		if (hh == 0)
			return 0;
		n++;
		dev += deviation(hh, res);
	}
	if (single)
		return n == 1;
	return dev <= mindev;
}

/* The previous grids of V become the grids, in code order. */
static void
keep_previous(struct village *V, long pv)
{
	long pgi;
	size_t i, k;
	struct vgrid *g;

	(void)V;
	S.ng = 0;
	for (pgi = G.pvfirst[pv]; pgi >= 0; pgi = G.pg[pgi].nextv) {
		if (G.pg[pgi].ded || G.pg[pgi].retired || !G.pg[pgi].inassign)
			continue;
		g = grid_add(G.pg[pgi].seq, 0, ST_KEPT);
		g->pg = pgi;
		G.pg[pgi].used = 1;
	}
	for (i = 0; i < V->nh; i++)
		for (k = 0; k < S.ng; k++)
			if (S.grids[k].pg == V->h[i].pg) {
				S.gb[V->h[i].blk] = k;
				break;
			}
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct unit *x = &G.units[*(const long *)a];
	const struct unit *y = &G.units[*(const long *)b];

	return natcmp(x->id, y->id);
}

/* Dedicated grids of the units of village vil. */
static void
dedicated(const char *vil, int *maxd)
{
	long ui, *list = NULL, pgi;
	size_t n = 0, i;
	struct vgrid *g;
	struct unit *u;

	if (!G.uvil || (ui = strtab_find(G.uvil, vil, 12)) < 0)
		return;
	for (ui = G.uvfirst[ui]; ui >= 0; ui = G.units[ui].nextv) {
		list = xreallocarray(list, n + 1, sizeof *list);
		list[n++] = ui;
	}
	if (n > 1)
		qsort(list, n, sizeof *list, cmp_unit);
	for (i = 0; i < n; i++) {
		u = &G.units[list[i]];
		pgi = G.have_prev ? prev_of_block(vil, u->id, strlen(u->id),
		    0x1e, 1) : -1;
		if (pgi >= 0 && G.pg[pgi].nblk == 1) {
			g = grid_add(G.pg[pgi].seq, 1, ST_KEPT);
			g->pg = pgi;
			G.pg[pgi].used = 1;
		} else
			g = grid_add(next_seq(vil, maxd, 1), 1,
			    G.have_prev ? ST_NEW : ST_NONE);
		g->unit = list[i];
		g->res = u->people;
		sbuf_adds(&g->blocks, u->id);
	}
	free(list);
}

/* Joins the ';'-separated names of s in natural order into out. */
static void
sorted_blocks(struct sbuf *out, const char *s)
{
	char *copy = xstrdup(s), *p, **v = NULL;
	size_t n = 0, i;

	for (p = copy; p; ) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = p;
		if ((p = strchr(p, ';')))
			*p++ = '\0';
	}
	for (i = 1; i < n; i++) {
		char *t = v[i];
		size_t j = i;

		for (; j > 0 && natcmp(v[j - 1], t) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	for (i = 0; i < n; i++) {
		if (i)
			sbuf_addc(out, ';');
		sbuf_adds(out, v[i]);
	}
	free(v);
	free(copy);
}

/* Grids of the previous division of V not issued again: retired. */
static void
retire(long pv)
{
	long pgi;
	struct pgrid *p;
	struct vgrid *g;

	for (pgi = G.pvfirst[pv]; pgi >= 0; pgi = G.pg[pgi].nextv) {
		p = &G.pg[pgi];
		if (p->used)
			continue;
		g = grid_add(p->seq, p->ded, ST_RETIRED);
		g->pg = pgi;
		g->hh = p->hh;
		g->res = p->res;
		if (p->bl.len)
			sorted_blocks(&g->blocks, p->bl.s);
	}
}

static void
note_add(struct vgrid *g, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (g->note.len)
		sbuf_adds(&g->note, "; ");
	sbuf_adds(&g->note, buf);
}

/* What a base grid breaks, in its note (and on stderr). */
static void
notes(struct village *V, struct vgrid *g, size_t bigblk, long bigh,
    int single)
{
	if (V->kind == KIND_UNKNOWN)
		note_add(g, "kind of village unknown: divided as urban");
	if (single)
		return;
	if (bigh > G.c.hmax)
		note_add(g, "block '%s' alone has %ld households, above %ld "
		    "(a block is never split)", strtab_str(V->blocks, bigblk),
		    bigh, G.c.hmax);
	else if (g->hh > G.c.hmax)
		note_add(g, "%ld households, above %ld (no division into whole "
		    "blocks fits the band)", g->hh, G.c.hmax);
	if (g->hh < G.c.hmin)
		note_add(g, "%ld households, below %ld (no division into whole "
		    "blocks fits the band)", g->hh, G.c.hmin);
	if (g->res > G.c.rmax)
		note_add(g, "%ld residents, above %ld", g->res, G.c.rmax);
}

static int
cmp_micro(const void *a, const void *b)
{
	const struct vh *x = &cmpv->h[*(const size_t *)a];
	const struct vh *y = &cmpv->h[*(const size_t *)b];
	int c;

	if (x->blk != y->blk)
		return S.rank[x->blk] < S.rank[y->blk] ? -1 : 1;
	if (G.c_addr >= 0 &&
	    (c = natcmp(hfield(cmpv, x, G.c_addr), hfield(cmpv, y, G.c_addr))))
		return c;
	if ((c = natcmp(hfield(cmpv, x, G.c_id), hfield(cmpv, y, G.c_id))))
		return c;
	return x->f < y->f ? -1 : x->f > y->f;
}

/*
 * Micro-grids: the households of each base grid in block, address and
 * household order, cut into k = ceil(N / mmax) runs whose sizes differ by
 * at most one (the first N mod k one larger).  Every run is in
 * [mmin, mmax] whenever some k allows it; N < mmin gives one short run,
 * and N = 11 with the default 6-10 gives 6 + 5 (no cut of 11 fits).
 */
static void
micro(struct village *V)
{
	size_t *cnt, *start, i, g, n, k, q, r, pos, m;

	cnt = xcalloc(S.ng + 1, sizeof *cnt);
	start = xcalloc(S.ng + 1, sizeof *start);
	for (i = 0; i < V->nh; i++)
		cnt[V->h[i].grid]++;
	for (g = 1; g <= S.ng; g++)
		start[g] = start[g - 1] + cnt[g - 1];
	if (V->nh > S.caphord) {
		S.caphord = V->nh;
		S.hord = xreallocarray(S.hord, S.caphord, sizeof *S.hord);
	}
	memset(cnt, 0, (S.ng + 1) * sizeof *cnt);
	for (i = 0; i < V->nh; i++) {
		g = V->h[i].grid;
		S.hord[start[g] + cnt[g]++] = i;
	}
	cmpv = V;
	for (g = 0; g < S.ng; g++) {
		n = cnt[g];
		if (n == 0)
			continue;
		qsort(S.hord + start[g], n, sizeof *S.hord, cmp_micro);
		k = (n + (size_t)G.c.mmax - 1) / (size_t)G.c.mmax;
		if (k > 999)
			k = 999;
		q = n / k;
		r = n % k;
		pos = 0;
		for (m = 0; m < k; m++) {
			size_t sz = q + (m < r), t;

			for (t = 0; t < sz; t++)
				V->h[S.hord[start[g] + pos++]].micro =
				    (int)m + 1;
		}
	}
	free(cnt);
	free(start);
}

static void
write_rows(struct village *V)
{
	char code[16], mcode[19];
	size_t i, k;
	struct vh *h;
	struct vgrid *g;

	for (i = 0; i < V->nh; i++) {
		h = &V->h[i];
		g = &S.grids[h->grid];
		snprintf(code, sizeof code, "%s%03d", V->code, g->seq);
		if (G.micro)
			snprintf(mcode, sizeof mcode, "%s%03d", code, h->micro);
		for (k = 0; k < G.nnames; k++) {
			if ((int)k == G.c_grid)
				csvw_field(G.out, code, 15);
			else if ((int)k == G.c_micro)
				csvw_field(G.out, G.micro ? mcode : "",
				    G.micro ? 18 : 0);
			else if (G.persons_mode && (int)k == G.c_pers)
				csvw_fieldf(G.out, "%ld", h->persons);
			else
				csvw_field(G.out, hfield(V, h, (int)k),
				    (size_t)-1);
		}
		if (G.c_grid < 0)
			csvw_field(G.out, code, 15);
		if (G.micro && G.c_micro < 0)
			csvw_field(G.out, mcode, 18);
		csvw_endrec(G.out);
	}
	G.nplaced += (long)V->nh;
	if (csvw_error(G.out))
		die("write error: stdout: %s", strerror(csvw_error(G.out)));
}

static void
write_grids(const char *vil)
{
	size_t i;
	struct vgrid *g;

	if (!G.gout)
		return;
	for (i = 0; i < S.ng; i++) {
		g = &S.grids[i];
		csvw_fieldf(G.gout, "%s%03d", vil, g->seq);
		csvw_field(G.gout, vil, 12);
		csvw_field(G.gout, g->ded ? "dedicated" : "base", (size_t)-1);
		csvw_fieldf(G.gout, "%ld", g->hh);
		csvw_fieldf(G.gout, "%ld", g->res);
		csvw_field(G.gout, g->blocks.s ? g->blocks.s : "",
		    g->blocks.len);
		csvw_field(G.gout, g->note.s ? g->note.s : "", g->note.len);
		if (G.have_prev)
			csvw_field(G.gout, status_name[g->status], (size_t)-1);
		csvw_endrec(G.gout);
	}
}

static int
cmp_grid(const void *a, const void *b)
{
	const struct vgrid *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
scratch(size_t B)
{
	if (B + 1 <= S.capb)
		return;
	S.capb = 2 * (B + 1);
	S.order = xreallocarray(S.order, S.capb, sizeof *S.order);
	S.rank = xreallocarray(S.rank, S.capb, sizeof *S.rank);
	S.bh = xreallocarray(S.bh, S.capb, sizeof *S.bh);
	S.br = xreallocarray(S.br, S.capb, sizeof *S.br);
	S.pb = xreallocarray(S.pb, S.capb, sizeof *S.pb);
	S.gb = xreallocarray(S.gb, S.capb, sizeof *S.gb);
}

/*
 * Divides V (or keeps its previous division), writes its households to
 * stdout and its grids to -G.  A village with no households (only units)
 * gets its dedicated grids.
 */
static void
divide(struct village *V)
{
	size_t B = strtab_count(V->blocks), i, b, *big;
	long pv = -1, total = 0, *bigh;
	int64_t mindev;
	int single, maxb = 0, maxd = 900;
	uint64_t v;
	struct vgrid *g;
	size_t *newpos;

	scratch(B);
	for (b = 0; b < B; b++) {
		S.order[b] = b;
		S.bh[b] = S.br[b] = 0;
	}
	for (i = 0; i < V->nh; i++) {
		S.bh[V->h[i].blk]++;
		S.br[V->h[i].blk] += V->h[i].persons;
		total++;
	}
	cmpv = V;
	if (B > 1)
		qsort(S.order, B, sizeof *S.order, cmp_block);
	for (i = 0; i < B; i++)
		S.rank[S.order[i]] = i;
	if (G.have_prev && (pv = strtab_find(G.pvil, V->code, 12)) >= 0) {
		maxb = G.pvmaxb[pv];
		maxd = G.pvmaxd[pv];
	}
	for (i = 0; i < B; i++) {
		S.pb[i] = -1;
		if (pv >= 0)
			S.pb[i] = prev_of_block(V->code,
			    strtab_str(V->blocks, S.order[i]),
			    strtab_len(V->blocks, S.order[i]), 0x1f, 0);
	}
	if (pv >= 0)
		for (i = 0; i < V->nh; i++) {
			const char *id = hfield(V, &V->h[i], G.c_id);

			V->h[i].pg = -1;
			if (u64map_get(G.phh, key2(V->code, id, strlen(id),
			    0x1f), &v) && !G.pg[v].ded && !G.pg[v].retired &&
			    G.pg[v].vil == (size_t)pv)
				V->h[i].pg = (long)v;
		}
	single = V->kind == KIND_RURAL && total <= G.c.rural;

	S.ng = 0;
	if (B > 0) {
		mindev = dp_divide(B, single);
		if (pv >= 0 && try_keep(V, B, pv, single, mindev))
			keep_previous(V, pv);
		else
			number_runs(V->code, &maxb);
	}
	for (i = 0; i < S.ng; i++)
		S.grids[i].hh = S.grids[i].res = 0;
	dedicated(V->code, &maxd);
	if (pv >= 0)
		retire(pv);

	/* grids in code order; households follow their blocks */
	newpos = xreallocarray(NULL, S.ng + 1, sizeof *newpos);
	for (i = 0; i < S.ng; i++)
		S.grids[i].hh = -1 - (long)i;	/* remember the old place */
	if (S.ng > 1)
		qsort(S.grids, S.ng, sizeof *S.grids, cmp_grid);
	for (i = 0; i < S.ng; i++) {
		g = &S.grids[i];
		if (g->status != ST_RETIRED && !g->ded) {
			newpos[-1 - g->hh] = i;
			g->hh = 0;
		} else if (g->status == ST_RETIRED)
			g->hh = G.pg[g->pg].hh;
		else
			g->hh = 0;
	}
	for (b = 0; b < B; b++)
		S.gb[b] = newpos[S.gb[b]];
	free(newpos);

	big = xcalloc(S.ng + 1, sizeof *big);
	bigh = xcalloc(S.ng + 1, sizeof *bigh);
	for (i = 0; i < V->nh; i++) {
		g = &S.grids[V->h[i].grid = S.gb[V->h[i].blk]];
		g->hh++;
		g->res += V->h[i].persons;
	}
	for (i = 0; i < B; i++) {
		b = S.order[i];
		g = &S.grids[S.gb[b]];
		if (g->blocks.len)
			sbuf_addc(&g->blocks, ';');
		sbuf_add(&g->blocks, strtab_str(V->blocks, b),
		    strtab_len(V->blocks, b));
		if (S.bh[b] > bigh[S.gb[b]]) {
			bigh[S.gb[b]] = S.bh[b];
			big[S.gb[b]] = b;
		}
	}
	for (i = 0; i < S.ng; i++) {
		g = &S.grids[i];
		if (g->ded || g->status == ST_RETIRED)
			continue;
		notes(V, g, big[i], bigh[i] == g->hh ? bigh[i] : 0, single);
		if (g->note.len)
			warn("village %s: grid %s%03d: %s", V->code, V->code,
			    g->seq, g->note.s);
	}
	free(big);
	free(bigh);
	if (G.micro)
		micro(V);
	write_rows(V);
	write_grids(V->code);
}

/* ---- checking a division ------------------------------------------------ */

/*
 * Household ids seen by --check: 64-bit fingerprint and where it was
 * first seen, in one open-addressed array of 16-byte slots, so a lookup
 * costs one cache miss at 10 million households (a fingerprint may
 * collide, with chance about n * n / 2^65 over n ids).
 */
struct seen {
	uint64_t fp;		/* fingerprint, never 0; 0 marks an empty slot */
	uint64_t at;		/* input index << 40 | line */
};
static struct seen *seen;
static size_t seencap, seenlen;

/*
 * The table's memory: large ones straight from mmap (zeroed) on 2 MB
 * boundaries and advised into huge pages, which spares the page walk of
 * nearly every lookup in a table of hundreds of megabytes.
 */
#define HUGE_PAGE ((size_t)2 << 20)

static struct seen *
seen_alloc(size_t cap)
{
	size_t n = cap * sizeof(struct seen);
	char *p;
	uintptr_t a;

	if (n < HUGE_PAGE)
		return xcalloc(cap, sizeof(struct seen));
	p = mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("out of memory");
	a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
	madvise((void *)a, n, MADV_HUGEPAGE);
#endif
	/* the unused head and tail go back at once */
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	if ((uintptr_t)p + n + HUGE_PAGE > a + n)
		munmap((void *)(a + n), (uintptr_t)p + n + HUGE_PAGE - (a + n));
	return (struct seen *)a;
}

static void
seen_free(struct seen *t, size_t cap)
{
	if (!t)
		return;
	if (cap * sizeof(struct seen) < HUGE_PAGE)
		free(t);
	else
		munmap(t, cap * sizeof(struct seen));
}

static void
seen_grow(size_t want)
{
	struct seen *old = seen;
	size_t oldcap = seencap, i, j, cap = 1024;

	while (cap / 4 * 3 < want + want / 8)
		cap *= 2;
	seen = seen_alloc(cap);
	seencap = cap;
	for (i = 0; i < oldcap; i++) {
		if (!old[i].fp)
			continue;
		for (j = old[i].fp & (cap - 1); seen[j].fp; j = (j + 1) & (cap - 1))
			;
		seen[j] = old[i];
	}
	seen_free(old, oldcap);
}

/* 1 when new (recorded at at), else 0 with *first where it was seen. */
static int
seen_add(const char *s, size_t n, uint64_t at, uint64_t *first)
{
	uint64_t fp = hash_bytes(s, n);
	size_t i;

	fp ^= fp >> 29;		/* FNV's low bits are weak: fold high into low */
	fp *= 0xbf58476d1ce4e5b9ULL;
	fp ^= fp >> 32;
	if (fp == 0)
		fp = 1;
	/* at most three quarters full: probes stay short with a good mix */
	if ((seenlen + 1) * 4 > seencap * 3)
		seen_grow(2 * (seenlen + 1));
	for (i = fp & (seencap - 1); seen[i].fp; i = (i + 1) & (seencap - 1))
		if (seen[i].fp == fp) {
			*first = seen[i].at;
			return 0;
		}
	seen[i].fp = fp;
	seen[i].at = at;
	seenlen++;
	return 1;
}

/* A grid seen by --check. */
struct cgrid {
	char code[16];
	long hh, res;
	size_t vil;		/* village of its first household (C.vils) */
	int multi;		/* 1: households of more than one village */
	struct sbuf vils;	/* ';'-joined villages when multi */
};

/* A block seen by --check. */
struct cblock {
	size_t grid;		/* grid of its first household */
	int split;		/* 1: in more than one grid */
	char *hid;		/* first household found in another grid */
	struct sbuf grids;	/* ';'-joined grids */
};

static struct {
	strtab *codes;		/* grid codes */
	struct cgrid *g;
	size_t capg;
	strtab *blocks;		/* village 0x1f block */
	struct cblock *b;
	size_t capb;
	strtab *vils;		/* village codes */
	u64map *pairs;		/* hash(block, grid) and hash(grid, village)
				   pairs seen */
	int c_id, c_vil, c_blk, c_grid, c_pers;
	long nproblems;
	const char *fname;
	char **names;		/* input names, for duplicate_household */
	size_t nfiles;
} C;

static void
problem(const char *what, const char *grid, const char *hid,
    const char *blk, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	csvw_field(G.out, what, (size_t)-1);
	csvw_field(G.out, grid, (size_t)-1);
	csvw_field(G.out, hid, (size_t)-1);
	csvw_field(G.out, blk, (size_t)-1);
	csvw_field(G.out, buf, (size_t)-1);
	csvw_endrec(G.out);
	C.nproblems++;
}

static int
chk_hdr(csvr *r, void *arg)
{
	(void)arg;
	C.fname = csvr_name(r);
	C.names = xreallocarray(C.names, C.nfiles + 1, sizeof *C.names);
	C.names[C.nfiles++] = xstrdup(C.fname);
	if (csvr_ncols(r) == 0)
		return 0;
	C.c_id = csvr_col(r, "household_id");
	C.c_vil = csvr_col(r, "village_code");
	C.c_blk = csvr_col(r, "block");
	C.c_grid = csvr_col(r, "grid_code");
	C.c_pers = csvr_col(r, "persons");
	if (C.c_id < 0 || C.c_vil < 0 || C.c_grid < 0) {
		warn("%s: an assignment needs columns household_id, "
		    "village_code, grid_code (block and persons are checked "
		    "when present)", C.fname);
		return -1;
	}
	return 0;
}

static int
chk_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	char vil[64], code[64], hidb[256];
	const char *id, *s, *why, *blk, *name = csvr_name(r);
	size_t idlen, len, blen, gi, bi, vi;
	long n, persons = 0;
	uint64_t line;
	struct cgrid *g;
	struct cblock *b;
	int isnew;

	(void)arg;
	id = trimmed(gw_field(rec, C.c_id, &idlen), &idlen);
	if (idlen == 0) {
		gw_reject(&G.run, name, rec->line, "household_id", rec,
		    "empty");
		return 1;
	}
	s = gw_field(rec, C.c_vil, &len);
	if ((n = clean_code(s, len, vil, sizeof vil)) < 0 ||
	    code_check(vil, (size_t)n, LVL_VILLAGE, &why) < 0) {
		gw_reject(&G.run, name, rec->line, "village_code", rec, "%s",
		    n < 0 ? "not a village code" : why);
		return 1;
	}
	if (G.reg && region_find(vil) < 0) {
		gw_reject(&G.run, name, rec->line, "village_code", rec,
		    "unknown village '%s'", vil);
		return 1;
	}
	if (C.c_pers >= 0 && (persons = count_field(rec, C.c_pers)) < 0) {
		gw_reject(&G.run, name, rec->line, "persons", rec,
		    "not a number of persons");
		return 1;
	}
	snprintf(hidb, sizeof hidb, "%.*s", (int)idlen, id);
	blk = trimmed(gw_field(rec, C.c_blk, &blen), &blen);
	s = gw_field(rec, C.c_grid, &len);
	n = clean_code(s, len, code, sizeof code);
	if (!seen_add(id, idlen, (uint64_t)(C.nfiles - 1) << 40 |
	    (uint64_t)rec->line, &line)) {
		problem("duplicate_household", n > 0 ? code : "", hidb, blk,
		    "household also at %s:%ld", C.names[line >> 40],
		    (long)(line & (((uint64_t)1 << 40) - 1)));
		return 0;
	}
	if (n == 0) {
		problem("unassigned", "", hidb, "", "no grid_code");
		return 0;
	}
	if (n < 0 || code_check(code, (size_t)n, LVL_GRID, &why) < 0) {
		problem("bad_code", n < 0 ? "" : code, hidb, "", "%s",
		    n < 0 ? "not a grid code" : why);
		return 0;
	}
	if (memcmp(code, vil, 12) != 0)
		problem("foreign_code", code, hidb, "",
		    "grid of village %.12s, household of village %s", code,
		    vil);

	gi = strtab_add(C.codes, code, 15, &isnew);
	vi = strtab_add(C.vils, vil, 12, NULL);
	if (isnew) {
		if (gi >= C.capg) {
			C.capg = 2 * gi + 64;
			C.g = xreallocarray(C.g, C.capg, sizeof *C.g);
		}
		g = &C.g[gi];
		memset(g, 0, sizeof *g);
		memcpy(g->code, code, 16);
		g->vil = vi;
	}
	g = &C.g[gi];
	g->hh++;
	g->res += persons;
	if (g->vil != vi && u64map_add(C.pairs, key2(code, vil, 12, 0x1d),
	    1, NULL)) {
		if (!g->multi)
			sbuf_adds(&g->vils, strtab_str(C.vils, g->vil));
		g->multi = 1;
		sbuf_addc(&g->vils, ';');
		sbuf_adds(&g->vils, vil);
	}

	if (C.c_blk < 0)
		return 0;
	{
		struct sbuf k = { 0 };

		sbuf_adds(&k, vil);
		sbuf_addc(&k, 0x1f);
		sbuf_add(&k, blk, blen);
		bi = strtab_add(C.blocks, k.s, k.len, &isnew);
		sbuf_free(&k);
	}
	if (isnew) {
		if (bi >= C.capb) {
			C.capb = 2 * bi + 64;
			C.b = xreallocarray(C.b, C.capb, sizeof *C.b);
		}
		b = &C.b[bi];
		memset(b, 0, sizeof *b);
		b->grid = gi;
		return 0;
	}
	b = &C.b[bi];
	if (b->grid != gi && u64map_add(C.pairs, key2(code,
	    strtab_str(C.blocks, bi), strtab_len(C.blocks, bi), 0x1e), 1,
	    NULL)) {
		if (!b->split) {
			b->hid = xstrdup(hidb);
			sbuf_adds(&b->grids, C.g[b->grid].code);
		}
		b->split = 1;
		sbuf_addc(&b->grids, ';');
		sbuf_adds(&b->grids, code);
	}
	return 0;
}

static int
cmp_cgrid(const void *a, const void *b)
{
	return strcmp(C.g[*(const size_t *)a].code, C.g[*(const size_t *)b].code);
}

static int
check(int argc, char **argv)
{
	static const char *const hdr[] = { "problem", "grid_code",
	    "household_id", "block", "detail" };
	struct csvr_opt ro = gw_inopt(&G.o);
	size_t i, n, *ord, vi;
	strtab *vgrids;		/* village -> count of base grids */
	long *nbase = NULL;
	struct cgrid *g;
	const char *s;
	char vil[13];
	int kind, isnew, single;
	size_t capn = 0, hint = 0;
	struct stat st;

	/* an assignment row is some 60 bytes: size the id table from the
	   inputs once rather than grow it a dozen times */
	for (i = 0; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0)
			hint += (size_t)st.st_size / 56;
	seen_grow(hint < ((size_t)1 << 28) ? hint : (size_t)1 << 28);
	C.codes = strtab_new();
	C.blocks = strtab_new();
	C.vils = strtab_new();
	C.pairs = u64map_new(0);
	csvw_header(G.out, hdr, 5);
	if (gw_loop(&G.run, argc, argv, &ro, chk_hdr, chk_rec, NULL) < 0)
		return GW_FATAL;

	/* blocks split between grids, in order of first appearance */
	for (i = 0; i < strtab_count(C.blocks); i++) {
		if (!C.b[i].split)
			continue;
		s = strtab_str(C.blocks, i);
		problem("split_block", C.g[C.b[i].grid].code, C.b[i].hid,
		    s + 13, "block of village %.12s in grids %s", s,
		    C.b[i].grids.s);
		free(C.b[i].hid);
		sbuf_free(&C.b[i].grids);
	}

	/* grids, in code order */
	n = strtab_count(C.codes);
	ord = xreallocarray(NULL, n + 1, sizeof *ord);
	vgrids = strtab_new();
	for (i = 0; i < n; i++) {
		ord[i] = i;
		if (grid_is_dedicated(C.g[i].code))
			continue;
		vi = strtab_add(vgrids, C.g[i].code, 12, &isnew);
		if (isnew) {
			if (vi >= capn) {
				capn = 2 * vi + 64;
				nbase = xreallocarray(nbase, capn,
				    sizeof *nbase);
			}
			nbase[vi] = 0;
		}
		nbase[vi]++;
	}
	qsort(ord, n, sizeof *ord, cmp_cgrid);
	for (i = 0; i < n; i++) {
		g = &C.g[ord[i]];
		if (g->multi)
			problem("duplicate_code", g->code, "", "",
			    "used for villages %s", g->vils.s);
		sbuf_free(&g->vils);
		if (grid_is_dedicated(g->code))
			continue;
		memcpy(vil, g->code, 12);
		vil[12] = '\0';
		kind = KIND_URBAN;
		if (G.reg && region_find(vil) >= 0)
			kind = G.regkind[region_find(vil)];
		single = kind == KIND_RURAL &&
		    nbase[strtab_find(vgrids, vil, 12)] == 1;
		if (single) {
			if (g->hh > G.c.rural)
				problem("oversize", g->code, "", "",
				    "%ld households, above %ld (rural village "
				    "in one grid)", g->hh, G.c.rural);
			continue;
		}
		if (g->hh < G.c.hmin)
			problem("undersize", g->code, "", "",
			    "%ld households, below %ld", g->hh, G.c.hmin);
		if (g->hh > G.c.hmax)
			problem("oversize", g->code, "", "",
			    "%ld households, above %ld", g->hh, G.c.hmax);
		if (C.c_pers >= 0 && g->res > G.c.rmax)
			problem("over_residents", g->code, "", "",
			    "%ld residents, above %ld", g->res, G.c.rmax);
	}
	for (i = 0; i < C.nfiles; i++)
		free(C.names[i]);
	free(C.names);
	free(ord);
	free(nbase);
	strtab_free(vgrids);
	free(C.g);
	free(C.b);
	strtab_free(C.codes);
	strtab_free(C.blocks);
	strtab_free(C.vils);
	seen_free(seen, seencap);
	u64map_free(C.pairs);
	return C.nproblems ? GW_REJECTS : GW_OK;
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

	if (!(db = store_open(G.o.store, STORE_RDONLY, &why)))
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
	G.reg = strtab_new();
	rc_code = 0, rc_name = 1, rc_kind = 2, rc_ur = -1;
	store_rows(&G.aux, "regions",
	    "SELECT rowid, code, name, kind FROM regions ORDER BY rowid",
	    reg_row);
}

static void
store_units(void)
{
	G.uid = strtab_new();
	G.uvil = strtab_new();
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
	G.have_layout = 1;
	G.persons_mode = !hh;
	G.nnames = 5;
	G.names = xreallocarray(NULL, 5, sizeof *G.names);
	G.map = xreallocarray(NULL, 5, sizeof *G.map);
	for (i = 0; i < 5; i++) {
		G.names[i] = xstrdup(hn[i]);
		G.map[i] = i;
	}
	G.c_id = G.p_id = 0;
	G.c_vil = G.p_vil = 1;
	G.c_blk = G.p_blk = 2;
	G.c_addr = G.p_addr = 3;
	G.c_pers = 4;
	G.c_grid = G.c_micro = -1;
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

/* ---- output and main ---------------------------------------------------- */

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
	if (G.micro && G.c_micro < 0)
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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Villages with dedicated grids but no households, in code order. */
static void
units_only(void)
{
	char **v = NULL;
	size_t n = 0, i;
	struct village *V;

	if (!G.uvil)
		return;
	for (i = 0; i < strtab_count(G.uvil); i++)
		if (strtab_find(G.done, strtab_str(G.uvil, i), 12) < 0) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = xstrdup(strtab_str(G.uvil, i));
		}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++) {
		V = village_new(v[i]);
		divide(V);
		strtab_add(G.done, V->code, 12, NULL);
		village_free(V);
		free(v[i]);
	}
	free(v);
}

/*
 * Villages of the previous division that this run did not divide (none
 * of their households in the input, no units): their grids go to -G as
 * they were, figures, blocks and note, live ones kept and retired ones
 * retired, in village code order after the rest.  A run on part of a
 * county so never forgets a code, and a later run never reuses one.
 */
static void
carry_previous(void)
{
	char **v = NULL;
	size_t n = 0, i;
	long pv, pgi;
	struct pgrid *p;
	struct vgrid *g;

	if (!G.have_prev || !G.gout)
		return;
	for (i = 0; i < strtab_count(G.pvil); i++)
		if (strtab_find(G.done, strtab_str(G.pvil, i), 12) < 0) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = xstrdup(strtab_str(G.pvil, i));
		}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++) {
		pv = strtab_find(G.pvil, v[i], 12);
		S.ng = 0;
		for (pgi = G.pvfirst[pv]; pgi >= 0; pgi = G.pg[pgi].nextv) {
			p = &G.pg[pgi];
			g = grid_add(p->seq, p->ded, p->retired ? ST_RETIRED :
			    ST_KEPT);
			g->pg = pgi;
			g->hh = p->hh;
			g->res = p->res;
			if (p->bl.len)
				sorted_blocks(&g->blocks, p->bl.s);
			if (p->note)
				sbuf_adds(&g->note, p->note);
		}
		if (S.ng > 1)
			qsort(S.grids, S.ng, sizeof *S.grids, cmp_grid);
		write_grids(v[i]);
		free(v[i]);
	}
	free(v);
}

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
	int c, nprev = 0, checking = 0, status, st;
	size_t i;

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
			G.ungrouped = 1;
			break;
		case 'u':
			units = optarg;
			break;
		case OPT_CHECK:
			checking = 1;
			break;
		case OPT_MICRO:
			G.micro = 1;
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
	if (checking && (grids || units || nprev || G.micro || G.ungrouped)) {
		warn("--check takes none of -G, -U, -u, --micro, --previous");
		usage();
	}
	if (!checking && !G.o.regions && !G.o.store) {
		warn("dividing needs -R regions (each village's kind) or a "
		    "store (-d)");
		usage();
	}
	load_policy();
	G.run.rejects_path = G.o.rejects;
	if (G.o.store)
		open_store();
	if (G.o.regions)
		load_regions();
	else if (G.o.store)
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
		load_units(units);
	else if (G.o.store)
		store_units();
	if (nprev)
		load_previous(nprev, prev);
	free(prev);
	if (grids)
		grids_open(grids);
	G.held = strtab_new();
	G.done = strtab_new();
	if (G.ungrouped)
		G.allhid = strtab_new();
	G.cur = -1;
	ro = gw_inopt(&G.o);
	if (G.o.store)
		store_households();
	else if (gw_loop(&G.run, argc, argv, &ro, in_hdr, in_rec, NULL) < 0)
		exit(GW_FATAL);
	if (!G.have_layout) {
		static const char *const pn[] = { "household_id",
		    "village_code", "block", "address", "persons" };

		G.nnames = 5;
		G.names = xreallocarray(NULL, 5, sizeof *G.names);
		for (i = 0; i < 5; i++)
			G.names[i] = xstrdup(pn[i]);
		G.c_grid = G.c_micro = -1;
		out_header();
	}
	for (i = 0; i < G.nvs; i++) {
		if (G.vs[i]->nh > 0) {
			divide(G.vs[i]);
			strtab_add(G.done, G.vs[i]->code, 12, NULL);
		}
		village_free(G.vs[i]);
	}
	free(G.vs);
	units_only();
	carry_previous();
	store_close(db);
	grids_close();
	if (csvw_close(G.out) < 0)
		die("write error: stdout:");
	status = gw_run_end(&G.run);
	st = gw_run_end(&G.aux);
	gw_exit(status > st ? status : st);
}
