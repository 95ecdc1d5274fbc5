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

struct u64map {
	uint64_t *key;		/* key[i] valid where used[i] */
	uint64_t *val;		/* val[i] valid where used[i] */
	unsigned char *used;	/* 1 for an occupied slot */
	size_t cap;		/* slots, a power of two */
	size_t len;		/* occupied slots, len * 2 <= cap */
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

static void
alloc_slots(u64map *m, size_t cap)
{
	m->cap = cap;
	m->key = xreallocarray(NULL, cap, sizeof *m->key);
	m->val = xreallocarray(NULL, cap, sizeof *m->val);
	m->used = xcalloc(cap, 1);
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
	free(m->key);
	free(m->val);
	free(m->used);
	free(m);
}

/* Slot holding key, or the empty slot where it would go. */
static size_t
find(const u64map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i = (size_t)mix(key) & mask;

	while (m->used[i] && m->key[i] != key)
		i = (i + 1) & mask;
	return i;
}

static void
grow(u64map *m)
{
	u64map old = *m;
	size_t i, j;

	if (old.cap > SIZE_MAX / 2 / sizeof *m->key)
		die("out of memory: hash table of %zu slots", old.cap);
	alloc_slots(m, old.cap * 2);
	for (i = 0; i < old.cap; i++) {
		if (!old.used[i])
			continue;
		j = find(m, old.key[i]);
		m->used[j] = 1;
		m->key[j] = old.key[i];
		m->val[j] = old.val[i];
	}
	free(old.key);
	free(old.val);
	free(old.used);
}

int
u64map_add(u64map *m, uint64_t key, uint64_t val, uint64_t *old)
{
	size_t i;

	if ((m->len + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key);
	if (m->used[i]) {
		if (old)
			*old = m->val[i];
		return 0;
	}
	m->used[i] = 1;
	m->key[i] = key;
	m->val[i] = val;
	m->len++;
	return 1;
}

void
u64map_put(u64map *m, uint64_t key, uint64_t val)
{
	size_t i;

	if ((m->len + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key);
	if (!m->used[i]) {
		m->used[i] = 1;
		m->key[i] = key;
		m->len++;
	}
	m->val[i] = val;
}

int
u64map_get(const u64map *m, uint64_t key, uint64_t *val)
{
	size_t i = find(m, key);

	if (!m->used[i])
		return 0;
	if (val)
		*val = m->val[i];
	return 1;
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
