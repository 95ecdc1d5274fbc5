/*
 * place.c — unit tests of lib/place.c: code levels and checks with
 * reasons, prefixes and parents, dedicated grids, urban or rural.
 */
#include "gridwork.h"
#include "tap.h"

/* code_check of s; returns the reason, or "" when well-formed. */
static const char *
why_of(const char *s, int want)
{
	const char *why = NULL;

	if (code_check(s, strlen(s), want, &why) > 0)
		return "";
	return why ? why : "(null)";
}

static void
t_level(void)
{
	is(code_level("62", 2), LVL_PROVINCE, "2 digits: province");
	is(code_level("6201", 4), LVL_CITY, "4 digits: city");
	is(code_level("620102", 6), LVL_COUNTY, "6 digits: county");
	is(code_level("620102001", 9), LVL_TOWN, "9 digits: township");
	is(code_level("620102001002", 12), LVL_VILLAGE, "12: village");
	is(code_level("620102001002003", 15), LVL_GRID, "15: grid");
	is(code_level("620102001002003004", 18), LVL_MICRO, "18: micro-grid");
	is(code_level("62010", 5), -1, "5 digits: no level");
	is(code_level("6201a2", 6), -1, "a letter: no level");
	is(code_level("", 0), -1, "empty: no level");
	is(code_level("6201029999", 6), LVL_COUNTY, "n bounds the code");
}

static void
t_check_good(void)
{
	const char *why;

	is(code_check("62", 2, 0, &why), LVL_PROVINCE, "province ok");
	is(code_check("1408", 4, LVL_CITY, &why), LVL_CITY, "city ok");
	is(code_check("140824", 6, LVL_COUNTY, &why), LVL_COUNTY,
	    "county ok");
	is(code_check("140824100", 9, 0, &why), LVL_TOWN, "township ok");
	is(code_check("140824100200", 12, LVL_VILLAGE, &why), LVL_VILLAGE,
	    "village ok");
	is(code_check("140824100200001", 15, LVL_GRID, &why), LVL_GRID,
	    "base grid 001 ok");
	isstr(why_of("140824100200899", LVL_GRID), "", "base grid 899 ok");
	isstr(why_of("140824100200901", LVL_GRID), "", "dedicated 901 ok");
	isstr(why_of("140824100200999", LVL_GRID), "", "dedicated 999 ok");
	is(code_check("140824100200001001", 18, LVL_MICRO, &why), LVL_MICRO,
	    "micro-grid ok");
	isstr(why_of("140824100200901999", 0), "", "micro-grid of dedicated");
	isstr(why_of("820000", 0), "city part ends in 00",
	    "Macao: known province, city 00 still bad");
}

static void
t_check_bad(void)
{
	isstr(why_of("14082410020000", LVL_GRID),
	    "grid code must have 15 digits, found 14", "grid of 14 digits");
	isstr(why_of("140824100", LVL_VILLAGE),
	    "village code must have 12 digits, found 9",
	    "township where a village is wanted");
	isstr(why_of("140824100200001", LVL_MICRO),
	    "micro-grid code must have 18 digits, found 15",
	    "grid where a micro-grid is wanted");
	isstr(why_of("1408241", 0),
	    "code must have 2, 4, 6, 9, 12, 15 or 18 digits, found 7",
	    "7 digits: no level");
	isstr(why_of("", 0), "empty", "empty code");
	isstr(why_of("1408A4", LVL_COUNTY), "not a digit at position 5",
	    "letter at position 5");
	isstr(why_of("140824 100200", 0), "not a digit at position 7",
	    "blank inside");
	isstr(why_of("99", 0), "unknown province 99", "province 99");
	isstr(why_of("000000000000", LVL_VILLAGE), "unknown province 00",
	    "all zeros");
	isstr(why_of("1400", 0), "city part ends in 00", "city 00");
	isstr(why_of("140800", 0), "county part ends in 00", "county 00");
	isstr(why_of("140824000", 0), "township part ends in 000",
	    "township 000");
	isstr(why_of("140824100000", 0), "village part ends in 000",
	    "village 000");
	isstr(why_of("140824100000001", LVL_GRID), "village part ends in 000",
	    "grid directly under a township");
	isstr(why_of("140824000000001", LVL_GRID),
	    "township part ends in 000", "grid directly under a county");
	isstr(why_of("140824100200000", LVL_GRID),
	    "sequence 000 is neither base 001-899 nor dedicated 901-999",
	    "grid sequence 000");
	isstr(why_of("140824100200900", LVL_GRID),
	    "sequence 900 is neither base 001-899 nor dedicated 901-999",
	    "grid sequence 900");
	isstr(why_of("140824100200001000", LVL_MICRO),
	    "micro-grid sequence is 000", "micro-grid sequence 000");
	isstr(why_of("140824100200900001", LVL_MICRO),
	    "sequence 900 is neither base 001-899 nor dedicated 901-999",
	    "micro-grid in grid 900");
	ok(code_check("99", 2, 0, NULL) == -1, "why may be NULL");
}

static void
t_prefix_parent(void)
{
	char out[32];

	code_prefix("140824100200001001", LVL_COUNTY, out);
	isstr(out, "140824", "county prefix");
	code_prefix("140824100200001001", LVL_GRID, out);
	isstr(out, "140824100200001", "grid prefix of a micro-grid");
	code_prefix("1408", LVL_VILLAGE, out);
	isstr(out, "1408", "prefix longer than the code: whole code");

	is(code_parent_level(LVL_MICRO), LVL_GRID, "micro-grid -> grid");
	is(code_parent_level(LVL_GRID), LVL_VILLAGE, "grid -> village");
	is(code_parent_level(LVL_VILLAGE), LVL_TOWN, "village -> township");
	is(code_parent_level(LVL_TOWN), LVL_COUNTY, "township -> county");
	is(code_parent_level(LVL_COUNTY), LVL_CITY, "county -> city");
	is(code_parent_level(LVL_CITY), LVL_PROVINCE, "city -> province");
	is(code_parent_level(LVL_PROVINCE), -1, "province has no parent");
	is(code_parent_level(7), -1, "no such level");

	is(code_parent("140824100200001001", out), LVL_GRID,
	    "parent of a micro-grid");
	isstr(out, "140824100200001", "its code");
	is(code_parent("140824100200001", out), LVL_VILLAGE, "parent of grid");
	isstr(out, "140824100200", "its code");
	is(code_parent("140824100", out), LVL_COUNTY, "parent of township");
	isstr(out, "140824", "its code");
	is(code_parent("14", out), -1, "province: no parent");
	isstr(out, "", "out emptied");
	is(code_parent("14082", out), -1, "not a code: no parent");
}

static void
t_dedicated(void)
{
	is(grid_is_dedicated("140824100200901"), 1, "901 dedicated");
	is(grid_is_dedicated("140824100200999"), 1, "999 dedicated");
	is(grid_is_dedicated("140824100200899"), 0, "899 base");
	is(grid_is_dedicated("140824100200900"), 0, "900 neither");
	is(grid_is_dedicated("140824100200001"), 0, "001 base");
	is(grid_is_dedicated("140824100200950007"), 1,
	    "micro-grid of a dedicated grid");
	is(grid_is_dedicated("140824100200"), 0, "village: not a grid");
	is(grid_is_dedicated("14082410020095x"), 0, "not digits");
}

static void
t_kind(void)
{
	is(region_kind("urban", NULL, NULL), KIND_URBAN, "kind urban");
	is(region_kind("rural", NULL, NULL), KIND_RURAL, "kind rural");
	is(region_kind(" Urban ", NULL, NULL), KIND_URBAN,
	    "kind trimmed, case-folded");
	is(region_kind("RURAL", NULL, NULL), KIND_RURAL, "kind upper-case");
	is(region_kind("城市", NULL, NULL), KIND_URBAN, "kind 城市");
	is(region_kind("城镇", NULL, NULL), KIND_URBAN, "kind 城镇");
	is(region_kind("农村", NULL, NULL), KIND_RURAL, "kind 农村");
	is(region_kind("乡村", NULL, NULL), KIND_RURAL, "kind 乡村");
	is(region_kind("rural", "111", "东关社区"), KIND_RURAL,
	    "kind wins over code and name");
	is(region_kind("", "111", "西沟村委会"), KIND_URBAN,
	    "empty kind: the code wins over the name");
	is(region_kind("mixed", "220", "东关社区"), KIND_RURAL,
	    "unknown kind falls through to the code");

	is(region_kind(NULL, "111", NULL), KIND_URBAN, "code 111");
	is(region_kind(NULL, "112", NULL), KIND_URBAN, "code 112");
	is(region_kind(NULL, "121", NULL), KIND_URBAN, "code 121");
	is(region_kind(NULL, "122", NULL), KIND_URBAN, "code 122");
	is(region_kind(NULL, "123", NULL), KIND_URBAN, "code 123");
	is(region_kind(NULL, "210", NULL), KIND_RURAL, "code 210");
	is(region_kind(NULL, "220", NULL), KIND_RURAL, "code 220");
	is(region_kind(NULL, "\xef\xbc\x92\xef\xbc\x92\xef\xbc\x90", NULL),
	    KIND_RURAL, "full-width code 220");
	is(region_kind(NULL, "130", "东关社区"), KIND_URBAN,
	    "unknown code falls through to the name");
	is(region_kind(NULL, "2200", NULL), KIND_UNKNOWN, "4-digit code");

	is(region_kind(NULL, NULL, "东关社区"), KIND_URBAN, "name 社区");
	is(region_kind(NULL, NULL, "东关居委会"), KIND_URBAN, "name 居委会");
	is(region_kind(NULL, NULL, "东关居民委员会"), KIND_URBAN,
	    "name 居民委员会");
	is(region_kind(NULL, NULL, "东关社区居委会"), KIND_URBAN,
	    "name 社区居委会");
	is(region_kind(NULL, NULL, "西沟村委会"), KIND_RURAL, "name 村委会");
	is(region_kind(NULL, NULL, "西沟村民委员会"), KIND_RURAL,
	    "name 村民委员会");
	is(region_kind(NULL, NULL, "西沟村"), KIND_RURAL, "name 村");
	is(region_kind(NULL, NULL, "西沟村 "), KIND_RURAL,
	    "name with a trailing blank");
	is(region_kind(NULL, NULL, "新村社区"), KIND_URBAN,
	    "village turned community: 社区 wins");
	is(region_kind(NULL, NULL, "城关镇"), KIND_UNKNOWN, "township name");
	is(region_kind(NULL, NULL, "村民小组"), KIND_UNKNOWN,
	    "村 not at the end");
	is(region_kind(NULL, NULL, NULL), KIND_UNKNOWN, "nothing given");
	is(region_kind("", "", ""), KIND_UNKNOWN, "all empty");

	isstr(kind_name(KIND_URBAN), "urban", "kind_name urban");
	isstr(kind_name(KIND_RURAL), "rural", "kind_name rural");
	isstr(kind_name(KIND_UNKNOWN), "", "kind_name unknown");
}

int
main(void)
{
	t_level();
	t_check_good();
	t_check_bad();
	t_prefix_parent();
	t_dedicated();
	t_kind();
	return done();
}
