/*
 * rxlist.c — ordered rule lists: one rule a line, "CODE<TAB>PATTERN",
 * the first rule whose PCRE2 pattern matches a text gives its code.
 *
 * Order is the whole point: a text that mentions both a threat and the
 * quarrel behind it must take the threat's code, so a list is read and
 * tried top to bottom and never sorted.  Every pattern is compiled
 * once, at load, through rx.c (UTF, Unicode properties, JIT); a bad
 * pattern fails the whole load with FILE:LINE, since a silently skipped
 * rule would shift texts to the wrong code.  Blank lines and lines whose
 * first character is '#' are comments; a UTF-8 BOM and CRLF line ends
 * (a file saved by a Windows editor) are accepted.
 *
 * Speed: a list is tried against every text, mostly in vain, so each
 * rule carries a cheap necessary condition worked out from its pattern
 * where that is easy and sure: when every alternative of the pattern
 * must begin with a literal character (as in 交办|转办|(?:上级|县)安排),
 * a match needs one of those characters in the text, and a text that
 * has none of them (looked up in a bitmap of the text's characters,
 * built once) skips the rule without running it.  Anything less plain
 * (a class, an escape, an anchor, an optional first item, inline
 * options such as (?i) or (?x), \Q quoting) leaves the rule without a
 * condition: it is always run.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

#define FBITS 1024	/* bits of a text's character bitmap */

struct rule {
	char *code;	/* what a match gives, non-empty */
	rx *re;		/* compiled pattern */
	long line;	/* line of the rule in its file, for messages */
	uint32_t *first;	/* a match starts with one of these code
				   points; NULL: no such condition */
	size_t nfirst;
};

struct rxlist {
	struct rule *r;	/* r[0..n) in file order */
	size_t n, cap;
};

static char whybuf[PATH_MAX + 320];

static const char *
setwhy(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(whybuf, sizeof whybuf, fmt, ap);
	va_end(ap);
	utf8_clip(whybuf, sizeof whybuf);	/* it may quote the input */
	return whybuf;
}

/* Bit of code point c in a text's bitmap (collisions only cost a run). */
static unsigned
fbit(uint32_t c)
{
	return (c * 0x9e3779b1U) >> 22 & (FBITS - 1);
}

/* Decodes the UTF-8 character at p (at most n bytes) into *c; returns
   its length, 1 for a stray byte (taken as itself). */
static size_t
utf8_at(const unsigned char *p, size_t n, uint32_t *c)
{
	size_t k, i;

	if (p[0] < 0x80 || n < 2) {
		*c = p[0];
		return 1;
	}
	k = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 1;
	if (k == 1 || k > n) {
		*c = p[0];
		return 1;
	}
	*c = p[0] & (0x7f >> k);
	for (i = 1; i < k; i++)
		*c = *c << 6 | (p[i] & 0x3f);
	return k;
}

/* End of the item starting at p ('(' group or '[' class), or NULL. */
static const char *
skip_item(const char *p, const char *end)
{
	int depth = 0;

	if (*p == '[') {
		p++;
		if (p < end && *p == '^')
			p++;
		if (p < end && *p == ']')	/* a leading ] is literal */
			p++;
		for (; p < end && *p != ']'; p++)
			if (*p == '\\')
				p++;
		return p < end ? p + 1 : NULL;
	}
	for (; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '[') {
			if (!(p = skip_item(p, end)))
				return NULL;
			p--;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* 1 when the item ending at p may be repeated zero times. */
static int
optional(const char *p, const char *end)
{
	return p < end && (*p == '?' || *p == '*' ||
	    (*p == '{' && p + 1 < end && (p[1] == '0' || p[1] == ',')));
}

static void
addfirst(struct rule *r, uint32_t c)
{
	r->first = xreallocarray(r->first, r->nfirst + 1, sizeof *r->first);
	r->first[r->nfirst++] = c;
}

/*
 * Adds to r the characters that every alternative of p[0..end) must
 * begin with; -1 when some alternative may begin otherwise (then the
 * rule gets no condition at all).
 */
static int
firsts(struct rule *r, const char *p, const char *end)
{
	const char *a, *q;
	uint32_t c;
	size_t k;

	for (a = p;; a = q + 1) {
		/* the alternative [a, q) */
		for (q = a; q < end && *q != '|'; ) {
			if (*q == '\\')
				q += 2;
			else if (*q == '(' || *q == '[') {
				if (!(q = skip_item(q, end)))
					return -1;
			} else
				q++;
		}
		if (q > end || a == q)
			return -1;
		if (*a == '(') {
			const char *body = a + 1, *close = skip_item(a, q);

			if (a + 2 < q && a[1] == '?') {
				if (a[2] != ':')
					return -1;	/* lookaround, flags */
				body = a + 3;
			}
			if (!close || optional(close, q) ||
			    firsts(r, body, close - 1) < 0)
				return -1;
		} else if (strchr("\\[.^$?*+{)|", *a))
			return -1;
		else {
			k = utf8_at((const unsigned char *)a, (size_t)(q - a),
			    &c);
			if (optional(a + k, q))
				return -1;
			addfirst(r, c);
		}
		if (q >= end)
			return 0;
	}
}

/* 1 when pat sets options inline ((?i), (?x), (?-s) ...) or quotes
   (\Q...\E): either changes how the rest reads, so no condition. */
static int
unplain(const char *pat)
{
	const char *p;

	if (strstr(pat, "\\Q"))
		return 1;
	for (p = pat; (p = strstr(p, "(?")) != NULL; p += 2)
		if (p[2] == '-' || p[2] == '^' ||
		    (p[2] >= 'a' && p[2] <= 'z') || (p[2] >= 'A' && p[2] <= 'Z'))
			return 1;
	return 0;
}

static void
setfirsts(struct rule *r, const char *pat)
{
	if (unplain(pat) || firsts(r, pat, pat + strlen(pat)) < 0) {
		free(r->first);
		r->first = NULL;
		r->nfirst = 0;
	}
}

rxlist *
rxl_load(const char *path, const char **why)
{
	FILE *fp;
	rxlist *l;
	char *buf = NULL, *tab, *p;
	size_t cap = 0, len;
	ssize_t got;
	long line = 0;
	const char *rwhy;
	rx *re;

	if (!(fp = fopen(path, "r"))) {
		*why = setwhy("%s: %s", path, strerror(errno));
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	while ((got = getline(&buf, &cap, fp)) != -1) {
		line++;
		len = (size_t)got;
		p = buf;
		if (line == 1 && len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
			p += 3;
			len -= 3;
		}
		while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
			p[--len] = '\0';
		if (len == 0 || p[0] == '#')
			continue;
		if (strlen(p) != len) {
			*why = setwhy("%s:%ld: NUL byte in rule", path, line);
			goto fail;
		}
		if (!(tab = strchr(p, '\t'))) {
			*why = setwhy("%s:%ld: no tab between code and pattern",
			    path, line);
			goto fail;
		}
		*tab = '\0';
		if (tab == p || tab[1] == '\0') {
			*why = setwhy("%s:%ld: empty %s", path, line,
			    tab == p ? "code" : "pattern");
			goto fail;
		}
		if (!(re = rx_compile(tab + 1, 0, &rwhy))) {
			*why = setwhy("%s:%ld: bad pattern %s", path, line, rwhy);
			goto fail;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 32;
			l->r = xreallocarray(l->r, l->cap, sizeof *l->r);
		}
		memset(&l->r[l->n], 0, sizeof l->r[l->n]);
		l->r[l->n].code = xstrdup(p);
		l->r[l->n].re = re;
		l->r[l->n].line = line;
		setfirsts(&l->r[l->n], tab + 1);
		l->n++;
	}
	if (ferror(fp)) {
		*why = setwhy("%s: read error", path);
		goto fail;
	}
	free(buf);
	fclose(fp);
	return l;
fail:
	free(buf);
	fclose(fp);
	rxl_free(l);
	return NULL;
}

void
rxl_free(rxlist *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->r[i].code);
		free(l->r[i].first);
		rx_free(l->r[i].re);
	}
	free(l->r);
	free(l);
}

size_t
rxl_len(const rxlist *l)
{
	return l->n;
}

const char *
rxl_code(const rxlist *l, size_t i)
{
	return l->r[i].code;
}

long
rxl_line(const rxlist *l, size_t i)
{
	return l->r[i].line;
}

long
rxl_first(rxlist *l, const char *s, size_t n)
{
	uint64_t bits[FBITS / 64] = {0};
	const unsigned char *p = (const unsigned char *)s;
	struct rule *r;
	size_t i, j, k;
	uint32_t c;
	int m;

	for (i = 0; i < n; i += k) {
		k = utf8_at(p + i, n - i, &c);
		bits[fbit(c) / 64] |= 1ULL << (fbit(c) % 64);
	}
	for (i = 0; i < l->n; i++) {
		r = &l->r[i];
		if (r->first) {
			for (j = 0; j < r->nfirst; j++)
				if (bits[fbit(r->first[j]) / 64] >>
				    (fbit(r->first[j]) % 64) & 1)
					break;
			if (j == r->nfirst)
				continue;	/* none of its first characters */
		}
		m = rx_match(r->re, s, n);
		if (m == 1)
			return (long)i;
		if (m < 0)	/* not UTF-8: no later rule can do better */
			return -1;
	}
	return -1;
}
