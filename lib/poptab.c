/*
 * poptab.c — the tables of the population engine (pop-report(1),
 * gw-month(1)): persons, assignment, workers and visits from a file or
 * the store (table.c), the store's base grids, each row bound and handed
 * to pop.c; the registers, the lists and the visit reports written back
 * as pop-report writes them.  Both commands read and write through
 * here, so that gw-month's reports are pop-report's, byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* The persons' columns, in the order of POP_ID ... POP_TAGS; id_number
   and household_id are required. */
static const char *const pcols[POP_NF] = {
	"id_number", "household_id", "name", "relation", "village_code",
	"block", "address", "phone", "tags"
};
static const int pfield[POP_NF] = { POP_ID, POP_HH, POP_NAME, POP_REL,
	POP_VIL, POP_BLOCK, POP_ADDR, POP_PHONE, POP_TAGS };
static const char *const acols[] = { "household_id", "grid_code" };
static const char *const wcols[] = { "worker_id", "grid_code" };
static const char *const vcols[] = { "worker_id", "date", "household_id" };

static const struct {
	const char *table;
	const char *const *cols;
	int ncol, nreq;
} tabs[POPT_N] = {
	{ "assignment", acols, 2, 2 },
	{ "persons", pcols, POP_NF, 2 },
	{ "workers", wcols, 2, 1 },
	{ "visits", vcols, 3, 3 },
};

/* ---- reading ---- */

static int
reject(struct popt *p, csvr *r, struct gw_rec *rec,
    const struct pop_fault *f)
{
	gw_reject(p->run, csvr_name(r), rec->line, f->col, rec, "%s", f->why);
	return 1;
}

static int
tab_hdr(csvr *r, void *arg)
{
	struct popt *p = arg;

	p->file = csvr_name(r);
	if (csvr_ncols(r) == 0)		/* an empty input: no rows to bind */
		return 0;
	return gw_bind(r, csvr_name(r), tabs[p->t].cols, tabs[p->t].ncol,
	    tabs[p->t].nreq, p->col, NULL);
}

static void
unknown(void *arg, const char *tag, size_t n)
{
	struct popt *p = arg;

	if (p->unknown)
		p->unknown(p->arg, p->file, p->line, tag, n);
}

static int
tab_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct popt *p = arg;
	struct pop_fault f;
	const char *v[POP_NF];
	size_t n[POP_NF];
	int i, k;

	for (i = 0; i < tabs[p->t].ncol; i++)
		v[i] = gw_field(rec, p->col[i], &n[i]);
	switch (p->t) {
	case POPT_ASSIGN:
		k = pop_assign(p->pop, v[0], n[0], v[1], n[1], &f);
		break;
	case POPT_PERSONS: {
		const char *pv[POP_NF];
		size_t pn[POP_NF];

		for (i = 0; i < POP_NF; i++) {
			pv[pfield[i]] = v[i];
			pn[pfield[i]] = n[i];
		}
		p->line = rec->line;
		k = pop_person(p->pop, pv, pn, unknown, p, &f);
		break;
	}
	case POPT_WORKERS:
		k = pop_worker(p->pop, v[0], n[0], v[1], n[1], &f);
		break;
	default:
		k = pop_visit(p->pop, v[0], n[0], v[1], n[1], v[2], n[2], &f);
		break;
	}
	return k < 0 ? reject(p, r, rec, &f) : 0;
}

int
popt_read(struct popt *p, int t, struct gw_table *g,
    const struct csvr_opt *o)
{
	p->t = t;
	g->table = tabs[t].table;
	g->cols = tabs[t].cols;
	g->ncols = (size_t)tabs[t].ncol;
	return table_loop(p->run, g, o, tab_hdr, tab_rec, p);
}

int
popt_base_grids(pop *p, sqlite3 *db, const char *store, char *buf,
    size_t n)
{
	static const char *const gcols[] = { "grid_code", "village_code",
	    "kind", "blocks" };
	sqlite3_stmt *st;
	const char *why;
	int rc;

	pop_base_grids(p);
	if (!(st = store_select(db, "grids", gcols, 4, &why))) {
		snprintf(buf, n, "%s: %s", store, why);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 2);

		if (kind && strcmp(kind, "base") == 0)
			pop_base_grid(p, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1),
			    (const char *)sqlite3_column_text(st, 3));
	}
	if (rc != SQLITE_DONE) {
		snprintf(buf, n, "%s: grids: %s", store, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---- writing ---- */

static const char *
lvlname(int lvl)
{
	switch (lvl) {
	case LVL_COUNTY: return "county";
	case LVL_TOWN: return "township";
	case LVL_VILLAGE: return "village";
	case LVL_GRID: return "grid";
	}
	return "";
}

void
popt_registers(pop *p, int bylvl, csvw *w)
{
	const char *const *names;
	size_t n, it = 0, k;
	uint64_t area;
	long *sum;

	names = pop_header(p, &n);
	csvw_header(w, names, n);
	sum = xcalloc(n, sizeof *sum);
	while (pop_area(p, bylvl, &it, &area, sum)) {
		csvw_fieldf(w, "%0*llu", bylvl, (unsigned long long)area);
		csvw_field(w, lvlname(bylvl), (size_t)-1);
		for (k = 0; k + 2 < n; k++)
			csvw_fieldf(w, "%ld", sum[k]);
		csvw_endrec(w);
	}
	free(sum);
}

static void
field_id(csvw *w, const char *id, int unmasked)
{
	char m[19];

	if (unmasked)
		csvw_field(w, id, (size_t)-1);
	else {
		idno_mask(id, m);
		csvw_field(w, m, (size_t)-1);
	}
}

void
popt_list(pop *p, int unmasked, csvw *w)
{
	static const char *const names[] = { "grid_code", "household_id",
	    "id_number", "name", "sex", "age", "relation", "address", "phone",
	    "tags" };
	struct pop_row r;
	char ph[64];
	size_t it = 0;

	csvw_header(w, names, sizeof names / sizeof names[0]);
	while (pop_list_next(p, &it, &r)) {
		csvw_fieldf(w, "%015llu", (unsigned long long)r.grid);
		csvw_field(w, r.household, (size_t)-1);
		field_id(w, r.id, unmasked);
		csvw_field(w, r.name, (size_t)-1);
		csvw_field(w, r.male ? "male" : "female", (size_t)-1);
		csvw_fieldf(w, "%d", r.age);
		csvw_field(w, r.relation, (size_t)-1);
		csvw_field(w, r.address, (size_t)-1);
		if (unmasked || !*r.phone || strlen(r.phone) >= sizeof ph)
			csvw_field(w, unmasked ? r.phone : "", (size_t)-1);
		else {
			phone_mask(r.phone, ph);
			csvw_field(w, ph, (size_t)-1);
		}
		csvw_field(w, r.tags, (size_t)-1);
		csvw_endrec(w);
	}
}

void
popt_short(pop *p, const char *month, int unmasked, csvw *w)
{
	static const char *const names[] = { "month", "grid_code",
	    "worker_id", "household_id", "id_number", "name", "groups",
	    "required", "made", "shortfall" };
	struct pop_row r;
	size_t it = 0;

	csvw_header(w, names, sizeof names / sizeof names[0]);
	while (pop_short_next(p, &it, &r)) {
		csvw_field(w, month, (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)r.grid);
		csvw_field(w, r.workers, (size_t)-1);
		csvw_field(w, r.household, (size_t)-1);
		field_id(w, r.id, unmasked);
		csvw_field(w, r.name, (size_t)-1);
		csvw_field(w, r.tags, (size_t)-1);
		csvw_fieldf(w, "%d", r.required);
		csvw_fieldf(w, "%d", r.made);
		csvw_fieldf(w, "%d", r.required - r.made);
		csvw_endrec(w);
	}
}

void
popt_summary(pop *p, const char *month, csvw *w)
{
	static const char *const names[] = { "month", "grid_code",
	    "worker_id", "persons", "persons_short", "visits_required",
	    "visits_made", "visits_credited", "visits_by_worker",
	    "compliance" };
	struct pop_sum g;
	size_t it = 0;

	csvw_header(w, names, sizeof names / sizeof names[0]);
	while (pop_summary_next(p, &it, &g)) {
		csvw_field(w, month, (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)g.grid);
		csvw_field(w, g.worker, (size_t)-1);
		csvw_fieldf(w, "%ld", g.persons);
		csvw_fieldf(w, "%ld", g.shorts);
		csvw_fieldf(w, "%ld", g.required);
		csvw_fieldf(w, "%ld", g.made);
		csvw_fieldf(w, "%ld", g.credited);
		csvw_fieldf(w, "%ld", g.by_worker);
		csvw_fieldf(w, "%ld.%04ld", g.compliance / 10000,
		    g.compliance % 10000);
		csvw_endrec(w);
	}
}
