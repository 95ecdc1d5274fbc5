/*
 * gw-csv — convert tables: any supported encoding (UTF-8, GB18030,
 * UTF-16) and CSV or TSV in; CSV, TSV or JSON Lines out, in UTF-8;
 * headers canonical (the default), as written (-H) or Chinese (--zh);
 * columns chosen with -c.
 *
 * Later inputs are matched to the first one's columns by name, so files
 * exported with the columns in another order concatenate correctly; an
 * input that lacks one of them, or has one more, is a fatal error.
 * Bad rows (ragged, NUL byte, invalid UTF-8, unterminated quote) are
 * reported and left out; the exit status is then 1.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-csv [-H] [-c COL,...] [-E ENC] [-i csv|tsv] "
    "[-o csv|tsv|jsonl|xlsx]\n"
    "              [-r FILE] [--zh] [--excel] [FILE ...]\n";

struct conv {
	csvw *w;
	char **cols;		/* -c names, or NULL */
	size_t ncols;
	char **out;		/* output column names, from the first input */
	size_t nout;
	int *idx;		/* input column of each output column */
	const char *first;	/* name of the input that set the columns */
	long n;			/* rows written, for the error check */
};

/* Splits "a,b,c" into names. */
static char **
splitcols(const char *s, size_t *n)
{
	char **v = NULL, *copy, *p, *q;
	size_t k = 0;

	copy = xstrdup(s);
	for (p = copy; ; p = q + 1) {
		if ((q = strchr(p, ',')))
			*q = '\0';
		if (*p == '\0')
			gw_usage(usage_text);
		v = xreallocarray(v, k + 1, sizeof *v);
		v[k++] = xstrdup(p);
		if (!q)
			break;
	}
	free(copy);
	*n = k;
	return v;
}

static int
onhdr(csvr *r, void *arg)
{
	struct conv *c = arg;
	const char *const *h = csvr_header(r);
	size_t i, j, nc = csvr_ncols(r);
	int k;

	if (nc == 0)		/* an empty input: no columns, no rows */
		return 0;
	if (!c->out) {
		if (c->cols) {
			c->nout = c->ncols;
			c->out = xcalloc(c->nout, sizeof *c->out);
			for (i = 0; i < c->ncols; i++) {
				if ((k = csvr_col(r, c->cols[i])) < 0) {
					warn("%s: unknown column '%s'",
					    csvr_name(r), c->cols[i]);
					return -1;
				}
				c->out[i] = xstrdup(h[k]);
			}
		} else {
			c->nout = nc;
			c->out = xcalloc(nc, sizeof *c->out);
			for (i = 0; i < nc; i++)
				c->out[i] = xstrdup(h[i]);
		}
		c->first = xstrdup(csvr_name(r));
		c->idx = xcalloc(c->nout, sizeof *c->idx);
		csvw_header(c->w, (const char *const *)c->out, c->nout);
		if (!c->cols) {
			for (i = 0; i < nc; i++)
				c->idx[i] = (int)i;
			return 0;
		}
	}
	for (i = 0; i < c->nout; i++)
		if ((c->idx[i] = csvr_col(r, c->out[i])) < 0) {
			warn("%s: no column '%s' (as in %s)", csvr_name(r),
			    c->out[i], c->first);
			return -1;
		}
	if (!c->cols && nc != c->nout) {
		/* name the first column the first input did not have */
		for (i = 0; i < nc; i++) {
			for (j = 0; j < c->nout; j++)
				if ((size_t)c->idx[j] == i)
					break;
			if (j == c->nout)
				break;
		}
		warn("%s: column '%s' is not in %s", csvr_name(r),
		    i < nc ? h[i] : "", c->first);
		return -1;
	}
	return 0;
}

static int
onrec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct conv *c = arg;
	size_t i;
	int k;

	(void)r;
	for (i = 0; i < c->nout; i++) {
		k = c->idx[i];
		csvw_field(c->w, rec->f[k], rec->len[k]);
	}
	csvw_endrec(c->w);
	/* a full disk or a closed file: stop now, not at the end */
	if ((++c->n & 1023) == 0 && csvw_error(c->w))
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_INPUT, GW_LO_HELP,
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	struct gw_run run;
	struct csvr_opt ro;
	struct conv c;
	int ch, status, st, raw = 0;
	size_t i;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&run, 0, sizeof run);
	run.keepinvisible = 1;	/* a converter: every byte as it came */
	memset(&c, 0, sizeof c);
	while ((ch = gw_getopt(argc, argv, "c:E:Hhi:o:r:", longopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case 'c':
			c.cols = splitcols(optarg, &c.ncols);
			break;
		case 'H':
			raw = 1;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	ro = gw_inopt(&o);
	ro.raw_header = raw;
	run.rejects_path = o.rejects;
	c.w = gw_out(&o, stdout);
	status = gw_loop(&run, argc, argv, &ro, onhdr, onrec, &c) < 0 ?
	    GW_FATAL : GW_OK;
	st = gw_end(&run, c.w);
	if (st > status)
		status = st;
	for (i = 0; i < c.ncols; i++)
		free(c.cols[i]);
	free(c.cols);
	for (i = 0; i < c.nout; i++)
		free(c.out[i]);
	free(c.out);
	free(c.idx);
	free((char *)c.first);
	gw_exit(status);
}
