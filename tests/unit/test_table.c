/* test_table.c - the one hash table: keys that share a hash stay
 * apart, growth keeps every entry, a hash-only table is a set. */
#include <stdio.h>
#include <stdlib.h>

#include "core/table.h"
#include "unit.h"

#define KEYS 5000

static char names[KEYS][16];

static int same(uintptr_t entry, const void *key, const void *ctx)
{
	(void)ctx;
	return strcmp(names[entry - 1], key) == 0;
}

/* A poor hash, so that every slot chain holds keys of equal hash. */
static uint64_t poor(const char *s)
{
	return hash_bytes(s, strlen(s)) % 97;
}

void test_table(void)
{
	table t = {0};
	CHECK(table_find(&t, 1, same, "x", NULL) == NULL);
	CHECK(table_get(&t, 1, same, "x", NULL) == 0);
	int ok = 1;
	for (size_t i = 0; i < KEYS && ok; i++) {
		snprintf(names[i], sizeof names[i], "k%zu", i);
		ok = table_reserve(&t) == 0;
		table_slot *slot = ok ? table_find(&t, poor(names[i]), same, names[i], NULL) : NULL;
		ok = slot && !slot->entry;
		if (ok)
			table_fill(&t, slot, poor(names[i]), i + 1);
	}
	CHECK(ok);
	CHECK(t.count == KEYS);
	CHECK(t.cap >= 2 * KEYS && (t.cap & (t.cap - 1)) == 0);
	size_t found = 0;
	for (size_t i = 0; i < KEYS; i++)
		found += table_get(&t, poor(names[i]), same, names[i], NULL) == i + 1;
	CHECK(found == KEYS);
	CHECK(table_get(&t, poor("absent"), same, "absent", NULL) == 0);
	table_free(&t);
	CHECK(t.slots == NULL && t.cap == 0 && t.count == 0);

	/* by hash alone: a hash put once is there, others are not */
	table set = {0};
	for (uint64_t h = 0; h < 300; h += 3) {
		ok = table_reserve(&set) == 0 && ok;
		table_fill(&set, table_find(&set, h, NULL, NULL, NULL), h, 1);
	}
	size_t members = 0;
	for (uint64_t h = 0; h < 300; h++)
		members += table_get(&set, h, NULL, NULL, NULL) != 0;
	CHECK(ok && members == 100);
	table_free(&set);
}
