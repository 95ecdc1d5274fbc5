/*
 * gridwork.h — the one public header of libgridwork.
 *
 * Sections are named after the .c file that implements them.  Library
 * functions report failure by return value (and, where said, a reason
 * string) and let main() decide; only the x-wrappers of util.c and die()
 * ever exit.
 */
#ifndef GRIDWORK_H
#define GRIDWORK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <getopt.h>

#define GW_VERSION "0.1"

/* Exit statuses, the same for every command (gridwork(7), EXIT STATUS). */
enum gw_exit {
	GW_OK = 0,	/* success */
	GW_REJECTS = 1,	/* finished, but some rows were rejected */
	GW_FATAL = 2	/* usage error or fatal error; nothing half-written */
};

// util.c

extern const char *argv0;	/* program name for messages, set by gw_init() */

/* Sets argv0, restores SIGPIPE's default (a closed pipe ends us quietly). */
void gw_init(int argc, char **argv);
/* "argv0: msg"; when fmt ends in ':' appends " strerror(errno)". */
void warn(const char *fmt, ...);
/* warn(), then exit(GW_FATAL). */
_Noreturn void die(const char *fmt, ...);
/* Flushes and closes fp; on error warns "write error: NAME:" and returns 1. */
int fshut(FILE *fp, const char *name);
/* fshut(stdout) and exit with status, or GW_FATAL when stdout failed. */
_Noreturn void gw_exit(int status);

/*
 * Output that must appear whole or not at all (a fatal error half way
 * leaves stdout empty): write it to gw_spool(), a temporary file, then
 * gw_unspool() copies it to stdout and closes it.  Both die on failure;
 * a write error on the spool (a full /tmp) is never lost.
 */
FILE *gw_spool(void);
void gw_unspool(FILE *tmp);

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* realloc of nmemb * size, dying on overflow or out of memory. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* A zeroed block for a big table or buffer, huge pages asked for when
   it is big; dies when out of memory.  Freed by gw_bigfree(p, bytes). */
void *gw_bigalloc(size_t bytes);
void gw_bigfree(void *p, size_t bytes);
char *xstrndup(const char *s, size_t n);

/*
 * Growable byte buffer.  Invariant: s[len] == '\0' whenever s != NULL;
 * cap is the allocated size of s.
 */
struct sbuf {
	char *s;	/* contents, NUL-terminated, or NULL when never grown */
	size_t len;	/* bytes in use, not counting the NUL */
	size_t cap;	/* bytes allocated */
};
void sbuf_grow(struct sbuf *b, size_t extra);
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, int c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...);
void sbuf_vaddf(struct sbuf *b, const char *fmt, va_list ap);
void sbuf_reset(struct sbuf *b);	/* len = 0, keeps the memory */
void sbuf_free(struct sbuf *b);

/*
 * The directory of shared data (aliases, policy, calendar, sql):
 * $GRIDWORK_SHARE, else ../share/gridwork or ../share beside the
 * executable, else the compiled-in SHAREDIR.
 */
const char *gw_sharedir(void);
/* gw_sharedir() + "/" + rel, in a static buffer reused by the next call. */
const char *gw_sharepath(const char *rel);
/*
 * Calls cb with the tab-separated fields of each data line of the file
 * share/NAME (blank and '#' lines skipped; the first data line skipped
 * too when header), at most max (up to 16) fields, the last keeping any
 * further tabs.  Returns 0, or -1 with errno when it cannot be opened.
 */
int gw_sharetsv(const char *name, int header, int max,
    void (*cb)(char **f, int nf, void *arg), void *arg);

// outfile.c — outputs whole or not at all, never over an input

/*
 * Notes a file the run reads or writes (output 1), by path or, when
 * fd >= 0, by descriptor: an output may not be the same file (device
 * and inode, links followed; a file not yet there by its canonical
 * path) as the store, an input, standard output or another output.
 * Devices and pipes are never noted.  Returns 0, or -1 with *why
 * ("rejects file 's.db' is also the store: refusing to overwrite it",
 * valid until the next call).  what names the file's part in the run.
 */
int gw_file_note(const char *path, int fd, int output, const char *what,
    const char **why);
/* Forgets every file noted: for a program that makes several runs in
   one process (a test harness), between two of them. */
void gw_file_forget(void);

/* A temporary file in $TMPDIR (else /tmp), already unlinked, opened
   "w+"; NULL with errno when it cannot be made. */
FILE *gw_tmpfile(void);

/*
 * An output file written whole: under a temporary name beside path,
 * renamed over it by gw_ofile_commit(); never committed, it is gone at
 * exit and path is as it was.  A device or pipe (itself or at the end
 * of a symbolic link), or a link to our own standard output or error
 * (-r /dev/stderr), is written as it is.  private 1, for files of
 * personal data: made owner-only (0600) whatever the umask, and any
 * other symbolic link at path is refused, never followed; private 0:
 * the umask's mode, written where a link leads.
 */
struct gw_ofile {
	char *path;	/* the name to replace */
	char *tmp;	/* the temporary, or NULL when written as it is */
	FILE *fp;	/* open for writing, or NULL */
};
/* Opens it; NULL with *why the reason (strerror), valid until the
   next call. */
FILE *gw_ofile_open(struct gw_ofile *of, const char *path, int private,
    const char **why);
/* Closes and renames; 0, or -1 after saying why (of is discarded). */
int gw_ofile_commit(struct gw_ofile *of);
/* Closes and removes the temporary; path stays as it was. */
void gw_ofile_discard(struct gw_ofile *of);

/*
 * Standard output whole or not at all (called by gw_init(), gw_exit()
 * and die()): a regular file is cut back to where the run began when
 * it fails; a pipe or socket is held in a temporary file until the run
 * has succeeded; a terminal or /dev/null is written as it is.  Commit
 * returns -1 after saying why when the output could not be written.
 */
void gw_stdout_init(void);
int gw_stdout_commit(void);
void gw_stdout_retract(void);

// utf8.c

/* Input encodings (-E). */
enum gw_enc {
	ENC_AUTO = 0,	/* BOM, then strict UTF-8, then GB18030 */
	ENC_UTF8,
	ENC_GB18030,	/* also GBK and GB2312, which it contains */
	ENC_UTF16	/* by BOM, little-endian without one */
};
/* "utf-8", "utf8", "gb18030", "gbk", "gb2312", "utf-16": ENC_* or -1. */
int enc_parse(const char *name);
/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/*
 * The first invisible character of the UTF-8 s[0..n) (U+FEFF, U+200B..
 * U+200F, U+2060.., the rest of Unicode's default-ignorable code points),
 * or 0 when there is none; *at and *len (when not NULL) get its offset
 * and length in bytes.
 */
long utf8_invisible(const char *s, size_t n, size_t *at, size_t *len);
/*
 * Keeps a message that may quote input (and is written to stderr and
 * into a CSV column) UTF-8, in place: a byte that starts no valid
 * character becomes '?'; a character cut at the end because s filled
 * its buffer of cap bytes is dropped.
 */
void utf8_clip(char *s, size_t cap);
/*
 * Folds full-width ASCII (U+FF01..U+FF5E, e.g. '１' 'Ｘ') and the
 * ideographic space U+3000 to ASCII, in place; returns the new length.
 * For code, ID and number fields only: free text is never folded.
 */
size_t utf8_fold(char *s, size_t n);

// csvr.c — the streaming record reader

enum gw_fmt { FMT_AUTO = 0, FMT_CSV, FMT_TSV, FMT_JSONL, FMT_XLSX };

struct csvr_opt {
	int enc;	/* enum gw_enc */
	int fmt;	/* FMT_AUTO (extension .tsv/.csv, else header line), CSV, TSV */
	int raw_header;	/* 1: keep header names as written, no alias mapping */
};

/*
 * One record.  Valid until the next csvr_next() on the same reader.
 * Fields are UTF-8, NUL-terminated, exactly as in the input (no trimming).
 */
struct gw_rec {
	char **f;	/* f[0..nf) the fields */
	size_t *len;	/* len[i] = strlen(f[i]) (fields hold no NUL) */
	size_t nf;	/* number of fields */
	long line;	/* physical line (1-based) where the record starts */
};

typedef struct csvr csvr;

/* Result of csvr_next(). */
enum {
	CSVR_EOF = 0,	/* no more records */
	CSVR_REC = 1,	/* a good record */
	CSVR_BAD = 2,	/* a bad record: rec holds what could be read,
			   csvr_why() says why; reading may go on */
	CSVR_ERR = -1	/* fatal: I/O or decoder failure; csvr_why() */
};

/*
 * Opens path ("-" = stdin) and reads its header line.  Returns NULL with
 * *why set (a static or reader-owned string) when the file cannot be
 * opened or its header is bad.  An input with no header line at all (no
 * bytes, a BOM only, blank lines only) is such an error, "FILE: empty
 * file: no header line"; a header without records is not.
 */
csvr *csvr_open(const char *path, const struct csvr_opt *o, const char **why);
/*
 * Records from somewhere other than a text file: a workbook's sheet, a
 * table of the store.  next() puts the next record in rec (its fields
 * UTF-8, NUL-terminated, valid until the next call; rec->line the row
 * number messages give) and returns CSVR_REC, CSVR_EOF, or CSVR_BAD /
 * CSVR_ERR with *why.  The first record is the header.  The reader
 * checks each record's width against the header as for text; close()
 * (may be NULL) is called once by csvr_close() or a failed open.
 */
struct csvr_src {
	int (*next)(void *arg, struct gw_rec *rec, const char **why);
	void (*close)(void *arg);
	void *arg;
	int fmt;	/* what csvr_fmt() says: FMT_XLSX, FMT_CSV ... */
};
/* A reader over src named name in messages ("FILE", "FILE:SHEET",
   "STORE:table"); NULL with *why as csvr_open() (src is closed). */
csvr *csvr_open_src(const char *name, const struct csvr_src *src,
    const struct csvr_opt *o, const char **why);
int csvr_next(csvr *r, struct gw_rec *rec);
const char *csvr_why(const csvr *r);	/* reason for the last BAD/ERR */
const char *csvr_name(const csvr *r);	/* path as given; "-" is "stdin" */
size_t csvr_ncols(const csvr *r);
/* Header names, canonical (alias-mapped) unless raw_header. */
const char *const *csvr_header(const csvr *r);
/* Index of the column with canonical name, or -1.  name may also be any
   header that maps to the same canonical name (e.g. a Chinese one). */
int csvr_col(const csvr *r, const char *name);
int csvr_fmt(const csvr *r);	/* FMT_CSV or FMT_TSV as decided */
int csvr_enc(const csvr *r);	/* encoding as decided so far */
void csvr_close(csvr *r);

// alias.c — header names

/* Canonical name for a header as written (trimmed, ASCII case-folded,
   Chinese through share/aliases.csv), or the header itself, trimmed.
   An unknown header's result is valid until the next call. */
const char *alias_canon(const char *hdr);
/* The Chinese header for a canonical name (for --zh), or name itself. */
const char *alias_zh(const char *canon);
/* 1 when share/values-zh.tsv has Chinese for values of column canon. */
int alias_zhhas(const char *canon);
/* The Chinese of value v[0..n) of column canon (values-zh.tsv), or
   NULL when it has none. */
const char *alias_zhval(const char *canon, const char *v, size_t n);

// csvw.c — the record writer

enum { CSVW_EXCEL = 1, CSVW_ZH = 2 };

typedef struct csvw csvw;

/* Writes to fp (not closed by csvw_close) in FMT_CSV, FMT_TSV,
   FMT_JSONL or FMT_XLSX (a workbook, made whole at csvw_close: see
   xlsxw.c); flags CSVW_EXCEL (BOM, CRLF, formula-safe, digit strings
   kept as text; CSV and TSV only) and CSVW_ZH (Chinese headers and
   enumerated values).  Output is buffered in w: see csvw_flush(). */
csvw *csvw_open(FILE *fp, int fmt, int flags);
/* Sets and (for CSV/TSV) writes the header; names are canonical. */
void csvw_header(csvw *w, const char *const *names, size_t n);
/* The same, where keys[i] (NULL, or keys[i] NULL: names[i]) is the
   canonical name that says what column i holds, for its Chinese header
   and values and its cell type, when the name alone does not (the
   on_time count of a summary, key on_time_count). */
void csvw_header_keyed(csvw *w, const char *const *names,
    const char *const *keys, size_t n);
/* One field of the current record (len may be (size_t)-1 for strlen). */
void csvw_field(csvw *w, const char *s, size_t len);
void csvw_fieldf(csvw *w, const char *fmt, ...);
void csvw_endrec(csvw *w);
/* A whole record. */
void csvw_row(csvw *w, char *const *f, const size_t *len, size_t n);
/* Frees w; returns ferror(fp) ? -1 : 0 (fp is flushed, not closed).
   On -1, errno says why. */
int csvw_close(csvw *w);
/* Passes buffered output on to fp (needed before writing to fp by other
   means); fp itself is not flushed. */
void csvw_flush(csvw *w);
/* errno of the first write error, or 0: lets a long run stop early. */
int csvw_error(const csvw *w);

// xlsxw.c — the workbook side of csvw (-o xlsx)

/* What a column holds (share/columns-xlsx.tsv); XT_NONE: not listed. */
enum { XT_NONE = 0, XT_CODE, XT_TEXT, XT_MONEY, XT_NUM, XT_COUNT,
       XT_FLAG, XT_DATE, XT_DATETIME, XT_MONTH };
int xlsxw_type(const char *canon);
/* 1 when s[0..n) is a plain decimal number that a spreadsheet may hold
   as a number: fewer than 12 digits before the point, no leading 0. */
int xlsxw_numlike(const char *s, size_t n);

typedef struct xlsxw xlsxw;

/* A workbook in a temporary file; NULL with *err an errno. */
xlsxw *xlsxw_open(int *err);
/* The header (once): keys canonical, shown as written in the sheet. */
void xlsxw_header(xlsxw *x, const char *const *keys,
    const char *const *shown, size_t n);
/* The next cell of the current row (UTF-8), then the end of the row. */
void xlsxw_cell(xlsxw *x, const char *s, size_t n);
void xlsxw_endrec(xlsxw *x);
/* Finishes the workbook, copies it to fp and frees x: 0 or an errno. */
int xlsxw_close(xlsxw *x, FILE *fp);

// input.c — the shared input driver and rejects

/*
 * State shared by every input of one run: counts, the rejects file.
 * Invariant: nread == nok + nrej once every record was accounted for.
 */
struct gw_run {
	const char *rejects_path;	/* -r FILE, or NULL */
	FILE *rejects;			/* opened on first reject */
	csvw *rejw;			/* writer over rejects */
	long nread;			/* records read, good or bad */
	long nok;			/* records accepted */
	long nrej;			/* records rejected */
	int quiet;			/* 1: no per-row message on stderr */
	int keepinvisible;		/* 1: pass invisible characters
					   (U+FEFF, U+200B, ...) in key and
					   code columns through; 0: reject
					   the row (gw_loop) */
	int mixed;			/* 1: the inputs are of several tables,
					   so the rejects file's header is
					   file,line,column,reason alone */
	/* private to input.c; zero-initialise the whole struct */
	char **rhdr;			/* the first input's header */
	size_t nrhdr;
	int rhdrset;			/* rhdr was taken */
	int rejfail;			/* the rejects file could not be made */
	struct gw_ofile rejof;		/* it, written whole (outfile.c) */
};

/*
 * Rejects a record: prints "FILE:LINE: column 'x': reason" on stderr
 * ("FILE:LINE: reason" when col is NULL), writes
 * file,line,column,reason + the row's fields to the rejects file, and
 * counts it.
 */
void gw_reject(struct gw_run *run, const char *file, long line,
    const char *col, const struct gw_rec *rec, const char *fmt, ...);

/*
 * Calls fn for every good record of every file in argv (none or "-" =
 * stdin).  Bad records are rejected through gw_reject.  hdr, when not
 * NULL, is called once per file after its header is read; it returns 0
 * to go on or -1 to stop (it has said why).  fn returns 0 to accept the
 * record, 1 when it rejected it itself (through gw_reject), -1 to stop.
 * Returns 0, or -1 on a fatal error (already reported).
 */
typedef int gw_hdr_fn(csvr *r, void *arg);
typedef int gw_rec_fn(csvr *r, struct gw_rec *rec, void *arg);
int gw_loop(struct gw_run *run, int argc, char **argv,
    const struct csvr_opt *o, gw_hdr_fn *hdr, gw_rec_fn *fn, void *arg);
/* Closes the rejects file; returns GW_FATAL on a write error, else
   GW_REJECTS when run->nrej > 0, else GW_OK. */
int gw_run_end(struct gw_run *run);
/*
 * Finds the columns names[0..n) of r: idx[i] = csvr_col(r, names[i]).
 * The first nreq are required: a missing one is reported as
 * "FILE: missing column 'x' (what)" (file = the input's name as the
 * caller calls it; what may be NULL) and -1 is returned.  Else 0.
 */
int gw_bind(csvr *r, const char *file, const char *const *names, int n,
    int nreq, int *idx, const char *what);
/* Sets the row header of the rejects file, when no input has set it yet
   (for rows rejected before or outside gw_loop). */
void gw_run_header(struct gw_run *run, const char *const *names, size_t n);

/* Field col of rec and its length, or "" (length 0) when col is -1 (a
   column the input does not have) or past the end of the record. */
static inline const char *
gw_field(const struct gw_rec *rec, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= rec->nf) {
		*len = 0;
		return "";
	}
	*len = rec->len[col];
	return rec->f[col];
}

// opt.c — the options every command shares (gridwork(7))

enum {
	OPT_ZH = 256, OPT_EXCEL, OPT_ASOF, OPT_MONTH, OPT_WEEK, OPT_AT,
	OPT_VERSION,
	OPT_CMD = 300	/* first value free for a command's own long options */
};

/* Values of the shared options; zero-initialise, then gw_opt(). */
struct gw_opts {
	int enc;		/* -E */
	int ifmt;		/* -i csv|tsv */
	int ofmt;		/* -o csv|tsv|jsonl|xlsx, default FMT_CSV */
	int zh;			/* --zh */
	int excel;		/* --excel */
	const char *policy;	/* -p, default "gansu" */
	const char *store;	/* -d */
	const char *regions;	/* -R */
	const char *rejects;	/* -r */
	const char *as_of;	/* --as-of */
	const char *month;	/* --month */
	const char *week;	/* --week */
	const char *at;		/* --at */
};

/* Long options for struct option tables; end a table with {0}. */
#define GW_LONGOPT_COMMON \
	{"zh", no_argument, 0, OPT_ZH}, \
	{"excel", no_argument, 0, OPT_EXCEL}, \
	{"as-of", required_argument, 0, OPT_ASOF}, \
	{"month", required_argument, 0, OPT_MONTH}, \
	{"week", required_argument, 0, OPT_WEEK}, \
	{"at", required_argument, 0, OPT_AT}, \
	{"help", no_argument, 0, 'h'}, \
	{"version", no_argument, 0, OPT_VERSION}

/*
 * Handles one shared option c (one of E i o p d R r and the OPT_*
 * above; -h and --version print and exit 0 using usage_text).
 * Returns 1 when c was a shared option, 0 otherwise.  A bad value is a
 * usage error: message and exit GW_FATAL.
 */
int gw_opt(struct gw_opts *o, int c, const char *arg, const char *usage_text);
/* csvw flags and format from the options. */
csvw *gw_out(const struct gw_opts *o, FILE *fp);
/* Writes the CSV held in spool (as gw_out() writes it with FMT_CSV, no
   --excel or --zh) to stdout through gw_out(o), and closes spool: for a
   command that must edit its output before it is final.  Returns what
   csvw_close() returns. */
int gw_out_spool(const struct gw_opts *o, FILE *spool);
/* struct csvr_opt from the options. */
struct csvr_opt gw_inopt(const struct gw_opts *o);
/* Prints "usage: ..." text to stderr and exits GW_FATAL. */
_Noreturn void gw_usage(const char *usage_text);

// idno.c — citizen identity numbers (GB 11643-1999, gridwork-rules(7), IDENTITY NUMBERS)

/* A valid number.  Invariant: s is 18 characters, the last a digit or
   'X', and year/mon/day is a real date; all zero after a failed parse. */
struct idno {
	char s[19];	/* normalised 18-character number, NUL-terminated */
	int was15;	/* 1 when the input had 15 digits (upgraded in s) */
	int year, mon, day;	/* birth date */
	int male;	/* 1 male (odd sequence), 0 female */
};

/* Check character for 17 ASCII digits; '\0' when one is not a digit. */
char idno_checkchar(const char *d17);
/*
 * Parses and validates in[0..n): full-width folded, surrounding blanks
 * trimmed, 'x' -> 'X', 15 digits upgraded.  Birth date must be real
 * (year 1800 or later) and, when asof >= 0 (a day number, date.c), not
 * after asof.  Returns 0, or -1 with *why = a short lower-case reason
 * ("empty", "wrong length 17", "not a digit at position 5",
 * "invalid birth date 19990230", "bad check character 3, expected X",
 * "birth date 2030-01-01 after reference date 2026-10-31"), held in a
 * static buffer until the next call.
 */
int idno_parse(const char *in, size_t n, long asof, struct idno *id,
    const char **why);
/* Full years at day asof (date.c day number); a 29 February birthday
   falls on 1 March in common years. */
int idno_age(const struct idno *id, long asof);
/* First 6 + "********" + last 4 of an 18-character s into out[19];
   any other s comes out as stars only (at most 18). */
void idno_mask(const char *s, char *out);
/* Masks a field that may not be a valid number (for --mask of bad
   input): more than 10 characters keep the first 6 and last 4, the
   rest become one '*' each; 10 or fewer become all stars. */
void idno_mask_raw(const char *s, size_t n, struct sbuf *out);
/* Masks the middle four digits of an 11-digit mobile number into
   out (size n+1); other strings are masked from the 4th to the
   4th-last byte, and strings of 6 or fewer bytes entirely. */
void phone_mask(const char *s, char *out);

// place.c — division, grid and micro-grid codes (gridwork-rules(7), PLACES AND CODES)

enum { LVL_PROVINCE = 2, LVL_CITY = 4, LVL_COUNTY = 6, LVL_TOWN = 9,
       LVL_VILLAGE = 12, LVL_GRID = 15, LVL_MICRO = 18 };
enum { KIND_UNKNOWN = 0, KIND_URBAN = 1, KIND_RURAL = 2 };

/* Level of a code by its length (2 4 6 9 12 15 18, all ASCII digits),
   or -1.  Says nothing about whether the parts are well-formed. */
int code_level(const char *s, size_t n);
/*
 * Checks s[0..n) is a well-formed code: a known province, no part all
 * zeros (city 00, county 00, township 000, village 000), grid sequence
 * 001-899 (base) or 901-999 (dedicated), micro-grid sequence not 000.
 * want > 0: it must also be of that level.  Returns the level, or -1
 * with *why ("grid code must have 15 digits, found 14", "sequence 900
 * is neither base 001-899 nor dedicated 901-999", "village part ends
 * in 000", ...), held in a static buffer until the next call.
 */
int code_check(const char *s, size_t n, int want, const char **why);
/* Copies the prefix of level lvl (2..18) of s into out (lvl+1 bytes,
   NUL-terminated); a shorter s is copied whole. */
void code_prefix(const char *s, int lvl, char *out);
/* The level above lvl (18 -> 15 -> 12 -> 9 -> 6 -> 4 -> 2), or -1. */
int code_parent_level(int lvl);
/* Parent of code s (its prefix one level up) into out (at least 16
   bytes); returns the parent's level, or -1 for a province or a
   string that is no code. */
int code_parent(const char *s, char *out);
/* 1 when a 15-digit grid code (or the grid part of an 18-digit
   micro-grid code) is dedicated (sequence 901-999), else 0. */
int grid_is_dedicated(const char *grid);
/* KIND_* from a kind column ("urban", "rural", "城市", "城镇", "农村",
   "乡村"), then a 3-digit urban-rural code (111 112 121 122 123 urban,
   210 220 rural), then the name's ending (社区, 居委会, 居民委员会,
   社区居委会 urban; 村委会, 村民委员会, 村 rural); any may be NULL;
   the first that decides wins, else KIND_UNKNOWN. */
int region_kind(const char *kind, const char *urcode, const char *name);
/* "urban", "rural" or "" for a KIND_*. */
const char *kind_name(int kind);

// date.c — dates, times, ISO weeks and the working-day calendar

/* Days since 1970-01-01 (may be negative). */
long day_from_ymd(int y, int m, int d);
void day_to_ymd(long day, int *y, int *m, int *d);
int day_wday(long day);		/* 1 = Monday .. 7 = Sunday */
/* 1 when y-m-d is a real date of years 1..9999, else 0. */
int ymd_valid(int y, int m, int d);
int month_days(int y, int m);	/* 28..31 */
int iso_weeks_in_year(int y);	/* 52 or 53 */
/* Parses 2026-10-08, 2026/10/8 or 2026年10月8日 (full-width folded,
   blanks around ignored); an impossible date is an error; 0 or -1. */
int date_parse(const char *s, size_t n, long *day);
/* Parses a date with optional time: "2026-10-08", "2026-10-08 09:30",
   "2026-10-08T09:30:00", "2026/10/8 9:30"; seconds since the epoch of
   civil time (no time zone).  A bare date is 00:00:00.  0 or -1. */
int datetime_parse(const char *s, size_t n, int64_t *t);
void date_fmt(long day, char out[11]);		/* 2026-10-08 */
void datetime_fmt(int64_t t, char out[20]);	/* 2026-10-08 09:30:00 */
/* ISO 8601 week of a day; week 1 contains the year's first Thursday. */
void iso_week(long day, int *year, int *week);
/* Monday of ISO week; -1 when week is out of range for year. */
long iso_week_monday(int year, int week);
/* Parses YYYY-MM into the first and last day; 0 or -1. */
int month_parse(const char *s, long *first, long *last);
/* Parses YYYY-Www into Monday and Sunday; 0 or -1. */
int week_parse(const char *s, long *first, long *last);

/*
 * Working-day calendar read from share/calendar/ (gridwork-policy(5),
 * CALENDAR FILES).  A year is one of three kinds:
 * - a notice year: YYYY.txt, the State Council's holiday notice;
 * - a provisional year: no YYYY.txt, but a line in festivals.tsv and no
 *   earlier than the earliest YYYY.txt: Monday to Friday worked, the
 *   statutory days of statutory.tsv off with their days in lieu, no
 *   weekend day worked;
 * - any other year: an error naming it ("no calendar for 2101"), never
 *   a guess from weekends.
 * Provisionality is never an error: a provisional day is answered like
 * any other, and the caller asks afterwards.  Contract: every day
 * looked up (by cal_isworking, and each day cal_addworking or cal_count
 * looks at) that falls in a provisional year adds one to cal_provhits()
 * and marks that year used; cal_provnext() hands each used provisional
 * year out once for the life of the calendar.
 */
typedef struct calendar calendar;
/* dir NULL = gw_sharepath("calendar"). */
calendar *cal_open(const char *dir);
void cal_close(calendar *c);
const char *cal_dir(const calendar *c);	/* the directory read */
/* 1 working, 0 off, -1 error (*why: "no calendar for 2101", or a
   malformed file named by FILE:LINE). */
int cal_isworking(calendar *c, long day, const char **why);
/* *out = the n-th working day strictly after day (n >= 1), strictly
   before it (n <= -1), or day itself (n == 0); 0 or -1 with *why. */
int cal_addworking(calendar *c, long day, int n, long *out, const char **why);
/* Working days in [from, to], inclusive; -1 on error. */
long cal_count(calendar *c, long from, long to, const char **why);
/* 1 when year is provisional, 0 when it has a notice, -1 when it has no
   calendar (*why).  Loads the year; not a lookup: no hit, no mark. */
int cal_provisional(calendar *c, int year, const char **why);
/* Days looked up so far in provisional years.  It never decreases, so
   comparing it before and after a computation (a deadline, a count)
   says whether that computation used a provisional year. */
unsigned long cal_provhits(const calendar *c);
/* The earliest provisional year used and not handed out before, or 0. */
int cal_provnext(calendar *c);
/* warn()s each year cal_provnext() hands out: "warning: no holiday
   notice for 2027 in DIR: its WHAT are provisional (statutory holidays
   only)", DIR "share/calendar" for cal_open(NULL)'s directory; what is
   "deadlines", "working days"... */
void cal_warnprov(calendar *c, const char *what);

// money.c — money as integer fen

/* The largest amount parsed, in fen: 10,000,000,000.00 yuan.  Any
   amount of pay is far below it, and 900,000 of them add up in int64. */
#define MONEY_MAX	INT64_C(1000000000000)
/* Parses 1760, 1760.5, 1,760.50, ￥1760.50, ¥, a 元 suffix, full-width
   digits, a leading '-'; commas only between groups of three; more than
   two decimals, or more than MONEY_MAX either way, is an error.  0 or
   -1 with *why (a static string). */
int money_parse(const char *s, size_t n, int64_t *fen, const char **why);
/* "1760.50", "-0.05" into out (at least 24 bytes); returns out. */
char *money_fmt(int64_t fen, char *out);
/* fen * num / den rounded half-up (half away from zero), exact (128-bit
   intermediate); saturates at INT64_MIN/MAX; den != 0 (0 gives 0). */
int64_t money_scale(int64_t fen, int64_t num, int64_t den);
/* Parses a decimal rate like "1.2", "0.8", "0.05" into a fraction
   num/den (den a power of ten); 0 or -1. */
int rate_parse(const char *s, int64_t *num, int64_t *den);

// policy.c — named policy profiles (gridwork-policy(5))

typedef struct policy policy;

/* One setting: "key = value" in section [sect], where it was read. */
struct policy_kv {
	const char *sect;	/* section name, "" before any section */
	const char *key;
	const char *val;	/* trimmed; may be "" */
	const char *file;	/* file it came from */
	int line;		/* line in that file */
};

/*
 * name_or_file: a profile name (share/policy/NAME.conf) or a path
 * (contains '/' or ends in .conf).  NULL = $GW_POLICY, else "gansu".
 * Returns NULL and sets *why ("FILE:LINE: reason") on any malformed line
 * or unknown file.  Every *why of this section points to a static
 * buffer, valid until the next policy_* call.
 */
policy *policy_load(const char *name_or_file, const char **why);
void policy_free(policy *p);
const char *policy_name(const policy *p);
/* Value of sect.key (the last one set, includes resolved), or NULL. */
const char *policy_get(const policy *p, const char *sect, const char *key);
/* The setting itself (value and where it was set), or NULL. */
const struct policy_kv *policy_find(const policy *p, const char *sect,
    const char *key);
/* policy_get, but a missing key is an error: NULL with *why. */
const char *policy_str(const policy *p, const char *sect, const char *key,
    const char **why);
/* Typed getters: 0, or -1 with *why "FILE:LINE: key 'k': reason" (or
   "missing key 'sect.k'" when absent and required). */
int policy_int(const policy *p, const char *sect, const char *key, long *v,
    const char **why);
/* An amount of a policy, at most POLICY_MONEY_MAX fen either way:
   money_parse() with that bound; policy_money() reads a key with it. */
#define POLICY_MONEY_MAX	INT64_C(10000000000)	/* 100,000,000.00 */
int policy_amount(const char *s, size_t n, int64_t *fen, const char **why);
int policy_money(const policy *p, const char *sect, const char *key,
    int64_t *fen, const char **why);
int policy_bool(const policy *p, const char *sect, const char *key, int *v,
    const char **why);
/* A decimal rate ("1.2") as num/den, as rate_parse(). */
int policy_rate(const policy *p, const char *sect, const char *key,
    int64_t *num, int64_t *den, const char **why);
/* The settings of a section in file order (after overrides); n out. */
const struct policy_kv *policy_section(const policy *p, const char *sect,
    size_t *n);
/*
 * Path of a file named by the policy (e.g. rules = event/rules.tsv):
 * relative to gw_sharedir(); absolute as is; starting "./" or "../"
 * relative to the directory of the policy file that set it.  A static
 * buffer reused by the next call; NULL when the key is absent or empty.
 */
const char *policy_path(const policy *p, const char *sect, const char *key);

// hash.c — maps of 64-bit keys (sets of identity numbers, string indexes)

/*
 * Open addressing, at most half full; keys are any 64-bit value.  A set
 * is a map whose values are ignored.  Pointers into it are never handed
 * out, so it may grow under any call that adds.
 */
typedef struct u64map u64map;
/* hint: keys expected (0 is fine: the table grows). */
u64map *u64map_new(size_t hint);
void u64map_free(u64map *m);
/* Adds key with val when absent and returns 1; when present returns 0,
   leaves it as it was and sets *old (if old) to its value. */
int u64map_add(u64map *m, uint64_t key, uint64_t val, uint64_t *old);
/* Sets key to val, adding or replacing. */
void u64map_put(u64map *m, uint64_t key, uint64_t val);
/* 1 and *val (if val) when key is present, else 0. */
int u64map_get(const u64map *m, uint64_t key, uint64_t *val);
size_t u64map_len(const u64map *m);
/* FNV-1a of s[0..n): a string's key; different strings may share a
   key, so compare the strings themselves on a hit. */
uint64_t hash_bytes(const char *s, size_t n);
/* Exact key of a normalised 18-character identity number (struct
   idno's s): distinct numbers always give distinct keys. */
uint64_t hash_idno(const char *s18);

// rx.c — PCRE2 regular expressions over UTF-8

typedef struct rx rx;
enum { RX_ICASE = 1 };	/* flags of rx_compile */
/* Compiles pat (UTF, Unicode properties, JIT when available); NULL with
   *why ("at offset 3: missing closing parenthesis", static) on error. */
rx *rx_compile(const char *pat, int flags, const char **why);
/* 1 when s[0..n) contains a match, 0 when not, -1 on a matching error
   (invalid UTF-8, match limit).  Not for use by two threads at once. */
int rx_match(rx *r, const char *s, size_t n);
void rx_free(rx *r);

// idset.c — a compact set of strings by 64-bit fingerprint (duplicate ids)

/*
 * Keeps only a 64-bit fingerprint of each string: 11 to 21 bytes a
 * distinct string.  Two different strings may (with chance about
 * n * n / 2^65 over n strings) share a fingerprint and so look alike.
 */
typedef struct idset idset;
idset *idset_new(void);
void idset_free(idset *s);
/* Adds k[0..n); 1 when it was new, 0 when already present. */
int idset_add(idset *s, const char *k, size_t n);
/* The same in two steps, so that the table's memory can be fetched
   while the caller does other work: h = idset_hash(), idset_prefetch(),
   later idset_addh(s, h); a prefetch made stale by a growth in between
   is only wasted. */
uint64_t idset_hash(const char *k, size_t n);
void idset_prefetch(const idset *s, uint64_t h);
int idset_addh(idset *s, uint64_t h);
size_t idset_len(const idset *s);	/* distinct strings added */
size_t idset_bytes(const idset *s);	/* memory of the table */

// xsort.c — a stable external sort of byte records in bounded memory

/*
 * Add records with xsort_add() (copied), then take them back in order
 * with xsort_next().  cmp orders two records like memcmp; records that
 * compare equal come back in the order they were added.  Memory stays
 * within about mem bytes (at least 64 KiB) whatever the number of
 * records: beyond half of it sorted runs go to temporary files ($TMPDIR),
 * sorted and written by a second thread while the caller adds to the
 * other half, and are merged.  cmp is therefore called from that thread
 * too: it must not change anything shared.  A temporary file that cannot
 * be written (a full disk) dies.
 */
typedef struct xsort xsort;
typedef int (*xsort_cmp)(const void *a, size_t alen, const void *b,
    size_t blen, void *arg);
xsort *xsort_new(size_t mem, xsort_cmp cmp, void *arg);
void xsort_add(xsort *x, const void *rec, size_t len);
/* 1 with the next record in *rec, *len (valid until the next call, not
   NUL-terminated), 0 at the end; no xsort_add() after the first call. */
int xsort_next(xsort *x, const void **rec, size_t *len);
/* Before the first xsort_add(): every record begins with an 8-byte
   big-endian key, and cmp orders records by that key alone (equal keys
   keep their order), so a radix sort may do cmp's work. */
void xsort_key8(xsort *x);
size_t xsort_runs(const xsort *x);	/* runs written to temporary files */
void xsort_free(xsort *x);

// rxlist.c — ordered rule lists: CODE<TAB>PCRE2 pattern, first match wins

typedef struct rxlist rxlist;
/*
 * Reads path: one rule a line, "CODE<TAB>PATTERN"; blank lines and
 * lines starting with '#' are skipped; patterns are compiled once
 * (rx_compile).  NULL with *why ("FILE:LINE: reason", static) on an
 * unreadable file, a line without a tab, an empty code or pattern, or
 * a bad pattern.
 */
rxlist *rxl_load(const char *path, const char **why);
void rxl_free(rxlist *l);
size_t rxl_len(const rxlist *l);
const char *rxl_code(const rxlist *l, size_t i);	/* code of rule i */
long rxl_line(const rxlist *l, size_t i);	/* its line in the file */
/* Index of the first rule matching s[0..n), or -1 when none matches
   (or s is not valid UTF-8). */
long rxl_first(rxlist *l, const char *s, size_t n);

// store.c — the SQLite store (gridwork-store(5))

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_context sqlite3_context;

enum {
	STORE_CREATE = 1,	/* create the store (mode 0600) when missing */
	STORE_RDONLY = 2	/* read only; never migrates */
};

/*
 * Opens the store at path (with STORE_CREATE, creates it mode 0600 when
 * missing): WAL, synchronous=NORMAL, foreign_keys=ON, a 64 MB page
 * cache, a busy timeout (600 s, or $GRIDWORK_BUSY_TIMEOUT seconds), and
 * the migrations of share/sql/ it lacks applied.  Warns when an existing
 * store is open to group or others.  NULL with *why when the file is
 * missing (without STORE_CREATE), not a store, or of a newer schema.
 */
sqlite3 *store_open(const char *path, int flags, const char **why);
/* 1 when this process may write the store at path (the file and its
   directory, where SQLite keeps the -wal file), else 0.  A read that is
   accounted for in audit (an export, an unmasked list) opens a store it
   cannot write read-only and goes unrecorded, saying so. */
int store_writable(const char *path);
/* A private in-memory database with the current schema: for commands
   that take files instead of a store, and for the schema's metadata. */
sqlite3 *store_memory(const char **why);
/* Closes db (NULL is fine); 0 or -1. */
int store_close(sqlite3 *db);
/* PRAGMA user_version of db (-1 on error); the version this program
   creates (the number of share/sql files). */
int store_version(sqlite3 *db);
int store_schema_version(void);
/* BEGIN IMMEDIATE (waits for another writer up to the busy timeout),
   COMMIT; 0 or -1 with *why.  Rollback is a no-op when none is open. */
int store_begin(sqlite3 *db, const char **why);
int store_commit(sqlite3 *db, const char **why);
int store_rollback(sqlite3 *db);
/*
 * Appends an audit row: UTC time (SOURCE_DATE_EPOCH when set), user,
 * the command line argv[0..argc) shell-quoted, table (may be NULL),
 * action ("load", "update", "export", "read"...), counts (a negative
 * count is stored as NULL), note (may be NULL).  Call it inside the
 * transaction of the change it records.  0 or -1 with *why.
 */
int store_audit(sqlite3 *db, int argc, char **argv, const char *table,
    const char *action, long nread, long nloaded, long nupdated,
    long nrejected, const char *note, const char **why);

/* A column of a store table, from PRAGMA table_info. */
struct store_col {
	char *name;	/* the contract's column name (gridwork-store(5)) */
	char *type;	/* declared type: TEXT, INTEGER or REAL */
	int notnull;	/* 1: NOT NULL, a value is required */
	int pk;		/* 0, or 1-based position in the primary key */
	int hasdefault;	/* 1: the column has a DEFAULT */
};
/* The columns of table in schema order, *n of them; NULL (*n = 0) when
   there is no such table.  Free with store_cols_free(). */
struct store_col *store_table_columns(sqlite3 *db, const char *table,
    size_t *n);
void store_cols_free(struct store_col *c, size_t n);
/* For a bulk load into an empty table, before store_begin(): the
   rollback journal instead of WAL (1), or WAL as before when another
   connection has the store open (0).  store_wal() goes back to WAL
   after the commit; a store left in the rollback journal (the load was
   killed) goes back at the next store_open(). */
int store_bulk(sqlite3 *db);
int store_wal(sqlite3 *db, const char **why);
/* 1 when table has a row, 0 when empty, -1 on error (no such table). */
int store_has_rows(sqlite3 *db, const char *table);
/*
 * Statements over columns cols[0..n) of table (names are quoted), for
 * loaders and exporters; NULL with *why.  store_insert: INSERT ...
 * VALUES (?, ...), where a column may be "rowid"; with STORE_UPSERT a
 * row whose primary key (for a table that declares none, its rowid)
 * exists is updated in place, keeping its rowid and so its order.  store_lookup:
 * SELECT rowid ... WHERE c1 = ? AND ... (keys, links).  store_select:
 * the columns of every row, in order of arrival.
 */
enum { STORE_INSERT = 0, STORE_UPSERT = 1, STORE_FEED = 2 };
sqlite3_stmt *store_insert(sqlite3 *db, const char *table,
    const char *const *cols, size_t n, int mode, const char **why);
/*
 * Rows fed to SQLite by the program: store_feed() makes gw_feed, a
 * virtual table of columns c0 .. c63, on db; store_insert() with
 * STORE_FEED prepares INSERT INTO table (cols) SELECT c0, ... FROM
 * gw_feed.  Each step of that statement writes the rows feed->next()
 * makes current (1: a row, 0: no more, -1: fails the statement),
 * asking feed->column() for column i of the current row (with
 * sqlite3_result_*(), or colval_result()).  A constraint failure undoes
 * the whole statement.  0, or -1 with *why.
 */
#define STORE_FEED_MAX 64
struct store_feed {
	int (*next)(void *arg);
	void (*column)(void *arg, sqlite3_context *ctx, int i);
	void *arg;
};
int store_feed(sqlite3 *db, struct store_feed *feed, const char **why);
sqlite3_stmt *store_lookup(sqlite3 *db, const char *table,
    const char *const *cols, size_t n, const char **why);
sqlite3_stmt *store_select(sqlite3 *db, const char *table,
    const char *const *cols, size_t n, const char **why);

// colspec.c — what a value of each store column must look like
// (share/sql/columns.tsv, gridwork-store(5))

enum colspec_type {
	CT_TEXT = 1, CT_ID, CT_CODE, CT_CODE9, CT_CODE12, CT_CODE15, CT_IDNO,
	CT_DATE, CT_DATETIME, CT_MONTH, CT_COUNT, CT_NUM, CT_RATE, CT_MONEY,
	CT_FLAG, CT_CATEGORY, CT_REGIONKIND, CT_ENUM
};

/* One column of a loadable table.  Owned by its colspec. */
struct colspec_col {
	const char *table;	/* store table */
	const char *name;	/* column, as in the store and its contract */
	const char *tname;	/* type as written: "code12", "enum:a|b" */
	int type;		/* CT_* */
	int sqltype;		/* SQLITE_TEXT, SQLITE_INTEGER or SQLITE_FLOAT */
	int required;		/* NOT NULL in the schema: empty is refused */
	int pk;			/* 0, or 1-based position in the primary key */
	int rowkey;		/* the key is held as the rowid (type idkey):
				   idkey_rowid() of the value */
	const char *link_table;	/* the value must be in link_table.link_col */
	const char *link_col;	/* when that table has rows; NULL: no link */
	int starts;		/* index in its table of the column whose value
				   this one must begin with, or -1 */
	struct colenum *en;	/* CT_ENUM: the spellings (private) */
};

/* A checked value, normalised and typed. */
enum { CV_NULL = 0, CV_TEXT, CV_INT, CV_REAL };
struct colval {
	int kind;	/* CV_*; CV_NULL for an empty optional value */
	const char *s;	/* CV_TEXT: the value, not NUL-terminated; points
			   into the input, into buf or at a constant */
	size_t n;	/* CV_TEXT: its length */
	int64_t i;	/* CV_INT (money in fen, flags 0/1) */
	double d;	/* CV_REAL */
	char buf[256];	/* room for normalised values */
};

typedef struct colspec colspec;

/*
 * Reads path (NULL = share/sql/columns.tsv) against the schema of db
 * (NULL = the current schema, in memory).  Required and key come from
 * the schema.  NULL with *why ("FILE:LINE: reason") when the file and
 * the schema disagree: a column missing, unknown or twice, a bad type
 * or link.
 */
colspec *colspec_load(sqlite3 *db, const char *path, const char **why);
void colspec_free(colspec *cs);
/* Birth dates of identity numbers must not be after day (-1: no check). */
void colspec_asof(colspec *cs, long day);
/* The loadable tables (every table but audit), in schema order. */
const char *const *colspec_tables(const colspec *cs, size_t *n);
/* The columns of table in schema order, *n of them, or NULL. */
const struct colspec_col *colspec_table(const colspec *cs, const char *table,
    size_t *n);
/* The rowid of an idkey value: its first 17 digits as a number; -1
   when s[0..n) is not an 18-character identity number. */
int64_t idkey_rowid(const char *s, size_t n);
const struct colspec_col *colspec_find(const colspec *cs, const char *table,
    const char *col);
/*
 * Checks s[0..n) (UTF-8, as read) against c: trims blanks, folds
 * full-width characters in codes and numbers, refuses an invisible
 * character (utf8_invisible()) anywhere but around free text that is no
 * key (there it is trimmed as a blank), and fills *v.  An empty
 * value is CV_NULL, or refused when required.  0, or -1 with *why, a
 * lower-case reason naming the value ("not a date: '2026-13-01'"),
 * valid until the next call.  *v may point into s: keep s until bound.
 */
int colspec_check(const colspec *cs, const struct colspec_col *c,
    const char *s, size_t n, struct colval *v, const char **why);
/* The starts rule: v must begin with other (the value of the column
   c->starts, named other_name) when both are present; 0 or -1 (*why). */
int colspec_starts(const struct colspec_col *c, const struct colval *v,
    const struct colval *other, const char *other_name, const char **why);
/* Binds v to parameter i of st (SQLITE_STATIC: step before v changes). */
int colval_bind(sqlite3_stmt *st, int i, const struct colval *v);
/* Gives v as the result of ctx (SQLITE_STATIC, like colval_bind()). */
void colval_result(sqlite3_context *ctx, const struct colval *v);
/* Column i of a result row as text that colspec_check() reads back to
   the same value: money as yuan "1760.50", numbers without exponent,
   NULL as "".  buf (at least 64 bytes) may be used. */
const char *colspec_format(const struct colspec_col *c, sqlite3_stmt *st,
    int i, char *buf, size_t bufsz);

// natsort.c — natural order of names (blocks, addresses)

/*
 * strcmp-like order in which digit runs (ASCII or full-width) and runs
 * of Chinese numerals (一 二 … 十 百 千) compare by value: 2号楼 < 10号楼,
 * 二组 < 十组 < 十一组.  Ties under that rule fall back to strcmp, so the
 * order is total.
 */
int natcmp(const char *a, const char *b);

// strtab.c — an index of strings (interning)

/*
 * Each distinct string gets the number 0, 1, 2 ... in order of first
 * addition; exact (collisions of the hash are resolved by comparing).
 * A pointer from strtab_str() is good until the next strtab_add().
 */
typedef struct strtab strtab;
strtab *strtab_new(void);
void strtab_free(strtab *t);
void strtab_clear(strtab *t);	/* forget every string, keep the table */
/* Index of s[0..n), added when absent (*isnew, if not NULL, says which). */
size_t strtab_add(strtab *t, const char *s, size_t n, int *isnew);
long strtab_find(const strtab *t, const char *s, size_t n);	/* or -1 */
const char *strtab_str(const strtab *t, size_t i);
size_t strtab_len(const strtab *t, size_t i);
size_t strtab_count(const strtab *t);

// table.c — reading a contract table from a file or from the store

/* (table.c: declarations follow) */

/* (end of table.c) */

// xlsx.c — reading .xlsx workbooks (libzip + expat)

/* (xlsx.c: declarations follow) */

/* (end of xlsx.c) */

// xls.c — reading legacy .xls workbooks (freexl)

/* (xls.c: declarations follow) */

/* (end of xls.c) */

// category.c — the categories of events: name, urgency, department, level, limit, subsidy

/* (category.c: declarations follow) */

/* (end of category.c) */

// caselog.c — a case's closed loop, one log row at a time

/* (caselog.c: declarations follow) */

/*
 * The closed loop of a case (gridwork-rules(7), CASES): the steps, what
 * may follow what, the deadline of each assignment, extensions, and the
 * figures of a case and of a group of cases.  The caller holds the
 * cases and the orders and hands over each row's fields; the engine
 * reads no file, prints nothing and never exits.  Functions that can
 * fail return CL_REJECT with *col (the column at fault) and *why (the
 * reason, to be printed as FILE:LINE: column 'x': reason), or CL_FATAL
 * with *why (a calendar year missing: "calendar: ..."); *why points into
 * the struct caselog and is good until its next call.
 */
enum caselog_state {
	CL_NONE,		/* no row yet */
	CL_REPORTED, CL_FILED, CL_ASSIGNED, CL_HANDLED, CL_ANSWERED,
	CL_CLOSED,		/* the six steps, in order */
	CL_RETURNED,		/* after assigned; a new assigned follows */
	CL_EXTENDED,		/* a step that leaves the state as it was */
	CL_ORDERED,		/* an order that no log row has named */
	CL_NSTEP
};
extern const char *const caselog_stepname[CL_NSTEP];	/* "" for CL_NONE */

enum { CL_FATAL = -1, CL_OK = 0, CL_REJECT = 1, CL_LATER = 2 };

/* The rules of one replay.  caselog_init() reads the policy; the caller
   then sets cal and asof. */
struct caselog {
	calendar *cal;		/* working days (not owned) */
	int64_t asof;		/* the replay stops here: later rows are
				   read, not applied */
	long immediate_hours;	/* route.immediate_hours: limit "immediate" */
	long due_soon;		/* track.due_soon_days, 0 to 366 */
	struct sbuf why;	/* the last reason (private) */
};

/* A field as read: s[0..n), NUL-terminated (what gw_field() gives). */
struct cl_field {
	const char *s;
	size_t n;
};

/* A dispatch order's terms (a row of case-route's output). */
struct caselog_order {
	int64_t assigned;	/* assigned_at, or -1 */
	int64_t deadline;	/* deadline of the first assignment */
	int32_t days;		/* limit in working days, or -1 */
	int32_t hours;		/* limit in clock hours, or -1 (one is set) */
	unsigned char prov;	/* deadline over a provisional year */
};
struct caselog_orderin {
	struct cl_field deadline, assigned_at, limit, provisional, case_id;
};

/* One log row: the caller sets the fields, caselog_read() the rest. */
struct caselog_row {
	struct cl_field case_id, step, at, satisfied, event_id, deadline;
	int st;			/* the step, CL_REPORTED..CL_EXTENDED */
	int64_t t;		/* at */
	int sat;		/* satisfied 1 or 0, or -1 (empty) */
};

/* Where a case stands.  Times are -1 when not (yet) reached. */
struct caselog_case {
	const char *ev;		/* event_id, "" when none (the caller's) */
	int state;		/* CL_* reached */
	int nassign;		/* assignments so far */
	int sat;		/* satisfied 1 or 0, or -1 */
	int prov;		/* deadline over a provisional year */
	int64_t reported, assigned, deadline, last, closed;
};

/* What follows of a case at as-of (caselog_figures()). */
struct caselog_figures {
	int closed;		/* 1: closed */
	long days;		/* working days assigned to closed, or -1 */
	int on_time;		/* closed by its deadline 1, after it 0;
				   -1: open, or no deadline */
	int overdue;		/* closed after its deadline, or open and
				   past it at as-of */
};

/* Counts of a group of cases (an area, a department). */
struct caselog_group {
	long cases, due, closed, closed_due, on_time, overdue_open;
	long days_sum, days_n, sat1, satn;
};
struct caselog_rates {
	double disposal;	/* closed_due / due */
	double on_time;		/* on_time / due */
	double satisfaction;	/* sat1 / satn */
	double mean_days;	/* days_sum / days_n, or -1 when no case */
};

/* Zeroes cl and reads its policy; 0, or -1 with *why. */
int caselog_init(struct caselog *cl, const policy *pol, const char **why);
void caselog_free(struct caselog *cl);
/* A deadline or as-of time: a bare date is the end of that day; 0 or -1. */
int caselog_time(const char *s, size_t n, int64_t *t);
/* datetime_fmt(), or "" for a time < 0 (none). */
void caselog_fmt_time(int64_t t, char out[20]);
/* CL_REPORTED..CL_EXTENDED of a step's name, or -1. */
int caselog_step(const char *s, size_t n);

/* An order's terms from its fields (and a check of its case_id): CL_OK,
   CL_REJECT or CL_FATAL.  A
   provisional order with assigned_at and a limit in working days has its
   deadline worked out again on cl->cal. */
int caselog_order(struct caselog *cl, const struct caselog_orderin *in,
    struct caselog_order *o, const char **col, const char **why);
/* An order no row named, as a case in state CL_ORDERED: 1, or 0 when it
   was assigned after as-of (not shown). */
int caselog_ordered(const struct caselog *cl, const struct caselog_order *o,
    const char *ev, struct caselog_case *c);

/* A case before its first row: state CL_NONE, event_id ev. */
void caselog_case_init(struct caselog_case *c, const char *ev);
/* Checks a row's case_id and parses its step, at and satisfied: CL_OK,
   CL_REJECT, or CL_LATER for a row after as-of (read, not to be
   applied). */
int caselog_read(struct caselog *cl, struct caselog_row *r, const char **col,
    const char **why);
/* Applies a read row to case c (o: its order, or NULL): CL_OK, or
   CL_REJECT / CL_FATAL leaving c as it was.  A case taken as closed is
   one in state CL_CLOSED. */
int caselog_apply(struct caselog *cl, struct caselog_case *c,
    const struct caselog_order *o, const struct caselog_row *r,
    const char **col, const char **why);

/* The figures of a case at as-of: CL_OK or CL_FATAL. */
int caselog_figures(struct caselog *cl, const struct caselog_case *c,
    struct caselog_figures *f, const char **why);
/* Adds a case (with its figures) to the counts of its group. */
void caselog_tally(const struct caselog *cl, struct caselog_group *g,
    const struct caselog_case *c, const struct caselog_figures *f);
/* The rates of a group; a rate over no cases is 1. */
void caselog_rates(const struct caselog_group *g, struct caselog_rates *r);
/* 1 when an open case is on the overdue list: a deadline past, or by the
   end of the due_soon-th working day after as-of's day; 0; CL_FATAL. */
int caselog_due(struct caselog *cl, const struct caselog_case *c,
    const char **why);
/* Working days late at as-of: after the deadline's day, up to as-of's
   day (0 when not late); CL_OK or CL_FATAL. */
int caselog_days_late(struct caselog *cl, const struct caselog_case *c,
    long *days, const char **why);

/*
 * The open cases of a replay, in order of first appearance, each found
 * by a 64-bit key the caller chooses: exact (an index of its own, such
 * as its order's) or a fingerprint of the case_id (hash_bytes).  Only
 * open cases are held whole; a closed one keeps its key (16 to 64
 * bytes), so that a later row for it is known to come after closed.
 */
struct caselog_open {
	struct caselog_case c;	/* where it stands; c.ev is after id's NUL */
	char *id;		/* case_id, then event_id (one allocation) */
	size_t idn;		/* strlen(id) */
	uint64_t key;		/* its key in the book */
	uint32_t aux;		/* the caller's (case-track: its department) */
	uint32_t prev, next;	/* the list: 1 + slot, 0 = none (private) */
};
struct caselog_book {		/* private; caselog_book_init() */
	struct caselog_open *k;	/* slots; free ones chained through next */
	size_t nk, capk;
	uint32_t freek, head, tail;	/* 1 + slot, or 0 */
	u64map *map;		/* key -> 1 + slot, or UINT64_MAX: closed */
};
enum { CLB_CLASH = -1, CLB_NONE, CLB_OPEN, CLB_CLOSED };
void caselog_book_init(struct caselog_book *b);
void caselog_book_free(struct caselog_book *b);
/* The case under key: CLB_NONE, CLB_OPEN (*k), CLB_CLOSED, or CLB_CLASH
   when *k, open under that key, has another case_id. */
int caselog_book_find(struct caselog_book *b, uint64_t key, const char *id,
    size_t idn, struct caselog_open **k);
/* A new open case (state CL_NONE), last on the list; pointers into the
   book are good until the next add. */
struct caselog_open *caselog_book_add(struct caselog_book *b, uint64_t key,
    const char *id, size_t idn, const char *ev, size_t evn);
/* Takes a case off the list and frees it; its key stays, closed. */
void caselog_book_close(struct caselog_book *b, struct caselog_open *k);
/* The open cases in order of first appearance (NULL at the end). */
struct caselog_open *caselog_book_first(const struct caselog_book *b);
struct caselog_open *caselog_book_next(const struct caselog_book *b,
    const struct caselog_open *k);

/* (end of caselog.c) */

// division.c — dividing villages and communities into grids

/* (division.c: declarations follow) */

/* (end of division.c) */

// screen.c — screening grid-worker candidates

/* (screen.c: declarations follow) */

/* (end of screen.c) */

// score.c — monthly scores, grades and ranks of grid workers

/* (score.c: declarations follow) */

/* (end of score.c) */

// pay.c — grid workers' pay

/* (pay.c: declarations follow) */

/* (end of pay.c) */

#endif
