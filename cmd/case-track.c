/*
 * case-track — replay the append-only case log against the dispatch
 * orders and say where every case stands (gridwork-rules(7), CASES and ASSESSMENT; gridwork-store(5)).
 *
 * Contract: every log row read is rejected (FILE:LINE: column 'x':
 * reason, and the -r file), applied to its case, or, when its time is
 * after --as-of, accepted and not applied (the replay stops at --as-of).
 * A rejected row changes nothing: the rest of its case is replayed and
 * reported with the state it validly reached.  Orders (--orders, the
 * output of case-route) give each case its grid_code, category, first
 * deadline and limit; rows of orders are checked the same way.
 *
 * The six steps go reported -> filed -> assigned -> handled -> answered
 * -> closed; "returned" follows assigned and must be followed by a new
 * assigned, whose deadline restarts from its own time with the order's
 * limit; "extended" (after assigned, before closed) sets the deadline in
 * its row.  Anything else is rejected: a step before its predecessor, a
 * step after closed, a time before the case's previous step, a case the
 * orders lack (with --orders), an extension without a date.
 *
 * Deadline of an assignment: the assigned row's deadline column when
 * filled; else, with an order, the order's deadline for the first
 * assignment and the order's limit from the re-assignment's time after
 * a return; else none (on_time empty, never overdue).  A bare date as
 * a deadline or --as-of is the end of that day, 23:59:59.  working_days
 * of a closed case: working days after the day of its last assignment,
 * up to and including the day it closed (closing on the 3rd working day
 * after assignment is 3; the same day is 0).
 *
 * Provisional deadlines: provisional is 1 when the row's deadline was
 * computed over a year with no holiday notice yet (a provisional year
 * of the calendar), by this replay or, through the orders' provisional
 * column, by case-route.  An order marked provisional with assigned_at
 * and a limit in working days has its deadline worked out again on the
 * calendar of this run, so that once the notice is added a replay gives
 * the exact deadline and provisional 0.  A deadline given in the log
 * (assigned, extended) is never provisional.  Provisional years used
 * are said once each on stderr; only a year with no calendar is fatal.
 *
 * Output order and memory: a case is written when it closes, in the
 * order the closing rows come; the cases still open at the end follow
 * in the order they first appeared; then, with --orders, orders with
 * no log row at all, in the orders' order, in state "ordered".  Only
 * open cases are held whole.  With --orders a case is found through its
 * order (exactly, by case_id) and a closed case is a flag on the order,
 * so that memory is the orders (held whole) and the open cases, not the
 * log's length, for a log in time order.  Without orders a case is
 * found by a 64-bit fingerprint of its case_id (hash_bytes) and a closed
 * case keeps its hash slot (16 to 64 bytes) so that a later row for it
 * is known to come after closed; two case_ids whose fingerprints
 * collide, a chance of about n*n/2^65, stop the run (exit 2), or, among
 * closed cases, would be taken as one.
 *
 * Output goes to a temporary file copied to stdout at the end: a fatal
 * error (a calendar year missing) leaves stdout empty.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: case-track --as-of datetime [--orders orders] [-p policy]\n"
    "                  [--summary [--by grid|village|township|county|department]\n"
    "                  | --overdue] [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                  [-r rejects] [--zh] [--excel] [case_log ...]\n";

enum { OPT_ORDERS = OPT_CMD, OPT_SUMMARY, OPT_BY, OPT_OVERDUE };
enum mode { M_STATUS, M_SUMMARY, M_OVERDUE };

/* Steps; the states a case can be in are the same names. */
enum step { ST_NONE, ST_REPORTED, ST_FILED, ST_ASSIGNED, ST_HANDLED,
	ST_ANSWERED, ST_CLOSED, ST_RETURNED, ST_EXTENDED, ST_ORDERED, NSTEP };
static const char *const stepname[NSTEP] = {
	"", "reported", "filed", "assigned", "handled", "answered", "closed",
	"returned", "extended", "ordered"
};
/* allowed[state] = the steps that may follow, as a bit set */
#define B(s) (1u << (s))
static const unsigned allowed[NSTEP] = {
	[ST_NONE] = B(ST_REPORTED),
	[ST_REPORTED] = B(ST_FILED),
	[ST_FILED] = B(ST_ASSIGNED),
	[ST_ASSIGNED] = B(ST_HANDLED) | B(ST_RETURNED) | B(ST_EXTENDED),
	[ST_RETURNED] = B(ST_ASSIGNED),
	[ST_HANDLED] = B(ST_ANSWERED) | B(ST_EXTENDED),
	[ST_ANSWERED] = B(ST_CLOSED) | B(ST_EXTENDED),
};

/* Log columns; the first four are required. */
enum lcol { L_CASE, L_STEP, L_AT, L_EVENT, L_DEPT, L_SAT, L_DEADLINE,
	NLCOL };
#define NLREQ 3
static const char *const lcolname[NLCOL] = {
	"case_id", "step", "at", "event_id", "department", "satisfied",
	"deadline"
};

/* Order columns; the first four are required. */
enum ocol { O_CASE, O_GRID, O_CAT, O_DEADLINE, O_LIMIT, O_EVENT, O_DEPT,
	O_ASSIGNED, O_PROV, NOCOL };
#define NOREQ 5
static const char *const ocolname[NOCOL] = {
	"case_id", "grid_code", "category", "deadline", "limit", "event_id",
	"department", "assigned_at", "provisional"
};

static const char *const statcol[] = {
	"case_id", "event_id", "grid_code", "category", "state", "department",
	"reported_at", "assigned_at", "deadline", "closed_at", "working_days",
	"on_time", "overdue", "satisfied"
};
#define NSTAT (sizeof statcol / sizeof statcol[0])
/* after them (and after --overdue's days_late): the deadline was
   computed over a provisional year of the calendar, 1 or 0 */
static const char provcol[] = "provisional";

/* One dispatch order.  Strings are indexes into S.str. */
struct order {
	size_t ev;		/* event_id: offset in S.evs */
	uint32_t grid;		/* grid_code */
	uint32_t cat;		/* category */
	uint32_t dept;		/* department */
	int64_t assigned;	/* assigned_at, or -1 */
	int64_t deadline;	/* deadline */
	int32_t days;		/* limit in working days, or -1 */
	int32_t hours;		/* limit in clock hours, or -1 */
	unsigned char prov;	/* deadline over a provisional year */
	uint32_t kase;		/* 1 + slot of its open case in S.k, or 0 */
	unsigned char seen;	/* a log row opened its case */
	unsigned char closed;	/* its case was closed */
};

/*
 * An open case.  Invariant: it is in S.open under hash_bytes(id) with
 * value 1 + its index in S.k, and on the list of open cases (prev/next,
 * 1-based indexes, 0 = none) in order of first appearance.
 */
struct kase {
	char *id;		/* case_id, then event_id after its NUL */
	char *ev;		/* points into id's allocation */
	size_t idn;		/* strlen(id) */
	long order;		/* index in S.ord, or -1 */
	uint32_t prev, next;	/* list of open cases */
	uint32_t dept;		/* 1 + index in S.str, or 0 */
	int state;		/* ST_* reached */
	int nassign;		/* assignments so far */
	int sat;		/* satisfied 1 or 0, or -1 */
	int prov;		/* deadline over a provisional year */
	int64_t reported, assigned, deadline, last, closed; /* -1: none */
};

/* Counts of one area or department of the summary. */
struct group {
	long cases, due, closed, closed_due, on_time, overdue_open;
	long days_sum, days_n, sat1, satn;
};

#define CLOSED UINT64_MAX	/* S.open value of a closed case */

static struct {
	enum mode mode;
	int bylvl;		/* --by: LVL_* or 0 for department */
	policy *pol;
	calendar *cal;
	long hours;		/* route.immediate_hours, for "immediate" */
	long soon;		/* track.due_soon_days */
	int64_t asof;		/* --as-of */
	struct gw_run run;
	struct csvr_opt ro;
	int lcol[NLCOL], ocol[NOCOL];

	strtab *str;		/* grid codes, categories, departments... */
	strtab *oid;		/* case_ids of the orders: index = order */
	struct order *ord;
	size_t nord;
	struct sbuf evs;	/* event_ids of the orders, NUL-separated */
	int orders;		/* --orders given */

	u64map *open;		/* without orders: hash of case_id ->
				   1 + index in S.k, or CLOSED */
	struct kase *k;		/* slots; free ones chained through next */
	size_t nk, capk;
	uint32_t freek;		/* 1 + first free slot, or 0 */
	uint32_t head, tail;	/* list of open cases */

	strtab *gkey;		/* summary: group names */
	struct group *grp;
	size_t ngrp;

	struct kase *late;	/* --overdue: copies of the listed cases */
	size_t nlate, caplate;

	csvw *out;
} S;

/* ---- small helpers ---- */

static int
alldigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* A time; a bare date (no ':') is the end of that day. */
static int
endtime(const char *s, size_t n, int64_t *t)
{
	if (datetime_parse(s, n, t) < 0)
		return -1;
	if (!memchr(s, ':', n))
		*t += 86399;
	return 0;
}

static long
dayof(int64_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

static void
fmt_time(int64_t t, char out[20])
{
	if (t < 0)
		out[0] = '\0';
	else
		datetime_fmt(t, out);
}

/* End of the n-th working day after the day of t; *prov = 1 when it
   was computed over a provisional year of the calendar. */
static int64_t
add_days(int64_t t, int n, int *prov)
{
	const char *why;
	unsigned long h = cal_provhits(S.cal);
	long d;

	if (cal_addworking(S.cal, dayof(t), n, &d, &why) < 0)
		die("calendar: %s", why);
	*prov = cal_provhits(S.cal) != h;
	return (int64_t)d * 86400 + 86399;
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

/* ---- orders ---- */

static int
ord_hdr(csvr *r, void *arg)
{

	(void)arg;
	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	if (gw_bind(r, csvr_name(r), ocolname, NOCOL, NOREQ, S.ocol, NULL) < 0)
		return -1;
	return 0;
}

static int
ord_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why;
	struct order o;
	size_t n, i;
	int isnew, prov;
	char *end;

	(void)arg;
	memset(&o, 0, sizeof o);
	s = gw_field(rec, S.ocol[O_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	o.grid = intern(s, n);
	s = gw_field(rec, S.ocol[O_CAT], &n);
	o.cat = intern(s, n);
	s = gw_field(rec, S.ocol[O_DEADLINE], &n);
	if (endtime(s, n, &o.deadline) < 0) {
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "unparseable time '%s'", s);
		return 1;
	}
	o.assigned = -1;
	s = gw_field(rec, S.ocol[O_ASSIGNED], &n);
	if (n > 0 && datetime_parse(s, n, &o.assigned) < 0) {
		gw_reject(&S.run, file, rec->line, "assigned_at", rec,
		    "unparseable time '%s'", s);
		return 1;
	}
	s = gw_field(rec, S.ocol[O_LIMIT], &n);
	o.days = o.hours = -1;
	if (n > 1 && s[n - 1] == 'h' && alldigits(s, n - 1))
		o.hours = (int32_t)strtol(s, &end, 10);
	else if (n == 9 && memcmp(s, "immediate", 9) == 0)
		o.hours = (int32_t)S.hours;
	else if (alldigits(s, n) && n <= 3)
		o.days = (int32_t)strtol(s, &end, 10);
	else {
		gw_reject(&S.run, file, rec->line, "limit", rec,
		    "limit '%s' is neither working days (5) nor hours (24h)",
		    s);
		return 1;
	}
	s = gw_field(rec, S.ocol[O_PROV], &n);
	if (n > 1 || (n == 1 && *s != '0' && *s != '1')) {
		gw_reject(&S.run, file, rec->line, "provisional", rec,
		    "provisional must be 0 or 1, not '%.*s'", (int)n, s);
		return 1;
	}
	/* a provisional deadline is worked out again on today's calendar,
	   which may have the notice by now */
	if (n == 1 && *s == '1') {
		o.prov = 1;
		if (o.days >= 0 && o.assigned >= 0) {
			o.deadline = add_days(o.assigned, o.days, &prov);
			o.prov = (unsigned char)prov;
		}
	}
	s = gw_field(rec, S.ocol[O_EVENT], &n);
	/* event ids are all different: kept, not interned */
	o.ev = S.evs.len;
	sbuf_add(&S.evs, s, n);
	sbuf_addc(&S.evs, '\0');
	s = gw_field(rec, S.ocol[O_DEPT], &n);
	o.dept = intern(s, n);
	s = gw_field(rec, S.ocol[O_CASE], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "empty case_id");
		return 1;
	}
	i = strtab_add(S.oid, s, n, &isnew);
	if (!isnew) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "duplicate order for case '%s'", s);
		return 1;
	}
	if (i != S.nord)
		die("orders: internal index mismatch");
	S.ord = xreallocarray(S.ord, S.nord + 1, sizeof *S.ord);
	S.ord[S.nord++] = o;
	return 0;
}

/* ---- output of one case ---- */

static struct group *
group_of(const struct kase *k)
{
	char key[LVL_GRID + 1];
	const char *s;
	size_t i;
	int isnew;

	if (S.bylvl == 0)
		s = k->dept ? str(k->dept - 1) : k->order >= 0 ?
		    str(S.ord[k->order].dept) : "";
	else {
		s = k->order >= 0 ? str(S.ord[k->order].grid) : "";
		if (strlen(s) >= (size_t)S.bylvl) {
			code_prefix(s, S.bylvl, key);
			s = key;
		}
	}
	i = strtab_add(S.gkey, s, strlen(s), &isnew);
	if (isnew) {
		S.grp = xreallocarray(S.grp, S.ngrp + 1, sizeof *S.grp);
		memset(&S.grp[S.ngrp++], 0, sizeof *S.grp);
	}
	return &S.grp[i];
}

/* Working days of a closed case (see the top of the file). */
static long
workdays(const struct kase *k)
{
	const char *why;
	long a = dayof(k->assigned), c = dayof(k->closed), n;

	if (c <= a)
		return 0;
	if ((n = cal_count(S.cal, a + 1, c, &why)) < 0)
		die("calendar: %s", why);
	return n;
}

static void
emit(const struct kase *k)
{
	char rep[20], asg[20], dl[20], cl[20], wd[24];
	const char *ot = "", *od;
	struct group *g;
	long days = -1;
	int closed = k->state == ST_CLOSED, overdue;

	if (closed && k->assigned >= 0)
		days = workdays(k);
	if (closed) {
		overdue = k->deadline >= 0 && k->closed > k->deadline;
		if (k->deadline >= 0)
			ot = overdue ? "0" : "1";
	} else
		overdue = k->deadline >= 0 && S.asof > k->deadline;
	od = overdue ? "1" : "0";

	if (S.mode == M_SUMMARY) {
		g = group_of(k);
		g->cases++;
		if (closed) {
			g->closed++;
			if (days >= 0) {
				g->days_sum += days;
				g->days_n++;
			}
			if (k->sat >= 0) {
				g->satn++;
				g->sat1 += k->sat;
			}
		} else if (overdue)
			g->overdue_open++;
		if (k->deadline >= 0 && k->deadline <= S.asof) {
			g->due++;
			if (closed) {
				g->closed_due++;
				if (!overdue)
					g->on_time++;
			}
		}
		return;
	}
	fmt_time(k->reported, rep);
	fmt_time(k->assigned, asg);
	fmt_time(k->deadline, dl);
	fmt_time(closed ? k->closed : -1, cl);
	wd[0] = '\0';
	if (days >= 0)
		snprintf(wd, sizeof wd, "%ld", days);
	csvw_field(S.out, k->id, (size_t)-1);
	csvw_field(S.out, k->ev, (size_t)-1);
	csvw_field(S.out, k->order >= 0 ? str(S.ord[k->order].grid) : "",
	    (size_t)-1);
	csvw_field(S.out, k->order >= 0 ? str(S.ord[k->order].cat) : "",
	    (size_t)-1);
	csvw_field(S.out, stepname[k->state], (size_t)-1);
	csvw_field(S.out, k->dept ? str(k->dept - 1) : k->order >= 0 ?
	    str(S.ord[k->order].dept) : "", (size_t)-1);
	csvw_field(S.out, rep, (size_t)-1);
	csvw_field(S.out, asg, (size_t)-1);
	csvw_field(S.out, dl, (size_t)-1);
	csvw_field(S.out, cl, (size_t)-1);
	csvw_field(S.out, wd, (size_t)-1);
	csvw_field(S.out, ot, (size_t)-1);
	csvw_field(S.out, od, (size_t)-1);
	csvw_field(S.out, k->sat < 0 ? "" : k->sat ? "1" : "0", (size_t)-1);
}

/* An open case at the end of the replay. */
static void
finish_open(const struct kase *k)
{
	struct kase *c;
	long lim;
	const char *why;

	if (S.mode != M_OVERDUE) {
		emit(k);
		if (S.mode == M_STATUS) {
			csvw_field(S.out, k->prov ? "1" : "0", 1);
			csvw_endrec(S.out);
		}
		return;
	}
	if (k->deadline < 0)
		return;
	/* past the deadline, or due by the end of the due_soon_days-th
	   working day after --as-of's day */
	if (cal_addworking(S.cal, dayof(S.asof), (int)S.soon, &lim, &why) < 0)
		die("calendar: %s", why);
	if (k->deadline > (int64_t)lim * 86400 + 86399)
		return;
	if (S.nlate == S.caplate) {
		S.caplate = S.caplate ? S.caplate * 2 : 64;
		S.late = xreallocarray(S.late, S.caplate, sizeof *S.late);
	}
	c = &S.late[S.nlate++];
	*c = *k;
	c->id = xstrdup(k->id);
	c->ev = xstrdup(k->ev);
}

/* ---- the open cases ---- */

static struct kase *
kase_new(uint64_t h, const char *id, size_t idn, const char *ev,
    size_t evn, long order)
{
	struct kase *k;
	uint32_t i;

	if (S.freek) {
		i = S.freek - 1;
		S.freek = S.k[i].next;
	} else {
		if (S.nk == S.capk) {
			S.capk = S.capk ? S.capk * 2 : 1024;
			S.k = xreallocarray(S.k, S.capk, sizeof *S.k);
		}
		i = (uint32_t)S.nk++;
	}
	k = &S.k[i];
	memset(k, 0, sizeof *k);
	k->id = xmalloc(idn + evn + 2);
	memcpy(k->id, id, idn);
	k->id[idn] = '\0';
	k->idn = idn;
	k->ev = k->id + idn + 1;
	memcpy(k->ev, ev, evn);
	k->ev[evn] = '\0';
	k->order = order;
	k->sat = -1;
	k->reported = k->assigned = k->deadline = k->last = k->closed = -1;
	k->prev = S.tail;
	if (S.tail)
		S.k[S.tail - 1].next = i + 1;
	else
		S.head = i + 1;
	S.tail = i + 1;
	if (order >= 0) {
		S.ord[order].kase = i + 1;
		S.ord[order].seen = 1;
	} else
		u64map_put(S.open, h, (uint64_t)i + 1);
	return k;
}

/* Takes a closed case off the list and frees its slot. */
static void
kase_drop(uint64_t h, struct kase *k)
{
	uint32_t i = (uint32_t)(k - S.k);

	if (k->prev)
		S.k[k->prev - 1].next = k->next;
	else
		S.head = k->next;
	if (k->next)
		S.k[k->next - 1].prev = k->prev;
	else
		S.tail = k->prev;
	if (k->order >= 0) {
		S.ord[k->order].kase = 0;
		S.ord[k->order].closed = 1;
	} else
		u64map_put(S.open, h, CLOSED);
	free(k->id);
	k->id = k->ev = NULL;
	k->next = S.freek;
	S.freek = i + 1;
}

/* ---- the log ---- */

static int
log_hdr(csvr *r, void *arg)
{

	(void)arg;
	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	if (gw_bind(r, csvr_name(r), lcolname, NLCOL, NLREQ, S.lcol, NULL) < 0)
		return -1;
	return 0;
}

static int
stepof(const char *s, size_t n)
{
	static size_t len[NSTEP];
	int i;

	if (!len[ST_REPORTED])
		for (i = 0; i < NSTEP; i++)
			len[i] = strlen(stepname[i]);
	for (i = ST_REPORTED; i <= ST_EXTENDED; i++)
		if (len[i] == n && memcmp(stepname[i], s, n) == 0)
			return i;
	return -1;
}

/* "handled, returned or extended" for a state's allowed steps. */
static const char *
expected(int state)
{
	static struct sbuf b;
	int i, n = 0, k = 0;

	for (i = 0; i < NSTEP; i++)
		n += (allowed[state] >> i) & 1;
	sbuf_reset(&b);
	for (i = 0; i < NSTEP; i++) {
		if (!((allowed[state] >> i) & 1))
			continue;
		if (k > 0)
			sbuf_adds(&b, k == n - 1 ? " or " : ", ");
		sbuf_adds(&b, stepname[i]);
		k++;
	}
	return b.s ? b.s : "";
}

static int
log_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *id, *s, *ev, *want;
	char a[20], b[20];
	size_t idn, n, evn;
	int64_t t, dl;
	uint64_t h, v;
	long order = -1;
	struct kase *k;
	int step, sat = -1, closed;

	(void)arg;
	id = gw_field(rec, S.lcol[L_CASE], &idn);
	if (idn == 0) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "empty case_id");
		return 1;
	}
	s = gw_field(rec, S.lcol[L_STEP], &n);
	if ((step = stepof(s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "step", rec,
		    "unknown step '%s' (reported, filed, assigned, handled, "
		    "answered, closed, returned, extended)", s);
		return 1;
	}
	s = gw_field(rec, S.lcol[L_AT], &n);
	if (datetime_parse(s, n, &t) < 0) {
		gw_reject(&S.run, file, rec->line, "at", rec,
		    "unparseable time '%s'", s);
		return 1;
	}
	s = gw_field(rec, S.lcol[L_SAT], &n);
	if (n == 1 && (*s == '0' || *s == '1'))
		sat = *s - '0';
	else if (n > 0) {
		gw_reject(&S.run, file, rec->line, "satisfied", rec,
		    "satisfied must be 1, 0 or empty, not '%s'", s);
		return 1;
	}
	if (t > S.asof)
		return 0;	/* after --as-of: read, not replayed */

	/* the case: through its order (exact), else by fingerprint */
	h = 0;
	k = NULL;
	closed = 0;
	if (S.orders) {
		if ((order = strtab_find(S.oid, id, idn)) < 0) {
			gw_reject(&S.run, file, rec->line, "case_id", rec,
			    "unknown case '%.*s': not in the orders", (int)idn,
			    id);
			return 1;
		}
		closed = S.ord[order].closed;
		if (S.ord[order].kase)
			k = &S.k[S.ord[order].kase - 1];
	} else {
		h = hash_bytes(id, idn);
		if (u64map_get(S.open, h, &v) && !(closed = v == CLOSED)) {
			k = &S.k[v - 1];
			if (k->idn != idn || memcmp(k->id, id, idn) != 0)
				die("case ids '%s' and '%.*s' share a "
				    "fingerprint; rename one", k->id, (int)idn,
				    id);
		}
	}
	if (closed) {
		gw_reject(&S.run, file, rec->line, "step", rec,
		    "step '%s' after the case was closed", stepname[step]);
		return 1;
	}
	if (!(allowed[k ? k->state : ST_NONE] & B(step))) {
		if (!k)
			gw_reject(&S.run, file, rec->line, "step", rec,
			    "step '%s' before the case was reported",
			    stepname[step]);
		else
			gw_reject(&S.run, file, rec->line, "step", rec,
			    "step '%s' out of order: the case is at '%s' "
			    "(expects %s)", stepname[step],
			    stepname[k->state], expected(k->state));
		return 1;
	}
	ev = gw_field(rec, S.lcol[L_EVENT], &evn);
	want = k ? k->ev : order >= 0 ? S.evs.s + S.ord[order].ev : "";
	if (evn > 0 && *want && (strlen(want) != evn ||
	    memcmp(want, ev, evn) != 0)) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "event_id '%s' differs from the case's '%s'", ev, want);
		return 1;
	}
	if (k && t < k->last) {
		fmt_time(t, a);
		fmt_time(k->last, b);
		gw_reject(&S.run, file, rec->line, "at", rec,
		    "time goes backwards: %s is before the case's previous "
		    "step at %s", a, b);
		return 1;
	}
	dl = -1;
	s = gw_field(rec, S.lcol[L_DEADLINE], &n);
	if (step == ST_EXTENDED && n == 0) {
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "extension without a date");
		return 1;
	}
	if ((step == ST_EXTENDED || step == ST_ASSIGNED) && n > 0 &&
	    endtime(s, n, &dl) < 0) {
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "unparseable time '%s'", s);
		return 1;
	}
	if (step == ST_EXTENDED && k->deadline >= 0 && dl <= k->deadline) {
		fmt_time(dl, a);
		fmt_time(k->deadline, b);
		gw_reject(&S.run, file, rec->line, "deadline", rec,
		    "extension to %s is not later than the deadline %s", a, b);
		return 1;
	}

	if (!k) {
		if (order >= 0 && evn == 0) {
			ev = S.evs.s + S.ord[order].ev;
			evn = strlen(ev);
		}
		k = kase_new(h, id, idn, ev, evn, order);
	}
	k->last = t;
	if (sat >= 0)
		k->sat = sat;
	switch (step) {
	case ST_REPORTED:
		k->reported = t;
		break;
	case ST_ASSIGNED:
		s = gw_field(rec, S.lcol[L_DEPT], &n);
		if (n > 0)
			k->dept = intern(s, n) + 1;
		k->assigned = t;
		k->prov = 0;
		if (dl < 0 && k->order >= 0) {
			const struct order *o = &S.ord[k->order];

			if (k->nassign == 0) {
				dl = o->deadline;
				k->prov = o->prov;
			} else if (o->hours >= 0)
				dl = t + (int64_t)o->hours * 3600;
			else
				dl = add_days(t, o->days, &k->prov);
		}
		k->deadline = dl;
		k->nassign++;
		break;
	case ST_EXTENDED:
		k->deadline = dl;
		k->prov = 0;
		return 0;	/* the state stays */
	case ST_CLOSED:
		k->closed = t;
		break;
	}
	k->state = step;
	if (step == ST_CLOSED) {
		if (S.mode != M_OVERDUE) {
			emit(k);
			if (S.mode == M_STATUS) {
				csvw_field(S.out, k->prov ? "1" : "0", 1);
				csvw_endrec(S.out);
			}
		}
		kase_drop(h, k);
	}
	return 0;
}

/* ---- end ---- */

static int
latecmp(const void *a, const void *b)
{
	const struct kase *x = a, *y = b;

	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void
write_overdue(void)
{
	static const char *const extra[] = { "days_late", provcol };
	const char *names[NSTAT + 2], *why;
	char buf[24];
	size_t i;
	long n;

	for (i = 0; i < NSTAT; i++)
		names[i] = statcol[i];
	names[NSTAT] = extra[0];
	names[NSTAT + 1] = extra[1];
	csvw_header(S.out, names, NSTAT + 2);
	qsort(S.late, S.nlate, sizeof *S.late, latecmp);
	for (i = 0; i < S.nlate; i++) {
		struct kase *k = &S.late[i];

		emit(k);
		n = 0;
		if (dayof(k->deadline) < dayof(S.asof) &&
		    (n = cal_count(S.cal, dayof(k->deadline) + 1,
		    dayof(S.asof), &why)) < 0)
			die("calendar: %s", why);
		snprintf(buf, sizeof buf, "%ld", n);
		csvw_field(S.out, buf, (size_t)-1);
		csvw_field(S.out, k->prov ? "1" : "0", 1);
		csvw_endrec(S.out);
		free(k->id);
		free(k->ev);
	}
	free(S.late);
}

static const char *
byname(int lvl)
{
	switch (lvl) {
	case LVL_GRID: return "grid_code";
	case LVL_VILLAGE: return "village_code";
	case LVL_TOWN: return "township_code";
	case LVL_COUNTY: return "county_code";
	}
	return "department";
}

static int
gkeycmp(const void *a, const void *b)
{
	return strcmp(strtab_str(S.gkey, *(const size_t *)a),
	    strtab_str(S.gkey, *(const size_t *)b));
}

static void
rate(long num, long den)
{
	/* gridwork-rules(7), ASSESSMENT: a rate over no cases is 1 */
	if (den == 0)
		csvw_field(S.out, "1.0000", 4 + 2);
	else
		csvw_fieldf(S.out, "%.4f", (double)num / (double)den);
}

static void
write_summary(void)
{
	static const char *const cols[] = { "", "cases", "due", "closed",
	    "closed_due", "on_time", "disposal_rate", "ontime_rate",
	    "overdue_open", "mean_working_days", "satisfaction_rate" };
	const char *names[sizeof cols / sizeof cols[0]];
	const char *keys[sizeof cols / sizeof cols[0]] = { NULL };
	size_t i, *ix, nc = sizeof cols / sizeof cols[0];

	for (i = 0; i < nc; i++)
		names[i] = cols[i];
	names[0] = byname(S.bylvl);
	keys[5] = "on_time_count";	/* a count, not the yes/no */
	csvw_header_keyed(S.out, names, keys, nc);
	ix = xcalloc(S.ngrp, sizeof *ix);
	for (i = 0; i < S.ngrp; i++)
		ix[i] = i;
	qsort(ix, S.ngrp, sizeof *ix, gkeycmp);
	for (i = 0; i < S.ngrp; i++) {
		struct group *g = &S.grp[ix[i]];

		csvw_field(S.out, strtab_str(S.gkey, ix[i]), (size_t)-1);
		csvw_fieldf(S.out, "%ld", g->cases);
		csvw_fieldf(S.out, "%ld", g->due);
		csvw_fieldf(S.out, "%ld", g->closed);
		csvw_fieldf(S.out, "%ld", g->closed_due);
		csvw_fieldf(S.out, "%ld", g->on_time);
		rate(g->closed_due, g->due);
		rate(g->on_time, g->due);
		csvw_fieldf(S.out, "%ld", g->overdue_open);
		if (g->days_n)
			csvw_fieldf(S.out, "%.2f",
			    (double)g->days_sum / (double)g->days_n);
		else
			csvw_field(S.out, "", 0);
		rate(g->sat1, g->satn);
		csvw_endrec(S.out);
	}
	free(ix);
}

/* Orders no log row named: dispatched, nothing logged yet. */
static void
unseen_orders(void)
{
	struct kase k;
	size_t i;

	for (i = 0; i < S.nord; i++) {
		struct order *o = &S.ord[i];
		const char *id;

		if (o->seen || (o->assigned >= 0 && o->assigned > S.asof))
			continue;
		memset(&k, 0, sizeof k);
		id = strtab_str(S.oid, i);
		k.id = (char *)id;
		k.ev = S.evs.s + o->ev;
		k.order = (long)i;
		k.state = ST_ORDERED;
		k.sat = -1;
		k.reported = k.closed = k.last = -1;
		k.assigned = o->assigned;
		k.deadline = o->deadline;
		k.prov = o->prov;
		finish_open(&k);
	}
}

static int
lvlparse(const char *s)
{
	if (strcmp(s, "grid") == 0)
		return LVL_GRID;
	if (strcmp(s, "village") == 0)
		return LVL_VILLAGE;
	if (strcmp(s, "township") == 0)
		return LVL_TOWN;
	if (strcmp(s, "county") == 0)
		return LVL_COUNTY;
	if (strcmp(s, "department") == 0)
		return 0;
	return -1;
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"orders", required_argument, 0, OPT_ORDERS},
		{"summary", no_argument, 0, OPT_SUMMARY},
		{"by", required_argument, 0, OPT_BY},
		{"overdue", no_argument, 0, OPT_OVERDUE},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *orders = NULL, *by = NULL, *why;
	char *ov[2];
	int ch, status, nmode = 0;
	uint32_t i;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.bylvl = LVL_TOWN;
	while ((ch = getopt_long(argc, argv, "E:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_BY:
			by = optarg;
			if ((S.bylvl = lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county or department", optarg);
			break;
		case OPT_ORDERS:
			orders = optarg;
			break;
		case OPT_OVERDUE:
			S.mode = M_OVERDUE;
			nmode++;
			break;
		case OPT_SUMMARY:
			S.mode = M_SUMMARY;
			nmode++;
			break;
		default:
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--summary and --overdue exclude each other");
	if (by && S.mode != M_SUMMARY)
		die("--by is for --summary");
	if (o.store || o.regions || o.at || o.month || o.week)
		die("case-track takes none of -d, -R, --at, --month, --week");
	if (!o.as_of)
		die("missing --as-of DATETIME: the replay stops there, never "
		    "at \"now\" by default");
	if (endtime(o.as_of, strlen(o.as_of), &S.asof) < 0)
		die("--as-of '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.as_of);
	if (S.mode == M_SUMMARY && S.bylvl != 0 && !orders)
		die("--by %s needs --orders: the grid code of each case is "
		    "in the orders", by ? by : "township");

	if (!(S.pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (policy_int(S.pol, "route", "immediate_hours", &S.hours, &why) < 0 ||
	    policy_int(S.pol, "track", "due_soon_days", &S.soon, &why) < 0)
		die("%s", why);
	if (S.soon < 0 || S.soon > 366)
		die("policy '%s': track.due_soon_days must be 0 to 366",
		    policy_name(S.pol));
	S.cal = cal_open(NULL);
	S.str = strtab_new();
	S.oid = strtab_new();
	S.gkey = strtab_new();
	S.open = u64map_new(1024);
	S.run.rejects_path = o.rejects;
	S.run.mixed = orders != NULL;	/* orders and log rows in one file */
	S.ro = gw_inopt(&o);

	tmp = gw_spool();
	S.out = gw_out(&o, tmp);
	if (orders) {
		S.orders = 1;
		ov[0] = (char *)orders;
		ov[1] = NULL;
		if (gw_loop(&S.run, 1, ov, &S.ro, ord_hdr, ord_rec, NULL) < 0)
			gw_exit(GW_FATAL);
	}
	if (S.mode == M_STATUS) {
		const char *names[NSTAT + 1];

		for (i = 0; i < NSTAT; i++)
			names[i] = statcol[i];
		names[NSTAT] = provcol;
		csvw_header(S.out, names, NSTAT + 1);
	}
	if (gw_loop(&S.run, argc, argv, &S.ro, log_hdr, log_rec, NULL) < 0)
		gw_exit(GW_FATAL);
	for (i = S.head; i; i = S.k[i - 1].next)
		finish_open(&S.k[i - 1]);
	unseen_orders();
	if (S.mode == M_OVERDUE)
		write_overdue();
	else if (S.mode == M_SUMMARY)
		write_summary();
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	status = gw_run_end(&S.run);
	cal_warnprov(S.cal, "deadlines and working days");
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	for (i = S.head; i; i = S.k[i - 1].next)
		free(S.k[i - 1].id);
	gw_exit(status);
}
