/* cues_out.h - captions out of any document with times: the WebVTT and
 * SRT writers (formats/vtt.md and srt.md say what they write). */
#ifndef STENO_CUES_OUT_H
#define STENO_CUES_OUT_H

#include "core/format.h"

/* format_writers.  A document without a time anywhere is refused with
 * STENO_ERR_FORMAT, limits out of range with STENO_ERR_ARG. */
steno_status captions_write_vtt(const steno_doc *doc, steno_sink *sink,
                                const steno_options *opts, steno_error *err);
steno_status captions_write_srt(const steno_doc *doc, steno_sink *sink,
                                const steno_options *opts, steno_error *err);

#endif
