/*
 * idset.c unit test: a set of strings by fingerprint — every distinct
 * string new once, every repeat seen, across growth of the table.
 */
#include <stdio.h>
#include <string.h>

#include "gridwork.h"
#include "tap.h"

int
main(void)
{
	idset *s = idset_new();
	char buf[64];
	long i, newc = 0, dup = 0;

	ok(idset_add(s, "", 0) == 1, "the empty string is new once");
	ok(idset_add(s, "", 0) == 0, "and then present");
	for (i = 0; i < 300000; i++) {
		snprintf(buf, sizeof buf, "E2026100%08ld", i);
		newc += idset_add(s, buf, strlen(buf));
	}
	is(newc, 300000, "300,000 distinct ids all new, through many growths");
	for (i = 0; i < 300000; i += 7) {
		snprintf(buf, sizeof buf, "E2026100%08ld", i);
		dup += !idset_add(s, buf, strlen(buf));
	}
	is(dup, (300000 + 6) / 7, "every seventh added again: all present");
	is((long)idset_len(s), 300001, "length counts distinct strings");
	ok(idset_bytes(s) <= 300001 * 9 * 2 * 4 / 3 + 9216 &&
	    idset_bytes(s) >= 300001 * 9, "at most 3/4 full, at least 9 "
	    "bytes a string (8 a slot, 1 of filter)");
	ok(idset_add(s, "abcdefgh1", 9) && idset_add(s, "abcdefgh2", 9),
	    "strings differing only past 8 bytes differ");
	ok(idset_add(s, "abc", 3) && idset_add(s, "abc\0", 4),
	    "a string and its extension by a NUL differ");
	is((long long)idset_hash("E1", 2), (long long)idset_hash("E1", 2),
	    "the hash is a function");
	ok(idset_hash("E1", 2) != idset_hash("E2", 2), "one digit changes it");
	/* a repeat straight after, while the first is still pending in
	   front of the table, and repeats at random against a map */
	{
		idset *t = idset_new();
		u64map *m = u64map_new(0);
		uint64_t x = 88172645463325252ULL, k;
		long wrong = 0, j;

		ok(idset_addh(t, 12345) == 1 && idset_addh(t, 12345) == 0,
		    "a repeat of the last one added is seen");
		for (j = 0; j < 400000; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			k = x % 150000;	/* about 6 in 10 repeats */
			if (idset_add(t, (const char *)&k, sizeof k) !=
			    u64map_add(m, k, 0, NULL))
				wrong++;
		}
		is(wrong, 0, "400,000 adds, repeats at random: as a map says");
		is((long)idset_len(t), (long)u64map_len(m) + 1,
		    "and the length is the map's");
		u64map_free(m);
		idset_free(t);
	}
	idset_prefetch(s, idset_hash("new", 3));
	ok(idset_addh(s, idset_hash("new", 3)) == 1 &&
	    idset_add(s, "new", 3) == 0, "addh and add agree");
	idset_free(s);
	idset_free(NULL);
	return done();
}
