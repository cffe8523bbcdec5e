/* hash.h - the one string hash of steno's tables. */
#ifndef STENO_HASH_H
#define STENO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED UINT64_C(0xcbf29ce484222325)

/* One byte more into h, for a hash taken in pieces (from HASH_SEED). */
static inline uint64_t hash_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * UINT64_C(0x100000001b3);
}

/* FNV-1a over s[0..len): tables of names, ids and stems are keyed by
 * short strings, where it is fast and spreads well. */
static inline uint64_t hash_bytes(const void *s, size_t len)
{
	const unsigned char *p = s;
	uint64_t h = HASH_SEED;
	for (size_t i = 0; i < len; i++)
		h = hash_byte(h, p[i]);
	return h;
}

#endif
