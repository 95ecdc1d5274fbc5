/*
 * gw-load — load CSV or TSV sheets into one table of a store, or export
 * a table back out (gw-load(1), gridwork-store(5)).
 *
 * Contract.  Every value is checked against its column (colspec_check:
 * share/sql/columns.tsv), the "starts" rule of its row and, when the
 * linked table has rows, its link; a row that fails is rejected, whole,
 * with FILE:LINE, the column and the reason, and the run goes on.  A key
 * seen twice in the input rejects the second row ("first at FILE:LINE");
 * a key already in the store rejects the row unless --update, which
 * replaces it in place (same rowid) and counts it as updated.  Rows read
 * = loaded + updated + rejected, always, and stderr ends with that
 * summary.
 *
 * All or nothing: the run is one transaction (BEGIN IMMEDIATE, so two
 * loads into one store run one after the other), and the audit rows of
 * the run are written inside it.  A fatal error, --max-rejects exceeded,
 * or a kill at any moment leaves the store as it was.
 *
 * Duplicates are found by the primary key itself: an insert that breaks
 * it is looked up, and the rowid of the row it met says whether that row
 * came from this run (rowid above the table's largest at the start) or
 * was there before.  The line of a row of this run is kept as a
 * piecewise-linear map from rowid to (file, line) with a breakpoint only
 * where a row was rejected or a record spanned lines, so memory does not
 * grow with the input; rows there before and updated now are kept in a
 * map of their own (they grow only with --update).
 *
 * Persons, whose rowid is their identity number (colspec rowkey), are
 * loaded in two phases instead (load_sorted(), below): checked as they
 * come, sorted by number in bounded memory, written in number order.  A
 * number twice in the input is found next to its first row; those
 * refusals are said after the others, in input order.
 *
 * Speed: when the table is empty at the start (the first import), its
 * secondary indexes are dropped and made again from their own CREATE
 * statements in sqlite_schema after the rows are in, inside the same
 * transaction: a sorted index build costs a fraction of keeping the
 * index up to date row by row.  Other tables keep their order of
 * arrival in the rowid (gridwork-store(5)), so their primary key's index
 * is kept up to date in arrival order; it finds duplicates at no extra
 * cost, where an in-memory set of keys would grow with the input.  One
 * prepared INSERT serves every row, values bound without a copy; link
 * checks are cached.
 *
 * --export writes a table with colspec_format(), which colspec_check()
 * reads back to the same value, so that load, export, load, export gives
 * the same bytes; the export is audited before its first row.
 *
 * Households are derived from persons: one households row for every
 * household id not yet in the store, with the members' village and block
 * (the first member that has one gives it), the first member's address
 * and the number of members loaded.  A member whose village or block
 * differs from the earlier members' is rejected.  Households already in
 * the store (loaded from a sheet, or derived by an earlier run) are left
 * as they are.  Members of one household usually come together, so only
 * the current household is kept in memory; one that comes back later is
 * found again in the households table.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
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

/* Page cache (KiB) while indexes are built: it bounds the sorter's
   memory too (makeindexes()); measured on a million persons, 16 MB
   costs no time against 64 MB and keeps 22 MB off the peak. */
#define SORT_CACHE_KB 16384

/*
 * Page cache (KiB) for a first census (persons empty): its rows, its
 * households and their indexes are all appended to, nearly in order, so
 * the store's 64 MB cache only holds pages already written.  Measured on
 * a million persons: 1.66 s and 74 MB at 8 MB, against 1.82 s and 120 MB
 * at 64 MB; and 74 MB at four million too, where 64 MB gave 136.
 */
#define BULK_CACHE_KB "8192"

/* Values of a link column whose answer is remembered (linked()). */
#define LINK_CACHE_MAX 100000

/* A link check: values of one column looked up in link_table.link_col. */
struct link {
	sqlite3_stmt *st;	/* SELECT rowid ... WHERE link_col = ? */
	strtab *seen;		/* values looked up so far */
	struct sbuf found;	/* found.s[i]: 1 when value i is there */
};

/* Where a row of this run came from: rows rowid0, rowid0 + 1, ... are
   lines line0, line0 + 1, ... of file (until the next breakpoint). */
struct bp {
	int64_t rowid0;
	long line0;
	size_t file;
};

/* The household being derived (members usually come together). */
enum { HH_NONE = 0, HH_NEW, HH_MERGE, HH_SKIP, HH_PENDING };
struct hh {
	int state;		/* HH_*: new, derived earlier in this run, or
				   in the store before (left alone) */
	struct sbuf id, village, block, address;
	int hasblock, hasaddr;	/* block, address known */
	int64_t rowid;		/* HH_MERGE: its households row */
	size_t prow;		/* HH_PENDING: its row in the batch being
				   filled, not yet written */
	uint64_t hash;		/* of id */
	long count;		/* members loaded, not yet written */
	size_t file;		/* HH_NEW: its first member's file, line */
	long line;
};

/* The statements that write a sorted row with the columns of mask. */
struct wstmt {
	uint64_t mask;		/* bit i: column i was in the input */
	sqlite3_stmt *ins;	/* INSERT (rowid, columns) */
	sqlite3_stmt *ups;	/* the same, updating a row of the store */
	sqlite3_stmt *feed;	/* the same, a batch from gw_feed */
};

/* Sorted rows are written a batch at a time through the store's feed;
   a batch a constraint refuses is written again row by row.  Derived
   households go the same way. */
#define BATCH_ROWS 4096

/* A derived household waiting in its batch: strings in the batch's s. */
struct hrow {
	size_t id, village, block, address;	/* offsets in s */
	int idn, villagen, blockn, addressn;	/* lengths; -1: NULL */
	long count;
};

/* A batch of derived households: one is filled while a thread writes
   the other (hb_flush()).  slot: open addressing by the hash of the id,
   row index + 1 (0: empty), to find a household not yet written. */
#define HSLOTS (2 * BATCH_ROWS)
struct hbatch {
	struct sbuf s;
	struct hrow rows[BATCH_ROWS];
	size_t n;
	uint32_t slot[HSLOTS];
};

/* Households a run has derived, as a set of bits by the hash of their
   id (8 MB): one that may have been seen is looked up in the store; one
   surely not is new, without a look-up, when the table had no rows. */
#define HSEEN_BITS 26

enum { FEED_PERSONS, FEED_HOUSEHOLDS };

/* A packed row read back (unpack()). */
struct packed {
	uint64_t key;		/* the rowid */
	int update;		/* replaces a row of the store (--update) */
	size_t file;
	long line;
	uint64_t mask;
	const char *fields;	/* the input fields as packed, for a */
	size_t nfields;		/* rejection (pack()) */
};

struct load {
	sqlite3 *db;
	colspec *cs;
	struct gw_run *run;
	const char *table;
	const struct colspec_col *col;	/* the table's columns */
	size_t ncol;
	struct colval *v;		/* v[i]: the value of col[i] */
	int *in;			/* input column of col[i], or -1 */
	struct link *link;		/* link[i].st NULL: no link check */
	size_t pk[8], npk;		/* key columns, in key order */
	struct sbuf keycols;		/* "case_id,step,at" */
	int update;			/* --update */
	long maxrej;			/* --max-rejects, or -1 */
	int aborted;			/* --max-rejects exceeded */

	sqlite3_stmt *ins;		/* INSERT over this file's columns */
	sqlite3_stmt *ups;		/* the same, ON CONFLICT DO UPDATE */
	sqlite3_stmt *look;		/* rowid by key */
	int64_t base;			/* largest rowid before the run */
	long nupdated;

	char **files;			/* input names, for "first at" */
	size_t nfiles;
	struct bp *bp;			/* breakpoints, by rowid */
	size_t nbp, capbp;
	u64map *oldrows;		/* rowid <= base updated in this run ->
					   file << 40 | line */

	/* households derived from persons */
	int derive;
	int64_t hbase;			/* largest households rowid before */
	sqlite3_stmt *hfind, *hupd;
	struct hh hh;
	long nderived;			/* households rows made */
	unsigned char *hseen;		/* HSEEN_BITS, or NULL: always look */
	struct hbatch hbat[2];		/* hbat[hcur] is being filled */
	int hcur;
	struct hbatch *hwrite;		/* being written (hb_write()) */
	pthread_t hthread;		/* writing hwrite, when hbusy */
	int hbusy, hthreads;		/* hthreads: SQLite allows it */
	int hrc;			/* the writing's sqlite3_step() */
	char hmsg[256];			/* and its message */
	const struct hrow *fh;		/* the household being fed */
	sqlite3_stmt *hfeed;
	int feeding;			/* FEED_*: which batch gw_feed gives */
	size_t ivillage, iblock, iaddress, ihousehold;

	/* a table keyed by its rowid (colspec rowkey, persons): rows are
	   checked as they come, sorted by key, written in key order */
	int sorted;
	size_t rk;			/* the rowkey column */
	int empty;			/* the table had no rows at the start */
	xsort *xs;			/* the checked rows (pack()) */
	sqlite3_stmt *rfind;		/* SELECT 1 ... WHERE rowid = ? */
	struct sbuf pk1;		/* the row being packed */
	uint32_t *same;			/* pack(): field j is column i */
	size_t nsame;
	struct wstmt *ws;		/* statements by columns present */
	size_t nws;
	sqlite3_stmt *hdec, *hdel;	/* a derived household loses one */
	struct sbuf batch;		/* packed rows to write together */
	size_t boff[BATCH_ROWS + 1];	/* row i: batch[boff[i], boff[i+1]) */
	size_t nb, fi;			/* rows in it; the next to feed */
	uint64_t bmask;			/* the columns of its rows */
	size_t fcol[STORE_FEED_MAX];	/* feed column i + 1: ld->v[fcol[i]] */
	struct packed fpr;		/* the row being fed */
	struct store_feed feed;
	xsort *rejx;			/* rejections to say (say_sorted()) */
	long npend;			/* rejections kept in rejx */

	/* indexes dropped for the load, to be made again */
	char **reindex;
	size_t nreindex;

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

/* Runs one statement without results; 0 or -1 (said). */
static int
exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		warn("store: %s", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		warn("store: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

/* The largest rowid of table, 0 when empty; -1 on error. */
static int64_t
maxrowid(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	char *sql;
	int64_t v = -1;

	/* an identifier cannot be bound; %w quotes it */
	sql = sqlite3_mprintf("SELECT coalesce(max(rowid), 0) FROM \"%w\"",
	    table);
	if (sql == NULL)
		die("out of memory");
	if ((st = prep(db, sql)) != NULL) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return v;
}

/*
 * Drops the secondary indexes of table (empty at the start of the run),
 * keeping their CREATE statements for makeindexes().  The primary key's
 * index has no statement and stays; so does a UNIQUE index (one the
 * office made): it is a constraint, which refuses the rows that break it
 * one by one, where building it at the end would refuse the whole load.
 * 0 or -1.
 */
static int
dropindexes(struct load *ld, const char *table)
{
	static const char sql[] = "SELECT s.name, s.sql FROM sqlite_schema "
	    "s JOIN pragma_index_list(?1) i ON i.name = s.name WHERE "
	    "s.type = 'index' AND s.tbl_name = ?1 AND s.sql IS NOT NULL AND "
	    "NOT i.\"unique\"";
	sqlite3_stmt *st;
	char **names = NULL, *drop;
	size_t n = 0, i;
	int rc = 0;

	if ((st = prep(ld->db, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		ld->reindex = xreallocarray(ld->reindex, ld->nreindex + 1,
		    sizeof *ld->reindex);
		ld->reindex[ld->nreindex++] =
		    xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			drop = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
			if (drop == NULL)
				die("out of memory");
			rc = exec(ld->db, drop);
			sqlite3_free(drop);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
makeindexes(struct load *ld)
{
	sqlite3_stmt *st;
	char pragma[64];
	long cache = 0;
	size_t i;
	int rc = 0;

	if (ld->nreindex == 0)
		return 0;
	/*
	 * SQLite's sorter takes as much memory as the page cache before it
	 * spills to temporary files; together they would double a load's
	 * memory, and make it grow with the rows up to that bound.  A
	 * smaller cache while the indexes are built keeps the memory flat:
	 * the sort merges from temporary files instead.
	 */
	if ((st = prep(ld->db, "PRAGMA cache_size")) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		cache = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* a pragma takes no parameters; both values are numbers */
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d",
	    SORT_CACHE_KB);
	if (exec(ld->db, pragma) < 0)
		return -1;
	for (i = 0; i < ld->nreindex && rc == 0; i++)
		rc = exec(ld->db, ld->reindex[i]);
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %ld", cache);
	if (exec(ld->db, pragma) < 0)
		rc = -1;
	return rc;
}

/* Records that rowid came from file:line. */
static void
bp_add(struct load *ld, int64_t rowid, size_t file, long line)
{
	struct bp *b = ld->nbp ? &ld->bp[ld->nbp - 1] : NULL;

	if (b && b->file == file && line - b->line0 == rowid - b->rowid0)
		return;
	if (ld->nbp == ld->capbp) {
		ld->capbp = ld->capbp ? ld->capbp * 2 : 64;
		ld->bp = xreallocarray(ld->bp, ld->capbp, sizeof *ld->bp);
	}
	ld->bp[ld->nbp].rowid0 = rowid;
	ld->bp[ld->nbp].line0 = line;
	ld->bp[ld->nbp].file = file;
	ld->nbp++;
}

/* Where the row rowid of this run came from; 0, or -1 when unknown. */
static int
bp_find(const struct load *ld, int64_t rowid, size_t *file, long *line)
{
	size_t lo = 0, hi = ld->nbp, mid;
	uint64_t v;

	if (rowid <= ld->base) {
		if (!ld->oldrows || !u64map_get(ld->oldrows, (uint64_t)rowid,
		    &v))
			return -1;
		*file = (size_t)(v >> 40);
		*line = (long)(v & ((1ULL << 40) - 1));
		return 0;
	}
	while (lo < hi) {	/* the last breakpoint with rowid0 <= rowid */
		mid = lo + (hi - lo) / 2;
		if (ld->bp[mid].rowid0 <= rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	*file = ld->bp[lo - 1].file;
	*line = ld->bp[lo - 1].line0 + (long)(rowid - ld->bp[lo - 1].rowid0);
	return 0;
}

/* The key of the current row for messages: 'a', 'b'. */
static const char *
keytext(struct load *ld, struct sbuf *b)
{
	const struct colval *v;
	size_t i;

	sbuf_reset(b);
	for (i = 0; i < ld->npk; i++) {
		v = &ld->v[ld->pk[i]];
		if (i > 0)
			sbuf_adds(b, ", ");
		sbuf_addc(b, '\'');
		if (v->kind == CV_TEXT)
			sbuf_add(b, v->s, v->n);
		else if (v->kind == CV_INT)
			sbuf_addf(b, "%lld", (long long)v->i);
		else if (v->kind == CV_REAL)
			sbuf_addf(b, "%g", v->d);
		sbuf_addc(b, '\'');
	}
	return b->s;
}

/* The rowid of the row with the current row's key; 0 when none, -1 on
   error. */
static int64_t
findkey(struct load *ld)
{
	int64_t rowid = 0;
	size_t i;
	int rc;

	sqlite3_reset(ld->look);
	for (i = 0; i < ld->npk; i++)
		colval_bind(ld->look, (int)i + 1, &ld->v[ld->pk[i]]);
	rc = sqlite3_step(ld->look);
	if (rc == SQLITE_ROW)
		rowid = sqlite3_column_int64(ld->look, 0);
	else if (rc != SQLITE_DONE) {
		warn("store: %s", sqlite3_errmsg(ld->db));
		rowid = -1;
	}
	sqlite3_reset(ld->look);
	return rowid;
}

/*
 * 1 when v is in the linked table, 0 when not, -1 on error.  The first
 * LINK_CACHE_MAX values of a column are remembered with their answer (a
 * census names a few hundred villages a million times); past that, a new
 * value is looked up every time, so memory stays bounded.
 */
static int
linked(struct load *ld, struct link *l, const struct colval *v)
{
	long k;
	int rc, found;

	if ((k = strtab_find(l->seen, v->s, v->n)) >= 0)
		return l->found.s[k];
	colval_bind(l->st, 1, v);
	rc = sqlite3_step(l->st);
	sqlite3_reset(l->st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		warn("store: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	found = rc == SQLITE_ROW;
	if (strtab_count(l->seen) < LINK_CACHE_MAX) {
		strtab_add(l->seen, v->s, v->n, NULL);
		sbuf_addc(&l->found, found);
	}
	return found;
}

/* Sets up the link checks of the table's columns whose linked table has
   rows at the start of the run; 0 or -1. */
static int
linksetup(struct load *ld)
{
	const struct colspec_col *c;
	const char *why;
	size_t i;
	int has;

	ld->link = xcalloc(ld->ncol, sizeof *ld->link);
	for (i = 0; i < ld->ncol; i++) {
		c = &ld->col[i];
		if (c->link_table == NULL)
			continue;
		if ((has = store_has_rows(ld->db, c->link_table)) < 0) {
			warn("store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		if (!has)
			continue;
		ld->link[i].st = store_lookup(ld->db, c->link_table,
		    &c->link_col, 1, &why);
		if (ld->link[i].st == NULL) {
			warn("store: %s", why);
			return -1;
		}
		ld->link[i].seen = strtab_new();
	}
	return 0;
}

/*
 * gw_reject(), first taking the progress line off the screen so that the
 * message starts a line of its own.
 */
static void
reject(struct load *ld, csvr *r, struct gw_rec *rec, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
reject(struct load *ld, csvr *r, struct gw_rec *rec, const char *col,
    const char *fmt, ...)
{
	static struct sbuf msg;
	va_list ap;

	sbuf_reset(&msg);
	va_start(ap, fmt);
	sbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (ld->shown) {
		fputs("\r\033[K", stderr);
		ld->shown = 0;
	}
	gw_reject(ld->run, csvr_name(r), rec->line, col, rec, "%s", msg.s);
}

/* --- households derived from persons -------------------------------- */

static int
hh_setup(struct load *ld)
{
	static const char *const hcols[] = { "household_id", "village_code",
	    "block", "address", "persons" };
	const char *why;
	int has;

	ld->ihousehold = colspec_find(ld->cs, "persons", "household_id") -
	    ld->col;
	ld->ivillage = colspec_find(ld->cs, "persons", "village_code") -
	    ld->col;
	ld->iblock = colspec_find(ld->cs, "persons", "block") - ld->col;
	ld->iaddress = colspec_find(ld->cs, "persons", "address") - ld->col;
	if ((has = store_has_rows(ld->db, "households")) < 0 ||
	    (ld->hbase = maxrowid(ld->db, "households")) < 0)
		return -1;
	/*
	 * The households index (village_code, block) is kept, not dropped
	 * and made again: registers come village by village, so derived
	 * households reach it nearly in its order, a few pages at a time
	 * (measured on a million persons: 0.1 s less than building it
	 * after).
	 */
	if (!has)
		ld->hseen = xcalloc((size_t)1 << (HSEEN_BITS - 3), 1);
	ld->hthreads = sqlite3_threadsafe() == 1;
	ld->hfeed = store_insert(ld->db, "households", hcols, 5, STORE_FEED,
	    &why);
	if (ld->hfeed == NULL) {
		warn("store: %s", why);
		return -1;
	}
	ld->hfind = prep(ld->db, "SELECT rowid, village_code, block, address "
	    "FROM households WHERE household_id = ?");
	ld->hupd = prep(ld->db, "UPDATE households SET persons = "
	    "coalesce(persons, 0) + ?, block = coalesce(block, ?), "
	    "address = coalesce(address, ?) WHERE rowid = ?");
	ld->derive = 1;
	return ld->hfind && ld->hupd ? 0 : -1;
}

static void
bindsb(sqlite3_stmt *st, int i, const struct sbuf *b, int has)
{
	if (has)
		sqlite3_bind_text(st, i, b->s, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/*
 * Derived households are written a batch at a time, by a thread of
 * their own while the rows are read on: one SQLite connection serves
 * both threads (it is opened serialised: each call holds its mutex),
 * and each statement is one thread's.  The main thread waits for the
 * writing (hb_join()) before it looks a household up, and at the end;
 * the writing thread touches only hwrite, hfeed, the feed's position
 * and its own result.  On a million persons, writing households had
 * been a fifth of the main thread's samples (perf).
 */

/* Writes ld->hwrite: the SQLite result, and its message in hmsg. */
static int
hb_write(struct load *ld)
{
	int rc;

	ld->feeding = FEED_HOUSEHOLDS;
	ld->fi = 0;
	rc = sqlite3_step(ld->hfeed);
	if (rc != SQLITE_DONE)
		snprintf(ld->hmsg, sizeof ld->hmsg, "%s",
		    sqlite3_errmsg(ld->db));
	sqlite3_reset(ld->hfeed);
	ld->feeding = FEED_PERSONS;
	return rc;
}

/* Empties a batch written, to be filled again (by the main thread: the
   other may still read it, hb_find(), while it is written). */
static void
hb_reset(struct hbatch *b)
{
	b->n = 0;
	sbuf_reset(&b->s);
	memset(b->slot, 0, sizeof b->slot);
}

/* The household id (of hash h) in batch b, not yet written: its row,
   or NULL. */
static struct hrow *
hb_find(struct hbatch *b, const char *id, size_t n, uint64_t h)
{
	size_t i;
	uint32_t k;

	for (i = h & (HSLOTS - 1); (k = b->slot[i]) != 0;
	    i = (i + 1) & (HSLOTS - 1)) {
		struct hrow *r = &b->rows[k - 1];

		if ((size_t)r->idn == n && memcmp(b->s.s + r->id, id, n) == 0)
			return r;
	}
	return NULL;
}

static void *
hb_writer(void *arg)
{
	struct load *ld = arg;

	ld->hrc = hb_write(ld);
	return NULL;
}

/* Waits for the households being written; 0 or -1 (said). */
static int
hb_join(struct load *ld)
{
	if (!ld->hbusy)
		return 0;
	pthread_join(ld->hthread, NULL);
	ld->hbusy = 0;
	if (ld->hrc != SQLITE_DONE) {
		warn("store: households: %s", ld->hmsg);
		return -1;
	}
	return 0;
}

/* Writes the batch being filled: by the thread, or here and now when
   wait (then every household derived so far is in the table).  0 or -1
   (said). */
static int
hb_flush(struct load *ld, int wait)
{
	struct hbatch *b = &ld->hbat[ld->hcur];

	if (hb_join(ld) < 0)
		return -1;
	if (b->n == 0)
		return 0;
	ld->hwrite = b;
	if (!wait && ld->hthreads) {
		ld->hcur = !ld->hcur;
		hb_reset(&ld->hbat[ld->hcur]);	/* written before */
		if (pthread_create(&ld->hthread, NULL, hb_writer, ld) == 0) {
			ld->hbusy = 1;
			return 0;
		}
		ld->hcur = !ld->hcur;
	}
	ld->hrc = hb_write(ld);
	hb_reset(b);
	if (ld->hrc != SQLITE_DONE) {
		warn("store: households: %s", ld->hmsg);
		return -1;
	}
	return 0;
}

/* Appends b (has: else NULL) to the households batch: its offset. */
static size_t
hb_add(struct load *ld, const struct sbuf *b, int has, int *len)
{
	struct sbuf *s = &ld->hbat[ld->hcur].s;
	size_t off = s->len;

	*len = has ? (int)b->len : -1;
	if (has)
		sbuf_add(s, b->s, b->len);
	return off;
}

/* Writes the current household (a new one joins the batch); 0 or -1. */
static int
hh_flush(struct load *ld)
{
	struct hh *h = &ld->hh;
	struct hrow *hr;
	sqlite3_stmt *st;
	int rc;

	if (h->state == HH_NEW && h->count > 0) {
		/* a household none of whose members loaded is not made */
		struct hbatch *hb = &ld->hbat[ld->hcur];
		size_t i = h->hash & (HSLOTS - 1);

		while (hb->slot[i] != 0)
			i = (i + 1) & (HSLOTS - 1);
		hb->slot[i] = (uint32_t)hb->n + 1;
		hr = &hb->rows[hb->n++];
		hr->id = hb_add(ld, &h->id, 1, &hr->idn);
		hr->village = hb_add(ld, &h->village, 1, &hr->villagen);
		hr->block = hb_add(ld, &h->block, h->hasblock, &hr->blockn);
		hr->address = hb_add(ld, &h->address, h->hasaddr,
		    &hr->addressn);
		hr->count = h->count;
		ld->nderived++;
		h->state = HH_NONE;
		return hb->n == BATCH_ROWS ? hb_flush(ld, 0) : 0;
	} else if (h->state == HH_PENDING) {
		/* derived earlier in this run, still in the batch */
		hr = &ld->hbat[ld->hcur].rows[h->prow];
		hr->count += h->count;
		if (hr->blockn < 0 && h->hasblock)
			hr->block = hb_add(ld, &h->block, 1, &hr->blockn);
		if (hr->addressn < 0 && h->hasaddr)
			hr->address = hb_add(ld, &h->address, 1,
			    &hr->addressn);
		h->state = HH_NONE;
		return 0;
	} else if (h->state == HH_MERGE && h->count > 0) {
		st = ld->hupd;
		sqlite3_bind_int64(st, 1, h->count);
		bindsb(st, 2, &h->block, h->hasblock);
		bindsb(st, 3, &h->address, h->hasaddr);
		sqlite3_bind_int64(st, 4, h->rowid);
	} else {
		h->state = HH_NONE;
		return 0;
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	h->state = HH_NONE;
	if (rc != SQLITE_DONE) {
		warn("store: households: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	return 0;
}

static void
sbset(struct sbuf *b, const char *s, size_t n)
{
	sbuf_reset(b);
	sbuf_add(b, s, n);
}

/*
 * Makes the household of the current row current (writing the one
 * before): HH_NEW when its id is not in the store, HH_MERGE when this
 * run derived it already, HH_SKIP when it was there before.  0 or -1.
 */
static int
hh_enter(struct load *ld, const struct colval *id)
{
	struct hh *h = &ld->hh;
	struct hrow *hr;
	const char *s;
	int rc;

	if (h->state != HH_NONE && h->id.len == id->n &&
	    memcmp(h->id.s, id->s, id->n) == 0)
		return 0;
	if (hh_flush(ld) < 0)
		return -1;
	sbset(&h->id, id->s, id->n);
	h->count = 0;
	h->hasblock = h->hasaddr = 0;
	sbset(&h->village, "", 0);
	h->hash = hash_bytes(id->s, id->n);
	if (ld->hseen) {
		uint64_t k = h->hash >> (64 - HSEEN_BITS);
		unsigned char bit = (unsigned char)(1u << (k & 7));

		if (!(ld->hseen[k >> 3] & bit)) {
			ld->hseen[k >> 3] |= bit;
			h->state = HH_NEW;	/* surely not in the store */
			return 0;
		}
	}
	/* perhaps derived earlier in this run: in the batch being filled,
	   in the one being written (then wait for it), or in the table */
	if ((hr = hb_find(&ld->hbat[ld->hcur], id->s, id->n, h->hash))) {
		const struct hbatch *b = &ld->hbat[ld->hcur];

		h->state = HH_PENDING;
		h->prow = (size_t)(hr - b->rows);
		sbset(&h->village, b->s.s + hr->village, (size_t)hr->villagen);
		if (hr->blockn >= 0) {
			sbset(&h->block, b->s.s + hr->block, (size_t)hr->blockn);
			h->hasblock = 1;
		}
		h->hasaddr = hr->addressn >= 0;
		return 0;
	}
	if (ld->hbusy && hb_find(ld->hwrite, id->s, id->n, h->hash) &&
	    hb_join(ld) < 0)
		return -1;
	sqlite3_bind_text(ld->hfind, 1, h->id.s, (int)h->id.len, SQLITE_STATIC);
	rc = sqlite3_step(ld->hfind);
	if (rc == SQLITE_DONE)
		h->state = HH_NEW;
	else if (rc == SQLITE_ROW) {
		h->rowid = sqlite3_column_int64(ld->hfind, 0);
		h->state = h->rowid > ld->hbase ? HH_MERGE : HH_SKIP;
		if ((s = (const char *)sqlite3_column_text(ld->hfind, 1)))
			sbset(&h->village, s, strlen(s));
		if ((s = (const char *)sqlite3_column_text(ld->hfind, 2))) {
			sbset(&h->block, s, strlen(s));
			h->hasblock = 1;
		}
		h->hasaddr = sqlite3_column_type(ld->hfind, 3) != SQLITE_NULL;
	} else {
		warn("store: households: %s", sqlite3_errmsg(ld->db));
		sqlite3_reset(ld->hfind);
		return -1;
	}
	sqlite3_reset(ld->hfind);
	return 0;
}

/*
 * Checks the current person against the earlier members of its
 * household; 0, or 1 having rejected the row.  Changes nothing: the row
 * may still fail to load.
 */
static int
hh_check(struct load *ld, csvr *r, struct gw_rec *rec)
{
	static struct sbuf where;
	struct hh *h = &ld->hh;
	const struct colval *vv = &ld->v[ld->ivillage];
	const struct colval *vb = &ld->v[ld->iblock];
	const struct colval *got;
	const struct sbuf *have;
	const char *col;

	if (h->state == HH_SKIP || h->state == HH_NONE ||
	    (h->state == HH_NEW && h->count == 0))
		return 0;
	if (h->village.len != vv->n || memcmp(h->village.s, vv->s, vv->n)) {
		col = "village_code";
		have = &h->village;
		got = vv;
	} else if (h->hasblock && vb->kind == CV_TEXT &&
	    (h->block.len != vb->n || memcmp(h->block.s, vb->s, vb->n))) {
		col = "block";
		have = &h->block;
		got = vb;
	} else
		return 0;
	sbuf_reset(&where);
	if (h->state == HH_NEW)
		sbuf_addf(&where, "first member at %s:%ld", ld->files[h->file],
		    h->line);
	else
		sbuf_adds(&where, "as its earlier members");
	reject(ld, r, rec, col, "household '%s' has %s '%s' (%s), not '%.*s'",
	    h->id.s, col, have->s, where.s, (int)got->n, got->s);
	return 1;
}

/* The current person loaded: counts it in its household. */
static void
hh_count(struct load *ld, size_t file, long line)
{
	struct hh *h = &ld->hh;
	const struct colval *vb = &ld->v[ld->iblock];
	const struct colval *va = &ld->v[ld->iaddress];

	if (h->state == HH_SKIP)
		return;
	if (h->state == HH_NEW && h->count == 0) {
		sbset(&h->village, ld->v[ld->ivillage].s,
		    ld->v[ld->ivillage].n);
		h->file = file;
		h->line = line;
	}
	if (!h->hasblock && vb->kind == CV_TEXT) {
		sbset(&h->block, vb->s, vb->n);
		h->hasblock = 1;
	}
	if (!h->hasaddr && va->kind == CV_TEXT) {
		sbset(&h->address, va->s, va->n);
		h->hasaddr = 1;
	}
	h->count++;
}

/* --- the load -------------------------------------------------------- */

static void
progress(struct load *ld, int last)
{
	struct timespec now;
	double dt, pct;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (last) {
		if (ld->shown)
			fputs("\r\033[K", stderr);
		ld->shown = 0;
		return;
	}
	/* the first at once, so that even a short load shows one */
	if (ld->lines > 0 && elapsed(&ld->tlast, &now) < 0.5)
		return;
	ld->lines++;
	ld->tlast = now;
	dt = elapsed(&ld->t0, &now);
	fprintf(stderr, "\r%s: %ld rows, %.0f rows/s", ld->table,
	    ld->run->nread, dt > 0 ? ld->run->nread / dt : 0.0);
	if (ld->fsize > 0) {
		/* bytes as decoded: a GB18030 file's grow by half */
		pct = 100.0 * ld->fbytes / (double)ld->fsize;
		fprintf(stderr, ", %.0f%% of %s", pct > 99 ? 99 : pct,
		    ld->files[ld->nfiles - 1]);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	ld->shown = 1;
}

/* Prepares the INSERT statements over the columns this file has. */
static int
prepare_file(struct load *ld)
{
	const char **names = xcalloc(ld->ncol, sizeof *names);
	const char *why;
	size_t i, n = 0;

	sqlite3_finalize(ld->ins);
	sqlite3_finalize(ld->ups);
	ld->ins = ld->ups = NULL;
	if (ld->sorted) {	/* load_sorted() writes, by wstmt_get() */
		free(names);
		return 0;
	}
	for (i = 0; i < ld->ncol; i++)
		if (ld->in[i] >= 0)
			names[n++] = ld->col[i].name;
	ld->ins = store_insert(ld->db, ld->table, names, n, STORE_INSERT, &why);
	if (ld->ins && ld->update)
		ld->ups = store_insert(ld->db, ld->table, names, n,
		    STORE_UPSERT, &why);
	free(names);
	if (ld->ins == NULL || (ld->update && ld->ups == NULL)) {
		warn("store: %s", why);
		return -1;
	}
	return 0;
}

static int
on_header(csvr *r, void *arg)
{
	struct load *ld = arg;
	struct stat st;
	const char *name = csvr_name(r);
	size_t i;
	int missing = 0;

	ld->files = xreallocarray(ld->files, ld->nfiles + 1,
	    sizeof *ld->files);
	ld->files[ld->nfiles++] = xstrdup(name);
	ld->fsize = -1;
	ld->fbytes = 0;
	if (ld->tty && strcmp(name, "stdin") != 0 && stat(name, &st) == 0 &&
	    S_ISREG(st.st_mode))
		ld->fsize = st.st_size;
	if (csvr_ncols(r) == 0) {	/* an empty file: no rows */
		for (i = 0; i < ld->ncol; i++)
			ld->in[i] = -1;
		return 0;
	}
	for (i = 0; i < ld->ncol; i++) {
		ld->in[i] = csvr_col(r, ld->col[i].name);
		if (ld->in[i] < 0 && (ld->col[i].required || ld->col[i].pk)) {
			warn("%s: no column '%s', which table '%s' requires",
			    name, ld->col[i].name, ld->table);
			missing = 1;
		}
	}
	if (missing)
		return -1;
	return prepare_file(ld);
}

/* Checks the values of rec into ld->v; 0, or 1 having rejected it. */
static int
check_row(struct load *ld, csvr *r, struct gw_rec *rec)
{
	const struct colspec_col *c;
	const char *why;
	size_t i;
	int k;

	for (i = 0; i < ld->ncol; i++) {
		c = &ld->col[i];
		if (ld->in[i] < 0 || (size_t)ld->in[i] >= rec->nf) {
			ld->v[i].kind = CV_NULL;
			continue;
		}
		if (colspec_check(ld->cs, c, rec->f[ld->in[i]],
		    rec->len[ld->in[i]], &ld->v[i], &why) < 0) {
			reject(ld, r, rec, c->name, "%s", why);
			return 1;
		}
	}
	for (i = 0; i < ld->ncol; i++) {
		c = &ld->col[i];
		if (c->starts >= 0 && colspec_starts(c, &ld->v[i],
		    &ld->v[c->starts], ld->col[c->starts].name, &why) < 0) {
			reject(ld, r, rec, c->name, "%s", why);
			return 1;
		}
	}
	for (i = 0; i < ld->ncol; i++) {
		if (ld->link[i].st == NULL || ld->v[i].kind != CV_TEXT)
			continue;
		if ((k = linked(ld, &ld->link[i], &ld->v[i])) < 0)
			return -1;
		if (k == 0) {
			reject(ld, r, rec, ld->col[i].name,
			    "'%.*s' is not in %s.%s", (int)ld->v[i].n,
			    ld->v[i].s, ld->col[i].link_table,
			    ld->col[i].link_col);
			return 1;
		}
	}
	return 0;
}

static int
bindrow(struct load *ld, sqlite3_stmt *st)
{
	size_t i;
	int k = 1;

	sqlite3_reset(st);
	for (i = 0; i < ld->ncol; i++)
		if (ld->in[i] >= 0 && colval_bind(st, k++, &ld->v[i]) !=
		    SQLITE_OK) {
			warn("store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
	return 0;
}

/*
 * A row whose key is taken: a duplicate of this run, or a row of the
 * store, replaced under --update.  0 updated, 1 rejected, -1 fatal.
 */
static int
conflict(struct load *ld, csvr *r, struct gw_rec *rec)
{
	static struct sbuf key;
	int64_t rowid;
	size_t file;
	long line;
	int rc;

	if ((rowid = findkey(ld)) < 0)
		return -1;
	if (rowid == 0) {	/* not the key: some other constraint */
		warn("store: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	if (rowid > ld->base || (ld->oldrows && u64map_get(ld->oldrows,
	    (uint64_t)rowid, NULL))) {
		if (bp_find(ld, rowid, &file, &line) == 0)
			reject(ld, r, rec, ld->keycols.s, "duplicate key "
			    "%s, first at %s:%ld", keytext(ld, &key),
			    ld->files[file], line);
		else
			reject(ld, r, rec, ld->keycols.s, "duplicate key "
			    "%s", keytext(ld, &key));
		return 1;
	}
	if (!ld->update) {
		reject(ld, r, rec, ld->keycols.s, "key %s already in the "
		    "store (--update replaces it)", keytext(ld, &key));
		return 1;
	}
	if (bindrow(ld, ld->ups) < 0)
		return -1;
	rc = sqlite3_step(ld->ups);
	sqlite3_reset(ld->ups);
	if (rc != SQLITE_DONE) {
		warn("store: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	if (!ld->oldrows)
		ld->oldrows = u64map_new(0);
	u64map_put(ld->oldrows, (uint64_t)rowid,
	    (uint64_t)(ld->nfiles - 1) << 40 | (uint64_t)rec->line);
	ld->nupdated++;
	return 0;
}

/* --- tables keyed by their rowid: sorted loads ----------------------- */

/*
 * A persons load writes its rows in rowid order, so that SQLite appends
 * them page after page instead of splitting pages all over the table:
 * on_record() checks each row as it comes (values, links, its household,
 * the store) and pack()s it into an external sort (bounded memory:
 * SORT_MEM, then temporary files); load_sorted() reads the rows back in
 * key order and writes them.  A key repeated in the input comes back
 * next to its first row (the sort is stable), which is how duplicates
 * are found with no set of keys in memory.  They are said after the
 * other rejections, and the household their row had been counted in
 * loses it again (hh_unload()).
 *
 * A packed row: the key (8 bytes, big-endian, so that memcmp orders
 * it), a flag byte (1: replaces a row of the store), file (uint32), line
 * (int64), the mask of columns present (uint64), each column's checked
 * value (kind byte, then int64 | double | uint32 length and bytes), then
 * the input fields (uint32 count; uint32 length and bytes each, or
 * SAME_AS | i for a field that is column i's text) for a rejection.
 */

/* Memory of the sort before it spills to temporary files. */
#define SORT_MEM (48 << 20)

/* packed rows by key, rejections by (file, line): big-endian prefixes */
static int
bykey(const void *a, size_t al, const void *b, size_t bl, void *arg)
{
	(void)al, (void)bl, (void)arg;
	return memcmp(a, b, 8);
}

static int
byline(const void *a, size_t al, const void *b, size_t bl, void *arg)
{
	(void)al, (void)bl, (void)arg;
	return memcmp(a, b, 12);
}

static void
put_be(struct sbuf *b, uint64_t v, int n)
{
	while (n-- > 0)
		sbuf_addc(b, (unsigned char)(v >> (8 * n)));
}

static uint64_t
get_be(const char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | (unsigned char)p[i];
	return v;
}

/* The input fields of a row (put_unpacked_fields()): uint32 count,
   then uint32 length and bytes each; get_fields() reads them back into
   f as a gw_rec. */
struct fields {
	struct gw_rec rec;	/* f[i] point into text, NUL-terminated */
	struct sbuf text;
	size_t *off, cap;
};

static void
get_fields(const char *p, struct fields *fs, long line)
{
	uint32_t u32;
	size_t i, nf;

	memcpy(&u32, p, 4), p += 4;
	nf = u32;
	if (nf > fs->cap) {
		fs->cap = nf;
		fs->off = xreallocarray(fs->off, nf, sizeof *fs->off);
		fs->rec.f = xreallocarray(fs->rec.f, nf, sizeof *fs->rec.f);
		fs->rec.len = xreallocarray(fs->rec.len, nf,
		    sizeof *fs->rec.len);
	}
	sbuf_reset(&fs->text);
	for (i = 0; i < nf; i++) {
		memcpy(&u32, p, 4), p += 4;
		fs->off[i] = fs->text.len;
		fs->rec.len[i] = u32;
		sbuf_add(&fs->text, p, u32);
		sbuf_addc(&fs->text, '\0');
		p += u32;
	}
	for (i = 0; i < nf; i++)	/* after the last growth */
		fs->rec.f[i] = fs->text.s + fs->off[i];
	fs->rec.nf = nf;
	fs->rec.line = line;
}

static void
fields_free(struct fields *fs)
{
	sbuf_free(&fs->text);
	free(fs->off);
	free(fs->rec.f);
	free(fs->rec.len);
}

/* A packed input field that is the text of column i, as checked. */
#define SAME_AS 0x80000000u

static char *
put(char *p, const void *v, size_t n)
{
	memcpy(p, v, n);
	return p + n;
}

/*
 * Packs the checked row, writing into one buffer sized first.  An input
 * field whose bytes are its column's checked text (most of them) is
 * packed as SAME_AS | column, not twice: measured on a million persons,
 * 224 MB to sort instead of 346.
 */
static void
pack(struct load *ld, uint64_t key, int update, const struct gw_rec *rec)
{
	struct sbuf *b = &ld->pk1;
	uint64_t mask = 0;
	uint32_t u32, *same = ld->same;
	int64_t line = rec->line;
	size_t i, j, size = 8 + 1 + 4 + 8 + 8 + 4;
	char *p;

	if (rec->nf > ld->nsame) {
		ld->nsame = rec->nf;
		ld->same = same = xreallocarray(ld->same, ld->nsame,
		    sizeof *ld->same);
	}
	for (j = 0; j < rec->nf; j++)
		same[j] = 0;
	for (i = 0; i < ld->ncol; i++) {
		const struct colval *v = &ld->v[i];
		int f = ld->in[i];

		size += 1 + 8 + (v->kind == CV_TEXT ? v->n : 0);
		if (f < 0)
			continue;
		mask |= (uint64_t)1 << i;
		if (v->kind == CV_TEXT && (size_t)f < rec->nf &&
		    rec->len[f] == v->n && memcmp(rec->f[f], v->s, v->n) == 0)
			same[f] = SAME_AS | (uint32_t)i;
	}
	for (j = 0; j < rec->nf; j++)
		size += 4 + (same[j] ? 0 : rec->len[j]);
	sbuf_reset(b);
	sbuf_grow(b, size);
	p = b->s;
	for (i = 0; i < 8; i++)
		*p++ = (char)(key >> (8 * (7 - i)));
	*p++ = (char)update;
	u32 = (uint32_t)(ld->nfiles - 1);
	p = put(p, &u32, 4);
	p = put(p, &line, 8);
	p = put(p, &mask, 8);
	for (i = 0; i < ld->ncol; i++) {
		const struct colval *v = &ld->v[i];

		*p++ = (char)v->kind;
		if (v->kind == CV_INT)
			p = put(p, &v->i, 8);
		else if (v->kind == CV_REAL)
			p = put(p, &v->d, 8);
		else if (v->kind == CV_TEXT) {
			u32 = (uint32_t)v->n;
			p = put(p, &u32, 4);
			p = put(p, v->s, v->n);
		}
	}
	u32 = (uint32_t)rec->nf;
	p = put(p, &u32, 4);
	for (j = 0; j < rec->nf; j++) {
		u32 = same[j] ? same[j] : (uint32_t)rec->len[j];
		p = put(p, &u32, 4);
		if (!same[j])
			p = put(p, rec->f[j], rec->len[j]);
	}
	b->len = (size_t)(p - b->s);
	xsort_add(ld->xs, b->s, b->len);
}

/* The input fields of the unpacked row, as read, with the fields
   pack() took from their columns put back. */
static void
put_unpacked_fields(struct load *ld, struct sbuf *b, const char *p)
{
	uint32_t nf, u32;
	size_t j;

	memcpy(&nf, p, 4), p += 4;
	sbuf_add(b, (const char *)&nf, 4);
	for (j = 0; j < nf; j++) {
		memcpy(&u32, p, 4), p += 4;
		if (u32 & SAME_AS) {
			const struct colval *v = &ld->v[u32 & ~SAME_AS];

			u32 = (uint32_t)v->n;
			sbuf_add(b, (const char *)&u32, 4);
			sbuf_add(b, v->s, v->n);
		} else {
			sbuf_add(b, (const char *)&u32, 4);
			sbuf_add(b, p, u32);
			p += u32;
		}
	}
}

/* Reads the packed row p[0..n) into *pr and ld->v (values point into p,
   which must stay as it is while they are used). */
static void
unpack(struct load *ld, const char *p, size_t n, struct packed *pr)
{
	const char *end = p + n;
	uint32_t u32;
	int64_t line;
	size_t i;

	pr->key = get_be(p, 8), p += 8;
	pr->update = *p++;
	memcpy(&u32, p, 4), p += 4;
	pr->file = u32;
	memcpy(&line, p, 8), p += 8;
	pr->line = (long)line;
	memcpy(&pr->mask, p, 8), p += 8;
	for (i = 0; i < ld->ncol; i++) {
		struct colval *v = &ld->v[i];

		v->kind = (unsigned char)*p++;
		if (v->kind == CV_INT)
			memcpy(&v->i, p, 8), p += 8;
		else if (v->kind == CV_REAL)
			memcpy(&v->d, p, 8), p += 8;
		else if (v->kind == CV_TEXT) {
			memcpy(&u32, p, 4), p += 4;
			v->n = u32;
			v->s = p;
			p += u32;
		}
	}
	pr->fields = p;
	pr->nfields = (size_t)(end - p);
}

/* The statements for rows with the columns of mask; NULL (said). */
static struct wstmt *
wstmt_get(struct load *ld, uint64_t mask)
{
	struct wstmt *w;
	const char **names = xcalloc(ld->ncol + 1, sizeof *names);
	const char *why;
	size_t i, n = 0;

	for (i = 0; i < ld->nws; i++)
		if (ld->ws[i].mask == mask) {
			free(names);
			return &ld->ws[i];
		}
	names[n++] = "rowid";
	for (i = 0; i < ld->ncol; i++)
		if (mask >> i & 1)
			names[n++] = ld->col[i].name;
	ld->ws = xreallocarray(ld->ws, ld->nws + 1, sizeof *ld->ws);
	w = &ld->ws[ld->nws++];
	w->mask = mask;
	w->ins = store_insert(ld->db, ld->table, names, n, STORE_INSERT, &why);
	w->ups = w->ins ? store_insert(ld->db, ld->table, names, n,
	    STORE_UPSERT, &why) : NULL;
	w->feed = w->ups ? store_insert(ld->db, ld->table, names, n,
	    STORE_FEED, &why) : NULL;
	free(names);
	if (w->feed == NULL) {
		warn("store: %s", why);
		return NULL;
	}
	return w;
}

/* Writes the unpacked row: SQLITE_DONE, or the step's error. */
static int
write_sorted(struct load *ld, const struct packed *pr)
{
	struct wstmt *w;
	sqlite3_stmt *st;
	size_t i;
	int k = 1, rc;

	if ((w = wstmt_get(ld, pr->mask)) == NULL)
		return SQLITE_ERROR;
	st = pr->update ? w->ups : w->ins;
	sqlite3_bind_int64(st, k++, (sqlite3_int64)pr->key);
	for (i = 0; i < ld->ncol; i++)
		if (pr->mask >> i & 1)
			colval_bind(st, k++, &ld->v[i]);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
}

/* A person of this run not loaded after all: its household, derived in
   this run, counts one member less, and is unmade at none.  0 or -1. */
static int
hh_unload(struct load *ld)
{
	const struct colval *id = &ld->v[ld->ihousehold];
	int rc;

	if (!ld->derive)
		return 0;
	if (ld->hdec == NULL) {
		ld->hdec = prep(ld->db, "UPDATE households SET persons = "
		    "persons - 1 WHERE household_id = ? AND rowid > ?");
		ld->hdel = prep(ld->db, "DELETE FROM households WHERE "
		    "household_id = ? AND rowid > ? AND persons = 0");
		if (ld->hdec == NULL || ld->hdel == NULL)
			return -1;
	}
	sqlite3_bind_text(ld->hdec, 1, id->s, (int)id->n, SQLITE_STATIC);
	sqlite3_bind_int64(ld->hdec, 2, ld->hbase);
	rc = sqlite3_step(ld->hdec);
	sqlite3_reset(ld->hdec);
	if (rc == SQLITE_DONE) {
		sqlite3_bind_text(ld->hdel, 1, id->s, (int)id->n,
		    SQLITE_STATIC);
		sqlite3_bind_int64(ld->hdel, 2, ld->hbase);
		rc = sqlite3_step(ld->hdel);
		sqlite3_reset(ld->hdel);
		ld->nderived -= sqlite3_changes(ld->db);
	}
	if (rc != SQLITE_DONE) {
		warn("store: households: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	return 0;
}

/*
 * A row of the sorted phase refused: counted, taken out of its household
 * and kept, to be said in input order after the others (say_sorted()):
 * (file, line) big-endian, column and message NUL-terminated, the input
 * fields as packed.  0, or -1 when fatal or --max-rejects is exceeded.
 */
static int
reject_sorted(struct load *ld, const struct packed *pr, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
reject_sorted(struct load *ld, const struct packed *pr, const char *col,
    const char *fmt, ...)
{
	struct sbuf *b = &ld->pk1;
	va_list ap;

	sbuf_reset(b);
	put_be(b, pr->file, 4);
	put_be(b, (uint64_t)pr->line, 8);
	sbuf_add(b, col ? col : "", col ? strlen(col) + 1 : 1);
	va_start(ap, fmt);
	sbuf_vaddf(b, fmt, ap);
	va_end(ap);
	sbuf_addc(b, '\0');
	put_unpacked_fields(ld, b, pr->fields);
	if (ld->rejx == NULL)
		ld->rejx = xsort_new(SORT_MEM / 8, byline, NULL);
	xsort_add(ld->rejx, b->s, b->len);
	ld->npend++;
	ld->run->nok--;
	if (hh_unload(ld) < 0)
		return -1;
	if (ld->maxrej >= 0 && ld->run->nrej + ld->npend > ld->maxrej) {
		ld->aborted = 1;
		return -1;
	}
	return 0;
}

/* Says the rejections of the sorted phase, in input order. */
static void
say_sorted(struct load *ld)
{
	struct fields fs;
	const char *p, *col, *msg;
	const void *r;
	size_t n, file;
	long line;

	if (ld->rejx == NULL)
		return;
	memset(&fs, 0, sizeof fs);
	while (xsort_next(ld->rejx, &r, &n)) {
		p = r;
		file = (size_t)get_be(p, 4);
		line = (long)get_be(p + 4, 8);
		col = p + 12;
		msg = col + strlen(col) + 1;
		get_fields(msg + strlen(msg) + 1, &fs, line);
		gw_reject(ld->run, ld->files[file], line, *col ? col : NULL,
		    &fs.rec, "%s", msg);
		ld->npend--;
	}
	xsort_free(ld->rejx);
	ld->rejx = NULL;
	fields_free(&fs);
}

/* A sorted row whose write failed: refused when a constraint failed,
   else fatal.  0, or -1 (said, or --max-rejects exceeded). */
static int
refused(struct load *ld, const struct packed *pr)
{
	if ((sqlite3_extended_errcode(ld->db) & 0xff) == SQLITE_CONSTRAINT)
		return reject_sorted(ld, pr, NULL, "refused by the store: %s",
		    sqlite3_errmsg(ld->db));
	warn("store: %s", sqlite3_errmsg(ld->db));
	return -1;
}

/* The feed of the batch (store_feed()): its rows in turn. */
static int
feed_next(void *arg)
{
	struct load *ld = arg;

	if (ld->feeding == FEED_HOUSEHOLDS) {
		if (ld->fi >= ld->hwrite->n)
			return 0;
		ld->fh = &ld->hwrite->rows[ld->fi++];
		return 1;
	}
	if (ld->fi >= ld->nb)
		return 0;
	unpack(ld, ld->batch.s + ld->boff[ld->fi],
	    ld->boff[ld->fi + 1] - ld->boff[ld->fi], &ld->fpr);
	ld->fi++;
	return 1;
}

/* column i of the household being fed: id, village, block, address */
static void
feed_hh(struct load *ld, sqlite3_context *ctx, int i)
{
	const struct hrow *h = ld->fh;
	size_t off[] = { h->id, h->village, h->block, h->address };
	int len[] = { h->idn, h->villagen, h->blockn, h->addressn };

	if (i >= 4)
		sqlite3_result_int64(ctx, h->count);
	else if (len[i] < 0)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, ld->hwrite->s.s + off[i], len[i],
		    SQLITE_STATIC);
}

static void
feed_column(void *arg, sqlite3_context *ctx, int i)
{
	struct load *ld = arg;

	if (ld->feeding == FEED_HOUSEHOLDS)
		feed_hh(ld, ctx, i);
	else if (i == 0)
		sqlite3_result_int64(ctx, (sqlite3_int64)ld->fpr.key);
	else
		colval_result(ctx, &ld->v[ld->fcol[i - 1]]);
}

/* Writes the batch: one statement, or row by row when a constraint
   refuses it, to find the rows at fault.  0 or -1 (said). */
static int
flush_batch(struct load *ld)
{
	struct wstmt *w;
	struct packed pr;
	size_t i, k = 0;
	int rc, ext, st = 0;

	if (ld->nb == 0)
		return 0;
	if ((w = wstmt_get(ld, ld->bmask)) == NULL)
		return -1;
	for (i = 0; i < ld->ncol; i++)
		if (ld->bmask >> i & 1)
			ld->fcol[k++] = i;
	ld->fi = 0;
	rc = sqlite3_step(w->feed);
	sqlite3_reset(w->feed);
	if (rc != SQLITE_DONE) {
		ext = sqlite3_extended_errcode(ld->db);
		if ((ext & 0xff) != SQLITE_CONSTRAINT) {
			warn("store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		/* the statement is undone: again, a row at a time */
		for (i = 0; i < ld->nb && st == 0; i++) {
			unpack(ld, ld->batch.s + ld->boff[i],
			    ld->boff[i + 1] - ld->boff[i], &pr);
			if (write_sorted(ld, &pr) != SQLITE_DONE)
				st = refused(ld, &pr);
		}
	}
	ld->nb = 0;
	sbuf_reset(&ld->batch);
	return st;
}

/* The key, flag, file, line and mask of a packed row (pack()), without
   its values. */
static void
unpack_head(const char *p, struct packed *pr)
{
	uint32_t file;
	int64_t line;

	pr->key = get_be(p, 8);
	pr->update = p[8];
	memcpy(&file, p + 9, 4);
	memcpy(&line, p + 13, 8);
	pr->file = file;
	pr->line = (long)line;
	memcpy(&pr->mask, p + 21, 8);
}

/* The second phase of a sorted load; 0 or -1 (said). */
static int
load_sorted(struct load *ld)
{
	static struct sbuf key;
	struct packed pr;
	const void *p;
	size_t n, pfile = 0;
	uint64_t prev = 0;
	long pline = 0;
	int have = 0, rc, st = 0;

	if (ld->derive && (hh_flush(ld) < 0 || hb_flush(ld, 1) < 0))
		return -1;
	if (ld->tty)
		progress(ld, 1);
	while (st == 0 && xsort_next(ld->xs, &p, &n)) {
		unpack_head(p, &pr);
		if (have && pr.key == prev) {
			unpack(ld, p, n, &pr);
			st = reject_sorted(ld, &pr, ld->keycols.s, "duplicate "
			    "key %s, first at %s:%ld", keytext(ld, &key),
			    ld->files[pfile], pline);
			continue;
		}
		if (!pr.update) {
			/* a batch has the rows of one set of columns */
			if (ld->nb > 0 && pr.mask != ld->bmask &&
			    (st = flush_batch(ld)) < 0)
				break;
			ld->bmask = pr.mask;
			ld->boff[ld->nb] = ld->batch.len;
			sbuf_add(&ld->batch, p, n);
			ld->boff[++ld->nb] = ld->batch.len;
			have = 1;
			prev = pr.key;
			pfile = pr.file;
			pline = pr.line;
			if (ld->nb == BATCH_ROWS)
				st = flush_batch(ld);
			continue;
		}
		if ((st = flush_batch(ld)) < 0)
			break;
		unpack(ld, p, n, &pr);
		rc = write_sorted(ld, &pr);
		if (rc == SQLITE_DONE) {
			have = 1;
			prev = pr.key;
			pfile = pr.file;
			pline = pr.line;
			ld->nupdated += pr.update;
			continue;
		}
		st = refused(ld, &pr);
	}
	if (st == 0)
		st = flush_batch(ld);
	say_sorted(ld);
	return st;
}

/* Phase one of a sorted load for a checked row: refused when its key is
   in the store (unless --update), else packed.  0 or 1 (rejected), -1. */
static int
stash(struct load *ld, csvr *r, struct gw_rec *rec)
{
	static struct sbuf key;
	const struct colval *v = &ld->v[ld->rk];
	int64_t rowid = idkey_rowid(v->s, v->n);
	int rc, update = 0;

	if (rowid < 0) {	/* colspec_check() made it 18 characters */
		warn("%s:%ld: key not an identity number", csvr_name(r),
		    rec->line);
		return -1;
	}
	if (!ld->empty) {
		sqlite3_bind_int64(ld->rfind, 1, rowid);
		rc = sqlite3_step(ld->rfind);
		sqlite3_reset(ld->rfind);
		if (rc == SQLITE_ROW && !ld->update) {
			reject(ld, r, rec, ld->keycols.s, "key %s already in "
			    "the store (--update replaces it)",
			    keytext(ld, &key));
			return 1;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			warn("store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		update = rc == SQLITE_ROW;
	}
	pack(ld, (uint64_t)rowid, update, rec);
	return 0;
}

static int
on_record(csvr *r, struct gw_rec *rec, void *arg)
{
	struct load *ld = arg;
	size_t i;
	int k, rc, ext;

	if (ld->tty) {
		for (i = 0; i < rec->nf; i++)
			ld->fbytes += (double)rec->len[i] + 1;
		if ((ld->run->nread & 4095) == 0)
			progress(ld, 0);
	}
	if (ld->maxrej >= 0 && ld->run->nrej > ld->maxrej)
		goto abort;
	if ((k = check_row(ld, r, rec)) != 0)
		goto out;
	if (ld->derive) {
		if (hh_enter(ld, &ld->v[ld->ihousehold]) < 0)
			return -1;
		if ((k = hh_check(ld, r, rec)) != 0)
			goto out;
	}
	if (ld->sorted) {
		if ((k = stash(ld, r, rec)) < 0)
			return -1;
		goto loaded;
	}
	if (bindrow(ld, ld->ins) < 0)
		return -1;
	rc = sqlite3_step(ld->ins);
	if (rc == SQLITE_DONE) {
		bp_add(ld, sqlite3_last_insert_rowid(ld->db), ld->nfiles - 1,
		    rec->line);
		k = 0;
	} else {
		ext = sqlite3_extended_errcode(ld->db);
		sqlite3_reset(ld->ins);
		if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			k = conflict(ld, r, rec);
		else if ((ext & 0xff) == SQLITE_CONSTRAINT) {
			reject(ld, r, rec, NULL, "refused by the store: %s",
			    sqlite3_errmsg(ld->db));
			k = 1;
		} else {
			warn("store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		if (k < 0)
			return -1;
	}
loaded:
	if (k == 0 && ld->derive)
		hh_count(ld, ld->nfiles - 1, rec->line);
out:
	if (k > 0 && ld->maxrej >= 0 && ld->run->nrej > ld->maxrej)
		goto abort;
	return k;
abort:
	ld->aborted = 1;
	return -1;
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

static void
load_free(struct load *ld)
{
	size_t i;

	(void)hb_join(ld);	/* before its statement goes */
	for (i = 0; ld->link && i < ld->ncol; i++) {
		sqlite3_finalize(ld->link[i].st);
		strtab_free(ld->link[i].seen);
		sbuf_free(&ld->link[i].found);
	}
	free(ld->link);
	sqlite3_finalize(ld->ins);
	sqlite3_finalize(ld->ups);
	sqlite3_finalize(ld->look);
	sqlite3_finalize(ld->hfind);
	sqlite3_finalize(ld->hupd);
	sqlite3_finalize(ld->hfeed);
	free(ld->hseen);
	sbuf_free(&ld->hbat[0].s);
	sbuf_free(&ld->hbat[1].s);
	for (i = 0; i < ld->nfiles; i++)
		free(ld->files[i]);
	free(ld->files);
	for (i = 0; i < ld->nreindex; i++)
		free(ld->reindex[i]);
	free(ld->reindex);
	free(ld->bp);
	u64map_free(ld->oldrows);
	sqlite3_finalize(ld->rfind);
	sqlite3_finalize(ld->hdec);
	sqlite3_finalize(ld->hdel);
	for (i = 0; i < ld->nws; i++) {
		sqlite3_finalize(ld->ws[i].ins);
		sqlite3_finalize(ld->ws[i].ups);
		sqlite3_finalize(ld->ws[i].feed);
	}
	sbuf_free(&ld->batch);
	free(ld->ws);
	xsort_free(ld->xs);
	xsort_free(ld->rejx);
	sbuf_free(&ld->pk1);
	free(ld->same);
	free(ld->v);
	free(ld->in);
	sbuf_free(&ld->keycols);
	sbuf_free(&ld->hh.id);
	sbuf_free(&ld->hh.village);
	sbuf_free(&ld->hh.block);
	sbuf_free(&ld->hh.address);
}

/* Everything inside the transaction after BEGIN; 0 or -1 (said). */
static int
load_start(struct load *ld)
{
	const char *why;
	const char *keys[8];
	size_t i, j;
	int has;

	if ((has = store_has_rows(ld->db, ld->table)) < 0 ||
	    (ld->base = maxrowid(ld->db, ld->table)) < 0) {
		warn("store: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	if (!has && dropindexes(ld, ld->table) < 0)
		return -1;
	ld->empty = !has;
	for (i = 0; i < ld->ncol; i++)
		if (ld->col[i].rowkey) {
			ld->sorted = 1;
			ld->rk = i;
		}
	if (ld->sorted) {
		char *q = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE "
		    "rowid = ?", ld->table);

		if (q == NULL)
			die("out of memory");
		ld->rfind = prep(ld->db, q);
		sqlite3_free(q);
		if (ld->rfind == NULL)
			return -1;
		ld->xs = xsort_new(SORT_MEM, bykey, NULL);
		xsort_key8(ld->xs);
		/* a first census appends: a small cache will do */
		if (ld->empty && exec(ld->db, "PRAGMA cache_size = -"
		    BULK_CACHE_KB) < 0)
			return -1;
		ld->feed.next = feed_next;
		ld->feed.column = feed_column;
		ld->feed.arg = ld;
		if (store_feed(ld->db, &ld->feed, &why) < 0) {
			warn("store: %s", why);
			return -1;
		}
	}
	for (j = 1; j <= ld->ncol; j++)
		for (i = 0; i < ld->ncol; i++)
			if (ld->col[i].pk == (int)j && ld->npk < 8) {
				ld->pk[ld->npk] = i;
				keys[ld->npk++] = ld->col[i].name;
				if (ld->keycols.len)
					sbuf_addc(&ld->keycols, ',');
				sbuf_adds(&ld->keycols, ld->col[i].name);
			}
	if (ld->npk == 0) {
		warn("table '%s' has no key", ld->table);
		return -1;
	}
	if ((ld->look = store_lookup(ld->db, ld->table, keys, ld->npk, &why))
	    == NULL) {
		warn("store: %s", why);
		return -1;
	}
	if (linksetup(ld) < 0)
		return -1;
	if (strcmp(ld->table, "persons") == 0 && hh_setup(ld) < 0)
		return -1;
	return 0;
}

static int
load_finish(struct load *ld, int argc, char **argv)
{
	const char *why;
	long nloaded = ld->run->nok - ld->nupdated;

	if (ld->derive && (hh_flush(ld) < 0 || hb_flush(ld, 1) < 0))
		return -1;
	if (makeindexes(ld) < 0)
		return -1;
	if (store_audit(ld->db, argc, argv, ld->table, "load", ld->run->nread,
	    nloaded, ld->nupdated, ld->run->nrej, ld->update ? "--update" :
	    NULL, &why) < 0 || (ld->nderived > 0 &&
	    store_audit(ld->db, argc, argv, "households", "derive", -1,
	    ld->nderived, 0, -1, "from persons", &why) < 0)) {
		warn("store: %s", why);
		return -1;
	}
	if (store_commit(ld->db, &why) < 0) {
		warn("store: %s", why);
		return -1;
	}
	return 0;
}

static int
do_load(const struct gw_opts *o, const char *table, int update, long maxrej,
    int argc, char **argv, int fullargc, char **fullargv)
{
	struct load ld;
	struct gw_run run;
	struct csvr_opt ro;
	const char *why;
	long day = -1;
	size_t i;
	int status, fatal = 0, begun = 0, bulk = 0;

	memset(&ld, 0, sizeof ld);
	memset(&run, 0, sizeof run);
	if (o->as_of && (day = parse_day(o->as_of)) < 0)
		die("--as-of: bad date '%s' (want YYYY-MM-DD[ HH:MM])",
		    o->as_of);
	if ((ld.db = store_open(o->store, STORE_CREATE, &why)) == NULL) {
		warn("%s", why);
		summary(table, 0, 0, 0, 0, 0);
		return GW_FATAL;
	}
	if ((ld.cs = colspec_load(ld.db, NULL, &why)) == NULL) {
		warn("%s", why);
		store_close(ld.db);
		summary(table, 0, 0, 0, 0, 0);
		return GW_FATAL;
	}
	colspec_asof(ld.cs, day);
	ld.table = table;
	ld.col = colspec_table(ld.cs, table, &ld.ncol);
	if (ld.col == NULL || ld.ncol == 0) {
		size_t n, i;
		const char *const *t = colspec_tables(ld.cs, &n);
		struct sbuf b = { 0 };

		for (i = 0; i < n; i++)
			sbuf_addf(&b, "%s%s", i ? ", " : "", t[i]);
		warn("no table '%s' to load (%s)", table, b.s ? b.s : "");
		sbuf_free(&b);
		colspec_free(ld.cs);
		store_close(ld.db);
		gw_exit(GW_FATAL);
	}
	ld.run = &run;
	ld.update = update;
	ld.maxrej = maxrej;
	ld.v = xcalloc(ld.ncol, sizeof *ld.v);
	ld.in = xcalloc(ld.ncol, sizeof *ld.in);
	ld.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &ld.t0);
	ld.tlast = ld.t0;
	run.rejects_path = o->rejects;
	ro = gw_inopt(o);

	for (i = 0; i < ld.ncol && !ld.col[i].rowkey; i++)
		;
	if (i < ld.ncol && store_has_rows(ld.db, table) == 0)
		bulk = store_bulk(ld.db);	/* a first census */
	if (store_begin(ld.db, &why) < 0) {
		warn("%s: %s", o->store, why);
		fatal = 1;
	} else {
		begun = 1;
		if (load_start(&ld) < 0 || gw_loop(&run, argc, argv, &ro,
		    on_header, on_record, &ld) < 0 ||
		    (ld.sorted && load_sorted(&ld) < 0))
			fatal = 1;
		if (maxrej >= 0 && run.nrej > maxrej)
			ld.aborted = fatal = 1;
	}
	if (ld.tty)
		progress(&ld, 1);
	if (ld.aborted)
		warn("more than %ld rejected rows (--max-rejects): nothing "
		    "loaded", maxrej);
	/* no households are being written when it ends, either way */
	if (hb_join(&ld) < 0)
		fatal = 1;
	/* the rejects file is complete before anything is committed */
	status = gw_run_end(&run);
	if (status == GW_FATAL)
		fatal = 1;
	if (!fatal && load_finish(&ld, fullargc, fullargv) < 0)
		fatal = 1;
	if (fatal) {
		status = GW_FATAL;
		if (begun)
			store_rollback(ld.db);
	}
	load_free(&ld);
	colspec_free(ld.cs);
	if (bulk && store_wal(ld.db, &why) < 0)	/* store_open() will */
		warn("%s: %s", o->store, why);
	if (store_close(ld.db) < 0 && status != GW_FATAL)
		status = GW_FATAL;
	summary(table, run.nread, run.nok - ld.nupdated, ld.nupdated,
	    run.nrej, fatal && begun);
	return status;
}

/* --- export ---------------------------------------------------------- */

static int
do_export(const struct gw_opts *o, const char *table, int argc, char **argv)
{
	const struct colspec_col *col;
	const char **names;
	sqlite3 *db;
	sqlite3_stmt *st;
	colspec *cs;
	csvw *w;
	const char *why;
	char buf[256], *sql;
	size_t ncol, i;
	long n = 0;
	int rc, status = GW_OK;

	int record = store_writable(o->store);

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
	names = xcalloc(ncol, sizeof *names);
	for (i = 0; i < ncol; i++)
		names[i] = col[i].name;
	/*
	 * The export is accounted for before a row is read, in its own
	 * transaction, so that an export cut short (a closed pipe) is on
	 * record too; rows_read is the table's count at that moment.  A
	 * store this process cannot write is read, and the read goes
	 * unrecorded (gridwork-store(5), audit).
	 */
	if (!record)
		warn("warning: %s is read-only: this export is not recorded in "
		    "its audit table", o->store);
	else if (store_begin(db, &why) < 0) {
		warn("%s: %s", o->store, why);
		status = GW_FATAL;
		goto out;
	}
	if (record && (sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"",
	    table)) == NULL)
		die("out of memory");
	if (record) {
		st = prep(db, sql);
		sqlite3_free(sql);
		n = st && sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : -1;
		sqlite3_finalize(st);
	}
	if (record && (n < 0 || store_audit(db, argc, argv, table, "export", n, -1, -1,
	    -1, NULL, &why) < 0 || store_commit(db, &why) < 0)) {
		warn("%s: cannot record the export: %s", o->store,
		    n < 0 ? sqlite3_errmsg(db) : why);
		store_rollback(db);
		status = GW_FATAL;
		goto out;
	}
	if ((st = store_select(db, table, names, ncol, &why)) == NULL) {
		warn("store: %s", why);
		status = GW_FATAL;
		goto out;
	}
	w = gw_out(o, stdout);
	{
		/* the name of a division is an area's (--zh) */
		const char **keys = xcalloc(ncol, sizeof *keys);

		for (i = 0; i < ncol; i++)
			if (strcmp(table, "regions") == 0 &&
			    strcmp(names[i], "name") == 0)
				keys[i] = "area_name";
		csvw_header_keyed(w, names, keys, ncol);
		free(keys);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			csvw_field(w, colspec_format(&col[i], st, (int)i, buf,
			    sizeof buf), (size_t)-1);
		csvw_endrec(w);
		if (csvw_error(w))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		warn("store: %s", sqlite3_errmsg(db));
		status = GW_FATAL;
	}
	sqlite3_finalize(st);
	if (csvw_close(w) < 0)
		status = GW_FATAL;	/* gw_exit() says why */
out:
	free(names);
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
		GW_LONGOPT_COMMON,
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
	while ((c = getopt_long(argc, argv, "d:E:hi:o:r:", longopts,
	    NULL)) != -1) {
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
			if (!gw_opt(&o, c, optarg, usage_text))
				gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (o.store == NULL) {
		warn("-d STORE is required");
		gw_usage(usage_text);
	}
	if (o.month || o.week || o.at) {
		warn("--month, --week and --at do not apply");
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
