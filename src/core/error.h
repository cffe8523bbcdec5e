/* error.h - filling in a caller's steno_error. */
#ifndef STENO_ERROR_H
#define STENO_ERROR_H

#include "steno.h"

/* Set *err (which may be NULL) and return code, so a failure path is
 * one statement: return set_error(err, STENO_ERR_ARG, 0, 0, "..."). */
steno_status set_error(steno_error *err, steno_status code, int line, int column,
                       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory"): the one
 * message every allocation failure gives. */
steno_status error_nomem(steno_error *err);
/* Clear *err to STENO_OK (err may be NULL). */
void clear_error(steno_error *err);

#endif
