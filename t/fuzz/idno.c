/*
 * idno.c — fuzz harness of the identity-number checker (lib/idno.c):
 * idno_parse(), idno_mask(), idno_mask_raw(), phone_mask().
 *
 * Input: the field as read, any bytes.  It is parsed without a
 * reference date and with 2026-10-31 as one.
 *
 * Checked: a number accepted is 17 digits and its check character, of a
 * real birth date from 1800 on, of the sex its 17th digit says, and
 * parses again to itself; a reference date only ever refuses more, and
 * an accepted age is not negative; a refusal has a reason, valid UTF-8
 * even when it quotes the input, and leaves the struct zero.  Masks: idno_mask() keeps 6 + 4 of a number and
 * hides all of anything else; idno_mask_raw() keeps as many characters
 * as it was given, valid UTF-8 from valid UTF-8, with none of the
 * hidden ones; phone_mask() is as long as its input, ASCII only, and
 * hides the middle four of a mobile number.
 */
#include "fuzz.h"

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static size_t
nchars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

static void
checkgood(const struct idno *id)
{
	struct idno again;
	const char *why;
	char m[19];
	int i;

	if (strlen(id->s) != 18)
		fuzz_fail("accepted '%s' is not 18 characters", id->s);
	for (i = 0; i < 17; i++)
		if (!isdig(id->s[i]))
			fuzz_fail("accepted '%s': position %d", id->s, i + 1);
	if (id->s[17] != idno_checkchar(id->s))
		fuzz_fail("accepted '%s': check character", id->s);
	if (id->year < 1800 || !ymd_valid(id->year, id->mon, id->day))
		fuzz_fail("accepted '%s': birth date %d-%d-%d", id->s,
		    id->year, id->mon, id->day);
	if (id->male != (id->s[16] - '0') % 2)
		fuzz_fail("accepted '%s': sex", id->s);
	if (idno_parse(id->s, 18, -1, &again, &why) != 0 ||
	    strcmp(again.s, id->s) != 0 || again.was15)
		fuzz_fail("accepted '%s' does not parse to itself", id->s);
	idno_mask(id->s, m);
	if (strlen(m) != 18 || memcmp(m, id->s, 6) != 0 ||
	    memcmp(m + 6, "********", 8) != 0 || memcmp(m + 14, id->s + 14, 4))
		fuzz_fail("mask of '%s' is '%s'", id->s, m);
}

static void
checkbad(const struct idno *id, const char *why)
{
	static const struct idno zero;

	if (!why || !*why)
		fuzz_fail("refused without a reason");
	/* a reason goes to stderr and into a CSV column, cut or not */
	if (!utf8_valid(why, strlen(why)))
		fuzz_fail("reason '%s' is not UTF-8", why);
	if (memcmp(id, &zero, sizeof zero) != 0)
		fuzz_fail("refused ('%s') but the struct is not zero", why);
}

static void
checkmasks(const char *s, size_t n)
{
	struct sbuf out = {0};
	char *z, *pm, m[19];
	size_t nc = nchars(s, n), zn, i, k;

	/* idno_mask and phone_mask take a string: up to the first NUL */
	z = xstrndup(s, n);
	zn = strlen(z);
	idno_mask(z, m);
	if (zn != 18) {
		k = zn > 18 ? 18 : zn;
		if (strlen(m) != k || strspn(m, "*") != k)
			fuzz_fail("idno_mask of %zu bytes gave '%s'", zn, m);
	}
	pm = xmalloc(zn + 1);
	phone_mask(z, pm);
	if (strlen(pm) != zn)
		fuzz_fail("phone_mask of %zu bytes gave %zu", zn, strlen(pm));
	for (i = 0; i < zn; i++)
		if ((unsigned char)pm[i] >= 0x80)
			fuzz_fail("phone_mask kept byte %zu (0x%02x)", i,
			    (unsigned char)pm[i]);
	if (zn == 11 && z[0] == '1' && strspn(z, "0123456789") == 11 &&
	    (memcmp(pm, z, 3) != 0 || memcmp(pm + 3, "****", 4) != 0 ||
	    memcmp(pm + 7, z + 7, 4) != 0))
		fuzz_fail("phone_mask of mobile '%s' is '%s'", z, pm);
	free(pm);
	free(z);

	idno_mask_raw(s, n, &out);
	if (nchars(out.s ? out.s : "", out.len) != nc)
		fuzz_fail("idno_mask_raw of %zu characters gave %zu", nc,
		    nchars(out.s ? out.s : "", out.len));
	if (nc <= 10 && strspn(out.s ? out.s : "", "*") != nc)
		fuzz_fail("idno_mask_raw of %zu characters kept some", nc);
	if (nc > 10) {
		/* bytes up to character 7, one '*' for each of characters
		   7 .. nc-4, bytes from character nc-3 on (a stray
		   continuation byte belongs to the character before it) */
		struct sbuf want = {0};
		size_t lo = n, hi = n;

		for (i = 0, k = 0; i < n; i++)
			if (((unsigned char)s[i] & 0xC0) != 0x80) {
				if (++k == 7)
					lo = i;
				if (k == nc - 3)
					hi = i;
			}
		sbuf_add(&want, s, lo);
		for (k = 0; k < nc - 10; k++)
			sbuf_addc(&want, '*');
		sbuf_add(&want, s + hi, n - hi);
		if (want.len != out.len || memcmp(want.s, out.s, out.len) != 0)
			fuzz_fail("idno_mask_raw of %zu characters is not "
			    "6 + %zu stars + 4", nc, nc - 10);
		sbuf_free(&want);
	}
	if (utf8_valid(s, n) && !utf8_valid(out.s ? out.s : "", out.len))
		fuzz_fail("idno_mask_raw of valid UTF-8 is not UTF-8");
	sbuf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why = NULL;
	long asof = day_from_ymd(2026, 10, 31);
	struct idno id, id2;
	int r, r2;

	r = idno_parse(s, size, -1, &id, &why);
	if (r == 0)
		checkgood(&id);
	else if (r == -1)
		checkbad(&id, why);
	else
		fuzz_fail("idno_parse returned %d", r);
	why = NULL;
	r2 = idno_parse(s, size, asof, &id2, &why);
	if (r2 == 0) {
		checkgood(&id2);
		if (r != 0 || strcmp(id.s, id2.s) != 0)
			fuzz_fail("accepted at 2026-10-31 only");
		if (idno_age(&id2, asof) < 0)
			fuzz_fail("'%s' is %d years old", id2.s,
			    idno_age(&id2, asof));
	} else
		checkbad(&id2, why);
	checkmasks(s, size);
	return 0;
}
