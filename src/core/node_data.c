/* node_data.c - the typed data of nodes: getters and setters that check
 * the node's type, so embedders cannot put a URL on a paragraph. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/node.h"

#define ARENA(node) (&node_doc(node)->arena)

static int is_one_of(const steno_node *n, steno_node_type a, steno_node_type b)
{
	return n && (n->type == a || n->type == b);
}

static int has_literal(const steno_node *n)
{
	return n && node_has_literal(n->type);
}

static int has_kind(const steno_node *n)
{
	if (!n)
		return 0;
	switch (n->type) {
	case STENO_NODE_SECTION:
	case STENO_NODE_NOTE:
	case STENO_NODE_EVENT:
	case STENO_NODE_RAW_BLOCK:
	case STENO_NODE_RAW_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* Copy s into the node's document; a NULL s clears the field. */
static steno_status store(steno_node *n, const char **field, const char *s)
{
	if (!s) {
		*field = NULL;
		return STENO_OK;
	}
	const char *copy = arena_strdup(ARENA(n), s);
	if (!copy)
		return STENO_ERR_NOMEM;
	*field = copy;
	return STENO_OK;
}

const char *steno_node_get_literal(const steno_node *node, size_t *len)
{
	if (!has_literal(node)) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = node->lit_len;
	return node->lit;
}

steno_status steno_node_set_literal(steno_node *node, const char *s, size_t len)
{
	if (!has_literal(node) || (!s && len))
		return STENO_ERR_ARG;
	if (len > NODE_MAX_LEN)
		return STENO_ERR_LIMIT;
	char *copy = arena_strndup(ARENA(node), s ? s : "", len);
	if (!copy)
		return STENO_ERR_NOMEM;
	node_set_literal(node, copy, len);
	return STENO_OK;
}

int steno_node_get_level(const steno_node *node)
{
	return node && node->type == STENO_NODE_HEADING ? node->as.level : 0;
}

steno_status steno_node_set_level(steno_node *node, int level)
{
	if (!node || node->type != STENO_NODE_HEADING || level < 1 || level > 6)
		return STENO_ERR_ARG;
	node->as.level = level;
	return STENO_OK;
}

const char *steno_node_get_url(const steno_node *node)
{
	return is_one_of(node, STENO_NODE_LINK, STENO_NODE_IMAGE) ? node->as.link.url : NULL;
}

steno_status steno_node_set_url(steno_node *node, const char *url)
{
	if (!is_one_of(node, STENO_NODE_LINK, STENO_NODE_IMAGE))
		return STENO_ERR_ARG;
	return store(node, &node->as.link.url, url);
}

const char *steno_node_get_title(const steno_node *node)
{
	return is_one_of(node, STENO_NODE_LINK, STENO_NODE_IMAGE) ? node->as.link.title : NULL;
}

steno_status steno_node_set_title(steno_node *node, const char *title)
{
	if (!is_one_of(node, STENO_NODE_LINK, STENO_NODE_IMAGE))
		return STENO_ERR_ARG;
	return store(node, &node->as.link.title, title);
}

const char *steno_node_get_info(const steno_node *node)
{
	return node && node->type == STENO_NODE_CODE_BLOCK ? node->as.info : NULL;
}

steno_status steno_node_set_info(steno_node *node, const char *info)
{
	if (!node || node->type != STENO_NODE_CODE_BLOCK)
		return STENO_ERR_ARG;
	return store(node, &node->as.info, info);
}

const char *steno_node_get_kind(const steno_node *node)
{
	return has_kind(node) ? node->as.kind : NULL;
}

steno_status steno_node_set_kind(steno_node *node, const char *kind)
{
	if (!has_kind(node))
		return STENO_ERR_ARG;
	return store(node, &node->as.kind, kind);
}

steno_list_type steno_node_get_list_type(const steno_node *node)
{
	return node && node->type == STENO_NODE_LIST ? node->as.list.type : STENO_LIST_BULLET;
}

int steno_node_get_list_start(const steno_node *node)
{
	return node && node->type == STENO_NODE_LIST ? node->as.list.start : 0;
}

int steno_node_get_list_tight(const steno_node *node)
{
	return node && node->type == STENO_NODE_LIST ? node->as.list.tight : 0;
}

char steno_node_get_list_delim(const steno_node *node)
{
	return node && node->type == STENO_NODE_LIST ? node->as.list.delim : 0;
}

steno_status steno_node_set_list(steno_node *node, steno_list_type type, int start, int tight,
                                 char delim)
{
	if (!node || node->type != STENO_NODE_LIST ||
	    (type != STENO_LIST_BULLET && type != STENO_LIST_ORDERED) || start < 0 ||
	    (delim != '.' && delim != ')'))
		return STENO_ERR_ARG;
	node->as.list.type = type;
	node->as.list.start = start;
	node->as.list.tight = tight != 0;
	node->as.list.delim = delim;
	return STENO_OK;
}

size_t steno_node_speaker_count(const steno_node *node)
{
	return is_one_of(node, STENO_NODE_TURN, STENO_NODE_QUOTE) ? node->speakers : 0;
}

const char *steno_node_speaker(const steno_node *node, size_t i)
{
	if (i >= steno_node_speaker_count(node))
		return NULL;
	return node->as.turn.ids[i];
}

/* Is an array of n speaker ids full?  See node.h: its room is the
 * power of two at or above n. */
static int ids_full(uint32_t n)
{
	return (n & (n - 1)) == 0;
}

steno_status steno_node_add_speaker(steno_node *node, const char *id)
{
	if (!is_one_of(node, STENO_NODE_TURN, STENO_NODE_QUOTE) || !id || !*id)
		return STENO_ERR_ARG;
	uint32_t n = node->speakers;
	if (node->type == STENO_NODE_QUOTE && n == 1)
		return STENO_ERR_ARG;
	if (n == UINT32_MAX)
		return STENO_ERR_LIMIT;
	const char **ids = node->as.turn.ids;
	if (ids_full(n)) {
		size_t cap = n ? 2 * (size_t)n : 1;
		if (cap > SIZE_MAX / sizeof *ids)
			return STENO_ERR_LIMIT;
		if (!(ids = arena_alloc(ARENA(node), cap * sizeof *ids)))
			return STENO_ERR_NOMEM;
		if (n)
			memcpy(ids, node->as.turn.ids, n * sizeof *ids);
	}
	const char *copy = arena_strdup(ARENA(node), id);
	if (!copy)
		return STENO_ERR_NOMEM;
	ids[n] = copy;
	node->as.turn.ids = ids;
	node->speakers = n + 1;
	return STENO_OK;
}

int64_t steno_node_get_start(const steno_node *node)
{
	return is_one_of(node, STENO_NODE_TURN, STENO_NODE_TIME) ? node->as.turn.start
	                                                         : STENO_TIME_NONE;
}

int64_t steno_node_get_end(const steno_node *node)
{
	return node && node->type == STENO_NODE_TURN ? node->as.turn.end : STENO_TIME_NONE;
}

steno_status steno_node_set_times(steno_node *node, int64_t start, int64_t end)
{
	if (!is_one_of(node, STENO_NODE_TURN, STENO_NODE_TIME))
		return STENO_ERR_ARG;
	if (node->type == STENO_NODE_TIME && end != STENO_TIME_NONE)
		return STENO_ERR_ARG;
	node->as.turn.start = start;
	/* a time node is allocated without the end (node.c's node_size) */
	if (node->type == STENO_NODE_TURN)
		node->as.turn.end = end;
	return STENO_OK;
}

int steno_node_get_overlap(const steno_node *node)
{
	return node && node->type == STENO_NODE_TURN && (node->flags & NODE_OVERLAP);
}

steno_status steno_node_set_overlap(steno_node *node, int overlap)
{
	if (!node || node->type != STENO_NODE_TURN)
		return STENO_ERR_ARG;
	if (overlap)
		node->flags |= NODE_OVERLAP;
	else
		node->flags &= (uint8_t)~NODE_OVERLAP;
	return STENO_OK;
}

const char *steno_node_get_place(const steno_node *node)
{
	return node && node->type == STENO_NODE_DATELINE ? node->as.dateline.place : NULL;
}

const char *steno_node_get_date(const steno_node *node)
{
	return node && node->type == STENO_NODE_DATELINE ? node->as.dateline.date : NULL;
}

const char *steno_node_get_agency(const steno_node *node)
{
	return node && node->type == STENO_NODE_DATELINE ? node->as.dateline.agency : NULL;
}

steno_status steno_node_set_dateline(steno_node *node, const char *place, const char *date,
                                     const char *agency)
{
	if (!node || node->type != STENO_NODE_DATELINE)
		return STENO_ERR_ARG;
	steno_status st = store(node, &node->as.dateline.place, place);
	if (!st)
		st = store(node, &node->as.dateline.date, date);
	if (!st)
		st = store(node, &node->as.dateline.agency, agency);
	return st;
}

/* Free-form attributes */

/* a's value (a may be NULL: then a new record at *tail) set to a copy
 * of value. */
static steno_status put_attr(steno_doc *doc, attr *a, attr **tail, const char *name,
                             const char *value)
{
	const char *v = arena_strdup(&doc->arena, value);
	if (!v)
		return STENO_ERR_NOMEM;
	if (a) {
		a->value = v;
		return STENO_OK;
	}
	a = arena_alloc(&doc->arena, sizeof *a);
	const char *n = arena_strdup(&doc->arena, name);
	if (!a || !n)
		return STENO_ERR_NOMEM;
	*a = (attr){.name = n, .value = v};
	*tail = a;
	return STENO_OK;
}

steno_status attr_set(steno_doc *doc, attr **list, const char *name, const char *value)
{
	if (!name || !*name || !value)
		return STENO_ERR_ARG;
	attr **at = list;
	while (*at && strcmp((*at)->name, name) != 0)
		at = &(*at)->next;
	return put_attr(doc, *at, at, name, value);
}

steno_status attr_set_kept(steno_doc *doc, attr **list, const char *name, const char *value)
{
	if (!name || !*name || !value)
		return STENO_ERR_ARG;
	attr **at = list;
	while (*at && strcmp((*at)->name, name) != 0)
		at = &(*at)->next;
	if (!*at) {
		if (!(*at = arena_alloc(&doc->arena, sizeof **at)))
			return STENO_ERR_NOMEM;
		(*at)->name = name;
	}
	(*at)->value = value;
	return STENO_OK;
}

/* Lists this long are still scanned: most nodes have a few attributes,
 * and an index would cost them an allocation each. */
#define ATTR_SCAN_MAX 8

void attr_list_open(attr_list *l, attr **head)
{
	*l = (attr_list){.head = head, .tail = head};
	for (; *l->tail; l->tail = &(*l->tail)->next)
		l->count++;
}

void attr_list_close(attr_list *l)
{
	table_free(&l->index);
}

static int same_name(uintptr_t entry, const void *name, const void *ctx)
{
	(void)ctx;
	return strcmp(((const attr *)entry)->name, name) == 0;
}

static table_slot *index_slot(const attr_list *l, const char *name, uint64_t *hash)
{
	*hash = hash_bytes(name, strlen(name));
	return table_find(&l->index, *hash, same_name, name, NULL);
}

/* Index a (its name not there yet); -1 on no memory. */
static int index_add(attr_list *l, attr *a)
{
	uint64_t h;
	if (table_reserve(&l->index) < 0)
		return -1;
	table_slot *slot = index_slot(l, a->name, &h);
	if (!slot->entry) /* a name twice in the list: the first one counts */
		table_fill(&l->index, slot, h, (uintptr_t)a);
	return 0;
}

/* The index of a list grown long, made from the list the first time. */
static int index_open(attr_list *l)
{
	if (l->index.cap)
		return 0;
	for (attr *a = *l->head; a; a = a->next)
		if (index_add(l, a) < 0)
			return -1;
	return 0;
}

attr *attr_list_find(const attr_list *l, const char *name)
{
	if (l->index.cap) {
		uint64_t h;
		return (attr *)index_slot(l, name, &h)->entry;
	}
	attr *a = *l->head;
	while (a && strcmp(a->name, name) != 0)
		a = a->next;
	return a;
}

steno_status attr_list_set(steno_doc *doc, attr_list *l, const char *name, const char *value)
{
	if (!name || !*name || !value)
		return STENO_ERR_ARG;
	if (l->count >= ATTR_SCAN_MAX && index_open(l) < 0)
		return STENO_ERR_NOMEM;
	attr *a = attr_list_find(l, name);
	steno_status st = put_attr(doc, a, l->tail, name, value);
	if (st != STENO_OK || a)
		return st;
	a = *l->tail;
	l->tail = &a->next;
	l->count++;
	if (l->index.cap && index_add(l, a) < 0)
		return STENO_ERR_NOMEM;
	return STENO_OK;
}

const attr *attr_at(const attr *list, size_t i)
{
	while (list && i--)
		list = list->next;
	return list;
}

size_t attr_count(const attr *list)
{
	size_t n = 0;
	for (; list; list = list->next)
		n++;
	return n;
}
