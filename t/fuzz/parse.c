/*
 * parse.c — fuzz harness of the value parsers: money_parse() and
 * rate_parse() (lib/money.c), date_parse(), datetime_parse(),
 * month_parse() and week_parse() (lib/date.c), utf8_valid() and
 * utf8_fold() (lib/utf8.c).
 *
 * Input: a field as read, any bytes.  The string parsers get it up to
 * its first NUL.
 *
 * Checked: whatever is accepted prints (money_fmt, date_fmt,
 * datetime_fmt) as something that parses back to the same value; a
 * date is a real one; a month or week runs forward over 28..31 or 7
 * days; a rate has a power of ten below it; folding keeps valid UTF-8
 * valid, never lengthens and is done after one pass.
 */
#include "fuzz.h"

static void
moneys(const char *s, size_t n)
{
	const char *why = NULL;
	int64_t fen, back;
	char buf[24];

	if (money_parse(s, n, &fen, &why) < 0) {
		if (!why || !*why)
			fuzz_fail("money refused without a reason");
		return;
	}
	money_fmt(fen, buf);
	if (money_parse(buf, strlen(buf), &back, &why) < 0 || back != fen)
		fuzz_fail("money %lld prints as '%s', which reads back as "
		    "%lld", (long long)fen, buf, (long long)back);
}

static void
dates(const char *s, size_t n)
{
	char buf[20];
	long day, back;
	int64_t t, tback;
	int y, m, d;

	if (date_parse(s, n, &day) == 0) {
		day_to_ymd(day, &y, &m, &d);
		if (!ymd_valid(y, m, d) || day_from_ymd(y, m, d) != day)
			fuzz_fail("date %ld is %d-%d-%d", day, y, m, d);
		date_fmt(day, buf);
		if (date_parse(buf, strlen(buf), &back) < 0 || back != day)
			fuzz_fail("date %ld prints as '%s', which does not "
			    "read back", day, buf);
		if (datetime_parse(s, n, &t) < 0 || t != (int64_t)day * 86400)
			fuzz_fail("a date is not a datetime at 00:00");
	}
	if (datetime_parse(s, n, &t) == 0) {
		datetime_fmt(t, buf);
		if (datetime_parse(buf, strlen(buf), &tback) < 0 ||
		    tback != t)
			fuzz_fail("datetime %lld prints as '%s', which does "
			    "not read back", (long long)t, buf);
	}
}

static void
periods(const char *z)
{
	long first, last;
	int y, m, d;

	if (month_parse(z, &first, &last) == 0) {
		day_to_ymd(first, &y, &m, &d);
		if (d != 1 || last - first + 1 != month_days(y, m))
			fuzz_fail("month '%s' is days %ld..%ld", z, first,
			    last);
	}
	if (week_parse(z, &first, &last) == 0 &&
	    (last - first != 6 || day_wday(first) != 1))
		fuzz_fail("week '%s' is days %ld..%ld", z, first, last);
}

static void
rates(const char *z)
{
	int64_t num, den;

	if (rate_parse(z, &num, &den) < 0)
		return;
	if (den < 1)
		fuzz_fail("rate '%s' is %lld/%lld", z, (long long)num,
		    (long long)den);
	while (den > 1 && den % 10 == 0)
		den /= 10;
	if (den != 1)
		fuzz_fail("rate '%s' has a denominator that is not a power "
		    "of ten", z);
}

static void
folds(const char *s, size_t n)
{
	char *a = xmalloc(n + 1), *b;
	size_t k, k2;

	memcpy(a, s, n);
	k = utf8_fold(a, n);
	if (k > n)
		fuzz_fail("utf8_fold lengthened %zu bytes to %zu", n, k);
	if (utf8_valid(s, n) && !utf8_valid(a, k))
		fuzz_fail("utf8_fold of valid UTF-8 is not UTF-8");
	b = xmalloc(k + 1);
	memcpy(b, a, k);
	k2 = utf8_fold(b, k);
	if (utf8_valid(s, n) && (k2 != k || memcmp(a, b, k) != 0))
		fuzz_fail("utf8_fold is not done after one pass");
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *z = xstrndup(s, size);
	size_t zn = strlen(z);

	moneys(z, zn);
	moneys(s, size);	/* lengths are kept: no read past size */
	dates(z, zn);
	dates(s, size);
	periods(z);
	rates(z);
	folds(s, size);
	free(z);
	return 0;
}
