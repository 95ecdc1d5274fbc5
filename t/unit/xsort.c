/*
 * xsort.c unit test: records come back sorted and stable, from memory
 * and from many spilled runs (including the merge of runs beyond the
 * fan-in), with the same result whatever the memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"
#include "tap.h"

/* records "KEY:SEQ": ordered by KEY only, so SEQ shows stability */
static int
bykey(const void *a, size_t al, const void *b, size_t bl, void *arg)
{
	const char *ca = memchr(a, ':', al), *cb = memchr(b, ':', bl);
	size_t la = (size_t)(ca - (const char *)a), lb = (size_t)(cb - (const char *)b);
	int c = memcmp(a, b, la < lb ? la : lb);

	(void)arg;
	return c ? c : (la > lb) - (la < lb);
}

static int
key8cmp(const void *a, size_t la, const void *b, size_t lb, void *arg)
{
	(void)la, (void)lb, (void)arg;
	return memcmp(a, b, 8);
}

/* Sorts n records of keys k(i) with memory mem; checks order and
   stability; returns the runs spilled, or -1 on a wrong order. */
static long
run(long n, size_t mem, long mod, long *count)
{
	xsort *x = xsort_new(mem, bykey, NULL);
	char buf[64], prevk[64] = "";
	const void *r;
	size_t len;
	long i, prevseq = -1, bad = 0, runs;

	for (i = 0; i < n; i++) {
		/* keys of varying length, many repeats */
		int k = (int)((i * 7919) % mod);
		len = (size_t)snprintf(buf, sizeof buf, "%0*d:%ld", 1 + k % 5, k, i);
		xsort_add(x, buf, len);
	}
	*count = 0;
	while (xsort_next(x, &r, &len)) {
		char k[64];
		const char *c = memchr(r, ':', len);
		size_t kl = (size_t)(c - (const char *)r);
		char sq[32];
		long seq;

		/* a record is not NUL-terminated */
		memcpy(sq, c + 1, len - kl - 1);
		sq[len - kl - 1] = '\0';
		seq = strtol(sq, NULL, 10);
		memcpy(k, r, kl);
		k[kl] = '\0';
		if (*count > 0) {
			/* bykey's order is strcmp's on the keys */
			int cmp = strcmp(prevk, k);
			if (cmp > 0 || (cmp == 0 && seq < prevseq))
				bad++;
		}
		strcpy(prevk, k);
		prevseq = seq;
		++*count;
	}
	ok(xsort_next(x, &r, &len) == 0, "the end stays the end");
	runs = (long)xsort_runs(x);
	xsort_free(x);
	return bad ? -1 : runs;
}

int
main(void)
{
	long count, runs;
	xsort *x;
	const void *r;
	size_t len;

	x = xsort_new(0, bykey, NULL);
	ok(xsort_next(x, &r, &len) == 0, "nothing added: nothing back");
	xsort_free(x);

	runs = run(1000, 1 << 20, 97, &count);
	ok(runs == 0, "1,000 records in 1 MiB: no run spilled");
	ok(count == 1000, "all 1,000 back, sorted and stable");

	runs = run(800000, 1 << 16, 1009, &count);
	ok(runs > 512, "800,000 records in 64 KiB spill more than the fan-in (%ld runs)", runs);
	ok(count == 800000, "all 800,000 back, sorted and stable across runs");

	runs = run(200000, 1 << 22, 1000003, &count);
	ok(runs > 0 && runs < 512, "4 MiB: a few runs (%ld)", runs);
	ok(count == 200000, "all back, sorted and stable");

	x = xsort_new(1 << 16, bykey, NULL);
	xsort_add(x, "b:1", 3);
	xsort_add(x, "a:2", 3);
	ok(xsort_next(x, &r, &len) && len == 3 && memcmp(r, "a:2", 3) == 0,
	    "two records: the smaller first");
	xsort_free(x);

	/* records larger than a merge block (1 MiB), between small ones,
	   spilled: each comes back whole, in order */
	{
		size_t big = (size_t)3 << 20, i;
		char *p = xmalloc(big);
		long n = 0, whole = 0;

		x = xsort_new(1 << 16, bykey, NULL);
		for (i = 0; i < 3; i++) {
			memset(p, 'a' + (int)(2 - i), big);
			p[1] = ':';
			xsort_add(x, p, big);
			xsort_add(x, "zz:small", 8);
		}
		while (xsort_next(x, &r, &len)) {
			const char *q = r;

			if (n < 3 && len == big && q[0] == 'a' + n &&
			    q[big - 1] == 'a' + n)
				whole++;
			else if (n >= 3 && len == 8 && memcmp(q, "zz", 2) == 0)
				whole++;
			n++;
		}
		ok(n == 6 && whole == 6 && xsort_runs(x) > 1,
		    "records of 3 MiB spilled and merged whole (%ld of %ld)",
		    whole, n);
		xsort_free(x);
		free(p);
	}

	/* key8: 8-byte big-endian keys sorted by radix, ties in order of
	   adding, in memory and spilled; keys alike in their high bytes */
	{
		static const size_t mems[] = { 1 << 24, 1 << 16 };
		size_t m;

		for (m = 0; m < 2; m++) {
			unsigned char rec[12];
			uint64_t k, pk = 0, seed = 12345;
			uint32_t seq, pseq = 0;
			long n = 0, bad = 0, i;
			int j;

			x = xsort_new(mems[m], key8cmp, NULL);
			xsort_key8(x);
			for (i = 0; i < 50000; i++) {
				seed = seed * 6364136223846793005ULL + 1;
				k = 14082400000000000ULL + (seed >> 40) % 5000;
				for (j = 0; j < 8; j++)
					rec[j] = (unsigned char)(k >> (56 - 8 * j));
				seq = (uint32_t)i;
				memcpy(rec + 8, &seq, 4);
				xsort_add(x, rec, sizeof rec);
			}
			while (xsort_next(x, &r, &len)) {
				const unsigned char *q = r;

				for (k = 0, j = 0; j < 8; j++)
					k = k << 8 | q[j];
				memcpy(&seq, q + 8, 4);
				if (n > 0 && (k < pk || (k == pk && seq < pseq)))
					bad++;
				pk = k, pseq = seq, n++;
			}
			ok(n == 50000 && bad == 0, "key8: 50,000 records by "
			    "radix, sorted and stable (%zu runs)", xsort_runs(x));
			xsort_free(x);
		}
	}

	/* freed in the middle of a merge: nothing left behind (ASan) */
	x = xsort_new(1 << 16, bykey, NULL);
	for (count = 0; count < 200000; count++)
		xsort_add(x, "k:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 32);
	ok(xsort_next(x, &r, &len) && xsort_next(x, &r, &len) && len == 32,
	    "a merge started");
	xsort_free(x);
	return done();
}
