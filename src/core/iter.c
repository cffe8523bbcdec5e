/* iter.c - walking a tree without recursion, as cmark's iterator does:
 * the state is just the current node and whether we entered or left it. */
#include <stdlib.h>

#include "core/node.h"

struct steno_iter {
	steno_node *root;
	steno_node *node;
	steno_event event;
	int skip; /* the entered node's children are to be skipped */
};

steno_iter *steno_iter_new(steno_node *root)
{
	if (!root)
		return NULL;
	steno_iter *it = calloc(1, sizeof *it);
	if (!it)
		return NULL;
	it->root = root;
	it->event = STENO_EVENT_NONE;
	return it;
}

void steno_iter_free(steno_iter *iter)
{
	free(iter);
}

static int is_container(const steno_node *n)
{
	return steno_node_type_is_container(n->type);
}

steno_event steno_iter_next(steno_iter *it)
{
	if (!it)
		return STENO_EVENT_DONE;
	steno_node *n = it->node;
	switch (it->event) {
	case STENO_EVENT_NONE:
		it->node = it->root;
		it->event = STENO_EVENT_ENTER;
		return it->event;
	case STENO_EVENT_DONE:
		return STENO_EVENT_DONE;
	case STENO_EVENT_ENTER:
		if (is_container(n)) {
			if (n->first && !it->skip) {
				it->node = n->first;
				it->event = STENO_EVENT_ENTER;
			} else {
				it->event = STENO_EVENT_EXIT;
			}
			it->skip = 0;
			return it->event;
		}
		break; /* a leaf: move on as after an exit */
	case STENO_EVENT_EXIT:
		break;
	}
	if (n == it->root) {
		it->event = STENO_EVENT_DONE;
		it->node = NULL;
	} else if (n->next) {
		it->node = n->next;
		it->event = STENO_EVENT_ENTER;
	} else {
		it->node = n->parent;
		it->event = it->node ? STENO_EVENT_EXIT : STENO_EVENT_DONE;
	}
	return it->event;
}

steno_node *steno_iter_node(const steno_iter *iter)
{
	return iter ? iter->node : NULL;
}

void steno_iter_skip_children(steno_iter *iter)
{
	if (iter && iter->event == STENO_EVENT_ENTER && is_container(iter->node))
		iter->skip = 1;
}
