/* format.h - the protocol every format file follows: its descriptor. */
#ifndef STENO_FORMAT_H
#define STENO_FORMAT_H

#include "core/io.h"
#include "core/node.h"
#include "core/sink.h"

/* A reader fills doc (a fresh document with an empty root) from data.
 * On failure it returns the error; the caller frees doc. */
typedef steno_status (*format_reader)(steno_doc *doc, const char *data, size_t len,
                                      const steno_options *opts, steno_error *err);
/* A reader that streams takes its input a piece at a time instead
 * (see io_input); the same contract otherwise. */
typedef steno_status (*format_stream_reader)(steno_doc *doc, const io_input *in,
                                             const steno_options *opts, steno_error *err);
/* A writer writes doc to sink.  It need not check sink errors: the
 * caller does, once, after flushing. */
typedef steno_status (*format_writer)(const steno_doc *doc, steno_sink *sink,
                                      const steno_options *opts, steno_error *err);

struct archive_ops; /* archive/bundle.h */

/* A format, as its file describes it with designated initialisers;
 * what a format leaves out is NULL or 0.  Everything that depends on
 * the format asks its descriptor (formats/README.md says how to add
 * one). */
typedef struct format {
	const char *name;
	const char *aliases;    /* space-separated, or NULL */
	const char *extensions; /* space-separated, with dots */
	const char *media_type;
	const char *description;
	format_reader read;          /* takes the whole input in one buffer */
	format_stream_reader stream; /* or takes it a piece at a time */
	format_writer write;
	/* Does data, given as plain text (a table saved as .txt), hold this
	 * format unmistakably?  The plain-text reader then hands it over. */
	int (*sniff)(const char *data, size_t len);
	/* Several documents in one output (steno_archive), for a format
	 * whose writer writes an archive of one. */
	const struct archive_ops *archive;
	unsigned flags; /* STENO_FORMAT_COMPRESSED, STENO_FORMAT_TIMED */
} format;

#endif
