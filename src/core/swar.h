/* swar.h - eight bytes at a time: the word tests the hot scanning loops
 * (UTF-8 decoding, HTML and JSON escaping) share. */
#ifndef STENO_SWAR_H
#define STENO_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES  UINT64_C(0x0101010101010101)
#define SWAR_HIGHS UINT64_C(0x8080808080808080)

/* Some byte of x is zero / less than n (n <= 128) / equal to c.  Zero
 * and equal are exact for any bytes (a false flag can only stand above a
 * true one); less is exact when no byte has its high bit set, which
 * callers test first or too. */
#define SWAR_HAS_ZERO(x)    (((x) - SWAR_ONES) & ~(x) & SWAR_HIGHS)
#define SWAR_HAS_LESS(x, n) (((x) - SWAR_ONES * (n)) & ~(x) & SWAR_HIGHS)
#define SWAR_HAS_BYTE(x, c) SWAR_HAS_ZERO((x) ^ (SWAR_ONES * (uint8_t)(c)))

/* The bytes of x equal to c, each flagged by its high bit.  Exact, as
 * SWAR_HAS_BYTE is not, so that every flag can be trusted. */
static inline uint64_t swar_eq(uint64_t x, uint8_t c)
{
	uint64_t y = x ^ (SWAR_ONES * c);
	return ~(((y & ~SWAR_HIGHS) + ~SWAR_HIGHS) | y) & SWAR_HIGHS;
}

/* Of the eight bytes loaded as flags (swar_load), flagged by their
 * high bits and not all clear: the first one's index in memory. */
static inline size_t swar_first(uint64_t flags)
{
	const uint16_t one = 1;
	unsigned char low;
	memcpy(&low, &one, 1);
	if (low) /* little-endian: the bytes below the lowest flag, summed */
		return (size_t)(((((flags & (0 - flags)) - 1) & SWAR_HIGHS) >> 7) * SWAR_ONES >> 56);
	size_t i = 0;
	for (; !(flags >> 63); flags <<= 8)
		i++;
	return i;
}

static inline uint64_t swar_load(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof x);
	return x;
}

#endif
