/* dialog.c - speaker turns learnt from an unknown XML vocabulary's
 * structure (dialog.h).
 *
 * Two conventions name speakers without a vocabulary to say so.  An
 * attribute: <speech by="#roe">, <tier speaker="SPK0">.  Or the
 * elements themselves: <pergunta> and <resposta>, <Q> and <A>, a
 * play's characters, alternating under one parent.  Neither shows in
 * one element, only in how the document repeats itself, so every
 * element that holds text leaves a record and the decision waits for
 * the end.  Records cost a few words each and every step over them is
 * linear. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/doc_text.h"
#include "core/grow.h"
#include "core/wordlist.h"
#include "xml/dialog.h"

#define NONE SIZE_MAX

/* Attribute local names that say who speaks.  The first WHO_PLAIN say
 * nothing else; the others also name authors, people and parts (a
 * book by someone, an ARIA role), so they count only where they work
 * as a speaker's do: values recurring, on elements holding sentences. */
static const char *const who_attrs[] = {"who", "speaker", "spk", "speakerid", "speaker_id",
                                        "participant", "by", "person", "actor", "role"};
#define WHO_PLAIN 6
#define WHO_COUNT (sizeof who_attrs / sizeof *who_attrs)

/* Elements of document vocabularies (XHTML, DocBook, TEI, JATS):
 * structure, never a speaker nor a speaker's label. */
static const char DOCUMENT_ELEMENTS[] =
	"p para paragraph simpara div section sect sect1 sect2 sect3 sect4 sect5 chapter "
	"article part body text front back span li item list ul ol dl dt dd title subtitle "
	"head header heading h1 h2 h3 h4 h5 h6 s sentence seg w l line lg stanza verse entry "
	"row cell td th tr table note footnote quote q cite blockquote a b i u em strong "
	"emphasis br pre code abstract caption figure link ref date author page summary";
/* Labels that stand before a speech: its speaker's name as written,
 * not a speaker of their own. */
static const char LABEL_ELEMENTS[] = "speaker from name label who";

/* Marks that end a sentence, and what may close it after them. */
static const char FINALS[] = ". ? ! \xE2\x80\xA6 \xE3\x80\x82 \xEF\xBC\x9F \xEF\xBC\x81 "
                             "\xD8\x9F \xE0\xA5\xA4";
static const char CLOSERS[] = ") ] \" ' \xE2\x80\x9D \xE2\x80\x99 \xC2\xBB \xE3\x80\x8D "
                              "\xE3\x80\x8F \xEF\xBC\x89";

/* A label is a name, maybe with a title: a few words at most. */
#define LABEL_MAX_WORDS 8
/* A speaker attribute's value longer than this is no id. */
#define WHO_MAX_LEN 200

/* A record's flags: it carries a speaker attribute that counts; one
 * inside it does; it is a turn; it is inside one. */
enum { QUALIFIES = 1, BELOW = 2, TURN = 4, INSIDE = 8 };

struct dialog_elem {
	size_t parent;             /* the nearest ancestor holding text, or NONE */
	size_t name, who;          /* in names, values (NONE: no speaker attribute) */
	size_t words;
	steno_node *first, *last;  /* the paragraphs made inside it, top-level siblings */
	int line, col;
	unsigned char who_attr;    /* which of who_attrs */
	unsigned char final;       /* its text ends a sentence */
	unsigned char flags;
};

struct dialog_frame {
	size_t elem; /* its record, NONE until it holds text */
	size_t name, who;
	size_t words;
	steno_node *before; /* the document's last block when it opened */
	int line, col;
	unsigned char who_attr;
};

/* What a group of elements holds, tallied per element name. */
typedef struct tally {
	size_t count, words, finals;
	unsigned char chosen, used;
	unsigned char longest; /* a label: one was too long, or came later in a turn */
} tally;

void xml_dialog_init(xml_dialog *d, steno_doc *doc)
{
	*d = (xml_dialog){.doc = doc};
}

void xml_dialog_free(xml_dialog *d)
{
	xml_map_free(&d->names);
	xml_map_free(&d->values);
	xml_buf_free(&d->how);
	free(d->value_uses);
	free(d->elems);
	free(d->frames);
	*d = (xml_dialog){0};
}

/* key's index in m, added when new; NONE on no memory. */
static size_t intern(xml_map *m, const char *key)
{
	int64_t v;
	if (xml_map_get(m, key, &v))
		return (size_t)v;
	size_t id = m->index.count;
	return xml_map_put(m, key, (int64_t)id) < 0 ? NONE : id;
}

static const char *name_of(const xml_map *m, size_t id)
{
	return m->keys.s + m->pairs[id].key;
}

static int is_one_of(const char *list, const char *name)
{
	return wordlist_has(list, name, strlen(name), 1);
}

/* The speaker attribute el carries, the most telling of who_attrs when
 * it has several, into f. */
static steno_status take_who(xml_dialog *d, dialog_frame *f, const xml_elem *el)
{
	size_t best = WHO_COUNT;
	const char *value = NULL;
	for (size_t i = 0; i < el->nattrs; i++) {
		const char *local = strrchr(el->attrs[i].name, ':');
		local = local ? local + 1 : el->attrs[i].name;
		for (size_t k = 0; k < best; k++)
			if (strcasecmp(local, who_attrs[k]) == 0) {
				best = k;
				value = el->attrs[i].value;
			}
	}
	/* ARIA's role on a <div> is no part in a dialogue */
	if (!value || (best >= WHO_PLAIN && is_one_of(DOCUMENT_ELEMENTS, el->name)))
		return STENO_OK;
	while (xml_is_space(*value))
		value++;
	size_t len = strlen(value);
	while (len && xml_is_space(value[len - 1]))
		len--;
	if (!len || len > WHO_MAX_LEN)
		return STENO_OK;
	char buf[WHO_MAX_LEN + 1];
	memcpy(buf, value, len);
	buf[len] = '\0';
	size_t known = d->values.index.count, who = intern(&d->values, buf);
	size_t *uses = who == NONE ? NULL
	                           : grow_array(d->value_uses, &d->value_cap, who + 1, sizeof *uses);
	if (!uses)
		return STENO_ERR_NOMEM;
	d->value_uses = uses;
	if (who == known)
		uses[who] = 0;
	f->who = who;
	f->who_attr = (unsigned char)best;
	return STENO_OK;
}

steno_status xml_dialog_start(xml_dialog *d, const xml_elem *el)
{
	dialog_frame *grown = grow_array(d->frames, &d->frame_cap, d->depth + 1, sizeof *grown);
	if (!grown)
		return STENO_ERR_NOMEM;
	d->frames = grown;
	size_t name = intern(&d->names, el->name);
	if (name == NONE)
		return STENO_ERR_NOMEM;
	dialog_frame *f = &d->frames[d->depth++];
	*f = (dialog_frame){.elem = NONE, .name = name, .who = NONE, .line = el->line,
	                    .col = el->col, .before = node_last(steno_doc_root(d->doc))};
	d->in_word = 0; /* the builder ends a paragraph here: words end too */
	return take_who(d, f, el);
}

/* Records for the open elements that have none yet: text has come, so
 * they all hold some.  Ancestors first, so records stay in document
 * order of their starts and a parent's precedes its children's. */
static steno_status hold_text(xml_dialog *d)
{
	size_t k = d->depth;
	while (k > 0 && d->frames[k - 1].elem == NONE)
		k--;
	for (; k < d->depth; k++) {
		dialog_elem *grown = grow_array(d->elems, &d->elem_cap, d->nelems + 1, sizeof *grown);
		if (!grown)
			return STENO_ERR_NOMEM;
		d->elems = grown;
		dialog_frame *f = &d->frames[k];
		d->elems[d->nelems] = (dialog_elem){.parent = k ? d->frames[k - 1].elem : NONE,
		                                    .name = f->name, .who = f->who,
		                                    .who_attr = f->who_attr, .line = f->line,
		                                    .col = f->col};
		if (f->who != NONE)
			d->value_uses[f->who]++;
		f->elem = d->nelems++;
	}
	return STENO_OK;
}

/* Does the text end a sentence?  Closing quotes and brackets after the
 * mark do not count: 'He said "Yes."' ends one.  Text of spaces and
 * closers leaves the answer as it was. */
static void note_ending(xml_dialog *d, const char *s, size_t len)
{
	size_t end = len;
	while (end > 0) {
		size_t i = end - 1;
		while (i > 0 && end - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		if (xml_is_space(s[i]) || wordlist_has(CLOSERS, s + i, end - i, 0)) {
			end = i;
			continue;
		}
		d->final = wordlist_has(FINALS, s + i, end - i, 0);
		return;
	}
}

steno_status xml_dialog_text(xml_dialog *d, const char *s, size_t len)
{
	if (!d->depth)
		return STENO_OK;
	size_t words = 0;
	int in = d->in_word;
	for (size_t i = 0; i < len; i++) {
		int blank = xml_is_space(s[i]);
		words += !blank && !in;
		in = !blank;
	}
	d->in_word = in;
	/* text that only goes on with a word has a record already */
	if (words && hold_text(d) != STENO_OK)
		return STENO_ERR_NOMEM;
	d->frames[d->depth - 1].words += words;
	note_ending(d, s, len);
	return STENO_OK;
}

steno_status xml_dialog_end(xml_dialog *d)
{
	if (!d->depth)
		return STENO_OK;
	dialog_frame *f = &d->frames[--d->depth];
	d->in_word = 0;
	if (d->depth)
		d->frames[d->depth - 1].words += f->words;
	if (f->elem == NONE)
		return STENO_OK;
	dialog_elem *e = &d->elems[f->elem];
	steno_node *root = steno_doc_root(d->doc), *last = node_last(root);
	e->words = f->words;
	e->final = (unsigned char)d->final; /* its text is the last read */
	if (last != f->before) {
		e->first = f->before ? node_next(f->before) : node_first(root);
		e->last = last;
	}
	return STENO_OK;
}

/* ---- deciding ---- */

/* Most of them end a sentence, with a few words each on average. */
static int sentences(size_t count, size_t finals, size_t words, size_t min_words)
{
	return count && finals * 2 >= count && words >= min_words * count;
}

/* Add pre, name and post to what the turns were read from. */
static steno_status describe(xml_dialog *d, const char *pre, const char *name, const char *post)
{
	return xml_buf_add(&d->how, pre, strlen(pre)) < 0 ||
	               xml_buf_add(&d->how, name, strlen(name)) < 0 ||
	               xml_buf_add(&d->how, post, strlen(post)) < 0
	           ? STENO_ERR_NOMEM
	           : STENO_OK;
}

/* Convention one: an attribute names the speaker.  Each element that
 * carries one of the attributes that qualify becomes a turn, unless an
 * element inside it carries one too (then those are the turns) or it
 * is inside a turn already.  Returns the turns marked. */
static size_t mark_attributes(xml_dialog *d, unsigned *used)
{
	struct {
		size_t count, finals, words;
		int recurs;
	} by[WHO_COUNT] = {{0}};
	dialog_elem *e = d->elems;
	size_t n = d->nelems, turns = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].who != NONE && e[i].first) {
			size_t k = e[i].who_attr;
			by[k].count++;
			by[k].finals += e[i].final;
			by[k].words += e[i].words;
			by[k].recurs |= d->value_uses[e[i].who] > 1;
		}
	unsigned ok = 0;
	for (size_t k = 0; k < WHO_COUNT; k++)
		if (by[k].count && (k < WHO_PLAIN || (by[k].recurs && sentences(by[k].count, by[k].finals,
		                                                                 by[k].words, 4))))
			ok |= 1u << k;
	for (size_t i = 0; i < n; i++)
		if (e[i].who != NONE && e[i].first && (ok >> e[i].who_attr & 1))
			e[i].flags |= QUALIFIES;
	/* children come after their parent: walk back to tell the parent */
	for (size_t i = n; i-- > 0;)
		if ((e[i].flags & (QUALIFIES | BELOW)) && e[i].parent != NONE)
			e[e[i].parent].flags |= BELOW;
	for (size_t i = 0; i < n; i++) {
		if (e[i].parent != NONE && (e[e[i].parent].flags & (TURN | INSIDE)))
			e[i].flags |= INSIDE;
		else if ((e[i].flags & (QUALIFIES | BELOW)) == QUALIFIES) {
			e[i].flags |= TURN;
			turns++;
			*used |= 1u << e[i].who_attr;
		}
	}
	return turns;
}

/* Convention two, for the children of one parent (kids, in order):
 * two or more names each recurring, each holding sentences, between
 * them most of the children, and alternating rather than running on as
 * a document's paragraphs do.  Records of fields (<title>, <author>,
 * <year> in each record) fall out: one of each under a parent, or
 * fields that hold no sentences.  Returns the turns marked. */
static size_t mark_group(xml_dialog *d, const size_t *kids, size_t k, tally *tal, size_t *seen)
{
	dialog_elem *e = d->elems;
	if (k < 6) /* two names, three times each */
		return 0;
	size_t distinct = 0;
	for (size_t i = 0; i < k; i++) {
		tally *t = &tal[e[kids[i]].name];
		if (!t->count++)
			seen[distinct++] = e[kids[i]].name;
		t->words += e[kids[i]].words;
		t->finals += e[kids[i]].final;
	}
	size_t names = 0, members = 0, words = 0;
	for (size_t j = 0; j < distinct; j++) {
		tally *t = &tal[seen[j]];
		const char *name = name_of(&d->names, seen[j]);
		t->chosen = t->count >= 3 && sentences(t->count, t->finals, t->words, 2) &&
		            !is_one_of(DOCUMENT_ELEMENTS, name) && !is_one_of(LABEL_ELEMENTS, name);
		if (t->chosen) {
			names++;
			members += t->count;
			words += t->words;
		}
	}
	size_t switches = 0, prev = NONE;
	for (size_t i = 0; i < k; i++)
		if (tal[e[kids[i]].name].chosen) {
			switches += prev != NONE && prev != e[kids[i]].name;
			prev = e[kids[i]].name;
		}
	size_t turns = 0;
	if (names >= 2 && members * 2 >= k && words >= 4 * members && switches * 2 >= members - 1)
		for (size_t i = 0; i < k; i++)
			if (tal[e[kids[i]].name].chosen && e[kids[i]].first) {
				e[kids[i]].flags |= TURN;
				tal[e[kids[i]].name].used = 1;
				turns++;
			}
	for (size_t j = 0; j < distinct; j++) {
		tally *t = &tal[seen[j]];
		*t = (tally){.used = t->used};
	}
	return turns;
}

/* "the elements <Q>, <A>": the first few of those used; a play that
 * names its characters so may have dozens. */
static steno_status describe_elements(xml_dialog *d, const tally *tal, size_t names)
{
	steno_status st = STENO_OK;
	size_t shown = 0;
	for (size_t j = 0; j < names && st == STENO_OK; j++)
		if (tal[j].used && shown++ < 6)
			st = describe(d, shown > 1 ? ", <" : "the elements <", name_of(&d->names, j), ">");
	return st == STENO_OK && shown > 6 ? describe(d, ", ...", "", "") : st;
}

/* Every parent's children, grouped by a counting sort on the parent:
 * group 0 is the top level's, group p + 1 parent p's.  Parents are
 * visited in document order, so a parent inside a turn is known to be
 * before its children are looked at. */
static steno_status mark_elements(xml_dialog *d, size_t *turns)
{
	dialog_elem *e = d->elems;
	size_t n = d->nelems, names = d->names.index.count;
	size_t *start = calloc(n + 3, sizeof *start);
	size_t *order = malloc(n * sizeof *order);
	size_t *seen = malloc(n * sizeof *seen);
	tally *tal = calloc(names, sizeof *tal);
	steno_status st = start && order && seen && tal ? STENO_OK : STENO_ERR_NOMEM;
	if (st == STENO_OK) {
		/* counted two ahead, so that placing the children moves each
		 * group's start on to its end, the next group's start */
		for (size_t i = 0; i < n; i++)
			start[(e[i].parent == NONE ? 0 : e[i].parent + 1) + 2]++;
		for (size_t g = 2; g <= n + 2; g++)
			start[g] += start[g - 1];
		for (size_t i = 0; i < n; i++)
			order[start[(e[i].parent == NONE ? 0 : e[i].parent + 1) + 1]++] = i;
		for (size_t g = 0; g <= n; g++) {
			size_t p = g ? g - 1 : NONE;
			if (p != NONE && e[p].parent != NONE && (e[e[p].parent].flags & (TURN | INSIDE)))
				e[p].flags |= INSIDE;
			if (p == NONE || !(e[p].flags & (TURN | INSIDE)))
				*turns += mark_group(d, order + start[g], start[g + 1] - start[g], tal, seen);
		}
		if (*turns)
			st = describe_elements(d, tal, names);
	}
	free(start);
	free(order);
	free(seen);
	free(tal);
	return st;
}

/* ---- building ---- */

/* The label element of attribute turns: one name opening at least half
 * of them (two at least), always with a few words (a name, not a
 * speech: most do not end a sentence), before more of the turn, and
 * nowhere else in one.  Akoma Ntoso's <from>.  NONE when there is none. */
static steno_status find_label(xml_dialog *d, size_t *label)
{
	dialog_elem *e = d->elems;
	size_t n = d->nelems, turns = 0, distinct = 0;
	*label = NONE;
	tally *tal = calloc(d->names.index.count, sizeof *tal);
	size_t *seen = malloc(n * sizeof *seen);
	if (!tal || !seen) {
		free(tal);
		free(seen);
		return STENO_ERR_NOMEM;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		if (!(e[i].flags & TURN))
			continue;
		turns++;
		const dialog_elem *c = &e[i + 1]; /* its first child, if it has one */
		if (c->parent != i || c->first != e[i].first || c->last == e[i].last)
			continue;
		tally *t = &tal[c->name];
		if (!t->count++)
			seen[distinct++] = c->name;
		t->finals += c->final;
		t->longest |= c->words > LABEL_MAX_WORDS;
	}
	/* a label opens its turn: an element that comes again later in one
	 * (a tier's events, a speech's paragraphs) is the turn's content */
	for (size_t j = 1; j < n; j++)
		if (e[j].parent != NONE && e[j].parent + 1 != j && (e[e[j].parent].flags & TURN))
			tal[e[j].name].longest = 1;
	size_t best = 0;
	for (size_t j = 0; j < distinct; j++) {
		const tally *t = &tal[seen[j]];
		if (t->count > best && t->count >= 2 && t->count * 2 >= turns && !t->longest && t->finals * 2 < t->count &&
		    !is_one_of(DOCUMENT_ELEMENTS, name_of(&d->names, seen[j]))) {
			best = t->count;
			*label = seen[j];
		}
	}
	free(tal);
	free(seen);
	return STENO_OK;
}

/* id[0..len) a speaker of turn, added to the table when new, with
 * name when it is not NULL. */
static steno_status add_speaker(steno_doc *doc, steno_node *turn, const char *id, size_t len,
                                const char *name)
{
	char buf[WHO_MAX_LEN + 1];
	if (!len || len > WHO_MAX_LEN)
		return STENO_OK;
	memcpy(buf, id, len);
	buf[len] = '\0';
	if (steno_speaker_find(doc, buf) == (size_t)-1 &&
	    steno_speaker_set(doc, buf, name, NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	return steno_node_add_speaker(turn, buf) == STENO_OK ? STENO_OK : STENO_ERR_NOMEM;
}

/* An attribute's value: pointers as TEI writes them ("#roe", "#a #b"),
 * each a speaker without its '#'; anything else one speaker's name as
 * written ("Ms Roe"), whose id has hyphens for its spaces, since a
 * turn's speakers are listed with spaces between (HTML's
 * data-speaker). */
static steno_status add_speakers(steno_doc *doc, steno_node *turn, const char *v)
{
	int pointers = 1;
	for (const char *p = v; *p && pointers;) {
		pointers = *p == '#';
		while (*p && !xml_is_space(*p))
			p++;
		while (xml_is_space(*p))
			p++;
	}
	if (!pointers) {
		char id[WHO_MAX_LEN + 1];
		size_t len = 0;
		for (const char *p = v; *p; p++)
			if (!xml_is_space(*p))
				id[len++] = *p;
			else if (len && id[len - 1] != '-')
				id[len++] = '-';
		id[len] = '\0';
		return add_speaker(doc, turn, id, len, strcmp(v, id) ? v : NULL);
	}
	steno_status st = STENO_OK;
	for (const char *p = v; *p && st == STENO_OK;) {
		size_t len = 1;
		while (p[len] && !xml_is_space(p[len]))
			len++;
		st = add_speaker(doc, turn, p + 1, len - 1, NULL);
		for (p += len; xml_is_space(*p); p++)
			;
	}
	return st;
}

/* The label's paragraphs leave the text for the turn's "label", as a
 * TEI <speaker> does, and name a speaker who has no name yet. */
static steno_status take_label(xml_dialog *d, steno_node *turn, const dialog_elem *c)
{
	xml_buf label = {0};
	steno_status st = STENO_OK;
	for (steno_node *p = c->first, *next; p && st == STENO_OK; p = next) {
		next = p == c->last ? NULL : node_next(p);
		char *text = plain_text(p);
		if (!text || (label.len && xml_buf_add(&label, " ", 1) < 0) ||
		    xml_buf_add(&label, text, strlen(text)) < 0)
			st = STENO_ERR_NOMEM;
		free(text);
		steno_node_unlink(p);
	}
	if (st == STENO_OK && label.len)
		st = steno_node_set_attr(turn, "label", label.s);
	if (st == STENO_OK && label.len && steno_node_speaker_count(turn) == 1) {
		const char *id = steno_node_speaker(turn, 0);
		size_t n = label.len;
		while (n && (label.s[n - 1] == ':' || label.s[n - 1] == ' '))
			label.s[--n] = '\0';
		if (n && !steno_speaker_name(d->doc, steno_speaker_find(d->doc, id)))
			st = steno_speaker_set(d->doc, id, label.s, NULL);
	}
	xml_buf_free(&label);
	return st;
}

/* The paragraphs made inside e, wrapped in a turn where they stood. */
static steno_node *wrap(xml_dialog *d, const dialog_elem *e)
{
	steno_node *turn = node_add(d->doc, NULL, STENO_NODE_TURN);
	if (!turn || steno_node_insert_before(e->first, turn) != STENO_OK)
		return NULL;
	for (steno_node *c = e->first, *next;; c = next) {
		next = node_next(c);
		steno_node_unlink(c);
		node_append(turn, c);
		if (c == e->last)
			break;
	}
	steno_node_set_sourcepos(turn, e->line, e->col, e->line, e->col);
	return turn;
}

/* "the attribute 'by'", "the attributes 'who', 'role'" */
static steno_status describe_attributes(xml_dialog *d, unsigned used)
{
	steno_status st = STENO_OK;
	const char *pre = used & (used - 1) ? "the attributes '" : "the attribute '";
	for (size_t k = 0; k < WHO_COUNT && st == STENO_OK; k++)
		if (used >> k & 1) {
			st = describe(d, pre, who_attrs[k], "'");
			pre = ", '";
		}
	return st;
}

static steno_status build(xml_dialog *d, int by_attribute, size_t label)
{
	dialog_elem *e = d->elems;
	steno_status st = STENO_OK;
	for (size_t i = 0; i < d->nelems && st == STENO_OK; i++) {
		if (!(e[i].flags & TURN))
			continue;
		steno_node *turn = wrap(d, &e[i]);
		if (!turn)
			return STENO_ERR_NOMEM;
		if (!by_attribute) {
			const char *name = name_of(&d->names, e[i].name);
			st = add_speaker(d->doc, turn, name, strlen(name), name);
			continue;
		}
		st = add_speakers(d->doc, turn, name_of(&d->values, e[i].who));
		if (st == STENO_OK && label != NONE && i + 1 < d->nelems && e[i + 1].parent == i &&
		    e[i + 1].name == label && e[i + 1].first == e[i].first && e[i + 1].last != e[i].last)
			st = take_label(d, turn, &e[i + 1]);
	}
	/* a speaker no label named is named by its id */
	for (size_t i = 0; st == STENO_OK && i < steno_speaker_count(d->doc); i++)
		if (!steno_speaker_name(d->doc, i))
			st = steno_speaker_set(d->doc, steno_speaker_id(d->doc, i),
			                       steno_speaker_id(d->doc, i), NULL);
	return st;
}

steno_status xml_dialog_finish(xml_dialog *d, size_t *turns, const char **how)
{
	*turns = 0;
	*how = NULL;
	if (!d->nelems)
		return STENO_OK;
	unsigned used = 0;
	size_t label = NONE;
	steno_status st = STENO_OK;
	*turns = mark_attributes(d, &used);
	if (!*turns)
		st = mark_elements(d, turns);
	else if ((st = describe_attributes(d, used)) == STENO_OK &&
	         (st = find_label(d, &label)) == STENO_OK && label != NONE)
		st = describe(d, ", labelled by <", name_of(&d->names, label), ">");
	if (st == STENO_OK && *turns)
		st = build(d, used != 0, label);
	*how = d->how.s;
	return st;
}
