/*
 * utf8.c — encoding names, UTF-8 validation and full-width folding.
 *
 * utf8_valid() is on the reader's hot path (every line with a byte above
 * 0x7F goes through it), so it skips runs of ASCII a word at a time and
 * checks the multi-byte sequences exactly: no overlong forms, no
 * surrogates, nothing above U+10FFFF (RFC 3629).
 *
 * utf8_invisible() finds the characters that show nothing yet make two
 * strings differ: a U+FEFF left inside a value by concatenated exports,
 * zero-width spaces and joiners pasted from the web, direction marks.
 * The set is Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt).
 */
#include <string.h>
#include <strings.h>

#include "gridwork.h"

int
enc_parse(const char *name)
{
	static const struct {
		const char *name;
		int enc;
	} tab[] = {
		{"auto", ENC_AUTO},
		{"utf-8", ENC_UTF8}, {"utf8", ENC_UTF8},
		{"gb18030", ENC_GB18030}, {"gbk", ENC_GB18030},
		{"gb2312", ENC_GB18030}, {"cp936", ENC_GB18030},
		{"utf-16", ENC_UTF16}, {"utf16", ENC_UTF16},
		{"utf-16le", ENC_UTF16}, {"utf16le", ENC_UTF16},
	};
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strcasecmp(name, tab[i].name) == 0)
			return tab[i].enc;
	return -1;
}

#define HIGHBITS 0x8080808080808080ULL

int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	uint64_t w;
	unsigned c, c1;

	while (s < e) {
		c = *s;
		if (c < 0x80) {
			/* ASCII: skip the rest of the run a word at a time */
			s++;
			while (e - s >= 8) {
				memcpy(&w, s, 8);
				if (w & HIGHBITS)
					break;
				s += 8;
			}
			continue;
		}
		/* three bytes first: Chinese text is mostly U+0800..U+FFFF */
		if ((c & 0xF0) == 0xE0) {
			if (e - s < 3)
				return 0;
			c1 = s[1];
			if ((c1 & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
				return 0;
			if ((c == 0xE0 && c1 < 0xA0) ||	/* overlong */
			    (c == 0xED && c1 >= 0xA0))	/* surrogate */
				return 0;
			s += 3;
		} else if (c >= 0xC2 && c < 0xE0) {
			if (e - s < 2 || (s[1] & 0xC0) != 0x80)
				return 0;
			s += 2;
		} else if (c >= 0xF0 && c < 0xF5) {
			if (e - s < 4 || (s[1] & 0xC0) != 0x80 ||
			    (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
				return 0;
			if (c == 0xF0 && s[1] < 0x90)	/* overlong */
				return 0;
			if (c == 0xF4 && s[1] >= 0x90)	/* above U+10FFFF */
				return 0;
			s += 4;
		} else		/* continuation, overlong 2-byte, F5..FF */
			return 0;
	}
	return 1;
}

/* Default-ignorable code points, as ranges [lo, hi]. */
static const struct {
	unsigned lo, hi;
} invis[] = {
	{0x00AD, 0x00AD},	/* soft hyphen */
	{0x034F, 0x034F},	/* combining grapheme joiner */
	{0x061C, 0x061C},	/* Arabic letter mark */
	{0x115F, 0x1160},	/* Hangul fillers */
	{0x17B4, 0x17B5},	/* Khmer inherent vowels */
	{0x180B, 0x180F},	/* Mongolian variation selectors, vowel sep. */
	{0x200B, 0x200F},	/* zero-width space, non-joiner, joiner; LRM, RLM */
	{0x202A, 0x202E},	/* bidirectional embeddings and overrides */
	{0x2060, 0x206F},	/* word joiner, invisible operators, isolates */
	{0x3164, 0x3164},	/* Hangul filler */
	{0xFE00, 0xFE0F},	/* variation selectors */
	{0xFEFF, 0xFEFF},	/* zero-width no-break space, the BOM */
	{0xFFA0, 0xFFA0},	/* half-width Hangul filler */
	{0xFFF0, 0xFFF8},	/* unassigned specials */
	{0x1BCA0, 0x1BCA3},	/* shorthand format controls */
	{0x1D173, 0x1D17A},	/* musical format controls */
	{0xE0000, 0xE0FFF},	/* tags, variation selectors supplement */
};

long
utf8_invisible(const char *str, size_t n, size_t *at, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n, *p;
	unsigned c;
	size_t k, i;

	for (p = s; p < e; p++) {
		/* only these lead bytes start a character of the set */
		switch (*p) {
		case 0xC2: case 0xCD: case 0xD8:
			if (e - p < 2)
				continue;
			c = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
			k = 2;
			break;
		case 0xE1: case 0xE2: case 0xE3: case 0xEF:
			if (e - p < 3)
				continue;
			c = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 |
			    (p[2] & 0x3Fu);
			k = 3;
			break;
		case 0xF0: case 0xF3:
			if (e - p < 4)
				continue;
			c = (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 |
			    (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
			k = 4;
			break;
		default:
			continue;
		}
		for (i = 0; i < sizeof invis / sizeof invis[0]; i++)
			if (c >= invis[i].lo && c <= invis[i].hi) {
				if (at)
					*at = (size_t)(p - s);
				if (len)
					*len = k;
				return (long)c;
			}
	}
	return 0;
}

/*
 * U+FF01..U+FF5E are EF BC 81..EF BC BF and EF BD 80..EF BD 9E; each maps
 * to U+0021..U+007E.  U+3000 (E3 80 80) becomes a space.  The output is
 * never longer than the input, so folding in place is safe.
 */
size_t
utf8_fold(char *str, size_t n)
{
	unsigned char *s = (unsigned char *)str, *d = s, *e = s + n;

	while (s < e) {
		if (s[0] == 0xEF && e - s >= 3 &&
		    ((s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF) ||
		    (s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E))) {
			*d++ = (unsigned char)((s[1] == 0xBC ? s[2] - 0x81 :
			    s[2] - 0x80 + 0x3F) + 0x21);
			s += 3;
		} else if (s[0] == 0xE3 && e - s >= 3 && s[1] == 0x80 &&
		    s[2] == 0x80) {
			*d++ = ' ';
			s += 3;
		} else
			*d++ = *s++;
	}
	if (d < e)
		*d = '\0';
	return (size_t)(d - (unsigned char *)str);
}

void
utf8_clip(char *s, size_t cap)
{
	size_t n = strlen(s), i = 0, k;
	unsigned char c;

	while (i < n) {
		c = (unsigned char)s[i];
		k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 :
		    c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (k > 0 && i + k > n && n == cap - 1) {
			s[i] = '\0';	/* cut by the buffer: dropped */
			return;
		}
		if (k > 0 && i + k <= n && utf8_valid(s + i, k))
			i += k;
		else
			s[i++] = '?';
	}
}
