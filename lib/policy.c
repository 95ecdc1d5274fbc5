/*
 * policy.c — named policy profiles (gridwork-policy(5)).
 *
 * Every threshold, weight, routing rule and pay figure of gridwork-rules(7) is
 * data in a profile, never a constant in C, so that a county changes
 * its rules by editing a text file.  The syntax is small on purpose:
 *
 *	# a comment (only at the start of a line)
 *	include = gansu		another profile, read at this point
 *	[section]
 *	key = value		value trimmed; may hold '=', '#', blanks
 *
 * A later setting of the same section and key replaces the earlier one
 * but keeps the earlier one's place in section order, so a county
 * profile that includes gansu and overrides a few keys lists its
 * sections exactly as gansu does.  Any malformed line fails the whole
 * load with "FILE:LINE: reason": a half-read policy would silently
 * score or pay people by the wrong rules.
 *
 * Reasons are returned in a static buffer, valid until the next call
 * into this file.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

#define MAXDEPTH 16	/* include nesting; deeper is surely a mistake */

struct policy {
	char *name;			/* as given to policy_load */
	struct policy_kv *kv;		/* settings; grouped by section once
					   loaded (see group()) */
	size_t n, cap;
	size_t *tab;			/* hash of (sect, key): index + 1, or 0 */
	size_t tabcap;			/* a power of two >= 2 * n */
	char **files;			/* paths read, owned; kv[].file points
					   into these */
	size_t nfiles;
};

static char whybuf[PATH_MAX + 512];

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

static size_t
hash(const char *sect, const char *key)
{
	size_t h = 2166136261u;

	for (; *sect; sect++)
		h = (h ^ (unsigned char)*sect) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

/* Slot of (sect, key) in the hash: where it is, or the empty slot. */
static size_t
slot(const policy *p, const char *sect, const char *key)
{
	size_t i = hash(sect, key) & (p->tabcap - 1);
	const struct policy_kv *kv;

	while (p->tab[i]) {
		kv = &p->kv[p->tab[i] - 1];
		if (strcmp(kv->sect, sect) == 0 && strcmp(kv->key, key) == 0)
			return i;
		i = (i + 1) & (p->tabcap - 1);
	}
	return i;
}

static void
rehash(policy *p, size_t cap)
{
	size_t i;

	free(p->tab);
	p->tabcap = cap;
	p->tab = xcalloc(cap, sizeof *p->tab);
	for (i = 0; i < p->n; i++)
		p->tab[slot(p, p->kv[i].sect, p->kv[i].key)] = i + 1;
}

/* Sets sect.key: replaces the value in place or appends a setting. */
static void
set(policy *p, const char *sect, const char *key, const char *val,
    const char *file, int line)
{
	struct policy_kv *kv;
	size_t i;

	if (2 * (p->n + 1) > p->tabcap)
		rehash(p, p->tabcap ? 2 * p->tabcap : 64);
	i = slot(p, sect, key);
	if (p->tab[i]) {
		kv = &p->kv[p->tab[i] - 1];
		free((char *)kv->val);
		kv->val = xstrdup(val);
		kv->file = file;
		kv->line = line;
		return;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->kv = xreallocarray(p->kv, p->cap, sizeof *p->kv);
	}
	kv = &p->kv[p->n];
	kv->sect = xstrdup(sect);
	kv->key = xstrdup(key);
	kv->val = xstrdup(val);
	kv->file = file;
	kv->line = line;
	p->tab[i] = ++p->n;
}

/* 1 when s names a file rather than a profile. */
static int
ispath(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n >= 5 && strcmp(s + n - 5, ".conf") == 0);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* A section or key name: printable, no blanks, none of [ ] = #. */
static int
goodname(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == '[' || *s == ']' ||
		    *s == '=' || *s == '#' || *s == 0x7f)
			return 0;
	return 1;
}

/* The files being read, outermost first, for cycle detection. */
struct stack {
	const char *real[MAXDEPTH];
	int n;
};

static int loadfile(policy *p, const char *path, struct stack *st,
    const char **why);

/*
 * Resolves an include target: a profile name in share/policy, or a
 * path, relative to the directory of the including file.
 */
static char *
incpath(const char *from, const char *name)
{
	struct sbuf b = {0};
	const char *slash;

	if (!ispath(name))
		sbuf_adds(&b, gw_sharepath("policy/"));
	else if (name[0] != '/' && (slash = strrchr(from, '/')))
		sbuf_add(&b, from, (size_t)(slash - from + 1));
	sbuf_adds(&b, name);
	if (!ispath(name))
		sbuf_adds(&b, ".conf");
	return b.s;
}

static int
parseline(policy *p, char *s, const char *file, int lineno, char **sect,
    struct stack *st, const char **why)
{
	char *e, *key, *val, *path;
	int r;

	s = trim(s);
	if (*s == '\0' || *s == '#')
		return 0;
	if (*s == '[') {
		e = s + strlen(s) - 1;
		if (*e != ']') {
			*why = setwhy("%s:%d: bad section header: no ']'",
			    file, lineno);
			return -1;
		}
		*e = '\0';
		s = trim(s + 1);
		if (!goodname(s)) {
			*why = setwhy("%s:%d: bad section header '[%s]'",
			    file, lineno, s);
			return -1;
		}
		free(*sect);
		*sect = xstrdup(s);
		return 0;
	}
	if (!(e = strchr(s, '='))) {
		*why = setwhy("%s:%d: expected 'key = value'", file, lineno);
		return -1;
	}
	*e = '\0';
	key = trim(s);
	val = trim(e + 1);
	if (*key == '\0') {
		*why = setwhy("%s:%d: empty key", file, lineno);
		return -1;
	}
	if (!goodname(key)) {
		*why = setwhy("%s:%d: bad key '%s'", file, lineno, key);
		return -1;
	}
	if (strcmp(key, "include") != 0) {
		set(p, *sect, key, val, file, lineno);
		return 0;
	}
	if (*val == '\0') {
		*why = setwhy("%s:%d: include of nothing", file, lineno);
		return -1;
	}
	if (st->n >= MAXDEPTH) {
		*why = setwhy("%s:%d: includes nested too deep", file, lineno);
		return -1;
	}
	path = incpath(file, val);
	r = loadfile(p, path, st, why);
	if (r == -2) {
		*why = setwhy("%s:%d: unknown profile '%s' (%s: %s)", file,
		    lineno, val, path, strerror(errno));
		r = -1;
	} else if (r == -3) {
		*why = setwhy("%s:%d: include cycle through '%s'", file,
		    lineno, val);
		r = -1;
	}
	free(path);
	return r;
}

/*
 * Reads path into p.  Returns 0; -1 with *why; -2 when it cannot be
 * opened (errno set, *why not); -3 when it is already being read.
 */
static int
loadfile(policy *p, const char *path, struct stack *st, const char **why)
{
	char real[PATH_MAX], *line = NULL, *sect, *file;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, r = 0, i, e;
	FILE *fp;

	if (!(fp = fopen(path, "r")))
		return -2;
	if (!realpath(path, real))
		snprintf(real, sizeof real, "%s", path);
	for (i = 0; i < st->n; i++) {
		if (strcmp(st->real[i], real) == 0) {
			fclose(fp);
			return -3;
		}
	}
	file = xstrdup(path);
	p->files = xreallocarray(p->files, p->nfiles + 1, sizeof *p->files);
	p->files[p->nfiles++] = file;
	st->real[st->n++] = xstrdup(real);
	sect = xstrdup("");
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (memchr(line, '\0', (size_t)len)) {
			*why = setwhy("%s:%d: NUL byte", file, lineno);
			r = -1;
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!utf8_valid(line, (size_t)len)) {
			*why = setwhy("%s:%d: invalid UTF-8", file, lineno);
			r = -1;
			break;
		}
		if ((r = parseline(p, line + (lineno == 1 &&
		    strncmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0), file,
		    lineno, &sect, st, why)) < 0)
			break;
	}
	e = errno;
	if (r == 0 && ferror(fp)) {
		*why = setwhy("read error: %s: %s", file, strerror(e));
		r = -1;
	}
	fclose(fp);
	free(line);
	free(sect);
	free((char *)st->real[--st->n]);
	return r;
}

/*
 * Regroups the settings by section, sections in order of first
 * appearance and settings in file order within each, so that
 * policy_section() can hand out one contiguous run.
 */
static void
group(policy *p)
{
	struct policy_kv *out;
	size_t i, j, k = 0;
	unsigned char *done = xcalloc(p->n, 1);

	out = xreallocarray(NULL, p->n ? p->n : 1, sizeof *out);
	for (i = 0; i < p->n; i++) {
		if (done[i])
			continue;
		for (j = i; j < p->n; j++) {
			if (!done[j] && strcmp(p->kv[j].sect, p->kv[i].sect) == 0) {
				out[k++] = p->kv[j];
				done[j] = 1;
			}
		}
	}
	free(done);
	free(p->kv);
	p->kv = out;
	p->cap = p->n;
	rehash(p, p->tabcap ? p->tabcap : 64);
}

policy *
policy_load(const char *name_or_file, const char **why)
{
	struct stack st = {{0}, 0};
	const char *name = name_or_file;
	char *path;
	policy *p;
	int r;

	if (!name || !*name)
		name = getenv("GW_POLICY");
	if (!name || !*name)
		name = "gansu";
	if (ispath(name))
		path = xstrdup(name);
	else {
		if (strchr(name, '.') || strchr(name, ' ')) {
			*why = setwhy("bad policy name '%s'", name);
			return NULL;
		}
		path = xstrdup(gw_sharepath("policy/"));
		path = xreallocarray(path, strlen(path) + strlen(name) + 6, 1);
		strcat(strcat(path, name), ".conf");
	}
	p = xcalloc(1, sizeof *p);
	p->name = xstrdup(name);
	rehash(p, 64);
	r = loadfile(p, path, &st, why);
	if (r == -2) {
		if (ispath(name))
			*why = setwhy("cannot open policy %s: %s", path,
			    strerror(errno));
		else
			*why = setwhy("unknown policy profile '%s' (%s: %s)",
			    name, path, strerror(errno));
	}
	free(path);
	if (r < 0) {
		policy_free(p);
		return NULL;
	}
	group(p);
	alias_policy(p);	/* an office's own headers */
	return p;
}

void
policy_free(policy *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free((char *)p->kv[i].sect);
		free((char *)p->kv[i].key);
		free((char *)p->kv[i].val);
	}
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->files);
	free(p->kv);
	free(p->tab);
	free(p->name);
	free(p);
}

const char *
policy_name(const policy *p)
{
	return p->name;
}

const struct policy_kv *
policy_find(const policy *p, const char *sect, const char *key)
{
	size_t i = slot(p, sect, key);

	return p->tab[i] ? &p->kv[p->tab[i] - 1] : NULL;
}

const char *
policy_get(const policy *p, const char *sect, const char *key)
{
	const struct policy_kv *kv = policy_find(p, sect, key);

	return kv ? kv->val : NULL;
}

const char *
policy_str(const policy *p, const char *sect, const char *key,
    const char **why)
{
	const struct policy_kv *kv = policy_find(p, sect, key);

	if (!kv) {
		*why = setwhy("missing key '%s.%s'", sect, key);
		return NULL;
	}
	return kv->val;
}

/* The setting, or NULL with *why = missing key. */
static const struct policy_kv *
need(const policy *p, const char *sect, const char *key, const char **why)
{
	const struct policy_kv *kv = policy_find(p, sect, key);

	if (!kv)
		*why = setwhy("missing key '%s.%s'", sect, key);
	return kv;
}

static int
bad(const struct policy_kv *kv, const char **why, const char *what)
{
	*why = setwhy("%s:%d: key '%s': %s '%s'", kv->file, kv->line,
	    kv->key, what, kv->val);
	return -1;
}

int
policy_int(const policy *p, const char *sect, const char *key, long *v,
    const char **why)
{
	const struct policy_kv *kv;
	const char *s;
	char *end;
	long x;

	if (!(kv = need(p, sect, key, why)))
		return -1;
	s = kv->val;
	if (!((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' &&
	    s[1] <= '9')))
		return bad(kv, why, "not an integer");
	errno = 0;
	x = strtol(s, &end, 10);
	if (*end)
		return bad(kv, why, "not an integer");
	if (errno == ERANGE)
		return bad(kv, why, "integer out of range");
	*v = x;
	return 0;
}

int
policy_amount(const char *s, size_t n, int64_t *fen, const char **why)
{
	if (money_parse(s, n, fen, why) < 0)
		return -1;
	/* a month's pay item or a figure of the budget: a larger one is
	   a typo, and bounded items cannot add up past int64 */
	if (*fen > POLICY_MONEY_MAX || *fen < -POLICY_MONEY_MAX) {
		*why = "amount too large for a policy (more than "
		    "100,000,000.00)";
		return -1;
	}
	return 0;
}

int
policy_money(const policy *p, const char *sect, const char *key,
    int64_t *fen, const char **why)
{
	const struct policy_kv *kv;
	const char *r;
	char what[128];

	if (!(kv = need(p, sect, key, why)))
		return -1;
	if (policy_amount(kv->val, strlen(kv->val), fen, &r) < 0) {
		snprintf(what, sizeof what, "%s", r);
		return bad(kv, why, what);
	}
	return 0;
}

int
policy_rate(const policy *p, const char *sect, const char *key,
    int64_t *num, int64_t *den, const char **why)
{
	const struct policy_kv *kv;

	if (!(kv = need(p, sect, key, why)))
		return -1;
	if (rate_parse(kv->val, num, den) < 0)
		return bad(kv, why, "not a decimal number");
	return 0;
}

int
policy_bool(const policy *p, const char *sect, const char *key, int *v,
    const char **why)
{
	static const char *yes[] = {"on", "yes", "true", "1"};
	static const char *no[] = {"off", "no", "false", "0"};
	const struct policy_kv *kv;
	size_t i;

	if (!(kv = need(p, sect, key, why)))
		return -1;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcmp(kv->val, yes[i]) == 0) {
			*v = 1;
			return 0;
		}
		if (strcmp(kv->val, no[i]) == 0) {
			*v = 0;
			return 0;
		}
	}
	return bad(kv, why, "not on or off");
}

const struct policy_kv *
policy_section(const policy *p, const char *sect, size_t *n)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		if (strcmp(p->kv[i].sect, sect) == 0) {
			for (j = i; j < p->n && strcmp(p->kv[j].sect, sect) == 0;
			    j++)
				;
			*n = j - i;
			return &p->kv[i];
		}
	}
	*n = 0;
	return NULL;
}

const char *
policy_path(const policy *p, const char *sect, const char *key)
{
	static char buf[PATH_MAX + 64];
	const struct policy_kv *kv = policy_find(p, sect, key);
	const char *slash;

	if (!kv || !*kv->val)
		return NULL;
	if (kv->val[0] == '/')
		snprintf(buf, sizeof buf, "%s", kv->val);
	else if ((strncmp(kv->val, "./", 2) == 0 ||
	    strncmp(kv->val, "../", 3) == 0) &&
	    (slash = strrchr(kv->file, '/')))
		/* beside the file that set it: a county's own tables */
		snprintf(buf, sizeof buf, "%.*s/%s", (int)(slash - kv->file),
		    kv->file, kv->val);
	else if (strncmp(kv->val, "./", 2) == 0 ||
	    strncmp(kv->val, "../", 3) == 0)
		snprintf(buf, sizeof buf, "%s", kv->val);
	else
		snprintf(buf, sizeof buf, "%s/%s", gw_sharedir(), kv->val);
	return buf;
}
