/* xml.h - what the XML readers (TEI, Transcriber, generic XML) share:
 * a streaming libxml2 parse under steno's safety rules (sax.c) and
 * a builder that turns mixed content into blocks and inlines
 * (tree.c). */
#ifndef STENO_XML_H
#define STENO_XML_H

#include <stddef.h>

#include "core/io.h"
#include "core/node.h"

/* Elements nested deeper than this are refused: every walk of the tree
 * is iterative, but no real transcript comes near it and the builder's
 * stack stays small. */
#define XML_MAX_DEPTH 200
/* Entity references may expand to at most this many bytes, plus the
 * input's own size: a few internal entities are fine, a billion laughs
 * is not. */
#define XML_MAX_EXPANSION ((size_t)1 << 20)

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"

/* XML's white space: what separates words and attributes. */
static inline int xml_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

typedef struct xml_attr {
	const char *name;  /* "prefix:local" when prefixed ("xml:id"), else local */
	const char *value; /* NUL-terminated */
} xml_attr;

typedef struct xml_elem {
	const char *name; /* local name */
	const char *ns;   /* namespace URI, or NULL */
	const xml_attr *attrs;
	size_t nattrs;
	int line, col;    /* where libxml2 was when it reported the start tag */
} xml_elem;

/* The value of the attribute named name, or NULL. */
const char *xml_attr_get(const xml_elem *el, const char *name);

/* A reader's callbacks; each returns STENO_OK or stops the parse with
 * the error it has put in its own steno_error. */
typedef struct xml_callbacks {
	steno_status (*start)(void *ud, const xml_elem *el);
	steno_status (*end)(void *ud, const char *name, const char *ns);
	steno_status (*text)(void *ud, const char *s, size_t len);
} xml_callbacks;

struct xml_map;

/* Parse in as XML, streaming, calling cb with ud.  No network, no DTD
 * or external entity loaded, entity expansion and nesting bounded.
 * Malformed XML fails with STENO_ERR_PARSE at libxml2's line and
 * column, unless opts->recover, when its errors become warnings on
 * doc.  opts->encoding overrides the XML declaration.  Each xml:id the
 * callbacks see is unique among those in ids (the parse's own when
 * NULL; a reader shares one with the files it includes): a repeat is
 * renamed as xml_map_take_id() says, with a warning. */
steno_status xml_parse(const io_input *in, const xml_callbacks *cb, void *ud, struct xml_map *ids,
                       const steno_options *opts, steno_doc *doc, steno_error *err);

/* The root element's local name and namespace (copied into name and ns,
 * each of size cap; ns "" when none), from a parse of data[0..len) that
 * stops at the root; last says data is the whole input, else it is only
 * its start.  Returns STENO_OK, or the parse error met before the root;
 * name is "" when a start ends before the root does. */
steno_status xml_root(const char *data, size_t len, int last, const steno_options *opts,
                      char *name, char *ns, size_t cap, steno_error *err);

/* ---- the tree builder ---- */

/* A growable byte buffer. */
typedef struct xml_buf {
	char *s;
	size_t len, cap;
} xml_buf;

int xml_buf_add(xml_buf *b, const char *s, size_t len); /* 0, or -1 on no memory */
void xml_buf_free(xml_buf *b);

/* Strings to numbers, open-addressed: a TEI timeline's points, the ids
 * met so far.  Keys are copied in. */
typedef struct xml_map_pair {
	size_t key; /* where the key starts in keys */
	int64_t value;
} xml_map_pair;

typedef struct xml_map {
	xml_buf keys; /* NUL-terminated, end to end */
	xml_map_pair *pairs; /* in the order put */
	size_t pair_cap;
	table index; /* of keys, entry = the pair's index + 1 */
} xml_map;

/* Is key in m?  Its value goes to *value when value is not NULL. */
int xml_map_get(const xml_map *m, const char *key, int64_t *value);
/* Set key's value, adding key when it is new.  0, or -1 on no memory. */
int xml_map_put(xml_map *m, const char *key, int64_t value);
void xml_map_free(xml_map *m);
/* Take id into m, which holds the ids met so far.  *name is id itself
 * when it is new; for a repeat it is a name m did not hold, "ID-2"
 * (else -3, -4, ...), kept in out until the next call.  Returns 1 for
 * a repeat, 0 otherwise, -1 on no memory. */
int xml_map_take_id(xml_map *m, const char *id, xml_buf *out, const char **name);
/* The warning for a repeat xml_map_take_id() renamed, "LINE:COL: WHAT
 * 'ID' is used before: this one is read as 'NAME'", for the first 20
 * that *count counts; xml_warn_repeats_left() then says how many more
 * there were, so a hostile file cannot make a warning per element. */
void xml_warn_repeat(steno_doc *doc, size_t *count, const char *what, int line, int col,
                     const char *id, const char *name);
void xml_warn_repeats_left(steno_doc *doc, size_t count, const char *what);

/* Builds blocks and inlines from a stream of XML content.  Text is
 * whitespace-normalised as XML prose is read: each run of blanks and
 * line ends is one space, and none at a paragraph's start or end.  Text
 * at block level opens a paragraph; a block opened where a paragraph is
 * open ends it.  Every element's state is saved by xml_tree_push and restored
 * by xml_tree_pop, so a reader never tracks where it is by hand. */
typedef struct xml_tree_frame {
	steno_node *block, *para, *inl; /* the builder's state before the element */
	steno_node *node;               /* what the element opened, or NULL */
	int kind;                       /* the reader's own tag for the element */
	int capture;                    /* the element's text went to the capture buffer */
	size_t cap_start;               /* where the element's captured text starts */
	const char *key;                /* the reader's: where the element's text goes */
	char lang[16];                  /* the reader's: the element's xml:lang */
} xml_tree_frame;

typedef struct xml_tree {
	steno_doc *doc;
	steno_node *block; /* where blocks go */
	steno_node *para;  /* the open paragraph or heading, or NULL */
	steno_node *inl;   /* where inlines go while para is open */
	xml_buf text;      /* text not yet in a node */
	int space;         /* a space is due before the next text */
	int started;       /* para holds something, so a due space is kept */
	int capturing;     /* >0: text goes to cap, not to the tree */
	xml_buf cap;
	steno_node *pending; /* an anchor waiting for the next paragraph */
	xml_tree_frame *frames;
	size_t depth, frame_cap;
	int sourcepos;
} xml_tree;

void xml_tree_init(xml_tree *t, steno_doc *doc, const steno_options *opts);
void xml_tree_free(xml_tree *t);
/* Push a frame for an element; the returned frame is the new top. */
xml_tree_frame *xml_tree_push(xml_tree *t, int kind);
/* Pop the top frame, restoring the state before its element. */
steno_status xml_tree_pop(xml_tree *t);
xml_tree_frame *xml_tree_top(xml_tree *t);
/* The frame below the top with this kind, nearest first, or NULL. */
xml_tree_frame *xml_tree_find(xml_tree *t, int kind);

steno_status xml_tree_text(xml_tree *t, const char *s, size_t len);
/* A due space, as between words that are elements of their own. */
void xml_tree_space(xml_tree *t);
/* Open a block in the current block container (ending any paragraph);
 * it becomes the container.  Paragraphs and headings become the open
 * paragraph instead.  NULL on no memory. */
steno_node *xml_tree_block(xml_tree *t, xml_tree_frame *f, steno_node_type type,
                           const xml_elem *el);
/* Open an inline container (emphasis, link, quote) in the paragraph,
 * opening one if needed; it becomes where inlines go. */
steno_node *xml_tree_inline(xml_tree *t, xml_tree_frame *f, steno_node_type type,
                            const xml_elem *el);
/* Add an inline leaf (event, time, break, text with attributes). */
steno_node *xml_tree_leaf(xml_tree *t, steno_node_type type, const xml_elem *el);
/* Put the text read so far into the tree, to be looked at. */
steno_status xml_tree_flush(xml_tree *t);
/* End the open paragraph: the next text starts a new one. */
void xml_tree_break(xml_tree *t);
/* Hold an inline leaf until the next paragraph opens, so an anchor
 * between blocks does not make a paragraph of its own. */
steno_node *xml_tree_anchor(xml_tree *t, steno_node_type type, const xml_elem *el);
/* Start sending the element's text to the capture buffer; its pop
 * stops.  xml_tree_captured() is the text so far, whitespace-normalised. */
void xml_tree_capture(xml_tree *t, xml_tree_frame *f);
const char *xml_tree_captured(xml_tree *t, const xml_tree_frame *f);
/* Is a paragraph open?  Is an inline container (emphasis, link) open
 * in it, so that a block there would cut it in two? */
int xml_tree_in_para(const xml_tree *t);
int xml_tree_in_inline(const xml_tree *t);
/* Flush pending text and anchors at the end of the document. */
steno_status xml_tree_finish(xml_tree *t);
/* Copy el's attributes onto n, except those named in skip (a
 * space-separated list, maybe NULL). */
steno_status xml_tree_attrs(xml_tree *t, steno_node *n, const xml_elem *el, const char *skip);

/* Seconds as Transcriber and TEI write them ("12.5", "PT1M2.5S",
 * "21:15:23", "2020-04-22T21:15:23+02:00": the time of day) into
 * milliseconds; STENO_TIME_NONE when s is none of those. */
int64_t xml_parse_ms(const char *s);

#endif
