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

void test_escape(void)
{
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
