/* spool.h - bytes set aside to be written later (a ZIP central
 * directory, an index of documents): a sink that keeps its first
 * 64 KiB in memory and the rest in an anonymous temporary file, so an
 * archive of any number of entries is written in bounded memory. */
#ifndef STENO_SPOOL_H
#define STENO_SPOOL_H

#include "core/sink.h"

/* An empty spool; NULL on no memory. */
steno_sink *spool_new(void);
/* Throw away what is spooled and free the spool; NULL is allowed. */
void spool_free(steno_sink *spool);
/* Write everything spooled to out, in order, leaving the spool empty;
 * 0 or an errno value (the spool's own failure, if it had one). */
int spool_replay(steno_sink *spool, steno_sink *out);

#endif
