/*
 * csvr.c — fuzz harness of the record reader (lib/csvr.c) and the input
 * driver (lib/input.c).
 *
 * Input: two option bytes, then the file.
 *   byte 0: bits 0-1 encoding (ENC_AUTO, UTF8, GB18030, UTF16),
 *           bits 2-3 format (FMT_AUTO, CSV, TSV, AUTO),
 *           bits 4-5 file name ("in", "in.csv", "in.tsv", "in.tab": the
 *           extension decides FMT_AUTO), bit 6 raw_header;
 *   byte 1: bit 0 read it as stdin ("-"), bit 1 then read it again
 *           through gw_loop() with a rejects file, bit 2 there the
 *           callback rejects every other good record itself.
 *
 * Checked: a good record has as many fields as the header, each valid
 * UTF-8 without NUL and len[i] == strlen(f[i]); every record has
 * fields' pointers and lengths that can be read; a good CSV field not
 * decoded from GB18030 or UTF-16 is in the input (verbatim()); record
 * lines start at
 * 1 and never go back; every header name finds its own column; through
 * gw_loop, read == accepted + rejected, and the rejects file reads back
 * with one record per rejected row.
 */
#include <fcntl.h>

#include "fuzz.h"

static const char *const names[] = {"in", "in.csv", "in.tsv", "in.tab"};

/* The file as given, for "a good field is in it". */
static const char *input;
static size_t ninput;

/*
 * A field of a good CSV record that was not decoded (UTF-8, or ASCII
 * so far) is in the input as it stands, or quoted with its quotes
 * doubled: the reader never makes up bytes, nor drops any from a
 * record it calls good.
 */
static int
within(const char *h, size_t hn, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + n <= hn; i++)
		if (h[i] == s[0] && memcmp(h + i, s, n) == 0)
			return 1;
	return 0;
}

static int
verbatim(const char *f, size_t n)
{
	struct sbuf q = {0};
	size_t i;
	int found;

	if (n == 0 || within(input, ninput, f, n))
		return 1;
	for (i = 0; i < n; i++) {
		if (f[i] == '"')
			sbuf_addc(&q, '"');
		sbuf_addc(&q, f[i]);
	}
	found = within(input, ninput, q.s, q.len);
	sbuf_free(&q);
	return found;
}

static void
checkrec(csvr *r, const struct gw_rec *rec, int k, long *last)
{
	size_t i;

	if (rec->line < 1 || rec->line < *last)
		fuzz_fail("record line %ld after line %ld", rec->line, *last);
	*last = rec->line;
	for (i = 0; i < rec->nf; i++) {
		if (!rec->f[i])
			fuzz_fail("line %ld: field %zu is NULL", rec->line, i);
		if (strlen(rec->f[i]) != rec->len[i])
			fuzz_fail("line %ld: field %zu: len %zu, strlen %zu",
			    rec->line, i, rec->len[i], strlen(rec->f[i]));
		if (k == CSVR_REC && !utf8_valid(rec->f[i], rec->len[i]))
			fuzz_fail("line %ld: field %zu of a good record is "
			    "not UTF-8", rec->line, i);
		if (k == CSVR_REC && csvr_fmt(r) == FMT_CSV &&
		    (csvr_enc(r) == ENC_AUTO || csvr_enc(r) == ENC_UTF8) &&
		    !verbatim(rec->f[i], rec->len[i]))
			fuzz_fail("line %ld: field %zu of a good record is "
			    "not in the input", rec->line, i);
	}
	if (k == CSVR_REC && rec->nf != csvr_ncols(r))
		fuzz_fail("line %ld: good record of %zu fields, header %zu",
		    rec->line, rec->nf, csvr_ncols(r));
	if (k == CSVR_BAD && !*csvr_why(r))
		fuzz_fail("line %ld: bad record without a reason", rec->line);
}

static void
readall(const char *path, const struct csvr_opt *o)
{
	const char *const *hdr;
	const char *why = NULL;
	struct gw_rec rec;
	long last = 0;
	size_t i;
	csvr *r;
	int k;

	if (!(r = csvr_open(path, o, &why))) {
		if (!why || !*why)
			fuzz_fail("csvr_open failed without a reason");
		return;
	}
	hdr = csvr_header(r);
	for (i = 0; i < csvr_ncols(r); i++) {
		if (!utf8_valid(hdr[i], strlen(hdr[i])))
			fuzz_fail("header %zu is not UTF-8", i);
		if (csvr_col(r, hdr[i]) != (int)i)
			fuzz_fail("header '%s' (%zu) finds column %d", hdr[i],
			    i, csvr_col(r, hdr[i]));
	}
	if (csvr_fmt(r) != FMT_CSV && csvr_fmt(r) != FMT_TSV)
		fuzz_fail("format %d after the header", csvr_fmt(r));
	while ((k = csvr_next(r, &rec)) != CSVR_EOF) {
		if (k == CSVR_ERR)
			break;
		if (k != CSVR_REC && k != CSVR_BAD)
			fuzz_fail("csvr_next returned %d", k);
		checkrec(r, &rec, k, &last);
	}
	csvr_close(r);
}

struct loopstate {
	struct gw_run *run;
	long last;
	long n;
	int rejecthalf;
};

static int
onrec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct loopstate *st = arg;

	if (rec->line < st->last)
		st->last = 0;	/* a new file of the same run */
	checkrec(r, rec, CSVR_REC, &st->last);
	if (st->rejecthalf && st->n++ % 2 == 0) {
		gw_reject(st->run, csvr_name(r), rec->line,
		    csvr_ncols(r) ? csvr_header(r)[0] : NULL, rec,
		    "rejected by the harness");
		return 1;
	}
	return 0;
}

/* Reads the rejects file back: a header, then one record a reject. */
static void
readrejects(const char *path, long nrej)
{
	struct csvr_opt o = {ENC_UTF8, FMT_CSV, 1, NULL, 0};
	const char *why = NULL;
	struct gw_rec rec;
	long n = 0;
	csvr *r;
	int k;

	if (!(r = csvr_open(path, &o, &why))) {
		/* an input column named file, line, column or reason
		   repeats one of the four of the rejects file */
		if (strstr(why, "duplicate column"))
			return;
		fuzz_fail("rejects file does not read back: %s", why);
	}
	if (csvr_ncols(r) < 4)
		fuzz_fail("rejects file has %zu columns", csvr_ncols(r));
	while ((k = csvr_next(r, &rec)) != CSVR_EOF) {
		if (k == CSVR_ERR)
			fuzz_fail("rejects file: %s", csvr_why(r));
		n++;
	}
	csvr_close(r);
	if (n != nrej)
		fuzz_fail("%ld rejects counted, %ld rows in the rejects file",
		    nrej, n);
}

static void
stdinfrom(const char *path)
{
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || dup2(fd, 0) < 0) {
		perror(path);
		exit(2);
	}
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvr_opt o;
	struct gw_run run;
	struct loopstate st;
	const char *path, *why;
	char pathcopy[sizeof fuzz_pathbuf], rejpath[sizeof fuzz_pathbuf];
	char *argv[2];
	unsigned b0, b1;
	csvr *r;
	int rc;

	if (size < 2)
		return 0;
	gw_file_forget();	/* each input a run of its own */
	b0 = data[0];
	b1 = data[1];
	o.enc = (int)(b0 & 3);
	o.fmt = (int)((b0 >> 2) & 3) == 3 ? FMT_AUTO : (int)((b0 >> 2) & 3);
	o.raw_header = (int)((b0 >> 6) & 1);
	input = (const char *)data + 2;
	ninput = size - 2;
	path = fuzz_file(names[(b0 >> 4) & 3], data + 2, size - 2);
	snprintf(pathcopy, sizeof pathcopy, "%s", path);
	if (b1 & 1)
		stdinfrom(pathcopy);
	readall(b1 & 1 ? "-" : pathcopy, &o);
	if (!(b1 & 2))
		return 0;

	/* the same through the driver, when the file opens at all */
	if (!(r = csvr_open(pathcopy, &o, &why)))
		return 0;
	csvr_close(r);
	snprintf(rejpath, sizeof rejpath, "%s/rejects.csv", fuzz_dir());
	memset(&run, 0, sizeof run);
	run.rejects_path = rejpath;
	run.quiet = 1;
	memset(&st, 0, sizeof st);
	st.run = &run;
	st.rejecthalf = (b1 >> 2) & 1;
	if (b1 & 1)
		stdinfrom(pathcopy);
	argv[0] = b1 & 1 ? "-" : pathcopy;
	argv[1] = NULL;
	rc = gw_loop(&run, 1, argv, &o, NULL, onrec, &st);
	if (rc == 0 && run.nread != run.nok + run.nrej)
		fuzz_fail("read %ld, accepted %ld, rejected %ld", run.nread,
		    run.nok, run.nrej);
	if (gw_run_end(&run) == GW_FATAL && rc == 0)
		fuzz_fail("rejects file failed");
	if (rc == 0)
		readrejects(rejpath, run.nrej);
	return 0;
}
