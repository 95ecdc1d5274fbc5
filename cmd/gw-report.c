/*
 * gw-report — the monthly analysis for leaders (月分析、月通报): one
 * self-contained HTML page (or a workbook of the same tables) for a
 * county, township or village, from the store (gridwork-store(5)).
 *
 * Contract: reads regions (or -R FILE), grids, events, cases, workers,
 * scores and pay of the store -d STORE, for --month YYYY-MM, or for
 * --quarter YYYY-Qn or --year YYYY; writes the report on standard
 * output, whole or not at all.  Every figure, its definition, and the
 * rules behind it (gridwork-rules(7)) are listed in gw-report(1); the
 * figures are the report engine's (lib/report.c), which reads through
 * the table reader and the engines of the rules.  A bad row of a table
 * is rejected as everywhere (FILE:LINE: column 'x': reason), exit 1.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-report -d store --month YYYY-MM [-p policy] [--area code]\n"
    "                 [--by township|village|grid] [--visits file]\n"
    "                 [-o html|xlsx] [-R regions] [-r rejects]\n"
    "       gw-report -d store --quarter YYYY-Qn | --year YYYY [-p policy]\n"
    "                 [--area code] [--by township|village|grid]\n"
    "                 [-o html|xlsx] [-R regions] [-r rejects]\n";

enum { OPT_AREA = OPT_CMD, OPT_BY, OPT_QUARTER, OPT_VISITS, OPT_YEAR };

/* A figure as a number (1,256 -> 1256), anything else as shown. */
static void
numcell(xlsxw *x, const char *s)
{
	char b[64];
	size_t i, n = 0;

	for (i = 0; s[i] && n + 1 < sizeof b; i++)
		if (s[i] != ',')
			b[n++] = s[i];
	b[n] = '\0';
	if (strchr(s, ',') && xlsxw_numlike(b, n))
		xlsxw_cell(x, b, n);
	else
		xlsxw_cell(x, s, strlen(s));
}

static int
xlsx(report *r, FILE *fp)
{
	size_t i, j, k, ncol, nrow;
	const char *const *head, *const *cell;
	int err;

	/* one workbook, one sheet a table: the sheet's first row names
	   the table, the second its columns */
	xlsxw *x = xlsxw_open(&err);

	if (!x)
		return err;
	for (i = 0; i < report_ntables(r); i++) {
		const char *title = report_table(r, i, &ncol, &nrow, &head,
		    &cell);

		xlsxw_sheet(x, title, head, ncol);
		for (j = 0; j < nrow; j++) {
			for (k = 0; k < ncol; k++)
				numcell(x, cell[j * ncol + k]);
			xlsxw_endrec(x);
		}
	}
	return xlsxw_close(x, fp);
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		{"area", required_argument, 0, OPT_AREA},
		{"by", required_argument, 0, OPT_BY},
		GW_LO_MONTH,
		{"quarter", required_argument, 0, OPT_QUARTER},
		{"visits", required_argument, 0, OPT_VISITS},
		{"year", required_argument, 0, OPT_YEAR},
		GW_LO_HELP,
		{0, 0, 0, 0}
	};
	struct gw_opts o = { 0 };
	struct report_opt ro = { 0 };
	struct gw_run run = { 0 };
	struct csvr_opt in;
	struct sbuf b = { 0 };
	const char *why, *fmt = "html", *quarter = NULL, *year = NULL,
	    *visits = NULL;
	policy *pol;
	colspec *cs;
	sqlite3 *db;
	report *r;
	FILE *tmp;
	int ch, status, e, ac = argc;
	char **av = argv;

	gw_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "d:ho:p:R:r:", lopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'o':
			if (strcmp(optarg, "html") != 0 &&
			    strcmp(optarg, "xlsx") != 0)
				die("-o '%s': html or xlsx", optarg);
			fmt = optarg;
			break;
		case OPT_AREA:
			ro.area = optarg;
			break;
		case OPT_BY:
			if ((ro.by = ev_lvlparse(optarg)) < LVL_TOWN ||
			    ro.by > LVL_GRID)
				die("--by '%s': township, village or grid",
				    optarg);
			break;
		case OPT_QUARTER:
			quarter = optarg;
			break;
		case OPT_VISITS:
			visits = optarg;
			break;
		case OPT_YEAR:
			year = optarg;
			break;
		default:
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0)
		die("unexpected operand '%s': the tables come from -d STORE",
		    argv[0]);
	if (!o.store)
		die("-d STORE is required: the report reads the store");
	if (!!o.month + !!quarter + !!year != 1)
		die("give exactly one of --month, --quarter, --year");
	if (o.month && (strlen(o.month) != 7 ||
	    month_parse(o.month, &(long){0}, &(long){0}) < 0))
		die("--month '%s': not YYYY-MM", o.month);
	if ((quarter || year) && score_span_parse(quarter ? quarter : year,
	    !!quarter, &ro.year, &ro.quarter) < 0)
		die(quarter ? "--quarter '%s': not YYYY-Qn" :
		    "--year '%s': not YYYY", quarter ? quarter : year);
	ro.month = o.month;
	if (ro.area && (code_level(ro.area, strlen(ro.area)) < LVL_COUNTY ||
	    code_level(ro.area, strlen(ro.area)) > LVL_VILLAGE))
		die("--area '%s': a county, township or village code",
		    ro.area);
	if (visits && !o.month)
		die("--visits is for --month");
	if (ro.area && ro.by && ro.by <= (int)strlen(ro.area))
		die("--by %s: not below --area %s", ev_lvlname(ro.by),
		    ro.area);

	if (!(pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (!(db = store_open(o.store, STORE_RDONLY, &why)))
		die("%s: %s", o.store, why);
	if (gridstore_profile_cmd(o.store, db, o.policy, policy_name(pol), ac,
	    av) < 0)
		gw_exit(GW_FATAL);
	if (!(cs = colspec_load(db, NULL, &why)))
		die("%s", why);
	run.rejects_path = o.rejects;
	run.mixed = 1;		/* rows of several tables in one file */
	in = gw_inopt(&o);
	if (report_init(&r, pol, &ro, &why) < 0)
		die("%s", why);
	why = NULL;
	if (report_read(r, db, o.store, cs, o.regions, visits, &run, &in,
	    &why) < 0) {
		if (why)
			warn("%s", why);
		gw_run_end(&run);
		gw_exit(GW_FATAL);
	}
	report_make(r);
	tmp = gw_spool();
	if (strcmp(fmt, "xlsx") == 0) {
		if ((e = xlsx(r, tmp)) != 0) {
			errno = e;
			die("cannot write the workbook:");
		}
	} else {
		if (report_html(r, &b, &why) < 0)
			die("%s", why);
		fwrite(b.s, 1, b.len, tmp);
	}
	gw_unspool(tmp);
	sbuf_free(&b);
	report_free(r);
	policy_free(pol);
	colspec_free(cs);
	store_close(db);
	status = gw_run_end(&run);
	if (run.nrej > 0)
		warn("%ld of %ld rows rejected", run.nrej, run.nread);
	gw_exit(status);
}
