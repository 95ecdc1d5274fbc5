/*
 * rx.c unit tests: UTF-8 patterns with Chinese and lookbehind, case
 * folding, bad patterns with a reason, invalid UTF-8 as an error.
 */
#include "gridwork.h"
#include "tap.h"

int
main(void)
{
	const char *why = NULL, *s;
	rx *r;

	r = rx_compile("拘留|羁押", 0, &why);
	ok(r != NULL, "compile a Chinese alternation");
	s = "2019年曾被行政拘留5日";
	is(rx_match(r, s, strlen(s)), 1, "matches inside a sentence");
	s = "无违法记录";
	is(rx_match(r, s, strlen(s)), 0, "no match");
	is(rx_match(r, "", 0), 0, "empty subject");
	is(rx_match(r, "\xFF\xFE", 2), -1, "invalid UTF-8 is an error");
	rx_free(r);

	r = rx_compile("(?<!无|未)犯罪记录", 0, &why);
	ok(r != NULL, "lookbehind with alternatives of one character");
	s = "无犯罪记录";
	is(rx_match(r, s, strlen(s)), 0, "negated mention does not match");
	s = "有犯罪记录";
	is(rx_match(r, s, strlen(s)), 1, "plain mention matches");
	rx_free(r);

	r = rx_compile("^.{2}$", 0, &why);
	s = "拘留";
	is(rx_match(r, s, strlen(s)), 1, "a Chinese character is one character");
	rx_free(r);

	r = rx_compile("abc", RX_ICASE, &why);
	is(rx_match(r, "xABCx", 5), 1, "RX_ICASE");
	rx_free(r);
	r = rx_compile("abc", 0, &why);
	is(rx_match(r, "xABCx", 5), 0, "case matters without RX_ICASE");
	is(rx_match(r, "abc", 2), 0, "n bounds the subject");
	rx_free(r);

	why = NULL;
	ok(rx_compile("拘留(", 0, &why) == NULL, "unbalanced parenthesis fails");
	ok(why && strstr(why, "at offset"), "... with a reason: %s",
	    why ? why : "(null)");
	return done();
}
