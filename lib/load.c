/*
 * load.c — the rules of loading a contract table into the store
 * (gridwork-store(5)), as an engine: the caller opens the store, holds
 * the transaction, reads the inputs and says what is refused; this file
 * checks the rows and writes them.  It reads no file, prints nothing and
 * never exits: faults come back as a message, refused rows through the
 * caller's callback, with their place and reason.
 *
 * Contract.  Every value is checked against its column (colspec_check:
 * share/sql/columns.tsv), the "starts" rule of its row and, when the
 * linked table has rows, its link; a row that fails is refused, whole,
 * with its place, the column and the reason.  A key seen twice in the
 * input refuses the second row ("first at FILE:LINE"); a key already in
 * the store refuses the row unless update, which replaces it in place
 * (same rowid) and counts it as updated.  Rows read = loaded + updated
 * + rejected, always.
 *
 * All or nothing is the caller's: the engine writes inside the
 * transaction the caller began (store_begin()) and never begins,
 * commits or rolls back one itself, so that one command may load many
 * tables in one transaction (a month's files) and undo them together.
 * load_end() writes the audit rows of the load inside it too.
 *
 * A period replace (opt.period_col, opt.period) makes the load the
 * period's rows of the table: a row outside the period is refused, a
 * row whose key is in the store replaces it in place, and the period's
 * rows the load did not give again are deleted at the end; rows of
 * other periods are not touched.  Loading the same rows again leaves
 * the same rows, with the same rowids.
 *
 * Duplicates are found by the primary key itself: an insert that breaks
 * it is looked up, and the rowid of the row it met says whether that row
 * came from this load (rowid above the table's largest at the start) or
 * was there before.  The line of a row of this load is kept as a
 * piecewise-linear map from rowid to (file, line) with a breakpoint only
 * where a row was rejected or a record spanned lines, so memory does not
 * grow with the input; rows there before and updated now are kept in a
 * map of their own (they grow only with updates).
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
 * Households are derived from persons: one households row for every
 * household id not yet in the store, with the members' village and block
 * (the first member that has one gives it), the first member's address
 * and the number of members loaded.  A member whose village or block
 * differs from the earlier members' is rejected.  Households already in
 * the store (loaded from a sheet, or derived by an earlier run) are left
 * as they are.  Members of one household usually come together, so only
 * the current household is kept in memory; one that comes back later is
 * found again in the batch not yet written or in the households table.
 * A Bloom filter of the ids derived (HSEEN_BITS) spares the look-up of a
 * household surely new, so that the layout of the register (villages in
 * any order, every person a household of their own) costs no look-ups.
 */
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

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

/*
 * Households a run has derived, as a Bloom filter of HSEEN_K bits each
 * in 2^HSEEN_BITS (8 MB) by the hash of their id: one that may have
 * been seen is looked up in the store; one surely not is new, without a
 * look-up, when the table had no rows.  A look-up is not only slow in
 * itself: it waits for the households being written (one connection,
 * hb_write()).  With one bit a household, a million persons each their
 * own household made 7,600 look-ups; with four, about 15 (false
 * positives about 1.2e-5 at a million households, 4% at ten million;
 * the four bits are in one cache line, hseen_add()).
 */
#define HSEEN_BITS 26
#define HSEEN_K 4

enum { FEED_PERSONS, FEED_HOUSEHOLDS };

/* A packed row read back (unpack()). */
struct packed {
	uint64_t key;		/* the rowid */
	int update;		/* replaces a row of the store (update) */
	size_t file;
	long line;
	uint64_t mask;
	const char *fields;	/* the input fields as packed, for a */
	size_t nfields;		/* rejection (pack()) */
};

struct loader {
	sqlite3 *db;
	const colspec *cs;
	struct load_opt opt;		/* as given to load_begin() */
	const char *table;
	const struct colspec_col *col;	/* the table's columns */
	size_t ncol;
	struct colval *v;		/* v[i]: the value of col[i] */
	int *in;			/* input column of col[i], or -1 */
	struct link *link;		/* link[i].st NULL: no link check */
	size_t pk[8], npk;		/* key columns, in key order */
	struct sbuf keycols;		/* "case_id,step,at" */
	int update;			/* a key in the store is replaced */
	long maxrej;			/* refusals allowed, or -1 */
	int aborted;			/* more than maxrej refused */
	long nrows;			/* rows given to load_row() */
	long nok;			/* of them, loaded or updated */
	long nrej;			/* of them, refused */
	long noutside;			/* refused before (load_outside()) */
	struct sbuf why;		/* the last fault, lines of it */
	struct sbuf msg, kbuf, where;	/* a refusal, a key, a place */

	/* a period replace (opt.period_col) */
	size_t iperiod;			/* its column */
	sqlite3_stmt *pdone;		/* DELETE FROM temp.gw_load_period
					   WHERE rowid = ?: replaced */
	long ndeleted;			/* the period's rows not given again */
	long cache;			/* cache_size before, to restore */
	int cacheset;			/* cache_size was changed */

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

};

/* Keeps a fault for the caller (load_why()): the first line of it, or
   another line when one is there already.  -1, to return. */
static int
fail(struct loader *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->why.len)
		sbuf_addc(&ld->why, '\n');
	va_start(ap, fmt);
	sbuf_vaddf(&ld->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* More rows refused than allowed. */
static int
over(const struct loader *ld)
{
	return ld->maxrej >= 0 && ld->nrej + ld->noutside > ld->maxrej;
}

/* Runs one statement without results; 0 or -1 (kept). */
static int
exec(struct loader *ld, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(ld->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fail(ld, "store: %s", err ? err : sqlite3_errmsg(ld->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static sqlite3_stmt *
prep(struct loader *ld, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(ld->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
		return NULL;
	}
	return st;
}

/* The largest rowid of table, 0 when empty; -1 on error. */
static int64_t
maxrowid(struct loader *ld, const char *table)
{
	sqlite3_stmt *st;
	char *sql;
	int64_t v = -1;

	/* an identifier cannot be bound; %w quotes it */
	sql = sqlite3_mprintf("SELECT coalesce(max(rowid), 0) FROM \"%w\"",
	    table);
	if (sql == NULL)
		die("out of memory");
	if ((st = prep(ld, sql)) != NULL) {
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
dropindexes(struct loader *ld, const char *table)
{
	static const char sql[] = "SELECT s.name, s.sql FROM sqlite_schema "
	    "s JOIN pragma_index_list(?1) i ON i.name = s.name WHERE "
	    "s.type = 'index' AND s.tbl_name = ?1 AND s.sql IS NOT NULL AND "
	    "NOT i.\"unique\"";
	sqlite3_stmt *st;
	char **names = NULL, *drop;
	size_t n = 0, i;
	int rc = 0;

	if ((st = prep(ld, sql)) == NULL)
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
			rc = exec(ld, drop);
			sqlite3_free(drop);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
makeindexes(struct loader *ld)
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
	if ((st = prep(ld, "PRAGMA cache_size")) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		cache = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* a pragma takes no parameters; both values are numbers */
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d",
	    SORT_CACHE_KB);
	if (exec(ld, pragma) < 0)
		return -1;
	for (i = 0; i < ld->nreindex && rc == 0; i++)
		rc = exec(ld, ld->reindex[i]);
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %ld", cache);
	if (exec(ld, pragma) < 0)
		rc = -1;
	return rc;
}

/* Records that rowid came from file:line. */
static void
bp_add(struct loader *ld, int64_t rowid, size_t file, long line)
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
bp_find(const struct loader *ld, int64_t rowid, size_t *file, long *line)
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
keytext(struct loader *ld, struct sbuf *b)
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
findkey(struct loader *ld)
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
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
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
linked(struct loader *ld, struct link *l, const struct colval *v)
{
	long k;
	int rc, found;

	if ((k = strtab_find(l->seen, v->s, v->n)) >= 0)
		return l->found.s[k];
	colval_bind(l->st, 1, v);
	rc = sqlite3_step(l->st);
	sqlite3_reset(l->st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
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
linksetup(struct loader *ld)
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
			fail(ld, "store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		if (!has)
			continue;
		ld->link[i].st = store_lookup(ld->db, c->link_table,
		    &c->link_col, 1, &why);
		if (ld->link[i].st == NULL) {
			fail(ld, "store: %s", why);
			return -1;
		}
		ld->link[i].seen = strtab_new();
	}
	return 0;
}

/* Hands a refusal of a row of input file to the caller. */
static void
say(struct loader *ld, size_t file, const struct gw_rec *rec,
    const char *col, const char *why)
{
	struct load_reject rj;

	rj.file = ld->files[file];
	rj.line = rec->line;
	rj.col = col;
	rj.why = why;
	rj.rec = rec;
	if (ld->opt.reject)
		ld->opt.reject(ld->opt.arg, &rj);
}

/* Refuses the row rec of the current input, and counts it. */
static void
reject(struct loader *ld, const struct gw_rec *rec, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
reject(struct loader *ld, const struct gw_rec *rec, const char *col,
    const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&ld->msg);
	va_start(ap, fmt);
	sbuf_vaddf(&ld->msg, fmt, ap);
	va_end(ap);
	ld->nrej++;
	say(ld, ld->nfiles - 1, rec, col, ld->msg.s);
}

/* --- households derived from persons -------------------------------- */

static int
hh_setup(struct loader *ld)
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
	    (ld->hbase = maxrowid(ld, "households")) < 0)
		return -1;
	/*
	 * The households index (village_code, block) is kept, not dropped
	 * and made again: the thread that writes the households keeps it
	 * up to date while this one reads on, where a build at the end
	 * would be this thread's.  Measured on a million persons (perf,
	 * the reading thread's CPU): grouped 2.4 s kept against 2.9 s
	 * built after, villages in no order 2.4-3.0 against 2.8-2.9,
	 * every person a household of their own 2.7-3.2 against 3.3-3.5;
	 * in all, building it after costs less CPU, but on the path that
	 * sets the wall clock.
	 */
	if (!has)
		ld->hseen = gw_bigalloc((size_t)1 << (HSEEN_BITS - 3));
	ld->hthreads = sqlite3_threadsafe() == 1;
	/*
	 * OR FAIL: a batch of households that fails fails the whole load,
	 * which is rolled back; nothing is retried a row at a time, so
	 * SQLite need keep no statement journal for it (STORE_FEED_FAIL).
	 */
	ld->hfeed = store_insert(ld->db, "households", hcols, 5,
	    STORE_FEED_FAIL, &why);
	if (ld->hfeed == NULL) {
		fail(ld, "store: %s", why);
		return -1;
	}
	ld->hfind = prep(ld, "SELECT rowid, village_code, block, address "
	    "FROM households WHERE household_id = ?");
	ld->hupd = prep(ld, "UPDATE households SET persons = "
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
hb_write(struct loader *ld)
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
	struct loader *ld = arg;

	ld->hrc = hb_write(ld);
	return NULL;
}

/* Waits for the households being written; 0 or -1 (kept). */
static int
hb_join(struct loader *ld)
{
	if (!ld->hbusy)
		return 0;
	pthread_join(ld->hthread, NULL);
	ld->hbusy = 0;
	if (ld->hrc != SQLITE_DONE) {
		fail(ld, "store: households: %s", ld->hmsg);
		return -1;
	}
	return 0;
}

/* Writes the batch being filled: by the thread, or here and now when
   wait (then every household derived so far is in the table).  0 or -1
   (kept). */
static int
hb_flush(struct loader *ld, int wait)
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
		fail(ld, "store: households: %s", ld->hmsg);
		return -1;
	}
	return 0;
}

/* Appends b (has: else NULL) to the households batch: its offset. */
static size_t
hb_add(struct loader *ld, const struct sbuf *b, int has, int *len)
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
hh_flush(struct loader *ld)
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
		fail(ld, "store: households: %s", sqlite3_errmsg(ld->db));
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
 * Adds a household id's hash to the filter: 1 when it was surely not
 * there before.  The filter is blocked: the HSEEN_K bits of an id are in
 * one 64-byte line of it, chosen by the hash's high bits, so that a
 * look-up costs one cache miss, not HSEEN_K.  On a million persons each
 * their own household, the K misses into 8 MB had been four fifths of
 * load_row()'s samples.  False positives stay about as rare: 1.2e-5 at
 * a million households, 4% at ten million.
 */
static int
hseen_add(unsigned char *set, uint64_t h)
{
	const uint64_t lines = (uint64_t)1 << (HSEEN_BITS - 9);
	unsigned char *line, bit;
	unsigned k;
	int i, fresh = 0;

	/* FNV-1a's high bits barely tell ids that differ at the end apart
	   (murmur3's finaliser mixes them) */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	line = set + ((h >> 36) & (lines - 1)) * 64;
	for (i = 0; i < HSEEN_K; i++) {
		k = (unsigned)(h >> (9 * i)) & 511;	/* a bit of the line */
		bit = (unsigned char)(1u << (k & 7));
		if (!(line[k >> 3] & bit)) {
			line[k >> 3] |= bit;
			fresh = 1;
		}
	}
	return fresh;
}

/*
 * Makes the household of the current row current (writing the one
 * before): HH_NEW when its id is not in the store, HH_MERGE when this
 * run derived it already, HH_SKIP when it was there before.  0 or -1.
 */
static int
hh_enter(struct loader *ld, const struct colval *id)
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
	if (ld->hseen && hseen_add(ld->hseen, h->hash)) {
		h->state = HH_NEW;	/* surely not in the store */
		return 0;
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
		fail(ld, "store: households: %s", sqlite3_errmsg(ld->db));
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
hh_check(struct loader *ld, const struct gw_rec *rec)
{
	struct sbuf *where = &ld->where;
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
	sbuf_reset(where);
	if (h->state == HH_NEW)
		sbuf_addf(where, "first member at %s%c%ld", ld->files[h->file],
		    GW_LINESEP(ld->files[h->file]), h->line);
	else
		sbuf_adds(where, "as its earlier members");
	reject(ld, rec, col, "household '%s' has %s '%s' (%s), not '%.*s'",
	    h->id.s, col, have->s, where->s, (int)got->n, got->s);
	return 1;
}

/* The current person loaded: counts it in its household. */
static void
hh_count(struct loader *ld, size_t file, long line)
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

/* Prepares the INSERT statements over the columns this file has. */
static int
prepare_file(struct loader *ld)
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
		fail(ld, "store: %s", why);
		return -1;
	}
	return 0;
}

/* The column of hdr[0..n) named name, as csvr_col() finds it: by the
   name, else by the canonical name of each header; or -1. */
static int
hdrcol(const char *const *hdr, size_t n, const char *name)
{
	size_t i;
	char *canon;

	for (i = 0; i < n; i++)
		if (strcmp(hdr[i], name) == 0)
			return (int)i;
	canon = xstrdup(alias_canon(name));
	for (i = 0; i < n; i++)
		if (strcmp(alias_canon(hdr[i]), canon) == 0) {
			free(canon);
			return (int)i;
		}
	free(canon);
	return -1;
}

int
load_input(loader *ld, const char *name, const char *const *hdr, size_t n,
    const char **why)
{
	size_t i;
	int missing = 0;

	sbuf_reset(&ld->why);
	ld->files = xreallocarray(ld->files, ld->nfiles + 1,
	    sizeof *ld->files);
	ld->files[ld->nfiles++] = xstrdup(name);
	if (n == 0) {	/* an empty file: no rows */
		for (i = 0; i < ld->ncol; i++)
			ld->in[i] = -1;
		return 0;
	}
	for (i = 0; i < ld->ncol; i++) {
		ld->in[i] = hdrcol(hdr, n, ld->col[i].name);
		if (ld->in[i] < 0 && (ld->col[i].required || ld->col[i].pk)) {
			fail(ld, "%s: no column '%s', which table '%s' "
			    "requires", name, ld->col[i].name, ld->table);
			missing = 1;
		}
	}
	if (missing || prepare_file(ld) < 0) {
		*why = ld->why.s;
		return -1;
	}
	return 0;
}

/* Checks the values of rec into ld->v; 0, or 1 having rejected it. */
static int
check_row(struct loader *ld, const struct gw_rec *rec)
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
			reject(ld, rec, c->name, "%s", why);
			return 1;
		}
	}
	for (i = 0; i < ld->ncol; i++) {
		c = &ld->col[i];
		if (c->starts >= 0 && colspec_starts(c, &ld->v[i],
		    &ld->v[c->starts], ld->col[c->starts].name, &why) < 0) {
			reject(ld, rec, c->name, "%s", why);
			return 1;
		}
	}
	for (i = 0; i < ld->ncol; i++) {
		struct colval lv;

		if (ld->link[i].st == NULL || ld->v[i].kind != CV_TEXT)
			continue;
		/* a micro-grid's worker links by the grid's 15 digits */
		lv = ld->v[i];
		if (ld->col[i].type == CT_WORKERGRID && lv.n == LVL_MICRO)
			lv.n = LVL_GRID;
		if ((k = linked(ld, &ld->link[i], &lv)) < 0)
			return -1;
		if (k == 0) {
			reject(ld, rec, ld->col[i].name,
			    "'%.*s'%s is not in %s.%s", (int)lv.n, lv.s,
			    lv.n < ld->v[i].n ? " (the grid of the micro-grid)" :
			    "", ld->col[i].link_table, ld->col[i].link_col);
			return 1;
		}
	}
	if (ld->opt.period_col) {
		const struct colval *v = &ld->v[ld->iperiod];
		size_t n = strlen(ld->opt.period);

		if (v->kind != CV_TEXT || v->n < n ||
		    memcmp(v->s, ld->opt.period, n) != 0) {
			reject(ld, rec, ld->col[ld->iperiod].name,
			    "'%.*s' is not in the period %s",
			    v->kind == CV_TEXT ? (int)v->n : 0,
			    v->kind == CV_TEXT ? v->s : "", ld->opt.period);
			return 1;
		}
	}
	return 0;
}

static int
bindrow(struct loader *ld, sqlite3_stmt *st)
{
	size_t i;
	int k = 1;

	sqlite3_reset(st);
	for (i = 0; i < ld->ncol; i++)
		if (ld->in[i] >= 0 && colval_bind(st, k++, &ld->v[i]) !=
		    SQLITE_OK) {
			fail(ld, "store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
	return 0;
}

/*
 * A row whose key is taken: a duplicate of this run, or a row of the
 * store, replaced when update (for a period replace, only a row of the
 * period).  0 updated, 1 rejected, -1 fatal.
 */
static int
conflict(struct loader *ld, const struct gw_rec *rec)
{
	int64_t rowid;
	size_t file;
	long line;
	int rc;

	if ((rowid = findkey(ld)) < 0)
		return -1;
	if (rowid == 0) {	/* not the key: some other constraint */
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	if (rowid > ld->base || (ld->oldrows && u64map_get(ld->oldrows,
	    (uint64_t)rowid, NULL))) {
		if (bp_find(ld, rowid, &file, &line) == 0)
			reject(ld, rec, ld->keycols.s, "duplicate key "
			    "%s, first at %s%c%ld", keytext(ld, &ld->kbuf),
			    ld->files[file], GW_LINESEP(ld->files[file]), line);
		else
			reject(ld, rec, ld->keycols.s, "duplicate key "
			    "%s", keytext(ld, &ld->kbuf));
		return 1;
	}
	if (!ld->update) {
		reject(ld, rec, ld->keycols.s, "key %s already in the "
		    "store (--update replaces it)", keytext(ld, &ld->kbuf));
		return 1;
	}
	if (ld->pdone) {	/* a row of the period, replaced only once */
		sqlite3_bind_int64(ld->pdone, 1, rowid);
		rc = sqlite3_step(ld->pdone);
		sqlite3_reset(ld->pdone);
		if (rc != SQLITE_DONE)
			return fail(ld, "store: %s", sqlite3_errmsg(ld->db));
		if (sqlite3_changes(ld->db) == 0) {
			reject(ld, rec, ld->keycols.s, "key %s already in "
			    "the store, outside the period %s",
			    keytext(ld, &ld->kbuf), ld->opt.period);
			return 1;
		}
	}
	if (bindrow(ld, ld->ups) < 0)
		return -1;
	rc = sqlite3_step(ld->ups);
	sqlite3_reset(ld->ups);
	if (rc != SQLITE_DONE) {
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
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
pack(struct loader *ld, uint64_t key, int update, const struct gw_rec *rec)
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
put_unpacked_fields(struct loader *ld, struct sbuf *b, const char *p)
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
unpack(struct loader *ld, const char *p, size_t n, struct packed *pr)
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

/* The statements for rows with the columns of mask; NULL (kept). */
static struct wstmt *
wstmt_get(struct loader *ld, uint64_t mask)
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
	    STORE_FEED_FAIL, &why) : NULL;	/* flush_batch() */
	free(names);
	if (w->feed == NULL) {
		fail(ld, "store: %s", why);
		return NULL;
	}
	return w;
}

/* Writes the unpacked row: SQLITE_DONE, or the step's error. */
static int
write_sorted(struct loader *ld, const struct packed *pr)
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
hh_unload(struct loader *ld)
{
	const struct colval *id = &ld->v[ld->ihousehold];
	int rc;

	if (!ld->derive)
		return 0;
	if (ld->hdec == NULL) {
		ld->hdec = prep(ld, "UPDATE households SET persons = "
		    "persons - 1 WHERE household_id = ? AND rowid > ?");
		ld->hdel = prep(ld, "DELETE FROM households WHERE "
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
		fail(ld, "store: households: %s", sqlite3_errmsg(ld->db));
		return -1;
	}
	return 0;
}

/*
 * A row of the sorted phase refused: counted, taken out of its household
 * and kept, to be said in input order after the others (say_sorted()):
 * (file, line) big-endian, column and message NUL-terminated, the input
 * fields as packed.  0, or -1 when fatal or more than maxrej are refused.
 */
static int
reject_sorted(struct loader *ld, const struct packed *pr, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
reject_sorted(struct loader *ld, const struct packed *pr, const char *col,
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
	ld->nrej++;
	ld->nok--;
	if (hh_unload(ld) < 0)
		return -1;
	if (over(ld)) {
		ld->aborted = 1;
		return fail(ld, "more than %ld rows refused", ld->maxrej);
	}
	return 0;
}

/* Says the rejections of the sorted phase, in input order. */
static void
say_sorted(struct loader *ld)
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
		say(ld, file, &fs.rec, *col ? col : NULL, msg);
		ld->npend--;
	}
	xsort_free(ld->rejx);
	ld->rejx = NULL;
	fields_free(&fs);
}

/* A sorted row whose write failed: refused when a constraint failed,
   else fatal.  0, or -1 (kept, or more than maxrej refused). */
static int
refused(struct loader *ld, const struct packed *pr)
{
	if ((sqlite3_extended_errcode(ld->db) & 0xff) == SQLITE_CONSTRAINT)
		return reject_sorted(ld, pr, NULL, "refused by the store: %s",
		    sqlite3_errmsg(ld->db));
	fail(ld, "store: %s", sqlite3_errmsg(ld->db));
	return -1;
}

/* The feed of the batch (store_feed()): its rows in turn. */
static int
feed_next(void *arg)
{
	struct loader *ld = arg;

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
feed_hh(struct loader *ld, sqlite3_context *ctx, int i)
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
	struct loader *ld = arg;

	if (ld->feeding == FEED_HOUSEHOLDS)
		feed_hh(ld, ctx, i);
	else if (i == 0)
		sqlite3_result_int64(ctx, (sqlite3_int64)ld->fpr.key);
	else
		colval_result(ctx, &ld->v[ld->fcol[i - 1]]);
}

/*
 * Writes the batch with one statement, INSERT OR FAIL: a row the store
 * refuses stops it there, the rows before it written (sqlite3_changes()
 * says how many); that row is written alone to be refused with its
 * reason, and the statement goes on from the next.  The batch had been
 * written again a row at a time from its first, on the belief that a
 * refused statement is undone: a trigger of the office's that says
 * RAISE(FAIL) keeps the rows before it, which were then refused as
 * duplicates of themselves (t/0319).  Should a statement be undone
 * (nothing written, yet stopped past its first row: RAISE(ABORT)), the
 * rest goes a row at a time, as before.  0 or -1 (kept).
 */
static int
flush_batch(struct loader *ld)
{
	struct wstmt *w;
	struct packed pr;
	size_t i, k = 0, from;
	int rc, st = 0, undone = 0;

	if (ld->nb == 0)
		return 0;
	if ((w = wstmt_get(ld, ld->bmask)) == NULL)
		return -1;
	for (i = 0; i < ld->ncol; i++)
		if (ld->bmask >> i & 1)
			ld->fcol[k++] = i;
	for (from = 0; from < ld->nb && st == 0 && !undone;) {
		ld->fi = from;
		rc = sqlite3_step(w->feed);
		sqlite3_reset(w->feed);
		if (rc == SQLITE_DONE)
			break;
		if ((sqlite3_extended_errcode(ld->db) & 0xff) !=
		    SQLITE_CONSTRAINT) {
			fail(ld, "store: %s", sqlite3_errmsg(ld->db));
			return -1;
		}
		k = (size_t)sqlite3_changes(ld->db);
		undone = k == 0 && ld->fi > from + 1;
		if (undone)
			k = 0;
		/* row from + k stopped the statement (or the rest, undone) */
		for (i = from + k; i < ld->nb && st == 0; i++) {
			unpack(ld, ld->batch.s + ld->boff[i],
			    ld->boff[i + 1] - ld->boff[i], &pr);
			if (write_sorted(ld, &pr) != SQLITE_DONE)
				st = refused(ld, &pr);
			if (!undone)
				break;
		}
		from = i + 1;
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

/* The second phase of a sorted load; 0 or -1 (kept). */
static int
load_sorted(struct loader *ld)
{
	struct packed pr;
	const void *p;
	size_t n, pfile = 0;
	uint64_t prev = 0;
	long pline = 0;
	int have = 0, rc, st = 0;

	if (ld->derive && (hh_flush(ld) < 0 || hb_flush(ld, 1) < 0))
		return -1;
	while (st == 0 && xsort_next(ld->xs, &p, &n)) {
		unpack_head(p, &pr);
		if (have && pr.key == prev) {
			unpack(ld, p, n, &pr);
			st = reject_sorted(ld, &pr, ld->keycols.s, "duplicate "
			    "key %s, first at %s%c%ld", keytext(ld, &ld->kbuf),
			    ld->files[pfile], GW_LINESEP(ld->files[pfile]), pline);
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
   in the store (unless update), else packed.  0 or 1 (rejected), -1. */
static int
stash(struct loader *ld, const struct gw_rec *rec)
{
	const struct colval *v = &ld->v[ld->rk];
	int64_t rowid = idkey_rowid(v->s, v->n);
	int rc, update = 0;

	if (rowid < 0)	/* colspec_check() made it 18 characters */
		return fail(ld, "%s%c%ld: key not an identity number",
		    ld->files[ld->nfiles - 1],
		    GW_LINESEP(ld->files[ld->nfiles - 1]), rec->line);
	if (!ld->empty) {
		sqlite3_bind_int64(ld->rfind, 1, rowid);
		rc = sqlite3_step(ld->rfind);
		sqlite3_reset(ld->rfind);
		if (rc == SQLITE_ROW && !ld->update) {
			reject(ld, rec, ld->keycols.s, "key %s already in "
			    "the store (--update replaces it)",
			    keytext(ld, &ld->kbuf));
			return 1;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return fail(ld, "store: %s", sqlite3_errmsg(ld->db));
		update = rc == SQLITE_ROW;
	}
	pack(ld, (uint64_t)rowid, update, rec);
	return 0;
}


/* The row rec of the current input: checked, then written (or packed,
   for a sorted load).  0, 1 refused, -1 fatal or over the limit. */
static int
row(struct loader *ld, const struct gw_rec *rec)
{
	int k, rc, ext;

	if (over(ld))
		goto abort;
	ld->nrows++;
	if ((k = check_row(ld, rec)) != 0)
		goto out;
	if (ld->derive) {
		if (hh_enter(ld, &ld->v[ld->ihousehold]) < 0)
			return -1;
		if ((k = hh_check(ld, rec)) != 0)
			goto out;
	}
	if (ld->sorted) {
		if ((k = stash(ld, rec)) < 0)
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
			k = conflict(ld, rec);
		else if ((ext & 0xff) == SQLITE_CONSTRAINT) {
			reject(ld, rec, NULL, "refused by the store: %s",
			    sqlite3_errmsg(ld->db));
			k = 1;
		} else
			return fail(ld, "store: %s", sqlite3_errmsg(ld->db));
		if (k < 0)
			return -1;
	}
loaded:
	if (k == 0 && ld->derive)
		hh_count(ld, ld->nfiles - 1, rec->line);
out:
	if (k == 0)
		ld->nok++;
	if (k > 0 && over(ld))
		goto abort;
	return k;
abort:
	ld->aborted = 1;
	return fail(ld, "more than %ld rows refused", ld->maxrej);
}

int
load_row(loader *ld, const struct gw_rec *rec, const char **why)
{
	int k;

	sbuf_reset(&ld->why);
	if (ld->nfiles == 0) {
		*why = "load_row() before load_input()";
		return -1;
	}
	if ((k = row(ld, rec)) < 0)
		*why = ld->why.s;
	return k;
}

void
load_outside(loader *ld, long n)
{
	ld->noutside += n;
}

void
load_free(loader *ld)
{
	size_t i;

	if (ld == NULL)
		return;
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
	sqlite3_finalize(ld->pdone);
	if (ld->hseen)
		gw_bigfree(ld->hseen, (size_t)1 << (HSEEN_BITS - 3));
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
	if (ld->cacheset) {	/* the connection's own again */
		char pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %ld",
		    ld->cache);
		(void)sqlite3_exec(ld->db, pragma, NULL, NULL, NULL);
	}
	sbuf_free(&ld->why);
	sbuf_free(&ld->msg);
	sbuf_free(&ld->kbuf);
	sbuf_free(&ld->where);
	free(ld);
}

/* The rows of the period in the store, to be replaced: their rowids in
   temp.gw_load_period (a table, not memory: a month of visits is
   millions).  0 or -1. */
static int
period_setup(struct loader *ld)
{
	const struct colspec_col *c;
	sqlite3_stmt *st;
	char *sql;
	size_t i;
	int rc;

	for (i = 0; i < ld->ncol; i++)
		if (strcmp(ld->col[i].name, ld->opt.period_col) == 0)
			break;
	if (i == ld->ncol)
		return fail(ld, "table '%s' has no column '%s'", ld->table,
		    ld->opt.period_col);
	c = &ld->col[i];
	if (c->type != CT_DATE && c->type != CT_DATETIME &&
	    c->type != CT_WHEN && c->type != CT_MONTH)
		return fail(ld, "column '%s' of table '%s' is no date or month",
		    c->name, ld->table);
	if (ld->sorted)
		return fail(ld, "table '%s' has no periods", ld->table);
	if (ld->opt.period == NULL || *ld->opt.period == '\0')
		return fail(ld, "no period for column '%s'", c->name);
	ld->iperiod = i;
	ld->update = 1;
	if (exec(ld, "CREATE TEMP TABLE IF NOT EXISTS gw_load_period "
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.gw_load_period") < 0)
		return -1;
	sql = sqlite3_mprintf("INSERT INTO temp.gw_load_period SELECT rowid "
	    "FROM main.\"%w\" WHERE substr(\"%w\", 1, length(?1)) = ?1",
	    ld->table, c->name);
	if (sql == NULL)
		die("out of memory");
	st = prep(ld, sql);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, ld->opt.period, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(ld, "store: %s", sqlite3_errmsg(ld->db));
	ld->pdone = prep(ld, "DELETE FROM temp.gw_load_period WHERE id = ?");
	return ld->pdone ? 0 : -1;
}

/* Deletes the period's rows the load did not give again; 0 or -1. */
static int
period_finish(struct loader *ld)
{
	char *sql;
	int rc;

	sql = sqlite3_mprintf("DELETE FROM main.\"%w\" WHERE rowid IN "
	    "(SELECT id FROM temp.gw_load_period)", ld->table);
	if (sql == NULL)
		die("out of memory");
	rc = exec(ld, sql);
	sqlite3_free(sql);
	if (rc < 0)
		return -1;
	ld->ndeleted = sqlite3_changes(ld->db);
	return exec(ld, "DROP TABLE temp.gw_load_period");
}

/* Everything after load_begin()'s checks; 0 or -1 (kept). */
static int
load_start(struct loader *ld)
{
	const char *why;
	const char *keys[8];
	size_t i, j;
	int has;

	if ((has = store_has_rows(ld->db, ld->table)) < 0 ||
	    (ld->base = maxrowid(ld, ld->table)) < 0)
		return fail(ld, "store: %s", sqlite3_errmsg(ld->db));
	if (!has && dropindexes(ld, ld->table) < 0)
		return -1;
	ld->empty = !has;
	for (i = 0; i < ld->ncol; i++)
		if (ld->col[i].rowkey) {
			ld->sorted = 1;
			ld->rk = i;
		}
	if (ld->opt.period_col && period_setup(ld) < 0)
		return -1;
	if (ld->sorted) {
		char *q = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE "
		    "rowid = ?", ld->table);

		if (q == NULL)
			die("out of memory");
		ld->rfind = prep(ld, q);
		sqlite3_free(q);
		if (ld->rfind == NULL)
			return -1;
		ld->xs = xsort_new(SORT_MEM, bykey, NULL);
		xsort_key8(ld->xs);
		/* a first census appends: a small cache will do */
		if (ld->empty) {
			sqlite3_stmt *st;

			if ((st = prep(ld, "PRAGMA cache_size")) == NULL)
				return -1;
			if (sqlite3_step(st) == SQLITE_ROW) {
				ld->cache = (long)sqlite3_column_int64(st, 0);
				ld->cacheset = 1;
			}
			sqlite3_finalize(st);
			if (exec(ld, "PRAGMA cache_size = -" BULK_CACHE_KB) < 0)
				return -1;
		}
		ld->feed.next = feed_next;
		ld->feed.column = feed_column;
		ld->feed.arg = ld;
		if (store_feed(ld->db, &ld->feed, &why) < 0)
			return fail(ld, "store: %s", why);
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
	if (ld->npk == 0)
		return fail(ld, "table '%s' has no key", ld->table);
	if ((ld->look = store_lookup(ld->db, ld->table, keys, ld->npk, &why))
	    == NULL)
		return fail(ld, "store: %s", why);
	if (linksetup(ld) < 0)
		return -1;
	if (strcmp(ld->table, "persons") == 0 && hh_setup(ld) < 0)
		return -1;
	return 0;
}

loader *
load_new(sqlite3 *db, const colspec *cs, const struct load_opt *opt)
{
	struct loader *ld;
	const struct colspec_col *col;
	size_t ncol;

	col = colspec_table(cs, opt->table, &ncol);
	if (col == NULL || ncol == 0)
		return NULL;
	ld = xcalloc(1, sizeof *ld);
	ld->db = db;
	ld->cs = cs;
	ld->opt = *opt;
	ld->table = opt->table;
	ld->update = opt->update;
	ld->maxrej = opt->maxrej;
	ld->col = col;
	ld->ncol = ncol;
	ld->v = xcalloc(ld->ncol, sizeof *ld->v);
	ld->in = xcalloc(ld->ncol, sizeof *ld->in);
	return ld;
}

int
load_begin(loader *ld, const char **why)
{
	sbuf_reset(&ld->why);
	if (sqlite3_get_autocommit(ld->db))
		fail(ld, "load: no transaction is open (store_begin() "
		    "first)");
	else if (load_start(ld) == 0)
		return 0;
	if (ld->why.len == 0)
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
	*why = ld->why.s;
	return -1;
}

int
load_end(loader *ld, const char **why)
{
	const char *w;
	long nread = ld->nrows + ld->noutside;
	long nrej = ld->nrej + ld->noutside;

	sbuf_reset(&ld->why);
	if (ld->sorted && load_sorted(ld) < 0)
		goto fail;
	if (over(ld)) {
		ld->aborted = 1;
		fail(ld, "more than %ld rows refused", ld->maxrej);
		goto fail;
	}
	if (hb_join(ld) < 0)
		goto fail;
	nrej = ld->nrej + ld->noutside;
	if (ld->derive && (hh_flush(ld) < 0 || hb_flush(ld, 1) < 0))
		goto fail;
	if (makeindexes(ld) < 0)
		goto fail;
	if (ld->opt.period_col && period_finish(ld) < 0)
		goto fail;
	if (store_audit(ld->db, ld->opt.argc, ld->opt.argv, ld->table, "load",
	    nread, ld->nok - ld->nupdated, ld->nupdated, nrej, ld->opt.note,
	    &w) < 0 || (ld->nderived > 0 &&
	    store_audit(ld->db, ld->opt.argc, ld->opt.argv, "households",
	    "derive", -1, ld->nderived, 0, -1, "from persons", &w) < 0)) {
		fail(ld, "store: %s", w);
		goto fail;
	}
	return 0;
fail:
	if (ld->why.len == 0)
		fail(ld, "store: %s", sqlite3_errmsg(ld->db));
	*why = ld->why.s;
	return -1;
}

void
load_counts(const loader *ld, struct load_counts *c)
{
	c->nread = ld->nrows + ld->noutside;
	c->nok = ld->nok;
	c->nloaded = ld->nok - ld->nupdated;
	c->nupdated = ld->nupdated;
	c->nrej = ld->nrej + ld->noutside;
	c->nderived = ld->nderived;
	c->ndeleted = ld->ndeleted;
	c->aborted = ld->aborted;
}

int
load_export_audit(sqlite3 *db, int argc, char **argv, const char *table,
    const char **why)
{
	sqlite3_stmt *st;
	char *sql;
	long n = -1;

	if ((sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table)) ==
	    NULL)
		die("out of memory");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	if (n < 0) {
		*why = sqlite3_errmsg(db);
		return -1;
	}
	return store_audit(db, argc, argv, table, "export", n, -1, -1, -1,
	    NULL, why);
}
