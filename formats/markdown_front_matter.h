/* markdown_front_matter.h - the YAML-style front matter on top of Markdown files
 * (see markdown.md for the subset read). */
#ifndef STENO_FRONT_MATTER_H
#define STENO_FRONT_MATTER_H

#include "core/node.h"

/* The metadata key under which the front matter that is not flat
 * key: value pairs is kept verbatim. */
#define FRONT_MATTER_RAW_KEY "front_matter"

/* When s[0..len) starts with a front matter block, read it into doc's
 * metadata and set *body to the offset of what follows it and *lines to
 * the number of lines it takes; otherwise both are 0.  Returns -1 on no
 * memory, 0 otherwise: front matter is never an error. */
int front_matter_read(steno_doc *doc, const char *s, size_t len, size_t *body, size_t *lines);

/* Lines as cmark splits them, at LF, CR or CRLF: the end of the line
 * starting at pos (its CR or LF, or len), and the start of the line
 * after the one that ends at eol. */
size_t md_line_end(const char *s, size_t len, size_t pos);
size_t md_after_eol(const char *s, size_t len, size_t eol);

#endif
