/*
 * evreport.c — one run of event-report's rules over event rows
 * (gridwork-rules(7), EVENTS): each row checked (rejected, or accepted),
 * classified, counted in the period containing --at or the one before
 * it, kept for --urgent or written for --classify; then the duplicate
 * event_ids rejected in input order and what they added taken back;
 * then the rows of each report.
 *
 * Memory is bounded whatever the number of events.  Counts are kept per
 * area x category x period only (the area being the --by level, or the
 * grid for --partial and --zero).  A duplicate event_id cannot be known
 * until the end, so every event that passes the other checks is counted
 * at once and leaves a record in the duplicate finder (evcount.c, evdup);
 * at the end the duplicates are rejected, after every other rejected
 * row, and what they added is taken back (evrun_finish): their counts;
 * for --urgent, whose events wait in a temporary file and are then
 * sorted by xsort in bounded memory, their row; for --classify, whose
 * output is spooled and copied out at the end, their record.
 *
 * Rows are rejected through gw_reject (said on stderr and kept in the
 * rejects file); the engine reads no file of its own, and dies only as
 * the x-wrappers and the temporary files of evcount.c do.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

const char *const evr_colname[EVR_NCOL] = {
	"event_id", "grid_code", "reported_at", "found_at", "source",
	"reporter_id", "category", "text"
};

void
evrun_init(struct evrun *e, int mode, int bylvl, size_t mem, int keeprows)
{
	memset(e, 0, sizeof *e);
	e->mode = mode;
	e->bylvl = bylvl;
	e->tablvl = mode == EVM_PARTIAL || mode == EVM_ZERO ? LVL_GRID :
	    bylvl;
	e->tabdiv = ev_pow10(LVL_GRID - e->tablvl);
	e->first = 1;
	e->splitat = -1;
	e->fileidx = UINT64_MAX;
	evtab_init(&e->tab, 1024);
	evdup_init(&e->dup, mem, keeprows);
	if (mode == EVM_URGENT)
		e->uspool = gw_spool();
}

/* ---- checks shared with case-route ---- */

int
ev_check(struct gw_run *run, const char *file, const struct gw_rec *rec,
    const int col[3], int64_t *rep)
{
	const char *s, *why;
	size_t n;

	s = gw_field(rec, col[0], &n);
	if (n == 0) {
		gw_reject(run, file, rec->line, "event_id", rec,
		    "empty event_id");
		return 1;
	}
	s = gw_field(rec, col[1], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	s = gw_field(rec, col[2], &n);
	if (datetime_parse(s, n, rep) < 0) {
		gw_reject(run, file, rec->line, "reported_at", rec,
		    "unparseable time '%s'", s);
		return 1;
	}
	return 0;
}

/* ---- --classify's spool ---- */

/* Moves what the classify writer holds to cspool; returns its length. */
static size_t
cl_take(struct evrun *e)
{
	size_t n;

	if (e->out)
		csvw_flush(e->out);
	if (fflush(e->ms) == EOF)
		die("out of memory");
	n = e->mslen;
	ev_tmpwrite(e->cspool, e->msbuf, n);
	e->cpos += n;
	rewind(e->ms);
	return n;
}

/* Copies cspool to out up to offset to, or skips to it (out NULL). */
static void
cl_copy(struct evrun *e, uint64_t to, FILE *out)
{
	char buf[65536];
	size_t n;

	if (!out) {
		if (fseeko(e->cspool, (off_t)to, SEEK_SET) < 0)
			die("read error: temporary file:");
		e->cdone = to;
		return;
	}
	while (e->cdone < to) {
		n = to - e->cdone < sizeof buf ? (size_t)(to - e->cdone) :
		    sizeof buf;
		ev_tmpread(e->cspool, buf, n);
		if (fwrite(buf, 1, n, out) != n)
			break;	/* out's error is the caller's to report */
		e->cdone += n;
	}
	e->cdone = to;
}

FILE *
evrun_classify(struct evrun *e, FILE *cout)
{
	if (!(e->ms = open_memstream(&e->msbuf, &e->mslen)))
		die("out of memory");
	e->cspool = gw_spool();
	e->cout = cout;
	return e->ms;
}

/* The end of the classified rows: the writer closed, its last bytes
   spooled. */
static void
classify_end(struct evrun *e)
{
	if (e->first)	/* no input header at all: an empty file */
		csvw_header(e->out, NULL, 0);
	if (csvw_close(e->out) < 0)
		die("out of memory");
	e->out = NULL;
	cl_take(e);
	fclose(e->ms);
	free(e->msbuf);
}

/* The first file's columns, then any of category, category_source and
   urgency it lacks: the --classify header. */
static void
cl_header(struct evrun *e, csvr *r)
{
	const char *const *h = csvr_header(r);
	size_t nc = csvr_ncols(r), j;

	e->oname = xcalloc(nc + 3, sizeof *e->oname);
	for (j = 0; j < nc; j++)
		e->oname[e->no++] = xstrdup(h[j]);
	e->ocat = e->osrc = e->ourg = e->oevsrc = SIZE_MAX;
	for (j = 0; j < e->no; j++) {
		if (strcmp(e->oname[j], "category") == 0)
			e->ocat = j;
		else if (strcmp(e->oname[j], "source") == 0)
			e->oevsrc = j;
		else if (strcmp(e->oname[j], "category_source") == 0)
			e->osrc = j;
		else if (strcmp(e->oname[j], "urgency") == 0)
			e->ourg = j;
	}
	if (e->ocat == SIZE_MAX)
		e->oname[e->ocat = e->no++] = xstrdup("category");
	if (e->osrc == SIZE_MAX)
		e->oname[e->osrc = e->no++] = xstrdup("category_source");
	if (e->ourg == SIZE_MAX)
		e->oname[e->ourg = e->no++] = xstrdup("urgency");
	csvw_header(e->out, (const char *const *)e->oname, e->no);
	cl_take(e);
	e->omap = xcalloc(e->no, sizeof *e->omap);
}

/* Writes an event classified to cspool, its source in the contract's
   word (群众 becomes resident, as the commands after it read it);
   returns the record's length. */
static size_t
cl_write(struct evrun *e, const struct gw_rec *rec, int cat,
    const char *how, int src)
{
	const char *s;
	size_t j, len;

	for (j = 0; j < e->no; j++) {
		if (j == e->oevsrc)
			csvw_field(e->out, ev_srcname[src], (size_t)-1);
		else if (j == e->ocat)
			csvw_field(e->out, e->cats->cat[cat].code, (size_t)-1);
		else if (j == e->osrc)
			csvw_field(e->out, how, (size_t)-1);
		else if (j == e->ourg)
			csvw_field(e->out, cat_urgency(e->cats, cat),
			    (size_t)-1);
		else {
			s = gw_field(rec, e->omap[j], &len);
			csvw_field(e->out, s, len);
		}
	}
	csvw_endrec(e->out);
	return cl_take(e);
}

/* ---- --urgent's spool ---- */

/*
 * An urgent event, spooled in input order until the duplicates are
 * known: the sort record is (int64 found, int64 reported, int32
 * category, then event_id, grid_code, source, reporter_id and text, each
 * ended by a NUL).
 */
static void
urg_keep(struct evrun *e, const struct gw_rec *rec, uint64_t ord,
    int64_t found, int64_t rep, int cat)
{
	const char *s;
	size_t len;
	uint32_t n;
	int32_t c = cat;
	int cols[5] = { e->col[EVR_ID], e->col[EVR_GRID], e->col[EVR_SRC],
	    e->col[EVR_REPORTER], e->col[EVR_TEXT] };
	int i;

	sbuf_reset(&e->urec);
	sbuf_add(&e->urec, (const char *)&found, sizeof found);
	sbuf_add(&e->urec, (const char *)&rep, sizeof rep);
	sbuf_add(&e->urec, (const char *)&c, sizeof c);
	for (i = 0; i < 5; i++) {
		s = gw_field(rec, cols[i], &len);
		sbuf_add(&e->urec, s, len);
		sbuf_addc(&e->urec, '\0');
	}
	if (e->urec.len > UINT32_MAX)
		die("%s:%ld: an event too long to keep",
		    e->dup.fname[e->dup.nfname - 1], rec->line);
	n = (uint32_t)e->urec.len;
	ev_tmpwrite(e->uspool, &ord, sizeof ord);
	ev_tmpwrite(e->uspool, &n, sizeof n);
	ev_tmpwrite(e->uspool, e->urec.s, n);
}

/* --urgent's order: found, then reported, then event_id. */
static int
urgcmp(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	const char *x = a, *y = b;
	int64_t u, v;

	(void)alen;
	(void)blen;
	(void)arg;
	memcpy(&u, x, sizeof u);
	memcpy(&v, y, sizeof v);
	if (u != v)
		return u < v ? -1 : 1;
	memcpy(&u, x + 8, sizeof u);
	memcpy(&v, y + 8, sizeof v);
	if (u != v)
		return u < v ? -1 : 1;
	return strcmp(x + 20, y + 20);
}

/* Reads the urgent events spooled before ordinal upto into usort, and
   drops the one at upto when skip. */
static void
urg_upto(struct evrun *e, uint64_t upto, int skip)
{
	uint32_t len;

	for (;;) {
		if (!e->uhave) {
			if (fread(&e->uord, sizeof e->uord, 1, e->uspool) != 1) {
				if (ferror(e->uspool))
					die("read error: temporary file:");
				return;
			}
			ev_tmpread(e->uspool, &len, sizeof len);
			sbuf_reset(&e->urec);
			sbuf_grow(&e->urec, len);
			ev_tmpread(e->uspool, e->urec.s, len);
			e->urec.len = len;
			e->uhave = 1;
		}
		if (e->uord > upto || (e->uord == upto && !skip))
			return;
		e->uhave = 0;
		if (e->uord < upto)
			xsort_add(e->usort, e->urec.s, e->urec.len);
	}
}

/* ---- event rows ---- */

/* A note of the second part of a split file, spooled (struct dnote,
   then the id's bytes). */
struct dnote {
	uint64_t ord, h, a64;
	uint32_t a32, idlen;
};

/* Bytes of notes a second part holds before it spools them. */
#define DEFER_MEM	((size_t)2 << 20)

static void
defer_note(struct evrun *e, const struct gw_rec *rec, uint64_t h,
    const char *id, size_t n, uint64_t a64, uint32_t a32)
{
	struct dnote d;
	uint64_t len;

	if ((uint64_t)rec->line >> EV_LINEBITS || n > UINT32_MAX)
		die("%s:%ld: more lines or a longer event_id than this can "
		    "count", e->dup.fname[e->dup.nfname - 1], rec->line);
	d.ord = e->fileidx << EV_LINEBITS | (uint64_t)rec->line;
	d.h = h;
	d.a64 = a64;
	d.a32 = a32;
	d.idlen = (uint32_t)n;
	sbuf_add(&e->dbuf, (const char *)&d, sizeof d);
	sbuf_add(&e->dbuf, id, n);
	if (e->dbuf.len < DEFER_MEM)
		return;
	/* a block: its length, then the notes */
	if (!e->defer)
		e->defer = gw_spool();
	len = e->dbuf.len;
	ev_tmpwrite(e->defer, &len, sizeof len);
	ev_tmpwrite(e->defer, e->dbuf.s, e->dbuf.len);
	sbuf_reset(&e->dbuf);
}

int
evrun_hdr(csvr *r, void *arg)
{
	struct evrun *e = arg;
	size_t j;

	evdup_file(&e->dup, csvr_name(r));
	if (gw_bind(r, csvr_name(r), evr_colname, EVR_NCOL, EVR_NREQ, e->col,
	    NULL) < 0)
		return -1;
	if (e->mode != EVM_CLASSIFY)
		return 0;
	if (e->first) {
		e->first = 0;
		cl_header(e, r);
	}
	/* later files may order their columns differently */
	for (j = 0; j < e->no; j++)
		e->omap[j] = csvr_col(r, e->oname[j]);
	return 0;
}

/* --explain: what decided the event asked for (the first of its id). */
static void
explain(struct evrun *e, const struct gw_rec *rec, const char *given,
    size_t gn, const char *text, size_t tn)
{
	struct catdec d;
	const char *s;
	size_t n;

	s = gw_field(rec, e->col[EVR_ID], &n);
	if (e->why.len || strlen(e->explain) != n || memcmp(s, e->explain, n))
		return;
	cat_decide(e->cats, given, gn, text, tn, &d);
	sbuf_addf(&e->why, "event %s: ", e->explain);
	cat_explain(e->cats, &d, text, tn, &e->why);
}

int
evrun_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct evrun *e = arg;
	const char *file = csvr_name(r), *s, *ts, *rs, *fs;
	size_t n, rn, fn, tn;
	enum catsrc how;
	int64_t rep, found;
	int src, prev, cat, imm;
	uint64_t a64, ord;
	uint32_t a32;

	if (ev_check(e->run, file, rec, e->col, &rep))
		return 1;
	rs = gw_field(rec, e->col[EVR_REP], &rn);
	fs = gw_field(rec, e->col[EVR_FOUND], &fn);
	if (datetime_parse(fs, fn, &found) < 0) {
		gw_reject(e->run, file, rec->line, "found_at", rec,
		    "unparseable time '%s'", fs);
		return 1;
	}
	if (rep < found) {
		gw_reject(e->run, file, rec->line, "reported_at", rec,
		    "reported_at %s is before found_at %s", rs, fs);
		return 1;
	}
	s = gw_field(rec, e->col[EVR_SRC], &n);
	if ((src = ev_source(s, n)) < 0) {
		gw_reject(e->run, file, rec->line, "source", rec,
		    "unknown source '%s' (worker, resident, hotline, "
		    "inspection)", s);
		return 1;
	}

	/* accepted unless its event_id comes again: see evdup_note() */
	a64 = 0;
	a32 = 0;
	prev = 0;
	if (e->mode != EVM_CLASSIFY && (prev = evper_of(&e->period, rep)) < 0)
		goto note;	/* outside both periods */

	/* classified only now: most of a year's events fall outside */
	s = gw_field(rec, e->col[EVR_CAT], &n);
	ts = gw_field(rec, e->col[EVR_TEXT], &tn);
	cat = cat_classify(e->cats, s, n, ts, tn, &how);
	if (e->explain)
		explain(e, rec, s, n, ts, tn);

	switch (e->mode) {
	case EVM_CLASSIFY:
		a64 = e->cpos;
		if ((n = cl_write(e, rec, cat, cat_srcname(how), src)) >
		    UINT32_MAX)
			die("%s:%ld: an event too long to classify", file,
			    rec->line);
		a32 = (uint32_t)n;
		goto note;
	case EVM_URGENT:
		/* every level but the last (the ordinary one) */
		if (prev == 0 && (e->late ? cat_late(cat_replimit(e->cats,
		    cat, "", 0, &(int){0}), found, rep) : cat &&
		    e->cats->cat[cat].urg < (int)e->cats->nurg - 1)) {
			ord = (uint64_t)(e->dup.nfname - 1) << EV_LINEBITS |
			    (uint64_t)rec->line;
			urg_keep(e, rec, ord, found, rep, cat);
			a32 = EVF_URGENT;
		}
		goto note;
	default:
		break;
	}
	imm = cat && e->cats->cat[cat].urg == 0;
	a32 = evtab_add(&e->tab, EV_KEY(ev_gridnum(gw_field(rec,
	    e->col[EVR_GRID], &n)) / e->tabdiv, cat, prev), src, imm,
	    rep - found > e->late_secs, &a64);
note:
	s = gw_field(rec, e->col[EVR_ID], &n);
	if (e->fileidx != UINT64_MAX)
		defer_note(e, rec, idset_hash(s, n), s, n, a64, a32);
	else
		evdup_note(&e->dup, rec, idset_hash(s, n), s, n, a64, a32);
	return 0;
}

/* ---- partial counts (--merge) ---- */

int
evrun_part_hdr(csvr *r, void *arg)
{
	const char *names[3 + EV_NK] = { "period", "grid_code", "category" };
	struct evrun *e = arg;
	int i;

	for (i = 0; i < EV_NK; i++)
		names[3 + i] = ev_countname[i];

	return gw_bind(r, csvr_name(r), names, 3 + EV_NK, 3 + EV_NK, e->pcol,
	    "not a --partial output?");
}

int
evrun_part_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct evrun *e = arg;
	const char *file = csvr_name(r), *s, *why;
	uint64_t v[EV_NK], *row, area;
	size_t n;
	int prev, cat, i, j;

	s = gw_field(rec, e->pcol[0], &n);
	if (strcmp(s, e->period.label[0]) == 0)
		prev = 0;
	else if (strcmp(s, e->period.label[1]) == 0)
		prev = 1;
	else {
		gw_reject(e->run, file, rec->line, "period", rec,
		    "period '%s' is neither %s nor %s", s, e->period.label[0],
		    e->period.label[1]);
		return 1;
	}
	s = gw_field(rec, e->pcol[1], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(e->run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	area = ev_gridnum(s) / e->tabdiv;
	s = gw_field(rec, e->pcol[2], &n);
	if (n > 0 && (cat = cat_find(e->cats, s, n)) == 0) {
		gw_reject(e->run, file, rec->line, "category", rec,
		    "unknown category '%s'", s);
		return 1;
	}
	if (n == 0)
		cat = 0;
	for (i = 0; i < EV_NK; i++) {
		s = gw_field(rec, e->pcol[3 + i], &n);
		if (!gw_alldigits(s, n) || n > 15) {
			gw_reject(e->run, file, rec->line, ev_countname[i],
			    rec, "not a count: '%s'", s);
			return 1;
		}
		v[i] = strtoull(s, NULL, 10);
	}
	if (!ev_counts_ok(v)) {
		gw_reject(e->run, file, rec->line, NULL, rec,
		    "counts do not add up (sources != events, or late > "
		    "immediate > events)");
		return 1;
	}
	row = evtab_row(&e->tab, EV_KEY(area, cat, prev));
	for (j = 0; j < EV_NK; j++)
		row[j] += v[j];
	return 0;
}

/* ---- the grid table (--zero -G) ---- */

int
evrun_grid_hdr(csvr *r, void *arg)
{
	static const char *const names[1] = { "grid_code" };
	struct evrun *e = arg;

	return gw_bind(r, csvr_name(r), names, 1, 1, &e->gcol, NULL);
}

int
evrun_grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct evrun *e = arg;
	const char *s, *why;
	size_t n;

	s = gw_field(rec, e->gcol, &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(e->run, csvr_name(r), rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	if (e->ngrid == e->capgrid) {
		e->capgrid = e->capgrid ? e->capgrid * 2 : 256;
		e->grid = xreallocarray(e->grid, e->capgrid, sizeof *e->grid);
	}
	e->grid[e->ngrid++] = ev_gridnum(s);
	return 0;
}

/* ---- taking duplicates back ---- */

void
evrun_finish(struct evrun *e)
{
	const struct gw_rec *rec;
	const char *p;
	const void *v;
	struct sbuf id = { 0 };
	struct evdup_rec d;
	size_t len;

	evdup_find(&e->dup);
	if (e->mode == EVM_CLASSIFY) {
		classify_end(e);
		ev_tmpcheck(e->cspool);
		rewind(e->cspool);
	}
	if (e->mode == EVM_URGENT) {
		ev_tmpcheck(e->uspool);
		rewind(e->uspool);
		e->usort = xsort_new(e->dup.mem / 8, urgcmp, NULL);
	}
	if (e->dup.rows)
		ev_tmpcheck(e->dup.rows);
	while (xsort_next(e->dup.dups, &v, &len)) {
		p = v;
		memset(&d, 0, sizeof d);
		memcpy(&d, p, e->dup.hsz);
		sbuf_reset(&id);
		sbuf_add(&id, p + e->dup.hsz, d.idlen);
		rec = e->dup.rows ? evdup_row(&e->dup, d.roff) : NULL;
		e->run->nok--;
		gw_reject(e->run, e->dup.fname[d.ord >> EV_LINEBITS],
		    (long)(d.ord & ((1ULL << EV_LINEBITS) - 1)), "event_id",
		    rec, "duplicate event_id '%s'", id.s);
		switch (e->mode) {
		case EVM_CLASSIFY:
			cl_copy(e, d.a64, e->cout);
			cl_copy(e, d.a64 + d.a32, NULL);
			break;
		case EVM_URGENT:
			if (d.a32 & EVF_URGENT)
				urg_upto(e, d.ord, 1);
			break;
		default:
			if (d.a32 & EVF_COUNTED) {
				evtab_take(&e->tab, d.a64, d.a32);
				e->untallied = 1;
			}
			break;
		}
	}
	sbuf_free(&id);
	if (e->mode == EVM_CLASSIFY) {
		cl_copy(e, e->cpos, e->cout);
		fclose(e->cspool);
		e->cspool = NULL;
	}
	if (e->mode == EVM_URGENT) {
		urg_upto(e, UINT64_MAX, 0);
		fclose(e->uspool);
		e->uspool = NULL;
	}
	if (e->untallied)
		evtab_compact(&e->tab);
}

size_t
evrun_sortruns(const struct evrun *e)
{
	return xsort_runs(e->dup.dups) + (e->usort ? xsort_runs(e->usort) : 0);
}

/* ---- the reports ---- */

static void
write_report(struct evrun *e, csvw *w)
{
	static const char *const hdr[] = {
		"period", "area_code", "area_level", "category", "events",
		"by_worker", "by_resident", "by_hotline", "by_inspection",
		"immediate", "late", "prev_events", "change_pct"
	};
	struct evtab out;
	uint64_t *keys, zero[EV_NK] = {0}, *cur, *prv, old;
	char chg[32];
	size_t i, nk;
	int cat, j;

	evtab_rollup(&e->tab, &out, e->cats, ev_pow10(e->tablvl - e->bylvl));
	/* one output row per (area, category), in key order */
	keys = xreallocarray(NULL, out.n + 1, sizeof *keys);
	for (i = nk = 0; i < out.n; i++)
		keys[nk++] = out.key[i] & ~(uint64_t)1;
	qsort(keys, nk, sizeof *keys, ev_keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < nk; i++) {
		if (i > 0 && keys[i] == keys[i - 1])
			continue;
		cur = u64map_get(out.ix, keys[i], &old) ? out.row[old] : zero;
		prv = u64map_get(out.ix, keys[i] | 1, &old) ? out.row[old] :
		    zero;
		cat = EV_CAT(keys[i]);
		csvw_field(w, e->period.label[0], (size_t)-1);
		csvw_fieldf(w, "%0*llu", e->bylvl,
		    (unsigned long long)EV_AREA(keys[i]));
		csvw_field(w, ev_lvlname(e->bylvl), (size_t)-1);
		csvw_field(w, e->cats->cat[cat].code, (size_t)-1);
		for (j = 0; j < EV_NK; j++)
			csvw_fieldf(w, "%llu", (unsigned long long)cur[j]);
		csvw_fieldf(w, "%llu", (unsigned long long)prv[EV_EVENTS]);
		csvw_field(w, ev_change(cur[EV_EVENTS], prv[EV_EVENTS], chg),
		    (size_t)-1);
		csvw_endrec(w);
	}
	free(keys);
	evtab_free(&out);
}

static void
write_partial(struct evrun *e, csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "category", "events", "by_worker",
		"by_resident", "by_hotline", "by_inspection", "immediate", "late"
	};
	uint64_t *keys, old;
	size_t i;
	int j, cat;

	keys = xreallocarray(NULL, e->tab.n + 1, sizeof *keys);
	if (e->tab.n)
		memcpy(keys, e->tab.key, e->tab.n * sizeof *keys);
	qsort(keys, e->tab.n, sizeof *keys, ev_keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < e->tab.n; i++) {
		u64map_get(e->tab.ix, keys[i], &old);
		cat = EV_CAT(keys[i]);
		csvw_field(w, e->period.label[keys[i] & 1], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)EV_AREA(keys[i]));
		csvw_field(w, e->cats->cat[cat].code, (size_t)-1);
		for (j = 0; j < EV_NK; j++)
			csvw_fieldf(w, "%llu",
			    (unsigned long long)e->tab.row[old][j]);
		csvw_endrec(w);
	}
	free(keys);
}

static void
write_zero(struct evrun *e, csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "village_code", "township_code",
		"events", "prev_by_worker"
	};
	u64map *g;
	uint64_t *tot, old, grid;
	size_t i, ng;

	/* per grid of the table: events now, worker events now and before */
	if (e->ngrid)
		qsort(e->grid, e->ngrid, sizeof *e->grid, ev_keycmp);
	g = u64map_new(e->ngrid);
	for (i = ng = 0; i < e->ngrid; i++)
		if (i == 0 || e->grid[i] != e->grid[i - 1])
			e->grid[ng++] = e->grid[i];
	e->ngrid = ng;
	tot = xcalloc(ng * 3 + 1, sizeof *tot);
	for (i = 0; i < ng; i++)
		u64map_put(g, e->grid[i], i);
	for (i = 0; i < e->tab.n; i++) {
		if (!u64map_get(g, e->tab.key[i] >> 8, &old))
			continue;
		if (e->tab.key[i] & 1)
			tot[old * 3 + 2] += e->tab.row[i][EV_BY];
		else {
			tot[old * 3] += e->tab.row[i][EV_EVENTS];
			tot[old * 3 + 1] += e->tab.row[i][EV_BY];
		}
	}
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < ng; i++) {
		if (tot[i * 3 + 1] > 0)
			continue;
		grid = e->grid[i];
		csvw_field(w, e->period.label[0], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)grid);
		csvw_fieldf(w, "%012llu", (unsigned long long)(grid / 1000));
		csvw_fieldf(w, "%09llu", (unsigned long long)(grid / 1000000));
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3]);
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3 + 2]);
		csvw_endrec(w);
	}
	free(tot);
	u64map_free(g);
}

static void
write_urgent(struct evrun *e, csvw *w)
{
	static const char *const hdr[] = {
		"period", "event_id", "grid_code", "category", "urgency",
		"source", "reporter_id", "found_at", "reported_at",
		"delay_minutes", "late", "text"
	};
	static const char *const lhdr[] = {
		"period", "event_id", "grid_code", "category", "urgency",
		"source", "reporter_id", "found_at", "reported_at",
		"delay_minutes", "limit", "text"
	};
	char lim[32];
	int u;
	const char *f[5], *p;
	const void *v;
	char tf[20], tr[20];
	int64_t found, rep;
	int32_t cat;
	size_t len;
	int i, imm;

	csvw_header(w, e->late ? lhdr : hdr, sizeof hdr / sizeof hdr[0]);
	while (xsort_next(e->usort, &v, &len)) {
		p = v;
		memcpy(&found, p, sizeof found);
		memcpy(&rep, p + 8, sizeof rep);
		memcpy(&cat, p + 16, sizeof cat);
		for (p += 20, i = 0; i < 5; p += strlen(p) + 1, i++)
			f[i] = p;
		imm = e->cats->cat[cat].urg == 0;
		datetime_fmt(found, tf);
		datetime_fmt(rep, tr);
		csvw_field(w, e->period.label[0], (size_t)-1);
		csvw_field(w, f[0], (size_t)-1);
		csvw_field(w, f[1], (size_t)-1);
		csvw_field(w, e->cats->cat[cat].code, (size_t)-1);
		csvw_field(w, cat_urgency(e->cats, cat), (size_t)-1);
		csvw_field(w, f[2], (size_t)-1);
		csvw_field(w, f[3], (size_t)-1);
		csvw_field(w, tf, (size_t)-1);
		csvw_field(w, tr, (size_t)-1);
		csvw_fieldf(w, "%lld", (long long)((rep - found) / 60));
		if (e->late)	/* category.c's limit, in words */
			csvw_field(w, cat_limitfmt(cat_replimit(e->cats, cat,
			    "", 0, &u), lim), (size_t)-1);
		else
			csvw_field(w, imm ? (rep - found > e->late_secs ?
			    "1" : "0") : "", (size_t)-1);
		csvw_field(w, f[4], (size_t)-1);
		csvw_endrec(w);
	}
}

void
evrun_write(struct evrun *e, csvw *w)
{
	static void (*const writer[])(struct evrun *, csvw *) = {
		[EVM_REPORT] = write_report, [EVM_PARTIAL] = write_partial,
		[EVM_ZERO] = write_zero, [EVM_URGENT] = write_urgent,
		[EVM_CLASSIFY] = NULL
	};

	if (writer[e->mode])
		writer[e->mode](e, w);
}

/* ---- one file on two cores ---- */

struct side {
	struct evrun *e;	/* the second part's run */
	struct evrun *first;	/* the first part's */
	csvr *r;		/* the second part's reader, until the
				   thread takes it (tr) */
	csvr *tr;
	struct gw_run run;	/* quiet: its rejects only counted */
	int64_t cut;		/* where the second part begins */
	int enchdr;		/* its encoding after the header */
	int enc;		/* and at its end */
	long lines;		/* lines of the first part */
	int status;		/* gw_loop_reader's, or -1: not run */
	int started;		/* the thread runs */
	pthread_t tid;
};

static void *
side_main(void *arg)
{
	struct side *sd = arg;

	/* lines counted from the cut: the first part's are added at the
	   end (split_merge) */
	if (csvr_range(sd->tr, sd->cut, -1, 0, ENC_AUTO, &sd->enc,
	    NULL) < 0) {
		csvr_close(sd->tr);
		return NULL;
	}
	sd->status = gw_loop_reader(&sd->run, sd->tr, NULL, evrun_rec, sd->e);
	return NULL;
}

/*
 * The first part's header: bound, then the second part's thread
 * started, now that gw_loop_reader() has made what it shares (its table
 * of strict columns) and the header's names are looked up (alias.c's
 * lookups are not for two threads).
 */
static int
split_hdr(csvr *r, void *arg)
{
	struct side *sd = arg;
	struct evrun *e = sd->e;
	int j;

	if (evrun_hdr(r, sd->first) < 0)
		return -1;
	for (j = 0; j < EVR_NCOL; j++)
		e->col[j] = csvr_col(sd->r, evr_colname[j]);
	sd->enchdr = sd->enc = csvr_enc(sd->r);
	sd->tr = sd->r;
	sd->r = NULL;
	sd->started = pthread_create(&sd->tid, NULL, side_main, sd) == 0;
	if (!sd->started)
		csvr_close(sd->tr);
	return 0;
}

static int
split_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	return evrun_rec(r, rec, ((struct side *)arg)->first);
}

/* Gives the duplicate finder of e the notes buf[0..len) of the second
   part, their lines moved by the first part's, their rows by map. */
static void
replay(struct evrun *e, const char *buf, size_t len, const uint64_t *map,
    long lines)
{
	struct dnote d;
	size_t at;

	for (at = 0; at + sizeof d <= len; at += sizeof d + d.idlen) {
		memcpy(&d, buf + at, sizeof d);
		if (d.a32 & EVF_COUNTED)
			d.a64 = map[d.a64];
		evdup_add(&e->dup, d.ord + (uint64_t)lines, NULL, d.h,
		    buf + at + sizeof d, d.idlen, d.a64, d.a32);
	}
}

/* Adds the second part to the first: counts, rows, duplicate notes. */
static void
split_merge(struct evrun *e, struct side *sd)
{
	struct evrun *s = sd->e;
	uint64_t *row, *map, len;
	struct sbuf blk = { 0 };
	size_t i;
	int j;

	map = xreallocarray(NULL, s->tab.n + 1, sizeof *map);
	for (i = 0; i < s->tab.n; i++) {
		row = evtab_row(&e->tab, s->tab.key[i]);
		map[i] = (uint64_t)((uint64_t (*)[EV_NK])row - e->tab.row);
		for (j = 0; j < EV_NK; j++)
			row[j] += s->tab.row[i][j];
	}
	e->run->nread += sd->run.nread;
	e->run->nok += sd->run.nok;
	if (s->defer) {
		ev_tmpcheck(s->defer);
		rewind(s->defer);
		while (fread(&len, sizeof len, 1, s->defer) == 1) {
			sbuf_reset(&blk);
			sbuf_grow(&blk, (size_t)len);
			ev_tmpread(s->defer, blk.s, (size_t)len);
			replay(e, blk.s, (size_t)len, map, sd->lines);
		}
		if (ferror(s->defer))
			die("read error: temporary file:");
		sbuf_free(&blk);
	}
	replay(e, s->dbuf.s, s->dbuf.len, map, sd->lines);
	free(map);
}

int
evrun_split(struct evrun *e, struct evrun *side, const char *path,
    const struct csvr_opt *o, size_t minsize)
{
	struct side sd;
	struct stat st;
	const char *why;
	csvr *r = NULL;
	int fd, k, enc0 = ENC_AUTO, ret = 1;
	int64_t cut;

	if ((e->mode != EVM_REPORT && e->mode != EVM_PARTIAL &&
	    e->mode != EVM_ZERO) || e->run->rejects_path ||
	    strcmp(path, "-") == 0)
		return 1;
	if ((fd = open(path, O_RDONLY)) < 0)
		return 1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < minsize || st.st_size < 2)
		goto out;
	memset(&sd, 0, sizeof sd);
	sd.status = -1;
	if (!(r = csvr_open(path, o, &why)) || (csvr_fmt(r) != FMT_CSV &&
	    csvr_fmt(r) != FMT_TSV) || (cut = split_cut(fd, st.st_size,
	    st.st_size / 2, csvr_fmt(r) == FMT_TSV)) < 0 ||
	    csvr_range(r, -1, cut, 0, ENC_AUTO, &enc0, &sd.lines) < 0 ||
	    !(sd.r = csvr_open(path, o, &why)))
		goto out;

	sd.e = side;
	sd.first = e;
	sd.cut = cut;
	sd.run.quiet = 1;
	sd.run.keepinvisible = e->run->keepinvisible;
	side->period = e->period;
	side->late_secs = e->late_secs;
	side->late = e->late;
	side->run = &sd.run;
	side->defer = NULL;
	sbuf_reset(&side->dbuf);
	sbuf_grow(&side->dbuf, DEFER_MEM + 4096);	/* no copies while it fills */
	evdup_file(&side->dup, path);	/* for its messages */
	side->fileidx = e->dup.nfname;	/* the index evrun_hdr() gives */
	k = gw_loop_reader(e->run, r, split_hdr, split_rec, &sd);
	r = NULL;
	if (sd.started)
		pthread_join(sd.tid, NULL);
	if (sd.r)	/* the header failed: no thread */
		csvr_close(sd.r);
	gw_run_end(&sd.run);	/* no file: frees what it kept */
	ret = k;
	e->splitat = cut;
	e->splitway = 1;
	if (k == 0 && sd.status == 0 && sd.run.nrej == 0 &&
	    (sd.enchdr != ENC_AUTO || enc0 == ENC_AUTO || sd.enc == enc0))
		split_merge(e, &sd);
	else if (k == 0) {
		e->splitway = 2;
		/* the second part again, on one core, after the first */
		if (!(r = csvr_open(path, o, &why))) {
			warn("%s", why);
			ret = -1;
		} else if (csvr_range(r, cut, -1, sd.lines, enc0, NULL,
		    NULL) < 0) {
			warn("%s: cannot read it again", path);
			ret = -1;
		} else
			ret = gw_loop_reader(e->run, r, NULL, evrun_rec, e);
		r = NULL;
	}
	if (side->defer)
		fclose(side->defer);
	side->defer = NULL;
	sbuf_free(&side->dbuf);
out:
	if (r)
		csvr_close(r);
	close(fd);
	return ret;
}
