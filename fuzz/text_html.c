/* text_html.c - fuzz plain text through the passes into HTML.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 standalone   0x02 unsafe   0x04 sourcepos   0x08 smart
 *   0x10 transcript and quotes passes off
 * (the bits json's harness shares with this one mean the same there)
 * The output must exist and be one string: HTML has no place for NUL,
 * and a NUL before the end would cut the page short for C callers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void options_from_byte(steno_options *opts, uint8_t b)
{
	steno_options_init(opts);
	opts->standalone = b & 0x01;
	opts->unsafe = (b & 0x02) != 0;
	opts->sourcepos = (b & 0x04) != 0;
	if (b & 0x08)
		opts->passes |= STENO_PASS_SMART;
	if (b & 0x10)
		opts->passes &= ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES);
	/* Keep a gzip bomb among the inputs from eating the fuzzer's time. */
	opts->max_input = (size_t)1 << 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	steno_options opts;
	options_from_byte(&opts, data[0]);
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, "text", &opts, &err);
	if (!doc)
		return 0; /* the text harness checks why */
	size_t len = 0;
	char *html = steno_render_string(doc, "html", &len, &opts, &err);
	CHECK(html);
	CHECK(html[len] == '\0' && !memchr(html, '\0', len));
	free(html);
	steno_doc_free(doc);
	return 0;
}
