/* test_html.c - the HTML writer: every node type, escaping of text and
 * attributes, URL and raw-HTML safety both ways, source positions, the
 * standalone page and a hostile depth. */
#include <stdlib.h>
#include <string.h>

#include "core/node.h"
#include "steno.h"
#include "unit.h"

#define SOURCEPOS 1
#define UNSAFE 2
#define STANDALONE 4

static char *render(const steno_doc *doc, int flags)
{
	steno_options opts;
	steno_error err;
	size_t len;

	steno_options_init(&opts);
	opts.sourcepos = (flags & SOURCEPOS) != 0;
	opts.unsafe = (flags & UNSAFE) != 0;
	opts.standalone = (flags & STANDALONE) != 0;
	return steno_render_string(doc, "html", &len, &opts, &err);
}

#define CHECK_RENDER(doc, flags, want)              \
	do {                                        \
		char *html_ = render((doc), (flags)); \
		CHECK_STR(html_, (want));           \
		free(html_);                        \
	} while (0)

#define CHECK_HTML(doc, want) CHECK_RENDER((doc), 0, (want))

/* A new node appended to parent; a refused append fails the test. */
static steno_node *add(steno_doc *doc, steno_node *parent, steno_node_type type)
{
	steno_node *n = steno_node_new(doc, type);

	CHECK(n != NULL);
	CHECK(steno_node_append_child(parent, n) == STENO_OK);
	return n;
}

/* A node with a literal (text, code, event, time, raw) appended to parent. */
static steno_node *add_lit(steno_doc *doc, steno_node *parent, steno_node_type type,
                           const char *s)
{
	steno_node *n = add(doc, parent, type);

	CHECK(steno_node_set_literal(n, s, strlen(s)) == STENO_OK);
	return n;
}

static steno_node *add_text(steno_doc *doc, steno_node *parent, const char *s)
{
	return add_lit(doc, parent, STENO_NODE_TEXT, s);
}

/* A fresh document and a paragraph in it, for inline tests. */
static steno_node *para_doc(steno_doc **doc)
{
	*doc = steno_doc_new();
	CHECK(*doc != NULL);
	return add(*doc, steno_doc_root(*doc), STENO_NODE_PARAGRAPH);
}

static void test_html_blocks(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *n, *q;

	CHECK_HTML(doc, "");
	n = add(doc, root, STENO_NODE_HEADING);
	CHECK(steno_node_set_level(n, 2) == STENO_OK);
	add_text(doc, n, "Title");
	n = add(doc, root, STENO_NODE_HEADING);
	n->as.level = 9; /* out of range only through the private struct */
	add_text(doc, n, "Deep");
	add_text(doc, add(doc, root, STENO_NODE_PARAGRAPH), "a < b & c > d");
	add(doc, root, STENO_NODE_THEMATIC_BREAK);
	q = add(doc, root, STENO_NODE_BLOCK_QUOTE);
	add_text(doc, add(doc, q, STENO_NODE_PARAGRAPH), "quoted");
	n = add(doc, root, STENO_NODE_SECTION);
	CHECK(steno_node_set_kind(n, "chapter") == STENO_OK);
	add(doc, n, STENO_NODE_PARAGRAPH);
	n = add(doc, root, STENO_NODE_NOTE);
	CHECK(steno_node_set_kind(n, "editorial") == STENO_OK);
	add_text(doc, add(doc, n, STENO_NODE_PARAGRAPH), "n");
	add(doc, root, STENO_NODE_NOTE);
	CHECK_HTML(doc, "<h2>Title</h2>\n"
	                "<h6>Deep</h6>\n"
	                "<p>a &lt; b &amp; c &gt; d</p>\n"
	                "<hr />\n"
	                "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
	                "<section class=\"section\" data-type=\"chapter\">\n<p></p>\n</section>\n"
	                "<aside class=\"note\" data-kind=\"editorial\">\n<p>n</p>\n</aside>\n"
	                "<aside class=\"note\">\n</aside>\n");
	steno_doc_free(doc);
}

static void test_html_code_blocks(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *n;

	n = add_lit(doc, root, STENO_NODE_CODE_BLOCK, "if (x < 1 && y)\n\treturn;\n");
	CHECK(steno_node_set_info(n, "c \"extra\"") == STENO_OK);
	n = add_lit(doc, root, STENO_NODE_CODE_BLOCK, "plain\n");
	n = add_lit(doc, root, STENO_NODE_CODE_BLOCK, "");
	CHECK(steno_node_set_info(n, "a\"b") == STENO_OK);
	CHECK_HTML(doc, "<pre><code class=\"language-c\">if (x &lt; 1 &amp;&amp; y)\n"
	                "\treturn;\n</code></pre>\n"
	                "<pre><code>plain\n</code></pre>\n"
	                "<pre><code class=\"language-a&quot;b\"></code></pre>\n");
	steno_doc_free(doc);
}

static void test_html_lists(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *list, *item, *inner;

	/* Tight: no <p>; a nested list starts on a line of its own. */
	list = add(doc, root, STENO_NODE_LIST);
	item = add(doc, list, STENO_NODE_ITEM);
	add_text(doc, add(doc, item, STENO_NODE_PARAGRAPH), "one");
	inner = add(doc, item, STENO_NODE_LIST);
	add_text(doc, add(doc, add(doc, inner, STENO_NODE_ITEM), STENO_NODE_PARAGRAPH), "sub");
	item = add(doc, list, STENO_NODE_ITEM);
	add_text(doc, add(doc, item, STENO_NODE_PARAGRAPH), "two");
	add_text(doc, add(doc, item, STENO_NODE_PARAGRAPH), "more");
	add(doc, list, STENO_NODE_ITEM);
	/* Loose and ordered from 3. */
	list = add(doc, root, STENO_NODE_LIST);
	CHECK(steno_node_set_list(list, STENO_LIST_ORDERED, 3, 0, ')') == STENO_OK);
	add_text(doc, add(doc, add(doc, list, STENO_NODE_ITEM), STENO_NODE_PARAGRAPH), "three");
	item = add(doc, list, STENO_NODE_ITEM);
	add_lit(doc, item, STENO_NODE_CODE_BLOCK, "x\n");
	/* Ordered from 1: no start attribute. */
	list = add(doc, root, STENO_NODE_LIST);
	CHECK(steno_node_set_list(list, STENO_LIST_ORDERED, 1, 1, '.') == STENO_OK);
	add_text(doc, add(doc, add(doc, list, STENO_NODE_ITEM), STENO_NODE_PARAGRAPH), "first");
	CHECK_HTML(doc, "<ul>\n"
	                "<li>one\n<ul>\n<li>sub</li>\n</ul>\n</li>\n"
	                "<li>two\nmore</li>\n"
	                "<li></li>\n"
	                "</ul>\n"
	                "<ol start=\"3\">\n"
	                "<li>\n<p>three</p>\n</li>\n"
	                "<li>\n<pre><code>x\n</code></pre>\n</li>\n"
	                "</ol>\n"
	                "<ol>\n<li>first</li>\n</ol>\n");
	steno_doc_free(doc);
}

static void test_html_turns(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *turn;

	CHECK(steno_speaker_set(doc, "tk", "Tan <Kefei>", "spokesperson") == STENO_OK);
	CHECK(steno_speaker_set(doc, "anon", NULL, NULL) == STENO_OK);
	turn = add(doc, root, STENO_NODE_TURN);
	CHECK(steno_node_add_speaker(turn, "tk") == STENO_OK);
	CHECK(steno_node_set_times(turn, 62500, 70000) == STENO_OK);
	add_text(doc, add(doc, turn, STENO_NODE_PARAGRAPH), "Hello.");
	/* Unknown and nameless speakers show their ids; overlap is a class. */
	turn = add(doc, root, STENO_NODE_TURN);
	CHECK(steno_node_add_speaker(turn, "q\"1") == STENO_OK);
	CHECK(steno_node_add_speaker(turn, "anon") == STENO_OK);
	CHECK(steno_node_set_overlap(turn, 1) == STENO_OK);
	add_text(doc, add(doc, turn, STENO_NODE_PARAGRAPH), "Both.");
	turn = add(doc, root, STENO_NODE_TURN);
	CHECK(steno_node_set_times(turn, 3723004, STENO_TIME_NONE) == STENO_OK);
	turn = add(doc, root, STENO_NODE_TURN);
	CHECK(steno_node_set_times(turn, 0, STENO_TIME_NONE) == STENO_OK);
	add(doc, root, STENO_NODE_TURN);
	CHECK_HTML(doc,
	           "<div class=\"turn\" data-speaker=\"tk\"><span class=\"speaker\">Tan "
	           "&lt;Kefei&gt;</span> <time class=\"timestamp\" datetime=\"PT1M2.5S\">"
	           "00:01:02.500</time>\n<p>Hello.</p>\n</div>\n"
	           "<div class=\"turn overlap\" data-speaker=\"q&quot;1 anon\"><span "
	           "class=\"speaker\">q\"1</span>, <span class=\"speaker\">anon</span>\n"
	           "<p>Both.</p>\n</div>\n"
	           "<div class=\"turn\"><time class=\"timestamp\" datetime=\"PT1H2M3.004S\">"
	           "01:02:03.004</time>\n</div>\n"
	           "<div class=\"turn\"><time class=\"timestamp\" datetime=\"PT0S\">"
	           "00:00:00</time>\n</div>\n"
	           "<div class=\"turn\">\n</div>\n");
	steno_doc_free(doc);
}

static void test_html_inlines(void)
{
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *n;

	add_text(doc, p, "a");
	add(doc, p, STENO_NODE_SOFT_BREAK);
	add_text(doc, p, "b");
	add(doc, p, STENO_NODE_LINE_BREAK);
	add_text(doc, add(doc, p, STENO_NODE_EMPH), "em");
	add_text(doc, add(doc, p, STENO_NODE_STRONG), "st");
	add_lit(doc, p, STENO_NODE_CODE, "x<y");
	n = add(doc, p, STENO_NODE_LINK);
	CHECK(steno_node_set_url(n, "https://example.org/?a=1&b=2") == STENO_OK);
	CHECK(steno_node_set_title(n, "T \"q\" 'a'") == STENO_OK);
	add_text(doc, n, "link");
	n = add(doc, p, STENO_NODE_LINK);
	CHECK(steno_node_set_url(n, "/x") == STENO_OK);
	add(doc, p, STENO_NODE_TEXT); /* literals never set */
	add(doc, p, STENO_NODE_CODE);
	CHECK_HTML(doc, "<p>a\nb<br />\n<em>em</em><strong>st</strong><code>x&lt;y</code>"
	                "<a href=\"https://example.org/?a=1&amp;b=2\" title=\"T &quot;q&quot; "
	                "&#39;a&#39;\">link</a><a href=\"/x\"></a><code></code></p>\n");
	steno_doc_free(doc);
}

static void test_html_images(void)
{
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *img, *inner, *q;

	img = add(doc, p, STENO_NODE_IMAGE);
	CHECK(steno_node_set_url(img, "pic.png") == STENO_OK);
	CHECK(steno_node_set_title(img, "A & B") == STENO_OK);
	add_text(doc, img, "a \"");
	add_text(doc, add(doc, img, STENO_NODE_EMPH), "b");
	add(doc, img, STENO_NODE_SOFT_BREAK);
	add_lit(doc, img, STENO_NODE_CODE, "c");
	q = add(doc, img, STENO_NODE_QUOTE);
	add_text(doc, q, "d");
	inner = add(doc, img, STENO_NODE_IMAGE);
	add_text(doc, inner, "e");
	add_lit(doc, img, STENO_NODE_RAW_INLINE, "<b>");
	add_text(doc, p, "!");
	img = add(doc, p, STENO_NODE_IMAGE);
	CHECK_HTML(doc, "<p><img src=\"pic.png\" alt=\"a &quot;b c\xE2\x80\x9C"
	                "d\xE2\x80\x9D"
	                "e\" title=\"A &amp; B\" />!<img src=\"\" alt=\"\" /></p>\n");
	steno_doc_free(doc);
}

static void test_html_transcript_inlines(void)
{
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *n, *q;

	n = add(doc, p, STENO_NODE_DATELINE);
	CHECK(steno_node_set_dateline(n, "BEIJING", "Dec. 29", "Xinhua") == STENO_OK);
	add_text(doc, n, "BEIJING, Dec. 29 (Xinhua) --");
	add_text(doc, p, " ");
	n = add_lit(doc, p, STENO_NODE_EVENT, "[Laughter]");
	CHECK(steno_node_set_kind(n, "laughter") == STENO_OK);
	add_lit(doc, p, STENO_NODE_EVENT, "(noise)");
	n = add_lit(doc, p, STENO_NODE_TIME, "(00:05)");
	CHECK(steno_node_set_times(n, 5000, STENO_TIME_NONE) == STENO_OK);
	n = add_lit(doc, p, STENO_NODE_TIME, "");
	CHECK(steno_node_set_times(n, 7250, STENO_TIME_NONE) == STENO_OK);
	add_lit(doc, p, STENO_NODE_TIME, "[??:??]");
	q = add(doc, p, STENO_NODE_QUOTE);
	CHECK(steno_node_add_speaker(q, "tk") == STENO_OK);
	add_text(doc, q, "He said ");
	add_text(doc, add(doc, q, STENO_NODE_QUOTE), "no");
	CHECK_HTML(doc, "<p><span class=\"dateline\" data-place=\"BEIJING\" data-date=\"Dec. 29\" "
	                "data-agency=\"Xinhua\">BEIJING, Dec. 29 (Xinhua) --</span> "
	                "<span class=\"event\" data-kind=\"laughter\">[Laughter]</span>"
	                "<span class=\"event\">(noise)</span>"
	                "<time datetime=\"PT5S\">(00:05)</time>"
	                "<time datetime=\"PT7.25S\">00:00:07.250</time>"
	                "<span class=\"time\">[??:??]</span>"
	                "<span class=\"quote\" id=\"q-1\" data-speaker=\"tk\" title=\"tk\">\xE2\x80\x9CHe said "
	                "<span class=\"quote\">\xE2\x80\x98no\xE2\x80\x99</span>"
	                "\xE2\x80\x9D</span></p>\n");
	steno_doc_free(doc);
}

/* A quote's own marks (attribute "marks") replace the English ones, in
 * text and in an image's alt text, escaped like any text; the attribute
 * itself is not repeated as data-marks. */
static void test_html_quote_marks(void)
{
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *q, *img;

	q = add(doc, p, STENO_NODE_QUOTE);
	CHECK(steno_node_set_attr(q, "marks", "\xC2\xAB\xC2\xBB") == STENO_OK);
	add_text(doc, q, "oui ");
	add_text(doc, add(doc, q, STENO_NODE_QUOTE), "non");
	q = add(doc, p, STENO_NODE_QUOTE);
	CHECK(steno_node_set_attr(q, "marks", "<&>") == STENO_OK);
	add_text(doc, q, "x");
	q = add(doc, p, STENO_NODE_QUOTE);
	CHECK(steno_node_set_attr(q, "marks", "\xE2\x80\x9E") == STENO_OK);
	add_text(doc, q, "open only");
	img = add(doc, p, STENO_NODE_IMAGE);
	q = add(doc, img, STENO_NODE_QUOTE);
	CHECK(steno_node_set_attr(q, "marks", "\"\xC2\xBB") == STENO_OK);
	add_text(doc, q, "alt");
	CHECK_HTML(doc, "<p><span class=\"quote\">\xC2\xABoui "
	                "<span class=\"quote\">\xE2\x80\x98non\xE2\x80\x99</span>\xC2\xBB</span>"
	                "<span class=\"quote\">&lt;x&amp;&gt;</span>"
	                "<span class=\"quote\">\xE2\x80\x9Eopen only</span>"
	                "<img src=\"\" alt=\"&quot;alt\xC2\xBB\" /></p>\n");
	steno_doc_free(doc);
}

/* Text the two languages refuse becomes U+FFFD; tabs, newlines and
 * valid UTF-8 pass; in attributes whitespace controls are references. */
static void test_html_characters(void)
{
	static const char text[] = "t\tn\nr\r|\x01|\x7f|\xff|\xc3\xa9|\xc2\x85|\xef\xbf\xbe|"
	                           "\xed\xa0\x80|\xf0\x9f\x98\x80";
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *n;

	add_text(doc, p, text);
	n = add(doc, p, STENO_NODE_LINK);
	CHECK(steno_node_set_title(n, "a\tb\nc\rd\x02"
	                              "e<>&'\"") == STENO_OK);
	CHECK_HTML(doc, "<p>t\tn\nr\r|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xc3\xa9|"
	                "\xEF\xBF\xBD|\xEF\xBF\xBD|"
	                "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xf0\x9f\x98\x80"
	                "<a href=\"\" title=\"a&#9;b&#10;c&#13;d\xEF\xBF\xBD"
	                "e&lt;&gt;&amp;&#39;&quot;\"></a></p>\n");
	steno_doc_free(doc);
}

/* A link to url rendered with flags. */
static char *render_url(const char *url, int flags)
{
	steno_doc *doc;
	steno_node *p = para_doc(&doc), *n = add(doc, p, STENO_NODE_LINK);
	char *out;

	CHECK(steno_node_set_url(n, url) == STENO_OK);
	out = render(doc, flags);
	steno_doc_free(doc);
	return out;
}

#define CHECK_URL(url, flags, want)                                         \
	do {                                                                \
		char *out_ = render_url((url), (flags));                    \
		CHECK_STR(out_, "<p><a href=\"" want "\"></a></p>\n");     \
		free(out_);                                                 \
	} while (0)

static void test_html_urls(void)
{
	CHECK_URL("javascript:alert(1)", 0, "");
	CHECK_URL(" \tJavaScript:alert(1)", 0, "");
	CHECK_URL("VBSCRIPT:x", 0, "");
	CHECK_URL("file:///etc/passwd", 0, "");
	CHECK_URL("data:text/html,<b>", 0, "");
	CHECK_URL("data:image/svg+xml,x", 0, "");
	CHECK_URL("data:image/pngx,x", 0, "");
	CHECK_URL("data:image/png;base64,AAA=", 0, "data:image/png;base64,AAA=");
	CHECK_URL("DATA:image/webp,x", 0, "DATA:image/webp,x");
	CHECK_URL("java\tscript:x", 0, "java%09script:x");
	CHECK_URL("javascript:alert(1)", UNSAFE, "javascript:alert(1)");
	CHECK_URL("data:text/html,<b>", UNSAFE, "data:text/html,%3Cb%3E");
	CHECK_URL("  http://x.org/a b?q='1'&r=\"<>\\^`{|}\x7f  ", 0,
	          "http://x.org/a%20b?q=&#39;1&#39;&amp;r=%22%3C%3E%5C%5E%60%7B%7C%7D%7F");
	CHECK_URL("/%41%zz%4", 0, "/%41%25zz%254");
	/* brackets only in the authority (an IPv6 host), as RFC 3986 says */
	CHECK_URL("/caf\xc3\xa9#[x]~!$()*+,;=:@", 0, "/caf%C3%A9#%5Bx%5D~!$()*+,;=:@");
	CHECK_URL("http://[::1]:80/[a]", 0, "http://[::1]:80/%5Ba%5D");
}

static void test_html_raw(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *n, *p;

	n = add_lit(doc, root, STENO_NODE_RAW_BLOCK, "<div>hi</div>\n");
	CHECK(steno_node_set_kind(n, "HTML") == STENO_OK);
	n = add_lit(doc, root, STENO_NODE_RAW_BLOCK, "<script>x()</script>");
	CHECK(steno_node_set_kind(n, "html") == STENO_OK);
	n = add_lit(doc, root, STENO_NODE_RAW_BLOCK, "\\LaTeX\n");
	CHECK(steno_node_set_kind(n, "latex") == STENO_OK);
	n = add_lit(doc, root, STENO_NODE_RAW_BLOCK, "x");
	CHECK(steno_node_set_kind(n, "-->a--b>") == STENO_OK);
	add_lit(doc, root, STENO_NODE_RAW_BLOCK, "y");
	p = add(doc, root, STENO_NODE_PARAGRAPH);
	n = add_lit(doc, p, STENO_NODE_RAW_INLINE, "<b>");
	CHECK(steno_node_set_kind(n, "html") == STENO_OK);
	add_text(doc, p, "bold");
	CHECK_HTML(doc, "<!-- raw HTML omitted -->\n"
	                "<!-- raw HTML omitted -->\n"
	                "<!-- raw LATEX omitted -->\n"
	                "<!-- raw AB omitted -->\n"
	                "<!-- raw content omitted -->\n"
	                "<p><!-- raw HTML omitted -->bold</p>\n");
	CHECK_RENDER(doc, UNSAFE,
	             "<div>hi</div>\n"
	             "<script>x()</script>\n"
	             "<!-- raw LATEX omitted -->\n"
	             "<!-- raw AB omitted -->\n"
	             "<!-- raw content omitted -->\n"
	             "<p><b>bold</p>\n");
	steno_doc_free(doc);
}

static void test_html_sourcepos(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *p, *em, *list;

	p = add(doc, root, STENO_NODE_PARAGRAPH);
	steno_node_set_sourcepos(p, 1, 1, 2, 5);
	em = add(doc, p, STENO_NODE_EMPH);
	steno_node_set_sourcepos(em, 1, 3, 1, 6);
	add_text(doc, em, "x");
	list = add(doc, root, STENO_NODE_LIST);
	steno_node_set_sourcepos(list, 4, 1, 4, 3);
	p = add(doc, add(doc, list, STENO_NODE_ITEM), STENO_NODE_PARAGRAPH);
	steno_node_set_sourcepos(p, 4, 3, 4, 3);
	add(doc, root, STENO_NODE_THEMATIC_BREAK);
	steno_node_set_sourcepos(steno_node_last_child(root), 6, 1, 6, 3);
	CHECK_RENDER(doc, SOURCEPOS,
	             "<p data-sourcepos=\"1:1-2:5\"><em>x</em></p>\n"
	             "<ul data-sourcepos=\"4:1-4:3\">\n<li></li>\n</ul>\n"
	             "<hr data-sourcepos=\"6:1-6:3\" />\n");
	CHECK_HTML(doc, "<p><em>x</em></p>\n<ul>\n<li></li>\n</ul>\n<hr />\n");
	steno_doc_free(doc);
}

/* Node attributes become data-* with names mapped one-to-one; the
 * writer's own data-* names are not repeated. */
static void test_html_node_attrs(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *n;

	n = add(doc, root, STENO_NODE_SECTION);
	CHECK(steno_node_set_kind(n, "part") == STENO_OK);
	CHECK(steno_node_set_attr(n, "type", "other") == STENO_OK);
	CHECK(steno_node_set_attr(n, "startTime", "1.5") == STENO_OK);
	CHECK(steno_node_set_attr(n, "xml:id", "s<1>") == STENO_OK);
	CHECK(steno_node_set_attr(n, "a_b-c", "") == STENO_OK);
	n = add(doc, add(doc, n, STENO_NODE_PARAGRAPH), STENO_NODE_EMPH);
	CHECK(steno_node_set_attr(n, "rend", "italic") == STENO_OK);
	CHECK(steno_node_set_attr(n, "xml:id", "has space") == STENO_OK);
	/* an xml:id is the element's id, unless it could not be one */
	CHECK_HTML(doc, "<section class=\"section\" data-type=\"part\" data-start_time=\"1.5\" "
	                "id=\"s&lt;1&gt;\" data-a.5fb-c=\"\">\n"
	                "<p><em data-rend=\"italic\" data-xml.3aid=\"has space\"></em></p>\n"
	                "</section>\n");
	steno_doc_free(doc);
}

/* Does haystack contain needle?  Reports the haystack when not. */
static int contains(const char *haystack, const char *needle)
{
	if (haystack && strstr(haystack, needle))
		return 1;
	fprintf(stderr, "missing \"%s\" in:\n%s\n", needle, haystack ? haystack : "(null)");
	return 0;
}

static void test_html_standalone(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *h;
	char *out;

	/* No metadata: language "en", title from the first heading with text. */
	add(doc, root, STENO_NODE_HEADING);
	h = add(doc, root, STENO_NODE_HEADING);
	add_text(doc, h, "Press ");
	add_text(doc, add(doc, h, STENO_NODE_EMPH), "<briefing>");
	add_text(doc, add(doc, root, STENO_NODE_PARAGRAPH), "x");
	out = render(doc, STANDALONE);
	CHECK(contains(out, "<!DOCTYPE html>\n"
	                    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" "
	                    "xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"));
	CHECK(contains(out, "<title>Press &lt;briefing&gt;</title>\n"));
	CHECK(contains(out, "<style>\n"));
	CHECK(contains(out, ".speaker {"));
	CHECK(contains(out, ".timestamp {"));
	CHECK(contains(out, ".event {"));
	CHECK(contains(out, "</style>\n</head>\n<body>\n<h1></h1>\n"));
	CHECK(out && !strstr(out, "<header>"));
	CHECK(contains(out, "<p>x</p>\n</body>\n</html>\n"));
	free(out);

	/* Metadata and speakers: the title, the language, a header. */
	CHECK(steno_meta_set(doc, "title", "Q & A") == STENO_OK);
	CHECK(steno_meta_set(doc, "language", "zh-Hans") == STENO_OK);
	CHECK(steno_speaker_set(doc, "tk", "Tan Kefei", "spokesperson") == STENO_OK);
	CHECK(steno_speaker_set(doc, "q", NULL, NULL) == STENO_OK);
	out = render(doc, STANDALONE);
	CHECK(contains(out, " lang=\"zh-Hans\" xml:lang=\"zh-Hans\">\n"));
	CHECK(contains(out, "<title>Q &amp; A</title>\n"));
	CHECK(contains(out, "<body>\n<header>\n<dl class=\"metadata\">\n"
	                    "<dt>title</dt>\n<dd>Q &amp; A</dd>\n"
	                    "<dt>language</dt>\n<dd>zh-Hans</dd>\n</dl>\n"
	                    "<ul class=\"speakers\">\n"
	                    "<li data-speaker=\"tk\"><span class=\"speaker\">Tan Kefei</span>, "
	                    "<span class=\"role\">spokesperson</span></li>\n"
	                    "<li data-speaker=\"q\"><span class=\"speaker\">q</span></li>\n"
	                    "</ul>\n</header>\n<h1></h1>\n"));
	free(out);
	steno_doc_free(doc);

	/* Nothing to take a title from. */
	doc = steno_doc_new();
	CHECK(steno_meta_set(doc, "lang", "fr") == STENO_OK);
	out = render(doc, STANDALONE);
	CHECK(contains(out, " lang=\"fr\" xml:lang=\"fr\">\n"));
	CHECK(contains(out, "<title>Untitled</title>\n"));
	free(out);
	steno_doc_free(doc);
}

/* A chain of depth nodes of type, each the only child of the next,
 * around inner, appended to parent.  Built from the inside out so each
 * append is O(1). */
static int nest(steno_node *parent, steno_node *inner, steno_node_type type, int depth)
{
	steno_doc *doc = node_doc(parent);
	steno_node *n;
	int ok = 1, i;

	for (i = 0; i < depth; i++) {
		n = steno_node_new(doc, type);
		ok &= n && steno_node_append_child(n, inner) == STENO_OK;
		inner = n;
	}
	return ok && steno_node_append_child(parent, inner) == STENO_OK;
}

/* 100 000 nested block quotes, and as many nested emphases. */
static void test_html_deep(void)
{
	enum { DEPTH = 100000 };
	static const char open[] = "<blockquote>\n", close[] = "</blockquote>\n";
	steno_doc *doc = steno_doc_new();
	steno_node *p = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	steno_node *em;
	size_t len;
	char *out;

	add_text(doc, p, "x");
	CHECK(nest(steno_doc_root(doc), p, STENO_NODE_BLOCK_QUOTE, DEPTH));
	out = render(doc, 0);
	len = out ? strlen(out) : 0;
	CHECK(len == DEPTH * (sizeof open - 1 + sizeof close - 1) + strlen("<p>x</p>\n"));
	CHECK(out && strncmp(out, "<blockquote>\n<blockquote>\n", 26) == 0);
	CHECK(out && strstr(out, "<blockquote>\n<p>x</p>\n</blockquote>\n</blockquote>\n"));
	free(out);
	steno_doc_free(doc);

	doc = steno_doc_new();
	p = add(doc, steno_doc_root(doc), STENO_NODE_PARAGRAPH);
	em = steno_node_new(doc, STENO_NODE_EMPH);
	add_text(doc, em, "y");
	CHECK(nest(p, em, STENO_NODE_EMPH, DEPTH - 1));
	out = render(doc, 0);
	len = out ? strlen(out) : 0;
	CHECK(len == DEPTH * strlen("<em></em>") + strlen("<p>y</p>\n"));
	CHECK(out && strstr(out, "<em><em>y</em></em>"));
	free(out);
	steno_doc_free(doc);
}

void test_html(void)
{
	test_html_blocks();
	test_html_code_blocks();
	test_html_lists();
	test_html_turns();
	test_html_inlines();
	test_html_images();
	test_html_transcript_inlines();
	test_html_quote_marks();
	test_html_characters();
	test_html_urls();
	test_html_raw();
	test_html_sourcepos();
	test_html_node_attrs();
	test_html_standalone();
	test_html_deep();
}
