/* doc.c - a document's life: creation, warnings, freeing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/node.h"

steno_doc *doc_new(int positions)
{
	steno_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return NULL;
	arena_init(&doc->arena);
	attr_list_open(&doc->meta_list, &doc->meta);
	doc->positions = positions;
	doc->root = node_new_root(doc);
	if (!doc->root) {
		pool_release(&doc->pool);
		arena_release(&doc->arena);
		free(doc);
		return NULL;
	}
	return doc;
}

void steno_doc_free(steno_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->warning_count; i++)
		free(doc->warnings[i]);
	free(doc->warnings);
	free(doc->speakers);
	table_free(&doc->speaker_index);
	table_free(&doc->node_attrs);
	attr_list_close(&doc->meta_list);
	pool_release(&doc->pool);
	arena_release(&doc->arena);
	free(doc);
}

/* A document an embedder builds records positions: it may set them. */
steno_doc *steno_doc_new(void)
{
	return doc_new(1);
}

steno_node *steno_doc_root(const steno_doc *doc)
{
	return doc ? doc->root : NULL;
}

size_t steno_doc_warning_count(const steno_doc *doc)
{
	return doc ? doc->warning_count : 0;
}

const char *steno_doc_warning(const steno_doc *doc, size_t i)
{
	return doc && i < doc->warning_count ? doc->warnings[i] : NULL;
}

/* A hostile input could warn once per byte; past this many the rest
 * are dropped, the count of dropped ones kept in the last. */
#define MAX_WARNINGS 100

void doc_warn(steno_doc *doc, const char *fmt, ...)
{
	if (doc->warning_count >= MAX_WARNINGS)
		return;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (doc->warning_count == MAX_WARNINGS - 1)
		snprintf(buf, sizeof buf, "too many warnings; the rest are not shown");
	char **grown = realloc(doc->warnings, (doc->warning_count + 1) * sizeof *grown);
	if (!grown)
		return;
	doc->warnings = grown;
	size_t n = strlen(buf) + 1;
	char *copy = malloc(n);
	if (!copy)
		return;
	memcpy(copy, buf, n);
	doc->warnings[doc->warning_count++] = copy;
}
