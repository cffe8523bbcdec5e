/* zip_roundtrip.c - any reader's document through the ZIP bundle,
 * read back with zlib's inflate: every member must hold exactly what
 * the writers give uncompressed, with the CRC-32 and sizes its data
 * descriptor claims, and the end record must count every member.
 *
 * The first byte chooses: bits 0-1 the reader (text, markdown, xml,
 * text again), 0x04 pretty JSON, 0x08 sourcepos, 0x10 passes off,
 * 0x20 compression level 1 instead of 6.  The rest is the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "steno.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static uint32_t le(const unsigned char *p, int n)
{
	uint32_t v = 0;
	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* Inflate the member at zip[at...], check it against want and its data
 * descriptor; the offset after the descriptor. */
static size_t check_member(const unsigned char *zip, size_t len, size_t at, const char *want,
                           size_t want_len)
{
	CHECK(at + 30 <= len && le(zip + at, 4) == 0x04034b50u);
	CHECK(le(zip + at + 6, 2) == 0x0808 && le(zip + at + 8, 2) == 8);
	size_t data = at + 30 + le(zip + at + 26, 2) + le(zip + at + 28, 2);
	unsigned char *out = malloc(want_len + 1);
	z_stream z = {0};
	CHECK(out && data <= len && inflateInit2(&z, -15) == Z_OK);
	z.next_in = (unsigned char *)zip + data;
	z.avail_in = (uInt)(len - data);
	z.next_out = out;
	z.avail_out = (uInt)want_len + 1;
	CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
	CHECK(z.total_out == want_len && memcmp(out, want, want_len) == 0);
	size_t desc = data + z.total_in;
	CHECK(desc + 16 <= len && le(zip + desc, 4) == 0x08074b50u);
	CHECK(le(zip + desc + 4, 4) == crc32(0, out, (uInt)want_len));
	CHECK(le(zip + desc + 8, 4) == z.total_in && le(zip + desc + 12, 4) == want_len);
	inflateEnd(&z);
	free(out);
	return desc + 16;
}

static void check_bundle(const steno_doc *doc, const steno_options *opts, const char *zip,
                         size_t len)
{
	steno_options page = *opts;
	page.standalone = 1;
	size_t html_len, json_len, at;
	char *html = steno_render_string(doc, "html", &html_len, &page, NULL);
	char *json = steno_render_string(doc, "json", &json_len, opts, NULL);
	CHECK(html && json);
	at = check_member((const unsigned char *)zip, len, 0, html, html_len);
	check_member((const unsigned char *)zip, len, at, json, json_len);
	/* index.html and manifest.json follow; the end record counts all four. */
	CHECK(len >= 22 && le((const unsigned char *)zip + len - 22, 4) == 0x06054b50u);
	CHECK(le((const unsigned char *)zip + len - 12, 2) == 4);
	free(html);
	free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const readers[] = {"text", "markdown", "xml", "text"};
	if (size < 1)
		return 0;
	steno_options opts;
	steno_options_init(&opts);
	opts.pretty = (data[0] & 0x04) != 0;
	opts.sourcepos = (data[0] & 0x08) != 0;
	if (data[0] & 0x10)
		opts.passes = 0;
	opts.compress_level = data[0] & 0x20 ? 1 : 6;
	opts.max_input = (size_t)1 << 24;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, readers[data[0] & 3], &opts,
	                             NULL);
	if (!doc)
		return 0;
	steno_sink *mem = steno_sink_new_memory();
	steno_archive *a = steno_archive_new("zip", mem, &opts, NULL);
	CHECK(a && steno_archive_add(a, doc, "fuzz.txt", NULL) == STENO_OK);
	CHECK(steno_archive_close(a, NULL) == STENO_OK);
	size_t len;
	const char *zip = steno_sink_memory_data(mem, &len);
	check_bundle(doc, &opts, zip, len);
	steno_sink_close(mem);
	steno_doc_free(doc);
	return 0;
}
