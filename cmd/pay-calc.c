/*
 * pay-calc — the monthly pay sheet of grid workers and the budget lines
 * behind it (gridwork-rules(7), PAY), in integer fen.
 *
 * The driver of the pay engine (lib/pay.c, where the rules and their
 * figures from the [pay] section of the policy are): it reads the six
 * tables through lib/paytab.c, which binds each row to the engine's
 * records and writes the sheet or the budget (as gw-month(1) does).
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

static struct {
	struct gw_run run;
	struct gw_opts o;
	struct csvr_opt ropt;
	calendar *cal;
	policy *pol;
	struct pay pay;		/* the engine: policy, month, roster */
	struct pay_regions reg;	/* the village kinds, the area names */
	struct payt rd;		/* the tables read into it (paytab.c) */
	int budget;
	sqlite3 *db;		/* -d */
	colspec *cs;		/* its value formats */
} S;

static long
workdays(void *cal, long from, long to, const char **why)
{
	return cal_count(cal, from, to, why);
}

/*
 * Reads table t from path, or from the store when path is NULL (table.c:
 * a row of the store is checked exactly as a row of a file).  A month
 * without rows of a table it needs is not paid as zeros: it is refused
 * naming the table, unless the policy says the county keeps no such
 * table ([pay] unused_inputs); an empty optional one is said once.
 */
static void
read_tab(int t, const char *path)
{
	struct gw_table g = { 0 };
	long n;
	int need;

	g.path = path;
	g.db = S.db;
	g.store = S.o.store;
	g.cs = S.cs;
	if ((n = payt_read(&S.rd, t, &g, &S.ropt)) < 0) {
		if (S.rd.why)
			die("%s", S.rd.why);
		gw_exit(GW_FATAL);
	}
	if ((need = payt_need(&S.rd, t)) == PAYT_NOT)
		return;
	if (table_need(&g, n, S.pay.month, need == PAYT_ROWS, S.pol, "pay",
	    "paid") < 0)
		gw_exit(GW_FATAL);
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
	int ch, status, ac = argc;
	char **av = argv;
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
	S.rd.pay = &S.pay;
	S.rd.reg = &S.reg;
	S.rd.run = &S.run;

	if (S.o.store) {
		if (!(S.db = store_open(S.o.store, STORE_RDONLY, &why)))
			die("store %s: %s", S.o.store, why);
		if (!(S.cs = colspec_load(S.db, NULL, &why)))
			die("%s", why);
		if (gridstore_profile_cmd(S.o.store, S.db, S.o.policy,
		    policy_name(S.pol), ac, av) < 0)
			gw_exit(GW_FATAL);
	}
	/* the roster before what refers to it; events before cases */
	read_tab(PAYT_REGIONS, S.o.regions);
	read_tab(PAYT_WORKERS, fw);
	read_tab(PAYT_EVENTS, fe);
	read_tab(PAYT_CASES, fc);
	read_tab(PAYT_SCORES, fs);
	if (fr || S.db)
		read_tab(PAYT_REWARDS, fr);
	colspec_free(S.cs);
	store_close(S.db);

	if (pay_compute(&S.pay, &why) < 0 ||
	    pay_budget(&S.pay, &b, &nb, &why) < 0)
		die("%s", why);

	w = gw_out(&S.o, stdout);
	if (S.budget)
		payt_budget(&S.pay, &S.reg, b, nb, w);
	else
		payt_sheet(&S.pay, w);
	free(b);
	cal_warnprov(S.cal, "working days");
	status = gw_end(&S.run, w);
	gw_exit(status);
}
