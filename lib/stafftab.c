/*
 * stafftab.c — gw-staff's tables bound to the staffing engines: the
 * regions (the villages and their kinds), the grid table, the rosters
 * and the history of posts into staff.c, the monthly scores into
 * staffrank.c; each from a file or the store's table of the same name
 * (table.c), a store row named STORE:TABLE:ROWID.  Every row is taken
 * by its engine or rejected through the run (FILE:LINE: column 'x':
 * reason).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "gridwork.h"

static const char *const rcols[] = { "code", "name", "kind",
    "urban_rural_code" };
static const char *const gcols[] = { "grid_code", "households" };
static const char *const wcols[] = { "worker_id", "role", "grid_code",
    "employment", "hired_on", "left_on", "id_number" };
static const char *const pcols[] = { "grid_code", "worker_id", "from_on",
    "to_on" };
static const char *const scols[] = { "month", "worker_id", "score",
    "grade", "grid_code", "township_code" };

/* Field col of rec trimmed of blanks into buf (size n), its length. */
static size_t
clean(const struct gw_rec *rec, int col, char *buf, size_t n)
{
	const char *s;
	size_t len;

	s = gw_field(rec, col, &len);
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return len;
}

static int
bind(csvr *r, struct staff_tabs *t, const char *const *names, int n,
    int nreq, const char *what)
{
	return gw_bind(r, csvr_name(r), names, n, nreq, t->idx, what);
}

static int
reg_hdr(csvr *r, void *arg)
{
	return bind(r, arg, rcols, 4, 1, "-R regions");
}

static int
reg_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct staff_tabs *t = arg;
	char code[32], name[256], kind[64], ur[16];
	size_t n, i;
	int isnew;

	n = clean(rec, t->idx[0], code, sizeof code);
	if (code_level(code, n) != LVL_VILLAGE)
		return 0;	/* higher levels: no grid of their own */
	clean(rec, t->idx[1], name, sizeof name);
	clean(rec, t->idx[2], kind, sizeof kind);
	clean(rec, t->idx[3], ur, sizeof ur);
	i = strtab_add(t->vil, code, n, &isnew);
	if (i >= t->capv) {
		t->capv = 2 * i + 64;
		t->vkind = xreallocarray(t->vkind, t->capv, sizeof *t->vkind);
	}
	t->vkind[i] = region_kind(*kind && strlen(kind) != 3 ? kind : NULL,
	    *ur ? ur : strlen(kind) == 3 ? kind : NULL, *name ? name : NULL);
	(void)r;
	return 0;
}

static int
grid_hdr(csvr *r, void *arg)
{
	return bind(r, arg, gcols, 2, 2, "-G grids");
}

static int
grid_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct staff_tabs *t = arg;
	char code[32], hh[32];
	size_t n, hn;
	long vi;
	int kind = KIND_UNKNOWN;

	n = clean(rec, t->idx[0], code, sizeof code);
	hn = clean(rec, t->idx[1], hh, sizeof hh);
	if (n == LVL_GRID) {
		if ((vi = strtab_find(t->vil, code, LVL_VILLAGE)) < 0) {
			gw_reject(t->run, csvr_name(r), rec->line, "grid_code",
			    rec, "village '%.12s' of grid '%s' not among the "
			    "regions", code, code);
			return 1;
		}
		kind = t->vkind[vi];
	}
	if (staff_grid(t->st, code, n, kind, hh, hn) == 0)
		return 0;
	gw_reject(t->run, csvr_name(r), rec->line, t->st->col, rec, "%s",
	    t->st->why);
	return 1;
}

static int
wk_hdr(csvr *r, void *arg)
{
	return bind(r, arg, wcols, 7, 4, NULL);
}

static int
wk_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct staff_tabs *t = arg;
	char id[128], role[128], grid[32], emp[32], hired[32], left[32];
	char person[64];
	struct staff_row w;

	w.id = id;
	w.idn = clean(rec, t->idx[0], id, sizeof id);
	w.role = role;
	w.rolen = clean(rec, t->idx[1], role, sizeof role);
	w.grid = grid;
	w.gridn = clean(rec, t->idx[2], grid, sizeof grid);
	w.emp = emp;
	w.empn = clean(rec, t->idx[3], emp, sizeof emp);
	w.hired = hired;
	w.hiredn = clean(rec, t->idx[4], hired, sizeof hired);
	w.left = left;
	w.leftn = clean(rec, t->idx[5], left, sizeof left);
	w.person = person;
	w.personn = clean(rec, t->idx[6], person, sizeof person);
	w.line = rec->line;
	if (staff_worker(t->st, &w) == 0)
		return 0;
	gw_reject(t->run, csvr_name(r), rec->line, t->st->col, rec, "%s",
	    t->st->why);
	return 1;
}

static int
post_hdr(csvr *r, void *arg)
{
	return bind(r, arg, pcols, 4, 3, "--posts");
}

static int
post_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct staff_tabs *t = arg;
	char grid[32], who[128], from[32], to[32];
	size_t gn, wn, fn, tn;

	gn = clean(rec, t->idx[0], grid, sizeof grid);
	wn = clean(rec, t->idx[1], who, sizeof who);
	fn = clean(rec, t->idx[2], from, sizeof from);
	tn = clean(rec, t->idx[3], to, sizeof to);
	if (staff_post(t->st, grid, gn, who, wn, from, fn, to, tn) == 0)
		return 0;
	gw_reject(t->run, csvr_name(r), rec->line, t->st->col, rec, "%s",
	    t->st->why);
	return 1;
}

static int
score_hdr(csvr *r, void *arg)
{
	return bind(r, arg, scols, 6, 4, "--scores");
}

static int
score_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct staff_tabs *t = arg;
	char m[32], who[128], sc[32], gr[64], grid[32], town[32];
	struct staff_rank_in in;

	in.month = m;
	in.monthn = clean(rec, t->idx[0], m, sizeof m);
	in.who = who;
	in.whon = clean(rec, t->idx[1], who, sizeof who);
	in.score = sc;
	in.scoren = clean(rec, t->idx[2], sc, sizeof sc);
	in.grade = gr;
	in.graden = clean(rec, t->idx[3], gr, sizeof gr);
	in.grid = grid;
	in.gridn = clean(rec, t->idx[4], grid, sizeof grid);
	in.town = town;
	in.townn = clean(rec, t->idx[5], town, sizeof town);
	if (staff_rank_row(t->rk, &in) == 0)
		return 0;
	gw_reject(t->run, csvr_name(r), rec->line, t->rk->col, rec, "%s",
	    t->rk->why);
	return 1;
}

static const struct {
	const char *name;
	const char *const *cols;
	size_t ncols;
	gw_hdr_fn *hdr;
	gw_rec_fn *rec;
} tabs[STAFFT_NTAB] = {
	[STAFFT_REGIONS] = { "regions", rcols, 4, reg_hdr, reg_rec },
	[STAFFT_GRIDS] = { "grids", gcols, 2, grid_hdr, grid_rec },
	[STAFFT_WORKERS] = { "workers", wcols, 7, wk_hdr, wk_rec },
	[STAFFT_POSTS] = { "posts", pcols, 4, post_hdr, post_rec },
	[STAFFT_SCORES] = { "scores", scols, 6, score_hdr, score_rec },
};

long
stafft_read(struct staff_tabs *t, enum staff_tab which, const char *path,
    int need)
{
	struct gw_table g = { 0 };
	long before = t->run->nread;
	char name[512], ym[8];
	const char *par[1] = { ym };

	if (which == STAFFT_SCORES) {	/* months after: unknown */
		staff_ymfmt(t->rk->limit, ym);
		g.where = "\"month\" <= ?";
		g.params = par;
		g.nparams = 1;
	}
	g.path = path;
	g.db = t->db;
	g.store = t->store;
	g.table = tabs[which].name;
	g.cols = tabs[which].cols;
	g.ncols = tabs[which].ncols;
	g.rowid_line = 1;
	if (!t->vil)
		t->vil = strtab_new();
	if (table_loop(t->run, &g, t->ro, tabs[which].hdr, tabs[which].rec,
	    t) < 0)
		return -1;
	if (!path && need && t->run->nread == before) {
		warn("%s: no rows of '%s': load them (gw-load -d %s %s FILE) "
		    "or give the file", table_name(&g, name, sizeof name),
		    g.table, t->store, g.table);
		return -1;
	}
	return t->run->nread - before;
}

void
stafft_free(struct staff_tabs *t)
{
	strtab_free(t->vil);
	free(t->vkind);
	t->vil = NULL;
	t->vkind = NULL;
}
