/*
 * case-route — dispatch orders for the events that need one (吹哨派单,
 * gridwork-rules(7), CASES).
 *
 * Contract: every event row read is either rejected (said as
 * FILE:LINE: column 'x': reason and kept in the -r file), settled on the
 * spot (no order; counted), or routed: one order
 * case_id,event_id,grid_code,category,urgency,level,department,
 * assigned_at,deadline,limit,provisional, in input order.  Nothing of the routing is
 * a constant here: department, level and limit come from the [route]
 * section of the policy, the most specific code first (dept.0703, then
 * dept.07, then default_dept; each key on its own), category names and
 * urgencies from its [event] section, working days from
 * share/calendar/.
 *
 * Decisions (case-route(1)):
 * - case_id is "C" followed by the event_id with one leading "E"
 *   dropped (E1408...0001 -> C1408...0001, 7 -> C7): routing the same
 *   event again gives the same case_id, and gw-synth's logs use the
 *   same rule.  Two events that would share a case_id in one run (a
 *   repeated event, or "E7" beside "7") are rejected after the first;
 *   the run's case_ids are kept as 64-bit fingerprints (idset.c), so
 *   two different ones pass for the same with a chance of about
 *   n*n/2^65 over n events.
 * - An empty or unknown category is rejected: an event nobody has
 *   classified goes back to the centre (classify it by hand or with
 *   event-report --classify, then route it again; its case_id will be
 *   the same), rather than to a default department by guess.
 * - Tasks (the categories of route.tasks, 13 by default) are checked
 *   against the matter lists when the input has a matter column; a file
 *   without one routes its tasks unchecked and says so once.
 * - A deadline of "immediate" is assigned_at + immediate_hours clock
 *   hours; N working days end at 23:59:59 of the N-th working day after
 *   the assignment day.  A deadline computed over a year that has no
 *   holiday notice yet (a provisional year of the calendar) has
 *   provisional 1 and the run says so once a year on stderr, never
 *   fatally; a year with no calendar at all is fatal (exit 2).
 *
 * Orders are written to a temporary file and copied to stdout at the
 * end, so that a fatal error (a calendar year missing) leaves stdout
 * empty: nothing half-written.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: case-route [-p policy] [--at datetime] [-E enc] [-i csv|tsv]\n"
    "                  [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                  [events ...]\n";

/* Input columns; the first four are required. */
enum icol { I_ID, I_GRID, I_REP, I_CAT, I_URG, I_SETTLED, I_MATTER,
	I_APPROVED, NICOL };
#define NIREQ 4
static const char *const icolname[NICOL] = {
	"event_id", "grid_code", "reported_at", "category", "urgency",
	"settled", "matter", "approved_by"
};

static const char *const ocolname[] = {
	"case_id", "event_id", "grid_code", "category", "urgency", "level",
	"department", "assigned_at", "deadline", "limit", "provisional"
};
#define NOCOL (sizeof ocolname / sizeof ocolname[0])

static struct {
	policy *pol;
	calendar *cal;
	struct cattab cats;	/* categories with their routes */
	char **prohib;		/* route.prohibited */
	size_t nprohib;
	char **admit;		/* route.admission */
	size_t nadmit;
	int64_t at;		/* --at, or -1: each event's reported_at */
	int col[NICOL];		/* columns of the current file */
	struct gw_run run;
	idset *cases;		/* case_ids given in this run */
	csvw *out;
	struct sbuf cid;
	long norders, nsettled, nunchecked;
} S;

/* ---- policy ---- */

static void
load_policy(const char *name)
{
	const char *why;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	if (cat_load(&S.cats, S.pol, CATF_ROUTE, &why) < 0)
		die("%s", why);
	S.prohib = gw_split(policy_get(S.pol, "route", "prohibited"),
	    &S.nprohib);
	S.admit = gw_split(policy_get(S.pol, "route", "admission"),
	    &S.nadmit);
}

/* ---- events ---- */

/* s[0..n) without blanks around, into b. */
static const char *
trimmed(struct sbuf *b, const char *s, size_t n)
{
	s = gw_trim(s, &n);
	sbuf_reset(b);
	sbuf_add(b, s, n);
	return b->s;
}

static int
ev_hdr(csvr *r, void *arg)
{

	(void)arg;
	/* an empty file: no columns, no rows, nothing to look for */
	if (csvr_ncols(r) == 0)
		return 0;
	if (gw_bind(r, csvr_name(r), icolname, NICOL, NIREQ, S.col, NULL) < 0)
		return -1;
	return 0;
}

/* The deadline of an assignment at t under category c; *prov = 1 when
   it was computed over a provisional year of the calendar. */
static int64_t
deadline(const struct cat *c, int64_t t, int *prov)
{
	const char *why;
	unsigned long h = cal_provhits(S.cal);
	long day;

	*prov = 0;
	if (c->immediate)
		return t + (int64_t)S.cats.hours * 3600;
	if (cal_addworking(S.cal, (long)(t / 86400), (int)c->days, &day,
	    &why) < 0)
		die("calendar: %s", why);
	*prov = cal_provhits(S.cal) != h;
	return (int64_t)day * 86400 + 86399;
}

/* A task's matter against the lists: NULL when it may be routed, else
   the reason it may not. */
static const char *
matter_check(const char *matter, const char *approved)
{
	static struct sbuf why;
	size_t i;

	for (i = 0; i < S.nprohib; i++)
		if (*matter && strstr(matter, S.prohib[i])) {
			sbuf_reset(&why);
			sbuf_addf(&why, "prohibited matter: %s", S.prohib[i]);
			return why.s;
		}
	if (cat_inlist(S.admit, S.nadmit, matter) || *approved)
		return NULL;
	sbuf_reset(&why);
	if (!*matter)
		sbuf_adds(&why, "task without a matter: needs a matter on the "
		    "admission list or an approval (approved_by)");
	else
		sbuf_addf(&why, "matter '%s' is not on the admission list and "
		    "has no approval (approved_by)", matter);
	return why.s;
}

static int
ev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	static struct sbuf matter, approved, flag;
	const char *file = csvr_name(r), *s, *why, *urg, *settled;
	char at[20], dl[20], lim[24];
	size_t n;
	int64_t t, d;
	const struct cat *c;
	int prov, k;

	(void)arg;
	if (ev_check(&S.run, file, rec, S.col, &t))
		return 1;
	s = gw_field(rec, S.col[I_ID], &n);
	sbuf_reset(&S.cid);
	sbuf_addc(&S.cid, 'C');
	sbuf_add(&S.cid, s[0] == 'E' ? s + 1 : s, s[0] == 'E' ? n - 1 : n);
	if (S.at >= 0)
		t = S.at;
	s = gw_field(rec, S.col[I_CAT], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "category", rec,
		    "empty category: classify the event (event-report "
		    "--classify, or by hand) and route it again");
		return 1;
	}
	if (!(k = cat_find(&S.cats, s, n))) {
		gw_reject(&S.run, file, rec->line, "category", rec,
		    "unknown category '%s' (not a cat.CODE of policy '%s')", s,
		    policy_name(S.pol));
		return 1;
	}
	c = &S.cats.cat[k];
	s = gw_field(rec, S.col[I_SETTLED], &n);
	settled = trimmed(&flag, s, n);
	if (*settled && strcmp(settled, "0") != 0 &&
	    strcmp(settled, "1") != 0) {
		gw_reject(&S.run, file, rec->line, "settled", rec,
		    "settled must be 0 or 1, not '%s'", settled);
		return 1;
	}
	if (c->task && S.col[I_MATTER] >= 0) {
		s = gw_field(rec, S.col[I_MATTER], &n);
		trimmed(&matter, s, n);
		s = gw_field(rec, S.col[I_APPROVED], &n);
		trimmed(&approved, s, n);
		if ((why = matter_check(matter.s, approved.s))) {
			gw_reject(&S.run, file, rec->line, "matter", rec, "%s",
			    why);
			return 1;
		}
	}
	/* the case_id is checked last: a rejected row takes none */
	if (!idset_add(S.cases, S.cid.s, S.cid.len)) {
		s = gw_field(rec, S.col[I_ID], &n);
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "event '%s' gives case_id '%s', already routed in this run",
		    s, S.cid.s);
		return 1;
	}
	if (c->never || strcmp(settled, "1") == 0) {
		S.nsettled++;
		return 0;
	}
	if (c->task && S.col[I_MATTER] < 0)
		S.nunchecked++;
	urg = cat_urgency(&S.cats, k);
	s = gw_field(rec, S.col[I_URG], &n);
	if (n > 0)
		urg = trimmed(&approved, s, n);
	d = deadline(c, t, &prov);
	datetime_fmt(t, at);
	datetime_fmt(d, dl);
	if (c->immediate)
		snprintf(lim, sizeof lim, "%ldh", S.cats.hours);
	else
		snprintf(lim, sizeof lim, "%ld", c->days);
	csvw_field(S.out, S.cid.s, S.cid.len);
	s = gw_field(rec, S.col[I_ID], &n);
	csvw_field(S.out, s, n);
	s = gw_field(rec, S.col[I_GRID], &n);
	csvw_field(S.out, s, n);
	csvw_field(S.out, c->code, (size_t)-1);
	csvw_field(S.out, urg, (size_t)-1);
	csvw_field(S.out, c->level, (size_t)-1);
	csvw_field(S.out, c->dept, (size_t)-1);
	csvw_field(S.out, at, (size_t)-1);
	csvw_field(S.out, dl, (size_t)-1);
	csvw_field(S.out, lim, (size_t)-1);
	csvw_field(S.out, prov ? "1" : "0", 1);
	csvw_endrec(S.out);
	S.norders++;
	return 0;
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_AT, GW_LO_INPUT, GW_LO_HELP,
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	struct csvr_opt ro;
	int status;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	/* no option of its own */
	if (gw_getopt(argc, argv, "E:hi:o:p:r:", lopts, &o, usage_text) != -1)
		gw_usage(usage_text);
	argc -= optind;
	argv += optind;

	S.at = -1;
	if (o.at && datetime_parse(o.at, strlen(o.at), &S.at) < 0)
		die("--at '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.at);
	load_policy(o.policy);
	S.cal = cal_open(NULL);
	S.cases = idset_new();
	S.run.rejects_path = o.rejects;
	ro = gw_inopt(&o);

	tmp = gw_spool();
	S.out = gw_out(&o, tmp);
	csvw_header(S.out, ocolname, NOCOL);
	if (gw_loop(&S.run, argc, argv, &ro, ev_hdr, ev_rec, NULL) < 0)
		gw_exit(GW_FATAL);
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	cal_warnprov(S.cal, "deadlines");
	if (S.nunchecked > 0)
		warn("no matter column: %ld tasks routed without the matter "
		    "lists checked", S.nunchecked);
	status = gw_end(&S.run, NULL);
	/* the command's own count, last */
	warn("%ld orders, %ld settled on the spot, %ld rejected, of %ld "
	    "events", S.norders, S.nsettled, S.run.nrej, S.run.nread);
	gw_exit(status);
}
