/* doc_input.h - the input of a whole-input reader as UTF-8 that its
 * document owns, so that text nodes can point into it. */
#ifndef STENO_DOC_INPUT_H
#define STENO_DOC_INPUT_H

#include "core/node.h"

/* data[0..len) as utf8_from_input gives it (forced: its encoding, or
 * NULL to detect), owned by doc: the input itself when it is the
 * parse's own copy (doc->input) and UTF-8 already, else a decoded
 * copy.  A second copy of a large input was as big as the input.
 * Either way it is NUL-terminated and the reader may write into it and
 * keep pointers into it.  Its length in *n, what was replaced and
 * detected as utf8_from_input says; NULL with err set on failure. */
char *doc_input_utf8(steno_doc *doc, const char *data, size_t len, const char *forced,
                     size_t *n, size_t *replaced, const char **detected, steno_error *err);

/* The warnings a decoding gives: a guessed Windows-1252 (detected set),
 * replaced bytes. */
void doc_input_warn(steno_doc *doc, const char *detected, size_t replaced);

/* doc_input_utf8 with those warnings, as plain-text readers take it. */
char *doc_input_text(steno_doc *doc, const char *data, size_t len, const char *forced,
                     size_t *n, steno_error *err);

#endif
