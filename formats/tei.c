/* tei.c - the TEI P5 reader: the spoken module and Parla-CLARIN as
 * ParlaMint uses them, and the TEI that transcription tools export
 * (EXMARaLDA, TEI_CORPO).  formats/tei.md has the mapping table.
 *
 * One pass over the SAX stream: the header and person lists fill the
 * metadata and the speaker table and put nothing in the tree; the text
 * goes through the shared builder (src/tree.c).  Speakers are named
 * at the end, because ParlaMint puts its person list after the
 * utterances, or in another file altogether. */
/* realpath() is XSI, not plain POSIX */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/doc_text.h"
#include "core/io.h"
#include "formats.h"
#include "xml/xml.h"

#define MAX_INCLUDE_DEPTH 8 /* XInclude inside included files */

enum kind {
	K_OTHER = 0, /* transparent: its text flows where it is */
	K_ANCHOR, K_BLOCK, K_BODY, K_CELL, K_CORPUS, K_DATE, K_DIV, K_EDITION, K_EMPH, K_EVENT,
	K_FORENAME, K_GRAPHIC, K_HEAD, K_HEADER, K_HI, K_IDNO, K_INCLUDE, K_ITEM, K_LANGUAGE,
	K_LB, K_LICENCE, K_LIST, K_LISTPERSON, K_MEETING, K_NAME, K_NOTE, K_P, K_PB, K_PERSNAME,
	K_PERSON, K_PTR, K_PUBLISHER, K_QUOTE, K_REF, K_ROLENAME, K_ROW, K_SEG, K_SP, K_SPANGRP,
	K_SPEAKER, K_STAGE, K_SURNAME, K_TEI, K_TIME, K_TIMELINE, K_TITLE, K_U, K_W, K_WHEN, K_AUTHOR,
	K_AFFILIATION, K_ABBR, K_ALT, K_SEX, K_BIRTH, K_SOURCEDESC, K_PUBSTMT, K_TITLESTMT,
	K_SETTING
};

typedef struct element {
	const char *name;
	int kind;
} element;

/* Sorted by name, for bsearch. */
static const element elements[] = {
	{"TEI", K_TEI},
	{"ab", K_P},
	{"abbr", K_ABBR},
	{"addName", K_NAME},
	{"affiliation", K_AFFILIATION},
	{"alt", K_ALT},
	{"anchor", K_ANCHOR},
	{"annotationBlock", K_BLOCK},
	{"author", K_AUTHOR},
	{"back", K_BODY},
	{"birth", K_BIRTH},
	{"body", K_BODY},
	{"byline", K_P},
	{"cell", K_CELL},
	{"closer", K_P},
	{"date", K_DATE},
	{"dateline", K_P},
	{"div", K_DIV},
	{"div1", K_DIV},
	{"div2", K_DIV},
	{"div3", K_DIV},
	{"div4", K_DIV},
	{"div5", K_DIV},
	{"edition", K_EDITION},
	{"emph", K_EMPH},
	{"foreign", K_EMPH},
	{"forename", K_FORENAME},
	{"front", K_BODY},
	{"gap", K_EVENT},
	{"geogName", K_NAME},
	{"graphic", K_GRAPHIC},
	{"group", K_BODY},
	{"head", K_HEAD},
	{"hi", K_HI},
	{"idno", K_IDNO},
	{"incident", K_EVENT},
	{"item", K_ITEM},
	{"kinesic", K_EVENT},
	{"l", K_P},
	{"language", K_LANGUAGE},
	{"lb", K_LB},
	{"licence", K_LICENCE},
	{"list", K_LIST},
	{"listPerson", K_LISTPERSON},
	{"meeting", K_MEETING},
	{"mentioned", K_EMPH},
	{"milestone", K_PB},
	{"name", K_NAME},
	{"note", K_NOTE},
	{"opener", K_P},
	{"orgName", K_NAME},
	{"p", K_P},
	{"pause", K_EVENT},
	{"pb", K_PB},
	{"persName", K_PERSNAME},
	{"person", K_PERSON},
	{"placeName", K_NAME},
	{"ptr", K_PTR},
	{"publicationStmt", K_PUBSTMT},
	{"publisher", K_PUBLISHER},
	{"q", K_QUOTE},
	{"quote", K_QUOTE},
	{"ref", K_REF},
	{"roleName", K_ROLENAME},
	{"row", K_ROW},
	{"rs", K_NAME},
	{"said", K_QUOTE},
	{"seg", K_SEG},
	{"setting", K_SETTING},
	{"sex", K_SEX},
	{"shift", K_EVENT},
	{"soCalled", K_EMPH},
	{"sourceDesc", K_SOURCEDESC},
	{"sp", K_SP},
	{"span", K_P},
	{"spanGrp", K_SPANGRP},
	{"speaker", K_SPEAKER},
	{"stage", K_STAGE},
	{"surname", K_SURNAME},
	{"teiCorpus", K_CORPUS},
	{"teiHeader", K_HEADER},
	{"term", K_EMPH},
	{"text", K_BODY},
	{"time", K_TIME},
	{"timeline", K_TIMELINE},
	{"title", K_TITLE},
	{"titlePart", K_P},
	{"titleStmt", K_TITLESTMT},
	{"u", K_U},
	{"vocal", K_EVENT},
	{"w", K_W},
	{"when", K_WHEN},
};

#define ELEMENT_COUNT (sizeof elements / sizeof *elements)

static int compare_element(const void *key, const void *e)
{
	return strcmp(key, ((const element *)e)->name);
}

static int kind_of(const xml_elem *el)
{
	if (el->ns && strcmp(el->ns, XINCLUDE_NS) == 0)
		return strcmp(el->name, "include") == 0 ? K_INCLUDE : K_OTHER;
	/* egXML examples and other vocabularies are text, not markup */
	if (el->ns && strcmp(el->ns, TEI_NS) != 0)
		return K_OTHER;
	const element *e = bsearch(el->name, elements, ELEMENT_COUNT, sizeof *elements,
	                           compare_element);
	return e ? e->kind : K_OTHER;
}

/* The person being read from a listPerson. */
typedef struct person {
	char *id;
	xml_buf forename, surname, plain, role;
	xml_buf affiliation; /* "ROLE REF; ROLE REF" */
	int names_done; /* the first persName is read; later ones are history */
} person;

/* Timeline points: id -> ms. */
typedef struct timeline {
	xml_map points;
	int64_t unit_ms;
} timeline;

typedef struct tei {
	xml_tree t;
	steno_doc *doc;
	const steno_options *opts;
	steno_error *err;
	int quiet;          /* inside the header or a person list: no tree output */
	int tei_depth;      /* TEI elements open */
	char *label;        /* the last speaker note, for the next turn */
	steno_node *speaker_para; /* a <speaker> read into its turn, unlinked once closed */
	person who;         /* the person being read */
	int in_person;
	timeline tl;
	xml_map ids;        /* xml:id values, of the input and what it includes */
	xml_map persons;    /* the ids persons have had */
	xml_buf renamed;    /* a repeated person id's new name */
	size_t person_repeats;
	int64_t last_end;   /* the previous turn's end, to mark overlaps */
	steno_doc *roster;  /* speakers from --speakers */
	int include_depth;
} tei;

static steno_status nomem(tei *r)
{
	return error_nomem(r->err);
}

static void strip_hash(const char **id)
{
	if (**id == '#')
		(*id)++;
}

/* ---- the timeline ---- */

static int64_t timeline_get(const timeline *tl, const char *id)
{
	int64_t ms;
	if (!id)
		return STENO_TIME_NONE;
	strip_hash(&id);
	return xml_map_get(&tl->points, id, &ms) ? ms : STENO_TIME_NONE;
}

/* <when xml:id interval since>: an offset from an earlier point. */
static steno_status read_when(tei *r, const xml_elem *el)
{
	const char *id = xml_attr_get(el, "xml:id");
	if (!id)
		return STENO_OK;
	int64_t base = 0, ms = 0;
	const char *since = xml_attr_get(el, "since"), *interval = xml_attr_get(el, "interval");
	if (since && timeline_get(&r->tl, since) != STENO_TIME_NONE)
		base = timeline_get(&r->tl, since);
	if (interval) {
		ms = xml_parse_ms(interval);
		if (ms == STENO_TIME_NONE)
			return STENO_OK;
		ms = ms / 1000 * r->tl.unit_ms + ms % 1000 * r->tl.unit_ms / 1000;
	}
	return xml_map_put(&r->tl.points, id, base + ms) < 0 ? nomem(r) : STENO_OK;
}

/* ---- metadata from the header ---- */

static steno_status meta_first(tei *r, const char *key, const char *value)
{
	if (!value || !*value || steno_meta_get(r->doc, key))
		return STENO_OK;
	return steno_meta_set(r->doc, key, value);
}

/* Several values of one key (meetings, authors) are joined by "; ". */
static steno_status meta_append(tei *r, const char *key, const char *value)
{
	const char *old = steno_meta_get(r->doc, key);
	if (!value || !*value)
		return STENO_OK;
	if (!old)
		return steno_meta_set(r->doc, key, value);
	size_t n = strlen(old) + strlen(value) + 3;
	char *joined = malloc(n);
	if (!joined)
		return STENO_ERR_NOMEM;
	snprintf(joined, n, "%s; %s", old, value);
	steno_status st = steno_meta_set(r->doc, key, joined);
	free(joined);
	return st;
}

/* key, and key.LANG when the element named its language. */
static steno_status meta_lang(tei *r, const char *key, const char *lang, const char *value)
{
	steno_status st = meta_first(r, key, value);
	if (st != STENO_OK || !lang[0])
		return st;
	char k[64];
	snprintf(k, sizeof k, "%s.%s", key, lang);
	return meta_first(r, k, value);
}

static int inside(tei *r, int kind)
{
	return xml_tree_find(&r->t, kind) != NULL;
}

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* The metadata key a header element's text goes to, or NULL. */
static const char *header_key(tei *r, int kind, const xml_elem *el)
{
	const char *type = xml_attr_get(el, "type");
	int in_title = inside(r, K_TITLESTMT), in_source = inside(r, K_SOURCEDESC);
	switch (kind) {
	case K_TITLE:
		if (in_source)
			return type && !is(type, "main") ? NULL : "source";
		return !in_title ? NULL : is(type, "sub") ? "subtitle" : "title";
	case K_MEETING: return in_title ? "meeting" : NULL;
	case K_AUTHOR: return in_title ? "author" : NULL;
	case K_EDITION: return "edition";
	case K_PUBLISHER: return inside(r, K_PUBSTMT) ? "publisher" : NULL;
	case K_LICENCE: return "license";
	case K_IDNO: return in_source ? "source-url" : inside(r, K_PUBSTMT) ? "identifier" : NULL;
	case K_DATE:
		return inside(r, K_SETTING) ? "date" : in_source ? "source-date"
		       : inside(r, K_PUBSTMT) ? "publication-date" : NULL;
	case K_NAME:
		if (!inside(r, K_SETTING))
			return NULL;
		return is(type, "city") ? "place" : is(type, "country") ? "country" : NULL;
	default: return NULL;
	}
}

static void keep_lang(xml_tree_frame *f, const xml_elem *el)
{
	const char *lang = xml_attr_get(el, "xml:lang");
	snprintf(f->lang, sizeof f->lang, "%s", lang && strlen(lang) < sizeof f->lang ? lang : "");
}

/* A header element: its value from an attribute at once, or from its
 * text when it ends. */
static steno_status header_start(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (f->kind == K_LANGUAGE)
		return meta_first(r, "language", xml_attr_get(el, "ident"));
	const char *key = header_key(r, f->kind, el);
	if (!key)
		return STENO_OK;
	const char *attr = f->kind == K_DATE ? xml_attr_get(el, "when")
	                   : f->kind == K_LICENCE ? xml_attr_get(el, "target") : NULL;
	if (attr)
		return meta_first(r, key, attr);
	f->key = key;
	keep_lang(f, el);
	xml_tree_capture(&r->t, f);
	return STENO_OK;
}

/* In a teiCorpus, each TEI is a section and its title its heading. */
static steno_status title_heading(tei *r, const char *title)
{
	xml_tree_frame *f = xml_tree_find(&r->t, K_TEI);
	steno_node *section = f ? f->node : NULL;
	if (!section || node_first(section) || !*title)
		return STENO_OK;
	steno_node *h = node_add(r->doc, section, STENO_NODE_HEADING);
	return h && node_add_text(r->doc, h, title, strlen(title)) ? STENO_OK : STENO_ERR_NOMEM;
}

static steno_status header_end(tei *r, xml_tree_frame *f)
{
	const char *text = xml_tree_captured(&r->t, f);
	if (is(f->key, "meeting") || is(f->key, "author"))
		return meta_append(r, f->key, text);
	if (is(f->key, "title") && title_heading(r, text) != STENO_OK)
		return STENO_ERR_NOMEM;
	return meta_lang(r, f->key, f->lang, text);
}

/* ---- persons ---- */

static void person_clear(person *p)
{
	free(p->id);
	xml_buf_free(&p->forename);
	xml_buf_free(&p->surname);
	xml_buf_free(&p->plain);
	xml_buf_free(&p->role);
	xml_buf_free(&p->affiliation);
	*p = (person){0};
}

static int add_word(xml_buf *b, const char *s)
{
	if (!*s)
		return 0;
	if (b->len && xml_buf_add(b, " ", 1) < 0)
		return -1;
	return xml_buf_add(b, s, strlen(s));
}

/* The speaker exists from the person's id on, so its facts can be
 * attached as they come.  A person whose id an earlier person had
 * (xml:id repeats are renamed before they get here, n and alt/@type
 * are not) becomes a speaker of its own, as a repeated xml:id does, so
 * the first person keeps the speaker its turns refer to. */
static int set_id(tei *r, const char *id, const xml_elem *el)
{
	person *p = &r->who;
	if (!id || p->id)
		return 0;
	strip_hash(&id);
	if (!*id)
		return 0;
	const char *name;
	int repeat = xml_map_take_id(&r->persons, id, &r->renamed, &name);
	if (repeat < 0 || !(p->id = strdup(name)))
		return -1;
	if (repeat)
		xml_warn_repeat(r->doc, &r->person_repeats, "person id", el->line, el->col, id, name);
	return steno_speaker_set(r->doc, p->id, NULL, NULL) == STENO_OK ? 0 : -1;
}

static steno_status person_attr(tei *r, const char *name, const char *value)
{
	person *p = &r->who;
	if (!p->id || !value || !*value)
		return STENO_OK;
	return steno_speaker_set_attr(r->doc, p->id, name, value);
}

static steno_status affiliation(tei *r, const xml_elem *el)
{
	person *p = &r->who;
	const char *role = xml_attr_get(el, "role"), *ref = xml_attr_get(el, "ref");
	if ((p->affiliation.len && xml_buf_add(&p->affiliation, ";", 1) < 0) ||
	    (role && add_word(&p->affiliation, role) < 0) ||
	    (ref && add_word(&p->affiliation, ref) < 0))
		return nomem(r);
	return STENO_OK;
}

static steno_status person_start(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	person *p = &r->who;
	switch (f->kind) {
	case K_PERSON:
		person_clear(p);
		r->in_person = 1;
		if (set_id(r, xml_attr_get(el, "xml:id"), el) < 0 ||
		    set_id(r, xml_attr_get(el, "n"), el) < 0)
			return nomem(r);
		return person_attr(r, "sex", xml_attr_get(el, "sex"));
	case K_ALT: /* TEI_CORPO codes its speakers <altGrp><alt type="CHI"/> */
		return set_id(r, xml_attr_get(el, "type"), el) < 0 ? nomem(r) : STENO_OK;
	case K_SEX: return person_attr(r, "sex", xml_attr_get(el, "value"));
	case K_BIRTH: return person_attr(r, "birth", xml_attr_get(el, "when"));
	case K_AFFILIATION: return affiliation(r, el);
	case K_FORENAME: case K_SURNAME: case K_PERSNAME: case K_ABBR:
		if (!p->names_done)
			xml_tree_capture(&r->t, f);
		return STENO_OK;
	case K_ROLENAME:
		if (inside(r, K_AFFILIATION) && !p->role.len)
			xml_tree_capture(&r->t, f);
		return STENO_OK;
	default:
		return STENO_OK;
	}
}

/* The speaker is made when the person ends: its id may come last. */
static steno_status person_done(tei *r)
{
	person *p = &r->who;
	r->in_person = 0;
	if (!p->id)
		return STENO_OK;
	xml_buf name = {0};
	if (add_word(&name, p->forename.s ? p->forename.s : "") < 0 ||
	    add_word(&name, p->surname.s ? p->surname.s : "") < 0) {
		xml_buf_free(&name);
		return nomem(r);
	}
	const char *display = name.len ? name.s : p->plain.len ? p->plain.s : NULL;
	steno_status st = steno_speaker_set(r->doc, p->id, display, p->role.len ? p->role.s : NULL);
	xml_buf_free(&name);
	if (st == STENO_OK && p->affiliation.len)
		st = person_attr(r, "affiliation", p->affiliation.s);
	return st == STENO_OK ? STENO_OK : nomem(r);
}

static steno_status person_end(tei *r, xml_tree_frame *f)
{
	person *p = &r->who;
	const char *text = xml_tree_captured(&r->t, f);
	int err = 0;
	switch (f->kind) {
	case K_PERSON: return person_done(r);
	case K_FORENAME: err = f->capture ? add_word(&p->forename, text) : 0; break;
	case K_SURNAME: err = f->capture ? add_word(&p->surname, text) : 0; break;
	case K_ABBR: err = f->capture && !p->plain.len ? add_word(&p->plain, text) : 0; break;
	case K_ROLENAME: err = f->capture ? add_word(&p->role, text) : 0; break;
	case K_PERSNAME:
		if (f->capture && !p->plain.len)
			err = add_word(&p->plain, text);
		p->names_done = 1;
		break;
	default: break;
	}
	return err < 0 ? nomem(r) : STENO_OK;
}

/* ---- the text ---- */

static int has_label(const steno_doc *doc, const char *id)
{
	size_t i = steno_speaker_find(doc, id);
	for (size_t k = 0; k < steno_speaker_attr_count(doc, i); k++)
		if (is(steno_speaker_attr_name(doc, i, k), "label"))
			return 1;
	return 0;
}

/* A speaker a turn or quote refers to; a speaker note just before the
 * turn is kept as its label, the name of last resort. */
static steno_status use_speaker(tei *r, steno_node *n, const char *id, size_t len)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%.*s", (int)(len < 255 ? len : 255), id);
	if (!buf[0])
		return STENO_OK;
	steno_status st = STENO_OK;
	size_t i = steno_speaker_find(r->doc, buf);
	if (i == (size_t)-1)
		st = steno_speaker_set(r->doc, buf, NULL, NULL);
	if (st == STENO_OK && r->label && n->type == STENO_NODE_TURN && !has_label(r->doc, buf))
		st = steno_speaker_set_attr(r->doc, buf, "label", r->label);
	if (st == STENO_OK)
		st = steno_node_add_speaker(n, buf);
	return st;
}

/* who="#A #B" */
static steno_status add_speakers(tei *r, steno_node *n, const char *who, int only_one)
{
	while (who && *who) {
		who += strspn(who, " \t\n\r#");
		size_t len = strcspn(who, " \t\n\r");
		if (len && use_speaker(r, n, who, len) != STENO_OK)
			return nomem(r);
		who += len;
		if (only_one)
			break;
	}
	return STENO_OK;
}

static int64_t time_attr(tei *r, const xml_elem *el, const char *name)
{
	const char *v = xml_attr_get(el, name);
	if (!v)
		return STENO_TIME_NONE;
	int64_t ms = timeline_get(&r->tl, v);
	return ms != STENO_TIME_NONE ? ms : xml_parse_ms(v);
}

static steno_status open_turn(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_node *n = xml_tree_block(&r->t, f, STENO_NODE_TURN, el);
	if (!n || add_speakers(r, n, xml_attr_get(el, "who"), 0) != STENO_OK)
		return nomem(r);
	free(r->label);
	r->label = NULL;
	int64_t start = time_attr(r, el, "start"), end = time_attr(r, el, "end");
	steno_node_set_times(n, start, end);
	if (start != STENO_TIME_NONE && r->last_end != STENO_TIME_NONE && start < r->last_end)
		steno_node_set_overlap(n, 1);
	if (end != STENO_TIME_NONE)
		r->last_end = end;
	return xml_tree_attrs(&r->t, n, el, "who start end");
}

/* The label of an <sp>'s turn: its <speaker>, as written, is the turn's
 * "label" and names a speaker who has no name but the id. */
static steno_status sp_label(tei *r, steno_node *turn, const char *label, const char *text)
{
	steno_status st = steno_node_set_attr(turn, "label", label);
	const char *id = turn->speakers ? turn->as.turn.ids[0] : NULL;
	size_t i = id ? steno_speaker_find(r->doc, id) : (size_t)-1;
	const char *name = i == (size_t)-1 ? NULL : steno_speaker_name(r->doc, i);
	if (st == STENO_OK && id && (!name || !*name || is(name, id)))
		st = steno_speaker_set(r->doc, id, text, NULL);
	return st;
}

/* <note type="speaker">Wehner:</note>: the label of the next turn, or
 * of the turn it opens when that turn names no speaker.  A drama's
 * <speaker>DER KÖNIG</speaker> (not for_next) labels its <sp> and
 * leaves the text, kept in the label. */
static steno_status speaker_label(tei *r, steno_node *note, int for_next)
{
	char *text = plain_text(note);
	if (!text)
		return nomem(r);
	size_t n = strlen(text);
	char *label = for_next ? NULL : strdup(text);
	if (!for_next && !label) {
		free(text);
		return nomem(r);
	}
	while (n && (text[n - 1] == ':' || text[n - 1] == ' '))
		text[--n] = '\0';
	/* drama's "HAMLET." ends its label as others end theirs with a
	 * colon; "Jr." keeps its period */
	const char *word = strrchr(text, ' ');
	word = word ? word + 1 : text;
	if (n > 1 && text[n - 1] == '.' && (size_t)(text + n - 1 - word) > 3)
		text[--n] = '\0';
	free(r->label);
	r->label = NULL;
	steno_node *turn = node_parent(note);
	steno_status st = STENO_OK;
	if (turn && turn->type == STENO_NODE_TURN && n) {
		if (!steno_node_speaker_count(turn)) {
			st = steno_speaker_set(r->doc, text, text, NULL);
			if (st == STENO_OK)
				st = steno_node_add_speaker(turn, text);
		}
		if (!for_next && st == STENO_OK) {
			st = sp_label(r, turn, label, text);
			r->speaker_para = note;
		}
		free(label);
		free(text);
		return st == STENO_OK ? STENO_OK : nomem(r);
	}
	free(label);
	if (for_next)
		r->label = text;
	else
		free(text);
	return STENO_OK;
}

/* Events, times and names are leaves whose text is their literal. */
static steno_status open_leaf(tei *r, xml_tree_frame *f, steno_node_type type, const xml_elem *el,
                              const char *skip)
{
	steno_node *n = xml_tree_leaf(&r->t, type, el);
	if (!n || xml_tree_attrs(&r->t, n, el, skip) != STENO_OK)
		return nomem(r);
	f->node = n;
	xml_tree_capture(&r->t, f);
	return STENO_OK;
}

static steno_status open_event(tei *r, xml_tree_frame *f, const xml_elem *el, const char *kind)
{
	if (open_leaf(r, f, STENO_NODE_EVENT, el, NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	if (steno_node_set_kind(f->node, kind) != STENO_OK)
		return nomem(r);
	/* the description when the element has no text: <gap reason="inaudible"/> */
	const char *desc = xml_attr_get(el, "type");
	if (!desc)
		desc = xml_attr_get(el, "reason");
	if (!desc)
		desc = xml_attr_get(el, "dur");
	if (!desc)
		desc = xml_attr_get(el, "new");
	f->key = desc ? arena_strdup(&r->doc->arena, desc) : NULL;
	return STENO_OK;
}

static steno_status close_leaf(tei *r, xml_tree_frame *f)
{
	const char *text = xml_tree_captured(&r->t, f);
	if (!*text && f->key)
		text = f->key;
	return steno_node_set_literal(f->node, text, strlen(text)) == STENO_OK ? STENO_OK
	                                                                        : nomem(r);
}

static steno_status open_time(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (open_leaf(r, f, STENO_NODE_TIME, el, NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	int64_t ms = time_attr(r, el, "when");
	if (ms == STENO_TIME_NONE)
		ms = time_attr(r, el, "from");
	steno_node_set_times(f->node, ms, STENO_TIME_NONE);
	return STENO_OK;
}

static steno_status open_name(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (open_leaf(r, f, STENO_NODE_TEXT, el, NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	return steno_node_set_attr(f->node, "element", el->name) == STENO_OK ? STENO_OK : nomem(r);
}

/* An anchor between blocks waits for the next paragraph. */
static steno_status open_anchor(tei *r, const xml_elem *el, const char *kind, int64_t ms)
{
	steno_node *n = xml_tree_anchor(&r->t, ms == STENO_TIME_NONE ? STENO_NODE_EVENT : STENO_NODE_TIME,
	                          el);
	if (!n || xml_tree_attrs(&r->t, n, el, NULL) != STENO_OK)
		return nomem(r);
	if (ms != STENO_TIME_NONE)
		steno_node_set_times(n, ms, STENO_TIME_NONE);
	else if (steno_node_set_kind(n, kind) != STENO_OK)
		return nomem(r);
	return STENO_OK;
}

static steno_status open_inline(tei *r, xml_tree_frame *f, steno_node_type type, const xml_elem *el,
                                const char *skip)
{
	steno_node *n = xml_tree_inline(&r->t, f, type, el);
	if (!n || xml_tree_attrs(&r->t, n, el, skip) != STENO_OK)
		return nomem(r);
	return STENO_OK;
}

/* A block where the builder can take one: not inside emphasis or a
 * link, where it would cut them in two; there it is transparent. */
static steno_node *open_block(tei *r, xml_tree_frame *f, steno_node_type type, const xml_elem *el,
                              const char *skip, steno_status *st)
{
	*st = STENO_OK;
	if (xml_tree_in_inline(&r->t)) {
		xml_tree_space(&r->t);
		return NULL;
	}
	steno_node *n = xml_tree_block(&r->t, f, type, el);
	if (!n || xml_tree_attrs(&r->t, n, el, skip) != STENO_OK)
		*st = nomem(r);
	return n;
}

/* Inside a paragraph, heading or inline element of the source, where a
 * note is an aside in the sentence; a paragraph the builder opened for
 * text between blocks does not count. */
static int in_prose(tei *r)
{
	for (size_t i = r->t.depth; i-- > 0;) {
		const steno_node *n = r->t.frames[i].node;
		if (n && steno_node_type_is_container(n->type))
			return !type_is_block(n->type) || n->type == STENO_NODE_PARAGRAPH ||
			       n->type == STENO_NODE_HEADING;
	}
	return 0;
}

static int section_depth(const steno_node *n)
{
	int d = 0;
	for (; n; n = node_parent(n))
		d += n->type == STENO_NODE_SECTION;
	return d < 1 ? 1 : d > 6 ? 6 : d;
}

static steno_status open_div(tei *r, xml_tree_frame *f, const xml_elem *el, const char *kind)
{
	steno_status st;
	steno_node *n = open_block(r, f, STENO_NODE_SECTION, el, "type", &st);
	if (n && kind && steno_node_set_kind(n, kind) != STENO_OK)
		return nomem(r);
	return st;
}

static steno_status open_head(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (in_prose(r))
		return open_inline(r, f, STENO_NODE_STRONG, el, NULL);
	steno_status st;
	steno_node *h = open_block(r, f, STENO_NODE_HEADING, el, NULL, &st);
	if (h)
		steno_node_set_level(h, section_depth(node_parent(h)));
	return st;
}

/* A note or, in drama, a stage direction: an aside within a sentence
 * is an event, one between paragraphs a note. */
static steno_status open_aside(tei *r, xml_tree_frame *f, const xml_elem *el, const char *kind,
                               const char *skip)
{
	if (in_prose(r))
		return open_event(r, f, el, kind ? kind : "note");
	steno_status st;
	steno_node *n = open_block(r, f, STENO_NODE_NOTE, el, skip, &st);
	if (n && kind && steno_node_set_kind(n, kind) != STENO_OK)
		return nomem(r);
	return st;
}

static steno_status open_note(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	const char *type = xml_attr_get(el, "type"), *place = xml_attr_get(el, "place");
	const char *kind = type ? type : is(place, "foot") || is(place, "end") ? "footnote" : NULL;
	return open_aside(r, f, el, kind, "type");
}

static steno_status open_quote(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (!in_prose(r)) {
		steno_status st;
		open_block(r, f, STENO_NODE_BLOCK_QUOTE, el, NULL, &st);
		return st;
	}
	if (open_inline(r, f, STENO_NODE_QUOTE, el, NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	return add_speakers(r, f->node, xml_attr_get(el, "who"), 1);
}

static steno_status open_hi(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	const char *rend = xml_attr_get(el, "rend");
	int bold = rend && (strstr(rend, "bold") || strstr(rend, "strong") || is(rend, "b"));
	return open_inline(r, f, bold ? STENO_NODE_STRONG : STENO_NODE_EMPH, el, NULL);
}

static steno_status open_list(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	const char *rend = xml_attr_get(el, "rend"), *type = xml_attr_get(el, "type");
	int ordered = (rend && (strstr(rend, "numbered") || strstr(rend, "ordered"))) ||
	              is(type, "ordered");
	steno_status st;
	steno_node *n = open_block(r, f, STENO_NODE_LIST, el, NULL, &st);
	if (n)
		steno_node_set_list(n, ordered ? STENO_LIST_ORDERED : STENO_LIST_BULLET, 1, 1, '.');
	return st;
}

static steno_status open_link(tei *r, xml_tree_frame *f, const xml_elem *el, const char *target,
                              int show_target)
{
	if (open_inline(r, f, STENO_NODE_LINK, el, "target href") != STENO_OK)
		return STENO_ERR_NOMEM;
	if (target && steno_node_set_url(f->node, target) != STENO_OK)
		return nomem(r);
	if (show_target && target && !node_add_text(r->doc, f->node, target, strlen(target)))
		return nomem(r);
	return STENO_OK;
}

static steno_status open_para(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	/* a seg inside a paragraph is a span of it, not a paragraph */
	if (f->kind == K_SEG && in_prose(r))
		return STENO_OK;
	steno_status st;
	open_block(r, f, STENO_NODE_PARAGRAPH, el, NULL, &st);
	return st;
}

/* A dependent tier (morphology, phonology) of a TEI_CORPO turn. */
static steno_status open_tier(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_status st;
	steno_node *n = open_block(r, f, STENO_NODE_NOTE, el, "type", &st);
	const char *type = xml_attr_get(el, "type");
	if (n && type && steno_node_set_kind(n, type) != STENO_OK)
		return nomem(r);
	return st;
}

static steno_status open_include(tei *r, const xml_elem *el);

static steno_status text_start(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_status st = STENO_OK;
	switch (f->kind) {
	case K_DIV: return open_div(r, f, el, xml_attr_get(el, "type"));
	case K_HEAD: return open_head(r, f, el);
	case K_U:
		if (inside(r, K_BLOCK)) /* the utterance of an annotationBlock turn */
			return STENO_OK;
		/* fall through */
	case K_SP: case K_BLOCK:
		if (xml_tree_in_inline(&r->t))
			return STENO_OK;
		return open_turn(r, f, el);
	case K_P: case K_SEG: case K_ROW: case K_SPEAKER: return open_para(r, f, el);
	case K_NOTE: return open_note(r, f, el);
	case K_STAGE: return open_aside(r, f, el, "stage", NULL);
	case K_SPANGRP: return open_tier(r, f, el);
	case K_EVENT: return open_event(r, f, el, el->name);
	case K_TIME: return open_time(r, f, el);
	case K_NAME: case K_PERSNAME: case K_DATE: case K_ROLENAME: case K_AFFILIATION:
	case K_FORENAME: case K_SURNAME: case K_TITLE:
		return f->kind == K_TITLE ? open_inline(r, f, STENO_NODE_EMPH, el, NULL)
		                          : open_name(r, f, el);
	case K_QUOTE: return open_quote(r, f, el);
	case K_HI: return open_hi(r, f, el);
	case K_EMPH: return open_inline(r, f, STENO_NODE_EMPH, el, NULL);
	case K_LIST: return open_list(r, f, el);
	case K_ITEM: open_block(r, f, STENO_NODE_ITEM, el, NULL, &st); return st;
	case K_LB:
		if (xml_tree_in_para(&r->t))
			return xml_tree_leaf(&r->t, STENO_NODE_LINE_BREAK, el) ? STENO_OK : nomem(r);
		return STENO_OK;
	case K_PB: return open_anchor(r, el, is(el->name, "pb") ? "pagebreak" : el->name,
	                              STENO_TIME_NONE);
	case K_ANCHOR: {
		int64_t ms = timeline_get(&r->tl, xml_attr_get(el, "synch"));
		return ms == STENO_TIME_NONE ? STENO_OK : open_anchor(r, el, NULL, ms);
	}
	case K_REF: return open_link(r, f, el, xml_attr_get(el, "target"), 0);
	case K_PTR: return open_link(r, f, el, xml_attr_get(el, "target"), 1);
	case K_GRAPHIC:
		if (open_inline(r, f, STENO_NODE_IMAGE, el, "url") != STENO_OK)
			return STENO_ERR_NOMEM;
		return steno_node_set_url(f->node, xml_attr_get(el, "url") ? xml_attr_get(el, "url")
		                                                             : "");
	case K_W: case K_CELL: xml_tree_space(&r->t); return STENO_OK;
	case K_INCLUDE: return open_include(r, el);
	default: return STENO_OK;
	}
}

/* ---- XInclude ---- */

static const xml_callbacks tei_callbacks;

/* href names a file below the input's folder: relative, no "..", and
 * still below it once symbolic links are resolved. */
static char *include_path(const char *dir, const char *href)
{
	if (href[0] == '/' || strstr(href, "://") || strstr(href, "..") || !*href)
		return NULL;
	char real_dir[PATH_MAX], real_file[PATH_MAX], joined[PATH_MAX];
	if (!realpath(dir, real_dir) ||
	    snprintf(joined, sizeof joined, "%s/%s", real_dir, href) >= (int)sizeof joined ||
	    !realpath(joined, real_file))
		return NULL;
	size_t n = strlen(real_dir);
	if (strncmp(real_file, real_dir, n) != 0 || real_file[n] != '/')
		return NULL;
	return strdup(real_file);
}

/* The file at path when it is a regular file, else NULL and *why.
 * Opened without blocking and only then looked at: opening a FIFO
 * waits for a writer that may never come, and a stat() before the open
 * would leave time to swap the file for one. */
static FILE *open_regular(const char *path, const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	struct stat st;
	FILE *fp = NULL;
	if (fstat(fd, &st) != 0)
		*why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		*why = "not a regular file";
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	         !(fp = fdopen(fd, "rb")))
		*why = strerror(errno);
	if (!fp)
		close(fd);
	return fp;
}

static steno_status include_file(tei *r, const char *path, const char *href)
{
	const char *why;
	FILE *fp = open_regular(path, &why);
	if (!fp) {
		doc_warn(r->doc, "xi:include '%s' not read: %s", href, why);
		return STENO_OK;
	}
	io_input in = {NULL, 0, fp, io_size_left(fp)};
	r->include_depth++;
	steno_status st = xml_parse(&in, &tei_callbacks, r, &r->ids, r->opts, r->doc, r->err);
	r->include_depth--;
	fclose(fp);
	if (st != STENO_OK) {
		char msg[sizeof r->err->message];
		snprintf(msg, sizeof msg, "%s", r->err->message);
		set_error(r->err, st, r->err->line, r->err->column, "in %.60s: %s", href, msg);
	}
	return st;
}

/* xi:include: the file itself when --xinclude allows it, else a link. */
static steno_status open_include(tei *r, const xml_elem *el)
{
	const char *href = xml_attr_get(el, "href");
	if (!href)
		return STENO_OK;
	if (r->opts && r->opts->xinclude && !is(xml_attr_get(el, "parse"), "text")) {
		char *path = r->include_depth < MAX_INCLUDE_DEPTH ? include_path(r->opts->xinclude, href)
		                                                  : NULL;
		if (path) {
			char *copy = strdup(href);
			steno_status st = copy ? include_file(r, path, copy) : nomem(r);
			free(copy);
			free(path);
			return st;
		}
		doc_warn(r->doc, "xi:include '%s' not read: missing, or not a file below the input's folder", href);
	}
	if (r->quiet)
		return STENO_OK;
	xml_tree_frame *f = xml_tree_top(&r->t);
	steno_status st = STENO_OK;
	if (!xml_tree_in_para(&r->t))
		open_block(r, f, STENO_NODE_PARAGRAPH, el, "href", &st);
	steno_node *link = st == STENO_OK ? xml_tree_leaf(&r->t, STENO_NODE_LINK, el) : NULL;
	if (!link || steno_node_set_url(link, href) != STENO_OK ||
	    !node_add_text(r->doc, link, href, strlen(href)))
		return nomem(r);
	return STENO_OK;
}

/* ---- the callbacks ---- */

static int is_quiet_kind(int kind)
{
	return kind == K_HEADER || kind == K_LISTPERSON || kind == K_TIMELINE;
}

/* TEI and teiCorpus: the language; a TEI inside a corpus is a section. */
static steno_status open_root(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_status st = meta_first(r, "language", xml_attr_get(el, "xml:lang"));
	if (st != STENO_OK)
		return nomem(r);
	if (f->kind == K_TEI && inside(r, K_CORPUS))
		return open_div(r, f, el, "TEI");
	return STENO_OK;
}

static void check_root(tei *r, const xml_elem *el, int kind)
{
	if (r->t.depth == 1 && !r->include_depth && kind != K_TEI && kind != K_CORPUS &&
	    kind != K_LISTPERSON)
		doc_warn(r->doc, "root element <%s> is not TEI; its text is kept as paragraphs",
		         el->name);
}

static steno_status quiet_start(tei *r, xml_tree_frame *f, const xml_elem *el)
{
	if (f->kind == K_TIMELINE) {
		r->tl.unit_ms = is(xml_attr_get(el, "unit"), "ms") ? 1 : 1000;
		return STENO_OK;
	}
	if (f->kind == K_WHEN)
		return read_when(r, el);
	if (f->kind == K_INCLUDE)
		return open_include(r, el);
	if (r->in_person || f->kind == K_PERSON)
		return person_start(r, f, el);
	if (!r->t.capturing && inside(r, K_HEADER))
		return header_start(r, f, el);
	return STENO_OK;
}

/* <text> inside the header happens only when libxml2 recovered from an
 * unclosed header element: the header has ended in all but name. */
static void leave_header(tei *r)
{
	for (size_t i = 0; i < r->t.depth; i++)
		if (is_quiet_kind(r->t.frames[i].kind)) {
			r->t.frames[i].kind = K_OTHER;
			r->quiet--;
		}
}

static steno_status tei_start(void *ud, const xml_elem *el)
{
	tei *r = ud;
	int kind = kind_of(el);
	xml_tree_frame *f = xml_tree_push(&r->t, kind);
	if (!f)
		return nomem(r);
	check_root(r, el, kind);
	r->quiet += is_quiet_kind(kind);
	if (kind == K_BODY && is(el->name, "text") && r->quiet)
		leave_header(r);
	if (kind == K_TEI || kind == K_CORPUS)
		return open_root(r, f, el);
	if (r->quiet)
		return quiet_start(r, f, el);
	if (r->t.capturing) { /* all inside an event or a name is its text */
		xml_tree_space(&r->t); /* as a reader sees <l>one</l><l>two</l> */
		return STENO_OK;
	}
	return text_start(r, f, el);
}

static steno_status text_end(tei *r, xml_tree_frame *f)
{
	if (f->capture && f->node)
		return close_leaf(r, f);
	if (f->node && xml_tree_flush(&r->t) != STENO_OK)
		return STENO_ERR_NOMEM;
	if (f->node && f->node->type == STENO_NODE_NOTE && f->kind == K_NOTE &&
	    is(steno_node_get_kind(f->node), "speaker"))
		return speaker_label(r, f->node, 1);
	if (f->kind == K_SPEAKER && f->node)
		return speaker_label(r, f->node, 0);
	return STENO_OK;
}

static steno_status tei_end(void *ud, const char *name, const char *ns)
{
	(void)name, (void)ns;
	tei *r = ud;
	xml_tree_frame *f = xml_tree_top(&r->t);
	if (!f)
		return STENO_OK;
	steno_status st = STENO_OK;
	if (r->quiet && (r->in_person || f->kind == K_PERSON))
		st = person_end(r, f);
	else if (r->quiet && f->capture && f->key)
		st = header_end(r, f);
	else if (!r->quiet)
		st = text_end(r, f);
	if (r->t.capturing && !f->capture)
		xml_tree_space(&r->t);
	r->quiet -= is_quiet_kind(f->kind);
	if (st != STENO_OK)
		return st == STENO_ERR_NOMEM ? nomem(r) : st;
	st = xml_tree_pop(&r->t);
	if (r->speaker_para) {
		steno_node_unlink(r->speaker_para);
		r->speaker_para = NULL;
	}
	return st == STENO_OK ? STENO_OK : nomem(r);
}

static steno_status tei_text(void *ud, const char *s, size_t len)
{
	tei *r = ud;
	if (r->quiet && !r->t.capturing)
		return STENO_OK;
	return xml_tree_text(&r->t, s, len) == STENO_OK ? STENO_OK : nomem(r);
}

static const xml_callbacks tei_callbacks = {tei_start, tei_end, tei_text};

/* ---- speakers ---- */

static steno_status read_tei(steno_doc *doc, const io_input *in, const steno_options *opts,
                             int names, steno_error *err);

/* --speakers FILE: a listPerson (or any TEI holding one) read into a
 * document of its own, from which only the speakers used are taken. */
static steno_status load_roster(tei *r)
{
	const char *path = r->opts ? r->opts->speakers : NULL;
	if (!path)
		return STENO_OK;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return set_error(r->err, STENO_ERR_IO, 0, 0, "--speakers %s: cannot open: %s", path,
		                 strerror(errno));
	io_input in = {NULL, 0, fp, io_size_left(fp)};
	steno_options o = *r->opts;
	o.speakers = NULL;
	o.xinclude = NULL;
	r->roster = steno_doc_new();
	steno_status st = r->roster ? read_tei(r->roster, &in, &o, 0, r->err) : nomem(r);
	fclose(fp);
	if (st != STENO_OK && st != STENO_ERR_NOMEM) {
		char msg[sizeof r->err->message];
		snprintf(msg, sizeof msg, "%s", r->err->message);
		set_error(r->err, st, 0, 0, "--speakers %.60s: line %d: %s", path, r->err->line, msg);
	}
	return st;
}

static const char *speaker_attr(const steno_doc *doc, size_t i, const char *name)
{
	for (size_t k = 0; k < steno_speaker_attr_count(doc, i); k++)
		if (is(steno_speaker_attr_name(doc, i, k), name))
			return steno_speaker_attr_value(doc, i, k);
	return NULL;
}

static steno_status copy_from_roster(tei *r, const char *id, size_t j)
{
	steno_status st = steno_speaker_set(r->doc, id, steno_speaker_name(r->roster, j),
	                                    steno_speaker_role(r->roster, j));
	for (size_t k = 0; st == STENO_OK && k < steno_speaker_attr_count(r->roster, j); k++)
		st = steno_speaker_set_attr(r->doc, id, steno_speaker_attr_name(r->roster, j, k),
		                            steno_speaker_attr_value(r->roster, j, k));
	return st;
}

/* Speakers still without a name once everything is read: from the
 * --speakers file, else the speaker note before their first turn, else
 * the id itself. */
static steno_status name_speakers(tei *r)
{
	steno_doc *doc = r->doc;
	for (size_t i = 0; i < steno_speaker_count(doc); i++) {
		if (steno_speaker_name(doc, i))
			continue;
		const char *id = steno_speaker_id(doc, i);
		size_t j = r->roster ? steno_speaker_find(r->roster, id) : (size_t)-1;
		steno_status st;
		if (j != (size_t)-1 && steno_speaker_name(r->roster, j))
			st = copy_from_roster(r, id, j);
		else if (speaker_attr(doc, i, "label"))
			st = steno_speaker_set(doc, id, speaker_attr(doc, i, "label"), NULL);
		else
			st = steno_speaker_set(doc, id, id, NULL);
		if (st != STENO_OK)
			return nomem(r);
	}
	return STENO_OK;
}

/* names: name the speakers at the end (not for the --speakers file
 * itself, whose speakers are only looked up). */
static steno_status read_tei(steno_doc *doc, const io_input *in, const steno_options *opts,
                             int names, steno_error *err)
{
	tei r = {.doc = doc, .opts = opts, .err = err, .last_end = STENO_TIME_NONE,
	         .tl.unit_ms = 1000};
	xml_tree_init(&r.t, doc, opts);
	steno_status st = names ? load_roster(&r) : STENO_OK;
	if (st == STENO_OK)
		st = xml_parse(in, &tei_callbacks, &r, &r.ids, opts, doc, err);
	if (st == STENO_OK && xml_tree_finish(&r.t) != STENO_OK)
		st = nomem(&r);
	if (st == STENO_OK && names)
		st = name_speakers(&r);
	if (st == STENO_OK)
		xml_warn_repeats_left(doc, r.person_repeats, "person id");
	xml_tree_free(&r.t);
	xml_map_free(&r.tl.points);
	xml_map_free(&r.ids);
	xml_map_free(&r.persons);
	xml_buf_free(&r.renamed);
	person_clear(&r.who);
	free(r.label);
	steno_doc_free(r.roster);
	return st;
}

static steno_status tei_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                             steno_error *err)
{
	steno_error local;
	return read_tei(doc, in, opts, 1, err ? err : &local);
}

const format tei_format = {
	.name = "tei",
	.extensions = ".tei",
	.media_type = "application/tei+xml",
	.description = "TEI P5 transcript (ParlaMint, Parla-CLARIN)",
	.stream = tei_read,
};
