/* test_captions.c - the caption splitter: where cues end (the text's
 * pauses, the limits, the last two cues made even) and how a cue's
 * lines break (evenly, a label first, long words cut). */
#include <stdlib.h>
#include <string.h>

#include "captions/cue_split.h"
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
	size_t n = cue_lines(text, strlen(text), width, prefix, lines, 8);
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
	/* 1 s a character, 7 s at most: seven characters */
	check_cue("aaa bbb ccc ddd", &standard, 1000, 0, "aaa bbb");
	/* one word, however long it takes */
	check_cue("extraordinary words", &standard, 1000, 0, "extraordinary");
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

void test_cue_split(void)
{
	test_counting();
	test_cue_ends();
	test_cue_balance();
	test_cue_lines();
}
