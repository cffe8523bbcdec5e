/* test_zip.c - the ZIP container and the archive API: members read
 * back with zlib, refused names, ZIP64 end records, reproducibility. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "archive/bundle.h"
#include "archive/zip_container.h"
#include "steno.h"
#include "unit.h"

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return le16(p) | (uint32_t)le16(p + 2) << 16;
}

/* The data of the first member of a one-entry archive, inflated. */
static void check_first_member(const unsigned char *zip, size_t len, const char *want)
{
	CHECK(len > 30 && le32(zip) == 0x04034b50u);
	unsigned name_len = le16(zip + 26), extra_len = le16(zip + 28);
	CHECK(le16(zip + 6) == 0x0808); /* data descriptor, UTF-8 */
	char out[256] = "";
	z_stream z = {0};
	CHECK(inflateInit2(&z, -15) == Z_OK);
	z.next_in = (unsigned char *)zip + 30 + name_len + extra_len;
	z.avail_in = (uInt)(len - 30 - name_len - extra_len);
	z.next_out = (unsigned char *)out;
	z.avail_out = sizeof out - 1;
	CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
	inflateEnd(&z);
	CHECK_STR(out, want);
}

static void test_container(void)
{
	steno_sink *mem = steno_sink_new_memory();
	zip_writer *z = zip_new(mem, 9, 0);
	steno_error err;
	CHECK(z != NULL);
	steno_sink *s = zip_begin_entry(z, "a/b.txt", &err);
	CHECK(s != NULL);
	steno_sink_write(s, "hello, hello, hello", 19);
	uint32_t crc = 0;
	uint64_t size = 0;
	CHECK(zip_end_entry(z, &crc, &size, &err) == STENO_OK);
	CHECK(size == 19 && crc == crc32(0, (const unsigned char *)"hello, hello, hello", 19));
	CHECK(zip_add(z, "a/b.txt", "x", 1, &err) == STENO_ERR_ARG); /* duplicate */
	CHECK(zip_add(z, "../x", "x", 1, &err) == STENO_ERR_ARG);
	CHECK(zip_add(z, "/x", "x", 1, &err) == STENO_ERR_ARG);
	CHECK(zip_add(z, "a//x", "x", 1, &err) == STENO_ERR_ARG);
	CHECK(zip_add(z, "\xff.txt", "x", 1, &err) == STENO_ERR_ARG);
	CHECK(zip_has(z, "a/b.txt") && !zip_has(z, "a/c.txt"));
	CHECK(zip_finish(z, &err) == STENO_OK);
	size_t len;
	const unsigned char *zip = (const unsigned char *)steno_sink_memory_data(mem, &len);
	check_first_member(zip, len, "hello, hello, hello");
	/* The end record: one entry, the central directory right before it. */
	CHECK(len > 22 && le32(zip + len - 22) == 0x06054b50u && le16(zip + len - 12) == 1);
	steno_sink_close(mem);
}

/* A zip of one deflated entry holding text, streamed or prepared;
 * the memory sink holding it, to close. */
static steno_sink *one_entry_zip(const char *text, int prepared)
{
	steno_sink *mem = steno_sink_new_memory();
	zip_writer *z = zip_new(mem, 6, 0);
	steno_error err;
	uint32_t crc = 0;
	uint64_t size = 0;
	if (prepared) {
		zip_prepared *p = zip_prepare(6);
		CHECK(p != NULL);
		steno_sink_write(zip_prepared_sink(p), text, strlen(text));
		CHECK(zip_prepared_end(p, &crc, &size, &err) == STENO_OK);
		CHECK(zip_prepared_end(p, NULL, NULL, &err) == STENO_ERR_ARG); /* ended once only */
		CHECK(zip_add_prepared(z, "t.txt", p, &err) == STENO_OK);
		CHECK(zip_add_prepared(z, "t.txt", p, &err) == STENO_ERR_ARG); /* duplicate */
		zip_prepared_free(p);
	} else {
		steno_sink *s = zip_begin_entry(z, "t.txt", &err);
		CHECK(s != NULL);
		steno_sink_write(s, text, strlen(text));
		CHECK(zip_end_entry(z, &crc, &size, &err) == STENO_OK);
	}
	CHECK(size == strlen(text) && crc == crc32(0, (const unsigned char *)text, (uInt)size));
	CHECK(zip_finish(z, &err) == STENO_OK);
	return mem;
}

/* An entry deflated ahead and added whole is the same bytes as one
 * streamed: archives stay identical whichever path a member took. */
static void test_prepared(void)
{
	/* More than the first stage's 64 KiB buffer, so it drains mid-way. */
	size_t len = 200000;
	char *text = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		text[i] = "Q: Why?\nA: Because.\n"[i % 20] + (char)(i / 4096 % 3);
	text[len] = '\0';
	steno_sink *streamed = one_entry_zip(text, 0), *prepared = one_entry_zip(text, 1);
	size_t a_len, b_len;
	const char *a = steno_sink_memory_data(streamed, &a_len);
	const char *b = steno_sink_memory_data(prepared, &b_len);
	CHECK(a_len == b_len && memcmp(a, b, a_len) == 0);
	steno_sink_close(streamed);
	steno_sink_close(prepared);
	free(text);
	zip_prepared_free(NULL);
	/* Freed unended: nothing leaks (checked under ASan). */
	zip_prepared *p = zip_prepare(1);
	CHECK(p != NULL);
	steno_sink_write(zip_prepared_sink(p), "abandoned", 9);
	zip_prepared_free(p);
}

/* 65 535 entries and more need the ZIP64 end record and locator. */
static void test_zip64_count(void)
{
	steno_sink *mem = steno_sink_new_memory();
	zip_writer *z = zip_new(mem, 1, 0);
	steno_error err;
	char name[32];
	steno_status st = STENO_OK;
	for (int i = 0; i < 70000 && st == STENO_OK; i++) {
		snprintf(name, sizeof name, "%05d", i);
		st = zip_add(z, name, "", 0, &err);
	}
	CHECK(st == STENO_OK);
	CHECK(zip_finish(z, &err) == STENO_OK);
	size_t len;
	const unsigned char *zip = (const unsigned char *)steno_sink_memory_data(mem, &len);
	const unsigned char *end = zip + len - 22, *locator = end - 20, *end64 = locator - 56;
	CHECK(le32(end) == 0x06054b50u && le16(end + 10) == 0xFFFF);
	CHECK(le32(locator) == 0x07064b50u && le32(end64) == 0x06064b50u);
	CHECK(le32(end64 + 32) == 70000); /* entries, low half */
	steno_sink_close(mem);
}

/* Whether needle occurs in data[0..len), which may hold NULs. */
static int has_bytes(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return 1;
	return 0;
}

static char *archive_of(const char *format, const char *text)
{
	steno_error err;
	steno_doc *doc = steno_parse(text, strlen(text), "text", NULL, &err);
	steno_sink *mem = steno_sink_new_memory();
	steno_archive *a = steno_archive_new(format, mem, NULL, &err);
	CHECK(doc && a);
	CHECK(steno_archive_add(a, doc, "../../etc/passwd.txt", &err) == STENO_OK);
	CHECK(steno_archive_add(a, doc, "../../etc/passwd.txt", &err) == STENO_OK);
	CHECK(steno_archive_close(a, &err) == STENO_OK);
	size_t len;
	const char *data = steno_sink_memory_data(mem, &len);
	char *copy = malloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	/* Names are printable in the central directory: look for them. */
	CHECK(has_bytes(copy, len, strcmp(format, "zip") == 0 ? "etc/passwd.html" : "c0002.xhtml"));
	if (strcmp(format, "zip") == 0)
		CHECK(has_bytes(copy, len, "etc/passwd-2.html"));
	CHECK(!has_bytes(copy, len, "../"));
	steno_sink_close(mem);
	steno_doc_free(doc);
	return copy;
}

static void test_archive_api(void)
{
	steno_error err;
	steno_sink *mem = steno_sink_new_memory();
	CHECK(steno_archive_new("html", mem, NULL, &err) == NULL && err.code == STENO_ERR_FORMAT);
	CHECK(steno_archive_new("nonsense", mem, NULL, &err) == NULL);
	CHECK(steno_archive_new(NULL, mem, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_archive_add(NULL, NULL, NULL, &err) == STENO_ERR_ARG);
	CHECK(steno_archive_close(NULL, &err) == STENO_OK);
	steno_archive_abort(NULL);
	steno_archive *a = steno_archive_new("epub", mem, NULL, &err);
	steno_archive_abort(a);
	steno_sink_close(mem);
	free(archive_of("zip", "Q: One?\n\nA: Two.\n"));
	char *x = archive_of("epub", "Q: One?\n"), *y = archive_of("epub", "Q: One?\n");
	CHECK(strcmp(x, y) == 0);
	free(x);
	free(y);
}

/* An archive of doc added twice under one name, by steno_archive_add
 * or in two steps; malloc'd, its length in *len. */
static unsigned char *twice(const char *format, const steno_doc *doc, int two_steps, size_t *len)
{
	steno_error err;
	steno_sink *mem = steno_sink_new_memory();
	steno_archive *a = steno_archive_new(format, mem, NULL, &err);
	for (int i = 0; i < 2; i++) {
		if (!two_steps) {
			CHECK(steno_archive_add(a, doc, "a/b.txt", &err) == STENO_OK);
			continue;
		}
		steno_archive_doc *d = steno_archive_prepare(a, doc, "a/b.txt", &err);
		CHECK(d != NULL);
		CHECK(steno_archive_add_prepared(a, d, &err) == STENO_OK);
		steno_archive_doc_free(d);
	}
	CHECK(steno_archive_close(a, &err) == STENO_OK);
	const char *data = steno_sink_memory_data(mem, len);
	unsigned char *copy = malloc(*len);
	memcpy(copy, data, *len);
	steno_sink_close(mem);
	return copy;
}

/* The two steps give steno_archive_add's bytes; a document prepared
 * for one archive's format is refused by another's, which goes on. */
static void test_two_steps(void)
{
	steno_error err;
	const char *text = "Q: One?\n\nA: Two.\n";
	steno_doc *doc = steno_parse(text, strlen(text), "text", NULL, &err);
	for (int f = 0; f < 2; f++) {
		size_t one_len, two_len;
		unsigned char *one = twice(f ? "epub" : "zip", doc, 0, &one_len);
		unsigned char *two = twice(f ? "epub" : "zip", doc, 1, &two_len);
		CHECK(one_len == two_len && memcmp(one, two, one_len) == 0);
		free(one);
		free(two);
	}
	steno_sink *zs = steno_sink_new_memory(), *es = steno_sink_new_memory();
	steno_archive *zip = steno_archive_new("zip", zs, NULL, &err);
	steno_archive *epub = steno_archive_new("epub3", es, NULL, &err);
	steno_archive_doc *d = steno_archive_prepare(zip, doc, NULL, &err);
	CHECK(steno_archive_add_prepared(epub, d, &err) == STENO_ERR_ARG);
	CHECK(steno_archive_add_prepared(zip, d, &err) == STENO_OK);
	CHECK(steno_archive_prepare(NULL, doc, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_archive_prepare(zip, NULL, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_archive_add_prepared(zip, NULL, &err) == STENO_ERR_ARG);
	CHECK(steno_archive_add(epub, doc, NULL, &err) == STENO_OK);
	CHECK(steno_archive_close(epub, &err) == STENO_OK);
	CHECK(steno_archive_close(zip, &err) == STENO_OK);
	steno_archive_doc_free(d);
	steno_archive_doc_free(NULL);
	steno_sink_close(zs);
	steno_sink_close(es);
	steno_doc_free(doc);
}

/* A compression level zlib has not is the caller's mistake, not a
 * shortage of memory, and the message says what the levels are. */
static void test_bad_level(void)
{
	steno_error err;
	steno_options opts;
	steno_options_init(&opts);
	opts.compress_level = 42;
	steno_doc *doc = steno_parse("Q: One?\n", 8, "text", NULL, &err);
	steno_sink *mem = steno_sink_new_memory();
	CHECK(steno_archive_new("epub", mem, &opts, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(strstr(err.message, "42") && strstr(err.message, "1 to 9"));
	CHECK(steno_render_string(doc, "zip", NULL, &opts, &err) == NULL);
	CHECK(err.code == STENO_ERR_ARG && strstr(err.message, "42"));
	opts.compress_level = -1;
	CHECK(steno_render(doc, "epub", mem, &opts, &err) == STENO_ERR_ARG);
	steno_sink_close(mem);
	steno_doc_free(doc);
}

static void test_stems(void)
{
	static const char *const cases[][2] = {
		{"/abs/path/a.txt", "abs/path/a"}, {"../../x.md", "x"}, {"a/./b.txt.gz", "a/b"},
		{"c:\\dir\\f.txt", "c_/dir/f"}, {"", "document"}, {"..", "document"},
		{".hidden", ".hidden"}, {"bad\xff\x01.txt", "bad__"}, {"é.txt", "é"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *stem = steno_archive_stem(cases[i][0]);
		CHECK_STR(stem, cases[i][1]);
		free(stem);
	}
	char *stem = steno_archive_stem(NULL);
	CHECK_STR(stem, "document");
	free(stem);
}

void test_zip(void)
{
	test_container();
	test_prepared();
	test_zip64_count();
	test_archive_api();
	test_two_steps();
	test_bad_level();
	test_stems();
}
