/*
 * category.c — unit tests of lib/category.c: the table of categories
 * built from a policy written here (no fixtures): the "4-digit code,
 * else its first level" fallback of cat_key() and of every attribute
 * resolved through it, lookups of codes, full-width codes and names,
 * unknown codes, the order of classification (given, then the first
 * matching rule, then none), and the failures of a bad policy or rule
 * list, each with its message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static char dir[] = "/tmp/gwcat.XXXXXX";
static int nfile;

/* Writes text to a new file of dir; returns its path (static ring). */
static const char *
put(const char *ext, const char *text)
{
	static char path[8][256];
	char *p = path[nfile % 8];
	FILE *fp;

	snprintf(p, sizeof path[0], "%s/f%d.%s", dir, nfile++, ext);
	if (!(fp = fopen(p, "w")) || fputs(text, fp) == EOF || fclose(fp))
		abort();
	return p;
}

static const char base[] =
    "[event]\n"
    "urgencies = immediate urgent normal\n"
    "cat.08 = normal 群众诉求\n"
    "cat.0801 = 就业\n"
    "cat.0806 = immediate 紧急诉求\n"
    "cat.01 = normal 矛盾纠纷\n"
    "cat.02 = immediate 命案风险\n"
    "cat.07 = urgent 公共安全隐患\n"
    "cat.0703 = 应急消防\n"
    "[route]\n"
    "immediate_hours = 24\n"
    "default_limit = 5\n"
    "default_dept = 综治中心\n"
    "default_level = township\n"
    "dept.07 = 应急管理局\n"
    "dept.0703 = 消防救援大队\n"
    "dept.0801 =\n"
    "dept.08 = 民政局\n"
    "limit.02 = immediate\n"
    "limit.07 = 3\n"
    "level.02 = county\n"
    "never = 08\n"
    "tasks = 0703\n"
    "[pay]\n"
    "case.07 = 10.00\n"
    "case.0703 = 12.50\n"
    "case_default = 5.00\n";

/* A policy of base plus more (appended sections override). */
static policy *
pol(const char *more)
{
	struct sbuf b = { 0 };
	const char *why;
	policy *p;

	sbuf_adds(&b, base);
	sbuf_adds(&b, more);
	p = policy_load(put("conf", b.s), &why);
	sbuf_free(&b);
	if (!p)
		printf("# %s\n", why);
	return p;
}

/* cat_load's message on policy base+more with flags, or "" when it
   loads; the policy's file name is cut to "P". */
static const char *
loadmsg(const char *more, int flags)
{
	static char msg[512];
	struct cattab t;
	const char *why;
	policy *p = pol(more);
	char *at;

	msg[0] = '\0';
	if (cat_load(&t, p, flags, &why) < 0) {
		snprintf(msg, sizeof msg, "%s", why);
		while ((at = strstr(msg, dir)) != NULL) {
			char *end = strchr(at, '\'');
			char *colon = strchr(at, ':');

			if (colon && (!end || colon < end))
				end = colon;
			memmove(at + 1, end, strlen(end) + 1);
			*at = 'P';
		}
	}
	cat_free(&t);
	policy_free(p);
	return msg;
}

static int
idx(const struct cattab *t, const char *s)
{
	return cat_find(t, s, strlen(s));
}

static const char *
code(const struct cattab *t, int c)
{
	return t->cat[c].code;
}

static void
test_key(void)
{
	policy *p = pol("");

	isstr(cat_key(p, "route", "dept", "0703", 4)->val, "消防救援大队",
	    "cat_key: a second level's own key");
	isstr(cat_key(p, "route", "dept", "0705", 4)->val, "应急管理局",
	    "cat_key: a second level without one: its first level's");
	isstr(cat_key(p, "route", "dept", "07", 2)->val, "应急管理局",
	    "cat_key: a first level");
	ok(cat_key(p, "route", "dept", "09", 2) == NULL,
	    "cat_key: a first level without a key: NULL, no default");
	ok(cat_key(p, "route", "dept", "070", 3) == NULL,
	    "cat_key: three bytes fall back to nothing");
	isstr(cat_key(p, "route", "dept", "0801", 4)->val, "",
	    "cat_key: an empty own key is found, not skipped");
	isstr(cat_key(p, "pay", "case", "07xy", 4)->val, "10.00",
	    "cat_key: any four bytes take their first two");
	ok(cat_key(p, "pay", "case", "", 0) == NULL, "cat_key: empty code");
	policy_free(p);
}

static void
test_table(void)
{
	struct cattab t;
	const char *why = NULL;
	policy *p = pol("");
	int c;

	ok(cat_load(&t, p, CATF_STRICT | CATF_ROUTE | CATF_PAY, &why) == 0,
	    "the table loads with every flag");
	is(t.n, 8, "seven categories and none");
	isstr(code(&t, 0), "", "cat[0] is no category");
	isstr(cat_urgency(&t, 0), "", "no category: no urgency");
	isstr(code(&t, 1), "01", "sorted by code: 01 first");
	isstr(code(&t, 4), "0703", "a second level follows its first");
	isstr(code(&t, 7), "0806", "0806 last");
	c = idx(&t, "0801");
	is(t.cat[c].top, idx(&t, "08"), "0801's first level is 08");
	isstr(cat_urgency(&t, c), "normal", "0801 takes 08's urgency");
	isstr(t.cat[c].name, "就业", "a name without an urgency is whole");
	c = idx(&t, "0806");
	isstr(cat_urgency(&t, c), "immediate", "0806 keeps its own urgency");
	is(t.cat[idx(&t, "07")].top, idx(&t, "07"), "a first level is its own top");

	/* the route, each attribute through the same fallback */
	c = idx(&t, "0703");
	isstr(t.cat[c].dept, "消防救援大队", "0703: its own dept");
	is(t.cat[c].days, 3, "0703: 07's limit");
	isstr(t.cat[c].level, "township", "0703: the default level");
	ok(t.cat[c].task && !t.cat[c].never, "0703: a task, by its own code");
	c = idx(&t, "0801");
	isstr(t.cat[c].dept, "综治中心",
	    "0801: an empty dept.0801 gives the default, not dept.08");
	ok(t.cat[c].never, "0801: never, by its first level");
	is(t.cat[c].days, 5, "0801: the default limit");
	c = idx(&t, "02");
	ok(t.cat[c].immediate && t.cat[c].days == 0, "02: immediate");
	isstr(t.cat[c].level, "county", "02: county");
	is(t.hours, 24, "immediate_hours");

	/* the subsidy */
	is(t.cat[idx(&t, "0703")].subsidy, 1250, "0703: its own subsidy");
	is(t.cat[idx(&t, "07")].subsidy, 1000, "07: its subsidy");
	is(t.cat[idx(&t, "01")].subsidy, 500, "01: case_default");

	/* lookups */
	is(idx(&t, "07"), 3, "a code");
	is(idx(&t, " 0703\t"), 4, "a code with blanks around");
	is(idx(&t, "０７０３"), 4, "a code of full-width digits");
	is(idx(&t, "０７"), 3, "a first level in full width");
	is(idx(&t, "应急消防"), 4, "a name");
	is(idx(&t, "99"), 0, "an unknown first level: none");
	is(idx(&t, "0799"), 0,
	    "an unknown second level: none, never its first level");
	is(idx(&t, "１２３"), 0, "three full-width digits: none");
	is(idx(&t, ""), 0, "empty: none");
	is(idx(&t, "  "), 0, "blanks: none");
	is(idx(&t, "消防"), 0, "part of a name: none");
	cat_free(&t);
	policy_free(p);
}

static void
test_classify(void)
{
	struct cattab t;
	const char *why = NULL, *path;
	enum catsrc how;
	rxlist *rl;
	policy *p = pol("");
	int c;

	cat_load(&t, p, CATF_STRICT, &why);
	c = cat_classify(&t, "01", 2, "起火", 6, &how);
	ok(c == idx(&t, "01") && how == CATSRC_GIVEN,
	    "no rules: a given category");
	c = cat_classify(&t, "", 0, "起火", 6, &how);
	ok(c == 0 && how == CATSRC_NONE, "no rules bound: none");

	path = put("tsv", "# a comment\n02\t扬言\n0703\t起火|扬言\n08\t.\n");
	rl = rxl_load(path, &why);
	ok(rl && cat_rules(&t, rl, path, &why) == 0, "the rules bind");
	c = cat_classify(&t, "0703", 4, "扬言报复", strlen("扬言报复"), &how);
	ok(c == idx(&t, "0703") && how == CATSRC_GIVEN,
	    "a known given category outranks every rule");
	c = cat_classify(&t, "应急消防", strlen("应急消防"), "x", 1, &how);
	ok(c == idx(&t, "0703") && how == CATSRC_GIVEN, "a given name");
	c = cat_classify(&t, "99", 2, "扬言报复", strlen("扬言报复"), &how);
	ok(c == idx(&t, "02") && how == CATSRC_RULE,
	    "an unknown given category: the rules, the first that matches");
	c = cat_classify(&t, "", 0, "楼下起火", strlen("楼下起火"), &how);
	ok(c == idx(&t, "0703") && how == CATSRC_RULE,
	    "the second rule when only it matches");
	c = cat_classify(&t, "", 0, "别的", strlen("别的"), &how);
	ok(c == idx(&t, "08") && how == CATSRC_RULE, "the catch-all last");
	c = cat_classify(&t, "", 0, "", 0, &how);
	ok(c == 0 && how == CATSRC_NONE, "empty text: none");
	isstr(cat_srcname(CATSRC_GIVEN), "given", "source name given");
	isstr(cat_srcname(CATSRC_RULE), "rule", "source name rule");
	isstr(cat_srcname(CATSRC_NONE), "none", "source name none");
	rxl_free(rl);

	path = put("tsv", "01\t.\n0799\tx\n");
	rl = rxl_load(path, &why);
	ok(cat_rules(&t, rl, path, &why) < 0 && strstr(why, ":2: category "
	    "'0799' is not in policy"),
	    "a rule of an unknown second level: its line said");
	rxl_free(rl);
	path = put("tsv", "０１\t.\n");
	rl = rxl_load(path, &why);
	ok(cat_rules(&t, rl, path, &why) < 0,
	    "a rule's code is ASCII digits, never full width");
	rxl_free(rl);
	cat_free(&t);
	policy_free(p);
}

static void
test_failures(void)
{
	struct sbuf many = { 0 };
	int i;

	isstr(loadmsg("[event]\ncat.123 = normal x\n", 0),
	    "P:29: key 'cat.123': a category code is 2 or 4 digits",
	    "a code of three digits");
	isstr(loadmsg("[event]\ncat.1501 = normal x\n", 0),
	    "policy 'P': category 1501 has no first level 15",
	    "a second level without its first");
	isstr(loadmsg("[event]\ncat.14 = 测试类\n", CATF_STRICT),
	    "P:29: key 'cat.14': urgency '测试类' is none of event.urgencies",
	    "strict: a first level without an urgency");
	isstr(loadmsg("[event]\ncat.14 = 测试类\n", CATF_ROUTE), "",
	    "not strict: a first level without an urgency loads");
	isstr(loadmsg("[event]\nurgencies = immediate\n", CATF_STRICT),
	    "policy 'P': event.urgencies needs at least two levels (the "
	    "most urgent first, the ordinary last)", "strict: one urgency");
	isstr(loadmsg("[event]\nurgencies =\n", CATF_STRICT),
	    "policy 'P': missing key 'event.urgencies'",
	    "strict: no urgencies");
	isstr(loadmsg("[route]\nlevel.0801 = city\n", CATF_ROUTE),
	    "policy 'P': level 'city' of category 0801 is not village, "
	    "township or county", "route: a bad level");
	isstr(loadmsg("[route]\nlevel.0801 = village\n", 0), "",
	    "the route is not read without CATF_ROUTE");
	isstr(loadmsg("[route]\nlimit.08 = 3d\n", CATF_ROUTE),
	    "P:29: key 'limit.08': a limit is working days (0-366) or "
	    "'immediate', not '3d'", "route: a bad limit");
	isstr(loadmsg("[route]\nimmediate_hours = 0\n", CATF_ROUTE),
	    "policy 'P': route.immediate_hours must be at least 1 and "
	    "route.default_limit not negative", "route: no hours");
	isstr(loadmsg("[pay]\ncase.0703 = -1.00\n", CATF_PAY),
	    "P:29: key 'case.0703': negative amount", "pay: negative");

	sbuf_adds(&many, "[event]\ncat.10 = normal c\ncat.11 = normal d\n");
	for (i = 1000; i < 1000 + CAT_MAX; i++)
		sbuf_addf(&many, "cat.%d = c%d\n", i, i);
	ok(strstr(loadmsg(many.s, CATF_STRICT), "more than 126 event "
	    "categories") != NULL, "strict: at most CAT_MAX - 1 categories");
	isstr(loadmsg(many.s, 0), "", "not strict: no such bound");
	sbuf_free(&many);
}

int
main(void)
{
	char cmd[64];

	if (!mkdtemp(dir))
		return 2;
	test_key();
	test_table();
	test_classify();
	test_failures();
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 2;
	return done();
}
