/* cues_in.h - captions into a transcript: what the WebVTT and SRT
 * readers share.  A reader finds cues and their text; this puts them
 * into the tree: each cue's start a time node, consecutive cues of one
 * speaker one turn, paragraphs at pauses and sentence ends. */
#ifndef STENO_CUES_IN_H
#define STENO_CUES_IN_H

#include "core/node.h"

/* A paragraph that has this much text breaks at the next sentence end. */
#define CUES_PARAGRAPH_BYTES 400
/* Lines a rolling caption repeats from the cue before, at most. */
#define CUES_ROLL_LINES 3

/* A line of a cue's text as written, for finding repeated lines. */
typedef struct cues_line {
	const char *s;
	size_t len;
	int rolled; /* it has word times, or repeats a line that had */
} cues_line;

typedef struct cues_in {
	steno_doc *doc;
	int pause_ms;       /* negative: pauses never break paragraphs */
	steno_node *turn;   /* the open turn, or NULL: paragraphs in the document */
	steno_node *para;   /* the open paragraph, or NULL */
	size_t para_bytes;  /* its text so far */
	const char *speaker; /* the open turn's speaker id, or NULL */
	steno_node *cue;    /* the cue's time node, until its first content places it */
	int64_t cue_start, cue_end;
	int cue_line;       /* its timing line, for source positions */
	int changes;        /* a turn begins at the next content: a voice or a mark */
	const char *pending_voice; /* its speaker id, or NULL when unknown */
	const char *pending_label; /* the capitals label after a mark, as written */
	int pending_mark;   /* a mark asked for it: a turn even for the same voice */
	int pending_break;  /* a line break held back until the next line's content */
	int64_t last_end;   /* the end of the cue before, or STENO_TIME_NONE */
	int sentence_end;   /* the text so far ends a sentence */
	int line_start;     /* the next text starts a line of the cue */
	int cue_said;       /* the cue has text before the line being read */
	int cue_dashed;     /* its first line opened with "- " */
	cues_line prev[CUES_ROLL_LINES]; /* the last lines of the cue before */
	size_t prev_count;
	size_t cues;        /* cues read */
	/* The last speaker's name as written and its id: a cue's voice is
	 * most often the one before's. */
	char named[64];
	size_t named_len;
	const char *named_id;
} cues_in;

void cues_in_init(cues_in *c, steno_doc *doc, const steno_options *opts);

/* A cue from start to end (ms); written: its start as written, in the
 * reader's own buffer, which the node takes rather than a copy:
 * written[written_len] becomes its NUL, so the reader must be done with
 * that byte.  Returns the cue's time node, which the reader may give
 * attributes (its end is one already), NULL on no memory.  Its text
 * follows through the calls below, then cues_in_end. */
steno_node *cues_in_cue(cues_in *c, int64_t start, int64_t end, char *written,
                        size_t written_len, int line);
/* The inline container the cue's next content goes into, once its place
 * is settled (a new turn or paragraph); NULL on no memory.  Text goes
 * through cues_in_text, which also reads speaker-change marks. */
steno_node *cues_in_container(cues_in *c);
/* Text of the cue, copied.  parent NULL: at the cue's own level, where
 * a ">>" or "- " opening a line changes the speaker (and a "NAME:" in
 * capitals after it names the new one); else an inline element the
 * reader made in the container.  -1 on no memory. */
int cues_in_text(cues_in *c, steno_node *parent, const char *s, size_t len);
/* The same for text in the reader's own buffer, which the node takes
 * rather than a copy: s[len] becomes its NUL, so the reader must be
 * done with that byte (captions are mostly text: a copy of each piece
 * was most of a document's memory). */
int cues_in_text_shared(cues_in *c, steno_node *parent, char *s, size_t len);
/* A line break inside the cue's text (parent as for cues_in_text). */
int cues_in_break(cues_in *c, steno_node *parent);
/* The speaker changes to name (a <v> voice) at the cue's next content. */
int cues_in_voice(cues_in *c, const char *name, size_t len);
/* A block between cues (a comment): in the open turn, or the document;
 * the next cue starts a paragraph after it.  NULL on no memory. */
steno_node *cues_in_block(cues_in *c, steno_node_type type);
/* The cue's text is done; -1 on no memory. */
int cues_in_end(cues_in *c);

/* How many of a cue's first lines (at most CUES_ROLL_LINES) repeat the
 * last lines of the cue before as captions that roll up a line at a
 * time repeat them: the same words without their word times, of a line
 * that had them (or repeated one that had).  The cue's last lines are
 * kept for the next; they must outlive the next call. */
size_t cues_in_repeated(cues_in *c, cues_line *lines, size_t count);

/* A caption file decoded to UTF-8 as both readers take it: opts'
 * encoding, else UTF-16 without a byte-order mark when it reads so, else
 * UTF-8 or Windows-1252; each guess and replacement is a warning on doc,
 * which owns the buffer.  Its length in *n; NULL with err set on failure. */
char *cues_decode(steno_doc *doc, const char *data, size_t len, const steno_options *opts,
                  size_t *n, steno_error *err);

/* Lines at LF, CR or CRLF.  The next LF and CR are remembered, not
 * searched for at every line, so a file without a CR is not searched
 * to its end once per line. */
typedef struct cues_scanner {
	char *buf; /* the decoded input, which text and time nodes share */
	size_t pos, end, lf, cr;
	int no; /* the number of the line at pos */
} cues_scanner;

void cues_scanner_init(cues_scanner *sc, char *buf, size_t len);
/* The next line, without its end, into s[0..*len); 0 past the end. */
int cues_next_line(cues_scanner *sc, char **s, size_t *len);

/* "UTF-16LE" or "UTF-16BE" when data, without a byte-order mark, reads
 * as UTF-16 (every other byte NUL, as ASCII text is), else NULL. */
const char *cues_utf16_guess(const char *data, size_t len);

/* Does s[0..len) hold a word time ("<00:00:01.500>")? */
int cues_has_word_times(const char *s, size_t len);

/* A cue time at s[0..len): its length and the time in *ms, or 0.
 * strict: WebVTT's timestamp, [hh:]mm:ss.ttt with two-digit minutes and
 * seconds and three digits of milliseconds (hours any number of
 * digits).  Otherwise SubRip's as files write it: h:m:s with one or two
 * digits each, ',' or '.' and one to three digits of milliseconds, or
 * none.  Hours beyond CUES_MAX_HOURS are no time of a recording: 0. */
#define CUES_MAX_HOURS 1000000LL
size_t cues_time(const char *s, size_t len, int strict, int64_t *ms);

#endif
