/*
 * gw-screen — the qualification review and ranking of grid-worker
 * candidates (gridwork-rules(7), WORKERS AND SCREENING), and the masked shortlist for public notice.
 *
 * Contract: every candidate row read is either rejected (bad flag, bad
 * score, bad grid code, duplicate candidate_id; reported FILE:LINE and
 * to -r) or written exactly once, in input order, with
 * status,reasons,age,priority,total,rank,selected appended.  A candidate
 * is ineligible when any disqualification switched on in the policy
 * applies (D1-D10, and the X-rules a profile adds), else review when any
 * R-code applies, else eligible; reasons lists every code that applies,
 * D-codes first, then X-codes, then R-codes.  A remark pattern names
 * every rule its matter falls under and reviews when any of them is on
 * and none applies yet, so that no profile passes in silence a matter
 * it disqualifies by another rule (行政拘留: D4 and D5).  Nothing a rule
 * depends on is a constant here: switches, age band, education ladder
 * and minimum, the remark patterns, the score weight, the priority
 * attributes, the rules a profile adds (Xn, Pn: gridwork-policy(5)) and
 * the code of each blacklist come from the [screen] section of the
 * policy and the files it names.
 *
 * Ranking needs every row, so rows are kept (their fields packed into
 * one arena) and written at the end; a fatal error therefore leaves
 * stdout empty.  Identity numbers are compared as exact 64-bit keys
 * (hash.c), so a million-number blacklist costs one probe per candidate.
 * Totals are integer hundredths computed from scores in ten-thousandths
 * and rounded half-up once.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-screen [-E enc] [-i csv | tsv] [-o csv | tsv | jsonl | xlsx]\n"
    "                 [-p policy] [-r rejects] [-b [code=]file] ...\n"
    "                 --as-of date [--vacancies file] [--publicity] [--zh]\n"
    "                 [--excel] [file ...]\n";

enum { OPT_VACANCIES = OPT_CMD, OPT_PUBLICITY };

/* The columns of the candidates contract (gridwork-store(5)). */
enum col {
	C_CID, C_IDNO, C_NAME, C_EDU, C_PARTY, C_TITLE, C_SWC, C_VET,
	C_DIBAO, C_CRIM, C_PEND, C_INV, C_DET, C_ADM, C_DISM, C_REMARKS,
	C_WRITTEN, C_INTERVIEW, C_GRID, NCOL
};
static const char *const colname[NCOL] = {
	"candidate_id", "id_number", "name", "education", "party_member",
	"title", "social_work_cert", "veteran", "dibao", "criminal_penalty",
	"pending_case", "under_investigation", "detained", "admin_penalty",
	"dismissed", "remarks", "written", "interview", "grid_code"
};
/* Flag column of Dk for k = 1..6 (index k - 1). */
static const enum col dflag[6] = {
	C_CRIM, C_PEND, C_INV, C_DET, C_ADM, C_DISM
};
static const enum col prioflag[5] = {
	C_PARTY, C_TITLE, C_SWC, C_VET, C_DIBAO
};

/* The columns appended; input columns of these names are replaced. */
static const char *const addname[] = {
	"status", "reasons", "age", "priority", "total", "rank", "selected"
};
#define NADD (sizeof addname / sizeof addname[0])
static const char *const pubname[] = {
	"name", "id_number", "grid_code", "total", "rank"
};
#define NPUB (sizeof pubname / sizeof pubname[0])

#define NDCODE 10	/* D1..D10 */
#define RMAX 64		/* distinct R-codes: bits of struct cand.rbits */
#define R_EDU 90	/* education level not recognised */
#define R_DUPID 91	/* identity number shared with another candidate */

/* A code: D1..D10 as 1..10, R-codes as 1000 + n. */
#define RBASE 1000

/* A remark pattern of share/screen/remarks-*.tsv or of an Xn.remarks
   key.  It sends to review when one of its rules is switched on and
   none of them applies already; a pattern of no rule always does. */
struct remark {
	int rbit;	/* bit in rbits for its R-code */
	uint16_t dmask;	/* related D-codes: bit k - 1 for Dk */
	uint32_t xmask;	/* related X-codes: bit n - 1 for Xn */
	rx *re;
	char *pat;	/* as written, for messages */
};

#define NXCODE 32	/* X1..X32: disqualifications a profile adds */
#define NPCODE 32	/* P1..P32: priorities a profile adds */

/* A rule a profile adds (gridwork-policy(5)): Xn a disqualification,
   Pn a priority, judged by a 0/1 flag column and, for Xn, by remarks. */
struct xrule {
	int on;			/* the switch Xn / Pn */
	int set;		/* the switch was given */
	char *column;		/* the flag column, NULL when none */
	char *header;		/* another header that names it, or NULL */
	char *reason;		/* what the rule is, for messages */
	const char *file;	/* where the rule was set: its switch, */
	int line;		/* else its first key */
	const char *cfile;	/* where the column was named */
	int cline;
	int src;		/* this file: field of the column, -1 */
};

/* A blacklist: every -b file with the same code shares one set. */
struct list {
	int code;	/* 1..10 or RBASE + n */
	u64map *ids;	/* hash_idno keys */
};

/* A grid seen in --vacancies or in the candidates; S.g[i] is grid i
   of S.gtab. */
struct grid {
	long vac;	/* vacancies, -1 when not listed */
	long vacline;	/* line of the vacancies row */
	unsigned order;	/* position of code in byte order */
};

/* A kept candidate.  Fields are NUL-separated at arena[off...]. */
struct cand {
	size_t off;		/* first field in the arena */
	long line;		/* line the row starts on */
	uint64_t rbits;		/* R-codes, bit i = rcode[i] */
	int64_t total;		/* hundredths, -1 when a score is missing */
	uint32_t file;		/* index into files */
	uint32_t grid;		/* index into grids */
	uint32_t rank;		/* 1.., 0 when not ranked */
	uint32_t xbits;		/* bit n - 1 for Xn */
	uint16_t dbits;		/* bit k - 1 for Dk */
	int16_t age;		/* full years, -1 when unknown */
	uint8_t prio;		/* priority attributes held */
	uint8_t sel;		/* 1 selected */
};

/* Everything one run knows; one static instance. */
static struct {
	policy *pol;
	long asof;			/* day number of --as-of */
	int don[NDCODE + 1];		/* don[k]: Dk switched on */
	uint16_t don_mask;		/* bit k - 1: Dk switched on */
	uint32_t xon_mask;		/* bit n - 1: Xn switched on */
	long age_min, age_max;
	int64_t wweight;		/* weight of written, 1/10000 */
	int prio_on[5];			/* prio_on[i]: prioflag[i] counts */
	char **title_none;		/* titles that mean none */
	size_t ntitle_none;
	char **cert_none;		/* social_work_cert values that mean
					   none: any other is a certificate */
	size_t ncert_none;
	strtab *edu;			/* spellings of education levels */
	int *edurung;			/* rung of each spelling */
	char **rung;			/* ladder, lowest first */
	size_t nrung;
	int edu_min;			/* rung of the minimum */
	struct remark *rem;
	size_t nrem;
	int rcode[RMAX];		/* R number of each rbits bit */
	int nrcode;
	struct list *list;
	size_t nlist;
	struct xrule x[NXCODE + 1];	/* x[n]: Xn; x[0] unused */
	struct xrule p[NPCODE + 1];	/* p[n]: Pn; p[0] unused */

	struct gw_run run;
	struct csvr_opt ropt;		/* for the candidates */
	struct csvr_opt sideopt;	/* for -b and --vacancies */

	/* output columns (from the first candidates file) */
	char **ocol;
	size_t nocol;
	int opos[NCOL];			/* output column of each contract
					   column, -1 when absent */
	int *src;			/* this file: output column -> field
					   of the record, or -1 */
	int first;			/* 1 until the first header is seen */

	struct sbuf arena;
	struct cand *c;
	size_t nc, ccap;
	strtab *cids;			/* candidate_id of c[i] is string i */
	u64map *idix;			/* hash_idno -> index */
	char **files;
	size_t nfiles;

	struct grid *g;
	size_t ng, gcap;
	strtab *gtab;			/* grid codes; code of g[i] is string i */
	int have_vac;
} S;

static int is_added(const char *);

static const char *
policy_need(const char *key)
{
	const char *v = policy_get(S.pol, "screen", key);

	if (!v)
		die("policy %s: missing key 'screen.%s'", policy_name(S.pol),
		    key);
	return v;
}

/* Dies naming where screen.key was set: its value is wrong. */
static _Noreturn void
policy_bad(const char *key, const char *fmt, const char *what)
{
	const struct policy_kv *kv;
	size_t i, n;

	kv = policy_section(S.pol, "screen", &n);
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			die("%s:%d: key '%s': %s%s", kv[i].file, kv[i].line,
			    key, fmt, what);
	die("policy %s: key 'screen.%s': %s%s", policy_name(S.pol), key,
	    fmt, what);
}

static int
isblank_ascii(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims ASCII blanks and U+3000 (ideographic space) from s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	size_t len = *n;

	for (;;) {
		if (len > 0 && isblank_ascii((unsigned char)*s))
			s++, len--;
		else if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3, len -= 3;
		else
			break;
	}
	for (;;) {
		if (len > 0 && isblank_ascii((unsigned char)s[len - 1]))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	*n = len;
	return s;
}

/*
 * A non-negative decimal with at most four decimals, full-width digits
 * allowed, in ten-thousandths; at most 6 integer digits, so that a
 * weighted sum stays far inside int64.  0, or -1 with *why.
 */
static int
dec4(const char *s, size_t n, int64_t *v, const char **why)
{
	char buf[64];
	int64_t x = 0;
	int ndig = 0, nfrac = -1;
	size_t i;

	s = trim(s, &n);
	if (n == 0 || n >= sizeof buf) {
		*why = n ? "too long" : "empty";
		return -1;
	}
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	for (i = 0; i < n; i++) {
		if (buf[i] == '.' && nfrac < 0 && ndig > 0) {
			nfrac = 0;
			continue;
		}
		if (buf[i] < '0' || buf[i] > '9') {
			*why = "not a non-negative number";
			return -1;
		}
		if (nfrac >= 0) {
			if (++nfrac > 4) {
				*why = "more than four decimals";
				return -1;
			}
		} else if (++ndig > 6) {
			*why = "too large";
			return -1;
		}
		x = x * 10 + (buf[i] - '0');
	}
	if (nfrac == 0) {
		*why = "not a non-negative number";
		return -1;
	}
	for (nfrac = nfrac < 0 ? 0 : nfrac; nfrac < 4; nfrac++)
		x *= 10;
	*v = x;
	return 0;
}

/* "D7" -> 7, "R12" -> RBASE + 12; -1 when s is no code. */
static int
code_parse(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (n < 2 || n > 4 || (s[0] != 'D' && s[0] != 'R'))
		return -1;
	for (i = 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (s[1] == '0')
		return -1;
	if (s[0] == 'D')
		return v >= 1 && v <= NDCODE ? (int)v : -1;
	return RBASE + (int)v;
}

/* Bit of R-code n in rbits, added when new. */
static int
rbit(int n)
{
	int i;

	for (i = 0; i < S.nrcode; i++)
		if (S.rcode[i] == n)
			return i;
	if (S.nrcode == RMAX)
		die("more than %d distinct R-codes", RMAX);
	S.rcode[S.nrcode] = n;
	return S.nrcode++;
}

/* Splits a policy value at blanks and commas into a new vector. */
static char **
words(const char *v, size_t *n)
{
	char **w = NULL;
	const char *p = v, *e;

	*n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != ','; e++)
			;
		w = xreallocarray(w, *n + 1, sizeof *w);
		w[(*n)++] = xstrndup(p, (size_t)(e - p));
		p = e;
	}
	return w;
}

static void
freewords(char **w, size_t n)
{
	while (n > 0)
		free(w[--n]);
	free(w);
}

/* Index of the column named s, or NCOL. */
static enum col
col_lookup(const char *s)
{
	int i;

	for (i = 0; i < NCOL; i++)
		if (strcmp(colname[i], s) == 0)
			return (enum col)i;
	return NCOL;
}

/* Reads a policy-named table: lines of tab-separated fields; '#' starts
   a comment line.  Calls fn(fields, n, path, lineno) for each line. */
static void
table_read(const char *key, void (*fn)(char **, size_t, const char *, int))
{
	const char *path;
	char *line = NULL, *f[8], *p;
	size_t cap = 0, n;
	ssize_t len;
	int lineno = 0;
	FILE *fp;

	(void)policy_need(key);
	path = policy_path(S.pol, "screen", key);
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
		fn(f, n, path, lineno);
	}
	if (ferror(fp))
		die("%s:", path);
	fclose(fp);
	free(line);
	free((char *)path);
}

static void
edu_line(char **f, size_t n, const char *path, int lineno)
{
	size_t i, len, k;
	const char *s;
	int isnew;

	if (n != 2)
		die("%s:%d: expected 'spelling<TAB>level'", path, lineno);
	for (i = 0; i < S.nrung; i++)
		if (strcmp(S.rung[i], f[1]) == 0)
			break;
	if (i == S.nrung)
		die("%s:%d: level '%s' is not on the ladder (screen."
		    "education_ladder)", path, lineno, f[1]);
	len = strlen(f[0]);
	s = trim(f[0], &len);
	if (len == 0)
		die("%s:%d: empty spelling", path, lineno);
	k = strtab_add(S.edu, s, len, &isnew);
	if (!isnew)
		die("%s:%d: spelling '%s' listed twice", path, lineno,
		    strtab_str(S.edu, k));
	S.edurung = xreallocarray(S.edurung, k + 1, sizeof *S.edurung);
	S.edurung[k] = (int)i;
}

/*
 * The rules a remark pattern falls under: "-" (none), or D-codes, flag
 * columns of D1-D6, X-codes and flag columns of X-rules, joined by
 * commas.  0, or -1 with the word that is none of these in *bad.
 */
static int
related_parse(const char *s, uint16_t *dmask, uint32_t *xmask, char **bad)
{
	char **w;
	size_t n, i;
	int code, k, ok = 0;

	*dmask = 0;
	*xmask = 0;
	*bad = NULL;
	if (strcmp(s, "-") == 0)
		return 0;
	w = words(s, &n);
	for (i = 0; i < n; i++) {
		enum col c = col_lookup(w[i]);

		if ((code = code_parse(w[i], strlen(w[i]))) > 0 &&
		    code <= NDCODE) {
			*dmask |= 1u << (code - 1);
			continue;
		}
		for (k = 0; k < 6; k++)
			if (c != NCOL && dflag[k] == c)
				break;
		if (k < 6) {
			*dmask |= 1u << k;
			continue;
		}
		for (k = 1; k <= NXCODE; k++) {
			char xs[8];

			if (!S.x[k].set)
				continue;
			snprintf(xs, sizeof xs, "X%d", k);
			if (strcmp(w[i], xs) == 0 || (S.x[k].column &&
			    strcmp(w[i], S.x[k].column) == 0))
				break;
		}
		if (k <= NXCODE) {
			*xmask |= 1u << (k - 1);
			continue;
		}
		*bad = xstrdup(w[i]);
		break;
	}
	ok = n > 0 && !*bad;
	freewords(w, n);
	if (n == 0)
		*bad = xstrdup("");
	return ok ? 0 : -1;
}

/* Adds a remark pattern of R-code text rc; where is "FILE:LINE" or
   "FILE:LINE: key 'k'" for messages. */
static void
remark_add(const char *rc, uint16_t dmask, uint32_t xmask, const char *pat,
    const char *where)
{
	struct remark *r;
	const char *why;
	int code;

	code = code_parse(rc, strlen(rc));
	if (code <= RBASE || code - RBASE >= R_EDU)
		die("%s: '%s' is not an R-code R1-R%d", where, rc, R_EDU - 1);
	S.rem = xreallocarray(S.rem, S.nrem + 1, sizeof *S.rem);
	r = &S.rem[S.nrem];
	r->rbit = rbit(code - RBASE);
	r->dmask = dmask;
	r->xmask = xmask;
	if (!(r->re = rx_compile(pat, 0, &why)))
		die("%s: bad pattern '%s' %s", where, pat, why);
	r->pat = xstrdup(pat);
	S.nrem++;
}

static void
remark_line(char **f, size_t n, const char *path, int lineno)
{
	char where[PATH_MAX + 32], *bad;
	uint16_t dmask;
	uint32_t xmask;

	if (n != 3)
		die("%s:%d: expected 'R-code<TAB>related<TAB>pattern'", path,
		    lineno);
	snprintf(where, sizeof where, "%s:%d", path, lineno);
	if (related_parse(f[1], &dmask, &xmask, &bad) < 0)
		die("%s: related '%s': '%s' is neither '-', a D-code, a flag "
		    "column of D1-D6 nor an X-code of the policy", where, f[1],
		    bad);
	remark_add(f[0], dmask, xmask, f[2], where);
}

/* A flag column a profile names: lower-case ASCII letters, digits and
   '_', and no column gw-screen knows otherwise. */
static const char *
xcolumn_bad(const char *s)
{
	size_t i;

	if (!*s)
		return "empty";
	for (i = 0; s[i]; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && !(s[i] >= '0' &&
		    s[i] <= '9') && s[i] != '_')
			return "not a column name (a-z, 0-9, _)";
	if (col_lookup(s) != NCOL || is_added(s))
		return "a column of the candidates contract";
	return NULL;
}

/*
 * The rules a profile adds: Xn (disqualifications) and Pn (priorities),
 * n from 1, each a switch "Xn = on" with Xn.column, Xn.header,
 * Xn.reason and, for Xn, Xn.remarks (gridwork-policy(5)).
 */
static void
load_xrules(void)
{
	const struct policy_kv *kv, *rem[NXCODE + 1] = {0};
	const char *k, *sub, *why, *pat;
	size_t n, i, len;
	struct xrule *r;
	char rc[8], where[PATH_MAX + 64];
	long num;
	int isx, j, m;

	kv = policy_section(S.pol, "screen", &n);
	for (i = 0; i < n; i++) {
		k = kv[i].key;
		if ((k[0] != 'X' && k[0] != 'P') || k[1] < '0' || k[1] > '9')
			continue;
		isx = k[0] == 'X';
		for (num = 0, j = 1; k[j] >= '0' && k[j] <= '9' && j < 4; j++)
			num = num * 10 + (k[j] - '0');
		if ((k[j] && k[j] != '.') || k[1] == '0' || num < 1 ||
		    num > (isx ? NXCODE : NPCODE))
			die("%s:%d: key '%s': not a rule code %c1-%c%d",
			    kv[i].file, kv[i].line, k, k[0], k[0],
			    isx ? NXCODE : NPCODE);
		r = isx ? &S.x[num] : &S.p[num];
		if (!r->file) {
			r->file = kv[i].file;
			r->line = kv[i].line;
		}
		sub = k[j] ? k + j + 1 : NULL;
		if (!sub) {
			if (policy_bool(S.pol, "screen", k, &r->on, &why) < 0)
				die("%s", why);
			r->set = 1;
			r->file = kv[i].file;
			r->line = kv[i].line;
		} else if (strcmp(sub, "column") == 0) {
			const char *b = xcolumn_bad(kv[i].val);

			if (b)
				die("%s:%d: key '%s': %s: '%s'", kv[i].file,
				    kv[i].line, k, b, kv[i].val);
			r->column = xstrdup(kv[i].val);
			r->cfile = kv[i].file;
			r->cline = kv[i].line;
		} else if (strcmp(sub, "header") == 0 && kv[i].val[0])
			r->header = xstrdup(kv[i].val);
		else if (strcmp(sub, "reason") == 0 && kv[i].val[0])
			r->reason = xstrdup(kv[i].val);
		else if (isx && strcmp(sub, "remarks") == 0 && kv[i].val[0])
			rem[num] = &kv[i];
		else
			die("%s:%d: key '%s': not a setting of a rule (%s, "
			    "header and reason, none empty)", kv[i].file,
			    kv[i].line, k, isx ? "column, remarks" : "column");
	}
	for (m = 0; m < 2; m++) {
		for (num = 1; num <= (m ? NPCODE : NXCODE); num++) {
			char c = m ? 'P' : 'X';

			r = m ? &S.p[num] : &S.x[num];
			r->src = -1;
			if (!r->file)
				continue;
			if (!r->set)
				die("%s:%d: rule %c%ld has no switch '%c%ld = "
				    "on' or 'off'", r->file, r->line, c, num, c,
				    num);
			if (!r->reason)
				die("%s:%d: rule %c%ld has no %c%ld.reason",
				    r->file, r->line, c, num, c, num);
			if (!r->column && (m || !rem[num]))
				die("%s:%d: rule %c%ld has no %c%ld.column%s",
				    r->file, r->line, c, num, c, num,
				    m ? "" : " and no X.remarks");
			if (!r->column)
				continue;
			/* a header must not be the name of another column
			   (拘留 is detained by share/aliases.csv) */
			if (r->header) {
				const char *cn = alias_canon(r->header);

				if (strcmp(cn, r->header) != 0 &&
				    strcmp(cn, r->column) != 0)
					die("%s:%d: rule %c%ld: header '%s' is "
					    "column '%s' by the aliases",
					    r->file, r->line, c, num,
					    r->header, cn);
			}
			/* one column, one rule */
			for (j = 1; j <= NXCODE + NPCODE; j++) {
				struct xrule *o = j <= NXCODE ? &S.x[j] :
				    &S.p[j - NXCODE];

				if (o == r || !o->column)
					continue;
				if (strcmp(o->column, r->column) == 0 ||
				    (o->header && r->header &&
				    strcmp(o->header, r->header) == 0))
					die("%s:%d: rule %c%ld: column '%s' is "
					    "also the column of another rule",
					    r->cfile, r->cline, c, num,
					    r->column);
			}
		}
	}
	for (num = 1; num <= NXCODE; num++) {
		if (!rem[num])
			continue;
		/* "R-code pattern": the pattern is the rest, blanks kept */
		len = strcspn(rem[num]->val, " \t");
		pat = rem[num]->val + len + strspn(rem[num]->val + len, " \t");
		snprintf(where, sizeof where, "%s:%d: key '%s'",
		    rem[num]->file, rem[num]->line, rem[num]->key);
		if (len >= sizeof rc || !*pat)
			die("%s: expected 'R-code pattern'", where);
		memcpy(rc, rem[num]->val, len);
		rc[len] = '\0';
		remark_add(rc, 0, 1u << (num - 1), pat, where);
	}
}

static void
load_policy(const char *name)
{
	const char *why, *v;
	char key[8], **w;
	size_t i, j, n;
	int on;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	for (i = 1; i <= NDCODE; i++) {
		snprintf(key, sizeof key, "D%zu", i);
		if (policy_bool(S.pol, "screen", key, &on, &why) < 0)
			die("%s", why);
		S.don[i] = on;
	}
	if (policy_int(S.pol, "screen", "age_min", &S.age_min, &why) < 0 ||
	    policy_int(S.pol, "screen", "age_max", &S.age_max, &why) < 0)
		die("%s", why);
	if (S.age_min < 0 || S.age_max < S.age_min || S.age_max > 200)
		policy_bad("age_max", "age band ", "out of order or range");

	v = policy_need("written_weight");
	if (dec4(v, strlen(v), &S.wweight, &why) < 0 || S.wweight > 10000)
		policy_bad("written_weight", "not a weight from 0 to 1: ", v);

	w = words(policy_need("priority"), &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 5; j++)
			if (strcmp(w[i], colname[prioflag[j]]) == 0)
				break;
		if (j == 5)
			policy_bad("priority", "not a priority attribute: ",
			    w[i]);
		S.prio_on[j] = 1;
	}
	freewords(w, n);
	v = policy_get(S.pol, "screen", "title_none");
	S.title_none = words(v ? v : "", &S.ntitle_none);
	v = policy_get(S.pol, "screen", "cert_none");
	S.cert_none = words(v ? v : "", &S.ncert_none);

	S.rung = words(policy_need("education_ladder"), &S.nrung);
	if (S.nrung == 0)
		policy_bad("education_ladder", "empty", "");
	v = policy_need("education_min");
	for (i = 0; i < S.nrung; i++)
		if (strcmp(S.rung[i], v) == 0)
			break;
	if (i == S.nrung)
		policy_bad("education_min", "not on the ladder: ", v);
	S.edu_min = (int)i;
	S.edu = strtab_new();
	table_read("education", edu_line);
	/* the ladder's own names are always spellings of themselves */
	for (i = 0; i < S.nrung; i++) {
		int isnew;
		size_t k = strtab_add(S.edu, S.rung[i], strlen(S.rung[i]),
		    &isnew);

		if (isnew) {
			S.edurung = xreallocarray(S.edurung, k + 1,
			    sizeof *S.edurung);
			S.edurung[k] = (int)i;
		}
	}
	load_xrules();
	table_read("remarks", remark_line);
	for (i = 1; i <= NDCODE; i++)
		if (S.don[i])
			S.don_mask |= 1u << (i - 1);
	for (i = 1; i <= NXCODE; i++)
		if (S.x[i].on)
			S.xon_mask |= 1u << (i - 1);
	rbit(R_EDU);
	rbit(R_DUPID);
}

/* --- blacklists ----------------------------------------------------- */

struct blarg {
	struct list *l;
	int col;
};

static int
bl_hdr(csvr *r, void *arg)
{
	struct blarg *a = arg;

	if ((a->col = csvr_col(r, "id_number")) < 0) {
		warn("%s: missing column 'id_number'", csvr_name(r));
		return -1;
	}
	return 0;
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
	u64map_add(a->l->ids, hash_idno(id.s), 0, NULL);
	return 0;
}

/* -b [CODE=]FILE */
static void
load_list(char *arg)
{
	struct blarg a;
	char *eq, *file = arg, key[PATH_MAX], *base, *dot;
	const char *v;
	int code = -1;
	size_t i;

	/* D or R and digits before '=' is a code, and must be a good one */
	if ((eq = strchr(arg, '=')) && eq - arg >= 2 &&
	    (arg[0] == 'D' || arg[0] == 'R') &&
	    strspn(arg + 1, "0123456789") == (size_t)(eq - arg - 1)) {
		if ((code = code_parse(arg, (size_t)(eq - arg))) < 0)
			die("-b %s: '%.*s' is not a code D1-D10 or R1-R89",
			    arg, (int)(eq - arg), arg);
		file = eq + 1;
	}
	if (code < 0) {
		base = strrchr(file, '/');
		base = base ? base + 1 : file;
		snprintf(key, sizeof key, "list.%s", base);
		if ((dot = strrchr(key, '.')) && dot > key + 5)
			*dot = '\0';
		if (!(v = policy_get(S.pol, "screen", key)))
			v = policy_need(strcpy(key, "list"));
		if ((code = code_parse(v, strlen(v))) < 0)
			policy_bad(key, "not a D- or R-code: ", v);
	}
	if (code > RBASE && code - RBASE >= R_EDU)
		die("-b %s: R%d is reserved", arg, code - RBASE);
	for (i = 0; i < S.nlist; i++)
		if (S.list[i].code == code)
			break;
	if (i == S.nlist) {
		S.list = xreallocarray(S.list, S.nlist + 1, sizeof *S.list);
		S.list[i].code = code;
		S.list[i].ids = u64map_new(1024);
		S.nlist++;
		if (code > RBASE)
			rbit(code - RBASE);
	}
	a.l = &S.list[i];
	if (gw_loop(&S.run, 1, &file, &S.sideopt, bl_hdr, bl_rec, &a) < 0)
		gw_exit(GW_FATAL);
}

/* --- grids and vacancies -------------------------------------------- */

/* Index of grid code s[0..n), added when new. */
static uint32_t
grid_intern(const char *s, size_t n)
{
	int isnew;
	size_t i = strtab_add(S.gtab, s, n, &isnew);

	if (isnew) {
		if (S.ng == S.gcap) {
			S.gcap = S.gcap ? S.gcap * 2 : 256;
			S.g = xreallocarray(S.g, S.gcap, sizeof *S.g);
		}
		S.g[S.ng].vac = -1;
		S.g[S.ng].vacline = 0;
		S.ng++;
	}
	return (uint32_t)i;
}

static const char *
grid_code(uint32_t g)
{
	return strtab_str(S.gtab, g);
}

struct vacarg {
	int gcol, vcol;
};

static int
vac_hdr(csvr *r, void *arg)
{
	struct vacarg *a = arg;

	a->gcol = csvr_col(r, "grid_code");
	a->vcol = csvr_col(r, "vacancies");
	if (a->gcol < 0 || a->vcol < 0) {
		warn("%s: missing column '%s'", csvr_name(r),
		    a->gcol < 0 ? "grid_code" : "vacancies");
		return -1;
	}
	return 0;
}

static int
vac_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct vacarg *a = arg;
	const char *s, *why;
	size_t n;
	long v = 0;
	uint32_t g;

	n = rec->len[a->gcol];
	s = trim(rec->f[a->gcol], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "%s", why);
		return 1;
	}
	g = grid_intern(s, n);
	if (S.g[g].vac >= 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "grid %s already listed on line %ld", grid_code(g),
		    S.g[g].vacline);
		return 1;
	}
	n = rec->len[a->vcol];
	s = trim(rec->f[a->vcol], &n);
	if (n == 0 || n > 6 || strspn(s, "0123456789") != n) {
		gw_reject(&S.run, csvr_name(r), rec->line, "vacancies", rec,
		    "not a whole number from 0 to 999999");
		return 1;
	}
	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	S.g[g].vac = v;
	S.g[g].vacline = rec->line;
	return 0;
}

static void
load_vacancies(char *file)
{
	struct vacarg a;

	if (gw_loop(&S.run, 1, &file, &S.sideopt, vac_hdr, vac_rec, &a) < 0)
		gw_exit(GW_FATAL);
	S.have_vac = 1;
}

/* --- candidates ----------------------------------------------------- */

/* Required: every contract column but the flags of rules switched off. */
static int
required(enum col c)
{
	int k;

	for (k = 0; k < 6; k++)
		if (dflag[k] == c)
			return S.don[k + 1];
	return 1;
}

static int
is_added(const char *name)
{
	size_t i;

	for (i = 0; i < NADD; i++)
		if (strcmp(addname[i], name) == 0)
			return 1;
	return 0;
}

static int
cand_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t i, n = csvr_ncols(r);
	int c;

	(void)arg;
	for (c = 0; c < NCOL; c++) {
		if (required((enum col)c) && csvr_col(r, colname[c]) < 0) {
			warn("%s: missing column '%s'", csvr_name(r),
			    colname[c]);
			return -1;
		}
	}
	if (S.first) {
		/* the first file's columns are the output's columns */
		S.first = 0;
		for (i = 0; i < n; i++) {
			if (is_added(h[i]))
				continue;
			S.ocol = xreallocarray(S.ocol, S.nocol + 1,
			    sizeof *S.ocol);
			S.ocol[S.nocol++] = xstrdup(h[i]);
		}
		for (c = 0; c < NCOL; c++) {
			S.opos[c] = -1;
			for (i = 0; i < S.nocol; i++)
				if (strcmp(S.ocol[i], colname[c]) == 0)
					S.opos[c] = (int)i;
		}
		S.src = xreallocarray(NULL, S.nocol ? S.nocol : 1,
		    sizeof *S.src);
	} else {
		for (c = 0; c < NCOL; c++)
			if (S.opos[c] < 0 && csvr_col(r, colname[c]) >= 0) {
				warn("%s: column '%s' is not in the first "
				    "file", csvr_name(r), colname[c]);
				return -1;
			}
	}
	for (i = 0; i < S.nocol; i++)
		S.src[i] = csvr_col(r, S.ocol[i]);
	/* the flag columns of the rules the profile adds, by name or by
	   their header; required while the rule is on */
	for (c = 1; c <= NXCODE + NPCODE; c++) {
		struct xrule *x = c <= NXCODE ? &S.x[c] : &S.p[c - NXCODE];

		if (!x->column)
			continue;
		x->src = csvr_col(r, x->column);
		if (x->src < 0 && x->header)
			x->src = csvr_col(r, x->header);
		if (x->src < 0 && x->on) {
			warn("%s: missing column '%s'%s%s%s (%c%d %s, %s:%d)",
			    csvr_name(r), x->column, x->header ? " ('" : "",
			    x->header ? x->header : "", x->header ? "')" : "",
			    c <= NXCODE ? 'X' : 'P',
			    c <= NXCODE ? c : c - NXCODE, x->reason, x->cfile,
			    x->cline);
			return -1;
		}
	}
	S.files = xreallocarray(S.files, S.nfiles + 1, sizeof *S.files);
	S.files[S.nfiles++] = xstrdup(csvr_name(r));
	return 0;
}

/* Field of contract column c in rec; "" when the column is absent. */
static const char *
fld(const struct gw_rec *rec, enum col c, size_t *n)
{
	int i = S.opos[c] < 0 ? -1 : S.src[S.opos[c]];

	if (i < 0) {
		*n = 0;
		return "";
	}
	*n = rec->len[i];
	return rec->f[i];
}

/* The value of a 0/1 flag: 0, 1, or -1 when it is something else. */
static int
flag(const struct gw_rec *rec, enum col c)
{
	size_t n;
	const char *s = fld(rec, c, &n);

	if (S.opos[c] < 0 || S.src[S.opos[c]] < 0)
		return 0;
	s = trim(s, &n);
	if (n == 1 && (*s == '0' || *s == '1'))
		return *s - '0';
	return -1;
}

/* The flag of a rule a profile adds: 0 when its column is absent. */
static int
xflag(const struct gw_rec *rec, const struct xrule *x)
{
	const char *s;
	size_t n;

	if (!x->column || x->src < 0)
		return 0;
	n = rec->len[x->src];
	s = trim(rec->f[x->src], &n);
	if (n == 1 && (*s == '0' || *s == '1'))
		return *s - '0';
	return -1;
}

/* 1 when column col holds a title or certificate of any level (初级,
   中级, 社会工作师 ...), 0 when it is empty or one of the none[]. */
static int
held(const struct gw_rec *rec, enum col col, char **none, size_t nnone)
{
	size_t n, i;
	const char *s = fld(rec, col, &n);

	s = trim(s, &n);
	if (n == 0)
		return 0;
	for (i = 0; i < nnone; i++)
		if (strlen(none[i]) == n && memcmp(none[i], s, n) == 0)
			return 0;
	return 1;
}

/* Rung of an education spelling, or -1. */
static int
edu_rung(const char *s, size_t n)
{
	long i;

	s = trim(s, &n);
	if (n == 0 || (i = strtab_find(S.edu, s, n)) < 0)
		return -1;
	return S.edurung[i];
}

static int
cand_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct cand c;
	struct idno id;
	const char *s, *why, *bad = NULL;
	size_t n, i, k;
	int64_t w = 0, iv = 0;
	uint64_t ix;
	int v, rung, have_w, have_i;

	(void)arg;
	memset(&c, 0, sizeof c);
	c.line = rec->line;
	c.file = (uint32_t)(S.nfiles - 1);
	c.age = -1;

	/* rejections first: a rejected row is never half-screened; every
	   flag column present must hold 0 or 1, counted or not */
	for (k = 0; k < 6 && !bad; k++)
		if (flag(rec, dflag[k]) < 0)
			bad = colname[dflag[k]];
	for (k = 0; k < 5 && !bad; k++)
		if (k != 1 && k != 2 && flag(rec, prioflag[k]) < 0)
			bad = colname[prioflag[k]];
	for (k = 1; k <= NXCODE && !bad; k++)
		if (xflag(rec, &S.x[k]) < 0)
			bad = S.x[k].column;
	for (k = 1; k <= NPCODE && !bad; k++)
		if (xflag(rec, &S.p[k]) < 0)
			bad = S.p[k].column;
	if (bad) {
		gw_reject(&S.run, csvr_name(r), rec->line, bad, rec,
		    "flag must be 0 or 1");
		return 1;
	}
	s = fld(rec, C_WRITTEN, &n);
	s = trim(s, &n);
	have_w = n > 0;
	if (have_w && dec4(s, n, &w, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "written", rec,
		    "%s", why);
		return 1;
	}
	s = fld(rec, C_INTERVIEW, &n);
	s = trim(s, &n);
	have_i = n > 0;
	if (have_i && dec4(s, n, &iv, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "interview", rec,
		    "%s", why);
		return 1;
	}
	s = fld(rec, C_GRID, &n);
	s = trim(s, &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "%s", why);
		return 1;
	}
	c.grid = grid_intern(s, n);
	s = fld(rec, C_CID, &n);
	if ((trim(s, &n), n) == 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "candidate_id", rec,
		    "empty");
		return 1;
	}
	/* the last rejection: once added here, the row is kept */
	s = fld(rec, C_CID, &n);
	i = strtab_add(S.cids, s, n, &v);
	if (!v) {
		gw_reject(&S.run, csvr_name(r), rec->line, "candidate_id", rec,
		    "candidate %s already on %s:%ld", s, S.files[S.c[i].file],
		    S.c[i].line);
		return 1;
	}

	/* totals: a missing score leaves the total empty, unless its
	   weight is nought */
	if ((have_w || S.wweight == 0) && (have_i || S.wweight == 10000)) {
		if (!have_w)
			w = 0;
		if (!have_i)
			iv = 0;
		/* scores in 1/10^4, weights in 1/10^4: sum in 1/10^8 */
		c.total = (w * S.wweight + iv * (10000 - S.wweight) + 500000) /
		    1000000;
	} else
		c.total = -1;

	/* D1-D6: the declared flags */
	for (k = 0; k < 6; k++)
		if (S.don[k + 1] && flag(rec, dflag[k]) == 1)
			c.dbits |= 1u << k;

	/* X-rules: the flags of the disqualifications the profile adds */
	for (k = 1; k <= NXCODE; k++)
		if (S.x[k].on && xflag(rec, &S.x[k]) == 1)
			c.xbits |= 1u << (k - 1);

	/* D10, D8, D7 from the identity number */
	s = fld(rec, C_IDNO, &n);
	if (idno_parse(s, n, S.asof, &id, &why) < 0) {
		if (S.don[10]) {
			c.dbits |= 1u << 9;
			warn("%s:%ld: column 'id_number': invalid identity "
			    "number (D10): %s", csvr_name(r), rec->line, why);
		}
	} else {
		c.age = (int16_t)idno_age(&id, S.asof);
		if (S.don[8] && (c.age < S.age_min || c.age > S.age_max))
			c.dbits |= 1u << 7;
		ix = hash_idno(id.s);
		for (i = 0; i < S.nlist; i++) {
			if (!u64map_get(S.list[i].ids, ix, NULL))
				continue;
			if (S.list[i].code > RBASE)
				c.rbits |= 1ull << rbit(S.list[i].code - RBASE);
			else if (S.don[S.list[i].code])
				c.dbits |= 1u << (S.list[i].code - 1);
		}
		if (!u64map_add(S.idix, ix, S.nc, &ix)) {
			/* the same person twice: both go to review */
			c.rbits |= 1ull << rbit(R_DUPID);
			S.c[ix].rbits |= 1ull << rbit(R_DUPID);
		}
	}

	/* D9, or review when the level is unknown */
	if (S.don[9]) {
		s = fld(rec, C_EDU, &n);
		if ((rung = edu_rung(s, n)) < 0)
			c.rbits |= 1ull << rbit(R_EDU);
		else if (rung < S.edu_min)
			c.dbits |= 1u << 8;
	}

	/* remarks that mention a matter the candidate was not found to
	   have: review, never a silent pass or refusal */
	s = fld(rec, C_REMARKS, &n);
	for (i = 0; i < S.nrem && n > 0; i++) {
		struct remark *m = &S.rem[i];

		if (c.rbits & (1ull << m->rbit))
			continue;
		/* a pattern of rules: one of them on, none already found */
		if ((m->dmask || m->xmask) &&
		    (!((m->dmask & S.don_mask) || (m->xmask & S.xon_mask)) ||
		    (c.dbits & m->dmask) || (c.xbits & m->xmask)))
			continue;
		if ((v = rx_match(m->re, s, n)) != 0) {
			if (v < 0)
				warn("%s:%ld: column 'remarks': pattern '%s' "
				    "failed; sent to review", csvr_name(r),
				    rec->line, m->pat);
			c.rbits |= 1ull << m->rbit;
		}
	}

	for (k = 0; k < 5; k++)
		if (S.prio_on[k] && (k == 1 ? held(rec, C_TITLE,
		    S.title_none, S.ntitle_none) : k == 2 ? held(rec, C_SWC,
		    S.cert_none, S.ncert_none) : flag(rec, prioflag[k]) == 1))
			c.prio++;
	for (k = 1; k <= NPCODE; k++)
		if (S.p[k].on && xflag(rec, &S.p[k]) == 1)
			c.prio++;

	/* keep the row's fields, in output-column order */
	c.off = S.arena.len;
	for (i = 0; i < S.nocol; i++) {
		if (S.src[i] >= 0)
			sbuf_add(&S.arena, rec->f[S.src[i]], rec->len[S.src[i]]);
		sbuf_addc(&S.arena, '\0');
	}
	if (S.nc == S.ccap) {
		S.ccap = S.ccap ? S.ccap * 2 : 1024;
		S.c = xreallocarray(S.c, S.ccap, sizeof *S.c);
	}
	S.c[S.nc++] = c;
	return 0;
}

/* --- ranking and output --------------------------------------------- */

static int
grid_cmp(const void *a, const void *b)
{
	return strcmp(grid_code(*(const uint32_t *)a),
	    grid_code(*(const uint32_t *)b));
}

/* Grid order, then total (higher first), priority (more first),
   candidate_id (byte order). */
static int
rank_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct cand *x = &S.c[i], *y = &S.c[j];

	if (x->grid != y->grid)
		return S.g[x->grid].order < S.g[y->grid].order ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return strcmp(strtab_str(S.cids, i), strtab_str(S.cids, j));
}

/* Ranks the eligible candidates with a total; returns them in rank
   order (grids in code order) and their number in *n. */
static size_t *
rank_all(size_t *n)
{
	uint32_t *go = xreallocarray(NULL, S.ng ? S.ng : 1, sizeof *go);
	size_t *ix = xreallocarray(NULL, S.nc ? S.nc : 1, sizeof *ix);
	size_t i, m = 0;
	uint32_t grid = UINT32_MAX, rank = 0;

	for (i = 0; i < S.ng; i++)
		go[i] = (uint32_t)i;
	qsort(go, S.ng, sizeof *go, grid_cmp);
	for (i = 0; i < S.ng; i++)
		S.g[go[i]].order = (unsigned)i;
	free(go);
	for (i = 0; i < S.nc; i++)
		if (S.c[i].dbits == 0 && S.c[i].xbits == 0 &&
		    S.c[i].rbits == 0 && S.c[i].total >= 0)
			ix[m++] = i;
	qsort(ix, m, sizeof *ix, rank_cmp);
	for (i = 0; i < m; i++) {
		struct cand *c = &S.c[ix[i]];

		if (c->grid != grid) {
			grid = c->grid;
			rank = 0;
		}
		c->rank = ++rank;
		c->sel = S.g[grid].vac >= 0 && c->rank <= S.g[grid].vac;
	}
	*n = m;
	return ix;
}

static int
rcode_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

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
	int order[RMAX], j;
	size_t i, k;
	const char *p;

	/* R-codes print in number order whatever order they were met */
	for (j = 0; j < S.nrcode; j++)
		order[j] = S.rcode[j];
	qsort(order, (size_t)S.nrcode, sizeof *order, rcode_cmp);
	for (j = 0; j < S.nrcode; j++)
		order[j] = rbit(order[j]);

	h = xreallocarray(NULL, S.nocol + NADD, sizeof *h);
	for (i = 0; i < S.nocol; i++)
		h[i] = S.ocol[i];
	for (i = 0; i < NADD; i++)
		h[S.nocol + i] = addname[i];
	csvw_header(w, h, S.nocol + NADD);
	free(h);
	for (i = 0; i < S.nc; i++) {
		const struct cand *c = &S.c[i];

		p = S.arena.s + c->off;
		for (k = 0; k < S.nocol; k++) {
			size_t len = strlen(p);

			csvw_field(w, p, len);
			p += len + 1;
		}
		csvw_field(w, c->dbits || c->xbits ? "ineligible" :
		    c->rbits ? "review" : "eligible", (size_t)-1);
		sbuf_reset(&rs);
		for (j = 0; j < NDCODE; j++)
			if (c->dbits & (1u << j))
				sbuf_addf(&rs, "%sD%d", rs.len ? ";" : "", j + 1);
		for (j = 0; j < NXCODE; j++)
			if (c->xbits & (1u << j))
				sbuf_addf(&rs, "%sX%d", rs.len ? ";" : "", j + 1);
		for (j = 0; j < S.nrcode; j++)
			if (c->rbits & (1ull << order[j]))
				sbuf_addf(&rs, "%sR%d", rs.len ? ";" : "",
				    S.rcode[order[j]]);
		csvw_field(w, rs.len ? rs.s : "", rs.len);
		put_num(w, c->age, 0);
		put_num(w, c->prio, 0);
		put_num(w, c->total, 2);
		put_num(w, c->rank ? (int64_t)c->rank : -1, 0);
		if (S.have_vac)
			csvw_field(w, c->sel ? "1" : "0", 1);
		else
			csvw_field(w, "", 0);
		csvw_endrec(w);
	}
	sbuf_free(&rs);
}

/* Field k (output column) of kept candidate c. */
static const char *
cand_field(const struct cand *c, int k)
{
	const char *p = S.arena.s + c->off;

	while (k-- > 0)
		p += strlen(p) + 1;
	return p;
}

/* The shortlist: selected candidates only, in grid and rank order, and
   nothing but name, masked number, grid, total and rank. */
static void
write_publicity(csvw *w, const size_t *ix, size_t n)
{
	struct idno id;
	const char *s, *why;
	char masked[19];
	size_t i;

	csvw_header(w, pubname, NPUB);
	for (i = 0; i < n; i++) {
		const struct cand *c = &S.c[ix[i]];

		if (!c->sel)
			continue;
		s = cand_field(c, S.opos[C_IDNO]);
		/* a selected candidate is eligible, so the number parsed;
		   mask whatever happens rather than print it */
		if (idno_parse(s, strlen(s), S.asof, &id, &why) == 0)
			idno_mask(id.s, masked);
		else
			idno_mask("", masked);
		csvw_field(w, cand_field(c, S.opos[C_NAME]), (size_t)-1);
		csvw_field(w, masked, (size_t)-1);
		csvw_field(w, grid_code(c->grid), (size_t)-1);
		put_num(w, c->total, 2);
		put_num(w, c->rank, 0);
		csvw_endrec(w);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"vacancies", required_argument, 0, OPT_VACANCIES},
		{"publicity", no_argument, 0, OPT_PUBLICITY},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	char **lists = NULL, *vacfile = NULL;
	size_t nlists = 0, i, nrank, *ix;
	int ch, publicity = 0, status;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "b:E:hi:o:p:r:", lopts,
	    NULL)) != -1) {
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
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (o.month || o.week || o.at || o.store || o.regions)
		die("gw-screen takes none of -d, -R, --month, --week, --at");
	if (!o.as_of)
		die("missing --as-of DATE (the announcement date ages are "
		    "counted at)");
	if (date_parse(o.as_of, strlen(o.as_of), &S.asof) < 0)
		die("--as-of '%s': not a date (YYYY-MM-DD)", o.as_of);
	if (publicity && !vacfile)
		die("--publicity needs --vacancies: only selected candidates "
		    "are published");

	load_policy(o.policy);
	S.run.rejects_path = o.rejects;
	S.run.mixed = nlists > 0 || vacfile;	/* lists, vacancies, candidates */
	S.ropt = gw_inopt(&o);
	memset(&S.sideopt, 0, sizeof S.sideopt);
	S.gtab = strtab_new();
	S.cids = strtab_new();
	S.idix = u64map_new(1024);
	S.first = 1;
	for (i = 0; i < nlists; i++)
		load_list(lists[i]);
	if (vacfile)
		load_vacancies(vacfile);
	if (gw_loop(&S.run, argc, argv, &S.ropt, cand_hdr, cand_rec, NULL) < 0)
		gw_exit(GW_FATAL);

	ix = rank_all(&nrank);
	w = gw_out(&o, stdout);
	if (publicity)
		write_publicity(w, ix, nrank);
	else
		write_screen(w);
	if (csvw_close(w) < 0)
		status = GW_FATAL;
	else
		status = gw_run_end(&S.run);
	free(ix);
	free(lists);
	gw_exit(status);
}
