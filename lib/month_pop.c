/*
 * month_pop.c — the population stage of the month from the store
 * (gw-month(1)): the registers per grid at the month's last day and the
 * key persons' visits of the month, read as pop-report -d reads them
 * (poptab.c) inside the month's transaction, and written as it writes
 * them.  The reports are files only: the store keeps the persons and
 * visits they come from, not the counts.  Two engines, one a report
 * kind (pop.c), so the persons are read twice; the second reading's
 * refused rows are the first's and are not counted again.  As month.c:
 * -1 with m->why, summaries through m->note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

/* An unknown tag, said as pop-report says it. */
static void
unknown(void *arg, const char *file, long line, const char *tag, size_t n)
{
	month_note(arg, "%s%c%ld: column 'tags': unknown tag '%.*s'", file,
	    GW_LINESEP(file), line, (int)n, tag);
}

/* Table t of the store into the engine: the month's visits, the other
   tables whole.  The rows read, or -1. */
static long
pop_table(struct month *m, struct popt *rd, int t)
{
	struct gw_table g = { 0 };
	struct csvr_opt ro = { 0 };
	char lo[11], hi[11], name[512];
	const char *par[2] = { lo, hi };
	long before = rd->run->nread;

	g.db = m->db;
	g.store = m->store;
	if (t == POPT_VISITS) {
		date_fmt(m->first, lo);
		date_fmt(m->last, hi);
		g.where = "\"date\" BETWEEN ? AND ?";
		g.params = par;
		g.nparams = 2;
	}
	if (popt_read(rd, t, &g, &ro) < 0)
		return month_fail(m, "%s: cannot be read", table_name(&g, name,
		    sizeof name));
	return rd->run->nread - before;
}

/* The households placed (popt_store_places) and the persons of the
   store into engine p, their rows through run: the persons read, or
   -1. */
static long
pop_persons(struct month *m, struct popt *rd, pop *p, struct gw_run *run)
{
	struct gw_run *keep = rd->run;
	long n;

	rd->pop = p;
	rd->run = run;
	if (popt_store_places(rd, m->db, m->store, m->why,
	    sizeof m->why) < 0) {
		rd->run = keep;
		return -1;
	}
	n = pop_table(m, rd, POPT_PERSONS);
	rd->run = keep;
	if (n < 0)
		return -1;
	pop_households(p);
	return n;
}

int
month_pop(struct month *m, csvw *reg, csvw *shortw, csvw *sumw,
    struct gw_run *run)
{
	const struct pop_counts *c;
	struct gw_run again;
	struct popt rd;
	pop *cnt = NULL, *vis = NULL;
	const char *why;
	long nin = run->nread, nrej = run->nrej, nper, nw, nv;
	int rc = -1;

	memset(&rd, 0, sizeof rd);
	memset(&again, 0, sizeof again);
	again.quiet = 1;	/* the persons' faults, said the first time */
	rd.run = run;
	rd.unknown = unknown;
	rd.arg = m;
	if (!(cnt = pop_new(m->pol, POP_COUNT, &why)) ||
	    !(vis = pop_new(m->pol, POP_VISITS, &why))) {
		month_fail(m, "%s", why);
		goto out;
	}
	/* the registers at the month's last day */
	pop_asof(cnt, m->last);
	if ((nper = pop_persons(m, &rd, cnt, run)) < 0)
		goto out;
	if (month_need(m, "pop", "persons", nper, 1, "reported") < 0)
		goto out;
	c = pop_counts(cnt);
	if (c->nunk || c->nsplit || c->nempty)
		month_note(m, "%ld persons with unknown tags; %ld households "
		    "split across grids; %ld households without persons",
		    c->nunk, c->nsplit, c->nempty);

	/* the visits: ages at the month's last day, as pop-report's */
	pop_asof(vis, m->last);
	pop_month(vis, m->first, m->last);
	rd.pop = vis;
	rd.unknown = NULL;
	if ((nw = pop_table(m, &rd, POPT_WORKERS)) < 0 ||
	    month_need(m, "pop", "workers", nw, 1, "reported") < 0 ||
	    pop_persons(m, &rd, vis, &again) < 0 ||
	    (nv = pop_table(m, &rd, POPT_VISITS)) < 0 ||
	    month_need(m, "pop", "visits", nv, 1, "reported") < 0)
		goto out;
	c = pop_counts(vis);
	if (c->nvout || c->nvother)
		month_note(m, "visits: %ld outside %s, %ld by a worker of "
		    "another grid (not counted)", c->nvout, m->month,
		    c->nvother);

	if (reg)
		popt_registers(cnt, LVL_GRID, reg);
	if (shortw)
		popt_short(vis, m->month, 0, shortw);
	if (sumw)
		popt_summary(vis, m->month, sumw);
	month_note(m, "pop %s: read %ld, rejected %ld (persons %ld, workers "
	    "%ld, visits %ld)", m->month, run->nread - nin, run->nrej - nrej,
	    nper, nw, nv);
	rc = 0;
out:
	gw_run_end(&again);
	pop_free(cnt);
	pop_free(vis);
	return rc;
}
