/* transcript.c - the transcript pass: a scraped date prefix and a
 * news dateline in the first paragraph; speaker labels into turns and
 * the speaker table; timestamps into time nodes; stage directions into
 * events, or notes when they stand alone; turn times.
 *
 * It works on the tree, so every reader's paragraphs get the same
 * treatment.  Each step is one walk over the tree, without recursion;
 * what a step does not understand stays text. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/table.h"
#include "core/utf8.h"
#include "core/walk.h"
#include "passes/passes.h"
#include "passes/transcript.h"

#define CSTR_MAX 256 /* bytes of a name, role or label copied for the API */

typedef struct transcript_pass {
	steno_doc *doc;
	transcript_survey sv;
	/* Labels are numbered in document order, the same in the survey
	 * and in the walk that builds turns. */
	size_t seq, first_recurring;
	size_t first_said; /* the number of the first label with words after it */
	size_t left;              /* labels of a chosen shape left as text */
	const struct known *left_name; /* the first of them, for the warning */
	steno_node *turn; /* the turn unlabelled paragraphs continue */
	struct known *last_alone; /* the last name met alone on its line */
	struct known *last_loose; /* the last name of a loose label */
	struct known *last_icon;  /* the last name of an avatar image */
	size_t icons, icons_varied; /* avatar images, and those of a name not the last's */
	/* The names met, by their bytes, and the people they name, by
	 * speaker id ("DR. ÅSTRÖM" and "Åström" are one), entries known *.
	 * The entries live in the arena, so a label may hold its entry
	 * while a table grows. */
	table names, people;
	/* A bit per line start the survey read, set where it found a label
	 * (or numbered one): the walk that builds turns meets the same line
	 * starts in the same order, and reads again only those.  malloc'd. */
	unsigned char *hits;
	size_t lines, hits_cap, line; /* lines surveyed; the walk's line */
	size_t numbered; /* lines a court reporter's number opens (transcript_layout) */
	int building; /* the survey is over: read only the lines it marked */
	/* An interview that sets its questions in bold and labels no one but
	 * the person answering, named alone before the first question:
	 * paragraphs all in bold, those ending in "?", those of them a plain
	 * paragraph answers; that name (NULL, or ambiguous when several). */
	size_t bold, questions, answered;
	struct known *answerer;
	int answerers, answer_due;
} transcript_pass;

/* A label found at the start of a line of a paragraph. */
/* Labels with a colon a document needs before a label placed otherwise
 * than three in four of them counts against its name. */
#define ODD_PLACE_MIN 8
/* Names a play labels again and again with a full stop before one it
 * names once is taken for a speaker. */
#define PLAY_CAST 3
/* Names of a cast of loose labels its text names mid-sentence at least. */
#define WEAK_CAST 2
/* Lines numbered in a margin that make the numbered lines a document's
 * text, as transcript_layout's LAYOUT_MIN_LINES make them pages. */
#define NUMBERED_TEXT 10
/* Questions in bold an interview without labels asks at least. */
#define INTERVIEW_QUESTIONS 4

typedef struct line_label {
	transcript_label lab;
	steno_node *node; /* the TEXT holding it, or the STRONG/EMPH that is it */
	int time_line;    /* the label's line follows a line of only a timestamp */
	int has_colon;    /* markup: the colon was inside the markup */
	steno_node *sep;  /* markup: the text after it holding its separator, */
	size_t sep_len;   /* whose first sep_len bytes go with the label */
	steno_node *link; /* markup: a time as a link between it and sep */
	struct known *name; /* the label's name, judged */
	size_t seq;       /* the label's number in document order */
	int opens;        /* on its paragraph's first line */
	int line_no;      /* a court reporter's line number opens its line */
	int line_end;     /* markup: nothing follows it on its line */
} line_label;

/* A NUL-terminated copy of s[0..len) (s may be NULL when len is 0). */
static void cstr(char *out, const char *s, size_t len)
{
	if (len >= CSTR_MAX)
		len = CSTR_MAX - 1;
	if (len)
		memcpy(out, s, len);
	out[len] = '\0';
}

/* cstr with each run of spaces one space: a name set in justified
 * text ("Tan  Sri  Bernard") is the same name. */
static void cstr_spaced(char *out, const char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < CSTR_MAX; i++)
		if (s[i] != ' ' || !o || out[o - 1] != ' ')
			out[o++] = s[i];
	out[o] = '\0';
}

/* ---- the news lead ---- */

static steno_status add_dateline(steno_doc *doc, steno_node *text, const transcript_dateline *d)
{
	char place[CSTR_MAX], date[CSTR_MAX], agency[CSTR_MAX];
	steno_node *dl = node_add(doc, NULL, STENO_NODE_DATELINE);
	steno_node *lead = transcript_text_node(doc, node_literal(text), d->len, 0);
	if (!dl || !lead)
		return STENO_ERR_NOMEM;
	cstr(place, d->place, d->place_len);
	cstr(date, d->date, d->date_len);
	cstr(agency, d->agency, d->agency_len);
	if (steno_node_set_dateline(dl, place, d->date_len ? date : NULL,
	                            d->agency_len ? agency : NULL) != STENO_OK)
		return STENO_ERR_NOMEM;
	node_append(dl, lead);
	steno_node_insert_before(text, dl);
	node_set_literal(text, node_literal(text) + d->len, node_len(text) - d->len);
	if (!node_len(text)) {
		steno_node_unlink(text);
		node_discard(text);
	}
	if (!steno_meta_get(doc, "place") && steno_meta_set(doc, "place", place) != STENO_OK)
		return STENO_ERR_NOMEM;
	return STENO_OK;
}

/* "date 2022-12-29 BEIJING, Dec.29 --" opening the first paragraph. */
static steno_status read_lead(steno_doc *doc)
{
	steno_node *p = doc->root;
	while (p && p->type != STENO_NODE_PARAGRAPH)
		p = node_next_preorder(p, doc->root);
	steno_node *text = p ? node_first(p) : NULL;
	if (!text || text->type != STENO_NODE_TEXT)
		return STENO_OK;
	size_t skip = transcript_date_prefix(node_literal(text), node_len(text));
	if (skip) {
		char date[11];
		cstr(date, node_literal(text) + 5, 10);
		if (!steno_meta_get(doc, "date") && steno_meta_set(doc, "date", date) != STENO_OK)
			return STENO_ERR_NOMEM;
		node_set_literal(text, node_literal(text) + skip, node_len(text) - skip);
	}
	transcript_dateline d;
	if (!transcript_dateline_parse(node_literal(text), node_len(text), &d))
		return STENO_OK;
	return add_dateline(doc, text, &d);
}

/* ---- the names of labels ----
 *
 * A transcript names the same few speakers in thousands of turns, so
 * each name as written is judged, normalised into an id and looked up
 * in the speaker table once; its turns then share one speaker array
 * and, while the label recurs, one "label" value.  Shared strings and
 * arrays are never written in place: attr_set copies, and a one-id
 * array is full, so steno_node_add_speaker copies it (node.h). */

typedef struct known {
	const char *name; /* the key: the label's name bytes (a copy) */
	size_t name_len;
	transcript_name judged;
	const char **ids; /* the one-id speaker array of its turns; NULL until one */
	size_t speaker;   /* its index in the document's table, once ids is set */
	const char *label; /* the last "label" value given for it, or NULL */
	size_t label_len;
	size_t count;      /* labels of this name (of a person: of any of its names) */
	size_t first_seq;  /* the number of its first label */
	size_t last_seq;   /* and of its last, while surveying */
	size_t alone;      /* its labels alone on a line, counted apart (see note_label) */
	size_t loose;      /* its loose labels, counted apart as well */
	struct known *next_alone; /* the name alone on a line that last came after it */
	struct known *long_form; /* for an alias ("AvD"), the name it stands for */
	struct known *person;    /* the entry of its speaker id, which counts its labels */
	int named_full;          /* of a person: the speaker's name is a label of its own id */
	int cue;                 /* alone with a screenplay's "(V.O.)" or "(CONT'D)" */
	size_t opening;          /* of a person: paragraphs its label opens, before the survey */
	int spoke;               /* alone on its line over speech, once at least */
	int cast;                /* named in the text as one of a cast (cast_named) */
	int said;                /* of a person: words in lower case follow a label of it */
	unsigned shapes;         /* of a person: the shapes its labels take (not alone) */
	unsigned verbs;          /* the survey's slots of the verbs its labels take ("says") */
} known;

typedef struct name_key {
	const char *s;
	size_t len;
} name_key;

static int same_name(uintptr_t entry, const void *key, const void *ctx)
{
	const known *k = (const known *)entry;
	const name_key *n = key;
	(void)ctx;
	return k->name_len == n->len && memcmp(k->name, n->s, n->len) == 0;
}

/* The entry of s[0..len) in tb, made the first time (*made set); NULL
 * on no memory. */
static known *known_entry(transcript_pass *t, table *tb, const char *s, size_t len, int *made)
{
	*made = 0;
	if (table_reserve(tb) < 0)
		return NULL;
	uint64_t h = hash_bytes(s, len);
	table_slot *slot = table_find(tb, h, same_name, &(name_key){s, len}, NULL);
	if (slot->entry)
		return (known *)slot->entry;
	char *key = arena_strndup(&t->doc->arena, s, len);
	known *k = arena_alloc(&t->doc->arena, sizeof *k);
	if (!key || !k)
		return NULL;
	*k = (known){.name = key, .name_len = len};
	table_fill(tb, slot, h, (uintptr_t)k);
	*made = 1;
	return k;
}

/* The entry of the name s[0..len), made, the name judged and its person
 * found the first time; NULL on no memory. */
static known *known_name(transcript_pass *t, const char *s, size_t len)
{
	int made;
	known *k = known_entry(t, &t->names, s, len, &made);
	if (!k || !made)
		return k;
	transcript_name_judge(s, len, &k->judged);
	char id[TRANSCRIPT_ID_MAX];
	transcript_label named = {.name = s, .name_len = len, .qa = k->judged.qa};
	transcript_speaker_id(&named, id);
	k->person = known_entry(t, &t->people, id, strlen(id), &made);
	return k->person ? k : NULL;
}

/* The entry of the name s[0..len) when the document has met it, else NULL. */
static const known *met_name(const transcript_pass *t, const char *s, size_t len)
{
	return (const known *)table_get(&t->names, hash_bytes(s, len), same_name,
	                                &(name_key){s, len}, NULL);
}

/* ---- labels on the tree ---- */

static int time_only(const steno_node *n)
{
	int64_t ms;
	return n->type == STENO_NODE_TEXT && node_len(n) &&
	       transcript_time(node_literal(n), node_len(n), TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE,
	                       0, &ms) == node_len(n);
}

/* A link whose text is only a time, "[3:00](https://...)": the time in *ms. */
static int time_link(const steno_node *n, int64_t *ms)
{
	const steno_node *in = n->type == STENO_NODE_LINK ? node_first(n) : NULL;
	return in && in == node_last(n) && in->type == STENO_NODE_TEXT && node_len(in) &&
	       transcript_time(node_literal(in), node_len(in), TRANSCRIPT_TIME_BARE, 1, ms) == node_len(in);
}

/* "**Tan Kefei:** text", "*Q*: text", "**Ann Lee** (6:28) - text",
 * "**Ann Lee** [3:00](link): text", "**Ann Lee**" alone: a label in
 * markup.  A time written as a link stays (it says where to listen);
 * it starts the turn. */
/* After a name in markup, its full stop and words ("_Counsel_. We"), or
 * a parenthesis, its stop and words ("_Doctor_ (dodging). I"): 1 + the
 * bytes that leave the text with the label (the stop and its blanks;
 * none when a parenthesis stays before it), or 0. */
static size_t period_after_markup(const char *s, size_t len)
{
	size_t i = 0, g;
	if (len && s[0] == '.') {
		for (i = 1; (g = transcript_gap(s, len, i));)
			i += g;
		return i + 1; /* the speech may start on the next line */
	}
	while ((g = transcript_gap(s, len, i)))
		i += g;
	if (!i || i >= len || s[i] != '(')
		return 0;
	const char *close = memchr(s + i, ')', len - i < 60 ? len - i : 60);
	if (!close || memchr(s + i + 1, '(', (size_t)(close - s) - i - 1))
		return 0;
	i = (size_t)(close - s) + 1;
	return i + 1 < len && s[i] == '.' && transcript_gap(s, len, i + 1) ? 1 : 0;
}

static int label_in_markup(steno_node *n, line_label *ll)
{
	steno_node *in = node_first(n), *after = node_next(n);
	int64_t ms;
	if (!in || in != node_last(n) || in->type != STENO_NODE_TEXT ||
	    !transcript_label_whole(node_literal(in), node_len(in), &ll->has_colon, &ll->lab))
		return 0;
	ll->line_end = !after || transcript_is_break(after);
	if (ll->has_colon)
		return ll->line_end ||
		       (after->type == STENO_NODE_TEXT &&
		        (!node_len(after) || transcript_gap(node_literal(after), node_len(after), 0)));
	if (!after || transcript_is_break(after)) {
		ll->lab.shape = TRANSCRIPT_SHAPE_ALONE;
		ll->lab.bare = !ll->lab.role_len;
		return 1;
	}
	steno_node *link = transcript_blank_text(after) && node_next(after)
	                           ? node_next(after)
	                           : after;
	if (ll->lab.ms == STENO_TIME_NONE && time_link(link, &ms)) {
		ll->lab.ms = ms;
		ll->link = link;
		after = node_next(link);
	}
	if (!after || after->type != STENO_NODE_TEXT)
		return 0;
	const char *s = node_literal(after);
	size_t len = node_len(after);
	/* "*Mel.* I do.": a dialogue's name, cut short, its full stop in the
	 * italics; "_Counsel_. "We all know"" or "_Doctor_ (dodging). "I
	 * should not"", the stop after them, a manner that stays text before
	 * it */
	size_t stop = period_after_markup(s, len);
	if (stop) {
		ll->sep_len = stop - 1;
		ll->lab.shape = TRANSCRIPT_SHAPE_PERIOD;
	} else if (node_literal(in)[node_len(in) - 1] == '.' && len && transcript_is_blank(s[0])) {
		for (ll->sep_len = 0; ll->sep_len < len && transcript_is_blank(s[ll->sep_len]);)
			ll->sep_len++;
		if (ll->sep_len == len)
			return 0;
		ll->lab.shape = TRANSCRIPT_SHAPE_PERIOD;
	} else if (!(ll->sep_len = transcript_label_after_markup(s, len, &ll->lab))) {
		return 0;
	}
	ll->sep = after;
	return 1;
}

/* A name alone on a line is a label with speech to follow: on its
 * paragraph's first line, the lines under it or the next block
 * ("Ansgar" over a list).  Inside a paragraph, as a play set without
 * blank lines has it, a line of speech must follow, and the name must
 * recur among others (transcript_survey_decide), to be more than a
 * wrapped line of names or a list. */
static int alone_fits(const steno_node *n)
{
	if (node_next(n) && !transcript_is_break(node_next(n)))
		return 0;
	/* A caption cue of the name and nothing more shows it (a chapter's
	 * title, a sign): a cue names who speaks in the cue that speaks. */
	const steno_node *prev = node_prev(n), *under = node_next(n) ? node_next(node_next(n)) : NULL;
	if (prev && prev->type == STENO_NODE_TIME &&
	    (node_is_cue(prev) || steno_node_get_attr(prev, "end")) &&
	    (!under || under->type == STENO_NODE_TIME))
		return 0;
	if (n == node_first(node_parent(n)))
		return under || node_next(node_parent(n));
	if (!under)
		return node_next(node_parent(n)) != NULL;
	/* inside: speech on the next line, not a rota's next name */
	transcript_label lab;
	return under->type != STENO_NODE_TEXT ||
	       !transcript_label_in_text(node_literal(under), node_len(under), &lab) ||
	       lab.shape != TRANSCRIPT_SHAPE_ALONE;
}

/* Does the line after n's open with a time ("Lex Fridman" over
 * "(00:00:00) The following is ...")?  A name over a timed line is a
 * speaker as surely as one with a role. */
static int timed_line_after(const steno_node *n)
{
	const steno_node *next = node_next(n) && node_next(node_next(n)) ? node_next(node_next(n)) : NULL;
	int64_t ms;
	if (!next && node_next(node_parent(n)) && node_next(node_parent(n))->type == STENO_NODE_PARAGRAPH)
		next = node_first(node_next(node_parent(n)));
	if (!next)
		return 0;
	return next->type == STENO_NODE_TIME ||
	       (next->type == STENO_NODE_TEXT &&
	        transcript_time(node_literal(next), node_len(next),
	                        TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1, &ms));
}

static int url_only(const char *s, size_t len)
{
	while (len && transcript_is_blank(s[len - 1]))
		len--;
	if (!(len > 7 && !memcmp(s, "http://", 7)) && !(len > 8 && !memcmp(s, "https://", 8)))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (transcript_is_blank(s[i]))
			return 0;
	return 1;
}

/* Is n a link that ends its line (blanks may follow)? */
static int link_ends_line(const steno_node *n)
{
	if (!n || n->type != STENO_NODE_LINK)
		return 0;
	for (n = node_next(n); n && n->type == STENO_NODE_TEXT; n = node_next(n))
		for (size_t i = 0; i < node_len(n); i++)
			if (!transcript_is_blank(node_literal(n)[i]))
				return 0;
	return !n || transcript_is_break(n);
}

/* "Agenda: https://..." or "**Recording**: https://...", and in
 * Markdown "Wiki: [Home](https://...)": a label of a link and nothing
 * else is a heading of the notes or a list of links, not a speaker.
 * A chat's message stamped with its time may be a link alone. */
static int says_only_url(const steno_node *n, const line_label *ll)
{
	const steno_node *said = n;
	size_t off = ll->lab.said_off;
	if (ll->lab.timed)
		return 0;
	if (n->type != STENO_NODE_TEXT) { /* markup, or a nickname as a tag */
		said = ll->sep ? ll->sep : node_next(n);
		off = ll->sep ? ll->sep_len : 0;
	}
	if (link_ends_line(said))
		return 1;
	if (!said || said->type != STENO_NODE_TEXT)
		return 0;
	while (off < node_len(said) && transcript_is_blank(node_literal(said)[off]))
		off++;
	if (off >= node_len(said))
		return link_ends_line(node_next(said));
	if (node_next(said) && !transcript_is_break(node_next(said)))
		return 0;
	return url_only(node_literal(said) + off, node_len(said) - off);
}

/* Does the line starting at n open with the number a court
 * reporter's margin gave it (an anchor of kind "line")? */
static int line_numbered(const steno_node *n)
{
	for (; n && transcript_is_anchor(n); n = node_next(n))
		if (n->as.kind && !strcmp(n->as.kind, "line"))
			return 1;
	return 0;
}

/* 1 when the line starting at n opens with a label, 0 when not, -1 on
 * no memory. */
static int label_on_line(transcript_pass *t, steno_node *n, line_label *ll)
{
	int shaped = 0;
	ll->node = n;
	ll->sep = ll->link = NULL;
	ll->line_end = 0;
	if (n->type == STENO_NODE_TEXT)
		shaped = transcript_label_in_text(node_literal(n), node_len(n), &ll->lab) ||
		         transcript_label_loose(node_literal(n), node_len(n), ll->opens, &ll->lab);
	else if (n->type == STENO_NODE_STRONG || n->type == STENO_NODE_EMPH)
		shaped = label_in_markup(n, ll);
	else if (n->type == STENO_NODE_RAW_INLINE)
		shaped = transcript_chat_nick(node_literal(n), node_len(n), &ll->lab) ||
		         transcript_icon_label(node_literal(n), node_len(n), &ll->lab);
	if (!shaped || (ll->lab.shape == TRANSCRIPT_SHAPE_ALONE && !alone_fits(n)) ||
	    says_only_url(n, ll))
		return 0;
	if (ll->lab.bare && timed_line_after(n))
		ll->lab.bare = 0;
	if (!(ll->name = known_name(t, ll->lab.name, ll->lab.name_len)))
		return -1;
	ll->seq = t->seq++;
	return transcript_label_judged(&ll->lab, &ll->name->judged);
}

/* Is n a time and blanks only, with bold or italics after it? */
static int time_before_markup(const steno_node *n)
{
	int64_t ms;
	const steno_node *m = node_next(n);
	if (n->type != STENO_NODE_TEXT || !m ||
	    (m->type != STENO_NODE_STRONG && m->type != STENO_NODE_EMPH))
		return 0;
	const char *s = node_literal(n);
	size_t len = node_len(n);
	size_t i = transcript_time(s, len, TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1, &ms);
	if (!i || i == len)
		return 0;
	while (i < len && transcript_is_blank(s[i]))
		i++;
	return i == len;
}

/* A label on the line starting at n, after a time node a reader put
 * there, or on the next line when n's line is a lone timestamp (as
 * mission logs put it); as label_on_line. */
static int label_at(transcript_pass *t, steno_node *n, line_label *ll)
{
	int first = n == node_first(node_parent(n));
	ll->time_line = 0;
	ll->opens = first;
	ll->line_no = line_numbered(n);
	/* a line's number or a page break before the label holds no text */
	while (transcript_is_anchor(n) && node_next(n) && !transcript_is_break(node_next(n)))
		n = node_next(n);
	/* a caption's cue: its time, from the reader, then its text; or a
	 * time written before a label in markup, "(0:02) **Ann:** ..." */
	if ((n->type == STENO_NODE_TIME || time_before_markup(n)) && node_next(n) &&
	    !transcript_is_break(node_next(n)))
		return label_on_line(t, node_next(n), ll);
	if (time_only(n) && transcript_is_break(node_next(n)) && node_next(node_next(n))) {
		ll->time_line = 1;
		return label_on_line(t, node_next(node_next(n)), ll);
	}
	return label_on_line(t, n, ll);
}

/* ---- deciding ---- */

/* Is the label all of its line, "PRESIDING:" over a list of names? */
static int label_is_line(const line_label *ll)
{
	const steno_node *n = ll->node;
	if (node_next(n) && !transcript_is_break(node_next(n)))
		return 0;
	return n->type == STENO_NODE_TEXT ? ll->lab.said_off >= node_len(n) : ll->has_colon;
}


/* Is the label's paragraph one line that ends without a sentence's
 * end: "CNBC: Biden to release ... [Spencer Kimball, 5/21/24]", a press
 * digest's source and headline, where speech ends "... pump." */
static int headline(const line_label *ll)
{
	const steno_node *last = ll->node;
	for (const steno_node *n = node_next(last); n; n = node_next(n)) {
		if (transcript_is_break(n))
			return 0;
		last = n;
	}
	if (last->type != STENO_NODE_TEXT || (last == ll->node && ll->lab.said_off >= node_len(last)))
		return 0;
	size_t end = node_len(last), from = last == ll->node ? ll->lab.said_off : 0, words = 0;
	while (end > from && transcript_is_blank(node_literal(last)[end - 1]))
		end--;
	if (end == from || strchr(".?!:;\"')", node_literal(last)[end - 1]) ||
	    (end >= 3 && (unsigned char)node_literal(last)[end - 3] == 0xE2))
		return 0;
	/* a headline of words, not "00:00:22" after the label */
	for (size_t i = from; i < end && words < 3; i++)
		words += (node_literal(last)[i] | 0x20) >= 'a' && (node_literal(last)[i] | 0x20) <= 'z' &&
		         (i == from || node_literal(last)[i - 1] == ' ');
	return words >= 3;
}

/* The first node of the line after the label's, past a line's number:
 * in its paragraph, or the next paragraph's first, or the first of a
 * list's first item (notes put what was said in a list under a name). */
static const steno_node *line_after(const steno_node *n)
{
	const steno_node *block = node_next(node_parent(n));
	while (n && !transcript_is_break(n))
		n = node_next(n);
	if (n)
		n = node_next(n);
	else {
		if (block && block->type == STENO_NODE_LIST && node_first(block))
			block = node_first(node_first(block));
		n = block && block->type == STENO_NODE_PARAGRAPH ? node_first(block) : NULL;
	}
	while (n && transcript_is_anchor(n))
		n = node_next(n);
	return n;
}

static const steno_node *line_under(const line_label *ll)
{
	return line_after(ll->node);
}

/* Is there a sentence under the name alone on its line, not a list of
 * tasks or another heading?  2 when it asks. */
static int speech_under(const line_label *ll)
{
	const steno_node *under = line_under(ll);
	if (!under || under->type != STENO_NODE_TEXT)
		return 0;
	/* a sentence's end at the line's end, not an initial's ("Inez E.
	 * Dickens" under "Gustavo Rivera" is a list) */
	size_t end = node_len(under);
	while (end && transcript_is_blank(node_literal(under)[end - 1]))
		end--;
	int asks = memchr(node_literal(under), '?', node_len(under)) != NULL;
	/* "I'm giving you stronger pain" over "medication.": a sentence
	 * wrapped, as a screenplay's page set as text has it, a blank line
	 * after every line */
	const steno_node *on = end && !asks && !strchr(".!", node_literal(under)[end - 1])
	                               ? line_after(under)
	                               : NULL;
	if (on && on->type == STENO_NODE_TEXT && node_len(on) && node_literal(on)[0] >= 'a' &&
	    node_literal(on)[0] <= 'z') {
		under = on;
		for (end = node_len(under); end && transcript_is_blank(node_literal(under)[end - 1]);)
			end--;
		asks = memchr(node_literal(under), '?', node_len(under)) != NULL;
	}
	return asks || (end && strchr(".!", node_literal(under)[end - 1])) ? 1 + asks : 0;
}

/* "ANN LEE (V.O.)", "BO (CONT'D)": a screenplay's cue, which only a
 * person speaking has. */
static int screenplay_cue(const transcript_label *lab)
{
	static const char *const marks[] = {"CONT'D", "CONT\u2019D", "O.C.", "O.S.", "V.O."};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (lab->role_len == strlen(marks[i]) && !memcmp(lab->role, marks[i], lab->role_len))
			return 1;
	return 0;
}

/* A title in title case and a name in capitals, "Mr. BROWN", "The
 * PRESIDING OFFICER", as the Congressional Record names its speakers;
 * not a heading all in capitals ("CHAPTER ONE", "ATTO PRIMO"). */
static int congressional(const transcript_label *lab)
{
	size_t c, lower = 0;
	if (!memchr(lab->name, ' ', lab->name_len))
		return 0;
	for (size_t i = 0; i < lab->name_len; i += c)
		lower += transcript_letter_case(lab->name + i, lab->name_len - i, &c) < 0;
	return lower > 0;
}

/* Is what follows the label on its line a name of two words or more
 * and no more ("President: Masud Gharahkhani")? */
static int says_name(const line_label *ll)
{
	const steno_node *n = ll->node;
	transcript_label lab;
	if (n->type != STENO_NODE_TEXT || (node_next(n) && !transcript_is_break(node_next(n))))
		return 0;
	size_t at = ll->lab.said_off, end = node_len(n);
	while (end > at && transcript_is_blank(node_literal(n)[end - 1]))
		end--;
	if (at >= end || strchr(".?!,;:", node_literal(n)[end - 1]) ||
	    !transcript_label_in_text(node_literal(n) + at, end - at, &lab) ||
	    lab.shape != TRANSCRIPT_SHAPE_ALONE || !lab.bare || !memchr(lab.name, ' ', lab.name_len))
		return 0;
	/* a name in a script with case: a sentence in Arabic reads as
	 * words alone too */
	for (size_t i = 0, c; i < lab.name_len; i += c)
		if (transcript_letter_case(lab.name + i, lab.name_len - i, &c) > 0)
			return 1;
	return 0;
}

/* Do words in lower case, or in a script without case, follow the
 * label on its line ("Thank you", not "MADRID." or nothing)? */
static int says_words(const line_label *ll)
{
	const steno_node *n = ll->node;
	if (n->type != STENO_NODE_TEXT)
		return 0;
	/* letters in lower case, or of a script without case */
	for (size_t i = ll->lab.said_off, c; i < node_len(n); i += c) {
		int kase = transcript_letter_case(node_literal(n) + i, node_len(n) - i, &c);
		if (kase < 0 || (!kase && (unsigned char)node_literal(n)[i] >= 0x80))
			return 1;
	}
	return 0;
}

/* Count the label; the first label of "Anna van Dijk (AvD)" makes
 * "AvD" stand for her.  -1 on no memory. */
static int note_label(transcript_pass *t, line_label *ll)
{
	known *k = ll->name;
	/* A name alone on a line is a heading as often as a speaker: such
	 * lines count only among themselves, so that "ORAL ARGUMENT OF
	 * JANE ROE" over "MS. ROE:" turns neither into a speaker. */
	if (ll->lab.shape == TRANSCRIPT_SHAPE_ALONE) {
		if (ll->lab.bare && ll->lab.markup && !t->questions && t->answerer != k) {
			t->answerer = k;
			t->answerers++;
		}
		known *last = t->last_alone;
		if (last && last->next_alone && last->next_alone != k)
			t->sv.alone_varied++;
		if (last)
			last->next_alone = k;
		t->last_alone = k;
		k->cue |= screenplay_cue(&ll->lab);
		int speech = ll->lab.bare ? speech_under(ll) : 0;
		k->spoke |= speech || (!ll->lab.bare && speech_under(ll));
		t->sv.bare_speech += speech != 0;
		t->sv.bare_questions += speech == 2;
		transcript_survey_label(&t->sv, &ll->lab, &k->judged, ++k->alone);
		return 0;
	}
	if (ll->lab.loose) {
		t->sv.loose_varied += t->last_loose && t->last_loose != k;
		t->last_loose = k;
		transcript_survey_label(&t->sv, &ll->lab, &k->judged, ++k->loose);
		return 0;
	}
	if (ll->lab.alias) {
		known *alias = known_name(t, ll->lab.role, ll->lab.role_len);
		if (!alias)
			return -1;
		if (alias != k && !alias->count && !alias->long_form && !k->long_form) {
			alias->long_form = k;
			alias->person = k->person;
		}
	}
	if (ll->lab.icon) {
		t->icons++;
		t->icons_varied += t->last_icon && t->last_icon != k;
		t->last_icon = k;
	}
	if (!k->count++)
		k->first_seq = ll->seq;
	k->last_seq = ll->seq;
	k->person->count++;
	k->person->shapes |= 1u << ll->lab.shape;
	int words = says_words(ll), said = words && !says_name(ll);
	k->person->said |= said;
	if (said && t->first_said > ll->seq)
		t->first_said = ll->seq;
	t->sv.strong_names[ll->lab.shape] += k->person->count == 1 && ll->lab.strong &&
	                                     congressional(&ll->lab) && words;
	t->sv.line_only += ll->lab.shape == TRANSCRIPT_SHAPE_COLON && label_is_line(ll);
	t->sv.headlines += ll->lab.shape == TRANSCRIPT_SHAPE_COLON && headline(ll);
	transcript_survey_label(&t->sv, &ll->lab, &k->judged, k->person->count);
	size_t verb = transcript_survey_verb_slot(&t->sv, ll->lab.verb, ll->lab.verb_len);
	k->verbs |= verb < VERB_SLOTS ? 1u << verb : 0;
	return 0;
}

/* label_at for the line starting at n, once for every line while
 * surveying; then only for the lines the survey marked (and any past
 * them, which there should be none of). */
static int read_line_start(transcript_pass *t, steno_node *n, line_label *ll)
{
	size_t line = t->building ? t->line++ : t->lines;
	if (t->building)
		return line >= t->lines || t->hits[line / 8] >> (line % 8) & 1 ? label_at(t, n, ll) : 0;
	if (line / 8 >= t->hits_cap) {
		unsigned char *hits = grow_array(t->hits, &t->hits_cap, line / 8 + 1, 1);
		if (!hits)
			return -1;
		t->hits = hits;
	}
	size_t seq = t->seq;
	int found = label_at(t, n, ll);
	unsigned char bit = (unsigned char)(1u << (line % 8));
	t->hits[line / 8] = (unsigned char)((t->hits[line / 8] & ~bit) |
	                                    (found != 0 || t->seq != seq ? bit : 0));
	t->lines++;
	return found;
}

/* One step of a walk over a paragraph's nodes: 1 when n starts a
 * labelled line, -1 on no memory.  A line of only a timestamp with a
 * label on the line under it is one labelled line, not two. */
static int labelled_line(transcript_pass *t, steno_node *n, int *line_start, int *skip_line,
                         line_label *ll)
{
	int found = 0;
	if (*line_start && *skip_line)
		*skip_line = 0;
	else if (*line_start && (found = read_line_start(t, n, ll)) > 0)
		*skip_line = ll->time_line;
	*line_start = transcript_is_break(n);
	return found;
}

static steno_status survey_paragraph(transcript_pass *t, steno_node *p)
{
	int line_start = 1, skip_line = 0, found, bold = transcript_bold_paragraph(p);
	line_label ll;
	t->sv.paragraphs++;
	t->bold += bold != 0;
	if (bold == 2) {
		t->questions++;
		t->answered += node_next(p) && node_next(p)->type == STENO_NODE_PARAGRAPH &&
		               !transcript_bold_paragraph(node_next(p));
	}
	for (steno_node *n = node_first(p); n; n = node_next(n)) {
		if (line_start) {
			int text = n->type == STENO_NODE_TEXT;
			transcript_survey_line(&t->sv, text && transcript_margin(node_literal(n), node_len(n)),
			                       text ? node_literal(n) : NULL, text ? node_len(n) : 0);
			t->numbered += line_numbered(n);
		}
		if ((found = labelled_line(t, n, &line_start, &skip_line, &ll)) < 0 ||
		    (found && note_label(t, &ll) < 0))
			return STENO_ERR_NOMEM;
	}
	return STENO_OK;
}

/* ---- one person under a full and a short name ----
 *
 * "Mr. John Smith" opens the debate and "Mr. Smith" speaks on: one
 * person when the document has one full name of that surname.  A short
 * form is an id of a surname alone, after an honorific or not; a full
 * one has forenames before the surname, and the short form's honorific,
 * or either has none.  Two Smiths in full leave every Smith apart. */

static const char *const honorifics[] = {"frau", "herr", "m",  "miss", "mlle", "mme",
                                         "mr",   "mrs",  "ms", "mx",   "sr",   "sra", "srta"};

/* The length of the honorific that starts id ("mr-smith"), with its
 * dash; 0 when none. */
static size_t honorific(const char *id)
{
	size_t len = strcspn(id, "-");
	for (size_t i = 0; i < sizeof honorifics / sizeof *honorifics; i++)
		if (strlen(honorifics[i]) == len && !memcmp(id, honorifics[i], len) && id[len])
			return len + 1;
	return 0;
}

static const char *surname(const char *id)
{
	const char *dash = strrchr(id, '-');
	return dash ? dash + 1 : id;
}

#define AMBIGUOUS ((uintptr_t)1) /* no entry is at an odd address */

static int same_surname(uintptr_t entry, const void *key, const void *ctx)
{
	(void)entry, (void)key, (void)ctx;
	return 1; /* a table of surnames by hash: a collision only stops a join */
}

/* Put k in index under the key s[0..len), or make the key AMBIGUOUS
 * when it holds another already.  -1 on no memory. */
static int index_once(table *index, const char *s, size_t len, known *k)
{
	uint64_t h = hash_bytes(s, len);
	if (table_reserve(index) < 0)
		return -1;
	table_slot *slot = table_find(index, h, same_surname, NULL, NULL);
	if (slot->entry)
		slot->entry = AMBIGUOUS;
	else
		table_fill(index, slot, h, (uintptr_t)k);
	return 0;
}

/* Join each short form's names to the one full form of its surname:
 * the full forms are indexed by surname first, so that a document of
 * many names costs one look each. */
static steno_status join_short_forms(transcript_pass *t)
{
	table fulls = {0};
	for (size_t i = 0; i < t->people.cap; i++) {
		known *q = (known *)t->people.slots[i].entry;
		const char *family = q ? surname(q->name) : NULL;
		if (!q || family == q->name + honorific(q->name))
			continue;
		if (index_once(&fulls, family, strlen(family), q) < 0) {
			table_free(&fulls);
			return STENO_ERR_NOMEM;
		}
	}
	for (size_t i = 0; i < t->names.cap; i++) {
		known *k = (known *)t->names.slots[i].entry;
		const char *id = k && !k->long_form ? k->person->name : NULL;
		size_t hon = id ? honorific(id) : 0;
		if (!id || surname(id) != id + hon)
			continue;
		uintptr_t e = table_get(&fulls, hash_bytes(id + hon, strlen(id + hon)), same_surname,
		                        NULL, NULL);
		known *full = e == AMBIGUOUS ? NULL : (known *)e;
		size_t fhon = full ? honorific(full->name) : 0;
		if (!full || strcmp(surname(full->name), id + hon) != 0 ||
		    (fhon && hon && (fhon != hon || memcmp(full->name, id, hon) != 0)))
			continue;
		full->count += k->count;
		k->person = full;
	}
	table_free(&fulls);
	return STENO_OK;
}

/* The initials of name[0..len), at most 3 of them, upper case, into
 * out (NUL-terminated): "Maharaj" is M, "David Hall" DH.  0 when a word
 * opens with no letter or there are more than 3 words. */
static size_t initials(const char *name, size_t len, char out[4])
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] == ' ' || (i && name[i - 1] != ' '))
			continue;
		char c = name[i];
		if (n == 3 || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return 0;
		out[n++] = (char)(c & ~0x20);
	}
	out[n] = '\0';
	return n;
}

/* A name of one to three capital letters and nothing else: "Q", "DH". */
static int initials_only(const known *k)
{
	if (!k->name_len || k->name_len > 3)
		return 0;
	for (size_t i = 0; i < k->name_len; i++)
		if (k->name[i] < 'A' || k->name[i] > 'Z')
			return 0;
	return 1;
}

/* "Questioner:" and "Maharaj:" once, then "Q:" and "M:" to the end;
 * "David Hall:" then "DH:": a document that turns to its speakers'
 * initials once it has named them.  Initials join the one name whose
 * initials they are, used only before the initials first are; a name
 * still used after them, or two names of the same initials, leave them
 * a speaker of their own.  The names are indexed by their initials
 * first, so that many names cost one look each. */
static steno_status join_initials(transcript_pass *t)
{
	table fulls = {0};
	char in[4];
	for (size_t i = 0; i < t->names.cap; i++) {
		known *f = (known *)t->names.slots[i].entry;
		size_t n = f && f->count && !f->long_form && !initials_only(f)
		               ? initials(f->name, f->name_len, in)
		               : 0;
		if (!n)
			continue;
		if (index_once(&fulls, in, n, f) < 0) {
			table_free(&fulls);
			return STENO_ERR_NOMEM;
		}
	}
	for (size_t i = 0; i < t->names.cap; i++) {
		known *k = (known *)t->names.slots[i].entry;
		if (!k || !k->count || k->long_form || !initials_only(k))
			continue;
		uintptr_t e = table_get(&fulls, hash_bytes(k->name, k->name_len), same_surname, NULL, NULL);
		known *full = e == AMBIGUOUS ? NULL : (known *)e;
		if (!full || initials(full->name, full->name_len, in) != k->name_len ||
		    memcmp(in, k->name, k->name_len) != 0 || full->last_seq >= k->first_seq)
			continue;
		full->person->count += k->count;
		k->person = full->person;
		k->long_form = full;
	}
	table_free(&fulls);
	return STENO_OK;
}

/* The number of the first label whose name recurs: a "Key: value" line
 * before it, its name never labelled again, is a preamble's. */
static size_t first_recurring(const transcript_pass *t)
{
	size_t first = (size_t)-1;
	for (size_t i = 0; i < t->names.cap; i++) {
		const known *k = (const known *)t->names.slots[i].entry;
		if (k && k->person->count >= 2 && k->count && k->first_seq < first)
			first = k->first_seq;
	}
	return first;
}

/* Is the label set otherwise than most of the document's labels, in
 * bold among plain ones or plain among bold ones? */
static int odd_style(const transcript_pass *t, const line_label *ll)
{
	size_t lines = 0;
	for (int s = 0; s < TRANSCRIPT_SHAPE_COUNT; s++)
		lines += t->sv.lines[s];
	return ll->lab.markup ? t->sv.in_markup * 2 < lines : t->sv.in_markup * 2 > lines;
}

/* Is the label all of its paragraph, with nothing said after it? */
static int label_is_paragraph(const line_label *ll)
{
	if (!label_is_line(ll))
		return 0;
	const steno_node *n = node_next(ll->node);
	while (n && transcript_is_break(n))
		n = node_next(n);
	return n == NULL;
}

/* Does speech follow the paragraph that is all label: a paragraph that
 * is no note in parentheses ("Vielen Dank." then "(Beifall bei der
 * SPD)" ends a speech; "Director." then verse opens one)? */
static int speech_follows(const line_label *ll)
{
	const steno_node *p = node_parent(ll->node), *next = p ? node_next(p) : NULL;
	if (!next || next->type != STENO_NODE_PARAGRAPH || !node_first(next))
		return 0;
	const steno_node *t = node_first(next);
	return t->type != STENO_NODE_TEXT || !node_len(t) || (node_literal(t)[0] != '(' && node_literal(t)[0] != '[');
}

/* The lines of the paragraph after the label's, which speech_follows
 * found; up to 2. */
static int lines_after(const line_label *ll)
{
	int lines = 1;
	for (const steno_node *n = node_first(node_next(node_parent(ll->node))); n && lines < 2; n = node_next(n))
		lines += transcript_is_break(n) && node_next(n);
	return lines;
}

/* "PRESENT:" or "PRESENT:  (Continued)" over "Senator Patrick M.
 * Gallivan": a heading over a list of names, nothing said beside it
 * but a note, and a name alone on the line under it. */
static int heads_names(const transcript_pass *t, const line_label *ll)
{
	const steno_node *n = ll->node, *under;
	if (n->type != STENO_NODE_TEXT || (node_next(n) && !transcript_is_break(node_next(n))))
		return 0;
	size_t at = ll->lab.said_off, end = node_len(n);
	transcript_label lab;
	while (end > at && transcript_is_blank(node_literal(n)[end - 1]))
		end--;
	/* "President: Masud Gharahkhani": a key line, a person's name for
	 * its value, as a record's head has it before anyone says anything;
	 * not "A: John Smith", nor the chair's "Senator Ruiz" calling on the
	 * next speaker, whose other labels say more */
	if (!ll->lab.qa && ll->seq < t->first_said && !ll->name->person->said && says_name(ll))
		return 1;
	if (at < end && (node_literal(n)[at] != '(' || node_literal(n)[end - 1] != ')'))
		return 0;
	if (!(under = line_under(ll)) || under->type != STENO_NODE_TEXT)
		return 0;
	/* a name, not a sentence: "Thanks, Jane." answers */
	for (end = node_len(under); end && transcript_is_blank(node_literal(under)[end - 1]);)
		end--;
	return end && !strchr(".?!,;:", node_literal(under)[end - 1]) &&
	       transcript_label_in_text(node_literal(under), node_len(under), &lab) &&
	       lab.shape == TRANSCRIPT_SHAPE_ALONE;
}

/* Is the label a name and a time alone on its line ("Ann Lee, 10:05",
 * "Speaker 1 (00:05)") over nothing, or over another such line?  A
 * timetable's stops ("Paris, 10:05" over "Lyon, 12:30"), not a chat's
 * sender over the message. */
static int time_over_time(const line_label *ll)
{
	const steno_node *under;
	transcript_label lab;
	if (ll->lab.ms == STENO_TIME_NONE || !label_is_line(ll))
		return 0;
	if (!(under = line_under(ll)))
		return 1;
	/* "Ann Lee, 10:05", a timetable's shape too, has the message on the
	 * next line of its paragraph, not a paragraph after a blank */
	if (!ll->lab.strong && node_parent(under) != node_parent(ll->node))
		return 1;
	return under->type == STENO_NODE_TEXT &&
	       transcript_label_in_text(node_literal(under), node_len(under), &lab) &&
	       lab.ms != STENO_TIME_NONE && lab.said_off >= node_len(under);
}

/* Does the label found become a turn?  What the survey chose, and not,
 * before the first speaker named twice, a preamble's "Fecha: 3 de
 * mayo", a "**Company:** ACME" in a style the speakers' labels are not,
 * or a cover page's "PRESIDING:" alone on its line where most labels
 * have their speech beside them. */
static int accepted(transcript_pass *t, const line_label *ll)
{
	const known *o = ll->name->person;
	/* "Voorzitter. Ik verzoek u": a loose label is one only where the
	 * document's convention is the loose labels' */
	if (ll->lab.loose && !t->sv.loose_ok)
		return 0;
	/* avatars take turns as speakers do; icons in runs mark a list's
	 * items ("check", "check", "cross") */
	if (ll->lab.icon && t->icons_varied * 2 < t->icons)
		return 0;
	if (ll->lab.shape == TRANSCRIPT_SHAPE_COLON && o->count == 1 &&
	    (!ll->lab.strong || odd_style(t, ll) ||
	     (label_is_line(ll) && t->sv.line_only * 2 < t->sv.lines[TRANSCRIPT_SHAPE_COLON])) &&
	    t->first_recurring != (size_t)-1 && ll->seq < t->first_recurring)
		return 0;
	if (ll->lab.shape == TRANSCRIPT_SHAPE_PERIOD && label_is_paragraph(ll) && !speech_follows(ll))
		return 0;
	/* "Oskar yells:" in a log of "says:": a speaker of the document's
	 * verb may use another; "Changed channel:", a system's line, names
	 * no one who speaks so */
	if (ll->lab.shape == TRANSCRIPT_SHAPE_VERB &&
	    !(t->sv.verb < VERB_SLOTS && (ll->name->verbs >> t->sv.verb & 1u)))
		return 0;
	/* "CONTENTS." in a dialogue whose names are set in italics, "_Mel._":
	 * a full stop ends a label only in the style most labels take */
	if ((ll->lab.shape == TRANSCRIPT_SHAPE_PERIOD || ll->lab.shape == TRANSCRIPT_SHAPE_ALONE) &&
	    !ll->lab.markup && odd_style(t, ll))
		return 0;
	if (ll->lab.shape == TRANSCRIPT_SHAPE_COLON &&
	    (ll->lab.ms == STENO_TIME_NONE ? heads_names(t, ll) : time_over_time(ll)))
		return 0;
	/* a hearing's text is its numbered lines: "SENATORS PRESENT:" and
	 * "PANEL 1:" on the cover and index pages before them are none */
	if (!ll->line_no && t->numbered >= NUMBERED_TEXT && t->numbered * 2 >= t->sv.text_lines)
		return 0;
	/* "Apropos Griechenland: Die ganzen ..." once, in a record that sets
	 * every speaker's label on a line of its own, is the speech's prose */
	size_t colon = t->sv.lines[TRANSCRIPT_SHAPE_COLON];
	if (ll->lab.shape == TRANSCRIPT_SHAPE_COLON && o->count == 1 && colon >= ODD_PLACE_MIN &&
	    t->sv.line_only * 4 >= colon * 3 && !label_is_line(ll))
		return 0;
	/* "Le Docteur, Le Barbouillé" under a scene's heading names who is
	 * on stage: a role that is itself a speaker's name makes a list */
	const known *role = ll->lab.shape == TRANSCRIPT_SHAPE_ALONE && ll->lab.role_len
	                            ? met_name(t, ll->lab.role, ll->lab.role_len)
	                            : NULL;
	if (role && role->alone)
		return 0;
	/* a short excerpt's names said once: only those the text names */
	if (t->sv.bare_once && ll->lab.shape == TRANSCRIPT_SHAPE_ALONE && !ll->name->cast)
		return 0;
	size_t count = ll->lab.loose                            ? ll->name->loose
	               : ll->lab.shape == TRANSCRIPT_SHAPE_ALONE ? ll->name->alone
	                                                         : o->count;
	if (transcript_survey_accepts(&t->sv, &ll->lab, &ll->name->judged, count))
		return 1;
	/* "Raphael." once, in a play whose speakers are named so again and
	 * again: after the first of them, a paragraph of its own with lines
	 * of speech under it ("Prolog im Himmel." has a line of cast) */
	if (ll->lab.shape == TRANSCRIPT_SHAPE_PERIOD && ((t->sv.shapes >> ll->lab.shape) & 1u) &&
	    t->sv.recurring[TRANSCRIPT_SHAPE_PERIOD] >= PLAY_CAST && ll->opens &&
	    t->first_recurring != (size_t)-1 && ll->seq > t->first_recurring &&
	    label_is_paragraph(ll) && speech_follows(ll) && lines_after(ll) >= 2 &&
	    !ll->name->judged.prose)
		return 1;
	/* "Hoshiyari" once, alone over what he said, in notes whose cast of
	 * names alone is known: a speaker who spoke once */
	if (ll->lab.shape == TRANSCRIPT_SHAPE_ALONE && ll->lab.bare && t->sv.bare_ok &&
	    !t->sv.bare_pair_ok && ll->name->alone == 1 && ll->opens && ll->seq > 0 && speech_under(ll) &&
	    !ll->name->judged.prose && !ll->name->judged.weak)
		return 1;
	/* "Q1：" and "A1." in one interview: a speaker the document labels
	 * in its own convention keeps a label of a shape prose rarely
	 * writes ("Name." or "Name -") where a paragraph opens and goes on;
	 * inside one, or alone, "Mr. Long." is the end of a sentence */
	if ((ll->lab.shape == TRANSCRIPT_SHAPE_PERIOD || ll->lab.shape == TRANSCRIPT_SHAPE_DASH) &&
	    ll->opens && !label_is_paragraph(ll) && o->count >= 2 && (o->shapes & t->sv.shapes & ~(1u << ll->lab.shape)) &&
	    !ll->name->judged.prose)
		return 1;
	if (!ll->name->judged.prose && ((t->sv.shapes >> ll->lab.shape) & 1u) && !t->left++)
		t->left_name = ll->name;
	return 0;
}

/* When the document's convention is not certain, say what was left. */
static void warn_unsure(transcript_pass *t)
{
	if (t->left)
		doc_warn(t->doc,
		         "%zu line%s shaped like speaker labels (the first \"%.40s\") left as text: "
		         "the document does not label that name again",
		         t->left, t->left == 1 ? "" : "s", t->left_name->name);
	/* a name and a verb before a colon is prose's as often ("Jane
	 * writes: ...") */
	for (int s = 0; !t->sv.shapes && s < TRANSCRIPT_SHAPE_COUNT; s++)
		if (t->sv.recurring[s] && s != TRANSCRIPT_SHAPE_VERB) {
			doc_warn(t->doc, "%zu lines look like speaker labels but follow no clear "
			                 "convention: left as text", t->sv.lines[s]);
			return;
		}
}

/* ---- building turns ---- */

/* Drop the one line break that the label's now empty line leaves. */
static steno_node *scan_text(steno_doc *doc, steno_node *n);

static void drop_empty_line(steno_node *before, steno_node *after)
{
	if ((before && !transcript_is_break(before)) || (after && !transcript_is_break(after)))
		return;
	steno_node *gone = after ? after : before;
	if (gone) {
		steno_node_unlink(gone);
		node_discard(gone);
	}
}

/* What of n's line is kept stays in n (its last part) and in new nodes
 * before it; the label between the parts is dropped. */
static steno_status strip_text_label(steno_doc *doc, const line_label *ll)
{
	steno_node *n = ll->node, *before = node_prev(n);
	int last = ll->lab.keep_count - 1;
	size_t from = last >= 0 ? ll->lab.keep_off[last] : 0;
	for (int k = 0; k < last; k++) {
		size_t off = ll->lab.keep_off[k];
		steno_node *seg = transcript_text_cut(doc, n, off, off + ll->lab.keep_len[k]);
		if (!seg)
			return STENO_ERR_NOMEM;
		steno_node_insert_before(n, seg);
		/* "[00:00:05] ANN: Yes": the time is cut out now, and the blank
		 * after it joins "Yes" where the label's own blank was, which
		 * the quotes pass would otherwise join in a copy of the line;
		 * the node the blank was is free for the next line's time */
		if (!(seg = scan_text(doc, seg)))
			return STENO_ERR_NOMEM;
		size_t gap = node_len(seg);
		if (seg->type == STENO_NODE_TEXT && k == last - 1 && transcript_blank_text(seg) &&
		    gap <= from - (off + ll->lab.keep_len[k]) &&
		    !memcmp(node_literal(n) + from - gap, node_literal(seg), gap)) {
			from -= gap;
			steno_node_unlink(seg);
			node_discard(seg);
		}
	}
	if (last >= 0) {
		transcript_text_keep(n, from, ll->lab.keep_off[last] + ll->lab.keep_len[last]);
		return STENO_OK;
	}
	steno_node *after = node_next(n);
	steno_node_unlink(n);
	node_discard(n);
	drop_empty_line(before, after);
	return STENO_OK;
}

static void strip_markup_label(const line_label *ll)
{
	steno_node *n = ll->node, *before = node_prev(n), *after = node_next(n);
	/* a label that ended its line: its break is gone by now, and the
	 * node after it opens the next line, whose label was read as is */
	steno_node *text = ll->sep ? ll->sep : ll->line_end ? NULL : after;
	steno_node_unlink(n);
	if (ll->link && after != ll->link) { /* the blank between label and link */
		steno_node_unlink(after);
		node_discard(after);
		after = ll->link;
	}
	if (text && text->type == STENO_NODE_TEXT) {
		size_t skip = ll->sep ? ll->sep_len : 0;
		for (size_t g; (g = transcript_gap(node_literal(text), node_len(text), skip));)
			skip += g;
		/* "[3:00](link) Good morning": the link stays, a blank after it */
		if (ll->link && skip && skip < node_len(text) && transcript_is_blank(node_literal(text)[skip - 1]))
			skip--;
		node_set_literal(text, node_literal(text) + skip, node_len(text) - skip);
		if (!node_len(text)) {
			if (text == after)
				after = node_next(after);
			steno_node_unlink(text);
			node_discard(text);
		}
	}
	drop_empty_line(before, after);
}

/* What the label says of its speaker besides the name: the short form
 * it will go by, a constituency and a party, an affiliation. */
static steno_status speaker_attrs(transcript_pass *t, const char *id, const transcript_label *lab)
{
	char value[CSTR_MAX];
	if (lab->alias) {
		cstr(value, lab->role, lab->role_len);
		if (steno_speaker_set_attr(t->doc, id, "alias", value) != STENO_OK)
			return STENO_ERR_NOMEM;
	}
	for (int i = 0; i < lab->attr_count; i++) {
		cstr(value, lab->attrs[i].value, lab->attrs[i].len);
		if (steno_speaker_set_attr(t->doc, id, lab->attrs[i].name, value) != STENO_OK)
			return STENO_ERR_NOMEM;
	}
	return STENO_OK;
}

/* The speaker of ll's name, put in the table the first time (the first
 * label written names it); an alias is its long form's.  -1 on no
 * memory. */
static int speaker_of(transcript_pass *t, const line_label *ll)
{
	known *k = ll->name;
	const transcript_label *lab = &ll->lab;
	if (k->ids)
		return 0;
	if (k->long_form && k->long_form->ids) {
		k->ids = k->long_form->ids;
		k->speaker = k->long_form->speaker;
		return 0;
	}
	/* the person's id: the label's own, or its full form's */
	char own[TRANSCRIPT_ID_MAX], id[CSTR_MAX], name[CSTR_MAX];
	transcript_speaker_id(lab, own);
	cstr(id, k->person->name, k->person->name_len);
	cstr_spaced(name, lab->name, lab->name_len);
	int full = strcmp(own, id) == 0;
	size_t i = steno_speaker_find(t->doc, id);
	if (i == (size_t)-1 || (full && !k->person->named_full)) {
		if (steno_speaker_set(t->doc, id, name, NULL) != STENO_OK)
			return -1;
		i = steno_speaker_find(t->doc, id);
	}
	k->person->named_full |= full;
	if (speaker_attrs(t, id, lab) != STENO_OK)
		return -1;
	const char **ids = arena_alloc(&t->doc->arena, sizeof *ids);
	if (!ids)
		return -1;
	ids[0] = t->doc->speakers[i].id; /* the table's copy lives as long as the document */
	k->ids = ids;
	k->speaker = i;
	return 0;
}

/* Put the speaker on the turn, and a role in the table where it has
 * none yet; a label written otherwise than the speaker's name is kept on
 * the turn. */
static steno_status add_speaker(transcript_pass *t, steno_node *turn, const line_label *ll)
{
	known *k = ll->name;
	const transcript_label *lab = &ll->lab;
	if (speaker_of(t, ll) < 0)
		return STENO_ERR_NOMEM;
	speaker *sp = &t->doc->speakers[k->speaker];
	if (lab->role_len && !lab->alias && !sp->role &&
	    !(sp->role = arena_strndup(&t->doc->arena, lab->role,
	                               lab->role_len < CSTR_MAX ? lab->role_len : CSTR_MAX - 1)))
		return STENO_ERR_NOMEM;
	turn->as.turn.ids = k->ids;
	turn->speakers = 1;
	/* "Ann Lee (6:28)": the time after the markup is part of the label */
	char joined[CSTR_MAX];
	const char *written = lab->written;
	size_t len = lab->written_len < CSTR_MAX ? lab->written_len : CSTR_MAX - 1;
	if (lab->time_text && len + 1 + lab->time_text_len < CSTR_MAX) {
		memcpy(joined, written, len);
		joined[len] = ' ';
		memcpy(joined + len + 1, lab->time_text, lab->time_text_len);
		written = joined;
		len += 1 + lab->time_text_len;
	}
	if (!sp->name || (strlen(sp->name) == len && !memcmp(sp->name, written, len)))
		return STENO_OK;
	if (!k->label || k->label_len != len || memcmp(k->label, written, len)) {
		if (!(k->label = arena_strndup(&t->doc->arena, written, len)))
			return STENO_ERR_NOMEM;
		k->label_len = len;
	}
	attr *a = arena_alloc(&t->doc->arena, sizeof *a);
	if (!a)
		return STENO_ERR_NOMEM;
	*a = (attr){.name = "label", .value = k->label};
	return node_set_attrs(turn, a); /* the turn is new: this is its one attribute */
}

/* A turn of ll's speaker in place of piece, holding it. */
static steno_status wrap_turn(transcript_pass *t, steno_node *piece, const line_label *ll)
{
	steno_node *turn = node_add(t->doc, NULL, STENO_NODE_TURN);
	if (!turn)
		return STENO_ERR_NOMEM;
	node_copy_pos(turn, piece);
	steno_node_insert_before(piece, turn);
	steno_node_unlink(piece);
	node_append(turn, piece);
	t->turn = turn;
	turn->as.turn.start = ll->lab.ms;
	return add_speaker(t, turn, ll);
}

static steno_status open_turn(transcript_pass *t, steno_node *piece, const line_label *ll)
{
	if (wrap_turn(t, piece, ll) != STENO_OK)
		return STENO_ERR_NOMEM;
	if (ll->node->type != STENO_NODE_TEXT)
		strip_markup_label(ll);
	else if (strip_text_label(t->doc, ll) != STENO_OK)
		return STENO_ERR_NOMEM;
	/* "Mephistopheles." alone in its paragraph: the speech follows it */
	if (!node_first(piece))
		steno_node_unlink(piece);
	return STENO_OK;
}

static void continue_turn(transcript_pass *t, steno_node *block)
{
	if (!t->turn)
		return;
	steno_node_unlink(block);
	node_append(t->turn, block);
}

/* The turn for a piece of a paragraph that starts with a label. */
static steno_status finish_piece(transcript_pass *t, steno_node *piece, const line_label *ll,
                                 int labelled)
{
	return labelled ? open_turn(t, piece, ll) : STENO_OK;
}

/* Turns from paragraph p: split before every labelled line but its
 * first, so "Q: Why?" and "A: Because." on consecutive lines are two
 * turns, and wrap each labelled piece in a turn.  One walk: nodes after
 * a split move to the new piece as they are passed, and a piece is
 * wrapped once the walk has left it.  An unlabelled first piece
 * continues the turn before the paragraph. */
static steno_status paragraph_turns(transcript_pass *t, steno_node *p)
{
	steno_node *piece = p, *last_break = NULL, *before = t->turn;
	int line_start = 1, skip_line = 0, labelled = 0, first_labelled = 0;
	line_label ll, piece_ll;
	for (steno_node *n = node_first(p), *next; n; n = next) {
		next = node_next(n);
		int found = labelled_line(t, n, &line_start, &skip_line, &ll);
		if (found < 0)
			return STENO_ERR_NOMEM;
		if (found && !accepted(t, &ll))
			found = skip_line = 0;
		if (found) {
			if (n == node_first(p)) {
				first_labelled = 1;
			} else {
				steno_node *np = node_add(t->doc, NULL, STENO_NODE_PARAGRAPH);
				if (!np)
					return STENO_ERR_NOMEM;
				node_insert_after(piece, np);
				steno_node_unlink(last_break);
				node_discard(last_break);
				if (finish_piece(t, piece, &piece_ll, labelled) != STENO_OK)
					return STENO_ERR_NOMEM;
				piece = np;
			}
			labelled = 1;
			piece_ll = ll;
		}
		if (piece != p) {
			steno_node_unlink(n);
			node_append(piece, n);
		}
		if (transcript_is_break(n))
			last_break = n;
	}
	if (finish_piece(t, piece, &piece_ll, labelled) != STENO_OK)
		return STENO_ERR_NOMEM;
	if (!first_labelled && before) {
		steno_node_unlink(p);
		node_append(before, p);
	}
	return STENO_OK;
}

typedef steno_status (*paragraph_fn)(transcript_pass *t, steno_node *p);

/* Turns in one container (the document or a section): a paragraph may
 * open one (paragraph_turns, or interview_paragraph), a heading,
 * section or break closes it, other blocks continue it.  Turns a
 * reader built are left as they are. */
static steno_status build_turns(transcript_pass *t, steno_node *container, paragraph_fn paragraph)
{
	t->turn = NULL;
	for (steno_node *b = node_first(container), *next; b; b = next) {
		next = node_next(b);
		switch (b->type) {
		case STENO_NODE_PARAGRAPH:
			if (paragraph(t, b) != STENO_OK)
				return STENO_ERR_NOMEM;
			break;
		case STENO_NODE_HEADING:
		case STENO_NODE_SECTION:
		case STENO_NODE_THEMATIC_BREAK:
		case STENO_NODE_TURN:
			t->turn = NULL;
			t->answer_due = 0;
			break;
		default:
			continue_turn(t, b);
			break;
		}
	}
	return STENO_OK;
}

/* ---- an interview of questions in bold ---- */

/* The survey found no labels, but questions in bold answered in plain
 * paragraphs, and one name alone before them: a FAQ names no one, and
 * stays prose. */
static int interview(const transcript_pass *t)
{
	/* three in four questions answered; three in four bold paragraphs,
	 * the name's aside, questions */
	return t->answerers == 1 && t->questions >= INTERVIEW_QUESTIONS &&
	       t->answered * 4 >= t->questions * 3 && (t->bold - 1) * 3 <= t->questions * 4;
}

/* A turn of k's (the questioner's when qa) holding paragraph p, which
 * has no label to take away. */
static steno_status unlabelled_turn(transcript_pass *t, steno_node *p, known *k, int qa)
{
	line_label ll = {.name = k};
	ll.lab.name = ll.lab.written = k->name;
	ll.lab.name_len = ll.lab.written_len = k->name_len;
	ll.lab.ms = STENO_TIME_NONE;
	if (qa) {
		ll.lab.qa = 'q';
		ll.lab.role = "question";
		ll.lab.role_len = strlen(ll.lab.role);
	}
	return wrap_turn(t, p, &ll);
}

static steno_status interview_paragraph(transcript_pass *t, steno_node *p)
{
	line_label ll;
	int found = 0;
	if (node_first(p) && (found = label_at(t, node_first(p), &ll)) < 0)
		return STENO_ERR_NOMEM;
	if (found && ll.lab.shape == TRANSCRIPT_SHAPE_ALONE &&
	    ll.name->person == t->answerer->person) {
		t->answer_due = 0;
		return open_turn(t, p, &ll);
	}
	/* the questions set the convention; a remark in bold is asked too */
	if (transcript_bold_paragraph(p)) {
		known *q = known_name(t, "Q", 1);
		t->answer_due = 1;
		return q ? unlabelled_turn(t, p, q, 1) : STENO_ERR_NOMEM;
	}
	if (t->answer_due) {
		t->answer_due = 0;
		return unlabelled_turn(t, p, t->answerer, 0);
	}
	continue_turn(t, p);
	return STENO_OK;
}

/* The document and its sections, where paragraphs may become turns. */
static int holds_turns(steno_node_type type)
{
	return type == STENO_NODE_DOCUMENT || type == STENO_NODE_SECTION;
}

/* ---- a cast named in its text ----
 *
 * "Placida." opening paragraph after paragraph may be a play's speaker
 * or a word prose likes to start with ("Yes."), and "MOTION" and "VOTE"
 * alternate in minutes as "CORALLINA" and "DON FULGENZIO" do in a play.
 * A play names its people in its text as well: in the list of who is
 * on stage and when they speak to each other ("Cara donna Placida",
 * "signor don Fulgenzio"), mid-sentence, with a capital; prose writes
 * "yes" and "the motion" there. */

/* The name k at s[i], its words as the label has them whatever their
 * case, ending a word: its end, or 0. */
static size_t name_at(const char *s, size_t len, size_t i, const known *k)
{
	size_t j = 0, a, b;
	uint32_t x, y;
	while (j < k->name_len) {
		if (i >= len || !(a = utf8_decode(s + i, len - i, &x)) ||
		    !(b = utf8_decode(k->name + j, k->name_len - j, &y)) ||
		    utf8_fold_name(x) != utf8_fold_name(y))
			return 0;
		i += a;
		j += b;
	}
	return i < len && transcript_letter_case(s + i, len - i, &a) ? 0 : i;
}

/* Does the word before s[i] (its blank at s[i - 1]) end in "Mr." or
 * "Dr.", a title's abbreviation, not a sentence? */
static int after_title(const char *s, size_t i)
{
	size_t start = i - 2;
	while (start && s[start - 1] != ' ' && i - start <= 5)
		start--;
	return i - start <= 5 && s[start] >= 'A' && s[start] <= 'Z' &&
	       !memchr(s + start, '.', i - 2 - start);
}

/* Is the name k written in s[0..len) after a word, a comma or a title
 * ("to Mr. John Bartlett"), with a capital opening its last word and a
 * small letter in it? */
static int named_in(const char *s, size_t len, const known *k)
{
	for (size_t i = 2, end, n; i < len; i++) {
		if (s[i - 1] != ' ' ||
		    (s[i - 2] != ',' && !transcript_letter_case(s + i - 2, 2, &n) &&
		     (unsigned char)s[i - 2] < 0x80 && !(s[i - 2] == '.' && after_title(s, i))))
			continue;
		if (!(end = name_at(s, len, i, k)))
			continue;
		size_t last = i, lower = 0;
		for (size_t j = i; j < end; j += n) {
			int c = transcript_letter_case(s + j, end - j, &n);
			lower += c < 0;
			if (s[j] == ' ')
				last = j + 1;
		}
		if (lower && transcript_letter_case(s + last, end - last, &n) > 0)
			return 1;
		/* a screenplay brings its people in in capitals: "his DOCTOR" */
		if (!lower && !memcmp(s + i, k->name, k->name_len))
			return 1;
	}
	return 0;
}

/* Are two names or more of a cast (labelled least times or more, loose
 * or alone on their lines) named so in the paragraphs of the containers
 * list[0..count), and, when least is 1, every one of them that is over
 * speech?  A role's word ("Interviewer") names one too. */
static int cast_named(transcript_pass *t, steno_node **list, size_t count, int alone,
                      size_t least)
{
	/* names said once each must all be named so */
	size_t named = 0, cast = 0;
	for (size_t i = 0; i < t->names.cap && (least < 2 || named < WEAK_CAST); i++) {
		known *k = (known *)t->names.slots[i].entry;
		if (!k || (alone ? k->alone : k->loose) < least || (least < 2 && !k->spoke))
			continue;
		cast++;
		int found = alone && (k->judged.role || k->cue);
		for (size_t c = 0; c < count && !found; c++)
			for (const steno_node *b = node_first(list[c]); b && !found; b = node_next(b))
				for (const steno_node *n = b->type == STENO_NODE_PARAGRAPH ? node_first(b) : NULL;
				     n && !found; n = node_next(n))
					found = n->type == STENO_NODE_TEXT && named_in(node_literal(n), node_len(n), k);
		named += found;
		k->cast = found;
	}
	return named >= WEAK_CAST && (least >= 2 || named == cast);
}

/* ---- lists of turns ----
 *
 * Notes that set each turn as a list item ("- Alice: we should ship
 * it.", "1. **Bob**: not yet.") hold their transcript in a list.  A list
 * whose items nearly all open with a label, two names or more labelled
 * again, gives its items' blocks to its container before the survey,
 * which judges them as any paragraphs; a list of "Owner: Alice" and
 * "Risk: the tests" stays a list. */

/* Distinct names a list's labels are counted for at most. */
#define LIST_NAMES 32

/* Count, for each person, the paragraphs of the containers list[0..count)
 * its label opens: a play in Markdown sets a speech as a list item now
 * and then ("* Jensen: *(pushing forward a chair)* Is it true"), among
 * paragraphs that open "Jensen.:".  -1 on no memory. */
static int count_openings(transcript_pass *t, steno_node **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		for (const steno_node *b = node_first(list[i]); b; b = node_next(b)) {
			line_label ll;
			int found = b->type == STENO_NODE_PARAGRAPH && node_first(b) ? label_at(t, node_first(b), &ll)
			                                                        : 0;
			if (found < 0)
				return -1;
			if (found && !ll.lab.loose && ll.lab.shape != TRANSCRIPT_SHAPE_ALONE)
				ll.name->person->opening++;
		}
	return 0;
}

/* Is the list one of turns?  -1 on no memory.  *all says whether its
 * items all open with labels, *others whether with labels of people
 * whose labels open two paragraphs or more (count_openings, once
 * asked). */
static int turn_list(transcript_pass *t, const steno_node *list, int *all, int *others)
{
	const known *name[LIST_NAMES];
	size_t seen[LIST_NAMES], names = 0, items = 0, labelled = 0, recurring = 0, known_ = 0,
	       directions = 0;
	for (const steno_node *item = node_first(list); item; item = node_next(item)) {
		const steno_node *p = node_first(item);
		line_label ll;
		items++;
		if (!p || p->type != STENO_NODE_PARAGRAPH || !node_first(p))
			continue;
		int found = label_at(t, node_first(p), &ll);
		if (found < 0)
			return -1;
		/* "* [He goes into the office.": a play's direction among them */
		const steno_node *f = node_first(p);
		if (!found && f->type == STENO_NODE_TEXT && node_len(f) && strchr("[(", node_literal(f)[0]))
			directions++;
		/* "Tent pegs: twelve.": a name and a verb are a log's lines,
		 * no list's items */
		if (!found || ll.lab.loose || ll.lab.shape == TRANSCRIPT_SHAPE_ALONE ||
		    ll.lab.shape == TRANSCRIPT_SHAPE_VERB)
			continue;
		labelled++;
		known_ += ll.name->person->opening >= 2;
		size_t k = 0;
		while (k < names && name[k] != ll.name->person)
			k++;
		if (k == names && names < LIST_NAMES) {
			name[names] = ll.name->person;
			seen[names++] = 0;
		}
		if (k < names)
			recurring += ++seen[k] == 2;
	}
	*all = labelled && labelled + directions == items;
	*others = labelled && known_ == labelled;
	return items >= 3 && labelled * 4 >= items * 3 && recurring >= 2;
}

/* Lists unwrapped, to be put back when the survey finds no turns: for
 * each list, the pair (list, NULL), then (block, its item) for each
 * block moved out of it.  malloc'd. */
typedef struct list_undo {
	steno_node *(*pairs)[2];
	size_t count, cap;
} list_undo;

static int undo_note(list_undo *u, steno_node *a, steno_node *b)
{
	if (u->count == u->cap) {
		void *p = grow_array(u->pairs, &u->cap, u->count + 1, sizeof *u->pairs);
		if (!p)
			return -1;
		u->pairs = p;
	}
	u->pairs[u->count][0] = a;
	u->pairs[u->count++][1] = b;
	return 0;
}

/* Put the blocks of the list's items where the list was, noting each
 * in u; the paragraphs moved, or (size_t)-1 on no memory. */
static size_t unwrap_list(steno_node *list, list_undo *u)
{
	size_t paras = 0;
	if (undo_note(u, list, NULL) < 0)
		return (size_t)-1;
	for (steno_node *item = node_first(list); item; item = node_next(item))
		for (steno_node *b = node_first(item), *next; b; b = next) {
			next = node_next(b);
			if (undo_note(u, b, item) < 0)
				return (size_t)-1;
			paras += b->type == STENO_NODE_PARAGRAPH;
			steno_node_unlink(b);
			steno_node_insert_before(list, b);
		}
	steno_node_unlink(list);
	return paras;
}

/* Put every list of u back as it was, its blocks in their items.  Only
 * while no turn was built: the pass drops no block before. */
static void restore_lists(list_undo *u)
{
	for (size_t i = 0; i < u->count; i++) {
		steno_node *list = u->pairs[i][0];
		if (i + 1 < u->count && u->pairs[i + 1][1])
			steno_node_insert_before(u->pairs[i + 1][0], list);
		for (; i + 1 < u->count && u->pairs[i + 1][1]; i++) {
			steno_node_unlink(u->pairs[i + 1][0]);
			steno_node_append_child(u->pairs[i + 1][1], u->pairs[i + 1][0]);
		}
	}
	u->count = 0;
}

/* The item after item in a run of lists side by side, or NULL. */
static const steno_node *next_item(const steno_node *item)
{
	const steno_node *list = node_next(node_parent(item));
	if (node_next(item))
		return node_next(item);
	return list && list->type == STENO_NODE_LIST ? node_first(list) : NULL;
}

/* The text of an item that is one line of text, or NULL. */
static const steno_node *item_line(const steno_node *item)
{
	const steno_node *p = item ? node_first(item) : NULL, *f;
	if (!p || p->type != STENO_NODE_PARAGRAPH || !(f = node_first(p)) || f->type != STENO_NODE_TEXT ||
	    !node_len(f) || node_next(f))
		return NULL;
	return f;
}

/* Do the items of the lists side by side from first read as the lines
 * of a page set each as an item ("  • Operator", "  • Good day, ladies
 * and gentlemen."): six or more, most of them sentences, and a name
 * alone among them over a sentence? */
static int bulleted_lines(const steno_node *first)
{
	size_t items = 0, sentences = 0, names = 0;
	for (const steno_node *item = node_first(first); item; item = next_item(item)) {
		const steno_node *f = item_line(item), *under;
		items++;
		if (!f)
			continue;
		sentences += strchr(".?!", node_literal(f)[node_len(f) - 1]) != NULL;
		transcript_label lab;
		transcript_name judged;
		if ((under = item_line(next_item(item))) && strchr(".?!", node_literal(under)[node_len(under) - 1]) &&
		    transcript_label_in_text(node_literal(f), node_len(f), &lab) &&
		    lab.shape == TRANSCRIPT_SHAPE_ALONE) {
			transcript_name_judge(lab.name, lab.name_len, &judged);
			names += !judged.prose && !judged.weak;
		}
	}
	return items >= 6 && names && sentences * 2 >= items;
}

/* Unwrap the lists of the containers list[0..count) that hold turns
 * (turn_list, bulleted_lines), noting them in u; *paras grows by the
 * paragraphs they gave.  -1 on no memory. */
static int unwrap_lists(transcript_pass *t, steno_node **list, size_t count, size_t *paras,
                        list_undo *u)
{
	int counted = 0, all, others, bullets = 0;
	for (size_t i = 0; i < count; i++)
		for (steno_node *b = node_first(list[i]), *next, *prev = NULL; b; prev = b, b = next) {
			next = node_next(b);
			if (b->type != STENO_NODE_LIST) {
				bullets = 0;
				continue;
			}
			/* a run of lists side by side is read once, from its first */
			if (!prev || prev->type != STENO_NODE_LIST)
				bullets = bulleted_lines(b);
			int turns = turn_list(t, b, &all, &others);
			/* a list of a speech or two, its labels the paragraphs' */
			if (!turns && all && !counted) {
				counted = 1;
				if (count_openings(t, list, count) < 0 ||
				    turn_list(t, b, &all, &others) < 0)
					return -1;
			}
			if (turns < 0)
				return -1;
			if (turns || (all && others) || bullets) {
				size_t moved = unwrap_list(b, u);
				if (moved == (size_t)-1)
					return -1;
				*paras += moved;
			}
		}
	t->seq = 0;
	return 0;
}

static steno_status find_turns(transcript_pass *t, steno_node **list, size_t count, size_t paras)
{
	steno_status st = STENO_OK;
	list_undo undo = {0};
	if (unwrap_lists(t, list, count, &paras, &undo) < 0) {
		free(undo.pairs);
		return STENO_ERR_NOMEM;
	}
	for (size_t i = 0; i < count && paras && st == STENO_OK; i++)
		for (steno_node *b = node_first(list[i]); b && paras && st == STENO_OK; b = node_next(b))
			if (b->type == STENO_NODE_PARAGRAPH) {
				paras--;
				st = survey_paragraph(t, b);
			}
	int decided = st == STENO_OK && transcript_survey_decide(&t->sv);
	/* a script without case has no capitals to name a cast with */
	if (decided && t->sv.loose_ok && t->sv.loose_caseless < t->sv.loose_lines &&
	    !cast_named(t, list, count, 0, 2))
		decided = t->sv.loose_ok = 0;
	/* "JOHN" and "MARY" alone over what they say, or "Interviewer" and
	 * "Jane": two people, too few for a cast to show itself by its
	 * order (BARE_CAST), whom the text names as people */
	int pair = st == STENO_OK && !decided ? transcript_survey_pair(&t->sv) : 0;
	if (pair && cast_named(t, list, count, 1, pair == 2 ? 2 : 1)) {
		t->sv.bare_ok = t->sv.bare_pair_ok = 1;
		t->sv.bare_once = pair == 1;
		t->sv.shapes = 1u << TRANSCRIPT_SHAPE_ALONE;
		decided = 1;
	}
	if (st == STENO_OK && !decided && interview(t)) {
		free(undo.pairs);
		for (size_t i = 0; i < count && st == STENO_OK; i++)
			st = build_turns(t, list[i], interview_paragraph);
		return st;
	}
	if (st != STENO_OK || (!t->sv.shapes && !t->sv.loose_ok)) {
		/* no turns: the lists taken for turns were lists */
		restore_lists(&undo);
		free(undo.pairs);
		warn_unsure(t);
		return st;
	}
	free(undo.pairs);
	if (join_short_forms(t) != STENO_OK || join_initials(t) != STENO_OK)
		return STENO_ERR_NOMEM;
	t->first_recurring = first_recurring(t);
	t->seq = 0;
	t->building = 1;
	for (size_t i = 0; i < count && st == STENO_OK; i++)
		st = build_turns(t, list[i], paragraph_turns);
	warn_unsure(t);
	return st;
}

/* ---- timestamps and stage directions in text ---- */

/* A node of type for s[0..len), which it refers to in place when s[len]
 * ends the literal s lies in and nothing before s is left to be cut off
 * (which would put a NUL at s[0]), else in a copy. */
static steno_node *inline_node(steno_doc *doc, steno_node_type type, const char *s, size_t len,
                               int in_place)
{
	steno_node *n = node_add(doc, NULL, type);
	const char *lit = in_place ? s : arena_strndup(&doc->arena, s, len);
	if (!n || !lit)
		return NULL;
	node_set_literal(n, lit, len);
	return n;
}

/* The time at s[i]: bracketed anywhere, bare at a line's start, and
 * the short m:ss only as a line of its own (a caption's time under
 * its speaker's name), lest "10:30 the meeting began" be one. */
static size_t time_at(const char *s, size_t len, size_t i, int line_start, int whole_line,
                      int64_t *ms)
{
	int bare = line_start && i == 0;
	size_t used = transcript_time(s + i, len - i,
	                              TRANSCRIPT_TIME_BRACKETED | (bare ? TRANSCRIPT_TIME_BARE : 0),
	                              0, ms);
	if (!used && bare && whole_line &&
	    transcript_time(s, len, TRANSCRIPT_TIME_BARE, 1, ms) == len)
		used = len;
	return used;
}

/* The time or event at s[i], as a new node, its length in *used; the
 * text before s[i] that stays text starts at s[from]. */
static steno_node *found_at(steno_doc *doc, const steno_node *t, size_t from, size_t i,
                            int line_start, size_t *used, int *nomem)
{
	int64_t ms;
	const char *kind, *s = node_literal(t);
	size_t len = node_len(t);
	steno_node *n = NULL;
	/* every line's start is asked, and a letter starts most */
	if (s[i] != '[' && s[i] != '(' && (s[i] < '0' || s[i] > '9'))
		return NULL;
	if ((*used = time_at(s, len, i, line_start, !node_next(t) || transcript_is_break(node_next(t)),
	                     &ms))) {
		if ((n = inline_node(doc, STENO_NODE_TIME, s + i, *used, i == from && i + *used == len)))
			n->as.turn.start = ms;
	} else if ((*used = transcript_event(s + i, len - i, &kind))) {
		if ((n = inline_node(doc, STENO_NODE_EVENT, s + i, *used, i == from && i + *used == len)))
			n->as.kind = kind;
	} else {
		return NULL;
	}
	*nomem = !n;
	return n;
}

/* Cut the times and events out of text node n, into new nodes before
 * it; n keeps what follows the last.  Returns the last node n became,
 * NULL on no memory. */
static steno_node *scan_text(steno_doc *doc, steno_node *n)
{
	const char *s = node_literal(n);
	size_t len = node_len(n), from = 0, used;
	int line_start = !node_prev(n) || transcript_is_break(node_prev(n)), nomem = 0;
	steno_node *last = NULL;
	/* the next '[' and '(' are remembered, not searched for at each */
	const char *bracket = memchr(s, '[', len), *paren = memchr(s, '(', len);
	for (size_t i = 0; i < len;) {
		if (!(i == 0 && line_start)) {
			if (bracket && bracket < s + i)
				bracket = memchr(s + i, '[', len - i);
			if (paren && paren < s + i)
				paren = memchr(s + i, '(', len - i);
			if (!bracket && !paren)
				break;
			i = (size_t)((bracket && (!paren || bracket < paren) ? bracket : paren) - s);
		}
		steno_node *found = found_at(doc, n, from, i, line_start, &used, &nomem);
		if (!found) {
			if (nomem)
				return NULL;
			i++;
			continue;
		}
		/* found refers to s[i] in place only when no text before it is
		 * cut, as the cut ends that text with a NUL at s[i] */
		steno_node *before = i > from ? transcript_text_cut(doc, n, from, i) : NULL;
		if (i > from && !before)
			return NULL;
		if (before)
			steno_node_insert_before(n, before);
		steno_node_insert_before(n, found);
		last = found;
		from = i += used;
	}
	if (!last)
		return n;
	if (from == len) {
		steno_node_unlink(n);
		node_discard(n);
		return last;
	}
	transcript_text_keep(n, from, len);
	return n;
}

/* Text that is speech: not a link's, an image's or a dateline's. */
static int scannable(const steno_node *n)
{
	const steno_node *p = node_parent(n);
	return n->type == STENO_NODE_TEXT && p && p->type != STENO_NODE_LINK &&
	       p->type != STENO_NODE_IMAGE && p->type != STENO_NODE_DATELINE;
}

/* ---- notes and turn times ---- */

/* A paragraph of nothing but stage directions: "(Applause.)". */
static int only_events(const steno_node *p)
{
	int events = 0;
	for (const steno_node *n = node_first(p); n; n = node_next(n)) {
		if (n->type == STENO_NODE_EVENT)
			events += !transcript_is_anchor(n);
		else if (!transcript_is_break(n) && !transcript_blank_text(n))
			return 0;
	}
	return events > 0;
}

static steno_status make_note(steno_doc *doc, steno_node *p)
{
	steno_node *note = node_add(doc, NULL, STENO_NODE_NOTE);
	if (!note)
		return STENO_ERR_NOMEM;
	note->as.kind = "stage";
	node_copy_pos(note, p);
	steno_node_insert_before(p, note);
	steno_node_unlink(p);
	node_append(note, p);
	return STENO_OK;
}

/* A turn whose text opens with a time starts then. */
static int64_t opening_time(const steno_node *turn)
{
	const steno_node *p = node_first(turn);
	if (p && p->type == STENO_NODE_NOTE)
		p = node_first(p);
	const steno_node *first = p && p->type == STENO_NODE_PARAGRAPH ? node_first(p) : NULL;
	return first && first->type == STENO_NODE_TIME ? first->as.turn.start : STENO_TIME_NONE;
}

/* The end of the turn that holds turn t (a Transcriber speaker's part
 * of a turn of several), or STENO_TIME_NONE. */
static int64_t holder_end(const steno_node *t)
{
	for (const steno_node *p = node_parent(t); p; p = node_parent(p))
		if (p->type == STENO_NODE_TURN)
			return p->as.turn.end;
	return STENO_TIME_NONE;
}

/* Turn n starts at its opening time, and the turn before it ends then,
 * or when the turn holding it ends, if that is sooner: the last part of
 * a turn of several speakers does not last into the next turn.  Called
 * a turn late (with NULL at the end), once the walk has scanned the
 * turn's opening paragraph. */
static void turn_times(steno_node **pending, steno_node **prev_turn, steno_node *next)
{
	steno_node *n = *pending, *prev = *prev_turn;
	*pending = next;
	if (!n)
		return;
	if (n->as.turn.start == STENO_TIME_NONE)
		n->as.turn.start = opening_time(n);
	int64_t start = n->as.turn.start;
	if (prev && start != STENO_TIME_NONE && prev->as.turn.end == STENO_TIME_NONE &&
	    prev->as.turn.start != STENO_TIME_NONE && prev->as.turn.start <= start) {
		int64_t cap = holder_end(prev);
		prev->as.turn.end = cap != STENO_TIME_NONE && cap < start ? cap : start;
	}
	*prev_turn = n;
}

/* A paragraph's own text is scanned when the walk meets the paragraph,
 * so that a lone stage direction is seen before the walk goes in. */
static steno_status scan_paragraph(steno_doc *doc, steno_node *p)
{
	for (steno_node *n = node_first(p); n; n = node_next(n))
		if (n->type == STENO_NODE_TEXT && !(n = scan_text(doc, n)))
			return STENO_ERR_NOMEM;
	if ((!node_parent(p) || node_parent(p)->type != STENO_NODE_NOTE) && only_events(p))
		return make_note(doc, p);
	return STENO_OK;
}

typedef struct times_walk {
	transcript_walker w;
	steno_doc *doc;
	steno_node *pending, *prev_turn; /* for turn_times */
	quotes *q;                       /* the quotes pass, when it runs */
} times_walk;

static steno_node *times_enter(transcript_walker *w, steno_node *n)
{
	times_walk *tw = (times_walk *)w;
	if (n->type == STENO_NODE_PARAGRAPH && scan_paragraph(tw->doc, n) != STENO_OK)
		return NULL;
	if (node_parent(n) && node_parent(n)->type != STENO_NODE_PARAGRAPH && scannable(n) &&
	    !(n = scan_text(tw->doc, n)))
		return NULL;
	if (n->type == STENO_NODE_TURN)
		turn_times(&tw->pending, &tw->prev_turn, n);
	return n;
}

static int times_leave(transcript_walker *w, steno_node *n)
{
	return quotes_leave(((times_walk *)w)->q, n);
}

/* Times and events out of text, notes for lone stage directions, and
 * turn times, in one walk; with q, quotations too, each container once
 * the walk has left it (its text scanned, its notes made). */
static steno_status times_and_notes(steno_doc *doc, quotes *q)
{
	times_walk tw = {.w = {.enter = times_enter, .leave = q ? times_leave : NULL},
	                 .doc = doc, .q = q};
	if (transcript_walk(doc->root, &tw.w) < 0)
		return STENO_ERR_NOMEM;
	turn_times(&tw.pending, &tw.prev_turn, NULL);
	return STENO_OK;
}

steno_status pass_transcript(steno_doc *doc, quotes *q, steno_error *err)
{
	transcript_pass t = {.doc = doc, .first_said = (size_t)-1};
	size_t count = 0, paras = 0;
	steno_node **list = transcript_collect(doc, holds_turns, &count, &paras);
	steno_status st = list ? read_lead(doc) : STENO_ERR_NOMEM;
	if (st == STENO_OK && (transcript_layout(doc, list, count, &paras) < 0 ||
	                       transcript_inline(doc, list, count) < 0))
		st = STENO_ERR_NOMEM;
	if (st == STENO_OK)
		st = find_turns(&t, list, count, paras);
	free(list);
	if (st == STENO_OK)
		st = times_and_notes(doc, q);
	table_free(&t.names);
	table_free(&t.people);
	free(t.hits);
	return st == STENO_OK ? STENO_OK : set_error(err, st, 0, 0, "out of memory");
}
