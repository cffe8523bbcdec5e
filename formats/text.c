/* text.c - the plain-text reader.  It finds what plain text marks by
 * layout alone: paragraphs, a metadata header, a title, underlined
 * headings, thematic breaks and simple lists.  Speaker turns, quotes and
 * stage directions are the transcript passes' work, not a reader's.
 *
 * The decoded input becomes the document's own: text nodes point into
 * it rather than holding copies, which is most of this reader's speed.
 * Lines are read once, front to back, with one line of look-ahead; the
 * few rules that look further (header, title, long lines) look once,
 * at the start, so the work stays linear in the input. */
#include <limits.h>
#include <string.h>

#include "core/error.h"
#include "core/doc_input.h"
#include "core/lines.h"
#include "formats.h"

#define LONG_LINE      80  /* characters in a line that reads as a whole paragraph */
#define TITLE_MAX      100 /* characters in a title line */
#define ORDINAL_MAX    9   /* digits of an ordered list number, so it fits an int */
#define HEADER_KEY_MAX 16  /* bytes: longer than any header key */

typedef struct line {
	char *s;       /* the first byte after leading blanks */
	size_t len;    /* bytes up to the last non-blank one; 0 for a blank line */
	size_t indent; /* bytes of leading blanks */
	int no;        /* 1-based line number */
} line;


typedef struct reader {
	steno_doc *doc;
	steno_node *root;
	line_scanner sc;
	line cur, nxt;
	int has_cur, has_nxt;
	int line_mode;   /* no blank lines and long lines: one paragraph per line */
	int after_blank; /* cur follows a blank line or the start */
	steno_node *para; /* the open paragraph, in the root or in item */
	steno_node *list, *item;
	int list_kind;   /* the bullet's first byte or the ordered delimiter */
	line last;       /* the last line put into para */
} reader;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

static int next_line(line_scanner *sc, line *ln)
{
	size_t start, stop;
	if (!line_scanner_next(sc, &start, &stop, &ln->no))
		return 0;
	size_t i = start;
	while (i < stop && is_blank(sc->buf[i]))
		i++;
	while (stop > i && is_blank(sc->buf[stop - 1]))
		stop--;
	ln->s = sc->buf + i;
	ln->len = stop - i;
	ln->indent = i - start;
	return 1;
}

static void advance(reader *rd)
{
	rd->cur = rd->nxt;
	rd->has_cur = rd->has_nxt;
	if (rd->has_nxt)
		rd->has_nxt = next_line(&rd->sc, &rd->nxt);
}

static int first_col(const line *ln)
{
	return clamp_int(ln->indent + 1);
}

static int last_col(const line *ln)
{
	return clamp_int(ln->indent + ln->len);
}

/* Does s[0..len) hold more than max characters? */
static int longer_than(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return 0;
	size_t chars = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
			return 1;
	return 0;
}

/* ---- line shapes ---- */

/* '=' under a line makes a level-1 heading, '-' level 2; 0 otherwise. */
static int underline_level(const line *ln)
{
	if (ln->len < 3 || (ln->s[0] != '=' && ln->s[0] != '-'))
		return 0;
	for (size_t i = 1; i < ln->len; i++)
		if (ln->s[i] != ln->s[0])
			return 0;
	return ln->s[0] == '=' ? 1 : 2;
}

static int is_thematic(const line *ln)
{
	char c = ln->len ? ln->s[0] : 0;
	if (c != '-' && c != '*' && c != '_')
		return 0;
	size_t marks = 0;
	for (size_t i = 0; i < ln->len; i++) {
		if (ln->s[i] == c)
			marks++;
		else if (!is_blank(ln->s[i]))
			return 0;
	}
	return marks >= 3;
}

typedef struct marker {
	steno_list_type type;
	int kind;     /* lists of different kinds do not mix */
	int start;
	char delim;
	size_t width; /* the marker and the blanks after it */
} marker;

#define BULLET "\xE2\x80\xA2" /* U+2022 */

/* A list item's marker at the start of ln, followed by a blank and text. */
static int list_marker(const line *ln, marker *m)
{
	const char *s = ln->s;
	size_t w = 0;
	m->type = STENO_LIST_BULLET;
	m->start = 1;
	m->delim = '.';
	if (ln->len >= 2 && (s[0] == '-' || s[0] == '*')) {
		w = 1;
	} else if (ln->len >= 4 && memcmp(s, BULLET, 3) == 0) {
		w = 3;
	} else {
		int n = 0;
		while (w < ln->len && w < ORDINAL_MAX && s[w] >= '0' && s[w] <= '9')
			n = n * 10 + (s[w++] - '0');
		if (w == 0 || w + 1 >= ln->len || (s[w] != '.' && s[w] != ')'))
			return 0;
		m->type = STENO_LIST_ORDERED;
		m->start = n;
		m->delim = s[w++];
	}
	/* the line is trimmed, so a blank after the marker has text after it */
	if (w >= ln->len || !is_blank(s[w]))
		return 0;
	m->kind = m->type == STENO_LIST_ORDERED ? m->delim : (unsigned char)s[0];
	while (is_blank(s[w]))
		w++;
	m->width = w;
	return 1;
}

/* "Label: text", as a speaker's turn starts: not a title.  The colon
 * may be followed by a no-break space, or be the full-width "：". */
static int has_label(const line *ln)
{
	for (size_t i = 0; i < ln->len; i++) {
		const char *after = ln->s + i + 1;
		size_t left = ln->len - i - 1;
		if (ln->s[i] == ':' && (!left || is_blank(*after) || (left >= 2 && !memcmp(after, "\xC2\xA0", 2))))
			return 1;
		if (left >= 2 && !memcmp(ln->s + i, "\xEF\xBC\x9A", 3))
			return 1;
	}
	return 0;
}

/* "ROE. Yes, sir." or "ПЕТРОВ. Уважаемые коллеги!": a name of a word or
 * a few with no lower-case letter, then a full stop and more, as plays
 * and parliaments open a speech; not a title. */
static int has_period_label(const line *ln)
{
	size_t words = 1;
	for (size_t i = 0; i + 1 < ln->len && i < 64; i++) {
		char c = ln->s[i];
		if (c == '.' && ln->s[i + 1] == ' ')
			return i > 0 && i + 2 < ln->len;
		if ((c >= 'a' && c <= 'z') || (c == ' ' && ++words > 4))
			return 0;
	}
	return 0;
}

static int has_letter(const line *ln)
{
	for (size_t i = 0; i < ln->len; i++) {
		unsigned char c = (unsigned char)ln->s[i];
		if (c >= 0x80 || (unsigned)((c | 0x20) - 'a') < 26)
			return 1;
	}
	return 0;
}

/* A short line that does not read as speech, a stage direction, a
 * sentence or a list item. */
static int title_like(const line *ln)
{
	marker m;
	char last = ln->len ? ln->s[ln->len - 1] : 0;
	return ln->len && !longer_than(ln->s, ln->len, TITLE_MAX) && !strchr(":.,;", last) &&
	       ln->s[0] != '[' && ln->s[0] != '(' && !has_label(ln) && !has_period_label(ln) &&
	       has_letter(ln) &&
	       !list_marker(ln, &m) && !is_thematic(ln);
}

/* ---- building ---- */

static steno_node *add_block(reader *rd, steno_node *parent, steno_node_type type,
                             const line *ln)
{
	steno_node *n = node_add(rd->doc, parent, type);
	if (n)
		steno_node_set_sourcepos(n, ln->no, first_col(ln), ln->no, last_col(ln));
	return n;
}

static void set_end(steno_node *n, const line *ln)
{
	node_pos *p = node_pos_of(n);
	if (p) {
		p->end_line = ln->no;
		p->end_col = last_col(ln);
	}
}

/* A text node over the line itself.  The byte after a trimmed line is a
 * blank, a line end or the buffer's final NUL, so ending the literal
 * there loses nothing. */
static int add_text(reader *rd, steno_node *parent, const line *ln)
{
	if (ln->len > NODE_MAX_LEN)
		return -1;
	steno_node *t = node_add(rd->doc, parent, STENO_NODE_TEXT);
	if (!t)
		return -1;
	ln->s[ln->len] = '\0';
	node_set_literal(t, ln->s, ln->len);
	return 0;
}

static int add_para_line(reader *rd, steno_node *parent, const line *ln)
{
	if (!rd->para) {
		rd->para = add_block(rd, parent, STENO_NODE_PARAGRAPH, ln);
		if (!rd->para)
			return -1;
	} else if (!node_add(rd->doc, rd->para, STENO_NODE_SOFT_BREAK)) {
		return -1;
	}
	rd->last = *ln;
	return add_text(rd, rd->para, ln);
}

static void close_para(reader *rd)
{
	if (!rd->para)
		return;
	set_end(rd->para, &rd->last);
	if (rd->item)
		set_end(rd->item, &rd->last);
	rd->para = NULL;
}

static void close_list(reader *rd)
{
	close_para(rd);
	if (rd->list)
		set_end(rd->list, &rd->last);
	rd->list = rd->item = NULL;
}

static int add_heading(reader *rd, const line *ln, int level, const line *end)
{
	steno_node *h = add_block(rd, rd->root, STENO_NODE_HEADING, ln);
	if (!h)
		return -1;
	steno_node_set_level(h, level);
	set_end(h, end);
	return add_text(rd, h, ln);
}

/* A level-1 heading that opens the document also titles it, unless a
 * header gave the title. */
static int add_title(reader *rd, const line *ln, const line *end)
{
	if (add_heading(rd, ln, 1, end) < 0)
		return -1;
	if (steno_meta_get(rd->doc, "title"))
		return 0;
	return steno_meta_set(rd->doc, "title", ln->s) == STENO_OK ? 0 : -1;
}

static int add_item(reader *rd, const line *ln, const marker *m)
{
	if (!rd->list || rd->list_kind != m->kind) {
		close_list(rd);
		rd->list = add_block(rd, rd->root, STENO_NODE_LIST, ln);
		if (!rd->list)
			return -1;
		steno_node_set_list(rd->list, m->type, m->start, 1, m->delim);
		rd->list_kind = m->kind;
	} else {
		close_para(rd);
	}
	rd->item = add_block(rd, rd->list, STENO_NODE_ITEM, ln);
	if (!rd->item)
		return -1;
	line text = {ln->s + m->width, ln->len - m->width, ln->indent + m->width, ln->no};
	return add_para_line(rd, rd->item, &text);
}

/* ---- the rules that look ahead, once, at the start ---- */

/* Long lines and not one blank line between them: each line is a
 * paragraph, as editors that wrap softly save them. */
static int detect_line_mode(const line_scanner *start)
{
	line_scanner sc = *start;
	line ln;
	size_t lines = 0, longs = 0;
	int blank_seen = 0;
	while (next_line(&sc, &ln)) {
		if (!ln.len) {
			blank_seen = lines > 0;
			continue;
		}
		if (blank_seen)
			return 0;
		lines++;
		longs += longer_than(ln.s, ln.len, LONG_LINE);
	}
	return lines >= 2 && 2 * longs >= lines;
}

static int followed_by_content(const reader *rd)
{
	if (!rd->has_nxt)
		return 0;
	if (rd->nxt.len)
		return rd->line_mode && !underline_level(&rd->nxt);
	line_scanner sc = rd->sc;
	line ln;
	while (next_line(&sc, &ln))
		if (ln.len)
			return 1;
	return 0;
}

static int read_title(reader *rd)
{
	/* where long lines are paragraphs, a long line is not a title */
	if (!rd->has_cur || !title_like(&rd->cur) || !followed_by_content(rd) ||
	    (rd->line_mode && longer_than(rd->cur.s, rd->cur.len, LONG_LINE)))
		return 0;
	if (add_title(rd, &rd->cur, &rd->cur) < 0)
		return -1;
	advance(rd);
	return 0;
}

typedef struct header_key {
	const char *name; /* as written, in lower case */
	const char *key;  /* the metadata key it sets */
	int role;         /* also labels speakers' turns in interviews */
} header_key;

static const header_key header_keys[] = {
	{"abstract", "abstract", 0},       {"author", "author", 0},
	{"city", "city", 0},               {"copyright", "copyright", 0},
	{"country", "country", 0},         {"date", "date", 0},
	{"description", "description", 0}, {"duration", "duration", 0},
	{"editor", "editor", 0},           {"event", "event", 0},
	{"host", "host", 1},               {"interviewee", "interviewee", 1},
	{"interviewer", "interviewer", 1}, {"keywords", "keywords", 0},
	{"lang", "language", 0},           {"language", "language", 0},
	{"license", "license", 0},         {"location", "place", 0},
	{"moderator", "moderator", 1},     {"occasion", "occasion", 0},
	{"participants", "speakers", 0},   {"place", "place", 0},
	{"publisher", "publisher", 0},     {"recorded", "recorded", 0},
	{"rights", "rights", 0},           {"source", "source", 0},
	{"speakers", "speakers", 0},       {"subject", "subject", 0},
	{"subtitle", "subtitle", 0},       {"summary", "summary", 0},
	{"time", "time", 0},               {"title", "title", 0},
	{"transcriber", "transcriber", 0}, {"translator", "translator", 0},
	{"url", "url", 0},                 {"venue", "venue", 0},
};

#define HEADER_KEY_COUNT (sizeof header_keys / sizeof *header_keys)

/* The header key ln starts with ("Date: ..."), its value in *value. */
static const header_key *header_line(const line *ln, line *value)
{
	const char *colon = memchr(ln->s, ':', ln->len < HEADER_KEY_MAX ? ln->len : HEADER_KEY_MAX);
	if (!colon)
		return NULL;
	size_t klen = (size_t)(colon - ln->s), rest = ln->len - klen - 1;
	if (rest && !is_blank(colon[1]))
		return NULL;
	char key[HEADER_KEY_MAX];
	for (size_t i = 0; i < klen; i++)
		key[i] = (char)(ln->s[i] >= 'A' && ln->s[i] <= 'Z' ? ln->s[i] + 32 : ln->s[i]);
	const header_key *k = NULL;
	for (size_t i = 0; i < HEADER_KEY_COUNT && !k; i++)
		if (strlen(header_keys[i].name) == klen && memcmp(header_keys[i].name, key, klen) == 0)
			k = &header_keys[i];
	if (k && value) {
		size_t skip = klen + 1;
		while (skip < ln->len && is_blank(ln->s[skip]))
			skip++;
		*value = (line){ln->s + skip, ln->len - skip, ln->indent + skip, ln->no};
	}
	return k;
}

/* The first block is a header when every line of it has a header key,
 * no key comes twice, a blank line ends it, and not every key is one
 * that also labels turns: "Interviewer: Thanks for coming." alone is
 * the start of the conversation, not metadata. */
static int is_header(const reader *rd)
{
	line_scanner sc = rd->sc;
	line ln = rd->cur, next = rd->nxt;
	int more = rd->has_nxt, plain = 0;
	unsigned char seen[HEADER_KEY_COUNT] = {0};
	if (!rd->has_cur)
		return 0;
	for (;;) {
		const header_key *k = header_line(&ln, NULL);
		if (!k || seen[k - header_keys]++ || !more)
			return 0;
		plain |= !k->role;
		if (!next.len)
			return plain;
		ln = next;
		more = next_line(&sc, &next);
	}
}

static int read_header(reader *rd)
{
	while (rd->has_cur && rd->cur.len) {
		line value;
		const header_key *k = header_line(&rd->cur, &value);
		value.s[value.len] = '\0';
		if (steno_meta_set(rd->doc, k->key, value.s) != STENO_OK)
			return -1;
		advance(rd);
	}
	return 0;
}

static void skip_blank_lines(reader *rd)
{
	while (rd->has_cur && !rd->cur.len)
		advance(rd);
}

/* ---- the main loop ---- */

static int read_line(reader *rd)
{
	const line *ln = &rd->cur;
	int level = rd->has_nxt ? underline_level(&rd->nxt) : 0;
	int in_item = rd->item && ln->indent;
	marker m;
	int is_item = list_marker(ln, &m);
	/* as in CommonMark, only "1." may interrupt a paragraph, so a
	 * wrapped line that starts "1990. " stays in its sentence */
	if (is_item && m.type == STENO_LIST_ORDERED && m.start != 1 && rd->para && !rd->list)
		is_item = 0;
	int r;
	if (level && !in_item && !is_item) {
		int titles = !node_first(rd->root) && level == 1;
		close_list(rd);
		r = titles ? add_title(rd, ln, &rd->nxt) : add_heading(rd, ln, level, &rd->nxt);
		advance(rd);
	} else if ((rd->after_blank || rd->line_mode) && is_thematic(ln) &&
	           (!rd->has_nxt || !rd->nxt.len || rd->line_mode)) {
		close_list(rd);
		r = add_block(rd, rd->root, STENO_NODE_THEMATIC_BREAK, ln) ? 0 : -1;
	} else if (in_item) {
		r = add_para_line(rd, rd->item, ln);
	} else if (is_item) {
		r = add_item(rd, ln, &m);
	} else {
		if (rd->list)
			close_list(rd);
		r = add_para_line(rd, rd->root, ln);
		if (rd->line_mode)
			close_para(rd);
	}
	rd->after_blank = 0;
	advance(rd);
	return r;
}

static int read_blocks(reader *rd)
{
	while (rd->has_cur) {
		if (!rd->cur.len) {
			close_list(rd);
			rd->after_blank = 1;
			advance(rd);
		} else if (read_line(rd) < 0) {
			return -1;
		}
	}
	close_list(rd);
	return 0;
}

static int read_text(reader *rd)
{
	rd->line_mode = detect_line_mode(&rd->sc);
	rd->has_nxt = next_line(&rd->sc, &rd->nxt);
	advance(rd);
	skip_blank_lines(rd);
	if (is_header(rd) && read_header(rd) < 0)
		return -1;
	skip_blank_lines(rd);
	if (read_title(rd) < 0)
		return -1;
	rd->after_blank = 1;
	return read_blocks(rd);
}

static steno_status text_read(steno_doc *doc, const char *data, size_t len,
                              const steno_options *opts, steno_error *err)
{
	steno_error local;
	if (!err)
		err = &local;
	/* a table saved as .txt is read as the table it is */
	if (table_format.sniff(data, len))
		return table_format.read(doc, data, len, opts, err);
	/* so is a CHAT transcript saved as .txt, or piped in */
	if (chat_format.sniff(data, len))
		return chat_format.read(doc, data, len, opts, err);
	size_t n;
	char *buf = doc_input_text(doc, data, len, opts ? opts->encoding : NULL, &n, err);
	if (!buf)
		return err->code;
	reader rd = {.doc = doc, .root = steno_doc_root(doc)};
	line_scanner_init(&rd.sc, buf, n);
	if (read_text(&rd) < 0)
		return error_nomem(err);
	return STENO_OK;
}

const format text_format = {
	.name = "text",
	.aliases = "txt plain",
	.extensions = ".txt",
	.media_type = "text/plain",
	.description = "plain-text transcript",
	.read = text_read,
};
