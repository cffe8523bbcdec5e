/* test_core.c - the arena, the tree and its surgery, the iterator,
 * metadata and speakers, sinks, the registry and the API's argument
 * checks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "archive/gzip.h"
#include "core/arena.h"
#include "core/node.h"
#include "steno.h"
#include "unit.h"

void test_arena(void)
{
	arena a;
	arena_init(&a);
	char *s = arena_strdup(&a, "speaker");
	CHECK_STR(s, "speaker");
	CHECK(arena_strdup(&a, NULL) == NULL);
	char *t = arena_strndup(&a, "abcdef", 3);
	CHECK_STR(t, "abc");
	/* Many small and one huge allocation, all aligned for pointers and
	 * 64-bit integers (after strings, which are packed) and zeroed. */
	int aligned = 1, zeroed = 1, copied = 1;
	for (int i = 0; i < 10000; i++) {
		copied &= arena_strndup(&a, "odd", (size_t)(i % 4)) != NULL;
		unsigned char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
		aligned &= (uintptr_t)p % _Alignof(int64_t) == 0 && (uintptr_t)p % _Alignof(void *) == 0;
		zeroed &= p[0] == 0;
		p[0] = 0xff;
	}
	CHECK(copied);
	CHECK(aligned);
	CHECK(zeroed);
	unsigned char *big = arena_alloc(&a, 3u << 20);
	CHECK(big != NULL && big[(3u << 20) - 1] == 0);
	CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	char *owned = malloc(16);
	CHECK(arena_adopt(&a, owned) == owned);
	CHECK(a.total >= (3u << 20));
	arena_release(&a);
	CHECK(a.head == NULL && a.total == 0);
}

static steno_node *add(steno_doc *doc, steno_node *parent, steno_node_type type)
{
	steno_node *n = steno_node_new(doc, type);
	if (n && parent)
		CHECK(steno_node_append_child(parent, n) == STENO_OK);
	return n;
}

void test_tree(void)
{
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	CHECK(steno_node_get_type(root) == STENO_NODE_DOCUMENT);
	CHECK(steno_node_new(doc, STENO_NODE_DOCUMENT) == NULL);
	CHECK(steno_node_new(doc, STENO_NODE_NONE) == NULL);
	CHECK(steno_node_new(doc, (steno_node_type)999) == NULL);
	CHECK(steno_node_new(NULL, STENO_NODE_TEXT) == NULL);

	steno_node *p1 = add(doc, root, STENO_NODE_PARAGRAPH);
	steno_node *p2 = add(doc, root, STENO_NODE_PARAGRAPH);
	steno_node *text = add(doc, p1, STENO_NODE_TEXT);
	CHECK(steno_node_set_literal(text, "Good morning.", 13) == STENO_OK);
	size_t len;
	CHECK_STR(steno_node_get_literal(text, &len), "Good morning.");
	CHECK(len == 13);

	/* Kinds: inline under document, block under paragraph, item
	 * outside a list, cycles, and nodes of another document. */
	steno_node *loose = steno_node_new(doc, STENO_NODE_TEXT);
	CHECK(steno_node_append_child(root, loose) == STENO_ERR_TREE);
	steno_node *para = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	CHECK(steno_node_append_child(p1, para) == STENO_ERR_TREE);
	steno_node *item = steno_node_new(doc, STENO_NODE_ITEM);
	CHECK(steno_node_append_child(root, item) == STENO_ERR_TREE);
	steno_node *list = add(doc, root, STENO_NODE_LIST);
	CHECK(steno_node_append_child(list, item) == STENO_OK);
	CHECK(steno_node_append_child(list, para) == STENO_ERR_TREE);
	steno_node *bq = add(doc, root, STENO_NODE_BLOCK_QUOTE);
	steno_node *inner = add(doc, bq, STENO_NODE_BLOCK_QUOTE);
	CHECK(steno_node_append_child(inner, bq) == STENO_ERR_TREE);
	CHECK(steno_node_append_child(bq, bq) == STENO_ERR_TREE);
	steno_doc *other = steno_doc_new();
	CHECK(steno_node_append_child(steno_doc_root(other), p2) == STENO_ERR_ARG);
	CHECK(steno_node_append_child(NULL, p2) == STENO_ERR_ARG);
	steno_doc_free(other);

	/* Moving: insert_before, insert_after, prepend, unlink. */
	CHECK(steno_node_insert_before(p1, p2) == STENO_OK);
	CHECK(steno_node_first_child(root) == p2);
	CHECK(steno_node_next(p2) == p1);
	CHECK(steno_node_previous(p1) == p2);
	CHECK(steno_node_insert_after(p1, p2) == STENO_OK);
	CHECK(steno_node_next(p1) == p2 && steno_node_next(p2) == list);
	CHECK(steno_node_prepend_child(root, p2) == STENO_OK);
	CHECK(steno_node_first_child(root) == p2);
	CHECK(steno_node_insert_before(root, p1) == STENO_ERR_ARG);
	steno_node_unlink(bq);
	CHECK(steno_node_last_child(root) == list);
	CHECK(steno_node_parent(bq) == NULL);
	steno_node_unlink(NULL);

	/* Typed data only where the type has it. */
	steno_node *h = add(doc, root, STENO_NODE_HEADING);
	CHECK(steno_node_get_level(h) == 1);
	CHECK(steno_node_set_level(h, 3) == STENO_OK && steno_node_get_level(h) == 3);
	CHECK(steno_node_set_level(h, 7) == STENO_ERR_ARG);
	CHECK(steno_node_set_url(p1, "x") == STENO_ERR_ARG);
	CHECK(steno_node_set_literal(p1, "x", 1) == STENO_ERR_ARG);
	CHECK(steno_node_get_literal(p1, NULL) == NULL);
	steno_node *link = add(doc, p1, STENO_NODE_LINK);
	CHECK(steno_node_set_url(link, "https://example.org/") == STENO_OK);
	CHECK(steno_node_set_title(link, "Example") == STENO_OK);
	CHECK_STR(steno_node_get_url(link), "https://example.org/");
	CHECK_STR(steno_node_get_title(link), "Example");
	CHECK(steno_node_set_list(list, STENO_LIST_ORDERED, 3, 0, ')') == STENO_OK);
	CHECK(steno_node_get_list_type(list) == STENO_LIST_ORDERED);
	CHECK(steno_node_get_list_start(list) == 3 && !steno_node_get_list_tight(list));
	CHECK(steno_node_get_list_delim(list) == ')');
	CHECK(steno_node_set_list(list, STENO_LIST_ORDERED, 1, 1, '-') == STENO_ERR_ARG);

	steno_node *turn = steno_node_new(doc, STENO_NODE_TURN);
	CHECK(steno_node_get_start(turn) == STENO_TIME_NONE);
	CHECK(steno_node_add_speaker(turn, "tan") == STENO_OK);
	CHECK(steno_node_add_speaker(turn, "q") == STENO_OK);
	CHECK(steno_node_add_speaker(turn, "") == STENO_ERR_ARG);
	CHECK(steno_node_speaker_count(turn) == 2);
	CHECK_STR(steno_node_speaker(turn, 1), "q");
	CHECK(steno_node_speaker(turn, 2) == NULL);
	CHECK(steno_node_set_times(turn, 5000, 9500) == STENO_OK);
	CHECK(steno_node_get_start(turn) == 5000 && steno_node_get_end(turn) == 9500);
	CHECK(steno_node_set_overlap(turn, 1) == STENO_OK && steno_node_get_overlap(turn));
	steno_node *quote = steno_node_new(doc, STENO_NODE_QUOTE);
	CHECK(steno_node_add_speaker(quote, "tan") == STENO_OK);
	CHECK(steno_node_add_speaker(quote, "q") == STENO_ERR_ARG);
	steno_node *time = steno_node_new(doc, STENO_NODE_TIME);
	CHECK(steno_node_set_times(time, 62500, STENO_TIME_NONE) == STENO_OK);
	CHECK(steno_node_set_times(time, 1, 2) == STENO_ERR_ARG);
	steno_node *dl = steno_node_new(doc, STENO_NODE_DATELINE);
	CHECK(steno_node_set_dateline(dl, "BEIJING", "Dec. 29", "Xinhua") == STENO_OK);
	CHECK_STR(steno_node_get_place(dl), "BEIJING");
	CHECK_STR(steno_node_get_agency(dl), "Xinhua");
	steno_node *ev = steno_node_new(doc, STENO_NODE_EVENT);
	CHECK(steno_node_set_kind(ev, "laughter") == STENO_OK);
	CHECK_STR(steno_node_get_kind(ev), "laughter");
	CHECK(steno_node_set_kind(text, "x") == STENO_ERR_ARG);

	CHECK(steno_node_set_attr(p1, "type", "a") == STENO_OK);
	CHECK(steno_node_set_attr(p1, "n", "2") == STENO_OK);
	CHECK(steno_node_set_attr(p1, "type", "b") == STENO_OK);
	CHECK(steno_node_attr_count(p1) == 2);
	CHECK_STR(steno_node_attr_name(p1, 0), "type");
	CHECK_STR(steno_node_attr_value(p1, 0), "b");
	CHECK_STR(steno_node_get_attr(p1, "n"), "2");
	CHECK(steno_node_get_attr(p1, "none") == NULL);
	/* kept, not copied: the strings themselves, in order, one a name */
	static const char kept[] = "kept";
	CHECK(attr_set_kept(doc, node_attr_list(p1), "k", kept) == STENO_OK);
	CHECK(attr_set_kept(doc, node_attr_list(p1), "n", kept) == STENO_OK);
	CHECK(steno_node_get_attr(p1, "k") == kept && steno_node_get_attr(p1, "n") == kept);
	CHECK_STR(steno_node_attr_name(p1, steno_node_attr_count(p1) - 1), "k");
	CHECK(attr_set_kept(doc, node_attr_list(p1), "", kept) == STENO_ERR_ARG);

	steno_node_set_sourcepos(p1, 3, 1, 4, 20);
	CHECK(steno_node_get_line(p1) == 3 && steno_node_get_end_column(p1) == 20);

	CHECK_STR(steno_node_type_name(STENO_NODE_BLOCK_QUOTE), "block_quote");
	CHECK_STR(steno_node_type_name((steno_node_type)999), "none");
	CHECK(steno_node_type_is_container(STENO_NODE_TURN));
	CHECK(!steno_node_type_is_container(STENO_NODE_TEXT));
	steno_doc_free(doc);
	steno_doc_free(NULL);
}

/* Do parent's children, read forwards and backwards, match want[0..n)? */
static int children_are(const steno_node *parent, steno_node *const *want, int n)
{
	int i = 0;
	for (steno_node *c = steno_node_first_child(parent); c; c = steno_node_next(c), i++)
		if (i >= n || c != want[i] || steno_node_parent(c) != parent)
			return 0;
	if (i != n)
		return 0;
	for (steno_node *c = steno_node_last_child(parent); c; c = steno_node_previous(c))
		if (--i < 0 || c != want[i])
			return 0;
	return i == 0;
}

/* Sibling links against a model: every kind of surgery at the first,
 * middle and last child, in a seeded random order. */
void test_siblings(void)
{
	enum { N = 8 };
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc), *pool[N], *model[N];
	int n = 0, ok = 1;
	for (int i = 0; i < N; i++)
		pool[i] = steno_node_new(doc, STENO_NODE_PARAGRAPH);
	unsigned seed = 12345;
	for (int step = 0; step < 4000 && ok; step++) {
		seed = seed * 1103515245u + 12345u;
		steno_node *x = pool[(seed >> 16) % N];
		int op = (int)((seed >> 4) % 5);
		/* the tree takes x out before it puts it back: so does the model */
		for (int i = 0; i < n; i++)
			if (model[i] == x) {
				memmove(model + i, model + i + 1, (size_t)(n - i - 1) * sizeof *model);
				n--;
				break;
			}
		int at = n ? (int)((seed >> 8) % (unsigned)n) : 0;
		steno_status st = STENO_OK;
		if (!n && (op == 2 || op == 3))
			op = 4; /* no sibling to place x by */
		switch (op) {
		case 0: st = steno_node_append_child(root, x); at = n; break;
		case 1: st = steno_node_prepend_child(root, x); at = 0; break;
		case 2: st = steno_node_insert_before(model[at], x); break;
		case 3: st = steno_node_insert_after(model[at], x), at++; break;
		default: break;
		}
		if (op == 4)
			steno_node_unlink(x);
		ok &= st == STENO_OK;
		if (op != 4) {
			memmove(model + at + 1, model + at, (size_t)(n - at) * sizeof *model);
			model[at] = x;
			n++;
		}
		ok &= children_are(root, model, n);
	}
	CHECK(ok);
	steno_doc_free(doc);
}

void test_iter(void)
{
	/* the walks' mask of containers says what container_accepts() says */
	for (int t = 0; t < 32; t++)
		CHECK(node_is_container((steno_node_type)t) ==
		      steno_node_type_is_container((steno_node_type)t));
	/* a type keeps its attributes in the literal's place only when it
	 * has none, and has data after it (node_size allocates that far) */
	for (int t = 0; t < 32; t++)
		if (node_owns_attrs((steno_node_type)t))
			CHECK(node_is_container((steno_node_type)t) &&
			      !node_has_literal((steno_node_type)t));
	steno_doc *doc = steno_doc_new();
	steno_node *root = steno_doc_root(doc);
	steno_node *p = add(doc, root, STENO_NODE_PARAGRAPH);
	add(doc, p, STENO_NODE_TEXT);
	steno_node *em = add(doc, p, STENO_NODE_EMPH);
	add(doc, em, STENO_NODE_TEXT);
	add(doc, root, STENO_NODE_THEMATIC_BREAK);
	add(doc, root, STENO_NODE_BLOCK_QUOTE);

	char trace[64] = "";
	steno_iter *it = steno_iter_new(root);
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		char c = steno_node_type_name(steno_node_get_type(n))[0];
		size_t l = strlen(trace);
		trace[l] = ev == STENO_EVENT_ENTER ? c : (char)(c - 32);
		trace[l + 1] = '\0';
	}
	/* d(ocument) p(aragraph) t(ext) e(mph) t E P t(hematic) b B D */
	CHECK_STR(trace, "dptetEPtbBD");
	CHECK(steno_iter_next(it) == STENO_EVENT_DONE);
	steno_iter_free(it);

	it = steno_iter_new(root);
	steno_iter_next(it); /* document */
	steno_iter_next(it); /* paragraph */
	steno_iter_skip_children(it);
	CHECK(steno_iter_next(it) == STENO_EVENT_EXIT && steno_iter_node(it) == p);
	steno_iter_free(it);
	CHECK(steno_iter_new(NULL) == NULL);

	/* A million nested block quotes: no recursion anywhere. */
	steno_node *deep = root;
	int appended = 1;
	for (int i = 0; i < 1000000; i++) {
		steno_node *bq = steno_node_new(doc, STENO_NODE_BLOCK_QUOTE);
		appended &= steno_node_append_child(deep, bq) == STENO_OK;
		deep = bq;
	}
	CHECK(appended);
	size_t events = 0;
	it = steno_iter_new(root);
	while (steno_iter_next(it) != STENO_EVENT_DONE)
		events++;
	steno_iter_free(it);
	CHECK(events == 2 * (1000000 + 7) - 3);
	steno_doc_free(doc);
}

void test_meta(void)
{
	steno_doc *doc = steno_doc_new();
	CHECK(steno_meta_set(doc, "title", "Regular press conference") == STENO_OK);
	CHECK(steno_meta_set(doc, "date", "2022-12-29") == STENO_OK);
	CHECK(steno_meta_set(doc, "title", "Press conference") == STENO_OK);
	CHECK(steno_meta_set(doc, "", "x") == STENO_ERR_ARG);
	CHECK(steno_meta_set(NULL, "a", "x") == STENO_ERR_ARG);
	CHECK(steno_meta_count(doc) == 2);
	CHECK_STR(steno_meta_key(doc, 0), "title");
	CHECK_STR(steno_meta_value(doc, 0), "Press conference");
	CHECK_STR(steno_meta_get(doc, "date"), "2022-12-29");
	CHECK(steno_meta_get(doc, "place") == NULL);
	CHECK(steno_meta_key(doc, 2) == NULL);

	CHECK(steno_speaker_set(doc, "tan-kefei", "Tan Kefei", "Spokesperson") == STENO_OK);
	CHECK(steno_speaker_set(doc, "q", "Q", NULL) == STENO_OK);
	CHECK(steno_speaker_set(doc, "tan-kefei", NULL, "Senior Colonel") == STENO_OK);
	CHECK(steno_speaker_set(doc, NULL, "x", NULL) == STENO_ERR_ARG);
	CHECK(steno_speaker_count(doc) == 2);
	size_t i = steno_speaker_find(doc, "tan-kefei");
	CHECK(i == 0);
	CHECK_STR(steno_speaker_name(doc, i), "Tan Kefei");
	CHECK_STR(steno_speaker_role(doc, i), "Senior Colonel");
	CHECK(steno_speaker_role(doc, 1) == NULL);
	CHECK(steno_speaker_find(doc, "nobody") == (size_t)-1);
	CHECK(steno_speaker_set_attr(doc, "q", "dialect", "native") == STENO_OK);
	CHECK(steno_speaker_set_attr(doc, "nobody", "a", "b") == STENO_ERR_ARG);
	CHECK(steno_speaker_attr_count(doc, 1) == 1);
	CHECK_STR(steno_speaker_attr_name(doc, 1, 0), "dialect");
	CHECK_STR(steno_speaker_attr_value(doc, 1, 0), "native");
	/* Many speakers: the table grows. */
	char id[32];
	for (int k = 0; k < 1000; k++) {
		snprintf(id, sizeof id, "spk%d", k);
		steno_speaker_set(doc, id, id, NULL);
	}
	CHECK(steno_speaker_count(doc) == 1002);
	CHECK_STR(steno_speaker_id(doc, 1001), "spk999");
	CHECK(steno_speaker_find(doc, "spk500") == 502);
	CHECK(steno_speaker_find(doc, "q") == 1);
	steno_doc_free(doc);
}

typedef struct collected {
	char data[256];
	size_t len;
	int calls;
} collected;

static int collect(void *userdata, const char *data, size_t len)
{
	collected *c = userdata;
	c->calls++;
	if (c->len + len > sizeof c->data)
		return ENOSPC;
	memcpy(c->data + c->len, data, len);
	c->len += len;
	return 0;
}

static void test_gzip_roundtrip(void)
{
	steno_sink *mem = steno_sink_new_memory();
	steno_sink *gz = steno_sink_new_gzip(mem, 9);
	CHECK(gz != NULL);
	for (int i = 0; i < 20000; i++)
		steno_sink_write(gz, "Q: Why? A: Because. ", 20);
	CHECK(steno_sink_close(gz) == STENO_OK);
	size_t zlen;
	const char *z = steno_sink_memory_data(mem, &zlen);
	CHECK(gzip_detect(z, zlen));
	CHECK(zlen < 20000 * 20 / 10);
	steno_error err;
	size_t plain_len = 0;
	char *plain = gzip_inflate(z, zlen, 1 << 30, NULL, &plain_len, &err);
	CHECK(plain != NULL && plain_len == 400000 && memcmp(plain, "Q: Why?", 7) == 0);
	free(plain);
	/* A bound below the size, a truncated stream, corrupt data. */
	CHECK(gzip_inflate(z, zlen, 1000, NULL, &plain_len, &err) == NULL);
	CHECK(err.code == STENO_ERR_LIMIT);
	CHECK(gzip_inflate(z, zlen / 2, 1 << 30, NULL, &plain_len, &err) == NULL);
	CHECK(err.code == STENO_ERR_PARSE);
	char *bad = malloc(zlen);
	memcpy(bad, z, zlen);
	memset(bad + 10, 0xff, 8);
	CHECK(gzip_inflate(bad, zlen, 1 << 30, NULL, &plain_len, &err) == NULL);
	CHECK(err.code == STENO_ERR_PARSE);
	/* Two members concatenated are one stream, as gzip -d reads them. */
	char *twice = malloc(2 * zlen);
	memcpy(twice, z, zlen);
	memcpy(twice + zlen, z, zlen);
	plain = gzip_inflate(twice, 2 * zlen, 1 << 30, NULL, &plain_len, &err);
	CHECK(plain != NULL && plain_len == 800000);
	free(plain);
	free(twice);
	free(bad);
	steno_sink_close(mem);
}

/* steno_read_all inflates gzip input within the bound and returns
 * other bytes as they are. */
static void test_read_all(void)
{
	steno_error err;
	size_t len = 0, zlen;
	CHECK(steno_read_all(NULL, &len, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	steno_sink *mem = steno_sink_new_memory();
	steno_sink *gz = steno_sink_new_gzip(mem, 6);
	steno_sink_write(gz, "Q: Why?\n", 8);
	steno_sink_close(gz);
	const char *z = steno_sink_memory_data(mem, &zlen);
	FILE *fp = tmpfile();
	if (!fp) {
		CHECK(fp != NULL);
		steno_sink_close(mem);
		return;
	}
	CHECK(fwrite(z, 1, zlen, fp) == zlen);
	rewind(fp);
	char *data = steno_read_all(fp, &len, NULL, &err);
	CHECK(data && len == 8 && memcmp(data, "Q: Why?\n", 8) == 0);
	free(data);
	steno_options opts;
	steno_options_init(&opts);
	opts.max_input = 4;
	rewind(fp);
	CHECK(steno_read_all(fp, &len, &opts, &err) == NULL && err.code == STENO_ERR_LIMIT);
	rewind(fp);
	CHECK(fwrite("plain", 1, 5, fp) == 5);
	rewind(fp);
	data = steno_read_all(fp, &len, NULL, &err);
	CHECK(data && len == zlen && memcmp(data, "plain", 5) == 0 &&
	      memcmp(data + 5, z + 5, zlen - 5) == 0);
	free(data);
	fclose(fp);
	steno_sink_close(mem);
}

void test_sink(void)
{
	steno_sink *mem = steno_sink_new_memory();
	CHECK(steno_sink_write(mem, "abc", 3) == STENO_OK);
	char big[100000];
	memset(big, 'x', sizeof big);
	CHECK(steno_sink_write(mem, big, sizeof big) == STENO_OK);
	size_t len;
	const char *data = steno_sink_memory_data(mem, &len);
	CHECK(len == 100003 && memcmp(data, "abcxx", 5) == 0 && data[len - 1] == 'x');
	CHECK(steno_sink_write(mem, NULL, 1) == STENO_ERR_ARG);
	CHECK(steno_sink_close(mem) == STENO_OK);

	collected c = {0};
	steno_sink *cb = steno_sink_new_callback(collect, &c);
	steno_sink_write(cb, "hello ", 6);
	steno_sink_write(cb, "world", 5);
	CHECK(c.calls == 0); /* buffered */
	CHECK(steno_sink_flush(cb) == STENO_OK);
	CHECK(c.len == 11 && memcmp(c.data, "hello world", 11) == 0);
	CHECK(steno_sink_memory_data(cb, &len) == NULL);
	steno_sink_write(cb, big, 1000); /* the callback refuses: ENOSPC */
	CHECK(steno_sink_close(cb) == STENO_ERR_IO);
	CHECK(steno_sink_new_callback(NULL, NULL) == NULL);

	int fds[2];
	CHECK(pipe(fds) == 0);
	steno_sink *fd = steno_sink_new_fd(fds[1]);
	steno_sink_write(fd, "pipe", 4);
	CHECK(steno_sink_close(fd) == STENO_OK);
	close(fds[1]);
	char got[8] = "";
	CHECK(read(fds[0], got, sizeof got) == 4 && memcmp(got, "pipe", 4) == 0);
	close(fds[0]);

	FILE *full = fopen("/dev/full", "w");
	if (full) {
		steno_sink *f = steno_sink_new_file(full);
		steno_sink_write(f, big, sizeof big);
		CHECK(steno_sink_close(f) == STENO_ERR_IO);
		fclose(full);
	}
	CHECK(steno_sink_close(NULL) == STENO_OK);
	CHECK(steno_sink_new_file(NULL) == NULL);
	CHECK(steno_sink_new_fd(-1) == NULL);
	test_gzip_roundtrip();
	test_read_all();
}

void test_registry(void)
{
	CHECK(steno_format_count() >= 3);
	size_t text = steno_format_find("text");
	CHECK(text != (size_t)-1);
	CHECK(steno_format_can_read(text) && !steno_format_can_write(text));
	CHECK(steno_format_find("TXT") == text);
	CHECK(steno_format_find("nonsense") == (size_t)-1);
	CHECK(steno_format_find(NULL) == (size_t)-1);
	size_t html = steno_format_find("html");
	CHECK(steno_format_can_write(html));
	CHECK_STR(steno_format_media_type(html), "text/html");
	CHECK(steno_format_name(steno_format_count()) == NULL);
	CHECK_STR(steno_format_for_path("a/b/briefing.txt"), "text");
	CHECK_STR(steno_format_for_path("out.HTML"), "html");
	CHECK_STR(steno_format_for_path("out.json.gz"), "json");
	CHECK(steno_format_for_path("README") == NULL);
	CHECK(steno_format_for_path(".txt") == NULL);
	CHECK(steno_format_for_path("dir.txt/file") == NULL);
	CHECK(steno_format_for_path(NULL) == NULL);
}

/* Archives are known by their descriptor, under any of their names. */
void test_registry_flags(void)
{
	size_t epub = steno_format_find("epub");
	CHECK(steno_format_find("EPUB3") == epub);
	CHECK_STR(steno_format_aliases(epub), "epub3");
	CHECK_STR(steno_format_aliases(steno_format_find("html")), "");
	CHECK(steno_format_aliases(steno_format_count()) == NULL);
	CHECK(steno_format_flags(epub) == (STENO_FORMAT_ARCHIVE | STENO_FORMAT_COMPRESSED));
	CHECK(steno_format_flags(steno_format_find("zip")) ==
	      (STENO_FORMAT_ARCHIVE | STENO_FORMAT_COMPRESSED));
	CHECK(steno_format_flags(steno_format_find("json")) == 0);
	CHECK(steno_format_flags((size_t)-1) == 0);
}

void test_api(void)
{
	steno_error err;
	CHECK(steno_parse(NULL, 5, "text", NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_parse("x", 1, NULL, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_parse("x", 1, "klingon", NULL, &err) == NULL);
	CHECK(err.code == STENO_ERR_FORMAT && strstr(err.message, "klingon"));
	CHECK(steno_parse("x", 1, "html", NULL, &err) == NULL && err.code == STENO_ERR_FORMAT);
	CHECK(steno_parse_file(NULL, NULL, NULL, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(steno_parse_file("/nonexistent/x.txt", NULL, NULL, &err) == NULL);
	CHECK(err.code == STENO_ERR_IO);
	steno_doc *empty = steno_parse(NULL, 0, "text", NULL, NULL);
	CHECK(empty != NULL && steno_node_first_child(steno_doc_root(empty)) == NULL);
	steno_doc_free(empty);

	steno_doc *doc = steno_parse("Hello.", 6, "text", NULL, &err);
	CHECK(doc != NULL && err.code == STENO_OK);
	CHECK(steno_render(NULL, "html", NULL, NULL, &err) == STENO_ERR_ARG);
	CHECK(steno_render_string(doc, "text", NULL, NULL, &err) == NULL);
	CHECK(err.code == STENO_ERR_FORMAT);
	CHECK(steno_render_file(doc, "html", NULL, NULL, &err) == STENO_ERR_ARG);
	size_t len;
	char *html = steno_render_string(doc, "html", &len, NULL, &err);
	CHECK(html != NULL && len == strlen(html) && strstr(html, "Hello."));
	free(html);
	CHECK(steno_run_passes(NULL, NULL, &err) == STENO_ERR_ARG);
	steno_doc_free(doc);

	/* Source positions take room in a parsed document only when asked
	 * for; without, setting them is a no-op, never a write past a node. */
	steno_options pos;
	steno_options_init(&pos);
	for (pos.sourcepos = 0; pos.sourcepos <= 1; pos.sourcepos++) {
		doc = steno_parse("Title\n\nSecond\nline.", 20, "text", &pos, &err);
		steno_node *para = doc ? steno_node_last_child(steno_doc_root(doc)) : NULL;
		CHECK(para && steno_node_get_type(para) == STENO_NODE_PARAGRAPH);
		CHECK(steno_node_get_line(para) == (pos.sourcepos ? 3 : 0));
		CHECK(steno_node_get_end_line(para) == (pos.sourcepos ? 4 : 0));
		steno_node_set_sourcepos(para, 7, 1, 7, 9);
		CHECK(steno_node_get_end_column(para) == (pos.sourcepos ? 9 : 0));
		steno_doc_free(doc);
	}

	/* gzip input is read transparently by every reader. */
	steno_sink *mem = steno_sink_new_memory();
	steno_sink *gz = steno_sink_new_gzip(mem, 0);
	steno_sink_write(gz, "Compressed words.", 17);
	steno_sink_close(gz);
	const char *z = steno_sink_memory_data(mem, &len);
	doc = steno_parse(z, len, "text", NULL, &err);
	char *json = doc ? steno_render_string(doc, "json", NULL, NULL, &err) : NULL;
	CHECK(json && strstr(json, "Compressed words."));
	free(json);
	steno_doc_free(doc);
	steno_options opts;
	steno_options_init(&opts);
	opts.max_input = 5;
	CHECK(steno_parse(z, len, "text", &opts, &err) == NULL && err.code == STENO_ERR_LIMIT);
	steno_sink_close(mem);

	/* The caller's metadata is set before the passes, which read it. */
	const char *meta[] = {"language=de", "title=Presse"};
	opts.max_input = 0;
	opts.passes |= STENO_PASS_SMART;
	opts.metadata = meta;
	opts.metadata_count = 2;
	doc = steno_parse("Er sagte \"ja\".", 15, "text", &opts, &err);
	html = doc ? steno_render_string(doc, "html", NULL, &opts, &err) : NULL;
	CHECK(html && strstr(html, "\xE2\x80\x9Eja\xE2\x80\x9C")); /* „ja“ */
	CHECK(doc && steno_meta_count(doc) == 2);
	free(html);
	steno_doc_free(doc);
	meta[1] = "no value";
	CHECK(steno_parse("x", 1, "text", &opts, &err) == NULL && err.code == STENO_ERR_ARG);
	CHECK(strstr(err.message, "no value") != NULL);

	CHECK_STR(steno_version(), STENO_VERSION_STRING);
	CHECK(steno_version_number() == STENO_VERSION);
	CHECK_STR(steno_status_string(STENO_ERR_PARSE), "parse error");
}

void test_smart(void)
{
	steno_options opts;
	steno_options_init(&opts);
	opts.passes = STENO_PASS_SMART;
	const char *in = "Wait -- no --- don't... the US' side in the '90s 'quoted'";
	steno_error err;
	steno_doc *doc = steno_parse(in, strlen(in), "text", &opts, &err);
	steno_node *p = steno_node_first_child(steno_doc_root(doc));
	const char *got = steno_node_get_literal(steno_node_first_child(p), NULL);
	CHECK_STR(got, "Wait \xE2\x80\x93 no \xE2\x80\x94 don\xE2\x80\x99t\xE2\x80\xA6 the US\xE2\x80\x99 "
	               "side in the \xE2\x80\x99" "90s 'quoted\xE2\x80\x99");
	steno_doc_free(doc);
}
