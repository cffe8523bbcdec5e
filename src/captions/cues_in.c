/* cues_in.c - captions into a transcript: cues into time nodes,
 * paragraphs and turns, as formats/vtt.md says.
 *
 * A cue's time node is put down only when its first content arrives, or
 * at its end when it has none: a voice or a speaker-change mark opening
 * the cue decides whether it starts a new turn, and the turn must then
 * start with the cue's time. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "captions/cues_in.h"
#include "core/doc_input.h"
#include "core/sink.h"
#include "core/utf8.h"

void cues_in_init(cues_in *c, steno_doc *doc, const steno_options *opts)
{
	memset(c, 0, sizeof *c);
	c->doc = doc;
	c->pause_ms = opts ? opts->pause_ms : 2000;
	c->last_end = STENO_TIME_NONE;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* ---- times ---- */

/* Digits at s[*i..len) into *v, at most max of them counted in *n; -1
 * when more digits follow max or the value passes limit. */
static int digits(const char *s, size_t len, size_t *i, int64_t limit, int64_t *v, size_t *n)
{
	*v = 0;
	*n = 0;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		*v = *v * 10 + (s[(*i)++] - '0');
		if (*v > limit)
			return -1;
		(*n)++;
	}
	return 0;
}

static size_t time_strict(const char *s, size_t len, int64_t *ms)
{
	size_t i = 0, n1, n2, n3, n4;
	int64_t v1, v2, v3, v4;
	if (digits(s, len, &i, CUES_MAX_HOURS, &v1, &n1) < 0 || !n1)
		return 0;
	int hours = n1 != 2 || v1 > 59;
	if (i >= len || s[i++] != ':' || digits(s, len, &i, 99, &v2, &n2) < 0 || n2 != 2)
		return 0;
	if (hours || (i < len && s[i] == ':')) {
		if (i >= len || s[i++] != ':' || digits(s, len, &i, 99, &v3, &n3) < 0 || n3 != 2)
			return 0;
	} else {
		v3 = v2, v2 = v1, v1 = 0;
	}
	if (i >= len || s[i++] != '.' || digits(s, len, &i, 999, &v4, &n4) < 0 || n4 != 3 ||
	    v2 > 59 || v3 > 59)
		return 0;
	*ms = ((v1 * 60 + v2) * 60 + v3) * 1000 + v4;
	return i;
}

/* SubRip as written in the wild: "0:01:02,5", "00:01:02.500". */
static size_t time_lenient(const char *s, size_t len, int64_t *ms)
{
	size_t i = 0, n[3], nf = 0;
	int64_t v[3], frac = 0;
	if (digits(s, len, &i, CUES_MAX_HOURS, &v[0], &n[0]) < 0 || !n[0])
		return 0;
	for (int k = 1; k < 3; k++)
		if (i >= len || s[i++] != ':' || digits(s, len, &i, 99, &v[k], &n[k]) < 0 || !n[k] ||
		    n[k] > 2 || v[k] > 59)
			return 0;
	if (i + 1 < len && (s[i] == ',' || s[i] == '.') && s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		for (int64_t unit = 100; i < len && s[i] >= '0' && s[i] <= '9'; i++, nf++, unit /= 10)
			frac += (s[i] - '0') * unit; /* a fourth digit and more: unit is 0 */
	}
	*ms = ((v[0] * 60 + v[1]) * 60 + v[2]) * 1000 + frac;
	return i;
}

size_t cues_time(const char *s, size_t len, int strict, int64_t *ms)
{
	return strict ? time_strict(s, len, ms) : time_lenient(s, len, ms);
}

const char *cues_utf16_guess(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t n = len < 4096 ? len & ~(size_t)1 : 4096, zero[2] = {0, 0};
	if (n < 8 || (s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))
		return NULL;
	for (size_t i = 0; i < n; i++)
		zero[i & 1] += !s[i];
	/* digits, blanks and line ends alone, in timing lines, make most
	 * characters ASCII, whose high bytes are NUL: of the n / 2 units,
	 * at least 60 % have one on one side and under 5 % on the other */
	if (zero[1] * 20 >= n * 6 && zero[0] * 40 < n)
		return "UTF-16LE";
	if (zero[0] * 20 >= n * 6 && zero[1] * 40 < n)
		return "UTF-16BE";
	return NULL;
}

/* ---- speakers ---- */

/* The speaker id of a name: lower-case ASCII letters and digits, other
 * ASCII runs as one '-', other characters as they are ("Mary Ann" and
 * "MARY ANN" are one speaker); "speaker" for a name of punctuation. */
static const char *speaker_of(cues_in *c, const char *name, size_t len)
{
	if (c->named_id && len == c->named_len && !memcmp(name, c->named, len))
		return c->named_id;
	char id[128], shown[256];
	size_t n = 0;
	int dash = 0;
	for (size_t i = 0; i < len && n + 2 < sizeof id; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
			if (dash && n)
				id[n++] = '-';
			id[n++] = (char)ch;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	/* a cut UTF-8 sequence at the end would not be valid in an id */
	while (n && ((unsigned char)id[n - 1] & 0xC0) == 0x80)
		n--;
	if (n && (unsigned char)id[n - 1] >= 0xC0)
		n--;
	if (!n) {
		memcpy(id, "speaker", 8);
		n = 7;
	}
	id[n] = '\0';
	size_t i = steno_speaker_find(c->doc, id);
	if (i == (size_t)-1) {
		snprintf(shown, sizeof shown, "%.*s", (int)(len < 255 ? len : 255), name);
		if (steno_speaker_set(c->doc, id, shown, NULL) != STENO_OK)
			return NULL;
		i = steno_speaker_find(c->doc, id);
	}
	const char *found = steno_speaker_id(c->doc, i);
	if (len <= sizeof c->named) {
		memcpy(c->named, name, len);
		c->named_len = len;
		c->named_id = found;
	}
	return found;
}

/* ">> " or "- " opening a line: someone else speaks.  Its length with
 * the blanks after it, or 0. */
static size_t change_mark(const char *s, size_t len)
{
	size_t i = 0;
	if (len >= 2 && s[0] == '>' && s[1] == '>')
		i = 2;
	else if (len >= 2 && s[0] == '-' && is_blank(s[1]))
		i = 1;
	else
		return 0;
	if (i < len && !is_blank(s[i]))
		return 0;
	while (i < len && is_blank(s[i]))
		i++;
	return i;
}

/* "JOHN SMITH: " after a change mark, as broadcast captions name the
 * new speaker: capitals, at most 40 bytes.  The name's length, its
 * length with the colon and blanks in *used; 0 if none. */
static size_t caps_label(const char *s, size_t len, size_t *used)
{
	size_t i = 0;
	int letters = 0;
	while (i < len && i < 40 && s[i] != ':') {
		char ch = s[i];
		if (ch >= 'a' && ch <= 'z')
			return 0;
		letters += ch >= 'A' && ch <= 'Z';
		if (!(ch >= 'A' && ch <= 'Z') && !is_blank(ch) && !strchr(".'-0123456789", ch) &&
		    (unsigned char)ch < 0x80)
			return 0;
		i++;
	}
	if (i >= len || s[i] != ':' || !letters || (i + 1 < len && !is_blank(s[i + 1])))
		return 0;
	size_t name = i;
	while (name && is_blank(s[name - 1]))
		name--;
	for (i++; i < len && is_blank(s[i]); i++)
		;
	*used = i;
	return name;
}

/* "Sarah: " or "Mary Ann: " opening a cue, as caption files (and the
 * SRT writer) name who speaks: one to three words, each opening with a
 * capital, or one word of a script without case (CJK, kana, Hangul), of
 * letters, apostrophes, hyphens and periods, at most 40 bytes, perhaps
 * a parenthesis after them; then a colon and a blank (or a full-width
 * colon) and more text.  The name's length, the label's as written in
 * *written, with the colon and blanks in *used; 0 if none. */
static size_t name_label(const char *s, size_t len, size_t *used, size_t *written)
{
	size_t i = 0, words = 0, n, name = 0;
	int caseless = 0;
	for (uint32_t cp;; i += n) {
		if (i >= len || i > 40 || !(n = utf8_decode(s + i, len - i, &cp)))
			return 0;
		if (cp == ':' || cp == 0xFF1A)
			break;
		int starts = !i || s[i - 1] == ' ';
		/* "Ashlee Kupor (SL): ", as Zoom writes a renamed participant:
		 * the parenthesis is the label's, not the name's */
		if (cp == '(' && starts && words && !name) {
			const char *close = memchr(s + i, ')', len - i < 32 ? len - i : 32);
			if (!close || close + 1 >= s + len || close[1] != ':' ||
			    (words < 2 && !(s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) /* "See (below):" */
				return 0;
			for (name = i; s[name - 1] == ' ';)
				name--;
			n = (size_t)(close - s) + 1 - i;
			continue;
		}
		if (cp == ' ') {
			if (starts)
				return 0;
			continue;
		}
		if (starts) {
			int upper = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && utf8_fold_name(cp) != cp);
			caseless = cp >= 0x3040 && cp < 0xD7B0;
			if ((!upper && !caseless) || ++words > 3 || (caseless && words > 1))
				return 0;
		} else if (cp < 0x80 && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') &&
		           !strchr("'-.", (int)cp)) {
			return 0;
		}
	}
	if (!i || s[i - 1] == ' ')
		return 0;
	*written = i;
	name = name ? name : i;
	i += n;
	if (n == 1 && (i >= len || !is_blank(s[i])))
		return 0;
	while (i < len && is_blank(s[i]))
		i++;
	if (i >= len)
		return 0;
	*used = i;
	return name;
}

/* ---- the tree ---- */

static void set_pos(cues_in *c, steno_node *n)
{
	if (c->cue_line)
		steno_node_set_sourcepos(n, c->cue_line, 1, c->cue_line, 1);
}

static int open_turn(cues_in *c, const char *speaker)
{
	c->turn = node_add(c->doc, c->doc->root, STENO_NODE_TURN);
	if (!c->turn || (speaker && steno_node_add_speaker(c->turn, speaker) != STENO_OK))
		return -1;
	set_pos(c, c->turn);
	steno_node_set_times(c->turn, c->cue_start, c->cue_end);
	c->speaker = speaker;
	c->para = NULL;
	return 0;
}

static int open_para(cues_in *c)
{
	c->para = node_add(c->doc, c->turn ? c->turn : c->doc->root, STENO_NODE_PARAGRAPH);
	if (!c->para)
		return -1;
	set_pos(c, c->para);
	c->para_bytes = 0;
	c->sentence_end = 0;
	return 0;
}

/* A turn a voice or a mark asked for starts here. */
static int change_turn(cues_in *c)
{
	c->changes = 0;
	c->pending_break = 0;
	if (c->turn && c->pending_voice == c->speaker && !c->pending_mark)
		return 0;
	if (open_turn(c, c->pending_voice) < 0)
		return -1;
	/* the label as written leaves the text, as the transcript pass's do */
	return c->pending_label &&
	               node_set_attr_kept(c->turn, "label", c->pending_label) != STENO_OK
	               ? -1
	               : 0;
}

/* Put the cue's time node down where its content starts. */
static int place_cue(cues_in *c)
{
	steno_node *cue = c->cue;
	c->cue = NULL;
	if (c->changes && change_turn(c) < 0)
		return -1;
	if (c->para) {
		int64_t gap = c->last_end == STENO_TIME_NONE ? 0 : c->cue_start - c->last_end;
		if ((c->pause_ms >= 0 && gap > c->pause_ms) ||
		    (c->sentence_end && c->para_bytes >= CUES_PARAGRAPH_BYTES))
			c->para = NULL;
	}
	if (!c->para && open_para(c) < 0)
		return -1;
	steno_node *last = node_last(c->para);
	/* cues are apart by a line break, but for an empty one */
	if (last && !(last->type == STENO_NODE_TIME && node_has_attrs(last)) &&
	    !node_add(c->doc, c->para, STENO_NODE_SOFT_BREAK))
		return -1;
	node_append(c->para, cue);
	return 0;
}

steno_node *cues_in_cue(cues_in *c, int64_t start, int64_t end, char *written,
                        size_t written_len, int line)
{
	steno_node *t = node_add_cue(c->doc, NULL, start, end, NULL);
	if (!t)
		return NULL;
	written[written_len] = '\0';
	node_set_literal(t, written, written_len); /* a time as written is short */
	c->cue = t;
	c->cue_start = start;
	c->cue_end = end;
	c->cue_line = line;
	steno_node_set_sourcepos(t, line, 1, line, 1);
	c->line_start = 1;
	c->cue_said = 0;
	c->cue_dashed = 0;
	c->pending_break = 0;
	return t;
}

steno_node *cues_in_container(cues_in *c)
{
	if (c->cue && place_cue(c) < 0)
		return NULL;
	if (c->changes && change_turn(c) < 0)
		return NULL;
	if (!c->para) {
		/* a turn opened within the cue: its text starts a paragraph */
		c->pending_break = 0;
		if (open_para(c) < 0)
			return NULL;
	}
	if (c->pending_break) {
		c->pending_break = 0;
		if (!node_add(c->doc, c->para, STENO_NODE_SOFT_BREAK))
			return NULL;
	}
	c->line_start = 0;
	return c->para;
}

/* Does the text end a sentence: ". ! ? …" and CJK's, before closing
 * quotes and brackets? */
static int ends_sentence(const char *s, size_t len, int before)
{
	size_t i = len;
	while (i) {
		unsigned char ch = (unsigned char)s[i - 1];
		if (is_blank((char)ch) || strchr("\"')]", ch))
			i--;
		else if (i >= 3 && ch >= 0x80 &&
		         (!memcmp(s + i - 3, "\xE2\x80\x9D", 3) || !memcmp(s + i - 3, "\xE2\x80\x99", 3)))
			i -= 3; /* ” ’ */
		else
			break;
	}
	if (!i)
		return before;
	char last = s[i - 1];
	if (last == '.' || last == '!' || last == '?')
		return 1;
	return i >= 3 && (!memcmp(s + i - 3, "\xE2\x80\xA6", 3) || !memcmp(s + i - 3, "\xE3\x80\x82", 3) ||
	                  !memcmp(s + i - 3, "\xEF\xBC\x81", 3) || !memcmp(s + i - 3, "\xEF\xBC\x9F", 3));
}

/* A mark at a top-level line's start: the next content is another
 * speaker's, named when a capitals label follows.  A "- " that opens a
 * later line of a cue whose first line had none, after words that end
 * no sentence, is a dash in the sentence ("in the community\n- faculty,
 * staff"), not a second speaker's line. */
static size_t read_mark(cues_in *c, const char *s, size_t len)
{
	size_t used = change_mark(s, len), label_used = 0;
	if (!used || (s[0] == '-' && c->cue_said && !c->cue_dashed && !c->sentence_end))
		return 0;
	if (!c->cue_said)
		c->cue_dashed = s[0] == '-';
	size_t name = caps_label(s + used, len - used, &label_used);
	c->pending_voice = name ? speaker_of(c, s + used, name) : NULL;
	if (name && !c->pending_voice)
		return (size_t)-1;
	c->pending_label = name ? arena_strndup(&c->doc->arena, s + used, name) : NULL;
	if (name && !c->pending_label)
		return (size_t)-1;
	c->pending_mark = 1;
	c->changes = 1;
	c->pending_break = 0;
	return used + label_used;
}

/* A name label opening the cue's first line: a turn of that speaker
 * starts, as the source wrote a label.  Its length, 0 for none,
 * (size_t)-1 when memory is short. */
static size_t read_name(cues_in *c, const char *s, size_t len)
{
	size_t used = 0, written = 0, name = c->cue_said ? 0 : name_label(s, len, &used, &written);
	if (!name)
		return 0;
	/* the label as written leaves the text for the turn's attribute */
	if (!(c->pending_voice = speaker_of(c, s, name)) ||
	    !(c->pending_label = arena_strndup(&c->doc->arena, s, written)))
		return (size_t)-1;
	c->pending_mark = 1;
	c->changes = 1;
	return used;
}

static int add_text(cues_in *c, steno_node *parent, char *s, size_t len, int shared)
{
	if (!len)
		return 0;
	if (!parent && c->line_start) {
		size_t used = read_mark(c, s, len);
		if (!used)
			used = read_name(c, s, len);
		if (used == (size_t)-1)
			return -1;
		s += used;
		len -= used;
		if (!len) {
			c->line_start = 0;
			return 0;
		}
	}
	if (!parent && !(parent = cues_in_container(c)))
		return -1;
	c->line_start = 0;
	c->cue_said = 1;
	c->para_bytes += len;
	c->sentence_end = ends_sentence(s, len, c->sentence_end);
	if (!shared || len > NODE_MAX_LEN)
		return node_add_text(c->doc, parent, s, len) ? 0 : -1;
	return node_add_text_in(c->doc, parent, s, len) ? 0 : -1;
}

int cues_in_text(cues_in *c, steno_node *parent, const char *s, size_t len)
{
	return add_text(c, parent, (char *)s, len, 0); /* not written: a copy is made */
}

int cues_in_text_shared(cues_in *c, steno_node *parent, char *s, size_t len)
{
	return add_text(c, parent, s, len, 1);
}

int cues_in_break(cues_in *c, steno_node *parent)
{
	if (parent)
		return node_add(c->doc, parent, STENO_NODE_SOFT_BREAK) ? 0 : -1;
	/* held back: a mark opening the next line drops it */
	if (!c->cue)
		c->pending_break = 1;
	c->line_start = 1;
	return 0;
}

int cues_in_voice(cues_in *c, const char *name, size_t len)
{
	const char *id = speaker_of(c, name, len);
	if (!id)
		return -1;
	c->pending_voice = id;
	c->pending_label = NULL;
	c->pending_mark = 0;
	c->changes = 1;
	return 0;
}

int cues_in_end(cues_in *c)
{
	if (c->cue && place_cue(c) < 0)
		return -1;
	c->changes = 0;
	c->pending_break = 0;
	if (c->turn && (c->turn->as.turn.end == STENO_TIME_NONE || c->turn->as.turn.end < c->cue_end))
		c->turn->as.turn.end = c->cue_end;
	c->last_end = c->cue_end;
	c->cues++;
	return 0;
}

steno_node *cues_in_block(cues_in *c, steno_node_type type)
{
	c->para = NULL;
	return node_add(c->doc, c->turn ? c->turn : c->doc->root, type);
}

/* ---- rolling captions ---- */

/* The next byte of a line's text at *i, markup ("<...>") and blanks at
 * the edges aside; -1 at its end. */
static int next_char(const cues_line *l, size_t *i)
{
	while (*i < l->len && l->s[*i] == '<') {
		const char *gt = memchr(l->s + *i, '>', l->len - *i);
		*i = gt ? (size_t)(gt - l->s) + 1 : l->len;
	}
	return *i < l->len ? (unsigned char)l->s[(*i)++] : -1;
}

static int next_word_char(const cues_line *l, size_t *i, int blanks)
{
	int ch = next_char(l, i);
	while (blanks && (ch == ' ' || ch == '\t'))
		ch = next_char(l, i);
	return ch;
}

/* The same text, markup and blanks at the edges aside: the roll's two
 * copies of a line differ in both. */
static int same_words(const cues_line *a, const cues_line *b)
{
	size_t i = 0, j = 0;
	int x = next_word_char(a, &i, 1), y = next_word_char(b, &j, 1);
	while (x == y && x != -1) {
		x = next_char(a, &i);
		y = next_char(b, &j);
	}
	if (x == ' ' || x == '\t')
		x = next_word_char(a, &i, 1);
	if (y == ' ' || y == '\t')
		y = next_word_char(b, &j, 1);
	return x == -1 && y == -1;
}

int cues_has_word_times(const char *s, size_t len)
{
	for (const char *p = s; (p = memchr(p, '<', len - (size_t)(p - s))); p++)
		if (p + 1 < s + len && p[1] >= '0' && p[1] <= '9')
			return 1;
	return 0;
}

/* Do the first k lines repeat the last k of the cue before? */
static int repeats(const cues_in *c, const cues_line *lines, size_t k)
{
	for (size_t i = 0; i < k; i++) {
		const cues_line *was = &c->prev[c->prev_count - k + i];
		if (!was->rolled || cues_has_word_times(lines[i].s, lines[i].len) ||
		    !same_words(was, &lines[i]))
			return 0;
	}
	return 1;
}

size_t cues_in_repeated(cues_in *c, cues_line *lines, size_t count)
{
	size_t k = count < c->prev_count ? count : c->prev_count;
	while (k > 0 && !repeats(c, lines, k))
		k--;
	size_t keep = count < CUES_ROLL_LINES ? count : CUES_ROLL_LINES;
	for (size_t i = count - keep; i < count; i++)
		lines[i].rolled = i < k || cues_has_word_times(lines[i].s, lines[i].len);
	memcpy(c->prev, lines + count - keep, keep * sizeof *lines);
	c->prev_count = keep;
	return k;
}

char *cues_decode(steno_doc *doc, const char *data, size_t len, const steno_options *opts,
                  size_t *n, steno_error *err)
{
	size_t replaced;
	const char *detected;
	const char *forced = opts->encoding ? opts->encoding : cues_utf16_guess(data, len);
	char *buf = doc_input_utf8(doc, data, len, forced, n, &replaced, &detected, err);
	if (!buf)
		return NULL;
	if (forced && !opts->encoding)
		doc_warn(doc, "input has no byte-order mark but reads as %s; decoded so", forced);
	if (detected)
		doc_warn(doc, "input is not UTF-8; decoded as Windows-1252");
	if (replaced)
		doc_warn(doc, "%zu invalid byte(s) or NUL replaced with U+FFFD", replaced);
	return buf;
}

static size_t find(const cues_scanner *sc, size_t from, int c)
{
	const char *p = memchr(sc->buf + from, c, sc->end - from);
	return p ? (size_t)(p - sc->buf) : sc->end;
}

void cues_scanner_init(cues_scanner *sc, char *buf, size_t len)
{
	*sc = (cues_scanner){.buf = buf, .end = len, .no = 1};
	sc->lf = find(sc, 0, '\n');
	sc->cr = find(sc, 0, '\r');
}

int cues_next_line(cues_scanner *sc, char **s, size_t *len)
{
	size_t start = sc->pos;
	if (start >= sc->end)
		return 0;
	if (sc->lf < start)
		sc->lf = find(sc, start, '\n');
	if (sc->cr < start)
		sc->cr = find(sc, start, '\r');
	size_t stop = sc->lf < sc->cr ? sc->lf : sc->cr;
	sc->pos = stop;
	if (stop < sc->end) {
		sc->pos = stop + 1;
		if (sc->buf[stop] == '\r' && sc->pos < sc->end && sc->buf[sc->pos] == '\n')
			sc->pos++;
	}
	*s = sc->buf + start;
	*len = stop - start;
	if (sc->no < INT_MAX)
		sc->no++;
	return 1;
}
