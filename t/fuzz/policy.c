/*
 * policy.c — fuzz harness of the policy parser (lib/policy.c):
 * policy_load() of a file, then every getter over every key found.
 *
 * Input: a profile, written to fuzz.conf in a private directory (so an
 * "include = ./x.conf" looks there, and "include = gansu" in the tree's
 * share/policy/).
 *
 * Checked: a refusal has a reason; of a profile loaded, every section
 * named in the input or in the shipped profiles lists settings of that
 * section only, each of a good key, a trimmed UTF-8 value and a place
 * (file, line), that policy_find() and policy_get() find again; every
 * typed getter either answers or says "FILE:LINE: key 'k': ..." about
 * that very setting; a money amount prints and parses back to itself,
 * a rate has a power of ten below it, a bool is 0 or 1, and a key that
 * is not there is "missing key".
 */
#include <ctype.h>

#include "fuzz.h"

/* Sections of the shipped profiles (share/policy), which an include
   may bring in. */
static const char *const known[] = {
	"", "event", "grid", "pay", "pop", "route", "score", "screen", "track"
};

static void
checkkv(const policy *p, const char *sect, const struct policy_kv *kv)
{
	const struct policy_kv *f;
	const char *why, *s;
	char buf[32];
	int64_t fen, fen2, num, den;
	long l;
	size_t vn;
	int b;

	if (strcmp(kv->sect, sect) != 0)
		fuzz_fail("section '%s' holds a setting of '%s'", sect,
		    kv->sect);
	if (!*kv->key || strpbrk(kv->key, " \t[]=#"))
		fuzz_fail("bad key '%s' was kept", kv->key);
	vn = strlen(kv->val);
	if (vn && (isblank((unsigned char)kv->val[0]) ||
	    isblank((unsigned char)kv->val[vn - 1])))
		fuzz_fail("value '%s' is not trimmed", kv->val);
	if (!utf8_valid(kv->val, vn))
		fuzz_fail("value of '%s' is not UTF-8", kv->key);
	if (!kv->file || kv->line < 1)
		fuzz_fail("setting '%s' has no place", kv->key);
	if ((f = policy_find(p, sect, kv->key)) != kv)
		fuzz_fail("policy_find of '%s.%s' finds another setting",
		    sect, kv->key);
	if (policy_get(p, sect, kv->key) != kv->val)
		fuzz_fail("policy_get of '%s.%s'", sect, kv->key);
	why = NULL;
	if ((s = policy_str(p, sect, kv->key, &why)) != kv->val)
		fuzz_fail("policy_str of '%s.%s'", sect, kv->key);

#define REFUSED(what) do { \
	if (!why || strncmp(why, kv->file, strlen(kv->file)) != 0 || \
	    !strstr(why, kv->key)) \
		fuzz_fail("%s of '%s' refused as '%s'", what, kv->key, \
		    why ? why : "(null)"); \
} while (0)

	why = NULL;
	if (policy_int(p, sect, kv->key, &l, &why) < 0)
		REFUSED("policy_int");
	why = NULL;
	if (policy_money(p, sect, kv->key, &fen, &why) < 0)
		REFUSED("policy_money");
	else {
		money_fmt(fen, buf);
		if (money_parse(buf, strlen(buf), &fen2, &why) < 0 ||
		    fen2 != fen)
			fuzz_fail("money '%s' prints as '%s', which does not "
			    "read back", kv->val, buf);
	}
	why = NULL;
	if (policy_rate(p, sect, kv->key, &num, &den, &why) < 0)
		REFUSED("policy_rate");
	else {
		for (fen = den; fen > 1 && fen % 10 == 0; fen /= 10)
			;
		if (fen != 1)
			fuzz_fail("rate '%s' is %lld/%lld", kv->val,
			    (long long)num, (long long)den);
	}
	why = NULL;
	b = -1;
	if (policy_bool(p, sect, kv->key, &b, &why) < 0)
		REFUSED("policy_bool");
	else if (b != 0 && b != 1)
		fuzz_fail("bool '%s' is %d", kv->val, b);
	if (*kv->val && !policy_path(p, sect, kv->key))
		fuzz_fail("no path for '%s'", kv->val);
#undef REFUSED
}

static void
checksect(const policy *p, const char *sect)
{
	const struct policy_kv *kv;
	const char *why = NULL;
	size_t i, n = 99;
	long l;

	kv = policy_section(p, sect, &n);
	if ((kv == NULL) != (n == 0))
		fuzz_fail("section '%s': %zu settings at %p", sect, n,
		    (const void *)kv);
	for (i = 0; i < n; i++)
		checkkv(p, sect, &kv[i]);
	if (policy_int(p, sect, "no.such key", &l, &why) != -1 || !why ||
	    !strstr(why, "missing key"))
		fuzz_fail("a missing key gives '%s'", why ? why : "(null)");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path, *why = NULL;
	char *text, *line, *next, *e;
	policy *p;
	size_t i;

	path = fuzz_file("fuzz.conf", data, size);
	if (!(p = policy_load(path, &why))) {
		if (!why || !*why)
			fuzz_fail("policy_load failed without a reason");
		return 0;
	}
	if (!policy_name(p))
		fuzz_fail("no name");
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		checksect(p, known[i]);

	/* the sections the input names: "[name]" lines */
	text = xstrndup((const char *)data, size);
	for (line = text; line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line != '[' || !(e = strrchr(line, ']')))
			continue;
		*e = '\0';
		for (line++; *line == ' ' || *line == '\t'; line++)
			;
		for (e = line + strlen(line); e > line && (e[-1] == ' ' ||
		    e[-1] == '\t'); )
			*--e = '\0';
		checksect(p, line);
	}
	free(text);
	policy_free(p);
	return 0;
}
