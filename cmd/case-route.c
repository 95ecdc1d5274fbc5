/*
 * case-route — dispatch orders for the events that need one (吹哨派单,
 * gridwork-rules(7), CASES).
 *
 * Contract: every event row read is either rejected (said as
 * FILE:LINE: column 'x': reason and kept in the -r file), settled on the
 * spot (no order; counted), or routed: one order
 * case_id,event_id,grid_code,category,urgency,level,department,
 * assigned_at,deadline,limit,provisional, in input order.  Nothing of the routing is
 * a constant here: department, level and limit come from the [route]
 * section of the policy, the most specific code first (dept.0703, then
 * dept.07, then default_dept; each key on its own), category names and
 * urgencies from its [event] section, working days from
 * share/calendar/.
 *
 * The rules are lib/route.c's (case_id, categories, matter lists,
 * deadlines); this driver reads the events from files or, with -d, from
 * the store's events table (the month's with --month), and writes what
 * the engine routes.  A task routed without its matter lists checked (no
 * matter column) is said once; a provisional year of the calendar is
 * said once a year on stderr, never fatally; a year with no calendar at
 * all is fatal (exit 2).  From the store, a month (or store) without
 * events is fatal, naming the table: no month of no orders by mistake.
 *
 * Orders are written to a temporary file and copied to stdout at the
 * end, so that a fatal error (a calendar year missing) leaves stdout
 * empty: nothing half-written.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: case-route [-p policy] [--at datetime] [-d store [--month YYYY-MM]]\n"
    "                  [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                  [-r rejects] [--zh] [--excel] [events ...]\n";

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_AT, GW_LO_MONTH, GW_LO_INPUT,
		GW_LO_HELP,
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	struct csvr_opt ro;
	struct gw_run run;
	struct router rt;
	policy *pol;
	sqlite3 *db = NULL;
	const char *why;
	int status, rc;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&run, 0, sizeof run);
	/* no option of its own */
	if (gw_getopt(argc, argv, "d:E:hi:o:p:r:", lopts, &o, usage_text) != -1)
		gw_usage(usage_text);
	argc -= optind;
	argv += optind;

	if (o.month && !o.store)
		die("--month is for -d: a file's events are routed whole");
	if (o.store && argc > 0)
		die("-d and event files exclude each other: the events come "
		    "from one or the other");
	if (!(pol = policy_load(o.policy, &why)) ||
	    route_init(&rt, pol, cal_open(NULL), &run, &why) < 0)
		die("%s", why);
	if (o.at && datetime_parse(o.at, strlen(o.at), &rt.at) < 0)
		die("--at '%s': not a date and time (YYYY-MM-DD HH:MM:SS)",
		    o.at);
	if (o.month && (strlen(o.month) != 7 ||
	    month_parse(o.month, &rt.first, &rt.last) < 0))
		die("--month '%s': not YYYY-MM", o.month);
	run.rejects_path = o.rejects;
	ro = gw_inopt(&o);

	tmp = gw_spool();
	rt.out = gw_out(&o, tmp);
	csvw_header(rt.out, route_ocols, RT_NOCOL);
	if (o.store) {
		struct gw_table g = { 0 };
		char lo[20], hi[20];
		const char *par[2] = { lo, hi };

		if (!(db = store_open(o.store, STORE_RDONLY, &why)))
			die("%s", why);
		g.db = db;
		g.store = o.store;
		g.table = "events";
		g.cols = route_icols;
		g.ncols = RT_NICOL;
		if (o.month) {
			char d[11];

			/* the month's rows only; an index on reported_at */
			date_fmt(rt.first, d);
			snprintf(lo, sizeof lo, "%s 00:00:00", d);
			date_fmt(rt.last, d);
			snprintf(hi, sizeof hi, "%s 23:59:59", d);
			g.where = "\"reported_at\" BETWEEN ? AND ?";
			g.params = par;
			g.nparams = 2;
		}
		rc = table_loop(&run, &g, &ro, route_hdr, route_rec, &rt);
		if (rc == 0 && table_need(&g, run.nread, o.month ? o.month :
		    "any date", 1, pol, "route", "routed") < 0)
			gw_exit(GW_FATAL);
	} else
		rc = gw_loop(&run, argc, argv, &ro, route_hdr, route_rec, &rt);
	if (rc < 0) {
		if (rt.why[0])
			warn("%s", rt.why);
		gw_exit(GW_FATAL);
	}
	if (csvw_close(rt.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	cal_warnprov(rt.cal, "deadlines");
	if (rt.nunchecked > 0)
		warn("no matter column: %ld tasks routed without the matter "
		    "lists checked", rt.nunchecked);
	status = gw_end(&run, NULL);
	/* the command's own count, last */
	warn("%ld orders, %ld settled on the spot, %ld rejected, of %ld "
	    "events", rt.norders, rt.nsettled, run.nrej, run.nread);
	store_close(db);
	gw_exit(status);
}
