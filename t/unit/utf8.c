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
