/* test_cue_split.c - the caption splitter: where cues end (the text's
 * pauses, the limits, the last two cues made even) and how a cue's
 * lines break (evenly, a label first, long words cut). */
#include <stdlib.h>
#include <string.h>

#include "captions/cue_split.h"
#include "steno.h"
#include "unit.h"

static const cue_limits standard = {42, 2, 7000};

/* The text of the cue that starts at pos, malloc'd. */
static char *next_cue(const char *text, size_t pos, const cue_limits *lim, double ms_per_char,
                      size_t prefix)
{
	cue_scratch scratch = {0};
	size_t len = strlen(text);
	size_t end = cue_split_next(text, len, pos, cue_char_count(text + pos, len - pos), lim,
	                            ms_per_char, prefix, &scratch);
	cue_scratch_free(&scratch);
	char *cue = malloc(end - pos + 1);
	memcpy(cue, text + pos, end - pos);
	cue[end - pos] = '\0';
	return cue;
}

static void check_cue(const char *text, const cue_limits *lim, double ms_per_char,
                      size_t prefix, const char *want)
{
	char *got = next_cue(text, 0, lim, ms_per_char, prefix);
	CHECK_STR(got, want);
	free(got);
}

/* cue_lines' lines joined by '|'. */
static void check_lines(const char *text, size_t width, size_t prefix, const char *want)
{
	cue_line lines[8];
	char got[512] = "";
	cue_scratch scratch = {0};
	size_t n = cue_lines(text, strlen(text), width, prefix, lines, 8, &scratch);
	cue_scratch_free(&scratch);
	for (size_t i = 0; i < n && i < 8; i++) {
		if (i)
			strcat(got, "|");
		strncat(got, text + lines[i].start, lines[i].end - lines[i].start);
	}
	CHECK_STR(got, want);
}

static void test_counting(void)
{
	CHECK(cue_char_count("abc de", 6) == 6);
	CHECK(cue_char_count("h\xC3\xA9llo", 6) == 5);      /* é, precomposed */
	CHECK(cue_char_count("he\xCC\x81llo", 7) == 5);     /* e + U+0301 */
	CHECK(cue_char_count("\xE4\xBD\xA0\xE5\xA5\xBD", 6) == 2);
	CHECK(cue_char_count("a\xFF" "b", 3) == 3); /* a stray byte is a character */
}

static void test_cue_ends(void)
{
	/* all of it, when it fits */
	check_cue("Short and sweet.", &standard, 10, 0, "Short and sweet.");
	/* a sentence's end in the second half of the room beats a word at its end */
	check_cue("We began the hearing at nine in the morning. Then the chair "
	          "asked the first witness to stand and speak.",
	          &standard, 10, 0, "We began the hearing at nine in the morning.");
	/* a clause's end late in the room, when no sentence ends */
	check_cue("The committee met on Tuesday and on Wednesday and again on Friday, "
	          "but nobody came to the last meeting of all of them",
	          &standard, 10, 0,
	          "The committee met on Tuesday and on Wednesday and again on Friday,");
	/* a pause too early is not worth a short cue */
	const char *early = "Yes. The committee met on Tuesday and on Wednesday and again on "
	                    "Thursday and then on Friday as well as on Saturday and on Sunday "
	                    "and then once more on Monday and on the Tuesday after that";
	char *got = next_cue(early, 0, &standard, 10, 0);
	CHECK(strlen(got) > 60 && strlen(got) <= 85);
	free(got);
	/* 1 s a character, 7 s at most: a clause's end in time */
	check_cue("aaa bbb, ccc ddd", &standard, 1000, 0, "aaa bbb,");
	/* else the first pause there is */
	check_cue("aaa bbb ccc. ddd", &standard, 1000, 0, "aaa bbb ccc.");
	/* and words with no pause between them stay together */
	check_cue("aaa bbb ccc ddd", &standard, 1000, 0, "aaa bbb ccc ddd");
	check_cue("extraordinary words", &standard, 1000, 0, "extraordinary words");
	/* one line of ten */
	cue_limits narrow = {10, 1, 7000};
	check_cue("one two three four", &narrow, 10, 0, "one two");
	/* a word longer than the room: cut, a line's worth at a time */
	char longword[301];
	memset(longword, 'x', 300);
	longword[300] = '\0';
	got = next_cue(longword, 0, &standard, 10, 0);
	CHECK(strlen(got) == 84);
	free(got);
	/* and of the last two pieces, the two cues made even */
	longword[100] = '\0';
	got = next_cue(longword, 0, &standard, 10, 0);
	CHECK(strlen(got) == 42);
	free(got);
	/* a label on the first line takes its room */
	check_cue("one two three four five six seven eight", &narrow, 10, 5, "one");
}

/* The last two cues of a block are made even, not a full one and a
 * scrap; a cue goes on from where the last ended. */
static void test_cue_balance(void)
{
	const char *text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda "
	                   "mu nu xi omicron pi rho sigma tau upsilon phi chi";
	char *first = next_cue(text, 0, &standard, 10, 0);
	size_t a = strlen(first), rest = strlen(text) - a - 1;
	CHECK(a + 12 > rest && rest + 12 > a);
	char *second = next_cue(text, a + 1, &standard, 10, 0);
	CHECK_STR(second, text + a + 1);
	free(first);
	free(second);
}

static void test_cue_lines(void)
{
	check_lines("short", 42, 0, "short");
	/* two lines as even as they go, not 42 and a scrap */
	check_lines("We began the hearing at nine in the morning on a Tuesday", 42, 0,
	            "We began the hearing at nine|in the morning on a Tuesday");
	/* a label fills the first line alone when nothing fits after it */
	check_lines("je t'en prie", 12, 10, "|je t'en prie");
	check_lines("bonjour", 42, 6, "bonjour");
	/* a word longer than the line is cut at the full width */
	check_lines("ab abcdefghij", 4, 0, "ab|abcd|efgh|ij");
	/* combining marks stay with their letter */
	check_lines("abce\xCC\x81" "fg", 4, 0, "abce\xCC\x81|fg");
}

/* The lines of each cue of text, laid out from the splitter's words,
 * are cue_lines' of the cue's text. */
static void check_split_lines(const char *text, const cue_limits *lim, size_t prefix)
{
	cue_scratch scratch = {0}, again = {0};
	size_t len = strlen(text), pos = 0;
	while (pos < len) {
		size_t end = cue_split_next(text, len, pos, cue_char_count(text + pos, len - pos), lim,
		                            10, prefix, &scratch);
		CHECK(end > pos);
		if (end <= pos)
			break;
		cue_line got[16], want[16];
		size_t n = cue_split_lines(text, pos, end, lim, prefix, got, 16, &scratch);
		CHECK(n == cue_lines(text + pos, end - pos, lim->chars, prefix, want, 16, &again));
		for (size_t i = 0; i < n && i < 16; i++)
			CHECK(got[i].start == want[i].start && got[i].end == want[i].end);
		prefix = 0;
		pos = end + (end < len && text[end] == ' ');
	}
	cue_scratch_free(&scratch);
	cue_scratch_free(&again);
}

static void test_cue_split_lines(void)
{
	check_split_lines("We began the hearing at nine in the morning on a Tuesday. Then the "
	                  "chair asked the first witness to stand, and she did.",
	                  &standard, 0);
	check_split_lines("je t'en prie, monsieur le pr\xC3\xA9sident", &standard, 30);
	/* a word cut inside a cue, whose pieces are not the text's words */
	cue_limits three = {10, 3, 60000};
	check_split_lines("ab abcdefghijklmnopqrstuvwxyz cd", &three, 0);
	check_split_lines("abcdefghijklmno pq", &three, 0);
	/* a text that ends in a space */
	check_split_lines("one two three four five six seven ", &three, 0);
	check_split_lines("e\xCC\x81te\xCC\x81 a\xCC\x80 la plage, vraiment", &three, 2);
}

/* Through the API: the defaults, a document without times refused, a
 * limit out of range refused, a turn's times shared out. */
static void test_cue_api(void)
{
	steno_options opts;
	steno_options_init(&opts);
	CHECK(opts.cue_chars == 42 && opts.cue_lines == 2 && opts.cue_seconds == 7);
	steno_doc *doc = steno_doc_new();
	steno_node *turn = steno_node_new(doc, STENO_NODE_TURN);
	steno_node *para = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	steno_node *text = steno_node_new(doc, STENO_NODE_TEXT);
	steno_node_set_literal(text, "One. Two.", 9);
	steno_node_append_child(para, text);
	steno_node_append_child(turn, para);
	steno_node_append_child(steno_doc_root(doc), turn);
	steno_error err;
	CHECK(steno_render_string(doc, "vtt", NULL, &opts, &err) == NULL);
	CHECK(err.code == STENO_ERR_FORMAT);
	CHECK_STR(err.message, "no timing information to write captions from");
	steno_node_set_times(turn, 1000, 3000);
	opts.cue_chars = 1001;
	CHECK(steno_render_string(doc, "srt", NULL, &opts, &err) == NULL);
	CHECK(err.code == STENO_ERR_ARG);
	opts.cue_chars = 0; /* the default */
	opts.cue_seconds = 0.5;
	char *out = steno_render_string(doc, "srt", NULL, &opts, &err);
	CHECK_STR(out, "1\n00:00:01,000 --> 00:00:01,500\nOne.\n\n"
	               "2\n00:00:02,111 --> 00:00:02,611\nTwo.\n\n");
	free(out);
	steno_doc_free(doc);
}

void test_cue_split(void)
{
	test_counting();
	test_cue_ends();
	test_cue_balance();
	test_cue_lines();
	test_cue_split_lines();
	test_cue_api();
}
