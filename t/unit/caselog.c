/*
 * caselog.c unit test: the closed loop of a case, built row by row in C
 * on the calendar of share/calendar and the default policy: the six
 * steps and every step out of place, returns and re-assignment,
 * extensions, the deadlines of orders (days, hours, immediate,
 * provisional), the edges of on time and overdue, working days, the
 * overdue list, the counts and rates of a group, and the failures
 * (rejections with their column and reason, a year with no calendar),
 * and the book of open cases.
 */
#include <stdlib.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static struct caselog CL;
static const char *col, *why;

static struct cl_field
F(const char *s)
{
	struct cl_field f = { s, strlen(s) };

	return f;
}

static int64_t
T(const char *s)
{
	int64_t t;

	if (datetime_parse(s, strlen(s), &t) < 0) {
		printf("# T(%s) does not parse\n", s);
		return -2;
	}
	return t;
}

/* One log row read and applied to c (o: its order or NULL). */
static int
row(struct caselog_case *c, const struct caselog_order *o, const char *step,
    const char *at, const char *ev, const char *sat, const char *dl)
{
	struct caselog_row r;
	int rc;

	memset(&r, 0, sizeof r);
	r.case_id = F("K1");
	r.step = F(step);
	r.at = F(at);
	r.event_id = F(ev);
	r.satisfied = F(sat);
	r.deadline = F(dl);
	col = why = NULL;
	if ((rc = caselog_read(&CL, &r, &col, &why)) != CL_OK)
		return rc;
	return caselog_apply(&CL, c, o, &r, &col, &why);
}

/* A row that must be applied. */
#define R(c, o, step, at) is(row(c, o, step, at, "", "", ""), CL_OK, \
	"%s at %s applied", step, at)

static int
order(struct caselog_order *o, const char *deadline, const char *assigned,
    const char *limit, const char *prov)
{
	struct caselog_orderin in;

	in.deadline = F(deadline);
	in.assigned_at = F(assigned);
	in.limit = F(limit);
	in.provisional = F(prov);
	in.case_id = F("K1");
	col = why = NULL;
	return caselog_order(&CL, &in, o, &col, &why);
}

/* A case brought to state st by rows a day apart from 2026-10-12. */
static void
bring(struct caselog_case *c, int st)
{
	static const char *const at[] = { "", "2026-10-12 09:00",
	    "2026-10-13 09:00", "2026-10-14 09:00", "2026-10-15 09:00",
	    "2026-10-16 09:00", "2026-10-19 09:00" };
	int i;

	caselog_case_init(c, "E1");
	for (i = CL_REPORTED; i <= st && i <= CL_CLOSED; i++)
		row(c, NULL, caselog_stepname[i], at[i], "", "", "");
}

static void
test_names(void)
{
	int64_t t;
	char buf[20];
	int i, all = 1;

	for (i = CL_REPORTED; i <= CL_EXTENDED; i++)
		all &= caselog_step(caselog_stepname[i],
		    strlen(caselog_stepname[i])) == i;
	ok(all, "every step's name reads back as that step");
	is(caselog_step("ordered", 7), -1, "'ordered' is a state, not a step");
	is(caselog_step("close", 5), -1, "a prefix is no step");
	is(caselog_step("Closed", 6), -1, "names are lower case");
	is(caselog_step("", 0), -1, "an empty step is none");
	ok(caselog_time("2026-10-08", 10, &t) == 0 &&
	    t == T("2026-10-08 23:59:59"), "a bare date is the end of its day");
	ok(caselog_time("2026-10-08 09:30", 16, &t) == 0 &&
	    t == T("2026-10-08 09:30:00"), "a time is that time");
	is(caselog_time("soon", 4, &t), -1, "not a time");
	caselog_fmt_time(-1, buf);
	isstr(buf, "", "no time is an empty field");
	caselog_fmt_time(T("2026-10-08 09:30"), buf);
	isstr(buf, "2026-10-08 09:30:00", "a time is written in full");
}

static void
test_loop(void)
{
	struct caselog_case c;
	struct caselog_figures f;

	caselog_case_init(&c, "");
	is(c.state, CL_NONE, "a new case has no state");
	R(&c, NULL, "reported", "2026-10-12 09:00");
	is(c.state, CL_REPORTED, "reported");
	is(c.reported, T("2026-10-12 09:00"), "reported_at set");
	R(&c, NULL, "filed", "2026-10-12 09:30");
	R(&c, NULL, "assigned", "2026-10-12 10:00");
	is(c.state, CL_ASSIGNED, "assigned");
	is(c.nassign, 1, "one assignment");
	is(c.deadline, -1, "no order, no deadline given: none");
	R(&c, NULL, "handled", "2026-10-13 10:00");
	R(&c, NULL, "answered", "2026-10-14 10:00");
	is(row(&c, NULL, "closed", "2026-10-15 10:00", "", "1", ""), CL_OK,
	    "closed, satisfied");
	is(c.state, CL_CLOSED, "closed");
	is(c.closed, T("2026-10-15 10:00"), "closed_at set");
	is(c.sat, 1, "satisfied 1");
	is(c.last, T("2026-10-15 10:00"), "last step's time");
	is(caselog_figures(&CL, &c, &f, &why), CL_OK, "figures");
	is(f.closed, 1, "figures: closed");
	is(f.days, 3, "closed on the 3rd working day after assignment: 3");
	is(f.on_time, -1, "no deadline: on_time unknown");
	is(f.overdue, 0, "no deadline: never overdue");
}

/* Every step from every state: allowed exactly as the loop says. */
static void
test_transitions(void)
{
	static const unsigned allow[CL_CLOSED + 1] = {
		[CL_NONE] = 1u << CL_REPORTED,
		[CL_REPORTED] = 1u << CL_FILED,
		[CL_FILED] = 1u << CL_ASSIGNED,
		[CL_ASSIGNED] = 1u << CL_HANDLED | 1u << CL_RETURNED |
		    1u << CL_EXTENDED,
		[CL_HANDLED] = 1u << CL_ANSWERED | 1u << CL_EXTENDED,
		[CL_ANSWERED] = 1u << CL_CLOSED | 1u << CL_EXTENDED,
	};
	struct caselog_case c, before;
	int st, step, rc, all = 1, same = 1;

	for (st = CL_NONE; st <= CL_CLOSED; st++)
		for (step = CL_REPORTED; step <= CL_EXTENDED; step++) {
			bring(&c, st);
			before = c;
			rc = row(&c, NULL, caselog_stepname[step],
			    "2026-10-20 09:00", "", "", "2026-10-30");
			if (rc != ((allow[st] >> step & 1) ? CL_OK :
			    CL_REJECT)) {
				printf("# %s after %s: %d\n",
				    caselog_stepname[step],
				    caselog_stepname[st], rc);
				all = 0;
			}
			if (rc == CL_REJECT && (strcmp(col, "step") != 0 ||
			    memcmp(&c, &before, sizeof c) != 0))
				same = 0;
		}
	ok(all, "each state allows exactly its next steps");
	ok(same, "a step out of place is rejected on 'step', the case unchanged");
	/* after returned: only a new assigned */
	bring(&c, CL_ASSIGNED);
	R(&c, NULL, "returned", "2026-10-15 09:00");
	is(c.state, CL_RETURNED, "returned");
	is(row(&c, NULL, "handled", "2026-10-15 10:00", "", "", ""),
	    CL_REJECT, "handled after returned: rejected");
	isstr(why, "step 'handled' out of order: the case is at 'returned' "
	    "(expects assigned)", "the reason names the one step expected");

	caselog_case_init(&c, "");
	is(row(&c, NULL, "filed", "2026-10-12 09:00", "", "", ""), CL_REJECT,
	    "filed first");
	isstr(why, "step 'filed' before the case was reported",
	    "before reported");
	bring(&c, CL_ASSIGNED);
	row(&c, NULL, "closed", "2026-10-20 09:00", "", "", "");
	isstr(why, "step 'closed' out of order: the case is at 'assigned' "
	    "(expects handled, returned or extended)",
	    "three steps expected, listed with commas and 'or'");
	bring(&c, CL_HANDLED);
	row(&c, NULL, "closed", "2026-10-20 09:00", "", "", "");
	isstr(why, "step 'closed' out of order: the case is at 'handled' "
	    "(expects answered or extended)", "two steps expected");
	bring(&c, CL_CLOSED);
	row(&c, NULL, "reported", "2026-10-20 09:00", "", "", "");
	isstr(why, "step 'reported' after the case was closed",
	    "after closed");
	isstr(col, "step", "on column step");
}

static void
test_row_faults(void)
{
	struct caselog_case c, before;

	bring(&c, CL_FILED);
	before = c;
	is(row(&c, NULL, "assign", "2026-10-20 09:00", "", "", ""), CL_REJECT,
	    "unknown step");
	isstr(col, "step", "on step");
	isstr(why, "unknown step 'assign' (reported, filed, assigned, "
	    "handled, answered, closed, returned, extended)",
	    "the reason lists the steps");
	is(row(&c, NULL, "assigned", "2026-13-01 09:00", "", "", ""),
	    CL_REJECT, "impossible time");
	isstr(col, "at", "on at");
	isstr(why, "unparseable time '2026-13-01 09:00'", "says the time");
	is(row(&c, NULL, "assigned", "2026-10-20 09:00", "", "yes", ""),
	    CL_REJECT, "satisfied 'yes'");
	isstr(col, "satisfied", "on satisfied");
	isstr(why, "satisfied must be 1, 0 or empty, not 'yes'", "says so");
	is(row(&c, NULL, "assigned", "2026-10-13 08:59:59", "", "", ""),
	    CL_REJECT, "a second before the previous step");
	isstr(col, "at", "on at");
	isstr(why, "time goes backwards: 2026-10-13 08:59:59 is before the "
	    "case's previous step at 2026-10-13 09:00:00", "both times said");
	is(row(&c, NULL, "assigned", "2026-10-20 09:00", "E2", "", ""),
	    CL_REJECT, "another event_id");
	isstr(col, "event_id", "on event_id");
	isstr(why, "event_id 'E2' differs from the case's 'E1'", "both said");
	is(row(&c, NULL, "assigned", "2026-10-20 09:00", "", "", "tomorrow"),
	    CL_REJECT, "a deadline that is no time");
	isstr(col, "deadline", "on deadline");
	isstr(why, "unparseable time 'tomorrow'", "says the deadline");
	ok(memcmp(&c, &before, sizeof c) == 0, "no rejected row changed it");
	is(row(&c, NULL, "assigned", "2026-10-13 09:00", "E1", "", ""), CL_OK,
	    "same time as the previous step and the same event_id: applied");
	/* a case with no event_id yet takes any */
	caselog_case_init(&c, "");
	is(row(&c, NULL, "reported", "2026-10-12 09:00", "E9", "", ""), CL_OK,
	    "a case with no event_id: any event_id");
	/* a deadline is read on assigned and extended only */
	bring(&c, CL_ASSIGNED);
	is(row(&c, NULL, "handled", "2026-10-20 09:00", "", "", "junk"), CL_OK,
	    "a deadline on handled is not read");
}

static void
test_asof(void)
{
	struct caselog_row r;

	memset(&r, 0, sizeof r);
	r.case_id = F("K1");
	r.step = F("reported");
	r.at = F("2026-10-31 23:59:59");
	is(caselog_read(&CL, &r, &col, &why), CL_OK, "a row at as-of: read");
	is(r.st, CL_REPORTED, "its step");
	is(r.sat, -1, "satisfied empty: -1");
	r.at = F("2026-11-01 00:00:00");
	is(caselog_read(&CL, &r, &col, &why), CL_LATER,
	    "a second after as-of: read, not applied");
	r.at = F("2026-11-01");
	r.satisfied = F("x");
	is(caselog_read(&CL, &r, &col, &why), CL_REJECT,
	    "a bad row after as-of is still rejected");
	r.case_id = F("");
	r.step = F("bogus");
	is(caselog_read(&CL, &r, &col, &why), CL_REJECT, "no case_id");
	isstr(col, "case_id", "on case_id, the first check");
	isstr(why, "empty case_id", "said");
}

static void
test_orders(void)
{
	struct caselog_order o;

	is(order(&o, "2026-10-15", "2026-10-12 10:00", "3", ""), CL_OK,
	    "an order in working days");
	is(o.days, 3, "3 working days");
	is(o.hours, -1, "no hours");
	is(o.deadline, T("2026-10-15 23:59:59"), "its deadline, end of day");
	is(o.assigned, T("2026-10-12 10:00"), "assigned_at");
	is(o.prov, 0, "not provisional");
	is(order(&o, "2026-10-13 10:00", "", "24h", "0"), CL_OK, "in hours");
	is(o.hours, 24, "24 hours");
	is(o.days, -1, "no days");
	is(o.assigned, -1, "no assigned_at");
	is(order(&o, "2026-10-13 10:00", "", "immediate", ""), CL_OK,
	    "immediate");
	is(o.hours, CL.immediate_hours, "immediate: route.immediate_hours");
	is(order(&o, "2026-10-13", "", "1000", ""), CL_REJECT,
	    "four digits of days");
	isstr(col, "limit", "on limit");
	isstr(why, "limit '1000' is neither working days (5) nor hours (24h)",
	    "says what a limit is");
	is(order(&o, "2026-10-13", "", "h", ""), CL_REJECT, "'h' alone");
	is(order(&o, "2026-10-13", "", "", ""), CL_REJECT, "no limit");
	is(order(&o, "", "", "3", ""), CL_REJECT, "no deadline");
	isstr(col, "deadline", "on deadline");
	isstr(why, "unparseable time ''", "an empty time");
	is(order(&o, "2026-10-13", "noon", "3", ""), CL_REJECT,
	    "a bad assigned_at");
	isstr(col, "assigned_at", "on assigned_at");
	{
		struct caselog_orderin in = { F("2026-10-13"), F(""), F("3"),
		    F(""), F("") };

		is(caselog_order(&CL, &in, &o, &col, &why), CL_REJECT,
		    "an order without a case_id");
		isstr(col, "case_id", "on case_id");
		isstr(why, "empty case_id", "said");
		in.limit = F("x");
		caselog_order(&CL, &in, &o, &col, &why);
		isstr(col, "limit", "a bad limit is said first");
	}
	is(order(&o, "2026-10-13", "", "3", "yes"), CL_REJECT,
	    "provisional 'yes'");
	isstr(col, "provisional", "on provisional");
	isstr(why, "provisional must be 0 or 1, not 'yes'", "says so");
	/* provisional, with assigned_at and days: worked out again */
	is(order(&o, "2026-10-20", "2026-09-30 10:00", "3", "1"), CL_OK,
	    "a provisional order over 2026");
	is(o.deadline, T("2026-10-10 23:59:59"),
	    "worked out again over the National Day holiday: 3 working "
	    "days after 09-30 is Saturday 10-10, a day worked");
	is(o.prov, 0, "2026 has its notice: no longer provisional");
	is(order(&o, "2027-01-08", "2027-01-04 10:00", "3", "1"), CL_OK,
	    "a provisional order over 2027");
	is(o.prov, 1, "2027 has no notice: still provisional");
	is(o.deadline, T("2027-01-07 23:59:59"), "3 working days after "
	    "2027-01-04 (statutory holidays only)");
	is(order(&o, "2026-10-20", "2026-09-30 10:00", "24h", "1"), CL_OK,
	    "provisional in hours");
	ok(o.prov == 1 && o.deadline == T("2026-10-20 23:59:59"),
	    "hours: kept as given, still provisional");
	is(order(&o, "2101-02-01", "2101-01-04 10:00", "3", "1"), CL_FATAL,
	    "a year with no calendar");
	isstr(why, "calendar: no calendar for 2101", "is fatal, said so");
}

static void
test_deadlines(void)
{
	struct caselog_order o;
	struct caselog_case c;
	int64_t asof = CL.asof;

	/* first assignment: the order's deadline and provisional mark */
	order(&o, "2026-10-15", "2026-10-12 10:00", "3", "");
	o.prov = 1;
	caselog_case_init(&c, "");
	R(&c, &o, "reported", "2026-10-12 09:00");
	R(&c, &o, "filed", "2026-10-12 09:30");
	R(&c, &o, "assigned", "2026-10-12 10:00");
	is(c.deadline, T("2026-10-15 23:59:59"), "first: the order's deadline");
	is(c.prov, 1, "and its provisional mark");
	/* returned, re-assigned: the limit from the new time */
	R(&c, &o, "returned", "2026-10-14 15:00");
	is(c.deadline, T("2026-10-15 23:59:59"), "returned keeps the deadline");
	R(&c, &o, "assigned", "2026-10-16 09:00");
	is(c.nassign, 2, "two assignments");
	is(c.deadline, T("2026-10-21 23:59:59"),
	    "re-assigned Friday: 3 working days is Wednesday");
	is(c.prov, 0, "worked out over 2026: not provisional");
	is(c.assigned, T("2026-10-16 09:00"), "assigned_at is the last one");
	/* a deadline in the row wins */
	R(&c, &o, "returned", "2026-10-16 10:00");
	is(row(&c, &o, "assigned", "2026-10-16 11:00", "", "", "2026-11-02"),
	    CL_OK, "re-assigned with a deadline");
	is(c.deadline, T("2026-11-02 23:59:59"), "the row's deadline");
	/* hours */
	order(&o, "2026-10-13 10:00", "", "24h", "");
	caselog_case_init(&c, "");
	R(&c, &o, "reported", "2026-10-12 09:00");
	R(&c, &o, "filed", "2026-10-12 09:30");
	R(&c, &o, "assigned", "2026-10-12 10:00");
	R(&c, &o, "returned", "2026-10-12 11:00");
	R(&c, &o, "assigned", "2026-10-12 12:30");
	is(c.deadline, T("2026-10-13 12:30"), "24h from the re-assignment");
	/* a re-assignment over 2027 is provisional */
	CL.asof = T("2101-12-31 23:59:59");
	order(&o, "2027-01-05", "", "2", "");
	caselog_case_init(&c, "");
	R(&c, &o, "reported", "2027-01-04 09:00");
	R(&c, &o, "filed", "2027-01-04 09:10");
	R(&c, &o, "assigned", "2027-01-04 09:20");
	is(c.prov, 0, "the order's own deadline, not marked");
	R(&c, &o, "returned", "2027-01-04 10:00");
	R(&c, &o, "assigned", "2027-01-04 11:00");
	is(c.prov, 1, "worked out over 2027: provisional");
	is(c.deadline, T("2027-01-06 23:59:59"), "2 working days");
	/* a year with no calendar */
	order(&o, "2100-12-30", "", "3", "");
	caselog_case_init(&c, "");
	R(&c, &o, "reported", "2100-12-27 09:00");
	R(&c, &o, "filed", "2100-12-27 09:10");
	R(&c, &o, "assigned", "2100-12-27 09:20");
	R(&c, &o, "returned", "2100-12-30 10:00");
	is(row(&c, &o, "assigned", "2100-12-30 11:00", "", "", ""), CL_FATAL,
	    "a deadline into 2101: fatal");
	isstr(why, "calendar: no calendar for 2101", "why");
	is(c.state, CL_RETURNED, "and the case is as it was");
	CL.asof = asof;
}

static void
test_extensions(void)
{
	struct caselog_case c, before;

	bring(&c, CL_FILED);
	is(row(&c, NULL, "assigned", "2026-10-14 09:00", "", "", "2026-10-20"),
	    CL_OK, "assigned with a deadline");
	is(row(&c, NULL, "extended", "2026-10-15 09:00", "", "", "2026-10-23"),
	    CL_OK, "extended");
	is(c.state, CL_ASSIGNED, "the state stays");
	is(c.deadline, T("2026-10-23 23:59:59"), "the new deadline");
	is(c.last, T("2026-10-15 09:00"), "its time counts as the last step");
	before = c;
	is(row(&c, NULL, "extended", "2026-10-16 09:00", "", "", ""),
	    CL_REJECT, "an extension without a date");
	isstr(col, "deadline", "on deadline");
	isstr(why, "extension without a date", "said");
	is(row(&c, NULL, "extended", "2026-10-16 09:00", "", "", "2026-10-23"),
	    CL_REJECT, "an extension to the same deadline");
	isstr(why, "extension to 2026-10-23 23:59:59 is not later than the "
	    "deadline 2026-10-23 23:59:59", "not later");
	ok(memcmp(&c, &before, sizeof c) == 0, "the case unchanged");
	R(&c, NULL, "handled", "2026-10-16 09:00");
	is(row(&c, NULL, "extended", "2026-10-17 09:00", "", "",
	    "2026-10-24 00:00:00"), CL_OK, "a second later: extended");
	is(c.state, CL_HANDLED, "still handled");
	c.prov = 1;
	R(&c, NULL, "answered", "2026-10-18 09:00");
	is(row(&c, NULL, "extended", "2026-10-19 09:00", "", "", "2026-10-30"),
	    CL_OK, "extended after answered");
	is(c.prov, 0, "a deadline from the log is never provisional");
	/* an assignment without a deadline: any extension */
	bring(&c, CL_ASSIGNED);
	is(row(&c, NULL, "extended", "2026-10-20 09:00", "", "", "2026-10-01"),
	    CL_OK, "no deadline before: any date extends");
	is(c.deadline, T("2026-10-01 23:59:59"), "and is the deadline");
}

static void
test_figures(void)
{
	struct caselog_case c;
	struct caselog_figures f;
	int64_t asof = CL.asof;

	/* closed exactly at the deadline: on time */
	bring(&c, CL_FILED);
	row(&c, NULL, "assigned", "2026-10-14 09:00", "", "",
	    "2026-10-16 09:00");
	R(&c, NULL, "handled", "2026-10-15 09:00");
	R(&c, NULL, "answered", "2026-10-16 08:00");
	R(&c, NULL, "closed", "2026-10-16 09:00:00");
	caselog_figures(&CL, &c, &f, &why);
	ok(f.on_time == 1 && f.overdue == 0, "closed at the deadline: on time");
	is(f.days, 2, "Wednesday to Friday: 2 working days");
	c.closed++;
	caselog_figures(&CL, &c, &f, &why);
	ok(f.on_time == 0 && f.overdue == 1, "a second later: overdue");
	/* closed the day it was assigned: 0 days */
	c.closed = c.assigned + 3600;
	caselog_figures(&CL, &c, &f, &why);
	is(f.days, 0, "closed on the day of assignment: 0");
	/* over the National Day holiday */
	c.assigned = T("2026-09-30 10:00");
	c.closed = T("2026-10-09 10:00");
	caselog_figures(&CL, &c, &f, &why);
	is(f.days, 2, "09-30 to 10-09: 10-08 and 10-09 are worked: 2");
	c.closed = T("2026-10-12 10:00");
	caselog_figures(&CL, &c, &f, &why);
	is(f.days, 4, "to 10-12: and Saturday 10-10 worked, 10-12: 4");
	/* closed without an assignment: no working days */
	c.assigned = -1;
	caselog_figures(&CL, &c, &f, &why);
	is(f.days, -1, "no assignment: no working days");
	/* open: overdue against as-of */
	bring(&c, CL_HANDLED);
	c.deadline = asof;
	caselog_figures(&CL, &c, &f, &why);
	ok(!f.closed && f.overdue == 0 && f.on_time == -1 && f.days == -1,
	    "open, due at as-of itself: not overdue");
	c.deadline = asof - 1;
	caselog_figures(&CL, &c, &f, &why);
	is(f.overdue, 1, "due a second before as-of: overdue");
	/* a year with no calendar */
	bring(&c, CL_CLOSED);
	c.assigned = T("2100-12-30 10:00");
	c.closed = T("2101-01-05 10:00");
	is(caselog_figures(&CL, &c, &f, &why), CL_FATAL,
	    "working days into 2101: fatal");
	isstr(why, "calendar: no calendar for 2101", "why");
}

static void
test_overdue(void)
{
	struct caselog_case c;
	long n;
	int64_t asof = CL.asof;

	/* as-of 2026-10-31 (Saturday); due_soon_days 1: by Monday 11-02 */
	bring(&c, CL_ASSIGNED);
	c.deadline = -1;
	is(caselog_due(&CL, &c, &why), 0, "no deadline: never listed");
	c.deadline = T("2026-11-02 23:59:59");
	is(caselog_due(&CL, &c, &why), 1, "due by the end of the next "
	    "working day: listed");
	c.deadline++;
	is(caselog_due(&CL, &c, &why), 0, "a second later: not");
	c.deadline = T("2026-10-01");
	is(caselog_due(&CL, &c, &why), 1, "past: listed");
	is(caselog_days_late(&CL, &c, &n, &why), CL_OK, "days late");
	is(n, 18, "due 10-01, as-of 10-31: 18 working days after 10-01 "
	    "(10-08, 10-09, Saturday 10-10 worked, then 3 weeks)");
	c.deadline = T("2026-10-31 09:00");
	caselog_days_late(&CL, &c, &n, &why);
	is(n, 0, "due on as-of's day: 0 days late");
	c.deadline = T("2026-10-30 23:59:59");
	caselog_days_late(&CL, &c, &n, &why);
	is(n, 0, "due Friday, as-of Saturday: 0 working days late");
	c.deadline = T("2026-10-29 23:59:59");
	caselog_days_late(&CL, &c, &n, &why);
	is(n, 1, "due Thursday: 1");
	CL.due_soon = 0;
	c.deadline = T("2026-11-02 00:00");
	is(caselog_due(&CL, &c, &why), 0, "due_soon_days 0: Monday not listed");
	c.deadline = T("2026-10-31 23:59:59");
	is(caselog_due(&CL, &c, &why), 1, "but as-of's own day is");
	CL.due_soon = 1;
	CL.asof = T("2100-12-31 12:00");
	is(caselog_due(&CL, &c, &why), CL_FATAL, "as-of at the end of 2100: "
	    "the next working day has no calendar");
	isstr(why, "calendar: no calendar for 2101", "why");
	CL.asof = asof;
}

static void
test_ordered(void)
{
	struct caselog_order o;
	struct caselog_case c;

	order(&o, "2026-10-20", "2026-10-15 10:00", "3", "1");
	o.prov = 1;
	is(caselog_ordered(&CL, &o, "E5", &c), 1, "an order before as-of");
	ok(c.state == CL_ORDERED && c.assigned == o.assigned &&
	    c.deadline == o.deadline && c.prov == 1 && c.reported == -1 &&
	    c.sat == -1 && strcmp(c.ev, "E5") == 0,
	    "is a case in state ordered with the order's terms");
	isstr(caselog_stepname[c.state], "ordered", "named ordered");
	order(&o, "2026-11-20", "2026-11-01 10:00", "3", "");
	is(caselog_ordered(&CL, &o, "E6", &c), 0, "assigned after as-of: none");
	order(&o, "2026-11-20", "", "3", "");
	is(caselog_ordered(&CL, &o, "E6", &c), 1, "no assigned_at: shown");
}

static void
test_groups(void)
{
	struct caselog_group g;
	struct caselog_rates r;
	struct caselog_case c;
	struct caselog_figures f;

	memset(&g, 0, sizeof g);
	caselog_rates(&g, &r);
	ok(r.disposal == 1.0 && r.on_time == 1.0 && r.satisfaction == 1.0,
	    "no cases: every rate is 1");
	ok(r.mean_days < 0, "no closed case: no mean");
	/* closed on time, satisfied */
	bring(&c, CL_FILED);
	row(&c, NULL, "assigned", "2026-10-14 09:00", "", "", "2026-10-16");
	R(&c, NULL, "handled", "2026-10-15 09:00");
	R(&c, NULL, "answered", "2026-10-15 10:00");
	row(&c, NULL, "closed", "2026-10-16 09:00", "", "1", "");
	caselog_figures(&CL, &c, &f, &why);
	caselog_tally(&CL, &g, &c, &f);
	/* closed late, not satisfied */
	c.closed = T("2026-10-19 09:00");
	c.sat = 0;
	caselog_figures(&CL, &c, &f, &why);
	caselog_tally(&CL, &g, &c, &f);
	/* open and overdue */
	bring(&c, CL_HANDLED);
	c.deadline = T("2026-10-20");
	caselog_figures(&CL, &c, &f, &why);
	caselog_tally(&CL, &g, &c, &f);
	/* open, due after as-of */
	c.deadline = T("2026-11-05");
	caselog_figures(&CL, &c, &f, &why);
	caselog_tally(&CL, &g, &c, &f);
	is(g.cases, 4, "4 cases");
	is(g.due, 3, "3 due by as-of");
	is(g.closed, 2, "2 closed");
	is(g.closed_due, 2, "2 closed of those due");
	is(g.on_time, 1, "1 on time");
	is(g.overdue_open, 1, "1 open and overdue");
	ok(g.days_n == 2 && g.days_sum == 2 + 3, "working days 2 and 3");
	ok(g.satn == 2 && g.sat1 == 1, "one of two satisfied");
	caselog_rates(&g, &r);
	ok(r.disposal == 2.0 / 3.0, "disposal rate 2/3");
	ok(r.on_time == 1.0 / 3.0, "on-time rate 1/3");
	ok(r.satisfaction == 0.5, "satisfaction 1/2");
	ok(r.mean_days == 2.5, "mean working days 2.5");
}

static void
test_policy(void)
{
	char dir[] = "/tmp/caselog-unit-XXXXXX", path[64], want[128];
	struct caselog cl;
	policy *p;
	FILE *fp;

	if (!mkdtemp(dir)) {
		ok(0, "a temporary directory");
		return;
	}
	snprintf(path, sizeof path, "%s/soon.conf", dir);
	fp = fopen(path, "w");
	fputs("include = gansu\n[track]\ndue_soon_days = 367\n", fp);
	fclose(fp);
	p = policy_load(path, &why);
	ok(p != NULL, "a policy with due_soon_days 367 loads");
	if (p) {
		is(caselog_init(&cl, p, &why), -1, "the engine refuses it");
		snprintf(want, sizeof want, "policy '%s': "
		    "track.due_soon_days must be 0 to 366", path);
		isstr(why, want, "why");
		caselog_free(&cl);
		policy_free(p);
	}
	unlink(path);
	rmdir(dir);
}

static void
test_book(void)
{
	struct caselog_book b;
	struct caselog_open *k, *a;
	char order[64];

	caselog_book_init(&b);
	is(caselog_book_find(&b, 7, "A", 1, &k), CLB_NONE, "an empty book");
	ok(k == NULL && caselog_book_first(&b) == NULL, "holds nothing");
	a = caselog_book_add(&b, 7, "A", 1, "E-A", 3);
	ok(a->c.state == CL_NONE && strcmp(a->id, "A") == 0 &&
	    strcmp(a->c.ev, "E-A") == 0 && a->key == 7,
	    "a new case: its id, event_id and key, no state");
	caselog_book_add(&b, 8, "B", 1, "", 0);
	caselog_book_add(&b, 9, "C", 1, "E-C", 3);
	is(caselog_book_find(&b, 8, "B", 1, &k), CLB_OPEN, "found open");
	isstr(k->id, "B", "the case under its key");
	is(caselog_book_find(&b, 8, "X", 1, &k), CLB_CLASH,
	    "another case_id under the same key: a clash");
	isstr(k->id, "B", "with the case already there");
	caselog_book_close(&b, k);
	is(caselog_book_find(&b, 8, "B", 1, &k), CLB_CLOSED, "closed stays");
	ok(k == NULL, "and holds nothing");
	caselog_book_add(&b, 10, "D", 1, "", 0);	/* reuses B's slot */
	order[0] = '\0';
	for (k = caselog_book_first(&b); k; k = caselog_book_next(&b, k))
		strcat(order, k->id);
	isstr(order, "ACD", "open cases in order of first appearance");
	k = caselog_book_first(&b);
	caselog_book_close(&b, k);
	k = caselog_book_first(&b);
	isstr(k->id, "C", "closing the first: the next is first");
	caselog_book_close(&b, caselog_book_next(&b, k));
	ok(caselog_book_next(&b, k) == NULL, "closing the last: none after");
	caselog_book_free(&b);
	ok(b.map == NULL && b.k == NULL, "freed");
}

int
main(void)
{
	policy *p;

	if (!(p = policy_load(NULL, &why))) {
		printf("Bail out! %s\n", why);
		return 1;
	}
	if (caselog_init(&CL, p, &why) < 0) {
		printf("Bail out! %s\n", why);
		return 1;
	}
	is(CL.due_soon, 1, "default policy: due_soon_days 1");
	CL.cal = cal_open(NULL);
	CL.asof = T("2026-10-31 23:59:59");
	test_names();
	test_loop();
	test_transitions();
	test_row_faults();
	test_asof();
	test_orders();
	test_deadlines();
	test_extensions();
	test_figures();
	test_overdue();
	test_ordered();
	test_groups();
	test_policy();
	test_book();
	caselog_free(&CL);
	cal_close(CL.cal);
	policy_free(p);
	return done();
}
