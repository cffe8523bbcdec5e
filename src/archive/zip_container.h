/* zip_container.h - a streaming ZIP container writer on zlib (APPNOTE 6.3):
 * local headers, data descriptors after deflated entries, a central
 * directory spooled outside memory, ZIP64 records when the entry count,
 * a size or an offset outgrows the classic fields.  Entries carry one
 * fixed timestamp and come out in the order added, so the same entries
 * give the same bytes. */
#ifndef STENO_ZIPFILE_H
#define STENO_ZIPFILE_H

#include <stdint.h>

#include "core/sink.h"

typedef struct zip_writer zip_writer;

/* A writer appending to out (flushed, never closed, by zip_finish):
 * entries deflated at level (1-9, 0 = 6), stamped with the Unix time
 * mtime (clamped to the DOS range 1980-2107).  NULL on no memory. */
zip_writer *zip_new(steno_sink *out, int level, int64_t mtime);

/* Non-zero when an entry of this name was already added. */
int zip_has(const zip_writer *z, const char *name);

/* Add name holding data[0..len) (under 4 GiB) stored, uncompressed:
 * sizes and CRC in the local header, no extra field, no data descriptor,
 * as EPUB's mimetype must be. */
steno_status zip_add(zip_writer *z, const char *name, const char *data, size_t len,
                     steno_error *err);

/* Start a deflated entry whose content is not known yet: the content is
 * written to the returned sink (which belongs to the writer) and
 * zip_end_entry() finishes it.  NULL with err set on failure. */
steno_sink *zip_begin_entry(zip_writer *z, const char *name, steno_error *err);
/* Finish the open entry; its CRC-32 and uncompressed size go to *crc and
 * *size when those are not NULL. */
steno_status zip_end_entry(zip_writer *z, uint32_t *crc, uint64_t *size, steno_error *err);

/* An entry deflated into memory before it is added, so that worker
 * threads can compress members in parallel while the thread owning
 * the writer only copies finished ones out, in the order it wants.  A
 * prepared entry is written with the same bytes zip_begin_entry would
 * write for the same content. */
typedef struct zip_prepared zip_prepared;

/* Start one at level (1-9, 0 = 6): write the content to
 * zip_prepared_sink(), then zip_prepared_end().  NULL on no memory. */
zip_prepared *zip_prepare(int level);
steno_sink *zip_prepared_sink(zip_prepared *p);
/* Finish deflating; its CRC-32 and uncompressed size go to *crc and
 * *size when those are not NULL.  Fails only for want of memory. */
steno_status zip_prepared_end(zip_prepared *p, uint32_t *crc, uint64_t *size, steno_error *err);
/* Add the ended p as a deflated entry called name; p stays the
 * caller's, to free. */
steno_status zip_add_prepared(zip_writer *z, const char *name, const zip_prepared *p,
                              steno_error *err);
/* NULL is allowed. */
void zip_prepared_free(zip_prepared *p);

/* Write the central directory and end records, flush out and free z.
 * On failure z is freed all the same. */
steno_status zip_finish(zip_writer *z, steno_error *err);
/* Free z without finishing the archive (after a failure); NULL is allowed. */
void zip_free(zip_writer *z);

#endif
