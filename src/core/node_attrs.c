/* node_attrs.c - the free-form attributes of nodes, kept beside the
 * tree: most nodes have none, and a pointer in each was a tenth of a
 * large tree.  A caption's time keeps its end and id in the node. */
#include <string.h>

#include "core/node.h"

/* A bijection of the reference, so that equal hashes are equal
 * references and a look-up never reads a record to compare: its low
 * bits, which index the table, depend on all of the reference's. */
static uint64_t ref_hash(node_ref r)
{
	uint64_t h = r * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ h >> 32;
}

/* The head of the list of the node r, or NULL: a cell in the arena,
 * so that it stays put while the table grows.  A discarded node's cell
 * stays in the table, so one is n's only while n has the flag. */
static attr **find_head(const steno_doc *doc, node_ref r)
{
	return (attr **)table_get(&doc->node_attrs, ref_hash(r), NULL, NULL, NULL);
}

attr **node_attr_list(steno_node *n)
{
	if (node_owns_attrs(n->type))
		return &n->attrs;
	steno_doc *doc = node_doc(n);
	node_ref r = pool_ref(n);
	attr **head = find_head(doc, r);
	if (!head) {
		if (table_reserve(&doc->node_attrs) < 0 ||
		    !(head = arena_alloc(&doc->arena, sizeof *head)))
			return NULL;
		uint64_t h = ref_hash(r);
		table_fill(&doc->node_attrs, table_find(&doc->node_attrs, h, NULL, NULL, NULL), h,
		           (uintptr_t)head);
	} else if (!(n->flags & NODE_ATTRS)) {
		*head = NULL; /* a discarded node's, whose place n took */
	}
	n->flags |= NODE_ATTRS;
	return head;
}

steno_status node_set_attrs(steno_node *n, attr *list)
{
	if (!list && !node_owns_attrs(n->type)) {
		n->flags &= (uint8_t)~NODE_ATTRS;
		return STENO_OK;
	}
	attr **head = node_attr_list(n);
	if (!head)
		return STENO_ERR_NOMEM;
	*head = list;
	return STENO_OK;
}

static attr *own_attrs(const steno_node *n)
{
	if (node_owns_attrs(n->type))
		return n->attrs;
	attr **head = n->flags & NODE_ATTRS ? find_head(node_doc(n), pool_ref(n)) : NULL;
	return head ? *head : NULL;
}

int node_has_attrs(const steno_node *n)
{
	return (n->flags & NODE_CUE) || own_attrs(n) != NULL;
}

steno_status node_set_attr_kept(steno_node *n, const char *name, const char *value)
{
	attr **list = node_attr_list(n);
	return list ? attr_set_kept(node_doc(n), list, name, value) : STENO_ERR_NOMEM;
}

const attr *node_attrs(const steno_node *n, node_attr_buf *buf)
{
	attr *list = own_attrs(n);
	if (!node_is_cue(n))
		return list;
	buf->end[SINK_INT_CHARS] = '\0';
	buf->cue[0] = (attr){"end", sink_format_int(n->as.cue.end, buf->end), list};
	if (n->as.cue.id) {
		buf->cue[1] = (attr){"id", n->as.cue.id, list};
		buf->cue[0].next = &buf->cue[1];
	}
	return buf->cue;
}

/* Move cue's end and id to the front of its own list, where strings
 * that last as long as the node can be handed out and anything can be
 * set. */
static steno_status list_cue(steno_node *cue)
{
	if (!node_is_cue(cue))
		return STENO_OK;
	steno_doc *doc = node_doc(cue);
	node_attr_buf buf;
	char *end = arena_strdup(&doc->arena, node_attrs(cue, &buf)->value);
	size_t k = cue->as.cue.id ? 2 : 1;
	attr **head = node_attr_list(cue);
	attr *moved = arena_alloc(&doc->arena, k * sizeof *moved);
	if (!head || !moved || !end)
		return STENO_ERR_NOMEM;
	moved[0] = (attr){"end", end, *head};
	if (k == 2) {
		moved[1] = (attr){"id", cue->as.cue.id, *head};
		moved[0].next = &moved[1];
	}
	*head = moved;
	cue->flags |= NODE_CUE_LISTED;
	return STENO_OK;
}

steno_status steno_node_set_attr(steno_node *node, const char *name, const char *value)
{
	if (!node)
		return STENO_ERR_ARG;
	if (!name || !*name || !value)
		return STENO_ERR_ARG;
	steno_doc *doc = node_doc(node);
	if (node_is_cue(node) && strcmp(name, "id") == 0 && (node->as.cue.id || !own_attrs(node))) {
		/* in its field it is second, after the end, as in a list */
		const char *copy = arena_strdup(&doc->arena, value);
		if (!copy)
			return STENO_ERR_NOMEM;
		node->as.cue.id = copy;
		return STENO_OK;
	}
	/* an id after other attributes, or an end that is not digits */
	if (node_is_cue(node) && (strcmp(name, "id") == 0 || strcmp(name, "end") == 0) &&
	    list_cue(node) != STENO_OK)
		return STENO_ERR_NOMEM;
	attr **list = node_attr_list(node);
	return list ? attr_set(doc, list, name, value) : STENO_ERR_NOMEM;
}

/* The API hands out strings that last as long as the node, so a cue's
 * end is listed before it is asked for: the node is the caller's to
 * change, although the getters take it const. */
static const attr *lasting_attrs(const steno_node *node, int end, node_attr_buf *buf)
{
	if (end && node_is_cue(node) && list_cue((steno_node *)(uintptr_t)node) != STENO_OK)
		return NULL;
	return node_attrs(node, buf);
}

const char *steno_node_get_attr(const steno_node *node, const char *name)
{
	if (!node || !name)
		return NULL;
	node_attr_buf buf;
	for (const attr *a = lasting_attrs(node, strcmp(name, "end") == 0, &buf); a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

size_t steno_node_attr_count(const steno_node *node)
{
	node_attr_buf buf;
	return node ? attr_count(node_attrs(node, &buf)) : 0;
}

const char *steno_node_attr_name(const steno_node *node, size_t i)
{
	node_attr_buf buf;
	const attr *a = node ? attr_at(node_attrs(node, &buf), i) : NULL;
	return a ? a->name : NULL;
}

const char *steno_node_attr_value(const steno_node *node, size_t i)
{
	node_attr_buf buf;
	const attr *a = node ? attr_at(lasting_attrs(node, i == 0, &buf), i) : NULL;
	return a ? a->value : NULL;
}
