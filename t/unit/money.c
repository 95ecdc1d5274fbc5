/*
 * money.c unit test: parsing, formatting, half-up scaling, rates.
 */
#include <limits.h>

#include "gridwork.h"
#include "tap.h"

/* fen of s, or LLONG_MIN when rejected (reason in why) */
static long long
P(const char *s, const char **why)
{
	int64_t f;
	const char *w = "";

	if (money_parse(s, strlen(s), &f, &w) < 0) {
		if (why)
			*why = w;
		return LLONG_MIN;
	}
	return f;
}

static void
rejects(const char *s, const char *want)
{
	const char *why = "";
	long long f = P(s, &why);

	ok(f == LLONG_MIN && strcmp(why, want) == 0, "rejects '%s': %s", s, want);
	if (f != LLONG_MIN || strcmp(why, want) != 0)
		printf("#   got %lld '%s'\n", f, why);
}

static const char *
FMT(int64_t f)
{
	static char buf[4][24];
	static int i;

	i = (i + 1) % 4;
	return money_fmt(f, buf[i]);
}

static void
test_parse(void)
{
	is(P("1760", NULL), 176000, "1760");
	is(P("1760.5", NULL), 176050, "1760.5");
	is(P("1760.50", NULL), 176050, "1760.50");
	is(P("1,760.50", NULL), 176050, "1,760.50");
	is(P("12,345,678.09", NULL), 1234567809LL, "12,345,678.09");
	is(P("\xEF\xBF\xA5" "1760.50", NULL), 176050, "￥1760.50");
	is(P("\xC2\xA5" "1760.50", NULL), 176050, "¥1760.50");
	is(P("1760.50\xE5\x85\x83", NULL), 176050, "1760.50元");
	is(P("\xEF\xBC\x91\xEF\xBC\x97\xEF\xBC\x96\xEF\xBC\x90\xEF\xBC\x8E\xEF\xBC\x95",
	    NULL), 176050, "full-width １７６０．５");
	is(P("\xEF\xBC\x91\xEF\xBC\x8C\xEF\xBC\x97\xEF\xBC\x96\xEF\xBC\x90", NULL),
	    176000, "full-width comma １，７６０");
	is(P("-0.05", NULL), -5, "-0.05");
	is(P("-\xEF\xBF\xA5" "5", NULL), -500, "-￥5");
	is(P("\xEF\xBF\xA5-5", NULL), -500, "￥-5");
	is(P(" 20.00 ", NULL), 2000, "blanks around");
	is(P("0", NULL), 0, "0");
	is(P("-0", NULL), 0, "-0 is 0");
	is(P("007.10", NULL), 710, "leading zeros");
	is(P("10000000000.00", NULL), MONEY_MAX, "the largest amount");
	is(P("-10,000,000,000", NULL), -MONEY_MAX, "the largest debit");
	rejects("10000000000.01",
	    "amount too large (more than 10,000,000,000.00)");
	rejects("-10000000000.01",
	    "amount too large (more than 10,000,000,000.00)");
	rejects("92233720368547758.07",
	    "amount too large (more than 10,000,000,000.00)");
	rejects("92233720368547758.08", "amount too large");
	rejects("99999999999999999999", "amount too large");
	rejects("1.234", "more than two decimals");
	rejects("", "empty amount");
	rejects("  ", "empty amount");
	rejects("\xE5\x85\x83", "empty amount");
	rejects("abc", "not an amount");
	rejects("12a", "not an amount");
	rejects("1760.", "no digits after the decimal point");
	rejects(".5", "not an amount");
	rejects("17,60", "misplaced thousands separator");
	rejects("1,76", "misplaced thousands separator");
	rejects("1760,000", "misplaced thousands separator");
	rejects("1,7600", "misplaced thousands separator");
	rejects("1,760,", "misplaced thousands separator");
	rejects("1,,760", "misplaced thousands separator");
	rejects("1,760.5,0", "not an amount");
	rejects("--5", "not an amount");
	rejects("+5", "not an amount");
	rejects("5-", "not an amount");
	rejects("1 760", "not an amount");
	rejects("1760元元", "not an amount");
	{
		int64_t f;
		const char *why;

		ok(money_parse("17\0" "60", 5, &f, &why) < 0, "a NUL byte rejected");
		ok(money_parse("1760.50xyz", 7, &f, &why) == 0 && f == 176050,
		    "length n is honoured");
	}
}

static void
test_fmt(void)
{
	isstr(FMT(176050), "1760.50", "1760.50");
	isstr(FMT(-5), "-0.05", "-0.05");
	isstr(FMT(0), "0.00", "0.00");
	isstr(FMT(7), "0.07", "0.07");
	isstr(FMT(-176000), "-1760.00", "-1760.00");
	isstr(FMT(INT64_MAX), "92233720368547758.07", "INT64_MAX");
	isstr(FMT(INT64_MIN), "-92233720368547758.08", "INT64_MIN");
}

static void
test_scale(void)
{
	int64_t n, d;

	/* 2000.00 × 17/18 = 1888.888… → 1888.89 */
	is(money_scale(200000, 17, 18), 188889, "2000.00 × 17/18 = 1888.89");
	/* 600.00 × 1.2 = 720.00 exactly */
	is(money_scale(60000, 12, 10), 72000, "600.00 × 1.2 = 720.00");
	is(money_scale(60000, 8, 10), 48000, "600.00 × 0.8 = 480.00");
	is(money_scale(60000, 0, 10), 0, "600.00 × 0 = 0.00");
	/* exact half fen rounds away from zero */
	is(money_scale(25, 1, 2), 13, "0.25 / 2 = 0.125 → 0.13 (half up)");
	is(money_scale(-25, 1, 2), -13, "-0.25 / 2 = -0.125 → -0.13 (half away from zero)");
	is(money_scale(1, 1, 2), 1, "0.01 / 2 = 0.005 → 0.01");
	is(money_scale(-1, 1, 2), -1, "-0.01 / 2 → -0.01");
	is(money_scale(3, 1, 2), 2, "0.03 / 2 = 0.015 → 0.02");
	/* just below and above a half */
	is(money_scale(100, 1249, 100000), 1, "1.00 × 0.01249 = 0.01249 → 0.01");
	is(money_scale(100, 1250, 100000), 1, "1.00 × 0.0125 → 0.01 (0.0125 fen is 1.25 fen)");
	is(money_scale(1, 1499, 1000), 1, "1.499 fen → 1 fen");
	is(money_scale(1, 1500, 1000), 2, "1.500 fen → 2 fen");
	is(money_scale(-1, 1500, 1000), -2, "-1.500 fen → -2 fen");
	/* hiring mid-month: 2000.00 × 14/22 = 1272.7272… */
	is(money_scale(200000, 14, 22), 127273, "2000.00 × 14/22 = 1272.73");
	/* 2200.00 × 11/22 = 1100.00 exactly */
	is(money_scale(220000, 11, 22), 110000, "2200.00 × 11/22 = 1100.00");
	/* a 128-bit intermediate: no overflow where fen × num exceeds int64 */
	is(money_scale(INT64_MAX, 3, 3), INT64_MAX, "INT64_MAX × 3/3 exact");
	is(money_scale(4000000000000000000LL, 5, 10), 2000000000000000000LL,
	    "4e18 × 5/10 exact (product beyond int64)");
	is(money_scale(INT64_MAX, 2, 1), INT64_MAX, "saturates high");
	is(money_scale(INT64_MIN, 2, 1), INT64_MIN, "saturates low");
	is(money_scale(100, 1, -2), -50, "a negative denominator flips the sign");

	ok(rate_parse("1.2", &n, &d) == 0 && n == 12 && d == 10, "rate 1.2 = 12/10");
	ok(rate_parse("0.8", &n, &d) == 0 && n == 8 && d == 10, "rate 0.8");
	ok(rate_parse("0.05", &n, &d) == 0 && n == 5 && d == 100, "rate 0.05");
	ok(rate_parse("1", &n, &d) == 0 && n == 1 && d == 1, "rate 1");
	ok(rate_parse("0", &n, &d) == 0 && n == 0 && d == 1, "rate 0");
	ok(rate_parse(" 1.0 ", &n, &d) == 0 && n == 10 && d == 10, "rate with blanks");
	ok(rate_parse("-0.5", &n, &d) == 0 && n == -5 && d == 10, "negative rate");
	ok(rate_parse("\xEF\xBC\x91\xEF\xBC\x8E\xEF\xBC\x92", &n, &d) == 0 &&
	    n == 12 && d == 10, "full-width rate");
	ok(rate_parse("", &n, &d) < 0, "empty rate rejected");
	ok(rate_parse("1.", &n, &d) < 0, "rate 1. rejected");
	ok(rate_parse(".5", &n, &d) < 0, "rate .5 rejected");
	ok(rate_parse("1.2x", &n, &d) < 0, "rate 1.2x rejected");
	ok(rate_parse("1/2", &n, &d) < 0, "rate 1/2 rejected");
	ok(rate_parse("0.0000000000000000001", &n, &d) < 0,
	    "rate with too many decimals rejected");
	ok(rate_parse("99999999999999999999", &n, &d) < 0, "huge rate rejected");
	ok(rate_parse("1.2", &n, &d) == 0 &&
	    money_scale(60000, n, d) == 72000, "pot 600.00 × coef 1.2 = 720.00");
}

int
main(void)
{
	test_parse();
	test_fmt();
	test_scale();
	return done();
}
