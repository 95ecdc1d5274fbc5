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
 * Memory is bounded whatever the number of events: the rules, the
 * counts and the duplicate finder are the engine of evreport.c, whose
 * budget GW_EVENT_MEM (bytes, default 64 MB; for tests) sets.  One
 * large events file of the counts modes is read on two cores
 * (evrun_split: two engines, the second half's added to the first's);
 * what users see is what one core gives, byte for byte.
 *
 * --merge sums counts of parts made by --partial; it cannot see an
 * event_id repeated in two parts, and the grid-level counts are what
 * makes any split mergeable into the report of the whole, byte for
 * byte.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: event-report --classify [--explain event_id] [-E enc] [-i csv|tsv]\n"
    "                    [-o csv|tsv|jsonl|xlsx] [-p policy] [-r rejects]\n"
    "                    [--rules file] [file ...]\n"
    "       event-report --learn [-E enc] [-i csv|tsv] [-p policy] [-r rejects]\n"
    "                    [file ...]\n"
    "       event-report --period day|week|month|quarter|year --at date\n"
    "                    [--by grid|village|township|county|city|province]\n"
    "                    [--zero -G grids | --urgent | --late | --partial |\n"
    "                    --merge]\n"
    "                    [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-p policy]\n"
    "                    [-r rejects] [--rules file] [--zh] [--excel]\n"
    "                    [file ...]\n";

enum {
	OPT_CLASSIFY = OPT_CMD, OPT_PERIOD, OPT_BY, OPT_ZERO, OPT_URGENT,
	OPT_PARTIAL, OPT_MERGE, OPT_RULES, OPT_LATE, OPT_EXPLAIN, OPT_LEARN
};

static struct {
	int per;		/* EVP_* */
	int merge;		/* operands are --partial outputs */
	int late;		/* --late: --urgent listing every late event */
	struct cattab cats;	/* categories, urgencies, rules, model */
	struct gw_run run;
	struct csvr_opt ropt;
	struct evrun ev;
	/* the second core's: a file's second half (evrun_split) */
	struct cattab cats2;
	struct evrun ev2;
} S;

/* The categories, their urgencies and rules of the policy into cats;
   returns late_minutes in seconds. */
static int64_t
load_policy(struct cattab *cats, const char *name, const char *rulesfile)
{
	const char *why;
	policy *pol;
	long late;

	if (!(pol = policy_load(name, &why)))
		die("%s", why);
	if (cat_load(cats, pol, CATF_STRICT | CATF_REPORT, &why) < 0)
		die("%s", why);
	if (policy_int(pol, "event", "late_minutes", &late, &why) < 0)
		die("%s", why);
	if (late < 0)
		die("policy '%s': event.late_minutes must not be negative",
		    policy_name(pol));
	if (cat_setup(cats, rulesfile, 0, &why) < 0)
		die("%s", why);
	return (int64_t)late * 60;
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

/* --at YYYY-Qn with --period quarter, YYYY with --period year (the
   labels score-month takes): the first day into *day; 0 if neither. */
static int
span_day(const char *at, long *day)
{
	int y, q;

	if ((S.per != EVP_QUARTER && S.per != EVP_YEAR) ||
	    score_span_parse(at, S.per == EVP_QUARTER, &y, &q) < 0)
		return 0;
	*day = day_from_ymd(y, q ? 3 * q - 2 : 1, 1);
	return 1;
}

static void
set_period(struct evper *p, const char *at, const char *month,
    const char *week)
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
		die("missing --period day|week|month|quarter|year (or "
		    "--month, --week)");
	if (!at)
		die("missing --at DATE: the report is of the period "
		    "containing it, never of today by default");
	if (date_parse(at, strlen(at), &day) < 0 &&
	    (S.per != EVP_WEEK || week_parse(at, &day, &last) < 0) &&
	    (S.per != EVP_MONTH || month_parse(at, &day, &last) < 0) &&
	    !span_day(at, &day))
		die("--at '%s': not a date (YYYY-MM-DD)", at);
	evper_set(p, S.per, day);
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
		for (j = 0; j < EVR_NREQ; j++)
			if (csvr_col(r, evr_colname[j]) < 0) {
				gw_missing(r, csvr_name(r), evr_colname[j],
				    NULL);
				gw_exit(GW_FATAL);
			}
		csvr_close(r);
	}
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

/*
 * Whether one file is counted on two cores, and from what size:
 * GW_EVENT_THREADS (1: never; default 2 when there are two cores) and
 * GW_EVENT_SPLIT (bytes, default 8 MiB; for tests).  0: never.
 */
static size_t
splitmin(void)
{
	const char *v;
	char *end;
	unsigned long long m;

	if ((v = getenv("GW_EVENT_THREADS")) && *v) {
		if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0)
			die("GW_EVENT_THREADS '%s': not 1 or 2", v);
		if (*v == '1')
			return 0;
	} else if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return 0;
	if (!(v = getenv("GW_EVENT_SPLIT")) || !*v)
		return (size_t)8 << 20;
	m = strtoull(v, &end, 10);
	if (*end || m == 0)
		die("GW_EVENT_SPLIT '%s': not a number of bytes", v);
	return (size_t)m;
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_MONTH, GW_LO_WEEK, GW_LO_AT,
		GW_LO_INPUT, GW_LO_HELP,
		{"classify", no_argument, 0, OPT_CLASSIFY},
		{"period", required_argument, 0, OPT_PERIOD},
		{"by", required_argument, 0, OPT_BY},
		{"zero", no_argument, 0, OPT_ZERO},
		{"urgent", no_argument, 0, OPT_URGENT},
		{"late", no_argument, 0, OPT_LATE},
		{"partial", no_argument, 0, OPT_PARTIAL},
		{"merge", no_argument, 0, OPT_MERGE},
		{"rules", required_argument, 0, OPT_RULES},
		{"explain", required_argument, 0, OPT_EXPLAIN},
		{"learn", no_argument, 0, OPT_LEARN},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *gridfile = NULL, *rulesfile = NULL, *by = NULL;
	const char *explain = NULL;	/* --explain: the event_id */
	char *gv[2];
	int ch, nmode = 0, mode = EVM_REPORT, bylvl = LVL_COUNTY, learn = 0;
	FILE *cout = NULL;
	struct evper per;
	size_t minsplit;
	int64_t late;
	int k;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((ch = gw_getopt(argc, argv, "E:G:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case 'G':
			gridfile = optarg;
			break;
		case OPT_BY:
			by = optarg;
			if ((bylvl = ev_lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county, city or province", optarg);
			break;
		case OPT_LATE:
			S.late = 1;
			ch = OPT_URGENT;
			/* FALLTHROUGH */
		case OPT_CLASSIFY:
		case OPT_PARTIAL:
		case OPT_URGENT:
		case OPT_ZERO:
			mode = ch == OPT_CLASSIFY ? EVM_CLASSIFY :
			    ch == OPT_PARTIAL ? EVM_PARTIAL :
			    ch == OPT_URGENT ? EVM_URGENT : EVM_ZERO;
			nmode++;
			break;
		case OPT_EXPLAIN:
			explain = optarg;
			break;
		case OPT_LEARN:
			learn = 1;
			nmode++;
			break;
		case OPT_MERGE:
			S.merge = 1;
			break;
		case OPT_PERIOD:
			if (strcmp(optarg, "day") == 0)
				S.per = EVP_DAY;
			else if (strcmp(optarg, "week") == 0)
				S.per = EVP_WEEK;
			else if (strcmp(optarg, "month") == 0)
				S.per = EVP_MONTH;
			else if (strcmp(optarg, "quarter") == 0)
				S.per = EVP_QUARTER;
			else if (strcmp(optarg, "year") == 0)
				S.per = EVP_YEAR;
			else
				die("--period '%s': not day, week, month, "
				    "quarter or year", optarg);
			break;
		case OPT_RULES:
			rulesfile = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--classify, --learn, --zero, --urgent%s and --partial "
		    "exclude each other", S.late ? ", --late" : "");
	if (explain && mode != EVM_CLASSIFY)
		die("--explain is for --classify");
	if (learn) {
		if (S.per || o.at || o.month || o.week || by || gridfile ||
		    S.merge || rulesfile || o.regions || o.as_of)
			die("--learn takes no period, --by, -G, --merge, "
			    "--rules, -R or --as-of");
		gw_exit(ev_learn(o.policy, o.rejects, &o, argc, argv));
	}
	if (mode == EVM_CLASSIFY && (S.per || o.at || o.month || o.week ||
	    by || gridfile || S.merge))
		die("--classify takes no period, --by, -G or --merge");
	if (mode == EVM_ZERO && !gridfile)
		die("--zero needs -G GRIDS: the grids that should have "
		    "reported");
	if (gridfile && mode != EVM_ZERO)
		die("-G is for --zero");
	if (S.merge && (mode == EVM_URGENT || mode == EVM_PARTIAL))
		die("--merge makes the counts report or --zero, not --urgent%s "
		    "or --partial", S.late ? ", --late" : "");
	if (S.merge && argc == 0)
		die("--merge needs the PART files written by --partial");
	if (by && mode != EVM_REPORT)
		die("--by is for the counts report");

	memset(&per, 0, sizeof per);
	if (mode != EVM_CLASSIFY)
		set_period(&per, o.at, o.month, o.week);
	late = load_policy(&S.cats, o.policy, rulesfile);
	evrun_init(&S.ev, mode, bylvl, evmem(), o.rejects != NULL && !S.merge);
	S.ev.late_secs = late;
	S.ev.late = S.late;
	S.ev.period = per;
	S.ev.cats = &S.cats;
	S.ev.run = &S.run;
	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);

	if (mode == EVM_CLASSIFY) {
		/* rows are taken back from the CSV: a workbook is made from
		   it at the end */
		struct gw_opts io = o;

		precheck(argc, argv);
		if (o.ofmt == FMT_XLSX) {
			io.ofmt = FMT_CSV;
			io.excel = io.zh = 0;
		}
		/* --explain writes the explanation, not the events */
		cout = o.ofmt == FMT_XLSX || explain ? gw_spool() : stdout;
		S.ev.out = gw_out(&io, evrun_classify(&S.ev, cout));
		S.ev.explain = explain;
		w = NULL;
	} else
		w = gw_out(&o, stdout);
	k = 1;
	if (!S.merge && argc == 1 && (minsplit = splitmin()) > 0) {
		/* its notes are spooled: the finder stays unused */
		evrun_init(&S.ev2, mode, bylvl, (size_t)1 << 20, 0);
		load_policy(&S.cats2, o.policy, rulesfile);
		S.ev2.cats = &S.cats2;
		k = evrun_split(&S.ev, &S.ev2, argv[0], &S.ropt, minsplit);
	}
	if (getenv("GW_EVENT_SPLIT"))
		warn("split at byte %lld: %s", (long long)S.ev.splitat,
		    S.ev.splitat < 0 ? "none" : S.ev.splitway == 1 ?
		    "two cores" : "second part read again");
	if (k == 1)
		k = gw_loop(&S.run, argc, argv, &S.ropt, S.merge ?
		    evrun_part_hdr : evrun_hdr, S.merge ? evrun_part_rec :
		    evrun_rec, &S.ev);
	if (k < 0)
		gw_exit(GW_FATAL);
	if (mode == EVM_ZERO) {
		/* after the events, so that the rejects file takes their
		   header, as every other mode's does */
		gv[0] = (char *)gridfile;
		gv[1] = NULL;
		if (gw_loop(&S.run, 1, gv, &S.ropt, evrun_grid_hdr,
		    evrun_grid_rec, &S.ev) < 0)
			gw_exit(GW_FATAL);
	}
	evrun_finish(&S.ev);
	if (getenv("GW_EVENT_MEM"))
		warn("memory budget %zu: %zu temporary files, %zu splits, "
		    "%zu sort runs", S.ev.dup.mem, S.ev.dup.nfile,
		    S.ev.dup.nsplit, evrun_sortruns(&S.ev));
	if (explain) {
		if (!S.ev.why.len)
			die("--explain '%s': no such event_id among the "
			    "accepted events", explain);
		fputs(S.ev.why.s, stdout);
		fclose(cout);
		cout = NULL;
	}
	if (cout && cout != stdout && gw_out_spool(&o, cout) < 0)
		die("write error: temporary file:");
	if (w)
		evrun_write(&S.ev, w);
	gw_exit(gw_end(&S.run, w));
}
