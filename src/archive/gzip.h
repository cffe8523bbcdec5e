/* gzip.h - deflate and gzip output sinks; gzip input: recognising and
 * inflating it with a size bound. */
#ifndef STENO_GZIP_H
#define STENO_GZIP_H

#include <stddef.h>
#include <stdint.h>

#include "steno.h"

/* A sink that deflates into next (level 1-9, 0 = 6) with zlib's
 * window_bits: 15 + 16 for a gzip member (steno_sink_new_gzip), -15 for
 * the raw deflate data of a ZIP entry.  When the sink is closed, the
 * number of compressed bytes it wrote goes to *total_out (unless NULL).
 * NULL on no memory. */
steno_sink *deflate_sink_new(steno_sink *next, int level, int window_bits,
                             uint64_t *total_out);

/* Non-zero when data starts with the gzip magic bytes. */
int gzip_detect(const char *data, size_t len);

/* The bound of gzip input when opts->max_input sets none: 1 GiB. */
#define GZIP_DEFAULT_MAX ((size_t)1 << 30)

/* Inflate every gzip member of data (concatenated members are one
 * stream, as gzip -d treats them) into a malloc'd, NUL-terminated
 * buffer of at most max bytes; NULL with err set on a corrupt or
 * truncated stream (STENO_ERR_PARSE) or one that inflates beyond max
 * (STENO_ERR_LIMIT).  With a budget (else NULL) max is at most its
 * size, the buffer is reserved from it as it grows, waiting while other
 * parses hold it, and stays reserved until the caller gives *out_len
 * back with budget_give. */
char *gzip_inflate(const char *data, size_t len, size_t max, steno_budget *budget,
                   size_t *out_len, steno_error *err);
/* Give n bytes of budget back (budget may be NULL). */
void budget_give(steno_budget *budget, size_t n);

#endif
