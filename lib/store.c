/*
 * store.c — the SQLite store (gridwork-store(5)).
 *
 * The schema comes only from share/sql/NNN-*.sql, compiled in as
 * schema.inc by the Makefile.  store_open() applies the files a store has
 * not seen yet, in order, each in its own transaction together with the
 * PRAGMA user_version that records it, so a crash leaves a store at one
 * version or the next, never between; a store newer than this program is
 * refused rather than half understood.
 *
 * A store is created owner-only (0600): it holds identity numbers.  It
 * runs in WAL mode with synchronous=NORMAL: a committed transaction
 * survives the death of the process (kill -9), and a power loss can lose
 * at most the last commits, never corrupt the file.  Writers serialise
 * with BEGIN IMMEDIATE and a long busy timeout, so two cron jobs on one
 * store wait for each other instead of failing; readers never wait.
 *
 * Functions return 0 / a handle, or -1 / NULL with *why, a string that
 * stays valid until the next call into this file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "gridwork.h"

/* The migrations, in order: { "001-schema.sql", "CREATE TABLE ..." }. */
static const struct migration {
	const char *name;
	const char *sql;
} migrations[] = {
#include "schema.inc"
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* Seconds a writer waits for another writer; GRIDWORK_BUSY_TIMEOUT. */
#define BUSY_TIMEOUT_DEFAULT 600

static char whybuf[1024];

static const char *
setwhy(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *
setwhy(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(whybuf, sizeof whybuf, fmt, ap);
	va_end(ap);
	utf8_clip(whybuf, sizeof whybuf);	/* it may quote the input */
	return whybuf;
}

int
store_schema_version(void)
{
	return NMIGRATIONS;
}

/*
 * Runs every statement of sql (a whole file) through prepare/step, so
 * that a migration needs no SQL pasted into C.  Returns 0 or -1 (*why).
 */
static int
exec_script(sqlite3 *db, const char *name, const char *sql, const char **why)
{
	sqlite3_stmt *st;
	const char *tail;
	int rc;

	while (*sql) {
		if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) {
			*why = setwhy("%s: %s", name, sqlite3_errmsg(db));
			return -1;
		}
		if (st == NULL) {	/* only blanks and comments left */
			sql = tail;
			if (*tail == '\0')
				break;
			continue;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			*why = setwhy("%s: %s", name, sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		sql = tail;
	}
	return 0;
}

/* Runs one statement without parameters or results; 0 or -1 (*why). */
static int
exec1(sqlite3 *db, const char *sql, const char **why)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*why = setwhy("%s", sqlite3_errmsg(db));
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*why = setwhy("%s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int
store_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL)
	    != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Applies the migrations after the store's version, all in one
 * transaction.  The version is read again inside BEGIN IMMEDIATE, so two
 * processes opening a new store at once apply each file exactly once.
 */
static int
migrate(sqlite3 *db, const char *path, int rdonly, const char **why)
{
	char pragma[64], msg[sizeof whybuf];
	int v, i;

	for (i = 0; i < NMIGRATIONS; i++)
		if (atoi(migrations[i].name) != i + 1) {
			*why = setwhy("schema file '%s' out of sequence: "
			    "expected number %03d", migrations[i].name, i + 1);
			return -1;
		}
	if ((v = store_version(db)) < 0) {
		*why = setwhy("%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	if (v > NMIGRATIONS) {
		*why = setwhy("%s: store schema version %d is newer than this "
		    "program's %d; use a newer gridwork", path, v, NMIGRATIONS);
		return -1;
	}
	if (v == NMIGRATIONS)
		return 0;
	if (rdonly) {
		*why = setwhy("%s: store schema version %d is older than this "
		    "program's %d; open it for writing once to upgrade it",
		    path, v, NMIGRATIONS);
		return -1;
	}
	/*
	 * Every step missing, in one transaction: a store is at one
	 * version or the next, never between, and a new store costs one
	 * commit (one sync) rather than one a schema file.  The version is
	 * read again inside it: another process may have done the job.
	 */
	if (store_begin(db, why) < 0)
		return -1;
	if ((v = store_version(db)) < 0) {
		*why = setwhy("%s: %s", path, sqlite3_errmsg(db));
		goto fail;
	}
	for (; v < NMIGRATIONS; v++) {
		if (exec_script(db, migrations[v].name, migrations[v].sql,
		    why) < 0) {
			snprintf(msg, sizeof msg, "%s", *why);
			*why = setwhy("%s: %s", path, msg);
			goto fail;
		}
		/* a pragma takes no parameters; v is a small integer */
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    v + 1);
		if (exec1(db, pragma, why) < 0)
			goto fail;
	}
	return store_commit(db, why);
fail:
	store_rollback(db);
	return -1;
}

/*
 * The database and its -wal and -shm files must not be readable by
 * others.  SQLite gives the -wal and -shm the database's mode; a file
 * left by an older program or copied in may not be, so it is fixed.
 */
static void
fixmodes(const char *path)
{
	static const char *const sfx[] = { "-wal", "-shm" };
	struct sbuf b = { 0 };
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		sbuf_reset(&b);
		sbuf_adds(&b, path);
		sbuf_adds(&b, sfx[i]);
		if (stat(b.s, &st) == 0 && (st.st_mode & 077) &&
		    st.st_uid == geteuid())
			chmod(b.s, st.st_mode & 0700);
	}
	sbuf_free(&b);
}

static void
rmstore(const char *path)
{
	struct sbuf b = { 0 };

	unlink(path);
	sbuf_addf(&b, "%s-wal", path);
	unlink(b.s);
	sbuf_reset(&b);
	sbuf_addf(&b, "%s-shm", path);
	unlink(b.s);
	sbuf_free(&b);
}

static long
busy_timeout_ms(void)
{
	const char *e = getenv("GRIDWORK_BUSY_TIMEOUT");
	char *end;
	long s;

	if (e && *e) {
		errno = 0;
		s = strtol(e, &end, 10);
		if (errno == 0 && *end == '\0' && s >= 0 && s <= 86400)
			return s * 1000;
		warn("GRIDWORK_BUSY_TIMEOUT: '%s' is not a number of seconds "
		    "(0-86400); using %d", e, BUSY_TIMEOUT_DEFAULT);
	}
	return BUSY_TIMEOUT_DEFAULT * 1000L;
}

/*
 * Before SQLite's first use: no memory statistics, which nothing reads
 * and which take a global mutex on every allocation (measured on a
 * million persons loaded: 4 % of gw-load's time).  Later calls, or a
 * program that started SQLite itself, change nothing.
 */
static void
sqlite_setup(void)
{
	static int done;

	if (!done) {
		done = 1;
		(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
}

/*
 * Switches a store to WAL.  Two processes opening a new store at once
 * both read it in rollback mode and both need the exclusive lock to
 * switch; SQLite then answers SQLITE_BUSY at once, without the busy
 * handler, to avoid a deadlock; or the loser finds the rollback
 * journal it meant to delete already gone (SQLITE_IOERR_DELETE_NOENT).
 * So the switch is retried here for as long as the busy timeout allows
 * (seen under load in t/0040: one store created by four processes).
 */
static int
walmode(sqlite3 *db, const char **why)
{
	long waited;

	for (waited = 0;; waited += 10) {
		if (exec1(db, "PRAGMA journal_mode = WAL", why) == 0)
			return 0;
		if ((sqlite3_errcode(db) != SQLITE_BUSY &&
		    sqlite3_extended_errcode(db) != SQLITE_IOERR_DELETE_NOENT) ||
		    waited >= busy_timeout_ms())
			return -1;
		sqlite3_sleep(10);
	}
}

/*
 * A bulk load into an empty table writes through the rollback journal
 * instead of the WAL: pages beyond the end of the file need no journal,
 * so each is written once, where WAL writes it twice (to the log, then
 * at the checkpoint).  Measured on a million persons: the commit takes
 * 0.09 s instead of 0.30 s, and the load's writing no longer competes
 * with the checkpoint.  Leaving WAL needs the store to itself: when
 * another connection has it open, WAL stays (0).  Never waits.
 */
int
store_bulk(sqlite3 *db)
{
	sqlite3_stmt *st;
	const char *why, *mode;
	int ok = 0, ms = (int)busy_timeout_ms();

	if (sqlite3_prepare_v2(db, "PRAGMA busy_timeout", -1, &st, NULL) ==
	    SQLITE_OK) {	/* the timeout in force, to put back */
		if (sqlite3_step(st) == SQLITE_ROW)
			ms = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db, 0);
	if (exec1(db, "PRAGMA journal_mode = DELETE", &why) == 0 &&
	    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    (mode = (const char *)sqlite3_column_text(st, 0)) &&
		    strcmp(mode, "delete") == 0)
			ok = 1;
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db, ms);
	return ok;
}

int
store_wal(sqlite3 *db, const char **why)
{
	return walmode(db, why);
}

/*
 * A store read where we can write nothing (a copy on read-only media, a
 * store of another user's that we may read): SQLite cannot make the
 * -shm file a WAL store needs even to read it.  When there is none, and
 * so no writer, it is opened immutable; the URI, or NULL when the store
 * is to be opened as it is.
 */
static char *
frozen_uri(const char *path)
{
	struct sbuf b = { 0 };
	const char *p;

	sbuf_addf(&b, "%s-shm", path);
	if (access(b.s, F_OK) == 0 || store_writable(path)) {
		sbuf_free(&b);
		return NULL;
	}
	sbuf_reset(&b);
	sbuf_adds(&b, "file:");
	for (p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sbuf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			sbuf_addc(&b, *p);
	sbuf_adds(&b, "?immutable=1");
	return b.s;
}

int
store_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int ok;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	ok = access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

sqlite3 *
store_open(const char *path, int flags, const char **why)
{
	sqlite3 *db = NULL;
	struct stat st;
	int fd, created = 0, oflags, rc;
	int rdonly = (flags & STORE_RDONLY) != 0;
	char *uri;
	char msg[sizeof whybuf];

	/* the store is never an output's file (-r s.db, outfile.c) */
	if (gw_file_note(path, -1, 0, "store", why) < 0)
		return NULL;
	if (stat(path, &st) < 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE) || rdonly) {
			*why = setwhy("%s: %s", path, errno == ENOENT ?
			    "no such store" : strerror(errno));
			return NULL;
		}
		/* created here, owner-only, before SQLite sees it */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			*why = setwhy("%s: %s", path, strerror(errno));
			return NULL;
		}
		if (fd >= 0) {
			created = 1;
			/* umask may have taken more than we asked; never less */
			fchmod(fd, 0600);
			close(fd);
		}
	} else if (!S_ISREG(st.st_mode)) {
		*why = setwhy("%s: not a regular file", path);
		return NULL;
	} else if (st.st_size == 0 && !rdonly && (flags & STORE_CREATE)) {
		/* an empty file (touch s.db) becomes a store as a new one
		   would: owner-only before SQLite writes a page of it */
		if (st.st_uid != geteuid() || chmod(path, 0600) < 0) {
			*why = setwhy("%s: empty file not ours to make a store "
			    "of (mode %03o)", path, (unsigned)(st.st_mode & 0777));
			return NULL;
		}
	} else if ((st.st_mode & 077) && st.st_uid == geteuid()) {
		warn("%s: store is readable or writable by others (mode %03o); "
		    "chmod 600 it", path, (unsigned)(st.st_mode & 0777));
	}

	oflags = rdonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/* serialised: a loader may write from a second thread (gw-load) */
	oflags |= SQLITE_OPEN_FULLMUTEX;
	sqlite_setup();
	uri = rdonly ? frozen_uri(path) : NULL;
	if (uri)
		oflags |= SQLITE_OPEN_URI;
	rc = sqlite3_open_v2(uri ? uri : path, &db, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		*why = setwhy("%s: %s", path, db ? sqlite3_errmsg(db) :
		    "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	/* a misspelt "column" must be an error, never a string literal */
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
	sqlite3_busy_timeout(db, (int)busy_timeout_ms());
	/*
	 * WAL: readers never block the writer nor see half a load.  The
	 * mode is stored in the file, so a read-only open finds it set.
	 */
	/*
	 * Pages of 64 KiB (SQLite's largest) for a new store: the store is
	 * read and written in bulk, and a bulk write into WAL costs less CPU
	 * and fewer system calls with big pages (measured on a million
	 * persons written in key order: 1.71 s at 4 KiB, 1.30 s at 64 KiB).
	 * It takes effect only before the first table; later it is a no-op.
	 */
	if (!rdonly && (exec1(db, "PRAGMA page_size = 65536", why) < 0 ||
	    walmode(db, why) < 0))
		goto failmsg;
	/*
	 * A 64 MB page cache: with SQLite's 2 MB a large load spills dirty
	 * index pages to the WAL again and again (measured on a million
	 * persons: 16.5 s of CPU against 6.5 s).  A bound, not a grant.
	 */
	if (exec1(db, "PRAGMA synchronous = NORMAL", why) < 0 ||
	    exec1(db, "PRAGMA foreign_keys = ON", why) < 0 ||
	    exec1(db, "PRAGMA cache_size = -65536", why) < 0)
		goto failmsg;
	if (migrate(db, path, rdonly, why) < 0)
		goto fail;
	if (!rdonly)
		fixmodes(path);
	return db;
failmsg:
	snprintf(msg, sizeof msg, "%s", *why);	/* *why may be whybuf */
	*why = setwhy("%s: %s", path, msg);
fail:
	sqlite3_close(db);
	if (created)	/* leave nothing of a store we failed to create */
		rmstore(path);
	return NULL;
}

sqlite3 *
store_memory(const char **why)
{
	sqlite3 *db = NULL;

	sqlite_setup();
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*why = setwhy("in-memory store: %s", db ? sqlite3_errmsg(db) :
		    "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
	if (exec1(db, "PRAGMA foreign_keys = ON", why) < 0 ||
	    migrate(db, "in-memory store", 0, why) < 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

int
store_close(sqlite3 *db)
{
	if (db == NULL)
		return 0;
	/*
	 * Cheap, and keeps the planner's statistics fresh after loads.  It
	 * may want the write lock: never wait for it behind another writer.
	 */
	if (!sqlite3_db_readonly(db, "main") && sqlite3_get_autocommit(db)) {
		const char *why;

		sqlite3_busy_timeout(db, 0);
		(void)exec1(db, "PRAGMA optimize", &why);
	}
	return sqlite3_close(db) == SQLITE_OK ? 0 : -1;
}

int
store_begin(sqlite3 *db, const char **why)
{
	sqlite3_stmt *st;
	long ms = -1;

	if (exec1(db, "BEGIN IMMEDIATE", why) < 0) {
		if ((sqlite3_errcode(db) & 0xff) != SQLITE_BUSY)
			return -1;
		/* the timeout in force, which a caller may have changed */
		if (sqlite3_prepare_v2(db, "PRAGMA busy_timeout", -1, &st,
		    NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				ms = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		*why = setwhy("store is locked by another writer; gave up "
		    "after %.3g s (GRIDWORK_BUSY_TIMEOUT)", ms / 1000.0);
		return -1;
	}
	return 0;
}

int
store_commit(sqlite3 *db, const char **why)
{
	return exec1(db, "COMMIT", why);
}

int
store_rollback(sqlite3 *db)
{
	const char *why;

	if (sqlite3_get_autocommit(db))
		return 0;	/* nothing open: SQLite already rolled back */
	return exec1(db, "ROLLBACK", &why);
}

/* Appends s to b, single-quoted for sh when it is not a plain word. */
static void
shquote(struct sbuf *b, const char *s)
{
	const char *p;

	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_./=:,+%@") == strlen(s)) {
		sbuf_adds(b, s);
		return;
	}
	sbuf_addc(b, '\'');
	for (p = s; *p; p++)
		if (*p == '\'')
			sbuf_adds(b, "'\\''");
		else
			sbuf_addc(b, *p);
	sbuf_addc(b, '\'');
}

/*
 * Now as UTC ISO 8601.  SOURCE_DATE_EPOCH, when set, stands for now, so
 * that tests and reproducible runs can compare audit rows byte for byte.
 */
void
store_now(char out[21])
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;
	char *end;
	long long v;

	if (e && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *
username(char *buf, size_t n)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *u;

	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	if ((u = getenv("USER")) && *u)
		return u;
	snprintf(buf, n, "uid %lu", (unsigned long)geteuid());
	return buf;
}

/* Binds a count, or NULL when negative (not applicable). */
static void
bindcount(sqlite3_stmt *st, int i, long v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

int
store_audit(sqlite3 *db, int argc, char **argv, const char *table,
    const char *action, long nread, long nloaded, long nupdated,
    long nrejected, const char *note, const char **why)
{
	static const char sql[] = "INSERT INTO audit (at, user, command, "
	    "table_name, action, rows_read, rows_loaded, rows_updated, "
	    "rows_rejected, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	struct sbuf cmd = { 0 };
	sqlite3_stmt *st;
	char at[21], ubuf[32];
	int i, rc;

	for (i = 0; i < argc && argv[i]; i++) {
		if (i > 0)
			sbuf_addc(&cmd, ' ');
		shquote(&cmd, argv[i]);
	}
	store_now(at);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*why = setwhy("audit: %s", sqlite3_errmsg(db));
		sbuf_free(&cmd);
		return -1;
	}
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, username(ubuf, sizeof ubuf), -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, cmd.s ? cmd.s : "", -1, SQLITE_STATIC);
	if (table)
		sqlite3_bind_text(st, 4, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	bindcount(st, 6, nread);
	bindcount(st, 7, nloaded);
	bindcount(st, 8, nupdated);
	bindcount(st, 9, nrejected);
	if (note)
		sqlite3_bind_text(st, 10, note, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	sbuf_free(&cmd);
	if (rc != SQLITE_DONE) {
		*why = setwhy("audit: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

struct store_col *
store_table_columns(sqlite3 *db, const char *table, size_t *n)
{
	/* the table-valued pragma takes the table name as a parameter */
	static const char sql[] = "SELECT name, type, \"notnull\", pk, "
	    "dflt_value IS NOT NULL FROM pragma_table_info(?) ORDER BY cid";
	struct store_col *c = NULL;
	sqlite3_stmt *st;
	size_t cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			c = xreallocarray(c, cap, sizeof *c);
		}
		c[*n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
		c[*n].type = xstrdup((const char *)sqlite3_column_text(st, 1));
		c[*n].notnull = sqlite3_column_int(st, 2);
		c[*n].pk = sqlite3_column_int(st, 3);
		c[*n].hasdefault = sqlite3_column_int(st, 4);
		(*n)++;
	}
	sqlite3_finalize(st);
	return c;
}

void
store_cols_free(struct store_col *c, size_t n)
{
	size_t i;

	for (i = 0; c && i < n; i++) {
		free(c[i].name);
		free(c[i].type);
	}
	free(c);
}

int
store_has_rows(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	/* an identifier cannot be bound; %w quotes it safely */
	sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" LIMIT 1", table);
	if (sql == NULL)
		die("out of memory");
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Appends name to b as a quoted SQL identifier. */
static void
ident(struct sbuf *b, const char *name)
{
	const char *p;

	sbuf_addc(b, '"');
	for (p = name; *p; p++) {
		if (*p == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *p);
	}
	sbuf_addc(b, '"');
}

/* Appends "c1, c2, ..." (with sep between and suffix after each). */
static void
identlist(struct sbuf *b, const char *const *cols, size_t n, const char *sep,
    const char *suffix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_adds(b, sep);
		ident(b, cols[i]);
		sbuf_adds(b, suffix);
	}
}

/* 0 when every name in cols is a column of table (or "rowid"); -1 with
   *why. */
static int
checkcols(sqlite3 *db, const char *table, const char *const *cols, size_t n,
    const char **why)
{
	struct store_col *c;
	size_t nc, i, j;

	if ((c = store_table_columns(db, table, &nc)) == NULL) {
		*why = setwhy("no table '%s' in the store", table);
		return -1;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < nc; j++)
			if (strcmp(c[j].name, cols[i]) == 0)
				break;
		if (j == nc && strcmp(cols[i], "rowid") != 0) {
			*why = setwhy("no column '%s' in table '%s'", cols[i],
			    table);
			store_cols_free(c, nc);
			return -1;
		}
	}
	store_cols_free(c, nc);
	return n > 0 ? 0 : (*why = setwhy("no columns"), -1);
}

static sqlite3_stmt *
prepare(sqlite3 *db, struct sbuf *b, const char **why)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, b->s, -1, &st, NULL) != SQLITE_OK) {
		*why = setwhy("%s", sqlite3_errmsg(db));
		st = NULL;
	}
	sbuf_free(b);
	return st;
}

sqlite3_stmt *
store_insert(sqlite3 *db, const char *table, const char *const *cols,
    size_t n, int mode, const char **why)
{
	struct sbuf b = { 0 };
	struct store_col *c;
	size_t nc, i, j, nset = 0;
	int first = 1;

	if (checkcols(db, table, cols, n, why) < 0)
		return NULL;
	c = store_table_columns(db, table, &nc);
	if ((mode == STORE_FEED || mode == STORE_FEED_FAIL) &&
	    n > STORE_FEED_MAX) {
		*why = setwhy("%s: more than %d columns to feed", table,
		    STORE_FEED_MAX);
		store_cols_free(c, nc);
		return NULL;
	}
	sbuf_adds(&b, mode == STORE_FEED_FAIL ? "INSERT OR FAIL INTO " :
	    "INSERT INTO ");
	ident(&b, table);
	sbuf_adds(&b, " (");
	identlist(&b, cols, n, ", ", "");
	if (mode == STORE_FEED || mode == STORE_FEED_FAIL) {
		sbuf_adds(&b, ") SELECT ");
		for (i = 0; i < n; i++)
			sbuf_addf(&b, "%sc%zu", i ? ", " : "", i);
		sbuf_adds(&b, " FROM gw_feed");
	} else {
		sbuf_adds(&b, ") VALUES (");
		for (i = 0; i < n; i++)
			sbuf_adds(&b, i ? ", ?" : "?");
		sbuf_adds(&b, ")");
	}
	if (mode == STORE_UPSERT) {
		/* the conflict target is the primary key, in key order, or
		   the rowid of a table that declares none (persons) */
		sbuf_adds(&b, " ON CONFLICT (");
		for (i = 0; i < nc && !c[i].pk; i++)
			;
		if (i == nc)
			sbuf_adds(&b, "rowid");
		for (j = 1; j <= nc; j++)
			for (i = 0; i < nc; i++)
				if (c[i].pk == (int)j) {
					if (j > 1)
						sbuf_adds(&b, ", ");
					ident(&b, c[i].name);
				}
		sbuf_adds(&b, ") DO UPDATE SET ");
		for (i = 0; i < n; i++) {
			for (j = 0; j < nc; j++)
				if (strcmp(c[j].name, cols[i]) == 0)
					break;
			if ((j < nc && c[j].pk) || j == nc)
				continue;	/* the key (or rowid) stays */
			if (!first)
				sbuf_adds(&b, ", ");
			first = 0;
			ident(&b, cols[i]);
			sbuf_adds(&b, " = excluded.");
			ident(&b, cols[i]);
			nset++;
		}
		if (nset == 0) {
			/* every column is key: nothing to replace */
			b.len -= strlen("DO UPDATE SET ");
			b.s[b.len] = '\0';
			sbuf_adds(&b, "DO NOTHING");
		}
	}
	store_cols_free(c, nc);
	return prepare(db, &b, why);
}

/*
 * The feed: an eponymous virtual table, gw_feed (c0, c1, ...), whose rows
 * are the program's, so that one INSERT ... SELECT writes a batch of
 * them (store_insert() with STORE_FEED).  Against a statement stepped
 * once a row it saves the binding, the step and its statement
 * transaction, the reset: measured on a million persons, a fifth of
 * SQLite's time.  Scanned once per statement, in the program's order.
 */
struct feedtab {
	sqlite3_vtab base;
	struct store_feed *feed;
};

struct feedcur {
	sqlite3_vtab_cursor base;
	struct store_feed *feed;
	int eof;
	sqlite3_int64 n;	/* rows so far: the rowid */
};

static int
feed_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **vt, char **err)
{
	struct feedtab *t;
	struct sbuf b = { 0 };
	int i, rc;

	(void)argc, (void)argv, (void)err;
	sbuf_adds(&b, "CREATE TABLE x (");
	for (i = 0; i < STORE_FEED_MAX; i++)
		sbuf_addf(&b, "%sc%d", i ? ", " : "", i);
	sbuf_adds(&b, ")");
	rc = sqlite3_declare_vtab(db, b.s);
	sbuf_free(&b);
	if (rc != SQLITE_OK)
		return rc;
	if ((t = sqlite3_malloc(sizeof *t)) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->feed = aux;
	*vt = &t->base;
	return SQLITE_OK;
}

static int
feed_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

static int
feed_bestindex(sqlite3_vtab *vt, sqlite3_index_info *ii)
{
	(void)vt;
	ii->estimatedCost = 1e6;
	return SQLITE_OK;
}

static int
feed_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur)
{
	struct feedcur *c;

	if ((c = sqlite3_malloc(sizeof *c)) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	c->feed = ((struct feedtab *)vt)->feed;
	*cur = &c->base;
	return SQLITE_OK;
}

static int
feed_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int
feed_next(sqlite3_vtab_cursor *cur)
{
	struct feedcur *c = (struct feedcur *)cur;
	int rc;

	if (c->feed == NULL || c->feed->next == NULL)
		rc = 0;
	else if ((rc = c->feed->next(c->feed->arg)) < 0) {
		c->eof = 1;
		return SQLITE_ERROR;
	}
	c->eof = rc == 0;
	c->n++;
	return SQLITE_OK;
}

static int
feed_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr,
    int argc, sqlite3_value **argv)
{
	(void)idx, (void)idxstr, (void)argc, (void)argv;
	((struct feedcur *)cur)->n = 0;
	return feed_next(cur);
}

static int
feed_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct feedcur *)cur)->eof;
}

static int
feed_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	struct feedcur *c = (struct feedcur *)cur;

	c->feed->column(c->feed->arg, ctx, i);
	return SQLITE_OK;
}

static int
feed_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((struct feedcur *)cur)->n;
	return SQLITE_OK;
}

static sqlite3_module feed_module = {
	.iVersion = 1,
	.xCreate = NULL,	/* eponymous only: no CREATE VIRTUAL TABLE */
	.xConnect = feed_connect,
	.xBestIndex = feed_bestindex,
	.xDisconnect = feed_disconnect,
	.xDestroy = feed_disconnect,
	.xOpen = feed_open,
	.xClose = feed_close,
	.xFilter = feed_filter,
	.xNext = feed_next,
	.xEof = feed_eof,
	.xColumn = feed_column,
	.xRowid = feed_rowid,
};

int
store_feed(sqlite3 *db, struct store_feed *feed, const char **why)
{
	if (sqlite3_create_module_v2(db, "gw_feed", &feed_module, feed,
	    NULL) != SQLITE_OK) {
		*why = setwhy("gw_feed: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

sqlite3_stmt *
store_lookup(sqlite3 *db, const char *table, const char *const *cols,
    size_t n, const char **why)
{
	struct sbuf b = { 0 };

	if (checkcols(db, table, cols, n, why) < 0)
		return NULL;
	sbuf_adds(&b, "SELECT rowid FROM ");
	ident(&b, table);
	sbuf_adds(&b, " WHERE ");
	identlist(&b, cols, n, " AND ", " = ?");
	sbuf_adds(&b, " LIMIT 1");
	return prepare(db, &b, why);
}

sqlite3_stmt *
store_select(sqlite3 *db, const char *table, const char *const *cols,
    size_t n, const char **why)
{
	return store_select_where(db, table, cols, n, NULL, why);
}

sqlite3_stmt *
store_select_where(sqlite3 *db, const char *table, const char *const *cols,
    size_t n, const char *where, const char **why)
{
	return store_select_by(db, table, cols, n, where, NULL, 0, why);
}

sqlite3_stmt *
store_select_by(sqlite3 *db, const char *table, const char *const *cols,
    size_t n, const char *where, const char *order, int rowid,
    const char **why)
{
	struct sbuf b = { 0 };

	if (checkcols(db, table, cols, n, why) < 0)
		return NULL;
	sbuf_adds(&b, "SELECT ");
	identlist(&b, cols, n, ", ", "");
	if (rowid)
		sbuf_adds(&b, n ? ", rowid" : "rowid");
	sbuf_adds(&b, " FROM ");
	ident(&b, table);
	if (where) {
		sbuf_adds(&b, " WHERE ");
		sbuf_adds(&b, where);
	}
	sbuf_adds(&b, " ORDER BY ");
	sbuf_adds(&b, order ? order : "rowid");
	return prepare(db, &b, why);
}
