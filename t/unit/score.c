/*
 * score.c unit test: the assessment engine on rows built in C — an
 * indicator's edges (the patrol mark, rates for want of any, coverage
 * capped at the households, days and weeks from hiring, a late report
 * by one second, the category's urgency), rounding at x.xx5, the caps,
 * grade boundaries, ties in ranks, quarters, and the failure paths.
 */
#include <limits.h>
#include <stdlib.h>

#include "gridwork.h"
#include "tap.h"

static struct score S;
static policy *pol;
static calendar *cal;

static struct score_field
fld(const char *s)
{
	struct score_field f = { s, strlen(s) };

	return f;
}

#define F(x) fld(x)
/* one row of table t, the fields in the table's column order */
#define ROW(t, ...) score_row(&S, t, (const struct score_field[]){ __VA_ARGS__ })

#define G1 "140824100200001"	/* township 140824100 */
#define G2 "140824100201001"
#define G3 "140824101200001"	/* township 140824101 */

static void
start(const char *profile, const char *period)
{
	const char *why = "";
	long first, last;
	int r;

	score_init(&S);
	if (!(pol = policy_load(profile, &why)))
		printf("# %s\n", why);
	r = score_policy(&S, pol, &why);
	if (r < 0)
		printf("# %s\n", why);
	if (period[5] == 'W')
		r = week_parse(period, &first, &last);
	else
		r = month_parse(period, &first, &last);
	if (r == 0 && score_days(&S, period, first, last, cal, &why) < 0)
		printf("# %s\n", why);
}

static void
finish(void)
{
	score_free(&S);
	policy_free(pol);
	pol = NULL;
}

static struct score_worker *
W(const char *id)
{
	long i = strtab_find(S.wid, id, strlen(id));

	return i < 0 ? NULL : &S.w[i];
}

/* rejected, with this column and reason */
static void
rejected(int r, const char *col, const char *why, const char *what)
{
	ok(r == 1 && S.rcol && strcmp(S.rcol, col) == 0 &&
	    strcmp(S.why.s, why) == 0, "rejects %s: column '%s': %s", what,
	    col, why);
	if (r != 1 || !S.rcol || strcmp(S.rcol, col) != 0 ||
	    strcmp(S.why.s, why) != 0)
		printf("#   got %d '%s' '%s'\n", r, S.rcol ? S.rcol : "",
		    r == 1 ? S.why.s : "");
}

/* a login and patrol of `min` minutes on every working day from `from` */
static void
every_day(const char *who, long from, long min)
{
	char d[11], m[16];
	long day;

	snprintf(m, sizeof m, "%ld", min);
	for (day = from; day <= S.last; day++) {
		if (!S.working[day - S.first])
			continue;
		date_fmt(day, d);
		ROW(SCORE_LOGINS, F(who), F(d));
		ROW(SCORE_PATROLS, F(who), F(d), F(m));
	}
}

static void
base(void)
{
	ROW(SCORE_GRIDS, F(G1), F("4"));
	ROW(SCORE_GRIDS, F(G2), F("200"));
	ROW(SCORE_GRIDS, F(G3), F("0"));
	ROW(SCORE_ASSIGNMENT, F("H1"), F(G1));
	ROW(SCORE_ASSIGNMENT, F("H2"), F(G1));
	ROW(SCORE_ASSIGNMENT, F("H9"), F(G2));
}

static void
test_fmt(void)
{
	char b[48];
	int64_t h = -1;

	isstr(score_fracfmt(85015, 1000, 2, b, sizeof b), "85.02",
	    "85.015 rounds half-up to 85.02");
	isstr(score_fracfmt(85014999, 1000000, 2, b, sizeof b), "85.01",
	    "85.014999 rounds down");
	isstr(score_fracfmt(-85015, 1000, 2, b, sizeof b), "-85.01",
	    "-85.015 rounds half-up, towards +inf: -85.01");
	isstr(score_fracfmt(1, 3, 4, b, sizeof b), "0.3333", "1/3 is 0.3333");
	isstr(score_fracfmt(2, 3, 4, b, sizeof b), "0.6667", "2/3 is 0.6667");
	isstr(score_fracfmt(1, 20000, 4, b, sizeof b), "0.0001",
	    "0.00005 rounds up to 0.0001");
	isstr(score_fracfmt(7, 2, 0, b, sizeof b), "4", "3.5 to 0 places: 4");
	isstr(score_hfmt(-2000, b, sizeof b), "-20.00", "hundredths -20.00");
	ok(score_hparse("1.5", 3, &h) == 0 && h == 150, "1.5 is 150");
	ok(score_hparse(" 5 ", 3, &h) == 0 && h == 500, "' 5 ' is 500");
	ok(score_hparse("0.25", 4, &h) == 0 && h == 25, "0.25 is 25");
	ok(score_hparse("1.234", 5, &h) < 0, "three decimals refused");
	ok(score_hparse("-1", 2, &h) < 0, "a sign refused");
	ok(score_hparse("", 0, &h) < 0, "empty refused");
	ok(score_hparse("1.2.3", 5, &h) < 0, "two points refused");
	ok(score_hparse("92233720368547759", 17, &h) < 0,
	    "points beyond int64 hundredths refused, not overflowed");
	ok(score_hparse("92233720368547758.9", 19, &h) < 0,
	    "so with one decimal");
	ok(score_hparse("922337203685477.58", 18, &h) == 0 &&
	    h == 92233720368547758, "the largest with two decimals fits");
}

/* W4 of t/score-month/edge: every rate 1 but coverage 1 / (200 x 5) */
static void
test_rounding(void)
{
	struct score_worker *w;

	start("gansu", "2026-10");
	base();
	ok(ROW(SCORE_WORKERS, F("W4"), F(G2), F(""), F(""), F("")) == 0,
	    "a worker without hiring date and township");
	every_day("W4", S.first, 120);
	ok(ROW(SCORE_VISITS, F("W4"), F("2026-10-08"), F("H9")) == 0,
	    "a visit");
	ok(ROW(SCORE_VISITS, F("W4"), F("2026-10-09"), F("H9")) == 0,
	    "the same household again that week: accepted");
	score_compute(&S);
	w = W("W4");
	ok(w && w->scored, "W4 scored");
	is(w->num[SCORE_COV], 1, "coverage numerator: one household once");
	is(w->den[SCORE_COV], 1000, "coverage denominator: 200 x 5 weeks");
	is(w->num[SCORE_DIS] * 1000 + w->den[SCORE_DIS], 1001,
	    "no events in the grid: discovery 1/1");
	is(w->score, 8502, "10 + 20 + 0.015 + 15 + 15 + 10 + 5 + 10 = "
	    "85.015 rounds to 85.02");
	isstr(S.p.gname[w->grade], "称职", "85.02 is 称职");
	isstr(score_str(&S, w->town), "140824100",
	    "the township from the grid code");
	finish();
}

static void
test_indicators(void)
{
	struct score_worker *w;
	char d[11];
	long day;
	int r;

	start("gansu", "2026-10");
	base();
	ROW(SCORE_WORKERS, F("W1"), F(G1), F("140824100"), F("2020-01-01"), F(""));
	ROW(SCORE_WORKERS, F("W2"), F(G1), F(""), F("2026-10-26"), F(""));
	ROW(SCORE_WORKERS, F("W3"), F(G1), F(""), F("2026-11-02"), F(""));
	/* the patrol mark: 119 no, 120 yes, 60 + 60 yes */
	is(ROW(SCORE_PATROLS, F("W1"), F("2026-10-12"), F("119")), 0,
	    "119 minutes accepted");
	ROW(SCORE_PATROLS, F("W1"), F("2026-10-13"), F("120"));
	ROW(SCORE_PATROLS, F("W1"), F("2026-10-14"), F("60"));
	ROW(SCORE_PATROLS, F("W1"), F("2026-10-14"), F("60"));
	ROW(SCORE_PATROLS, F("W1"), F("2026-10-11"), F("300"));	/* Sunday */
	ROW(SCORE_LOGINS, F("W1"), F("2026-10-11"));	/* Sunday */
	ROW(SCORE_LOGINS, F("W1"), F("2026-10-10"));	/* worked Saturday */
	ROW(SCORE_LOGINS, F("W1"), F("2026-10-10"));	/* twice: one day */
	r = ROW(SCORE_PATROLS, F("W1"), F("2026-10-15"), F("1441"));
	rejected(r, "minutes", "not a number of minutes 0..1440: '1441'",
	    "1441 minutes");
	/* coverage capped at the households: W2's last week, 3 of 4...
	   visits only: H1, H2 of G1 (2 households assigned, 4 listed) */
	ROW(SCORE_VISITS, F("W2"), F("2026-10-27"), F("H1"));
	ROW(SCORE_VISITS, F("W2"), F("2026-10-28"), F("H2"));
	ROW(SCORE_VISITS, F("W2"), F("2026-11-01"), F("H2"));
	r = ROW(SCORE_VISITS, F("W2"), F("2026-11-02"), F("H1"));
	rejected(r, "date", "date '2026-11-02' outside the period's window "
	    "2026-09-28..2026-11-01", "a visit after the last ISO week");
	r = ROW(SCORE_VISITS, F("W2"), F("2026-10-20"), F("H1"));
	rejected(r, "date", "date '2026-10-20' before the worker was hired "
	    "(2026-10-26)", "a visit before hiring");
	r = ROW(SCORE_VISITS, F("W1"), F("2026-10-20"), F("H9"));
	rejected(r, "household_id", "household 'H9' is in grid " G2 ", not "
	    "the worker's grid " G1, "a visit outside the worker's grid");
	/* late by one second, and on the mark */
	ROW(SCORE_EVENTS, F("E1"), F(G1), F("2026-10-09 10:00:01"),
	    F("worker"), F("2026-10-09 09:00:00"), F("W1"), F("02"), F(""));
	ROW(SCORE_EVENTS, F("E2"), F(G1), F("2026-10-09 10:00:00"),
	    F("worker"), F("2026-10-09 09:00:00"), F("W1"), F("02"), F(""));
	/* a 4-digit category without its own entry: its first level's */
	ROW(SCORE_EVENTS, F("E3"), F(G1), F("2026-10-10 10:00:01"),
	    F("worker"), F("2026-10-10 09:00:00"), F("W1"), F("0501"), F(""));
	/* a 4-digit category with its own entry (urgent) */
	ROW(SCORE_EVENTS, F("E4"), F(G1), F("2026-10-10 10:00:01"),
	    F("worker"), F("2026-10-10 09:00:00"), F("W1"), F("0701"), F(""));
	/* the urgency column wins over the category */
	ROW(SCORE_EVENTS, F("E5"), F(G1), F("2026-10-10 10:00:01"),
	    F("worker"), F("2026-10-10 09:00:00"), F("W1"), F("02"),
	    F("normal"));
	/* no finding time: never late; a resident's counts for the grid */
	ROW(SCORE_EVENTS, F("E6"), F(G1), F("2026-10-10 10:00:01"),
	    F("worker"), F(""), F("W1"), F("02"), F(""));
	ROW(SCORE_EVENTS, F("E7"), F(G1), F("2026-10-10 10:00:01"),
	    F("resident"), F(""), F(""), F(""), F(""));
	/* reported after the month: accepted, not used */
	is(ROW(SCORE_EVENTS, F("E8"), F(G1), F("2026-11-01 00:00:00"),
	    F("worker"), F(""), F("W1"), F("02"), F("")), 0,
	    "an event of November accepted");
	/* cases: due at the last second, closed at it and one later */
	ROW(SCORE_CASES, F("K1"), F(G1), F("2026-10-31 23:59:59"),
	    F("2026-10-31 23:59:59"), F("1"));
	ROW(SCORE_CASES, F("K2"), F(G1), F("2026-10-31"),
	    F("2026-11-01 00:00:00"), F(""));
	ROW(SCORE_CASES, F("K3"), F(G1), F("2026-11-01"), F(""), F(""));
	ROW(SCORE_TRAININGS, F("W1"), F("2026-10-20"), F("S1"), F("1"));
	ROW(SCORE_TRAININGS, F("W1"), F("2026-10-21"), F("S2"), F("0"));
	ROW(SCORE_BONUS, F("W1"), F("2026-10"), F("4"), F("a"));
	ROW(SCORE_BONUS, F("W1"), F("2026-10"), F("3"), F("b"));
	score_compute(&S);

	w = W("W1");
	is(w->patrol, 2, "patrols: 120 and 60 + 60 reach the mark, 119 and "
	    "a Sunday do not");
	is(w->login, 1, "logins: the worked Saturday once, not the Sunday");
	for (day = S.first, r = 0; day <= S.last; day++)
		r += S.working[day - S.first];
	is(w->wd, r, "W1's working days: every working day of October");
	date_fmt(S.first, d);
	isstr(d, "2026-10-01", "the period starts on the 1st");
	is(w->late, 2, "late: by one second, and the first level's "
	    "immediate; not on the mark, not urgent, not with a normal "
	    "urgency column, not without a finding time");
	is(w->own, 6, "W1 reported 6 of the grid's events of October");
	is(S.g[w->grid].events, 7, "the grid's events of October: 7");
	is(S.g[w->grid].due, 2, "cases due in October: 2 (K3 due in "
	    "November)");
	is(S.g[w->grid].ontime, 1, "on time: closed at the deadline's "
	    "second");
	is(S.g[w->grid].closed, 1, "closed by the month's end: 1");
	is(S.g[w->grid].answered, 1, "answered: 1");
	is(w->ded, 2 * 200 + 100, "deductions: 2 late x 2 + 1 overdue x 1");
	is(w->bon, 500, "bonus 4 + 3 capped at 5");
	is(w->num[SCORE_TRN] * 10 + w->den[SCORE_TRN], 12,
	    "training 1 of 2");

	w = W("W2");
	ok(w->scored, "W2, hired Monday 26 October, scored");
	is(w->wd, 5, "W2: 5 working days from hiring");
	is(w->nweek, 1, "W2: only the last week counts for coverage");
	is(w->num[SCORE_COV], 2, "coverage: 2 households (H2 twice once)");
	is(w->den[SCORE_COV], 4, "over 4 households x 1 week");
	is(w->num[SCORE_DIS] * 10 + w->den[SCORE_DIS], 7,
	    "discovery 0 of the grid's 7 events");
	ok(!W("W3")->scored, "W3, hired after the month: not scored");
	finish();
}

static void
test_caps(void)
{
	struct score_worker *w;
	char id[16], b[64];
	int i;

	start("gansu", "2026-10");
	base();
	ROW(SCORE_WORKERS, F("W5"), F(G3), F(""), F(""), F(""));
	for (i = 0; i < 21; i++) {
		snprintf(id, sizeof id, "K%d", i);
		ROW(SCORE_CASES, F(id), F(G3), F("2026-10-20"), F(""), F(""));
	}
	ROW(SCORE_BONUS, F("W5"), F("2026-10"), F("20000000000000000"),
	    F("huge"));
	ROW(SCORE_BONUS, F("W5"), F("2026-10"), F("20000000000000000"),
	    F("huge again: saturates"));
	score_compute(&S);
	w = W("W5");
	is(w->ded, 2000, "21 overdue cases: the deduction cap, 20");
	is(w->bonus, INT64_MAX / 4, "a huge bonus saturates");
	is(w->bon, 500, "and is capped at 5");
	/* 0 + 0 + 15 (no households: 1) + 15 + 0 + 0 + 5 + 10 - 20 + 5 */
	is(w->score, 3000, "score 30.00");
	score_hfmt(w->score, b, sizeof b);
	isstr(b, "30.00", "as text");
	finish();
}

static void
test_grades(void)
{
	static const struct { int64_t h; const char *g; } c[] = {
		{ 10500, "优秀" }, { 9000, "优秀" }, { 8999, "称职" },
		{ 7500, "称职" }, { 7499, "基本称职" }, { 6000, "基本称职" },
		{ 5999, "不称职" }, { 0, "不称职" },
	};
	size_t i;

	start("gansu", "2026-10");
	is(S.p.ngrade, 4, "gansu: four grades");
	for (i = 0; i < sizeof c / sizeof c[0]; i++)
		isstr(S.p.gname[score_grade(&S, c[i].h)], c[i].g,
		    "%lld.%02lld is %s", (long long)c[i].h / 100,
		    (long long)c[i].h % 100, c[i].g);
	finish();
}

static void
test_ranks(void)
{
	struct score_rank r[] = {
		{ "B", "140824100", 8000, 0, 0, 0, 0 },
		{ "D", "140824100", 7000, 0, 0, 1, 0 },
		{ "A", "140824100", 8000, 0, 0, 2, 0 },
		{ "C", "140824100", 9000, 0, 0, 3, 0 },
		{ "E", "140824101", 8500, 0, 0, 4, 0 },
		{ "F", "140824101", 8000, 0, 0, 5, 0 },
		{ "G", "140825100", 1000, 0, 0, 6, 0 },
	};
	static const char *const id[] = { "C", "A", "B", "D", "E", "F", "G" };
	static const long rt[] = { 1, 2, 2, 4, 1, 2, 1 };
	static const long rc[] = { 1, 3, 3, 6, 2, 3, 1 };
	size_t i, n = sizeof r / sizeof r[0];

	score_rank(r, n);
	for (i = 0; i < n; i++) {
		isstr(r[i].id, id[i], "row %zu is %s", i, id[i]);
		is(r[i].rtown, rt[i], "%s: township rank %ld", id[i], rt[i]);
		is(r[i].rcounty, rc[i], "%s: county rank %ld", id[i], rc[i]);
	}
	score_rank(r, 0);
	ok(1, "no rows to rank");
}

static void
test_span(void)
{
	struct score_rank *r, *g;
	const char *why = "";
	size_t n, ng;
	int y = 0, q = -1, months;

	ok(score_span_parse("2026-Q3", 1, &y, &q) == 0 && y == 2026 && q == 3,
	    "2026-Q3");
	ok(score_span_parse("2026", 0, &y, &q) == 0 && y == 2026 && q == 0,
	    "2026");
	ok(score_span_parse("26", 0, &y, &q) < 0, "26 is not a year");
	ok(score_span_parse("0999", 0, &y, &q) < 0, "0999 is not a year");
	ok(score_span_parse("2026x", 0, &y, &q) < 0, "2026x is not a year");
	ok(score_span_parse("+2026", 0, &y, &q) < 0, "+2026 is not a year");
	ok(score_span_parse("2026-Q5", 1, &y, &q) < 0, "2026-Q5");
	ok(score_span_parse("2026-Q0", 1, &y, &q) < 0, "2026-Q0");
	ok(score_span_parse("2026-Q1x", 1, &y, &q) < 0, "2026-Q1x");
	ok(score_span_parse("2026Q1", 1, &y, &q) < 0, "2026Q1");
	ok(score_span_parse("2026", 1, &y, &q) < 0, "2026 is not a quarter");

	score_init(&S);
	pol = policy_load("gansu", &why);
	score_policy(&S, pol, &why);
	score_span(&S, 2026, 3);
	isstr(S.period, "2026-Q3", "the period's name");
	ROW(SCORE_SCORES, F("2026-08"), F("B"), F(G2), F(""), F("85.00"));
	ROW(SCORE_SCORES, F("2026-09"), F("B"), F(G2), F(""), F("85.01"));
	ROW(SCORE_SCORES, F("2026-10"), F("B"), F(G2), F(""), F("10"));
	ROW(SCORE_SCORES, F("2026-07"), F("A"), F(G1), F("140824100"),
	    F("90"));
	rejected(ROW(SCORE_SCORES, F("2026-07"), F("A"), F(G1), F(""),
	    F("91")), "worker_id", "a second score of worker 'A' for "
	    "2026-07", "a second score of a month");
	rejected(ROW(SCORE_SCORES, F("2026-13"), F("A"), F(G1), F(""),
	    F("91")), "month", "not a month YYYY-MM: '2026-13'", "month 13");
	rejected(ROW(SCORE_SCORES, F("2026-08"), F("A"), F(G1), F(""),
	    F("91.001")), "score", "not a score >= 0 with at most two "
	    "decimals: '91.001'", "a score of three decimals");
	r = score_workers(&S, &n);
	is(n, 2, "two workers in 2026-Q3");
	is(score_qscore(&S, &S.q[0], &months), 8501,
	    "(85.00 + 85.01) / 2 = 85.005 rounds to 85.01");
	is(months, 2, "B: two months");
	g = score_grids(&S, r, n, &ng);
	is(ng, 2, "two grids, from the workers' grids");
	score_rank(r, n);
	isstr(r[0].id, "A", "A first: 90.00");
	free(r);
	free(g);
	score_free(&S);

	/* the year: the mean of the quarters present */
	score_init(&S);
	score_policy(&S, pol, &why);
	score_span(&S, 2026, 0);
	ROW(SCORE_SCORES, F("2026-01"), F("A"), F(G1), F(""), F("60"));
	ROW(SCORE_SCORES, F("2026-02"), F("A"), F(G1), F(""), F("80"));
	ROW(SCORE_SCORES, F("2026-12"), F("A"), F(G1), F(""), F("100"));
	is(score_qscore(&S, &S.q[0], &months), 8500,
	    "year: (70 + 100) / 2 = 85.00, not the mean of the months");
	is(months, 3, "three months");
	finish();
}

static void
test_failures(void)
{
	const char *why = "";
	char path[] = "/tmp/gwscoreXXXXXX";
	FILE *fp;
	size_t ng;
	int fd, r;

	start("gansu", "2026-10");
	base();
	ng = S.ng;
	rejected(ROW(SCORE_GRIDS, F(G1), F("1")), "grid_code",
	    "grid '" G1 "' listed twice", "a grid twice");
	rejected(ROW(SCORE_GRIDS, F("14082410020000"), F("1")), "grid_code",
	    "bad grid code '14082410020000': grid code must have 15 digits, "
	    "found 14", "a short grid code");
	rejected(ROW(SCORE_GRIDS, F("140824100203001"), F("-1")), "households",
	    "not a count: '-1'", "a negative count");
	is(S.ng, ng, "a rejected grid adds none");
	rejected(ROW(SCORE_ASSIGNMENT, F("H1"), F(G2)), "household_id",
	    "household 'H1' assigned twice", "a household twice");
	rejected(ROW(SCORE_WORKERS, F(""), F(G1), F(""), F(""), F("")), "worker_id",
	    "empty worker id", "an empty worker id");
	rejected(ROW(SCORE_WORKERS, F("W1"), F(G1), F("140824101"), F(""), F("")),
	    "township_code", "township '140824101' is not the township of "
	    "grid '" G1 "'", "another township");
	rejected(ROW(SCORE_WORKERS, F("W1"), F(G1), F(""), F("2020-13-01"), F("")),
	    "hired_on", "not a date: '2020-13-01'", "a bad hiring date");
	is(S.nw, 0, "rejected workers add none");
	ROW(SCORE_WORKERS, F("W1"), F(G1), F(""), F(""), F(""));
	rejected(ROW(SCORE_LOGINS, F("W9"), F("2026-10-12")), "worker_id",
	    "unknown worker 'W9'", "an unknown worker");
	rejected(ROW(SCORE_LOGINS, F("W1"), F("12/10/2026")), "date",
	    "not a date: '12/10/2026'", "a bad date");
	rejected(ROW(SCORE_EVENTS, F("E1"), F(G1), F("2026-10-09 25:00:00"),
	    F("worker"), F(""), F("W1"), F(""), F("")), "reported_at",
	    "not a time: '2026-10-09 25:00:00'", "hour 25");
	rejected(ROW(SCORE_EVENTS, F("E1"), F(G1), F("2026-10-09 10:00:00"),
	    F("wokrer"), F(""), F("W1"), F(""), F("")), "source",
	    "not worker, resident, hotline or inspection: 'wokrer'",
	    "a bad source");
	ROW(SCORE_EVENTS, F("E1"), F(G1), F("2026-10-09 10:00:00"),
	    F("hotline"), F(""), F(""), F(""), F(""));
	rejected(ROW(SCORE_EVENTS, F("E1"), F(G1), F("2026-10-09 10:00:00"),
	    F("hotline"), F(""), F(""), F(""), F("")), "event_id",
	    "event 'E1' listed twice", "an event twice");
	is(S.g[0].events, 1, "the event counted once");
	rejected(ROW(SCORE_CASES, F("K1"), F(G1), F(""), F(""), F("2")),
	    "satisfied", "not 0, 1 or empty: '2'", "satisfied 2");
	rejected(ROW(SCORE_TRAININGS, F("W1"), F("2026-10-12"), F("S1"),
	    F("yes")), "attended", "not 0 or 1: 'yes'", "attended yes");
	ROW(SCORE_TRAININGS, F("W1"), F("2026-10-12"), F("S1"), F("1"));
	rejected(ROW(SCORE_TRAININGS, F("W1"), F("2026-10-13"), F("S1"),
	    F("1")), "session_id", "session 'S1' listed twice for the worker",
	    "a session twice");
	rejected(ROW(SCORE_BONUS, F("W1"), F("2026-09"), F("1"), F("")),
	    "month", "month '2026-09' is not 2026-10", "a bonus of September");
	rejected(ROW(SCORE_BONUS, F("W1"), F("2026-10"), F("-1"), F("")),
	    "points", "not a number of points >= 0 with at most two "
	    "decimals: '-1'", "negative points");
	r = score_days(&S, "x", S.first, S.first + 31, cal, &why);
	ok(r < 0 && strcmp(why, "a period of 1 to 31 days, not 32") == 0,
	    "a period of 32 days refused");
	finish();

	/* a policy whose weights do not sum to 100 */
	if ((fd = mkstemp(path)) < 0 || !(fp = fdopen(fd, "w"))) {
		ok(0, "temporary policy");
		return;
	}
	fputs("include = gansu\n[score]\nweight.training = 6\n", fp);
	fclose(fp);
	score_init(&S);
	pol = policy_load(path, &why);
	r = score_policy(&S, pol, &why);
	ok(r < 0 && strstr(why, "the score.weight.* sum to 101, not 100"),
	    "weights summing to 101 refused: %s", why);
	finish();
	if (!(fp = fopen(path, "w"))) {
		ok(0, "temporary policy");
		return;
	}
	fputs("include = gansu\n[score]\ngrade.卓越 = 95\n", fp);
	fclose(fp);
	score_init(&S);
	pol = policy_load(path, &why);
	r = score_policy(&S, pol, &why);
	ok(r < 0 && strstr(why, "grades must be listed highest first"),
	    "grades out of order refused: %s", why);
	finish();
	remove(path);
}

int
main(void)
{
	cal = cal_open(NULL);
	test_fmt();
	test_rounding();
	test_indicators();
	test_caps();
	test_grades();
	test_ranks();
	test_span();
	test_failures();
	cal_close(cal);
	return done();
}
