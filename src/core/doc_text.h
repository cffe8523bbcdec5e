/* doc_text.h - what every writer says of a document the same way: its
 * title and language, its speakers' names, and a subtree as the plain
 * text a reader sees. */
#ifndef STENO_DOC_TEXT_H
#define STENO_DOC_TEXT_H

#include "core/node.h"
#include "core/sink.h"

/* How plain text reaches a sink: an escaper of core/escape.h, or
 * plain_copy for the text as it is. */
typedef void (*plain_put)(steno_sink *s, const char *str, size_t len);
void plain_copy(steno_sink *s, const char *str, size_t len);

/* The mark that opens (open) or closes quote n at nesting depth: the
 * first character of its "marks" attribute, or the rest, when the
 * source's own marks were kept; else curly double marks, single ones
 * inside them.  Its length in *len. */
const char *quote_mark(const steno_node *n, int depth, int open, size_t *len);

/* Whether quote n continues into the next paragraph, where it closes:
 * the news convention the quotes pass recognises. */
int quote_continued(const steno_node *n);

/* The text under n through put: text, code, events and times; breaks
 * as spaces; quotations in their marks, nested from quote_depth; an
 * image's description.  The page title, alt text and contents lists
 * all read the same. */
void plain_text_put(steno_sink *s, const steno_node *n, int quote_depth, plain_put put);
/* The same, malloc'd; NULL on no memory. */
char *plain_text(const steno_node *n);

/* The heading that titles the document: its first with any plain text;
 * NULL when none has. */
const steno_node *doc_title_heading(const steno_doc *doc);
/* The document's title through put: the metadata title, else the title
 * heading's plain text.  0 when it has neither. */
int doc_title_put(steno_sink *s, const steno_doc *doc, plain_put put);
/* The same, malloc'd; NULL when there is none or no memory. */
char *doc_title(const steno_doc *doc);

/* The name a speaker is shown by: the speaker table's name, else the
 * id itself (an id the table lacks included). */
const char *doc_speaker_name(const steno_doc *doc, const char *id);

/* The metadata language ("language", else "lang") when it is a
 * well-formed BCP 47 tag; if_none when there is none, if_invalid when it
 * is not a tag: each writer says what it writes instead. */
const char *doc_language(const steno_doc *doc, const char *if_none, const char *if_invalid);

#endif
