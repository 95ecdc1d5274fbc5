/*
 * natsort.c — natural order of names, as people sort buildings and
 * villager groups: 2号楼 before 10号楼, 二组 before 十组 before 十一组.
 *
 * A name is read as a sequence of tokens: a run of digits (ASCII or
 * full-width ０-９), a run of Chinese numerals (〇 零 一 二 两 三 四 五 六 七 八
 * 九 十 百 千), or a single other byte.  Numeric tokens of either kind
 * compare by value and sort before any other token; other bytes compare
 * as unsigned bytes.  Names equal under these rules (02 and 2, 3 and 三)
 * fall back to strcmp, so the order is total and stable across runs.
 */
#include <string.h>

#include "gridwork.h"

/* Value of one Chinese numeral character at s (3 bytes of UTF-8), or -1;
   multipliers return 10, 100, 1000 with *mul set. */
static int
cjk_digit(const unsigned char *s, int *mul)
{
	static const struct {
		const char *u;
		int v, mul;
	} tab[] = {
		{ "〇", 0, 0 }, { "零", 0, 0 }, { "一", 1, 0 }, { "二", 2, 0 },
		{ "两", 2, 0 }, { "三", 3, 0 }, { "四", 4, 0 }, { "五", 5, 0 },
		{ "六", 6, 0 }, { "七", 7, 0 }, { "八", 8, 0 }, { "九", 9, 0 },
		{ "十", 10, 1 }, { "百", 100, 1 }, { "千", 1000, 1 },
	};
	size_t i;

	if (s[0] < 0xe3 || s[0] > 0xe9 || s[1] == 0 || s[2] == 0)
		return -1;
	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (memcmp(s, tab[i].u, 3) == 0) {
			*mul = tab[i].mul;
			return tab[i].v;
		}
	return -1;
}

/* Full-width digit ０-９ (EF BC 90-99) at s: its value, else -1. */
static int
fw_digit(const unsigned char *s)
{
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x90 && s[2] <= 0x99)
		return s[2] - 0x90;
	return -1;
}

/*
 * Reads a numeric token at *sp into *val (saturating, so absurdly long
 * runs still compare sensibly) and advances *sp; 0 when *sp does not
 * start one.
 */
static int
numtok(const unsigned char **sp, unsigned long long *val)
{
	const unsigned char *s = *sp;
	unsigned long long v = 0, sec = 0, cur = 0;
	const unsigned long long cap = 1ULL << 60;
	int d, mul, any = 0;

	if ((*s >= '0' && *s <= '9') || fw_digit(s) >= 0) {
		for (;;) {
			if (*s >= '0' && *s <= '9') {
				d = *s - '0';
				s++;
			} else if ((d = fw_digit(s)) >= 0)
				s += 3;
			else
				break;
			v = v >= cap ? cap : v * 10 + (unsigned)d;
		}
		*sp = s;
		*val = v;
		return 1;
	}
	/* 二十一 = 21, 一百零五 = 105, 十 = 10, 三 = 3, 一二 = 12 */
	while ((d = cjk_digit(s, &mul)) >= 0) {
		any = 1;
		s += 3;
		if (mul) {
			sec += (cur ? cur : 1) * (unsigned)d;
			cur = 0;
		} else
			cur = cur >= cap ? cap : cur * 10 + (unsigned)d;
	}
	if (!any)
		return 0;
	*sp = s;
	*val = sec + cur;
	return 1;
}

int
natcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	unsigned long long x, y;
	int na, nb;

	while (*p && *q) {
		const unsigned char *p0 = p, *q0 = q;

		na = numtok(&p, &x);
		nb = numtok(&q, &y);
		if (na && nb) {
			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (na != nb)
			return na ? -1 : 1;
		p = p0;
		q = q0;
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b);
}
