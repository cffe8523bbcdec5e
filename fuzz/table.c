/* table.c - fuzz the table reader (CSV, TSV, R's write.table) and the
 * plain-text reader's hand-over to it.
 *
 * The first byte chooses the options (handover_fuzz.h), the rest is the
 * table.  A printable first byte such as ' ' reads it as a table with the
 * defaults, so seeds stay readable.  Beyond "no crash": the document
 * renders, every turn has at most one speaker, its start is no later
 * than its end, and every row's anchor has its number. */
#include <stdint.h>

#include "handover_fuzz.h"

static void check_rows(steno_doc *doc)
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
			int64_t start = steno_node_get_start(n), end = steno_node_get_end(n);
			CHECK(steno_node_speaker_count(n) <= 1);
			CHECK(start == STENO_TIME_NONE || start >= 0);
			CHECK(end == STENO_TIME_NONE || end >= 0);
		}
		const char *kind = t == STENO_NODE_EVENT ? steno_node_get_kind(n) : NULL;
		if (kind && !strcmp(kind, "row"))
			CHECK(steno_node_get_attr(n, "n"));
	}
	steno_iter_free(it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_handover(data, size, "table", check_rows);
}
