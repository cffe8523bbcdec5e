/* walk.h - the one way steno walks a subtree with its nodes' ends:
 * cmark's iterator, kept on the stack and inline for the writers' hot
 * loops (steno_iter is this walk, allocated, for the API).  Every node
 * is entered in document order and every container left after its
 * children.  The state is only the node and the event. */
#ifndef STENO_WALK_H
#define STENO_WALK_H

#include "core/node.h"

typedef struct node_walk {
	const steno_node *root, *node;
	steno_event event;
	int skip;    /* the entered node's children are to be skipped */
	int skipped; /* this EXIT follows a skip: nothing was entered */
} node_walk;

static inline void node_walk_init(node_walk *w, const steno_node *root)
{
	*w = (node_walk){root, NULL, root ? STENO_EVENT_NONE : STENO_EVENT_DONE, 0, 0};
}

/* Whether n is left after it is entered. */
static inline int node_walk_leaves(const steno_node *n)
{
	return node_is_container(n->type);
}

/* Past n, which is done: its next sibling, else its parent's exit. */
static inline steno_event node_walk_past(node_walk *w, const steno_node *n)
{
	if (n == w->root) {
		w->node = NULL;
		return w->event = STENO_EVENT_DONE;
	}
	const steno_node *next = node_next(n);
	if (next) {
		w->node = next;
		return w->event = STENO_EVENT_ENTER;
	}
	w->node = node_parent(n);
	return w->event = w->node ? STENO_EVENT_EXIT : STENO_EVENT_DONE;
}

static inline steno_event node_walk_next(node_walk *w)
{
	const steno_node *n = w->node;
	w->skipped = 0;
	switch (w->event) {
	case STENO_EVENT_NONE:
		w->node = w->root;
		return w->event = STENO_EVENT_ENTER;
	case STENO_EVENT_DONE:
		return STENO_EVENT_DONE;
	case STENO_EVENT_ENTER:
		if (!w->skip && (w->node = node_first(n)) != NULL)
			return STENO_EVENT_ENTER;
		w->node = n;
		if (!node_walk_leaves(n))
			return node_walk_past(w, n);
		w->skipped = w->skip;
		w->skip = 0;
		return w->event = STENO_EVENT_EXIT;
	case STENO_EVENT_EXIT:
		break;
	}
	return node_walk_past(w, n);
}

/* Skip the children of the node just entered: its EXIT comes next,
 * with skipped set. */
static inline void node_walk_skip(node_walk *w)
{
	if (w->event == STENO_EVENT_ENTER && node_walk_leaves(w->node))
		w->skip = 1;
}

/* The node entered after n in the walk of root, its exits passed over:
 * the walk of the passes and lookups that need no ends.  The tree's
 * nodes are the caller's to change, so the node comes back writable.
 * NULL at the end. */
static inline steno_node *node_next_preorder(const steno_node *n, const steno_node *root)
{
	node_walk w = {root, n, STENO_EVENT_ENTER, 0, 0};
	while (node_walk_next(&w) == STENO_EVENT_EXIT)
		;
	return (steno_node *)w.node;
}

#endif
