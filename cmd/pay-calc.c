/*
 * pay-calc — the monthly pay sheet of grid workers and the budget lines
 * behind it (gridwork-rules(7), PAY), in integer fen.
 *
 * Contract: one row per worker on the roster of the month (hired_on not
 * after the month's last day, or no hired_on), in roster order, the pay
 * contract of gridwork-store(5).  For each worker, with every figure from
 * the [pay] section of the policy:
 *
 *	base         = base.ROLE, or scale.POST grade GRADE when the roster
 *	               row carries post and grade; prorated
 *	performance  = prorated pot.EMPLOYMENT x coef.GRADE of the month's
 *	               score (coef_unscored without one)
 *	case_subsidy = sum of case.CATEGORY over the cases closed in the
 *	               month whose event the worker reported (source worker)
 *	reward       = sum of the month's rewards
 *	floor_topup  = max(0, floor - the four items above)
 *	gross        = the four items + floor_topup
 *
 * floor: the highest of the floors that apply to the worker, none when
 * none does: floor.fulltime (minwage.COUNTY where set) for the roles of
 * floor_roles.fulltime and the employments of floor_employment.fulltime;
 * floor.parttime_rural, in a rural grid (the kind of the grid's village
 * in REGIONS), for those of floor_roles.parttime_rural and
 * floor_employment.parttime_rural.  Without floor_roles.X a floor
 * applies to every role; without floor_employment.X, to fulltime and to
 * parttime respectively.  A role in floor_exempt (paid by its unit) has
 * no floor.  S0 sets the rural floor for 农村网格员 and leaves the pay of
 * 网格辅助员 to each county, so the profiles say whom it covers.  Proration for a worker hired during
 * the month: base, pot and floor each x working days from the hiring day
 * to the month's end / working days of the month (share/calendar),
 * rounded half-up to the fen.  Every line item is rounded half-up once.
 *
 * --budget writes one row per township and one per county instead: the
 * sums of the sheet's columns, the month's twelfth of the accident
 * insurance (rounded half-up per worker, so that the rows add up), and
 * the total.  Before anything is written the run checks its own
 * arithmetic: every sheet column, as written, sums to the budget's county
 * rows to the fen; the townships add up to their county; no worker is
 * below the floor.  A broken check is a fatal error (exit 2, nothing
 * written) and a bug.
 *
 * Rows that cannot be used are rejected (FILE:LINE: column 'x': reason,
 * and the -r file) and the sheet is written for everyone else, exit 1:
 * a roster row with an unknown role or employment, a bad grid code or a
 * village missing from REGIONS; a score, reward or case of a worker not
 * on the roster; a malformed amount, month or time; an event, case,
 * score or reward listed twice.  Rows of other months are accepted and
 * not used.
 *
 * -d STORE reads the same six tables from the store (read only), each
 * row turned into a record of text exactly as a file's, so that both
 * paths check and pay alike.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: pay-calc --month YYYY-MM [-p policy] [--budget] [-E enc]\n"
    "                [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh]\n"
    "                [--excel] -R regions --workers file --scores file\n"
    "                --cases file --events file [--rewards file]\n"
    "       pay-calc --month YYYY-MM [-p policy] [--budget]\n"
    "                [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                -d store\n";

enum { OPT_WORKERS = OPT_CMD, OPT_SCORES, OPT_CASES, OPT_EVENTS,
	OPT_REWARDS, OPT_BUDGET };

/* The money columns of the sheet, in the order of the pay contract. */
enum { M_BASE, M_PERF, M_CASE, M_REWARD, M_TOPUP, M_GROSS, NSHEET,
	M_INS = NSHEET, M_TOTAL, NMONEY };
static const char *const moneyname[NMONEY] = {
	"base", "performance", "case_subsidy", "reward", "floor_topup",
	"gross", "insurance", "total"
};

enum { EMP_FULL, EMP_PART };
enum { F_FULL, F_RURAL, NFLOOR };	/* floor.fulltime, .parttime_rural */
static const char *const empname[] = { "fulltime", "parttime" };

/* One worker of the roster file.  Strings are indexes into S.str. */
struct worker {
	uint32_t id, name, role, grid;
	uint32_t town, county;	/* township and county codes */
	long hired;		/* day number, LONG_MIN when not given */
	int emp;		/* EMP_* */
	int kind;		/* KIND_* of the grid's village */
	int exempt;		/* role is in floor_exempt */
	unsigned floors;	/* bit F_*: the floor covers role and
				   employment (rural: if the grid is) */
	int onroster;		/* hired by the month's end */
	long grade;		/* index into S.gr of the month's grade, -1 */
	int64_t base0;		/* base of a whole month */
	int64_t cases;		/* case subsidies */
	int64_t reward;		/* rewards */
	int64_t floor;		/* floor, prorated (0: none) */
	int64_t m[NSHEET];	/* the line items, rounded */
};

/* Sums of one budget row. */
struct acc {
	long workers;
	int64_t m[NMONEY];
};

/* A table read from a file or the store: its columns by name, the
   first nreq of them required. */
struct tab {
	const char *opt;	/* option naming the file, for messages */
	const char *const *cols;
	int ncol, nreq;
	int idx[12];		/* column indexes in the current input */
	int (*rec)(const char *file, const struct gw_rec *, const int *);
};

static struct {
	struct gw_run run;
	struct gw_opts o;
	struct csvr_opt ropt;
	const char *monthstr;	/* YYYY-MM */
	char monthbuf[16];
	long first, last;	/* the month's days */
	int64_t t0, t1;		/* its first and last second */
	long wdays;		/* working days of the month */
	calendar *cal;
	/* policy */
	policy *pol;
	strtab *roles;		/* base.ROLE: role -> index into rbase */
	int64_t *rbase;
	strtab *gr;		/* coef.GRADE: grade -> index into gnum/gden */
	int64_t *gnum, *gden;
	int64_t unum, uden;	/* coef_unscored */
	int64_t pot[2];		/* by EMP_* */
	int64_t floor_full, floor_rural, ins_year, ins_month;
	strtab *exempt;		/* roles without a floor */
	strtab *froles[NFLOOR];	/* roles a floor covers, NULL: all */
	int femp[NFLOOR][2];	/* femp[f][EMP_*]: floor f covers it */
	strtab *posts;		/* scale_posts */
	int64_t **scale;	/* scale[post][grade - 1] */
	size_t *nscale;
	strtab *cats;		/* category -> index into catfen (a cache) */
	int64_t *catfen;
	strtab *counties;	/* county -> index into cfloor (a cache) */
	int64_t *cfloor;
	/* regions */
	strtab *vill;		/* village code -> index into vkind */
	int *vkind;
	strtab *names;		/* code of a township or county -> name */
	uint32_t *nameix;
	/* data */
	strtab *str;
	strtab *wid;		/* worker_id -> index into w */
	struct worker *w;
	size_t nw, capw;
	strtab *eid;		/* event_id -> index into erep, ecat */
	int32_t *erep;		/* reporting worker, or -1 */
	uint32_t *ecat;		/* category (S.str) */
	idset *cseen;		/* case ids seen */
	idset *rseen;		/* rewards of the month seen: worker, reason */
	int budget;
} S;

/* ---- small helpers ---- */

/* The field with blanks around it dropped and full-width folded into
   buf (codes, ids and numbers only; never names). */
static const char *
cleanf(const struct gw_rec *rec, int col, char *buf, size_t sz, size_t *len)
{
	const char *s = gw_field(rec, col, len);
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static uint32_t
intern(const char *s, size_t n)
{
	return (uint32_t)strtab_add(S.str, s, n, NULL);
}

static const char *
str(uint32_t i)
{
	return strtab_str(S.str, i);
}

/* Grows an array indexed by strtab numbers to hold index i. */
static void *
growto(void *p, size_t *cap, size_t i, size_t size)
{
	if (i < *cap)
		return p;
	*cap = 2 * i + 64;
	return xreallocarray(p, *cap, size);
}

/* ---- policy ---- */

static int64_t
polmoney(const char *key)
{
	const char *why;
	int64_t v;

	if (policy_money(S.pol, "pay", key, &v, &why) < 0)
		die("policy %s: %s", policy_name(S.pol), why);
	return v;
}

/* An amount of a policy value, dying with where it was set. */
static int64_t
kvmoney(const struct policy_kv *kv, const char *s, size_t n)
{
	const char *why;
	int64_t v;

	if (policy_amount(s, n, &v, &why) < 0)
		die("%s:%d: key '%s': %s", kv->file, kv->line, kv->key, why);
	if (v < 0)
		die("%s:%d: key '%s': negative amount", kv->file, kv->line,
		    kv->key);
	return v;
}

/* Splits a blank-separated list value into a strtab. */
static strtab *
words(const char *v)
{
	strtab *t = strtab_new();
	size_t n;

	while (v && *v) {
		while (*v == ' ' || *v == '\t')
			v++;
		for (n = 0; v[n] && v[n] != ' ' && v[n] != '\t'; n++)
			;
		if (n > 0)
			strtab_add(t, v, n, NULL);
		v += n;
	}
	return t;
}

static void
load_scale(const struct policy_kv *kv, const char *post)
{
	long pi = strtab_find(S.posts, post, strlen(post));
	const char *v = kv->val;
	size_t n, cap = 0, len = 0;
	int64_t *a = NULL;

	if (pi < 0)
		die("%s:%d: key '%s': post '%s' not in scale_posts", kv->file,
		    kv->line, kv->key, post);
	while (*v) {
		while (*v == ' ' || *v == '\t')
			v++;
		for (n = 0; v[n] && v[n] != ' ' && v[n] != '\t'; n++)
			;
		if (n == 0)
			break;
		a = growto(a, &cap, len, sizeof *a);
		a[len++] = kvmoney(kv, v, n);
		v += n;
	}
	if (len == 0)
		die("%s:%d: key '%s': no grades", kv->file, kv->line, kv->key);
	free(S.scale[pi]);
	S.scale[pi] = a;
	S.nscale[pi] = len;
}

/*
 * Whom floor f covers: floor_roles.NAME (roles of base.ROLE; absent:
 * every role) and floor_employment.NAME (fulltime, parttime; absent:
 * emp alone).  Needs the roles loaded.
 */
static void
floor_scope(int f, const char *name, int emp)
{
	const struct policy_kv *kv;
	char key[64];
	size_t i;

	snprintf(key, sizeof key, "floor_roles.%s", name);
	if ((kv = policy_find(S.pol, "pay", key))) {
		S.froles[f] = words(kv->val);
		for (i = 0; i < strtab_count(S.froles[f]); i++)
			if (strtab_find(S.roles, strtab_str(S.froles[f], i),
			    strlen(strtab_str(S.froles[f], i))) < 0)
				die("%s:%d: key '%s': role '%s' has no base.%s",
				    kv->file, kv->line, key,
				    strtab_str(S.froles[f], i),
				    strtab_str(S.froles[f], i));
	}
	snprintf(key, sizeof key, "floor_employment.%s", name);
	if ((kv = policy_find(S.pol, "pay", key))) {
		strtab *e = words(kv->val);

		for (i = 0; i < strtab_count(e); i++) {
			const char *w = strtab_str(e, i);

			if (strcmp(w, "fulltime") == 0)
				S.femp[f][EMP_FULL] = 1;
			else if (strcmp(w, "parttime") == 0)
				S.femp[f][EMP_PART] = 1;
			else
				die("%s:%d: key '%s': not fulltime or "
				    "parttime: '%s'", kv->file, kv->line, key,
				    w);
		}
		strtab_free(e);
	} else
		S.femp[f][emp] = 1;
}

static void
load_policy(const char *name)
{
	const struct policy_kv *kv;
	const char *why, *k;
	size_t n, i;
	long pi;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	S.roles = strtab_new();
	S.gr = strtab_new();
	S.pot[EMP_FULL] = polmoney("pot.fulltime");
	S.pot[EMP_PART] = polmoney("pot.parttime");
	S.floor_full = polmoney("floor.fulltime");
	S.floor_rural = polmoney("floor.parttime_rural");
	S.ins_year = polmoney("accident_insurance_year");
	S.ins_month = money_scale(S.ins_year, 1, 12);
	(void)polmoney("case_default");
	if (policy_rate(S.pol, "pay", "coef_unscored", &S.unum, &S.uden,
	    &why) < 0)
		die("policy %s: %s", policy_name(S.pol), why);
	S.exempt = words(policy_get(S.pol, "pay", "floor_exempt"));
	S.posts = words(policy_get(S.pol, "pay", "scale_posts"));
	S.scale = xcalloc(strtab_count(S.posts) + 1, sizeof *S.scale);
	S.nscale = xcalloc(strtab_count(S.posts) + 1, sizeof *S.nscale);

	kv = policy_section(S.pol, "pay", &n);
	for (i = 0; i < n; i++) {
		k = kv[i].key;
		if (strncmp(k, "base.", 5) == 0 && k[5]) {
			size_t ri = strtab_add(S.roles, k + 5, strlen(k + 5),
			    NULL);

			S.rbase = xreallocarray(S.rbase, strtab_count(S.roles),
			    sizeof *S.rbase);
			S.rbase[ri] = kvmoney(&kv[i], kv[i].val,
			    strlen(kv[i].val));
		} else if (strncmp(k, "coef.", 5) == 0 && k[5]) {
			size_t gi = strtab_add(S.gr, k + 5, strlen(k + 5),
			    NULL);

			S.gnum = xreallocarray(S.gnum, strtab_count(S.gr),
			    sizeof *S.gnum);
			S.gden = xreallocarray(S.gden, strtab_count(S.gr),
			    sizeof *S.gden);
			if (rate_parse(kv[i].val, &S.gnum[gi], &S.gden[gi]) < 0 ||
			    S.gnum[gi] < 0)
				die("%s:%d: key '%s': not a rate: '%s'",
				    kv[i].file, kv[i].line, k, kv[i].val);
		} else if (strncmp(k, "scale.", 6) == 0 && k[6])
			load_scale(&kv[i], k + 6);
	}
	if (strtab_count(S.roles) == 0)
		die("policy %s: no base.ROLE in [pay]", policy_name(S.pol));
	for (pi = 0; (size_t)pi < strtab_count(S.posts); pi++)
		if (!S.scale[pi])
			die("policy %s: post '%s' of scale_posts has no "
			    "scale.%s", policy_name(S.pol),
			    strtab_str(S.posts, pi), strtab_str(S.posts, pi));
	floor_scope(F_FULL, "fulltime", EMP_FULL);
	floor_scope(F_RURAL, "parttime_rural", EMP_PART);
	S.cats = strtab_new();
	S.counties = strtab_new();
}

/* Subsidy of a closed case of category cat: case.CAT, for a 4-digit
   code case.CC of its first level, else case_default. */
static int64_t
case_fen(const char *cat, size_t n)
{
	const struct policy_kv *kv;
	char key[64];
	long i;
	size_t ci;

	if ((i = strtab_find(S.cats, cat, n)) >= 0)
		return S.catfen[i];
	kv = NULL;
	if (n > 0 && n < 40) {
		snprintf(key, sizeof key, "case.%.*s", (int)n, cat);
		kv = policy_find(S.pol, "pay", key);
		if (!kv && n == 4) {
			snprintf(key, sizeof key, "case.%.2s", cat);
			kv = policy_find(S.pol, "pay", key);
		}
	}
	if (!kv)
		kv = policy_find(S.pol, "pay", "case_default");
	ci = strtab_add(S.cats, cat, n, NULL);
	S.catfen = xreallocarray(S.catfen, ci + 1, sizeof *S.catfen);
	S.catfen[ci] = kvmoney(kv, kv->val, strlen(kv->val));
	return S.catfen[ci];
}

/* Full-time floor of a county: minwage.COUNTY, else floor.fulltime. */
static int64_t
county_floor(const char *county)
{
	const struct policy_kv *kv;
	char key[32];
	long i;
	size_t ci;

	if ((i = strtab_find(S.counties, county, strlen(county))) >= 0)
		return S.cfloor[i];
	snprintf(key, sizeof key, "minwage.%s", county);
	ci = strtab_add(S.counties, county, strlen(county), NULL);
	S.cfloor = xreallocarray(S.cfloor, ci + 1, sizeof *S.cfloor);
	if ((kv = policy_find(S.pol, "pay", key)))
		S.cfloor[ci] = kvmoney(kv, kv->val, strlen(kv->val));
	else
		S.cfloor[ci] = S.floor_full;
	return S.cfloor[ci];
}

/* ---- reading tables ---- */

static int
tab_hdr(csvr *r, void *arg)
{
	struct tab *t = arg;

	return gw_bind(r, csvr_name(r), t->cols, t->ncol, t->nreq, t->idx,
	    t->opt);
}

static int
tab_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;

	return t->rec(csvr_name(r), rec, t->idx);
}

static void
read_file(struct tab *t, const char *path)
{
	char *av[2];

	av[0] = (char *)path;
	av[1] = NULL;
	if (gw_loop(&S.run, 1, av, &S.ropt, tab_hdr, tab_rec, t) < 0)
		gw_exit(GW_FATAL);
}

/* regions: code, name, kind, urban_rural_code */
static const char *const regcols[] = { "code", "name", "kind",
    "urban_rural_code" };
static size_t capv, capn;

static int
reg_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char code[32], ur[16];
	const char *name, *kind;
	size_t n, nn, kn, un;
	int lvl, isnew;
	size_t i;

	cleanf(rec, idx[0], code, sizeof code, &n);
	if ((lvl = code_level(code, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "code", rec,
		    "not a division code: '%s'", code);
		return 1;
	}
	name = gw_field(rec, idx[1], &nn);
	if (lvl == LVL_COUNTY || lvl == LVL_TOWN) {
		i = strtab_add(S.names, code, n, &isnew);
		S.nameix = growto(S.nameix, &capn, i, sizeof *S.nameix);
		S.nameix[i] = intern(name, nn);
	}
	if (lvl != LVL_VILLAGE)
		return 0;
	kind = gw_field(rec, idx[2], &kn);
	cleanf(rec, idx[3], ur, sizeof ur, &un);
	i = strtab_add(S.vill, code, n, &isnew);
	if (!isnew) {
		gw_reject(&S.run, file, rec->line, "code", rec,
		    "region '%s' listed twice", code);
		return 1;
	}
	S.vkind = growto(S.vkind, &capv, i, sizeof *S.vkind);
	/* a kind column may hold the 3-digit urban-rural code itself */
	S.vkind[i] = region_kind(kn && kn != 3 ? kind : NULL,
	    un ? ur : kn == 3 ? kind : NULL, nn ? name : NULL);
	return 0;
}

/* workers */
enum { W_ID, W_NAME, W_ROLE, W_GRID, W_EMP, W_TOWN, W_HIRED, W_POST,
	W_GRADE };
static const char *const wcols[] = { "worker_id", "name", "role",
    "grid_code", "employment", "township_code", "hired_on", "post",
    "grade" };

static int
worker_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], grid[32], town[32], vill[16], cty[8], post[64], gb[16];
	const char *s, *why, *role;
	struct worker *w;
	size_t n, gn, tn, rn, pn, nn;
	long vi, ri, day = LONG_MIN, pi, g = 0;
	int emp, isnew, exempt, f;
	unsigned floors = 0;
	int64_t base;

	cleanf(rec, idx[W_ID], id, sizeof id, &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "empty worker id");
		return 1;
	}
	if (strtab_find(S.wid, id, n) >= 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "worker '%s' listed twice", id);
		return 1;
	}
	role = gw_field(rec, idx[W_ROLE], &rn);
	if ((ri = strtab_find(S.roles, role, rn)) < 0) {
		gw_reject(&S.run, file, rec->line, "role", rec,
		    "unknown role '%s' (no base.%s in the policy)", role, role);
		return 1;
	}
	s = gw_field(rec, idx[W_EMP], &n);
	if (n == 8 && memcmp(s, "fulltime", 8) == 0)
		emp = EMP_FULL;
	else if (n == 8 && memcmp(s, "parttime", 8) == 0)
		emp = EMP_PART;
	else {
		gw_reject(&S.run, file, rec->line, "employment", rec,
		    "not fulltime or parttime: '%s'", s);
		return 1;
	}
	cleanf(rec, idx[W_GRID], grid, sizeof grid, &gn);
	if (code_check(grid, gn, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", grid, why);
		return 1;
	}
	code_prefix(grid, LVL_VILLAGE, vill);
	if ((vi = strtab_find(S.vill, vill, LVL_VILLAGE)) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "village '%s' of grid '%s' not among the regions", vill,
		    grid);
		return 1;
	}
	cleanf(rec, idx[W_TOWN], town, sizeof town, &tn);
	if (tn == 0) {
		code_prefix(grid, LVL_TOWN, town);
		tn = LVL_TOWN;
	} else if (tn != LVL_TOWN || strncmp(town, grid, LVL_TOWN) != 0) {
		gw_reject(&S.run, file, rec->line, "township_code", rec,
		    "township '%s' is not the township of grid '%s'", town,
		    grid);
		return 1;
	}
	s = gw_field(rec, idx[W_HIRED], &n);
	if (n > 0 && date_parse(s, n, &day) < 0) {
		gw_reject(&S.run, file, rec->line, "hired_on", rec,
		    "not a date: '%s'", s);
		return 1;
	}
	base = S.rbase[ri];
	/* the scale only when the roster has a post column: a grade
	   column alone may mean anything */
	cleanf(rec, idx[W_POST], post, sizeof post, &pn);
	cleanf(rec, idx[W_GRADE], gb, sizeof gb, &nn);
	if (idx[W_POST] >= 0 && (pn > 0 || nn > 0)) {
		char *end;

		if ((pi = strtab_find(S.posts, post, pn)) < 0) {
			gw_reject(&S.run, file, rec->line, "post", rec,
			    "post '%s' not on the scale (scale_posts)", post);
			return 1;
		}
		g = nn ? strtol(gb, &end, 10) : 0;
		if (nn == 0 || *end != '\0' || g < 1 ||
		    (size_t)g > S.nscale[pi]) {
			gw_reject(&S.run, file, rec->line, "grade", rec,
			    "grade '%s' of post '%s' not in 1..%zu", gb, post,
			    S.nscale[pi]);
			return 1;
		}
		base = S.scale[pi][g - 1];
	}
	exempt = strtab_find(S.exempt, role, rn) >= 0;
	for (f = 0; f < NFLOOR; f++)
		if (!exempt && S.femp[f][emp] && (!S.froles[f] ||
		    strtab_find(S.froles[f], role, rn) >= 0))
			floors |= 1u << f;
	if ((floors & (1u << F_RURAL)) && S.vkind[vi] == KIND_UNKNOWN) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "village '%s' is neither urban nor rural by the regions: "
		    "the part-time floor depends on it", vill);
		return 1;
	}

	strtab_add(S.wid, id, strlen(id), &isnew);
	if (S.nw == S.capw) {
		S.capw = S.capw ? 2 * S.capw : 256;
		S.w = xreallocarray(S.w, S.capw, sizeof *S.w);
	}
	w = &S.w[S.nw++];
	memset(w, 0, sizeof *w);
	w->id = intern(id, strlen(id));
	s = gw_field(rec, idx[W_NAME], &n);
	w->name = intern(s, n);
	w->role = intern(role, rn);
	w->grid = intern(grid, gn);
	w->town = intern(town, tn);
	code_prefix(grid, LVL_COUNTY, cty);
	w->county = intern(cty, LVL_COUNTY);
	w->hired = day;
	w->emp = emp;
	w->kind = S.vkind[vi];
	w->exempt = exempt;
	w->floors = floors;
	w->onroster = day == LONG_MIN || day <= S.last;
	w->grade = -1;
	w->base0 = base;
	return 0;
}

/* The worker of a row that must be on the month's roster, or NULL
   after rejecting the row. */
static struct worker *
roster_worker(const char *file, const struct gw_rec *rec, int col)
{
	char id[128];
	size_t n;
	long i;

	cleanf(rec, col, id, sizeof id, &n);
	if ((i = strtab_find(S.wid, id, n)) < 0 || !S.w[i].onroster) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    i < 0 ? "worker '%s' not on the roster" :
		    "worker '%s' not on the roster of %s (hired later)", id,
		    S.monthstr);
		return NULL;
	}
	return &S.w[i];
}

/* 1 when the month column is the month of the run, 0 when another
   month, -1 after rejecting a malformed one. */
static int
this_month(const char *file, const struct gw_rec *rec, int col)
{
	char m[32];
	size_t n;
	long first, last;

	cleanf(rec, col, m, sizeof m, &n);
	if (month_parse(m, &first, &last) < 0) {
		gw_reject(&S.run, file, rec->line, "month", rec,
		    "not a month (YYYY-MM): '%s'", m);
		return -1;
	}
	return first == S.first;
}

/* scores: month, worker_id, grade */
static const char *const scols[] = { "month", "worker_id", "grade" };

static int
score_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	struct worker *w;
	const char *g;
	size_t n;
	long gi;
	int m;

	if ((m = this_month(file, rec, idx[0])) < 0)
		return 1;
	if (m == 0)
		return 0;
	if (!(w = roster_worker(file, rec, idx[1])))
		return 1;
	g = gw_field(rec, idx[2], &n);
	if ((gi = strtab_find(S.gr, g, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "grade", rec,
		    "unknown grade '%s' (no coef.%s in the policy)", g, g);
		return 1;
	}
	if (w->grade >= 0) {
		gw_reject(&S.run, file, rec->line, "worker_id", rec,
		    "second score of worker '%s' for %s", str(w->id),
		    S.monthstr);
		return 1;
	}
	w->grade = gi;
	return 0;
}

/* events: event_id, source, reporter_id, category */
static const char *const ecols[] = { "event_id", "source", "reporter_id",
    "category" };
static size_t cape;

static int
event_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], who[128], cat[16];
	const char *src;
	size_t n, sn, wn, cn, i;
	long wi = -1;
	int isnew;

	cleanf(rec, idx[0], id, sizeof id, &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "empty event id");
		return 1;
	}
	src = gw_field(rec, idx[1], &sn);
	cleanf(rec, idx[2], who, sizeof who, &wn);
	if (sn == 6 && memcmp(src, "worker", 6) == 0) {
		if (wn == 0) {
			gw_reject(&S.run, file, rec->line, "reporter_id", rec,
			    "event from a worker without a reporter_id");
			return 1;
		}
		if ((wi = strtab_find(S.wid, who, wn)) < 0) {
			gw_reject(&S.run, file, rec->line, "reporter_id", rec,
			    "worker '%s' not on the roster", who);
			return 1;
		}
	}
	if (strtab_find(S.eid, id, n) >= 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "event '%s' listed twice", id);
		return 1;
	}
	cleanf(rec, idx[3], cat, sizeof cat, &cn);
	i = strtab_add(S.eid, id, n, &isnew);
	if (i >= cape) {
		size_t c = cape;

		S.erep = growto(S.erep, &c, i, sizeof *S.erep);
		S.ecat = growto(S.ecat, &cape, i, sizeof *S.ecat);
	}
	S.erep[i] = (int32_t)wi;
	S.ecat[i] = intern(cat, cn);
	return 0;
}

/* cases (the case status of case-track): case_id, event_id, closed_at,
   category */
static const char *const ccols[] = { "case_id", "event_id", "closed_at",
    "category" };

static int
case_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], eid[128], cat[16];
	const char *s;
	size_t n, en, cn;
	int64_t cl;
	long ei;
	struct worker *w;

	cleanf(rec, idx[0], id, sizeof id, &n);
	if (n == 0 || !idset_add(S.cseen, id, n)) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    n ? "case '%s' listed twice" : "empty case id", id);
		return 1;
	}
	s = gw_field(rec, idx[2], &n);
	if (n == 0)
		return 0;	/* not closed */
	if (datetime_parse(s, n, &cl) < 0) {
		gw_reject(&S.run, file, rec->line, "closed_at", rec,
		    "not a time: '%s'", s);
		return 1;
	}
	if (cl < S.t0 || cl > S.t1)
		return 0;
	cleanf(rec, idx[1], eid, sizeof eid, &en);
	if ((ei = strtab_find(S.eid, eid, en)) < 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "event '%s' of a case closed in %s not among the events",
		    eid, S.monthstr);
		return 1;
	}
	if (S.erep[ei] < 0)
		return 0;	/* not reported by a worker */
	w = &S.w[S.erep[ei]];
	if (!w->onroster)
		return 0;
	cleanf(rec, idx[3], cat, sizeof cat, &cn);
	if (cn == 0) {
		s = str(S.ecat[ei]);
		cn = strlen(s);
		memcpy(cat, s, cn + 1 < sizeof cat ? cn + 1 : sizeof cat);
		cn = strlen(cat);
	}
	w->cases += case_fen(cat, cn);
	return 0;
}

/* rewards: worker_id, month, amount, reason; the key (worker, month,
   reason) is the store's, so a row listed twice is not paid twice */
static const char *const rcols[] = { "worker_id", "month", "amount",
    "reason" };

static int
reward_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	struct worker *w;
	const char *s, *why;
	size_t n;
	int64_t v;
	int m;

	if ((m = this_month(file, rec, idx[1])) < 0)
		return 1;
	s = gw_field(rec, idx[2], &n);
	if (money_parse(s, n, &v, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "amount", rec,
		    "'%s': %s", s, why);
		return 1;
	}
	if (v < 0) {
		gw_reject(&S.run, file, rec->line, "amount", rec,
		    "negative reward '%s'", s);
		return 1;
	}
	if (m == 0)
		return 0;
	if (!(w = roster_worker(file, rec, idx[0])))
		return 1;
	{
		struct sbuf k = { 0 };
		const char *r;
		size_t rn;
		int isnew;

		r = gw_field(rec, idx[3], &rn);
		sbuf_adds(&k, str(w->id));
		sbuf_addc(&k, '\037');
		sbuf_add(&k, r, rn);
		isnew = idset_add(S.rseen, k.s, k.len);
		sbuf_free(&k);
		if (!isnew) {
			gw_reject(&S.run, file, rec->line, "reason", rec,
			    "reward of worker '%s' for '%.*s' listed twice",
			    str(w->id), (int)rn, r);
			return 1;
		}
	}
	w->reward += v;
	return 0;
}

static struct tab T_reg = { "-R", regcols, 4, 1, {0}, reg_rec };
static struct tab T_work = { "--workers", wcols, 9, 5, {0}, worker_rec };
static struct tab T_score = { "--scores", scols, 3, 3, {0}, score_rec };
static struct tab T_event = { "--events", ecols, 4, 3, {0}, event_rec };
static struct tab T_case = { "--cases", ccols, 4, 3, {0}, case_rec };
static struct tab T_rew = { "--rewards", rcols, 4, 3, {0}, reward_rec };

/* ---- the store ---- */

/*
 * Reads table of the store through t->rec, each row made a record of
 * its columns as text (money as yuan, as colspec_format writes it), so
 * that a row of the store is checked exactly as a row of a file.  The
 * "line" of a row is its place in the table.
 */
static void
read_store(sqlite3 *db, const colspec *cs, const char *table, struct tab *t)
{
	const struct colspec_col **cc;
	sqlite3_stmt *st;
	struct gw_rec rec;
	const char *why, **cols;
	char (*buf)[64];
	char file[256];
	size_t k, nc = 0;
	int i, rc;

	cols = xcalloc((size_t)t->ncol, sizeof *cols);
	cc = xcalloc((size_t)t->ncol, sizeof *cc);
	for (i = 0; i < t->ncol; i++) {
		t->idx[i] = -1;
		if (!(cc[nc] = colspec_find(cs, table, t->cols[i]))) {
			if (i < t->nreq)
				die("store %s: table '%s' has no column '%s'",
				    S.o.store, table, t->cols[i]);
			continue;
		}
		t->idx[i] = (int)nc;
		cols[nc++] = t->cols[i];
	}
	if (!(st = store_select(db, table, cols, nc, &why)))
		die("store %s: %s", S.o.store, why);
	snprintf(file, sizeof file, "%s:%s", S.o.store, table);
	buf = xcalloc(nc, sizeof *buf);
	rec.f = xcalloc(nc, sizeof *rec.f);
	rec.len = xcalloc(nc, sizeof *rec.len);
	rec.nf = nc;
	rec.line = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rec.line++;
		for (k = 0; k < nc; k++) {
			const char *v = colspec_format(cc[k], st, (int)k,
			    buf[k], sizeof buf[k]);

			rec.f[k] = (char *)v;
			rec.len[k] = strlen(v);
		}
		S.run.nread++;
		if (t->rec(file, &rec, t->idx) == 0)
			S.run.nok++;
	}
	if (rc != SQLITE_DONE)
		die("store %s: %s", S.o.store, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(rec.f);
	free(rec.len);
	free(buf);
	free(cc);
	free(cols);
}

static void
load_store(void)
{
	const char *why;
	sqlite3 *db;
	colspec *cs;

	if (!(db = store_open(S.o.store, STORE_RDONLY, &why)))
		die("store %s: %s", S.o.store, why);
	if (!(cs = colspec_load(db, NULL, &why)))
		die("%s", why);
	read_store(db, cs, "regions", &T_reg);
	read_store(db, cs, "workers", &T_work);
	read_store(db, cs, "events", &T_event);
	read_store(db, cs, "cases", &T_case);
	read_store(db, cs, "scores", &T_score);
	read_store(db, cs, "rewards", &T_rew);
	colspec_free(cs);
	store_close(db);
}

/* ---- the sums ---- */

static void
pay_worker(struct worker *w)
{
	int64_t pot, num = S.unum, den = S.uden, sum;
	long days = S.wdays;
	const char *why;

	if (w->hired != LONG_MIN && w->hired > S.first) {
		if ((days = cal_count(S.cal, w->hired, S.last, &why)) < 0)
			die("calendar: %s", why);
	}
	w->floor = 0;
	if (w->floors & (1u << F_FULL))
		w->floor = county_floor(str(w->county));
	if ((w->floors & (1u << F_RURAL)) && w->kind == KIND_RURAL &&
	    S.floor_rural > w->floor)
		w->floor = S.floor_rural;
	w->floor = money_scale(w->floor, days, S.wdays);
	w->m[M_BASE] = money_scale(w->base0, days, S.wdays);
	pot = money_scale(S.pot[w->emp], days, S.wdays);
	if (w->grade >= 0) {
		num = S.gnum[w->grade];
		den = S.gden[w->grade];
	}
	w->m[M_PERF] = money_scale(pot, num, den);
	w->m[M_CASE] = w->cases;
	w->m[M_REWARD] = w->reward;
	sum = w->m[M_BASE] + w->m[M_PERF] + w->m[M_CASE] + w->m[M_REWARD];
	w->m[M_TOPUP] = w->floor > sum ? w->floor - sum : 0;
	w->m[M_GROSS] = sum + w->m[M_TOPUP];
}

/* A budget row: township or county. */
struct brow {
	uint32_t code;		/* S.str */
	int county;		/* 1: a county row */
	struct acc a;
};

static int
brow_cmp(const void *pa, const void *pb)
{
	const struct brow *a = pa, *b = pb;
	const char *ca = str(a->code), *cb = str(b->code);
	int c;

	/* townships of a county first, then the county */
	if ((c = strncmp(ca, cb, LVL_COUNTY)) != 0)
		return c;
	if (a->county != b->county)
		return a->county - b->county;
	return strcmp(ca, cb);
}

static int
acc_eq(const struct acc *a, const struct acc *b, const char **col)
{
	int k;

	*col = "workers";
	if (a->workers != b->workers)
		return 0;
	for (k = 0; k < NMONEY; k++) {
		*col = moneyname[k];
		if (a->m[k] != b->m[k])
			return 0;
	}
	return 1;
}

static void
acc_add(struct acc *a, const struct acc *b)
{
	int k;

	a->workers += b->workers;
	for (k = 0; k < NMONEY; k++)
		a->m[k] += b->m[k];
}

/*
 * Sums the roster into township and county rows (sorted), and checks
 * the run: the sheet's columns as they will be written (formatted and
 * read back) add up to the county rows, the townships to their
 * counties, and nobody is below the floor.  Dies on a broken check.
 */
static struct brow *
budget(size_t *nrow)
{
	strtab *bt = strtab_new();
	struct brow *b = NULL;
	struct acc sheet, cty, twn;
	size_t cap = 0, nb = 0, i, j, k;
	char buf[32];
	int64_t v;
	const char *why, *what, *col;
	int isnew, m;

	memset(&sheet, 0, sizeof sheet);
	for (i = 0; i < S.nw; i++) {
		struct worker *w = &S.w[i];
		const char *c;

		if (!w->onroster)
			continue;
		for (k = 0; k < 2; k++) {
			c = str(k ? w->county : w->town);
			j = strtab_add(bt, c, strlen(c), &isnew);
			if (isnew) {
				b = growto(b, &cap, j, sizeof *b);
				memset(&b[j], 0, sizeof b[j]);
				b[j].code = k ? w->county : w->town;
				b[j].county = (int)k;
				nb++;
			}
			/* the county row from the workers too, not from
			   its townships, so that the two can be checked */
			b[j].a.workers++;
			for (m = 0; m < NSHEET; m++)
				b[j].a.m[m] += w->m[m];
			b[j].a.m[M_INS] += S.ins_month;
			b[j].a.m[M_TOTAL] += w->m[M_GROSS] + S.ins_month;
		}
		/* the checks a finance office would make of each row */
		if (w->m[M_GROSS] != w->m[M_BASE] + w->m[M_PERF] +
		    w->m[M_CASE] + w->m[M_REWARD] + w->m[M_TOPUP] ||
		    w->m[M_TOPUP] < 0)
			die("internal error: worker '%s': gross is not the sum "
			    "of the items", str(w->id));
		if (w->m[M_GROSS] < w->floor)
			die("internal error: worker '%s' below the floor",
			    str(w->id));
		sheet.workers++;
		for (k = 0; k < NSHEET; k++) {
			money_fmt(w->m[k], buf);
			/* amounts read are bounded, so only a sum of them can
			   pass the bound: a range error, not a broken check */
			if (w->m[k] > MONEY_MAX || w->m[k] < -MONEY_MAX)
				die("worker '%s': an amount of %s yuan is more "
				    "than 10,000,000,000.00: check the amounts "
				    "of the policy and the rewards", str(w->id),
				    buf);
			if (money_parse(buf, strlen(buf), &v, &why) < 0)
				die("internal error: amount '%s': %s", buf,
				    why);
			sheet.m[k] += v;
		}
	}
	strtab_free(bt);
	if (nb > 1)
		qsort(b, nb, sizeof *b, brow_cmp);
	/* counties from their townships, which come just before them */
	memset(&cty, 0, sizeof cty);
	memset(&twn, 0, sizeof twn);
	for (i = 0; i < nb; i++) {
		if (!b[i].county) {
			acc_add(&twn, &b[i].a);
			continue;
		}
		if (!acc_eq(&twn, &b[i].a, &col)) {
			what = "the townships do not add up to county";
			goto broken;
		}
		acc_add(&cty, &twn);
		memset(&twn, 0, sizeof twn);
	}
	/* the sheet as written against the counties */
	what = "the sheet does not add up to the counties";
	sheet.m[M_INS] = sheet.workers * S.ins_month;
	sheet.m[M_TOTAL] = sheet.m[M_GROSS] + sheet.m[M_INS];
	if (!acc_eq(&sheet, &cty, &col))
		goto broken;
	*nrow = nb;
	return b;
broken:
	die("internal error: %s in column '%s'", what, col);
}

/* ---- output ---- */

static const char *const paycols[] = { "month", "worker_id", "name",
    "role", "employment", "grid_code", "grade", "base", "performance",
    "case_subsidy", "reward", "floor_topup", "gross" };
static const char *const budcols[] = { "month", "level", "code", "name",
    "workers", "base", "performance", "case_subsidy", "reward",
    "floor_topup", "gross", "insurance", "total" };

static const char *
name_of(uint32_t code)
{
	const char *c = str(code);
	long i = strtab_find(S.names, c, strlen(c));

	return i < 0 ? "" : str(S.nameix[i]);
}

static void
write_sheet(csvw *w)
{
	char buf[32];
	size_t i;
	int k;

	csvw_header(w, paycols, sizeof paycols / sizeof paycols[0]);
	for (i = 0; i < S.nw; i++) {
		const struct worker *p = &S.w[i];

		if (!p->onroster)
			continue;
		csvw_field(w, S.monthstr, (size_t)-1);
		csvw_field(w, str(p->id), (size_t)-1);
		csvw_field(w, str(p->name), (size_t)-1);
		csvw_field(w, str(p->role), (size_t)-1);
		csvw_field(w, empname[p->emp], (size_t)-1);
		csvw_field(w, str(p->grid), (size_t)-1);
		csvw_field(w, p->grade >= 0 ? strtab_str(S.gr, p->grade) : "",
		    (size_t)-1);
		for (k = 0; k < NSHEET; k++)
			csvw_field(w, money_fmt(p->m[k], buf), (size_t)-1);
		csvw_endrec(w);
	}
}

static void
write_budget(csvw *w, const struct brow *b, size_t nb)
{
	char buf[32];
	size_t i;
	int k;

	/* name is an area's here, not a person's (--zh) */
	const char *keys[sizeof budcols / sizeof budcols[0]] = { NULL };

	keys[3] = "area_name";
	csvw_header_keyed(w, budcols, keys, sizeof budcols / sizeof budcols[0]);
	for (i = 0; i < nb; i++) {
		csvw_field(w, S.monthstr, (size_t)-1);
		csvw_field(w, b[i].county ? "county" : "township", (size_t)-1);
		csvw_field(w, str(b[i].code), (size_t)-1);
		csvw_field(w, name_of(b[i].code), (size_t)-1);
		csvw_fieldf(w, "%ld", b[i].a.workers);
		for (k = 0; k < NMONEY; k++)
			csvw_field(w, money_fmt(b[i].a.m[k], buf), (size_t)-1);
		csvw_endrec(w);
	}
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"budget", no_argument, 0, OPT_BUDGET},
		{"cases", required_argument, 0, OPT_CASES},
		{"events", required_argument, 0, OPT_EVENTS},
		{"rewards", required_argument, 0, OPT_REWARDS},
		{"scores", required_argument, 0, OPT_SCORES},
		{"workers", required_argument, 0, OPT_WORKERS},
		{0, 0, 0, 0}
	};
	const char *fw = NULL, *fs = NULL, *fc = NULL, *fe = NULL,
	    *fr = NULL, *why;
	struct brow *b;
	size_t nb, i;
	int ch, status;
	csvw *w;

	gw_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "d:E:hi:o:p:R:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_BUDGET:
			S.budget = 1;
			break;
		case OPT_CASES:
			fc = optarg;
			break;
		case OPT_EVENTS:
			fe = optarg;
			break;
		case OPT_REWARDS:
			fr = optarg;
			break;
		case OPT_SCORES:
			fs = optarg;
			break;
		case OPT_WORKERS:
			fw = optarg;
			break;
		default:
			if (ch == '?' || !gw_opt(&S.o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0)
		gw_usage(usage_text);
	if (!S.o.month)
		die("--month YYYY-MM is required");
	if (S.o.week || S.o.at || S.o.as_of)
		die("pay-calc takes --month, not --week, --at or --as-of");
	if (month_parse(S.o.month, &S.first, &S.last) < 0)
		die("--month '%s': not a month (YYYY-MM)", S.o.month);
	if (S.o.store) {
		if (fw || fs || fc || fe || fr || S.o.regions)
			die("-d STORE takes no -R, --workers, --scores, "
			    "--cases, --events or --rewards");
	} else if (!S.o.regions || !fw || !fs || !fc || !fe)
		die("without -d STORE, -R, --workers, --scores, --cases and "
		    "--events are required");
	/* the month as the contract writes it, however it was given */
	{
		int y, m, dd;

		day_to_ymd(S.first, &y, &m, &dd);
		snprintf(S.monthbuf, sizeof S.monthbuf, "%04d-%02d", y, m);
		S.monthstr = S.monthbuf;
	}
	S.t0 = (int64_t)S.first * 86400;
	S.t1 = (int64_t)S.last * 86400 + 86399;

	load_policy(S.o.policy);
	if (!(S.cal = cal_open(NULL)))
		die("cannot open the calendar");
	if ((S.wdays = cal_count(S.cal, S.first, S.last, &why)) < 0)
		die("calendar: %s", why);
	if (S.wdays == 0)
		die("%s has no working day in the calendar", S.monthstr);
	S.str = strtab_new();
	S.wid = strtab_new();
	S.eid = strtab_new();
	S.vill = strtab_new();
	S.names = strtab_new();
	S.cseen = idset_new();
	S.rseen = idset_new();
	S.run.rejects_path = S.o.rejects;
	S.run.mixed = 1;	/* rows of several tables in one rejects file */
	S.ropt = gw_inopt(&S.o);

	/* the roster before what refers to it; events before cases */
	if (S.o.store)
		load_store();
	else {
		read_file(&T_reg, S.o.regions);
		read_file(&T_work, fw);
		read_file(&T_event, fe);
		read_file(&T_case, fc);
		read_file(&T_score, fs);
		if (fr)
			read_file(&T_rew, fr);
	}

	for (i = 0; i < S.nw; i++)
		if (S.w[i].onroster)
			pay_worker(&S.w[i]);
	b = budget(&nb);

	w = gw_out(&S.o, stdout);
	if (S.budget)
		write_budget(w, b, nb);
	else
		write_sheet(w);
	free(b);
	if (csvw_close(w) < 0)
		die("write error: stdout:");
	cal_warnprov(S.cal, "working days");
	status = gw_run_end(&S.run);
	gw_exit(status);
}
