/*
 * rxlist.c unit test: ordered rule lists — file order wins, comments,
 * BOM and CRLF, and every malformed line failing the load with
 * FILE:LINE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static char path[] = "/tmp/rxlist-test.XXXXXX";

static rxlist *
load(const char *text, const char **why)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	return rxl_load(path, why);
}

static int
has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

int
main(void)
{
	const char *why = NULL;
	rxlist *l;
	int fd;

	if ((fd = mkstemp(path)) < 0)
		return 2;
	close(fd);

	l = load("\xef\xbb\xbf# rules\r\n\r\n02\t扬言|持刀\r\n01\t吵架|纠纷\r\n"
	    "0703\t电动车[^，。]{0,6}充电\n", &why);
	ok(l != NULL, "loads with a BOM, a comment, CRLF and a blank line");
	is((long)rxl_len(l), 3, "three rules");
	isstr(rxl_code(l, 0), "02", "codes in file order");
	is(rxl_line(l, 1), 4, "line numbers count comments and blanks");
	is(rxl_first(l, "邻居吵架后扬言报复", strlen("邻居吵架后扬言报复")), 0,
	    "the first rule in the file wins, wherever it matches");
	is(rxl_first(l, "两家有纠纷", strlen("两家有纠纷")), 1, "second rule");
	is(rxl_first(l, "楼道电动车飞线充电", strlen("楼道电动车飞线充电")), 2,
	    "UTF: a Chinese character is one character for {0,6}");
	is(rxl_first(l, "一切正常", strlen("一切正常")), -1, "no match: -1");
	is(rxl_first(l, "\xe5\x90", 2), -1, "invalid UTF-8: -1, no crash");
	rxl_free(l);

	/* the first-character condition never skips a rule that matches */
	l = load("a1\t(?:上级|县)安排\n"
	    "a2\t跳楼的?念头\n"
	    "a3\t甲?乙\n"
	    "a4\t(?:丙)?丁\n"
	    "a5\t[戊己]庚\n"
	    "a6\t(?i)abc\n"
	    "a7\t\\d+号\n"
	    "a8\t(?=.*辛)壬\n"
	    "a9\t癸{0,2}子\n"
	    "b1\t(丑|寅(?:卯|辰))巳|午\n"
	    "b3\t(?x) 申 # a comment\n"
	    "b4\t\\Q酉\\E|戌\n"
	    "b2\t未|\n", &why);
	ok(l != NULL, "a list of pattern shapes loads");
	is(rxl_first(l, "县里安排", strlen("县里安排")), 12,
	    "(?:上级|县)安排 needs 安排 right after: only the catch-all");
	is(rxl_first(l, "按县安排", strlen("按县安排")), 0, "group of firsts");
	is(rxl_first(l, "有跳楼念头", strlen("有跳楼念头")), 1,
	    "optional inside, literal first");
	is(rxl_first(l, "只有乙", strlen("只有乙")), 2, "optional first character");
	is(rxl_first(l, "只有丁", strlen("只有丁")), 3, "optional first group");
	is(rxl_first(l, "己庚", strlen("己庚")), 4, "a class first");
	is(rxl_first(l, "ABC", 3), 5, "(?i) is never filtered");
	is(rxl_first(l, "12号", strlen("12号")), 6, "an escape first");
	is(rxl_first(l, "壬和辛", strlen("壬和辛")), 7, "a lookahead first");
	is(rxl_first(l, "子", strlen("子")), 8, "{0,2} makes the first optional");
	is(rxl_first(l, "寅辰巳", strlen("寅辰巳")), 9, "nested groups");
	is(rxl_first(l, "午", strlen("午")), 9, "second top-level alternative");
	is(rxl_first(l, "申", strlen("申")), 10, "(?x) is never filtered");
	is(rxl_first(l, "酉", strlen("酉")), 11, "\\Q quoting is never filtered");
	is(rxl_first(l, "任何", strlen("任何")), 12,
	    "an empty alternative matches anything");
	rxl_free(l);

	ok(!load("01 吵架\n", &why) && has(why, ":1: no tab"),
	    "a line without a tab fails with FILE:LINE");
	ok(!load("# x\n\t吵架\n", &why) && has(why, ":2: empty code"),
	    "an empty code fails");
	ok(!load("01\t\n", &why) && has(why, ":1: empty pattern"),
	    "an empty pattern fails");
	ok(!load("01\t吵架\n02\t(扬言\n", &why) && has(why, ":2: bad pattern"),
	    "a bad pattern fails the whole load");
	ok(!rxl_load("/nonexistent/rules.tsv", &why) && has(why, "nonexistent"),
	    "a missing file names itself");
	l = load("", &why);
	ok(l && rxl_len(l) == 0 && rxl_first(l, "x", 1) == -1,
	    "an empty file is an empty list");
	rxl_free(l);
	unlink(path);
	return done();
}
