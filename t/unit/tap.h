/*
 * tap.h — a few lines of TAP for the C unit tests: ok(), is(), isstr(),
 * done().  Each test binary prints its own plan at the end.
 */
#ifndef TAP_H
#define TAP_H
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int tap_n, tap_fail;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is(got, want, ...) do { long long g_ = (got), w_ = (want); \
	if (!ok(g_ == w_, __VA_ARGS__)) \
		printf("#   got %lld, want %lld\n", g_, w_); } while (0)
#define isstr(got, want, ...) do { const char *g_ = (got), *w_ = (want); \
	if (!ok(g_ && w_ && strcmp(g_, w_) == 0, __VA_ARGS__)) \
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", \
		    w_ ? w_ : "(null)"); } while (0)

static int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass) {
		tap_fail++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

static int
done(void)
{
	printf("1..%d\n", tap_n);
	return tap_fail != 0;
}
#endif
