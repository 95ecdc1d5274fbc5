/*
 * month_pay.c — the pay stage of the month from the store (gw-month(1)):
 * pay-calc -d's reading of the six tables (paytab.c) from the store
 * inside the month's transaction, so that the scores the score stage
 * has just written are the ones paid; the pay engine (pay.c); the sheet
 * into the store's pay table, replacing the month's rows, and out as
 * pay-calc(1) writes the sheet and its budget.  As month.c: nothing
 * here commits, prints or exits; -1 with m->why, summaries through
 * m->note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static long
workdays(void *cal, long from, long to, const char **why)
{
	return cal_count(cal, from, to, why);
}

/* Table t of the store into the engine, and whether its rows are
   enough, worded as pay-calc -d words it.  0 or -1. */
static int
pay_table(struct month *m, struct payt *rd, int t)
{
	struct gw_table g = { 0 };
	struct csvr_opt ro = { 0 };
	const char *name = payt_tables[t].table;
	long n;
	int need;

	g.db = m->db;
	g.store = m->store;
	g.cs = m->cs;
	if ((n = payt_read(rd, t, &g, &ro)) < 0)
		return month_fail(m, "%s:%s: %s", m->store, name,
		    rd->why ? rd->why : "cannot be read");
	if ((need = payt_need(rd, t)) == PAYT_NOT)
		return 0;
	return month_need(m, "pay", name, n, need == PAYT_ROWS, "paid");
}

int
month_pay(struct month *m, csvw *sheet, csvw *budget, struct gw_run *run)
{
	struct pay pay;
	struct pay_regions reg;
	struct payt rd;
	struct month_sink k;
	struct load_counts c;
	struct pay_line *b = NULL;
	const char *v[PAYT_NSHEET], *why;
	char money[PAY_NSHEET][32], gross[32];
	size_t nb = 0, i;
	long nin = run->nread, nrej = run->nrej;
	int64_t sum = 0;
	int t, rc = -1;

	memset(&reg, 0, sizeof reg);
	memset(&rd, 0, sizeof rd);
	if (pay_init(&pay, m->pol, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	pay.subsidy = pay_policy_subsidy;
	pay.subsidy_arg = &pay;
	if (pay_month(&pay, m->first, m->last, workdays, m->cal, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	rd.pay = &pay;
	rd.reg = &reg;
	rd.run = run;
	/* pay-calc -d's order: the roster before what refers to it */
	for (t = 0; t < PAYT_N; t++)
		if (pay_table(m, &rd, t) < 0)
			goto out;
	if (pay_compute(&pay, &why) < 0 ||
	    pay_budget(&pay, &b, &nb, &why) < 0) {
		month_fail(m, "%s", why);
		goto out;
	}
	if (month_sink_open(m, &k, "pay", payt_sheetcols, PAYT_NSHEET) < 0)
		goto out;
	m->npaid = 0;
	for (i = 0; i < pay.nw; i++) {
		if (!payt_row(&pay, i, v, money))
			continue;
		if (month_sink_row(&k, v, PAYT_NSHEET) < 0) {
			month_sink_drop(&k);
			goto out;
		}
		sum += pay.w[i].m[PAY_GROSS];
		m->npaid++;
	}
	if (month_sink_close(&k, &c) < 0)
		goto out;
	if (sheet)
		payt_sheet(&pay, sheet);
	if (budget)
		payt_budget(&pay, &reg, b, nb, budget);
	month_note(m, "pay %s: read %ld, rejected %ld, workers paid %ld, "
	    "gross %s, written %ld, deleted %ld", m->month, run->nread - nin,
	    run->nrej - nrej, m->npaid, money_fmt(sum, gross), c.nok,
	    c.ndeleted);
	rc = 0;
out:
	free(b);
	pay_regions_free(&reg);
	pay_free(&pay);
	return rc;
}
