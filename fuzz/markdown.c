/* markdown.c - fuzz the Markdown reader (cmark, the mapping, front
 * matter) and the passes.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 sourcepos   0x02 smart   0x04 transcript and quotes off
 *   0x08 force the encoding to latin1 (the decoder's path)
 * Beyond "no crash", every node's links agree, no literal or metadata
 * value holds invalid UTF-8, and a code block's fence is a real one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
		if ((s[i] >= 0x80 && s[i] < 0xC2) || s[i] > 0xF4 || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

static void check_node(steno_node *n)
{
	steno_node *child = steno_node_first_child(n);
	CHECK(!child || steno_node_parent(child) == n);
	CHECK(!steno_node_next(n) || steno_node_previous(steno_node_next(n)) == n);
	size_t len;
	const char *lit = steno_node_get_literal(n, &len);
	CHECK(!lit || valid_utf8((const unsigned char *)lit, len));
	const char *fence = steno_node_get_attr(n, "fence");
	CHECK(!fence || (strlen(fence) >= 3 && strspn(fence, fence[0] == '~' ? "~" : "`") ==
	                                           strlen(fence)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = data[0] & 0x01;
	if (data[0] & 0x02)
		opts.passes |= STENO_PASS_SMART;
	if (data[0] & 0x04)
		opts.passes &= ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES);
	opts.encoding = data[0] & 0x08 ? "latin1" : NULL;
	opts.max_input = (size_t)1 << 24;
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, "markdown", &opts, &err);
	if (!doc) {
		/* any bytes are Markdown: only a limit may refuse them */
		CHECK(err.code == STENO_ERR_LIMIT || err.code == STENO_ERR_NOMEM);
		return 0;
	}
	for (size_t i = 0; i < steno_meta_count(doc); i++) {
		const char *v = steno_meta_value(doc, i);
		CHECK(valid_utf8((const unsigned char *)v, strlen(v)));
	}
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	CHECK(it);
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE)
		if (ev == STENO_EVENT_ENTER)
			check_node(steno_iter_node(it));
	steno_iter_free(it);
	steno_doc_free(doc);
	return 0;
}
