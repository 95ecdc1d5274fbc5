/*
 * event-report — classify the events reported from the grid and count
 * them by area, category and period (gridwork-rules(7), EVENTS).
 *
 * Contract: every event row read is either rejected (empty event_id,
 * bad grid code, unparseable time, reported_at before found_at, unknown
 * source, duplicate event_id; said as FILE:LINE: column 'x': reason and
 * kept in the -r file) or accepted.  --classify writes each accepted
 * event once, in input order, with category, category_source (given,
 * rule, none) and urgency set.  The reports count accepted events whose
 * reported_at falls in the period containing --at or in the one before
 * it; other accepted events are read and checked, not counted.
 *
 * A given category is kept when the policy knows it (by code or name);
 * otherwise the first rule of the policy's rules file that matches the
 * text decides; no match leaves the category empty.  Categories and
 * their urgency are the cat.* keys of the policy's [event] section, the
 * rules the file named by its "rules" key: nothing here is a constant
 * of the domain.
 *
 * Memory is bounded whatever the number of events.  Counts are kept per
 * area x category x period only (the area being the --by level, or the
 * grid for --partial and --zero).  A duplicate event_id cannot be known
 * until the end, so every event that passes the other checks is counted
 * at once and leaves a record (fingerprint, the id's bytes, its file and
 * line, what it added) in one of 256 partitions by fingerprint, buffered
 * and then written to temporary files; at the end each partition alone
 * is searched for repeats with an in-memory set, split further when it
 * is too big for that (dup_find).  The duplicates are then rejected in
 * input order, after every other rejected row, and what they added is
 * taken back (dup_walk): their counts; for --urgent, whose events wait
 * in a temporary file and are then sorted by xsort in bounded memory,
 * their row; for --classify, whose output is spooled and copied to
 * stdout at the end, their record.  With -r every such row is spooled
 * too, to write a duplicate's fields to the rejects file.  Two ids are
 * one only when their bytes are equal, never by fingerprint alone.
 * GW_EVENT_MEM (bytes, default 64 MB; for tests) sets the budget.
 *
 * --merge sums counts of parts made by --partial; it cannot see an
 * event_id repeated in two parts, and the grid-level counts are what
 * makes any split mergeable into the report of the whole, byte for
 * byte.
 */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: event-report --classify [--explain event_id] [-E enc] [-i csv|tsv]\n"
    "                    [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects]\n"
    "                    [--rules file] [file ...]\n"
    "       event-report --learn [-E enc] [-i csv|tsv] [-p policy] [-r rejects]\n"
    "                    [file ...]\n"
    "       event-report --period day|week|month --at date\n"
    "                    [--by grid|village|township|county|city|province]\n"
    "                    [--zero -G grids | --urgent | --partial | --merge]\n"
    "                    [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-p policy]\n"
    "                    [-r rejects] [--rules file] [--zh] [--excel]\n"
    "                    [file ...]\n";

enum {
	OPT_CLASSIFY = OPT_CMD, OPT_PERIOD, OPT_BY, OPT_ZERO, OPT_URGENT,
	OPT_PARTIAL, OPT_MERGE, OPT_RULES, OPT_EXPLAIN, OPT_LEARN
};

enum mode { M_REPORT, M_CLASSIFY, M_ZERO, M_URGENT, M_PARTIAL };
/* Columns of the events contract (gridwork-store(5)); the first five are
   required, the others may be absent. */
enum ecol { E_ID, E_GRID, E_REP, E_FOUND, E_SRC, E_REPORTER, E_CAT,
	E_TEXT, NECOL };
#define NEREQ 5
static const char *const ecolname[NECOL] = {
	"event_id", "grid_code", "reported_at", "found_at", "source",
	"reporter_id", "category", "text"
};

static struct {
	enum mode mode;
	int per;		/* EVP_* */
	struct evper period;
	int merge;		/* operands are --partial outputs */
	int bylvl;		/* output level: 6, 9, 12, 15 ... */
	int tablvl;		/* level counted at */
	uint64_t tabdiv;	/* grid code / tabdiv = area at tablvl */

	policy *pol;
	struct cattab cats;	/* categories, urgencies, rules, model */
	const char *explain;	/* --explain: the event_id to explain */
	struct sbuf why;	/* its explanation, once found */
	int64_t late_secs;	/* immediate and later than this: late */

	struct gw_run run;
	struct csvr_opt ropt;
	int col[NECOL];		/* columns of the current events file */
	struct evtab tab;
	struct evdup dup;
	int untallied;		/* counts were taken back */

	/* --classify output: written through a memory stream to know each
	   record's length, then spooled */
	csvw *out;
	FILE *ms;		/* the writer's stream */
	char *msbuf;		/* its buffer and length (open_memstream) */
	FILE *cout;		/* where the classified rows go: stdout, or
				   a spool that becomes the workbook */
	size_t mslen;
	FILE *cspool;		/* the classified records, header first */
	uint64_t cpos;		/* bytes written to cspool */
	uint64_t cdone;		/* bytes of cspool copied or skipped */
	int first;		/* the first events file sets the header */
	char **oname;		/* output columns */
	size_t no;
	size_t ocat, osrc, ourg;	/* where the three go */
	size_t oevsrc;		/* the source column, written canonical */
	int *omap;		/* output column -> input column, or -1 */

	/* --urgent: the urgent events of the period spooled in input order
	   (uint64 ordinal, uint32 length, sort record), then sorted */
	FILE *uspool;
	struct sbuf urec;	/* the record being written or read */
	xsort *usort;		/* sort records, oldest first */

	/* -G grids */
	uint64_t *grid;
	size_t ngrid, capgrid;
} S;

static void
load_policy(const char *name, const char *rulesfile)
{
	const char *why;
	long late;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	if (cat_load(&S.cats, S.pol, CATF_STRICT, &why) < 0)
		die("%s", why);
	if (policy_int(S.pol, "event", "late_minutes", &late, &why) < 0)
		die("%s", why);
	if (late < 0)
		die("policy '%s': event.late_minutes must not be negative",
		    policy_name(S.pol));
	S.late_secs = (int64_t)late * 60;
	if (cat_setup(&S.cats, rulesfile, 0, &why) < 0)
		die("%s", why);
}

/*
 * --learn: the corrections (the category and text columns of files) go
 * into the county's corpus and its
 * model is trained again (model_learn()).
 */
static int
ev_learn(const char *pname, const char *rejects,
    const struct gw_opts *o, int argc, char **argv)
{
	struct cattab t;
	struct gw_run run;
	struct corpus fix = { 0 };
	struct learn_count lc;
	struct csvr_opt ro = gw_inopt(o);
	const char *why;
	policy *p;
	int status;

	if (!(p = policy_load(pname, &why)))
		die("%s", why);
	if (cat_load(&t, p, CATF_STRICT, &why) < 0 ||
	    cat_setup(&t, NULL, 1, &why) < 0)
		die("%s", why);
	memset(&run, 0, sizeof run);
	run.rejects_path = rejects;
	if (corpus_read(&fix, &t, &run, argc, argv, &ro) < 0)
		return GW_FATAL;
	if (model_learn(&t, &fix, &run, &lc, &why) < 0)
		die("%s", why);
	warn("learned %zu corrections (%zu new texts, %zu relabelled, %zu "
	    "already known); the county's corpus has %zu texts; model "
	    "trained on %zu", fix.n, lc.added, lc.changed, lc.known, lc.own,
	    lc.texts);
	corpus_free(&fix);
	status = gw_end(&run, NULL);
	cat_free(&t);
	policy_free(p);
	return status;
}

/* ---- periods ---- */

static void
set_period(const char *at, const char *month, const char *week)
{
	long day, last;

	if (month) {
		if (S.per != EVP_NONE && S.per != EVP_MONTH)
			die("--month contradicts --period");
		S.per = EVP_MONTH;
		at = month;
	} else if (week) {
		if (S.per != EVP_NONE && S.per != EVP_WEEK)
			die("--week contradicts --period");
		S.per = EVP_WEEK;
		at = week;
	}
	if (S.per == EVP_NONE)
		die("missing --period day|week|month (or --month, --week)");
	if (!at)
		die("missing --at DATE: the report is of the period "
		    "containing it, never of today by default");
	if (date_parse(at, strlen(at), &day) < 0 &&
	    (S.per != EVP_WEEK || week_parse(at, &day, &last) < 0) &&
	    (S.per != EVP_MONTH || month_parse(at, &day, &last) < 0))
		die("--at '%s': not a date (YYYY-MM-DD)", at);
	evper_set(&S.period, S.per, day);
}

/* ---- reading events ---- */

static size_t cl_take(void);

static int
ev_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t nc = csvr_ncols(r), j;

	(void)arg;
	evdup_file(&S.dup, csvr_name(r));
	if (gw_bind(r, csvr_name(r), ecolname, NECOL, NEREQ, S.col, NULL) < 0)
		return -1;
	if (S.mode != M_CLASSIFY)
		return 0;
	if (S.first) {
		/* the first file's columns, then any of the three missing */
		S.first = 0;
		S.oname = xcalloc(nc + 3, sizeof *S.oname);
		for (j = 0; j < nc; j++)
			S.oname[S.no++] = xstrdup(h[j]);
		S.ocat = S.osrc = S.ourg = S.oevsrc = SIZE_MAX;
		for (j = 0; j < S.no; j++) {
			if (strcmp(S.oname[j], "category") == 0)
				S.ocat = j;
			else if (strcmp(S.oname[j], "source") == 0)
				S.oevsrc = j;
			else if (strcmp(S.oname[j], "category_source") == 0)
				S.osrc = j;
			else if (strcmp(S.oname[j], "urgency") == 0)
				S.ourg = j;
		}
		if (S.ocat == SIZE_MAX)
			S.oname[S.ocat = S.no++] = xstrdup("category");
		if (S.osrc == SIZE_MAX)
			S.oname[S.osrc = S.no++] = xstrdup("category_source");
		if (S.ourg == SIZE_MAX)
			S.oname[S.ourg = S.no++] = xstrdup("urgency");
		csvw_header(S.out, (const char *const *)S.oname, S.no);
		cl_take();
		S.omap = xcalloc(S.no, sizeof *S.omap);
	}
	/* later files may order their columns differently */
	for (j = 0; j < S.no; j++)
		S.omap[j] = csvr_col(r, S.oname[j]);
	return 0;
}

/*
 * An urgent event, spooled in input order until the duplicates are
 * known: the sort record is (int64 found, int64 reported, int32
 * category, then event_id, grid_code, source, reporter_id and text, each
 * ended by a NUL).
 */
static void
keep_urgent(const struct gw_rec *rec, uint64_t ord, int64_t found,
    int64_t rep, int cat)
{
	const char *s;
	size_t len;
	uint32_t n;
	int32_t c = cat;
	int cols[5] = { S.col[E_ID], S.col[E_GRID], S.col[E_SRC],
	    S.col[E_REPORTER], S.col[E_TEXT] };
	int i;

	sbuf_reset(&S.urec);
	sbuf_add(&S.urec, (const char *)&found, sizeof found);
	sbuf_add(&S.urec, (const char *)&rep, sizeof rep);
	sbuf_add(&S.urec, (const char *)&c, sizeof c);
	for (i = 0; i < 5; i++) {
		s = gw_field(rec, cols[i], &len);
		sbuf_add(&S.urec, s, len);
		sbuf_addc(&S.urec, '\0');
	}
	if (S.urec.len > UINT32_MAX)
		die("%s:%ld: an event too long to keep",
		    S.dup.fname[S.dup.nfname - 1],
		    rec->line);
	n = (uint32_t)S.urec.len;
	ev_tmpwrite(S.uspool, &ord, sizeof ord);
	ev_tmpwrite(S.uspool, &n, sizeof n);
	ev_tmpwrite(S.uspool, S.urec.s, n);
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

/* Writes an event classified to cspool, its source in the contract's
   word (群众 becomes resident, as the commands after it read it);
   returns the record's length. */
static size_t
write_classified(const struct gw_rec *rec, int cat, const char *how, int src)
{
	static const char *const srcname[EV_NSRC] = { "worker", "resident",
	    "hotline", "inspection" };
	const char *s;
	size_t j, len;

	for (j = 0; j < S.no; j++) {
		if (j == S.oevsrc)
			csvw_field(S.out, srcname[src], (size_t)-1);
		else if (j == S.ocat)
			csvw_field(S.out, S.cats.cat[cat].code, (size_t)-1);
		else if (j == S.osrc)
			csvw_field(S.out, how, (size_t)-1);
		else if (j == S.ourg)
			csvw_field(S.out, cat_urgency(&S.cats, cat),
			    (size_t)-1);
		else {
			s = gw_field(rec, S.omap[j], &len);
			csvw_field(S.out, s, len);
		}
	}
	csvw_endrec(S.out);
	return cl_take();
}

/* --explain: what decided the event asked for (the first of its id). */
static void
explain(const struct gw_rec *rec, const char *given, size_t gn,
    const char *text, size_t tn)
{
	struct catdec d;
	const char *s;
	size_t n;

	s = gw_field(rec, S.col[E_ID], &n);
	if (S.why.len || strlen(S.explain) != n || memcmp(s, S.explain, n))
		return;
	cat_decide(&S.cats, given, gn, text, tn, &d);
	sbuf_addf(&S.why, "event %s: ", S.explain);
	cat_explain(&S.cats, &d, text, tn, &S.why);
}

static int
ev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why, *ts;
	const char *rs, *fs;
	size_t n, rn, fn, tn;
	enum catsrc how;
	int64_t rep, found;
	int src, prev, cat, imm;
	uint64_t a64, ord;
	uint32_t a32;

	(void)arg;
	s = gw_field(rec, S.col[E_ID], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "empty event_id");
		return 1;
	}
	s = gw_field(rec, S.col[E_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	rs = gw_field(rec, S.col[E_REP], &rn);
	if (datetime_parse(rs, rn, &rep) < 0) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "unparseable time '%s'", rs);
		return 1;
	}
	fs = gw_field(rec, S.col[E_FOUND], &fn);
	if (datetime_parse(fs, fn, &found) < 0) {
		gw_reject(&S.run, file, rec->line, "found_at", rec,
		    "unparseable time '%s'", fs);
		return 1;
	}
	if (rep < found) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "reported_at %s is before found_at %s", rs, fs);
		return 1;
	}
	s = gw_field(rec, S.col[E_SRC], &n);
	if ((src = ev_source(s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "source", rec,
		    "unknown source '%s' (worker, resident, hotline, "
		    "inspection)", s);
		return 1;
	}

	/* accepted unless its event_id comes again: see evdup_note(&S.dup, ) */
	a64 = 0;
	a32 = 0;
	prev = 0;
	if (S.mode != M_CLASSIFY && (prev = evper_of(&S.period, rep)) < 0)
		goto note;	/* outside both periods */

	/* classified only now: most of a year's events fall outside */
	s = gw_field(rec, S.col[E_CAT], &n);
	ts = gw_field(rec, S.col[E_TEXT], &tn);
	cat = cat_classify(&S.cats, s, n, ts, tn, &how);
	if (S.explain)
		explain(rec, s, n, ts, tn);

	switch (S.mode) {
	case M_CLASSIFY:
		a64 = S.cpos;
		if ((n = write_classified(rec, cat, cat_srcname(how), src)) > UINT32_MAX)
			die("%s:%ld: an event too long to classify", file,
			    rec->line);
		a32 = (uint32_t)n;
		goto note;
	case M_URGENT:
		/* every level but the last (the ordinary one) */
		if (prev == 0 && cat && S.cats.cat[cat].urg < (int)S.cats.nurg - 1) {
			ord = (uint64_t)(S.dup.nfname - 1) << EV_LINEBITS |
			    (uint64_t)rec->line;
			keep_urgent(rec, ord, found, rep, cat);
			a32 = EVF_URGENT;
		}
		goto note;
	default:
		break;
	}
	imm = cat && S.cats.cat[cat].urg == 0;
	a32 = evtab_add(&S.tab, EV_KEY(ev_gridnum(gw_field(rec, S.col[E_GRID],
	    &n)) / S.tabdiv, cat, prev), src, imm, rep - found > S.late_secs,
	    &a64);
note:
	s = gw_field(rec, S.col[E_ID], &n);
	evdup_note(&S.dup, rec, idset_hash(s, n), s, n, a64, a32);
	return 0;
}

/*
 * --classify opens every named file and checks its columns before
 * reading any row: a missing file or column then fails at once, before
 * anything is classified and spooled (stdout stays empty either way).
 */
static void
precheck(int argc, char **argv)
{
	const char *why;
	csvr *r;
	int i, j;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			continue;
		if (!(r = csvr_open(argv[i], &S.ropt, &why)))
			die("%s", why);
		for (j = 0; j < NEREQ; j++)
			if (csvr_col(r, ecolname[j]) < 0)
				die("%s: missing column '%s'", csvr_name(r),
				    ecolname[j]);
		csvr_close(r);
	}
}

/* ---- reading partial counts (--merge) ---- */

static int pcol[3 + EV_NK];	/* period, grid_code, category, counts */

static int
part_hdr(csvr *r, void *arg)
{
	static const char *const fixed[3] = { "period", "grid_code",
	    "category" };
	int i;

	(void)arg;
	for (i = 0; i < 3 + EV_NK; i++) {
		pcol[i] = csvr_col(r, i < 3 ? fixed[i] : ev_countname[i - 3]);
		if (pcol[i] < 0) {
			warn("%s: missing column '%s' (not a --partial "
			    "output?)", csvr_name(r),
			    i < 3 ? fixed[i] : ev_countname[i - 3]);
			return -1;
		}
	}
	return 0;
}

static int
part_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why;
	uint64_t v[EV_NK], *row, area;
	size_t n;
	int prev, cat, i, j;

	(void)arg;
	s = gw_field(rec, pcol[0], &n);
	if (strcmp(s, S.period.label[0]) == 0)
		prev = 0;
	else if (strcmp(s, S.period.label[1]) == 0)
		prev = 1;
	else {
		gw_reject(&S.run, file, rec->line, "period", rec,
		    "period '%s' is neither %s nor %s", s, S.period.label[0],
		    S.period.label[1]);
		return 1;
	}
	s = gw_field(rec, pcol[1], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	area = ev_gridnum(s) / S.tabdiv;
	s = gw_field(rec, pcol[2], &n);
	if (n > 0 && (cat = cat_find(&S.cats, s, n)) == 0) {
		gw_reject(&S.run, file, rec->line, "category", rec,
		    "unknown category '%s'", s);
		return 1;
	}
	if (n == 0)
		cat = 0;
	for (i = 0; i < EV_NK; i++) {
		s = gw_field(rec, pcol[3 + i], &n);
		if (!gw_alldigits(s, n) || n > 15) {
			gw_reject(&S.run, file, rec->line, ev_countname[i], rec,
			    "not a count: '%s'", s);
			return 1;
		}
		v[i] = strtoull(s, NULL, 10);
	}
	if (!ev_counts_ok(v)) {
		gw_reject(&S.run, file, rec->line, NULL, rec,
		    "counts do not add up (sources != events, or late > "
		    "immediate > events)");
		return 1;
	}
	row = evtab_row(&S.tab, EV_KEY(area, cat, prev));
	for (j = 0; j < EV_NK; j++)
		row[j] += v[j];
	return 0;
}

/* ---- reading the grid table (-G) ---- */

static int gcol;

static int
grid_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((gcol = csvr_col(r, "grid_code")) < 0) {
		warn("%s: missing column 'grid_code'", csvr_name(r));
		return -1;
	}
	return 0;
}

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *s, *why;
	size_t n;

	(void)arg;
	s = gw_field(rec, gcol, &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	if (S.ngrid == S.capgrid) {
		S.capgrid = S.capgrid ? S.capgrid * 2 : 256;
		S.grid = xreallocarray(S.grid, S.capgrid, sizeof *S.grid);
	}
	S.grid[S.ngrid++] = ev_gridnum(s);
	return 0;
}

/* ---- writing ---- */

static void
write_report(csvw *w)
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

	evtab_rollup(&S.tab, &out, &S.cats, ev_pow10(S.tablvl - S.bylvl));
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
		csvw_field(w, S.period.label[0], (size_t)-1);
		csvw_fieldf(w, "%0*llu", S.bylvl,
		    (unsigned long long)EV_AREA(keys[i]));
		csvw_field(w, ev_lvlname(S.bylvl), (size_t)-1);
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
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
write_partial(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "category", "events", "by_worker",
		"by_resident", "by_hotline", "by_inspection", "immediate", "late"
	};
	uint64_t *keys, old;
	size_t i;
	int j, cat;

	keys = xreallocarray(NULL, S.tab.n + 1, sizeof *keys);
	if (S.tab.n)
		memcpy(keys, S.tab.key, S.tab.n * sizeof *keys);
	qsort(keys, S.tab.n, sizeof *keys, ev_keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.tab.n; i++) {
		u64map_get(S.tab.ix, keys[i], &old);
		cat = EV_CAT(keys[i]);
		csvw_field(w, S.period.label[keys[i] & 1], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)EV_AREA(keys[i]));
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
		for (j = 0; j < EV_NK; j++)
			csvw_fieldf(w, "%llu",
			    (unsigned long long)S.tab.row[old][j]);
		csvw_endrec(w);
	}
	free(keys);
}

static void
write_zero(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "village_code", "township_code",
		"events", "prev_by_worker"
	};
	u64map *g;
	uint64_t *tot, old, grid;
	size_t i, ng;

	/* per grid of the table: events now, worker events now and before */
	if (S.ngrid)
		qsort(S.grid, S.ngrid, sizeof *S.grid, ev_keycmp);
	g = u64map_new(S.ngrid);
	for (i = ng = 0; i < S.ngrid; i++)
		if (i == 0 || S.grid[i] != S.grid[i - 1])
			S.grid[ng++] = S.grid[i];
	S.ngrid = ng;
	tot = xcalloc(ng * 3 + 1, sizeof *tot);
	for (i = 0; i < ng; i++)
		u64map_put(g, S.grid[i], i);
	for (i = 0; i < S.tab.n; i++) {
		if (!u64map_get(g, S.tab.key[i] >> 8, &old))
			continue;
		if (S.tab.key[i] & 1)
			tot[old * 3 + 2] += S.tab.row[i][EV_BY];
		else {
			tot[old * 3] += S.tab.row[i][EV_EVENTS];
			tot[old * 3 + 1] += S.tab.row[i][EV_BY];
		}
	}
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < ng; i++) {
		if (tot[i * 3 + 1] > 0)
			continue;
		grid = S.grid[i];
		csvw_field(w, S.period.label[0], (size_t)-1);
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
write_urgent(csvw *w)
{
	static const char *const hdr[] = {
		"period", "event_id", "grid_code", "category", "urgency",
		"source", "reporter_id", "found_at", "reported_at",
		"delay_minutes", "late", "text"
	};
	const char *f[5], *p;
	const void *v;
	char tf[20], tr[20];
	int64_t found, rep;
	int32_t cat;
	size_t len;
	int i, imm;

	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	while (xsort_next(S.usort, &v, &len)) {
		p = v;
		memcpy(&found, p, sizeof found);
		memcpy(&rep, p + 8, sizeof rep);
		memcpy(&cat, p + 16, sizeof cat);
		for (p += 20, i = 0; i < 5; p += strlen(p) + 1, i++)
			f[i] = p;
		imm = S.cats.cat[cat].urg == 0;
		datetime_fmt(found, tf);
		datetime_fmt(rep, tr);
		csvw_field(w, S.period.label[0], (size_t)-1);
		csvw_field(w, f[0], (size_t)-1);
		csvw_field(w, f[1], (size_t)-1);
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
		csvw_field(w, cat_urgency(&S.cats, cat), (size_t)-1);
		csvw_field(w, f[2], (size_t)-1);
		csvw_field(w, f[3], (size_t)-1);
		csvw_field(w, tf, (size_t)-1);
		csvw_field(w, tr, (size_t)-1);
		csvw_fieldf(w, "%lld", (long long)((rep - found) / 60));
		csvw_field(w, imm ? (rep - found > S.late_secs ?
		    "1" : "0") : "", (size_t)-1);
		csvw_field(w, f[4], (size_t)-1);
		csvw_endrec(w);
	}
}

/* ---- taking duplicates back ---- */

/* Moves what the classify writer holds to cspool; returns its length. */
static size_t
cl_take(void)
{
	size_t n;

	if (S.out)
		csvw_flush(S.out);
	if (fflush(S.ms) == EOF)
		die("out of memory");
	n = S.mslen;
	ev_tmpwrite(S.cspool, S.msbuf, n);
	S.cpos += n;
	rewind(S.ms);
	return n;
}

/* Copies cspool to stdout up to offset to, or skips to it (out NULL). */
static void
cl_copy(uint64_t to, FILE *out)
{
	char buf[65536];
	size_t n;

	if (!out) {
		if (fseeko(S.cspool, (off_t)to, SEEK_SET) < 0)
			die("read error: temporary file:");
		S.cdone = to;
		return;
	}
	while (S.cdone < to) {
		n = to - S.cdone < sizeof buf ? (size_t)(to - S.cdone) :
		    sizeof buf;
		ev_tmpread(S.cspool, buf, n);
		if (fwrite(buf, 1, n, out) != n)
			break;	/* stdout's error is reported by gw_exit() */
		S.cdone += n;
	}
	S.cdone = to;
}

/* Reads the urgent events spooled before ordinal upto into S.usort, and
   drops the one at upto when skip. */
static void
urg_upto(uint64_t upto, int skip)
{
	static int have;
	static uint64_t ord;
	uint32_t len;

	for (;;) {
		if (!have) {
			if (fread(&ord, sizeof ord, 1, S.uspool) != 1) {
				if (ferror(S.uspool))
					die("read error: temporary file:");
				return;
			}
			ev_tmpread(S.uspool, &len, sizeof len);
			sbuf_reset(&S.urec);
			sbuf_grow(&S.urec, len);
			ev_tmpread(S.uspool, S.urec.s, len);
			S.urec.len = len;
			have = 1;
		}
		if (ord > upto || (ord == upto && !skip))
			return;
		have = 0;
		if (ord < upto)
			xsort_add(S.usort, S.urec.s, S.urec.len);
	}
}

/*
 * Rejects the duplicates in input order, after every other rejected
 * row, and takes back what they added: counts, the urgent list, the
 * classified output (copied to stdout here, without them).
 */
static void
dup_walk(void)
{
	const struct gw_rec *rec;
	const char *p;
	const void *v;
	struct sbuf id = { 0 };
	struct evdup_rec d;
	size_t len;

	if (S.mode == M_CLASSIFY) {
		ev_tmpcheck(S.cspool);
		rewind(S.cspool);
	}
	if (S.mode == M_URGENT) {
		ev_tmpcheck(S.uspool);
		rewind(S.uspool);
		S.usort = xsort_new(S.dup.mem / 8, urgcmp, NULL);
	}
	if (S.dup.rows)
		ev_tmpcheck(S.dup.rows);
	while (xsort_next(S.dup.dups, &v, &len)) {
		p = v;
		memset(&d, 0, sizeof d);
		memcpy(&d, p, S.dup.hsz);
		sbuf_reset(&id);
		sbuf_add(&id, p + S.dup.hsz, d.idlen);
		rec = S.dup.rows ? evdup_row(&S.dup, d.roff) : NULL;
		S.run.nok--;
		gw_reject(&S.run, S.dup.fname[d.ord >> EV_LINEBITS],
		    (long)(d.ord & ((1ULL << EV_LINEBITS) - 1)), "event_id", rec,
		    "duplicate event_id '%s'", id.s);
		switch (S.mode) {
		case M_CLASSIFY:
			cl_copy(d.a64, S.cout);
			cl_copy(d.a64 + d.a32, NULL);
			break;
		case M_URGENT:
			if (d.a32 & EVF_URGENT)
				urg_upto(d.ord, 1);
			break;
		default:
			if (d.a32 & EVF_COUNTED) {
				evtab_take(&S.tab, d.a64, d.a32);
				S.untallied = 1;
			}
			break;
		}
	}
	sbuf_free(&id);
	if (S.mode == M_CLASSIFY) {
		cl_copy(S.cpos, S.cout);
		fclose(S.cspool);
		S.cspool = NULL;
	}
	if (S.mode == M_URGENT) {
		urg_upto(UINT64_MAX, 0);
		fclose(S.uspool);
		S.uspool = NULL;
	}
	if (S.untallied)
		evtab_compact(&S.tab);
	if (getenv("GW_EVENT_MEM"))
		warn("memory budget %zu: %zu temporary files, %zu splits, "
		    "%zu sort runs", S.dup.mem, S.dup.nfile, S.dup.nsplit,
		    xsort_runs(S.dup.dups) + (S.usort ? xsort_runs(S.usort) : 0));
}

/* The duplicate finder's budget: GW_EVENT_MEM bytes (for tests), else
   64 MB. */
static size_t
evmem(void)
{
	const char *v = getenv("GW_EVENT_MEM");
	char *end;
	unsigned long long m;

	if (!v || !*v)
		return (size_t)64 << 20;
	m = strtoull(v, &end, 10);
	if (*end || m == 0)
		die("GW_EVENT_MEM '%s': not a number of bytes", v);
	return m > (1ULL << 32) ? (size_t)1 << 32 : (size_t)m;
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"classify", no_argument, 0, OPT_CLASSIFY},
		{"period", required_argument, 0, OPT_PERIOD},
		{"by", required_argument, 0, OPT_BY},
		{"zero", no_argument, 0, OPT_ZERO},
		{"urgent", no_argument, 0, OPT_URGENT},
		{"partial", no_argument, 0, OPT_PARTIAL},
		{"merge", no_argument, 0, OPT_MERGE},
		{"rules", required_argument, 0, OPT_RULES},
		{"explain", required_argument, 0, OPT_EXPLAIN},
		{"learn", no_argument, 0, OPT_LEARN},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *gridfile = NULL, *rulesfile = NULL, *by = NULL;
	char *gv[2];
	int ch, nmode = 0, status, learn = 0;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.mode = M_REPORT;
	S.bylvl = LVL_COUNTY;
	while ((ch = getopt_long(argc, argv, "E:G:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'G':
			gridfile = optarg;
			break;
		case OPT_BY:
			by = optarg;
			if ((S.bylvl = ev_lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county, city or province", optarg);
			break;
		case OPT_CLASSIFY:
			S.mode = M_CLASSIFY;
			nmode++;
			break;
		case OPT_EXPLAIN:
			S.explain = optarg;
			break;
		case OPT_LEARN:
			learn = 1;
			nmode++;
			break;
		case OPT_MERGE:
			S.merge = 1;
			break;
		case OPT_PARTIAL:
			S.mode = M_PARTIAL;
			nmode++;
			break;
		case OPT_PERIOD:
			if (strcmp(optarg, "day") == 0)
				S.per = EVP_DAY;
			else if (strcmp(optarg, "week") == 0)
				S.per = EVP_WEEK;
			else if (strcmp(optarg, "month") == 0)
				S.per = EVP_MONTH;
			else
				die("--period '%s': not day, week or month",
				    optarg);
			break;
		case OPT_RULES:
			rulesfile = optarg;
			break;
		case OPT_URGENT:
			S.mode = M_URGENT;
			nmode++;
			break;
		case OPT_ZERO:
			S.mode = M_ZERO;
			nmode++;
			break;
		default:
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--classify, --learn, --zero, --urgent and --partial "
		    "exclude each other");
	if (S.explain && S.mode != M_CLASSIFY)
		die("--explain is for --classify");
	if (learn) {
		if (S.per || o.at || o.month || o.week || by || gridfile ||
		    S.merge || rulesfile || o.regions || o.as_of)
			die("--learn takes no period, --by, -G, --merge, "
			    "--rules, -R or --as-of");
		gw_exit(ev_learn(o.policy, o.rejects, &o, argc,
		    argv));
	}
	if (o.store || o.regions || o.as_of)
		die("event-report takes none of -d, -R, --as-of");
	if (S.mode == M_CLASSIFY) {
		if (S.per || o.at || o.month || o.week || by || gridfile ||
		    S.merge)
			die("--classify takes no period, --by, -G or --merge");
	} else
		set_period(o.at, o.month, o.week);
	if (S.mode == M_ZERO && !gridfile)
		die("--zero needs -G GRIDS: the grids that should have "
		    "reported");
	if (gridfile && S.mode != M_ZERO)
		die("-G is for --zero");
	if (S.merge && (S.mode == M_URGENT || S.mode == M_PARTIAL))
		die("--merge makes the counts report or --zero, not --urgent "
		    "or --partial");
	if (S.merge && argc == 0)
		die("--merge needs the PART files written by --partial");
	if (by && S.mode != M_REPORT)
		die("--by is for the counts report");

	load_policy(o.policy, rulesfile);
	S.tablvl = S.mode == M_PARTIAL || S.mode == M_ZERO ? LVL_GRID :
	    S.bylvl;
	S.tabdiv = ev_pow10(LVL_GRID - S.tablvl);
	evtab_init(&S.tab, 1024);
	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	S.first = 1;
	evdup_init(&S.dup, evmem(), o.rejects != NULL && !S.merge);

	if (S.mode == M_CLASSIFY) {
		precheck(argc, argv);
		if (!(S.ms = open_memstream(&S.msbuf, &S.mslen)))
			die("out of memory");
		S.cspool = gw_spool();
		/* --explain writes the explanation, not the events */
		S.cout = S.explain ? gw_spool() : stdout;
		if (o.ofmt == FMT_XLSX) {
			/* rows are taken back from the CSV: make the
			   workbook from it at the end */
			struct gw_opts io = o;

			io.ofmt = FMT_CSV;
			io.excel = io.zh = 0;
			S.cout = gw_spool();
			w = S.out = gw_out(&io, S.ms);
		} else
			w = S.out = gw_out(&o, S.ms);
	} else
		w = gw_out(&o, stdout);
	if (S.mode == M_URGENT)
		S.uspool = gw_spool();
	if (S.merge)
		status = gw_loop(&S.run, argc, argv, &S.ropt, part_hdr,
		    part_rec, NULL);
	else
		status = gw_loop(&S.run, argc, argv, &S.ropt, ev_hdr, ev_rec,
		    NULL);
	if (status < 0)
		gw_exit(GW_FATAL);
	if (S.mode == M_ZERO) {
		/* after the events, so that the rejects file takes their
		   header, as every other mode's does */
		gv[0] = (char *)gridfile;
		gv[1] = NULL;
		if (gw_loop(&S.run, 1, gv, &S.ropt, grid_hdr, grid_rec,
		    NULL) < 0)
			gw_exit(GW_FATAL);
	}
	evdup_find(&S.dup);
	if (S.mode == M_CLASSIFY) {
		if (S.first)	/* no input header at all: an empty file */
			csvw_header(w, NULL, 0);
		if (csvw_close(w) < 0)
			die("out of memory");
		S.out = NULL;
		cl_take();
		fclose(S.ms);
		free(S.msbuf);
	}
	dup_walk();
	if (S.explain) {
		if (!S.why.len)
			die("--explain '%s': no such event_id among the "
			    "accepted events", S.explain);
		fputs(S.why.s, stdout);
		fclose(S.cout);
		S.cout = NULL;
	}
	if (S.cout && S.cout != stdout && gw_out_spool(&o, S.cout) < 0)
		die("write error: temporary file:");
	status = GW_OK;
	switch (S.mode) {
	case M_REPORT:
		write_report(w);
		break;
	case M_PARTIAL:
		write_partial(w);
		break;
	case M_ZERO:
		write_zero(w);
		break;
	case M_URGENT:
		write_urgent(w);
		break;
	case M_CLASSIFY:
		break;
	}
	if (S.mode != M_CLASSIFY && csvw_close(w) < 0)
		status = GW_FATAL;
	if (status == GW_OK)
		status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
