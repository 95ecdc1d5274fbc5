/*
 * xlsxw.c — the workbook side of the record writer (csvw.c, -o xlsx):
 * records become the rows of a worksheet written by libxlsxwriter.
 *
 * The header row is bold, frozen and filterable; each cell is typed by
 * its column's canonical name through share/columns-xlsx.tsv (codes and
 * ID numbers text, money a number shown 0.00, dates date cells, counts
 * numbers) and, for a column not listed, by the shape of the value, which
 * never makes a number of 12 or more digits or of a leading 0: a number
 * that long has lost digits in a spreadsheet (gridwork(7)).
 *
 * libxlsxwriter writes to a file name, so the workbook is made in a
 * temporary file in $TMPDIR (removed at exit whatever happens) in its
 * constant-memory mode, rows streamed to disk as they come, and copied to
 * the caller's stream when closed.  Column widths, the filter range and
 * the frozen row are written at the end, when the content is known.  A
 * sheet holds 1,048,576 rows; more go on to a next sheet under the same
 * header.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "gridwork.h"

#define MAXROWS	1048576		/* rows of a sheet, header included */
#define MAXCELL	32767		/* bytes of a text cell */
#define MAXWIDTH 60		/* widest column, in characters */

struct xlsxw {
	char *path;		/* the temporary workbook */
	lxw_workbook *wb;
	lxw_worksheet *ws;	/* the current sheet */
	lxw_worksheet **sheets;	/* every sheet, for the widths at close */
	size_t nsheets;
	lxw_format *bold, *money, *date, *datetime, *dec[5];
	char **hdr;		/* the header as shown, for a next sheet */
	int *type;		/* XT_* of each column */
	double *width;		/* widest content of each column */
	size_t ncol;
	lxw_row_t row;		/* next row of the current sheet */
	long nrec;		/* records written into the current sheet */
	size_t col;		/* next column of the current row */
	int err;		/* libxlsxwriter error, or 0 */
	struct sbuf tmp;	/* a NUL-terminated copy of a cell */
};

/* ---- the column types ---- */

struct xtype {
	char *col;
	int type;
};

static struct xtype *xt;
static size_t nxt;
static int xtloaded;

static const struct {
	const char *name;
	int type;
} xtnames[] = {
	{ "code", XT_CODE }, { "text", XT_TEXT }, { "money", XT_MONEY },
	{ "num", XT_NUM }, { "count", XT_COUNT }, { "flag", XT_FLAG },
	{ "date", XT_DATE }, { "datetime", XT_DATETIME },
	{ "month", XT_MONTH }
};

static int
cmpxt(const void *a, const void *b)
{
	return strcmp(((const struct xtype *)a)->col,
	    ((const struct xtype *)b)->col);
}

static void
xtadd(char **f, int nf, void *arg)
{
	size_t i;

	(void)arg;
	if (nf < 2)
		return;
	for (i = 0; i < sizeof xtnames / sizeof xtnames[0]; i++)
		if (strcmp(f[1], xtnames[i].name) == 0)
			break;
	if (i == sizeof xtnames / sizeof xtnames[0])
		return;
	xt = xreallocarray(xt, nxt + 1, sizeof *xt);
	xt[nxt].col = xstrdup(f[0]);
	xt[nxt].type = xtnames[i].type;
	nxt++;
}

static void
xtload(void)
{
	xtloaded = 1;
	if (gw_sharetsv("columns-xlsx.tsv", 1, 2, xtadd, NULL) == 0)
		qsort(xt, nxt, sizeof *xt, cmpxt);
}

int
xlsxw_type(const char *canon)
{
	struct xtype key, *hit;

	if (!xtloaded)
		xtload();
	key.col = (char *)canon;
	if (nxt == 0 || !(hit = bsearch(&key, xt, nxt, sizeof *xt, cmpxt)))
		return XT_NONE;
	return hit->type;
}

/* ---- shapes of values ---- */

/*
 * A plain decimal number: optional -, digits, optional . and digits.
 * Returns the number of decimals (0 for none), or -1; *intd gets the
 * digits before the point.
 */
static int
decshape(const char *s, size_t n, size_t *intd)
{
	size_t i = 0, d = 0, f = 0;

	if (i < n && s[i] == '-')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (d == 0)
		return -1;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, f++;
		if (f == 0)
			return -1;
	}
	if (i != n)
		return -1;
	*intd = d;
	return (int)f;
}

int
xlsxw_numlike(const char *s, size_t n)
{
	size_t d;
	const char *p = s;

	if (decshape(s, n, &d) < 0)
		return 0;
	if (*p == '-')
		p++;
	/* a leading 0 (0123, not 0 or 0.5) or 12 or more digits: an
	   identifier whose digits a number would lose */
	return d < 12 && !(p[0] == '0' && d > 1);
}

static int
num2(const char *s, size_t n)
{
	return n == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
	    s[1] <= '9' ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

static int
num4(const char *s)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD[( |T)HH:MM[:SS]] into *dt; want 1 a date alone, 2 a time
   too.  Returns 0 or -1. */
static int
dtshape(const char *s, size_t n, int want, lxw_datetime *dt)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d, leap;

	memset(dt, 0, sizeof *dt);
	if (n < 10 || s[4] != '-' || s[7] != '-' || (y = num4(s)) < 1900 ||
	    (m = num2(s + 5, 2)) < 1 || m > 12 || (d = num2(s + 8, 2)) < 1)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
		return -1;
	dt->year = y, dt->month = m, dt->day = d;
	if (want == 1)
		return n == 10 ? 0 : -1;
	if (n != 16 && n != 19)
		return -1;
	if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
	    (dt->hour = num2(s + 11, 2)) < 0 || dt->hour > 23 ||
	    (dt->min = num2(s + 14, 2)) < 0 || dt->min > 59)
		return -1;
	if (n == 19) {
		int sec;

		if (s[16] != ':' || (sec = num2(s + 17, 2)) < 0 || sec > 59)
			return -1;
		dt->sec = sec;
	}
	return 0;
}

/* Display width of s[0..n): a CJK or other wide character counts 2. */
static double
dispwidth(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	double w = 0;
	unsigned c;

	while (i < n) {
		if (u[i] < 0x80) {
			w += 1, i++;
			continue;
		}
		if (u[i] >= 0xF0 && i + 3 < n) {
			w += 2, i += 4;
			continue;
		}
		if (u[i] >= 0xE0 && i + 2 < n) {
			c = ((u[i] & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) |
			    (u[i + 2] & 0x3Fu);
			/* Hangul Jamo, CJK, Hangul, compatibility forms,
			   full-width forms */
			w += (c >= 0x1100 && c <= 0x115F) ||
			    (c >= 0x2E80 && c <= 0xA4CF) ||
			    (c >= 0xAC00 && c <= 0xD7A3) ||
			    (c >= 0xF900 && c <= 0xFAFF) ||
			    (c >= 0xFE30 && c <= 0xFE4F) ||
			    (c >= 0xFF00 && c <= 0xFF60) ||
			    (c >= 0xFFE0 && c <= 0xFFE6) ? 2 : 1;
			i += 3;
			continue;
		}
		w += 1;
		for (i++; i < n && (u[i] & 0xC0) == 0x80; i++)
			;
	}
	return w;
}

/* ---- the workbook ---- */

static char **tmpnames;		/* workbooks not yet removed */
static size_t ntmpnames;

static void
rmtmp(void)
{
	size_t i;

	for (i = 0; i < ntmpnames; i++)
		if (tmpnames[i])
			unlink(tmpnames[i]);
}

static void
forget(const char *path)
{
	size_t i;

	for (i = 0; i < ntmpnames; i++)
		if (tmpnames[i] == path)
			tmpnames[i] = NULL;
}

static void
newsheet(xlsxw *x)
{
	size_t i;

	x->ws = workbook_add_worksheet(x->wb, NULL);
	if (x->ws == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	x->sheets = xreallocarray(x->sheets, x->nsheets + 1,
	    sizeof *x->sheets);
	x->sheets[x->nsheets++] = x->ws;
	x->row = 0;
	x->nrec = 0;
	if (x->ncol == 0)
		return;
	for (i = 0; i < x->ncol; i++)
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, x->hdr[i],
		    x->bold);
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

xlsxw *
xlsxw_open(int *err)
{
	static int registered;
	lxw_workbook_options opt;
	const char *dir;
	xlsxw *x;
	size_t i;
	int fd;

	x = xcalloc(1, sizeof *x);
	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	x->path = xmalloc(strlen(dir) + 32);
	sprintf(x->path, "%s/gridwork-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(x->path)) < 0) {
		*err = errno;
		free(x->path);
		free(x);
		return NULL;
	}
	close(fd);
	if (!registered) {
		atexit(rmtmp);
		registered = 1;
	}
	tmpnames = xreallocarray(tmpnames, ntmpnames + 1, sizeof *tmpnames);
	tmpnames[ntmpnames++] = x->path;
	memset(&opt, 0, sizeof opt);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)dir;
	opt.use_zip64 = LXW_TRUE;
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
		*err = ENOMEM;
		unlink(x->path);
		forget(x->path);
		free(x->path);
		free(x);
		return NULL;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->money = workbook_add_format(x->wb);
	format_set_num_format(x->money, "0.00");
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->datetime = workbook_add_format(x->wb);
	format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
	for (i = 1; i < 5; i++) {
		static const char *const f[] = { "", "0.0", "0.00", "0.000",
		    "0.0000" };

		x->dec[i] = workbook_add_format(x->wb);
		format_set_num_format(x->dec[i], f[i]);
	}
	return x;
}

void
xlsxw_header(xlsxw *x, const char *const *keys, const char *const *shown,
    size_t n)
{
	size_t i;

	if (x->nsheets > 0 || x->err)	/* one header a workbook */
		return;
	x->hdr = xcalloc(n, sizeof *x->hdr);
	x->type = xcalloc(n, sizeof *x->type);
	x->width = xcalloc(n, sizeof *x->width);
	x->ncol = n;
	for (i = 0; i < n; i++) {
		x->hdr[i] = xstrdup(shown[i]);
		x->type[i] = xlsxw_type(keys[i]);
		/* bold and the filter's button take room */
		x->width[i] = dispwidth(shown[i], strlen(shown[i])) * 1.1 + 3;
	}
	newsheet(x);
}

/*
 * A workbook of several tables (gw-report -o xlsx): a new sheet named
 * name (cut to 31 characters) with the header shown[0..n), every column
 * untyped (a plain number a number, anything else text).  The sheets
 * before it are finished here, each with its own widths.
 */
static void finish(xlsxw *x, lxw_worksheet *ws, lxw_row_t last);

void
xlsxw_sheet(xlsxw *x, const char *name, const char *const *shown, size_t n)
{
	char nm[128];
	size_t i, j, k;

	if (x->err)
		return;
	for (i = 0; i < x->nsheets; i++)
		finish(x, x->sheets[i], x->row > 0 ? x->row - 1 : 0);
	x->nsheets = 0;
	for (i = 0; i < x->ncol; i++)
		free(x->hdr[i]);
	free(x->hdr);
	free(x->type);
	free(x->width);
	x->hdr = xcalloc(n + 1, sizeof *x->hdr);
	x->type = xcalloc(n + 1, sizeof *x->type);
	x->width = xcalloc(n + 1, sizeof *x->width);
	x->ncol = n;
	for (i = 0; i < n; i++) {
		x->hdr[i] = xstrdup(shown[i]);
		x->width[i] = dispwidth(shown[i], strlen(shown[i])) * 1.1 + 3;
	}
	/* 31 characters, none of []:*?/\ */
	for (i = j = k = 0; name[i] && k < 31 && j + 4 < sizeof nm; i++) {
		if (strchr("[]:*?/\\", name[i]))
			continue;
		if (((unsigned char)name[i] & 0xC0) != 0x80)
			k++;
		nm[j++] = name[i];
	}
	while (name[i] && ((unsigned char)name[i] & 0xC0) == 0x80 &&
	    j + 1 < sizeof nm)
		nm[j++] = name[i++];
	nm[j] = '\0';
	x->ws = workbook_add_worksheet(x->wb, nm);
	if (x->ws == NULL) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return;
	}
	x->sheets = xreallocarray(x->sheets, x->nsheets + 1,
	    sizeof *x->sheets);
	x->sheets[x->nsheets++] = x->ws;
	x->row = 0;
	x->nrec = 0;
	for (i = 0; i < n; i++)
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, x->hdr[i],
		    x->bold);
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

/* The text cell s[0..n), cut to a spreadsheet's limit at a character. */
static void
textcell(xlsxw *x, lxw_col_t c, const char *s, size_t n)
{
	if (n > MAXCELL) {
		n = MAXCELL;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	sbuf_reset(&x->tmp);
	sbuf_add(&x->tmp, s, n);
	if (worksheet_write_string(x->ws, x->row, c, x->tmp.s, NULL) !=
	    LXW_NO_ERROR && !x->err)
		x->err = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
}

static void
numcell(xlsxw *x, lxw_col_t c, const char *s, size_t n, lxw_format *f)
{
	sbuf_reset(&x->tmp);
	sbuf_add(&x->tmp, s, n);
	worksheet_write_number(x->ws, x->row, c, strtod(x->tmp.s, NULL), f);
}

void
xlsxw_cell(xlsxw *x, const char *s, size_t n)
{
	lxw_col_t c = (lxw_col_t)x->col;
	lxw_datetime dt;
	size_t d;
	int type, dec;
	double w;

	x->col++;
	if (x->err || c >= LXW_COL_MAX)
		return;
	if (x->ws == NULL) {	/* records with no header */
		newsheet(x);
		if (x->err)
			return;
	}
	if (n == 0)
		return;
	type = c < x->ncol ? x->type[c] : XT_NONE;
	w = 0;
	switch (type) {
	case XT_MONEY:
		if ((dec = decshape(s, n, &d)) < 0)
			goto text;
		numcell(x, c, s, n, x->money);
		w = (double)d + 4;
		break;
	case XT_DATE:
	case XT_DATETIME:
		if (dtshape(s, n, type == XT_DATE ? 1 : 2, &dt) < 0)
			goto text;
		worksheet_write_datetime(x->ws, x->row, c, &dt,
		    type == XT_DATE ? x->date : x->datetime);
		w = type == XT_DATE ? 11 : 20;
		break;
	case XT_CODE:
	case XT_TEXT:
	case XT_MONTH:
		goto text;
	case XT_NUM:
	case XT_COUNT:
	case XT_FLAG:
		if ((dec = decshape(s, n, &d)) < 0 || d >= 16)
			goto text;
		numcell(x, c, s, n, dec > 0 ? x->dec[dec < 4 ? dec : 4] :
		    NULL);
		w = (double)n + 1;
		break;
	default:
		if (!xlsxw_numlike(s, n))
			goto text;
		dec = decshape(s, n, &d);
		numcell(x, c, s, n, dec > 0 ? x->dec[dec < 4 ? dec : 4] :
		    NULL);
		w = (double)n + 1;
		break;
	text:
		textcell(x, c, s, n);
		w = dispwidth(s, n) + 1;
		break;
	}
	if (c < x->ncol && w > x->width[c])
		x->width[c] = w;
}

void
xlsxw_endrec(xlsxw *x)
{
	x->col = 0;
	if (x->err)
		return;
	if (x->ws == NULL)	/* an empty record before any header */
		newsheet(x);
	x->row++;
	x->nrec++;
	if (x->row == MAXROWS)
		x->ws = NULL, newsheet(x);
}

/* Finishes a sheet: widths, and the filter over the header and data. */
static void
finish(xlsxw *x, lxw_worksheet *ws, lxw_row_t last)
{
	size_t i;
	double w;

	for (i = 0; i < x->ncol; i++) {
		w = x->width[i] < MAXWIDTH ? x->width[i] : MAXWIDTH;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
	}
	if (x->ncol > 0)
		worksheet_autofilter(ws, 0, 0, last, (lxw_col_t)(x->ncol - 1));
}

int
xlsxw_close(xlsxw *x, FILE *fp)
{
	char buf[65536];
	lxw_error e;
	FILE *in;
	size_t i, n;
	int err = 0;

	if (x->nsheets == 0 && !x->err)
		newsheet(x);	/* an empty table: an empty sheet */
	for (i = 0; i < x->nsheets; i++)
		finish(x, x->sheets[i], i + 1 < x->nsheets ? MAXROWS - 1 :
		    (x->row > 0 ? x->row - 1 : 0));
	e = workbook_close(x->wb);
	if (x->err == 0 && e != LXW_NO_ERROR)
		x->err = (int)e;
	if (x->err)
		err = x->err == LXW_ERROR_MEMORY_MALLOC_FAILED ? ENOMEM : EIO;
	else if ((in = fopen(x->path, "rb")) == NULL)
		err = errno;
	else {
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			if (fwrite(buf, 1, n, fp) != n) {
				err = errno ? errno : EIO;
				break;
			}
		if (!err && ferror(in))
			err = EIO;
		fclose(in);
	}
	unlink(x->path);
	forget(x->path);
	free(x->path);
	for (i = 0; i < x->ncol; i++)
		free(x->hdr[i]);
	free(x->hdr);
	free(x->type);
	free(x->width);
	free(x->sheets);
	sbuf_free(&x->tmp);
	free(x);
	return err;
}
