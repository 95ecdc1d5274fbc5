/*
 * fuzz.h — what the fuzz harnesses of t/fuzz/ share.
 *
 * Each t/fuzz/NAME.c defines LLVMFuzzerTestOneInput() and nothing
 * else that is global, so that it links both with libFuzzer (`make
 * fuzz`, clang -fsanitize=fuzzer) and with replay.c, the main() of
 * `make check`, which feeds it the files of t/fuzz/corpus/NAME/.
 * A harness checks the contracts of lib/gridwork.h on what the library
 * returns; a broken contract is reported by fuzz_fail(), which aborts,
 * so that libFuzzer saves the input like any crash.
 *
 * The readers under test take paths, not memory: fuzz_file() writes the
 * input into a private directory made once per process (under $TMPDIR)
 * and removed at exit.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

#ifndef GW_FUZZ_SHARE
#define GW_FUZZ_SHARE "share"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dirbuf[4096];
static char fuzz_pathbuf[4096 + 64];

/* Says which contract broke, and aborts. */
static inline _Noreturn void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: contract broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static inline void
fuzz_rmdir(void)
{
	char cmd[4096 + 16];

	if (fuzz_dirbuf[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dirbuf);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dirbuf);
	}
}

/* The private directory; GRIDWORK_SHARE is set to the tree's share/
   when the environment does not say, so aliases and profiles load. */
static inline const char *
fuzz_dir(void)
{
	const char *t;

	if (fuzz_dirbuf[0])
		return fuzz_dirbuf;
	if (!getenv("GRIDWORK_SHARE"))
		setenv("GRIDWORK_SHARE", GW_FUZZ_SHARE, 1);
	if (!(t = getenv("TMPDIR")) || !*t)
		t = "/tmp";
	snprintf(fuzz_dirbuf, sizeof fuzz_dirbuf, "%s/gwfuzz.XXXXXX", t);
	if (!mkdtemp(fuzz_dirbuf)) {
		perror(fuzz_dirbuf);
		exit(2);
	}
	atexit(fuzz_rmdir);
	return fuzz_dirbuf;
}

/* Writes data[0..n) to NAME in the private directory; its path. */
static inline const char *
fuzz_file(const char *name, const void *data, size_t n)
{
	FILE *fp;

	snprintf(fuzz_pathbuf, sizeof fuzz_pathbuf, "%s/%s", fuzz_dir(), name);
	if (!(fp = fopen(fuzz_pathbuf, "wb")) ||
	    (n && fwrite(data, 1, n, fp) != n) || fclose(fp) != 0) {
		perror(fuzz_pathbuf);
		exit(2);
	}
	return fuzz_pathbuf;
}

#endif
