/*
 * gw-screen — the qualification review and ranking of grid-worker
 * candidates (gridwork-rules(7), WORKERS AND SCREENING), and the masked shortlist for public notice.
 *
 * Contract: every candidate row read is either rejected (bad flag, bad
 * score, bad grid code, duplicate candidate_id; reported FILE:LINE and
 * to -r) or written exactly once, in input order, with
 * status,reasons,age,priority,total,rank,selected appended.  The rules
 * are the screening engine's (lib/screen.c): this driver reads the
 * policy's tables, the blacklists, the vacancies and the candidates,
 * feeds them to it, and writes its verdicts.
 *
 * Ranking needs every row, so rows are kept (their fields packed into
 * one arena) and written at the end; a fatal error therefore leaves
 * stdout empty.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-screen [-E enc] [-i csv | tsv] [-o csv | tsv | jsonl | xlsx]\n"
    "                 [-p policy] [-r rejects] [-b [code=]file] ...\n"
    "                 --as-of date [--vacancies file] [--publicity] [--zh]\n"
    "                 [--excel] [file ...]\n";

enum { OPT_VACANCIES = OPT_CMD, OPT_PUBLICITY };

static const char *const pubname[] = {
	"name", "id_number", "grid_code", "total", "rank"
};
#define NPUB (sizeof pubname / sizeof pubname[0])

/* Everything one run knows; one static instance. */
static struct {
	policy *pol;
	struct screen sc;		/* the engine */

	struct gw_run run;
	struct csvr_opt ropt;		/* for the candidates */
	struct csvr_opt sideopt;	/* for -b and --vacancies */

	/* output columns (from the first candidates file) */
	char **ocol;
	size_t nocol;
	int opos[SC_NCOL];		/* output column of each contract
					   column, -1 when absent */
	int *src;			/* this file: output column -> field
					   of the record, or -1 */
	int xsrc[SCREEN_NX + 1];	/* this file: field of Xn's flag */
	int psrc[SCREEN_NP + 1];	/* and of Pn's, or -1 */
	int first;			/* 1 until the first header is seen */

	char *arena;			/* the kept rows' fields, NUL-ended
					   (gw_bigrealloc: a row's fields
					   are copied in one step) */
	size_t alen, acap;
	size_t *off;			/* first field of sc.c[i] in arena */
	size_t offcap;
} S;

/* --- the policy's tables -------------------------------------------- */

typedef int table_fn(struct screen *, char **, size_t, const char *, int,
    const char **);

/* Reads the table the policy names by key: lines of tab-separated
   fields, '#' starting a comment line; each line goes to fn. */
static void
table_read(const char *key, table_fn *fn)
{
	const char *path, *why;
	char *line = NULL, *f[8], *p;
	size_t cap = 0, n;
	ssize_t len;
	int lineno = 0;
	FILE *fp;

	if (!(path = screen_table(&S.sc, key, &why)) && why)
		die("%s", why);
	if (!path || !(fp = fopen(path, "r")))
		die("%s:", path ? path : key);
	path = xstrdup(path);
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		p = line;
		if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		if (*p == '#' || *p == '\0')
			continue;
		if (!utf8_valid(p, strlen(p)))
			die("%s:%d: invalid UTF-8", path, lineno);
		for (n = 0; n < 8; ) {
			f[n++] = p;
			if (!(p = strchr(p, '\t')))
				break;
			*p++ = '\0';
		}
		if (fn(&S.sc, f, n, path, lineno, &why) < 0)
			die("%s", why);
	}
	if (ferror(fp))
		die("%s:", path);
	fclose(fp);
	free(line);
	free((char *)path);
}

static void
load_policy(const char *name, long asof)
{
	const char *why;

	if (!(S.pol = policy_load(name, &why)) ||
	    screen_init(&S.sc, S.pol, asof, &why) < 0)
		die("%s", why);
	table_read("education", screen_education);
	if (screen_rules(&S.sc, &why) < 0)
		die("%s", why);
	table_read("remarks", screen_remark);
	if (screen_ready(&S.sc, &why) < 0)
		die("%s", why);
}

/* --- blacklists and vacancies --------------------------------------- */

/* A blacklist being read: its id_number column, its index in S.sc. */
struct blarg {
	int col;
	int list;
};

static int
bl_hdr(csvr *r, void *arg)
{
	static const char *const cols[] = { "id_number" };
	struct blarg *a = arg;

	return gw_bind(r, csvr_name(r), cols, 1, 1, &a->col, "-b");
}

static int
bl_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct blarg *a = arg;
	struct idno id;
	const char *why;

	/* no reference date: a listed number is matched, not judged */
	if (idno_parse(rec->f[a->col], rec->len[a->col], -1, &id, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "id_number", rec,
		    "%s", why);
		return 1;
	}
	screen_list_add(&S.sc, a->list, &id);
	return 0;
}

/* -b [CODE=]FILE */
static void
load_list(const char *arg)
{
	struct blarg a;
	const char *file, *why;
	char *f;

	if ((a.list = screen_list(&S.sc, arg, &file, &why)) < 0)
		die("%s", why);
	f = (char *)file;
	if (gw_loop(&S.run, 1, &f, &S.sideopt, bl_hdr, bl_rec, &a) < 0)
		gw_exit(GW_FATAL);
}

/* The vacancies being read: columns grid_code and vacancies. */
struct vacarg {
	int gcol, vcol;
};

static int
vac_hdr(csvr *r, void *arg)
{
	static const char *const cols[] = { "grid_code", "vacancies" };
	struct vacarg *a = arg;
	int idx[2];

	if (gw_bind(r, csvr_name(r), cols, 2, 2, idx, "--vacancies") < 0)
		return -1;
	a->gcol = idx[0];
	a->vcol = idx[1];
	return 0;
}

static int
vac_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct vacarg *a = arg;
	const char *col, *why;

	if (screen_vacancy(&S.sc, rec->f[a->gcol], rec->len[a->gcol],
	    rec->f[a->vcol], rec->len[a->vcol], rec->line, &col, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, col, rec, "%s",
		    why);
		return 1;
	}
	return 0;
}

static void
load_vacancies(char *file)
{
	struct vacarg a;

	if (gw_loop(&S.run, 1, &file, &S.sideopt, vac_hdr, vac_rec, &a) < 0)
		gw_exit(GW_FATAL);
	S.sc.have_vac = 1;
}

/* --- candidates ----------------------------------------------------- */

/* The flag columns of the rules the profile adds, by name or by their
   header; required while the rule is on. */
static int
bind_rules(csvr *r)
{
	struct screen_rule *x;
	int c, *src;

	for (c = 1; c <= SCREEN_NX + SCREEN_NP; c++) {
		x = c <= SCREEN_NX ? &S.sc.x[c] : &S.sc.p[c - SCREEN_NX];
		src = c <= SCREEN_NX ? &S.xsrc[c] : &S.psrc[c - SCREEN_NX];
		*src = -1;
		if (!x->column)
			continue;
		*src = csvr_col(r, x->column);
		if (*src < 0 && x->header)
			*src = csvr_col(r, x->header);
		if (*src < 0 && x->on) {
			char what[512];

			snprintf(what, sizeof what, "%s%s%s%c%d %s, %s:%d",
			    x->header ? "or '" : "", x->header ? x->header :
			    "", x->header ? "', " : "", c <= SCREEN_NX ? 'X' :
			    'P', c <= SCREEN_NX ? c : c - SCREEN_NX, x->reason,
			    x->cfile, x->cline);
			gw_missing(r, csvr_name(r), x->column, what);
			return -1;
		}
	}
	return 0;
}

static int
cand_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t i, n = csvr_ncols(r);
	int c;

	(void)arg;
	for (c = 0; c < SC_NCOL; c++) {
		if (screen_required(&S.sc, (enum screen_col)c) &&
		    csvr_col(r, screen_colname[c]) < 0) {
			gw_missing(r, csvr_name(r), screen_colname[c], NULL);
			return -1;
		}
	}
	if (S.first) {
		/* the first file's columns are the output's columns */
		S.first = 0;
		for (i = 0; i < n; i++) {
			if (screen_is_added(h[i]))
				continue;
			S.ocol = xreallocarray(S.ocol, S.nocol + 1,
			    sizeof *S.ocol);
			S.ocol[S.nocol++] = xstrdup(h[i]);
		}
		for (c = 0; c < SC_NCOL; c++) {
			S.opos[c] = -1;
			for (i = 0; i < S.nocol; i++)
				if (strcmp(S.ocol[i], screen_colname[c]) == 0)
					S.opos[c] = (int)i;
		}
		S.src = xreallocarray(NULL, S.nocol ? S.nocol : 1,
		    sizeof *S.src);
	} else {
		for (c = 0; c < SC_NCOL; c++)
			if (S.opos[c] < 0 &&
			    csvr_col(r, screen_colname[c]) >= 0) {
				warn("%s: column '%s' is not in the first "
				    "file", csvr_name(r), screen_colname[c]);
				return -1;
			}
	}
	for (i = 0; i < S.nocol; i++)
		S.src[i] = csvr_col(r, S.ocol[i]);
	return bind_rules(r);
}

/* Field i of rec into *f, *len; NULL when i < 0 (no such column). */
static void
bind(const struct gw_rec *rec, int i, const char **f, size_t *len)
{
	*f = i < 0 ? NULL : rec->f[i];
	*len = i < 0 ? 0 : rec->len[i];
}

static int
cand_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct screen_rec sr;
	const char *col, *why;
	size_t i, n;
	int c;

	(void)arg;
	for (c = 0; c < SC_NCOL; c++)
		bind(rec, S.opos[c] < 0 ? -1 : S.src[S.opos[c]], &sr.f[c],
		    &sr.len[c]);
	for (c = 1; c <= SCREEN_NX; c++)
		bind(rec, S.xsrc[c], &sr.x[c], &sr.xlen[c]);
	for (c = 1; c <= SCREEN_NP; c++)
		bind(rec, S.psrc[c], &sr.p[c], &sr.plen[c]);
	if (screen_add(&S.sc, &sr, csvr_name(r), rec->line, &col, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, col, rec, "%s",
		    why);
		return 1;
	}
	/* keep the row's fields, in output-column order */
	if (S.sc.nc > S.offcap) {
		n = S.offcap ? S.offcap * 2 : 1024;
		S.off = gw_bigrealloc(S.off, S.offcap * sizeof *S.off,
		    n * sizeof *S.off);
		S.offcap = n;
	}
	S.off[S.sc.nc - 1] = S.alen;
	for (n = S.nocol, i = 0; i < S.nocol; i++)
		if (S.src[i] >= 0)
			n += rec->len[S.src[i]];
	if (n > S.acap - S.alen) {
		size_t cap = S.acap ? S.acap : 65536;

		while (n > cap - S.alen)
			if ((cap *= 2) < S.acap)
				die("out of memory");
		S.arena = gw_bigrealloc(S.arena, S.acap, cap);
		S.acap = cap;
	}
	for (i = 0; i < S.nocol; i++) {
		if (S.src[i] >= 0) {
			memcpy(S.arena + S.alen, rec->f[S.src[i]],
			    rec->len[S.src[i]]);
			S.alen += rec->len[S.src[i]];
		}
		S.arena[S.alen++] = '\0';
	}
	return 0;
}

/* A notice of the engine about a kept row, as a warning. */
static void
notice(void *arg, const char *file, long line, const char *col,
    const char *msg)
{
	(void)arg;
	warn("%s%c%ld: column '%s': %s", file, GW_LINESEP(file), line, col,
	    msg);
}

/* --- output --------------------------------------------------------- */

/* A whole number v >= 0, or an empty field when v < 0; decimals > 0
   puts a point that many digits from the right (hundredths: 2).  By
   hand, since printf for three numbers a row is a tenth of the run. */
static void
put_num(csvw *w, int64_t v, int decimals)
{
	char buf[32], *p = buf + sizeof buf;
	int i = 0;

	if (v < 0) {
		csvw_field(w, "", 0);
		return;
	}
	do {
		if (decimals > 0 && i++ == decimals)
			*--p = '.';
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || (decimals > 0 && i <= decimals));
	csvw_field(w, p, (size_t)(buf + sizeof buf - p));
}

static void
write_screen(csvw *w)
{
	const char **h;
	struct sbuf rs = {0};
	size_t i, k;
	const char *p;

	h = xreallocarray(NULL, S.nocol + SCREEN_NADD, sizeof *h);
	for (i = 0; i < S.nocol; i++)
		h[i] = S.ocol[i];
	for (i = 0; i < SCREEN_NADD; i++)
		h[S.nocol + i] = screen_addname[i];
	csvw_header(w, h, S.nocol + SCREEN_NADD);
	free(h);
	for (i = 0; i < S.sc.nc; i++) {
		const struct screen_cand *c = &S.sc.c[i];

		p = S.arena + S.off[i];
		for (k = 0; k < S.nocol; k++) {
			size_t len = strlen(p);

			csvw_field(w, p, len);
			p += len + 1;
		}
		csvw_field(w, screen_status(c), (size_t)-1);
		screen_reasons(&S.sc, c, &rs);
		csvw_field(w, rs.len ? rs.s : "", rs.len);
		put_num(w, c->age, 0);
		put_num(w, c->prio, 0);
		put_num(w, c->total, 2);
		put_num(w, c->rank ? (int64_t)c->rank : -1, 0);
		if (S.sc.have_vac)
			csvw_field(w, c->sel ? "1" : "0", 1);
		else
			csvw_field(w, "", 0);
		csvw_endrec(w);
	}
	sbuf_free(&rs);
}

/* Field k (output column) of kept candidate i. */
static const char *
cand_field(size_t i, int k)
{
	const char *p = S.arena + S.off[i];

	while (k-- > 0)
		p += strlen(p) + 1;
	return p;
}

/* The shortlist: selected candidates only, in grid and rank order, and
   nothing but name, masked number, grid, total and rank. */
static void
write_publicity(csvw *w)
{
	struct idno id;
	const char *s, *why;
	char masked[19];
	size_t i, ix;

	csvw_header(w, pubname, NPUB);
	for (i = 0; i < S.sc.nranked; i++) {
		const struct screen_cand *c = &S.sc.c[ix = S.sc.order[i]];

		if (!c->sel)
			continue;
		s = cand_field(ix, S.opos[SC_IDNO]);
		/* a selected candidate is eligible, so the number parsed;
		   mask whatever happens rather than print it */
		if (idno_parse(s, strlen(s), S.sc.asof, &id, &why) == 0)
			idno_mask(id.s, masked);
		else
			idno_mask("", masked);
		csvw_field(w, cand_field(ix, S.opos[SC_NAME]), (size_t)-1);
		csvw_field(w, masked, (size_t)-1);
		csvw_field(w, screen_grid_code(&S.sc, c->grid), (size_t)-1);
		put_num(w, c->total, 2);
		put_num(w, c->rank, 0);
		csvw_endrec(w);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_INPUT, GW_LO_HELP,
		{"vacancies", required_argument, 0, OPT_VACANCIES},
		{"publicity", no_argument, 0, OPT_PUBLICITY},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	char **lists = NULL, *vacfile = NULL;
	size_t nlists = 0, i;
	int ch, publicity = 0, status;
	long asof;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((ch = gw_getopt(argc, argv, "b:E:hi:o:p:r:", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case 'b':
			lists = xreallocarray(lists, nlists + 1,
			    sizeof *lists);
			lists[nlists++] = optarg;
			break;
		case OPT_PUBLICITY:
			publicity = 1;
			break;
		case OPT_VACANCIES:
			vacfile = optarg;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;

	if (!o.as_of)
		die("missing --as-of DATE (the announcement date ages are "
		    "counted at)");
	if (date_parse(o.as_of, strlen(o.as_of), &asof) < 0)
		die("--as-of '%s': not a date (YYYY-MM-DD)", o.as_of);
	if (publicity && !vacfile)
		die("--publicity needs --vacancies: only selected candidates "
		    "are published");

	load_policy(o.policy, asof);
	S.sc.notice = notice;
	S.run.rejects_path = o.rejects;
	S.run.mixed = nlists > 0 || vacfile;	/* lists, vacancies, candidates */
	S.ropt = gw_inopt(&o);
	memset(&S.sideopt, 0, sizeof S.sideopt);
	S.first = 1;
	for (i = 0; i < nlists; i++)
		load_list(lists[i]);
	if (vacfile)
		load_vacancies(vacfile);
	if (gw_loop(&S.run, argc, argv, &S.ropt, cand_hdr, cand_rec, NULL) < 0)
		gw_exit(GW_FATAL);

	screen_rank(&S.sc);
	w = gw_out(&o, stdout);
	if (publicity)
		write_publicity(w);
	else
		write_screen(w);
	status = gw_end(&S.run, w);
	free(lists);
	gw_exit(status);
}
