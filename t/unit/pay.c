/*
 * pay.c unit test: the pay engine on records written here, no fixture
 * files: the line items, a floor top-up (county minimum wage, rural
 * part-time, exempt role), a proration, rounding half-up at x.xx5, the
 * budget lines and their sums, and the failure paths with the wording
 * pay-calc prints.  The policies are text in this file, written to a
 * temporary directory for policy_load(); every day of the test's
 * calendar is a working day, so September 2026 has 30.
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static char dir[64];
static char path[128];

static const char base_conf[] =
    "[pay]\n"
    "base.专职网格员 = 1000.00\n"
    "base.兼职网格员 = 300.00\n"
    "base.专属网格员 = 0.00\n"
    "pot.fulltime = 600.00\n"
    "pot.parttime = 200.00\n"
    "coef.称职 = 1.0\n"
    "coef.不称职 = 0\n"
    "coef_unscored = 1.0\n"
    "case_default = 5.00\n"
    "floor.fulltime = 2020.00\n"
    "floor.parttime_rural = 500.00\n"
    "floor_exempt = 专属网格员\n"
    "minwage.620121 = 1960.00\n"
    "accident_insurance_year = 1.02\n"
    "scale_posts = 一岗\n"
    "scale.一岗 = 2600.00 2660.01\n";

/* The policy of text (base_conf unless bare, then more), loaded from
   path. */
static policy *
polx(const char *more, int bare)
{
	const char *why;
	policy *p;
	FILE *f;

	if (!(f = fopen(path, "w")))
		return NULL;
	fputs(bare ? "[pay]\n" : base_conf, f);
	fputs(more, f);
	fclose(f);
	if (!(p = policy_load(path, &why)))
		printf("# policy_load: %s\n", why);
	return p;
}

static policy *
pol(const char *more)
{
	return polx(more, 0);
}

/* The message pay_init() gives for the policy polx(more, bare). */
static const char *
init_why(const char *more, int bare)
{
	static char buf[512];
	struct pay p;
	const char *why = "";
	policy *pl = polx(more, bare);

	memset(&p, 0, sizeof p);
	snprintf(buf, sizeof buf, "(loaded)");
	if (pl && pay_init(&p, pl, &why) < 0)
		snprintf(buf, sizeof buf, "%s", why);
	pay_free(&p);
	policy_free(pl);
	return buf;
}

/* fmt with each %s the policy's path, for messages naming it. */
static const char *
at(const char *fmt)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, fmt, path, path);
	return buf;
}

static long
everyday(void *arg, long from, long to, const char **why)
{
	(void)arg;
	(void)why;
	return to < from ? 0 : to - from + 1;
}

static long
noday(void *arg, long from, long to, const char **why)
{
	(void)arg, (void)from, (void)to, (void)why;
	return 0;
}

static long
nocal(void *arg, long from, long to, const char **why)
{
	(void)arg, (void)from, (void)to;
	*why = "no calendar for 2026";
	return -1;
}

/* The test's category lookup: 01.. pays 20.00, 99 fails, else 5.00. */
static int
subsidy(void *arg, const char *cat, size_t n, int64_t *fen,
    const char **why)
{
	int *calls = arg;

	++*calls;
	if (n >= 2 && memcmp(cat, "99", 2) == 0) {
		*why = "no such category";
		return -1;
	}
	*fen = n >= 2 && memcmp(cat, "01", 2) == 0 ? 2000 : 500;
	return 0;
}

/* Hires a worker; the index, or -1 with *why (and *col). */
static long
hire(struct pay *p, const char *id, const char *role, const char *emp,
    const char *grid, int kind, const char *hired, const char *post,
    const char *grade, const char **col, const char **why)
{
	struct pay_hire h;
	char town[LVL_TOWN + 1];
	long ri, day = LONG_MIN;
	int e;

	*col = "role";
	if ((ri = pay_role(p, role, strlen(role), why)) < 0)
		return -1;
	*col = "employment";
	if ((e = pay_employment(p, emp, strlen(emp), why)) < 0)
		return -1;
	if (hired)
		date_parse(hired, strlen(hired), &day);
	code_prefix(grid, LVL_TOWN, town);
	memset(&h, 0, sizeof h);
	h.id = id;
	h.name = id;
	h.namelen = strlen(id);
	h.role = (size_t)ri;
	h.emp = e;
	h.grid = grid;
	h.town = town;
	h.kind = kind;
	h.hired = day;
	h.haspost = post != NULL;
	h.post = post ? post : "";
	h.grade = grade ? grade : "";
	return pay_hire(p, &h, col, why);
}

static long
hire_ok(struct pay *p, const char *id, const char *role, const char *emp,
    const char *grid, int kind, const char *hired, const char *post,
    const char *grade)
{
	const char *col, *why;
	long i = hire(p, id, role, emp, grid, kind, hired, post, grade, &col,
	    &why);

	if (i < 0)
		printf("# hire %s: %s: %s\n", id, col, why);
	return i;
}

static int
event(struct pay *p, const char *id, const char *src, const char *who,
    const char *cat, const char **col, const char **why)
{
	return pay_event(p, id, strlen(id), src, strlen(src), who,
	    strlen(who), cat, strlen(cat), col, why);
}

static int
closed(struct pay *p, const char *id, const char *eid, const char *when,
    const char *cat, const char **col, const char **why)
{
	return pay_closed(p, id, strlen(id), eid, strlen(eid), when,
	    strlen(when), cat, strlen(cat), col, why);
}

static void
test_sheet(void)
{
	struct pay p;
	struct pay_line *b = NULL;
	const char *why = "", *col = "";
	policy *pl = pol("");
	size_t nb = 0;
	long w1, w2, w3, w4, w5, w6;
	int calls = 0;

	is(pay_init(&p, pl, &why), 0, "pay_init on a policy of the test");
	is(p.ins_month, 9, "insurance 1.02 a year: 0.085 a month rounds up "
	    "to 0.09");
	p.subsidy = subsidy;
	p.subsidy_arg = &calls;
	is(pay_month(&p, day_from_ymd(2026, 9, 1), day_from_ymd(2026, 9, 30),
	    everyday, NULL, &why), 0, "pay_month 2026-09");
	is(p.wdays, 30, "30 working days");
	isstr(p.month, "2026-09", "the month as the contract writes it");

	w1 = hire_ok(&p, "W1", "专职网格员", "fulltime", "620121101201001",
	    KIND_URBAN, NULL, NULL, NULL);
	w2 = hire_ok(&p, "W2", "兼职网格员", "parttime", "620121102201001",
	    KIND_RURAL, NULL, NULL, NULL);
	w3 = hire_ok(&p, "W3", "兼职网格员", "parttime", "620121101202001",
	    KIND_URBAN, NULL, NULL, NULL);
	w4 = hire_ok(&p, "W4", "专属网格员", "fulltime", "620121101201002",
	    KIND_URBAN, NULL, NULL, NULL);
	/* the scale's grade 2: 2660.01, hired half-way */
	w5 = hire_ok(&p, "W5", "专职网格员", "fulltime", "620122100201001",
	    KIND_URBAN, "2026-09-16", "一岗", "2");
	w6 = hire_ok(&p, "W6", "专职网格员", "fulltime", "620122100201002",
	    KIND_URBAN, "2026-10-05", NULL, NULL);
	ok(w1 == 0 && w2 == 1 && w3 == 2 && w4 == 3 && w5 == 4 && w6 == 5,
	    "six workers hired in order");
	ok(p.w[5].onroster == 0 && p.w[4].onroster == 1,
	    "hired after the month: not on its roster");
	is(pay_find(&p, "W6", 2), 5, "pay_find");
	is(pay_onroster(&p, "W6", 2, &why), -1, "W6 not on the roster");
	isstr(why, "worker 'W6' not on the roster of 2026-09 (hired later)",
	    "... with the month in the reason");
	is(pay_onroster(&p, "W9", 2, &why), -1, "W9 unknown");
	isstr(why, "worker 'W9' not on the roster", "... worded so");

	is(pay_score(&p, (size_t)w2, "不称职", strlen("不称职"), &col, &why),
	    0, "W2 scored 不称职");
	is(pay_score(&p, (size_t)w5, "称职", strlen("称职"), &col, &why), 0,
	    "W5 scored 称职");
	is(pay_reward(&p, (size_t)w1, 1000, "好", strlen("好"), &why), 0,
	    "a reward of 10.00 for W1");
	is(event(&p, "E1", "worker", "W5", "0103", &col, &why), 0,
	    "an event of W5");
	is(event(&p, "E2", "hotline", "", "0103", &col, &why), 0,
	    "an event from the hotline");
	is(closed(&p, "K1", "E1", "2026-09-20 10:00:00", "", &col, &why), 0,
	    "a case of W5 closed in the month");
	is(closed(&p, "K2", "E2", "2026-09-21 10:00:00", "", &col, &why), 0,
	    "a case not reported by a worker");
	is(closed(&p, "K3", "E1", "2026-10-01 00:00:00", "", &col, &why), 0,
	    "a case closed the month after");
	is(closed(&p, "K4", "E1", "", "", &col, &why), 0, "an open case");
	is(closed(&p, "K5", "E1", "2026-09-30 23:59:59", "0103", &col, &why),
	    0, "a second case of W5, its category given");
	is(calls, 1, "the category lookup asked once for 0103");

	is(pay_compute(&p, &why), 0, "pay_compute");
	/* W1: 1000 + 600 + 10 = 1610, the county's minimum wage 1960 */
	is(p.w[0].m[PAY_BASE], 100000, "W1 base");
	is(p.w[0].m[PAY_PERF], 60000, "W1 performance, unscored: coef 1.0");
	is(p.w[0].m[PAY_REWARD], 1000, "W1 reward");
	is(p.w[0].floor, 196000, "W1 floor: minwage.620121");
	is(p.w[0].m[PAY_TOPUP], 35000, "W1 topped up by 350.00");
	is(p.w[0].m[PAY_GROSS], 196000, "W1 gross at the floor");
	/* W2: rural part-time 不称职: 300 + 0, floor 500 */
	is(p.w[1].m[PAY_PERF], 0, "W2 不称职: no performance pay");
	is(p.w[1].m[PAY_TOPUP], 20000, "W2 topped up to the rural floor");
	is(p.w[1].m[PAY_GROSS], 50000, "W2 gross 500.00");
	/* W3: urban part-time: no floor */
	is(p.w[2].floor, 0, "W3 urban part-time: no floor");
	is(p.w[2].m[PAY_GROSS], 50000, "W3 gross 300 + 200");
	/* W4: exempt */
	is(p.w[3].floors, 0, "W4 of floor_exempt: no floor");
	is(p.w[3].m[PAY_TOPUP], 0, "W4 not topped up");
	is(p.w[3].m[PAY_GROSS], 60000, "W4 gross: the pot alone");
	/* W5: 15 of 30 days */
	is(p.w[4].m[PAY_BASE], 133001, "W5 base 2660.01 x 15/30 = 1330.005 "
	    "rounds half-up to 1330.01");
	is(p.w[4].m[PAY_PERF], 30000, "W5 pot prorated to 300.00 x 1.0");
	is(p.w[4].floor, 101000, "W5 floor 2020.00 prorated to 1010.00");
	is(p.w[4].m[PAY_CASE], 4000, "W5 two cases at 20.00");
	is(p.w[4].m[PAY_TOPUP], 0, "W5 above the floor");
	is(p.w[4].m[PAY_GROSS], 167001, "W5 gross");
	isstr(pay_gradename(&p, p.w[4].grade), "称职", "W5 grade");
	isstr(pay_gradename(&p, p.w[0].grade), "", "W1 unscored");
	isstr(pay_rolename(&p, p.w[3].role), "专属网格员", "W4 role");

	is(pay_budget(&p, &b, &nb, &why), 0, "pay_budget");
	is(nb, 5, "three townships, two counties");
	if (nb == 5) {
		isstr(b[0].code, "620121101", "first a township of 620121");
		isstr(b[1].code, "620121102", "then its other township");
		ok(strcmp(b[2].code, "620121") == 0 && b[2].county,
		    "then the county");
		isstr(b[3].code, "620122100", "the next county's township");
		ok(strcmp(b[4].code, "620122") == 0 && b[4].county,
		    "and the county");
		is(b[0].workers, 3, "620121101: 3 workers");
		is(b[0].m[PAY_GROSS], 306000, "620121101: gross");
		is(b[0].m[PAY_TOPUP], 35000, "620121101: top-ups");
		is(b[0].m[PAY_INS], 27, "620121101: insurance 3 x 0.09");
		is(b[0].m[PAY_TOTAL], 306027, "620121101: total");
		is(b[2].workers, 4, "620121: 4 workers");
		is(b[2].m[PAY_GROSS], 356000, "620121: gross");
		is(b[2].m[PAY_TOTAL], 356036, "620121: total");
		is(b[4].m[PAY_CASE], 4000, "620122: case subsidies");
		is(b[4].m[PAY_TOTAL], 167010, "620122: total");
	}
	free(b);

	/* the roster's faults, as pay-calc rejects them */
	is(pay_score(&p, (size_t)w2, "称职", strlen("称职"), &col, &why), -1,
	    "a second score");
	ok(strcmp(col, "worker_id") == 0 && strcmp(why, "second score of "
	    "worker 'W2' for 2026-09") == 0, "... worded: %s", why);
	is(pay_score(&p, (size_t)w1, "很好", strlen("很好"), &col, &why), -1,
	    "an unknown grade");
	ok(strcmp(col, "grade") == 0 && strcmp(why, "unknown grade '很好' "
	    "(no coef.很好 in the policy)") == 0, "... worded: %s", why);
	is(pay_reward(&p, (size_t)w1, 500, "好", strlen("好"), &why), -1,
	    "a reward listed twice");
	isstr(why, "reward of worker 'W1' for '好' listed twice", "... worded");
	is(p.w[0].reward, 1000, "... and not paid twice");
	is(event(&p, "E1", "hotline", "", "01", &col, &why), -1,
	    "an event listed twice");
	ok(strcmp(col, "event_id") == 0 && strcmp(why, "event 'E1' listed "
	    "twice") == 0, "... worded: %s", why);
	is(event(&p, "", "hotline", "", "01", &col, &why), -1, "no event id");
	isstr(why, "empty event id", "... worded");
	is(event(&p, "E3", "worker", "X1", "01", &col, &why), -1,
	    "a reporter not on the roster");
	ok(strcmp(col, "reporter_id") == 0 && strcmp(why, "worker 'X1' not "
	    "on the roster") == 0, "... worded: %s", why);
	is(event(&p, "E4", "worker", "", "01", &col, &why), -1,
	    "a worker's event without a reporter");
	isstr(why, "event from a worker without a reporter_id", "... worded");
	is(closed(&p, "K1", "E1", "", "", &col, &why), 1, "a case twice");
	ok(strcmp(col, "case_id") == 0 && strcmp(why, "case 'K1' listed "
	    "twice") == 0, "... worded: %s", why);
	is(closed(&p, "", "E1", "", "", &col, &why), 1, "no case id");
	isstr(why, "empty case id", "... worded");
	is(closed(&p, "K6", "E1", "2026-09-31 10:00:00", "", &col, &why), 1,
	    "a case closed on no day");
	ok(strcmp(col, "closed_at") == 0 && strcmp(why, "not a time: "
	    "'2026-09-31 10:00:00'") == 0, "... worded: %s", why);
	is(closed(&p, "K7", "E9", "2026-09-30 10:00:00", "", &col, &why), 1,
	    "a case of an unknown event");
	ok(strcmp(col, "event_id") == 0 && strcmp(why, "event 'E9' of a "
	    "case closed in 2026-09 not among the events") == 0,
	    "... worded: %s", why);
	is(closed(&p, "K8", "E1", "2026-09-30 10:00:00", "9901", &col, &why),
	    -1, "a category the lookup fails on: fatal");
	isstr(why, "no such category", "... with the lookup's reason");

	pay_free(&p);
	policy_free(pl);
}

static void
test_hire_faults(void)
{
	struct pay p;
	const char *why = "", *col = "";
	policy *pl = pol("");

	is(pay_init(&p, pl, &why), 0, "pay_init");
	is(hire(&p, "R1", "网格员", "fulltime", "620121101201001",
	    KIND_URBAN, NULL, NULL, NULL, &col, &why), -1, "an unknown role");
	isstr(why, "unknown role '网格员' (no base.网格员 in the policy)",
	    "... worded");
	is(hire(&p, "R2", "专职网格员", "contract", "620121101201001",
	    KIND_URBAN, NULL, NULL, NULL, &col, &why), -1,
	    "an unknown employment");
	isstr(why, "not fulltime or parttime: 'contract'", "... worded");
	is(hire(&p, "R3", "专职网格员", "fulltime", "620121101201001",
	    KIND_URBAN, NULL, "二岗", "1", &col, &why), -1,
	    "a post not on the scale");
	ok(strcmp(col, "post") == 0 && strcmp(why, "post '二岗' not on the "
	    "scale (scale_posts)") == 0, "... worded: %s", why);
	is(hire(&p, "R4", "专职网格员", "fulltime", "620121101201001",
	    KIND_URBAN, NULL, "一岗", "3", &col, &why), -1,
	    "a grade past the scale");
	ok(strcmp(col, "grade") == 0 && strcmp(why, "grade '3' of post '一岗' "
	    "not in 1..2") == 0, "... worded: %s", why);
	is(hire(&p, "R5", "专职网格员", "fulltime", "620121101201001",
	    KIND_URBAN, NULL, "一岗", "", &col, &why), -1,
	    "a post without a grade");
	is(hire(&p, "R6", "兼职网格员", "parttime", "620121101203001",
	    KIND_UNKNOWN, NULL, NULL, NULL, &col, &why), -1,
	    "a part-time worker in a village neither urban nor rural");
	ok(strcmp(col, "grid_code") == 0 && strcmp(why, "village "
	    "'620121101203' is neither urban nor rural by the regions: the "
	    "part-time floor depends on it") == 0, "... worded: %s", why);
	is(hire(&p, "R7", "专职网格员", "fulltime", "620121101203001",
	    KIND_UNKNOWN, NULL, NULL, NULL, &col, &why), 0,
	    "a full-time one there is paid");
	is(hire(&p, "R8", "专职网格员", "fulltime", "620121101203002",
	    KIND_UNKNOWN, NULL, NULL, "9", &col, &why), 1,
	    "a grade without a post column: the scale is not used");
	is(p.w[1].base0, 100000, "... base.ROLE instead");
	is(p.nw, 2, "the faulty rows are not on the roster");
	pay_free(&p);
	policy_free(pl);
}

static void
test_month_faults(void)
{
	struct pay p;
	const char *why = "";
	policy *pl = pol("minwage.620122 = -5\n");
	long first = day_from_ymd(2026, 9, 1), last = day_from_ymd(2026, 9, 30);

	is(pay_init(&p, pl, &why), 0, "a negative minwage.COUNTY loads");
	is(pay_month(&p, first, last, noday, NULL, &why), -1,
	    "a month without a working day");
	isstr(why, "2026-09 has no working day in the calendar", "... worded");
	is(pay_month(&p, first, last, nocal, NULL, &why), -1,
	    "a calendar that fails");
	isstr(why, "calendar: no calendar for 2026", "... worded");
	is(pay_month(&p, first, last, everyday, NULL, &why), 0, "a month");
	ok(hire_ok(&p, "W1", "专职网格员", "fulltime", "620122100201001",
	    KIND_URBAN, NULL, NULL, NULL) == 0, "a worker of 620122");
	is(pay_compute(&p, &why), -1,
	    "minwage.620122 fails when a worker of 620122 is paid");
	isstr(why, at("%s:18: key 'minwage.620122': negative amount"),
	    "... naming where it was set");
	pay_free(&p);
	policy_free(pl);

	/* an amount past MONEY_MAX is a range error, not a broken check */
	{
		struct pay_line *b = NULL;
		size_t nb = 0;

		pl = pol("");
		pay_init(&p, pl, &why);
		pay_month(&p, first, last, everyday, NULL, &why);
		hire_ok(&p, "W1", "专职网格员", "fulltime", "620121101201001",
		    KIND_URBAN, NULL, NULL, NULL);
		pay_reward(&p, 0, MONEY_MAX, "a", 1, &why);
		pay_reward(&p, 0, 100, "b", 1, &why);
		is(pay_compute(&p, &why), 0, "pay_compute of a huge reward");
		is(pay_budget(&p, &b, &nb, &why), -1, "pay_budget refuses it");
		isstr(why, "worker 'W1': an amount of 10000000001.00 yuan is "
		    "more than 10,000,000,000.00: check the amounts of the "
		    "policy and the rewards", "... worded");
		ok(b == NULL, "... and gives no lines");
		pay_free(&p);
		policy_free(pl);
	}
	/* an empty roster has an empty budget */
	{
		struct pay_line *b = NULL;
		size_t nb = 9;

		pl = pol("");
		pay_init(&p, pl, &why);
		pay_month(&p, first, last, everyday, NULL, &why);
		is(pay_compute(&p, &why), 0, "pay_compute of nobody");
		is(pay_budget(&p, &b, &nb, &why), 0, "pay_budget of nobody");
		is(nb, 0, "... no lines");
		free(b);
		pay_free(&p);
		policy_free(pl);
	}
}

/* The policy's faults, each line 18 (after base_conf's 17 lines). */
static void
test_policy_faults(void)
{
	static const char figures[] =
	    "pot.fulltime = 600\npot.parttime = 200\nfloor.fulltime = 2020\n"
	    "floor.parttime_rural = 500\naccident_insurance_year = 100\n"
	    "case_default = 5\ncoef_unscored = 1\n";

	isstr(init_why("", 0), "(loaded)", "the test's policy loads");
	isstr(init_why("base.网格长 = 1\n", 1),
	    at("policy %s: missing key 'pay.pot.fulltime'"),
	    "a figure missing");
	isstr(init_why(figures, 1), at("policy %s: no base.ROLE in [pay]"),
	    "no base.ROLE");
	isstr(init_why("pot.parttime = lots\n", 0),
	    at("policy %s: %s:18: key 'pot.parttime': not an amount 'lots'"),
	    "a bad pot");
	isstr(init_why("coef_unscored = x\n", 0),
	    at("policy %s: %s:18: key 'coef_unscored': not a decimal number 'x'"),
	    "a bad coef_unscored");
	isstr(init_why("base.网格长 = -1\n", 0),
	    at("%s:18: key 'base.网格长': negative amount"), "a negative base");
	isstr(init_why("base.网格长 = 1.234\n", 0),
	    at("%s:18: key 'base.网格长': more than two decimals"),
	    "a base of three decimals");
	isstr(init_why("coef.优秀 = much\n", 0),
	    at("%s:18: key 'coef.优秀': not a rate: 'much'"), "a bad coef");
	isstr(init_why("coef.优秀 = -1\n", 0),
	    at("%s:18: key 'coef.优秀': not a rate: '-1'"), "a negative coef");
	isstr(init_why("floor_employment.fulltime = 专职\n", 0),
	    at("%s:18: key 'floor_employment.fulltime': not fulltime or "
	    "parttime: '专职'"), "a floor of an unknown employment");
	isstr(init_why("floor_roles.fulltime = 专职网格员 网格助理\n", 0),
	    at("%s:18: key 'floor_roles.fulltime': role '网格助理' has no "
	    "base.网格助理"), "a floor of an unknown role");
	isstr(init_why("scale_posts = 一岗 二岗\n", 0),
	    at("policy %s: post '二岗' of scale_posts has no scale.二岗"),
	    "a post without its scale");
	isstr(init_why("scale.三岗 = 1.00\n", 0),
	    at("%s:18: key 'scale.三岗': post '三岗' not in scale_posts"),
	    "a scale of no post");
	isstr(init_why("scale.一岗 = 2600.00 26x0\n", 0),
	    at("%s:18: key 'scale.一岗': not an amount"), "a bad grade's pay");
	isstr(init_why("scale.一岗 =\n", 0),
	    at("%s:18: key 'scale.一岗': no grades"), "a scale without grades");
}

static void
test_regions(void)
{
	struct pay_regions r = { 0 };
	const char *why = NULL;

	ok(pay_region(&r, "620121", 6, "榆中县", 9, "", 0, "", 0, &why) == 0 &&
	    pay_region(&r, "620121101", 9, "甘草店镇", 12, "", 0, "", 0,
	    &why) == 0 &&
	    pay_region(&r, "620121101", 9, "甘草店", 9, "", 0, "", 0, &why) == 0,
	    "regions: a county and a township (given twice)");
	ok(strcmp(pay_region_name(&r, "620121101"), "甘草店") == 0 &&
	    strcmp(pay_region_name(&r, "620121"), "榆中县") == 0 &&
	    strcmp(pay_region_name(&r, "620122"), "") == 0,
	    "regions: the last name given; \"\" for an unknown area");
	ok(pay_region(&r, "620121101201", 12, "某村", 6, "rural", 5, "", 0,
	    &why) == 0 &&
	    pay_region(&r, "620121101001", 12, "某社区", 9, "111", 3, "", 0,
	    &why) == 0 &&
	    pay_region(&r, "620121101202", 12, "某村委会", 12, "", 0, "", 0,
	    &why) == 0,
	    "regions: villages by kind, by a 3-digit code in kind, by name");
	ok(pay_region_kind(&r, "620121101201") == KIND_RURAL &&
	    pay_region_kind(&r, "620121101001") == KIND_URBAN &&
	    pay_region_kind(&r, "620121101202") == KIND_RURAL &&
	    pay_region_kind(&r, "620121101999") == -1,
	    "regions: each village's kind; -1 for one not among them");
	ok(pay_region(&r, "620121101201", 12, "", 0, "", 0, "", 0, &why) < 0 &&
	    strcmp(why, "region '620121101201' listed twice") == 0,
	    "regions: a village listed twice");
	ok(pay_region(&r, "62012", 5, "", 0, "", 0, "", 0, &why) < 0 &&
	    strcmp(why, "not a division code: '62012'") == 0,
	    "regions: no division code");
	pay_regions_free(&r);
}

int
main(void)
{
	snprintf(dir, sizeof dir, "/tmp/gw-unit-pay-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 2;
	}
	snprintf(path, sizeof path, "%s/p.conf", dir);
	test_sheet();
	test_hire_faults();
	test_month_faults();
	test_policy_faults();
	test_regions();
	unlink(path);
	rmdir(dir);
	return done();
}
