/* passes.h - the passes that enrich a tree after a reader. */
#ifndef STENO_PASSES_H
#define STENO_PASSES_H

#include "node.h"

/* --, ---, ... and straight apostrophes into typographic characters. */
steno_status pass_smart(steno_doc *doc, const steno_options *opts, steno_error *err);

#endif
