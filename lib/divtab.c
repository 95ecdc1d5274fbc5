/*
 * divtab.c — the tables of a division check bound to the division
 * engine (division.c): an assignment (grid-code --check, from files or
 * the store's assignment) and the hazard points (--hazards, or the
 * store's hazards), each row taken by div_check_rec() or
 * div_hazard_rec() or rejected through its run (FILE:LINE: column 'x':
 * reason).  The callbacks go to gw_loop() or table_loop() with a
 * struct div_checkin as their argument.
 */
#include <stdio.h>

#include <sqlite3.h>

#include "gridwork.h"

int
divt_check_hdr(csvr *r, void *arg)
{
	struct div_checkin *in = arg;

	div_check_input(in->ck, csvr_name(r));
	if (csvr_ncols(r) == 0)
		return 0;
	if (gw_bind(r, csvr_name(r), div_chkcols, 5, 3, in->cc, "--check") < 0)
		return -1;
	in->ck->hasblk = in->cc[3] >= 0;
	in->ck->haspers = in->cc[4] >= 0;
	return 0;
}

int
divt_check_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct div_checkin *in = arg;

	if (div_check_rec(in->ck, in->cc, rec) == 0)
		return 0;
	gw_reject(in->run, csvr_name(r), rec->line, in->ck->col, rec, "%s",
	    in->ck->why);
	return 1;
}

int
divt_hazard_hdr(csvr *r, void *arg)
{
	struct div_checkin *in = arg;
	char why[512];

	if (div_hazard_bind(&in->hc, r, why, sizeof why) < 0) {
		warn("%s", why);
		return -1;
	}
	return 0;
}

int
divt_hazard_rec(csvr *r, struct gw_rec *rec, void *arg)
{
	struct div_checkin *in = arg;

	if (div_hazard_rec(in->ck, &in->hc, rec) == 0)
		return 0;
	gw_reject(in->aux, csvr_name(r), rec->line, in->ck->col, rec, "%s",
	    in->ck->why);
	return 1;
}
