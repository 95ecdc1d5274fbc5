/*
 * idset.c — a compact set of strings (event ids, case ids) for finding
 * duplicates in a stream too large to keep.
 *
 * A string is kept only as a 64-bit fingerprint in an open-addressing
 * table with linear probing, at most three quarters full: 8 bytes a
 * slot, so 11 to 21 bytes for each distinct string (about 130 MB for
 * ten million).  The price is that two different strings with the same
 * fingerprint look like a duplicate; for n strings the chance that this
 * happens at all is about n * n / 2^65 (3e-6 for ten million), which a
 * caller documents rather than hides.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct idset {
	uint64_t *slot;	/* fingerprints; 0 marks an empty slot */
	size_t cap;	/* slots, a power of two */
	size_t len;	/* occupied slots, len * 4 <= cap * 3 */
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

idset *
idset_new(void)
{
	idset *s = xcalloc(1, sizeof *s);

	s->cap = 1024;
	s->slot = slots(s->cap);
	return s;
}

void
idset_free(idset *s)
{
	if (!s)
		return;
	unslots(s->slot, s->cap);
	free(s);
}

/* The slot comes from the fingerprint's upper-middle bits, which the
   finaliser mixes as well as any. */
static size_t
home(const idset *s, uint64_t fp)
{
	return (size_t)(fp >> 17) & (s->cap - 1);
}

static void
grow(idset *s)
{
	uint64_t *old = s->slot;
	size_t oldcap = s->cap, i, j;

	if (oldcap > SIZE_MAX / 2 / sizeof *old)
		die("out of memory: id set of %zu slots", oldcap);
	s->cap = oldcap * 2;
	s->slot = slots(s->cap);
	for (i = 0; i < oldcap; i++) {
		if (!old[i])
			continue;
		for (j = home(s, old[i]); s->slot[j]; j = (j + 1) & (s->cap - 1))
			;
		s->slot[j] = old[i];
	}
	unslots(old, oldcap);
}

void
idset_prefetch(const idset *s, uint64_t fp)
{
#if defined(__GNUC__)
	__builtin_prefetch(&s->slot[home(s, fp)], 1);
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

	if ((s->len + 1) * 4 > s->cap * 3)
		grow(s);
	for (i = home(s, fp); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == fp)
			return 0;
	s->slot[i] = fp;
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
	return s->cap * sizeof *s->slot;
}
