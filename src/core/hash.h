/* hash.h - the one string hash of steno's tables. */
#ifndef STENO_HASH_H
#define STENO_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over s[0..len): tables of names, ids and stems are keyed by
 * short strings, where it is fast and spreads well. */
static inline uint64_t hash_bytes(const void *s, size_t len)
{
	const unsigned char *p = s;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

#endif
