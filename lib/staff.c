/*
 * staff.c — staffing: who is on which grid's post at a date, the grids
 * with nobody, the urban grids with no full-time worker, and how long a
 * post has been vacant (gridwork-rules(7), STAFFING; gw-staff(1)).
 *
 * Seeds: 000 "每个网格至少配备一名专职网格员" and "职位空缺的,及时进行补充";
 * 001 "每个网格配置1名专职网格员".  A worker is on post from hired_on to
 * left_on, both included, so the vacancy starts the day after left_on.
 * The roles are the profile's: the keys [pay] base.ROLE and the extra
 * team roles of [staff] roles; any other is a rejected row.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static int
reject(struct staff *s, const char *col, const char *fmt, ...)
{
	va_list ap;

	s->col = col;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof s->why, fmt, ap);
	va_end(ap);
	return 1;
}

int
staff_init(struct staff *s, const policy *p, long asof)
{
	const char *v, *e;
	size_t n;

	memset(s, 0, sizeof *s);
	s->asof = asof;
	s->p = p;
	s->gid = strtab_new();
	s->wid = strtab_new();
	/* extra team roles: a blank-separated list, none by default */
	if ((v = policy_get(p, "staff", "roles")) != NULL)
		while (*v) {
			while (*v == ' ' || *v == '\t')
				v++;
			for (e = v; *e && *e != ' ' && *e != '\t'; e++)
				;
			if ((n = (size_t)(e - v)) > 0) {
				s->extra = xreallocarray(s->extra,
				    s->nextra + 1, sizeof *s->extra);
				s->extra[s->nextra++] = xstrndup(v, n);
			}
			v = e;
		}
	return 0;
}

void
staff_free(struct staff *s)
{
	size_t i;

	for (i = 0; i < s->nextra; i++)
		free(s->extra[i]);
	free(s->extra);
	free(s->g);
	strtab_free(s->gid);
	strtab_free(s->wid);
	memset(s, 0, sizeof *s);
}

int
staff_grid(struct staff *s, const char *code, size_t n, int kind,
    const char *hh, size_t hhn)
{
	const char *why;
	struct staff_grid *g;
	size_t i;
	long v = 0;
	int isnew;

	if (code_check(code, n, LVL_GRID, &why) < 0)
		return reject(s, "grid_code", "bad grid code '%s': %s", code,
		    why);
	for (i = 0; i < hhn; i++) {
		if (hh[i] < '0' || hh[i] > '9' || v > 100000000)
			return reject(s, "households", "not a number of "
			    "households: '%s'", hh);
		v = v * 10 + (hh[i] - '0');
	}
	i = strtab_add(s->gid, code, n, &isnew);
	if (!isnew)
		return reject(s, "grid_code", "grid '%s' listed twice", code);
	if (s->ng == s->capg) {
		s->capg = s->capg ? 2 * s->capg : 256;
		s->g = xreallocarray(s->g, s->capg, sizeof *s->g);
	}
	g = &s->g[s->ng++];
	memset(g, 0, sizeof *g);
	memcpy(g->code, code, LVL_GRID);
	g->kind = kind;
	g->ded = grid_is_dedicated(code);
	g->hh = v;
	g->lastleft = LONG_MIN;
	(void)i;
	return 0;
}

static int
cmp_grid(const void *a, const void *b)
{
	return strcmp(((const struct staff_grid *)a)->code,
	    ((const struct staff_grid *)b)->code);
}

void
staff_grids_end(struct staff *s)
{
	size_t i;

	if (s->ng > 1)
		qsort(s->g, s->ng, sizeof *s->g, cmp_grid);
	strtab_free(s->gid);
	s->gid = strtab_new();
	for (i = 0; i < s->ng; i++)
		strtab_add(s->gid, s->g[i].code, LVL_GRID, NULL);
}

static int
known_role(const struct staff *s, const char *role, size_t n)
{
	char key[192];
	size_t i;

	if (n + 6 >= sizeof key)
		return 0;
	snprintf(key, sizeof key, "base.%s", role);
	if (policy_find(s->p, "pay", key))
		return 1;
	for (i = 0; i < s->nextra; i++)
		if (strcmp(s->extra[i], role) == 0)
			return 1;
	return 0;
}

int
staff_worker(struct staff *s, const struct staff_row *r)
{
	struct staff_grid *g;
	const char *why;
	long gi, hired = LONG_MIN, left = LONG_MIN;
	int full;

	if (r->idn == 0)
		return reject(s, "worker_id", "empty worker id");
	if (strtab_find(s->wid, r->id, r->idn) >= 0)
		return reject(s, "worker_id", "worker '%s' listed twice",
		    r->id);
	if (!known_role(s, r->role, r->rolen))
		return reject(s, "role", "role '%s' not in policy %s "
		    "([pay] base.ROLE or [staff] roles)", r->role,
		    policy_name(s->p));
	if (worker_grid_check(r->grid, r->gridn, &why) < 0)
		return reject(s, "grid_code", "bad grid code '%s': %s",
		    r->grid, why);
	/* a micro-grid's worker is on its grid's post */
	if ((gi = strtab_find(s->gid, r->grid, LVL_GRID)) < 0)
		return reject(s, "grid_code", "grid '%.15s' not in the grids "
		    "table", r->grid);
	if (r->empn == 8 && strcmp(r->emp, "fulltime") == 0)
		full = 1;
	else if (r->empn == 8 && strcmp(r->emp, "parttime") == 0)
		full = 0;
	else
		return reject(s, "employment", "employment '%s' is neither "
		    "fulltime nor parttime", r->emp);
	if (r->hiredn > 0 && date_parse(r->hired, r->hiredn, &hired) < 0)
		return reject(s, "hired_on", "not a date: '%s'", r->hired);
	if (r->leftn > 0 && date_parse(r->left, r->leftn, &left) < 0)
		return reject(s, "left_on", "not a date: '%s'", r->left);
	if (hired != LONG_MIN && left != LONG_MIN && left < hired)
		return reject(s, "left_on", "left on '%s', before hired_on "
		    "'%s'", r->left, r->hired);
	strtab_add(s->wid, r->id, r->idn, NULL);
	g = &s->g[gi];
	if (hired != LONG_MIN && hired > s->asof)
		g->later++;
	else if (left != LONG_MIN && left < s->asof) {
		if (left > g->lastleft)
			g->lastleft = left;
	} else {
		g->nw++;
		g->nfull += full;
	}
	return 0;
}

long
staff_vacant_days(const struct staff *s, const struct staff_grid *g)
{
	if (g->nw > 0 || g->lastleft == LONG_MIN)
		return -1;
	return s->asof - g->lastleft;
}

const char *
staff_problem(const struct staff_grid *g)
{
	if (g->nw == 0)
		return "no_worker";
	if (g->nfull == 0 && !g->ded && g->kind != KIND_RURAL)
		return "no_fulltime";
	return "";
}
