/* bundle.h - what the archive formats (ZIP bundle, EPUB) share: the
 * protocol behind steno_archive, and helpers for the small XML and JSON
 * documents an archive adds around its documents. */
#ifndef STENO_ARCHIVE_BUNDLE_H
#define STENO_ARCHIVE_BUNDLE_H

#include <stdint.h>

#include "core/arena.h"
#include "core/format.h"
#include "core/table.h"

/* An archive format: open on a sink, add documents one by one, finish
 * (write the end, flush, free) or discard (free only).  A document is
 * added in two steps.  prepare renders and compresses its entries into
 * memory and copies out what the archive's own documents (index,
 * manifest, navigation, package) say of it, so the document can be
 * freed before it is added.  Of state it reads only what open set and
 * add never changes (the options), so several threads may prepare at
 * once, alongside add.  add then writes a prepared document, on the
 * archive's one thread, and fills in what depends on the documents
 * before it (entry names, chapter numbers). */
typedef struct archive_ops {
	void *(*open)(steno_sink *out, const steno_options *opts, steno_error *err);
	void *(*prepare)(const void *state, const steno_doc *doc, const char *source,
	                 steno_error *err);
	steno_status (*add)(void *state, void *prepared, steno_error *err);
	void (*release)(void *prepared); /* NULL is allowed */
	steno_status (*finish)(void *state, steno_error *err);
	void (*discard)(void *state);
} archive_ops;

/* ops' state on sink (NULL with err set on failure), once the options
 * are known to be ones it can honour: a compression level zlib refuses
 * would otherwise surface as a failure to allocate. */
void *archive_open(const archive_ops *ops, steno_sink *sink, const steno_options *opts,
                   steno_error *err);

/* The archive formats' writers for one document: an archive of one. */
steno_status archive_write_one(const archive_ops *ops, const steno_doc *doc, steno_sink *sink,
                               const steno_options *opts, steno_error *err);

/* What an archive's own documents say of one of its documents, copied
 * out of it: every string lives in mem. */
typedef struct archive_info {
	arena mem;
	const char *source;   /* as given */
	const char *stem;     /* steno_archive_stem(source) */
	const char *title;    /* doc_title(), or NULL */
	const char *date;     /* the metadata date, NULL when none or empty */
	const char *language; /* doc_language(), else "en" */
	const char **speakers; /* display names, else ids, in table order */
	size_t speaker_count;
} archive_info;

/* Fill info from doc; STENO_ERR_NOMEM (err set, info freed) or OK. */
steno_status archive_info_get(archive_info *info, const steno_doc *doc, const char *source,
                              steno_error *err);
void archive_info_free(archive_info *info);

/* The time every entry carries: SOURCE_DATE_EPOCH when it is set to a
 * number (the reproducible-builds convention), else 1980-01-01, the
 * first time ZIP can hold.  Either way the same input gives the same
 * bytes. */
int64_t archive_time(void);
/* t as "YYYY-MM-DDThh:mm:ssZ" into out. */
void archive_format_time(int64_t t, char out[21]);

/* The longest steno_archive_stem(), in bytes, as steno.h promises. */
#define ARCHIVE_STEM_MAX 200

/* Where the search for a free entry name starts, per stem: from the
 * first suffix each time, the n-th document of one stem probed the
 * n - 1 names before it: quadratic over a batch of folders that each
 * hold a transcript.txt.
 * Stems are kept by their 64-bit hash alone: a collision could only
 * start a search later, never give a name twice.  Zeroed is empty. */
typedef struct archive_suffixes {
	table next; /* by the stem's hash, entry the suffix to try next (from 1) */
} archive_suffixes;

/* The first suffix n (1 for none, then 2, 3, ...) that taken(ctx, n)
 * says is free, searching from past the one the last search for stem
 * gave: names are never freed, so the result is the first free one from
 * 1.  0 on no memory. */
unsigned long archive_unique_suffix(archive_suffixes *s, const char *stem,
                                    int (*taken)(void *ctx, unsigned long n), void *ctx);
void archive_suffixes_free(archive_suffixes *s);

#endif
