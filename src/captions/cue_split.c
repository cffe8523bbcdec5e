/* cue_split.c - cues and lines out of caption text (see cue_split.h).
 *
 * Both work a unit at a time: a word, or a line's piece of a word too
 * long for a line.  A cue is found by laying units out greedily until
 * the next would pass a limit, remembering where each could end and
 * how strongly the text pauses there; the end is then chosen for the
 * pause and for length.  The scan never looks further than what one
 * cue can hold, so splitting a block costs time linear in it. */
#include <stdlib.h>

#include "captions/cue_split.h"
#include "core/grow.h"
#include "core/utf8.h"

/* How strongly the text pauses after a unit, weakest first. */
enum pause { PAUSE_PIECE, PAUSE_WORD, PAUSE_CLAUSE, PAUSE_SENTENCE };

typedef struct cue_candidate {
	size_t end;   /* byte offset after the unit */
	size_t chars; /* characters from the cue's start */
	int pause;
} cue_candidate;

/* A unit as the lines of a cue are laid out from it: bytes from the
 * cue's start. */
typedef struct cue_word {
	size_t start, end, chars;
	int spaced; /* a space (or the label's) before it */
} cue_word;

void cue_scratch_free(cue_scratch *s)
{
	free(s->cand);
	free(s->words);
	*s = (cue_scratch){0};
}

/* Room for count + 1 candidates and words; 0 when memory is short. */
static int scratch_room(cue_scratch *s, size_t count)
{
	if (count < s->cap && count < s->words_cap)
		return 1;
	cue_candidate *c = grow_array(s->cand, &s->cap, count + 1, sizeof *c);
	if (c)
		s->cand = c;
	cue_word *w = c ? grow_array(s->words, &s->words_cap, count + 1, sizeof *w) : NULL;
	if (w)
		s->words = w;
	return w != NULL;
}

/* The code point at s[i..len) and its length (at least 1: a stray byte
 * counts as a character of its own). */
static uint32_t char_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;
	*n = utf8_decode(s + i, len - i, &cp);
	if (!*n) {
		*n = 1;
		cp = (unsigned char)s[i];
	}
	return cp;
}

int cue_char_is_mark(uint32_t cp)
{
	if (cp < 0x300)
		return 0;
	return cp <= 0x36F || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D;
}

/* Caption text is mostly ASCII, a character a byte: runs of it are
 * counted whole, and only what lies between them is decoded. */
size_t cue_char_count(const char *s, size_t len)
{
	size_t chars = 0, i = 0, n;
	for (;;) {
		size_t run = utf8_ascii_run(s + i, len - i);
		chars += run;
		if ((i += run) == len)
			return chars;
		chars += !cue_char_is_mark(char_at(s, len, i, &n));
		i += n;
	}
}

/* Marks that close what a pause ends: "Yes." and (yes.) pause alike. */
static int is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0xBB ||
	       cp == 0x2019 || cp == 0x201D || cp == 0x203A || cp == 0x300D || cp == 0x300F;
}

static int ends_sentence(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C ||
	       cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int ends_clause(uint32_t cp)
{
	return cp == ',' || cp == ';' || cp == ':' || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
	       cp == 0x3001 || cp == 0xFF0C || cp == 0xFF1A || cp == 0xFF1B;
}

/* The pause after the word s[start..end): its last character that is
 * not a closing mark says. */
static int word_pause(const char *s, size_t start, size_t end)
{
	size_t i = end, n;
	while (i > start) {
		size_t j = i - 1;
		uint32_t cp = (unsigned char)s[j];
		if (cp >= 0x80) {
			while (j > start && ((unsigned char)s[j] & 0xC0) == 0x80)
				j--;
			cp = char_at(s, i, j, &n);
		}
		i = j;
		if (is_closer(cp))
			continue;
		return ends_sentence(cp) ? PAUSE_SENTENCE : ends_clause(cp) ? PAUSE_CLAUSE : PAUSE_WORD;
	}
	return PAUSE_WORD;
}

/* The end of the unit at pos, with its characters in *chars: the word
 * there, or its first width characters (with the marks that belong to
 * the last) when it is longer.  An ASCII byte is a character and no
 * mark: runs of them are taken as far as the width allows, and only
 * other bytes are decoded. */
static size_t unit_at(const char *s, size_t len, size_t pos, size_t width, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = pos, count = 0, n;
	while (i < len && p[i] != ' ') {
		if (p[i] < 0x80) {
			size_t room = width - count, stop = room < len - i ? i + room : len, from = i;
			while (i < stop && p[i] != ' ' && p[i] < 0x80)
				i++;
			if (i == from)
				break; /* a character past the width */
			count += i - from;
			continue;
		}
		int mark = cue_char_is_mark(char_at(s, len, i, &n));
		if (!mark && count == width)
			break;
		count += !mark;
		i += n;
	}
	*chars = count;
	return i;
}

/* How strongly the text pauses after the unit s[start..end) of
 * s[0..len). */
static int unit_pause(const char *s, size_t len, size_t start, size_t end)
{
	return end < len && s[end] != ' ' ? PAUSE_PIECE : word_pause(s, start, end);
}

/* Where the unit after one ending at end starts, and whether a space
 * comes first (not after a piece of a word). */
static size_t unit_next(const char *s, size_t len, size_t end, int *spaced)
{
	*spaced = end < len && s[end] == ' ';
	return end + (size_t)*spaced;
}

/* Lines laid out so far: how many, and the characters on the last. */
typedef struct layout {
	size_t lines, col;
} layout;

/* Put a unit of chars after the layout, a space before it if spaced;
 * whether it starts a new line. */
static int place(layout *l, size_t chars, int spaced, size_t width)
{
	if (l->col && l->col + (size_t)spaced + chars > width) {
		l->lines++;
		l->col = chars;
		return 1;
	}
	l->col += (l->col ? (size_t)spaced : 0) + chars;
	return 0;
}

/* The candidate among the first count to end the cue at, of those
 * whose pause is at least min_pause; 0 when there is none.  A pause is
 * worth a quarter of the room's length per step of strength, so a
 * sentence's end in its second half beats a mere word at its end.
 * When the rest of the text fits two cues, the two are made even
 * instead of a full cue and a scrap. */
static size_t choose(const cue_candidate *c, size_t count, size_t rest, int min_pause)
{
	size_t w = c[count - 1].chars, best = 0, best_cost = (size_t)-1;
	int two = rest <= 2 * w + 1;
	for (int pass = 0; pass < 2 && best_cost == (size_t)-1; pass++, two = 0)
		for (size_t k = 0; k < count; k++) {
			size_t x = c[k].chars, penalty = w * (size_t)(PAUSE_SENTENCE - c[k].pause) / 4;
			if (c[k].pause < min_pause || (two && rest - x > w + 1))
				continue;
			size_t off = two ? (2 * x > rest ? 2 * x - rest : rest - 2 * x) / 2 : w - x;
			if (off + penalty <= best_cost) {
				best_cost = off + penalty;
				best = c[k].end;
			}
		}
	return best;
}

size_t cue_split_next(const char *text, size_t len, size_t pos, size_t rest_chars,
                      const cue_limits *lim, double ms_per_char, size_t prefix,
                      cue_scratch *scratch)
{
	layout l = {1, prefix};
	size_t i = pos, chars = 0, count = 0;
	int spaced = prefix > 0; /* the label's space */
	for (;;) {
		size_t uchars, uend = unit_at(text, len, i, lim->chars, &uchars);
		layout next = l;
		place(&next, uchars, spaced, lim->chars);
		if (count && next.lines > lim->lines)
			break;
		l = next;
		chars += (count ? (size_t)spaced : 0) + uchars;
		if (!scratch_room(scratch, count))
			return 0;
		scratch->words[count] = (cue_word){i - pos, uend - pos, uchars, spaced};
		scratch->cand[count++] = (cue_candidate){uend, chars, unit_pause(text, len, i, uend)};
		if (uend >= len)
			break;
		i = unit_next(text, len, uend, &spaced);
	}
	scratch->count = count;
	/* Too long on screen: cut at a sentence's or clause's end that
	 * comes in time, else at the first there is.  Cutting between mere
	 * words would show a few words at a time of a text that takes long
	 * to say, for no gain in when they show: without such a pause the
	 * cue keeps its words, and its end is cut short (cues_out.c). */
	const cue_candidate *c = scratch->cand;
	size_t timely = count, end = 0;
	while (timely && (double)c[timely - 1].chars * ms_per_char > lim->max_ms)
		timely--;
	if (timely < count) {
		end = timely ? choose(c, timely, rest_chars, PAUSE_CLAUSE) : 0;
		for (size_t k = timely; !end && k + 1 < count; k++)
			if (c[k].pause >= PAUSE_CLAUSE)
				end = c[k].end;
	}
	if (end)
		return end;
	return c[count - 1].end >= len ? len : choose(c, count, rest_chars, PAUSE_PIECE);
}

/* Lay text[0..len) out greedily at width after prefix; returns the
 * number of lines and writes the first cap of them to out. */
static size_t wrap(const char *text, size_t len, size_t width, size_t prefix, cue_line *out,
                   size_t cap)
{
	layout l = {1, prefix};
	size_t i = 0, start = 0, end = 0;
	int spaced = prefix > 0;
	while (i < len) {
		size_t uchars, uend = unit_at(text, len, i, width, &uchars);
		if (place(&l, uchars, spaced, width)) {
			if (l.lines - 1 <= cap)
				out[l.lines - 2] = (cue_line){start, end};
			start = i;
		}
		end = uend;
		i = unit_next(text, len, uend, &spaced);
	}
	if (l.lines <= cap)
		out[l.lines - 1] = (cue_line){start, end};
	return l.lines;
}

/* wrap for text whose words, all of them at most width characters, are
 * words[0..count): the same lines without reading the text again.  The
 * longest line, label included, goes to *widest. */
static size_t wrap_words(const cue_word *words, size_t count, size_t width, size_t prefix,
                         cue_line *out, size_t cap, size_t *widest)
{
	layout l = {1, prefix};
	size_t start = 0, end = 0;
	*widest = 0;
	for (size_t k = 0; k < count; k++) {
		size_t col = l.col;
		if (place(&l, words[k].chars, words[k].spaced, width)) {
			if (col > *widest)
				*widest = col;
			if (l.lines - 1 <= cap)
				out[l.lines - 2] = (cue_line){start, end};
			start = words[k].start;
		}
		end = words[k].end;
	}
	if (l.col > *widest)
		*widest = l.col;
	if (l.lines <= cap)
		out[l.lines - 1] = (cue_line){start, end};
	return l.lines;
}

/* The words of text[0..len) into s->words; how many, or (size_t)-1
 * when memory is short. */
static size_t split_words(const char *text, size_t len, size_t prefix, cue_scratch *s)
{
	size_t count = 0, i = 0;
	int spaced = prefix > 0;
	while (i < len) {
		if (count == s->words_cap) {
			cue_word *w = grow_array(s->words, &s->words_cap, count + 1, sizeof *w);
			if (!w)
				return (size_t)-1;
			s->words = w;
		}
		size_t uchars, uend = unit_at(text, len, i, (size_t)-1, &uchars);
		s->words[count++] = (cue_word){i, uend, uchars, spaced};
		i = unit_next(text, len, uend, &spaced);
	}
	return count;
}

/* The lines of a cue whose words are w[0..count), none longer than
 * width, as cue_lines lays them out. */
static size_t lines_of_words(const cue_word *w, size_t count, size_t width, size_t prefix,
                             cue_line *out, size_t cap)
{
	size_t widest, lines = wrap_words(w, count, width, prefix, out, cap, &widest);
	if (lines < 2)
		return lines;
	/* The narrowest width that needs no more lines evens them out,
	 * found by bisection, each step a layout of the words alone.  Line
	 * counts only fall as the width grows, and greedy layout needs the
	 * fewest lines, so the search may start from bounds that hold for
	 * any layout of so many lines: no narrower than its longest word,
	 * nor than what its lines hold shared out evenly (when the label
	 * fits the width, as it then does), and no wider than the longest
	 * line of a layout that fits.  The lines hold the label, the words
	 * and the spaces between them, but for one space at most where
	 * each line but the first starts: a space counts after a word that
	 * has characters, and the label's after the label. */
	size_t longest = 0, held = prefix + (prefix > 0 && count && w[0].spaced);
	for (size_t k = 0; k < count; k++) {
		held += w[k].chars + (k && w[k].spaced && w[k - 1].chars);
		if (w[k].chars > longest)
			longest = w[k].chars;
	}
	size_t lo = longest + !longest, hi = widest < width ? widest : width;
	size_t even = held + 1 >= lines ? (held + 1 - lines + lines - 1) / lines : 0;
	if (prefix <= longest && even > lo)
		lo = even;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (wrap_words(w, count, mid, prefix, out, 0, &widest) <= lines)
			hi = widest < mid ? widest : mid;
		else
			lo = mid + 1;
	}
	return wrap_words(w, count, lo, prefix, out, cap, &widest);
}

size_t cue_lines(const char *text, size_t len, size_t width, size_t prefix, cue_line *out,
                 size_t cap, cue_scratch *scratch)
{
	size_t count = split_words(text, len, prefix, scratch);
	if (count == (size_t)-1)
		return 0;
	/* a word cut across lines is left where the full width cuts it */
	for (size_t k = 0; k < count; k++)
		if (scratch->words[k].chars > width)
			return wrap(text, len, width, prefix, out, cap);
	return lines_of_words(scratch->words, count, width, prefix, out, cap);
}

size_t cue_split_lines(const char *text, size_t pos, size_t end, const cue_limits *lim,
                       size_t prefix, cue_line *out, size_t cap, cue_scratch *scratch)
{
	/* Its units are its words, but where a word is cut: then a piece
	 * has the full width, which leaves cue_lines nothing to even out,
	 * and wrap's units at that width are these.  A text that ends in a
	 * space has one more, empty unit there, which is no word of it.  An
	 * end the splitter did not give is laid out from the text. */
	const cue_candidate *c = scratch->cand;
	size_t k = 0;
	while (k < scratch->count && c[k].end < end)
		k++;
	if (k == scratch->count || c[k].end != end)
		return cue_lines(text + pos, end - pos, lim->chars, prefix, out, cap, scratch);
	size_t count = k + (scratch->words[k].start < end - pos);
	return lines_of_words(scratch->words, count, lim->chars, prefix, out, cap);
}
