/*
 * utf8.c — unit tests of lib/utf8.c: encoding names, strict UTF-8
 * validation and full-width folding.
 */
#include <string.h>

#include "gridwork.h"
#include "tap.h"

static int
valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/* utf8_invisible(in): want the code point at byte offset wat, or none */
static void
invis(const char *in, long want, size_t wat, const char *desc)
{
	size_t at = 99, len = 0;
	long cp = utf8_invisible(in, strlen(in), &at, &len);

	if (want == 0)
		ok(cp == 0, "%s: none", desc);
	else
		ok(cp == want && at == wat && len > 0, "%s: U+%04lX at %zu (got "
		    "U+%04lX at %zu)", desc, want, wat, cp, at);
}

static void
fold(const char *in, const char *want)
{
	char buf[256];
	size_t n;

	snprintf(buf, sizeof buf, "%s", in);
	n = utf8_fold(buf, strlen(buf));
	buf[n] = '\0';
	isstr(buf, want, "fold '%s'", in);
}

int
main(void)
{
	char big[4096];

	is(enc_parse("utf-8"), ENC_UTF8, "utf-8");
	is(enc_parse("UTF8"), ENC_UTF8, "UTF8, any case");
	is(enc_parse("gb18030"), ENC_GB18030, "gb18030");
	is(enc_parse("GBK"), ENC_GB18030, "gbk is read as gb18030");
	is(enc_parse("gb2312"), ENC_GB18030, "gb2312 is read as gb18030");
	is(enc_parse("utf-16"), ENC_UTF16, "utf-16");
	is(enc_parse("latin1"), -1, "unknown encoding");

	ok(valid(""), "empty is valid");
	ok(valid("plain ascii, long enough to use the word loop"), "ascii");
	ok(valid("身份证号"), "Chinese");
	ok(valid("\xF0\x9F\x98\x80 emoji"), "4-byte sequence");
	ok(valid("\xEF\xBF\xBD"), "U+FFFD");
	ok(valid("\xF4\x8F\xBF\xBF"), "U+10FFFF");
	ok(!valid("\xC0\xAF"), "overlong 2-byte");
	ok(!valid("\xE0\x80\xAF"), "overlong 3-byte");
	ok(!valid("\xF0\x80\x80\xAF"), "overlong 4-byte");
	ok(!valid("\xED\xA0\x80"), "surrogate");
	ok(!valid("\xF4\x90\x80\x80"), "above U+10FFFF");
	ok(!valid("\xF5\x80\x80\x80"), "F5 lead");
	ok(!valid("\x80"), "lone continuation");
	ok(!valid("abc\xE4\xBD"), "truncated at end");
	ok(!valid("\xE4\xBDx"), "bad continuation");
	ok(!valid("\xC9\xED\xB7\xDD"), "GB18030 bytes of 身份 are not UTF-8");
	ok(!valid("\xFF\xFE"), "UTF-16 BOM is not UTF-8");
	memset(big, 'a', sizeof big);
	big[4000] = '\xC3';
	big[4001] = '\xA9';
	ok(utf8_valid(big, sizeof big), "long ASCII run with one é");
	big[4001] = 'a';
	ok(!utf8_valid(big, sizeof big), "long ASCII run with a broken é");
	ok(!utf8_valid("ab\xC3", 3), "length is honoured");
	ok(utf8_valid("ab\xC3", 2), "bytes beyond n are not looked at");

	invis("W1408241002000011", 0, 0, "ASCII");
	invis("张三·买买提 ，（１）\xC2\xA0\xE3\x80\x80", 0, 0, "Chinese, a middle dot, blanks");
	invis("\xEF\xBB\xBFW1", 0xFEFF, 0, "a BOM first");
	invis("W14\xEF\xBB\xBF", 0xFEFF, 3, "a BOM last");
	invis("张\xE2\x80\x8B三", 0x200B, 3, "a zero-width space inside");
	invis("a\xE2\x80\x8C", 0x200C, 1, "ZWNJ");
	invis("a\xE2\x80\x8D", 0x200D, 1, "ZWJ");
	invis("a\xE2\x80\x8E", 0x200E, 1, "LRM");
	invis("a\xE2\x80\xAE", 0x202E, 1, "RLO");
	invis("a\xE2\x81\xA0", 0x2060, 1, "word joiner");
	invis("a\xE2\x81\xA6", 0x2066, 1, "LRI");
	invis("\xC2\xAD", 0x00AD, 0, "soft hyphen");
	invis("x\xEF\xB8\x8F", 0xFE0F, 1, "variation selector 16");
	invis("\xF3\xA0\x80\x81", 0xE0001, 0, "language tag");
	invis("\xE2\x80\x8A\xE2\x80\x90", 0, 0, "hair space and hyphen are visible");
	invis("\xEF\xBB", 0, 0, "a cut BOM is no BOM");
	ok(utf8_invisible("ab\xEF\xBB\xBF", 2, NULL, NULL) == 0, "bytes beyond n are not looked at");

	fold("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X");
	fold("ＡＢＣａｂｃ！～", "ABCabc!~");
	fold("（１）", "(1)");
	fold("a\xE3\x80\x80" "b", "a b");
	fold("身份证号", "身份证号");
	fold("mixed １a２", "mixed 1a2");
	fold("", "");
	fold("\xEF\xBC", "\xEF\xBC");
	return done();
}
