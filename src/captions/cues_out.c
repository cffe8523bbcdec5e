/* cues_out.c - the WebVTT and SRT writers: cues out of any document
 * with times (see cues_out.h).
 *
 * Three steps.  The tree is read once into blocks of heard text, each
 * one speaker's, cut wherever a time is known (a turn's start or end, a
 * time node) and at every block's edge; the times become points along
 * the text, counted in characters.  Each block's times then follow from
 * the points around it, in proportion to characters, and the block is
 * cut into cues (cue_split.c) that are written as they are made.
 *
 * The steps run together: a block is written as soon as a time is
 * known beyond its end, which settles every time it takes, and the text
 * and points behind it are let go.  Holding the whole text, its blocks
 * and points until the end took twice the memory of the input. */
#include <stdlib.h>
#include <string.h>

#include "captions/cue_split.h"
#include "captions/cues_out.h"
#include "core/doc_text.h"
#include "core/error.h"
#include "core/escape.h"
#include "core/grow.h"
#include "core/sink.h"
#include "core/utf8.h"
#include "core/walk.h"

/* Where no time bounds text on one side (before the first time known,
 * after the last), it takes as long as reading it aloud: 15 characters
 * a second. */
#define READING_MS_PER_CHAR (1000.0 / 15)
/* Times are worked out in doubles: beyond 2^53 ms (285 000 years) they
 * would not be exact, so none is taken from there. */
#define CUE_TIME_MAX ((int64_t)1 << 53)

/* Text normalised as cues hold it: whitespace runs become one space,
 * none at either end; bytes that are not UTF-8 and control characters
 * become U+FFFD.  chars counts as cue_split.h says. */
typedef struct text_buf {
	char *s;
	size_t len, cap;
	size_t start; /* where the piece being added began */
	size_t chars; /* characters since start */
	int space;    /* a space is due before the next character */
	int nomem;
} text_buf;

/* Unicode's white space, but for the no-break spaces, which hold words
 * together. */
static int is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x205F ||
	       cp == 0x3000;
}

/* The length of the run at s[0..len) of printable ASCII words apart by
 * single spaces: bytes a cue takes as they are, a character each, and
 * most of caption text. */
static size_t plain_run(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	for (;;) {
		while (i < len && s[i] > ' ' && s[i] < 0x7F)
			i++;
		if (!i || i + 1 >= len || s[i] != ' ' || s[i + 1] <= ' ' || s[i + 1] >= 0x7F)
			return i;
		i += 2;
	}
}

/* Room for len more bytes and a space; 0 when memory is short. */
static int text_room(text_buf *t, size_t len)
{
	if (t->cap - t->len > len)
		return 1;
	char *p = grow_array(t->s, &t->cap, t->len + len + 1, 1);
	if (!p) {
		t->nomem = 1;
		return 0;
	}
	t->s = p;
	return 1;
}

/* The space due before the next character, unless it would lead the
 * piece. */
static void text_space(text_buf *t)
{
	if (t->space && t->len > t->start) {
		t->s[t->len++] = ' ';
		t->chars++;
	}
	t->space = 0;
}

static void text_add(text_buf *t, const char *s, size_t len)
{
	size_t n;
	for (size_t i = 0; i < len; i += n) {
		if ((n = plain_run(s + i, len - i)) != 0) {
			if (!text_room(t, n))
				return;
			text_space(t);
			memcpy(t->s + t->len, s + i, n);
			t->len += n;
			t->chars += n;
			continue;
		}
		uint32_t cp;
		n = utf8_decode(s + i, len - i, &cp);
		/* a tab or a line feed is a space here, not a control character */
		int space = n && is_space(cp), bad = !space && (!n || cp < 0x20 || cp == 0x7F);
		n += !n;
		if (space) {
			t->space = 1;
			continue;
		}
		if (!text_room(t, 4))
			return;
		text_space(t);
		memcpy(t->s + t->len, bad ? UTF8_REPLACEMENT : s + i, bad ? 3 : n);
		t->len += bad ? 3 : n;
		t->chars += bad || !cue_char_is_mark(cp);
	}
}

static void text_add_str(text_buf *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/* Start a new piece at the end of the buffer. */
static void text_cut(text_buf *t)
{
	t->start = t->len;
	t->chars = 0;
	t->space = 0;
}

/* A run of text one speaker says, or a heading's or note's. */
typedef struct block {
	size_t start, end;      /* bytes of the text */
	size_t pos, chars;      /* characters before it, and its own */
	const steno_node *turn; /* the innermost turn it is in, or NULL */
	const steno_node *cue;  /* the time node it follows, or NULL */
	int note;               /* a heading's or a note's: not heard */
} block;

/* Times known at a place in the text (characters before it), in
 * document order: the first for the text before it, the last for the
 * text after (a turn that ends at 5 s before the next starts at 8 s). */
typedef struct point {
	size_t pos;
	int64_t first, last;
} point;

typedef struct collect {
	text_buf text;   /* from the first block not written */
	block *blocks;
	size_t nblocks, blocks_cap;
	size_t done;     /* blocks written */
	point *points;   /* from the one before the place last asked for */
	size_t npoints, points_cap;
	size_t at;       /* the timeline's place in points (see timeline) */
	int64_t clock;   /* see add_point */
	int started;     /* something was written */
	const steno_node **turns; /* the turns open, innermost last */
	size_t nturns, turns_cap;
	size_t pos;  /* characters in the blocks so far */
	int notes;   /* headings and notes open */
	int quotes;  /* quotations open */
	const steno_node *cue; /* the time node the text follows, till the next time */
	int64_t cue_end;       /* when its text ends, or STENO_TIME_NONE */
	int nomem;
} collect;

/* End the open block, if it holds anything. */
static void flush(collect *c)
{
	text_buf *t = &c->text;
	if (t->len > t->start) {
		block *b = grow_array(c->blocks, &c->blocks_cap, c->nblocks + 1, sizeof *b);
		if (!b) {
			c->nomem = 1;
			return;
		}
		c->blocks = b;
		b[c->nblocks++] = (block){t->start, t->len, c->pos, t->chars,
		                          c->nturns ? c->turns[c->nturns - 1] : NULL, c->cue,
		                          c->notes > 0};
		/* what is not heard takes no time */
		if (!c->notes)
			c->pos += t->chars;
	}
	text_cut(t);
}

/* A time at the place reached, one a place: the first and the last
 * there.  A time is used when it is not before the clock: the latest
 * start or time node used so far.  So a turn may start before the one
 * before it ended (speech that overlaps), but a time that goes back
 * beyond that, a turn that ends before it starts, and a time out of
 * range (negative, past CUE_TIME_MAX) are left out. */
static void add_point(collect *c, int64_t ms, int end)
{
	if (ms < c->clock || ms > CUE_TIME_MAX)
		return;
	if (!end)
		c->clock = ms;
	if (c->npoints && c->points[c->npoints - 1].pos == c->pos) {
		c->points[c->npoints - 1].last = ms;
		return;
	}
	point *p = grow_array(c->points, &c->points_cap, c->npoints + 1, sizeof *p);
	if (!p) {
		c->nomem = 1;
		return;
	}
	c->points = p;
	p[c->npoints++] = (point){c->pos, ms, ms};
}

/* A time at the end of the text so far, which ends a block and the
 * text of the time node before: that node's end, when it has one,
 * comes first. */
static void add_time(collect *c, int64_t ms, int end)
{
	flush(c);
	if (c->cue_end != STENO_TIME_NONE)
		add_point(c, c->cue_end, 1);
	c->cue = NULL;
	c->cue_end = STENO_TIME_NONE;
	if (ms != STENO_TIME_NONE)
		add_point(c, ms, end);
}

/* The end a time node gives the text after it: its "end" (ms, as the
 * caption readers give each cue's end) when that is a time not before
 * its start; STENO_TIME_NONE otherwise. */
static int64_t cue_own_end(const steno_node *n)
{
	int64_t start = n->as.turn.start;
	if (start == STENO_TIME_NONE)
		return STENO_TIME_NONE;
	if (node_is_cue(n))
		return n->as.cue.end >= start && n->as.cue.end >= 0 ? n->as.cue.end : STENO_TIME_NONE;
	const char *end = steno_node_get_attr(n, "end");
	if (!end || !*end)
		return STENO_TIME_NONE;
	/* digits alone, read as strtoll reads them: INT64_MAX past it */
	int64_t ms = 0;
	for (; *end >= '0' && *end <= '9'; end++)
		ms = ms > (INT64_MAX - (*end - '0')) / 10 ? INT64_MAX : ms * 10 + (*end - '0');
	return !*end && ms >= start ? ms : STENO_TIME_NONE;
}

/* A time node: the text after it starts then, and ends at its own end
 * when it has one. */
static void add_cue(collect *c, const steno_node *n)
{
	add_time(c, n->as.turn.start, 0);
	c->cue = n;
	c->cue_end = cue_own_end(n);
}

/* A turn's start or end.  Inside a cue with its own end (a time node's
 * "end"), as where a caption reader starts a turn at a speaker mark in
 * the middle of a cue, the cue's times are the better ones: the turns'
 * only split the text, whose times the cue's share out. */
static void add_turn_time(collect *c, int64_t ms, int end)
{
	if (c->cue_end != STENO_TIME_NONE)
		flush(c);
	else
		add_time(c, ms, end);
}

/* A turn opens: its words are its speakers' from here. */
static void open_turn(collect *c, const steno_node *n)
{
	flush(c);
	const steno_node **t = grow_array(c->turns, &c->turns_cap, c->nturns + 1, sizeof *t);
	if (!t) {
		c->nomem = 1;
		return;
	}
	c->turns = t;
	t[c->nturns++] = n;
	add_turn_time(c, n->as.turn.start, 0);
}

/* An event as captions show sounds: in brackets, unless it has its own
 * ("[Laughter]", "(Applause.)"). */
static void add_event(collect *c, const steno_node *n)
{
	const char *s = node_literal(n);
	size_t len = node_len(n);
	while (len && is_space((unsigned char)*s))
		s++, len--;
	if (!len)
		return;
	int own = *s == '[' || *s == '(';
	if (!own)
		text_add_str(&c->text, "[");
	text_add(&c->text, s, len);
	if (!own)
		text_add_str(&c->text, "]");
}

static void put_mark(collect *c, const steno_node *n, int open)
{
	size_t len;
	const char *mark = quote_mark(n, c->quotes, open, &len);
	text_add(&c->text, mark, len);
}

/* What n adds as it is entered; whether to go into its children. */
static int enter(collect *c, const steno_node *n)
{
	switch (n->type) {
	case STENO_NODE_TEXT:
	case STENO_NODE_CODE: text_add(&c->text, node_literal(n), node_len(n)); return 0;
	case STENO_NODE_CODE_BLOCK:
		flush(c);
		text_add(&c->text, node_literal(n), node_len(n));
		flush(c);
		return 0;
	case STENO_NODE_SOFT_BREAK:
	case STENO_NODE_LINE_BREAK: c->text.space = 1; return 0;
	case STENO_NODE_EVENT: add_event(c, n); return 0;
	/* the time is the cue's; the clock as written is not repeated */
	case STENO_NODE_TIME: add_cue(c, n); return 0;
	/* raw HTML and the like is markup of another format, not words */
	case STENO_NODE_RAW_BLOCK:
	case STENO_NODE_RAW_INLINE: return 0;
	case STENO_NODE_QUOTE:
		put_mark(c, n, 1);
		c->quotes++;
		return 1;
	case STENO_NODE_TURN: open_turn(c, n); return 1;
	case STENO_NODE_HEADING:
	case STENO_NODE_NOTE:
		flush(c);
		c->notes++;
		return 1;
	default:
		if (type_is_block(n->type))
			flush(c);
		return 1;
	}
}

static void leave(collect *c, const steno_node *n)
{
	switch (n->type) {
	case STENO_NODE_QUOTE:
		c->quotes--;
		if (!quote_continued(n))
			put_mark(c, n, 0);
		break;
	case STENO_NODE_TURN:
		add_turn_time(c, n->as.turn.end, 1);
		c->nturns--;
		break;
	case STENO_NODE_HEADING:
	case STENO_NODE_NOTE:
		flush(c);
		c->notes--;
		break;
	default:
		if (type_is_block(n->type))
			flush(c);
		break;
	}
}

/* Times along the text, asked for in order. */
typedef struct timeline {
	const point *p;
	size_t n, at; /* points before at lie before the place last asked */
} timeline;

/* The time at character pos: the text after it (after) or before it
 * starts or ends there. */
static double time_at(timeline *t, size_t pos, int after)
{
	while (t->at < t->n && t->p[t->at].pos < pos)
		t->at++;
	const point *next = t->at < t->n ? &t->p[t->at] : NULL;
	const point *prev = t->at ? &t->p[t->at - 1] : NULL;
	if (next && next->pos == pos)
		return (double)(after ? next->last : next->first);
	if (prev && next) {
		double from = (double)prev->last, to = (double)next->first;
		if (to <= from)
			return from;
		return from + (to - from) * (double)(pos - prev->pos) / (double)(next->pos - prev->pos);
	}
	if (prev) {
		double ms = (double)prev->last + (double)(pos - prev->pos) * READING_MS_PER_CHAR;
		return ms < (double)CUE_TIME_MAX ? ms : (double)CUE_TIME_MAX;
	}
	double ms = (double)next->first - (double)(next->pos - pos) * READING_MS_PER_CHAR;
	return ms > 0 ? ms : 0;
}

typedef struct writer {
	const steno_doc *doc;
	steno_sink *s;
	int vtt;
	cue_limits lim;
	int resplit;            /* the limits cut the source's cues too */
	size_t number;          /* SRT's cue numbers */
	int64_t last_start;     /* no cue starts before the one before it */
	const steno_node *named; /* the time node whose identifier was written */
	const steno_node *said; /* the turn of the block written last */
	int said_any;
	/* The speakers' names of the block being written, and a turn's
	 * that may be the next: speakers are told apart as the captions
	 * show them, by name. */
	text_buf voice, next_voice;
	cue_line *lines;
	size_t lines_cap;
	cue_scratch scratch;
} writer;

/* The names of turn's speakers (NULL: none) into t, joined by
 * commas. */
static void name_voice(writer *w, text_buf *t, const steno_node *turn)
{
	t->len = 0;
	text_cut(t);
	for (uint32_t i = 0; turn && i < turn->speakers; i++) {
		if (i)
			text_add_str(t, ", ");
		text_add_str(t, doc_speaker_name(w->doc, turn->as.turn.ids[i]));
	}
}

/* Room for a time as format_time writes it. */
#define TIME_CHARS (SINK_INT_CHARS + 10)

/* ms as HH:MM:SS.mmm (SRT: a comma before the milliseconds) into out;
 * hours take more digits past 99.  Its length.  A cue's two times are
 * most of what a writer writes besides the text: no printf for them. */
static size_t format_time(char out[TIME_CHARS], int64_t ms, char sep)
{
	int64_t hours = ms / 3600000;
	int min = (int)(ms / 60000 % 60), sec = (int)(ms / 1000 % 60), milli = (int)(ms % 1000);
	size_t n = 0;
	if (hours < 100) {
		out[n++] = (char)('0' + hours / 10);
		out[n++] = (char)('0' + hours % 10);
	} else {
		char buf[SINK_INT_CHARS];
		const char *digits = sink_format_int(hours, buf);
		n = (size_t)(buf + sizeof buf - digits);
		memcpy(out, digits, n);
	}
	char rest[10] = {':', (char)('0' + min / 10), (char)('0' + min % 10), ':',
	                 (char)('0' + sec / 10), (char)('0' + sec % 10), sep,
	                 (char)('0' + milli / 100), (char)('0' + milli / 10 % 10),
	                 (char)('0' + milli % 10)};
	memcpy(out + n, rest, sizeof rest);
	return n + sizeof rest;
}

/* Whether s can stand on a line of its own in a WebVTT header, a cue's
 * identifier or settings: not empty, one line, no "-->". */
static int one_line(const char *s)
{
	return s && *s && !strpbrk(s, "\r\n") && !strstr(s, "-->");
}

/* The settings WebVTT has ("align:start line:0"), each after a space:
 * others, such as SubRip's "X1:100 Y1:400" coordinates, are another
 * format's and left out. */
static void put_settings(steno_sink *sink, const char *settings)
{
	static const char *const names[] = {"align:", "line:", "position:", "region:", "size:",
	                                    "vertical:"};
	while (*settings) {
		size_t len = strcspn(settings, " \t");
		for (size_t i = 0; len && i < sizeof names / sizeof *names; i++)
			if (!strncmp(settings, names[i], strlen(names[i])) && len > strlen(names[i])) {
				sink_putc(sink, ' ');
				sink_write(sink, settings, len);
				break;
			}
		settings += len;
		settings += strspn(settings, " \t");
	}
}

static void put_timing(writer *w, int64_t start, int64_t end, const char *settings)
{
	char line[2 * TIME_CHARS + 5];
	size_t n = format_time(line, start, w->vtt ? '.' : ',');
	memcpy(line + n, " --> ", 5);
	n += 5;
	n += format_time(line + n, end, w->vtt ? '.' : ',');
	sink_write(w->s, line, n);
	if (w->vtt && one_line(settings))
		put_settings(w->s, settings);
	sink_putc(w->s, '\n');
}

/* s[0..len) with every "-->" written "-- >": a line that holds one
 * reads as a cue's timing where nothing can escape it (a WebVTT
 * comment, any SRT line). */
static void put_unarrowed(steno_sink *sink, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i + 2 < len; i++)
		if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
			sink_write(sink, s + run, i + 2 - run);
			sink_putc(sink, ' ');
			run = i + 2;
		}
	sink_write(sink, s + run, len - run);
}

/* The text of a line: escaped for WebVTT (& < >, so no "-->" either);
 * SRT has no escapes and takes it as it is, but for "-->". */
static void put_text(writer *w, const char *s, size_t len)
{
	if (w->vtt)
		escape_xml_text(w->s, s, len);
	else
		put_unarrowed(w->s, s, len);
}

/* The characters of the longest word of s[0..len). */
static size_t longest_word(const char *s, size_t len)
{
	size_t longest = 0;
	while (len) {
		const char *space = memchr(s, ' ', len);
		size_t word = space ? (size_t)(space - s) : len, chars = cue_char_count(s, word);
		longest = chars > longest ? chars : longest;
		len -= word + (space != NULL);
		s += word + (space != NULL);
	}
	return longest;
}

/* The lines of the cue s[pos..end_pos): as cue_split_next, called
 * last, found it, or, for a cue of the source (whole), its words in as
 * many lines as they take, at the line width or the longest word's,
 * which the source did not cut.  Their count; 0 when memory is
 * short. */
static size_t cue_layout(writer *w, const char *s, size_t pos, size_t end_pos, size_t prefix,
                         int whole)
{
	size_t width = w->lim.chars;
	if (whole) {
		size_t longest = longest_word(s + pos, end_pos - pos);
		width = longest > width ? longest : width;
	}
	for (;;) {
		size_t count = whole ? cue_lines(s + pos, end_pos - pos, width, prefix, w->lines,
		                                 w->lines_cap, &w->scratch)
		                     : cue_split_lines(s, pos, end_pos, &w->lim, prefix, w->lines,
		                                       w->lines_cap, &w->scratch);
		if (count <= w->lines_cap)
			return count;
		cue_line *l = grow_array(w->lines, &w->lines_cap, count, sizeof *l);
		if (!l)
			return 0;
		w->lines = l;
	}
}

/* A cue's first lines: its number (SRT) or identifier (WebVTT: the
 * time node it follows gives the first cue after it its identifier and
 * every one its settings, what the WebVTT reader keeps of a cue), and
 * its times made valid: never before the cue before, never longer than
 * the limit, never empty.  A cue of the source (whole) keeps its times
 * as they are, however long, and may be empty in SRT; WebVTT wants an
 * end after the start. */
static void put_head(writer *w, double from, double to, const steno_node *cue, int whole)
{
	int64_t start = (int64_t)(from + 0.5), end = (int64_t)(to + 0.5);
	int64_t longest = (int64_t)(w->lim.max_ms + 0.5);
	if (start < w->last_start)
		start = w->last_start;
	if (end - start > longest && !whole)
		end = start + longest;
	if (end < start || (end == start && (w->vtt || !whole)))
		end = start + 1;
	w->last_start = start;
	const char *id = cue ? steno_node_get_attr(cue, "id") : NULL;
	if (!w->vtt) {
		sink_put_int(w->s, (long long)++w->number);
		sink_putc(w->s, '\n');
	} else if (cue != w->named && one_line(id)) {
		sink_puts(w->s, id);
		sink_putc(w->s, '\n');
		w->named = cue;
	}
	put_timing(w, start, end, cue ? steno_node_get_attr(cue, "settings") : NULL);
}

/* The lines of the cue text s[pos..end_pos), in WebVTT after a voice
 * span of its speakers, in SRT after prefix characters of "Name: ". */
static steno_status put_lines(writer *w, const char *s, size_t pos, size_t end_pos,
                              size_t prefix, int whole)
{
	const char *text = s + pos;
	size_t count = cue_layout(w, s, pos, end_pos, prefix, whole);
	if (!count)
		return STENO_ERR_NOMEM;
	if (w->vtt && w->voice.len) {
		sink_write(w->s, "<v ", 3);
		escape_xml_text(w->s, w->voice.s, w->voice.len);
		sink_putc(w->s, '>');
	}
	for (size_t i = 0; i < count; i++) {
		size_t line = w->lines[i].end - w->lines[i].start;
		if (i == 0 && prefix) {
			put_text(w, w->voice.s, w->voice.len);
			sink_write(w->s, ": ", line ? 2 : 1);
		}
		put_text(w, text + w->lines[i].start, line);
		if (i + 1 < count)
			sink_putc(w->s, '\n');
	}
	return STENO_OK;
}

/* A heading or note as a WebVTT comment. */
static void put_note(writer *w, const char *s, size_t len)
{
	sink_write(w->s, "NOTE ", 5);
	put_unarrowed(w->s, s, len);
	sink_write(w->s, "\n\n", 2);
}

/* The voice of the block b about to be written: its turn's speakers'
 * names.  The characters an SRT cue spends naming them, for SRT names
 * the speaker when the speaker changes; 0 for none; (size_t)-1 when
 * memory is short. */
static size_t switch_voice(writer *w, const block *b)
{
	size_t prefix = 0;
	if (!w->said_any || w->said != b->turn) {
		name_voice(w, &w->next_voice, b->turn);
		if (w->next_voice.nomem)
			return (size_t)-1;
		text_buf was = w->voice;
		w->voice = w->next_voice;
		w->next_voice = was;
		if (!w->said_any || w->voice.len != was.len ||
		    (was.len && memcmp(w->voice.s, was.s, was.len) != 0))
			prefix = w->vtt || !w->voice.len ? 0 : w->voice.chars + 1;
	}
	w->said = b->turn;
	w->said_any = 1;
	return prefix;
}

/* A block's cues, its times from..to shared out by characters. */
static steno_status put_block(writer *w, const char *text, const block *b, double from,
                              double to)
{
	const char *s = text + b->start;
	size_t len = b->end - b->start, done = 0, pos = 0, prefix = switch_voice(w, b);
	double chars = b->chars ? (double)b->chars : 1, per_char = (to - from) / chars;
	if (prefix == (size_t)-1)
		return STENO_ERR_NOMEM;
	while (pos < len) {
		size_t end = cue_split_next(s, len, pos, b->chars - done, &w->lim, per_char, prefix,
		                            &w->scratch);
		if (!end)
			return STENO_ERR_NOMEM;
		/* a cue lasts until the next starts: the space between is its */
		size_t n = cue_char_count(s + pos, end - pos) + (end < len && s[end] == ' ');
		put_head(w, from + per_char * (double)done, from + per_char * (double)(done + n), b->cue,
		         0);
		if (put_lines(w, s, pos, end, prefix, 0) != STENO_OK)
			return STENO_ERR_NOMEM;
		sink_write(w->s, "\n\n", 2);
		prefix = 0;
		done += n;
		pos = end + (end < len && s[end] == ' ');
	}
	return STENO_OK;
}

/* A cue of the source, blocks b[0..n) (more than one where turns split
 * it, as a voice span or a speaker mark inside it does), written back
 * as it was read: one cue, its own times from..to, however much it
 * holds, each block on lines of its own after its voice (a WebVTT span
 * closed before the next) or, in SRT, its speaker's name when that
 * changes. */
static steno_status put_source_cue(writer *w, const char *text, const block *b, size_t n,
                                   double from, double to)
{
	put_head(w, from, to, b[0].cue, 1);
	for (size_t i = 0; i < n; i++) {
		size_t prefix = switch_voice(w, &b[i]);
		if (prefix == (size_t)-1 ||
		    put_lines(w, text + b[i].start, 0, b[i].end - b[i].start, prefix, 1) != STENO_OK)
			return STENO_ERR_NOMEM;
		if (i + 1 < n && w->vtt && w->voice.len)
			sink_write(w->s, "</v>", 4);
		sink_putc(w->s, '\n');
	}
	sink_putc(w->s, '\n');
	return STENO_OK;
}

/* The blocks from b[0] that make one cue of the source, whole, with no
 * note among them: their count, 0 when b[0] is not the start of one.
 * Blocks up to avail are read, on a copy of the timeline; the cue's
 * end, its start being from, in *to. */
static size_t source_cue(timeline t, const block *b, size_t avail, double from, double *to)
{
	int64_t own = b[0].cue ? cue_own_end(b[0].cue) : STENO_TIME_NONE;
	if (own == STENO_TIME_NONE || from != (double)b[0].cue->as.turn.start)
		return 0;
	for (size_t n = 1; n <= avail && !b[n - 1].note && b[n - 1].cue == b[0].cue; n++) {
		*to = time_at(&t, b[n - 1].pos + b[n - 1].chars, 0);
		if (*to == (double)own)
			return n;
	}
	return 0;
}

/* The style sheets of the metadata "style" (the WebVTT reader's,
 * joined by blank lines), a STYLE block each; one that holds "-->",
 * which would end it, is left out. */
static void put_styles(writer *w, const char *style)
{
	while (style && *style) {
		const char *end = strstr(style, "\n\n");
		size_t len = end ? (size_t)(end - style) : strlen(style);
		const char *arrow = strstr(style, "-->");
		if (len && (!arrow || arrow >= style + len)) {
			sink_write(w->s, "STYLE\n", 6);
			sink_write(w->s, style, len);
			sink_write(w->s, "\n\n", 2);
		}
		style = end ? end + 2 : NULL;
	}
}

/* WEBVTT and what the metadata says of the file: the text after the
 * signature ("header"), Kind and Language lines (as YouTube and HLS
 * write them, which the parsing algorithm reads past), then the
 * regions ("region.ID") and style sheets cues may refer to. */
static void put_vtt_header(writer *w)
{
	const char *header = steno_meta_get(w->doc, "header");
	const char *kind = steno_meta_get(w->doc, "kind");
	const char *lang = doc_language(w->doc, NULL, NULL);
	sink_write(w->s, "WEBVTT", 6);
	if (one_line(header)) {
		sink_putc(w->s, ' ');
		sink_puts(w->s, header);
	}
	sink_putc(w->s, '\n');
	if (one_line(kind)) {
		sink_write(w->s, "Kind: ", 6);
		sink_puts(w->s, kind);
		sink_putc(w->s, '\n');
	}
	if (lang) {
		sink_write(w->s, "Language: ", 10);
		sink_puts(w->s, lang);
		sink_putc(w->s, '\n');
	}
	sink_putc(w->s, '\n');
	for (size_t i = 0; i < steno_meta_count(w->doc); i++) {
		const char *value = steno_meta_value(w->doc, i);
		if (strncmp(steno_meta_key(w->doc, i), "region.", 7) == 0 && one_line(value)) {
			sink_write(w->s, "REGION\n", 7);
			sink_puts(w->s, value);
			sink_write(w->s, "\n\n", 2);
		}
	}
	put_styles(w, steno_meta_get(w->doc, "style"));
}

/* The limits opts asks for, or why not. */
static steno_status limits_of(const steno_options *opts, cue_limits *lim, steno_error *err)
{
	int chars = opts->cue_chars ? opts->cue_chars : 42;
	int lines = opts->cue_lines ? opts->cue_lines : 2;
	double seconds = opts->cue_seconds != 0 ? opts->cue_seconds : 7;
	if (chars < 1 || chars > 1000)
		return set_error(err, STENO_ERR_ARG, 0, 0, "cue_chars must be from 1 to 1000, not %d",
		                 chars);
	if (lines < 1 || lines > 100)
		return set_error(err, STENO_ERR_ARG, 0, 0, "cue_lines must be from 1 to 100, not %d",
		                 lines);
	if (!(seconds >= 0.1 && seconds <= 3600))
		return set_error(err, STENO_ERR_ARG, 0, 0,
		                 "cue_seconds must be from 0.1 to 3600, not %g", seconds);
	*lim = (cue_limits){(size_t)chars, (size_t)lines, seconds * 1000};
	return STENO_OK;
}

/* Let go of what is written: the blocks, the text before the first
 * block left (or the piece being added) and the points before the one
 * the timeline last stood after, each once half of it is done, so that
 * each byte moves a bounded number of times. */
static void compact(collect *c)
{
	text_buf *t = &c->text;
	size_t keep = c->done < c->nblocks ? c->blocks[c->done].start : t->start;
	if (keep && keep >= t->len - keep) {
		memmove(t->s, t->s + keep, t->len - keep);
		t->len -= keep;
		t->start -= keep;
		for (size_t i = c->done; i < c->nblocks; i++) {
			c->blocks[i].start -= keep;
			c->blocks[i].end -= keep;
		}
	}
	if (c->done && c->done >= c->nblocks - c->done) {
		memmove(c->blocks, c->blocks + c->done, (c->nblocks - c->done) * sizeof *c->blocks);
		c->nblocks -= c->done;
		c->done = 0;
	}
	size_t drop = c->at ? c->at - 1 : 0;
	if (drop && drop >= c->npoints - drop) {
		memmove(c->points, c->points + drop, (c->npoints - drop) * sizeof *c->points);
		c->npoints -= drop;
		c->at -= drop;
	}
}

/* Write the blocks whose times are settled: at the end, all; before,
 * those that end before the place of the last time known, since the
 * times at a place change only until a later place has one.  Nothing
 * is written before a time is known: a document without one is
 * refused, and then nothing of it should have been written. */
static void drain(writer *w, collect *c, int final)
{
	if (!c->npoints || c->nomem)
		return;
	if (!c->started && w->vtt)
		put_vtt_header(w);
	c->started = 1;
	timeline t = {c->points, c->npoints, c->at};
	size_t last = c->points[c->npoints - 1].pos, settled = c->nblocks;
	while (!final && settled > c->done &&
	       c->blocks[settled - 1].pos + c->blocks[settled - 1].chars >= last)
		settled--;
	for (; c->done < c->nblocks; c->done++) {
		const block *b = &c->blocks[c->done];
		if (b->note) {
			if (w->vtt)
				put_note(w, c->text.s + b->start, b->end - b->start);
			continue;
		}
		if (c->done >= settled)
			break;
		double from = time_at(&t, b->pos, 1), to;
		size_t n = w->resplit ? 0 : source_cue(t, b, settled - c->done, from, &to);
		steno_status st;
		if (n) {
			st = put_source_cue(w, c->text.s, b, n, from, to);
			c->done += n - 1;
		} else {
			to = time_at(&t, b->pos + b->chars, 0);
			st = put_block(w, c->text.s, b, from, to > from ? to : from);
		}
		if (st != STENO_OK) {
			c->nomem = 1;
			break;
		}
	}
	c->at = t.at;
	compact(c);
}

/* Blocks this many behind are written, if their times are known. */
#define DRAIN_BLOCKS 64

static void collect_doc(writer *w, collect *c, const steno_doc *doc)
{
	node_walk nw;
	node_walk_init(&nw, doc->root);
	for (steno_event ev; (ev = node_walk_next(&nw)) != STENO_EVENT_DONE;) {
		if (ev == STENO_EVENT_ENTER && !enter(c, nw.node))
			node_walk_skip(&nw);
		else if (ev == STENO_EVENT_EXIT && !nw.skipped)
			leave(c, nw.node);
		c->nomem |= c->text.nomem;
		if (c->nblocks - c->done >= DRAIN_BLOCKS)
			drain(w, c, 0);
	}
	add_time(c, STENO_TIME_NONE, 1);
	c->nomem |= c->text.nomem;
	drain(w, c, 1);
}

static steno_status write_captions(const steno_doc *doc, steno_sink *sink,
                                   const steno_options *opts, steno_error *err, int vtt)
{
	writer w = {.doc = doc, .s = sink, .vtt = vtt, .resplit = opts->cue_resplit};
	steno_status st = limits_of(opts, &w.lim, err);
	if (st != STENO_OK)
		return st;
	collect c = {.cue_end = STENO_TIME_NONE};
	collect_doc(&w, &c, doc);
	if (c.nomem)
		st = error_nomem(err);
	else if (!c.npoints)
		st = set_error(err, STENO_ERR_FORMAT, 0, 0,
		               "no timing information to write captions from");
	free(c.text.s);
	free(c.blocks);
	free(c.points);
	free(c.turns);
	free(w.voice.s);
	free(w.next_voice.s);
	free(w.lines);
	cue_scratch_free(&w.scratch);
	return st;
}

steno_status captions_write_vtt(const steno_doc *doc, steno_sink *sink,
                                const steno_options *opts, steno_error *err)
{
	return write_captions(doc, sink, opts, err, 1);
}

steno_status captions_write_srt(const steno_doc *doc, steno_sink *sink,
                                const steno_options *opts, steno_error *err)
{
	return write_captions(doc, sink, opts, err, 0);
}
