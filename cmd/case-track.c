/*
 * case-track — replay the append-only case log against the dispatch
 * orders and say where every case stands (gridwork-rules(7), CASES and
 * ASSESSMENT; gridwork-store(5)).  The driver of the caselog engine
 * (lib/caselog.c, every rule of the replay): options, binding, finding
 * each row's case, output.
 *
 * Contract: every log row read is rejected (FILE:LINE: column 'x':
 * reason, and the -r file), applied to its case, or, when its time is
 * after --as-of, accepted and not applied.  A rejected row changes
 * nothing.  Orders (--orders, the output of case-route) give each case
 * its grid_code, category, first deadline and limit; their rows are
 * checked the same way, and a log row for a case they lack is rejected.
 * Provisional years of the calendar used are said once each on stderr.
 *
 * Output order and memory: a case is written when it closes, in the
 * order the closing rows come; the cases still open at the end follow
 * in the order they first appeared; then, with --orders, orders with
 * no log row at all, in the orders' order, in state "ordered".  Only
 * open cases are held whole (the engine's book); a closed one keeps its
 * key (16 to 64 bytes) so that a later row for it is known to come after
 * closed: memory is the orders, the open cases and a few bytes a case.
 * With --orders a case's key is its order (found exactly, by case_id);
 * else a 64-bit fingerprint of its case_id (hash_bytes): two case_ids
 * whose fingerprints collide, a chance of about n*n/2^65, stop the run
 * (exit 2), or, among closed cases, would be taken as one.  Output goes
 * to a temporary file copied to stdout at the end: a fatal error (a
 * calendar year missing) leaves stdout empty.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: case-track --as-of datetime [--orders orders] [-p policy]\n"
    "                  [--summary [--by grid|village|township|county|department]\n"
    "                  | --overdue] [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                  [-r rejects] [--zh] [--excel] [case_log ...]\n";

enum { OPT_ORDERS = OPT_CMD, OPT_SUMMARY, OPT_BY, OPT_OVERDUE };
enum mode { M_STATUS, M_SUMMARY, M_OVERDUE };

/* Log columns; the first three are required. */
enum lcol { L_CASE, L_STEP, L_AT, L_EVENT, L_DEPT, L_SAT, L_DEADLINE,
	NLCOL };
#define NLREQ 3
static const char *const lcolname[NLCOL] = {
	"case_id", "step", "at", "event_id", "department", "satisfied",
	"deadline"
};

/* Order columns; the first five are required. */
enum ocol { O_CASE, O_GRID, O_CAT, O_DEADLINE, O_LIMIT, O_EVENT, O_DEPT,
	O_ASSIGNED, O_PROV, NOCOL };
#define NOREQ 5
static const char *const ocolname[NOCOL] = {
	"case_id", "grid_code", "category", "deadline", "limit", "event_id",
	"department", "assigned_at", "provisional"
};

static const char *const statcol[] = {
	"case_id", "event_id", "grid_code", "category", "state", "department",
	"reported_at", "assigned_at", "deadline", "closed_at", "working_days",
	"on_time", "overdue", "satisfied"
};
#define NSTAT (sizeof statcol / sizeof statcol[0])
/* after them (and after --overdue's days_late): the deadline was
   computed over a provisional year of the calendar, 1 or 0 */
static const char provcol[] = "provisional";

/* --by: the level of the groups of the summary, and its column */
static const struct {
	const char *name, *col;
	int lvl;		/* LVL_*, or 0: the department */
} bytab[] = {
	{ "grid", "grid_code", LVL_GRID },
	{ "village", "village_code", LVL_VILLAGE },
	{ "township", "township_code", LVL_TOWN },
	{ "county", "county_code", LVL_COUNTY },
	{ "department", "department", 0 },
};
#define NBY (int)(sizeof bytab / sizeof bytab[0])

/* One dispatch order.  Strings are indexes into S.str. */
struct order {
	struct caselog_order t;	/* its terms: deadline, limit ... */
	size_t ev;		/* event_id: offset in S.evs */
	uint32_t grid;		/* grid_code */
	uint32_t cat;		/* category */
	uint32_t dept;		/* department */
};

static struct {
	enum mode mode;
	int by;			/* --by: index in bytab */
	policy *pol;
	struct caselog cl;	/* the engine: policy, calendar, --as-of */
	struct gw_run run;
	struct csvr_opt ro;
	int lcol[NLCOL], ocol[NOCOL];

	strtab *str;		/* grid codes, categories, departments... */
	strtab *oid;		/* case_ids of the orders: index = order */
	struct order *ord;
	size_t nord;
	struct sbuf evs;	/* event_ids of the orders, NUL-separated */
	int orders;		/* --orders given */

	struct caselog_book book;	/* the open cases; key: the order's
					   index, or hash_bytes(case_id);
					   aux: 1 + department in S.str */

	strtab *gkey;		/* summary: group names */
	struct caselog_group *grp;
	size_t ngrp;

	struct caselog_open *late;	/* --overdue: the listed cases */
	size_t nlate;

	csvw *out;
} S;

/* ---- orders ---- */

/* Binds the columns of an input: arg is S.ocol or S.lcol. */
static int
bind_hdr(csvr *r, void *arg)
{
	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	if (arg == S.ocol)
		return gw_bind(r, csvr_name(r), ocolname, NOCOL, NOREQ, S.ocol,
		    NULL);
	return gw_bind(r, csvr_name(r), lcolname, NLCOL, NLREQ, S.lcol, NULL);
}

static int
ord_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why, *col;
	struct caselog_orderin in;
	struct order o;
	size_t n, i;
	int isnew, rc;

	(void)arg;
	memset(&o, 0, sizeof o);
	s = gw_field(rec, S.ocol[O_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	o.grid = (uint32_t)strtab_add(S.str, s, n, NULL);
	s = gw_field(rec, S.ocol[O_CAT], &n);
	o.cat = (uint32_t)strtab_add(S.str, s, n, NULL);
	in.deadline.s = gw_field(rec, S.ocol[O_DEADLINE], &in.deadline.n);
	in.assigned_at.s = gw_field(rec, S.ocol[O_ASSIGNED],
	    &in.assigned_at.n);
	in.limit.s = gw_field(rec, S.ocol[O_LIMIT], &in.limit.n);
	in.provisional.s = gw_field(rec, S.ocol[O_PROV], &in.provisional.n);
	in.case_id.s = gw_field(rec, S.ocol[O_CASE], &in.case_id.n);
	if ((rc = caselog_order(&S.cl, &in, &o.t, &col, &why)) == CL_FATAL)
		die("%s", why);
	if (rc == CL_REJECT) {
		gw_reject(&S.run, file, rec->line, col, rec, "%s", why);
		return 1;
	}
	s = gw_field(rec, S.ocol[O_EVENT], &n);
	/* event ids are all different: kept, not interned */
	o.ev = S.evs.len;
	sbuf_add(&S.evs, s, n);
	sbuf_addc(&S.evs, '\0');
	s = gw_field(rec, S.ocol[O_DEPT], &n);
	o.dept = (uint32_t)strtab_add(S.str, s, n, NULL);
	s = gw_field(rec, S.ocol[O_CASE], &n);
	i = strtab_add(S.oid, s, n, &isnew);
	if (!isnew) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "duplicate order for case '%s'", s);
		return 1;
	}
	if (i != S.nord)
		die("orders: internal index mismatch");
	S.ord = xreallocarray(S.ord, S.nord + 1, sizeof *S.ord);
	S.ord[S.nord++] = o;
	return 0;
}

/* ---- output of one case ---- */

/* A case's order, or NULL. */
static const struct order *
ord_of(const struct caselog_open *k)
{
	return S.orders ? &S.ord[k->key] : NULL;
}

static const char *
dept_of(const struct caselog_open *k)
{
	if (k->aux)
		return strtab_str(S.str, k->aux - 1);
	return ord_of(k) ? strtab_str(S.str, ord_of(k)->dept) : "";
}

static struct caselog_group *
group_of(const struct caselog_open *k)
{
	char key[LVL_GRID + 1];
	const char *s;
	size_t i;
	int isnew;

	if (bytab[S.by].lvl == 0)
		s = dept_of(k);
	else {
		s = ord_of(k) ? strtab_str(S.str, ord_of(k)->grid) : "";
		if (strlen(s) >= (size_t)bytab[S.by].lvl) {
			code_prefix(s, bytab[S.by].lvl, key);
			s = key;
		}
	}
	i = strtab_add(S.gkey, s, strlen(s), &isnew);
	if (isnew) {
		S.grp = xreallocarray(S.grp, S.ngrp + 1, sizeof *S.grp);
		memset(&S.grp[S.ngrp++], 0, sizeof *S.grp);
	}
	return &S.grp[i];
}

/* The status columns of a case, or (--summary) its counts. */
static void
emit(const struct caselog_open *k)
{
	const int64_t tm[] = { k->c.reported, k->c.assigned, k->c.deadline,
	    k->c.closed };
	struct caselog_figures f;
	const char *why;
	char buf[20];
	size_t i;

	if (caselog_figures(&S.cl, &k->c, &f, &why) < 0)
		die("%s", why);
	if (S.mode == M_SUMMARY) {
		caselog_tally(&S.cl, group_of(k), &k->c, &f);
		return;
	}
	csvw_field(S.out, k->id, (size_t)-1);
	csvw_field(S.out, k->c.ev, (size_t)-1);
	csvw_field(S.out, ord_of(k) ? strtab_str(S.str, ord_of(k)->grid) : "",
	    (size_t)-1);
	csvw_field(S.out, ord_of(k) ? strtab_str(S.str, ord_of(k)->cat) : "",
	    (size_t)-1);
	csvw_field(S.out, caselog_stepname[k->c.state], (size_t)-1);
	csvw_field(S.out, dept_of(k), (size_t)-1);
	for (i = 0; i < sizeof tm / sizeof tm[0]; i++) {
		caselog_fmt_time(tm[i], buf);
		csvw_field(S.out, buf, (size_t)-1);
	}
	if (f.days >= 0)
		csvw_fieldf(S.out, "%ld", f.days);
	else
		csvw_field(S.out, "", 0);
	csvw_field(S.out, f.on_time < 0 ? "" : f.on_time ? "1" : "0",
	    (size_t)-1);
	csvw_field(S.out, f.overdue ? "1" : "0", 1);
	csvw_field(S.out, k->c.sat < 0 ? "" : k->c.sat ? "1" : "0",
	    (size_t)-1);
}

/* A case as the status and summary modes write it. */
static void
write_case(const struct caselog_open *k)
{
	emit(k);
	if (S.mode == M_STATUS) {
		csvw_field(S.out, k->c.prov ? "1" : "0", 1);
		csvw_endrec(S.out);
	}
}

/* An open case at the end of the replay. */
static void
finish_open(const struct caselog_open *k)
{
	struct caselog_open *c;
	const char *why;
	int due;

	if (S.mode != M_OVERDUE) {
		write_case(k);
		return;
	}
	if ((due = caselog_due(&S.cl, &k->c, &why)) < 0)
		die("%s", why);
	if (!due)
		return;
	S.late = xreallocarray(S.late, S.nlate + 1, sizeof *S.late);
	c = &S.late[S.nlate++];
	*c = *k;
	c->id = xstrdup(k->id);
	c->c.ev = xstrdup(k->c.ev);
}

/* ---- the log ---- */

static int
log_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *id, *s, *col, *why;
	struct caselog_case fresh, *c;
	struct caselog_row row;
	size_t idn, n;
	uint64_t key;
	long order = -1;
	struct caselog_open *k;
	int rc;

	(void)arg;
	id = row.case_id.s = gw_field(rec, S.lcol[L_CASE], &idn);
	row.case_id.n = idn;
	row.step.s = gw_field(rec, S.lcol[L_STEP], &row.step.n);
	row.at.s = gw_field(rec, S.lcol[L_AT], &row.at.n);
	row.satisfied.s = gw_field(rec, S.lcol[L_SAT], &row.satisfied.n);
	row.event_id.s = gw_field(rec, S.lcol[L_EVENT], &row.event_id.n);
	row.deadline.s = gw_field(rec, S.lcol[L_DEADLINE], &row.deadline.n);
	if ((rc = caselog_read(&S.cl, &row, &col, &why)) == CL_LATER)
		return 0;	/* after --as-of: read, not replayed */
	if (rc == CL_REJECT)
		goto reject;

	/* the case: through its order (exact), else by fingerprint; a case
	   not open yet (or closed) is a fresh one */
	caselog_case_init(&fresh, "");
	if (!S.orders)
		key = hash_bytes(id, idn);
	else if ((order = strtab_find(S.oid, id, idn)) >= 0) {
		key = (uint64_t)order;
		fresh.ev = S.evs.s + S.ord[order].ev;
	} else {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "unknown case '%.*s': not in the orders", (int)idn, id);
		return 1;
	}
	if ((rc = caselog_book_find(&S.book, key, id, idn, &k)) == CLB_CLASH)
		die("case ids '%s' and '%.*s' share a fingerprint; rename one",
		    k->id, (int)idn, id);
	if (rc == CLB_CLOSED)
		fresh.state = CL_CLOSED;
	c = k ? &k->c : &fresh;
	rc = caselog_apply(&S.cl, c, order >= 0 ? &S.ord[order].t : NULL,
	    &row, &col, &why);
	if (rc == CL_FATAL)
		die("%s", why);
	if (rc == CL_REJECT)
		goto reject;
	if (!k) {
		s = row.event_id.n > 0 ? row.event_id.s : fresh.ev;
		k = caselog_book_add(&S.book, key, id, idn, s, strlen(s));
		fresh.ev = k->c.ev;
		k->c = fresh;
	}
	if (row.st == CL_ASSIGNED) {
		s = gw_field(rec, S.lcol[L_DEPT], &n);
		if (n > 0)
			k->aux = (uint32_t)strtab_add(S.str, s, n, NULL) + 1;
	}
	if (k->c.state == CL_CLOSED) {
		if (S.mode != M_OVERDUE)
			write_case(k);
		caselog_book_close(&S.book, k);
	}
	return 0;
reject:
	gw_reject(&S.run, file, rec->line, col, rec, "%s", why);
	return 1;
}

/* ---- end: the overdue list, the summary, the orders not seen ---- */

static int
latecmp(const void *a, const void *b)
{
	const struct caselog_open *x = a, *y = b;

	if (x->c.deadline != y->c.deadline)
		return x->c.deadline < y->c.deadline ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void
write_overdue(void)
{
	const char *names[NSTAT + 2], *why;
	size_t i;
	long n;

	memcpy(names, statcol, sizeof statcol);
	names[NSTAT] = "days_late";
	names[NSTAT + 1] = provcol;
	csvw_header(S.out, names, NSTAT + 2);
	qsort(S.late, S.nlate, sizeof *S.late, latecmp);
	for (i = 0; i < S.nlate; i++) {
		struct caselog_open *k = &S.late[i];

		emit(k);
		if (caselog_days_late(&S.cl, &k->c, &n, &why) < 0)
			die("%s", why);
		csvw_fieldf(S.out, "%ld", n);
		csvw_field(S.out, k->c.prov ? "1" : "0", 1);
		csvw_endrec(S.out);
		free(k->id);
		free((char *)k->c.ev);
	}
	free(S.late);
}

static int
gkeycmp(const void *a, const void *b)
{
	return strcmp(strtab_str(S.gkey, *(const size_t *)a),
	    strtab_str(S.gkey, *(const size_t *)b));
}

static void
write_summary(void)
{
	static const char *const cols[] = { "", "cases", "due", "closed",
	    "closed_due", "on_time", "disposal_rate", "ontime_rate",
	    "overdue_open", "mean_working_days", "satisfaction_rate" };
	const char *names[sizeof cols / sizeof cols[0]];
	const char *keys[sizeof cols / sizeof cols[0]] = { NULL };
	size_t i, j, *ix, nc = sizeof cols / sizeof cols[0];
	struct caselog_rates rt;

	memcpy(names, cols, sizeof cols);
	keys[5] = "on_time_count";	/* a count, not the yes/no */
	names[0] = bytab[S.by].col;
	csvw_header_keyed(S.out, names, keys, nc);
	ix = xcalloc(S.ngrp, sizeof *ix);
	for (i = 0; i < S.ngrp; i++)
		ix[i] = i;
	qsort(ix, S.ngrp, sizeof *ix, gkeycmp);
	for (i = 0; i < S.ngrp; i++) {
		struct caselog_group *g = &S.grp[ix[i]];
		const long cnt[] = { g->cases, g->due, g->closed,
		    g->closed_due, g->on_time };

		caselog_rates(g, &rt);
		csvw_field(S.out, strtab_str(S.gkey, ix[i]), (size_t)-1);
		for (j = 0; j < sizeof cnt / sizeof cnt[0]; j++)
			csvw_fieldf(S.out, "%ld", cnt[j]);
		csvw_fieldf(S.out, "%.4f", rt.disposal);
		csvw_fieldf(S.out, "%.4f", rt.on_time);
		csvw_fieldf(S.out, "%ld", g->overdue_open);
		if (rt.mean_days >= 0)
			csvw_fieldf(S.out, "%.2f", rt.mean_days);
		else
			csvw_field(S.out, "", 0);
		csvw_fieldf(S.out, "%.4f", rt.satisfaction);
		csvw_endrec(S.out);
	}
	free(ix);
}

/* Orders no log row named: dispatched, nothing logged yet. */
static void
unseen_orders(void)
{
	struct caselog_open k, *seen;
	size_t i;

	for (i = 0; i < S.nord; i++) {
		memset(&k, 0, sizeof k);
		k.id = (char *)strtab_str(S.oid, i);
		k.key = i;
		if (caselog_book_find(&S.book, i, k.id, strtab_len(S.oid, i),
		    &seen) == CLB_NONE && caselog_ordered(&S.cl, &S.ord[i].t,
		    S.evs.s + S.ord[i].ev, &k.c))
			finish_open(&k);
	}
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{"orders", required_argument, 0, OPT_ORDERS},
		{"summary", no_argument, 0, OPT_SUMMARY},
		{"by", required_argument, 0, OPT_BY},
		{"overdue", no_argument, 0, OPT_OVERDUE},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *orders = NULL, *by = NULL, *why;
	int ch, status, nmode = 0;
	struct caselog_open *k;
	int64_t asof;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.by = 2;	/* township */
	while ((ch = gw_getopt(argc, argv, "E:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case OPT_BY:
			by = optarg;
			for (S.by = 0; S.by < NBY; S.by++)
				if (strcmp(optarg, bytab[S.by].name) == 0)
					break;
			if (S.by == NBY)
				die("--by '%s': not grid, village, township, "
				    "county or department", optarg);
			break;
		case OPT_ORDERS:
			orders = optarg;
			break;
		case OPT_OVERDUE:
		case OPT_SUMMARY:
			S.mode = ch == OPT_SUMMARY ? M_SUMMARY : M_OVERDUE;
			nmode++;
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--summary and --overdue exclude each other");
	if (by && S.mode != M_SUMMARY)
		die("--by is for --summary");
	if (!o.as_of)
		die("missing --as-of DATETIME: the replay stops there, never "
		    "at \"now\" by default");
	if (caselog_time(o.as_of, strlen(o.as_of), &asof) < 0)
		die("--as-of '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.as_of);
	if (S.mode == M_SUMMARY && bytab[S.by].lvl != 0 && !orders)
		die("--by %s needs --orders: the grid code of each case is "
		    "in the orders", by ? by : "township");

	if (!(S.pol = policy_load(o.policy, &why)) ||
	    caselog_init(&S.cl, S.pol, &why) < 0)
		die("%s", why);
	S.cl.cal = cal_open(NULL);
	S.cl.asof = asof;
	S.str = strtab_new();
	S.oid = strtab_new();
	S.gkey = strtab_new();
	caselog_book_init(&S.book);
	S.run.rejects_path = o.rejects;
	S.run.mixed = orders != NULL;	/* orders and log rows in one file */
	S.ro = gw_inopt(&o);

	tmp = gw_spool();
	S.out = gw_out(&o, tmp);
	if ((S.orders = orders != NULL) && gw_loop(&S.run, 1,
	    (char *[]){ (char *)orders, NULL }, &S.ro, bind_hdr, ord_rec,
	    S.ocol) < 0)
		gw_exit(GW_FATAL);
	if (S.mode == M_STATUS) {
		const char *names[NSTAT + 1];

		memcpy(names, statcol, sizeof statcol);
		names[NSTAT] = provcol;
		csvw_header(S.out, names, NSTAT + 1);
	}
	if (gw_loop(&S.run, argc, argv, &S.ro, bind_hdr, log_rec, S.lcol) < 0)
		gw_exit(GW_FATAL);
	for (k = caselog_book_first(&S.book); k; k = caselog_book_next(&S.book,
	    k))
		finish_open(k);
	unseen_orders();
	if (S.mode == M_OVERDUE)
		write_overdue();
	else if (S.mode == M_SUMMARY)
		write_summary();
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	cal_warnprov(S.cl.cal, "deadlines and working days");
	status = gw_end(&S.run, NULL);
	caselog_book_free(&S.book);
	caselog_free(&S.cl);
	gw_exit(status);
}
