/*
 * pop-report — population and key-person registers per grid, and
 * whether key persons were visited (gridwork-rules(7), EVENTS; gridwork-store(5)).
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
 * Memory and time: per person O(1) work (an identity-number check, the
 * household found as the last one, the next one in the assignment or by
 * one hash look-up, the tag spellings looked up in a small table) and no
 * per-person memory but the duplicate-id set (8 bytes a slot, 11 to 21
 * bytes a person, idset.c).  Per household: 20 bytes of state and its
 * fingerprint in the assignment's duplicate set (11 to 21 bytes); the
 * household map (32 to 64 bytes a household) is made only when persons
 * come in another order than the assignment.  Per grid one row of
 * counts.  30.9 million persons in 10 million households took 1.2 GB
 * and 18 s (bench/pop.sh province).  --list and --visits keep
 * the persons they may print (the tagged ones, and those old enough to
 * live alone as elderly), since whether someone lives alone is known
 * only once every person was read.
 *
 * Household ids are held as 64-bit fingerprints (idset_hash): two
 * different ids could share one with chance about n * n / 2^65 (1 in
 * 300,000 for ten million households).
 */
#include <limits.h>
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

enum mode { M_REG, M_LIST, M_VISITS };

#define MAXTAG 64	/* tags fit the bits of a uint64_t */
#define MAXBAND 32
#define LIST_ALONE (-2)	/* --list alone_elderly: the derived group */

/* Columns of the persons contract; id_number and household_id are
   required, the others may be absent. */
enum pcol { P_ID, P_NAME, P_HH, P_REL, P_VIL, P_BLOCK, P_ADDR, P_PHONE,
	P_TAGS, NPCOL };
static const char *const pcolname[NPCOL] = {
	"id_number", "name", "household_id", "relation", "village_code",
	"block", "address", "phone", "tags"
};

/* A household of the assignment: 20 bytes.  n and visits saturate. */
struct hh {
	uint64_t fp;		/* fingerprint of its id (idset_hash) */
	uint32_t grid;		/* index into S.gcode */
	uint16_t n;		/* persons accepted */
	uint16_t visits;	/* --visits: visits in the month by its grid's
				   workers */
	uint8_t maxage;		/* age of its oldest person (255 cap) */
	uint8_t key;		/* --visits: holds a person needing visits */
};

/* A person kept for --list or --visits; strings in S.arena at off:
   id, name, household_id, relation, address, phone, each NUL-ended. */
struct prec {
	uint64_t tags;		/* tag bits */
	size_t off;
	uint32_t hh;		/* index into S.hh */
	uint32_t seq;		/* input order */
	uint8_t age, male;
	uint8_t req;		/* --visits: visits required a month */
};

/* A worker of --workers. */
struct worker {
	long grid;		/* index into S.gcode, -1 when none */
	long keyvisits;		/* visits in the month to key households of
				   the worker's grid */
};

static struct {
	enum mode mode;
	int bylvl;
	int summary, unmasked;
	long listtag;		/* tag index or LIST_ALONE */
	const char *listname;
	long asof, m0, m1;	/* --as-of; --month's first and last day */
	const char *month;

	policy *pol;
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

	u64map *hmap;		/* household fingerprint -> index, made when
				   first needed (hmap_need) */
	idset *hset;		/* household fingerprints of the assignment */
	struct hh *hh;
	size_t nhh, caphh;
	u64map *gmap;		/* grid code -> index */
	u64map *blockmap;	/* -d: hash of village NUL block -> grid
				   index; village code -> its only base grid,
				   UINT64_MAX when it has several */
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

	struct gw_run run;
	struct csvr_opt ropt;
	int col[NPCOL];		/* of the current file */
	long nunk, nsplit, nempty, nvother, nvout;
	uint64_t lastfp, lastv;	/* the last household looked up */
	int lastok;
	csvw *out;
	int argc;		/* the command line, for the audit table */
	char **argv;
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

static uint64_t
pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* DATE or DATE TIME (§12) as a day number; -1 when malformed. */
static long
parse_asof(const char *s)
{
	int64_t t;
	long day;

	if (date_parse(s, strlen(s), &day) == 0)
		return day;
	if (datetime_parse(s, strlen(s), &t) == 0)
		return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	return LONG_MIN;
}

/* ---- policy ---- */

static long
tagindex(const char *s, size_t n)
{
	long i = strtab_find(S.spell, s, n);

	return i < 0 ? -1 : S.spelltag[i];
}

static void
addspell(const struct policy_kv *kv, const char *s, size_t n, int tag)
{
	int isnew;
	size_t i;

	i = strtab_add(S.spell, s, n, &isnew);
	if (!isnew && S.spelltag[i] != tag)
		die("%s:%d: spelling '%.*s' belongs to two tags", kv->file,
		    kv->line, (int)n, s);
	S.spelltag = xreallocarray(S.spelltag, i + 1, sizeof *S.spelltag);
	S.spelltag[i] = tag;
}

static void
load_policy(const char *name)
{
	const struct policy_kv *kv;
	const char *why, *v, *p, *e, *tok;
	size_t n, i, len;
	long k;
	char *end;
	int t, a, lo, hi;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	if (!(v = policy_get(S.pol, "pop", "age_bands")) || !*v)
		die("policy '%s': missing key 'pop.age_bands'",
		    policy_name(S.pol));
	memset(S.bandof, -1, sizeof S.bandof);
	for (p = v; *(p += strspn(p, " \t")); p = e) {
		e = p + strcspn(p, " \t");
		tok = p;
		lo = (int)strtol(p, &end, 10);
		if (end == p || lo < 0 || lo > 254)
			goto badband;
		if (*end == '+' && end + 1 == e)
			hi = 254;
		else if (*end == '-') {
			p = end + 1;
			hi = (int)strtol(p, &end, 10);
			if (end == p || end != e || hi < lo || hi > 254)
				goto badband;
		} else
			goto badband;
		if (S.nband == MAXBAND)
			die("policy '%s': more than %d age bands",
			    policy_name(S.pol), MAXBAND);
		for (a = lo; a <= hi; a++) {
			if (S.bandof[a] >= 0)
				die("policy '%s': age band %d-%d overlaps "
				    "another", policy_name(S.pol), lo, hi);
			S.bandof[a] = (signed char)S.nband;
		}
		S.bandof[255] = S.bandof[254];
		S.blo[S.nband] = lo;
		S.bhi[S.nband++] = hi;
		continue;
badband:
		die("policy '%s': age band '%.*s' is neither FROM-TO nor FROM+",
		    policy_name(S.pol), (int)(e - tok), tok);
	}
	if (S.nband == 0)
		die("policy '%s': pop.age_bands is empty", policy_name(S.pol));
	if (policy_int(S.pol, "pop", "alone_age", &S.alone_age, &why) < 0 ||
	    policy_int(S.pol, "pop", "old_age", &S.old_age, &why) < 0)
		die("%s", why);
	if (S.alone_age < 0 || S.alone_age > 254 || S.old_age < 0 ||
	    S.old_age > 254)
		die("policy '%s': pop.alone_age and pop.old_age must be "
		    "0 to 254", policy_name(S.pol));

	S.spell = strtab_new();
	kv = policy_section(S.pol, "pop", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "tag.", 4) != 0)
			continue;
		if (S.ntag == MAXTAG)
			die("%s:%d: more than %d tags", kv[i].file, kv[i].line,
			    MAXTAG);
		if (!kv[i].key[4])
			die("%s:%d: key 'tag.': no tag name", kv[i].file,
			    kv[i].line);
		t = S.ntag++;
		S.tagname[t] = xstrdup(kv[i].key + 4);
		addspell(&kv[i], S.tagname[t], strlen(S.tagname[t]), t);
		for (p = kv[i].val; *(p += strspn(p, " \t")); p = e) {
			e = p + strcspn(p, " \t");
			addspell(&kv[i], p, (size_t)(e - p), t);
		}
	}
	if (S.ntag == 0)
		die("policy '%s': no tags (tag.NAME keys of [pop])",
		    policy_name(S.pol));
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "visits.", 7) != 0)
			continue;
		len = strlen(kv[i].key + 7);
		if ((k = tagindex(kv[i].key + 7, len)) < 0 ||
		    strcmp(S.tagname[k], kv[i].key + 7) != 0)
			die("%s:%d: key '%s': no tag.%s", kv[i].file,
			    kv[i].line, kv[i].key, kv[i].key + 7);
	}
	for (t = 0; t < S.ntag; t++) {
		char key[256];
		long vis = 0;

		snprintf(key, sizeof key, "visits.%s", S.tagname[t]);
		if (policy_get(S.pol, "pop", key) &&
		    policy_int(S.pol, "pop", key, &vis, &why) < 0)
			die("%s", why);
		if (vis < 0 || vis > 250)
			die("policy '%s': pop.%s must be 0 to 250",
			    policy_name(S.pol), key);
		S.tagvis[t] = (int)vis;
		if (vis > 0)
			S.vismask |= (uint64_t)1 << t;
	}
	S.alone_tag = -1;
	if ((v = policy_get(S.pol, "pop", "alone_tag")) && *v) {
		if ((k = tagindex(v, strlen(v))) < 0)
			die("policy '%s': pop.alone_tag '%s' is no tag",
			    policy_name(S.pol), v);
		S.alone_tag = (int)k;
	}

	S.c_band = 4;
	S.c_tag = S.c_band + S.nband;
	S.c_unk = S.c_tag + S.ntag;
	S.c_alone = S.c_unk + 1;
	S.c_old = S.c_alone + 1;
	S.ncol = S.c_old + 1;
}

/* ---- grids and households ---- */

static size_t
gridix(uint64_t code)
{
	uint64_t v;

	if (u64map_get(S.gmap, code, &v))
		return (size_t)v;
	if (S.ngrid == S.capgrid) {
		S.capgrid = S.capgrid ? S.capgrid * 2 : 256;
		S.gcode = xreallocarray(S.gcode, S.capgrid, sizeof *S.gcode);
		S.cnt = xreallocarray(S.cnt, S.capgrid * (size_t)S.ncol,
		    sizeof *S.cnt);
	}
	S.gcode[S.ngrid] = code;
	memset(S.cnt + S.ngrid * (size_t)S.ncol, 0,
	    (size_t)S.ncol * sizeof *S.cnt);
	u64map_put(S.gmap, code, S.ngrid);
	return S.ngrid++;
}

/* A 15-digit grid code as a number; 0 or -1 with *why. */
static int
gridcode(const char *s, size_t n, uint64_t *code, const char **why)
{
	char buf[32];
	size_t i;

	if (n >= sizeof buf) {
		*why = "not a grid code";
		return -1;
	}
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	for (i = 0; i < n && (buf[i] == ' ' || buf[i] == '\t'); i++)
		;
	if (code_check(buf + i, n - i, LVL_GRID, why) < 0)
		return -1;
	*code = strtoull(buf + i, NULL, 10);
	return 0;
}

/* Column index by name in r, or -1. */
static int
col(csvr *r, const char *name)
{
	return csvr_col(r, name);
}

static int
need(csvr *r, const char *name)
{
	int c = col(r, name);

	if (c < 0 && csvr_ncols(r) > 0) {
		warn("%s: no column '%s'", csvr_name(r), name);
		return -2;
	}
	return c;
}

static const char *
fld(const struct gw_rec *rec, int c, size_t *n)
{
	if (c < 0 || (size_t)c >= rec->nf) {
		*n = 0;
		return "";
	}
	*n = rec->len[c];
	return rec->f[c];
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

/* Trims ASCII blanks around s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/*
 * The map from household to index is made only when needed: persons in
 * the order of the assignment (the usual case) are found without it, and
 * the assignment's duplicates are caught by the smaller S.hset.
 */
static void
hmap_need(void)
{
	size_t i;

	if (S.hmap)
		return;
	S.hmap = u64map_new(S.nhh);
	for (i = 0; i < S.nhh; i++)
		u64map_add(S.hmap, S.hh[i].fp, i, NULL);
}

static int
asg_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((S.col[0] = need(r, "household_id")) == -2 ||
	    (S.col[1] = need(r, "grid_code")) == -2)
		return -1;
	return 0;
}

static int
asg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *s, *g, *why;
	size_t n, gn;
	uint64_t code, fp, old;
	struct hh *h;

	(void)arg;
	s = trim(fld(rec, S.col[0], &n), &n);
	if (n == 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "household_id", rec,
		    "empty");
		return 1;
	}
	g = fld(rec, S.col[1], &gn);
	if (gridcode(g, gn, &code, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "%s", why);
		return 1;
	}
	fp = idset_hash(s, n);
	if (!idset_addh(S.hset, fp)) {
		hmap_need();
		u64map_get(S.hmap, fp, &old);
		if (S.gcode[S.hh[old].grid] != code) {
			S.nsplit++;
			gw_reject(&S.run, csvr_name(r), rec->line, "grid_code",
			    rec, "household '%.*s' split across grids: already "
			    "in %015llu", (int)n, s,
			    (unsigned long long)S.gcode[S.hh[old].grid]);
		} else
			gw_reject(&S.run, csvr_name(r), rec->line,
			    "household_id", rec, "household '%.*s' listed "
			    "twice", (int)n, s);
		return 1;
	}
	if (S.nhh == S.caphh) {
		S.caphh = S.caphh ? S.caphh * 2 : 4096;
		S.hh = xreallocarray(S.hh, S.caphh, sizeof *S.hh);
	}
	if (S.hmap)
		u64map_put(S.hmap, fp, S.nhh);
	h = &S.hh[S.nhh++];
	memset(h, 0, sizeof *h);
	h->fp = fp;
	h->grid = (uint32_t)gridix(code);
	return 0;
}

/* ---- persons ---- */

static int
per_hdr(csvr *r, void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < NPCOL; i++)
		S.col[i] = col(r, pcolname[i]);
	if (csvr_ncols(r) > 0 && (S.col[P_ID] < 0 || S.col[P_HH] < 0)) {
		warn("%s: no column '%s'", csvr_name(r),
		    S.col[P_ID] < 0 ? "id_number" : "household_id");
		return -1;
	}
	return 0;
}

/* Whether a kept person is one of the derived elderly living alone. */
static int
alone(const struct prec *p)
{
	return S.hh[p->hh].n == 1 && p->age >= S.alone_age;
}

static void
keep(const struct gw_rec *rec, const struct idno *id, uint64_t tags,
    size_t hix, int age)
{
	static const int kc[] = { P_NAME, P_HH, P_REL, P_ADDR, P_PHONE };
	struct prec *p;
	const char *s;
	size_t i, n;

	if (S.nrec == S.caprec) {
		S.caprec = S.caprec ? S.caprec * 2 : 1024;
		S.rec = xreallocarray(S.rec, S.caprec, sizeof *S.rec);
	}
	p = &S.rec[S.nrec];
	p->seq = (uint32_t)S.nrec++;
	p->tags = tags;
	p->hh = (uint32_t)hix;
	p->age = (uint8_t)age;
	p->male = (uint8_t)id->male;
	p->req = 0;
	p->off = S.arena.len;
	sbuf_add(&S.arena, id->s, 19);
	for (i = 0; i < sizeof kc / sizeof kc[0]; i++) {
		s = trim(fld(rec, S.col[kc[i]], &n), &n);
		sbuf_add(&S.arena, s, n);
		sbuf_addc(&S.arena, '\0');
	}
}

/*
 * Splits a tags field on ';' (also '；', '、' and ','), trims each tag
 * and maps its spelling; an unknown spelling is reported and sets
 * *unk.  Returns the tag bits.
 */
static uint64_t
tagbits(const char *file, long line, const char *s, size_t n, int *unk)
{
	uint64_t bits = 0;
	const char *e, *end = s + n;
	size_t sep, k;
	long t;

	*unk = 0;
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
		s = trim(s, &k);
		/* the ideographic space U+3000 around a tag */
		while (k >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 3;
			k -= 3;
		}
		while (k >= 3 && memcmp(s + k - 3, "\xe3\x80\x80", 3) == 0)
			k -= 3;
		if (k > 0) {
			if ((t = tagindex(s, k)) >= 0)
				bits |= (uint64_t)1 << t;
			else {
				warn("%s:%ld: column 'tags': unknown tag "
				    "'%.*s'", file, line, (int)k, s);
				*unk = 1;
			}
		}
		s = e + sep;
	}
	return bits;
}

static int per_person(const char *file, struct gw_rec *rec);

static int
per_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	(void)arg;
	return per_person(csvr_name(r), rec);
}

/*
 * With -d: the household of a person not yet seen is placed in the base
 * grid of its village holding its block (the only base grid of the
 * village when it has one); a later member whose block lies in another
 * grid splits the household and is rejected.  Returns the household's
 * index, or -1 having rejected the row.
 */
static long
store_household(const char *file, struct gw_rec *rec, uint64_t fp, long v)
{
	const char *vil, *blk;
	size_t vn, bn;
	uint64_t g, key;
	struct sbuf b = { 0 };
	struct hh *h;
	int found;

	vil = trim(fld(rec, P_VIL, &vn), &vn);
	blk = trim(fld(rec, P_BLOCK, &bn), &bn);
	sbuf_add(&b, vil, vn);
	sbuf_addc(&b, '\0');
	sbuf_add(&b, blk, bn);
	key = idset_hash(b.s, b.len);
	sbuf_free(&b);
	found = u64map_get(S.blockmap, key, &g);
	if (!found && u64map_get(S.blockmap, digits(vil, vn), &g) &&
	    g != UINT64_MAX)
		found = 1;
	if (!found) {
		gw_reject(&S.run, file, rec->line, "block", rec, "no base grid "
		    "of village '%.*s' holds block '%.*s'", (int)vn, vil,
		    (int)bn, blk);
		return -1;
	}
	if (v >= 0) {
		if (S.hh[v].grid == g)
			return v;
		S.nsplit++;
		gw_reject(&S.run, file, rec->line, "block", rec, "household "
		    "split across grids: already in %015llu",
		    (unsigned long long)S.gcode[S.hh[v].grid]);
		return -1;
	}
	if (S.nhh == S.caphh) {
		S.caphh = S.caphh ? S.caphh * 2 : 4096;
		S.hh = xreallocarray(S.hh, S.caphh, sizeof *S.hh);
	}
	u64map_put(S.hmap, fp, S.nhh);
	h = &S.hh[S.nhh];
	memset(h, 0, sizeof *h);
	h->fp = fp;
	h->grid = (uint32_t)g;
	return (long)S.nhh++;
}

static int
per_person(const char *file, struct gw_rec *rec)
{
	struct idno id;
	const char *s, *why;
	char vil[24];
	size_t n, t;
	uint64_t v, bits, b, idh, fp;
	struct hh *h;
	long *c;
	long sv;
	int age, unk, band, kept;

	/*
	 * Fetch the id's slot of the duplicate set while the number is
	 * checked and the household looked up: a number written in its
	 * normal form (the usual case) hashes as read; any other is hashed
	 * again once normalised.
	 */
	s = fld(rec, S.col[P_ID], &n);
	idh = idset_hash(s, n);
	idset_prefetch(S.ids, idh);
	if (idno_parse(s, n, S.asof, &id, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "id_number", rec, "%s", why);
		return 1;
	}
	if (n != 18 || memcmp(s, id.s, 18) != 0)
		idh = idset_hash(id.s, 18);
	s = trim(fld(rec, S.col[P_HH], &n), &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "household_id", rec,
		    "empty");
		return 1;
	}
	/*
	 * A census lists a household's members together, and mostly in
	 * the order of the assignment: the last household or the next one
	 * spare a look-up in the map.
	 */
	fp = idset_hash(s, n);
	if (S.blockmap) {
		sv = u64map_get(S.hmap, fp, &v) ? (long)v : -1;
		if ((sv = store_household(file, rec, fp, sv)) < 0)
			return 1;
		v = (uint64_t)sv;
	} else if (S.lastok && fp == S.lastfp)
		v = S.lastv;
	else if ((S.lastok && S.lastv + 1 < S.nhh &&
	    S.hh[(v = S.lastv + 1)].fp == fp) ||
	    (S.nhh > 0 && S.hh[(v = 0)].fp == fp) ||
	    (hmap_need(), u64map_get(S.hmap, fp, &v))) {
		S.lastfp = fp;
		S.lastv = v;
		S.lastok = 1;
	} else {
		gw_reject(&S.run, file, rec->line, "household_id", rec,
		    "household '%.*s' is not in the assignment", (int)n, s);
		return 1;
	}
	h = &S.hh[v];
	s = trim(fld(rec, S.col[P_VIL], &n), &n);
	if (n > 0 && digits(s, n) != S.gcode[h->grid] / 1000) {
		snprintf(vil, sizeof vil, "%012llu",
		    (unsigned long long)(S.gcode[h->grid] / 1000));
		gw_reject(&S.run, file, rec->line, "village_code", rec,
		    "household is in grid %015llu of village %s",
		    (unsigned long long)S.gcode[h->grid], vil);
		return 1;
	}
	if (!idset_addh(S.ids, idh)) {
		gw_reject(&S.run, file, rec->line, "id_number", rec,
		    "identity number given twice");
		return 1;
	}
	s = fld(rec, S.col[P_TAGS], &n);
	bits = n ? tagbits(file, rec->line, s, n, &unk) : (unk = 0, 0);

	age = idno_age(&id, S.asof);
	if (age > 255)
		age = 255;
	c = S.cnt + (size_t)h->grid * (size_t)S.ncol;
	c[1]++;
	c[id.male ? 2 : 3]++;
	if ((band = S.bandof[age]) >= 0)
		c[S.c_band + band]++;
	for (b = bits, t = 0; b; b >>= 1, t++)
		if (b & 1)
			c[S.c_tag + t]++;
	if (unk) {
		c[S.c_unk]++;
		S.nunk++;
	}
	if (h->n < UINT16_MAX)
		h->n++;
	if (age > h->maxage)
		h->maxage = (uint8_t)age;

	kept = 0;
	if (S.mode == M_LIST)
		kept = S.listtag >= 0 ? (bits >> S.listtag) & 1 :
		    age >= S.alone_age;
	else if (S.mode == M_VISITS)
		kept = (bits & S.vismask) || (S.alone_tag >= 0 &&
		    S.tagvis[S.alone_tag] > 0 && age >= S.alone_age);
	if (kept)
		keep(rec, &id, bits, (size_t)v, age);
	return 0;
}

/* Counts each household once in its grid, with the derived groups. */
static void
households(void)
{
	size_t i;
	long *c;

	for (i = 0; i < S.nhh; i++) {
		if (S.hh[i].n == 0) {
			S.nempty++;
			continue;
		}
		c = S.cnt + (size_t)S.hh[i].grid * (size_t)S.ncol;
		c[0]++;
		if (S.hh[i].n == 1 && S.hh[i].maxage >= S.alone_age)
			c[S.c_alone]++;
		if (S.hh[i].maxage >= S.old_age)
			c[S.c_old]++;
	}
}

/* ---- workers and visits ---- */

static int
wk_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((S.col[0] = need(r, "worker_id")) == -2)
		return -1;
	S.col[1] = col(r, "grid_code");
	return 0;
}

static int
wk_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *s, *g, *why;
	size_t n, gn, w;
	uint64_t code;
	int isnew;

	(void)arg;
	s = trim(fld(rec, S.col[0], &n), &n);
	if (n == 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "worker_id", rec,
		    "empty");
		return 1;
	}
	g = trim(fld(rec, S.col[1], &gn), &gn);
	if (gn > 0 && gridcode(g, gn, &code, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "%s", why);
		return 1;
	}
	w = strtab_add(S.wid, s, n, &isnew);
	if (!isnew) {
		gw_reject(&S.run, csvr_name(r), rec->line, "worker_id", rec,
		    "worker '%.*s' listed twice", (int)n, s);
		return 1;
	}
	if (w >= S.capwk) {
		S.capwk = S.capwk ? S.capwk * 2 : 256;
		S.wk = xreallocarray(S.wk, S.capwk, sizeof *S.wk);
	}
	S.wk[w].grid = gn > 0 ? (long)gridix(code) : -1;
	S.wk[w].keyvisits = 0;
	return 0;
}

static int
vis_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((S.col[0] = need(r, "worker_id")) == -2 ||
	    (S.col[1] = need(r, "date")) == -2 ||
	    (S.col[2] = need(r, "household_id")) == -2)
		return -1;
	return 0;
}

static int
vis_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *w, *d, *hid;
	size_t wn, dn, hn;
	long wi, day;
	uint64_t v;
	struct hh *h;
	char key[sizeof wi + sizeof day + sizeof v];

	(void)arg;
	w = trim(fld(rec, S.col[0], &wn), &wn);
	d = fld(rec, S.col[1], &dn);
	hid = trim(fld(rec, S.col[2], &hn), &hn);
	if ((wi = strtab_find(S.wid, w, wn)) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "worker_id", rec,
		    "worker '%.*s' is not in the workers file", (int)wn, w);
		return 1;
	}
	if (date_parse(d, dn, &day) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "date", rec,
		    "not a date: '%.*s'", (int)dn, d);
		return 1;
	}
	hmap_need();
	if (!u64map_get(S.hmap, idset_hash(hid, hn), &v)) {
		gw_reject(&S.run, csvr_name(r), rec->line, "household_id", rec,
		    "household '%.*s' is not in the assignment", (int)hn, hid);
		return 1;
	}
	if (day < S.m0 || day > S.m1) {
		S.nvout++;
		return 0;
	}
	h = &S.hh[v];
	if (S.wk[wi].grid != (long)h->grid) {
		S.nvother++;
		return 0;
	}
	/* one visit a worker, day and household, however often written */
	memcpy(key, &wi, sizeof wi);
	memcpy(key + sizeof wi, &day, sizeof day);
	memcpy(key + sizeof wi + sizeof day, &v, sizeof v);
	if (!idset_add(S.vseen, key, sizeof key))
		return 0;
	if (h->visits < UINT16_MAX)
		h->visits++;
	if (h->key)
		S.wk[wi].keyvisits++;
	return 0;
}

/* ---- output ---- */

static int
gridcmp(const void *a, const void *b)
{
	uint64_t x = S.gcode[*(const size_t *)a];
	uint64_t y = S.gcode[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

static size_t *
sorted_grids(void)
{
	size_t *ix = xreallocarray(NULL, S.ngrid + 1, sizeof *ix), i;

	for (i = 0; i < S.ngrid; i++)
		ix[i] = i;
	qsort(ix, S.ngrid, sizeof *ix, gridcmp);
	return ix;
}

static void
write_registers(const struct gw_opts *o)
{
	const char **names;
	size_t *ix, i, j, nn;
	uint64_t div, area;
	long *sum;
	char buf[64];
	int k;

	nn = 2 + (size_t)S.ncol;
	names = xreallocarray(NULL, nn, sizeof *names);
	names[0] = "area_code";
	names[1] = "area_level";
	names[2] = "households";
	names[3] = "residents";
	names[4] = "male";
	names[5] = "female";
	for (k = 0; k < S.nband; k++) {
		if (S.bhi[k] >= 254)
			snprintf(buf, sizeof buf, "age_%d_plus", S.blo[k]);
		else
			snprintf(buf, sizeof buf, "age_%d_%d", S.blo[k],
			    S.bhi[k]);
		names[2 + S.c_band + k] = xstrdup(buf);
	}
	for (k = 0; k < S.ntag; k++)
		names[2 + S.c_tag + k] = S.tagname[k];
	names[2 + S.c_unk] = "unknown_tag";
	names[2 + S.c_alone] = "alone_elderly";
	snprintf(buf, sizeof buf, "households_%ld_plus", S.old_age);
	names[2 + S.c_old] = xstrdup(buf);
	S.out = gw_out(o, stdout);
	csvw_header(S.out, names, nn);

	ix = sorted_grids();
	div = pow10u(LVL_GRID - S.bylvl);
	sum = xcalloc((size_t)S.ncol, sizeof *sum);
	for (i = 0; i < S.ngrid; i = j) {
		area = S.gcode[ix[i]] / div;
		memset(sum, 0, (size_t)S.ncol * sizeof *sum);
		for (j = i; j < S.ngrid && S.gcode[ix[j]] / div == area; j++)
			for (k = 0; k < S.ncol; k++)
				sum[k] += S.cnt[ix[j] * (size_t)S.ncol + k];
		csvw_fieldf(S.out, "%0*llu", S.bylvl,
		    (unsigned long long)area);
		csvw_field(S.out, lvlname(S.bylvl), (size_t)-1);
		for (k = 0; k < S.ncol; k++)
			csvw_fieldf(S.out, "%ld", sum[k]);
		csvw_endrec(S.out);
	}
	free(sum);
	free(ix);
	free((char *)names[2 + S.c_old]);
	for (k = 0; k < S.nband; k++)
		free((char *)names[2 + S.c_band + k]);
	free(names);
}

static int
reccmp(const void *a, const void *b)
{
	const struct prec *x = a, *y = b;
	uint64_t gx = S.gcode[S.hh[x->hh].grid];
	uint64_t gy = S.gcode[S.hh[y->hh].grid];

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The kept strings of p: id, name, household, relation, address, phone. */
static void
recstr(const struct prec *p, const char *f[6])
{
	const char *s = S.arena.s + p->off;
	int i;

	for (i = 0; i < 6; i++) {
		f[i] = s;
		s += strlen(s) + 1;
	}
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

/* Tags of bits joined by ';' (mask: the tags to name), plus the alone
   tag when p is derived alone elderly and not so tagged. */
static void
field_tags(uint64_t bits, int addalone)
{
	struct sbuf b = { 0 };
	int t;

	sbuf_adds(&b, "");
	for (t = 0; t < S.ntag; t++)
		if ((bits >> t) & 1) {
			if (b.len)
				sbuf_addc(&b, ';');
			sbuf_adds(&b, S.tagname[t]);
		}
	if (addalone && S.alone_tag >= 0 && !((bits >> S.alone_tag) & 1)) {
		if (b.len)
			sbuf_addc(&b, ';');
		sbuf_adds(&b, S.tagname[S.alone_tag]);
	}
	csvw_field(S.out, b.s, b.len);
	sbuf_free(&b);
}

static void
write_list(const struct gw_opts *o)
{
	static const char *const names[] = { "grid_code", "household_id",
	    "id_number", "name", "sex", "age", "relation", "address", "phone",
	    "tags" };
	const struct prec *p;
	const char *f[6];
	char ph[64];
	size_t i;

	S.out = gw_out(o, stdout);
	csvw_header(S.out, names, sizeof names / sizeof names[0]);
	qsort(S.rec, S.nrec, sizeof *S.rec, reccmp);
	for (i = 0; i < S.nrec; i++) {
		p = &S.rec[i];
		if (S.listtag == LIST_ALONE && !alone(p))
			continue;
		recstr(p, f);
		csvw_fieldf(S.out, "%015llu",
		    (unsigned long long)S.gcode[S.hh[p->hh].grid]);
		csvw_field(S.out, f[2], (size_t)-1);
		field_id(f[0]);
		csvw_field(S.out, f[1], (size_t)-1);
		csvw_field(S.out, p->male ? "male" : "female", (size_t)-1);
		csvw_fieldf(S.out, "%d", p->age);
		csvw_field(S.out, f[3], (size_t)-1);
		csvw_field(S.out, f[4], (size_t)-1);
		if (S.unmasked || !*f[5] || strlen(f[5]) >= sizeof ph)
			csvw_field(S.out, S.unmasked ? f[5] : "", (size_t)-1);
		else {
			phone_mask(f[5], ph);
			csvw_field(S.out, ph, (size_t)-1);
		}
		field_tags(p->tags, 0);
		csvw_endrec(S.out);
	}
}

/* Visits required a month of a kept person (policy maximum over its
   tags and the derived group). */
static int
required(const struct prec *p)
{
	int t, req = 0;

	for (t = 0; t < S.ntag; t++)
		if (((p->tags >> t) & 1) && S.tagvis[t] > req)
			req = S.tagvis[t];
	if (S.alone_tag >= 0 && alone(p) && S.tagvis[S.alone_tag] > req)
		req = S.tagvis[S.alone_tag];
	return req;
}

/* Marks the households of persons needing visits, before the visits
   are read. */
static void
mark_key(void)
{
	size_t i;

	for (i = 0; i < S.nrec; i++) {
		S.rec[i].req = (uint8_t)required(&S.rec[i]);
		if (S.rec[i].req > 0)
			S.hh[S.rec[i].hh].key = 1;
	}
}

static int
wkcmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint64_t gx = S.gcode[S.wk[x].grid], gy = S.gcode[S.wk[y].grid];

	if (gx != gy)
		return gx < gy ? -1 : 1;
	return strcmp(strtab_str(S.wid, x), strtab_str(S.wid, y));
}

/*
 * Workers of each grid: wfirst[g] .. wfirst[g + 1] in wl, ordered by
 * worker_id.
 */
static void
grid_workers(size_t **wlp, size_t **wfirstp)
{
	size_t nw = strtab_count(S.wid), *wl, *wf, i, n = 0;

	wl = xreallocarray(NULL, nw + 1, sizeof *wl);
	wf = xcalloc(S.ngrid + 1, sizeof *wf);
	for (i = 0; i < nw; i++)
		if (S.wk[i].grid >= 0)
			wl[n++] = i;
	qsort(wl, n, sizeof *wl, wkcmp);
	for (i = 0; i < n; i++)
		wf[S.wk[wl[i]].grid + 1]++;
	for (i = 0; i < S.ngrid; i++)
		wf[i + 1] += wf[i];
	*wlp = wl;
	*wfirstp = wf;
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
	struct gsum {
		long persons, shorts, req, made, cred;
	} *gs;
	const struct prec *p;
	const char *f[6];
	struct sbuf ws = { 0 };
	size_t *wl, *wf, *ix, i, j, g, k;
	int made;

	grid_workers(&wl, &wf);
	gs = xcalloc(S.ngrid + 1, sizeof *gs);
	qsort(S.rec, S.nrec, sizeof *S.rec, reccmp);
	S.out = gw_out(o, stdout);
	if (S.summary)
		csvw_header(S.out, snames, sizeof snames / sizeof snames[0]);
	else
		csvw_header(S.out, lnames, sizeof lnames / sizeof lnames[0]);
	for (i = 0; i < S.nrec; i++) {
		p = &S.rec[i];
		if (p->req == 0)
			continue;
		g = S.hh[p->hh].grid;
		made = S.hh[p->hh].visits;
		gs[g].persons++;
		gs[g].req += p->req;
		gs[g].made += made;
		gs[g].cred += made < p->req ? made : p->req;
		if (made >= p->req)
			continue;
		gs[g].shorts++;
		if (S.summary)
			continue;
		recstr(p, f);
		sbuf_reset(&ws);
		sbuf_adds(&ws, "");
		for (k = wf[g]; k < wf[g + 1]; k++) {
			if (k > wf[g])
				sbuf_addc(&ws, ';');
			sbuf_adds(&ws, strtab_str(S.wid, wl[k]));
		}
		csvw_field(S.out, S.month, (size_t)-1);
		csvw_fieldf(S.out, "%015llu", (unsigned long long)S.gcode[g]);
		csvw_field(S.out, ws.s, ws.len);
		csvw_field(S.out, f[2], (size_t)-1);
		field_id(f[0]);
		csvw_field(S.out, f[1], (size_t)-1);
		field_tags(p->tags & S.vismask, alone(p));
		csvw_fieldf(S.out, "%d", p->req);
		csvw_fieldf(S.out, "%d", made);
		csvw_fieldf(S.out, "%d", p->req - made);
		csvw_endrec(S.out);
	}
	if (S.summary) {
		ix = sorted_grids();
		for (i = 0; i < S.ngrid; i++) {
			g = ix[i];
			if (gs[g].persons == 0 && wf[g] == wf[g + 1])
				continue;
			for (k = wf[g]; k == wf[g] || k < wf[g + 1]; k++) {
				csvw_field(S.out, S.month, (size_t)-1);
				csvw_fieldf(S.out, "%015llu",
				    (unsigned long long)S.gcode[g]);
				j = k < wf[g + 1];
				csvw_field(S.out, j ? strtab_str(S.wid, wl[k]) :
				    "", (size_t)-1);
				csvw_fieldf(S.out, "%ld", gs[g].persons);
				csvw_fieldf(S.out, "%ld", gs[g].shorts);
				csvw_fieldf(S.out, "%ld", gs[g].req);
				csvw_fieldf(S.out, "%ld", gs[g].made);
				csvw_fieldf(S.out, "%ld", gs[g].cred);
				csvw_fieldf(S.out, "%ld", j ?
				    S.wk[wl[k]].keyvisits : 0L);
				/* a rate to four decimals, 1 when none due */
				if (gs[g].req == 0)
					csvw_field(S.out, "1.0000", 6);
				else
					csvw_fieldf(S.out, "%ld.%04ld",
					    gs[g].cred / gs[g].req,
					    (gs[g].cred % gs[g].req * 10000 +
					    gs[g].req / 2) / gs[g].req);
				csvw_endrec(S.out);
			}
		}
		free(ix);
	}
	sbuf_free(&ws);
	free(gs);
	free(wl);
	free(wf);
}

/* ---- -d STORE ---- */

/* Reads the grids (base only) and the persons of the store at path;
   records a list in its audit table. */
static void
read_store(const char *path, int argc, char **argv)
{
	static const char *const gcols[] = { "grid_code", "village_code",
	    "kind", "blocks" };
	char name[1024], note[512];
	const char *why, *v, *b, *e;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct gw_rec rec;
	char *f[NPCOL];
	size_t len[NPCOL], i, g, vn;
	uint64_t code, vil, old, key;
	struct sbuf k = { 0 };
	int rc;

	int record = S.mode == M_LIST && store_writable(path);

	if (!(db = store_open(path, record ? 0 : STORE_RDONLY, &why)))
		die("%s: %s", path, why);
	if (S.mode == M_LIST && !record)
		warn("warning: %s is read-only: this list is not recorded in "
		    "its audit table", path);
	S.blockmap = u64map_new(0);
	if (!(st = store_select(db, "grids", gcols, 4, &why)))
		die("%s: %s", path, why);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!(v = (const char *)sqlite3_column_text(st, 2)) ||
		    strcmp(v, "base") != 0)
			continue;
		v = (const char *)sqlite3_column_text(st, 0);
		if (!v || gridcode(v, strlen(v), &code, &why) < 0)
			continue;	/* the store checked it on load */
		g = gridix(code);
		vil = code / 1000;
		if (!u64map_add(S.blockmap, vil, g, &old) && old != g)
			u64map_put(S.blockmap, vil, UINT64_MAX);
		v = (const char *)sqlite3_column_text(st, 1);
		vn = v ? strlen(v) : 0;
		b = (const char *)sqlite3_column_text(st, 3);
		for (; b && *b; b = *e ? e + 1 : e) {
			e = b + strcspn(b, ";");
			sbuf_reset(&k);
			sbuf_add(&k, v ? v : "", vn);
			sbuf_addc(&k, '\0');
			sbuf_add(&k, b, (size_t)(e - b));
			key = idset_hash(k.s, k.len);
			u64map_put(S.blockmap, key, g);
		}
	}
	if (rc != SQLITE_DONE)
		die("%s: grids: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sbuf_free(&k);

	if (!(st = store_select(db, "persons", pcolname, NPCOL, &why)))
		die("%s: %s", path, why);
	for (i = 0; i < NPCOL; i++)
		S.col[i] = (int)i;
	snprintf(name, sizeof name, "%s:persons", path);
	memset(&rec, 0, sizeof rec);
	rec.f = f;
	rec.len = len;
	rec.nf = NPCOL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < NPCOL; i++) {
			v = (const char *)sqlite3_column_text(st, (int)i);
			f[i] = (char *)(v ? v : "");
			len[i] = v ? (size_t)sqlite3_column_bytes(st, (int)i) : 0;
		}
		rec.line++;
		S.run.nread++;
		if (per_person(name, &rec) == 0)
			S.run.nok++;
	}
	if (rc != SQLITE_DONE)
		die("%s: persons: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);

	/* who read which register, and whether it was unmasked */
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

static void
readfile(const char *path, gw_hdr_fn *hdr, gw_rec_fn *rec)
{
	char *av[1];

	av[0] = (char *)path;
	if (gw_loop(&S.run, 1, av, &S.ropt, hdr, rec, NULL) < 0) {
		gw_run_end(&S.run);
		gw_exit(GW_FATAL);
	}
}

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
		GW_LONGOPT_COMMON,
		{ 0 }
	};
	struct gw_opts o;
	const char *by = NULL, *visits = NULL, *workers = NULL, *list = NULL;
	long k;
	int c, status;

	gw_init(argc, argv);
	S.argc = argc;
	S.argv = argv;
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

	if (o.week || o.at) {
		warn("--week and --at do not apply: use --as-of or --month");
		gw_usage(usage_text);
	}
	if (o.store ? argc != 0 : argc != 2) {
		warn(o.store ? "-d takes no files: the persons and grids are "
		    "the store's" : "want two files: persons and assignment");
		gw_usage(usage_text);
	}
	S.mode = visits ? M_VISITS : list ? M_LIST : M_REG;
	if (visits) {
		if (list || by)
			die("--visits takes neither --list nor --by");
		if (!workers)
			die("--visits needs --workers FILE (the grid's "
			    "workers)");
		if (!o.month)
			die("--visits needs --month YYYY-MM");
		if (month_parse(o.month, &S.m0, &S.m1) < 0)
			die("--month: bad month '%s' (want YYYY-MM)", o.month);
		S.month = o.month;
		/* ages (living alone at 60) at the month's end by default */
		S.asof = S.m1;
	} else {
		if (workers || S.summary || o.month)
			die("--workers, --summary and --month go with "
			    "--visits");
		if (!o.as_of)
			die("missing --as-of DATE: ages are counted at a "
			    "given date, never at today");
	}
	if (S.unmasked && S.mode == M_REG)
		die("--unmasked goes with --list or --visits");
	if (o.as_of && (S.asof = parse_asof(o.as_of)) == LONG_MIN)
		die("--as-of: bad date '%s' (want YYYY-MM-DD)", o.as_of);
	S.bylvl = LVL_GRID;
	if (by) {
		if (strcmp(by, "grid") == 0)
			S.bylvl = LVL_GRID;
		else if (strcmp(by, "village") == 0)
			S.bylvl = LVL_VILLAGE;
		else if (strcmp(by, "township") == 0)
			S.bylvl = LVL_TOWN;
		else if (strcmp(by, "county") == 0)
			S.bylvl = LVL_COUNTY;
		else
			die("--by: '%s' is none of grid, village, township, "
			    "county", by);
		if (list)
			die("--list is always per grid: no --by");
	}

	load_policy(o.policy);
	if (list) {
		S.listname = list;
		if (strcmp(list, "alone_elderly") == 0)
			S.listtag = LIST_ALONE;
		else if ((k = tagindex(list, strlen(list))) >= 0)
			S.listtag = k;
		else
			die("--list: '%s' is no tag of policy '%s' (nor "
			    "alone_elderly)", list, policy_name(S.pol));
	}

	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	/* room for the households at once (about 40 bytes a row at
	   least), so that the map does not grow under the assignment */
	if (o.store)
		S.hmap = u64map_new(0);
	S.hset = idset_new();
	S.gmap = u64map_new(0);
	S.ids = idset_new();
	S.wid = strtab_new();
	S.vseen = idset_new();

	if (workers)
		readfile(workers, wk_hdr, wk_rec);
	if (o.store)
		read_store(o.store, S.argc, S.argv);
	else {
		readfile(argv[1], asg_hdr, asg_rec);
		readfile(argv[0], per_hdr, per_rec);
	}
	households();
	if (visits) {
		mark_key();
		readfile(visits, vis_hdr, vis_rec);
	}

	switch (S.mode) {
	case M_REG:
		write_registers(&o);
		break;
	case M_LIST:
		write_list(&o);
		break;
	case M_VISITS:
		write_visits(&o);
		break;
	}

	/* silent when all is well, as cron likes it */
	if (S.run.nrej || S.nunk || S.nsplit || S.nempty)
		warn("%ld rows read: %ld accepted, %ld rejected; %ld persons "
		    "with unknown tags; %ld households split across grids; "
		    "%ld households without persons", S.run.nread, S.run.nok,
		    S.run.nrej, S.nunk, S.nsplit, S.nempty);
	if (visits && (S.nvout || S.nvother))
		warn("visits: %ld outside %s, %ld by a worker of another grid "
		    "(not counted)", S.nvout, S.month, S.nvother);
	status = gw_run_end(&S.run);
	if (S.out && csvw_close(S.out) < 0)
		status = GW_FATAL;
	gw_exit(status);
}
