/* passes.c - which passes run, in which order. */
#include "core/error.h"
#include "passes/passes.h"

steno_status steno_run_passes(steno_doc *doc, const steno_options *opts, steno_error *err)
{
	if (!doc)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no document");
	unsigned want = opts ? opts->passes : STENO_PASS_DEFAULT;
	steno_status st = STENO_OK;
	if (want & STENO_PASS_TRANSCRIPT) {
		/* the quotes pass rides on the transcript pass's last walk */
		quotes *q = NULL;
		if ((want & STENO_PASS_QUOTES) && !(q = quotes_new(doc)))
			return error_nomem(err);
		st = pass_transcript(doc, q, err);
		quotes_free(q);
	} else if (want & STENO_PASS_QUOTES) {
		st = pass_quotes(doc, err);
	}
	if (st == STENO_OK && (want & STENO_PASS_ATTRIBUTION))
		st = pass_attribution(doc, err);
	if (st == STENO_OK && (want & STENO_PASS_SMART))
		st = pass_smart(doc, err);
	return st;
}
