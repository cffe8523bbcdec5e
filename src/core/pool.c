/* pool.c - bump allocation of nodes in blocks aligned to their size. */
#include "core/pool.h"

#include <stdlib.h>

#ifdef POOL_ASAN
#include <sanitizer/asan_interface.h>
#endif

#include "core/grow.h"

/* Small documents stay in one small block; big ones grow to blocks of
 * POOL_ALIGN, the most a block may hold for its slots to fit in a
 * reference. */
#define POOL_FIRST_BLOCK 4096
#define POOL_HEADER ((sizeof(pool_block) + 7) & ~(size_t)7)

static pool_block *last_block(const node_pool *pool)
{
	return (pool_block *)(void *)pool->blocks[pool->count - 1];
}

static int pool_grow(node_pool *pool, arena *a, size_t len)
{
	size_t size = !pool->count ? POOL_FIRST_BLOCK : (size_t)last_block(pool)->size * 2;
	if (size > POOL_ALIGN)
		size = POOL_ALIGN;
	if (len > POOL_ALIGN - POOL_HEADER || pool->count == POOL_MAX_BLOCKS)
		return -1;
	while (size - POOL_HEADER < len)
		size *= 2;
	if (pool->count == pool->cap) {
		unsigned char **blocks = grow_array(pool->blocks, &pool->cap, pool->cap + 1,
		                                    sizeof *blocks);
		if (!blocks)
			return -1;
		pool->blocks = blocks;
	}
	if (arena_charge(a, size) < 0)
		return -1;
	pool_block *b = arena_map(size);
	if (!b) {
		a->total -= size;
		return -1;
	}
	b->pool = pool;
	b->index = pool->count;
	b->size = (uint32_t)size;
	pool_poison((unsigned char *)b + POOL_HEADER, size - POOL_HEADER);
	pool->blocks[pool->count++] = (unsigned char *)b;
	pool->used = POOL_HEADER;
	return 0;
}

void *pool_alloc(node_pool *pool, arena *a, size_t len)
{
	len = (len + 7) & ~(size_t)7;
	if (!pool->count || last_block(pool)->size - pool->used < len)
		if (pool_grow(pool, a, len) < 0)
			return NULL;
	unsigned char *p = pool->blocks[pool->count - 1] + pool->used;
	pool->used += len;
	pool_unpoison(p, len);
	return p;
}

void pool_release(node_pool *pool)
{
	for (uint32_t i = 0; i < pool->count; i++) {
		size_t size = ((pool_block *)(void *)pool->blocks[i])->size;
		pool_unpoison(pool->blocks[i], size); /* for whatever is mapped there next */
		arena_unmap(pool->blocks[i], size);
	}
	free(pool->blocks);
	*pool = (node_pool){0};
}

void pool_poison(const void *p, size_t len)
{
#ifdef POOL_ASAN
	ASAN_POISON_MEMORY_REGION(p, len);
#else
	(void)p;
	(void)len;
#endif
}

void pool_unpoison(const void *p, size_t len)
{
#ifdef POOL_ASAN
	ASAN_UNPOISON_MEMORY_REGION(p, len);
#else
	(void)p;
	(void)len;
#endif
}
