/*
 * table.c — unit tests of lib/table.c: a table read from the store is
 * bound, checked and counted as the same table read from a file; only
 * the wanted columns and the rows the condition keeps are read; money
 * reads back as yuan; a missing table or column is said, and a bad row
 * of the store is rejected with its place.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gridwork.h"
#include "tap.h"

/* What the callbacks saw. */
struct seen {
	int idx[4];
	char rows[8][128];
	int n;
	int hdrs;
};

static const char *const pcols[] = { "worker_id", "date", "minutes",
    "households_visited" };

static int
hdr(csvr *r, void *arg)
{
	struct seen *s = arg;

	s->hdrs++;
	return gw_bind(r, csvr_name(r), pcols, 4, 3, s->idx, "--patrols");
}

static int
rec(csvr *r, struct gw_rec *g, void *arg)
{
	struct seen *s = arg;
	size_t n0, n1, n2, n3;
	const char *a = gw_field(g, s->idx[0], &n0);
	const char *b = gw_field(g, s->idx[1], &n1);
	const char *c = gw_field(g, s->idx[2], &n2);
	const char *d = gw_field(g, s->idx[3], &n3);

	(void)r;
	if (s->n < 8)
		snprintf(s->rows[s->n++], sizeof s->rows[0], "%s|%s|%s|%s@%ld",
		    a, b, c, d, g->line);
	return 0;
}

static void
exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("# %s: %s\n", sql, err);
		sqlite3_free(err);
	}
}

/* The run first, so that rec() can reject through it. */
struct both {
	struct gw_run *run;
	struct seen s;
};

static int
bhdr(csvr *r, void *arg)
{
	return hdr(r, &((struct both *)arg)->s);
}

static int
brec(csvr *r, struct gw_rec *g, void *arg)
{
	struct both *b = arg;
	size_t n;

	if (strcmp(gw_field(g, b->s.idx[2], &n), "0") == 0) {
		gw_reject(b->run, csvr_name(r), g->line, "minutes", g,
		    "no minutes");
		return 1;
	}
	return rec(r, g, &b->s);
}

int
main(void)
{
	static const char *const two[] = { "2026-10-01", "2026-10-31" };
	static const char *const rcols[] = { "worker_id", "amount" };
	struct gw_run run;
	struct both b;
	struct gw_table t;
	sqlite3 *db;
	colspec *cs;
	const char *why = NULL;
	char name[128], path[] = "/tmp/gw-table-XXXXXX";
	csvr *r;
	FILE *f;
	int fd;

	if (!(db = store_memory(&why)) || !(cs = colspec_load(db, NULL, &why))) {
		printf("Bail out! %s\n", why ? why : "no store");
		return 1;
	}
	exec(db, "INSERT INTO patrols VALUES ('W1', '2026-09-30', 30, NULL),"
	    "('W1', '2026-10-01', 45, 3), ('W2', '2026-10-02', 0, 1),"
	    "('W2', '2026-10-31', 60, 2), ('W3', '2026-11-01', 10, 1)");
	exec(db, "INSERT INTO rewards VALUES ('W1', '2026-10', 150050, 'x'),"
	    "('W2', '2026-10', 5, 'y')");

	/* the month's rows, the wanted columns, counted and rejected */
	memset(&run, 0, sizeof run);
	memset(&b, 0, sizeof b);
	b.run = &run;
	run.quiet = 1;
	memset(&t, 0, sizeof t);
	t.db = db;
	t.store = "gw.db";
	t.cs = cs;
	t.table = "patrols";
	t.cols = pcols;
	t.ncols = 4;
	t.where = "date BETWEEN ? AND ?";
	t.params = two;
	t.nparams = 2;
	is(table_loop(&run, &t, NULL, bhdr, brec, &b), 0, "store: read");
	is(b.s.hdrs, 1, "store: the header callback once");
	is(run.nread, 3, "store: only the rows the condition keeps");
	is(run.nok, 2, "store: accepted");
	is(run.nrej, 1, "store: a row rejected by the command");
	ok(run.nread == run.nok + run.nrej, "store: rows in = accepted + rejected");
	isstr(b.s.rows[0], "W1|2026-10-01|45|3@1", "store: a row as text, its place");
	isstr(b.s.rows[1], "W2|2026-10-31|60|2@3", "store: the third row read");
	isstr(table_name(&t, name, sizeof name), "gw.db:patrols", "store: its name");
	gw_run_end(&run);

	/* NULL is "", every row without a condition */
	memset(&run, 0, sizeof run);
	memset(&b.s, 0, sizeof b.s);
	run.quiet = 1;
	t.where = NULL;
	t.nparams = 0;
	is(table_loop(&run, &t, NULL, bhdr, brec, &b), 0, "all rows: read");
	is(run.nread, 5, "all rows: five");
	isstr(b.s.rows[0], "W1|2026-09-30|30|@1", "all rows: NULL is empty");
	gw_run_end(&run);

	/* money as yuan, columns in the caller's order */
	t.table = "rewards";
	t.cols = rcols;
	t.ncols = 2;
	r = table_open(&t, NULL, &why);
	ok(r != NULL, "rewards: opened");
	if (r) {
		struct gw_rec g;

		is(csvr_ncols(r), 2, "rewards: the wanted columns only");
		isstr(csvr_header(r)[1], "amount", "rewards: in the caller's order");
		is(csvr_fmt(r), FMT_STORE, "rewards: from the store");
		is(csvr_next(r, &g), CSVR_REC, "rewards: a row");
		isstr(g.f[1], "1500.50", "rewards: fen read back as yuan");
		is(csvr_next(r, &g), CSVR_REC, "rewards: a second row");
		isstr(g.f[1], "0.05", "rewards: five fen");
		is(csvr_next(r, &g), CSVR_EOF, "rewards: the end");
		csvr_close(r);
	}

	/* without formats: SQLite's text */
	t.cs = NULL;
	r = table_open(&t, NULL, &why);
	if (ok(r != NULL, "no formats: opened")) {
		struct gw_rec g;

		csvr_next(r, &g);
		isstr(g.f[1], "150050", "no formats: the stored integer");
		csvr_close(r);
	}
	t.cs = cs;

	/* a missing required column is gw_bind's fault, named by the store */
	memset(&run, 0, sizeof run);
	memset(&b.s, 0, sizeof b.s);
	run.quiet = 1;
	fflush(stdout);
	is(table_loop(&run, &t, NULL, bhdr, brec, &b), -1,
	    "rewards as patrols: refused (missing column)");
	gw_run_end(&run);

	/* no such table */
	t.table = "nosuch";
	r = table_open(&t, NULL, &why);
	ok(r == NULL && strstr(why, "no table 'nosuch'") != NULL,
	    "no such table: said");

	/* a bad condition is an error, not an empty table */
	t.table = "patrols";
	t.cols = pcols;
	t.ncols = 4;
	t.where = "no_such_column = ?";
	t.params = two;
	t.nparams = 1;
	r = table_open(&t, NULL, &why);
	ok(r == NULL && strstr(why, "gw.db:patrols: ") == why,
	    "bad condition: refused, named");

	/* the caller's order, a row named by its rowid */
	memset(&run, 0, sizeof run);
	memset(&b.s, 0, sizeof b.s);
	run.quiet = 1;
	t.where = NULL;
	t.nparams = 0;
	t.order = "minutes DESC, rowid";
	t.rowid_line = 1;
	is(table_loop(&run, &t, NULL, bhdr, brec, &b), 0, "ordered: read");
	isstr(b.s.rows[0], "W2|2026-10-31|60|2@4", "ordered: by minutes, "
	    "named by rowid");
	isstr(b.s.rows[3], "W3|2026-11-01|10|1@5", "ordered: the last");
	is(run.nrej, 1, "ordered: the reject too");
	gw_run_end(&run);
	t.order = NULL;
	t.rowid_line = 0;

	/* a period without rows of a table it needs */
	{
		policy *pol = policy_load("gansu", &why);

		t.table = "bonus";
		ok(pol && table_need(&t, 3, "2026-10", 1, pol, "score",
		    "scored") == 0, "need: rows are enough");
		ok(table_need(&t, 0, "2026-10", 1, pol, "score", "scored") < 0,
		    "need: none of a required table: -1 (said)");
		ok(table_need(&t, 0, "2026-10", 0, pol, "score", "scored") == 0,
		    "need: none of an optional table: 0 (said)");
		policy_free(pol);
	}
	t.table = "patrols";

	/* the same table from a file gives the same rows */
	if ((fd = mkstemp(path)) < 0 || !(f = fdopen(fd, "w"))) {
		printf("Bail out! mkstemp\n");
		return 1;
	}
	fputs("households_visited,minutes,date,worker_id,extra\n"
	    "3,45,2026-10-01,W1,a\n1,0,2026-10-02,W2,b\n", f);
	fclose(f);
	memset(&t, 0, sizeof t);
	t.path = path;
	t.table = "patrols";
	memset(&run, 0, sizeof run);
	memset(&b.s, 0, sizeof b.s);
	run.quiet = 1;
	is(table_loop(&run, &t, NULL, bhdr, brec, &b), 0, "file: read");
	is(run.nread, 2, "file: rows");
	is(run.nrej, 1, "file: the same reject");
	isstr(b.s.rows[0], "W1|2026-10-01|45|3@2", "file: the same row, its line");
	isstr(table_name(&t, name, sizeof name), path, "file: its path");
	gw_run_end(&run);
	unlink(path);
	t.path = "/nonexistent/x.csv";
	r = table_open(&t, NULL, &why);
	ok(r == NULL && strstr(why, "cannot open") != NULL, "file: missing said");

	colspec_free(cs);
	store_close(db);
	return done();
}
