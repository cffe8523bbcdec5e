/* test_captions.c - what the caption readers share: cue times, named
 * character references, and the lines rolling captions repeat. */
#include <string.h>

#include "captions/cues_in.h"
#include "core/walk.h"
#include "captions/entities.h"
#include "unit.h"

#define LIT(s) s, sizeof(s) - 1

static int64_t strict_ms(const char *s, size_t len, size_t want_len)
{
	int64_t ms = -1;
	return cues_time(s, len, 1, &ms) == want_len ? ms : -1;
}

static void test_times(void)
{
	int64_t ms = 0;
	CHECK(strict_ms(LIT("00:01.500"), 9) == 1500);
	CHECK(strict_ms(LIT("01:02:03.004"), 12) == 3723004);
	CHECK(strict_ms(LIT("100:00:00.000"), 13) == 360000000);
	/* three digits of minutes are hours, which want minutes after them */
	CHECK(cues_time(LIT("100:00.000"), 1, &ms) == 0);
	CHECK(cues_time(LIT("00:60.000"), 1, &ms) == 0);
	CHECK(cues_time(LIT("00:00.50"), 1, &ms) == 0);
	CHECK(cues_time(LIT("00:00,500"), 1, &ms) == 0);
	CHECK(cues_time(LIT("0:00.500"), 1, &ms) == 0);
	/* hours past any recording: no time, and no overflow on the way */
	CHECK(cues_time(LIT("99999999999999999999:00:00.000"), 1, &ms) == 0);
	CHECK(cues_time(LIT("1000001:00:00,000"), 0, &ms) == 0);
	CHECK(cues_time(LIT("1000000:00:00,000"), 0, &ms) == 17 && ms == 3600000000000LL);
	/* SubRip as written in the wild */
	CHECK(cues_time(LIT("0:01:02,5"), 0, &ms) == 9 && ms == 62500);
	CHECK(cues_time(LIT("00:00:01.25"), 0, &ms) == 11 && ms == 1250);
	CHECK(cues_time(LIT("00:00:01,2345"), 0, &ms) == 13 && ms == 1234);
	CHECK(cues_time(LIT("00:00:01 -->"), 0, &ms) == 8 && ms == 1000);
	CHECK(cues_time(LIT("00:61:01,000"), 0, &ms) == 0);
}

static void test_entities(void)
{
	size_t used = 0;
	CHECK_STR(entity_named(LIT("amp;"), &used), "&");
	CHECK(used == 4);
	CHECK_STR(entity_named(LIT("amp"), &used), "&");
	CHECK(used == 3);
	/* the longest name that is one: "&notit;" is "¬it;" */
	CHECK_STR(entity_named(LIT("notit;"), &used), "\xC2\xAC");
	CHECK(used == 3);
	CHECK_STR(entity_named(LIT("notin;"), &used), "\xE2\x88\x89");
	CHECK_STR(entity_named(LIT("nsubE;"), &used), "\xE2\xAB\x85\xCC\xB8");
	CHECK(entity_named(LIT("1;"), &used) == NULL);
	CHECK(entity_named(LIT(";"), &used) == NULL);
	CHECK(entity_named(LIT(""), &used) == NULL);
}

static void test_rolling(void)
{
	cues_in c;
	cues_line a[] = {{LIT("so<00:00:00.400><c> today</c>"), 0}};
	cues_line b[] = {{LIT("so today"), 0}};
	cues_line d[] = {{LIT("so today"), 0}, {LIT("we<00:00:03.000><c> go</c>"), 0}};
	cues_line e[] = {{LIT("we<00:00:05.000><c> go</c>"), 0}};
	memset(&c, 0, sizeof c);
	CHECK(cues_in_repeated(&c, a, 1) == 0);
	CHECK(cues_in_repeated(&c, b, 1) == 1); /* the roll's plain copy */
	CHECK(cues_in_repeated(&c, d, 2) == 1); /* and again, before new words */
	/* a line that keeps its own word times is said again, not rolled */
	CHECK(cues_in_repeated(&c, e, 1) == 0);
	/* plain captions saying the same twice are read as written */
	cues_line p[] = {{LIT("No."), 0}};
	cues_line q[] = {{LIT("No."), 0}};
	memset(&c, 0, sizeof c);
	CHECK(cues_in_repeated(&c, p, 1) == 0 && cues_in_repeated(&c, q, 1) == 0);
	CHECK(cues_has_word_times(LIT("a<00:01.000>b")) && !cues_has_word_times(LIT("a<b>c")));
}

static steno_node *first_time(steno_doc *doc)
{
	steno_node *n = steno_doc_root(doc);
	while (n && steno_node_get_type(n) != STENO_NODE_TIME)
		n = node_next_preorder(n, steno_doc_root(doc));
	return n;
}

/* A cue keeps its end and id as fields and shows them as its first
 * attributes; the API's strings last, and setting either keeps the
 * order a list would have. */
static void test_cue_attrs(void)
{
	static const char vtt[] = "WEBVTT\n\nc1\n00:01.000 --> 00:02.500 align:start\nHello.\n\n"
	                          "00:03.000 --> 00:04.000 line:0\nAgain.\n";
	steno_doc *doc = steno_parse(vtt, sizeof vtt - 1, "vtt", NULL, NULL);
	steno_node *t = doc ? first_time(doc) : NULL;
	CHECK(t && node_is_cue(t));
	if (!t) {
		steno_doc_free(doc);
		return;
	}
	CHECK(steno_node_attr_count(t) == 3);
	CHECK_STR(steno_node_attr_name(t, 0), "end");
	CHECK_STR(steno_node_attr_name(t, 1), "id");
	CHECK_STR(steno_node_attr_name(t, 2), "settings");
	CHECK_STR(steno_node_get_attr(t, "id"), "c1");
	const char *end = steno_node_get_attr(t, "end");
	CHECK_STR(end, "2500");
	/* the string handed out stays, and so does the order */
	CHECK(steno_node_set_attr(t, "id", "c9") == STENO_OK);
	CHECK_STR(end, "2500");
	CHECK_STR(steno_node_attr_name(t, 1), "id");
	CHECK_STR(steno_node_attr_value(t, 1), "c9");
	CHECK(steno_node_set_attr(t, "end", "later") == STENO_OK);
	CHECK_STR(steno_node_attr_value(t, 0), "later");
	CHECK(steno_node_attr_count(t) == 3);
	/* an id set after other attributes comes after them */
	steno_node *u = node_next_preorder(t, steno_doc_root(doc));
	while (u && steno_node_get_type(u) != STENO_NODE_TIME)
		u = node_next_preorder(u, steno_doc_root(doc));
	CHECK(u && steno_node_attr_count(u) == 2);
	if (u) {
		CHECK(steno_node_set_attr(u, "id", "c2") == STENO_OK);
		CHECK_STR(steno_node_attr_name(u, 0), "end");
		CHECK_STR(steno_node_attr_name(u, 1), "settings");
		CHECK_STR(steno_node_attr_name(u, 2), "id");
		CHECK_STR(steno_node_attr_value(u, 0), "4000");
	}
	steno_doc_free(doc);
}

void test_captions(void)
{
	test_times();
	test_entities();
	test_rolling();
	test_cue_attrs();
}
