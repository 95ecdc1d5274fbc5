/*
 * input.c — the shared input driver (after mblaze's blaze822_loop): every
 * command reads files, stdin, headers, encodings and bad rows the same
 * way, and every rejected row is said on stderr as
 * `FILE:LINE: column 'x': reason` and kept in the -r file, so that rows
 * in = rows accepted + rows rejected, always.
 *
 * The rejects file is CSV: file,line,column,reason, then the first
 * input's header; each rejected row is those four and its own fields.
 * It is begun as soon as the first input with columns is open (or at
 * the end), so a run without rejects leaves a header-only file rather
 * than a stale one.  It is written owner-only under a temporary name
 * and takes its own name when the run ends (outfile.c): a run that dies
 * leaves the previous file as it was, and -r can never overwrite the
 * store or an input.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static int
openrej(struct gw_run *run)
{
	static const char *const fixed[] = {"file", "line", "column", "reason"};
	const char **names, *why;
	size_t i, n = 4 + run->nrhdr;

	if (run->rejects || run->rejfail)
		return run->rejects ? 0 : -1;
	/* owner-only: it holds whole rows, identity numbers and all */
	if ((run->rejects = gw_ofile_open(&run->rejof, run->rejects_path, 1,
	    &why)) == NULL) {
		warn("cannot create rejects file '%s': %s",
		    run->rejects_path, why);
		run->rejfail = 1;
		return -1;
	}
	run->rejw = csvw_open(run->rejects, FMT_CSV, 0);
	names = xcalloc(n, sizeof *names);
	for (i = 0; i < 4; i++)
		names[i] = fixed[i];
	for (i = 0; i < run->nrhdr; i++)
		names[4 + i] = run->rhdr[i];
	csvw_header(run->rejw, names, n);
	free(names);
	return 0;
}

int
gw_bind(csvr *r, const char *file, const char *const *names, int n,
    int nreq, int *idx, const char *what)
{
	int i;

	for (i = 0; i < n; i++) {
		idx[i] = csvr_col(r, names[i]);
		if (idx[i] < 0 && i < nreq) {
			gw_missing(r, file, names[i], what);
			return -1;
		}
	}
	return 0;
}

void
gw_missing(csvr *r, const char *file, const char *name, const char *what)
{
	struct sbuf b = {0};
	size_t i;

	sbuf_addf(&b, "%s: missing column '%s'", file, name);
	if (what)
		sbuf_addf(&b, " (%s)", what);
	sbuf_adds(&b, "; headers seen: ");
	for (i = 0; i < csvr_ncols(r); i++)
		sbuf_addf(&b, "%s'%s'", i ? ", " : "", csvr_header(r)[i]);
	if (csvr_ncols(r) == 0)
		sbuf_adds(&b, "none");
	sbuf_adds(&b, "; names accepted: ");
	alias_names(alias_canon(name), &b);
	warn("%s", b.s);
	sbuf_free(&b);
}

void
gw_run_header(struct gw_run *run, const char *const *names, size_t n)
{
	size_t j;

	if (run->rhdrset)
		return;
	run->rhdrset = 1;
	run->nrhdr = n;
	run->rhdr = xcalloc(n ? n : 1, sizeof *run->rhdr);
	for (j = 0; j < n; j++)
		run->rhdr[j] = xstrdup(names[j]);
}

void
gw_reject(struct gw_run *run, const char *file, long line, const char *col,
    const struct gw_rec *rec, const char *fmt, ...)
{
	/* one reject at a time: event-report counts on two threads */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct sbuf why;
	va_list ap;
	size_t i;

	pthread_mutex_lock(&lock);
	sbuf_reset(&why);
	va_start(ap, fmt);
	sbuf_vaddf(&why, fmt, ap);
	va_end(ap);

	run->nrej++;
	if (!run->quiet) {
		if (col)
			warn("%s%c%ld: column '%s': %s", file,
			    GW_LINESEP(file), line, col, why.s);
		else
			warn("%s%c%ld: %s", file, GW_LINESEP(file), line,
			    why.s);
	}
	if (!run->rejects_path || openrej(run) < 0) {
		pthread_mutex_unlock(&lock);
		return;
	}
	csvw_field(run->rejw, file, (size_t)-1);
	csvw_fieldf(run->rejw, "%ld", line);
	csvw_field(run->rejw, col ? col : "", (size_t)-1);
	csvw_field(run->rejw, why.s, why.len);
	if (rec)
		for (i = 0; i < rec->nf; i++)
			csvw_field(run->rejw, rec->f[i], rec->len[i]);
	csvw_endrec(run->rejw);
	pthread_mutex_unlock(&lock);
}

/*
 * The identifier columns of share/sql/columns.tsv (type id: worker_id,
 * event_id, household_id, ...): an invisible character inside one (a
 * BOM pasted into a worker id) would make a second key, so it is a
 * rejected value.  Codes, numbers and dates refuse it by their own
 * checks; free text keeps its own.
 */
static void
addstrict(char **f, int nf, void *arg)
{
	/* codes, numbers and dates refuse any stray character already;
	   an identifier takes what it is given */
	if (nf >= 3 && strcmp(f[2], "id") == 0)
		strtab_add(arg, f[1], strlen(f[1]), NULL);
}

static strtab *
strictcols(void)
{
	static strtab *t;
	static int tried;

	if (tried)
		return t;
	tried = 1;
	t = strtab_new();
	if (gw_sharetsv("sql/columns.tsv", 0, 4, addstrict, t) < 0) {
		strtab_free(t);	/* gw-load says so; the rest check less */
		t = NULL;
	}
	return t;
}

/* Rejects rec when a key column holds an invisible character; 1 then. */
static int
invisible(struct gw_run *run, csvr *r, const struct gw_rec *rec,
    const unsigned char *strict)
{
	const char *const *h = csvr_header(r);
	size_t i, j, at, len, nf = csvr_ncols(r);
	uint64_t w, hi;
	long cp;

	if (nf > rec->nf)
		nf = rec->nf;
	for (i = 0; i < nf; i++) {
		if (!strict[i])
			continue;
		/* ASCII has nothing invisible: eight bytes at a time, the
		   last eight overlapping the rest */
		len = rec->len[i];
		hi = 0;
		if (len >= 8) {
			for (j = 0; j + 8 <= len; j += 8) {
				memcpy(&w, rec->f[i] + j, 8);
				hi |= w;
			}
			memcpy(&w, rec->f[i] + len - 8, 8);
			hi |= w;
		} else
			for (j = 0; j < len; j++)
				hi |= (unsigned char)rec->f[i][j];
		if (!(hi & UINT64_C(0x8080808080808080)))
			continue;
		if ((cp = utf8_invisible(rec->f[i], rec->len[i], &at,
		    &len)) != 0) {
			gw_reject(run, csvr_name(r), rec->line, h[i], rec,
			    "invisible character U+%04lX", cp);
			return 1;
		}
	}
	return 0;
}

int
gw_loop_reader(struct gw_run *run, csvr *r, gw_hdr_fn *hdr, gw_rec_fn *fn,
    void *arg)
{
	struct gw_rec rec;
	strtab *sc = run->keepinvisible ? NULL : strictcols();
	unsigned char *strict = NULL;
	size_t c;
	int k, anystrict = 0;

	if (!run->rhdrset && !run->mixed && csvr_ncols(r) > 0)
		gw_run_header(run, csvr_header(r), csvr_ncols(r));
	if (run->rejects_path && (run->rhdrset || run->mixed) &&
	    openrej(run) < 0)
		goto fail;
	if (hdr && hdr(r, arg) < 0)
		goto fail;
	strict = xcalloc(csvr_ncols(r) + 1, 1);
	for (c = 0; sc && c < csvr_ncols(r); c++) {
		const char *name = csvr_header(r)[c];

		strict[c] = strtab_find(sc, name, strlen(name)) >= 0;
		anystrict |= strict[c];
	}
	while ((k = csvr_next(r, &rec)) != CSVR_EOF) {
		if (k == CSVR_ERR) {
			warn("%s: %s", csvr_name(r), csvr_why(r));
			goto fail;
		}
		run->nread++;
		if (k == CSVR_BAD) {
			gw_reject(run, csvr_name(r), rec.line, NULL, &rec,
			    "%s", csvr_why(r));
			continue;
		}
		if (anystrict && invisible(run, r, &rec, strict))
			continue;
		if ((k = fn(r, &rec, arg)) < 0)
			goto fail;
		if (k == 0)
			run->nok++;
	}
	free(strict);
	csvr_close(r);
	return 0;
fail:
	free(strict);
	csvr_close(r);
	return -1;
}

int
gw_loop(struct gw_run *run, int argc, char **argv,
    const struct csvr_opt *o, gw_hdr_fn *hdr, gw_rec_fn *fn, void *arg)
{
	static char dash[] = "-";
	static char *stdinv[] = {dash, NULL};
	const char *why;
	csvr *r;
	int i;

	if (argc <= 0) {
		argc = 1;
		argv = stdinv;
	}
	for (i = 0; i < argc; i++) {
		if ((r = csvr_open(argv[i], o, &why)) == NULL) {
			warn("%s", why);
			return -1;
		}
		if (gw_loop_reader(run, r, hdr, fn, arg) < 0)
			return -1;
	}
	return 0;
}

int
gw_run_end(struct gw_run *run)
{
	int status = run->nrej > 0 ? GW_REJECTS : GW_OK;
	size_t i;

	/* only empty inputs: still leave a rejects file, header only */
	if (run->rejects_path && !run->rejects && !run->rejfail)
		openrej(run);
	if (run->rejects) {
		if (csvw_close(run->rejw) != 0) {
			warn("write error: %s:", run->rejects_path);
			gw_ofile_discard(&run->rejof);
			status = GW_FATAL;
		} else if (gw_ofile_commit(&run->rejof) < 0)
			status = GW_FATAL;
		run->rejects = NULL;
		run->rejw = NULL;
	}
	if (run->rejfail)
		status = GW_FATAL;
	for (i = 0; i < run->nrhdr; i++)
		free(run->rhdr[i]);
	free(run->rhdr);
	run->rhdr = NULL;
	run->nrhdr = 0;
	run->rhdrset = 0;
	return status;
}

int
gw_end(struct gw_run *run, csvw *out)
{
	int status, bad = 0;

	if (out && csvw_close(out) < 0) {
		warn("write error: stdout:");
		bad = 1;
	}
	if (run->nrej > 0)
		warn("%ld of %ld rows rejected", run->nrej, run->nread);
	status = gw_run_end(run);
	return bad ? GW_FATAL : status;
}
