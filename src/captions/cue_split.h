/* cue_split.h - cutting a run of caption text into cues and a cue into
 * lines: at most so many lines of so many characters and so long on
 * screen, each cue ending where the text pauses (a sentence's end, then
 * a clause's, then a word's), each cue's lines of even length.
 *
 * The text is what cues_out.c collects: words separated by one space,
 * no space at either end, valid UTF-8.  A character is a code point,
 * but a combining mark, which a reader sees as part of the letter
 * before it, counts none; a space counts one.  A word longer than a
 * line is cut between characters, the only break inside a word. */
#ifndef STENO_CUE_SPLIT_H
#define STENO_CUE_SPLIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct cue_limits {
	size_t chars;  /* characters a line */
	size_t lines;  /* lines a cue */
	double max_ms; /* the longest time a cue stays on screen */
} cue_limits;

/* Room the splitter reuses from cue to cue; zeroed before the first
 * call, freed by cue_scratch_free. */
typedef struct cue_scratch {
	struct cue_candidate *cand; /* where the last cue found could end */
	size_t cap, count;
	struct cue_word *words; /* its units, for its lines */
	size_t words_cap;
} cue_scratch;

void cue_scratch_free(cue_scratch *s);

/* How many characters s[0..len) counts, as above. */
size_t cue_char_count(const char *s, size_t len);

/* Whether a combining mark: it counts no character and no line is cut
 * before it. */
int cue_char_is_mark(uint32_t cp);

/* The end (a byte offset, past pos) of the cue that starts at byte pos
 * of text[0..len): as much as fits its lines, ended where the text
 * pauses best; if that would last longer than lim->max_ms, ended at a
 * sentence's or clause's end that comes in time, when there is one.
 * rest_chars is what text[pos..len) counts; ms_per_char the time one
 * character takes; prefix the characters a label already takes on the
 * cue's first line (0 for none).  A cue holds at least one word (or a
 * line's piece of a longer one).  len when the rest fits; 0 when memory
 * is short. */
size_t cue_split_next(const char *text, size_t len, size_t pos, size_t rest_chars,
                      const cue_limits *lim, double ms_per_char, size_t prefix,
                      cue_scratch *scratch);

/* One line of a cue: bytes [start, end) of its text. */
typedef struct cue_line {
	size_t start, end;
} cue_line;

/* Break text[0..len), one cue, into lines of at most width characters,
 * the first after prefix characters of label, as evenly as the fewest
 * lines allow.  Writes at most cap lines into out and returns how many
 * there are; a first line that the label alone fills is empty.  0 when
 * memory is short. */
size_t cue_lines(const char *text, size_t len, size_t width, size_t prefix, cue_line *out,
                 size_t cap, cue_scratch *scratch);

/* cue_lines for the cue text[pos..end) that cue_split_next, called last
 * with this scratch, lim and prefix, has just found: the same lines
 * (bytes from pos), laid out from the units it read rather than from
 * reading the text again. */
size_t cue_split_lines(const char *text, size_t pos, size_t end, const cue_limits *lim,
                       size_t prefix, cue_line *out, size_t cap, cue_scratch *scratch);

#endif
