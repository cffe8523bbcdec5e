/* chat.c - fuzz the CHAT reader and the plain-text reader's hand-over
 * to it.
 *
 * The first byte chooses the options (handover_fuzz.h), the rest is the
 * transcript.  A printable first byte such as ' ' reads it as CHAT with the
 * defaults, so seeds stay readable.  Beyond "no crash": the document
 * renders, every turn the reader made has one speaker of the table,
 * and every bullet's time is no negative one. */
#include <stdint.h>

#include "handover_fuzz.h"

static void check_tree(steno_doc *doc)
{
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	CHECK(it);
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		if (ev != STENO_EVENT_ENTER)
			continue;
		steno_node_type t = steno_node_get_type(n);
		if (t == STENO_NODE_TURN) {
			for (size_t i = 0; i < steno_node_speaker_count(n); i++)
				CHECK(steno_speaker_find(doc, steno_node_speaker(n, i)) != (size_t)-1);
			int64_t start = steno_node_get_start(n), end = steno_node_get_end(n);
			CHECK(start == STENO_TIME_NONE || start >= 0);
			CHECK(end == STENO_TIME_NONE || end >= 0);
		}
		if (t == STENO_NODE_TIME) {
			const char *end = steno_node_get_attr(n, "end");
			CHECK(steno_node_get_start(n) >= 0 || steno_node_get_start(n) == STENO_TIME_NONE);
			CHECK(!end || atoll(end) >= 0);
		}
	}
	steno_iter_free(it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_handover(data, size, "chat", check_tree);
}
