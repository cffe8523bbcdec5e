/* tree.c - the builder the XML readers share: mixed content into
 * steno's blocks and inlines, with XML's whitespace rules for prose.
 *
 * XML puts text anywhere: between blocks, inside a turn without a
 * paragraph, mid-sentence around a note.  The builder keeps three
 * pointers (the block container, the open paragraph, the inline
 * container inside it) and every element's frame saves them, so
 * closing an element puts the builder back where it was; text that
 * arrives at block level opens a paragraph of its own. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/table.h"
#include "core/swar.h"
#include "core/wordlist.h"
#include "xml/xml.h"

int xml_buf_add(xml_buf *b, const char *s, size_t len)
{
	if (len >= SIZE_MAX - b->len)
		return -1;
	char *grown = grow_array(b->s, &b->cap, b->len + len + 1, 1); /* and the NUL */
	if (!grown)
		return -1;
	b->s = grown;
	if (s) { /* NULL only reserves room */
		memcpy(b->s + b->len, s, len);
		b->len += len;
		b->s[b->len] = '\0';
	}
	return 0;
}

void xml_buf_free(xml_buf *b)
{
	free(b->s);
	*b = (xml_buf){0};
}

/* ---- the map ---- */

/* ParlaMint puts an id on every utterance and segment, and hostile
 * documents can bring millions: keys are indexed, entry = the pair's
 * index + 1. */
static int same_key(uintptr_t entry, const void *key, const void *m)
{
	const xml_map *map = m;
	return strcmp(map->keys.s + map->pairs[entry - 1].key, key) == 0;
}

static uintptr_t map_find(const xml_map *m, const char *key, uint64_t h)
{
	return table_get(&m->index, h, same_key, key, m);
}

int xml_map_get(const xml_map *m, const char *key, int64_t *value)
{
	uintptr_t at = key ? map_find(m, key, hash_bytes(key, strlen(key))) : 0;
	if (at && value)
		*value = m->pairs[at - 1].value;
	return at != 0;
}

int xml_map_put(xml_map *m, const char *key, int64_t value)
{
	uint64_t h = hash_bytes(key, strlen(key));
	uintptr_t at = map_find(m, key, h);
	if (!at) {
		xml_map_pair *pairs = grow_array(m->pairs, &m->pair_cap, m->index.count + 1, sizeof *pairs);
		if (!pairs)
			return -1;
		m->pairs = pairs;
		if (table_reserve(&m->index) < 0)
			return -1;
		size_t offset = m->keys.len;
		if (xml_buf_add(&m->keys, key, strlen(key) + 1) < 0)
			return -1;
		pairs[m->index.count].key = offset;
		at = m->index.count + 1;
		table_fill(&m->index, table_find(&m->index, h, same_key, key, m), h, at);
	}
	m->pairs[at - 1].value = value;
	return 0;
}

void xml_map_free(xml_map *m)
{
	xml_buf_free(&m->keys);
	free(m->pairs);
	table_free(&m->index);
	*m = (xml_map){0};
}

/* A repeated id's value is the suffix to try next, so that a thousand
 * repeats of one id do not each try every suffix from -2 up. */
int xml_map_take_id(xml_map *m, const char *id, xml_buf *out, const char **name)
{
	int64_t next;
	*name = id;
	if (!xml_map_get(m, id, &next))
		return xml_map_put(m, id, 2);
	for (next = next < 2 ? 2 : next;; next++) {
		char suffix[24];
		int n = snprintf(suffix, sizeof suffix, "-%lld", (long long)next);
		out->len = 0;
		if (xml_buf_add(out, id, strlen(id)) < 0 || xml_buf_add(out, suffix, (size_t)n) < 0)
			return -1;
		if (!xml_map_get(m, out->s, NULL))
			break;
	}
	if (xml_map_put(m, id, next + 1) < 0 || xml_map_put(m, out->s, 2) < 0)
		return -1;
	*name = out->s;
	return 1;
}

#define NAMED_REPEATS 20

void xml_warn_repeat(steno_doc *doc, size_t *count, const char *what, int line, int col,
                     const char *id, const char *name)
{
	if (++*count <= NAMED_REPEATS)
		doc_warn(doc, "%d:%d: %s '%.80s' is used before: this one is read as '%.90s'", line,
		         col, what, id, name);
}

void xml_warn_repeats_left(steno_doc *doc, size_t count, const char *what)
{
	if (count > NAMED_REPEATS)
		doc_warn(doc, "%zu more repeated %s values renamed", count - NAMED_REPEATS, what);
}

void xml_tree_init(xml_tree *t, steno_doc *doc, const steno_options *opts)
{
	*t = (xml_tree){.doc = doc, .block = steno_doc_root(doc)};
	t->sourcepos = opts && opts->sourcepos;
}

void xml_tree_free(xml_tree *t)
{
	xml_buf_free(&t->text);
	xml_buf_free(&t->cap);
	free(t->frames);
}

static steno_status nomem(void)
{
	return STENO_ERR_NOMEM;
}

static steno_status flush_text(xml_tree *t)
{
	if (!t->text.len || !t->para)
		return STENO_OK;
	steno_node *n = node_add_text(t->doc, t->inl, t->text.s, t->text.len);
	t->text.len = 0;
	return n ? STENO_OK : nomem();
}

static void close_para(xml_tree *t)
{
	flush_text(t);
	t->para = t->inl = NULL;
	t->space = t->started = 0;
}

/* Anchors held for the next paragraph go to its start. */
static void take_pending(xml_tree *t)
{
	if (!t->pending)
		return;
	steno_node *c;
	while ((c = node_first(t->pending))) {
		steno_node_unlink(c);
		node_append(t->para, c);
	}
}

/* A paragraph (or heading) in the block container; a list takes it
 * inside an item of its own. */
static steno_node *open_para(xml_tree *t, steno_node_type type)
{
	steno_node *parent = t->block;
	if (parent->type == STENO_NODE_LIST && !(parent = node_add(t->doc, parent, STENO_NODE_ITEM)))
		return NULL;
	steno_node *p = node_add(t->doc, parent, type);
	if (!p)
		return NULL;
	t->para = t->inl = p;
	t->started = 0;
	take_pending(t);
	return p;
}

/* Eight bytes that go into the text as they are: words with single
 * spaces between them and no other blank (nor any control byte). */
static int words_plain(const char *s)
{
	uint64_t x = swar_load((const unsigned char *)s);
	uint64_t y = x ^ (SWAR_ONES * ' ');
	/* exactly the spaces, so that two side by side can be told */
	uint64_t sp = ~(((y & ~SWAR_HIGHS) + ~SWAR_HIGHS) | y) & SWAR_HIGHS;
	return !(SWAR_HAS_LESS(x, 0x20) | (sp & (sp << 8)));
}

/* Each run of blanks becomes one space, kept only between words of the
 * same paragraph (or capture).  Text is most of what a transcript is,
 * and most of it is words with single spaces: once a word is down,
 * such text is copied eight bytes at a time, and only the rest goes
 * byte by byte. */
steno_status xml_tree_text(xml_tree *t, const char *s, size_t len)
{
	xml_buf *b = t->capturing ? &t->cap : &t->text;
	if (len == SIZE_MAX || xml_buf_add(b, NULL, len + 1) < 0)
		return nomem();
	char *w = b->s + b->len;
	/* a word is down, so a due space is kept (and a paragraph open) */
	int kept = t->capturing ? w > b->s : t->started && t->para;
	steno_status st = STENO_OK;
	for (size_t i = 0; i < len;) {
		if (kept && len - i >= 8 && words_plain(s + i) && !(t->space && s[i] == ' ')) {
			if (t->space)
				*w++ = ' ';
			memcpy(w, s + i, 8);
			/* a space at the end may be the start of a longer run */
			t->space = s[i + 7] == ' ';
			w += 8 - t->space;
			i += 8;
			continue;
		}
		char c = s[i++];
		if (xml_is_space(c)) {
			t->space = 1;
			continue;
		}
		if (!t->capturing && !t->para) {
			if (!open_para(t, STENO_NODE_PARAGRAPH)) {
				st = nomem();
				break;
			}
			kept = 0;
		}
		if (t->space && kept)
			*w++ = ' ';
		t->space = 0;
		*w++ = c;
		kept = 1;
		t->started |= !t->capturing;
	}
	b->len = (size_t)(w - b->s);
	b->s[b->len] = '\0';
	return st;
}

void xml_tree_space(xml_tree *t)
{
	t->space = 1;
}

/* A space due before an inline node goes before it, not inside it. */
static steno_status before_inline(xml_tree *t)
{
	if (!t->para && !open_para(t, STENO_NODE_PARAGRAPH))
		return nomem();
	if (t->space && t->started && xml_buf_add(&t->text, " ", 1) < 0)
		return nomem();
	t->space = 0;
	return flush_text(t);
}

static void set_pos(xml_tree *t, steno_node *n, const xml_elem *el)
{
	if (t->sourcepos && el && n)
		steno_node_set_sourcepos(n, el->line, el->col, el->line, el->col);
}

xml_tree_frame *xml_tree_push(xml_tree *t, int kind)
{
	xml_tree_frame *grown = grow_array(t->frames, &t->frame_cap, t->depth + 1, sizeof *grown);
	if (!grown)
		return NULL;
	t->frames = grown;
	xml_tree_frame *f = &t->frames[t->depth++];
	*f = (xml_tree_frame){.block = t->block, .para = t->para, .inl = t->inl, .kind = kind};
	return f;
}

xml_tree_frame *xml_tree_top(xml_tree *t)
{
	return t->depth ? &t->frames[t->depth - 1] : NULL;
}

xml_tree_frame *xml_tree_find(xml_tree *t, int kind)
{
	for (size_t i = t->depth; i-- > 0;)
		if (t->frames[i].kind == kind)
			return &t->frames[i];
	return NULL;
}

steno_status xml_tree_pop(xml_tree *t)
{
	if (!t->depth)
		return STENO_OK;
	xml_tree_frame *f = &t->frames[--t->depth];
	if (f->capture)
		t->capturing--;
	steno_node *n = f->node;
	if (!n || !steno_node_type_is_container(n->type))
		return STENO_OK;
	if (type_is_inline(n->type)) {
		steno_status st = flush_text(t);
		t->inl = f->inl ? f->inl : t->para;
		return st;
	}
	/* a block ended the paragraph it was opened in: what follows it
	 * starts a new one */
	close_para(t);
	t->block = f->block;
	return STENO_OK;
}

steno_node *xml_tree_block(xml_tree *t, xml_tree_frame *f, steno_node_type type,
                           const xml_elem *el)
{
	close_para(t);
	steno_node *n;
	if (type == STENO_NODE_PARAGRAPH || type == STENO_NODE_HEADING) {
		n = open_para(t, type);
	} else {
		steno_node *parent = t->block;
		if (type == STENO_NODE_ITEM && parent->type != STENO_NODE_LIST)
			parent = node_add(t->doc, parent, STENO_NODE_LIST);
		else if (type != STENO_NODE_ITEM && parent->type == STENO_NODE_LIST)
			parent = node_add(t->doc, parent, STENO_NODE_ITEM);
		n = parent ? node_add(t->doc, parent, type) : NULL;
		if (n)
			t->block = n;
	}
	f->node = n;
	set_pos(t, n, el);
	return n;
}

steno_node *xml_tree_inline(xml_tree *t, xml_tree_frame *f, steno_node_type type,
                            const xml_elem *el)
{
	if (before_inline(t) != STENO_OK)
		return NULL;
	steno_node *n = node_add(t->doc, t->inl, type);
	if (n) {
		t->inl = n;
		t->started = 1;
	}
	f->node = n;
	set_pos(t, n, el);
	return n;
}

steno_node *xml_tree_leaf(xml_tree *t, steno_node_type type, const xml_elem *el)
{
	if (before_inline(t) != STENO_OK)
		return NULL;
	steno_node *n = node_add(t->doc, t->inl, type);
	t->started = 1;
	set_pos(t, n, el);
	return n;
}

steno_status xml_tree_flush(xml_tree *t)
{
	return flush_text(t);
}

void xml_tree_break(xml_tree *t)
{
	close_para(t);
}

steno_node *xml_tree_anchor(xml_tree *t, steno_node_type type, const xml_elem *el)
{
	if (t->para)
		return xml_tree_leaf(t, type, el);
	if (!t->pending && !(t->pending = node_add(t->doc, NULL, STENO_NODE_PARAGRAPH)))
		return NULL;
	steno_node *n = node_add(t->doc, t->pending, type);
	set_pos(t, n, el);
	return n;
}

void xml_tree_capture(xml_tree *t, xml_tree_frame *f)
{
	f->capture = 1;
	if (t->capturing++ == 0) {
		t->cap.len = 0;
		if (t->cap.s)
			t->cap.s[0] = '\0';
	}
	f->cap_start = t->cap.len;
}

const char *xml_tree_captured(xml_tree *t, const xml_tree_frame *f)
{
	if (!t->cap.s || f->cap_start >= t->cap.len)
		return "";
	const char *s = t->cap.s + f->cap_start;
	return *s == ' ' ? s + 1 : s; /* the space before a nested capture's text */
}

int xml_tree_in_para(const xml_tree *t)
{
	return t->para != NULL;
}

int xml_tree_in_inline(const xml_tree *t)
{
	return t->para && t->inl != t->para;
}

steno_status xml_tree_finish(xml_tree *t)
{
	steno_status st = flush_text(t);
	if (st == STENO_OK && t->pending && node_first(t->pending))
		node_append(steno_doc_root(t->doc), t->pending);
	t->pending = NULL;
	return st;
}

steno_status xml_tree_attrs(xml_tree *t, steno_node *n, const xml_elem *el, const char *skip)
{
	steno_status st = STENO_OK;
	if (!el->nattrs)
		return STENO_OK;
	attr **own = node_attr_list(n);
	if (!own)
		return STENO_ERR_NOMEM;
	attr_list list;
	attr_list_open(&list, own);
	for (size_t i = 0; i < el->nattrs && st == STENO_OK; i++)
		if (!wordlist_has(skip, el->attrs[i].name, strlen(el->attrs[i].name), 0))
			st = attr_list_set(t->doc, &list, el->attrs[i].name, el->attrs[i].value);
	attr_list_close(&list);
	return st;
}

/* ---- times ---- */

/* The largest time the readers take, in milliseconds: some 290 000
 * years, with room left to add and multiply without overflow. */
#define TIME_MAX_MS (INT64_MAX / 64)

/* Digits with an optional fraction, as milliseconds times unit_ms;
 * *s is moved past them.  -1 when there are no digits or the time is
 * longer than TIME_MAX_MS. */
static int64_t decimal_ms(const char **s, int64_t unit_ms)
{
	const char *p = *s;
	int64_t whole = 0, frac = 0, scale = 1;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		whole = whole <= TIME_MAX_MS ? whole * 10 + (*p - '0') : whole;
	if (*p == '.' || *p == ',') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (scale < 1000000) {
				frac = frac * 10 + (*p - '0');
				scale *= 10;
			}
	}
	if (!digits || whole > TIME_MAX_MS / unit_ms)
		return -1;
	*s = p;
	return whole * unit_ms + frac * unit_ms / scale;
}

/* ISO 8601 durations as TEI writes them: PT1H2M3.5S. */
static int64_t duration_ms(const char *s)
{
	int64_t total = 0;
	for (s += 2; *s;) {
		const char *e = s;
		while ((*e >= '0' && *e <= '9') || *e == '.' || *e == ',')
			e++;
		int64_t unit = *e == 'H' ? 3600000 : *e == 'M' ? 60000 : *e == 'S' ? 1000 : 0;
		int64_t v = unit ? decimal_ms(&s, unit) : -1;
		if (v < 0 || s != e || v > TIME_MAX_MS - total)
			return STENO_TIME_NONE;
		total += v;
		s = e + 1;
	}
	return total;
}

/* [HH:]MM:SS[.fff], maybe followed by a time zone. */
static int64_t clock_ms(const char *s)
{
	int64_t ms = 0;
	int n = 0;
	for (;;) {
		int64_t v = decimal_ms(&s, 1000);
		if (v < 0 || ++n > 3 || ms > (TIME_MAX_MS - v) / 60)
			return STENO_TIME_NONE;
		ms = ms * 60 + v;
		if (*s != ':')
			break;
		s++;
	}
	if (n < 2 || (*s && *s != '+' && *s != '-' && *s != 'Z'))
		return STENO_TIME_NONE;
	return ms;
}

int64_t xml_parse_ms(const char *s)
{
	if (!s)
		return STENO_TIME_NONE;
	while (xml_is_space(*s))
		s++;
	/* Plain seconds, on every Sync and Turn, are tried first: a string
	 * they take whole holds none of the other forms' letters. */
	const char *e = s;
	int64_t v = decimal_ms(&e, 1000);
	while (xml_is_space(*e))
		e++;
	if (v >= 0 && (!*e || strcmp(e, "s") == 0))
		return v;
	if (s[0] == 'P' && s[1] == 'T')
		return duration_ms(s);
	const char *t = strchr(s, 'T');
	if (t && t - s == 10 && s[4] == '-') /* a date and a time of day */
		return clock_ms(t + 1);
	if (strchr(s, ':'))
		return clock_ms(s);
	return STENO_TIME_NONE;
}
