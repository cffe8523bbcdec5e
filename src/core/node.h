/* node.h - the private shape of nodes and documents, for the core, the
 * passes and the formats.  Embedders see only the opaque types. */
#ifndef STENO_NODE_H
#define STENO_NODE_H

#include <stdint.h>

#include "core/arena.h"
#include "core/pool.h"
#include "core/sink.h"
#include "core/table.h"
#include "steno.h"

/* An ordered name/value pair: node attributes, speaker attributes. */
typedef struct attr {
	const char *name;
	const char *value;
	struct attr *next;
} attr;

/* An attribute list open for setting many names: its tail and length,
 * and once it is longer than a scan is cheap, an index of its names
 * (malloc'd).  attr_set scans the list for each name, so an element
 * with n attributes cost n²/2 comparisons; through an attr_list it
 * costs O(n).  Every change to the list goes through it while open. */
typedef struct attr_list {
	attr **head, **tail;
	size_t count;
	table index; /* of names, entry an attr *; empty while the list is short */
} attr_list;

/* The longest literal a node holds. */
#define NODE_MAX_LEN UINT32_MAX

/* steno_node.flags */
#define NODE_ATTRS 1u /* it has attributes, in doc->node_attrs (not a NODE_OWN_ATTRS type) */
#define NODE_CUE 2u   /* a caption's time: as.cue holds its end and id */
#define NODE_CUE_LISTED 4u /* a cue's end and id have moved to its own list */
#define NODE_OVERLAP 8u /* a turn spoken over another */

/* A large tree is mostly small inline nodes, so a node is as small as
 * its type lets it be: links are 32-bit references into its document's
 * node pool (pool.h), which also finds the document; attributes, which
 * few nodes have, live in a table beside the tree; and a node is
 * allocated only as far as its type needs (node.c's node_size): a soft
 * break is its first 16 bytes, a paragraph its first 20.  Read the
 * links and the literal through the accessors below, which know which
 * types have which. */
struct steno_node {
	uint8_t type; /* a steno_node_type */
	uint8_t flags;
	/* The first child's prev is the last child, which saves a large tree
	 * a link per node; node_prev and node_last read them. */
	node_ref parent_ref, prev_ref, next_ref;
	node_ref first_ref; /* containers only */
	union {
		uint32_t lit_len;  /* types with a literal: bytes, without the NUL */
		uint32_t speakers; /* turn, quote: how many ids as.turn.ids holds */
	};
	union {
		const char *lit; /* text, code, raw, code block; event description; time as written */
		/* A container with data (NODE_OWN_ATTRS) has these bytes
		 * anyway, before its data: its attributes live here. */
		attr *attrs;
	};
	/* Last: only the member of as that the type uses is there, and its
	 * node_pos, if any, follows it. */
	union {
		int level; /* heading */
		struct {
			steno_list_type type;
			int start, tight;
			char delim;
		} list;
		const char *kind; /* section, note, event, raw block/inline */
		struct {
			const char *url, *title;
		} link;            /* link, image */
		const char *info; /* code block */
		struct node_turn {
			int64_t start, end; /* first: a time node has only start */
			/* In the speaker table, speakers of them.  The array has
			 * room for the power of two at or above speakers, so it is
			 * full exactly when speakers is a power of two (or 0), and
			 * then doubles: a turn of n speakers costs O(n) although
			 * the arena frees nothing, and no node keeps a capacity.
			 * An array shared between turns must be full, so that
			 * adding a speaker copies it. */
			const char **ids;
		} turn;            /* turn (overlap: NODE_OVERLAP), quote (speaker only), time (start only) */
		/* A caption's time (NODE_CUE): its start as a time's, and the
		 * attributes "end" (its digits) and "id" every cue has as
		 * fields, which as records and strings were a third of a
		 * caption file's tree.  An embedder that asks for the end's
		 * string, or sets either, moves both to the node's own list
		 * first (NODE_CUE_LISTED), where they stay. */
		struct node_cue {
			int64_t start, end;
			const char *id; /* NULL when the cue has none */
		} cue;
		struct {
			const char *place, *date, *agency;
		} dateline;
	} as;
};

/* Source positions, 1-based.  Only a document made to record them
 * (doc->positions) holds them, after each node's data: most conversions
 * never ask for them, and the four numbers were a sixth of a large
 * tree. */
typedef struct node_pos {
	int line, col, end_line, end_col;
} node_pos;

typedef struct speaker {
	const char *id, *name, *role;
	attr *attrs;
} speaker;

/* Node sizes, in steps of 8 bytes up to the largest with its node_pos:
 * the classes of steno_doc.spare. */
#define NODE_SIZE_CLASSES ((sizeof(steno_node) + sizeof(node_pos) + POOL_REDZONE) / 8 + 1)

struct steno_doc {
	arena arena;
	node_pool pool; /* the nodes */
	int positions; /* its nodes hold a node_pos: fixed when it is made */
	/* Nodes the passes dropped while the document was parsed, by size
	 * class, linked through next: a new node of their size takes one
	 * before the arena, which frees nothing.  Splitting a paragraph
	 * into turns drops a line break and a text node a line. */
	steno_node *spare[NODE_SIZE_CLASSES];
	/* The attributes of nodes that have any (NODE_ATTRS): entry a
	 * node_attrs record in the arena, hash the node's reference. */
	table node_attrs;
	int parsing; /* no node is anyone else's yet, so dropped ones are spare */
	steno_node *root;
	attr *meta;
	attr_list meta_list; /* meta, open for good: keys are found by index */
	speaker *speakers; /* malloc'd array */
	size_t speaker_count, speaker_cap;
	table speaker_index; /* of ids: entry = index in speakers + 1 */
	char **warnings;   /* malloc'd array of malloc'd strings */
	size_t warning_count;
	/* While a whole-input reader runs: the parse's own malloc'd copy of
	 * the input, with a spare byte after it, which the reader may keep
	 * instead of copying it (doc_input.h); NULL when the input is the
	 * caller's, or once kept. */
	char *input;
};

/* Containers hold children; which children is container_accepts()'s call. */
int container_accepts(steno_node_type parent, steno_node_type child);
/* The types container_accepts() lets hold children, as a mask the walks
 * test for every node without a call (a unit test keeps the two one). */
#define NODE_CONTAINERS                                                                   \
	(1u << STENO_NODE_DOCUMENT | 1u << STENO_NODE_SECTION | 1u << STENO_NODE_TURN |        \
	 1u << STENO_NODE_BLOCK_QUOTE | 1u << STENO_NODE_ITEM | 1u << STENO_NODE_NOTE |       \
	 1u << STENO_NODE_LIST | 1u << STENO_NODE_HEADING | 1u << STENO_NODE_PARAGRAPH |      \
	 1u << STENO_NODE_EMPH | 1u << STENO_NODE_STRONG | 1u << STENO_NODE_LINK |            \
	 1u << STENO_NODE_IMAGE | 1u << STENO_NODE_QUOTE | 1u << STENO_NODE_DATELINE)
static inline int node_is_container(steno_node_type type)
{
	return (unsigned)type < 32 && (NODE_CONTAINERS >> type & 1);
}
int type_is_block(steno_node_type type);
int type_is_inline(steno_node_type type);

static inline steno_doc *node_doc(const steno_node *n)
{
	return (steno_doc *)(void *)((char *)pool_of(n) - offsetof(steno_doc, pool));
}

static inline steno_node *node_parent(const steno_node *n)
{
	return pool_at(n, n->parent_ref);
}

static inline steno_node *node_next(const steno_node *n)
{
	return pool_at(n, n->next_ref);
}

static inline steno_node *node_first(const steno_node *n)
{
	return node_is_container(n->type) ? pool_at(n, n->first_ref) : NULL;
}

/* The sibling before n, NULL for a first child. */
static inline steno_node *node_prev(const steno_node *n)
{
	steno_node *parent = node_parent(n);
	return parent && parent->first_ref == pool_ref(n) ? NULL : pool_at(n, n->prev_ref);
}

/* The last child of n, or NULL. */
static inline steno_node *node_last(const steno_node *n)
{
	steno_node *first = node_first(n);
	return first ? pool_at(first, first->prev_ref) : NULL;
}

/* Which types hold a literal (lit and lit_len). */
#define NODE_LITERALS                                                                     \
	(1u << STENO_NODE_TEXT | 1u << STENO_NODE_CODE | 1u << STENO_NODE_CODE_BLOCK |          \
	 1u << STENO_NODE_RAW_BLOCK | 1u << STENO_NODE_RAW_INLINE | 1u << STENO_NODE_EVENT |    \
	 1u << STENO_NODE_TIME)
static inline int node_has_literal(steno_node_type type)
{
	return (unsigned)type < 32 && (NODE_LITERALS >> type & 1);
}

/* The types that keep their attributes in the node (attrs). */
#define NODE_OWN_ATTRS                                                                    \
	(1u << STENO_NODE_SECTION | 1u << STENO_NODE_HEADING | 1u << STENO_NODE_TURN |          \
	 1u << STENO_NODE_LIST | 1u << STENO_NODE_NOTE | 1u << STENO_NODE_LINK |                \
	 1u << STENO_NODE_IMAGE | 1u << STENO_NODE_QUOTE | 1u << STENO_NODE_DATELINE)
static inline int node_owns_attrs(steno_node_type type)
{
	return (unsigned)type < 32 && (NODE_OWN_ATTRS >> type & 1);
}

/* n's literal, "" for a type without one. */
static inline const char *node_literal(const steno_node *n)
{
	return node_has_literal(n->type) ? n->lit : "";
}

static inline size_t node_len(const steno_node *n)
{
	return node_has_literal(n->type) ? n->lit_len : 0;
}

/* Point n's literal at s[0..len), which lasts as long as n's document
 * (len at most NODE_MAX_LEN); nothing for a type without a literal. */
static inline void node_set_literal(steno_node *n, const char *s, size_t len)
{
	if (node_has_literal(n->type)) {
		n->lit = s;
		n->lit_len = (uint32_t)len;
	}
}

/* Whether n's end and id are its fields (as.cue). */
static inline int node_is_cue(const steno_node *n)
{
	return (n->flags & (NODE_CUE | NODE_CUE_LISTED)) == NODE_CUE;
}

/* Room for a cue's attributes while they are read. */
typedef struct node_attr_buf {
	attr cue[2];
	char end[SINK_INT_CHARS + 1];
} node_attr_buf;
/* The attributes of n, in order: a cue's end and id, put in buf, before
 * its own list.  What is in buf lasts as long as buf, the rest as n. */
const attr *node_attrs(const steno_node *n, node_attr_buf *buf);
/* Whether n has an attribute. */
int node_has_attrs(const steno_node *n);
/* The head of n's own list of attributes (after a cue's), made empty
 * the first time; NULL on no memory.  It lives in the arena, so it
 * stays where it is while the table of them grows. */
attr **node_attr_list(steno_node *n);
/* attr_set_kept on n's own list. */
steno_status node_set_attr_kept(steno_node *n, const char *name, const char *value);
/* Make list (in n's document's arena) all of n's own attributes. */
steno_status node_set_attrs(steno_node *n, attr *list);
/* A caption's time of start, with the attributes end (in milliseconds)
 * and id that every cue has; id is kept, not copied (it must last as
 * long as doc), and may be NULL.  Appended to parent, which may be
 * NULL. */
steno_node *node_add_cue(steno_doc *doc, steno_node *parent, int64_t start, int64_t end,
                         const char *id);

/* n, unlinked and referred to from nowhere, is done with: while its
 * document is being parsed, the next node of its size may reuse it.
 * Only for nodes the library made in this parse (a pass's own pieces,
 * a reader's), never one an embedder may hold. */
void node_discard(steno_node *n);

/* Append child to parent without checks: for readers and passes, which
 * build trees they know to be valid. */
void node_append(steno_node *parent, steno_node *child);
/* c's children from n on, taken off c as one chain that keeps its own
 * links (and its parent), so that those before n stay where they are;
 * node_append_chain puts such a chain, from..last, back after c's
 * children as they are then. */
void node_detach_from(steno_node *c, steno_node *n);
void node_append_chain(steno_node *c, steno_node *from, steno_node *last);
/* Insert node after sibling, unchecked. */
void node_insert_after(steno_node *sibling, steno_node *node);
/* The DOCUMENT node a new document starts with. */
steno_node *node_new_root(steno_doc *doc);
/* A new node appended to parent (parent may be NULL); NULL on no memory. */
steno_node *node_add(steno_doc *doc, steno_node *parent, steno_node_type type);
/* A TEXT node holding a copy of s[0..len), appended to parent. */
steno_node *node_add_text(steno_doc *doc, steno_node *parent, const char *s, size_t len);
/* A TEXT node over s[0..len) itself, appended to parent: s is a buffer
 * the document owns (its decoded input), and s[len] becomes a NUL. */
steno_node *node_add_text_in(steno_doc *doc, steno_node *parent, char *s, size_t len);

/* A new empty document that records source positions or not. */
steno_doc *doc_new(int positions);

/* n's source positions, or NULL when its document records none. */
node_pos *node_pos_of(const steno_node *n);
/* Give to the positions of from (both of one document). */
void node_copy_pos(steno_node *to, const steno_node *from);

/* Record a warning on doc (printf-style); a failure to allocate is
 * ignored: a warning is never worth failing a conversion. */
void doc_warn(steno_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set name to value in an ordered attribute list (copies both). */
steno_status attr_set(steno_doc *doc, attr **list, const char *name, const char *value);
/* The same without copies, for a reader that sets the same names on
 * many nodes: name and value must last as long as doc (literals, its
 * arena, the input it keeps).  Copies were a fifth of the memory of a
 * caption's time node. */
steno_status attr_set_kept(steno_doc *doc, attr **list, const char *name, const char *value);

void attr_list_open(attr_list *l, attr **head);
/* As attr_set, in O(1) on average. */
steno_status attr_list_set(steno_doc *doc, attr_list *l, const char *name, const char *value);
/* The record named name, or NULL. */
attr *attr_list_find(const attr_list *l, const char *name);
/* Free the index; the list stays. */
void attr_list_close(attr_list *l);
const attr *attr_at(const attr *list, size_t i);
size_t attr_count(const attr *list);

#endif
