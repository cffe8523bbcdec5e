/* markdown.c - the CommonMark reader, on libcmark (see markdown.md).
 *
 * cmark parses; this file maps cmark's tree onto steno's node for node
 * and keeps every piece of data cmark's API gives.  Our writers, not
 * cmark's renderers, write the output, so nothing may be dropped here.
 *
 * Memory: cmark's tree takes about ten times its input, ours less.  The
 * walk frees each cmark node as soon as it has been mapped (cmark
 * allows changing a node after its EXIT event, or after ENTER for a
 * leaf), so the two trees never both exist whole.
 *
 * A leading YAML-style front matter block becomes metadata; cmark
 * never sees it (it gets blank lines instead, so its line numbers stay
 * the source's). */
#include <cmark.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_input.h"
#include "core/error.h"
#include "core/utf8.h"
#include "formats.h"
#include "markdown_front_matter.h"

/* cmark nodes freed between two returns of memory to the system: about
 * every 10 MB of cmark's tree, rarely enough to cost little time. */
#define RELEASE_EVERY (1ul << 17)

/* ------------------------------------------------------------------ */
/* Code fences: cmark's API does not say whether a code block was     */
/* fenced, so the source line where it starts is looked at.           */

/* A cursor over the source's lines.  Blocks come in document order, so
 * it only moves forward; the next LF and CR are remembered rather than
 * searched for at every line (a file without a single CR would be
 * searched to its end per line), so finding every fence is one pass. */
typedef struct source {
	const char *s;
	size_t len;
	size_t pos; /* the start of line number `line` */
	int line;
	size_t lf, cr; /* the first LF / CR at or after pos, or len */
} source;

static size_t find_byte(const source *src, size_t from, int c)
{
	const char *p = from < src->len ? memchr(src->s + from, c, src->len - from) : NULL;
	return p ? (size_t)(p - src->s) : src->len;
}

static void source_init(source *src, const char *s, size_t len)
{
	*src = (source){s, len, 0, 1, 0, 0};
	src->lf = find_byte(src, 0, '\n');
	src->cr = find_byte(src, 0, '\r');
}

/* The end of the line at src->pos. */
static size_t source_line_end(source *src)
{
	if (src->lf < src->pos)
		src->lf = find_byte(src, src->pos, '\n');
	if (src->cr < src->pos)
		src->cr = find_byte(src, src->pos, '\r');
	return src->lf < src->cr ? src->lf : src->cr;
}

static size_t source_line(source *src, int line)
{
	while (src->line < line && src->pos < src->len) {
		src->pos = md_after_eol(src->s, src->len, source_line_end(src));
		src->line++;
	}
	return src->pos;
}

/* The fence ("```", "~~~~", ...) of a fenced code block, or 0 for an
 * indented one.  cmark's start column is the fence's first byte for a
 * fenced block but the code's first byte for an indented one, and
 * indented code may itself begin with backticks; then its first line
 * is the line at that column, which a fenced block's (the fence line)
 * never is unless it has an info string. */
static size_t code_fence(source *src, cmark_node *cn, const char **fence)
{
	int line = cmark_node_get_start_line(cn), col = cmark_node_get_start_column(cn);
	size_t pos = source_line(src, line);
	if (src->line != line || col < 1)
		return 0;
	size_t end = source_line_end(src);
	size_t at = pos + (size_t)col - 1, run = at;
	if (at >= end || (src->s[at] != '`' && src->s[at] != '~'))
		return 0;
	while (run < end && src->s[run] == src->s[at])
		run++;
	if (run - at < 3)
		return 0;
	const char *info = cmark_node_get_fence_info(cn);
	const char *code = cmark_node_get_literal(cn);
	size_t first = end - at;
	if ((!info || !*info) && code && strncmp(code, src->s + at, first) == 0 &&
	    (code[first] == '\n' || code[first] == '\0'))
		return 0;
	*fence = src->s + at;
	return run - at;
}

/* ------------------------------------------------------------------ */
/* The mapping                                                        */

typedef struct mapper {
	steno_doc *doc;
	steno_node *parent; /* where the next node goes */
	source src;
} mapper;

static steno_node_type node_type_for(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_BLOCK_QUOTE: return STENO_NODE_BLOCK_QUOTE;
	case CMARK_NODE_LIST: return STENO_NODE_LIST;
	case CMARK_NODE_ITEM: return STENO_NODE_ITEM;
	case CMARK_NODE_CODE_BLOCK: return STENO_NODE_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK: return STENO_NODE_RAW_BLOCK;
	case CMARK_NODE_PARAGRAPH: return STENO_NODE_PARAGRAPH;
	case CMARK_NODE_HEADING: return STENO_NODE_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return STENO_NODE_THEMATIC_BREAK;
	case CMARK_NODE_TEXT: return STENO_NODE_TEXT;
	case CMARK_NODE_SOFTBREAK: return STENO_NODE_SOFT_BREAK;
	case CMARK_NODE_LINEBREAK: return STENO_NODE_LINE_BREAK;
	case CMARK_NODE_CODE: return STENO_NODE_CODE;
	case CMARK_NODE_HTML_INLINE: return STENO_NODE_RAW_INLINE;
	case CMARK_NODE_EMPH: return STENO_NODE_EMPH;
	case CMARK_NODE_STRONG: return STENO_NODE_STRONG;
	case CMARK_NODE_LINK: return STENO_NODE_LINK;
	case CMARK_NODE_IMAGE: return STENO_NODE_IMAGE;
	/* the parser makes no custom nodes; any others keep their
	 * children, in their parent */
	default: return STENO_NODE_NONE;
	}
}

static int set_literal(mapper *m, steno_node *n, cmark_node *cn)
{
	const char *lit = cmark_node_get_literal(cn);
	size_t len = lit ? strlen(lit) : 0;
	if (!len)
		return 0;
	if (len > NODE_MAX_LEN)
		return -1;
	const char *copy = arena_strndup(&m->doc->arena, lit, len);
	node_set_literal(n, copy, len);
	return copy ? 0 : -1;
}

static int set_link(steno_node *n, cmark_node *cn)
{
	const char *title = cmark_node_get_title(cn);
	if (steno_node_set_url(n, cmark_node_get_url(cn)) != STENO_OK)
		return -1;
	return title && *title && steno_node_set_title(n, title) != STENO_OK ? -1 : 0;
}

static int set_code_block(mapper *m, steno_node *n, cmark_node *cn)
{
	const char *info = cmark_node_get_fence_info(cn), *fence;
	if (info && *info && steno_node_set_info(n, info) != STENO_OK)
		return -1;
	size_t flen = code_fence(&m->src, cn, &fence);
	if (flen) {
		char *f = arena_strndup(&m->doc->arena, fence, flen);
		if (!f || steno_node_set_attr(n, "fence", f) != STENO_OK)
			return -1;
	}
	return set_literal(m, n, cn);
}

static void set_list(steno_node *n, cmark_node *cn)
{
	int ordered = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
	char delim = cmark_node_get_list_delim(cn) == CMARK_PAREN_DELIM ? ')' : '.';
	steno_node_set_list(n, ordered ? STENO_LIST_ORDERED : STENO_LIST_BULLET,
	                    ordered ? cmark_node_get_list_start(cn) : 1,
	                    cmark_node_get_list_tight(cn), delim);
}

/* The data of cn that n keeps; -1 on no memory. */
static int set_data(mapper *m, steno_node *n, cmark_node *cn)
{
	switch (n->type) {
	case STENO_NODE_HEADING: n->as.level = cmark_node_get_heading_level(cn); return 0;
	case STENO_NODE_LIST: set_list(n, cn); return 0;
	case STENO_NODE_CODE_BLOCK: return set_code_block(m, n, cn);
	case STENO_NODE_RAW_BLOCK:
	case STENO_NODE_RAW_INLINE: n->as.kind = "html"; return set_literal(m, n, cn);
	case STENO_NODE_TEXT:
	case STENO_NODE_CODE: return set_literal(m, n, cn);
	case STENO_NODE_LINK:
	case STENO_NODE_IMAGE: return set_link(n, cn);
	default: return 0;
	}
}

/* cmark's ENTER of cn: its steno node, appended to m->parent and made
 * the parent of what follows when it is a container. */
static int map_enter(mapper *m, cmark_node *cn)
{
	steno_node_type type = node_type_for(cmark_node_get_type(cn));
	if (type == STENO_NODE_NONE)
		return 0;
	steno_node *n = node_add(m->doc, m->parent, type);
	if (!n || set_data(m, n, cn) < 0)
		return -1;
	/* positions as cmark reports them; its inline positions are not
	 * reliable, and cmark writes them on blocks only */
	if (type_is_block(type))
		steno_node_set_sourcepos(n, cmark_node_get_start_line(cn),
		                         cmark_node_get_start_column(cn), cmark_node_get_end_line(cn),
		                         cmark_node_get_end_column(cn));
	if (steno_node_type_is_container(type)) {
		m->parent = n;
		cmark_node_set_user_data(cn, n);
	}
	return 0;
}

/* The node types cmark's iterator gives no EXIT event for: done with
 * on ENTER. */
static int cmark_leaf(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE: return 1;
	default: return 0;
	}
}

/* Now and then, hand the pages of freed cmark nodes back to the system.
 * glibc keeps freed memory for later small allocations, which the
 * arena's large blocks are not, so without this the peak would hold
 * both trees whole; with it, the peak is about cmark's own. */
static void release_freed(unsigned long freed)
{
#ifdef __GLIBC__
	if (freed % RELEASE_EVERY == 0)
		malloc_trim(0);
#else
	(void)freed;
#endif
}

/* Map everything under root into doc's root, freeing each cmark node
 * once it is mapped. */
static int map_tree(mapper *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	if (!it)
		return -1;
	cmark_event_type ev;
	unsigned long freed = 0;
	int r = 0;
	while (r == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		if (cn == root)
			continue;
		if (ev == CMARK_EVENT_ENTER)
			r = map_enter(m, cn);
		else if (cmark_node_get_user_data(cn))
			m->parent = node_parent(m->parent);
		/* done with cn, which cmark lets us change now */
		if (ev == CMARK_EVENT_EXIT || cmark_leaf(cmark_node_get_type(cn))) {
			cmark_node_free(cn);
			release_freed(++freed);
		}
	}
	cmark_iter_free(it);
	return r;
}

/* ------------------------------------------------------------------ */
/* Input                                                              */

/* The input as UTF-8.  UTF-8 without a BOM or NUL is used in place;
 * anything else goes through the text readers' decoder (BOMs, UTF-16,
 * --encoding, invalid bytes to U+FFFD with a warning), whose buffer is
 * returned in *owned for the caller to free. */
static const char *decode_input(steno_doc *doc, const char *data, size_t *len,
                                const steno_options *opts, char **owned, steno_error *err)
{
	*owned = NULL;
	int plain = !opts->encoding && utf8_valid(data, *len) && !memchr(data, '\0', *len) &&
	            !(*len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0);
	if (plain)
		return data;
	size_t replaced;
	const char *detected;
	*owned = utf8_from_input(data, *len, opts->encoding, len, &replaced, &detected, err);
	if (!*owned)
		return NULL;
	doc_input_warn(doc, detected, replaced);
	return *owned;
}

static int cmark_options(const steno_options *opts)
{
	int o = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	if (opts->passes & STENO_PASS_SMART)
		o |= CMARK_OPT_SMART;
	return o;
}

/* cmark's tree of s, the front matter's lines given as blank lines so
 * that line numbers stay the source's. */
static cmark_node *parse(const char *s, size_t len, size_t body, size_t blank_lines,
                         const steno_options *opts)
{
	/* set, not spelt out: a literal one short left a NUL in each 64
	 * lines, which cmark reads as U+FFFD */
	char newlines[64];
	memset(newlines, '\n', sizeof newlines);
	cmark_parser *p = cmark_parser_new(cmark_options(opts));
	if (!p)
		return NULL;
	while (blank_lines) {
		size_t n = blank_lines < sizeof newlines ? blank_lines : sizeof newlines;
		cmark_parser_feed(p, newlines, n);
		blank_lines -= n;
	}
	cmark_parser_feed(p, s + body, len - body);
	cmark_node *root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

static steno_status markdown_read(steno_doc *doc, const char *data, size_t len,
                                  const steno_options *opts, steno_error *err)
{
	steno_options defaults;
	if (!opts) {
		steno_options_init(&defaults);
		opts = &defaults;
	}
	char *owned;
	const char *s = decode_input(doc, data, &len, opts, &owned, err);
	if (!s)
		return err ? err->code : STENO_ERR_ENCODING;
	size_t body, lines;
	cmark_node *root = NULL;
	int r = front_matter_read(doc, s, len, &body, &lines);
	if (r == 0) {
		root = parse(s, len, body, lines, opts);
		r = root ? 0 : -1;
	}
	if (r == 0) {
		mapper m = {.doc = doc, .parent = steno_doc_root(doc)};
		source_init(&m.src, s, len);
		r = map_tree(&m, root);
	}
	cmark_node_free(root);
	free(owned);
	if (r < 0)
		return error_nomem(err);
	return STENO_OK;
}

const format markdown_format = {
	.name = "markdown",
	.aliases = "commonmark md",
	.extensions = ".md .markdown",
	.media_type = "text/markdown",
	.description = "CommonMark (with front matter)",
	.read = markdown_read,
};
