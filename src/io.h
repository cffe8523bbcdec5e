/* io.h - reading whole inputs, for the API and the command. */
#ifndef STENO_IO_H
#define STENO_IO_H

#include <stdio.h>

#include "steno.h"

/* Everything left in fp, in a malloc'd buffer with one spare byte after
 * *len (caller frees); NULL with err set (STENO_ERR_IO, STENO_ERR_NOMEM). */
char *io_read_all(FILE *fp, size_t *len, steno_error *err);

#endif
