/* iter.c - the API's iterator: the walk of core/walk.h, allocated so
 * that callers need not know its size. */
#include <stdlib.h>

#include "core/walk.h"

struct steno_iter {
	node_walk walk;
};

steno_iter *steno_iter_new(steno_node *root)
{
	if (!root)
		return NULL;
	steno_iter *it = malloc(sizeof *it);
	if (!it)
		return NULL;
	node_walk_init(&it->walk, root);
	return it;
}

void steno_iter_free(steno_iter *iter)
{
	free(iter);
}

steno_event steno_iter_next(steno_iter *it)
{
	return it ? node_walk_next(&it->walk) : STENO_EVENT_DONE;
}

steno_node *steno_iter_node(const steno_iter *iter)
{
	/* the walk only reads the tree; the API's caller owns it */
	return iter ? (steno_node *)iter->walk.node : NULL;
}

void steno_iter_skip_children(steno_iter *iter)
{
	if (iter)
		node_walk_skip(&iter->walk);
}
