/*
 * division.c — unit tests of the division engine (lib/division.c): the
 * band's edges, the exact division, dedicated and micro-grids, codes kept
 * and retired against a previous division, the checks, and the failure
 * paths.  Records are built here; no file is read but the gansu profile.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

/* the figures of the gansu profile */
static const struct div_band gansu = { 300, 500, 1200, 500, 300, 6, 10, 3,
    3, 1000, 1200, 0, 0 };

static struct div_str
S(const char *s)
{
	struct div_str f = { s, strlen(s) };

	return f;
}

/* What divided() was given, one village after another. */
static struct sbuf got;

static void
record(void *arg, const struct div_village *V)
{
	size_t i;

	(void)arg;
	sbuf_addf(&got, "%s%s:", V->code, V->carried ? "*" : "");
	for (i = 0; i < V->ng; i++)
		sbuf_addf(&got, " %03d%s/%ld/%ld%s%s", V->grids[i].seq,
		    V->grids[i].ded ? "d" : "", V->grids[i].hh,
		    V->grids[i].res, V->grids[i].status ? "/" : "",
		    div_status_name(V->grids[i].status));
	for (i = 0; i < V->nh; i++)
		if (V->h[i].micro)
			sbuf_addf(&got, "%s%d", i ? "," : " m", V->h[i].micro);
	sbuf_addc(&got, '\n');
}

static void
start(struct division *d, const struct div_band *b)
{
	memset(d, 0, sizeof *d);
	d->band = *b;
	d->col_id = 0;
	d->col_addr = 1;
	d->divided = record;
	div_init(d);
	div_regions(d);
	div_region(d, S("140824100001"), "urban", NULL, "");
	div_region(d, S("140824100002"), "urban", NULL, "");
	div_region(d, S("140824200201"), "rural", NULL, "");
	sbuf_reset(&got);
}

/* n households of persons each in block blk of village vil, ids PFX-k. */
static int
add(struct division *d, const char *vil, const char *blk, int n,
    int persons, const char *pfx)
{
	char id[64], pers[16], addr[16];
	struct div_str f[2];
	struct div_row r;
	int k, rc = 0;

	for (k = 1; k <= n && rc == 0; k++) {
		snprintf(id, sizeof id, "%s-%d", pfx, k);
		snprintf(addr, sizeof addr, "%d室", k);
		snprintf(pers, sizeof pers, "%d", persons);
		memset(&r, 0, sizeof r);
		r.id = S(id), r.vil = S(vil), r.blk = S(blk), r.pers = S(pers);
		f[0] = S(id), f[1] = S(addr);
		r.f = f, r.nf = 2, r.line = k + 1;
		rc = div_add(d, &r);
	}
	return rc;
}

static const char *
finish(struct division *d)
{
	if (div_finish(d) < 0)
		return d->why;
	return got.s ? got.s : "";
}

static size_t
runs_of(const long *hh, size_t n, int single, struct div_run *runs,
    const long *prev)
{
	struct div_block b[16];
	int64_t dev;
	size_t i;

	for (i = 0; i < n; i++) {
		b[i].hh = hh[i];
		b[i].res = 2 * hh[i];
		b[i].prev = prev ? prev[i] : -1;
		b[i].prevn = prev && prev[i] >= 0 ? 1 : 0;
	}
	return div_runs(&gansu, b, n, single, runs, &dev);
}

static void
test_band(void)
{
	struct div_band b;
	char why[512], path[] = "/tmp/divtestXXXXXX";
	policy *p;
	const char *w;
	FILE *fp;
	int fd;

	is(div_deviation(&gansu, 299, 0), 3, "299 households: 1 under, x3");
	is(div_deviation(&gansu, 300, 1200), 0, "300 households: in the band");
	is(div_deviation(&gansu, 500, 1200), 0, "500 households: in the band");
	is(div_deviation(&gansu, 501, 0), 3, "501 households: 1 over, x3");
	is(div_deviation(&gansu, 400, 1201), 1, "1201 residents: 1 over");
	is(div_deviation(&gansu, 290, 1300), 130, "under and over add up");
	ok(div_single(&gansu, KIND_RURAL, 500), "rural 500: one grid");
	ok(!div_single(&gansu, KIND_RURAL, 501), "rural 501: divided");
	ok(!div_single(&gansu, KIND_URBAN, 10), "urban: never one by rule");
	ok(!div_single(&gansu, KIND_UNKNOWN, 10), "unknown kind: as urban");
	ok(div_unit_dedicated(&gansu, 300), "300 people: dedicated");
	ok(!div_unit_dedicated(&gansu, 299), "299 people: stays in its grid");

	if ((p = policy_load("gansu", &w)) == NULL)
		printf("# %s\n", w);
	ok(p && div_band_load(&b, p, why, sizeof why) == 0 &&
	    memcmp(&b, &gansu, sizeof b) == 0, "gansu's [grid] figures");
	policy_free(p);
	fd = mkstemp(path);
	fp = fd < 0 ? NULL : fdopen(fd, "w");
	if (fp) {
		fputs("include = gansu\n[grid]\nhouseholds_min = 10\n"
		    "households_max = 5\n", fp);
		fclose(fp);
	}
	p = policy_load(path, &w);
	ok(p && div_band_load(&b, p, why, sizeof why) < 0 &&
	    strstr(why, "[grid] households_max = 5: below 10"),
	    "a band upside down is refused: %s", why);
	policy_free(p);
	unlink(path);
}

static void
test_runs(void)
{
	static const long six[] = { 100, 100, 100, 100, 100, 100 };
	static const long ten[] = { 100, 100, 100, 100, 100, 100, 100, 100,
	    100, 100 };
	static const long tower[] = { 300, 700, 300 };
	static const long four[] = { 150, 150, 150, 150 };
	static const long prev[] = { -1, 7, -1, -1 };
	struct div_run r[16];
	size_t n;

	n = runs_of(six, 6, 0, r, NULL);
	ok(n == 2 && r[0].n == 3 && r[1].n == 3, "600: two runs of 300");
	n = runs_of(ten, 10, 0, r, NULL);
	ok(n == 2 && r[0].n == 5 && r[1].n == 5,
	    "1000 in blocks of 100: 500 + 500 (squares tie 4+3+3, fewer wins)");
	n = runs_of(tower, 3, 0, r, NULL);
	ok(n == 3 && r[1].first == 1 && r[1].n == 1,
	    "a 700-household block alone, never split");
	n = runs_of(six, 6, 1, r, NULL);
	ok(n == 1 && r[0].n == 6 && r[0].prev == -1, "single: one run");
	n = runs_of(four, 4, 0, r, NULL);
	ok(n == 2 && r[0].n == 2, "600 in four: 300 + 300");
	n = runs_of(four, 4, 0, r, prev);
	ok(n == 2 && r[0].n == 2 && r[0].prev == -1,
	    "a previous grid weighs only between equal deviations");
	n = runs_of(six, 0, 0, r, NULL);
	is(n, 0, "no blocks: no runs");
}

static void
test_village(void)
{
	struct division d;
	struct div_band small = { 3, 5, 12, 5, 30, 2, 3, 3, 3, 0, 0, 0, 0 };

	start(&d, &small);
	add(&d, "140824100001", "2号楼", 3, 2, "b");
	add(&d, "140824100001", "10号楼", 4, 2, "c");
	add(&d, "140824100001", "1号楼", 1, 2, "a");
	isstr(finish(&d), "140824100001: 001/4/8 002/4/8\n",
	    "blocks in natural order: 1+2, then 10");
	div_free(&d);

	start(&d, &small);
	d.micro = 1;
	add(&d, "140824100001", "1号楼", 5, 2, "h");
	isstr(finish(&d), "140824100001: 001/5/10 m1,1,1,2,2\n",
	    "micro-grids: 5 with at most 3 gives 3 + 2");
	div_free(&d);

	start(&d, &gansu);
	d.micro = 1;
	add(&d, "140824100001", "1号楼", 11, 2, "h");
	isstr(finish(&d), "140824100001: 001/11/22 m1,1,1,1,1,1,2,2,2,2,2\n",
	    "micro-grids: 11 with 6-10 gives 6 + 5");
	div_free(&d);

	start(&d, &small);
	div_unit(&d, S("U10"), S("b"), S("140824100001"), S("30"));
	div_unit(&d, S("U2"), S("a"), S("140824100001"), S("40"));
	div_unit(&d, S("U3"), S("c"), S("140824100001"), S("29"));
	div_unit(&d, S("U4"), S("d"), S("140824100002"), S("50"));
	add(&d, "140824100001", "1号楼", 4, 1, "h");
	isstr(finish(&d), "140824100001: 001/4/4 901d/0/40 902d/0/30\n"
	    "140824100002: 901d/0/50\n",
	    "dedicated grids in natural order of unit; units only after");
	div_free(&d);

	start(&d, &small);
	add(&d, "140824200201", "1组", 5, 3, "r");
	isstr(finish(&d), "140824200201: 001/5/15\n", "rural 5: one grid");
	div_free(&d);
}

/* A previous grid table row. */
static void
prev_grid(struct division *d, const char *code, const char *blocks,
    const char *status)
{
	struct div_prow p;

	memset(&p, 0, sizeof p);
	p.grid = S(code);
	p.blocks = S(blocks);
	p.status = S(status);
	p.hh = S("4");
	p.res = S("8");
	div_prev_row(d, 1, &p);
}

static void
test_previous(void)
{
	struct division d;
	struct div_band small = { 3, 5, 12, 5, 30, 2, 3, 3, 3, 0, 0, 0, 0 };
	struct div_prow p;

	start(&d, &small);
	d.carry = 1;
	div_prev_begin(&d);
	prev_grid(&d, "140824100001001", "1号楼;2号楼", "");
	prev_grid(&d, "140824100001004", "3号楼", "");
	prev_grid(&d, "140824100001005", "9号楼", "retired");
	prev_grid(&d, "140824100002001", "1号楼", "");
	div_prev_end(&d);
	add(&d, "140824100001", "1号楼", 2, 2, "a");
	add(&d, "140824100001", "2号楼", 2, 2, "b");
	add(&d, "140824100001", "3号楼", 4, 2, "c");
	add(&d, "140824100001", "4号楼", 4, 2, "e");
	isstr(finish(&d), "140824100001: 001/4/8/kept 004/4/8/kept "
	    "005/4/8/retired 006/4/8/new\n"
	    "140824100002*: 001/4/8/kept\n",
	    "the same blocks keep the code; a new one above the highest; a "
	    "retired one stays retired; a village not divided carried");
	div_free(&d);

	start(&d, &small);
	div_prev_begin(&d);
	memset(&p, 0, sizeof p);
	p.grid = S("140824100001001");
	p.vil = S("140824100002");
	p.hasvil = 1;
	is(div_prev_row(&d, 0, &p), 1, "a grid of another village: rejected");
	isstr(d.why, "grid '140824100001001' is not of village '140824100002'",
	    "and said so");
	p.grid = S("14082410000100");
	is(div_prev_row(&d, 0, &p), 1, "a short code: rejected");
	isstr(d.col, "grid_code", "in column grid_code");
	prev_grid(&d, "140824100001899", "1号楼;2号楼;3号楼", "");
	div_prev_end(&d);
	add(&d, "140824100001", "1号楼", 4, 2, "a");
	isstr(finish(&d), "village 140824100001: no base grid sequence left "
	    "(899 issued)", "codes run out: a failure, never a reused code");
	div_free(&d);
}

static void
test_rejects(void)
{
	struct division d;
	struct div_row r;
	struct div_str f[2];

	start(&d, &gansu);
	is(div_region(&d, S("140824100001"), "", NULL, ""), 1,
	    "a region twice: rejected");
	isstr(d.why, "duplicate region '140824100001'", "and said so");
	is(div_region(&d, S("1408"), "", NULL, ""), 0,
	    "a city names nothing to divide");
	is(div_unit(&d, S(" "), S(""), S("140824100001"), S("1")), 1,
	    "a unit without id: rejected");
	is(div_unit(&d, S("U1"), S(""), S("140824100009"), S("1")), 1,
	    "a unit of an unknown village: rejected");
	isstr(d.col, "village_code", "in column village_code");
	is(div_unit(&d, S("U2"), S(""), S("140824100001"), S("many")), 1,
	    "a unit without a number of people: rejected");

	memset(&r, 0, sizeof r);
	f[0] = S("h1"), f[1] = S("");
	r.f = f, r.nf = 2;
	r.id = S("  "), r.vil = S("140824100001"), r.pers = S("2");
	is(div_add(&d, &r), 1, "an empty id: rejected");
	isstr(d.col, "household_id", "in column household_id");
	r.id = S("h1"), r.vil = S("140824100009");
	is(div_add(&d, &r), 1, "an unknown village: rejected");
	isstr(d.why, "unknown village '140824100009'", "and said so");
	r.vil = S("１４０８２４１０００01"), r.pers = S("x");
	is(div_add(&d, &r), 1, "persons not a number: rejected");
	r.pers = S("2");
	is(div_add(&d, &r), 0, "full-width village code folded, taken");
	r.line = 9;
	is(div_add(&d, &r), 1, "the same household twice: rejected");
	r.line = 10;
	r.id = S("h2"), r.vil = S("140824100002");
	is(div_add(&d, &r), 0, "the next village: the first divided");
	r.id = S("h3"), r.vil = S("140824100001");
	is(div_add(&d, &r), 1, "a village back after it was written");
	ok(strstr(d.why, "comes back after its grids were written") != NULL,
	    "and said so");
	isstr(finish(&d), "140824100001: 001/1/2\n140824100002: 001/1/2\n",
	    "the rows taken are divided");
	div_free(&d);
}

static struct sbuf probs;

static void
problem(void *arg, const char *what, const char *grid, const char *hid,
    const char *blk, const char *detail)
{
	(void)arg;
	sbuf_addf(&probs, "%s,%s,%s,%s,%s\n", what, grid, hid, blk, detail);
}

static void
crow(struct div_check *c, const char *id, const char *vil, const char *blk,
    const char *grid, int line)
{
	struct div_crow r = { S(id), S(vil), S(blk), S(grid), S("2"), line };

	div_check_row(c, &r);
}

static void
test_check(void)
{
	struct division d;
	struct div_check c;
	struct div_band small = { 2, 3, 5, 2, 30, 2, 3, 3, 3, 0, 0, 0, 0 };
	int i;

	start(&d, &small);
	memset(&c, 0, sizeof c);
	c.problem = problem;
	c.hasblk = c.haspers = 1;
	div_check_init(&c, &d, 0);
	div_check_input(&c, "a.csv");
	crow(&c, "a1", "140824100001", "1号楼", "140824100001001", 2);
	crow(&c, "a2", "140824100001", "1号楼", "140824100001001", 3);
	crow(&c, "a1", "140824100001", "1号楼", "140824100001001", 4);
	crow(&c, "a3", "140824100001", "1号楼", "140824100001002", 5);
	crow(&c, "a4", "140824100001", "2号楼", "", 6);
	crow(&c, "a5", "140824100001", "2号楼", "140824100001000", 7);
	for (i = 0; i < 4; i++) {
		char id[16];

		snprintf(id, sizeof id, "r%d", i);
		crow(&c, id, "140824200201", "1组", "140824200201001", 8 + i);
	}
	crow(&c, "u1", "140824100002", "1号楼", "140824100001001", 12);
	is(div_check_end(&c), 9, "nine problems");
	isstr(probs.s,
	    "duplicate_household,140824100001001,a1,1号楼,household also at "
	    "a.csv:2\n"
	    "unassigned,,a4,,no grid_code\n"
	    "bad_code,140824100001000,a5,,sequence 000 is neither base 001-899 "
	    "nor dedicated 901-999\n"
	    "foreign_code,140824100001001,u1,,grid of village 140824100001, "
	    "household of village 140824100002\n"
	    "split_block,140824100001001,a3,1号楼,block of village "
	    "140824100001 in grids 140824100001001;140824100001002\n"
	    "duplicate_code,140824100001001,,,used for villages "
	    "140824100001;140824100002\n"
	    "over_residents,140824100001001,,,6 residents, above 5\n"
	    "undersize,140824100001002,,,1 households, below 2\n"
	    "oversize,140824200201001,,,4 households, above 2 (rural village "
	    "in one grid)\n", "each problem as the rules name it");
	div_free(&d);
}

int
main(void)
{
	test_band();
	test_runs();
	test_village();
	test_previous();
	test_rejects();
	test_check();
	sbuf_free(&got);
	sbuf_free(&probs);
	return done();
}
