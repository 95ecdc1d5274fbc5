/*
 * gw-id — validate the citizen identity numbers of one column.
 *
 * Every good row of the input is passed through with five columns
 * appended: id_valid (1 or 0), id_error (the reason, empty when valid),
 * birth (YYYY-MM-DD), sex (male or female) and age (full years at
 * --as-of, empty without it); birth, sex and age stay empty for an
 * invalid number, since nothing read from it can be trusted.  --upgrade
 * writes the normalised 18-character form of every valid number in
 * place (15 digits upgraded, x -> X, full-width folded); --mask writes
 * the masked form instead, so that nothing this command writes holds a
 * whole number.
 *
 * An invalid number is a problem to fix, so its row, though passed
 * through to stdout, is also reported on stderr as
 * "FILE:LINE: column 'id_number': reason" and written to the -r file
 * (masked under --mask), and the exit status is 1.  Rows the reader
 * rejects (ragged, bad encoding) are rejects as everywhere and are not
 * passed through.  A missing column is a usage error: exit 2.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-id [-c COL] [--as-of DATE] [--mask] [--upgrade] [-E ENC]\n"
    "             [-o csv|tsv|jsonl|xlsx] [-r FILE] [--zh] [--excel] [FILE ...]\n";

enum { OPT_MASK = OPT_CMD, OPT_UPGRADE };

/* The appended columns, in order. */
static const char *const added[] = { "id_valid", "id_error", "birth",
    "sex", "age" };
#define NADDED (sizeof added / sizeof added[0])

struct idrun {
	struct gw_run *run;
	const struct gw_opts *o;
	const char *want;	/* -c as given */
	int mask;		/* --mask */
	int upgrade;		/* --upgrade */
	long asof;		/* --as-of day, or -1 */
	csvw *w;		/* stdout, opened with the first header */
	char **hdr;		/* the first file's header (canonical) */
	size_t nhdr;
	const char *firstname;	/* the first file, for messages */
	int col;		/* the id column of the current file */
	char **f;		/* output row: nhdr + NADDED fields */
	size_t *len;
	struct sbuf val;	/* the id field as written */
};

/*
 * Finds the id column of r and checks r has the columns of the first
 * input, whose header it keeps; 0, or -1 having said why.
 */
static int
hdr_check(struct idrun *ir, csvr *r)
{
	const char *const *h = csvr_header(r);
	size_t n = csvr_ncols(r), i;

	/* an empty file has no columns and no rows: nothing to look for */
	if (n == 0) {
		ir->col = -1;
		return 0;
	}
	ir->col = csvr_col(r, alias_canon(ir->want));
	if (ir->col < 0) {
		warn("%s: no column '%s'", csvr_name(r), ir->want);
		return -1;
	}
	if (ir->hdr) {
		for (i = 0; i < n && i < ir->nhdr; i++)
			if (strcmp(h[i], ir->hdr[i]) != 0)
				break;
		if (n != ir->nhdr || i < n) {
			warn("%s: columns differ from those of %s",
			    csvr_name(r), ir->firstname);
			return -1;
		}
		return 0;
	}
	ir->nhdr = n;
	ir->hdr = xreallocarray(NULL, n, sizeof *ir->hdr);
	for (i = 0; i < n; i++)
		ir->hdr[i] = xstrdup(h[i]);
	ir->firstname = xstrdup(csvr_name(r));
	ir->f = xreallocarray(NULL, n + NADDED, sizeof *ir->f);
	ir->len = xreallocarray(NULL, n + NADDED, sizeof *ir->len);
	return 0;
}

/*
 * Reads the header of every named regular file before anything is
 * written, so that a missing column or a file with other columns ends
 * the run with stdout and the rejects file untouched.  stdin and pipes
 * cannot be read twice: they are checked as they come.  A file that
 * cannot be opened is left for gw_loop() to report in its turn.
 */
static int
precheck(struct idrun *ir, int argc, char **argv, const struct csvr_opt *ro)
{
	struct stat st;
	const char *why;
	csvr *r;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 || stat(argv[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if ((r = csvr_open(argv[i], ro, &why)) == NULL)
			continue;
		rc = hdr_check(ir, r);
		csvr_close(r);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
on_header(csvr *r, void *arg)
{
	struct idrun *ir = arg;
	const char *names[512], **pn;
	size_t n, i;

	if (hdr_check(ir, r) < 0)
		return -1;
	if (ir->w || ir->nhdr == 0)
		return 0;

	n = ir->nhdr;
	pn = n + NADDED <= sizeof names / sizeof names[0] ? names :
	    xreallocarray(NULL, n + NADDED, sizeof *pn);
	for (i = 0; i < n; i++)
		pn[i] = ir->hdr[i];
	for (i = 0; i < NADDED; i++)
		pn[n + i] = added[i];
	ir->w = gw_out(ir->o, stdout);
	csvw_header(ir->w, pn, n + NADDED);
	if (pn != names)
		free(pn);
	return 0;
}

static int
on_record(csvr *r, struct gw_rec *rec, void *arg)
{
	struct idrun *ir = arg;
	struct idno id;
	struct gw_rec rj;
	const char *why, *in = "";
	char birth[11], masked[19], age[16];
	size_t n = rec->nf, inlen = 0, i;
	int bad;

	if ((size_t)ir->col < n) {
		in = rec->f[ir->col];
		inlen = rec->len[ir->col];
	}
	bad = idno_parse(in, inlen, ir->asof, &id, &why) != 0;

	for (i = 0; i < n; i++) {
		ir->f[i] = rec->f[i];
		ir->len[i] = rec->len[i];
	}
	sbuf_reset(&ir->val);
	if (ir->mask) {
		if (!bad) {
			idno_mask(id.s, masked);
			sbuf_adds(&ir->val, masked);
		} else
			idno_mask_raw(in, inlen, &ir->val);
	} else if (ir->upgrade && !bad)
		sbuf_adds(&ir->val, id.s);
	else
		sbuf_add(&ir->val, in, inlen);
	if ((size_t)ir->col < n) {
		ir->f[ir->col] = ir->val.s;
		ir->len[ir->col] = ir->val.len;
	}

	birth[0] = age[0] = '\0';
	if (!bad) {
		date_fmt(day_from_ymd(id.year, id.mon, id.day), birth);
		if (ir->asof >= 0)
			snprintf(age, sizeof age, "%d", idno_age(&id, ir->asof));
	}
	ir->f[n] = bad ? "0" : "1";
	ir->f[n + 1] = bad ? (char *)why : "";
	ir->f[n + 2] = birth;
	ir->f[n + 3] = bad ? "" : id.male ? "male" : "female";
	ir->f[n + 4] = age;
	for (i = n; i < n + NADDED; i++)
		ir->len[i] = strlen(ir->f[i]);
	csvw_row(ir->w, ir->f, ir->len, n + NADDED);
	if (!bad)
		return 0;

	/*
	 * Passed through, and reported as a problem.  The rejects file gets
	 * the row as written out: an invalid number is never upgraded, so
	 * that is the row as read, but masked under --mask.
	 */
	rj = *rec;
	rj.f = ir->f;
	rj.len = ir->len;
	gw_reject(ir->run, csvr_name(r), rec->line, csvr_header(r)[ir->col],
	    &rj, "%s", why);
	return 1;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "mask", no_argument, 0, OPT_MASK },
		{ "upgrade", no_argument, 0, OPT_UPGRADE },
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{ 0 }
	};
	struct gw_opts o;
	struct gw_run run;
	struct idrun ir;
	struct csvr_opt ro;
	int c, status;
	size_t i;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&run, 0, sizeof run);
	memset(&ir, 0, sizeof ir);
	ir.want = "id_number";
	ir.asof = -1;
	/* grown once, so that .s is never NULL, even when empty */
	sbuf_add(&ir.val, "", 0);

	while ((c = gw_getopt(argc, argv, "c:E:ho:r:", longopts, &o,
	    usage_text)) != -1) {
		switch (c) {
		case 'c':
			ir.want = optarg;
			break;
		case OPT_MASK:
			ir.mask = 1;
			break;
		case OPT_UPGRADE:
			ir.upgrade = 1;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (*ir.want == '\0')
		die("-c: empty column name");
	if (o.as_of && (asof_parse(o.as_of, &ir.asof) < 0 || ir.asof < 0))
		die("--as-of: bad date '%s' (want YYYY-MM-DD, 1970 or later)",
		    o.as_of);

	ir.run = &run;
	ir.o = &o;
	run.rejects_path = o.rejects;
	ro = gw_inopt(&o);
	if (precheck(&ir, argc, argv, &ro) < 0)
		gw_exit(GW_FATAL);
	c = gw_loop(&run, argc, argv, &ro, on_header, on_record, &ir);
	status = gw_end(&run, ir.w);
	if (c < 0)
		status = GW_FATAL;
	for (i = 0; i < ir.nhdr; i++)
		free(ir.hdr[i]);
	free(ir.hdr);
	free((char *)ir.firstname);
	free(ir.f);
	free(ir.len);
	sbuf_free(&ir.val);
	gw_exit(status);
}
