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
	if ((n->flags & NODE_CUE) && (n->as.cue.end || n->as.cue.id))
		return 1;
	return own_attrs(n) != NULL;
}

steno_status node_set_attr_kept(steno_node *n, const char *name, const char *value)
{
	attr **list = node_attr_list(n);
	return list ? attr_set_kept(node_doc(n), list, name, value) : STENO_ERR_NOMEM;
}

const attr *node_attrs(const steno_node *n, attr buf[2])
{
	attr *list = own_attrs(n);
	if (!(n->flags & NODE_CUE))
		return list;
	size_t k = 0;
	if (n->as.cue.end)
		buf[k++] = (attr){"end", n->as.cue.end, NULL};
	if (n->as.cue.id)
		buf[k++] = (attr){"id", n->as.cue.id, NULL};
	if (!k)
		return list;
	if (k == 2)
		buf[0].next = &buf[1];
	buf[k - 1].next = list;
	return buf;
}

/* The field of a cue's attribute name, when setting it there keeps the
 * attributes' order: its end and id come first. */
static const char **cue_field(steno_node *n, const char *name)
{
	if (!(n->flags & NODE_CUE))
		return NULL;
	int own = own_attrs(n) != NULL;
	if (strcmp(name, "end") == 0 && (n->as.cue.end || (!n->as.cue.id && !own)))
		return &n->as.cue.end;
	if (strcmp(name, "id") == 0 && (n->as.cue.id || !own))
		return &n->as.cue.id;
	return NULL;
}

steno_status steno_node_set_attr(steno_node *node, const char *name, const char *value)
{
	if (!node)
		return STENO_ERR_ARG;
	if (!name || !*name || !value)
		return STENO_ERR_ARG;
	steno_doc *doc = node_doc(node);
	const char **field = cue_field(node, name);
	if (field) {
		const char *copy = arena_strdup(&doc->arena, value);
		if (!copy)
			return STENO_ERR_NOMEM;
		*field = copy;
		return STENO_OK;
	}
	attr **list = node_attr_list(node);
	return list ? attr_set(doc, list, name, value) : STENO_ERR_NOMEM;
}

const char *steno_node_get_attr(const steno_node *node, const char *name)
{
	if (!node || !name)
		return NULL;
	attr buf[2];
	for (const attr *a = node_attrs(node, buf); a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

size_t steno_node_attr_count(const steno_node *node)
{
	attr buf[2];
	return node ? attr_count(node_attrs(node, buf)) : 0;
}

const char *steno_node_attr_name(const steno_node *node, size_t i)
{
	attr buf[2];
	const attr *a = node ? attr_at(node_attrs(node, buf), i) : NULL;
	return a ? a->name : NULL;
}

const char *steno_node_attr_value(const steno_node *node, size_t i)
{
	attr buf[2];
	const attr *a = node ? attr_at(node_attrs(node, buf), i) : NULL;
	return a ? a->value : NULL;
}
