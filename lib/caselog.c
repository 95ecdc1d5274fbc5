/*
 * caselog.c — the closed loop of a case, one log row at a time
 * (gridwork-rules(7), CASES and ASSESSMENT).
 *
 * The six steps go reported -> filed -> assigned -> handled -> answered
 * -> closed; "returned" follows assigned and must be followed by a new
 * assigned, whose deadline restarts from its own time with the order's
 * limit; "extended" (after assigned, before closed) sets the deadline in
 * its row and leaves the state as it was.  Anything else is rejected: a
 * step before its predecessor, a step after closed, a time before the
 * case's previous step, an event_id other than the case's, an extension
 * without a date or not later than the deadline it extends.  A rejected
 * row changes nothing.
 *
 * Deadline of an assignment: the assigned row's deadline column when
 * filled; else, with an order, the order's deadline for the first
 * assignment and the order's limit from the re-assignment's time after
 * a return; else none (on_time empty, never overdue).  A bare date as
 * a deadline or as-of time is the end of that day, 23:59:59.
 * working_days of a closed case: working days after the day of its last
 * assignment, up to and including the day it closed (closing on the 3rd
 * working day after assignment is 3; the same day is 0).
 *
 * Provisional deadlines: a deadline worked out here over a year of the
 * calendar with no holiday notice yet is marked provisional; so is one
 * an order marks provisional, unless the order has assigned_at and a
 * limit in working days: then it is worked out again on this calendar.
 * A deadline given in the log (assigned, extended) is never provisional.
 *
 * The engine keeps no case: the caller holds them (struct caselog_case)
 * and hands each row's fields over; it reads no file, prints nothing and
 * never exits.  A rejection comes back as a column and a reason, a
 * calendar failure as a reason, both in the buffer of struct caselog.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

const char *const caselog_stepname[CL_NSTEP] = {
	"", "reported", "filed", "assigned", "handled", "answered", "closed",
	"returned", "extended", "ordered"
};

/* allowed[state] = the steps that may follow, as a bit set */
#define B(s) (1u << (s))
static const unsigned allowed[CL_NSTEP] = {
	[CL_NONE] = B(CL_REPORTED),
	[CL_REPORTED] = B(CL_FILED),
	[CL_FILED] = B(CL_ASSIGNED),
	[CL_ASSIGNED] = B(CL_HANDLED) | B(CL_RETURNED) | B(CL_EXTENDED),
	[CL_RETURNED] = B(CL_ASSIGNED),
	[CL_HANDLED] = B(CL_ANSWERED) | B(CL_EXTENDED),
	[CL_ANSWERED] = B(CL_CLOSED) | B(CL_EXTENDED),
};

/* Sets the reason of the last failure; returns ret. */
static int
fail(struct caselog *cl, int ret, const char *col, const char **colp,
    const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&cl->why);
	va_start(ap, fmt);
	sbuf_vaddf(&cl->why, fmt, ap);
	va_end(ap);
	if (colp)
		*colp = col;
	*why = cl->why.s;
	return ret;
}

static long
dayof(int64_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/* End of the n-th working day after the day of t into *dl; *prov = 1
   when it was computed over a provisional year of the calendar. */
static int
add_days(struct caselog *cl, int64_t t, int n, int64_t *dl, int *prov,
    const char **why)
{
	const char *w;
	unsigned long h = cal_provhits(cl->cal);
	long d;

	if (cal_addworking(cl->cal, dayof(t), n, &d, &w) < 0)
		return fail(cl, CL_FATAL, NULL, NULL, why, "calendar: %s", w);
	*prov = cal_provhits(cl->cal) != h;
	*dl = (int64_t)d * 86400 + 86399;
	return CL_OK;
}

int
caselog_init(struct caselog *cl, const policy *pol, const char **why)
{
	const char *w;

	memset(cl, 0, sizeof *cl);
	if (policy_int(pol, "route", "immediate_hours", &cl->immediate_hours,
	    &w) < 0 ||
	    policy_int(pol, "track", "due_soon_days", &cl->due_soon, &w) < 0)
		return fail(cl, -1, NULL, NULL, why, "%s", w);
	if (cl->due_soon < 0 || cl->due_soon > 366)
		return fail(cl, -1, NULL, NULL, why,
		    "policy '%s': track.due_soon_days must be 0 to 366",
		    policy_name(pol));
	return 0;
}

void
caselog_free(struct caselog *cl)
{
	sbuf_free(&cl->why);
}

int
caselog_time(const char *s, size_t n, int64_t *t)
{
	if (datetime_parse(s, n, t) < 0)
		return -1;
	if (!memchr(s, ':', n))
		*t += 86399;
	return 0;
}

void
caselog_fmt_time(int64_t t, char out[20])
{
	if (t < 0)
		out[0] = '\0';
	else
		datetime_fmt(t, out);
}

int
caselog_step(const char *s, size_t n)
{
	int i;

	for (i = CL_REPORTED; i <= CL_EXTENDED; i++)
		if (strlen(caselog_stepname[i]) == n &&
		    memcmp(caselog_stepname[i], s, n) == 0)
			return i;
	return -1;
}

/* ---- orders ---- */

int
caselog_order(struct caselog *cl, const struct caselog_orderin *in,
    struct caselog_order *o, const char **col, const char **why)
{
	const char *s;
	size_t n;
	char *end;
	int prov;

	memset(o, 0, sizeof *o);
	s = in->deadline.s;
	if (caselog_time(s, in->deadline.n, &o->deadline) < 0)
		return fail(cl, CL_REJECT, "deadline", col, why,
		    "unparseable time '%s'", s);
	o->assigned = -1;
	s = in->assigned_at.s;
	if (in->assigned_at.n > 0 &&
	    datetime_parse(s, in->assigned_at.n, &o->assigned) < 0)
		return fail(cl, CL_REJECT, "assigned_at", col, why,
		    "unparseable time '%s'", s);
	s = in->limit.s;
	n = in->limit.n;
	o->days = o->hours = -1;
	if (n > 1 && s[n - 1] == 'h' && gw_alldigits(s, n - 1))
		o->hours = (int32_t)strtol(s, &end, 10);
	else if (n == 9 && memcmp(s, "immediate", 9) == 0)
		o->hours = (int32_t)cl->immediate_hours;
	else if (gw_alldigits(s, n) && n <= 3)
		o->days = (int32_t)strtol(s, &end, 10);
	else
		return fail(cl, CL_REJECT, "limit", col, why,
		    "limit '%s' is neither working days (5) nor hours (24h)",
		    s);
	s = in->provisional.s;
	n = in->provisional.n;
	if (n > 1 || (n == 1 && *s != '0' && *s != '1'))
		return fail(cl, CL_REJECT, "provisional", col, why,
		    "provisional must be 0 or 1, not '%.*s'", (int)n, s);
	/* a provisional deadline is worked out again on today's calendar,
	   which may have the notice by now */
	if (n == 1 && *s == '1') {
		o->prov = 1;
		if (o->days >= 0 && o->assigned >= 0) {
			if (add_days(cl, o->assigned, o->days, &o->deadline,
			    &prov, why) < 0)
				return CL_FATAL;
			o->prov = (unsigned char)prov;
		}
	}
	if (in->case_id.n == 0)
		return fail(cl, CL_REJECT, "case_id", col, why,
		    "empty case_id");
	return CL_OK;
}

int
caselog_ordered(const struct caselog *cl, const struct caselog_order *o,
    const char *ev, struct caselog_case *c)
{
	if (o->assigned >= 0 && o->assigned > cl->asof)
		return 0;
	caselog_case_init(c, ev);
	c->state = CL_ORDERED;
	c->assigned = o->assigned;
	c->deadline = o->deadline;
	c->prov = o->prov;
	return 1;
}

/* ---- the log ---- */

void
caselog_case_init(struct caselog_case *c, const char *ev)
{
	memset(c, 0, sizeof *c);
	c->ev = ev;
	c->sat = -1;
	c->reported = c->assigned = c->deadline = c->last = c->closed = -1;
}

int
caselog_read(struct caselog *cl, struct caselog_row *r, const char **col,
    const char **why)
{
	const char *s;
	size_t n;

	if (r->case_id.n == 0)
		return fail(cl, CL_REJECT, "case_id", col, why,
		    "empty case_id");
	s = r->step.s;
	if ((r->st = caselog_step(s, r->step.n)) < 0)
		return fail(cl, CL_REJECT, "step", col, why,
		    "unknown step '%s' (reported, filed, assigned, handled, "
		    "answered, closed, returned, extended)", s);
	s = r->at.s;
	if (datetime_parse(s, r->at.n, &r->t) < 0)
		return fail(cl, CL_REJECT, "at", col, why,
		    "unparseable time '%s'", s);
	s = r->satisfied.s;
	n = r->satisfied.n;
	r->sat = -1;
	if (n == 1 && (*s == '0' || *s == '1'))
		r->sat = *s - '0';
	else if (n > 0)
		return fail(cl, CL_REJECT, "satisfied", col, why,
		    "satisfied must be 1, 0 or empty, not '%s'", s);
	if (r->t > cl->asof)
		return CL_LATER;
	return CL_OK;
}

/* The reason for a step the state does not allow. */
static int
out_of_order(struct caselog *cl, int state, int step, const char **col,
    const char **why)
{
	int i, n = 0, k = 0;

	if (state == CL_NONE)
		return fail(cl, CL_REJECT, "step", col, why,
		    "step '%s' before the case was reported",
		    caselog_stepname[step]);
	fail(cl, CL_REJECT, "step", col, why,
	    "step '%s' out of order: the case is at '%s' (expects ",
	    caselog_stepname[step], caselog_stepname[state]);
	for (i = 0; i < CL_NSTEP; i++)
		n += (allowed[state] >> i) & 1;
	for (i = 0; i < CL_NSTEP; i++) {
		if (!((allowed[state] >> i) & 1))
			continue;
		if (k > 0)
			sbuf_adds(&cl->why, k == n - 1 ? " or " : ", ");
		sbuf_adds(&cl->why, caselog_stepname[i]);
		k++;
	}
	sbuf_addc(&cl->why, ')');
	*why = cl->why.s;
	return CL_REJECT;
}

int
caselog_apply(struct caselog *cl, struct caselog_case *c,
    const struct caselog_order *o, const struct caselog_row *r,
    const char **col, const char **why)
{
	char a[20], b[20];
	const char *s;
	size_t n;
	int64_t dl;
	int step = r->st, prov = 0;

	if (c->state == CL_CLOSED)
		return fail(cl, CL_REJECT, "step", col, why,
		    "step '%s' after the case was closed",
		    caselog_stepname[step]);
	if (!(allowed[c->state] & B(step)))
		return out_of_order(cl, c->state, step, col, why);
	if (r->event_id.n > 0 && *c->ev &&
	    (strlen(c->ev) != r->event_id.n ||
	    memcmp(c->ev, r->event_id.s, r->event_id.n) != 0))
		return fail(cl, CL_REJECT, "event_id", col, why,
		    "event_id '%s' differs from the case's '%s'",
		    r->event_id.s, c->ev);
	if (c->state != CL_NONE && r->t < c->last) {
		caselog_fmt_time(r->t, a);
		caselog_fmt_time(c->last, b);
		return fail(cl, CL_REJECT, "at", col, why,
		    "time goes backwards: %s is before the case's previous "
		    "step at %s", a, b);
	}
	dl = -1;
	s = r->deadline.s;
	n = r->deadline.n;
	if (step == CL_EXTENDED && n == 0)
		return fail(cl, CL_REJECT, "deadline", col, why,
		    "extension without a date");
	if ((step == CL_EXTENDED || step == CL_ASSIGNED) && n > 0 &&
	    caselog_time(s, n, &dl) < 0)
		return fail(cl, CL_REJECT, "deadline", col, why,
		    "unparseable time '%s'", s);
	if (step == CL_EXTENDED && c->deadline >= 0 && dl <= c->deadline) {
		caselog_fmt_time(dl, a);
		caselog_fmt_time(c->deadline, b);
		return fail(cl, CL_REJECT, "deadline", col, why,
		    "extension to %s is not later than the deadline %s", a, b);
	}
	/* the deadline of an assignment that gives none: the order's */
	if (step == CL_ASSIGNED && dl < 0 && o) {
		if (c->nassign == 0) {
			dl = o->deadline;
			prov = o->prov;
		} else if (o->hours >= 0)
			dl = r->t + (int64_t)o->hours * 3600;
		else if (add_days(cl, r->t, o->days, &dl, &prov, why) < 0)
			return CL_FATAL;
	}

	c->last = r->t;
	if (r->sat >= 0)
		c->sat = r->sat;
	switch (step) {
	case CL_REPORTED:
		c->reported = r->t;
		break;
	case CL_ASSIGNED:
		c->assigned = r->t;
		c->prov = prov;
		c->deadline = dl;
		c->nassign++;
		break;
	case CL_EXTENDED:
		c->deadline = dl;
		c->prov = 0;
		return CL_OK;	/* the state stays */
	case CL_CLOSED:
		c->closed = r->t;
		break;
	}
	c->state = step;
	return CL_OK;
}

/* ---- figures ---- */

int
caselog_figures(struct caselog *cl, const struct caselog_case *c,
    struct caselog_figures *f, const char **why)
{
	const char *w;
	long a, d;

	memset(f, 0, sizeof *f);
	f->closed = c->state == CL_CLOSED;
	f->days = -1;
	f->on_time = -1;
	if (f->closed && c->assigned >= 0) {
		a = dayof(c->assigned);
		d = dayof(c->closed);
		f->days = 0;
		if (d > a && (f->days = cal_count(cl->cal, a + 1, d, &w)) < 0)
			return fail(cl, CL_FATAL, NULL, NULL, why,
			    "calendar: %s", w);
	}
	if (f->closed) {
		f->overdue = c->deadline >= 0 && c->closed > c->deadline;
		if (c->deadline >= 0)
			f->on_time = !f->overdue;
	} else
		f->overdue = c->deadline >= 0 && cl->asof > c->deadline;
	return CL_OK;
}

void
caselog_tally(const struct caselog *cl, struct caselog_group *g,
    const struct caselog_case *c, const struct caselog_figures *f)
{
	g->cases++;
	if (f->closed) {
		g->closed++;
		if (f->days >= 0) {
			g->days_sum += f->days;
			g->days_n++;
		}
		if (c->sat >= 0) {
			g->satn++;
			g->sat1 += c->sat;
		}
	} else if (f->overdue)
		g->overdue_open++;
	if (c->deadline >= 0 && c->deadline <= cl->asof) {
		g->due++;
		if (f->closed) {
			g->closed_due++;
			if (!f->overdue)
				g->on_time++;
		}
	}
}

/* gridwork-rules(7), ASSESSMENT: a rate over no cases is 1 */
static double
rate(long num, long den)
{
	return den == 0 ? 1.0 : (double)num / (double)den;
}

void
caselog_rates(const struct caselog_group *g, struct caselog_rates *r)
{
	r->disposal = rate(g->closed_due, g->due);
	r->on_time = rate(g->on_time, g->due);
	r->satisfaction = rate(g->sat1, g->satn);
	r->mean_days = g->days_n ?
	    (double)g->days_sum / (double)g->days_n : -1.0;
}

int
caselog_due(struct caselog *cl, const struct caselog_case *c,
    const char **why)
{
	const char *w;
	long lim;

	if (c->deadline < 0)
		return 0;
	/* past the deadline, or due by the end of the due_soon-th working
	   day after as-of's day */
	if (cal_addworking(cl->cal, dayof(cl->asof), (int)cl->due_soon, &lim,
	    &w) < 0)
		return fail(cl, CL_FATAL, NULL, NULL, why, "calendar: %s", w);
	return c->deadline <= (int64_t)lim * 86400 + 86399;
}

int
caselog_days_late(struct caselog *cl, const struct caselog_case *c,
    long *days, const char **why)
{
	const char *w;
	long d = dayof(c->deadline), a = dayof(cl->asof);

	*days = 0;
	if (d < a && (*days = cal_count(cl->cal, d + 1, a, &w)) < 0)
		return fail(cl, CL_FATAL, NULL, NULL, why, "calendar: %s", w);
	return CL_OK;
}

/* ---- the book of open cases ---- */

#define CLOSED UINT64_MAX	/* map value of a closed case */

void
caselog_book_init(struct caselog_book *b)
{
	memset(b, 0, sizeof *b);
	b->map = u64map_new(1024);
}

void
caselog_book_free(struct caselog_book *b)
{
	struct caselog_open *k;

	for (k = caselog_book_first(b); k; k = caselog_book_next(b, k))
		free(k->id);
	free(b->k);
	u64map_free(b->map);
	memset(b, 0, sizeof *b);
}

int
caselog_book_find(struct caselog_book *b, uint64_t key, const char *id,
    size_t idn, struct caselog_open **kp)
{
	struct caselog_open *k;
	uint64_t v;

	*kp = NULL;
	if (!u64map_get(b->map, key, &v))
		return CLB_NONE;
	if (v == CLOSED)
		return CLB_CLOSED;
	*kp = k = &b->k[v - 1];
	if (k->idn != idn || memcmp(k->id, id, idn) != 0)
		return CLB_CLASH;
	return CLB_OPEN;
}

struct caselog_open *
caselog_book_add(struct caselog_book *b, uint64_t key, const char *id,
    size_t idn, const char *ev, size_t evn)
{
	struct caselog_open *k;
	uint32_t i;
	char *p;

	if (b->freek) {
		i = b->freek - 1;
		b->freek = b->k[i].next;
	} else {
		if (b->nk == b->capk) {
			b->capk = b->capk ? b->capk * 2 : 1024;
			b->k = xreallocarray(b->k, b->capk, sizeof *b->k);
		}
		i = (uint32_t)b->nk++;
	}
	k = &b->k[i];
	memset(k, 0, sizeof *k);
	k->id = p = xmalloc(idn + evn + 2);
	memcpy(p, id, idn);
	p[idn] = '\0';
	memcpy(p + idn + 1, ev, evn);
	p[idn + 1 + evn] = '\0';
	caselog_case_init(&k->c, p + idn + 1);
	k->idn = idn;
	k->key = key;
	k->prev = b->tail;
	if (b->tail)
		b->k[b->tail - 1].next = i + 1;
	else
		b->head = i + 1;
	b->tail = i + 1;
	u64map_put(b->map, key, (uint64_t)i + 1);
	return k;
}

void
caselog_book_close(struct caselog_book *b, struct caselog_open *k)
{
	uint32_t i = (uint32_t)(k - b->k);

	if (k->prev)
		b->k[k->prev - 1].next = k->next;
	else
		b->head = k->next;
	if (k->next)
		b->k[k->next - 1].prev = k->prev;
	else
		b->tail = k->prev;
	u64map_put(b->map, k->key, CLOSED);
	free(k->id);
	k->id = NULL;
	k->c.ev = NULL;
	k->next = b->freek;
	b->freek = i + 1;
}

struct caselog_open *
caselog_book_first(const struct caselog_book *b)
{
	return b->head ? &b->k[b->head - 1] : NULL;
}

struct caselog_open *
caselog_book_next(const struct caselog_book *b, const struct caselog_open *k)
{
	return k->next ? &b->k[k->next - 1] : NULL;
}
