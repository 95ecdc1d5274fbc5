/*
 * gw-synth — a deterministic census generator for tests, demos and
 * benchmarks.
 *
 * Given a regions file and a county code (or a city or province prefix),
 * writes into a directory one CSV file for every data contract of
 * gridwork-store(5): the area's regions, households and their persons, units,
 * grid workers, candidates, and a month of events, case logs, patrols,
 * visits, logins, trainings, bonus points and rewards, all consistent
 * with each other.
 *
 * Contract:
 * - Same inputs, options and --seed give the same bytes.  Every village
 *   draws from its own random streams (seeded from --seed, the village
 *   code and the stream), so a village's households do not depend on
 *   the options that shape the rest (--grids, --only, --defects).
 * - Streaming: villages are generated one at a time, in code order;
 *   memory holds one village (its households, persons and grids), the
 *   region list and a per-county table of identity-number sequences.
 * - Clean rows are valid: identity numbers carry the county's address
 *   code, a real birth date and sex, and the right check character, and
 *   are unique; households hold 1-7 persons; found_at <= reported_at.
 * - --defects RATE adds, after a clean row, with probability RATE, one
 *   extra row the loader must refuse, and rewrites some person rows in
 *   forms it must accept (15-digit numbers, a lower-case x).  Every such
 *   row is listed in defects.csv (file,line,kind,expect), so the clean
 *   output is what remains after deleting the rows listed as reject.
 *
 * - A month's events, cases and activity: --month 2026-10 (the default,
 *   the month of examples/) draws them from the village's streams and
 *   numbers them E<grid><seq>, C<grid><seq>; any other month draws from
 *   streams of that month and puts it in the numbers,
 *   E<grid><YYYYMM><seq>, so that consecutive months loaded into one
 *   store are different events under different numbers.
 *
 * The generator's pictures of names, tags, units, event texts and case
 * routes are data under share/synth/, not code.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-synth -R REGIONS --county CODE [--households N] [--seed S]\n"
    "                [--households-layout grouped|interleaved|single]\n"
    "                [--month YYYY-MM] [--defects RATE] [--grids GRIDS]\n"
    "                [--only FILE,...] [-p PROFILE] [--zh] [--excel] -O DIR\n";

enum {
	OPT_COUNTY = OPT_CMD, OPT_HOUSEHOLDS, OPT_SEED, OPT_DEFECTS,
	OPT_GRIDS, OPT_ONLY, OPT_LAYOUT
};

/*
 * How the census is laid out (--households-layout): villages in code
 * order with households of 3.0 (grouped); households of 2.6, a quarter
 * of one person, with each county's villages in a shuffled order, as
 * sheets concatenated in no particular order (interleaved); or every
 * person a household of their own, villages shuffled too (single).
 */
enum { L_GROUPED, L_INTERLEAVED, L_SINGLE };
static int layout = L_GROUPED;

/* ---- random numbers: splitmix64 seeds xoshiro256** ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed ^ (a * 0xD1B54A32D192ED03ULL) ^
	    (b * 0xAEF17502108EF2D9ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline long
rng_range(struct rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* 1 with probability per / 1e6. */
static inline int
rng_ppm(struct rng *r, uint32_t per)
{
	return rng_below(r, 1000000) < per;
}

static inline double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Random streams of one village. */
enum { S_CENSUS = 1, S_UNITS, S_WORK, S_EVENTS, S_ACTIVITY, S_WEIGHT };

/* ---- data files under share/synth ---- */

/* Rows of a TAB-separated file, # comments and blank lines skipped. */
struct table {
	char ***row;	/* row[i][0..nf) */
	size_t n;
	size_t nf;
};

static void
table_load(struct table *t, const char *rel, size_t nf)
{
	char path[PATH_MAX], *line = NULL, *p, *tab;
	size_t cap = 0, i, len;
	ssize_t got;
	long lno = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s", gw_sharepath(rel));
	if ((fp = fopen(path, "r")) == NULL)
		die("%s:", path);
	memset(t, 0, sizeof *t);
	t->nf = nf;
	while ((got = getline(&line, &cap, fp)) > 0) {
		lno++;
		len = (size_t)got;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		t->row = xreallocarray(t->row, t->n + 1, sizeof *t->row);
		t->row[t->n] = xcalloc(nf, sizeof(char *));
		p = line;
		for (i = 0; i < nf; i++) {
			if (p == NULL)
				die("%s:%ld: %zu fields expected", path, lno, nf);
			tab = i + 1 < nf ? strchr(p, '\t') : NULL;
			if (tab)
				*tab = '\0';
			t->row[t->n][i] = xstrdup(p);
			p = tab ? tab + 1 : NULL;
		}
		t->n++;
	}
	if (ferror(fp))
		die("%s:", path);
	fclose(fp);
	free(line);
	if (t->n == 0)
		die("%s: no rows", path);
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->nf; j++)
			free(t->row[i][j]);
		free(t->row[i]);
	}
	free(t->row);
}

/* Cumulative weights for a weighted choice. */
struct wpick {
	uint32_t *cum;
	size_t n;
};

static void
wpick_add(struct wpick *w, long weight)
{
	uint32_t prev = w->n ? w->cum[w->n - 1] : 0;

	if (weight < 0)
		weight = 0;
	w->cum = xreallocarray(w->cum, w->n + 1, sizeof *w->cum);
	w->cum[w->n++] = prev + (uint32_t)weight;
}

/* Index drawn by weight; -1 when the total is 0. */
static long
wpick(const struct wpick *w, struct rng *r)
{
	size_t lo = 0, hi;
	uint32_t x;

	if (w->n == 0 || w->cum[w->n - 1] == 0)
		return -1;
	x = rng_below(r, w->cum[w->n - 1]);
	hi = w->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (w->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (long)lo;
}

static long
num(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end)
		die("share/synth: %s: bad number '%s'", what, s);
	return v;
}

/* Characters (UTF-8 sequences) of a string, as offsets. */
struct chars {
	char (*c)[8];
	size_t n;
};

static void
chars_add(struct chars *cs, const char *s)
{
	size_t k;

	while (*s) {
		unsigned char u = (unsigned char)*s;

		k = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
		if (strlen(s) < k)
			break;
		cs->c = xreallocarray(cs->c, cs->n + 1, sizeof *cs->c);
		memcpy(cs->c[cs->n], s, k);
		cs->c[cs->n][k] = '\0';
		cs->n++;
		s += k;
	}
}

/* A tags.tsv row, parsed once. */
enum { SC_ANY, SC_URBAN, SC_RURAL, SC_ALONE, SC_CHILD };
struct tagrule {
	const char *tag;
	uint32_t ppm;	/* chance per million */
	int lo, hi;	/* ages */
	int scope;	/* SC_* */
};

struct data {
	struct tagrule *tag;
	struct table surname, given, tags, units, words, remarks, routes,
	    reasons, events;
	struct wpick surname_w, remark_w, event_w;
	struct chars male, female;	/* given-name characters, "n" in both */
	/* the division, from the policy's [grid] section (grid-code's) */
	struct div_band band;
	long uncategorised, late_immediate;	/* per 1000 */
};

static struct data D;

static long
conf_int(policy *p, const char *sect, const char *key)
{
	const char *why;
	long v;

	if (policy_int(p, sect, key, &v, &why) < 0)
		die("%s", why);
	return v;
}

static void
data_load(const char *profile)
{
	char bwhy[512];
	const char *why;
	policy *p;
	size_t i;

	table_load(&D.surname, "synth/surnames.tsv", 2);
	for (i = 0; i < D.surname.n; i++)
		wpick_add(&D.surname_w, num(D.surname.row[i][1], "surname"));
	table_load(&D.given, "synth/given.tsv", 2);
	for (i = 0; i < D.given.n; i++) {
		const char *sex = D.given.row[i][0];

		if (*sex == 'm' || *sex == 'n')
			chars_add(&D.male, D.given.row[i][1]);
		if (*sex == 'f' || *sex == 'n')
			chars_add(&D.female, D.given.row[i][1]);
	}
	if (D.male.n == 0 || D.female.n == 0)
		die("share/synth/given.tsv: no characters for one sex");
	table_load(&D.tags, "synth/tags.tsv", 5);
	D.tag = xcalloc(D.tags.n, sizeof *D.tag);
	for (i = 0; i < D.tags.n; i++) {
		char **row = D.tags.row[i];
		static const char *sc[] = {"any", "urban", "rural", "alone",
		    "child"};
		int k;

		D.tag[i].tag = row[0];
		D.tag[i].ppm = (uint32_t)num(row[1], "tag rate") * 10;
		D.tag[i].lo = (int)num(row[2], "tag age");
		D.tag[i].hi = (int)num(row[3], "tag age");
		for (k = 0; k < 5 && strcmp(row[4], sc[k]) != 0; k++)
			;
		if (k == 5)
			die("share/synth/tags.tsv: unknown scope '%s'", row[4]);
		D.tag[i].scope = k;
	}
	table_load(&D.units, "synth/units.tsv", 6);
	table_load(&D.words, "synth/words.txt", 1);
	table_load(&D.remarks, "synth/remarks.tsv", 3);
	for (i = 0; i < D.remarks.n; i++)
		wpick_add(&D.remark_w, num(D.remarks.row[i][1], "remark"));
	table_load(&D.routes, "synth/routes.tsv", 3);
	table_load(&D.reasons, "synth/reasons.tsv", 2);
	table_load(&D.events, "synth/events.tsv", 3);
	for (i = 0; i < D.events.n; i++)
		wpick_add(&D.event_w, num(D.events.row[i][1], "event"));
	if ((p = policy_load(gw_sharepath("synth/synth.conf"), &why)) == NULL)
		die("%s", why);
	D.uncategorised = conf_int(p, "synth", "uncategorised");
	D.late_immediate = conf_int(p, "synth", "late_immediate");
	policy_free(p);
	if ((p = policy_load(profile, &why)) == NULL)
		die("%s", why);
	if (div_band_load(&D.band, p, bwhy, sizeof bwhy) < 0)
		die("%s", bwhy);
	policy_free(p);
}

static void
data_free(void)
{
	table_free(&D.surname);
	table_free(&D.given);
	table_free(&D.tags);
	free(D.tag);
	table_free(&D.units);
	table_free(&D.words);
	table_free(&D.remarks);
	table_free(&D.routes);
	table_free(&D.reasons);
	table_free(&D.events);
	free(D.surname_w.cum);
	free(D.remark_w.cum);
	free(D.event_w.cum);
	free(D.male.c);
	free(D.female.c);
}

/* ---- output files ---- */

enum {
	F_REGIONS, F_PERSONS, F_HOUSEHOLDS, F_UNITS, F_GRIDS, F_WORKERS,
	F_CANDIDATES, F_EVENTS, F_CASELOG, F_PATROLS, F_VISITS, F_LOGINS,
	F_TRAININGS, F_BONUS, F_REWARDS, F_DEFECTS, NFILES
};

#define MAXCOLS 20

struct out {
	const char *name;		/* file name without .csv */
	const char *cols[MAXCOLS];	/* header */
	size_t ncols;
	int on;				/* written in this run */
	FILE *fp;
	csvw *w;
	long line;			/* physical line of the last row */
};

static struct out out[NFILES] = {
	{"regions", {"code", "name", "kind"}, 3, 1, 0, 0, 0},
	{"persons", {"id_number", "name", "household_id", "relation",
	    "village_code", "block", "address", "phone", "tags"}, 9, 1, 0, 0, 0},
	{"households", {"household_id", "village_code", "block", "address",
	    "persons"}, 5, 1, 0, 0, 0},
	{"units", {"unit_id", "name", "village_code", "kind", "people"}, 5, 1,
	    0, 0, 0},
	{"grids", {"grid_code", "village_code", "kind", "households",
	    "residents", "blocks", "note"}, 7, 0, 0, 0, 0},
	{"workers", {"worker_id", "id_number", "name", "role", "grid_code",
	    "township_code", "employment", "hired_on"}, 8, 1, 0, 0, 0},
	{"candidates", {"candidate_id", "id_number", "name", "education",
	    "party_member", "title", "social_work_cert", "veteran", "dibao",
	    "criminal_penalty", "pending_case", "under_investigation",
	    "detained", "admin_penalty", "dismissed", "remarks", "written",
	    "interview", "grid_code"}, 19, 1, 0, 0, 0},
	{"events", {"event_id", "grid_code", "reported_at", "found_at",
	    "source", "reporter_id", "category", "text", "settled"}, 9, 1, 0,
	    0, 0},
	{"case_log", {"case_id", "event_id", "step", "at", "actor",
	    "department", "satisfied", "deadline"}, 8, 1, 0, 0, 0},
	{"patrols", {"worker_id", "date", "minutes", "households_visited"}, 4,
	    1, 0, 0, 0},
	{"visits", {"worker_id", "date", "household_id"}, 3, 1, 0, 0, 0},
	{"logins", {"worker_id", "date"}, 2, 1, 0, 0, 0},
	{"trainings", {"worker_id", "date", "session_id", "attended"}, 4, 1, 0,
	    0, 0},
	{"bonus", {"worker_id", "month", "points", "reason"}, 4, 1, 0, 0, 0},
	{"rewards", {"worker_id", "month", "amount", "reason"}, 4, 1, 0, 0, 0},
	{"defects", {"file", "line", "kind", "expect"}, 4, 0, 0, 0, 0},
};

/*
 * Files are written as NAME.csv.tmp and renamed when the run succeeds;
 * a run that dies removes them, so a directory never holds a half
 * written NAME.csv.
 */
static const char *outdir;
static int outdone;
static const struct gw_opts *outopts;	/* --zh, --excel */

static void
out_path(char *buf, size_t n, int i, int tmp)
{
	snprintf(buf, n, "%s/%s.csv%s", outdir, out[i].name, tmp ? ".tmp" : "");
}

static void
out_cleanup(void)
{
	char path[PATH_MAX];
	int i;

	if (outdone)
		return;
	for (i = 0; i < NFILES; i++)
		if (out[i].fp) {
			out_path(path, sizeof path, i, 1);
			unlink(path);
		}
}

static void
out_open(const char *dir)
{
	char path[PATH_MAX];
	int i;

	outdir = dir;
	atexit(out_cleanup);
	for (i = 0; i < NFILES; i++) {
		if (!out[i].on)
			continue;
		out_path(path, sizeof path, i, 1);
		if ((out[i].fp = fopen(path, "w")) == NULL)
			die("%s:", path);
		out[i].w = gw_out(outopts, out[i].fp);
		csvw_header(out[i].w, out[i].cols, out[i].ncols);
		out[i].line = 1;
	}
}

static int
out_close(void)
{
	char path[PATH_MAX], final[PATH_MAX];
	int i, bad = 0;

	for (i = 0; i < NFILES; i++) {
		if (!out[i].on)
			continue;
		out_path(path, sizeof path, i, 1);
		if (csvw_close(out[i].w) < 0) {
			warn("write error: %s:", path);
			bad = 1;
		}
		if (fshut(out[i].fp, path))
			bad = 1;
	}
	for (i = 0; i < NFILES && !bad; i++) {
		if (!out[i].on)
			continue;
		out_path(path, sizeof path, i, 1);
		out_path(final, sizeof final, i, 0);
		if (rename(path, final) < 0) {
			warn("rename %s:", path);
			bad = 1;
		}
	}
	if (!bad)
		outdone = 1;
	return bad;
}

static void
rawrow(int fi, const char *const *f, size_t n)
{
	struct out *o = &out[fi];
	size_t i;

	for (i = 0; i < n; i++)
		csvw_field(o->w, f[i], (size_t)-1);
	csvw_endrec(o->w);
	o->line++;
}

/* ---- the area: regions under the prefix ---- */

struct town {
	char code[10];
	char *name;	/* "" when the regions file has no row for it */
};

struct county {
	char code[7];
	char *name;
};

struct village {
	char code[13];
	char *name;	/* as in the regions file */
	char *shortname;	/* for addresses: 东北街村, 汾水社区 */
	int urban;
	int zone;	/* a development zone: mostly units, few households */
	long households;	/* allotted */
	struct town *town;
	struct county *county;
};

static struct village *vil;
static size_t nvil;
static struct town *towns;
static size_t ntowns;
static struct county *counties;
static size_t ncounties;

static int
isdigits(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
endswith(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && memcmp(s + n - m, suf, m) == 0;
}

/* 东北街村委会 -> 东北街村, 汾水社区居委会 -> 汾水社区. */
static char *
short_name(const char *name)
{
	static const char *suf[][2] = {
		{"村民委员会", "村"}, {"村委会", "村"},
		{"社区居民委员会", "社区"}, {"社区居委会", "社区"},
		{"居民委员会", "社区"}, {"居委会", "社区"},
	};
	size_t i, n = strlen(name), m;
	struct sbuf b = {0};

	for (i = 0; i < sizeof suf / sizeof suf[0]; i++) {
		m = strlen(suf[i][0]);
		if (endswith(name, suf[i][0]) && n > m) {
			sbuf_add(&b, name, n - m);
			sbuf_adds(&b, suf[i][1]);
			return b.s;
		}
	}
	return xstrdup(name);
}

static int
cmpvil(const void *a, const void *b)
{
	return strcmp(((const struct village *)a)->code,
	    ((const struct village *)b)->code);
}

static int
cmptown(const void *a, const void *b)
{
	return strcmp(((const struct town *)a)->code,
	    ((const struct town *)b)->code);
}

static int
cmpcounty(const void *a, const void *b)
{
	return strcmp(((const struct county *)a)->code,
	    ((const struct county *)b)->code);
}

static struct town *
town_find(const char *code9)
{
	struct town key;

	if (ntowns == 0)
		return NULL;
	snprintf(key.code, sizeof key.code, "%.9s", code9);
	return bsearch(&key, towns, ntowns, sizeof *towns, cmptown);
}

static struct county *
county_find(const char *code6)
{
	struct county key;

	if (ncounties == 0)
		return NULL;
	snprintf(key.code, sizeof key.code, "%.6s", code6);
	return bsearch(&key, counties, ncounties, sizeof *counties, cmpcounty);
}

static int
village_known(const char *code12)
{
	struct village key;

	snprintf(key.code, sizeof key.code, "%s", code12);
	return bsearch(&key, vil, nvil, sizeof *vil, cmpvil) != NULL;
}

/* Reads the regions under prefix; writes regions.csv. */
static void
regions_load(const char *path, const char *prefix, struct csvr_opt *ro)
{
	const char *why, *kind;
	struct gw_rec rec;
	size_t plen = strlen(prefix), i, j;
	int ccode, cname, ckind, rc;
	csvr *r;

	if ((r = csvr_open(path, ro, &why)) == NULL)
		die("%s", why);	/* why names the file */
	ccode = csvr_col(r, "code");
	cname = csvr_col(r, "name");
	ckind = csvr_col(r, "kind");
	if (ccode < 0 || cname < 0)
		die("%s: no 'code' and 'name' columns", path);
	while ((rc = csvr_next(r, &rec)) != CSVR_EOF) {
		const char *code, *name;
		size_t n;

		if (rc == CSVR_ERR)
			die("%s: %s", path, csvr_why(r));
		if (rc == CSVR_BAD || (size_t)ccode >= rec.nf ||
		    (size_t)cname >= rec.nf)
			continue;
		code = rec.f[ccode];
		name = rec.f[cname];
		n = strlen(code);
		if (n < plen || strncmp(code, prefix, plen) != 0 ||
		    !isdigits(code, n))
			continue;
		if (n == 6) {
			counties = xreallocarray(counties, ncounties + 1,
			    sizeof *counties);
			memcpy(counties[ncounties].code, code, 7);
			counties[ncounties++].name = xstrdup(name);
		} else if (n == 9) {
			towns = xreallocarray(towns, ntowns + 1, sizeof *towns);
			memcpy(towns[ntowns].code, code, 10);
			towns[ntowns++].name = xstrdup(name);
		} else if (n == 12) {
			struct village *v;
			int k;

			kind = ckind >= 0 && (size_t)ckind < rec.nf ?
			    rec.f[ckind] : NULL;
			k = region_kind(kind && *kind ? kind : NULL, NULL, name);
			vil = xreallocarray(vil, nvil + 1, sizeof *vil);
			v = &vil[nvil++];
			memset(v, 0, sizeof *v);
			memcpy(v->code, code, 13);
			v->name = xstrdup(name);
			v->shortname = short_name(name);
			v->urban = k == KIND_URBAN;
			v->zone = strstr(name, "开发区") || strstr(name, "园区") ||
			    strstr(name, "虚拟");
		}
	}
	csvr_close(r);
	if (nvil == 0)
		die("%s: no village-level code under '%s'", path, prefix);
	qsort(vil, nvil, sizeof *vil, cmpvil);
	if (ntowns > 0)
		qsort(towns, ntowns, sizeof *towns, cmptown);
	if (ncounties > 0)
		qsort(counties, ncounties, sizeof *counties, cmpcounty);
	for (i = 1, j = 0; i < nvil; i++)
		if (strcmp(vil[i].code, vil[j].code) != 0)
			vil[++j] = vil[i];
		else {
			free(vil[i].name);
			free(vil[i].shortname);
		}
	nvil = j + 1;
	/* towns and counties that the file names only through villages */
	for (i = 0; i < nvil; i++) {
		if (!town_find(vil[i].code)) {
			towns = xreallocarray(towns, ntowns + 1, sizeof *towns);
			snprintf(towns[ntowns].code, 10, "%.9s", vil[i].code);
			towns[ntowns++].name = xstrdup("");
			qsort(towns, ntowns, sizeof *towns, cmptown);
		}
		if (!county_find(vil[i].code)) {
			counties = xreallocarray(counties, ncounties + 1,
			    sizeof *counties);
			snprintf(counties[ncounties].code, 7, "%.6s", vil[i].code);
			counties[ncounties++].name = xstrdup("");
			qsort(counties, ncounties, sizeof *counties, cmpcounty);
		}
	}
	for (i = 0; i < nvil; i++) {
		vil[i].town = town_find(vil[i].code);
		vil[i].county = county_find(vil[i].code);
	}
	if (out[F_REGIONS].on) {
		const char *f[3];

		for (i = 0; i < ncounties; i++) {
			if (!*counties[i].name)
				continue;
			f[0] = counties[i].code, f[1] = counties[i].name, f[2] = "";
			rawrow(F_REGIONS, f, 3);
		}
		for (i = 0; i < ntowns; i++) {
			if (!*towns[i].name)
				continue;
			f[0] = towns[i].code, f[1] = towns[i].name, f[2] = "";
			rawrow(F_REGIONS, f, 3);
		}
		for (i = 0; i < nvil; i++) {
			f[0] = vil[i].code, f[1] = vil[i].name;
			f[2] = vil[i].urban ? "urban" : "rural";
			rawrow(F_REGIONS, f, 3);
		}
	}
}

static void
regions_free(void)
{
	size_t i;

	for (i = 0; i < nvil; i++) {
		free(vil[i].name);
		free(vil[i].shortname);
	}
	for (i = 0; i < ntowns; i++)
		free(towns[i].name);
	for (i = 0; i < ncounties; i++)
		free(counties[i].name);
	free(vil);
	free(towns);
	free(counties);
}

static const double *fracs;

static int
cmpfrac(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (fracs[x] != fracs[y])
		return fracs[x] > fracs[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/*
 * Spreads total households over the villages: one each first (when there
 * are enough), the rest by a random weight per village — communities
 * larger than villages, development zones nearly empty — by largest
 * remainder, so the sum is exact.
 */
static void
allot(long total, uint64_t seed)
{
	double *w = xcalloc(nvil, sizeof *w), sum = 0, *frac;
	long rest, given = 0, base;
	size_t i, *ord;
	struct rng r;

	base = total >= (long)nvil ? 1 : 0;
	rest = total - base * (long)nvil;
	for (i = 0; i < nvil; i++) {
		double g = 0;
		int k;

		rng_seed(&r, seed, (uint64_t)strtoull(vil[i].code, NULL, 10),
		    S_WEIGHT);
		for (k = 0; k < 6; k++)	/* roughly normal, sd 0.5 */
			g += rng_unit(&r) - 0.5;
		w[i] = exp(g * 0.7);
		if (vil[i].urban)
			w[i] *= 3.0;
		if (vil[i].zone)
			w[i] *= 0.05;
		sum += w[i];
	}
	frac = xcalloc(nvil, sizeof *frac);
	ord = xcalloc(nvil, sizeof *ord);
	for (i = 0; i < nvil; i++) {
		double x = (double)rest * w[i] / sum;

		vil[i].households = base + (long)floor(x);
		frac[i] = x - floor(x);
		given += (long)floor(x);
		ord[i] = i;
	}
	/* largest remainders first; ties in code order */
	fracs = frac;
	qsort(ord, nvil, sizeof *ord, cmpfrac);
	for (i = 0; given < rest; i = (i + 1) % nvil, given++)
		vil[ord[i]].households++;
	free(w);
	free(frac);
	free(ord);
}

/* ---- identity numbers ---- */

static long refday;		/* last day of the month: ages and births */
static long mfirst, mlast;	/* the month */
static char monthstr[8];	/* YYYY-MM */
static const char refmonth[] = "2026-10";	/* the default --month */
static char idmonth[8];		/* "" for refmonth, else YYYYMM */
static uint64_t msalt;		/* 0 for refmonth: the month's streams */

/*
 * Sequences used per county, birth day and sex: numbers stay unique
 * without remembering them.  Index (day - SEQ_BASE) * 2 + male.
 */
#define SEQ_DAYS (125 * 366)
static unsigned short *seqused;
static long seqbase;

/* n as exactly w decimal digits into p (snprintf is the hot spot here). */
static void
digits(char *p, long n, int w)
{
	while (w-- > 0) {
		p[w] = (char)('0' + n % 10);
		n /= 10;
	}
}

static void
id_make(char out18[19], const char *addr6, long birth, int seq)
{
	int y, m, d;

	day_to_ymd(birth, &y, &m, &d);
	memcpy(out18, addr6, 6);
	digits(out18 + 6, y, 4);
	digits(out18 + 10, m, 2);
	digits(out18 + 12, d, 2);
	digits(out18 + 14, seq, 3);
	out18[17] = idno_checkchar(out18);
	out18[18] = '\0';
}

/*
 * A fresh number of the county for a person born on *birth (moved a day
 * on while that day's 499 sequences of the sex are used up).
 */
static void
id_new(char out18[19], const char *county6, long *birth, int male)
{
	long idx, scan = 0;
	int k, p;

	if (*birth > refday)
		*birth = refday;
	if (*birth < seqbase)
		*birth = seqbase;
	for (;;) {
		idx = *birth - seqbase;
		k = seqused[idx * 2 + male];
		if (k < 499)
			break;
		/* the day is full: the day before, then from the top */
		if (--*birth < seqbase)
			*birth = refday;
		if (++scan > (long)SEQ_DAYS)
			die("county %.6s: more than %ld persons of one sex; "
			    "no identity numbers left", county6,
			    (long)SEQ_DAYS * 499);
	}
	seqused[idx * 2 + male]++;
	/* a permutation of 0..498 (499 is prime) so numbers look unordered */
	p = (int)((k * 211L + (idx * 7919L) % 499) % 499);
	id_make(out18, county6, *birth, male ? 2 * p + 1 : 2 * p + 2);
}

/* ---- one village ---- */

enum { R_HEAD, R_SPOUSE, R_CHILD, R_PARENT, R_GRANDCHILD, R_SIBLING,
	R_OTHER };
static const char *relname[] = {"户主", "配偶", "子女", "父母", "孙子女",
	"兄弟姐妹", "其他"};

struct person {
	char id[19];
	char name[16];
	char phone[12];
	int age;
	int male;
	int rel;
	int hh;
	char *tags;	/* NULL or ';'-joined */
};

struct household {
	char id[24];
	char *addr;
	int block;
	int p0, np;	/* persons [p0, p0 + np) */
	int grid;
};

struct block {
	char name[32];
	int h0, nh;	/* households [h0, h0 + nh) */
	int residents;
	int grid;
};

struct unit {
	char id[32];
	char *name;
	const char *kind;
	long people;
};

struct grid {
	char code[16];
	int dedicated;
	int unit;	/* dedicated: index in units, else -1 */
	long households, residents;
	struct sbuf blocks;
	int worker;	/* first worker of the grid in the village's list */
	int nworkers;
};

struct worker {
	char id[40];
	char idno[19];
	char name[16];
	const char *role;
	int fulltime;
	long hired;
	int grid;
	int assistant;
};

/* The current village, reused from one village to the next. */
static struct {
	struct person *p;
	size_t np, capp;
	struct household *h;
	size_t nh, caph;
	struct block *b;
	size_t nb, capb;
	struct unit *u;
	size_t nu, capu;
	struct grid *g;
	size_t ng, capg;
	struct worker *w;
	size_t nw, capw;
} V;

/* The village's households by grid: hidx[gofs[g] .. gofs[g + 1]), in
   household order. */
static int *hidx;
static size_t *gofs, caphidx, capgofs;

static void
grid_index(void)
{
	size_t i, g;

	if (V.nh + 1 > caphidx) {
		caphidx = V.nh + 1;
		hidx = xreallocarray(hidx, caphidx, sizeof *hidx);
	}
	if (V.ng + 2 > capgofs) {
		capgofs = V.ng + 2;
		gofs = xreallocarray(gofs, capgofs, sizeof *gofs);
	}
	memset(gofs, 0, (V.ng + 2) * sizeof *gofs);
	for (i = 0; i < V.nh; i++)
		if (V.h[i].grid >= 0)
			gofs[V.h[i].grid + 2]++;
	for (g = 2; g < V.ng + 2; g++)
		gofs[g] += gofs[g - 1];
	/* gofs[g + 1] is the fill cursor of grid g, then its end */
	for (i = 0; i < V.nh; i++)
		if (V.h[i].grid >= 0)
			hidx[gofs[V.h[i].grid + 1]++] = (int)i;
}

#define GROW(arr, n, cap) do { if ((n) >= (cap)) { \
	(cap) = (cap) ? (cap) * 2 : 64; \
	(arr) = xreallocarray((arr), (cap), sizeof *(arr)); } } while (0)

static void
village_reset(void)
{
	size_t i;

	for (i = 0; i < V.np; i++)
		free(V.p[i].tags);
	for (i = 0; i < V.nh; i++)
		free(V.h[i].addr);
	for (i = 0; i < V.nu; i++)
		free(V.u[i].name);
	for (i = 0; i < V.ng; i++)
		sbuf_free(&V.g[i].blocks);
	V.np = V.nh = V.nb = V.nu = V.ng = V.nw = 0;
}

/* A name of the sex; surname index sur, or a drawn one when sur < 0. */
static void
name_with(struct rng *r, int male, long sur_i, char out[16])
{
	const struct chars *cs = male ? &D.male : &D.female;
	const char *sur = D.surname.row[sur_i >= 0 ? sur_i :
	    wpick(&D.surname_w, r)][0];
	const char *c1 = cs->c[rng_below(r, (uint32_t)cs->n)], *c2 = "";
	size_t a, b, c;

	if (rng_below(r, 100) < 72)
		c2 = cs->c[rng_below(r, (uint32_t)cs->n)];
	a = strlen(sur), b = strlen(c1), c = strlen(c2);
	if (a + b + c >= 16)	/* a surname of four bytes or more */
		a = 15 - b - c;
	memcpy(out, sur, a);
	memcpy(out + a, c1, b);
	memcpy(out + a + b, c2, c);
	out[a + b + c] = '\0';
}

static void
name_make(struct rng *r, int male, char out[16])
{
	name_with(r, male, -1, out);
}

static void
phone_make(struct rng *r, char out[12])
{
	static const char second[] = "35789";

	out[0] = '1';
	out[1] = second[rng_below(r, 5)];
	digits(out + 2, (long)rng_below(r, 1000000000), 9);
	out[11] = '\0';
}

/*
 * Area part of an address: county, township, village.  Names that
 * already carry the county (稷山县经济技术开发区虚拟社区) stand alone, and
 * a township that only groups the county town's communities (稷山县社区)
 * is left out.
 */
static void
addr_area(struct sbuf *b, const struct village *v)
{
	const char *c = v->county->name, *t = v->town->name;
	size_t n = strlen(c);

	if (n == 0 || strncmp(v->shortname, c, n) != 0) {
		sbuf_adds(b, c);
		if (n > 0 && strncmp(t, c, n) == 0)
			t += n;
		if (!endswith(t, "社区"))
			sbuf_adds(b, t);
	}
	sbuf_adds(b, v->shortname);
}

static void
add_person(struct rng *r, const struct village *v, int hh, int rel, int age,
    int male, long sur)
{
	struct person *p;
	long birth;

	GROW(V.p, V.np, V.capp);
	p = &V.p[V.np++];
	memset(p, 0, sizeof *p);
	if (age < 0)
		age = 0;
	if (age > 100)
		age = 100;
	p->age = age;
	p->male = male;
	p->rel = rel;
	p->hh = hh;
	/* born between age+1 years and age years before the month's end */
	birth = refday - (long)age * 36525 / 100 - (long)rng_below(r, 365);
	id_new(p->id, v->code, &birth, male);
	name_with(r, male, sur, p->name);
	if (age >= 16 && rng_below(r, 100) < 78)
		phone_make(r, p->phone);
}

/* Household sizes 1-7: shares per 1000, about 3.0 persons on average;
   interleaved, a quarter alone and about 2.6 on average. */
static const int size_share[] = {140, 270, 240, 170, 100, 50, 30};
static const int size_share_real[] = {250, 300, 210, 130, 60, 30, 20};

static int
household_size(struct rng *r)
{
	const int *share = layout == L_INTERLEAVED ? size_share_real :
	    size_share;
	int x = (int)rng_below(r, 1000), i;

	if (layout == L_SINGLE)
		return 1;
	for (i = 0; i < 6; i++) {
		if (x < share[i])
			return i + 1;
		x -= share[i];
	}
	return 7;
}

/*
 * The members of a household of size persons around its head.  Children
 * and grandchildren take the family's surname (the husband's), siblings
 * and a father the head's own; the others have theirs.
 */
static void
make_members(struct rng *r, const struct village *v, int hh, int size)
{
	int head, male, i, rel, age, sex;
	long hsur, fam, sur;

	if (size == 1)
		head = rng_below(r, 100) < 40 ? (int)rng_range(r, 60, 92) :
		    (int)rng_range(r, 20, 59);
	else if (size >= 5)
		head = (int)rng_range(r, 34, 72);
	else
		head = (int)rng_range(r, 22, 80);
	male = rng_below(r, 100) < 72;
	hsur = fam = wpick(&D.surname_w, r);
	add_person(r, v, hh, R_HEAD, head, male, hsur);
	for (i = 1; i < size; i++) {
		int x = (int)rng_below(r, 100);

		if (i == 1 && x < 85) {	/* the spouse first: the family name */
			age = head + (int)rng_range(r, -6, 6);
			if (age < 20)
				age = 20;
			sur = wpick(&D.surname_w, r);
			if (!male)
				fam = sur;
			add_person(r, v, hh, R_SPOUSE, age, !male, sur);
			continue;
		}
		x = (int)rng_below(r, 100);
		sex = (int)rng_below(r, 2);
		sur = -1;
		if (head >= 48 && x < 30) {
			rel = R_GRANDCHILD;
			age = (int)rng_range(r, 0, head - 44);
			sur = fam;
		} else if (head <= 66 && x < 45) {
			rel = R_PARENT;
			age = (int)rng_range(r, head + 20, head + 34);
			if (age > 98)
				age = 98;
			if (sex)
				sur = hsur;
		} else if (x < 90) {
			rel = R_CHILD;
			age = (int)rng_range(r, head - 40 > 0 ? head - 40 : 0,
			    head - 20);
			sur = fam;
		} else if (x < 95) {
			rel = R_SIBLING;
			age = head + (int)rng_range(r, -10, 10);
			if (age < 16)
				age = 16;
			sur = hsur;
		} else {
			rel = R_OTHER;
			age = (int)rng_range(r, 5, 85);
		}
		add_person(r, v, hh, rel, age, sex, sur);
	}
}

static void
tag_add(struct person *p, const char *tag)
{
	struct sbuf b = {0};

	if (p->tags) {
		sbuf_adds(&b, p->tags);
		sbuf_addc(&b, ';');
		free(p->tags);
	}
	sbuf_adds(&b, tag);
	p->tags = b.s;
}

static void
make_tags(struct rng *r, const struct village *v, const struct household *h)
{
	int i, midage = 0;
	size_t t;

	for (i = 0; i < h->np; i++)
		if (V.p[h->p0 + i].age >= 20 && V.p[h->p0 + i].age <= 50)
			midage = 1;
	for (i = 0; i < h->np; i++) {
		struct person *p = &V.p[h->p0 + i];

		for (t = 0; t < D.tags.n; t++) {
			const struct tagrule *tr = &D.tag[t];

			if (p->age < tr->lo || p->age > tr->hi)
				continue;
			if ((tr->scope == SC_URBAN && !v->urban) ||
			    (tr->scope == SC_RURAL && v->urban) ||
			    (tr->scope == SC_ALONE && h->np != 1) ||
			    (tr->scope == SC_CHILD && (v->urban || midage)))
				continue;
			if (rng_ppm(r, tr->ppm))
				tag_add(p, tr->tag);
		}
	}
}

static void
make_census(const struct village *v, uint64_t seed)
{
	struct rng r;
	struct sbuf a = {0};
	long left = v->households;
	int bno = 0;

	rng_seed(&r, seed, (uint64_t)strtoull(v->code, NULL, 10), S_CENSUS);
	while (left > 0) {
		struct block *b;
		long cap, j;

		if (v->urban)
			cap = rng_below(&r, 100) < 3 ? rng_range(&r, 300, 720) :
			    rng_range(&r, 18, 120);
		else
			cap = rng_range(&r, 25, 110);
		if (cap > left)
			cap = left;
		GROW(V.b, V.nb, V.capb);
		b = &V.b[V.nb++];
		memset(b, 0, sizeof *b);
		bno++;
		if (v->urban)
			snprintf(b->name, sizeof b->name, "%d号楼", bno);
		else
			snprintf(b->name, sizeof b->name, "第%d村民小组", bno);
		b->h0 = (int)V.nh;
		b->nh = (int)cap;
		b->grid = -1;
		for (j = 0; j < cap; j++) {
			struct household *h;

			GROW(V.h, V.nh, V.caph);
			h = &V.h[V.nh];
			memset(h, 0, sizeof *h);
			snprintf(h->id, sizeof h->id, "%s-%05zu", v->code,
			    V.nh + 1);
			h->block = (int)V.nb - 1;
			h->grid = -1;
			sbuf_reset(&a);
			addr_area(&a, v);
			sbuf_adds(&a, b->name);
			if (v->urban && cap >= 300)	/* a tower */
				sbuf_addf(&a, "%ld单元%ld%02ld室", j / 132 + 1,
				    (j % 132) / 4 + 1, j % 4 + 1);
			else if (v->urban)	/* six floors, two a floor */
				sbuf_addf(&a, "%ld单元%ld%02ld室", j / 12 + 1,
				    (j % 12) / 2 + 1, j % 2 + 1);
			else
				sbuf_addf(&a, "%ld号", j + 1);
			h->addr = xstrdup(a.s);
			h->p0 = (int)V.np;
			make_members(&r, v, (int)V.nh, household_size(&r));
			h->np = (int)V.np - h->p0;
			b->residents += h->np;
			make_tags(&r, v, h);
			V.nh++;
		}
		left -= cap;
	}
	sbuf_free(&a);
}

static void
subst(struct sbuf *o, const char *tpl, struct rng *r, const struct village *v,
    const char *blockname, const char *addr)
{
	const char *p;
	char nm[16];

	for (p = tpl; *p; p++) {
		if (p[0] != '{' || !p[1] || p[2] != '}') {
			sbuf_addc(o, *p);
			continue;
		}
		switch (p[1]) {
		case 'C':
			sbuf_adds(o, v->county->name);
			break;
		case 'T':
			sbuf_adds(o, v->town->name);
			break;
		case 'V':
			sbuf_adds(o, v->shortname);
			break;
		case 'W':
			sbuf_adds(o, D.words.row[rng_below(r,
			    (uint32_t)D.words.n)][0]);
			break;
		case 'N':
			sbuf_addf(o, "%d", (int)rng_range(r, 2, 9));
			break;
		case 'M':
			sbuf_addf(o, "%d", (int)rng_range(r, 10, 60));
			break;
		case 'B':
			sbuf_adds(o, blockname ? blockname : v->shortname);
			break;
		case 'A':
			sbuf_adds(o, addr ? addr : v->shortname);
			break;
		case 'S':
			sbuf_adds(o, D.surname.row[wpick(&D.surname_w, r)][0]);
			break;
		case 'P':
			name_make(r, (int)rng_below(r, 2), nm);
			sbuf_adds(o, nm);
			break;
		default:
			sbuf_add(o, p, 3);
			break;
		}
		p += 2;
	}
}

/* Units of village v (stream S_UNITS). */
static void
make_units(const struct village *v, uint64_t seed)
{
	const char *where = v->zone ? "zone" : v->urban ? "urban" : "rural";
	struct wpick w = {0};
	struct sbuf nm = {0};
	struct rng r;
	long n, i;
	size_t t;

	rng_seed(&r, seed, (uint64_t)strtoull(v->code, NULL, 10), S_UNITS);
	if (v->zone)
		n = rng_range(&r, 6, 12);
	else if (v->urban)
		n = rng_range(&r, 1, 4);
	else
		n = (long)rng_below(&r, 100) < 40 ? 0 :
		    rng_below(&r, 100) < 75 ? 1 : 2;
	for (t = 0; t < D.units.n; t++)
		wpick_add(&w, strcmp(D.units.row[t][1], where) == 0 ?
		    num(D.units.row[t][2], "unit weight") : 0);
	for (i = 0; i < n; i++) {
		long k = wpick(&w, &r);
		struct unit *u;

		if (k < 0)
			break;
		GROW(V.u, V.nu, V.capu);
		u = &V.u[V.nu++];
		snprintf(u->id, sizeof u->id, "U%s%02d", v->code,
		    (int)(i + 1) % 100);
		u->kind = D.units.row[k][0];
		u->people = rng_range(&r, num(D.units.row[k][3], "unit min"),
		    num(D.units.row[k][4], "unit max"));
		sbuf_reset(&nm);
		subst(&nm, D.units.row[k][5], &r, v, NULL, NULL);
		u->name = xstrdup(nm.s ? nm.s : "");
	}
	free(w.cum);
	sbuf_free(&nm);
}

static struct grid *
grid_add(const char *village, int seq, int dedicated)
{
	struct grid *g;

	GROW(V.g, V.ng, V.capg);
	g = &V.g[V.ng++];
	memset(g, 0, sizeof *g);
	snprintf(g->code, sizeof g->code, "%s%03d", village, seq);
	g->dedicated = dedicated;
	g->unit = -1;
	return g;
}

static void
grid_take_block(struct grid *g, int gi, struct block *b)
{
	int j;

	if (g->blocks.len)
		sbuf_addc(&g->blocks, ';');
	sbuf_adds(&g->blocks, b->name);
	b->grid = gi;
	g->households += b->nh;
	g->residents += b->residents;
	for (j = 0; j < b->nh; j++)
		V.h[b->h0 + j].grid = gi;
}

/*
 * The generator's own division (no --grids): the division engine's
 * (lib/division.c, as grid-code(1) divides) over the blocks in the order
 * they were made, which is their natural order, with no previous
 * division; units big enough get 901, 902, ... in order.  grid-code may
 * still break a tie otherwise; --grids follows its table exactly.
 */
static void
make_grids_own(const struct village *v)
{
	struct grid *g = NULL;
	struct div_block *blk;
	struct div_run *runs;
	int64_t dev;
	size_t i, j, nb = V.nb, nr;
	int seq = 0, ded = 900;
	long res = 0;

	blk = xreallocarray(NULL, nb + 1, sizeof *blk);
	runs = xreallocarray(NULL, nb + 1, sizeof *runs);
	for (i = 0; i < nb; i++) {
		blk[i].hh = V.b[i].nh;
		blk[i].res = V.b[i].residents;
		blk[i].prev = -1;
		blk[i].prevn = 0;
		res += V.b[i].residents;
	}
	nr = div_runs(&D.band, blk, nb, div_single_res(&D.band, v->urban ?
	    KIND_URBAN : KIND_RURAL, v->households, res), runs, &dev);
	for (i = 0; i < nr; i++) {
		g = grid_add(v->code, ++seq, 0);
		for (j = runs[i].first; j < runs[i].first + runs[i].n; j++)
			grid_take_block(g, (int)V.ng - 1, &V.b[j]);
	}
	free(blk);
	free(runs);
	for (i = 0; i < V.nu && ded < 999; i++) {
		if (!div_unit_dedicated(&D.band, V.u[i].people))
			continue;
		g = grid_add(v->code, ++ded, 1);
		g->unit = (int)i;
		g->residents = V.u[i].people;
	}
}

/* ---- a given grid table (--grids) ---- */

struct ggrid {
	char code[16];
	char village[13];
	int dedicated;
	char *blocks;
};

static struct ggrid *gg;
static size_t ngg;

static int
cmpgg(const void *a, const void *b)
{
	const struct ggrid *x = a, *y = b;
	int c = strcmp(x->village, y->village);

	return c ? c : strcmp(x->code, y->code);
}

static void
grids_load(const char *path, struct csvr_opt *ro)
{
	int cc, cv, ck, cb, rc;
	const char *why;
	struct gw_rec rec;
	csvr *r;

	if ((r = csvr_open(path, ro, &why)) == NULL)
		die("%s", why);	/* why names the file */
	cc = csvr_col(r, "grid_code");
	cv = csvr_col(r, "village_code");
	ck = csvr_col(r, "kind");
	cb = csvr_col(r, "blocks");
	if (cc < 0 || cb < 0)
		die("%s: no 'grid_code' and 'blocks' columns", path);
	while ((rc = csvr_next(r, &rec)) != CSVR_EOF) {
		struct ggrid *g;
		const char *code;

		if (rc == CSVR_ERR)
			die("%s: %s", path, csvr_why(r));
		if (rc == CSVR_BAD)
			die("%s:%ld: %s", path, rec.line, csvr_why(r));
		if ((size_t)cc >= rec.nf || (size_t)cb >= rec.nf)
			die("%s:%ld: too few fields", path, rec.line);
		code = rec.f[cc];
		if (code_check(code, strlen(code), LVL_GRID, &why) < 0)
			die("%s:%ld: column 'grid_code': %s", path, rec.line,
			    why);
		gg = xreallocarray(gg, ngg + 1, sizeof *gg);
		g = &gg[ngg++];
		memcpy(g->code, code, 16);
		snprintf(g->village, sizeof g->village, "%.12s",
		    cv >= 0 && (size_t)cv < rec.nf && *rec.f[cv] ?
		    rec.f[cv] : code);
		g->dedicated = grid_is_dedicated(code) || (ck >= 0 &&
		    (size_t)ck < rec.nf && strcmp(rec.f[ck], "dedicated") == 0);
		g->blocks = xstrdup(rec.f[cb]);
	}
	csvr_close(r);
	qsort(gg, ngg, sizeof *gg, cmpgg);
}

static int
inlist(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ';');
		size_t m = e ? (size_t)(e - p) : strlen(p);

		if (m == n && memcmp(p, name, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The village's grids from the --grids table. */
static void
make_grids_given(const struct village *v, const char *path)
{
	struct ggrid key;
	size_t i, lo, j;
	int nded = 0;

	memset(&key, 0, sizeof key);
	memcpy(key.village, v->code, 13);
	lo = 0;
	{
		size_t hi = ngg;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (strcmp(gg[mid].village, v->code) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	for (i = lo; i < ngg && strcmp(gg[i].village, v->code) == 0; i++) {
		struct grid *g;

		g = grid_add(v->code, 0, gg[i].dedicated);
		memcpy(g->code, gg[i].code, 16);
		if (g->dedicated) {
			/* the unit named in blocks, else the next big unit
			   in order, as grid-code numbers them */
			int seen = 0;

			for (j = 0; j < V.nu; j++)
				if (strcmp(V.u[j].id, gg[i].blocks) == 0)
					break;
			if (j == V.nu)
				for (j = 0; j < V.nu; j++)
					if (div_unit_dedicated(&D.band,
					    V.u[j].people) && seen++ == nded)
						break;
			if (j < V.nu) {
				g->unit = (int)j;
				g->residents = V.u[j].people;
			}
			nded++;
			continue;
		}
		for (j = 0; j < V.nb; j++)
			if (V.b[j].grid < 0 && inlist(gg[i].blocks, V.b[j].name))
				grid_take_block(g, (int)V.ng - 1, &V.b[j]);
	}
	for (j = 0; j < V.nb; j++)
		if (V.b[j].grid < 0)
			die("%s: no grid of village %s holds block '%s' "
			    "(generated with another seed or size?)", path,
			    v->code, V.b[j].name);
}

/* ---- defects ---- */

static uint32_t defect_ppm;	/* --defects as parts per million */
static struct rng drng;		/* the defect stream, one per run */
static long ndefect;		/* defect rows so far: fresh keys */

static void
defect_note(int fi, const char *kind, const char *expect)
{
	char line[24];
	const char *f[4];

	snprintf(line, sizeof line, "%ld", out[fi].line);
	f[0] = out[fi].name;
	f[1] = line;
	f[2] = kind;
	f[3] = expect;
	rawrow(F_DEFECTS, f, 4);
}

/* A valid number that no clean row carries: address code XXXX99,
   numbered by the defect counter, so never twice the same. */
static void
defect_id(char out18[19], const char *county6)
{
	char addr[7];
	long birth = refday - 20 * 365 - ndefect / 998;

	snprintf(addr, sizeof addr, "%.4s99", county6);
	id_make(out18, addr, birth, (int)(ndefect % 998) + 1);
}

/* A code of the county's form that is not among the regions. */
static void
unknown_village(char out12[13], const char *village)
{
	char tmp[32];
	int seq;

	for (seq = 999; seq > 0; seq--) {
		snprintf(tmp, sizeof tmp, "%.9s%03d", village, seq);
		memcpy(out12, tmp, 13);
		if (!village_known(out12))
			return;
	}
}

/*
 * Kinds of refused rows per file; defects.csv and gw-synth(1) name them.
 * "dup_key" repeats the clean row exactly; the other kinds get a fresh
 * key so that the named reason is the row's only fault, as far as one
 * file can tell (links to other tables aside).
 */
static const char *const kinds[NFILES][12] = {
	[F_PERSONS] = {"id_check", "id_length", "id_date", "id_future",
	    "id15_bad", "village_unknown", "code_malformed", "name_empty",
	    "dup_key", "ragged"},
	[F_HOUSEHOLDS] = {"dup_key", "village_unknown", "persons_bad",
	    "ragged"},
	[F_UNITS] = {"dup_key", "village_unknown", "people_bad"},
	[F_WORKERS] = {"id_check", "role_empty", "employment_bad",
	    "grid_unknown", "grid_malformed", "date_bad", "dup_key"},
	[F_CANDIDATES] = {"flag_bad", "score_bad", "name_empty", "dup_key"},
	[F_EVENTS] = {"time_order", "source_bad", "category_bad",
	    "grid_unknown", "datetime_bad", "dup_key", "ragged"},
	[F_CASELOG] = {"step_bad", "event_unknown", "datetime_bad",
	    "satisfied_bad", "dup_key"},
	[F_PATROLS] = {"date_bad", "minutes_bad", "worker_unknown"},
	[F_VISITS] = {"date_bad", "household_unknown", "worker_unknown"},
	[F_LOGINS] = {"date_bad", "worker_unknown"},
	[F_TRAININGS] = {"attended_bad", "date_bad"},
	[F_BONUS] = {"points_bad", "month_bad"},
	[F_REWARDS] = {"amount_bad", "month_bad"},
};

static void
defect(int fi, const char *const *f, size_t n)
{
	char buf[MAXCOLS][48], key[64], code[16], id[19], reason[256];
	const char *g[MAXCOLS], *kind;
	size_t nk = 0, i;
	int alt;

	while (nk < 12 && kinds[fi][nk])
		nk++;
	if (nk == 0)
		return;
	kind = kinds[fi][rng_below(&drng, (uint32_t)nk)];
	alt = (int)rng_below(&drng, 2);
	ndefect++;
	for (i = 0; i < n; i++)
		g[i] = f[i];
	/* a fresh key in column 0 unless the kind is about that column */
	snprintf(key, sizeof key, "%.30s-D%ld", f[0], ndefect);
	if (strcmp(kind, "dup_key") != 0)
		g[0] = key;
	if (strcmp(kind, "ragged") == 0)
		n = n > 3 ? n - 3 : 1;
	switch (fi) {
	case F_PERSONS:
		defect_id(id, f[4]);
		g[0] = id;
		if (strcmp(kind, "dup_key") == 0)
			g[0] = f[0];
		else if (strcmp(kind, "id_check") == 0)
			id[17] = id[17] == '0' ? '1' : '0';
		else if (strcmp(kind, "id_length") == 0)
			id[17] = '\0';
		else if (strcmp(kind, "id_date") == 0) {
			memcpy(id + 10, alt ? "0230" : "1301", 4);
			id[17] = idno_checkchar(id);
		} else if (strcmp(kind, "id_future") == 0) {
			int y, m, d;

			/* more than a year after the month: after any
			   reference date a loader may take */
			day_to_ymd(refday + rng_range(&drng, 400, 800), &y, &m,
			    &d);
			snprintf(buf[0], sizeof buf[0], "%04d%02d%02d", y, m, d);
			memcpy(id + 6, buf[0], 8);
			id[17] = idno_checkchar(id);
		} else if (strcmp(kind, "id15_bad") == 0) {
			/* YYMMDD with month 13 */
			snprintf(buf[0], sizeof buf[0], "%.6s%.2s13%.2s%.3s",
			    id, id + 8, id + 12, id + 14);
			g[0] = buf[0];
		} else if (strcmp(kind, "village_unknown") == 0) {
			unknown_village(code, f[4]);
			g[4] = code;
		} else if (strcmp(kind, "code_malformed") == 0) {
			snprintf(code, sizeof code, "%.11s", f[4]);
			g[4] = code;
		} else if (strcmp(kind, "name_empty") == 0)
			g[1] = "";
		break;
	case F_HOUSEHOLDS:
	case F_UNITS:
		if (strcmp(kind, "village_unknown") == 0) {
			unknown_village(code, f[1 + (fi == F_UNITS)]);
			g[1 + (fi == F_UNITS)] = code;
		} else if (strcmp(kind, "persons_bad") == 0)
			g[4] = alt ? "-2" : "三口";
		else if (strcmp(kind, "people_bad") == 0)
			g[4] = alt ? "-5" : "很多";
		break;
	case F_WORKERS:
		defect_id(id, f[4]);
		if (strcmp(kind, "dup_key") != 0)
			g[1] = id;
		if (strcmp(kind, "id_check") == 0)
			id[17] = id[17] == '0' ? '1' : '0';
		else if (strcmp(kind, "role_empty") == 0)
			g[3] = "";
		else if (strcmp(kind, "employment_bad") == 0)
			g[6] = alt ? "full-time" : "临时";
		else if (strcmp(kind, "grid_unknown") == 0) {
			snprintf(code, sizeof code, "%.12s888", f[4]);
			g[4] = code;
		} else if (strcmp(kind, "grid_malformed") == 0) {
			snprintf(code, sizeof code, "%.12s000", f[4]);
			g[4] = code;
		} else if (strcmp(kind, "date_bad") == 0)
			g[7] = alt ? "2026-02-30" : "20261";
		break;
	case F_CANDIDATES:
		/* title and social_work_cert (5, 6) are free text */
		if (strcmp(kind, "flag_bad") == 0)
			g[alt ? 4 : 7 + rng_below(&drng, 8)] = alt ? "2" :
			    "maybe";
		else if (strcmp(kind, "score_bad") == 0)
			g[16 + alt] = alt ? "abc" : "九十";
		else if (strcmp(kind, "name_empty") == 0)
			g[2] = "";
		break;
	case F_EVENTS:
		if (strcmp(kind, "time_order") == 0) {
			int64_t t;

			if (datetime_parse(f[2], strlen(f[2]), &t) == 0) {
				datetime_fmt(t + 60 * rng_range(&drng, 10, 300),
				    buf[3]);
				g[3] = buf[3];
			}
		} else if (strcmp(kind, "source_bad") == 0)
			g[4] = alt ? "wechat" : "微信";
		else if (strcmp(kind, "category_bad") == 0)
			g[6] = alt ? "7" : "其他";
		else if (strcmp(kind, "grid_unknown") == 0) {
			snprintf(code, sizeof code, "%.12s888", f[1]);
			g[1] = code;
		} else if (strcmp(kind, "datetime_bad") == 0)
			g[2] = alt ? "2026-10-32 09:00:00" : "昨天下午";
		break;
	case F_CASELOG:
		if (strcmp(kind, "step_bad") == 0)
			g[2] = alt ? "approved" : "办结";
		else if (strcmp(kind, "event_unknown") == 0) {
			snprintf(buf[1], sizeof buf[1], "%.30s-D%ld", f[1],
			    ndefect);
			g[1] = buf[1];
		} else if (strcmp(kind, "datetime_bad") == 0)
			g[3] = alt ? "2026-13-01 08:00:00" : "25:61";
		else if (strcmp(kind, "satisfied_bad") == 0)
			g[6] = alt ? "2" : "满意";
		break;
	case F_PATROLS:
	case F_VISITS:
	case F_LOGINS:
	case F_TRAININGS:
	case F_BONUS:
	case F_REWARDS:
		g[0] = f[0];
		if (fi == F_BONUS || fi == F_REWARDS) {
			/* key (worker_id, month, reason): a fresh reason */
			snprintf(reason, sizeof reason, "%s-D%ld", f[3],
			    ndefect);
			g[3] = reason;
		}
		if (strcmp(kind, "worker_unknown") == 0)
			g[0] = "W9999999999999999";
		else if (strcmp(kind, "date_bad") == 0)
			g[1] = alt ? "2026-09-31" : "10月5日";
		else if (strcmp(kind, "minutes_bad") == 0) {
			/* on a day before the month: no clean row has it */
			date_fmt(mfirst - 1 - ndefect % 300, buf[1]);
			g[1] = buf[1];
			g[2] = alt ? "两小时" : "-30";
		}
		else if (strcmp(kind, "household_unknown") == 0) {
			snprintf(key, sizeof key, "%.12s-99999", f[2]);
			g[2] = key;
		} else if (strcmp(kind, "attended_bad") == 0) {
			snprintf(buf[2], sizeof buf[2], "%.30s-D%ld", f[2],
			    ndefect);
			g[2] = buf[2];
			g[3] = alt ? "2" : "-1";
		} else if (strcmp(kind, "points_bad") == 0)
			g[2] = alt ? "abc" : "五";
		else if (strcmp(kind, "amount_bad") == 0)
			g[2] = alt ? "12.345" : "五百";
		else if (strcmp(kind, "month_bad") == 0)
			g[1] = alt ? "2026-13" : "十月";
		break;
	}
	rawrow(fi, g, n);
	defect_note(fi, kind, "reject");
}

/*
 * Forms a loader must accept and normalise: a 15-digit first-generation
 * number of a person born in the 1900s, a lower-case x.  A draw asks
 * for one of them; it is applied to the next number it fits.
 */
static long want_x, want_15;

static const char *
quirk(const char *id, char out[19])
{
	if (want_x > 0 && id[17] == 'X') {
		want_x--;
		snprintf(out, 19, "%.17sx", id);
		return "lower_x";
	}
	if (want_15 > 0 && id[6] == '1' && id[7] == '9') {
		want_15--;
		snprintf(out, 19, "%.6s%.9s", id, id + 8);
		return "id15";
	}
	return NULL;
}

/* Writes a clean row; with --defects maybe rewrites it or adds a bad one. */
static void
put(int fi, const char **f, size_t n)
{
	char q[19];
	const char *kind = NULL, *orig;

	if (!out[fi].on)
		return;
	if (defect_ppm && fi == F_PERSONS) {
		if (rng_ppm(&drng, defect_ppm / 2)) {
			if (rng_below(&drng, 2))
				want_x++;
			else
				want_15++;
		}
		kind = quirk(f[0], q);
	}
	if (kind) {
		orig = f[0];
		f[0] = q;
		rawrow(fi, f, n);
		f[0] = orig;
		defect_note(fi, kind, "accept");
	} else
		rawrow(fi, f, n);
	if (defect_ppm && rng_ppm(&drng, defect_ppm))
		defect(fi, f, n);
}

/* ---- writing a village ---- */

static void
write_census(const struct village *v)
{
	char num1[24];
	const char *f[MAXCOLS];
	size_t i;
	int j;

	for (i = 0; i < V.nh; i++) {
		struct household *h = &V.h[i];
		const char *block = V.b[h->block].name;

		snprintf(num1, sizeof num1, "%d", h->np);
		f[0] = h->id, f[1] = v->code, f[2] = block, f[3] = h->addr;
		f[4] = num1;
		put(F_HOUSEHOLDS, f, 5);
		for (j = 0; j < h->np; j++) {
			struct person *p = &V.p[h->p0 + j];

			f[0] = p->id, f[1] = p->name, f[2] = h->id;
			f[3] = relname[p->rel], f[4] = v->code, f[5] = block;
			f[6] = h->addr, f[7] = p->phone;
			f[8] = p->tags ? p->tags : "";
			put(F_PERSONS, f, 9);
		}
	}
	for (i = 0; i < V.nu; i++) {
		snprintf(num1, sizeof num1, "%ld", V.u[i].people);
		f[0] = V.u[i].id, f[1] = V.u[i].name, f[2] = v->code;
		f[3] = V.u[i].kind, f[4] = num1;
		put(F_UNITS, f, 5);
	}
	if (out[F_GRIDS].on)
		for (i = 0; i < V.ng; i++) {
			char hh[24], res[24];
			struct grid *g = &V.g[i];

			snprintf(hh, sizeof hh, "%ld", g->households);
			snprintf(res, sizeof res, "%ld", g->residents);
			f[0] = g->code, f[1] = v->code;
			f[2] = g->dedicated ? "dedicated" : "base";
			f[3] = hh, f[4] = res;
			/* a dedicated grid names its unit, as grid-code does */
			f[5] = g->dedicated ? V.u[g->unit].id :
			    g->blocks.s ? g->blocks.s : "";
			f[6] = "";
			put(F_GRIDS, f, 7);
		}
}

/* A resident aged lo..hi (tries a few), else -1. */
static long
pick_resident(struct rng *r, int lo, int hi)
{
	int k;

	if (V.np == 0)
		return -1;
	for (k = 0; k < 30; k++) {
		size_t i = rng_below(r, (uint32_t)V.np);

		if (V.p[i].age >= lo && V.p[i].age <= hi)
			return (long)i;
	}
	return -1;
}

static long nelsewhere;	/* workers from outside the area so far */

static void
worker_add(struct rng *r, const struct village *v, int gi, const char *role,
    int fulltime, int assistant)
{
	struct worker *w;
	long pi, birth;
	int male;

	GROW(V.w, V.nw, V.capw);
	w = &V.w[V.nw++];
	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "W%s%d", V.g[gi].code,
	    V.g[gi].nworkers + 1);
	if (V.g[gi].nworkers++ == 0)
		V.g[gi].worker = (int)V.nw - 1;
	pi = pick_resident(r, 23, 55);
	if (pi >= 0) {
		memcpy(w->idno, V.p[pi].id, 19);
		memcpy(w->name, V.p[pi].name, 16);
	} else {
		/*
		 * Nobody fits in a tiny village: someone from elsewhere
		 * (address code XXXX98), numbered by a run-wide counter so
		 * that the county's own sequences, and so the census, do not
		 * depend on whether workers are written.
		 */
		char addr[7];

		male = (int)rng_below(r, 2);
		birth = refday - 30 * 365 - nelsewhere / 499;
		snprintf(addr, sizeof addr, "%.4s98", v->code);
		id_make(w->idno, addr, birth, (int)(nelsewhere % 499) * 2 +
		    (male ? 1 : 2));
		nelsewhere++;
		name_make(r, male, w->name);
	}
	w->role = role;
	w->fulltime = fulltime;
	w->grid = gi;
	w->assistant = assistant;
	if (rng_below(r, 100) < 4)
		w->hired = mfirst + rng_range(r, 0, mlast - mfirst);
	else
		w->hired = day_from_ymd(2015, 1, 1) +
		    rng_range(r, 0, mfirst - 1 - day_from_ymd(2015, 1, 1));
}

static const char *const eduname[] = {"小学", "初中", "高中", "中专", "大专",
	"本科", "研究生"};
static const int edushare[] = {5, 25, 25, 8, 20, 15, 2};

/* Workers and candidates of the village (stream S_WORK). */
static void
make_workers(const struct village *v, uint64_t seed)
{
	struct rng r;
	const char *f[MAXCOLS];
	char town[10], hired[11], buf[MAXCOLS][40];
	size_t i;
	int first = 1, k;

	rng_seed(&r, seed, (uint64_t)strtoull(v->code, NULL, 10), S_WORK);
	for (i = 0; i < V.ng; i++) {
		if (V.g[i].dedicated)
			worker_add(&r, v, (int)i, "专属网格员", 0, 0);
		else if (v->urban) {
			worker_add(&r, v, (int)i, first ? "网格长" :
			    "专职网格员", 1, 0);
			first = 0;
		} else
			worker_add(&r, v, (int)i, "兼职网格员", 0, 0);
		if (!V.g[i].dedicated && rng_below(&r, 100) < 8)
			worker_add(&r, v, (int)i, "网格辅助员", 0, 1);
	}
	snprintf(town, sizeof town, "%.9s", v->code);
	for (i = 0; i < V.nw; i++) {
		struct worker *w = &V.w[i];

		date_fmt(w->hired, hired);
		f[0] = w->id, f[1] = w->idno, f[2] = w->name, f[3] = w->role;
		f[4] = V.g[w->grid].code, f[5] = town;
		f[6] = w->fulltime ? "fulltime" : "parttime", f[7] = hired;
		put(F_WORKERS, f, 8);
	}
	/* candidates: a recruitment for a third of the villages */
	if (V.ng == 0 || V.np == 0 || rng_below(&r, 100) >= 34)
		return;
	for (k = 0; k < (int)rng_range(&r, 1, 5); k++) {
		long pi = pick_resident(&r, 17, 64), e;
		int x, j;

		if (pi < 0)
			continue;
		snprintf(buf[0], sizeof buf[0], "C%s%02d", v->code, k + 1);
		f[0] = buf[0], f[1] = V.p[pi].id, f[2] = V.p[pi].name;
		x = (int)rng_below(&r, 100);
		for (e = 0; e < 6 && x >= edushare[e]; e++)
			x -= edushare[e];
		f[3] = eduname[e];
		/* priority flags, then disqualifying flags (rarer) */
		for (j = 0; j < 11; j++)
			f[4 + j] = rng_below(&r, 1000) <
			    (j < 5 ? 150u : 25u) ? "1" : "0";
		e = wpick(&D.remark_w, &r);
		f[15] = D.remarks.row[e][2];
		snprintf(buf[1], sizeof buf[1], "%.1f",
		    rng_range(&r, 400, 980) / 10.0);
		snprintf(buf[2], sizeof buf[2], "%.1f",
		    rng_range(&r, 400, 980) / 10.0);
		f[16] = buf[1], f[17] = buf[2];
		f[18] = V.g[0].code;	/* the village's first grid */
		put(F_CANDIDATES, f, 19);
	}
}

/* ---- events and cases ---- */

struct route {
	const char *dept;	/* NULL: settled on the spot */
	int hours;		/* 24 for immediate, else 0 */
	int days;		/* working days */
	int urgency;		/* 2 immediate, 1 urgent, 0 normal */
};

static struct route
route_of(const char *cat)
{
	struct route rt = {"综治中心", 0, 5, 0};
	size_t i, best = 0, blen = 0;
	int found = 0;

	for (i = 0; i < D.routes.n; i++) {
		const char *c = D.routes.row[i][0];
		size_t n = strlen(c);

		if ((strcmp(c, "*") == 0 && !found) ||
		    (strncmp(cat, c, n) == 0 && n > blen)) {
			best = i;
			if (strcmp(c, "*") != 0)
				blen = n;
			found = 1;
		}
	}
	if (!found)
		return rt;
	rt.dept = strcmp(D.routes.row[best][1], "-") == 0 ? NULL :
	    D.routes.row[best][1];
	if (strcmp(D.routes.row[best][2], "24h") == 0) {
		rt.hours = 24;
		rt.urgency = 2;
	} else {
		rt.days = atoi(D.routes.row[best][2]);
		rt.urgency = rt.days <= 3;
	}
	return rt;
}

static calendar *cal;

/* End (23:59:59) of the n-th working day after the day of t. */
static int64_t
deadline_after(int64_t t, int n)
{
	const char *why;
	long d;

	if (cal_addworking(cal, (long)(t / 86400), n, &d, &why) < 0)
		die("calendar: %s", why);
	return (int64_t)d * 86400 + 86399;
}

static int64_t monthend;	/* last second of the month */

/* One case-log row; returns 0 when t is past the month (not logged). */
static int
logstep(const char *cid, const char *eid, const char *step, int64_t t,
    const char *actor, const char *dept, const char *sat, int64_t deadline)
{
	char at[20], dl[20];
	const char *f[8];

	if (t > monthend)
		return 0;
	datetime_fmt(t, at);
	dl[0] = '\0';
	if (deadline > 0)
		datetime_fmt(deadline, dl);
	f[0] = cid, f[1] = eid, f[2] = step, f[3] = at, f[4] = actor;
	f[5] = dept, f[6] = sat, f[7] = dl;
	put(F_CASELOG, f, 8);
	return 1;
}

static void
play_case(struct rng *r, const struct village *v, const char *eid,
    const char *gcode, int seq, int64_t t0, const char *reporter,
    const struct route *rt)
{
	char cid[64], centre[96];
	const char *dept = rt->dept, *sat;
	int64_t t, dl;
	int x;

	snprintf(cid, sizeof cid, "C%s%s%04d", gcode, idmonth, seq);
	snprintf(centre, sizeof centre, "%s综治中心",
	    *v->town->name ? v->town->name : v->town->code);
	if (!logstep(cid, eid, "reported", t0, reporter, "", "", 0))
		return;
	t = t0 + 60 * rng_range(r, 5, 90);
	if (!logstep(cid, eid, "filed", t, centre, "", "", 0))
		return;
	t += 60 * rng_range(r, 10, 240);
	dl = rt->hours ? t + 3600 * rt->hours : deadline_after(t, rt->days);
	if (!logstep(cid, eid, "assigned", t, centre, dept, "", dl))
		return;
	x = (int)rng_below(r, 100);
	if (x < 6) {
		/* returned by the department, re-assigned: limit restarts */
		t += 3600 * rng_range(r, 1, 20);
		if (!logstep(cid, eid, "returned", t, dept, dept, "", 0))
			return;
		t += 3600 * rng_range(r, 1, 8);
		dept = "综治中心";
		dl = rt->hours ? t + 3600 * rt->hours :
		    deadline_after(t, rt->days);
		if (!logstep(cid, eid, "assigned", t, centre, dept, "", dl))
			return;
	} else if (x < 12 && !rt->hours) {
		t += 3600 * rng_range(r, 2, 30);
		if (t > dl)
			t = dl - 3600;
		dl = deadline_after(dl, (int)rng_range(r, 2, 7));
		if (!logstep(cid, eid, "extended", t, dept, dept, "", dl))
			return;
	}
	x = (int)rng_below(r, 100);
	if (x < 8)
		return;		/* still open: nobody handled it */
	if (x < 20)		/* late */
		t = dl + 3600 * rng_range(r, 1, 72);
	else
		t += (int64_t)(rng_unit(r) * (double)(dl - t) * 0.9) + 60;
	if (!logstep(cid, eid, "handled", t, dept, dept, "", 0))
		return;
	t += 60 * rng_range(r, 30, 24 * 60);
	if (!logstep(cid, eid, "answered", t, dept, dept, "", 0))
		return;
	t += 60 * rng_range(r, 30, 48 * 60);
	x = (int)rng_below(r, 100);
	sat = x < 85 ? "1" : x < 93 ? "0" : "";
	logstep(cid, eid, "closed", t, centre, dept, sat, 0);
}

/* Events and cases of the village (stream S_EVENTS). */
static void
make_events(const struct village *v, uint64_t seed)
{
	struct sbuf text = {0};
	struct rng r;
	size_t gi;

	rng_seed(&r, seed ^ msalt, (uint64_t)strtoull(v->code, NULL, 10),
	    S_EVENTS);
	for (gi = 0; gi < V.ng; gi++) {
		struct grid *g = &V.g[gi];
		long n, k;

		if (g->dedicated)
			n = rng_range(&r, 1, 5);
		else
			n = (long)((double)g->households *
			    (0.10 + 0.20 * rng_unit(&r))) + rng_range(&r, 2, 8);
		for (k = 0; k < n; k++) {
			char eid[64], rep[20], fnd[20];
			const char *f[9], *cat, *src, *reporter, *blockname =
			    NULL, *addr = NULL;
			long t, hh = -1;
			int64_t reported, found, delay;
			struct route rt;
			int settled, tries;

			t = (long)wpick(&D.event_w, &r);
			cat = D.events.row[t][0];
			/* a unit's grid: safety, labour disputes, data, tasks */
			for (tries = 0; g->dedicated && tries < 30 &&
			    !strchr("0179", cat[1]); tries++) {
				t = (long)wpick(&D.event_w, &r);
				cat = D.events.row[t][0];
			}
			rt = route_of(cat);
			if (g->households > 0) {
				/* a household of the grid for {B} and {A} */
				hh = hidx[gofs[gi] + rng_below(&r,
				    (uint32_t)(gofs[gi + 1] - gofs[gi]))];
				blockname = V.b[V.h[hh].block].name;
				addr = V.h[hh].addr;
			} else if (g->unit >= 0)
				blockname = addr = V.u[g->unit].name;
			sbuf_reset(&text);
			subst(&text, D.events.row[t][2], &r, v, blockname, addr);
			snprintf(eid, sizeof eid, "E%s%s%04ld", g->code,
			    idmonth, k + 1);
			reported = (int64_t)(mfirst +
			    (long)rng_below(&r, (uint32_t)(mlast - mfirst + 1)))
			    * 86400;
			reported += rng_below(&r, 100) < 75 ?
			    rng_range(&r, 8 * 3600, 18 * 3600) :
			    rng_range(&r, 0, 86399);
			if (rt.urgency == 2)
				delay = rng_ppm(&r, (uint32_t)D.late_immediate *
				    1000) ? 60 * rng_range(&r, 61, 600) :
				    60 * rng_range(&r, 2, 55);
			else if (rt.urgency == 1)
				delay = 60 * rng_range(&r, 5, 360);
			else
				delay = 60 * rng_range(&r, 10, 48 * 60);
			found = reported - delay;
			if (found < (int64_t)mfirst * 86400)
				found = (int64_t)mfirst * 86400;
			datetime_fmt(reported, rep);
			datetime_fmt(found, fnd);
			t = (long)rng_below(&r, 100);
			src = t < 75 ? "worker" : t < 85 ? "resident" :
			    t < 95 ? "hotline" : "inspection";
			reporter = "";
			if (*src == 'w' && g->nworkers > 0) {
				int wi = g->worker;

				if (g->nworkers > 1 && rng_below(&r, 100) < 15)
					wi++;
				reporter = V.w[wi].id;
			} else if (*src == 'w')
				src = "resident";
			settled = rt.dept == NULL || (rt.urgency == 0 &&
			    *src == 'w' && rng_below(&r, 100) < 40);
			f[0] = eid, f[1] = g->code, f[2] = rep, f[3] = fnd;
			f[4] = src, f[5] = reporter;
			f[6] = rng_ppm(&r, (uint32_t)D.uncategorised * 1000) ?
			    "" : cat;
			f[7] = text.s ? text.s : "";
			f[8] = settled ? "1" : "0";
			put(F_EVENTS, f, 9);
			if (!settled && out[F_CASELOG].on)
				play_case(&r, v, eid, g->code, (int)k + 1,
				    reported, *reporter ? reporter :
				    *src == 'r' ? "群众" : *src == 'h' ?
				    "12345热线" : "督查", &rt);
		}
	}
	sbuf_free(&text);
}

/* ---- patrols, visits, logins, trainings, bonus, rewards ---- */

struct visit {
	long day;
	int hh;
};

static int
cmpvisit(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->hh - y->hh;
}

static int
working(long day)
{
	const char *why;
	int w = cal_isworking(cal, day, &why);

	if (w < 0)
		die("calendar: %s", why);
	return w;
}

static struct visit *vis;
static size_t nvis, capvis;

static void
make_activity(const struct village *v, uint64_t seed)
{
	char date[11], n1[24], n2[24], sess[2][40];
	const char *f[6];
	long sday[2], day;
	struct rng r;
	size_t wi, i, k, t, nreason[2] = {0, 0}, base[2] = {0, 0};
	int s;

	rng_seed(&r, seed ^ msalt, (uint64_t)strtoull(v->code, NULL, 10),
	    S_ACTIVITY);
	/* two county training sessions: the working days from the 10th
	   and the 24th (the same for every village of the county) */
	for (s = 0; s < 2; s++) {
		for (sday[s] = mfirst + (s ? 23 : 9); sday[s] < mlast &&
		    !working(sday[s]); sday[s]++)
			;
		snprintf(sess[s], sizeof sess[s], "T%.6s-%.4s%.2s-%d",
		    v->code, monthstr, monthstr + 5, s + 1);
	}
	for (t = 0; t < D.reasons.n; t++) {
		int b = strcmp(D.reasons.row[t][0], "bonus") != 0;

		if (nreason[b]++ == 0)
			base[b] = t;
	}
	for (wi = 0; wi < V.nw; wi++) {
		struct worker *w = &V.w[wi];
		struct grid *g = &V.g[w->grid];
		long from = w->hired > mfirst ? w->hired : mfirst, monday;
		double diligence = 0.55 + 0.45 * rng_unit(&r);
		size_t vi;

		/* visits: every household of the grid about weekly, by
		   the grid's first worker */
		nvis = 0;
		if (!w->assistant && !g->dedicated) {
			monday = mfirst - (day_wday(mfirst) - 1);
			for (; monday <= mlast; monday += 7) {
				long lo = monday > from ? monday : from;
				long hi = monday + 6 < mlast ? monday + 6 :
				    mlast;

				if (lo > hi)
					continue;
				for (k = gofs[w->grid]; k < gofs[w->grid + 1];
				    k++) {
					i = (size_t)hidx[k];
					if (rng_unit(&r) >= diligence)
						continue;
					GROW(vis, nvis, capvis);
					vis[nvis].day = rng_range(&r, lo, hi);
					vis[nvis++].hh = (int)i;
				}
			}
			qsort(vis, nvis, sizeof *vis, cmpvisit);
		}
		for (vi = 0; vi < nvis; vi++) {
			date_fmt(vis[vi].day, date);
			f[0] = w->id, f[1] = date, f[2] = V.h[vis[vi].hh].id;
			put(F_VISITS, f, 3);
		}
		/* patrols and logins, day by day */
		vi = 0;
		for (day = from; day <= mlast; day++) {
			long nv = 0, min;
			int work = working(day), patrol;

			while (vi < nvis && vis[vi].day < day)
				vi++;
			while (vi + nv < nvis && vis[vi + nv].day == day)
				nv++;
			patrol = nv > 0 || rng_below(&r, 100) <
			    (work ? 93u : 15u);
			date_fmt(day, date);
			if (patrol) {
				if (rng_below(&r, 100) < (w->fulltime ? 72u :
				    45u))
					min = rng_range(&r, 120, 260);
				else
					min = rng_range(&r, 30, 119);
				snprintf(n1, sizeof n1, "%ld", min);
				snprintf(n2, sizeof n2, "%ld", nv);
				f[0] = w->id, f[1] = date, f[2] = n1, f[3] = n2;
				put(F_PATROLS, f, 4);
			}
			if (patrol || (work && rng_below(&r, 100) < 60)) {
				f[0] = w->id, f[1] = date;
				put(F_LOGINS, f, 2);
			}
		}
		for (s = 0; s < 2; s++) {
			if (w->hired > sday[s])
				continue;
			date_fmt(sday[s], date);
			f[0] = w->id, f[1] = date, f[2] = sess[s];
			f[3] = rng_below(&r, 100) < 88 ? "1" : "0";
			put(F_TRAININGS, f, 4);
		}
		if (nreason[0] && rng_below(&r, 100) < 5) {
			snprintf(n1, sizeof n1, "%ld", rng_range(&r, 1, 5));
			f[0] = w->id, f[1] = monthstr, f[2] = n1;
			f[3] = D.reasons.row[base[0] +
			    rng_below(&r, (uint32_t)nreason[0])][1];
			put(F_BONUS, f, 4);
		}
		if (nreason[1] && rng_below(&r, 100) < 7) {
			snprintf(n1, sizeof n1, "%ld.00", rng_range(&r, 5, 50) *
			    10);
			f[0] = w->id, f[1] = monthstr, f[2] = n1;
			f[3] = D.reasons.row[base[1] +
			    rng_below(&r, (uint32_t)nreason[1])][1];
			put(F_REWARDS, f, 4);
		}
	}
}

/* ---- main ---- */

static void
only_parse(const char *list)
{
	char *s = xstrdup(list), *p, *tok;
	int i, found;

	for (i = 0; i < NFILES; i++)
		if (i != F_DEFECTS)
			out[i].on = 0;
	for (p = s; (tok = strsep(&p, ",")) != NULL;) {
		if (!*tok)
			continue;
		for (found = 0, i = 0; i < NFILES; i++)
			if (i != F_DEFECTS && strcmp(out[i].name, tok) == 0)
				out[i].on = found = 1;
		if (!found)
			die("--only: unknown file '%s'", tok);
	}
	free(s);
}

/*
 * The order villages are written in: code order, or (not grouped) each
 * county's villages shuffled among themselves, so that a county's
 * identity-number sequences still start once.
 */
static size_t *
village_order(uint64_t seed)
{
	struct rng r;
	size_t *o = xcalloc(nvil ? nvil : 1, sizeof *o), i, j, k, t, x;

	for (i = 0; i < nvil; i++)
		o[i] = i;
	if (layout == L_GROUPED)
		return o;
	rng_seed(&r, seed, 0x1A7E, 0);
	for (i = 0; i < nvil; i = j) {
		for (j = i + 1; j < nvil && vil[j].county == vil[i].county; j++)
			;
		for (k = j - 1; k > i; k--) {	/* Fisher-Yates */
			t = i + rng_below(&r, (uint32_t)(k - i + 1));
			x = o[k];
			o[k] = o[t];
			o[t] = x;
		}
	}
	return o;
}

static int
needs_rows(void)
{
	return out[F_WORKERS].on || out[F_CANDIDATES].on ||
	    out[F_EVENTS].on || out[F_CASELOG].on || out[F_PATROLS].on ||
	    out[F_VISITS].on || out[F_LOGINS].on || out[F_TRAININGS].on ||
	    out[F_BONUS].on || out[F_REWARDS].on;
}

int
main(int argc, char **argv)
{
	static const struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"county", required_argument, 0, OPT_COUNTY},
		{"households", required_argument, 0, OPT_HOUSEHOLDS},
		{"households-layout", required_argument, 0, OPT_LAYOUT},
		{"seed", required_argument, 0, OPT_SEED},
		{"defects", required_argument, 0, OPT_DEFECTS},
		{"grids", required_argument, 0, OPT_GRIDS},
		{"only", required_argument, 0, OPT_ONLY},
		{0, 0, 0, 0}
	};
	struct gw_opts go;
	struct csvr_opt ro;
	const char *county = NULL, *dir = NULL, *grids = NULL;
	const char *month = refmonth;
	long households = -1, cur = -1;
	uint64_t seed = 1;
	size_t *order;
	char *end;
	size_t i;
	int c, status;
	double rate;

	gw_init(argc, argv);
	memset(&go, 0, sizeof go);
	while ((c = gw_getopt(argc, argv, "E:hO:p:R:", lopts, &go,
	    usage_text)) != -1) {
		switch (c) {
		case 'O':
			dir = optarg;
			break;
		case OPT_COUNTY:
			county = optarg;
			break;
		case OPT_DEFECTS:
			errno = 0;
			rate = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(rate >= 0) ||
			    rate > 1)
				die("--defects: '%s' is not a rate in [0, 1]",
				    optarg);
			defect_ppm = (uint32_t)(rate * 1e6 + 0.5);
			break;
		case OPT_GRIDS:
			grids = optarg;
			break;
		case OPT_HOUSEHOLDS:
			errno = 0;
			households = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || households < 0 ||
			    households > 100000000L)
				die("--households: bad count '%s'", optarg);
			break;
		case OPT_LAYOUT:
			if (strcmp(optarg, "grouped") == 0)
				layout = L_GROUPED;
			else if (strcmp(optarg, "interleaved") == 0)
				layout = L_INTERLEAVED;
			else if (strcmp(optarg, "single") == 0)
				layout = L_SINGLE;
			else
				die("--households-layout: '%s' is not grouped, "
				    "interleaved or single", optarg);
			break;
		case OPT_ONLY:
			only_parse(optarg);
			break;
		case OPT_SEED:
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end)
				die("--seed: bad number '%s'", optarg);
			break;
		default:
			gw_usage(usage_text);
		}
	}
	if (go.month)
		month = go.month;
	argc -= optind;
	argv += optind;
	if (argc != 0 || !go.regions || !county || !dir)
		gw_usage(usage_text);
	if (go.as_of || go.week || go.at)
		die("the reference time is --month YYYY-MM");
	outopts = &go;
	{
		size_t n = strlen(county);

		if (!(n == 2 || n == 4 || n == 6 || n == 9 || n == 12) ||
		    !isdigits(county, n))
			die("--county: '%s' is not a 2, 4, 6, 9 or 12-digit "
			    "code", county);
	}
	if (month_parse(month, &mfirst, &mlast) < 0 || strlen(month) != 7)
		die("--month: '%s' is not YYYY-MM", month);
	snprintf(monthstr, sizeof monthstr, "%s", month);
	if (strcmp(month, refmonth) != 0) {
		snprintf(idmonth, sizeof idmonth, "%.4s%.2s", month, month + 5);
		msalt = strtoull(idmonth, NULL, 10) * 0x9E3779B97F4A7C15ULL;
	}
	refday = mlast;
	monthend = (int64_t)mlast * 86400 + 86399;
	out[F_DEFECTS].on = defect_ppm > 0;
	if (grids)
		out[F_GRIDS].on = 0;
	rng_seed(&drng, seed, 0xDEFEC7, 0);

	if (needs_rows()) {
		/* the month's calendar, before anything is written */
		if ((cal = cal_open(NULL)) == NULL)
			die("cannot open the calendar");
		working(mfirst);
		working(mlast);
	}
	data_load(go.policy);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		die("%s:", dir);
	ro = gw_inopt(&go);
	out_open(dir);
	regions_load(go.regions, county, &ro);
	if (grids)
		grids_load(grids, &ro);
	if (households < 0)
		households = 100L * (long)nvil;
	allot(households, seed);
	seqused = xcalloc(SEQ_DAYS * 2, sizeof *seqused);
	seqbase = refday - SEQ_DAYS + 1;
	order = village_order(seed);
	for (i = 0; i < nvil; i++) {
		struct village *v = &vil[order[i]];
		long cc = strtol(v->county->code, NULL, 10);

		if (cc != cur) {
			memset(seqused, 0, SEQ_DAYS * 2 * sizeof *seqused);
			cur = cc;
		}
		village_reset();
		make_census(v, seed);
		make_units(v, seed);
		if (grids)
			make_grids_given(v, grids);
		else
			make_grids_own(v);
		write_census(v);
		if (needs_rows()) {
			grid_index();
			make_workers(v, seed);
			make_events(v, seed);
			make_activity(v, seed);
		}
		for (c = 0; c < NFILES; c++)
			if (out[c].on && csvw_error(out[c].w)) {
				errno = csvw_error(out[c].w);
				die("write error: %s/%s.csv:", dir, out[c].name);
			}
	}
	status = out_close() ? GW_FATAL : GW_OK;
	village_reset();
	free(V.p);
	free(V.h);
	free(V.b);
	free(V.u);
	free(V.g);
	free(V.w);
	free(vis);
	free(hidx);
	free(gofs);
	free(seqused);
	free(order);
	for (i = 0; i < ngg; i++)
		free(gg[i].blocks);
	free(gg);
	if (cal) {
		cal_warnprov(cal, "deadlines and working days");
		cal_close(cal);
	}
	regions_free();
	data_free();
	gw_exit(status);
}
