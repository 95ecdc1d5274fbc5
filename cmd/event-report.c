/*
 * event-report — classify the events reported from the grid and count
 * them by area, category and period (gridwork-rules(7), EVENTS).
 *
 * Contract: every event row read is either rejected (empty event_id,
 * bad grid code, unparseable time, reported_at before found_at, unknown
 * source, duplicate event_id; said as FILE:LINE: column 'x': reason and
 * kept in the -r file) or accepted.  --classify writes each accepted
 * event once, in input order, with category, category_source (given,
 * rule, none) and urgency set.  The reports count accepted events whose
 * reported_at falls in the period containing --at or in the one before
 * it; other accepted events are read and checked, not counted.
 *
 * A given category is kept when the policy knows it (by code or name);
 * otherwise the first rule of the policy's rules file that matches the
 * text decides; no match leaves the category empty.  Categories and
 * their urgency are the cat.* keys of the policy's [event] section, the
 * rules the file named by its "rules" key: nothing here is a constant
 * of the domain.
 *
 * Memory is bounded whatever the number of events.  Counts are kept per
 * area x category x period only (the area being the --by level, or the
 * grid for --partial and --zero).  A duplicate event_id cannot be known
 * until the end, so every event that passes the other checks is counted
 * at once and leaves a record (fingerprint, the id's bytes, its file and
 * line, what it added) in one of 256 partitions by fingerprint, buffered
 * and then written to temporary files; at the end each partition alone
 * is searched for repeats with an in-memory set, split further when it
 * is too big for that (dup_find).  The duplicates are then rejected in
 * input order, after every other rejected row, and what they added is
 * taken back (dup_walk): their counts; for --urgent, whose events wait
 * in a temporary file and are then sorted by xsort in bounded memory,
 * their row; for --classify, whose output is spooled and copied to
 * stdout at the end, their record.  With -r every such row is spooled
 * too, to write a duplicate's fields to the rejects file.  Two ids are
 * one only when their bytes are equal, never by fingerprint alone.
 * GW_EVENT_MEM (bytes, default 64 MB; for tests) sets the budget.
 *
 * --merge sums counts of parts made by --partial; it cannot see an
 * event_id repeated in two parts, and the grid-level counts are what
 * makes any split mergeable into the report of the whole, byte for
 * byte.
 */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: event-report --classify [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx]\n"
    "                    [-p policy] [-r rejects] [--rules file] [file ...]\n"
    "       event-report --period day|week|month --at date\n"
    "                    [--by grid|village|township|county|city|province]\n"
    "                    [--zero -G grids | --urgent | --partial | --merge]\n"
    "                    [-E enc] [-i csv|tsv] [-o csv|tsv|jsonl|xlsx] [-p policy]\n"
    "                    [-r rejects] [--rules file] [--zh] [--excel]\n"
    "                    [file ...]\n";

enum {
	OPT_CLASSIFY = OPT_CMD, OPT_PERIOD, OPT_BY, OPT_ZERO, OPT_URGENT,
	OPT_PARTIAL, OPT_MERGE, OPT_RULES
};

enum mode { M_REPORT, M_CLASSIFY, M_ZERO, M_URGENT, M_PARTIAL };
enum per { P_NONE, P_DAY, P_WEEK, P_MONTH };

/* Columns of the events contract (gridwork-store(5)); the first five are
   required, the others may be absent. */
enum ecol { E_ID, E_GRID, E_REP, E_FOUND, E_SRC, E_REPORTER, E_CAT,
	E_TEXT, NECOL };
#define NEREQ 5
static const char *const ecolname[NECOL] = {
	"event_id", "grid_code", "reported_at", "found_at", "source",
	"reporter_id", "category", "text"
};

/* Sources, with the Chinese words platforms export for them. */
enum src { SRC_WORKER, SRC_RESIDENT, SRC_HOTLINE, SRC_INSPECTION, NSRC };
static const struct {
	const char *word;
	enum src src;
} srcword[] = {
	{ "worker", SRC_WORKER }, { "网格员", SRC_WORKER },
	{ "resident", SRC_RESIDENT }, { "群众", SRC_RESIDENT },
	{ "居民", SRC_RESIDENT }, { "村民", SRC_RESIDENT },
	{ "hotline", SRC_HOTLINE }, { "热线", SRC_HOTLINE },
	{ "12345", SRC_HOTLINE },
	{ "inspection", SRC_INSPECTION }, { "巡查", SRC_INSPECTION },
	{ "督查", SRC_INSPECTION }, { "检查", SRC_INSPECTION },
};

/* The counts of one area x category x period, in output order. */
enum { K_EVENTS, K_WORKER, K_RESIDENT, K_HOTLINE, K_INSPECTION,
	K_IMMEDIATE, K_LATE, NK };
static const char *const kname[NK] = {
	"events", "by_worker", "by_resident", "by_hotline", "by_inspection",
	"immediate", "late"
};

/* A table of counts keyed by (area, category, previous-period bit). */
struct tab {
	u64map *ix;		/* key -> row */
	uint64_t (*row)[NK];	/* row[i] the counts */
	uint64_t *key;		/* key[i] of row[i] */
	size_t n, cap;
};


static struct {
	enum mode mode;
	enum per per;
	int merge;		/* operands are --partial outputs */
	int bylvl;		/* output level: 6, 9, 12, 15 ... */
	int tablvl;		/* level counted at */
	uint64_t tabdiv;	/* grid code / tabdiv = area at tablvl */
	int64_t t0, t1, t2;	/* previous [t0,t1), current [t1,t2) */
	char label[2][16];	/* period label: [0] current, [1] previous */

	policy *pol;
	struct cattab cats;	/* categories, urgencies, rules */
	int64_t late_secs;	/* immediate and later than this: late */
	rxlist *rules;

	struct gw_run run;
	struct csvr_opt ropt;
	int col[NECOL];		/* columns of the current events file */
	struct tab tab;

	/* --classify output: written through a memory stream to know each
	   record's length, then spooled */
	csvw *out;
	FILE *ms;		/* the writer's stream */
	char *msbuf;		/* its buffer and length (open_memstream) */
	FILE *cout;		/* where the classified rows go: stdout, or
				   a spool that becomes the workbook */
	size_t mslen;
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
	xsort *usort;		/* sort records, oldest first */

	/* -G grids */
	uint64_t *grid;
	size_t ngrid, capgrid;
} S;

static const char *
lvlname(int lvl)
{
	switch (lvl) {
	case LVL_PROVINCE: return "province";
	case LVL_CITY: return "city";
	case LVL_COUNTY: return "county";
	case LVL_TOWN: return "township";
	case LVL_VILLAGE: return "village";
	case LVL_GRID: return "grid";
	}
	return "";
}

static int
lvlparse(const char *s)
{
	static const int lv[] = { LVL_PROVINCE, LVL_CITY, LVL_COUNTY,
	    LVL_TOWN, LVL_VILLAGE, LVL_GRID };
	size_t i;

	for (i = 0; i < sizeof lv / sizeof lv[0]; i++)
		if (strcmp(s, lvlname(lv[i])) == 0)
			return lv[i];
	return -1;
}

static uint64_t
pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* ---- policy: urgencies, categories, rules ---- */

static int
alldigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static void
load_policy(const char *name, const char *rulesfile)
{
	const char *why, *path;
	long late;

	if (!(S.pol = policy_load(name, &why)))
		die("%s", why);
	if (cat_load(&S.cats, S.pol, CATF_STRICT, &why) < 0)
		die("%s", why);
	if (policy_int(S.pol, "event", "late_minutes", &late, &why) < 0)
		die("%s", why);
	if (late < 0)
		die("policy '%s': event.late_minutes must not be negative",
		    policy_name(S.pol));
	S.late_secs = (int64_t)late * 60;
	if (rulesfile)
		path = rulesfile;
	else if (!(path = policy_path(S.pol, "event", "rules")))
		die("policy '%s': missing key 'event.rules' (the "
		    "classification rules file)", policy_name(S.pol));
	if (!(S.rules = rxl_load(path, &why)) ||
	    cat_rules(&S.cats, S.rules, path, &why) < 0)
		die("%s", why);
}

/* ---- periods ---- */

static void
set_period(const char *at, const char *month, const char *week)
{
	long day, first, last, prevfirst;
	int y, m, d, wy, wk;

	if (month) {
		if (S.per != P_NONE && S.per != P_MONTH)
			die("--month contradicts --period");
		S.per = P_MONTH;
		at = month;
	} else if (week) {
		if (S.per != P_NONE && S.per != P_WEEK)
			die("--week contradicts --period");
		S.per = P_WEEK;
		at = week;
	}
	if (S.per == P_NONE)
		die("missing --period day|week|month (or --month, --week)");
	if (!at)
		die("missing --at DATE: the report is of the period "
		    "containing it, never of today by default");
	if (date_parse(at, strlen(at), &day) < 0 &&
	    (S.per != P_WEEK || week_parse(at, &day, &last) < 0) &&
	    (S.per != P_MONTH || month_parse(at, &day, &last) < 0))
		die("--at '%s': not a date (YYYY-MM-DD)", at);
	switch (S.per) {
	case P_DAY:
		first = last = day;
		prevfirst = day - 1;
		date_fmt(day, S.label[0]);
		date_fmt(day - 1, S.label[1]);
		break;
	case P_WEEK:
		first = day - (day_wday(day) - 1);
		last = first + 6;
		prevfirst = first - 7;
		iso_week(first, &wy, &wk);
		snprintf(S.label[0], sizeof S.label[0], "%04d-W%02d", wy, wk);
		iso_week(prevfirst, &wy, &wk);
		snprintf(S.label[1], sizeof S.label[1], "%04d-W%02d", wy, wk);
		break;
	default:
		day_to_ymd(day, &y, &m, &d);
		first = day_from_ymd(y, m, 1);
		last = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
		    day_from_ymd(y, m + 1, 1)) - 1;
		snprintf(S.label[0], sizeof S.label[0], "%04d-%02d", y, m);
		day_to_ymd(first - 1, &y, &m, &d);
		prevfirst = day_from_ymd(y, m, 1);
		snprintf(S.label[1], sizeof S.label[1], "%04d-%02d", y, m);
		break;
	}
	S.t0 = (int64_t)prevfirst * 86400;
	S.t1 = (int64_t)first * 86400;
	S.t2 = ((int64_t)last + 1) * 86400;
}

/* 0 current period, 1 previous, -1 neither. */
static int
period_of(int64_t t)
{
	if (t >= S.t1 && t < S.t2)
		return 0;
	if (t >= S.t0 && t < S.t1)
		return 1;
	return -1;
}

/* ---- counts ---- */

static uint64_t *
tab_row(struct tab *t, uint64_t key)
{
	uint64_t old;

	if (!u64map_add(t->ix, key, t->n, &old))
		return t->row[old];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->row = xreallocarray(t->row, t->cap, sizeof *t->row);
		t->key = xreallocarray(t->key, t->cap, sizeof *t->key);
	}
	memset(t->row[t->n], 0, sizeof t->row[0]);
	t->key[t->n] = key;
	return t->row[t->n++];
}

static uint64_t
mkkey(uint64_t area, int cat, int prev)
{
	return area << 8 | (uint64_t)cat << 1 | (uint64_t)prev;
}

static int
keycmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- duplicate event_ids in bounded memory ---- */

/*
 * Every event that passed the other checks leaves a record in one of
 * NPART partitions chosen by the top bits of its id's fingerprint:
 * buffered, and appended to a temporary file when the buffer is full.
 * At the end each partition alone is read back in input order into a
 * set of its distinct ids (fingerprint, then the id's bytes, so that two
 * ids sharing a fingerprint are not taken for one); a repeat is a
 * duplicate.  A partition whose set would pass the budget is split by
 * the next bits of the fingerprint into SPLIT files, and so on, so that
 * memory stays bounded whatever the number of events.  The duplicates,
 * sorted by input position (xsort), are then rejected and what the
 * record says they added is taken back.
 */
enum { NPART = 256, PBITS = 8, SPLIT = 16, SBITS = 4,
	MAXDEPTH = (64 - PBITS) / SBITS,
	SETMIN = 64 };	/* slots of a new set; fewer ids are never split */
#define LINEBITS 40	/* ordinal = file index << LINEBITS | line */

/* flags of a record (a32, in the counting modes) */
enum { F_SRC = 3, F_IMM = 1 << 2, F_LATE = 1 << 3, F_COUNTED = 1 << 4,
	F_URGENT = 1 << 5 };

/*
 * The fixed part of a record, followed by the id's bytes; roff only when
 * there is a rejects file (hsz says how much of it is written).
 */
struct dhdr {
	uint64_t h;	/* fingerprint of the event_id */
	uint64_t ord;	/* file index << LINEBITS | line: input order */
	uint64_t a64;	/* counts: row of S.tab; --classify: cspool offset */
	uint32_t a32;	/* counts: F_* flags; --classify: record length */
	uint32_t idlen;	/* bytes of the id that follow */
	uint64_t roff;	/* offset of the row in D.rows */
};

struct part {
	FILE *fp;	/* NULL until the buffer first fills */
	char *buf;	/* records not yet in fp */
	size_t len;
};

/* Reads records from a file, or from a buffer alone (fp NULL). */
struct rd {
	FILE *fp;
	char *buf;
	size_t cap, pos, len;
	int eof, own;	/* own: buf is ours to free */
};

static struct {
	size_t mem;		/* budget (GW_EVENT_MEM, undocumented) */
	size_t pbuf;		/* bytes of a partition buffer */
	size_t setmem;		/* bytes for the distinct ids of a partition */
	size_t rdbuf;		/* bytes of a reading buffer */
	size_t hsz;		/* bytes of struct dhdr written */
	struct part part[NPART];
	char *region;		/* the partition buffers, one mapping */
	FILE *rows;		/* -r: every such event's fields */
	uint64_t rowpos;	/* bytes written to rows */
	struct sbuf tmp;	/* a row being spooled or read back */
	xsort *dups;		/* records of duplicates, by ord */
	char **fname;		/* events file names, by index */
	size_t nfname;
	int untallied;		/* counts were taken back */
	size_t nfile, nsplit;	/* for GW_EVENT_MEM */
} D;

/* The distinct ids of one partition: open addressing on the fingerprint
   (0 marks an empty slot; idset_hash never gives it). */
static struct {
	uint64_t *h;
	uint32_t *off;		/* of (uint32 length, bytes) in ids */
	size_t cap, n;
	struct sbuf ids;
} SET;

static void
dup_init(int rejects)
{
	const char *v = getenv("GW_EVENT_MEM");
	char *end;
	unsigned long long m;

	D.mem = (size_t)64 << 20;
	if (v && *v) {
		m = strtoull(v, &end, 10);
		if (*end || m == 0)
			die("GW_EVENT_MEM '%s': not a number of bytes", v);
		D.mem = m > (1ULL << 32) ? (size_t)1 << 32 : (size_t)m;
	}
	D.pbuf = D.mem / 2 / NPART;
	if (D.pbuf < 64)
		D.pbuf = 64;
	D.setmem = D.mem / 4;
	if (D.setmem < 4096)
		D.setmem = 4096;
	D.rdbuf = D.mem / 64;
	if (D.rdbuf < 4096)
		D.rdbuf = 4096;
	if (D.rdbuf > (1 << 20))
		D.rdbuf = 1 << 20;
	D.hsz = rejects ? sizeof(struct dhdr) : offsetof(struct dhdr, roff);
	if (rejects)
		D.rows = gw_spool();
}

static void
tmpcheck(FILE *fp)
{
	if (fflush(fp) == EOF || ferror(fp))
		die("write error: temporary file:");
}

static void
tmpwrite(FILE *fp, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, fp) != n)
		die("write error: temporary file:");
}

/* -r: the row's fields (uint32 bytes, uint32 count, then each field
   ended by a NUL, which fields never hold), to fetch a duplicate's back;
   returns its offset. */
static uint64_t
rows_put(const struct gw_rec *rec)
{
	uint64_t off = D.rowpos;
	uint32_t h[2];
	size_t i, n = 0;
	char *p;

	for (i = 0; i < rec->nf; i++)
		n += rec->len[i] + 1;
	if (n > UINT32_MAX)
		die("%s:%ld: a row too long to keep", D.fname[D.nfname - 1],
		    rec->line);
	h[0] = (uint32_t)n;
	h[1] = (uint32_t)rec->nf;
	sbuf_reset(&D.tmp);
	sbuf_grow(&D.tmp, sizeof h + n);
	memcpy(D.tmp.s, h, sizeof h);
	p = D.tmp.s + sizeof h;
	for (i = 0; i < rec->nf; i++) {
		memcpy(p, rec->f[i], rec->len[i]);
		p += rec->len[i];
		*p++ = '\0';
	}
	D.tmp.len = sizeof h + n;
	D.tmp.s[D.tmp.len] = '\0';
	tmpwrite(D.rows, D.tmp.s, D.tmp.len);
	D.rowpos += D.tmp.len;
	return off;
}

static void
tmpread(FILE *fp, void *p, size_t n)
{
	if (n && fread(p, 1, n, fp) != n)
		die("read error: temporary file:");
}

static const struct gw_rec *
rows_get(uint64_t off)
{
	static struct gw_rec rec;
	static size_t cap;
	uint32_t h[2], i;
	char *p;

	if (fseeko(D.rows, (off_t)off, SEEK_SET) < 0)
		die("read error: temporary file:");
	tmpread(D.rows, h, sizeof h);
	if (h[1] > cap) {
		cap = h[1];
		rec.f = xreallocarray(rec.f, cap, sizeof *rec.f);
		rec.len = xreallocarray(rec.len, cap, sizeof *rec.len);
	}
	sbuf_reset(&D.tmp);
	sbuf_grow(&D.tmp, h[0]);
	tmpread(D.rows, D.tmp.s, h[0]);
	D.tmp.len = h[0];
	D.tmp.s[D.tmp.len] = '\0';
	for (p = D.tmp.s, i = 0; i < h[1]; i++) {
		if (p >= D.tmp.s + D.tmp.len)
			die("read error: temporary file cut short");
		rec.f[i] = p;
		rec.len[i] = strlen(p);
		p += rec.len[i] + 1;
	}
	rec.nf = h[1];
	return &rec;
}

static void
part_flush(struct part *p)
{
	if (!p->fp) {
		p->fp = gw_spool();
		D.nfile++;
	}
	tmpwrite(p->fp, p->buf, p->len);
	p->len = 0;
}

/*
 * The partition buffers, mapped at once: a small input never leaves
 * them, and huge pages are asked for (advice only) because a fault per
 * 4 KB page costs more than the copying into it.
 */
static void
buffers(void)
{
	int i;

	D.region = gw_bigalloc(NPART * D.pbuf);
	for (i = 0; i < NPART; i++)
		D.part[i].buf = D.region + (size_t)i * D.pbuf;
}

/* Notes an event that passed the other checks: h the fingerprint of
   its id, a64 and a32 what it added (struct dhdr). */
static void
dup_note(const struct gw_rec *rec, uint64_t h, const char *id, size_t n,
    uint64_t a64, uint32_t a32)
{
	struct part *p = &D.part[h >> (64 - PBITS)];
	struct dhdr d;
	size_t need = D.hsz + n;

	if ((uint64_t)rec->line >> LINEBITS || D.nfname > 1 << (64 - LINEBITS))
		die("%s: more lines than this can count", D.fname[D.nfname - 1]);
	if (n > UINT32_MAX)
		die("%s:%ld: an event_id of %zu bytes", D.fname[D.nfname - 1],
		    rec->line, n);
	d.h = h;
	d.ord = (uint64_t)(D.nfname - 1) << LINEBITS | (uint64_t)rec->line;
	d.a64 = a64;
	d.a32 = a32;
	d.idlen = (uint32_t)n;
	d.roff = D.rows ? rows_put(rec) : 0;
	if (!D.region)
		buffers();
	if (p->len + need > D.pbuf)
		part_flush(p);
	if (need > D.pbuf) {	/* a long id: straight to the file */
		tmpwrite(p->fp, &d, D.hsz);
		tmpwrite(p->fp, id, n);
		return;
	}
	memcpy(p->buf + p->len, &d, D.hsz);
	memcpy(p->buf + p->len + D.hsz, id, n);
	p->len += need;
}

/* Has n bytes from pos, reading more when there is a file. */
static int
rd_have(struct rd *r, size_t n)
{
	size_t k;

	if (r->len - r->pos >= n)
		return 1;
	if (!r->fp)
		return 0;
	memmove(r->buf, r->buf + r->pos, r->len - r->pos);
	r->len -= r->pos;
	r->pos = 0;
	if (r->cap < n) {
		r->cap = n > 2 * r->cap ? n : 2 * r->cap;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	while (r->len < n && !r->eof) {
		k = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
		if (k == 0) {
			if (ferror(r->fp))
				die("read error: temporary file:");
			r->eof = 1;
		}
		r->len += k;
	}
	return r->len >= n;
}

/* The next record (its header copied to d), or NULL at the end. */
static const char *
rd_next(struct rd *r, struct dhdr *d)
{
	const char *p;

	if (!rd_have(r, D.hsz)) {
		if (r->len != r->pos)
			die("read error: temporary file cut short");
		return NULL;
	}
	d->roff = 0;
	memcpy(d, r->buf + r->pos, D.hsz);
	if (!rd_have(r, D.hsz + d->idlen))
		die("read error: temporary file cut short");
	p = r->buf + r->pos;
	r->pos += D.hsz + d->idlen;
	return p;
}

static void
rd_file(struct rd *r, FILE *fp)
{
	tmpcheck(fp);
	rewind(fp);
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->cap = D.rdbuf;
	r->buf = xmalloc(r->cap);
	r->own = 1;
}

static void
rd_rewind(struct rd *r)
{
	r->pos = 0;
	if (r->fp) {
		rewind(r->fp);
		r->len = 0;
		r->eof = 0;
	}
}

static size_t
set_mem(void)
{
	return SET.cap * (sizeof *SET.h + sizeof *SET.off) + SET.ids.cap;
}

static void
set_clear(void)
{
	if (set_mem() > D.setmem / 2) {	/* give back a big one */
		free(SET.h);
		free(SET.off);
		sbuf_free(&SET.ids);
		SET.h = NULL;
		SET.off = NULL;
		SET.cap = 0;
	} else if (SET.cap)
		memset(SET.h, 0, SET.cap * sizeof *SET.h);
	SET.n = 0;
	sbuf_reset(&SET.ids);
}

static void
set_grow(void)
{
	uint64_t *oh = SET.h;
	uint32_t *oo = SET.off;
	size_t ocap = SET.cap, i, j, mask;

	SET.cap = ocap ? ocap * 2 : SETMIN;
	SET.h = xcalloc(SET.cap, sizeof *SET.h);
	SET.off = xreallocarray(NULL, SET.cap, sizeof *SET.off);
	mask = SET.cap - 1;
	for (i = 0; i < ocap; i++) {
		if (!oh[i])
			continue;
		for (j = oh[i] & mask; SET.h[j]; j = (j + 1) & mask)
			;
		SET.h[j] = oh[i];
		SET.off[j] = oo[i];
	}
	free(oh);
	free(oo);
}

/* Adds an id: 1 when new, 0 when it was there. */
static int
set_add(uint64_t h, const char *id, uint32_t n)
{
	size_t i, mask;
	uint32_t len;

	if ((SET.n + 1) * 2 > SET.cap)
		set_grow();
	mask = SET.cap - 1;
	for (i = h & mask; SET.h[i]; i = (i + 1) & mask) {
		if (SET.h[i] != h)
			continue;
		memcpy(&len, SET.ids.s + SET.off[i], sizeof len);
		if (len == n && memcmp(SET.ids.s + SET.off[i] + sizeof len, id,
		    n) == 0)
			return 0;
	}
	if (SET.ids.len > UINT32_MAX - sizeof n - n)
		die("out of memory: ids of one partition");
	SET.h[i] = h;
	SET.off[i] = (uint32_t)SET.ids.len;
	sbuf_add(&SET.ids, (const char *)&n, sizeof n);
	sbuf_add(&SET.ids, id, n);
	SET.n++;
	return 1;
}

static void dedup(struct rd *r, int depth, uint64_t minord);
static size_t cl_take(void);

/*
 * Splits r by the next SBITS of the fingerprint and deduplicates each
 * part.  Records up to minord were already seen, their duplicates given:
 * the parts find them again, and keep quiet about them.
 */
static void
split(struct rd *r, int depth, uint64_t minord)
{
	FILE *child[SPLIT] = { NULL };
	const char *p;
	struct dhdr d;
	struct rd c;
	int shift = 64 - PBITS - SBITS * depth, k;

	D.nsplit++;
	rd_rewind(r);
	while ((p = rd_next(r, &d)) != NULL) {
		k = (int)(d.h >> shift) & (SPLIT - 1);
		if (!child[k]) {
			child[k] = gw_spool();
			D.nfile++;
		}
		tmpwrite(child[k], p, D.hsz + d.idlen);
	}
	for (k = 0; k < SPLIT; k++) {
		if (!child[k])
			continue;
		rd_file(&c, child[k]);
		dedup(&c, depth, minord);
		free(c.buf);
		fclose(child[k]);
	}
}

/* Finds the repeats of r (records in input order), adding those past
   minord to D.dups. */
static void
dedup(struct rd *r, int depth, uint64_t minord)
{
	const char *p;
	struct dhdr d;

	set_clear();
	while ((p = rd_next(r, &d)) != NULL) {
		if (!set_add(d.h, p + D.hsz, d.idlen)) {
			if (d.ord > minord)
				xsort_add(D.dups, p, D.hsz + d.idlen);
		} else if (set_mem() > D.setmem && SET.n > SETMIN &&
		    depth < MAXDEPTH) {
			split(r, depth + 1, d.ord > minord ? d.ord : minord);
			return;
		}
	}
}

static int
ordcmp(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	uint64_t x, y;

	(void)alen;
	(void)blen;
	(void)arg;
	memcpy(&x, (const char *)a + offsetof(struct dhdr, ord), sizeof x);
	memcpy(&y, (const char *)b + offsetof(struct dhdr, ord), sizeof y);
	return x < y ? -1 : x > y;
}

/* The duplicates of every partition into D.dups. */
static void
dup_find(void)
{
	struct part *p;
	struct rd r;
	int i;

	D.dups = xsort_new(D.mem / 8, ordcmp, NULL);
	for (i = 0; i < NPART; i++) {
		p = &D.part[i];
		if (!p->fp && !p->len)
			continue;
		if (p->fp) {
			part_flush(p);
			rd_file(&r, p->fp);
		} else {
			memset(&r, 0, sizeof r);
			r.buf = p->buf;
			r.len = r.cap = p->len;
		}
		dedup(&r, 0, 0);
		if (r.own)
			free(r.buf);
		if (p->fp)
			fclose(p->fp);
		memset(p, 0, sizeof *p);
	}
	gw_bigfree(D.region, NPART * D.pbuf);
	D.region = NULL;
	set_clear();
	free(SET.h);
	free(SET.off);
	sbuf_free(&SET.ids);
	memset(&SET, 0, sizeof SET);
}

/* ---- reading events ---- */

static int
ev_hdr(csvr *r, void *arg)
{
	const char *const *h = csvr_header(r);
	size_t nc = csvr_ncols(r), j;

	(void)arg;
	D.fname = xreallocarray(D.fname, D.nfname + 1, sizeof *D.fname);
	D.fname[D.nfname++] = xstrdup(csvr_name(r));
	if (gw_bind(r, csvr_name(r), ecolname, NECOL, NEREQ, S.col, NULL) < 0)
		return -1;
	if (S.mode != M_CLASSIFY)
		return 0;
	if (S.first) {
		/* the first file's columns, then any of the three missing */
		S.first = 0;
		S.oname = xcalloc(nc + 3, sizeof *S.oname);
		for (j = 0; j < nc; j++)
			S.oname[S.no++] = xstrdup(h[j]);
		S.ocat = S.osrc = S.ourg = S.oevsrc = SIZE_MAX;
		for (j = 0; j < S.no; j++) {
			if (strcmp(S.oname[j], "category") == 0)
				S.ocat = j;
			else if (strcmp(S.oname[j], "source") == 0)
				S.oevsrc = j;
			else if (strcmp(S.oname[j], "category_source") == 0)
				S.osrc = j;
			else if (strcmp(S.oname[j], "urgency") == 0)
				S.ourg = j;
		}
		if (S.ocat == SIZE_MAX)
			S.oname[S.ocat = S.no++] = xstrdup("category");
		if (S.osrc == SIZE_MAX)
			S.oname[S.osrc = S.no++] = xstrdup("category_source");
		if (S.ourg == SIZE_MAX)
			S.oname[S.ourg = S.no++] = xstrdup("urgency");
		csvw_header(S.out, (const char *const *)S.oname, S.no);
		cl_take();
		S.omap = xcalloc(S.no, sizeof *S.omap);
	}
	/* later files may order their columns differently */
	for (j = 0; j < S.no; j++)
		S.omap[j] = csvr_col(r, S.oname[j]);
	return 0;
}

static int
srcparse(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof srcword / sizeof srcword[0]; i++)
		if (strlen(srcword[i].word) == n &&
		    memcmp(srcword[i].word, s, n) == 0)
			return srcword[i].src;
	return -1;
}

/* The grid code as a number (code_check has passed: 15 digits). */
static uint64_t
gridnum(const char *s)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < LVL_GRID; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

/*
 * An urgent event, spooled in input order until the duplicates are
 * known: the sort record is (int64 found, int64 reported, int32
 * category, then event_id, grid_code, source, reporter_id and text, each
 * ended by a NUL).
 */
static void
keep_urgent(const struct gw_rec *rec, uint64_t ord, int64_t found,
    int64_t rep, int cat)
{
	const char *s;
	size_t len;
	uint32_t n;
	int32_t c = cat;
	int cols[5] = { S.col[E_ID], S.col[E_GRID], S.col[E_SRC],
	    S.col[E_REPORTER], S.col[E_TEXT] };
	int i;

	sbuf_reset(&S.urec);
	sbuf_add(&S.urec, (const char *)&found, sizeof found);
	sbuf_add(&S.urec, (const char *)&rep, sizeof rep);
	sbuf_add(&S.urec, (const char *)&c, sizeof c);
	for (i = 0; i < 5; i++) {
		s = gw_field(rec, cols[i], &len);
		sbuf_add(&S.urec, s, len);
		sbuf_addc(&S.urec, '\0');
	}
	if (S.urec.len > UINT32_MAX)
		die("%s:%ld: an event too long to keep", D.fname[D.nfname - 1],
		    rec->line);
	n = (uint32_t)S.urec.len;
	tmpwrite(S.uspool, &ord, sizeof ord);
	tmpwrite(S.uspool, &n, sizeof n);
	tmpwrite(S.uspool, S.urec.s, n);
}

/* --urgent's order: found, then reported, then event_id. */
static int
urgcmp(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	const char *x = a, *y = b;
	int64_t u, v;

	(void)alen;
	(void)blen;
	(void)arg;
	memcpy(&u, x, sizeof u);
	memcpy(&v, y, sizeof v);
	if (u != v)
		return u < v ? -1 : 1;
	memcpy(&u, x + 8, sizeof u);
	memcpy(&v, y + 8, sizeof v);
	if (u != v)
		return u < v ? -1 : 1;
	return strcmp(x + 20, y + 20);
}

/* Writes an event classified to cspool, its source in the contract's
   word (群众 becomes resident, as the commands after it read it);
   returns the record's length. */
static size_t
write_classified(const struct gw_rec *rec, int cat, const char *how, int src)
{
	static const char *const srcname[NSRC] = { "worker", "resident",
	    "hotline", "inspection" };
	const char *s;
	size_t j, len;

	for (j = 0; j < S.no; j++) {
		if (j == S.oevsrc)
			csvw_field(S.out, srcname[src], (size_t)-1);
		else if (j == S.ocat)
			csvw_field(S.out, S.cats.cat[cat].code, (size_t)-1);
		else if (j == S.osrc)
			csvw_field(S.out, how, (size_t)-1);
		else if (j == S.ourg)
			csvw_field(S.out, cat_urgency(&S.cats, cat),
			    (size_t)-1);
		else {
			s = gw_field(rec, S.omap[j], &len);
			csvw_field(S.out, s, len);
		}
	}
	csvw_endrec(S.out);
	return cl_take();
}

static int
ev_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why, *ts;
	const char *rs, *fs;
	size_t n, rn, fn, tn;
	enum catsrc how;
	int64_t rep, found;
	int src, prev, cat;
	uint64_t *row, a64, ord;
	uint32_t a32;

	(void)arg;
	s = gw_field(rec, S.col[E_ID], &n);
	if (n == 0) {
		gw_reject(&S.run, file, rec->line, "event_id", rec,
		    "empty event_id");
		return 1;
	}
	s = gw_field(rec, S.col[E_GRID], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	rs = gw_field(rec, S.col[E_REP], &rn);
	if (datetime_parse(rs, rn, &rep) < 0) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "unparseable time '%s'", rs);
		return 1;
	}
	fs = gw_field(rec, S.col[E_FOUND], &fn);
	if (datetime_parse(fs, fn, &found) < 0) {
		gw_reject(&S.run, file, rec->line, "found_at", rec,
		    "unparseable time '%s'", fs);
		return 1;
	}
	if (rep < found) {
		gw_reject(&S.run, file, rec->line, "reported_at", rec,
		    "reported_at %s is before found_at %s", rs, fs);
		return 1;
	}
	s = gw_field(rec, S.col[E_SRC], &n);
	if ((src = srcparse(s, n)) < 0) {
		gw_reject(&S.run, file, rec->line, "source", rec,
		    "unknown source '%s' (worker, resident, hotline, "
		    "inspection)", s);
		return 1;
	}

	/* accepted unless its event_id comes again: see dup_note() */
	a64 = 0;
	a32 = 0;
	prev = 0;
	if (S.mode != M_CLASSIFY && (prev = period_of(rep)) < 0)
		goto note;	/* outside both periods */

	/* classified only now: most of a year's events fall outside */
	s = gw_field(rec, S.col[E_CAT], &n);
	ts = gw_field(rec, S.col[E_TEXT], &tn);
	cat = cat_classify(&S.cats, s, n, ts, tn, &how);

	switch (S.mode) {
	case M_CLASSIFY:
		a64 = S.cpos;
		if ((n = write_classified(rec, cat, cat_srcname(how), src)) > UINT32_MAX)
			die("%s:%ld: an event too long to classify", file,
			    rec->line);
		a32 = (uint32_t)n;
		goto note;
	case M_URGENT:
		/* every level but the last (the ordinary one) */
		if (prev == 0 && cat && S.cats.cat[cat].urg < (int)S.cats.nurg - 1) {
			ord = (uint64_t)(D.nfname - 1) << LINEBITS |
			    (uint64_t)rec->line;
			keep_urgent(rec, ord, found, rep, cat);
			a32 = F_URGENT;
		}
		goto note;
	default:
		break;
	}
	row = tab_row(&S.tab, mkkey(gridnum(gw_field(rec, S.col[E_GRID], &n)) /
	    S.tabdiv, cat, prev));
	row[K_EVENTS]++;
	row[K_WORKER + src]++;
	a32 = F_COUNTED | (uint32_t)src;
	if (cat && S.cats.cat[cat].urg == 0) {
		row[K_IMMEDIATE]++;
		a32 |= F_IMM;
		if (rep - found > S.late_secs) {
			row[K_LATE]++;
			a32 |= F_LATE;
		}
	}
	a64 = (uint64_t)(row - S.tab.row[0]) / NK;
note:
	s = gw_field(rec, S.col[E_ID], &n);
	dup_note(rec, idset_hash(s, n), s, n, a64, a32);
	return 0;
}

/*
 * --classify opens every named file and checks its columns before
 * reading any row: a missing file or column then fails at once, before
 * anything is classified and spooled (stdout stays empty either way).
 */
static void
precheck(int argc, char **argv)
{
	const char *why;
	csvr *r;
	int i, j;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0)
			continue;
		if (!(r = csvr_open(argv[i], &S.ropt, &why)))
			die("%s", why);
		for (j = 0; j < NEREQ; j++)
			if (csvr_col(r, ecolname[j]) < 0)
				die("%s: missing column '%s'", csvr_name(r),
				    ecolname[j]);
		csvr_close(r);
	}
}

/* ---- reading partial counts (--merge) ---- */

static int pcol[3 + NK];	/* period, grid_code, category, counts */

static int
part_hdr(csvr *r, void *arg)
{
	static const char *const fixed[3] = { "period", "grid_code",
	    "category" };
	int i;

	(void)arg;
	for (i = 0; i < 3 + NK; i++) {
		pcol[i] = csvr_col(r, i < 3 ? fixed[i] : kname[i - 3]);
		if (pcol[i] < 0) {
			warn("%s: missing column '%s' (not a --partial "
			    "output?)", csvr_name(r),
			    i < 3 ? fixed[i] : kname[i - 3]);
			return -1;
		}
	}
	return 0;
}

static int
part_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *file = csvr_name(r), *s, *why;
	uint64_t v[NK], *row, area;
	size_t n;
	int prev, cat, i, j;

	(void)arg;
	s = gw_field(rec, pcol[0], &n);
	if (strcmp(s, S.label[0]) == 0)
		prev = 0;
	else if (strcmp(s, S.label[1]) == 0)
		prev = 1;
	else {
		gw_reject(&S.run, file, rec->line, "period", rec,
		    "period '%s' is neither %s nor %s", s, S.label[0],
		    S.label[1]);
		return 1;
	}
	s = gw_field(rec, pcol[1], &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, file, rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	area = gridnum(s) / S.tabdiv;
	s = gw_field(rec, pcol[2], &n);
	if (n > 0 && (cat = cat_find(&S.cats, s, n)) == 0) {
		gw_reject(&S.run, file, rec->line, "category", rec,
		    "unknown category '%s'", s);
		return 1;
	}
	if (n == 0)
		cat = 0;
	for (i = 0; i < NK; i++) {
		s = gw_field(rec, pcol[3 + i], &n);
		if (!alldigits(s, n) || n > 15) {
			gw_reject(&S.run, file, rec->line, kname[i], rec,
			    "not a count: '%s'", s);
			return 1;
		}
		v[i] = strtoull(s, NULL, 10);
	}
	if (v[K_WORKER] + v[K_RESIDENT] + v[K_HOTLINE] + v[K_INSPECTION] !=
	    v[K_EVENTS] || v[K_IMMEDIATE] > v[K_EVENTS] ||
	    v[K_LATE] > v[K_IMMEDIATE]) {
		gw_reject(&S.run, file, rec->line, NULL, rec,
		    "counts do not add up (sources != events, or late > "
		    "immediate > events)");
		return 1;
	}
	row = tab_row(&S.tab, mkkey(area, cat, prev));
	for (j = 0; j < NK; j++)
		row[j] += v[j];
	return 0;
}

/* ---- reading the grid table (-G) ---- */

static int gcol;

static int
grid_hdr(csvr *r, void *arg)
{
	(void)arg;
	if ((gcol = csvr_col(r, "grid_code")) < 0) {
		warn("%s: missing column 'grid_code'", csvr_name(r));
		return -1;
	}
	return 0;
}

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	const char *s, *why;
	size_t n;

	(void)arg;
	s = gw_field(rec, gcol, &n);
	if (code_check(s, n, LVL_GRID, &why) < 0) {
		gw_reject(&S.run, csvr_name(r), rec->line, "grid_code", rec,
		    "bad grid code '%s': %s", s, why);
		return 1;
	}
	if (S.ngrid == S.capgrid) {
		S.capgrid = S.capgrid ? S.capgrid * 2 : 256;
		S.grid = xreallocarray(S.grid, S.capgrid, sizeof *S.grid);
	}
	S.grid[S.ngrid++] = gridnum(s);
	return 0;
}

/* ---- writing ---- */

/* change_pct: (cur - prev) / prev in percent, one decimal, rounded half
   away from zero in integers so that no platform rounds differently. */
static void
write_change(csvw *w, uint64_t cur, uint64_t prev)
{
	int64_t num, q, r;

	if (prev == 0) {
		csvw_field(w, "", 0);
		return;
	}
	num = ((int64_t)cur - (int64_t)prev) * 1000;
	q = num / (int64_t)prev;
	r = num % (int64_t)prev;
	if (2 * (r < 0 ? -r : r) >= (int64_t)prev)
		q += num < 0 ? -1 : 1;
	csvw_fieldf(w, "%s%lld.%lld", q < 0 ? "-" : "",
	    (long long)(q < 0 ? -q : q) / 10, (long long)(q < 0 ? -q : q) % 10);
}

static void
write_report(csvw *w)
{
	static const char *const hdr[] = {
		"period", "area_code", "area_level", "category", "events",
		"by_worker", "by_resident", "by_hotline", "by_inspection",
		"immediate", "late", "prev_events", "change_pct"
	};
	struct tab out;
	uint64_t div = pow10u(S.tablvl - S.bylvl), area, *row, *keys;
	uint64_t zero[NK] = {0}, *cur, *prv, old;
	size_t i, nk;
	int cat, prev, j, k;

	memset(&out, 0, sizeof out);
	out.ix = u64map_new(S.tab.n);
	for (i = 0; i < S.tab.n; i++) {
		area = (S.tab.key[i] >> 8) / div;
		cat = (int)(S.tab.key[i] >> 1 & 0x7f);
		prev = (int)(S.tab.key[i] & 1);
		for (k = 0; k < 2; k++) {
			if (k == 1 && (cat == 0 || S.cats.cat[cat].top == cat))
				break;
			row = tab_row(&out, mkkey(area, k ? S.cats.cat[cat].top :
			    cat, prev));
			for (j = 0; j < NK; j++)
				row[j] += S.tab.row[i][j];
		}
	}
	/* one output row per (area, category), in key order */
	keys = xreallocarray(NULL, out.n + 1, sizeof *keys);
	for (i = nk = 0; i < out.n; i++)
		keys[nk++] = out.key[i] & ~(uint64_t)1;
	qsort(keys, nk, sizeof *keys, keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < nk; i++) {
		if (i > 0 && keys[i] == keys[i - 1])
			continue;
		cur = u64map_get(out.ix, keys[i], &old) ? out.row[old] : zero;
		prv = u64map_get(out.ix, keys[i] | 1, &old) ? out.row[old] :
		    zero;
		cat = (int)(keys[i] >> 1 & 0x7f);
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_fieldf(w, "%0*llu", S.bylvl,
		    (unsigned long long)(keys[i] >> 8));
		csvw_field(w, lvlname(S.bylvl), (size_t)-1);
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
		for (j = 0; j < NK; j++)
			csvw_fieldf(w, "%llu", (unsigned long long)cur[j]);
		csvw_fieldf(w, "%llu", (unsigned long long)prv[K_EVENTS]);
		write_change(w, cur[K_EVENTS], prv[K_EVENTS]);
		csvw_endrec(w);
	}
	free(keys);
	u64map_free(out.ix);
	free(out.row);
	free(out.key);
}

static void
write_partial(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "category", "events", "by_worker",
		"by_resident", "by_hotline", "by_inspection", "immediate", "late"
	};
	uint64_t *keys, old;
	size_t i;
	int j, cat;

	keys = xreallocarray(NULL, S.tab.n + 1, sizeof *keys);
	if (S.tab.n)
		memcpy(keys, S.tab.key, S.tab.n * sizeof *keys);
	qsort(keys, S.tab.n, sizeof *keys, keycmp);
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < S.tab.n; i++) {
		u64map_get(S.tab.ix, keys[i], &old);
		cat = (int)(keys[i] >> 1 & 0x7f);
		csvw_field(w, S.label[keys[i] & 1], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)(keys[i] >> 8));
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
		for (j = 0; j < NK; j++)
			csvw_fieldf(w, "%llu",
			    (unsigned long long)S.tab.row[old][j]);
		csvw_endrec(w);
	}
	free(keys);
}

static void
write_zero(csvw *w)
{
	static const char *const hdr[] = {
		"period", "grid_code", "village_code", "township_code",
		"events", "prev_by_worker"
	};
	u64map *g;
	uint64_t *tot, old, grid;
	size_t i, ng;

	/* per grid of the table: events now, worker events now and before */
	if (S.ngrid)
		qsort(S.grid, S.ngrid, sizeof *S.grid, keycmp);
	g = u64map_new(S.ngrid);
	for (i = ng = 0; i < S.ngrid; i++)
		if (i == 0 || S.grid[i] != S.grid[i - 1])
			S.grid[ng++] = S.grid[i];
	S.ngrid = ng;
	tot = xcalloc(ng * 3 + 1, sizeof *tot);
	for (i = 0; i < ng; i++)
		u64map_put(g, S.grid[i], i);
	for (i = 0; i < S.tab.n; i++) {
		if (!u64map_get(g, S.tab.key[i] >> 8, &old))
			continue;
		if (S.tab.key[i] & 1)
			tot[old * 3 + 2] += S.tab.row[i][K_WORKER];
		else {
			tot[old * 3] += S.tab.row[i][K_EVENTS];
			tot[old * 3 + 1] += S.tab.row[i][K_WORKER];
		}
	}
	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	for (i = 0; i < ng; i++) {
		if (tot[i * 3 + 1] > 0)
			continue;
		grid = S.grid[i];
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_fieldf(w, "%015llu", (unsigned long long)grid);
		csvw_fieldf(w, "%012llu", (unsigned long long)(grid / 1000));
		csvw_fieldf(w, "%09llu", (unsigned long long)(grid / 1000000));
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3]);
		csvw_fieldf(w, "%llu", (unsigned long long)tot[i * 3 + 2]);
		csvw_endrec(w);
	}
	free(tot);
	u64map_free(g);
}

static void
write_urgent(csvw *w)
{
	static const char *const hdr[] = {
		"period", "event_id", "grid_code", "category", "urgency",
		"source", "reporter_id", "found_at", "reported_at",
		"delay_minutes", "late", "text"
	};
	const char *f[5], *p;
	const void *v;
	char tf[20], tr[20];
	int64_t found, rep;
	int32_t cat;
	size_t len;
	int i, imm;

	csvw_header(w, hdr, sizeof hdr / sizeof hdr[0]);
	while (xsort_next(S.usort, &v, &len)) {
		p = v;
		memcpy(&found, p, sizeof found);
		memcpy(&rep, p + 8, sizeof rep);
		memcpy(&cat, p + 16, sizeof cat);
		for (p += 20, i = 0; i < 5; p += strlen(p) + 1, i++)
			f[i] = p;
		imm = S.cats.cat[cat].urg == 0;
		datetime_fmt(found, tf);
		datetime_fmt(rep, tr);
		csvw_field(w, S.label[0], (size_t)-1);
		csvw_field(w, f[0], (size_t)-1);
		csvw_field(w, f[1], (size_t)-1);
		csvw_field(w, S.cats.cat[cat].code, (size_t)-1);
		csvw_field(w, cat_urgency(&S.cats, cat), (size_t)-1);
		csvw_field(w, f[2], (size_t)-1);
		csvw_field(w, f[3], (size_t)-1);
		csvw_field(w, tf, (size_t)-1);
		csvw_field(w, tr, (size_t)-1);
		csvw_fieldf(w, "%lld", (long long)((rep - found) / 60));
		csvw_field(w, imm ? (rep - found > S.late_secs ?
		    "1" : "0") : "", (size_t)-1);
		csvw_field(w, f[4], (size_t)-1);
		csvw_endrec(w);
	}
}

/* ---- taking duplicates back ---- */

/* Moves what the classify writer holds to cspool; returns its length. */
static size_t
cl_take(void)
{
	size_t n;

	if (S.out)
		csvw_flush(S.out);
	if (fflush(S.ms) == EOF)
		die("out of memory");
	n = S.mslen;
	tmpwrite(S.cspool, S.msbuf, n);
	S.cpos += n;
	rewind(S.ms);
	return n;
}

/* Copies cspool to stdout up to offset to, or skips to it (out NULL). */
static void
cl_copy(uint64_t to, FILE *out)
{
	char buf[65536];
	size_t n;

	if (!out) {
		if (fseeko(S.cspool, (off_t)to, SEEK_SET) < 0)
			die("read error: temporary file:");
		S.cdone = to;
		return;
	}
	while (S.cdone < to) {
		n = to - S.cdone < sizeof buf ? (size_t)(to - S.cdone) :
		    sizeof buf;
		tmpread(S.cspool, buf, n);
		if (fwrite(buf, 1, n, out) != n)
			break;	/* stdout's error is reported by gw_exit() */
		S.cdone += n;
	}
	S.cdone = to;
}

/* Reads the urgent events spooled before ordinal upto into S.usort, and
   drops the one at upto when skip. */
static void
urg_upto(uint64_t upto, int skip)
{
	static int have;
	static uint64_t ord;
	uint32_t len;

	for (;;) {
		if (!have) {
			if (fread(&ord, sizeof ord, 1, S.uspool) != 1) {
				if (ferror(S.uspool))
					die("read error: temporary file:");
				return;
			}
			tmpread(S.uspool, &len, sizeof len);
			sbuf_reset(&S.urec);
			sbuf_grow(&S.urec, len);
			tmpread(S.uspool, S.urec.s, len);
			S.urec.len = len;
			have = 1;
		}
		if (ord > upto || (ord == upto && !skip))
			return;
		have = 0;
		if (ord < upto)
			xsort_add(S.usort, S.urec.s, S.urec.len);
	}
}

static void
untally(const struct dhdr *d)
{
	uint64_t *row = S.tab.row[d->a64];

	row[K_EVENTS]--;
	row[K_WORKER + (d->a32 & F_SRC)]--;
	if (d->a32 & F_IMM)
		row[K_IMMEDIATE]--;
	if (d->a32 & F_LATE)
		row[K_LATE]--;
	D.untallied = 1;
}

/* Drops the rows of S.tab that only duplicates had made. */
static void
tab_compact(struct tab *t)
{
	size_t i, j;

	u64map_free(t->ix);
	t->ix = u64map_new(t->n);
	for (i = j = 0; i < t->n; i++) {
		if (t->row[i][K_EVENTS] == 0)
			continue;
		if (i != j) {
			memcpy(t->row[j], t->row[i], sizeof t->row[0]);
			t->key[j] = t->key[i];
		}
		u64map_put(t->ix, t->key[j], j);
		j++;
	}
	t->n = j;
}

/*
 * Rejects the duplicates in input order, after every other rejected
 * row, and takes back what they added: counts, the urgent list, the
 * classified output (copied to stdout here, without them).
 */
static void
dup_walk(void)
{
	const struct gw_rec *rec;
	const char *p;
	const void *v;
	struct sbuf id = { 0 };
	struct dhdr d;
	size_t len;

	if (S.mode == M_CLASSIFY) {
		tmpcheck(S.cspool);
		rewind(S.cspool);
	}
	if (S.mode == M_URGENT) {
		tmpcheck(S.uspool);
		rewind(S.uspool);
		S.usort = xsort_new(D.mem / 8, urgcmp, NULL);
	}
	if (D.rows)
		tmpcheck(D.rows);
	while (xsort_next(D.dups, &v, &len)) {
		p = v;
		memset(&d, 0, sizeof d);
		memcpy(&d, p, D.hsz);
		sbuf_reset(&id);
		sbuf_add(&id, p + D.hsz, d.idlen);
		rec = D.rows ? rows_get(d.roff) : NULL;
		S.run.nok--;
		gw_reject(&S.run, D.fname[d.ord >> LINEBITS],
		    (long)(d.ord & ((1ULL << LINEBITS) - 1)), "event_id", rec,
		    "duplicate event_id '%s'", id.s);
		switch (S.mode) {
		case M_CLASSIFY:
			cl_copy(d.a64, S.cout);
			cl_copy(d.a64 + d.a32, NULL);
			break;
		case M_URGENT:
			if (d.a32 & F_URGENT)
				urg_upto(d.ord, 1);
			break;
		default:
			if (d.a32 & F_COUNTED)
				untally(&d);
			break;
		}
	}
	sbuf_free(&id);
	if (S.mode == M_CLASSIFY) {
		cl_copy(S.cpos, S.cout);
		fclose(S.cspool);
		S.cspool = NULL;
	}
	if (S.mode == M_URGENT) {
		urg_upto(UINT64_MAX, 0);
		fclose(S.uspool);
		S.uspool = NULL;
	}
	if (D.untallied)
		tab_compact(&S.tab);
	if (getenv("GW_EVENT_MEM"))
		warn("memory budget %zu: %zu temporary files, %zu splits, "
		    "%zu sort runs", D.mem, D.nfile, D.nsplit,
		    xsort_runs(D.dups) + (S.usort ? xsort_runs(S.usort) : 0));
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LONGOPT_COMMON,
		{"classify", no_argument, 0, OPT_CLASSIFY},
		{"period", required_argument, 0, OPT_PERIOD},
		{"by", required_argument, 0, OPT_BY},
		{"zero", no_argument, 0, OPT_ZERO},
		{"urgent", no_argument, 0, OPT_URGENT},
		{"partial", no_argument, 0, OPT_PARTIAL},
		{"merge", no_argument, 0, OPT_MERGE},
		{"rules", required_argument, 0, OPT_RULES},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	const char *gridfile = NULL, *rulesfile = NULL, *by = NULL;
	char *gv[2];
	int ch, nmode = 0, status;
	csvw *w;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	S.mode = M_REPORT;
	S.bylvl = LVL_COUNTY;
	while ((ch = getopt_long(argc, argv, "E:G:hi:o:p:r:", lopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'G':
			gridfile = optarg;
			break;
		case OPT_BY:
			by = optarg;
			if ((S.bylvl = lvlparse(optarg)) < 0)
				die("--by '%s': not grid, village, township, "
				    "county, city or province", optarg);
			break;
		case OPT_CLASSIFY:
			S.mode = M_CLASSIFY;
			nmode++;
			break;
		case OPT_MERGE:
			S.merge = 1;
			break;
		case OPT_PARTIAL:
			S.mode = M_PARTIAL;
			nmode++;
			break;
		case OPT_PERIOD:
			if (strcmp(optarg, "day") == 0)
				S.per = P_DAY;
			else if (strcmp(optarg, "week") == 0)
				S.per = P_WEEK;
			else if (strcmp(optarg, "month") == 0)
				S.per = P_MONTH;
			else
				die("--period '%s': not day, week or month",
				    optarg);
			break;
		case OPT_RULES:
			rulesfile = optarg;
			break;
		case OPT_URGENT:
			S.mode = M_URGENT;
			nmode++;
			break;
		case OPT_ZERO:
			S.mode = M_ZERO;
			nmode++;
			break;
		default:
			if (ch == '?' || !gw_opt(&o, ch, optarg, usage_text))
				gw_usage(usage_text);
			break;
		}
	}
	argc -= optind;
	argv += optind;

	if (nmode > 1)
		die("--classify, --zero, --urgent and --partial exclude each "
		    "other");
	if (o.store || o.regions || o.as_of)
		die("event-report takes none of -d, -R, --as-of");
	if (S.mode == M_CLASSIFY) {
		if (S.per || o.at || o.month || o.week || by || gridfile ||
		    S.merge)
			die("--classify takes no period, --by, -G or --merge");
	} else
		set_period(o.at, o.month, o.week);
	if (S.mode == M_ZERO && !gridfile)
		die("--zero needs -G GRIDS: the grids that should have "
		    "reported");
	if (gridfile && S.mode != M_ZERO)
		die("-G is for --zero");
	if (S.merge && (S.mode == M_URGENT || S.mode == M_PARTIAL))
		die("--merge makes the counts report or --zero, not --urgent "
		    "or --partial");
	if (S.merge && argc == 0)
		die("--merge needs the PART files written by --partial");
	if (by && S.mode != M_REPORT)
		die("--by is for the counts report");

	load_policy(o.policy, rulesfile);
	S.tablvl = S.mode == M_PARTIAL || S.mode == M_ZERO ? LVL_GRID :
	    S.bylvl;
	S.tabdiv = pow10u(LVL_GRID - S.tablvl);
	S.tab.ix = u64map_new(1024);
	S.run.rejects_path = o.rejects;
	S.ropt = gw_inopt(&o);
	S.first = 1;
	dup_init(o.rejects != NULL && !S.merge);

	if (S.mode == M_CLASSIFY) {
		precheck(argc, argv);
		if (!(S.ms = open_memstream(&S.msbuf, &S.mslen)))
			die("out of memory");
		S.cspool = gw_spool();
		S.cout = stdout;
		if (o.ofmt == FMT_XLSX) {
			/* rows are taken back from the CSV: make the
			   workbook from it at the end */
			struct gw_opts io = o;

			io.ofmt = FMT_CSV;
			io.excel = io.zh = 0;
			S.cout = gw_spool();
			w = S.out = gw_out(&io, S.ms);
		} else
			w = S.out = gw_out(&o, S.ms);
	} else
		w = gw_out(&o, stdout);
	if (S.mode == M_URGENT)
		S.uspool = gw_spool();
	if (S.merge)
		status = gw_loop(&S.run, argc, argv, &S.ropt, part_hdr,
		    part_rec, NULL);
	else
		status = gw_loop(&S.run, argc, argv, &S.ropt, ev_hdr, ev_rec,
		    NULL);
	if (status < 0)
		gw_exit(GW_FATAL);
	if (S.mode == M_ZERO) {
		/* after the events, so that the rejects file takes their
		   header, as every other mode's does */
		gv[0] = (char *)gridfile;
		gv[1] = NULL;
		if (gw_loop(&S.run, 1, gv, &S.ropt, grid_hdr, grid_rec,
		    NULL) < 0)
			gw_exit(GW_FATAL);
	}
	dup_find();
	if (S.mode == M_CLASSIFY) {
		if (S.first)	/* no input header at all: an empty file */
			csvw_header(w, NULL, 0);
		if (csvw_close(w) < 0)
			die("out of memory");
		S.out = NULL;
		cl_take();
		fclose(S.ms);
		free(S.msbuf);
	}
	dup_walk();
	if (S.cout && S.cout != stdout && gw_out_spool(&o, S.cout) < 0)
		die("write error: temporary file:");
	status = GW_OK;
	switch (S.mode) {
	case M_REPORT:
		write_report(w);
		break;
	case M_PARTIAL:
		write_partial(w);
		break;
	case M_ZERO:
		write_zero(w);
		break;
	case M_URGENT:
		write_urgent(w);
		break;
	case M_CLASSIFY:
		break;
	}
	if (S.mode != M_CLASSIFY && csvw_close(w) < 0)
		status = GW_FATAL;
	if (status == GW_OK)
		status = gw_run_end(&S.run);
	if (S.run.nrej > 0)
		warn("%ld of %ld rows rejected", S.run.nrej, S.run.nread);
	gw_exit(status);
}
