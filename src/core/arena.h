/* arena.h - the bump allocator that owns a document's nodes and strings. */
#ifndef STENO_ARENA_H
#define STENO_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
	arena_block *head; /* the block being filled; older blocks follow */
	size_t used;       /* bytes of head in use */
	size_t total;      /* bytes allocated over all blocks, for limits */
	struct arena_adopted *adopted; /* malloc'd buffers freed on release */
	size_t limit;      /* 0, or the most total may reach */
	int over_limit;    /* an allocation failed because of limit */
} arena;

void arena_init(arena *a);
/* Refuse allocations that would take the arena past limit bytes. */
void arena_set_limit(arena *a, size_t limit);
/* Free every block; the arena is empty and usable again. */
void arena_release(arena *a);
/* len zeroed bytes aligned for pointers and 64-bit integers (not for
 * long double or vector types); NULL on no memory. */
void *arena_alloc(arena *a, size_t len);
/* A NUL-terminated copy of s[0..len); NULL on no memory. */
char *arena_strndup(arena *a, const char *s, size_t len);
/* Make the arena own the malloc'd p (freed on release): a reader can
 * hand its decoded input over and point text nodes into it instead of
 * copying.  Returns p, or NULL (and frees p) on no memory. */
void *arena_adopt(arena *a, void *p);
/* A copy of the NUL-terminated s; NULL when s is NULL or no memory. */
char *arena_strdup(arena *a, const char *s);

#endif
