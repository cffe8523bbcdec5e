/* arena.c - bump allocation in growing blocks; one free for a document. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS and madvise, where the system has them */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Small documents stay in one block; big ones grow to blocks of one
 * huge page (2 MiB with its header), so the per-block overhead vanishes
 * and the kernel can back each block with a single page: filling 4 KiB
 * pages one fault at a time was a fifth of the time of converting a
 * large XML file. */
#define ARENA_FIRST_BLOCK 4096
#define HUGE_PAGE ARENA_MAP_ALIGN
#define ARENA_MAX_BLOCK (HUGE_PAGE - sizeof(arena_block))
/* Pointers and 64-bit integers are the most any object steno keeps in
 * an arena needs; malloc's 16 would make each attribute record (three
 * pointers) a third bigger. */
#define ARENA_ALIGN 8

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t mapped; /* bytes mapped for the block, 0 when malloc'd */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_adopted {
	struct arena_adopted *next;
	void *ptr;
};

#if defined(MAP_ANONYMOUS) && defined(MADV_HUGEPAGE)
void *arena_map(size_t len)
{
	if (len > SIZE_MAX - 2 * HUGE_PAGE)
		return NULL;
	char *m = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	               -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *at = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (at > m)
		munmap(m, (size_t)(at - m));
	if (m + HUGE_PAGE > at)
		munmap(at + len, (size_t)(m + HUGE_PAGE - at));
	if (len >= HUGE_PAGE)
		madvise(at, len, MADV_HUGEPAGE); /* only advice: a refusal costs speed, not memory */
	return at;
}

void arena_unmap(void *p, size_t len)
{
	munmap(p, len);
}

/* A zeroed block of whole huge pages, aligned to one so that a kernel
 * that gives huge pages on request (madvise) can; NULL when the system
 * will not map it, and the caller falls back to calloc. */
static arena_block *block_map(size_t size)
{
	if (size > SIZE_MAX - sizeof(arena_block) - 2 * HUGE_PAGE)
		return NULL;
	size_t len = (sizeof(arena_block) + size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	arena_block *b = arena_map(len);
	if (!b)
		return NULL;
	b->mapped = len;
	b->size = len - sizeof(arena_block);
	return b;
}

static void block_free(arena_block *b)
{
	if (b->mapped)
		munmap(b, b->mapped);
	else
		free(b);
}
#else
void *arena_map(size_t len)
{
	if (len > SIZE_MAX - HUGE_PAGE)
		return NULL;
	len = (len + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); /* as aligned_alloc asks */
	void *p = aligned_alloc(HUGE_PAGE, len);
	if (p)
		memset(p, 0, len);
	return p;
}

void arena_unmap(void *p, size_t len)
{
	(void)len;
	free(p);
}

static arena_block *block_map(size_t size)
{
	(void)size;
	return NULL;
}

static void block_free(arena_block *b)
{
	free(b);
}
#endif

void arena_init(arena *a)
{
	memset(a, 0, sizeof *a);
}

void arena_set_limit(arena *a, size_t limit)
{
	a->limit = limit;
}

void arena_release(arena *a)
{
	for (struct arena_adopted *d = a->adopted; d; d = d->next)
		free(d->ptr);
	a->adopted = NULL; /* the records themselves live in the blocks */
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		block_free(b);
		b = next;
	}
	size_t limit = a->limit;
	arena_init(a);
	a->limit = limit;
}

int arena_charge(arena *a, size_t size)
{
	if (a->limit && (a->total > a->limit || size > a->limit - a->total)) {
		a->over_limit = 1;
		return -1;
	}
	a->total += size;
	return 0;
}

static int arena_grow(arena *a, size_t len)
{
	/* doubling up to the usual largest: a block made for one huge
	 * allocation may be far beyond it, and doubling that would wrap */
	size_t size = !a->head                           ? ARENA_FIRST_BLOCK
	              : a->head->size > ARENA_MAX_BLOCK / 2 ? ARENA_MAX_BLOCK
	                                                    : a->head->size * 2;
	if (size < len)
		size = len;
	if (size > SIZE_MAX - sizeof(arena_block))
		return -1;
	if (arena_charge(a, size) < 0)
		return -1;
	/* Both come zeroed (calloc gets fresh pages zeroed from the kernel),
	 * so arena_alloc need not clear them a second time. */
	arena_block *b = size >= ARENA_MAX_BLOCK ? block_map(size) : NULL;
	if (!b) {
		b = calloc(1, sizeof(arena_block) + size);
		if (!b) {
			a->total -= size;
			return -1;
		}
		b->size = size;
	}
	b->next = a->head;
	a->head = b;
	a->used = 0;
	return 0;
}

/* len bytes at the next multiple of align in the head block, or at the
 * start of a new one. */
static void *arena_take(arena *a, size_t len, size_t align)
{
	size_t at = a->head ? (a->used + align - 1) & ~(align - 1) : 0;
	if (!a->head || at > a->head->size || a->head->size - at < len) {
		if (arena_grow(a, len) < 0)
			return NULL;
		at = 0;
	}
	a->used = at + len;
	return a->head->data + at;
}

void *arena_alloc(arena *a, size_t len)
{
	if (len > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	return arena_take(a, len, ARENA_ALIGN);
}

/* Strings need no alignment: packing them byte to byte saves a large
 * document the eight bytes on average that rounding each up to
 * ARENA_ALIGN would cost. */
char *arena_strndup(arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_take(a, len + 1, 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_adopt(arena *a, void *p)
{
	struct arena_adopted *d = arena_alloc(a, sizeof *d);
	if (!d) {
		free(p);
		return NULL;
	}
	d->ptr = p;
	d->next = a->adopted;
	a->adopted = d;
	return p;
}
