/* xml_fuzz.h - the body of the XML harnesses (tei.c, trs.c, xml.c):
 * each names the format it feeds.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 sourcepos   0x02 recover   0x04 passes off
 * A printable first byte such as ' ' gives the defaults, so seeds stay
 * readable.  Beyond "no crash", a refused input must say why, and an
 * accepted one must render to HTML and JSON. */
#ifndef FUZZ_XML_FUZZ_H
#define FUZZ_XML_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render_check.h"

static int fuzz_xml(const uint8_t *data, size_t size, const char *format)
{
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = data[0] & 0x01;
	opts.recover = (data[0] & 0x02) != 0;
	if (data[0] & 0x04)
		opts.passes = 0;
	opts.max_input = (size_t)1 << 24; /* a gzip bomb must not eat the fuzzer's time */
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, format, &opts, &err);
	if (!doc) {
		CHECK(err.code != STENO_OK && err.message[0]);
		CHECK(memchr(err.message, '\0', sizeof err.message));
		return 0;
	}
	check_renders(doc, &opts);
	steno_doc_free(doc);
	return 0;
}

#endif
