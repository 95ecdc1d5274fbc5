/*
 * pay.c — the monthly pay of grid workers and the budget lines behind
 * it (gridwork-rules(7), PAY), in integer fen.
 *
 * For each worker on the month's roster, with every figure from the
 * [pay] section of the policy:
 *
 *	base         = base.ROLE, or scale.POST grade GRADE when the roster
 *	               row carries post and grade; prorated
 *	performance  = prorated pot.EMPLOYMENT x coef.GRADE of the month's
 *	               score (coef_unscored without one)
 *	case_subsidy = sum of the subsidies of the cases closed in the month
 *	               whose event the worker reported
 *	reward       = sum of the month's rewards
 *	floor_topup  = max(0, floor - the four items above)
 *	gross        = the four items + floor_topup
 *
 * floor: the highest of the floors that apply to the worker, none when
 * none does: floor.fulltime (minwage.COUNTY where set) for the roles of
 * floor_roles.fulltime and the employments of floor_employment.fulltime;
 * floor.parttime_rural, in a rural grid, for those of
 * floor_roles.parttime_rural and floor_employment.parttime_rural.
 * Without floor_roles.X a floor applies to every role; without
 * floor_employment.X, to fulltime and to parttime respectively.  A role
 * in floor_exempt (paid by its unit) has no floor (gridwork-rules(7),
 * Floors and the top-up).
 *
 * Proration for a worker hired during the month: base, pot and floor
 * each x working days from the hiring day to the month's end / working
 * days of the month, rounded half-up to the fen (money_scale()).  Every
 * line item is rounded once (gridwork-rules(7), Proration, Rounding).
 *
 * The budget: one row per township and one per county, the sums of the
 * sheet's columns, the month's twelfth of the accident insurance per
 * worker (rounded once, so that the rows add up) and the total, checked
 * the way a finance office would (gridwork-rules(7), Budget lines and
 * insurance).
 *
 * Everything lives in the caller's struct pay; nothing here reads a
 * file, prints or exits.  A failure is -1 with *why pointing into
 * p->err, worded as the user sees it.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

const char *const pay_empname[2] = { "fulltime", "parttime" };
const char *const pay_moneyname[PAY_NMONEY] = {
	"base", "performance", "case_subsidy", "reward", "floor_topup",
	"gross", "insurance", "total"
};

/* Sets p->err to the message and *why to it; returns -1. */
static int
fail(struct pay *p, const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&p->err);
	va_start(ap, fmt);
	sbuf_vaddf(&p->err, fmt, ap);
	va_end(ap);
	*why = p->err.s ? p->err.s : "";
	return -1;
}

/* Grows an array indexed by strtab numbers to hold index i. */
static void *
growto(void *a, size_t *cap, size_t i, size_t size)
{
	if (i < *cap)
		return a;
	*cap = 2 * i + 64;
	return xreallocarray(a, *cap, size);
}

/* ---- policy ---- */

static int
polmoney(struct pay *p, const char *key, int64_t *v, const char **why)
{
	const char *w;

	if (policy_money(p->pol, "pay", key, v, &w) < 0)
		return fail(p, why, "policy %s: %s", policy_name(p->pol), w);
	return 0;
}

/* An amount s[0..n) of setting kv. */
static int
kvmoney(struct pay *p, const struct policy_kv *kv, const char *s, size_t n,
    int64_t *v, const char **why)
{
	const char *w;

	if (policy_amount(s, n, v, &w) < 0)
		return fail(p, why, "%s:%d: key '%s': %s", kv->file, kv->line,
		    kv->key, w);
	if (*v < 0)
		return fail(p, why, "%s:%d: key '%s': negative amount",
		    kv->file, kv->line, kv->key);
	return 0;
}

int
pay_amount(struct pay *p, const struct policy_kv *kv, int64_t *fen,
    const char **why)
{
	return kvmoney(p, kv, kv->val, strlen(kv->val), fen, why);
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

/* scale.POST = the monthly pay of grades 1, 2, ... */
static int
load_scale(struct pay *p, const struct policy_kv *kv, const char *post,
    const char **why)
{
	long pi = strtab_find(p->posts, post, strlen(post));
	const char *v = kv->val;
	size_t n, cap = 0, len = 0;
	int64_t *a = NULL;

	if (pi < 0)
		return fail(p, why, "%s:%d: key '%s': post '%s' not in "
		    "scale_posts", kv->file, kv->line, kv->key, post);
	while (*v) {
		while (*v == ' ' || *v == '\t')
			v++;
		for (n = 0; v[n] && v[n] != ' ' && v[n] != '\t'; n++)
			;
		if (n == 0)
			break;
		a = growto(a, &cap, len, sizeof *a);
		if (kvmoney(p, kv, v, n, &a[len++], why) < 0) {
			free(a);
			return -1;
		}
		v += n;
	}
	if (len == 0)
		return fail(p, why, "%s:%d: key '%s': no grades", kv->file,
		    kv->line, kv->key);
	free(p->scale[pi]);
	p->scale[pi] = a;
	p->nscale[pi] = len;
	return 0;
}

/*
 * Whom floor f covers: floor_roles.NAME (roles of base.ROLE; absent:
 * every role) and floor_employment.NAME (fulltime, parttime; absent:
 * emp alone).  Needs the roles loaded.
 */
static int
floor_scope(struct pay *p, int f, const char *name, int emp,
    const char **why)
{
	const struct policy_kv *kv;
	char key[64];
	size_t i;

	snprintf(key, sizeof key, "floor_roles.%s", name);
	if ((kv = policy_find(p->pol, "pay", key))) {
		p->froles[f] = words(kv->val);
		for (i = 0; i < strtab_count(p->froles[f]); i++) {
			const char *r = strtab_str(p->froles[f], i);

			if (strtab_find(p->roles, r, strlen(r)) < 0)
				return fail(p, why, "%s:%d: key '%s': role "
				    "'%s' has no base.%s", kv->file, kv->line,
				    key, r, r);
		}
	}
	snprintf(key, sizeof key, "floor_employment.%s", name);
	if ((kv = policy_find(p->pol, "pay", key))) {
		strtab *e = words(kv->val);
		int bad = 0;

		for (i = 0; i < strtab_count(e) && !bad; i++) {
			const char *w = strtab_str(e, i);

			if (strcmp(w, "fulltime") == 0)
				p->femp[f][PAY_FULLTIME] = 1;
			else if (strcmp(w, "parttime") == 0)
				p->femp[f][PAY_PARTTIME] = 1;
			else
				bad = fail(p, why, "%s:%d: key '%s': not "
				    "fulltime or parttime: '%s'", kv->file,
				    kv->line, key, w);
		}
		strtab_free(e);
		return bad;
	}
	p->femp[f][emp] = 1;
	return 0;
}

int
pay_init(struct pay *p, const policy *pol, const char **why)
{
	const struct policy_kv *kv;
	const char *w, *k;
	size_t n, i;
	int64_t dflt;
	long pi;

	memset(p, 0, sizeof *p);
	p->pol = pol;
	p->roles = strtab_new();
	p->grades = strtab_new();
	p->cats = strtab_new();
	p->counties = strtab_new();
	p->wid = strtab_new();
	p->eid = strtab_new();
	p->evcat = strtab_new();
	p->cseen = idset_new();
	p->rseen = idset_new();
	p->exempt = words(policy_get(pol, "pay", "floor_exempt"));
	p->posts = words(policy_get(pol, "pay", "scale_posts"));
	p->scale = xcalloc(strtab_count(p->posts) + 1, sizeof *p->scale);
	p->nscale = xcalloc(strtab_count(p->posts) + 1, sizeof *p->nscale);
	if (polmoney(p, "pot.fulltime", &p->pot[PAY_FULLTIME], why) < 0 ||
	    polmoney(p, "pot.parttime", &p->pot[PAY_PARTTIME], why) < 0 ||
	    polmoney(p, "floor.fulltime", &p->floor_full, why) < 0 ||
	    polmoney(p, "floor.parttime_rural", &p->floor_rural, why) < 0 ||
	    polmoney(p, "accident_insurance_year", &p->ins_year, why) < 0 ||
	    polmoney(p, "case_default", &dflt, why) < 0)
		return -1;
	p->ins_month = money_scale(p->ins_year, 1, 12);
	if (policy_rate(pol, "pay", "coef_unscored", &p->unum, &p->uden,
	    &w) < 0)
		return fail(p, why, "policy %s: %s", policy_name(pol), w);

	kv = policy_section(pol, "pay", &n);
	for (i = 0; i < n; i++) {
		k = kv[i].key;
		if (strncmp(k, "base.", 5) == 0 && k[5]) {
			size_t ri = strtab_add(p->roles, k + 5, strlen(k + 5),
			    NULL);

			p->rbase = xreallocarray(p->rbase,
			    strtab_count(p->roles), sizeof *p->rbase);
			if (pay_amount(p, &kv[i], &p->rbase[ri], why) < 0)
				return -1;
		} else if (strncmp(k, "coef.", 5) == 0 && k[5]) {
			size_t gi = strtab_add(p->grades, k + 5, strlen(k + 5),
			    NULL);

			p->gnum = xreallocarray(p->gnum,
			    strtab_count(p->grades), sizeof *p->gnum);
			p->gden = xreallocarray(p->gden,
			    strtab_count(p->grades), sizeof *p->gden);
			if (rate_parse(kv[i].val, &p->gnum[gi], &p->gden[gi]) < 0
			    || p->gnum[gi] < 0)
				return fail(p, why, "%s:%d: key '%s': not a "
				    "rate: '%s'", kv[i].file, kv[i].line, k,
				    kv[i].val);
		} else if (strncmp(k, "scale.", 6) == 0 && k[6]) {
			if (load_scale(p, &kv[i], k + 6, why) < 0)
				return -1;
		}
	}
	if (strtab_count(p->roles) == 0)
		return fail(p, why, "policy %s: no base.ROLE in [pay]",
		    policy_name(pol));
	for (pi = 0; (size_t)pi < strtab_count(p->posts); pi++)
		if (!p->scale[pi])
			return fail(p, why, "policy %s: post '%s' of "
			    "scale_posts has no scale.%s", policy_name(pol),
			    strtab_str(p->posts, pi), strtab_str(p->posts, pi));
	if (floor_scope(p, PAY_F_FULL, "fulltime", PAY_FULLTIME, why) < 0 ||
	    floor_scope(p, PAY_F_RURAL, "parttime_rural", PAY_PARTTIME,
	    why) < 0)
		return -1;
	return 0;
}

void
pay_free(struct pay *p)
{
	size_t i;
	int f;

	for (i = 0; i < p->nw; i++) {
		free(p->w[i].id);
		free(p->w[i].name);
		free(p->w[i].grid);
	}
	free(p->w);
	strtab_free(p->wid);
	strtab_free(p->eid);
	free(p->erep);
	free(p->ecat);
	strtab_free(p->evcat);
	if (p->cseen)
		idset_free(p->cseen);
	if (p->rseen)
		idset_free(p->rseen);
	if (p->posts)
		for (i = 0; i < strtab_count(p->posts); i++)
			free(p->scale[i]);
	free(p->scale);
	free(p->nscale);
	strtab_free(p->posts);
	strtab_free(p->exempt);
	for (f = 0; f < PAY_NFLOOR; f++)
		strtab_free(p->froles[f]);
	strtab_free(p->roles);
	free(p->rbase);
	strtab_free(p->grades);
	free(p->gnum);
	free(p->gden);
	strtab_free(p->cats);
	free(p->catfen);
	strtab_free(p->counties);
	free(p->cfloor);
	sbuf_free(&p->err);
	memset(p, 0, sizeof *p);
}

/* Full-time floor of a county: minwage.COUNTY, else floor.fulltime. */
static int
county_floor(struct pay *p, const char *county, int64_t *v,
    const char **why)
{
	const struct policy_kv *kv;
	char key[32];
	long i;
	size_t ci;

	if ((i = strtab_find(p->counties, county, strlen(county))) >= 0) {
		*v = p->cfloor[i];
		return 0;
	}
	snprintf(key, sizeof key, "minwage.%s", county);
	if ((kv = policy_find(p->pol, "pay", key))) {
		if (pay_amount(p, kv, v, why) < 0)
			return -1;
	} else
		*v = p->floor_full;
	ci = strtab_add(p->counties, county, strlen(county), NULL);
	p->cfloor = xreallocarray(p->cfloor, ci + 1, sizeof *p->cfloor);
	p->cfloor[ci] = *v;
	return 0;
}

/* ---- the month and the roster ---- */

int
pay_month(struct pay *p, long first, long last, pay_workdays_fn *workdays,
    void *arg, const char **why)
{
	const char *w;
	int y, m, d;

	p->first = first;
	p->last = last;
	p->t0 = (int64_t)first * 86400;
	p->t1 = (int64_t)last * 86400 + 86399;
	p->workdays = workdays;
	p->workdays_arg = arg;
	day_to_ymd(first, &y, &m, &d);
	snprintf(p->month, sizeof p->month, "%04d-%02d", y, m);
	if ((p->wdays = workdays(arg, first, last, &w)) < 0)
		return fail(p, why, "calendar: %s", w);
	if (p->wdays == 0)
		return fail(p, why, "%s has no working day in the calendar",
		    p->month);
	return 0;
}

long
pay_role(struct pay *p, const char *s, size_t n, const char **why)
{
	long ri = strtab_find(p->roles, s, n);

	if (ri < 0)
		fail(p, why, "unknown role '%.*s' (no base.%.*s in the policy)",
		    (int)n, s, (int)n, s);
	return ri;
}

int
pay_employment(struct pay *p, const char *s, size_t n, const char **why)
{
	if (n == 8 && memcmp(s, "fulltime", 8) == 0)
		return PAY_FULLTIME;
	if (n == 8 && memcmp(s, "parttime", 8) == 0)
		return PAY_PARTTIME;
	return fail(p, why, "not fulltime or parttime: '%.*s'", (int)n, s);
}

long
pay_hire(struct pay *p, const struct pay_hire *h, const char **col,
    const char **why)
{
	struct pay_worker *w;
	int64_t base = p->rbase[h->role];
	const char *role = strtab_str(p->roles, h->role);
	size_t rn = strtab_len(p->roles, h->role);
	size_t pn = strlen(h->post), gn = strlen(h->grade);
	unsigned floors = 0;
	int exempt, f;

	/* the scale only when the roster has a post column: a grade
	   column alone may mean anything */
	if (h->haspost && (pn > 0 || gn > 0)) {
		long pi, g;
		char *end;

		if ((pi = strtab_find(p->posts, h->post, pn)) < 0) {
			*col = "post";
			return fail(p, why, "post '%s' not on the scale "
			    "(scale_posts)", h->post);
		}
		g = gn ? strtol(h->grade, &end, 10) : 0;
		if (gn == 0 || *end != '\0' || g < 1 ||
		    (size_t)g > p->nscale[pi]) {
			*col = "grade";
			return fail(p, why, "grade '%s' of post '%s' not in "
			    "1..%zu", h->grade, h->post, p->nscale[pi]);
		}
		base = p->scale[pi][g - 1];
	}
	exempt = strtab_find(p->exempt, role, rn) >= 0;
	for (f = 0; f < PAY_NFLOOR; f++)
		if (!exempt && p->femp[f][h->emp] && (!p->froles[f] ||
		    strtab_find(p->froles[f], role, rn) >= 0))
			floors |= 1u << f;
	if ((floors & (1u << PAY_F_RURAL)) && h->kind == KIND_UNKNOWN) {
		char vill[LVL_VILLAGE + 1];

		code_prefix(h->grid, LVL_VILLAGE, vill);
		*col = "grid_code";
		return fail(p, why, "village '%s' is neither urban nor rural "
		    "by the regions: the part-time floor depends on it", vill);
	}

	if (p->nw == p->capw) {
		p->capw = p->capw ? 2 * p->capw : 256;
		p->w = xreallocarray(p->w, p->capw, sizeof *p->w);
	}
	w = &p->w[p->nw];
	memset(w, 0, sizeof *w);
	w->id = xstrdup(h->id);
	w->name = xstrndup(h->name, h->namelen);
	w->grid = xstrdup(h->grid);
	w->role = h->role;
	memcpy(w->town, h->town, LVL_TOWN);
	code_prefix(h->grid, LVL_COUNTY, w->county);
	w->hired = h->hired;
	w->emp = h->emp;
	w->kind = h->kind;
	w->floors = floors;
	w->onroster = h->hired == LONG_MIN || h->hired <= p->last;
	/* a worker who left is not paid after leaving */
	w->left = h->hasleft ? h->left : LONG_MIN;
	if (h->hasleft && h->left < p->first)
		w->onroster = 0;
	w->grade = -1;
	w->base0 = base;
	strtab_add(p->wid, h->id, strlen(h->id), NULL);
	return (long)p->nw++;
}

long
pay_find(const struct pay *p, const char *id, size_t n)
{
	return strtab_find(p->wid, id, n);
}

long
pay_onroster(struct pay *p, const char *id, size_t n, const char **why)
{
	long i = strtab_find(p->wid, id, n);

	if (i < 0)
		return fail(p, why, "worker '%.*s' not on the roster", (int)n,
		    id);
	if (!p->w[i].onroster)
		return fail(p, why, "worker '%.*s' not on the roster of %s "
		    "(%s)", (int)n, id, p->month, p->w[i].left != LONG_MIN &&
		    p->w[i].left < p->first ? "left before" : "hired later");
	return i;
}

const char *
pay_rolename(const struct pay *p, size_t ri)
{
	return strtab_str(p->roles, ri);
}

const char *
pay_gradename(const struct pay *p, long gi)
{
	return gi < 0 ? "" : strtab_str(p->grades, (size_t)gi);
}

int
pay_score(struct pay *p, size_t wi, const char *g, size_t n,
    const char **col, const char **why)
{
	struct pay_worker *w = &p->w[wi];
	long gi;

	if ((gi = strtab_find(p->grades, g, n)) < 0) {
		*col = "grade";
		return fail(p, why, "unknown grade '%.*s' (no coef.%.*s in the "
		    "policy)", (int)n, g, (int)n, g);
	}
	if (w->grade >= 0) {
		*col = "worker_id";
		return fail(p, why, "second score of worker '%s' for %s", w->id,
		    p->month);
	}
	w->grade = gi;
	return 0;
}

/* The subsidy of a closed case of category cat: case.CAT (a 4-digit
   code without one: its first level's), else case_default. */
int
pay_policy_subsidy(void *pay, const char *cat, size_t n, int64_t *fen,
    const char **why)
{
	struct pay *p = pay;
	const struct policy_kv *kv = NULL;

	if (n > 0)
		kv = cat_key(p->pol, "pay", "case", cat, n);
	if (!kv)
		kv = policy_find(p->pol, "pay", "case_default");
	return pay_amount(p, kv, fen, why);
}

int
pay_case(struct pay *p, size_t wi, const char *cat, size_t n,
    const char **why)
{
	int64_t fen;
	long i;
	size_t ci;

	if ((i = strtab_find(p->cats, cat, n)) >= 0)
		fen = p->catfen[i];
	else {
		if (p->subsidy(p->subsidy_arg, cat, n, &fen, why) < 0)
			return -1;
		ci = strtab_add(p->cats, cat, n, NULL);
		p->catfen = xreallocarray(p->catfen, ci + 1,
		    sizeof *p->catfen);
		p->catfen[ci] = fen;
	}
	p->w[wi].cases += fen;
	return 0;
}

int
pay_event(struct pay *p, const char *id, size_t n, const char *src,
    size_t sn, const char *who, size_t wn, const char *cat, size_t cn,
    const char **col, const char **why)
{
	long wi = -1;
	size_t i;
	int isnew;

	*col = "event_id";
	if (n == 0)
		return fail(p, why, "empty event id");
	if (sn == 6 && memcmp(src, "worker", 6) == 0) {
		*col = "reporter_id";
		if (wn == 0)
			return fail(p, why, "event from a worker without a "
			    "reporter_id");
		if ((wi = strtab_find(p->wid, who, wn)) < 0)
			return fail(p, why, "worker '%.*s' not on the roster",
			    (int)wn, who);
		*col = "event_id";
	}
	if (strtab_find(p->eid, id, n) >= 0)
		return fail(p, why, "event '%.*s' listed twice", (int)n, id);
	i = strtab_add(p->eid, id, n, &isnew);
	if (i >= p->cape) {
		size_t c = p->cape;

		p->erep = growto(p->erep, &c, i, sizeof *p->erep);
		p->ecat = growto(p->ecat, &p->cape, i, sizeof *p->ecat);
	}
	p->erep[i] = wi;
	p->ecat[i] = strtab_add(p->evcat, cat, cn, NULL);
	return 0;
}

int
pay_closed(struct pay *p, const char *id, size_t n, const char *eid,
    size_t en, const char *at, size_t an, const char *cat, size_t cn,
    const char **col, const char **why)
{
	int64_t cl;
	long ei, wi;

	if (n == 0 || !idset_add(p->cseen, id, n)) {
		*col = "case_id";
		if (n == 0)
			fail(p, why, "empty case id");
		else
			fail(p, why, "case '%.*s' listed twice", (int)n, id);
		return 1;
	}
	if (an == 0)
		return 0;	/* not closed */
	if (datetime_parse(at, an, &cl) < 0) {
		*col = "closed_at";
		fail(p, why, "not a time: '%.*s'", (int)an, at);
		return 1;
	}
	if (cl < p->t0 || cl > p->t1)
		return 0;
	if ((ei = strtab_find(p->eid, eid, en)) < 0) {
		*col = "event_id";
		fail(p, why, "event '%.*s' of a case closed in %s not among "
		    "the events", (int)en, eid, p->month);
		return 1;
	}
	if ((wi = p->erep[ei]) < 0 || !p->w[wi].onroster)
		return 0;	/* not reported by a worker of the month */
	if (cn == 0) {
		cat = strtab_str(p->evcat, p->ecat[ei]);
		cn = strtab_len(p->evcat, p->ecat[ei]);
	}
	return pay_case(p, (size_t)wi, cat, cn, why) < 0 ? -1 : 0;
}

int
pay_reward(struct pay *p, size_t wi, int64_t fen, const char *reason,
    size_t rn, const char **why)
{
	struct pay_worker *w = &p->w[wi];
	struct sbuf k = { 0 };
	int isnew;

	sbuf_adds(&k, w->id);
	sbuf_addc(&k, '\037');
	sbuf_add(&k, reason, rn);
	isnew = idset_add(p->rseen, k.s, k.len);
	sbuf_free(&k);
	if (!isnew)
		return fail(p, why, "reward of worker '%s' for '%.*s' listed "
		    "twice", w->id, (int)rn, reason);
	w->reward += fen;
	return 0;
}

/* ---- the sums ---- */

/* The line items of one worker on the roster. */
static int
pay_one(struct pay *p, struct pay_worker *w, const char **why)
{
	int64_t pot, num = p->unum, den = p->uden, sum, cf;
	long days = p->wdays;
	const char *ww;

	if ((w->hired != LONG_MIN && w->hired > p->first) ||
	    (w->left != LONG_MIN && w->left < p->last)) {
		days = p->workdays(p->workdays_arg, w->hired != LONG_MIN &&
		    w->hired > p->first ? w->hired : p->first,
		    w->left != LONG_MIN && w->left < p->last ? w->left :
		    p->last, &ww);
		if (days < 0)
			return fail(p, why, "calendar: %s", ww);
	}
	w->floor = 0;
	if (w->floors & (1u << PAY_F_FULL)) {
		if (county_floor(p, w->county, &cf, why) < 0)
			return -1;
		w->floor = cf;
	}
	if ((w->floors & (1u << PAY_F_RURAL)) && w->kind == KIND_RURAL &&
	    p->floor_rural > w->floor)
		w->floor = p->floor_rural;
	w->floor = money_scale(w->floor, days, p->wdays);
	w->m[PAY_BASE] = money_scale(w->base0, days, p->wdays);
	pot = money_scale(p->pot[w->emp], days, p->wdays);
	if (w->grade >= 0) {
		num = p->gnum[w->grade];
		den = p->gden[w->grade];
	}
	w->m[PAY_PERF] = money_scale(pot, num, den);
	w->m[PAY_CASE] = w->cases;
	w->m[PAY_REWARD] = w->reward;
	sum = w->m[PAY_BASE] + w->m[PAY_PERF] + w->m[PAY_CASE] +
	    w->m[PAY_REWARD];
	w->m[PAY_TOPUP] = w->floor > sum ? w->floor - sum : 0;
	w->m[PAY_GROSS] = sum + w->m[PAY_TOPUP];
	return 0;
}

int
pay_compute(struct pay *p, const char **why)
{
	size_t i;

	for (i = 0; i < p->nw; i++)
		if (p->w[i].onroster && pay_one(p, &p->w[i], why) < 0)
			return -1;
	return 0;
}

static int
line_cmp(const void *pa, const void *pb)
{
	const struct pay_line *a = pa, *b = pb;
	int c;

	/* townships of a county first, then the county */
	if ((c = strncmp(a->code, b->code, LVL_COUNTY)) != 0)
		return c;
	if (a->county != b->county)
		return a->county - b->county;
	return strcmp(a->code, b->code);
}

/* The first column where the sums differ, or NULL. */
static const char *
sums_differ(const struct pay_line *a, const struct pay_line *b)
{
	int k;

	if (a->workers != b->workers)
		return "workers";
	for (k = 0; k < PAY_NMONEY; k++)
		if (a->m[k] != b->m[k])
			return pay_moneyname[k];
	return NULL;
}

static void
sums_add(struct pay_line *a, const struct pay_line *b)
{
	int k;

	a->workers += b->workers;
	for (k = 0; k < PAY_NMONEY; k++)
		a->m[k] += b->m[k];
}

int
pay_budget(struct pay *p, struct pay_line **lines, size_t *nline,
    const char **why)
{
	strtab *bt = strtab_new();
	struct pay_line *b = NULL, sheet, cty, twn;
	size_t cap = 0, nb = 0, i, j, k;
	char buf[32];
	int64_t v;
	const char *w, *what = NULL, *col = NULL;
	int isnew, m, bad = 0;

	memset(&sheet, 0, sizeof sheet);
	for (i = 0; i < p->nw && !bad; i++) {
		const struct pay_worker *pw = &p->w[i];

		if (!pw->onroster)
			continue;
		for (k = 0; k < 2; k++) {
			const char *c = k ? pw->county : pw->town;

			j = strtab_add(bt, c, strlen(c), &isnew);
			if (isnew) {
				b = growto(b, &cap, j, sizeof *b);
				memset(&b[j], 0, sizeof b[j]);
				memcpy(b[j].code, c, strlen(c) + 1);
				b[j].county = (int)k;
				nb++;
			}
			/* the county row from the workers too, not from
			   its townships, so that the two can be checked */
			b[j].workers++;
			for (m = 0; m < PAY_NSHEET; m++)
				b[j].m[m] += pw->m[m];
			b[j].m[PAY_INS] += p->ins_month;
			b[j].m[PAY_TOTAL] += pw->m[PAY_GROSS] + p->ins_month;
		}
		/* the checks a finance office would make of each row */
		if (pw->m[PAY_GROSS] != pw->m[PAY_BASE] + pw->m[PAY_PERF] +
		    pw->m[PAY_CASE] + pw->m[PAY_REWARD] + pw->m[PAY_TOPUP] ||
		    pw->m[PAY_TOPUP] < 0) {
			bad = fail(p, why, "internal error: worker '%s': gross "
			    "is not the sum of the items", pw->id);
			break;
		}
		if (pw->m[PAY_GROSS] < pw->floor) {
			bad = fail(p, why, "internal error: worker '%s' below "
			    "the floor", pw->id);
			break;
		}
		sheet.workers++;
		for (k = 0; k < PAY_NSHEET && !bad; k++) {
			money_fmt(pw->m[k], buf);
			/* amounts read are bounded, so only a sum of them can
			   pass the bound: a range error, not a broken check */
			if (pw->m[k] > MONEY_MAX || pw->m[k] < -MONEY_MAX)
				bad = fail(p, why, "worker '%s': an amount of "
				    "%s yuan is more than 10,000,000,000.00: "
				    "check the amounts of the policy and the "
				    "rewards", pw->id, buf);
			else if (money_parse(buf, strlen(buf), &v, &w) < 0)
				bad = fail(p, why, "internal error: amount "
				    "'%s': %s", buf, w);
			else
				sheet.m[k] += v;
		}
	}
	strtab_free(bt);
	if (bad) {
		free(b);
		return -1;
	}
	if (nb > 1)
		qsort(b, nb, sizeof *b, line_cmp);
	/* counties from their townships, which come just before them */
	memset(&cty, 0, sizeof cty);
	memset(&twn, 0, sizeof twn);
	for (i = 0; i < nb && !what; i++) {
		if (!b[i].county) {
			sums_add(&twn, &b[i]);
			continue;
		}
		if ((col = sums_differ(&twn, &b[i])))
			what = "the townships do not add up to county";
		sums_add(&cty, &twn);
		memset(&twn, 0, sizeof twn);
	}
	/* the sheet as written against the counties */
	sheet.m[PAY_INS] = sheet.workers * p->ins_month;
	sheet.m[PAY_TOTAL] = sheet.m[PAY_GROSS] + sheet.m[PAY_INS];
	if (!what && (col = sums_differ(&sheet, &cty)))
		what = "the sheet does not add up to the counties";
	if (what) {
		free(b);
		return fail(p, why, "internal error: %s in column '%s'", what,
		    col);
	}
	*lines = b;
	*nline = nb;
	return 0;
}

/* ---- the regions ---- */

/* Grows an array indexed by strtab numbers when index i reaches a power
   of two, as a strtab's own index does. */
#define GROWAT(a, i) do { if (((i) & ((i) - 1)) == 0) \
	(a) = xreallocarray((a), 2 * (i) + 1, sizeof *(a)); } while (0)

int
pay_region(struct pay_regions *r, const char *code, size_t n,
    const char *name, size_t nn, const char *kind, size_t kn,
    const char *ur, size_t un, const char **why)
{
	size_t i;
	int lvl, isnew;

	if (!r->vill) {
		r->vill = strtab_new();
		r->area = strtab_new();
	}
	if ((lvl = code_level(code, n)) < 0) {
		snprintf(r->why, sizeof r->why, "not a division code: '%.*s'",
		    (int)(n < 40 ? n : 40), code);
		*why = r->why;
		return -1;
	}
	if (lvl == LVL_COUNTY || lvl == LVL_TOWN) {
		i = strtab_add(r->area, code, n, &isnew);
		if (!isnew)
			free(r->name[i]);
		else
			GROWAT(r->name, i);
		r->name[i] = xstrndup(name, nn);
	}
	if (lvl != LVL_VILLAGE)
		return 0;
	i = strtab_add(r->vill, code, n, &isnew);
	if (!isnew) {
		snprintf(r->why, sizeof r->why, "region '%.*s' listed twice",
		    (int)n, code);
		*why = r->why;
		return -1;
	}
	GROWAT(r->kind, i);
	r->kind[i] = region_kind(kn && kn != 3 ? kind : NULL,
	    un ? ur : kn == 3 ? kind : NULL, nn ? name : NULL);
	return 0;
}

int
pay_region_kind(const struct pay_regions *r, const char *vill)
{
	long i = r->vill ? strtab_find(r->vill, vill, strlen(vill)) : -1;

	return i < 0 ? -1 : r->kind[i];
}

const char *
pay_region_name(const struct pay_regions *r, const char *code)
{
	long i = r->area ? strtab_find(r->area, code, strlen(code)) : -1;

	return i < 0 ? "" : r->name[i];
}

void
pay_regions_free(struct pay_regions *r)
{
	size_t i;

	for (i = 0; r->area && i < strtab_count(r->area); i++)
		free(r->name[i]);
	free(r->name);
	free(r->kind);
	strtab_free(r->vill);
	strtab_free(r->area);
	memset(r, 0, sizeof *r);
}
