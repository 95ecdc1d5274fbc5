/*
 * xlsx.c — workbooks read as tables: what every reader of a sheet shares
 * (wb_*: the header, title rows, the columns, numbers where text
 * belongs), and the .xlsx reader itself (xlsx_*), libzip for the archive
 * and expat for the XML, streaming.
 *
 * A sheet streams: expat is suspended at the end of each row (the row's
 * cells are copied out), and resumed for the next one, so memory holds
 * one row, a chunk of the inflated XML and the shared-strings table,
 * whatever the number of rows.  The workbook's parts are found as Office
 * Open XML says (ECMA-376 part 1): xl/workbook.xml lists the sheets and
 * says date1904, xl/_rels/workbook.xml.rels gives each sheet's part and
 * those of the shared strings and the styles; a cell's style (cellXfs)
 * names a number format, built in (ids 14-22, 27-36, 45-47, 50-58) or
 * in numFmts, and a format with days, months or years in it makes the
 * number a date.
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <expat.h>
#include <zip.h>

#include "gridwork.h"

#define CHUNK	(256 * 1024)

/* ---- names of open sheets, for the '!' of messages ---- */

static char **sheetnames;
static size_t nsheetnames;

int
wb_sheetname(const char *name)
{
	size_t i;

	for (i = 0; i < nsheetnames; i++)
		if (strcmp(sheetnames[i], name) == 0)
			return 1;
	return 0;
}

static void
notename(const char *name)
{
	if (wb_sheetname(name))
		return;
	sheetnames = xreallocarray(sheetnames, nsheetnames + 1,
	    sizeof *sheetnames);
	sheetnames[nsheetnames++] = xstrdup(name);
}

int
wb_magic(const void *head, size_t n)
{
	const unsigned char *b = head;

	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4)
		return WB_XLSX;
	if (n >= 4 && b[0] == 0xD0 && b[1] == 0xCF && b[2] == 0x11 &&
	    b[3] == 0xE0)
		return WB_XLS;
	return WB_NONE;
}

/* ---- rows ---- */

void
wb_row_reset(struct wb_row *w, long row)
{
	w->row = row;
	w->n = 0;
	sbuf_reset(&w->text);
}

void
wb_row_add(struct wb_row *w, size_t col, const char *s, size_t n, int num)
{
	if (n == 0)
		return;		/* an empty cell is no cell */
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->col = xreallocarray(w->col, w->cap, sizeof *w->col);
		w->off = xreallocarray(w->off, w->cap, sizeof *w->off);
		w->len = xreallocarray(w->len, w->cap, sizeof *w->len);
		w->num = xreallocarray(w->num, w->cap, 1);
	}
	w->col[w->n] = col;
	w->off[w->n] = w->text.len;
	w->len[w->n] = n;
	w->num[w->n] = (unsigned char)num;
	w->n++;
	sbuf_add(&w->text, s, n);
	sbuf_addc(&w->text, '\0');
}

void
wb_row_free(struct wb_row *w)
{
	free(w->col);
	free(w->off);
	free(w->len);
	free(w->num);
	sbuf_free(&w->text);
	memset(w, 0, sizeof *w);
}

static void
rowcopy(struct wb_row *to, const struct wb_row *from)
{
	size_t i;

	wb_row_reset(to, from->row);
	for (i = 0; i < from->n; i++)
		wb_row_add(to, from->col[i], from->text.s + from->off[i],
		    from->len[i], from->num[i]);
}

static const char *
cellref(size_t col, long row)
{
	static char buf[32];
	char l[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		l[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = l[n - 1 - i];
	snprintf(buf + n, sizeof buf - (size_t)n, "%ld", row);
	return buf;
}

/* ---- records of a sheet (the csvr_src) ---- */

struct wbs {
	struct wb_reader rd;
	struct wb_row look[WB_LOOKAHEAD + 1];	/* rows read ahead */
	size_t nlook, ilook;	/* held, and the next to hand out */
	int hdrgiven;		/* the header record was handed out */
	struct wb_row hdr;	/* the header, one cell per field */
	size_t nf;		/* fields: the header's cells */
	long *map;		/* map[sheet column]: field + 1, or 0 */
	size_t nmap;
	unsigned char *code;	/* code[field]: a column of codes */
	char **canon;		/* canonical name of each field */
	char *zeros;		/* nf + 1 bytes of empty fields */
	char **f;
	size_t *len;
	char why[512];
};

/* 1 when the header name h is one gridwork knows. */
static int
known(const char *h)
{
	return alias_known(h) || xlsxw_type(alias_canon(h)) != XT_NONE;
}

static size_t
nknown(const struct wb_row *w)
{
	size_t i, k = 0;

	for (i = 0; i < w->n; i++)
		k += known(w->text.s + w->off[i]);
	return k;
}

/* The row of the header among the rows read ahead. */
static size_t
pickhdr(struct wbs *s)
{
	size_t i, k, best = 0;

	for (i = 0; i < s->nlook; i++) {
		k = nknown(&s->look[i]);
		if (k >= 2 || (k >= 1 && k == s->look[i].n))
			return i;
	}
	for (i = 1; i < s->nlook; i++)
		if (s->look[i].n > s->look[best].n)
			best = i;
	return best;
}

/*
 * A row under the header completes it when it fills one of its gaps
 * (cells merged over sub-headers leave the cells under them empty)
 * and every cell it has is a known name.
 */
static int
subheader(const struct wb_row *h, const struct wb_row *sub)
{
	size_t i, j, gap = 0;

	if (sub->n == 0 || sub->row != h->row + 1 || nknown(sub) != sub->n)
		return 0;
	for (i = 0; i < sub->n; i++) {
		for (j = 0; j < h->n && h->col[j] != sub->col[i]; j++)
			;
		if (j == h->n)
			gap = 1;
	}
	return gap;
}

/* The header from row h and, when sub is not NULL, the row under it. */
static void
sethdr(struct wbs *s, const struct wb_row *h, const struct wb_row *sub)
{
	size_t i, j, maxc = 0;

	wb_row_reset(&s->hdr, h->row);
	for (i = j = 0; i < h->n || (sub && j < sub->n);) {
		if (sub && j < sub->n && (i == h->n || sub->col[j] <= h->col[i])) {
			if (i < h->n && h->col[i] == sub->col[j])
				i++;	/* the sub-header names it */
			wb_row_add(&s->hdr, sub->col[j], sub->text.s +
			    sub->off[j], sub->len[j], 0);
			j++;
		} else {
			wb_row_add(&s->hdr, h->col[i], h->text.s + h->off[i],
			    h->len[i], 0);
			i++;
		}
	}
	s->nf = s->hdr.n;
	for (i = 0; i < s->nf; i++)
		if (s->hdr.col[i] + 1 > maxc)
			maxc = s->hdr.col[i] + 1;
	s->nmap = maxc;
	s->map = xcalloc(maxc + 1, sizeof *s->map);
	s->code = xcalloc(s->nf + 1, 1);
	s->canon = xcalloc(s->nf + 1, sizeof *s->canon);
	for (i = 0; i < s->nf; i++) {
		const char *name = s->hdr.text.s + s->hdr.off[i];

		s->map[s->hdr.col[i]] = (long)i + 1;
		s->canon[i] = xstrdup(alias_canon(name));
		s->code[i] = xlsxw_type(s->canon[i]) == XT_CODE;
	}
	s->zeros = xcalloc(s->nf + 1, 1);
	s->f = xcalloc(s->nf + 1, sizeof *s->f);
	s->len = xcalloc(s->nf + 1, sizeof *s->len);
}

static int
srcnext(void *arg, struct gw_rec *rec, const char **why)
{
	struct wbs *s = arg;
	const struct wb_row *w;
	struct wb_row *got;
	size_t i, k;
	long m;
	const char *bad = NULL;
	int r;

	if (!s->hdrgiven) {
		s->hdrgiven = 1;
		w = &s->hdr;
	} else if (s->ilook < s->nlook)
		w = &s->look[s->ilook++];
	else {
		if ((r = s->rd.next(s->rd.arg, &got, why)) < 0)
			return CSVR_ERR;
		if (r == 0)
			return CSVR_EOF;
		w = got;
	}
	rec->f = s->f;
	rec->len = s->len;
	rec->line = w->row;
	if (w == &s->hdr) {
		for (i = 0; i < w->n; i++) {
			s->f[i] = w->text.s + w->off[i];
			s->len[i] = w->len[i];
		}
		rec->nf = w->n;
		return CSVR_REC;
	}
	for (i = 0; i < s->nf; i++) {
		s->zeros[i] = '\0';
		s->f[i] = s->zeros + i;
		s->len[i] = 0;
	}
	rec->nf = s->nf;
	for (i = 0; i < w->n; i++) {
		m = w->col[i] < s->nmap ? s->map[w->col[i]] : 0;
		if (m == 0) {
			if (!bad) {
				snprintf(s->why, sizeof s->why, "cell %s has "
				    "a value, but its column has no header",
				    cellref(w->col[i], w->row));
				bad = s->why;
			}
			continue;
		}
		k = (size_t)m - 1;
		s->f[k] = w->text.s + w->off[i];
		s->len[k] = w->len[i];
		if (w->num[i] && s->code[k] && !bad) {
			snprintf(s->why, sizeof s->why, "column '%s': number "
			    "%s where text belongs (a spreadsheet dropped "
			    "digits)", s->canon[k], s->f[k]);
			utf8_clip(s->why, sizeof s->why);
			bad = s->why;
		}
	}
	if (bad) {
		*why = bad;
		return CSVR_BAD;
	}
	return CSVR_REC;
}

static void
srcclose(void *arg)
{
	struct wbs *s = arg;
	size_t i;

	if (s->rd.close)
		s->rd.close(s->rd.arg);
	for (i = 0; i <= WB_LOOKAHEAD; i++)
		wb_row_free(&s->look[i]);
	wb_row_free(&s->hdr);
	for (i = 0; i < s->nf; i++)
		free(s->canon[i]);
	free(s->canon);
	free(s->map);
	free(s->code);
	free(s->zeros);
	free(s->f);
	free(s->len);
	free(s);
}

csvr *
wb_src(const char *name, const struct wb_reader *rd,
    const struct csvr_opt *o, const char **why)
{
	static char buf[1100];
	struct csvr_src src;
	struct wbs *s;
	struct wb_row *got;
	const char *rwhy = NULL;
	size_t h, i;
	long want = o ? o->header_row : 0;
	int r;

	s = xcalloc(1, sizeof *s);
	s->rd = *rd;
	while (s->nlook < WB_LOOKAHEAD) {
		if ((r = rd->next(rd->arg, &got, &rwhy)) < 0) {
			snprintf(buf, sizeof buf, "%s: %s", name, rwhy);
			goto fail;
		}
		if (r == 0)
			break;
		if (want > 0 && got->row < want)
			continue;
		rowcopy(&s->look[s->nlook++], got);
		if (want > 0)
			break;
	}
	if (want > 0 && (s->nlook == 0 || s->look[0].row != want)) {
		snprintf(buf, sizeof buf, "%s: header row %ld is empty", name,
		    want);
		goto fail;
	}
	if (s->nlook == 0) {
		/* as a text file without a header line */
		snprintf(buf, sizeof buf, "%s: empty file: no header line",
		    name);
		goto fail;
	}
	h = want > 0 ? 0 : pickhdr(s);
	if (want <= 0 && h + 1 < s->nlook &&
	    subheader(&s->look[h], &s->look[h + 1])) {
		sethdr(s, &s->look[h], &s->look[h + 1]);
		h++;
	} else
		sethdr(s, &s->look[h], NULL);
	/* the rows after the header are handed out first */
	for (i = 0; i < h + 1; i++)
		wb_row_free(&s->look[i]);
	memmove(s->look, s->look + h + 1, (s->nlook - h - 1) * sizeof *s->look);
	for (i = s->nlook - h - 1; i < s->nlook; i++)
		memset(&s->look[i], 0, sizeof s->look[i]);
	s->nlook -= h + 1;
	notename(name);
	src.next = srcnext;
	src.close = srcclose;
	src.arg = s;
	src.fmt = FMT_XLSX;
	return csvr_open_src(name, &src, o, why);
fail:
	utf8_clip(buf, sizeof buf);
	*why = buf;
	srcclose(s);
	return NULL;
}

/* ---- the .xlsx reader ---- */

enum { K_NUM = 0, K_DATE, K_TIME, K_DATETIME };

struct relsh {
	char *name;	/* the sheet's name */
	char *rid;	/* its relationship */
	char *part;	/* its part in the archive */
};

struct xlsx {
	zip_t *z;
	const char *file;	/* for messages */
	char why[512];
	int date1904;
	/* workbook.xml and its relationships */
	struct relsh *sh;
	size_t nsh;
	char *sstpart, *stylepart;
	/* shared strings: sst.s[sstoff[i]..] NUL-terminated */
	struct sbuf sst;
	size_t *sstoff;
	size_t nsst, capsst;
	/* styles: the kind of each cellXfs entry */
	unsigned char *xf;
	size_t nxf;
	long *fmtid;		/* numFmts: id and kind, pairs */
	unsigned char *fmtkind;
	size_t nfmt;
	int incellxfs;
	/* parsing */
	XML_Parser p;
	int depth;
	int collect;		/* character data goes to v */
	int inrph;		/* in a phonetic run: not text */
	int inis;		/* in an inline string */
	struct sbuf v;
	/* the sheet */
	zip_file_t *zf;
	int suspended, xmleof, failed;
	int rowready;
	struct wb_row row;
	long lastrow;
	size_t col;
	int ctype, cstyle;
	char num[64];
};

static const char *
local(const char *n)
{
	const char *c = strrchr(n, ':');

	return c ? c + 1 : n;
}

static const char *
attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

static void
chars(void *ud, const XML_Char *s, int n)
{
	struct xlsx *x = ud;

	if (x->collect && !x->inrph)
		sbuf_add(&x->v, s, (size_t)n);
}

/* Parses the part name of the archive with handlers; 0, 1 when it is
   missing, -1 with x->why. */
static int
parsepart(struct xlsx *x, const char *name, XML_StartElementHandler st,
    XML_EndElementHandler en)
{
	zip_file_t *zf;
	zip_int64_t k;
	void *buf;
	int rc = 0;

	if ((zf = zip_fopen(x->z, name, ZIP_FL_NOCASE)) == NULL)
		return 1;
	x->p = XML_ParserCreate(NULL);
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, st, en);
	XML_SetCharacterDataHandler(x->p, chars);
	for (;;) {
		buf = XML_GetBuffer(x->p, CHUNK);
		if (buf == NULL) {
			snprintf(x->why, sizeof x->why, "%s: out of memory",
			    name);
			rc = -1;
			break;
		}
		if ((k = zip_fread(zf, buf, CHUNK)) < 0) {
			snprintf(x->why, sizeof x->why, "%s: %s", name,
			    zip_file_strerror(zf));
			rc = -1;
			break;
		}
		if (XML_ParseBuffer(x->p, (int)k, k == 0) != XML_STATUS_OK) {
			if (!x->failed)
				snprintf(x->why, sizeof x->why, "%s:%lu: %s",
				    name, XML_GetCurrentLineNumber(x->p),
				    XML_ErrorString(XML_GetErrorCode(x->p)));
			rc = -1;
			break;
		}
		if (k == 0)
			break;
	}
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return rc;
}

/* workbook.xml: the sheets in order, and the date system */
static void
wbstart(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = ud;
	const char *n = local(name), *v, *id;

	if (strcmp(n, "workbookPr") == 0) {
		v = attr(a, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		v = attr(a, "name");
		id = attr(a, "id");
		x->sh = xreallocarray(x->sh, x->nsh + 1, sizeof *x->sh);
		x->sh[x->nsh].name = xstrdup(v ? v : "");
		x->sh[x->nsh].rid = xstrdup(id ? id : "");
		x->sh[x->nsh].part = NULL;
		x->nsh++;
	}
}

static void
noend(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* A relationship's target as a part name of the archive. */
static char *
target(const char *t)
{
	struct sbuf b = {0};

	if (t[0] == '/')
		sbuf_adds(&b, t + 1);
	else {
		sbuf_adds(&b, "xl/");
		while (strncmp(t, "../", 3) == 0) {
			b.len = 0;	/* xl/../ is the top */
			t += 3;
		}
		sbuf_adds(&b, t);
	}
	return b.s;
}

static int
endswith(const char *s, const char *e)
{
	size_t n = strlen(s), k = strlen(e);

	return n >= k && strcmp(s + n - k, e) == 0;
}

static void
relstart(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = ud;
	const char *id, *type, *t;
	size_t i;

	if (strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(a, "Id");
	type = attr(a, "Type");
	t = attr(a, "Target");
	if (!id || !type || !t)
		return;
	if (endswith(type, "/sharedStrings") && !x->sstpart)
		x->sstpart = target(t);
	else if (endswith(type, "/styles") && !x->stylepart)
		x->stylepart = target(t);
	else
		for (i = 0; i < x->nsh; i++)
			if (strcmp(x->sh[i].rid, id) == 0 && !x->sh[i].part)
				x->sh[i].part = target(t);
}

/* sharedStrings.xml: <si> holds <t>, or runs <r><t>, and <rPh> */
static void
sststart(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	(void)a;
	if (strcmp(n, "si") == 0)
		sbuf_reset(&x->v);
	else if (strcmp(n, "t") == 0)
		x->collect = 1;
	else if (strcmp(n, "rPh") == 0)
		x->inrph = 1;
}

static void
sstend(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	if (strcmp(n, "t") == 0)
		x->collect = 0;
	else if (strcmp(n, "rPh") == 0)
		x->inrph = 0;
	else if (strcmp(n, "si") == 0) {
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? 2 * x->capsst : 1024;
			x->sstoff = xreallocarray(x->sstoff, x->capsst,
			    sizeof *x->sstoff);
		}
		x->sstoff[x->nsst++] = x->sst.len;
		if (x->v.len)
			sbuf_add(&x->sst, x->v.s, x->v.len);
		sbuf_addc(&x->sst, '\0');
		sbuf_reset(&x->v);
	}
}

/* The kind of a number format code: a date when it shows days, months
   or years, a time when hours or seconds alone. */
static int
fmtcode(const char *c)
{
	int date = 0, time = 0, m = 0;

	for (; *c; c++) {
		switch (*c) {
		case '"':
			while (c[1] && c[1] != '"')
				c++;
			if (c[1])
				c++;
			continue;
		case '\\': case '_': case '*':
			if (c[1])
				c++;
			continue;
		case '[':
			/* [h] [mm] [ss]: elapsed time; [Red], [$-804]: not */
			if (strchr("hHmMsS", c[1]) && (c[2] == ']' ||
			    c[2] == c[1]))
				time = 1;
			while (c[1] && c[1] != ']')
				c++;
			if (c[1])
				c++;
			continue;
		}
		if (strncasecmp(c, "general", 7) == 0) {
			c += 6;
			continue;
		}
		switch (*c) {
		case 'y': case 'Y': case 'd': case 'D':
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		case 'm': case 'M':
			m = 1;
			break;
		}
	}
	if (m && !time)
		date = 1;
	if (date && time)
		return K_DATETIME;
	return date ? K_DATE : time ? K_TIME : K_NUM;
}

static int
builtin(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return K_DATE;
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 ||
	    (id >= 45 && id <= 47))
		return K_TIME;
	if (id == 22)
		return K_DATETIME;
	return K_NUM;
}

static void
stylestart(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = ud;
	const char *n = local(name), *id, *code;
	long fid;
	size_t i;
	int k;

	if (strcmp(n, "numFmt") == 0) {
		id = attr(a, "numFmtId");
		code = attr(a, "formatCode");
		if (!id || !code)
			return;
		x->fmtid = xreallocarray(x->fmtid, x->nfmt + 1,
		    sizeof *x->fmtid);
		x->fmtkind = xreallocarray(x->fmtkind, x->nfmt + 1, 1);
		x->fmtid[x->nfmt] = strtol(id, NULL, 10);
		x->fmtkind[x->nfmt] = (unsigned char)fmtcode(code);
		x->nfmt++;
	} else if (strcmp(n, "cellXfs") == 0)
		x->incellxfs = 1;
	else if (strcmp(n, "xf") == 0 && x->incellxfs) {
		id = attr(a, "numFmtId");
		fid = id ? strtol(id, NULL, 10) : 0;
		k = -1;
		for (i = 0; i < x->nfmt; i++)
			if (x->fmtid[i] == fid)
				k = x->fmtkind[i];
		if (k < 0)
			k = builtin(fid);
		x->xf = xreallocarray(x->xf, x->nxf + 1, 1);
		x->xf[x->nxf++] = (unsigned char)k;
	}
}

static void
styleend(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	if (strcmp(local(name), "cellXfs") == 0)
		x->incellxfs = 0;
}

/* ---- the sheet ---- */

/* A number as Excel shows it in General: 15 significant digits. */
static const char *
numtext(struct xlsx *x, const char *v, size_t n)
{
	size_t i = v[0] == '-';
	double d;
	char *end;

	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++)
		;
	if (i == n && n > (size_t)(v[0] == '-') && n - (v[0] == '-') <= 15)
		return v;	/* a whole number, as written */
	if (i < n && v[i] == '.' && i > (size_t)(v[0] == '-') &&
	    v[v[0] == '-'] != '0' && n - 1 - (v[0] == '-') <= 15 &&
	    v[n - 1] != '0' && v[n - 1] != '.' &&
	    strspn(v + i + 1, "0123456789") == n - i - 1)
		return v;	/* 1760.5: Excel's shortest form already */
	d = strtod(v, &end);
	if (end == v || *end || !isfinite(d))
		return v;
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(x->num, sizeof x->num, "%.0f", d);
	else
		snprintf(x->num, sizeof x->num, "%.15G", d);
	return x->num;
}

/* A date serial as ISO text, or NULL when it is no date. */
static const char *
datetext(struct xlsx *x, const char *v, int kind)
{
	double d;
	char *end;
	long day, secs;
	int y, m, dd;

	d = strtod(v, &end);
	if (end == v || *end || !isfinite(d) || d < 0 || d > 2958466)
		return NULL;
	day = (long)floor(d);
	secs = lround((d - (double)day) * 86400.0);
	if (secs >= 86400) {
		day++;
		secs -= 86400;
	}
	if (kind == K_TIME) {
		snprintf(x->num, sizeof x->num, "%02ld:%02ld:%02ld",
		    secs / 3600, secs / 60 % 60, secs % 60);
		return x->num;
	}
	if (x->date1904)
		day -= 24107;
	else if (day < 60)
		day -= 25568;	/* before Lotus's 29 February 1900 */
	else
		day -= 25569;
	day_to_ymd(day, &y, &m, &dd);
	if (kind == K_DATETIME)
		snprintf(x->num, sizeof x->num,
		    "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, dd, secs / 3600,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(x->num, sizeof x->num, "%04d-%02d-%02d", y, m, dd);
	return x->num;
}

/* Column of a cell reference "AB12" (0-based), or -1. */
static long
refcol(const char *r)
{
	long c = 0;

	if (!(*r >= 'A' && *r <= 'Z'))
		return -1;
	for (; *r >= 'A' && *r <= 'Z'; r++)
		if ((c = c * 26 + (*r - 'A' + 1)) > 16384)
			return -1;
	return c - 1;
}

static void
fail(struct xlsx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof x->why, fmt, ap);
	va_end(ap);
	XML_StopParser(x->p, XML_FALSE);
}

static void
endcell(struct xlsx *x)
{
	const char *s = x->v.s ? x->v.s : "", *t;
	size_t n = x->v.len;
	unsigned long i;
	char *end;
	int num = 0;

	switch (x->ctype) {
	case 's':
		if (n == 0)
			return;
		i = strtoul(s, &end, 10);
		if (*end || i >= x->nsst) {
			fail(x, "cell %s: no shared string %s",
			    cellref(x->col, x->row.row), s);
			return;
		}
		s = x->sst.s + x->sstoff[i];
		n = strlen(s);
		break;
	case 'b':
		if (n == 0)
			return;
		s = strcmp(s, "1") == 0 || strcmp(s, "true") == 0 ?
		    "TRUE" : "FALSE";
		n = strlen(s);
		break;
	case 'd':	/* ISO 8601 as written, midnight left out */
		if (n > 10 && strncmp(s + 10, "T00:00:00", 9) == 0)
			n = 10;
		else if (n > 10 && s[10] == 'T')
			x->v.s[10] = ' ';
		break;
	case 'i': case 'S': case 'e':
		break;
	default:
		if (n == 0)
			return;
		num = 1;
		if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf &&
		    x->xf[x->cstyle] != K_NUM &&
		    (t = datetext(x, s, x->xf[x->cstyle])) != NULL)
			num = 0;
		else
			t = numtext(x, s, n);
		s = t;
		n = strlen(s);
		break;
	}
	wb_row_add(&x->row, x->col, s, n, num);
}

static void
shstart(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = ud;
	const char *n = local(name), *v;
	long c;

	switch (n[0]) {
	case 'c':
		if (n[1] != '\0')
			return;
		if ((v = attr(a, "r")) != NULL) {
			if ((c = refcol(v)) < 0) {
				fail(x, "bad cell reference '%s'", v);
				return;
			}
			x->col = (size_t)c;
		}
		v = attr(a, "t");
		x->ctype = !v || strcmp(v, "n") == 0 ? 'n' :
		    strcmp(v, "s") == 0 ? 's' :
		    strcmp(v, "inlineStr") == 0 ? 'i' :
		    strcmp(v, "str") == 0 ? 'S' :
		    strcmp(v, "b") == 0 ? 'b' :
		    strcmp(v, "e") == 0 ? 'e' :
		    strcmp(v, "d") == 0 ? 'd' : 'n';
		v = attr(a, "s");
		x->cstyle = v ? atoi(v) : 0;
		sbuf_reset(&x->v);
		x->inis = 0;
		break;
	case 'v':
		if (n[1] == '\0')
			x->collect = 1;
		break;
	case 'i':
		if (strcmp(n, "is") == 0)
			x->inis = 1;
		break;
	case 't':
		if (n[1] == '\0' && x->inis)
			x->collect = 1;
		break;
	case 'r':
		if (strcmp(n, "row") == 0) {
			v = attr(a, "r");
			wb_row_reset(&x->row, v ? atol(v) : x->lastrow + 1);
			if (x->row.row <= x->lastrow || x->row.row > 1048576)
				fail(x, "row %ld out of order", x->row.row);
			x->col = 0;
		} else if (strcmp(n, "rPh") == 0)
			x->inrph = 1;
		break;
	}
}

static void
shend(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	switch (n[0]) {
	case 'c':
		if (n[1] == '\0') {
			endcell(x);
			x->col++;
		}
		break;
	case 'v': case 't':
		if (n[1] == '\0')
			x->collect = 0;
		break;
	case 'i':
		if (strcmp(n, "is") == 0)
			x->inis = 0;
		break;
	case 'r':
		if (strcmp(n, "row") == 0) {
			x->lastrow = x->row.row;
			if (x->row.n > 0 && !x->failed) {
				x->rowready = 1;
				XML_StopParser(x->p, XML_TRUE);
			}
		} else if (strcmp(n, "rPh") == 0)
			x->inrph = 0;
		break;
	}
}

static int
xnext(void *arg, struct wb_row **row, const char **why)
{
	struct xlsx *x = arg;
	enum XML_Status st;
	zip_int64_t k;
	void *buf;

	for (;;) {
		if (x->failed)
			break;
		if (x->suspended)
			st = XML_ResumeParser(x->p);
		else {
			if (x->xmleof)
				return 0;
			if ((buf = XML_GetBuffer(x->p, CHUNK)) == NULL) {
				snprintf(x->why, sizeof x->why, "out of memory");
				break;
			}
			if ((k = zip_fread(x->zf, buf, CHUNK)) < 0) {
				snprintf(x->why, sizeof x->why, "%s",
				    zip_file_strerror(x->zf));
				break;
			}
			x->xmleof = k == 0;
			st = XML_ParseBuffer(x->p, (int)k, k == 0);
		}
		x->suspended = st == XML_STATUS_SUSPENDED;
		if (st == XML_STATUS_ERROR) {
			if (!x->failed)
				snprintf(x->why, sizeof x->why, "sheet XML "
				    "line %lu: %s", XML_GetCurrentLineNumber(x->p),
				    XML_ErrorString(XML_GetErrorCode(x->p)));
			break;
		}
		if (x->rowready) {
			x->rowready = 0;
			*row = &x->row;
			return 1;
		}
	}
	x->failed = 1;
	*why = x->why;
	return -1;
}

static void
xclose(void *arg)
{
	struct xlsx *x = arg;
	size_t i;

	if (x->p)
		XML_ParserFree(x->p);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->z)
		zip_discard(x->z);
	for (i = 0; i < x->nsh; i++) {
		free(x->sh[i].name);
		free(x->sh[i].rid);
		free(x->sh[i].part);
	}
	free(x->sh);
	free(x->sstpart);
	free(x->stylepart);
	sbuf_free(&x->sst);
	free(x->sstoff);
	free(x->xf);
	free(x->fmtid);
	free(x->fmtkind);
	sbuf_free(&x->v);
	wb_row_free(&x->row);
	free(x);
}

/* The sheet o->sheet names: by name, else by its number; -1 when none,
   with the sheets listed in x->why. */
static long
picksheet(struct xlsx *x, const char *want)
{
	struct sbuf b = {0};
	size_t i;
	char *end;
	long k;

	if (!want)
		return x->nsh > 0 ? 0 : -1;
	for (i = 0; i < x->nsh; i++)
		if (strcmp(x->sh[i].name, want) == 0)
			return (long)i;
	k = strtol(want, &end, 10);
	if (*want && !*end && k >= 1 && (size_t)k <= x->nsh)
		return k - 1;
	for (i = 0; i < x->nsh; i++)
		sbuf_addf(&b, "%s'%s'", i ? ", " : "", x->sh[i].name);
	snprintf(x->why, sizeof x->why, "no sheet '%s' (the workbook has %s)",
	    want, b.s ? b.s : "none");
	sbuf_free(&b);
	return -1;
}

csvr *
xlsx_open(const char *file, int fd, const struct csvr_opt *o,
    const char **why)
{
	static char buf[1100];
	struct wb_reader rd;
	struct sbuf name = {0};
	struct xlsx *x;
	csvr *r;
	int err = 0, dfd;
	long k;

	x = xcalloc(1, sizeof *x);
	x->file = file;
	if ((dfd = dup(fd)) < 0 || lseek(dfd, 0, SEEK_SET) < 0 ||
	    (x->z = zip_fdopen(dfd, ZIP_RDONLY, &err)) == NULL) {
		zip_error_t ze;

		if (dfd >= 0 && err == 0)
			snprintf(x->why, sizeof x->why, "%s", strerror(errno));
		else {
			zip_error_init_with_code(&ze, err);
			snprintf(x->why, sizeof x->why, "not a readable zip "
			    "archive: %s", zip_error_strerror(&ze));
			zip_error_fini(&ze);
		}
		if (dfd >= 0)
			close(dfd);
		goto fail;
	}
	if (zip_name_locate(x->z, "xl/workbook.xml", ZIP_FL_NOCASE) < 0) {
		snprintf(x->why, sizeof x->why, "a zip archive, but not an "
		    ".xlsx workbook (no xl/workbook.xml)");
		goto fail;
	}
	if (parsepart(x, "xl/workbook.xml", wbstart, noend) < 0 ||
	    parsepart(x, "xl/_rels/workbook.xml.rels", relstart, noend) < 0)
		goto fail;
	if ((k = picksheet(x, o ? o->sheet : NULL)) < 0) {
		if (x->nsh == 0)
			snprintf(x->why, sizeof x->why, "no sheet in the "
			    "workbook");
		goto fail;
	}
	if (!x->sh[k].part) {
		char def[64];

		/* no relationships: the usual names */
		snprintf(def, sizeof def, "xl/worksheets/sheet%ld.xml", k + 1);
		x->sh[k].part = xstrdup(def);
	}
	if (parsepart(x, x->sstpart ? x->sstpart : "xl/sharedStrings.xml",
	    sststart, sstend) < 0 ||
	    parsepart(x, x->stylepart ? x->stylepart : "xl/styles.xml",
	    stylestart, styleend) < 0)
		goto fail;
	if ((x->zf = zip_fopen(x->z, x->sh[k].part, ZIP_FL_NOCASE)) == NULL) {
		snprintf(x->why, sizeof x->why, "sheet '%s': no part %s",
		    x->sh[k].name, x->sh[k].part);
		goto fail;
	}
	x->p = XML_ParserCreate(NULL);
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, shstart, shend);
	XML_SetCharacterDataHandler(x->p, chars);
	sbuf_addf(&name, "%s:%s", file, x->sh[k].name);
	rd.next = xnext;
	rd.close = xclose;
	rd.arg = x;
	r = wb_src(name.s, &rd, o, why);
	sbuf_free(&name);
	return r;
fail:
	snprintf(buf, sizeof buf, "%s: %s", file, x->why);
	utf8_clip(buf, sizeof buf);
	*why = buf;
	xclose(x);
	return NULL;
}

/* ---- where csvr_open() hands a workbook over ---- */

csvr *
wb_open(const char *path, int fd, int kind, const char *head, size_t n,
    const struct csvr_opt *o, const char **why)
{
	static char buf[1100];
	const char *file = strcmp(path, "-") == 0 ? "stdin" : path;
	char fdpath[32];
	struct stat st;
	FILE *tmp = NULL;
	char *copy;
	ssize_t k;
	csvr *r;
	int use = fd;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    lseek(fd, 0, SEEK_SET) < 0) {
		/* a pipe: the workbook is read whole into a temporary */
		if ((tmp = gw_tmpfile()) == NULL) {
			snprintf(buf, sizeof buf, "%s: cannot make a temporary "
			    "file: %s", file, strerror(errno));
			*why = buf;
			return NULL;
		}
		copy = xmalloc(CHUNK);
		fwrite(head, 1, n, tmp);
		while ((k = read(fd, copy, CHUNK)) != 0) {
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				break;
			fwrite(copy, 1, (size_t)k, tmp);
		}
		free(copy);
		if (k < 0 || fflush(tmp) == EOF || ferror(tmp)) {
			snprintf(buf, sizeof buf, "%s: %s", file, k < 0 ?
			    strerror(errno) : "cannot write a temporary file");
			*why = buf;
			fclose(tmp);
			return NULL;
		}
		use = fileno(tmp);
	}
	if (kind == WB_XLSX)
		r = xlsx_open(file, use, o, why);
	else {
		snprintf(fdpath, sizeof fdpath, "/dev/fd/%d", use);
		r = xls_open(tmp || strcmp(path, "-") == 0 ? fdpath : path,
		    file, o, why);
	}
	if (tmp)
		fclose(tmp);
	return r;
}
