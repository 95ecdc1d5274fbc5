/*
 * case-track — replay the append-only case log against the dispatch
 * orders and say where every case stands (gridwork-rules(7), CASES and
 * ASSESSMENT; gridwork-store(5)).  The driver of the caselog engine
 * (lib/caselog.c, every rule of the replay): options, binding, finding
 * each row's case, output.  The replay itself (binding, the book of
 * open cases, the output) is lib/track.c's, which gw-month(1) shares;
 * this is the driver: options, the inputs from files or the store.
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

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: case-track --as-of datetime [--orders orders] [-d store] [-p policy]\n"
    "                  [--summary\n"
    "                  [--by grid|village|township|county|department|level]\n"
    "                  | --overdue] [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                  [-r rejects] [--zh] [--excel] [case_log ...]\n";

enum { OPT_ORDERS = OPT_CMD, OPT_SUMMARY, OPT_BY, OPT_OVERDUE };

/* A table of the store, or the file that overrides it. */
static void
store_table(struct gw_table *g, sqlite3 *db, const char *store,
    const char *table, const char *const *cols, size_t ncols)
{
	memset(g, 0, sizeof *g);
	g->db = db;
	g->store = store;
	g->table = table;
	g->cols = cols;
	g->ncols = ncols;
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
	struct gw_run run;
	struct csvr_opt ro;
	struct tracker tr;
	struct gw_table g;
	const char *orders = NULL, *by = NULL, *why;
	char asofs[20];
	const char *par[1] = { asofs };
	int ch, status, nmode = 0, hasorders, rc;
	sqlite3 *db = NULL;
	calendar *cal;
	policy *pol;
	int64_t asof;
	long n;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&tr, 0, sizeof tr);
	memset(&run, 0, sizeof run);
	tr.by = LVL_TOWN;
	while ((ch = gw_getopt(argc, argv, "d:E:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case OPT_BY:
			by = optarg;
			/* the levels event-report names, from the county
			   down, or the department */
			if (strcmp(optarg, "department") == 0)
				tr.by = TRK_BY_DEPT;
			else if (strcmp(optarg, "level") == 0)
				tr.by = TRK_BY_LEVEL;
			else if ((tr.by = ev_lvlparse(optarg)) < LVL_COUNTY)
				die("--by: '%s' is none of grid, village, "
				    "township, county, department, level",
				    optarg);
			break;
		case OPT_ORDERS:
			orders = optarg;
			break;
		case OPT_OVERDUE:
		case OPT_SUMMARY:
			tr.mode = ch == OPT_SUMMARY ? TRK_SUMMARY : TRK_OVERDUE;
			nmode++;
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--summary and --overdue exclude each other");
	if (by && tr.mode != TRK_SUMMARY)
		die("--by is for --summary");
	if (!o.as_of)
		die("missing --as-of DATETIME: the replay stops there, never "
		    "at \"now\" by default");
	if (caselog_time(o.as_of, strlen(o.as_of), &asof) < 0)
		die("--as-of '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.as_of);
	caselog_fmt_time(asof, asofs);
	if (tr.mode == TRK_SUMMARY && tr.by != TRK_BY_DEPT && !orders &&
	    !o.store)
		die("--by %s needs --orders: the grid code of each case is "
		    "in the orders", by ? by : "township");
	if (!(pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (o.store && !(db = store_open(o.store, STORE_RDONLY, &why)))
		die("%s", why);
	/* the store's orders, unless a file overrides them */
	hasorders = orders != NULL;
	if (db && !orders) {
		store_table(&g, db, o.store, "orders", tracker_ocols,
		    TRK_NOCOL);
		if ((rc = store_has_rows(db, "orders")) < 0)
			die("%s: cannot read table 'orders'", o.store);
		if (rc == 0 && table_need(&g, 0, asofs, 1, pol, "track",
		    "tracked") < 0)
			gw_exit(GW_FATAL);
		hasorders = rc;
	}

	tr.run = &run;
	run.rejects_path = o.rejects;
	run.mixed = hasorders;	/* orders and log rows in one file */
	ro = gw_inopt(&o);
	tmp = gw_spool();
	tr.out = gw_out(&o, tmp);
	cal = cal_open(NULL);
	if (tracker_init(&tr, pol, cal, asof, hasorders, &why) < 0) {
		warn("%s", why);
		cal_close(cal);
		gw_exit(GW_FATAL);
	}

	if (orders)
		rc = gw_loop(&run, 1, (char *[]){ (char *)orders, NULL }, &ro,
		    tracker_order_hdr, tracker_order_rec, &tr);
	else if (hasorders)
		rc = table_loop(&run, &g, &ro, tracker_order_hdr,
		    tracker_order_rec, &tr);
	else
		rc = 0;
	if (rc < 0)
		goto fatal;
	tracker_header(&tr);
	if (db && argc == 0) {
		store_table(&g, db, o.store, "case_log", tracker_lcols,
		    TRK_NLCOL);
		g.where = "\"at\" <= ?";
		g.params = par;
		g.nparams = 1;
		n = run.nread;
		if ((rc = table_loop(&run, &g, &ro, tracker_log_hdr,
		    tracker_log_rec, &tr)) == 0 && table_need(&g, run.nread - n,
		    asofs, 1, pol, "track", "tracked") < 0)
			gw_exit(GW_FATAL);
	} else
		rc = gw_loop(&run, argc, argv, &ro, tracker_log_hdr,
		    tracker_log_rec, &tr);
	if (rc < 0 || tracker_end(&tr) < 0)
		goto fatal;
	if (csvw_close(tr.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	cal_warnprov(cal, "deadlines and working days");
	status = gw_end(&run, NULL);
	tracker_free(&tr);
	cal_close(cal);
	store_close(db);
	gw_exit(status);
fatal:
	if (tr.why[0])
		warn("%s", tr.why);
	gw_exit(GW_FATAL);
}
