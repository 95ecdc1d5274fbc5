/*
 * csvw.c — the record writer: CSV (minimal RFC 4180 quoting), TSV
 * (\t \n \r \\ escaped) and JSON Lines (one object a record, keys = the
 * header, values strings).
 *
 * Output goes through our own buffer and reaches fp in large fwrite()s:
 * stdio's per-call locking and small buffer cost more than the
 * formatting itself.  So a caller that writes to fp by other means
 * between records must csvw_flush() first.  After a write error the
 * writer discards further output and remembers errno for csvw_close().
 *
 * CSVW_EXCEL (for a sheet opened in Excel, WPS or LibreOffice): a UTF-8
 * BOM, CRLF line ends, and two kinds of cell written as the formula
 * ="..." (a constant text, which a spreadsheet shows as the text alone):
 * a digit string that a spreadsheet would make a number and so lose
 * digits or a leading 0 of (any digits in a code column of
 * share/columns-xlsx.tsv, else 12 or more digits or a leading 0), and a
 * cell starting with = + - @ TAB, which so can never run as a formula —
 * except a plain number, which stays a number.  A formula-like cell that
 * cannot be a formula's constant (over 255 bytes, or holding a line
 * break) gets a ' before it instead.
 *
 * CSVW_ZH: Chinese headers (alias_zh) and enumerated values
 * (alias_zhval) by the column's canonical name.
 *
 * FMT_XLSX: the fields go to a workbook (xlsxw.c) that csvw_close()
 * finishes and copies to fp.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

#define WBUFSZ	(256 * 1024)

struct csvw {
	FILE *fp;
	int fmt;		/* FMT_CSV, FMT_TSV or FMT_JSONL */
	int flags;		/* CSVW_EXCEL | CSVW_ZH */
	char *buf;		/* pending output */
	size_t len, cap;
	int err;		/* errno of the first write error, or 0 */
	size_t nf;		/* fields written in the current record */
	size_t recstart;	/* len when the current record began */
	int recflushed;		/* the current record was partly flushed */
	char **keys;		/* JSONL: "key": already escaped */
	size_t *keylen;
	size_t nkeys;
	struct sbuf tmp;	/* csvw_fieldf */
	xlsxw *x;		/* FMT_XLSX: the workbook */
	char **ckey;		/* [nkeys] canonical name of each column */
	int *ctype;		/* [nkeys] XT_* of each (CSVW_EXCEL) */
	unsigned char *zhv;	/* [nkeys] 1: values in Chinese (CSVW_ZH) */
	struct sbuf xf;		/* an --excel cell as a formula */
};

/* Bytes that force quoting in CSV, and that are escaped in TSV. */
static const unsigned char csvspecial[256] = {
	[','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1
};
static const unsigned char tsvspecial[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1
};

static void
wflush(csvw *w)
{
	if (w->len == 0)
		return;
	if (!w->err && fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->err = errno ? errno : EIO;
	if (w->len > w->recstart)
		w->recflushed = 1;
	w->len = 0;
	w->recstart = 0;
}

/* Room for n more bytes in the buffer. */
static inline char *
wroom(csvw *w, size_t n)
{
	if (w->cap - w->len < n) {
		wflush(w);
		if (w->cap < n) {
			w->cap = n;
			w->buf = xreallocarray(w->buf, w->cap, 1);
		}
	}
	return w->buf + w->len;
}

static inline void
wput(csvw *w, const char *s, size_t n)
{
	memcpy(wroom(w, n), s, n);
	w->len += n;
}

csvw *
csvw_open(FILE *fp, int fmt, int flags)
{
	csvw *w;

	w = xcalloc(1, sizeof *w);
	w->fp = fp;
	w->fmt = fmt ? fmt : FMT_CSV;
	w->flags = flags;
	w->cap = WBUFSZ;
	w->buf = xmalloc(w->cap);
	if (w->fmt == FMT_XLSX) {
		w->flags &= ~CSVW_EXCEL;	/* a workbook has no formulas */
		if ((w->x = xlsxw_open(&w->err)) == NULL && !w->err)
			w->err = EIO;
	}
	if ((w->flags & CSVW_EXCEL) && w->fmt != FMT_JSONL)
		wput(w, "\xEF\xBB\xBF", 3);
	w->recstart = w->len;
	return w;
}

#define ONES	0x0101010101010101ULL
#define HIGH	0x8080808080808080ULL

/*
 * Length of the prefix of s[0..n) with no byte of special[]: eight
 * bytes at a time while none is below 0x0E (CR, LF, TAB) or equal to
 * one of c1, c2 (a word test with no false negatives), then bytewise.
 */
static inline size_t
plainlen(const unsigned char *s, size_t n, const unsigned char *special,
    unsigned c1, unsigned c2)
{
	uint64_t x, a, b;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		a = x ^ (ONES * c1);
		b = x ^ (ONES * c2);
		if (((x - ONES * 0x0E) & ~x & HIGH) |
		    ((a - ONES) & ~a & HIGH) | ((b - ONES) & ~b & HIGH))
			break;
	}
	while (i < n && !special[s[i]])
		i++;
	return i;
}

/* A plain number: optional sign, digits, optional . and digits. */
static int
isplainnum(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (d == 0)
		return 0;
	if (i < n && s[i] == '.') {
		i++;
		d = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

static int
isformula(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	switch (s[0]) {
	case '=': case '@': case '\t': case '\r':
		return 1;
	case '+': case '-':
		return !isplainnum(s, n);
	}
	return 0;
}

/*
 * 1 when s[0..n), in a column of type type, is a digit string (a sign
 * allowed) that a spreadsheet opening the CSV would turn into a number
 * with digits lost or changed.
 */
static int
digitstext(const char *s, size_t n, int type)
{
	size_t i = 0, sign;

	if (n > 0 && (s[0] == '+' || s[0] == '-'))
		i++;
	if ((sign = i) == n)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return type == XT_CODE || !xlsxw_numlike(s + sign, n - sign);
}

/* ="s" into w->xf, or NULL when s cannot be a formula's constant. */
static const char *
asconst(csvw *w, const char *s, size_t *n)
{
	size_t i;

	if (*n > 255 || memchr(s, '\n', *n) || memchr(s, '\r', *n))
		return NULL;
	sbuf_reset(&w->xf);
	sbuf_add(&w->xf, "=\"", 2);
	for (i = 0; i < *n; i++) {
		if (s[i] == '"')
			sbuf_addc(&w->xf, '"');
		sbuf_addc(&w->xf, s[i]);
	}
	sbuf_addc(&w->xf, '"');
	*n = w->xf.len;
	return w->xf.s;
}

/* The cell s[0..n) of column col as an --excel CSV or TSV holds it;
   *guard set when it needs a ' instead. */
static const char *
excelcell(csvw *w, const char *s, size_t *n, int *guard)
{
	const char *f;
	int type = w->nf < w->nkeys ? w->ctype[w->nf] : XT_NONE;

	*guard = 0;
	if (*n == 0)
		return s;
	if (digitstext(s, *n, type) || isformula(s, *n)) {
		if ((f = asconst(w, s, n)) != NULL)
			return f;
		*guard = 1;
	}
	return s;
}

static void
putcsv(csvw *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int excel = w->flags & CSVW_EXCEL, guard;
	size_t i;
	char *d;

	guard = 0;
	if (excel) {
		s = excelcell(w, s, &n, &guard);
		u = (const unsigned char *)s;
	}
	if (plainlen(u, n, csvspecial, ',', '"') == n) {
		d = wroom(w, n + 1);
		if (guard)
			*d++ = '\'';
		memcpy(d, s, n);
		w->len = (size_t)(d + n - w->buf);
		return;
	}
	/* worst case: every byte a quote, doubled, plus guard and quotes */
	d = wroom(w, 2 * n + 3);
	*d++ = '"';
	if (guard)
		*d++ = '\'';
	for (i = 0; i < n; i++) {
		if (u[i] == '"')
			*d++ = '"';
		*d++ = (char)u[i];
	}
	*d++ = '"';
	w->len = (size_t)(d - w->buf);
}

static void
puttsv(csvw *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	char *d;
	int guard = 0;

	if (w->flags & CSVW_EXCEL) {
		s = excelcell(w, s, &n, &guard);
		u = (const unsigned char *)s;
	}
	d = wroom(w, 2 * n + 1);
	if (guard)
		*d++ = '\'';
	for (;;) {
		i = plainlen(u, n, tsvspecial, '\\', '\\');
		memcpy(d, u, i);
		d += i, u += i, n -= i;
		if (n == 0)
			break;
		*d++ = '\\';
		switch (*u) {
		case '\t': *d++ = 't'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		default: *d++ = '\\'; break;
		}
		u++, n--;
	}
	w->len = (size_t)(d - w->buf);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
u8seq(const unsigned char *s, size_t n)
{
	size_t k;

	if (s[0] < 0xC2)
		return 0;
	k = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
	if (k == 0 || k > n || !utf8_valid((const char *)s, k))
		return 0;
	return k;
}

/* Length of the prefix of s[0..n) that JSON takes as it is: printable
   ASCII but '"' and '\\'. */
static inline size_t
jsonplain(const unsigned char *s, size_t n)
{
	uint64_t x, a, b;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		a = x ^ (ONES * '"');
		b = x ^ (ONES * '\\');
		if ((x & HIGH) | ((x - ONES * 0x20) & ~x & HIGH) |
		    ((a - ONES) & ~a & HIGH) | ((b - ONES) & ~b & HIGH))
			break;
	}
	while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' &&
	    s[i] != '\\')
		i++;
	return i;
}

/*
 * s as a JSON string at d, which has room for 6 * n + 2 bytes (every byte
 * a \u00XX); returns the end.  Invalid UTF-8 becomes U+FFFD, never passes.
 */
static char *
jsonenc(char *d, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j, k;
	unsigned c;

	*d++ = '"';
	while (i < n) {
		k = jsonplain(u + i, n - i);
		memcpy(d, u + i, k);
		d += k, i += k;
		if (i == n)
			break;
		c = u[i];
		if (c >= 0x80) {
			/* a run of non-ASCII bytes, valid as a whole or
			   taken a character at a time */
			for (j = i; j < n && u[j] >= 0x80; j++)
				;
			if (utf8_valid((const char *)u + i, j - i)) {
				memcpy(d, u + i, j - i);
				d += j - i, i = j;
				continue;
			}
			while (i < j) {
				if ((k = u8seq(u + i, j - i)) > 0) {
					memcpy(d, u + i, k);
					d += k, i += k;
				} else {
					memcpy(d, "\xEF\xBF\xBD", 3);
					d += 3, i++;
				}
			}
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		default:
			*d++ = 'u'; *d++ = '0'; *d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
		}
		i++;
	}
	*d++ = '"';
	return d;
}

static void
putjson(csvw *w, const char *s, size_t n)
{
	char *d;

	d = jsonenc(wroom(w, 6 * n + 2), s, n);
	w->len = (size_t)(d - w->buf);
}

static void rawfield(csvw *, const char *, size_t);

static void
freekeys(csvw *w)
{
	size_t i;

	for (i = 0; i < w->nkeys; i++) {
		free(w->keys[i]);
		free(w->ckey[i]);
	}
	free(w->keys);
	free(w->keylen);
	free(w->ckey);
	free(w->ctype);
	free(w->zhv);
}

void
csvw_header(csvw *w, const char *const *names, size_t n)
{
	csvw_header_keyed(w, names, NULL, n);
}

void
csvw_header_keyed(csvw *w, const char *const *names,
    const char *const *keys, size_t n)
{
	size_t i, n1;
	const char *s;
	char *d, **shown;

	freekeys(w);
	w->keys = xcalloc(n, sizeof *w->keys);
	w->keylen = xcalloc(n, sizeof *w->keylen);
	w->ckey = xcalloc(n, sizeof *w->ckey);
	w->ctype = xcalloc(n, sizeof *w->ctype);
	w->zhv = xcalloc(n, sizeof *w->zhv);
	w->nkeys = n;
	shown = xcalloc(n, sizeof *shown);
	for (i = 0; i < n; i++) {
		w->ckey[i] = xstrdup(keys && keys[i] ? keys[i] : names[i]);
		if (w->flags & CSVW_EXCEL)
			w->ctype[i] = xlsxw_type(w->ckey[i]);
		if (w->flags & CSVW_ZH) {
			w->zhv[i] = (unsigned char)alias_zhhas(w->ckey[i]);
			/* a key that says more than the name has its own
			   Chinese; else the name's */
			s = alias_zh(w->ckey[i]);
			if (strcmp(s, w->ckey[i]) == 0)
				s = alias_zh(names[i]);
		} else
			s = names[i];
		shown[i] = xstrdup(s);
	}
	if (w->x) {
		xlsxw_header(w->x, (const char *const *)w->ckey,
		    (const char *const *)shown, n);
		for (i = 0; i < n; i++)
			free(shown[i]);
		free(shown);
		return;
	}
	for (i = 0; i < n; i++) {
		s = shown[i];
		if (w->fmt == FMT_JSONL) {
			/* render each key once, then reuse its bytes */
			n1 = strlen(s);
			w->keys[i] = xmalloc(6 * n1 + 4);
			d = jsonenc(w->keys[i], s, n1);
			*d++ = ':';
			w->keylen[i] = (size_t)(d - w->keys[i]);
		} else
			rawfield(w, s, strlen(s));
	}
	for (i = 0; i < n; i++)
		free(shown[i]);
	free(shown);
	if (w->fmt != FMT_JSONL)
		csvw_endrec(w);
}

void
csvw_field(csvw *w, const char *s, size_t len)
{
	const char *z;

	if (len == (size_t)-1)
		len = strlen(s);
	if ((w->flags & CSVW_ZH) && w->nf < w->nkeys && w->zhv[w->nf] &&
	    (z = alias_zhval(w->ckey[w->nf], s, len)) != NULL) {
		s = z;
		len = strlen(z);
	}
	rawfield(w, s, len);
}

/* A field as it is: a header name, or a value past --zh. */
static void
rawfield(csvw *w, const char *s, size_t len)
{
	char num[32];
	int k;

	switch (w->fmt) {
	case FMT_XLSX:
		if (w->x)
			xlsxw_cell(w->x, s, len);
		break;
	case FMT_TSV:
		if (w->nf > 0)
			wput(w, "\t", 1);
		puttsv(w, s, len);
		break;
	case FMT_JSONL:
		wput(w, w->nf > 0 ? "," : "{", 1);
		if (w->nf < w->nkeys)
			wput(w, w->keys[w->nf], w->keylen[w->nf]);
		else {
			/* more fields than header names: number the rest */
			k = snprintf(num, sizeof num, "\"%zu\":", w->nf + 1);
			wput(w, num, (size_t)k);
		}
		putjson(w, s, len);
		break;
	default:
		if (w->nf > 0)
			wput(w, ",", 1);
		putcsv(w, s, len);
		break;
	}
	w->nf++;
}

void
csvw_fieldf(csvw *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	sbuf_reset(&w->tmp);
	sbuf_grow(&w->tmp, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(w->tmp.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	csvw_field(w, w->tmp.s, (size_t)n);
}

void
csvw_endrec(csvw *w)
{
	int crlf = (w->flags & CSVW_EXCEL) != 0;

	if (w->fmt == FMT_XLSX) {
		if (w->x)
			xlsxw_endrec(w->x);
	} else if (w->fmt == FMT_JSONL) {
		wput(w, w->nf > 0 ? "}\n" : "{}\n", w->nf > 0 ? 2 : 3);
	} else {
		/*
		 * A record of one empty field would be a blank line, which
		 * readers skip; in CSV it can be written as "".
		 */
		if (w->fmt == FMT_CSV && w->nf == 1 && !w->recflushed &&
		    w->len == w->recstart)
			wput(w, "\"\"", 2);
		wput(w, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
	}
	w->nf = 0;
	w->recstart = w->len;
	w->recflushed = 0;
}

void
csvw_row(csvw *w, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csvw_field(w, f[i], len ? len[i] : (size_t)-1);
	csvw_endrec(w);
}

void
csvw_flush(csvw *w)
{
	wflush(w);
}

int
csvw_error(const csvw *w)
{
	if (w->err)
		return w->err;
	return ferror(w->fp) ? EIO : 0;
}

int
csvw_close(csvw *w)
{
	int err;

	if (w->x) {
		err = xlsxw_close(w->x, w->fp);
		if (!w->err)
			w->err = err;
	}
	wflush(w);
	if (!w->err && fflush(w->fp) == EOF)
		w->err = errno ? errno : EIO;
	if (!w->err && ferror(w->fp))
		w->err = EIO;
	err = w->err;
	freekeys(w);
	free(w->buf);
	sbuf_free(&w->tmp);
	sbuf_free(&w->xf);
	free(w);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}
