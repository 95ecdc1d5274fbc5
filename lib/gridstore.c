/*
 * gridstore.c — the division of a county kept in the store: the
 * household -> grid assignment, the grid table and the history of every
 * grid code issued and retired (share/sql/004-month.sql, gridwork-store(5)),
 * and the policy profile each county was run with.
 *
 * grid-code -d reads the previous division from here (gridstore_previous())
 * and writes the new one back village by village (gridstore_village()),
 * inside one transaction.  A code once issued stays in grid_codes for
 * ever; the codes retired there and no longer in grids are handed to the
 * division engine as retired grids, so the engine never issues one again
 * (gridwork-rules(7), GRIDS: codes are never reused).  Micro-grid codes
 * are kept alike in micro_codes (006-staffing.sql): every code a --micro
 * run issues is written there, the codes of a divided village that no
 * household holds any more are retired, and the highest sequence each
 * grid ever issued goes to the engine, so no micro-grid code is issued
 * twice either.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "gridwork.h"

struct gridstore {
	sqlite3 *db;
	int own;		/* 1: the transaction is ours to commit */
	char now[21];		/* UTC of this run, for the history */
	sqlite3_stmt *del;	/* a village's assignment rows */
	sqlite3_stmt *ins;	/* an assignment row */
	sqlite3_stmt *grid;	/* a grids row, upserted */
	sqlite3_stmt *issue;	/* a grid_codes row, when new */
	sqlite3_stmt *retire;	/* retired_at of a grid_codes row */
	sqlite3_stmt *missue;	/* a micro_codes row, when new */
	sqlite3_stmt *mretire;	/* a village's micro codes no household
				   holds */
	int micro;		/* 1: micro-grids were cut (--micro) */
	long nvil, nhh, ngrid, nnew, nretired, nmnew, nmretired;
	char why[512];
};

/* A column of a result row as a division string ("" for NULL). */
static struct div_str
col(sqlite3_stmt *st, int i)
{
	struct div_str s;
	const unsigned char *t = sqlite3_column_text(st, i);

	s.s = t ? (const char *)t : "";
	s.n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return s;
}

/* Runs sql and hands each row to div_prev_row() as a grid table's row
   (table 1) or an assignment's (0), or to div_prev_micro() as a grid's
   highest micro-grid code (2).  0, or -1 with *why. */
static int
prev_rows(sqlite3 *db, struct division *d, const char *sql, int table,
    const char **why)
{
	struct div_prow p;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*why = sqlite3_errmsg(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (table == 2) {
			if (div_prev_micro(d, col(st, 0)) != 0)
				break;
			continue;
		}
		memset(&p, 0, sizeof p);
		p.grid = col(st, 0);
		p.vil = col(st, 1);
		if (table) {
			p.hh = col(st, 2);
			p.res = col(st, 3);
			p.blocks = col(st, 4);
			p.note = col(st, 5);
			p.status = col(st, 6);
		} else {
			p.id = col(st, 2);
			p.blk = col(st, 3);
			p.pers = col(st, 4);
			p.micro = col(st, 5);	/* kept as grid codes are */
		}
		p.hasvil = p.hasblk = p.haspers = 1;
		if (div_prev_row(d, table, &p) != 0)
			break;
	}
	if (rc == SQLITE_ROW) {
		/* the store's rows were checked when written */
		*why = d->why;
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*why = sqlite3_errmsg(db);
		return -1;
	}
	return 0;
}

int
gridstore_previous(sqlite3 *db, struct division *d, const char **why)
{
	int n;

	if ((n = store_has_rows(db, "assignment")) < 0) {
		*why = "cannot read the assignment";
		return -1;
	}
	if (n == 0)
		return 0;
	div_prev_begin(d);
	if (prev_rows(db, d, "SELECT grid_code, village_code, households, "
	    "residents, blocks, note, status FROM grids ORDER BY rowid", 1,
	    why) < 0 ||
	    prev_rows(db, d, "SELECT grid_code, village_code, NULL, NULL, "
	    "NULL, NULL, 'retired' FROM grid_codes WHERE grid_code NOT IN "
	    "(SELECT grid_code FROM grids) ORDER BY grid_code", 1, why) < 0 ||
	    prev_rows(db, d, "SELECT grid_code, village_code, household_id, "
	    "block, persons, micro_grid_code FROM assignment ORDER BY rowid",
	    0, why) < 0 ||
	    /* the highest micro-grid code each grid issued, retired ones
	       too: a code once in micro_codes is never issued again */
	    prev_rows(db, d, "SELECT max(micro_grid_code) FROM micro_codes "
	    "GROUP BY substr(micro_grid_code, 1, 15)", 2, why) < 0)
		return -1;
	div_prev_end(d);
	return 1;
}

static sqlite3_stmt *
prep(struct gridstore *gs, const char *sql, const char **why)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(gs->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*why = sqlite3_errmsg(gs->db);
		return NULL;
	}
	return st;
}

gridstore *
gridstore_new(sqlite3 *db, const char **why)
{
	struct gridstore *gs = xcalloc(1, sizeof *gs);

	gs->db = db;
	store_now(gs->now);
	if (sqlite3_get_autocommit(db)) {
		if (store_begin(db, why) < 0) {
			free(gs);
			return NULL;
		}
		gs->own = 1;
	}
	if (!(gs->del = prep(gs, "DELETE FROM assignment WHERE "
	    "village_code = ?", why)) ||
	    !(gs->ins = prep(gs, "INSERT OR REPLACE INTO assignment "
	    "(household_id, village_code, block, persons, grid_code, "
	    "micro_grid_code) VALUES (?, ?, ?, ?, ?, ?)", why)) ||
	    !(gs->grid = prep(gs, "INSERT INTO grids (grid_code, "
	    "village_code, kind, households, residents, blocks, note, status) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grid_code) DO UPDATE "
	    "SET village_code = excluded.village_code, kind = excluded.kind, "
	    "households = excluded.households, residents = "
	    "excluded.residents, blocks = excluded.blocks, note = "
	    "excluded.note, status = excluded.status", why)) ||
	    !(gs->issue = prep(gs, "INSERT OR IGNORE INTO grid_codes "
	    "(grid_code, village_code, kind, issued_at) VALUES (?, ?, ?, ?)",
	    why)) ||
	    !(gs->retire = prep(gs, "UPDATE grid_codes SET retired_at = ? "
	    "WHERE grid_code = ? AND retired_at IS NULL", why)) ||
	    !(gs->missue = prep(gs, "INSERT OR IGNORE INTO micro_codes "
	    "(micro_grid_code, grid_code, issued_at) VALUES (?, ?, ?)",
	    why)) ||
	    /* the village's range of the key, after its assignment rows
	       were written again */
	    !(gs->mretire = prep(gs, "UPDATE micro_codes SET retired_at = ?1 "
	    "WHERE micro_grid_code BETWEEN ?2 || '000000' AND ?2 || '999999' "
	    "AND retired_at IS NULL AND micro_grid_code NOT IN (SELECT "
	    "micro_grid_code FROM assignment WHERE village_code = ?2 AND "
	    "micro_grid_code IS NOT NULL)", why))) {
		gridstore_free(gs);
		return NULL;
	}
	return gs;
}

static int
step(struct gridstore *gs, sqlite3_stmt *st, const char **why)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(gs->why, sizeof gs->why, "%s", sqlite3_errmsg(gs->db));
	*why = gs->why;
	return -1;
}

static void
bindtext(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (s == NULL || n == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
}

int
gridstore_village(gridstore *gs, const struct division *d,
    const struct div_village *V, const char **why)
{
	const struct div_grid *g;
	const struct div_hh *h;
	const char *hid, *blk;
	char code[16], mcode[19], last[19] = "";
	size_t i;

	gs->nvil++;
	gs->micro |= d->micro;
	if (!V->carried) {
		sqlite3_bind_text(gs->del, 1, V->code, -1, SQLITE_STATIC);
		if (step(gs, gs->del, why) < 0)
			return -1;
		for (i = 0; i < V->nh; i++) {
			h = &V->h[i];
			hid = div_field(V, h, d->col_id);
			blk = strtab_str(V->blocks, h->blk);
			snprintf(code, sizeof code, "%s%03d", V->code,
			    V->grids[h->grid].seq);
			bindtext(gs->ins, 1, hid, strlen(hid));
			sqlite3_bind_text(gs->ins, 2, V->code, -1,
			    SQLITE_STATIC);
			bindtext(gs->ins, 3, blk, strlen(blk));
			sqlite3_bind_int64(gs->ins, 4, h->persons);
			sqlite3_bind_text(gs->ins, 5, code, 15, SQLITE_STATIC);
			if (d->micro) {
				snprintf(mcode, sizeof mcode, "%s%03d", code,
				    h->micro);
				sqlite3_bind_text(gs->ins, 6, mcode, 18,
				    SQLITE_STATIC);
			}
			if (step(gs, gs->ins, why) < 0)
				return -1;
			gs->nhh++;
			if (!d->micro || strcmp(mcode, last) == 0)
				continue;
			memcpy(last, mcode, sizeof last);
			sqlite3_bind_text(gs->missue, 1, mcode, 18,
			    SQLITE_STATIC);
			sqlite3_bind_text(gs->missue, 2, code, 15,
			    SQLITE_STATIC);
			sqlite3_bind_text(gs->missue, 3, gs->now, -1,
			    SQLITE_STATIC);
			if (step(gs, gs->missue, why) < 0)
				return -1;
			gs->nmnew += sqlite3_changes(gs->db);
		}
		/*
		 * A run without --micro leaves the codes as they are: it cut
		 * no micro-grids, so it retires none; the next --micro run
		 * retires those no household holds then.
		 */
		if (d->micro) {
			sqlite3_bind_text(gs->mretire, 1, gs->now, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(gs->mretire, 2, V->code, 12,
			    SQLITE_STATIC);
			if (step(gs, gs->mretire, why) < 0)
				return -1;
			gs->nmretired += sqlite3_changes(gs->db);
		}
	}
	for (i = 0; i < V->ng; i++) {
		g = &V->grids[i];
		snprintf(code, sizeof code, "%s%03d", V->code, g->seq);
		sqlite3_bind_text(gs->grid, 1, code, 15, SQLITE_STATIC);
		sqlite3_bind_text(gs->grid, 2, V->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(gs->grid, 3, g->ded ? "dedicated" : "base",
		    -1, SQLITE_STATIC);
		sqlite3_bind_int64(gs->grid, 4, g->hh);
		sqlite3_bind_int64(gs->grid, 5, g->res);
		bindtext(gs->grid, 6, g->blocks.s, g->blocks.len);
		bindtext(gs->grid, 7, g->note.s, g->note.len);
		/* without a previous division every grid is new */
		sqlite3_bind_text(gs->grid, 8, g->status == DIV_NONE ? "new" :
		    div_status_name(g->status), -1, SQLITE_STATIC);
		if (step(gs, gs->grid, why) < 0)
			return -1;
		gs->ngrid++;
		sqlite3_bind_text(gs->issue, 1, code, 15, SQLITE_STATIC);
		sqlite3_bind_text(gs->issue, 2, V->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(gs->issue, 3, g->ded ? "dedicated" : "base",
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(gs->issue, 4, gs->now, -1, SQLITE_STATIC);
		if (step(gs, gs->issue, why) < 0)
			return -1;
		gs->nnew += sqlite3_changes(gs->db);
		if (g->status != DIV_RETIRED)
			continue;
		sqlite3_bind_text(gs->retire, 1, gs->now, -1, SQLITE_STATIC);
		sqlite3_bind_text(gs->retire, 2, code, 15, SQLITE_STATIC);
		if (step(gs, gs->retire, why) < 0)
			return -1;
		gs->nretired += sqlite3_changes(gs->db);
	}
	return 0;
}

int
gridstore_end(gridstore *gs, int argc, char **argv, const char **why)
{
	char note[192];
	int n;

	n = snprintf(note, sizeof note, "villages %ld, grids %ld, codes "
	    "issued %ld, retired %ld", gs->nvil, gs->ngrid, gs->nnew,
	    gs->nretired);
	if (gs->micro && n > 0 && (size_t)n < sizeof note)
		snprintf(note + n, sizeof note - (size_t)n, ", micro codes "
		    "issued %ld, retired %ld", gs->nmnew, gs->nmretired);
	if (store_audit(gs->db, argc, argv, "assignment", "divide", gs->nhh,
	    gs->nhh, -1, -1, note, why) < 0)
		return -1;
	if (gs->own && store_commit(gs->db, why) < 0)
		return -1;
	gs->own = 0;
	return 0;
}

void
gridstore_free(gridstore *gs)
{
	if (gs == NULL)
		return;
	sqlite3_finalize(gs->del);
	sqlite3_finalize(gs->ins);
	sqlite3_finalize(gs->grid);
	sqlite3_finalize(gs->issue);
	sqlite3_finalize(gs->retire);
	sqlite3_finalize(gs->missue);
	sqlite3_finalize(gs->mretire);
	if (gs->own)
		store_rollback(gs->db);
	free(gs);
}

/* ---- the profile of each county ----------------------------------------- */

/* The counties of the store: the 6-digit prefixes of its regions. */
#define COUNTIES "SELECT DISTINCT substr(code, 1, 6) FROM regions " \
	"WHERE length(code) >= 6"

int
gridstore_profile_note(sqlite3 *db, const char *used, char *buf, size_t n)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	if (sqlite3_prepare_v2(db, "SELECT county_code, policy FROM profiles "
	    "WHERE county_code IN (" COUNTIES ") AND policy <> ? "
	    "ORDER BY county_code LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;	/* an older store: nothing recorded */
	sqlite3_bind_text(st, 1, used, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(buf, n, "no -p: this run uses profile '%s', but "
		    "county %s of the store was run with '%s' (give -p %s)",
		    used, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 1));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

int
gridstore_profile_record(sqlite3 *db, const char *used, const char **why)
{
	sqlite3_stmt *st;
	char now[21];
	int rc;

	store_now(now);
	/* WHERE true: an upsert's SELECT must have one (SQLite's parser) */
	if (sqlite3_prepare_v2(db, "INSERT INTO profiles (county_code, policy, "
	    "at) SELECT c, ?1, ?2 FROM (SELECT DISTINCT substr(code, 1, 6) "
	    "AS c FROM regions WHERE length(code) >= 6) WHERE true "
	    "ON CONFLICT (county_code) DO UPDATE SET policy = excluded.policy, "
	    "at = excluded.at WHERE policy <> excluded.policy", -1, &st,
	    NULL) != SQLITE_OK) {
		*why = sqlite3_errmsg(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, used, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*why = sqlite3_errmsg(db);
		return -1;
	}
	return 0;
}

int
gridstore_profile(sqlite3 *db, const char *given, char *buf, size_t n,
    const char **why)
{
	policy *p;
	int rc;

	if (!(p = policy_load(given, why)))
		return -1;
	if (given)
		rc = gridstore_profile_record(db, policy_name(p), why);
	else
		rc = gridstore_profile_note(db, policy_name(p), buf, n);
	policy_free(p);
	return rc;
}

int
gridstore_profile_use(const char *path, sqlite3 *db, const char *given,
    const char *used, int argc, char **argv, char *buf, size_t n,
    const char **why)
{
	static char err[512];
	sqlite3 *w;
	const char *e;
	char note[160];
	int changed;

	if (!given)
		return gridstore_profile_note(db, used, buf, n);
	if (!store_writable(path)) {
		snprintf(buf, n, "%s is read-only: profile '%s' is not "
		    "recorded for its counties", path, used);
		return 1;
	}
	/* a connection of its own: the caller's may be read-only */
	if (!(w = store_open(path, 0, why)))
		return -1;
	if (store_begin(w, &e) < 0 || gridstore_profile_record(w, used,
	    &e) < 0)
		goto fail;
	if ((changed = sqlite3_changes(w)) > 0) {
		snprintf(note, sizeof note, "profile %s recorded", used);
		if (store_audit(w, argc, argv, "profiles", "profile", -1,
		    changed, -1, -1, note, &e) < 0)
			goto fail;
	}
	if (store_commit(w, &e) < 0)
		goto fail;
	store_close(w);
	return 0;
fail:
	snprintf(err, sizeof err, "%s", e);
	*why = err;
	store_rollback(w);
	store_close(w);
	return -1;
}

int
gridstore_profile_cmd(const char *path, sqlite3 *db, const char *given,
    const char *used, int argc, char **argv)
{
	const char *why;
	char buf[512];

	switch (gridstore_profile_use(path, db, given, used, argc, argv, buf,
	    sizeof buf, &why)) {
	case -1:
		warn("%s: cannot record the profile: %s", path, why);
		return -1;
	case 1:
		warn("warning: %s", buf);
		break;
	}
	return 0;
}

/* ---- reading the store (grid-code -d) ---- */

sqlite3 *
gridstore_open_read(const char *path, char *buf, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *why;

	if (!(db = store_open(path, store_writable(path) ? 0 :
	    STORE_RDONLY, &why))) {
		snprintf(buf, n, "%s", why);
		return NULL;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA cache_size = -4096", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
		snprintf(buf, n, "%s: %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		store_close(db);
		return NULL;
	}
	sqlite3_finalize(st);
	return db;
}

int
gridstore_read(struct gw_run *run, sqlite3 *db, const char *store,
    const struct csvr_opt *ro, const char *table, const char *const *cols,
    size_t ncols, const char *order, gw_hdr_fn *hdr, gw_rec_fn *rec,
    void *arg)
{
	struct gw_table t = { 0 };

	t.db = db;
	t.store = store;
	t.table = table;
	t.cols = cols;
	t.ncols = ncols;
	t.order = order;
	t.rowid_line = 1;
	return table_loop(run, &t, ro, hdr, rec, arg);
}

int
gridstore_households(sqlite3 *db, const char *store, char *buf, size_t n)
{
	int hh, pp;

	if ((hh = store_has_rows(db, "households")) < 0 ||
	    (pp = store_has_rows(db, "persons")) < 0) {
		snprintf(buf, n, "%s: cannot read households or persons",
		    store);
		return -1;
	}
	if (!hh && !pp) {
		snprintf(buf, n, "%s: no households and no persons to divide: "
		    "load them with gw-load", store);
		return -1;
	}
	return hh;
}

int
gridstore_regions(sqlite3 *db, const char *store, char *buf, size_t n)
{
	switch (store_has_rows(db, "regions")) {
	case 1:
		return 0;
	case 0:
		snprintf(buf, n, "%s: no regions: load them with gw-load, or "
		    "give -R", store);
		return -1;
	default:
		snprintf(buf, n, "%s: cannot read regions", store);
		return -1;
	}
}
