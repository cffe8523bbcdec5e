/* render_check.h - what several harnesses check of an accepted
 * document: it renders to HTML, JSON and captions (WebVTT, SRT), each a
 * string as long as it says; captions may refuse a document without
 * times, and only so. */
#ifndef FUZZ_RENDER_CHECK_H
#define FUZZ_RENDER_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void check_renders(const steno_doc *doc, const steno_options *opts)
{
	static const char *const outputs[] = {"html", "json", "vtt", "srt"};
	for (size_t i = 0; i < 4; i++) {
		size_t len;
		steno_error err;
		char *out = steno_render_string(doc, outputs[i], &len, opts, &err);
		CHECK((out && strlen(out) == len) || (i >= 2 && !out && err.code == STENO_ERR_FORMAT));
		free(out);
	}
}

#endif
