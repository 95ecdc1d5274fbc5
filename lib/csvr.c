/*
 * csvr.c — the streaming record reader.
 *
 * Layers, each feeding the next:
 *  1. bytes: read(2) into one growing buffer; UTF-16 input (BOM FF FE or
 *     FE FF, or -E utf-16 = little-endian) goes through iconv to UTF-8
 *     here, before anything looks for a newline.
 *  2. physical lines: each ends at LF, CRLF or a lone CR (old Mac files),
 *     and is counted; a line may be any length (the buffer grows to hold
 *     it, and never beyond the longest line).  Because libcsv ends a
 *     record only at a CR or LF outside quotes, a line holds the end of
 *     at most one record, at its terminator: every verdict on a line's
 *     bytes (layer 3) belongs to the one record that holds them.
 *  3. per line: the UTF-8 BOM is skipped at the start of the file; NUL
 *     bytes are dropped and make the record bad; GB18030 lines go through
 *     iconv (safe line by line: GB18030 never uses 0x0A or 0x0D inside a
 *     character).  ENC_AUTO stays undecided while lines are ASCII, and at
 *     the first line with a byte above 0x7F becomes UTF-8 if that line is
 *     valid UTF-8, else GB18030 if it decodes cleanly, else UTF-8 with the
 *     record bad: detection from the data without holding the whole file.
 *  4. records: CSV through libcsv, fed one line and its terminator at a
 *     time so that each record knows the physical line it started on.  A
 *     line outside any quoted field whose quoted fields (if any) are
 *     well-formed and closed on the line is split with memchr in place,
 *     which gives what libcsv would at a fraction of the cost (libcsv
 *     looks at every byte through a state machine); libcsv gets the rest:
 *     quoted line breaks and stray quotes.
 *     TSV: split on TAB, unescape \t \n \r \\.
 *  5. checks: ragged rows, NUL bytes, invalid UTF-8 (or GB18030), text
 *     after a closing quote and an unterminated quote at the end are bad
 *     records with a reason; reading goes on after all but the last.
 *
 * libcsv is run with CSV_STRICT so that it stops at a quote inside an
 * unquoted field and at text after a closing quote; we then decide: the
 * former is kept as data (as most readers do), the latter makes the
 * record bad and the field goes on unquoted.  Its space function says
 * "never" so that no blank is trimmed: RFC 4180 says spaces are data.
 * CSV_STRICT_FINI does nothing without CSV_STRICT, and we look for an
 * open quote at the end ourselves, to keep what was read for the
 * rejects file.  libcsv's parser states are not in csv.h; ours below
 * match libcsv 3.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>

#include "gridwork.h"

#define RBUFSZ		(1024 * 1024)

/* libcsv 3 parser states (libcsv.c) */
#define LCSV_ROW_NOT_BEGUN	0
#define LCSV_FIELD_BEGUN	2
#define LCSV_FIELD_MIGHT_HAVE_ENDED 3

/* A record parsed by libcsv, waiting to be returned. */
struct qrec {
	size_t f0, nf;		/* fields fidx[f0 .. f0+nf) */
	long line;
	const char *bad;	/* reason, or NULL */
};

struct csvr {
	char *name;		/* for messages: path, or "stdin" */
	int fd;
	struct csvr_opt o;
	int fmt;		/* FMT_CSV or FMT_TSV once decided */
	int enc;		/* ENC_AUTO until decided */

	/* layer 1: decoded bytes buf[pos..end); buf[end] is writable */
	char *buf;
	size_t cap, pos, end;
	size_t lf;		/* buf[lf] is the next '\n' when haslf */
	int haslf;
	size_t lfscan;		/* no '\n' in buf[pos..lfscan) when !haslf */
	size_t cr;		/* buf[cr] is the next '\r' when hascr */
	int hascr;
	size_t crscan;		/* no '\r' in buf[pos..crscan) when
				   !hascr */
	int eof;		/* no more input after buf[end] */
	int64_t rdpos;		/* bytes read from fd (not UTF-16) */
	int64_t left;		/* bytes fd may still give, or -1: all
				   (csvr_range) */
	int *encp;		/* get enc and lineno at close */
	long *linep;		/* (csvr_range) */
	iconv_t cd16;		/* UTF-16 to UTF-8, or (iconv_t)-1 */
	char *raw;		/* undecoded UTF-16 bytes raw[0..rawlen) */
	size_t rawlen, rawcap;
	int raweof;

	/* layers 2 and 3 */
	long lineno;		/* physical lines read */
	int first;		/* no line read yet: look for a BOM */
	iconv_t cdgb;		/* GB18030 to UTF-8, or (iconv_t)-1 */
	struct sbuf gb;		/* the current line, decoded */
	const char *curbad;	/* reason the record being read is bad */
	int curq;		/* the line decoded last holds a '"' */

	/* layer 4: libcsv and its queue of finished records */
	struct csv_parser p;
	long recline;		/* line where the pending record began */
	int inrec;		/* a record is pending in libcsv */
	struct sbuf arena;	/* field bytes, each NUL-terminated */
	size_t *foff, *flen;	/* per parsed field: offset, length */
	size_t nfld, capfld;
	size_t curf0;		/* first field of the pending record */
	struct qrec *q;
	size_t nq, qhead, capq;
	int finished;		/* csv_fini done */

	/* the record handed out */
	char **f;
	size_t *len;
	size_t capf;

	size_t ncols;
	char **hdr;
	int inhdr;		/* reading the header: no ragged check */
	struct csvr_src src;	/* records from elsewhere (src.next) */
	const char *why;
	char whybuf[512];
};

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

static void
setwhy(csvr *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->whybuf, sizeof r->whybuf, fmt, ap);
	va_end(ap);
	utf8_clip(r->whybuf, sizeof r->whybuf);	/* it may quote the input */
	r->why = r->whybuf;
}

/* ---- layer 1: bytes ---- */

static long lineat(const csvr *, size_t);

/* Makes room: moves buf[pos..end) to the front, grows when it is full. */
static void
compact(csvr *r)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->lf -= r->haslf ? r->pos : 0;
		r->cr -= r->hascr ? r->pos : 0;
		r->lfscan = r->lfscan > r->pos ? r->lfscan - r->pos : 0;
		r->crscan = r->crscan > r->pos ? r->crscan - r->pos : 0;
		r->pos = 0;
	}
	/* keep at least 64 KiB free to read into, and one byte for a NUL */
	if (r->cap - r->end < 64 * 1024 + 1) {
		r->cap *= 2;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
}

static ssize_t
readfd(csvr *r, char *p, size_t n)
{
	ssize_t k;

	do
		k = read(r->fd, p, n);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		setwhy(r, "read error: %s", strerror(errno));
	return k;
}

/* Reads more UTF-16 and decodes it into buf[end..). */
static int
fill16(csvr *r)
{
	ssize_t k;
	char *in, *out;
	size_t inleft, outleft, before;

	for (;;) {
		if (!r->raweof && r->rawlen < r->rawcap) {
			k = readfd(r, r->raw + r->rawlen, r->rawcap - r->rawlen);
			if (k < 0)
				return -1;
			if (k == 0)
				r->raweof = 1;
			r->rawlen += (size_t)k;
		}
		in = r->raw;
		inleft = r->rawlen;
		out = r->buf + r->end;
		outleft = r->cap - r->end - 1;
		before = outleft;
		if (iconv(r->cd16, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno != E2BIG && errno != EINVAL) {
			/* the one ill-formed UTF-16: a lone surrogate */
			setwhy(r, "unpaired UTF-16 surrogate on line %ld",
			    lineat(r, r->end + (before - outleft)));
			return -1;
		}
		r->end += before - outleft;
		memmove(r->raw, in, inleft);
		r->rawlen = inleft;
		if (r->raweof) {
			if (r->rawlen > 0 && before == outleft) {
				setwhy(r, "truncated UTF-16 at the end (line %ld)",
				    lineat(r, r->end));
				return -1;
			}
			if (r->rawlen == 0)
				r->eof = 1;
			return 0;
		}
		if (before != outleft)
			return 0;
	}
}

/* Reads more into buf[end..); sets eof at the end of input. */
static int
fill(csvr *r)
{
	ssize_t k;

	size_t n;

	compact(r);
	if (r->cd16 != (iconv_t)-1)
		return fill16(r);
	n = r->cap - r->end - 1;
	if (r->left >= 0 && (int64_t)n > r->left)
		n = (size_t)r->left;
	k = n > 0 ? readfd(r, r->buf + r->end, n) : 0;
	if (k < 0)
		return -1;
	if (k == 0)
		r->eof = 1;
	r->end += (size_t)k;
	r->rdpos += k;
	if (r->left >= 0)
		r->left -= k;
	return 0;
}

/* ---- layer 2: lines ---- */

/* The number of line ends (LF, CRLF, lone CR) in s[0..n). */
static long
countlines(const char *s, size_t n)
{
	long k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n')))
			k++;
	return k;
}

/* The line a decoder fault at buf[at] is on: lines handed out, plus the
   line ends decoded since. */
static long
lineat(const csvr *r, size_t at)
{
	return r->lineno + countlines(r->buf + r->pos, at - r->pos) + 1;
}

/*
 * The next physical line, without its terminator: 1, 0 at the end, -1
 * on error.  *tl is the terminator's length, 0 (end of input), 1 (LF or
 * a lone CR) or 2 (CRLF); it follows the line in the buffer.  line[*n]
 * is writable.  The next LF is remembered, so that a file of lone CRs
 * is not searched to its end for every line.
 */
static int
nextline(csvr *r, char **line, size_t *n, int *tl)
{
	char *p, *c;
	size_t lim, k;

	for (;;) {
		if (!r->haslf) {
			k = r->lfscan > r->pos ? r->lfscan : r->pos;
			if ((p = memchr(r->buf + k, '\n', r->end - k))) {
				r->lf = (size_t)(p - r->buf);
				r->haslf = 1;
			} else
				r->lfscan = r->end;
		}
		lim = r->haslf ? r->lf : r->end;
		/* the next CR as the next LF: looked for once in what
		   was read, not on every line (most files have none) */
		if (!r->hascr) {
			k = r->crscan > r->pos ? r->crscan : r->pos;
			if (k < r->end && (p = memchr(r->buf + k, '\r',
			    r->end - k))) {
				r->cr = (size_t)(p - r->buf);
				r->hascr = 1;
			} else
				r->crscan = r->end;
		}
		c = r->hascr && r->cr < lim ? r->buf + r->cr : NULL;
		if (c && (size_t)(c - r->buf) + 1 < r->end) {
			k = (size_t)(c - r->buf) - r->pos;
			*tl = c[1] == '\n' ? 2 : 1;
			break;
		}
		if (c && r->eof) {	/* a CR, the last byte */
			k = (size_t)(c - r->buf) - r->pos;
			*tl = 1;
			break;
		}
		if (!c && r->haslf) {
			k = r->lf - r->pos;
			*tl = 1;
			break;
		}
		if (!c && r->eof) {
			if (r->pos == r->end)
				return 0;
			k = r->end - r->pos;
			*tl = 0;
			break;
		}
		/* no line end yet, or a CR that an LF may follow */
		if (fill(r) < 0)
			return -1;
	}
	*line = r->buf + r->pos;
	*n = k;
	r->pos += k + (size_t)*tl;
	if (r->haslf && r->lf < r->pos)
		r->haslf = 0;
	if (r->hascr && r->cr < r->pos)
		r->hascr = 0;
	r->lineno++;
	return 1;
}

/* ---- layer 3: per-line decoding ---- */

#define HIGHBITS	0x8080808080808080ULL
#define LOWBITS		0x0101010101010101ULL
#define QUOTES		0x2222222222222222ULL

/* Bit 1: a byte above 0x7F; bit 2: a NUL byte; bit 4: a '"' (in the
   same pass, which spares the record layer a search of its own). */
static int
scanline(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, q, hi = 0, zero = 0, quote = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		hi |= w;
		zero |= (w - LOWBITS) & ~w;
		q = w ^ QUOTES;
		quote |= (q - LOWBITS) & ~q;
	}
	for (; i < n; i++) {
		hi |= u[i];
		if (u[i] == 0)
			zero |= HIGHBITS;
		if (u[i] == '"')
			quote |= HIGHBITS;
	}
	return ((hi & HIGHBITS) ? 1 : 0) | ((zero & HIGHBITS) ? 2 : 0) |
	    ((quote & HIGHBITS) ? 4 : 0);
}

/* Converts s[0..n) from GB18030 into r->gb; 0, or -1 if not clean. */
static int
gbline(csvr *r, const char *s, size_t n, int strict)
{
	char *in = (char *)s, *out;
	size_t inleft = n, outleft, done;
	int bad = 0;

	sbuf_reset(&r->gb);
	iconv(r->cdgb, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		sbuf_grow(&r->gb, inleft * 2 + 16);
		out = r->gb.s + r->gb.len;
		outleft = r->gb.cap - r->gb.len - 1;
		done = outleft;
		if (iconv(r->cdgb, &in, &inleft, &out, &outleft) == (size_t)-1) {
			r->gb.len += done - outleft;
			if (errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL: one byte we cannot decode */
			bad = 1;
			if (strict)
				break;
			sbuf_add(&r->gb, "\xEF\xBF\xBD", 3);
			in++, inleft--;
			iconv(r->cdgb, NULL, NULL, NULL, NULL);
			continue;
		}
		r->gb.len += done - outleft;
	}
	r->gb.s[r->gb.len] = '\0';
	return bad ? -1 : 0;
}

static int
opengb(csvr *r)
{
	if (r->cdgb == (iconv_t)-1 &&
	    (r->cdgb = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		setwhy(r, "cannot decode GB18030: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Decodes the line in place or into r->gb, setting r->curbad for a bad
 * one; *line and *n may change.  The tl bytes of its terminator follow
 * it again afterwards, for libcsv.  Returns -1 on a fatal error.
 */
static int
decode(csvr *r, char **line, size_t *n, int tl)
{
	char *s = *line, *d, term[2];
	size_t i, k = *n;
	int sc;

	memcpy(term, s + k, (size_t)tl);

	if (r->first) {
		r->first = 0;
		/* a BOM, or the BOMs of a file saved twice over */
		while (k >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3, k -= 3;
			if (r->enc == ENC_AUTO || r->enc == ENC_GB18030)
				r->enc = ENC_UTF8;
		}
	}
	sc = scanline(s, k);
	r->curq = (sc & 4) != 0;
	if (sc & 2) {
		/* drop NUL bytes: fields are C strings; the record is bad */
		for (d = s, i = 0; i < k; i++)
			if (s[i] != '\0')
				*d++ = s[i];
		k = (size_t)(d - s);
		r->curbad = "NUL byte";
	}
	if (sc & 1) {
		switch (r->enc) {
		case ENC_AUTO:
			/*
			 * Strict UTF-8 first, as the issue orders it.  A lone
			 * GBK character may be valid UTF-8 too (女 is C5 AE,
			 * also Ů), but Chinese in UTF-8 and csv-spectrum's
			 * utf8.csv (ʤ, CA A4) must read as UTF-8; -E gb18030
			 * settles the rare file whose first non-ASCII line is
			 * that short.
			 */
			if (utf8_valid(s, k))
				r->enc = ENC_UTF8;
			else {
				if (opengb(r) < 0)
					return -1;
				if (gbline(r, s, k, 1) == 0)
					r->enc = ENC_GB18030;
				else {
					r->enc = ENC_UTF8;
					r->curbad = "invalid UTF-8";
				}
			}
			break;
		case ENC_GB18030:
			break;
		default:	/* UTF-8, and UTF-16 decoded to it */
			if (!utf8_valid(s, k))
				r->curbad = "invalid UTF-8";
			break;
		}
		if (r->enc == ENC_GB18030) {
			if (opengb(r) < 0)
				return -1;
			if (gbline(r, s, k, 0) < 0)
				r->curbad = "invalid GB18030";
			s = r->gb.s;
			k = r->gb.len;
			r->curq = memchr(s, '"', k) != NULL;
		}
	}
	if (s == r->gb.s) {
		sbuf_grow(&r->gb, 2);
		s = r->gb.s;
	}
	memcpy(s + k, term, (size_t)tl);	/* libcsv wants the terminator */
	*line = s;
	*n = k;
	return 0;
}

/* ---- layer 4: records ---- */

static void
growf(csvr *r, size_t n)
{
	if (n <= r->capf)
		return;
	while (r->capf < n)
		r->capf = r->capf ? r->capf * 2 : 64;
	r->f = xreallocarray(r->f, r->capf, sizeof *r->f);
	r->len = xreallocarray(r->len, r->capf, sizeof *r->len);
}

static void
cb_field(void *data, size_t len, void *arg)
{
	csvr *r = arg;

	if (r->nfld == r->capfld) {
		r->capfld = r->capfld ? r->capfld * 2 : 256;
		r->foff = xreallocarray(r->foff, r->capfld, sizeof *r->foff);
		r->flen = xreallocarray(r->flen, r->capfld, sizeof *r->flen);
	}
	r->foff[r->nfld] = r->arena.len;
	r->flen[r->nfld] = len;
	r->nfld++;
	if (len > 0)
		sbuf_add(&r->arena, data, len);
	sbuf_addc(&r->arena, '\0');
}

static void
cb_row(int c, void *arg)
{
	csvr *r = arg;
	struct qrec *q;

	(void)c;
	if (r->nq == r->capq) {
		r->capq = r->capq ? r->capq * 2 : 16;
		r->q = xreallocarray(r->q, r->capq, sizeof *r->q);
	}
	q = &r->q[r->nq++];
	q->f0 = r->curf0;
	q->nf = r->nfld - r->curf0;
	q->line = r->recline;
	q->bad = r->curbad;
	r->curbad = NULL;
	r->curf0 = r->nfld;
}

/* Feeds s[0..n) to libcsv, deciding on each strict-mode stop. */
static int
feedcsv(csvr *r, const char *s, size_t n)
{
	size_t k;
	int opts;

	/* libcsv grows its field buffer by blk_size: make that geometric */
	if (r->p.entry_size > r->p.blk_size)
		csv_set_blk_size(&r->p, r->p.entry_size);
	while (n > 0) {
		k = csv_parse(&r->p, s, n, cb_field, cb_row, r);
		if (k == n)
			break;
		if (csv_error(&r->p) != CSV_EPARSE) {
			setwhy(r, "CSV parser: %s",
			    csv_strerror(csv_error(&r->p)));
			return -1;
		}
		r->p.status = 0;
		s += k, n -= k;
		if (r->p.pstate == LCSV_FIELD_BEGUN && !r->p.quoted) {
			/* a quote inside an unquoted field: data */
			opts = csv_get_opts(&r->p);
			csv_set_opts(&r->p, (unsigned char)(opts & ~CSV_STRICT));
			csv_parse(&r->p, s, 1, cb_field, cb_row, r);
			csv_set_opts(&r->p, (unsigned char)opts);
			s++, n--;
		} else {
			/* text after a closing quote: go on unquoted */
			if (!r->curbad)
				r->curbad = "text after closing quote";
			if (r->p.pstate == LCSV_FIELD_MIGHT_HAVE_ENDED &&
			    r->p.entry_pos > 0)
				r->p.entry_pos--;	/* the closing quote */
			r->p.pstate = LCSV_FIELD_BEGUN;
			r->p.quoted = 0;
			r->p.spaces = 0;
		}
	}
	return 0;
}

/* Splits a TSV line in place into r->f, unescaping. */
static size_t
splittsv(csvr *r, char *s, size_t n)
{
	char *e = s + n, *q, *d, *t;
	size_t nf = 0;

	*e = '\0';
	for (;;) {
		q = memchr(s, '\t', (size_t)(e - s));
		if (!q)
			q = e;
		*q = '\0';
		growf(r, nf + 1);
		r->f[nf] = s;
		r->len[nf] = (size_t)(q - s);
		if ((t = memchr(s, '\\', (size_t)(q - s)))) {
			for (d = t; t < q; t++) {
				if (*t == '\\' && t + 1 < q) {
					switch (t[1]) {
					case 't': *d++ = '\t'; t++; continue;
					case 'n': *d++ = '\n'; t++; continue;
					case 'r': *d++ = '\r'; t++; continue;
					case '\\': *d++ = '\\'; t++; continue;
					}
				}
				*d++ = *t;
			}
			*d = '\0';
			r->len[nf] = (size_t)(d - s);
		}
		nf++;
		if (q == e)
			break;
		s = q + 1;
	}
	return nf;
}

#define COMMAS		0x2C2C2C2C2C2C2C2CULL

/* The first ',' of s[0..e), or e: eight bytes at a time, as fields are
   short and a call of memchr for each costs more than the search. */
static char *
comma(char *s, char *e)
{
	uint64_t w, m;

	for (; e - s >= 8; s += 8) {
		memcpy(&w, s, 8);
		w ^= COMMAS;
		if ((m = (w - LOWBITS) & ~w & HIGHBITS) != 0) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return s + (__builtin_ctzll(m) >> 3);
#else
			break;
#endif
		}
	}
	while (s < e && *s != ',')
		s++;
	return s;
}

/* Splits a CSV line with no quotes in place into r->f. */
static size_t
splitcsv(csvr *r, char *s, size_t n)
{
	char *e = s + n, *q;
	size_t nf = 0;

	*e = '\0';
	for (;;) {
		q = comma(s, e);
		*q = '\0';
		if (nf == r->capf)
			growf(r, nf + 1);
		r->f[nf] = s;
		r->len[nf] = (size_t)(q - s);
		nf++;
		if (q == e)
			break;
		s = q + 1;
	}
	return nf;
}

/*
 * 1 when every quoted field of s[0..n) starts a field, is closed on this
 * line and is followed by a comma or the end, and no other field has a
 * quote: then splitq() gives exactly what libcsv would.
 */
static int
simpleq(const char *s, size_t n)
{
	const char *e = s + n, *p, *q;

	for (;;) {
		if (s < e && *s == '"') {
			for (p = s + 1; ; p = q + 2) {
				if ((q = memchr(p, '"', (size_t)(e - p))) == NULL)
					return 0;
				if (q + 1 == e || q[1] != '"')
					break;
			}
			p = q + 1;
			if (p == e)
				return 1;
			if (*p != ',')
				return 0;
			s = p + 1;
		} else {
			if ((q = memchr(s, ',', (size_t)(e - s))) == NULL)
				q = e;
			if (memchr(s, '"', (size_t)(q - s)))
				return 0;
			if (q == e)
				return 1;
			s = q + 1;
		}
	}
}

/* Splits a line that passed simpleq() in place into r->f. */
static size_t
splitq(csvr *r, char *s, size_t n)
{
	char *e = s + n, *p, *q, *d;
	size_t nf = 0;

	*e = '\0';
	for (;;) {
		growf(r, nf + 1);
		if (s < e && *s == '"') {
			/* unquote in place: the field only shrinks */
			d = s;
			for (p = s + 1; ; p = q + 2) {
				q = memchr(p, '"', (size_t)(e - p));
				memmove(d, p, (size_t)(q - p));
				d += q - p;
				if (q + 1 == e || q[1] != '"')
					break;
				*d++ = '"';
			}
			*d = '\0';
			r->f[nf] = s;
			r->len[nf++] = (size_t)(d - s);
			if (q + 1 == e)
				break;
			s = q + 2;
		} else {
			if ((q = memchr(s, ',', (size_t)(e - s))) == NULL)
				q = e;
			*q = '\0';
			r->f[nf] = s;
			r->len[nf++] = (size_t)(q - s);
			if (q == e)
				break;
			s = q + 1;
		}
	}
	return nf;
}

/* Tabs against commas outside quotes in the first line. */
static int
sniff(const char *s, size_t n)
{
	size_t i, tabs = 0, commas = 0;
	int inq = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (!inq && s[i] == '\t')
			tabs++;
		else if (!inq && s[i] == ',')
			commas++;
	}
	return tabs > commas ? FMT_TSV : FMT_CSV;
}

/* Hands out a record, checking its width against the header. */
static int
ret(csvr *r, struct gw_rec *rec, size_t nf, long line, const char *bad)
{
	rec->f = r->f;
	rec->len = r->len;
	rec->nf = nf;
	rec->line = line;
	if (bad) {
		r->why = bad;
		return CSVR_BAD;
	}
	if (!r->inhdr && nf != r->ncols) {
		snprintf(r->whybuf, sizeof r->whybuf,
		    "expected %zu fields, found %zu", r->ncols, nf);
		r->why = r->whybuf;
		return CSVR_BAD;
	}
	return CSVR_REC;
}

static int
popq(csvr *r, struct gw_rec *rec)
{
	struct qrec *q = &r->q[r->qhead++];
	size_t i;

	growf(r, q->nf);
	for (i = 0; i < q->nf; i++) {
		r->f[i] = r->arena.s + r->foff[q->f0 + i];
		r->len[i] = r->flen[q->f0 + i];
	}
	return ret(r, rec, q->nf, q->line, q->bad);
}

/* The queue is empty: keep only the pending record's fields. */
static void
resetq(csvr *r)
{
	size_t i, base, n;

	r->nq = r->qhead = 0;
	n = r->nfld - r->curf0;
	if (n == 0) {
		r->nfld = r->curf0 = 0;
		sbuf_reset(&r->arena);
		return;
	}
	base = r->foff[r->curf0];
	memmove(r->arena.s, r->arena.s + base, r->arena.len - base);
	r->arena.len -= base;
	for (i = 0; i < n; i++) {
		r->foff[i] = r->foff[r->curf0 + i] - base;
		r->flen[i] = r->flen[r->curf0 + i];
	}
	r->nfld = n;
	r->curf0 = 0;
}

/* End of input: an unterminated quoted field, or libcsv's last record. */
static int
finish(csvr *r, struct gw_rec *rec)
{
	long line = r->recline;

	r->finished = 1;
	if (r->p.pstate == LCSV_FIELD_BEGUN && r->p.quoted) {
		/* what was read stays in the record, for the rejects file */
		cb_field(r->p.entry_buf, r->p.entry_pos, r);
		r->curbad = NULL;
		cb_row(-1, r);
		r->q[r->nq - 1].bad = "unterminated quote";
		r->q[r->nq - 1].line = line;
		csv_free(&r->p);
		r->inrec = 0;
		return popq(r, rec);
	}
	if (csv_fini(&r->p, cb_field, cb_row, r) != 0) {
		setwhy(r, "CSV parser: %s", csv_strerror(csv_error(&r->p)));
		return CSVR_ERR;
	}
	r->inrec = 0;
	if (r->qhead < r->nq)
		return popq(r, rec);
	return CSVR_EOF;
}

/* A record of a source that is not text (csvr_open_src). */
static int
nextsrc(csvr *r, struct gw_rec *rec)
{
	const char *bad = NULL;
	int k;

	k = r->src.next(r->src.arg, rec, &bad);
	if (k == CSVR_ERR || k == CSVR_BAD) {
		r->why = bad ? bad : "bad record";
		return k;
	}
	if (k != CSVR_REC)
		return CSVR_EOF;
	if (!r->inhdr && rec->nf != r->ncols) {
		snprintf(r->whybuf, sizeof r->whybuf,
		    "expected %zu fields, found %zu", r->ncols, rec->nf);
		r->why = r->whybuf;
		return CSVR_BAD;
	}
	return CSVR_REC;
}

int
csvr_next(csvr *r, struct gw_rec *rec)
{
	char *s;
	size_t n, nf, m;
	int tl, k, q, fast;
	long line;
	const char *bad;

	if (r->src.next)
		return nextsrc(r, rec);
	if (r->qhead < r->nq)
		return popq(r, rec);
	if (r->nq > 0)
		resetq(r);
	if (r->finished)
		return CSVR_EOF;
	for (;;) {
		if ((k = nextline(r, &s, &n, &tl)) < 0)
			return CSVR_ERR;
		if (k == 0)
			return finish(r, rec);
		if (decode(r, &s, &n, tl) < 0)
			return CSVR_ERR;
		line = r->lineno;
		if (!r->inrec) {
			/*
			 * The fast path: TSV, or a CSV line that is no part
			 * of a quoted field and has only simple quoted
			 * fields.  (A line holds no CR or LF but its end.)
			 */
			m = n;
			if (r->fmt == FMT_AUTO && m > 0)
				r->fmt = sniff(s, m);
			q = 0;
			if (r->fmt == FMT_TSV)
				fast = 1;
			else if ((q = r->curq))
				fast = simpleq(s, m);
			else
				fast = 1;
			if (fast) {
				bad = r->curbad;
				r->curbad = NULL;
				if (m == 0) {
					/* blank lines are no records, unless
					   something was dropped from one */
					if (bad)
						return ret(r, rec, 0, line, bad);
					continue;
				}
				nf = r->fmt == FMT_TSV ? splittsv(r, s, m) :
				    q ? splitq(r, s, m) : splitcsv(r, s, m);
				return ret(r, rec, nf, line, bad);
			}
			r->recline = line;
		}
		if (feedcsv(r, s, n + (size_t)tl) < 0)
			return CSVR_ERR;
		r->inrec = r->p.pstate != LCSV_ROW_NOT_BEGUN;
		if (r->qhead < r->nq)
			return popq(r, rec);
	}
}

static int
hasext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n > e && strcasecmp(path + n - e, ext) == 0;
}

static void
freer(csvr *r)
{
	size_t i;

	if (r->encp)
		*r->encp = r->enc;
	if (r->linep)
		*r->linep = r->lineno;
	if (r->src.close)
		r->src.close(r->src.arg);
	if (r->fd > 0)
		close(r->fd);
	if (r->cd16 != (iconv_t)-1)
		iconv_close(r->cd16);
	if (r->cdgb != (iconv_t)-1)
		iconv_close(r->cdgb);
	csv_free(&r->p);
	for (i = 0; i < r->ncols; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->name);
	free(r->buf);
	free(r->raw);
	sbuf_free(&r->gb);
	sbuf_free(&r->arena);
	free(r->foff);
	free(r->flen);
	free(r->q);
	free(r->f);
	free(r->len);
	free(r);
}

/* Layer 1's first look: a UTF-16 BOM, or -E utf-16. */
static int
start16(csvr *r)
{
	const char *from = NULL;

	while (r->end < 2 && !r->eof)
		if (fill(r) < 0)
			return -1;
	if (r->end >= 2 && (unsigned char)r->buf[0] == 0xFF &&
	    (unsigned char)r->buf[1] == 0xFE)
		from = "UTF-16LE";
	else if (r->end >= 2 && (unsigned char)r->buf[0] == 0xFE &&
	    (unsigned char)r->buf[1] == 0xFF)
		from = "UTF-16BE";
	if (from)
		r->pos = 2;
	else if (r->enc == ENC_UTF16)
		from = "UTF-16LE";
	else
		return 0;
	if ((r->cd16 = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		setwhy(r, "cannot decode %s: %s", from, strerror(errno));
		return -1;
	}
	r->enc = ENC_UTF16;
	/* what was read so far is UTF-16: it moves to the raw buffer */
	r->rawcap = RBUFSZ;
	r->raw = xmalloc(r->rawcap);
	r->rawlen = r->end - r->pos;
	memcpy(r->raw, r->buf + r->pos, r->rawlen);
	r->pos = r->end = 0;
	r->raweof = r->eof;
	r->eof = 0;
	return 0;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Reads the header record of r and checks it; r, or NULL (r freed) with
 * *why "NAME[:LINE]: reason".
 */
static void
header_fail(csvr *r, long line, const char **why)
{
	static char openwhy[1100];

	if (line > 0)
		snprintf(openwhy, sizeof openwhy, "%s%c%ld: %s", r->name,
		    GW_LINESEP(r->name), line, csvr_why(r));
	else
		snprintf(openwhy, sizeof openwhy, "%s: %s", r->name,
		    csvr_why(r));
	*why = openwhy;
	freer(r);
}

static csvr *
header(csvr *r, const char **why)
{
	struct gw_rec rec;
	size_t i, j;
	int k;
	long line = 0;
	const char *name;
	char **sorted;

	r->inhdr = 1;
	k = csvr_next(r, &rec);
	r->inhdr = 0;
	if (k == CSVR_ERR)
		goto fail;
	if (k == CSVR_BAD) {
		line = rec.line;
		goto fail;
	}
	if (k == CSVR_EOF) {
		/*
		 * No header line at all (no bytes, a BOM, blank lines): an
		 * empty export is almost always a failed one, and a missing
		 * input must never look like a month of zeros.
		 */
		setwhy(r, "empty file: no header line");
		goto fail;
	}
	r->hdr = xcalloc(rec.nf, sizeof *r->hdr);
	for (i = 0; i < rec.nf; i++) {
		name = r->o.raw_header ? rec.f[i] : alias_canon(rec.f[i]);
		r->hdr[i] = xstrdup(name);
		r->ncols = i + 1;
	}
	/* duplicates, by sorting a copy: a header may be very wide */
	sorted = xcalloc(r->ncols, sizeof *sorted);
	memcpy(sorted, r->hdr, r->ncols * sizeof *sorted);
	qsort(sorted, r->ncols, sizeof *sorted, cmpstr);
	for (j = 1; j < r->ncols; j++)
		if (strcmp(sorted[j - 1], sorted[j]) == 0) {
			setwhy(r, "duplicate column '%s'", sorted[j]);
			line = rec.line;
			free(sorted);
			goto fail;
		}
	free(sorted);
	return r;
fail:
	header_fail(r, line, why);
	return NULL;
}

csvr *
csvr_open_src(const char *name, const struct csvr_src *src,
    const struct csvr_opt *o, const char **why)
{
	csvr *r;

	r = xcalloc(1, sizeof *r);
	r->cd16 = r->cdgb = (iconv_t)-1;
	r->left = -1;
	r->fd = -1;
	if (o)
		r->o = *o;
	r->enc = ENC_UTF8;
	r->name = xstrdup(name);
	r->src = *src;
	r->fmt = src->fmt;
	return header(r, why);
}

csvr *
csvr_open(const char *path, const struct csvr_opt *o, const char **why)
{
	static char openwhy[1100];
	csvr *r;
	const char *name;
	int k;

	r = xcalloc(1, sizeof *r);
	r->cd16 = r->cdgb = (iconv_t)-1;
	r->left = -1;
	if (o)
		r->o = *o;
	r->enc = r->o.enc;
	if (strcmp(path, "-") == 0) {
		r->fd = 0;
		r->name = xstrdup("stdin");
	} else {
		r->name = xstrdup(path);
		if ((r->fd = open(path, O_RDONLY)) < 0) {
			snprintf(openwhy, sizeof openwhy, "cannot open '%s': %s",
			    path, strerror(errno));
			*why = openwhy;
			r->fd = -1;
			freer(r);
			return NULL;
		}
#ifdef POSIX_FADV_SEQUENTIAL
		posix_fadvise(r->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	}
	/* an input that is also an output (-r, -G, stdout) is refused
	   before a byte of it is read (outfile.c) */
	if (gw_file_note(path, r->fd, 0, "input", &name) < 0) {
		snprintf(openwhy, sizeof openwhy, "%s", name);
		*why = openwhy;
		freer(r);
		return NULL;
	}
	r->fmt = r->o.fmt;
	if (r->fmt == FMT_AUTO && r->fd != 0) {
		if (hasext(path, ".tsv") || hasext(path, ".tab"))
			r->fmt = FMT_TSV;
		else if (hasext(path, ".csv"))
			r->fmt = FMT_CSV;
	}
	r->cap = RBUFSZ;
	r->buf = xmalloc(r->cap);
	r->first = 1;
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&r->p, nospace);
	csv_set_blk_size(&r->p, 64 * 1024);

	/* a workbook is known by its first bytes, whatever its name */
	while (r->end < 8 && !r->eof)
		if (fill(r) < 0) {
			header_fail(r, 0, why);
			return NULL;
		}
	if ((k = wb_magic(r->buf, r->end)) != WB_NONE) {
		csvr *w = wb_open(path, r->fd, k, r->buf, r->end, &r->o, why);

		freer(r);
		return w;
	}
	if (start16(r) < 0) {
		header_fail(r, 0, why);
		return NULL;
	}
	return header(r, why);
}

const char *
csvr_why(const csvr *r)
{
	return r->why ? r->why : "no error";
}

const char *
csvr_name(const csvr *r)
{
	return r->name;
}

size_t
csvr_ncols(const csvr *r)
{
	return r->ncols;
}

const char *const *
csvr_header(const csvr *r)
{
	return (const char *const *)r->hdr;
}

int
csvr_col(const csvr *r, const char *name)
{
	size_t i;
	char *canon;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->hdr[i], name) == 0)
			return (int)i;
	/* a Chinese or differently written name for the same column */
	canon = xstrdup(alias_canon(name));
	for (i = 0; i < r->ncols; i++)
		if (strcmp(alias_canon(r->hdr[i]), canon) == 0) {
			free(canon);
			return (int)i;
		}
	free(canon);
	return -1;
}

int
csvr_fmt(const csvr *r)
{
	return r->fmt;
}

int
csvr_enc(const csvr *r)
{
	return r->enc;
}

int
csvr_range(csvr *r, int64_t from, int64_t to, long lineno, int enc,
    int *encp, long *linep)
{
	size_t have;

	if (r->src.next || r->cd16 != (iconv_t)-1 || r->fd <= 0 ||
	    r->inrec || r->qhead < r->nq || r->finished)
		return -1;
	if (from >= 0) {
		if (lseek(r->fd, (off_t)from, SEEK_SET) < 0)
			return -1;
		r->pos = r->end = r->lf = r->lfscan = r->crscan = 0;
		r->haslf = r->hascr = 0;
		r->eof = 0;
		r->rdpos = from;
		r->lineno = lineno;
		if (enc != ENC_AUTO)
			r->enc = enc;
	}
	r->encp = encp;
	r->linep = linep;
	if (to < 0) {
		r->left = -1;
		return 0;
	}
	if (r->rdpos > to) {
		/* buf[pos..end) are the bytes before rdpos */
		have = r->end - r->pos;
		if ((int64_t)have < r->rdpos - to)
			return -1;
		r->end -= (size_t)(r->rdpos - to);
		if (r->haslf && r->lf >= r->end)
			r->haslf = 0;
		if (r->hascr && r->cr >= r->end)
			r->hascr = 0;
		if (r->lfscan > r->end)
			r->lfscan = r->end;
		if (r->crscan > r->end)
			r->crscan = r->end;
		r->rdpos = to;
	}
	r->left = to - r->rdpos;
	r->eof = r->left == 0;
	return 0;
}

void
csvr_close(csvr *r)
{
	if (r)
		freer(r);
}
