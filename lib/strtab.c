/*
 * strtab.c — an index of strings: each distinct string gets the number
 * 0, 1, 2 ... in the order it was first added, and keeps it until
 * strtab_clear().  Built on u64map (hash.c) keyed by hash_bytes(); a
 * 64-bit collision is resolved exactly by chaining through next[] and
 * comparing the strings, so two strings never share an index.
 *
 * Strings live in one growing arena addressed by offset, so adding never
 * invalidates an index, though it may move the bytes: a pointer from
 * strtab_str() is good until the next strtab_add().
 */
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct strtab {
	u64map *map;		/* hash_bytes(s) -> 1 + index of first such s */
	struct sbuf ar;		/* the strings, each NUL-terminated */
	size_t *off;		/* off[i]: offset of string i in ar */
	size_t *len;		/* len[i]: its length */
	size_t *next;		/* next[i]: 1 + next index with the same hash, or 0 */
	size_t n, cap;		/* strings, slots allocated */
};

strtab *
strtab_new(void)
{
	strtab *t = xcalloc(1, sizeof *t);

	t->map = u64map_new(0);
	return t;
}

void
strtab_free(strtab *t)
{
	if (!t)
		return;
	u64map_free(t->map);
	sbuf_free(&t->ar);
	free(t->off);
	free(t->len);
	free(t->next);
	free(t);
}

void
strtab_clear(strtab *t)
{
	/* a fresh map is cheaper than emptying a large one slot by slot */
	u64map_free(t->map);
	t->map = u64map_new(0);
	sbuf_reset(&t->ar);
	t->n = 0;
}

static int
same(const strtab *t, size_t i, const char *s, size_t n)
{
	return t->len[i] == n && memcmp(t->ar.s + t->off[i], s, n) == 0;
}

long
strtab_find(const strtab *t, const char *s, size_t n)
{
	uint64_t v;
	size_t i;

	if (!u64map_get(t->map, hash_bytes(s, n), &v))
		return -1;
	for (i = (size_t)v; i; i = t->next[i - 1])
		if (same(t, i - 1, s, n))
			return (long)(i - 1);
	return -1;
}

/* For a strtab_add() or strtab_find() of s a little later. */
void
strtab_prefetch(const strtab *t, const char *s, size_t n)
{
	u64map_prefetch(t->map, hash_bytes(s, n));
}

size_t
strtab_add(strtab *t, const char *s, size_t n, int *isnew)
{
	uint64_t h = hash_bytes(s, n), v;
	size_t i, last = 0;

	if (u64map_get(t->map, h, &v)) {
		for (i = (size_t)v; i; i = t->next[i - 1]) {
			if (same(t, i - 1, s, n)) {
				if (isnew)
					*isnew = 0;
				return i - 1;
			}
			last = i;
		}
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->off = xreallocarray(t->off, t->cap, sizeof *t->off);
		t->len = xreallocarray(t->len, t->cap, sizeof *t->len);
		t->next = xreallocarray(t->next, t->cap, sizeof *t->next);
	}
	i = t->n++;
	t->off[i] = t->ar.len;
	t->len[i] = n;
	t->next[i] = 0;
	sbuf_add(&t->ar, s, n);
	sbuf_addc(&t->ar, '\0');
	if (last)
		t->next[last - 1] = i + 1;
	else
		u64map_put(t->map, h, i + 1);
	if (isnew)
		*isnew = 1;
	return i;
}

const char *
strtab_str(const strtab *t, size_t i)
{
	return t->ar.s + t->off[i];
}

size_t
strtab_len(const strtab *t, size_t i)
{
	return t->len[i];
}

size_t
strtab_count(const strtab *t)
{
	return t->n;
}
