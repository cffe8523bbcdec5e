/* srt.c - the SubRip reader, lenient as the files in the wild need:
 * indexes or none, ',' or '.' before the milliseconds, blank lines
 * inside a cue's text, <i>, <b>, <u> and <font> tags, {\an8} positions,
 * any line ends.  src/captions/cues_in.c puts the cues into turns and
 * paragraphs; formats/srt.md has the details.
 *
 * Lines are read once, front to back; whether a blank line ends a cue
 * is decided by the one or two lines after it (a timing, or an index
 * and a timing), so the look-ahead is bounded. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "captions/cues_in.h"
#include "captions/cues_out.h"
#include "core/error.h"
#include "formats.h"

#define STACK_MAX 16 /* <i>, <b>, <u> open at once; deeper ones stay text */

typedef struct line {
	char *s; /* in the decoded input, which text and time nodes share */
	size_t len; /* without the line end, blanks at the edges trimmed */
	int no;
} line;

typedef struct srt {
	steno_doc *doc;
	cues_in cues;
	cues_scanner sc;
	line cur, nxt, nxt2; /* the line read and two of look-ahead */
	int has_cur, has_nxt, has_nxt2;
	size_t garbage;
	int garbage_line;
	steno_node *stack[STACK_MAX]; /* the open <i>, <b>, <u> */
	char tags[STACK_MAX];
	int depth;
} srt;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next line, blanks at its edges trimmed; 0 past the end. */
static int next_line(cues_scanner *sc, line *ln)
{
	int no = sc->no;
	char *s;
	size_t len;
	if (!cues_next_line(sc, &s, &len))
		return 0;
	while (len && is_blank(*s))
		s++, len--;
	while (len && is_blank(s[len - 1]))
		len--;
	ln->s = s;
	ln->len = len;
	ln->no = no;
	return 1;
}

static void advance(srt *r)
{
	r->cur = r->nxt;
	r->has_cur = r->has_nxt;
	r->nxt = r->nxt2;
	r->has_nxt = r->has_nxt2;
	if (r->has_nxt2)
		r->has_nxt2 = next_line(&r->sc, &r->nxt2);
}

static int is_index(const line *ln)
{
	if (!ln->len || ln->len > 9)
		return 0;
	for (size_t i = 0; i < ln->len; i++)
		if (ln->s[i] < '0' || ln->s[i] > '9')
			return 0;
	return 1;
}

typedef struct timing {
	int64_t start, end;
	size_t start_len, rest; /* the start as written; where what follows the end begins */
} timing;

/* "00:00:01,000 --> 00:00:02,000" and whatever follows (coordinates). */
static int is_timing(const line *ln, timing *t)
{
	timing local;
	if (!t)
		t = &local;
	size_t i = 0, n;
	if (!(n = cues_time(ln->s, ln->len, 0, &t->start)))
		return 0;
	t->start_len = n;
	i = n;
	while (i < ln->len && is_blank(ln->s[i]))
		i++;
	if (ln->len - i < 3 || memcmp(ln->s + i, "-->", 3) != 0)
		return 0;
	for (i += 3; i < ln->len && is_blank(ln->s[i]);)
		i++;
	if (!(n = cues_time(ln->s + i, ln->len - i, 0, &t->end)))
		return 0;
	t->rest = i + n;
	return 1;
}

/* Does a cue start at the line after a blank one: a timing, or an
 * index and a timing? */
static int cue_follows(const srt *r)
{
	return (r->has_nxt && is_timing(&r->nxt, NULL)) ||
	       (r->has_nxt && r->has_nxt2 && is_index(&r->nxt) && is_timing(&r->nxt2, NULL));
}

/* ---- cue text ---- */

static steno_node *current(srt *r)
{
	return r->depth ? r->stack[r->depth - 1] : NULL;
}

/* <i> <b> <u> and their ends, <s>, <font ...> and theirs, any case: the
 * length of the tag at s, or 0 when it is none (and so text). */
static size_t tag_at(const char *s, size_t len, char *name, int *end)
{
	size_t i = 1;
	*end = i < len && s[i] == '/';
	i += (size_t)*end;
	if (i + 1 < len && strchr("ibuIBU", s[i]) && s[i + 1] == '>') {
		*name = (char)(s[i] | 0x20);
		return i + 2;
	}
	if (i + 1 < len && (s[i] | 0x20) == 's' && s[i + 1] == '>') {
		*name = 'f'; /* strike-through: steno's tree has none, the text stays */
		return i + 2;
	}
	if (len - i >= 4 && !strncasecmp(s + i, "font", 4) &&
	    (i + 4 < len && (s[i + 4] == '>' || is_blank(s[i + 4])))) {
		const char *gt = memchr(s + i, '>', len - i);
		*name = 'f';
		return gt ? (size_t)(gt - s) + 1 : 0;
	}
	return 0;
}

static int open_tag(srt *r, char name)
{
	if (name == 'f' || r->depth == STACK_MAX)
		return 0;
	steno_node *parent = current(r);
	if (!parent && !(parent = cues_in_container(&r->cues)))
		return -1;
	steno_node *n = node_add(r->doc, parent, name == 'b' ? STENO_NODE_STRONG : STENO_NODE_EMPH);
	if (!n || (name == 'u' && node_set_attr_kept(n, "webvtt", "u") != STENO_OK))
		return -1;
	r->tags[r->depth] = name;
	r->stack[r->depth++] = n;
	return 0;
}

/* An end tag closes the element it names and those opened inside it;
 * one that names none open is dropped. */
static void close_tag(srt *r, char name)
{
	for (int d = r->depth; d > 0; d--)
		if (r->tags[d - 1] == name) {
			r->depth = d - 1;
			return;
		}
}

/* {\an8}, {\i1}: a renderer's override, not text.  Its length, or 0.
 * The position it gives ("an8") goes on the cue. */
static size_t override_at(steno_node *cue, const char *s, size_t len)
{
	if (len < 3 || s[0] != '{' || s[1] != '\\')
		return 0;
	const char *close = memchr(s, '}', len);
	if (!close)
		return 0;
	size_t n = (size_t)(close - s) + 1;
	if (n >= 6 && s[2] == 'a' && s[3] == 'n' && s[4] >= '1' && s[4] <= '9' &&
	    !steno_node_get_attr(cue, "position")) {
		char pos[4] = {'a', 'n', s[4], '\0'};
		if (steno_node_set_attr(cue, "position", pos) != STENO_OK)
			return (size_t)-1;
	}
	return n;
}

/* A line of a cue's text: its pieces share the input, each ending
 * where the line ends (after its trimmed blanks or at its line end) or
 * at a tag already read. */
static int text_line(srt *r, steno_node *cue, const line *ln)
{
	char *s = ln->s;
	size_t len = ln->len, from = 0;
	for (size_t i = 0; i < len;) {
		size_t used = 0;
		char name = 0;
		int end = 0;
		if (s[i] == '<')
			used = tag_at(s + i, len - i, &name, &end);
		else if (s[i] == '{' && (used = override_at(cue, s + i, len - i)) == (size_t)-1)
			return -1;
		if (!used) {
			i++;
			continue;
		}
		if (i > from && cues_in_text_shared(&r->cues, current(r), s + from, i - from) < 0)
			return -1;
		if (name && end)
			close_tag(r, name);
		else if (name && open_tag(r, name) < 0)
			return -1;
		from = i += used;
	}
	return len > from ? cues_in_text_shared(&r->cues, current(r), s + from, len - from) : 0;
}

/* The cue's text: its lines up to a blank line that a cue follows, or a
 * cue's own lines without a blank before them, or the end. */
static int cue_text(srt *r, steno_node *cue)
{
	int lines = 0;
	r->depth = 0;
	while (r->has_cur) {
		if (!r->cur.len) {
			if (cue_follows(r) || !r->has_nxt)
				break;
			advance(r);
			continue;
		}
		if (is_timing(&r->cur, NULL) || (is_index(&r->cur) && r->has_nxt && is_timing(&r->nxt, NULL)))
			break;
		/* a blank line inside the text is a line break too */
		if (lines && cues_in_break(&r->cues, current(r)) < 0)
			return -1;
		if (text_line(r, cue, &r->cur) < 0)
			return -1;
		lines++;
		advance(r);
	}
	return 0;
}

static steno_status read_cue(srt *r)
{
	line index = {NULL, 0, 0};
	if (is_index(&r->cur)) {
		index = r->cur;
		advance(r);
	}
	timing t;
	if (!r->has_cur || !is_timing(&r->cur, &t))
		return STENO_ERR_PARSE;
	size_t rest = t.rest;
	while (rest < r->cur.len && is_blank(r->cur.s[rest]))
		rest++;
	/* copied before the time node ends the start's text */
	char *settings = rest < r->cur.len
	                         ? arena_strndup(&r->doc->arena, r->cur.s + rest, r->cur.len - rest)
	                         : NULL;
	if (rest < r->cur.len && !settings)
		return STENO_ERR_NOMEM;
	steno_node *cue = cues_in_cue(&r->cues, t.start, t.end, r->cur.s, t.start_len, r->cur.no);
	/* the index's line is read: what follows the index becomes its NUL */
	if (index.s)
		index.s[index.len] = '\0';
	if (cue && index.s)
		cue->as.cue.id = index.s;
	if (!cue || (settings && steno_node_set_attr(cue, "settings", settings) != STENO_OK))
		return STENO_ERR_NOMEM;
	advance(r);
	if (cue_text(r, cue) < 0 || cues_in_end(&r->cues) < 0)
		return STENO_ERR_NOMEM;
	return STENO_OK;
}

static steno_status read_cues(srt *r)
{
	r->has_nxt2 = next_line(&r->sc, &r->nxt2);
	advance(r);
	advance(r);
	while (r->has_cur) {
		if (!r->cur.len) {
			advance(r);
			continue;
		}
		if (is_timing(&r->cur, NULL) ||
		    (is_index(&r->cur) && r->has_nxt && is_timing(&r->nxt, NULL))) {
			steno_status st = read_cue(r);
			if (st != STENO_OK)
				return st;
			continue;
		}
		/* a stray line before the first cue, or after a blank line that
		 * the text of no cue continues */
		if (!r->garbage++)
			r->garbage_line = r->cur.no;
		advance(r);
	}
	return STENO_OK;
}

static steno_status srt_read(steno_doc *doc, const char *data, size_t len,
                             const steno_options *opts, steno_error *err)
{
	steno_error local;
	steno_options defaults;
	if (!err)
		err = &local;
	if (!opts) {
		steno_options_init(&defaults);
		opts = &defaults;
	}
	size_t n;
	char *buf = cues_decode(doc, data, len, opts, &n, err);
	if (!buf)
		return err->code;
	srt r = {.doc = doc};
	cues_scanner_init(&r.sc, buf, n);
	cues_in_init(&r.cues, doc, opts);
	if (read_cues(&r) != STENO_OK)
		return error_nomem(err);
	if (r.garbage)
		doc_warn(doc, "%zu line(s) outside any cue left out (the first at line %d)", r.garbage,
		         r.garbage_line);
	return STENO_OK;
}

const format srt_format = {
	.name = "srt",
	.aliases = "subrip",
	.extensions = ".srt",
	.media_type = "application/x-subrip",
	.description = "SubRip captions",
	.read = srt_read,
	.write = captions_write_srt,
	.flags = STENO_FORMAT_TIMED,
};
