/* handover_fuzz.h - one input for a reader that takes any bytes and
 * that the plain-text reader hands input over to (table, CHAT).
 *
 * The first byte chooses the options, the rest is the input:
 *   0x01 sourcepos   0x02 read as text (the sniff decides)
 *   0x04 transcript off   0x08 quotes off
 * Such a reader fails only on bad or too big gzip, or memory; a
 * document is checked by check, then rendered in every format. */
#ifndef STENO_FUZZ_HANDOVER_H
#define STENO_FUZZ_HANDOVER_H

#include <stdint.h>

#include "render_check.h"

static int fuzz_handover(const uint8_t *data, size_t size, const char *format,
                         void (*check)(steno_doc *))
{
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = data[0] & 0x01;
	if (data[0] & 0x04)
		opts.passes &= ~STENO_PASS_TRANSCRIPT;
	if (data[0] & 0x08)
		opts.passes &= ~STENO_PASS_QUOTES;
	opts.max_input = (size_t)1 << 24;
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, data[0] & 0x02 ? "text" : format,
	                             &opts, &err);
	if (!doc) {
		int gzip = size >= 3 && data[1] == 0x1f && data[2] == 0x8b;
		CHECK(err.code == STENO_ERR_NOMEM || err.code == STENO_ERR_LIMIT ||
		      (gzip && err.code != STENO_OK));
		CHECK(memchr(err.message, '\0', sizeof err.message));
		return 0;
	}
	check(doc);
	check_renders(doc, &opts);
	steno_doc_free(doc);
	return 0;
}

#endif
