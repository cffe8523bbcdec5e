/* node.c - node construction, the rules of the tree, and tree surgery. */
#include <stddef.h>
#include <string.h>

#include "core/node.h"

static const char *const type_names[] = {
	[STENO_NODE_NONE] = "none",
	[STENO_NODE_DOCUMENT] = "document",
	[STENO_NODE_SECTION] = "section",
	[STENO_NODE_HEADING] = "heading",
	[STENO_NODE_PARAGRAPH] = "paragraph",
	[STENO_NODE_TURN] = "turn",
	[STENO_NODE_BLOCK_QUOTE] = "block_quote",
	[STENO_NODE_LIST] = "list",
	[STENO_NODE_ITEM] = "item",
	[STENO_NODE_CODE_BLOCK] = "code_block",
	[STENO_NODE_RAW_BLOCK] = "raw_block",
	[STENO_NODE_THEMATIC_BREAK] = "thematic_break",
	[STENO_NODE_NOTE] = "note",
	[STENO_NODE_TEXT] = "text",
	[STENO_NODE_SOFT_BREAK] = "soft_break",
	[STENO_NODE_LINE_BREAK] = "line_break",
	[STENO_NODE_EMPH] = "emph",
	[STENO_NODE_STRONG] = "strong",
	[STENO_NODE_CODE] = "code",
	[STENO_NODE_LINK] = "link",
	[STENO_NODE_IMAGE] = "image",
	[STENO_NODE_RAW_INLINE] = "raw_inline",
	[STENO_NODE_QUOTE] = "quote",
	[STENO_NODE_EVENT] = "event",
	[STENO_NODE_TIME] = "time",
	[STENO_NODE_DATELINE] = "dateline",
};

const char *steno_node_type_name(steno_node_type type)
{
	if ((unsigned)type >= sizeof type_names / sizeof *type_names)
		return "none";
	return type_names[type];
}

int type_is_block(steno_node_type type)
{
	return type >= STENO_NODE_FIRST_BLOCK && type <= STENO_NODE_LAST_BLOCK;
}

int type_is_inline(steno_node_type type)
{
	return type >= STENO_NODE_FIRST_INLINE && type <= STENO_NODE_LAST_INLINE;
}

int container_accepts(steno_node_type parent, steno_node_type child)
{
	switch (parent) {
	case STENO_NODE_DOCUMENT:
	case STENO_NODE_SECTION:
	case STENO_NODE_TURN:
	case STENO_NODE_BLOCK_QUOTE:
	case STENO_NODE_ITEM:
	case STENO_NODE_NOTE:
		return type_is_block(child) && child != STENO_NODE_DOCUMENT &&
		       child != STENO_NODE_ITEM;
	case STENO_NODE_LIST:
		return child == STENO_NODE_ITEM;
	case STENO_NODE_HEADING:
	case STENO_NODE_PARAGRAPH:
	case STENO_NODE_EMPH:
	case STENO_NODE_STRONG:
	case STENO_NODE_LINK:
	case STENO_NODE_IMAGE:
	case STENO_NODE_QUOTE:
	case STENO_NODE_DATELINE:
		return type_is_inline(child);
	default:
		return 0;
	}
}

int steno_node_type_is_container(steno_node_type type)
{
	/* Every container accepts text or paragraphs or items. */
	return container_accepts(type, STENO_NODE_TEXT) ||
	       container_accepts(type, STENO_NODE_PARAGRAPH) ||
	       container_accepts(type, STENO_NODE_ITEM);
}

/* The bytes of a node of type (and flags): as far as the fields its
 * type has, and of as only its type's member.  A transcript's nodes are
 * mostly text, breaks and paragraphs, which have no data, and
 * timestamps, which hold a number, so sizing each node by its type keeps
 * a large document's tree less than half the size.  Only the fields its
 * type has are ever read or written (the accessors of node.h and
 * node_data.c check the type), and no node is copied whole. */
static size_t node_size(steno_node_type type, unsigned flags)
{
	const steno_node *n = NULL;
	size_t data;
	switch (type) {
	case STENO_NODE_HEADING: data = sizeof n->as.level; break;
	case STENO_NODE_LIST: data = sizeof n->as.list; break;
	case STENO_NODE_SECTION:
	case STENO_NODE_NOTE:
	case STENO_NODE_EVENT:
	case STENO_NODE_RAW_BLOCK:
	case STENO_NODE_RAW_INLINE: data = sizeof n->as.kind; break;
	case STENO_NODE_CODE_BLOCK: data = sizeof n->as.info; break;
	case STENO_NODE_LINK:
	case STENO_NODE_IMAGE: data = sizeof n->as.link; break;
	case STENO_NODE_TIME: /* the start that leads as.turn: a time has no end */
		data = flags & NODE_CUE ? sizeof n->as.cue
		                        : offsetof(struct node_turn, start) + sizeof n->as.turn.start;
		break;
	case STENO_NODE_TURN:
	case STENO_NODE_QUOTE: data = sizeof n->as.turn; break;
	case STENO_NODE_DATELINE: data = sizeof n->as.dateline; break;
	default: data = 0; break;
	}
	if (data || node_has_literal(type))
		return offsetof(steno_node, as) + data;
	return node_is_container(type) ? offsetof(steno_node, first_ref) + sizeof n->first_ref
	                               : offsetof(steno_node, first_ref);
}

/* The bytes a node of type takes in doc, rounded to its size class, so
 * that a spare node of the class holds any node of it. */
static size_t alloc_size(const steno_doc *doc, steno_node_type type, unsigned flags)
{
	return (node_size(type, flags) + (doc->positions ? sizeof(node_pos) : 0) + POOL_REDZONE +
	        7) &
	       ~(size_t)7;
}

void node_discard(steno_node *n)
{
	steno_doc *doc = node_doc(n);
	if (!doc->parsing)
		return;
	size_t size = alloc_size(doc, n->type, n->flags);
	n->next_ref = doc->spare[size / 8] ? pool_ref(doc->spare[size / 8]) : 0;
	doc->spare[size / 8] = n;
	/* its link to the next spare, in the 16 bytes every node has, stays */
	pool_poison((char *)n + offsetof(steno_node, first_ref),
	            size - offsetof(steno_node, first_ref));
}

/* A zeroed node of size bytes: a spare one, else a new one. */
static steno_node *node_take(steno_doc *doc, size_t size)
{
	steno_node *n = doc->spare[size / 8];
	if (!n)
		return pool_alloc(&doc->pool, &doc->arena, size);
	doc->spare[size / 8] = node_next(n);
	pool_unpoison(n, size);
	memset(n, 0, size);
	return n;
}

static steno_node *node_alloc(steno_doc *doc, steno_node_type type, unsigned flags)
{
	size_t size = alloc_size(doc, type, flags);
	steno_node *n = node_take(doc, size);
	if (!n)
		return NULL;
	size_t used = node_size(type, flags) + (doc->positions ? sizeof(node_pos) : 0);
	pool_poison((char *)n + used, size - used);
	n->type = (uint8_t)type;
	n->flags = (uint8_t)flags;
	if (node_has_literal(type))
		n->lit = "";
	if (type == STENO_NODE_TIME) {
		n->as.turn.start = STENO_TIME_NONE;
	} else if (type == STENO_NODE_TURN) {
		n->as.turn.start = STENO_TIME_NONE;
		n->as.turn.end = STENO_TIME_NONE;
	} else if (type == STENO_NODE_HEADING) {
		n->as.level = 1;
	} else if (type == STENO_NODE_LIST) {
		n->as.list.start = 1;
		n->as.list.tight = 1;
		n->as.list.delim = '.';
	}
	return n;
}

steno_node *steno_node_new(steno_doc *doc, steno_node_type type)
{
	if (!doc || type <= STENO_NODE_DOCUMENT || type > STENO_NODE_LAST_INLINE)
		return NULL;
	return node_alloc(doc, type, 0);
}

steno_node *node_new_root(steno_doc *doc)
{
	return node_alloc(doc, STENO_NODE_DOCUMENT, 0);
}

void node_detach_from(steno_node *c, steno_node *n)
{
	steno_node *prev = node_prev(n);
	if (!prev) {
		c->first_ref = 0;
		return;
	}
	prev->next_ref = 0;
	node_first(c)->prev_ref = pool_ref(prev);
}

void node_append_chain(steno_node *c, steno_node *from, steno_node *last)
{
	steno_node *first = node_first(c);
	if (!first) {
		c->first_ref = pool_ref(from);
		from->prev_ref = pool_ref(last);
		return;
	}
	steno_node *end = node_last(c);
	end->next_ref = pool_ref(from);
	from->prev_ref = pool_ref(end);
	first->prev_ref = pool_ref(last);
}

void node_append(steno_node *parent, steno_node *child)
{
	/* a leaf has no room for children: the checked surgery refuses
	 * them, and readers and passes add none */
	if (!node_is_container(parent->type))
		return;
	node_ref c = pool_ref(child);
	child->parent_ref = pool_ref(parent);
	child->next_ref = 0;
	steno_node *first = node_first(parent);
	if (first) {
		steno_node *last = pool_at(first, first->prev_ref);
		last->next_ref = c;
		child->prev_ref = first->prev_ref;
		first->prev_ref = c;
	} else {
		parent->first_ref = c;
		child->prev_ref = c;
	}
}

void node_insert_after(steno_node *sibling, steno_node *node)
{
	node_ref r = pool_ref(node);
	steno_node *next = node_next(sibling), *parent = node_parent(sibling);
	node->parent_ref = sibling->parent_ref;
	node->prev_ref = pool_ref(sibling);
	node->next_ref = sibling->next_ref;
	if (next)
		next->prev_ref = r;
	else if (parent)
		node_first(parent)->prev_ref = r;
	sibling->next_ref = r;
}

steno_node *node_add(steno_doc *doc, steno_node *parent, steno_node_type type)
{
	steno_node *n = node_alloc(doc, type, 0);
	if (n && parent)
		node_append(parent, n);
	return n;
}

steno_node *node_add_cue(steno_doc *doc, steno_node *parent, int64_t start, int64_t end,
                         const char *id)
{
	steno_node *n = node_alloc(doc, STENO_NODE_TIME, NODE_CUE);
	if (!n)
		return NULL;
	n->as.cue.start = start;
	n->as.cue.end = end;
	n->as.cue.id = id;
	if (parent)
		node_append(parent, n);
	return n;
}

steno_node *node_add_text(steno_doc *doc, steno_node *parent, const char *s, size_t len)
{
	if (len > NODE_MAX_LEN)
		return NULL;
	char *copy = arena_strndup(&doc->arena, s, len);
	if (!copy)
		return NULL;
	steno_node *n = node_add(doc, parent, STENO_NODE_TEXT);
	if (n)
		node_set_literal(n, copy, len);
	return n;
}

steno_node *node_add_text_in(steno_doc *doc, steno_node *parent, char *s, size_t len)
{
	if (len > NODE_MAX_LEN)
		return NULL;
	steno_node *n = node_add(doc, parent, STENO_NODE_TEXT);
	if (n) {
		s[len] = '\0';
		node_set_literal(n, s, len);
	}
	return n;
}

/* Navigation */

steno_node_type steno_node_get_type(const steno_node *node)
{
	return node ? node->type : STENO_NODE_NONE;
}

steno_node *steno_node_parent(const steno_node *node)
{
	return node ? node_parent(node) : NULL;
}

steno_node *steno_node_first_child(const steno_node *node)
{
	return node ? node_first(node) : NULL;
}

steno_node *steno_node_last_child(const steno_node *node)
{
	return node ? node_last(node) : NULL;
}

steno_node *steno_node_next(const steno_node *node)
{
	return node ? node_next(node) : NULL;
}

steno_node *steno_node_previous(const steno_node *node)
{
	return node ? node_prev(node) : NULL;
}

/* Surgery */

void steno_node_unlink(steno_node *node)
{
	if (!node)
		return;
	steno_node *parent = node_parent(node), *prev = node_prev(node), *next = node_next(node);
	if (prev)
		prev->next_ref = node->next_ref;
	else if (parent)
		parent->first_ref = node->next_ref;
	if (next)
		next->prev_ref = node->prev_ref; /* for a first child: the last */
	else if (parent && parent->first_ref)
		node_first(parent)->prev_ref = prev ? pool_ref(prev) : 0;
	node->parent_ref = node->prev_ref = node->next_ref = 0;
}

/* May node go under parent?  Checks kinds, documents and cycles. */
static steno_status check_placement(const steno_node *parent, const steno_node *node)
{
	if (!parent || !node || pool_of(parent) != pool_of(node))
		return STENO_ERR_ARG;
	if (node->type == STENO_NODE_DOCUMENT || !container_accepts(parent->type, node->type))
		return STENO_ERR_TREE;
	/* Only a node with children can be a proper ancestor of parent:
	 * building a deep tree from fresh nodes stays linear. */
	if (node == parent)
		return STENO_ERR_TREE;
	if (node_first(node))
		for (const steno_node *p = parent; p; p = node_parent(p))
			if (p == node)
				return STENO_ERR_TREE;
	return STENO_OK;
}

steno_status steno_node_append_child(steno_node *parent, steno_node *child)
{
	steno_status st = check_placement(parent, child);
	if (st)
		return st;
	steno_node_unlink(child);
	node_append(parent, child);
	return STENO_OK;
}

steno_status steno_node_prepend_child(steno_node *parent, steno_node *child)
{
	steno_status st = check_placement(parent, child);
	if (st)
		return st;
	steno_node_unlink(child);
	steno_node *first = node_first(parent);
	if (!first) {
		node_append(parent, child);
		return STENO_OK;
	}
	child->parent_ref = pool_ref(parent);
	child->next_ref = parent->first_ref;
	child->prev_ref = first->prev_ref;
	first->prev_ref = pool_ref(child);
	parent->first_ref = pool_ref(child);
	return STENO_OK;
}

steno_status steno_node_insert_before(steno_node *sibling, steno_node *node)
{
	if (!sibling || !node || sibling == node)
		return STENO_ERR_ARG;
	steno_node *parent = node_parent(sibling);
	steno_status st = check_placement(parent, node);
	if (st)
		return st;
	steno_node_unlink(node);
	/* node's unlinking may have changed sibling's links */
	node_ref r = pool_ref(node);
	steno_node *prev = node_prev(sibling);
	node->parent_ref = sibling->parent_ref;
	node->next_ref = pool_ref(sibling);
	node->prev_ref = sibling->prev_ref;
	if (prev)
		prev->next_ref = r;
	else
		parent->first_ref = r;
	sibling->prev_ref = r;
	return STENO_OK;
}

steno_status steno_node_insert_after(steno_node *sibling, steno_node *node)
{
	if (!sibling || !node || sibling == node)
		return STENO_ERR_ARG;
	steno_status st = check_placement(node_parent(sibling), node);
	if (st)
		return st;
	steno_node_unlink(node);
	node_insert_after(sibling, node);
	return STENO_OK;
}

/* Source positions */

node_pos *node_pos_of(const steno_node *n)
{
	/* node_size keeps 8-byte alignment after the data or ends it on an
	 * int, either of which suits the ints of node_pos */
	return node_doc(n)->positions
	               ? (node_pos *)(void *)((char *)n + node_size(n->type, n->flags))
	               : NULL;
}

void node_copy_pos(steno_node *to, const steno_node *from)
{
	node_pos *t = node_pos_of(to), *f = node_pos_of(from);
	if (t && f)
		*t = *f;
}

int steno_node_get_line(const steno_node *node)
{
	const node_pos *p = node ? node_pos_of(node) : NULL;
	return p ? p->line : 0;
}

int steno_node_get_column(const steno_node *node)
{
	const node_pos *p = node ? node_pos_of(node) : NULL;
	return p ? p->col : 0;
}

int steno_node_get_end_line(const steno_node *node)
{
	const node_pos *p = node ? node_pos_of(node) : NULL;
	return p ? p->end_line : 0;
}

int steno_node_get_end_column(const steno_node *node)
{
	const node_pos *p = node ? node_pos_of(node) : NULL;
	return p ? p->end_col : 0;
}

void steno_node_set_sourcepos(steno_node *node, int line, int column, int end_line,
                              int end_column)
{
	node_pos *p = node ? node_pos_of(node) : NULL;
	if (p)
		*p = (node_pos){line, column, end_line, end_column};
}
