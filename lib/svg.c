/*
 * svg.c — charts drawn as inline SVG (gw-report(1)): horizontal bars,
 * stacked when there are several series, and lines over months.  A
 * chart is text added to a buffer; it carries no script, no font file
 * and no external reference, and the same figures always give the
 * same bytes (every coordinate is printed with one decimal).  Labels
 * are escaped for XML.  The figures themselves are shown beside each
 * chart by the caller, in a table: a chart is a picture of them, never
 * their only record.
 */
#include <math.h>
#include <string.h>

#include "gridwork.h"

/* Colours of the series, enough for the grades of any profile; a
   printed page in greys still tells them apart by lightness. */
static const char *const colour[] = { "#2b6cb0", "#38a169", "#d69e2e",
	"#c53030", "#805ad5", "#718096", "#319795", "#b83280" };
#define NCOLOUR (sizeof colour / sizeof colour[0])

void
svg_esc(struct sbuf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '&': sbuf_adds(b, "&amp;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		default: sbuf_addc(b, *s);
		}
}

/* The width of a label in ems: a CJK character is one, ASCII half. */
static double
ems(const char *s)
{
	double w = 0;

	for (; s && *s; s++)
		if ((unsigned char)*s < 0x80)
			w += 0.55;
		else if (((unsigned char)*s & 0xC0) != 0x80)
			w += 1;
	return w;
}

/* The step of the scale: 1, 2 or 5 times a power of ten, about a
   quarter of v, so that the grid lines fall on plain numbers; the top
   of the scale is the first multiple of it at or above v. */
static double
nicestep(double v)
{
	double p, m;

	if (!(v > 0))
		return 1;
	v /= 4;
	p = pow(10, floor(log10(v)));
	m = v / p;
	if (p < 1)	/* counts and money: no step below one */
		return 1;
	if (m <= 1.0000001)
		return p;
	if (m <= 2)
		return 2 * p;
	if (m <= 5)
		return 5 * p;
	return 10 * p;
}

static int
nticks(double top, double step)
{
	int k = (int)ceil(top / step - 1e-9);

	return k < 1 ? 1 : k;
}

static void
tick(struct sbuf *b, double v, int pct)
{
	if (pct)
		sbuf_addf(b, "%.0f%%", v * 100);
	else if (v == floor(v))
		sbuf_addf(b, "%.0f", v);
	else
		sbuf_addf(b, "%.1f", v);
}

static void
head(struct sbuf *b, const struct svg_chart *c, double w, double h)
{
	w = ceil(w);
	h = ceil(h);
	sbuf_addf(b, "<svg class=\"chart\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", w, h, w, h);
	svg_esc(b, c->title);
	sbuf_adds(b, "\">\n<title>");
	svg_esc(b, c->title);
	sbuf_adds(b, "</title>\n");
}

/* The legend of several series, in a row under the chart. */
static double
legend(struct sbuf *b, const struct svg_chart *c, double x, double y)
{
	size_t s;

	if (c->nseries < 2)
		return y;
	for (s = 0; s < c->nseries; s++) {
		sbuf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>", x, y, colour[s % NCOLOUR]);
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">",
		    x + 14, y + 9);
		svg_esc(b, c->series[s]);
		sbuf_adds(b, "</text>\n");
		x += 24 + ems(c->series[s]) * 11;
	}
	return y + 16;
}

void
svg_bars(struct sbuf *b, const struct svg_chart *c)
{
	double lw = 0, top = 0, w, h, plot = 220, bar = 14, gap = 6, y, x;
	double scale, stepv;
	size_t i, s;
	int k, nt;

	for (i = 0; i < c->n; i++) {
		double sum = 0;

		if (ems(c->labels[i]) > lw)
			lw = ems(c->labels[i]);
		for (s = 0; s < c->nseries; s++) {
			double v = c->v[s][i];

			if (isnan(v))
				continue;
			if (c->stacked)
				sum += v;
			else if (v > sum)
				sum = v;
		}
		if (sum > top)
			top = sum;
	}
	lw = lw * 12 + 8;
	stepv = c->pct ? 0.25 : nicestep(top);
	nt = c->pct ? 4 : nticks(top, stepv);
	scale = stepv * nt;
	w = lw + plot + 60;
	h = 20 + (double)c->n * (c->stacked || c->nseries < 2 ? bar + gap :
	    (bar / 2 + 1) * (double)c->nseries + gap) + 20 +
	    (c->nseries > 1 ? 18 : 0);
	head(b, c, w, h);
	/* the scale: five grid lines */
	for (k = 0; k <= nt; k++) {
		x = lw + plot * k / nt;
		sbuf_addf(b, "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#ddd\"/>", x, x,
		    20 + (h - 40 - (c->nseries > 1 ? 18 : 0)));
		sbuf_addf(b, "<text x=\"%.1f\" y=\"12\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#555\">", x);
		tick(b, stepv * k, c->pct);
		sbuf_adds(b, "</text>\n");
	}
	y = 20;
	for (i = 0; i < c->n; i++) {
		double x0 = lw, rowh = c->stacked || c->nseries < 2 ? bar :
		    (bar / 2 + 1) * (double)c->nseries;

		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
		    "text-anchor=\"end\">", lw - 6, y + rowh / 2 + 4);
		svg_esc(b, c->labels[i]);
		sbuf_adds(b, "</text>");
		for (s = 0; s < c->nseries; s++) {
			double v = c->v[s][i], bw;

			if (isnan(v) || v <= 0)
				continue;
			bw = plot * v / scale;
			if (c->stacked || c->nseries < 2) {
				sbuf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"%s\"/>", x0, y, bw, bar,
				    colour[s % NCOLOUR]);
				x0 += bw;
			} else
				sbuf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"%s\"/>", x0,
				    y + (bar / 2 + 1) * (double)s, bw,
				    bar / 2, colour[s % NCOLOUR]);
		}
		y += rowh + gap;
		sbuf_addc(b, '\n');
	}
	legend(b, c, lw, y + 4);
	sbuf_adds(b, "</svg>\n");
}

void
svg_lines(struct sbuf *b, const struct svg_chart *c)
{
	double left = 44, plot = 340, ph = 160, w, h, top = 0, scale, x, y;
	double step, stepv;
	size_t i, s;
	int k, pen, nt;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->n; i++)
			if (!isnan(c->v[s][i]) && c->v[s][i] > top)
				top = c->v[s][i];
	stepv = c->pct ? 0.25 : nicestep(top);
	nt = c->pct ? 4 : nticks(top, stepv);
	scale = stepv * nt;
	w = left + plot + 20;
	h = 16 + ph + 30 + (c->nseries > 1 ? 18 : 0);
	step = c->n > 1 ? plot / (double)(c->n - 1) : 0;
	head(b, c, w, h);
	for (k = 0; k <= nt; k++) {
		y = 16 + ph - ph * k / nt;
		sbuf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, left + plot, y);
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"end\" fill=\"#555\">", left - 4, y + 3);
		tick(b, stepv * k, c->pct);
		sbuf_adds(b, "</text>\n");
	}
	for (i = 0; i < c->n; i++) {
		x = left + step * (double)i;
		sbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#555\">", x, 16 + ph + 14);
		svg_esc(b, c->labels[i]);
		sbuf_adds(b, "</text>");
	}
	sbuf_addc(b, '\n');
	for (s = 0; s < c->nseries; s++) {
		size_t npt = 0;

		for (i = 0; i < c->n; i++)
			npt += !isnan(c->v[s][i]);
		if (npt == 0)	/* a series of nothing draws nothing */
			continue;
		/* a gap where a value is missing (NaN): no line through it */
		sbuf_addf(b, "<path fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" d=\"", colour[s % NCOLOUR]);
		pen = 0;
		for (i = 0; i < c->n; i++) {
			if (isnan(c->v[s][i])) {
				pen = 0;
				continue;
			}
			x = left + step * (double)i;
			y = 16 + ph - ph * c->v[s][i] / scale;
			sbuf_addf(b, "%s%.1f %.1f", pen ? " L" : " M", x, y);
			pen = 1;
		}
		sbuf_adds(b, "\"/>\n");
		for (i = 0; i < c->n; i++) {
			if (isnan(c->v[s][i]))
				continue;
			sbuf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
			    "fill=\"%s\"/>", left + step * (double)i,
			    16 + ph - ph * c->v[s][i] / scale,
			    colour[s % NCOLOUR]);
		}
		sbuf_addc(b, '\n');
	}
	legend(b, c, left, 16 + ph + 24);
	sbuf_adds(b, "</svg>\n");
}
