/* test_text.c - the plain-text reader, through the public API with the
 * passes off, its trees written down compactly by shape(). */
#include <stdlib.h>
#include <string.h>

#include "steno.h"
#include "unit.h"

static steno_doc *doc;
static steno_error err;

/* Parse s as text without passes; the previous document is freed. */
static steno_doc *parse_opts(const char *s, size_t len, steno_options *opts)
{
	steno_doc_free(doc);
	opts->passes = 0;
	doc = steno_parse(s, len, "text", opts, &err);
	return doc;
}

static steno_doc *parse(const char *s)
{
	steno_options opts;
	steno_options_init(&opts);
	return parse_opts(s, strlen(s), &opts);
}

static char shape_buf[4096];

static void put(const char *s)
{
	size_t have = strlen(shape_buf);
	if (have + strlen(s) < sizeof shape_buf)
		strcpy(shape_buf + have, s);
}

static void put_open(const steno_node *n)
{
	char tmp[32];
	switch (steno_node_get_type(n)) {
	case STENO_NODE_PARAGRAPH: put("p["); break;
	case STENO_NODE_ITEM: put("li["); break;
	case STENO_NODE_HEADING:
		snprintf(tmp, sizeof tmp, "h%d[", steno_node_get_level(n));
		put(tmp);
		break;
	case STENO_NODE_LIST:
		if (steno_node_get_list_type(n) == STENO_LIST_BULLET)
			snprintf(tmp, sizeof tmp, "ul[");
		else
			snprintf(tmp, sizeof tmp, "ol%d%c[", steno_node_get_list_start(n),
			         steno_node_get_list_delim(n));
		put(tmp);
		break;
	default: put(steno_node_type_name(steno_node_get_type(n))); put("[");
	}
}

/* The tree under the document as p[line|line]h1[title]ul[li[p[x]]]hr:
 * containers with their children in brackets, soft breaks as '|'. */
static const char *shape(void)
{
	shape_buf[0] = '\0';
	if (!doc)
		return "(no document)";
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		steno_node_type t = steno_node_get_type(n);
		if (t == STENO_NODE_DOCUMENT)
			continue;
		if (ev == STENO_EVENT_EXIT)
			put("]");
		else if (t == STENO_NODE_TEXT)
			put(steno_node_get_literal(n, NULL));
		else if (t == STENO_NODE_SOFT_BREAK)
			put("|");
		else if (t == STENO_NODE_THEMATIC_BREAK)
			put("hr");
		else
			put_open(n);
	}
	steno_iter_free(it);
	return shape_buf;
}

static const char *meta(const char *key)
{
	const char *v = steno_meta_get(doc, key);
	return v ? v : "(none)";
}

static void test_paragraphs(void)
{
	parse("");
	CHECK_STR(shape(), "");
	parse("\n \t\n\r\n");
	CHECK_STR(shape(), "");
	parse("Hello.\nworld\n\nNext paragraph.\n");
	CHECK_STR(shape(), "p[Hello.|world]p[Next paragraph.]");
	/* blanks trimmed, whitespace-only lines are blank, nothing else trimmed */
	parse("  One. \t\n\ttwo  \n \t \n\fthree\xC2\xA0");
	CHECK_STR(shape(), "p[One.|two]p[\fthree\xC2\xA0]");
	/* CRLF, CR, LFCR, and a last line without an end */
	parse("a.\r\nb\r\n\r\nc");
	CHECK_STR(shape(), "p[a.|b]p[c]");
	parse("a.\rb\r\rc\r");
	CHECK_STR(shape(), "p[a.|b]p[c]");
	parse("a.\n\rb\n\r\n\rc\n\r");
	CHECK_STR(shape(), "p[a.|b]p[c]");
	parse("a.\r\n\rb");
	CHECK_STR(shape(), "p[a.]p[b]");
	CHECK(steno_doc_warning_count(doc) == 0);
}

static void test_header(void)
{
	parse("Title: Regular Briefing\nDATE: 2022-12-29\nLocation:  Beijing \n"
	      "participants: Tan Kefei, reporters\nLang: en\n\nThe spokesman said.\n");
	CHECK_STR(meta("title"), "Regular Briefing");
	CHECK_STR(meta("date"), "2022-12-29");
	CHECK_STR(meta("place"), "Beijing");
	CHECK_STR(meta("speakers"), "Tan Kefei, reporters");
	CHECK_STR(meta("language"), "en");
	CHECK(steno_meta_count(doc) == 5);
	CHECK_STR(shape(), "p[The spokesman said.]");
	/* speech on the first line is not a header */
	parse("MINISTER: Good morning.\nQ: Why?\n\nA: Because.\n");
	CHECK(steno_meta_count(doc) == 0);
	CHECK_STR(shape(), "p[MINISTER: Good morning.|Q: Why?]p[A: Because.]");
	/* every line must have a key */
	parse("Title: Briefing\nQ: Why?\n\nText.\n");
	CHECK(steno_meta_count(doc) == 0);
	CHECK_STR(shape(), "p[Title: Briefing|Q: Why?]p[Text.]");
	/* a key twice reads as a conversation */
	parse("Date: Monday\nDate: Tuesday\n\nText.\n");
	CHECK(steno_meta_count(doc) == 0);
	/* keys that also label turns do not make a header alone */
	parse("Interviewer: Thanks for coming.\n\nInterviewee: Glad to.\n");
	CHECK(steno_meta_count(doc) == 0);
	CHECK_STR(shape(), "p[Interviewer: Thanks for coming.]p[Interviewee: Glad to.]");
	parse("Title: Oral history\nInterviewer: Ann Lee\n\nText.\n");
	CHECK_STR(meta("interviewer"), "Ann Lee");
	/* a header must end in a blank line, and needs a space after ':' */
	parse("Title: Briefing\nDate: Monday");
	CHECK(steno_meta_count(doc) == 0);
	CHECK_STR(shape(), "p[Title: Briefing|Date: Monday]");
	parse("Date:Monday\nPlace:Paris\n\nText.\n");
	CHECK(steno_meta_count(doc) == 0);
	/* an empty value is kept */
	parse("\n\nSource:\nDate: 1 May\n\nText.\n");
	CHECK_STR(meta("source"), "");
	CHECK_STR(meta("date"), "1 May");
	CHECK_STR(shape(), "p[Text.]");
}

static void test_title(void)
{
	parse("Act on detention ruling, UK urged\n\nThe government must act.\n");
	CHECK_STR(shape(), "h1[Act on detention ruling, UK urged]p[The government must act.]");
	CHECK_STR(meta("title"), "Act on detention ruling, UK urged");
	/* a header's title wins; the line still becomes a heading */
	parse("Title: From the header\n\nShown Title\n\nBody.\n");
	CHECK_STR(meta("title"), "From the header");
	CHECK_STR(shape(), "h1[Shown Title]p[Body.]");
	/* not titles: alone, speech, a sentence, a stage direction, a label */
	parse("Just one line\n\n");
	CHECK_STR(shape(), "p[Just one line]");
	parse("MINISTER: Good morning\n\nText.\n");
	CHECK_STR(shape(), "p[MINISTER: Good morning]p[Text.]");
	parse("Good morning, everyone.\n\nText.\n");
	CHECK_STR(shape(), "p[Good morning, everyone.]p[Text.]");
	parse("[Applause]\n\nText.\n");
	CHECK_STR(shape(), "p[[Applause]]p[Text.]");
	parse("In attendance:\n\nText.\n");
	CHECK_STR(shape(), "p[In attendance:]p[Text.]");
	parse("2022\n\nText.\n");
	CHECK_STR(shape(), "p[2022]p[Text.]");
	parse("A title\nthat wraps\n\nText.\n");
	CHECK_STR(shape(), "p[A title|that wraps]p[Text.]");
	CHECK(steno_meta_count(doc) == 0);
	/* up to 100 characters, counted as characters, not bytes */
	char line[512] = "";
	for (int i = 0; i < 50; i++)
		strcat(line, "\xC3\xA9\xC3\xA9");
	strcat(line, "\n\nText.\n");
	parse(line);
	CHECK(steno_node_get_type(steno_node_first_child(steno_doc_root(doc))) ==
	      STENO_NODE_HEADING);
	memmove(line + 2, line, strlen(line) + 1);
	parse(line);
	CHECK(steno_node_get_type(steno_node_first_child(steno_doc_root(doc))) ==
	      STENO_NODE_PARAGRAPH);
}

static void test_headings(void)
{
	parse("Intro text.\n\nMain Part\n=========\n\nBody.\n\nDetails  \n---  \nMore.\n");
	CHECK_STR(shape(), "p[Intro text.]h1[Main Part]p[Body.]h2[Details]p[More.]");
	CHECK(steno_meta_count(doc) == 0);
	/* the line above the underline, not its whole paragraph */
	parse("Line one.\nHeading\n===\n");
	CHECK_STR(shape(), "p[Line one.]h1[Heading]");
	/* an underlined first heading titles the document */
	parse("Briefing\n========\nText.\n");
	CHECK_STR(shape(), "h1[Briefing]p[Text.]");
	CHECK_STR(meta("title"), "Briefing");
	/* too short to underline */
	parse("Text.\n==\n");
	CHECK_STR(shape(), "p[Text.|==]");
	parse("Text.\n=-=\n");
	CHECK_STR(shape(), "p[Text.|=-=]");
}

static void test_breaks(void)
{
	parse("One.\n\n---\n\nTwo.\n\n* * *\n\nThree.\n\n___\n");
	CHECK_STR(shape(), "p[One.]hrp[Two.]hrp[Three.]hr");
	/* only between blank lines */
	parse("One.\n\n---\nTwo.\n");
	CHECK_STR(shape(), "p[One.]p[---|Two.]");
	parse("One.\n\n- - -x\n\n");
	CHECK_STR(shape(), "p[One.]ul[li[p[- -x]]]");
	parse("One.\n\n--\n");
	CHECK_STR(shape(), "p[One.]p[--]");
}

static void test_lists(void)
{
	parse("Items:\n- one\n- two\n* three\n\xE2\x80\xA2 four\n");
	CHECK_STR(shape(), "p[Items:]ul[li[p[one]]li[p[two]]]ul[li[p[three]]]ul[li[p[four]]]");
	parse("3. c\n4. d\n1) e\n");
	CHECK_STR(shape(), "ol3.[li[p[c]]li[p[d]]]ol1)[li[p[e]]]");
	/* an indented line continues an item; one that is not ends the list */
	parse("- one\n  more\n\tand more\n- two\nafter\n");
	CHECK_STR(shape(), "ul[li[p[one|more|and more]]li[p[two]]]p[after]");
	/* a blank line ends a list */
	parse("- one\n\n- two\n");
	CHECK_STR(shape(), "ul[li[p[one]]]ul[li[p[two]]]");
	/* only "1." interrupts a paragraph */
	parse("It was in\n1990. The year\n1. first\n");
	CHECK_STR(shape(), "p[It was in|1990. The year]ol1.[li[p[first]]]");
	/* not markers */
	parse("-dash\n*star\n1.5 million\n12345678901. no\n-\n");
	CHECK_STR(shape(), "p[-dash|*star|1.5 million|12345678901. no|-]");
	steno_node *list = steno_node_first_child(steno_doc_root(parse("7) x\n")));
	CHECK(steno_node_get_list_type(list) == STENO_LIST_ORDERED);
	CHECK(steno_node_get_list_start(list) == 7);
	CHECK(steno_node_get_list_delim(list) == ')');
	CHECK(steno_node_get_list_tight(list) == 1);
}

static void check_pos(const steno_node *n, int line, int col, int end_line, int end_col)
{
	CHECK(steno_node_get_line(n) == line);
	CHECK(steno_node_get_column(n) == col);
	CHECK(steno_node_get_end_line(n) == end_line);
	CHECK(steno_node_get_end_column(n) == end_col);
}

static void test_sourcepos(void)
{
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = 1;
	const char *s = "Title\n\n  Para one\nline two  \n\n- item\n  more text\n\n---\n\n"
	                "Sub\n---\n";
	parse_opts(s, strlen(s), &opts);
	CHECK_STR(shape(), "h1[Title]p[Para one|line two]ul[li[p[item|more text]]]hrh2[Sub]");
	steno_node *n = steno_node_first_child(steno_doc_root(doc));
	check_pos(n, 1, 1, 1, 5);
	n = steno_node_next(n);
	check_pos(n, 3, 3, 4, 8);
	n = steno_node_next(n);
	check_pos(n, 6, 1, 7, 11);
	steno_node *item = steno_node_first_child(n);
	check_pos(item, 6, 1, 7, 11);
	check_pos(steno_node_first_child(item), 6, 3, 7, 11);
	n = steno_node_next(n);
	check_pos(n, 9, 1, 9, 3);
	n = steno_node_next(n);
	check_pos(n, 11, 1, 12, 3);
	/* lines are counted the same across every kind of line end */
	s = "a.\r\nb\rc\n\rd\n\ne";
	parse_opts(s, strlen(s), &opts);
	check_pos(steno_node_last_child(steno_doc_root(doc)), 6, 1, 6, 1);
}

static void test_long_lines(void)
{
	char a[100], b[100], s[512], want[512];
	memset(a, 'a', sizeof a - 1);
	memset(b, 'b', sizeof b - 1);
	a[99] = b[99] = '\0';
	/* no blank lines, long lines: a paragraph each */
	snprintf(s, sizeof s, "%s\n%s\nshort\n", a, b);
	snprintf(want, sizeof want, "p[%s]p[%s]p[short]", a, b);
	parse(s);
	CHECK_STR(shape(), want);
	/* a short first line is then a title */
	snprintf(s, sizeof s, "A Title\n%s\n%s\n", a, b);
	snprintf(want, sizeof want, "h1[A Title]p[%s]p[%s]", a, b);
	parse(s);
	CHECK_STR(shape(), want);
	CHECK_STR(meta("title"), "A Title");
	/* leading and trailing blank lines do not count */
	snprintf(s, sizeof s, "\n\n%s\n%s\n\n", a, b);
	snprintf(want, sizeof want, "p[%s]p[%s]", a, b);
	parse(s);
	CHECK_STR(shape(), want);
	/* short lines, or a blank line anywhere between: the usual rules */
	parse("one\ntwo\nthree\n");
	CHECK_STR(shape(), "p[one|two|three]");
	snprintf(s, sizeof s, "%s\n%s\n\nEnd.\n", a, b);
	snprintf(want, sizeof want, "p[%s|%s]p[End.]", a, b);
	parse(s);
	CHECK_STR(shape(), want);
}

static void test_encodings(void)
{
	steno_options opts;
	steno_options_init(&opts);
	parse("caf\xE9 \x93ok\x94.\n");
	CHECK_STR(shape(), "p[caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D.]");
	CHECK(steno_doc_warning_count(doc) == 1);
	CHECK_STR(steno_doc_warning(doc, 0), "input is not UTF-8; decoded as Windows-1252");
	parse_opts("a.\0b\xC3\xA9\xFF", 7, &opts);
	CHECK_STR(shape(), "p[a.\xEF\xBF\xBD" "b\xC3\xA9\xEF\xBF\xBD]");
	CHECK(steno_doc_warning_count(doc) == 1);
	CHECK_STR(steno_doc_warning(doc, 0), "2 invalid byte(s) replaced with U+FFFD");
	parse_opts("\xFF\xFE" "a\0.\0\n\0b\0", 10, &opts);
	CHECK_STR(shape(), "p[a.|b]");
	opts.encoding = "latin1";
	parse_opts("\xE9t\xE9.", 4, &opts);
	CHECK_STR(shape(), "p[\xC3\xA9t\xC3\xA9.]");
	CHECK(steno_doc_warning_count(doc) == 0);
	opts.encoding = "klingon";
	CHECK(parse_opts("x", 1, &opts) == NULL);
	CHECK(err.code == STENO_ERR_ENCODING);
}

/* Whatever the reader makes of odd input, every non-blank byte of it is
 * in the document: in text, or in the list marker, underline or break
 * it was taken for. */
static void test_nothing_lost(void)
{
	parse("Title: T\nQ: x\n\n===\n- \n* * *\n1.\n  - a\n:\n\n---\n\n");
	CHECK_STR(shape(), "p[Title: T|Q: x]p[===|-]ul[li[p[* *]]]p[1.]ul[li[p[a]]]p[:]hr");
	CHECK(steno_meta_count(doc) == 0);
}

static void test_big(void)
{
	/* many lines of every kind; linear, and no recursion to run out of */
	size_t n = 200000;
	char *s = malloc(n * 4 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 4 * i, i % 3 ? "- x\n" : "x.\r\n", 4);
	s[4 * n] = '\0';
	steno_options opts;
	steno_options_init(&opts);
	CHECK(parse_opts(s, 4 * n, &opts) != NULL);
	free(s);
	size_t blocks = 0;
	for (steno_node *b = steno_node_first_child(steno_doc_root(doc)); b; b = steno_node_next(b))
		blocks++;
	CHECK(blocks == 2 * n / 3 + 1);
}

void test_text(void)
{
	test_paragraphs();
	test_header();
	test_title();
	test_headings();
	test_breaks();
	test_lists();
	test_sourcepos();
	test_long_lines();
	test_encodings();
	test_nothing_lost();
	test_big();
	steno_doc_free(doc);
	doc = NULL;
}
