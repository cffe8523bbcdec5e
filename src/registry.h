/* registry.h - the one list of formats: each format file exports its
 * descriptor (core/format.h) and registry.c lists them. */
#ifndef STENO_REGISTRY_H
#define STENO_REGISTRY_H

#include "formats.h"

/* Can the format be read, whole or streamed? */
int format_can_read(const format *f);

/* The registry entry for a name or alias, in any case, or NULL. */
const format *format_lookup(const char *name);

#endif
