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

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* realloc of nmemb * size, dying on overflow or out of memory. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
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
 * Folds full-width ASCII (U+FF01..U+FF5E, e.g. '１' 'Ｘ') and the
 * ideographic space U+3000 to ASCII, in place; returns the new length.
 * For code, ID and number fields only: free text is never folded.
 */
size_t utf8_fold(char *s, size_t n);

// csvr.c — the streaming record reader

enum gw_fmt { FMT_AUTO = 0, FMT_CSV, FMT_TSV, FMT_JSONL };

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
 * opened or has no header.  An empty file is not an error: it has a
 * header of zero columns and no records.
 */
csvr *csvr_open(const char *path, const struct csvr_opt *o, const char **why);
int csvr_next(csvr *r, struct gw_rec *rec);
const char *csvr_why(const csvr *r);	/* reason for the last BAD/ERR */
const char *csvr_name(const csvr *r);	/* path as given; "-" is "stdin" */
size_t csvr_ncols(const csvr *r);
/* Header names, canonical (alias-mapped) unless raw_header. */
const char *const *csvr_header(const csvr *r);
/* Index of the column with canonical name, or -1. */
int csvr_col(const csvr *r, const char *name);
int csvr_fmt(const csvr *r);	/* FMT_CSV or FMT_TSV as decided */
int csvr_enc(const csvr *r);	/* encoding as decided so far */
void csvr_close(csvr *r);

// alias.c — header names

/* Canonical name for a header as written (trimmed, ASCII case-folded,
   Chinese through share/aliases.csv), or the header itself, trimmed. */
const char *alias_canon(const char *hdr);
/* The Chinese header for a canonical name (for --zh), or name itself. */
const char *alias_zh(const char *canon);

// csvw.c — the record writer

enum { CSVW_EXCEL = 1, CSVW_ZH = 2 };

typedef struct csvw csvw;

/* Writes to fp (not closed by csvw_close) in FMT_CSV, FMT_TSV or
   FMT_JSONL; flags CSVW_EXCEL (BOM, CRLF, formula-safe) and CSVW_ZH. */
csvw *csvw_open(FILE *fp, int fmt, int flags);
/* Sets and (for CSV/TSV) writes the header; names are canonical. */
void csvw_header(csvw *w, const char *const *names, size_t n);
/* One field of the current record (len may be (size_t)-1 for strlen). */
void csvw_field(csvw *w, const char *s, size_t len);
void csvw_fieldf(csvw *w, const char *fmt, ...);
void csvw_endrec(csvw *w);
/* A whole record. */
void csvw_row(csvw *w, char *const *f, const size_t *len, size_t n);
/* Frees w; returns ferror(fp) ? -1 : 0 (fp is flushed, not closed). */
int csvw_close(csvw *w);

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

// opt.c — the options every command shares (DOMAIN.md §12)

enum {
	OPT_ZH = 256, OPT_EXCEL, OPT_ASOF, OPT_MONTH, OPT_WEEK, OPT_AT,
	OPT_VERSION,
	OPT_CMD = 300	/* first value free for a command's own long options */
};

/* Values of the shared options; zero-initialise, then gw_opt(). */
struct gw_opts {
	int enc;		/* -E */
	int ifmt;		/* -i csv|tsv */
	int ofmt;		/* -o csv|tsv|jsonl, default FMT_CSV */
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
/* struct csvr_opt from the options. */
struct csvr_opt gw_inopt(const struct gw_opts *o);
/* Prints "usage: ..." text to stderr and exits GW_FATAL. */
_Noreturn void gw_usage(const char *usage_text);

// idno.c — citizen identity numbers (GB 11643-1999, DOMAIN.md §3)

struct idno {
	char s[19];	/* normalised 18-character number, NUL-terminated */
	int was15;	/* 1 when the input had 15 digits (upgraded in s) */
	int year, mon, day;	/* birth date */
	int male;	/* 1 male (odd sequence), 0 female */
};

/* Check character for 17 digits. */
char idno_checkchar(const char *d17);
/*
 * Parses and validates in[0..n): full-width folded, surrounding blanks
 * trimmed, 'x' -> 'X', 15 digits upgraded.  Birth date must be real and,
 * when asof >= 0 (a day number, date.c), not after asof.  Returns 0, or
 * -1 with *why = a short lower-case reason ("wrong length 17", "bad check
 * character: expected X", "invalid birth date 19990230", ...).
 */
int idno_parse(const char *in, size_t n, long asof, struct idno *id,
    const char **why);
/* Full years at day asof (date.c day number). */
int idno_age(const struct idno *id, long asof);
/* First 6 + "********" + last 4 of an 18-character s into out[19]. */
void idno_mask(const char *s, char *out);
/* Masks the middle four digits of an 11-digit mobile number into
   out (size n+1); other strings are masked from the 4th to the 4th-last. */
void phone_mask(const char *s, char *out);

// place.c — division, grid and micro-grid codes (DOMAIN.md §2)

enum { LVL_PROVINCE = 2, LVL_CITY = 4, LVL_COUNTY = 6, LVL_TOWN = 9,
       LVL_VILLAGE = 12, LVL_GRID = 15, LVL_MICRO = 18 };
enum { KIND_UNKNOWN = 0, KIND_URBAN = 1, KIND_RURAL = 2 };

/*
 * Level of a code by its length (2 4 6 9 12 15 18 all digits), or -1.
 * When want > 0, also checks the code is of that level and well-formed
 * (grid sequence 001-899 or 901-999, micro sequence not 000, village
 * part of a grid not ending in 000 ...); returns -1 with *why.
 */
int code_level(const char *s, size_t n);
int code_check(const char *s, size_t n, int want, const char **why);
/* Copies the prefix of level lvl (2..18) of s into out (NUL-terminated). */
void code_prefix(const char *s, int lvl, char *out);
/* 1 when a 15-digit grid code is dedicated (sequence 901-999). */
int grid_is_dedicated(const char *grid);
/* KIND_* from a kind column ("urban", "rural", "城市", "农村"), a 3-digit
   urban-rural code, then the name's ending; any may be NULL. */
int region_kind(const char *kind, const char *urcode, const char *name);

// date.c — dates, times, ISO weeks and the working-day calendar

/* Days since 1970-01-01 (may be negative). */
long day_from_ymd(int y, int m, int d);
void day_to_ymd(long day, int *y, int *m, int *d);
int day_wday(long day);		/* 1 = Monday .. 7 = Sunday */
/* Parses 2026-10-08 or 2026/10/8 (full-width folded); 0 or -1. */
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
 * Working-day calendar read from share/calendar/YYYY.txt (format in
 * gridwork-policy(5)).  A day of a year with no file is an error naming
 * the year, never a guess from weekends.
 */
typedef struct calendar calendar;
/* dir NULL = gw_sharepath("calendar"). */
calendar *cal_open(const char *dir);
void cal_close(calendar *c);
/* 1 working, 0 off, -1 error (*why: "no calendar for 2027", or a
   malformed file named by FILE:LINE). */
int cal_isworking(calendar *c, long day, const char **why);
/* *out = the n-th working day after day (n >= 1); 0 or -1. */
int cal_addworking(calendar *c, long day, int n, long *out, const char **why);
/* Working days in [from, to], inclusive; -1 on error. */
long cal_count(calendar *c, long from, long to, const char **why);

// money.c — money as integer fen

/* Parses 1760, 1760.5, 1,760.50, ￥1760.50, ¥, full-width digits, a
   leading '-'; more than two decimals is an error.  0 or -1 with *why. */
int money_parse(const char *s, size_t n, int64_t *fen, const char **why);
/* "1760.50", "-0.05" into out (at least 24 bytes); returns out. */
char *money_fmt(int64_t fen, char *out);
/* fen * num / den rounded half-up (half away from zero); den > 0. */
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
 * (contains '/' or ends in .conf).  NULL = "gansu".  Returns NULL and
 * sets *why ("FILE:LINE: reason") on any malformed line or unknown file.
 */
policy *policy_load(const char *name_or_file, const char **why);
void policy_free(policy *p);
const char *policy_name(const policy *p);
/* Value of sect.key (the last one set, includes resolved), or NULL. */
const char *policy_get(const policy *p, const char *sect, const char *key);
/* Typed getters: 0, or -1 with *why "FILE:LINE: key 'k': reason" (or
   "missing key 'sect.k'" when absent and required). */
int policy_int(const policy *p, const char *sect, const char *key, long *v,
    const char **why);
int policy_money(const policy *p, const char *sect, const char *key,
    int64_t *fen, const char **why);
int policy_bool(const policy *p, const char *sect, const char *key, int *v,
    const char **why);
/* The settings of a section in file order (after overrides); n out. */
const struct policy_kv *policy_section(const policy *p, const char *sect,
    size_t *n);
/* Path of a file named by the policy relative to share/ (e.g. rules). */
const char *policy_path(const policy *p, const char *sect, const char *key);

#endif
