/*
 * pay-calc — the monthly pay sheet of grid workers and the budget lines
 * behind it (gridwork-rules(7), PAY), in integer fen.
 *
 * The driver of the pay engine (lib/pay.c, where the rules and their
 * figures from the [pay] section of the policy are): it reads the six
 * tables, binds each row to the engine's records, and writes the sheet
 * or the budget.
 *
 * Contract: one row per worker on the roster of the month (hired_on not
 * after the month's last day, or no hired_on), in roster order, the pay
 * contract of gridwork-store(5): base, performance, case_subsidy (the
 * cases closed in the month whose event the worker reported, source
 * worker), reward, floor_topup and gross.  The working days of
 * proration are share/calendar's.
 *
 * --budget writes one row per township and one per county instead.
 * Before anything is written the run checks its own arithmetic
 * (pay_budget()); a broken check is a fatal error (exit 2, nothing
 * written) and a bug.
 *
 * Rows that cannot be used are rejected (FILE:LINE: column 'x': reason,
 * and the -r file) and the sheet is written for everyone else, exit 1:
 * a roster row with an unknown role or employment, a bad grid code or a
 * village missing from REGIONS; a score, reward or case of a worker not
 * on the roster; a malformed amount, month or time; an event, case,
 * score or reward listed twice.  Rows of other months are accepted and
 * not used.
 *
 * -d STORE reads the same six tables from the store (read only), each
 * row turned into a record of text exactly as a file's, so that both
 * paths check and pay alike.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: pay-calc --month YYYY-MM [-p policy] [--budget] [-E enc]\n"
    "                [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh]\n"
    "                [--excel] -R regions --workers file --scores file\n"
    "                --cases file --events file [--rewards file]\n"
    "       pay-calc --month YYYY-MM [-p policy] [--budget]\n"
    "                [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                -d store\n";

enum { OPT_WORKERS = OPT_CMD, OPT_SCORES, OPT_CASES, OPT_EVENTS,
	OPT_REWARDS, OPT_BUDGET };

/* What a month without rows of a table is: refused, said, or nothing
   (events and cases are tables of record: a month may close no case). */
enum { NEED_NOT, NEED_SAID, NEED_ROWS };

/* A table read from a file or the store: its columns by name, the
   first nreq of them required. */
struct tab {
	const char *opt;	/* option naming the file, for messages */
	const char *table;	/* the store's table */
	const char *const *cols;
	int ncol, nreq;
	int need;		/* without rows for the month: NEED_* */
	int idx[12];		/* column indexes in the current input */
	int (*rec)(const char *file, const struct gw_rec *, const int *);
};

static struct {
	struct gw_run run;
	struct gw_opts o;
	struct csvr_opt ropt;
	calendar *cal;
	policy *pol;
	struct pay pay;		/* the engine: policy, month, roster */
	struct pay_regions reg;	/* the village kinds, the area names */
	int budget;
	sqlite3 *db;		/* -d */
	colspec *cs;		/* its value formats */
	long nmonth;		/* rows read of the month (scores, rewards) */
} S;

/* ---- small helpers ---- */

/* The field with blanks around it dropped and full-width folded into
   buf (codes, ids and numbers only; never names). */
static const char *
cleanf(const struct gw_rec *rec, int col, char *buf, size_t sz, size_t *len)
{
	const char *s = gw_field(rec, col, len);
	size_t n = *len;

	s = gw_trim(s, &n);
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Rejects rec (FILE:LINE: column 'col': reason); 1 (rejected). */
static int
reject(const char *file, const struct gw_rec *rec, const char *col,
    const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	gw_reject(&S.run, file, rec->line, col, rec, "%s", why);
	return 1;
}

/* ---- the engine's callbacks ---- */

static long
workdays(void *cal, long from, long to, const char **why)
{
	return cal_count(cal, from, to, why);
}

/* ---- reading tables ---- */

static int
tab_hdr(csvr *r, void *arg)
{
	struct tab *t = arg;

	return gw_bind(r, csvr_name(r), t->cols, t->ncol, t->nreq, t->idx,
	    t->opt);
}

static int
tab_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct tab *t = arg;

	return t->rec(csvr_name(r), rec, t->idx);
}

/* regions: code, name, kind, urban_rural_code */
static const char *const regcols[] = { "code", "name", "kind",
    "urban_rural_code" };

static int
reg_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char code[32], ur[16];
	const char *name, *kind, *why;
	size_t n, nn, kn, un;

	cleanf(rec, idx[0], code, sizeof code, &n);
	name = gw_field(rec, idx[1], &nn);
	kind = gw_field(rec, idx[2], &kn);
	cleanf(rec, idx[3], ur, sizeof ur, &un);
	if (pay_region(&S.reg, code, n, name, nn, kind, kn, ur, un, &why) < 0)
		return reject(file, rec, "code", "%s", why);
	return 0;
}

/* workers */
enum { W_ID, W_NAME, W_ROLE, W_GRID, W_EMP, W_TOWN, W_HIRED, W_POST,
	W_GRADE, W_LEFT };
static const char *const wcols[] = { "worker_id", "name", "role",
    "grid_code", "employment", "township_code", "hired_on", "post",
    "grade", "left_on" };

static int
worker_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], grid[32], town[32], vill[16], post[64], gb[16];
	struct pay_hire h;
	const char *s, *why, *col;
	size_t n, gn, tn, pn, nn;
	long ri, day = LONG_MIN;
	int emp, kind;

	cleanf(rec, idx[W_ID], id, sizeof id, &n);
	if (n == 0)
		return reject(file, rec, "worker_id", "empty worker id");
	if (pay_find(&S.pay, id, n) >= 0)
		return reject(file, rec, "worker_id",
		    "worker '%s' listed twice", id);
	s = gw_field(rec, idx[W_ROLE], &n);
	if ((ri = pay_role(&S.pay, s, n, &why)) < 0)
		return reject(file, rec, "role", "%s", why);
	s = gw_field(rec, idx[W_EMP], &n);
	if ((emp = pay_employment(&S.pay, s, n, &why)) < 0)
		return reject(file, rec, "employment", "%s", why);
	cleanf(rec, idx[W_GRID], grid, sizeof grid, &gn);
	if (worker_grid_check(grid, gn, &why) < 0)
		return reject(file, rec, "grid_code",
		    "bad grid code '%s': %s", grid, why);
	grid[LVL_GRID] = '\0';	/* a micro-grid's worker is paid in its grid */
	code_prefix(grid, LVL_VILLAGE, vill);
	if ((kind = pay_region_kind(&S.reg, vill)) < 0)
		return reject(file, rec, "grid_code",
		    "village '%s' of grid '%s' not among the regions", vill,
		    grid);
	cleanf(rec, idx[W_TOWN], town, sizeof town, &tn);
	if (tn == 0)
		code_prefix(grid, LVL_TOWN, town);
	else if (tn != LVL_TOWN || strncmp(town, grid, LVL_TOWN) != 0) {
		return reject(file, rec, "township_code",
		    "township '%s' is not the township of grid '%s'", town,
		    grid);
	}
	s = gw_field(rec, idx[W_HIRED], &n);
	if (n > 0 && date_parse(s, n, &day) < 0)
		return reject(file, rec, "hired_on", "not a date: '%s'", s);
	cleanf(rec, idx[W_POST], post, sizeof post, &pn);
	cleanf(rec, idx[W_GRADE], gb, sizeof gb, &nn);
	memset(&h, 0, sizeof h);
	h.id = id;
	h.name = gw_field(rec, idx[W_NAME], &h.namelen);
	h.role = (size_t)ri;
	h.emp = emp;
	h.grid = grid;
	h.town = town;
	h.kind = kind;
	h.hired = day;
	h.haspost = idx[W_POST] >= 0;
	h.post = post;
	h.grade = gb;
	s = gw_field(rec, idx[W_LEFT], &n);
	if (n > 0 && (date_parse(s, n, &h.left) < 0 || (day != LONG_MIN &&
	    h.left < day)))
		return reject(file, rec, "left_on", "not a date, or before "
		    "hired_on");
	h.hasleft = n > 0;
	if (pay_hire(&S.pay, &h, &col, &why) < 0)
		return reject(file, rec, col, "%s", why);
	return 0;
}

/* The index of the worker of a row that must be on the month's roster,
   or -1 after rejecting the row. */
static long
roster_worker(const char *file, const struct gw_rec *rec, int col)
{
	const char *why;
	char id[128];
	size_t n;
	long i;

	cleanf(rec, col, id, sizeof id, &n);
	if ((i = pay_onroster(&S.pay, id, n, &why)) < 0)
		reject(file, rec, "worker_id", "%s", why);
	return i;
}

/* 1 when the month column is the month of the run, 0 when another
   month, -1 after rejecting a malformed one. */
static int
this_month(const char *file, const struct gw_rec *rec, int col)
{
	char m[32];
	size_t n;
	long first, last;

	cleanf(rec, col, m, sizeof m, &n);
	if (month_parse(m, &first, &last) < 0)
		return -reject(file, rec, "month",
		    "not a month (YYYY-MM): '%s'", m);
	if (first != S.pay.first)
		return 0;
	S.nmonth++;
	return 1;
}

/* scores: month, worker_id, grade */
static const char *const scols[] = { "month", "worker_id", "grade" };

static int
score_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	const char *g, *col, *why;
	size_t n;
	long wi;
	int m;

	if ((m = this_month(file, rec, idx[0])) < 0)
		return 1;
	if (m == 0)
		return 0;
	if ((wi = roster_worker(file, rec, idx[1])) < 0)
		return 1;
	g = gw_field(rec, idx[2], &n);
	if (pay_score(&S.pay, (size_t)wi, g, n, &col, &why) < 0)
		return reject(file, rec, col, "%s", why);
	return 0;
}

/* events: event_id, source, reporter_id, category */
static const char *const ecols[] = { "event_id", "source", "reporter_id",
    "category" };

static int
event_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], who[128], cat[16];
	const char *src, *col, *why;
	size_t n, sn, wn, cn;

	cleanf(rec, idx[0], id, sizeof id, &n);
	src = gw_field(rec, idx[1], &sn);
	cleanf(rec, idx[2], who, sizeof who, &wn);
	cleanf(rec, idx[3], cat, sizeof cat, &cn);
	if (pay_event(&S.pay, id, n, src, sn, who, wn, cat, cn, &col,
	    &why) < 0)
		return reject(file, rec, col, "%s", why);
	return 0;
}

/* cases (the case status of case-track): case_id, event_id, closed_at,
   category */
static const char *const ccols[] = { "case_id", "event_id", "closed_at",
    "category" };

static int
case_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	char id[128], eid[128], cat[16];
	const char *at, *col, *why;
	size_t n, en, an, cn;
	int rc;

	cleanf(rec, idx[0], id, sizeof id, &n);
	cleanf(rec, idx[1], eid, sizeof eid, &en);
	at = gw_field(rec, idx[2], &an);
	cleanf(rec, idx[3], cat, sizeof cat, &cn);
	rc = pay_closed(&S.pay, id, n, eid, en, at, an, cat, cn, &col, &why);
	if (rc < 0)
		die("%s", why);
	return rc ? reject(file, rec, col, "%s", why) : 0;
}

/* rewards: worker_id, month, amount, reason; the key (worker, month,
   reason) is the store's, so a row listed twice is not paid twice */
static const char *const rcols[] = { "worker_id", "month", "amount",
    "reason" };

static int
reward_rec(const char *file, const struct gw_rec *rec, const int *idx)
{
	const char *s, *why, *r;
	size_t n, rn;
	int64_t v;
	long wi;
	int m;

	if ((m = this_month(file, rec, idx[1])) < 0)
		return 1;
	s = gw_field(rec, idx[2], &n);
	if (money_parse(s, n, &v, &why) < 0)
		return reject(file, rec, "amount", "'%s': %s", s, why);
	if (v < 0)
		return reject(file, rec, "amount", "negative reward '%s'", s);
	if (m == 0)
		return 0;
	if ((wi = roster_worker(file, rec, idx[0])) < 0)
		return 1;
	r = gw_field(rec, idx[3], &rn);
	if (pay_reward(&S.pay, (size_t)wi, v, r, rn, &why) < 0)
		return reject(file, rec, "reason", "%s", why);
	return 0;
}

static struct tab T_reg = { "-R", "regions", regcols, 4, 1, NEED_ROWS, {0},
    reg_rec };
static struct tab T_work = { "--workers", "workers", wcols, 10, 5, NEED_SAID,
    {0}, worker_rec };
static struct tab T_score = { "--scores", "scores", scols, 3, 3, NEED_ROWS, {0},
    score_rec };
static struct tab T_event = { "--events", "events", ecols, 4, 3, NEED_NOT, {0},
    event_rec };
static struct tab T_case = { "--cases", "cases", ccols, 4, 3, NEED_NOT, {0},
    case_rec };
static struct tab T_rew = { "--rewards", "rewards", rcols, 4, 3, NEED_SAID, {0},
    reward_rec };

/*
 * Reads t from path, or from the store when path is NULL (table.c: a
 * row of the store is checked exactly as a row of a file).  A month
 * without rows of a table it needs is not paid as zeros: it is refused
 * naming the table, unless the policy says the county keeps no such
 * table ([pay] unused_inputs); an empty optional one is said once.
 */
static void
read_tab(struct tab *t, const char *path)
{
	struct gw_table g = { 0 };
	long before = S.run.nread, month = S.nmonth;
	size_t i = 0;

	g.path = path;
	g.db = S.db;
	g.store = S.o.store;
	g.cs = S.cs;
	g.table = t->table;
	g.cols = t->cols;
	g.ncols = (size_t)t->ncol;
	if (table_loop(&S.run, &g, &S.ropt, tab_hdr, tab_rec, t) < 0)
		gw_exit(GW_FATAL);
	/* an empty roster needs no scores: nobody is paid */
	for (i = 0; t == &T_score && i < S.pay.nw; i++)
		if (S.pay.w[i].onroster)
			break;
	if (t->need == NEED_NOT || (t == &T_score && i == S.pay.nw))
		return;
	/* scores and rewards count the rows of the month */
	if (table_need(&g, t == &T_score || t == &T_rew ?
	    S.nmonth - month : S.run.nread - before, S.pay.month,
	    t->need == NEED_ROWS, S.pol, "pay", "paid") < 0)
		gw_exit(GW_FATAL);
}

/* ---- output ---- */

static const char *const paycols[] = { "month", "worker_id", "name",
    "role", "employment", "grid_code", "grade", "base", "performance",
    "case_subsidy", "reward", "floor_topup", "gross" };
static const char *const budcols[] = { "month", "level", "code", "name",
    "workers", "base", "performance", "case_subsidy", "reward",
    "floor_topup", "gross", "insurance", "total" };

static void
write_sheet(csvw *w)
{
	char buf[32];
	size_t i;
	int k;

	csvw_header(w, paycols, sizeof paycols / sizeof paycols[0]);
	for (i = 0; i < S.pay.nw; i++) {
		const struct pay_worker *p = &S.pay.w[i];

		if (!p->onroster)
			continue;
		csvw_field(w, S.pay.month, (size_t)-1);
		csvw_field(w, p->id, (size_t)-1);
		csvw_field(w, p->name, (size_t)-1);
		csvw_field(w, pay_rolename(&S.pay, p->role), (size_t)-1);
		csvw_field(w, pay_empname[p->emp], (size_t)-1);
		csvw_field(w, p->grid, (size_t)-1);
		csvw_field(w, pay_gradename(&S.pay, p->grade), (size_t)-1);
		for (k = 0; k < PAY_NSHEET; k++)
			csvw_field(w, money_fmt(p->m[k], buf), (size_t)-1);
		csvw_endrec(w);
	}
}

static void
write_budget(csvw *w, const struct pay_line *b, size_t nb)
{
	char buf[32];
	size_t i;
	int k;

	/* name is an area's here, not a person's (--zh) */
	const char *keys[sizeof budcols / sizeof budcols[0]] = { NULL };

	keys[3] = "area_name";
	csvw_header_keyed(w, budcols, keys, sizeof budcols / sizeof budcols[0]);
	for (i = 0; i < nb; i++) {
		csvw_field(w, S.pay.month, (size_t)-1);
		csvw_field(w, b[i].county ? "county" : "township", (size_t)-1);
		csvw_field(w, b[i].code, (size_t)-1);
		csvw_field(w, pay_region_name(&S.reg, b[i].code), (size_t)-1);
		csvw_fieldf(w, "%ld", b[i].workers);
		for (k = 0; k < PAY_NMONEY; k++)
			csvw_field(w, money_fmt(b[i].m[k], buf), (size_t)-1);
		csvw_endrec(w);
	}
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_MONTH, GW_LO_INPUT, GW_LO_HELP,
		{"budget", no_argument, 0, OPT_BUDGET},
		{"cases", required_argument, 0, OPT_CASES},
		{"events", required_argument, 0, OPT_EVENTS},
		{"rewards", required_argument, 0, OPT_REWARDS},
		{"scores", required_argument, 0, OPT_SCORES},
		{"workers", required_argument, 0, OPT_WORKERS},
		{0, 0, 0, 0}
	};
	const char *fw = NULL, *fs = NULL, *fc = NULL, *fe = NULL,
	    *fr = NULL, *why;
	struct pay_line *b;
	size_t nb;
	long first, last;
	int ch, status;
	csvw *w;

	gw_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "d:E:hi:o:p:R:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_BUDGET:
			S.budget = 1;
			break;
		case OPT_CASES:
			fc = optarg;
			break;
		case OPT_EVENTS:
			fe = optarg;
			break;
		case OPT_REWARDS:
			fr = optarg;
			break;
		case OPT_SCORES:
			fs = optarg;
			break;
		case OPT_WORKERS:
			fw = optarg;
			break;
		default:
			if (ch == '?' || !gw_opt(&S.o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0)
		gw_usage(usage_text);
	if (!S.o.month)
		die("--month YYYY-MM is required");
	if (month_parse(S.o.month, &first, &last) < 0)
		die("--month '%s': not a month (YYYY-MM)", S.o.month);
	if (S.o.store) {
		if (fw || fs || fc || fe || fr || S.o.regions)
			die("-d STORE takes no -R, --workers, --scores, "
			    "--cases, --events or --rewards");
	} else if (!S.o.regions || !fw || !fs || !fc || !fe)
		die("without -d STORE, -R, --workers, --scores, --cases and "
		    "--events are required");
	if (!(S.pol = policy_load(S.o.policy, &why)) ||
	    pay_init(&S.pay, S.pol, &why) < 0)
		die("%s", why);
	S.pay.subsidy = pay_policy_subsidy;
	S.pay.subsidy_arg = &S.pay;
	if (!(S.cal = cal_open(NULL)))
		die("cannot open the calendar");
	if (pay_month(&S.pay, first, last, workdays, S.cal, &why) < 0)
		die("%s", why);
	S.run.rejects_path = S.o.rejects;
	S.run.mixed = 1;	/* rows of several tables in one rejects file */
	S.ropt = gw_inopt(&S.o);

	if (S.o.store) {
		if (!(S.db = store_open(S.o.store, STORE_RDONLY, &why)))
			die("store %s: %s", S.o.store, why);
		if (!(S.cs = colspec_load(S.db, NULL, &why)))
			die("%s", why);
	}
	/* the roster before what refers to it; events before cases */
	read_tab(&T_reg, S.o.regions);
	read_tab(&T_work, fw);
	read_tab(&T_event, fe);
	read_tab(&T_case, fc);
	read_tab(&T_score, fs);
	if (fr || S.db)
		read_tab(&T_rew, fr);
	colspec_free(S.cs);
	store_close(S.db);

	if (pay_compute(&S.pay, &why) < 0 ||
	    pay_budget(&S.pay, &b, &nb, &why) < 0)
		die("%s", why);

	w = gw_out(&S.o, stdout);
	if (S.budget)
		write_budget(w, b, nb);
	else
		write_sheet(w);
	free(b);
	cal_warnprov(S.cal, "working days");
	status = gw_end(&S.run, w);
	gw_exit(status);
}
