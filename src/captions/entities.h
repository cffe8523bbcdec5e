/* entities.h - HTML's named character references, for WebVTT cue text. */
#ifndef STENO_ENTITIES_H
#define STENO_ENTITIES_H

#include <stddef.h>

/* Longer than any name in the table, its ';' included. */
#define ENTITY_NAME_MAX 40

/* The character(s) of the longest named reference that s[0..len) (the
 * bytes after '&') starts with, as UTF-8, its length in *used; NULL
 * when it starts with none. */
const char *entity_named(const char *s, size_t len, size_t *used);

#endif
