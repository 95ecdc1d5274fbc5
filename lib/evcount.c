/*
 * evcount.c — counting events (gridwork-rules(7), EVENTS): the sources
 * and their words, the periods (the one containing a day and the one
 * before it), the counts of area x category x period with the rule of
 * each count (sources, immediate, late), what the counts report rolls
 * up (to the --by level, a second-level category into its first level
 * too), the change between periods, the check of merged counts, and
 * the duplicate event_ids found in bounded memory.
 *
 * Reads no input and writes no output.  The duplicate finder spools to
 * temporary files (gw_spool) and, as the x-wrappers do on memory, dies
 * when one cannot be written or read back.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

/* ---- sources ---- */

/* Sources, with the Chinese words platforms export for them. */
static const struct {
	const char *word;
	int src;
} srcword[] = {
	{ "worker", EV_WORKER }, { "网格员", EV_WORKER },
	{ "resident", EV_RESIDENT }, { "群众", EV_RESIDENT },
	{ "居民", EV_RESIDENT }, { "村民", EV_RESIDENT },
	{ "hotline", EV_HOTLINE }, { "热线", EV_HOTLINE },
	{ "12345", EV_HOTLINE },
	{ "inspection", EV_INSPECTION }, { "巡查", EV_INSPECTION },
	{ "督查", EV_INSPECTION }, { "检查", EV_INSPECTION },
};

const char *const ev_srcname[EV_NSRC] = { "worker", "resident", "hotline",
    "inspection" };

const char *const ev_countname[EV_NK] = {
	"events", "by_worker", "by_resident", "by_hotline", "by_inspection",
	"immediate", "late"
};

int
ev_source(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof srcword / sizeof srcword[0]; i++)
		if (strlen(srcword[i].word) == n &&
		    memcmp(srcword[i].word, s, n) == 0)
			return srcword[i].src;
	return -1;
}

/* ---- levels ---- */

const char *
ev_lvlname(int lvl)
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

int
ev_lvlparse(const char *s)
{
	static const int lv[] = { LVL_PROVINCE, LVL_CITY, LVL_COUNTY,
	    LVL_TOWN, LVL_VILLAGE, LVL_GRID };
	size_t i;

	for (i = 0; i < sizeof lv / sizeof lv[0]; i++)
		if (strcmp(s, ev_lvlname(lv[i])) == 0)
			return lv[i];
	return -1;
}

uint64_t
ev_pow10(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

uint64_t
ev_gridnum(const char *s)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < LVL_GRID; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

/* ---- periods ---- */

void
evper_set(struct evper *p, int per, long day)
{
	long first, last, prevfirst;
	int y, m, d, wy, wk;

	p->per = per;
	switch (per) {
	case EVP_DAY:
		first = last = day;
		prevfirst = day - 1;
		date_fmt(day, p->label[0]);
		date_fmt(day - 1, p->label[1]);
		break;
	case EVP_WEEK:
		first = day - (day_wday(day) - 1);
		last = first + 6;
		prevfirst = first - 7;
		iso_week(first, &wy, &wk);
		snprintf(p->label[0], sizeof p->label[0], "%04d-W%02d", wy, wk);
		iso_week(prevfirst, &wy, &wk);
		snprintf(p->label[1], sizeof p->label[1], "%04d-W%02d", wy, wk);
		break;
	case EVP_QUARTER:
		day_to_ymd(day, &y, &m, &d);
		m = (m - 1) / 3 * 3 + 1;
		first = day_from_ymd(y, m, 1);
		last = (m == 10 ? day_from_ymd(y + 1, 1, 1) :
		    day_from_ymd(y, m + 3, 1)) - 1;
		snprintf(p->label[0], sizeof p->label[0], "%04d-Q%c", y,
		    '1' + (m - 1) / 3);
		day_to_ymd(first - 1, &y, &m, &d);
		prevfirst = day_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
		snprintf(p->label[1], sizeof p->label[1], "%04d-Q%c", y,
		    '1' + (m - 1) / 3);
		break;
	case EVP_YEAR:
		day_to_ymd(day, &y, &m, &d);
		first = day_from_ymd(y, 1, 1);
		last = day_from_ymd(y + 1, 1, 1) - 1;
		prevfirst = day_from_ymd(y - 1, 1, 1);
		snprintf(p->label[0], sizeof p->label[0], "%04d", y);
		snprintf(p->label[1], sizeof p->label[1], "%04d", y - 1);
		break;
	default:
		day_to_ymd(day, &y, &m, &d);
		first = day_from_ymd(y, m, 1);
		last = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
		    day_from_ymd(y, m + 1, 1)) - 1;
		snprintf(p->label[0], sizeof p->label[0], "%04d-%02d", y, m);
		day_to_ymd(first - 1, &y, &m, &d);
		prevfirst = day_from_ymd(y, m, 1);
		snprintf(p->label[1], sizeof p->label[1], "%04d-%02d", y, m);
		break;
	}
	p->t0 = (int64_t)prevfirst * 86400;
	p->t1 = (int64_t)first * 86400;
	p->t2 = ((int64_t)last + 1) * 86400;
}

int
evper_of(const struct evper *p, int64_t t)
{
	if (t >= p->t1 && t < p->t2)
		return 0;
	if (t >= p->t0 && t < p->t1)
		return 1;
	return -1;
}

/* ---- counts ---- */

void
evtab_init(struct evtab *t, size_t hint)
{
	memset(t, 0, sizeof *t);
	t->ix = u64map_new(hint);
}

void
evtab_free(struct evtab *t)
{
	u64map_free(t->ix);
	free(t->row);
	free(t->key);
	memset(t, 0, sizeof *t);
}

uint64_t *
evtab_row(struct evtab *t, uint64_t key)
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

uint32_t
evtab_add(struct evtab *t, uint64_t key, int src, int imm, int late,
    uint64_t *rowi)
{
	uint64_t *row = evtab_row(t, key);
	uint32_t f = EVF_COUNTED | (uint32_t)src;

	row[EV_EVENTS]++;
	row[EV_BY + src]++;
	if (imm) {
		row[EV_IMMEDIATE]++;
		f |= EVF_IMM;
		if (late) {
			row[EV_LATE]++;
			f |= EVF_LATE;
		}
	}
	*rowi = (uint64_t)(row - t->row[0]) / EV_NK;
	return f;
}

void
evtab_take(struct evtab *t, uint64_t rowi, uint32_t f)
{
	uint64_t *row = t->row[rowi];

	row[EV_EVENTS]--;
	row[EV_BY + (f & EVF_SRC)]--;
	if (f & EVF_IMM)
		row[EV_IMMEDIATE]--;
	if (f & EVF_LATE)
		row[EV_LATE]--;
}

void
evtab_compact(struct evtab *t)
{
	size_t i, j;

	u64map_free(t->ix);
	t->ix = u64map_new(t->n);
	for (i = j = 0; i < t->n; i++) {
		if (t->row[i][EV_EVENTS] == 0)
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

int
ev_keycmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void
evtab_rollup(const struct evtab *in, struct evtab *out,
    const struct cattab *cats, uint64_t div)
{
	uint64_t area, *row;
	size_t i;
	int cat, prev, j, k;

	evtab_init(out, in->n);
	for (i = 0; i < in->n; i++) {
		area = EV_AREA(in->key[i]) / div;
		cat = EV_CAT(in->key[i]);
		prev = EV_PREV(in->key[i]);
		for (k = 0; k < 2; k++) {
			if (k == 1 && (cat == 0 || cats->cat[cat].top == cat))
				break;
			row = evtab_row(out, EV_KEY(area,
			    k ? cats->cat[cat].top : cat, prev));
			for (j = 0; j < EV_NK; j++)
				row[j] += in->row[i][j];
		}
	}
}

int
ev_counts_ok(const uint64_t v[EV_NK])
{
	return v[EV_BY + EV_WORKER] + v[EV_BY + EV_RESIDENT] +
	    v[EV_BY + EV_HOTLINE] + v[EV_BY + EV_INSPECTION] == v[EV_EVENTS] &&
	    v[EV_IMMEDIATE] <= v[EV_EVENTS] && v[EV_LATE] <= v[EV_IMMEDIATE];
}

char *
ev_change(uint64_t cur, uint64_t prev, char buf[32])
{
	int64_t num, q, r;

	buf[0] = '\0';
	if (prev == 0)
		return buf;
	num = ((int64_t)cur - (int64_t)prev) * 1000;
	q = num / (int64_t)prev;
	r = num % (int64_t)prev;
	if (2 * (r < 0 ? -r : r) >= (int64_t)prev)
		q += num < 0 ? -1 : 1;
	snprintf(buf, 32, "%s%lld.%lld", q < 0 ? "-" : "",
	    (long long)(q < 0 ? -q : q) / 10, (long long)(q < 0 ? -q : q) % 10);
	return buf;
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

void
evdup_file(struct evdup *e, const char *name)
{
	e->fname = xreallocarray(e->fname, e->nfname + 1, sizeof *e->fname);
	e->fname[e->nfname++] = xstrdup(name);
}

enum { SPLIT = 16, SBITS = 4, MAXDEPTH = (64 - EV_PBITS) / SBITS,
	SETMIN = 64 };	/* slots of a new set; fewer ids are never split */
#define NPART EV_NPART
#define PBITS EV_PBITS
#define LINEBITS EV_LINEBITS

/* Reads records from a file, or from a buffer alone (fp NULL). */
struct rd {
	FILE *fp;
	char *buf;
	size_t cap, pos, len;
	int eof, own;	/* own: buf is ours to free */
};

void
evdup_init(struct evdup *e, size_t mem, int rejects)
{
	memset(e, 0, sizeof *e);
	e->mem = mem > (size_t)1 << 32 ? (size_t)1 << 32 : mem;
	e->pbuf = e->mem / 2 / NPART;
	if (e->pbuf < 64)
		e->pbuf = 64;
	e->setmem = e->mem / 4;
	if (e->setmem < 4096)
		e->setmem = 4096;
	e->rdbuf = e->mem / 64;
	if (e->rdbuf < 4096)
		e->rdbuf = 4096;
	if (e->rdbuf > (1 << 20))
		e->rdbuf = 1 << 20;
	e->hsz = rejects ? sizeof(struct evdup_rec) : offsetof(struct evdup_rec, roff);
	if (rejects)
		e->rows = gw_spool();
}

void
ev_tmpcheck(FILE *fp)
{
	if (fflush(fp) == EOF || ferror(fp))
		die("write error: temporary file:");
}

void
ev_tmpwrite(FILE *fp, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, fp) != n)
		die("write error: temporary file:");
}

/* -r: the row's fields (uint32 bytes, uint32 count, then each field
   ended by a NUL, which fields never hold), to fetch a duplicate's back;
   returns its offset. */
static uint64_t
rows_put(struct evdup *e, const struct gw_rec *rec)
{
	uint64_t off = e->rowpos;
	uint32_t h[2];
	size_t i, n = 0;
	char *p;

	for (i = 0; i < rec->nf; i++)
		n += rec->len[i] + 1;
	if (n > UINT32_MAX)
		die("%s:%ld: a row too long to keep", e->fname[e->nfname - 1],
		    rec->line);
	h[0] = (uint32_t)n;
	h[1] = (uint32_t)rec->nf;
	sbuf_reset(&e->tmp);
	sbuf_grow(&e->tmp, sizeof h + n);
	memcpy(e->tmp.s, h, sizeof h);
	p = e->tmp.s + sizeof h;
	for (i = 0; i < rec->nf; i++) {
		memcpy(p, rec->f[i], rec->len[i]);
		p += rec->len[i];
		*p++ = '\0';
	}
	e->tmp.len = sizeof h + n;
	e->tmp.s[e->tmp.len] = '\0';
	ev_tmpwrite(e->rows, e->tmp.s, e->tmp.len);
	e->rowpos += e->tmp.len;
	return off;
}

void
ev_tmpread(FILE *fp, void *p, size_t n)
{
	if (n && fread(p, 1, n, fp) != n)
		die("read error: temporary file:");
}

const struct gw_rec *
evdup_row(struct evdup *e, uint64_t off)
{
	uint32_t h[2], i;
	char *p;

	if (fseeko(e->rows, (off_t)off, SEEK_SET) < 0)
		die("read error: temporary file:");
	ev_tmpread(e->rows, h, sizeof h);
	if (h[1] > e->reccap) {
		e->reccap = h[1];
		e->rec.f = xreallocarray(e->rec.f, e->reccap,
		    sizeof *e->rec.f);
		e->rec.len = xreallocarray(e->rec.len, e->reccap,
		    sizeof *e->rec.len);
	}
	sbuf_reset(&e->tmp);
	sbuf_grow(&e->tmp, h[0]);
	ev_tmpread(e->rows, e->tmp.s, h[0]);
	e->tmp.len = h[0];
	e->tmp.s[e->tmp.len] = '\0';
	for (p = e->tmp.s, i = 0; i < h[1]; i++) {
		if (p >= e->tmp.s + e->tmp.len)
			die("read error: temporary file cut short");
		e->rec.f[i] = p;
		e->rec.len[i] = strlen(p);
		p += e->rec.len[i] + 1;
	}
	e->rec.nf = h[1];
	return &e->rec;
}

static void
part_flush(struct evdup *e, struct evdup_part *p)
{
	if (!p->fp) {
		p->fp = gw_spool();
		e->nfile++;
	}
	ev_tmpwrite(p->fp, p->buf, p->len);
	p->len = 0;
}

/*
 * The partition buffers, mapped at once: a small input never leaves
 * them, and huge pages are asked for (advice only) because a fault per
 * 4 KB page costs more than the copying into it.
 */
static void
buffers(struct evdup *e)
{
	int i;

	e->region = gw_bigalloc(NPART * e->pbuf);
	for (i = 0; i < NPART; i++)
		e->part[i].buf = e->region + (size_t)i * e->pbuf;
}

/* Notes an event that passed the other checks: h the fingerprint of
   its id, a64 and a32 what it added (struct evdup_rec). */
void
evdup_note(struct evdup *e, const struct gw_rec *rec, uint64_t h,
    const char *id, size_t n,
    uint64_t a64, uint32_t a32)
{
	if ((uint64_t)rec->line >> LINEBITS || e->nfname > 1 << (64 - LINEBITS))
		die("%s: more lines than this can count", e->fname[e->nfname - 1]);
	evdup_add(e, (uint64_t)(e->nfname - 1) << LINEBITS |
	    (uint64_t)rec->line, rec, h, id, n, a64, a32);
}

void
evdup_add(struct evdup *e, uint64_t ord, const struct gw_rec *rec,
    uint64_t h, const char *id, size_t n, uint64_t a64, uint32_t a32)
{
	struct evdup_part *p = &e->part[h >> (64 - PBITS)];
	struct evdup_rec d;
	size_t need = e->hsz + n;

	if (n > UINT32_MAX)
		die("%s:%llu: an event_id of %zu bytes",
		    e->fname[ord >> LINEBITS],
		    (unsigned long long)(ord & ((1ULL << LINEBITS) - 1)), n);
	d.h = h;
	d.ord = ord;
	d.a64 = a64;
	d.a32 = a32;
	d.idlen = (uint32_t)n;
	d.roff = e->rows ? rows_put(e, rec) : 0;
	if (!e->region)
		buffers(e);
	if (p->len + need > e->pbuf)
		part_flush(e, p);
	if (need > e->pbuf) {	/* a long id: straight to the file */
		ev_tmpwrite(p->fp, &d, e->hsz);
		ev_tmpwrite(p->fp, id, n);
		return;
	}
	memcpy(p->buf + p->len, &d, e->hsz);
	memcpy(p->buf + p->len + e->hsz, id, n);
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
rd_next(struct evdup *e, struct rd *r, struct evdup_rec *d)
{
	const char *p;

	if (!rd_have(r, e->hsz)) {
		if (r->len != r->pos)
			die("read error: temporary file cut short");
		return NULL;
	}
	d->roff = 0;
	memcpy(d, r->buf + r->pos, e->hsz);
	if (!rd_have(r, e->hsz + d->idlen))
		die("read error: temporary file cut short");
	p = r->buf + r->pos;
	r->pos += e->hsz + d->idlen;
	return p;
}

static void
rd_file(struct evdup *e, struct rd *r, FILE *fp)
{
	ev_tmpcheck(fp);
	rewind(fp);
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->cap = e->rdbuf;
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
set_mem(struct evdup *e)
{
	return e->set.cap * (sizeof *e->set.h + sizeof *e->set.off) + e->set.ids.cap;
}

static void
set_clear(struct evdup *e)
{
	if (set_mem(e) > e->setmem / 2) {	/* give back a big one */
		free(e->set.h);
		free(e->set.off);
		sbuf_free(&e->set.ids);
		e->set.h = NULL;
		e->set.off = NULL;
		e->set.cap = 0;
	} else if (e->set.cap)
		memset(e->set.h, 0, e->set.cap * sizeof *e->set.h);
	e->set.n = 0;
	sbuf_reset(&e->set.ids);
}

static void
set_grow(struct evdup *e)
{
	uint64_t *oh = e->set.h;
	uint32_t *oo = e->set.off;
	size_t ocap = e->set.cap, i, j, mask;

	e->set.cap = ocap ? ocap * 2 : SETMIN;
	e->set.h = xcalloc(e->set.cap, sizeof *e->set.h);
	e->set.off = xreallocarray(NULL, e->set.cap, sizeof *e->set.off);
	mask = e->set.cap - 1;
	for (i = 0; i < ocap; i++) {
		if (!oh[i])
			continue;
		for (j = oh[i] & mask; e->set.h[j]; j = (j + 1) & mask)
			;
		e->set.h[j] = oh[i];
		e->set.off[j] = oo[i];
	}
	free(oh);
	free(oo);
}

/* Adds an id: 1 when new, 0 when it was there. */
static int
set_add(struct evdup *e, uint64_t h, const char *id, uint32_t n)
{
	size_t i, mask;
	uint32_t len;

	if ((e->set.n + 1) * 2 > e->set.cap)
		set_grow(e);
	mask = e->set.cap - 1;
	for (i = h & mask; e->set.h[i]; i = (i + 1) & mask) {
		if (e->set.h[i] != h)
			continue;
		memcpy(&len, e->set.ids.s + e->set.off[i], sizeof len);
		if (len == n && memcmp(e->set.ids.s + e->set.off[i] + sizeof len, id,
		    n) == 0)
			return 0;
	}
	if (e->set.ids.len > UINT32_MAX - sizeof n - n)
		die("out of memory: ids of one partition");
	e->set.h[i] = h;
	e->set.off[i] = (uint32_t)e->set.ids.len;
	sbuf_add(&e->set.ids, (const char *)&n, sizeof n);
	sbuf_add(&e->set.ids, id, n);
	e->set.n++;
	return 1;
}

static void dedup(struct evdup *e, struct rd *r, int depth,
    uint64_t minord);

/*
 * Splits r by the next SBITS of the fingerprint and deduplicates each
 * part.  Records up to minord were already seen, their duplicates given:
 * the parts find them again, and keep quiet about them.
 */
static void
split(struct evdup *e, struct rd *r, int depth, uint64_t minord)
{
	FILE *child[SPLIT] = { NULL };
	const char *p;
	struct evdup_rec d;
	struct rd c;
	int shift = 64 - PBITS - SBITS * depth, k;

	e->nsplit++;
	rd_rewind(r);
	while ((p = rd_next(e, r, &d)) != NULL) {
		k = (int)(d.h >> shift) & (SPLIT - 1);
		if (!child[k]) {
			child[k] = gw_spool();
			e->nfile++;
		}
		ev_tmpwrite(child[k], p, e->hsz + d.idlen);
	}
	for (k = 0; k < SPLIT; k++) {
		if (!child[k])
			continue;
		rd_file(e, &c, child[k]);
		dedup(e, &c, depth, minord);
		free(c.buf);
		fclose(child[k]);
	}
}

/* Finds the repeats of r (records in input order), adding those past
   minord to e->dups. */
static void
dedup(struct evdup *e, struct rd *r, int depth, uint64_t minord)
{
	const char *p;
	struct evdup_rec d;

	set_clear(e);
	while ((p = rd_next(e, r, &d)) != NULL) {
		if (!set_add(e, d.h, p + e->hsz, d.idlen)) {
			if (d.ord > minord)
				xsort_add(e->dups, p, e->hsz + d.idlen);
		} else if (set_mem(e) > e->setmem && e->set.n > SETMIN &&
		    depth < MAXDEPTH) {
			split(e, r, depth + 1, d.ord > minord ? d.ord : minord);
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
	memcpy(&x, (const char *)a + offsetof(struct evdup_rec, ord), sizeof x);
	memcpy(&y, (const char *)b + offsetof(struct evdup_rec, ord), sizeof y);
	return x < y ? -1 : x > y;
}

/* The duplicates of every partition into e->dups. */
void
evdup_find(struct evdup *e)
{
	struct evdup_part *p;
	struct rd r;
	int i;

	e->dups = xsort_new(e->mem / 8, ordcmp, NULL);
	for (i = 0; i < NPART; i++) {
		p = &e->part[i];
		if (!p->fp && !p->len)
			continue;
		if (p->fp) {
			part_flush(e, p);
			rd_file(e, &r, p->fp);
		} else {
			memset(&r, 0, sizeof r);
			r.buf = p->buf;
			r.len = r.cap = p->len;
		}
		dedup(e, &r, 0, 0);
		if (r.own)
			free(r.buf);
		if (p->fp)
			fclose(p->fp);
		memset(p, 0, sizeof *p);
	}
	gw_bigfree(e->region, NPART * e->pbuf);
	e->region = NULL;
	set_clear(e);
	free(e->set.h);
	free(e->set.off);
	sbuf_free(&e->set.ids);
	memset(&e->set, 0, sizeof e->set);
}
