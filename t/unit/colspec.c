/*
 * colspec.c — unit tests of lib/colspec.c: share/sql/columns.tsv against
 * the schema, every column type with good and bad values, the starts
 * rule, and values that survive store → text → store.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gridwork.h"
#include "tap.h"

static colspec *cs;
static char dir[256];

/* Checks table.col = in: accepted, stored as want (text or number). */
static void
good(const char *table, const char *col, const char *in, const char *want)
{
	const struct colspec_col *c = colspec_find(cs, table, col);
	struct colval v;
	const char *why = NULL;
	char got[300];
	int rc;

	if (c == NULL) {
		ok(0, "no column %s.%s", table, col);
		return;
	}
	rc = colspec_check(cs, c, in, strlen(in), &v, &why);
	switch (v.kind) {
	case CV_NULL:
		snprintf(got, sizeof got, "NULL");
		break;
	case CV_TEXT:
		snprintf(got, sizeof got, "%.*s", (int)v.n, v.s);
		break;
	case CV_INT:
		snprintf(got, sizeof got, "%lld", (long long)v.i);
		break;
	default:
		snprintf(got, sizeof got, "%g", v.d);
	}
	if (!ok(rc == 0 && strcmp(got, want) == 0, "%s.%s '%s' -> %s", table,
	    col, in, want))
		printf("#   rc %d, got '%s' (%s)\n", rc, got, rc ? why : "");
}

/* Checks table.col = in: refused with a reason containing want. */
static void
bad(const char *table, const char *col, const char *in, const char *want)
{
	const struct colspec_col *c = colspec_find(cs, table, col);
	struct colval v;
	const char *why = NULL;
	int rc;

	if (c == NULL) {
		ok(0, "no column %s.%s", table, col);
		return;
	}
	rc = colspec_check(cs, c, in, strlen(in), &v, &why);
	if (!ok(rc < 0 && why && strstr(why, want), "%s.%s '%s' refused: %s",
	    table, col, in, rc < 0 ? why : "accepted"))
		printf("#   want a reason with '%s'\n", want);
}

/* Writes a columns.tsv variant: the real one with sed applied. */
static colspec *
variant(const char *sedexpr, const char **why)
{
	char cmd[1024], path[300];

	snprintf(path, sizeof path, "%s/columns.tsv", dir);
	snprintf(cmd, sizeof cmd, "sed -e '%s' '%s' > '%s'", sedexpr,
	    gw_sharepath("sql/columns.tsv"), path);
	if (system(cmd) != 0)
		return NULL;
	return colspec_load(NULL, path, why);
}

static void
test_load(void)
{
	const char *why = NULL;
	const char *const *tables;
	const struct colspec_col *c;
	sqlite3 *db;
	colspec *v;
	size_t n;

	cs = colspec_load(NULL, NULL, &why);
	if (!ok(cs != NULL, "share/sql/columns.tsv matches the schema"))
		printf("#   %s\n", why);
	if (cs == NULL)
		exit(1);
	tables = colspec_tables(cs, &n);
	is(n, 28, "28 loadable tables (all but audit; 004 adds four, 005 "
	    "and 006 three each)");
	isstr(tables[0], "regions", "in schema order");
	ok(colspec_table(cs, "audit", &n) == NULL && n == 0,
	    "audit cannot be loaded");
	c = colspec_table(cs, "persons", &n);
	is(n, 9, "persons has 9 columns");
	ok(c && strcmp(c[0].name, "id_number") == 0 && c[0].pk == 1 &&
	    c[0].required && c[0].type == CT_IDNO, "persons.id_number: key, "
	    "required, idno");
	ok(c && c[4].type == CT_CODE12 && strcmp(c[4].link_table, "regions")
	    == 0 && strcmp(c[4].link_col, "code") == 0,
	    "persons.village_code links to regions.code");
	ok(c && !c[3].required && c[3].link_table == NULL,
	    "persons.relation optional, no link");
	c = colspec_table(cs, "grids", &n);
	ok(c && c[0].starts == 1, "grids.grid_code starts with village_code");
	c = colspec_find(cs, "rewards", "amount");
	ok(c && c->type == CT_MONEY && c->sqltype == SQLITE_INTEGER,
	    "rewards.amount is money, stored as integer");
	ok(colspec_find(cs, "persons", "nothing") == NULL,
	    "colspec_find of an unknown column");

	/* against the schema of a real store too */
	db = store_memory(&why);
	v = colspec_load(db, NULL, &why);
	ok(v != NULL, "colspec_load against an open store");
	colspec_free(v);
	store_close(db);

	/* the file and the schema cannot drift apart */
	v = variant("/^persons\ttags/d", &why);
	ok(v == NULL && strstr(why, "no line for column 'persons.tags'"),
	    "a schema column without a line: %s", v ? "" : why);
	v = variant("$a\\\npersons\tshoe_size\tcount\t-\t-", &why);
	ok(v == NULL && strstr(why, "no column 'shoe_size'"),
	    "a line without a schema column: %s", v ? "" : why);
	v = variant("$a\\\npersons\ttags\ttext\t-\t-", &why);
	ok(v == NULL && strstr(why, "again"), "a column twice: %s",
	    v ? "" : why);
	v = variant("s/^persons\ttags\ttext/persons\ttags\tblob/", &why);
	ok(v == NULL && strstr(why, "unknown type 'blob'") &&
	    strstr(why, "columns.tsv:"), "an unknown type: %s", v ? "" : why);
	v = variant("s/regions\\.code/regions.kode/", &why);
	ok(v == NULL && strstr(why, "link 'regions.kode'"), "a bad link: %s",
	    v ? "" : why);
	v = variant("s/\tvillage_code$/\tvilage_code/", &why);
	ok(v == NULL && strstr(why, "starts"), "a bad starts: %s",
	    v ? "" : why);
	v = variant("s/^regions\tname\ttext\t-\t-/regions\tname\ttext/", &why);
	ok(v == NULL && strstr(why, "3 fields, want 5"),
	    "a short line: %s", v ? "" : why);
	v = colspec_load(NULL, "/nonexistent/columns.tsv", &why);
	ok(v == NULL && strstr(why, "No such file"), "a missing file: %s",
	    v ? "" : why);
}

static void
test_types(void)
{
	/* blanks and emptiness */
	good("persons", "name", "\xe3\x80\x80张三 \xc2\xa0", "张三");
	good("persons", "relation", "  ", "NULL");
	bad("persons", "name", " ", "empty, but required");
	good("events", "text", " 楼道堆放杂物，消防通道堵塞 ",
	    "楼道堆放杂物，消防通道堵塞");

	/* codes */
	good("regions", "code", "140824100001", "140824100001");
	good("regions", "code", "620000000000", "62");
	good("regions", "code", "140824000000", "140824");
	good("regions", "code", "140824100000", "140824100");
	good("regions", "code", "１４０８２４", "140824");
	bad("regions", "code", "140824100001001", "not a division code");
	bad("regions", "code", "14082A", "not a digit");
	bad("regions", "code", "990000", "unknown province");
	good("persons", "village_code", " 140824100001 ", "140824100001");
	bad("persons", "village_code", "140824100", "12 digits");
	good("grids", "grid_code", "140824100001901", "140824100001901");
	bad("grids", "grid_code", "140824100001900", "sequence 900");
	good("workers", "township_code", "140824100", "140824100");

	/* identity numbers */
	good("persons", "id_number", "11010519491231002x",
	    "11010519491231002X");
	good("persons", "id_number", "110105491231002", "11010519491231002X");
	bad("persons", "id_number", "110105194912310021", "check");
	bad("persons", "id_number", "1101051949123100", "length");
	good("candidates", "id_number", "not a number", "not a number");
	good("persons", "id_number", "110105200001010016",
	    "110105200001010016");
	colspec_asof(cs, day_from_ymd(1999, 12, 31));
	bad("persons", "id_number", "110105200001010016", "");
	colspec_asof(cs, -1);

	/* ids */
	good("persons", "household_id", " H0001 ", "H0001");
	good("persons", "household_id", "Ｈ０００１", "H0001");
	bad("persons", "household_id", "H\x01", "control character");

	/* dates, times, months */
	good("workers", "hired_on", "2026/10/8", "2026-10-08");
	bad("workers", "hired_on", "2026-02-30", "not a date");
	bad("workers", "hired_on", "yesterday", "not a date: 'yesterday'");
	good("events", "reported_at", "2026-10-08 9:30",
	    "2026-10-08 09:30:00");
	good("events", "reported_at", "2026-10-08T09:30:15",
	    "2026-10-08 09:30:15");
	good("events", "reported_at", "2026-10-08", "2026-10-08 00:00:00");
	bad("events", "reported_at", "2026-10-08 25:00", "not a date and time");
	/* when: a day's deadline stays a day, not its midnight */
	good("tasks", "deadline", "2026/10/8", "2026-10-08");
	good("tasks", "deadline", "2026-10-08 9:30", "2026-10-08 09:30:00");
	bad("tasks", "deadline", "2026-10-08 25:00", "not a date and time");
	bad("tasks", "deadline", "", "empty, but required");
	good("bonus", "month", "2026-10", "2026-10");
	good("bonus", "month", "2026/1", "2026-01");
	bad("bonus", "month", "2026-13", "not a month");
	bad("bonus", "month", "2026-10-01", "not a month");

	/* numbers */
	good("households", "persons", "4", "4");
	good("households", "persons", "４", "4");
	bad("households", "persons", "-1", "not a whole number");
	bad("households", "persons", "1.5", "not a whole number");
	good("candidates", "written", "85.5", "85.5");
	good("candidates", "written", ".5", "0.5");
	good("bonus", "points", "-2", "-2");
	bad("candidates", "written", "1e3", "not a number");
	bad("candidates", "written", "nan", "not a number");
	bad("candidates", "written", "8 5", "not a number");
	good("scores", "attendance", "1", "1");
	good("scores", "attendance", "0.95", "0.95");
	bad("scores", "attendance", "1.01", "rate outside 0..1");

	/* money */
	good("rewards", "amount", "1760.50", "176050");
	good("rewards", "amount", "1,760.5", "176050");
	good("rewards", "amount", "￥1760", "176000");
	good("pay", "gross", "-0.05", "-5");
	bad("rewards", "amount", "1.234", "");
	bad("rewards", "amount", "abc", "");

	/* flags, categories, kinds, enumerations */
	good("candidates", "veteran", "1", "1");
	good("candidates", "veteran", "是", "1");
	good("candidates", "veteran", "NO", "0");
	good("candidates", "veteran", "无", "0");
	bad("candidates", "veteran", "2", "not a flag");
	good("events", "category", "0701", "0701");
	good("events", "category", "", "NULL");
	bad("events", "category", "7", "2 or 4 digits");
	good("regions", "kind", "城市", "urban");
	good("regions", "kind", "Rural", "rural");
	good("regions", "kind", "220", "rural");
	good("regions", "kind", "111", "urban");
	bad("regions", "kind", "town", "not urban or rural: 'town'");
	good("workers", "employment", "专职", "fulltime");
	good("workers", "employment", "PartTime", "parttime");
	bad("workers", "employment", "contract",
	    "not one of fulltime or parttime: 'contract'");
	good("events", "source", "12345", "hotline");
	bad("events", "source", "", "empty, but required");
	good("case_log", "step", "结案", "closed");
	good("case_log", "step", "extended", "extended");
	bad("case_log", "step", "lost", "not one of reported, filed");
	good("grids", "kind", "专属网格", "dedicated");
}

/*
 * Invisible characters (issue 15, 5): refused anywhere in a value of
 * every kind but free text, and in text that is a key; around free text
 * trimmed like blanks, inside it kept.  Never a second key.
 */
static void
test_invisible(void)
{
	static const char *const in[] = {
		"\xEF\xBB\xBF%s", "%s\xEF\xBB\xBF", "%.3s\xE2\x80\x8B%s",
		" \xE2\x81\xA0%s ", "%s\xE2\x80\x8D", "%s\xE2\x80\x8E",
	};
	static const char *const cp[] = { "U+FEFF", "U+FEFF", "U+200B",
	    "U+2060", "U+200D", "U+200E" };
	static const struct {
		const char *table, *col, *val;
	} kinds[] = {
		{ "workers", "worker_id", "W1408241002000011" },	/* id, key */
		{ "persons", "household_id", "H0001" },			/* id */
		{ "persons", "id_number", "11010519491231002X" },	/* idkey */
		{ "workers", "id_number", "11010519491231002X" },	/* idno */
		{ "regions", "code", "140824" },			/* code */
		{ "workers", "township_code", "140824100" },		/* code9 */
		{ "persons", "village_code", "140824100200" },		/* code12 */
		{ "grids", "grid_code", "140824100200001" },		/* code15 */
		{ "workers", "hired_on", "2026-10-08" },		/* date */
		{ "events", "reported_at", "2026-10-08 09:30:00" },	/* datetime */
		{ "bonus", "month", "2026-10" },			/* month */
		{ "households", "persons", "4" },			/* count */
		{ "candidates", "written", "85.5" },			/* num */
		{ "scores", "attendance", "0.95" },			/* rate */
		{ "rewards", "amount", "1760.50" },			/* money */
		{ "candidates", "veteran", "1" },			/* flag */
		{ "events", "category", "0701" },			/* category */
		{ "regions", "kind", "urban" },				/* regionkind */
		{ "workers", "employment", "fulltime" },		/* enum */
		{ "bonus", "reason", "training" },			/* text, key */
	};
	char v[128], want[64];
	size_t i, j, cut;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		for (j = 0; j < sizeof in / sizeof in[0]; j++) {
			/* in[2] puts the character after the first three */
			cut = j == 2 ? strlen(kinds[i].val) : 0;
			cut = cut > 3 ? 3 : cut;
			snprintf(v, sizeof v, in[j], kinds[i].val,
			    kinds[i].val + cut);
			snprintf(want, sizeof want, "invisible character %s",
			    cp[j]);
			bad(kinds[i].table, kinds[i].col, v, want);
		}
	/* free text: trimmed at the ends, kept inside */
	good("persons", "name", "\xEF\xBB\xBF张三", "张三");
	good("persons", "name", "张三\xE2\x80\x8B \xEF\xBB\xBF", "张三");
	good("persons", "name", " \xE2\x81\xA0\xC2\xA0张三\xE3\x80\x80\xE2\x80\x8E",
	    "张三");
	good("candidates", "remarks", "家庭\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
	    "家庭\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
	good("persons", "name", "张\xE2\x80\x8B三", "张\xE2\x80\x8B三");
	good("persons", "address", "\xEF\xBB\xBF", "NULL");
	bad("regions", "name", "\xEF\xBB\xBF \xE2\x80\x8B", "empty, but required");
}

static void
test_starts(void)
{
	const struct colspec_col *c;
	struct colval g, vcode;
	const char *why = NULL;
	size_t n;

	c = colspec_table(cs, "grids", &n);
	colspec_check(cs, &c[0], "140824100001001", 15, &g, &why);
	colspec_check(cs, &c[1], "140824100001", 12, &vcode, &why);
	is(colspec_starts(&c[0], &g, &vcode, c[1].name, &why), 0,
	    "a grid code in its village");
	colspec_check(cs, &c[1], "140824100002", 12, &vcode, &why);
	ok(colspec_starts(&c[0], &g, &vcode, c[1].name, &why) < 0 &&
	    strstr(why, "140824100001001 does not begin with village_code "
	    "140824100002"), "a grid code outside its village: %s", why);
	colspec_check(cs, &c[1], "", 0, &vcode, &why);
	is(colspec_starts(&c[0], &g, &vcode, c[1].name, &why), 0,
	    "nothing to compare with an empty value");
	c = colspec_find(cs, "persons", "name");
	is(colspec_starts(c, &g, &vcode, "x", &why), 0,
	    "a column without the rule");
}

/* store → text → store: the value read back is the value written. */
static void
test_roundtrip(void)
{
	static const struct {
		const char *table, *col, *in, *out;
	} rt[] = {
		{ "rewards", "amount", "1,760.5", "1760.50" },
		{ "rewards", "amount", "-0.05", "-0.05" },
		{ "scores", "attendance", "0.9333333333", "0.9333333333" },
		{ "scores", "attendance", "0.00001", "0.00001" },
		{ "scores", "score", "85.50", "85.5" },
		{ "scores", "score", "100", "100" },
		{ "households", "persons", "007", "7" },
		{ "candidates", "veteran", "是", "1" },
		{ "events", "reported_at", "2026/10/8 9:05",
		    "2026-10-08 09:05:00" },
		{ "persons", "phone", "", "" },
	};
	const char *why = NULL, *s;
	const struct colspec_col *c;
	struct colval v, v2;
	sqlite3 *db = store_memory(&why);
	sqlite3_stmt *st;
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof rt / sizeof rt[0]; i++) {
		c = colspec_find(cs, rt[i].table, rt[i].col);
		colspec_check(cs, c, rt[i].in, strlen(rt[i].in), &v, &why);
		sqlite3_prepare_v2(db, "SELECT ?", -1, &st, NULL);
		colval_bind(st, 1, &v);
		sqlite3_step(st);
		s = colspec_format(c, st, 0, buf, sizeof buf);
		isstr(s, rt[i].out, "%s.%s '%s' reads back as '%s'",
		    rt[i].table, rt[i].col, rt[i].in, rt[i].out);
		ok(colspec_check(cs, c, s, strlen(s), &v2, &why) == 0 &&
		    v2.kind == v.kind && (v.kind != CV_INT || v.i == v2.i) &&
		    (v.kind != CV_TEXT || (v.n == v2.n &&
		    memcmp(v.s, v2.s, v.n) == 0)) &&
		    (v.kind != CV_REAL || v.d == v2.d || (v.d - v2.d < 1e-10 &&
		    v2.d - v.d < 1e-10)), "and loads again as the same value");
		sqlite3_finalize(st);
	}
	store_close(db);
}

int
main(int argc, char **argv)
{
	char cmd[300];

	gw_init(argc, argv);
	snprintf(dir, sizeof dir, "%s/gwcolspec.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_load();
	test_types();
	test_invisible();
	test_starts();
	test_roundtrip();
	colspec_free(cs);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	system(cmd);
	return done();
}
