/* captions_fuzz.h - what the WebVTT and SubRip harnesses share.
 *
 * The first byte chooses the options, the rest is the captions:
 *   0x01 sourcepos   0x02 word times   0x04 transcript off
 *   0x08 quotes off  0x30 pause: 2 s, 0, never, 0.5 s
 * A printable first byte such as ' ' gives the defaults but for
 * --pause 0, so seeds stay readable.  Beyond "no crash": the document
 * renders, and every cue's time node says when the cue ends. */
#ifndef FUZZ_CAPTIONS_H
#define FUZZ_CAPTIONS_H

#include <stdint.h>

#include "render_check.h"

static const int pauses[4] = {2000, 0, -1, 500};

/* Every time node a reader made for a cue has its end, and starts at
 * no negative time. */
static void check_cues(steno_doc *doc)
{
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	CHECK(it);
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		if (ev != STENO_EVENT_ENTER || steno_node_get_type(n) != STENO_NODE_TIME)
			continue;
		CHECK(steno_node_get_start(n) >= 0);
		const char *end = steno_node_get_attr(n, "end");
		CHECK(!end || atoll(end) >= 0);
	}
	steno_iter_free(it);
}

static int fuzz_captions(const uint8_t *data, size_t size, const char *format)
{
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = data[0] & 0x01;
	opts.word_times = (data[0] & 0x02) != 0;
	if (data[0] & 0x04)
		opts.passes &= ~STENO_PASS_TRANSCRIPT;
	if (data[0] & 0x08)
		opts.passes &= ~STENO_PASS_QUOTES;
	opts.pause_ms = pauses[(data[0] >> 4) & 3];
	opts.max_input = (size_t)1 << 24;
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, format, &opts, &err);
	if (!doc) {
		/* refused: no WebVTT signature, bad gzip, or no memory */
		CHECK(err.code == STENO_ERR_PARSE || err.code == STENO_ERR_NOMEM ||
		      err.code == STENO_ERR_LIMIT || err.code == STENO_ERR_ENCODING);
		CHECK(memchr(err.message, '\0', sizeof err.message));
		return 0;
	}
	check_cues(doc);
	check_renders(doc, &opts);
	steno_doc_free(doc);
	return 0;
}

#endif
