/* test_json.c - the JSON writer: every node type, escaping, pretty
 * output, source positions and a hostile depth. */
#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "core/utf8.h"
#include "steno.h"
#include "unit.h"

/* The document's frame around its children, in the compact form. */
#define HEAD "{\"steno\":\"document\",\"version\":1,\"metadata\":{},\"speakers\":[],\"children\":["
#define BODY(children) HEAD children "]}"

static char *render(const steno_doc *doc, int pretty, int sourcepos)
{
	steno_options opts;
	steno_error err;
	size_t len;

	steno_options_init(&opts);
	opts.pretty = pretty;
	opts.sourcepos = sourcepos;
	return steno_render_string(doc, "json", &len, &opts, &err);
}

#define CHECK_RENDER(doc, pretty, sourcepos, want)                \
	do {                                                      \
		char *json_ = render((doc), (pretty), (sourcepos)); \
		CHECK_STR(json_, (want));                         \
		free(json_);                                      \
	} while (0)

#define CHECK_JSON(doc, want) CHECK_RENDER((doc), 0, 0, (want))

/* A new node appended to parent; a refused append fails the test. */
static steno_node *add(steno_doc *doc, steno_node *parent, steno_node_type type)
{
	steno_node *n = steno_node_new(doc, type);

	CHECK(n != NULL);
	CHECK(steno_node_append_child(parent, n) == STENO_OK);
	return n;
}

static steno_node *add_text(steno_doc *doc, steno_node *parent, const char *s)
{
	steno_node *n = add(doc, parent, STENO_NODE_TEXT);

	CHECK(steno_node_set_literal(n, s, strlen(s)) == STENO_OK);
	return n;
}

/* A document holding one paragraph whose only child is a text node. */
static steno_doc *text_doc(const char *s, size_t len)
{
	steno_doc *doc = steno_doc_new();
	steno_node *para = add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH);
	steno_node *text = add(doc, para, STENO_NODE_TEXT);

	CHECK(steno_node_set_literal(text, s, len) == STENO_OK);
	return doc;
}

#define PARA_TEXT(json) "{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"text\":" json "}]}"

/* s is a string literal or an array: its bytes without the last. */
#define CHECK_TEXT(s, want)                                           \
	do {                                                          \
		steno_doc *text_doc_ = text_doc((s), sizeof(s) - 1);  \
		CHECK_JSON(text_doc_, (want));                        \
		steno_doc_free(text_doc_);                            \
	} while (0)

static void test_empty(void)
{
	steno_doc *doc = steno_doc_new();

	CHECK_JSON(doc, BODY(""));
	CHECK_RENDER(doc, 1, 0,
	             "{\n"
	             "  \"steno\": \"document\",\n"
	             "  \"version\": 1,\n"
	             "  \"metadata\": {},\n"
	             "  \"speakers\": [],\n"
	             "  \"children\": []\n"
	             "}\n");
	steno_doc_free(doc);
}

static void test_metadata_speakers(void)
{
	steno_doc *doc = steno_doc_new();

	CHECK(steno_meta_set(doc, "title", "Press conference") == STENO_OK);
	CHECK(steno_meta_set(doc, "date", "2024-12-29") == STENO_OK);
	CHECK(steno_meta_set(doc, "title", "Regular press conference") == STENO_OK);
	CHECK(steno_speaker_set(doc, "tan", "TAN KEFEI", "spokesperson") == STENO_OK);
	CHECK(steno_speaker_set_attr(doc, "tan", "affiliation", "Ministry") == STENO_OK);
	CHECK(steno_speaker_set(doc, "q", "Q", NULL) == STENO_OK);
	CHECK(steno_speaker_set(doc, "anon", NULL, NULL) == STENO_OK);
	CHECK_JSON(doc, "{\"steno\":\"document\",\"version\":1,"
	                "\"metadata\":{\"title\":\"Regular press conference\",\"date\":\"2024-12-29\"},"
	                "\"speakers\":[{\"id\":\"tan\",\"name\":\"TAN KEFEI\",\"role\":\"spokesperson\","
	                "\"attributes\":{\"affiliation\":\"Ministry\"}},"
	                "{\"id\":\"q\",\"name\":\"Q\"},{\"id\":\"anon\"}],"
	                "\"children\":[]}");
	steno_doc_free(doc);
}

static void test_blocks(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *section = add(doc, root, STENO_NODE_SECTION);
	steno_node *heading = add(doc, section, STENO_NODE_HEADING);
	steno_node *list, *code, *raw, *note;

	CHECK(steno_node_set_kind(section, "chapter") == STENO_OK);
	CHECK(steno_node_set_attr(section, "id", "s1") == STENO_OK);
	CHECK(steno_node_set_level(heading, 2) == STENO_OK);
	add_text(doc, heading, "Opening");
	add(doc, section, STENO_NODE_BLOCK_QUOTE);
	list = add(doc, root, STENO_NODE_LIST);
	add_text(doc, add(doc, add(doc, list, STENO_NODE_ITEM), STENO_NODE_PARAGRAPH), "one");
	list = add(doc, root, STENO_NODE_LIST);
	CHECK(steno_node_set_list(list, STENO_LIST_ORDERED, 3, 0, ')') == STENO_OK);
	add(doc, list, STENO_NODE_ITEM);
	code = add(doc, root, STENO_NODE_CODE_BLOCK);
	CHECK(steno_node_set_info(code, "c") == STENO_OK);
	CHECK(steno_node_set_literal(code, "int x;\n", 7) == STENO_OK);
	add(doc, root, STENO_NODE_CODE_BLOCK);
	raw = add(doc, root, STENO_NODE_RAW_BLOCK);
	CHECK(steno_node_set_kind(raw, "html") == STENO_OK);
	CHECK(steno_node_set_literal(raw, "<hr>", 4) == STENO_OK);
	add(doc, root, STENO_NODE_THEMATIC_BREAK);
	note = add(doc, root, STENO_NODE_NOTE);
	CHECK(steno_node_set_kind(note, "footnote") == STENO_OK);
	add(doc, root, STENO_NODE_NOTE);
	CHECK_JSON(doc, BODY(
		"{\"type\":\"section\",\"kind\":\"chapter\",\"attributes\":{\"id\":\"s1\"},\"children\":["
		"{\"type\":\"heading\",\"level\":2,\"children\":[{\"type\":\"text\",\"text\":\"Opening\"}]},"
		"{\"type\":\"block_quote\",\"children\":[]}]},"
		"{\"type\":\"list\",\"list_type\":\"bullet\",\"start\":1,\"tight\":true,\"children\":["
		"{\"type\":\"item\",\"children\":[{\"type\":\"paragraph\",\"children\":["
		"{\"type\":\"text\",\"text\":\"one\"}]}]}]},"
		"{\"type\":\"list\",\"list_type\":\"ordered\",\"start\":3,\"tight\":false,"
		"\"delimiter\":\")\",\"children\":[{\"type\":\"item\",\"children\":[]}]},"
		"{\"type\":\"code_block\",\"info\":\"c\",\"text\":\"int x;\\n\"},"
		"{\"type\":\"code_block\",\"text\":\"\"},"
		"{\"type\":\"raw_block\",\"format\":\"html\",\"text\":\"<hr>\"},"
		"{\"type\":\"thematic_break\"},"
		"{\"type\":\"note\",\"kind\":\"footnote\",\"children\":[]},"
		"{\"type\":\"note\",\"children\":[]}"));
	steno_doc_free(doc);
}

static void test_turns(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *turn = add(doc, root, STENO_NODE_TURN);

	CHECK(steno_speaker_set(doc, "a", "Alice", NULL) == STENO_OK);
	CHECK(steno_speaker_set(doc, "b", "Bob", NULL) == STENO_OK);
	CHECK(steno_node_add_speaker(turn, "a") == STENO_OK);
	CHECK(steno_node_add_speaker(turn, "b") == STENO_OK);
	CHECK(steno_node_set_times(turn, 0, 5250) == STENO_OK);
	CHECK(steno_node_set_overlap(turn, 1) == STENO_OK);
	add_text(doc, add(doc, turn, STENO_NODE_PARAGRAPH), "Hi.");
	turn = add(doc, root, STENO_NODE_TURN);
	CHECK(steno_node_set_times(turn, 9000000000LL, STENO_TIME_NONE) == STENO_OK);
	add(doc, root, STENO_NODE_TURN);
	CHECK_JSON(doc, "{\"steno\":\"document\",\"version\":1,\"metadata\":{},"
		"\"speakers\":[{\"id\":\"a\",\"name\":\"Alice\"},{\"id\":\"b\",\"name\":\"Bob\"}],"
		"\"children\":["
		"{\"type\":\"turn\",\"speakers\":[\"a\",\"b\"],\"start\":0,\"end\":5250,"
		"\"overlap\":true,\"children\":[{\"type\":\"paragraph\",\"children\":["
		"{\"type\":\"text\",\"text\":\"Hi.\"}]}]},"
		"{\"type\":\"turn\",\"speakers\":[],\"start\":9000000000,\"children\":[]},"
		"{\"type\":\"turn\",\"speakers\":[],\"children\":[]}]}");
	steno_doc_free(doc);
}

/* Inline nodes that hold data but no children. */
static void add_leaf_inlines(steno_doc *doc, steno_node *para)
{
	steno_node *n;

	add(doc, para, STENO_NODE_SOFT_BREAK);
	add(doc, para, STENO_NODE_LINE_BREAK);
	n = add(doc, para, STENO_NODE_CODE);
	CHECK(steno_node_set_literal(n, "x++", 3) == STENO_OK);
	n = add(doc, para, STENO_NODE_RAW_INLINE);
	CHECK(steno_node_set_kind(n, "html") == STENO_OK);
	CHECK(steno_node_set_literal(n, "<br>", 4) == STENO_OK);
	n = add(doc, para, STENO_NODE_EVENT);
	CHECK(steno_node_set_kind(n, "laughter") == STENO_OK);
	CHECK(steno_node_set_literal(n, "Laughter", 8) == STENO_OK);
	add(doc, para, STENO_NODE_EVENT);
	n = add(doc, para, STENO_NODE_TIME);
	CHECK(steno_node_set_times(n, 65000, STENO_TIME_NONE) == STENO_OK);
	CHECK(steno_node_set_literal(n, "01:05", 5) == STENO_OK);
	add(doc, para, STENO_NODE_TIME);
}

/* Inline nodes with children. */
static void add_container_inlines(steno_doc *doc, steno_node *para)
{
	steno_node *n;

	add_text(doc, add(doc, para, STENO_NODE_EMPH), "e");
	add_text(doc, add(doc, para, STENO_NODE_STRONG), "s");
	n = add(doc, para, STENO_NODE_LINK);
	CHECK(steno_node_set_url(n, "https://example.org/") == STENO_OK);
	CHECK(steno_node_set_title(n, "Example") == STENO_OK);
	add_text(doc, n, "site");
	n = add(doc, para, STENO_NODE_IMAGE);
	CHECK(steno_node_set_url(n, "a.png") == STENO_OK);
	n = add(doc, para, STENO_NODE_QUOTE);
	CHECK(steno_node_add_speaker(n, "a") == STENO_OK);
	add_text(doc, n, "Yes");
	add(doc, para, STENO_NODE_QUOTE);
	n = add(doc, para, STENO_NODE_DATELINE);
	CHECK(steno_node_set_dateline(n, "BEIJING", "Dec. 29", "Xinhua") == STENO_OK);
	add_text(doc, n, "BEIJING, Dec. 29 (Xinhua) --");
	n = add(doc, para, STENO_NODE_DATELINE);
	CHECK(steno_node_set_dateline(n, "PARIS", NULL, NULL) == STENO_OK);
}

static void test_inlines(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *para = add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH);

	add_text(doc, para, "t");
	add_leaf_inlines(doc, para);
	add_container_inlines(doc, para);
	CHECK_JSON(doc, BODY("{\"type\":\"paragraph\",\"children\":["
		"{\"type\":\"text\",\"text\":\"t\"},"
		"{\"type\":\"soft_break\"},{\"type\":\"line_break\"},"
		"{\"type\":\"code\",\"text\":\"x++\"},"
		"{\"type\":\"raw_inline\",\"format\":\"html\",\"text\":\"<br>\"},"
		"{\"type\":\"event\",\"kind\":\"laughter\",\"text\":\"Laughter\"},"
		"{\"type\":\"event\",\"text\":\"\"},"
		"{\"type\":\"time\",\"ms\":65000,\"text\":\"01:05\"},"
		"{\"type\":\"time\",\"text\":\"\"},"
		"{\"type\":\"emph\",\"children\":[{\"type\":\"text\",\"text\":\"e\"}]},"
		"{\"type\":\"strong\",\"children\":[{\"type\":\"text\",\"text\":\"s\"}]},"
		"{\"type\":\"link\",\"url\":\"https://example.org/\",\"title\":\"Example\","
		"\"children\":[{\"type\":\"text\",\"text\":\"site\"}]},"
		"{\"type\":\"image\",\"url\":\"a.png\",\"children\":[]},"
		"{\"type\":\"quote\",\"speaker\":\"a\",\"children\":[{\"type\":\"text\",\"text\":\"Yes\"}]},"
		"{\"type\":\"quote\",\"children\":[]},"
		"{\"type\":\"dateline\",\"place\":\"BEIJING\",\"date\":\"Dec. 29\",\"agency\":\"Xinhua\","
		"\"children\":[{\"type\":\"text\",\"text\":\"BEIJING, Dec. 29 (Xinhua) --\"}]},"
		"{\"type\":\"dateline\",\"place\":\"PARIS\",\"children\":[]}]}"));
	steno_doc_free(doc);
}

static void test_escapes(void)
{
	CHECK_TEXT("say \"hi\" \\ bye", BODY(PARA_TEXT("\"say \\\"hi\\\" \\\\ bye\"")));
	CHECK_TEXT("\n\t\r\b\f", BODY(PARA_TEXT("\"\\n\\t\\r\\b\\f\"")));
	CHECK_TEXT("a\0b\x01\x1f\x7f", BODY(PARA_TEXT("\"a\\u0000b\\u0001\\u001f\x7f\"")));
	CHECK_TEXT("\xe2\x80\xa8|\xe2\x80\xa9", BODY(PARA_TEXT("\"\\u2028|\\u2029\"")));
	CHECK_TEXT("caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \xe2\x80\xa7",
	           BODY(PARA_TEXT("\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \xe2\x80\xa7\"")));
	/* Invalid UTF-8: a stray byte, a cut sequence, an overlong form, a
	 * surrogate; each byte becomes one U+FFFD. */
	CHECK_TEXT("a\xff" "b\xe2\x80" "c\xc0\xaf" "d\xed\xa0\x80",
	           BODY(PARA_TEXT("\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
	                          "c\xef\xbf\xbd\xef\xbf\xbd"
	                          "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"")));
}

/* Every byte that needs work, at every offset of a string long enough
 * for the eight-byte scan, is found. */
static void test_escape_positions(void)
{
	static const struct {
		char c;
		const char *json;
	} cases[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\x01', "\\u0001"}, {'\x1f', "\\u001f"},
	             {'\x80', "\xef\xbf\xbd"}, {' ', " "}, {'\x7f', "\x7f"}};
	char s[21], want[256];
	size_t i, pos;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		for (pos = 0; pos < sizeof s - 1; pos++) {
			memset(s, 'x', sizeof s - 1);
			s[pos] = cases[i].c;
			snprintf(want, sizeof want, HEAD PARA_TEXT("\"%.*s%s%.*s\"") "]}", (int)pos,
			         s, cases[i].json, (int)(sizeof s - 2 - pos), s + pos + 1);
			CHECK_TEXT(s, want);
		}
	}
}

/* The JSON string for s[0..len) byte by byte, as the writer's slow path
 * does it: escapes, U+2028/U+2029, one U+FFFD per invalid byte. */
static size_t reference_string(const char *s, size_t len, char *out)
{
	size_t i = 0, o = 0;

	out[o++] = '"';
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
			i++;
		} else if (c < 0x20) {
			o += (size_t)sprintf(out + o, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			out[o++] = (char)c;
			i++;
		} else if (!(n = utf8_decode(s + i, len - i, &cp))) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			o += (size_t)sprintf(out + o, "\\u%04x", (unsigned)cp);
			i += n;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		}
	}
	out[o++] = '"';
	return o;
}

/* Two-byte sequences are copied eight bytes at a time; random strings of
 * them, cut and broken ones, overlong leads and the characters that
 * need escaping, at every alignment, come out as the byte-by-byte
 * writer would have them.  One check for all the strings, so that the
 * count of checks stays a count of behaviours. */
static void test_escape_two_byte(void)
{
	static const char *const pieces[] = {
		"a", " ", "\xc3\xa9", "\xc2\x80", "\xdf\xbf", "\xd0\x96", "\xc3", "\xa9",
		"\xc0\xaf", "\xc1\xbf", "\xe2\x80\xa8", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\xff", "\"", "\\", "\x01", "\x7f", "\xc3\xc3", "\xa9\xa9"};
	unsigned seed = 12345;
	char s[64], want[sizeof HEAD + 512];
	int round, same = 0;

	for (round = 0; round < 4000; round++) {
		size_t len = 0, w;

		while (len < 40) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
			memcpy(s + len, piece, strlen(piece));
			len += strlen(piece);
		}
		w = (size_t)sprintf(want, "%s{\"type\":\"paragraph\",\"children\":"
		                          "[{\"type\":\"text\",\"text\":", HEAD);
		w += reference_string(s, len, want + w);
		strcpy(want + w, "}]}]}");

		steno_doc *doc = steno_doc_new();
		steno_node *para = steno_node_new(doc, STENO_NODE_PARAGRAPH);
		steno_node *text = steno_node_new(doc, STENO_NODE_TEXT);
		char *json = NULL;
		if (steno_node_append_child(steno_doc_root(doc), para) == STENO_OK &&
		    steno_node_append_child(para, text) == STENO_OK &&
		    steno_node_set_literal(text, s, len) == STENO_OK)
			json = render(doc, 0, 0);
		same += json && strcmp(json, want) == 0;
		free(json);
		steno_doc_free(doc);
	}
	CHECK(same == 4000);
}

/* Metadata keys and values, attributes and URLs go through the same
 * escaping as literals. */
static void test_escape_members(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *link = add(doc, add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH),
	                       STENO_NODE_LINK);

	CHECK(steno_meta_set(doc, "k\"\n", "v\xff") == STENO_OK);
	CHECK(steno_node_set_url(link, "a\"b") == STENO_OK);
	CHECK(steno_node_set_attr(link, "x\\", "\xe2\x80\xa8") == STENO_OK);
	CHECK_JSON(doc, "{\"steno\":\"document\",\"version\":1,"
		"\"metadata\":{\"k\\\"\\n\":\"v\xef\xbf\xbd\"},\"speakers\":[],\"children\":["
		"{\"type\":\"paragraph\",\"children\":[{\"type\":\"link\",\"url\":\"a\\\"b\","
		"\"attributes\":{\"x\\\\\":\"\\u2028\"},\"children\":[]}]}]}");
	steno_doc_free(doc);
}

static void test_pretty(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *para = add(doc, root, STENO_NODE_PARAGRAPH);

	CHECK(steno_meta_set(doc, "title", "T") == STENO_OK);
	CHECK(steno_speaker_set(doc, "a", "Alice", NULL) == STENO_OK);
	add_text(doc, para, "Hi");
	add(doc, para, STENO_NODE_SOFT_BREAK);
	add(doc, root, STENO_NODE_TURN);
	CHECK_RENDER(doc, 1, 0,
	             "{\n"
	             "  \"steno\": \"document\",\n"
	             "  \"version\": 1,\n"
	             "  \"metadata\": {\n"
	             "    \"title\": \"T\"\n"
	             "  },\n"
	             "  \"speakers\": [\n"
	             "    {\n"
	             "      \"id\": \"a\",\n"
	             "      \"name\": \"Alice\"\n"
	             "    }\n"
	             "  ],\n"
	             "  \"children\": [\n"
	             "    {\n"
	             "      \"type\": \"paragraph\",\n"
	             "      \"children\": [\n"
	             "        {\n"
	             "          \"type\": \"text\",\n"
	             "          \"text\": \"Hi\"\n"
	             "        },\n"
	             "        {\n"
	             "          \"type\": \"soft_break\"\n"
	             "        }\n"
	             "      ]\n"
	             "    },\n"
	             "    {\n"
	             "      \"type\": \"turn\",\n"
	             "      \"speakers\": [],\n"
	             "      \"children\": []\n"
	             "    }\n"
	             "  ]\n"
	             "}\n");
	steno_doc_free(doc);
}

static void test_sourcepos(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *para = add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH);
	steno_node *text = add_text(doc, para, "Hi");

	steno_node_set_sourcepos(para, 3, 1, 4, 12);
	steno_node_set_sourcepos(text, 3, 1, 3, 2);
	add_text(doc, para, "!");
	CHECK_JSON(doc, BODY("{\"type\":\"paragraph\",\"children\":["
	                     "{\"type\":\"text\",\"text\":\"Hi\"},"
	                     "{\"type\":\"text\",\"text\":\"!\"}]}"));
	CHECK_RENDER(doc, 0, 1, BODY("{\"type\":\"paragraph\",\"pos\":[3,1,4,12],\"children\":["
	                             "{\"type\":\"text\",\"text\":\"Hi\",\"pos\":[3,1,3,2]},"
	                             "{\"type\":\"text\",\"text\":\"!\"}]}"));
	CHECK_RENDER(doc, 1, 1,
	             "{\n"
	             "  \"steno\": \"document\",\n"
	             "  \"version\": 1,\n"
	             "  \"metadata\": {},\n"
	             "  \"speakers\": [],\n"
	             "  \"children\": [\n"
	             "    {\n"
	             "      \"type\": \"paragraph\",\n"
	             "      \"pos\": [\n"
	             "        3,\n"
	             "        1,\n"
	             "        4,\n"
	             "        12\n"
	             "      ],\n"
	             "      \"children\": [\n"
	             "        {\n"
	             "          \"type\": \"text\",\n"
	             "          \"text\": \"Hi\",\n"
	             "          \"pos\": [\n"
	             "            3,\n"
	             "            1,\n"
	             "            3,\n"
	             "            2\n"
	             "          ]\n"
	             "        },\n"
	             "        {\n"
	             "          \"type\": \"text\",\n"
	             "          \"text\": \"!\"\n"
	             "        }\n"
	             "      ]\n"
	             "    }\n"
	             "  ]\n"
	             "}\n");
	steno_doc_free(doc);
}

/* Trees the public API would refuse but a careless reader could build
 * with the unchecked node_append() still give valid JSON: a leaf has no
 * room for children, so an append to one is dropped, and a literal left
 * NULL is written empty. */
static void test_unchecked_tree(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *para = add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH);
	steno_node *text = add_text(doc, para, "a");

	add(doc, para, STENO_NODE_LINK);
	node_append(text, node_add_text(doc, NULL, "b", 1));
	CHECK(steno_node_first_child(text) == NULL);
	text->lit = NULL;
	CHECK_JSON(doc, BODY("{\"type\":\"paragraph\",\"children\":["
	                     "{\"type\":\"text\",\"text\":\"\"},"
	                     "{\"type\":\"link\",\"url\":\"\",\"children\":[]}]}"));
	steno_doc_free(doc);
}

/* depth block quotes, each inside the last (built from the inside out,
 * so each append's cycle check is short), around one paragraph. */
static steno_doc *nested_quotes(size_t depth)
{
	steno_doc *doc = steno_doc_new();
	steno_node *top = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	steno_node *quote;
	size_t i;
	int ok = 1;

	add_text(doc, top, "deep");
	for (i = 0; i < depth; i++) {
		quote = steno_node_new(doc, STENO_NODE_BLOCK_QUOTE);
		ok &= quote && steno_node_append_child(quote, top) == STENO_OK;
		top = quote;
	}
	CHECK(ok);
	CHECK(steno_node_append_child(steno_doc_root(doc), top) == STENO_OK);
	return doc;
}

static char *repeat(char *p, const char *s, size_t times)
{
	size_t len = strlen(s);

	for (; times > 0; times--, p += len)
		memcpy(p, s, len);
	return p;
}

static void test_deep(void)
{
	static const char quote_open[] = "{\"type\":\"block_quote\",\"children\":[";
	static const char para[] = PARA_TEXT("\"deep\"");
	const size_t depth = 100000;
	steno_doc *doc = nested_quotes(depth);
	char *want = malloc(sizeof HEAD + depth * (sizeof quote_open + 2) + sizeof para + 2);
	char *p;

	CHECK(want != NULL);
	if (want) {
		p = repeat(want, HEAD, 1);
		p = repeat(p, quote_open, depth);
		p = repeat(p, para, 1);
		p = repeat(p, "]}", depth + 1);
		*p = '\0';
		CHECK_JSON(doc, want);
	}
	free(want);
	steno_doc_free(doc);
}

/* Indentation deeper than the writer's block of spaces. */
static void test_deep_pretty(void)
{
	const size_t depth = 40;
	steno_doc *doc = nested_quotes(depth);
	char *out = render(doc, 1, 0);
	char *line;

	CHECK(out != NULL);
	line = out ? strstr(out, "\"deep\"") : NULL;
	CHECK(line != NULL);
	/* text's members sit at depth 2 (document, children) + 2 per quote
	 * + 2 (paragraph, its children) + 1 (the text node itself). */
	if (line) {
		size_t want = 2 * (2 + 2 * depth + 2 + 1);
		const char *start = line - strlen("\"text\": ") - want;

		CHECK(start > out && start[-1] == '\n' && strspn(start, " ") == want);
	}
	free(out);
	steno_doc_free(doc);
}

void test_json(void)
{
	test_empty();
	test_metadata_speakers();
	test_blocks();
	test_turns();
	test_inlines();
	test_escapes();
	test_escape_positions();
	test_escape_two_byte();
	test_escape_members();
	test_pretty();
	test_sourcepos();
	test_unchecked_tree();
	test_deep();
	test_deep_pretty();
}
