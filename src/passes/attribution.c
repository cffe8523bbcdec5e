/* attribution.c - quotations and reported speech to their speakers.
 *
 * A paragraph is read as a row of tokens: its words, and its quote
 * nodes as single tokens, with what punctuation stands between them.
 * Only the sentences that can say who speaks are tokenised: those
 * holding a quotation, those where "that" follows a speech verb ("he
 * stressed that"), and a last sentence that introduces the next
 * paragraph ("Rathbun stated,"); most of a long transcript is passed
 * over a paragraph or a sentence at a time, which keeps the pass cheap.
 *
 * A quotation is attributed when a speech verb and its subject stand
 * beside it ("“...,” Tan said", "said Tan Kefei", "X told reporters:
 * “...”", "according to X"), or when its sentence opens with its
 * speaker and a speech verb ("Cooper said her party has backed it “for
 * months”"); a subject is a name (not one right after a preposition:
 * "seen by Sky News says"), a role ("the spokesperson") that refers to
 * the last person the text gave that role, or a pronoun that refers to
 * the last speaker when no one else was said to speak since.  A
 * quotation with no words of its own takes the speaker of the quotation
 * it continues, of its paragraph's other quotations, of the paragraph
 * that introduces it or of its turn.  A few words quoted inside a
 * clause are a term, not speech.  Reported speech ("He stressed that
 * ...", "..., said X") is wrapped in a quote node of kind "reported"
 * that writes no marks.  Nothing is attributed on a guess: a subject
 * that names no one known leaves the quotation alone, as a wrong name
 * is worse than none. */
#include <stdlib.h>
#include <string.h>

#include "core/doc_text.h"
#include "core/error.h"
#include "core/grow.h"
#include "core/hash.h"
#include "core/swar.h"
#include "core/table.h"
#include "core/utf8.h"
#include "core/walk.h"
#include "core/wordlist.h"
#include "passes/attribution.h"
#include "passes/passes.h"
#include "passes/transcript.h"

#define NAME_WORDS 8   /* words of a name: "CEO of the Refugee Council Enver Solomon" */
#define APPOSITION 16  /* words of ", a spokesperson for the ..." */
#define VERB_REACH 5   /* words between a verb and the quotation it opens */
#define RECENT 3       /* paragraphs a pronoun reaches back */
#define REPORT_REACH 24 /* words from a sentence's start to the verb that reports it */
#define CSTR_MAX 256   /* bytes of a name, role or affiliation kept */
#define SENTENCE_REACH 2048 /* bytes read back for the sentence before a quotation */
#define INTRO_REACH 120 /* bytes of a paragraph looked at for someone introduced */

/* What stands between one token and the next. */
enum gap { GAP_SPACE, GAP_COMMA, GAP_COLON, GAP_END };

typedef struct token {
	size_t at, len;
	uint64_t hash; /* of its ASCII lower case, for the word lists */
	unsigned char gap;   /* enum gap, after the token */
	unsigned char quote; /* a quote node of the paragraph, not a word */
	size_t piece;        /* for a quote: its piece */
} token;

/* A child of the paragraph that the view holds in place: text, which a
 * wrap may cut, or a quote. */
typedef struct piece {
	steno_node *node;
	size_t at, len;
} piece;

typedef struct person {
	const char **ids; /* one id, shared by every node it speaks */
	/* someone the text introduced who has not spoken yet ("Le
	 * porte-parole du gouvernement, Wilfried Houngbédji s'est
	 * prononcé"): put in the speaker table, with these, only when
	 * given words, so that the table lists speakers alone */
	const char *name, *role, *aff;
	int pending;
} person;

/* A word that names a person: a surname, or a role's noun. */
typedef struct key {
	const char *word;
	size_t len;
	person *who; /* NULL once two people share the word */
} key;

/* What a subject phrase said. */
enum np_kind { NP_NONE, NP_NAME, NP_ROLE, NP_PRONOUN };

typedef struct np {
	int kind;
	size_t first, end;        /* the name's (or role's) tokens */
	size_t role_first, role_end, aff_first, aff_end; /* an apposition's */
	size_t next;              /* the token after the phrase */
	int article;              /* "the Home Office": an organisation */
	int anonymous;            /* "a defense ministry spokesman": first..end, no name */
} np;

/* View bytes from..to that report who's words. */
typedef struct range {
	size_t from, to;
	person *who;
} range;

/* A word list's words by hash, so that the many words of a report that
 * are in no list cost one look each; a hash found is checked against
 * the list.  Made the first time a list is asked, and found again by
 * the list's address, hashed: a few dozen lists are asked of every
 * word read. */
#define WORD_SETS 64 /* a power of two, twice the lists at least */
typedef struct word_sets {
	const char *list[WORD_SETS];
	table words[WORD_SETS];
	int failed; /* no memory: lists are searched as they are */
} word_sets;

typedef struct attrib {
	steno_doc *doc;
	const attribution_lang *lang;
	word_sets *sets;
	char *buf;
	size_t len, cap;
	piece *pieces;
	size_t piece_count, piece_cap;
	token *toks;
	size_t tok_count, tok_cap;
	size_t *spots; /* view bytes to read the sentences of */
	size_t spot_count, spot_cap;
	int lead, tail; /* the tokens hold the paragraph's first, last sentence */
	person **said; /* per token: the speaker a quote token got */
	range *ranges;
	size_t range_count, range_cap;
	size_t said_cap;
	table people, names, roles;
	person *last, *before_last;
	size_t last_para, before_last_para, para;
	/* the last paragraphs passed over unread, by number */
	const steno_node *unread[RECENT];
	size_t unread_para[RECENT];
	/* the paragraph's words read as a pronoun asks: up to scan_at, the
	 * last "Name said" there (scan_named) and whom it names */
	size_t scan_at;
	size_t scan_run, scan_run_end, scan_run_words, scan_last; /* the capitalised words just read */
	size_t scan_verb_at;
	size_t scan_cap;          /* after the last capitalised word of no one known, or 0 */
	int scan_named, scan_other;
	person *scan_who;
	person *intro;            /* the previous paragraph ends "X said:" */
	person *here;             /* who spoke in this paragraph ... */
	int here_several;         /* ... unless several did */
	person *follow;           /* the one who spoke in the previous paragraph */
	steno_node *continued;    /* its last quote goes on here */
	const char **turn_ids;    /* the turn we are in, if it has one speaker */
	int known_only;           /* a new one-word name is no one: "China announced that" */
	person *introduced;       /* the last person the text introduced ... */
	size_t introduced_para;   /* ... in this paragraph ... */
	int introductions;        /* ... of so many, all told */
	/* the person a sentence opened with, introduced there ("Attila
	 * Andics was the lead researcher on the project."): in paragraph
	 * subject_para, that sentence ending at view byte subject_end, the
	 * paragraph's last when subject_last */
	person *subject;
	size_t subject_para, subject_end;
	int subject_last;
	int intro_spot;           /* the paragraph's first sentence may introduce someone */
	size_t intro_at;          /* the paragraph's tokens read for introductions so far */
	int intro_headline;       /* the sentence being read for them is a headline */
	steno_node *prev;         /* the paragraph before */
} attrib;

/* A hash of s that any two spellings wordlist_has() takes for one word
 * share: every byte has its 0x20 bit set, which folds ASCII case (and
 * some other bytes together, which the list then tells apart).  Eight
 * bytes a step: words are short, and a byte-at-a-time hash was a tenth
 * of the pass. */
static uint64_t lower_hash(const char *s, size_t len)
{
	const uint64_t fold = UINT64_C(0x2020202020202020), mul = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t h = HASH_SEED ^ len;
	for (; len >= 8; s += 8, len -= 8)
		h = (h ^ (swar_load((const unsigned char *)s) | fold)) * mul;
	if (len) {
		unsigned char tail[8] = {0};
		for (size_t i = 0; i < len; i++)
			tail[i] = (unsigned char)(s[i] | 0x20);
		h = (h ^ swar_load(tail)) * mul;
	}
	return h ^ (h >> 29);
}

/* ---- the view ---- */

static int put(attrib *a, const char *s, size_t len)
{
	char *grown = grow_array(a->buf, &a->cap, a->len + len + 1, 1);
	if (!grown)
		return -1;
	a->buf = grown;
	memcpy(a->buf + a->len, s, len);
	a->len += len;
	return 0;
}

/* Text into the view, where bytes 0x01 and 0x02 stand for quotations:
 * the source's own (control characters a document may hold) become
 * spaces, so that they stand for nothing. */
static int put_text(attrib *a, const char *s, size_t len)
{
	size_t at = a->len;
	if (put(a, s, len) < 0)
		return -1;
	for (char *p = a->buf + at; (p = memchr(p, 0x01, (size_t)(a->buf + a->len - p))) != NULL;)
		*p++ = ' ';
	for (char *p = a->buf + at; (p = memchr(p, 0x02, (size_t)(a->buf + a->len - p))) != NULL;)
		*p++ = ' ';
	return 0;
}

static int add_piece(attrib *a, steno_node *n, size_t len)
{
	piece *grown = grow_array(a->pieces, &a->piece_cap, a->piece_count + 1, sizeof *grown);
	if (!grown)
		return -1;
	a->pieces = grown;
	a->pieces[a->piece_count++] = (piece){n, a->len, len};
	return 0;
}

/* An inline container's text, its quotations as one opaque byte: what
 * lies inside emphasis or a link is read, never cut. */
static int put_inline(attrib *a, const steno_node *c)
{
	node_walk w;
	node_walk_init(&w, c);
	for (steno_event ev; (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		const steno_node *n = w.node;
		if (ev != STENO_EVENT_ENTER)
			continue;
		if (n->type == STENO_NODE_TEXT && put_text(a, node_literal(n), node_len(n)) < 0)
			return -1;
		if (n->type == STENO_NODE_QUOTE) {
			w.skip = 1;
			if (put(a, "\x02", 1) < 0)
				return -1;
		}
	}
	return 0;
}

static int build_view(attrib *a, steno_node *p)
{
	a->len = a->piece_count = 0;
	for (steno_node *c = node_first(p); c; c = node_next(c)) {
		int bad = 0;
		switch (c->type) {
		case STENO_NODE_TEXT:
			bad = add_piece(a, c, node_len(c)) < 0 || put_text(a, node_literal(c), node_len(c)) < 0;
			break;
		case STENO_NODE_QUOTE: bad = add_piece(a, c, 1) < 0 || put(a, "\x01", 1) < 0; break;
		case STENO_NODE_SOFT_BREAK:
		case STENO_NODE_LINE_BREAK: bad = put(a, " ", 1) < 0; break;
		case STENO_NODE_CODE: bad = put_text(a, node_literal(c) ? node_literal(c) : "", node_len(c)) < 0; break;
		case STENO_NODE_EMPH:
		case STENO_NODE_STRONG:
		case STENO_NODE_LINK: bad = put_inline(a, c) < 0; break;
		default: bad = put(a, "\n", 1) < 0; /* a dateline, a time, an event: a sentence's edge */
		}
		if (bad)
			return -1;
	}
	return 0;
}

/* ---- tokens ---- */

static int word_byte(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	if (c >= 0x80) {
		/* the punctuation of U+2000..U+206F and the no-break space,
		 * but for U+2019 as an apostrophe between letters, as French
		 * and Italian set "l’avvocato", "qu’il" */
		if (c == 0xE2 && i + 1 < len && s[i + 1] == 0x80)
			return i + 3 < len && s[i + 2] == 0x99 && i > 0 &&
			       ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') &&
			       (((s[i + 3] | 0x20) >= 'a' && (s[i + 3] | 0x20) <= 'z') || s[i + 3] >= 0xC0);
		if (c == 0xC2 && i + 1 < len && (s[i + 1] == 0xA0 || s[i + 1] == 0xAB || s[i + 1] == 0xBB))
			return 0;
		return 1;
	}
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1
	       : (c >= '0' && c <= '9') || c == '\'' || c == '-' || c == 0x02;
}

static int is_upper_at(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	uint32_t cp;
	if (!utf8_decode(s, len, &cp))
		return 0;
	return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x100 && cp <= 0x17F && !(cp & 1)) ||
	       (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

/* A period after "Mr", "Dec", "U" or "Col" ends no sentence. */
static int abbreviation(const char *s, size_t len)
{
	return (len <= 3 && is_upper_at(s, len)) || transcript_is_title(s, len + 1);
}

/* What stands between from and to; word (len bytes, or NULL) is the
 * token before, asked whether it abbreviates only at a period. */
static enum gap gap_of(const char *s, size_t from, size_t to, const char *word, size_t len)
{
	enum gap g = GAP_SPACE;
	for (size_t i = from; i < to; i++) {
		char c = s[i];
		if (c == '\n' || c == '!' || c == '?' || c == ';' ||
		    (c == '.' && !(word && abbreviation(word, len))))
			return GAP_END;
		if (c == ':')
			g = GAP_COLON;
		else if (g == GAP_SPACE && (c == ',' || c == '(' || c == ')' || c == '/' || c == '-' ||
		                            (unsigned char)c == 0xE2))
			g = GAP_COMMA; /* and the dashes, U+2013 and U+2014, and " - " */
	}
	return g;
}

/* Room for one more token, written in place: a token built on the stack
 * and copied in cost a stalled load per word. */
static token *new_token(attrib *a)
{
	if (a->tok_count == a->tok_cap) {
		token *grown = grow_array(a->toks, &a->tok_cap, a->tok_count + 1, sizeof *grown);
		if (!grown)
			return NULL;
		a->toks = grown;
	}
	return &a->toks[a->tok_count];
}

/* The tokens of view bytes from..to, which start at a token's start
 * (or between tokens) and end at a sentence's end or the view's; *q is
 * the piece to look for quotes from, kept from one range to the next. */
static int tokenize_range(attrib *a, size_t from, size_t to, size_t *q)
{
	const unsigned char *s = (const unsigned char *)a->buf;
	size_t i = from, first = a->tok_count;
	while (i < to) {
		size_t start = i, piece = 0;
		int quote = s[i] == 0x01;
		if (quote) {
			while (a->pieces[*q].at != i)
				++*q;
			piece = *q;
			i++;
		} else {
			while (i < to && word_byte(s, i, to))
				i++;
			while (i > start && (s[i - 1] == '\'' || s[i - 1] == '-'))
				i--; /* a trailing apostrophe or hyphen is punctuation */
			if (i == start) {
				i++;
				continue;
			}
		}
		if (a->tok_count > first) {
			token *prev = &a->toks[a->tok_count - 1];
			prev->gap = (unsigned char)gap_of(a->buf, prev->at + prev->len, start,
			                                  prev->quote ? NULL : a->buf + prev->at, prev->len);
		}
		token *t = new_token(a);
		if (!t)
			return -1;
		t->at = start;
		t->len = i - start;
		t->hash = lower_hash(a->buf + start, t->len);
		t->gap = 0;
		t->quote = (unsigned char)quote;
		t->piece = piece;
		a->tok_count++;
	}
	if (a->tok_count > first) {
		token *last = &a->toks[a->tok_count - 1];
		last->gap = (unsigned char)gap_of(a->buf, last->at + last->len, to, NULL, 0);
		if (to < a->len)
			last->gap = GAP_END; /* what follows is another sentence */
	}
	return 0;
}

/* The words of list by hash (hash alone: a match is checked), or NULL. */
static const table *set_of(word_sets *ws, const char *list)
{
	uintptr_t at = (uintptr_t)list;
	size_t k = (size_t)((at >> 4) ^ (at >> 11)) & (WORD_SETS - 1), probes = 0;
	for (; ws->list[k] && probes < WORD_SETS; k = (k + 1) & (WORD_SETS - 1), probes++)
		if (ws->list[k] == list)
			return &ws->words[k];
	if (ws->failed || probes > WORD_SETS / 2)
		return NULL;
	table *t = &ws->words[k];
	for (const char *w = list; *w;) {
		size_t len = strcspn(w, " ");
		uint64_t h = lower_hash(w, len);
		table_slot *slot = table_reserve(t) < 0 ? NULL : table_find(t, h, NULL, NULL, NULL);
		if (!slot) {
			table_free(t);
			ws->failed = 1;
			return NULL;
		}
		if (!slot->entry)
			table_fill(t, slot, h, 1);
		w += len + (w[len] == ' ');
	}
	ws->list[k] = list;
	return t;
}

static int in(const char *list, const attrib *a, size_t i)
{
	const token *t = &a->toks[i];
	if (t->quote)
		return 0;
	const table *set = set_of(a->sets, list);
	if (set && !table_get(set, t->hash, NULL, NULL, NULL))
		return 0;
	return wordlist_has(list, a->buf + t->at, t->len, 1);
}

static int upper(const attrib *a, size_t i)
{
	const token *t = &a->toks[i];
	return !t->quote && is_upper_at(a->buf + t->at, t->len);
}

/* Small words inside names: "Ursula von der Leyen", "Luiz Inácio Lula da Silva". */
static int connector(const attrib *a, size_t i)
{
	return in("al bin da de del der di du la le van von y", a, i);
}

/* Tokens i.. join two capitalised words of one name: "of" ("Minister of
 * Education Ann Lee"), "of the" ("CEO of the Refugee Council Enver
 * Solomon").  How many, or 0. */
static size_t joint(const attrib *a, size_t i, size_t limit)
{
	if (i + 1 >= limit || a->toks[i].gap != GAP_SPACE || !in(a->lang->joints, a, i))
		return 0;
	size_t k = i + 1;
	if (k + 1 < limit && a->toks[k].gap == GAP_SPACE && in(a->lang->articles, a, k) &&
	    !in(a->lang->indefinite, a, k))
		k++;
	return upper(a, k) ? k - i : 0;
}

/* Token i is a title or an honorific: "Prime", "Minister", "Mr",
 * "Dr.", "Mme": "Mr Key" is Key. */
static int title_at(const attrib *a, size_t i)
{
	const token *t = &a->toks[i];
	return !t->quote && (transcript_is_title(a->buf + t->at, t->len) ||
	                     (t->at + t->len < a->len && a->buf[t->at + t->len] == '.' &&
	                      transcript_is_title(a->buf + t->at, t->len + 1)) ||
	                     in("frau herr m miss mlle mme mr mrs ms mx sr sra srta", a, i));
}

static int verb(const attrib *a, size_t i)
{
	return i < a->tok_count && in(a->lang->verbs, a, i);
}

/* ---- the sentences worth reading ---- */

/* Could byte c end a sentence?  Asked of every byte scanned. */
static inline int may_end(char c)
{
	return c == '.' || c == '\n' || c == '!' || c == '?' || c == ';';
}

/* Is view byte i surely a sentence's end, as gap_of() would take it?
 * A full stop only after a plain word that abbreviates nothing, and
 * before a space: where unsure, no, which only makes a window longer. */
static int surely_ends(const attrib *a, size_t i)
{
	char c = a->buf[i];
	if (c == '\n' || c == '!' || c == '?' || c == ';')
		return 1;
	if (c != '.' || (i + 1 < a->len && a->buf[i + 1] != ' ' && a->buf[i + 1] != '\n'))
		return 0;
	size_t w = i;
	while (w > 0 && (unsigned char)a->buf[w - 1] < 0x80 &&
	       (((a->buf[w - 1] | 0x20) >= 'a' && (a->buf[w - 1] | 0x20) <= 'z') ||
	        (a->buf[w - 1] >= '0' && a->buf[w - 1] <= '9')))
		w--;
	if (w == i || (w > 0 && word_byte((const unsigned char *)a->buf, w - 1, a->len)))
		return 0;
	return !abbreviation(a->buf + w, i - w);
}

/* Is the word of len bytes at s a speech verb? */
static int verb_word(const attrib *a, const char *s, size_t len)
{
	const table *set = set_of(a->sets, a->lang->verbs);
	if (set && !table_get(set, lower_hash(s, len), NULL, NULL, NULL))
		return 0;
	return wordlist_has(a->lang->verbs, s, len, 1);
}

/* Does a speech verb stand in the two words before byte at of text
 * ("said that", "told reporters that")?  When the text begins first,
 * perhaps: edge says what then. */
static int verb_before(const attrib *a, const char *text, size_t len, size_t at, int edge)
{
	const unsigned char *s = (const unsigned char *)text;
	for (int k = 0; k < 2; k++) {
		if (at == 0)
			return edge;
		if (s[at - 1] != ' ')
			return 0;
		size_t e = --at;
		while (at > 0 && e - at < CSTR_MAX && word_byte(s, at - 1, len) && s[at - 1] != 0x02)
			at--;
		if (at == e)
			return 0;
		if (verb_word(a, text + at, e - at))
			return 1;
		if (at == 0)
			return edge;
	}
	return 0;
}

/* Where in text of len bytes the word w (wlen bytes) stands after a
 * space, from byte from on; len when nowhere.  The words of reported
 * speech: "that", "que", "qu'" (which its next word follows at once). */
static size_t find_that(const char *text, size_t len, size_t from, const char *w, size_t wlen)
{
	const unsigned char *s = (const unsigned char *)text;
	const uint64_t low = SWAR_ONES * 0x7F, space = SWAR_ONES * ' ',
	               c0 = SWAR_ONES * (unsigned char)w[0], c1 = SWAR_ONES * (unsigned char)w[1];
	size_t i = from ? from - 1 : 0;
	for (;;) {
		/* eight places at a time: a space, then the word's first two
		 * letters; each byte's own test, so a place flagged is one */
		uint64_t hits = 0;
		for (; !hits && i + 10 <= len; i += 8) {
			uint64_t x = swar_load(s + i) ^ space, y = swar_load(s + i + 1) ^ c0,
			         z = swar_load(s + i + 2) ^ c1;
			hits = ~(((x & low) + low) | x | low) & ~(((y & low) + low) | y | low) &
			       ~(((z & low) + low) | z | low);
		}
		if (!hits) { /* the last few places, one by one */
			for (; i + 1 < len; i++) {
				size_t at = i + 1;
				if (s[i] == ' ' && at >= from && at + wlen <= len &&
				    !memcmp(text + at, w, wlen) &&
				    (w[wlen - 1] == '\'' || at + wlen == len || !word_byte(s, at + wlen, len)))
					return at;
			}
			return len;
		}
		for (size_t at = i - 7; at <= i; at++) /* rare: read those eight */
			if (s[at - 1] == ' ' && at >= from && at + wlen <= len &&
			    !memcmp(text + at, w, wlen) &&
			    (w[wlen - 1] == '\'' || at + wlen == len || !word_byte(s, at + wlen, len)))
				return at;
	}
}

static int add_spot(attrib *a, size_t at)
{
	size_t *grown = grow_array(a->spots, &a->spot_cap, a->spot_count + 1, sizeof *grown);
	if (!grown)
		return -1;
	a->spots = grown;
	a->spots[a->spot_count++] = at;
	return 0;
}

static int by_offset(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* The places the pass reads around: each quotation, each "that" after
 * a speech verb ("he stressed that"), and the paragraph's end when it
 * introduces the next ("Rathbun stated,").  -1 on no memory. */
static int find_spots(attrib *a)
{
	a->spot_count = 0;
	/* the first sentence, where news introduces people */
	if (a->len && a->intro_spot && add_spot(a, 0) < 0)
		return -1;
	for (size_t k = 0; k < a->piece_count; k++)
		if (a->pieces[k].node->type == STENO_NODE_QUOTE && add_spot(a, a->pieces[k].at) < 0)
			return -1;
	for (const char *w = a->lang->that; *w;) {
		size_t len = strcspn(w, " ");
		for (size_t at = 0; (at = find_that(a->buf, a->len, at, w, len)) < a->len; at += len)
			if (verb_before(a, a->buf, a->len, at, 0) && add_spot(a, at) < 0)
				return -1;
		w += len + (w[len] == ' ');
	}
	size_t end = a->len;
	while (end > 0 && a->buf[end - 1] == ' ')
		end--;
	if (end > 0 && (a->buf[end - 1] == ',' || a->buf[end - 1] == ':') && add_spot(a, end - 1) < 0)
		return -1;
	if (a->spot_count > 1) /* none: worth_reading saw a "that" by a node's edge */
		qsort(a->spots, a->spot_count, sizeof *a->spots, by_offset);
	return 0;
}

/* The sentences around the spots, as tokens: a paragraph of a long
 * transcript holds many sentences and few quotations, and every word
 * read costs.  Each spot's sentence is found by its ends, scanning
 * bytes no further back than the sentence read before, so the whole
 * costs one pass over the bytes at most.  -1 on no memory. */
static int tokenize(attrib *a)
{
	size_t q = 0, done = 0; /* the view is read up to done */
	a->tok_count = 0;
	a->lead = a->tail = 0;
	if (find_spots(a) < 0)
		return -1;
	for (size_t k = 0; k < a->spot_count; k++) {
		size_t at = a->spots[k];
		if (at < done)
			continue; /* in the sentence just read */
		size_t from = at;
		while (from > done && !(may_end(a->buf[from - 1]) && surely_ends(a, from - 1)))
			from--;
		size_t to = at;
		while (to < a->len && !(may_end(a->buf[to]) && surely_ends(a, to)))
			to++;
		to += to < a->len;
		a->lead |= from == 0;
		if (tokenize_range(a, from, to, &q) < 0)
			return -1;
		done = to;
	}
	a->tail = done == a->len;
	return 0;
}

/* ---- subject phrases ---- */

/* Words that open sentences and are no one's name. */
static const char starters[] =
    "a after also an and as at but by for however i if in it later meanwhile no on one so "
    "some still that the then there these they this those to we when while yet you";

static int starter(const attrib *a, size_t i)
{
	return in(starters, a, i);
}

static person *lookup(const table *t, const char *s, size_t len, int *ambiguous);

/* Token i is a role: a noun of the language's list, or one the text
 * gave someone it introduced ("El alcalde de Madrid, José Almeida," and
 * then "añadió el alcalde"): the list cannot hold every office. */
static int role_word(const attrib *a, size_t i)
{
	if (in(a->lang->roles, a, i))
		return 1;
	const token *t = &a->toks[i];
	int ambiguous;
	return !t->quote && (lookup(&a->roles, a->buf + t->at, t->len, &ambiguous) || ambiguous);
}

/* Token i is a role between a name's capitalised words: "AFL-CIO
 * spokesperson Ray Zaccaro". */
static int role_inside(const attrib *a, size_t i, size_t limit)
{
	return i + 1 < limit && a->toks[i].gap == GAP_SPACE && upper(a, i + 1) && role_word(a, i);
}

/* A capitalised run starting at i: NAME_WORDS words at most, joined by
 * spaces, connectors inside it only.  Its end, or i. */
static size_t name_run(const attrib *a, size_t i, size_t limit)
{
	size_t end = i, k = i, j, named = 0, cut = 0;
	int titled_after = 0;
	while (k < limit && k - i < NAME_WORDS) {
		if (k > i && (j = joint(a, k, limit)) != 0) {
			/* "Royce Lamberth of the US District Court": a name
			 * before "of" is whole; "Minister of Education Ann Lee",
			 * "American Federation of Teachers President Randi
			 * Weingarten" go on to a title and the name */
			if (!cut && named >= 2)
				cut = end;
			k += j;
			continue;
		}
		if (k > i && role_inside(a, k, limit)) {
			titled_after |= cut != 0;
			k++;
			continue;
		}
		if (!upper(a, k) && !(k > i && connector(a, k)))
			break;
		if (upper(a, k)) {
			end = k + 1;
			if (title_at(a, k))
				titled_after |= cut != 0;
			else if (!cut)
				named++;
		}
		if (a->toks[k].gap != GAP_SPACE)
			break;
		k++;
	}
	return cut && !titled_after ? cut : end;
}

/* ", a spokesperson for the Chinese Ministry of National Defense," after
 * the name ending at token i: the role, and the affiliation after its
 * "for" or "of". */
static void apposition(const attrib *a, np *p)
{
	size_t i = p->end;
	if (i == 0 || i >= a->tok_count || a->toks[i - 1].gap != GAP_COMMA ||
	    (!in(a->lang->articles, a, i) && (upper(a, i) || a->toks[i].quote)))
		return;
	/* ", undersecretary to the prime minister," needs no article */
	i -= !in(a->lang->articles, a, i);
	size_t k = i + 1, of = 0;
	for (; k < a->tok_count && k - i < APPOSITION; k++) {
		if (a->toks[k].quote)
			return;
		if (!of && in(a->lang->of, a, k))
			of = k;
		if (a->toks[k].gap != GAP_SPACE)
			break;
	}
	if (k >= a->tok_count || k - i >= APPOSITION || a->toks[k].gap == GAP_COLON)
		return;
	p->role_first = i + 1;
	p->role_end = of ? of : k + 1;
	if (of) {
		p->aff_first = of + 1 + (of + 1 <= k && in(a->lang->articles, a, of + 1));
		p->aff_end = k + 1;
		if (p->aff_first >= p->aff_end)
			p->aff_first = p->aff_end = 0;
	}
	if (p->role_first >= p->role_end)
		p->role_first = p->role_end = 0;
	p->next = k + 1;
}

/* "dijo el portavoz Stephane Dujarric", "a déclaré la chef de la
 * diplomatie suédoise Margot Wallström", "son porte-parole Nabil Abou
 * Roudeina": an article or a possessive, a role and the words that
 * qualify it, then the name (two words at least: "the spokesman
 * Monday" is none).  The name with its role, or none. */
static np role_then_name(const attrib *a, size_t i, size_t limit, int loose)
{
	np none = {0};
	/* a verb that ends the clause ("..., said.") has no name after it */
	if (i >= limit || i >= a->tok_count || in(a->lang->indefinite, a, i) ||
	    !(in(a->lang->articles, a, i) || in("her his its leur sa ses seu son su sua suo sus their", a, i)))
		return none;
	size_t r = i + 1;
	if (r + 1 < limit && !role_word(a, r) && !upper(a, r) && a->toks[r].gap == GAP_SPACE)
		r++; /* "the defence minister" */
	if (loose && r >= i + 2 && !role_word(a, r))
		r = i + 1;
	/* loose, after a verb: any noun is the role ("afirmó el líder
	 * opositor venezolano Juan Guaidó") */
	if (r >= limit || (!role_word(a, r) &&
	                   !(loose && !upper(a, r) && !a->toks[r].quote && !in(a->lang->preps, a, r) &&
	                     !in(a->lang->articles, a, r))))
		return none;
	for (size_t k = r + 1; k < limit && k - r <= 6; k++) {
		if (a->toks[k].quote || a->toks[k - 1].gap != GAP_SPACE)
			return none;
		if (!upper(a, k))
			continue;
		size_t end = name_run(a, k, limit);
		if (end >= k + 2) {
			np p = {.kind = NP_NAME, .first = k, .end = end, .next = end,
			        .role_first = r, .role_end = r + 1};
			apposition(a, &p);
			return p;
		}
		k = end > k ? end - 1 : k; /* "de l'Etat", "da Economia": one word */
	}
	return none;
}

/* The subject phrase that starts at token i, up to limit. */
static np subject_at(const attrib *a, size_t i, size_t limit)
{
	np p = {0};
	if (i >= limit || a->toks[i].quote)
		return p;
	if (in(a->lang->pronouns, a, i)) {
		p = (np){.kind = NP_PRONOUN, .first = i, .end = i + 1, .next = i + 1};
		return p;
	}
	p = role_then_name(a, i, limit, 0);
	if (p.kind)
		return p;
	size_t k = i;
	if (in(a->lang->articles, a, i) && a->toks[i].gap == GAP_SPACE) {
		/* "the spokesperson", "the defence minister", "the Home Office";
		 * "a defense ministry spokesman" is someone not named before */
		for (k = i + 1; k < limit && k - i <= 3 && !a->toks[k].quote; k++) {
			if (role_word(a, k) && (k + 1 >= limit || a->toks[k].gap != GAP_SPACE ||
			                                 (!upper(a, k + 1) && !role_word(a, k + 1)))) {
				p = (np){.kind = NP_ROLE, .first = k, .end = k + 1, .next = k + 1};
				if (in(a->lang->indefinite, a, i))
					p.first = i + 1, p.anonymous = 1;
				return p;
			}
			if (upper(a, k) || a->toks[k].gap != GAP_SPACE)
				break;
		}
		if (k >= limit || !upper(a, k) || k != i + 1)
			return p;
		/* "frohlockte der Ortschef": where every noun has its
		 * capital, one word after an article is a noun, no name */
		if (a->lang->capital_nouns && name_run(a, k, limit) == k + 1)
			return p;
		p.article = 1;
	} else if (role_word(a, i) && i + 1 < limit && a->toks[i].gap == GAP_SPACE &&
	           upper(a, i + 1)) {
		k = i + 1; /* "spokesperson Tan Kefei" */
	} else if (connector(a, i) && i + 1 < limit && a->toks[i].gap == GAP_SPACE && upper(a, i + 1)) {
		/* "de Vries said", "aldus van Toorenburg" */
		size_t end = name_run(a, i + 1, limit);
		return (np){.kind = NP_NAME, .first = i, .end = end, .next = end};
	} else if (!upper(a, i)) {
		return p;
	}
	size_t end = name_run(a, k, limit);
	if (end == k)
		return (np){0};
	p.kind = NP_NAME;
	p.first = k;
	p.end = p.next = end;
	apposition(a, &p);
	return p;
}

/* Tokens c..e, set off by commas, are a name of two words or more, and a
 * role's noun stands in the words before them back to floor: the name,
 * or none.  "el director general del Centro de Neurociencia de Cuba,
 * Mitchel Valdés-Sosa, alertó": the office came first, its holder
 * after, and the verb is the holder's. */
static np name_after_role(const attrib *a, size_t floor, size_t c, size_t e)
{
	np none = {0};
	if (!upper(a, c) || name_run(a, c, e + 1) != e + 1 || e < c + 1)
		return none;
	for (size_t k = c; k-- > floor && c - k <= APPOSITION;) {
		if (a->toks[k].quote || (k + 1 < c && a->toks[k].gap != GAP_SPACE))
			break;
		if (role_word(a, k))
			return (np){.kind = NP_NAME, .first = c, .end = e + 1, .next = e + 1};
	}
	return none;
}

/* The subject phrase that ends at token e (inclusive), reading back no
 * further than floor: "Tan", "the spokesperson", "he", "Tan Kefei, a
 * spokesperson for the ministry". */
static np subject_plain(const attrib *a, size_t floor, size_t e);

static np subject_before(const attrib *a, size_t floor, size_t e)
{
	np p = {0};
	if (e < floor || a->toks[e].quote)
		return p;
	if (a->toks[e].gap != GAP_COMMA)
		return subject_plain(a, floor, e);
	{
		/* an apposition between the name and its verb */
		size_t c = e;
		while (c > floor && e - c < APPOSITION && a->toks[c - 1].gap == GAP_SPACE &&
		       !a->toks[c - 1].quote)
			c--;
		if (c <= floor || a->toks[c - 1].gap != GAP_COMMA)
			return p;
		p = subject_plain(a, floor, c - 1);
		if (p.kind == NP_NAME) {
			np q = p;
			apposition(a, &q);
			if (q.next == e + 1)
				return q;
		}
		if (p.kind && p.kind != NP_NAME)
			return p;
		/* or the name is what the commas set off, after its office:
		 * "the director of the Center for Neuroscience, Mitchel
		 * Valdés-Sosa, said" */
		return name_after_role(a, floor, c, e);
	}
}

/* The same without an apposition. */
static np subject_plain(const attrib *a, size_t floor, size_t e)
{
	np p = {0};
	if (in(a->lang->pronouns, a, e))
		return (np){.kind = NP_PRONOUN, .first = e, .end = e + 1, .next = e + 1};
	if (role_word(a, e)) {
		for (size_t k = e; k-- > floor && e - k <= 3;) {
			if (a->toks[k].gap != GAP_SPACE || a->toks[k].quote)
				break;
			if (in(a->lang->indefinite, a, k)) /* "an official" */
				return (np){.kind = NP_ROLE, .first = k + 1, .end = e + 1, .next = e + 1,
				            .anonymous = 1};
			if (in(a->lang->articles, a, k)) /* "the spokesperson", "Der Sprecher" */
				return (np){.kind = NP_ROLE, .first = e, .end = e + 1, .next = e + 1};
			if (upper(a, k))
				break;
		}
	}
	if (!upper(a, e))
		return p;
	size_t s = e;
	while (s > floor && e + 1 - s < NAME_WORDS && a->toks[s - 1].gap == GAP_SPACE) {
		if ((upper(a, s - 1) || connector(a, s - 1)) && !starter(a, s - 1)) {
			s--;
			continue;
		}
		/* "Minister of Education Ann Lee", "CEO of the Refugee Council" */
		size_t j = s - 1 - (s - 1 > floor && in(a->lang->articles, a, s - 1));
		if (j > floor && a->toks[j - 1].gap == GAP_SPACE && upper(a, j - 1) &&
		    !starter(a, j - 1) && joint(a, j, s + 1) == s - j)
			s = j;
		else
			break;
	}
	while (s < e && !upper(a, s))
		s++;
	/* "a letter seen by Sky News says": the name is the object of "by";
	 * "The Department of Agriculture notes" is one name */
	if (s > floor && a->toks[s - 1].gap == GAP_SPACE && in(a->lang->preps, a, s - 1) &&
	    (s - 1 == floor || a->toks[s - 2].gap != GAP_SPACE || !upper(a, s - 2)))
		return (np){0};
	p = (np){.kind = NP_NAME, .first = s, .end = e + 1, .next = e + 1};
	p.article = s > floor && a->toks[s - 1].gap == GAP_SPACE && in(a->lang->articles, a, s - 1);
	if ((!p.article && starter(a, s)) || (p.article && s == e && a->lang->capital_nouns))
		return (np){0};
	return p;
}

/* ---- people ---- */

typedef struct word_key {
	const char *s;
	size_t len;
} word_key;

static int same_key(uintptr_t entry, const void *k, const void *ctx)
{
	const key *e = (const key *)entry;
	const word_key *w = k;
	(void)ctx;
	return e->len == w->len && !memcmp(e->word, w->s, w->len);
}

/* Lower-cased for the tables: "TAN", "Tan" and "tan" are one key. */
static void lower(char *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
}

static key *key_find(const table *t, const char *s, size_t len, table_slot **slot, uint64_t *h)
{
	char low[CSTR_MAX];
	if (len >= sizeof low)
		return NULL;
	lower(low, s, len);
	*h = hash_bytes(low, len);
	word_key w = {low, len};
	*slot = table_find(t, *h, same_key, &w, NULL);
	return *slot ? (key *)(*slot)->entry : NULL;
}

static person *lookup(const table *t, const char *s, size_t len, int *ambiguous)
{
	table_slot *slot;
	uint64_t h;
	key *k = key_find(t, s, len, &slot, &h);
	*ambiguous = k && !k->who;
	return k ? k->who : NULL;
}

/* word names who: a surname becomes ambiguous when two people have it
 * (overwrite 0); a role is the last person given it (overwrite 1). */
static int key_set(attrib *a, table *t, const char *s, size_t len, person *who, int overwrite)
{
	if (len >= CSTR_MAX || table_reserve(t) < 0)
		return len >= CSTR_MAX ? 0 : -1;
	table_slot *slot;
	uint64_t h;
	key *k = key_find(t, s, len, &slot, &h);
	if (k) {
		if (k->who != who)
			k->who = overwrite ? who : NULL;
		return 0;
	}
	char *word = arena_alloc(&a->doc->arena, len + 1);
	if (!word || !(k = arena_alloc(&a->doc->arena, sizeof *k)))
		return -1;
	lower(word, s, len);
	word[len] = '\0';
	*k = (key){word, len, who};
	table_fill(t, slot, h, (uintptr_t)k);
	return 0;
}

static int same_person(uintptr_t entry, const void *id, const void *ctx)
{
	(void)ctx;
	return strcmp(((const person *)entry)->ids[0], id) == 0;
}

/* The words of tokens first..end as the text wrote them, into out. */
static void words(const attrib *a, size_t first, size_t end, char out[CSTR_MAX])
{
	size_t from = a->toks[first].at, to = a->toks[end - 1].at + a->toks[end - 1].len;
	size_t len = to - from < CSTR_MAX ? to - from : CSTR_MAX - 1;
	memcpy(out, a->buf + from, len);
	out[len] = '\0';
}

/* The person of speaker id, made the first time, named name (the
 * speaker table's entry when the document has one); NULL on no memory. */
static person *person_of(attrib *a, const char *id, const char *name, const char *role)
{
	uint64_t h = hash_bytes(id, strlen(id));
	if (table_reserve(&a->people) < 0)
		return NULL;
	table_slot *slot = table_find(&a->people, h, same_person, id, NULL);
	if (slot->entry)
		return (person *)slot->entry;
	size_t i = steno_speaker_find(a->doc, id);
	person *p = arena_alloc(&a->doc->arena, sizeof *p);
	const char **ids = arena_alloc(&a->doc->arena, sizeof *ids);
	if (!p || !ids)
		return NULL;
	*p = (person){.ids = ids, .pending = i == (size_t)-1};
	/* the table's copy lives as long as the document */
	ids[0] = p->pending ? arena_strdup(&a->doc->arena, id) : a->doc->speakers[i].id;
	if (p->pending && (!(p->name = arena_strdup(&a->doc->arena, name)) ||
	                   (role && !(p->role = arena_strdup(&a->doc->arena, role)))))
		return NULL;
	if (!ids[0])
		return NULL;
	table_fill(&a->people, slot, h, (uintptr_t)p);
	return p;
}

/* Who speaks: in the speaker table from now on.  -1 on no memory. */
static int listed(attrib *a, person *who)
{
	if (!who->pending)
		return 0;
	if (steno_speaker_set(a->doc, who->ids[0], who->name, who->role) != STENO_OK ||
	    (who->aff && steno_speaker_set_attr(a->doc, who->ids[0], "affiliation", who->aff) != STENO_OK))
		return -1;
	who->pending = 0;
	return 0;
}

/* The person a name phrase introduces or refers to; NULL when it is no
 * one known (*fail set on no memory). */
static person *named(attrib *a, const np *p, int *fail)
{
	/* the name after its titles: "American Federation of Teachers
	 * President Randi Weingarten" is known as Weingarten */
	size_t core = p->first;
	for (size_t k = p->first; k + 1 < p->end; k++)
		if (title_at(a, k) || in(a->lang->roles, a, k))
			core = k + 1;
	while (core + 1 < p->end && !upper(a, core))
		core++;
	size_t lead = p->first; /* "Ambassador Mohib" is one word of name */
	while (lead + 1 < p->end && (title_at(a, lead) || connector(a, lead)))
		lead++; /* and "de Vries" is Vries */
	int ambiguous;
	if (p->end - lead == 1 && !p->article) {
		/* "Tan", "Ambassador Mohib": a surname the text gave before */
		person *who = lookup(&a->names, a->buf + a->toks[lead].at, a->toks[lead].len, &ambiguous);
		/* a bare word must be known ("China announced that"); "Mr.
		 * Tedeschi" is someone */
		if (who || ambiguous || (a->known_only && lead == p->first))
			return who;
	} else if (p->end - core >= 2) {
		/* "John Key said" after "New Zealand's Prime Minister John
		 * Key": the person known by the surname, if one name ends as
		 * the other does */
		const token *last = &a->toks[p->end - 1];
		person *who = lookup(&a->names, a->buf + last->at, last->len, &ambiguous);
		if (who) {
			const char *theirs = who->pending ? who->name
			                                  : a->doc->speakers[steno_speaker_find(a->doc, who->ids[0])].name;
			size_t from = a->toks[core].at, len = last->at + last->len - from, tl = theirs ? strlen(theirs) : 0;
			if (tl >= len && !memcmp(theirs + tl - len, a->buf + from, len) &&
			    (tl == len || theirs[tl - len - 1] == ' '))
				return who;
		}
	}
	/* "AFL-CIO spokesperson Ray Zaccaro": a name, its role before it
	 * and an affiliation before that */
	size_t inner = p->end;
	for (size_t k = p->first + 1; k + 1 < p->end; k++)
		if (!upper(a, k) && in(a->lang->roles, a, k))
			inner = k;
	char name[CSTR_MAX], role[CSTR_MAX] = "", id[TRANSCRIPT_ID_MAX];
	words(a, inner < p->end ? inner + 1 : p->first, p->end, name);
	if (p->role_end)
		words(a, p->role_first, p->role_end, role);
	else if (inner < p->end)
		words(a, inner, inner + 1, role);
	transcript_label lab = {.name = name, .name_len = strlen(name)};
	transcript_speaker_id(&lab, id);
	person *who = person_of(a, id, name, *role ? role : NULL);
	if (!who) {
		*fail = 1;
		return NULL;
	}
	int bad = 0;
	if (p->aff_end || inner < p->end) {
		char aff[CSTR_MAX];
		if (p->aff_end)
			words(a, p->aff_first, p->aff_end, aff);
		else
			words(a, p->first, inner, aff);
		size_t i = steno_speaker_find(a->doc, id);
		if (who->pending) { /* the first the text says */
			if (!who->aff)
				bad |= !(who->aff = arena_strdup(&a->doc->arena, aff));
		} else if (!a->doc->speakers[i].attrs) {
			bad |= steno_speaker_set_attr(a->doc, id, "affiliation", aff) != STENO_OK;
		}
	}
	for (size_t k = p->first; k < p->end; k++) {
		const token *t = &a->toks[k];
		if (k >= core && upper(a, k)) {
			bad |= key_set(a, &a->names, a->buf + t->at, t->len, who, 0) < 0;
			/* "Martínez-Almeida" is also Almeida, and Martínez */
			for (size_t from = 0, at; k + 1 == p->end && from < t->len; from = at + 1) {
				const char *dash = memchr(a->buf + t->at + from, '-', t->len - from);
				at = dash ? (size_t)(dash - (a->buf + t->at)) : t->len;
				if ((from || dash) && at > from + 1 && is_upper_at(a->buf + t->at + from, at - from))
					bad |= key_set(a, &a->names, a->buf + t->at + from, at - from, who, 0) < 0;
			}
		}
		else if (k < core && (upper(a, k) || in(a->lang->roles, a, k)))
			bad |= key_set(a, &a->roles, a->buf + t->at, t->len, who, 1) < 0;
	}
	if (p->role_end) /* "a spokesperson for ...": the role's noun is its last word */
		bad |= key_set(a, &a->roles, a->buf + a->toks[p->role_end - 1].at,
		               a->toks[p->role_end - 1].len, who, 1) < 0;
	*fail |= bad;
	return who;
}

/* Does text node t hold a speech verb after a name ("Raisinghani
 * told"; not "experts say", not "He said")? */
static int text_has_speaker(const attrib *a, const steno_node *t)
{
	const unsigned char *s = (const unsigned char *)node_literal(t);
	size_t prev = 0, prev_len = 0;
	for (size_t i = 0; i < node_len(t);) {
		size_t start = i;
		while (i < node_len(t) && word_byte(s, i, node_len(t)))
			i++;
		if (i == start) {
			i++;
			continue;
		}
		if (prev_len && is_upper_at(node_literal(t) + prev, prev_len) &&
		    !wordlist_has(a->lang->pronouns, node_literal(t) + prev, prev_len, 1) &&
		    verb_word(a, node_literal(t) + start, i - start))
			return 1;
		prev = start;
		prev_len = i - start;
	}
	return 0;
}

/* Did a paragraph passed over unread since the last speaker say that
 * someone named spoke ("Environment Canada spokeswoman Sujata
 * Raisinghani told CBC News the department will look into it")?  Then
 * "she said" may be that other person.  Read only when a pronoun asks,
 * and only the last RECENT paragraphs. */
static int someone_else_spoke(const attrib *a)
{
	for (size_t k = 0; k < RECENT; k++) {
		if (!a->unread[k] || a->unread_para[k] <= a->last_para)
			continue;
		for (const steno_node *c = node_first(a->unread[k]); c; c = node_next(c))
			if (c->type == STENO_NODE_TEXT && text_has_speaker(a, c))
				return 1;
	}
	return 0;
}

/* The person named by view bytes from..to, "Chief Executive Marc
 * Bitzer", made the first time and known by the last word after. */
static person *person_in_view(attrib *a, size_t from, size_t to, size_t last, int *fail)
{
	char name[CSTR_MAX], id[TRANSCRIPT_ID_MAX];
	size_t len = to - from < CSTR_MAX ? to - from : CSTR_MAX - 1;
	memcpy(name, a->buf + from, len);
	name[len] = '\0';
	transcript_label lab = {.name = name, .name_len = len};
	transcript_speaker_id(&lab, id);
	person *who = person_of(a, id, name, NULL);
	if (!who || key_set(a, &a->names, a->buf + last, to - last, who, 0) < 0) {
		*fail = 1;
		return NULL;
	}
	return who;
}

/* Does a sentence start before view byte at: nothing but spaces back to
 * the view's start, a sentence's end or a quotation? */
static int sentence_starts(const attrib *a, size_t at)
{
	while (at > 0 && a->buf[at - 1] == ' ')
		at--;
	return at == 0 || strchr(".!?;:\n\x01\x02\"", a->buf[at - 1]) != NULL;
}

/* "Professor Eastman said he is alarmed ...": the last speech verb
 * after a name (and perhaps "also") in the view before byte at, and the
 * person the name is known as, or a new one when the name has two words
 * or more; and whether a name of no one else but the last speaker stands
 * there ("For Kevin Allton, ... He said"), which leaves "he" unsure.
 * The words are read once a paragraph, as pronouns ask. */
static void scan_speakers(attrib *a, size_t at, int *fail)
{
	const unsigned char *s = (const unsigned char *)a->buf;
	size_t i = a->scan_at;
	while (i < at) {
		size_t start = i;
		while (i < at && word_byte(s, i, a->len))
			i++;
		if (i == start) {
			/* a quotation between a name and a verb: "... der
			 * Universität Wien. „...“, sagte sie" is no "Wien sagte" */
			if (s[i] == 0x01)
				a->scan_run_end = 0;
			i++;
			continue;
		}
		const char *w = a->buf + start;
		size_t len = i - start;
		int cap = is_upper_at(w, len) && !wordlist_has(a->lang->pronouns, w, len, 1);
		if (!cap && a->scan_run_end && verb_word(a, w, len) &&
		    !wordlist_has(a->lang->asks, w, len, 1)) {
			int ambiguous;
			size_t last = a->scan_last;
			a->scan_named = 1;
			a->scan_verb_at = start;
			a->scan_who = lookup(&a->names, a->buf + last, a->scan_run_end - last, &ambiguous);
			if (!a->scan_who && !ambiguous && a->scan_run_words >= 2)
				a->scan_who = person_in_view(a, a->scan_run, a->scan_run_end, last, fail);
		} else if (cap && !sentence_starts(a, start) && !transcript_is_title(w, len + 1)) {
			/* someone else: a person known by this word, not a
			 * capitalised word alone ("la Chine", "Talon") */
			int ambiguous;
			person *who = lookup(&a->names, w, len, &ambiguous);
			if ((who || ambiguous) && who != a->last)
				a->scan_other = 1;
			else if (!who)
				a->scan_cap = start + 1; /* perhaps someone: "Thomas' sister ..., but he replied" */
		}
		if (cap && a->scan_run_end && a->scan_run_end + 1 == start && s[start - 1] == ' ') {
			/* or a full name ("Kevin Allton") that is not the last
			 * speaker's */
			int ambiguous;
			if (++a->scan_run_words == 2 && (!a->last || lookup(&a->names, w, len, &ambiguous) != a->last))
				a->scan_other = 1;
		} else if (cap && !wordlist_has(starters, w, len, 1)) { /* not "But Smith said" */
			a->scan_run = start;
			a->scan_run_words = 1;
		} else if (!wordlist_has(a->lang->aux, w, len, 1)) {
			a->scan_run_end = 0;
			continue;
		} else {
			continue; /* "Wilkins also said" */
		}
		a->scan_last = start;
		a->scan_run_end = i;
	}
	a->scan_at = i > a->scan_at ? i : a->scan_at;
}

/* "said a defense ministry spokesman": someone new, known by the words
 * of the role, whom "the spokesman" then refers to. */
static person *unnamed(attrib *a, const np *p, int *fail)
{
	char name[CSTR_MAX], role[CSTR_MAX], id[TRANSCRIPT_ID_MAX];
	words(a, p->first, p->end, name);
	words(a, p->end - 1, p->end, role);
	transcript_label lab = {.name = name, .name_len = strlen(name)};
	transcript_speaker_id(&lab, id);
	person *who = person_of(a, id, name, role);
	if (!who || key_set(a, &a->roles, role, strlen(role), who, 1) < 0) {
		*fail = 1;
		return NULL;
	}
	return who;
}

/* Does a sentence end between view bytes from and to?  Yes when they
 * lie far apart, so that a paragraph of many pronouns and no full stop
 * costs each of them SENTENCE_REACH bytes at most. */
static int ends_between(const attrib *a, size_t from, size_t to)
{
	if (to - from > SENTENCE_REACH)
		return 1;
	for (size_t b = from; b < to; b++)
		if (may_end(a->buf[b]) && surely_ends(a, b))
			return 1;
	return 0;
}

static void scan_reset(attrib *a)
{
	a->scan_at = a->scan_run_end = 0;
	a->scan_named = a->scan_other = 0;
	a->scan_cap = 0;
	a->scan_who = NULL;
}

/* Is a pronoun at view byte at in the sentence right after the one that
 * opened with the person introduced as its subject, with no one else
 * named or speaking between them ("Attila Andics was the lead
 * researcher on the project. “...,” he said.")?  A text that gives a
 * person no speech verb yet still refers to them. */
static int follows_subject(const attrib *a, size_t at)
{
	if (!a->subject)
		return 0;
	size_t from;
	if (a->subject_para == a->para && a->subject_end <= at)
		from = a->subject_end;
	else if (a->subject_para + 1 == a->para && a->subject_last)
		from = 0;
	else
		return 0;
	return !ends_between(a, from, at) && !(a->scan_named && a->scan_verb_at >= from) &&
	       !(a->scan_cap && a->scan_cap > from) && !a->scan_other;
}

/* "Attila Andics was the lead researcher on the project. “...,” he
 * said.": the sentence before the pronoun's at view byte at, when the
 * pass read past it, opens with a full name as its subject, holds a
 * role's noun, and no speech verb, no quotation and no other name: that
 * person, whom a pronoun right after refers to.  The sentence is read now, after the
 * view, which is then as it was; NULL when there is none such. */
static person *read_back(attrib *a, size_t at, int *fail)
{
	/* no more than SENTENCE_REACH bytes back: a paragraph of many
	 * pronouns and no full stop stays linear */
	size_t s = at, b, floor = at > SENTENCE_REACH ? at - SENTENCE_REACH : 0;
	while (s > floor && !(may_end(a->buf[s - 1]) && surely_ends(a, s - 1)))
		s--;
	for (b = s > floor ? s - 1 : floor; b > floor && !(may_end(a->buf[b - 1]) && surely_ends(a, b - 1)); b--)
		;
	if (s <= floor || (b == floor && floor > 0) || memchr(a->buf + b, 0x01, s - b) ||
	    memchr(a->buf + b, 0x02, s - b) || (a->scan_cap && a->scan_cap > s))
		return NULL;
	size_t len0 = a->len, toks0 = a->tok_count, none = 0;
	char *grown = grow_array(a->buf, &a->cap, len0 + 1 + (s - b) + 1, 1);
	if (!grown) {
		*fail = 1;
		return NULL;
	}
	a->buf = grown;
	a->buf[a->len++] = '\n';
	memcpy(a->buf + a->len, a->buf + b, s - b);
	a->len += s - b;
	person *who = NULL;
	if (tokenize_range(a, len0 + 1, a->len, &none) < 0) {
		*fail = 1;
	} else if (a->tok_count > toks0 + 2 && upper(a, toks0) && !starter(a, toks0) &&
	           !in(a->lang->articles, a, toks0)) {
		size_t n = a->tok_count, end = name_run(a, toks0, n), lead = toks0;
		while (lead < end && title_at(a, lead))
			lead++;
		int alone = end >= lead + 2 && end < n && a->toks[end - 1].gap == GAP_SPACE && !upper(a, end),
		    office = 0;
		for (size_t k = end; alone && k < n; k++) {
			office |= role_word(a, k);
			int ambiguous;
			alone = !verb(a, k) && !(upper(a, k) && k + 1 < n && upper(a, k + 1) &&
			                         a->toks[k].gap == GAP_SPACE) &&
			        !(upper(a, k) && (lookup(&a->names, a->buf + a->toks[k].at, a->toks[k].len, &ambiguous) ||
			                          ambiguous));
		}
		/* and says what they are: "the lead researcher", not "a
		 * school" ("Duke University is a school in ...") */
		if (alone && office) {
			np p = {.kind = NP_NAME, .first = toks0, .end = end, .next = end};
			who = named(a, &p, fail);
		}
	}
	a->tok_count = toks0;
	a->len = len0;
	return who;
}

static person *resolve(attrib *a, const np *p, int *fail)
{
	int ambiguous;
	switch (p->kind) {
	case NP_NAME: return named(a, p, fail);
	case NP_ROLE:
		if (p->anonymous)
			return unnamed(a, p, fail);
		return lookup(&a->roles, a->buf + a->toks[p->first].at, a->toks[p->first].len,
		              &ambiguous);
	case NP_PRONOUN:
		/* the paragraph said who spoke before the pronoun: only him */
		scan_speakers(a, a->toks[p->first].at, fail);
		if (follows_subject(a, a->toks[p->first].at))
			return a->subject;
		person *before = read_back(a, a->toks[p->first].at, fail);
		if (before)
			return before;
		if (a->scan_named)
			return a->scan_who;
		/* no one spoke yet: the one person the text introduced */
		if (!a->last)
			return a->introductions == 1 && a->para - a->introduced_para <= RECENT ? a->introduced : NULL;
		/* two people spoke of late, or someone else was named or
		 * introduced since ("Dr. Mbatshi Mazwiduma, a public health
		 * expert, said ..."), or a name of no one known stands in the
		 * pronoun's sentence: "he" could be either */
		if (a->scan_other || (a->scan_cap && !ends_between(a, a->scan_cap, a->toks[p->first].at)) ||
		    a->para - a->last_para > RECENT ||
		    (a->introduced && a->introduced != a->last && a->introduced_para > a->last_para) ||
		    someone_else_spoke(a) ||
		    (a->before_last && a->before_last != a->last &&
		     a->para - a->before_last_para <= 1))
			return NULL;
		return a->last;
	default: return NULL;
	}
}

static void spoke(attrib *a, person *who)
{
	if (who && a->here && a->here != who)
		a->here_several = 1;
	if (who)
		a->here = who;
	if (who && who != a->last) {
		a->before_last = a->last;
		a->before_last_para = a->last_para;
		a->last = who;
	}
	if (who)
		a->last_para = a->para;
}

/* ---- attribution beside a quotation ---- */

/* The speaker of a quotation the text gives to someone we cannot name. */
static person nobody;

/* The last character of quote q's text: ",” he said" needs the comma. */
static char quote_end(const steno_node *q)
{
	const steno_node *n = node_last(q);
	while (n && n->type != STENO_NODE_TEXT)
		n = node_is_container(n->type) ? node_last(n) : NULL;
	return n && node_len(n) ? node_literal(n)[node_len(n) - 1] : 0;
}

/* Quote q's text ends a sentence: "... properly.” To ..." */
static int ends_sentence(const steno_node *q)
{
	char c = quote_end(q);
	return c == '.' || c == '!' || c == '?';
}

/* Does the phrase p end its clause: the sentence's end, a comma, the
 * limit?  "“...,” a dit lundi le ministère." */
static int ends_clause(const attrib *a, const np *p, size_t limit)
{
	if (!p->kind)
		return 0;
	size_t k = p->next;
	/* a role's complement: "le porte-parole du gouvernement" */
	if (p->kind == NP_ROLE && k < limit && a->toks[k - 1].gap == GAP_SPACE && in(a->lang->of, a, k))
		while (k < limit && k - p->next < APPOSITION && a->toks[k - 1].gap == GAP_SPACE &&
		       !a->toks[k].quote)
			k++;
	/* the clause's end, or a phrase of place or time: "lors d'une
	 * conférence de presse" */
	return k >= limit || a->toks[k - 1].gap != GAP_SPACE || in(a->lang->preps, a, k) ||
	       in(a->lang->that, a, k) || in("during lors", a, k);
}

/* "le ministère des Affaires étrangères", "le porte-parole du
 * ministère des Affaires étrangères": a role's noun no one has yet,
 * "of" and a capitalised name after it, to the clause's end, names
 * an organisation, or someone by it. */
static np organisation(const attrib *a, np p, size_t limit)
{
	size_t k = p.end;
	int ambiguous;
	const token *role = &a->toks[p.first];
	if (p.kind != NP_ROLE || p.anonymous || k >= limit || a->toks[p.end - 1].gap != GAP_SPACE ||
	    !joint(a, k, limit) || lookup(&a->roles, a->buf + role->at, role->len, &ambiguous) || ambiguous)
		return p;
	while (k < limit && k - p.first < NAME_WORDS && a->toks[k].gap == GAP_SPACE && !a->toks[k].quote)
		k++;
	if (k >= limit || k - p.first >= NAME_WORDS || a->toks[k].quote)
		return p;
	return (np){.kind = NP_NAME, .first = p.first, .end = k + 1, .next = k + 1, .article = 1};
}

/* The subject of the short clause at token i after a quotation, whose
 * verb the tables need not know: the clause's place says it reports
 * the quotation.  A few lower-case words (a verb, an auxiliary, an
 * adverb: "a laissé entendre", "dijo este viernes") and then its
 * subject, which ends the clause ("le porte-parole du gouvernement",
 * "Murillo", "un porte-parole"); or those words alone, the subject
 * left out as Spanish leaves it ("», continuó."), which is the last
 * speaker, as a pronoun is. */
static np clause_subject(const attrib *a, size_t i, size_t limit)
{
	np none = {0};
	for (size_t k = i; k < limit && k - i <= 3 && !a->toks[k].quote; k++) {
		np p = k > i ? role_then_name(a, k, limit, 1) : none;
		if (!p.kind && (k > i || upper(a, k)))
			p = subject_at(a, k, limit);
		p = organisation(a, p, limit);
		if (p.kind)
			return ends_clause(a, &p, limit) ? p : none;
		/* "”, declaró a su salida de la ceremonia": the verb, then no
		 * subject but a place or a time */
		if (k > i && in(a->lang->preps, a, k) &&
		    !(connector(a, k) && k + 1 < limit && upper(a, k + 1))) /* "aldus van Toorenburg" */
			return (np){.kind = NP_PRONOUN, .first = k - 1, .end = k, .next = k};
		if (upper(a, k) || in(a->lang->preps, a, k) || in(a->lang->that, a, k) ||
		    in(a->lang->articles, a, k) || (starter(a, k) && !in(a->lang->aux, a, k)))
			return none;
		if (a->toks[k].gap != GAP_SPACE)
			return a->toks[k].gap == GAP_END || k + 1 >= limit
			           ? (np){.kind = NP_PRONOUN, .first = k, .end = k + 1, .next = k + 1}
			           : none;
	}
	return none;
}

/* "he said", "said Tan", "the spokesperson added", "according to X",
 * "a-t-il déclaré" after the quote token q, up to limit; opens says the
 * quotation opens its sentence, when a clause after it with no comma
 * reports it too ("« ... » a laissé entendre le porte-parole"). */
static np after_quote(const attrib *a, size_t q, size_t limit, int opens)
{
	np none = {0};
	size_t i = q + 1;
	if (i >= limit || a->toks[q].gap == GAP_END || a->toks[q].gap == GAP_COLON)
		return none;
	char end = quote_end(a->pieces[a->toks[q].piece].node);
	int comma = a->toks[q].gap == GAP_COMMA || strchr(",?!", end ? end : '.');
	if (!comma && !(opens && !upper(a, i)))
		return none;
	if (in(a->lang->according, a, i)) {
		i += i + 1 < limit && in("to", a, i + 1);
		return subject_at(a, i + 1, limit);
	}
	const token *t = &a->toks[i];
	const char *hy = memchr(a->buf + t->at, '-', t->len);
	if (hy) { /* "a-t-il", "dit-elle": the verb, then its subject */
		const char *last = a->buf + t->at + t->len, *p = last;
		while (p > hy && p[-1] != '-')
			p--;
		if (wordlist_has(a->lang->pronouns, p, (size_t)(last - p), 1) &&
		    (wordlist_has(a->lang->verbs, a->buf + t->at, (size_t)(hy - a->buf - t->at), 1) ||
		     wordlist_has(a->lang->aux, a->buf + t->at, (size_t)(hy - a->buf - t->at), 1) ||
		     (p - hy == 3 && hy[1] == 't')))
			return (np){.kind = NP_PRONOUN, .first = i, .end = i + 1, .next = i + 1};
	}
	if (in(a->lang->aux, a, i) && verb(a, i + 1))
		i++;
	if (verb(a, i)) {
		np p = role_then_name(a, i + 1, limit, 1);
		if (!p.kind)
			p = subject_at(a, i + 1, limit);
		return p.kind ? p : clause_subject(a, i, limit);
	}
	np p = subject_at(a, i, limit);
	i = p.next;
	if (i < limit && in(a->lang->aux, a, i))
		i++;
	if (p.kind && verb(a, i))
		return p;
	/* "“...,” Murillo arremetió.": a name and a verb no table has */
	if (p.kind == NP_NAME && i < limit && !upper(a, i) && a->toks[i].gap != GAP_SPACE &&
	    !a->toks[i].quote && a->toks[p.next - 1].gap == GAP_SPACE)
		return p;
	return p.kind ? none : clause_subject(a, q + 1, limit);
}

/* "X said: “", "X told reporters, “", "according to X, “", "X: “"
 * before the quote token q, reading back no further than floor. */
static np before_quote(const attrib *a, size_t floor, size_t q)
{
	np none = {0};
	if (q == floor)
		return none;
	size_t e = q - 1;
	int gap = a->toks[e].gap;
	if (gap == GAP_END)
		return none;
	if (gap == GAP_SPACE && !verb(a, e) && !in(a->lang->that, a, e) &&
	    !(e > floor && verb(a, e - 1))) /* "told us “...”" */
		return none;
	for (size_t v = e + 1; v-- > floor && e - v <= VERB_REACH;) {
		if (a->toks[v].quote || (v < e && a->toks[v].gap == GAP_END))
			break;
		if (in(a->lang->according, a, v)) {
			size_t s = v + 1 + (v + 1 < q && in("to", a, v + 1));
			np p = subject_at(a, s, q);
			return p.kind && p.next == q ? p : none;
		}
		if (!verb(a, v))
			continue;
		if (v > floor) {
			size_t s = v - 1;
			if (s > floor && in(a->lang->aux, a, s))
				s--;
			np p = subject_before(a, floor, s);
			if (p.kind)
				return p;
		}
		np p = subject_at(a, v + 1, q); /* "said Tan: “" */
		return p.kind && p.next == q ? p : none;
	}
	if (gap == GAP_COLON) { /* "Tan Kefei: “...”", "Schmitt: „...“" */
		np p = subject_before(a, floor, e);
		int ambiguous;
		if (p.kind == NP_NAME && (p.end - p.first >= 2 ||
		                          lookup(&a->names, a->buf + a->toks[p.first].at, a->toks[p.first].len, &ambiguous)))
			return p;
		/* "Le premier ministre, Justin Trudeau, a fait la
		 * déclaration suivante : « ... »": what the sentence's
		 * subject, someone known, says after its colon */
		if (floor == 0 || a->toks[floor - 1].gap == GAP_END) {
			p = subject_at(a, floor, q);
			const token *last = &a->toks[p.end ? p.end - 1 : 0];
			if (p.kind && !p.anonymous && p.next < q && a->toks[p.next - 1].gap == GAP_SPACE &&
			    !upper(a, p.next) &&
			    (p.kind == NP_PRONOUN ||
			     lookup(p.kind == NP_ROLE ? &a->roles : &a->names, a->buf + last->at, last->len, &ambiguous)))
				return p;
		}
	}
	return none;
}

static int set_speaker(attrib *a, steno_node *n, person *who)
{
	if (!who || n->speakers)
		return 0;
	if (listed(a, who) < 0)
		return -1;
	n->as.turn.ids = who->ids;
	n->speakers = 1;
	return 1;
}

/* Words in quote q, counted up to three: a term ("China threat") has few. */
static int short_quote(const steno_node *q)
{
	node_walk w;
	int words = 0;
	node_walk_init(&w, q);
	for (steno_event ev; (ev = node_walk_next(&w)) != STENO_EVENT_DONE && words <= 3;) {
		const steno_node *n = w.node;
		if (ev != STENO_EVENT_ENTER || n->type != STENO_NODE_TEXT)
			continue;
		for (size_t i = 0; i < node_len(n) && words <= 3; i++)
			words += (i == 0 || node_literal(n)[i - 1] == ' ') && node_literal(n)[i] != ' ';
	}
	return words <= 3;
}

/* Short quotations inside quotation q are terms its speaker quotes
 * ("the “China threat” theory"), but not a clause of speech that ends
 * in a comma ("‘We are swamped,’ said Jack Schron"); -1 on no memory. */
static int nested_terms(steno_node *q)
{
	node_walk w;
	node_walk_init(&w, q);
	node_walk_next(&w);
	for (steno_event ev; (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		steno_node *n = (steno_node *)w.node;
		if (ev == STENO_EVENT_ENTER && n->type == STENO_NODE_QUOTE && short_quote(n) &&
		    !strchr(",!?", quote_end(n) ? quote_end(n) : '.') &&
		    steno_node_set_attr(n, "kind", "term") != STENO_OK)
			return -1;
	}
	return 0;
}

/* ---- reported speech ---- */

/* The piece that holds view byte pos, or piece_count. */
static size_t piece_at(const attrib *a, size_t pos)
{
	size_t lo = 0, hi = a->piece_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->pieces[mid].at + a->pieces[mid].len <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->piece_count && a->pieces[lo].at <= pos ? lo : a->piece_count;
}

/* Text node t cut at off: a copy of its first off bytes goes before it,
 * which keeps the rest (and the NUL that ends it). */
static steno_node *cut_front(attrib *a, steno_node *t, size_t off)
{
	steno_node *front = node_add_text(a->doc, NULL, node_literal(t), off);
	if (!front || steno_node_insert_before(t, front) != STENO_OK)
		return NULL;
	node_set_literal(t, node_literal(t) + off, node_len(t) - (uint32_t)off);
	return front;
}

/* View bytes from..to, which start and end in the paragraph's own text
 * or quotes, into a quote node of kind "reported" for who.  Wraps go
 * from the paragraph's end back, so the pieces before from stay true:
 * a cut piece is left holding its front.  0 when the bytes cannot be
 * wrapped; -1 on no memory. */
static int wrap(attrib *a, size_t from, size_t to, person *who)
{
	size_t pa = piece_at(a, from), pb = piece_at(a, to - 1);
	if (pa == a->piece_count || pb == a->piece_count)
		return 0;
	piece *A = &a->pieces[pa], *B = &a->pieces[pb];
	steno_node *first = A->node, *last = B->node;
	if (last->type == STENO_NODE_TEXT && to < B->at + B->len) {
		if (!(last = cut_front(a, last, to - B->at)))
			return -1;
		if (pa == pb)
			first = last;
	}
	if (first->type == STENO_NODE_TEXT && from > A->at) {
		steno_node *front = cut_front(a, first, from - A->at);
		if (!front)
			return -1;
		A->node = front;
		A->len = from - A->at;
	}
	steno_node *q = node_add(a->doc, NULL, STENO_NODE_QUOTE);
	if (!q || steno_node_insert_before(first, q) != STENO_OK ||
	    steno_node_set_attr(q, "kind", "reported") != STENO_OK ||
	    steno_node_set_attr(q, "marks", "") != STENO_OK)
		return -1;
	if (set_speaker(a, q, who) < 0)
		return -1;
	for (steno_node *n = first, *next; n; n = next) {
		next = n == last ? NULL : node_next(n);
		steno_node_unlink(n);
		node_append(q, n);
	}
	return 1;
}

/* The sentence s..e (tokens, inclusive) reports who's words: "he
 * stressed that CLAUSE" or "CLAUSE, said X".  Its clause's tokens. */
static person *reported(attrib *a, size_t s, size_t e, size_t *from, size_t *to, int *fail)
{
	for (size_t t = s + 1; t < e; t++) {
		if (!in(a->lang->that, a, t))
			continue;
		size_t v = t - 1;
		if (!verb(a, v) && v > s && verb(a, v - 1))
			v--; /* "told reporters that" */
		if (!verb(a, v) || v == s)
			continue;
		np p = subject_before(a, s, v - 1 - (v - 1 > s && in(a->lang->aux, a, v - 1)));
		if (!p.kind)
			continue;
		person *who = resolve(a, &p, fail);
		*from = t + 1;
		*to = e;
		return who;
	}
	for (size_t v = s + 1; v < e; v++) {
		if (a->toks[v - 1].gap != GAP_COMMA || !verb(a, v))
			continue;
		np p = subject_at(a, v + 1, e + 1);
		if (!p.kind || (p.next <= e && a->toks[p.next - 1].gap == GAP_SPACE))
			continue;
		person *who = resolve(a, &p, fail);
		*from = s;
		*to = v - 1;
		return who;
	}
	return NULL;
}

/* ---- a sentence that reports ---- */

/* The subject that opens the sentence at token s and the "that" a few
 * words after it, before limit: the verb after the subject, or after
 * commas that set off a clause describing it ("Guaidó, reconocido por
 * decenas de países ..., resaltó que") or the holder of the office it
 * names.  The token of "that", or limit. */
static size_t subject_that(const attrib *a, size_t s, size_t limit, np *p)
{
	*p = subject_at(a, s, limit);
	int set_off = p->next > p->end;
	size_t c = p->next;
	while (p->kind && c < limit && c - s < APPOSITION && a->toks[c - 1].gap == GAP_SPACE &&
	       !a->toks[c].quote)
		c++; /* "the director of the Center for Neuroscience," */
	if (p->kind && c < limit && a->toks[c - 1].gap == GAP_COMMA && upper(a, c) && !set_off) {
		size_t e = name_run(a, c, limit);
		*p = e > c ? name_after_role(a, s, c, e - 1) : (np){0};
		set_off = 1;
	}
	if ((p->kind != NP_NAME && p->kind != NP_ROLE) || p->anonymous || p->next >= limit ||
	    (a->toks[p->next - 1].gap != GAP_SPACE && !(a->toks[p->next - 1].gap == GAP_COMMA && set_off)) ||
	    upper(a, p->next))
		return limit;
	size_t t = p->next + 1;
	while (t < limit && t - p->next <= VERB_REACH && !in(a->lang->that, a, t))
		t++;
	return t - p->next > VERB_REACH ? limit : t;
}

/* "Salas solicitó a los periodistas que ... “conversen si están
 * actuando bien”": a sentence that opens with someone the text knows,
 * then a verb the tables need not know and "that" before token limit,
 * reports that person's words; *at is the token before "that", so that
 * a few words quoted in its clause stay a term. */
static person *reporter_known(attrib *a, size_t sent, size_t limit, int *kind, size_t *at, int *fail)
{
	np p;
	size_t t = subject_that(a, sent, limit, &p);
	/* or after a few opening words and their comma: "Posteriormente,
	 * Salas", "Par contre, le porte-parole", or a phrase of source or
	 * place: "Selon l'AFP qui a rapporté la déclaration, François
	 * Hollande" */
	size_t opening = in(a->lang->according, a, sent) || in(a->lang->preps, a, sent) ? APPOSITION : 3;
	for (size_t k = sent; t >= limit && k < limit && k - sent < opening && a->toks[k].gap != GAP_END; k++)
		if (a->toks[k].gap == GAP_COMMA) {
			t = subject_that(a, k + 1, limit, &p);
			break;
		}
	if (t >= limit)
		return NULL;
	a->known_only = 1;
	person *who = p.kind == NP_NAME && p.end - p.first == 1 ? named(a, &p, fail) : NULL;
	if (p.kind == NP_ROLE || p.end - p.first > 1) {
		/* a name of several words or a role: only if known */
		int ambiguous;
		const token *last = &a->toks[p.end - 1];
		who = lookup(p.kind == NP_ROLE ? &a->roles : &a->names, a->buf + last->at, last->len, &ambiguous);
	}
	a->known_only = 0;
	if (!who)
		return NULL;
	*kind = p.kind;
	*at = t - 1;
	return who;
}

/* "Yvette Cooper said her party has supported the idea “for months”":
 * a sentence that opens with a subject and a speech verb reports the
 * quotations after the verb, short ones too.  The verb among the first
 * REPORT_REACH tokens of the sentence at sent, before limit; the subject
 * opens the sentence (after an article or an opening clause and its
 * comma: "After the leak, CEO ... Enver Solomon told").  A one-word name
 * must be known, as in reported speech.  *kind is the subject's kind,
 * *at the verb. */
static person *reporter(attrib *a, size_t sent, size_t limit, int *kind, size_t *at, int *fail)
{
	*kind = NP_NONE;
	size_t v = sent + 1;
	for (; v < limit && v - sent <= REPORT_REACH; v++) {
		if (a->toks[v].quote || a->toks[v - 1].gap == GAP_END)
			break;
		if (!verb(a, v) || in(a->lang->asks, a, v)) /* a question quotes no answer */
			continue;
		size_t s = v - 1;
		if (s > sent && in(a->lang->aux, a, s))
			s--;
		np p = subject_before(a, sent, s);
		if (!p.kind || (p.first > sent + 1 && a->toks[p.first - 1].gap != GAP_COMMA))
			return NULL;
		a->known_only = 1;
		person *who = resolve(a, &p, fail);
		a->known_only = 0;
		*kind = p.kind;
		*at = v;
		return who;
	}
	/* no verb of the tables: one of the text's own, before "that" */
	return reporter_known(a, sent, v < limit ? v : limit, kind, at, fail);
}

/* ---- a paragraph ---- */

/* "Heald noted the findings show ... . “An air-quality cleanup ...”":
 * a quotation that opens a sentence is the speaker's whom a name and a
 * speech verb in the sentence before name (quote token i). */
static person *named_before(attrib *a, size_t i, int *fail)
{
	/* only the sentence before is read, and no more than SENTENCE_REACH
	 * bytes of it: a paragraph of many quotations stays linear */
	size_t at = a->toks[i].at, ends = 0, from = at;
	size_t floor = at > SENTENCE_REACH ? at - SENTENCE_REACH : 0;
	while (from > floor && (a->buf[from - 1] == ' ' || may_end(a->buf[from - 1])))
		from--;
	while (from > floor && !(may_end(a->buf[from - 1]) && surely_ends(a, from - 1)))
		from--;
	if (a->scan_at < from) {
		a->scan_at = from;
		a->scan_run_end = 0;
		a->scan_named = 0;
	}
	scan_speakers(a, at, fail);
	if (!a->scan_named || !a->scan_who || a->scan_verb_at < floor)
		return NULL;
	for (size_t b = a->scan_verb_at; b < at && ends < 2; b++)
		ends += may_end(a->buf[b]) && surely_ends(a, b);
	return ends == 1 ? a->scan_who : NULL;
}

/* Tokens s..e hold a quotation of speech. */
static int has_speech(const attrib *a, size_t s, size_t e)
{
	for (size_t i = s; i <= e; i++)
		if (a->toks[i].quote && a->said[i])
			return 1;
	return 0;
}

static void introduce(attrib *a, size_t limit, int *fail);

/* The dash at s[i] with a blank before it (" – ", " — ", " - "): its
 * bytes, or 0. */
static size_t dash_at(const char *s, size_t len, size_t i)
{
	if (i == 0 || s[i - 1] != ' ')
		return 0;
	size_t n = s[i] == '-' ? 1
	           : i + 2 < len && !memcmp(s + i, "\xE2\x80", 2) &&
	                     (s[i + 2] == '\x93' || s[i + 2] == '\x94')
	               ? 3
	               : 0;
	return n && i + n < len && s[i + n] == ' ' ? n : 0;
}

/* "«Il rischio – continua il sindaco – è che ...»", "“Eppure - spiega
 * l'avvocato -”": a clause set off by dashes inside the quotation, a
 * lower-case word first, reports it as a clause after it would.  The
 * clause is read as a sentence of its own after the paragraph's view,
 * which is then as it was.  Its speaker, or NULL (*kind the subject's
 * kind, NP_NONE when there is no such clause). */
static person *inner_tag(attrib *a, const steno_node *q, int *kind, int *fail)
{
	*kind = NP_NONE;
	for (const steno_node *c = node_first(q); c; c = node_next(c)) {
		if (c->type != STENO_NODE_TEXT)
			continue;
		const char *s = node_literal(c);
		size_t len = node_len(c), n = 0, m = 0, open = 0, close = 0;
		while (open < len && !(n = dash_at(s, len, open)))
			open++;
		if (!n || (open += n + 1) >= len || (unsigned char)s[open] < 'a' || s[open] > 'z')
			continue;
		for (close = open; close < len && close - open < 120 && !(m = dash_at(s, len, close)) &&
		                   s[close] != '.';
		     close++)
			;
		if (!m || m != n)
			continue;
		size_t len0 = a->len, toks0 = a->tok_count, none = 0;
		if (put(a, "\n", 1) < 0 || put_text(a, s + open, close - 1 - open) < 0 ||
		    tokenize_range(a, len0 + 1, a->len, &none) < 0) {
			*fail = 1;
			return NULL;
		}
		np p = clause_subject(a, toks0, a->tok_count);
		person *who = p.kind ? resolve(a, &p, fail) : NULL;
		*kind = p.kind;
		a->tok_count = toks0;
		a->len = len0;
		scan_reset(a); /* it may have read the clause */
		return who;
	}
	return NULL;
}

static int attribute_quotes(attrib *a, int *fail)
{
	size_t n = a->tok_count;
	person **said = grow_array(a->said, &a->said_cap, n ? n : 1, sizeof *said);
	if (!said)
		return -1;
	a->said = said;
	memset(said, 0, n * sizeof *said);
	person *only = NULL, *rep = NULL;
	int several = 0, rep_kind = NP_NONE;
	size_t floor = 0, sent = 0, rep_sent = (size_t)-1, rep_at = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && a->toks[i - 1].gap == GAP_END)
			floor = sent = i;
		/* "... properly.” To “route out” ...": a new sentence */
		if (i && a->toks[i - 1].quote && upper(a, i) &&
		    ends_sentence(a->pieces[a->toks[i - 1].piece].node))
			sent = i;
		if (!a->toks[i].quote)
			continue;
		size_t limit = i + 1;
		while (limit < n && !a->toks[limit].quote && (limit == i + 1 || a->toks[limit - 1].gap != GAP_END))
			limit++;
		/* the people introduced up to the quotation's sentence's end:
		 * one a later sentence gives the same role does not take it
		 * ("la chef de file de l'extrême droite, Marine Le Pen" after
		 * "a déclaré le chef de l'Etat") */
		introduce(a, limit, fail);
		/* a few words inside a clause: a term, whoever speaks after it,
		 * unless the sentence reports someone's words */
		int term = i > floor && a->toks[i - 1].gap == GAP_SPACE && !verb(a, i - 1) &&
		           short_quote(a->pieces[a->toks[i].piece].node);
		np p = {0};
		/* "qu'il juge « courageuse et historique », a déclaré son
		 * porte-parole": a term, but the sentence is someone's, and
		 * the paragraph's speaker no longer the one who spoke before */
		if (term && a->toks[i].gap == GAP_COMMA && (p = after_quote(a, i, limit, 0)).kind) {
			person *who = resolve(a, &p, fail);
			several |= only && who != only;
			p.kind = NP_NONE;
		} else if (!term) {
			p = after_quote(a, i, limit, i == sent);
			if (!p.kind)
				p = before_quote(a, floor, i);
		}
		person *who = p.kind ? resolve(a, &p, fail) : NULL;
		if (!p.kind && i > sent + 1) {
			if (rep_sent != sent) {
				rep = reporter(a, sent, n, &rep_kind, &rep_at, fail);
				rep_sent = sent;
			}
			/* "He stressed that China urges ... stop hyping up “China
			 * threat”": a few words in the clause of "that" are his
			 * term, and the clause his reported speech */
			if (rep_kind && rep_at < i &&
			    !(term && rep_at + 1 < n && in(a->lang->that, a, rep_at + 1))) {
				p.kind = rep_kind;
				who = rep;
			}
		}
		if (!p.kind && !term && !*fail) {
			int kind;
			who = inner_tag(a, a->pieces[a->toks[i].piece].node, &kind, fail);
			p.kind = kind;
		}
		if (*fail)
			return -1;
		if (term && !p.kind) {
			floor = i + 1;
			continue;
		}
		if (p.kind && !who)
			said[i] = &nobody; /* someone the text names, whom we do not know */
		if (who) {
			said[i] = who;
			spoke(a, who);
			several |= only && only != who;
			only = who;
		}
		floor = i + 1;
	}
	introduce(a, n, fail); /* the rest, for the paragraphs after */
	if (*fail)
		return -1;
	/* a quotation with no words of its own */
	int only_quotes = a->lead && a->tail;
	for (size_t i = 0; i < n && only_quotes; i++)
		only_quotes = a->toks[i].quote;
	scan_reset(a);
	person turn = {.ids = a->turn_ids}, cont = {.ids = a->continued ? a->continued->as.turn.ids : NULL};
	for (size_t i = 0; i < n; i++) {
		if (!a->toks[i].quote)
			continue;
		steno_node *q = a->pieces[a->toks[i].piece].node;
		int term = short_quote(q);
		int opens = i == 0 && a->lead; /* the paragraph */
		if (!said[i] && !term) {
			if (opens && cont.ids && a->continued->speakers)
				said[i] = &cont;
			else if (opens && a->intro)
				said[i] = a->intro;
			else if (opens && a->follow && only_quotes && !quote_continued(q))
				said[i] = a->follow; /* a paragraph that only quotes goes on,
				                      * unless the next says who finishes it */
			else if (!only && (!i || a->toks[i - 1].gap == GAP_END))
				said[i] = named_before(a, i, fail);
			else if (only && !several && (!i || a->toks[i - 1].gap == GAP_END))
				said[i] = only; /* a sentence of its own among one person's */
		}
		if (said[i] == &nobody)
			continue;
		if (said[i] || (turn.ids && !term)) {
			if (set_speaker(a, q, said[i] ? said[i] : &turn) < 0)
				return -1;
		} else if (term && (!i || a->toks[i - 1].gap != GAP_COLON) &&
		         steno_node_set_attr(q, "kind", "term") != STENO_OK)
			return -1;
		if (node_first(q) && nested_terms(q) < 0)
			return -1;
		/* the piece before, continued into this one, said nothing itself */
		if (opens && a->continued && q->speakers &&
		    set_speaker(a, a->continued, &(person){.ids = q->as.turn.ids}) < 0)
			return -1;
	}
	return 0;
}

/* The sentences that report speech are read in order, so that "he"
 * is the speaker before it, and wrapped from the last. */
static int report(attrib *a, int *fail)
{
	size_t n = a->tok_count;
	a->range_count = 0;
	for (size_t s = 0, e; s < n; s = e + 1) {
		e = s;
		while (e + 1 < n && a->toks[e].gap != GAP_END)
			e++;
		size_t from, to;
		if (has_speech(a, s, e))
			continue;
		a->known_only = 1;
		person *who = reported(a, s, e, &from, &to, fail);
		a->known_only = 0;
		if (*fail)
			return -1;
		if (!who || from > to)
			continue;
		spoke(a, who);
		range *grown = grow_array(a->ranges, &a->range_cap, a->range_count + 1, sizeof *grown);
		if (!grown)
			return -1;
		a->ranges = grown;
		a->ranges[a->range_count++] =
		    (range){a->toks[from].at, a->toks[to].at + a->toks[to].len, who};
	}
	for (size_t r = a->range_count; r-- > 0;)
		if (wrap(a, a->ranges[r].from, a->ranges[r].to, a->ranges[r].who) < 0)
			return -1;
	return 0;
}

/* "Rathbun stated," at the paragraph's end introduces the next one;
 * so does "“...,” Eastman said." when its quotation goes on in the next
 * paragraph, but a sentence that quotes no one ("Tan spoke, as Lee
 * said.") introduces no one. */
static person *introduces(attrib *a, int *fail)
{
	size_t n = a->tok_count;
	if (!n || !a->tail || a->toks[n - 1].quote || a->toks[n - 1].gap == GAP_SPACE)
		return NULL;
	size_t floor = n - 1;
	while (floor && a->toks[floor - 1].gap != GAP_END)
		floor--;
	person *quoted = NULL;
	if (a->toks[n - 1].gap == GAP_END) {
		for (size_t i = floor; i < n && !quoted; i++)
			quoted = a->toks[i].quote && a->said[i] != &nobody ? a->said[i] : NULL;
		if (!quoted)
			return NULL;
	}
	for (size_t v = n; v-- > floor && n - v <= VERB_REACH;) {
		if (!verb(a, v))
			continue;
		np p = v > floor ? subject_before(a, floor, v - 1) : (np){0};
		person *who = p.kind ? resolve(a, &p, fail) : NULL;
		return !quoted || who == quoted ? who : NULL;
	}
	/* "Le premier ministre Justin Trudeau a fait aujourd'hui la
	 * déclaration suivante :": a colon ends the paragraph, and the
	 * first subject of its sentence, a verb after it, says the next */
	if (a->toks[n - 1].gap != GAP_COLON)
		return NULL;
	for (size_t k = floor; k + 1 < n; k++) {
		np p = subject_at(a, k, n);
		if (p.kind == NP_NAME && p.end - p.first >= 2 && a->toks[p.next - 1].gap == GAP_SPACE &&
		    !upper(a, p.next))
			return resolve(a, &p, fail);
		k = p.kind && p.next > k ? p.next - 1 : k;
	}
	return NULL;
}

static steno_node *last_quote(const steno_node *p)
{
	for (steno_node *n = node_last(p); n; n = node_prev(n))
		if (n->type == STENO_NODE_QUOTE)
			return quote_continued(n) ? n : NULL;
	return NULL;
}

/* Does paragraph p hold anything the pass reads: a quotation, a word
 * that opens reported speech after a speech verb, or an end that
 * introduces the next one?  Most paragraphs of a long transcript hold
 * none, and are passed over without being read word by word. */
static int worth_reading(const attrib *a, const steno_node *p)
{
	const steno_node *last = node_last(p);
	if (last && last->type == STENO_NODE_TEXT && node_len(last) &&
	    (node_literal(last)[node_len(last) - 1] == ',' || node_literal(last)[node_len(last) - 1] == ':'))
		return 1;
	for (const steno_node *c = node_first(p); c; c = node_next(c))
		if (c->type == STENO_NODE_QUOTE)
			return 1; /* before any text is read */
	for (const steno_node *c = node_first(p); c; c = node_next(c)) {
		if (c->type != STENO_NODE_TEXT)
			continue;
		for (const char *w = a->lang->that; *w;) {
			size_t len = strcspn(w, " ");
			/* the verb may stand in the node before: read then */
			for (size_t at = 0; (at = find_that(node_literal(c), node_len(c), at, w, len)) < node_len(c);
			     at += len)
				if (verb_before(a, node_literal(c), node_len(c), at, 1))
					return 1;
			w += len + (w[len] == ' ');
		}
	}
	return 0;
}

/* Does quote q hold a quotation of its own? */
static int holds_quote(const steno_node *q)
{
	for (const steno_node *c = node_first(q); c; c = node_next(c))
		if (c->type == STENO_NODE_QUOTE)
			return 1;
	return 0;
}

/* A quotation that quotes people in turn, an excerpt of a story ("“‘We
 * are swamped,’ said Jack Schron ...”"), is read as a paragraph of its
 * own; what the paragraph around it said of the next one stays. */
static int excerpt(attrib *a, steno_node *q)
{
	int fail = 0;
	person *intro = a->intro, *follow = a->follow, *subject = a->subject;
	steno_node *continued = a->continued;
	const char **turn = a->turn_ids;
	a->subject = NULL; /* its offsets are the paragraph's */
	a->intro = a->follow = NULL;
	a->continued = NULL;
	a->turn_ids = NULL;
	a->intro_spot = 0;
	scan_reset(a);
	int bad = build_view(a, q) < 0 || tokenize(a) < 0 || attribute_quotes(a, &fail) < 0 || fail;
	scan_reset(a);
	bad = bad || report(a, &fail) < 0 || fail;
	a->intro = intro;
	a->follow = follow;
	a->subject = subject;
	a->continued = continued;
	a->turn_ids = turn;
	return bad ? -1 : 0;
}

/* Is the sentence at token i written in title case, as headlines are
 * ("Secretary Napolitano Releases Report on ..."), where capitals say
 * nothing of names?  Its words of four letters or more, capitalised
 * but for a few. */
static int title_case(const attrib *a, size_t i)
{
	size_t words = 0, capitals = 0;
	if (a->lang->capital_nouns) /* its prose reads so too */
		return 0;
	for (size_t k = i; k < a->tok_count; k++) {
		if (!a->toks[k].quote && a->toks[k].len >= 4) {
			words++;
			capitals += upper(a, k);
		}
		if (a->toks[k].gap == GAP_END)
			break;
	}
	return words >= 4 && capitals * 4 >= words * 3;
}

/* The people the sentences read introduce, whether they speak or not,
 * so that "the spokesman", a surname and "he" can refer to them: a
 * role and its name ("Le porte-parole du gouvernement, Wilfried
 * Houngbédji"), a name and its role ("Daniel Schmitt, der deutsche
 * Sprecher von WikiLeaks,"), a name of two words or more that opens a
 * sentence as its subject ("Wikinews-Mitbegründer Erik Möller zeigte
 * sich zuversichtlich").  *fail set on no memory. */
static void introduce(attrib *a, size_t limit, int *fail)
{
	size_t k = a->intro_at;
	for (; k < limit && !*fail; k++) {
		np p = {0};
		int opens = k == 0 || a->toks[k - 1].gap == GAP_END, subject = 0;
		if (opens)
			a->intro_headline = title_case(a, k);
		if (a->intro_headline)
			continue;
		if (a->toks[k].gap == GAP_COMMA && k + 1 < a->tok_count && upper(a, k + 1)) {
			/* the role: a noun of the list, after an article or
			 * opening the sentence, then perhaps "of" and more */
			size_t r = k + 1, of = 0, opening = k + 1;
			int place = 0; /* a preposition after the noun, other than "of" */
			for (size_t j = k + 1; j-- > 0 && k - j < NAME_WORDS;) {
				if (a->toks[j].quote || (j < k && a->toks[j].gap != GAP_SPACE))
					break;
				/* capitalised only as a sentence's first word: "Rzecznik
				 * rządu, Piotr Müller," where no article opens it, or
				 * as every noun is: "Der Sprecher der Stadt, Peter Holm," */
				if ((!upper(a, j) || a->lang->capital_nouns || j == 0 || a->toks[j - 1].gap == GAP_END) &&
				    in(a->lang->roles, a, j) &&
				    (j == 0 || a->toks[j - 1].gap != GAP_SPACE || in(a->lang->articles, a, j - 1))) {
					r = j;
					break;
				}
				/* a noun the list lacks, after the article that opens
				 * the sentence: "El alcalde de Madrid, José Almeida,",
				 * "Der Bürgermeister von Madrid, ...": its office, by
				 * its place, and the word the text will call them by;
				 * an office is "of" a place, not "on" one ("The old
				 * house on the hill, Villa Rosa," names no office) */
				if (j >= 1 && in(a->lang->articles, a, j - 1) &&
				    (j == 1 || a->toks[j - 2].gap == GAP_END || a->toks[j - 2].gap == GAP_COMMA) &&
				    !in(a->lang->articles, a, j) && !in(a->lang->preps, a, j) && !place)
					opening = j;
				place |= in(a->lang->preps, a, j) && !in(a->lang->of, a, j);
			}
			int learned = r > k && opening <= k;
			if (learned)
				r = opening;
			for (size_t j = r + 1; j < k && !of; j++) /* "of" after the role */
				of = in(a->lang->of, a, j) ? j : 0;
			size_t end = r <= k ? name_run(a, k + 1, a->tok_count) : k + 1;
			/* a noun the list lacks only with the name's closing comma:
			 * "Los vecinos, Ana Ruiz y otros," names no office */
			if (end >= k + 3 && (end >= a->tok_count || a->toks[end - 1].gap != GAP_SPACE ||
			                     !upper(a, end)) &&
			    (!learned || a->toks[end - 1].gap == GAP_COMMA))
			{
				p = (np){.kind = NP_NAME, .first = k + 1, .end = end, .next = end,
				         .role_first = r, .role_end = r + 1,
				         .aff_first = of > r ? of + 1 : 0, .aff_end = of > r ? k + 1 : 0};
				/* "The researcher, Attila Andics, was ...": the role,
				 * or its article, opens the sentence, and commas set
				 * the name off */
				size_t o = r - (r > 0 && in(a->lang->articles, a, r - 1));
				subject = (o == 0 || a->toks[o - 1].gap == GAP_END) && a->toks[end - 1].gap == GAP_COMMA;
			}
		} else if (upper(a, k) && (opens || a->toks[k - 1].gap != GAP_SPACE || !upper(a, k - 1)) &&
		           !in(a->lang->articles, a, k) && !in(a->lang->preps, a, k) && !starter(a, k)) {
			size_t end = name_run(a, k, a->tok_count), lead = k;
			while (lead < end && title_at(a, lead))
				lead++;
			/* a full name: "Mr Key" is someone named before */
			if (end >= lead + 2) {
				p = (np){.kind = NP_NAME, .first = k, .end = end, .next = end};
				/* a role after its comma, which an article or a role's
				 * noun opens: not a clause ("Vereinigte Staaten),
				 * 14.03.2006") */
				if (end < a->tok_count &&
				    (in(a->lang->articles, a, end) || in(a->lang->roles, a, end)))
					apposition(a, &p);
				/* with no role, only a sentence's subject: its verb follows */
				if (!p.role_end && (!opens || end >= a->tok_count || a->toks[end - 1].gap != GAP_SPACE ||
				                    upper(a, end) || a->toks[end].quote ||
				                    in("and e en et i og und y", a, end))) /* "Ana Ruiz and Peter Holm" */
					p.kind = NP_NONE;
				subject = opens;
			}
			/* past the name's words, but not past a comma inside it
			 * ("Ministro de Trabajo y Empleo, Ana Ruiz") */
			k = p.kind && end > k ? end - 1 : k;
		}
		if (!p.kind)
			continue;
		person *who = named(a, &p, fail);
		if (who && who != a->introduced) {
			a->introductions += who->pending;
			a->introduced = who;
			a->introduced_para = a->para;
		}
		if (who && subject) {
			size_t e = p.next;
			while (e < a->tok_count && a->toks[e - 1].gap != GAP_END)
				e++;
			a->subject = who;
			a->subject_para = a->para;
			a->subject_end = a->toks[e - 1].at + a->toks[e - 1].len;
			a->subject_last = e >= a->tok_count && a->tail;
		}
	}
	a->intro_at = k > a->intro_at ? k : a->intro_at;
}

/* Does the word before byte dot of s abbreviate ("Dr.", "Mr.", "U.")? */
static int abbreviated(const char *s, size_t dot)
{
	size_t w = dot;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	return abbreviation(s + w, dot - w);
}

/* Might paragraph p's first sentence introduce someone: two
 * capitalised words in a row ("Washington – Daniel Schmitt, der ..."),
 * or a comma before a capital ("El ministro de Trabajo, Alejandro
 * Salas, denunció")?  Asked of every paragraph, with a look at its
 * first text's bytes. */
static int may_introduce(const steno_node *p)
{
	const steno_node *t = node_first(p);
	if (!t || t->type != STENO_NODE_TEXT)
		return 0;
	const char *s = node_literal(t);
	size_t len = node_len(t);
	int capital = is_upper_at(s, len); /* the word before the last space was */
	/* the first INTRO_REACH bytes only: every paragraph is looked at,
	 * and a sentence introduces its people early */
	len = len < INTRO_REACH ? len : INTRO_REACH;
	for (size_t i = 1; i + 2 < len; i++) {
		if (s[i] != ' ')
			continue;
		if (may_end(s[i - 1]) && !(s[i - 1] == '.' && abbreviated(s, i - 1)))
			return 0;
		int next = is_upper_at(s + i + 1, len - i - 1);
		if (next && (capital || s[i - 1] == ','))
			return 1;
		capital = next;
	}
	return 0;
}

/* "Mannetti also implored NPL clubs to ..." before a paragraph that is
 * only a quotation: the person paragraph p opens with as its subject,
 * someone known, then a verb; NULL when none (*fail on no memory).
 * Read only when such a quotation asks. */
static person *subject_of(attrib *a, steno_node *p, int *fail)
{
	int spot = a->intro_spot;
	a->intro_spot = 1;
	if (build_view(a, p) < 0 || tokenize(a) < 0) {
		*fail = 1;
		return NULL;
	}
	a->intro_spot = spot;
	size_t n = a->tok_count, s = 0;
	for (size_t k = 0; k < n && k < 3 && a->toks[k].gap != GAP_END; k++)
		if (a->toks[k].gap == GAP_COMMA) { /* "In the end, Mannetti ..." */
			s = k + 1;
			break;
		}
	np q = subject_at(a, s, n);
	if ((q.kind != NP_NAME && q.kind != NP_ROLE) || q.anonymous || q.next >= n ||
	    a->toks[q.next - 1].gap != GAP_SPACE || upper(a, q.next) || a->toks[q.next].quote)
		return NULL;
	/* and no one else named in full: "Tan Kefei spoke on Monday, as
	 * Ana Ruiz said." is either's */
	for (size_t k = q.next; k < n; k++) {
		size_t end = upper(a, k) ? name_run(a, k, n) : k;
		if (end >= k + 2 && k > 0 && a->toks[k - 1].gap != GAP_END)
			return NULL;
		k = end > k ? end - 1 : k;
	}
	a->known_only = 1;
	person *who = q.kind == NP_NAME && q.end - q.first > 1 ? NULL : resolve(a, &q, fail);
	if (q.kind == NP_NAME && q.end - q.first > 1) { /* a full name: only someone known */
		int ambiguous;
		const token *last = &a->toks[q.end - 1];
		who = lookup(&a->names, a->buf + last->at, last->len, &ambiguous);
	}
	a->known_only = 0;
	return who;
}

/* Does paragraph p open with a quotation? */
static int opens_with_quote(const steno_node *p)
{
	const steno_node *c = node_first(p);
	while (c && c->type == STENO_NODE_TEXT && node_len(c) &&
	       strspn(node_literal(c), " ") == node_len(c))
		c = node_next(c);
	return c && c->type == STENO_NODE_QUOTE;
}

static int paragraph(attrib *a, steno_node *p)
{
	int fail = 0;
	a->para++;
	steno_node *prev = a->prev;
	a->prev = p;
	if (!a->follow && !a->intro && prev && opens_with_quote(p)) {
		a->follow = subject_of(a, prev, &fail);
		if (fail)
			return -1;
	}
	a->intro_spot = may_introduce(p);
	if (!worth_reading(a, p)) {
		/* only for the people its first sentence introduces */
		if (a->intro_spot) {
			if (build_view(a, p) < 0 || tokenize(a) < 0)
				return -1;
			a->intro_at = 0;
			introduce(a, a->tok_count, &fail);
			if (fail)
				return -1;
		}
		a->unread[a->para % RECENT] = p;
		a->unread_para[a->para % RECENT] = a->para;
		a->intro = NULL;
		a->continued = NULL;
		a->follow = NULL;
		return 0;
	}
	a->here = NULL;
	a->here_several = 0;
	scan_reset(a);
	if (build_view(a, p) < 0 || tokenize(a) < 0)
		return -1;
	a->intro_at = 0;
	if (attribute_quotes(a, &fail) < 0)
		return -1;
	person *next_intro = introduces(a, &fail);
	steno_node *next_continued = last_quote(p);
	scan_reset(a);
	if (fail || report(a, &fail) < 0)
		return -1;
	a->intro = next_intro;
	a->continued = next_continued;
	a->follow = a->here_several ? NULL : a->here;
	for (steno_node *c = node_first(p); c; c = node_next(c))
		if (c->type == STENO_NODE_QUOTE && holds_quote(c) &&
		    excerpt(a, c) < 0)
			return -1;
	return 0;
}

/* ---- the headline ---- */

/* Is cp a letter or a digit, as words are compared: not a mark nor
 * punctuation? */
static int word_cp(uint32_t cp)
{
	return (cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10)) ||
	       (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x206F));
}

/* Text s of len bytes, its words folded as names are compared, one space
 * between them and none at either end, into out (len + 1 bytes): marks
 * and punctuation say nothing of whose words they are.  Its length;
 * *capital says whether its first word has a capital. */
static size_t fold_words(const char *s, size_t len, char *out, int *capital)
{
	size_t n = 0;
	*capital = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		if (!n && word_cp(cp))
			*capital = is_upper_at(s + i, len - i);
		if (word_cp(cp))
			n += utf8_encode(utf8_fold_name(cp), out + n);
		else if (n && out[n - 1] != ' ')
			out[n++] = ' ';
		i += k;
	}
	n -= n && out[n - 1] == ' ';
	out[n] = '\0';
	return n;
}

/* Do the folded words hay (hay_len bytes) hold the folded words needle,
 * whole? */
static int holds_words(const char *hay, size_t hay_len, const char *needle, size_t len)
{
	for (size_t i = 0; len && i + len <= hay_len; i++)
		if ((i == 0 || hay[i - 1] == ' ') && (i + len == hay_len || hay[i + len] == ' ') &&
		    !memcmp(hay + i, needle, len))
			return 1;
	return 0;
}

/* A quotation of the headline whose words come back inside a quotation
 * of the article ("Macron a-t-il déclaré qu’il faut « renoncer au
 * pouvoir » ?" and then "« ... savoir renoncer au pouvoir est une
 * question de dignité », aurait déclaré le président Macron") is that
 * speaker's, when the words come back in one person's quotations only:
 * a headline quotes what the article reports.  -1 on no memory. */
/* The document's headline: its first block when that is a heading, or
 * a short paragraph of one line that ends in no full stop, as a plain
 * text's first line ("Macron a-t-il déclaré ... ?"); or NULL. */
static const steno_node *headline(const steno_doc *doc)
{
	const steno_node *n = node_first(doc->root);
	while (n && n->type == STENO_NODE_SECTION)
		n = node_first(n);
	if (!n || n->type == STENO_NODE_HEADING)
		return n;
	if (n->type != STENO_NODE_PARAGRAPH)
		return NULL;
	char *text = plain_text(n);
	size_t len = text ? strlen(text) : 0;
	while (len && text[len - 1] == ' ')
		len--;
	int short_line = len && len <= INTRO_REACH * 2 && text[len - 1] != '.' && !strchr(text, '\n');
	for (const steno_node *c = node_first(n); c && short_line; c = node_next(c))
		short_line = c->type != STENO_NODE_SOFT_BREAK && c->type != STENO_NODE_LINE_BREAK;
	free(text);
	return short_line ? n : NULL;
}

static int headline_echoes(steno_doc *doc)
{
	const steno_node *title = headline(doc);
	if (!title)
		return 0;
	node_walk hw;
	node_walk_init(&hw, title);
	for (steno_event ev; (ev = node_walk_next(&hw)) != STENO_EVENT_DONE;) {
		steno_node *q = (steno_node *)hw.node;
		if (ev != STENO_EVENT_ENTER || q->type != STENO_NODE_QUOTE)
			continue;
		hw.skip = 1;
		if (q->speakers)
			continue;
		char *text = plain_text(q), *words = text ? malloc(strlen(text) + 1) : NULL;
		if (!words) {
			free(text);
			return -1;
		}
		int capital;
		size_t len = fold_words(text, strlen(text), words, &capital);
		/* one capitalised word is a name ("'Anonymous'"), and names
		 * come back in anyone's words */
		if (capital && !strchr(words, ' '))
			len = 0;
		const char **ids = NULL;
		int several = 0;
		node_walk w;
		node_walk_init(&w, doc->root);
		for (steno_event e; len && !several && (e = node_walk_next(&w)) != STENO_EVENT_DONE;) {
			const steno_node *n = w.node;
			if (e != STENO_EVENT_ENTER || n == title) {
				w.skip = n == title;
				continue;
			}
			if (n->type != STENO_NODE_QUOTE || !n->speakers || n->speakers > 1 ||
			    (ids && !strcmp(ids[0], n->as.turn.ids[0])))
				continue;
			char *other = plain_text(n), *folded = other ? malloc(strlen(other) + 1) : NULL;
			if (!folded) {
				free(other);
				free(text);
				free(words);
				return -1;
			}
			if (holds_words(folded, fold_words(other, strlen(other), folded, &capital), words, len)) {
				several = ids != NULL;
				ids = n->as.turn.ids;
			}
			free(other);
			free(folded);
		}
		if (ids && !several) {
			q->as.turn.ids = ids;
			q->speakers = 1;
			/* a few words of someone's, not a term */
			attr **list = node_attr_list(q);
			for (attr **at = list; at && *at; at = &(*at)->next)
				if (!strcmp((*at)->name, "kind")) {
					*at = (*at)->next;
					break;
				}
		}
		free(text);
		free(words);
	}
	return 0;
}

/* The words of the document's language; when it does not say, of the
 * language its first few thousand bytes of text read as. */
static const attribution_lang *language_of(const steno_doc *doc)
{
	const char *tag = doc_language(doc, NULL, NULL);
	if (tag)
		return attribution_lang_for(tag);
	char sample[4096];
	size_t len = 0;
	node_walk w;
	node_walk_init(&w, doc->root);
	for (steno_event ev; len < sizeof sample - 1 && (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		const steno_node *n = w.node;
		if (ev != STENO_EVENT_ENTER || n->type != STENO_NODE_TEXT)
			continue;
		size_t k = node_len(n) < sizeof sample - 1 - len ? node_len(n) : sizeof sample - 1 - len;
		memcpy(sample + len, node_literal(n), k);
		len += k;
		sample[len++] = ' ';
	}
	return attribution_lang_guess(sample, len);
}

steno_status pass_attribution(steno_doc *doc, steno_error *err)
{
	word_sets sets = {0};
	attrib a = {.doc = doc, .lang = language_of(doc), .sets = &sets};
	node_walk w;
	int bad = 0, turns = 0;
	/* one turn is no conversation: a headline "ICYMI: ..." read as a label */
	node_walk_init(&w, doc->root);
	for (steno_event ev; turns < 2 && (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		w.skip = !type_is_block(w.node->type) || w.node->type == STENO_NODE_PARAGRAPH;
		turns += ev == STENO_EVENT_ENTER && w.node->type == STENO_NODE_TURN;
	}
	node_walk_init(&w, doc->root);
	for (steno_event ev; !bad && (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		steno_node *n = (steno_node *)w.node;
		if (n->type == STENO_NODE_TURN && turns > 1)
			a.turn_ids = ev == STENO_EVENT_ENTER && n->speakers == 1 ? n->as.turn.ids : NULL;
		if (ev != STENO_EVENT_ENTER || !type_is_block(n->type))
			continue;
		if (n->type == STENO_NODE_PARAGRAPH) {
			w.skip = 1;
			bad = paragraph(&a, n) < 0;
		} else if (n->type == STENO_NODE_HEADING || n->type == STENO_NODE_CODE_BLOCK) {
			w.skip = 1;
		}
	}
	bad = bad || headline_echoes(doc) < 0;
	free(a.buf);
	free(a.pieces);
	free(a.toks);
	free(a.spots);
	free(a.said);
	free(a.ranges);
	table_free(&a.people);
	table_free(&a.names);
	table_free(&a.roles);
	for (size_t k = 0; k < WORD_SETS; k++)
		table_free(&sets.words[k]);
	return bad ? error_nomem(err) : STENO_OK;
}
