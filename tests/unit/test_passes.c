/* test_passes.c - the transcript and quotes passes through the public
 * API: turns and speakers, times, events, notes, quotes, datelines,
 * markup labels as the Markdown reader builds them, and the rule that
 * no text is lost or duplicated. */
#include <stdio.h>
#include <stdlib.h>

#include "steno.h"
#include "unit.h"

static steno_doc *parse(const char *text, unsigned passes)
{
	steno_options opts;
	steno_options_init(&opts);
	opts.passes = passes;
	return steno_parse(text, strlen(text), "text", &opts, NULL);
}

/* The document's text: every literal in order, quotes marked by [[ ]]. */
static void flatten(steno_doc *doc, char *out, size_t cap)
{
	size_t o = 0;
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		size_t len = 0;
		const char *s = steno_node_get_literal(n, &len);
		if (steno_node_get_type(n) == STENO_NODE_QUOTE) {
			s = ev == STENO_EVENT_ENTER ? "[[" : "]]";
			len = 2;
		}
		if (s && o + len < cap) {
			memcpy(out + o, s, len);
			o += len;
		}
	}
	out[o] = '\0';
	steno_iter_free(it);
}

static steno_node *first_of(steno_doc *doc, steno_node_type type)
{
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	steno_node *found = NULL;
	while (!found && steno_iter_next(it) != STENO_EVENT_DONE)
		if (steno_node_get_type(steno_iter_node(it)) == type)
			found = steno_iter_node(it);
	steno_iter_free(it);
	return found;
}

static size_t count_of(steno_doc *doc, steno_node_type type)
{
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	size_t n = 0;
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE)
		n += ev == STENO_EVENT_ENTER && steno_node_get_type(steno_iter_node(it)) == type;
	steno_iter_free(it);
	return n;
}

static void test_turns(void)
{
	steno_doc *doc = parse("Q: Why?\nA: Because.\n\nMore of the answer.\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 2);
	CHECK(steno_speaker_count(doc) == 2);
	CHECK_STR(steno_speaker_id(doc, 0), "q");
	CHECK_STR(steno_speaker_role(doc, 0), "question");
	steno_node *second = steno_node_next(steno_node_first_child(steno_doc_root(doc)));
	CHECK(steno_node_get_type(second) == STENO_NODE_TURN);
	/* the unlabelled paragraph continues the answer */
	CHECK(steno_node_get_type(steno_node_last_child(second)) == STENO_NODE_PARAGRAPH &&
	      steno_node_first_child(second) != steno_node_last_child(second));
	char text[256];
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "Why?Because.More of the answer.");
	steno_doc_free(doc);

	doc = parse("TAN KEFEI: One.\n\nSenior Colonel Tan Kefei: Two.\n", STENO_PASS_DEFAULT);
	CHECK(steno_speaker_count(doc) == 1);
	CHECK_STR(steno_speaker_id(doc, 0), "tan-kefei");
	CHECK_STR(steno_speaker_name(doc, 0), "TAN KEFEI");
	steno_doc_free(doc);

	doc = parse("Note: one.\n\nUpdate: two.\n\nThe answer: three.\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 0);
	CHECK(steno_speaker_count(doc) == 0);
	steno_doc_free(doc);
}

/* Names alone on a line: with a role they are speakers, bare they need
 * a cast that follows no cycle; headings that come round stay text. */
static void test_alone(void)
{
	steno_doc *doc = parse("Q3 call\n\nOperator\n\nWelcome.\n\nJane Roe -- Acme Bank -- Analyst\n\nA "
	                       "question.\n\nOperator\n\nNext.\n\nJane Roe -- Acme Bank -- "
	                       "Analyst\n\nAnother.\n",
	                       STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	size_t roe = steno_speaker_find(doc, "jane-roe");
	CHECK(roe != (size_t)-1);
	CHECK_STR(steno_speaker_role(doc, roe), "Analyst");
	CHECK_STR(steno_speaker_attr_value(doc, roe, 0), "Acme Bank");
	steno_doc_free(doc);

	/* a cycle of headings, however often it comes round */
	doc = parse("Ingredients\nLentils.\n\nMethod\nSimmer.\n\nServing\nHot.\n\n"
	            "Ingredients\nPeas.\n\nMethod\nBlend.\n\nServing\nCold.\n\n"
	            "Ingredients\nBeans.\n\nMethod\nBake.\n\nServing\nWarm.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 0);
	steno_doc_free(doc);

	/* a cast of three in no fixed order */
	doc = parse("Nadia\nOne.\n\nOmar\nTwo.\n\nNadia\nThree.\n\nPia\nFour.\n\nOmar\nFive."
	            "\n\nPia\nSix.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 6);
	CHECK(steno_speaker_count(doc) == 3);
	steno_doc_free(doc);
}

/* Labels of other shapes: each keeps the words it does not consume. */
static void test_label_shapes(void)
{
	char text[256];
	steno_doc *doc = parse("12/10/25, 14:03 - Ann Lee: Hi.\n12/10/25, 14:05 - Bob Roe: Yo.\n"
	                       "12/10/25, 14:06 - Ann Lee: Ok.\n",
	                       STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 3);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "12/10/25, 14:03 - Hi.12/10/25, 14:05 - Yo.12/10/25, 14:06 - Ok.");
	steno_doc_free(doc);

	/* a left-to-right mark before the stamp, a zero-width space before a
	 * name: invisible, and no reason to miss the label */
	doc = parse("\xE2\x80\x8E[12/10/25, 14:03:22] Ann Lee: Hi.\n[12/10/25, 14:05:01] Bob Roe: "
	            "Yo.\n\xE2\x80\x8B" "Ann Lee: Ok.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 3);
	CHECK(steno_speaker_count(doc) == 2);
	steno_doc_free(doc);

	doc = parse("Q. Where?\nA. Here.\nQ. When?\nA. Now.\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	CHECK_STR(steno_speaker_role(doc, 0), "question");
	steno_doc_free(doc);

	doc = parse("President. \xE2\x80\x93 Order.\n\nJo Roe, on behalf of the X Group. "
	            "\xE2\x80\x93 Thanks.\n\nPresident. \xE2\x80\x93 Go on.\n\nJo Roe, on "
	            "behalf of the X Group. \xE2\x80\x93 Done.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	size_t roe = steno_speaker_find(doc, "jo-roe");
	CHECK(roe != (size_t)-1 && steno_speaker_role(doc, roe) &&
	      strcmp(steno_speaker_role(doc, roe), "on behalf of the X Group") == 0);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "Order.Thanks.Go on.Done.");
	steno_doc_free(doc);

	doc = parse("El se\xC3\xB1or PRESIDENTE: Uno.\n\nLa se\xC3\xB1ora ROS: Dos.\n\nEl "
	            "se\xC3\xB1or PRESIDENTE: Tres.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 3);
	CHECK(steno_speaker_count(doc) == 2);
	steno_doc_free(doc);

	/* an office and its holder in square brackets, then the holder by
	 * name; "di-Pertua"; a label set in justified text */
	doc = parse("Tuan Yang di-Pertua: Order.\n\nMenteri Kewangan [Siti binti Omar]: Yes.\n\n"
	            "Tuan  Yang  di-Pertua:  Thanks.\n\nSiti  binti  Omar:  No.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	CHECK(steno_speaker_count(doc) == 2);
	size_t siti = steno_speaker_find(doc, "siti-binti-omar");
	CHECK(siti != (size_t)-1 && steno_speaker_role(doc, siti) &&
	      strcmp(steno_speaker_role(doc, siti), "Menteri Kewangan") == 0);
	CHECK(siti != (size_t)-1 && strcmp(steno_speaker_name(doc, siti), "Siti binti Omar") == 0);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "Order.Yes.Thanks.No.");
	steno_doc_free(doc);

	/* justified prose's full stops are no labels */
	doc = parse("The  Public  Service.  It  hires.\n\nThe  Public  Service.  It  pays.\n\n"
	            "Public  Service  Commission.  Yes.\n\nPublic  Service  Commission.  No.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 0);
	steno_doc_free(doc);

	/* "Agenda: https://..." is no one's speech */
	doc = parse("Agenda: https://example.org/a\n\nAnn: Hi.\n\nBob: Yo.\n\nAnn: Ok.\n\nBob: "
	            "Fine.\n",
	            STENO_PASS_DEFAULT);
	CHECK(steno_speaker_find(doc, "agenda") == (size_t)-1);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	steno_doc_free(doc);
}

/* The survey: a shape counts only as the document's convention, a
 * preamble's keys are not speakers, and what is left is said. */
static void test_survey(void)
{
	/* two speakers labelled twice each with a full stop: Congressional Record */
	steno_doc *doc = parse("Mr. ROE. Yes.\nMr. POE. No.\nMr. ROE. Why?\nMr. POE. So.\n",
	                       STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	CHECK(steno_speaker_count(doc) == 2);
	steno_doc_free(doc);

	/* one name twice is not yet a convention for a shape prose writes */
	doc = parse("Mr. ROE. Yes.\n\nMr. ROE. Why?\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 0);
	CHECK(steno_doc_warning_count(doc) == 1);
	steno_doc_free(doc);

	doc = parse("Tema: Presupuesto\n\nAvD: Hola.\n\nPR: Hola.\n\nAvD: Bien.\n",
	            STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 3);
	CHECK(steno_speaker_find(doc, "tema") == (size_t)-1);
	CHECK(steno_doc_warning_count(doc) == 0);
	steno_doc_free(doc);

	/* an alias and its long form are one speaker, the alias an attribute */
	doc = parse("Anna van Dijk (AvD): Hi.\n\nAvD: Bye.\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 2);
	CHECK(steno_speaker_count(doc) == 1);
	CHECK_STR(steno_speaker_attr_name(doc, 0, 0), "alias");
	CHECK_STR(steno_speaker_attr_value(doc, 0, 0), "AvD");
	steno_doc_free(doc);

	/* minutes' nicknames beside a line the document never labels again */
	doc = parse("mk: yes\nek: no\nmk: why\nek: so\nzz: once\n", STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 4);
	CHECK(steno_doc_warning_count(doc) == 1);
	steno_doc_free(doc);
}

static void test_times(void)
{
	steno_doc *doc = parse("[00:00:01.5] Q: Now?\n\nSpeaker 1 (00:05): Hi.\n\nQ: x\n",
	                       STENO_PASS_DEFAULT);
	steno_node *turn = first_of(doc, STENO_NODE_TURN);
	CHECK(steno_node_get_start(turn) == 1500);
	CHECK(steno_node_get_end(turn) == 5000);
	steno_node *next = steno_node_next(turn);
	CHECK(steno_node_get_start(next) == 5000);
	CHECK_STR(steno_node_get_attr(next, "label"), "Speaker 1 (00:05)");
	steno_node *time = first_of(doc, STENO_NODE_TIME);
	CHECK(steno_node_get_start(time) == 1500);
	steno_doc_free(doc);
}

static void test_events(void)
{
	steno_doc *doc = parse("He said (Reuters) it was fine. [Laughter]\n\n(Applause.)\n",
	                       STENO_PASS_DEFAULT);
	steno_node *ev = first_of(doc, STENO_NODE_EVENT);
	CHECK_STR(steno_node_get_kind(ev), "laughter");
	CHECK(count_of(doc, STENO_NODE_EVENT) == 2);
	steno_node *note = first_of(doc, STENO_NODE_NOTE);
	CHECK_STR(steno_node_get_kind(note), "stage");
	char text[256];
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "He said (Reuters) it was fine. [Laughter](Applause.)");
	steno_doc_free(doc);
}

static void test_quotes(void)
{
	char text[256];
	steno_doc *doc = parse("\"Out 'in' out,\" he said, don't.\n", STENO_PASS_DEFAULT);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "[[Out [[in]] out,]] he said, don't.");
	steno_doc_free(doc);

	doc = parse("He said \"yes and the US' side.\n", STENO_PASS_DEFAULT);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "He said \"yes and the US' side.");
	steno_doc_free(doc);

	doc = parse("Intro.\n\n\"Continued\n\n\"and closed.\"\n", STENO_PASS_DEFAULT);
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "Intro.[[Continued]][[and closed.]]");
	CHECK_STR(steno_node_get_attr(first_of(doc, STENO_NODE_QUOTE), "continued"), "true");
	steno_doc_free(doc);

	doc = parse("\"a\" b\n", STENO_PASS_TRANSCRIPT);
	CHECK(count_of(doc, STENO_NODE_QUOTE) == 0);
	steno_doc_free(doc);
}

static void test_dateline(void)
{
	steno_doc *doc = parse("date 2022-12-29 BEIJING, Dec.29 -- Text.\n", STENO_PASS_DEFAULT);
	steno_node *dl = first_of(doc, STENO_NODE_DATELINE);
	CHECK_STR(steno_node_get_place(dl), "BEIJING");
	CHECK_STR(steno_node_get_date(dl), "Dec.29");
	CHECK(steno_node_get_agency(dl) == NULL);
	CHECK_STR(steno_meta_get(doc, "date"), "2022-12-29");
	CHECK_STR(steno_meta_get(doc, "place"), "BEIJING");
	steno_doc_free(doc);
}

/* "**Tan Kefei:** text" as a Markdown reader builds it. */
static void test_markup_label(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	for (int i = 0; i < 2; i++) {
		steno_node *p = steno_node_new(doc, STENO_NODE_PARAGRAPH);
		steno_node *strong = steno_node_new(doc, STENO_NODE_STRONG);
		steno_node *name = steno_node_new(doc, STENO_NODE_TEXT);
		steno_node *rest = steno_node_new(doc, STENO_NODE_TEXT);
		steno_node_set_literal(name, "Tan Kefei:", 10);
		steno_node_set_literal(rest, " Good day.", 10);
		steno_node_append_child(strong, name);
		steno_node_append_child(p, strong);
		steno_node_append_child(p, rest);
		steno_node_append_child(root, p);
	}
	steno_options opts;
	steno_options_init(&opts);
	CHECK(steno_run_passes(doc, &opts, NULL) == STENO_OK);
	CHECK(count_of(doc, STENO_NODE_TURN) == 2);
	CHECK(count_of(doc, STENO_NODE_STRONG) == 0);
	char text[64];
	flatten(doc, text, sizeof text);
	CHECK_STR(text, "Good day.Good day.");
	steno_doc_free(doc);
}

/* s[0..len) alone in a paragraph, through the quotes pass, as flatten
 * shows it. */
static void quoted(const char *s, size_t len, char *out, size_t cap)
{
	steno_doc *doc = steno_doc_new();
	steno_node *p = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	steno_node *t = steno_node_new(doc, STENO_NODE_TEXT);
	steno_node_set_literal(t, s, len);
	steno_node_append_child(p, t);
	steno_node_append_child(steno_doc_root(doc), p);
	steno_options opts;
	steno_options_init(&opts);
	opts.passes = STENO_PASS_QUOTES;
	steno_run_passes(doc, &opts, NULL);
	flatten(doc, out, cap);
	steno_doc_free(doc);
}

/* The first n bytes of "don't  " over and over at s: apostrophes
 * between letters, which the scan passes over wherever its blocks cut
 * them. */
static void filler(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = "don't  "[i % 7];
}

/* The scan for marks reads blocks of bytes at once: a quotation is
 * found at every offset of texts of every length around the blocks'
 * sizes, up to a closing mark that is the text's last byte, and a mark
 * the text's end cuts off is none. */
static void test_quote_scan(void)
{
	static const char *const pairs[][2] = {{"\"", "\""},
	                                       {"\xE2\x80\x9C", "\xE2\x80\x9D"},
	                                       {"\xC2\xAB", "\xC2\xBB"},
	                                       {"\xE3\x80\x8C", "\xE3\x80\x8D"}};
	static const char *const cut[] = {"\xE2", "\xE2\x80", "\xC2", "\xE3\x80",
	                                  ("\xE2\x80\x9C" "ab\xE2\x80")};
	char text[256], want[256], got[256];
	size_t wrong = 0;
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
		for (size_t lead = 0; lead <= 70; lead++)
			for (size_t tail = 0; tail <= 40; tail++) {
				/* "don't  do ... "ab" don't  do ..." */
				filler(text, lead);
				if (lead)
					text[lead - 1] = ' ';
				memcpy(want, text, lead);
				size_t n = lead + (size_t)sprintf(text + lead, "%sab%s", pairs[k][0], pairs[k][1]);
				size_t w = lead + (size_t)sprintf(want + lead, "[[ab]]");
				if (tail) {
					text[n] = want[w] = ' ';
					filler(text + n + 1, tail - 1);
					filler(want + w + 1, tail - 1);
				}
				want[w + tail] = '\0';
				quoted(text, n + tail, got, sizeof got);
				wrong += strcmp(got, want) != 0;
			}
	CHECK(wrong == 0);
	for (size_t k = 0; k < sizeof cut / sizeof *cut; k++)
		for (size_t lead = 0; lead <= 70; lead++) {
			filler(text, lead);
			size_t n = lead + (size_t)sprintf(text + lead, "%s", cut[k]);
			quoted(text, n, got, sizeof got);
			wrong += strlen(got) != n || memcmp(got, text, n) != 0;
		}
	CHECK(wrong == 0);
	quoted("", 0, got, sizeof got);
	CHECK_STR(got, "");
	quoted("\"", 1, got, sizeof got);
	CHECK_STR(got, "\"");
}

/* Hostile shapes: thousands of opening marks and labelled lines stay
 * linear, lose nothing and nest no deeper than the pass allows. */
static void test_hostile(void)
{
	size_t n = 20000;
	char *s = malloc(n * 8 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * 2, " \"", 2);
	s[n * 2] = '\0';
	steno_doc *doc = parse(s, STENO_PASS_DEFAULT);
	CHECK(doc && count_of(doc, STENO_NODE_QUOTE) == 0);
	steno_doc_free(doc);
	for (size_t i = 0; i < n; i++) /* each line a turn, each quote unpaired */
		memcpy(s + i * 8, i % 2 ? "A: x \"\n\n" : "Q: \"y \n\n", 8);
	s[n * 8] = '\0';
	doc = parse(s, STENO_PASS_DEFAULT);
	CHECK(doc && count_of(doc, STENO_NODE_TURN) == n);
	steno_doc_free(doc);
	free(s);

	/* a full-width parenthesis or colon cut off by the end of the text,
	 * in a buffer of exactly its size, so ASan sees a read past it */
	static const char *const cut[] = {"Li Wei\xEF\xBC\x88LW", "Li Wei\xEF\xBC\x88LW\xEF\xBC",
	                                  "ROE, ANALYST\xEF\xBC", "A\rBs'''do\xEF\xBC\x88uble'' ``'' ``.'"};
	for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
		size_t len = strlen(cut[i]);
		char *exact = malloc(len);
		memcpy(exact, cut[i], len);
		steno_options opts;
		steno_options_init(&opts);
		doc = steno_parse(exact, len, "text", &opts, NULL);
		CHECK(doc && count_of(doc, STENO_NODE_TURN) == 0);
		steno_doc_free(doc);
		free(exact);
	}
}

/* Every space of Unicode's Zs after a label's colon is its gap, and
 * initials after the names they abbreviate are those speakers. */
static void test_label_spaces(void)
{
	static const char *const spaces[] = {
	    "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x82", "\xE2\x80\x83",
	    "\xE2\x80\x87", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xAF", "\xE2\x81\x9F",
	    "\xE3\x80\x80"};
	for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++) {
		char text[256];
		snprintf(text, sizeof text, "**Ann Lee:**%sHi.\n\n**Bob Roe:**%sYo.\n\n**Ann Lee:**%sOk.\n",
		         spaces[i], spaces[i], spaces[i]);
		steno_options opts;
		steno_options_init(&opts);
		steno_doc *doc = steno_parse(text, strlen(text), "markdown", &opts, NULL);
		CHECK(doc && count_of(doc, STENO_NODE_TURN) == 3);
		CHECK(doc && steno_speaker_count(doc) == 2);
		steno_doc_free(doc);
	}
	/* a bold label ending its line, the next line opening with a
	 * no-break space and a label of its own: the first label's strip
	 * must leave the next line's text alone, whose label was read as it
	 * was (the fuzzer's case: the text came out cut inside a character) */
	{
		static const char md[] = "**Q:**\r\xC2\xA0T  x\n\n**Q:** y\n";
		steno_options opts;
		steno_options_init(&opts);
		steno_doc *d = steno_parse(md, sizeof md - 1, "markdown", &opts, NULL);
		char text[64];
		flatten(d, text, sizeof text);
		CHECK_STR(text, "xy");
		steno_doc_free(d);
	}
	steno_doc *doc = parse("David Hall: Evening.\n\nBarry Friedman: Hi.\n\nDH: We juggle.\n\n"
	                       "BF: Torches.\n\nDH: Chainsaws.\n",
	                       STENO_PASS_DEFAULT);
	CHECK(count_of(doc, STENO_NODE_TURN) == 5);
	CHECK(steno_speaker_count(doc) == 2);
	steno_doc_free(doc);
}

void test_passes(void)
{
	test_turns();
	test_survey();
	test_alone();
	test_label_shapes();
	test_label_spaces();
	test_times();
	test_events();
	test_quotes();
	test_quote_scan();
	test_dateline();
	test_markup_label();
	test_hostile();
}
