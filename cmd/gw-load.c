/*
 * gw-load — load CSV or TSV sheets into one table of a store, or export
 * a table back out (gw-load(1), gridwork-store(5)).
 *
 * The rules of a load are the engine's (lib/load.c): the values, keys,
 * links, updates and households.  This is its driver: the options, the
 * store and its one transaction, the inputs read through gw_loop(), the
 * refused rows said and kept (-r), a progress line on a terminal, and
 * the summary, the last line of stderr: rows read = loaded + updated +
 * rejected, always.
 *
 * All or nothing: the run is one transaction (BEGIN IMMEDIATE, so two
 * loads into one store run one after the other), and the audit rows of
 * the run are written inside it.  A fatal error, --max-rejects exceeded,
 * or a kill at any moment leaves the store as it was.  A first census
 * (persons empty) goes through the rollback journal (store_bulk()).
 *
 * --export writes a table with colspec_format(), which colspec_check()
 * reads back to the same value, so that load, export, load, export gives
 * the same bytes; the export is audited before its first row.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-load -d STORE [-E ENC] [-i csv|tsv] [-r FILE] [--update]\n"
    "               [--max-rejects N] [--as-of DATE] TABLE [FILE ...]\n"
    "       gw-load -d STORE --export TABLE [-o csv|tsv|jsonl|xlsx] [--zh]"
    " [--excel]\n";

enum { OPT_UPDATE = OPT_CMD, OPT_MAXREJ, OPT_EXPORT };

/* A load's run: the engine, the inputs' counts and the progress line. */
struct drv {
	loader *ld;
	struct gw_run run;
	const char *table;
	long said;			/* refusals the engine handed back */
	long outside;			/* gw_loop's, told to the engine */
	const char *file;		/* the current input */

	/* progress on a terminal */
	int tty;
	struct timespec t0, tlast;
	int shown;			/* a progress line is on the screen */
	long lines;			/* progress lines shown */
	off_t fsize;			/* size of the current file, or -1 */
	double fbytes;			/* bytes of it read, estimated */
};

static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
progress(struct drv *d, int last)
{
	struct timespec now;
	double dt, pct;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (last) {
		if (d->shown)
			fputs("\r\033[K", stderr);
		d->shown = 0;
		return;
	}
	/* the first at once, so that even a short load shows one */
	if (d->lines > 0 && elapsed(&d->tlast, &now) < 0.5)
		return;
	d->lines++;
	d->tlast = now;
	dt = elapsed(&d->t0, &now);
	fprintf(stderr, "\r%s: %ld rows, %.0f rows/s", d->table,
	    d->run.nread, dt > 0 ? d->run.nread / dt : 0.0);
	if (d->fsize > 0) {
		/* bytes as decoded: a GB18030 file's grow by half */
		pct = 100.0 * d->fbytes / (double)d->fsize;
		fprintf(stderr, ", %.0f%% of %s", pct > 99 ? 99 : pct,
		    d->file);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	d->shown = 1;
}

/* Each line of a fault the engine kept. */
static void
say(const char *why)
{
	const char *nl;

	for (; (nl = strchr(why, '\n')) != NULL; why = nl + 1)
		warn("%.*s", (int)(nl - why), why);
	warn("%s", why);
}

/* A row the engine refused: said on a line of its own, kept (-r). */
static void
on_reject(void *arg, const struct load_reject *rj)
{
	struct drv *d = arg;

	if (d->shown) {
		fputs("\r\033[K", stderr);
		d->shown = 0;
	}
	gw_reject(&d->run, rj->file, rj->line, rj->col, rj->rec, "%s",
	    rj->why);
	d->said++;
}

/* Tells the engine of the rows gw_loop refused since last time. */
static void
sync_outside(struct drv *d)
{
	long n = d->run.nrej - d->said - d->outside;

	if (n > 0) {
		load_outside(d->ld, n);
		d->outside += n;
	}
}

static int
on_header(csvr *r, void *arg)
{
	struct drv *d = arg;
	struct stat st;
	const char *why;

	d->file = csvr_name(r);
	d->fsize = -1;
	d->fbytes = 0;
	if (d->tty && strcmp(d->file, "stdin") != 0 &&
	    stat(d->file, &st) == 0 && S_ISREG(st.st_mode))
		d->fsize = st.st_size;
	if (load_input(d->ld, d->file, csvr_header(r), csvr_ncols(r),
	    &why) < 0) {
		say(why);
		return -1;
	}
	return 0;
}

static int
on_record(csvr *r, struct gw_rec *rec, void *arg)
{
	struct drv *d = arg;
	struct load_counts c;
	const char *why;
	size_t i;
	int k;

	(void)r;
	if (d->tty) {
		for (i = 0; i < rec->nf; i++)
			d->fbytes += (double)rec->len[i] + 1;
		if ((d->run.nread & 4095) == 0)
			progress(d, 0);
	}
	sync_outside(d);
	if ((k = load_row(d->ld, rec, &why)) < 0) {
		load_counts(d->ld, &c);
		if (!c.aborted)
			say(why);
	}
	return k;
}

/* The last line on stderr, always: rows read = loaded + updated +
   rejected. */
static void
summary(const char *table, long nread, long nloaded, long nupdated,
    long nrej, int rolledback)
{
	/* rolled back, nothing was loaded: the rows read are those that
	   passed and those refused, which still add up */
	if (rolledback)
		warn("%s: read %ld, accepted %ld, rejected %ld, loaded 0; "
		    "rolled back, the store is unchanged", table, nread,
		    nread - nrej, nrej);
	else
		warn("%s: read %ld, loaded %ld, updated %ld, rejected %ld",
		    table, nread, nloaded, nupdated, nrej);
}

/* DATE or DATE TIME (gridwork(7)) as a day number; -1 when malformed. */
static long
parse_day(const char *s)
{
	int64_t t;
	long day;

	if (date_parse(s, strlen(s), &day) == 0)
		return day;
	if (datetime_parse(s, strlen(s), &t) == 0)
		return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	return -1;
}


static int
do_load(const struct gw_opts *o, const char *table, int update, long maxrej,
    int argc, char **argv, int fullargc, char **fullargv)
{
	struct drv d;
	struct load_opt lo;
	struct load_counts c;
	struct csvr_opt ro;
	const struct colspec_col *col;
	sqlite3 *db;
	colspec *cs;
	const char *why;
	long day = -1;
	size_t i, ncol;
	int status, fatal = 0, begun = 0, bulk = 0, aborted;

	memset(&d, 0, sizeof d);
	if (o->as_of && (day = parse_day(o->as_of)) < 0)
		die("--as-of: bad date '%s' (want YYYY-MM-DD[ HH:MM])",
		    o->as_of);
	if ((db = store_open(o->store, STORE_CREATE, &why)) == NULL) {
		warn("%s", why);
		summary(table, 0, 0, 0, 0, 0);
		return GW_FATAL;
	}
	if ((cs = colspec_load(db, NULL, &why)) == NULL) {
		warn("%s", why);
		store_close(db);
		summary(table, 0, 0, 0, 0, 0);
		return GW_FATAL;
	}
	colspec_asof(cs, day);
	col = colspec_table(cs, table, &ncol);
	if (col == NULL || ncol == 0) {
		size_t n;
		const char *const *t = colspec_tables(cs, &n);
		struct sbuf b = { 0 };

		for (i = 0; i < n; i++)
			sbuf_addf(&b, "%s%s", i ? ", " : "", t[i]);
		warn("no table '%s' to load (%s)", table, b.s ? b.s : "");
		sbuf_free(&b);
		colspec_free(cs);
		store_close(db);
		gw_exit(GW_FATAL);
	}
	memset(&lo, 0, sizeof lo);
	lo.table = table;
	lo.update = update;
	lo.maxrej = maxrej;
	lo.reject = on_reject;
	lo.arg = &d;
	lo.argc = fullargc;
	lo.argv = fullargv;
	lo.note = update ? "--update" : NULL;
	d.ld = load_new(db, cs, &lo);
	d.table = table;
	d.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &d.t0);
	d.tlast = d.t0;
	d.run.rejects_path = o->rejects;
	ro = gw_inopt(o);

	for (i = 0; i < ncol && !col[i].rowkey; i++)
		;
	if (i < ncol && store_has_rows(db, table) == 0)
		bulk = store_bulk(db);	/* a first census */
	if (store_begin(db, &why) < 0) {
		warn("%s: %s", o->store, why);
		fatal = 1;
	} else {
		begun = 1;
		if (load_begin(d.ld, &why) < 0) {
			say(why);
			fatal = 1;
		} else if (gw_loop(&d.run, argc, argv, &ro, on_header,
		    on_record, &d) < 0)
			fatal = 1;
		sync_outside(&d);
		if (d.tty)
			progress(&d, 1);
		if (!fatal && load_end(d.ld, &why) < 0) {
			load_counts(d.ld, &c);
			if (!c.aborted)
				say(why);
			fatal = 1;
		}
	}
	load_counts(d.ld, &c);
	aborted = c.aborted || (maxrej >= 0 && d.run.nrej > maxrej);
	if (aborted) {
		fatal = 1;
		warn("more than %ld rejected rows (--max-rejects): nothing "
		    "loaded", maxrej);
	}
	/* the rejects file is complete before anything is committed */
	status = gw_run_end(&d.run);
	if (status == GW_FATAL)
		fatal = 1;
	if (!fatal && store_commit(db, &why) < 0) {
		warn("store: %s", why);
		fatal = 1;
	}
	if (fatal) {
		status = GW_FATAL;
		/* the thread that writes the derived households shares the
		   connection: it stops first, or the rest of its batch would
		   go in after the rollback, each row committed on its own */
		load_free(d.ld);
		d.ld = NULL;
		if (begun)
			store_rollback(db);
	}
	load_free(d.ld);
	colspec_free(cs);
	if (bulk && store_wal(db, &why) < 0)	/* store_open() will */
		warn("%s: %s", o->store, why);
	if (store_close(db) < 0 && status != GW_FATAL)
		status = GW_FATAL;
	summary(table, c.nread, c.nloaded, c.nupdated, c.nrej, fatal && begun);
	return status;
}

/* --- export ---------------------------------------------------------- */

/* An export: the rows of the store's table, as read by table.c. */
struct exp {
	const struct gw_opts *o;
	const char *table;
	csvw *w;		/* opened at the header */
};

static int
ex_header(csvr *r, void *arg)
{
	struct exp *e = arg;
	const char *const *names = csvr_header(r);
	size_t i, n = csvr_ncols(r);
	/* the name of a division is an area's (--zh) */
	const char **keys = xcalloc(n + 1, sizeof *keys);

	for (i = 0; i < n; i++)
		if (strcmp(e->table, "regions") == 0 &&
		    strcmp(names[i], "name") == 0)
			keys[i] = "area_name";
	e->w = gw_out(e->o, stdout);
	csvw_header_keyed(e->w, names, keys, n);
	free(keys);
	return 0;
}

static int
ex_record(csvr *r, struct gw_rec *rec, void *arg)
{
	struct exp *e = arg;
	size_t i;

	(void)r;
	for (i = 0; i < rec->nf; i++)
		csvw_field(e->w, rec->f[i], rec->len[i]);
	csvw_endrec(e->w);
	return csvw_error(e->w) ? -1 : 0;
}

static int
do_export(const struct gw_opts *o, const char *table, int argc, char **argv)
{
	struct gw_table t;
	struct gw_run run;
	struct csvr_opt ro;
	struct exp e;
	const struct colspec_col *col;
	sqlite3 *db;
	colspec *cs;
	const char *why;
	size_t ncol;
	int status = GW_OK, record = store_writable(o->store);

	if ((db = store_open(o->store, record ? 0 : STORE_RDONLY, &why)) == NULL)
		die("%s", why);
	if ((cs = colspec_load(db, NULL, &why)) == NULL) {
		store_close(db);
		die("%s", why);
	}
	if ((col = colspec_table(cs, table, &ncol)) == NULL || ncol == 0) {
		warn("no table '%s' to export", table);
		colspec_free(cs);
		store_close(db);
		return GW_FATAL;
	}
	/*
	 * The export is accounted for before a row is read, in its own
	 * transaction, so that an export cut short (a closed pipe) is on
	 * record too.  A store this process cannot write is read, and the
	 * read goes unrecorded (gridwork-store(5), audit).
	 */
	if (!record)
		warn("warning: %s is read-only: this export is not recorded in "
		    "its audit table", o->store);
	else if (store_begin(db, &why) < 0) {
		warn("%s: %s", o->store, why);
		status = GW_FATAL;
		goto out;
	} else if (load_export_audit(db, argc, argv, table, &why) < 0 ||
	    store_commit(db, &why) < 0) {
		warn("%s: cannot record the export: %s", o->store, why);
		store_rollback(db);
		status = GW_FATAL;
		goto out;
	}
	memset(&t, 0, sizeof t);
	memset(&run, 0, sizeof run);
	memset(&ro, 0, sizeof ro);
	memset(&e, 0, sizeof e);
	t.db = db;
	t.store = "store";
	t.cs = cs;
	t.table = table;
	ro.raw_header = 1;
	run.keepinvisible = 1;	/* the store's values, as they are */
	e.o = o;
	e.table = table;
	if (table_loop(&run, &t, &ro, ex_header, ex_record, &e) < 0 &&
	    (e.w == NULL || !csvw_error(e.w)))
		status = GW_FATAL;
	/* the store's rows are not refused; the output's write error is
	   gw_exit()'s to say, once */
	if (gw_end(&run, NULL) == GW_FATAL)
		status = GW_FATAL;
	if (e.w && csvw_close(e.w) < 0)
		status = GW_FATAL;	/* gw_exit() says why */
out:
	colspec_free(cs);
	store_close(db);
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "update", no_argument, 0, OPT_UPDATE },
		{ "max-rejects", required_argument, 0, OPT_MAXREJ },
		{ "export", required_argument, 0, OPT_EXPORT },
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{ 0 }
	};
	struct gw_opts o;
	const char *export = NULL;
	char *end;
	long maxrej = -1;
	int c, update = 0, fullargc = argc, status;
	char **fullargv = argv;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((c = gw_getopt(argc, argv, "d:E:hi:o:r:", longopts, &o,
	    usage_text)) != -1) {
		switch (c) {
		case OPT_EXPORT:
			export = optarg;
			break;
		case OPT_MAXREJ:
			errno = 0;
			maxrej = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || maxrej < 0)
				die("--max-rejects: not a number >= 0: '%s'",
				    optarg);
			break;
		case OPT_UPDATE:
			update = 1;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (o.store == NULL) {
		warn("-d STORE is required");
		gw_usage(usage_text);
	}
	if (export) {
		if (argc > 0 || update || maxrej >= 0 || o.rejects || o.enc ||
		    o.ifmt || o.as_of) {
			warn("--export takes no input, -r, -E, -i, --update, "
			    "--max-rejects or --as-of");
			gw_usage(usage_text);
		}
		gw_exit(do_export(&o, export, fullargc, fullargv));
	}
	if (o.ofmt || o.zh || o.excel) {
		warn("-o, --zh and --excel apply to --export only");
		gw_usage(usage_text);
	}
	if (argc < 1) {
		warn("no TABLE");
		gw_usage(usage_text);
	}
	status = do_load(&o, argv[0], update, maxrej, argc - 1, argv + 1,
	    fullargc, fullargv);
	gw_exit(status);
}
