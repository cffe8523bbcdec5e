/* transcript.h - what the transcript and quotes passes share: the
 * grammar of timestamps, stage directions, speaker labels and datelines
 * (on strings), and the few tree helpers both passes need. */
#ifndef STENO_TRANSCRIPT_H
#define STENO_TRANSCRIPT_H

#include "core/node.h"

/* ---- timestamps (transcript_lex.c) ---- */

/* Where a timestamp may stand: bare ones only at a line's start. */
enum { TRANSCRIPT_TIME_BRACKETED = 1, TRANSCRIPT_TIME_BARE = 2 };

/* The length of the timestamp at s[0..len) and its time in *ms, or 0.
 * Bracketed: [h:mm:ss], (mm:ss), [d:hh:mm:ss], with .mmm or ,mmm.
 * Bare (when allowed): h:mm:ss with an optional fraction, or m:ss when
 * short_bare is set (a caption's "Speaker 1  0:05").  A bare time must
 * not run on into a digit, a colon or a letter. */
size_t transcript_time(const char *s, size_t len, int allow, int short_bare, int64_t *ms);

/* The length of the stage direction ("[Laughter]", "(Applause.)",
 * "[inaudible 00:12:01]") at s[0..len), its kind in *kind; 0 if none. */
size_t transcript_event(const char *s, size_t len, const char **kind);

/* ---- the news lead (transcript_lex.c) ---- */

typedef struct transcript_dateline {
	size_t len; /* bytes of "BEIJING, Dec. 29 (Xinhua) --" */
	const char *place, *date, *agency;
	size_t place_len, date_len, agency_len; /* date and agency may be 0 */
} transcript_dateline;

/* A dateline at the start of s, or 0. */
int transcript_dateline_parse(const char *s, size_t len, transcript_dateline *d);
/* The length of a scraped "date 2022-12-29 " prefix, the date's 10
 * bytes at s + 5; 0 if none. */
size_t transcript_date_prefix(const char *s, size_t len);

/* ---- speaker labels (transcript_label.c) ---- */

/* The case of the letter at s: 1 upper, -1 lower, 0 neither, for ASCII,
 * Latin-1, Greek and Cyrillic ("ИВАНОВ", "ΝΙΚΟΣ" are capitals as "ROE"
 * is); its bytes in *n. */
int transcript_letter_case(const char *s, size_t len, size_t *n);

#define TRANSCRIPT_ID_MAX 128

/* The shapes a label comes in.  A document keeps to a few of them, so
 * the pass counts each shape before it trusts one (transcript_survey.c). */
enum transcript_shape {
	TRANSCRIPT_SHAPE_COLON,   /* "TAN KEFEI: ...", "Q: ...", "**Tan Kefei:**" */
	TRANSCRIPT_SHAPE_TIGHT,   /* "AvD:..." with nothing between colon and text */
	TRANSCRIPT_SHAPE_PERIOD,  /* "Mr. SMITH. Thank you.", "Mephistopheles." alone */
	TRANSCRIPT_SHAPE_SPACES,  /* "Q    Thanks." or "MR. ROE   Well": a gap, no colon */
	TRANSCRIPT_SHAPE_BRACKET, /* "[Speaker 2] text" */
	TRANSCRIPT_SHAPE_NICK,    /* "mk: that makes sense", "<Ege> +1": scribed or chat minutes */
	TRANSCRIPT_SHAPE_ALONE,   /* "Operator", "Tim Cook -- CEO": a name alone, the speech under it */
	TRANSCRIPT_SHAPE_DASH,    /* "**Ann Lee** (6:28) - text": a dash for a colon */
	TRANSCRIPT_SHAPE_VERB,    /* "Alice says: text": a verb of saying before the colon */
	TRANSCRIPT_SHAPE_COUNT
};

/* An attribute a label gives its speaker: "ACME BANK" after a comma,
 * "(Northtown)" and "(Con)" after a name. */
typedef struct transcript_attr {
	const char *name, *value;
	size_t len;
} transcript_attr;

typedef struct transcript_label {
	const char *name; /* the speaker's name as written */
	size_t name_len;
	const char *role; /* a role in parentheses, or "question", ... */
	size_t role_len;
	const char *written; /* the label as written, without its colon */
	size_t written_len;
	int64_t ms; /* a time in the label ("Speaker 1 (00:05):"), or STENO_TIME_NONE */
	/* What of the line stays text: a leading timestamp and what follows
	 * the label. */
	size_t keep_off[2], keep_len[2];
	int keep_count;
	size_t said_off; /* where what the label introduces starts (len if nothing) */
	int strong; /* a label that prose hardly has: caps, Q, a role, a time */
	int qa;     /* 'q' or 'a' for questions and answers, else 0 */
	int shape;  /* an enum transcript_shape */
	int alias;  /* the role is the name's short form: "Anna van Dijk (AvD)" */
	int bare;   /* alone on its line with nothing but the name: "Danny" */
	int markup; /* set in bold or italics */
	int timed;  /* a time opens its line: "00:00:05 Ann Lee" */
	int marked; /* a circle opens its line: "○議長", "◯위원장" */
	int numbered; /* "Q1", "A 12": an exchange's number after Q or A */
	/* a time written after the label's markup, "**Ann Lee** (6:28) -",
	 * which the label as written then includes */
	const char *time_text;
	size_t time_text_len;
	int margin; /* the line opens with a court reporter's line number */
	int loose;  /* of a shape prose writes too (transcript_label_loose) */
	int caseless; /* of them, a name in a script without case ("甲 ...") */
	int icon;   /* an avatar image (transcript_icon_label) */
	int comma_role; /* the role came after a comma, as prose writes lists */
	const char *verb; /* of TRANSCRIPT_SHAPE_VERB: the verb ("says"), after the name */
	size_t verb_len;
	int quoted;       /* of them, what follows opens with a quotation mark */
	transcript_attr attrs[2];
	int attr_count;
} transcript_label;

/* What a label's name says wherever it is written.  A transcript names
 * the same few speakers thousands of times, so reading a label is two
 * steps: its shape (transcript_label_in_text, transcript_label_whole), then its name's
 * judgement, which a caller may keep per name (transcript_name_judge) and apply
 * to each label of that name (transcript_label_judged). */
typedef struct transcript_name {
	int prose;  /* a name prose puts before a colon: "Note", "The answer" */
	int qa;     /* 'q' or 'a' for questions and answers, else 0 */
	int strong; /* capitals, Q or A, a role ("Moderator") */
	int weak;   /* a speaker only if named again: "The Prime Minister" */
	int role;   /* a word of a role: "Operator", "Speaker 2" */
	int diarised; /* a diarisation's id in lower case: "spk05" */
} transcript_name;

/* The shape of a speaker label at the start of a line of text
 * s[0..len): "Q: ...", "TAN KEFEI: ...", "[00:01:02] Q: ...",
 * "Speaker 1 (00:05): ...", "Speaker 1  0:05", "Q    ..." (two or more
 * blanks), and the shapes of enum transcript_shape.  A court reporter's line
 * number before the label is kept as text and sets margin. */
int transcript_label_in_text(const char *s, size_t len, transcript_label *lab);
/* A label of a shape prose writes as often, read only where a
 * paragraph opens and taken only when a cast of them opens most
 * paragraphs (transcript_survey_decide): one to three words in title
 * case and a full stop before more ("Placida. Finalmente", "Don Berto.
 * Sì"), or words in capitals and one blank before words that are not
 * ("CORALLINA Vi ripeto"); or, at any line's start (opens says whether
 * a paragraph opens there), a name of a few characters in a script
 * without case and one blank ("甲 相声这个艺术简单。", as crosstalk is
 * written).  Sets loose. */
int transcript_label_loose(const char *s, size_t len, int opens, transcript_label *lab);
/* The shape of a label that is the whole of s (the text of "**Tan
 * Kefei:**"), its colon optional: *has_colon says whether it was there. */
int transcript_label_whole(const char *s, size_t len, int *has_colon, transcript_label *lab);
/* The text s[0..len) after a label in markup that held no colon: a
 * time ("(6:28)", "[1:02]") unless the label has one, then a colon or
 * a dash, and blanks.  The bytes that belong to the label (sets its
 * shape and time), or 0 when there is no separator. */
size_t transcript_label_after_markup(const char *s, size_t len, transcript_label *lab);
/* "<Ege>" as Markdown reads it, an HTML tag of its own: the nickname of
 * a chat log pasted into Markdown when it names no element of HTML. */
int transcript_chat_nick(const char *s, size_t len, transcript_label *lab);

/* An avatar image opening a chat's message, s[0..len) the raw HTML
 * "<img src='.../kei/icon' alt='/nishio/kei.icon'>": a nickname label,
 * the name the alternative text's last path part less its extension
 * ("kei").  1 if so, filling lab. */
int transcript_icon_label(const char *s, size_t len, transcript_label *lab);
void transcript_name_judge(const char *name, size_t len, transcript_name *judged);
/* Is the label of that shape one, its name judged so?  Sets qa and the
 * role and strength the name gives. */
int transcript_label_judged(transcript_label *lab, const transcript_name *judged);
/* Is s[0..len) a title of rank or office ("Colonel", "minister"), any
 * case?  Titles stay in a speaker's name and out of the id. */
int transcript_is_title(const char *s, size_t len);
/* The speaker id for a label: "tan-kefei", "q", "ms-okafor"; titles of
 * rank and office ("Senior Colonel") do not count, case does not. */
void transcript_speaker_id(const transcript_label *lab, char out[TRANSCRIPT_ID_MAX]);

/* ---- the survey (transcript_survey.c) ----
 *
 * Before any line becomes a turn, every line start of the document's
 * paragraphs is read once and its candidate label counted by shape and
 * by name; then the shapes that explain the document are chosen, and
 * only labels in those shapes become turns. */

/* Distinct verbs of saying the survey counts: a log keeps to one or two. */
#define VERB_SLOTS 4

typedef struct transcript_survey {
	size_t lines[TRANSCRIPT_SHAPE_COUNT];          /* candidate labels of each shape */
	size_t names[TRANSCRIPT_SHAPE_COUNT];          /* distinct names among them */
	size_t recurring[TRANSCRIPT_SHAPE_COUNT];      /* names labelled twice or more */
	size_t weak_recurring[TRANSCRIPT_SHAPE_COUNT]; /* of them, names like "The Chair" */
	size_t strong[TRANSCRIPT_SHAPE_COUNT];         /* labels prose hardly writes */
	/* names of a title and capitals labelled so ("Mr. BROWN", "The
	 * PRESIDING OFFICER"), with words in lower case said after them
	 * (transcript.c) */
	size_t strong_names[TRANSCRIPT_SHAPE_COUNT];
	int questions, answers;
	size_t named_recurring; /* names labelled twice or more, not Q or A */
	size_t diarised;        /* distinct diarisation ids ("spk05") */
	size_t line_only;       /* labels with a colon that are all of their line */
	/* labels with a colon whose name comes after the one before in
	 * the alphabet, and that name: a glossary's terms are in order */
	size_t colon_sorted;
	const char *colon_prev;
	size_t colon_prev_len;
	size_t headlines;       /* labels with a colon over a headline (transcript.c) */
	size_t in_markup; /* candidate labels set in bold or italics, of lines */
	/* names alone on a line with nothing said of them ("Danny"): their
	 * lines, names labelled twice, and how often a name was followed by
	 * another name than the last time (headings repeat in a cycle,
	 * speakers do not) */
	size_t bare_lines, bare_recurring, alone_varied;
	/* of those: full names labelled three times, and lines with a
	 * sentence, and with a question, under them (transcript.c): a pair
	 * that interviews */
	size_t bare_pair, bare_speech, bare_questions;
	int bare_ok; /* such names are the document's labels */
	int bare_pair_ok; /* of which only those named twice (a pair the text names) */
	int bare_once;    /* or, in a short excerpt, those named once too */
	/* labels of a shape prose writes too, where paragraphs open
	 * (transcript_label_loose): their lines, names labelled twice, how
	 * often one names another than the one before, and the paragraphs
	 * of the first and the last (counting from 1) */
	size_t loose_lines, loose_recurring, loose_varied, loose_first, loose_last;
	/* of them, those in a script without case, and the lines (counting
	 * from 1) of the first and the last loose label */
	size_t loose_caseless, loose_first_line, loose_last_line, loose_names;
	size_t paragraphs; /* surveyed so far */
	int loose_ok;      /* such labels are the document's */
	size_t text_lines, margin_lines; /* for the court reporter's layout */
	/* lines opening with a number one more than the last line's: a
	 * transcript of talk numbering its lines through */
	size_t counted_lines;
	unsigned last_number;
	/* the verbs of labels of TRANSCRIPT_SHAPE_VERB, the first few met,
	 * with their labels; and the slot of the one most of them take,
	 * once chosen (VERB_SLOTS for none) */
	const char *verbs[VERB_SLOTS];
	size_t verbs_len[VERB_SLOTS], verbs_count[VERB_SLOTS];
	size_t verb;
	size_t verbs_quoted; /* such labels before a quotation mark */
	unsigned shapes; /* the chosen shapes, a bit each */
	int layout;      /* line numbers in the margin: labels come after them */
} transcript_survey;

/* A line start of a paragraph, margin set when it opens with a court
 * reporter's line number; s[0..len) its text (NULL when it opens with
 * no text). */
void transcript_survey_line(transcript_survey *sv, int margin, const char *s, size_t len);
/* A candidate label; count is how often its person has been labelled
 * so far, this one included; judged its name's judgement. */
void transcript_survey_label(transcript_survey *sv, const transcript_label *lab,
                             const transcript_name *judged, size_t count);
/* Choose the shapes; 1 when the document is a transcript. */
int transcript_survey_decide(transcript_survey *sv);
/* Would names alone on their lines be the document's labels if the
 * text showed them to be people: two or more labelled twice, speech
 * under three in four (2); or, a role alone among them, those over
 * speech once each (1); no other shape taken? */
int transcript_survey_pair(const transcript_survey *sv);
/* Does a label of that shape and name become a turn?  count is how
 * often the document labels its name in all; judged its judgement. */
int transcript_survey_accepts(const transcript_survey *sv, const transcript_label *lab,
                              const transcript_name *judged, size_t count);
/* The slot of the verb s[0..len) of a label of TRANSCRIPT_SHAPE_VERB
 * ("says" in "Alice says: ..."), VERB_SLOTS when it has none; the
 * document's verb, once chosen, is sv->verb's slot. */
size_t transcript_survey_verb_slot(const transcript_survey *sv, const char *s, size_t len);

/* ---- the court reporter's page (transcript_layout.c) ---- */

/* Before the survey: when the paragraphs and headings of the containers
 * list[0..count) are numbered pages (a margin column counting 1 to N on
 * each page), margin numbers leave the text for empty events of kind
 * "line" and each page starts with one of kind "pagebreak", both with
 * the number in the attribute n; lines between pages that recur on most
 * pages become notes of kind "furniture"; form feeds go; and the lines
 * are joined into paragraphs, a new one where a line is set in from the
 * text's edge.  *paras, the paragraphs the containers hold, is kept
 * right.  Anything else is left as it is.  0, or -1 on no memory. */
int transcript_layout(steno_doc *doc, steno_node **list, size_t count, size_t *paras);

/* Labels inside lines (transcript_inline.c): where a few names and a
 * colon recur after sentences' ends inside lines ("... we'll try. BF:
 * Nice show."), a line starts at each of them.  -1 on no memory. */
int transcript_inline(steno_doc *doc, steno_node **list, size_t count);

/* Is n an anchor: an empty event (a line's number, a page break, TEI's
 * <pb/>) that stands at a place in the text and holds none? */
static inline int transcript_is_anchor(const steno_node *n)
{
	return n->type == STENO_NODE_EVENT && !node_len(n);
}

/* ---- tree helpers (transcript_lex.c) ---- */

/* Is n a text node of blanks only (or empty)? */
int transcript_blank_text(const steno_node *n);
/* Is paragraph p all in bold (blanks aside)?  2 when it ends in a
 * question mark, as an interviewer's questions set in bold do, 1 when
 * not, 0 when p is not all bold. */
int transcript_bold_paragraph(const steno_node *p);

/* The length of a court reporter's margin number ("12" then blanks,
 * 1 to 25) opening s, blanks included; 0 if none (transcript_lex.c). */
size_t transcript_margin(const char *s, size_t len);
/* The length of a line's number as transcripts of talk number every
 * line ("01 T: what is this?", "127\tS1: a cat"): one to four digits
 * and a blank or a tab, blanks included; its value in *value.  0 if
 * none.  Only numbers that count up from line to line make such a
 * transcript (transcript_survey). */
size_t transcript_line_number(const char *s, size_t len, unsigned *value);
/* A chat export's stamp before the sender: "12/10/25, 14:03 - "
 * (Android), "[12/10/25, 14:03:22] " (iOS) or a game's "9/1
 * 04:23:54.396  " (the seconds' fraction and two blanks, the year
 * optional); its length with the blanks after it, or 0. */
size_t transcript_chat_stamp(const char *s, size_t len);
/* The length of the blank at s[i]: a space, a tab or a no-break space. */
size_t transcript_gap(const char *s, size_t len, size_t i);
/* The length of the invisible format characters opening s: marks of
 * direction, zero-width spaces and joiners, a byte-order mark. */
size_t transcript_invisible(const char *s, size_t len);

/* Space or tab (inline: asked of every byte at a line's edges). */
static inline int transcript_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A TEXT node holding s[0..len); shares s when s + len is the end of a
 * NUL-terminated literal (tail set), copies it otherwise. */
steno_node *transcript_text_node(steno_doc *doc, const char *s, size_t len, int tail);
/* The part from..to of TEXT node t's literal, without a copy: a new
 * node (cut) or t itself (keep), as a fresh node would hold it (no
 * source position, no attributes).  When to is not t's end, a NUL is
 * written there, so the byte at to must be one the pass drops (a
 * quotation mark, a label) or has copied (a time, an event). */
steno_node *transcript_text_cut(steno_doc *doc, const steno_node *t, size_t from, size_t to);
void transcript_text_keep(steno_node *t, size_t from, size_t to);
/* Does plain text follow the plain text t, so the two can be joined?  A
 * piece with attributes (a TEI <name>, <date>) keeps its node, and its
 * attributes with it. */
int transcript_can_merge(const steno_node *t);
/* Join t and the plain TEXT siblings right after it into t. */
steno_status transcript_merge_run(steno_doc *doc, steno_node *t);
/* Join runs of adjacent TEXT siblings under every inline container, so
 * the passes see "[Laughter]" whole even where a reader split it, and
 * list the nodes of the types want accepts, in document order: a
 * malloc'd array (caller frees), NULL on no memory.  *paras is the
 * number of paragraphs whose parent is such a node. */
steno_node **transcript_collect(steno_doc *doc, int (*want)(steno_node_type), size_t *count,
                                size_t *paras);

/* A walk of the tree under root in document order, without recursion:
 * enter(n) on the way down returns the node the walk goes on from (n,
 * or the sibling n became; NULL on failure); leave(n) once n's subtree
 * is done may rebuild n's children, not its siblings (-1 on failure).
 * Either may be NULL.  Embed it first in a pass's own state. */
typedef struct transcript_walker {
	steno_node *(*enter)(struct transcript_walker *w, steno_node *n);
	int (*leave)(struct transcript_walker *w, steno_node *n);
} transcript_walker;
/* 0, or -1 when a callback failed. */
int transcript_walk(steno_node *root, transcript_walker *w);
/* Soft and hard line breaks (inline: asked of nearly every node). */
static inline int transcript_is_break(const steno_node *n)
{
	return n && (n->type == STENO_NODE_SOFT_BREAK || n->type == STENO_NODE_LINE_BREAK);
}

#endif
