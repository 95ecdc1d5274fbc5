/*
 * idno.c — citizen identity numbers (GB 11643-1999, gridwork-rules(7), IDENTITY NUMBERS).
 *
 * Contract: idno_parse() accepts what people type into spreadsheets —
 * full-width digits, a lower-case x, blanks around the number, the
 * 15-digit first generation — and either returns the normalised
 * 18-character number with its birth date and sex, or a short reason
 * naming exactly what is wrong.  Reasons that carry figures live in a
 * static buffer, valid until the next idno_parse().  Birth dates are
 * compared as day numbers of date.c; "now" is never consulted: the
 * caller passes the reference date.
 */
#include <stdarg.h>
#include <string.h>

#include "gridwork.h"

/*
 * No living person, and no record worth keeping, was born before this
 * year; a year below it is a typo (0949 for 1949), not a birth date.
 */
#define IDNO_MINYEAR 1800

/* Longest input worth folding; anything longer is reported by length. */
#define IDNO_MAXIN 256

static const int weight[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

static char whybuf[96];

/* A reason may quote the input: it stays UTF-8 (utf8_clip()). */
static int
fail(const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(whybuf, sizeof whybuf, fmt, ap);
	va_end(ap);
	utf8_clip(whybuf, sizeof whybuf);
	if (why)
		*why = whybuf;
	return -1;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* Characters (code points) in UTF-8 s[0..n); stray bytes count too. */
static size_t
nchars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static int
num(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

char
idno_checkchar(const char *d17)
{
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!isdig(d17[i]))
			return '\0';
		sum += (d17[i] - '0') * weight[i];
	}
	return "10X98765432"[sum % 11];
}

/*
 * Excel turns an 18-digit number typed without a leading ' into
 * 1.10105E+17; say so rather than "not a digit at position 2".
 */
static int
looks_scientific(const char *p, size_t n)
{
	return n >= 4 && memchr(p, '.', n) &&
	    (memchr(p, 'E', n) || memchr(p, 'e', n));
}

int
idno_parse(const char *in, size_t n, long asof, struct idno *id,
    const char **why)
{
	char buf[IDNO_MAXIN], *p, out[11], ref[11];
	size_t len, nc, i, pos;
	int c, chk;
	long bday;

	memset(id, 0, sizeof *id);
	if (n >= sizeof buf)
		return fail(why, "wrong length %zu", nchars(in, n));
	memcpy(buf, in, n);
	len = utf8_fold(buf, n);
	buf[len] = '\0';

	/* surrounding blanks are layout, not data */
	p = buf;
	while (*p == ' ' || *p == '\t')
		p++, len--;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	p[len] = '\0';
	if (len == 0)
		return fail(why, "empty");
	if (looks_scientific(p, len))
		return fail(why, "number in scientific notation %s "
		    "(a spreadsheet dropped digits)", p);
	nc = nchars(p, len);
	if (nc != 15 && nc != 18)
		return fail(why, "wrong length %zu", nc);

	/* the first character that is not a digit (X last) names itself */
	for (i = 0, pos = 1; i < len; pos++) {
		c = (unsigned char)p[i];
		if (pos == 18 && (c == 'X' || c == 'x'))
			;
		else if (!isdig(c))
			return fail(why, pos == 18 ?
			    "not a digit or X at position %zu" :
			    "not a digit at position %zu", pos);
		i++;
	}

	if (nc == 15) {
		memcpy(id->s, p, 6);
		memcpy(id->s + 6, "19", 2);
		memcpy(id->s + 8, p + 6, 9);
		id->s[17] = idno_checkchar(id->s);
		id->was15 = 1;
	} else {
		memcpy(id->s, p, 18);
		if (id->s[17] == 'x')
			id->s[17] = 'X';
	}
	id->s[18] = '\0';

	id->year = num(id->s + 6, 4);
	id->mon = num(id->s + 10, 2);
	id->day = num(id->s + 12, 2);
	if (id->year < IDNO_MINYEAR || id->mon < 1 || id->mon > 12 ||
	    id->day < 1 || id->day > mdays(id->year, id->mon)) {
		fail(why, "invalid birth date %.8s", id->s + 6);
		memset(id, 0, sizeof *id);
		return -1;
	}
	chk = idno_checkchar(id->s);
	if (id->s[17] != chk) {
		fail(why, "bad check character %c, expected %c", id->s[17], chk);
		memset(id, 0, sizeof *id);
		return -1;
	}
	if (asof >= 0) {
		bday = day_from_ymd(id->year, id->mon, id->day);
		if (bday > asof) {
			date_fmt(bday, out);
			date_fmt(asof, ref);
			fail(why, "birth date %s after reference date %s",
			    out, ref);
			memset(id, 0, sizeof *id);
			return -1;
		}
	}
	id->male = (id->s[16] - '0') % 2;
	return 0;
}

/*
 * Full years: the birthday counts from its own day on.  Someone born on
 * 29 February has a birthday on 1 March in common years.
 */
int
idno_age(const struct idno *id, long asof)
{
	int y, m, d, age;

	day_to_ymd(asof, &y, &m, &d);
	age = y - id->year;
	if (m < id->mon || (m == id->mon && d < id->day))
		age--;
	return age;
}

void
idno_mask(const char *s, char *out)
{
	size_t n = strlen(s);

	if (n == 18) {
		memcpy(out, s, 6);
		memcpy(out + 6, "********", 8);
		memcpy(out + 14, s + 14, 4);
		out[18] = '\0';
		return;
	}
	/* not an 18-character number: hide every character */
	if (n > 18)
		n = 18;
	memset(out, '*', n);
	out[n] = '\0';
}

void
idno_mask_raw(const char *s, size_t n, struct sbuf *out)
{
	size_t nc = nchars(s, n), i, k;

	sbuf_reset(out);
	if (nc <= 10) {
		for (k = 0; k < nc; k++)
			sbuf_addc(out, '*');
		return;
	}
	for (i = 0, k = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
		/* k is the 1-based character that byte i belongs to */
		if (k <= 6 || k > nc - 4)
			sbuf_addc(out, s[i]);
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			sbuf_addc(out, '*');
	}
}

void
phone_mask(const char *s, char *out)
{
	size_t n = strlen(s), i, keep_lo = 3, keep_hi;
	int mobile = n == 11 && s[0] == '1';

	for (i = 0; mobile && i < n; i++)
		if (!isdig(s[i]))
			mobile = 0;
	/* 138****5678; otherwise from the 4th to the 4th-last character */
	keep_hi = mobile ? 4 : 3;
	for (i = 0; i < n; i++) {
		if (n > 6 && (i < keep_lo || i >= n - keep_hi) &&
		    !((unsigned char)s[i] & 0x80))
			out[i] = s[i];
		else
			out[i] = '*';
	}
	out[n] = '\0';
}
