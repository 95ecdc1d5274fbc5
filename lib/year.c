/*
 * year.c — the year's obligations (gridwork-rules(7), ASSESSMENT:
 * training over the year): the training register.  Each session is
 * organised by a county, a township or a village (its level and area
 * code); the policy's [train] sessions_min.LEVEL is how many sessions an
 * area of that level must hold in the year.  As of a day of the year:
 * the sessions each area held, its workers (hired by then) and how many
 * of them attended at least one session, each worker's attendance by
 * level, and whether a worker hired in the year attended an induction
 * session (入职培训) by the day they started.
 *
 * The caller owns a struct train: workers first, then sessions, then
 * the trainings (attendance) rows; a row that cannot be used comes back
 * rejected with its column and reason, and changes nothing.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

const char *const train_lvlname[TRAIN_NLVL] = { "county", "township",
	"village" };
static const int lvlcode[TRAIN_NLVL] = { LVL_COUNTY, LVL_TOWN,
	LVL_VILLAGE };

static const char *const wcols[] = { "worker_id", "grid_code",
    "township_code", "hired_on" };
static const char *const scols[] = { "session_id", "date", "level",
    "area_code", "kind" };
static const char *const tcols[] = { "worker_id", "date", "session_id",
    "attended" };

const struct score_table train_tables[TRAIN_NTAB] = {
	[TRAIN_WORKERS] = { "workers", wcols, 4, 2 },
	[TRAIN_SESSIONS] = { "sessions", scols, 5, 4 },
	[TRAIN_TRAININGS] = { "trainings", tcols, 4, 4 },
};

enum { W_ID, W_GRID, W_TOWN, W_HIRED };
enum { S_ID, S_DATE, S_LEVEL, S_AREA, S_KIND };
enum { T_WHO, T_DATE, T_SESS, T_ATT };

static int
reject(struct train *t, const char *col, const char *fmt, ...)
{
	va_list ap;

	t->rcol = col;
	sbuf_reset(&t->why);
	va_start(ap, fmt);
	sbuf_vaddf(&t->why, fmt, ap);
	va_end(ap);
	return 1;
}

static uint32_t
intern(struct train *t, const char *v, size_t n)
{
	return (uint32_t)strtab_add(t->str, v, n, NULL);
}

const char *
train_str(const struct train *t, uint32_t i)
{
	return strtab_str(t->str, i);
}

void
train_init(struct train *t)
{
	memset(t, 0, sizeof *t);
	t->str = strtab_new();
	t->wid = strtab_new();
	t->sid = strtab_new();
	t->seen = strtab_new();
}

void
train_free(struct train *t)
{
	strtab_free(t->str);
	strtab_free(t->wid);
	strtab_free(t->sid);
	strtab_free(t->seen);
	free(t->w);
	free(t->s);
	sbuf_free(&t->why);
	sbuf_free(&t->err);
	memset(t, 0, sizeof *t);
}

int
train_setup(struct train *t, const policy *pol, int year, long asof,
    const char **why)
{
	char key[64];
	long last;
	int l;

	for (l = 0; l < TRAIN_NLVL; l++) {
		snprintf(key, sizeof key, "sessions_min.%s", train_lvlname[l]);
		if (policy_int(pol, "train", key, &t->min[l], why) < 0)
			return -1;
		if (t->min[l] < 0 || t->min[l] > 366) {
			sbuf_reset(&t->err);
			sbuf_addf(&t->err, "policy '%s': train.%s must be 0 to "
			    "366", policy_name(pol), key);
			*why = t->err.s;
			return -1;
		}
	}
	t->year = year;
	t->first = day_from_ymd(year, 1, 1);
	last = day_from_ymd(year, 12, 31);
	if (asof < t->first || asof > last) {
		sbuf_reset(&t->err);
		sbuf_addf(&t->err, "the as-of day is not in %04d", year);
		*why = t->err.s;
		return -1;
	}
	t->asof = asof;
	return 0;
}

static int
worker_row(struct train *t, const struct score_field *f)
{
	struct train_worker *w;
	const char *why;
	char town[16];
	long day = LONG_MIN;

	if (f[W_ID].n == 0)
		return reject(t, "worker_id", "empty worker id");
	if (code_check(f[W_GRID].s, f[W_GRID].n, LVL_GRID, &why) < 0)
		return reject(t, "grid_code", "bad grid code '%s': %s",
		    f[W_GRID].s, why);
	if (f[W_HIRED].n > 0 && date_parse(f[W_HIRED].s, f[W_HIRED].n,
	    &day) < 0)
		return reject(t, "hired_on", "not a date: '%s'", f[W_HIRED].s);
	if (strtab_find(t->wid, f[W_ID].s, f[W_ID].n) >= 0)
		return reject(t, "worker_id", "worker '%s' listed twice",
		    f[W_ID].s);
	strtab_add(t->wid, f[W_ID].s, f[W_ID].n, NULL);
	if (t->nw == t->capw) {
		t->capw = t->capw ? 2 * t->capw : 256;
		t->w = xreallocarray(t->w, t->capw, sizeof *t->w);
	}
	w = &t->w[t->nw++];
	memset(w, 0, sizeof *w);
	w->id = intern(t, f[W_ID].s, f[W_ID].n);
	w->grid = intern(t, f[W_GRID].s, f[W_GRID].n);
	code_prefix(f[W_GRID].s, LVL_TOWN, town);
	w->town = intern(t, town, strlen(town));
	w->hired = day;
	w->induction = LONG_MIN;
	return 0;
}

static int
session_row(struct train *t, const struct score_field *f)
{
	struct train_session *s;
	const char *why;
	long day;
	int l, ind;

	if (f[S_ID].n == 0)
		return reject(t, "session_id", "empty session id");
	if (date_parse(f[S_DATE].s, f[S_DATE].n, &day) < 0)
		return reject(t, "date", "not a date: '%s'", f[S_DATE].s);
	for (l = 0; l < TRAIN_NLVL; l++)
		if (strlen(train_lvlname[l]) == f[S_LEVEL].n &&
		    memcmp(train_lvlname[l], f[S_LEVEL].s, f[S_LEVEL].n) == 0)
			break;
	if (l == TRAIN_NLVL)
		return reject(t, "level", "not county, township or village: "
		    "'%s'", f[S_LEVEL].s);
	if (code_check(f[S_AREA].s, f[S_AREA].n, lvlcode[l], &why) < 0)
		return reject(t, "area_code", "not a %s code: '%s'",
		    train_lvlname[l], f[S_AREA].s);
	if (f[S_KIND].n == 0 || (f[S_KIND].n == 7 &&
	    memcmp(f[S_KIND].s, "regular", 7) == 0))
		ind = 0;
	else if (f[S_KIND].n == 9 && memcmp(f[S_KIND].s, "induction", 9) == 0)
		ind = 1;
	else
		return reject(t, "kind", "not induction, regular or empty: "
		    "'%s'", f[S_KIND].s);
	if (strtab_find(t->sid, f[S_ID].s, f[S_ID].n) >= 0)
		return reject(t, "session_id", "session '%s' listed twice",
		    f[S_ID].s);
	strtab_add(t->sid, f[S_ID].s, f[S_ID].n, NULL);
	if (t->ns == t->caps) {
		t->caps = t->caps ? 2 * t->caps : 64;
		t->s = xreallocarray(t->s, t->caps, sizeof *t->s);
	}
	s = &t->s[t->ns++];
	s->day = day;
	s->lvl = l;
	s->induction = ind;
	s->area = intern(t, f[S_AREA].s, f[S_AREA].n);
	return 0;
}

static int
training_row(struct train *t, const struct score_field *f)
{
	struct train_worker *w;
	struct train_session *s;
	struct sbuf k = { 0 };
	long wi, si, day;
	int isnew;

	if ((wi = strtab_find(t->wid, f[T_WHO].s, f[T_WHO].n)) < 0)
		return reject(t, "worker_id", "unknown worker '%s'",
		    f[T_WHO].s);
	if ((si = strtab_find(t->sid, f[T_SESS].s, f[T_SESS].n)) < 0)
		return reject(t, "session_id", "session '%s' not in the "
		    "sessions", f[T_SESS].s);
	w = &t->w[wi];
	s = &t->s[si];
	if (date_parse(f[T_DATE].s, f[T_DATE].n, &day) < 0)
		return reject(t, "date", "not a date: '%s'", f[T_DATE].s);
	if (day != s->day) {
		char d[11];

		date_fmt(s->day, d);
		return reject(t, "date", "date '%s' is not the session's "
		    "(%s)", f[T_DATE].s, d);
	}
	if (f[T_ATT].n != 1 || (f[T_ATT].s[0] != '0' && f[T_ATT].s[0] != '1'))
		return reject(t, "attended", "not 0 or 1: '%s'", f[T_ATT].s);
	sbuf_addf(&k, "%ld\t%ld", wi, si);
	strtab_add(t->seen, k.s, k.len, &isnew);
	sbuf_free(&k);
	if (!isnew)
		return reject(t, "session_id", "session '%s' listed twice for "
		    "the worker", f[T_SESS].s);
	if (f[T_ATT].s[0] == '0' || day > t->asof)
		return 0;
	if (s->induction && (w->induction == LONG_MIN || day < w->induction))
		w->induction = day;
	if (day >= t->first)
		w->att[s->lvl]++;
	return 0;
}

int
train_row(struct train *t, enum train_tab tab, const struct score_field *f)
{
	switch (tab) {
	case TRAIN_WORKERS: return worker_row(t, f);
	case TRAIN_SESSIONS: return session_row(t, f);
	case TRAIN_TRAININGS: return training_row(t, f);
	default: break;
	}
	return reject(t, NULL, "no such table");
}

int
train_untrained(const struct train *t, const struct train_worker *w)
{
	if (w->hired == LONG_MIN || w->hired < t->first || w->hired > t->asof)
		return 0;
	return w->induction == LONG_MIN || w->induction > w->hired;
}

static int
areacmp(const void *a, const void *b)
{
	return strcmp(((const struct train_area *)a)->code,
	    ((const struct train_area *)b)->code);
}

/* The row of code at level l, added when new. */
static struct train_area *
area(struct train *t, strtab *ix, struct train_area **v, size_t *n,
    const char *code, int l)
{
	size_t i;
	int isnew;

	i = strtab_add(ix, code, strlen(code), &isnew);
	if (isnew) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		memset(&(*v)[*n], 0, sizeof **v);
		(*v)[*n].code = train_str(t, intern(t, code, strlen(code)));
		(*v)[*n].lvl = l;
		(*v)[*n].min = t->min[l];
		(*n)++;
	}
	return &(*v)[i];
}

struct train_area *
train_areas(struct train *t, size_t *n)
{
	struct train_area *v = NULL, *a;
	strtab *ix = strtab_new();
	char code[16];
	size_t i;
	int l, reached;

	*n = 0;
	for (i = 0; i < t->ns; i++)
		if (t->s[i].day >= t->first && t->s[i].day <= t->asof)
			area(t, ix, &v, n, train_str(t, t->s[i].area),
			    t->s[i].lvl)->sessions++;
	for (i = 0; i < t->nw; i++) {
		const struct train_worker *w = &t->w[i];

		if (w->hired != LONG_MIN && w->hired > t->asof)
			continue;
		reached = w->att[0] + w->att[1] + w->att[2] > 0;
		for (l = 0; l < TRAIN_NLVL; l++) {
			code_prefix(train_str(t, w->grid), lvlcode[l], code);
			if (t->min[l] == 0 && strtab_find(ix, code,
			    strlen(code)) < 0)
				continue;
			a = area(t, ix, &v, n, code, l);
			a->workers++;
			a->reached += reached;
		}
	}
	strtab_free(ix);
	if (*n > 1)
		qsort(v, *n, sizeof *v, areacmp);
	return v;
}

/*
 * A department's list against the census: a listed number found in the
 * register with the list's tag is matched, without it untagged; a
 * tagged person not listed is unlisted; a listed number not in the
 * register is unregistered.  Numbers are compared in their checked
 * 18-character form, so a 15-digit number on either side matches.
 */
const char *const match_kindname[MATCH_NKIND] = { "matched", "untagged",
	"unlisted", "unregistered" };

static const char *const lcols[] = { "id_number", "name" };
static const char *const acols[] = { "household_id", "grid_code" };
static const char *const kcols[] = { "worker_id", "grid_code" };
static const char *const pcols[] = { "id_number", "name", "household_id",
    "tags" };

const struct score_table match_tables[MATCH_NTAB] = {
	[MATCH_LIST] = { "list", lcols, 2, 1 },
	[MATCH_ASSIGN] = { "assignment", acols, 2, 2 },
	[MATCH_WORKERS] = { "workers", kcols, 2, 2 },
	[MATCH_PERSONS] = { "persons", pcols, 4, 3 },
};

static int
mreject(struct match *m, const char *col, const char *fmt, ...)
{
	va_list ap;

	m->rcol = col;
	sbuf_reset(&m->why);
	va_start(ap, fmt);
	sbuf_vaddf(&m->why, fmt, ap);
	va_end(ap);
	return 1;
}

static uint32_t
mintern(struct match *m, const char *s, size_t n)
{
	return (uint32_t)strtab_add(m->str, s, n, NULL);
}

const char *
match_str(const struct match *m, uint32_t i)
{
	return strtab_str(m->str, i);
}

int
match_init(struct match *m, const policy *pol, const char *tag,
    const char **why)
{
	memset(m, 0, sizeof *m);
	if (!(m->pop = pop_new(pol, POP_COUNT, why)))
		return -1;
	m->tag = -1;
	if (tag && (m->tag = pop_tag(m->pop, tag, strlen(tag))) < 0) {
		sbuf_addf(&m->why, "--tag '%s': no tag of policy '%s' "
		    "([pop] tag.NAME)", tag, policy_name(pol));
		*why = m->why.s;
		return -1;
	}
	m->str = strtab_new();
	strtab_add(m->str, "", 0, NULL);
	m->lid = strtab_new();
	m->hh = strtab_new();
	m->gw = strtab_new();
	m->pseen = idset_new();
	return 0;
}

void
match_free(struct match *m)
{
	size_t i;

	pop_free(m->pop);
	strtab_free(m->str);
	strtab_free(m->lid);
	strtab_free(m->hh);
	if (m->gw)
		for (i = 0; i < strtab_count(m->gw); i++)
			sbuf_free(&m->gworkers[i]);
	strtab_free(m->gw);
	idset_free(m->pseen);
	free(m->lname);
	free(m->lseen);
	free(m->hgrid);
	free(m->gworkers);
	free(m->r);
	sbuf_free(&m->why);
	memset(m, 0, sizeof *m);
}

static void
addrow(struct match *m, int kind, uint32_t grid, uint32_t id,
    uint32_t name, uint32_t lname, uint32_t tags)
{
	struct match_row *r;

	if (m->nr == m->capr) {
		m->capr = m->capr ? 2 * m->capr : 64;
		m->r = xreallocarray(m->r, m->capr, sizeof *m->r);
	}
	r = &m->r[m->nr++];
	r->kind = kind;
	r->grid = grid;
	r->id = id;
	r->name = name;
	r->lname = lname;
	r->tags = tags;
}

int
match_row(struct match *m, enum match_tab t, const struct score_field *f)
{
	struct idno id;
	const char *why;
	uint64_t bits;
	size_t i, n;
	long li, hi;
	int isnew, unk, tagged;

	switch (t) {
	case MATCH_LIST:
	case MATCH_PERSONS:
		if (idno_parse(f[0].s, f[0].n, -1, &id, &why) < 0)
			return mreject(m, "id_number", "bad identity number: "
			    "%s", why);
		break;
	default:
		break;
	}
	switch (t) {
	case MATCH_LIST:
		i = strtab_add(m->lid, id.s, 18, &isnew);
		if (!isnew)
			return mreject(m, "id_number", "listed twice");
		n = strtab_count(m->lid);
		m->lname = xreallocarray(m->lname, n, sizeof *m->lname);
		m->lseen = xreallocarray(m->lseen, n, 1);
		m->lname[i] = mintern(m, f[1].s, f[1].n);
		m->lseen[i] = 0;
		return 0;
	case MATCH_ASSIGN:
		if (code_check(f[1].s, f[1].n, LVL_GRID, &why) < 0)
			return mreject(m, "grid_code", "bad grid code '%s': %s",
			    f[1].s, why);
		i = strtab_add(m->hh, f[0].s, f[0].n, &isnew);
		if (!isnew)
			return mreject(m, "household_id", "household '%s' "
			    "assigned twice", f[0].s);
		m->hgrid = xreallocarray(m->hgrid, i + 1, sizeof *m->hgrid);
		m->hgrid[i] = mintern(m, f[1].s, f[1].n);
		return 0;
	case MATCH_WORKERS:
		if (f[0].n == 0)
			return mreject(m, "worker_id", "empty worker id");
		i = strtab_add(m->gw, f[1].s, f[1].n, &isnew);
		if (isnew) {
			m->gworkers = xreallocarray(m->gworkers, i + 1,
			    sizeof *m->gworkers);
			memset(&m->gworkers[i], 0, sizeof m->gworkers[i]);
		}
		if (m->gworkers[i].len)
			sbuf_addc(&m->gworkers[i], ';');
		sbuf_add(&m->gworkers[i], f[0].s, f[0].n);
		return 0;
	case MATCH_PERSONS:
		if ((hi = strtab_find(m->hh, f[2].s, f[2].n)) < 0)
			return mreject(m, "household_id", "household '%s' not "
			    "in the assignment", f[2].s);
		if (!idset_add(m->pseen, id.s, 18))
			return mreject(m, "id_number", "a person listed twice "
			    "in the register");
		bits = pop_tagbits(m->pop, f[3].s, f[3].n, &unk);
		tagged = (bits >> m->tag) & 1;
		li = strtab_find(m->lid, id.s, 18);
		if (li >= 0)
			m->lseen[li] = 1;
		if (li >= 0 || tagged)
			addrow(m, li < 0 ? MATCH_UNLISTED : tagged ?
			    MATCH_MATCHED : MATCH_UNTAGGED, m->hgrid[hi],
			    mintern(m, id.s, 18), mintern(m, f[1].s, f[1].n),
			    li >= 0 ? m->lname[li] : 0,
			    mintern(m, f[3].s, f[3].n));
		return 0;
	default:
		break;
	}
	return mreject(m, NULL, "no such table");
}

static const struct match *msort;	/* qsort's */

static int
rowcmp(const void *a, const void *b)
{
	const struct match_row *x = a, *y = b;
	int c;

	/* the unregistered, of no grid, last */
	if ((x->grid == 0) != (y->grid == 0))
		return x->grid == 0 ? 1 : -1;
	if ((c = strcmp(match_str(msort, x->grid),
	    match_str(msort, y->grid))) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(match_str(msort, x->id), match_str(msort, y->id));
}

struct match_row *
match_rows(struct match *m, size_t *n)
{
	size_t i;

	for (i = 0; i < strtab_count(m->lid); i++)
		if (!m->lseen[i])
			addrow(m, MATCH_UNREGISTERED, 0, mintern(m,
			    strtab_str(m->lid, i), 18), 0, m->lname[i], 0);
	msort = m;
	if (m->nr > 1)
		qsort(m->r, m->nr, sizeof *m->r, rowcmp);
	*n = m->nr;
	return m->r;
}

const char *
match_workers(const struct match *m, uint32_t g)
{
	const char *gs = match_str(m, g);
	long i;

	if (!m->gw || (i = strtab_find(m->gw, gs, strlen(gs))) < 0)
		return "";
	return m->gworkers[i].s;
}

/*
 * Two snapshots of the register: the old one held whole (number,
 * household, grid, tags), the new one streamed past it.
 */
const char *const cmp_kindname[CMP_NKIND] = { "added", "removed",
	"household", "grid", "tag_gained", "tag_lost" };

int
cmp_init(struct cmp *c, const policy *pol, const char **why)
{
	memset(c, 0, sizeof *c);
	if (match_init(&c->m, pol, NULL, why) < 0)
		return -1;
	c->pid = strtab_new();
	return 0;
}

void
cmp_free(struct cmp *c)
{
	match_free(&c->m);
	strtab_free(c->oldhh);
	strtab_free(c->pid);
	free(c->oldgrid);
	free(c->p);
	free(c->r);
	memset(c, 0, sizeof *c);
}

static void
cmpadd(struct cmp *c, int kind, uint32_t grid, uint32_t id, uint32_t name,
    uint32_t from, uint32_t to)
{
	struct cmp_row *r;

	if (c->nr == c->capr) {
		c->capr = c->capr ? 2 * c->capr : 64;
		c->r = xreallocarray(c->r, c->capr, sizeof *c->r);
	}
	r = &c->r[c->nr++];
	r->kind = kind;
	r->grid = grid;
	r->id = id;
	r->name = name;
	r->from = from;
	r->to = to;
}

/* The grid of household f in the old or the new assignment, or -1. */
static long
hhgrid(struct cmp *c, const struct score_field *f, int old)
{
	long i;

	if (old && c->oldhh) {
		if ((i = strtab_find(c->oldhh, f->s, f->n)) < 0)
			return -1;
		return (long)c->oldgrid[i];
	}
	if ((i = strtab_find(c->m.hh, f->s, f->n)) < 0)
		return -1;
	return (long)c->m.hgrid[i];
}

int
cmp_row(struct cmp *c, enum match_tab t, const struct score_field *f)
{
	struct match *m = &c->m;
	struct cmp_person *p;
	struct idno id;
	const char *why;
	uint64_t bits, d;
	uint32_t hh, nm, idx;
	long g, pi;
	size_t i;
	int isnew, unk, k;

	if (t == MATCH_ASSIGN && c->old) {
		if (code_check(f[1].s, f[1].n, LVL_GRID, &why) < 0)
			return mreject(m, "grid_code", "bad grid code '%s': %s",
			    f[1].s, why);
		if (!c->oldhh)
			c->oldhh = strtab_new();
		i = strtab_add(c->oldhh, f[0].s, f[0].n, &isnew);
		if (!isnew)
			return mreject(m, "household_id", "household '%s' "
			    "assigned twice", f[0].s);
		c->oldgrid = xreallocarray(c->oldgrid, i + 1,
		    sizeof *c->oldgrid);
		c->oldgrid[i] = mintern(m, f[1].s, f[1].n);
		return 0;
	}
	if (t != MATCH_PERSONS)
		return match_row(m, t, f);
	if (idno_parse(f[0].s, f[0].n, -1, &id, &why) < 0)
		return mreject(m, "id_number", "bad identity number: %s", why);
	if ((g = hhgrid(c, &f[2], c->old)) < 0)
		return mreject(m, "household_id", "household '%s' not in the "
		    "%sassignment", f[2].s, c->old && c->oldhh ? "old " : "");
	hh = mintern(m, f[2].s, f[2].n);
	nm = mintern(m, f[1].s, f[1].n);
	bits = pop_tagbits(m->pop, f[3].s, f[3].n, &unk);
	if (c->old) {
		i = strtab_add(c->pid, id.s, 18, &isnew);
		if (!isnew)
			return mreject(m, "id_number", "a person listed twice "
			    "in the old register");
		if (c->np == c->capp) {
			c->capp = c->capp ? 2 * c->capp : 256;
			c->p = xreallocarray(c->p, c->capp, sizeof *c->p);
		}
		p = &c->p[c->np++];
		p->id = mintern(m, id.s, 18);
		p->name = nm;
		p->hh = hh;
		p->grid = (uint32_t)g;
		p->tags = bits;
		p->seen = 0;
		return 0;
	}
	if (!idset_add(m->pseen, id.s, 18))
		return mreject(m, "id_number", "a person listed twice in the "
		    "register");
	idx = mintern(m, id.s, 18);
	if ((pi = strtab_find(c->pid, id.s, 18)) < 0) {
		cmpadd(c, CMP_ADDED, (uint32_t)g, idx, nm, 0, hh);
		return 0;
	}
	p = &c->p[pi];
	p->seen = 1;
	if (p->hh != hh)
		cmpadd(c, CMP_HOUSEHOLD, (uint32_t)g, idx, nm, p->hh, hh);
	if (p->grid != (uint32_t)g)
		cmpadd(c, CMP_GRID, (uint32_t)g, idx, nm, p->grid,
		    (uint32_t)g);
	for (k = 0; k < 64; k++) {
		const char *tn;

		d = (uint64_t)1 << k;
		if (!((bits ^ p->tags) & d) || !(tn = pop_tagname(m->pop, k)))
			continue;
		if (bits & d)	/* the tag in to when gained, from when lost */
			cmpadd(c, CMP_GAINED, (uint32_t)g, idx, nm, 0,
			    mintern(m, tn, strlen(tn)));
		else
			cmpadd(c, CMP_LOST, (uint32_t)g, idx, nm,
			    mintern(m, tn, strlen(tn)), 0);
	}
	return 0;
}

static const struct cmp *csort;	/* qsort's */

static int
cmprowcmp(const void *a, const void *b)
{
	const struct cmp_row *x = a, *y = b;
	int c;

	if ((c = strcmp(match_str(&csort->m, x->grid),
	    match_str(&csort->m, y->grid))) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(match_str(&csort->m, x->id),
	    match_str(&csort->m, y->id))) != 0)
		return c;
	if ((c = strcmp(match_str(&csort->m, x->from),
	    match_str(&csort->m, y->from))) != 0)
		return c;
	return strcmp(match_str(&csort->m, x->to),
	    match_str(&csort->m, y->to));
}

struct cmp_row *
cmp_rows(struct cmp *c, size_t *n)
{
	size_t i;

	for (i = 0; i < c->np; i++)
		if (!c->p[i].seen)
			cmpadd(c, CMP_REMOVED, c->p[i].grid, c->p[i].id,
			    c->p[i].name, c->p[i].hh, 0);
	csort = c;
	if (c->nr > 1)
		qsort(c->r, c->nr, sizeof *c->r, cmprowcmp);
	*n = c->nr;
	return c->r;
}
