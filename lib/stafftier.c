/*
 * stafftier.c — the 三长两员 tiers against the profile's norms
 * (gridwork-rules(7), Staffing; gw-staff(1) --tiers).
 *
 * Seed 004, part 4, 第七条: one 一级总网格长 a township, one 二级总网格长 a
 * village, one 三级总网格长 and six 四级网格指导员 a natural village, and a
 * 四级网格员 for every 6-10 households.  The norms are the profile's,
 * one key a role:
 *
 *	tier.ROLE = township|village|grid N	N on post in each such area
 *	tier.ROLE = households LO-HI		one on post a LO to HI
 *						households of a grid
 *
 * applied to the grids of the village kinds of [staff] tier_kinds
 * (default rural: the seed's 乡村网格员) and to the villages and
 * townships that have such grids; a natural village is a grid.  Those on
 * post are the staffing engine's, at its date, counted in the area of
 * their grid code (a micro-grid's worker in its grid).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct rule {
	const char *role;
	int lvl;		/* LVL_TOWN, LVL_VILLAGE or LVL_GRID */
	long n, lo, hi;		/* n a area, or one a lo..hi households */
	const char *norm;	/* as written */
};

static int
kindok(const char *kinds, int kind)
{
	const char *name = kind_name(kind);
	size_t n = strlen(name);
	const char *p;

	for (p = kinds; (p = strstr(p, name)) != NULL; p += n)
		if ((p == kinds || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ' '))
			return 1;
	return 0;
}

static int
parse(const struct policy_kv *kv, struct rule *r, char *why, size_t wn)
{
	char area[16];
	long a, b;
	int k = 0;

	memset(r, 0, sizeof *r);
	r->role = kv->key + 5;
	r->norm = kv->val;
	if (sscanf(kv->val, "households %ld-%ld%n", &a, &b, &k) == 2 &&
	    kv->val[k] == '\0' && a >= 1 && b >= a) {
		r->lvl = LVL_GRID;
		r->lo = a;
		r->hi = b;
		return 0;
	}
	k = 0;
	if (sscanf(kv->val, "%15s %ld%n", area, &a, &k) == 2 &&
	    kv->val[k] == '\0' && a >= 0) {
		r->n = a;
		if (strcmp(area, "township") == 0)
			r->lvl = LVL_TOWN;
		else if (strcmp(area, "village") == 0)
			r->lvl = LVL_VILLAGE;
		else if (strcmp(area, "grid") == 0)
			r->lvl = LVL_GRID;
		if (r->lvl)
			return 0;
	}
	snprintf(why, wn, "%s:%d: key '%s': want 'township|village|grid N' "
	    "or 'households LO-HI', not '%s'", kv->file, kv->line, kv->key,
	    kv->val);
	utf8_clip(why, wn);
	return -1;
}

/* those on post of role in the area code[0..lvl) */
static long
have(const struct staff *s, const char *role, const char *code, int lvl)
{
	long n = 0;
	size_t i;

	for (i = 0; i < strtab_count(s->onpost); i++)
		if (strcmp(strtab_str(s->roles, s->held[i].role), role) == 0 &&
		    strncmp(s->held[i].grid, code, (size_t)lvl) == 0)
			n++;
	return n;
}

static void
add(struct staff_tier **o, long *n, const struct rule *r, const char *code,
    long lo, long hi, long got)
{
	struct staff_tier *t;

	*o = xreallocarray(*o, (size_t)*n + 1, sizeof **o);
	t = &(*o)[(*n)++];
	memset(t, 0, sizeof *t);
	memcpy(t->area, code, (size_t)r->lvl);
	t->role = r->role;
	t->norm = r->norm;
	t->want_min = lo;
	t->want_max = hi;
	t->have = got;
	t->problem = got < lo ? "short" : got > hi ? "over" : "";
}

int
staff_tiers_check(const policy *p, char *why, size_t wn)
{
	const struct policy_kv *kv;
	struct rule r;
	size_t nkv, i;

	kv = policy_section(p, "staff", &nkv);
	for (i = 0; i < nkv; i++)
		if (strncmp(kv[i].key, "tier.", 5) == 0 &&
		    parse(&kv[i], &r, why, wn) < 0)
			return -1;
	return 0;
}

long
staff_tiers(const struct staff *s, const policy *p, struct staff_tier **out,
    char *why, size_t wn)
{
	const struct policy_kv *kv;
	const char *kinds;
	struct rule *rule = NULL;
	struct staff_tier *o = NULL;
	char last[3][16] = { "", "", "" };	/* the areas said */
	size_t nkv, nr = 0, i, g;
	long n = 0, lo, hi;
	int lvl;

	*out = NULL;
	if (!(kinds = policy_get(p, "staff", "tier_kinds")))
		kinds = "rural";
	kv = policy_section(p, "staff", &nkv);
	for (i = 0; i < nkv; i++) {
		if (strncmp(kv[i].key, "tier.", 5) != 0)
			continue;
		rule = xreallocarray(rule, nr + 1, sizeof *rule);
		if (parse(&kv[i], &rule[nr], why, wn) < 0) {
			free(rule);
			return -1;
		}
		nr++;
	}
	/* by area, from the township down, the rules in order: the grids
	   are in code order, so an area's row comes with its first grid */
	for (g = 0; g < s->ng; g++) {
		const struct staff_grid *sg = &s->g[g];

		if (sg->ded || !kindok(kinds, sg->kind))
			continue;
		for (lvl = LVL_TOWN; lvl <= LVL_GRID; lvl += 3) {
			if (strncmp(last[lvl / 3 - 3], sg->code,
			    (size_t)lvl) == 0)
				continue;	/* said with its first grid */
			memcpy(last[lvl / 3 - 3], sg->code, (size_t)lvl);
			for (i = 0; i < nr; i++) {
				if (rule[i].lvl != lvl)
					continue;
				if (rule[i].hi > 0) {
					lo = (sg->hh + rule[i].hi - 1) /
					    rule[i].hi;
					hi = sg->hh / rule[i].lo;
					if (hi < lo)
						hi = lo;
				} else
					lo = hi = rule[i].n;
				add(&o, &n, &rule[i], sg->code, lo, hi,
				    have(s, rule[i].role, sg->code, lvl));
			}
		}
	}
	free(rule);
	*out = o;
	return n;
}
