/*
 * place.c — statistical division codes, grid and micro-grid codes, and
 * whether a village-level unit is urban or rural (gridwork-rules(7), PLACES AND CODES).
 *
 * Contract: a code is a string of ASCII digits whose length names its
 * level: PP CC DD TTT VVV (2 4 6 9 12), a grid adds a 3-digit sequence
 * (15), a micro-grid another (18).  code_level() only measures;
 * code_check() also says, in a short reason, what is wrong with a
 * malformed code.  The province list is that of GB/T 2260 — a standard,
 * not a policy value.
 */
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "gridwork.h"

static _Thread_local char whybuf[96];	/* code_check() on two threads */

static int
fail(const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(whybuf, sizeof whybuf, fmt, ap);
	va_end(ap);
	if (why)
		*why = whybuf;
	return -1;
}

/* The parts of a code: the level they complete, name, width. */
static const struct part {
	int lvl;
	const char *name;
	int width;
} parts[] = {
	{ LVL_PROVINCE, "province", 2 },
	{ LVL_CITY, "city", 2 },
	{ LVL_COUNTY, "county", 2 },
	{ LVL_TOWN, "township", 3 },
	{ LVL_VILLAGE, "village", 3 },
	{ LVL_GRID, "grid", 3 },
	{ LVL_MICRO, "micro-grid", 3 },
};
#define NPARTS (sizeof parts / sizeof parts[0])

/* GB/T 2260 provinces, autonomous regions, municipalities, SARs. */
static const char provinces[][3] = {
	"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
	"34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
	"51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81",
	"82",
};

static const char *
levelname(int lvl)
{
	size_t i;

	for (i = 0; i < NPARTS; i++)
		if (parts[i].lvl == lvl)
			return parts[i].name;
	return "";
}

static int
alldig(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num3(const char *s)
{
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

int
code_level(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < NPARTS; i++)
		if ((size_t)parts[i].lvl == n)
			return alldig(s, n) ? (int)n : -1;
	return -1;
}

int
code_check(const char *s, size_t n, int want, const char **why)
{
	size_t i, nc, off;
	int lvl = -1, seq;

	if (n == 0)
		return fail(why, "empty");
	/* positions count characters, as a person reading the cell would */
	for (i = 0, nc = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		nc++;
		if (s[i] < '0' || s[i] > '9')
			return fail(why, "not a digit at position %zu", nc);
	}
	if (want > 0) {
		if (n != (size_t)want)
			return fail(why, "%s code must have %d digits, found %zu",
			    levelname(want), want, n);
	}
	for (i = 0; i < NPARTS; i++)
		if ((size_t)parts[i].lvl == n)
			lvl = parts[i].lvl;
	if (lvl < 0)
		return fail(why, "code must have 2, 4, 6, 9, 12, 15 or 18 "
		    "digits, found %zu", n);

	for (i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (memcmp(s, provinces[i], 2) == 0)
			break;
	if (i == sizeof provinces / sizeof provinces[0])
		return fail(why, "unknown province %.2s", s);

	/* every division part below the province must name something */
	for (i = 1, off = 2; i < NPARTS && parts[i].lvl <= lvl &&
	    parts[i].lvl <= LVL_VILLAGE; i++) {
		if (strspn(s + off, "0") >= (size_t)parts[i].width)
			return fail(why, "%s part ends in %.*s", parts[i].name,
			    parts[i].width, "000");
		off += parts[i].width;
	}
	if (lvl >= LVL_GRID) {
		seq = num3(s + 12);
		if (seq == 0 || seq == 900)
			return fail(why, "sequence %03d is neither base 001-899 "
			    "nor dedicated 901-999", seq);
	}
	if (lvl == LVL_MICRO && num3(s + 15) == 0)
		return fail(why, "micro-grid sequence is 000");
	return lvl;
}

void
code_prefix(const char *s, int lvl, char *out)
{
	size_t n = strnlen(s, lvl > 0 ? (size_t)lvl : 0);

	memcpy(out, s, n);
	out[n] = '\0';
}

int
code_parent_level(int lvl)
{
	size_t i;

	for (i = 1; i < NPARTS; i++)
		if (parts[i].lvl == lvl)
			return parts[i - 1].lvl;
	return -1;
}

int
code_parent(const char *s, char *out)
{
	int lvl = code_level(s, strlen(s)), up;

	out[0] = '\0';
	if (lvl < 0 || (up = code_parent_level(lvl)) < 0)
		return -1;
	code_prefix(s, up, out);
	return up;
}

int
grid_is_dedicated(const char *grid)
{
	size_t n = strlen(grid);
	int seq;

	if ((n != LVL_GRID && n != LVL_MICRO) || !alldig(grid, n))
		return 0;
	seq = num3(grid + 12);
	return seq >= 901 && seq <= 999;
}

/* Copies s trimmed of blanks and full-width folded into buf (NUL). */
static const char *
clean(const char *s, char *buf, size_t bufsz)
{
	size_t n;

	if (!s)
		return "";
	n = strlen(s);
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, s, n);
	n = utf8_fold(buf, n);
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	return buf + strspn(buf, " \t");
}

static int
endswith(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

int
region_kind(const char *kind, const char *urcode, const char *name)
{
	static const char *const urban_kind[] = { "城市", "城镇", NULL };
	static const char *const rural_kind[] = { "农村", "乡村", NULL };
	static const char *const urban_end[] = {
		"社区", "居委会", "居民委员会", "社区居委会", NULL
	};
	static const char *const rural_end[] = {
		"村委会", "村民委员会", "村", NULL
	};
	char buf[256];
	const char *p;
	size_t i;
	int c;

	p = clean(kind, buf, sizeof buf);
	if (strcasecmp(p, "urban") == 0)
		return KIND_URBAN;
	if (strcasecmp(p, "rural") == 0)
		return KIND_RURAL;
	for (i = 0; urban_kind[i]; i++)
		if (strcmp(p, urban_kind[i]) == 0)
			return KIND_URBAN;
	for (i = 0; rural_kind[i]; i++)
		if (strcmp(p, rural_kind[i]) == 0)
			return KIND_RURAL;

	/* 城乡分类代码: 1xx urban (111 112 121 122 123), 2xx rural (210 220) */
	p = clean(urcode, buf, sizeof buf);
	if (strlen(p) == 3 && alldig(p, 3)) {
		c = num3(p);
		if (c == 111 || c == 112 || c == 121 || c == 122 || c == 123)
			return KIND_URBAN;
		if (c == 210 || c == 220)
			return KIND_RURAL;
	}

	/*
	 * The name's ending.  Urban endings are tried first: "XX村社区" is
	 * a village turned community and ends in 社区.
	 */
	p = clean(name, buf, sizeof buf);
	for (i = 0; urban_end[i]; i++)
		if (endswith(p, urban_end[i]))
			return KIND_URBAN;
	for (i = 0; rural_end[i]; i++)
		if (endswith(p, rural_end[i]))
			return KIND_RURAL;
	return KIND_UNKNOWN;
}

const char *
kind_name(int kind)
{
	return kind == KIND_URBAN ? "urban" : kind == KIND_RURAL ? "rural" :
	    "";
}

int
worker_grid_check(const char *s, size_t n, const char **why)
{
	if (n == LVL_MICRO)
		return code_check(s, n, LVL_MICRO, why);
	return code_check(s, n, LVL_GRID, why);
}
