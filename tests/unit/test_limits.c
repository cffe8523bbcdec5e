/* test_limits.c - sizes at the edge of their range, and the work of
 * building long lists counted where time would be a flaky measure.
 * Tests named *_linear in main.c run only when asked for by name, which
 * the runner does under a timeout: a regression to quadratic time then
 * fails instead of holding up the suite. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive/bundle.h"
#include "archive/gzip.h"
#include "core/grow.h"
#include "core/node.h"
#include "steno.h"
#include "unit.h"
#include "xml/xml.h"

static void test_grow_array(void)
{
	size_t cap = 0;
	int *a = grow_array(NULL, &cap, 3, sizeof *a);
	CHECK(a != NULL && cap >= 3);
	size_t before = cap;
	CHECK(grow_array(a, &cap, before, sizeof *a) == a && cap == before);
	int *b = grow_array(a, &cap, before + 1, sizeof *a);
	CHECK(b != NULL && cap >= 2 * before);
	/* sizes whose byte count would wrap are refused, the array kept */
	size_t kept = cap;
	CHECK(grow_array(b, &cap, SIZE_MAX / 2, sizeof *b) == NULL && cap == kept);
	CHECK(grow_array(b, &cap, SIZE_MAX / sizeof *b + 1, sizeof *b) == NULL && cap == kept);
	free(b);
}

/* A bound of SIZE_MAX, which max + 1 would wrap to 0, and bounds right
 * at the size and one below it. */
static void test_inflate_bounds(void)
{
	steno_sink *mem = steno_sink_new_memory();
	steno_sink *gz = steno_sink_new_gzip(mem, 1);
	for (int i = 0; i < 1000; i++)
		steno_sink_write(gz, "0123456789", 10);
	CHECK(steno_sink_close(gz) == STENO_OK);
	size_t zlen, n = 0;
	const char *z = steno_sink_memory_data(mem, &zlen);
	steno_error err;
	const size_t bounds[] = {SIZE_MAX, SIZE_MAX - 1, (size_t)1 << 63, 10000};
	for (size_t i = 0; i < sizeof bounds / sizeof *bounds; i++) {
		char *plain = gzip_inflate(z, zlen, bounds[i], NULL, &n, &err);
		CHECK(plain != NULL && n == 10000);
		free(plain);
	}
	CHECK(gzip_inflate(z, zlen, 9999, NULL, &n, &err) == NULL && err.code == STENO_ERR_LIMIT);
	steno_sink_close(mem);
}

/* 100 000 speakers on a turn fit a few MiB: the array doubles rather
 * than being copied whole for each (which took gigabytes). */
static void test_many_speakers(void)
{
	steno_doc *doc = steno_doc_new();
	arena_set_limit(&doc->arena, (size_t)16 << 20);
	steno_node *turn = steno_node_new(doc, STENO_NODE_TURN);
	int ok = 1;
	char id[16];
	for (int i = 0; i < 100000 && ok; i++) {
		snprintf(id, sizeof id, "s%d", i);
		ok = steno_node_add_speaker(turn, id) == STENO_OK;
	}
	CHECK(ok && steno_node_speaker_count(turn) == 100000);
	CHECK_STR(steno_node_speaker(turn, 0), "s0");
	CHECK_STR(steno_node_speaker(turn, 65536), "s65536");
	CHECK_STR(steno_node_speaker(turn, 99999), "s99999");
	steno_doc_free(doc);
}

/* The transcript pass gives the turns of one speaker one array; adding
 * a speaker to one turn must leave the others as they were. */
static void test_shared_speakers(void)
{
	const char *text = "Q: Why?\n\nA: Because.\n\nQ: Really?\n";
	steno_doc *doc = steno_parse(text, strlen(text), "text", NULL, NULL);
	steno_node *first = steno_node_first_child(steno_doc_root(doc));
	steno_node *third = steno_node_next(steno_node_next(first));
	CHECK(steno_node_get_type(third) == STENO_NODE_TURN);
	CHECK(steno_node_add_speaker(first, "a") == STENO_OK);
	CHECK(steno_node_speaker_count(first) == 2 && steno_node_speaker_count(third) == 1);
	CHECK_STR(steno_node_speaker(third, 0), "q");
	CHECK(steno_node_add_speaker(third, "b") == STENO_OK);
	CHECK_STR(steno_node_speaker(first, 1), "a");
	CHECK_STR(steno_node_speaker(third, 1), "b");
	steno_doc_free(doc);
}

/* An attribute list past the length it is scanned at keeps attr_set's
 * meaning: a name set again keeps its place and takes the new value,
 * whether the list was open from empty or already held names. */
static void test_attr_list(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *n = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	CHECK(steno_node_set_attr(n, "first", "1") == STENO_OK);
	attr_list list;
	attr_list_open(&list, node_attr_list(n));
	char name[16];
	int ok = 1;
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "a%d", i);
		ok &= attr_list_set(doc, &list, name, "x") == STENO_OK;
	}
	ok &= attr_list_set(doc, &list, "a3", "again") == STENO_OK;
	ok &= attr_list_set(doc, &list, "first", "one") == STENO_OK;
	ok &= attr_list_set(doc, &list, "a39", "last") == STENO_OK;
	CHECK(ok && list.count == 41 && attr_list_find(&list, "a17") != NULL);
	CHECK(attr_list_find(&list, "a40") == NULL);
	CHECK(attr_list_set(doc, &list, "", "x") == STENO_ERR_ARG);
	attr_list_close(&list);
	CHECK(steno_node_attr_count(n) == 41);
	CHECK_STR(steno_node_attr_name(n, 0), "first");
	CHECK_STR(steno_node_attr_value(n, 0), "one");
	CHECK_STR(steno_node_attr_name(n, 4), "a3");
	CHECK_STR(steno_node_attr_value(n, 4), "again");
	CHECK_STR(steno_node_attr_value(n, 40), "last");
	/* metadata is such a list, open for the document's life */
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "k%d", i);
		steno_meta_set(doc, name, name);
	}
	CHECK(steno_meta_set(doc, "k5", "five") == STENO_OK && steno_meta_count(doc) == 40);
	CHECK_STR(steno_meta_get(doc, "k5"), "five");
	CHECK_STR(steno_meta_key(doc, 5), "k5");
	CHECK_STR(steno_meta_get(doc, "k39"), "k39");
	CHECK(steno_meta_get(doc, "k40") == NULL);
	steno_doc_free(doc);
}

/* 300 000 attributes on one XML element: attr_set's scan per name took
 * minutes; through an attr_list it takes milliseconds. */
void test_attrs_linear(void)
{
	enum { N = 300000, NAME = 12 };
	steno_doc *doc = steno_doc_new();
	xml_tree t;
	xml_tree_init(&t, doc, NULL);
	xml_attr *attrs = malloc(N * sizeof *attrs);
	char *names = malloc((size_t)N * NAME);
	for (int i = 0; i < N; i++) {
		snprintf(names + (size_t)i * NAME, NAME, "a%d", i);
		attrs[i] = (xml_attr){names + (size_t)i * NAME, "v"};
	}
	xml_elem el = {"p", NULL, attrs, N, 1, 1};
	steno_node *p = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	CHECK(xml_tree_attrs(&t, p, &el, "a7") == STENO_OK);
	CHECK(steno_node_attr_count(p) == N - 1);
	CHECK_STR(steno_node_attr_name(p, N - 2), "a299999");
	CHECK(steno_node_get_attr(p, "a7") == NULL);
	xml_tree_free(&t);
	free(names);
	free(attrs);
	steno_doc_free(doc);
}

/* The suffixes of one stem a bundle would have taken, and the number
 * of questions asked of them. */
typedef struct taken_names {
	unsigned char *used; /* used[n] for stem's suffix n */
	size_t asked;
} taken_names;

static int is_taken(void *ctx, unsigned long n)
{
	taken_names *t = ctx;
	t->asked++;
	return t->used[n];
}

/* 100 000 documents of one stem: each name is found with one question,
 * not after asking about every name before it; a name taken by another
 * stem's document ("a-3" for "a") is passed over, and the result is
 * always the first free suffix. */
static void test_unique_suffixes(void)
{
	enum { N = 100000 };
	archive_suffixes s = {0};
	taken_names a = {calloc(N + 8, 1), 0}, b = {calloc(N + 8, 1), 0};
	int ok = 1;
	for (unsigned long i = 1; i <= N; i++) {
		unsigned long n = archive_unique_suffix(&s, "transcript", is_taken, &a);
		ok &= n == i;
		a.used[n] = 1;
	}
	CHECK(ok && a.asked == N);
	b.used[3] = b.used[4] = 1;
	unsigned long first = archive_unique_suffix(&s, "b", is_taken, &b);
	b.used[first] = 1;
	unsigned long second = archive_unique_suffix(&s, "b", is_taken, &b);
	b.used[second] = 1;
	unsigned long third = archive_unique_suffix(&s, "b", is_taken, &b);
	CHECK(first == 1 && second == 2 && third == 5);
	archive_suffixes_free(&s);
	free(a.used);
	free(b.used);
}

/* max_memory bounds a document in the library too, whose message names
 * the limit but no command-line option. */
static void test_max_memory(void)
{
	size_t len = 400000;
	char *lines = malloc(len);
	for (size_t i = 0; i < len; i += 2)
		memcpy(lines + i, "a\n", 2);
	steno_options opts;
	steno_options_init(&opts);
	opts.max_memory = (size_t)1 << 20;
	steno_error err;
	CHECK(steno_parse(lines, len, "text", &opts, &err) == NULL);
	CHECK(err.code == STENO_ERR_LIMIT && strstr(err.message, "more than 1 MiB") != NULL);
	CHECK(strstr(err.message, "--") == NULL);
	opts.max_memory = (size_t)64 << 20;
	steno_doc *doc = steno_parse(lines, len, "text", &opts, &err);
	CHECK(doc != NULL);
	steno_doc_free(doc);
	free(lines);
}

/* gzip data of n bytes of text. */
static char *gzipped_text(size_t n, size_t *zlen)
{
	steno_sink *mem = steno_sink_new_memory();
	steno_sink *gz = steno_sink_new_gzip(mem, 1);
	for (size_t i = 0; i < n; i += 10)
		steno_sink_write(gz, "Words go.\n", n - i < 10 ? n - i : 10);
	steno_sink_close(gz);
	const char *z = steno_sink_memory_data(mem, zlen);
	char *copy = malloc(*zlen);
	memcpy(copy, z, *zlen);
	steno_sink_close(mem);
	return copy;
}

typedef struct parse_job {
	const char *z;
	size_t zlen;
	const steno_options *opts;
	steno_doc *doc;
	pthread_mutex_t lock;
	int done;
} parse_job;

static void *parse_thread(void *arg)
{
	parse_job *j = arg;
	steno_doc *doc = steno_parse(j->z, j->zlen, "text", j->opts, NULL);
	pthread_mutex_lock(&j->lock);
	j->doc = doc;
	j->done = 1;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* Two parses sharing a budget of 1 MB: while one holds 700 KB inflated,
 * the other's 600 KB wait for it, and convert once it is given back;
 * one that alone inflates beyond the budget fails at once. */
static void test_shared_inflate(void)
{
	steno_budget *budget = steno_budget_new((size_t)1 << 20);
	steno_options opts;
	steno_options_init(&opts);
	opts.inflate_budget = budget;
	size_t big_len, small_len, huge_len, held_len;
	char *big = gzipped_text(700000, &big_len), *small = gzipped_text(600000, &small_len);
	char *huge = gzipped_text(1100000, &huge_len);
	steno_error err;
	char *held = gzip_inflate(big, big_len, SIZE_MAX, budget, &held_len, &err);
	CHECK(held != NULL && held_len == 700000);
	parse_job j = {small, small_len, &opts, NULL, PTHREAD_MUTEX_INITIALIZER, 0};
	pthread_t t;
	CHECK(pthread_create(&t, NULL, parse_thread, &j) == 0);
	/* A wait is not a measure of speed: however slow the machine, the
	 * parse cannot finish while the budget is held. */
	struct timespec pause = {0, 200 * 1000 * 1000};
	nanosleep(&pause, NULL);
	pthread_mutex_lock(&j.lock);
	CHECK(!j.done);
	pthread_mutex_unlock(&j.lock);
	free(held);
	budget_give(budget, held_len);
	pthread_join(t, NULL);
	CHECK(j.doc != NULL);
	steno_doc_free(j.doc);
	CHECK(steno_parse(huge, huge_len, "text", &opts, &err) == NULL);
	CHECK(err.code == STENO_ERR_LIMIT && strstr(err.message, "beyond 1048576 bytes") != NULL);
	free(big);
	free(small);
	free(huge);
	steno_budget_free(budget);
}

/* One paragraph of timestamped labels becomes a turn a line, and the
 * passes drop a line break and a text node a line, which later nodes
 * reuse while the document is parsed: the tree takes some 360 bytes a
 * line (of 27), where it took 450. */
static void test_tree_per_line(void)
{
	enum { LINES = 100000 };
	char *text = malloc((size_t)LINES * 32), *p = text;
	for (int i = 0; i < LINES; i++)
		p += sprintf(p, "[%02d:%02d:%02d] SPEAKER %d: yes.\n", i / 3600 % 100, i / 60 % 60,
		             i % 60, i % 3 + 1);
	steno_doc *doc = steno_parse(text, (size_t)(p - text), "text", NULL, NULL);
	size_t turns = 0;
	for (steno_node *n = doc ? node_first(doc->root) : NULL; n; n = node_next(n))
		turns += n->type == STENO_NODE_TURN;
	CHECK(turns == LINES);
	CHECK(doc && doc->arena.total / LINES < 400);
	steno_doc_free(doc);
	free(text);
}

/* Passes run on an embedder's own tree drop its nodes but reuse none:
 * the embedder may still hold them.  (A line break dropped at the
 * second turn would be the third turn's paragraph.) */
static void test_own_nodes_kept(void)
{
	static const char *const lines[] = {"Q: Why?", "A: Because.", "Q: Really?"};
	steno_doc *doc = steno_doc_new();
	steno_node *para = steno_node_new(doc, STENO_NODE_PARAGRAPH), *breaks[2];
	steno_node_append_child(steno_doc_root(doc), para);
	for (int i = 0; i < 3; i++) {
		steno_node *t = steno_node_new(doc, STENO_NODE_TEXT);
		steno_node_set_literal(t, lines[i], strlen(lines[i]));
		if (i)
			steno_node_append_child(para, breaks[i - 1] = steno_node_new(doc, STENO_NODE_SOFT_BREAK));
		steno_node_append_child(para, t);
	}
	CHECK(steno_run_passes(doc, NULL, NULL) == STENO_OK);
	size_t turns = 0;
	for (steno_node *n = steno_node_first_child(steno_doc_root(doc)); n; n = steno_node_next(n))
		turns += steno_node_get_type(n) == STENO_NODE_TURN;
	CHECK(turns == 3);
	for (int i = 0; i < 2; i++)
		CHECK(steno_node_get_type(breaks[i]) == STENO_NODE_SOFT_BREAK &&
		      !steno_node_parent(breaks[i]));
	steno_doc_free(doc);
}

void test_limits(void)
{
	test_grow_array();
	test_inflate_bounds();
	test_many_speakers();
	test_shared_speakers();
	test_attr_list();
	test_unique_suffixes();
	test_max_memory();
	test_shared_inflate();
	test_tree_per_line();
	test_own_nodes_kept();
}
