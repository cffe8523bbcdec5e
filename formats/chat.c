/* chat.c - the CHAT reader: CHILDES and TalkBank transcripts (.cha).
 * formats/chat.md has the mapping.
 *
 * CHAT is line-based: a line's first byte says what it is ('@' a
 * header, '*' an utterance, '%' a tier about the utterance before, a
 * tab the previous line's continuation).  So a tier is read whole, its
 * continuation lines with it, before anything is built from it: the
 * utterance's time (its media bullet) comes at the end of its last
 * line but goes to the start of its paragraph.  Lines are read once,
 * front to back, with one line of look-ahead.
 *
 * The utterances' own codes ([/], &-um, xxx, (.)) stay text, as
 * written: this reader gives the transcript its structure, not a
 * reading of CHAT's transcription conventions. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_input.h"
#include "core/lines.h"
#include "core/error.h"
#include "core/grow.h"
#include "formats.h"

#define NAK '\x15'     /* CHAT's media bullets are \x15START_END\x15 */
#define NAME_MAX_LEN 64 /* bytes of a header's, tier's or speaker's name */
#define TIME_DIGITS 12  /* of a bullet's milliseconds: 31 years, no overflow */
#define SNIFF_LINES 64  /* lines sniffing reads at most */

typedef struct line {
	char *s;
	size_t len; /* without the line end and trailing blanks */
	size_t col; /* of s in its line, from 0 */
	int no;
} line;


enum shape { S_BLANK, S_HEADER, S_MAIN, S_DEPENDENT, S_LOOSE };

/* What a tier's first line holds: its name and where its text starts. */
typedef struct tier_head {
	enum shape shape;
	const char *name;
	size_t name_len;
	size_t text; /* offset of the text in the first line */
} tier_head;

/* A header seen again before the first utterance: its values are
 * joined at the end, in one pass (joining at each repeat would copy the
 * values so far every time). */
typedef struct repeat {
	const char *key, *value;
	size_t order;
} repeat;

typedef struct chat {
	steno_doc *doc;
	line_scanner sc;
	line nxt;
	int has_nxt;
	line *lines; /* the tier being read: its first line and continuations */
	size_t nlines, lines_cap;
	steno_node *turn;      /* the open turn */
	const char *speaker;   /* its speaker's id */
	int in_utterance;      /* dependent tiers go into the turn */
	int body;              /* an utterance was read: headers are notes now */
	steno_node *loose;     /* the paragraph of lines that fit nothing, open */
	repeat *repeats;
	size_t nrepeats, repeats_cap;
	/* warnings: how many, and the first's line */
	size_t loose_lines, orphans, undeclared, bad_bullets;
	int loose_at, orphan_at, undeclared_at, bad_bullet_at;
} chat;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- lines ---- */

static int next_line(line_scanner *sc, line *ln)
{
	size_t start, stop;
	if (!line_scanner_next(sc, &start, &stop, &ln->no))
		return 0;
	while (stop > start && is_blank(sc->buf[stop - 1]))
		stop--;
	ln->s = sc->buf + start;
	ln->len = stop - start;
	ln->col = 0;
	return 1;
}

static int is_continuation(const line *ln)
{
	return ln->len && is_blank(ln->s[0]);
}

/* "@Name:<TAB>value", "@Name", "*CODE:<TAB>text", "%tier:<TAB>text";
 * anything else is loose. */
static tier_head head_of(const line *ln)
{
	tier_head h = {S_LOOSE, NULL, 0, 0};
	const char *s = ln->s;
	size_t len = ln->len, i = 1;
	if (!len) {
		h.shape = S_BLANK;
		return h;
	}
	if (s[0] != '@' && s[0] != '*' && s[0] != '%')
		return h;
	/* header names have spaces ("@Birth of CHI:"); speakers and tiers none */
	while (i < len && s[i] != ':' && s[i] != '\t' && (s[0] == '@' || s[i] != ' '))
		i++;
	size_t name_len = i - 1;
	if (!name_len || name_len > NAME_MAX_LEN)
		return h;
	if (s[0] != '@' && (i == len || s[i] != ':'))
		return h;
	h.name = s + 1;
	h.name_len = name_len;
	while (h.name_len && s[h.name_len] == ' ')
		h.name_len--;
	if (!h.name_len)
		return h;
	if (i < len && s[i] == ':')
		i++;
	while (i < len && is_blank(s[i]))
		i++;
	h.text = i;
	h.shape = s[0] == '@' ? S_HEADER : s[0] == '*' ? S_MAIN : S_DEPENDENT;
	return h;
}

static void advance(chat *r)
{
	r->has_nxt = next_line(&r->sc, &r->nxt);
}

/* The tier starting at first, with the continuation lines after it,
 * into r->lines; their leading blanks are skipped.  -1 on no memory. */
static int read_tier(chat *r, const line *first, size_t text)
{
	r->nlines = 0;
	line ln = *first;
	ln.s += text;
	ln.len -= text;
	ln.col = text;
	for (;;) {
		line *grown = grow_array(r->lines, &r->lines_cap, r->nlines + 1, sizeof *r->lines);
		if (!grown)
			return -1;
		r->lines = grown;
		r->lines[r->nlines++] = ln;
		if (!r->has_nxt || !is_continuation(&r->nxt))
			return 0;
		ln = r->nxt;
		while (ln.len && is_blank(*ln.s))
			ln.s++, ln.len--, ln.col++;
		advance(r);
	}
}

/* ---- bullets ---- */

typedef struct bullet {
	int64_t start, end;
	const char *media; /* an old-style bullet's file, or NULL */
	size_t media_len;
} bullet;

static size_t read_ms(const char *s, size_t len, int64_t *ms)
{
	size_t i = 0;
	*ms = 0;
	while (i < len && i < TIME_DIGITS + 1 && is_digit(s[i]))
		*ms = *ms * 10 + (s[i++] - '0');
	return i && i <= TIME_DIGITS ? i : 0;
}

/* A bullet's content, between its NAKs: "START_END", or an old file's
 * '%snd:"NAME"_START_END'.  0 when it is neither. */
static int parse_bullet(const char *s, size_t len, bullet *b)
{
	size_t i = 0, n;
	b->media = NULL;
	b->media_len = 0;
	if (len > 6 && s[0] == '%' && s[4] == ':' && s[5] == '"') {
		const char *close = memchr(s + 6, '"', len - 6);
		if (!close || (size_t)(close - s) + 1 >= len || close[1] != '_')
			return 0;
		b->media = s + 6;
		b->media_len = (size_t)(close - b->media);
		i = (size_t)(close - s) + 2;
	}
	if (!(n = read_ms(s + i, len - i, &b->start)))
		return 0;
	i += n;
	if (i == len || s[i] != '_')
		return 0;
	i++;
	if (!(n = read_ms(s + i, len - i, &b->end)))
		return 0;
	return i + n == len;
}

/* The utterance's bullet at the end of ln: "\x15835_3665\x15", or
 * "835_3665" after a blank as some exports write it.  Its offset in ln
 * (ln->len when there is none) and what it holds in *b. */
static size_t final_bullet(const line *ln, bullet *b)
{
	const char *s = ln->s;
	size_t len = ln->len;
	if (len >= 2 && s[len - 1] == NAK) {
		const char *open = NULL;
		for (size_t i = len - 1; i > 0 && !open; i--)
			if (s[i - 1] == NAK)
				open = s + i - 1;
		if (open && parse_bullet(open + 1, (size_t)(s + len - 1 - open) - 1, b))
			return (size_t)(open - s);
		return len;
	}
	size_t i = len;
	while (i && (is_digit(s[i - 1]) || s[i - 1] == '_'))
		i--;
	if (i == len || !i || !is_blank(s[i - 1]) || !parse_bullet(s + i, len - i, b) || b->media)
		return len;
	return i;
}

/* ---- building ---- */

static steno_node *add_text(chat *r, steno_node *parent, const char *s, size_t len)
{
	return len ? node_add_text(r->doc, parent, s, len) : parent;
}

/* A bullet's time, its end kept as a caption's cue keeps it (so the
 * captions writers write it back as it was). */
static steno_node *add_time(chat *r, steno_node *parent, const bullet *b, const char *written,
                            size_t written_len)
{
	char *lit = arena_strndup(&r->doc->arena, written, written_len);
	steno_node *t = lit ? node_add_cue(r->doc, parent, b->start, b->end, NULL) : NULL;
	if (!t)
		return NULL;
	node_set_literal(t, lit, written_len);
	if (b->media) {
		char *media = arena_strndup(&r->doc->arena, b->media, b->media_len);
		if (!media || steno_node_set_attr(t, "media", media) != STENO_OK)
			return NULL;
	}
	return t;
}

static void note_bad_bullet(chat *r, int no)
{
	if (!r->bad_bullets++)
		r->bad_bullet_at = no;
}

/* A line of a tier's text into p.  timed: its bullets become times in
 * place; else (a dependent tier's word times) their digits stay text.
 * A bullet that holds no time stays text without its NAKs, and one
 * that is never closed stays as it is. */
static int add_line_text(chat *r, steno_node *p, const line *ln, int timed)
{
	const char *s = ln->s;
	size_t len = ln->len, from = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != NAK)
			continue;
		const char *close = memchr(s + i + 1, NAK, len - i - 1);
		if (!close)
			break;
		size_t inner = (size_t)(close - s) - i - 1;
		bullet b;
		int ok = parse_bullet(s + i + 1, inner, &b);
		if (!ok)
			note_bad_bullet(r, ln->no);
		if (!add_text(r, p, s + from, i - from))
			return -1;
		if (ok && timed ? !add_time(r, p, &b, s + i + 1, inner)
		                : !add_text(r, p, s + i + 1, inner))
			return -1;
		from = i = (size_t)(close - s) + 1;
		i--;
	}
	return add_text(r, p, s + from, len - from) ? 0 : -1;
}

/* The tier's lines into p, apart by soft breaks as they were written. */
static int add_tier_text(chat *r, steno_node *p, int timed)
{
	for (size_t k = 0; k < r->nlines; k++) {
		if (k && !node_add(r->doc, p, STENO_NODE_SOFT_BREAK))
			return -1;
		if (add_line_text(r, p, &r->lines[k], timed) < 0)
			return -1;
	}
	return 0;
}

/* n spans the tier just read, from its mark ('@', '*', '%') to its
 * last character. */
static void set_pos(steno_node *n, const chat *r)
{
	const line *last = &r->lines[r->nlines - 1];
	size_t end = last->col + last->len;
	steno_node_set_sourcepos(n, r->lines[0].no, 1, last->no,
	                         end > INT_MAX ? INT_MAX : end ? (int)end : 1);
}

/* The tier's text, lines joined by a space, copied; NULL on no memory. */
static char *tier_string(chat *r)
{
	size_t n = 0;
	for (size_t k = 0; k < r->nlines; k++)
		n += r->lines[k].len + 1;
	char *s = arena_alloc(&r->doc->arena, n + 1), *p = s;
	if (!s)
		return NULL;
	for (size_t k = 0; k < r->nlines; k++) {
		if (k)
			*p++ = ' ';
		memcpy(p, r->lines[k].s, r->lines[k].len);
		p += r->lines[k].len;
	}
	*p = '\0';
	return s;
}

static void close_turn(chat *r)
{
	r->turn = NULL;
	r->speaker = NULL;
	r->in_utterance = 0;
	r->loose = NULL;
}

/* A note of kind, holding the tier's text, in parent. */
static steno_status add_note(chat *r, steno_node *parent, const char *kind)
{
	steno_node *note = node_add(r->doc, parent, STENO_NODE_NOTE);
	steno_node *p = note ? node_add(r->doc, note, STENO_NODE_PARAGRAPH) : NULL;
	if (!p || steno_node_set_kind(note, kind) != STENO_OK || add_tier_text(r, p, 0) < 0)
		return STENO_ERR_NOMEM;
	set_pos(note, r);
	return STENO_OK;
}

/* A header's or tier's name as a key: lower case, a space a hyphen
 * ("@Birth of CHI" is "birth-of-chi"). */
static void key_of(const tier_head *h, char key[NAME_MAX_LEN + 1])
{
	size_t i;
	for (i = 0; i < h->name_len; i++) {
		char c = h->name[i];
		key[i] = c == ' ' ? '-' : c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
	}
	key[i] = '\0';
}

/* ---- headers ---- */

/* A speaker of the table, made when it is not there yet; -1 on no memory. */
static int ensure_speaker(chat *r, const char *id)
{
	if (steno_speaker_find(r->doc, id) != (size_t)-1)
		return 0;
	return steno_speaker_set(r->doc, id, NULL, NULL) == STENO_OK ? 0 : -1;
}

/* One participant, "CODE [Name] Role": the name may be several words,
 * those between the code and the role. */
static int participant(chat *r, const char *s, size_t len)
{
	const char *first = NULL, *second = NULL, *last = NULL;
	size_t first_len = 0, last_len = 0, before_last_end = 0, words = 0, prev_end = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && is_blank(s[i]))
			i++;
		size_t at = i;
		while (i < len && !is_blank(s[i]))
			i++;
		if (i == at)
			break;
		if (!words++)
			first = s + at, first_len = i - at;
		else if (words == 2)
			second = s + at;
		before_last_end = prev_end;
		prev_end = i;
		last = s + at;
		last_len = i - at;
	}
	if (!words)
		return 0;
	arena *a = &r->doc->arena;
	char *id = arena_strndup(a, first, first_len);
	char *role = words > 1 ? arena_strndup(a, last, last_len) : NULL;
	char *name = words > 2 ? arena_strndup(a, second, (size_t)(s + before_last_end - second)) : NULL;
	if (!id || (words > 1 && !role) || (words > 2 && !name))
		return -1;
	return steno_speaker_set(r->doc, id, name ? name : role, role) == STENO_OK ? 0 : -1;
}

/* "@Participants: CHI Lily Target_Child, MOT Mother". */
static int participants(chat *r, const char *list)
{
	for (const char *p = list;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (participant(r, p, n) < 0)
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* "@ID: language|corpus|code|age|sex|group|SES|role|education|custom|":
 * the fields of the speaker the third names; 1 when it names no one. */
static int id_header(chat *r, const char *written)
{
	char *value = arena_strndup(&r->doc->arena, written, strlen(written));
	if (!value)
		return -1;
	static const char *const fields[] = {"language", "corpus",    NULL,    "age",  "sex",
	                                     "group",    "ses",       "role",  "education",
	                                     "custom"};
	char *field[10];
	size_t n = 0;
	for (char *p = value; n < 10;) {
		field[n++] = p;
		/* the last field keeps whatever follows, but for its own end */
		char *bar = n < 10 ? strchr(p, '|') : NULL;
		if (n == 10 && *p && p[strlen(p) - 1] == '|')
			p[strlen(p) - 1] = '\0';
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	if (n < 3 || !*field[2])
		return 1; /* names no one */
	const char *id = field[2];
	if (ensure_speaker(r, id) < 0)
		return -1;
	size_t at = steno_speaker_find(r->doc, id);
	const char *had = steno_speaker_role(r->doc, at);
	for (size_t i = 0; i < n; i++) {
		if (!fields[i] || !*field[i])
			continue;
		if (!strcmp(fields[i], "role")) {
			/* @Participants' role stands; a different one here is kept beside it */
			if (!had && steno_speaker_set(r->doc, id, steno_speaker_name(r->doc, at)
			                                                  ? NULL
			                                                  : field[i],
			                              field[i]) != STENO_OK)
				return -1;
			if (!had || !strcmp(had, field[i]))
				continue;
		}
		if (steno_speaker_set_attr(r->doc, id, !strcmp(fields[i], "role") ? "id-role" : fields[i],
		                           field[i]) != STENO_OK)
			return -1;
	}
	return 0;
}

/* A header a second time before the first utterance: joined later. */
static int add_repeat(chat *r, const char *key, const char *value)
{
	repeat *grown = grow_array(r->repeats, &r->repeats_cap, r->nrepeats + 1, sizeof *grown);
	if (!grown)
		return -1;
	r->repeats = grown;
	r->repeats[r->nrepeats] = (repeat){key, value, r->nrepeats};
	r->nrepeats++;
	return 0;
}

static int meta(chat *r, const char *key, const char *value)
{
	if (!steno_meta_get(r->doc, key))
		return steno_meta_set(r->doc, key, value) == STENO_OK ? 0 : -1;
	char *k = arena_strndup(&r->doc->arena, key, strlen(key));
	char *v = k ? arena_strndup(&r->doc->arena, value, strlen(value)) : NULL;
	return v ? add_repeat(r, k, v) : -1;
}

/* "@Languages: eng, fra": the first is the document's language, and
 * all of them, as written, "languages" when there are several. */
static int languages(chat *r, const char *value)
{
	size_t n = strcspn(value, ", \t");
	char first[NAME_MAX_LEN + 1];
	if (!n || n > NAME_MAX_LEN)
		return meta(r, "languages", value);
	memcpy(first, value, n);
	first[n] = '\0';
	if (meta(r, "language", first) < 0)
		return -1;
	return value[n + strspn(value + n, ", \t")] ? meta(r, "languages", value) : 0;
}

/* Headers that mark a place in the transcript (a gem, an episode) are
 * notes where they stand, even before the first utterance. */
static int marks_place(const char *key)
{
	static const char *const keys[] = {"g", "bg", "eg", "new-episode", "blank", "page",
	                                   "new-language"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(key, keys[i]))
			return 1;
	return 0;
}

static steno_status header(chat *r, const tier_head *h)
{
	char key[NAME_MAX_LEN + 1];
	key_of(h, key);
	char *value = tier_string(r);
	if (!value)
		return STENO_ERR_NOMEM;
	if (!strcmp(key, "utf8") || !strcmp(key, "begin") || !strcmp(key, "end")) {
		if (!*value)
			return STENO_OK; /* the file's own frame */
	}
	int st = 0;
	if (!strcmp(key, "participants"))
		st = participants(r, value);
	else if (!strcmp(key, "id"))
		st = id_header(r, value);
	else if (r->body || marks_place(key)) {
		close_turn(r);
		return add_note(r, r->doc->root, key);
	} else if (!strcmp(key, "languages"))
		st = languages(r, value);
	else if (!strcmp(key, "date"))
		st = meta(r, "date", value);
	else if (!strcmp(key, "location"))
		st = meta(r, "place", value);
	else
		st = meta(r, key, value);
	if (st > 0) /* an @ID that names no one: kept as it was written */
		st = meta(r, key, value);
	return st < 0 ? STENO_ERR_NOMEM : STENO_OK;
}

/* ---- tiers ---- */

static steno_status utterance(chat *r, const tier_head *h)
{
	char id[NAME_MAX_LEN + 1];
	memcpy(id, h->name, h->name_len);
	id[h->name_len] = '\0';
	if (steno_speaker_find(r->doc, id) == (size_t)-1) {
		if (!r->undeclared++)
			r->undeclared_at = r->lines[0].no;
		if (ensure_speaker(r, id) < 0)
			return STENO_ERR_NOMEM;
	}
	const char *kept = steno_speaker_id(r->doc, steno_speaker_find(r->doc, id));
	if (!r->turn || strcmp(r->speaker, kept) != 0) {
		r->loose = NULL;
		r->turn = node_add(r->doc, r->doc->root, STENO_NODE_TURN);
		if (!r->turn || steno_node_add_speaker(r->turn, kept) != STENO_OK)
			return STENO_ERR_NOMEM;
		set_pos(r->turn, r);
		r->speaker = kept;
	}
	int opens = !node_first(r->turn);
	steno_node *p = node_add(r->doc, r->turn, STENO_NODE_PARAGRAPH);
	if (!p)
		return STENO_ERR_NOMEM;
	set_pos(p, r);
	line *last = &r->lines[r->nlines - 1];
	bullet b;
	size_t at = final_bullet(last, &b);
	if (at < last->len) {
		const char *written = last->s + at + (last->s[at] == NAK);
		size_t written_len = last->len - at - 2 * (last->s[at] == NAK);
		if (!add_time(r, p, &b, written, written_len))
			return STENO_ERR_NOMEM;
		/* a turn whose first utterance has no time has no known start */
		steno_node_set_times(r->turn, opens ? b.start : steno_node_get_start(r->turn), b.end);
		last->len = at;
		while (last->len && is_blank(last->s[last->len - 1]))
			last->len--;
	}
	r->in_utterance = 1;
	r->body = 1;
	return add_tier_text(r, p, 1) < 0 ? STENO_ERR_NOMEM : STENO_OK;
}

static steno_status dependent(chat *r, const tier_head *h)
{
	char key[NAME_MAX_LEN + 1];
	key_of(h, key);
	if (!r->in_utterance) {
		if (!r->orphans++)
			r->orphan_at = r->lines[0].no;
		close_turn(r);
	}
	return add_note(r, r->in_utterance ? r->turn : r->doc->root,
	                !strcmp(key, "com") ? "comment" : key);
}

/* A line that is no header and no tier: text, in a paragraph with the
 * loose lines right before it. */
static steno_status loose_line(chat *r, const line *ln)
{
	if (!r->loose_lines++)
		r->loose_at = ln->no;
	if (!r->loose) {
		close_turn(r);
		r->loose = node_add(r->doc, r->doc->root, STENO_NODE_PARAGRAPH);
		if (!r->loose)
			return STENO_ERR_NOMEM;
		steno_node_set_sourcepos(r->loose, ln->no, 1, ln->no, 1);
	} else if (!node_add(r->doc, r->loose, STENO_NODE_SOFT_BREAK)) {
		return STENO_ERR_NOMEM;
	}
	size_t i = 0;
	while (i < ln->len && is_blank(ln->s[i]))
		i++;
	return add_text(r, r->loose, ln->s + i, ln->len - i) ? STENO_OK : STENO_ERR_NOMEM;
}

static steno_status read_lines(chat *r)
{
	advance(r);
	while (r->has_nxt) {
		line first = r->nxt;
		advance(r);
		tier_head h = head_of(&first);
		if (h.shape == S_BLANK) {
			r->loose = NULL;
			continue;
		}
		if (h.shape == S_LOOSE) {
			if (loose_line(r, &first) != STENO_OK)
				return STENO_ERR_NOMEM;
			continue;
		}
		r->loose = NULL;
		if (read_tier(r, &first, h.text) < 0)
			return STENO_ERR_NOMEM;
		steno_status st = h.shape == S_HEADER ? header(r, &h)
		                  : h.shape == S_MAIN ? utterance(r, &h)
		                                      : dependent(r, &h);
		if (st != STENO_OK)
			return st;
	}
	return STENO_OK;
}

/* ---- the end: repeated headers, warnings ---- */

static int by_key(const void *a, const void *b)
{
	const repeat *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

/* Each repeated header's values after its first, joined by "; " as
 * the TEI reader joins a key's values. */
static int join_repeats(chat *r)
{
	if (!r->nrepeats)
		return 0; /* and no array to sort */
	qsort(r->repeats, r->nrepeats, sizeof *r->repeats, by_key);
	for (size_t i = 0; i < r->nrepeats;) {
		const char *first = steno_meta_get(r->doc, r->repeats[i].key);
		size_t j = i, n = strlen(first) + 1;
		for (; j < r->nrepeats && !strcmp(r->repeats[j].key, r->repeats[i].key); j++)
			n += strlen(r->repeats[j].value) + 2;
		char *joined = malloc(n), *p = joined;
		if (!joined)
			return -1;
		p += strlen(strcpy(p, first));
		for (size_t k = i; k < j; k++) {
			memcpy(p, "; ", 2);
			p += 2;
			p += strlen(strcpy(p, r->repeats[k].value));
		}
		steno_status st = steno_meta_set(r->doc, r->repeats[i].key, joined);
		free(joined);
		if (st != STENO_OK)
			return -1;
		i = j;
	}
	return 0;
}

/* The warnings, in the order of the lines they name first. */
static void warn(const chat *r)
{
	const struct {
		size_t count;
		int at;
		const char *what;
	} w[] = {
		{r->loose_lines, r->loose_at, "line(s) that are no CHAT header, utterance or tier kept as text"},
		{r->orphans, r->orphan_at,
		 "dependent tier(s) with no utterance before them kept as notes of the document"},
		{r->undeclared, r->undeclared_at, "utterance(s) of a speaker @Participants does not name"},
		{r->bad_bullets, r->bad_bullet_at, "media bullet(s) that hold no times kept as text"},
	};
	size_t n = sizeof w / sizeof *w;
	unsigned done = 0;
	for (size_t k = 0; k < n; k++) {
		size_t first = n;
		for (size_t i = 0; i < n; i++)
			if (w[i].count && !(done >> i & 1) && (first == n || w[i].at < w[first].at))
				first = i;
		if (first == n)
			return;
		done |= 1u << first;
		doc_warn(r->doc, "line %d: %zu %s", w[first].at, w[first].count, w[first].what);
	}
}

static steno_status chat_read(steno_doc *doc, const char *data, size_t len,
                              const steno_options *opts, steno_error *err)
{
	steno_error local;
	if (!err)
		err = &local;
	size_t n;
	char *buf = doc_input_text(doc, data, len, opts ? opts->encoding : NULL, &n, err);
	if (!buf)
		return err->code;
	chat r = {.doc = doc};
	line_scanner_init(&r.sc, buf, n);
	steno_status st = read_lines(&r);
	if (st == STENO_OK && join_repeats(&r) < 0)
		st = STENO_ERR_NOMEM;
	free(r.lines);
	free(r.repeats);
	if (st != STENO_OK)
		return error_nomem(err);
	warn(&r);
	return STENO_OK;
}

/* ---- sniffing ---- */

/* Plain text that starts as CHAT does: "@UTF8" or "@Begin", or headers
 * and then an utterance. */
static int chat_sniff(const char *data, size_t len)
{
	line_scanner sc;
	line ln;
	size_t skip = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	/* the scanner only reads: the cast writes nothing */
	line_scanner_init(&sc, (char *)data + skip, len - skip);
	int headers = 0;
	for (int i = 0; i < SNIFF_LINES && next_line(&sc, &ln); i++) {
		tier_head h = head_of(&ln);
		if (h.shape == S_BLANK || (headers && is_continuation(&ln)))
			continue;
		if (h.shape == S_HEADER && !headers &&
		    ((h.name_len == 4 && !memcmp(h.name, "UTF8", 4)) ||
		     (h.name_len == 5 && !memcmp(h.name, "Begin", 5))) &&
		    h.text == ln.len)
			return 1;
		if (h.shape == S_HEADER)
			headers++;
		else
			return h.shape == S_MAIN && headers > 0;
	}
	return 0;
}

const format chat_format = {
	.name = "chat",
	.aliases = "cha",
	.extensions = ".cha",
	.media_type = "text/x-chat",
	.description = "CHAT transcript (CHILDES, TalkBank)",
	.read = chat_read,
	.sniff = chat_sniff,
};
