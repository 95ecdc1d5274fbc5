/*
 * policy.c unit test: the shipped profiles, includes and overrides,
 * every kind of malformed line (each naming FILE:LINE), the typed
 * getters and policy_path.  Fixtures are in t/policy/.
 */
#include <stdlib.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static char fix[4096];	/* t/policy */

static const char *
F(const char *name)
{
	static char buf[4][4200];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", fix, name);
	return buf[i];
}

static const char *
V(const policy *p, const char *sect, const char *key)
{
	const char *v = policy_get(p, sect, key);

	return v ? v : "(none)";
}

/* Sums the integer weights of [score]. */
static long
weights(const policy *p)
{
	static const char *ind[] = {"attendance", "patrol", "coverage",
	    "discovery", "disposal", "ontime", "training", "satisfaction"};
	char key[64];
	const char *why;
	long sum = 0, w;
	size_t i;

	for (i = 0; i < 8; i++) {
		snprintf(key, sizeof key, "weight.%s", ind[i]);
		if (policy_int(p, "score", key, &w, &why) < 0) {
			printf("# %s\n", why);
			return -1;
		}
		sum += w;
	}
	return sum;
}

/*
 * Every value of a shipped profile has the type its key promises: the
 * money of [pay], the rates, the integers, the switches.  Returns the
 * number of values that failed (each printed).
 */
static int
typecheck(const policy *p)
{
	static const char *sects[] = {"screen", "grid", "event", "route",
	    "track", "score", "pay", "pop"};
	const struct policy_kv *kv;
	const char *why, *k;
	int64_t f, n, d;
	long l;
	int bad = 0, b, r;
	size_t i, j, cnt;

	for (i = 0; i < sizeof sects / sizeof sects[0]; i++) {
		kv = policy_section(p, sects[i], &cnt);
		if (cnt == 0) {
			printf("# no section [%s]\n", sects[i]);
			bad++;
		}
		for (j = 0; j < cnt; j++) {
			k = kv[j].key;
			r = 0;
			if (strcmp(sects[i], "pay") == 0 &&
			    (strncmp(k, "base.", 5) == 0 ||
			    strncmp(k, "pot.", 4) == 0 ||
			    strncmp(k, "case", 4) == 0 ||
			    strncmp(k, "floor.", 6) == 0 ||
			    strncmp(k, "minwage.", 8) == 0 ||
			    strcmp(k, "accident_insurance_year") == 0))
				r = policy_money(p, sects[i], k, &f, &why);
			else if (strncmp(k, "coef", 4) == 0 ||
			    strstr(k, "_weight"))
				r = policy_rate(p, sects[i], k, &n, &d, &why);
			else if (k[0] == 'D' && k[1] >= '0' && k[1] <= '9')
				r = policy_bool(p, sects[i], k, &b, &why);
			else if (strncmp(k, "weight.", 7) == 0 ||
			    strncmp(k, "grade.", 6) == 0 ||
			    strncmp(k, "limit.", 6) == 0 ||
			    strncmp(k, "visits.", 7) == 0 ||
			    strncmp(k, "deduct", 6) == 0 ||
			    strstr(k, "_min") || strstr(k, "_max") ||
			    strstr(k, "_cap") || strstr(k, "_minutes") ||
			    strstr(k, "_hours") || strstr(k, "_days") ||
			    strstr(k, "_households") || strstr(k, "_limit")) {
				if (strncmp(k, "limit.", 6) == 0 &&
				    strcmp(kv[j].val, "immediate") == 0)
					continue;
				if (strcmp(k, "education_min") == 0)
					continue;
				r = policy_int(p, sects[i], k, &l, &why);
			}
			if (r < 0) {
				printf("# %s\n", why);
				bad++;
			}
		}
	}
	return bad;
}

/*
 * The keys of gansu's section sect come first in p's section, in
 * gansu's order, whatever p overrides (overrides keep their place).
 */
static int
sameorder(const policy *p, const char *sect)
{
	const struct policy_kv *a, *b;
	const char *why;
	policy *g = policy_load("gansu", &why);
	size_t na, nb, i;
	int same = 1;

	if (!g)
		return 0;
	a = policy_section(g, sect, &na);
	b = policy_section(p, sect, &nb);
	if (na == 0 || nb < na)
		same = 0;
	for (i = 0; same && i < na; i++)
		same = strcmp(a[i].key, b[i].key) == 0;
	policy_free(g);
	return same;
}

static void
test_shipped(void)
{
	policy *p;
	const char *why = NULL;
	long l;
	int b;
	int64_t f;
	size_t n;

	p = policy_load(NULL, &why);
	ok(p != NULL, "policy_load(NULL) loads the default");
	if (!p) {
		printf("#   %s\n", why);
		return;
	}
	isstr(policy_name(p), "gansu", "the default is gansu");
	ok(policy_int(p, "screen", "age_min", &l, &why) == 0 && l == 18,
	    "gansu screen.age_min 18");
	ok(policy_int(p, "screen", "age_max", &l, &why) == 0 && l == 60,
	    "gansu screen.age_max 60");
	isstr(V(p, "screen", "education_min"), "初中", "gansu education 初中");
	ok(policy_bool(p, "screen", "D7", &b, &why) == 0 && b == 1,
	    "gansu D7 on");
	ok(policy_int(p, "grid", "residents_max", &l, &why) == 0 && l == 1200,
	    "gansu grid.residents_max 1200");
	ok(policy_int(p, "event", "late_minutes", &l, &why) == 0 && l == 60,
	    "gansu event.late_minutes 60");
	isstr(V(p, "event", "cat.02"), "immediate 命案风险、扬言报复社会",
	    "gansu category 02");
	isstr(V(p, "route", "dept.0703"), "消防救援大队", "route 0703");
	isstr(V(p, "route", "limit.06"), "immediate", "route 06 immediate");
	isstr(V(p, "route", "never"), "09 12", "route.never 09 12");
	is(weights(p), 100, "gansu weights sum to 100");
	ok(policy_money(p, "pay", "base.专职网格员", &f, &why) == 0 &&
	    f == 200000, "pay base 专职网格员 2000.00");
	ok(policy_money(p, "pay", "floor.parttime_rural", &f, &why) == 0 &&
	    f == 50000, "pay rural floor 500.00");
	ok(policy_section(p, "pay", &n) && n > 30, "pay has a section");
	is(typecheck(p), 0, "every gansu value has its type");
	policy_free(p);

	setenv("GW_POLICY", "lijin", 1);
	p = policy_load(NULL, &why);
	unsetenv("GW_POLICY");
	ok(p && strcmp(policy_name(p), "lijin") == 0, "$GW_POLICY chooses the default");
	if (!p)
		return;
	ok(policy_int(p, "screen", "age_max", &l, &why) == 0 && l == 45,
	    "lijin age_max 45");
	isstr(V(p, "screen", "education_min"), "高中", "lijin education 高中");
	isstr(V(p, "grid", "dedicated_people_min"), "300",
	    "lijin inherits dedicated_people_min");
	is(weights(p), 100, "lijin weights sum to 100");
	is(typecheck(p), 0, "every lijin value has its type");
	policy_free(p);

	p = policy_load("shanxi", &why);
	ok(p != NULL, "shanxi loads");
	if (!p)
		return;
	ok(policy_bool(p, "screen", "D1", &b, &why) == 0 && b == 1 &&
	    policy_bool(p, "screen", "D3", &b, &why) == 0 && b == 1 &&
	    policy_bool(p, "screen", "D5", &b, &why) == 0 && b == 1,
	    "shanxi D1 D3 D5 on");
	ok(policy_bool(p, "screen", "D2", &b, &why) == 0 && b == 0 &&
	    policy_bool(p, "screen", "D9", &b, &why) == 0 && b == 0,
	    "shanxi D2 D9 off");
	ok(policy_bool(p, "screen", "D10", &b, &why) == 0 && b == 1,
	    "shanxi D10 on");
	is(weights(p), 100, "shanxi weights sum to 100");
	is(typecheck(p), 0, "every shanxi value has its type");
	ok(sameorder(p, "screen") && sameorder(p, "pay"),
	    "shanxi's sections list gansu's keys first, in gansu's order");
	policy_free(p);

	p = policy_load("jishan", &why);
	ok(p != NULL, "jishan loads");
	if (!p)
		return;
	isstr(V(p, "screen", "age_min"), "20", "jishan age_min 20 [S3]");
	isstr(V(p, "pay", "base.网格长"), "1760.00", "jishan grid leader 1760 [S3]");
	isstr(V(p, "pay", "base.兼职网格员"), "600.00", "jishan rural worker 600 [S3]");
	ok(policy_bool(p, "screen", "D2", &b, &why) == 0 && b == 0,
	    "jishan inherits shanxi's D2 off");
	is(typecheck(p), 0, "every jishan value has its type");
	policy_free(p);

	p = policy_load("nosuch", &why);
	ok(!p && strstr(why, "unknown policy profile 'nosuch'"),
	    "an unknown profile is an error");
	p = policy_load("../etc/x", &why);
	ok(!p && strstr(why, "cannot open policy ../etc/x"),
	    "a path that does not exist is an error");
	p = policy_load("gan.su", &why);
	ok(!p && strstr(why, "bad policy name"), "a name with a dot is refused");
}

static void
test_include(void)
{
	policy *p;
	const struct policy_kv *kv;
	const char *why = NULL;
	size_t n;

	p = policy_load(F("child.conf"), &why);
	ok(p != NULL, "child.conf loads (a path)");
	if (!p) {
		printf("#   %s\n", why);
		return;
	}
	isstr(V(p, "", "top"), "before any section", "a key before any section");
	isstr(V(p, "one", "a"), "10", "override after the section reopens");
	isstr(V(p, "one", "b"), "20", "child overrides base");
	isstr(V(p, "one", "c"), "3", "base value kept");
	isstr(V(p, "one", "d"), "4", "child adds");
	isstr(V(p, "two", "x"), "child x", "override in another section");
	isstr(V(p, "two", "y"), "value = with = signs # not a comment",
	    "'=' and a trailing '#' are part of the value");
	isstr(V(p, "two", "z"), "", "an empty value");
	isstr(V(p, "two", "zh"), "甘肃省 兰州市", "Chinese and blanks kept");
	ok(policy_get(p, "two", "a") == NULL, "keys are per section");
	ok(policy_get(p, "nosection", "a") == NULL, "unknown section");

	kv = policy_section(p, "one", &n);
	ok(n == 8 && strcmp(kv[0].key, "a") == 0 && strcmp(kv[1].key, "b") == 0 &&
	    strcmp(kv[2].key, "c") == 0 && strcmp(kv[3].key, "d") == 0 &&
	    strcmp(kv[4].key, "rules") == 0,
	    "section order: base's keys first, overrides in place");
	ok(n > 0 && strstr(kv[0].file, "child.conf") && kv[0].line == 14,
	    "an override records where it was set (child.conf:14)");
	ok(n > 2 && strstr(kv[2].file, "base.conf") && kv[2].line == 7,
	    "an inherited value records base.conf:7");
	kv = policy_section(p, "two", &n);
	ok(n == 4 && strcmp(kv[0].key, "x") == 0 && strcmp(kv[3].key, "zh") == 0,
	    "section [two] in order");
	kv = policy_section(p, "none", &n);
	ok(kv == NULL && n == 0, "an absent section is empty");

	isstr(policy_path(p, "one", "rules"),
	    strcat(strcpy((char[4200]){0}, gw_sharedir()), "/event/rules.tsv"),
	    "policy_path relative to share/");
	isstr(policy_path(p, "one", "abs"), "/etc/passwd", "absolute path as is");
	isstr(policy_path(p, "one", "here"), F("./tables/x.tsv"),
	    "./ is beside the policy file");
	isstr(policy_path(p, "one", "up"), F("../x.tsv"),
	    "../ is beside the policy file");
	ok(policy_path(p, "one", "nosuch") == NULL, "policy_path of no key");
	ok(policy_path(p, "two", "z") == NULL, "policy_path of an empty value");
	policy_free(p);

	/* the example of gridwork-policy(5) */
	p = policy_load(F("county.conf"), &why);
	ok(p != NULL, "the man page's county.conf loads");
	if (p) {
		long l;
		int64_t f;

		ok(policy_int(p, "screen", "age_max", &l, &why) == 0 && l == 50,
		    "county age_max 50");
		ok(policy_int(p, "screen", "age_min", &l, &why) == 0 && l == 18,
		    "county inherits age_min 18");
		isstr(V(p, "screen", "education_min"), "高中", "county 高中");
		ok(policy_money(p, "pay", "minwage.620102", &f, &why) == 0 &&
		    f == 210000, "county minwage.620102 2100.00");
		ok(policy_money(p, "pay", "pot.fulltime", &f, &why) == 0 &&
		    f == 60000, "county inherits pot.fulltime");
		policy_free(p);
	}

	p = policy_load(F("after.conf"), &why);
	ok(p && strcmp(V(p, "one", "e"), "5") == 0 &&
	    policy_get(p, "two", "e") == NULL,
	    "after an include, the includer's section goes on");
	policy_free(p);

	p = policy_load(F("later.conf"), &why);
	ok(p && strcmp(V(p, "one", "a"), "1") == 0,
	    "an include after a setting overrides it (later wins)");
	ok(p && strcmp(V(p, "one", "c"), "mine again") == 0,
	    "and a later setting overrides the include");
	policy_free(p);
}

static void
bad(const char *file, const char *want)
{
	const char *why = "";
	policy *p = policy_load(F(file), &why);
	char full[8192];

	snprintf(full, sizeof full, "%s/%s", fix, want);
	ok(!p && strncmp(why, full, strlen(full)) == 0, "%s: %s", file, want);
	if (p || strncmp(why, full, strlen(full)) != 0)
		printf("#   got '%s'\n", p ? "(loaded)" : why);
	policy_free(p);
}

static void
test_bad(void)
{
	char dir[] = "/tmp/gwpol.XXXXXX", path[512];
	const char *why = "";
	policy *p;
	FILE *fp;

	bad("bad-noeq.conf", "bad-noeq.conf:3: expected 'key = value'");
	bad("bad-emptykey.conf", "bad-emptykey.conf:2: empty key");
	bad("bad-noclose.conf", "bad-noclose.conf:1: bad section header");
	bad("bad-emptysect.conf", "bad-emptysect.conf:2: bad section header");
	bad("bad-sectblank.conf", "bad-sectblank.conf:1: bad section header '[a b]'");
	bad("bad-sectjunk.conf", "bad-sectjunk.conf:3: bad section header");
	bad("bad-keyblank.conf", "bad-keyblank.conf:2: bad key 'k k'");
	bad("bad-include.conf",
	    "bad-include.conf:3: unknown profile 'no-such-profile'");
	bad("bad-includeempty.conf", "bad-includeempty.conf:1: include of nothing");
	bad("bad-include-deep.conf",
	    "bad-include-deep.conf:4: unknown profile 'nosuch.conf'");
	bad("cyc-a.conf", "cyc-b.conf:3: include cycle through 'cyc-a.conf'");
	bad("self.conf", "self.conf:1: include cycle through 'self.conf'");

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/nul.conf", dir);
	fp = fopen(path, "w");
	fwrite("[s]\nk = v\na = b\0c\n", 1, 18, fp);
	fclose(fp);
	p = policy_load(path, &why);
	ok(!p && strstr(why, "nul.conf:3: NUL byte"), "a NUL byte: FILE:LINE");
	if (p || !strstr(why, "nul.conf:3: NUL byte"))
		printf("#   got '%s'\n", p ? "(loaded)" : why);
	unlink(path);

	snprintf(path, sizeof path, "%s/latin1.conf", dir);
	fp = fopen(path, "w");
	fputs("[s]\nname = caf\xe9\n", fp);
	fclose(fp);
	p = policy_load(path, &why);
	ok(!p && strstr(why, "latin1.conf:2: invalid UTF-8"),
	    "invalid UTF-8: FILE:LINE");
	unlink(path);

	snprintf(path, sizeof path, "%s/crlf.conf", dir);
	fp = fopen(path, "w");
	fputs("\xEF\xBB\xBF# BOM and CRLF\r\n[s]\r\nk = v \r\n", fp);
	fclose(fp);
	p = policy_load(path, &why);
	ok(p && strcmp(V(p, "s", "k"), "v") == 0, "a BOM and CRLF are accepted");
	policy_free(p);
	unlink(path);

	snprintf(path, sizeof path, "%s/empty.conf", dir);
	fp = fopen(path, "w");
	fclose(fp);
	p = policy_load(path, &why);
	ok(p && policy_get(p, "s", "k") == NULL, "an empty file is an empty policy");
	policy_free(p);
	unlink(path);
	rmdir(dir);
}

static void
test_getters(void)
{
	policy *p;
	const char *why = "", *s;
	long l;
	int64_t f, n, d;
	int b;

	p = policy_load(F("child.conf"), &why);
	if (!p) {
		ok(0, "child.conf: %s", why);
		return;
	}
	ok(policy_int(p, "types", "n", &l, &why) == 0 && l == 42, "int 42");
	ok(policy_int(p, "types", "neg", &l, &why) == 0 && l == -7, "int -7");
	ok(policy_int(p, "types", "notint", &l, &why) < 0 &&
	    strstr(why, "child.conf:23: key 'notint': not an integer '12x'"),
	    "int 12x: FILE:LINE: key: reason");
	ok(policy_int(p, "types", "empty", &l, &why) < 0 &&
	    strstr(why, "key 'empty': not an integer ''"), "int of empty");
	ok(policy_int(p, "types", "huge", &l, &why) < 0 &&
	    strstr(why, "integer out of range"), "int overflow");
	ok(policy_int(p, "types", "absent", &l, &why) < 0 &&
	    strcmp(why, "missing key 'types.absent'") == 0, "missing int");
	ok(policy_money(p, "types", "money", &f, &why) == 0 && f == 176050,
	    "money 1,760.50");
	ok(policy_money(p, "types", "badmoney", &f, &why) < 0 &&
	    strstr(why, "key 'badmoney': more than two decimals '1.234'"),
	    "money 1.234 rejected with the reason");
	ok(policy_money(p, "types", "absent", &f, &why) < 0 &&
	    strcmp(why, "missing key 'types.absent'") == 0, "missing money");
	ok(policy_bool(p, "types", "yes", &b, &why) == 0 && b == 1, "bool on");
	ok(policy_bool(p, "types", "no", &b, &why) == 0 && b == 0, "bool off");
	ok(policy_bool(p, "types", "maybe", &b, &why) < 0 &&
	    strstr(why, "key 'maybe': not on or off 'perhaps'"), "bool perhaps");
	ok(policy_rate(p, "types", "rate", &n, &d, &why) == 0 && n == 12 &&
	    d == 10, "rate 1.2");
	ok(policy_rate(p, "types", "badrate", &n, &d, &why) < 0 &&
	    strstr(why, "key 'badrate': not a decimal number '1.2.3'"),
	    "rate 1.2.3");
	s = policy_str(p, "types", "n", &why);
	isstr(s, "42", "policy_str");
	ok(policy_str(p, "types", "absent", &why) == NULL &&
	    strcmp(why, "missing key 'types.absent'") == 0, "policy_str missing");
	ok(policy_find(p, "types", "n") && policy_find(p, "types", "n")->line == 21,
	    "policy_find gives the line");
	policy_free(p);
}

int
main(void)
{
	const char *share = getenv("GRIDWORK_SHARE");

	if (!share || !*share) {
		/* run from the top directory */
		setenv("GRIDWORK_SHARE", "share", 1);
		share = "share";
	}
	snprintf(fix, sizeof fix, "%s/../t/policy", share);
	test_shipped();
	test_include();
	test_bad();
	test_getters();
	return done();
}
