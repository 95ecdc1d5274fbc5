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
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

#define BLOCK	((size_t)1 << 20)	/* read a block at a time: the
					   memory stays flat */

/* Quote states: outside a quoted field, inside one, inside just after
   a quote (a doubled one, or the closing one). */
enum { OUT, IN, INQ };

int64_t
split_cut(int fd, int64_t n, int64_t at, int tsv)
{
	char *b = xmalloc(BLOCK);
	const char *q, *nl;
	unsigned char last = '\n';	/* the start of the file starts a field */
	int64_t off, cut = -1;
	size_t len, i, qi, j;
	ssize_t k;
	int st = OUT;

	for (off = 0; off < n && cut < 0; off += (int64_t)len) {
		len = n - off < (int64_t)BLOCK ? (size_t)(n - off) : BLOCK;
		do
			k = pread(fd, b, len, (off_t)off);
		while (k < 0 && errno == EINTR);
		if (k <= 0)
			break;
		len = (size_t)k;
		for (i = 0; i < len && cut < 0;) {
			switch (st) {
			case OUT:
				q = tsv ? NULL : memchr(b + i, '"', len - i);
				qi = q ? (size_t)(q - b) : len;
				/* a line feed outside quotes at or after at */
				j = off + (int64_t)i >= at ? i :
				    (size_t)(at - off);
				if (j < qi && (nl = memchr(b + j, '\n', qi - j))) {
					cut = off + (nl - b) + 1;
					break;
				}
				if (!q) {
					i = len;
					break;
				}
				/* an opening quote, at a field's start */
				if (off + (int64_t)qi > 0 &&
				    !strchr(",\n\r", qi > 0 ? b[qi - 1] :
				    (char)last)) {
					free(b);
					return -1;
				}
				st = IN;
				i = qi + 1;
				break;
			case IN:
				if (!(q = memchr(b + i, '"', len - i))) {
					i = len;
					break;
				}
				st = INQ;
				i = (size_t)(q - b) + 1;
				break;
			default:	/* INQ */
				if (b[i] == '"') {
					st = IN;
					i++;
				} else if (b[i] == ',' || b[i] == '\n' ||
				    b[i] == '\r')
					st = OUT;
				else {	/* text after a closing quote */
					free(b);
					return -1;
				}
				break;
			}
		}
		if (len > 0)
			last = (unsigned char)b[len - 1];
	}
	free(b);
	return cut >= n ? -1 : cut;
}
