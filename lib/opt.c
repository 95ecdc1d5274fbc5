/*
 * opt.c — the options every command shares (gridwork(7)), so that -E,
 * -o, -p, -d, -R, -r and the reference-time options are spelled and
 * checked the same way everywhere.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

void
gw_usage(const char *usage_text)
{
	fputs(usage_text, stderr);
	exit(GW_FATAL);
}

static int
fmt_parse(const char *s, int out)
{
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	if (out && strcmp(s, "jsonl") == 0)
		return FMT_JSONL;
	if (out && strcmp(s, "xlsx") == 0)
		return FMT_XLSX;
	return -1;
}

int
gw_opt(struct gw_opts *o, int c, const char *arg, const char *usage_text)
{
	switch (c) {
	case 'E':
		if ((o->enc = enc_parse(arg)) < 0)
			die("unknown encoding '%s' (utf-8, gb18030, utf-16)", arg);
		break;
	case 'i':
		if ((o->ifmt = fmt_parse(arg, 0)) < 0)
			die("unknown input format '%s' (csv, tsv)", arg);
		break;
	case 'o':
		if ((o->ofmt = fmt_parse(arg, 1)) < 0)
			die("unknown output format '%s' (csv, tsv, jsonl, xlsx)",
			    arg);
		break;
	case 'p':
		o->policy = arg;
		break;
	case 'd':
		o->store = arg;
		break;
	case 'R':
		o->regions = arg;
		break;
	case 'r': {
		const char *why;

		/* before any input is read or the store opened, so that a
		   clash is refused before anything is written */
		if (gw_file_note(arg, -1, 1, "rejects file", &why) < 0)
			die("%s", why);
		o->rejects = arg;
		break;
	}
	case OPT_ZH:
		o->zh = 1;
		break;
	case OPT_EXCEL:
		o->excel = 1;
		break;
	case OPT_ASOF:
		o->as_of = arg;
		break;
	case OPT_MONTH:
		o->month = arg;
		break;
	case OPT_WEEK:
		o->week = arg;
		break;
	case OPT_AT:
		o->at = arg;
		break;
	case OPT_SHEET:
		if (*arg == '\0')
			die("empty sheet name (--sheet NAME or a number)");
		o->sheet = arg;
		break;
	case OPT_HEADER_ROW: {
		char *end;

		o->header_row = strtol(arg, &end, 10);
		if (*arg < '1' || *arg > '9' || *end ||
		    o->header_row > 1048576)
			die("bad header row '%s' (a row number, 1 or more)",
			    arg);
		break;
	}
	case 'h':
		fputs(usage_text, stdout);
		gw_exit(GW_OK);
	case OPT_VERSION:
		printf("%s (gridwork) %s\n", argv0, GW_VERSION);
		gw_exit(GW_OK);
	default:
		return 0;
	}
	return 1;
}

/*
 * 1 when a workbook written to fp would reach a terminal: fp is one, or
 * fp is a spool that goes to standard output later (an unlinked file or
 * a memory stream) and that is one.
 */
static int
totty(FILE *fp)
{
	struct stat st;
	int fd = fileno(fp);

	if (fd >= 0 && isatty(fd))
		return 1;
	if (fp == stdout || !isatty(STDOUT_FILENO))
		return 0;
	return fd < 0 || (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_nlink == 0);
}

csvw *
gw_out(const struct gw_opts *o, FILE *fp)
{
	int flags = 0;

	if (o->ofmt == FMT_XLSX && totty(fp))
		die("refusing to write a workbook (-o xlsx) to a terminal: "
		    "redirect standard output to a file");
	if (o->excel)
		flags |= CSVW_EXCEL;
	if (o->zh)
		flags |= CSVW_ZH;
	return csvw_open(fp, o->ofmt ? o->ofmt : FMT_CSV, flags);
}

int
gw_out_spool(const struct gw_opts *o, FILE *spool)
{
	struct csvr_opt ro;
	struct gw_rec rec;
	char path[32];
	const char *why;
	csvw *w;
	csvr *r;
	int rc;

	if (fflush(spool) == EOF || ferror(spool))
		die("write error: temporary file:");
	rewind(spool);
	memset(&ro, 0, sizeof ro);
	ro.enc = ENC_UTF8;
	ro.fmt = FMT_CSV;
	ro.raw_header = 1;
	snprintf(path, sizeof path, "/dev/fd/%d", fileno(spool));
	if ((r = csvr_open(path, &ro, &why)) == NULL)
		die("temporary file: %s", why);
	w = gw_out(o, stdout);
	csvw_header(w, csvr_header(r), csvr_ncols(r));
	while ((rc = csvr_next(r, &rec)) == CSVR_REC)
		csvw_row(w, rec.f, rec.len, rec.nf);
	if (rc != CSVR_EOF)
		die("temporary file: %s", csvr_why(r));
	csvr_close(r);
	fclose(spool);
	return csvw_close(w);
}

struct csvr_opt
gw_inopt(const struct gw_opts *o)
{
	struct csvr_opt ro;

	memset(&ro, 0, sizeof ro);
	ro.enc = o->enc;
	ro.fmt = o->ifmt;
	ro.sheet = o->sheet;
	ro.header_row = o->header_row;
	return ro;
}

int
gw_getopt(int argc, char **argv, const char *optstring,
    const struct option *lopts, struct gw_opts *o, const char *usage_text)
{
	int ch;

	while ((ch = getopt_long(argc, argv, optstring, lopts, NULL)) != -1)
		if (ch == '?')
			gw_usage(usage_text);
		else if (!gw_opt(o, ch, optarg, usage_text))
			return ch;
	return -1;
}
