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

static inline uint64_t swar_load(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof x);
	return x;
}

#endif
