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
