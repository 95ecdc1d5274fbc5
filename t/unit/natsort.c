/*
 * natsort.c — unit tests of natcmp() (lib/natsort.c) and strtab
 * (lib/strtab.c).
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"
#include "tap.h"

static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

int
main(void)
{
	static const char *const order[] = {
		"", "1号楼", "02号楼", "2号楼", "10号楼", "10号楼A", "11号楼",
		"２０号楼", "100号楼", "A栋", "B栋",
	};
	static const char *const cjk[] = {
		"一组", "二组", "三组", "九组", "十组", "十一组", "十二组",
		"二十组", "二十一组", "一百零五组",
	};
	strtab *t;
	size_t i, j, n;
	char buf[32];
	int isnew;

	n = sizeof order / sizeof order[0];
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (sgn(natcmp(order[i], order[j])) !=
			    (i < j ? -1 : i > j))
				ok(0, "natcmp('%s', '%s')", order[i], order[j]);
	ok(1, "digits compare by value: %zu names in order", n);
	n = sizeof cjk / sizeof cjk[0];
	for (i = 0; i + 1 < n; i++)
		ok(natcmp(cjk[i], cjk[i + 1]) < 0, "%s < %s", cjk[i], cjk[i + 1]);
	ok(natcmp("3组", "三组") != 0, "3组 and 三组 differ (strcmp tie break)");
	ok(natcmp("3组", "四组") < 0, "3组 < 四组: digits and numerals compare");
	ok(natcmp("a2b10", "a2b9") > 0, "several numbers in one name");
	ok(natcmp("x\xe4", "x\xe4\xb8") != 0, "truncated UTF-8 is safe");
	ok(natcmp("99999999999999999999999", "1") > 0, "huge numbers saturate");

	t = strtab_new();
	for (i = 0; i < 10000; i++) {
		snprintf(buf, sizeof buf, "k%zu", i);
		if (strtab_add(t, buf, strlen(buf), &isnew) != i || !isnew)
			break;
	}
	is(i, 10000, "strtab: 10000 strings numbered in order");
	is(strtab_add(t, "k42", 3, &isnew), 42, "strtab: an old string keeps its number");
	ok(!isnew, "strtab: and is not new");
	is(strtab_find(t, "k9999", 5), 9999, "strtab_find");
	is(strtab_find(t, "nope", 4), -1, "strtab_find: absent");
	isstr(strtab_str(t, 7), "k7", "strtab_str");
	is(strtab_len(t, 123), 4, "strtab_len");
	strtab_add(t, "", 0, &isnew);
	ok(isnew && strtab_find(t, "", 0) == 10000, "strtab: the empty string");
	strtab_clear(t);
	is(strtab_count(t), 0, "strtab_clear");
	is(strtab_add(t, "k5", 2, NULL), 0, "strtab: numbering starts again");
	strtab_free(t);
	return done();
}
