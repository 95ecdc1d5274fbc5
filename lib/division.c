/*
 * division.c — dividing villages and communities into coded grids, keeping
 * the codes of a previous division, and checking a division
 * (gridwork-rules(7), PLACES AND CODES and GRIDS; grid-code(1)).
 *
 * A village is divided by div_runs(), a dynamic programme over its blocks
 * in natural order (natcmp): grids are contiguous runs of whole blocks,
 * and the runs minimise, in this order, the total deviation from the band
 * (policy [grid]), then maximise the households left in a grid of the
 * previous division, then minimise the sum of squared distances of grid
 * sizes from the band's middle, then the number of grids.  A previous
 * division stands whole when it is no worse than that; otherwise a run
 * made of exactly a previous grid's blocks keeps its code, the others take
 * sequences above the highest ever issued, and the codes not issued again
 * are retired.  Codes are never reused.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gridwork.h"

/* A grid of the previous division. */
struct div_pgrid {
	char code[16];
	size_t vil;		/* index in pvil */
	int seq;		/* 1-899 base, 901-999 dedicated */
	int ded;		/* 1: dedicated */
	int retired;		/* 1: listed as retired in a grid table */
	int inassign;		/* 1: some household of an assignment is in it */
	long hh, res;		/* last known size */
	long nblk;		/* distinct blocks (units for a dedicated grid) */
	struct sbuf bl;		/* its block names, ';'-joined, as first seen */
	char *note;		/* a grid table's note, or NULL */
	int used;		/* 1: the code is issued again in this run */
	int mmax;		/* highest micro-grid sequence issued in it */
	long nextv;		/* next grid of the same village, or -1 */
};

/* A unit big enough for a dedicated grid. */
struct div_unit {
	char *id, *name;
	char vil[13];
	long people;
	long nextv;		/* next unit of the same village, or -1 */
};

#define AMBIG ((uint64_t)-1)
#define SEP_BLOCK 0x1f		/* village or grid, then a block name */
#define SEP_UNIT 0x1e		/* the same, a unit id */

static const char *const status_name[] = { "", "kept", "new", "retired" };

const char *
div_status_name(int status)
{
	return status_name[status];
}

/* ---- fields ------------------------------------------------------------- */

/* Copies a code field trimmed of blanks and folded from full width into
   buf (size n); returns its length, or -1 when it does not fit. */
static long
clean_code(struct div_str f, char *buf, size_t n)
{
	const char *s = f.s;
	size_t len = f.n;

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
parse_count(struct div_str f)
{
	char buf[64];
	long n, v = 0;
	long i;

	if ((n = clean_code(f, buf, sizeof buf)) <= 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > 100000000)
			return -1;
		v = v * 10 + (buf[i] - '0');
	}
	return v;
}

/* A field trimmed of surrounding blanks, as a name. */
static struct div_str
trimmed(struct div_str f)
{
	while (f.n > 0 && (*f.s == ' ' || *f.s == '\t')) {
		f.s++;
		f.n--;
	}
	while (f.n > 0 && (f.s[f.n - 1] == ' ' || f.s[f.n - 1] == '\t'))
		f.n--;
	return f;
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

static int
fail(char *why, size_t n, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return rc;
}

#define REJECT(d, c, ...) (((d)->col = (c)), \
	fail((d)->why, sizeof (d)->why, 1, __VA_ARGS__))

/* ---- the band ----------------------------------------------------------- */

static int
band_key(const policy *p, const char *key, long lo, long *v, char *why,
    size_t n)
{
	const char *w;

	if (policy_int(p, "grid", key, v, &w) < 0)
		return fail(why, n, -1, "policy %s: %s", policy_name(p), w);
	if (*v < lo)
		return fail(why, n, -1, "policy %s: [grid] %s = %ld: below %ld",
		    policy_name(p), key, *v, lo);
	return 0;
}

/* [grid] key, one of two words: no (or absent) 0, yes 1. */
static int
band_choice(const policy *p, const char *key, const char *no,
    const char *yes, int *v, char *why, size_t n)
{
	const char *w;

	if ((w = policy_get(p, "grid", key)) == NULL || strcmp(w, no) == 0)
		*v = 0;
	else if (strcmp(w, yes) == 0)
		*v = 1;
	else
		return fail(why, n, -1, "policy %s: [grid] %s = %s: not %s "
		    "or %s", policy_name(p), key, w, no, yes);
	return 0;
}

/* A key added later: absent is 0, the rule it names off, so a county's
   own profile of before divides as it did. */
static int
band_opt(const policy *p, const char *key, long *v, char *why, size_t n)
{
	*v = 0;
	if (!policy_find(p, "grid", key))
		return 0;
	return band_key(p, key, 0, v, why, n);
}

int
div_band_load(struct div_band *b, const policy *p, char *why, size_t n)
{

	memset(b, 0, sizeof *b);	/* padding too: callers compare it */
	if (band_key(p, "households_min", 1, &b->hmin, why, n) < 0 ||
	    band_key(p, "households_max", b->hmin, &b->hmax, why, n) < 0 ||
	    band_key(p, "residents_max", 1, &b->rmax, why, n) < 0 ||
	    band_key(p, "rural_split_households", 1, &b->rural, why, n) < 0 ||
	    band_key(p, "dedicated_people_min", 1, &b->dedmin, why, n) < 0 ||
	    band_key(p, "micro_households_min", 1, &b->mmin, why, n) < 0 ||
	    band_key(p, "micro_households_max", b->mmin, &b->mmax, why,
	    n) < 0 ||
	    band_key(p, "household_weight", 0, &b->weight, why, n) < 0 ||
	    band_key(p, "run_reach", 1, &b->reach, why, n) < 0 ||
	    band_opt(p, "residents_min", &b->rmin, why, n) < 0 ||
	    band_opt(p, "rural_split_residents", &b->rural_res, why, n) < 0)
		return -1;
	if (band_choice(p, "small_units", "village", "merge", &b->smerge,
	    why, n) < 0 ||
	    band_choice(p, "micro_by", "households", "street", &b->mstreet,
	    why, n) < 0)
		return -1;
	return 0;
}

int64_t
div_deviation(const struct div_band *b, long hh, long res)
{
	int64_t d = 0;

	if (div_in_band(b, hh, res) == 0) {
		if (hh < b->hmin)
			d += (int64_t)b->weight * (b->hmin - hh);
		if (hh > b->hmax)
			d += (int64_t)b->weight * (hh - b->hmax);
	}
	if (res > b->rmax)
		d += res - b->rmax;
	return d;
}

int
div_in_band(const struct div_band *b, long hh, long res)
{
	if (hh >= b->hmin && hh <= b->hmax)
		return 1;
	/* 300-500 households *or* about 1000 residents [S1 一(一)2] */
	if (b->rmin > 0 && res >= b->rmin && res <= b->rmax)
		return 2;
	return 0;
}

int
div_single(const struct div_band *b, int kind, long households)
{
	return kind == KIND_RURAL && households <= b->rural;
}

int
div_single_res(const struct div_band *b, int kind, long households,
    long residents)
{
	return div_single(b, kind, households) &&
	    (b->rural_res == 0 || residents <= b->rural_res);
}

int
div_unit_dedicated(const struct div_band *b, long people)
{
	return people >= b->dedmin;
}

/* ---- the exact division of a row of blocks ------------------------------ */

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

/*
 * best[i] is the least cost of dividing the first i blocks, from[i] where
 * its last run starts.  The reach bounds the work per village at
 * O(B x blocks in such a run).
 */
size_t
div_runs(const struct div_band *b, const struct div_block *blk, size_t nb,
    int single, struct div_run *runs, int64_t *dev)
{
	struct cost *best, c;
	size_t *from, i, j, k, p;
	long *match, m, cur;
	int64_t hh, res, d, lim = (int64_t)b->reach * b->hmax;
	int have;

	*dev = 0;
	if (nb == 0)
		return 0;
	best = xreallocarray(NULL, nb + 1, sizeof *best);
	from = xreallocarray(NULL, nb + 1, sizeof *from);
	match = xreallocarray(NULL, nb + 1, sizeof *match);
	memset(&best[0], 0, sizeof best[0]);
	for (i = 1; i <= nb; i++) {
		hh = res = 0;
		have = 0;
		cur = blk[i - 1].prev;
		for (j = i; j-- > 0;) {
			hh += blk[j].hh;
			res += blk[j].res;
			if (blk[j].prev != cur)
				cur = -1;
			if (single && j > 0)
				continue;
			m = cur >= 0 && blk[j].prevn == (long)(i - j) ? cur : -1;
			/* one grid has no band to miss */
			d = single ? 0 : div_deviation(b, (long)hh, (long)res);
			c.dev = best[j].dev + d;
			c.keep = best[j].keep + (m >= 0 ? hh : 0);
			c.sq = best[j].sq + (2 * hh - b->hmin - b->hmax) *
			    (2 * hh - b->hmin - b->hmax);
			c.ng = best[j].ng + 1;
			if (!have || cost_less(&c, &best[i])) {
				have = 1;
				best[i] = c;
				from[i] = j;
				match[i] = m;
			}
			if (!single && hh - blk[j].hh > lim)
				break;
		}
	}
	*dev = best[nb].dev;
	k = 0;
	for (i = nb; i > 0; i = from[i])
		k++;
	for (i = nb, p = k; i > 0; i = from[i]) {
		p--;
		runs[p].first = from[i];
		runs[p].n = i - from[i];
		runs[p].prev = match[i];
	}
	free(best);
	free(from);
	free(match);
	return k;
}

/* ---- the run's state ---------------------------------------------------- */

void
div_init(struct division *d)
{
	d->uid = strtab_new();
	d->uvil = strtab_new();
	d->svil = strtab_new();
	d->held = strtab_new();
	d->done = strtab_new();
	if (d->ungrouped)
		d->allhid = strtab_new();
	d->cur = -1;
}

static void
village_free(struct div_village *V)
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

void
div_free(struct division *d)
{
	size_t i;

	strtab_free(d->reg);
	free(d->regkind);
	for (i = 0; i < d->nunits; i++) {
		free(d->units[i].id);
		free(d->units[i].name);
	}
	free(d->units);
	strtab_free(d->uid);
	strtab_free(d->uvil);
	free(d->uvfirst);
	strtab_free(d->svil);
	free(d->svfirst);
	for (i = 0; i < d->npg; i++) {
		sbuf_free(&d->pg[i].bl);
		free(d->pg[i].note);
	}
	free(d->pg);
	strtab_free(d->pcode);
	strtab_free(d->pvil);
	free(d->pvfirst);
	free(d->pvmaxb);
	free(d->pvmaxd);
	u64map_free(d->phh);
	u64map_free(d->pmic);
	u64map_free(d->pmcnt);
	u64map_free(d->pblk);
	u64map_free(d->pseen);
	strtab_free(d->held);
	strtab_free(d->done);
	strtab_free(d->allhid);
	for (i = 0; i < d->nvs; i++)
		village_free(d->vs[i]);
	free(d->vs);
	free(d->allvil);
	for (i = 0; i < d->capg; i++) {
		sbuf_free(&d->grids[i].blocks);
		sbuf_free(&d->grids[i].note);
	}
	free(d->grids);
	free(d->order);
	free(d->rank);
	free(d->gb);
	free(d->bh);
	free(d->br);
	free(d->blk);
	memset(d, 0, sizeof *d);
}

/* ---- regions ------------------------------------------------------------ */

void
div_regions(struct division *d)
{
	if (!d->reg)
		d->reg = strtab_new();
}

static long
region_find(const struct division *d, const char *code)
{
	return d->reg ? strtab_find(d->reg, code, strlen(code)) : -1;
}

int
div_village_kind(const struct division *d, const char *code)
{
	long i = region_find(d, code);

	return i < 0 ? -1 : d->regkind[i];
}

int
div_region(struct division *d, struct div_str code, const char *kind,
    const char *ur, const char *name)
{
	char c[64], kbuf[64];
	long n;
	size_t i;
	int isnew;

	div_regions(d);
	/* a kind column may hold the 3-digit urban-rural code itself */
	if (clean_code((struct div_str){ kind, strlen(kind) }, kbuf,
	    sizeof kbuf) == 3)
		ur = kbuf;
	if ((n = clean_code(code, c, sizeof c)) < 0 ||
	    code_level(c, (size_t)n) < 0)
		return REJECT(d, "code", "not a division code");
	if (n != LVL_VILLAGE)
		return 0;	/* higher levels name nothing we divide */
	i = strtab_add(d->reg, c, (size_t)n, &isnew);
	if (!isnew)
		return REJECT(d, "code", "duplicate region '%s'", c);
	if (i >= d->capreg) {
		d->capreg = 2 * i + 64;
		d->regkind = xreallocarray(d->regkind, d->capreg,
		    sizeof *d->regkind);
	}
	d->regkind[i] = region_kind(kind, ur, name);
	return 0;
}

/* ---- units -------------------------------------------------------------- */

int
div_unit(struct division *d, struct div_str id, struct div_str name,
    struct div_str vil, struct div_str people)
{
	char v[64];
	const char *why;
	size_t i;
	long n, np;
	struct div_unit *u;
	int isnew, small;

	id = trimmed(id);
	if (id.n == 0)
		return REJECT(d, "unit_id", "empty");
	strtab_add(d->uid, id.s, id.n, &isnew);
	if (!isnew)
		return REJECT(d, "unit_id", "duplicate unit '%.*s'",
		    (int)id.n, id.s);
	if ((n = clean_code(vil, v, sizeof v)) < 0 ||
	    code_check(v, (size_t)n, LVL_VILLAGE, &why) < 0)
		return REJECT(d, "village_code", "%s",
		    n < 0 ? "too long" : why);
	if (region_find(d, v) < 0)
		return REJECT(d, "village_code", "unknown village '%s'", v);
	if ((np = parse_count(people)) < 0)
		return REJECT(d, "people", "not a number of people");
	small = !div_unit_dedicated(&d->band, np);
	if (d->nunits == d->capunits) {
		d->capunits = d->capunits ? d->capunits * 2 : 16;
		d->units = xreallocarray(d->units, d->capunits,
		    sizeof *d->units);
	}
	u = &d->units[d->nunits];
	u->id = xstrndup(id.s, id.n);
	u->name = xstrndup(name.s, name.n);
	memcpy(u->vil, v, 13);
	u->people = np;
	if (small) {
		/* stays in a base grid of its village, and the grid says so
		   (004 就近划入) */
		i = strtab_add(d->svil, v, 12, &isnew);
		if (isnew) {
			if (i >= d->capsv) {
				d->capsv = 2 * i + 16;
				d->svfirst = xreallocarray(d->svfirst,
				    d->capsv, sizeof *d->svfirst);
			}
			d->svfirst[i] = -1;
		}
		u->nextv = d->svfirst[i];
		d->svfirst[i] = (long)d->nunits++;
		return 0;
	}
	i = strtab_add(d->uvil, v, 12, &isnew);
	if (isnew) {
		if (i >= d->capuv) {
			d->capuv = 2 * i + 16;
			d->uvfirst = xreallocarray(d->uvfirst, d->capuv,
			    sizeof *d->uvfirst);
		}
		d->uvfirst[i] = -1;
	}
	u->nextv = d->uvfirst[i];
	d->uvfirst[i] = (long)d->nunits++;
	return 0;
}

/* ---- the previous division ---------------------------------------------- */

void
div_prev_begin(struct division *d)
{
	d->pcode = strtab_new();
	d->pvil = strtab_new();
	d->phh = u64map_new(0);
	d->pmic = u64map_new(0);
	d->pmcnt = u64map_new(0);
	d->pblk = u64map_new(0);
	d->pseen = u64map_new(0);
	d->have_prev = 1;
}

void
div_prev_end(struct division *d)
{
	u64map_free(d->pseen);
	d->pseen = NULL;
}

/* The previous grid of code (15 digits, checked), added when new. */
static size_t
pgrid_get(struct division *d, const char *code)
{
	struct div_pgrid *g;
	size_t i, v;
	int isnew, seq;

	i = strtab_add(d->pcode, code, 15, &isnew);
	if (!isnew)
		return i;
	if (d->npg == d->cappg) {
		d->cappg = d->cappg ? d->cappg * 2 : 256;
		d->pg = xreallocarray(d->pg, d->cappg, sizeof *d->pg);
	}
	g = &d->pg[d->npg++];
	memset(g, 0, sizeof *g);
	memcpy(g->code, code, 16);
	seq = atoi(code + 12);
	g->seq = seq;
	g->ded = grid_is_dedicated(code);
	v = strtab_add(d->pvil, code, 12, &isnew);
	if (isnew) {
		if (v >= d->cappv) {
			d->cappv = d->cappv ? d->cappv * 2 : 256;
			d->pvfirst = xreallocarray(d->pvfirst, d->cappv,
			    sizeof *d->pvfirst);
			d->pvmaxb = xreallocarray(d->pvmaxb, d->cappv,
			    sizeof *d->pvmaxb);
			d->pvmaxd = xreallocarray(d->pvmaxd, d->cappv,
			    sizeof *d->pvmaxd);
		}
		d->pvfirst[v] = -1;
		d->pvmaxb[v] = 0;
		d->pvmaxd[v] = 900;
	}
	g->vil = v;
	g->nextv = d->pvfirst[v];
	d->pvfirst[v] = (long)i;
	if (g->ded && seq > d->pvmaxd[v])
		d->pvmaxd[v] = seq;
	if (!g->ded && seq > d->pvmaxb[v])
		d->pvmaxb[v] = seq;
	return i;
}

/* Records that previous grid gi holds block (or unit, SEP_UNIT) b. */
static void
pgrid_block(struct division *d, size_t gi, const char *b, size_t blen,
    int sep)
{
	struct div_pgrid *g = &d->pg[gi];
	char vil[13];
	uint64_t k, old;

	if (!u64map_add(d->pseen, key2(g->code, b, blen, sep), 1, NULL))
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
	if (!u64map_add(d->pblk, k, gi, &old) && old != gi)
		u64map_put(d->pblk, k, AMBIG);
}

int
div_prev_row(struct division *d, int table, const struct div_prow *r)
{
	char code[64], vil[64];
	const char *why, *e;
	struct div_str s;
	size_t gi;
	long n, v;
	struct div_pgrid *g;

	if ((n = clean_code(r->grid, code, sizeof code)) == 0 && !table)
		return 0;	/* a household left unassigned */
	if (n < 0 || code_check(code, (size_t)n, LVL_GRID, &why) < 0)
		return REJECT(d, "grid_code", "%s", n < 0 ? "too long" : why);
	if (r->hasvil && (clean_code(r->vil, vil, sizeof vil) != 12 ||
	    memcmp(vil, code, 12) != 0))
		return REJECT(d, "grid_code", "grid '%s' is not of village "
		    "'%.*s'", code, (int)r->vil.n, r->vil.s);
	gi = pgrid_get(d, code);
	g = &d->pg[gi];
	if (table) {
		if (r->status.n == 7 && memcmp(r->status.s, "retired", 7) == 0)
			g->retired = 1;
		free(g->note);
		g->note = r->note.n ? xstrndup(r->note.s, r->note.n) : NULL;
		if (!g->inassign) {
			g->hh = (v = parse_count(r->hh)) < 0 ? 0 : v;
			g->res = (v = parse_count(r->res)) < 0 ? 0 : v;
		}
		/* blocks of a grid the assignment does not show: the
		   table's ';'-joined list is all we know */
		s = r->blocks;
		if (!g->inassign && s.n > 0)
			for (;;) {
				e = memchr(s.s, ';', s.n);
				n = e ? e - s.s : (long)s.n;
				pgrid_block(d, gi, s.s, (size_t)n,
				    g->ded ? SEP_UNIT : SEP_BLOCK);
				if (!e)
					break;
				s.n -= (size_t)n + 1;
				s.s = e + 1;
			}
		return 0;
	}
	if (!g->inassign) {
		/* the assignment supersedes what a table said */
		g->inassign = 1;
		g->hh = g->res = 0;
	}
	g->hh++;
	if (r->haspers && (v = parse_count(r->pers)) > 0)
		g->res += v;
	s = trimmed(r->id);
	memcpy(vil, code, 12);
	vil[12] = '\0';
	u64map_put(d->phh, key2(vil, s.s, s.n, SEP_BLOCK), gi);
	if (r->micro.n > 0) {
		char mc[64];
		uint64_t c = 0;

		n = clean_code(r->micro, mc, sizeof mc);
		if (n != 18 || code_check(mc, 18, LVL_MICRO, &why) < 0 ||
		    memcmp(mc, code, 15) != 0)
			return REJECT(d, "micro_grid_code", "%s", n != 18 ?
			    "micro-grid code must have 18 digits" :
			    memcmp(mc, code, 15) != 0 ? "not a micro-grid of "
			    "the household's grid" : why);
		v = atol(mc + 15);
		u64map_put(d->pmic, key2(vil, s.s, s.n, SEP_BLOCK),
		    (uint64_t)v);
		u64map_get(d->pmcnt, (uint64_t)gi << 10 | (uint64_t)v, &c);
		u64map_put(d->pmcnt, (uint64_t)gi << 10 | (uint64_t)v, c + 1);
		if (v > g->mmax)
			g->mmax = (int)v;
	}
	if (r->hasblk) {
		s = trimmed(r->blk);
		pgrid_block(d, gi, s.s, s.n, SEP_BLOCK);
	}
	return 0;
}

int
div_prev_micro(struct division *d, struct div_str micro)
{
	char mc[64];
	const char *why;
	long n, gi, v;
	struct div_pgrid *g;

	n = clean_code(micro, mc, sizeof mc);
	if (n != 18 || code_check(mc, 18, LVL_MICRO, &why) < 0)
		return REJECT(d, "micro_grid_code", "%s", n != 18 ?
		    "micro-grid code must have 18 digits" : why);
	/* a grid the previous division does not know is never issued
	   again (grid codes are never reused): nothing to raise */
	if ((gi = strtab_find(d->pcode, mc, 15)) < 0)
		return 0;
	g = &d->pg[gi];
	if ((v = atol(mc + 15)) > g->mmax)
		g->mmax = (int)v;
	return 0;
}

/* Previous grid of a block name of village vil, or -1. */
static long
prev_of_block(const struct division *d, const char *vil, const char *b,
    size_t len, int sep, int ded)
{
	uint64_t v;
	struct div_pgrid *g;

	if (!u64map_get(d->pblk, key2(vil, b, len, sep), &v) || v == AMBIG)
		return -1;
	g = &d->pg[v];
	if (g->retired || g->ded != ded ||
	    g->vil != (size_t)strtab_find(d->pvil, vil, 12))
		return -1;
	return (long)v;
}

/* ---- holding villages --------------------------------------------------- */

static struct div_village *
village_new(const struct division *d, const char *code)
{
	struct div_village *V = xcalloc(1, sizeof *V);

	memcpy(V->code, code, 13);
	V->kind = div_village_kind(d, code);
	V->hids = strtab_new();
	V->blocks = strtab_new();
	return V;
}

static void
village_reset(const struct division *d, struct div_village *V,
    const char *code)
{
	memcpy(V->code, code, 13);
	V->kind = div_village_kind(d, code);
	sbuf_reset(&V->ar);
	V->nfoff = 0;
	V->nh = 0;
	strtab_clear(V->hids);
	strtab_clear(V->blocks);
}

static int divide(struct division *d, struct div_village *V);

/* The village vil is to receive a household: the held one, or a new one
   once the held one is divided (*V NULL when vil was already done);
   -1 when the held one could not be divided. */
static int
switch_village(struct division *d, const char *vil, struct div_village **V)
{
	size_t i;
	int isnew;

	*V = NULL;
	if (d->cur >= 0 && strcmp(d->vs[d->cur]->code, vil) == 0) {
		*V = d->vs[d->cur];
		return 0;
	}
	if (d->ungrouped) {
		i = strtab_add(d->held, vil, 12, &isnew);
		if (isnew) {
			if (d->nvs == d->capvs) {
				d->capvs = d->capvs ? d->capvs * 2 : 64;
				d->vs = xreallocarray(d->vs, d->capvs,
				    sizeof *d->vs);
			}
			d->vs[d->nvs++] = village_new(d, vil);
		}
		d->cur = (long)i;
		*V = d->vs[i];
		return 0;
	}
	if (strtab_find(d->done, vil, 12) >= 0)
		return 0;
	if (d->cur >= 0) {
		if (divide(d, d->vs[0]) < 0)
			return -1;
		strtab_add(d->done, d->vs[0]->code, 12, NULL);
		village_reset(d, d->vs[0], vil);
	} else {
		d->vs = xreallocarray(NULL, 1, sizeof *d->vs);
		d->vs[0] = village_new(d, vil);
		d->nvs = 1;
	}
	d->cur = 0;
	*V = d->vs[0];
	return 0;
}

static void
store_field(struct div_village *V, const char *s, size_t len)
{
	if (V->nfoff == V->capfoff) {
		V->capfoff = V->capfoff ? V->capfoff * 2 : 256;
		V->foff = xreallocarray(V->foff, V->capfoff, sizeof *V->foff);
	}
	V->foff[V->nfoff++] = V->ar.len;
	sbuf_add(&V->ar, s, len);
	sbuf_addc(&V->ar, '\0');
}

const char *
div_field(const struct div_village *V, const struct div_hh *h, int col)
{
	return V->ar.s + V->foff[h->f + (size_t)col];
}

int
div_add(struct division *d, const struct div_row *r)
{
	struct div_str id, blk;
	const char *why, *s;
	char vil[64];
	size_t bi, k;
	long n, persons = 1, hi;
	struct div_village *V;
	struct div_hh *h;

	id = trimmed(r->id);
	if (id.n == 0)
		return REJECT(d, "household_id", "empty");
	if ((n = clean_code(r->vil, vil, sizeof vil)) < 0 ||
	    code_check(vil, (size_t)n, LVL_VILLAGE, &why) < 0)
		return REJECT(d, "village_code", "%s",
		    n < 0 ? "not a village code" : why);
	if (region_find(d, vil) < 0)
		return REJECT(d, "village_code", "unknown village '%s'", vil);
	blk = trimmed(r->blk);
	if (!d->member && (persons = parse_count(r->pers)) < 0)
		return REJECT(d, "persons", "not a number of persons");

	/* the same household seen in another village */
	if (d->ungrouped && (hi = strtab_find(d->allhid, id.s, id.n)) >= 0 &&
	    strcmp(d->vs[d->allvil[hi]]->code, vil) != 0)
		return REJECT(d, "village_code", "household '%.*s' is in "
		    "village '%s'", (int)id.n, id.s,
		    d->vs[d->allvil[hi]]->code);
	if (!d->ungrouped && d->cur >= 0 &&
	    strcmp(d->vs[d->cur]->code, vil) != 0 &&
	    (hi = strtab_find(d->vs[d->cur]->hids, id.s, id.n)) >= 0) {
		V = d->vs[d->cur];
		return REJECT(d, "village_code", "household '%.*s' is in "
		    "village '%s' (line %ld)", (int)id.n, id.s, V->code,
		    V->hline[hi]);
	}
	if (switch_village(d, vil, &V) < 0)
		return -1;
	if (!V)
		return REJECT(d, "village_code", "village '%s' comes back "
		    "after its grids were written (input not grouped by "
		    "village: sort it, or use -U)", vil);
	if ((hi = strtab_find(V->hids, id.s, id.n)) >= 0) {
		h = &V->h[hi];
		if (!d->member)
			return REJECT(d, "household_id", "duplicate household "
			    "'%.*s' (line %ld)", (int)id.n, id.s,
			    V->hline[hi]);
		s = strtab_str(V->blocks, h->blk);
		if (strtab_len(V->blocks, h->blk) != blk.n ||
		    memcmp(s, blk.s, blk.n) != 0)
			return REJECT(d, "block", "household '%.*s' is in "
			    "block '%s' (line %ld)", (int)id.n, id.s, s,
			    V->hline[hi]);
		h->persons++;
		return 0;
	}

	if (V->nh == V->caph) {
		V->caph = V->caph ? V->caph * 2 : 256;
		V->h = xreallocarray(V->h, V->caph, sizeof *V->h);
		V->hline = xreallocarray(V->hline, V->caph, sizeof *V->hline);
	}
	bi = strtab_add(V->blocks, blk.s, blk.n, NULL);
	h = &V->h[V->nh];
	h->f = V->nfoff;
	h->persons = persons;
	h->blk = bi;
	h->pg = -1;
	h->grid = 0;
	h->micro = 0;
	V->hline[V->nh] = r->line;
	strtab_add(V->hids, id.s, id.n, NULL);
	if (d->ungrouped) {
		k = strtab_add(d->allhid, id.s, id.n, NULL);
		if (k >= d->capallvil) {
			d->capallvil = 2 * k + 64;
			d->allvil = xreallocarray(d->allvil, d->capallvil,
			    sizeof *d->allvil);
		}
		d->allvil[k] = (size_t)d->cur;
	}
	V->nh++;
	if (d->member) {
		store_field(V, id.s, id.n);
		store_field(V, vil, 12);
		store_field(V, blk.s, blk.n);
		store_field(V, r->addr.s, r->addr.n);
		store_field(V, "", 0);
	} else
		for (k = 0; k < r->nf; k++)
			store_field(V, r->f[k].s, r->f[k].n);
	return 0;
}

/* ---- dividing a village ------------------------------------------------- */

static struct div_grid *
grid_add(struct division *d, int seq, int ded, int status)
{
	struct div_grid *g;

	if (d->ng == d->capg) {
		d->capg = d->capg ? d->capg * 2 : 16;
		d->grids = xreallocarray(d->grids, d->capg, sizeof *d->grids);
		memset(d->grids + d->ng, 0, (d->capg - d->ng) *
		    sizeof *d->grids);
	}
	g = &d->grids[d->ng++];
	g->seq = seq;
	g->ded = ded;
	g->status = status;
	g->hh = g->res = 0;
	g->pg = g->unit = -1;
	sbuf_reset(&g->blocks);
	sbuf_reset(&g->note);
	return g;
}

/* Next free sequence (after *max), or -1 when none is left: codes are
   never reused, so an exhausted range needs a person. */
static int
next_seq(struct division *d, const char *vil, int *max, int ded)
{
	if (*max >= (ded ? 999 : 899))
		return fail(d->why, sizeof d->why, -1, "village %s: no %s grid "
		    "sequence left (%s issued)", vil, ded ? "dedicated" :
		    "base", ded ? "999" : "899");
	return ++*max;
}

/* Codes for the runs: a run made of exactly the blocks of a previous
   grid keeps its code, the others take new sequences. */
static int
number_runs(struct division *d, const char *vil, int *maxb)
{
	struct div_grid *g;
	size_t p;

	for (p = 0; p < d->ng; p++) {
		g = &d->grids[p];
		if (g->pg >= 0) {
			g->seq = d->pg[g->pg].seq;
			g->status = DIV_KEPT;
			d->pg[g->pg].used = 1;
		} else if ((g->seq = next_seq(d, vil, maxb, 0)) < 0)
			return -1;
	}
	return 0;
}

/*
 * 1 when the previous division of V can stand: every household was in a
 * live base grid of V, no block is split between grids, every grid still
 * has households, and the grids deviate from the band no more than the
 * best division does (a rural village under the split: one grid).
 */
static int
try_keep(const struct division *d, const struct div_village *V, size_t B,
    long pv, int single, int64_t mindev)
{
	long *bpg, pgi, n = 0, hh, res;
	size_t i;
	int64_t dev = 0;
	int ok = 1;
	const struct div_pgrid *g;

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
	for (pgi = d->pvfirst[pv]; pgi >= 0; pgi = d->pg[pgi].nextv) {
		g = &d->pg[pgi];
		if (g->ded || g->retired || !g->inassign)
			continue;
		hh = res = 0;
		for (i = 0; i < V->nh; i++)
			if (V->h[i].pg == pgi) {
				hh++;
				res += V->h[i].persons;
			}
		if (hh == 0)
			return 0;
		n++;
		dev += div_deviation(&d->band, hh, res);
	}
	if (single)
		return n == 1;
	return dev <= mindev;
}

/* The previous grids of V become the grids, in code order. */
static void
keep_previous(struct division *d, const struct div_village *V, long pv)
{
	long pgi;
	size_t i, k;
	struct div_grid *g;

	d->ng = 0;
	for (pgi = d->pvfirst[pv]; pgi >= 0; pgi = d->pg[pgi].nextv) {
		if (d->pg[pgi].ded || d->pg[pgi].retired ||
		    !d->pg[pgi].inassign)
			continue;
		g = grid_add(d, d->pg[pgi].seq, 0, DIV_KEPT);
		g->pg = pgi;
		d->pg[pgi].used = 1;
	}
	for (i = 0; i < V->nh; i++)
		for (k = 0; k < d->ng; k++)
			if (d->grids[k].pg == V->h[i].pg) {
				d->gb[V->h[i].blk] = k;
				break;
			}
}

struct byname {
	const char *s;
	long i;
};

static int
cmp_byname(const void *a, const void *b)
{
	const struct byname *x = a, *y = b;

	return natcmp(x->s, y->s);
}

static int
cmp_bystr(const void *a, const void *b)
{
	const struct byname *x = a, *y = b;

	return strcmp(x->s, y->s);
}

static void note_add(struct div_grid *g, const char *fmt, ...);

/*
 * The units of village vil too small for a dedicated grid, in natural
 * order of id (caller frees; NULL when none); their people in *people,
 * and in *merged whether they share a dedicated grid: with [grid]
 * small_units = merge, when together they reach dedicated_people_min
 * (004 "就近划入……或统并划分为专属网格").
 */
static struct byname *
small_list(const struct division *d, const char *vil, size_t *n,
    long *people, int *merged)
{
	struct byname *list = NULL;
	long ui;

	*n = 0;
	*people = 0;
	*merged = 0;
	if ((ui = strtab_find(d->svil, vil, 12)) < 0)
		return NULL;
	for (ui = d->svfirst[ui]; ui >= 0; ui = d->units[ui].nextv) {
		list = xreallocarray(list, *n + 1, sizeof *list);
		list[*n].s = d->units[ui].id;
		list[(*n)++].i = ui;
		*people += d->units[ui].people;
	}
	if (*n > 1)
		qsort(list, *n, sizeof *list, cmp_byname);
	*merged = d->band.smerge && *people >= d->band.dedmin;
	return list;
}

/*
 * The shared dedicated grid of the small units of vil (small_list()
 * merged): it keeps the code of a previous dedicated grid of exactly
 * these units, else takes the next dedicated sequence.
 */
static int
shared_dedicated(struct division *d, const char *vil, int *maxd)
{
	struct byname *list;
	struct div_grid *g;
	size_t n, i;
	long people, pgi = -1, p;
	int merged, seq;

	list = small_list(d, vil, &n, &people, &merged);
	if (!merged) {
		free(list);
		return 0;
	}
	for (i = 0; d->have_prev && i < n; i++) {
		p = prev_of_block(d, vil, list[i].s, strlen(list[i].s),
		    SEP_UNIT, 1);
		if (p < 0 || (i > 0 && p != pgi)) {
			pgi = -1;
			break;
		}
		pgi = p;
	}
	if (pgi >= 0 && d->pg[pgi].nblk == (long)n) {
		g = grid_add(d, d->pg[pgi].seq, 1, DIV_KEPT);
		g->pg = pgi;
		d->pg[pgi].used = 1;
	} else {
		if ((seq = next_seq(d, vil, maxd, 1)) < 0) {
			free(list);
			return -1;
		}
		g = grid_add(d, seq, 1, d->have_prev ? DIV_NEW : DIV_NONE);
	}
	g->unit = list[0].i;
	g->res = people;
	for (i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&g->blocks, ';');
		sbuf_adds(&g->blocks, list[i].s);
	}
	note_add(g, "%zu units below %ld people share this dedicated grid "
	    "(%ld people together)", n, d->band.dedmin, people);
	free(list);
	return 0;
}

/* Dedicated grids of the units of village vil, in natural order of id. */
static int
dedicated(struct division *d, const char *vil, int *maxd)
{
	long ui, pgi;
	struct byname *list = NULL;
	size_t n = 0, i;
	struct div_grid *g;
	struct div_unit *u;
	int seq;

	if ((ui = strtab_find(d->uvil, vil, 12)) < 0)
		return shared_dedicated(d, vil, maxd);
	for (ui = d->uvfirst[ui]; ui >= 0; ui = d->units[ui].nextv) {
		list = xreallocarray(list, n + 1, sizeof *list);
		list[n].s = d->units[ui].id;
		list[n++].i = ui;
	}
	if (n > 1)
		qsort(list, n, sizeof *list, cmp_byname);
	for (i = 0; i < n; i++) {
		u = &d->units[list[i].i];
		pgi = d->have_prev ? prev_of_block(d, vil, u->id,
		    strlen(u->id), SEP_UNIT, 1) : -1;
		if (pgi >= 0 && d->pg[pgi].nblk == 1) {
			g = grid_add(d, d->pg[pgi].seq, 1, DIV_KEPT);
			g->pg = pgi;
			d->pg[pgi].used = 1;
		} else {
			if ((seq = next_seq(d, vil, maxd, 1)) < 0) {
				free(list);
				return -1;
			}
			g = grid_add(d, seq, 1, d->have_prev ? DIV_NEW :
			    DIV_NONE);
		}
		g->unit = list[i].i;
		g->res = u->people;
		sbuf_adds(&g->blocks, u->id);
	}
	free(list);
	return shared_dedicated(d, vil, maxd);
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

/* A previous grid as a grid of this run (retired, or carried). */
static struct div_grid *
grid_of_prev(struct division *d, long pgi, int status)
{
	struct div_pgrid *p = &d->pg[pgi];
	struct div_grid *g;

	g = grid_add(d, p->seq, p->ded, status);
	g->pg = pgi;
	g->hh = p->hh;
	g->res = p->res;
	if (p->bl.len)
		sorted_blocks(&g->blocks, p->bl.s);
	return g;
}

/* Grids of the previous division of village pv not issued again. */
static void
retire(struct division *d, long pv)
{
	long pgi;

	for (pgi = d->pvfirst[pv]; pgi >= 0; pgi = d->pg[pgi].nextv)
		if (!d->pg[pgi].used)
			grid_of_prev(d, pgi, DIV_RETIRED);
}

static void
note_add(struct div_grid *g, const char *fmt, ...)
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

/*
 * The units of V too small for a dedicated grid, in natural order of id,
 * named in the note of its first base grid: their people live or work
 * there and the grid's workers cover them.
 */
static void
small_units(struct division *d, const struct div_village *V)
{
	struct byname *list;
	struct div_grid *g = NULL;
	size_t n, i;
	long people;
	int merged;

	for (i = 0; i < d->ng && !g; i++)
		if (!d->grids[i].ded && d->grids[i].status != DIV_RETIRED)
			g = &d->grids[i];
	list = small_list(d, V->code, &n, &people, &merged);
	if (!g || merged) {
		free(list);	/* merged: in their shared dedicated grid */
		return;
	}
	for (i = 0; i < n; i++)
		note_add(g, "unit '%s' (%ld people, below %ld) is in this "
		    "grid", d->units[list[i].i].id, d->units[list[i].i].people,
		    d->band.dedmin);
	free(list);
}

/* What a base grid breaks, in its note. */
static void
notes(const struct division *d, const struct div_village *V,
    struct div_grid *g, size_t bigblk, long bigh, int single)
{
	const struct div_band *b = &d->band;

	if (V->kind == KIND_UNKNOWN)
		note_add(g, "kind of village unknown: divided as urban");
	if (single)
		return;
	if (div_in_band(b, g->hh, g->res) == 2)
		;	/* in the band by its residents */
	else if (bigh > b->hmax)
		note_add(g, "block '%s' alone has %ld households, above %ld "
		    "(a block is never split)", strtab_str(V->blocks, bigblk),
		    bigh, b->hmax);
	else if (g->hh > b->hmax)
		note_add(g, "%ld households, above %ld (no division into whole "
		    "blocks fits the band)", g->hh, b->hmax);
	if (g->hh < b->hmin && div_in_band(b, g->hh, g->res) == 0)
		note_add(g, "%ld households, below %ld (no division into whole "
		    "blocks fits the band)", g->hh, b->hmin);
	if (g->res > b->rmax)
		note_add(g, "%ld residents, above %ld", g->res, b->rmax);
}

/* A household in micro-grid order: block, address, id, arrival. */
struct mkey {
	size_t rank;
	const char *addr, *id;
	size_t f, i;
};

static int
cmp_mkey(const void *a, const void *b)
{
	const struct mkey *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->addr && (c = natcmp(x->addr, y->addr)))
		return c;
	if ((c = natcmp(x->id, y->id)))
		return c;
	return x->f < y->f ? -1 : x->f > y->f;
}

size_t
div_street(const char *addr, size_t n)
{
	static const char *const end[] = { "街", "巷", "路", "道", "弄", "胡同",
	    "里" };
	const unsigned char *u = (const unsigned char *)addr;
	size_t p, i, l;

	for (p = 0; p < n; p++)
		if ((u[p] >= '0' && u[p] <= '9') || (p + 2 < n &&
		    u[p] == 0xef && u[p + 1] == 0xbc && u[p + 2] >= 0x90 &&
		    u[p + 2] <= 0x99))
			break;
	for (i = 0; i < sizeof end / sizeof end[0]; i++) {
		l = strlen(end[i]);
		if (p > l && memcmp(addr + p - l, end[i], l) == 0)
			return p;
	}
	return 0;
}

/* The group of a household for micro-grids: its block and street (the
   block alone when its address names none). */
static int
same_group(const struct mkey *a, const struct mkey *b)
{
	size_t la, lb;

	if (a->rank != b->rank)
		return 0;
	la = a->addr ? div_street(a->addr, strlen(a->addr)) : 0;
	lb = b->addr ? div_street(b->addr, strlen(b->addr)) : 0;
	return la == lb && (la == 0 || memcmp(a->addr, b->addr, la) == 0);
}

static int64_t
micro_dev(const struct div_band *b, int64_t s)
{
	return (s < b->mmin ? b->mmin - s : 0) + (s > b->mmax ? s - b->mmax :
	    0);
}

/*
 * Cuts n households of k (in micro-grid order) into micro-grids, their
 * 0-based index in out; returns how many.  By households with no street
 * in any address: k = ceil(n / mmax) runs whose sizes differ by at most
 * one (the first n mod k one larger).  Otherwise each street (else
 * block) is a group; by street every group is one micro-grid; by
 * households a group above mmax is cut as above and the pieces and the
 * groups that fit are joined into runs of the least deviation from
 * [mmin, mmax], then the least sum of (2s - mmin - mmax)^2, then the
 * fewest: a street that fits the size is never split.
 */
static size_t
micro_cut(const struct div_band *b, const struct mkey *k, size_t n,
    size_t *out)
{
	size_t *atom, na = 0, i, j, g, q, r, m, sz, t, pos, nr;
	int64_t *sum, (*best)[3], c[3], s;
	size_t *from;
	int streets = 0;

	for (i = 0; i < n && !streets; i++)
		streets = k[i].addr && div_street(k[i].addr,
		    strlen(k[i].addr)) > 0;
	if (!b->mstreet && !streets) {
		g = (n + (size_t)b->mmax - 1) / (size_t)b->mmax;
		if (g > 999)
			g = 999;
		q = n / g;
		r = n % g;
		for (pos = 0, m = 0; m < g; m++)
			for (sz = q + (m < r), t = 0; t < sz; t++)
				out[pos++] = m;
		return g;
	}
	/* atoms: sizes of the groups (pieces of the big ones) */
	atom = xreallocarray(NULL, n + 1, sizeof *atom);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_group(&k[i], &k[j]); j++)
			;
		sz = j - i;
		if (b->mstreet || sz <= (size_t)b->mmax) {
			atom[na++] = sz;
			continue;
		}
		g = (sz + (size_t)b->mmax - 1) / (size_t)b->mmax;
		for (m = 0; m < g; m++)
			atom[na++] = sz / g + (m < sz % g);
	}
	if (b->mstreet) {
		for (pos = 0, i = 0; i < na && i < 999; i++)
			for (t = 0; t < atom[i]; t++)
				out[pos++] = i;
		while (pos < n)
			out[pos++] = 998;	/* no sequence left */
		free(atom);
		return na < 999 ? na : 999;
	}
	best = xreallocarray(NULL, na + 1, sizeof *best);
	from = xreallocarray(NULL, na + 1, sizeof *from);
	sum = xreallocarray(NULL, na + 1, sizeof *sum);
	best[0][0] = best[0][1] = best[0][2] = 0;
	for (i = 1; i <= na; i++) {
		s = 0;
		for (j = i; j-- > 0;) {
			s += (int64_t)atom[j];
			if (j + 1 < i && s > b->mmax)
				break;
			c[0] = best[j][0] + micro_dev(b, s);
			c[1] = best[j][1] + (2 * s - b->mmin - b->mmax) *
			    (2 * s - b->mmin - b->mmax);
			c[2] = best[j][2] + 1;
			if (j + 1 == i || c[0] < best[i][0] || (c[0] ==
			    best[i][0] && (c[1] < best[i][1] || (c[1] ==
			    best[i][1] && c[2] < best[i][2])))) {
				memcpy(best[i], c, sizeof c);
				from[i] = j;
			}
		}
	}
	nr = 0;
	for (i = na; i > 0; i = from[i])
		nr++;
	/* sizes of the runs, first to last, into sum */
	for (i = na, m = nr; i > 0; i = from[i]) {
		sum[--m] = 0;
		for (j = from[i]; j < i; j++)
			sum[m] += (int64_t)atom[j];
	}
	for (pos = 0, m = 0; m < nr; m++)
		for (t = 0; t < (size_t)sum[m]; t++)
			out[pos++] = m < 999 ? m : 998;
	free(atom);
	free(best);
	free(from);
	free(sum);
	return nr < 999 ? nr : 999;
}

/*
 * Micro-grids of each base grid (gridwork-rules(7), Micro-grids): a
 * micro-grid of the previous division whose households are all in this
 * grid and in it alone keeps its code; the other households, in block,
 * address and household order, are cut by micro_cut() into micro-grids
 * numbered above the highest sequence the grid ever issued, so a code is
 * never renumbered and never reused.
 */
static void
micro(struct division *d, struct div_village *V)
{
	size_t *cnt, *start, *out, i, g, n, nk, nn, m;
	struct mkey *key;
	struct div_hh *h;
	const struct div_pgrid *pg;
	const char *id;
	uint64_t v, c, here;
	int next;
	u64map *hc;

	cnt = xcalloc(d->ng + 1, sizeof *cnt);
	start = xcalloc(d->ng + 1, sizeof *start);
	key = xreallocarray(NULL, V->nh + 1, sizeof *key);
	out = xreallocarray(NULL, V->nh + 1, sizeof *out);
	for (i = 0; i < V->nh; i++)
		cnt[V->h[i].grid]++;
	for (g = 1; g <= d->ng; g++)
		start[g] = start[g - 1] + cnt[g - 1];
	memset(cnt, 0, (d->ng + 1) * sizeof *cnt);
	for (i = 0; i < V->nh; i++) {
		h = &V->h[i];
		g = h->grid;
		h->micro = 0;
		key[start[g] + cnt[g]++] = (struct mkey){ d->rank[h->blk],
		    d->col_addr >= 0 ? div_field(V, h, d->col_addr) : NULL,
		    div_field(V, h, d->col_id), h->f, i };
	}
	hc = u64map_new(0);
	for (g = 0; g < d->ng; g++) {
		n = cnt[g];
		if (n == 0)
			continue;
		qsort(key + start[g], n, sizeof *key, cmp_mkey);
		next = 1;
		if (d->have_prev && d->grids[g].pg >= 0) {
			pg = &d->pg[d->grids[g].pg];
			next = pg->mmax + 1;
			/* the previous micro-grids' households found here */
			for (i = 0; i < n; i++) {
				h = &V->h[key[start[g] + i].i];
				id = key[start[g] + i].id;
				if (h->pg != d->grids[g].pg || !u64map_get(d->pmic,
				    key2(V->code, id, strlen(id), SEP_BLOCK), &v))
					continue;
				here = 0;
				u64map_get(hc, v, &here);
				u64map_put(hc, v, here + 1);
			}
			for (i = 0; i < n; i++) {
				h = &V->h[key[start[g] + i].i];
				id = key[start[g] + i].id;
				if (h->pg != d->grids[g].pg || !u64map_get(d->pmic,
				    key2(V->code, id, strlen(id), SEP_BLOCK), &v))
					continue;
				c = here = 0;
				u64map_get(d->pmcnt, (uint64_t)d->grids[g].pg <<
				    10 | v, &c);
				u64map_get(hc, v, &here);
				if (c == here)
					h->micro = (int)v;
			}
			u64map_free(hc);
			hc = u64map_new(0);
		}
		/* the rest, in order, cut anew */
		for (i = nk = 0; i < n; i++)
			if (V->h[key[start[g] + i].i].micro == 0)
				key[start[g] + nk++] = key[start[g] + i];
		if (nk == 0)
			continue;
		nn = micro_cut(&d->band, key + start[g], nk, out);
		(void)nn;
		for (i = 0; i < nk; i++) {
			m = out[i] + (size_t)next;
			V->h[key[start[g] + i].i].micro = m > 999 ? 999 :
			    (int)m;
		}
	}
	u64map_free(hc);
	free(out);
	free(key);
	free(cnt);
	free(start);
}

static int
cmp_grid(const void *a, const void *b)
{
	const struct div_grid *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
scratch(struct division *d, size_t B)
{
	if (B + 1 <= d->capb)
		return;
	d->capb = 2 * (B + 1);
	d->order = xreallocarray(d->order, d->capb, sizeof *d->order);
	d->rank = xreallocarray(d->rank, d->capb, sizeof *d->rank);
	d->bh = xreallocarray(d->bh, d->capb, sizeof *d->bh);
	d->br = xreallocarray(d->br, d->capb, sizeof *d->br);
	d->gb = xreallocarray(d->gb, d->capb, sizeof *d->gb);
	d->blk = xreallocarray(d->blk, d->capb, sizeof *d->blk);
}

/* Blocks of V in natural order into d->order, and their ranks. */
static void
block_order(struct division *d, const struct div_village *V, size_t B)
{
	struct byname *v;
	size_t i;

	v = xreallocarray(NULL, B + 1, sizeof *v);
	for (i = 0; i < B; i++) {
		v[i].s = strtab_str(V->blocks, i);
		v[i].i = (long)i;
	}
	if (B > 1)
		qsort(v, B, sizeof *v, cmp_byname);
	for (i = 0; i < B; i++) {
		d->order[i] = (size_t)v[i].i;
		d->rank[d->order[i]] = i;
	}
	free(v);
}

/*
 * Base grids of V by div_runs(), or its previous division kept whole; the
 * runs' grids in d->grids, the grid of each block in d->gb.
 */
static int
base_grids(struct division *d, struct div_village *V, size_t B, long pv,
    int single, int *maxb)
{
	struct div_run *runs;
	int64_t mindev;
	size_t nr, i, j;
	long pgi;
	struct div_grid *g;

	for (i = 0; i < B; i++) {
		d->blk[i].hh = d->bh[d->order[i]];
		d->blk[i].res = d->br[d->order[i]];
		d->blk[i].prev = pgi = pv < 0 ? -1 : prev_of_block(d, V->code,
		    strtab_str(V->blocks, d->order[i]),
		    strtab_len(V->blocks, d->order[i]), SEP_BLOCK, 0);
		d->blk[i].prevn = pgi >= 0 ? d->pg[pgi].nblk : 0;
	}
	runs = xreallocarray(NULL, B, sizeof *runs);
	nr = div_runs(&d->band, d->blk, B, single, runs, &mindev);
	d->ng = 0;
	for (i = 0; i < nr; i++) {
		g = grid_add(d, 0, 0, d->have_prev ? DIV_NEW : DIV_NONE);
		g->pg = runs[i].prev;
		for (j = runs[i].first; j < runs[i].first + runs[i].n; j++)
			d->gb[d->order[j]] = i;
	}
	free(runs);
	if (pv >= 0 && try_keep(d, V, B, pv, single, mindev)) {
		keep_previous(d, V, pv);
		return 0;
	}
	return number_runs(d, V->code, maxb);
}

/*
 * Divides V (or keeps its previous division) and hands it to divided().
 * A village with no households (only units) gets its dedicated grids.
 */
static int
divide(struct division *d, struct div_village *V)
{
	size_t B = strtab_count(V->blocks), i, b, *big, *newpos;
	long pv = -1, *bigh, res;
	int single, maxb = 0, maxd = 900;
	uint64_t v;
	struct div_grid *g;
	const char *id;

	scratch(d, B);
	for (b = 0; b < B; b++)
		d->bh[b] = d->br[b] = 0;
	for (i = 0; i < V->nh; i++) {
		d->bh[V->h[i].blk]++;
		d->br[V->h[i].blk] += V->h[i].persons;
	}
	block_order(d, V, B);
	if (d->have_prev && (pv = strtab_find(d->pvil, V->code, 12)) >= 0) {
		maxb = d->pvmaxb[pv];
		maxd = d->pvmaxd[pv];
		for (i = 0; i < V->nh; i++) {
			id = div_field(V, &V->h[i], d->col_id);
			V->h[i].pg = -1;
			if (u64map_get(d->phh, key2(V->code, id, strlen(id),
			    SEP_BLOCK), &v) && !d->pg[v].ded &&
			    !d->pg[v].retired && d->pg[v].vil == (size_t)pv)
				V->h[i].pg = (long)v;
		}
	}
	for (b = 0, res = 0; b < B; b++)
		res += d->br[b];
	single = div_single_res(&d->band, V->kind, (long)V->nh, res);

	d->ng = 0;
	if (B > 0 && base_grids(d, V, B, pv, single, &maxb) < 0)
		return -1;
	for (i = 0; i < d->ng; i++)
		d->grids[i].hh = d->grids[i].res = 0;
	if (dedicated(d, V->code, &maxd) < 0)
		return -1;
	if (pv >= 0)
		retire(d, pv);

	/* grids in code order; households follow their blocks */
	newpos = xreallocarray(NULL, d->ng + 1, sizeof *newpos);
	for (i = 0; i < d->ng; i++)
		d->grids[i].hh = -1 - (long)i;	/* remember the old place */
	if (d->ng > 1)
		qsort(d->grids, d->ng, sizeof *d->grids, cmp_grid);
	for (i = 0; i < d->ng; i++) {
		g = &d->grids[i];
		if (g->status != DIV_RETIRED && !g->ded) {
			newpos[-1 - g->hh] = i;
			g->hh = 0;
		} else if (g->status == DIV_RETIRED)
			g->hh = d->pg[g->pg].hh;
		else
			g->hh = 0;
	}
	for (b = 0; b < B; b++)
		d->gb[b] = newpos[d->gb[b]];
	free(newpos);

	big = xcalloc(d->ng + 1, sizeof *big);
	bigh = xcalloc(d->ng + 1, sizeof *bigh);
	for (i = 0; i < V->nh; i++) {
		g = &d->grids[V->h[i].grid = d->gb[V->h[i].blk]];
		g->hh++;
		g->res += V->h[i].persons;
	}
	for (i = 0; i < B; i++) {
		b = d->order[i];
		g = &d->grids[d->gb[b]];
		if (g->blocks.len)
			sbuf_addc(&g->blocks, ';');
		sbuf_add(&g->blocks, strtab_str(V->blocks, b),
		    strtab_len(V->blocks, b));
		if (d->bh[b] > bigh[d->gb[b]]) {
			bigh[d->gb[b]] = d->bh[b];
			big[d->gb[b]] = b;
		}
	}
	for (i = 0; i < d->ng; i++) {
		g = &d->grids[i];
		if (!g->ded && g->status != DIV_RETIRED)
			notes(d, V, g, big[i], bigh[i] == g->hh ? bigh[i] : 0,
			    single);
	}
	free(big);
	free(bigh);
	small_units(d, V);
	if (d->micro)
		micro(d, V);
	V->grids = d->grids;
	V->ng = d->ng;
	V->carried = 0;
	d->divided(d->arg, V);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The villages of t not done yet, in code order (caller frees). */
static char **
not_done(const struct division *d, const strtab *t, size_t *n)
{
	char **v = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < strtab_count(t); i++)
		if (strtab_find(d->done, strtab_str(t, i), 12) < 0) {
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[(*n)++] = xstrdup(strtab_str(t, i));
		}
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Villages of the previous division that this run did not divide (none
 * of their households in the input, no units): their grids as they were,
 * figures, blocks and note, live ones kept and retired ones retired, in
 * village code order after the rest.  A run on part of a county so never
 * forgets a code, and a later run never reuses one.
 */
static void
carry_previous(struct division *d)
{
	struct div_village V;
	char **v;
	size_t n, i;
	long pv, pgi;
	struct div_grid *g;

	v = not_done(d, d->pvil, &n);
	memset(&V, 0, sizeof V);
	for (i = 0; i < n; i++) {
		pv = strtab_find(d->pvil, v[i], 12);
		d->ng = 0;
		for (pgi = d->pvfirst[pv]; pgi >= 0; pgi = d->pg[pgi].nextv) {
			g = grid_of_prev(d, pgi, d->pg[pgi].retired ?
			    DIV_RETIRED : DIV_KEPT);
			if (d->pg[pgi].note)
				sbuf_adds(&g->note, d->pg[pgi].note);
		}
		if (d->ng > 1)
			qsort(d->grids, d->ng, sizeof *d->grids, cmp_grid);
		memcpy(V.code, v[i], 13);
		V.kind = div_village_kind(d, v[i]);
		V.grids = d->grids;
		V.ng = d->ng;
		V.carried = 1;
		d->divided(d->arg, &V);
	}
	free_list(v, n);
}

int
div_finish(struct division *d)
{
	struct div_village *V;
	char **v;
	size_t i, n, k;
	long people;
	int rc = 0, merged;

	for (i = 0; i < d->nvs; i++) {
		if (rc == 0 && d->vs[i]->nh > 0) {
			if (divide(d, d->vs[i]) < 0)
				rc = -1;
			strtab_add(d->done, d->vs[i]->code, 12, NULL);
		}
		village_free(d->vs[i]);
	}
	free(d->vs);
	d->vs = NULL;
	d->nvs = 0;
	d->cur = -1;
	if (rc < 0)
		return -1;
	/* villages with dedicated grids but no households, in code order */
	v = not_done(d, d->uvil, &n);
	for (i = 0; i < n && rc == 0; i++) {
		V = village_new(d, v[i]);
		rc = divide(d, V);
		strtab_add(d->done, V->code, 12, NULL);
		village_free(V);
	}
	free_list(v, n);
	/* ... and of small units only that share one (small_units =
	   merge); the others are left as they were, as without merge */
	v = d->band.smerge ? not_done(d, d->svil, &n) : (n = 0, NULL);
	for (i = 0; i < n && rc == 0; i++) {
		free(small_list(d, v[i], &k, &people, &merged));
		if (!merged)
			continue;
		V = village_new(d, v[i]);
		rc = divide(d, V);
		strtab_add(d->done, V->code, 12, NULL);
		village_free(V);
	}
	free_list(v, n);
	if (rc == 0 && d->have_prev && d->carry)
		carry_previous(d);
	return rc;
}

/* ---- checking a division ------------------------------------------------ */

/*
 * Household ids seen: 64-bit fingerprint and where it was first seen, in
 * one open-addressed array of 16-byte slots, so a lookup costs one cache
 * miss at 10 million households (a fingerprint may collide, with chance
 * about n * n / 2^65 over n ids).
 */
struct div_seen {
	uint64_t fp;		/* fingerprint, never 0; 0 marks an empty slot */
	uint64_t at;		/* input index << 40 | line */
};

/* A hazard point to be covered. */
struct div_hazard {
	char *id, *blk, *kind;
	char vil[13];
};

/* A grid of the assignment. */
struct div_cgrid {
	char code[16];
	long hh, res;
	size_t vil;		/* village of its first household (vils) */
	int multi;		/* 1: households of more than one village */
	struct sbuf vils;	/* ';'-joined villages when multi */
};

/* A block of the assignment. */
struct div_cblock {
	size_t grid;		/* grid of its first household */
	int split;		/* 1: in more than one grid */
	char *hid;		/* first household found in another grid */
	struct sbuf grids;	/* ';'-joined grids */
};

/*
 * The table's memory: large ones straight from mmap (zeroed) on 2 MB
 * boundaries and advised into huge pages, which spares the page walk of
 * nearly every lookup in a table of hundreds of megabytes.
 */
#define HUGE_PAGE ((size_t)2 << 20)

static struct div_seen *
seen_alloc(size_t cap)
{
	size_t n = cap * sizeof(struct div_seen);
	char *p;
	uintptr_t a;

	if (n < HUGE_PAGE)
		return xcalloc(cap, sizeof(struct div_seen));
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
	return (struct div_seen *)a;
}

static void
seen_free(struct div_seen *t, size_t cap)
{
	if (!t)
		return;
	if (cap * sizeof(struct div_seen) < HUGE_PAGE)
		free(t);
	else
		munmap(t, cap * sizeof(struct div_seen));
}

static void
seen_grow(struct div_check *c, size_t want)
{
	struct div_seen *old = c->seen, *t;
	size_t oldcap = c->seencap, i, j, cap = 1024;

	while (cap / 4 * 3 < want + want / 8)
		cap *= 2;
	t = seen_alloc(cap);
	for (i = 0; i < oldcap; i++) {
		if (!old[i].fp)
			continue;
		for (j = old[i].fp & (cap - 1); t[j].fp; j = (j + 1) & (cap - 1))
			;
		t[j] = old[i];
	}
	seen_free(old, oldcap);
	c->seen = t;
	c->seencap = cap;
}

/* 1 when new (recorded at at), else 0 with *first where it was seen. */
static int
seen_add(struct div_check *c, const char *s, size_t n, uint64_t at,
    uint64_t *first)
{
	uint64_t fp = hash_bytes(s, n);
	size_t i, mask;

	fp ^= fp >> 29;		/* FNV's low bits are weak: fold high into low */
	fp *= 0xbf58476d1ce4e5b9ULL;
	fp ^= fp >> 32;
	if (fp == 0)
		fp = 1;
	/* at most three quarters full: probes stay short with a good mix */
	if ((c->seenlen + 1) * 4 > c->seencap * 3)
		seen_grow(c, 2 * (c->seenlen + 1));
	mask = c->seencap - 1;
	for (i = fp & mask; c->seen[i].fp; i = (i + 1) & mask)
		if (c->seen[i].fp == fp) {
			*first = c->seen[i].at;
			return 0;
		}
	c->seen[i].fp = fp;
	c->seen[i].at = at;
	c->seenlen++;
	return 1;
}

static void
problem(struct div_check *c, const char *what, const char *grid,
    const char *hid, const char *blk, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->problem(c->arg, what, grid, hid, blk, buf);
	c->nproblems++;
}

void
div_check_init(struct div_check *c, const struct division *d, size_t hint)
{
	c->d = d;
	seen_grow(c, hint < ((size_t)1 << 28) ? hint : (size_t)1 << 28);
	c->codes = strtab_new();
	c->blocks = strtab_new();
	c->vils = strtab_new();
	c->hvils = strtab_new();
	c->pairs = u64map_new(0);
}

void
div_check_input(struct div_check *c, const char *name)
{
	c->names = xreallocarray(c->names, c->nfiles + 1, sizeof *c->names);
	c->names[c->nfiles++] = xstrdup(name);
}

#define CREJECT(c, col_, ...) (((c)->col = (col_)), \
	fail((c)->why, sizeof (c)->why, 1, __VA_ARGS__))

int
div_check_row(struct div_check *c, const struct div_crow *r)
{
	char vil[64], code[64], hidb[256];
	struct div_str id, blk;
	const char *why;
	size_t gi, bi, vi, hv;
	long n, persons = 0;
	uint64_t line;
	struct div_cgrid *g;
	struct div_cblock *b;
	int isnew;

	id = trimmed(r->id);
	if (id.n == 0)
		return CREJECT(c, "household_id", "empty");
	if ((n = clean_code(r->vil, vil, sizeof vil)) < 0 ||
	    code_check(vil, (size_t)n, LVL_VILLAGE, &why) < 0)
		return CREJECT(c, "village_code", "%s",
		    n < 0 ? "not a village code" : why);
	if (c->d->reg && region_find(c->d, vil) < 0)
		return CREJECT(c, "village_code", "unknown village '%s'", vil);
	if (c->haspers && (persons = parse_count(r->pers)) < 0)
		return CREJECT(c, "persons", "not a number of persons");
	hv = strtab_add(c->hvils, vil, 12, &isnew);
	if (hv >= c->caphv) {
		c->caphv = 2 * hv + 64;
		c->hvn = xreallocarray(c->hvn, c->caphv, sizeof *c->hvn);
	}
	if (isnew)
		c->hvn[hv] = 0;
	c->hvn[hv]++;
	snprintf(hidb, sizeof hidb, "%.*s", (int)id.n, id.s);
	blk = trimmed(r->blk);
	n = clean_code(r->grid, code, sizeof code);
	if (!seen_add(c, id.s, id.n, (uint64_t)(c->nfiles - 1) << 40 |
	    (uint64_t)r->line, &line)) {
		/* the block as the row has it from its first non-blank */
		problem(c, "duplicate_household", n > 0 ? code : "", hidb,
		    blk.s, "household also at %s:%ld", c->names[line >> 40],
		    (long)(line & (((uint64_t)1 << 40) - 1)));
		return 0;
	}
	if (n == 0) {
		problem(c, "unassigned", "", hidb, "", "no grid_code");
		return 0;
	}
	if (n < 0 || code_check(code, (size_t)n, LVL_GRID, &why) < 0) {
		problem(c, "bad_code", n < 0 ? "" : code, hidb, "", "%s",
		    n < 0 ? "not a grid code" : why);
		return 0;
	}
	if (memcmp(code, vil, 12) != 0)
		problem(c, "foreign_code", code, hidb, "",
		    "grid of village %.12s, household of village %s", code,
		    vil);

	gi = strtab_add(c->codes, code, 15, &isnew);
	vi = strtab_add(c->vils, vil, 12, NULL);
	if (isnew) {
		if (gi >= c->capg) {
			c->capg = 2 * gi + 64;
			c->g = xreallocarray(c->g, c->capg, sizeof *c->g);
		}
		g = &c->g[gi];
		memset(g, 0, sizeof *g);
		memcpy(g->code, code, 16);
		g->vil = vi;
	}
	g = &c->g[gi];
	g->hh++;
	g->res += persons;
	if (g->vil != vi && u64map_add(c->pairs, key2(code, vil, 12, 0x1d),
	    1, NULL)) {
		if (!g->multi)
			sbuf_adds(&g->vils, strtab_str(c->vils, g->vil));
		g->multi = 1;
		sbuf_addc(&g->vils, ';');
		sbuf_adds(&g->vils, vil);
	}

	if (!c->hasblk)
		return 0;
	{
		struct sbuf k = { 0 };

		sbuf_adds(&k, vil);
		sbuf_addc(&k, SEP_BLOCK);
		sbuf_add(&k, blk.s, blk.n);
		bi = strtab_add(c->blocks, k.s, k.len, &isnew);
		sbuf_free(&k);
	}
	if (isnew) {
		if (bi >= c->capb) {
			c->capb = 2 * bi + 64;
			c->b = xreallocarray(c->b, c->capb, sizeof *c->b);
		}
		b = &c->b[bi];
		memset(b, 0, sizeof *b);
		b->grid = gi;
		return 0;
	}
	b = &c->b[bi];
	if (b->grid != gi && u64map_add(c->pairs, key2(code,
	    strtab_str(c->blocks, bi), strtab_len(c->blocks, bi), SEP_UNIT),
	    1, NULL)) {
		if (!b->split) {
			b->hid = xstrdup(hidb);
			sbuf_adds(&b->grids, c->g[b->grid].code);
		}
		b->split = 1;
		sbuf_addc(&b->grids, ';');
		sbuf_adds(&b->grids, code);
	}
	return 0;
}

/*
 * Seamless coverage (无缝覆盖): every village of the regions with
 * households has a grid, and one without any household is said too, its
 * register being likely missing; in code order, after the grids.
 */
static void
coverage(struct div_check *c)
{
	const struct division *d = c->d;
	struct byname *ord;
	size_t i, n;
	long hv;

	n = d->reg ? strtab_count(d->reg) : 0;
	ord = xreallocarray(NULL, n + 1, sizeof *ord);
	for (i = 0; i < n; i++) {
		ord[i].s = strtab_str(d->reg, i);
		ord[i].i = (long)i;
	}
	qsort(ord, n, sizeof *ord, cmp_bystr);
	for (i = 0; i < n; i++) {
		hv = strtab_find(c->hvils, ord[i].s, 12);
		if (hv < 0)
			problem(c, "empty_village", "", "", "",
			    "village %s has no household in the register",
			    ord[i].s);
		else if (strtab_find(c->vils, ord[i].s, 12) < 0)
			problem(c, "ungridded_village", "", "", "",
			    "village %s has %ld households and no grid",
			    ord[i].s, c->hvn[hv]);
	}
	free(ord);
	for (i = 0; i < c->nhz; i++) {
		struct div_hazard *h = &c->hz[i];
		struct sbuf k = { 0 };
		int in;

		if (!*h->blk)
			in = strtab_find(c->vils, h->vil, 12) >= 0;
		else {
			sbuf_adds(&k, h->vil);
			sbuf_addc(&k, SEP_BLOCK);
			sbuf_adds(&k, h->blk);
			in = c->hasblk ? strtab_find(c->blocks, k.s, k.len) >= 0 :
			    strtab_find(c->vils, h->vil, 12) >= 0;
			sbuf_free(&k);
		}
		if (!in)
			problem(c, "uncovered_hazard", "", "", h->blk,
			    "hazard '%s'%s%s%s of village %s is in no grid",
			    h->id, *h->kind ? " (" : "", h->kind,
			    *h->kind ? ")" : "", h->vil);
		free(h->id);
		free(h->blk);
		free(h->kind);
	}
	free(c->hz);
}

int
div_check_hazard(struct div_check *c, struct div_str id, struct div_str vil,
    struct div_str blk, struct div_str kind)
{
	char v[64];
	const char *why;
	struct div_hazard *h;
	long n;

	id = trimmed(id);
	if (id.n == 0)
		return CREJECT(c, "hazard_id", "empty");
	if ((n = clean_code(vil, v, sizeof v)) < 0 ||
	    code_check(v, (size_t)n, LVL_VILLAGE, &why) < 0)
		return CREJECT(c, "village_code", "%s",
		    n < 0 ? "not a village code" : why);
	if (c->d->reg && region_find(c->d, v) < 0)
		return CREJECT(c, "village_code", "unknown village '%s'", v);
	if (c->nhz == c->caphz) {
		c->caphz = c->caphz ? 2 * c->caphz : 16;
		c->hz = xreallocarray(c->hz, c->caphz, sizeof *c->hz);
	}
	h = &c->hz[c->nhz++];
	blk = trimmed(blk);
	kind = trimmed(kind);
	h->id = xstrndup(id.s, id.n);
	h->blk = xstrndup(blk.s, blk.n);
	h->kind = xstrndup(kind.s, kind.n);
	memcpy(h->vil, v, 13);
	return 0;
}

long
div_check_end(struct div_check *c)
{
	const struct div_band *band = &c->d->band;
	struct byname *ord;
	size_t i, n, vi, capn = 0;
	strtab *vgrids;		/* village -> count of base grids */
	long *nbase = NULL;
	struct div_cgrid *g;
	const char *s;
	char vil[13];
	int kind, isnew, single, inband;

	/* blocks split between grids, in order of first appearance */
	for (i = 0; i < strtab_count(c->blocks); i++) {
		if (!c->b[i].split)
			continue;
		s = strtab_str(c->blocks, i);
		problem(c, "split_block", c->g[c->b[i].grid].code, c->b[i].hid,
		    s + 13, "block of village %.12s in grids %s", s,
		    c->b[i].grids.s);
		free(c->b[i].hid);
		sbuf_free(&c->b[i].grids);
	}

	/* grids, in code order */
	n = strtab_count(c->codes);
	ord = xreallocarray(NULL, n + 1, sizeof *ord);
	vgrids = strtab_new();
	for (i = 0; i < n; i++) {
		ord[i].s = c->g[i].code;
		ord[i].i = (long)i;
		if (grid_is_dedicated(c->g[i].code))
			continue;
		vi = strtab_add(vgrids, c->g[i].code, 12, &isnew);
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
	qsort(ord, n, sizeof *ord, cmp_bystr);
	for (i = 0; i < n; i++) {
		g = &c->g[ord[i].i];
		if (g->multi)
			problem(c, "duplicate_code", g->code, "", "",
			    "used for villages %s", g->vils.s);
		sbuf_free(&g->vils);
		if (grid_is_dedicated(g->code))
			continue;
		memcpy(vil, g->code, 12);
		vil[12] = '\0';
		if ((kind = div_village_kind(c->d, vil)) < 0)
			kind = KIND_URBAN;
		single = kind == KIND_RURAL &&
		    nbase[strtab_find(vgrids, vil, 12)] == 1;
		if (single) {
			if (g->hh > band->rural)
				problem(c, "oversize", g->code, "", "",
				    "%ld households, above %ld (rural village "
				    "in one grid)", g->hh, band->rural);
			if (c->haspers && band->rural_res > 0 &&
			    g->res > band->rural_res)
				problem(c, "over_residents", g->code, "", "",
				    "%ld residents, above %ld (rural village "
				    "in one grid)", g->res, band->rural_res);
			continue;
		}
		inband = div_in_band(band, g->hh, c->haspers ? g->res : 0);
		if (g->hh < band->hmin && inband == 0)
			problem(c, "undersize", g->code, "", "",
			    "%ld households, below %ld", g->hh, band->hmin);
		if (g->hh > band->hmax && inband == 0)
			problem(c, "oversize", g->code, "", "",
			    "%ld households, above %ld", g->hh, band->hmax);
		if (c->haspers && g->res > band->rmax)
			problem(c, "over_residents", g->code, "", "",
			    "%ld residents, above %ld", g->res, band->rmax);
	}
	coverage(c);
	for (i = 0; i < c->nfiles; i++)
		free(c->names[i]);
	free(c->names);
	free(ord);
	free(nbase);
	strtab_free(vgrids);
	free(c->g);
	free(c->b);
	strtab_free(c->codes);
	strtab_free(c->blocks);
	strtab_free(c->vils);
	strtab_free(c->hvils);
	free(c->hvn);
	seen_free(c->seen, c->seencap);
	u64map_free(c->pairs);
	n = c->nproblems;
	memset(c, 0, sizeof *c);
	return (long)n;
}

/* ---- the layout of the output and the tables of a division ---- */

const char *const div_hhcols[5] = { "household_id", "village_code",
    "block", "address", "persons" };

static struct div_str
fld(const struct gw_rec *rec, int col)
{
	struct div_str f;

	f.s = gw_field(rec, col, &f.n);
	return f;
}

/* The layout of households derived from persons (or from a store). */
void
div_layout_households(struct div_layout *L, struct division *d)
{
	size_t i;

	L->have = 1;
	L->nnames = 5;
	L->names = xreallocarray(NULL, 5, sizeof *L->names);
	for (i = 0; i < 5; i++)
		L->names[i] = xstrdup(div_hhcols[i]);
	d->col_id = 0;
	d->col_addr = 3;
	L->c_pers = 4;
	L->c_grid = L->c_micro = -1;
}

int
div_layout_map(struct div_layout *L, const char *const *h, size_t n)
{
	size_t i, k;
	int dropped = 0;

	L->map = xreallocarray(L->map, L->nnames, sizeof *L->map);
	for (k = 0; k < L->nnames; k++) {
		L->map[k] = -1;
		for (i = 0; i < n; i++)
			if (strcmp(h[i], L->names[k]) == 0) {
				L->map[k] = (int)i;
				break;
			}
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < L->nnames; k++)
			if (L->map[k] == (int)i)
				break;
		if (k == L->nnames)
			dropped++;
	}
	return dropped;
}

void
div_layout_header(const struct div_layout *L, int micro, csvw *out)
{
	const char **h;
	size_t n = 0, i;

	h = xreallocarray(NULL, L->nnames + 2, sizeof *h);
	for (i = 0; i < L->nnames; i++)
		h[n++] = L->names[i];
	if (L->c_grid < 0)
		h[n++] = "grid_code";
	if (micro && L->c_micro < 0)
		h[n++] = "micro_grid_code";
	csvw_header(out, h, n);
	free(h);
}

int
div_write_rows(const struct div_layout *L, const struct division *d,
    const struct div_village *V, csvw *out)
{
	char code[16], mcode[19];
	size_t i, k;
	const struct div_hh *h;
	int micro = d->micro;

	for (i = 0; i < V->nh; i++) {
		h = &V->h[i];
		snprintf(code, sizeof code, "%s%03d", V->code,
		    V->grids[h->grid].seq);
		if (micro)
			snprintf(mcode, sizeof mcode, "%s%03d", code, h->micro);
		for (k = 0; k < L->nnames; k++) {
			if ((int)k == L->c_grid)
				csvw_field(out, code, 15);
			else if ((int)k == L->c_micro)
				csvw_field(out, micro ? mcode : "",
				    micro ? 18 : 0);
			else if (d->member && (int)k == L->c_pers)
				csvw_fieldf(out, "%ld", h->persons);
			else
				csvw_field(out, div_field(V, h, (int)k),
				    (size_t)-1);
		}
		if (L->c_grid < 0)
			csvw_field(out, code, 15);
		if (micro && L->c_micro < 0)
			csvw_field(out, mcode, 18);
		csvw_endrec(out);
	}
	return csvw_error(out);
}

void
div_grids_header(csvw *gout, int status)
{
	static const char *const hdr[] = { "grid_code", "village_code",
	    "kind", "households", "residents", "blocks", "note", "status" };

	csvw_header(gout, hdr, status ? 8 : 7);
}

void
div_write_grids(csvw *gout, const struct div_village *V, int status)
{
	const struct div_grid *g;
	size_t i;

	for (i = 0; i < V->ng; i++) {
		g = &V->grids[i];
		csvw_fieldf(gout, "%s%03d", V->code, g->seq);
		csvw_field(gout, V->code, 12);
		csvw_field(gout, g->ded ? "dedicated" : "base", (size_t)-1);
		csvw_fieldf(gout, "%ld", g->hh);
		csvw_fieldf(gout, "%ld", g->res);
		csvw_field(gout, g->blocks.s ? g->blocks.s : "",
		    g->blocks.len);
		csvw_field(gout, g->note.s ? g->note.s : "", g->note.len);
		if (status)
			csvw_field(gout, div_status_name(g->status),
			    (size_t)-1);
		csvw_endrec(gout);
	}
}

int
div_prev_bind(struct div_pcols *c, const csvr *r, char *why, size_t n)
{
	c->id = csvr_col(r, "household_id");
	c->vil = csvr_col(r, "village_code");
	c->blk = csvr_col(r, "block");
	c->pers = csvr_col(r, "persons");
	c->grid = csvr_col(r, "grid_code");
	c->hh = csvr_col(r, "households");
	c->res = csvr_col(r, "residents");
	c->blocks = csvr_col(r, "blocks");
	c->note = csvr_col(r, "note");
	c->status = csvr_col(r, "status");
	c->micro = csvr_col(r, "micro_grid_code");
	if (c->grid < 0 || (c->id < 0 && c->blocks < 0)) {
		snprintf(why, n, "%s: not an assignment (household_id, "
		    "grid_code) or a grid table (grid_code, blocks)",
		    csvr_name(r));
		return -1;
	}
	return 0;
}

int
div_prev_rec(struct division *d, const struct div_pcols *c,
    const struct gw_rec *rec)
{
	struct div_prow p = {
		fld(rec, c->grid), fld(rec, c->vil), fld(rec, c->id),
		fld(rec, c->blk), fld(rec, c->pers), fld(rec, c->hh),
		fld(rec, c->res), fld(rec, c->blocks), fld(rec, c->note),
		fld(rec, c->status), c->vil >= 0, c->blk >= 0, c->pers >= 0,
		fld(rec, c->micro)
	};

	return div_prev_row(d, c->id < 0, &p);
}

void
div_check_header(csvw *out)
{
	static const char *const hdr[] = { "problem", "grid_code",
	    "household_id", "block", "detail" };

	csvw_header(out, hdr, 5);
}

void
div_problem_row(void *out, const char *what, const char *grid,
    const char *hid, const char *blk, const char *detail)
{
	csvw_field(out, what, (size_t)-1);
	csvw_field(out, grid, (size_t)-1);
	csvw_field(out, hid, (size_t)-1);
	csvw_field(out, blk, (size_t)-1);
	csvw_field(out, detail, (size_t)-1);
	csvw_endrec(out);
}

int
div_hazard_bind(struct div_hcols *c, const csvr *r, char *why, size_t n)
{
	c->id = csvr_col(r, "hazard_id");
	c->vil = csvr_col(r, "village_code");
	c->blk = csvr_col(r, "block");
	c->kind = csvr_col(r, "kind");
	if (c->id < 0 || c->vil < 0) {
		snprintf(why, n, "%s: hazards need columns hazard_id, "
		    "village_code", csvr_name(r));
		return -1;
	}
	return 0;
}

int
div_hazard_rec(struct div_check *ck, const struct div_hcols *c,
    const struct gw_rec *rec)
{
	return div_check_hazard(ck, fld(rec, c->id), fld(rec, c->vil),
	    fld(rec, c->blk), fld(rec, c->kind));
}

void
div_layout_input(struct div_layout *L, struct division *d,
    const char *const *h, size_t n, int pers, int grid, int micro)
{
	size_t i;

	L->have = 1;
	L->nnames = n;
	L->names = xreallocarray(NULL, n, sizeof *L->names);
	for (i = 0; i < n; i++)
		L->names[i] = xstrdup(h[i]);
	d->col_id = L->p_id;
	d->col_addr = L->p_addr;
	L->c_pers = pers;
	L->c_grid = grid;
	L->c_micro = micro;
}

int
div_layout_hhbind(csvr *r, void *arg)
{
	struct div_layout *L = arg;
	size_t i;

	for (i = 0; i < 5; i++)
		L->map[i] = csvr_col(r, div_hhcols[i]);
	L->p_id = L->map[0];
	L->p_vil = L->map[1];
	L->p_blk = L->map[2];
	L->p_addr = L->map[3];
	return 0;
}

int
div_add_rec(struct division *d, struct div_layout *L,
    const struct gw_rec *rec)
{
	struct div_row r;
	size_t k;

	r.id = fld(rec, L->p_id);
	r.vil = fld(rec, L->p_vil);
	r.blk = fld(rec, L->p_blk);
	r.addr = fld(rec, L->p_addr);
	r.pers = d->member ? fld(rec, -1) : fld(rec, L->map[L->c_pers]);
	r.line = rec->line;
	r.nf = d->member ? 0 : L->nnames;
	L->pf = xreallocarray(L->pf, L->nnames, sizeof *L->pf);
	for (k = 0; k < r.nf; k++)
		L->pf[k] = fld(rec, L->map[k]);
	r.f = L->pf;
	return div_add(d, &r);
}

const char *const div_regcols[4] = { "code", "name", "kind",
    "urban_rural_code" };
const char *const div_unitcols[4] = { "unit_id", "village_code",
    "people", "name" };
const char *const div_chkcols[5] = { "household_id", "village_code",
    "grid_code", "block", "persons" };

int
div_region_rec(struct division *d, const int *rc, const struct gw_rec *rec)
{
	size_t len;

	return div_region(d, fld(rec, rc[0]), gw_field(rec, rc[2], &len),
	    rc[3] >= 0 ? gw_field(rec, rc[3], &len) : NULL,
	    gw_field(rec, rc[1], &len));
}

int
div_unit_rec(struct division *d, const int *uc, const struct gw_rec *rec)
{
	return div_unit(d, fld(rec, uc[0]), fld(rec, uc[3]), fld(rec, uc[1]),
	    fld(rec, uc[2]));
}

int
div_check_rec(struct div_check *ck, const int *cc, const struct gw_rec *rec)
{
	struct div_crow c = { fld(rec, cc[0]), fld(rec, cc[1]),
	    fld(rec, cc[3]), fld(rec, cc[2]), fld(rec, cc[4]), rec->line };

	return div_check_row(ck, &c);
}
