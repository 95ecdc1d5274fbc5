/*
 * xsort.c — a stable external sort of byte records in bounded memory.
 *
 * Records are copied into an arena of half the memory given; when it
 * is full its records are sorted (a stable merge sort of their offsets)
 * and written as a run to a temporary file.  xsort_next() then gives
 * them back in order: straight from the arena when nothing was spilled,
 * else by a k-way merge of the runs on a heap.  Equal records come back
 * in the order they were added: within a run the offsets break ties,
 * between runs the run number (runs are written in order of adding).
 * More than FANIN runs are first merged into one, so the open files stay
 * few whatever the input.
 *
 * A run is a sequence of (uint32 length, bytes).  Temporary files come
 * from gw_tmpfile() (in $TMPDIR when set) and are gone when closed; a full
 * disk dies, like an allocation failure, and never loses records.
 *
 * A sort that spills uses the second core: the memory is two arenas of
 * half the budget each, and while the caller fills one, a thread sorts
 * and writes the other (and merges runs beyond FANIN).  The caller touches
 * the runs only after joining that thread, so nothing is shared while it
 * runs.  Measured on a million persons (gw-load): 3.45 s -> 3.10 s, the
 * sorting and writing of runs being an eighth of its CPU (perf).  While
 * the caller reads, the thread merges ahead into the other of two blocks
 * of records (MERGEBLK), which the caller takes in turn.
 */
#include <sys/mman.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

/*
 * FANIN runs: gw-load writes 12 runs for a million persons (48 MB of
 * sort memory, measured), so a province's census (thirty million: some
 * 370) stays under the fan-in, and its runs are merged once, not twice.
 * A run is written through a buffer of WRITEBUF (one or two runs are
 * being written at a time) and read back through one of READMEM shared
 * among the runs, from RUNBUF to WRITEBUF each: at 16 KiB a read and a
 * write, a million persons took 30,000 system calls, in a VM 15-25 µs
 * each; a dozen runs now read 512 KiB at a time.
 */
enum { FANIN = 512, RUNBUF = 1 << 14, WRITEBUF = 1 << 20,
    READMEM = FANIN * RUNBUF, MERGEBLK = 1 << 20 };

/* Merged records, (uint32 length, bytes), taken by the caller from pos. */
struct block {
	struct sbuf b;
	size_t pos;
	int eof;		/* the merge ended with this block */
};

struct run {
	FILE *fp;		/* being written or read, or NULL: */
	int fd;			/* written and sealed (seal()), or -1 */
	char *buf;		/* fp's stdio buffer */
	struct sbuf rec;	/* the current record (merging) */
	int live;		/* rec holds a record */
};

/* An arena of records and their offsets, being filled or sorted. */
struct chunk {
	struct sbuf arena;	/* (uint32 length, bytes) records */
	size_t *off, *tmp;	/* offsets of the arena's records, sort space */
	size_t n, cap;
};

struct xsort {
	xsort_cmp cmp;
	void *arg;
	int key8;		/* records start with a big-endian key that
				   alone orders them: radix sort */
	size_t per;		/* memory a record takes beyond its bytes */
	size_t mem;		/* budget for the arenas + offsets */
	struct chunk ch[2];	/* ch[cur] is filled; the other may be with
				   the thread */
	int cur;
	size_t budget;		/* of one chunk: mem / 2 */
	pthread_t thread;	/* spilling ch[!cur] into run[nrun - 1] */
	int busy;
	struct run *run;	/* spilled runs, in order of adding */
	size_t nrun, caprun;
	size_t nspilled;	/* runs ever written, for xsort_runs() */
	int reading;		/* xsort_next() has been called */
	size_t next;		/* in-memory reading: the next offset index */
	size_t *heap, nheap;	/* merging: runs by current record */
	int eof;
	struct run *last;	/* merging: the run of the record given last */
	struct block blk[2];	/* merging: blk[bcur] is read, the other
				   filled by the thread */
	int bcur;
};

static void
tmpdie(void)
{
	die("temporary file for sorting:");
}

xsort *
xsort_new(size_t mem, xsort_cmp cmp, void *arg)
{
	xsort *x = xcalloc(1, sizeof *x);

	x->cmp = cmp;
	x->arg = arg;
	x->mem = mem < 65536 ? 65536 : mem;
	x->budget = x->mem / 2;
	x->per = 2 * sizeof(size_t);	/* offset and its sort space */
	return x;
}

static int
reccmp(const xsort *x, const char *a, const char *b)
{
	uint32_t al, bl;

	memcpy(&al, a, sizeof al);
	memcpy(&bl, b, sizeof bl);
	return x->cmp(a + sizeof al, al, b + sizeof bl, bl, x->arg);
}

/* Stable merge sort of c->off[lo, hi) by record, c->tmp as scratch. */
static void
msort(const xsort *x, struct chunk *c, size_t lo, size_t hi)
{
	const char *a = c->arena.s;
	size_t mid, i, j, k;

	if (hi - lo < 2)
		return;
	if (hi - lo <= 8) {	/* insertion sort: stable */
		for (i = lo + 1; i < hi; i++) {
			size_t v = c->off[i];
			for (j = i; j > lo && reccmp(x, a + c->off[j - 1],
			    a + v) > 0; j--)
				c->off[j] = c->off[j - 1];
			c->off[j] = v;
		}
		return;
	}
	mid = lo + (hi - lo) / 2;
	msort(x, c, lo, mid);
	msort(x, c, mid, hi);
	if (reccmp(x, a + c->off[mid - 1], a + c->off[mid]) <= 0)
		return;		/* already in order */
	memcpy(c->tmp + lo, c->off + lo, (mid - lo) * sizeof *c->off);
	i = lo, j = mid, k = lo;
	while (i < mid && j < hi)
		c->off[k++] = reccmp(x, a + c->tmp[i], a + c->off[j]) <= 0 ?
		    c->tmp[i++] : c->off[j++];
	while (i < mid)
		c->off[k++] = c->tmp[i++];
}

/* A key and the offset of its record (radix()). */
struct kv {
	uint64_t k;
	size_t off;
};

/*
 * Stable LSD radix sort of c's records by their 8-byte big-endian key:
 * the keys are read once, into (key, offset) pairs; a byte that is the
 * same in every key (the high ones, often) costs no pass.  Measured on a
 * million records of 150 bytes in 48 MB (add, sort, spill and merge):
 * 0.52 s of CPU against 0.61-0.74 s with the merge sort.
 */
static void
radix(struct chunk *c)
{
	static const size_t nb = 256;
	struct kv *a, *b, *t;
	size_t (*cnt)[256], i, j, n = c->n, sum, v;
	const unsigned char *p;

	if (n < 2)
		return;
	a = xreallocarray(NULL, n, sizeof *a);
	b = xreallocarray(NULL, n, sizeof *b);
	cnt = xcalloc(8, sizeof *cnt);
	for (i = 0; i < n; i++) {
		p = (const unsigned char *)c->arena.s + c->off[i] + 4;
		a[i].k = 0;
		for (j = 0; j < 8; j++)
			a[i].k = a[i].k << 8 | p[j];
		a[i].off = c->off[i];
		for (j = 0; j < 8; j++)
			cnt[j][a[i].k >> (8 * j) & 255]++;
	}
	for (j = 0; j < 8; j++) {
		for (v = 0; v < nb && cnt[j][v] != n; v++)
			;
		if (v < nb)	/* this byte is the same in every key */
			continue;
		for (v = 0, sum = 0; v < nb; v++) {
			size_t k = cnt[j][v];

			cnt[j][v] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			b[cnt[j][a[i].k >> (8 * j) & 255]++] = a[i];
		t = a, a = b, b = t;
	}
	for (i = 0; i < n; i++)
		c->off[i] = a[i].off;
	free(a);
	free(b);
	free(cnt);
}

static void
sortmem(const xsort *x, struct chunk *c)
{
	if (x->key8) {
		radix(c);
		return;
	}
	c->tmp = xreallocarray(c->tmp, c->cap ? c->cap : 1, sizeof *c->tmp);
	msort(x, c, 0, c->n);
}

static void
chunk_free(struct chunk *c)
{
	free(c->off);
	free(c->tmp);
	c->off = c->tmp = NULL;
	sbuf_free(&c->arena);
	c->n = c->cap = 0;
}

static struct run *
newrun(xsort *x)
{
	struct run *r;

	if (x->nrun == x->caprun) {
		x->caprun = x->caprun ? x->caprun * 2 : 8;
		x->run = xreallocarray(x->run, x->caprun, sizeof *x->run);
	}
	r = &x->run[x->nrun++];
	memset(r, 0, sizeof *r);
	r->fd = -1;
	if ((r->fp = gw_tmpfile()) == NULL)
		tmpdie();
	r->buf = xmalloc(WRITEBUF);
	setvbuf(r->fp, r->buf, _IOFBF, WRITEBUF);
	x->nspilled++;
	return r;
}

/* A run written: its stream and write buffer go, the file stays (a
   stream's buffer cannot be changed once used, and reading wants
   another size). */
static void
seal(struct run *r)
{
	if (r->fp == NULL)
		return;
	if (fflush(r->fp) == EOF || (r->fd = dup(fileno(r->fp))) < 0)
		tmpdie();
	fclose(r->fp);
	free(r->buf);
	r->fp = NULL;
	r->buf = NULL;
}

/* Opens sealed run r for reading from its start, through a buffer of
   size bytes. */
static void
reopen(struct run *r, size_t size)
{
	seal(r);
	if (lseek(r->fd, 0, SEEK_SET) < 0 ||
	    (r->fp = fdopen(r->fd, "r")) == NULL)
		tmpdie();
	r->fd = -1;	/* the stream's now */
	r->buf = xmalloc(size);
	setvbuf(r->fp, r->buf, _IOFBF, size);
}

static void
putrec(FILE *fp, const void *rec, uint32_t len)
{
	/* a run's file is one thread's at a time: no stdio locking */
	if (fwrite_unlocked(&len, sizeof len, 1, fp) != 1 ||
	    (len && fwrite_unlocked(rec, len, 1, fp) != 1))
		tmpdie();
}

/* Reads the next record of r into r->rec; r->live 0 at the end. */
static void
getrec(struct run *r)
{
	uint32_t len;

	if (fread_unlocked(&len, sizeof len, 1, r->fp) != 1) {
		if (ferror(r->fp))
			tmpdie();
		r->live = 0;
		return;
	}
	sbuf_reset(&r->rec);
	sbuf_grow(&r->rec, len);
	if (len && fread_unlocked(r->rec.s, len, 1, r->fp) != 1) {
		if (!ferror(r->fp))
			errno = EIO;	/* a run cut short */
		tmpdie();
	}
	r->rec.len = len;
	r->rec.s[len] = '\0';	/* the sbuf invariant */
	r->live = 1;
}

static void
closerun(struct run *r)
{
	if (r->fp)
		fclose(r->fp);
	else if (r->fd >= 0)
		close(r->fd);
	free(r->buf);
	sbuf_free(&r->rec);
	r->fp = NULL;
	r->fd = -1;
	r->buf = NULL;
}

static void merge_into(xsort *x, FILE *out);

/* Writes chunk c, sorted, as run r, the last; too many runs merge into
   one.  Runs on the spilling thread, or on the caller's at the end. */
static void
spill(xsort *x, struct chunk *c, struct run *r)
{
	size_t i;
	uint32_t len;

	sortmem(x, c);
	for (i = 0; i < c->n; i++) {
		memcpy(&len, c->arena.s + c->off[i], sizeof len);
		putrec(r->fp, c->arena.s + c->off[i] + sizeof len, len);
	}
	c->n = 0;
	sbuf_reset(&c->arena);
	seal(r);
	if (x->nrun >= FANIN) {
		FILE *out;
		char *buf = xmalloc(WRITEBUF);

		if ((out = gw_tmpfile()) == NULL)
			tmpdie();
		setvbuf(out, buf, _IOFBF, WRITEBUF);
		merge_into(x, out);	/* closes every run */
		x->nrun = 0;
		r = newrun(x);
		fclose(r->fp);
		free(r->buf);
		r->fp = out;
		r->buf = buf;
		seal(r);
		x->nspilled--;	/* the same records, not a new spill */
	}
}

struct job {
	xsort *x;
	struct chunk *c;
	struct run *r;
};

static void *
spiller(void *arg)
{
	struct job *j = arg;

	spill(j->x, j->c, j->r);
	free(j);
	return NULL;
}

/* Waits for the spilling thread, if any. */
static void
join(xsort *x)
{
	int e;

	if (!x->busy)
		return;
	if ((e = pthread_join(x->thread, NULL)) != 0)
		die("sorting thread: %s", strerror(e));
	x->busy = 0;
}

/* The chunk being filled is full: it goes to the spilling thread (when
   it cannot start, it is spilled here), and the other is filled. */
static void
handoff(xsort *x)
{
	struct chunk *c = &x->ch[x->cur];
	struct job *j;

	join(x);
	j = xmalloc(sizeof *j);
	j->x = x;
	j->c = c;
	j->r = newrun(x);
	if (pthread_create(&x->thread, NULL, spiller, j) == 0)
		x->busy = 1;
	else
		spiller(j);
	x->cur = !x->cur;
}

/*
 * Reserves chunk c's arena, once.  Its pages are first touched as the
 * records come; asked for as huge pages where the system gives them on
 * request (transparent huge pages, "madvise"), a 24 MB arena takes a
 * dozen faults instead of six thousand: on a virtual machine, where a
 * fault is dear, a tenth of a census load's time.
 */
static void
reserve(xsort *x, struct chunk *c)
{
#ifdef MADV_HUGEPAGE
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE), a, e;
#endif

	sbuf_grow(&c->arena, x->budget);
#ifdef MADV_HUGEPAGE
	a = ((uintptr_t)c->arena.s + pg - 1) & ~(pg - 1);
	e = ((uintptr_t)c->arena.s + c->arena.cap) & ~(pg - 1);
	if (pg > 1 && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#endif
}

void
xsort_add(xsort *x, const void *rec, size_t len)
{
	struct chunk *c = &x->ch[x->cur];
	uint32_t l = (uint32_t)len;

	if (x->reading)
		die("xsort_add after xsort_next");
	if (len > UINT32_MAX)
		die("a record of %zu bytes is too long to sort", len);
	/* an arena is reserved once (untouched pages cost nothing); it and
	   the offsets with their sort space stay within the budget */
	if (c->arena.cap == 0)
		reserve(x, c);
	if (c->n > 0 && c->arena.len + sizeof l + len +
	    (c->n + 1) * x->per > x->budget) {
		handoff(x);
		c = &x->ch[x->cur];
		if (c->arena.cap == 0)
			reserve(x, c);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->off = xreallocarray(c->off, c->cap, sizeof *c->off);
		free(c->tmp);
		c->tmp = NULL;
	}
	c->off[c->n++] = c->arena.len;
	sbuf_add(&c->arena, (const char *)&l, sizeof l);
	sbuf_add(&c->arena, rec, len);
}

/* heap of run numbers: the smallest record (then the lowest run) first */
static int
runless(const xsort *x, size_t a, size_t b)
{
	const struct run *ra = &x->run[a], *rb = &x->run[b];
	int c = x->cmp(ra->rec.s, ra->rec.len, rb->rec.s, rb->rec.len,
	    x->arg);

	return c < 0 || (c == 0 && a < b);
}

static void
siftdown(xsort *x, size_t i)
{
	size_t l, m, t;

	for (;;) {
		l = 2 * i + 1;
		if (l >= x->nheap)
			return;
		m = l;
		if (l + 1 < x->nheap && runless(x, x->heap[l + 1], x->heap[l]))
			m = l + 1;
		if (!runless(x, x->heap[m], x->heap[i]))
			return;
		t = x->heap[i], x->heap[i] = x->heap[m], x->heap[m] = t;
		i = m;
	}
}

static void
heapstart(xsort *x)
{
	size_t i, size;

	x->heap = xreallocarray(x->heap, x->nrun ? x->nrun : 1,
	    sizeof *x->heap);
	x->nheap = 0;
	size = x->nrun ? READMEM / x->nrun : WRITEBUF;
	size = size < RUNBUF ? RUNBUF : size > WRITEBUF ? WRITEBUF : size;
	for (i = 0; i < x->nrun; i++) {
		reopen(&x->run[i], size);
		getrec(&x->run[i]);
		if (x->run[i].live)
			x->heap[x->nheap++] = i;
	}
	for (i = x->nheap / 2; i-- > 0;)
		siftdown(x, i);
}

/* The smallest current record's run, its record taken; NULL at the end.
   The record stays valid until the next call. */
static struct run *
heappop(xsort *x, struct run **prev)
{
	struct run *r;

	if (*prev) {	/* advance the run given last time */
		getrec(*prev);
		if (!(*prev)->live)
			x->heap[0] = x->heap[--x->nheap];
		siftdown(x, 0);
		*prev = NULL;
	}
	if (x->nheap == 0)
		return NULL;
	r = &x->run[x->heap[0]];
	*prev = r;
	return r;
}

static void
merge_into(xsort *x, FILE *out)
{
	struct run *r, *prev = NULL;
	size_t i;

	heapstart(x);
	while ((r = heappop(x, &prev)) != NULL)
		putrec(out, r->rec.s, (uint32_t)r->rec.len);
	for (i = 0; i < x->nrun; i++)
		closerun(&x->run[i]);
}

/* Merges the next records into b (at least one block's worth, unless
   the runs end). */
static void
fill(xsort *x, struct block *b)
{
	struct run *r;
	uint32_t l;

	sbuf_reset(&b->b);
	b->pos = 0;
	b->eof = 0;
	while (b->b.len < MERGEBLK) {
		if ((r = heappop(x, &x->last)) == NULL) {
			b->eof = 1;
			return;
		}
		l = (uint32_t)r->rec.len;
		sbuf_add(&b->b, (const char *)&l, sizeof l);
		sbuf_add(&b->b, r->rec.s, r->rec.len);
	}
}

static void *
filler(void *arg)
{
	xsort *x = arg;

	fill(x, &x->blk[!x->bcur]);
	return NULL;
}

/* The thread merges into the block not being read (or this one does). */
static void
fill_ahead(xsort *x)
{
	if (pthread_create(&x->thread, NULL, filler, x) == 0)
		x->busy = 1;
	else
		filler(x);
}

int
xsort_next(xsort *x, const void **rec, size_t *len)
{
	struct chunk *c = &x->ch[x->cur];
	struct block *b;
	uint32_t l;

	if (!x->reading) {
		x->reading = 1;
		join(x);
		if (x->nrun > 0) {
			if (c->n > 0)
				spill(x, c, newrun(x));
			chunk_free(&x->ch[0]);
			chunk_free(&x->ch[1]);
			heapstart(x);
			x->last = NULL;
			x->bcur = 0;
			fill(x, &x->blk[0]);
			if (!x->blk[0].eof)
				fill_ahead(x);
		} else
			sortmem(x, c);
	}
	if (x->eof)
		return 0;
	if (x->nrun == 0) {
		if (x->next == c->n) {
			x->eof = 1;
			return 0;
		}
		memcpy(&l, c->arena.s + c->off[x->next], sizeof l);
		*rec = c->arena.s + c->off[x->next++] + sizeof l;
		*len = l;
		return 1;
	}
	b = &x->blk[x->bcur];
	if (b->pos == b->b.len) {
		if (b->eof) {
			x->eof = 1;
			return 0;
		}
		join(x);	/* the other block is full */
		x->bcur = !x->bcur;
		b = &x->blk[x->bcur];
		if (!b->eof)
			fill_ahead(x);
		if (b->pos == b->b.len) {	/* the merge ended at a block */
			x->eof = 1;
			return 0;
		}
	}
	memcpy(&l, b->b.s + b->pos, sizeof l);
	*rec = b->b.s + b->pos + sizeof l;
	*len = l;
	b->pos += sizeof l + l;
	return 1;
}

void
xsort_key8(xsort *x)
{
	x->key8 = 1;
	/* the offset, and two (key, offset) pairs while sorting */
	x->per = sizeof(size_t) + 2 * sizeof(struct kv);
}

size_t
xsort_runs(const xsort *x)
{
	return x->nspilled;
}

void
xsort_free(xsort *x)
{
	size_t i;

	if (x == NULL)
		return;
	join(x);
	for (i = 0; i < x->nrun; i++)
		closerun(&x->run[i]);
	sbuf_free(&x->blk[0].b);
	sbuf_free(&x->blk[1].b);
	free(x->run);
	chunk_free(&x->ch[0]);
	chunk_free(&x->ch[1]);
	free(x->heap);
	free(x);
}
