/*
 * screen.c — the qualification review and ranking of grid-worker
 * candidates (gridwork-rules(7), WORKERS AND SCREENING).
 *
 * A candidate is ineligible when any disqualification switched on in
 * the policy applies (D1-D10, and the X-rules a profile adds), else
 * review when any R-code applies, else eligible; reasons lists every
 * code that applies, D-codes first, then X-codes, then R-codes.  A
 * remark pattern names every rule its matter falls under and reviews
 * when any of them is on and none applies yet, so that no profile
 * passes in silence a matter it disqualifies by another rule (行政拘留:
 * D4 and D5).  Nothing a rule depends on is a constant here: switches,
 * age band, education ladder and minimum, the remark patterns, the
 * score weight, the priority attributes, the rules a profile adds (Xn,
 * Pn: gridwork-policy(5)) and the code of each blacklist come from the
 * [screen] section of the policy and the tables it names.
 *
 * Identity numbers are compared as exact 64-bit keys (hash.c), so a
 * million-number blacklist costs one probe per candidate.  Totals are
 * integer hundredths computed from scores in ten-thousandths and
 * rounded half-up once.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

const char *const screen_colname[SC_NCOL] = {
	"candidate_id", "id_number", "name", "education", "party_member",
	"title", "social_work_cert", "veteran", "dibao", "criminal_penalty",
	"pending_case", "under_investigation", "detained", "admin_penalty",
	"dismissed", "remarks", "written", "interview", "grid_code"
};
const char *const screen_addname[SCREEN_NADD] = {
	"status", "reasons", "age", "priority", "total", "rank", "selected"
};

/* Flag column of Dk for k = 1..6 (index k - 1). */
static const enum screen_col dflag[6] = {
	SC_CRIM, SC_PEND, SC_INV, SC_DET, SC_ADM, SC_DISM
};
/* The priority attributes, in the order of prio_on[]. */
static const enum screen_col prioflag[5] = {
	SC_PARTY, SC_TITLE, SC_SWC, SC_VET, SC_DIBAO
};

/* *why = the message, -1. */
static int
fail(struct screen *s, const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&s->msg);
	va_start(ap, fmt);
	sbuf_vaddf(&s->msg, fmt, ap);
	va_end(ap);
	*why = s->msg.s;
	return -1;
}

/* The value of screen.key, or NULL with *why. */
static const char *
need(struct screen *s, const char *key, const char **why)
{
	const char *v = policy_get(s->pol, "screen", key);

	if (!v)
		fail(s, why, "policy %s: missing key 'screen.%s'",
		    policy_name(s->pol), key);
	return v;
}

/* -1 with *why naming where screen.key was set: its value is wrong. */
static int
bad_key(struct screen *s, const char **why, const char *key,
    const char *what, const char *v)
{
	const struct policy_kv *kv;
	size_t i, n;

	kv = policy_section(s->pol, "screen", &n);
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return fail(s, why, "%s:%d: key '%s': %s%s",
			    kv[i].file, kv[i].line, key, what, v);
	return fail(s, why, "policy %s: key 'screen.%s': %s%s",
	    policy_name(s->pol), key, what, v);
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

/* "D7" -> 7, "R12" -> SCREEN_RBASE + 12; -1 when s is no code. */
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
		return v >= 1 && v <= SCREEN_ND ? (int)v : -1;
	return SCREEN_RBASE + (int)v;
}

/* Bit of R-code n in rbits, added when new; -1 with *why when full. */
static int
rbit(struct screen *s, int n, const char **why)
{
	int i;

	for (i = 0; i < s->nrcode; i++)
		if (s->rcode[i] == n)
			return i;
	if (s->nrcode == SCREEN_RMAX)
		return fail(s, why, "more than %d distinct R-codes",
		    SCREEN_RMAX);
	s->rsorted = 0;
	s->rcode[s->nrcode] = n;
	return s->nrcode++;
}

/* The bit of an R-code already added. */
static int
rbit_of(const struct screen *s, int n)
{
	int i;

	for (i = 0; i < s->nrcode; i++)
		if (s->rcode[i] == n)
			return i;
	abort();
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

/* Index of the contract column named s, or SC_NCOL. */
static enum screen_col
col_lookup(const char *s)
{
	int i;

	for (i = 0; i < SC_NCOL; i++)
		if (strcmp(screen_colname[i], s) == 0)
			return (enum screen_col)i;
	return SC_NCOL;
}

int
screen_is_added(const char *name)
{
	size_t i;

	for (i = 0; i < SCREEN_NADD; i++)
		if (strcmp(screen_addname[i], name) == 0)
			return 1;
	return 0;
}

int
screen_required(const struct screen *s, enum screen_col c)
{
	int k;

	for (k = 0; k < 6; k++)
		if (dflag[k] == c)
			return s->don[k + 1];
	return 1;
}

/* --- the policy ----------------------------------------------------- */

int
screen_init(struct screen *s, const policy *pol, long asof, const char **why)
{
	const char *v;
	char key[8], **w;
	size_t i, j, n;
	int on;

	memset(s, 0, sizeof *s);
	s->pol = pol;
	s->asof = asof;
	s->gtab = strtab_new();
	s->cids = strtab_new();
	s->idix = u64map_new(1024);
	s->edu = strtab_new();
	for (i = 1; i <= SCREEN_ND; i++) {
		snprintf(key, sizeof key, "D%zu", i);
		if (policy_bool(pol, "screen", key, &on, why) < 0)
			return -1;
		s->don[i] = on;
	}
	if (policy_int(pol, "screen", "age_min", &s->age_min, why) < 0 ||
	    policy_int(pol, "screen", "age_max", &s->age_max, why) < 0)
		return -1;
	if (s->age_min < 0 || s->age_max < s->age_min || s->age_max > 200)
		return bad_key(s, why, "age_max", "age band ",
		    "out of order or range");

	if (!(v = need(s, "written_weight", why)))
		return -1;
	if (dec4(v, strlen(v), &s->wweight, why) < 0 || s->wweight > 10000)
		return bad_key(s, why, "written_weight",
		    "not a weight from 0 to 1: ", v);

	if (!(v = need(s, "priority", why)))
		return -1;
	w = words(v, &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 5; j++)
			if (strcmp(w[i], screen_colname[prioflag[j]]) == 0)
				break;
		if (j == 5) {
			bad_key(s, why, "priority",
			    "not a priority attribute: ", w[i]);
			freewords(w, n);
			return -1;
		}
		s->prio_on[j] = 1;
	}
	freewords(w, n);
	v = policy_get(pol, "screen", "title_none");
	s->title_none = words(v ? v : "", &s->ntitle_none);
	v = policy_get(pol, "screen", "cert_none");
	s->cert_none = words(v ? v : "", &s->ncert_none);

	if (!(v = need(s, "education_ladder", why)))
		return -1;
	s->rung = words(v, &s->nrung);
	if (s->nrung == 0)
		return bad_key(s, why, "education_ladder", "empty", "");
	if (!(v = need(s, "education_min", why)))
		return -1;
	for (i = 0; i < s->nrung; i++)
		if (strcmp(s->rung[i], v) == 0)
			break;
	if (i == s->nrung)
		return bad_key(s, why, "education_min", "not on the ladder: ",
		    v);
	s->edu_min = (int)i;
	return 0;
}

const char *
screen_table(struct screen *s, const char *key, const char **why)
{
	if (!need(s, key, why))
		return NULL;
	*why = NULL;
	return policy_path(s->pol, "screen", key);
}

/* Spelling sp[0..n) stands for rung r; 1 when new, 0 when listed. */
static int
edu_add(struct screen *s, const char *sp, size_t n, int r)
{
	int isnew;
	size_t k = strtab_add(s->edu, sp, n, &isnew);

	if (isnew) {
		s->edurung = xreallocarray(s->edurung, k + 1,
		    sizeof *s->edurung);
		s->edurung[k] = r;
	}
	return isnew;
}

int
screen_education(struct screen *s, char **f, size_t n, const char *file,
    int line, const char **why)
{
	size_t i, len;
	const char *sp;

	if (n != 2)
		return fail(s, why, "%s:%d: expected 'spelling<TAB>level'",
		    file, line);
	for (i = 0; i < s->nrung; i++)
		if (strcmp(s->rung[i], f[1]) == 0)
			break;
	if (i == s->nrung)
		return fail(s, why, "%s:%d: level '%s' is not on the ladder "
		    "(screen.education_ladder)", file, line, f[1]);
	len = strlen(f[0]);
	sp = trim(f[0], &len);
	if (len == 0)
		return fail(s, why, "%s:%d: empty spelling", file, line);
	if (!edu_add(s, sp, len, (int)i))
		return fail(s, why, "%s:%d: spelling '%.*s' listed twice",
		    file, line, (int)len, sp);
	return 0;
}

/*
 * The rules a remark pattern falls under: "-" (none), or D-codes, flag
 * columns of D1-D6, X-codes and flag columns of X-rules, joined by
 * commas.  0, or -1 with the word that is none of these in *bad.
 */
static int
related_parse(const struct screen *s, const char *v, uint16_t *dmask,
    uint32_t *xmask, char **bad)
{
	char **w;
	size_t n, i;
	int code, k, ok = 0;

	*dmask = 0;
	*xmask = 0;
	*bad = NULL;
	if (strcmp(v, "-") == 0)
		return 0;
	w = words(v, &n);
	for (i = 0; i < n; i++) {
		enum screen_col c = col_lookup(w[i]);

		if ((code = code_parse(w[i], strlen(w[i]))) > 0 &&
		    code <= SCREEN_ND) {
			*dmask |= 1u << (code - 1);
			continue;
		}
		for (k = 0; k < 6; k++)
			if (c != SC_NCOL && dflag[k] == c)
				break;
		if (k < 6) {
			*dmask |= 1u << k;
			continue;
		}
		for (k = 1; k <= SCREEN_NX; k++) {
			char xs[8];

			if (!s->x[k].set)
				continue;
			snprintf(xs, sizeof xs, "X%d", k);
			if (strcmp(w[i], xs) == 0 || (s->x[k].column &&
			    strcmp(w[i], s->x[k].column) == 0))
				break;
		}
		if (k <= SCREEN_NX) {
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
static int
remark_add(struct screen *s, const char *rc, uint16_t dmask, uint32_t xmask,
    const char *pat, const char *where, const char **why)
{
	struct screen_remark *r;
	const char *rxwhy;
	int code, bit;
	rx *re;

	code = code_parse(rc, strlen(rc));
	if (code <= SCREEN_RBASE || code - SCREEN_RBASE >= SCREEN_R_EDU)
		return fail(s, why, "%s: '%s' is not an R-code R1-R%d", where,
		    rc, SCREEN_R_EDU - 1);
	if ((bit = rbit(s, code - SCREEN_RBASE, why)) < 0)
		return -1;
	if (!(re = rx_compile(pat, 0, &rxwhy)))
		return fail(s, why, "%s: bad pattern '%s' %s", where, pat,
		    rxwhy);
	s->rem = xreallocarray(s->rem, s->nrem + 1, sizeof *s->rem);
	r = &s->rem[s->nrem++];
	r->rbit = bit;
	r->dmask = dmask;
	r->xmask = xmask;
	r->re = re;
	r->pat = xstrdup(pat);
	return 0;
}

int
screen_remark(struct screen *s, char **f, size_t n, const char *file,
    int line, const char **why)
{
	struct sbuf where = {0};
	uint16_t dmask;
	uint32_t xmask;
	char *bad;
	int rc;

	if (n != 3)
		return fail(s, why, "%s:%d: expected 'R-code<TAB>related<TAB>"
		    "pattern'", file, line);
	sbuf_addf(&where, "%s:%d", file, line);
	if (related_parse(s, f[1], &dmask, &xmask, &bad) < 0) {
		rc = fail(s, why, "%s: related '%s': '%s' is neither '-', a "
		    "D-code, a flag column of D1-D6 nor an X-code of the "
		    "policy", where.s, f[1], bad);
		free(bad);
	} else
		rc = remark_add(s, f[0], dmask, xmask, f[2], where.s, why);
	sbuf_free(&where);
	return rc;
}

/* A flag column a profile names: lower-case ASCII letters, digits and
   '_', and no column of the candidates or of a verdict. */
static const char *
xcolumn_bad(const char *v)
{
	size_t i;

	if (!*v)
		return "empty";
	for (i = 0; v[i]; i++)
		if (!(v[i] >= 'a' && v[i] <= 'z') && !(v[i] >= '0' &&
		    v[i] <= '9') && v[i] != '_')
			return "not a column name (a-z, 0-9, _)";
	if (col_lookup(v) != SC_NCOL || screen_is_added(v))
		return "a column of the candidates contract";
	return NULL;
}

/* Reads the key kv of a rule (Xn, Pn, Xn.column ...) into s->x or
   s->p; Xn.remarks is kept in rem[n] for later. */
static int
rule_key(struct screen *s, const struct policy_kv *kv,
    const struct policy_kv **rem, const char **why)
{
	const char *k = kv->key, *sub, *b;
	struct screen_rule *r;
	long num;
	int isx, j;

	isx = k[0] == 'X';
	for (num = 0, j = 1; k[j] >= '0' && k[j] <= '9' && j < 4; j++)
		num = num * 10 + (k[j] - '0');
	if ((k[j] && k[j] != '.') || k[1] == '0' || num < 1 ||
	    num > (isx ? SCREEN_NX : SCREEN_NP))
		return fail(s, why, "%s:%d: key '%s': not a rule code "
		    "%c1-%c%d", kv->file, kv->line, k, k[0], k[0],
		    isx ? SCREEN_NX : SCREEN_NP);
	r = isx ? &s->x[num] : &s->p[num];
	if (!r->file) {
		r->file = kv->file;
		r->line = kv->line;
	}
	sub = k[j] ? k + j + 1 : NULL;
	if (!sub) {
		if (policy_bool(s->pol, "screen", k, &r->on, why) < 0)
			return -1;
		r->set = 1;
		r->file = kv->file;
		r->line = kv->line;
	} else if (strcmp(sub, "column") == 0) {
		if ((b = xcolumn_bad(kv->val)))
			return fail(s, why, "%s:%d: key '%s': %s: '%s'",
			    kv->file, kv->line, k, b, kv->val);
		free(r->column);
		r->column = xstrdup(kv->val);
		r->cfile = kv->file;
		r->cline = kv->line;
	} else if (strcmp(sub, "header") == 0 && kv->val[0]) {
		free(r->header);
		r->header = xstrdup(kv->val);
	} else if (strcmp(sub, "reason") == 0 && kv->val[0]) {
		free(r->reason);
		r->reason = xstrdup(kv->val);
	} else if (isx && strcmp(sub, "remarks") == 0 && kv->val[0])
		rem[num] = kv;
	else
		return fail(s, why, "%s:%d: key '%s': not a setting of a rule "
		    "(%s, header and reason, none empty)", kv->file, kv->line,
		    k, isx ? "column, remarks" : "column");
	return 0;
}

/* A rule r (c 'X' or 'P', number num) is whole and shares no column. */
static int
rule_check(struct screen *s, struct screen_rule *r, char c, long num,
    const struct policy_kv *rem, const char **why)
{
	const char *cn;
	int j;

	if (!r->set)
		return fail(s, why, "%s:%d: rule %c%ld has no switch '%c%ld = "
		    "on' or 'off'", r->file, r->line, c, num, c, num);
	if (!r->reason)
		return fail(s, why, "%s:%d: rule %c%ld has no %c%ld.reason",
		    r->file, r->line, c, num, c, num);
	if (!r->column && (c == 'P' || !rem))
		return fail(s, why, "%s:%d: rule %c%ld has no %c%ld.column%s",
		    r->file, r->line, c, num, c, num,
		    c == 'P' ? "" : " and no X.remarks");
	if (!r->column)
		return 0;
	/* a header must not be the name of another column (拘留 is
	   detained by share/aliases.csv) */
	if (r->header) {
		cn = alias_canon(r->header);
		if (strcmp(cn, r->header) != 0 && strcmp(cn, r->column) != 0)
			return fail(s, why, "%s:%d: rule %c%ld: header '%s' is "
			    "column '%s' by the aliases", r->file, r->line, c,
			    num, r->header, cn);
	}
	/* one column, one rule */
	for (j = 1; j <= SCREEN_NX + SCREEN_NP; j++) {
		struct screen_rule *o = j <= SCREEN_NX ? &s->x[j] :
		    &s->p[j - SCREEN_NX];

		if (o == r || !o->column)
			continue;
		if (strcmp(o->column, r->column) == 0 || (o->header &&
		    r->header && strcmp(o->header, r->header) == 0))
			return fail(s, why, "%s:%d: rule %c%ld: column '%s' is "
			    "also the column of another rule", r->cfile,
			    r->cline, c, num, r->column);
	}
	return 0;
}

/*
 * The rules a profile adds: Xn (disqualifications) and Pn (priorities),
 * n from 1, each a switch "Xn = on" with Xn.column, Xn.header,
 * Xn.reason and, for Xn, Xn.remarks "R-code pattern" (gridwork-policy(5)).
 */
static int
load_rules(struct screen *s, const char **why)
{
	const struct policy_kv *kv, *rem[SCREEN_NX + 1] = {0};
	const char *k, *pat;
	struct sbuf where = {0};
	size_t n, i, len;
	char rc[8];
	long num;
	int m, st = 0;

	kv = policy_section(s->pol, "screen", &n);
	for (i = 0; i < n; i++) {
		k = kv[i].key;
		if ((k[0] != 'X' && k[0] != 'P') || k[1] < '0' || k[1] > '9')
			continue;
		if (rule_key(s, &kv[i], rem, why) < 0)
			return -1;
	}
	for (m = 0; m < 2; m++)
		for (num = 1; num <= (m ? SCREEN_NP : SCREEN_NX); num++) {
			struct screen_rule *r = m ? &s->p[num] : &s->x[num];

			if (r->file && rule_check(s, r, m ? 'P' : 'X', num,
			    m ? NULL : rem[num], why) < 0)
				return -1;
		}
	for (num = 1; num <= SCREEN_NX && st == 0; num++) {
		if (!rem[num])
			continue;
		/* the pattern is the rest, blanks kept */
		len = strcspn(rem[num]->val, " \t");
		pat = rem[num]->val + len + strspn(rem[num]->val + len, " \t");
		sbuf_reset(&where);
		sbuf_addf(&where, "%s:%d: key '%s'", rem[num]->file,
		    rem[num]->line, rem[num]->key);
		if (len >= sizeof rc || !*pat) {
			st = fail(s, why, "%s: expected 'R-code pattern'",
			    where.s);
			break;
		}
		memcpy(rc, rem[num]->val, len);
		rc[len] = '\0';
		st = remark_add(s, rc, 0, 1u << (num - 1), pat, where.s, why);
	}
	sbuf_free(&where);
	return st;
}

int
screen_rules(struct screen *s, const char **why)
{
	size_t i;

	/* the ladder's own names are always spellings of themselves */
	for (i = 0; i < s->nrung; i++)
		edu_add(s, s->rung[i], strlen(s->rung[i]), (int)i);
	return load_rules(s, why);
}

int
screen_ready(struct screen *s, const char **why)
{
	int i;

	for (i = 1; i <= SCREEN_ND; i++)
		if (s->don[i])
			s->don_mask |= 1u << (i - 1);
	for (i = 1; i <= SCREEN_NX; i++)
		if (s->x[i].on)
			s->xon_mask |= 1u << (i - 1);
	if (rbit(s, SCREEN_R_EDU, why) < 0 || rbit(s, SCREEN_R_DUPID, why) < 0)
		return -1;
	return 0;
}

void
screen_free(struct screen *s)
{
	size_t i;

	freewords(s->title_none, s->ntitle_none);
	freewords(s->cert_none, s->ncert_none);
	freewords(s->rung, s->nrung);
	strtab_free(s->edu);
	free(s->edurung);
	for (i = 0; i < s->nrem; i++) {
		rx_free(s->rem[i].re);
		free(s->rem[i].pat);
	}
	free(s->rem);
	for (i = 0; i < s->nlist; i++)
		u64map_free(s->list[i].ids);
	free(s->list);
	for (i = 0; i <= SCREEN_NX; i++) {
		free(s->x[i].column);
		free(s->x[i].header);
		free(s->x[i].reason);
	}
	for (i = 0; i <= SCREEN_NP; i++) {
		free(s->p[i].column);
		free(s->p[i].header);
		free(s->p[i].reason);
	}
	gw_bigfree(s->c, s->ccap * sizeof *s->c);
	strtab_free(s->cids);
	u64map_free(s->idix);
	freewords(s->files, s->nfiles);
	free(s->g);
	strtab_free(s->gtab);
	free(s->order);
	sbuf_free(&s->msg);
	memset(s, 0, sizeof *s);
}

/* --- blacklists ----------------------------------------------------- */

int
screen_list(struct screen *s, const char *arg, const char **file,
    const char **why)
{
	struct sbuf key = {0};
	const char *eq, *base, *dot, *v;
	int code = -1, bit;
	size_t i;

	*file = arg;
	/* D or R and digits before '=' is a code, and must be a good one */
	if ((eq = strchr(arg, '=')) && eq - arg >= 2 &&
	    (arg[0] == 'D' || arg[0] == 'R') &&
	    strspn(arg + 1, "0123456789") == (size_t)(eq - arg - 1)) {
		if ((code = code_parse(arg, (size_t)(eq - arg))) < 0)
			return fail(s, why, "-b %s: '%.*s' is not a code "
			    "D1-D10 or R1-R89", arg, (int)(eq - arg), arg);
		*file = eq + 1;
	}
	if (code < 0) {
		/* list.STEM for a file STEM.csv, else list */
		base = strrchr(*file, '/');
		base = base ? base + 1 : *file;
		dot = strrchr(base, '.');
		sbuf_adds(&key, "list.");
		sbuf_add(&key, base, dot && dot > base ?
		    (size_t)(dot - base) : strlen(base));
		if (!(v = policy_get(s->pol, "screen", key.s))) {
			sbuf_reset(&key);
			sbuf_adds(&key, "list");
			v = need(s, "list", why);
		}
		if (v && (code = code_parse(v, strlen(v))) < 0)
			bad_key(s, why, key.s, "not a D- or R-code: ", v);
		sbuf_free(&key);
		if (code < 0)
			return -1;
	}
	if (code > SCREEN_RBASE && code - SCREEN_RBASE >= SCREEN_R_EDU)
		return fail(s, why, "-b %s: R%d is reserved", arg,
		    code - SCREEN_RBASE);
	for (i = 0; i < s->nlist; i++)
		if (s->list[i].code == code)
			return (int)i;
	if (code > SCREEN_RBASE &&
	    (bit = rbit(s, code - SCREEN_RBASE, why)) < 0)
		return -1;
	s->list = xreallocarray(s->list, s->nlist + 1, sizeof *s->list);
	s->list[i].code = code;
	s->list[i].ids = u64map_new(1024);
	s->nlist++;
	return (int)i;
}

void
screen_list_add(struct screen *s, int i, const struct idno *id)
{
	u64map_add(s->list[i].ids, hash_idno(id->s), 0, NULL);
}

/* --- grids and vacancies -------------------------------------------- */

/* Index of grid code v[0..n), added when new. */
static uint32_t
grid_intern(struct screen *s, const char *v, size_t n)
{
	int isnew;
	size_t i = strtab_add(s->gtab, v, n, &isnew);

	if (isnew) {
		if (s->ng == s->gcap) {
			s->gcap = s->gcap ? s->gcap * 2 : 256;
			s->g = xreallocarray(s->g, s->gcap, sizeof *s->g);
		}
		s->g[s->ng].vac = -1;
		s->g[s->ng].vacline = 0;
		s->ng++;
	}
	return (uint32_t)i;
}

const char *
screen_grid_code(const struct screen *s, uint32_t g)
{
	return strtab_str(s->gtab, g);
}

int
screen_vacancy(struct screen *s, const char *grid, size_t gn,
    const char *vac, size_t vn, long line, const char **col,
    const char **why)
{
	long v = 0;
	uint32_t g;
	size_t i;

	grid = trim(grid, &gn);
	if (code_check(grid, gn, LVL_GRID, why) < 0) {
		*col = "grid_code";
		return -1;
	}
	g = grid_intern(s, grid, gn);
	if (s->g[g].vac >= 0) {
		*col = "grid_code";
		return fail(s, why, "grid %s already listed on line %ld",
		    screen_grid_code(s, g), s->g[g].vacline);
	}
	vac = trim(vac, &vn);
	for (i = 0; i < vn && vn <= 6; i++)
		if (vac[i] < '0' || vac[i] > '9')
			break;
	if (vn == 0 || vn > 6 || i < vn) {
		*col = "vacancies";
		*why = "not a whole number from 0 to 999999";
		return -1;
	}
	for (i = 0; i < vn; i++)
		v = v * 10 + (vac[i] - '0');
	s->g[g].vac = v;
	s->g[g].vacline = line;
	return 0;
}

/* --- one candidate -------------------------------------------------- */

/* Field of contract column c; "" when the column is absent. */
static const char *
fld(const struct screen_rec *r, enum screen_col c, size_t *n)
{
	if (!r->f[c]) {
		*n = 0;
		return "";
	}
	*n = r->len[c];
	return r->f[c];
}

/* A 0/1 flag v[0..n): 0, 1, or -1 when it is something else; 0 when
   the column is absent (v NULL). */
static int
flag01(const char *v, size_t n)
{
	if (!v)
		return 0;
	v = trim(v, &n);
	if (n == 1 && (*v == '0' || *v == '1'))
		return *v - '0';
	return -1;
}

static int
flag(const struct screen_rec *r, enum screen_col c)
{
	return flag01(r->f[c], r->len[c]);
}

/* 1 when column col holds a title or certificate of any level (初级,
   中级, 社会工作师 ...), 0 when it is empty or one of the none[]. */
static int
held(const struct screen_rec *r, enum screen_col col, char **none,
    size_t nnone)
{
	size_t n, i;
	const char *v = fld(r, col, &n);

	v = trim(v, &n);
	if (n == 0)
		return 0;
	for (i = 0; i < nnone; i++)
		if (strlen(none[i]) == n && memcmp(none[i], v, n) == 0)
			return 0;
	return 1;
}

/* Rung of an education spelling, or -1. */
static int
edu_rung(const struct screen *s, const char *v, size_t n)
{
	long i;

	v = trim(v, &n);
	if (n == 0 || (i = strtab_find(s->edu, v, n)) < 0)
		return -1;
	return s->edurung[i];
}

static void
notice(struct screen *s, const char *file, long line, const char *col,
    const char *fmt, ...)
{
	va_list ap;

	if (!s->notice)
		return;
	sbuf_reset(&s->msg);
	va_start(ap, fmt);
	sbuf_vaddf(&s->msg, fmt, ap);
	va_end(ap);
	s->notice(s->notice_arg, file, line, col, s->msg.s);
}

/* The refusals, before anything is kept: a refused row is never half
   screened; every flag column present must hold 0 or 1, counted or
   not.  The grid is interned. */
static int
refuse(struct screen *s, const struct screen_rec *r, struct screen_cand *c,
    int64_t *w, int64_t *iv, int *have_w, int *have_i, const char **col,
    const char **why)
{
	const char *v;
	size_t n, k;

	*col = NULL;
	for (k = 0; k < 6 && !*col; k++)
		if (flag(r, dflag[k]) < 0)
			*col = screen_colname[dflag[k]];
	for (k = 0; k < 5 && !*col; k++)
		if (k != 1 && k != 2 && flag(r, prioflag[k]) < 0)
			*col = screen_colname[prioflag[k]];
	for (k = 1; k <= SCREEN_NX && !*col; k++)
		if (s->x[k].column && flag01(r->x[k], r->xlen[k]) < 0)
			*col = s->x[k].column;
	for (k = 1; k <= SCREEN_NP && !*col; k++)
		if (s->p[k].column && flag01(r->p[k], r->plen[k]) < 0)
			*col = s->p[k].column;
	if (*col) {
		*why = "flag must be 0 or 1";
		return -1;
	}
	v = fld(r, SC_WRITTEN, &n);
	v = trim(v, &n);
	*have_w = n > 0;
	if (*have_w && dec4(v, n, w, why) < 0) {
		*col = "written";
		return -1;
	}
	v = fld(r, SC_INTERVIEW, &n);
	v = trim(v, &n);
	*have_i = n > 0;
	if (*have_i && dec4(v, n, iv, why) < 0) {
		*col = "interview";
		return -1;
	}
	v = fld(r, SC_GRID, &n);
	v = trim(v, &n);
	if (code_check(v, n, LVL_GRID, why) < 0) {
		*col = "grid_code";
		return -1;
	}
	c->grid = grid_intern(s, v, n);
	v = fld(r, SC_CID, &n);
	if ((trim(v, &n), n) == 0) {
		*col = "candidate_id";
		*why = "empty";
		return -1;
	}
	return 0;
}

/* D10, D8, D7 and R91 from the identity number, and the blacklists. */
static void
judge_idno(struct screen *s, const struct screen_rec *r,
    struct screen_cand *c, const char *file, long line)
{
	struct idno id;
	const char *v, *why;
	uint64_t ix;
	size_t n, i;

	v = fld(r, SC_IDNO, &n);
	if (idno_parse(v, n, s->asof, &id, &why) < 0) {
		if (s->don[10]) {
			c->dbits |= 1u << 9;
			notice(s, file, line, "id_number",
			    "invalid identity number (D10): %s", why);
		}
		return;
	}
	c->age = (int16_t)idno_age(&id, s->asof);
	if (s->don[8] && (c->age < s->age_min || c->age > s->age_max))
		c->dbits |= 1u << 7;
	ix = hash_idno(id.s);
	for (i = 0; i < s->nlist; i++) {
		if (!u64map_get(s->list[i].ids, ix, NULL))
			continue;
		if (s->list[i].code > SCREEN_RBASE)
			c->rbits |= 1ull << rbit_of(s, s->list[i].code -
			    SCREEN_RBASE);
		else if (s->don[s->list[i].code])
			c->dbits |= 1u << (s->list[i].code - 1);
	}
	if (!u64map_add(s->idix, ix, s->nc, &ix)) {
		/* the same person twice: both go to review */
		c->rbits |= 1ull << rbit_of(s, SCREEN_R_DUPID);
		s->c[ix].rbits |= 1ull << rbit_of(s, SCREEN_R_DUPID);
	}
}

/* Remarks that mention a matter the candidate was not found to have:
   review, never a silent pass or refusal. */
static void
judge_remarks(struct screen *s, const struct screen_rec *r,
    struct screen_cand *c, const char *file, long line)
{
	size_t n, i;
	const char *v = fld(r, SC_REMARKS, &n);
	int m;

	for (i = 0; i < s->nrem && n > 0; i++) {
		struct screen_remark *p = &s->rem[i];

		if (c->rbits & (1ull << p->rbit))
			continue;
		/* a pattern of rules: one of them on, none already found */
		if ((p->dmask || p->xmask) &&
		    (!((p->dmask & s->don_mask) || (p->xmask & s->xon_mask)) ||
		    (c->dbits & p->dmask) || (c->xbits & p->xmask)))
			continue;
		if ((m = rx_match(p->re, v, n)) != 0) {
			if (m < 0)
				notice(s, file, line, "remarks", "pattern '%s' "
				    "failed; sent to review", p->pat);
			c->rbits |= 1ull << p->rbit;
		}
	}
}

int
screen_add(struct screen *s, const struct screen_rec *r, const char *file,
    long line, const char **col, const char **why)
{
	struct screen_cand c;
	const char *v;
	size_t n, i, k;
	int64_t w = 0, iv = 0;
	int isnew, rung, have_w, have_i;

	/*
	 * The look-ups by candidate and by identity number below are
	 * cache misses in big maps: fetch their slots together now, while
	 * the row is checked.  A number in its normal form (the usual
	 * case) has the key it will have once parsed; any other only
	 * fetches a slot for nothing.
	 */
	v = fld(r, SC_CID, &n);
	strtab_prefetch(s->cids, v, n);
	v = fld(r, SC_IDNO, &n);
	if (n == 18) {
		uint64_t ix = hash_idno(v);

		for (i = 0; i < s->nlist; i++)
			u64map_prefetch(s->list[i].ids, ix);
		u64map_prefetch(s->idix, ix);
	}
	memset(&c, 0, sizeof c);
	c.line = line;
	c.age = -1;
	if (refuse(s, r, &c, &w, &iv, &have_w, &have_i, col, why) < 0)
		return -1;
	/* the last refusal: once added here, the row is kept */
	v = fld(r, SC_CID, &n);
	i = strtab_add(s->cids, v, n, &isnew);
	if (!isnew) {
		*col = "candidate_id";
		return fail(s, why, "candidate %.*s already on %s:%ld",
		    (int)n, v, s->files[s->c[i].file], s->c[i].line);
	}
	if (s->nfiles == 0 || strcmp(s->files[s->nfiles - 1], file) != 0) {
		s->files = xreallocarray(s->files, s->nfiles + 1,
		    sizeof *s->files);
		s->files[s->nfiles++] = xstrdup(file);
	}
	c.file = (uint32_t)(s->nfiles - 1);

	/* totals: a missing score leaves the total empty, unless its
	   weight is nought */
	if ((have_w || s->wweight == 0) && (have_i || s->wweight == 10000)) {
		if (!have_w)
			w = 0;
		if (!have_i)
			iv = 0;
		/* scores in 1/10^4, weights in 1/10^4: sum in 1/10^8 */
		c.total = (w * s->wweight + iv * (10000 - s->wweight) +
		    500000) / 1000000;
	} else
		c.total = -1;

	/* D1-D6: the declared flags; the X-rules' flags */
	for (k = 0; k < 6; k++)
		if (s->don[k + 1] && flag(r, dflag[k]) == 1)
			c.dbits |= 1u << k;
	for (k = 1; k <= SCREEN_NX; k++)
		if (s->x[k].on && s->x[k].column &&
		    flag01(r->x[k], r->xlen[k]) == 1)
			c.xbits |= 1u << (k - 1);

	if (s->nc == s->ccap) {
		k = s->ccap ? s->ccap * 2 : 1024;
		s->c = gw_bigrealloc(s->c, s->ccap * sizeof *s->c,
		    k * sizeof *s->c);
		s->ccap = k;
	}
	judge_idno(s, r, &c, file, line);

	/* D9, or review when the level is unknown */
	if (s->don[9]) {
		v = fld(r, SC_EDU, &n);
		if ((rung = edu_rung(s, v, n)) < 0)
			c.rbits |= 1ull << rbit_of(s, SCREEN_R_EDU);
		else if (rung < s->edu_min)
			c.dbits |= 1u << 8;
	}
	judge_remarks(s, r, &c, file, line);

	for (k = 0; k < 5; k++)
		if (s->prio_on[k] && (k == 1 ? held(r, SC_TITLE,
		    s->title_none, s->ntitle_none) : k == 2 ? held(r, SC_SWC,
		    s->cert_none, s->ncert_none) : flag(r, prioflag[k]) == 1))
			c.prio++;
	for (k = 1; k <= SCREEN_NP; k++)
		if (s->p[k].on && s->p[k].column &&
		    flag01(r->p[k], r->plen[k]) == 1)
			c.prio++;
	s->c[s->nc++] = c;
	return 0;
}

/* --- ranking -------------------------------------------------------- */

/* What ranks a candidate, gathered so that the sort reads no more. */
struct rankkey {
	unsigned order;		/* its grid's place in code order */
	unsigned prio;
	int64_t total;
	const char *cid;
	size_t i;		/* index into s->c */
};

/* Grid order, then total (higher first), priority (more first),
   candidate_id (byte order): a total order, as candidate_ids are
   distinct. */
static int
rank_cmp(const void *a, const void *b)
{
	const struct rankkey *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return strcmp(x->cid, y->cid);
}

struct gridkey {
	const char *code;
	size_t i;		/* index into s->g */
};

static int
grid_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gridkey *)a)->code,
	    ((const struct gridkey *)b)->code);
}

void
screen_rank(struct screen *s)
{
	struct gridkey *gk = xreallocarray(NULL, s->ng ? s->ng : 1,
	    sizeof *gk);
	struct rankkey *rk;
	size_t i, m = 0;
	uint32_t grid = UINT32_MAX, rank = 0;

	for (i = 0; i < s->ng; i++) {
		gk[i].code = screen_grid_code(s, (uint32_t)i);
		gk[i].i = i;
	}
	qsort(gk, s->ng, sizeof *gk, grid_cmp);
	for (i = 0; i < s->ng; i++)
		s->g[gk[i].i].order = (unsigned)i;
	free(gk);
	rk = xreallocarray(NULL, s->nc ? s->nc : 1, sizeof *rk);
	for (i = 0; i < s->nc; i++) {
		struct screen_cand *c = &s->c[i];

		c->rank = 0;
		c->sel = 0;
		if (c->dbits || c->xbits || c->rbits || c->total < 0)
			continue;
		rk[m].order = s->g[c->grid].order;
		rk[m].prio = c->prio;
		rk[m].total = c->total;
		rk[m].cid = strtab_str(s->cids, i);
		rk[m++].i = i;
	}
	qsort(rk, m, sizeof *rk, rank_cmp);
	free(s->order);
	s->order = xreallocarray(NULL, m ? m : 1, sizeof *s->order);
	for (i = 0; i < m; i++) {
		struct screen_cand *c = &s->c[rk[i].i];

		s->order[i] = rk[i].i;
		if (c->grid != grid) {
			grid = c->grid;
			rank = 0;
		}
		c->rank = ++rank;
		c->sel = s->g[grid].vac >= 0 && c->rank <= s->g[grid].vac;
	}
	free(rk);
	s->nranked = m;
}

const char *
screen_status(const struct screen_cand *c)
{
	return c->dbits || c->xbits ? "ineligible" : c->rbits ? "review" :
	    "eligible";
}

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

void
screen_reasons(struct screen *s, const struct screen_cand *c,
    struct sbuf *out)
{
	int j;

	/* R-codes print in number order whatever order they were met */
	if (!s->rsorted) {
		int num[SCREEN_RMAX];

		memcpy(num, s->rcode, (size_t)s->nrcode * sizeof *num);
		qsort(num, (size_t)s->nrcode, sizeof *num, int_cmp);
		for (j = 0; j < s->nrcode; j++)
			s->rorder[j] = rbit_of(s, num[j]);
		s->rsorted = 1;
	}
	sbuf_reset(out);
	for (j = 0; j < SCREEN_ND; j++)
		if (c->dbits & (1u << j))
			sbuf_addf(out, "%sD%d", out->len ? ";" : "", j + 1);
	for (j = 0; j < SCREEN_NX; j++)
		if (c->xbits & (1u << j))
			sbuf_addf(out, "%sX%d", out->len ? ";" : "", j + 1);
	for (j = 0; j < s->nrcode; j++)
		if (c->rbits & (1ull << s->rorder[j]))
			sbuf_addf(out, "%sR%d", out->len ? ";" : "",
			    s->rcode[s->rorder[j]]);
}
