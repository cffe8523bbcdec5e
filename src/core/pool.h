/* pool.h - the blocks a document's nodes live in.  Each block starts at
 * a multiple of POOL_ALIGN with a header naming its pool, so a node
 * names another in 32 bits (a block and an 8-byte slot in it) and finds
 * its document without a pointer of its own: links were half of a large
 * tree.  Blocks never move; the table of them grows, so a block's
 * address is looked up at each use, never kept. */
#ifndef STENO_POOL_H
#define STENO_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* Another node of the same pool, or 0 for none: no node sits where a
 * block's header does. */
typedef uint32_t node_ref;

#define POOL_ALIGN ARENA_MAP_ALIGN
#define POOL_SLOT_BITS 18 /* POOL_ALIGN / 8 slots */
#define POOL_SLOT_MASK ((1u << POOL_SLOT_BITS) - 1)
#define POOL_MAX_BLOCKS (1u << (32 - POOL_SLOT_BITS))

typedef struct node_pool {
	unsigned char **blocks; /* malloc'd; blocks[i] is block i's header */
	size_t cap;
	uint32_t count;
	size_t used; /* bytes of the last block in use */
} node_pool;

typedef struct pool_block {
	node_pool *pool;
	uint32_t index;
	uint32_t size; /* bytes mapped, header included */
} pool_block;

/* len zeroed bytes, 8-aligned, in a block of pool, charged to a's
 * limit; NULL on no memory or past the limit. */
void *pool_alloc(node_pool *pool, arena *a, size_t len);
/* Unmap every block; the pool is empty and usable again. */
void pool_release(node_pool *pool);
#if defined(__SANITIZE_ADDRESS__)
#define POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ASAN 1
#endif
#endif

/* Under AddressSanitizer, mark p[0..len) as not to be touched, or as
 * usable again; otherwise nothing.  The pool is mapped memory, which the
 * sanitizer does not watch by itself: a node's bytes past what its type
 * has are marked, and so are POOL_REDZONE bytes after every node, so
 * reading a field its type lacks is caught. */
#ifdef POOL_ASAN
#define POOL_REDZONE 8
#else
#define POOL_REDZONE 0
#endif
void pool_poison(const void *p, size_t len);
void pool_unpoison(const void *p, size_t len);

static inline pool_block *pool_block_of(const void *p)
{
	return (pool_block *)((uintptr_t)p & ~(uintptr_t)(POOL_ALIGN - 1));
}

static inline node_pool *pool_of(const void *p)
{
	return pool_block_of(p)->pool;
}

/* The reference of p, which pool_alloc gave. */
static inline node_ref pool_ref(const void *p)
{
	const pool_block *b = pool_block_of(p);
	return b->index << POOL_SLOT_BITS | (node_ref)(((uintptr_t)p - (uintptr_t)b) >> 3);
}

/* What r refers to in the pool of from, or NULL for 0.  A link mostly
 * stays in its block, which costs no look-up in the table. */
static inline void *pool_at(const void *from, node_ref r)
{
	if (!r)
		return NULL;
	const pool_block *b = pool_block_of(from);
	uint32_t i = r >> POOL_SLOT_BITS;
	unsigned char *base = i == b->index ? (unsigned char *)(uintptr_t)b : b->pool->blocks[i];
	return base + ((size_t)(r & POOL_SLOT_MASK) << 3);
}

#endif
