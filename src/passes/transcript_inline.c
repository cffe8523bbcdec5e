/* transcript_inline.c - labels inside lines.  A transcript whose
 * paragraphs were flowed again (a talk's transcript in a dataset, a
 * podcast's page) keeps its labels but not their line starts: "... so
 * we're going to try. BF: Nice show.", "(Drum roll)BF: Also".  A reader
 * still sees the labels, because the same few names come back after
 * sentence after sentence.  So the names are learnt from the document:
 * a name and a colon straight after a sentence's end are counted, and
 * where a few names make nearly all such places, and one of them also
 * opens a line with its colon, each of their places starts a line of
 * its own, where the label survey reads it as any other.  Prose puts a
 * word and a colon after a sentence now and then, and a blog its
 * "Update:" again and again, which the labels' judge knows for prose's
 * (transcript_name_judge): never a few names taking turns. */
#include <string.h>

#include "core/node.h"
#include "passes/transcript.h"

#define INLINE_NAMES     16 /* distinct names remembered */
#define INLINE_MIN       8  /* places inside lines a document needs */
#define INLINE_RECURRING 3  /* places that make a name one that recurs */
#define INLINE_WORDS     3  /* words of a name */
#define INLINE_NAME_MAX  40 /* bytes of a name */
/* Bytes of text read before a document with hardly a place inside its
 * lines is given up on, so the pass costs little on other text. */
#define INLINE_PROBE     65536

/* A name is kept as a copy: splitting ends a text with a NUL, over the
 * first byte of a name glued to its sentence ("...DH:"). */
typedef struct inline_name {
	char s[INLINE_NAME_MAX];
	size_t len;
	size_t places; /* inside lines */
	int opens;     /* it opens a line with its colon too */
	int prose;     /* a word prose puts before a colon ("Update:", "Note:") */
} inline_name;

typedef struct inline_survey {
	inline_name names[INLINE_NAMES];
	size_t count;  /* names remembered */
	size_t places; /* all places inside lines, of any name */
	size_t read;   /* bytes of text surveyed */
	/* of them, those of another name than the place before: speakers
	 * take turns, a blog's "Update:" comes back after itself */
	size_t varied;
	const inline_name *last;
} inline_survey;

/* The bytes of the name character at s (a letter, a digit, . ' - or
 * U+2019), upper being set for a capital; 0 for none. */
static size_t name_char(const char *s, size_t len, int *upper)
{
	size_t n = 1;
	int c = transcript_letter_case(s, len, &n);
	*upper = c > 0;
	if (c)
		return n;
	if ((*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '\'')
		return 1;
	return len >= 3 && !memcmp(s, "\xE2\x80\x99", 3) ? 3 : 0;
}

static int sentence_end_at(const char *s, size_t k);

/* Does a name of one to INLINE_WORDS words, each opening with a
 * capital (or, after the first, a digit: "Speaker 2"), one blank apart,
 * run from s[i] exactly to s[end]?  It holds no sentence's end: "No.
 * AB:" is an answer, then AB's label. */
static int name_to(const char *s, size_t i, size_t end)
{
	size_t words = 0, n;
	int upper;
	if (end <= i || end - i > INLINE_NAME_MAX)
		return 0;
	while (i < end) {
		if (!(n = name_char(s + i, end - i, &upper)) ||
		    !(upper || (words && s[i] >= '0' && s[i] <= '9')) || ++words > INLINE_WORDS)
			return 0;
		for (i += n; i < end && s[i] != ' '; i += n)
			if (!(n = name_char(s + i, end - i, &upper)) ||
			    (s[i] == '.' && i + 1 < end && sentence_end_at(s, i)))
				return 0;
		if (i < end && (++i == end || s[i] == ' '))
			return 0;
	}
	return 1;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_letter(char c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

/* Can the byte stand in a name: a letter, a digit, . ' - a blank, or
 * any byte of UTF-8's? */
static int name_byte(char c)
{
	return is_letter(c) || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80 || c == '.' ||
	       c == '-' || c == '\'' || c == ' ';
}

/* The abbreviations before a name, less the titles the labels' grammar
 * knows (transcript_is_title); ASCII folded. */
static int abbreviation(const char *s, size_t len)
{
	static const char *const words[] = {"dr", "jr", "mr", "mrs", "ms", "mx", "sr", "st"};
	char low[4];
	if (len == 1)
		return is_upper(s[0]); /* an initial */
	if (len >= sizeof low)
		return 0;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)(is_upper(s[i]) ? s[i] + 32 : s[i]);
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strlen(words[k]) == len && !memcmp(words[k], low, len))
			return 1;
	return 0;
}

/* Does a sentence end at s[k]: . ? ! ) ] " and the closing quotation
 * marks and ellipsis of UTF-8?  Not a title's or an initial's full stop
 * ("Mr. Roe:", "Gen. Roe:", "J. Roe:"), which belongs to the name. */
static int sentence_end_at(const char *s, size_t k)
{
	unsigned char b = (unsigned char)s[k];
	size_t w = k;
	switch (b) {
	case '?': case '!': case ')': case ']': case '"':
		return 1;
	case '.':
		while (w && is_letter(s[w - 1]))
			w--;
		return !abbreviation(s + w, k - w) && !transcript_is_title(s + w, k + 1 - w);
	case 0xA6: case 0x9D: case 0x99: /* U+2026 ellipsis, U+201D, U+2019 */
		return k >= 2 && (unsigned char)s[k - 2] == 0xE2 && (unsigned char)s[k - 1] == 0x80;
	case 0xBB: /* U+00BB */
		return k >= 1 && (unsigned char)s[k - 1] == 0xC2;
	default:
		return 0;
	}
}

/* The start of the name that ends at the colon s[c], after a sentence's
 * end inside the line (blanks between, or none: "...DH:"), the longest
 * one; c when there is none.  Every colon of the text is asked: only
 * the bytes a name may hold before it are looked at. */
static size_t name_before(const char *s, size_t c)
{
	size_t b = c;
	while (b && c - b <= INLINE_NAME_MAX + 1 && name_byte(s[b - 1]))
		b--;
	for (size_t k = b ? b - 1 : 0; k + 1 < c; k++) {
		if (!sentence_end_at(s, k))
			continue;
		size_t i = k + 1;
		while (i < c && s[i] == ' ')
			i++;
		if (name_to(s, i, c))
			return i;
	}
	return c;
}

/* Where a line's own label would start: past blanks and a time
 * ("[00:12:03] MR. ROE:"). */
static size_t label_from(const char *s, size_t c)
{
	int64_t ms;
	size_t i = 0;
	while (i < c && s[i] == ' ')
		i++;
	i += transcript_time(s + i, c - i, TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1, &ms);
	while (i < c && s[i] == ' ')
		i++;
	return i;
}

/* Does a name run from the line's start to the colon at s[c]?  That is
 * the line's own label, read as any other. */
static int opens_line(const steno_node *t, const char *s, size_t c)
{
	if (node_prev(t) && !transcript_is_break(node_prev(t)))
		return 0;
	return name_to(s, label_from(s, c), c);
}

/* Is a colon at s[c] one a label ends with: blanks or the end after it? */
static int label_colon(const char *s, size_t len, size_t c)
{
	return c + 1 == len || s[c + 1] == ' ' || s[c + 1] == '\t';
}

static inline_name *find(inline_survey *sv, const char *s, size_t len, int add)
{
	for (size_t k = 0; k < sv->count; k++)
		if (sv->names[k].len == len && !memcmp(sv->names[k].s, s, len))
			return &sv->names[k];
	if (!add || sv->count == INLINE_NAMES)
		return NULL;
	inline_name *nm = &sv->names[sv->count++];
	transcript_name judged;
	transcript_name_judge(s, len, &judged);
	memcpy(nm->s, s, len);
	nm->len = len;
	nm->prose = judged.prose;
	return nm;
}

/* Count the places of names in t: inside the line, and at its start. */
static void survey_text(inline_survey *sv, const steno_node *t)
{
	const char *s = node_literal(t);
	size_t len = node_len(t);
	int first = 1;
	sv->read += len;
	for (const char *p = memchr(s, ':', len); p; p = memchr(p + 1, ':', len - (size_t)(p + 1 - s))) {
		size_t c = (size_t)(p - s), i = 0;
		if (!label_colon(s, len, c))
			continue;
		/* a line's own label ends at its first such colon */
		int own = first && opens_line(t, s, c);
		first = 0;
		if (own) {
			i = label_from(s, c);
			inline_name *nm = find(sv, s + i, c - i, 1);
			if (nm)
				nm->opens = 1;
			continue;
		}
		if ((i = name_before(s, c)) == c)
			continue;
		inline_name *nm = find(sv, s + i, c - i, 1);
		sv->places++;
		sv->varied += !nm || nm != sv->last;
		sv->last = nm;
		if (nm)
			nm->places++;
	}
}

/* Is brief the initials of full ("DH", "Dan Holzman")? */
static int initials_of(const inline_name *full, const inline_name *brief)
{
	size_t words = 0;
	for (size_t i = 0; i < full->len; i++)
		if (!i || full->s[i - 1] == ' ') {
			if (words == brief->len || full->s[i] != brief->s[words])
				return 0;
			words++;
		}
	return words >= 2 && words == brief->len;
}

/* The name whose initials nm is, or that is nm's initials, among those
 * placed at least min times inside lines: "Dan Holzman" opening the
 * talk, "DH" inside its lines after. */
static int related(const inline_survey *sv, const inline_name *nm, size_t min)
{
	for (size_t k = 0; k < sv->count; k++)
		if (sv->names[k].places >= min && !sv->names[k].prose &&
		    (initials_of(nm, &sv->names[k]) || initials_of(&sv->names[k], nm)))
			return 1;
	return 0;
}

/* A name whose places start lines: one that recurs or opens a line, or
 * the full name of one that recurs. */
static int splits(const inline_survey *sv, const inline_name *nm)
{
	return nm && !nm->prose && (nm->places >= 2 || nm->opens || related(sv, nm, 2));
}

/* Do a few names, taking turns, make the document's places inside
 * lines, one of them (or its full name) opening a line too? */
static int decide(const inline_survey *sv)
{
	size_t recurring = 0, known = 0;
	int opens = 0;
	for (size_t k = 0; k < sv->count; k++) {
		const inline_name *nm = &sv->names[k];
		if (nm->prose)
			continue;
		recurring += nm->places >= INLINE_RECURRING;
		known += nm->places >= 2 ? nm->places : 0;
		opens |= nm->opens && (nm->places || related(sv, nm, INLINE_RECURRING));
	}
	return sv->places >= INLINE_MIN && recurring >= 2 && known * 4 >= sv->places * 3 &&
	       sv->varied * 2 >= sv->places && opens;
}

/* Start a line at each place of a name that splits in t, from the last
 * back, so that the offsets of those before stay.  -1 on no memory. */
static int split_text(steno_doc *doc, inline_survey *sv, steno_node *t)
{
	const char *s = node_literal(t);
	size_t len = node_len(t);
	const char *colon = memchr(s, ':', len);
	/* the line's own label, read as any other, is left */
	size_t from = colon && label_colon(s, len, (size_t)(colon - s)) &&
	                              opens_line(t, s, (size_t)(colon - s))
	                      ? (size_t)(colon - s) + 1
	                      : 0;
	for (size_t c = len; c-- > from;) {
		size_t i, q;
		inline_name *nm;
		if (s[c] != ':' || !label_colon(s, len, c) || (i = name_before(s, c)) == c ||
		    !splits(sv, nm = find(sv, s + i, c - i, 0)))
			continue;
		/* the blanks before the name become the line's end; glued to
		 * the sentence ("...DH:"), the name's line is a copy, as the
		 * cut ends the text before it with a NUL */
		for (q = i; q && s[q - 1] == ' ';)
			q--;
		steno_node *rest = q < i ? transcript_text_cut(doc, t, i, len)
		                         : transcript_text_node(doc, s + i, len - i, 0);
		steno_node *brk = node_add(doc, NULL, STENO_NODE_SOFT_BREAK);
		if (!rest || !brk)
			return -1;
		steno_node *next = node_next(t);
		if (next) {
			steno_node_insert_before(next, brk);
			steno_node_insert_before(next, rest);
		} else {
			node_append(node_parent(t), brk);
			node_append(node_parent(t), rest);
		}
		transcript_text_keep(t, 0, q);
		len = q;
		c = q;
	}
	return 0;
}

static int each_text(steno_node **list, size_t count, inline_survey *sv, steno_doc *doc)
{
	for (size_t k = 0; k < count; k++)
		for (steno_node *p = node_first(list[k]); p; p = node_next(p)) {
			if (p->type != STENO_NODE_PARAGRAPH)
				continue;
			for (steno_node *t = node_first(p), *next; t; t = next) {
				next = node_next(t);
				if (t->type != STENO_NODE_TEXT)
					continue;
				if (doc) {
					if (split_text(doc, sv, t) < 0)
						return -1;
				} else if (sv->read > INLINE_PROBE && sv->places < 2) {
					return 0;
				} else {
					survey_text(sv, t);
				}
			}
		}
	return 0;
}

int transcript_inline(steno_doc *doc, steno_node **list, size_t count)
{
	inline_survey sv = {0};
	each_text(list, count, &sv, NULL);
	return decide(&sv) ? each_text(list, count, &sv, doc) : 0;
}
