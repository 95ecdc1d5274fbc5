/*
 * csvw.c — unit tests of the record writer (lib/csvw.c): minimal CSV
 * quoting, TSV escapes, JSON Lines escaping, the Excel flavour (BOM,
 * CRLF, formula guard that leaves plain numbers alone), Chinese headers
 * and a write error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"
#include "tap.h"

static char *mbuf;
static size_t msize;
static FILE *mfp;

static csvw *
wopen(int fmt, int flags)
{
	free(mbuf);
	mbuf = NULL;
	mfp = open_memstream(&mbuf, &msize);
	return csvw_open(mfp, fmt, flags);
}

static const char *
wclose(csvw *w)
{
	if (csvw_close(w) != 0)
		printf("# csvw_close failed\n");
	fclose(mfp);
	return mbuf;
}

/* One record of the given fields ("\1" ends the list). */
static const char *
row(int fmt, int flags, const char *const *f)
{
	csvw *w = wopen(fmt, flags);

	for (; *f; f++)
		csvw_field(w, *f, (size_t)-1);
	csvw_endrec(w);
	return wclose(w);
}

#define ROW(fmt, flags, ...) row(fmt, flags, (const char *const []){__VA_ARGS__, NULL})

int
main(void)
{
	static const char *const hdr[] = {"id_number", "name", "x y"};
	csvw *w;
	FILE *full;
	int rc;

	isstr(ROW(FMT_CSV, 0, "a", "b c", " d "), "a,b c, d \n", "CSV: no quotes needed, blanks kept");
	isstr(ROW(FMT_CSV, 0, "a,b", "say \"hi\"", "l1\nl2", "cr\r"),
	    "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\"\n", "CSV: , \" LF CR quoted");
	isstr(ROW(FMT_CSV, 0, "", ""), ",\n", "CSV: empty fields");
	isstr(ROW(FMT_CSV, 0, ""), "\"\"\n", "CSV: a lone empty field is \"\", not a blank line");
	isstr(ROW(FMT_CSV, 0, "0012", "11010519491231002X", "-12.50"),
	    "0012,11010519491231002X,-12.50\n", "CSV: codes and numbers as they are");
	isstr(ROW(FMT_CSV, 0, "=1+1"), "=1+1\n", "CSV: no formula guard without --excel");

	isstr(ROW(FMT_TSV, 0, "a\tb", "l1\nl2", "c\r", "back\\slash", "plain"),
	    "a\\tb\tl1\\nl2\tc\\r\tback\\\\slash\tplain\n", "TSV escapes");
	isstr(ROW(FMT_TSV, 0, "a,\"b\""), "a,\"b\"\n", "TSV: commas and quotes as they are");

	w = wopen(FMT_JSONL, 0);
	csvw_header(w, hdr, 3);
	csvw_field(w, "say \"hi\"\\", (size_t)-1);
	csvw_field(w, "l1\nl2\t\r\b\f\x01\x1f", (size_t)-1);
	csvw_field(w, "张三\xFF\xC3", (size_t)-1);
	csvw_endrec(w);
	csvw_field(w, "1", 1);
	csvw_endrec(w);
	isstr(wclose(w),
	    "{\"id_number\":\"say \\\"hi\\\"\\\\\",\"name\":\"l1\\nl2\\t\\r\\b\\f\\u0001\\u001f\","
	    "\"x y\":\"张三\xEF\xBF\xBD\xEF\xBF\xBD\"}\n{\"id_number\":\"1\"}\n",
	    "JSON Lines: escapes, invalid UTF-8 replaced, short record");

	w = wopen(FMT_JSONL, CSVW_ZH);
	csvw_header(w, hdr, 2);
	csvw_row(w, (char *const []){"1", "张三"}, NULL, 2);
	isstr(wclose(w), "{\"身份证号\":\"1\",\"姓名\":\"张三\"}\n", "JSON Lines: --zh keys");

	w = wopen(FMT_CSV, CSVW_ZH);
	csvw_header(w, hdr, 3);
	isstr(wclose(w), "身份证号,姓名,x y\n", "CSV: --zh header, unknown name kept");

	w = wopen(FMT_CSV, CSVW_EXCEL);
	csvw_header(w, hdr, 2);
	csvw_field(w, "=HYPERLINK(\"x\")", (size_t)-1);
	csvw_field(w, "-12.50", (size_t)-1);
	csvw_endrec(w);
	csvw_row(w, (char *const []){"+3", "@SUM(A1)", "-", "-1e5", "+", "\tx",
	    "\ry", "1-2", "-.5", "-3.", "+86 138"}, NULL, 11);
	isstr(wclose(w),
	    "\xEF\xBB\xBFid_number,name\r\n"
	    "\"=\"\"=HYPERLINK(\"\"\"\"x\"\"\"\")\"\"\",-12.50\r\n"
	    "\"=\"\"+3\"\"\",\"=\"\"@SUM(A1)\"\"\",\"=\"\"-\"\"\",\"=\"\"-1e5\"\"\","
	    "\"=\"\"+\"\"\",\"=\"\"\tx\"\"\",\"'\ry\",1-2,\"=\"\"-.5\"\"\","
	    "\"=\"\"-3.\"\"\",\"=\"\"+86 138\"\"\"\r\n",
	    "--excel: BOM, CRLF, formulas as constant text, a line break "
	    "guarded by ', digits of a code (id_number) as text");

	w = wopen(FMT_CSV, CSVW_EXCEL);
	csvw_header(w, (const char *const []){"id_number", "note", "phone"}, 3);
	csvw_row(w, (char *const []){"140824197102107739", "0123",
	    "13412348097"}, NULL, 3);
	csvw_row(w, (char *const []){"42", "123456789012", "-0012"}, NULL, 3);
	csvw_row(w, (char *const []){"张三", "12345678901", "0"}, NULL, 3);
	isstr(wclose(w),
	    "\xEF\xBB\xBFid_number,note,phone\r\n"
	    "\"=\"\"140824197102107739\"\"\",\"=\"\"0123\"\"\","
	    "\"=\"\"13412348097\"\"\"\r\n"
	    "\"=\"\"42\"\"\",\"=\"\"123456789012\"\"\",\"=\"\"-0012\"\"\"\r\n"
	    "张三,12345678901,\"=\"\"0\"\"\"\r\n",
	    "--excel: digits of a code column, 12+ digits and a leading 0 "
	    "as text; other cells as they are");

	w = wopen(FMT_TSV, CSVW_EXCEL);
	csvw_row(w, (char *const []){"=1", "2"}, NULL, 2);
	isstr(wclose(w), "\xEF\xBB\xBF=\"=1\"\t2\r\n", "--excel TSV");

	w = wopen(FMT_CSV, 0);
	csvw_fieldf(w, "%d-%s", 7, "x");
	csvw_fieldf(w, "%.2f", 1.5);
	csvw_endrec(w);
	isstr(wclose(w), "7-x,1.50\n", "csvw_fieldf");

	w = wopen(FMT_CSV, 0);
	csvw_endrec(w);
	isstr(wclose(w), "\n", "a record of no fields");

	/* a field larger than the buffer */
	{
		size_t n = 600 * 1024;
		char *big = malloc(n + 1);
		const char *out;

		memset(big, 'q', n);
		big[n] = '\0';
		big[n / 2] = '"';
		w = wopen(FMT_CSV, 0);
		csvw_field(w, big, n);
		csvw_endrec(w);
		out = wclose(w);
		ok(strlen(out) == n + 4 && out[0] == '"' && out[n / 2 + 1] == '"' &&
		    out[n / 2 + 2] == '"', "600 KB field with a quote");
		free(big);
	}

	if ((full = fopen("/dev/full", "w")) != NULL) {
		w = csvw_open(full, FMT_CSV, 0);
		csvw_row(w, (char *const []){"a"}, NULL, 1);
		errno = 0;
		rc = csvw_close(w);
		ok(rc == -1 && errno == ENOSPC, "write to /dev/full: -1, ENOSPC");
		fclose(full);
	} else
		ok(1, "# skip no /dev/full");
	free(mbuf);
	return done();
}
