/*
 * hash.c — a map of 64-bit keys to 64-bit values, open addressing with
 * linear probing, kept at most half full so a miss ends after a few
 * probes.  Sets are maps whose values are ignored.  String keys go in
 * through hash_bytes(); such a key may collide, so a caller keeping
 * strings compares them itself on a hit.  Identity numbers go in
 * through hash_idno(), which is exact: distinct numbers, distinct keys.
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

/* The key that marks an empty slot; that key itself, when added, lives
   outside the table in spare/spareval. */
#define EMPTY UINT64_MAX

struct slot {
	uint64_t key;	/* EMPTY for a free slot */
	uint64_t val;
};

struct u64map {
	struct slot *slot;	/* key and value side by side: one cache
				   line read per probe */
	size_t cap;		/* slots, a power of two */
	size_t len;		/* keys held, spare included; in the table
				   at most cap / 2 */
	int spare;		/* 1 when key EMPTY was added */
	uint64_t spareval;	/* its value */
};

/* splitmix64's finaliser: every input bit moves every output bit, so
   keys that differ only in low digits still spread over the table */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* A big table is probed at random: gw_bigalloc() asks for huge pages,
   which spare a TLB miss a probe and fault it in 2 MB at a time. */
static void
alloc_slots(u64map *m, size_t cap)
{
	size_t i;

	m->cap = cap;
	m->slot = gw_bigrealloc(NULL, 0, cap * sizeof *m->slot);
	for (i = 0; i < cap; i++)
		m->slot[i].key = EMPTY;
}

static void
free_slots(struct slot *s, size_t cap)
{
	gw_bigfree(s, cap * sizeof *s);
}

u64map *
u64map_new(size_t hint)
{
	u64map *m = xcalloc(1, sizeof *m);
	size_t cap = 16;

	while (cap < SIZE_MAX / 4 && cap < hint * 2)
		cap *= 2;
	alloc_slots(m, cap);
	return m;
}

void
u64map_free(u64map *m)
{
	if (!m)
		return;
	free_slots(m->slot, m->cap);
	free(m);
}

/* Slot holding key (not EMPTY), or the free slot where it would go. */
static size_t
find(const u64map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i = (size_t)mix(key) & mask;

	while (m->slot[i].key != EMPTY && m->slot[i].key != key)
		i = (i + 1) & mask;
	return i;
}

static void
grow(u64map *m)
{
	struct slot *old = m->slot;
	size_t oldcap = m->cap, i, j;

	if (oldcap > SIZE_MAX / 2 / sizeof *m->slot)
		die("out of memory: hash table of %zu slots", oldcap);
	alloc_slots(m, oldcap * 2);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == EMPTY)
			continue;
		j = find(m, old[i].key);
		m->slot[j] = old[i];
	}
	free_slots(old, oldcap);
}

/* Slot for key, growing first so that one more key keeps the table at
   most half full. */
static size_t
place(u64map *m, uint64_t key)
{
	if ((m->len - (size_t)m->spare + 1) * 2 > m->cap)
		grow(m);
	return find(m, key);
}

int
u64map_add(u64map *m, uint64_t key, uint64_t val, uint64_t *old)
{
	size_t i;

	if (key == EMPTY) {
		if (m->spare) {
			if (old)
				*old = m->spareval;
			return 0;
		}
		m->spare = 1;
		m->spareval = val;
		m->len++;
		return 1;
	}
	i = find(m, key);
	if (m->slot[i].key == key) {
		if (old)
			*old = m->slot[i].val;
		return 0;
	}
	i = place(m, key);
	m->slot[i].key = key;
	m->slot[i].val = val;
	m->len++;
	return 1;
}

void
u64map_put(u64map *m, uint64_t key, uint64_t val)
{
	size_t i;

	if (key == EMPTY) {
		m->len += !m->spare;
		m->spare = 1;
		m->spareval = val;
		return;
	}
	i = find(m, key);
	if (m->slot[i].key != key) {
		i = place(m, key);
		m->slot[i].key = key;
		m->len++;
	}
	m->slot[i].val = val;
}

int
u64map_get(const u64map *m, uint64_t key, uint64_t *val)
{
	size_t i;

	if (key == EMPTY) {
		if (m->spare && val)
			*val = m->spareval;
		return m->spare;
	}
	i = find(m, key);
	if (m->slot[i].key != key)
		return 0;
	if (val)
		*val = m->slot[i].val;
	return 1;
}

void
u64map_prefetch(const u64map *m, uint64_t key)
{
#if defined(__GNUC__)
	__builtin_prefetch(&m->slot[(size_t)mix(key) & (m->cap - 1)]);
#else
	(void)m;
	(void)key;
#endif
}

size_t
u64map_len(const u64map *m)
{
	return m->len;
}

uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a 64 */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
hash_idno(const char *s18)
{
	uint64_t k = 0;
	int i;

	/* 17 digits < 10^17, times 11 for the check character: < 2^61 */
	for (i = 0; i < 17; i++)
		k = k * 10 + (uint64_t)(s18[i] - '0');
	return k * 11 + (s18[17] == 'X' ? 10 : (uint64_t)(s18[17] - '0'));
}
