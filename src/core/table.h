/* table.h - the one hash table of steno: an open-addressed index from a
 * key's hash to an entry the caller keeps (a pointer or an index), so
 * each table (XML ids, speakers, attribute names, transcript labels, ZIP
 * names, archive stems) writes only how its keys compare. */
#ifndef STENO_TABLE_H
#define STENO_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"

typedef struct table_slot {
	uint64_t hash;   /* kept, so growing never hashes a key again */
	uintptr_t entry; /* the caller's; 0 marks an empty slot */
} table_slot;

typedef struct table {
	table_slot *slots;
	size_t count, cap; /* cap is 0 or a power of two, at most half used */
} table;

/* Is entry the one whose key is key?  A table whose hash is its key
 * (a collision then only refuses a name) passes NULL. */
typedef int (*table_same)(uintptr_t entry, const void *key, const void *ctx);

/* Room for one more entry; -1 on no memory.  Growing moves every slot:
 * find a slot after reserving, and keep none across a reserve. */
int table_reserve(table *t);
void table_free(table *t);

/* The slot of key (whose hash is hash) in t, or the empty slot it would
 * take; NULL while t has no slots.  Inline, so that the compiler sees
 * the caller's same and a lookup costs no call. */
static inline table_slot *table_find(const table *t, uint64_t hash, table_same same,
                                     const void *key, const void *ctx)
{
	if (!t->cap)
		return NULL;
	size_t i = (size_t)hash & (t->cap - 1);
	while (t->slots[i].entry &&
	       (t->slots[i].hash != hash || (same && !same(t->slots[i].entry, key, ctx))))
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

/* The entry of key, or 0. */
static inline uintptr_t table_get(const table *t, uint64_t hash, table_same same,
                                  const void *key, const void *ctx)
{
	const table_slot *s = table_find(t, hash, same, key, ctx);
	return s ? s->entry : 0;
}

/* Put entry (not 0) in the empty slot table_find gave for hash. */
static inline void table_fill(table *t, table_slot *slot, uint64_t hash, uintptr_t entry)
{
	slot->hash = hash;
	slot->entry = entry;
	t->count++;
}

#endif
