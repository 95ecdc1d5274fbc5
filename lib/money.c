/*
 * money.c — money as int64 fen (0.01 yuan) and decimal rates.
 *
 * Money is never a double: a pay sheet must add up to the fen, and
 * 0.1 + 0.2 does not.  Parsing accepts what a spreadsheet cell holds
 * (1760, 1760.5, 1,760.50, ￥1760.50, 1760元, full-width digits), and
 * rejects anything that could be a misreading: a third decimal (1.234
 * could be a thousands group written the European way), a comma out of
 * thousands position, letters, overflow.  Scaling by a rate is exact:
 * the product is taken in 128 bits and rounded half away from zero
 * once (gridwork-policy(5), the money type).
 */
#include <limits.h>
#include <string.h>

#include "gridwork.h"

/* Drops prefix pre from *p when there; 1 when it did. */
static int
eat(const char **p, const char *pre)
{
	size_t n = strlen(pre);

	if (strncmp(*p, pre, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* *v = *v * 10 + dgt, or -1 when that would pass INT64_MAX. */
static int
muladd(uint64_t *v, int dgt)
{
	if (*v > ((uint64_t)INT64_MAX - (uint64_t)dgt) / 10)
		return -1;
	*v = *v * 10 + (uint64_t)dgt;
	return 0;
}

#define YUAN_SIGN	"\xEF\xBF\xA5"	/* ￥ U+FFE5 fullwidth yen sign */
#define YEN_SIGN	"\xC2\xA5"	/* ¥ U+00A5 */
#define YUAN_CHAR	"\xE5\x85\x83"	/* 元 */

int
money_parse(const char *s, size_t n, int64_t *fen, const char **why)
{
	char buf[128];
	const char *p;
	uint64_t v = 0;
	int neg = 0, ndig = 0, group = -1, frac = 0, k;

	if (n >= sizeof buf) {
		*why = "too long for an amount";
		return -1;
	}
	if (memchr(s, '\0', n)) {
		*why = "not an amount";
		return -1;
	}
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	if (n >= 3 && strcmp(buf + n - 3, YUAN_CHAR) == 0)
		buf[n -= 3] = '\0';
	p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		*why = "empty amount";
		return -1;
	}
	/* a sign on either side of the currency sign: -￥5 or ￥-5 */
	if (*p == '-')
		neg = 1, p++;
	if (eat(&p, YUAN_SIGN) || eat(&p, YEN_SIGN)) {
		if (!neg && *p == '-')
			neg = 1, p++;
	}
	if (*p < '0' || *p > '9') {
		*why = "not an amount";
		return -1;
	}
	/*
	 * Integer part: digits, with commas allowed only as thousands
	 * separators (1,760 and 12,345,678, never 17,60 or ,1760).
	 * group counts digits since the last comma, -1 before any comma.
	 */
	for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
		if (*p == ',') {
			if ((group == -1 && (ndig < 1 || ndig > 3)) ||
			    (group != -1 && group != 3)) {
				*why = "misplaced thousands separator";
				return -1;
			}
			group = 0;
			continue;
		}
		if (muladd(&v, *p - '0') < 0) {
			*why = "amount too large";
			return -1;
		}
		ndig++;
		if (group != -1)
			group++;
	}
	if (group != -1 && group != 3) {
		*why = "misplaced thousands separator";
		return -1;
	}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++frac > 2) {
				*why = "more than two decimals";
				return -1;
			}
			if (muladd(&v, *p - '0') < 0) {
				*why = "amount too large";
				return -1;
			}
		}
		if (frac == 0) {
			*why = "no digits after the decimal point";
			return -1;
		}
	}
	if (*p != '\0') {
		*why = "not an amount";
		return -1;
	}
	for (k = frac; k < 2; k++) {
		if (muladd(&v, 0) < 0) {
			*why = "amount too large";
			return -1;
		}
	}
	/* a bound far above any pay, below which millions of amounts add
	   up without overflow (gridwork-policy(5), the money type) */
	if (v > MONEY_MAX) {
		*why = "amount too large (more than 10,000,000,000.00)";
		return -1;
	}
	*fen = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

char *
money_fmt(int64_t fen, char *out)
{
	uint64_t u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	char tmp[24], *p = tmp + sizeof tmp;
	char *o = out;

	*--p = '\0';
	*--p = (char)('0' + u % 10);
	u /= 10;
	*--p = (char)('0' + u % 10);
	u /= 10;
	*--p = '.';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (fen < 0)
		*o++ = '-';
	memcpy(o, p, (size_t)(tmp + sizeof tmp - p));
	return out;
}

int64_t
money_scale(int64_t fen, int64_t num, int64_t den)
{
	__int128 prod, q, r;

	if (den == 0)
		return 0;
	if (den < 0) {
		den = -den;
		num = -num;
	}
	prod = (__int128)fen * num;
	q = prod / den;
	r = prod % den;
	/* half away from zero: |r| >= den / 2, exactly, as 2|r| >= den */
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += prod < 0 ? -1 : 1;
	if (q > INT64_MAX)
		return INT64_MAX;
	if (q < INT64_MIN)
		return INT64_MIN;
	return (int64_t)q;
}

int
rate_parse(const char *s, int64_t *num, int64_t *den)
{
	char buf[64];
	const char *p;
	int64_t v = 0, d = 1;
	size_t n = strlen(s);
	int neg = 0, ndig = 0;

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-')
		neg = 1, p++;
	for (; *p >= '0' && *p <= '9'; p++, ndig++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (ndig == 0)
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (v > (INT64_MAX - 9) / 10 || d > INT64_MAX / 10)
				return -1;
			v = v * 10 + (*p - '0');
			d *= 10;
		}
	}
	if (*p)
		return -1;
	*num = neg ? -v : v;
	*den = d;
	return 0;
}
