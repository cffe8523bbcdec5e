/* passes.h - the passes that enrich a tree after a reader. */
#ifndef STENO_PASSES_H
#define STENO_PASSES_H

#include "core/node.h"

/* The quotes pass's state (quotes.c), for a walk another pass
 * makes: every walk of a large tree costs its cache misses. */
typedef struct quotes quotes;
quotes *quotes_new(steno_doc *doc); /* NULL on no memory */
void quotes_free(quotes *q);
/* Quote the paired marks under n, a node the walk leaves (any node:
 * only containers of text are touched); -1 on no memory. */
int quotes_leave(quotes *q, steno_node *n);

/* Speaker labels into turns and speakers, timestamps, stage directions,
 * a dateline and a scraped date prefix (transcript.c); with q, the
 * quotes pass too, in the same walk. */
steno_status pass_transcript(steno_doc *doc, quotes *q, steno_error *err);
/* Paired quotation marks into quote nodes, alone (quotes.c). */
steno_status pass_quotes(steno_doc *doc, steno_error *err);

/* Quotations and reported speech to the people the text says speak
 * them, who join the speaker table (attribution.c); after the quotes
 * pass. */
steno_status pass_attribution(steno_doc *doc, steno_error *err);

/* --, ---, ... and straight apostrophes into typographic characters. */
steno_status pass_smart(steno_doc *doc, steno_error *err);

#endif
