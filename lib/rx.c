/*
 * rx.c — PCRE2 regular expressions over UTF-8 text.  Patterns are
 * compiled with PCRE2_UTF | PCRE2_UCP (so \w, \d and \b follow Unicode
 * and a Chinese character is one character), JIT-compiled when the
 * library can; each rx owns its match data, so one rx is for one thread.
 * Input that is not valid UTF-8 is an error, never a crash.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "gridwork.h"

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;	/* scratch for rx_match */
};

rx *
rx_compile(const char *pat, int flags, const char **why)
{
	static char msg[256];
	PCRE2_UCHAR err[200];
	PCRE2_SIZE off;
	uint32_t opt = PCRE2_UTF | PCRE2_UCP;
	int code;
	rx *r;

	if (flags & RX_ICASE)
		opt |= PCRE2_CASELESS;
	r = xcalloc(1, sizeof *r);
	r->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opt,
	    &code, &off, NULL);
	if (!r->code) {
		pcre2_get_error_message(code, err, sizeof err);
		snprintf(msg, sizeof msg, "at offset %zu: %s", (size_t)off,
		    (char *)err);
		*why = msg;
		free(r);
		return NULL;
	}
	/* without JIT (not built in, or no executable memory) the
	   interpreter gives the same answers, only slower */
	(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
	if (!r->md)
		die("out of memory");
	return r;
}

int
rx_match(rx *r, const char *s, size_t n)
{
	int rc;

	/* pcre2_match runs the JIT code when there is some, and unlike
	   pcre2_jit_match it checks the subject is valid UTF-8 first */
	rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, 0, 0, r->md, NULL);
	if (rc >= 0)
		return 1;
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

void
rx_free(rx *r)
{
	if (!r)
		return;
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	free(r);
}
