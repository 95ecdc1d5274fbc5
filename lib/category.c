/*
 * category.c — the categories of events as one table built from the
 * policy (gridwork-rules(7), EVENTS and CASES): [event] cat.CODE =
 * [URGENCY] NAME gives code, name and urgency; [route] the department,
 * level and time limit of each; [pay] its per-case subsidy.  A second
 * level (4 digits) without a key of its own takes its first level's:
 * that fallback is cat_key(), and nothing else here or in a command
 * looks a category's key up.  Classification is cat_decide(): a given
 * category the table knows, else the first rule of the rule list that
 * matches the text (high-precision overrides, the county's own), else
 * the model (model.c) when it is sure enough, else review; without a
 * model, no rule matching leaves the event without one (none).
 *
 * With CATF_REPORT each category has its reporting limit too: [event]
 * report_within.CODE, else its urgency's report_within.URGENCY (the
 * immediate level's is late_minutes when unset), else the same day;
 * cat_late() is the one late flag of an event.
 *
 * The table prints nothing: the caller says what a failure means.  It
 * reads no file but in cat_setup(), the one reader of the policy's
 * rules and model, which every command that classifies calls.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

static int
fail(struct cattab *t, const char **why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&t->err);
	va_start(ap, fmt);
	sbuf_vaddf(&t->err, fmt, ap);
	va_end(ap);
	*why = t->err.s;
	return -1;
}

const struct policy_kv *
cat_key(const policy *p, const char *sect, const char *prefix,
    const char *code, size_t n)
{
	const struct policy_kv *kv;
	struct sbuf k = { 0 };

	sbuf_addf(&k, "%s.", prefix);
	sbuf_add(&k, code, n);
	if (!(kv = policy_find(p, sect, k.s)) && n == 4) {
		sbuf_reset(&k);
		sbuf_addf(&k, "%s.%.2s", prefix, code);
		kv = policy_find(p, sect, k.s);
	}
	sbuf_free(&k);
	return kv;
}

int
cat_inlist(char **a, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], s) == 0)
			return 1;
	return 0;
}

static int
urgindex(const struct cattab *t, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < t->nurg; i++)
		if (strlen(t->urg[i]) == n && memcmp(t->urg[i], s, n) == 0)
			return (int)i;
	return -1;
}

static int
catcmp(const void *a, const void *b)
{
	return strcmp(((const struct cat *)a)->code,
	    ((const struct cat *)b)->code);
}

/* [route] before the categories: the defaults every category needs. */
static int
route_defaults(struct cattab *t, const char **defdept,
    const char **deflevel, const char **why)
{
	const char *w;

	if (policy_int(t->pol, "route", "immediate_hours", &t->hours, &w) < 0 ||
	    policy_int(t->pol, "route", "default_limit", &t->deflimit, &w) < 0)
		return fail(t, why, "%s", w);
	if (t->hours < 1 || t->deflimit < 0)
		return fail(t, why, "policy '%s': route.immediate_hours must "
		    "be at least 1 and route.default_limit not negative",
		    policy_name(t->pol));
	if (!(*defdept = policy_str(t->pol, "route", "default_dept", &w)) ||
	    !(*deflevel = policy_str(t->pol, "route", "default_level", &w)))
		return fail(t, why, "%s", w);
	return 0;
}

/* The route of c: department, level, limit, the never and tasks lists. */
static int
route_cat(struct cattab *t, struct cat *c, const char *defdept,
    const char *deflevel, char **never, size_t nnever, char **tasks,
    size_t ntasks, const char **why)
{
	const struct policy_kv *kv;
	size_t n = strlen(c->code);
	char top[3], *end;

	kv = cat_key(t->pol, "route", "dept", c->code, n);
	c->dept = kv && *kv->val ? kv->val : defdept;
	kv = cat_key(t->pol, "route", "level", c->code, n);
	c->level = kv && *kv->val ? kv->val : deflevel;
	if (strcmp(c->level, "township") != 0 &&
	    strcmp(c->level, "county") != 0 &&
	    strcmp(c->level, "village") != 0)
		return fail(t, why, "policy '%s': level '%s' of category %s "
		    "is not village, township or county", policy_name(t->pol),
		    c->level, c->code);
	c->days = t->deflimit;
	if ((kv = cat_key(t->pol, "route", "limit", c->code, n))) {
		if (strcmp(kv->val, "immediate") == 0) {
			c->immediate = 1;
			c->days = 0;
		} else {
			c->days = strtol(kv->val, &end, 10);
			if (!gw_alldigits(kv->val, strlen(kv->val)) || *end ||
			    c->days > 366)
				return fail(t, why, "%s:%d: key '%s': a limit "
				    "is working days (0-366) or 'immediate', "
				    "not '%s'", kv->file, kv->line, kv->key,
				    kv->val);
		}
	}
	/* the village (community) settles what it can within its own
	   limit, route.village_limit, when the policy sets one */
	if (strcmp(c->level, "village") == 0 && !c->immediate &&
	    (kv = policy_find(t->pol, "route", "village_limit"))) {
		c->days = strtol(kv->val, &end, 10);
		if (!gw_alldigits(kv->val, strlen(kv->val)) || *end ||
		    c->days > 366)
			return fail(t, why, "%s:%d: key '%s': a limit is "
			    "working days (0-366), not '%s'", kv->file,
			    kv->line, kv->key, kv->val);
	}
	/* a second-level code follows its first level's lists */
	memcpy(top, c->code, 2);
	top[2] = '\0';
	c->never = cat_inlist(never, nnever, c->code) ||
	    cat_inlist(never, nnever, top);
	c->task = cat_inlist(tasks, ntasks, c->code) || cat_inlist(tasks, ntasks, top);
	return 0;
}

static int
pay_cat(struct cattab *t, struct cat *c, const char **why)
{
	const struct policy_kv *kv;
	const char *w;

	if (!(kv = cat_key(t->pol, "pay", "case", c->code, strlen(c->code))) &&
	    !(kv = policy_find(t->pol, "pay", "case_default")))
		return fail(t, why, "policy '%s': missing key "
		    "'pay.case_default'", policy_name(t->pol));
	if (policy_amount(kv->val, strlen(kv->val), &c->subsidy, &w) < 0)
		return fail(t, why, "%s:%d: key '%s': %s", kv->file, kv->line,
		    kv->key, w);
	if (c->subsidy < 0)
		return fail(t, why, "%s:%d: key '%s': negative amount",
		    kv->file, kv->line, kv->key);
	return 0;
}

/* A report_within value: minutes (0 .. 1440 x 31) or "day". */
static int
limitval(struct cattab *t, const struct policy_kv *kv, long *lim,
    const char **why)
{
	char *end;

	if (strcmp(kv->val, "day") == 0) {
		*lim = CAT_SAMEDAY;
		return 0;
	}
	*lim = strtol(kv->val, &end, 10);
	if (!gw_alldigits(kv->val, strlen(kv->val)) || *end ||
	    *lim > 1440L * 31)
		return fail(t, why, "%s:%d: key '%s': a reporting limit is "
		    "minutes (0-44640) or 'day', not '%s'", kv->file,
		    kv->line, kv->key, kv->val);
	return 0;
}

/* [event] report_within.URGENCY of every urgency, report_within.CODE of
   every category (gridwork-rules(7), EVENTS: reporting on time). */
static int
report_withins(struct cattab *t, const char **why)
{
	const struct policy_kv *kv;
	struct sbuf k = { 0 };
	const char *w;
	size_t i;
	long late;
	int c;

	t->urglimit = xcalloc(t->nurg ? t->nurg : 1, sizeof *t->urglimit);
	for (i = 0; i < t->nurg; i++) {
		sbuf_reset(&k);
		sbuf_addf(&k, "report_within.%s", t->urg[i]);
		t->urglimit[i] = CAT_SAMEDAY;
		if ((kv = policy_find(t->pol, "event", k.s))) {
			if (limitval(t, kv, &t->urglimit[i], why) < 0)
				goto bad;
		} else if (strcmp(t->urg[i], "immediate") == 0) {
			if (policy_int(t->pol, "event", "late_minutes", &late,
			    &w) < 0) {
				fail(t, why, "%s", w);
				goto bad;
			}
			if (late < 0) {
				fail(t, why, "policy '%s': event.late_minutes "
				    "must not be negative",
				    policy_name(t->pol));
				goto bad;
			}
			t->urglimit[i] = late;
		}
	}
	sbuf_free(&k);
	for (c = 1; c < t->n; c++) {
		t->cat[c].replimit = CAT_NOLIMIT;
		kv = cat_key(t->pol, "event", "report_within", t->cat[c].code,
		    strlen(t->cat[c].code));
		if (kv && limitval(t, kv, &t->cat[c].replimit, why) < 0)
			return -1;
	}
	return 0;
bad:
	sbuf_free(&k);
	return -1;
}

long
cat_replimit(const struct cattab *t, int c, const char *urg, size_t un,
    int *u)
{
	*u = un > 0 ? urgindex(t, urg, un) : c > 0 ? t->cat[c].urg : -1;
	if (c > 0 && t->cat[c].replimit != CAT_NOLIMIT)
		return t->cat[c].replimit;
	if (*u < 0 && t->nurg > 0)	/* none: the ordinary level's */
		return t->urglimit[t->nurg - 1];
	return *u >= 0 ? t->urglimit[*u] : CAT_SAMEDAY;
}

int
cat_late(long limit, int64_t found, int64_t rep)
{
	int64_t end;

	if (limit == CAT_SAMEDAY) {
		end = (found >= 0 ? found / 86400 : (found - 86399) / 86400) *
		    86400 + 86399;
		return rep > end;
	}
	return rep - found > (int64_t)limit * 60;
}

const char *
cat_limitfmt(long limit, char buf[32])
{
	if (limit == CAT_SAMEDAY)
		snprintf(buf, 32, "the same day");
	else
		snprintf(buf, 32, "%ld minutes", limit);
	return buf;
}

/* [event] cat.CODE keys into t->cat[1..), sorted by code. */
static int
load_cats(struct cattab *t, int flags, const char **why)
{
	const struct policy_kv *kv;
	const char *v, *sp;
	size_t n, i, len;
	struct cat *c;
	int k, top;

	t->cat = xcalloc(1, sizeof *t->cat);
	t->cat[0].name = "";
	t->cat[0].urg = -1;
	t->n = 1;
	kv = policy_section(t->pol, "event", &n);
	for (i = 0; i < n; i++) {
		if (strncmp(kv[i].key, "cat.", 4) != 0)
			continue;
		len = strlen(kv[i].key + 4);
		if ((len != 2 && len != 4) || !gw_alldigits(kv[i].key + 4, len))
			return fail(t, why, "%s:%d: key '%s': a category code "
			    "is 2 or 4 digits", kv[i].file, kv[i].line,
			    kv[i].key);
		if ((flags & CATF_STRICT) && t->n == CAT_MAX)
			return fail(t, why, "%s:%d: more than %d event "
			    "categories", kv[i].file, kv[i].line, CAT_MAX - 1);
		t->cat = xreallocarray(t->cat, (size_t)t->n + 1, sizeof *t->cat);
		c = &t->cat[t->n++];
		memset(c, 0, sizeof *c);
		memcpy(c->code, kv[i].key + 4, len + 1);
		c->file = kv[i].file;
		c->line = kv[i].line;
		/* "URGENCY NAME", or a NAME alone taking its first level's */
		v = kv[i].val;
		sp = v + strcspn(v, " \t");
		c->urg = urgindex(t, v, (size_t)(sp - v));
		if (c->urg >= 0)
			v = sp + strspn(sp, " \t");
		else if (len == 2 && (flags & CATF_STRICT))
			return fail(t, why, "%s:%d: key '%s': urgency '%.*s' "
			    "is none of event.urgencies", kv[i].file,
			    kv[i].line, kv[i].key, (int)(sp - v), v);
		c->name = v;
	}
	if (t->n == 1)
		return fail(t, why, "policy '%s': no event categories "
		    "(cat.CODE keys of [event])", policy_name(t->pol));
	qsort(t->cat + 1, (size_t)t->n - 1, sizeof t->cat[0], catcmp);
	for (k = 1; k < t->n; k++) {
		c = &t->cat[k];
		if (k > 1 && strcmp(c->code, t->cat[k - 1].code) == 0)
			return fail(t, why, "policy '%s': category %s given "
			    "twice", policy_name(t->pol), c->code);
		if (strlen(c->code) == 2) {
			t->code2[atoi(c->code)] = (unsigned short)k;
			c->top = k;
			continue;
		}
		t->code4[atoi(c->code)] = (unsigned short)k;
		if (!(top = t->code2[atoi(c->code) / 100]))
			return fail(t, why, "policy '%s': category %s has no "
			    "first level %.2s", policy_name(t->pol), c->code,
			    c->code);
		c->top = top;
		if (c->urg < 0)
			c->urg = t->cat[top].urg;
	}
	return 0;
}

int
cat_load(struct cattab *t, const policy *p, int flags, const char **why)
{
	const char *v, *defdept = NULL, *deflevel = NULL;
	char **never = NULL, **tasks = NULL;
	size_t nnever = 0, ntasks = 0;
	int k, rc = 0;

	memset(t, 0, sizeof *t);
	t->pol = p;
	v = policy_get(p, "event", "urgencies");
	if ((flags & CATF_STRICT) && (!v || !*v))
		return fail(t, why, "policy '%s': missing key "
		    "'event.urgencies'", policy_name(p));
	t->urg = gw_split(v, &t->nurg);
	if ((flags & CATF_STRICT) && t->nurg < 2)
		return fail(t, why, "policy '%s': event.urgencies needs at "
		    "least two levels (the most urgent first, the ordinary "
		    "last)", policy_name(p));
	if ((flags & CATF_ROUTE) &&
	    route_defaults(t, &defdept, &deflevel, why) < 0)
		return -1;
	if (load_cats(t, flags, why) < 0)
		return -1;
	if (flags & CATF_ROUTE) {
		never = gw_split(policy_get(p, "route", "never"), &nnever);
		tasks = gw_split(policy_get(p, "route", "tasks"), &ntasks);
		for (k = 1; k < t->n && rc == 0; k++)
			rc = route_cat(t, &t->cat[k], defdept, deflevel, never,
			    nnever, tasks, ntasks, why);
		gw_split_free(never, nnever);
		gw_split_free(tasks, ntasks);
	}
	for (k = 1; (flags & CATF_PAY) && k < t->n && rc == 0; k++)
		rc = pay_cat(t, &t->cat[k], why);
	if (rc == 0 && (flags & CATF_REPORT))
		rc = report_withins(t, why);
	return rc;
}

void
cat_free(struct cattab *t)
{
	gw_split_free(t->urg, t->nurg);
	free(t->urglimit);
	free(t->cat);
	free(t->rulecat);
	free(t->modelcat);
	free(t->rulepath);
	free(t->modelpath);
	if (t->owned) {
		rxl_free(t->rules);
		model_free(t->model);
	}
	sbuf_free(&t->err);
	memset(t, 0, sizeof *t);
}

int
cat_find(const struct cattab *t, const char *s, size_t n)
{
	char buf[32];
	size_t m;
	int c;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (n == 2 && gw_alldigits(s, 2))	/* the usual case, first */
		return t->code2[(s[0] - '0') * 10 + (s[1] - '0')];
	if (n == 4 && gw_alldigits(s, 4))
		return t->code4[((s[0] - '0') * 10 + (s[1] - '0')) * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0')];
	if (n < sizeof buf) {
		/* a code typed with full-width digits */
		memcpy(buf, s, n);
		m = utf8_fold(buf, n);
		buf[m] = '\0';
		if (m == 2 && gw_alldigits(buf, 2))
			return t->code2[atoi(buf)];
		if (m == 4 && gw_alldigits(buf, 4))
			return t->code4[atoi(buf)];
	}
	for (c = 1; c < t->n; c++)
		if (strlen(t->cat[c].name) == n &&
		    memcmp(t->cat[c].name, s, n) == 0)
			return c;
	return 0;
}

const char *
cat_urgency(const struct cattab *t, int c)
{
	return c > 0 && t->cat[c].urg >= 0 ? t->urg[t->cat[c].urg] : "";
}

int
cat_rules(struct cattab *t, rxlist *rules, const char *path,
    const char **why)
{
	const char *v;
	size_t i, len;
	int c;

	t->rules = rules;
	free(t->rulecat);
	t->rulecat = xcalloc(rxl_len(rules) + 1, sizeof *t->rulecat);
	for (i = 0; i < rxl_len(rules); i++) {
		v = rxl_code(rules, i);
		len = strlen(v);
		c = (len == 2 || len == 4) && gw_alldigits(v, len) ?
		    cat_find(t, v, len) : 0;
		if (!c)
			return fail(t, why, "%s:%ld: category '%s' is not in "
			    "policy '%s'", path, rxl_line(rules, i), v,
			    policy_name(t->pol));
		t->rulecat[i] = c;
	}
	return 0;
}

int
cat_model(struct cattab *t, model *m, double threshold, const char *path,
    const char **why)
{
	const char *code;
	int k, c;

	if (!(threshold >= 0 && threshold <= 1))
		return fail(t, why, "policy '%s': event.model_threshold must "
		    "be a number from 0 to 1", policy_name(t->pol));
	free(t->modelcat);
	t->modelcat = xcalloc((size_t)model_nclass(m), sizeof *t->modelcat);
	for (k = 0; k < model_nclass(m); k++) {
		code = model_class(m, k);
		if (!(c = cat_find(t, code, strlen(code))))
			return fail(t, why, "%s: category '%s' is not in "
			    "policy '%s'", path, code, policy_name(t->pol));
		t->modelcat[k] = c;
	}
	t->model = m;
	t->threshold = threshold;
	return 0;
}

int
cat_setup(struct cattab *t, const char *rulesfile, int nomodel,
    const char **why)
{
	const char *path, *v, *w;
	char *end;
	double th;
	model *m;

	t->owned = 1;
	if ((path = policy_path(t->pol, "event", "model"))) {
		t->modelpath = xstrdup(path);
		if (!(v = policy_str(t->pol, "event", "model_threshold", &w)))
			return fail(t, why, "%s", w);
		th = strtod(v, &end);
		if (end == v || *end || !(th >= 0 && th <= 1))
			return fail(t, why, "policy '%s': event."
			    "model_threshold must be a number from 0 to 1, "
			    "not '%s'", policy_name(t->pol), v);
		t->threshold = th;
		if (!nomodel) {
			if (!(m = model_load(t->modelpath, &w)))
				return fail(t, why, "%s", w);
			if (cat_model(t, m, th, t->modelpath, why) < 0) {
				model_free(m);
				return -1;
			}
		}
		path = rulesfile ? rulesfile :
		    policy_path(t->pol, "event", "rules");
	} else if (!(path = rulesfile ? rulesfile :
	    policy_path(t->pol, "event", "rules")))
		return fail(t, why, "policy '%s': missing key 'event.rules' "
		    "(the classification rules file)", policy_name(t->pol));
	if (!path)
		return 0;
	t->rulepath = xstrdup(path);
	if (!(t->rules = rxl_load(t->rulepath, &w)))
		return fail(t, why, "%s", w);
	return cat_rules(t, t->rules, t->rulepath, why);
}

void
cat_decide(const struct cattab *t, const char *given, size_t gn,
    const char *text, size_t tn, struct catdec *d)
{
	int k;

	memset(d, 0, sizeof *d);
	d->rule = -1;
	d->mclass = -1;
	if ((d->cat = cat_find(t, given, gn)) != 0) {
		d->how = CATSRC_GIVEN;
		return;
	}
	if (tn == 0)
		return;
	if (t->rules && (d->rule = rxl_first(t->rules, text, tn)) >= 0) {
		d->cat = t->rulecat[d->rule];
		d->how = CATSRC_RULE;
		return;
	}
	if (!t->model)
		return;
	k = model_predict(t->model, text, tn, &d->conf);
	d->mclass = k;
	d->guess = t->modelcat[k];
	if (d->conf >= t->threshold) {
		d->cat = d->guess;
		d->how = CATSRC_MODEL;
	} else
		d->how = CATSRC_REVIEW;
}

void
cat_explain(const struct cattab *t, const struct catdec *d,
    const char *text, size_t tn, struct sbuf *out)
{
	struct model_why w[12];
	size_t i, n;
	const struct cat *c = &t->cat[d->cat];

	switch (d->how) {
	case CATSRC_GIVEN:
		sbuf_addf(out, "category %s %s: given\n", c->code, c->name);
		return;
	case CATSRC_RULE:
		sbuf_addf(out, "category %s %s: rule %s:%ld\n", c->code,
		    c->name, t->rulepath ? t->rulepath : "(rules)",
		    rxl_line(t->rules, (size_t)d->rule));
		return;
	case CATSRC_NONE:
		sbuf_addf(out, "no category: %s\n", tn ? "no rule matches "
		    "and the policy has no model" : "no text");
		return;
	case CATSRC_MODEL:
		sbuf_addf(out, "category %s %s: model, confidence %.2f, "
		    "threshold %.2f\n", c->code, c->name, d->conf,
		    t->threshold);
		break;
	case CATSRC_REVIEW:
		sbuf_addf(out, "review: the model's best is %s %s at confidence "
		    "%.2f, below the threshold %.2f\n",
		    t->cat[d->guess].code, t->cat[d->guess].name, d->conf,
		    t->threshold);
		break;
	}
	n = model_explain(t->model, text, tn, d->mclass, w,
	    sizeof w / sizeof w[0]);
	sbuf_addf(out, "n-grams for %s (weight in the score, largest "
	    "first):\n", t->cat[d->guess].code);
	for (i = 0; i < n; i++)
		sbuf_addf(out, "  %+.3f  %s%s\n", w[i].weight, w[i].gram,
		    w[i].count > 1 ? " (twice or more)" : "");
}

int
cat_classify(const struct cattab *t, const char *given, size_t gn,
    const char *text, size_t tn, enum catsrc *how)
{
	struct catdec d;

	cat_decide(t, given, gn, text, tn, &d);
	*how = d.how;
	return d.cat;
}

const char *
cat_srcname(enum catsrc how)
{
	static const char *const name[] = { "none", "given", "rule", "model",
	    "review" };

	return name[how];
}
