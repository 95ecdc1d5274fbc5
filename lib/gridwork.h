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
   it is big; dies when out of memory.  Freed by gw_bigfree(p, bytes).
   gw_bigrealloc() grows such a block (or NULL) from old to bytes, for
   arrays and arenas that double; freed the same way, by its size. */
void *gw_bigalloc(size_t bytes);
void *gw_bigrealloc(void *p, size_t old, size_t bytes);
void gw_bigfree(void *p, size_t bytes);
char *xstrndup(const char *s, size_t n);
/* Trims ASCII blanks (space, tab) from both ends of s[0..*n); returns
   the start, *n the trimmed length. */
const char *gw_trim(const char *s, size_t *n);
/* 1 when s[0..n) is one or more ASCII digits. */
int gw_alldigits(const char *s, size_t n);
/* The blank-separated words of v (NULL: none) as a new array of *n new
   strings; free with gw_split_free(). */
char **gw_split(const char *v, size_t *n);
void gw_split_free(char **a, size_t n);

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

enum gw_fmt { FMT_AUTO = 0, FMT_CSV, FMT_TSV, FMT_JSONL, FMT_XLSX, FMT_STORE };

struct csvr_opt {
	int enc;	/* enum gw_enc */
	int fmt;	/* FMT_AUTO (extension .tsv/.csv, else header line), CSV, TSV */
	int raw_header;	/* 1: keep header names as written, no alias mapping */
	const char *sheet;	/* --sheet: a workbook's sheet, or NULL */
	long header_row;	/* --header-row: its header row, or 0 */
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
/*
 * Reads only part of a text file (split.c): from >= 0 drops what was
 * read past the header and goes on at byte from, the next line being
 * line lineno + 1 and the encoding enc unless ENC_AUTO; to >= 0 ends the
 * input at byte to (-1: at the file's end).  Both must be record
 * boundaries (the caller proves it).  *encp and *linep (unless NULL)
 * get the encoding as decided and the lines read when r is closed.  -1
 * when r is not such a file (stdin, a workbook, UTF-16) or is inside a
 * record.
 */
int csvr_range(csvr *r, int64_t from, int64_t to, long lineno, int enc,
    int *encp, long *linep);
void csvr_close(csvr *r);

// alias.c — header names

/* Canonical name for a header as written (trimmed, ASCII case-folded,
   Chinese through share/aliases.csv), or the header itself, trimmed.
   An unknown header's result is valid until the next call. */
const char *alias_canon(const char *hdr);
/* 1 when hdr is a canonical name or an alias of one (share/aliases.csv,
   the policy's [aliases]). */
int alias_known(const char *hdr);
/* Adds the header hdr as an alias of canon (an office's own, from its
   policy), replacing what hdr meant before. */
void alias_add(const char *hdr, const char *canon);
/* The [aliases] of policy p (HEADER = canonical): policy_load() calls it. */
typedef struct policy policy;
void alias_policy(const policy *p);
/* Appends "canon, alias, alias..." (the headers that name canon, as
   matched: blanks out, ASCII lower-case) to out. */
void alias_names(const char *canon, struct sbuf *out);
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
/* A next sheet named name with its own header (gw-report: a workbook
   of several tables); the cells of its columns are untyped. */
void xlsxw_sheet(xlsxw *x, const char *name, const char *const *shown,
    size_t n);
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
/* The body of gw_loop for one open reader r, which it closes. */
int gw_loop_reader(struct gw_run *run, csvr *r, gw_hdr_fn *hdr,
    gw_rec_fn *fn, void *arg);
/* Closes the rejects file; returns GW_FATAL on a write error, else
   GW_REJECTS when run->nrej > 0, else GW_OK. */
int gw_run_end(struct gw_run *run);
/*
 * The end of every command's run: closes out (NULL: none; a write
 * error, a full disk, is said and fatal), says "N of M rows rejected"
 * when any were, closes the rejects file, and returns the exit status
 * (GW_OK, GW_REJECTS, or GW_FATAL) for gw_exit().
 */
int gw_end(struct gw_run *run, csvw *out);
/*
 * Finds the columns names[0..n) of r: idx[i] = csvr_col(r, names[i]).
 * The first nreq are required: a missing one is reported by
 * gw_missing() (file = the input's name as the caller calls it; what
 * may be NULL) and -1 is returned.  Else 0.
 */
int gw_bind(csvr *r, const char *file, const char *const *names, int n,
    int nreq, int *idx, const char *what);
/* Says that r lacks the column name: "FILE: missing column 'x' (what);
   headers seen: 'a', 'b'; names accepted: x, 甲, 乙" (what may be NULL). */
void gw_missing(csvr *r, const char *file, const char *name,
    const char *what);
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
	OPT_VERSION, OPT_SHEET, OPT_HEADER_ROW,
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
	const char *sheet;	/* --sheet NAME|N: a workbook's sheet */
	long header_row;	/* --header-row N: its header row, or 0 */
};

/* Long options for struct option tables; end a table with {0}. */
/* The shared long options one by one, so that a command's table lists
   exactly those it takes and getopt refuses the rest with the usage;
   GW_LO_HELP (--help, --version) belongs in every table. */
#define GW_LO_ZH	{"zh", no_argument, 0, OPT_ZH}
#define GW_LO_EXCEL	{"excel", no_argument, 0, OPT_EXCEL}
#define GW_LO_ASOF	{"as-of", required_argument, 0, OPT_ASOF}
#define GW_LO_MONTH	{"month", required_argument, 0, OPT_MONTH}
#define GW_LO_WEEK	{"week", required_argument, 0, OPT_WEEK}
#define GW_LO_AT	{"at", required_argument, 0, OPT_AT}
/* --sheet, --header-row: for every command that reads a table (a
   workbook's sheet and header row, xlsx.c) */
#define GW_LO_INPUT	{"sheet", required_argument, 0, OPT_SHEET}, \
	{"header-row", required_argument, 0, OPT_HEADER_ROW}
#define GW_LO_HELP	{"help", no_argument, 0, 'h'}, \
	{"version", no_argument, 0, OPT_VERSION}
#define GW_LONGOPT_COMMON GW_LO_ZH, GW_LO_EXCEL, GW_LO_ASOF, GW_LO_MONTH, \
	GW_LO_WEEK, GW_LO_AT, GW_LO_INPUT, GW_LO_HELP

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
/* getopt_long() over the shared options too: handles those (gw_opt())
   and an unknown one (the usage), and returns the next of the command's
   own, or -1 at the end of the options. */
int gw_getopt(int argc, char **argv, const char *optstring,
    const struct option *lopts, struct gw_opts *o, const char *usage_text);

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
/* Checks a worker's grid: a grid code, or the 18-digit code of one of
   its micro-grids (a 四级网格员 or 楼栋长); returns LVL_GRID or LVL_MICRO,
   or -1 with *why as code_check(LVL_GRID) says it. */
int worker_grid_check(const char *s, size_t n, const char **why);
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
/* An --as-of value, a date or a date and time (its day): 0, or -1 when
   it is neither. */
int asof_parse(const char *s, long *day);
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
/* Starts fetching key's slot, for a look-up a little later: a big map's
   probe is a cache miss, and misses fetched together overlap. */
void u64map_prefetch(const u64map *m, uint64_t key);
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
 * Keeps only a 64-bit fingerprint of each string: 12 to 24 bytes a
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
/* Now as UTC "2026-11-22T11:27:17Z": SOURCE_DATE_EPOCH, when set, stands
   for now, so that tests and reproducible runs compare byte for byte.  The
   one clock of the audit rows and of the store's own dates. */
void store_now(char out[21]);
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
enum { STORE_INSERT = 0, STORE_UPSERT = 1, STORE_FEED = 2,
    STORE_FEED_FAIL = 3 };
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
 * the whole statement.  STORE_FEED_FAIL is INSERT OR FAIL: a failure
 * stops the statement where it is, the rows before it kept, for a caller
 * that then rolls the whole transaction back; SQLite then keeps no
 * statement journal (the pages the statement changes, as they were),
 * which for the households a census derives had been 230 MB written to
 * a temporary file a million persons.  0, or -1 with *why.
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
/* As store_select, the rows where the SQL condition where holds (its
   ?-parameters bound by the caller); where NULL is every row. */
sqlite3_stmt *store_select_where(sqlite3 *db, const char *table,
    const char *const *cols, size_t n, const char *where, const char **why);
/* As store_select_where, ordered by the SQL order (NULL: rowid), and
   with rowid set the row's rowid as one more column after the n. */
sqlite3_stmt *store_select_by(sqlite3 *db, const char *table,
    const char *const *cols, size_t n, const char *where, const char *order,
    int rowid, const char **why);

// colspec.c — what a value of each store column must look like
// (share/sql/columns.tsv, gridwork-store(5))

enum colspec_type {
	CT_TEXT = 1, CT_ID, CT_CODE, CT_CODE9, CT_CODE12, CT_CODE15, CT_IDNO,
	CT_DATE, CT_DATETIME, CT_MONTH, CT_COUNT, CT_NUM, CT_RATE, CT_MONEY,
	CT_FLAG, CT_CATEGORY, CT_REGIONKIND, CT_ENUM,
	CT_WHEN,	/* a date (its whole day) or a time, each kept so */
	CT_WORKERGRID	/* a worker's grid: a grid code, or the 18-digit
			   code of one of its micro-grids (linked by its
			   grid's 15 digits) */
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
	int notbefore;		/* 1: starts is instead a column this one must
				   not sort before (">=COLUMN": a period's end) */
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
   c->starts, named other_name), or with c->notbefore not sort before
   it, when both are present; 0 or -1 (*why). */
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
void strtab_prefetch(const strtab *t, const char *s, size_t n);
const char *strtab_str(const strtab *t, size_t i);
size_t strtab_len(const strtab *t, size_t i);
size_t strtab_count(const strtab *t);

// table.c — reading a contract table from a file or from the store

/* (table.c: declarations follow) */

/*
 * Where one table of the data contracts comes from: a file, or a table
 * of the store.  A command fills one of these per input and reads it
 * through table_loop() with the callbacks it gives gw_loop(): a row of
 * the store is a record of its columns as text, written as a file
 * would hold them (money as yuan, through cs), so it is bound and
 * checked exactly as a row of a file.  Messages name a store's rows
 * "STORE:TABLE:N", N the row's place among those read.
 */
struct gw_table {
	const char *path;	/* a file ("-" = stdin), or NULL: the store */
	sqlite3 *db;		/* the store, when path is NULL */
	const char *store;	/* its name in messages */
	const colspec *cs;	/* the value formats; NULL: SQLite's text */
	const char *table;	/* the contract table, "patrols" */
	const char *const *cols;/* the columns wanted: the store's reader
				   reads those the table has (NULL: all) */
	size_t ncols;
	const char *where;	/* SQL condition on the store's rows, its
				   ?-parameters params[0..nparams), or
				   NULL: every row */
	const char *const *params;
	size_t nparams;
	const char *order;	/* SQL ORDER BY of the store's rows, NULL:
				   rowid (the order of arrival) */
	int rowid_line;		/* 1: a store row's N in messages is its
				   rowid, 0: its place among those read */
};
/* A reader over t (its header first, as csvr_open()); NULL with *why. */
csvr *table_open(const struct gw_table *t, const struct csvr_opt *o,
    const char **why);
/* gw_loop() over one table from either side; 0, or -1 (said). */
int table_loop(struct gw_run *run, const struct gw_table *t,
    const struct csvr_opt *o, gw_hdr_fn *hdr, gw_rec_fn *fn, void *arg);
/* The name t gives in messages: the path, or "STORE:TABLE". */
const char *table_name(const struct gw_table *t, char *buf, size_t n);
/*
 * Whether n rows of t read for period (a month, a week) are enough: a
 * period without rows of a table it needs is no period of zeros.  0
 * when n > 0, or when t->table is among the blank-separated names of
 * the policy's [sect] unused_inputs (a county that keeps no such
 * table), or when the table is optional (required 0: "NAME: no rows of
 * 'T' for P" said on stderr); else -1 after saying "NAME: no rows of
 * 'T' for P: a period without them is not VERB (a county that keeps no
 * T says so in [SECT] unused_inputs)".
 */
/* 1 when the blank-separated names of [sect] unused_inputs include
   table: a county that keeps no such table. */
int table_unused(const policy *pol, const char *sect, const char *table);
int table_need(const struct gw_table *t, long n, const char *period,
    int required, const policy *pol, const char *sect, const char *verb);

/*
 * An engine's table read through table_loop() (or gw_loop()): the first
 * ncol columns of d bound, each row's fields handed to the engine's row
 * function, a row the engine refuses reported with the column and the
 * reason the engine keeps.  A command fills one per table and passes
 * etab_hdr and etab_rec with it; what names the table in a "missing
 * column" fault ("--patrols").
 */
struct score_table;
struct score_field;
struct etab {
	const struct score_table *d;
	int ncol;			/* columns bound: d's, or fewer */
	char what[64];
	int (*row)(void *eng, int t, const struct score_field *f);
	void *eng;
	int t;				/* the engine's number of the table */
	const char *const *rcol;	/* the engine's rejected column */
	const struct sbuf *why;		/* and its reason */
	struct gw_run *run;
	int idx[16];
};
/* e for table t of an engine, d its columns: all of them bound, what
   "--NAME"; the caller sets row, eng, rcol and why. */
void etab_init(struct etab *e, const struct score_table *d, int t,
    struct gw_run *run);
int etab_hdr(csvr *r, void *arg);
int etab_rec(csvr *r, struct gw_rec *rec, void *arg);

/* (end of table.c) */

// pop.c — population and key-person registers per grid, and their visits
// (gridwork-rules(7), POPULATION)

typedef struct pop pop;
enum { POP_COUNT, POP_LIST, POP_VISITS };	/* what the persons are for */
#define POP_ALONE (-2)	/* the list of the derived alone elderly */
/* The fields of a person, as pop_person() takes them. */
enum { POP_ID, POP_NAME, POP_HH, POP_REL, POP_VIL, POP_BLOCK, POP_ADDR,
	POP_PHONE, POP_TAGS, POP_NF };
/* Why a row was refused: its column and the reason, for gw_reject(). */
struct pop_fault {
	const char *col;
	char why[512];
};
/* What was counted but not refused. */
struct pop_counts {
	long nunk;	/* persons with an unknown tag */
	long nsplit;	/* households split across grids */
	long nempty;	/* households without persons */
	long nvout;	/* visits outside the month */
	long nvother;	/* visits by a worker of another grid */
};
/* A kept person: of a list, or short of visits.  Valid until the next
   call on the engine. */
struct pop_row {
	uint64_t grid;
	const char *id, *name, *household, *relation, *address, *phone;
	const char *tags;	/* tag names joined by ';' */
	const char *workers;	/* the grid's workers joined by ';' */
	int male, age, required, made;
};
/* A grid's visits, one row a worker of the grid (worker "" when none). */
struct pop_sum {
	uint64_t grid;
	const char *worker;
	long persons, shorts, required, made, credited, by_worker;
	long compliance;	/* credited / required in 1/10000, rounded;
				   10000 when none are required */
};
/* An unknown tag of a person's tags field (the row is kept). */
typedef void pop_unknown_fn(void *arg, const char *tag, size_t n);

/* An engine under the [pop] section of pol (kept by the caller); NULL
   with *why when the policy is wrong. */
pop *pop_new(const policy *pol, int mode, const char **why);
void pop_free(pop *p);
/* Ages are counted at day; visits count in [first, last]. */
void pop_asof(pop *p, long day);
void pop_month(pop *p, long first, long last);
/* The tag of a spelling, or -1; a list of a tag or alone_elderly. */
long pop_tag(const pop *p, const char *s, size_t n);
/* The tag bits (1 << tag) of a tags field, split as for a person; *nunk
   1 when a spelling is unknown. */
uint64_t pop_tagbits(pop *p, const char *s, size_t n, int *nunk);
/* The name of tag t (its [pop] tag.NAME), NULL past the last. */
const char *pop_tagname(const pop *p, int t);
int pop_list(pop *p, const char *name, const char **why);
/* Households from an assignment row; or, instead of an assignment, the
   base grids of the store: each household goes to the base grid of its
   village holding its block (pop_base_grids() when there are none). */
int pop_assign(pop *p, const char *hid, size_t n, const char *grid,
    size_t gn, struct pop_fault *f);
void pop_base_grid(pop *p, const char *grid, const char *village,
    const char *blocks);
void pop_base_grids(pop *p);
/* One person, f[POP_*] of lengths n[POP_*] ("" for an absent column);
   0, or -1 with *flt.  Then pop_households() once every person is in. */
int pop_person(pop *p, const char *const *f, const size_t *n,
    pop_unknown_fn *unk, void *arg, struct pop_fault *flt);
void pop_households(pop *p);
/* The workers, then their visits (POP_VISITS); 0, or -1 with *f. */
int pop_worker(pop *p, const char *w, size_t n, const char *grid, size_t gn,
    struct pop_fault *f);
int pop_visit(pop *p, const char *w, size_t wn, const char *d, size_t dn,
    const char *hid, size_t hn, struct pop_fault *f);
const struct pop_counts *pop_counts(const pop *p);
/* The registers: the header (area_code, area_level, the counts), then
   area by area of level lvl (LVL_GRID ... LVL_COUNTY) in code order:
   sum gets the counts (the header's columns from the third).  *it starts
   at 0; 1 for a row, 0 at the end. */
const char *const *pop_header(const pop *p, size_t *n);
int pop_area(pop *p, int lvl, size_t *it, uint64_t *area, long *sum);
/* The list; the persons short of visits; the grids' visits.  Same
   iteration. */
int pop_list_next(pop *p, size_t *it, struct pop_row *row);
int pop_short_next(pop *p, size_t *it, struct pop_row *row);
int pop_summary_next(pop *p, size_t *it, struct pop_sum *row);

// poptab.c — the population engine's tables, read and written (pop-report(1), gw-month(1))

/* (poptab.c: declarations follow) */

/* The tables pop.c reads, each from a file or the store. */
enum { POPT_ASSIGN, POPT_PERSONS, POPT_WORKERS, POPT_VISITS, POPT_N };
/* An unknown tag of a person at file:line (the row is kept). */
typedef void popt_unknown_fn(void *arg, const char *file, long line,
    const char *tag, size_t n);
/* The reading, owned by the caller: pop, run (and unknown, arg) set,
   the rest zeroed. */
struct popt {
	pop *pop;
	struct gw_run *run;
	popt_unknown_fn *unknown;	/* NULL: unknown tags unsaid */
	void *arg;
	int t;			/* the table being read: POPT_* */
	int col[POP_NF];	/* its columns in the current input */
	const char *file;	/* its name in messages */
	long line;		/* the row being read */
};
/* Reads table t from g (path or store set; table and columns are set
   here) into the engine; refused rows through gw_reject(run).  0, or -1
   (said). */
int popt_read(struct popt *p, int t, struct gw_table *g,
    const struct csvr_opt *o);
/* The base grids of the store's grids table (pop_base_grid()), which
   place each household instead of an assignment.  0, or -1 with the
   message in buf[0..n). */
int popt_base_grids(pop *p, sqlite3 *db, const char *store, char *buf,
    size_t n);
/* popstore.c: the store's households placed into rd->pop: by the
   store's assignment for each county it holds one of (read through
   rd->run), by the base grids (popt_base_grids) for the others.  0, or
   -1 with the message in buf[0..n). */
int popt_store_places(struct popt *rd, sqlite3 *db, const char *store,
    char *buf, size_t n);
/* The outputs, as pop-report(1) writes them: the registers by level
   bylvl; a --list; the persons short of visits of month; the grids'
   visits (--summary).  The identity numbers and phones are masked
   unless unmasked. */
void popt_registers(pop *p, int bylvl, csvw *w);
void popt_list(pop *p, int unmasked, csvw *w);
void popt_short(pop *p, const char *month, int unmasked, csvw *w);
void popt_summary(pop *p, const char *month, csvw *w);

/* (end of poptab.c) */

// xlsx.c — reading .xlsx workbooks (libzip + expat)

/* (xlsx.c: declarations follow) */

/*
 * Workbooks read as tables.  csvr_open() looks at the first bytes of
 * every input: wb_magic() says WB_XLSX for a zip archive (PK\3\4; it
 * must hold xl/workbook.xml), WB_XLS for an OLE2 compound file (D0 CF
 * 11 E0), else WB_NONE, and wb_open() then reads the sheet chosen by
 * o->sheet (a name, else a 1-based number; NULL: the first) as records
 * of a reader named "FILE:SHEET" (csvr_open_src()).  rec->line is the
 * sheet's row number; whole empty rows are skipped.
 *
 * The header is sheet row o->header_row when it is > 0, else the first
 * row of the first WB_LOOKAHEAD that names at least two known columns
 * (share/aliases.csv, share/columns-xlsx.tsv; or all of its cells, one
 * or more), else the first of them with the most cells: title rows
 * above it (a name merged across the top) are skipped.  A second header
 * row under it that fills its gaps with known names (merged cells over
 * sub-headers) completes it.  Columns without a header are left out; a
 * value in one makes its row bad.  A number cell in a column of codes
 * (xlsxw_type() XT_CODE: identity numbers, codes, phones) makes its
 * row bad: "column 'x': number 1.40824197102107E+17 where text belongs
 * (a spreadsheet dropped digits)".
 *
 * Cells: shared and inline strings (rich-text runs joined, phonetic
 * runs left out), numbers as Excel shows them in General (15
 * significant digits, 1.5E+20), booleans TRUE and FALSE, formulas by
 * their cached value, error values as written (#N/A), and numbers
 * whose style is a date or time format (styles.xml) as 2026-10-08,
 * 2026-10-08 09:30:00 or 09:30:00, in the 1900 or 1904 system of
 * workbook.xml.  Memory: a row at a time, and the shared strings.
 */
enum { WB_NONE = 0, WB_XLSX, WB_XLS };
#define WB_LOOKAHEAD 10
int wb_magic(const void *head, size_t n);
/* fd: the input, open and positioned anywhere (not closed); head[0..n)
   its first bytes, already read (all of them, when fd is a pipe).  NULL
   with *why as csvr_open(). */
csvr *wb_open(const char *path, int fd, int kind, const char *head,
    size_t n, const struct csvr_opt *o, const char **why);
/* 1 when name is that of a sheet opened by wb_open(): messages put the
   row after a '!' ("census.xlsx:户籍!7"), not a ':'. */
int wb_sheetname(const char *name);
/* The separator before a line number in messages about name. */
#define GW_LINESEP(name) (wb_sheetname(name) ? '!' : ':')

/*
 * The shared part of the two readers: a reader hands over the cells of
 * each non-empty row in column order, and wb_src() turns them into the
 * records of a csvr_src, choosing the header as above.
 */
struct wb_row {
	long row;		/* 1-based sheet row */
	size_t n;		/* cells */
	size_t *col;		/* col[i]: 0-based column of cell i, rising */
	size_t *off, *len;	/* its text text.s[off[i]..][0..len[i]) */
	unsigned char *num;	/* 1: the cell held a number */
	struct sbuf text;	/* every cell's text, each NUL-terminated */
	size_t cap;
};
void wb_row_reset(struct wb_row *w, long row);
void wb_row_add(struct wb_row *w, size_t col, const char *s, size_t n,
    int num);
void wb_row_free(struct wb_row *w);
/* next: 1 with the next row with cells in *row (kept by the reader until
   the next call), 0 at the end, -1 with *why; close frees arg. */
struct wb_reader {
	int (*next)(void *arg, struct wb_row **row, const char **why);
	void (*close)(void *arg);
	void *arg;
};
csvr *wb_src(const char *name, const struct wb_reader *rd,
    const struct csvr_opt *o, const char **why);
/* The .xlsx reader: fd seekable, not closed (xlsx.c). */
csvr *xlsx_open(const char *path, int fd, const struct csvr_opt *o,
    const char **why);

/* (end of xlsx.c) */

// xls.c — reading legacy .xls workbooks (freexl)

/* (xls.c: declarations follow) */

/* The .xls reader (freexl reads the whole file): path a name that
   opens the input, shown as file in messages. */
csvr *xls_open(const char *path, const char *file,
    const struct csvr_opt *o, const char **why);

/* (end of xls.c) */

// category.c — the categories of events: name, urgency, department, level, limit, subsidy

/* (category.c: declarations follow) */

/*
 * The categories of the policy as one table (gridwork-rules(7), EVENTS
 * and CASES).  cat[0] is "no category" (code "", name ""); cat[1..n)
 * are the [event] cat.CODE keys sorted by code, so that index order is
 * output order and a second-level code (4 digits) follows its first
 * level (2 digits).  A category index is an int, 0 for none.
 */
#define CAT_MAX 127	/* with CATF_STRICT: an index fits 7 bits */

struct cat {
	char code[5];		/* "07", "0703"; "" for cat[0] */
	const char *name;	/* as in the policy (into its value) */
	int urg;		/* index into urg[], a second level's own or
				   its first level's; -1 none */
	int top;		/* index of its first level (itself if one) */
	const char *file;	/* where its cat.CODE key was set */
	int line;
	/* CATF_ROUTE: [route] KEY.CODE, else KEY.TOP, else the default */
	const char *dept;	/* dept.*, else default_dept */
	const char *level;	/* level.*, else default_level: village,
				   township or county */
	long days;		/* limit.*: working days; 0 when immediate */
	int immediate;		/* limit "immediate": immediate_hours */
	int never;		/* its code or its first level in route.never */
	int task;		/* ... in route.tasks */
	/* CATF_PAY */
	int64_t subsidy;	/* fen: [pay] case.*, else case_default */
	/* CATF_REPORT */
	long replimit;		/* [event] report_within.CODE (or its first
				   level's): CAT_NOLIMIT when neither */
};

enum {
	CATF_STRICT = 1,	/* event.urgencies of two levels or more, an
				   urgency on every first level, CAT_MAX */
	CATF_ROUTE = 2,		/* resolve [route] (immediate_hours,
				   default_limit, default_dept, default_level
				   required) */
	CATF_PAY = 4,		/* resolve [pay] case.* / case_default */
	CATF_REPORT = 8		/* resolve [event] report_within.* and
				   late_minutes */
};
/* A reporting limit: minutes from found_at, or CAT_SAMEDAY (by 23:59:59
   of the day it was found); CAT_NOLIMIT: none set. */
#define CAT_SAMEDAY (-1L)
#define CAT_NOLIMIT (-2L)

/* How an event got its category (the category_source column). */
enum catsrc {
	CATSRC_NONE,		/* no text, or no rule matched and no model */
	CATSRC_GIVEN,		/* a category the table knows was given */
	CATSRC_RULE,		/* a rule of the bound list matched */
	CATSRC_MODEL,		/* the model, at or above the threshold */
	CATSRC_REVIEW		/* the model unsure: left for an officer */
};

struct cattab {
	const policy *pol;
	struct cat *cat;	/* [0] none, [1..n) by code */
	int n;
	char **urg;		/* event.urgencies, most urgent first */
	size_t nurg;
	long hours;		/* CATF_ROUTE: route.immediate_hours */
	long deflimit;		/* CATF_ROUTE: route.default_limit */
	unsigned short code2[100];	/* 2-digit code -> index, 0 none */
	unsigned short code4[10000];	/* 4-digit code -> index, 0 none */
	long *urglimit;		/* CATF_REPORT: report_within.URGENCY of each
				   urgency (immediate: late_minutes when
				   unset; the others CAT_SAMEDAY) */
	rxlist *rules;		/* cat_rules(); owned when cat_setup() */
	int *rulecat;		/* rule i -> index */
	char *rulepath;		/* cat_setup(): the rules file read */
	struct evmodel *model;	/* cat_model(); owned when cat_setup() */
	int *modelcat;		/* model class -> index */
	double threshold;	/* below it the model's answer is review */
	char *modelpath;	/* cat_setup(): the model file read */
	int owned;		/* cat_free() frees rules and model */
	struct sbuf err;	/* the last *why */
};

/* The table of p ([event], and [route] / [pay] as flags say): 0, or -1
   with *why (valid until the next call on t); cat_free() either way. */
int cat_load(struct cattab *t, const policy *p, int flags, const char **why);
void cat_free(struct cattab *t);
/*
 * The one "code, else its first level" lookup: [sect] PREFIX.CODE, and
 * for a code of 4 bytes without one, PREFIX.CC of its first two; NULL
 * when neither is set.  code[0..n) is taken as given (any bytes).
 */
const struct policy_kv *cat_key(const policy *p, const char *sect,
    const char *prefix, const char *code, size_t n);
/* Index of a given category: a code (full-width digits too) or a name,
   blanks around ignored; 0 when empty or unknown. */
int cat_find(const struct cattab *t, const char *s, size_t n);
/* The urgency name of index c; "" for none or a category without one. */
const char *cat_urgency(const struct cattab *t, int c);
/*
 * CATF_REPORT: the reporting limit of an event of category c (0: none)
 * whose urgency column is urg[0..un) (empty: its category's): the
 * category's own report_within.CODE, else its urgency's (none: the last,
 * ordinary level's), else the same day (gridwork-rules(7), EVENTS).  *u
 * is the urgency's index, -1 none.
 */
long cat_replimit(const struct cattab *t, int c, const char *urg, size_t un,
    int *u);
/* 1 when an event found at found and reported at rep (seconds) is later
   than limit. */
int cat_late(long limit, int64_t found, int64_t rep);
/* "60 minutes", "the same day": the limit in words, in buf. */
const char *cat_limitfmt(long limit, char buf[32]);
/* Binds a rule list (rxlist.c) to the table: every rule's code must be
   a category of it ("PATH:LINE: category 'x' is not in policy 'p'"). */
int cat_rules(struct cattab *t, rxlist *rules, const char *path,
    const char **why);
/* Binds a model (model.c) to the table, every class a category of it,
   and the confidence below which its answer is left for review. */
int cat_model(struct cattab *t, struct evmodel *m, double threshold,
    const char *path, const char **why);
/*
 * The one reader of the policy's classifier (gridwork-rules(7), EVENTS,
 * Classification): the rules of [event] rules, and with [event] model
 * set, that model and model_threshold; the rules then come first as
 * overrides and may be none (rules empty), else they are required.
 * rulesfile, when not NULL, replaces the policy's rules file.  nomodel: all
 * that but the model file itself (for the trainer, whose model is not
 * made yet; t->modelpath and t->threshold are set).  The table owns
 * what it reads.
 */
int cat_setup(struct cattab *t, const char *rulesfile, int nomodel,
    const char **why);

/* A decision and what made it (cat_decide()). */
struct catdec {
	int cat;		/* the category index, 0 for none */
	enum catsrc how;
	long rule;		/* CATSRC_RULE: the rule's index, else -1 */
	int guess;		/* the model's best category (also when it
				   went to review), 0 without a model */
	int mclass;		/* its model class, -1 without a model */
	double conf;		/* its confidence, 0 without a model */
};
/*
 * Classifies an event: its given category when the table knows it;
 * else, with text, the first rule matching it (rules outrank the model,
 * the county's own as well); else the model's best category when its
 * confidence reaches the threshold, review (0) when it does not; none
 * (0) without text, or without a matching rule and a model.
 */
void cat_decide(const struct cattab *t, const char *given, size_t gn,
    const char *text, size_t tn, struct catdec *d);
/* Says what made decision d of text[0..tn), appended to out: the rule
   (FILE:LINE), or the model's confidence and its n-grams that weighed
   most, one a line. */
void cat_explain(const struct cattab *t, const struct catdec *d,
    const char *text, size_t tn, struct sbuf *out);
/* cat_decide()'s category, *how its source. */
int cat_classify(const struct cattab *t, const char *given, size_t gn,
    const char *text, size_t tn, enum catsrc *how);
/* "none", "given", "rule", "model", "review" */
const char *cat_srcname(enum catsrc how);

/* 1 when s is one of a[0..n) (a list of policy words: cat.never,
   route.tasks, route.admission). */
int cat_inlist(char **a, size_t n, const char *s);

/* (end of category.c) */

// evcount.c — counting events: sources, periods, counts, duplicates

/* (evcount.c: declarations follow) */

/* Sources of an event (the contract's words in ev_srcname). */
enum { EV_WORKER, EV_RESIDENT, EV_HOTLINE, EV_INSPECTION, EV_NSRC };
extern const char *const ev_srcname[EV_NSRC];
/* The source of a word ("worker", 网格员, 12345, ...), or -1. */
int ev_source(const char *s, size_t n);

const char *ev_lvlname(int lvl);	/* LVL_COUNTY -> "county" */
int ev_lvlparse(const char *s);		/* "county" -> LVL_COUNTY, or -1 */
uint64_t ev_pow10(int n);
uint64_t ev_gridnum(const char *s);	/* a checked grid code's number */

/* A period and the one before it: previous [t0,t1), current [t1,t2). */
enum { EVP_NONE, EVP_DAY, EVP_WEEK, EVP_MONTH, EVP_QUARTER, EVP_YEAR };
struct evper {
	int per;		/* EVP_* */
	int64_t t0, t1, t2;	/* seconds */
	char label[2][16];	/* [0] current, [1] previous: 2026-10-08,
				   2026-W41, 2026-10, 2026-Q4, 2026 (as
				   score-month labels quarters, years) */
};
/* The period of kind per containing day (days since the epoch). */
void evper_set(struct evper *p, int per, long day);
/* 0 current period, 1 previous, -1 neither. */
int evper_of(const struct evper *p, int64_t t);

/*
 * Counts of area x category x period, in output order; a key is
 * EV_KEY(area, category index, previous-period bit) (CAT_MAX keeps a
 * category in 7 bits).
 */
enum { EV_EVENTS, EV_BY, EV_IMMEDIATE = EV_BY + EV_NSRC, EV_LATE, EV_NK };
extern const char *const ev_countname[EV_NK];	/* "events", "by_worker" */
#define EV_KEY(area, cat, prev) \
	((uint64_t)(area) << 8 | (uint64_t)(cat) << 1 | (uint64_t)(prev))
#define EV_AREA(k)	((k) >> 8)
#define EV_CAT(k)	((int)((k) >> 1 & 0x7f))
#define EV_PREV(k)	((int)((k) & 1))
struct evtab {
	u64map *ix;		/* key -> row */
	uint64_t (*row)[EV_NK];	/* row[i] the counts */
	uint64_t *key;		/* key[i] of row[i] */
	size_t n, cap;
};
/* What an event added (evtab_add's value, evtab_take's argument). */
enum { EVF_SRC = 3, EVF_IMM = 1 << 2, EVF_LATE = 1 << 3,
	EVF_COUNTED = 1 << 4, EVF_URGENT = 1 << 5 };
void evtab_init(struct evtab *t, size_t hint);
void evtab_free(struct evtab *t);
uint64_t *evtab_row(struct evtab *t, uint64_t key);	/* 0s when new */
/* Counts one event (imm: of the most urgent level; late: imm and
   reported more than late_minutes after found): its flags, and its
   row's index in *rowi. */
uint32_t evtab_add(struct evtab *t, uint64_t key, int src, int imm,
    int late, uint64_t *rowi);
void evtab_take(struct evtab *t, uint64_t rowi, uint32_t flags);
void evtab_compact(struct evtab *t);	/* drops rows of no events */
int ev_keycmp(const void *a, const void *b);	/* uint64_t, for qsort */
/* The counts report's rows: areas divided by div (to the --by level),
   a second level counted in its first level too; out is new. */
void evtab_rollup(const struct evtab *in, struct evtab *out,
    const struct cattab *cats, uint64_t div);
/* Merged counts add up: sources = events >= immediate >= late. */
int ev_counts_ok(const uint64_t v[EV_NK]);
/* change_pct: (cur - prev) / prev in percent, one decimal, half away
   from zero in integers; "" when prev is 0.  Returns buf. */
char *ev_change(uint64_t cur, uint64_t prev, char buf[32]);

/*
 * Duplicate event_ids in bounded memory.  Every event that passed the
 * other checks leaves a record (struct evdup_rec and the id's bytes) in
 * one of EV_NPART partitions by its id's fingerprint; evdup_find()
 * searches each partition alone and leaves the repeats in dups, an
 * xsort in input order.  Two ids are one only when their bytes are
 * equal.  Dies when a temporary file fails.
 */
enum { EV_NPART = 256, EV_PBITS = 8 };
#define EV_LINEBITS 40	/* ordinal = file index << EV_LINEBITS | line */
struct evdup_rec {
	uint64_t h;	/* fingerprint of the event_id */
	uint64_t ord;	/* file index << EV_LINEBITS | line: input order */
	uint64_t a64;	/* the caller's: what the event added */
	uint32_t a32;	/* the caller's */
	uint32_t idlen;	/* bytes of the id that follow */
	uint64_t roff;	/* offset of the row in rows (only with rows) */
};
struct evdup_part {
	FILE *fp;	/* NULL until the buffer first fills */
	char *buf;	/* records not yet in fp */
	size_t len;
};
struct evdup {
	size_t mem;		/* budget */
	size_t pbuf;		/* bytes of a partition buffer */
	size_t setmem;		/* bytes for the distinct ids of a partition */
	size_t rdbuf;		/* bytes of a reading buffer */
	size_t hsz;		/* bytes of struct evdup_rec written */
	struct evdup_part part[EV_NPART];
	char *region;		/* the partition buffers, one mapping */
	FILE *rows;		/* rejects: every such event's fields */
	uint64_t rowpos;	/* bytes written to rows */
	struct sbuf tmp;	/* a row being spooled or read back */
	xsort *dups;		/* records of duplicates, by ord */
	char **fname;		/* events file names, by index */
	size_t nfname;
	size_t nfile, nsplit;	/* temporary files and splits made */
	struct gw_rec rec;	/* evdup_row()'s */
	size_t reccap;
	struct {		/* the distinct ids of one partition: open
				   addressing on the fingerprint */
		uint64_t *h;
		uint32_t *off;	/* of (uint32 length, bytes) in ids */
		size_t cap, n;
		struct sbuf ids;
	} set;
};
/* mem: bytes of budget; rejects: keep each row to give it back. */
void evdup_init(struct evdup *e, size_t mem, int rejects);
void evdup_file(struct evdup *e, const char *name);	/* the next file */
/* Notes rec of the current file, h the fingerprint of its id. */
void evdup_note(struct evdup *e, const struct gw_rec *rec, uint64_t h,
    const char *id, size_t n, uint64_t a64, uint32_t a32);
/* The same with the ordinal given (file index << EV_LINEBITS | line):
   for events counted elsewhere and noted later, in input order; rec
   is needed only with rows. */
void evdup_add(struct evdup *e, uint64_t ord, const struct gw_rec *rec,
    uint64_t h, const char *id, size_t n, uint64_t a64, uint32_t a32);
void evdup_find(struct evdup *e);
/* The row kept at offset off (valid until the next call). */
const struct gw_rec *evdup_row(struct evdup *e, uint64_t off);
/* Temporary-file I/O that dies on failure. */
void ev_tmpcheck(FILE *fp);
void ev_tmpwrite(FILE *fp, const void *p, size_t n);
void ev_tmpread(FILE *fp, void *p, size_t n);

/* (end of evcount.c) */

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

// route.c — the dispatch order of an event (gridwork-rules(7), CASES)

/* (route.c: declarations follow) */

/*
 * The routing of case-route(1) and gw-month(1): route_init(), then
 * route_hdr and route_rec as gw_loop()'s callbacks (arg: the struct
 * route) over events of the contract; every row is rejected (through
 * run), settled on the spot (no order), outside the month [first, last]
 * (read, not routed) or routed: one order of the columns route_ocols,
 * to out and to the hook order, both optional.  route_rec returns -1 on
 * a fault (a year with no calendar), the reason in why.
 */
enum route_icol { RT_ID, RT_GRID, RT_REP, RT_CAT, RT_URG, RT_SETTLED,
	RT_MATTER, RT_APPROVED, RT_NICOL };
#define RT_NIREQ 4	/* event_id .. category are required */
#define RT_NOCOL 11
extern const char *const route_icols[RT_NICOL];
extern const char *const route_ocols[RT_NOCOL];	/* case_id .. provisional */

struct router {
	const policy *pol;
	calendar *cal;		/* working days */
	struct gw_run *run;	/* rejects go there */
	int64_t at;		/* the assignment time, or -1: each event's
				   reported_at (set after route_init()) */
	long first, last;	/* only events reported on these days are
				   routed, or -1: every event */
	csvw *out;		/* the orders as case-route writes them, or
				   NULL */
	int (*order)(void *arg, const char *const v[RT_NOCOL]);
				/* each order, or NULL; -1 stops the loop
				   (the reason in why) */
	void *arg;
	int keyed;		/* 1: the events come from the store, unique
				   by event_id: a settled one, which takes
				   no case_id, is not kept to find a clash
				   (set after route_init()) */
	/* counts */
	long norders, nsettled, nunchecked, noutside;
	char why[512];		/* a fault */
	/* private */
	struct cattab cats;	/* categories with their routes */
	char **prohib, **admit;	/* route.prohibited, route.admission */
	size_t nprohib, nadmit;
	idset *cases;		/* case_ids given in this run */
	int col[RT_NICOL];	/* columns of the current input */
	struct sbuf cid, tmp, matter, approved, flag, urg;
	char at_s[20], dl_s[20], lim_s[24];
};
/* r for the policy's [route] and [event]; 0, or -1 with *why. */
int route_init(struct router *r, const policy *pol, calendar *cal,
    struct gw_run *run, const char **why);
void route_free(struct router *r);
gw_hdr_fn route_hdr;
gw_rec_fn route_rec;

/* (end of route.c) */

// track.c — one replay of the case log against the orders (case-track(1))

/* (track.c: declarations follow) */

/*
 * The replay of case-track(1) and gw-month(1): set mode, by, run, out,
 * row and arg, then tracker_init(); the orders (when there are any)
 * through tracker_order_hdr/_rec, tracker_header(), the log through
 * tracker_log_hdr/_rec (gw_loop()'s callbacks, arg the tracker), then
 * tracker_end().  In TRK_STATUS mode each case is written to out (when
 * not NULL) as a row of tracker_statcols and handed to row (when not
 * NULL) as it closes, the open ones at the end; TRK_SUMMARY and
 * TRK_OVERDUE write at tracker_end().  -1 from a callback or
 * tracker_end() is a fault, the reason in why.
 */
enum { TRK_STATUS, TRK_SUMMARY, TRK_OVERDUE };
#define TRK_NLCOL 7	/* case_id step at event_id department satisfied
			   deadline; the first three required */
#define TRK_NOCOL 10	/* case_id grid_code category deadline limit
			   event_id department assigned_at provisional
			   level; the first five required */
#define TRK_BY_DEPT 0	/* --by department */
#define TRK_BY_LEVEL 1	/* --by level: the orders' handling level */
#define TRK_NSTAT 15	/* case_id .. satisfied, provisional */
extern const char *const tracker_lcols[TRK_NLCOL];
extern const char *const tracker_ocols[TRK_NOCOL];
extern const char *const tracker_statcols[TRK_NSTAT];

struct tracker_order;
struct tracker {
	/* the caller's, kept by tracker_init() */
	int mode;		/* TRK_* */
	int by;			/* --summary: the groups' area, LVL_GRID ..
				   LVL_COUNTY (ev_lvlparse()), or
				   TRK_BY_DEPT, TRK_BY_LEVEL */
	struct gw_run *run;	/* rejects go there */
	csvw *out;		/* the output, or NULL (TRK_STATUS only) */
	int (*row)(void *arg, const char *const *v);	/* a status row,
				   v[0..TRK_NSTAT); -1 stops (why) */
	void *arg;
	/* counts */
	long ncases;		/* status rows given */
	long nlater;		/* log rows after the as-of, not replayed */
	char why[512];		/* a fault */
	/* private */
	struct caselog cl;	/* the engine: policy, calendar, as-of */
	int lcol[TRK_NLCOL], ocol[TRK_NOCOL];
	strtab *str;		/* grid codes, categories, departments... */
	strtab *oid;		/* case_ids of the orders: index = order */
	struct tracker_order *ord;
	size_t nord;
	struct sbuf evs;	/* event_ids of the orders, NUL-separated */
	int orders;		/* the cases come with orders */
	struct caselog_book book;	/* the open cases; key: the order's
					   index, or hash_bytes(case_id);
					   aux: 1 + department in str */
	strtab *gkey;		/* summary: group names */
	struct caselog_group *grp;
	size_t ngrp;
	struct caselog_open *late;	/* overdue: the listed cases */
	size_t nlate;
};
/* 0, or -1 with *why (the policy). */
int tracker_init(struct tracker *t, const policy *pol, calendar *cal,
    int64_t asof, int orders, const char **why);
void tracker_free(struct tracker *t);
gw_hdr_fn tracker_order_hdr, tracker_log_hdr;
gw_rec_fn tracker_order_rec, tracker_log_rec;
void tracker_header(struct tracker *t);	/* TRK_STATUS: the header */
int tracker_end(struct tracker *t);

/* (end of track.c) */

// division.c — dividing villages and communities into grids

/* (division.c: declarations follow) */

/*
 * The division engine (gridwork-rules(7), GRIDS; grid-code(1)): the band
 * of a grid, the deviation from it, the exact division of a row of whole
 * blocks, dedicated grids, micro-grids, the codes kept from and retired
 * against a previous division, and the checks of a division.  The state
 * is a struct the caller owns; the engine reads no file, prints nothing
 * and never exits (only the x-wrappers may): every function that fails
 * returns so and leaves the reason in the struct's why.
 */

/* The [grid] figures of a policy (gridwork-policy(5)). */
struct div_band {
	long hmin, hmax;	/* households band of a base grid */
	long rmax;		/* residents a grid may hold */
	long rural;		/* a rural village above this is split */
	long dedmin;		/* people on site that make a dedicated grid */
	long mmin, mmax;	/* households of a micro-grid */
	long weight;		/* a household outside the band counts as
				   this many residents over the limit */
	long reach;		/* a run holds at most reach x hmax households
				   besides its first block (bounds the work) */
	long rmin;		/* a grid of rmin..rmax residents is in the
				   band whatever its households (0: none) */
	long rural_res;		/* a rural village above this many residents
				   is split too (0: by households only) */
	int mstreet;		/* micro-grids: 1 one per street or alley
				   (else building), 0 by households */
	int smerge;		/* 1: a village's units below dedmin that reach
				   it together share a dedicated grid */
};

/* Reads [grid] of p into b: 0, or -1 with the reason in why (n bytes),
   "policy NAME: ..." (a missing key, not an integer, below its least). */
int div_band_load(struct div_band *b, const policy *p, char *why, size_t n);
/* How far a grid of hh households and res residents is from the band, in
   residents: weight per household outside [hmin, hmax], plus every
   resident above rmax. */
int64_t div_deviation(const struct div_band *b, long hh, long res);
/* 1 when a grid of hh households and res residents is in the band by its
   households, 2 when only by its residents (rmin..rmax), else 0. */
int div_in_band(const struct div_band *b, long hh, long res);

/* A block of a row to divide, in the order of the row. */
struct div_block {
	long hh, res;		/* households, residents */
	long prev;		/* previous grid it lies wholly in (the
				   caller's index), or -1 */
	long prevn;		/* blocks of that previous grid */
};
/* A run of whole blocks: blocks [first, first + n) are one grid. */
struct div_run {
	size_t first, n;
	long prev;		/* previous grid of exactly these blocks, or -1 */
};
/*
 * The exact division of nb blocks in their order into runs: the least
 * total deviation, then the most households in a run that is exactly a
 * previous grid, then the least sum of (2 x households - hmin - hmax)^2,
 * then the fewest runs; a run reaches back while the households after
 * its first block are at most reach x hmax.  single: one run of all of
 * them (a rural village up to the split).  Integer arithmetic only, so
 * every machine divides alike.  runs has room for nb (at least 1);
 * returns the number of runs, the least deviation in *dev.
 */
size_t div_runs(const struct div_band *b, const struct div_block *blk,
    size_t nb, int single, struct div_run *runs, int64_t *dev);
/* 1 when a village of kind (KIND_*) and households is one grid whatever
   the band: a rural village up to the split. */
int div_single(const struct div_band *b, int kind, long households);
/* The same with the village's residents: a rural village above rural_res
   residents is split as one above the households of the split. */
int div_single_res(const struct div_band *b, int kind, long households,
    long residents);
/* 1 when a unit of people on site gets a dedicated grid. */
int div_unit_dedicated(const struct div_band *b, long people);

enum { DIV_NONE = 0, DIV_KEPT, DIV_NEW, DIV_RETIRED };
/* "", "kept", "new", "retired" */
const char *div_status_name(int status);

/* A grid of a divided village. */
struct div_grid {
	int seq;		/* 1-899 base, 901-999 dedicated */
	int ded;		/* 1: dedicated */
	int status;		/* DIV_*; DIV_NONE without a previous division */
	long hh, res;		/* households, residents (a unit: its people) */
	long pg;		/* previous grid whose code it keeps, or -1 */
	long unit;		/* dedicated: index in the units, else -1 */
	struct sbuf blocks;	/* ';'-joined, natural order (a unit: its id) */
	struct sbuf note;	/* what it breaks, "; "-joined */
};

/* A household of a village held for division. */
struct div_hh {
	size_t f;		/* its first payload field in the village's foff */
	long persons;		/* residents */
	size_t blk;		/* block index in the village's blocks */
	long pg;		/* its previous grid, or -1 */
	size_t grid;		/* out: index in the village's grids */
	int micro;		/* out: micro-grid sequence, 1-based */
};

/* A village: the households held until it is divided, then its grids. */
struct div_village {
	char code[13];
	int kind;		/* KIND_* */
	struct sbuf ar;		/* the payload fields, NUL-terminated */
	size_t *foff;		/* offsets of the fields in ar */
	size_t nfoff, capfoff;
	struct div_hh *h;
	size_t nh, caph;
	strtab *hids;		/* household_id -> index in h */
	long *hline;		/* first input line of each household */
	strtab *blocks;		/* block names */
	const struct div_grid *grids;	/* once divided, in code order */
	size_t ng;
	int carried;		/* 1: the previous division's grids as they
				   were (no households, notes from the table) */
};

/* Payload field col of household h of V. */
const char *div_field(const struct div_village *V, const struct div_hh *h,
    int col);

/* A field as the input holds it (NUL-terminated at s[n] or later: the
   check quotes a trimmed field up to its NUL, as the input had it). */
struct div_str {
	const char *s;
	size_t n;
};

/* A household row (or, with member set, a person's). */
struct div_row {
	struct div_str id, vil, blk, pers, addr;
	long line;
	const struct div_str *f;	/* the payload: the fields given back
					   with the household (not a person's) */
	size_t nf;
};

/* A row of a previous division: an assignment or a grid table. */
struct div_prow {
	struct div_str grid, vil, id, blk, pers;	/* an assignment */
	struct div_str hh, res, blocks, note, status;	/* a grid table */
	int hasvil, hasblk, haspers;	/* the columns are there */
	struct div_str micro;	/* an assignment's micro_grid_code, or
				   empty */
};

/* Bytes of addr that name its street or alley (东街 of 东街3号): the text
   before the first digit, when it ends in 街, 巷, 路, 道, 弄, 胡同 or 里;
   0 when there is none. */
size_t div_street(const char *addr, size_t n);

struct div_pgrid;
struct div_unit;

/*
 * One division run.  Zero it, set band and the options, then div_init().
 * Rows come in with div_region(), div_unit(), div_prev_row() and
 * div_add(); each divided village goes to divided(arg, V) once, in the
 * order the villages are done, and its memory is reused afterwards.
 * Villages are held one at a time (ungrouped: all, to the end), as rows
 * come grouped by village.
 */
struct division {
	struct div_band band;
	int micro;		/* micro-grids too */
	int ungrouped;		/* hold every village to the end (-U) */
	int carry;		/* give back the previous division's villages
				   that no row and no unit names */
	int member;		/* rows are persons: a household per
				   household_id, persons counted */
	int col_id, col_addr;	/* payload columns of the household id and
				   the address (-1: none), for micro-grids
				   and the previous division */
	void (*divided)(void *arg, const struct div_village *V);
	void *arg;
	const char *col;	/* the column of the last rejected row */
	char why[512];		/* the reason of the last failure */

	/* the rest is the engine's */
	strtab *reg;		/* 12-digit village codes, NULL: no regions */
	int *regkind;
	size_t capreg;
	struct div_unit *units;
	size_t nunits, capunits;
	strtab *uid, *uvil;
	long *uvfirst;
	size_t capuv;
	strtab *svil;		/* villages of units too small to be
				   dedicated grids */
	long *svfirst;
	size_t capsv;
	int have_prev;
	strtab *pcode, *pvil;
	struct div_pgrid *pg;
	size_t npg, cappg;
	long *pvfirst;
	int *pvmaxb, *pvmaxd;
	size_t cappv;
	u64map *phh, *pblk, *pseen;
	u64map *pmic;		/* village, household -> previous micro seq */
	u64map *pmcnt;		/* previous grid << 10 | micro seq ->
				   households of that micro-grid */
	strtab *held, *done, *allhid;
	struct div_village **vs;
	size_t nvs, capvs, *allvil, capallvil;
	long cur;
	struct div_grid *grids;
	size_t ng, capg;
	size_t *order, *rank, *gb, capb;
	long *bh, *br;
	struct div_block *blk;
};

void div_init(struct division *d);
void div_free(struct division *d);
/* Regions will be given: a village not among them is unknown. */
void div_regions(struct division *d);
/* A region row: 0 (a village, or a higher level, which names nothing to
   divide), 1 rejected (column 'code', d->why). */
int div_region(struct division *d, struct div_str code, const char *kind,
    const char *ur, const char *name);
/* KIND_* of a village of the regions, or -1 when it is not one. */
int div_village_kind(const struct division *d, const char *code);
/* A unit row: 0 (a dedicated grid to be, or one too small), 1 rejected
   (d->col, d->why). */
int div_unit(struct division *d, struct div_str id, struct div_str name,
    struct div_str vil, struct div_str people);
/* A previous division follows (even an empty one: statuses are given). */
void div_prev_begin(struct division *d);
/* A row of it: table = a grid table's row; 0, or 1 rejected (column
   'grid_code', d->why).  In any order: a table's block list speaks only
   for grids no assignment row shows. */
int div_prev_row(struct division *d, int table, const struct div_prow *r);
void div_prev_end(struct division *d);
/* A micro-grid code issued before (the store's micro_codes, retired
   ones too): its grid never issues that sequence or a lower one again.
   0, or 1 rejected (column 'micro_grid_code', d->why). */
int div_prev_micro(struct division *d, struct div_str micro);
/* A household (or person) row: 0 taken, 1 rejected (d->col, d->why), -1
   a village could not be divided (d->why: no sequence left). */
int div_add(struct division *d, const struct div_row *r);
/* Divides what is held, the villages of units only, then (carry) gives
   back the previous division's villages left: 0, or -1 as div_add(). */
int div_finish(struct division *d);

/*
 * Checking a division (--check): any household -> grid assignment in, one
 * problem a call of problem() out.  It holds every household's id (a
 * 16-byte fingerprint each) and every grid.
 */
struct div_seen;
struct div_hazard;
struct div_cgrid;
struct div_cblock;

/* A row of an assignment. */
struct div_crow {
	struct div_str id, vil, blk, grid, pers;
	long line;
};

struct div_check {
	const struct division *d;	/* band, and regions when given */
	void (*problem)(void *arg, const char *what, const char *grid,
	    const char *hid, const char *blk, const char *detail);
	void *arg;
	int hasblk, haspers;	/* the input has columns block, persons */
	long nproblems;
	const char *col;	/* the column of the last rejected row */
	char why[512];

	/* the rest is the engine's */
	struct div_seen *seen;
	size_t seencap, seenlen;
	strtab *codes, *blocks, *vils;
	strtab *hvils;		/* villages with households */
	long *hvn;		/* households of each of hvils */
	size_t caphv;
	struct div_hazard *hz;	/* hazard points to be covered */
	size_t nhz, caphz;
	struct div_cgrid *g;
	size_t capg;
	struct div_cblock *b;
	size_t capb;
	u64map *pairs;
	char **names;
	size_t nfiles;
};

/* hint: the households to expect (the id table is sized once). */
void div_check_init(struct div_check *c, const struct division *d,
    size_t hint);
/* The rows that follow are of input name (named by duplicates). */
void div_check_input(struct div_check *c, const char *name);
/* 0 (problems, if any, given to problem()), 1 rejected (c->col, c->why). */
int div_check_row(struct div_check *c, const struct div_crow *r);
/* A hazard point (林田路井、矿产资源、河流沟壑 risk points, 000) of a
   village, by block when given: 0, or 1 rejected (c->col, c->why).
   Checked at the end: its village (its block) must be in some grid. */
int div_check_hazard(struct div_check *c, struct div_str id,
    struct div_str vil, struct div_str blk, struct div_str kind);
/* The problems of the whole: split blocks, then grids in code order,
   then villages and hazard points; returns the problems found in all,
   and frees what c holds. */
long div_check_end(struct div_check *c);

/*
 * What a driver writes of a division, and the tables it reads besides
 * the households, bound by name.  The layout of the output is the first
 * input's columns (or div_hhcols, derived from persons or a store) with
 * grid_code and micro_grid_code appended unless the input had them.
 */
extern const char *const div_hhcols[5];	/* household_id ... persons */
struct div_layout {
	int have;		/* the layout is set */
	char **names;		/* the columns stored per household */
	size_t nnames;
	int c_pers;		/* persons column of the layout */
	int c_grid, c_micro;	/* existing columns replaced, or -1 */
	int *map;		/* per input file: its column -> layout
				   column (div_layout_map()) */
	int p_id, p_vil, p_blk, p_addr;	/* the columns of the input */
	struct div_str *pf;	/* a row's payload, by layout column */
};
/* The layout of the first households input, header h[0..n): its
   household_id and address (p_id, p_addr) into d, the columns persons,
   grid_code, micro_grid_code (-1: none). */
void div_layout_input(struct div_layout *L, struct division *d,
    const char *const *h, size_t n, int pers, int grid, int micro);
/* A gw_hdr_fn for the store's households or persons, arg the layout
   (L->map holds 5): div_hhcols by name. */
int div_layout_hhbind(csvr *r, void *arg);
/* A household (or person) row, through L, into d: div_add()'s answer. */
int div_add_rec(struct division *d, struct div_layout *L,
    const struct gw_rec *rec);
/* The layout of div_hhcols; sets d's col_id and col_addr. */
void div_layout_households(struct div_layout *L, struct division *d);
/* Maps a later input's header h[0..n) onto L's columns by name; the
   number of its columns left out. */
int div_layout_map(struct div_layout *L, const char *const *h, size_t n);
void div_layout_header(const struct div_layout *L, int micro, csvw *out);
/* The households of V, each once, in input order, with their codes:
   csvw_error(out) after them. */
int div_write_rows(const struct div_layout *L, const struct division *d,
    const struct div_village *V, csvw *out);
/* The grid table (-G): its header, V's grids; status: with the status
   column (a previous division was given). */
void div_grids_header(csvw *gout, int status);
void div_write_grids(csvw *gout, const struct div_village *V, int status);
/* A previous division (an assignment or a grid table): its columns, -1
   with why[0..n) when it is neither; a row of it into d (div_prev_row()). */
struct div_pcols {
	int id, vil, blk, pers, grid, hh, res, blocks, note, status, micro;
};
int div_prev_bind(struct div_pcols *c, const csvr *r, char *why, size_t n);
int div_prev_rec(struct division *d, const struct div_pcols *c,
    const struct gw_rec *rec);
/* The columns of the regions (-R), the units (-u) and an assignment
   (--check), the required ones first, as gw_bind() binds them to idx[];
   a row of each through its idx[] into the engine (div_region(),
   div_unit(), div_check_row()). */
extern const char *const div_regcols[4];	/* code, name, kind, ... */
extern const char *const div_unitcols[4];	/* unit_id, ... */
extern const char *const div_chkcols[5];	/* household_id, ... */
int div_region_rec(struct division *d, const int *rc,
    const struct gw_rec *rec);
int div_unit_rec(struct division *d, const int *uc,
    const struct gw_rec *rec);
int div_check_rec(struct div_check *ck, const int *cc,
    const struct gw_rec *rec);
/* The check's report: its header, and a problem() writing one row to
   the csvw that is its arg. */
void div_check_header(csvw *out);
void div_problem_row(void *out, const char *what, const char *grid,
    const char *hid, const char *blk, const char *detail);
/* The hazard points of --check --hazards: columns, -1 with why[0..n)
   without hazard_id and village_code; a row (div_check_hazard()). */
struct div_hcols {
	int id, vil, blk, kind;
};
int div_hazard_bind(struct div_hcols *c, const csvr *r, char *why,
    size_t n);
int div_hazard_rec(struct div_check *ck, const struct div_hcols *c,
    const struct gw_rec *rec);

/* (end of division.c) */

// divtab.c — a division check's tables read into the engine (grid-code(1))

/* (divtab.c: declarations follow) */

/* The caller sets ck, run (the assignment's rejects) and aux (the
   hazards'); the columns are divtab.c's. */
struct div_checkin {
	struct div_check *ck;
	struct gw_run *run, *aux;
	int cc[5];
	struct div_hcols hc;
};
/* gw_loop()/table_loop() callbacks, arg a struct div_checkin: the
   assignment's header and rows (div_check_rec()), the hazards'
   (div_hazard_rec()). */
int divt_check_hdr(csvr *r, void *arg);
int divt_check_rec(csvr *r, struct gw_rec *rec, void *arg);
int divt_hazard_hdr(csvr *r, void *arg);
int divt_hazard_rec(csvr *r, struct gw_rec *rec, void *arg);

/* (end of divtab.c) */

// screen.c — screening grid-worker candidates

/* (screen.c: declarations follow) */

/*
 * The qualification review and ranking of grid-worker candidates
 * (gridwork-rules(7), WORKERS AND SCREENING; gridwork-policy(5),
 * [screen]).  The caller owns a struct screen and feeds it, in this
 * order: the policy (screen_init), the lines of the two tables the
 * policy names (screen_education, then screen_rules, then
 * screen_remark, then screen_ready), the blacklists (screen_list,
 * screen_list_add), the vacancies (screen_vacancy), the candidates one
 * record at a time (screen_add), and at the end screen_rank().  The
 * engine reads no file, prints nothing and never exits: each call
 * returns 0 (or an index), or -1 with *why, a message in the form the
 * command prints ("FILE:LINE: key 'k': reason"), valid until the next
 * call on the same struct.  Notices about a candidate that is kept (an
 * invalid identity number under D10, a remark pattern that failed) go
 * to the caller's notice callback.
 */

/* The columns of the candidates contract (gridwork-store(5)). */
enum screen_col {
	SC_CID, SC_IDNO, SC_NAME, SC_EDU, SC_PARTY, SC_TITLE, SC_SWC, SC_VET,
	SC_DIBAO, SC_CRIM, SC_PEND, SC_INV, SC_DET, SC_ADM, SC_DISM,
	SC_REMARKS, SC_WRITTEN, SC_INTERVIEW, SC_GRID, SC_NCOL
};
extern const char *const screen_colname[SC_NCOL];
/* The columns a verdict adds, in output order: status, reasons, age,
   priority, total, rank, selected. */
#define SCREEN_NADD 7
extern const char *const screen_addname[SCREEN_NADD];

#define SCREEN_ND 10		/* D1..D10 */
#define SCREEN_NX 32		/* X1..X32: disqualifications a profile adds */
#define SCREEN_NP 32		/* P1..P32: priorities a profile adds */
#define SCREEN_RMAX 64		/* distinct R-codes: bits of rbits */
#define SCREEN_R_EDU 90		/* R90: education level not recognised */
#define SCREEN_R_DUPID 91	/* R91: identity number of two candidates */
#define SCREEN_RBASE 1000	/* a code: Dk is k, Rn is SCREEN_RBASE + n */

/* A rule a profile adds (gridwork-policy(5)): Xn a disqualification,
   Pn a priority, judged by a 0/1 flag column and, for Xn, by remarks. */
struct screen_rule {
	int on;			/* the switch Xn / Pn */
	int set;		/* the switch was given */
	char *column;		/* the flag column, NULL when none */
	char *header;		/* another header that names it, or NULL */
	char *reason;		/* what the rule is, for messages */
	const char *file;	/* where the rule was set: its switch, */
	int line;		/* else its first key */
	const char *cfile;	/* where the column was named */
	int cline;
};

/* A remark pattern (the remarks table, or an Xn.remarks key).  It sends
   to review when one of its rules is switched on and none of them
   applies already; a pattern of no rule always does. */
struct screen_remark {
	int rbit;		/* bit in rbits for its R-code */
	uint16_t dmask;		/* related D-codes: bit k - 1 for Dk */
	uint32_t xmask;		/* related X-codes: bit n - 1 for Xn */
	rx *re;
	char *pat;		/* as written, for messages */
};

/* A blacklist: every list of the same code shares one set. */
struct screen_list {
	int code;		/* 1..10 or SCREEN_RBASE + n */
	u64map *ids;		/* hash_idno() keys */
};

/* A grid of the vacancies or of the candidates. */
struct screen_grid {
	long vac;		/* vacancies, -1 when not listed */
	long vacline;		/* line of its vacancies row */
	unsigned order;		/* position of its code in byte order */
};

/* One candidate's verdict.  status: ineligible when dbits or xbits,
   else review when rbits, else eligible. */
struct screen_cand {
	long line;		/* line the row starts on */
	uint64_t rbits;		/* R-codes, bit i = rcode[i] */
	int64_t total;		/* hundredths, -1 when a score is missing */
	uint32_t file;		/* index into files */
	uint32_t grid;		/* index into g */
	uint32_t rank;		/* 1.. in its grid, 0 when not ranked */
	uint32_t xbits;		/* bit n - 1 for Xn */
	uint16_t dbits;		/* bit k - 1 for Dk */
	int16_t age;		/* full years, -1 when unknown */
	uint8_t prio;		/* priority attributes held */
	uint8_t sel;		/* 1: within its grid's vacancies */
};

/* A candidate's record: the field of each contract column and of the
   flag column of each Xn and Pn, NULL when the input has no such
   column (a flag then counts as 0, any other field as empty). */
struct screen_rec {
	const char *f[SC_NCOL];
	size_t len[SC_NCOL];
	const char *x[SCREEN_NX + 1];	/* x[n]: Xn's flag; x[0] unused */
	size_t xlen[SCREEN_NX + 1];
	const char *p[SCREEN_NP + 1];	/* p[n]: Pn's flag; p[0] unused */
	size_t plen[SCREEN_NP + 1];
};

/* Says something about a kept candidate: file:line, column col. */
typedef void screen_notice_fn(void *arg, const char *file, long line,
    const char *col, const char *msg);

/* One screening.  Zero it (screen_init() does), set notice, then feed
   it as above; screen_free() frees what it holds, not s. */
struct screen {
	/* the policy, fixed by screen_init() .. screen_ready() */
	const policy *pol;
	long asof;			/* day number ages are counted at */
	int don[SCREEN_ND + 1];		/* don[k]: Dk switched on */
	uint16_t don_mask;		/* bit k - 1: Dk switched on */
	uint32_t xon_mask;		/* bit n - 1: Xn switched on */
	long age_min, age_max;		/* the age band, inclusive */
	int64_t wweight;		/* weight of written, 1/10000 */
	int prio_on[5];			/* party, title, cert, veteran,
					   dibao: counted as a priority */
	char **title_none;		/* titles that mean none */
	size_t ntitle_none;
	char **cert_none;		/* certificates that mean none */
	size_t ncert_none;
	strtab *edu;			/* spellings of education levels */
	int *edurung;			/* rung of each spelling */
	char **rung;			/* the ladder, lowest first */
	size_t nrung;
	int edu_min;			/* rung of the minimum */
	struct screen_remark *rem;
	size_t nrem;
	int rcode[SCREEN_RMAX];		/* R number of each rbits bit */
	int nrcode;
	int rorder[SCREEN_RMAX];	/* rbits bits in R-number order */
	int rsorted;			/* rorder is up to date */
	struct screen_list *list;
	size_t nlist;
	struct screen_rule x[SCREEN_NX + 1];	/* x[n]: Xn; x[0] unused */
	struct screen_rule p[SCREEN_NP + 1];	/* p[n]: Pn; p[0] unused */

	/* the caller's */
	screen_notice_fn *notice;	/* NULL: notices are dropped */
	void *notice_arg;
	int have_vac;			/* 1: vacancies were given (selected
					   is 0 or 1, else empty) */

	/* the candidates, in the order added */
	struct screen_cand *c;
	size_t nc, ccap;
	strtab *cids;			/* candidate_id of c[i] is string i */
	u64map *idix;			/* hash_idno() -> index into c */
	char **files;			/* names the rows came from */
	size_t nfiles;
	struct screen_grid *g;
	size_t ng, gcap;
	strtab *gtab;			/* code of g[i] is string i */
	size_t *order;			/* screen_rank(): the ranked, in grid
					   code and rank order */
	size_t nranked;

	struct sbuf msg;		/* *why of the last failure */
};

/* Reads the [screen] switches, age band, weight, priorities, and the
   ladder and minimum of pol (kept: it must outlive s), ages to be
   counted at day asof. */
int screen_init(struct screen *s, const policy *pol, long asof,
    const char **why);
/* The path of the table the policy names by key ("education",
   "remarks"); NULL with *why when the key is missing. */
const char *screen_table(struct screen *s, const char *key, const char **why);
/* One line of the education table, "spelling<TAB>level": fields
   f[0..n), from file:line. */
int screen_education(struct screen *s, char **f, size_t n, const char *file,
    int line, const char **why);
/* After the education table: the ladder's own names, the Xn and Pn
   rules of the policy and their remarks. */
int screen_rules(struct screen *s, const char **why);
/* One line of the remarks table, "R-code<TAB>related<TAB>pattern". */
int screen_remark(struct screen *s, char **f, size_t n, const char *file,
    int line, const char **why);
/* After the remarks table: the policy is complete. */
int screen_ready(struct screen *s, const char **why);
void screen_free(struct screen *s);

/* The list of -b arg, "[CODE=]FILE" (without CODE, list.STEM or list
   of the policy gives the code): its index in s->list, and *file. */
int screen_list(struct screen *s, const char *arg, const char **file,
    const char **why);
/* Puts a (valid) number on list i. */
void screen_list_add(struct screen *s, int i, const struct idno *id);

/* One row of the vacancies: grid code and number as read; -1 with the
   column at fault in *col when the row is refused. */
int screen_vacancy(struct screen *s, const char *grid, size_t gn,
    const char *vac, size_t vn, long line, const char **col,
    const char **why);

/* 1 when column c must be in the candidates (a flag of a D-rule that is
   off need not); 1 when name is one of screen_addname. */
int screen_required(const struct screen *s, enum screen_col c);
int screen_is_added(const char *name);
/* Judges one candidate, read at file:line (file must outlive the
   call), and keeps the verdict as s->c[s->nc - 1]; -1 with the column
   at fault in *col when the row is refused (a bad flag or score or grid
   code, an empty or repeated candidate_id): nothing is kept then. */
int screen_add(struct screen *s, const struct screen_rec *r,
    const char *file, long line, const char **col, const char **why);
/* Ranks the eligible with a total, per grid: total, then priority,
   then candidate_id; selects each grid's first vacancies. */
void screen_rank(struct screen *s);
/* "eligible", "review" or "ineligible". */
const char *screen_status(const struct screen_cand *c);
/* The codes of c into out (reset first): D, then X, then R, each in
   number order, joined by ';'. */
void screen_reasons(struct screen *s, const struct screen_cand *c,
    struct sbuf *out);
const char *screen_grid_code(const struct screen *s, uint32_t g);


/* (end of screen.c) */

// score.c — monthly scores, grades and ranks of grid workers

/* (score.c: declarations follow) */

/*
 * The assessment of grid workers (gridwork-rules(7), ASSESSMENT) as an
 * engine: the caller owns a struct score, sets it up (score_init,
 * score_policy, then score_days for a month or week, or score_span for
 * a quarter or year), hands in every row of every table as fields
 * (score_row), then takes the rows out: score_compute, score_workers,
 * score_rank, score_grids, score_explain.  Nothing here reads a file,
 * prints or exits; a reason comes back instead.
 */
#define SCORE_NIND 8	/* today's indicators, the default profiles' */
#define SCORE_MAXIND 16	/* indicators a policy may define */
#define SCORE_MAXURG 4	/* urgencies whose late reports are deducted */
#define SCORE_MAXWEEK 6	/* weeks of a period: a month has at most 5 */
#define SCORE_MAXDAY 31	/* days of a period */

/* The indicators, in the order of the scores contract. */
enum { SCORE_ATT, SCORE_PAT, SCORE_COV, SCORE_DIS, SCORE_DSP, SCORE_ONT,
	SCORE_TRN, SCORE_SAT };
extern const char *const score_indname[SCORE_NIND];	/* "attendance" ... */

/*
 * The formulas an indicator of the policy may take ([score] indicators,
 * ind.NAME; gridwork-policy(5)): the eight above (SCORE_ATT ..
 * SCORE_SAT, the same numbers), then tasks done on time (代办, 交办), a
 * department's mark out of 100, key-person visit compliance
 * (pop-report --summary), events reported within their limit.
 */
enum { SCORE_F_TASKS = SCORE_NIND, SCORE_F_MARK, SCORE_F_KEYVISITS,
	SCORE_F_SAMEDAY, SCORE_NFORM };
extern const char *const score_formname[SCORE_NFORM];	/* "tasks" ... */

/* The tables read, in the order of score-month's options. */
enum score_tab { SCORE_WORKERS, SCORE_GRIDS, SCORE_ASSIGNMENT,
	SCORE_EVENTS, SCORE_CASES, SCORE_PATROLS, SCORE_VISITS, SCORE_LOGINS,
	SCORE_TRAININGS, SCORE_BONUS, SCORE_SCORES, SCORE_TASKS, SCORE_MARKS,
	SCORE_KEYVISITS, SCORE_NTAB };
/* A table's name and columns: the first nreq required, the rest may be
   missing (an empty field).  score_row() takes the fields in this order. */
struct score_table {
	const char *name;		/* "workers": the option, the store's table */
	const char *const *cols;	/* column names */
	int ncol, nreq;
};
extern const struct score_table score_tables[SCORE_NTAB];

/* One field of a row: s[0..n), and s[n] == '\0'. */
struct score_field {
	const char *s;
	size_t n;
};

/* A worker of the month.  Strings are strtab indexes (score_str). */
struct score_worker {
	uint32_t id, town;	/* worker_id, township_code */
	uint32_t role;		/* its strtab index; UINT32_MAX: none given */
	int32_t grid;		/* index into score.g */
	long hired;		/* day number; LONG_MIN when not given */
	int slot;		/* n-th worker of its grid (visit bits) */
	int scored;		/* 1: has working days in the period */
	int wd;			/* working days from hiring */
	int login, patrol;	/* working days with a login, with a patrol */
	int nweek;		/* weeks counted for coverage */
	int64_t cov;		/* households visited, summed over them */
	int32_t visited[SCORE_MAXWEEK];	/* distinct households a week */
	int pmin[SCORE_MAXDAY];	/* patrol minutes a day of the period */
	uint64_t logbits;	/* days of the period with a login */
	long own, late;		/* own events; late immediate ones */
	long left;		/* left_on, day number; LONG_MIN: still
				   there (scored to that day only) */
	long tsched, tatt;	/* training sessions scheduled, attended */
	int64_t bonus;		/* hundredths, before the cap */
	long late_by[SCORE_MAXURG];	/* late reports not immediate, by
					   urgency index */
	/* the counts of the other formulas, by indicator of the policy:
	   tasks done on time / due; marks (hundredths) / 100 x marks;
	   visits credited / required; events within their limit / all */
	int64_t xnum[SCORE_MAXIND], xden[SCORE_MAXIND];
	uint32_t apply;		/* bit k: indicator k applies to its role */
	/* after score_compute(), when scored */
	int64_t num[SCORE_MAXIND], den[SCORE_MAXIND];	/* the rates; 1/1
					   for want of any */
	int64_t ded, bon;	/* hundredths, after the caps */
	int64_t score;		/* hundredths */
	int grade;		/* index into score.p.gname */
};

struct score_grid {
	uint32_t code;		/* strtab index */
	long households;
	int nworkers;
	long events;		/* reported in the period */
	long due, closed, ontime, answered, satisfied;	/* cases */
};

/* A worker over a quarter or year, from monthly score rows. */
struct score_qworker {
	uint32_t id, grid, town;	/* strtab indexes */
	int lastmon;		/* month that gave grid and town */
	int64_t sum[4];		/* hundredths, by quarter */
	int cnt[4];		/* months present, by quarter */
};

/* A line of the --explain sheet gathered while reading. */
struct score_xline {
	const char *item;	/* "late_report", "overdue_case", "bonus" */
	char *detail;
	int64_t pts;		/* hundredths, signed */
};

/* An indicator of the policy: [score] indicators, ind.NAME, weight.NAME,
   roles.NAME. */
struct score_ind {
	char *name;		/* its column in the scores */
	int form;		/* SCORE_ATT .. SCORE_SAT, SCORE_F_* */
	char *arg;		/* tasks: the kind, mark: the department; ""
				   any */
	long weight;		/* the weights of the indicators sum to 100 */
	char **roles;		/* the roles it applies to; none: every role */
	size_t nroles;
};

/* The [score] policy (gridwork-policy(5)).  Hundredths where int64_t. */
struct score_policy {
	struct score_ind ind[SCORE_MAXIND];	/* in output order */
	long weight[SCORE_NIND];	/* the weight of the indicator named
					   as each of the eight, 0 when the
					   policy has none (the stored
					   scores' columns, report.c) */
	int nind;
	int needs;			/* bit t: a formula reads table t */
	int roles;			/* 1: some indicator has roles.NAME */
	int trn_skip;			/* training_none = skip: no session
					   scheduled, training does not
					   apply */
	long pminutes;			/* minutes of a patrolled day */
	int64_t late_secs;		/* event.late_minutes, in seconds */
	int64_t d_late, d_over, d_cap, b_cap;	/* deductions, bonus cap */
	int64_t d_lateby[SCORE_MAXURG];	/* deduct.late.URGENCY of the
					   first levels (0 when unset) */
	int64_t smin, smax;		/* the clamp */
	size_t ngrade;
	char **gname;			/* highest grade first */
	int64_t *gmin;			/* lowest score of each grade */
};

/*
 * The engine's state.  The caller may read every field; it writes none
 * but explain (before the workers' rows).  year == 0: a month or week
 * (score_days); else a quarter (quarter 1..4) or year (quarter 0).
 */
struct score {
	struct score_policy p;
	const policy *pol;	/* for the categories' urgency */
	struct cattab cats;	/* the categories' reporting limits */
	char period[16];	/* 2026-10, 2026-W41, 2026-Q3, 2026 */
	long first, last;	/* the period's days */
	int64_t t0, t1;		/* its first and last second */
	long vfirst, vlast;	/* the visits' window: its ISO weeks */
	int nweek;		/* ISO weeks with their Thursday in it */
	long monday[SCORE_MAXWEEK];
	int working[SCORE_MAXDAY];	/* 1: a working day */
	int year, quarter;
	strtab *str;		/* ids and codes */
	strtab *wid, *gid, *hid;	/* worker, grid, household -> index */
	strtab *sess;		/* worker + training session */
	strtab *seen;		/* worker + month of a monthly score */
	struct score_worker *w;
	size_t nw, capw;
	struct score_grid *g;
	size_t ng, capg;
	struct score_qworker *q;
	size_t nq, capq;
	int32_t *hgrid;		/* grid of each household */
	uint64_t *hbits;	/* weeks a household was visited, by slot */
	size_t caph;
	u64map *vextra;		/* visits of workers beyond slot 9 */
	idset *eseen, *cseen;	/* duplicate events and cases */
	int keyed;		/* 1: events and cases come from the store,
				   unique by its key: not held to find a
				   duplicate (memory flat in the events) */
	idset *kseen;		/* duplicate tasks */
	char (*gtown)[16];	/* township of each grid (score_grids) */
	const char **cols;	/* score_columns() */
	const char *explain;	/* the worker of the sheet, or NULL */
	long xw;		/* its index, or -1 */
	struct score_xline *x;
	size_t nx, capx;
	const char *rcol;	/* the last rejected row: its column */
	struct sbuf why;	/* and the reason */
	struct sbuf err;	/* the reason of the last failed setting */
	struct sbuf key;	/* scratch */
};

/* A row to rank: a worker, a grid, or a worker over a quarter or year. */
struct score_rank {
	const char *id;		/* worker_id or grid_code */
	const char *town;	/* township code */
	int64_t score;		/* hundredths */
	long rtown, rcounty;	/* competition ranks (1, 2, 2, 4) */
	size_t ix;		/* index into score.w, score.q or score.g */
	long n;			/* a grid: its workers ranked */
};

/* A row of the --explain sheet, as text. */
struct score_xrow {
	char item[32], num[48], den[48], rate[48], weight[48], pts[48];
	char detail[512];
};

void score_init(struct score *s);
void score_free(struct score *s);
/* Reads the [score] policy (and event.late_minutes); -1 and *why. */
int score_policy(struct score *s, const policy *pol, const char **why);
/* 1 when an indicator of the policy reads table t (tasks, marks,
   keyvisits). */
int score_needs(const struct score *s, enum score_tab t);
/* The columns of table t to hand in: score_tables[t].ncol, and for the
   workers their role too when an indicator is for some roles only. */
int score_ncol(const struct score *s, enum score_tab t);
/* The output columns of the scores: month .. rank_county with the
   policy's indicators between township_code and deductions; *n of
   them, valid while s is. */
const char *const *score_columns(struct score *s, size_t *n);
/* The period [first, last] named name (at most SCORE_MAXDAY days), its
   ISO weeks and working days in cal; -1 and *why. */
int score_days(struct score *s, const char *name, long first, long last,
    calendar *cal, const char **why);
/* "YYYY" (quarter 0) or "YYYY-Qn" (quarter 1): 0, or -1 when not. */
int score_span_parse(const char *v, int quarter, int *year, int *q);
/* A quarter (q 1..4) or the year (q 0) from monthly score rows. */
void score_span(struct score *s, int year, int q);
/*
 * One row of table t, f[i] the field of score_tables[t].cols[i] (empty
 * when the input lacks the column).  Tables in order: grids, assignment,
 * workers, then the rest.  0: accepted (used or not), 1: rejected,
 * s->rcol and s->why.s say why; a rejected row changes nothing.
 */
int score_row(struct score *s, enum score_tab t, const struct score_field *f);
/* Scores every worker of a month or week. */
void score_compute(struct score *s);
/* The scored workers (or the span's), unranked; free() the array. */
struct score_rank *score_workers(struct score *s, size_t *n);
/* Competition ranks within county and township; leaves the rows in
   output order: county, township, rank, id. */
void score_rank(struct score_rank *r, size_t n);
/* Grids from worker rows: each the mean of its workers' scores, rounded
   half-up once, ranked; a grid without one has no row.  free() it. */
struct score_rank *score_grids(struct score *s, const struct score_rank *w,
    size_t nw, size_t *n);
/* The sheet behind ranked worker row r; free() *out. */
size_t score_explain(struct score *s, const struct score_rank *r,
    struct score_xrow **out);
/* A span worker's score and the months present. */
int64_t score_qscore(const struct score *s, const struct score_qworker *q,
    int *months);
int score_grade(const struct score *s, int64_t h);	/* index of gname */
const char *score_str(const struct score *s, uint32_t i);
/* num/den rounded half-up to k decimals; hundredths as "12.34"; a
   decimal >= 0 of at most two places as hundredths (0, or -1). */
char *score_fracfmt(int64_t num, int64_t den, int k, char *out, size_t sz);
char *score_hfmt(int64_t h, char *out, size_t sz);
int score_hparse(const char *v, size_t n, int64_t *h);

/* (end of score.c) */

// pay.c — grid workers' pay

/* (pay.c: declarations follow) */

/*
 * The pay rules (gridwork-rules(7), PAY) as an engine: the [pay] section
 * of a policy and the month's roster, scores, closed cases and rewards
 * in; each worker's line items, floor and top-up, and the budget lines
 * of townships and counties out, in integer fen rounded half-up once
 * (money_scale()).  It reads no file, prints nothing and never exits:
 * a call that fails returns -1 (pay_role(), pay_hire(): -1 as an index)
 * with *why, worded as the user sees it, pointing into p->err until the
 * next call on p.
 */
enum { PAY_FULLTIME, PAY_PARTTIME };		/* employment */
extern const char *const pay_empname[2];	/* "fulltime", "parttime" */
/* The floors: floor.fulltime (minwage.COUNTY), floor.parttime_rural. */
enum { PAY_F_FULL, PAY_F_RURAL, PAY_NFLOOR };
/* The money columns of the sheet, in the order of the pay contract
   (gridwork-store(5)), then the two more of a budget line. */
enum { PAY_BASE, PAY_PERF, PAY_CASE, PAY_REWARD, PAY_TOPUP, PAY_GROSS,
	PAY_NSHEET, PAY_INS = PAY_NSHEET, PAY_TOTAL, PAY_NMONEY };
extern const char *const pay_moneyname[PAY_NMONEY];	/* "base" ... */

/* Working days in [from, to] (day numbers), or -1 with *why. */
typedef long pay_workdays_fn(void *arg, long from, long to,
    const char **why);
/* The subsidy of one closed case of category cat[0..n), or -1 with
   *why; called once per category (pay_case() keeps the answer). */
typedef int pay_subsidy_fn(void *arg, const char *cat, size_t n,
    int64_t *fen, const char **why);

/* A roster row as pay_hire() takes it; the strings NUL-terminated
   except name. */
struct pay_hire {
	const char *id;		/* worker_id, not empty */
	const char *name;	/* name[0..namelen), any text */
	size_t namelen;
	size_t role;		/* its base.ROLE, from pay_role() */
	int emp;		/* PAY_*, from pay_employment() */
	const char *grid;	/* a valid grid code (LVL_GRID digits) */
	const char *town;	/* its township code (LVL_TOWN digits) */
	int kind;		/* KIND_* of the grid's village */
	long hired;		/* day number, LONG_MIN when not given */
	int haspost;		/* the roster has a post column: only then
				   do post and grade choose a scale */
	const char *post, *grade;	/* "" when not given */
	int hasleft;		/* 1: left_on given, in left */
	long left;		/* left_on, day number: not paid after it */
};

/* One worker of the roster.  m[] holds the line items once
   pay_compute() ran; base0, cases, reward are what they come from. */
struct pay_worker {
	char *id, *name, *grid;	/* owned */
	size_t role;		/* index of base.ROLE: pay_rolename() */
	char town[LVL_TOWN + 1], county[LVL_COUNTY + 1];
	long hired;		/* day number, LONG_MIN when not given */
	int emp;		/* PAY_* */
	int kind;		/* KIND_* of the grid's village */
	unsigned floors;	/* bit PAY_F_*: the floor covers role and
				   employment (rural: if the grid is) */
	int onroster;		/* hired by the month's end */
	long grade;		/* coef.GRADE of the month's score
				   (pay_gradename()), -1: unscored */
	int64_t base0;		/* base of a whole month */
	int64_t cases;		/* case subsidies */
	int64_t reward;		/* rewards (the caller adds them) */
	int64_t floor;		/* floor, prorated (0: none) */
	int64_t m[PAY_NSHEET];	/* the line items, rounded */
	long left;		/* left_on, LONG_MIN when not given: not
				   paid for the days after it */
};

/* A budget line: a township's or a county's sums. */
struct pay_line {
	char code[LVL_TOWN + 1];	/* township or county code */
	int county;			/* 1: a county line */
	long workers;
	int64_t m[PAY_NMONEY];
};

/*
 * The state of one month's pay, owned by the caller: pay_init() fills
 * it, pay_free() empties it.  The figures are the [pay] section's; the
 * caches fill as cases and counties come; w[0..nw) is the roster in
 * the order it was hired through pay_hire().
 */
struct pay {
	const policy *pol;	/* kept, not copied, for minwage.COUNTY */
	strtab *roles;		/* base.ROLE: role -> rbase[] */
	int64_t *rbase;
	strtab *grades;		/* coef.GRADE: grade -> gnum[]/gden[] */
	int64_t *gnum, *gden;
	int64_t unum, uden;	/* coef_unscored */
	int64_t pot[2];		/* pot.EMPLOYMENT by PAY_* */
	int64_t floor_full, floor_rural;
	int64_t ins_year, ins_month;	/* accident insurance, its 12th */
	strtab *exempt;		/* floor_exempt: roles without a floor */
	strtab *froles[PAY_NFLOOR];	/* floor_roles.X, NULL: every role */
	int femp[PAY_NFLOOR][2];	/* floor f covers employment e */
	strtab *posts;		/* scale_posts -> scale[], nscale[] */
	int64_t **scale;	/* scale[post][grade - 1] */
	size_t *nscale;
	strtab *counties;	/* county -> cfloor[] (a cache) */
	int64_t *cfloor;
	strtab *cats;		/* category -> catfen[] (a cache) */
	int64_t *catfen;
	pay_subsidy_fn *subsidy;	/* set by the caller before a case
				   (pay_case(), pay_closed()) */
	void *subsidy_arg;
	long first, last;	/* the month's days (pay_month()) */
	int64_t t0, t1;		/* its first and last second */
	long wdays;		/* its working days, > 0 */
	char month[16];		/* YYYY-MM */
	pay_workdays_fn *workdays;
	void *workdays_arg;
	struct pay_worker *w;	/* the roster */
	size_t nw, capw;
	strtab *wid;		/* worker_id -> w[] */
	strtab *eid;		/* event_id -> erep[], ecat[] */
	long *erep;		/* reporting worker, -1: not a worker */
	size_t *ecat;		/* its category in evcat */
	size_t cape;
	strtab *evcat;
	idset *cseen;		/* case ids seen */
	idset *rseen;		/* rewards of the month: worker, reason */
	struct sbuf err;	/* the last *why */
};

/* Reads pol's [pay] (the required figures, base.ROLE, coef.GRADE,
   scale.POST, the floors' scope); pay_free(p) after it, even on -1. */
int pay_init(struct pay *p, const policy *pol, const char **why);
void pay_free(struct pay *p);
/* An amount of setting kv of [pay]: not negative, at most
   POLICY_MONEY_MAX ("FILE:LINE: key 'k': reason"). */
int pay_amount(struct pay *p, const struct policy_kv *kv, int64_t *fen,
    const char **why);
/* The month [first, last] and its working days by workdays (kept for
   pay_compute()): -1 with "calendar: ..." or when it has none. */
int pay_month(struct pay *p, long first, long last,
    pay_workdays_fn *workdays, void *arg, const char **why);
/* The base.ROLE of role s[0..n), or -1. */
long pay_role(struct pay *p, const char *s, size_t n, const char **why);
/* PAY_FULLTIME or PAY_PARTTIME for s[0..n), or -1. */
int pay_employment(struct pay *p, const char *s, size_t n,
    const char **why);
/* Adds a worker to the roster: its base (the scale's when post and
   grade say so) and its floors.  The index in p->w, or -1 with the
   column at fault in *col. */
long pay_hire(struct pay *p, const struct pay_hire *h, const char **col,
    const char **why);
/* The worker of worker_id id[0..n), or -1. */
long pay_find(const struct pay *p, const char *id, size_t n);
/* pay_find(), but -1 with *why also when hired after the month. */
long pay_onroster(struct pay *p, const char *id, size_t n,
    const char **why);
const char *pay_rolename(const struct pay *p, size_t role);
const char *pay_gradename(const struct pay *p, long grade);	/* -1: "" */
/* The month's grade g[0..n) of worker wi: -1 when it has no coef.GRADE
   or the worker has a grade already (*col says which). */
int pay_score(struct pay *p, size_t wi, const char *g, size_t n,
    const char **col, const char **why);
/* The policy's subsidy of a closed case of category cat[0..n), a
   pay_subsidy_fn whose arg is the struct pay itself: case.CAT (a 4-digit
   code without one: its first level's, cat_key()), else case_default. */
int pay_policy_subsidy(void *pay, const char *cat, size_t n, int64_t *fen,
    const char **why);
/* Adds the subsidy of a case of category cat[0..n) to worker wi:
   p->subsidy's answer, or -1 with its *why. */
int pay_case(struct pay *p, size_t wi, const char *cat, size_t n,
    const char **why);
/* An event (id, source, reporter_id, category), kept for the cases
   that refer to it: -1 when it is unusable (*col says why). */
int pay_event(struct pay *p, const char *id, size_t n, const char *src,
    size_t sn, const char *who, size_t wn, const char *cat, size_t cn,
    const char **col, const char **why);
/* A case (id, event_id, closed_at, category; an empty category is its
   event's): when closed in the month and reported by a worker on the
   roster, its subsidy is the worker's.  0 (paid or not), 1 rejected
   (*col, *why), -1 from pay_case(). */
int pay_closed(struct pay *p, const char *id, size_t n, const char *eid,
    size_t en, const char *at, size_t an, const char *cat, size_t cn,
    const char **col, const char **why);
/* Adds a reward of the month to worker wi, unless the worker had one
   for the same reason (-1). */
int pay_reward(struct pay *p, size_t wi, int64_t fen, const char *reason,
    size_t rn, const char **why);
/* The line items of every worker on the roster (prorated, floored,
   rounded): -1 on a calendar or minwage.COUNTY fault. */
int pay_compute(struct pay *p, const char **why);
/*
 * The budget lines, sorted: each county's townships, then the county.
 * Checks the run first: every worker's gross is the sum of its items
 * and not below its floor; each amount is within MONEY_MAX (else a
 * range error naming the worker); the sheet's columns as written
 * (formatted, read back) add up to the counties, the townships to
 * their county.  *lines (free() it) and *n, or -1: an internal error.
 */
int pay_budget(struct pay *p, struct pay_line **lines, size_t *n,
    const char **why);

/* The regions a pay run needs: each village's urban or rural kind (the
   rural floor), the townships' and counties' names (the budget).
   Zero-initialise; pay_regions_free() after it. */
struct pay_regions {
	strtab *vill;		/* village code -> kind[] */
	int *kind;		/* KIND_* */
	strtab *area;		/* township or county code -> name[] */
	char **name;		/* the last one given */
	char why[96];		/* the last *why */
};
/* A row of the regions, code[0..n) trimmed: a village's kind by
   region_kind() (the kind column, which may hold the 3-digit
   urban-rural code, else ur, else the name's ending), or a township's
   or county's name.  0, or -1 with *why: no division code, or a
   village listed twice. */
int pay_region(struct pay_regions *r, const char *code, size_t n,
    const char *name, size_t nn, const char *kind, size_t kn,
    const char *ur, size_t un, const char **why);
/* KIND_* of a 12-digit village code, or -1 when not among the regions. */
int pay_region_kind(const struct pay_regions *r, const char *vill);
/* The name of a township or county code; "" when none was given. */
const char *pay_region_name(const struct pay_regions *r, const char *code);
void pay_regions_free(struct pay_regions *r);

/* (end of pay.c) */

// paytab.c — the tables of a pay run, read and written (pay-calc(1), gw-month(1))

/* (paytab.c: declarations follow) */

/*
 * The six tables a month's pay reads, in the order they are read (the
 * regions and the roster before what refers to them, events before
 * cases), each from a file or the store (struct gw_table), bound and
 * handed to the pay engine; the sheet and the budget as pay-calc(1)
 * writes them.  Rejected rows go through gw_reject(run).
 */
enum { PAYT_REGIONS, PAYT_WORKERS, PAYT_EVENTS, PAYT_CASES, PAYT_SCORES,
	PAYT_REWARDS, PAYT_N };
/* What a month without rows of a table is: nothing (events and cases
   are tables of record: a month may close no case), said once, or
   refused naming the table. */
enum { PAYT_NOT, PAYT_SAID, PAYT_ROWS };
struct payt_table {
	const char *opt;	/* pay-calc's option of its file */
	const char *table;	/* the contract and store table */
	const char *const *cols;	/* the columns read */
	int ncol, nreq;		/* the first nreq required */
	int need;		/* PAYT_NOT .. PAYT_ROWS */
};
extern const struct payt_table payt_tables[PAYT_N];

/* A pay run's reading, owned by the caller: pay (pay_month() done),
   reg and run set, the rest zeroed. */
struct payt {
	struct pay *pay;
	struct pay_regions *reg;
	struct gw_run *run;
	long nmonth;		/* rows of the month read (scores, rewards) */
	const char *why;	/* a fault of the engine that stopped a read
				   (a case's subsidy), else NULL */
	int t;			/* the table being read */
	int idx[12];		/* its columns in the current input */
};
/* Reads table t (PAYT_*) from g (path or store set; table and columns
   are set here) into the engine.  The rows that count for its need
   (those of the month for scores and rewards, else those read), or -1:
   said on stderr, or p->why when not. */
long payt_read(struct payt *p, int t, struct gw_table *g,
    const struct csvr_opt *o);
/* The need (PAYT_*) of table t once the tables before it are read:
   scores are not needed when nobody is on the roster. */
int payt_need(const struct payt *p, int t);

#define PAYT_NSHEET	(7 + PAY_NSHEET)	/* the sheet's columns */
extern const char *const payt_sheetcols[PAYT_NSHEET];	/* the pay table's */
/* The sheet's row of worker i (after pay_budget()) as text, in v (the
   money in money[]): 1, or 0 when the worker is not on the roster. */
int payt_row(const struct pay *p, size_t i, const char *v[PAYT_NSHEET],
    char money[PAY_NSHEET][32]);
/* The sheet, or the budget lines b[0..nb), as pay-calc(1) writes them. */
void payt_sheet(const struct pay *p, csvw *w);
void payt_budget(const struct pay *p, const struct pay_regions *reg,
    const struct pay_line *b, size_t nb, csvw *w);

/* (end of paytab.c) */

// load.c — loading contract tables into the store

/* (load.c: declarations follow) */

/*
 * The rules of loading one contract table into the store (gridwork-
 * store(5)): each value checked against its column (colspec.c), the
 * starts rule, links to tables that have rows, keys twice in the load
 * or already in the store, updates in place, households derived from
 * persons, the audit rows.  The caller owns the store and its
 * transaction: every write is inside the transaction the caller began
 * (store_begin()), never committed or rolled back here, so that a
 * command may load several tables in one transaction.  Nothing is read
 * from a file or printed: the caller hands the inputs' headers and
 * records in, refused rows come back through opt->reject, faults as
 * messages.  Invariant: counts.nread == nloaded + nupdated + nrej once
 * load_end() has returned 0.
 */
typedef struct loader loader;

/* A row refused: where it was, the column(s) at fault (NULL: the row)
   and why; rec is the row as given.  Valid during the callback. */
struct load_reject {
	const char *file;	/* the input's name, as load_input() had it */
	long line;
	const char *col;
	const char *why;
	const struct gw_rec *rec;
};
typedef void load_reject_fn(void *arg, const struct load_reject *rj);

struct load_opt {
	const char *table;	/* the contract table, "patrols" */
	int update;		/* 1: a key in the store replaces its row in
				   place (same rowid); 0: the row is refused */
	long maxrej;		/* more refused rows than this (those of
				   load_outside() too) fail the load; -1: any
				   number */
	const char *period_col;	/* a date, datetime or month column: the
				   load replaces the rows of the period (see
				   load_begin()); NULL: a plain load */
	const char *period;	/* the period, a prefix of the stored
				   value: "2026-10" (a month), "2026-10-08" */
	load_reject_fn *reject;	/* called once for every refused row (those
				   of a sorted load, persons, at load_end(),
				   in input order); may be NULL */
	void *arg;		/* reject's */
	int argc;		/* the command line, for the audit rows */
	char **argv;
	const char *note;	/* the load's audit note, or NULL */
};

struct load_counts {
	long nread;		/* rows given, and refused outside */
	long nok;		/* loaded or updated */
	long nloaded;		/* new rows */
	long nupdated;		/* rows of the store replaced */
	long nrej;		/* refused, here or outside */
	long nderived;		/* households rows made from persons */
	long ndeleted;		/* a period's rows not given again */
	int aborted;		/* more than opt.maxrej refused */
};

/* A loader of opt->table over db (opt is copied; its strings, cs and
   db must outlive the loader); NULL when cs has no such table.  Reads
   and writes nothing yet. */
loader *load_new(sqlite3 *db, const colspec *cs, const struct load_opt *opt);
/*
 * Starts the load inside the caller's open transaction (an error when
 * none is open): the table's state at the start, its link checks, and
 * for a first load into an empty table its secondary indexes dropped
 * (made again at load_end()).  With opt->period_col, the rows of the
 * store whose period_col begins with opt->period are the ones the load
 * replaces: a row outside the period is refused, a row whose key is one
 * of them replaces it in place, and those not given again are deleted
 * at load_end(); a row whose key is in the store outside the period is
 * refused; rows of other periods stay as they were.  Loading the same
 * rows again leaves the same rows with the same rowids.  0, or -1 with
 * *why (valid until the next call on ld).
 */
int load_begin(loader *ld, const char **why);
/* An input begins: name for messages, its header names hdr[0..n) as the
   reader gives them (canonical, csvr_header()); n == 0 is an empty
   input.  A column the table requires and the header lacks is a fault,
   one line of *why for each.  0 or -1. */
int load_input(loader *ld, const char *name, const char *const *hdr,
    size_t n, const char **why);
/* One record of the current input: 0 loaded (or packed, for persons),
   1 refused (through opt->reject), -1 a fault or more than maxrej
   refused (counts.aborted), with *why. */
int load_row(loader *ld, const struct gw_rec *rec, const char **why);
/* n rows of the load were refused by the caller before they reached
   load_row() (a malformed record): counted as read and refused, and
   against maxrej. */
void load_outside(loader *ld, long n);
/* The end of the inputs: the sorted phase of persons, the households,
   the indexes, the period's rows not given again, the audit rows (in
   the caller's transaction, to be committed with the rows).  0 or -1
   with *why; after -1 the caller must roll back. */
int load_end(loader *ld, const char **why);
void load_counts(const loader *ld, struct load_counts *c);
void load_free(loader *ld);	/* NULL is fine */
/* An export of table is accounted for before its first row is read:
   an audit row with the table's rows as rows_read, inside the caller's
   transaction.  0, or -1 with *why. */
int load_export_audit(sqlite3 *db, int argc, char **argv, const char *table,
    const char **why);

/* (end of load.c) */

// month.c — the month from the store: one transaction, every stage (gw-month(1))

/* (month.c: declarations follow) */

/*
 * The month of a county from the store (gw-month(1)), inside the one
 * transaction the caller holds (store_begin() ... store_commit()): the
 * month's files loaded (month_load()), then each stage over the store
 * through the engines, its rows replacing the month's rows of its table
 * (so a month run again leaves the same store) and, given a writer, out
 * as the single command writes them.  Nothing is committed, printed or
 * exited here: -1 with m->why, a summary line a step through m->note.
 */
struct month_table {
	const char *name;	/* the contract table */
	const char *period_col;	/* the month's rows are replaced (a date,
				   time or month column), or NULL: a
				   register, its rows updated in place */
};
/* The tables a month loads from files, in loading order (links first). */
const struct month_table *month_tables(size_t *n);

struct month {
	sqlite3 *db;		/* the store, a transaction open */
	const char *store;	/* its name in messages */
	const colspec *cs;	/* of db */
	const policy *pol;
	calendar *cal;		/* working days */
	int argc;		/* the command line, for the audit rows */
	char **argv;
	void (*note)(void *arg, const char *line);	/* a step's summary,
				   a warning; may be NULL */
	void *arg;
	/* set by month_init() */
	char month[8];		/* YYYY-MM */
	long first, last;	/* its days */
	/* out */
	long nscores;		/* workers scored */
	long npaid;		/* workers paid */
	char why[1024];		/* the last fault */
};
/* m zeroed but for the fields above month; 0, or -1 (a bad month). */
int month_init(struct month *m, const char *ym);
/* For the stages: a line said through m->note (when set), and a fault
   written into m->why (returns -1). */
void month_note(struct month *m, const char *fmt, ...);
int month_fail(struct month *m, const char *fmt, ...);
/* Loads the file path into table with gw-load's rules: a table of a
   period has its month's rows replaced, a register is updated in place;
   refused rows go through gw_reject(run).  c gets the counts.  0, or -1
   (a fault of the load: the caller rolls back). */
int month_load(struct month *m, const char *table, const char *path,
    struct gw_run *run, const struct csvr_opt *o, struct load_counts *c);
/* The month's events of the store without a category get the category
   of the policy's first rule that matches their text (category.c, as
   event-report --classify); those no rule matches stay without.  0 or
   -1. */
int month_classify(struct month *m);
/* The month's scores from the store (score.c): the assignment, workers,
   grids, events, cases and the month's activity; a required table
   without rows for the month is a fault naming it (-1), an empty bonus
   a warning.  The scores replace the month's rows of scores; out, when
   not NULL, gets them as score-month(1) writes them.  0 or -1. */
int month_score(struct month *m, csvw *out, struct gw_run *run);
/* month_case.c: the month's classified events without an order get one
   (route.c), the new orders added to the store; out, when not NULL, gets
   every order of the month's events as case-route(1) writes them.
   Rejected events go through run.  0 or -1. */
int month_route(struct month *m, csvw *out, struct gw_run *run);
/* month_case.c: every case replayed from the stored orders and case log
   as of the month's last second (track.c); the cases the month tracks
   written into the store with month = the month, but not one a later
   month wrote, nor one closed before the month that has a row already;
   out, when not NULL, gets every case as case-track(1) writes them.
   Orders without a log, or a log without orders, are a fault naming the
   table.  0 or -1. */
int month_track(struct month *m, csvw *out, struct gw_run *run);
/* The month's pay from the store (month_pay.c: pay.c through paytab.c,
   as pay-calc -d): the regions, the roster, events, cases, the month's
   scores (none: a fault naming the table) and rewards (none: said).
   The sheet replaces the month's rows of pay; sheet and budget, when
   not NULL, get the sheet and the budget lines as pay-calc(1) writes
   them.  0 or -1. */
int month_pay(struct month *m, csvw *sheet, csvw *budget,
    struct gw_run *run);
/* The month's population registers by grid at its last day, and its
   key-person visits (month_pop.c: pop.c through poptab.c, as pop-report
   -d): the store's base grids and persons, its workers and the month's
   visits (none of either: a fault naming the table).  Written, when not
   NULL, to reg (pop-report --as-of LAST), shortw (--month) and sumw
   (--month --summary).  Nothing goes into the store.  0 or -1. */
int month_pop(struct month *m, csvw *reg, csvw *shortw, csvw *sumw,
    struct gw_run *run);
/* Whether n rows of table name are enough for the month: 0 when n > 0
   or [sect] unused_inputs lists it; an optional one (required 0) is
   said through m->note; else -1 with m->why "STORE:T: no rows of 'T'
   for M: a period without them is not VERB (...)". */
int month_need(struct month *m, const char *sect, const char *name, long n,
    int required, const char *verb);

/*
 * month_sink.c: a result's rows into the store, through the loader
 * (checked and audited as a load).  month_sink_open() starts replacing
 * the month's rows (column month) of table, whose columns are
 * cols[0..n); month_sink_open_as() names the period column (NULL: rows
 * added) and whether rows are updated in place.  Each row is a record
 * v[0..n) of the columns, text as a file holds it (month_sink_row());
 * month_sink_close() ends the load, its counts in c; month_sink_drop()
 * abandons it after a fault.  A row refused is a fault of the stage (-1
 * with m->why).
 */
struct month_sink {
	struct month *m;
	loader *ld;
	struct sbuf ar;		/* one record's fields */
	size_t off[32];
	size_t nf;
	long line;		/* the last row's line (1: the header) */
	int refused;		/* a row was refused, said in m->why */
};
/* A result row the loader refused, a fault of this program, into m->why
   as "FILE: result row N: column 'x': reason". */
void month_refused(struct month *m, const struct load_reject *rj);
int month_sink_open(struct month *m, struct month_sink *k, const char *table,
    const char *const *cols, size_t n);
int month_sink_open_as(struct month *m, struct month_sink *k,
    const char *table, const char *const *cols, size_t n,
    const char *period_col, int update);
int month_sink_row(struct month_sink *k, const char *const *v, size_t n);
int month_sink_close(struct month_sink *k, struct load_counts *c);
void month_sink_drop(struct month_sink *k);

/* (end of month.c) */

// gridstore.c — grid assignments and the history of codes in the store

/* (gridstore.c: declarations follow) */

/*
 * The division of a county kept in the store (share/sql/004-month.sql):
 * assignment (a row a household), grids, grid_codes (every code ever
 * issued, when, and when retired; never deleted) and profiles (the
 * policy each county was last run with).  grid-code -d is the driver.
 */
typedef struct gridstore gridstore;
/* The store's previous division into d, between div_prev_begin() and
   div_prev_end(): the grids table, the codes of grid_codes no longer in
   it as retired grids (never issued again), the assignment.  1 when the
   store holds an assignment, 0 when none (d untouched), -1 with *why. */
int gridstore_previous(sqlite3 *db, struct division *d, const char **why);
/* A write-back of divided villages, inside the caller's transaction or,
   when none is open, its own (BEGIN IMMEDIATE, committed by
   gridstore_end(), rolled back by gridstore_free() before that).  NULL
   with *why. */
gridstore *gridstore_new(sqlite3 *db, const char **why);
/* A village the engine divided (d's divided callback): its assignment
   rows replace the village's (not for a carried village), its grids are
   upserted with their status, new codes enter grid_codes, retired ones
   get retired_at.  0, or -1 with *why. */
int gridstore_village(gridstore *gs, const struct division *d,
    const struct div_village *V, const char **why);
/* The audit row (argv: the command line), then the commit when the
   transaction is gridstore_new()'s.  0, or -1 with *why. */
int gridstore_end(gridstore *gs, int argc, char **argv, const char **why);
void gridstore_free(gridstore *gs);
/*
 * The profile check every command run on a store should make: when -p
 * was not given and the store records another profile than used
 * (policy_name()) for one of its counties, 1 and a warning in buf ("no
 * -p: this run uses profile 'gansu', but county 140824 of the store was
 * run with 'jishan' (give -p jishan)"); else 0.  A command run with -p
 * that writes the store records it with gridstore_profile_record(), in
 * its transaction, for every county of the store's regions.
 */
int gridstore_profile_note(sqlite3 *db, const char *used, char *buf,
    size_t n);
int gridstore_profile_record(sqlite3 *db, const char *used,
    const char **why);
/* Both in one call for a command that writes the store: given, the -p
   of the run (NULL: none), recorded; else the note as above.  1 with
   the note in buf, 0, or -1 with *why (the policy, the store). */
int gridstore_profile(sqlite3 *db, const char *given, char *buf, size_t n,
    const char **why);
/* The same for a command that reads the store at path through db (which
   may be read-only): given, the profile used is recorded through a
   connection and a transaction of its own, with an audit row (action
   'profile', argv the command line) when that changes a row; a
   read-only store records nothing (1, said in buf).  Else the note.
   0, 1 with the note in buf, or -1 with *why. */
int gridstore_profile_use(const char *path, sqlite3 *db, const char *given,
    const char *used, int argc, char **argv, char *buf, size_t n,
    const char **why);
/* gridstore_profile_use() for a command's main(): the note said as a
   warning on stderr, a fault said; 0, or -1 (the caller exits). */
int gridstore_profile_cmd(const char *path, sqlite3 *db, const char *given,
    const char *used, int argc, char **argv);

/* The store of grid-code -d: opened read-only unless writable, with a
   page cache of 4 MB (the households are read once, in index order).
   NULL with the message in buf[0..n). */
sqlite3 *gridstore_open_read(const char *path, char *buf, size_t n);
/* Reads cols of table, rows in order (NULL: rowid), through hdr and rec
   with arg, a store row named STORE:TABLE with its rowid as its line:
   table_loop()'s answer. */
int gridstore_read(struct gw_run *run, sqlite3 *db, const char *store,
    const struct csvr_opt *ro, const char *table, const char *const *cols,
    size_t ncols, const char *order, gw_hdr_fn *hdr, gw_rec_fn *rec,
    void *arg);
/* 0 when the store has regions, else -1 with the message in buf[0..n)
   (none: load them, or give -R; or they cannot be read). */
int gridstore_regions(sqlite3 *db, const char *store, char *buf, size_t n);
/* What to divide: 1 households, 0 (no households) persons, -1 with the
   message in buf[0..n) when neither can be read or both are empty. */
int gridstore_households(sqlite3 *db, const char *store, char *buf,
    size_t n);

/* (end of gridstore.c) */

// staff.c — staffing and coverage: posts, vacancies, tiers (gw-staff(1))

/* (staff.c: declarations follow) */

/*
 * The staffing engine (gridwork-rules(7), STAFFING; gw-staff(1)): the
 * grids of a division and the workers of a roster in, the posts as of a
 * date out.  A worker is on post from hired_on to left_on, both days
 * included; the vacancy of a grid with nobody on post starts the day
 * after its last worker left.  A worker of an 18-digit micro-grid code
 * is counted in its grid.  The state is a struct the caller owns; the
 * engine reads no file and prints nothing.
 */
struct staff_grid {
	char code[16];
	int kind;		/* KIND_* of its village */
	int ded;		/* 1: dedicated */
	long hh;		/* households */
	long nw, nfull;		/* workers on post, full-time ones */
	long lastleft;		/* latest left_on before the date, or
				   LONG_MIN: none left */
	long later;		/* workers hired after the date */
};

/* A roster row (fields trimmed, NUL-terminated). */
struct staff_row {
	const char *id, *role, *grid, *emp, *hired, *left;
	size_t idn, rolen, gridn, empn, hiredn, leftn;
	const char *person;	/* id_number, "" when not given */
	size_t personn;
	long line;		/* named when a later row conflicts */
};

struct staff {
	long asof;		/* the date of the report (day number) */
	const policy *p;	/* roles: [pay] base.ROLE and [staff] roles */
	const char *col;	/* the column of the last rejected row */
	char why[256];		/* its reason */

	/* the engine's */
	strtab *gid, *wid;
	struct staff_grid *g;
	size_t ng, capg;
	char **extra;		/* [staff] roles: extra team roles */
	size_t nextra;
	struct staff_conflict *cf;	/* [staff] conflict.NAME */
	size_t ncf;
	strtab *pid;		/* persons on post (id_number) */
	strtab *onpost;		/* workers on post at the date (worker_id) */
	struct staff_held *held;	/* each of onpost, in its order */
	size_t capheld;
	strtab *roles;		/* the roles of held */
	struct sbuf *proles;	/* their roles, each "role\037line\036" */
	size_t cappid;
};

/* A worker on post at the date: onpost's i-th. */
struct staff_held {
	long hired;		/* hired_on, or LONG_MIN: not known */
	char grid[19];		/* as on the roster: 15 or 18 digits */
	size_t role;		/* in roles */
};

struct staff_conflict;
/* 0, or -1 with why ([staff] conflict.NAME malformed: "A ... / B ..."). */
int staff_init(struct staff *s, const policy *p, long asof);
void staff_free(struct staff *s);
/* A grid of the division: 0, 1 rejected (s->col, s->why).  kind: of its
   village (KIND_*). */
int staff_grid(struct staff *s, const char *code, size_t n, int kind,
    const char *hh, size_t hhn);
/* After the last grid: the grids in code order, for the workers. */
void staff_grids_end(struct staff *s);
/* A worker: 0, 1 rejected. */
int staff_worker(struct staff *s, const struct staff_row *r);
/* A past spell on a grid's post (posts: grid_code, worker_id, from_on,
   to_on; fields trimmed, NUL-terminated): one that ended before the
   date counts as a leaving for the grid's vacancy, as a roster row's
   left_on does; the roster alone says who is on post.  0, 1 rejected. */
int staff_post(struct staff *s, const char *grid, size_t gridn,
    const char *worker, size_t workern, const char *from, size_t fromn,
    const char *to, size_t ton);
/* Days a grid has been vacant at the date (the date counted), or -1:
   staffed, or never staffed (lastleft LONG_MIN). */
long staff_vacant_days(const struct staff *s, const struct staff_grid *g);
/* "no_worker", "no_fulltime" (an urban base grid with workers and no
   full-time one) or "". */
const char *staff_problem(const struct staff_grid *g);

/* (end of staff.c) */

// staffrank.c — the scores and the roster: replacement, the top ten (gw-staff(1))

/* (staffrank.c: declarations follow) */

/*
 * From score-month's monthly rows (a file or the store's scores), of
 * the latest month scored not after the month of a date (ref): the
 * workers graded [staff] replace_grade (default 不称职) in at least
 * [staff] replace_months (default 3) consecutive months ending then,
 * and the top [staff] top (default 10) of each county by score, in
 * competition ranks (ties by worker id).  The state is the caller's.
 */
struct staff_score;
struct staff_rank {
	long nmonths;		/* [staff] replace_months */
	long top;		/* [staff] top */
	const char *grade;	/* [staff] replace_grade */
	long term, notice;	/* [staff] term_years, renew_days */
	long limit;		/* the date's month, y * 12 + m - 1 */
	long ref;		/* the latest month read, or -1 */
	const char *col;	/* the column of the last rejected row */
	char why[256];		/* its reason; or the policy's error */

	/* the engine's */
	strtab *str, *seen;
	struct staff_score *r;
	size_t n, cap;
};
/* A row of the scores (fields trimmed, NUL-terminated). */
struct staff_rank_in {
	const char *month, *who, *grid, *town, *score, *grade;
	size_t monthn, whon, gridn, townn, scoren, graden;
};
/* A worker of a list: strings valid until staff_rank_free(). */
struct staff_rank_out {
	const char *who, *grid, *town, *grade;
	int64_t h;		/* the score of the month to, hundredths */
	long from, to;		/* months (y * 12 + m - 1) of the run */
	long months;		/* --replace: the run's length */
	long rank;		/* --top: the rank in the county */
};
/* 0, or -1 with k->why: a [staff] key of the lists malformed
   (replace_months, replace_grade, top, term_years, renew_days), said
   before a row is read. */
int staff_rank_init(struct staff_rank *k, const policy *p, long asof);
void staff_rank_free(struct staff_rank *k);
/* A scores row: 0, 1 rejected (k->col, k->why); rows of a month after
   the date's are skipped. */
int staff_rank_row(struct staff_rank *k, const struct staff_rank_in *in);
/* The workers to replace, by worker id; those not in onpost (when not
   NULL) are left out: gone already.  *out is the caller's to free. */
size_t staff_replace(struct staff_rank *k, const strtab *onpost,
    struct staff_rank_out **out);
/* The month's top of each county, by county and rank. */
size_t staff_top(struct staff_rank *k, struct staff_rank_out **out);
/* A worker on post whose term ends within [staff] renew_days of the
   date, the terms [staff] term_years long from hired_on (续聘 due). */
struct staff_renewal {
	const char *who, *grid, *role;
	long hired, ends;	/* days: hired_on, the term's last day */
	long left;		/* days from the date to ends */
	const struct staff_rank_out *last;	/* the worker's last score
					   (to is its month), or NULL */
	struct staff_rank_out lastbuf;
};
/* The renewals due, by days left and worker id, with each worker's
   last score from k when k has rows (the term and notice of
   staff_rank_init()); their number.  *out is the caller's to free. */
long staff_renewals(struct staff_rank *k, const struct staff *s,
    struct staff_renewal **out);
/* A month y * 12 + m - 1 as "2026-10". */
void staff_ymfmt(long m, char out[8]);

/* (end of staffrank.c) */

// stafftier.c — the 三长两员 tiers against the profile's norms (gw-staff(1))

/* (stafftier.c: declarations follow) */

/* One norm of one area: [staff] tier.ROLE against those on post. */
struct staff_tier {
	char area[16];		/* township, village or grid code */
	const char *role;	/* the policy's strings */
	const char *norm;	/* "village 1", "households 6-10" */
	long want_min, want_max, have;
	const char *problem;	/* "short", "over" or "" */
};
/* The rows of every [staff] tier.ROLE for the areas of the grids of
   [staff] tier_kinds (default rural), by area code; -1 with why: a
   norm malformed.  *out is the caller's to free. */
long staff_tiers(const struct staff *s, const policy *p,
    struct staff_tier **out, char *why, size_t wn);
/* The norms alone, before any row is read: 0, or -1 with why. */
int staff_tiers_check(const policy *p, char *why, size_t wn);

/* (end of stafftier.c) */

// stafftab.c — gw-staff's tables read into the staffing engines (gw-staff(1))

/* (stafftab.c: declarations follow) */

enum staff_tab { STAFFT_REGIONS, STAFFT_GRIDS, STAFFT_WORKERS, STAFFT_POSTS,
	STAFFT_SCORES, STAFFT_NTAB };

/* The caller fills run, ro, st (and rk for the scores), db and store
   (NULL: files only); the rest is stafftab.c's. */
struct staff_tabs {
	struct gw_run *run;
	const struct csvr_opt *ro;
	struct staff *st;	/* regions, grids, workers, posts */
	struct staff_rank *rk;	/* scores */
	sqlite3 *db;
	const char *store;
	strtab *vil;		/* villages of the regions: their kinds */
	int *vkind;
	size_t capv;
	int idx[8];
};
/* Table which from path, or from the store when path is NULL; regions
   before grids.  The rows read, or -1 (said): a table that cannot be
   read, or a store's that has no rows when need is 1. */
long stafft_read(struct staff_tabs *t, enum staff_tab which,
    const char *path, int need);
void stafft_free(struct staff_tabs *t);

/* (end of stafftab.c) */

// report.c — the monthly analysis for leaders (gw-report(1))

/* (report.c: declarations follow) */

/*
 * The analysis of a month, quarter or year for leaders (gw-report(1)):
 * report_init() with the policy and the options, report_read() every
 * table (the store's, regions from a file when given), report_make()
 * the tables, then report_html() or report_table() for each sheet.
 * The figures and their definitions are gw-report(1)'s.  Functions
 * that fail return -1 with *why; a table that cannot be read has been
 * said through the run (gw_missing, gw_reject) already.
 */
typedef struct report report;
struct report_opt {
	const char *month;	/* YYYY-MM, when year is 0 */
	int year, quarter;	/* --year Y (quarter 0), --quarter Y-Qn */
	const char *area;	/* county, township or village code; NULL:
				   the county of the regions */
	int by;			/* LVL_TOWN ... LVL_GRID, 0: the next level */
};
/* *r is set even on -1: report_free() it. */
int report_init(report **r, const policy *pol, const struct report_opt *o,
    const char **why);
/* regions, visits: files read instead of the store's table, or NULL. */
int report_read(report *r, sqlite3 *db, const char *store, const colspec *cs,
    const char *regions, const char *visits, struct gw_run *run,
    const struct csvr_opt *ro, const char **why);
void report_make(report *r);
/* The whole page, self-contained, into b. */
int report_html(report *r, struct sbuf *b, const char **why);
/* The tables, in the page's order: the title, and ncol x nrow cells
   (row-major) under ncol headings, as the page shows them. */
size_t report_ntables(const report *r);
const char *report_table(const report *r, size_t i, size_t *ncol,
    size_t *nrow, const char *const **head, const char *const **cell);
void report_free(report *r);

/* (end of report.c) */

// svg.c — charts drawn as inline SVG

/* (svg.c: declarations follow) */

/*
 * A chart of n categories (bars) or n points in time (lines), nseries
 * series of values v[s][0..n); NaN is a value missing (a gap in a
 * line, no bar).  pct: values are fractions in [0, 1], the scale runs
 * to 100 %; else it runs to a round number above the largest value
 * (stacked: the largest sum).  The strings are the caller's.
 */
struct svg_chart {
	const char *title;		/* for screen readers and tooltips */
	const char *const *labels;	/* labels[0..n) */
	size_t n;
	const char *const *series;	/* names of the series (a legend
					   when there are two or more) */
	const double *const *v;
	size_t nseries;
	int pct;			/* 1: rates */
	int stacked;			/* bars: series end to end */
};
/* Adds s to b escaped for XML text and attribute values. */
void svg_esc(struct sbuf *b, const char *s);
/* Adds an <svg> element (no namespace needed inline in HTML) to b. */
void svg_bars(struct sbuf *b, const struct svg_chart *c);
void svg_lines(struct sbuf *b, const struct svg_chart *c);

/* (end of svg.c) */

// year.c — yearly obligations: training register, reporting on time, departments' lists

/* (year.c: declarations follow) */

/*
 * The training register of a year (gridwork-rules(7), ASSESSMENT:
 * training over the year; gw-train(1)) as an engine: the caller owns a
 * struct train, sets the policy ([train]) and the year with its as-of
 * day, hands in the rows of the workers, the sessions, then the
 * trainings (train_row), and takes the rows out: train_areas() (sessions
 * held by each organising area against its level's minimum, its workers
 * reached) and train_workers() (each worker's attendance by level and
 * pre-service training).  Nothing here reads a file or prints.
 */
enum { TRAIN_COUNTY, TRAIN_TOWNSHIP, TRAIN_VILLAGE, TRAIN_NLVL };
extern const char *const train_lvlname[TRAIN_NLVL];	/* "county" ... */
enum train_tab { TRAIN_WORKERS, TRAIN_SESSIONS, TRAIN_TRAININGS,
	TRAIN_NTAB };
extern const struct score_table train_tables[TRAIN_NTAB];

struct train_worker {
	uint32_t id, grid, town;	/* strtab indexes */
	long hired;		/* day, LONG_MIN when not given */
	long att[TRAIN_NLVL];	/* sessions attended, by level */
	long induction;		/* first induction attended, LONG_MIN none */
};

struct train_session {
	long day;
	int lvl;		/* TRAIN_* */
	int induction;		/* kind induction (入职培训) */
	uint32_t area;		/* strtab index of its organising area */
};

/* A row of train_areas(). */
struct train_area {
	const char *code;	/* the area's division code */
	int lvl;
	long sessions, min;	/* held by as-of; the policy's minimum */
	long workers, reached;	/* its workers by as-of; those trained */
};

struct train {
	long min[TRAIN_NLVL];	/* [train] sessions_min.LEVEL */
	int year;
	long first, asof;	/* the year's first day, the as-of day */
	strtab *str, *wid, *sid, *seen;
	struct train_worker *w;
	size_t nw, capw;
	struct train_session *s;
	size_t ns, caps;
	const char *rcol;	/* the last rejected row: its column */
	struct sbuf why;	/* and the reason */
	struct sbuf err;
};

void train_init(struct train *t);
void train_free(struct train *t);
/* [train] of pol, and the year and as-of day (in the year): -1, *why. */
int train_setup(struct train *t, const policy *pol, int year, long asof,
    const char **why);
/* One row, fields in train_tables[tab].cols order: 0 accepted, 1
   rejected (t->rcol, t->why.s). */
int train_row(struct train *t, enum train_tab tab,
    const struct score_field *f);
/* The organising areas, by code (a county before its townships):
   every area of a level whose minimum is above 0 that has workers, and
   every area that held a session.  free() it. */
struct train_area *train_areas(struct train *t, size_t *n);
/* 1 when w was hired in the year by as-of without an induction session
   attended by hired_on: started untrained. */
int train_untrained(const struct train *t, const struct train_worker *w);
const char *train_str(const struct train *t, uint32_t i);

/*
 * A department's list against the census (gridwork-rules(7),
 * POPULATION: departments' lists; gw-match(1)): the list's ID numbers,
 * then the assignment (household to grid) and the workers, then every
 * person of the register; each listed or tagged person comes out as one
 * of the four kinds, by grid.
 */
enum { MATCH_MATCHED, MATCH_UNTAGGED, MATCH_UNLISTED, MATCH_UNREGISTERED,
	MATCH_NKIND };
extern const char *const match_kindname[MATCH_NKIND];
enum match_tab { MATCH_LIST, MATCH_ASSIGN, MATCH_WORKERS, MATCH_PERSONS,
	MATCH_NTAB };
extern const struct score_table match_tables[MATCH_NTAB];

struct match_row {
	int kind;
	uint32_t grid;		/* strtab index; 0: "" (not in the register) */
	uint32_t id, name, lname, tags;	/* number, register's name, list's
					   name, the person's tags field */
};

struct match {
	pop *pop;		/* the [pop] tag spellings */
	long tag;		/* the list's tag */
	strtab *str;		/* [0] = "" */
	strtab *lid;		/* listed number -> index into lname, lseen */
	uint32_t *lname;	/* the list's name of each */
	char *lseen;		/* 1: found in the register */
	strtab *hh;		/* household -> index into hgrid */
	uint32_t *hgrid;
	strtab *gw;		/* grid -> index into gworkers */
	struct sbuf *gworkers;	/* workers of each grid, joined by ';' */
	idset *pseen;		/* persons read */
	struct match_row *r;
	size_t nr, capr;
	const char *rcol;
	struct sbuf why;
};

/* The tag by any spelling of [pop] tag.NAME: -1 and *why. */
int match_init(struct match *m, const policy *pol, const char *tag,
    const char **why);
void match_free(struct match *m);
int match_row(struct match *m, enum match_tab t,
    const struct score_field *f);
/* After the persons: the unregistered, and every row in order (grid,
   kind, id number); *n rows. */
struct match_row *match_rows(struct match *m, size_t *n);
const char *match_str(const struct match *m, uint32_t i);
/* The workers of grid g ("" none). */
const char *match_workers(const struct match *m, uint32_t g);

/*
 * Two snapshots of the register compared (gridwork-rules(7),
 * POPULATION: register changes; gw-match(1) --compare): the old
 * snapshot's persons, each with its household, grid and tags, then the
 * new one's; a person added, removed, moved to another household or
 * grid, a tag gained or lost is one change row.  The match's tables and
 * strings serve both: MATCH_ASSIGN rows of the old assignment go in with
 * old set.
 */
enum { CMP_ADDED, CMP_REMOVED, CMP_HOUSEHOLD, CMP_GRID, CMP_GAINED,
	CMP_LOST, CMP_NKIND };
extern const char *const cmp_kindname[CMP_NKIND];

struct cmp_person {
	uint32_t id, name, hh, grid;	/* match strings */
	uint64_t tags;			/* tag bits */
	int seen;			/* in the new snapshot */
};

struct cmp_row {
	int kind;
	uint32_t grid;		/* the new grid; removed: the old one */
	uint32_t id, name;
	uint32_t from, to;	/* household or grid; a tag gained in to,
				   one lost in from */
};

struct cmp {
	struct match m;		/* strings, households, workers, the tags */
	strtab *oldhh;		/* the old assignment (NULL: the new one's) */
	uint32_t *oldgrid;
	strtab *pid;		/* old person -> index into p */
	struct cmp_person *p;
	size_t np, capp;
	struct cmp_row *r;
	size_t nr, capr;
	int old;		/* 1: the rows are the old snapshot's */
};

int cmp_init(struct cmp *c, const policy *pol, const char **why);
void cmp_free(struct cmp *c);
/* An assignment row (of the old assignment when c->old), or a person
   of the snapshot c->old says; 0, or 1 rejected (c->m.rcol, why). */
int cmp_row(struct cmp *c, enum match_tab t, const struct score_field *f);
/* After the new snapshot: the removed, every row by grid, kind, id. */
struct cmp_row *cmp_rows(struct cmp *c, size_t *n);

/* (end of year.c) */

// model.c — the statistical event classifier: character n-grams, a linear model

/* (model.c: declarations follow) */

/*
 * A classifier of event texts trained from a labelled corpus (model.c's
 * top comment says how a text becomes features).  A model is read-only
 * once loaded or trained: threads may share one.  Classes are category
 * codes ("01", "0703"), sorted; a class index is into that order.
 */
typedef struct evmodel model;
#define MODEL_MAXCLASS 64
#define MODEL_MAXF 3072		/* n-gram occurrences counted a text */

struct model_ex {		/* one labelled text */
	const char *code;	/* its category code, 2 or 4 digits */
	const char *text;	/* text[0..n), UTF-8 */
	size_t n;
};

/* Trains on ex[0..n) (L2-regularised logistic regression, cost C):
   deterministic; NULL with *why (static) when fewer than 2 classes. */
model *model_train(const struct model_ex *ex, size_t n, double C,
    const char **why);
/* Writes the model file (identical bytes for identical models); 0, or
   -1 on a write error. */
int model_write(const model *m, FILE *fp);
/* Reads a model file; NULL with *why ("FILE:LINE: reason", static). */
model *model_load(const char *path, const char **why);
void model_free(model *m);
int model_nclass(const model *m);
const char *model_class(const model *m, int c);	/* its code */
size_t model_nfeat(const model *m);
/* The most probable class of text[0..n), its probability in *conf
   (0..1, over all classes). */
int model_predict(const model *m, const char *text, size_t n,
    double *conf);
/* What made class c: the text's known n-grams and their part of c's
   score, largest first, at most cap of them into out. */
struct model_why {
	const char *gram;	/* into the model */
	int count;		/* occurrences in the text */
	double weight;		/* their part of the score */
};
size_t model_explain(const model *m, const char *text, size_t n, int c,
    struct model_why *out, size_t cap);

/* A labelled corpus in memory: the examples own their strings. */
struct corpus {
	struct model_ex *ex;
	size_t n, cap;
};
void corpus_add(struct corpus *c, const char *code, const char *text,
    size_t n);
void corpus_free(struct corpus *c);
/* Reads corpus files (category<TAB>text, TSV unless o says otherwise)
   through gw_loop: a category t does not know, or an empty text, is
   rejected; a code is stored as t spells it.  0, or -1 (said). */
int corpus_read(struct corpus *c, const struct cattab *t,
    struct gw_run *run, int argc, char **argv, const struct csvr_opt *o);

#define MODEL_COST 128.0	/* liblinear's C, measured by --cv */

/* What model_learn() did. */
struct learn_count {
	size_t added;		/* corrections of texts new to the county */
	size_t changed;		/* ... that relabel a text it had */
	size_t known;		/* ... that it had with the same label */
	size_t own;		/* texts of the county's corpus now */
	size_t texts;		/* texts the model was trained on */
};
/*
 * Learns the corrections fix (texts with the category an officer gave):
 * they replace the texts they repeat in the county's own corpus, the
 * file of [event] learned, which is rewritten; then the model of
 * [event] model is trained again, from the corpus of [event] corpus (a
 * glob(3) pattern) less the texts the county corrected, and the
 * county's corpus, each of its texts counted three times.  Files are
 * replaced through a temporary file and rename(2).  The rules keep
 * their precedence: cat_decide() asks the model only when none matches.
 * 0, or -1 with *why.
 */
int model_learn(const struct cattab *t, const struct corpus *fix,
    struct gw_run *run, struct learn_count *lc, const char **why);

/* (end of model.c) */

// split.c — cutting an input at record boundaries for counting on several cores

/* (split.c: declarations follow) */

/*
 * The first offset past a line feed at or after at that is proven to
 * begin a record of the text file fd of n bytes, scanned from its start
 * with csvr.c's quote rules (tsv: no quoting), a block at a time; -1
 * when none is proven (a stray quote, an unclosed one, text after a
 * closing quote, no line feed after at, a read error).
 */
int64_t split_cut(int fd, int64_t n, int64_t at, int tsv);

/* (end of split.c) */

// evreport.c — one run of event-report's rules: rows checked, classified,
// counted or kept, duplicates taken back, the reports' rows (gridwork-rules(7), EVENTS)

/* (evreport.c: declarations follow) */

/* What the run makes (event-report's modes). */
enum { EVM_REPORT, EVM_CLASSIFY, EVM_ZERO, EVM_URGENT, EVM_PARTIAL };
/* Columns of the events contract (gridwork-store(5)); the first
   EVR_NREQ are required, the others may be absent. */
enum { EVR_ID, EVR_GRID, EVR_REP, EVR_FOUND, EVR_SRC, EVR_REPORTER,
	EVR_CAT, EVR_TEXT, EVR_NCOL };
#define EVR_NREQ 5
extern const char *const evr_colname[EVR_NCOL];

/*
 * Checks an event row's event_id (not empty), grid_code and reported_at,
 * the columns col[0], col[1], col[2] of rec: 0 with *rep the time
 * reported, or 1 when it rejected the row through run (event-report,
 * case-route).
 */
int ev_check(struct gw_run *run, const char *file, const struct gw_rec *rec,
    const int col[3], int64_t *rep);

/*
 * One run.  The caller sets period (not for --classify), cats, late_secs
 * and run after evrun_init(); with EVM_CLASSIFY it makes the writer
 * over the stream evrun_classify() returns (out).  Then gw_loop() with
 * evrun_hdr/evrun_rec (events), evrun_part_hdr/evrun_part_rec (--merge)
 * or evrun_grid_hdr/evrun_grid_rec (-G), arg the struct; then
 * evrun_finish(), then evrun_write().
 * Invariant: every event row is rejected once or counted once.
 */
struct evrun {
	int mode;		/* EVM_* */
	struct evper period;	/* the period and the one before */
	int bylvl;		/* output level: 6, 9, 12, 15 ... */
	int tablvl;		/* level counted at */
	uint64_t tabdiv;	/* grid code / tabdiv = area at tablvl */
	const struct cattab *cats;	/* categories, urgencies, rules */
	int64_t late_secs;	/* immediate and later than this: late */
	int late;		/* --late: EVM_URGENT lists every late event */
	const char *explain;	/* --classify --explain: this event_id */
	struct sbuf why;	/* what decided it, once found */
	struct gw_run *run;	/* where rows are rejected */
	csvw *out;		/* --classify: the writer over evrun_classify()'s */

	/* private */
	int col[EVR_NCOL];	/* columns of the current events file */
	int pcol[3 + EV_NK];	/* --merge: period, grid_code, category, counts */
	int gcol;		/* -G: grid_code */
	struct evtab tab;
	struct evdup dup;
	int untallied;		/* counts were taken back */
	/* --classify: written through a memory stream to know each
	   record's length, then spooled */
	FILE *ms;		/* the writer's stream */
	char *msbuf;		/* its buffer and length (open_memstream) */
	size_t mslen;
	FILE *cout;		/* where the classified rows go at the end */
	FILE *cspool;		/* the classified records, header first */
	uint64_t cpos;		/* bytes written to cspool */
	uint64_t cdone;		/* bytes of cspool copied or skipped */
	int first;		/* the first events file sets the header */
	char **oname;		/* output columns */
	size_t no;
	size_t ocat, osrc, ourg;	/* where the three go */
	size_t oevsrc;		/* the source column, written canonical */
	int *omap;		/* output column -> input column, or -1 */
	/* --urgent: the urgent events of the period spooled in input order
	   (uint64 ordinal, uint32 length, sort record), then sorted */
	FILE *uspool;
	struct sbuf urec;	/* the record being written or read */
	uint64_t uord;		/* its ordinal, when uhave */
	int uhave;		/* urec holds a record read back */
	xsort *usort;		/* sort records, oldest first */
	/* -G grids */
	uint64_t *grid;
	size_t ngrid, capgrid;
	/* the second part of a split file (evrun_split): notes for the
	   duplicate finder kept, given to the first part's at the end */
	uint64_t fileidx;	/* the file's index in the first's finder;
				   UINT64_MAX: not a second part */
	struct sbuf dbuf;	/* notes not yet spooled */
	FILE *defer;		/* blocks of notes spooled, or NULL */
	int64_t splitat;	/* evrun_split(): the cut, or -1: none */
	int splitway;		/* 1: both parts on two cores; 2: the
				   second read again on one */
};
/* mem: the duplicate finder's budget; keeprows: -r (a duplicate's
   fields go to the rejects file). */
void evrun_init(struct evrun *e, int mode, int bylvl, size_t mem,
    int keeprows);
/* --classify: cout gets the classified rows at evrun_finish(); returns
   the stream to make e->out over (as CSV). */
FILE *evrun_classify(struct evrun *e, FILE *cout);
gw_hdr_fn evrun_hdr, evrun_part_hdr, evrun_grid_hdr;
gw_rec_fn evrun_rec, evrun_part_rec, evrun_grid_rec;
/* Finds the duplicates, rejects them in input order and takes back what
   they added; --classify's rows are copied to cout. */
void evrun_finish(struct evrun *e);
/* Sort runs written to temporary files (GW_EVENT_MEM's note). */
size_t evrun_sortruns(const struct evrun *e);
/* The report of the mode (none for --classify) to w. */
void evrun_write(struct evrun *e, csvw *w);
/*
 * Reads the events file path on two cores, for EVM_REPORT, EVM_PARTIAL
 * and EVM_ZERO without a rejects file: cut at a record boundary proven
 * by split_cut(), the first part read into e through e->run as gw_loop
 * would, the second into side (evrun_init'ed like e, with its own cats:
 * a rule list's scratch is not shared) on a thread, then added to e:
 * counts, rows read, duplicate notes.  When the second part rejected a
 * row, or its encoding was decided otherwise than one reader would
 * have, it is read again into e after the first, on one core: the
 * result is byte for byte what one reader gives.  Returns 1 when it did
 * not read path (not a text file of at least minsize bytes, no proven
 * cut: read it as usual), else 0, or -1 on a fatal error (said).
 */
int evrun_split(struct evrun *e, struct evrun *side, const char *path,
    const struct csvr_opt *o, size_t minsize);

/* (end of evreport.c) */

#endif
