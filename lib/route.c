/*
 * route.c — the dispatch order of an event (吹哨派单, gridwork-rules(7),
 * CASES): the rules case-route(1) applies to each event row, and
 * gw-month(1)'s route stage with it, so that both give the same orders
 * from the same events.
 *
 * Nothing of the routing is a constant here: department, level and
 * limit come from the [route] section of the policy, the most specific
 * code first (dept.0703, then dept.07, then default_dept; each key on
 * its own), category names and urgencies from its [event] section,
 * working days from the calendar.  Decisions (case-route(1)):
 * - case_id is "C" followed by the event_id with one leading "E"
 *   dropped (E1408...0001 -> C1408...0001, 7 -> C7): routing the same
 *   event again gives the same case_id, and gw-synth's logs use the
 *   same rule.  Two events that would share a case_id in one run are
 *   rejected after the first; the run's case_ids are kept as 64-bit
 *   fingerprints (idset.c), so two different ones pass for the same
 *   with a chance of about n*n/2^65 over n events.
 * - An empty or unknown category is rejected: an event nobody has
 *   classified goes back to the centre rather than to a default
 *   department by guess.
 * - Tasks (the categories of route.tasks) are checked against the
 *   matter lists when the input has a matter column; an input without
 *   one routes its tasks unchecked (counted in nunchecked).
 * - A deadline of "immediate" is assigned_at + immediate_hours clock
 *   hours; N working days end at 23:59:59 of the N-th working day after
 *   the assignment day.  A year of the calendar without holiday notice
 *   marks the order provisional; a year with no calendar at all is a
 *   fault (-1 from route_rec, the reason in r->why).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

const char *const route_icols[RT_NICOL] = {
	"event_id", "grid_code", "reported_at", "category", "urgency",
	"settled", "matter", "approved_by"
};

const char *const route_ocols[RT_NOCOL] = {
	"case_id", "event_id", "grid_code", "category", "urgency", "level",
	"department", "assigned_at", "deadline", "limit", "provisional"
};

int
route_init(struct router *r, const policy *pol, calendar *cal,
    struct gw_run *run, const char **why)
{
	memset(r, 0, sizeof *r);
	r->pol = pol;
	r->cal = cal;
	r->run = run;
	r->at = -1;
	r->first = r->last = -1;
	if (cat_load(&r->cats, pol, CATF_ROUTE, why) < 0)
		return -1;
	r->prohib = gw_split(policy_get(pol, "route", "prohibited"),
	    &r->nprohib);
	r->admit = gw_split(policy_get(pol, "route", "admission"),
	    &r->nadmit);
	r->cases = idset_new();
	return 0;
}

void
route_free(struct router *r)
{
	cat_free(&r->cats);
	idset_free(r->cases);
	sbuf_free(&r->cid);
	sbuf_free(&r->tmp);
	sbuf_free(&r->matter);
	sbuf_free(&r->approved);
	sbuf_free(&r->flag);
	sbuf_free(&r->urg);
	gw_split_free(r->prohib, r->nprohib);
	gw_split_free(r->admit, r->nadmit);
}

/* s[0..n) without blanks around, into b. */
static const char *
trimmed(struct sbuf *b, const char *s, size_t n)
{
	s = gw_trim(s, &n);
	sbuf_reset(b);
	sbuf_add(b, s, n);
	return b->s;
}

int
route_hdr(csvr *rd, void *arg)
{
	struct router *r = arg;

	/* an empty file: no columns, no rows, nothing to look for */
	if (csvr_ncols(rd) == 0)
		return 0;
	if (gw_bind(rd, csvr_name(rd), route_icols, RT_NICOL, RT_NIREQ,
	    r->col, NULL) < 0)
		return -1;
	return 0;
}

/* The deadline of an assignment at t under category c; *prov = 1 when
   it was computed over a provisional year of the calendar. */
static int
deadline(struct router *r, const struct cat *c, int64_t t, int64_t *d,
    int *prov)
{
	const char *why;
	unsigned long h = cal_provhits(r->cal);
	long day;

	*prov = 0;
	if (c->immediate) {
		*d = t + (int64_t)r->cats.hours * 3600;
		return 0;
	}
	if (cal_addworking(r->cal, (long)(t / 86400), (int)c->days, &day,
	    &why) < 0) {
		snprintf(r->why, sizeof r->why, "calendar: %s", why);
		return -1;
	}
	*prov = cal_provhits(r->cal) != h;
	*d = (int64_t)day * 86400 + 86399;
	return 0;
}

/* A task's matter against the lists: NULL when it may be routed, else
   the reason it may not. */
static const char *
matter_check(struct router *r, const char *matter, const char *approved)
{
	size_t i;

	for (i = 0; i < r->nprohib; i++)
		if (*matter && strstr(matter, r->prohib[i])) {
			sbuf_reset(&r->tmp);
			sbuf_addf(&r->tmp, "prohibited matter: %s",
			    r->prohib[i]);
			return r->tmp.s;
		}
	if (cat_inlist(r->admit, r->nadmit, matter) || *approved)
		return NULL;
	sbuf_reset(&r->tmp);
	if (!*matter)
		sbuf_adds(&r->tmp, "task without a matter: needs a matter on "
		    "the admission list or an approval (approved_by)");
	else
		sbuf_addf(&r->tmp, "matter '%s' is not on the admission list "
		    "and has no approval (approved_by)", matter);
	return r->tmp.s;
}

int
route_rec(csvr *rd, struct gw_rec *rec, void *arg)
{
	struct router *r = arg;
	const char *file = csvr_name(rd), *s, *why, *urg, *settled;
	const char *v[RT_NOCOL];
	size_t n, i;
	int64_t t, d;
	const struct cat *c;
	int prov, k;

	if (ev_check(r->run, file, rec, r->col, &t))
		return 1;
	if (r->first >= 0 && (t / 86400 < r->first || t / 86400 > r->last)) {
		r->noutside++;	/* another month's: read, not routed */
		return 0;
	}
	s = gw_field(rec, r->col[RT_ID], &n);
	sbuf_reset(&r->cid);
	sbuf_addc(&r->cid, 'C');
	sbuf_add(&r->cid, s[0] == 'E' ? s + 1 : s, s[0] == 'E' ? n - 1 : n);
	if (r->at >= 0)
		t = r->at;
	s = gw_field(rec, r->col[RT_CAT], &n);
	if (n == 0) {
		gw_reject(r->run, file, rec->line, "category", rec,
		    "empty category: classify the event (event-report "
		    "--classify, or by hand) and route it again");
		return 1;
	}
	if (!(k = cat_find(&r->cats, s, n))) {
		gw_reject(r->run, file, rec->line, "category", rec,
		    "unknown category '%s' (not a cat.CODE of policy '%s')", s,
		    policy_name(r->pol));
		return 1;
	}
	c = &r->cats.cat[k];
	s = gw_field(rec, r->col[RT_SETTLED], &n);
	settled = trimmed(&r->flag, s, n);
	if (*settled && strcmp(settled, "0") != 0 &&
	    strcmp(settled, "1") != 0) {
		gw_reject(r->run, file, rec->line, "settled", rec,
		    "settled must be 0 or 1, not '%s'", settled);
		return 1;
	}
	if (c->task && r->col[RT_MATTER] >= 0) {
		s = gw_field(rec, r->col[RT_MATTER], &n);
		trimmed(&r->matter, s, n);
		s = gw_field(rec, r->col[RT_APPROVED], &n);
		trimmed(&r->approved, s, n);
		if ((why = matter_check(r, r->matter.s, r->approved.s))) {
			gw_reject(r->run, file, rec->line, "matter", rec, "%s",
			    why);
			return 1;
		}
	}
	/* the case_id is checked last: a rejected row takes none (nor,
	   from the store, a settled one, so that memory goes with the
	   orders, not the events) */
	if (r->keyed && (c->never || strcmp(settled, "1") == 0)) {
		r->nsettled++;
		return 0;
	}
	if (!idset_add(r->cases, r->cid.s, r->cid.len)) {
		s = gw_field(rec, r->col[RT_ID], &n);
		gw_reject(r->run, file, rec->line, "event_id", rec,
		    "event '%s' gives case_id '%s', already routed in this run",
		    s, r->cid.s);
		return 1;
	}
	if (c->never || strcmp(settled, "1") == 0) {
		r->nsettled++;
		return 0;
	}
	if (c->task && r->col[RT_MATTER] < 0)
		r->nunchecked++;
	urg = cat_urgency(&r->cats, k);
	s = gw_field(rec, r->col[RT_URG], &n);
	if (n > 0)
		urg = trimmed(&r->urg, s, n);
	if (deadline(r, c, t, &d, &prov) < 0)
		return -1;
	datetime_fmt(t, r->at_s);
	datetime_fmt(d, r->dl_s);
	if (c->immediate)
		snprintf(r->lim_s, sizeof r->lim_s, "%ldh", r->cats.hours);
	else
		snprintf(r->lim_s, sizeof r->lim_s, "%ld", c->days);
	/* the fields, NUL-terminated each, for the writer and the hook */
	sbuf_reset(&r->tmp);
	s = gw_field(rec, r->col[RT_ID], &n);
	sbuf_add(&r->tmp, s, n);
	sbuf_addc(&r->tmp, '\0');
	i = r->tmp.len;
	s = gw_field(rec, r->col[RT_GRID], &n);
	sbuf_add(&r->tmp, s, n);
	v[0] = r->cid.s;
	v[1] = r->tmp.s;
	v[2] = r->tmp.s + i;
	v[3] = c->code;
	v[4] = urg;
	v[5] = c->level;
	v[6] = c->dept;
	v[7] = r->at_s;
	v[8] = r->dl_s;
	v[9] = r->lim_s;
	v[10] = prov ? "1" : "0";
	if (r->out) {
		for (i = 0; i < RT_NOCOL; i++)
			csvw_field(r->out, v[i], (size_t)-1);
		csvw_endrec(r->out);
	}
	r->norders++;
	if (r->order && r->order(r->arg, v) < 0)
		return -1;
	return 0;
}
