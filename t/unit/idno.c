/*
 * idno.c — unit tests of lib/idno.c: validation with reasons, the
 * normalisations (x, full-width, blanks, 15 -> 18), birth date, sex,
 * age at a reference date, masks.
 */
#include <stdlib.h>

#include "gridwork.h"
#include "tap.h"

/* Parses s; returns its reason, or "" when valid. */
static const char *
why_of(const char *s, long asof, struct idno *id)
{
	const char *why = NULL;

	if (idno_parse(s, strlen(s), asof, id, &why) == 0)
		return "";
	return why ? why : "(null)";
}

static void
t_checkchar(void)
{
	is(idno_checkchar("11010519491231002"), 'X', "check character X");
	is(idno_checkchar("11010519990230001"), '5', "check character 5");
	is(idno_checkchar("14082419960815004"), '7', "check character 7");
	is(idno_checkchar("14082420001030001"), '8', "check character 8");
	is(idno_checkchar("1408241996081500a"), '\0',
	    "check character of a non-digit is NUL");
}

static void
t_valid(void)
{
	struct idno id;

	isstr(why_of("11010519491231002X", -1, &id), "",
	    "11010519491231002X is valid");
	isstr(id.s, "11010519491231002X", "normalised form unchanged");
	is(id.year, 1949, "birth year");
	is(id.mon, 12, "birth month");
	is(id.day, 31, "birth day");
	is(id.male, 0, "sequence 002 is female");
	is(id.was15, 0, "18 digits: not upgraded");

	isstr(why_of("11010519491231002x", -1, &id), "", "lower-case x valid");
	isstr(id.s, "11010519491231002X", "lower-case x normalised to X");

	isstr(why_of("140824199608150039", -1, &id), "", "odd sequence");
	is(id.male, 1, "sequence 003 is male");
	isstr(why_of("140824199608150047", -1, &id), "", "sequence 004");
	is(id.male, 0, "sequence 004 is female");

	isstr(why_of("  11010519491231002X\t", -1, &id), "",
	    "surrounding blanks trimmed");
	isstr(id.s, "11010519491231002X", "blanks gone from s");

	/* full-width: １１０１０５１９４９１２３１００２Ｘ */
	isstr(why_of("\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91"
	    "\xef\xbc\x90\xef\xbc\x95\xef\xbc\x91\xef\xbc\x99\xef\xbc\x94"
	    "\xef\xbc\x99\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x91"
	    "\xef\xbc\x90\xef\xbc\x90\xef\xbc\x92\xef\xbc\xb8", -1, &id), "",
	    "full-width digits and X valid");
	isstr(id.s, "11010519491231002X", "full-width folded to ASCII");
	/* ｘ full-width lower-case, and an ideographic space after */
	isstr(why_of("11010519491231002\xef\xbd\x98\xe3\x80\x80", -1, &id), "",
	    "full-width x and ideographic space");
	isstr(id.s, "11010519491231002X", "full-width x normalised");

	/* leap day */
	isstr(why_of("140824200002290024", -1, &id), "", "born 2000-02-29");
}

static void
t_upgrade(void)
{
	struct idno id;

	isstr(why_of("110105491231002", -1, &id), "", "15 digits valid");
	isstr(id.s, "11010519491231002X", "110105491231002 upgrades");
	is(id.was15, 1, "was15 set");
	is(id.year, 1949, "15 digits: year 19YY");
	is(id.male, 0, "15 digits: sequence 002 female");
	isstr(why_of("140824960815003", -1, &id), "", "another 15 digits");
	isstr(id.s, "140824199608150039", "140824960815003 upgrades");
	is(id.male, 1, "15 digits: sequence 003 male");
	isstr(why_of("110105990230001", -1, &id),
	    "invalid birth date 19990230", "15 digits: bad date");
	isstr(why_of("11010549123100X", -1, &id),
	    "not a digit at position 15", "15 characters ending in X");
}

static void
t_invalid(void)
{
	struct idno id;

	isstr(why_of("11010519491231002", -1, &id), "wrong length 17",
	    "17 characters");
	isstr(why_of("11010519491231002X1", -1, &id), "wrong length 19",
	    "19 characters");
	isstr(why_of("", -1, &id), "empty", "empty field");
	isstr(why_of("   ", -1, &id), "empty", "blanks only");
	isstr(why_of("1101A519491231002X", -1, &id),
	    "not a digit at position 5", "letter at position 5");
	isstr(why_of("110105194912310021", -1, &id),
	    "bad check character 1, expected X", "wrong check character");
	isstr(why_of("110105194912310023", -1, &id),
	    "bad check character 3, expected X", "check character 3");
	isstr(why_of("14082419960815003X", -1, &id),
	    "bad check character X, expected 9", "X where a digit belongs");
	isstr(why_of("11010519491231002Y", -1, &id),
	    "not a digit or X at position 18", "Y as check character");
	isstr(why_of("110105199902300015", -1, &id),
	    "invalid birth date 19990230", "19990230");
	isstr(why_of("140824200102290015", -1, &id),
	    "invalid birth date 20010229", "29 February of a common year");
	isstr(why_of("140824199613010012", -1, &id),
	    "invalid birth date 19961301", "month 13");
	isstr(why_of("140824199600100012", -1, &id),
	    "invalid birth date 19960010", "month 00");
	isstr(why_of("140824099608150012", -1, &id),
	    "invalid birth date 09960815", "year 0996");
	isstr(why_of("110105194\xe5\xb9\xb4" "1231002X", -1, &id),
	    "not a digit at position 10", "Chinese character, by position");
	isstr(why_of("1.10105E+17", -1, &id),
	    "number in scientific notation 1.10105E+17 "
	    "(a spreadsheet dropped digits)", "spreadsheet scientific form");
	is(id.s[0], '\0', "failed parse leaves s empty");
	{
		char big[400];

		memset(big, '1', sizeof big);
		isstr(why_of("", -1, &id), "empty", "reset");
		ok(idno_parse(big, sizeof big, -1, &id, NULL) == -1,
		    "400 characters rejected, why may be NULL");
	}
}

static void
t_asof(void)
{
	struct idno id;
	long ref = day_from_ymd(2026, 10, 31);

	isstr(why_of("620102203001010010", ref, &id),
	    "birth date 2030-01-01 after reference date 2026-10-31",
	    "birth after the reference date");
	isstr(why_of("620102203001010010", -1, &id), "",
	    "no reference date: future birth not checked");
	isstr(why_of("140824200010300018", day_from_ymd(2000, 10, 30), &id),
	    "", "born on the reference date");
	isstr(why_of("140824200010300018", day_from_ymd(2000, 10, 29), &id),
	    "birth date 2000-10-30 after reference date 2000-10-29",
	    "born the day after the reference date");
}

static void
t_age(void)
{
	struct idno id;

	why_of("140824200010300018", -1, &id);
	is(idno_age(&id, day_from_ymd(2018, 10, 30)), 18,
	    "18 on the 18th birthday");
	is(idno_age(&id, day_from_ymd(2018, 10, 29)), 17,
	    "17 the day before");
	is(idno_age(&id, day_from_ymd(2018, 12, 31)), 18, "18 at year end");
	is(idno_age(&id, day_from_ymd(2019, 1, 1)), 18, "18 next new year");
	is(idno_age(&id, day_from_ymd(2000, 10, 30)), 0, "0 on birth day");
	why_of("11010519491231002X", -1, &id);
	is(idno_age(&id, day_from_ymd(2026, 10, 31)), 76, "76 in 2026");
	is(idno_age(&id, day_from_ymd(2009, 12, 31)), 60,
	    "60 on the 60th birthday");
	is(idno_age(&id, day_from_ymd(2009, 12, 30)), 59, "59 the day before");
	why_of("140824200002290024", -1, &id);
	is(idno_age(&id, day_from_ymd(2018, 2, 28)), 17,
	    "29 February birthday: 17 on 28 February of a common year");
	is(idno_age(&id, day_from_ymd(2018, 3, 1)), 18, "18 on 1 March");
	is(idno_age(&id, day_from_ymd(2020, 2, 29)), 20,
	    "20 on 29 February of a leap year");
}

static void
t_mask(void)
{
	char out[19], ph[32];
	struct sbuf b = { 0 };

	idno_mask("11010519491231002X", out);
	isstr(out, "110105********002X", "18-character mask");
	idno_mask("110105491231002", out);
	isstr(out, "***************", "15 characters: all stars");
	idno_mask("", out);
	isstr(out, "", "empty mask");

	idno_mask_raw("11010519491231002", 17, &b);
	isstr(b.s, "110105*******1002", "raw mask of 17 characters");
	idno_mask_raw("1234567890", 10, &b);
	isstr(b.s, "**********", "raw mask of 10 characters: all stars");
	idno_mask_raw("1101\xe5\xb9\xb4" "0519491231002X",
	    strlen("1101\xe5\xb9\xb4" "0519491231002X"), &b);
	isstr(b.s, "1101\xe5\xb9\xb4" "0*********002X",
	    "raw mask counts characters, keeps UTF-8 whole");
	idno_mask_raw("", 0, &b);
	isstr(b.s ? b.s : "", "", "raw mask of nothing");
	sbuf_free(&b);

	phone_mask("13812345678", ph);
	isstr(ph, "138****5678", "mobile: middle four digits");
	phone_mask("0931-8123456", ph);
	isstr(ph, "093******456", "landline: 4th to 4th-last");
	phone_mask("12345", ph);
	isstr(ph, "*****", "short string: all stars");
	phone_mask("", ph);
	isstr(ph, "", "empty phone");
}

int
main(void)
{
	t_checkchar();
	t_valid();
	t_upgrade();
	t_invalid();
	t_asof();
	t_age();
	t_mask();
	return done();
}
