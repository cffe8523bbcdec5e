/* grow.h - growing malloc'd arrays, the one way steno does it. */
#ifndef STENO_GROW_H
#define STENO_GROW_H

#include <stddef.h>

/* p, an array with room for *cap elements of size bytes, reallocated to
 * hold at least need (> 0) of them.  The room at least doubles, so n
 * appends cost O(n) copying in all.  Returns the array, *cap updated;
 * NULL when the size would overflow or memory is short, p then
 * untouched and still the caller's. */
void *grow_array(void *p, size_t *cap, size_t need, size_t size);

#endif
