/* node_attrs.c - the free-form attributes of nodes, kept beside the
 * tree: most nodes have none, and a pointer in each was a tenth of a
 * large tree.  A caption's time keeps its end and id in the node. */
#include <string.h>

#include "core/node.h"

typedef struct node_attrs_rec {
	node_ref node;
	attr *head;
} node_attrs_rec;

static uint64_t ref_hash(node_ref r)
{
	uint64_t h = r * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ h >> 32;
}

static int same_node(uintptr_t entry, const void *key, const void *ctx)
{
	(void)ctx;
	return ((const node_attrs_rec *)entry)->node == *(const node_ref *)key;
}

/* n's record, or NULL.  A discarded node's record stays in the table,
 * so one is n's only while n has the flag. */
static node_attrs_rec *find_rec(const steno_doc *doc, node_ref r)
{
	return (node_attrs_rec *)table_get(&doc->node_attrs, ref_hash(r), same_node, &r, NULL);
}

attr **node_attr_list(steno_node *n)
{
	steno_doc *doc = node_doc(n);
	node_ref r = pool_ref(n);
	node_attrs_rec *e = find_rec(doc, r);
	if (!e) {
		if (table_reserve(&doc->node_attrs) < 0 || !(e = arena_alloc(&doc->arena, sizeof *e)))
			return NULL;
		e->node = r;
		uint64_t h = ref_hash(r);
		table_fill(&doc->node_attrs, table_find(&doc->node_attrs, h, same_node, &r, NULL), h,
		           (uintptr_t)e);
	} else if (!(n->flags & NODE_ATTRS)) {
		e->head = NULL; /* a discarded node's, whose place n took */
	}
	n->flags |= NODE_ATTRS;
	return &e->head;
}

steno_status node_set_attrs(steno_node *n, attr *list)
{
	if (!list) {
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
	const node_attrs_rec *e = n->flags & NODE_ATTRS ? find_rec(node_doc(n), pool_ref(n)) : NULL;
	return e ? e->head : NULL;
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
