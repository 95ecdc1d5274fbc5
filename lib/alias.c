/*
 * alias.c — header names: canonical (gridwork-store(5)) and Chinese.
 *
 * share/aliases.csv holds `canonical,alias` rows; the first alias of a
 * canonical name is its Chinese header for --zh.  A header matches a
 * name when both agree after folding full-width forms (so （ ） match
 * ( )), trimming blanks and lower-casing ASCII.  The table is read once,
 * on first use; a missing file only means no Chinese headers.
 *
 * The rest of the --zh side: share/headers-zh.tsv gives the Chinese of
 * headers that carry a number (age_0_17), share/values-zh.tsv that of
 * enumerated values (employment fulltime 专职).  Both are read once, on
 * first use, and a missing file means English.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct alias {
	char *key;	/* folded, trimmed, lower-cased alias or canonical */
	char *canon;	/* canonical name */
};

static struct alias *tab;	/* sorted by key */
static size_t ntab;
static char **zh;		/* zh[i] = Chinese header of canon zhc[i] */
static char **zhc;
static size_t nzh;
static int loaded;

static int
isblankc(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims ASCII blanks from both ends of s[0..*n); returns the start. */
static const char *
trim(const char *s, size_t *n)
{
	size_t len = *n;

	while (len > 0 && isblankc((unsigned char)*s))
		s++, len--;
	while (len > 0 && isblankc((unsigned char)s[len - 1]))
		len--;
	*n = len;
	return s;
}

/* The matching key of s[0..n) into b. */
static void
mkkey(struct sbuf *b, const char *s, size_t n)
{
	const char *t;
	size_t i, j;

	sbuf_reset(b);
	sbuf_add(b, s, n);
	n = utf8_fold(b->s, b->len);
	t = trim(b->s, &n);
	memmove(b->s, t, n);
	/* blanks inside are layout too: 姓 名, 姓\u3000名 (folded to ' ') and
	   a no-break space are 姓名 */
	for (i = j = 0; i < n; i++) {
		if (isblankc((unsigned char)b->s[i]))
			continue;
		if (i + 1 < n && (unsigned char)b->s[i] == 0xC2 &&
		    (unsigned char)b->s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		b->s[j++] = (char)tolower((unsigned char)b->s[i]);
	}
	b->len = n = j;
	b->s[n] = '\0';
}

static int
cmpalias(const void *a, const void *b)
{
	return strcmp(((const struct alias *)a)->key,
	    ((const struct alias *)b)->key);
}

static void
add(const char *key, size_t keylen, const char *canon)
{
	static struct sbuf k;

	mkkey(&k, key, keylen);
	if (k.len == 0)
		return;
	tab = xreallocarray(tab, ntab + 1, sizeof *tab);
	tab[ntab].key = xstrdup(k.s);
	tab[ntab].canon = xstrdup(canon);
	ntab++;
}

static const char *
findzh(const char *canon)
{
	size_t i;

	for (i = 0; i < nzh; i++)
		if (strcmp(zhc[i], canon) == 0)
			return zh[i];
	return NULL;
}

static void
load(void)
{
	FILE *fp;
	char *line = NULL, *comma, *canon;
	size_t cap = 0, i, j, n;
	ssize_t len;
	const char *c, *a;

	loaded = 1;
	if ((fp = fopen(gw_sharepath("aliases.csv"), "r")) == NULL)
		return;
	while ((len = getline(&line, &cap, fp)) != -1) {
		while (len > 0 && isblankc((unsigned char)line[len - 1]))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((comma = strchr(line, ',')) == NULL)
			continue;
		*comma = '\0';
		n = (size_t)(comma - line);
		c = trim(line, &n);
		canon = xstrndup(c, n);
		n = strlen(comma + 1);
		a = trim(comma + 1, &n);
		if (strcmp(canon, "canonical") == 0) {	/* the header row */
			free(canon);
			continue;
		}
		if (n > 0 && !findzh(canon)) {
			zh = xreallocarray(zh, nzh + 1, sizeof *zh);
			zhc = xreallocarray(zhc, nzh + 1, sizeof *zhc);
			zh[nzh] = xstrndup(a, n);
			zhc[nzh] = xstrdup(canon);
			nzh++;
		}
		add(canon, strlen(canon), canon);
		if (n > 0)
			add(a, n, canon);
		free(canon);
	}
	free(line);
	fclose(fp);
	qsort(tab, ntab, sizeof *tab, cmpalias);
	/* drop exact duplicates (a canonical listed on many rows) */
	for (i = j = 0; i < ntab; i++) {
		if (j > 0 && strcmp(tab[j - 1].key, tab[i].key) == 0) {
			free(tab[i].key);
			free(tab[i].canon);
			continue;
		}
		tab[j++] = tab[i];
	}
	ntab = j;
}

const char *
alias_canon(const char *hdr)
{
	static struct sbuf k, out;
	struct alias key, *hit;
	size_t n;
	const char *s;

	if (!loaded)
		load();
	mkkey(&k, hdr, strlen(hdr));
	key.key = k.s;
	if (ntab > 0 && k.len > 0 &&
	    (hit = bsearch(&key, tab, ntab, sizeof *tab, cmpalias)))
		return hit->canon;
	n = strlen(hdr);
	s = trim(hdr, &n);
	sbuf_reset(&out);
	sbuf_add(&out, s, n);
	return out.s;
}

int
alias_known(const char *hdr)
{
	static struct sbuf k;
	struct alias key;

	if (!loaded)
		load();
	mkkey(&k, hdr, strlen(hdr));
	key.key = k.s;
	return ntab > 0 && k.len > 0 &&
	    bsearch(&key, tab, ntab, sizeof *tab, cmpalias) != NULL;
}

void
alias_add(const char *hdr, const char *canon)
{
	static struct sbuf k;
	struct alias key, *hit;

	if (!loaded)
		load();
	mkkey(&k, hdr, strlen(hdr));
	if (k.len == 0)
		return;
	key.key = k.s;
	if (ntab > 0 && (hit = bsearch(&key, tab, ntab, sizeof *tab,
	    cmpalias)) != NULL) {
		/* the office's word wins over the default */
		free(hit->canon);
		hit->canon = xstrdup(canon);
		return;
	}
	add(hdr, strlen(hdr), canon);
	qsort(tab, ntab, sizeof *tab, cmpalias);
}

void
alias_policy(const policy *p)
{
	const struct policy_kv *kv;
	size_t i, n;

	kv = policy_section(p, "aliases", &n);
	for (i = 0; kv && i < n; i++)
		if (*kv[i].val)
			alias_add(kv[i].key, kv[i].val);
}

void
alias_names(const char *canon, struct sbuf *out)
{
	size_t i;

	if (!loaded)
		load();
	sbuf_adds(out, canon);
	for (i = 0; i < ntab; i++)
		if (strcmp(tab[i].canon, canon) == 0 &&
		    strcmp(tab[i].key, canon) != 0) {
			sbuf_adds(out, ", ");
			sbuf_adds(out, tab[i].key);
		}
}

/* headers-zh.tsv and values-zh.tsv */
struct zhpat {
	char *pat;	/* '#' = a run of digits */
	char *zh;	/* '#' = the digits matched, in order */
};
struct zhval {
	char *col, *val, *zh;
};
static struct zhpat *pat;
static size_t npat;
static struct zhval *val;	/* sorted by col, then val */
static size_t nval;
static int zhloaded;

static void
addpat(char **f, int nf, void *arg)
{
	(void)arg;
	if (nf < 2)
		return;
	pat = xreallocarray(pat, npat + 1, sizeof *pat);
	pat[npat].pat = xstrdup(f[0]);
	pat[npat].zh = xstrdup(f[1]);
	npat++;
}

static void
addval(char **f, int nf, void *arg)
{
	(void)arg;
	if (nf < 3)
		return;
	val = xreallocarray(val, nval + 1, sizeof *val);
	val[nval].col = xstrdup(f[0]);
	val[nval].val = xstrdup(f[1]);
	val[nval].zh = xstrdup(f[2]);
	nval++;
}

static int
cmpval(const void *a, const void *b)
{
	const struct zhval *x = a, *y = b;
	int c;

	if ((c = strcmp(x->col, y->col)) != 0)
		return c;
	return strcmp(x->val, y->val);
}

static void
zhload(void)
{
	zhloaded = 1;
	(void)gw_sharetsv("headers-zh.tsv", 1, 3, addpat, NULL);
	(void)gw_sharetsv("values-zh.tsv", 1, 3, addval, NULL);
	qsort(val, nval, sizeof *val, cmpval);
}

/* canon against pattern p: the Chinese into out, or -1. */
static int
matchpat(const struct zhpat *p, const char *canon, struct sbuf *out)
{
	const char *s = canon, *q, *digit[8], *z;
	size_t dlen[8];
	int nd = 0, k = 0;

	for (q = p->pat; *q; q++) {
		if (*q == '#') {
			if (nd == 8 || *s < '0' || *s > '9')
				return -1;
			digit[nd] = s;
			while (*s >= '0' && *s <= '9')
				s++;
			dlen[nd] = (size_t)(s - digit[nd]);
			nd++;
		} else if (*s++ != *q)
			return -1;
	}
	if (*s != '\0')
		return -1;
	sbuf_reset(out);
	for (z = p->zh; *z; z++) {
		if (*z == '#' && k < nd) {
			sbuf_add(out, digit[k], dlen[k]);
			k++;
		} else
			sbuf_add(out, z, 1);
	}
	return 0;
}

const char *
alias_zh(const char *canon)
{
	static struct sbuf out;
	const char *z;
	size_t i;

	if (!loaded)
		load();
	if ((z = findzh(canon)) != NULL)
		return z;
	if (!zhloaded)
		zhload();
	for (i = 0; i < npat; i++)
		if (matchpat(&pat[i], canon, &out) == 0)
			return out.s;
	return canon;
}

/* The first entry of column canon, or NULL. */
static const struct zhval *
firstval(const char *canon)
{
	size_t lo = 0, hi, mid;

	if (!zhloaded)
		zhload();
	hi = nval;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(val[mid].col, canon) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nval && strcmp(val[lo].col, canon) == 0 ? &val[lo] : NULL;
}

int
alias_zhhas(const char *canon)
{
	return firstval(canon) != NULL;
}

const char *
alias_zhval(const char *canon, const char *v, size_t n)
{
	const struct zhval *e;

	for (e = firstval(canon); e && e < val + nval &&
	    strcmp(e->col, canon) == 0; e++)
		if (strlen(e->val) == n && memcmp(e->val, v, n) == 0)
			return e->zh;
	return NULL;
}
