/*
 * colspec.c — what a value of each store column must look like.
 *
 * The specification is data, share/sql/columns.tsv: one line a column
 * with its type, the table.column it links to and the column of the
 * same row it must begin with.  Whether a value is required and which
 * columns form the key come from the schema itself (PRAGMA table_info),
 * so nothing is said twice; colspec_load() refuses a file that misses a
 * column of the schema, names one that is not there, or links to a table
 * that does not exist, so the two cannot drift apart.
 *
 * The one key the schema cannot say: a table whose rowid is its identity
 * number's digits (persons, share/sql/002) declares no primary key, so
 * that column's type, idkey, makes it the key (colspec_col.rowkey).
 *
 * colspec_check() is the heart of gw-load: it trims and, for codes and
 * numbers, folds full-width characters, refuses invisible ones (U+FEFF,
 * U+200B ...) in all but free text, checks the value against its type
 * and gives it back normalised and typed, ready to bind.  It
 * allocates nothing: a million rows cost no malloc.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "gridwork.h"

/* The other spellings of an enumeration, each mapped to its canonical. */
struct colenum {
	char **spell;	/* every accepted spelling */
	size_t *canon;	/* spell[i] is stored as spell[canon[i]] */
	size_t n;
	char *list;	/* canonical values for messages: "a, b or c" */
};

struct colspec {
	struct colspec_col *c;	/* grouped by table, in schema order */
	size_t n;
	char **tables;		/* table names in schema order */
	size_t ntables;
	long asof;		/* reference day for birth dates, or -1 */
};

static const struct {
	const char *name;
	int type;
	int sqltype;
} types[] = {
	{ "text", CT_TEXT, SQLITE_TEXT },
	{ "id", CT_ID, SQLITE_TEXT },
	{ "code", CT_CODE, SQLITE_TEXT },
	{ "code9", CT_CODE9, SQLITE_TEXT },
	{ "code12", CT_CODE12, SQLITE_TEXT },
	{ "code15", CT_CODE15, SQLITE_TEXT },
	{ "idno", CT_IDNO, SQLITE_TEXT },
	{ "idkey", CT_IDNO, SQLITE_TEXT },
	{ "date", CT_DATE, SQLITE_TEXT },
	{ "datetime", CT_DATETIME, SQLITE_TEXT },
	{ "when", CT_WHEN, SQLITE_TEXT },
	{ "month", CT_MONTH, SQLITE_TEXT },
	{ "count", CT_COUNT, SQLITE_INTEGER },
	{ "num", CT_NUM, SQLITE_FLOAT },
	{ "rate", CT_RATE, SQLITE_FLOAT },
	{ "money", CT_MONEY, SQLITE_INTEGER },
	{ "flag", CT_FLAG, SQLITE_INTEGER },
	{ "category", CT_CATEGORY, SQLITE_TEXT },
	{ "regionkind", CT_REGIONKIND, SQLITE_TEXT },
	{ "enum", CT_ENUM, SQLITE_TEXT },
	{ "workergrid", CT_WORKERGRID, SQLITE_TEXT },
};

static char whybuf[512];

static int
fail(const char **why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(whybuf, sizeof whybuf, fmt, ap);
	va_end(ap);
	utf8_clip(whybuf, sizeof whybuf);	/* it may quote the input */
	*why = whybuf;
	return -1;
}

/* Splits line at runs of tabs into at most max fields; returns count. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (*p && n < max) {
		f[n++] = p;
		p += strcspn(p, "\t");
		if (*p == '\0')
			break;
		*p++ = '\0';
		p += strspn(p, "\t");
	}
	return n;
}

static struct colenum *
parse_enum(const char *spec)
{
	struct colenum *e = xcalloc(1, sizeof *e);
	struct sbuf list = { 0 };
	char *s = xstrdup(spec), *alt, *word, *sa, *sw;
	size_t first, nalt = 0, i;

	for (alt = strtok_r(s, "|", &sa); alt; alt = strtok_r(NULL, "|", &sa)) {
		first = e->n;
		for (word = strtok_r(alt, ",", &sw); word;
		    word = strtok_r(NULL, ",", &sw)) {
			e->spell = xreallocarray(e->spell, e->n + 1,
			    sizeof *e->spell);
			e->canon = xreallocarray(e->canon, e->n + 1,
			    sizeof *e->canon);
			e->spell[e->n] = xstrdup(word);
			e->canon[e->n] = first;
			e->n++;
		}
		if (e->n > first)
			nalt++;
	}
	/* "a, b or c" for messages */
	for (i = 0, first = 0; i < e->n; i++) {
		if (e->canon[i] != i)
			continue;
		if (first > 0)
			sbuf_adds(&list, first + 1 == nalt ? " or " : ", ");
		sbuf_adds(&list, e->spell[i]);
		first++;
	}
	e->list = list.s ? list.s : xstrdup("");
	free(s);
	return e;
}

static void
free_enum(struct colenum *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n; i++)
		free(e->spell[i]);
	free(e->spell);
	free(e->canon);
	free(e->list);
	free(e);
}

/* One line of columns.tsv, before it is matched with the schema. */
struct line {
	char *table, *col, *type, *link, *starts;
	long lineno;
	int used;
};

static void
free_lines(struct line *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(l[i].table);
		free(l[i].col);
		free(l[i].type);
		free(l[i].link);
		free(l[i].starts);
	}
	free(l);
}

static struct line *
read_lines(const char *path, size_t *np, const char **why)
{
	struct line *l = NULL;
	FILE *fp;
	char *buf = NULL, *f[6];
	size_t cap = 0, n = 0, nf;
	ssize_t len;
	long lineno = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		fail(why, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((len = getline(&buf, &cap, fp)) >= 0) {
		lineno++;
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (buf[strspn(buf, " \t")] == '\0' || buf[0] == '#')
			continue;
		nf = split(buf, f, 6);
		if (nf != 5) {
			fail(why, "%s:%ld: %zu fields, want 5: table column "
			    "type link starts", path, lineno, nf);
			goto bad;
		}
		l = xreallocarray(l, n + 1, sizeof *l);
		l[n].table = xstrdup(f[0]);
		l[n].col = xstrdup(f[1]);
		l[n].type = xstrdup(f[2]);
		l[n].link = strcmp(f[3], "-") ? xstrdup(f[3]) : NULL;
		l[n].starts = strcmp(f[4], "-") ? xstrdup(f[4]) : NULL;
		l[n].lineno = lineno;
		l[n].used = 0;
		n++;
	}
	if (ferror(fp)) {
		fail(why, "%s: %s", path, strerror(errno));
		goto bad;
	}
	fclose(fp);
	free(buf);
	*np = n;
	return l;
bad:
	fclose(fp);
	free(buf);
	free_lines(l, n);
	return NULL;
}

/*
 * 1 when table.col is a column of the schema.  st is "SELECT 1 FROM
 * pragma_table_info(?1) WHERE name = ?2", prepared once by the caller:
 * every line of the file asks, and a statement prepared and a column
 * list copied for each of them was most of what loading took.
 */
static int
schema_has(sqlite3_stmt *st, const char *table, const char *col)
{
	int found;

	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return found;
}

/* Fills in the type of c from the text t; 0 or -1. */
static int
set_type(struct colspec_col *c, const char *t)
{
	size_t i, len;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		len = strlen(types[i].name);
		if (types[i].type == CT_ENUM) {
			if (strncmp(t, "enum:", 5) != 0 || t[5] == '\0')
				continue;
		} else if (strcmp(t, types[i].name) != 0)
			continue;
		c->type = types[i].type;
		c->sqltype = types[i].sqltype;
		if (strcmp(t, "idkey") == 0) {
			/* the table's key, held as its rowid (idkey_rowid) */
			c->pk = 1;
			c->rowkey = 1;
		}
		if (c->type == CT_ENUM)
			c->en = parse_enum(t + len + 1);
		return 0;
	}
	return -1;
}

/* The index of the first line about table, or nl when none. */
static size_t
firstline(const struct line *l, size_t nl, const char *table)
{
	size_t i;

	for (i = 0; i < nl; i++)
		if (strcmp(l[i].table, table) == 0)
			break;
	return i;
}

colspec *
colspec_load(sqlite3 *db, const char *path, const char **why)
{
	static const char sql[] = "SELECT name FROM sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit' "
	    "ORDER BY rowid";
	static const char hsql[] = "SELECT 1 FROM pragma_table_info(?1) "
	    "WHERE name = ?2";
	sqlite3 *mem = NULL;
	sqlite3_stmt *st, *has = NULL;
	struct colspec *cs;
	struct line *l;
	struct store_col *sc;
	size_t nl, nsc, i, j, k, first;
	char *dot;

	if (path == NULL)
		path = gw_sharepath("sql/columns.tsv");
	if (db == NULL && (db = mem = store_memory(why)) == NULL)
		return NULL;
	if ((l = read_lines(path, &nl, why)) == NULL) {
		store_close(mem);
		return NULL;
	}
	cs = xcalloc(1, sizeof *cs);
	cs->asof = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(why, "schema: %s", sqlite3_errmsg(db));
		goto bad;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		cs->tables = xreallocarray(cs->tables, cs->ntables + 1,
		    sizeof *cs->tables);
		cs->tables[cs->ntables++] =
		    xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, hsql, -1, &has, NULL) != SQLITE_OK) {
		fail(why, "schema: %s", sqlite3_errmsg(db));
		goto bad;
	}

	/*
	 * Tables in the order of columns.tsv, which is the order of the
	 * schema's files; sqlite_schema's own order changes when a
	 * migration makes a table again (002 made persons last).
	 */
	for (i = 1; i < cs->ntables; i++) {
		char *t = cs->tables[i];
		size_t pos = firstline(l, nl, t);

		for (j = i; j > 0 && firstline(l, nl, cs->tables[j - 1]) > pos;
		    j--)
			cs->tables[j] = cs->tables[j - 1];
		cs->tables[j] = t;
	}

	/* every line names a column of the schema, once */
	for (i = 0; i < nl; i++) {
		if (!schema_has(has, l[i].table, l[i].col)) {
			fail(why, "%s:%ld: no column '%s' in table '%s' of the "
			    "schema", path, l[i].lineno, l[i].col, l[i].table);
			goto bad;
		}
		for (j = 0; j < i; j++)
			if (strcmp(l[i].table, l[j].table) == 0 &&
			    strcmp(l[i].col, l[j].col) == 0) {
				fail(why, "%s:%ld: column '%s.%s' again (first "
				    "on line %ld)", path, l[i].lineno,
				    l[i].table, l[i].col, l[j].lineno);
				goto bad;
			}
	}

	/* then, in schema order, every column of the schema has a line */
	for (i = 0; i < cs->ntables; i++) {
		sc = store_table_columns(db, cs->tables[i], &nsc);
		first = cs->n;
		for (j = 0; j < nsc; j++) {
			struct colspec_col *c;
			struct line *li = NULL;

			for (k = 0; k < nl; k++)
				if (strcmp(l[k].table, cs->tables[i]) == 0 &&
				    strcmp(l[k].col, sc[j].name) == 0)
					li = &l[k];
			if (li == NULL) {
				fail(why, "%s: no line for column '%s.%s' of "
				    "the schema", path, cs->tables[i],
				    sc[j].name);
				store_cols_free(sc, nsc);
				goto bad;
			}
			cs->c = xreallocarray(cs->c, cs->n + 1, sizeof *cs->c);
			c = &cs->c[cs->n++];
			memset(c, 0, sizeof *c);
			c->table = cs->tables[i];
			c->name = xstrdup(sc[j].name);
			c->tname = xstrdup(li->type);
			c->required = sc[j].notnull && !sc[j].hasdefault;
			c->pk = sc[j].pk;
			c->starts = -1;
			if (set_type(c, li->type) < 0) {
				fail(why, "%s:%ld: unknown type '%s'", path,
				    li->lineno, li->type);
				store_cols_free(sc, nsc);
				goto bad;
			}
			if (li->link) {
				c->link_table = xstrdup(li->link);
				dot = strchr(c->link_table, '.');
				if (dot)
					*dot = '\0';
				if (!dot || !schema_has(has, c->link_table,
				    dot + 1)) {
					fail(why, "%s:%ld: link '%s' is not a "
					    "table.column of the schema", path,
					    li->lineno, li->link);
					store_cols_free(sc, nsc);
					goto bad;
				}
				c->link_col = dot + 1;
			}
			li->used = 1;
		}
		/* starts names a column of the same table: its index */
		for (j = 0; j < nsc; j++) {
			struct line *li = NULL;

			for (k = 0; k < nl; k++)
				if (strcmp(l[k].table, cs->tables[i]) == 0 &&
				    strcmp(l[k].col, sc[j].name) == 0)
					li = &l[k];
			const char *other;

			if (li->starts == NULL)
				continue;
			other = li->starts;
			if (strncmp(other, ">=", 2) == 0) {
				cs->c[first + j].notbefore = 1;
				other += 2;
			}
			for (k = 0; k < nsc; k++)
				if (strcmp(sc[k].name, other) == 0)
					cs->c[first + j].starts = (int)k;
			if (cs->c[first + j].starts < 0 ||
			    cs->c[first + j].starts == (int)j) {
				fail(why, "%s:%ld: starts: no other column "
				    "'%s' in table '%s'", path, li->lineno,
				    li->starts, cs->tables[i]);
				store_cols_free(sc, nsc);
				goto bad;
			}
		}
		store_cols_free(sc, nsc);
	}
	for (i = 0; i < nl; i++)
		if (!l[i].used) {
			fail(why, "%s:%ld: table '%s' cannot be loaded", path,
			    l[i].lineno, l[i].table);
			goto bad;
		}
	sqlite3_finalize(has);
	free_lines(l, nl);
	store_close(mem);
	return cs;
bad:
	sqlite3_finalize(has);
	free_lines(l, nl);
	colspec_free(cs);
	store_close(mem);
	return NULL;
}

void
colspec_free(colspec *cs)
{
	size_t i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->n; i++) {
		free((char *)cs->c[i].name);
		free((char *)cs->c[i].tname);
		free((char *)cs->c[i].link_table);
		free_enum(cs->c[i].en);
	}
	for (i = 0; i < cs->ntables; i++)
		free(cs->tables[i]);
	free(cs->tables);
	free(cs->c);
	free(cs);
}

void
colspec_asof(colspec *cs, long day)
{
	cs->asof = day;
}

const char *const *
colspec_tables(const colspec *cs, size_t *n)
{
	*n = cs->ntables;
	return (const char *const *)cs->tables;
}

const struct colspec_col *
colspec_table(const colspec *cs, const char *table, size_t *n)
{
	size_t i, j;

	*n = 0;
	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].table, table) == 0) {
			for (j = i; j < cs->n && cs->c[j].table ==
			    cs->c[i].table; j++)
				;
			*n = j - i;
			return &cs->c[i];
		}
	return NULL;
}

const struct colspec_col *
colspec_find(const colspec *cs, const char *table, const char *col)
{
	const struct colspec_col *c;
	size_t n, i;

	if ((c = colspec_table(cs, table, &n)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(c[i].name, col) == 0)
			return &c[i];
	return NULL;
}

/*
 * The blank at the start of s[0..n) (lead) or at its end (trail): ASCII
 * white space, and the ideographic space U+3000 and no-break space
 * U+00A0 that spreadsheets leave around values; with inv, invisible
 * characters too (utf8_invisible(): U+FEFF, U+200B ...).
 */
static size_t
lead(const unsigned char *s, size_t n, int inv)
{
	size_t k = 0, at, len;

	for (;;) {
		if (k < n && (s[k] == ' ' || (s[k] >= '\t' && s[k] <= '\r')))
			k++;
		else if (n - k >= 3 && memcmp(s + k, "\xe3\x80\x80", 3) == 0)
			k += 3;
		else if (n - k >= 2 && memcmp(s + k, "\xc2\xa0", 2) == 0)
			k += 2;
		else if (inv && k < n && s[k] >= 0xC2 &&
		    utf8_invisible((const char *)s + k, n - k > 4 ? 4 : n - k,
		    &at, &len) && at == 0)
			k += len;
		else
			return k;
	}
}

static size_t
trail(const unsigned char *s, size_t n, int inv)
{
	size_t k = 0, at, len, b;

	for (;;) {
		if (k < n && (s[n - k - 1] == ' ' ||
		    (s[n - k - 1] >= '\t' && s[n - k - 1] <= '\r')))
			k++;
		else if (n - k >= 3 &&
		    memcmp(s + n - k - 3, "\xe3\x80\x80", 3) == 0)
			k += 3;
		else if (n - k >= 2 && memcmp(s + n - k - 2, "\xc2\xa0", 2) == 0)
			k += 2;
		else if (inv && k < n && s[n - k - 1] >= 0x80) {
			/* the last character: back over continuation bytes */
			for (b = n - k - 1; b > 0 && (s[b] & 0xC0) == 0x80 &&
			    n - k - b < 4; b--)
				;
			if (utf8_invisible((const char *)s + b, n - k - b, &at,
			    &len) && at == 0 && len == n - k - b)
				k += len;
			else
				return k;
		} else
			return k;
	}
}

/* The value for messages: quoted, cut at a character boundary. */
static const char *
shown(const char *s, size_t n)
{
	static char buf[80];
	size_t max = 48;

	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		snprintf(buf, sizeof buf, "'%.*s...'", (int)max, s);
	} else
		snprintf(buf, sizeof buf, "'%.*s'", (int)n, s);
	return buf;
}

/* Copies s[0..n) folded into v->buf; -1 when too long. */
static int
folded(struct colval *v, const char *s, size_t n)
{
	if (n >= sizeof v->buf)
		return -1;
	memcpy(v->buf, s, n);
	n = utf8_fold(v->buf, n);
	v->buf[n] = '\0';
	v->s = v->buf;
	v->n = n;
	return 0;
}

/* A decimal number: [+-]digits[.digits] or [+-].digits; 0 or -1. */
static int
parse_num(const char *s, double *d)
{
	const char *p = s;
	size_t a, b = 0;
	char *end;

	if (*p == '+' || *p == '-')
		p++;
	a = strspn(p, "0123456789");
	p += a;
	if (*p == '.') {
		p++;
		b = strspn(p, "0123456789");
		p += b;
	}
	if (*p || a + b == 0 || a > 15)
		return -1;
	errno = 0;
	*d = strtod(s, &end);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

static int
check_enum(const struct colspec_col *c, const char *s, size_t n,
    struct colval *v, const char **why)
{
	const struct colenum *e = c->en;
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strlen(e->spell[i]) == n &&
		    strncasecmp(e->spell[i], s, n) == 0) {
			v->kind = CV_TEXT;
			v->s = e->spell[e->canon[i]];
			v->n = strlen(v->s);
			return 0;
		}
	return fail(why, "not %s%s: %s", e->n > 1 ? "one of " : "", e->list,
	    shown(s, n));
}

/* A 12-digit code padded with zero groups, shortened to its level. */
static size_t
unpad(const char *s, size_t n)
{
	static const size_t lv[] = { 2, 4, 6, 9 };
	size_t i;

	if (n != 12 || !gw_alldigits(s, n))
		return n;
	for (i = 0; i < sizeof lv / sizeof lv[0]; i++)
		if (strspn(s + lv[i], "0") == 12 - lv[i])
			return lv[i];
	return n;
}

int
colspec_check(const colspec *cs, const struct colspec_col *c, const char *s,
    size_t n, struct colval *v, const char **why)
{
	struct idno id;
	const char *msg;
	int64_t t;
	long day, last, cp;
	size_t k, i;
	int lvl, text;

	/*
	 * Invisible characters (U+FEFF, zero-width ones, direction marks)
	 * around free text are trimmed like blanks and kept inside it, as
	 * data.  In every other value, and in text that is a key or links
	 * to one, one is refused wherever it is: it would make a second key
	 * or a value that only looks right.  gw-load(1), Checks.
	 */
	text = c->type == CT_TEXT && !c->pk && !c->link_table;
	k = lead((const unsigned char *)s, n, text);
	s += k;
	n -= k;
	n -= trail((const unsigned char *)s, n, text);
	v->kind = CV_TEXT;
	v->s = s;
	v->n = n;
	if (n == 0) {
		v->kind = CV_NULL;
		return c->required ? fail(why, "empty, but required") : 0;
	}
	if (!text && (cp = utf8_invisible(s, n, NULL, NULL)) != 0)
		return fail(why, "invisible character U+%04lX", cp);
	switch (c->type) {
	case CT_TEXT:
		return 0;
	case CT_ID:
		if (folded(v, s, n) < 0)
			return fail(why, "too long: %zu bytes, at most %zu", n,
			    sizeof v->buf - 1);
		for (i = 0; i < v->n; i++)
			if ((unsigned char)v->buf[i] < 0x20 ||
			    v->buf[i] == 0x7f)
				return fail(why, "control character in %s",
				    shown(s, n));
		return 0;
	case CT_CODE:
	case CT_CODE9:
	case CT_CODE12:
	case CT_CODE15:
		if (folded(v, s, n) < 0)
			return fail(why, "not a code: %s", shown(s, n));
		if (c->type == CT_CODE) {
			v->n = unpad(v->buf, v->n);
			v->buf[v->n] = '\0';
			lvl = code_check(v->buf, v->n, 0, &msg);
			if (lvl > LVL_VILLAGE)
				return fail(why, "not a division code: %s has "
				    "%d digits", shown(s, n), lvl);
		} else
			lvl = code_check(v->buf, v->n, c->type == CT_CODE9 ?
			    LVL_TOWN : c->type == CT_CODE12 ? LVL_VILLAGE :
			    LVL_GRID, &msg);
		if (lvl < 0)
			return fail(why, "%s: %s", msg, shown(s, n));
		return 0;
	case CT_WORKERGRID:
		if (folded(v, s, n) < 0)
			return fail(why, "not a code: %s", shown(s, n));
		if (worker_grid_check(v->buf, v->n, &msg) < 0)
			return fail(why, "%s: %s", msg, shown(s, n));
		return 0;
	case CT_IDNO:
		if (idno_parse(s, n, cs->asof, &id, &msg) < 0)
			return fail(why, "%s: %s", msg, shown(s, n));
		memcpy(v->buf, id.s, sizeof id.s);
		v->s = v->buf;
		v->n = 18;
		return 0;
	case CT_DATE:
		if (date_parse(s, n, &day) < 0)
			return fail(why, "not a date: %s", shown(s, n));
		date_fmt(day, v->buf);
		v->s = v->buf;
		v->n = 10;
		return 0;
	case CT_WHEN:
		/* a deadline of a day is the day's end, not its midnight:
		   a date stays a date */
		if (date_parse(s, n, &day) == 0) {
			date_fmt(day, v->buf);
			v->s = v->buf;
			v->n = 10;
			return 0;
		}
		/* FALLTHROUGH */
	case CT_DATETIME:
		if (datetime_parse(s, n, &t) < 0)
			return fail(why, "not a date and time: %s",
			    shown(s, n));
		datetime_fmt(t, v->buf);
		v->s = v->buf;
		v->n = 19;
		return 0;
	case CT_MONTH:
		if (n >= 64 || folded(v, s, n) < 0 ||
		    month_parse(v->buf, &day, &last) < 0)
			return fail(why, "not a month YYYY-MM: %s",
			    shown(s, n));
		date_fmt(day, v->buf);
		v->buf[7] = '\0';
		v->s = v->buf;
		v->n = 7;
		return 0;
	case CT_COUNT:
		if (folded(v, s, n) < 0 || !gw_alldigits(v->buf, v->n) ||
		    v->n > 18)
			return fail(why, "not a whole number >= 0: %s",
			    shown(s, n));
		v->kind = CV_INT;
		v->i = strtoll(v->buf, NULL, 10);
		return 0;
	case CT_NUM:
	case CT_RATE:
		if (folded(v, s, n) < 0 || parse_num(v->buf, &v->d) < 0)
			return fail(why, "not a number: %s", shown(s, n));
		if (c->type == CT_RATE && (v->d < 0 || v->d > 1))
			return fail(why, "rate outside 0..1: %s", shown(s, n));
		v->kind = CV_REAL;
		return 0;
	case CT_MONEY:
		if (money_parse(s, n, &v->i, &msg) < 0)
			return fail(why, "%s: %s", msg, shown(s, n));
		v->kind = CV_INT;
		return 0;
	case CT_FLAG: {
		static const char *const yes[] = { "1", "是", "yes", "y",
		    "true", "有" };
		static const char *const no[] = { "0", "否", "no", "n",
		    "false", "无" };

		if (folded(v, s, n) == 0)
			for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
				if (strcasecmp(v->buf, yes[i]) == 0) {
					v->kind = CV_INT;
					v->i = 1;
					return 0;
				}
				if (strcasecmp(v->buf, no[i]) == 0) {
					v->kind = CV_INT;
					v->i = 0;
					return 0;
				}
			}
		return fail(why, "not a flag 0 or 1: %s", shown(s, n));
	}
	case CT_CATEGORY:
		if (folded(v, s, n) < 0 || !gw_alldigits(v->buf, v->n) ||
		    (v->n != 2 && v->n != 4))
			return fail(why, "not a category of 2 or 4 digits: %s",
			    shown(s, n));
		return 0;
	case CT_REGIONKIND:
		if (n < sizeof v->buf)
			switch (folded(v, s, n) < 0 ? KIND_UNKNOWN :
			    region_kind(v->buf, v->buf, NULL)) {
			case KIND_URBAN:
				v->s = "urban";
				v->n = 5;
				return 0;
			case KIND_RURAL:
				v->s = "rural";
				v->n = 5;
				return 0;
			}
		return fail(why, "not urban or rural: %s", shown(s, n));
	case CT_ENUM:
		if (folded(v, s, n) < 0)
			return fail(why, "too long: %s", shown(s, n));
		return check_enum(c, v->buf, v->n, v, why);
	}
	return fail(why, "column of unknown type");
}

int
colspec_starts(const struct colspec_col *c, const struct colval *v,
    const struct colval *other, const char *other_name, const char **why)
{
	size_t n;
	int cmp;

	if (c->starts < 0 || v->kind != CV_TEXT || other->kind != CV_TEXT)
		return 0;
	if (c->notbefore) {
		/* stored values (dates, times) sort as text */
		n = v->n < other->n ? v->n : other->n;
		if ((cmp = memcmp(v->s, other->s, n)) > 0 || (cmp == 0 &&
		    v->n >= other->n))
			return 0;
		return fail(why, "'%.*s' before %s '%.*s'", (int)v->n, v->s,
		    other_name, (int)other->n, other->s);
	}
	if (v->n >= other->n && memcmp(v->s, other->s, other->n) == 0)
		return 0;
	return fail(why, "%.*s does not begin with %s %.*s", (int)v->n, v->s,
	    other_name, (int)other->n, other->s);
}

int
colval_bind(sqlite3_stmt *st, int i, const struct colval *v)
{
	switch (v->kind) {
	case CV_TEXT:
		return sqlite3_bind_text(st, i, v->s, (int)v->n, SQLITE_STATIC);
	case CV_INT:
		return sqlite3_bind_int64(st, i, v->i);
	case CV_REAL:
		return sqlite3_bind_double(st, i, v->d);
	}
	return sqlite3_bind_null(st, i);
}

void
colval_result(sqlite3_context *ctx, const struct colval *v)
{
	switch (v->kind) {
	case CV_TEXT:
		sqlite3_result_text(ctx, v->s, (int)v->n, SQLITE_STATIC);
		return;
	case CV_INT:
		sqlite3_result_int64(ctx, v->i);
		return;
	case CV_REAL:
		sqlite3_result_double(ctx, v->d);
		return;
	}
	sqlite3_result_null(ctx);
}

/* A REAL without exponent or trailing zeros, so that it reads back. */
static const char *
fmt_real(double d, char *buf, size_t bufsz)
{
	size_t n;

	snprintf(buf, bufsz, "%.10f", d);
	n = strlen(buf);
	if (strchr(buf, '.')) {
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

const char *
colspec_format(const struct colspec_col *c, sqlite3_stmt *st, int i,
    char *buf, size_t bufsz)
{
	const char *s;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return "";
	case SQLITE_INTEGER:
		if (c->type == CT_MONEY && bufsz >= 24)
			return money_fmt(sqlite3_column_int64(st, i), buf);
		break;
	case SQLITE_FLOAT:
		return fmt_real(sqlite3_column_double(st, i), buf, bufsz);
	}
	s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

int64_t
idkey_rowid(const char *id, size_t n)
{
	int64_t v = 0;
	size_t i;

	if (n != 18)
		return -1;
	for (i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return -1;
		v = v * 10 + (id[i] - '0');
	}
	return v;
}
