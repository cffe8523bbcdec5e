/* doc_text.c - a document's title and language, and plain text (see
 * doc_text.h). */
#include <stdlib.h>
#include <string.h>

#include "core/doc_text.h"
#include "core/utf8.h"
#include "core/walk.h"

void plain_copy(steno_sink *s, const char *str, size_t len)
{
	sink_write(s, str, len);
}

const char *quote_mark(const steno_node *n, int depth, int open, size_t *len)
{
	static const char *const marks[2][2] = {{"\xE2\x80\x9D", "\xE2\x80\x9C"},
	                                        {"\xE2\x80\x99", "\xE2\x80\x98"}};
	const char *kept = steno_node_get_attr(n, "marks");

	if (kept && !*kept) { /* none: reported speech, which the source wrote without */
		*len = 0;
		return kept;
	}
	if (kept) {
		uint32_t cp;
		size_t all = strlen(kept), first = utf8_decode(kept, all, &cp);
		first += !first; /* a stray byte, which the escapers replace */
		*len = open ? first : all - first;
		return open ? kept : kept + first;
	}
	*len = 3;
	return marks[depth % 2][open];
}

int quote_continued(const steno_node *n)
{
	const char *c = steno_node_get_attr(n, "continued");
	return c && strcmp(c, "true") == 0;
}

static void put_mark(steno_sink *s, const steno_node *n, int depth, int open, plain_put put)
{
	size_t len;
	const char *mark = quote_mark(n, depth, open, &len);
	put(s, mark, len);
}

/* Write what n says before its children; whether to go into them. */
static int enter_plain(steno_sink *s, const steno_node *n, int *depth, plain_put put)
{
	switch (n->type) {
	case STENO_NODE_TEXT:
	case STENO_NODE_CODE:
	case STENO_NODE_EVENT:
	case STENO_NODE_TIME:
		if (node_len(n))
			put(s, node_literal(n), node_len(n));
		return 0;
	case STENO_NODE_SOFT_BREAK:
	case STENO_NODE_LINE_BREAK: put(s, " ", 1); return 0;
	case STENO_NODE_QUOTE: put_mark(s, n, (*depth)++, 1, put); return 1;
	default: return steno_node_type_is_container(n->type);
	}
}

/* Write what n says after its children: only a quotation does. */
static void leave_plain(steno_sink *s, const steno_node *n, int *depth, plain_put put)
{
	if (n->type != STENO_NODE_QUOTE)
		return;
	--*depth;
	if (!quote_continued(n))
		put_mark(s, n, *depth, 0, put);
}

void plain_text_put(steno_sink *s, const steno_node *root, int quote_depth, plain_put put)
{
	node_walk w;

	node_walk_init(&w, root);
	node_walk_next(&w); /* root itself says nothing */
	for (;;) {
		steno_event ev = node_walk_next(&w);
		if (ev == STENO_EVENT_DONE || w.node == root)
			return;
		if (ev == STENO_EVENT_ENTER && !enter_plain(s, w.node, &quote_depth, put))
			node_walk_skip(&w);
		else if (ev == STENO_EVENT_EXIT && !w.skipped)
			leave_plain(s, w.node, &quote_depth, put);
	}
}

char *plain_text(const steno_node *n)
{
	steno_sink *s = steno_sink_new_memory();
	if (!s)
		return NULL;
	plain_text_put(s, n, 0, plain_copy);
	char *text = sink_memory_take(s, NULL);
	steno_sink_close(s);
	return text;
}

/* Whether plain_text_put() would write anything but spaces and marks:
 * a heading of a lone break or image with no description titles
 * nothing. */
static int has_words(const steno_node *root)
{
	for (const steno_node *n = node_first(root); n; n = node_next_preorder(n, root))
		if ((n->type == STENO_NODE_TEXT || n->type == STENO_NODE_CODE ||
		     n->type == STENO_NODE_EVENT || n->type == STENO_NODE_TIME) && node_len(n))
			return 1;
	return 0;
}

const steno_node *doc_title_heading(const steno_doc *doc)
{
	for (const steno_node *n = doc->root; n; n = node_next_preorder(n, doc->root))
		if (n->type == STENO_NODE_HEADING && has_words(n))
			return n;
	return NULL;
}

int doc_title_put(steno_sink *s, const steno_doc *doc, plain_put put)
{
	const char *title = steno_meta_get(doc, "title");
	if (title && *title) {
		put(s, title, strlen(title));
		return 1;
	}
	const steno_node *heading = doc_title_heading(doc);
	if (heading)
		plain_text_put(s, heading, 0, put);
	return heading != NULL;
}

char *doc_title(const steno_doc *doc)
{
	steno_sink *s = steno_sink_new_memory();
	if (!s)
		return NULL;
	int some = doc_title_put(s, doc, plain_copy);
	char *text = sink_memory_take(s, NULL);
	steno_sink_close(s);
	if (!some) {
		free(text);
		return NULL;
	}
	return text;
}

const char *doc_speaker_name(const steno_doc *doc, const char *id)
{
	size_t i = steno_speaker_find(doc, id);
	const char *name = i == (size_t)-1 ? NULL : steno_speaker_name(doc, i);
	return name && *name ? name : id;
}

/* BCP 47's outline: a part of 1-8 letters, then parts of 1-8 letters
 * or digits, joined by '-'. */
static int language_tag_ok(const char *tag)
{
	size_t part = 0, parts = 0;
	for (const char *p = tag;; p++) {
		int letter = (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z';
		int digit = *p >= '0' && *p <= '9';
		if ((letter || (digit && parts)) && part < 8) {
			part++;
			continue;
		}
		if (!part || (*p && *p != '-'))
			return 0;
		if (!*p)
			return 1;
		part = 0;
		parts++;
	}
}

const char *doc_language(const steno_doc *doc, const char *if_none, const char *if_invalid)
{
	const char *lang = steno_meta_get(doc, "language");
	if (!lang || !*lang)
		lang = steno_meta_get(doc, "lang");
	if (!lang || !*lang)
		return if_none;
	return language_tag_ok(lang) ? lang : if_invalid;
}
