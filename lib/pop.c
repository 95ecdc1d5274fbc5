/*
 * pop.c — the population engine: persons counted in the grid of their
 * household, by sex, age band and tag; households living alone as
 * elderly or holding an old person; the key persons a grid's workers
 * must visit each month and whether they were (gridwork-rules(7),
 * POPULATION and ASSESSMENT; every figure is policy, [pop] of gridwork-policy(5)).
 *
 * The caller reads the tables (pop-report from files or the store) and
 * gives the engine one row at a time as fields; a row the engine
 * refuses comes back as a fault (the column and why) for the caller to
 * reject.  The engine reads no file, prints nothing and never exits.
 *
 * Memory and time: per person O(1) work (an identity-number check, the
 * household found as the last one, the next one in the assignment or by
 * one hash look-up, the tag spellings looked up in a small table) and no
 * per-person memory but the duplicate-id set (9 bytes a slot, 12 to 24
 * bytes a person, idset.c).  Per household: 20 bytes of state and its
 * fingerprint in the assignment's duplicate set (12 to 24 bytes); the
 * household map (32 to 64 bytes a household) is made only when persons
 * come in another order than the assignment.  Per grid one row of
 * counts.  Lists and visits keep the persons they may give (the tagged
 * ones, and those old enough to live alone as elderly), since whether
 * someone lives alone is known only once every person was read.
 *
 * Household ids are held as 64-bit fingerprints (idset_hash): two
 * different ids could share one with chance about n * n / 2^65 (1 in
 * 300,000 for ten million households).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

#define MAXTAG 64	/* tags fit the bits of a uint64_t */
#define MAXBAND 32

/* A household of the assignment: 20 bytes.  n and visits saturate. */
struct hh {
	uint64_t fp;		/* fingerprint of its id (idset_hash) */
	uint32_t grid;		/* index into gcode */
	uint16_t n;		/* persons accepted */
	uint16_t visits;	/* visits in the month by its grid's workers */
	uint8_t maxage;		/* age of its oldest person (255 cap) */
	uint8_t key;		/* holds a person needing visits */
	uint8_t assigned;	/* placed by the assignment, not by block */
};

/* A person kept for a list or the visits; strings in arena at off:
   id, name, household_id, relation, address, phone, each NUL-ended. */
struct prec {
	uint64_t tags;		/* tag bits */
	size_t off;
	uint32_t hh;		/* index into hh */
	uint32_t seq;		/* input order */
	uint8_t age, male;
	uint8_t req;		/* visits required a month */
};

/* A worker of the visits. */
struct worker {
	long grid;		/* index into gcode, -1 when none */
	long keyvisits;		/* visits in the month to key households of
				   the worker's grid */
};

/* A grid's sums of the visits. */
struct gsum {
	long persons, shorts, req, made, cred;
};

struct pop {
	int mode;
	long listtag;		/* tag index or POP_ALONE */
	long asof, m0, m1;

	const policy *pol;
	int nband;
	int blo[MAXBAND], bhi[MAXBAND];
	signed char bandof[256];	/* age -> band, -1 none */
	int ntag;
	char *tagname[MAXTAG];
	int tagvis[MAXTAG];	/* visits required a month */
	uint64_t vismask;	/* tags that need visits */
	strtab *spell;		/* spelling -> index into spelltag */
	int *spelltag;
	long alone_age, old_age;
	int alone_tag;		/* -1 when none */

	/* count columns of a grid */
	int ncol, c_band, c_tag, c_unk, c_alone, c_old;
	const char **names;	/* the register's header, 2 + ncol */

	u64map *hmap;		/* household fingerprint -> index, made when
				   first needed (hmap_need) */
	idset *hset;		/* household fingerprints of the assignment */
	struct hh *hh;
	size_t nhh, caphh;
	u64map *gmap;		/* grid code -> index */
	u64map *blockmap;	/* base grids: hash of village NUL block ->
				   grid index; village code -> its only base
				   grid, UINT64_MAX when it has several */
	uint64_t *gcode;
	long *cnt;		/* ncol counts per grid */
	size_t ngrid, capgrid;
	idset *ids;		/* identity numbers seen */

	struct prec *rec;
	size_t nrec, caprec;
	struct sbuf arena;

	strtab *wid;		/* worker_id -> index */
	struct worker *wk;
	size_t capwk;
	idset *vseen;		/* worker, date, household seen */
	size_t *wl, *wf;	/* workers of each grid: wl[wf[g]..wf[g+1]) */
	struct gsum *gs;
	size_t *gix;		/* grids in code order */
	struct sbuf ws, tags;

	struct pop_counts n;
	uint64_t lastfp, lastv;	/* the last household looked up */
	int lastok;
	char lastg[32];		/* the last grid code of the assignment as
				   written, and its grid: an assignment
				   lists a grid's households together */
	size_t lastgn, lastgix;
	char why[512];
};

static const char *
fail(pop *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->why, sizeof p->why, fmt, ap);
	va_end(ap);
	return p->why;
}

static int
fault(struct pop_fault *f, const char *col, const char *fmt, ...)
{
	va_list ap;

	f->col = col;
	va_start(ap, fmt);
	vsnprintf(f->why, sizeof f->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* s[0..n) as a number when it is 1 to 19 ASCII digits, else
   UINT64_MAX. */
static uint64_t
digits(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 19)
		return UINT64_MAX;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return UINT64_MAX;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	return v;
}

/* A 15-digit grid code as a number, in ASCII or full-width digits; 0
   or -1 with *why.  worker: a worker's grid, which may be the 18-digit
   code of one of its micro-grids, rolled up to the grid. */
static int
anygridcode(const char *s, size_t n, int worker, uint64_t *code,
    const char **why)
{
	char buf[128];
	const char *t;

	if (n >= sizeof buf) {
		*why = "not a grid code";
		return -1;
	}
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	t = gw_trim(buf, &n);
	buf[t - buf + n] = '\0';
	if ((worker ? worker_grid_check(t, n, why) :
	    code_check(t, n, LVL_GRID, why)) < 0)
		return -1;
	buf[t - buf + LVL_GRID] = '\0';
	*code = strtoull(t, NULL, 10);
	return 0;
}

static int
gridcode(const char *s, size_t n, uint64_t *code, const char **why)
{
	return anygridcode(s, n, 0, code, why);
}

/* ---- policy ---- */

long
pop_tag(const pop *p, const char *s, size_t n)
{
	long i = strtab_find(p->spell, s, n);

	return i < 0 ? -1 : p->spelltag[i];
}

static int
addspell(pop *p, const struct policy_kv *kv, const char *s, size_t n,
    int tag)
{
	int isnew;
	size_t i;

	i = strtab_add(p->spell, s, n, &isnew);
	if (!isnew && p->spelltag[i] != tag) {
		fail(p, "%s:%d: spelling '%.*s' belongs to two tags", kv->file,
		    kv->line, (int)n, s);
		return -1;
	}
	p->spelltag = xreallocarray(p->spelltag, i + 1, sizeof *p->spelltag);
	p->spelltag[i] = tag;
	return 0;
}

/* The age bands of pop.age_bands: "0-17 18-59 60+". */
static int
bands(pop *p, const char *v)
{
	const char *s, *e, *tok;
	char *end;
	int a, lo, hi;

	memset(p->bandof, -1, sizeof p->bandof);
	for (s = v; *(s += strspn(s, " \t")); s = e) {
		e = s + strcspn(s, " \t");
		tok = s;
		lo = (int)strtol(s, &end, 10);
		if (end == s || lo < 0 || lo > 254)
			goto bad;
		if (*end == '+' && end + 1 == e)
			hi = 254;
		else if (*end == '-') {
			s = end + 1;
			hi = (int)strtol(s, &end, 10);
			if (end == s || end != e || hi < lo || hi > 254)
				goto bad;
		} else
			goto bad;
		if (p->nband == MAXBAND) {
			fail(p, "policy '%s': more than %d age bands",
			    policy_name(p->pol), MAXBAND);
			return -1;
		}
		for (a = lo; a <= hi; a++) {
			if (p->bandof[a] >= 0) {
				fail(p, "policy '%s': age band %d-%d overlaps "
				    "another", policy_name(p->pol), lo, hi);
				return -1;
			}
			p->bandof[a] = (signed char)p->nband;
		}
		p->bandof[255] = p->bandof[254];
		p->blo[p->nband] = lo;
		p->bhi[p->nband++] = hi;
		continue;
bad:
		fail(p, "policy '%s': age band '%.*s' is neither FROM-TO nor "
		    "FROM+", policy_name(p->pol), (int)(e - tok), tok);
		return -1;
	}
	if (p->nband == 0) {
		fail(p, "policy '%s': pop.age_bands is empty",
		    policy_name(p->pol));
		return -1;
	}
	return 0;
}

/* The tags (tag.NAME spellings...) and the visits they need. */
static int
tags(pop *p)
{
	const struct policy_kv *kv;
	const char *why, *s, *e, *v;
	size_t n, i, len;
	long k;
	int t;

	p->spell = strtab_new();
	kv = policy_section(p->pol, "pop", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "tag.", 4) != 0)
			continue;
		if (p->ntag == MAXTAG) {
			fail(p, "%s:%d: more than %d tags", kv[i].file,
			    kv[i].line, MAXTAG);
			return -1;
		}
		if (!kv[i].key[4]) {
			fail(p, "%s:%d: key 'tag.': no tag name", kv[i].file,
			    kv[i].line);
			return -1;
		}
		t = p->ntag++;
		p->tagname[t] = xstrdup(kv[i].key + 4);
		if (addspell(p, &kv[i], p->tagname[t], strlen(p->tagname[t]),
		    t) < 0)
			return -1;
		for (s = kv[i].val; *(s += strspn(s, " \t")); s = e) {
			e = s + strcspn(s, " \t");
			if (addspell(p, &kv[i], s, (size_t)(e - s), t) < 0)
				return -1;
		}
	}
	if (p->ntag == 0) {
		fail(p, "policy '%s': no tags (tag.NAME keys of [pop])",
		    policy_name(p->pol));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "visits.", 7) != 0)
			continue;
		len = strlen(kv[i].key + 7);
		if ((k = pop_tag(p, kv[i].key + 7, len)) < 0 ||
		    strcmp(p->tagname[k], kv[i].key + 7) != 0) {
			fail(p, "%s:%d: key '%s': no tag.%s", kv[i].file,
			    kv[i].line, kv[i].key, kv[i].key + 7);
			return -1;
		}
	}
	for (t = 0; t < p->ntag; t++) {
		char key[256];
		long vis = 0;

		snprintf(key, sizeof key, "visits.%s", p->tagname[t]);
		if (policy_get(p->pol, "pop", key) &&
		    policy_int(p->pol, "pop", key, &vis, &why) < 0) {
			fail(p, "%s", why);
			return -1;
		}
		if (vis < 0 || vis > 250) {
			fail(p, "policy '%s': pop.%s must be 0 to 250",
			    policy_name(p->pol), key);
			return -1;
		}
		p->tagvis[t] = (int)vis;
		if (vis > 0)
			p->vismask |= (uint64_t)1 << t;
	}
	p->alone_tag = -1;
	if ((v = policy_get(p->pol, "pop", "alone_tag")) && *v) {
		if ((k = pop_tag(p, v, strlen(v))) < 0) {
			fail(p, "policy '%s': pop.alone_tag '%s' is no tag",
			    policy_name(p->pol), v);
			return -1;
		}
		p->alone_tag = (int)k;
	}
	return 0;
}

/* The register's header: area, level, then the count columns. */
static void
header(pop *p)
{
	char buf[64];
	int k;

	p->c_band = 4;
	p->c_tag = p->c_band + p->nband;
	p->c_unk = p->c_tag + p->ntag;
	p->c_alone = p->c_unk + 1;
	p->c_old = p->c_alone + 1;
	p->ncol = p->c_old + 1;
	p->names = xcalloc(2 + (size_t)p->ncol, sizeof *p->names);
	p->names[0] = xstrdup("area_code");
	p->names[1] = xstrdup("area_level");
	p->names[2] = xstrdup("households");
	p->names[3] = xstrdup("residents");
	p->names[4] = xstrdup("male");
	p->names[5] = xstrdup("female");
	for (k = 0; k < p->nband; k++) {
		if (p->bhi[k] >= 254)
			snprintf(buf, sizeof buf, "age_%d_plus", p->blo[k]);
		else
			snprintf(buf, sizeof buf, "age_%d_%d", p->blo[k],
			    p->bhi[k]);
		p->names[2 + p->c_band + k] = xstrdup(buf);
	}
	for (k = 0; k < p->ntag; k++)
		p->names[2 + p->c_tag + k] = xstrdup(p->tagname[k]);
	p->names[2 + p->c_unk] = xstrdup("unknown_tag");
	p->names[2 + p->c_alone] = xstrdup("alone_elderly");
	snprintf(buf, sizeof buf, "households_%ld_plus", p->old_age);
	p->names[2 + p->c_old] = xstrdup(buf);
}

pop *
pop_new(const policy *pol, int mode, const char **why)
{
	const char *v, *w;
	pop *p;

	p = xcalloc(1, sizeof *p);
	p->pol = pol;
	p->mode = mode;
	p->listtag = -1;
	if (!(v = policy_get(pol, "pop", "age_bands")) || !*v) {
		*why = fail(p, "policy '%s': missing key 'pop.age_bands'",
		    policy_name(pol));
		goto bad;
	}
	if (bands(p, v) < 0)
		goto badwhy;
	if (policy_int(pol, "pop", "alone_age", &p->alone_age, &w) < 0 ||
	    policy_int(pol, "pop", "old_age", &p->old_age, &w) < 0) {
		*why = fail(p, "%s", w);
		goto bad;
	}
	if (p->alone_age < 0 || p->alone_age > 254 || p->old_age < 0 ||
	    p->old_age > 254) {
		*why = fail(p, "policy '%s': pop.alone_age and pop.old_age "
		    "must be 0 to 254", policy_name(pol));
		goto bad;
	}
	if (tags(p) < 0)
		goto badwhy;
	header(p);
	p->hset = idset_new();
	p->gmap = u64map_new(0);
	p->ids = idset_new();
	p->wid = strtab_new();
	p->vseen = idset_new();
	return p;
badwhy:
	*why = p->why;
bad:
	/* the reason lives in p: keep it in a static copy */
	{
		static char keep[512];

		snprintf(keep, sizeof keep, "%s", *why);
		*why = keep;
	}
	pop_free(p);
	return NULL;
}

void
pop_free(pop *p)
{
	int k;

	if (!p)
		return;
	for (k = 0; k < p->ntag; k++)
		free(p->tagname[k]);
	if (p->names)
		for (k = 0; k < 2 + p->ncol; k++)
			free((char *)p->names[k]);
	free(p->names);
	strtab_free(p->spell);
	free(p->spelltag);
	u64map_free(p->hmap);
	idset_free(p->hset);
	gw_bigfree(p->hh, p->caphh * sizeof *p->hh);
	u64map_free(p->gmap);
	u64map_free(p->blockmap);
	free(p->gcode);
	free(p->cnt);
	idset_free(p->ids);
	free(p->rec);
	sbuf_free(&p->arena);
	strtab_free(p->wid);
	free(p->wk);
	idset_free(p->vseen);
	free(p->wl);
	free(p->wf);
	free(p->gs);
	free(p->gix);
	sbuf_free(&p->ws);
	sbuf_free(&p->tags);
	free(p);
}

int
pop_list(pop *p, const char *name, const char **why)
{
	long k;

	if (strcmp(name, "alone_elderly") == 0)
		p->listtag = POP_ALONE;
	else if ((k = pop_tag(p, name, strlen(name))) >= 0)
		p->listtag = k;
	else {
		*why = fail(p, "--list: '%s' is no tag of policy '%s' (nor "
		    "alone_elderly)", name, policy_name(p->pol));
		return -1;
	}
	return 0;
}

void
pop_asof(pop *p, long day)
{
	p->asof = day;
}

void
pop_month(pop *p, long first, long last)
{
	p->m0 = first;
	p->m1 = last;
}

const struct pop_counts *
pop_counts(const pop *p)
{
	return &p->n;
}

/* ---- grids and households ---- */

static size_t
gridix(pop *p, uint64_t code)
{
	uint64_t v;

	if (u64map_get(p->gmap, code, &v))
		return (size_t)v;
	if (p->ngrid == p->capgrid) {
		p->capgrid = p->capgrid ? p->capgrid * 2 : 256;
		p->gcode = xreallocarray(p->gcode, p->capgrid,
		    sizeof *p->gcode);
		p->cnt = xreallocarray(p->cnt, p->capgrid * (size_t)p->ncol,
		    sizeof *p->cnt);
	}
	p->gcode[p->ngrid] = code;
	memset(p->cnt + p->ngrid * (size_t)p->ncol, 0,
	    (size_t)p->ncol * sizeof *p->cnt);
	u64map_put(p->gmap, code, p->ngrid);
	return p->ngrid++;
}

/*
 * The map from household to index is made only when needed: persons in
 * the order of the assignment (the usual case) are found without it, and
 * the assignment's duplicates are caught by the smaller hset.
 */
static void
hmap_need(pop *p)
{
	size_t i;

	if (p->hmap)
		return;
	p->hmap = u64map_new(p->nhh);
	for (i = 0; i < p->nhh; i++)
		u64map_add(p->hmap, p->hh[i].fp, i, NULL);
}

static struct hh *
newhh(pop *p, uint64_t fp, size_t grid)
{
	struct hh *h;

	if (p->nhh == p->caphh) {
		size_t cap = p->caphh ? p->caphh * 2 : 4096;

		p->hh = gw_bigrealloc(p->hh, p->caphh * sizeof *p->hh,
		    cap * sizeof *p->hh);
		p->caphh = cap;
	}
	if (p->hmap)
		u64map_put(p->hmap, fp, p->nhh);
	h = &p->hh[p->nhh++];
	memset(h, 0, sizeof *h);
	h->fp = fp;
	h->grid = (uint32_t)grid;
	return h;
}

int
pop_assign(pop *p, const char *hid, size_t n, const char *grid, size_t gn,
    struct pop_fault *f)
{
	const char *why;
	uint64_t code, fp, old;
	size_t g;
	int same;

	hid = gw_trim(hid, &n);
	if (n == 0)
		return fault(f, "household_id", "empty");
	/* the duplicate set's slot is a cache miss: fetched while the
	   grid code is read */
	fp = idset_hash(hid, n);
	idset_prefetch(p->hset, fp);
	if ((same = p->lastgn > 0 && gn == p->lastgn &&
	    memcmp(grid, p->lastg, gn) == 0))
		code = p->gcode[p->lastgix];
	else if (gridcode(grid, gn, &code, &why) < 0)
		return fault(f, "grid_code", "%s", why);
	if (!idset_addh(p->hset, fp)) {
		hmap_need(p);
		u64map_get(p->hmap, fp, &old);
		if (p->gcode[p->hh[old].grid] != code) {
			p->n.nsplit++;
			return fault(f, "grid_code", "household '%.*s' split "
			    "across grids: already in %015llu", (int)n, hid,
			    (unsigned long long)p->gcode[p->hh[old].grid]);
		}
		return fault(f, "household_id", "household '%.*s' listed "
		    "twice", (int)n, hid);
	}
	/* a grid is made by an accepted row only */
	g = same ? p->lastgix : gridix(p, code);
	if (!same && gn < sizeof p->lastg) {
		memcpy(p->lastg, grid, gn);
		p->lastgn = gn;
		p->lastgix = g;
	}
	newhh(p, fp, g)->assigned = 1;
	return 0;
}

void
pop_base_grid(pop *p, const char *grid, const char *village,
    const char *blocks)
{
	const char *why, *b, *e;
	struct sbuf k = { 0 };
	uint64_t code, vil, old;
	size_t g, vn;

	if (!p->blockmap) {
		p->blockmap = u64map_new(0);
		if (!p->hmap)
			p->hmap = u64map_new(0);
	}
	if (!grid || gridcode(grid, strlen(grid), &code, &why) < 0)
		return;		/* the store checked it on load */
	g = gridix(p, code);
	vil = code / 1000;
	if (!u64map_add(p->blockmap, vil, g, &old) && old != g)
		u64map_put(p->blockmap, vil, UINT64_MAX);
	vn = village ? strlen(village) : 0;
	for (b = blocks; b && *b; b = *e ? e + 1 : e) {
		e = b + strcspn(b, ";");
		sbuf_reset(&k);
		sbuf_add(&k, village ? village : "", vn);
		sbuf_addc(&k, '\0');
		sbuf_add(&k, b, (size_t)(e - b));
		u64map_put(p->blockmap, idset_hash(k.s, k.len), g);
	}
	sbuf_free(&k);
}

void
pop_base_grids(pop *p)
{
	if (!p->blockmap) {
		p->blockmap = u64map_new(0);
		if (!p->hmap)
			p->hmap = u64map_new(0);
	}
}

/* ---- persons ---- */

/* Whether a kept person is one of the derived elderly living alone. */
static int
alone(const pop *p, const struct prec *r)
{
	return p->hh[r->hh].n == 1 && r->age >= p->alone_age;
}

static void
keep(pop *p, const char *const *f, const size_t *fn, const struct idno *id,
    uint64_t tags, size_t hix, int age)
{
	static const int kc[] = { POP_NAME, POP_HH, POP_REL, POP_ADDR,
	    POP_PHONE };
	struct prec *r;
	const char *s;
	size_t i, n;

	if (p->nrec == p->caprec) {
		p->caprec = p->caprec ? p->caprec * 2 : 1024;
		p->rec = xreallocarray(p->rec, p->caprec, sizeof *p->rec);
	}
	r = &p->rec[p->nrec];
	r->seq = (uint32_t)p->nrec++;
	r->tags = tags;
	r->hh = (uint32_t)hix;
	r->age = (uint8_t)age;
	r->male = (uint8_t)id->male;
	r->req = 0;
	r->off = p->arena.len;
	sbuf_add(&p->arena, id->s, 19);
	for (i = 0; i < sizeof kc / sizeof kc[0]; i++) {
		n = fn[kc[i]];
		s = gw_trim(f[kc[i]], &n);
		sbuf_add(&p->arena, s, n);
		sbuf_addc(&p->arena, '\0');
	}
}

/*
 * Splits a tags field on ';' (also '；', '、' and ','), trims each tag
 * and maps its spelling; an unknown spelling is given to unk and sets
 * *nunk.  Returns the tag bits.
 */
static uint64_t
tagbits(pop *p, const char *s, size_t n, pop_unknown_fn *unk, void *arg,
    int *nunk)
{
	uint64_t bits = 0;
	const char *e, *end = s + n;
	size_t sep, k;
	long t;

	*nunk = 0;
	while (s < end) {
		for (e = s, sep = 0; e < end; e++) {
			if (*e == ';' || *e == ',') {
				sep = 1;
				break;
			}
			/* '；' U+FF1B, '、' U+3001 */
			if (end - e >= 3 && ((memcmp(e, "\xef\xbc\x9b", 3) ==
			    0) || memcmp(e, "\xe3\x80\x81", 3) == 0)) {
				sep = 3;
				break;
			}
		}
		k = (size_t)(e - s);
		s = gw_trim(s, &k);
		/* the ideographic space U+3000 around a tag */
		while (k >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 3;
			k -= 3;
		}
		while (k >= 3 && memcmp(s + k - 3, "\xe3\x80\x80", 3) == 0)
			k -= 3;
		if (k > 0) {
			if ((t = pop_tag(p, s, k)) >= 0)
				bits |= (uint64_t)1 << t;
			else {
				if (unk)
					unk(arg, s, k);
				*nunk = 1;
			}
		}
		s = e + sep;
	}
	return bits;
}

uint64_t
pop_tagbits(pop *p, const char *s, size_t n, int *nunk)
{
	return tagbits(p, s, n, NULL, NULL, nunk);
}

const char *
pop_tagname(const pop *p, int t)
{
	return t >= 0 && t < p->ntag ? p->tagname[t] : NULL;
}

/*
 * With base grids: the household of a person not yet seen is placed in
 * the base grid of its village holding its block (the only base grid of
 * the village when it has one); a later member whose block lies in
 * another grid splits the household and is refused.  Returns the
 * household's index, or -1 with the fault.
 */
static long
byblock(pop *p, const char *const *f, const size_t *fn, uint64_t fp, long v,
    struct pop_fault *flt)
{
	const char *vil, *blk;
	size_t vn = fn[POP_VIL], bn = fn[POP_BLOCK];
	uint64_t g, key;
	struct sbuf b = { 0 };
	int found;

	vil = gw_trim(f[POP_VIL], &vn);
	blk = gw_trim(f[POP_BLOCK], &bn);
	sbuf_add(&b, vil, vn);
	sbuf_addc(&b, '\0');
	sbuf_add(&b, blk, bn);
	key = idset_hash(b.s, b.len);
	sbuf_free(&b);
	found = u64map_get(p->blockmap, key, &g);
	if (!found && u64map_get(p->blockmap, digits(vil, vn), &g) &&
	    g != UINT64_MAX)
		found = 1;
	if (!found)
		return fault(flt, "block", "no base grid of village '%.*s' "
		    "holds block '%.*s'", (int)vn, vil, (int)bn, blk);
	if (v >= 0) {
		if (p->hh[v].grid == g)
			return v;
		p->n.nsplit++;
		return fault(flt, "block", "household split across grids: "
		    "already in %015llu",
		    (unsigned long long)p->gcode[p->hh[v].grid]);
	}
	newhh(p, fp, (size_t)g);
	return (long)p->nhh - 1;
}

int
pop_person(pop *p, const char *const *f, const size_t *fn,
    pop_unknown_fn *unk, void *arg, struct pop_fault *flt)
{
	struct idno id;
	const char *s, *why;
	char vil[24];
	size_t n, t;
	uint64_t v, bits, b, idh, fp;
	struct hh *h;
	long *c;
	long sv;
	int age, nunk, band, kept;

	/*
	 * Fetch the id's slot of the duplicate set while the number is
	 * checked and the household looked up: a number written in its
	 * normal form (the usual case) hashes as read; any other is hashed
	 * again once normalised.
	 */
	s = f[POP_ID];
	n = fn[POP_ID];
	idh = idset_hash(s, n);
	idset_prefetch(p->ids, idh);
	if (idno_parse(s, n, p->asof, &id, &why) < 0)
		return fault(flt, "id_number", "%s", why);
	if (n != 18 || memcmp(s, id.s, 18) != 0)
		idh = idset_hash(id.s, 18);
	n = fn[POP_HH];
	s = gw_trim(f[POP_HH], &n);
	if (n == 0)
		return fault(flt, "household_id", "empty");
	/*
	 * A census lists a household's members together, and mostly in
	 * the order of the assignment: the last household or the next one
	 * spare a look-up in the map.
	 */
	fp = idset_hash(s, n);
	if (p->blockmap) {
		/* a county with an assignment beside one placed by block */
		sv = u64map_get(p->hmap, fp, &v) ? (long)v : -1;
		if ((sv < 0 || !p->hh[sv].assigned) &&
		    (sv = byblock(p, f, fn, fp, sv, flt)) < 0)
			return -1;
		v = (uint64_t)sv;
	} else if (p->lastok && fp == p->lastfp)
		v = p->lastv;
	else if ((p->lastok && p->lastv + 1 < p->nhh &&
	    p->hh[(v = p->lastv + 1)].fp == fp) ||
	    (p->nhh > 0 && p->hh[(v = 0)].fp == fp) ||
	    (hmap_need(p), u64map_get(p->hmap, fp, &v))) {
		p->lastfp = fp;
		p->lastv = v;
		p->lastok = 1;
	} else
		return fault(flt, "household_id", "household '%.*s' is not "
		    "in the assignment", (int)n, s);
	h = &p->hh[v];
	n = fn[POP_VIL];
	s = gw_trim(f[POP_VIL], &n);
	if (n > 0 && digits(s, n) != p->gcode[h->grid] / 1000) {
		snprintf(vil, sizeof vil, "%012llu",
		    (unsigned long long)(p->gcode[h->grid] / 1000));
		return fault(flt, "village_code", "household is in grid %015llu "
		    "of village %s", (unsigned long long)p->gcode[h->grid],
		    vil);
	}
	if (!idset_addh(p->ids, idh))
		return fault(flt, "id_number", "identity number given twice");
	bits = fn[POP_TAGS] ? tagbits(p, f[POP_TAGS], fn[POP_TAGS], unk, arg,
	    &nunk) : (nunk = 0, 0);

	age = idno_age(&id, p->asof);
	if (age > 255)
		age = 255;
	c = p->cnt + (size_t)h->grid * (size_t)p->ncol;
	c[1]++;
	c[id.male ? 2 : 3]++;
	if ((band = p->bandof[age]) >= 0)
		c[p->c_band + band]++;
	for (b = bits, t = 0; b; b >>= 1, t++)
		if (b & 1)
			c[p->c_tag + t]++;
	if (nunk) {
		c[p->c_unk]++;
		p->n.nunk++;
	}
	if (h->n < UINT16_MAX)
		h->n++;
	if (age > h->maxage)
		h->maxage = (uint8_t)age;

	kept = 0;
	if (p->mode == POP_LIST)
		kept = p->listtag >= 0 ? (bits >> p->listtag) & 1 :
		    age >= p->alone_age;
	else if (p->mode == POP_VISITS)
		kept = (bits & p->vismask) || (p->alone_tag >= 0 &&
		    p->tagvis[p->alone_tag] > 0 && age >= p->alone_age);
	if (kept)
		keep(p, f, fn, &id, bits, (size_t)v, age);
	return 0;
}

/* Visits required a month of a kept person (policy maximum over its
   tags and the derived group). */
static int
required(const pop *p, const struct prec *r)
{
	int t, req = 0;

	for (t = 0; t < p->ntag; t++)
		if (((r->tags >> t) & 1) && p->tagvis[t] > req)
			req = p->tagvis[t];
	if (p->alone_tag >= 0 && alone(p, r) && p->tagvis[p->alone_tag] > req)
		req = p->tagvis[p->alone_tag];
	return req;
}

void
pop_households(pop *p)
{
	size_t i;
	long *c;

	for (i = 0; i < p->nhh; i++) {
		if (p->hh[i].n == 0) {
			p->n.nempty++;
			continue;
		}
		c = p->cnt + (size_t)p->hh[i].grid * (size_t)p->ncol;
		c[0]++;
		if (p->hh[i].n == 1 && p->hh[i].maxage >= p->alone_age)
			c[p->c_alone]++;
		if (p->hh[i].maxage >= p->old_age)
			c[p->c_old]++;
	}
	/* the households of persons needing visits, before the visits */
	if (p->mode == POP_VISITS)
		for (i = 0; i < p->nrec; i++) {
			p->rec[i].req = (uint8_t)required(p, &p->rec[i]);
			if (p->rec[i].req > 0)
				p->hh[p->rec[i].hh].key = 1;
		}
}

/* ---- workers and visits ---- */

int
pop_worker(pop *p, const char *w, size_t n, const char *grid, size_t gn,
    struct pop_fault *f)
{
	const char *why;
	uint64_t code;
	size_t i;
	int isnew;

	w = gw_trim(w, &n);
	if (n == 0)
		return fault(f, "worker_id", "empty");
	grid = gw_trim(grid, &gn);
	if (gn > 0 && anygridcode(grid, gn, 1, &code, &why) < 0)
		return fault(f, "grid_code", "%s", why);
	i = strtab_add(p->wid, w, n, &isnew);
	if (!isnew)
		return fault(f, "worker_id", "worker '%.*s' listed twice",
		    (int)n, w);
	if (i >= p->capwk) {
		p->capwk = p->capwk ? p->capwk * 2 : 256;
		p->wk = xreallocarray(p->wk, p->capwk, sizeof *p->wk);
	}
	p->wk[i].grid = gn > 0 ? (long)gridix(p, code) : -1;
	p->wk[i].keyvisits = 0;
	return 0;
}

int
pop_visit(pop *p, const char *w, size_t wn, const char *d, size_t dn,
    const char *hid, size_t hn, struct pop_fault *f)
{
	long wi, day;
	uint64_t v;
	struct hh *h;
	char key[sizeof wi + sizeof day + sizeof v];

	w = gw_trim(w, &wn);
	hid = gw_trim(hid, &hn);
	if ((wi = strtab_find(p->wid, w, wn)) < 0)
		return fault(f, "worker_id", "worker '%.*s' is not in the "
		    "workers file", (int)wn, w);
	if (date_parse(d, dn, &day) < 0)
		return fault(f, "date", "not a date: '%.*s'", (int)dn, d);
	hmap_need(p);
	if (!u64map_get(p->hmap, idset_hash(hid, hn), &v))
		return fault(f, "household_id", "household '%.*s' is not in "
		    "the assignment", (int)hn, hid);
	if (day < p->m0 || day > p->m1) {
		p->n.nvout++;
		return 0;
	}
	h = &p->hh[v];
	if (p->wk[wi].grid != (long)h->grid) {
		p->n.nvother++;
		return 0;
	}
	/* one visit a worker, day and household, however often written */
	memcpy(key, &wi, sizeof wi);
	memcpy(key + sizeof wi, &day, sizeof day);
	memcpy(key + sizeof wi + sizeof day, &v, sizeof v);
	if (!idset_add(p->vseen, key, sizeof key))
		return 0;
	if (h->visits < UINT16_MAX)
		h->visits++;
	if (h->key)
		p->wk[wi].keyvisits++;
	return 0;
}

/* ---- the registers ---- */

const char *const *
pop_header(const pop *p, size_t *n)
{
	*n = 2 + (size_t)p->ncol;
	return p->names;
}

/* qsort has no argument: the engine being sorted, for one sort. */
static _Thread_local const pop *sorting;

static int
gridcmp(const void *a, const void *b)
{
	uint64_t x = sorting->gcode[*(const size_t *)a];
	uint64_t y = sorting->gcode[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

static void
sortgrids(pop *p)
{
	size_t i;

	if (p->gix)
		return;
	p->gix = xreallocarray(NULL, p->ngrid + 1, sizeof *p->gix);
	for (i = 0; i < p->ngrid; i++)
		p->gix[i] = i;
	sorting = p;
	qsort(p->gix, p->ngrid, sizeof *p->gix, gridcmp);
	sorting = NULL;
}

int
pop_area(pop *p, int lvl, size_t *it, uint64_t *area, long *sum)
{
	uint64_t div = 1;
	size_t i = *it, j;
	int k;

	sortgrids(p);
	if (i >= p->ngrid)
		return 0;
	for (k = lvl; k < LVL_GRID; k++)
		div *= 10;
	*area = p->gcode[p->gix[i]] / div;
	memset(sum, 0, (size_t)p->ncol * sizeof *sum);
	for (j = i; j < p->ngrid && p->gcode[p->gix[j]] / div == *area; j++)
		for (k = 0; k < p->ncol; k++)
			sum[k] += p->cnt[p->gix[j] * (size_t)p->ncol + k];
	*it = j;
	return 1;
}

/* ---- kept persons: the list and the visits ---- */

static int
reccmp(const void *a, const void *b)
{
	const struct prec *x = a, *y = b;
	uint64_t gx = sorting->gcode[sorting->hh[x->hh].grid];
	uint64_t gy = sorting->gcode[sorting->hh[y->hh].grid];

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
wkcmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint64_t gx = sorting->gcode[sorting->wk[x].grid];
	uint64_t gy = sorting->gcode[sorting->wk[y].grid];

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return strcmp(strtab_str(sorting->wid, x), strtab_str(sorting->wid, y));
}

/* Tags of bits joined by ';', plus the alone tag when addalone and not
   so tagged. */
static const char *
tagstr(pop *p, uint64_t bits, int addalone)
{
	int t;

	sbuf_reset(&p->tags);
	sbuf_adds(&p->tags, "");
	for (t = 0; t < p->ntag; t++)
		if ((bits >> t) & 1) {
			if (p->tags.len)
				sbuf_addc(&p->tags, ';');
			sbuf_adds(&p->tags, p->tagname[t]);
		}
	if (addalone && p->alone_tag >= 0 && !((bits >> p->alone_tag) & 1)) {
		if (p->tags.len)
			sbuf_addc(&p->tags, ';');
		sbuf_adds(&p->tags, p->tagname[p->alone_tag]);
	}
	return p->tags.s;
}

/* The kept persons in grid order, then input order; with the visits,
   each grid's workers and sums. */
static void
sortrecs(pop *p)
{
	size_t nw, i, n = 0, g;
	const struct prec *r;
	int made;

	if (p->gs)
		return;
	sorting = p;
	qsort(p->rec, p->nrec, sizeof *p->rec, reccmp);
	sorting = NULL;
	p->gs = xcalloc(p->ngrid + 1, sizeof *p->gs);
	if (p->mode != POP_VISITS)
		return;
	nw = strtab_count(p->wid);
	p->wl = xreallocarray(NULL, nw + 1, sizeof *p->wl);
	p->wf = xcalloc(p->ngrid + 1, sizeof *p->wf);
	for (i = 0; i < nw; i++)
		if (p->wk[i].grid >= 0)
			p->wl[n++] = i;
	sorting = p;
	qsort(p->wl, n, sizeof *p->wl, wkcmp);
	sorting = NULL;
	for (i = 0; i < n; i++)
		p->wf[p->wk[p->wl[i]].grid + 1]++;
	for (i = 0; i < p->ngrid; i++)
		p->wf[i + 1] += p->wf[i];
	for (i = 0; i < p->nrec; i++) {
		r = &p->rec[i];
		if (r->req == 0)
			continue;
		g = p->hh[r->hh].grid;
		made = p->hh[r->hh].visits;
		p->gs[g].persons++;
		p->gs[g].req += r->req;
		p->gs[g].made += made;
		p->gs[g].cred += made < r->req ? made : r->req;
		if (made < r->req)
			p->gs[g].shorts++;
	}
}

/* Fills *row from kept person r. */
static void
fill(pop *p, const struct prec *r, struct pop_row *row)
{
	const char *s = p->arena.s + r->off;
	const char **f[6];
	int i;

	f[0] = &row->id;
	f[1] = &row->name;
	f[2] = &row->household;
	f[3] = &row->relation;
	f[4] = &row->address;
	f[5] = &row->phone;
	for (i = 0; i < 6; i++) {
		*f[i] = s;
		s += strlen(s) + 1;
	}
	row->grid = p->gcode[p->hh[r->hh].grid];
	row->male = r->male;
	row->age = r->age;
	row->required = r->req;
	row->made = p->hh[r->hh].visits;
}

int
pop_list_next(pop *p, size_t *it, struct pop_row *row)
{
	const struct prec *r;

	sortrecs(p);
	for (; *it < p->nrec; ++*it) {
		r = &p->rec[*it];
		if (p->listtag == POP_ALONE && !alone(p, r))
			continue;
		fill(p, r, row);
		row->tags = tagstr(p, r->tags, 0);
		row->workers = "";
		++*it;
		return 1;
	}
	return 0;
}

int
pop_short_next(pop *p, size_t *it, struct pop_row *row)
{
	const struct prec *r;
	size_t g, k;

	sortrecs(p);
	for (; *it < p->nrec; ++*it) {
		r = &p->rec[*it];
		if (r->req == 0 || p->hh[r->hh].visits >= r->req)
			continue;
		fill(p, r, row);
		row->tags = tagstr(p, r->tags & p->vismask, alone(p, r));
		g = p->hh[r->hh].grid;
		sbuf_reset(&p->ws);
		sbuf_adds(&p->ws, "");
		for (k = p->wf[g]; k < p->wf[g + 1]; k++) {
			if (k > p->wf[g])
				sbuf_addc(&p->ws, ';');
			sbuf_adds(&p->ws, strtab_str(p->wid, p->wl[k]));
		}
		row->workers = p->ws.s;
		++*it;
		return 1;
	}
	return 0;
}

int
pop_summary_next(pop *p, size_t *it, struct pop_sum *row)
{
	size_t g, gi, k, j;
	const struct gsum *s;

	sortrecs(p);
	sortgrids(p);
	/* *it counts (grid in order, worker of the grid or the one row of
	   a grid without workers) as gi * (workers + 1) would not fit: it
	   is the grid's place times 2^20 plus the worker's */
	for (;;) {
		gi = *it >> 20;
		k = *it & 0xfffff;
		if (gi >= p->ngrid)
			return 0;
		g = p->gix[gi];
		s = &p->gs[g];
		if ((s->persons == 0 && p->wf[g] == p->wf[g + 1]) ||
		    (k > 0 && p->wf[g] + k >= p->wf[g + 1])) {
			*it = (gi + 1) << 20;
			continue;
		}
		break;
	}
	j = p->wf[g] + k < p->wf[g + 1];
	row->grid = p->gcode[g];
	row->worker = j ? strtab_str(p->wid, p->wl[p->wf[g] + k]) : "";
	row->persons = s->persons;
	row->shorts = s->shorts;
	row->required = s->req;
	row->made = s->made;
	row->credited = s->cred;
	row->by_worker = j ? p->wk[p->wl[p->wf[g] + k]].keyvisits : 0;
	/* a rate to four decimals, 1 when none due */
	row->compliance = s->req == 0 ? 10000 : s->cred / s->req * 10000 +
	    (s->cred % s->req * 10000 + s->req / 2) / s->req;
	*it = j ? *it + 1 : (gi + 1) << 20;
	return 1;
}
