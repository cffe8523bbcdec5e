/* text_json.c - fuzz plain text through the passes into JSON.
 *
 * The first byte chooses the options, the rest is the document:
 *   0x01 pretty   0x04 sourcepos   0x08 smart
 *   0x10 transcript and quotes passes off
 * (the bits html's harness shares with this one mean the same there)
 * The output must be valid UTF-8 and one JSON object whose braces and
 * brackets nest properly outside strings, with strings as RFC 8259 has
 * them (no raw control characters, only its escapes).  The check is a
 * loop with an explicit stack, so deep documents cannot overflow it. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "steno.h"

/* abort() rather than assert(): the checks must survive -DNDEBUG. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void options_from_byte(steno_options *opts, uint8_t b)
{
	steno_options_init(opts);
	opts->pretty = b & 0x01;
	opts->sourcepos = (b & 0x04) != 0;
	if (b & 0x08)
		opts->passes |= STENO_PASS_SMART;
	if (b & 0x10)
		opts->passes &= ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES);
	/* Keep a gzip bomb among the inputs from eating the fuzzer's time. */
	opts->max_input = (size_t)1 << 24;
}

/* The length of the valid UTF-8 sequence at s, or 0: overlong forms,
 * surrogates and code points past U+10FFFF are not valid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (s[0] < 0x80)
		return 1;
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
	if (s[0] < 0xC2 || s[0] > 0xF4 || n < len)
		return 0;
	uint32_t cp = s[0] & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* The length of the escape at s (a backslash), or 0 if RFC 8259 has no
 * such escape. */
static size_t escape_len(const unsigned char *s, size_t n)
{
	if (n < 2 || !s[1] || !strchr("\"\\/bfnrtu", s[1]))
		return 0;
	if (s[1] != 'u')
		return 2;
	if (n < 6)
		return 0;
	for (size_t i = 2; i < 6; i++)
		if (!isxdigit(s[i]))
			return 0;
	return 6;
}

/* The index just past the string whose opening quote precedes s[i], or
 * 0 when it is not a proper JSON string. */
static size_t skip_string(const unsigned char *s, size_t len, size_t i)
{
	while (i < len) {
		if (s[i] == '"')
			return i + 1;
		size_t n = s[i] == '\\' ? escape_len(s + i, len - i) : utf8_len(s + i, len - i);
		if (!n || s[i] < 0x20)
			return 0;
		i += n;
	}
	return 0;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Non-zero when json is one object with properly nested brackets,
 * proper strings, and only printable ASCII between them. */
static int json_shape_ok(const char *json, size_t len)
{
	const unsigned char *s = (const unsigned char *)json;
	char *open = malloc(len + 1); /* nesting is never deeper than the text is long */
	size_t depth = 0, i = 0;
	int ok = open != NULL, done = 0;
	while (ok && i < len) {
		unsigned char c = s[i++];
		if (is_space(c))
			continue;
		if (done || (depth == 0 && c != '{')) {
			ok = 0;
		} else if (c == '"') {
			i = skip_string(s, len, i);
			ok = i != 0;
		} else if (c == '{' || c == '[') {
			open[depth++] = (char)c;
		} else if (c == '}' || c == ']') {
			ok = open[--depth] == (c == '}' ? '{' : '[');
			done = depth == 0;
		} else {
			ok = c >= 0x20 && c < 0x80;
		}
	}
	free(open);
	return ok && done;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	steno_options opts;
	options_from_byte(&opts, data[0]);
	steno_error err;
	steno_doc *doc = steno_parse((const char *)data + 1, size - 1, "text", &opts, &err);
	if (!doc)
		return 0; /* the text harness checks why */
	size_t len = 0;
	char *json = steno_render_string(doc, "json", &len, &opts, &err);
	CHECK(json);
	CHECK(json_shape_ok(json, len));
	free(json);
	steno_doc_free(doc);
	return 0;
}
