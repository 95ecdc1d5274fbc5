/*
 * month_sink.c — the one writer of a month's results into the store
 * (gw-month(1)): the rows of a result, given as text records of the
 * table's columns, go through the loader (load.c), checked as a load and
 * audited as one, inside the caller's transaction.  A result replaces
 * the month's rows of its table (scores, pay: by their month column),
 * or adds rows (orders), or updates them in place (cases), as the stage
 * opens it.  A row the loader refuses is a fault of this program, not a
 * reject of the month: the stage fails, with the loader's words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

void
month_refused(struct month *m, const struct load_reject *rj)
{
	snprintf(m->why, sizeof m->why, "%s: result row %ld: %s%s%s%s",
	    rj->file, rj->line, rj->col ? "column '" : "", rj->col ? rj->col :
	    "", rj->col ? "': " : "", rj->why);
}

static void
sink_reject(void *arg, const struct load_reject *rj)
{
	struct month_sink *k = arg;

	month_refused(k->m, rj);
	k->refused = 1;
}

int
month_sink_open_as(struct month *m, struct month_sink *k, const char *table,
    const char *const *cols, size_t n, const char *period_col, int update)
{
	struct load_opt lo;
	const char *why;

	memset(k, 0, sizeof *k);
	k->m = m;
	k->line = 1;		/* a header's */
	memset(&lo, 0, sizeof lo);
	lo.table = table;
	lo.update = update;
	lo.maxrej = 0;
	lo.reject = sink_reject;
	lo.arg = k;
	lo.period_col = period_col;
	lo.period = period_col ? m->month : NULL;
	lo.argc = m->argc;
	lo.argv = m->argv;
	lo.note = "gw-month";
	if (!(k->ld = load_new(m->db, m->cs, &lo)))
		return month_fail(m, "no table '%s' in the store", table);
	if (load_begin(k->ld, &why) < 0 ||
	    load_input(k->ld, table, cols, n, &why) < 0) {
		load_free(k->ld);
		k->ld = NULL;
		return month_fail(m, "%s: %s", table, why);
	}
	return 0;
}

int
month_sink_open(struct month *m, struct month_sink *k, const char *table,
    const char *const *cols, size_t n)
{
	return month_sink_open_as(m, k, table, cols, n, "month", 0);
}

/* A record: its fields, then the row at line. */
static void
field(struct month_sink *k, const char *s)
{
	k->off[k->nf++] = k->ar.len;
	sbuf_adds(&k->ar, s);
	sbuf_addc(&k->ar, '\0');
}

static int
end_row(struct month_sink *k, long line)
{
	struct gw_rec rec;
	char *f[32];
	size_t len[32], i;
	const char *why;

	for (i = 0; i < k->nf; i++) {
		f[i] = k->ar.s + k->off[i];
		len[i] = strlen(f[i]);
	}
	rec.f = f;
	rec.len = len;
	rec.nf = k->nf;
	rec.line = k->line = line;
	k->nf = 0;
	k->ar.len = 0;
	if (load_row(k->ld, &rec, &why) != 0)
		return k->refused ? -1 : month_fail(k->m, "%s", why);
	return 0;
}

int
month_sink_row(struct month_sink *k, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		field(k, v[i]);
	return end_row(k, k->line + 1);
}

int
month_sink_close(struct month_sink *k, struct load_counts *c)
{
	const char *why;
	int rc = 0;

	if (!k->ld)
		return -1;
	if (load_end(k->ld, &why) < 0)
		rc = month_fail(k->m, "%s", why);
	load_counts(k->ld, c);
	load_free(k->ld);
	k->ld = NULL;
	sbuf_free(&k->ar);
	return rc;
}

void
month_sink_drop(struct month_sink *k)
{
	load_free(k->ld);
	k->ld = NULL;
	sbuf_free(&k->ar);
}
