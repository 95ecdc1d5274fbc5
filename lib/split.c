/*
 * split.c — cutting a CSV or TSV text file at a record boundary, so
 * that its parts can be counted on several cores (event-report).
 *
 * A cut is only ever made where it is proven to fall between records:
 * just after a line feed that no quoted field holds.  The proof scans
 * the bytes before it from the start of the file with the quote rules
 * of csvr.c: a quote opens a field only at the field's start (the
 * start of the file or of a line, or after a comma); inside it, "" is a
 * quote; the closing quote is followed by a comma, a line end or the end
 * of the file.  Anything else (a quote inside an unquoted field, text
 * after a closing quote, a quote never closed) is not proven, and no
 * cut is made: the file is then read on one core.  TSV has no quoting:
 * every line feed ends a record.  GB18030 and UTF-8 never use a quote or
 * a line feed byte inside a character, so the bytes can be scanned
 * undecoded; UTF-16 cannot (csvr_range refuses it).
 */
#include <stddef.h>
#include <string.h>

#include "gridwork.h"

/* The offset just after the first LF at or after at, or -1 when there
   is none or nothing follows it. */
static int64_t
after_lf(const char *b, size_t n, size_t at)
{
	const char *nl;

	if (at >= n || !(nl = memchr(b + at, '\n', n - at)) ||
	    (size_t)(nl - b) + 1 >= n)
		return -1;
	return nl - b + 1;
}

int64_t
split_cut(const char *b, size_t n, size_t at, int tsv)
{
	const char *p, *q, *e = b + n;
	int64_t cut;

	if ((cut = after_lf(b, n, at)) < 0 || tsv)
		return cut;
	for (p = b;;) {
		if (!(q = memchr(p, '"', (size_t)(b + cut - p))))
			return cut;	/* no quote before it: between records */
		/* an opening quote, at a field's start */
		if (q > b && q[-1] != ',' && q[-1] != '\n' && q[-1] != '\r')
			return -1;
		/* its closing quote, the first not doubled */
		for (p = q + 1;; p = q + 2) {
			if (!(q = memchr(p, '"', (size_t)(e - p))))
				return -1;
			if (q + 1 == e || q[1] != '"')
				break;
		}
		if (q + 1 < e && q[1] != ',' && q[1] != '\n' && q[1] != '\r')
			return -1;
		p = q + 1;
		/* a field holding the line feed: the next one after it */
		if (p > b + cut && (cut = after_lf(b, n, (size_t)(p - b))) < 0)
			return -1;
	}
}
