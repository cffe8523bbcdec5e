/* json.c - the JSON writer: steno's own schema (see json.md).
 *
 * The walk is iterative over the parent/next links, so the depth of the
 * tree costs nothing but output; no memory is allocated at all. */
#include <stdint.h>
#include <string.h>

#include "core/escape.h"
#include "core/walk.h"
#include "formats.h"

#define JSON_VERSION 1

/* The writer's state: where we are in the nesting, for commas and
 * indentation.  One flag suffices for commas because a closed value
 * always leaves its enclosing container non-empty. */
typedef struct json_writer {
	steno_sink *s;
	int pretty;
	size_t depth; /* open objects and arrays */
	int empty;    /* nothing written yet in the innermost one */
} json_writer;

/* NULL writes as "": required members are present even when unset. */
static void put_cstring(steno_sink *s, const char *str)
{
	escape_json_string(s, str ? str : "", str ? strlen(str) : 0);
}

/* ------------------------------------------------------------------ */
/* Structure                                                          */

static void indent(json_writer *w)
{
	static const char spaces[64] = "                                "
	                               "                                ";
	size_t n = w->depth * 2;

	sink_putc(w->s, '\n');
	for (; n > sizeof spaces; n -= sizeof spaces)
		sink_write(w->s, spaces, sizeof spaces);
	sink_write(w->s, spaces, n);
}

/* Before a member or an array element. */
static void next_value(json_writer *w)
{
	if (!w->empty)
		sink_putc(w->s, ',');
	if (w->pretty)
		indent(w);
	w->empty = 0;
}

static void push(json_writer *w, char c)
{
	sink_putc(w->s, c);
	w->depth++;
	w->empty = 1;
}

static void pop(json_writer *w, char c)
{
	w->depth--;
	if (w->pretty && !w->empty)
		indent(w);
	sink_putc(w->s, c);
	w->empty = 0;
}

/* The writer's own member names are literals needing no escaping: each
 * is quoted, with its colon, at compile time and goes out in one write,
 * as names are most of the strings written. */
typedef struct jname {
	const char *s;
	size_t len;
} jname;
#define NAME(lit) ((jname){"\"" lit "\":", sizeof lit + 2})

static void colon(json_writer *w)
{
	sink_putc(w->s, ':');
	if (w->pretty)
		sink_putc(w->s, ' ');
}

static void key(json_writer *w, jname name)
{
	next_value(w);
	sink_write(w->s, name.s, name.len);
	if (w->pretty)
		sink_putc(w->s, ' ');
}

static void member_str(json_writer *w, jname name, const char *value)
{
	key(w, name);
	put_cstring(w->s, value);
}

/* Optional string members are left out when unset. */
static void member_opt(json_writer *w, jname name, const char *value)
{
	if (value)
		member_str(w, name, value);
}

static void member_int(json_writer *w, jname name, long long value)
{
	key(w, name);
	sink_put_int(w->s, value);
}

static void member_bool(json_writer *w, jname name, int value)
{
	key(w, name);
	sink_puts(w->s, value ? "true" : "false");
}

/* Name/value pairs (metadata, attributes) as one object. */
static void attr_object(json_writer *w, const attr *a)
{
	push(w, '{');
	for (; a; a = a->next) {
		next_value(w);
		put_cstring(w->s, a->name);
		colon(w);
		put_cstring(w->s, a->value);
	}
	pop(w, '}');
}

/* ------------------------------------------------------------------ */
/* Nodes                                                              */

static void member_literal(json_writer *w, const steno_node *n)
{
	key(w, NAME("text"));
	escape_json_string(w->s, node_literal(n) ? node_literal(n) : "", node_literal(n) ? node_len(n) : 0);
}

static void list_fields(json_writer *w, const steno_node *n)
{
	int ordered = n->as.list.type == STENO_LIST_ORDERED;

	member_str(w, NAME("list_type"), ordered ? "ordered" : "bullet");
	member_int(w, NAME("start"), n->as.list.start);
	member_bool(w, NAME("tight"), n->as.list.tight);
	if (ordered)
		member_str(w, NAME("delimiter"), n->as.list.delim == ')' ? ")" : ".");
}

static void turn_fields(json_writer *w, const steno_node *n)
{
	uint32_t i;

	key(w, NAME("speakers"));
	push(w, '[');
	for (i = 0; i < n->speakers; i++) {
		next_value(w);
		put_cstring(w->s, n->as.turn.ids[i]);
	}
	pop(w, ']');
	if (n->as.turn.start != STENO_TIME_NONE)
		member_int(w, NAME("start"), n->as.turn.start);
	if (n->as.turn.end != STENO_TIME_NONE)
		member_int(w, NAME("end"), n->as.turn.end);
	if (n->flags & NODE_OVERLAP)
		member_bool(w, NAME("overlap"), 1);
}

static void time_fields(json_writer *w, const steno_node *n)
{
	if (n->as.turn.start != STENO_TIME_NONE)
		member_int(w, NAME("ms"), n->as.turn.start);
	member_literal(w, n);
}

static void link_fields(json_writer *w, const steno_node *n)
{
	member_str(w, NAME("url"), n->as.link.url);
	member_opt(w, NAME("title"), n->as.link.title);
}

static void dateline_fields(json_writer *w, const steno_node *n)
{
	member_opt(w, NAME("place"), n->as.dateline.place);
	member_opt(w, NAME("date"), n->as.dateline.date);
	member_opt(w, NAME("agency"), n->as.dateline.agency);
}

/* The members particular to the node's type, between "type" and the
 * members every node may have. */
static void type_fields(json_writer *w, const steno_node *n)
{
	switch (n->type) {
	case STENO_NODE_HEADING: member_int(w, NAME("level"), n->as.level); break;
	case STENO_NODE_LIST: list_fields(w, n); break;
	case STENO_NODE_CODE_BLOCK:
		member_opt(w, NAME("info"), n->as.info);
		member_literal(w, n);
		break;
	case STENO_NODE_RAW_BLOCK:
	case STENO_NODE_RAW_INLINE:
		member_str(w, NAME("format"), n->as.kind);
		member_literal(w, n);
		break;
	case STENO_NODE_TEXT:
	case STENO_NODE_CODE: member_literal(w, n); break;
	case STENO_NODE_SECTION:
	case STENO_NODE_NOTE: member_opt(w, NAME("kind"), n->as.kind); break;
	case STENO_NODE_EVENT:
		member_opt(w, NAME("kind"), n->as.kind);
		member_literal(w, n);
		break;
	case STENO_NODE_LINK:
	case STENO_NODE_IMAGE: link_fields(w, n); break;
	case STENO_NODE_TURN: turn_fields(w, n); break;
	case STENO_NODE_QUOTE:
		if (n->speakers > 0)
			member_str(w, NAME("speaker"), n->as.turn.ids[0]);
		break;
	case STENO_NODE_TIME: time_fields(w, n); break;
	case STENO_NODE_DATELINE: dateline_fields(w, n); break;
	default: break;
	}
}

static void pos_member(json_writer *w, const node_pos *p)
{
	const int pos[4] = {p->line, p->col, p->end_line, p->end_col};
	int i;

	key(w, NAME("pos"));
	push(w, '[');
	for (i = 0; i < 4; i++) {
		next_value(w);
		sink_put_int(w->s, pos[i]);
	}
	pop(w, ']');
}

/* Containers always list their children; any other node that a reader
 * gave children anyway lists them too, so the output stays valid JSON
 * and no text is dropped. */
static int lists_children(const steno_node *n)
{
	return node_first(n) || steno_node_type_is_container(n->type);
}

/* Everything up to the node's children, which the walk writes. */
static void node_open(json_writer *w, const steno_node *n, int sourcepos)
{
	next_value(w);
	push(w, '{');
	key(w, NAME("type"));
	/* type names are the library's own, plain ASCII */
	sink_putc(w->s, '"');
	sink_puts(w->s, steno_node_type_name(n->type));
	sink_putc(w->s, '"');
	type_fields(w, n);
	node_attr_buf cue;
	const attr *a = node_attrs(n, &cue);
	if (a) {
		key(w, NAME("attributes"));
		attr_object(w, a);
	}
	const node_pos *p = sourcepos ? node_pos_of(n) : NULL;
	if (p && p->line > 0)
		pos_member(w, p);
	if (lists_children(n)) {
		key(w, NAME("children"));
		push(w, '[');
	}
}

static void node_close(json_writer *w, const steno_node *n)
{
	if (lists_children(n))
		pop(w, ']');
	pop(w, '}');
}

/* The root's children in document order, each closed after its own. */
static void children(json_writer *w, const steno_node *root, int sourcepos)
{
	node_walk walk;

	key(w, NAME("children"));
	push(w, '[');
	node_walk_init(&walk, root);
	node_walk_next(&walk); /* the root, which the caller writes */
	for (;;) {
		steno_event ev = node_walk_next(&walk);
		const steno_node *n = walk.node;
		if (ev == STENO_EVENT_DONE || n == root)
			break;
		if (ev == STENO_EVENT_ENTER)
			node_open(w, n, sourcepos);
		if (ev == STENO_EVENT_EXIT || !node_walk_leaves(n))
			node_close(w, n);
	}
	pop(w, ']');
}

/* ------------------------------------------------------------------ */
/* The document                                                       */

static void speaker_object(json_writer *w, const speaker *sp)
{
	next_value(w);
	push(w, '{');
	member_str(w, NAME("id"), sp->id);
	member_opt(w, NAME("name"), sp->name);
	member_opt(w, NAME("role"), sp->role);
	if (sp->attrs) {
		key(w, NAME("attributes"));
		attr_object(w, sp->attrs);
	}
	pop(w, '}');
}

static void speakers(json_writer *w, const steno_doc *doc)
{
	size_t i;

	key(w, NAME("speakers"));
	push(w, '[');
	for (i = 0; i < doc->speaker_count; i++)
		speaker_object(w, &doc->speakers[i]);
	pop(w, ']');
}

static steno_status json_write(const steno_doc *doc, steno_sink *sink,
                               const steno_options *opts, steno_error *err)
{
	json_writer w = {sink, opts->pretty, 0, 1};

	(void)err; /* nothing here can fail: no allocation, sink errors are the caller's */
	push(&w, '{');
	member_str(&w, NAME("steno"), "document");
	member_int(&w, NAME("version"), JSON_VERSION);
	key(&w, NAME("metadata"));
	attr_object(&w, doc->meta);
	speakers(&w, doc);
	children(&w, doc->root, opts->sourcepos);
	pop(&w, '}');
	if (w.pretty)
		sink_putc(sink, '\n');
	return STENO_OK;
}

const format json_format = {
	.name = "json",
	.extensions = ".json",
	.media_type = "application/json",
	.description = "steno's JSON document schema",
	.write = json_write,
};
