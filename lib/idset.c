/*
 * idset.c — a compact set of strings (event ids, case ids) for finding
 * duplicates in a stream too large to keep.
 *
 * A string is kept only as a 64-bit fingerprint in an open-addressing
 * table with linear probing, at most three quarters full, and a filter
 * in front of it (below): 9 bytes a slot, so 12 to 24 bytes for each
 * distinct string (about 150 MB for ten million).  The price is that two different strings with the same
 * fingerprint look like a duplicate; for n strings the chance that this
 * happens at all is about n * n / 2^65 (3e-6 for ten million), which a
 * caller documents rather than hides.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

/*
 * In front of the table, a filter of two bits a fingerprint (8 bits a
 * slot, about one eighth more memory): a fingerprint whose bits are
 * not both set is new for certain, and is only noted in pend[], to be
 * put into the table with others, their slots fetched together.  Only
 * a fingerprint the filter cannot clear (a duplicate, or one in 20 or
 * so) waits for its slot.  A table too large for the cache costs one
 * miss an insert otherwise, paid one after the other; the filter is a
 * ninth its size and is mostly hit in the cache.
 */
#define NPEND 64

struct idset {
	uint64_t *slot;	/* fingerprints; 0 marks an empty slot */
	size_t cap;	/* slots, a power of two */
	size_t len;	/* distinct fingerprints, in slot or pend */
	size_t intab;	/* occupied slots, intab * 4 <= cap * 3 */
	uint64_t *bits;	/* the filter, cap * 8 bits */
	uint64_t pend[NPEND];	/* new, not yet in slot */
	size_t npend;
};

/*
 * A 64-bit hash good enough to serve as an identity: 8 bytes at a time
 * through a multiply-xorshift round (MurmurHash64A's), the length mixed
 * in, and a full finaliser, so that ids differing in one digit differ
 * in about half the bits.
 */
uint64_t
idset_hash(const char *s, size_t n)
{
	const uint64_t m = 0xc6a4a7935bd1e995ULL;
	uint64_t h = 0x8445d61a4e774912ULL ^ (n * m), k;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&k, s + i, 8);
		k *= m;
		k ^= k >> 47;
		k *= m;
		h ^= k;
		h *= m;
	}
	if (i < n) {
		k = 0;
		memcpy(&k, s + i, n - i);
		h ^= k;
		h *= m;
	}
	h ^= h >> 47;
	h *= m;
	h ^= h >> 47;
	return h ? h : 1;	/* 0 marks an empty slot */
}


/* Zeroed slots: a big table is touched at random, one cache miss an
   insert (gw_bigalloc()). */
static uint64_t *
slots(size_t cap)
{
	return gw_bigalloc(cap * sizeof(uint64_t));
}

static void
unslots(uint64_t *p, size_t cap)
{
	gw_bigfree(p, cap * sizeof *p);
}

/* The filter's two bits of fp: its low bits, and its bits multiplied
   (the home takes bits from 17 up). */
#define FMASK(s)	((s)->cap * 8 - 1)
#define FBIT1(s, fp)	((fp) & FMASK(s))
#define FBIT2(s, fp)	(((fp) * 0x9e3779b97f4a7c15ULL >> 32) & FMASK(s))

static void
setbits(idset *s, uint64_t fp)
{
	size_t b1 = (size_t)FBIT1(s, fp), b2 = (size_t)FBIT2(s, fp);

	s->bits[b1 >> 6] |= (uint64_t)1 << (b1 & 63);
	s->bits[b2 >> 6] |= (uint64_t)1 << (b2 & 63);
}

static int
hasbits(const idset *s, uint64_t fp)
{
	size_t b1 = (size_t)FBIT1(s, fp), b2 = (size_t)FBIT2(s, fp);

	return (s->bits[b1 >> 6] >> (b1 & 63) & 1) &&
	    (s->bits[b2 >> 6] >> (b2 & 63) & 1);
}

idset *
idset_new(void)
{
	idset *s = xcalloc(1, sizeof *s);

	s->cap = 1024;
	s->slot = slots(s->cap);
	s->bits = slots(s->cap / 8);
	return s;
}

void
idset_free(idset *s)
{
	if (!s)
		return;
	unslots(s->slot, s->cap);
	unslots(s->bits, s->cap / 8);
	free(s);
}

/* The slot comes from the fingerprint's upper-middle bits, which the
   finaliser mixes as well as any. */
static size_t
home(const idset *s, uint64_t fp)
{
	return (size_t)(fp >> 17) & (s->cap - 1);
}

/* Puts fp, not in the table, into it. */
static void
put(idset *s, uint64_t fp)
{
	size_t i;

	for (i = home(s, fp); s->slot[i]; i = (i + 1) & (s->cap - 1))
		;
	s->slot[i] = fp;
	s->intab++;
}

/* Doubles the table (and the filter, refilled from it) until n more
   fit. */
static void
grow(idset *s, size_t n)
{
	uint64_t *old;
	size_t oldcap, i;

	while ((s->intab + n) * 4 > s->cap * 3) {
		old = s->slot;
		oldcap = s->cap;
		if (oldcap > SIZE_MAX / 2 / sizeof *old)
			die("out of memory: id set of %zu slots", oldcap);
		unslots(s->bits, oldcap / 8);
		s->cap = oldcap * 2;
		s->slot = slots(s->cap);
		s->bits = slots(s->cap / 8);
		s->intab = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i]) {
				put(s, old[i]);
				setbits(s, old[i]);
			}
		for (i = 0; i < s->npend; i++)
			setbits(s, s->pend[i]);
		unslots(old, oldcap);
	}
}

/* The pending fingerprints into the table, their slots fetched
   first. */
static void
flush(idset *s)
{
	size_t i;

	if (s->npend == 0)
		return;
	grow(s, s->npend);
#if defined(__GNUC__)
	for (i = 0; i < s->npend; i++)
		__builtin_prefetch(&s->slot[home(s, s->pend[i])], 1);
#endif
	for (i = 0; i < s->npend; i++)
		put(s, s->pend[i]);
	s->npend = 0;
}

void
idset_prefetch(const idset *s, uint64_t fp)
{
#if defined(__GNUC__)
	__builtin_prefetch(&s->bits[FBIT1(s, fp) >> 6]);
	__builtin_prefetch(&s->bits[FBIT2(s, fp) >> 6]);
#else
	(void)s;
	(void)fp;
#endif
}

int
idset_add(idset *s, const char *k, size_t n)
{
	return idset_addh(s, idset_hash(k, n));
}

int
idset_addh(idset *s, uint64_t fp)
{
	size_t i;

	if (!hasbits(s, fp)) {
		setbits(s, fp);
		s->pend[s->npend++] = fp;
		s->len++;
		if (s->npend == NPEND)
			flush(s);
		return 1;
	}
	flush(s);
	for (i = home(s, fp); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == fp)
			return 0;
	grow(s, 1);
	put(s, fp);
	setbits(s, fp);		/* a growth refilled the filter without it */
	s->len++;
	return 1;
}

size_t
idset_len(const idset *s)
{
	return s->len;
}

size_t
idset_bytes(const idset *s)
{
	return s->cap * sizeof *s->slot + s->cap;
}
