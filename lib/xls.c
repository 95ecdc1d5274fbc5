/*
 * xls.c — legacy .xls workbooks (BIFF in an OLE2 compound file) read as
 * tables through freexl, which decodes the strings to UTF-8 and the
 * dates (1900 or 1904) to ISO text itself.  freexl reads the whole file
 * when it opens it: an .xls holds at most 65,536 rows, so that is
 * bounded.  The rows go through wb_src() (xlsx.c) like those of a .xlsx.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <freexl.h>

#include "gridwork.h"

struct xls {
	const void *h;		/* freexl's handle */
	unsigned int nrows, r;	/* rows of the sheet, the next one */
	unsigned short ncols;
	struct wb_row row;
	char why[256];
};

static int
xlsnext(void *arg, struct wb_row **row, const char **why)
{
	struct xls *x = arg;
	FreeXL_CellValue v;
	unsigned short c;
	char num[64];
	const char *s;
	int isnum;

	for (; x->r < x->nrows; x->r++) {
		wb_row_reset(&x->row, (long)x->r + 1);
		for (c = 0; c < x->ncols; c++) {
			if (freexl_get_cell_value(x->h, x->r, c, &v) !=
			    FREEXL_OK)
				continue;
			isnum = 0;
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof num, "%d", v.value.int_value);
				s = num;
				isnum = 1;
				break;
			case FREEXL_CELL_DOUBLE: {
				double d = v.value.double_value;

				/* as Excel shows it in General */
				if (d == floor(d) && fabs(d) < 1e15)
					snprintf(num, sizeof num, "%.0f", d);
				else
					snprintf(num, sizeof num, "%.15G", d);
				s = num;
				isnum = 1;
				break;
			}
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
			case FREEXL_CELL_TIME:
				s = v.value.text_value ? v.value.text_value : "";
				break;
			default:
				continue;
			}
			if (!utf8_valid(s, strlen(s))) {
				snprintf(x->why, sizeof x->why, "row %u: a cell "
				    "that is not valid text", x->r + 1);
				*why = x->why;
				return -1;
			}
			wb_row_add(&x->row, c, s, strlen(s), isnum);
		}
		if (x->row.n > 0) {
			x->r++;
			*row = &x->row;
			return 1;
		}
	}
	return 0;
}

static void
xlsclose(void *arg)
{
	struct xls *x = arg;

	if (x->h)
		freexl_close(x->h);
	wb_row_free(&x->row);
	free(x);
}

csvr *
xls_open(const char *path, const char *file, const struct csvr_opt *o,
    const char **why)
{
	static char buf[1100];
	struct wb_reader rd;
	struct sbuf b = {0}, name = {0};
	const char *want = o ? o->sheet : NULL, *sn;
	unsigned int nsh = 0, i;
	struct xls *x;
	long k = -1;
	char *end;
	csvr *r;
	int rc;

	x = xcalloc(1, sizeof *x);
	if ((rc = freexl_open(path, &x->h)) != FREEXL_OK) {
		snprintf(buf, sizeof buf, "%s: not a readable .xls workbook "
		    "(freexl error %d)", file, rc);
		goto fail;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &nsh) != FREEXL_OK ||
	    nsh == 0) {
		snprintf(buf, sizeof buf, "%s: no sheet in the workbook", file);
		goto fail;
	}
	if (!want)
		k = 0;
	for (i = 0; want && i < nsh && k < 0; i++)
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &sn) ==
		    FREEXL_OK && sn && strcmp(sn, want) == 0)
			k = (long)i;
	if (k < 0) {
		k = strtol(want, &end, 10);
		if (!*want || *end || k < 1 || (unsigned long)k > nsh) {
			for (i = 0; i < nsh; i++)
				if (freexl_get_worksheet_name(x->h,
				    (unsigned short)i, &sn) == FREEXL_OK)
					sbuf_addf(&b, "%s'%s'", i ? ", " : "",
					    sn ? sn : "");
			snprintf(buf, sizeof buf, "%s: no sheet '%s' (the "
			    "workbook has %s)", file, want, b.s ? b.s : "none");
			sbuf_free(&b);
			goto fail;
		}
		k--;
	}
	if (freexl_select_active_worksheet(x->h, (unsigned short)k) !=
	    FREEXL_OK || freexl_worksheet_dimensions(x->h, &x->nrows,
	    &x->ncols) != FREEXL_OK) {
		snprintf(buf, sizeof buf, "%s: cannot read sheet %ld", file,
		    k + 1);
		goto fail;
	}
	if (freexl_get_worksheet_name(x->h, (unsigned short)k, &sn) !=
	    FREEXL_OK || !sn)
		sn = "";
	sbuf_addf(&name, "%s:%s", file, sn);
	rd.next = xlsnext;
	rd.close = xlsclose;
	rd.arg = x;
	r = wb_src(name.s, &rd, o, why);
	sbuf_free(&name);
	return r;
fail:
	utf8_clip(buf, sizeof buf);
	*why = buf;
	xlsclose(x);
	return NULL;
}
