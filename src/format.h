/* format.h - the protocol every format file follows, and the registry. */
#ifndef STENO_FORMAT_H
#define STENO_FORMAT_H

#include "io.h"
#include "node.h"
#include "sink.h"

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

typedef struct format {
	const char *name;
	const char *aliases;    /* space-separated, maybe "" */
	const char *extensions; /* space-separated, with dots */
	const char *media_type;
	const char *description;
	format_reader read;     /* NULL when the format streams or is not read */
	format_writer write;
	format_stream_reader stream; /* or NULL */
} format;

/* Can the format be read, whole or streamed? */
int format_can_read(const format *f);

/* The registry entry for a name or alias, or NULL. */
const format *format_lookup(const char *name);
const format *format_at(size_t i);

/* Each format file exports its reader and/or writer. */
steno_status text_read(steno_doc *doc, const char *data, size_t len,
                       const steno_options *opts, steno_error *err);
steno_status tei_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                      steno_error *err);
steno_status trs_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                      steno_error *err);
steno_status xml_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                      steno_error *err);
steno_status markdown_read(steno_doc *doc, const char *data, size_t len,
                           const steno_options *opts, steno_error *err);
steno_status html_write(const steno_doc *doc, steno_sink *sink,
                        const steno_options *opts, steno_error *err);
steno_status json_write(const steno_doc *doc, steno_sink *sink,
                        const steno_options *opts, steno_error *err);
/* Archives of one document; several go through steno_archive. */
steno_status zip_write(const steno_doc *doc, steno_sink *sink,
                       const steno_options *opts, steno_error *err);
steno_status epub_write(const steno_doc *doc, steno_sink *sink,
                        const steno_options *opts, steno_error *err);

#endif
