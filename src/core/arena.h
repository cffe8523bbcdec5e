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
/* Count size more bytes against the limit: 0, or -1 (and over_limit
 * set) when they would pass it.  For memory a document takes outside
 * the blocks, as its node pool's. */
int arena_charge(arena *a, size_t size);
/* ARENA_MAP_ALIGN is both the largest alignment a block needs and the
 * huge page the kernel may back a big one with. */
#define ARENA_MAP_ALIGN ((size_t)2 << 20)
/* len zeroed bytes at a multiple of ARENA_MAP_ALIGN, which the kernel
 * backs only as they are touched; NULL on no memory.  Free them with
 * arena_unmap and the same len. */
void *arena_map(size_t len);
void arena_unmap(void *p, size_t len);
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
