/* trs.c - the Transcriber (.trs) reader.  formats/trs.md has the
 * mapping table.
 *
 * Transcriber marks time with empty elements inside the text: <Sync>
 * starts a segment, <Who nb="2"/> switches to the second of a turn's
 * overlapping speakers, <Event/> sits between words.  So most of the
 * work happens where those empty elements are met, and a segment's
 * time is put down only when its first content arrives (a <Who> may
 * come between the <Sync> and the words). */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "formats.h"
#include "xml/xml.h"

enum kind {
	K_OTHER = 0, K_TRANS, K_SPEAKER, K_TOPIC, K_EPISODE, K_SECTION, K_TURN, K_SYNC, K_WHO,
	K_EVENT, K_COMMENT, K_BACKGROUND, K_VOCAL, K_SUBTURN
};

static const struct {
	const char *name;
	int kind;
} elements[] = {
	{"Trans", K_TRANS},     {"Speaker", K_SPEAKER}, {"Topic", K_TOPIC},
	{"Episode", K_EPISODE}, {"Section", K_SECTION}, {"Turn", K_TURN},
	{"Sync", K_SYNC},       {"Who", K_WHO},         {"Event", K_EVENT},
	{"Comment", K_COMMENT}, {"Background", K_BACKGROUND}, {"Vocal", K_VOCAL},
};

typedef struct trs {
	xml_tree t;
	steno_doc *doc;
	steno_error *err;
	steno_node *turn;  /* the open Turn */
	char *turn_who;    /* its speaker list, for <Who nb> */
	int who_nb;
	int64_t sync_ms;   /* a <Sync> not yet put down, or STENO_TIME_NONE */
	xml_map speakers;  /* the ids Speaker elements have had */
	xml_buf renamed;   /* a repeated one's new name */
	size_t repeats;
} trs;

/* Called for every element: the first two letters tell Transcriber's
 * names apart, so only one is compared in full. */
static int kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof elements / sizeof *elements; i++)
		if (elements[i].name[0] == name[0] && elements[i].name[1] == name[1] &&
		    strcmp(elements[i].name, name) == 0)
			return elements[i].kind;
	return K_OTHER;
}

static steno_status nomem(trs *r)
{
	return error_nomem(r->err);
}

static steno_status meta(trs *r, const char *key, const char *value)
{
	if (!value || !*value)
		return STENO_OK;
	return steno_meta_set(r->doc, key, value) == STENO_OK ? STENO_OK : nomem(r);
}

/* <Trans>: the file's own facts. */
static steno_status read_trans(trs *r, const xml_elem *el)
{
	static const char *const keys[][2] = {
		{"audio_filename", "audio"}, {"scribe", "transcriber"}, {"xml:lang", "language"},
		{"version", "version"},      {"version_date", "version-date"},
		{"elapsed_time", "elapsed-time"},
	};
	steno_status st = STENO_OK;
	for (size_t i = 0; i < sizeof keys / sizeof *keys && st == STENO_OK; i++)
		st = meta(r, keys[i][1], xml_attr_get(el, keys[i][0]));
	return st;
}

/* A Speaker whose id an earlier one has is a speaker of its own,
 * "ID-2": turns refer to the first. */
static steno_status read_speaker(trs *r, const xml_elem *el)
{
	const char *given = xml_attr_get(el, "id"), *id;
	if (!given || !*given)
		return STENO_OK;
	int repeat = xml_map_take_id(&r->speakers, given, &r->renamed, &id);
	if (repeat < 0)
		return nomem(r);
	if (repeat)
		xml_warn_repeat(r->doc, &r->repeats, "Speaker id", el->line, el->col, given, id);
	const char *name = xml_attr_get(el, "name");
	if (steno_speaker_set(r->doc, id, name && *name ? name : NULL, NULL) != STENO_OK)
		return nomem(r);
	/* the table does not grow while its speaker's attributes are set */
	attr_list list;
	attr_list_open(&list, &r->doc->speakers[steno_speaker_find(r->doc, id)].attrs);
	steno_status st = STENO_OK;
	for (size_t i = 0; i < el->nattrs && st == STENO_OK; i++) {
		const xml_attr *a = &el->attrs[i];
		if (*a->value && strcmp(a->name, "id") != 0 && strcmp(a->name, "name") != 0)
			st = attr_list_set(r->doc, &list, a->name, a->value);
	}
	attr_list_close(&list);
	return st == STENO_OK ? STENO_OK : nomem(r);
}

static steno_status read_topic(trs *r, const xml_elem *el)
{
	const char *id = xml_attr_get(el, "id");
	char key[96];
	if (!id)
		return STENO_OK;
	snprintf(key, sizeof key, "topic.%.80s", id);
	return meta(r, key, xml_attr_get(el, "desc"));
}

/* A <Section> is a section; its topic, when described, its heading. */
static steno_status open_section(trs *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_node *s = xml_tree_block(&r->t, f, STENO_NODE_SECTION, el);
	const char *type = xml_attr_get(el, "type"), *topic = xml_attr_get(el, "topic");
	if (!s || xml_tree_attrs(&r->t, s, el, "type") != STENO_OK ||
	    (type && steno_node_set_kind(s, type) != STENO_OK))
		return nomem(r);
	char key[96];
	snprintf(key, sizeof key, "topic.%.80s", topic ? topic : "");
	const char *desc = topic ? steno_meta_get(r->doc, key) : NULL;
	if (!desc)
		return STENO_OK;
	steno_node *h = node_add(r->doc, s, STENO_NODE_HEADING);
	return h && node_add_text(r->doc, h, desc, strlen(desc)) ? STENO_OK : nomem(r);
}

static steno_status add_speaker(trs *r, steno_node *turn, const char *id, size_t len)
{
	char buf[256];
	size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
	memcpy(buf, id, n);
	buf[n] = '\0';
	if (steno_speaker_find(r->doc, buf) == (size_t)-1 &&
	    steno_speaker_set(r->doc, buf, NULL, NULL) != STENO_OK)
		return nomem(r);
	return steno_node_add_speaker(turn, buf) == STENO_OK ? STENO_OK : nomem(r);
}

static steno_status open_turn(trs *r, xml_tree_frame *f, const xml_elem *el)
{
	steno_node *turn = xml_tree_block(&r->t, f, STENO_NODE_TURN, el);
	if (!turn || xml_tree_attrs(&r->t, turn, el, "speaker startTime endTime") != STENO_OK)
		return nomem(r);
	steno_node_set_times(turn, xml_parse_ms(xml_attr_get(el, "startTime")),
	                     xml_parse_ms(xml_attr_get(el, "endTime")));
	const char *who = xml_attr_get(el, "speaker");
	free(r->turn_who);
	r->turn_who = who ? strdup(who) : NULL;
	if (who && !r->turn_who)
		return nomem(r);
	for (const char *p = who; p && *p;) {
		p += strspn(p, " ");
		size_t n = strcspn(p, " ");
		if (n && add_speaker(r, turn, p, n) != STENO_OK)
			return STENO_ERR_NOMEM;
		p += n;
	}
	r->turn = turn;
	return STENO_OK;
}

/* The segment's time goes down before its first content. */
static steno_status put_sync(trs *r)
{
	if (r->sync_ms == STENO_TIME_NONE)
		return STENO_OK;
	steno_node *n = xml_tree_leaf(&r->t, STENO_NODE_TIME, NULL);
	if (!n)
		return nomem(r);
	steno_node_set_times(n, r->sync_ms, STENO_TIME_NONE);
	r->sync_ms = STENO_TIME_NONE;
	return STENO_OK;
}

static steno_status sync(trs *r, const xml_elem *el)
{
	steno_status st = put_sync(r); /* a segment with nothing in it keeps its time */
	xml_tree_break(&r->t);
	r->sync_ms = xml_parse_ms(xml_attr_get(el, "time"));
	return st;
}

/* <Who nb="N"/>: the Nth speaker of the turn speaks, over the others,
 * until the next <Who> or the turn's end. */
static steno_status open_subturn(trs *r)
{
	xml_tree_frame *top = xml_tree_top(&r->t);
	if (top && top->kind == K_SUBTURN && xml_tree_pop(&r->t) != STENO_OK)
		return nomem(r);
	if (!r->turn || !r->turn_who)
		return STENO_OK;
	xml_tree_frame *f = xml_tree_push(&r->t, K_SUBTURN);
	steno_node *sub = f ? xml_tree_block(&r->t, f, STENO_NODE_TURN, NULL) : NULL;
	if (!sub)
		return nomem(r);
	steno_node_set_overlap(sub, 1);
	steno_node_set_times(sub, r->sync_ms, STENO_TIME_NONE);
	const char *p = r->turn_who;
	for (int i = 1; *p; i++) {
		p += strspn(p, " ");
		size_t n = strcspn(p, " ");
		if (i == r->who_nb && n)
			return add_speaker(r, sub, p, n);
		p += n;
	}
	return STENO_OK;
}

/* Event, Comment, Background, Vocal: an event whose extent (begin,
 * end, previous, next, instantaneous) stays an attribute. */
static steno_status event(trs *r, const xml_elem *el, const char *kind, const char *text)
{
	if (put_sync(r) != STENO_OK)
		return STENO_ERR_NOMEM;
	steno_node *n = xml_tree_leaf(&r->t, STENO_NODE_EVENT, el);
	if (!text)
		text = "";
	if (!n || steno_node_set_kind(n, kind && *kind ? kind : "event") != STENO_OK ||
	    steno_node_set_literal(n, text, strlen(text)) != STENO_OK ||
	    xml_tree_attrs(&r->t, n, el, "desc") != STENO_OK)
		return nomem(r);
	return STENO_OK;
}

static steno_status trs_start(void *ud, const xml_elem *el)
{
	trs *r = ud;
	int kind = kind_of(el->name);
	xml_tree_frame *f = xml_tree_push(&r->t, kind);
	if (!f)
		return nomem(r);
	if (r->t.depth == 1 && kind != K_TRANS)
		doc_warn(r->doc, "root element <%s> is not Transcriber's <Trans>; its text is kept",
		         el->name);
	switch (kind) {
	case K_TRANS: return read_trans(r, el);
	case K_SPEAKER: return read_speaker(r, el);
	case K_TOPIC: return read_topic(r, el);
	case K_EPISODE:
		if (meta(r, "program", xml_attr_get(el, "program")) != STENO_OK)
			return STENO_ERR_NOMEM;
		return meta(r, "air-date", xml_attr_get(el, "air_date"));
	case K_SECTION: return open_section(r, f, el);
	case K_TURN: return open_turn(r, f, el);
	case K_SYNC: return sync(r, el);
	case K_WHO:
		r->who_nb = xml_attr_get(el, "nb") ? atoi(xml_attr_get(el, "nb")) : 0;
		return STENO_OK;
	case K_EVENT: return event(r, el, xml_attr_get(el, "type"), xml_attr_get(el, "desc"));
	case K_COMMENT: return event(r, el, "comment", xml_attr_get(el, "desc"));
	case K_VOCAL: return event(r, el, "vocal", xml_attr_get(el, "desc"));
	case K_BACKGROUND: return event(r, el, "background", xml_attr_get(el, "type"));
	default: return STENO_OK;
	}
}

static steno_status trs_end(void *ud, const char *name, const char *ns)
{
	(void)name, (void)ns;
	trs *r = ud;
	xml_tree_frame *f = xml_tree_top(&r->t);
	if (!f)
		return STENO_OK;
	int kind = f->kind;
	steno_status st = xml_tree_pop(&r->t);
	if (st == STENO_OK && kind == K_WHO)
		st = open_subturn(r);
	if (st == STENO_OK && kind == K_TURN) {
		r->turn = NULL;
		r->sync_ms = STENO_TIME_NONE; /* a trailing <Sync/> marks the end, which the turn has */
	}
	return st == STENO_OK ? STENO_OK : nomem(r);
}

/* Before the Turn's own frame is popped, its sub-turn's goes. */
static steno_status trs_end_checked(void *ud, const char *name, const char *ns)
{
	trs *r = ud;
	xml_tree_frame *f = xml_tree_top(&r->t);
	if (f && f->kind == K_SUBTURN && xml_tree_pop(&r->t) != STENO_OK)
		return nomem(r);
	return trs_end(ud, name, ns);
}

static int has_content(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!xml_is_space(s[i]))
			return 1;
	return 0;
}

static steno_status trs_text(void *ud, const char *s, size_t len)
{
	trs *r = ud;
	if (r->sync_ms != STENO_TIME_NONE && has_content(s, len) && put_sync(r) != STENO_OK)
		return STENO_ERR_NOMEM;
	return xml_tree_text(&r->t, s, len) == STENO_OK ? STENO_OK : nomem(r);
}

static const xml_callbacks trs_callbacks = {trs_start, trs_end_checked, trs_text};

static steno_status trs_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                             steno_error *err)
{
	steno_error local;
	trs r = {.doc = doc, .err = err ? err : &local, .sync_ms = STENO_TIME_NONE};
	xml_tree_init(&r.t, doc, opts);
	steno_status st = xml_parse(in, &trs_callbacks, &r, NULL, opts, doc, r.err);
	if (st == STENO_OK && xml_tree_finish(&r.t) != STENO_OK)
		st = nomem(&r);
	if (st == STENO_OK)
		xml_warn_repeats_left(doc, r.repeats, "Speaker id");
	/* a speaker Transcriber did not declare is named by its id */
	for (size_t i = 0; st == STENO_OK && i < steno_speaker_count(doc); i++)
		if (!steno_speaker_name(doc, i))
			st = steno_speaker_set(doc, steno_speaker_id(doc, i), steno_speaker_id(doc, i),
			                       NULL);
	xml_tree_free(&r.t);
	free(r.turn_who);
	xml_map_free(&r.speakers);
	xml_buf_free(&r.renamed);
	return st;
}

const format trs_format = {
	.name = "trs",
	.aliases = "transcriber",
	.extensions = ".trs",
	.media_type = "text/xml",
	.description = "Transcriber transcription",
	.stream = trs_read,
};
