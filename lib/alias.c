/*
 * alias.c — header names: canonical (gridwork-store(5)) and Chinese.
 *
 * share/aliases.csv holds `canonical,alias` rows; the first alias of a
 * canonical name is its Chinese header for --zh.  A header matches a
 * name when both agree after folding full-width forms (so （ ） match
 * ( )), trimming blanks and lower-casing ASCII.  The table is read once,
 * on first use; a missing file only means no Chinese headers.
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
	size_t i;

	sbuf_reset(b);
	sbuf_add(b, s, n);
	n = utf8_fold(b->s, b->len);
	t = trim(b->s, &n);
	memmove(b->s, t, n);
	b->len = n;
	b->s[n] = '\0';
	for (i = 0; i < n; i++)
		b->s[i] = (char)tolower((unsigned char)b->s[i]);
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

const char *
alias_zh(const char *canon)
{
	const char *z;

	if (!loaded)
		load();
	z = findzh(canon);
	return z ? z : canon;
}
