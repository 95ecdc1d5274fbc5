/*
 * xlsx.c — fuzz harness of the workbook reader (lib/xlsx.c).
 *
 * Input: one option byte, then up to three parts split at NUL bytes:
 * the sheet's XML, the shared strings' XML, the styles' XML.  The
 * harness puts them into a workbook (libzip, beside a fixed
 * workbook.xml whose date system bit 0 of the option byte picks), so
 * that the fuzzer works on the XML the reader parses rather than on
 * zip's checksums.  Bit 1: --header-row 2; bit 2: --sheet 2 (a sheet
 * that is not there).
 *
 * Checked: the reader opens or says why; a good record has as many
 * fields as the header, each valid UTF-8 with len[i] == strlen(f[i]);
 * a bad one has a reason; row numbers rise and stay within a sheet's
 * 1,048,576 rows.
 */
#include <zip.h>

#include "fuzz.h"

static void
add(zip_t *z, const char *name, const char *s, size_t n)
{
	zip_source_t *src;

	if ((src = zip_source_buffer(z, s, n, 0)) == NULL ||
	    zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		fprintf(stderr, "fuzz: libzip: %s\n", zip_strerror(z));
		exit(2);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char wb0[] = "<workbook><workbookPr date1904=\"0\"/>"
	    "<sheets><sheet name=\"表一\" r:id=\"rId1\"/></sheets></workbook>";
	static const char wb1[] = "<workbook><workbookPr date1904=\"1\"/>"
	    "<sheets><sheet name=\"表一\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
	    "Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "</Relationships>";
	const char *part[3] = {"", "", ""}, *p, *end, *path, *why;
	size_t plen[3] = {0, 0, 0}, i, k = 0;
	struct csvr_opt o;
	struct gw_rec rec;
	zip_t *z;
	csvr *r;
	long last = 0;
	int err, rc, opt;

	if (size < 1)
		return 0;
	opt = data[0];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (k < 3 && p <= end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));

		part[k] = p;
		plen[k] = nul ? (size_t)(nul - p) : (size_t)(end - p);
		k++;
		if (!nul)
			break;
		p = nul + 1;
	}
	path = fuzz_file("in.xlsx", "", 0);
	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		fprintf(stderr, "fuzz: cannot make %s\n", path);
		exit(2);
	}
	add(z, "xl/workbook.xml", opt & 1 ? wb1 : wb0,
	    (opt & 1 ? sizeof wb1 : sizeof wb0) - 1);
	add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
	add(z, "xl/worksheets/sheet1.xml", part[0], plen[0]);
	if (k > 1)
		add(z, "xl/sharedStrings.xml", part[1], plen[1]);
	if (k > 2)
		add(z, "xl/styles.xml", part[2], plen[2]);
	if (zip_close(z) < 0) {
		fprintf(stderr, "fuzz: libzip: %s\n", zip_strerror(z));
		exit(2);
	}

	memset(&o, 0, sizeof o);
	o.header_row = opt & 2 ? 2 : 0;
	o.sheet = opt & 4 ? "2" : NULL;
	if ((r = csvr_open(path, &o, &why)) == NULL) {
		if (!why || !*why)
			fuzz_fail("a failed open without a reason");
		return 0;
	}
	if (csvr_fmt(r) != FMT_XLSX)
		fuzz_fail("a workbook read as format %d", csvr_fmt(r));
	while ((rc = csvr_next(r, &rec)) != CSVR_EOF && rc != CSVR_ERR) {
		if (rec.line <= last || rec.line > 1048576)
			fuzz_fail("row %ld after row %ld", rec.line, last);
		last = rec.line;
		if (rc == CSVR_BAD) {
			if (!csvr_why(r) || !*csvr_why(r))
				fuzz_fail("a bad row without a reason");
			continue;
		}
		if (rec.nf != csvr_ncols(r))
			fuzz_fail("%zu fields under %zu columns", rec.nf,
			    csvr_ncols(r));
		for (i = 0; i < rec.nf; i++)
			if (strlen(rec.f[i]) != rec.len[i] ||
			    !utf8_valid(rec.f[i], rec.len[i]))
				fuzz_fail("field %zu of row %ld", i, rec.line);
	}
	csvr_close(r);
	return 0;
}
