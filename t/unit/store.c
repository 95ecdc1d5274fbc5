/*
 * store.c — unit tests of lib/store.c: creation and permissions, the
 * schema against the contracts of gridwork-store(5), migrations, versions,
 * the audit table, and two writers waiting for each other.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "gridwork.h"
#include "tap.h"

static char dir[256];

static const char *
tpath(const char *name)
{
	static char p[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
	return p[i];
}

/*
 * The contract columns, written out here independently of share/sql so
 * that a schema drifting from those contracts fails.  A leading '*' marks a
 * primary-key column (in key order); grids.note, grids.status, case_log.deadline
 * and workers.left_on are the store's documented additions.
 */
static const char *const contract[] = {
	"regions *code name kind",
	"persons id_number name household_id relation village_code block "
	    "address phone tags",
	"households *household_id village_code block address persons",
	"units *unit_id name village_code kind people",
	"grids *grid_code village_code kind households residents blocks note status",
	"workers *worker_id id_number name role grid_code township_code "
	    "employment hired_on left_on",
	"candidates *candidate_id id_number name education party_member title "
	    "social_work_cert veteran dibao criminal_penalty pending_case "
	    "under_investigation detained admin_penalty dismissed remarks "
	    "written interview grid_code",
	"events *event_id grid_code reported_at found_at source reporter_id "
	    "category text settled",
	"case_log *case_id event_id *step *at actor department satisfied "
	    "deadline",
	"cases *case_id event_id grid_code category state department "
	    "reported_at assigned_at deadline closed_at working_days on_time "
	    "overdue satisfied month provisional",
	"patrols *worker_id *date minutes households_visited",
	"visits *worker_id *date *household_id",
	"logins *worker_id *date",
	"trainings *worker_id date *session_id attended",
	"bonus *worker_id *month points *reason",
	"rewards *worker_id *month amount *reason",
	"scores *month *worker_id grid_code township_code attendance patrol "
	    "coverage discovery disposal ontime training satisfaction "
	    "deductions bonus score grade rank_township rank_county",
	"pay *month *worker_id name role employment grid_code grade base "
	    "performance case_subsidy reward floor_topup gross",
	"audit *id at user command table_name action rows_read rows_loaded "
	    "rows_updated rows_rejected note",
	/* share/sql/004-month.sql */
	"assignment *household_id village_code block persons grid_code "
	    "micro_grid_code",
	"grid_codes *grid_code village_code kind issued_at retired_at",
	"profiles *county_code policy at",
	"orders *case_id event_id grid_code category urgency level department "
	    "assigned_at deadline limit provisional",
	/* share/sql/005-staffing.sql */
	"posts *grid_code *worker_id *from_on to_on",
	"hazards *hazard_id village_code block address kind",
	"micro_codes *micro_grid_code grid_code issued_at retired_at",
	/* share/sql/006-indicators.sql */
	"tasks *task_id worker_id kind deadline done_at",
	"marks *month *worker_id *department mark",
	"keyvisits *month *grid_code *worker_id persons persons_short "
	    "visits_required visits_made visits_credited visits_by_worker "
	    "compliance",
};

/* Checks one contract line against PRAGMA table_info. */
static void
check_table(sqlite3 *db, const char *line)
{
	char buf[1024], *tok, *sp, table[64];
	struct store_col *c;
	size_t n, i = 0;
	int pkpos = 0, good = 1;

	snprintf(buf, sizeof buf, "%s", line);
	tok = strtok_r(buf, " ", &sp);
	snprintf(table, sizeof table, "%s", tok);
	c = store_table_columns(db, table, &n);
	if (!ok(c != NULL, "table %s exists", table))
		return;
	while ((tok = strtok_r(NULL, " ", &sp))) {
		int pk = 0;

		if (*tok == '*') {
			pk = ++pkpos;
			tok++;
		}
		if (i >= n || strcmp(c[i].name, tok) != 0 || c[i].pk != pk) {
			printf("#   %s column %zu: got %s (pk %d), want %s "
			    "(pk %d)\n", table, i, i < n ? c[i].name : "none",
			    i < n ? c[i].pk : 0, tok, pk);
			good = 0;
		}
		i++;
	}
	if (i != n) {
		printf("#   %s: %zu columns, want %zu\n", table, n, i);
		good = 0;
	}
	ok(good, "table %s has the contract columns and key", table);
	store_cols_free(c, n);
}

static long long
q1(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("#   %s: %s\n", sql, sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
run(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* Runs fn with stderr sent to a file; returns what it wrote. */
static char *
capture_stderr(sqlite3 *(*fn)(const char *), const char *arg, sqlite3 **out)
{
	static char got[2048];
	int save = dup(2), fd;
	ssize_t n;

	fflush(stderr);
	fd = open(tpath("stderr"), O_RDWR | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	*out = fn(arg);
	fflush(stderr);
	dup2(save, 2);
	close(save);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, got, sizeof got - 1);
	got[n > 0 ? n : 0] = '\0';
	close(fd);
	return got;
}

static sqlite3 *
open_rw(const char *path)
{
	const char *why;

	return store_open(path, 0, &why);
}

static void
test_create(void)
{
	const char *why = NULL, *p = tpath("new.db");
	sqlite3 *db;
	size_t i;
	mode_t old;

	/* a permissive umask must not make the store readable */
	old = umask(0);
	db = store_open(p, STORE_CREATE, &why);
	umask(old);
	if (!ok(db != NULL, "store_open creates a store"))
		printf("#   %s\n", why);
	if (db == NULL)
		return;
	is(mode_of(p), 0600, "a new store is mode 0600 under umask 0");
	is(store_version(db), store_schema_version(),
	    "user_version is the number of share/sql files");
	ok(store_schema_version() >= 1, "at least one migration");
	is(q1(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1,
	    "journal mode is WAL");
	is(q1(db, "PRAGMA foreign_keys"), 1, "foreign keys on");
	is(q1(db, "PRAGMA synchronous"), 1, "synchronous NORMAL");
	ok(q1(db, "PRAGMA busy_timeout") >= 60000, "busy timeout >= 60 s");

	for (i = 0; i < sizeof contract / sizeof contract[0]; i++)
		check_table(db, contract[i]);
	is(q1(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
	    "AND name NOT LIKE 'sqlite_%'"), (long long)(sizeof contract /
	    sizeof contract[0]), "no tables beyond the contracts and audit");

	/* indexes for the joins later commands make */
	is(q1(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
	    "AND name IN ('households_village', "
	    "'events_grid', 'cases_grid', 'visits_household', "
	    "'workers_grid')"), 5, "the join indexes exist");
	is(q1(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
	    "AND tbl_name = 'persons'"), 0,
	    "persons: no index, its rowid is the identity number");
	is(q1(db, "SELECT count(*) FROM pragma_index_info('events_grid') "
	    "WHERE name IN ('grid_code', 'reported_at')"), 2,
	    "events indexed by grid_code and reported_at");
	is(q1(db, "SELECT count(*) FROM pragma_index_info('cases_grid') "
	    "WHERE name IN ('grid_code', 'deadline')"), 2,
	    "cases indexed by grid_code and deadline");
	is(q1(db, "SELECT count(*) FROM pragma_index_info('case_log_at') "
	    "WHERE name = 'at'"), 1,
	    "the case log indexed by time (009: a month's rows)");

	/* types: codes TEXT keep leading zeros; money INTEGER fen */
	ok(run(db, "INSERT INTO regions VALUES ('011', 'x', NULL)") == 0,
	    "insert a region");
	is(q1(db, "SELECT typeof(code) = 'text' AND code = '011' FROM "
	    "regions"), 1, "a code keeps its leading zero");
	ok(run(db, "INSERT INTO regions VALUES ('012', 'y', 'town')") != 0,
	    "kind outside urban|rural is refused by the schema");
	ok(run(db, "INSERT INTO rewards VALUES ('w1', '2026-10', '176050', "
	    "'r')") == 0 && q1(db, "SELECT typeof(amount) = 'integer' FROM "
	    "rewards") == 1, "money is stored as integer fen");
	ok(run(db, "INSERT INTO case_log VALUES ('c', 'e', 'closed', "
	    "'2026-10-08 09:00:00', NULL, NULL, NULL, NULL)") == 0 &&
	    run(db, "INSERT INTO case_log VALUES ('c', 'e', 'closed', "
	    "'2026-10-08 09:00:00', 'a', NULL, NULL, NULL)") != 0,
	    "a case_log row is keyed by case, step and time");
	ok(run(db, "INSERT INTO case_log VALUES ('c', 'e', 'lost', "
	    "'2026-10-08 09:00:00', NULL, NULL, NULL, NULL)") != 0,
	    "an unknown step is refused by the schema");
	ok(run(db, "INSERT INTO persons (rowid, id_number, name, "
	    "household_id, village_code) VALUES (14082419900101001, "
	    "'140824199001010010', 'n', 'h', '999999999999')") == 0,
	    "no declared foreign key makes a loading order mandatory");
	ok(run(db, "INSERT INTO persons (id_number, name, household_id, "
	    "village_code) VALUES ('140824200001010029', 'n', 'h', "
	    "'140824100001')") != 0, "a person without its number as rowid "
	    "is refused by the schema");
	ok(run(db, "INSERT INTO persons (rowid, id_number, name, "
	    "household_id, village_code) VALUES (14082419900101002, "
	    "'x', 'n', 'h', '140824100001')") != 0, "so is an identity "
	    "number not of 18 characters");
	is(store_has_rows(db, "persons"), 1, "store_has_rows: 1");
	is(store_has_rows(db, "visits"), 0, "store_has_rows: 0");
	is(store_has_rows(db, "no_such"), -1, "store_has_rows: -1");
	{
		size_t n = 99;

		ok(store_table_columns(db, "no_such", &n) == NULL && n == 0,
		    "store_table_columns of an unknown table is NULL");
	}
	is(mode_of(tpath("new.db-wal")), 0600, "the -wal file is 0600");
	is(mode_of(tpath("new.db-shm")), 0600, "the -shm file is 0600");
	is(store_close(db), 0, "store_close");
	is(store_close(NULL), 0, "store_close(NULL)");

	db = store_open(p, STORE_RDONLY, &why);
	ok(db != NULL && q1(db, "SELECT count(*) FROM persons") == 1,
	    "a read-only open sees the data");
	ok(db && run(db, "INSERT INTO logins VALUES ('w', '2026-10-08')") != 0,
	    "a read-only open cannot write");
	store_close(db);
}

static void
test_refusals(void)
{
	const char *why = NULL, *p;
	sqlite3 *db, *raw;
	int fd;

	p = tpath("missing.db");
	db = store_open(p, 0, &why);
	ok(db == NULL && strstr(why, "no such store") && mode_of(p) == -1,
	    "a missing store without STORE_CREATE: refused, not created");
	db = store_open(p, STORE_CREATE | STORE_RDONLY, &why);
	ok(db == NULL && mode_of(p) == -1, "read-only never creates");
	db = store_open(tpath("nodir/x.db"), STORE_CREATE, &why);
	ok(db == NULL && why && strstr(why, "No such file"),
	    "creating in a missing directory fails: %s", why ? why : "");
	db = store_open(dir, STORE_CREATE, &why);
	ok(db == NULL && strstr(why, "not a regular file"),
	    "a directory is not a store");

	/* a file that is not SQLite */
	p = tpath("text.db");
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	{
		static const char csv[] = "code,name\n110000000000,北京\n"
		    "......................................................."
		    ".......................................................";

		write(fd, csv, sizeof csv - 1);
	}
	close(fd);
	db = store_open(p, 0, &why);
	ok(db == NULL && strstr(why, "not a database"),
	    "a CSV file is not a store: %s", why ? why : "");
	is(mode_of(p), 0600, "and is left alone");

	/* a store newer than the program */
	p = tpath("newer.db");
	db = store_open(p, STORE_CREATE, &why);
	store_close(db);
	sqlite3_open(p, &raw);
	run(raw, "PRAGMA user_version = 999");
	sqlite3_close(raw);
	db = store_open(p, 0, &why);
	ok(db == NULL && strstr(why, "newer") && strstr(why, "999"),
	    "a store of a newer schema is refused: %s", why ? why : "");
	db = store_open(p, STORE_RDONLY, &why);
	ok(db == NULL && strstr(why, "newer"), "also read-only");

	/* user_version 0 but the tables already there: fails, unchanged */
	p = tpath("clash.db");
	sqlite3_open(p, &raw);
	run(raw, "CREATE TABLE regions (a); INSERT INTO regions VALUES (1)");
	sqlite3_close(raw);
	chmod(p, 0600);
	db = store_open(p, 0, &why);
	ok(db == NULL && strstr(why, "001-schema.sql") &&
	    strstr(why, "already exists"), "a foreign database with a clashing "
	    "table is refused: %s", why ? why : "");
	sqlite3_open(p, &raw);
	ok(q1(raw, "PRAGMA user_version") == 0 && q1(raw, "SELECT count(*) "
	    "FROM sqlite_schema") == 1, "and the migration left nothing");
	sqlite3_close(raw);
}

static void
test_migrate(void)
{
	const char *why = NULL, *p;
	sqlite3 *db, *raw;
	int fd;

	/* an empty file is a store of version 0 */
	p = tpath("empty.db");
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	close(fd);
	db = store_open(p, 0, &why);
	ok(db != NULL && store_version(db) == store_schema_version(),
	    "an empty file is migrated from version 0");
	store_close(db);

	/* an SQLite file at version 0 with unrelated content */
	p = tpath("v0.db");
	sqlite3_open(p, &raw);
	run(raw, "CREATE TABLE notes (t); INSERT INTO notes VALUES ('keep')");
	sqlite3_close(raw);
	chmod(p, 0600);
	db = store_open(p, STORE_RDONLY, &why);
	ok(db == NULL && strstr(why, "older"),
	    "read-only open of an old store is refused: %s", why ? why : "");
	db = store_open(p, 0, &why);
	ok(db != NULL && store_version(db) == store_schema_version() &&
	    q1(db, "SELECT count(*) FROM notes") == 1 &&
	    q1(db, "SELECT count(*) FROM regions") == 0,
	    "a version 0 store is migrated, its data kept");
	store_close(db);
	db = store_open(p, 0, &why);
	ok(db != NULL && store_version(db) == store_schema_version(),
	    "opening again applies nothing twice");
	store_close(db);

	/* version 2's persons (002), moved to 003's cheaper CHECK; the
	   workers of 001 are there too, as in every store of version 2,
	   for 005 to add a column to */
	p = tpath("v2.db");
	sqlite3_open(p, &raw);
	run(raw, "CREATE TABLE workers (worker_id TEXT NOT NULL PRIMARY "
	    "KEY, id_number TEXT NOT NULL, name TEXT NOT NULL, role TEXT "
	    "NOT NULL, grid_code TEXT, township_code TEXT, employment TEXT "
	    "NOT NULL, hired_on TEXT);"
	    "CREATE TABLE persons (id_number TEXT NOT NULL, name TEXT "
	    "NOT NULL, household_id TEXT NOT NULL, relation TEXT, "
	    "village_code TEXT NOT NULL, block TEXT, address TEXT, phone "
	    "TEXT, tags TEXT, CHECK (length(id_number) = 18 AND rowid IS "
	    "CAST(substr(id_number, 1, 17) AS INTEGER)));"
	    "INSERT INTO persons (rowid, id_number, name, household_id, "
	    "village_code) VALUES (14082419751101076, '14082419751101076X', "
	    "'a', 'h', '140824100200'), (14082419710210773, "
	    "'140824197102107739', 'b', 'h', '140824100200');"
	    /* the tables a later migration alters (005, 009) */
	    "CREATE TABLE events (event_id TEXT NOT NULL PRIMARY KEY);"
	    "CREATE TABLE cases (case_id TEXT NOT NULL PRIMARY KEY);"
	    "CREATE TABLE case_log (case_id TEXT NOT NULL, at TEXT);"
	    "PRAGMA user_version = 2");
	sqlite3_close(raw);
	chmod(p, 0600);
	db = store_open(p, 0, &why);
	ok(db != NULL && store_version(db) == store_schema_version() &&
	    q1(db, "SELECT count(*) FROM persons WHERE rowid = "
	    "CAST(substr(id_number, 1, 17) AS INTEGER)") == 2,
	    "version 2: persons kept, each at its number");
	ok(db != NULL && q1(db, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'persons' AND sql LIKE '%/ 10%'") == 1,
	    "and checked by 003's CHECK");
	ok(db != NULL && run(db, "INSERT INTO persons (rowid, id_number, "
	    "name, household_id, village_code) VALUES (14082419800101002, "
	    "'14082419800101002X', 'c', 'h', '140824100200'), "
	    "(14082419800101003, '140824198001010035', 'd', 'h', "
	    "'140824100200')") == 0, "which takes a number ending in X or "
	    "a digit at its 17 digits");
	ok(db != NULL && run(db, "INSERT INTO persons (rowid, id_number, "
	    "name, household_id, village_code) VALUES (140824198001010045, "
	    "'140824198001010045', 'e', 'h', '140824100200')") != 0 &&
	    run(db, "INSERT INTO persons (rowid, id_number, name, "
	    "household_id, village_code) VALUES (1408241980010100, "
	    "'14082419800101005X', 'f', 'h', '140824100200')") != 0,
	    "and refuses all 18 digits or 16 of them as the rowid");
	ok(db != NULL && q1(db, "WITH v(r, s) AS (VALUES "
	    "(14082419800101002, '14082419800101002X'), "
	    "(1408241980010100, '14082419800101002X'), "
	    "(14082419800101003, '140824198001010035'), "
	    "(140824198001010035, '140824198001010035'), "
	    "(1408241980010103, '140824198001010035'), "
	    "(14082419800101, '14082419800101X00X'), "
	    "(1408241980010, '14082419800101X00X'), "
	    "(1408241980010103, '+14082419800101035'), "
	    "(14082419800101035, ' 14082419800101035'), "
	    "(1408241980010103, '014082419800101035'), "
	    "(0, 'X14082419800101035'), (0, '000000000000000000'), "
	    "(-1408241980010103, '-14082419800101035')) "
	    "SELECT count(*) FROM v WHERE (r IS CAST(substr(s, 1, 17) AS "
	    "INTEGER)) IS NOT ((r >= 10000000000000000 AND r = CAST(s AS "
	    "INTEGER) / 10) OR r IS CAST(substr(s, 1, 17) AS INTEGER))") == 0,
	    "the two CHECKs agree on numbers odd and right");
	store_close(db);
}

static void
test_perms(void)
{
	const char *why = NULL, *p = tpath("open.db");
	sqlite3 *db;
	char *err;

	db = store_open(p, STORE_CREATE, &why);
	store_close(db);
	chmod(p, 0644);
	err = capture_stderr(open_rw, p, &db);
	ok(db != NULL, "a store open to others still opens");
	ok(strstr(err, "readable or writable by others") &&
	    strstr(err, "644"), "but with a warning: %s", err);
	store_close(db);
	chmod(p, 0600);
	err = capture_stderr(open_rw, p, &db);
	isstr(err, "", "no warning at 0600");
	store_close(db);
}

static void
test_audit(void)
{
	const char *why = NULL;
	char *argv[] = { "gw-load", "-d", "s.db", "persons", "it's a file.csv",
	    NULL };
	sqlite3 *db, *raw;
	sqlite3_stmt *st;

	db = store_open(tpath("audit.db"), STORE_CREATE, &why);
	setenv("SOURCE_DATE_EPOCH", "1790000000", 1);
	ok(store_audit(db, 5, argv, "persons", "load", 10, 7, 1, 2, NULL,
	    &why) == 0, "store_audit");
	unsetenv("SOURCE_DATE_EPOCH");
	ok(store_audit(db, 1, argv, NULL, "read", -1, -1, -1, -1,
	    "--unmasked", &why) == 0, "store_audit with no counts");
	sqlite3_prepare_v2(db, "SELECT at, user, command, table_name, action, "
	    "rows_read, rows_loaded, rows_updated, rows_rejected, "
	    "note IS NULL FROM audit ORDER BY id", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW) {
		isstr((const char *)sqlite3_column_text(st, 0),
		    "2026-09-21T14:13:20Z", "audit time is UTC ISO 8601");
		ok(sqlite3_column_bytes(st, 1) > 0, "audit user: %s",
		    sqlite3_column_text(st, 1));
		isstr((const char *)sqlite3_column_text(st, 2),
		    "gw-load -d s.db persons 'it'\\''s a file.csv'",
		    "audit command line, shell-quoted");
		isstr((const char *)sqlite3_column_text(st, 3), "persons",
		    "audit table");
		isstr((const char *)sqlite3_column_text(st, 4), "load",
		    "audit action");
		ok(sqlite3_column_int(st, 5) == 10 &&
		    sqlite3_column_int(st, 6) == 7 &&
		    sqlite3_column_int(st, 7) == 1 &&
		    sqlite3_column_int(st, 8) == 2 &&
		    sqlite3_column_int(st, 9) == 1, "audit counts");
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		ok(sqlite3_column_bytes(st, 0) == 20 &&
		    sqlite3_column_text(st, 0)[19] == 'Z', "time of now: %s",
		    sqlite3_column_text(st, 0));
		ok(sqlite3_column_type(st, 3) == SQLITE_NULL &&
		    sqlite3_column_type(st, 5) == SQLITE_NULL,
		    "NULL table and counts when not applicable");
	}
	sqlite3_finalize(st);

	/* the audit row goes with its transaction */
	store_begin(db, &why);
	store_audit(db, 1, argv, "persons", "load", 1, 1, 0, 0, NULL, &why);
	is(store_rollback(db), 0, "store_rollback");
	is(q1(db, "SELECT count(*) FROM audit"), 2,
	    "a rolled-back load leaves no audit row");
	is(store_rollback(db), 0, "store_rollback with nothing open");
	ok(run(db, "UPDATE audit SET user = 'x'") != 0 &&
	    run(db, "DELETE FROM audit") != 0 &&
	    q1(db, "SELECT count(*) FROM audit") == 2,
	    "audit rows cannot be changed or deleted");
	store_close(db);

	sqlite3_open(tpath("audit.db"), &raw);
	ok(q1(raw, "SELECT count(*) FROM audit") == 2,
	    "committed audit rows are on disk");
	sqlite3_close(raw);
}

/*
 * A child takes the write lock with BEGIN IMMEDIATE and holds it until
 * the parent writes to the pipe `go' (or, with go < 0, for a moment);
 * it then adds a region and commits.  Returns the child's pid after it
 * holds the lock.
 */
static pid_t
locker(const char *path, int go)
{
	const char *why;
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready) < 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		sqlite3 *db = store_open(path, 0, &why);

		close(ready[0]);
		if (db == NULL || store_begin(db, &why) < 0)
			_exit(3);
		write(ready[1], "x", 1);
		if (go >= 0)
			read(go, &c, 1);
		else
			usleep(200000);	/* the parent waits whatever it lasts */
		if (run(db, "INSERT INTO regions VALUES ('62', '甘肃省', "
		    "NULL)") != 0 || store_commit(db, &why) < 0)
			_exit(4);
		store_close(db);
		_exit(0);
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	return pid;
}

static void
test_concurrency(void)
{
	const char *why = NULL, *p = tpath("busy.db");
	sqlite3 *db;
	int go[2], st, i, round;
	pid_t pid, kids[8];

	db = store_open(p, STORE_CREATE, &why);
	store_close(db);

	/* with a short timeout the second writer is told why it failed */
	pipe(go);
	pid = locker(p, go[0]);
	ok(pid > 0, "a child holds BEGIN IMMEDIATE");
	db = store_open(p, 0, &why);
	ok(db != NULL, "a reader opens while a writer holds the lock");
	ok(db && q1(db, "SELECT count(*) FROM regions") == 0,
	    "and reads without waiting");
	sqlite3_busy_timeout(db, 10);
	st = store_begin(db, &why);
	ok(st < 0 && strstr(why, "locked"),
	    "a writer that gives up says so: %s", why ? why : "");
	write(go[1], "x", 1);
	close(go[0]);
	close(go[1]);
	waitpid(pid, &st, 0);
	is(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "the child committed");
	store_close(db);

	/* with the real timeout the second writer waits for the first */
	db = store_open(p, 0, &why);
	run(db, "DELETE FROM regions");
	pid = locker(p, -1);
	ok(store_begin(db, &why) == 0, "the second writer waited");
	is(q1(db, "SELECT count(*) FROM regions"), 1,
	    "and sees the first writer's commit");
	store_rollback(db);
	waitpid(pid, &st, 0);
	is(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "the first committed");
	store_close(db);

	/*
	 * Eight processes creating one new store: one schema, no error.
	 * Twenty rounds, since the race (both in rollback mode, both
	 * switching to WAL) only sometimes loses.
	 */
	fflush(stdout);
	for (round = 0, st = 0; round < 20; round++) {
		char name[32];

		snprintf(name, sizeof name, "race%d.db", round);
		p = tpath(name);
		for (i = 0; i < 8; i++)
			if ((kids[i] = fork()) == 0) {
				db = store_open(p, STORE_CREATE, &why);
				if (db == NULL)
					fprintf(stderr, "# child: %s\n", why);
				_exit(db == NULL || store_close(db) != 0);
			}
		for (i = 0; i < 8; i++) {
			int s;

			waitpid(kids[i], &s, 0);
			st |= !WIFEXITED(s) || WEXITSTATUS(s) != 0;
		}
	}
	is(st, 0, "eight processes create one store at once (20 rounds)");
	db = store_open(p, 0, &why);
	ok(db && store_version(db) == store_schema_version(),
	    "and it has the schema once");
	store_close(db);
}

static void
test_statements(void)
{
	const char *why = NULL;
	/* households: keyed by a text column, like most tables (persons
	   is keyed by its rowid, which gw-load writes itself) */
	const char *pcols[] = { "household_id", "address", "block",
	    "village_code" };
	const char *key[] = { "household_id" };
	const char *lcols[] = { "worker_id", "date" };
	const char *bogus[] = { "id_number", "shoe_size" };
	sqlite3_stmt *ins, *up, *look, *sel, *st;
	sqlite3 *db;
	long long rowid;
	int i;

	db = store_open(tpath("stmt.db"), STORE_CREATE, &why);
	ins = store_insert(db, "households", pcols, 4, STORE_INSERT, &why);
	up = store_insert(db, "households", pcols, 4, STORE_UPSERT, &why);
	look = store_lookup(db, "households", key, 1, &why);
	sel = store_select(db, "households", pcols, 2, &why);
	ok(ins && up && look && sel, "statements prepared");
	if (!(ins && up && look && sel))
		return;
#define ROW(stmt, id, nm) do { \
	sqlite3_reset(stmt); \
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC); \
	sqlite3_bind_text(stmt, 2, nm, -1, SQLITE_STATIC); \
	sqlite3_bind_text(stmt, 3, "H1", -1, SQLITE_STATIC); \
	sqlite3_bind_text(stmt, 4, "140824100001", -1, SQLITE_STATIC); \
} while (0)
	ROW(ins, "b", "乙");
	is(sqlite3_step(ins), SQLITE_DONE, "insert a row");
	ROW(ins, "a", "甲");
	is(sqlite3_step(ins), SQLITE_DONE, "insert another");
	ROW(ins, "b", "丙");
	is(sqlite3_step(ins) & 0xff, SQLITE_CONSTRAINT,
	    "insert of an existing key fails");
	sqlite3_reset(look);
	sqlite3_bind_text(look, 1, "b", -1, SQLITE_STATIC);
	ok(sqlite3_step(look) == SQLITE_ROW, "lookup finds the key");
	rowid = sqlite3_column_int64(look, 0);
	sqlite3_reset(look);
	sqlite3_bind_text(look, 1, "z", -1, SQLITE_STATIC);
	is(sqlite3_step(look), SQLITE_DONE, "lookup of a missing key");
	ROW(up, "b", "丙");
	is(sqlite3_step(up), SQLITE_DONE, "upsert of an existing key");
	sqlite3_reset(look);
	sqlite3_bind_text(look, 1, "b", -1, SQLITE_STATIC);
	ok(sqlite3_step(look) == SQLITE_ROW &&
	    sqlite3_column_int64(look, 0) == rowid,
	    "upsert updates in place, keeping the rowid");
	ROW(up, "c", "丁");
	is(sqlite3_step(up), SQLITE_DONE, "upsert of a new key inserts");
	{
		static const char *const want[][2] = { { "b", "丙" },
		    { "a", "甲" }, { "c", "丁" } };
		int good = 1;

		for (i = 0; sqlite3_step(sel) == SQLITE_ROW; i++)
			good &= i < 3 && strcmp((const char *)
			    sqlite3_column_text(sel, 0), want[i][0]) == 0 &&
			    strcmp((const char *)sqlite3_column_text(sel, 1),
			    want[i][1]) == 0;
		ok(good && i == 3, "select gives the rows in order of arrival, "
		    "updated");
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(up);
	sqlite3_finalize(look);
	sqlite3_finalize(sel);

	/* persons: keyed by the rowid, which a statement may name */
	{
		const char *rc4[] = { "rowid", "id_number", "name",
		    "household_id", "village_code" };
		sqlite3_stmt *pi, *pu;

		pi = store_insert(db, "persons", rc4, 5, STORE_INSERT, &why);
		pu = store_insert(db, "persons", rc4, 5, STORE_UPSERT, &why);
		ok(pi && pu, "statements over persons' rowid prepared");
		if (pi && pu) {
			sqlite3_bind_int64(pi, 1, 11010519491231002LL);
			sqlite3_bind_text(pi, 2, "11010519491231002X", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(pi, 3, "张三", -1, SQLITE_STATIC);
			sqlite3_bind_text(pi, 4, "H1", -1, SQLITE_STATIC);
			sqlite3_bind_text(pi, 5, "140824100001", -1,
			    SQLITE_STATIC);
			is(sqlite3_step(pi), SQLITE_DONE, "insert with the rowid");
			sqlite3_reset(pi);
			is(sqlite3_step(pi) & 0xff, SQLITE_CONSTRAINT,
			    "the same rowid again fails");
			run(db, "UPDATE persons SET block = '第1组' WHERE "
			    "rowid = 11010519491231002");
			sqlite3_bind_int64(pu, 1, 11010519491231002LL);
			sqlite3_bind_text(pu, 2, "11010519491231002X", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(pu, 3, "张三丰", -1, SQLITE_STATIC);
			sqlite3_bind_text(pu, 4, "H9", -1, SQLITE_STATIC);
			sqlite3_bind_text(pu, 5, "140824100001", -1,
			    SQLITE_STATIC);
			is(sqlite3_step(pu), SQLITE_DONE,
			    "upsert on the rowid of a table without a key");
			ok(q1(db, "SELECT count(*) FROM persons WHERE name = "
			    "'张三丰' AND household_id = 'H9' AND block = '第1组' "
			    "AND rowid = 11010519491231002") == 1, "... replaces "
			    "the columns given, keeps the others and the rowid");
		}
		sqlite3_finalize(pi);
		sqlite3_finalize(pu);
	}

	/* a table whose columns are all key: the upsert does nothing */
	st = store_insert(db, "logins", lcols, 2, STORE_UPSERT, &why);
	for (i = 0; st && i < 2; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, "w1", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "2026-10-08", -1, SQLITE_STATIC);
		sqlite3_step(st);
	}
	ok(st && q1(db, "SELECT count(*) FROM logins") == 1,
	    "an all-key upsert twice keeps one row");
	sqlite3_finalize(st);

	st = store_insert(db, "nothing", pcols, 1, STORE_INSERT, &why);
	ok(st == NULL && strstr(why, "no table 'nothing'"),
	    "insert into an unknown table: %s", why);
	st = store_insert(db, "persons", bogus, 2, STORE_INSERT, &why);
	ok(st == NULL && strstr(why, "no column 'shoe_size'"),
	    "insert of an unknown column: %s", why);
	st = store_lookup(db, "persons", bogus + 1, 1, &why);
	ok(st == NULL && strstr(why, "no column 'shoe_size'"),
	    "lookup of an unknown column: %s", why);
	st = store_select(db, "persons", bogus, 2, &why);
	ok(st == NULL, "select of an unknown column");
	ok(run(db, "SELECT \"shoe_size\" FROM persons") != 0,
	    "a double-quoted unknown name is an error, not a string");
	is(q1(db, "PRAGMA cache_size"), -65536, "a 64 MB page cache");
	store_close(db);
}

/* the feed's rows: households h0 .. h(n-1); fails at row fail */
struct tfeed {
	int i, n, fail;
	char id[16];
};

static int
tfeed_next(void *arg)
{
	struct tfeed *f = arg;

	if (f->i == f->fail)
		return -1;
	if (f->i >= f->n)
		return 0;
	snprintf(f->id, sizeof f->id, "h%d", f->i++);
	return 1;
}

static void
tfeed_column(void *arg, sqlite3_context *ctx, int i)
{
	struct tfeed *f = arg;
	struct colval v = { .kind = CV_TEXT, .s = "140824100200", .n = 12 };

	if (i == 0)
		sqlite3_result_text(ctx, f->id, -1, SQLITE_TRANSIENT);
	else if (i == 1)
		colval_result(ctx, &v);
	else	/* persons: the row's number, the fourth row -1 */
		sqlite3_result_int64(ctx, f->i == 4 ? -1 : f->i);
}

static void
test_feed(void)
{
	const char *why = NULL;
	const char *cols[] = { "household_id", "village_code", "persons" };
	const char *many[STORE_FEED_MAX + 1];
	struct tfeed f = { 0, 5, -1, "" };
	struct store_feed feed = { tfeed_next, tfeed_column, &f };
	sqlite3_stmt *st;
	sqlite3 *db;
	int i;

	db = store_open(tpath("feed.db"), STORE_CREATE, &why);
	ok(db && store_feed(db, &feed, &why) == 0, "store_feed");
	st = store_insert(db, "households", cols, 3, STORE_FEED, &why);
	ok(st != NULL, "INSERT ... SELECT FROM gw_feed prepared");
	f.n = 2;
	ok(sqlite3_step(st) == SQLITE_DONE && sqlite3_reset(st) == SQLITE_OK &&
	    q1(db, "SELECT count(*) FROM households WHERE village_code = "
	    "'140824100200' AND persons = 1 + substr(household_id, 2)") ==
	    2, "one step writes the rows fed");
	f.i = 2, f.n = 6;
	i = sqlite3_step(st);
	ok((i & 0xff) == SQLITE_CONSTRAINT &&
	    q1(db, "SELECT count(*) FROM households") == 2,
	    "a CHECK failing at the fourth row undoes the statement: %d %s",
	    i, sqlite3_errmsg(db));
	sqlite3_reset(st);
	f.i = 4, f.n = 6, f.fail = 5;
	ok(sqlite3_step(st) != SQLITE_DONE &&
	    q1(db, "SELECT count(*) FROM households") == 2,
	    "so does a feed that fails");
	sqlite3_reset(st);
	f.i = 0, f.n = 0, f.fail = -1;
	ok(sqlite3_step(st) == SQLITE_DONE, "an empty feed writes nothing");
	sqlite3_finalize(st);
	for (i = 0; i <= STORE_FEED_MAX; i++)
		many[i] = "persons";
	st = store_insert(db, "households", many, STORE_FEED_MAX + 1,
	    STORE_FEED, &why);
	ok(st == NULL && strstr(why, "more than"),
	    "more columns than the feed has are refused: %s", why);
	store_close(db);
}

int
main(int argc, char **argv)
{
	char cmd[300];

	gw_init(argc, argv);
	/* "store create PATH [AUDIT-ACTION]": a store for the shell tests */
	if (argc >= 3 && strcmp(argv[1], "create") == 0) {
		const char *why;
		sqlite3 *db = store_open(argv[2], STORE_CREATE, &why);

		if (db == NULL)
			die("%s", why);
		if (argc > 3 && store_audit(db, argc, argv, NULL, argv[3],
		    -1, -1, -1, -1, NULL, &why) < 0)
			die("%s", why);
		return store_close(db) != 0;
	}
	snprintf(dir, sizeof dir, "%s/gwstore.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	unsetenv("GRIDWORK_BUSY_TIMEOUT");
	test_create();
	test_refusals();
	test_migrate();
	test_perms();
	test_audit();
	test_statements();
	test_feed();
	test_concurrency();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	system(cmd);
	return done();
}
