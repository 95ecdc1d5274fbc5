/*
 * gw-match — a department's list against the census (gridwork-rules(7),
 * POPULATION: departments' lists): the 司法所's list of persons under
 * community correction, the health office's list of the severely
 * mentally ill, matched by identity number against the persons of the
 * register and the tag the list stands for.  Every listed or tagged
 * person is matched, untagged, unlisted or unregistered, by grid with
 * the grid's workers, identity numbers masked unless --unmasked.  With
 * --compare, two snapshots of the register instead (register changes):
 * the persons added, removed, moved to another household or grid, the
 * tags gained and lost.  The rules are lib/year.c's; this driver reads
 * the tables and writes the rows it gives back.
 *
 * Contract: every row read is accepted or rejected (FILE:LINE: column
 * 'x': reason, and the -r file).  Output goes through a temporary file:
 * on a fatal error stdout stays empty.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-match --tag tag --list file --assignment file\n"
    "                [--workers file] [--summary] [--unmasked] [-p policy]\n"
    "                [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                [-r rejects] [--zh] [--excel] [file ...]\n"
    "       gw-match --compare old --assignment file\n"
    "                [--old-assignment file] [--workers file] [--summary]\n"
    "                [--unmasked] [-p policy] [-E enc] [-i csv|tsv]\n"
    "                [-o csv|tsv|jsonl|xlsx] [-r rejects] [--zh] [--excel]\n"
    "                [file ...]\n";

enum { OPT_TAG = OPT_CMD, OPT_LIST, OPT_ASSIGN, OPT_WORKERS, OPT_SUMMARY,
	OPT_UNMASKED, OPT_COMPARE, OPT_OLDASSIGN };


static struct {
	struct match m;		/* the engine of a list */
	struct cmp c;		/* the engine of --compare */
	int compare;
	struct gw_run run;
	struct csvr_opt ro;
	csvw *out;
	int unmasked;
} S;

static int
mrow(void *eng, int t, const struct score_field *f)
{
	return S.compare ? cmp_row(eng, (enum match_tab)t, f) :
	    match_row(eng, (enum match_tab)t, f);
}

static void
load(int argc, char **argv, enum match_tab which)
{
	struct match *m = S.compare ? &S.c.m : &S.m;
	struct etab t;

	etab_init(&t, &match_tables[which], which, &S.run);
	if (which == MATCH_PERSONS)
		snprintf(t.what, sizeof t.what, "the %s",
		    match_tables[which].name);
	t.row = mrow;
	t.eng = S.compare ? (void *)&S.c : (void *)&S.m;
	t.rcol = &m->rcol;
	t.why = &m->why;
	if (gw_loop(&S.run, argc, argv, &S.ro, etab_hdr, etab_rec, &t) < 0)
		gw_exit(GW_FATAL);
}

static void
fs(const char *s)
{
	csvw_field(S.out, s, (size_t)-1);
}

static void
write_rows(const struct match_row *r, size_t n)
{
	static const char *const hdr[] = { "kind", "grid_code", "grid_workers",
	    "id_number", "name", "list_name", "tags" };
	char masked[19];
	size_t i;

	csvw_header(S.out, hdr, 7);
	for (i = 0; i < n; i++) {
		fs(match_kindname[r[i].kind]);
		fs(match_str(&S.m, r[i].grid));
		fs(match_workers(&S.m, r[i].grid));
		if (S.unmasked)
			fs(match_str(&S.m, r[i].id));
		else {
			idno_mask(match_str(&S.m, r[i].id), masked);
			fs(masked);
		}
		fs(match_str(&S.m, r[i].name));
		fs(match_str(&S.m, r[i].lname));
		fs(match_str(&S.m, r[i].tags));
		csvw_endrec(S.out);
	}
}

/* One row a grid (the unregistered under an empty grid, last). */
static void
write_summary(const struct match_row *r, size_t n)
{
	static const char *const hdr[] = { "grid_code", "grid_workers",
	    "matched", "untagged", "unlisted", "unregistered" };
	long cnt[MATCH_NKIND];
	size_t i, j;
	int k;

	csvw_header(S.out, hdr, 6);
	for (i = 0; i < n; i = j) {
		memset(cnt, 0, sizeof cnt);
		for (j = i; j < n && r[j].grid == r[i].grid; j++)
			cnt[r[j].kind]++;
		fs(match_str(&S.m, r[i].grid));
		fs(match_workers(&S.m, r[i].grid));
		for (k = 0; k < MATCH_NKIND; k++)
			csvw_fieldf(S.out, "%ld", cnt[k]);
		csvw_endrec(S.out);
	}
}

static void
fid(const struct match *m, uint32_t id)
{
	char masked[19];

	if (S.unmasked)
		fs(match_str(m, id));
	else {
		idno_mask(match_str(m, id), masked);
		fs(masked);
	}
}

static void
write_changes(const struct cmp_row *r, size_t n)
{
	static const char *const hdr[] = { "change", "grid_code", "grid_workers",
	    "id_number", "name", "from", "to" };
	const struct match *m = &S.c.m;
	size_t i;

	csvw_header(S.out, hdr, 7);
	for (i = 0; i < n; i++) {
		fs(cmp_kindname[r[i].kind]);
		fs(match_str(m, r[i].grid));
		fs(match_workers(m, r[i].grid));
		fid(m, r[i].id);
		fs(match_str(m, r[i].name));
		fs(match_str(m, r[i].from));
		fs(match_str(m, r[i].to));
		csvw_endrec(S.out);
	}
}

/* A grid's year: one row a grid of any change, by grid code. */
static void
write_csummary(const struct cmp_row *r, size_t n)
{
	static const char *const hdr[] = { "grid_code", "grid_workers", "added",
	    "removed", "household", "moved_in", "moved_out", "tag_gained",
	    "tag_lost" };
	enum { ADD, REM, HH, IN, OUT, GAIN, LOST, NC };
	static const int col[CMP_NKIND] = { ADD, REM, HH, IN, GAIN, LOST };
	const struct match *m = &S.c.m;
	strtab *gi = strtab_new();
	long (*cnt)[NC] = NULL;
	uint32_t *grid = NULL;
	size_t i, k, ng = 0;
	int isnew, j;

	/* the grids in row order (by code), and the grids moved out of */
	for (i = 0; i < 2 * n; i++) {
		uint32_t g = i < n ? r[i].grid : r[i - n].from;
		const char *gs = match_str(m, g);

		if (i >= n && r[i - n].kind != CMP_GRID)
			continue;
		k = strtab_add(gi, gs, strlen(gs), &isnew);
		if (isnew) {
			cnt = xreallocarray(cnt, ++ng, sizeof *cnt);
			grid = xreallocarray(grid, ng, sizeof *grid);
			memset(cnt[k], 0, sizeof cnt[k]);
			grid[k] = g;
		}
		if (i < n)
			cnt[k][col[r[i].kind]]++;
		else
			cnt[k][OUT]++;
	}
	csvw_header(S.out, hdr, 9);
	for (k = 0; k < ng; k++) {
		fs(match_str(m, grid[k]));
		fs(match_workers(m, grid[k]));
		for (j = 0; j < NC; j++)
			csvw_fieldf(S.out, "%ld", cnt[k][j]);
		csvw_endrec(S.out);
	}
	strtab_free(gi);
	free(cnt);
	free(grid);
}

int
main(int argc, char **argv)
{
	static struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_INPUT, GW_LO_HELP,
		{"tag", required_argument, 0, OPT_TAG},
		{"list", required_argument, 0, OPT_LIST},
		{"assignment", required_argument, 0, OPT_ASSIGN},
		{"workers", required_argument, 0, OPT_WORKERS},
		{"summary", no_argument, 0, OPT_SUMMARY},
		{"unmasked", no_argument, 0, OPT_UNMASKED},
		{"compare", required_argument, 0, OPT_COMPARE},
		{"old-assignment", required_argument, 0, OPT_OLDASSIGN},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *tag = NULL, *list = NULL, *assign = NULL, *workers = NULL;
	const char *why, *old = NULL, *oldassign = NULL;
	char *stdin_only[] = { "-", NULL };
	struct match_row *r;
	int ch, summary = 0, status;
	size_t n;
	policy *pol;
	FILE *tmp;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((ch = gw_getopt(argc, argv, "E:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case OPT_ASSIGN:
			assign = optarg;
			break;
		case OPT_COMPARE:
			old = optarg;
			break;
		case OPT_LIST:
			list = optarg;
			break;
		case OPT_OLDASSIGN:
			oldassign = optarg;
			break;
		case OPT_SUMMARY:
			summary = 1;
			break;
		case OPT_TAG:
			tag = optarg;
			break;
		case OPT_UNMASKED:
			S.unmasked = 1;
			break;
		case OPT_WORKERS:
			workers = optarg;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	S.compare = old != NULL;
	if (S.compare && (tag || list))
		die("--compare takes no --tag nor --list");
	if (!S.compare && oldassign)
		die("--old-assignment is for --compare");
	if (!S.compare && (!tag || !list))
		die("missing --%s", !tag ? "tag TAG" : "list FILE");
	if (!assign)
		die("missing --assignment FILE");
	if (summary && S.unmasked)
		die("--unmasked is for the rows, not --summary");
	if (!(pol = policy_load(o.policy, &why)) || (S.compare ?
	    cmp_init(&S.c, pol, &why) : match_init(&S.m, pol, tag, &why)) < 0)
		die("%s", why);
	S.run.rejects_path = o.rejects;
	S.run.mixed = 1;	/* rows of four tables in one rejects file */
	S.ro = gw_inopt(&o);
	tmp = gw_spool();
	S.out = gw_out(&o, tmp);

	if (!S.compare)
		load(1, (char *[]){ (char *)list, NULL }, MATCH_LIST);
	load(1, (char *[]){ (char *)assign, NULL }, MATCH_ASSIGN);
	if (workers)
		load(1, (char *[]){ (char *)workers, NULL }, MATCH_WORKERS);
	if (S.compare) {	/* the old snapshot, whole, first */
		S.c.old = 1;
		if (oldassign)
			load(1, (char *[]){ (char *)oldassign, NULL },
			    MATCH_ASSIGN);
		load(1, (char *[]){ (char *)old, NULL }, MATCH_PERSONS);
		S.c.old = 0;
	}
	if (argc > 0)
		load(argc, argv, MATCH_PERSONS);
	else
		load(1, stdin_only, MATCH_PERSONS);
	if (S.compare) {
		struct cmp_row *cr = cmp_rows(&S.c, &n);

		if (summary)
			write_csummary(cr, n);
		else
			write_changes(cr, n);
	} else {
		r = match_rows(&S.m, &n);
		if (summary)
			write_summary(r, n);
		else
			write_rows(r, n);
	}

	if (csvw_close(S.out) < 0)
		die("write error: temporary file:");
	gw_unspool(tmp);
	if (S.compare)
		cmp_free(&S.c);
	else
		match_free(&S.m);
	policy_free(pol);
	status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
