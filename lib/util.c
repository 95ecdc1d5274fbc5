/*
 * util.c — messages, exit, allocation that dies on failure, a growable
 * buffer and the location of shared data.  The x-wrappers and die() are
 * the only library functions that exit.
 */
#include <sys/mman.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "gridwork.h"

const char *argv0 = "gridwork";

/* A run that ends without gw_exit() (a return from main(), exit()):
   its output stands when the status says it finished, else it goes. */
static void
atend(int status, void *arg)
{
	(void)arg;
	if (status == GW_OK || status == GW_REJECTS) {
		if (gw_stdout_commit() < 0)
			_exit(GW_FATAL);
	} else
		gw_stdout_retract();
}

void
gw_init(int argc, char **argv)
{
	const char *p;

	(void)argc;
	if (argv && argv[0]) {
		p = strrchr(argv[0], '/');
		argv0 = p ? p + 1 : argv[0];
	}
	/* a reader that went away (| head) ends us quietly */
	signal(SIGPIPE, SIG_DFL);
	/* standard output whole or not at all, however the run ends */
	gw_stdout_init();
	on_exit(atend, NULL);
}

/* A message goes out in one write where it fits the buffer: stderr is
   unbuffered, and a run that warns of every tenth row spent more on
   three writes a message than on the row. */
static void
vwarn(const char *fmt, va_list ap)
{
	int saved = errno, k, m;
	size_t n = strlen(fmt);
	char buf[2048];
	va_list aq;

	fflush(stdout);
	va_copy(aq, ap);
	k = snprintf(buf, sizeof buf, "%s: ", argv0);
	m = k < 0 || (size_t)k >= sizeof buf ? -1 :
	    vsnprintf(buf + k, sizeof buf - (size_t)k, fmt, aq);
	va_end(aq);
	if (m >= 0 && (size_t)m < sizeof buf - (size_t)k) {
		k += m;
		if (n > 0 && fmt[n - 1] == ':')
			k += snprintf(buf + k, sizeof buf - (size_t)k, " %s",
			    strerror(saved));
		if ((size_t)k < sizeof buf - 1) {
			buf[k++] = '\n';
			fwrite(buf, 1, (size_t)k, stderr);
			return;
		}
	}
	fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	gw_stdout_retract();
	exit(GW_FATAL);
}

int
fshut(FILE *fp, const char *name)
{
	int bad = 0;

	if (fflush(fp) == EOF)
		bad = 1;
	if (ferror(fp))
		bad = 1;
	if (fclose(fp) == EOF)
		bad = 1;
	if (bad) {
		if (errno == EPIPE)
			return 1;
		warn("write error: %s:", name);
	}
	return bad;
}

void
gw_exit(int status)
{
	if (status == GW_FATAL)
		gw_stdout_retract();
	else if (gw_stdout_commit() < 0)
		status = GW_FATAL;
	if (fshut(stdout, "stdout"))
		status = GW_FATAL;
	if (status == GW_FATAL)
		gw_stdout_retract();
	exit(status);
}

FILE *
gw_spool(void)
{
	FILE *tmp = gw_tmpfile();

	if (tmp == NULL)
		die("cannot create a temporary file:");
	return tmp;
}

void
gw_unspool(FILE *tmp)
{
	char buf[65536];
	size_t n;

	/* rewind() clears the error flag: check the writes first */
	if (fflush(tmp) == EOF || ferror(tmp))
		die("write error: temporary file:");
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;	/* stdout's error is reported by gw_exit() */
	if (ferror(tmp))
		die("read error: temporary file:");
	fclose(tmp);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		die("out of memory: %zu * %zu bytes", nmemb, size);
	p = realloc(p, (nmemb * size) != 0 ? nmemb * size : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sbuf_grow(struct sbuf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		die("out of memory");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->s = xreallocarray(b->s, b->cap, 1);
	b->s[b->len] = '\0';
}

void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_addc(struct sbuf *b, int c)
{
	sbuf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
sbuf_vaddf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die("sbuf_addf: bad format");
	sbuf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

static int
isdir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
gw_sharedir(void)
{
	static char dir[PATH_MAX + 64];
	char exe[PATH_MAX - 64], try[PATH_MAX], *slash;
	const char *env;
	ssize_t n;

	if (dir[0])
		return dir;
	env = getenv("GRIDWORK_SHARE");
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		/* installed: PREFIX/bin/../share/gridwork */
		snprintf(try, sizeof try, "%s/../share/gridwork", exe);
		if (isdir(try)) {
			snprintf(dir, sizeof dir, "%s", try);
			return dir;
		}
		/* build tree: O/bin/../../share, with the aliases beside it */
		snprintf(try, sizeof try, "%s/../../share/aliases.csv", exe);
		if (access(try, R_OK) == 0) {
			snprintf(dir, sizeof dir, "%s/../../share", exe);
			return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", SHAREDIR);
	return dir;
}

const char *
gw_sharepath(const char *rel)
{
	static char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", gw_sharedir(), rel);
	return path;
}

/*
 * Big blocks touched at random or once over: below a huge page, calloc;
 * above, mapped whole (pages come zeroed, so nothing is written twice)
 * with huge pages asked for, sparing most TLB misses and one fault per
 * 4 KB (advice only: without them it works the same, slower).
 */
#define BIG_HUGE (2UL << 20)

void *
gw_bigalloc(size_t bytes)
{
	void *p;

	if (bytes < BIG_HUGE)
		return xcalloc(1, bytes ? bytes : 1);
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("out of memory: %zu bytes", bytes);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

/*
 * A big block grown by doubling (kept rows, an array of them): below a
 * huge page, realloc; from there on mapped as gw_bigalloc() maps, the
 * old bytes copied over.  Realloc would copy as much (once glibc raises
 * its mmap threshold, a block that grows is moved on the heap) and
 * fault every 4 KB of it in; this faults it in by the huge page.  The
 * bytes past old are zero when mapped, unspecified below; freed by
 * gw_bigfree(p, bytes).
 */
void *
gw_bigrealloc(void *p, size_t old, size_t bytes)
{
	void *q;

	if (bytes < BIG_HUGE && (old < BIG_HUGE || p == NULL))
		return xreallocarray(p, bytes ? bytes : 1, 1);
	if (p != NULL && old >= BIG_HUGE && bytes <= old)
		return p;	/* never shrunk: freed by its size */
	q = gw_bigalloc(bytes);
	if (p != NULL) {
		memcpy(q, p, old < bytes ? old : bytes);
		gw_bigfree(p, old);
	}
	return q;
}

void
gw_bigfree(void *p, size_t bytes)
{
	if (p == NULL)
		return;
	if (bytes < BIG_HUGE)
		free(p);
	else
		munmap(p, bytes);
}

int
gw_sharetsv(const char *name, int header, int max,
    void (*cb)(char **f, int nf, void *arg), void *arg)
{
	FILE *fp;
	char *line = NULL, *f[16], *p;
	size_t cap = 0;
	ssize_t len;
	int nf;

	if (max > 16)
		max = 16;
	if ((fp = fopen(gw_sharepath(name), "r")) == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r' || line[len - 1] == ' ' ||
		    line[len - 1] == '\t'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (header) {	/* the header line */
			header = 0;
			continue;
		}
		for (nf = 0, p = line; nf < max; ) {
			f[nf++] = p;
			if (nf == max || (p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		cb(f, nf, arg);
	}
	free(line);
	fclose(fp);
	return 0;
}

const char *
gw_trim(const char *s, size_t *n)
{
	size_t len = *n;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

int
gw_alldigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

char **
gw_split(const char *v, size_t *n)
{
	char *list, *tok, *save, **a = NULL;

	*n = 0;
	if (!v)
		return NULL;
	list = xstrdup(v);
	for (tok = strtok_r(list, " \t", &save); tok;
	    tok = strtok_r(NULL, " \t", &save)) {
		a = xreallocarray(a, *n + 1, sizeof *a);
		a[(*n)++] = xstrdup(tok);
	}
	free(list);
	return a;
}

void
gw_split_free(char **a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(a[i]);
	free(a);
}
