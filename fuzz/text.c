/* text.c - fuzz the plain-text reader and the passes.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 sourcepos   0x02 smart   0x04 transcript off   0x08 quotes off
 *   0x10 attribution on (it is off by default)
 *   0xC0 encoding: 0 detect, 1 latin1, 2 UTF-16LE, 3 detect
 * A printable first byte such as ' ' gives the defaults, so seeds stay
 * readable.  Beyond "no crash", the walk checks that the iterator
 * reports every node of the tree once, in order, with balanced events. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static const char *const encodings[4] = {NULL, "latin1", "UTF-16LE", NULL};

static void options_from_byte(steno_options *opts, uint8_t b)
{
	steno_options_init(opts);
	opts->sourcepos = b & 0x01;
	if (b & 0x02)
		opts->passes |= STENO_PASS_SMART;
	if (b & 0x04)
		opts->passes &= ~STENO_PASS_TRANSCRIPT;
	if (b & 0x08)
		opts->passes &= ~STENO_PASS_QUOTES;
	if (b & 0x10)
		opts->passes |= STENO_PASS_ATTRIBUTION;
	opts->encoding = encodings[b >> 6];
	/* Keep a gzip bomb among the inputs from eating the fuzzer's time. */
	opts->max_input = (size_t)1 << 24;
}

/* The node the iterator must report after `prev` (reported with event
 * `ev`), found from the tree's links alone: the first child after a
 * container's ENTER, else the next sibling, else the parent's EXIT. */
static steno_node *expected_next(steno_node *root, steno_node *prev, steno_event ev,
                                 steno_event *next_ev)
{
	*next_ev = STENO_EVENT_ENTER;
	if (ev == STENO_EVENT_ENTER && steno_node_type_is_container(steno_node_get_type(prev))) {
		if (steno_node_first_child(prev))
			return steno_node_first_child(prev);
		*next_ev = STENO_EVENT_EXIT;
		return prev;
	}
	if (prev == root) {
		*next_ev = STENO_EVENT_DONE;
		return NULL;
	}
	if (steno_node_next(prev))
		return steno_node_next(prev);
	*next_ev = STENO_EVENT_EXIT;
	return steno_node_parent(prev);
}

/* The links around one node agree with each other. */
static void check_links(steno_node *n)
{
	steno_node_type t = steno_node_get_type(n);
	CHECK(t >= STENO_NODE_FIRST_BLOCK && t <= STENO_NODE_LAST_INLINE);
	CHECK(steno_node_type_is_container(t) || !steno_node_first_child(n));
	steno_node *prev = steno_node_previous(n), *next = steno_node_next(n);
	CHECK(!prev || steno_node_next(prev) == n);
	CHECK(!next || steno_node_previous(next) == n);
	steno_node *parent = steno_node_parent(n);
	if (parent) {
		CHECK(prev || steno_node_first_child(parent) == n);
		CHECK(next || steno_node_last_child(parent) == n);
	}
}

/* The iterator reports every node once, in tree order, containers on
 * ENTER and EXIT and other nodes on ENTER only, so the events balance. */
static void check_walk(steno_doc *doc)
{
	steno_node *root = steno_doc_root(doc);
	CHECK(steno_node_get_type(root) == STENO_NODE_DOCUMENT && !steno_node_parent(root));
	steno_iter *it = steno_iter_new(root);
	CHECK(it);
	steno_event ev = steno_iter_next(it), want_ev = STENO_EVENT_ENTER;
	steno_node *want = root;
	long depth = 0;
	while (ev != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		CHECK(ev == want_ev && n == want);
		if (ev == STENO_EVENT_ENTER)
			check_links(n);
		if (steno_node_type_is_container(steno_node_get_type(n)))
			depth += ev == STENO_EVENT_ENTER ? 1 : -1;
		CHECK(depth >= 0);
		want = expected_next(root, n, ev, &want_ev);
		ev = steno_iter_next(it);
	}
	CHECK(want_ev == STENO_EVENT_DONE && depth == 0);
	steno_iter_free(it);
}

/* The metadata, speaker and warning tables have no holes, and every
 * speaker can be found by its id (ids are unique). */
static void check_tables(const steno_doc *doc)
{
	for (size_t i = 0; i < steno_meta_count(doc); i++)
		CHECK(steno_meta_key(doc, i) && steno_meta_value(doc, i));
	for (size_t i = 0; i < steno_speaker_count(doc); i++)
		CHECK(steno_speaker_find(doc, steno_speaker_id(doc, i)) == i);
	for (size_t i = 0; i < steno_doc_warning_count(doc); i++)
		CHECK(steno_doc_warning(doc, i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	steno_options opts;
	options_from_byte(&opts, data[0]);
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, "text", &opts, &err);
	if (!doc) {
		/* Text takes any bytes, so only a gzip stream (bad or too big
		 * once inflated) may be refused. */
		int gzip = size >= 3 && data[1] == 0x1f && data[2] == 0x8b;
		CHECK(err.code == STENO_ERR_NOMEM || (gzip && err.code != STENO_OK));
		CHECK(memchr(err.message, '\0', sizeof err.message));
		return 0;
	}
	check_walk(doc);
	check_tables(doc);
	steno_doc_free(doc);
	return 0;
}
