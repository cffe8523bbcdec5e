/* table.c - growing the one hash table. */
#include <stdlib.h>

#include "core/table.h"

int table_reserve(table *t)
{
	if ((t->count + 1) * 2 <= t->cap)
		return 0;
	size_t cap = t->cap ? t->cap * 2 : 64;
	table_slot *slots = cap < SIZE_MAX / 2 / sizeof *slots ? calloc(cap, sizeof *slots) : NULL;
	if (!slots)
		return -1;
	table grown = {.slots = slots, .cap = cap, .count = t->count};
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slots[i].entry)
			continue;
		/* an empty slot, not table_find: two keys may share a hash */
		size_t j = (size_t)t->slots[i].hash & (cap - 1);
		while (slots[j].entry)
			j = (j + 1) & (cap - 1);
		slots[j] = t->slots[i];
	}
	free(t->slots);
	*t = grown;
	return 0;
}

void table_free(table *t)
{
	free(t->slots);
	*t = (table){0};
}
