/* transcript_labels.c - fuzz the transcript pass with many distinct
 * speaker labels per paragraph, the shape that once freed a table of
 * names under a turn still holding one of its entries.
 *
 * The input is not the document but a recipe for one, so that nearly
 * every run brings new labels.  The first byte chooses the reader
 * (0x01 markdown, else text), sourcepos (0x02), and the shapes the
 * survey must weigh: a court reporter's line number before each line
 * (0x04), names in lower case, as nicknames (0x08), names in brackets
 * (0x10), roles after a comma rather than in parentheses (0x20), and a
 * role that is the name's initials, an alias (0x40).  Then each label
 * is one control byte and the bytes it names:
 *   bits 0-2  the separator (": ", "：", ". ", "  ", "\t", " - ", ">>",
 *             a colon and a no-break space)
 *   bit 3     a blank line before it (a new paragraph)
 *   bit 4     a timestamp line before it
 *   bit 5     the name in bold (Markdown) or title case (text)
 *   bits 6-7  one to four words in the name
 * then one byte per word (its letters), one byte for a role in
 * parentheses (0: none) and one for the length of the words that
 * follow, copied raw from the input.  Beyond "no crash", every speaker a
 * turn names is in the table, found by its id. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_check.h"

#define DOC_MAX (1 << 20)

static const char *const separators[8] = {": ", "\xEF\xBC\x9A", ". ", "  ", "\t", " - ", ">> ",
                                          ":\xC2\xA0 "};

typedef struct recipe {
	const uint8_t *p, *end;
	char *doc;
	size_t len;
	unsigned clock; /* seconds of the last timestamp line */
	unsigned shapes; /* the first byte: the shapes of every label */
	unsigned line;   /* for the margin's line numbers */
} recipe;

static int take(recipe *r, uint8_t *b)
{
	if (r->p == r->end)
		return 0;
	*b = *r->p++;
	return 1;
}

static void put(recipe *r, const char *s, size_t n)
{
	if (n > DOC_MAX - r->len)
		n = DOC_MAX - r->len;
	memcpy(r->doc + r->len, s, n);
	r->len += n;
}

static void puts_doc(recipe *r, const char *s)
{
	put(r, s, strlen(s));
}

/* A word of two to seven letters from one byte: 26 * 6 shapes, so a
 * few bytes make thousands of distinct names. */
static void put_word(recipe *r, uint8_t b, int title)
{
	char w[8];
	size_t n = 2 + (size_t)(b % 6);
	for (size_t i = 0; i < n; i++)
		w[i] = (char)((title && i ? 'a' : 'A') + (b / 6 + i * 7) % 26);
	if (r->shapes & 0x08)
		for (size_t i = 0; i < n; i++)
			w[i] = (char)(w[i] | 0x20);
	put(r, w, n);
}

/* A court reporter's line number, 1 to 25, and the margin's blanks. */
static void put_margin(recipe *r)
{
	char m[16];
	if (r->shapes & 0x04) {
		snprintf(m, sizeof m, "%2u   ", r->line++ % 25 + 1);
		puts_doc(r, m);
	}
}

/* A role after the name: "(Role)", ", ROLE", or the initials of the
 * name's first words, "(AB)". */
static void put_role(recipe *r, uint8_t role, const uint8_t *words, int count)
{
	if (r->shapes & 0x40) {
		puts_doc(r, " (");
		for (int k = 0; k < count; k++) {
			char c = (char)('A' + (words[k] / 6) % 26);
			put(r, &c, 1);
		}
		puts_doc(r, ")");
		return;
	}
	puts_doc(r, r->shapes & 0x20 ? ", " : " (");
	put_word(r, role, 1);
	if (!(r->shapes & 0x20))
		puts_doc(r, ")");
}

static void put_label(recipe *r, uint8_t ctl, int markdown)
{
	if (ctl & 0x08)
		puts_doc(r, "\n");
	if (ctl & 0x10) {
		char t[32];
		unsigned c = r->clock = (r->clock + 7) % 36000;
		put_margin(r);
		snprintf(t, sizeof t, "[%02u:%02u:%02u]\n", c / 3600, c / 60 % 60, c % 60);
		puts_doc(r, t);
	}
	int bold = markdown && (ctl & 0x20), title = !markdown && (ctl & 0x20);
	put_margin(r);
	if (bold)
		puts_doc(r, "**");
	if (r->shapes & 0x10)
		puts_doc(r, "[");
	uint8_t words[4];
	int count = 0;
	for (int k = 0; k <= ctl >> 6 && take(r, &words[count]); k++) {
		if (k)
			puts_doc(r, " ");
		put_word(r, words[count++], title);
	}
	uint8_t role;
	if (take(r, &role) && role)
		put_role(r, role, words, count);
	if (r->shapes & 0x10)
		puts_doc(r, "]");
	if (bold)
		puts_doc(r, "**");
	puts_doc(r, separators[ctl & 7]);
	uint8_t body;
	if (take(r, &body)) {
		size_t n = body % 24;
		if (n > (size_t)(r->end - r->p))
			n = (size_t)(r->end - r->p);
		put(r, (const char *)r->p, n);
		r->p += n;
	}
	puts_doc(r, "\n");
}

static void check_speakers(steno_doc *doc)
{
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	CHECK(it);
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE) {
		steno_node *n = steno_iter_node(it);
		if (ev != STENO_EVENT_ENTER || steno_node_get_type(n) != STENO_NODE_TURN)
			continue;
		for (size_t i = 0; i < steno_node_speaker_count(n); i++)
			CHECK(steno_speaker_find(doc, steno_node_speaker(n, i)) != (size_t)-1);
	}
	steno_iter_free(it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int markdown = data[0] & 0x01;
	recipe r = {data + 1, data + size, malloc(DOC_MAX), 0, 0, data[0], 0};
	CHECK(r.doc);
	puts_doc(&r, "Q: Why?\nA: Because.\n\n");
	uint8_t ctl;
	while (r.len < DOC_MAX && take(&r, &ctl))
		put_label(&r, ctl, markdown);
	steno_options opts;
	steno_options_init(&opts);
	opts.sourcepos = (data[0] & 0x02) != 0;
	steno_error err;
	steno_doc *doc = steno_parse(r.doc, r.len, markdown ? "markdown" : "text", &opts, &err);
	free(r.doc);
	if (!doc) {
		CHECK(err.code == STENO_ERR_NOMEM || err.code == STENO_ERR_LIMIT);
		return 0;
	}
	check_speakers(doc);
	check_renders(doc, &opts);
	steno_doc_free(doc);
	return 0;
}
