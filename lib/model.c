/*
 * model.c — the statistical classifier of event texts (gridwork-rules(7),
 * EVENTS, Classification): character n-grams of one and two characters
 * and a linear model, one-vs-rest L2-regularised logistic regression
 * trained by Debian's liblinear.
 *
 * A text is read as code points: full-width ASCII folds to ASCII, ASCII
 * letters to lower case, a run of digits to one '0', and every blank or
 * punctuation mark to one separator, written '|' (a text begins and ends
 * with one).  Its features are the n-grams of that sequence, n = 1..2
 * (longer ones measured no better), but the bare separator; the value of a feature is its count over the
 * Euclidean norm of all counts, so that a long report weighs as much as
 * a short one.  Only the first MODEL_MAXF n-gram occurrences count.
 *
 * Training keeps the n-grams seen in at least two texts (every n-gram
 * of a corpus smaller than 200 texts), numbered in byte order of their
 * UTF-8 spelling, and then every step is deterministic: the same corpus
 * gives the same model file, byte for byte.  The file is text:
 *
 *	gridwork-model 1
 *	classes CODE ...
 *	scale 10000
 *	bias Q ...			(one per class)
 *	NGRAM<TAB>CLASS:Q ...		(one a line, in byte order)
 *
 * each weight Q an integer, the weight times scale rounded (zeros left
 * out).  The score of class c is its bias plus the sum of the weights
 * times the values; its probability the logistic of the score, divided
 * by the sum over all classes: that quotient of the best class is the
 * confidence the caller compares with its threshold.
 *
 * A model is read once and then only read (model_predict takes it
 * const and keeps its scratch on the stack): several threads may share
 * one.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "gridwork.h"

#define SEP	'|'
#define SCALE	10000
#define MAXN	2	/* the longest n-gram */

struct evmodel {
	int nclass;
	char (*code)[5];	/* class codes, sorted */
	float *bias;		/* [nclass] */
	size_t nfeat;
	float *w;		/* [nfeat][nclass] */
	char **gram;		/* [nfeat] the n-gram, for --explain */
	uint64_t *key;		/* open addressing: hash -> feature + 1 */
	uint32_t *slot;
	size_t mask;
};

/* ---- features ---- */

static int
ispunct_cp(uint32_t c)
{
	if (c <= ' ' || c == 0x7f)
		return 1;
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'));
	return (c >= 0x2000 && c <= 0x206f) ||	/* general punctuation */
	    (c >= 0x3000 && c <= 0x303f) ||	/* CJK punctuation */
	    (c >= 0xfe30 && c <= 0xfe4f) ||	/* CJK compatibility forms */
	    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    c == 0xa0 || c == 0xb7 || c == 0xd7 || c == 0xfeff ||
	    c == 0x2026 || c == 0xffe5 || c == 0x00a5;
}

/* Decodes one UTF-8 character; a bad byte reads as a separator. */
static size_t
utf8_one(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t k, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
	if (k == 0 || k > n) {
		*cp = ' ';
		return 1;
	}
	c &= 0x3f >> (k - 1);
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = ' ';
			return 1;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return k;
}

/* The normalised sequence of text[0..n) into cp[0..cap), returned length. */
static size_t
normalise(const char *text, size_t n, uint32_t *cp, size_t cap)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, m = 0, k;
	uint32_t c;

	cp[m++] = SEP;
	while (i < n && m < cap - 1) {
		k = utf8_one(s + i, n - i, &c);
		i += k;
		if (c >= 0xff10 && c <= 0xff5e && !ispunct_cp(c))
			c -= 0xfee0;		/* full-width letter or digit */
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= '0' && c <= '9')
			c = '0';
		else if (ispunct_cp(c))
			c = SEP;
		if ((c == SEP || c == '0') && cp[m - 1] == c)
			continue;
		cp[m++] = c;
	}
	if (cp[m - 1] != SEP)
		cp[m++] = SEP;
	return m;
}

static uint64_t
gram_hash(const uint32_t *cp, int len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)len;
	int i;

	for (i = 0; i < len; i++) {
		h ^= cp[i];
		h *= 0x100000001b3ULL;
		h ^= h >> 29;
	}
	return h ? h : 1;
}

/* The n-grams of text: hash, and where in cp they start and how long. */
struct gram {
	uint64_t h;
	uint32_t at;
	uint8_t len;
};

#define MODEL_MAXCP 1024

static size_t
grams(const uint32_t *cp, size_t m, struct gram *g, size_t cap)
{
	size_t i, k = 0;
	int len;

	for (i = 0; i < m; i++)
		for (len = 1; len <= MAXN && i + (size_t)len <= m; len++) {
			if (len == 1 && cp[i] == SEP)
				continue;
			if (k == cap)
				return k;
			g[k].h = gram_hash(cp + i, len);
			g[k].at = (uint32_t)i;
			g[k].len = (uint8_t)len;
			k++;
		}
	return k;
}

static void
gram_str(const uint32_t *cp, int len, struct sbuf *b)
{
	char u[4];
	uint32_t c;
	int i;

	sbuf_reset(b);
	for (i = 0; i < len; i++) {
		c = cp[i];
		if (c < 0x80)
			sbuf_addc(b, (int)c);
		else if (c < 0x800) {
			u[0] = (char)(0xc0 | c >> 6);
			u[1] = (char)(0x80 | (c & 0x3f));
			sbuf_add(b, u, 2);
		} else if (c < 0x10000) {
			u[0] = (char)(0xe0 | c >> 12);
			u[1] = (char)(0x80 | (c >> 6 & 0x3f));
			u[2] = (char)(0x80 | (c & 0x3f));
			sbuf_add(b, u, 3);
		} else {
			u[0] = (char)(0xf0 | c >> 18);
			u[1] = (char)(0x80 | (c >> 12 & 0x3f));
			u[2] = (char)(0x80 | (c >> 6 & 0x3f));
			u[3] = (char)(0x80 | (c & 0x3f));
			sbuf_add(b, u, 4);
		}
	}
}

/* The hash of an n-gram spelt s (as the model file writes it). */
static uint64_t
str_hash(const char *s, size_t n, int *len)
{
	uint32_t cp[8];
	size_t i = 0, k;
	int m = 0;

	while (i < n && m < 8) {
		k = utf8_one((const unsigned char *)s + i, n - i, &cp[m]);
		i += k;
		m++;
	}
	*len = m;
	return gram_hash(cp, m);
}

/* ---- the table of features ---- */

static void
tab_init(model *m, size_t n)
{
	size_t cap = 16;

	while (cap < n * 2 + 2)
		cap *= 2;
	m->key = xcalloc(cap, sizeof *m->key);
	m->slot = xcalloc(cap, sizeof *m->slot);
	m->mask = cap - 1;
}

/* 0 when new, else 1 (a repeated n-gram). */
static int
tab_put(model *m, uint64_t h, uint32_t f)
{
	size_t i = (size_t)(h ^ h >> 32) & m->mask;

	while (m->key[i]) {
		if (m->key[i] == h)
			return 1;
		i = (i + 1) & m->mask;
	}
	m->key[i] = h;
	m->slot[i] = f + 1;
	return 0;
}

static long
tab_get(const model *m, uint64_t h)
{
	size_t i = (size_t)(h ^ h >> 32) & m->mask;

	while (m->key[i]) {
		if (m->key[i] == h)
			return (long)m->slot[i] - 1;
		i = (i + 1) & m->mask;
	}
	return -1;
}

void
model_free(model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nfeat; i++)
		free(m->gram[i]);
	free(m->gram);
	free(m->code);
	free(m->bias);
	free(m->w);
	free(m->key);
	free(m->slot);
	free(m);
}

int
model_nclass(const model *m)
{
	return m->nclass;
}

const char *
model_class(const model *m, int c)
{
	return m->code[c];
}

size_t
model_nfeat(const model *m)
{
	return m->nfeat;
}

/* ---- prediction ---- */

static int
u32cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The known features of text, one per occurrence, into f[]; their
   count. */
static size_t
features(const model *m, const char *text, size_t n, uint32_t *f)
{
	uint32_t cp[MODEL_MAXCP];
	struct gram g[MODEL_MAXF];
	size_t ncp, ng, i, k = 0;
	long x;

	ncp = normalise(text, n, cp, MODEL_MAXCP);
	ng = grams(cp, ncp, g, MODEL_MAXF);
	for (i = 0; i < ng; i++)
		if ((x = tab_get(m, g[i].h)) >= 0)
			f[k++] = (uint32_t)x;
	return k;
}

/* features(), sorted, so that repeats are together. */
static size_t
features_sorted(const model *m, const char *text, size_t n, uint32_t *f)
{
	size_t k = features(m, text, n, f);

	qsort(f, k, sizeof *f, u32cmp);
	return k;
}

/* Scores of every class from the features f[0..k) (in any order, a
   feature once per occurrence): each occurrence weighs 1 / sqrt(k). */
static void
scores(const model *m, const uint32_t *f, size_t k, double *s)
{
	float acc[MODEL_MAXCLASS];
	const float *w;
	double v;
	size_t i;
	int c;

	for (c = 0; c < m->nclass; c++)
		acc[c] = 0;
	for (i = 0; i < k; i++) {
		w = m->w + (size_t)f[i] * (size_t)m->nclass;
		for (c = 0; c < m->nclass; c++)
			acc[c] += w[c];
	}
	v = k ? 1 / sqrt((double)k) : 0;
	for (c = 0; c < m->nclass; c++)
		s[c] = m->bias[c] + v * acc[c];
}

int
model_predict(const model *m, const char *text, size_t n, double *conf)
{
	uint32_t f[MODEL_MAXF];
	double s[MODEL_MAXCLASS], sum = 0, p, best = -1;
	int c, bc = 0;

	scores(m, f, features(m, text, n, f), s);
	for (c = 0; c < m->nclass; c++) {
		p = 1 / (1 + exp(-s[c]));
		sum += p;
		if (p > best) {
			best = p;
			bc = c;
		}
	}
	*conf = sum > 0 ? best / sum : 0;
	return bc;
}

static int
contribcmp(const void *a, const void *b)
{
	const struct model_why *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return strcmp(x->gram, y->gram);
}

size_t
model_explain(const model *m, const char *text, size_t n, int c,
    struct model_why *out, size_t cap)
{
	uint32_t f[MODEL_MAXF];
	struct model_why *all;
	double norm = 0;
	size_t k, i, j, na = 0;

	k = features_sorted(m, text, n, f);
	all = xcalloc(k + 1, sizeof *all);
	norm = k ? 1 / sqrt((double)k) : 0;
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && f[j] == f[i]; j++)
			;
		all[na].gram = m->gram[f[i]];
		all[na].count = (int)(j - i);
		all[na].weight = (double)(j - i) * norm *
		    m->w[(size_t)f[i] * (size_t)m->nclass + (size_t)c];
		na++;
	}
	qsort(all, na, sizeof *all, contribcmp);
	if (na > cap)
		na = cap;
	memcpy(out, all, na * sizeof *out);
	free(all);
	return na;
}

/* ---- reading and writing ---- */

static model *
model_new(int nclass, size_t nfeat)
{
	model *m = xcalloc(1, sizeof *m);

	m->nclass = nclass;
	m->code = xcalloc((size_t)nclass, sizeof *m->code);
	m->bias = xcalloc((size_t)nclass, sizeof *m->bias);
	m->nfeat = 0;
	m->w = xcalloc(nfeat * (size_t)nclass + 1, sizeof *m->w);
	m->gram = xcalloc(nfeat + 1, sizeof *m->gram);
	tab_init(m, nfeat);
	return m;
}

static int
rfail(struct sbuf *err, const char **why, const char *path, long line,
    const char *what)
{
	sbuf_reset(err);
	if (line)
		sbuf_addf(err, "%s:%ld: %s", path, line, what);
	else
		sbuf_addf(err, "%s: %s", path, what);
	*why = err->s;
	return -1;
}

model *
model_load(const char *path, const char **why)
{
	static struct sbuf err;
	FILE *fp;
	char *line = NULL, *p, *q, *tab, *end;
	size_t cap = 0, nlines = 0, f;
	ssize_t len;
	long ln = 0, v, c;
	model *m = NULL;
	int nclass = 0, bad = 0, glen;
	char hdr[64];

	if (!(fp = fopen(path, "r"))) {
		sbuf_reset(&err);
		sbuf_addf(&err, "%s: %s", path, strerror(errno));
		*why = err.s;
		return NULL;
	}
	/* the number of lines, for the table's size */
	while ((len = getline(&line, &cap, fp)) > 0)
		nlines++;
	rewind(fp);
	while (!bad && (len = getline(&line, &cap, fp)) > 0) {
		ln++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (ln == 1) {
			if (strcmp(line, "gridwork-model 1") != 0)
				bad = rfail(&err, why, path, ln, "not a "
				    "gridwork model (gridwork-model 1)");
			continue;
		}
		if (ln == 2) {
			if (strncmp(line, "classes ", 8) != 0) {
				bad = rfail(&err, why, path, ln,
				    "expected 'classes CODE ...'");
				continue;
			}
			for (p = line + 8, nclass = 0; *p; nclass++) {
				p += strcspn(p, " ");
				p += strspn(p, " ");
			}
			if (nclass < 2 || nclass > MODEL_MAXCLASS) {
				bad = rfail(&err, why, path, ln, "a model "
				    "has 2 to 64 classes");
				continue;
			}
			m = model_new(nclass, nlines);
			for (p = line + 8, c = 0; c < nclass; c++) {
				len = (ssize_t)strcspn(p, " ");
				if (len != 2 && len != 4)
					bad = rfail(&err, why, path, ln, "a "
					    "class is a code of 2 or 4 digits");
				else
					memcpy(m->code[c], p, (size_t)len);
				p += len;
				p += strspn(p, " ");
			}
			continue;
		}
		if (ln == 3) {
			snprintf(hdr, sizeof hdr, "scale %d", SCALE);
			if (strcmp(line, hdr) != 0)
				bad = rfail(&err, why, path, ln, "expected "
				    "'scale 10000'");
			continue;
		}
		if (ln == 4) {
			if (strncmp(line, "bias ", 5) != 0) {
				bad = rfail(&err, why, path, ln, "expected "
				    "'bias Q ...'");
				continue;
			}
			for (p = line + 5, c = 0; c < nclass; c++) {
				errno = 0;
				v = strtol(p, &end, 10);
				if (end == p || errno) {
					bad = rfail(&err, why, path, ln, "bad "
					    "bias");
					break;
				}
				m->bias[c] = (float)v / SCALE;
				p = end;
			}
			continue;
		}
		if (!(tab = strchr(line, '\t')) || tab == line) {
			bad = rfail(&err, why, path, ln, "expected "
			    "'NGRAM<TAB>CLASS:WEIGHT ...'");
			continue;
		}
		f = m->nfeat;
		if (tab_put(m, str_hash(line, (size_t)(tab - line), &glen),
		    (uint32_t)f) || glen > MAXN) {
			bad = rfail(&err, why, path, ln, "n-gram given twice "
			    "or longer than 2");
			continue;
		}
		m->gram[f] = xmalloc((size_t)(tab - line) + 1);
		memcpy(m->gram[f], line, (size_t)(tab - line));
		m->gram[f][tab - line] = '\0';
		m->nfeat++;
		for (p = tab + 1; *p && !bad; p = end) {
			c = strtol(p, &q, 10);
			if (q == p || *q != ':' || c < 0 || c >= nclass) {
				bad = rfail(&err, why, path, ln, "bad "
				    "CLASS:WEIGHT");
				break;
			}
			v = strtol(q + 1, &end, 10);
			if (end == q + 1) {
				bad = rfail(&err, why, path, ln, "bad "
				    "CLASS:WEIGHT");
				break;
			}
			m->w[f * (size_t)nclass + (size_t)c] = (float)v / SCALE;
			end += strspn(end, " ");
		}
	}
	free(line);
	if (ferror(fp) && !bad)
		bad = rfail(&err, why, path, 0, strerror(errno));
	fclose(fp);
	if (!bad && ln < 4)
		bad = rfail(&err, why, path, 0, "not a gridwork model "
		    "(too short)");
	if (bad) {
		model_free(m);
		return NULL;
	}
	return m;
}

/* ---- training ---- */

struct vocab {
	char *s;		/* the n-gram */
	uint64_t h;
	int df;			/* texts it is seen in */
	int last;		/* the last text counted */
};

static int
vocabcmp(const void *a, const void *b)
{
	return strcmp(((const struct vocab *)a)->s,
	    ((const struct vocab *)b)->s);
}

static int
codecmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
quiet(const char *s)
{
	(void)s;
}

model *
model_train(const struct model_ex *ex, size_t n, double C, const char **why)
{
	static struct sbuf err;
	model *tab, *m;
	struct vocab *v = NULL;
	size_t nv = 0, capv = 0, i, j, k, nnode, ng, ncp, mindf;
	uint32_t cp[MODEL_MAXCP];
	struct gram *g;
	struct sbuf b = { 0 };
	char (*codes)[5];
	int nclass = 0, *lab, c;
	long x;
	struct problem prob;
	struct parameter par;
	struct feature_node *nodes, **rows;
	struct model *lm;
	double *y, norm;
	const char *msg;
	int *label;
	uint32_t *remap;

	/* the classes: the codes of the examples, sorted */
	codes = xcalloc(n + 1, sizeof *codes);
	for (i = 0; i < n; i++) {
		if (strlen(ex[i].code) != 2 && strlen(ex[i].code) != 4) {
			sbuf_reset(&err);
			sbuf_addf(&err, "example %zu: '%s' is not a category "
			    "code", i + 1, ex[i].code);
			*why = err.s;
			free(codes);
			return NULL;
		}
		memcpy(codes[i], ex[i].code, strlen(ex[i].code) + 1);
	}
	qsort(codes, n, sizeof *codes, codecmp);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(codes[i], codes[nclass - 1]) != 0)
			memcpy(codes[nclass++], codes[i], 5);
	if (nclass < 2 || nclass > MODEL_MAXCLASS) {
		sbuf_reset(&err);
		sbuf_addf(&err, "a model needs 2 to %d categories among its "
		    "examples, not %d", MODEL_MAXCLASS, nclass);
		*why = err.s;
		free(codes);
		return NULL;
	}
	lab = xcalloc(n + 1, sizeof *lab);
	for (i = 0; i < n; i++)
		lab[i] = (int)((char (*)[5])bsearch(ex[i].code, codes,
		    (size_t)nclass, sizeof *codes, codecmp) - codes);

	/* the vocabulary and its document frequencies */
	g = xcalloc(MODEL_MAXF, sizeof *g);
	tab = model_new(1, n * 64 + 1024);
	for (i = 0; i < n; i++) {
		ncp = normalise(ex[i].text, ex[i].n, cp, MODEL_MAXCP);
		ng = grams(cp, ncp, g, MODEL_MAXF);
		for (j = 0; j < ng; j++) {
			if ((x = tab_get(tab, g[j].h)) >= 0) {
				if (v[x].last != (int)i) {
					v[x].df++;
					v[x].last = (int)i;
				}
				continue;
			}
			if (nv == capv) {
				capv = capv ? capv * 2 : 4096;
				v = xreallocarray(v, capv, sizeof *v);
			}
			if ((nv + 1) * 2 > tab->mask) {
				/* grow the table: rehash what is there */
				free(tab->key);
				free(tab->slot);
				tab_init(tab, nv * 2);
				for (k = 0; k < nv; k++)
					tab_put(tab, v[k].h, (uint32_t)k);
			}
			gram_str(cp + g[j].at, g[j].len, &b);
			v[nv].s = xstrdup(b.s);
			v[nv].h = g[j].h;
			v[nv].df = 1;
			v[nv].last = (int)i;
			tab_put(tab, g[j].h, (uint32_t)nv);
			nv++;
		}
	}
	model_free(tab);
	mindf = n < 200 ? 1 : 2;
	for (i = k = 0; i < nv; i++) {
		if ((size_t)v[i].df >= mindf)
			v[k++] = v[i];
		else
			free(v[i].s);
	}
	nv = k;
	qsort(v, nv, sizeof *v, vocabcmp);

	/* the model being made holds the vocabulary, for features() */
	m = model_new(nclass, nv);
	memcpy(m->code, codes, (size_t)nclass * sizeof *codes);
	for (i = 0; i < nv; i++) {
		tab_put(m, v[i].h, (uint32_t)i);
		m->gram[i] = v[i].s;
	}
	m->nfeat = nv;
	free(v);
	free(codes);

	/* liblinear's problem: features numbered from 1, bias last */
	remap = xcalloc(MODEL_MAXF, sizeof *remap);
	rows = xcalloc(n + 1, sizeof *rows);
	y = xcalloc(n + 1, sizeof *y);
	nodes = NULL;
	nnode = 0;
	{
		size_t capn = 0, *start = xcalloc(n + 1, sizeof *start);

		for (i = 0; i < n; i++) {
			k = features_sorted(m, ex[i].text, ex[i].n, remap);
			start[i] = nnode;
			if (nnode + k + 2 > capn) {
				capn = (nnode + k + 2) * 2;
				nodes = xreallocarray(nodes, capn,
				    sizeof *nodes);
			}
			norm = k ? 1 / sqrt((double)k) : 0;
			for (j = 0; j < k; j = ng) {
				for (ng = j + 1; ng < k && remap[ng] ==
				    remap[j]; ng++)
					;
				nodes[nnode].index = (int)remap[j] + 1;
				nodes[nnode].value = (double)(ng - j) * norm;
				nnode++;
			}
			nodes[nnode].index = (int)nv + 1;	/* the bias */
			nodes[nnode].value = 1;
			nnode++;
			nodes[nnode].index = -1;
			nodes[nnode].value = 0;
			nnode++;
			y[i] = lab[i];
		}
		for (i = 0; i < n; i++)
			rows[i] = nodes + start[i];
		free(start);
	}
	free(remap);
	free(g);
	memset(&prob, 0, sizeof prob);
	prob.l = (int)n;
	prob.n = (int)nv + 1;
	prob.y = y;
	prob.x = rows;
	prob.bias = 1;
	memset(&par, 0, sizeof par);
	par.solver_type = L2R_LR;
	par.C = C;
	par.eps = 0.01;
	set_print_string_function(quiet);
	if ((msg = check_parameter(&prob, &par))) {
		sbuf_reset(&err);
		sbuf_addf(&err, "liblinear: %s", msg);
		*why = err.s;
		model_free(m);
		m = NULL;
		goto out;
	}
	lm = train(&prob, &par);
	label = xcalloc((size_t)nclass, sizeof *label);
	get_labels(lm, label);
	for (i = 0; i < (size_t)get_nr_class(lm) && i < (size_t)nclass; i++) {
		c = label[i];
		for (j = 0; j < nv; j++)
			m->w[j * (size_t)nclass + (size_t)c] = (float)(lrint(
			    get_decfun_coef(lm, (int)j + 1, (int)i) * SCALE)) /
			    SCALE;
		m->bias[c] = (float)lrint(get_decfun_bias(lm, (int)i) *
		    SCALE) / SCALE;
	}
	free(label);
	free_and_destroy_model(&lm);
	destroy_param(&par);
out:
	free(nodes);
	free(rows);
	free(y);
	free(lab);
	sbuf_free(&b);
	return m;
}

int
model_write(const model *m, FILE *fp)
{
	size_t f;
	int c, sep;
	long q;

	fprintf(fp, "gridwork-model 1\nclasses");
	for (c = 0; c < m->nclass; c++)
		fprintf(fp, " %s", m->code[c]);
	fprintf(fp, "\nscale %d\nbias", SCALE);
	for (c = 0; c < m->nclass; c++)
		fprintf(fp, " %ld", lrintf(m->bias[c] * SCALE));
	fputc('\n', fp);
	for (f = 0; f < m->nfeat; f++) {
		fputs(m->gram[f], fp);
		fputc('\t', fp);
		for (c = sep = 0; c < m->nclass; c++)
			if ((q = lrintf(m->w[f * (size_t)m->nclass +
			    (size_t)c] * SCALE)) != 0) {
				fprintf(fp, "%s%d:%ld", sep ? " " : "", c, q);
				sep = 1;
			}
		fputc('\n', fp);
	}
	return ferror(fp) ? -1 : 0;
}

/* ---- corpora ---- */

void
corpus_add(struct corpus *c, const char *code, const char *text, size_t n)
{
	char *s;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->ex = xreallocarray(c->ex, c->cap, sizeof *c->ex);
	}
	s = xmalloc(strlen(code) + 1 + n + 1);
	memcpy(s, code, strlen(code) + 1);
	memcpy(s + strlen(code) + 1, text, n);
	s[strlen(code) + 1 + n] = '\0';
	c->ex[c->n].code = s;
	c->ex[c->n].text = s + strlen(code) + 1;
	c->ex[c->n].n = n;
	c->n++;
}

void
corpus_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free((char *)c->ex[i].code);
	free(c->ex);
	memset(c, 0, sizeof *c);
}

struct corpus_rd {
	struct corpus *c;
	const struct cattab *t;
	struct gw_run *run;
	int col[2];
};

static int
corpus_hdr(csvr *r, void *arg)
{
	static const char *const names[2] = { "category", "text" };
	struct corpus_rd *rd = arg;

	return gw_bind(r, csvr_name(r), names, 2, 2, rd->col, "a corpus: "
	    "category<TAB>text");
}

static int
corpus_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct corpus_rd *rd = arg;
	const char *s, *text;
	size_t n, tn;
	int k;

	s = gw_field(rec, rd->col[0], &n);
	text = gw_field(rec, rd->col[1], &tn);
	if (!(k = cat_find(rd->t, s, n))) {
		gw_reject(rd->run, csvr_name(r), rec->line, "category", rec,
		    "category '%s' is not in policy '%s'", s,
		    policy_name(rd->t->pol));
		return 1;
	}
	if (tn == 0) {
		gw_reject(rd->run, csvr_name(r), rec->line, "text", rec,
		    "empty text");
		return 1;
	}
	corpus_add(rd->c, rd->t->cat[k].code, text, tn);
	return 0;
}

int
corpus_read(struct corpus *c, const struct cattab *t, struct gw_run *run,
    int argc, char **argv, const struct csvr_opt *o)
{
	struct corpus_rd rd;
	struct csvr_opt to = *o;

	memset(&rd, 0, sizeof rd);
	rd.c = c;
	rd.t = t;
	rd.run = run;
	return gw_loop(run, argc, argv, &to, corpus_hdr, corpus_rec, &rd);
}

/* ---- learning from the officers' corrections ---- */

#define LEARN_WEIGHT 3	/* a correction counts as this many texts */

static int
lfail(struct sbuf *err, const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(err);
	va_start(ap, fmt);
	sbuf_vaddf(err, fmt, ap);
	va_end(ap);
	*why = err->s;
	return -1;
}

static int
sametext(const struct model_ex *a, const struct model_ex *b)
{
	return a->n == b->n && memcmp(a->text, b->text, a->n) == 0;
}

/* Writes c to path through a temporary file renamed over it. */
static int
corpus_write(const struct corpus *c, const char *path)
{
	struct sbuf tmp = { 0 };
	FILE *fp;
	size_t i;
	int rc = 0;

	sbuf_addf(&tmp, "%s.tmp", path);
	if (!(fp = fopen(tmp.s, "w"))) {
		sbuf_free(&tmp);
		return -1;
	}
	fputs("category\ttext\n", fp);
	for (i = 0; i < c->n; i++)
		fprintf(fp, "%s\t%.*s\n", c->ex[i].code, (int)c->ex[i].n,
		    c->ex[i].text);
	if (ferror(fp) | fclose(fp) || rename(tmp.s, path) < 0)
		rc = -1;
	sbuf_free(&tmp);
	return rc;
}

int
model_learn(const struct cattab *t, const struct corpus *fix,
    struct gw_run *run, struct learn_count *lc, const char **why)
{
	static struct sbuf err;
	const char *p;
	char *learned, *mpath, *tmp;
	struct corpus own = { 0 }, base = { 0 }, all = { 0 };
	struct csvr_opt ro;
	struct gw_run r2;
	glob_t g;
	size_t i, j, k;
	int rc = -1, drop;
	char *argv1[2];
	model *m = NULL;
	FILE *fp;

	memset(lc, 0, sizeof *lc);
	memset(&ro, 0, sizeof ro);
	ro.fmt = FMT_TSV;
	if (!t->modelpath)
		return lfail(&err, why, "policy '%s': no event.model to "
		    "retrain", policy_name(t->pol));
	if (!(p = policy_path(t->pol, "event", "learned")))
		return lfail(&err, why, "policy '%s': missing key "
		    "'event.learned' (the county's own corpus, which --learn "
		    "adds to)", policy_name(t->pol));
	learned = xstrdup(p);
	mpath = xstrdup(t->modelpath);
	tmp = NULL;

	/* the county's corpus so far, less what the corrections redo */
	if (access(learned, F_OK) == 0) {
		memset(&r2, 0, sizeof r2);
		r2.rejects_path = NULL;
		argv1[0] = learned;
		argv1[1] = NULL;
		k = corpus_read(&own, t, &r2, 1, argv1, &ro) < 0 ||
		    r2.nrej > 0;
		gw_run_end(&r2);
		if (k) {
			lfail(&err, why, "%s: the county's corpus has bad rows",
			    learned);
			goto out;
		}
	}
	for (i = 0; i < fix->n; i++) {
		for (j = k = 0; j < own.n; j++) {
			if (sametext(&own.ex[j], &fix->ex[i])) {
				if (strcmp(own.ex[j].code, fix->ex[i].code) == 0)
					lc->known++;
				else
					lc->changed++;
				free((char *)own.ex[j].code);
				continue;
			}
			own.ex[k++] = own.ex[j];
		}
		if (k == own.n)
			lc->added++;
		own.n = k;
		corpus_add(&own, fix->ex[i].code, fix->ex[i].text,
		    fix->ex[i].n);
	}
	if (corpus_write(&own, learned) < 0) {
		lfail(&err, why, "%s: %s", learned, strerror(errno));
		goto out;
	}

	/* the base corpus of the policy, less the texts corrected */
	if ((p = policy_path(t->pol, "event", "corpus"))) {
		if (glob(p, 0, NULL, &g) != 0) {
			lfail(&err, why, "policy '%s': event.corpus '%s' names "
			    "no file", policy_name(t->pol), p);
			goto out;
		}
		memset(&r2, 0, sizeof r2);
		k = corpus_read(&base, t, &r2, (int)g.gl_pathc, g.gl_pathv,
		    &ro) < 0 || r2.nrej > 0;
		gw_run_end(&r2);
		globfree(&g);
		if (k) {
			lfail(&err, why, "policy '%s': the corpus of "
			    "event.corpus has bad rows", policy_name(t->pol));
			goto out;
		}
	}
	for (i = 0; i < base.n; i++) {
		for (j = 0, drop = 0; j < own.n && !drop; j++)
			drop = sametext(&base.ex[i], &own.ex[j]);
		if (!drop)
			corpus_add(&all, base.ex[i].code, base.ex[i].text,
			    base.ex[i].n);
	}
	for (k = 0; k < LEARN_WEIGHT; k++)
		for (i = 0; i < own.n; i++)
			corpus_add(&all, own.ex[i].code, own.ex[i].text,
			    own.ex[i].n);
	lc->own = own.n;
	lc->texts = all.n;
	if (!(m = model_train(all.ex, all.n, MODEL_COST, why)))
		goto out;
	tmp = xmalloc(strlen(mpath) + 5);
	sprintf(tmp, "%s.tmp", mpath);
	if (!(fp = fopen(tmp, "w"))) {
		lfail(&err, why, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (model_write(m, fp) < 0 || fclose(fp) == EOF ||
	    rename(tmp, mpath) < 0) {
		lfail(&err, why, "%s: %s", mpath, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	(void)run;
	model_free(m);
	corpus_free(&own);
	corpus_free(&base);
	corpus_free(&all);
	free(learned);
	free(mpath);
	free(tmp);
	return rc;
}
