/* test_escape.c - the one escaper of each target language: what each
 * refuses, and that the word-at-a-time paths agree with the byte paths
 * at every offset. */
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "core/sink.h"
#include "steno.h"
#include "unit.h"

/* What escape(str) writes, malloc'd. */
static char *escaped(void (*escape)(steno_sink *, const char *, size_t), const char *str)
{
	steno_sink *s = steno_sink_new_memory();
	escape(s, str, strlen(str));
	char *out = sink_memory_take(s, NULL);
	steno_sink_close(s);
	return out;
}

static void check_escaped(void (*escape)(steno_sink *, const char *, size_t), const char *str,
                          const char *want)
{
	char *got = escaped(escape, str);
	CHECK_STR(got, want);
	free(got);
}

/* What each escaper writes for one character, against a plain run of
 * 'x' on either side: the character at each offset of strings of up to
 * 40 bytes, so that every position in and past a word of 8 bytes or a
 * block of 16 or 32, and the block that ends a string, is tried. */
typedef struct special {
	const char *in, *text, *attr, *json;
} special;

/* in with x's around it: before of them, then what, then after. */
static void padded(char *out, const char *open, size_t before, const char *what, size_t after,
                   const char *close)
{
	size_t n = strlen(open);
	memcpy(out, open, n);
	memset(out + n, 'x', before);
	n += before;
	strcpy(out + n, what);
	n += strlen(what);
	memset(out + n, 'x', after);
	strcpy(out + n + after, close);
}

static void check_special_at_every_offset(const special *sp)
{
	size_t n = strlen(sp->in);
	char in[64], want[128];

	for (size_t len = n; len <= 40; len++)
		for (size_t at = 0; at + n <= len; at++) {
			size_t after = len - at - n;
			padded(in, "", at, sp->in, after, "");
			padded(want, "", at, sp->text, after, "");
			check_escaped(escape_xml_text, in, want);
			padded(want, "", at, sp->attr, after, "");
			check_escaped(escape_xml_attr, in, want);
			padded(want, "\"", at, sp->json, after, "\"");
			check_escaped(escape_json_string, in, want);
		}
}

#define FFFD "\xEF\xBF\xBD"

void test_escape(void)
{
	static const special specials[] = {
		{"<", "&lt;", "&lt;", "<"},
		{">", "&gt;", "&gt;", ">"},
		{"&", "&amp;", "&amp;", "&"},
		{"\"", "\"", "&quot;", "\\\""},
		{"'", "'", "&#39;", "'"},
		{"\\", "\\", "\\", "\\\\"},
		{"$", "$", "$", "$"}, /* '&' with bit 1 clear */
		{"%", "%", "%", "%"}, /* '\'' with bit 1 clear */
		{"=", "=", "=", "="}, /* between '<' and '>' */
		{"?", "?", "?", "?"}, /* '=' with bit 1 set */
		{"\t", "\t", "&#9;", "\\t"},
		{"\n", "\n", "&#10;", "\\n"},
		{"\r", "\r", "&#13;", "\\r"},
		{"\x01", FFFD, FFFD, "\\u0001"},
		{"\x1F", FFFD, FFFD, "\\u001f"},
		{" ", " ", " ", " "},
		{"~", "~", "~", "~"},
		{"\x7F", FFFD, FFFD, "\x7F"},
		{"\x80", FFFD, FFFD, FFFD},
		{"\xFF", FFFD, FFFD, FFFD},
		{"\xC2\x85", FFFD, FFFD, "\xC2\x85"}, /* C1 control */
		{"\xC2\xA0", "\xC2\xA0", "\xC2\xA0", "\xC2\xA0"}, /* no-break space */
		{"\xC3\xA9", "\xC3\xA9", "\xC3\xA9", "\xC3\xA9"},
		{"\xC3x", FFFD "x", FFFD "x", FFFD "x"}, /* a lead without its tail */
		{"\xC0\xAF", FFFD FFFD, FFFD FFFD, FFFD FFFD}, /* overlong */
		{"\xE2\x80\x9C", "\xE2\x80\x9C", "\xE2\x80\x9C", "\xE2\x80\x9C"},
		{"\xE2\x80\xA8", "\xE2\x80\xA8", "\xE2\x80\xA8", "\\u2028"},
		{"\xE2\x80", FFFD FFFD, FFFD FFFD, FFFD FFFD},
		{"\xE0\x80\xAF", FFFD FFFD FFFD, FFFD FFFD FFFD, FFFD FFFD FFFD},
		{"\xED\xA0\x80", FFFD FFFD FFFD, FFFD FFFD FFFD, FFFD FFFD FFFD}, /* a surrogate */
		{"\xEF\xBF\xBE", FFFD, FFFD, "\xEF\xBF\xBE"}, /* noncharacters */
		{"\xEF\xB7\x90", FFFD, FFFD, "\xEF\xB7\x90"},
		{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
		{"\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD},
	};
	for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
		check_special_at_every_offset(&specials[i]);
	/* NUL, which only a length can pass */
	for (size_t len = 1; len <= 40; len++) {
		char in[40], want[48];
		memset(in, 'x', len);
		in[len / 2] = '\0';
		memcpy(want, in, len / 2);
		strcpy(want + len / 2, FFFD);
		memset(want + len / 2 + 3, 'x', len - len / 2 - 1);
		want[len + 2] = '\0';
		steno_sink *s = steno_sink_new_memory();
		escape_xml_text(s, in, len);
		char *got = sink_memory_take(s, NULL);
		steno_sink_close(s);
		CHECK_STR(got, want);
		free(got);
	}

	check_escaped(escape_xml_text, "a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d \"e\" 'f'");
	check_escaped(escape_xml_attr, "\"e\" 'f'\t\n\r&", "&quot;e&quot; &#39;f&#39;&#9;&#10;&#13;&amp;");
	/* C0 and C1 controls, DEL, a noncharacter, a stray byte: U+FFFD each */
	check_escaped(escape_xml_text, "a\x01" "b\x7F" "c\xC2\x85" "d\xEF\xBF\xBF" "e\xFF",
	              "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\xEF\xBF\xBD");
	check_escaped(escape_xml_attr, "\xC2\x9F", "\xEF\xBF\xBD");
	check_escaped(escape_json_string, "a\"b\\c\n\x01", "\"a\\\"b\\\\c\\n\\u0001\"");
	/* JavaScript's line terminators, kept out of string literals */
	check_escaped(escape_json_string, "x\xE2\x80\xA8y\xE2\x80\xA9", "\"x\\u2028y\\u2029\"");
	check_escaped(escape_json_string, "\xC3\xA9t\xC3\xA9 \xFF", "\"\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD\"");

	/* a special byte at each offset of a long plain run */
	char in[40], want[64];
	for (size_t at = 0; at < 24; at++) {
		memset(in, 'x', 24);
		in[24] = '\0';
		in[at] = '<';
		memcpy(want, in, at);
		memcpy(want + at, "&lt;", 4);
		memcpy(want + at + 4, in + at + 1, 24 - at);
		check_escaped(escape_xml_text, in, want);
		in[at] = '"';
		want[0] = '"';
		memcpy(want + 1, in, at);
		memcpy(want + 1 + at, "\\\"", 2);
		memcpy(want + 3 + at, in + at + 1, 23 - at);
		memcpy(want + 26, "\"", 2);
		check_escaped(escape_json_string, in, want);
	}

	steno_sink *s = steno_sink_new_memory();
	escape_url_path(s, "a b/c%d\xC3\xA9~.html");
	char *url = sink_memory_take(s, NULL);
	steno_sink_close(s);
	CHECK_STR(url, "a%20b/c%25d%C3%A9~.html");
	free(url);
}
