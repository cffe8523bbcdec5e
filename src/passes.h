/* passes.h - the passes that enrich a tree after a reader. */
#ifndef STENO_PASSES_H
#define STENO_PASSES_H

#include "node.h"

/* Speaker labels into turns and speakers, timestamps, stage directions,
 * a dateline and a scraped date prefix (pass_transcript.c). */
steno_status pass_transcript(steno_doc *doc, const steno_options *opts, steno_error *err);
/* Paired quotation marks into quote nodes (pass_quotes.c). */
steno_status pass_quotes(steno_doc *doc, const steno_options *opts, steno_error *err);

/* --, ---, ... and straight apostrophes into typographic characters. */
steno_status pass_smart(steno_doc *doc, const steno_options *opts, steno_error *err);

#endif
