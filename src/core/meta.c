/* meta.c - document metadata (ordered key/value) and the speaker table. */
#include <stdlib.h>
#include <string.h>

#include "core/grow.h"
#include "core/hash.h"
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

/* The slot of id in the index: where it is, or the empty slot it would
 * go.  Hostile documents bring hundreds of thousands of ids, so lookups
 * must not be linear. */
static size_t index_slot(const steno_doc *doc, const char *id)
{
	size_t mask = doc->speaker_index_cap - 1;
	size_t i = (size_t)hash_bytes(id, strlen(id)) & mask;
	while (doc->speaker_index[i] &&
	       strcmp(doc->speakers[doc->speaker_index[i] - 1].id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Keep the index at most half full, rebuilding it when it grows. */
static int index_reserve(steno_doc *doc, size_t count)
{
	if (count * 2 <= doc->speaker_index_cap)
		return 0;
	size_t cap = doc->speaker_index_cap ? doc->speaker_index_cap * 2 : 16;
	while (count * 2 > cap)
		cap *= 2;
	size_t *index = calloc(cap, sizeof *index);
	if (!index)
		return -1;
	free(doc->speaker_index);
	doc->speaker_index = index;
	doc->speaker_index_cap = cap;
	for (size_t k = 0; k < doc->speaker_count; k++)
		doc->speaker_index[index_slot(doc, doc->speakers[k].id)] = k + 1;
	return 0;
}

size_t steno_speaker_find(const steno_doc *doc, const char *id)
{
	if (!doc || !id || !doc->speaker_index_cap)
		return (size_t)-1;
	size_t at = doc->speaker_index[index_slot(doc, id)];
	return at ? at - 1 : (size_t)-1;
}


static speaker *speaker_add(steno_doc *doc, const char *id)
{
	if (index_reserve(doc, doc->speaker_count + 1) < 0)
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
	doc->speaker_index[index_slot(doc, copy)] = doc->speaker_count;
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
