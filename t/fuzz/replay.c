/*
 * replay.c — main() for a fuzz harness without libFuzzer: runs
 * LLVMFuzzerTestOneInput() once on each file named, as libFuzzer does
 * when given files.  `make all` links each t/fuzz/NAME.c with it into
 * $(O)/t/fuzz/NAME, so that t/0009-fuzz-corpus.t replays the seed
 * corpus and the saved crash inputs with the normal compiler, and under
 * the ASan build of `make check`.  Prints "NAME: N inputs" at the end;
 * a broken contract aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	FILE *fp;
	char *buf, *exact;
	size_t n, cap;
	int i;

	for (i = 1; i < argc; i++) {
		if (!(fp = fopen(argv[i], "rb"))) {
			perror(argv[i]);
			return 2;
		}
		buf = NULL;
		n = cap = 0;
		do {
			if (n == cap) {
				cap = cap ? 2 * cap : 4096;
				if (!(buf = realloc(buf, cap))) {
					perror("realloc");
					return 2;
				}
			}
			n += fread(buf + n, 1, cap - n, fp);
		} while (!feof(fp) && !ferror(fp));
		if (ferror(fp)) {
			perror(argv[i]);
			return 2;
		}
		fclose(fp);
		/* an exact copy, so that ASan sees a read past the end */
		if (!(exact = malloc(n ? n : 1))) {
			perror("malloc");
			return 2;
		}
		if (n)
			memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput((const uint8_t *)exact, n);
		free(exact);
	}
	printf("%s: %d inputs\n", argv[0], argc - 1);
	return 0;
}
