/*
 * load.c — unit tests of lib/load.c, from records in C: a good row and
 * its normalised values, each kind of bad value, keys twice in a load
 * or already in the store (with and without update), a broken link,
 * the refusals of persons said at the end with their households, a
 * load rolled back leaving the store as it was, more refusals than
 * allowed, and the period replace: only the period's rows change, the
 * same rows again leave the same rowids.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"
#include "tap.h"

/* The refusals handed back. */
struct seen {
	int n;
	char msg[16][256];
};

static void
on_reject(void *arg, const struct load_reject *rj)
{
	struct seen *s = arg;

	if (s->n < 16)
		snprintf(s->msg[s->n], sizeof s->msg[0], "%s:%ld: %s: %s",
		    rj->file, rj->line, rj->col ? rj->col : "-", rj->why);
	s->n++;
}

/* The answer of a query, as text ("" for none). */
static const char *
q(sqlite3 *db, const char *sql)
{
	static char buf[1024];
	sqlite3_stmt *st;
	const char *v;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(buf, sizeof buf, "error: %s", sqlite3_errmsg(db));
		return buf;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		if (buf[0])
			strncat(buf, " ", sizeof buf - strlen(buf) - 1);
		strncat(buf, v ? v : "NULL", sizeof buf - strlen(buf) - 1);
	}
	sqlite3_finalize(st);
	return buf;
}

/*
 * Loads rows (fields separated by '|', each row a string) with header
 * hdr ('|' too) into table, as input "in" whose lines start at 2, in
 * a transaction of its own that is committed (rollback: rolled back).
 * Returns load_end()'s result (or -2 when load_begin() fails), counts
 * in *c, refusals in *s.
 */
static int
load(sqlite3 *db, const colspec *cs, const struct load_opt *opt0,
    const char *hdr, const char *const *rows, int rollback,
    struct load_counts *c, struct seen *s)
{
	struct load_opt opt = *opt0;
	struct gw_rec rec;
	char *h[16], *f[16], hb[512], fb[512], *p;
	size_t len[16], nh = 0, i;
	const char *why = NULL;
	loader *ld;
	int rc = 0, k;

	memset(s, 0, sizeof *s);
	opt.reject = on_reject;
	opt.arg = s;
	snprintf(hb, sizeof hb, "%s", hdr);
	for (p = hb; p && nh < 16; nh++) {
		h[nh] = p;
		if ((p = strchr(p, '|')))
			*p++ = '\0';
	}
	if (store_begin(db, &why) < 0 || !(ld = load_new(db, cs, &opt)))
		return -3;
	if (load_begin(ld, &why) < 0) {
		printf("# load_begin: %s\n", why);
		load_free(ld);
		store_rollback(db);
		return -2;
	}
	if (load_input(ld, "in", (const char *const *)h, nh, &why) < 0) {
		printf("# load_input: %s\n", why);
		rc = -1;
	}
	for (i = 0; rc == 0 && rows[i]; i++) {
		snprintf(fb, sizeof fb, "%s", rows[i]);
		rec.nf = 0;
		for (p = fb; p && rec.nf < 16; rec.nf++) {
			f[rec.nf] = p;
			if ((p = strchr(p, '|')))
				*p++ = '\0';
			len[rec.nf] = strlen(f[rec.nf]);
		}
		rec.f = f;
		rec.len = len;
		rec.line = (long)i + 2;
		if ((k = load_row(ld, &rec, &why)) < 0)
			rc = -1;
	}
	if (rc == 0 && load_end(ld, &why) < 0)
		rc = -1;
	load_counts(ld, c);
	load_free(ld);
	if (rc == 0 && !rollback)
		store_commit(db, &why);
	else
		store_rollback(db);
	return rc;
}

int
main(void)
{
	static const char *const regions[] = {
	    "140824|稷山县|", "140824100|稷峰镇|",
	    "140824100200|东北街村委会|农村",
	    "１４０８２４１００２０１| 西街社区居委会 |111", NULL };
	static const char *const badregions[] = {
	    "1408241002|坏代码|",		/* a code of no level */
	    "140824100202||rural",		/* a name required */
	    "140824100203|山村|山区",		/* no such kind */
	    "140824100204|好村|rural",
	    "140824100204|又一个|rural",	/* twice in the load */
	    "140824100200|又东北街|rural",	/* in the store */
	    NULL };
	static const char *const grids[] = {
	    "140824100200001|140824100200|base",
	    "140824100201001|140824100200|base",	/* starts */
	    "140824100299001|140824100299|base",	/* a broken link */
	    "140824100200003|140824100200|中心",	/* no such kind */
	    NULL };
	static const char *const workers[] = {
	    "W1|140105198001010011|张伟|网格长|140824100200001|140824100|"
	    "专职|2020-03-01",
	    "W2|140105198001010012|王芳|网格员|140824100200001|140824100|"
	    "fulltime|2020-03-01",			/* bad check digit */
	    "W3|14010519800101002X|王芳|网格员|140824100200001|140824100|"
	    "fulltime|2020-02-30",			/* no such date */
	    "W4|140105198001010038|李娜|网格员|140824100200001|140824100|"
	    "parttime|2021-07-01", NULL };
	static const char *const persons[] = {
	    "140105198001010046|刘洋|H1|户主|140824100200|1组",
	    "140105198001010011|张伟|H1|配偶|140824100200|",
	    "140105198001010046|刘洋二|H2|户主|140824100200|",
	    "140105198001010054|赵六|H1|子女|140824100201|", NULL };
	static const char *const oct1[] = {
	    "W1|2026-10-01|60|1", "W1|2026-10-02|70|2", "W4|2026-10-01|30|",
	    NULL };
	static const char *const sep[] = { "W1|2026-09-30|40|1", NULL };
	static const char *const oct2[] = {
	    "W1|2026-10-02|75|3",		/* replaced in place */
	    "W4|2026-10-03|20|1",		/* new */
	    "W1|2026-11-01|10|1",		/* outside the period */
	    "W4|2026-10-03|25|1",		/* twice */
	    NULL };		/* W1 10-01 and W4 10-01 not again */
	struct load_opt opt;
	struct load_counts c;
	struct seen s;
	sqlite3 *db;
	colspec *cs;
	const char *why = NULL;
	char before[1024], rowid[64];
	loader *ld;

	if (!(db = store_memory(&why)) || !(cs = colspec_load(db, NULL, &why))) {
		printf("Bail out! %s\n", why ? why : "no store");
		return 1;
	}
	memset(&opt, 0, sizeof opt);
	opt.maxrej = -1;

	/* no transaction, no load; no such table, no loader */
	opt.table = "regions";
	ld = load_new(db, cs, &opt);
	ok(ld && load_begin(ld, &why) < 0 && strstr(why, "no transaction"),
	    "load_begin outside a transaction: refused");
	load_free(ld);
	opt.table = "audit";
	ok(load_new(db, cs, &opt) == NULL, "audit is no table to load");

	/* good rows, stored normalised */
	opt.table = "regions";
	is(load(db, cs, &opt, "code|name|kind", regions, 0, &c, &s), 0,
	    "regions: loaded");
	is(c.nread, 4, "regions: read 4");
	is(c.nloaded, 4, "regions: loaded 4");
	is(c.nrej + c.nupdated, 0, "regions: none refused or updated");
	isstr(q(db, "SELECT code || '|' || name || '|' || kind FROM regions "
	    "WHERE rowid = 4"), "140824100201|西街社区居委会|urban",
	    "full-width code folded, name trimmed, kind by its code");
	isstr(q(db, "SELECT kind FROM regions WHERE code = '140824100200'"),
	    "rural", "农村 is rural");
	isstr(q(db, "SELECT rows_read || ',' || rows_loaded || ',' || "
	    "rows_rejected FROM audit"), "4,4,0", "the audit row of the load");

	/* each kind of bad value, keys twice and in the store */
	is(load(db, cs, &opt, "code|name|kind", badregions, 0, &c, &s), 0,
	    "bad regions: the load goes on");
	is(c.nread, 6, "bad regions: read 6");
	is(c.nloaded, 1, "bad regions: one loaded");
	is(c.nrej, 5, "bad regions: five refused");
	is(s.n, 5, "bad regions: each handed back once");
	isstr(s.msg[0], "in:2: code: code must have 2, 4, 6, 9, 12, 15 or 18 "
	    "digits, found 10: '1408241002'", "a code of no level");
	isstr(s.msg[1], "in:3: name: empty, but required", "a required value");
	isstr(s.msg[2], "in:4: kind: not urban or rural: '山区'", "a bad kind");
	isstr(s.msg[3], "in:6: code: duplicate key '140824100204', first at "
	    "in:5", "a key twice: the first named");
	isstr(s.msg[4], "in:7: code: key '140824100200' already in the store "
	    "(--update replaces it)", "a key in the store");
	ok(c.nread == c.nloaded + c.nupdated + c.nrej,
	    "read = loaded + updated + rejected");

	/* update: in place */
	snprintf(rowid, sizeof rowid, "%s", q(db, "SELECT rowid FROM regions "
	    "WHERE code = '140824100200'"));
	opt.update = 1;
	{
		static const char *const upd[] = {
		    "140824100200|东北街村民委员会|rural", NULL };

		is(load(db, cs, &opt, "code|name|kind", upd, 0, &c, &s), 0,
		    "update: loaded");
	}
	is(c.nupdated, 1, "update: one updated");
	isstr(q(db, "SELECT rowid || name FROM regions WHERE code = "
	    "'140824100200'"), strcat(rowid, "东北街村民委员会"),
	    "update: the same rowid, the new name");
	opt.update = 0;

	/* the starts rule, a broken link, an enum */
	opt.table = "grids";
	is(load(db, cs, &opt, "grid_code|village_code|kind", grids, 0, &c, &s),
	    0, "grids: loaded");
	is(c.nloaded, 1, "grids: one loaded");
	isstr(s.msg[0], "in:3: grid_code: 140824100201001 does not begin with "
	    "village_code 140824100200", "the starts rule");
	isstr(s.msg[1], "in:4: village_code: '140824100299' is not in "
	    "regions.code", "a broken link");
	ok(strncmp(s.msg[2], "in:5: kind: ", 12) == 0, "a kind not in the enum");

	/* identity numbers and dates */
	opt.table = "workers";
	is(load(db, cs, &opt, "worker_id|id_number|name|role|grid_code|"
	    "township_code|employment|hired_on", workers, 0, &c, &s), 0,
	    "workers: loaded");
	is(c.nloaded, 2, "workers: two loaded");
	isstr(s.msg[0], "in:3: id_number: bad check character 2, expected 1: "
	    "'140105198001010012'", "a bad identity number");
	ok(strncmp(s.msg[1], "in:4: hired_on: ", 16) == 0, "an impossible date");
	isstr(q(db, "SELECT employment FROM workers WHERE worker_id = 'W1'"),
	    "fulltime", "专职 is fulltime");

	/* persons: sorted, duplicates said at the end, households derived */
	opt.table = "persons";
	is(load(db, cs, &opt, "id_number|name|household_id|relation|"
	    "village_code|block", persons, 0, &c, &s), 0, "persons: loaded");
	is(c.nloaded, 2, "persons: two loaded");
	is(c.nrej, 2, "persons: two refused");
	isstr(s.msg[0], "in:5: village_code: household 'H1' has village_code "
	    "'140824100200' (as its earlier members), not '140824100201'",
	    "a member in another village, its household come back");
	isstr(s.msg[1], "in:4: id_number: duplicate key '140105198001010046', "
	    "first at in:2", "a number twice, said after the others");
	isstr(q(db, "SELECT household_id || ',' || persons || ',' || block "
	    "FROM households"), "H1,2,1组", "one household, two members");
	is(c.nderived, 1, "one household derived");

	/* a load rolled back leaves the store as it was */
	snprintf(before, sizeof before, "%s", q(db, "SELECT group_concat(code "
	    "|| name, ',') FROM regions UNION ALL SELECT count(*) FROM audit"));
	opt.table = "regions";
	{
		static const char *const more[] = { "140824100205|新村|rural",
		    NULL };

		is(load(db, cs, &opt, "code|name|kind", more, 1, &c, &s), 0,
		    "a load to roll back");
	}
	is(c.nloaded, 1, "... loaded a row");
	isstr(q(db, "SELECT group_concat(code || name, ',') FROM regions "
	    "UNION ALL SELECT count(*) FROM audit"), before,
	    "rolled back: the rows and the audit as before");

	/* more refusals than allowed */
	opt.maxrej = 1;
	is(load(db, cs, &opt, "code|name|kind", badregions, 1, &c, &s), -1,
	    "more than maxrej refused: the load fails");
	ok(c.aborted, "... aborted");
	is(s.n, 2, "... at the second refusal");
	opt.maxrej = -1;

	/* the period replace */
	opt.table = "patrols";
	is(load(db, cs, &opt, "worker_id|date|minutes|households_visited", sep,
	    0, &c, &s), 0, "September's patrols");
	is(load(db, cs, &opt, "worker_id|date|minutes|households_visited", oct1,
	    0, &c, &s), 0, "October's patrols");
	snprintf(rowid, sizeof rowid, "%s", q(db, "SELECT rowid FROM patrols "
	    "WHERE date = '2026-10-02'"));
	opt.period_col = "date";
	opt.period = "2026-10";
	is(load(db, cs, &opt, "worker_id|date|minutes|households_visited", oct2,
	    0, &c, &s), 0, "October replaced");
	is(c.nread, 4, "replace: read 4");
	is(c.nupdated, 1, "replace: one replaced in place");
	is(c.nloaded, 1, "replace: one new");
	is(c.nrej, 2, "replace: two refused");
	is(c.ndeleted, 2, "replace: two rows of October not given again");
	isstr(s.msg[0], "in:4: date: '2026-11-01' is not in the period 2026-10",
	    "a row outside the period");
	isstr(s.msg[1], "in:5: worker_id,date: duplicate key 'W4', "
	    "'2026-10-03', first at in:3", "a key twice in the period");
	isstr(q(db, "SELECT worker_id || date || minutes FROM patrols ORDER BY "
	    "rowid"), "W12026-09-3040 W12026-10-0275 W42026-10-0320",
	    "September untouched, October as given");
	isstr(q(db, "SELECT rowid FROM patrols WHERE date = '2026-10-02'"),
	    rowid, "the row replaced keeps its rowid");
	snprintf(before, sizeof before, "%s", q(db, "SELECT rowid || worker_id "
	    "|| date || minutes FROM patrols ORDER BY rowid"));
	is(load(db, cs, &opt, "worker_id|date|minutes|households_visited", oct2,
	    0, &c, &s), 0, "October replaced again with the same rows");
	is(c.ndeleted, 0, "again: nothing deleted");
	isstr(q(db, "SELECT rowid || worker_id || date || minutes FROM patrols "
	    "ORDER BY rowid"), before, "again: the same rows, the same rowids");
	isstr(q(db, "SELECT count(*) FROM sqlite_temp_schema WHERE name = "
	    "'gw_load_period'"), "0", "no temporary table left");
	opt.period = "2026-09";
	{
		static const char *const w[] = { "W1|2026-09-30|45|1", NULL };
		static const char *const t[] = { "W1|S1|2026-10-05|1", NULL };
		static const char *const t2[] = { "W1|S1|2026-11-05|1", NULL };

		is(load(db, cs, &opt, "worker_id|date|minutes|"
		    "households_visited", w, 0, &c, &s), 0, "September replaced");
		isstr(q(db, "SELECT minutes FROM patrols WHERE date < "
		    "'2026-10'"), "45", "... and October left alone");
		opt.table = "trainings";
		opt.period_col = NULL;
		load(db, cs, &opt, "worker_id|session_id|date|attended", t, 0,
		    &c, &s);
		opt.period_col = "date";
		opt.period = "2026-11";
		is(load(db, cs, &opt, "worker_id|session_id|date|attended", t2,
		    0, &c, &s), 0, "trainings of November");
		isstr(s.msg[0], "in:2: worker_id,session_id: key 'W1', 'S1' "
		    "already in the store, outside the period 2026-11",
		    "a key in the store outside the period is refused");
		opt.table = "persons";
		is(load(db, cs, &opt, "id_number|name|household_id", w, 0, &c,
		    &s), -2, "persons have no period column: refused");
	}

	colspec_free(cs);
	store_close(db);
	return done();
}
