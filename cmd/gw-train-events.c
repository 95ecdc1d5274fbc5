/*
 * gw-train-events — train the event classifier from a labelled corpus,
 * measure it by cross-validation, or test it on labelled texts
 * (gridwork-rules(7), EVENTS, Classification).
 *
 * A corpus is TSV with the columns category and text; every category
 * must be one of the policy's.  Training writes the model file
 * (model.c) to stdout: the same corpus in the same order gives the same
 * bytes, which is how the build makes share/event/model-*.lm.
 *
 * --cv K and --test classify as event-report does (cat_decide): the
 * override rules of the policy first, then the model, review below the
 * policy's model_threshold.  --cv K trains K models, each on the corpus
 * less every K-th text (by its place in its category), and classifies
 * the texts left out; --test uses the policy's own model.  Both print
 * right, wrong and review over all texts, the same at other thresholds,
 * the precision and recall of each category and what the rules decided.
 * A text is right when its category is the label, wrong when it is
 * another, review when it is left empty.  These figures are printed,
 * never checked here: the tests decide what is good enough.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static const char usage_text[] =
    "usage: gw-train-events [-C cost] [-E enc] [-p policy] [-r rejects] corpus ...\n"
    "       gw-train-events --cv k [-v] [-C cost] [-E enc] [-p policy] [-r rejects]\n"
    "                       [--rules file] corpus ...\n"
    "       gw-train-events --test [-v] [-E enc] [-p policy] [-r rejects]\n"
    "                       [--rules file] file ...\n";

enum { OPT_CV = OPT_CMD, OPT_TEST, OPT_RULES };


/* What one text got: its label and the decision. */
struct verdict {
	int label;		/* category index of the label */
	struct catdec d;
};

static const double sweep[] = { 0, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7,
    0.75, 0.8, 0.9 };

static void
tally(const struct verdict *v, size_t n, double th, size_t *right,
    size_t *wrong, size_t *review)
{
	size_t i;
	int c;

	*right = *wrong = *review = 0;
	for (i = 0; i < n; i++) {
		c = v[i].d.cat;
		if (v[i].d.how == CATSRC_MODEL || v[i].d.how == CATSRC_REVIEW)
			c = v[i].d.conf >= th ? v[i].d.guess : 0;
		if (c == 0)
			(*review)++;
		else if (c == v[i].label)
			(*right)++;
		else
			(*wrong)++;
	}
}

static double
pct(size_t a, size_t n)
{
	return n ? 100.0 * (double)a / (double)n : 0;
}

static void
print_report(const char *what, const struct cattab *t, const struct corpus *c,
    const struct verdict *v, int verbose)
{
	size_t n = c->n, right, wrong, review, i, nrule = 0, rright = 0;
	size_t *tp, *pred, *truth, j;
	int k;

	tally(v, n, t->threshold, &right, &wrong, &review);
	printf("%s: %zu texts, threshold %.2f: right %.1f %%, wrong %.1f %%, "
	    "review %.1f %%\n", what, n, t->threshold, pct(right, n),
	    pct(wrong, n), pct(review, n));
	for (i = 0; i < n; i++)
		if (v[i].d.how == CATSRC_RULE) {
			nrule++;
			rright += v[i].d.cat == v[i].label;
		}
	printf("%s: rules decided %zu texts (%.1f %%), %zu of them right "
	    "(precision %.1f %%)\n", what, nrule, pct(nrule, n), rright,
	    pct(rright, nrule));
	for (j = 0; j < sizeof sweep / sizeof sweep[0]; j++) {
		tally(v, n, sweep[j], &right, &wrong, &review);
		printf("%s: at threshold %.2f: right %.1f %%, wrong %.1f %%, "
		    "review %.1f %%\n", what, sweep[j], pct(right, n),
		    pct(wrong, n), pct(review, n));
	}
	tp = xcalloc((size_t)t->n, sizeof *tp);
	pred = xcalloc((size_t)t->n, sizeof *pred);
	truth = xcalloc((size_t)t->n, sizeof *truth);
	for (i = 0; i < n; i++) {
		truth[v[i].label]++;
		pred[v[i].d.cat]++;
		tp[v[i].label] += v[i].d.cat == v[i].label;
	}
	printf("%s: category texts precision recall\n", what);
	for (k = 1; k < t->n; k++)
		if (truth[k] || pred[k])
			printf("%s: %-4s %5zu %6.1f %% %6.1f %%\n", what,
			    t->cat[k].code, truth[k], pct(tp[k], pred[k]),
			    pct(tp[k], truth[k]));
	free(tp);
	free(pred);
	free(truth);
	if (!verbose)
		return;
	for (i = 0; i < n; i++)
		if (v[i].d.cat != v[i].label)
			printf("%s: %s %s -> %s (%s %.2f)\t%.*s\n", what,
			    v[i].d.cat ? "wrong" : "review",
			    t->cat[v[i].label].code,
			    t->cat[v[i].d.cat].code,
			    cat_srcname(v[i].d.how), v[i].d.conf,
			    (int)c->ex[i].n, c->ex[i].text);
}

static int
label_of(const struct cattab *t, const char *code)
{
	return cat_find(t, code, strlen(code));
}

/* k-fold cross-validation: text i of its category is in fold i % k. */
static void
crossval(struct cattab *t, const struct corpus *c, int k, double cost,
    int verbose)
{
	struct verdict *v = xcalloc(c->n + 1, sizeof *v);
	struct model_ex *train = xcalloc(c->n + 1, sizeof *train);
	int *fold = xcalloc(c->n + 1, sizeof *fold);
	size_t *seen = xcalloc((size_t)t->n, sizeof *seen);
	size_t i, nt;
	const char *why;
	model *m;
	int f, lab;

	for (i = 0; i < c->n; i++) {
		lab = label_of(t, c->ex[i].code);
		fold[i] = (int)(seen[lab]++ % (size_t)k);
		v[i].label = lab;
	}
	for (f = 0; f < k; f++) {
		for (i = nt = 0; i < c->n; i++)
			if (fold[i] != f)
				train[nt++] = c->ex[i];
		if (!(m = model_train(train, nt, cost, &why)))
			die("fold %d: %s", f + 1, why);
		if (cat_model(t, m, t->threshold, "(fold)", &why) < 0)
			die("%s", why);
		for (i = 0; i < c->n; i++)
			if (fold[i] == f)
				cat_decide(t, "", 0, c->ex[i].text, c->ex[i].n,
				    &v[i].d);
		t->model = NULL;
		model_free(m);
	}
	{
		char what[32];

		snprintf(what, sizeof what, "cv %d-fold", k);
		print_report(what, t, c, v, verbose);
	}
	free(v);
	free(train);
	free(fold);
	free(seen);
}

static void
test(const struct cattab *t, const struct corpus *c, int verbose)
{
	struct verdict *v = xcalloc(c->n + 1, sizeof *v);
	size_t i;

	for (i = 0; i < c->n; i++) {
		v[i].label = label_of(t, c->ex[i].code);
		cat_decide(t, "", 0, c->ex[i].text, c->ex[i].n, &v[i].d);
	}
	print_report("test", t, c, v, verbose);
	free(v);
}

int
main(int argc, char *argv[])
{
	static struct option lopts[] = {
		GW_LO_HELP,
		{"cv", required_argument, 0, OPT_CV},
		{"rules", required_argument, 0, OPT_RULES},
		{"test", no_argument, 0, OPT_TEST},
		{0, 0, 0, 0}
	};
	struct gw_opts o;
	struct gw_run run;
	struct cattab t;
	struct csvr_opt ro;
	struct corpus c = { 0 };
	const char *rulesfile = NULL, *why;
	policy *pol;
	double cost = MODEL_COST;
	char *end;
	int ch, k = 0, testing = 0, verbose = 0, status;
	model *m;

	gw_init(argc, argv);
	memset(&o, 0, sizeof o);
	memset(&run, 0, sizeof run);
	while ((ch = gw_getopt(argc, argv, "C:E:hp:r:v", lopts, &o,
	    usage_text)) != -1) {
		switch (ch) {
		case 'C':
			cost = strtod(optarg, &end);
			if (end == optarg || *end || !(cost > 0))
				die("-C '%s': not a positive number", optarg);
			break;
		case OPT_CV:
			k = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || k < 2 || k > 100)
				die("--cv '%s': not a number of folds (2-100)",
				    optarg);
			break;
		case OPT_RULES:
			rulesfile = optarg;
			break;
		case OPT_TEST:
			testing = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			gw_usage(usage_text);
		}
	}
	argc -= optind;
	argv += optind;
	if (k && testing)
		die("--cv and --test exclude each other");
	if (!k && !testing && (rulesfile || verbose))
		die("--rules and -v are for --cv and --test");
	if (argc == 0)
		die("no corpus named (category<TAB>text files)");

	if (!(pol = policy_load(o.policy, &why)))
		die("%s", why);
	if (cat_load(&t, pol, CATF_STRICT, &why) < 0 ||
	    cat_setup(&t, rulesfile, !testing, &why) < 0)
		die("%s", why);
	if ((k || testing) && !t.modelpath)
		die("policy '%s': no event.model: nothing to measure",
		    policy_name(pol));
	run.rejects_path = o.rejects;
	ro = gw_inopt(&o);
	if (corpus_read(&c, &t, &run, argc, argv, &ro) < 0)
		gw_exit(GW_FATAL);
	if (c.n == 0)
		die("no texts in the corpus");

	if (k)
		crossval(&t, &c, k, cost, verbose);
	else if (testing)
		test(&t, &c, verbose);
	else {
		if (!(m = model_train(c.ex, c.n, cost, &why)))
			die("%s", why);
		if (model_write(m, stdout) < 0)
			die("write error: <stdout>:");
		model_free(m);
	}
	corpus_free(&c);
	status = gw_end(&run, NULL);
	cat_free(&t);
	policy_free(pol);
	gw_exit(status);
}
