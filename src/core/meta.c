/* meta.c - document metadata (ordered key/value) and the speaker table. */
#include <stdlib.h>
#include <string.h>

#include "core/grow.h"
#include "core/table.h"
#include "core/node.h"

steno_status steno_meta_set(steno_doc *doc, const char *key, const char *value)
{
	if (!doc)
		return STENO_ERR_ARG;
	return attr_list_set(doc, &doc->meta_list, key, value);
}

const char *steno_meta_get(const steno_doc *doc, const char *key)
{
	const attr *a = doc && key ? attr_list_find(&doc->meta_list, key) : NULL;
	return a ? a->value : NULL;
}

size_t steno_meta_count(const steno_doc *doc)
{
	return doc ? doc->meta_list.count : 0;
}

const char *steno_meta_key(const steno_doc *doc, size_t i)
{
	const attr *a = doc ? attr_at(doc->meta, i) : NULL;
	return a ? a->name : NULL;
}

const char *steno_meta_value(const steno_doc *doc, size_t i)
{
	const attr *a = doc ? attr_at(doc->meta, i) : NULL;
	return a ? a->value : NULL;
}

/* Speakers */

/* Hostile documents bring hundreds of thousands of ids, so lookups
 * must not be linear: ids are indexed, entry = speaker index + 1. */
static int same_id(uintptr_t entry, const void *id, const void *doc)
{
	return strcmp(((const steno_doc *)doc)->speakers[entry - 1].id, id) == 0;
}

size_t steno_speaker_find(const steno_doc *doc, const char *id)
{
	if (!doc || !id)
		return (size_t)-1;
	uintptr_t at = table_get(&doc->speaker_index, hash_bytes(id, strlen(id)), same_id, id, doc);
	return at ? at - 1 : (size_t)-1;
}

static speaker *speaker_add(steno_doc *doc, const char *id)
{
	if (table_reserve(&doc->speaker_index) < 0)
		return NULL;
	speaker *grown = grow_array(doc->speakers, &doc->speaker_cap, doc->speaker_count + 1,
	                            sizeof *grown);
	if (!grown)
		return NULL;
	doc->speakers = grown;
	const char *copy = arena_strdup(&doc->arena, id);
	if (!copy)
		return NULL;
	speaker *s = &doc->speakers[doc->speaker_count++];
	memset(s, 0, sizeof *s);
	s->id = copy;
	uint64_t h = hash_bytes(copy, strlen(copy));
	table_fill(&doc->speaker_index, table_find(&doc->speaker_index, h, same_id, copy, doc), h,
	           doc->speaker_count);
	return s;
}

steno_status steno_speaker_set(steno_doc *doc, const char *id, const char *name,
                               const char *role)
{
	if (!doc || !id || !*id)
		return STENO_ERR_ARG;
	size_t i = steno_speaker_find(doc, id);
	speaker *s = i == (size_t)-1 ? speaker_add(doc, id) : &doc->speakers[i];
	if (!s)
		return STENO_ERR_NOMEM;
	if (name && !(s->name = arena_strdup(&doc->arena, name)))
		return STENO_ERR_NOMEM;
	if (role && !(s->role = arena_strdup(&doc->arena, role)))
		return STENO_ERR_NOMEM;
	return STENO_OK;
}

steno_status steno_speaker_set_attr(steno_doc *doc, const char *id, const char *name,
                                    const char *value)
{
	size_t i = steno_speaker_find(doc, id);
	if (i == (size_t)-1)
		return STENO_ERR_ARG;
	return attr_set(doc, &doc->speakers[i].attrs, name, value);
}

size_t steno_speaker_count(const steno_doc *doc)
{
	return doc ? doc->speaker_count : 0;
}

static const speaker *speaker_at(const steno_doc *doc, size_t i)
{
	return doc && i < doc->speaker_count ? &doc->speakers[i] : NULL;
}

const char *steno_speaker_id(const steno_doc *doc, size_t i)
{
	const speaker *s = speaker_at(doc, i);
	return s ? s->id : NULL;
}

const char *steno_speaker_name(const steno_doc *doc, size_t i)
{
	const speaker *s = speaker_at(doc, i);
	return s ? s->name : NULL;
}

const char *steno_speaker_role(const steno_doc *doc, size_t i)
{
	const speaker *s = speaker_at(doc, i);
	return s ? s->role : NULL;
}

size_t steno_speaker_attr_count(const steno_doc *doc, size_t i)
{
	const speaker *s = speaker_at(doc, i);
	return s ? attr_count(s->attrs) : 0;
}

const char *steno_speaker_attr_name(const steno_doc *doc, size_t i, size_t k)
{
	const speaker *s = speaker_at(doc, i);
	const attr *a = s ? attr_at(s->attrs, k) : NULL;
	return a ? a->name : NULL;
}

const char *steno_speaker_attr_value(const steno_doc *doc, size_t i, size_t k)
{
	const speaker *s = speaker_at(doc, i);
	const attr *a = s ? attr_at(s->attrs, k) : NULL;
	return a ? a->value : NULL;
}
