/*
 * csvparse.c — the floor for bench/event.sh: a bare libcsv parse of a
 * file that only counts fields and records, with no decoding, checks or
 * work per record.  cc -O2 -o csvparse csvparse.c -lcsv
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct counts {
	unsigned long fields;
	unsigned long records;
};

static void
onfield(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void
onrecord(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

int
main(int argc, char *argv[])
{
	static char buf[1 << 20];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	ssize_t got;
	int fd;

	if (argc != 2) {
		fputs("usage: csvparse file\n", stderr);
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 2;
	}
	if (csv_init(&p, 0) != 0)
		return 2;
	while ((got = read(fd, buf, sizeof buf)) > 0)
		if (csv_parse(&p, buf, (size_t)got, onfield, onrecord, &n) !=
		    (size_t)got) {
			fprintf(stderr, "csvparse: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, onfield, onrecord, &n);
	csv_free(&p);
	close(fd);
	printf("%lu records, %lu fields\n", n.records, n.fields);
	return got < 0;
}
