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
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct rule {
	char *code;	/* what a match gives, non-empty */
	rx *re;		/* compiled pattern */
	long line;	/* line of the rule in its file, for messages */
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
	return whybuf;
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
		l->r[l->n].code = xstrdup(p);
		l->r[l->n].re = re;
		l->r[l->n].line = line;
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
	size_t i;
	int m;

	for (i = 0; i < l->n; i++) {
		m = rx_match(l->r[i].re, s, n);
		if (m == 1)
			return (long)i;
		if (m < 0)	/* not UTF-8: no later rule can do better */
			return -1;
	}
	return -1;
}
