/*
 * cal.c — fuzz harness of the working-day calendar (lib/date.c):
 * cal_open() over a directory holding one YYYY.txt, then
 * cal_isworking(), cal_count() and cal_addworking() over that year.
 *
 * Input: a calendar file.  Its year is the first run of four digits in
 * it when that is 1900..2199 (as in a real file, whose first date names
 * it), else 2026.
 *
 * Checked: every day of the year is answered alike (all 0/1, or all an
 * error with a reason); cal_count() is the sum of the days; the n-th
 * working day after 1 January (and before 31 December) is a working
 * day of the year with exactly n working days between; a year of no
 * file still gives an answer or a reason, never a crash.
 */
#include "fuzz.h"

static int
findyear(const uint8_t *d, size_t n)
{
	size_t i;
	int y;

	for (i = 0; i + 4 <= n; i++) {
		if (d[i] < '0' || d[i] > '9')
			continue;
		if (d[i + 1] < '0' || d[i + 1] > '9' || d[i + 2] < '0' ||
		    d[i + 2] > '9' || d[i + 3] < '0' || d[i + 3] > '9')
			return 2026;
		y = (d[i] - '0') * 1000 + (d[i + 1] - '0') * 100 +
		    (d[i + 2] - '0') * 10 + (d[i + 3] - '0');
		return y >= 1900 && y <= 2199 ? y : 2026;
	}
	return 2026;
}

static void
checksteps(calendar *c, long from, long lo, long hi, int n)
{
	const char *why = NULL;
	long out, k;

	if (cal_addworking(c, from, n, &out, &why) < 0)
		fuzz_fail("cal_addworking(%d): %s", n, why ? why : "(null)");
	if (out < lo || out > hi || cal_isworking(c, out, &why) != 1)
		fuzz_fail("cal_addworking(%d) gives day %ld, not a working "
		    "day of the year", n, out);
	k = n > 0 ? cal_count(c, from + 1, out, &why) :
	    cal_count(c, out, from - 1, &why);
	if (k != (n > 0 ? n : -n))
		fuzz_fail("cal_addworking(%d): %ld working days between", n, k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[16], path[sizeof fuzz_pathbuf];
	const char *why;
	calendar *c;
	long lo, hi, d, nwork = 0;
	int y, r, first = -2;

	y = findyear(data, size);
	snprintf(name, sizeof name, "%04d.txt", y);
	snprintf(path, sizeof path, "%s", fuzz_file(name, data, size));
	c = cal_open(fuzz_dir());
	lo = day_from_ymd(y, 1, 1);
	hi = day_from_ymd(y, 12, 31);
	for (d = lo; d <= hi; d++) {
		why = NULL;
		r = cal_isworking(c, d, &why);
		if (r != 0 && r != 1 && r != -1)
			fuzz_fail("cal_isworking returned %d", r);
		if (r < 0 && (!why || !*why))
			fuzz_fail("cal_isworking failed without a reason");
		if (first == -2)
			first = r;
		else if ((r < 0) != (first < 0))
			fuzz_fail("day %ld of %d answered %d, the first %d",
			    d - lo, y, r, first);
		if (r > 0)
			nwork++;
	}
	if (first >= 0) {
		if (cal_count(c, lo, hi, &why) != nwork)
			fuzz_fail("cal_count of %d is not %ld", y, nwork);
		/* working days strictly after 1 January, before 31 December */
		r = cal_isworking(c, lo, &why);
		if (nwork - r > 0) {
			checksteps(c, lo, lo, hi, 1);
			checksteps(c, lo, lo, hi, (int)(nwork - r));
			checksteps(c, lo, lo, hi, (int)((nwork - r + 1) / 2));
		}
		r = cal_isworking(c, hi, &why);
		if (nwork - r > 0) {
			checksteps(c, hi, lo, hi, -1);
			checksteps(c, hi, lo, hi, -(int)(nwork - r));
		}
	}
	/* the year after has no file here: an answer or a reason */
	why = NULL;
	r = cal_isworking(c, hi + 1, &why);
	if (r < 0 && (!why || !*why))
		fuzz_fail("the year after: no reason");
	cal_close(c);
	remove(path);
	return 0;
}
