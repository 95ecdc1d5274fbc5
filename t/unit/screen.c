/*
 * screen.c unit test: the screening engine on candidates built here, in
 * C: each D-rule at its edges (ages on the day and a day either side,
 * 29 February, a birth date after the reference date), the education
 * ladder, the blacklists by code, the remark review, totals and their
 * rounding at x.xx5, priority, ranking ties, vacancies and selection,
 * the rules a profile adds, and the failure paths of the policy, the
 * tables, the lists, the vacancies and the rows.  Policies are the
 * shipped gansu and shanxi profiles, or a few lines over gansu written
 * to a temporary file.
 */
#include <stdlib.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static long
day(const char *s)
{
	long d = -1;

	date_parse(s, strlen(s), &d);
	return d;
}

/* A profile of lines over gansu, from a temporary file. */
static policy *
profile(const char *lines)
{
	static int n;
	char path[256];
	const char *why;
	policy *p;
	FILE *fp;

	snprintf(path, sizeof path, "%s/screen-unit-%ld-%d.conf",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), n++);
	if (!(fp = fopen(path, "w")))
		return NULL;
	fprintf(fp, "include = gansu\n[screen]\n%s", lines);
	fclose(fp);
	p = policy_load(path, &why);
	if (!p)
		printf("# %s\n", why);
	unlink(path);
	return p;
}

static char *edu[][2] = {
	{"小学", "小学"}, {"初中", "初中"}, {"初中毕业", "初中"},
	{"高中", "高中"}, {"本科", "本科"}, {"大学本科", "本科"},
};
static char *rem[][3] = {
	{"R1", "criminal_penalty", "判刑|前科"},
	{"R4", "D4,D5", "拘留"},
	{"R7", "-", "待查"},
};

static int nnotice;
static char lastnotice[256];

static void
note(void *arg, const char *file, long line, const char *col, const char *msg)
{
	(void)arg;
	nnotice++;
	snprintf(lastnotice, sizeof lastnotice, "%s:%ld: %s: %s", file, line,
	    col, msg);
}

/* A screening of pol at asof, its tables given line by line; -1 with
   *why from the first step that fails. */
static int
setup(struct screen *s, const policy *pol, const char *asof, const char **why)
{
	char *f[3];
	size_t i;

	if (screen_init(s, pol, day(asof), why) < 0)
		return -1;
	for (i = 0; i < sizeof edu / sizeof edu[0]; i++) {
		f[0] = edu[i][0];
		f[1] = edu[i][1];
		if (screen_education(s, f, 2, "edu.tsv", (int)i + 1, why) < 0)
			return -1;
	}
	if (screen_rules(s, why) < 0)
		return -1;
	for (i = 0; i < sizeof rem / sizeof rem[0]; i++) {
		memcpy(f, rem[i], sizeof f);
		if (screen_remark(s, f, 3, "rem.tsv", (int)i + 1, why) < 0)
			return -1;
	}
	if (screen_ready(s, why) < 0)
		return -1;
	s->notice = note;
	return 0;
}

/* An identity number of Chengguan, Lanzhou, born ymd (8 digits). */
static const char *
idn(const char *ymd, int seq)
{
	static char buf[8][19];
	static int k;
	char *b = buf[k++ % 8];

	snprintf(b, 19, "620102%s%03d", ymd, seq % 1000);
	b[17] = idno_checkchar(b);
	b[18] = '\0';
	return b;
}

/* A good candidate of grid g, 80 and 80, born 1990; fields changed by
   set() before add(). */
static void
cand(struct screen_rec *r, const char *cid, const char *id, const char *g)
{
	int c;

	memset(r, 0, sizeof *r);
	for (c = 0; c < SC_NCOL; c++)
		r->f[c] = "0";
	r->f[SC_CID] = cid;
	r->f[SC_IDNO] = id;
	r->f[SC_NAME] = "某";
	r->f[SC_EDU] = "本科";
	r->f[SC_TITLE] = "";
	r->f[SC_SWC] = "0";
	r->f[SC_REMARKS] = "";
	r->f[SC_WRITTEN] = "80";
	r->f[SC_INTERVIEW] = "80";
	r->f[SC_GRID] = g;
	for (c = 0; c < SC_NCOL; c++)
		r->len[c] = strlen(r->f[c]);
}

static void
set(struct screen_rec *r, enum screen_col c, const char *v)
{
	r->f[c] = v;
	r->len[c] = v ? strlen(v) : 0;
}

#define G1 "620102001001001"
#define G2 "620102001001002"

/* Adds r; the verdict, or NULL when refused (col, why kept). */
static const char *col, *why;
static struct screen_cand *
add(struct screen *s, const struct screen_rec *r)
{
	static long line = 1;

	if (screen_add(s, r, "c.csv", ++line, &col, &why) < 0)
		return NULL;
	return &s->c[s->nc - 1];
}

static const char *
reasons(struct screen *s, const struct screen_cand *c)
{
	static struct sbuf b;

	screen_reasons(s, c, &b);
	return b.s ? b.s : "";
}

/* The status and reasons of one candidate born ymd, alone, at asof. */
static const char *
born(const policy *pol, const char *asof, const char *ymd, int *age)
{
	static char out[64];
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	const char *w;

	if (setup(&s, pol, asof, &w) < 0)
		return w;
	cand(&r, "A", idn(ymd, 1), G1);
	c = add(&s, &r);
	snprintf(out, sizeof out, "%s %s", c ? screen_status(c) : why,
	    c ? reasons(&s, c) : "");
	*age = c ? c->age : -2;
	screen_free(&s);
	return out;
}

static void
test_ages(const policy *gansu)
{
	int age;

	isstr(born(gansu, "2026-10-08", "20081008", &age), "eligible ",
	    "18 on the day: eligible");
	is(age, 18, "... age 18");
	isstr(born(gansu, "2026-10-08", "20081009", &age), "ineligible D8",
	    "18 tomorrow: D8");
	is(age, 17, "... age 17");
	isstr(born(gansu, "2026-10-08", "19661008", &age), "eligible ",
	    "60 on the day: eligible");
	is(age, 60, "... age 60");
	isstr(born(gansu, "2026-10-08", "19651008", &age), "ineligible D8",
	    "61 on the day: D8");
	is(age, 61, "... age 61");
	isstr(born(gansu, "2026-10-08", "19651009", &age), "eligible ",
	    "61 tomorrow: still 60, eligible");
	is(age, 60, "... age 60");
	isstr(born(gansu, "2026-02-28", "20080229", &age), "ineligible D8",
	    "born 29 February: 17 on 28 February of a common year");
	is(age, 17, "... age 17");
	isstr(born(gansu, "2026-03-01", "20080229", &age), "eligible ",
	    "... 18 on 1 March");
	isstr(born(gansu, "2026-10-08", "20261009", &age), "ineligible D10",
	    "born after the reference date: D10");
	is(age, -1, "... no age");
	ok(strstr(lastnotice, ": id_number: invalid identity number "
	    "(D10): birth date 2026-10-09 after reference date") != NULL,
	    "... a notice FILE:LINE, column and reason (%s)", lastnotice);
}

static void
test_drules(const policy *gansu, const policy *shanxi)
{
	static const enum screen_col fl[6] = {
		SC_CRIM, SC_PEND, SC_INV, SC_DET, SC_ADM, SC_DISM
	};
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	char cid[8], want[8];
	const char *w;
	int k, n0;

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	for (k = 0; k < 6; k++) {
		snprintf(cid, sizeof cid, "D%d", k + 1);
		cand(&r, cid, idn("19900101", 10 + k), G1);
		set(&r, fl[k], "1");
		c = add(&s, &r);
		snprintf(want, sizeof want, "D%d", k + 1);
		ok(c && strcmp(screen_status(c), "ineligible") == 0 &&
		    strcmp(reasons(&s, c), want) == 0, "flag %s: %s",
		    screen_colname[fl[k]], want);
	}
	cand(&r, "F2", idn("19900101", 20), G1);
	set(&r, SC_DET, "2");
	ok(!add(&s, &r) && strcmp(col, "detained") == 0 &&
	    strcmp(why, "flag must be 0 or 1") == 0,
	    "flag 2: refused, column detained");
	cand(&r, "F3", idn("19900101", 21), G1);
	set(&r, SC_VET, " 1 ");
	ok((c = add(&s, &r)) && c->prio == 1, "flag ' 1 ': trimmed, counts");
	cand(&r, "F4", idn("19900101", 22), G1);
	set(&r, SC_PARTY, "");
	ok(!add(&s, &r) && strcmp(col, "party_member") == 0,
	    "empty flag: refused");

	n0 = nnotice;
	cand(&r, "D10", "620102199001010010", G1);
	c = add(&s, &r);
	ok(c && strcmp(reasons(&s, c), "D10") == 0 && c->age == -1,
	    "bad check character: D10, no age");
	is(nnotice, n0 + 1, "... one notice");
	cand(&r, "D10b", "62010219900101001", G1);
	c = add(&s, &r);
	ok(c && strcmp(reasons(&s, c), "D10") == 0, "17 characters: D10");

	cand(&r, "E1", idn("19900101", 30), G1);
	set(&r, SC_EDU, "小学");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "D9") == 0,
	    "小学 below 初中: D9");
	cand(&r, "E2", idn("19900101", 31), G1);
	set(&r, SC_EDU, " 初中毕业 ");
	ok((c = add(&s, &r)) && strcmp(screen_status(c), "eligible") == 0,
	    "初中毕业 (trimmed) is 初中: eligible");
	cand(&r, "E3", idn("19900101", 32), G1);
	set(&r, SC_EDU, "硕士");
	ok((c = add(&s, &r)) && strcmp(screen_status(c), "eligible") == 0,
	    "硕士: a ladder name is a spelling of itself");
	cand(&r, "E4", idn("19900101", 33), G1);
	set(&r, SC_EDU, "大专以上");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "R90") == 0 &&
	    strcmp(screen_status(c), "review") == 0,
	    "an unknown spelling: review R90");

	cand(&r, "M1", idn("19900101", 40), G1);
	set(&r, SC_CRIM, "1");
	set(&r, SC_DET, "1");
	set(&r, SC_EDU, "小学");
	set(&r, SC_REMARKS, "曾被拘留; 待查");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "D1;D4;D9;R7") == 0,
	    "D-codes in order, then R7 (a '-' pattern); R4 not, D4 applies");
	cand(&r, "M2", idn("19900101", 41), G1);
	set(&r, SC_REMARKS, "2015年判刑一年");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "R1") == 0,
	    "remark 判刑 with criminal_penalty 0: review R1");
	cand(&r, "M3", idn("19900101", 42), G1);
	set(&r, SC_REMARKS, "2015年判刑一年");
	set(&r, SC_CRIM, "1");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "D1") == 0,
	    "... with criminal_penalty 1: D1 alone");
	screen_free(&s);

	/* shanxi: D2, D4, D6, D7, D9 off */
	if (setup(&s, shanxi, "2026-10-08", &w) < 0) {
		ok(0, "setup shanxi: %s", w);
		return;
	}
	ok(!screen_required(&s, SC_PEND) && screen_required(&s, SC_CRIM) &&
	    screen_required(&s, SC_EDU), "shanxi: pending_case not required, "
	    "criminal_penalty and education are");
	cand(&r, "S1", idn("19900101", 50), G1);
	set(&r, SC_PEND, "1");
	set(&r, SC_EDU, "小学");
	set(&r, SC_REMARKS, "曾被拘留");
	ok((c = add(&s, &r)) && strcmp(screen_status(c), "review") == 0 &&
	    strcmp(reasons(&s, c), "R4") == 0,
	    "shanxi: D2 and D9 off; 拘留 reviews, as D5 is on");
	cand(&r, "S2", idn("19900101", 51), G1);
	set(&r, SC_PEND, NULL);
	set(&r, SC_DISM, NULL);
	ok((c = add(&s, &r)) && strcmp(screen_status(c), "eligible") == 0,
	    "shanxi: flag columns absent count as 0");
	screen_free(&s);
}

static void
test_lists(const policy *gansu)
{
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	struct idno id;
	const char *w, *file;
	int d7, r8, again, dflt;

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	d7 = screen_list(&s, "some/dir/dishonest.csv", &file, &w);
	ok(d7 >= 0 && s.list[d7].code == 7 &&
	    strcmp(file, "some/dir/dishonest.csv") == 0,
	    "list.dishonest gives D7, the file as given");
	r8 = screen_list(&s, "R8=x.csv", &file, &w);
	ok(r8 >= 0 && s.list[r8].code == SCREEN_RBASE + 8 &&
	    strcmp(file, "x.csv") == 0, "R8=x.csv: code R8, file x.csv");
	again = screen_list(&s, "D7=y.csv", &file, &w);
	is(again, d7, "a second D7 list shares the first one's set");
	dflt = screen_list(&s, "other.csv", &file, &w);
	is(dflt, d7, "a file of no list.STEM takes 'list', D7");
	is(screen_list(&s, "D11=z.csv", &file, &w), -1, "D11=: refused");
	isstr(w, "-b D11=z.csv: 'D11' is not a code D1-D10 or R1-R89",
	    "... saying why");
	is(screen_list(&s, "R90=z.csv", &file, &w), -1, "R90=: refused");
	isstr(w, "-b R90=z.csv: R90 is reserved", "... reserved");
	is(screen_list(&s, "R0=z.csv", &file, &w), -1, "R0=: refused");

	idno_parse(idn("19900101", 60), 18, -1, &id, &w);
	screen_list_add(&s, d7, &id);
	/* a 15-digit number listed matches its 18-digit form */
	idno_parse("620102900101061", 15, -1, &id, &w);
	screen_list_add(&s, r8, &id);
	cand(&r, "L1", idn("19900101", 60), G1);
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "D7") == 0,
	    "listed on D7: D7");
	cand(&r, "L2", idn("19900101", 61), G1);
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "R8") == 0 &&
	    strcmp(screen_status(c), "review") == 0,
	    "listed (15 digits) on R8: review R8");
	cand(&r, "L3", idn("19900101", 61), G1);
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "R8;R91") == 0 &&
	    strcmp(reasons(&s, &s.c[s.nc - 2]), "R8;R91") == 0,
	    "the same number twice: R91 on both, after R8");
	screen_free(&s);
}

static void
test_totals(const policy *gansu, const policy *w0)
{
	static const struct {
		const char *w, *i;
		long total;
	} t[] = {
		{"85.5", "90", 8775},
		{"80.01", "80", 8001},		/* 80.005 rounds up */
		{"80.0049", "80", 8000},	/* 80.00245 rounds down */
		{"0.0001", "0.0001", 0},
		{"0.01", "0", 1},		/* 0.005 rounds up */
		{"８８.５", "90", 8925},	/* full-width */
		{"999999.9949", "999999.9949", 99999999},
		{"999999.9999", "999999.9999", 100000000},
		{"", "80", -1},
		{"80", " ", -1},
	};
	static const struct {
		const char *w, *col, *why;
	} bad[] = {
		{"abc", "written", "not a non-negative number"},
		{"-1", "written", "not a non-negative number"},
		{"80.", "written", "not a non-negative number"},
		{".5", "written", "not a non-negative number"},
		{"1.23456", "written", "more than four decimals"},
		{"1234567", "written", "too large"},
	};
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	char cid[16];
	const char *w;
	size_t i;

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(cid, sizeof cid, "T%zu", i);
		cand(&r, cid, idn("19900101", (int)i + 100), G1);
		set(&r, SC_WRITTEN, t[i].w);
		set(&r, SC_INTERVIEW, t[i].i);
		c = add(&s, &r);
		ok(c && c->total == t[i].total, "written '%s', interview '%s': "
		    "%ld hundredths (%lld)", t[i].w, t[i].i, t[i].total,
		    c ? (long long)c->total : -2);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(cid, sizeof cid, "B%zu", i);
		cand(&r, cid, idn("19900101", (int)i + 200), G1);
		set(&r, SC_WRITTEN, bad[i].w);
		ok(!add(&s, &r) && strcmp(col, bad[i].col) == 0 &&
		    strcmp(why, bad[i].why) == 0, "written '%s': refused, %s",
		    bad[i].w, bad[i].why);
	}
	cand(&r, "B9", idn("19900101", 209), G1);
	set(&r, SC_INTERVIEW, "x");
	ok(!add(&s, &r) && strcmp(col, "interview") == 0,
	    "a bad interview score: column interview");
	screen_free(&s);

	if (setup(&s, w0, "2026-10-08", &w) < 0) {
		ok(0, "setup w0: %s", w);
		return;
	}
	cand(&r, "W", idn("19900101", 300), G1);
	set(&r, SC_WRITTEN, "");
	set(&r, SC_INTERVIEW, "77.7");
	ok((c = add(&s, &r)) && c->total == 7770,
	    "weight 0: a missing written score does not matter");
	screen_free(&s);
}

static void
test_priority(const policy *gansu)
{
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	const char *w;

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	cand(&r, "P5", idn("19900101", 400), G1);
	set(&r, SC_PARTY, "1");
	set(&r, SC_TITLE, "助理社会工作师");
	set(&r, SC_SWC, "中级");
	set(&r, SC_VET, "1");
	set(&r, SC_DIBAO, "1");
	ok((c = add(&s, &r)) && c->prio == 5, "all five attributes: 5");
	cand(&r, "P0", idn("19900101", 401), G1);
	set(&r, SC_TITLE, "无");
	set(&r, SC_SWC, " 否 ");
	ok((c = add(&s, &r)) && c->prio == 0,
	    "title 无 and certificate 否 mean none: 0");
	cand(&r, "P1", idn("19900101", 402), G1);
	set(&r, SC_SWC, "1");
	ok((c = add(&s, &r)) && c->prio == 1, "certificate 1: 1");
	screen_free(&s);
}

static void
test_ranking(const policy *gansu)
{
	struct screen s;
	struct screen_rec r;
	const char *w, *col2, *why2;
	size_t i;
	/* cid grid written party: ties broken by priority, then cid */
	static const struct {
		const char *cid, *grid, *w, *party;
		unsigned rank;
		int sel;
	} t[] = {
		{"C3", G1, "80", "0", 3, 1},
		{"C2", G1, "80", "1", 1, 1},
		{"C1", G1, "80", "0", 2, 1},
		{"C9", G1, "70", "1", 4, 0},
		{"Z1", G2, "60", "0", 1, 0},
		{"A1", G2, "50", "0", 2, 0},
		{"N1", "620102001002001", "99", "0", 1, 0},
	};

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	ok(screen_vacancy(&s, " " G1 " ", 17, "3", 1, 2, &col2, &why2) == 0,
	    "vacancies: " G1 ", 3 (blanks trimmed)");
	ok(screen_vacancy(&s, G2, 15, "0", 1, 3, &col2, &why2) == 0,
	    "vacancies: " G2 ", 0");
	ok(screen_vacancy(&s, G1, 15, "5", 1, 4, &col2, &why2) < 0 &&
	    strcmp(col2, "grid_code") == 0 && strcmp(why2, "grid " G1
	    " already listed on line 2") == 0, "a grid listed twice: refused");
	ok(screen_vacancy(&s, "620102001003001", 15, "x", 1, 5, &col2,
	    &why2) < 0 && strcmp(col2, "vacancies") == 0 && strcmp(why2,
	    "not a whole number from 0 to 999999") == 0, "vacancies x: refused");
	ok(screen_vacancy(&s, "620102001003001", 15, "1000000", 7, 6, &col2,
	    &why2) < 0 && strcmp(col2, "vacancies") == 0,
	    "vacancies 1000000: refused");
	ok(screen_vacancy(&s, "62010200100300", 14, "1", 1, 7, &col2,
	    &why2) < 0 && strcmp(col2, "grid_code") == 0,
	    "a grid code of 14 digits: refused");
	s.have_vac = 1;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		cand(&r, t[i].cid, idn("19900101", (int)i + 500), t[i].grid);
		set(&r, SC_WRITTEN, t[i].w);
		set(&r, SC_INTERVIEW, t[i].w);
		set(&r, SC_PARTY, t[i].party);
		add(&s, &r);
	}
	cand(&r, "X1", idn("19900101", 520), G1);
	set(&r, SC_CRIM, "1");
	set(&r, SC_WRITTEN, "100");
	add(&s, &r);
	screen_rank(&s);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		ok(s.c[i].rank == t[i].rank && s.c[i].sel == t[i].sel,
		    "%s: rank %u, selected %d (%u, %d)", t[i].cid, t[i].rank,
		    t[i].sel, s.c[i].rank, s.c[i].sel);
	ok(s.c[7].rank == 0 && s.c[7].sel == 0,
	    "the ineligible are not ranked, whatever their total");
	is(s.nranked, 7, "seven ranked");
	ok(s.order[0] == 1 && s.order[1] == 2 && s.order[2] == 0 &&
	    s.order[3] == 3 && s.order[4] == 4 && s.order[5] == 5 &&
	    s.order[6] == 6, "order: grids by code, then rank");
	screen_free(&s);
}

static void
test_refusals(const policy *gansu)
{
	struct screen s;
	struct screen_rec r;
	const char *w;

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	cand(&r, "C1", idn("19900101", 600), G1);
	ok(add(&s, &r) != NULL, "C1 kept");
	cand(&r, "C1", idn("19900101", 601), G1);
	ok(!add(&s, &r) && strcmp(col, "candidate_id") == 0 &&
	    strncmp(why, "candidate C1 already on c.csv:", 30) == 0,
	    "C1 again: refused naming the first (%s)", why);
	cand(&r, " ", idn("19900101", 602), G1);
	ok(!add(&s, &r) && strcmp(col, "candidate_id") == 0 &&
	    strcmp(why, "empty") == 0, "a blank candidate_id: empty");
	cand(&r, "C3", idn("19900101", 603), "620102001001900");
	ok(!add(&s, &r) && strcmp(col, "grid_code") == 0,
	    "grid sequence 900: refused (%s)", why);
	is(s.nc, 1, "one kept");
	screen_free(&s);
}

static void
test_xrules(void)
{
	struct screen s;
	struct screen_rec r;
	struct screen_cand *c;
	const char *w;
	policy *p;

	p = profile("X1 = on\nX1.column = fp\nX1.reason = 计生\n"
	    "X1.remarks = R20 超生\nP1 = on\nP1.column = pov\n"
	    "P1.reason = 建档立卡\n");
	if (!p || setup(&s, p, "2026-10-08", &w) < 0) {
		ok(0, "setup X1: %s", p ? w : "no profile");
		return;
	}
	cand(&r, "X", idn("19900101", 700), G1);
	r.x[1] = "1";
	r.xlen[1] = 1;
	set(&r, SC_CRIM, "1");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "D1;X1") == 0,
	    "X1 flag 1 with D1: D1;X1");
	cand(&r, "Y", idn("19900101", 701), G1);
	r.x[1] = "0";
	r.xlen[1] = 1;
	r.p[1] = "1";
	r.plen[1] = 1;
	set(&r, SC_REMARKS, "曾超生");
	ok((c = add(&s, &r)) && strcmp(reasons(&s, c), "R20") == 0 &&
	    c->prio == 1, "X1 remark with the flag 0: R20; P1 counts");
	cand(&r, "Z", idn("19900101", 702), G1);
	r.p[1] = "是";
	r.plen[1] = strlen("是");
	ok(!add(&s, &r) && strcmp(col, "pov") == 0, "P1 flag 是: refused");
	screen_free(&s);
	policy_free(p);
}

/* One profile that screen_init() .. screen_ready() refuses. */
static void
refused(const char *lines, const char *want)
{
	struct screen s;
	const char *w = "(none)";
	policy *p = profile(lines);
	int rc = p ? setup(&s, p, "2026-10-08", &w) : -2;

	ok(rc == -1 && strstr(w, want), "refused: %s", want);
	if (rc != -1 || !strstr(w, want))
		printf("#   got '%s'\n", w);
	if (p) {
		screen_free(&s);
		policy_free(p);
	}
}

static void
test_policy(const policy *gansu)
{
	struct screen s;
	char *f[3];
	const char *w;

	refused("age_min = 50\nage_max = 40\n",
	    ": key 'age_max': age band out of order or range");
	refused("age_max = 201\n", "age band out of order or range");
	refused("written_weight = 1.01\n",
	    "key 'written_weight': not a weight from 0 to 1: 1.01");
	refused("priority = party_member height\n",
	    "key 'priority': not a priority attribute: height");
	refused("education_min = 大学\n",
	    "key 'education_min': not on the ladder: 大学");
	refused("education_ladder =\n", "key 'education_ladder': empty");
	refused("D3 = maybe\n", "key 'D3'");
	refused("X33 = on\n", "key 'X33': not a rule code X1-X32");
	refused("X1 = on\nX1.column = fp\n", "rule X1 has no X1.reason");
	refused("X1 = on\nX1.reason = r\nX1.column = name\n",
	    "key 'X1.column': a column of the candidates contract");
	refused("X1 = on\nX1.reason = r\nX1.column = status\n",
	    "a column of the candidates contract");
	refused("X1 = on\nX1.reason = r\nX1.remarks = R90 x\n",
	    "'R90' is not an R-code R1-R89");

	if (setup(&s, gansu, "2026-10-08", &w) < 0) {
		ok(0, "setup: %s", w);
		return;
	}
	f[0] = "大学";
	f[1] = "学士";
	ok(screen_education(&s, f, 2, "e.tsv", 3, &w) < 0 && strcmp(w,
	    "e.tsv:3: level '学士' is not on the ladder "
	    "(screen.education_ladder)") == 0, "a level off the ladder");
	f[0] = "本科";
	f[1] = "本科";
	ok(screen_education(&s, f, 2, "e.tsv", 4, &w) < 0 && strcmp(w,
	    "e.tsv:4: spelling '本科' listed twice") == 0,
	    "a spelling listed twice");
	ok(screen_education(&s, f, 1, "e.tsv", 5, &w) < 0 && strcmp(w,
	    "e.tsv:5: expected 'spelling<TAB>level'") == 0, "one field");
	f[0] = "R1";
	f[1] = "-";
	f[2] = "刑(";
	ok(screen_remark(&s, f, 3, "r.tsv", 1, &w) < 0 && strncmp(w,
	    "r.tsv:1: bad pattern '刑(' ", 28) == 0, "a bad pattern (%s)", w);
	f[1] = "criminal_penalty,height";
	f[2] = "刑";
	ok(screen_remark(&s, f, 3, "r.tsv", 2, &w) < 0 && strstr(w,
	    "'height' is neither '-'"), "a related word that is no rule");
	f[0] = "D1";
	f[1] = "-";
	ok(screen_remark(&s, f, 3, "r.tsv", 3, &w) < 0 && strcmp(w,
	    "r.tsv:3: 'D1' is not an R-code R1-R89") == 0, "a D-code");
	ok(screen_table(&s, "remarks", &w) != NULL, "the remarks table's path");
	ok(screen_table(&s, "nosuch", &w) == NULL && strcmp(w,
	    "policy gansu: missing key 'screen.nosuch'") == 0,
	    "a table the policy does not name");
	screen_free(&s);
}

int
main(void)
{
	const char *why;
	policy *gansu, *shanxi, *w0;

	if (!(gansu = policy_load("gansu", &why)) ||
	    !(shanxi = policy_load("shanxi", &why))) {
		printf("Bail out! %s\n", why);
		return 1;
	}
	w0 = profile("written_weight = 0\n");
	test_ages(gansu);
	test_drules(gansu, shanxi);
	test_lists(gansu);
	test_totals(gansu, w0);
	test_priority(gansu);
	test_ranking(gansu);
	test_refusals(gansu);
	test_xrules();
	test_policy(gansu);
	policy_free(gansu);
	policy_free(shanxi);
	policy_free(w0);
	return done();
}
