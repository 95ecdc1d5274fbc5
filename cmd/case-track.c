/*
 * case-track — replay the append-only case log against the dispatch
 * orders and say where every case stands (gridwork-rules(7), CASES and
 * ASSESSMENT; gridwork-store(5)).  The rules (the six steps, returns,
 * extensions, deadlines, working days, the figures of the summary) are
 * the caselog engine's, lib/caselog.c; this is its driver: options,
 * binding of the columns, finding each row's case, and the output.
 *
 * Contract: every log row read is rejected (FILE:LINE: column 'x':
 * reason, and the -r file), applied to its case, or, when its time is
 * after --as-of, accepted and not applied (the replay stops at --as-of).
 * A rejected row changes nothing: the rest of its case is replayed and
 * reported with the state it validly reached.  Orders (--orders, the
 * output of case-route) give each case its grid_code, category, first
 * deadline and limit; rows of orders are checked the same way.  With
 * --orders, a row for a case the orders lack is rejected.  Provisional
 * years of the calendar used are said once each on stderr; only a year
 * with no calendar is fatal.
 *
 * Output order and memory: a case is written when it closes, in the
 * order the closing rows come; the cases still open at the end follow
 * in the order they first appeared; then, with --orders, orders with
 * no log row at all, in the orders' order, in state "ordered".  Only
 * open cases are held whole.  With --orders a case is found through its
 * order (exactly, by case_id) and a closed case is a flag on the order,
 * so that memory is the orders (held whole) and the open cases, not the
 * log's length, for a log in time order.  Without orders a case is
 * found by a 64-bit fingerprint of its case_id (hash_bytes) and a closed
 * case keeps its hash slot (16 to 64 bytes) so that a later row for it
 * is known to come after closed; two case_ids whose fingerprints
 * collide, a chance of about n*n/2^65, stop the run (exit 2), or, among
 * closed cases, would be taken as one.
 *
 * Output goes to a temporary file copied to stdout at the end: a fatal
 * error (a calendar year missing) leaves stdout empty.
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

/* One dispatch order.  Strings are indexes into S.str. */
struct order {
	struct caselog_order t;	/* its terms: deadline, limit ... */
	size_t ev;		/* event_id: offset in S.evs */
	uint32_t grid;		/* grid_code */
	uint32_t cat;		/* category */
	uint32_t dept;		/* department */
	uint32_t kase;		/* 1 + slot of its open case in S.k, or 0 */
	unsigned char seen;	/* a log row opened its case */
	unsigned char closed;	/* its case was closed */
};

/*
 * An open case.  Invariant: it is in S.open under hash_bytes(id) with
 * value 1 + its index in S.k (or, with orders, its order's kase is), and
 * on the list of open cases (prev/next, 1-based indexes, 0 = none) in
 * order of first appearance.
 */
struct kase {
	struct caselog_case c;	/* where it stands; c.ev is after id's NUL */
	char *id;		/* case_id, then event_id (one allocation) */
	size_t idn;		/* strlen(id) */
	long order;		/* index in S.ord, or -1 */
	uint32_t prev, next;	/* list of open cases */
	uint32_t dept;		/* 1 + index in S.str, or 0 */
};

#define CLOSED UINT64_MAX	/* S.open value of a closed case */

static struct {
	enum mode mode;
	int bylvl;		/* --by: LVL_* or 0 for department */
	policy *pol;
	calendar *cal;
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

	u64map *open;		/* without orders: hash of case_id ->
				   1 + index in S.k, or CLOSED */
	struct kase *k;		/* slots; free ones chained through next */
	size_t nk, capk;
	uint32_t freek;		/* 1 + first free slot, or 0 */
	uint32_t head, tail;	/* list of open cases */

	strtab *gkey;		/* summary: group names */
	struct caselog_group *grp;
	size_t ngrp;

	struct kase *late;	/* --overdue: copies of the listed cases */
	size_t nlate, caplate;

	csvw *out;
} S;

static uint32_t
intern(const char *s, size_t n)
{
	return (uint32_t)strtab_add(S.str, s, n, NULL);
}

static const char *
str(uint32_t i)
{
	return strtab_str(S.str, i);
}

/* case_id and event_id in one allocation: the id, *ev after its NUL. */
static char *
idcopy(const char *id, size_t idn, const char *ev, size_t evn,
    const char **evp)
{
	char *p = xmalloc(idn + evn + 2);

	memcpy(p, id, idn);
	p[idn] = '\0';
	memcpy(p + idn + 1, ev, evn);
	p[idn + 1 + evn] = '\0';
	*evp = p + idn + 1;
	return p;
}

/* ---- orders ---- */

static int
ord_hdr(csvr *r, void *arg)
{

	(void)arg;
	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	if (gw_bind(r, csvr_name(r), ocolname, NOCOL, NOREQ, S.ocol, NULL) < 0)
		return -1;
	return 0;
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
	o.grid = intern(s, n);
	s = gw_field(rec, S.ocol[O_CAT], &n);
	o.cat = intern(s, n);
	in.deadline.s = gw_field(rec, S.ocol[O_DEADLINE], &in.deadline.n);
	in.assigned_at.s = gw_field(rec, S.ocol[O_ASSIGNED],
	    &in.assigned_at.n);
	in.limit.s = gw_field(rec, S.ocol[O_LIMIT], &in.limit.n);
	in.provisional.s = gw_field(rec, S.ocol[O_PROV], &in.provisional.n);
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
	o.dept = intern(s, n);
	s = gw_field(rec, S.ocol[O_CASE], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "empty case_id");
		return 1;
	}
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

static const char *
dept_of(const struct kase *k)
{
	return k->dept ? str(k->dept - 1) : k->order >= 0 ?
	    str(S.ord[k->order].dept) : "";
}

static struct caselog_group *
group_of(const struct kase *k)
{
	char key[LVL_GRID + 1];
	const char *s;
	size_t i;
	int isnew;

	if (S.bylvl == 0)
		s = dept_of(k);
	else {
		s = k->order >= 0 ? str(S.ord[k->order].grid) : "";
		if (strlen(s) >= (size_t)S.bylvl) {
			code_prefix(s, S.bylvl, key);
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
emit(const struct kase *k)
{
	char rep[20], asg[20], dl[20], cl[20];
	struct caselog_figures f;
	const char *why;

	if (caselog_figures(&S.cl, &k->c, &f, &why) < 0)
		die("%s", why);
	if (S.mode == M_SUMMARY) {
		caselog_tally(&S.cl, group_of(k), &k->c, &f);
		return;
	}
	caselog_fmt_time(k->c.reported, rep);
	caselog_fmt_time(k->c.assigned, asg);
	caselog_fmt_time(k->c.deadline, dl);
	caselog_fmt_time(k->c.closed, cl);
	csvw_field(S.out, k->id, (size_t)-1);
	csvw_field(S.out, k->c.ev, (size_t)-1);
	csvw_field(S.out, k->order >= 0 ? str(S.ord[k->order].grid) : "",
	    (size_t)-1);
	csvw_field(S.out, k->order >= 0 ? str(S.ord[k->order].cat) : "",
	    (size_t)-1);
	csvw_field(S.out, caselog_stepname[k->c.state], (size_t)-1);
	csvw_field(S.out, dept_of(k), (size_t)-1);
	csvw_field(S.out, rep, (size_t)-1);
	csvw_field(S.out, asg, (size_t)-1);
	csvw_field(S.out, dl, (size_t)-1);
	csvw_field(S.out, cl, (size_t)-1);
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
write_case(const struct kase *k)
{
	emit(k);
	if (S.mode == M_STATUS) {
		csvw_field(S.out, k->c.prov ? "1" : "0", 1);
		csvw_endrec(S.out);
	}
}

/* An open case at the end of the replay. */
static void
finish_open(const struct kase *k)
{
	struct kase *c;
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
	if (S.nlate == S.caplate) {
		S.caplate = S.caplate ? S.caplate * 2 : 64;
		S.late = xreallocarray(S.late, S.caplate, sizeof *S.late);
	}
	c = &S.late[S.nlate++];
	*c = *k;
	c->id = idcopy(k->id, strlen(k->id), k->c.ev, strlen(k->c.ev),
	    &c->c.ev);
}

/* ---- the open cases ---- */

static struct kase *
kase_new(uint64_t h, const char *id, size_t idn, const char *ev,
    size_t evn, long order)
{
	struct kase *k;
	uint32_t i;

	if (S.freek) {
		i = S.freek - 1;
		S.freek = S.k[i].next;
	} else {
		if (S.nk == S.capk) {
			S.capk = S.capk ? S.capk * 2 : 1024;
			S.k = xreallocarray(S.k, S.capk, sizeof *S.k);
		}
		i = (uint32_t)S.nk++;
	}
	k = &S.k[i];
	memset(k, 0, sizeof *k);
	k->id = idcopy(id, idn, ev, evn, &k->c.ev);
	k->idn = idn;
	k->order = order;
	k->prev = S.tail;
	if (S.tail)
		S.k[S.tail - 1].next = i + 1;
	else
		S.head = i + 1;
	S.tail = i + 1;
	if (order >= 0) {
		S.ord[order].kase = i + 1;
		S.ord[order].seen = 1;
	} else
		u64map_put(S.open, h, (uint64_t)i + 1);
	return k;
}

/* Takes a closed case off the list and frees its slot. */
static void
kase_drop(uint64_t h, struct kase *k)
{
	uint32_t i = (uint32_t)(k - S.k);

	if (k->prev)
		S.k[k->prev - 1].next = k->next;
	else
		S.head = k->next;
	if (k->next)
		S.k[k->next - 1].prev = k->prev;
	else
		S.tail = k->prev;
	if (k->order >= 0) {
		S.ord[k->order].kase = 0;
		S.ord[k->order].closed = 1;
	} else
		u64map_put(S.open, h, CLOSED);
	free(k->id);
	k->id = NULL;
	k->c.ev = NULL;
	k->next = S.freek;
	S.freek = i + 1;
}

/* ---- the log ---- */

static int
log_hdr(csvr *r, void *arg)
{

	(void)arg;
	if (csvr_ncols(r) == 0)		/* an empty file: no rows */
		return 0;
	if (gw_bind(r, csvr_name(r), lcolname, NLCOL, NLREQ, S.lcol, NULL) < 0)
		return -1;
	return 0;
}

static int
log_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *id, *s, *col, *why;
	struct caselog_case fresh, *c;
	struct caselog_row row;
	size_t idn, n;
	uint64_t h, v;
	long order = -1;
	struct kase *k;
	int rc;

	(void)arg;
	id = gw_field(rec, S.lcol[L_CASE], &idn);
	if (idn == 0) {
		gw_reject(&S.run, file, rec->line, "case_id", rec,
		    "empty case_id");
		return 1;
	}
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
	h = 0;
	k = NULL;
	caselog_case_init(&fresh, "");
	if (S.orders) {
		if ((order = strtab_find(S.oid, id, idn)) < 0) {
			gw_reject(&S.run, file, rec->line, "case_id", rec,
			    "unknown case '%.*s': not in the orders", (int)idn,
			    id);
			return 1;
		}
		fresh.ev = S.evs.s + S.ord[order].ev;
		if (S.ord[order].closed)
			fresh.state = CL_CLOSED;
		if (S.ord[order].kase)
			k = &S.k[S.ord[order].kase - 1];
	} else {
		h = hash_bytes(id, idn);
		if (u64map_get(S.open, h, &v) && v == CLOSED)
			fresh.state = CL_CLOSED;
		else if (u64map_get(S.open, h, &v)) {
			k = &S.k[v - 1];
			if (k->idn != idn || memcmp(k->id, id, idn) != 0)
				die("case ids '%s' and '%.*s' share a "
				    "fingerprint; rename one", k->id, (int)idn,
				    id);
		}
	}
	c = k ? &k->c : &fresh;
	rc = caselog_apply(&S.cl, c, order >= 0 ? &S.ord[order].t : NULL,
	    &row, &col, &why);
	if (rc == CL_FATAL)
		die("%s", why);
	if (rc == CL_REJECT)
		goto reject;
	if (!k) {
		s = row.event_id.n > 0 ? row.event_id.s : fresh.ev;
		k = kase_new(h, id, idn, s, strlen(s), order);
		fresh.ev = k->c.ev;
		k->c = fresh;
	}
	if (row.st == CL_ASSIGNED) {
		s = gw_field(rec, S.lcol[L_DEPT], &n);
		if (n > 0)
			k->dept = intern(s, n) + 1;
	}
	if (k->c.state == CL_CLOSED) {
		if (S.mode != M_OVERDUE)
			write_case(k);
		kase_drop(h, k);
	}
	return 0;
reject:
	gw_reject(&S.run, file, rec->line, col, rec, "%s", why);
	return 1;
}

/* ---- end ---- */

static int
latecmp(const void *a, const void *b)
{
	const struct kase *x = a, *y = b;

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

	for (i = 0; i < NSTAT; i++)
		names[i] = statcol[i];
	names[NSTAT] = "days_late";
	names[NSTAT + 1] = provcol;
	csvw_header(S.out, names, NSTAT + 2);
	qsort(S.late, S.nlate, sizeof *S.late, latecmp);
	for (i = 0; i < S.nlate; i++) {
		struct kase *k = &S.late[i];

		emit(k);
		if (caselog_days_late(&S.cl, &k->c, &n, &why) < 0)
			die("%s", why);
		csvw_fieldf(S.out, "%ld", n);
		csvw_field(S.out, k->c.prov ? "1" : "0", 1);
		csvw_endrec(S.out);
		free(k->id);
	}
	free(S.late);
}

static const char *
byname(int lvl)
{
	switch (lvl) {
	case LVL_GRID: return "grid_code";
	case LVL_VILLAGE: return "village_code";
	case LVL_TOWN: return "township_code";
	case LVL_COUNTY: return "county_code";
	}
	return "department";
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
	size_t i, *ix, nc = sizeof cols / sizeof cols[0];
	struct caselog_rates rt;

	for (i = 0; i < nc; i++)
		names[i] = cols[i];
	names[0] = byname(S.bylvl);
	keys[5] = "on_time_count";	/* a count, not the yes/no */
	csvw_header_keyed(S.out, names, keys, nc);
	ix = xcalloc(S.ngrp, sizeof *ix);
	for (i = 0; i < S.ngrp; i++)
		ix[i] = i;
	qsort(ix, S.ngrp, sizeof *ix, gkeycmp);
	for (i = 0; i < S.ngrp; i++) {
		struct caselog_group *g = &S.grp[ix[i]];

		caselog_rates(g, &rt);
		csvw_field(S.out, strtab_str(S.gkey, ix[i]), (size_t)-1);
		csvw_fieldf(S.out, "%ld", g->cases);
		csvw_fieldf(S.out, "%ld", g->due);
		csvw_fieldf(S.out, "%ld", g->closed);
		csvw_fieldf(S.out, "%ld", g->closed_due);
		csvw_fieldf(S.out, "%ld", g->on_time);
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
	struct kase k;
	size_t i;

	for (i = 0; i < S.nord; i++) {
		struct order *o = &S.ord[i];

		memset(&k, 0, sizeof k);
		if (o->seen ||
		    !caselog_ordered(&S.cl, &o->t, S.evs.s + o->ev, &k.c))
			continue;
		k.id = (char *)strtab_str(S.oid, i);
		k.order = (long)i;
		finish_open(&k);
	}
}

static int
lvlparse(const char *s)
{
	if (strcmp(s, "grid") == 0)
		return LVL_GRID;
	if (strcmp(s, "village") == 0)
		return LVL_VILLAGE;
	if (strcmp(s, "township") == 0)
		return LVL_TOWN;
	if (strcmp(s, "county") == 0)
		return LVL_COUNTY;
	if (strcmp(s, "department") == 0)
		return 0;
	return -1;
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"orders", required_argument, 0, OPT_ORDERS},
		{"summary", no_argument, 0, OPT_SUMMARY},
		{"by", required_argument, 0, OPT_BY},
		{"overdue", no_argument, 0, OPT_OVERDUE},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *orders = NULL, *by = NULL, *why;
	char *ov[2];
	int ch, status, nmode = 0;
	int64_t asof;
	uint32_t i;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.bylvl = LVL_TOWN;
	while ((ch = getopt_long(argc, argv, "E:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_BY:
			by = optarg;
			if ((S.bylvl = lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county or department", optarg);
			break;
		case OPT_ORDERS:
			orders = optarg;
			break;
		case OPT_OVERDUE:
			S.mode = M_OVERDUE;
			nmode++;
			break;
		case OPT_SUMMARY:
			S.mode = M_SUMMARY;
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
		die("--summary and --overdue exclude each other");
	if (by && S.mode != M_SUMMARY)
		die("--by is for --summary");
	if (o.store || o.regions || o.at || o.month || o.week)
		die("case-track takes none of -d, -R, --at, --month, --week");
	if (!o.as_of)
		die("missing --as-of DATETIME: the replay stops there, never "
		    "at \"now\" by default");
	if (caselog_time(o.as_of, strlen(o.as_of), &asof) < 0)
		die("--as-of '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.as_of);
	if (S.mode == M_SUMMARY && S.bylvl != 0 && !orders)
		die("--by %s needs --orders: the grid code of each case is "
		    "in the orders", by ? by : "township");

	if (!(S.pol = policy_load(o.policy, &why)) ||
	    caselog_init(&S.cl, S.pol, &why) < 0)
		die("%s", why);
	S.cal = cal_open(NULL);
	S.cl.cal = S.cal;
	S.cl.asof = asof;
	S.str = strtab_new();
	S.oid = strtab_new();
	S.gkey = strtab_new();
	S.open = u64map_new(1024);
	S.run.rejects_path = o.rejects;
	S.run.mixed = orders != NULL;	/* orders and log rows in one file */
	S.ro = gw_inopt(&o);

	tmp = gw_spool();
	S.out = gw_out(&o, tmp);
	if (orders) {
		S.orders = 1;
		ov[0] = (char *)orders;
		ov[1] = NULL;
		if (gw_loop(&S.run, 1, ov, &S.ro, ord_hdr, ord_rec, NULL) < 0)
			gw_exit(GW_FATAL);
	}
	if (S.mode == M_STATUS) {
		const char *names[NSTAT + 1];

		for (i = 0; i < NSTAT; i++)
			names[i] = statcol[i];
		names[NSTAT] = provcol;
		csvw_header(S.out, names, NSTAT + 1);
	}
	if (gw_loop(&S.run, argc, argv, &S.ro, log_hdr, log_rec, NULL) < 0)
		gw_exit(GW_FATAL);
	for (i = S.head; i; i = S.k[i - 1].next)
		finish_open(&S.k[i - 1]);
	unseen_orders();
	if (S.mode == M_OVERDUE)
		write_overdue();
	else if (S.mode == M_SUMMARY)
		write_summary();
	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	status = gw_run_end(&S.run);
	cal_warnprov(S.cal, "deadlines and working days");
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	for (i = S.head; i; i = S.k[i - 1].next)
		free(S.k[i - 1].id);
	caselog_free(&S.cl);
	gw_exit(status);
}
