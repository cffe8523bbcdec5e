/* quotes.c - paired quotation marks into quote nodes.
 *
 * Each inline container (a paragraph, a heading, an emphasis, ...) is
 * read once: every mark is classed as opening or closing by what stands
 * on either side, openings go on a stack, and a closing mark pairs with
 * the nearest opening mark of its family.  Pairs nest by construction;
 * marks that pair with nothing stay text, so nothing is lost.  Then the
 * container's children are rebuilt in one walk, each pair's marks
 * removed and what lay between them moved into a QUOTE node.
 *
 * News reports continue a quotation into the next paragraph by opening
 * it again there without closing it here: a paragraph that ends inside
 * a quotation whose next paragraph opens one gets a quote up to its end,
 * with the attribute continued="true". */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/error.h"
#include "core/grow.h"
#include "core/swar.h"
#include "core/utf8.h"
#include "passes/passes.h"
#include "passes/transcript.h"

#define DEPTH_MAX 64 /* open quotations at once; deeper marks stay text */
#define MARK_KINDS 16 /* the marks mark_kind numbers, and 0 */

typedef enum family {
	STRAIGHT_DOUBLE = 1, /* "..." */
	STRAIGHT_SINGLE,     /* '...' */
	CURLY_DOUBLE,        /* “...” */
	CURLY_SINGLE,        /* ‘...’ */
	GUILLEMETS,          /* «...» */
	LOW_DOUBLE,          /* „...“ and „...” */
	LOW_SINGLE,          /* ‚...‘ and ‚...’ */
	CJK_CORNER,          /* 「...」 */
	CJK_WHITE            /* 『...』 */
} family;

/* What stands beside a mark. */
typedef enum side { SPACE, OPENER, PUNCT, QUOTE, DIGIT, WORD } side;

typedef struct mark {
	steno_node *text;
	size_t off, len;
	family fam;
	int open;
	int paired; /* a closing mark was found (or the paragraph continues it) */
	int continued;
} mark;

struct quotes {
	steno_doc *doc;
	mark *marks;
	size_t count, cap;
	size_t stack[DEPTH_MAX]; /* indexes of unpaired opening marks */
	size_t depth;
	/* The marks quotes keep, made once a document: [kind][0] a mark
	 * alone, [open][close] a pair (keep_marks, mark_kind). */
	const char *kept[MARK_KINDS][MARK_KINDS];
};

static side side_of_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
			return SPACE;
		if (cp >= '0' && cp <= '9')
			return DIGIT;
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return WORD;
		if (cp == '"' || cp == '\'')
			return QUOTE;
		return strchr("([{-/", (int)cp) ? OPENER : PUNCT;
	}
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000)
		return SPACE;
	if (cp == 0x2013 || cp == 0x2014)
		return OPENER;
	if (cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F) ||
	    (cp >= 0x300C && cp <= 0x300F))
		return QUOTE;
	if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F))
		return PUNCT;
	return WORD;
}

/* What s[0..len) starts with, len > 0: mostly a letter, a space or a
 * punctuation mark of ASCII, which need no decoding. */
static side side_at(const char *s, size_t len)
{
	uint32_t cp = (unsigned char)*s;
	if (cp < 0x80)
		return side_of_cp(cp);
	size_t n = utf8_decode(s, len, &cp);
	return n ? side_of_cp(cp) : WORD;
}

/* An inline that is not text (emphasis, code, a time) reads as a word
 * beside a mark; a line break or the container's edge as a space. */
static side side_of_node(const steno_node *n, int last)
{
	if (!n || transcript_is_break(n))
		return SPACE;
	if (n->type != STENO_NODE_TEXT || !node_len(n))
		return WORD;
	if (!last)
		return side_at(node_literal(n), node_len(n));
	size_t j = node_len(n) - 1;
	while (j && ((unsigned char)node_literal(n)[j] & 0xC0) == 0x80)
		j--;
	return side_at(node_literal(n) + j, node_len(n) - j);
}

static side before(const steno_node *t, size_t off)
{
	if (!off)
		return side_of_node(node_prev(t), 1);
	size_t j = off - 1;
	while (j && ((unsigned char)node_literal(t)[j] & 0xC0) == 0x80)
		j--;
	return side_at(node_literal(t) + j, off - j);
}

static side after(const steno_node *t, size_t end)
{
	if (end >= node_len(t))
		return side_of_node(node_next(t), 0);
	return side_at(node_literal(t) + end, node_len(t) - end);
}

/* The mark at s[0..len): its family and whether it can only open
 * (1), only close (0), or depends on its sides (-1); its length. */
static size_t mark_at(const char *s, size_t len, family *fam, int *opens)
{
	const unsigned char *u = (const unsigned char *)s;
	*opens = -1;
	if (u[0] == '"' || u[0] == '\'') {
		*fam = u[0] == '"' ? STRAIGHT_DOUBLE : STRAIGHT_SINGLE;
		return 1;
	}
	if (len >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
		*fam = GUILLEMETS;
		*opens = u[1] == 0xAB;
		return 2;
	}
	if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] >= 0x8C && u[2] <= 0x8F) {
		*fam = u[2] < 0x8E ? CJK_CORNER : CJK_WHITE; /* 「」 『』 */
		*opens = !(u[2] & 1);
		return 3;
	}
	if (len < 3 || u[0] != 0xE2 || u[1] != 0x80)
		return 0;
	switch (u[2]) {
	case 0x9C: *fam = CURLY_DOUBLE; return 3;           /* “ opens, or closes „ */
	case 0x9D: *fam = CURLY_DOUBLE; *opens = 0; return 3; /* ” */
	case 0x98: *fam = CURLY_SINGLE; return 3;           /* ‘ opens, or closes ‚ */
	case 0x99: *fam = CURLY_SINGLE; *opens = 0; return 3; /* ’ */
	case 0x9E: *fam = LOW_DOUBLE; *opens = 1; return 3;  /* „ */
	case 0x9A: *fam = LOW_SINGLE; *opens = 1; return 3;  /* ‚ */
	/* ″, the double prime, typed for ” by some ("consumers,″"); after
	 * a digit it is the inch or second it stands for (scan_text) */
	case 0xB3: *fam = CURLY_DOUBLE; *opens = 0; return 3;
	default: return 0;
	}
}

static int closes(family open, family close)
{
	if (open == close)
		return 1;
	return (open == LOW_DOUBLE && close == CURLY_DOUBLE) ||
	       (open == LOW_SINGLE && close == CURLY_SINGLE);
}

static int push_mark(quotes *q, const mark *m)
{
	if (q->count == q->cap) {
		mark *grown = grow_array(q->marks, &q->cap, q->count + 1, sizeof *grown);
		if (!grown)
			return -1;
		q->marks = grown;
	}
	q->marks[q->count++] = *m;
	return 0;
}

static int single_family(family fam)
{
	return fam == STRAIGHT_SINGLE || fam == CURLY_SINGLE || fam == LOW_SINGLE;
}

/* Pair a closing mark with the nearest opening one of its family; the
 * openings above it stay text.  0 when there is none.  Single marks
 * around one letter are elisions ("rock 'n' roll"), not a quotation. */
/* Marks a writer mixed up, which a reader pairs all the same: “ or «
 * closed with ", " closed with ”.  Asked only when no mark of the right
 * family is open, and of a mark no word follows ("”Stray" pairs with
 * nothing). */
static int closes_loosely(family open, family close)
{
	return (open == CURLY_DOUBLE || open == GUILLEMETS) ? close == STRAIGHT_DOUBLE
	       : open == STRAIGHT_DOUBLE                    ? close == CURLY_DOUBLE
	                                                    : 0;
}

static int close_quote(quotes *q, mark *m, int loose)
{
	for (size_t k = q->depth; k-- > 0;)
		if (closes(q->marks[q->stack[k]].fam, m->fam))
			loose = 0;
	for (size_t k = q->depth; k-- > 0;) {
		mark *o = &q->marks[q->stack[k]];
		if (!closes(o->fam, m->fam) && !(loose && closes_loosely(o->fam, m->fam)))
			continue;
		if (single_family(m->fam) && o->text == m->text && m->off - o->off - o->len <= 1)
			return 0;
		o->paired = m->paired = 1;
		q->depth = k;
		return push_mark(q, m) < 0 ? -1 : 1;
	}
	return 0;
}

static int open_quote(quotes *q, mark *m)
{
	if (q->depth == DEPTH_MAX)
		return 0;
	q->stack[q->depth++] = q->count;
	m->open = 1;
	return push_mark(q, m) < 0 ? -1 : 1;
}

static int top_is(const quotes *q, family fam)
{
	return q->depth && q->marks[q->stack[q->depth - 1]].fam == fam;
}

static int is_word(side s)
{
	return s == WORD || s == DIGIT;
}

/* Straight marks and ’ depend on their sides: an opening mark follows a
 * space or an opening bracket and comes before a word; a closing mark
 * follows a non-space.  "don't", "the US' side" and "'90s" are
 * apostrophes. */
/* 5'10": the " after feet and inches is no quotation mark. */
static int inches(const mark *m)
{
	const char *s = node_literal(m->text);
	size_t i = m->off;
	while (i && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	return i < m->off && i >= 2 && s[i - 1] == '\'' && s[i - 2] >= '0' && s[i - 2] <= '9';
}

static int straight(quotes *q, mark *m, side l, side r)
{
	int double_mark = m->fam == STRAIGHT_DOUBLE;
	if (double_mark && l == DIGIT && inches(m))
		return 0;
	int may_open = (l == SPACE || l == OPENER || l == QUOTE) &&
	               (double_mark ? r != SPACE : r == WORD);
	if (may_open)
		return open_quote(q, m);
	if (l != SPACE && !is_word(r))
		return close_quote(q, m, 1);
	return 0;
}

/* Is a mark of family fam open? */
static int any_open(const quotes *q, family fam)
{
	for (size_t k = q->depth; k-- > 0;)
		if (q->marks[q->stack[k]].fam == fam)
			return 1;
	return 0;
}

/* A closing mark that opens, as Swedish and Finnish write ”...” and
 * »...», and Danish and German »...«: none of its family is open, a
 * space or the paragraph's start before it, a word after it. */
static int opens_reversed(const quotes *q, const mark *m, side l, side r)
{
	return !any_open(q, m->fam) && (l == SPACE || l == OPENER) && is_word(r);
}

/* Class one mark and put it where it goes; -1 on no memory. */
static int place_mark(quotes *q, mark *m, int opens, side l, side r)
{
	switch (m->fam) {
	case STRAIGHT_DOUBLE:
	case STRAIGHT_SINGLE:
		return straight(q, m, l, r);
	case CURLY_DOUBLE:
		if (opens < 0 && !top_is(q, LOW_DOUBLE))
			return r == SPACE ? 0 : open_quote(q, m);
		if (opens == 0 && opens_reversed(q, m, l, r))
			return open_quote(q, m);
		return close_quote(q, m, !is_word(r));
	case CURLY_SINGLE:
		if (opens < 0 && !top_is(q, LOW_SINGLE))
			return r == WORD ? open_quote(q, m) : 0;
		if (is_word(l) && is_word(r)) /* don’t */
			return 0;
		return close_quote(q, m, 0);
	default: /* French sets « and » apart with a space */
		/* Danish »...«: « after a word, closing the » that opened */
		if (opens && m->fam == GUILLEMETS && l != SPACE && l != OPENER && !is_word(r) &&
		    any_open(q, GUILLEMETS))
			return close_quote(q, m, 0);
		if (opens)
			return r == SPACE && m->fam != GUILLEMETS ? 0 : open_quote(q, m);
		if (m->fam == GUILLEMETS && opens_reversed(q, m, l, r))
			return open_quote(q, m);
		return close_quote(q, m, 0);
	}
}

/* The bytes a quotation mark starts with: the scan's fast path. */
static const unsigned char mark_start[256] = {['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1,
                                              [0xE3] = 1};

/* The bytes of x that may start a mark, flagged (swar_eq).  Setting
 * bits 0x05 folds " and ' (and the rare # and &) into ', and setting
 * 0x20 folds 0xC2 into 0xE2, so two byte tests do for four; the others
 * (0xE2, and 0xE3 of the CJK corner brackets) are needed only where a
 * byte has its high bit set, which most words of most transcripts have
 * not. */
static uint64_t word_marks(uint64_t x)
{
	uint64_t flags = swar_eq(x | SWAR_ONES * 0x05, '\'');
	if (x & SWAR_HIGHS)
		flags |= swar_eq(x | SWAR_ONES * 0x20, 0xE2) | swar_eq(x, 0xE3);
	return flags;
}

static int ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The apostrophe of "don't", most marks of English: between two letters
 * a straight mark neither opens nor closes. */
static inline int apostrophe(const unsigned char *s, size_t i, size_t len)
{
	return s[i] == '\'' && i && i + 1 < len && ascii_letter(s[i - 1]) && ascii_letter(s[i + 1]);
}

#if defined(__SSE2__)
/* The lead bytes of typographic marks in x (0xC2 folded into 0xE2 as
 * word_marks folds it), one bit a byte. */
static uint32_t typographic_marks(__m128i x)
{
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
	                                        _mm_set1_epi8((char)0xE2)),
	                         _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3)));
	return (uint32_t)_mm_movemask_epi8(m);
}

/* " and ' in x, and # and &, folded into ' as word_marks folds them. */
static __m128i straight_marks(__m128i x)
{
	return _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x05)), _mm_set1_epi8('\''));
}

/* Where SSE2 is, thirty-two bytes at a time: bit k set when s[k] may
 * start a mark (or is # or &).  Most runs of thirty-two bytes hold
 * none, which one test tells, as every typographic mark's lead byte
 * has its high bit set, and most words of most transcripts have none. */
static inline uint32_t chunk_marks(const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
	__m128i qx = straight_marks(x), qy = straight_marks(y), high = _mm_or_si128(x, y);
	if (!_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(qx, qy), high)))
		return 0;
	uint32_t flags = (uint32_t)_mm_movemask_epi8(qx) | (uint32_t)_mm_movemask_epi8(qy) << 16;
	if (_mm_movemask_epi8(high))
		flags |= typographic_marks(x) | typographic_marks(y) << 16;
	return flags;
}

/* The first byte s[at + k], k a bit of flags, where a scan stops, or
 * len. */
static size_t first_stop(const unsigned char *s, size_t at, uint32_t flags, size_t len)
{
	for (; flags; flags &= flags - 1) {
		size_t k = at + (size_t)__builtin_ctz(flags);
		if (mark_start[s[k]] && !apostrophe(s, k, len))
			return k;
	}
	return len;
}
#endif

/* The first byte at or after s[i] that may start a mark, or len.  Eight
 * bytes without one are passed over at once (thirty-two with SSE2,
 * whose compilers have __builtin_ctz too): accented letters and other
 * scripts too, as their lead bytes are not 0xC2 or 0xE2; with one, the
 * scan goes straight to it.  Apostrophes are passed over here too, not
 * one call each. */
static size_t next_mark(const unsigned char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
	if (len >= 32) {
		for (; i + 32 <= len; i += 32) {
			uint32_t flags = chunk_marks(s + i);
			size_t k = flags ? first_stop(s, i, flags, len) : len;
			if (k < len)
				return k;
		}
		/* the last bytes are read again from before i, not byte by
		 * byte, their flags before i dropped */
		size_t at = len - 32;
		return i < len ? first_stop(s, at, chunk_marks(s + at) & UINT32_MAX << (i - at), len) : len;
	}
#endif
	while (i + 8 <= len) {
		uint64_t flags = word_marks(swar_load(s + i));
		if (!flags) {
			i += 8;
			continue;
		}
		i += swar_first(flags);
		if (mark_start[s[i]] && !apostrophe(s, i, len))
			return i;
		i++;
	}
	for (; i < len; i++)
		if (mark_start[s[i]] && !apostrophe(s, i, len))
			return i;
	return len;
}

static int scan_text(quotes *q, steno_node *t)
{
	const unsigned char *s = (const unsigned char *)node_literal(t);
	size_t len = node_len(t);
	for (size_t i = 0; (i = next_mark(s, i, len)) < len;) {
		mark m = {.text = t, .off = i};
		int opens;
		if (!(m.len = mark_at(node_literal(t) + i, len - i, &m.fam, &opens)) ||
		    (m.len == 3 && s[i + 2] == 0xB3 && before(t, i) == DIGIT)) {
			i++;
			continue;
		}
		if (place_mark(q, &m, opens, before(t, i), after(t, i + m.len)) < 0)
			return -1;
		i += m.len;
	}
	return 0;
}

/* Does paragraph p open with a double quotation mark? */
static int opens_quoted(const steno_node *p)
{
	const steno_node *t = p && p->type == STENO_NODE_PARAGRAPH ? node_first(p) : NULL;
	family fam;
	int opens;
	if (!t || t->type != STENO_NODE_TEXT || !node_len(t) || !mark_at(node_literal(t), node_len(t), &fam, &opens))
		return 0;
	return opens != 0 && !single_family(fam);
}

/* The news convention: the paragraph's first open quotation goes on in
 * the next paragraph, which opens with a mark again. */
static void continue_quote(quotes *q, const steno_node *c)
{
	if (!q->depth || c->type != STENO_NODE_PARAGRAPH || !opens_quoted(node_next(c)))
		return;
	mark *o = &q->marks[q->stack[0]];
	if (single_family(o->fam))
		return;
	o->paired = o->continued = 1;
}

/* ---- rebuilding ---- */

/* t's bytes from..to into parent; to is a paired mark, which is
 * dropped, so its first byte can end the part in place. */
static int append_text(quotes *q, steno_node *parent, const steno_node *t, size_t from, size_t to)
{
	if (to <= from)
		return 0;
	steno_node *seg = transcript_text_cut(q->doc, t, from, to);
	if (!seg)
		return -1;
	node_append(parent, seg);
	return 0;
}

/* The marks, told apart by their last byte: " ' « » 「 」 『 』 ‘ ’ ‚ “ ”
 * „ ″, numbered from 1; and their bytes by that number. */
static const unsigned char mark_kind[256] = {
	['"'] = 1,   ['\''] = 2,  [0xAB] = 3,  [0xBB] = 4,  [0x8C] = 5,
	[0x8D] = 6,  [0x8E] = 7,   [0x8F] = 8,  [0x98] = 9,  [0x99] = 10,
	[0x9A] = 11, [0x9C] = 12,  [0x9D] = 13, [0x9E] = 14, [0xB3] = 15};
static const char *const mark_bytes[MARK_KINDS] = {
	"",             "\"",           "'",            "\xC2\xAB",     "\xC2\xBB",
	"\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E", "\xE3\x80\x8F", "\xE2\x80\x98",
	"\xE2\x80\x99", "\xE2\x80\x9A", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E",
	"\xE2\x80\xB3"};

typedef struct builder {
	steno_node *target[DEPTH_MAX + 1];
	unsigned char opened[DEPTH_MAX + 1]; /* the mark_kind each quote opened with */
	size_t top;
	size_t m; /* the next mark */
} builder;

/* A quotation keeps the marks its source wrote (attribute "marks": the
 * opening mark, then the closing one, which a quotation the next
 * paragraph goes on with has not), so that writers give back the
 * author's characters; only --smart changes them (smart.c).  A few
 * marks make all the pairs there are, so each pair's string is made
 * once a document, in its arena, and shared by its quotes; a quote's
 * is set once, when its end is known. */
static int keep_marks(quotes *q, steno_node *quote, unsigned char open, unsigned char close)
{
	const char **kept = &q->kept[open][close];
	if (!*kept) {
		char both[8];
		size_t have = strlen(mark_bytes[open]), more = strlen(mark_bytes[close]);
		memcpy(both, mark_bytes[open], have);
		memcpy(both + have, mark_bytes[close], more);
		if (!(*kept = arena_strndup(&q->doc->arena, both, have + more)))
			return -1;
	}
	return node_set_attr_kept(quote, "marks", *kept) == STENO_OK ? 0 : -1;
}

static int open_node(quotes *q, builder *b, const mark *mk, unsigned char kind)
{
	steno_node *quote = node_add(q->doc, b->target[b->top], STENO_NODE_QUOTE);
	if (!quote || (mk->continued && node_set_attr_kept(quote, "continued", "true")))
		return -1;
	b->target[++b->top] = quote;
	b->opened[b->top] = kind;
	return 0;
}

/* Text node t cut at its paired marks, into whatever quotes they open. */
static int rebuild_text(quotes *q, builder *b, steno_node *t)
{
	size_t pos = 0;
	for (; b->m < q->count && q->marks[b->m].text == t; b->m++) {
		const mark *mk = &q->marks[b->m];
		if (!mk->paired)
			continue;
		/* read before the cut, which ends the text before the mark on
		 * the mark's first byte */
		unsigned char kind = mark_kind[(unsigned char)node_literal(t)[mk->off + mk->len - 1]];
		if (append_text(q, b->target[b->top], t, pos, mk->off) < 0)
			return -1;
		if (mk->open) {
			if (open_node(q, b, mk, kind) < 0)
				return -1;
		} else {
			if (keep_marks(q, b->target[b->top], b->opened[b->top], kind) < 0)
				return -1;
			b->top--;
		}
		pos = mk->off + mk->len;
	}
	/* t itself holds what follows its last paired mark */
	if (pos == node_len(t))
		return 0;
	if (pos)
		transcript_text_keep(t, pos, node_len(t));
	node_append(b->target[b->top], t);
	return 0;
}

/* Only the children from the first paired mark's text to the last one's
 * are moved: they are detached as one chain and appended again as they
 * are passed, in quotes or back in c; those after it go back as they
 * are, once every quote is closed. */
static int rebuild(quotes *q, steno_node *c)
{
	builder b;
	b.target[0] = c;
	b.top = 0;
	size_t end = q->count;
	for (b.m = 0; !q->marks[b.m].paired; b.m++)
		;
	while (!q->marks[end - 1].paired)
		end--;
	steno_node *n = q->marks[b.m].text, *last = node_last(c), *next;
	node_detach_from(c, n);
	for (; n; n = next) {
		next = node_next(n);
		n->prev_ref = n->next_ref = 0;
		if (b.m < q->count && q->marks[b.m].text == n) {
			if (rebuild_text(q, &b, n) < 0)
				return -1;
		} else {
			node_append(b.target[b.top], n);
		}
		if (b.m >= end && !b.top && next) {
			node_append_chain(c, next, last);
			break;
		}
	}
	/* a quotation the next paragraph goes on with is open to the end */
	for (; b.top; b.top--)
		if (keep_marks(q, b.target[b.top], b.opened[b.top], 0) < 0)
			return -1;
	return 0;
}

static int any_paired(const quotes *q)
{
	for (size_t i = 0; i < q->count; i++)
		if (q->marks[i].paired)
			return 1;
	return 0;
}

/* Text runs a reader or the transcript pass left are joined first, so a
 * quotation is read across them as one text. */
static int quote_container(quotes *q, steno_node *c)
{
	q->count = q->depth = 0;
	for (steno_node *n = node_first(c); n; n = node_next(n)) {
		if (n->type != STENO_NODE_TEXT)
			continue;
		/* most texts end at a break or an inline: asked first, as
		 * whether they have attributes costs a look-up */
		const steno_node *next = node_next(n);
		if (next && next->type == STENO_NODE_TEXT && transcript_can_merge(n) &&
		    transcript_merge_run(q->doc, n) != STENO_OK)
			return -1;
		if (scan_text(q, n) < 0)
			return -1;
	}
	continue_quote(q, c);
	return any_paired(q) ? rebuild(q, c) : 0;
}

static int holds_quotes(steno_node_type type)
{
	switch (type) {
	case STENO_NODE_PARAGRAPH:
	case STENO_NODE_HEADING:
	case STENO_NODE_EMPH:
	case STENO_NODE_STRONG:
	case STENO_NODE_LINK:
	case STENO_NODE_IMAGE:
	case STENO_NODE_QUOTE:
		return 1;
	default:
		return 0;
	}
}

quotes *quotes_new(steno_doc *doc)
{
	quotes *q = calloc(1, sizeof *q);
	if (q)
		q->doc = doc;
	return q;
}

void quotes_free(quotes *q)
{
	if (q)
		free(q->marks);
	free(q);
}

/* A container is quoted as the walk leaves it: what lies under it is
 * done, and the quotes made here are behind the walk, so their text,
 * read already, is not read again. */
int quotes_leave(quotes *q, steno_node *c)
{
	return node_first(c) && holds_quotes(c->type) ? quote_container(q, c) : 0;
}

typedef struct quotes_walk {
	transcript_walker w;
	quotes *q;
} quotes_walk;

static int leave(transcript_walker *w, steno_node *n)
{
	return quotes_leave(((quotes_walk *)w)->q, n);
}

steno_status pass_quotes(steno_doc *doc, steno_error *err)
{
	quotes_walk qw = {.w = {.leave = leave}, .q = quotes_new(doc)};
	int bad = !qw.q || transcript_walk(doc->root, &qw.w) < 0;
	quotes_free(qw.q);
	return bad ? error_nomem(err) : STENO_OK;
}
