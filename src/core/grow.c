/* grow.c - growing malloc'd arrays (see grow.h). */
#include <stdint.h>
#include <stdlib.h>

#include "core/grow.h"

/* Few arrays stay this small, and starting here spares the first
 * reallocations of those that grow. */
#define GROW_MIN 16

void *grow_array(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap && p)
		return p;
	size_t n = *cap < GROW_MIN ? GROW_MIN : *cap;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *q = realloc(p, n * size);
	if (!q)
		return NULL;
	*cap = n;
	return q;
}
