/*
 * table.c — one table of the data contracts, read from a file or from
 * the store through the same reader (csvr_open_src), so that a command
 * binds, checks and rejects a store's rows exactly as a file's: the
 * same header names, the same "missing column" fault, the same width
 * check, the same callbacks.  A row of the store becomes a record of
 * its columns as text written the way gw-load --export writes them
 * (colspec_format: money as yuan, numbers without exponent, NULL as
 * ""), so that what is read back is what was loaded.
 *
 * Only the columns the caller wants are read, and only the rows a
 * condition keeps (a month's patrols, not the year's): the condition is
 * SQL the command writes, its values always bound parameters.  Rows
 * come in the order of arrival (rowid) unless the caller orders them
 * (grid-code: by village), and are named by their place among those
 * read, or by their rowid where a command documents that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

struct tsrc {
	sqlite3_stmt *st;
	const struct colspec_col **cc;	/* per column, or NULL */
	char **names;			/* the header: the columns read */
	char (*buf)[64];
	char **f;			/* the record's fields and lengths */
	size_t *len;
	size_t nc;
	long row;			/* rows given (0: the header next) */
	int rowid;			/* the rowid follows the columns:
					   a row's line */
	sqlite3 *db;
	char why[512];
};

static int
tsrc_next(void *arg, struct gw_rec *rec, const char **why)
{
	struct tsrc *t = arg;
	size_t i;
	int rc;

	rec->f = t->f;
	rec->len = t->len;
	rec->nf = t->nc;
	if (t->row++ == 0) {
		for (i = 0; i < t->nc; i++) {
			rec->f[i] = t->names[i];
			rec->len[i] = strlen(t->names[i]);
		}
		rec->line = 0;
		return CSVR_REC;
	}
	if (!t->st || (rc = sqlite3_step(t->st)) == SQLITE_DONE)
		return CSVR_EOF;
	if (rc != SQLITE_ROW) {
		snprintf(t->why, sizeof t->why, "%s", sqlite3_errmsg(t->db));
		*why = t->why;
		return CSVR_ERR;
	}
	rec->line = t->rowid ? (long)sqlite3_column_int64(t->st,
	    (int)t->nc) : t->row - 1;
	for (i = 0; i < t->nc; i++) {
		const char *v;

		if (t->cc[i])
			v = colspec_format(t->cc[i], t->st, (int)i, t->buf[i],
			    sizeof t->buf[i]);
		else if (!(v = (const char *)sqlite3_column_text(t->st,
		    (int)i)))
			v = "";
		rec->f[i] = (char *)v;
		rec->len[i] = strlen(v);
	}
	return CSVR_REC;
}

static void
tsrc_close(void *arg)
{
	struct tsrc *t = arg;
	size_t i;

	if (!t)
		return;
	sqlite3_finalize(t->st);
	for (i = 0; i < t->nc; i++)
		free(t->names[i]);
	free(t->names);
	free(t->cc);
	free(t->buf);
	free(t->f);
	free(t->len);
	free(t);
}

const char *
table_name(const struct gw_table *t, char *buf, size_t n)
{
	if (t->path)
		return strcmp(t->path, "-") == 0 ? "stdin" : t->path;
	snprintf(buf, n, "%s:%s", t->store ? t->store : "store", t->table);
	return buf;
}

csvr *
table_open(const struct gw_table *t, const struct csvr_opt *o,
    const char **why)
{
	static char whybuf[600];
	struct csvr_src src = { tsrc_next, tsrc_close, NULL, FMT_STORE };
	struct store_col *sc;
	struct tsrc *ts;
	char name[512];
	size_t nsc, i, j;
	int rc;

	if (t->path)
		return csvr_open(t->path, o, why);
	table_name(t, name, sizeof name);
	if (!(sc = store_table_columns(t->db, t->table, &nsc))) {
		snprintf(whybuf, sizeof whybuf, "%s: no table '%s' in the "
		    "store", t->store ? t->store : "store", t->table);
		*why = whybuf;
		return NULL;
	}
	ts = xcalloc(1, sizeof *ts);
	ts->db = t->db;
	ts->names = xcalloc(nsc + 1, sizeof *ts->names);
	/* the wanted columns the table has, in the caller's order */
	if (t->cols) {
		for (i = 0; i < t->ncols; i++)
			for (j = 0; j < nsc; j++)
				if (strcmp(sc[j].name, t->cols[i]) == 0) {
					ts->names[ts->nc++] = xstrdup(sc[j].name);
					break;
				}
	} else
		for (j = 0; j < nsc; j++)
			ts->names[ts->nc++] = xstrdup(sc[j].name);
	store_cols_free(sc, nsc);
	ts->cc = xcalloc(ts->nc + 1, sizeof *ts->cc);
	ts->buf = xcalloc(ts->nc + 1, sizeof *ts->buf);
	ts->f = xcalloc(ts->nc + 1, sizeof *ts->f);
	ts->len = xcalloc(ts->nc + 1, sizeof *ts->len);
	for (i = 0; t->cs && i < ts->nc; i++)
		ts->cc[i] = colspec_find(t->cs, t->table, ts->names[i]);
	if (ts->nc > 0) {
		const char *w = NULL;

		ts->rowid = t->rowid_line;
		ts->st = store_select_by(t->db, t->table,
		    (const char *const *)ts->names, ts->nc, t->where, t->order,
		    t->rowid_line, &w);
		if (!ts->st) {
			snprintf(whybuf, sizeof whybuf, "%s: %s", name, w);
			*why = whybuf;
			tsrc_close(ts);
			return NULL;
		}
		for (i = 0; i < t->nparams; i++)
			if ((rc = sqlite3_bind_text(ts->st, (int)i + 1,
			    t->params[i], -1, SQLITE_STATIC)) != SQLITE_OK) {
				snprintf(whybuf, sizeof whybuf, "%s: %s", name,
				    sqlite3_errstr(rc));
				*why = whybuf;
				tsrc_close(ts);
				return NULL;
			}
	}
	src.arg = ts;
	return csvr_open_src(name, &src, o, why);
}

int
table_loop(struct gw_run *run, const struct gw_table *t,
    const struct csvr_opt *o, gw_hdr_fn *hdr, gw_rec_fn *fn, void *arg)
{
	const char *why;
	csvr *r;

	if (!(r = table_open(t, o, &why))) {
		warn("%s", why);
		return -1;
	}
	return gw_loop_reader(run, r, hdr, fn, arg);
}

int
table_unused(const policy *pol, const char *sect, const char *table)
{
	const char *unused = policy_get(pol, sect, "unused_inputs"), *u, *p;
	size_t len = strlen(table);

	for (u = unused; u && (p = strstr(u, table)); u = p + len)
		if ((p == unused || p[-1] == ' ') && (p[len] == '\0' ||
		    p[len] == ' '))
			return 1;
	return 0;
}

int
table_need(const struct gw_table *t, long n, const char *period, int required,
    const policy *pol, const char *sect, const char *verb)
{
	const char *name;
	char buf[512];

	if (n > 0 || table_unused(pol, sect, t->table))
		return 0;
	name = table_name(t, buf, sizeof buf);
	if (!required) {
		warn("%s: no rows of '%s' for %s", name, t->table, period);
		return 0;
	}
	warn("%s: no rows of '%s' for %s: a period without them is not %s "
	    "(a county that keeps no %s says so in [%s] unused_inputs)", name,
	    t->table, period, verb, t->table, sect);
	return -1;
}

void
etab_init(struct etab *e, const struct score_table *d, int t,
    struct gw_run *run)
{
	memset(e, 0, sizeof *e);
	e->d = d;
	e->ncol = d->ncol;
	snprintf(e->what, sizeof e->what, "--%s", d->name);
	e->t = t;
	e->run = run;
}

int
etab_hdr(csvr *r, void *arg)
{
	struct etab *e = arg;

	return gw_bind(r, csvr_name(r), e->d->cols, e->ncol, e->d->nreq,
	    e->idx, e->what);
}

int
etab_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct etab *e = arg;
	struct score_field f[16];
	int i;

	for (i = 0; i < e->ncol; i++)
		f[i].s = gw_field(rec, e->idx[i], &f[i].n);
	if (e->row(e->eng, e->t, f) == 0)
		return 0;
	gw_reject(e->run, csvr_name(r), rec->line, *e->rcol, rec, "%s",
	    e->why->s);
	return 1;
}
