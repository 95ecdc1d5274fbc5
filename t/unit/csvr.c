/*
 * csvr.c — unit tests of the record reader (lib/csvr.c) and the header
 * aliases (lib/alias.c): line numbers after quoted newlines and blank
 * lines, each kind of bad record, encodings, formats, and a round trip
 * through the writer of random fields (quotes, commas, CR, LF, spaces,
 * tabs, backslashes, UTF-8), which exercises both the fast path and
 * libcsv; and the input driver (lib/input.c): counts, the rejects file,
 * the messages, stopping.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"
#include "tap.h"

static char dir[] = "/tmp/csvr-unit.XXXXXX";
static char path[256];

static const char *
mkfile(const char *name, const char *data, size_t n)
{
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

#define MK(name, lit) mkfile(name, lit, sizeof lit - 1)

static csvr *
opn(const char *p, int enc, int fmt, int raw)
{
	struct csvr_opt o = {enc, fmt, raw, NULL, 0};
	const char *why = NULL;
	csvr *r = csvr_open(p, &o, &why);

	if (!r)
		printf("# open %s: %s\n", p, why);
	return r;
}

/* Reads every record: "L<line>:f1|f2" or "L<line>!reason" lines. */
static char *
dump(csvr *r)
{
	static struct sbuf b;
	struct gw_rec rec;
	size_t i;
	int k;

	sbuf_reset(&b);
	sbuf_adds(&b, "");
	while ((k = csvr_next(r, &rec)) != CSVR_EOF) {
		if (k == CSVR_ERR) {
			sbuf_addf(&b, "ERR %s;", csvr_why(r));
			break;
		}
		sbuf_addf(&b, "L%ld%s", rec.line, k == CSVR_BAD ? "!" : ":");
		if (k == CSVR_BAD)
			sbuf_addf(&b, "%s=", csvr_why(r));
		for (i = 0; i < rec.nf; i++) {
			if (strlen(rec.f[i]) != rec.len[i])
				sbuf_adds(&b, "<LEN MISMATCH>");
			sbuf_addf(&b, "%s%s", i ? "|" : "", rec.f[i]);
		}
		sbuf_adds(&b, ";");
	}
	return b.s;
}

static void
check(const char *name, const char *data, size_t n, int enc, const char *want,
    const char *desc)
{
	csvr *r = opn(mkfile(name, data, n), enc, 0, 0);

	if (!r) {
		ok(0, "%s", desc);
		return;
	}
	isstr(dump(r), want, "%s", desc);
	csvr_close(r);
}

#define CHECK(name, lit, want, desc) check(name, lit, sizeof lit - 1, 0, want, desc)

static void
header(void)
{
	csvr *r;
	const char *const *h;
	const char *why;

	r = opn(MK("zh.csv", " 身份证号 ,姓名,户号,村（居）代码,ID_Number2\n1,2,3,4,5\n"),
	    0, 0, 0);
	ok(r != NULL, "open Chinese header");
	if (!r)
		return;
	h = csvr_header(r);
	is(csvr_ncols(r), 5, "five columns");
	isstr(h[0], "id_number", "身份证号 (with blanks) is id_number");
	isstr(h[1], "name", "姓名 is name");
	isstr(h[2], "household_id", "户号 is household_id");
	isstr(h[3], "village_code", "村（居）代码 is village_code");
	isstr(h[4], "ID_Number2", "unknown header kept as written");
	is(csvr_col(r, "name"), 1, "csvr_col by canonical name");
	is(csvr_col(r, "户号"), 2, "csvr_col by Chinese name");
	is(csvr_col(r, "nope"), -1, "csvr_col unknown");
	is(csvr_fmt(r), FMT_CSV, "format from .csv");
	csvr_close(r);

	r = opn(MK("raw.csv", " 身份证号 ,b\n"), 0, 0, 1);
	ok(r && strcmp(csvr_header(r)[0], " 身份证号 ") == 0,
	    "raw_header keeps the name as written");
	csvr_close(r);

	isstr(alias_canon("村(居)代码"), "village_code", "ASCII parentheses match");
	isstr(alias_canon("公民身份号码"), "id_number", "公民身份号码");
	isstr(alias_canon("NAME"), "name", "ASCII case ignored");
	isstr(alias_canon("  other "), "other", "unknown: trimmed");
	isstr(alias_zh("id_number"), "身份证号", "zh of id_number");
	isstr(alias_zh("block"), "楼栋/村民小组", "zh of block");
	isstr(alias_zh("no_such"), "no_such", "zh of an unknown name");

	why = NULL;
	r = csvr_open(MK("dup.csv", "name,姓名\n1,2\n"), NULL, &why);
	ok(r == NULL && why && strstr(why, "duplicate column 'name'") &&
	    strstr(why, "dup.csv:1:"), "duplicate after mapping: %s",
	    why ? why : "(null)");
	csvr_close(r);

	why = NULL;
	snprintf(path, sizeof path, "%s/missing.csv", dir);
	r = csvr_open(path, NULL, &why);
	ok(r == NULL && why && strstr(why, "cannot open") &&
	    strstr(why, "missing.csv"), "missing file: %s",
	    why ? why : "(null)");

	{
		/* no header line at all: a fatal error, one message */
		static const struct {
			const char *name, *data;
			size_t n;
		} e[] = {
			{ "empty.csv", "", 0 },
			{ "bomonly.csv", "\xEF\xBB\xBF", 3 },
			{ "blank.csv", "\n\r\n\n\r", 5 },
			{ "bomnl.csv", "\xEF\xBB\xBF\r\n", 5 },
			{ "u16bom.csv", "\xFF\xFE", 2 },
			{ "u16nl.csv", "\xFE\xFF\0\n", 4 },
			{ "empty.tsv", "", 0 },
		};
		char want[300];
		size_t i;

		for (i = 0; i < sizeof e / sizeof e[0]; i++) {
			why = NULL;
			r = csvr_open(mkfile(e[i].name, e[i].data, e[i].n),
			    NULL, &why);
			snprintf(want, sizeof want,
			    "%s/%s: empty file: no header line", dir, e[i].name);
			ok(r == NULL && why && strcmp(why, want) == 0,
			    "%s: no header line: %s", e[i].name,
			    why ? why : "(null)");
			csvr_close(r);
		}
	}

	r = opn(MK("ho.csv", "a,b\r\n"), 0, 0, 0);
	ok(r && csvr_ncols(r) == 2, "header only: two columns");
	if (r)
		isstr(dump(r), "", "header only: no records");
	csvr_close(r);

	why = NULL;
	r = csvr_open(MK("badhdr.csv", "a,\"b\n"), NULL, &why);
	ok(r == NULL && why && strstr(why, "unterminated quote"),
	    "unterminated quote in the header: %s", why ? why : "(null)");
	csvr_close(r);
}

static void
records(void)
{
	CHECK("lines.csv", "a,b\n1,\"x\ny\"\n\n2,3\r\n\"p\",q\n",
	    "L2:1|x\ny;L5:2|3;L6:p|q;", "line numbers after a quoted newline and a blank line");
	CHECK("crlf.csv", "a,b\r\n\"1\r\n2\",\"\"\"\"\r\n3,4\r\n",
	    "L2:1\r\n2|\";L4:3|4;", "CRLF inside and outside quotes");
	CHECK("sp.csv", "a,b,c\n  x  , 007 ,11010519491231002X\n\" q \",\t,\n",
	    "L2:  x  | 007 |11010519491231002X;L3: q |\t|;",
	    "blanks, leading zeros and a trailing X kept");
	CHECK("noeol.csv", "a,b\n1,2", "L2:1|2;", "no newline at the end");
	CHECK("noeolq.csv", "a,b\n1,\"2\"", "L2:1|2;", "no newline after a quoted field");
	CHECK("trail.csv", "a,b\n1,2\n\n\n\r\n", "L2:1|2;", "blank trailing lines are no records");
	CHECK("ragged.csv", "a,b\n1\n2,3\n4,5,6\n7,8\n",
	    "L2!expected 2 fields, found 1=1;L3:2|3;L4!expected 2 fields, found 3=4|5|6;L5:7|8;",
	    "ragged rows are bad, reading goes on");
	CHECK("unterm.csv", "a,b\n1,2\n3,\"abc\ndef\n",
	    "L2:1|2;L3!unterminated quote=3|abc\ndef\n;",
	    "unterminated quote at the end names the line it began on");
	CHECK("nul.csv", "a,b\n1,x\0y\n2,3\n",
	    "L2!NUL byte=1|xy;L3:2|3;", "NUL byte: bad record, dropped, reading goes on");
	CHECK("nulq.csv", "a,b\n1,\"x\n\0\"\n2,3\n",
	    "L2!NUL byte=1|x\n;L4:2|3;", "NUL byte inside a quoted field");
	CHECK("after.csv", "a,b\n\"x\"y,2\n3,4\n",
	    "L2!text after closing quote=xy|2;L3:3|4;", "text after a closing quote");
	CHECK("inq.csv", "a,b\n5'10\",2\n", "L2:5'10\"|2;", "a quote inside an unquoted field is data");
	CHECK("bom.csv", "\xEF\xBB\xBF\"a\",b\n1,2\n", "L2:1|2;", "BOM before a quoted header");
	{
		csvr *r = opn(MK("bom2.csv", "\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n\xEF\xBB\xBF" "1,2\n"),
		    0, 0, 0);

		ok(r && strcmp(csvr_header(r)[0], "a") == 0,
		    "two BOMs at the start of the file: both BOMs");
		if (r)
			isstr(dump(r), "L2:\xEF\xBB\xBF" "1|2;",
			    "a U+FEFF later is data, for the field checkers");
		csvr_close(r);
	}
	CHECK("cr.csv", "a,b\n1,2\r3,4\n", "L2:1|2;L3:3|4;", "a bare CR ends a record and a line");
	CHECK("utf8bad.csv", "a,b\n1,张\n2,\xC3\n3,4\n",
	    "L2:1|张;L3!invalid UTF-8=2|\xC3;L4:3|4;", "invalid UTF-8 after UTF-8");
	CHECK("tsv.tsv", "a\tb\n1\\t2\t3\\\\n\\x\n\n4\t\r\n",
	    "L2:1\t2|3\\n\\x;L4:4|;", "TSV: escapes, blank line, CRLF");
	CHECK("sniff.txt", "a\tb\tc,d\n1,2\t3\t4\n", "L2:1,2|3|4;", "TSV detected from the header");
	CHECK("sniff2.txt", "\"a\tb\",c\n1,2\n", "L2:1|2;", "tabs inside quotes do not count");
	CHECK("quoted.csv", "a,b,c\n\"x\"\"y\",\"\",\"\"\"\"\n,\"p,q\",\n\"z\",,\"\"\n",
	    "L2:x\"y||\";L3:|p,q|;L4:z||;", "quoted fields closed on their line");
	CHECK("quoted2.csv", "a,b\n\"x\" ,y\n\"1\"\"\",\"2\n\",3\n",
	    "L2!text after closing quote=x |y;L3!expected 2 fields, found 3=1\"|2\n|3;",
	    "malformed or open quotes go to libcsv");
	CHECK("onecol.csv", "a\n\"\"\nx\n", "L2:;L3:x;", "one column, an empty quoted field");
}

/*
 * Lone CRs (old Mac files, or one stray CR): each ends a line, and every
 * verdict on a byte belongs to the record that holds it (issue 15, 3 and
 * 4); CRLF is one line end.
 */
static void
crlines(void)
{
	CHECK("cr8.csv", "a,b\n1,2\r\xb7,3\n",
	    "L2:1|2;L3!invalid UTF-8=\xb7|3;",
	    "invalid UTF-8 after a lone CR: the record that holds it is bad");
	CHECK("cr8b.csv", "a,b\n\xb7,2\r3,4\n",
	    "L2!invalid UTF-8=\xb7|2;L3:3|4;",
	    "invalid UTF-8 before a lone CR: the record after it is good");
	CHECK("crnul.csv", "a,b\n1,2\r3\0,4\n", "L2:1|2;L3!NUL byte=3|4;",
	    "a NUL after a lone CR makes its own record bad");
	CHECK("crnul2.csv", "a,b\n1\0,2\r3,4\r5,6\n",
	    "L2!NUL byte=1|2;L3:3|4;L4:5|6;",
	    "a NUL before lone CRs: the records after it are good");
	CHECK("crff.csv", "a,b\n1,\xff\xfe\r2,3\n",
	    "L2!invalid UTF-8=1|\xff\xfe;L3:2|3;", "FF FE in a field before a lone CR");
	CHECK("mac.csv", "a,b\r1,2\r3\r4,5\r",
	    "L2:1|2;L3!expected 2 fields, found 1=3;L4:4|5;",
	    "old Mac line ends: a line number for each record");
	CHECK("macq.csv", "a,b\r1,\"x\ry\"\r2,3\r",
	    "L2:1|x\ry;L4:2|3;", "old Mac: a CR inside quotes is data and a line");
	CHECK("macq8.csv", "a,b\r1,\"x\r\xff\"\r2,\xfe\r3,4\r",
	    "L2!invalid UTF-8=1|x\r\xff;L4!invalid UTF-8=2|\xfe;L5:3|4;",
	    "old Mac: a quoted field over two lines, each verdict its own");
	CHECK("crlf1.csv", "a,b\r\n1,2\r\n\r\n3,\"4\r\n5\"\r\n6,7\r\n",
	    "L2:1|2;L4:3|4\r\n5;L6:6|7;", "CRLF counts as one line end");
	CHECK("mixed.csv", "a,b\n1,2\r\r3,4\r\n5,6\n",
	    "L2:1|2;L4:3|4;L5:5|6;", "LF, CR, CRLF mixed; a blank CR line");
	CHECK("mac.tsv", "a\tb\r1\t2\r3\t\xff\r",
	    "L2:1|2;L3!invalid UTF-8=3|\xff;", "TSV with old Mac line ends");
	CHECK("crend.csv", "a,b\r1,2\r", "L2:1|2;", "a CR as the last byte");
	check("macgb.csv", "a,b\r1,\xD5\xC5\r2,\"\xD5\xC5\r\xC8\xFD\"\r", 19,
	    ENC_GB18030, "L2:1|张;L3:2|张\r三;", "GB18030 with old Mac line ends");
	{
		/* a CRLF split by the end of the first read (1 MiB - 1) */
		size_t n = 1024 * 1024 + 4096, at = 1024 * 1024 - 1, o;
		char *d = malloc(n), *p = d;
		struct gw_rec rec;
		long lines = 1, last = 0, hit = 0;
		int k, bad = 0;
		csvr *r;

		p += sprintf(p, "a,b\r\n");
		while ((o = (size_t)(p - d)) < n - 32) {
			if (at > o && at - o >= 3 && at - o < 12) {
				/* a line whose CR is the last byte read */
				p += sprintf(p, "1,%0*d\r\n", (int)(at - o - 2), 7);
				hit = d[at] == '\r' && d[at + 1] == '\n';
			} else
				p += sprintf(p, "1,2\r\n");
			lines++;
		}
		r = opn(mkfile("split.csv", d, (size_t)(p - d)), 0, 0, 0);
		while (r && (k = csvr_next(r, &rec)) != CSVR_EOF) {
			if (k != CSVR_REC)
				bad++;
			last = rec.line;
		}
		ok(r && hit && bad == 0 && last == lines,
		    "CRLF across a read boundary: one line end (last on %ld of %ld)",
		    last, lines);
		csvr_close(r);
		free(d);
	}
}

static void
encodings(void)
{
	csvr *r;
	/* 身份证号,姓名\n1,张三\n in GB18030 */
	static const char gb[] = "\xC9\xED\xB7\xDD\xD6\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\n1,\xD5\xC5\xC8\xFD\n";
	/* a,b\n1,é\n in UTF-16LE with a BOM, and big-endian */
	static const char u16le[] = "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0\xE9\0\n\0";
	static const char u16be[] = "\xFE\xFF" "\0a\0,\0b\0\n" "\0" "1\0,\0\xE9\0\n";
	static const char u16nobom[] = "a\0,\0b\0\n\0" "1\0,\0\xE9\0\n\0";

	r = opn(mkfile("gb.csv", gb, sizeof gb - 1), ENC_AUTO, 0, 0);
	ok(r && csvr_enc(r) == ENC_GB18030, "GB18030 detected from the header");
	if (r) {
		isstr(csvr_header(r)[0], "id_number", "GB18030 header mapped");
		isstr(dump(r), "L2:1|张三;", "GB18030 record decoded");
	}
	csvr_close(r);
	check("gb2.csv", gb, sizeof gb - 1, ENC_GB18030, "L2:1|张三;", "-E gb18030");
	{
		struct csvr_opt o = {ENC_UTF8, 0, 0, NULL, 0};
		const char *why = NULL;

		r = csvr_open(mkfile("gb3.csv", gb, sizeof gb - 1), &o, &why);
		ok(!r && why && strstr(why, "gb3.csv:1: invalid UTF-8"),
		    "-E utf-8 on a GB18030 header: %s", why ? why : "(null)");
		csvr_close(r);
	}

	r = opn(MK("ascii.csv", "a,b\n1,2\n"), ENC_AUTO, 0, 0);
	ok(r && csvr_enc(r) == ENC_AUTO, "ASCII: still undecided");
	csvr_close(r);
	r = opn(MK("late.csv", "a,b\n1,2\n3,\xD5\xC5\n4,\xC3\xA9\n"), ENC_AUTO, 0, 0);
	if (r) {
		isstr(dump(r), "L2:1|2;L3:3|张;L4:4|茅;",
		    "GB18030 decided at the first non-ASCII line, kept after");
		is(csvr_enc(r), ENC_GB18030, "decided GB18030");
	}
	csvr_close(r);
	r = opn(MK("late8.csv", "a,b\n1,2\n3,张é\n4,\xD5\xC5\n"), ENC_AUTO, 0, 0);
	if (r) {
		isstr(dump(r), "L2:1|2;L3:3|张é;L4!invalid UTF-8=4|\xD5\xC5;",
		    "UTF-8 decided, a later GB18030 line is bad");
		is(csvr_enc(r), ENC_UTF8, "decided UTF-8");
	}
	csvr_close(r);
	/* 女 in GBK is C5 AE, valid UTF-8 (Ů) as well: strict UTF-8 first */
	r = opn(MK("nv.csv", "a,b\n1,\xC5\xAE\n2,\xC4\xD0\n"), ENC_AUTO, 0, 0);
	if (r) {
		isstr(dump(r), "L2:1|Ů;L3!invalid UTF-8=2|\xC4\xD0;",
		    "a lone GBK 女 is valid UTF-8: read as UTF-8");
		is(csvr_enc(r), ENC_UTF8, "decided UTF-8");
	}
	csvr_close(r);
	check("nv2.csv", "a,b\n1,\xC5\xAE\n2,\xC4\xD0\n", 14, ENC_GB18030,
	    "L2:1|女;L3:2|男;", "... and -E gb18030 reads it right");
	r = opn(MK("u2.csv", "a,b\n1,\xC3\xA9\n"), ENC_UTF8, 0, 0);
	if (r)
		isstr(dump(r), "L2:1|é;", "-E utf-8 reads é as é");
	csvr_close(r);
	r = opn(MK("dot.csv", "a,b\n1,买买提\xC2\xB7艾力\n"), ENC_AUTO, 0, 0);
	if (r)
		isstr(dump(r), "L2:1|买买提·艾力;", "Chinese with a middle dot is UTF-8");
	csvr_close(r);
	r = opn(MK("neither.csv", "a,b\n1,\xFF\xFF\n2,\xC3\xA9\n"), ENC_AUTO, 0, 0);
	if (r)
		isstr(dump(r), "L2!invalid UTF-8=1|\xFF\xFF;L3:2|é;",
		    "neither UTF-8 nor GB18030: bad, UTF-8 after");
	csvr_close(r);
	check("bomgb.csv", "\xEF\xBB\xBF" "a\n\xC3\xA9\n", 8, ENC_GB18030, "L2:é;",
	    "a UTF-8 BOM wins over -E gb18030");
	check("le.csv", u16le, sizeof u16le - 1, ENC_AUTO, "L2:1|é;", "UTF-16LE with BOM");
	check("be.csv", u16be, sizeof u16be - 1, ENC_AUTO, "L2:1|é;", "UTF-16BE with BOM");
	check("nobom.csv", u16nobom, sizeof u16nobom - 1, ENC_UTF16, "L2:1|é;",
	    "-E utf-16 without BOM is little-endian");
	{
		/* a,b\n1,2\n3,<D800>x\n: a lone high surrogate on line 3 */
		static const char sur[] = "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0"
		    "3\0,\0" "\x00\xD8" "x\0\n\0";
		const char *why = NULL;
		size_t nl = 300000, i;
		char *big, *p;
		struct gw_rec rec;
		int k;

		r = csvr_open(mkfile("sur.csv", sur, sizeof sur - 1), NULL, &why);
		ok(!r && why && strstr(why, "unpaired UTF-16 surrogate on line 3"),
		    "an unpaired surrogate names its line: %s", why ? why : "(null)");
		csvr_close(r);
		/* the same after 300000 lines, several reads on */
		big = malloc(nl * 8 + 64);
		p = big;
		memcpy(p, "\xFF\xFE" "a\0,\0b\0\n\0", 10);
		p += 10;
		for (i = 0; i < nl; i++, p += 8)
			memcpy(p, "1\0,\0" "2\0\r\0", 8);	/* CR line ends */
		memcpy(p, "3\0\x00\xDC\n\0", 6);	/* a lone low surrogate */
		p += 6;
		r = opn(mkfile("sur2.csv", big, (size_t)(p - big)), 0, 0, 0);
		while (r && (k = csvr_next(r, &rec)) == CSVR_REC)
			;
		ok(r && k == CSVR_ERR, "a lone low surrogate is fatal");
		if (r) {
			snprintf(big, 200, "unpaired UTF-16 surrogate on line %zu",
			    nl + 2);
			isstr(csvr_why(r), big, "... and names its line");
		}
		csvr_close(r);
		free(big);
	}
	check("odd.csv", u16le, sizeof u16le - 2, ENC_AUTO,
	    "ERR truncated UTF-16 at the end (line 2);",
	    "truncated UTF-16 is a fatal error");
}

/* A random field from pieces that stress quoting and escaping. */
static void
randfield(struct sbuf *b)
{
	static const char *const piece[] = {"a", "b", ",", "\"", " ", "\n",
	    "\r", "\r\n", "\t", "\\", "é", "张", "x1", "\\t", "'"};
	int n = rand() % 6, i;

	sbuf_reset(b);
	sbuf_adds(b, "");
	for (i = 0; i < n; i++)
		sbuf_adds(b, piece[rand() % (int)(sizeof piece / sizeof piece[0])]);
}

static void
roundtrip(int fmt, const char *name)
{
	enum { NREC = 400, NF = 4 };
	static struct sbuf want[NREC][NF];
	struct gw_rec rec;
	const char *hdr[NF] = {"c1", "c2", "c3", "c4"};
	FILE *fp;
	csvw *w;
	csvr *r;
	int i, j, k, bad = 0;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	w = csvw_open(fp, fmt, 0);
	csvw_header(w, hdr, NF);
	for (i = 0; i < NREC; i++) {
		for (j = 0; j < NF; j++) {
			randfield(&want[i][j]);
			csvw_field(w, want[i][j].s, want[i][j].len);
		}
		csvw_endrec(w);
	}
	ok(csvw_close(w) == 0 && fclose(fp) == 0, "%s: written", name);
	r = opn(path, 0, fmt, 0);
	for (i = 0; r && (k = csvr_next(r, &rec)) != CSVR_EOF; i++) {
		if (k != CSVR_REC || i >= NREC || rec.nf != NF) {
			printf("# record %d: status %d nf %zu: %s\n", i, k,
			    rec.nf, csvr_why(r));
			bad++;
			break;
		}
		for (j = 0; j < NF; j++)
			if (rec.len[j] != want[i][j].len ||
			    memcmp(rec.f[j], want[i][j].s, rec.len[j]) != 0) {
				printf("# record %d field %d differs\n", i, j);
				bad++;
			}
	}
	ok(r && bad == 0 && i == NREC, "%s: %d random records read back", name, i);
	csvr_close(r);
	for (i = 0; i < NREC; i++)
		for (j = 0; j < NF; j++)
			sbuf_free(&want[i][j]);
}

static void
bigfield(void)
{
	size_t n = 3 * 1024 * 1024, i;
	char *data = malloc(n + 64), *p;
	struct gw_rec rec;
	csvr *r;

	/* one unquoted 3 MB field, then one quoted with newlines */
	p = data;
	p += sprintf(p, "a,b\n1,");
	for (i = 0; i < n / 2; i++)
		*p++ = 'x';
	p += sprintf(p, "\n2,\"");
	for (i = 0; i < n / 2; i++)
		*p++ = i % 1000 == 999 ? '\n' : 'y';
	p += sprintf(p, "\"\n3,4\n");
	r = opn(mkfile("big.csv", data, (size_t)(p - data)), 0, 0, 0);
	ok(r && csvr_next(r, &rec) == CSVR_REC && rec.len[1] == n / 2 &&
	    rec.line == 2, "1.5 MB unquoted field");
	ok(r && csvr_next(r, &rec) == CSVR_REC && rec.len[1] == n / 2 &&
	    rec.line == 3 && rec.f[1][999] == '\n', "1.5 MB quoted field with newlines");
	ok(r && csvr_next(r, &rec) == CSVR_REC, "a record after it");
	is(rec.line, 3 + (long)(n / 2 / 1000) + 1, "its line number");
	isstr(rec.f[1], "4", "its field");
	ok(r && csvr_next(r, &rec) == CSVR_EOF, "then the end");
	csvr_close(r);
	free(data);
}

static int nhdr;

static int
onhdr(csvr *r, void *arg)
{
	(void)r;
	(void)arg;
	nhdr++;
	return 0;
}

/* Rejects rows whose column a is "x", stops at "stop". */
static int
onrec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct gw_run *run = arg;
	int a = csvr_col(r, "a");

	if (strcmp(rec->f[a], "stop") == 0)
		return -1;
	if (strcmp(rec->f[a], "x") == 0) {
		gw_reject(run, csvr_name(r), rec->line, "a", rec, "bad %s", "x");
		return 1;
	}
	return 0;
}

static char *
slurp(const char *p)
{
	static char buf[4096];
	FILE *fp = fopen(p, "r");
	size_t n = 0;

	if (fp) {
		n = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

static void
loop(void)
{
	struct gw_run run;
	char f1[256], f2[256], rej[256], errf[256];
	char *argv[3];
	int saved, rc;

	snprintf(f1, sizeof f1, "%s", MK("l1.csv", "a,b\nx,1\n2\ny,3\n"));
	snprintf(f2, sizeof f2, "%s", MK("l2.csv", "b,a\n4,x\n5,z\n"));
	snprintf(rej, sizeof rej, "%s/rej.csv", dir);
	snprintf(errf, sizeof errf, "%s/err.txt", dir);
	argv[0] = f1;
	argv[1] = f2;
	argv[2] = NULL;
	memset(&run, 0, sizeof run);
	run.rejects_path = rej;
	fflush(stdout);
	saved = dup(2);
	if (!freopen(errf, "w", stderr))
		return;
	nhdr = 0;
	rc = gw_loop(&run, 2, argv, NULL, onhdr, onrec, &run);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	is(rc, 0, "gw_loop over two files");
	is(nhdr, 2, "header callback once a file");
	is(run.nread, 5, "five records read");
	is(run.nok, 2, "two accepted");
	is(run.nrej, 3, "three rejected (one ragged, two by the callback)");
	ok(run.nread == run.nok + run.nrej, "rows in = accepted + rejected");
	is(gw_run_end(&run), GW_REJECTS, "gw_run_end: rejects");
	{
		char want[2048];

		snprintf(want, sizeof want,
		    "file,line,column,reason,a,b\n"
		    "%s/l1.csv,2,a,bad x,x,1\n"
		    "%s/l1.csv,3,,\"expected 2 fields, found 1\",2\n"
		    "%s/l2.csv,2,a,bad x,4,x\n", dir, dir, dir);
		isstr(slurp(rej), want, "rejects file: own fields, own order");
		snprintf(want, sizeof want,
		    "gridwork: %s/l1.csv:2: column 'a': bad x\n"
		    "gridwork: %s/l1.csv:3: expected 2 fields, found 1\n"
		    "gridwork: %s/l2.csv:2: column 'a': bad x\n", dir, dir, dir);
		isstr(slurp(errf), want, "messages: FILE:LINE: column 'x': reason");
	}

	/* a callback that stops, and a file that cannot be opened */
	argv[0] = (char *)MK("l3.csv", "a\n1\nstop\n2\n");
	memset(&run, 0, sizeof run);
	is(gw_loop(&run, 1, argv, NULL, NULL, onrec, &run), -1, "stop from the callback");
	is(run.nok, 1, "rows before the stop accepted");
	is(gw_run_end(&run), GW_OK, "nothing rejected");
	snprintf(f1, sizeof f1, "%s/none.csv", dir);
	argv[0] = f1;
	memset(&run, 0, sizeof run);
	saved = dup(2);
	if (!freopen(errf, "w", stderr))
		return;
	rc = gw_loop(&run, 1, argv, NULL, NULL, onrec, &run);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	is(rc, -1, "missing file: -1");
	ok(strstr(slurp(errf), "cannot open") != NULL, "missing file: said why");
	gw_run_end(&run);
}

/* csvr_open_src: a source's header is aliased and checked, its records
   are width-checked like text, and close() runs once. */
struct rows { const char *const *rows[5]; size_t nf[5]; int i, closed;
	char *f[4]; size_t len[4]; };

static int
rows_next(void *arg, struct gw_rec *rec, const char **why)
{
	struct rows *s = arg;
	size_t j;

	if (!s->rows[s->i])
		return CSVR_EOF;
	if (s->nf[s->i] == 0) {
		*why = "a bad cell";
		s->i++;
		return CSVR_BAD;
	}
	for (j = 0; j < s->nf[s->i]; j++) {
		s->f[j] = (char *)s->rows[s->i][j];
		s->len[j] = strlen(s->f[j]);
	}
	rec->f = s->f;
	rec->len = s->len;
	rec->nf = s->nf[s->i];
	rec->line = ++s->i + 1;
	return CSVR_REC;
}

static void
rows_close(void *arg)
{
	((struct rows *)arg)->closed++;
}

static void
source(void)
{
	static const char *const h[] = { "姓名", "id_number" };
	static const char *const r1[] = { "张三", "110101199003070011" };
	static const char *const r2[] = { "李四" };
	static const char *const dup[] = { "name", "姓名" };
	struct rows s = { { h, r1, r2, r1, NULL }, { 2, 2, 1, 0 }, 0, 0,
		{ 0 }, { 0 } };
	struct csvr_src src = { rows_next, rows_close, &s, FMT_XLSX };
	struct gw_rec rec;
	const char *why = NULL;
	csvr *r;

	s.rows[3] = r1;
	s.nf[3] = 0;	/* the fourth record is bad */
	r = csvr_open_src("book.xlsx:Sheet1", &src, NULL, &why);
	ok(r != NULL, "source: opened");
	if (!r)
		return;
	isstr(csvr_header(r)[0], "name", "source: header aliased");
	is(csvr_col(r, "id_number"), 1, "source: csvr_col");
	is(csvr_fmt(r), FMT_XLSX, "source: its format");
	isstr(csvr_name(r), "book.xlsx:Sheet1", "source: its name");
	is(csvr_next(r, &rec), CSVR_REC, "source: a record");
	isstr(rec.f[1], "110101199003070011", "source: its field");
	is(rec.line, 3, "source: the source's row number");
	is(csvr_next(r, &rec), CSVR_BAD, "source: a short row is bad");
	isstr(csvr_why(r), "expected 2 fields, found 1", "source: said as for text");
	is(csvr_next(r, &rec), CSVR_BAD, "source: the source's own bad record");
	isstr(csvr_why(r), "a bad cell", "source: its reason");
	is(csvr_next(r, &rec), CSVR_EOF, "source: the end");
	csvr_close(r);
	is(s.closed, 1, "source: closed once");

	memset(&s, 0, sizeof s);
	s.rows[0] = dup;
	s.nf[0] = 2;
	r = csvr_open_src("dup", &src, NULL, &why);
	ok(r == NULL && strcmp(why, "dup:2: duplicate column 'name'") == 0,
	    "source: a duplicate column is refused with its row");
	is(s.closed, 1, "source: closed on a failed open");
	memset(&s, 0, sizeof s);
	r = csvr_open_src("none", &src, NULL, &why);
	ok(r == NULL && strcmp(why, "none: empty file: no header line") == 0,
	    "source: no header row");
}

int
main(void)
{
	char cmd[300];

	if (!mkdtemp(dir)) {
		perror(dir);
		return 2;
	}
	header();
	records();
	crlines();
	encodings();
	srand(7);
	roundtrip(FMT_CSV, "rt.csv");
	roundtrip(FMT_TSV, "rt.tsv");
	bigfield();
	loop();
	source();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return done();
}
