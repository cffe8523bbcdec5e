/* dialog.h - speaker turns in an XML vocabulary steno does not know,
 * learnt from the document's own structure: an attribute that names
 * who speaks, or sibling elements that alternate like question and
 * answer (formats/xml.md says what is recognised and what is not).
 *
 * The generic reader builds one paragraph per text node, all at the
 * document's top level; the dialog watches the same stream, keeps a
 * record of each element that holds text (its name, speaker
 * attribute, words, whether it ends a sentence, the paragraphs made
 * inside it) and decides once the input is read, since a convention
 * shows only across the whole document. */
#ifndef STENO_XML_DIALOG_H
#define STENO_XML_DIALOG_H

#include "xml/xml.h"

typedef struct dialog_elem dialog_elem;
typedef struct dialog_frame dialog_frame;

typedef struct xml_dialog {
	steno_doc *doc;
	xml_map names;       /* element local names; value = index */
	xml_map values;      /* speaker attribute values; value = index */
	size_t *value_uses;  /* per value: the elements holding text that carry it */
	size_t value_cap;
	dialog_elem *elems;  /* elements holding text, in document order of their starts */
	size_t nelems, elem_cap;
	dialog_frame *frames; /* the open elements */
	size_t depth, frame_cap;
	int in_word;         /* the text so far ends inside a word */
	int final;           /* the text so far ends a sentence */
	xml_buf how;         /* what the turns were read from, for the warning */
} xml_dialog;

void xml_dialog_init(xml_dialog *d, steno_doc *doc);
void xml_dialog_free(xml_dialog *d);

/* The reader's events, each after the tree builder has had it (an
 * element's start and end each end the open paragraph first).  Return
 * STENO_OK or STENO_ERR_NOMEM. */
steno_status xml_dialog_start(xml_dialog *d, const xml_elem *el);
steno_status xml_dialog_text(xml_dialog *d, const char *s, size_t len);
steno_status xml_dialog_end(xml_dialog *d);

/* Once the tree is finished: decide which elements are speakers'
 * turns, wrap their paragraphs in turns and fill the speaker table.
 * *turns is how many were made; when any, *how says from what ("the
 * attribute 'by'", "the elements <Q>, <A>"), valid until
 * xml_dialog_free.  STENO_OK or STENO_ERR_NOMEM. */
steno_status xml_dialog_finish(xml_dialog *d, size_t *turns, const char **how);

#endif
