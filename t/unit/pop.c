/*
 * pop.c — unit tests of lib/pop.c, from records made here: a person is
 * counted in its household's grid, by sex, age band (at the edges) and
 * tag; the derived groups; the faults of a bad row; the list; the visits
 * required, made, credited and the compliance rate; a broken policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

/* An 18-character identity number of area 140824, birth date ymd and
   sequence seq (odd: male), with its check character. */
static const char *
idn(const char *ymd, int seq)
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
	    8, 4, 2 };
	static char buf[8][19];
	static int k;
	char *s = buf[k++ % 8];
	int i, sum = 0;

	snprintf(s, 19, "140824%s%03d", ymd, seq);
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	s[17] = "10X98765432"[sum % 11];
	s[18] = '\0';
	return s;
}

static int nunknown;

static void
unk(void *arg, const char *tag, size_t n)
{
	(void)arg;
	(void)tag;
	(void)n;
	nunknown++;
}

/* A person with id, household, village and tags; 0 or -1 with *f. */
static int
person(pop *p, const char *id, const char *hh, const char *vil,
    const char *tags, struct pop_fault *f)
{
	const char *v[POP_NF];
	size_t n[POP_NF];
	int i;

	for (i = 0; i < POP_NF; i++)
		v[i] = "";
	v[POP_ID] = id;
	v[POP_NAME] = "某某";
	v[POP_HH] = hh;
	v[POP_VIL] = vil;
	v[POP_TAGS] = tags;
	v[POP_PHONE] = "13912345678";
	for (i = 0; i < POP_NF; i++)
		n[i] = strlen(v[i]);
	return pop_person(p, v, n, unk, NULL, f);
}

static int
assign(pop *p, const char *hh, const char *grid, struct pop_fault *f)
{
	return pop_assign(p, hh, strlen(hh), grid, strlen(grid), f);
}

/* The count of column name in the area row sum. */
static long
count(pop *p, const long *sum, const char *name)
{
	const char *const *h;
	size_t n, i;

	h = pop_header(p, &n);
	for (i = 2; i < n; i++)
		if (strcmp(h[i], name) == 0)
			return sum[i - 2];
	printf("# no column %s\n", name);
	return -1;
}

static void
registers(policy *pol)
{
	const char *why = NULL;
	struct pop_fault f;
	long sum[64], day;
	uint64_t area;
	size_t it = 0, n;
	pop *p;

	p = pop_new(pol, POP_COUNT, &why);
	if (!ok(p != NULL, "registers: engine made"))
		return;
	date_parse("2026-10-31", 10, &day);
	pop_asof(p, day);
	pop_header(p, &n);
	is(n, 2 + 4 + 4 + 12 + 3, "header: area, level, 4 counts, 4 bands, 12 tags, 3 more");
	isstr(pop_header(p, &n)[6], "age_0_17", "header: the first band");
	isstr(pop_header(p, &n)[9], "age_80_plus", "header: the open band");
	isstr(pop_header(p, &n)[n - 1], "households_80_plus", "header: old_age in its name");

	is(assign(p, "H1", "140824100200001", &f), 0, "assign: H1");
	is(assign(p, "H2", "140824100200002", &f), 0, "assign: H2");
	is(assign(p, "H3", "１４０８２４１００２００００２", &f), 0, "assign: full-width digits");
	is(assign(p, "H4", "140824100200002", &f), 0, "assign: H4 (no persons)");
	is(assign(p, "H1", "140824100200002", &f), -1, "assign: H1 again elsewhere");
	isstr(f.why, "household 'H1' split across grids: already in 140824100200001", "assign: split said");
	isstr(f.col, "grid_code", "assign: split is the grid's fault");
	is(assign(p, "H2", "140824100200002", &f), -1, "assign: H2 twice");
	isstr(f.col, "household_id", "assign: twice is the household's fault");
	is(assign(p, " ", "140824100200002", &f), -1, "assign: empty household");
	is(assign(p, "H9", "14082410020001", &f), -1, "assign: a 14-digit grid");
	isstr(f.col, "grid_code", "assign: the bad code's column");

	/* ages at 2026-10-31: the edges of 0-17 and 18-59 */
	is(person(p, idn("20081031", 11), "H1", "140824100200", "社矫", &f), 0,
	    "person: 18 today, a spelling of 社区矫正");
	is(person(p, idn("20081101", 12), "H1", "", "", &f), 0,
	    "person: 17 until tomorrow");
	is(person(p, idn("19461031", 13), "H2", "", "独居；xyz、残疾", &f), 0,
	    "person: 80 today, three tags, one unknown");
	is(nunknown, 1, "person: the unknown tag given once");
	is(person(p, idn("19660101", 15), "H3", "", "", &f), 0,
	    "person: 60 alone in H3");
	is(person(p, idn("19660101", 15), "H3", "", "", &f), -1,
	    "person: the same number again");
	isstr(f.why, "identity number given twice", "person: twice said");
	is(person(p, idn("19800101", 17), "H9", "", "", &f), -1,
	    "person: a household not assigned");
	isstr(f.why, "household 'H9' is not in the assignment", "person: said");
	is(person(p, idn("19800101", 19), "H1", "140824100201", "", &f), -1,
	    "person: another village");
	isstr(f.col, "village_code", "person: the village's fault");
	is(person(p, "140824198001010310", "H1", "", "", &f), -1,
	    "person: a bad check character");
	isstr(f.col, "id_number", "person: the number's fault");
	is(person(p, idn("20261101", 21), "H1", "", "", &f), -1,
	    "person: born after the reference date");
	pop_households(p);
	is(pop_counts(p)->nunk, 1, "counts: one person with unknown tags");
	is(pop_counts(p)->nsplit, 1, "counts: one split household");
	is(pop_counts(p)->nempty, 1, "counts: one household without persons");

	ok(pop_area(p, LVL_GRID, &it, &area, sum), "grid 1");
	is(area, 140824100200001ULL, "grid 1: its code");
	is(count(p, sum, "households"), 1, "grid 1: one household");
	is(count(p, sum, "residents"), 2, "grid 1: two persons");
	is(count(p, sum, "male"), 1, "grid 1: one male (odd sequence)");
	is(count(p, sum, "age_0_17"), 1, "grid 1: 17 is a child");
	is(count(p, sum, "age_18_59"), 1, "grid 1: 18 is an adult");
	is(count(p, sum, "社区矫正"), 1, "grid 1: the tag by its spelling");
	is(count(p, sum, "alone_elderly"), 0, "grid 1: none alone");
	ok(pop_area(p, LVL_GRID, &it, &area, sum), "grid 2");
	is(count(p, sum, "households"), 2, "grid 2: two households with persons");
	is(count(p, sum, "age_80_plus"), 1, "grid 2: 80 is the open band");
	is(count(p, sum, "age_60_79"), 1, "grid 2: 60");
	is(count(p, sum, "alone_elderly"), 2, "grid 2: two alone at 60 and 80");
	is(count(p, sum, "households_80_plus"), 1, "grid 2: one household of 80+");
	is(count(p, sum, "unknown_tag"), 1, "grid 2: the unknown tag counted");
	is(count(p, sum, "独居老人"), 1, "grid 2: a tag of its own");
	ok(!pop_area(p, LVL_GRID, &it, &area, sum), "two grids only");
	it = 0;
	ok(pop_area(p, LVL_VILLAGE, &it, &area, sum), "village");
	is(area, 140824100200ULL, "village: its code");
	is(count(p, sum, "residents"), 4, "village: the sum of its grids");
	ok(!pop_area(p, LVL_VILLAGE, &it, &area, sum), "one village");
	pop_free(p);
}

static void
list(policy *pol)
{
	const char *why = NULL;
	struct pop_row r;
	struct pop_fault f;
	size_t it = 0;
	long day;
	pop *p;

	p = pop_new(pol, POP_LIST, &why);
	if (!ok(p != NULL, "list: made"))
		return;
	date_parse("2026-10-31", 10, &day);
	pop_asof(p, day);
	is(pop_list(p, "外星人", &why), -1, "list: no such tag");
	ok(strstr(why, "is no tag of policy") != NULL, "list: said");
	is(pop_list(p, "alone_elderly", &why), 0, "list: the derived group");
	assign(p, "H1", "140824100200002", &f);
	assign(p, "H2", "140824100200001", &f);
	person(p, idn("19500101", 11), "H1", "", "", &f);
	person(p, idn("19500101", 12), "H2", "", "", &f);
	person(p, idn("19900101", 13), "H2", "", "", &f);
	pop_households(p);
	ok(pop_list_next(p, &it, &r), "list: one alone");
	is(r.grid, 140824100200002ULL, "list: H1 alone, H2 is two");
	is(r.age, 76, "list: age at the reference date");
	is(r.male, 1, "list: sex");
	isstr(r.phone, "13912345678", "list: the kept phone");
	ok(!pop_list_next(p, &it, &r), "list: only one");
	pop_free(p);
}

static void
visits(policy *pol)
{
	const char *why = NULL;
	struct pop_fault f;
	struct pop_row r;
	struct pop_sum s;
	size_t it = 0;
	long m0, m1;
	pop *p;

	p = pop_new(pol, POP_VISITS, &why);
	if (!ok(p != NULL, "visits: made"))
		return;
	month_parse("2026-10", &m0, &m1);
	pop_asof(p, m1);
	pop_month(p, m0, m1);
	is(pop_worker(p, "W1", 2, "140824100200001", 15, &f), 0, "worker W1");
	is(pop_worker(p, "W2", 2, "140824100200002", 15, &f), 0, "worker W2");
	is(pop_worker(p, "W1", 2, "", 0, &f), -1, "worker W1 twice");
	isstr(f.why, "worker 'W1' listed twice", "worker: twice said");
	assign(p, "H1", "140824100200001", &f);
	assign(p, "H2", "140824100200002", &f);
	/* 社区矫正 needs 2 a month; a lone 80-year-old 4 */
	person(p, idn("19800101", 11), "H1", "", "社区矫正", &f);
	person(p, idn("19800101", 13), "H1", "", "", &f);
	person(p, idn("19460101", 15), "H2", "", "", &f);
	pop_households(p);
#define V(w, d, h) pop_visit(p, w, strlen(w), d, strlen(d), h, strlen(h), &f)
	is(V("W1", "2026-10-02", "H1"), 0, "visit: one");
	is(V("W1", "2026-10-02", "H1"), 0, "visit: the same again");
	is(V("W1", "2026-10-09", "H1"), 0, "visit: two");
	is(V("W1", "2026-11-01", "H1"), 0, "visit: next month");
	is(V("W1", "2026-10-09", "H2"), 0, "visit: another grid's household");
	is(V("W2", "2026-10-03", "H2"), 0, "visit: H2 once");
	is(V("W9", "2026-10-03", "H2"), -1, "visit: unknown worker");
	isstr(f.col, "worker_id", "visit: the worker's fault");
	is(V("W2", "2026-10-32", "H2"), -1, "visit: a bad date");
	isstr(f.why, "not a date: '2026-10-32'", "visit: said");
	is(V("W2", "2026-10-03", "H7"), -1, "visit: unknown household");
	is(pop_counts(p)->nvout, 1, "visits: one outside the month");
	is(pop_counts(p)->nvother, 1, "visits: one by another grid's worker");
	ok(pop_short_next(p, &it, &r), "short: one person short");
	is(r.grid, 140824100200002ULL, "short: the lone elderly of grid 2");
	is(r.required, 4, "short: four required");
	is(r.made, 1, "short: one made");
	isstr(r.tags, "独居老人", "short: the derived group named");
	isstr(r.workers, "W2", "short: the grid's workers");
	ok(!pop_short_next(p, &it, &r), "short: the one under supervision had two");
	it = 0;
	ok(pop_summary_next(p, &it, &s), "summary: grid 1");
	is(s.persons, 1, "summary 1: one key person");
	is(s.credited, 2, "summary 1: two credited");
	is(s.compliance, 10000, "summary 1: all made");
	is(s.by_worker, 2, "summary 1: W1's visits to key households");
	ok(pop_summary_next(p, &it, &s), "summary: grid 2");
	is(s.shorts, 1, "summary 2: one short");
	is(s.compliance, 2500, "summary 2: a quarter");
	ok(!pop_summary_next(p, &it, &s), "summary: two rows");
	pop_free(p);
}

/* A policy in a file of its own; NULL with a message. */
static policy *
conf(const char *text, const char **why)
{
	char path[] = "/tmp/gw-pop-XXXXXX.conf";
	policy *pol;
	FILE *f;
	int fd;

	if ((fd = mkstemps(path, 5)) < 0 || !(f = fdopen(fd, "w")))
		return NULL;
	fputs(text, f);
	fclose(f);
	pol = policy_load(path, why);
	unlink(path);
	return pol;
}

static void
broken(void)
{
	static const struct {
		const char *text, *want;
	} c[] = {
		{ "age_bands = 0-17 10-20", "overlaps another" },
		{ "age_bands = 0-17 x", "is neither FROM-TO nor FROM+" },
		{ "alone_age = 300", "must be 0 to 254" },
		{ "visits.外星人 = 2", "no tag.外星人" },
		{ "visits.低保 = 251", "must be 0 to 250" },
		{ "alone_tag = 外星人", "is no tag" },
		{ "tag.x = 低保", "belongs to two tags" },
	};
	char text[512];
	const char *why = NULL;
	policy *pol;
	pop *p;
	size_t i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(text, sizeof text, "include = gansu\n[pop]\n%s\n",
		    c[i].text);
		if (!(pol = conf(text, &why))) {
			ok(0, "broken policy %zu: loads (%s)", i, why);
			continue;
		}
		p = pop_new(pol, POP_COUNT, &why);
		ok(p == NULL && strstr(why, c[i].want) != NULL,
		    "broken policy: '%s' refused: %s", c[i].text, c[i].want);
		pop_free(p);
		policy_free(pol);
	}
}

int
main(void)
{
	const char *why = NULL;
	policy *pol;

	if (!(pol = policy_load("gansu", &why))) {
		printf("Bail out! %s\n", why);
		return 1;
	}
	registers(pol);
	list(pol);
	visits(pol);
	broken();
	policy_free(pol);
	return done();
}
