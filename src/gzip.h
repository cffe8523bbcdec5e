/* gzip.h - gzip input: recognising and inflating it with a size bound. */
#ifndef STENO_GZIP_H
#define STENO_GZIP_H

#include <stddef.h>

#include "steno.h"

/* Non-zero when data starts with the gzip magic bytes. */
int gzip_detect(const char *data, size_t len);

/* Inflate every gzip member of data (concatenated members are one
 * stream, as gzip -d treats them) into a malloc'd, NUL-terminated
 * buffer of at most max bytes; NULL with err set on a corrupt or
 * truncated stream (STENO_ERR_PARSE) or one that inflates beyond max
 * (STENO_ERR_LIMIT). */
char *gzip_inflate(const char *data, size_t len, size_t max, size_t *out_len,
                   steno_error *err);

#endif
