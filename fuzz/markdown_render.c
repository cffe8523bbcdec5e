/* markdown_render.c - fuzz Markdown through the passes into HTML or JSON.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 standalone   0x02 unsafe   0x04 sourcepos   0x08 smart
 *   0x10 transcript and quotes passes off   0x20 pretty   0x40 JSON
 * The output must exist and be one string, with no NUL before its end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.standalone = data[0] & 0x01;
	opts.unsafe = (data[0] & 0x02) != 0;
	opts.sourcepos = (data[0] & 0x04) != 0;
	if (data[0] & 0x08)
		opts.passes |= STENO_PASS_SMART;
	if (data[0] & 0x10)
		opts.passes &= ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES);
	opts.pretty = (data[0] & 0x20) != 0;
	opts.max_input = (size_t)1 << 24;
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, "markdown", &opts, &err);
	if (!doc)
		return 0; /* the markdown harness checks why */
	size_t len = 0;
	const char *to = data[0] & 0x40 ? "json" : "html";
	char *out = steno_render_string(doc, to, &len, &opts, &err);
	CHECK(out);
	CHECK(out[len] == '\0' && !memchr(out, '\0', len));
	free(out);
	steno_doc_free(doc);
	return 0;
}
