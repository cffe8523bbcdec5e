/* smart.c - smart punctuation: "--" en dash, "---" em dash, "..."
 * ellipsis, apostrophes inside or at the end of words, and a quotation's
 * straight marks turned into the typographic marks of the document's
 * language.  Which marks are quotations is the quotes pass's business,
 * so a ' that may open a quote stays as it is. */
#include <string.h>

#include "core/doc_text.h"
#include "core/error.h"
#include "core/walk.h"
#include "passes/passes.h"

/* The marks of a quotation and of one inside it, by language (BCP 47
 * tags, matched with their subtags: "fr" is also fr-CA); a tag with a
 * region or script comes before its language.  spaced: French sets a
 * narrow no-break space inside the guillemets.  Others use English's. */
typedef struct quote_style {
	const char *tags;
	const char *outer[2], *inner[2];
	int spaced;
} quote_style;

static const quote_style styles[] = {
	{"pt-BR", {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, 0},
	{"de-CH de-LI", {"\u00AB", "\u00BB"}, {"\u2039", "\u203A"}, 0},
	{"zh-Hant zh-TW zh-HK zh-MO", {"\u300C", "\u300D"}, {"\u300E", "\u300F"}, 0},
	{"fr", {"\u00AB", "\u00BB"}, {"\u201C", "\u201D"}, 1},
	{"es it pt ca gl eu el ru uk be ar fa nb nn no", {"\u00AB", "\u00BB"},
	 {"\u201C", "\u201D"}, 0},
	{"de lb cs sk sl hr bs sr et lt lv is ka bg mk sq", {"\u201E", "\u201C"},
	 {"\u201A", "\u2018"}, 0},
	{"pl ro hu nl-BE", {"\u201E", "\u201D"}, {"\u00AB", "\u00BB"}, 0},
	{"sv fi", {"\u201D", "\u201D"}, {"\u2019", "\u2019"}, 0},
	{"da", {"\u00BB", "\u00AB"}, {"\u203A", "\u2039"}, 0},
	{"ja", {"\u300C", "\u300D"}, {"\u300E", "\u300F"}, 0},
	{"he", {"\u201D", "\u201D"}, {"\u2019", "\u2019"}, 0},
};

static const quote_style english = {"en", {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, 0};

/* Does tag name lang, or a language lang's subtags narrow? */
static int tag_covers(const char *tag, size_t len, const char *lang)
{
	for (size_t i = 0; i < len; i++)
		if ((tag[i] | 0x20) != (lang[i] | 0x20) || !lang[i])
			return 0;
	return lang[len] == '\0' || lang[len] == '-';
}

static const quote_style *style_of(const steno_doc *doc)
{
	const char *lang = doc_language(doc, NULL, NULL);
	for (size_t i = 0; lang && i < sizeof styles / sizeof *styles; i++)
		for (const char *t = styles[i].tags; *t; t += *t == ' ') {
			size_t len = strcspn(t, " ");
			if (tag_covers(t, len, lang))
				return &styles[i];
			t += len;
		}
	return &english;
}

static int is_word_byte(unsigned char c)
{
	/* Letters, digits and any UTF-8 byte (letters of other scripts). */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The replacement for the punctuation at s[i], with its length in *used;
 * NULL when s[i] stays. */
static const char *smart_at(const char *s, size_t len, size_t i, size_t *used)
{
	unsigned char prev = i ? (unsigned char)s[i - 1] : ' ';
	unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
	switch (s[i]) {
	case '-':
		if (next != '-')
			return NULL;
		if (i + 2 < len && s[i + 2] == '-') {
			*used = 3;
			return "\xE2\x80\x94"; /* — */
		}
		*used = 2;
		return "\xE2\x80\x93"; /* – */
	case '.':
		if (i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
			*used = 3;
			return "\xE2\x80\xA6"; /* … */
		}
		return NULL;
	case '\'':
		/* don't, the US' side, '90s */
		if (is_word_byte(prev) || (is_digit(next) && i + 2 < len && is_digit(s[i + 2]))) {
			*used = 1;
			return "\xE2\x80\x99"; /* ’ */
		}
		return NULL;
	default:
		return NULL;
	}
}

static int needs_smart(const char *s, size_t len)
{
	return memchr(s, '-', len) || memchr(s, '.', len) || memchr(s, '\'', len);
}

static steno_status smarten(steno_doc *doc, steno_node *n)
{
	/* Each replacement is at most three bytes for every byte it
	 * replaces, so 3 * len bounds the result. */
	char *out = arena_alloc(&doc->arena, (size_t)node_len(n) * 3 + 1);
	if (!out)
		return STENO_ERR_NOMEM;
	size_t o = 0;
	for (size_t i = 0; i < node_len(n);) {
		size_t used;
		const char *rep = smart_at(node_literal(n), node_len(n), i, &used);
		if (rep) {
			size_t rlen = strlen(rep);
			memcpy(out + o, rep, rlen);
			o += rlen;
			i += used;
		} else {
			out[o++] = node_literal(n)[i++];
		}
	}
	if (o > NODE_MAX_LEN)
		return STENO_OK; /* marks are cosmetic: a literal too long for a node keeps its own */
	out[o] = '\0';
	node_set_literal(n, out, o);
	return STENO_OK;
}

static int straight(const char *mark)
{
	return *mark == '"' || *mark == '\'';
}

/* U+202F, inside French guillemets. */
static steno_status narrow_space(steno_doc *doc, steno_node *quote, int first)
{
	steno_node *t = node_add_text(doc, quote, "\u202F", 3);
	if (!t)
		return STENO_ERR_NOMEM;
	if (first) {
		steno_node_unlink(t);
		return steno_node_prepend_child(quote, t);
	}
	return STENO_OK;
}

/* A quotation's straight marks as the language writes them: its depth
 * among quotations picks the outer or the inner pair. */
static steno_status smarten_quote(steno_doc *doc, steno_node *quote, const quote_style *style)
{
	const char *marks = steno_node_get_attr(quote, "marks");
	if (!marks || !straight(marks))
		return STENO_OK;
	int depth = 0;
	for (const steno_node *p = node_parent(quote); p; p = node_parent(p))
		depth += p->type == STENO_NODE_QUOTE;
	const char *const *pair = depth % 2 ? style->inner : style->outer;
	char both[16];
	size_t open = strlen(pair[0]);
	memcpy(both, pair[0], open);
	const char *close = marks + 1;
	if (straight(close))
		close = pair[1];
	size_t clen = strlen(close);
	if (open + clen >= sizeof both)
		return STENO_OK;
	memcpy(both + open, close, clen + 1);
	steno_status st = steno_node_set_attr(quote, "marks", both);
	if (st == STENO_OK && style->spaced && !(depth % 2)) {
		st = narrow_space(doc, quote, 1);
		if (st == STENO_OK && clen)
			st = narrow_space(doc, quote, 0);
	}
	return st;
}

steno_status pass_smart(steno_doc *doc, steno_error *err)
{
	const quote_style *style = style_of(doc);
	for (steno_node *n = doc->root; n; n = node_next_preorder(n, doc->root)) {
		steno_status st = STENO_OK;
		if (n->type == STENO_NODE_QUOTE)
			st = smarten_quote(doc, n, style);
		else if (n->type == STENO_NODE_TEXT && needs_smart(node_literal(n), node_len(n)))
			st = smarten(doc, n);
		if (st != STENO_OK)
			return error_nomem(err);
	}
	return STENO_OK;
}
