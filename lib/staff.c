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

/* [staff] conflict.NAME = A1 A2 / B1 B2: nobody holds a role of each
   side at once (004 第八条 "不能兼任") */
struct staff_conflict {
	char *name;
	char *side[2];		/* ' '-joined, with a blank at each end */
};

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

/* " a b " of the blank-separated words of s[0..n) */
static char *
words(const char *s, size_t n)
{
	struct sbuf b = { 0 };
	size_t i = 0, j;

	sbuf_addc(&b, ' ');
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t'; j++)
			;
		if (j > i) {
			sbuf_add(&b, s + i, j - i);
			sbuf_addc(&b, ' ');
		}
		i = j;
	}
	return b.s;
}

static int
conflicts(struct staff *s)
{
	const struct policy_kv *kv;
	const char *slash;
	size_t n, i;

	s->pid = strtab_new();
	kv = policy_section(s->p, "staff", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "conflict.", 9) != 0)
			continue;
		if (!(slash = strchr(kv[i].val, '/'))) {
			snprintf(s->why, sizeof s->why, "%s:%d: key '%s': want "
			    "ROLE ... / ROLE ..., not '%s'", kv[i].file,
			    kv[i].line, kv[i].key, kv[i].val);
			return -1;
		}
		s->cf = xreallocarray(s->cf, s->ncf + 1, sizeof *s->cf);
		s->cf[s->ncf].name = xstrdup(kv[i].key + 9);
		s->cf[s->ncf].side[0] = words(kv[i].val,
		    (size_t)(slash - kv[i].val));
		s->cf[s->ncf].side[1] = words(slash + 1, strlen(slash + 1));
		s->ncf++;
	}
	return 0;
}

static int
has_word(const char *list, const char *w, size_t n)
{
	const char *p;

	for (p = list; *p; p++)
		if (p[0] == ' ' && strncmp(p + 1, w, n) == 0 && p[n + 1] == ' ')
			return 1;
	return 0;
}

/* The conflict a person holding role a would be in taking role b, or
   NULL. */
static const struct staff_conflict *
conflict(const struct staff *s, const char *a, size_t an, const char *b,
    size_t bn)
{
	size_t i;
	int k;

	for (i = 0; i < s->ncf; i++)
		for (k = 0; k < 2; k++)
			if (has_word(s->cf[i].side[k], a, an) &&
			    has_word(s->cf[i].side[1 - k], b, bn))
				return &s->cf[i];
	return NULL;
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
	s->onpost = strtab_new();
	s->roles = strtab_new();
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
	return conflicts(s);
}

void
staff_free(struct staff *s)
{
	size_t i;

	for (i = 0; i < s->ncf; i++) {
		free(s->cf[i].name);
		free(s->cf[i].side[0]);
		free(s->cf[i].side[1]);
	}
	free(s->cf);
	if (s->pid) {
		for (i = 0; i < strtab_count(s->pid); i++)
			sbuf_free(&s->proles[i]);
		strtab_free(s->pid);
	}
	free(s->proles);
	for (i = 0; i < s->nextra; i++)
		free(s->extra[i]);
	free(s->extra);
	free(s->g);
	strtab_free(s->gid);
	strtab_free(s->wid);
	strtab_free(s->onpost);
	strtab_free(s->roles);
	free(s->held);
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
	if (r->personn > 0 && !(hired != LONG_MIN && hired > s->asof) &&
	    !(left != LONG_MIN && left < s->asof)) {
		const struct staff_conflict *c;
		const char *q, *e;
		size_t pi;
		int isnew;

		pi = strtab_add(s->pid, r->person, r->personn, &isnew);
		if (pi >= s->cappid) {
			size_t old = s->cappid;

			s->cappid = 2 * pi + 64;
			s->proles = xreallocarray(s->proles, s->cappid,
			    sizeof *s->proles);
			memset(s->proles + old, 0, (s->cappid - old) *
			    sizeof *s->proles);
		}
		/* each "role\037line\036" the person holds */
		for (q = s->proles[pi].s; q && *q; q = e + 1) {
			const char *sep = strchr(q, '\037');

			e = strchr(sep, '\036');
			if ((c = conflict(s, q, (size_t)(sep - q), r->role,
			    r->rolen)) != NULL)
				return reject(s, "role", "role '%s' cannot be "
				    "held with '%.*s' (line %.*s) by the same "
				    "person (conflict.%s)", r->role,
				    (int)(sep - q), q, (int)(e - sep - 1),
				    sep + 1, c->name);
		}
		sbuf_add(&s->proles[pi], r->role, r->rolen);
		sbuf_addc(&s->proles[pi], '\037');
		{
			char ln[24];

			snprintf(ln, sizeof ln, "%ld", r->line);
			sbuf_adds(&s->proles[pi], ln);
		}
		sbuf_addc(&s->proles[pi], '\036');
	}
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
		{
			size_t hi = strtab_add(s->onpost, r->id, r->idn, NULL);
			struct staff_held *h;

			if (hi >= s->capheld) {
				s->capheld = 2 * hi + 64;
				s->held = xreallocarray(s->held, s->capheld,
				    sizeof *s->held);
			}
			h = &s->held[hi];
			h->hired = hired;
			snprintf(h->grid, sizeof h->grid, "%s", r->grid);
			h->role = strtab_add(s->roles, r->role, r->rolen, NULL);
		}
	}
	return 0;
}

int
staff_post(struct staff *s, const char *grid, size_t gridn,
    const char *worker, size_t workern, const char *from, size_t fromn,
    const char *to, size_t ton)
{
	struct staff_grid *g;
	const char *why;
	long gi, a, b = LONG_MIN;

	(void)worker;	/* only that there is one: the roster names it */

	if (worker_grid_check(grid, gridn, &why) < 0)
		return reject(s, "grid_code", "bad grid code '%s': %s", grid,
		    why);
	if ((gi = strtab_find(s->gid, grid, LVL_GRID)) < 0)
		return reject(s, "grid_code", "grid '%.15s' not in the grids "
		    "table", grid);
	if (workern == 0)
		return reject(s, "worker_id", "empty worker id");
	if (date_parse(from, fromn, &a) < 0)
		return reject(s, "from_on", "not a date: '%s'", from);
	if (ton > 0 && date_parse(to, ton, &b) < 0)
		return reject(s, "to_on", "not a date: '%s'", to);
	if (b != LONG_MIN && b < a)
		return reject(s, "to_on", "'%s' before from_on '%s'", to, from);
	g = &s->g[gi];
	/* a spell of the past: the grid fell vacant the day after it */
	if (b != LONG_MIN && b < s->asof && a <= s->asof && b > g->lastleft)
		g->lastleft = b;
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
