/*
 * svg.c unit test: a chart is the same bytes for the same figures, its
 * labels are escaped, a missing value is a gap in a line and no bar, a
 * scale ends on a round number, and nothing refers outside the page.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"
#include "tap.h"

static char *
chart(int lines, const char *const *lab, const double *v, size_t n, int pct)
{
	static const char *const ser[] = { "甲" };
	const double *vv[] = { v };
	struct svg_chart c = { 0 };
	struct sbuf b = { 0 };

	c.title = "标题 <&>";
	c.labels = lab;
	c.n = n;
	c.series = ser;
	c.v = vv;
	c.nseries = 1;
	c.pct = pct;
	if (lines)
		svg_lines(&b, &c);
	else
		svg_bars(&b, &c);
	return b.s;
}

static int
count(const char *s, const char *w)
{
	int n = 0;

	for (; (s = strstr(s, w)); s += strlen(w))
		n++;
	return n;
}

int
main(void)
{
	static const char *const lab[] = { "稷峰镇", "A&B", "<x>" };
	double v[] = { 254, NAN, 33 };
	double r[] = { 0.5, NAN, 1 };
	char *a = chart(0, lab, v, 3, 0), *b = chart(0, lab, v, 3, 0), *l;
	struct sbuf e = { 0 };

	ok(a && strncmp(a, "<svg class=\"chart\" width=\"", 26) == 0,
	    "a bar chart is an <svg> element");
	isstr(a, b, "the same figures give the same bytes");
	ok(strstr(a, "A&amp;B") && strstr(a, "&lt;x&gt;") &&
	    strstr(a, "标题 &lt;&amp;&gt;") && !strstr(a, "<x>"),
	    "labels and the title are escaped");
	is(count(a, "<rect"), 2, "a missing value draws no bar");
	ok(strstr(a, ">300</text>") && !strstr(a, ">254</text>"),
	    "the scale ends on a round number above the largest");
	ok(!strstr(a, "http") && !strstr(a, "href") && !strstr(a, "url("),
	    "no reference outside the page");
	l = chart(1, lab, r, 3, 1);
	is(count(l, " M"), 2, "a missing value is a gap in the line");
	ok(strstr(l, ">100%</text>") && strstr(l, ">0%</text>"),
	    "rates run from 0%% to 100%%");
	free(l);
	{
		double none[] = { NAN, NAN, NAN };

		l = chart(1, lab, none, 3, 1);
		ok(!strstr(l, "<path"), "a line of nothing draws no path");
		free(l);
	}
	svg_esc(&e, "\"'<");
	isstr(e.s, "&quot;'&lt;", "svg_esc: quotes for attributes");
	sbuf_free(&e);
	free(a);
	free(b);
	return done();
}
