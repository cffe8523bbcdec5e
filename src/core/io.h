/* io.h - reading inputs, whole or a piece at a time, for the API and
 * the command. */
#ifndef STENO_IO_H
#define STENO_IO_H

#include <stdio.h>

#include "steno.h"

/* head[0..head_len), already read from fp (0 bytes: none), and
 * everything left in fp, in a malloc'd buffer with one spare byte after
 * *len (caller frees); NULL with err set (STENO_ERR_IO, STENO_ERR_NOMEM). */
char *io_read_rest(const char *head, size_t head_len, FILE *fp, size_t *len,
                   steno_error *err);

/* An input a streaming reader (the XML ones) takes a piece at a time,
 * so a large file never sits whole in memory beside its tree:
 * head[0..head_len) first (all of a buffer, or what was read from fp
 * to recognise the input), then whatever is left in fp unless it is
 * NULL.  size counts every byte when that is known beforehand (a
 * buffer, a regular file), else 0. */
typedef struct io_input {
	const char *head;
	size_t head_len;
	FILE *fp;
	size_t size;
} io_input;

/* The size of what is left in fp when it is a regular file, else 0. */
size_t io_size_left(FILE *fp);

#endif
