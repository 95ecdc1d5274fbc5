/*
 * popstore.c — where the population engine places a store's households
 * (pop-report(1) -d, gw-month(1)): by the household->grid assignment
 * grid-code -d wrote back, for each county the store holds one of, as
 * the file pipeline places them by its assignment.csv; by the base grid
 * of the village holding the household's block (poptab.c's
 * popt_base_grids) for a county that has none yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* The counties (6 digits) of the store's assignment, "" ended; NULL on a
   fault (buf). */
static char *
assigned_counties(sqlite3 *db, const char *store, size_t *n, char *buf,
    size_t bn)
{
	sqlite3_stmt *st;
	struct sbuf s = { 0 };
	int rc;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT substr(village_code, 1, "
	    "6) FROM assignment ORDER BY 1", -1, &st, NULL) != SQLITE_OK) {
		snprintf(buf, bn, "%s: assignment: %s", store,
		    sqlite3_errmsg(db));
		return NULL;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sbuf_adds(&s, (const char *)sqlite3_column_text(st, 0));
		sbuf_addc(&s, '\0');
		(*n)++;
	}
	sbuf_addc(&s, '\0');
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		snprintf(buf, bn, "%s: assignment: %s", store,
		    sqlite3_errmsg(db));
		sbuf_free(&s);
		return NULL;
	}
	return s.s;
}

/* Whether county list l ("" ended) holds the county of grid code g. */
static int
listed(const char *l, const char *g)
{
	for (; *l; l += strlen(l) + 1)
		if (g && strncmp(l, g, 6) == 0)
			return 1;
	return 0;
}

int
popt_store_places(struct popt *rd, sqlite3 *db, const char *store,
    char *buf, size_t n)
{
	static const char *const gcols[] = { "grid_code", "village_code",
	    "kind", "blocks" };
	struct gw_table g = { 0 };
	struct csvr_opt ro = { 0 };
	sqlite3_stmt *st;
	const char *why, *kind, *code;
	char *counties;
	size_t nc;
	int rc, mixed = 0;

	if (!(counties = assigned_counties(db, store, &nc, buf, n)))
		return -1;
	if (nc == 0) {
		free(counties);
		return popt_base_grids(rd->pop, db, store, buf, n);
	}
	/* the base grids of the counties without an assignment, first: the
	   households the assignment places are then looked up by id */
	if (!(st = store_select(db, "grids", gcols, 4, &why))) {
		snprintf(buf, n, "%s: %s", store, why);
		free(counties);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 2);
		code = (const char *)sqlite3_column_text(st, 0);
		if (!kind || strcmp(kind, "base") != 0 || listed(counties, code))
			continue;
		if (!mixed++)
			pop_base_grids(rd->pop);
		pop_base_grid(rd->pop, code,
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	free(counties);
	if (rc != SQLITE_DONE) {
		snprintf(buf, n, "%s: grids: %s", store, sqlite3_errmsg(db));
		return -1;
	}
	g.db = db;
	g.store = store;
	if (popt_read(rd, POPT_ASSIGN, &g, &ro) < 0) {
		snprintf(buf, n, "%s:assignment: cannot be read", store);
		return -1;
	}
	return 0;
}
