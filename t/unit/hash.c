/*
 * hash.c unit tests: u64map add/put/get through growth, keys that are
 * 0 and all ones, and hash_idno's exactness on identity numbers that
 * differ only in the check character or one digit.
 */
#include "gridwork.h"
#include "tap.h"

int
main(void)
{
	u64map *m = u64map_new(0);
	uint64_t v, i, bad = 0;
	int ok_all = 1;

	ok(u64map_len(m) == 0, "new map is empty");
	ok(!u64map_get(m, 0, &v), "key 0 absent at first");
	is(u64map_add(m, 0, 7, NULL), 1, "add key 0");
	is(u64map_add(m, UINT64_MAX, 9, NULL), 1, "add key 2^64-1");
	v = 0;
	is(u64map_add(m, 0, 8, &v), 0, "adding key 0 again says present");
	is(v, 7, "... gives the old value");
	ok(u64map_get(m, 0, &v) && v == 7, "... and keeps it");
	u64map_put(m, 0, 8);
	ok(u64map_get(m, 0, &v) && v == 8, "put replaces");
	ok(u64map_get(m, UINT64_MAX, &v) && v == 9, "key 2^64-1 kept");
	/* a million keys: growth many times over */
	for (i = 1; i <= 1000000; i++)
		u64map_put(m, i * 1000003, i);
	for (i = 1; i <= 1000000; i++)
		if (!u64map_get(m, i * 1000003, &v) || v != i)
			bad++;
	is(bad, 0, "a million keys all found with their values");
	is(u64map_len(m), 1000002, "len counts distinct keys");
	ok(!u64map_get(m, 1000002, NULL), "a key never added is absent");
	u64map_free(m);

	ok(hash_idno("11010519491231002X") != hash_idno("110105194912310020"),
	    "hash_idno: check X and 0 differ");
	ok(hash_idno("110105194912310029") != hash_idno("110105194912310038"),
	    "hash_idno: one digit and check differ");
	is(hash_idno("000000000000000000"), 0, "hash_idno of zeros is 0");
	ok(hash_idno("99999999999999999X") > hash_idno("999999999999999999"),
	    "hash_idno: X orders after 9");
	for (i = 0; i < 10 && ok_all; i++) {
		char a[19] = "62010219900101100", b[19];

		a[17] = (char)('0' + i);
		a[18] = '\0';
		memcpy(b, a, 19);
		b[16] = '1';
		ok_all = hash_idno(a) != hash_idno(b);
	}
	ok(ok_all, "hash_idno: neighbouring sequences differ");
	ok(hash_bytes("abc", 3) == hash_bytes("abcd", 3),
	    "hash_bytes reads n bytes only");
	ok(hash_bytes("", 0) != hash_bytes("a", 1), "hash_bytes of '' and 'a'");
	return done();
}
