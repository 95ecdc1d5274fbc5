/*
 * outfile.c — outputs that appear whole or not at all, and that never
 * overwrite what the run reads.
 *
 * Three guarantees, shared by every command (gridwork(7), FILES):
 *
 * 1. No output is also an input, the store, standard output or another
 *    output.  Every file a run opens is noted with gw_file_note(): by
 *    device and inode (links followed) when it exists, else by its
 *    canonical path; a clash is refused before anything is written.
 * 2. An output file (-r, -G) is written under a temporary name beside
 *    it and renamed over its name by gw_ofile_commit(); one never
 *    committed is removed at exit, so a failed run leaves the old file
 *    as it was.  Files that hold personal data (rejects) are created
 *    owner-only, and a symbolic link at their name is refused, never
 *    followed, unless it leads to a device, a pipe or our own standard
 *    output or error (-r /dev/stderr); other outputs are written where
 *    a link leads.
 * 3. Standard output: a regular file is written in place and cut back
 *    to where it started when the run fails; a pipe or socket is fed
 *    from a temporary file once the run has succeeded, so that the
 *    next command of a pipeline never reads half an output.  A
 *    terminal, /dev/null, or a file that is standard error too (a log:
 *    > log 2>&1) is written as it is.
 *
 * Temporary files are made in $TMPDIR (else /tmp) by gw_tmpfile(),
 * unlike tmpfile(3), which ignores it.
 */
#include <sys/sendfile.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridwork.h"

/* The files of this run. */
struct noted {
	dev_t dev;
	ino_t ino;
	int exists;	/* dev/ino are set */
	int output;	/* 1: written by the run */
	int clashed;	/* an output refused for a clash: never written */
	char *canon;	/* canonical path, or NULL (a descriptor) */
	char *name;	/* as given, for messages */
	char *what;	/* "store", "input", "rejects file", ... */
};

static struct noted *notes;
static size_t nnotes, capnotes;

/* Canonical path of a file that may not exist yet: its directory
   resolved, then its last component; NULL when the directory is not. */
static char *
canonical(const char *path)
{
	char *dir, *slash, *r, *out;
	const char *base;
	size_t n;

	if ((r = realpath(path, NULL)) != NULL)
		return r;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		base = path + (slash - dir) + 1;
		r = realpath(*dir ? dir : "/", NULL);
	} else {
		base = path;
		r = realpath(".", NULL);
	}
	free(dir);
	if (!r)
		return NULL;
	n = strlen(r) + strlen(base) + 2;
	out = xmalloc(n);
	snprintf(out, n, "%s/%s", r, base);
	free(r);
	return out;
}

static const char *
clash(const struct noted *a, const struct noted *b)
{
	static struct sbuf why;
	const struct noted *out = a->output ? a : b, *other = out == a ? b : a;

	sbuf_reset(&why);
	if (strcmp(out->name, out->what) == 0 && !other->output)
		sbuf_addf(&why, "%s '%s' is also the %s: refusing to read "
		    "it", other->what, other->name, out->what);
	else if (other->output)
		sbuf_addf(&why, "%s '%s' is also the %s: refusing to write "
		    "both", out->what, out->name, other->what);
	else if (strcmp(other->name, out->name) == 0)
		sbuf_addf(&why, "%s '%s' is also the %s: refusing to "
		    "overwrite it", out->what, out->name, other->what);
	else
		sbuf_addf(&why, "%s '%s' is also the %s '%s': refusing to "
		    "overwrite it", out->what, out->name, other->what,
		    other->name);
	return why.s;
}

static int
same(const struct noted *a, const struct noted *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return a->canon && b->canon && strcmp(a->canon, b->canon) == 0;
}

int
gw_file_note(const char *path, int fd, int output, const char *what,
    const char **why)
{
	struct noted n;
	struct stat st;
	size_t i;

	memset(&n, 0, sizeof n);
	if (fd >= 0 ? fstat(fd, &st) == 0 : stat(path, &st) == 0) {
		/* a device or a pipe may be read and written by many */
		if (!S_ISREG(st.st_mode))
			return 0;
		n.exists = 1;
		n.dev = st.st_dev;
		n.ino = st.st_ino;
	}
	if (fd < 0)
		n.canon = canonical(path);
	if (!n.exists && !n.canon)
		return 0;	/* nothing there, nor can it be made */
	n.output = output;
	for (i = 0; i < nnotes; i++) {
		if ((output || notes[i].output) && same(&n, &notes[i])) {
			if (notes[i].output)
				notes[i].clashed = 1;
			n.name = (char *)path;
			n.what = (char *)what;
			*why = output ? clash(&n, &notes[i]) :
			    clash(&notes[i], &n);
			free(n.canon);
			return -1;
		}
	}
	n.name = xstrdup(path);
	n.what = xstrdup(what);
	if (nnotes == capnotes) {
		capnotes = capnotes ? 2 * capnotes : 16;
		notes = xreallocarray(notes, capnotes, sizeof *notes);
	}
	notes[nnotes++] = n;
	return 0;
}

void
gw_file_forget(void)
{
	size_t i;

	for (i = 0; i < nnotes; i++) {
		free(notes[i].canon);
		free(notes[i].name);
		free(notes[i].what);
	}
	nnotes = 0;
}

/* Temporary files. */

static const char *
tmpdir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

FILE *
gw_tmpfile(void)
{
	struct sbuf b = { 0 };
	FILE *fp;
	int fd, e;

	sbuf_addf(&b, "%s/gridwork-XXXXXX", tmpdir());
	if ((fd = mkstemp(b.s)) < 0) {
		e = errno;
		sbuf_free(&b);
		errno = e;
		return NULL;
	}
	unlink(b.s);
	sbuf_free(&b);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/* Output files. */

/* Temporaries not yet committed, removed at exit. */
static char **pending;
static size_t npending, cappending;

static void
pending_cleanup(void)
{
	size_t i;

	for (i = 0; i < npending; i++)
		if (pending[i])
			unlink(pending[i]);
}

static void
pending_add(char *tmp)
{
	static int registered;

	if (!registered) {
		atexit(pending_cleanup);
		registered = 1;
	}
	if (npending == cappending) {
		cappending = cappending ? 2 * cappending : 8;
		pending = xreallocarray(pending, cappending, sizeof *pending);
	}
	pending[npending++] = tmp;
}

static void
pending_drop(const char *tmp)
{
	size_t i;

	for (i = 0; i < npending; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

/* 1 when st is the file of descriptor fd. */
static int
isfd(const struct stat *st, int fd)
{
	struct stat fs;

	return fstat(fd, &fs) == 0 && fs.st_dev == st->st_dev &&
	    fs.st_ino == st->st_ino;
}

/*
 * How path is written: 1 as it is (a device or a pipe, itself or at
 * the end of a symbolic link, or a link to our own standard output or
 * error: -r /dev/stderr); 0 under a temporary name; -1 when it is any
 * other symbolic link (*islink set), which the caller follows or
 * refuses.
 */
static int
passthrough(const char *path, int *islink)
{
	struct stat st;

	*islink = 0;
	if (lstat(path, &st) < 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		*islink = 1;
		if (stat(path, &st) < 0)
			return -1;	/* dangling */
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
			return 1;
		return isfd(&st, STDOUT_FILENO) || isfd(&st, STDERR_FILENO) ?
		    1 : -1;
	}
	return !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Where a symbolic link at path leads (its target, the target's
   target, ...), or a copy of path itself when it is no link. */
static char *
follow(const char *path)
{
	char buf[PATH_MAX], *cur = xstrdup(path), *next;
	const char *slash;
	struct stat st;
	ssize_t n;
	int hops;

	for (hops = 0; hops < 16; hops++) {
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			break;
		if ((n = readlink(cur, buf, sizeof buf - 1)) < 0)
			break;
		buf[n] = '\0';
		if (buf[0] != '/' && (slash = strrchr(cur, '/')) != NULL) {
			next = xmalloc((size_t)(slash - cur) + (size_t)n + 2);
			sprintf(next, "%.*s/%s", (int)(slash - cur), cur, buf);
		} else
			next = xstrdup(buf);
		free(cur);
		cur = next;
	}
	return cur;
}

FILE *
gw_ofile_open(struct gw_ofile *of, const char *path, int private,
    const char **why)
{
	static struct sbuf msg;
	const char *slash;
	mode_t um;
	int fd, how, islink;

	memset(of, 0, sizeof *of);
	sbuf_reset(&msg);
	/* an ordinary output is written where a link leads, as a shell's
	   > would; a private one never is (nobody can plant a link to
	   have personal data written elsewhere) */
	if ((how = passthrough(path, &islink)) < 0 && private) {
		sbuf_addf(&msg, "'%s' is a symbolic link: refusing to follow "
		    "it (name the file itself)", path);
		*why = msg.s;
		return NULL;
	}
	of->path = how < 0 ? follow(path) : xstrdup(path);
	path = of->path;
	if (how < 0)
		how = passthrough(path, &islink) == 1;
	if (how == 1) {
		if ((of->fp = fopen(path, "w")) == NULL)
			goto fail;
		return of->fp;
	}
	/* beside it, so that rename() is atomic; hidden, and never a
	   name an office would choose */
	slash = strrchr(path, '/');
	of->tmp = xmalloc(strlen(path) + 16);
	if (slash)
		snprintf(of->tmp, strlen(path) + 16, "%.*s/.%s.tmpXXXXXX",
		    (int)(slash - path), path, slash + 1);
	else
		snprintf(of->tmp, strlen(path) + 16, ".%s.tmpXXXXXX", path);
	if ((fd = mkstemp(of->tmp)) < 0) {
		free(of->tmp);
		of->tmp = NULL;
		goto fail;
	}
	pending_add(of->tmp);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	/* mkstemp makes it 0600; an ordinary output follows the umask */
	if (!private) {
		um = umask(0);
		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	if ((of->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto fail;
	}
	return of->fp;
fail:
	sbuf_adds(&msg, strerror(errno));
	*why = msg.s;
	gw_ofile_discard(of);
	return NULL;
}

int
gw_ofile_commit(struct gw_ofile *of)
{
	struct stat st;
	size_t i;
	int bad = 0;

	if (!of->path)
		return 0;
	if (of->fp && fshut(of->fp, of->path))
		bad = 1;
	of->fp = NULL;
	if (!bad && of->tmp) {
		/* never rename over what the run read, however it came to
		   be there since it was noted */
		if (stat(of->path, &st) == 0)
			for (i = 0; i < nnotes && !bad; i++) {
				if (!notes[i].exists ||
				    notes[i].dev != st.st_dev ||
				    notes[i].ino != st.st_ino)
					continue;
				if (!notes[i].output)
					warn("'%s' is the %s '%s': not "
					    "replaced", of->path,
					    notes[i].what, notes[i].name);
				if (!notes[i].output || notes[i].clashed)
					bad = 1;	/* said when refused */
			}
		if (!bad && rename(of->tmp, of->path) < 0) {
			warn("cannot replace %s:", of->path);
			bad = 1;
		}
	}
	gw_ofile_discard(of);
	return bad ? -1 : 0;
}

void
gw_ofile_discard(struct gw_ofile *of)
{
	if (of->fp)
		fclose(of->fp);
	if (of->tmp) {
		unlink(of->tmp);	/* ENOENT once renamed */
		pending_drop(of->tmp);
		free(of->tmp);
	}
	free(of->path);
	memset(of, 0, sizeof *of);
}

/* Standard output. */

enum { OUT_DIRECT, OUT_FILE, OUT_SPOOL };

static struct {
	pid_t pid;	/* the process that owns it: a child never commits */
	int mode;	/* OUT_* */
	int done;	/* committed or retracted */
	off_t start;	/* OUT_FILE: where our output begins */
	int saved;	/* OUT_SPOOL: the real standard output */
} out = { 0, OUT_DIRECT, 0, 0, -1 };

/* The standard descriptors open, so that no file we open becomes one:
   a closed stdout is made a read-only /dev/null, on which every write
   fails and is reported. */
static void
stdfds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 1 ? O_RDONLY : O_RDWR) != fd)
			_exit(GW_FATAL);
	}
}

void
gw_stdout_init(void)
{
	struct stat so, se, dn;
	FILE *tmp;
	int fl;

	stdfds();
	out.pid = getpid();
	if (fstat(STDOUT_FILENO, &so) < 0)
		return;
	if (S_ISREG(so.st_mode)) {
		/* stdout and stderr one file (> log 2>&1) is a log, not a
		   table: cutting it back would cut the messages too */
		if (fstat(STDERR_FILENO, &se) == 0 &&
		    se.st_dev == so.st_dev && se.st_ino == so.st_ino)
			return;
		fl = fcntl(STDOUT_FILENO, F_GETFL);
		out.start = fl != -1 && (fl & O_APPEND) ? so.st_size :
		    lseek(STDOUT_FILENO, 0, SEEK_CUR);
		if (out.start < 0)
			return;
		out.mode = OUT_FILE;
		(void)gw_file_note("standard output", STDOUT_FILENO, 1,
		    "standard output", &(const char *){ NULL });
		return;
	}
	if (S_ISCHR(so.st_mode) || (stat("/dev/null", &dn) == 0 &&
	    dn.st_rdev == so.st_rdev))
		return;		/* a terminal, /dev/null */
	if (!S_ISFIFO(so.st_mode) && !S_ISSOCK(so.st_mode))
		return;
	if ((tmp = gw_tmpfile()) == NULL)
		die("cannot create a temporary file for the output:");
	if ((out.saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    dup2(fileno(tmp), STDOUT_FILENO) < 0)
		die("cannot hold the output in a temporary file:");
	fclose(tmp);
	out.mode = OUT_SPOOL;
}

/* Copies the spool (fd 1) to the real output; 0 or -1. */
static int
unspool(void)
{
	char buf[65536];
	off_t end, off = 0;
	ssize_t n, w, k;

	if ((end = lseek(STDOUT_FILENO, 0, SEEK_END)) < 0)
		return -1;
	while (off < end) {
		n = sendfile(out.saved, STDOUT_FILENO, &off, (size_t)(end - off));
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EINVAL || errno == ENOSYS))
			break;	/* read and write it */
		return -1;
	}
	if (off < end && lseek(STDOUT_FILENO, off, SEEK_SET) < 0)
		return -1;
	while (off < end) {
		if ((n = read(STDOUT_FILENO, buf, sizeof buf)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		for (w = 0; w < n; w += k)
			if ((k = write(out.saved, buf + w, (size_t)(n - w))) < 0) {
				if (errno == EINTR) {
					k = 0;
					continue;
				}
				return -1;
			}
		off += n;
	}
	return 0;
}

int
gw_stdout_commit(void)
{
	int bad = 0, e;

	if (out.done || out.pid != getpid())
		return 0;
	if (out.mode == OUT_FILE) {
		/* a full disk: the output goes, the error is said once */
		if (fflush(stdout) == EOF || ferror(stdout)) {
			warn("write error: stdout:");
			gw_stdout_retract();
			clearerr(stdout);
			return -1;
		}
		out.done = 1;
		return 0;
	}
	out.done = 1;
	if (out.mode != OUT_SPOOL)
		return 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		bad = 1;
		warn("write error: temporary file for the output:");
	} else if (unspool() < 0) {
		bad = 1;
		if (errno != EPIPE)
			warn("write error: stdout:");
	}
	e = errno;
	/* the real output back on fd 1, for fshut() to close */
	if (dup2(out.saved, STDOUT_FILENO) < 0)
		bad = 1;
	close(out.saved);
	out.saved = -1;
	errno = e;
	return bad ? -1 : 0;
}

void
gw_stdout_retract(void)
{
	if (out.done || out.pid != getpid())
		return;
	out.done = 1;
	switch (out.mode) {
	case OUT_FILE:
		/* what stdio holds is written, then cut off with the rest */
		(void)fflush(stdout);
		if (ftruncate(STDOUT_FILENO, out.start) == 0)
			(void)lseek(STDOUT_FILENO, out.start, SEEK_SET);
		break;
	case OUT_SPOOL:
		/* what stdio holds goes to the spool, which goes nowhere */
		(void)fflush(stdout);
		(void)dup2(out.saved, STDOUT_FILENO);
		close(out.saved);
		out.saved = -1;
		break;
	}
}
