/*
 * event-report — classify the events reported from the grid and count
 * them by area, category and period (DOMAIN.md §6).
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
 * Memory: counts are kept per area x category x period only (the area
 * being the --by level, or the grid for --partial and --zero), so they
 * do not grow with the events.  Two things do: the set of event_ids seen
 * (a 64-bit fingerprint each, 11 to 21 bytes an event; see idset.c) and,
 * for --urgent, the urgent events of the period.  --merge sums counts of
 * parts made by --partial; it cannot see an event_id repeated in two
 * parts, and the grid-level counts are what makes any split mergeable
 * into the report of the whole, byte for byte.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: event-report --classify [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl]\n"
    "                    [-p policy] [-r rejects] [--rules file] [file ...]\n"
    "       event-report --period day|week|month --at date\n"
    "                    [--by grid|village|township|county|city|province]\n"
    "                    [--zero -G grids | --urgent | --partial | --merge]\n"
    "                    [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl] [-p policy]\n"
    "                    [-r rejects] [--rules file] [--zh] [--excel]\n"
    "                    [file ...]\n";

enum {
	OPT_CLASSIFY = OPT_CMD, OPT_PERIOD, OPT_BY, OPT_ZERO, OPT_URGENT,
	OPT_PARTIAL, OPT_MERGE, OPT_RULES
};

enum mode { M_REPORT, M_CLASSIFY, M_ZERO, M_URGENT, M_PARTIAL };
enum per { P_NONE, P_DAY, P_WEEK, P_MONTH };

/* Columns of the events contract (DOMAIN.md §11); the first five are
   required, the others may be absent. */
enum ecol { E_ID, E_GRID, E_REP, E_FOUND, E_SRC, E_REPORTER, E_CAT,
	E_TEXT, NECOL };
#define NEREQ 5
static const char *const ecolname[NECOL] = {
	"event_id", "grid_code", "reported_at", "found_at", "source",
	"reporter_id", "category", "text"
};

/* Sources, with the Chinese words platforms export for them. */
enum src { SRC_WORKER, SRC_RESIDENT, SRC_HOTLINE, SRC_INSPECTION, NSRC };
static const struct {
	const char *word;
	enum src src;
} srcword[] = {
	{ "worker", SRC_WORKER }, { "网格员", SRC_WORKER },
	{ "resident", SRC_RESIDENT }, { "群众", SRC_RESIDENT },
	{ "居民", SRC_RESIDENT }, { "村民", SRC_RESIDENT },
	{ "hotline", SRC_HOTLINE }, { "热线", SRC_HOTLINE },
	{ "12345", SRC_HOTLINE },
	{ "inspection", SRC_INSPECTION }, { "巡查", SRC_INSPECTION },
	{ "督查", SRC_INSPECTION }, { "检查", SRC_INSPECTION },
};

/* The counts of one area x category x period, in output order. */
enum { K_EVENTS, K_WORKER, K_RESIDENT, K_HOTLINE, K_INSPECTION,
	K_IMMEDIATE, K_LATE, NK };
static const char *const kname[NK] = {
	"events", "by_worker", "by_resident", "by_hotline", "by_inspection",
	"immediate", "late"
};

#define MAXCAT 127	/* category index fits 7 bits of a count key */

/*
 * A category of the policy.  cat[0] is "no category"; cat[1..ncat) are
 * sorted by code, so that index order is output order and a second-level
 * code follows its first level.
 */
struct cat {
	char code[8];	/* "07", "0703"; "" for cat[0] */
	char *name;	/* as in the policy */
	int urg;	/* index into S.urg; -1 for cat[0] */
	int top;	/* index of its first level (itself when first level) */
};

/* A table of counts keyed by (area, category, previous-period bit). */
struct tab {
	u64map *ix;		/* key -> row */
	uint64_t (*row)[NK];	/* row[i] the counts */
	uint64_t *key;		/* key[i] of row[i] */
	size_t n, cap;
};

/* An urgent event kept for --urgent: strings packed into S.arena. */
struct urow {
	size_t id, grid, src, reporter, text;	/* offsets into S.arena */
	int64_t found, rep;
	int cat;
};

static struct {
	enum mode mode;
	enum per per;
	int merge;		/* operands are --partial outputs */
	int bylvl;		/* output level: 6, 9, 12, 15 ... */
	int tablvl;		/* level counted at */
	uint64_t tabdiv;	/* grid code / tabdiv = area at tablvl */
	int64_t t0, t1, t2;	/* previous [t0,t1), current [t1,t2) */
	char label[2][16];	/* period label: [0] current, [1] previous */

	policy *pol;
	struct cat cat[MAXCAT];
	int ncat;
	unsigned char code2[100];	/* 2-digit code -> cat index, 0 none */
	unsigned char code4[10000];	/* 4-digit code -> cat index */
	char **urg;		/* urgency names, most urgent first */
	int nurg;
	int64_t late_secs;	/* immediate and later than this: late */
	rxlist *rules;
	int *rulecat;		/* rule i -> cat index */

	struct gw_run run;
	struct csvr_opt ropt;
	idset *ids;
	int col[NECOL];		/* columns of the current events file */
	struct tab tab;

	/* --classify output */
	csvw *out;
	int first;		/* the first events file sets the header */
	char **oname;		/* output columns */
	size_t no;
	size_t ocat, osrc, ourg;	/* where the three go */
	int *omap;		/* output column -> input column, or -1 */

	/* --urgent */
	struct sbuf arena;
	struct urow *urow;
	size_t nurow, capurow;

	/* -G grids */
	uint64_t *grid;
	size_t ngrid, capgrid;
} S;

static const char *
lvlname(int lvl)
{
	switch (lvl) {
	case LVL_PROVINCE: return "province";
	case LVL_CITY: return "city";
	case LVL_COUNTY: return "county";
	case LVL_TOWN: return "township";
	case LVL_VILLAGE: return "village";
	case LVL_GRID: return "grid";
	}
	return "";
}

static int
lvlparse(const char *s)
{
	static const int lv[] = { LVL_PROVINCE, LVL_CITY, LVL_COUNTY,
	    LVL_TOWN, LVL_VILLAGE, LVL_GRID };
	size_t i;

	for (i = 0; i < sizeof lv / sizeof lv[0]; i++)
		if (strcmp(s, lvlname(lv[i])) == 0)
			return lv[i];
	return -1;
}

static uint64_t
pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* ---- policy: urgencies, categories, rules ---- */

static int
urgindex(const char *s, size_t n)
{
	int i;

	for (i = 0; i < S.nurg; i++)
		if (strlen(S.urg[i]) == n && memcmp(S.urg[i], s, n) == 0)
			return i;
	return -1;
}

static int
catcmp(const void *a, const void *b)
{
	return strcmp(((const struct cat *)a)->code,
	    ((const struct cat *)b)->code);
}

static int
alldigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static void
load_policy(const char *name, const char *rulesfile)
{
	const struct policy_kv *kv;
	const char *why, *v, *sp, *path;
	char *list, *tok, *save;
	size_t n, i, len;
	long late;
	int c, k, top;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	if (!(v = policy_get(S.pol, "event", "urgencies")) || !*v)
		die("policy '%s': missing key 'event.urgencies'",
		    policy_name(S.pol));
	list = xstrdup(v);
	for (tok = strtok_r(list, " \t", &save); tok;
	    tok = strtok_r(NULL, " \t", &save)) {
		S.urg = xreallocarray(S.urg, S.nurg + 1, sizeof *S.urg);
		S.urg[S.nurg++] = xstrdup(tok);
	}
	free(list);
	if (S.nurg < 2)
		die("policy '%s': event.urgencies needs at least two levels "
		    "(the most urgent first, the ordinary last)",
		    policy_name(S.pol));
	if (policy_int(S.pol, "event", "late_minutes", &late, &why) < 0)
		die("%s", why);
	if (late < 0)
		die("policy '%s': event.late_minutes must not be negative",
		    policy_name(S.pol));
	S.late_secs = (int64_t)late * 60;

	S.cat[0].code[0] = '\0';
	S.cat[0].name = xstrdup("");
	S.cat[0].urg = -1;
	S.ncat = 1;
	kv = policy_section(S.pol, "event", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "cat.", 4) != 0)
			continue;
		len = strlen(kv[i].key + 4);
		if ((len != 2 && len != 4) || !alldigits(kv[i].key + 4, len))
			die("%s:%d: key '%s': a category code is 2 or 4 digits",
			    kv[i].file, kv[i].line, kv[i].key);
		if (S.ncat == MAXCAT)
			die("%s:%d: more than %d event categories", kv[i].file,
			    kv[i].line, MAXCAT - 1);
		c = S.ncat++;
		memcpy(S.cat[c].code, kv[i].key + 4, len + 1);
		/* "URGENCY NAME", or just a NAME taking the first level's */
		v = kv[i].val;
		sp = v + strcspn(v, " \t");
		S.cat[c].urg = urgindex(v, (size_t)(sp - v));
		if (S.cat[c].urg >= 0)
			v = sp + strspn(sp, " \t");
		else if (len == 2)
			die("%s:%d: key '%s': urgency '%.*s' is none of "
			    "event.urgencies", kv[i].file, kv[i].line,
			    kv[i].key, (int)(sp - v), v);
		S.cat[c].name = xstrdup(v);
	}
	if (S.ncat == 1)
		die("policy '%s': no event categories (cat.CODE keys of "
		    "[event])", policy_name(S.pol));
	qsort(S.cat + 1, (size_t)S.ncat - 1, sizeof S.cat[0], catcmp);
	for (c = 1; c < S.ncat; c++) {
		if (c > 1 && strcmp(S.cat[c].code, S.cat[c - 1].code) == 0)
			die("policy '%s': category %s given twice",
			    policy_name(S.pol), S.cat[c].code);
		k = atoi(S.cat[c].code);
		if (strlen(S.cat[c].code) == 2) {
			S.code2[k] = (unsigned char)c;
			S.cat[c].top = c;
			continue;
		}
		S.code4[k] = (unsigned char)c;
		top = S.code2[k / 100];
		if (!top)
			die("policy '%s': category %s has no first level %.2s",
			    policy_name(S.pol), S.cat[c].code, S.cat[c].code);
		S.cat[c].top = top;
		if (S.cat[c].urg < 0)
			S.cat[c].urg = S.cat[top].urg;
	}

	if (rulesfile)
		path = rulesfile;
	else if (!(path = policy_path(S.pol, "event", "rules")))
		die("policy '%s': missing key 'event.rules' (the "
		    "classification rules file)", policy_name(S.pol));
	if (!(S.rules = rxl_load(path, &why)))
		die("%s", why);
	S.rulecat = xcalloc(rxl_len(S.rules) + 1, sizeof *S.rulecat);
	for (i = 0; i < rxl_len(S.rules); i++) {
		v = rxl_code(S.rules, i);
		len = strlen(v);
		k = alldigits(v, len) ? atoi(v) : -1;
		c = len == 2 && k >= 0 ? S.code2[k] :
		    len == 4 && k >= 0 ? S.code4[k] : 0;
		if (!c)
			die("%s:%ld: category '%s' is not in policy '%s'", path,
			    rxl_line(S.rules, i), v, policy_name(S.pol));
		S.rulecat[i] = c;
	}
}

/* Category index of a given category (code, full-width digits too, or
   name), or 0 when empty or unknown. */
static int
catgiven(const char *s, size_t n)
{
	char buf[32];
	size_t m;
	int c;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (n == 2 && alldigits(s, 2))	/* the usual case, first */
		return S.code2[(s[0] - '0') * 10 + (s[1] - '0')];
	if (n == 4 && alldigits(s, 4))
		return S.code4[((s[0] - '0') * 10 + (s[1] - '0')) * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0')];
	if (n < sizeof buf) {
		/* a code typed with full-width digits */
		memcpy(buf, s, n);
		m = utf8_fold(buf, n);
		buf[m] = '\0';
		if (m == 2 && alldigits(buf, 2))
			return S.code2[atoi(buf)];
		if (m == 4 && alldigits(buf, 4))
			return S.code4[atoi(buf)];
	}
	for (c = 1; c < S.ncat; c++)
		if (strlen(S.cat[c].name) == n &&
		    memcmp(S.cat[c].name, s, n) == 0)
			return c;
	return 0;
}

/* ---- periods ---- */

static void
set_period(const char *at, const char *month, const char *week)
{
	long day, first, last, prevfirst;
	int y, m, d, wy, wk;

	if (month) {
		if (S.per != P_NONE && S.per != P_MONTH)
			die("--month contradicts --period");
		S.per = P_MONTH;
		at = month;
	} else if (week) {
		if (S.per != P_NONE && S.per != P_WEEK)
			die("--week contradicts --period");
		S.per = P_WEEK;
		at = week;
	}
	if (S.per == P_NONE)
		die("missing --period day|week|month (or --month, --week)");
	if (!at)
		die("missing --at DATE: the report is of the period "
		    "containing it, never of today by default");
	if (date_parse(at, strlen(at), &day) < 0 &&
	    (S.per != P_WEEK || week_parse(at, &day, &last) < 0) &&
	    (S.per != P_MONTH || month_parse(at, &day, &last) < 0))
		die("--at '%s': not a date (YYYY-MM-DD)", at);
	switch (S.per) {
	case P_DAY:
		first = last = day;
		prevfirst = day - 1;
		date_fmt(day, S.label[0]);
		date_fmt(day - 1, S.label[1]);
		break;
	case P_WEEK:
		first = day - (day_wday(day) - 1);
		last = first + 6;
		prevfirst = first - 7;
		iso_week(first, &wy, &wk);
		snprintf(S.label[0], sizeof S.label[0], "%04d-W%02d", wy, wk);
		iso_week(prevfirst, &wy, &wk);
		snprintf(S.label[1], sizeof S.label[1], "%04d-W%02d", wy, wk);
		break;
	default:
		day_to_ymd(day, &y, &m, &d);
		first = day_from_ymd(y, m, 1);
		last = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
		    day_from_ymd(y, m + 1, 1)) - 1;
		snprintf(S.label[0], sizeof S.label[0], "%04d-%02d", y, m);
		day_to_ymd(first - 1, &y, &m, &d);
		prevfirst = day_from_ymd(y, m, 1);
		snprintf(S.label[1], sizeof S.label[1], "%04d-%02d", y, m);
		break;
	}
	S.t0 = (int64_t)prevfirst * 86400;
	S.t1 = (int64_t)first * 86400;
	S.t2 = ((int64_t)last + 1) * 86400;
}

/* 0 current period, 1 previous, -1 neither. */
static int
period_of(int64_t t)
{
	if (t >= S.t1 && t < S.t2)
		return 0;
	if (t >= S.t0 && t < S.t1)
		return 1;
	return -1;
}

/* ---- counts ---- */

static uint64_t *
tab_row(struct tab *t, uint64_t key)
{
	uint64_t old;

	if (!u64map_add(t->ix, key, t->n, &old))
		return t->row[old];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->row = xreallocarray(t->row, t->cap, sizeof *t->row);
		t->key = xreallocarray(t->key, t->cap, sizeof *t->key);
	}
	memset(t->row[t->n], 0, sizeof t->row[0]);
	t->key[t->n] = key;
	return t->row[t->n++];
}

static uint64_t
mkkey(uint64_t area, int cat, int prev)
{
	return area << 8 | (uint64_t)cat << 1 | (uint64_t)prev;
}

static int
keycmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- reading events ---- */

static int
ev_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t nc = csvr_ncols(r), j;

	(void)arg;
	if (gw_bind(r, csvr_name(r), ecolname, NECOL, NEREQ, S.col, NULL) < 0)
		return -1;
	if (S.mode != M_CLASSIFY)
		return 0;
	if (S.first) {
		/* the first file's columns, then any of the three missing */
		S.first = 0;
		S.oname = xcalloc(nc + 3, sizeof *S.oname);
		for (j = 0; j < nc; j++)
			S.oname[S.no++] = xstrdup(h[j]);
		S.ocat = S.osrc = S.ourg = SIZE_MAX;
		for (j = 0; j < S.no; j++) {
			if (strcmp(S.oname[j], "category") == 0)
				S.ocat = j;
			else if (strcmp(S.oname[j], "category_source") == 0)
				S.osrc = j;
			else if (strcmp(S.oname[j], "urgency") == 0)
				S.ourg = j;
		}
		if (S.ocat == SIZE_MAX)
			S.oname[S.ocat = S.no++] = xstrdup("category");
		if (S.osrc == SIZE_MAX)
			S.oname[S.osrc = S.no++] = xstrdup("category_source");
		if (S.ourg == SIZE_MAX)
			S.oname[S.ourg = S.no++] = xstrdup("urgency");
		csvw_header(S.out, (const char *const *)S.oname, S.no);
		S.omap = xcalloc(S.no, sizeof *S.omap);
	}
	/* later files may order their columns differently */
	for (j = 0; j < S.no; j++)
		S.omap[j] = csvr_col(r, S.oname[j]);
	return 0;
}

static int
srcparse(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof srcword / sizeof srcword[0]; i++)
		if (strlen(srcword[i].word) == n &&
		    memcmp(srcword[i].word, s, n) == 0)
			return srcword[i].src;
	return -1;
}

/* The grid code as a number (code_check has passed: 15 digits). */
static uint64_t
gridnum(const char *s)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < LVL_GRID; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

static void
keep_urgent(const struct gw_rec *rec, int64_t found, int64_t rep, int cat)
{
	struct urow *u;
	const char *s;
	size_t len, *off[5];
	int cols[5] = { S.col[E_ID], S.col[E_GRID], S.col[E_SRC],
	    S.col[E_REPORTER], S.col[E_TEXT] };
	int i;

	if (S.nurow == S.capurow) {
		S.capurow = S.capurow ? S.capurow * 2 : 64;
		S.urow = xreallocarray(S.urow, S.capurow, sizeof *S.urow);
	}
	u = &S.urow[S.nurow++];
	off[0] = &u->id;
	off[1] = &u->grid;
	off[2] = &u->src;
	off[3] = &u->reporter;
	off[4] = &u->text;
	for (i = 0; i < 5; i++) {
		s = gw_field(rec, cols[i], &len);
		*off[i] = S.arena.len;
		sbuf_add(&S.arena, s, len);
		sbuf_addc(&S.arena, '\0');
	}
	u->found = found;
	u->rep = rep;
	u->cat = cat;
}

static void
write_classified(const struct gw_rec *rec, int cat, const char *how)
{
	const char *s;
	size_t j, len;

	for (j = 0; j < S.no; j++) {
		if (j == S.ocat)
			csvw_field(S.out, S.cat[cat].code, (size_t)-1);
		else if (j == S.osrc)
			csvw_field(S.out, how, (size_t)-1);
		else if (j == S.ourg)
			csvw_field(S.out, cat ? S.urg[S.cat[cat].urg] : "",
			    (size_t)-1);
		else {
			s = gw_field(rec, S.omap[j], &len);
			csvw_field(S.out, s, len);
		}
	}
	csvw_endrec(S.out);
}

static int
ev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why, *how;
	const char *rs, *fs;
	size_t n, rn, fn;
	int64_t rep, found;
	int src, prev, cat;
	uint64_t *row, idh;
	long rule;

	(void)arg;
	s = gw_field(rec, S.col[E_ID], &n);
	/* the id set is large and touched at random: fetch its slot while
	   the other fields are checked */
	idh = idset_hash(s, n);
	idset_prefetch(S.ids, idh);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "empty event_id");
		return 1;
	}
	s = gw_field(rec, S.col[E_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	rs = gw_field(rec, S.col[E_REP], &rn);
	if (datetime_parse(rs, rn, &rep) < 0) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "unparseable time '%s'", rs);
		return 1;
	}
	fs = gw_field(rec, S.col[E_FOUND], &fn);
	if (datetime_parse(fs, fn, &found) < 0) {
		gw_reject(&S.run, file, rec->line, "found_at", rec,
		    "unparseable time '%s'", fs);
		return 1;
	}
	if (rep < found) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "reported_at %s is before found_at %s", rs, fs);
		return 1;
	}
	s = gw_field(rec, S.col[E_SRC], &n);
	if ((src = srcparse(s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "source", rec,
		    "unknown source '%s' (worker, resident, hotline, "
		    "inspection)", s);
		return 1;
	}
	s = gw_field(rec, S.col[E_ID], &n);
	if (!idset_addh(S.ids, idh)) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "duplicate event_id '%s'", s);
		return 1;
	}

	prev = 0;
	if (S.mode != M_CLASSIFY && (prev = period_of(rep)) < 0)
		return 0;	/* accepted, outside both periods */

	/* classified only now: most of a year's events fall outside */
	s = gw_field(rec, S.col[E_CAT], &n);
	how = "given";
	if ((cat = catgiven(s, n)) == 0) {
		s = gw_field(rec, S.col[E_TEXT], &n);
		rule = n ? rxl_first(S.rules, s, n) : -1;
		cat = rule >= 0 ? S.rulecat[rule] : 0;
		how = rule >= 0 ? "rule" : "none";
	}

	switch (S.mode) {
	case M_CLASSIFY:
		write_classified(rec, cat, how);
		return 0;
	case M_URGENT:
		/* every level but the last (the ordinary one) */
		if (prev == 0 && cat && S.cat[cat].urg < S.nurg - 1)
			keep_urgent(rec, found, rep, cat);
		return 0;
	default:
		break;
	}
	row = tab_row(&S.tab, mkkey(gridnum(gw_field(rec, S.col[E_GRID], &n)) /
	    S.tabdiv, cat, prev));
	row[K_EVENTS]++;
	row[K_WORKER + src]++;
	if (cat && S.cat[cat].urg == 0) {
		row[K_IMMEDIATE]++;
		if (rep - found > S.late_secs)
			row[K_LATE]++;
	}
	return 0;
}

/*
 * --classify streams, so it opens every named file and checks its
 * columns before writing anything: a missing file or column then fails
 * with stdout empty, not half-way through the output.
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
		for (j = 0; j < NEREQ; j++)
			if (csvr_col(r, ecolname[j]) < 0)
				die("%s: missing column '%s'", csvr_name(r),
				    ecolname[j]);
		csvr_close(r);
	}
}

/* ---- reading partial counts (--merge) ---- */

static int pcol[3 + NK];	/* period, grid_code, category, counts */

static int
part_hdr(csvr *r, void *arg)
{
	static const char *const fixed[3] = { "period", "grid_code",
	    "category" };
	int i;

	(void)arg;
	for (i = 0; i < 3 + NK; i++) {
		pcol[i] = csvr_col(r, i < 3 ? fixed[i] : kname[i - 3]);
		if (pcol[i] < 0) {
			warn("%s: missing column '%s' (not a --partial "
			    "output?)", csvr_name(r),
			    i < 3 ? fixed[i] : kname[i - 3]);
			return -1;
		}
	}
	return 0;
}

static int
part_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why;
	uint64_t v[NK], *row, area;
	size_t n;
	int prev, cat, i, j;

	(void)arg;
	s = gw_field(rec, pcol[0], &n);
	if (strcmp(s, S.label[0]) == 0)
		prev = 0;
	else if (strcmp(s, S.label[1]) == 0)
		prev = 1;
	else {
		gw_reject(&S.run, file, rec->line, "period", rec,
		    "period '%s' is neither %s nor %s", s, S.label[0],
		    S.label[1]);
		return 1;
	}
	s = gw_field(rec, pcol[1], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	area = gridnum(s) / S.tabdiv;
	s = gw_field(rec, pcol[2], &n);
	if (n > 0 && (cat = catgiven(s, n)) == 0) {
		gw_reject(&S.run, file, rec->line, "category", rec,
		    "unknown category '%s'", s);
		return 1;
	}
	if (n == 0)
		cat = 0;
	for (i = 0; i < NK; i++) {
		s = gw_field(rec, pcol[3 + i], &n);
		if (!alldigits(s, n) || n > 15) {
			gw_reject(&S.run, file, rec->line, kname[i], rec,
			    "not a count: '%s'", s);
			return 1;
		}
		v[i] = strtoull(s, NULL, 10);
	}
	if (v[K_WORKER] + v[K_RESIDENT] + v[K_HOTLINE] + v[K_INSPECTION] !=
	    v[K_EVENTS] || v[K_IMMEDIATE] > v[K_EVENTS] ||
	    v[K_LATE] > v[K_IMMEDIATE]) {
		gw_reject(&S.run, file, rec->line, NULL, rec,
		    "counts do not add up (sources != events, or late > "
		    "immediate > events)");
		return 1;
	}
	row = tab_row(&S.tab, mkkey(area, cat, prev));
	for (j = 0; j < NK; j++)
		row[j] += v[j];
	return 0;
}

/* ---- reading the grid table (-G) ---- */

static int gcol;

static int
grid_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((gcol = csvr_col(r, "grid_code")) < 0) {
		warn("%s: missing column 'grid_code'", csvr_name(r));
		return -1;
	}
	return 0;
}

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *s, *why;
	size_t n;

	(void)arg;
	s = gw_field(rec, gcol, &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	if (S.ngrid == S.capgrid) {
		S.capgrid = S.capgrid ? S.capgrid * 2 : 256;
		S.grid = xreallocarray(S.grid, S.capgrid, sizeof *S.grid);
	}
	S.grid[S.ngrid++] = gridnum(s);
	return 0;
}

/* ---- writing ---- */

/* change_pct: (cur - prev) / prev in percent, one decimal, rounded half
   away from zero in integers so that no platform rounds differently. */
static void
write_change(csvw *w, uint64_t cur, uint64_t prev)
{
	int64_t num, q, r;

	if (prev == 0) {
		csvw_field(w, "", 0);
		return;
	}
	num = ((int64_t)cur - (int64_t)prev) * 1000;
	q = num / (int64_t)prev;
	r = num % (int64_t)prev;
	if (2 * (r < 0 ? -r : r) >= (int64_t)prev)
		q += num < 0 ? -1 : 1;
	csvw_fieldf(w, "%s%lld.%lld", q < 0 ? "-" : "",
	    (long long)(q < 0 ? -q : q) / 10, (long long)(q < 0 ? -q : q) % 10);
}

static void
write_report(csvw *w)
{
	static const char *const hdr[] = {
		"period", "area_code", "area_level", "category", "events",
		"by_worker", "by_resident", "by_hotline", "by_inspection",
		"immediate", "late", "prev_events", "change_pct"
	};
	struct tab out;
	uint64_t div = pow10u(S.tablvl - S.bylvl), area, *row, *keys;
	uint64_t zero[NK] = {0}, *cur, *prv, old;
	size_t i, nk;
	int cat, prev, j, k;

	memset(&out, 0, sizeof out);
	out.ix = u64map_new(S.tab.n);
	for (i = 0; i < S.tab.n; i++) {
		area = (S.tab.key[i] >> 8) / div;
		cat = (int)(S.tab.key[i] >> 1 & 0x7f);
		prev = (int)(S.tab.key[i] & 1);
		for (k = 0; k < 2; k++) {
			if (k == 1 && (cat == 0 || S.cat[cat].top == cat))
				break;
			row = tab_row(&out, mkkey(area, k ? S.cat[cat].top :
			    cat, prev));
			for (j = 0; j < NK; j++)
				row[j] += S.tab.row[i][j];
		}
	}
	/* one output row per (area, category), in key order */
	keys = xreallocarray(NULL, out.n + 1, sizeof *keys);
	for (i = nk = 0; i < out.n; i++)
		keys[nk++] = out.key[i] & ~(uint64_t)1;
	qsort(keys, nk, sizeof *keys, keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < nk; i++) {
		if (i > 0 && keys[i] == keys[i - 1])
			continue;
		cur = u64map_get(out.ix, keys[i], &old) ? out.row[old] : zero;
		prv = u64map_get(out.ix, keys[i] | 1, &old) ? out.row[old] :
		    zero;
		cat = (int)(keys[i] >> 1 & 0x7f);
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_fieldf(w, "%0*llu", S.bylvl,
		    (unsigned long long)(keys[i] >> 8));
		csvw_field(w, lvlname(S.bylvl), (size_t)-1);
		csvw_field(w, S.cat[cat].code, (size_t)-1);
		for (j = 0; j < NK; j++)
			csvw_fieldf(w, "%llu", (unsigned long long)cur[j]);
		csvw_fieldf(w, "%llu", (unsigned long long)prv[K_EVENTS]);
		write_change(w, cur[K_EVENTS], prv[K_EVENTS]);
		csvw_endrec(w);
	}
	free(keys);
	u64map_free(out.ix);
	free(out.row);
	free(out.key);
}

static void
write_partial(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "category", "events", "by_worker",
		"by_resident", "by_hotline", "by_inspection", "immediate", "late"
	};
	uint64_t *keys, old;
	size_t i;
	int j, cat;

	keys = xreallocarray(NULL, S.tab.n + 1, sizeof *keys);
	if (S.tab.n)
		memcpy(keys, S.tab.key, S.tab.n * sizeof *keys);
	qsort(keys, S.tab.n, sizeof *keys, keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.tab.n; i++) {
		u64map_get(S.tab.ix, keys[i], &old);
		cat = (int)(keys[i] >> 1 & 0x7f);
		csvw_field(w, S.label[keys[i] & 1], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)(keys[i] >> 8));
		csvw_field(w, S.cat[cat].code, (size_t)-1);
		for (j = 0; j < NK; j++)
			csvw_fieldf(w, "%llu",
			    (unsigned long long)S.tab.row[old][j]);
		csvw_endrec(w);
	}
	free(keys);
}

static void
write_zero(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "village_code", "township_code",
		"events", "prev_by_worker"
	};
	u64map *g;
	uint64_t *tot, old, grid;
	size_t i, ng;

	/* per grid of the table: events now, worker events now and before */
	if (S.ngrid)
		qsort(S.grid, S.ngrid, sizeof *S.grid, keycmp);
	g = u64map_new(S.ngrid);
	for (i = ng = 0; i < S.ngrid; i++)
		if (i == 0 || S.grid[i] != S.grid[i - 1])
			S.grid[ng++] = S.grid[i];
	S.ngrid = ng;
	tot = xcalloc(ng * 3 + 1, sizeof *tot);
	for (i = 0; i < ng; i++)
		u64map_put(g, S.grid[i], i);
	for (i = 0; i < S.tab.n; i++) {
		if (!u64map_get(g, S.tab.key[i] >> 8, &old))
			continue;
		if (S.tab.key[i] & 1)
			tot[old * 3 + 2] += S.tab.row[i][K_WORKER];
		else {
			tot[old * 3] += S.tab.row[i][K_EVENTS];
			tot[old * 3 + 1] += S.tab.row[i][K_WORKER];
		}
	}
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < ng; i++) {
		if (tot[i * 3 + 1] > 0)
			continue;
		grid = S.grid[i];
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)grid);
		csvw_fieldf(w, "%012llu", (unsigned long long)(grid / 1000));
		csvw_fieldf(w, "%09llu", (unsigned long long)(grid / 1000000));
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3]);
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3 + 2]);
		csvw_endrec(w);
	}
	free(tot);
	u64map_free(g);
}

static int
urowcmp(const void *a, const void *b)
{
	const struct urow *x = a, *y = b;

	if (x->found != y->found)
		return x->found < y->found ? -1 : 1;
	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	return strcmp(S.arena.s + x->id, S.arena.s + y->id);
}

static void
write_urgent(csvw *w)
{
	static const char *const hdr[] = {
		"period", "event_id", "grid_code", "category", "urgency",
		"source", "reporter_id", "found_at", "reported_at",
		"delay_minutes", "late", "text"
	};
	struct urow *u;
	char tf[20], tr[20];
	size_t i;
	int imm;

	if (S.nurow)
		qsort(S.urow, S.nurow, sizeof *S.urow, urowcmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.nurow; i++) {
		u = &S.urow[i];
		imm = S.cat[u->cat].urg == 0;
		datetime_fmt(u->found, tf);
		datetime_fmt(u->rep, tr);
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_field(w, S.arena.s + u->id, (size_t)-1);
		csvw_field(w, S.arena.s + u->grid, (size_t)-1);
		csvw_field(w, S.cat[u->cat].code, (size_t)-1);
		csvw_field(w, S.urg[S.cat[u->cat].urg], (size_t)-1);
		csvw_field(w, S.arena.s + u->src, (size_t)-1);
		csvw_field(w, S.arena.s + u->reporter, (size_t)-1);
		csvw_field(w, tf, (size_t)-1);
		csvw_field(w, tr, (size_t)-1);
		csvw_fieldf(w, "%lld", (long long)((u->rep - u->found) / 60));
		csvw_field(w, imm ? (u->rep - u->found > S.late_secs ?
		    "1" : "0") : "", (size_t)-1);
		csvw_field(w, S.arena.s + u->text, (size_t)-1);
		csvw_endrec(w);
	}
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"classify", no_argument, 0, OPT_CLASSIFY},
		{"period", required_argument, 0, OPT_PERIOD},
		{"by", required_argument, 0, OPT_BY},
		{"zero", no_argument, 0, OPT_ZERO},
		{"urgent", no_argument, 0, OPT_URGENT},
		{"partial", no_argument, 0, OPT_PARTIAL},
		{"merge", no_argument, 0, OPT_MERGE},
		{"rules", required_argument, 0, OPT_RULES},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *gridfile = NULL, *rulesfile = NULL, *by = NULL;
	char *gv[2];
	int ch, nmode = 0, status;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.mode = M_REPORT;
	S.bylvl = LVL_COUNTY;
	while ((ch = getopt_long(argc, argv, "E:G:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'G':
			gridfile = optarg;
			break;
		case OPT_BY:
			by = optarg;
			if ((S.bylvl = lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county, city or province", optarg);
			break;
		case OPT_CLASSIFY:
			S.mode = M_CLASSIFY;
			nmode++;
			break;
		case OPT_MERGE:
			S.merge = 1;
			break;
		case OPT_PARTIAL:
			S.mode = M_PARTIAL;
			nmode++;
			break;
		case OPT_PERIOD:
			if (strcmp(optarg, "day") == 0)
				S.per = P_DAY;
			else if (strcmp(optarg, "week") == 0)
				S.per = P_WEEK;
			else if (strcmp(optarg, "month") == 0)
				S.per = P_MONTH;
			else
				die("--period '%s': not day, week or month",
				    optarg);
			break;
		case OPT_RULES:
			rulesfile = optarg;
			break;
		case OPT_URGENT:
			S.mode = M_URGENT;
			nmode++;
			break;
		case OPT_ZERO:
			S.mode = M_ZERO;
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
		die("--classify, --zero, --urgent and --partial exclude each "
		    "other");
	if (o.store || o.regions || o.as_of)
		die("event-report takes none of -d, -R, --as-of");
	if (S.mode == M_CLASSIFY) {
		if (S.per || o.at || o.month || o.week || by || gridfile ||
		    S.merge)
			die("--classify takes no period, --by, -G or --merge");
	} else
		set_period(o.at, o.month, o.week);
	if (S.mode == M_ZERO && !gridfile)
		die("--zero needs -G GRIDS: the grids that should have "
		    "reported");
	if (gridfile && S.mode != M_ZERO)
		die("-G is for --zero");
	if (S.merge && (S.mode == M_URGENT || S.mode == M_PARTIAL))
		die("--merge makes the counts report or --zero, not --urgent "
		    "or --partial");
	if (S.merge && argc == 0)
		die("--merge needs the PART files written by --partial");
	if (by && S.mode != M_REPORT)
		die("--by is for the counts report");

	load_policy(o.policy, rulesfile);
	S.tablvl = S.mode == M_PARTIAL || S.mode == M_ZERO ? LVL_GRID :
	    S.bylvl;
	S.tabdiv = pow10u(LVL_GRID - S.tablvl);
	S.tab.ix = u64map_new(1024);
	S.ids = idset_new();
	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	S.first = 1;

	if (S.mode == M_CLASSIFY)
		precheck(argc, argv);
	w = gw_out(&o, stdout);
	if (S.mode == M_CLASSIFY)
		S.out = w;
	if (S.merge)
		status = gw_loop(&S.run, argc, argv, &S.ropt, part_hdr,
		    part_rec, NULL);
	else
		status = gw_loop(&S.run, argc, argv, &S.ropt, ev_hdr, ev_rec,
		    NULL);
	if (status < 0)
		gw_exit(GW_FATAL);
	if (S.mode == M_ZERO) {
		/* after the events, so that the rejects file takes their
		   header, as every other mode's does */
		gv[0] = (char *)gridfile;
		gv[1] = NULL;
		if (gw_loop(&S.run, 1, gv, &S.ropt, grid_hdr, grid_rec,
		    NULL) < 0)
			gw_exit(GW_FATAL);
	}
	switch (S.mode) {
	case M_REPORT:
		write_report(w);
		break;
	case M_PARTIAL:
		write_partial(w);
		break;
	case M_ZERO:
		write_zero(w);
		break;
	case M_URGENT:
		write_urgent(w);
		break;
	case M_CLASSIFY:
		if (S.first)	/* no input header at all: an empty file */
			csvw_header(w, NULL, 0);
		break;
	}
	if (csvw_close(w) < 0)
		status = GW_FATAL;
	else
		status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
