/* passes.c - which passes run, in which order. */
#include "error.h"
#include "passes.h"

static const struct {
	unsigned bit;
	steno_status (*run)(steno_doc *, const steno_options *, steno_error *);
} passes[] = {
	{STENO_PASS_TRANSCRIPT, pass_transcript},
	{STENO_PASS_QUOTES, pass_quotes},
	{STENO_PASS_SMART, pass_smart},
};

steno_status steno_run_passes(steno_doc *doc, const steno_options *opts, steno_error *err)
{
	if (!doc)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no document");
	unsigned want = opts ? opts->passes : STENO_PASS_DEFAULT;
	for (size_t i = 0; i < sizeof passes / sizeof *passes; i++) {
		if (!(want & passes[i].bit))
			continue;
		steno_status st = passes[i].run(doc, opts, err);
		if (st != STENO_OK)
			return st;
	}
	return STENO_OK;
}
