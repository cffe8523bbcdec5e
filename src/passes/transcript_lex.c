/* transcript_lex.c - the small grammars of transcripts that work on one string:
 * timestamps, stage directions, the news dateline and a scraped date
 * prefix; and the tree helpers the transcript and quotes passes share. */
#include <stdlib.h>
#include <string.h>

#include "core/grow.h"
#include "core/utf8.h"
#include "core/walk.h"
#include "passes/transcript.h"

#define EVENT_MAX    100 /* bytes inside a stage direction's brackets */
#define EVENT_WORD   16  /* bytes of the word that names its kind */
#define PLACE_MAX    40  /* bytes of a dateline's place */
#define DATE_MAX     24  /* bytes of a dateline's date */
#define AGENCY_MAX   40  /* bytes of a dateline's agency */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_alpha(char c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

/* ---- timestamps ---- */

/* Up to max digits at s[*i], at least one; -1 if none. */
static long read_number(const char *s, size_t len, size_t *i, size_t max)
{
	long v = 0;
	size_t start = *i;
	while (*i < len && *i - start < max && is_digit(s[*i]))
		v = v * 10 + (s[(*i)++] - '0');
	return *i == start ? -1 : v;
}

/* d:hh:mm:ss, h:mm:ss or m:ss, then .mmm or ,mmm; the number of fields
 * in *fields, the length as the result (0 when s holds no clock). */
static size_t read_clock(const char *s, size_t len, int *fields, int64_t *ms)
{
	size_t i = 0;
	long f[4];
	int n = 0;
	if ((f[n++] = read_number(s, len, &i, 3)) < 0)
		return 0;
	while (n < 4 && i + 2 < len && s[i] == ':' && is_digit(s[i + 1])) {
		size_t at = ++i;
		f[n] = read_number(s, len, &i, 2);
		if (i - at != 2 || f[n] > 59)
			return 0;
		n++;
	}
	if (n < 2 || (n == 4 && f[1] > 23))
		return 0;
	/* of four fields the first counts days (a mission log's elapsed time) */
	int64_t t = 0;
	for (int k = 0; k < n; k++)
		t = t * (n == 4 && k == 1 ? 24 : 60) + f[k];
	t *= 1000;
	if (i + 1 < len && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
		size_t at = ++i;
		long frac = read_number(s, len, &i, 3);
		for (size_t k = i - at; k < 3; k++)
			frac *= 10;
		t += frac;
	}
	*fields = n;
	*ms = t;
	return i;
}

/* "AM", " pm", " p.m." after a clock of hours at s[i] ("10:02 AM", as
 * chat programs write the time of day): its end, *ms made the time of
 * day; i when there is none. */
static size_t meridiem(const char *s, size_t len, size_t i, int fields, int64_t *ms)
{
	size_t j = i + (i < len && s[i] == ' ');
	if (fields < 2 || fields > 3 || j >= len)
		return i;
	char half = (char)(s[j++] | 0x20);
	int dotted = j < len && s[j] == '.';
	j += dotted;
	if ((half != 'a' && half != 'p') || j >= len || (s[j++] | 0x20) != 'm' ||
	    (dotted && (j >= len || s[j++] != '.')) ||
	    (j < len && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
		return i;
	/* "10:02" was read as minutes and seconds */
	int64_t t = fields == 2 ? *ms * 60 : *ms, hours = t / 3600000;
	if (hours < 1 || hours > 12)
		return i;
	*ms = t % 3600000 + (hours % 12 + (half == 'p' ? 12 : 0)) * 3600000;
	return j;
}

size_t transcript_time(const char *s, size_t len, int allow, int short_bare, int64_t *ms)
{
	int fields;
	if (!len)
		return 0;
	if ((allow & TRANSCRIPT_TIME_BRACKETED) && (s[0] == '[' || s[0] == '(')) {
		char close = s[0] == '[' ? ']' : ')';
		size_t n = read_clock(s + 1, len - 1, &fields, ms);
		if (n)
			n = meridiem(s + 1, len - 1, n, fields, ms);
		return n && n + 1 < len && s[n + 1] == close ? n + 2 : 0;
	}
	/* every line's start is asked, and most start with a letter */
	if (!(allow & TRANSCRIPT_TIME_BARE) || !is_digit(s[0]))
		return 0;
	size_t n = read_clock(s, len, &fields, ms);
	size_t m = n && (short_bare || fields == 3) ? meridiem(s, len, n, fields, ms) : n;
	if (m > n)
		return m == len || transcript_is_blank(s[m]) ? m : 0;
	if (!n || fields == 4 || (fields == 2 && !short_bare))
		return 0;
	/* "10:30:00am" or "1:02:03.4.5" are not clean timestamps */
	if (n < len && !transcript_is_blank(s[n]))
		return 0;
	return n;
}

/* Any space of Unicode's Zs: a blank, the no-break space, the spaces
 * of typesetting U+2000-200A ("**Q:**&ensp;"), the narrow no-break
 * space U+202F of French, U+205F, U+1680, and the ideographic space of
 * Japanese and Chinese text. */
size_t transcript_gap(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (transcript_is_blank(s[i]))
		return 1;
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == 0xC2)
		return i + 1 < len && u[1] == 0xA0 ? 2 : 0;
	if (i + 2 >= len || (u[0] != 0xE1 && u[0] != 0xE2 && u[0] != 0xE3))
		return 0;
	unsigned c = (unsigned)u[0] << 16 | (unsigned)u[1] << 8 | u[2];
	return (c >= 0xE28080 && c <= 0xE2808A) || c == 0xE280AF || c == 0xE2819F ||
	               c == 0xE19A80 || c == 0xE38080
	           ? 3
	           : 0;
}

/* WhatsApp's export opens some lines with a left-to-right mark; web
 * pages leave zero-width spaces and byte-order marks where they were
 * joined.  U+200B-200F, U+202A-202E, U+2060-2064, U+2066-2069, U+FEFF
 * and the Arabic letter mark U+061C. */
size_t transcript_invisible(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	for (;;) {
		if (i >= len || (u[i] != 0xD8 && u[i] != 0xE2 && u[i] != 0xEF))
			return i; /* every line's first byte is asked */
		if (i + 1 < len && u[i] == 0xD8 && u[i + 1] == 0x9C) {
			i += 2;
			continue;
		}
		if (i + 3 > len)
			return i;
		unsigned c = (unsigned)u[i] << 16 | (unsigned)u[i + 1] << 8 | u[i + 2];
		if ((c >= 0xE2808B && c <= 0xE2808F) || (c >= 0xE280AA && c <= 0xE280AE) ||
		    (c >= 0xE281A0 && c <= 0xE281A4) || (c >= 0xE281A6 && c <= 0xE281A9) ||
		    c == 0xEFBBBF)
			i += 3;
		else
			return i;
	}
}

/* A transcript page numbers its lines 1 to 25, the number set off from
 * the text by at least two blanks or ending the line. */
size_t transcript_margin(const char *s, size_t len)
{
	size_t i = 0, n;
	while (i < len && i < 2 && is_digit(s[i]))
		i++;
	if (!i || s[0] == '0' || (i == 2 && (s[0] > '2' || (s[0] == '2' && s[1] > '5'))))
		return 0;
	size_t digits = i;
	while ((n = transcript_gap(s, len, i)))
		i += n;
	return i == len || i - digits >= 2 ? i : 0;
}

size_t transcript_line_number(const char *s, size_t len, unsigned *value)
{
	size_t i = 0, n;
	*value = 0;
	while (i < len && i < 4 && is_digit(s[i]))
		*value = *value * 10 + (unsigned)(s[i++] - '0');
	if (!i || i == len || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while ((n = transcript_gap(s, len, i)))
		i += n;
	return i < len ? i : 0;
}

/* ---- stage directions ---- */

/* Every kind of non-speech event steno knows, by the word that opens
 * its description.  The one table of kinds (formats/text.md lists it). */
static const struct {
	const char *word, *kind;
} event_words[] = {
	{"applause", "applause"},   {"applauds", "applause"},    {"clapping", "applause"},
	{"booing", "booing"},       {"boos", "booing"},          {"break", "break"},
	{"recess", "break"},        {"cheering", "cheering"},    {"cheers", "cheering"},
	{"crosstalk", "crosstalk"}, {"cross-talk", "crosstalk"}, {"overlapping", "crosstalk"},
	{"inaudible", "inaudible"}, {"indistinct", "inaudible"}, {"unintelligible", "inaudible"},
	{"off-mic", "inaudible"},   {"laughter", "laughter"},    {"laughs", "laughter"},
	{"laughing", "laughter"},   {"chuckles", "laughter"},    {"chuckling", "laughter"},
	{"music", "music"},         {"singing", "music"},        {"coughs", "noise"},
	{"coughing", "noise"},      {"sighs", "noise"},          {"noise", "noise"},
	{"pause", "pause"},         {"pauses", "pause"},         {"silence", "pause"},
	{"interruption", "interruption"},
};

/* Words that may come before the kind: "[long pause]", "(Loud applause.)". */
static const char *const event_modifiers[] = {"brief", "general", "light", "long", "loud",
                                              "short", "soft"};

/* The lower-cased word (letters and '-') at s[*i] into out; its length. */
static size_t event_word(const char *s, size_t len, size_t *i, char out[EVENT_WORD + 1])
{
	size_t n = 0;
	while (*i < len && (is_alpha(s[*i]) || s[*i] == '-')) {
		if (n == EVENT_WORD)
			return 0;
		out[n++] = (char)(is_upper(s[*i]) ? s[*i] + 32 : s[*i]);
		(*i)++;
	}
	out[n] = '\0';
	return n;
}

/* The kind the word names, or NULL.  Here and in is_modifier the first
 * letters are compared before the words, which spares most calls. */
static const char *event_kind(const char *word)
{
	for (size_t k = 0; k < sizeof event_words / sizeof *event_words; k++)
		if (event_words[k].word[0] == word[0] && strcmp(event_words[k].word, word) == 0)
			return event_words[k].kind;
	return NULL;
}

static int is_modifier(const char *word)
{
	for (size_t k = 0; k < sizeof event_modifiers / sizeof *event_modifiers; k++)
		if (event_modifiers[k][0] == word[0] && strcmp(event_modifiers[k], word) == 0)
			return 1;
	return 0;
}

size_t transcript_event(const char *s, size_t len, const char **kind)
{
	if (!len || (s[0] != '[' && s[0] != '('))
		return 0;
	char open = s[0], close = open == '[' ? ']' : ')';
	size_t end = 1;
	while (end < len && end <= EVENT_MAX && s[end] != close) {
		if (s[end] == open || s[end] == '\n')
			return 0;
		end++;
	}
	if (end >= len || s[end] != close)
		return 0;
	size_t i = 1;
	char word[EVENT_WORD + 1];
	while (i < end && transcript_is_blank(s[i]))
		i++;
	if (!event_word(s, end, &i, word))
		return 0;
	if (is_modifier(word) && i < end && s[i] == ' ') {
		i++;
		if (!event_word(s, end, &i, word))
			return 0;
	}
	*kind = event_kind(word);
	return *kind ? end + 1 : 0;
}

/* ---- the news lead ---- */

/* A letter of another script may be in a place's name; a dash may not. */
static size_t place_char(const char *s, size_t len)
{
	uint32_t cp;
	if ((unsigned char)s[0] < 0x80)
		return is_upper(s[0]) || s[0] == '.' || s[0] == '\'' ? 1 : 0;
	size_t n = utf8_decode(s, len, &cp);
	return n && !(cp >= 0x2000 && cp <= 0x206F) && cp != 0xA0 ? n : 0;
}

/* "NEW YORK", "ST. LOUIS", "WILKES-BARRE": capitals, single spaces and
 * hyphens between them; the place's length. */
static size_t read_place(const char *s, size_t len)
{
	size_t i = 0, caps = 0;
	while (i < len && i < PLACE_MAX) {
		size_t n = place_char(s + i, len - i);
		if (n) {
			caps += is_upper(s[i]);
			i += n;
		} else if ((s[i] == ' ' || s[i] == '-') && i && i + 1 < len && is_upper(s[i + 1])) {
			i++;
		} else {
			break;
		}
	}
	return caps >= 2 ? i : 0;
}

/* The dash that ends a lead: "--", "—", "–" or "-", then a blank. */
static size_t lead_dash(const char *s, size_t len)
{
	size_t n = 0;
	if (len >= 2 && s[0] == '-' && s[1] == '-')
		n = 2;
	else if (len >= 3 && (!memcmp(s, "\xE2\x80\x94", 3) || !memcmp(s, "\xE2\x80\x93", 3)))
		n = 3;
	else if (len >= 1 && s[0] == '-')
		n = 1;
	return n && n < len && transcript_is_blank(s[n]) ? n : 0;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && transcript_is_blank(s[i]))
		i++;
	return i;
}

/* ", Dec. 29": up to the agency or the dash; it must hold a letter and
 * a digit, so "US, 2022 - " is no dateline. */
static size_t read_date(const char *s, size_t len, size_t i, transcript_dateline *d)
{
	size_t start = i, letters = 0, digits = 0;
	while (i < len && i - start < DATE_MAX && s[i] != '(' &&
	       !(transcript_is_blank(s[i]) && lead_dash(s + i + 1, len - i - 1))) {
		letters += is_alpha(s[i]);
		digits += is_digit(s[i]);
		i++;
	}
	if (!letters || !digits)
		return 0;
	d->date = s + start;
	d->date_len = i - start;
	while (d->date_len && transcript_is_blank(d->date[d->date_len - 1]))
		d->date_len--;
	return i;
}

static size_t read_agency(const char *s, size_t len, size_t i, transcript_dateline *d)
{
	size_t start = ++i;
	while (i < len && i - start < AGENCY_MAX && s[i] != ')' && s[i] != '(')
		i++;
	if (i >= len || s[i] != ')' || !is_upper(s[start]))
		return 0;
	d->agency = s + start;
	d->agency_len = i - start;
	return i + 1;
}

int transcript_dateline_parse(const char *s, size_t len, transcript_dateline *d)
{
	memset(d, 0, sizeof *d);
	size_t i = read_place(s, len);
	if (!i)
		return 0;
	d->place = s;
	d->place_len = i;
	if (i < len && s[i] == ',' && !(i = read_date(s, len, skip_blanks(s, len, i + 1), d)))
		return 0;
	i = skip_blanks(s, len, i);
	if (i < len && s[i] == '(' && !(i = read_agency(s, len, i, d)))
		return 0;
	i = skip_blanks(s, len, i);
	size_t dash = lead_dash(s + i, len - i);
	if (!dash || (!d->date_len && !d->agency_len))
		return 0;
	d->len = i + dash;
	return 1;
}

size_t transcript_date_prefix(const char *s, size_t len)
{
	static const char shape[] = "date 0000-00-00";
	size_t n = sizeof shape - 1;
	if (len <= n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == '0' ? !is_digit(s[i]) : s[i] != shape[i])
			return 0;
	return transcript_is_blank(s[n]) ? skip_blanks(s, len, n) : 0;
}

/* Digits at s[i], from min to max of them: their end, or 0. */
static size_t digits_at(const char *s, size_t len, size_t i, size_t min, size_t max)
{
	size_t start = i;
	while (i < len && i - start < max && is_digit(s[i]))
		i++;
	return i - start >= min && (i == len || !is_digit(s[i])) ? i : 0;
}

size_t transcript_chat_stamp(const char *s, size_t len)
{
	size_t i = len && s[0] == '[', n;
	int bracket = i == 1, part, fields = 1;
	char sep = 0;
	for (part = 0; part < 3; part++) { /* 12/10/25, 2025-10-12, 12.10.25 */
		if (!(i = digits_at(s, len, i, 1, 4)))
			return 0;
		if (part == 2 || (part == 1 && (i >= len || s[i] != sep)))
			break;
		if (i >= len || (s[i] != '/' && s[i] != '.' && s[i] != '-') || (sep && s[i] != sep))
			return 0;
		sep = s[i++];
	}
	if (i < len && s[i] == ',')
		i++;
	if (!(n = transcript_gap(s, len, i)) || !(i = digits_at(s, len, i + n, 1, 2)))
		return 0;
	for (int k = 0; k < 2 && i < len && s[i] == ':'; k++, fields++) /* :mm, then :ss */
		if (!(i = digits_at(s, len, i + 1, 2, 2)))
			return 0;
	/* "9/1 04:23:54.396  Name says:": a game's log, the day without its
	 * year, the seconds with their fraction, a column's blanks after
	 * them; a date of two parts wants that much of a clock */
	int fraction = fields == 3 && i + 1 < len && (s[i] == '.' || s[i] == ',') &&
	               (n = digits_at(s, len, i + 1, 1, 3));
	if (fraction)
		i = n;
	if (part < 2 && !fraction)
		return 0;
	if (fraction && !bracket) {
		n = skip_blanks(s, len, i);
		return n - i >= 2 && n < len ? n : 0;
	}
	/* " PM", or with the narrow no-break space of newer exports */
	size_t gap = transcript_gap(s, len, i);
	if (gap && i + gap + 1 < len && (s[i + gap] == 'A' || s[i + gap] == 'P' ||
	                                 s[i + gap] == 'a' || s[i + gap] == 'p') &&
	    (s[i + gap + 1] == 'M' || s[i + gap + 1] == 'm'))
		i += gap + 2;
	if (bracket) {
		if (i >= len || s[i] != ']' || !transcript_gap(s, len, i + 1))
			return 0;
		return skip_blanks(s, len, i + 1);
	}
	if (i + 3 > len || memcmp(s + i, " - ", 3) != 0)
		return 0;
	return skip_blanks(s, len, i + 3);
}

/* ---- tree helpers ---- */

int transcript_blank_text(const steno_node *n)
{
	if (n->type != STENO_NODE_TEXT)
		return 0;
	for (size_t i = 0; i < node_len(n); i++)
		if (!transcript_is_blank(node_literal(n)[i]))
			return 0;
	return 1;
}

int transcript_bold_paragraph(const steno_node *p)
{
	const steno_node *bold = node_first(p);
	while (bold && transcript_blank_text(bold))
		bold = node_next(bold);
	if (!bold || bold->type != STENO_NODE_STRONG)
		return 0;
	for (const steno_node *n = node_next(bold); n; n = node_next(n))
		if (!transcript_blank_text(n))
			return 0;
	const steno_node *last = bold;
	while (node_first(last)) /* "**Why?**", "***Why?***": the last text inside */
		last = node_last(last);
	if (last->type != STENO_NODE_TEXT)
		return 1;
	size_t end = node_len(last);
	while (end && transcript_is_blank(node_literal(last)[end - 1]))
		end--;
	int question = (end && node_literal(last)[end - 1] == '?') ||
	               (end >= 3 && !memcmp(node_literal(last) + end - 3, "\xEF\xBC\x9F", 3));
	return 1 + question;
}

steno_node *transcript_text_node(steno_doc *doc, const char *s, size_t len, int tail)
{
	if (!tail)
		return node_add_text(doc, NULL, s, len);
	steno_node *n = node_add(doc, NULL, STENO_NODE_TEXT);
	if (n) {
		node_set_literal(n, s, len);
	}
	return n;
}

/* Ends t's literal at to, when to is not its end already: the NUL goes
 * over a byte the pass drops or has copied.  The node alone refers to
 * these bytes, and it has some, so they are arena or reader memory,
 * never a constant. */
static void end_at(const steno_node *t, size_t to)
{
	if (to < node_len(t))
		((char *)node_literal(t))[to] = '\0';
}

steno_node *transcript_text_cut(steno_doc *doc, const steno_node *t, size_t from, size_t to)
{
	end_at(t, to);
	return transcript_text_node(doc, node_literal(t) + from, to - from, 1);
}

void transcript_text_keep(steno_node *t, size_t from, size_t to)
{
	end_at(t, to);
	node_set_literal(t, node_literal(t) + from, to - from);
	steno_node_set_sourcepos(t, 0, 0, 0, 0);
	node_set_attrs(t, NULL);
}

static int bare_text(const steno_node *n)
{
	return n && n->type == STENO_NODE_TEXT && !node_has_attrs(n);
}

int transcript_can_merge(const steno_node *t)
{
	return bare_text(t) && bare_text(node_next(t));
}

steno_status transcript_merge_run(steno_doc *doc, steno_node *t)
{
	size_t total = node_len(t);
	for (steno_node *n = node_next(t); bare_text(n); n = node_next(n))
		total += node_len(n);
	if (total > NODE_MAX_LEN)
		return STENO_OK; /* a run too long for one node is read in its pieces */
	char *buf = arena_alloc(&doc->arena, total + 1);
	if (!buf)
		return STENO_ERR_NOMEM;
	size_t at = node_len(t);
	memcpy(buf, node_literal(t), at);
	while (bare_text(node_next(t))) {
		steno_node *n = node_next(t);
		memcpy(buf + at, node_literal(n), node_len(n));
		at += node_len(n);
		steno_node_unlink(n);
		node_discard(n);
	}
	buf[at] = '\0';
	node_set_literal(t, buf, (uint32_t)at);
	return STENO_OK;
}

/* Add c to the growing list; -1 (the list freed) on no memory. */
static int list_add(steno_node ***list, size_t *n, size_t *cap, steno_node *c)
{
	steno_node **grown = grow_array(*list, cap, *n + 1, sizeof **list);
	if (!grown) {
		free(*list);
		*list = NULL;
		return -1;
	}
	*list = grown;
	(*list)[(*n)++] = c;
	return 0;
}

steno_node **transcript_collect(steno_doc *doc, int (*want)(steno_node_type), size_t *count,
                                size_t *paras)
{
	size_t cap = 0, n = 0;
	steno_node **list = grow_array(NULL, &cap, 64, sizeof *list);
	*paras = 0;
	/* one walk does all: every walk of a large tree costs cache misses */
	for (steno_node *c = doc->root; c && list; c = node_next_preorder(c, doc->root)) {
		if (transcript_can_merge(c) && transcript_merge_run(doc, c) != STENO_OK) {
			free(list);
			list = NULL;
		} else if (want(c->type) && list_add(&list, &n, &cap, c) < 0) {
			break;
		}
		*paras += c->type == STENO_NODE_PARAGRAPH && node_parent(c) && want(node_parent(c)->type);
	}
	*count = n;
	return list;
}

int transcript_walk(steno_node *root, transcript_walker *w)
{
	steno_node *n = root;
	for (;;) {
		if (w->enter && !(n = w->enter(w, n)))
			return -1;
		if (node_first(n)) {
			n = node_first(n);
			continue;
		}
		/* leave n and every ancestor whose last child it ends */
		for (;;) {
			if (w->leave && w->leave(w, n) < 0)
				return -1;
			if (n == root)
				return 0;
			if (node_next(n)) {
				n = node_next(n);
				break;
			}
			n = node_parent(n);
		}
	}
}
