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
