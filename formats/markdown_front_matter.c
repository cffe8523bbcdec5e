/* markdown_front_matter.c - the YAML-style front matter on top of Markdown files.
 *
 * Not a YAML parser: the flat subset people write there (markdown.md
 * lists it) becomes metadata, and every line outside it is kept, as
 * written, under one metadata key, so nothing is lost and nothing is an
 * error.  The block is small and read once. */
#include <stdint.h>
#include <string.h>

#include "core/sink.h"
#include "core/utf8.h"
#include "markdown_front_matter.h"

size_t md_line_end(const char *s, size_t len, size_t pos)
{
	while (pos < len && s[pos] != '\n' && s[pos] != '\r')
		pos++;
	return pos;
}

size_t md_after_eol(const char *s, size_t len, size_t eol)
{
	if (eol < len && s[eol] == '\r')
		eol++;
	else if (eol < len)
		return eol + 1; /* a LF */
	if (eol < len && s[eol] == '\n')
		eol++;
	return eol;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r';
}

/* s[from..to) without white space at either end. */
static void trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && is_space(s[*from]))
		(*from)++;
	while (*to > *from && is_space(s[*to - 1]))
		(*to)--;
}

typedef struct front_matter {
	steno_doc *doc;
	const char *s;
	size_t stop;          /* the closing delimiter line */
	steno_sink *raw;      /* the lines outside the subset */
	steno_sink *comments; /* the comments of the entry being read */
	steno_sink *text;     /* the entry's value without its comments */
	steno_sink *val;      /* the value being built */
} front_matter;

/* ---- finding the block ---- */

/* The line at pos is three c's, maybe followed by blanks. */
static int is_delimiter(const char *s, size_t len, size_t pos, char c)
{
	size_t end = md_line_end(s, len, pos);
	if (end - pos < 3 || s[pos] != c || s[pos + 1] != c || s[pos + 2] != c)
		return 0;
	for (pos += 3; pos < end; pos++)
		if (!is_blank(s[pos]))
			return 0;
	return 1;
}

static int is_key_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == ' ';
}

/* The length of the key of a "key: value" line at s[from..to) (a colon
 * followed by a blank or the line's end); 0 when it is not one. */
static size_t key_length(const char *s, size_t from, size_t to)
{
	size_t i = from;
	if (i >= to || !is_key_byte(s[i]) || s[i] == ' ' || s[i] == '-')
		return 0;
	while (i < to && is_key_byte(s[i]))
		i++;
	if (i >= to || s[i] != ':' || (i + 1 < to && !is_blank(s[i + 1])))
		return 0;
	while (i > from && s[i - 1] == ' ')
		i--;
	return i - from;
}

/* "---" alone on the first line, then a key: value line or a comment
 * (so that a thematic break followed by text stays CommonMark), and a
 * closing "---" or "..." line. */
static int find_block(const char *s, size_t len, size_t *stop, size_t *body, size_t *lines)
{
	size_t pos = md_after_eol(s, len, md_line_end(s, len, 0));
	if (!is_delimiter(s, len, 0, '-') || pos >= len ||
	    (s[pos] != '#' && !key_length(s, pos, md_line_end(s, len, pos))))
		return 0;
	for (*lines = 2; pos < len; ++*lines) {
		size_t next = md_after_eol(s, len, md_line_end(s, len, pos));
		if (is_delimiter(s, len, pos, '-') || is_delimiter(s, len, pos, '.')) {
			*stop = pos;
			*body = next;
			return 1;
		}
		pos = next;
	}
	return 0;
}

/* ---- scalars ---- */

/* The value of n hex digits at t, or -1. */
static long hex_value(const char *t, size_t n)
{
	long v = 0;
	for (size_t k = 0; k < n; k++) {
		char c = t[k], l = (char)(c | 0x20);
		int d = c >= '0' && c <= '9' ? c - '0' : l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The escape after a backslash at t[i] in a double-quoted scalar into
 * fm->val: the bytes it takes, 0 when outside the subset. */
static size_t put_escape(front_matter *fm, const char *t, size_t i, size_t to)
{
	static const char simple[] = "\"\\/ntr ", means[] = "\"\\/\n\t\r ";
	static const struct {
		char c;
		const char *utf8;
	} named[] = {{'_', "\xC2\xA0"}, {'N', "\xC2\x85"}, {'L', "\xE2\x80\xA8"}, {'P', "\xE2\x80\xA9"}};
	const char *p = strchr(simple, t[i]);
	if (p && *p) {
		sink_putc(fm->val, means[p - simple]);
		return 1;
	}
	for (size_t k = 0; k < sizeof named / sizeof *named; k++)
		if (t[i] == named[k].c) {
			sink_puts(fm->val, named[k].utf8);
			return 1;
		}
	size_t digits = t[i] == 'x' ? 2 : t[i] == 'u' ? 4 : t[i] == 'U' ? 8 : 0;
	long cp = digits && i + digits < to ? hex_value(t + i + 1, digits) : -1;
	char out[4];
	size_t n = cp > 0 ? utf8_encode((uint32_t)cp, out) : 0; /* no NUL in a C string */
	if (!n)
		return 0;
	sink_write(fm->val, out, n);
	return digits + 1;
}

/* A line break inside a quoted scalar at t[*i], folded as YAML folds
 * it: into a space, or one line feed per empty line that follows. */
static void fold(front_matter *fm, const char *t, size_t *i, size_t to)
{
	int breaks = 0;
	while (*i < to && is_space(t[*i]))
		breaks += t[(*i)++] == '\n';
	if (breaks <= 1)
		sink_putc(fm->val, ' ');
	while (breaks-- > 1)
		sink_putc(fm->val, '\n');
}

/* A quoted scalar starting at t[*i] (the quote) into fm->val; *i moves
 * past the closing quote.  0 when unclosed or escaped outside the subset. */
static int quoted(front_matter *fm, const char *t, size_t *i, size_t to)
{
	char q = t[(*i)++];
	while (*i < to) {
		size_t blanks = *i;
		while (blanks < to && is_blank(t[blanks]))
			blanks++;
		if (blanks < to && t[blanks] == '\n') { /* blanks before a break go */
			*i = blanks;
			fold(fm, t, i, to);
			continue;
		}
		char c = t[(*i)++];
		if (c == q && q == '\'' && *i < to && t[*i] == '\'') {
			sink_putc(fm->val, '\'');
			(*i)++;
		} else if (c == q) {
			return 1;
		} else if (c == '\\' && q == '"' && *i < to && t[*i] == '\n') {
			while (*i < to && is_space(t[*i])) /* an escaped line break */
				(*i)++;
		} else if (c == '\\' && q == '"') {
			size_t used = *i < to ? put_escape(fm, t, *i, to) : 0;
			if (!used)
				return 0;
			*i += used;
		} else {
			sink_putc(fm->val, c);
		}
	}
	return 0;
}

/* A plain scalar over lines: the lines joined by spaces.  A line that
 * reads as a key of its own makes it a nested mapping, not flat; the
 * first line too when it is not the key's (own_line). */
static int plain(front_matter *fm, const char *t, size_t from, size_t to, int own_line)
{
	if (strchr("[]{}|>&*!%@`,", t[from]))
		return 0;
	for (size_t pos = from; pos < to;) {
		size_t end = md_line_end(t, to, pos), a = pos, b = end;
		trim(t, &a, &b);
		if ((pos != from || own_line) && (key_length(t, a, b) || (a < b && t[a] == '-')))
			return 0;
		if (a < b && pos != from)
			sink_putc(fm->val, ' ');
		sink_write(fm->val, t + a, b - a);
		pos = md_after_eol(t, to, end);
	}
	return 1;
}

/* A scalar, quoted or plain, filling t[from..to) exactly. */
static int scalar(front_matter *fm, const char *t, size_t from, size_t to)
{
	size_t start = from;
	trim(t, &from, &to);
	int own_line = memchr(t + start, '\n', from - start) != NULL;
	if (from < to && (t[from] == '"' || t[from] == '\'')) {
		size_t i = from;
		return quoted(fm, t, &i, to) && i == to;
	}
	return from == to || plain(fm, t, from, to, own_line);
}

/* ---- lists: items joined by ", " ---- */

static int flow_list(front_matter *fm, const char *t, size_t from, size_t to)
{
	if (t[to - 1] != ']')
		return 0;
	size_t i = from + 1, end = to - 1;
	trim(t, &i, &end);
	for (int items = 0; i < end; items++) {
		size_t stop = i;
		if (items)
			sink_write(fm->val, ", ", 2);
		if (t[i] == '"' || t[i] == '\'') {
			if (!quoted(fm, t, &stop, end))
				return 0;
			while (stop < end && is_space(t[stop]))
				stop++;
			if (stop < end && t[stop] != ',')
				return 0;
		} else {
			while (stop < end && t[stop] != ',')
				stop++;
			if (!scalar(fm, t, i, stop))
				return 0;
		}
		for (i = stop + 1; i < end && is_space(t[i]);)
			i++;
	}
	return 1;
}

/* "- item" lines, each item on its line. */
static int block_list(front_matter *fm, const char *t, size_t from, size_t to)
{
	for (int items = 0; from < to; items++) {
		size_t end = md_line_end(t, to, from), a = from, b = end;
		trim(t, &a, &b);
		from = md_after_eol(t, to, end);
		if (a == b) {
			items--;
			continue;
		}
		if (t[a] != '-' || (a + 1 < b && !is_blank(t[a + 1])))
			return 0;
		if (items)
			sink_write(fm->val, ", ", 2);
		if (!scalar(fm, t, a + 1, b))
			return 0;
	}
	return 1;
}

/* A value, its comments taken out, into fm->val; 0 when not flat. */
static int value(front_matter *fm, const char *t, size_t len)
{
	size_t i = 0, end = len;
	trim(t, &i, &end);
	if (i == end)
		return 1;
	if (t[i] == '-' && (i + 1 == end || is_space(t[i + 1])))
		return block_list(fm, t, i, end);
	if (t[i] == '[')
		return flow_list(fm, t, i, end);
	return scalar(fm, t, 0, len);
}

/* ---- entries ---- */

/* Is a quote at s[i] the start of a quoted scalar (not an apostrophe)? */
static int opens_quote(const char *s, size_t from, size_t i)
{
	return (s[i] == '"' || s[i] == '\'') &&
	       (i == from || is_space(s[i - 1]) || s[i - 1] == '[' || s[i - 1] == ',');
}

/* s[from..to) into fm->text without its comments ('#' after white
 * space, outside quotes, to the end of the line), which go to
 * fm->comments, one a line. */
static void split_comments(front_matter *fm, size_t from, size_t to)
{
	const char *s = fm->s;
	char q = 0;
	for (size_t i = from; i < to; i++) {
		char c = s[i];
		if (q) {
			if (c == '\\' && q == '"' && i + 1 < to) {
				sink_putc(fm->text, c);
				c = s[++i];
			} else if (c == q) {
				q = 0;
			}
		} else if (opens_quote(s, from, i)) {
			q = c;
		} else if (c == '#' && (i == from || is_space(s[i - 1]))) {
			size_t end = md_line_end(s, to, i);
			sink_write(fm->comments, s + i, end - i);
			sink_putc(fm->comments, '\n');
			i = end - 1;
			continue;
		}
		sink_putc(fm->text, c);
	}
}

/* The end of the entry starting at pos: its line and the lines after it
 * that are indented or list items. */
static size_t entry_end(const front_matter *fm, size_t pos)
{
	pos = md_after_eol(fm->s, fm->stop, md_line_end(fm->s, fm->stop, pos));
	while (pos < fm->stop) {
		size_t end = md_line_end(fm->s, fm->stop, pos);
		if (pos < end && !is_blank(fm->s[pos]) && fm->s[pos] != '-')
			break;
		pos = md_after_eol(fm->s, fm->stop, end);
	}
	return pos;
}

/* Append s[from..to) to fm->raw as lines, without a final line break. */
static void keep_raw(front_matter *fm, const char *s, size_t from, size_t to)
{
	size_t have;
	while (to > from && is_space(s[to - 1]))
		to--;
	if (from == to)
		return;
	if (steno_sink_memory_data(fm->raw, &have) && have)
		sink_putc(fm->raw, '\n');
	sink_write(fm->raw, s + from, to - from);
}

static void reset(steno_sink **sink)
{
	steno_sink_close(*sink);
	*sink = steno_sink_new_memory();
}

/* The entry "key: value" at s[pos..end) into metadata: 1 when it is
 * flat, 0 when not, -1 on no memory. */
static int entry(front_matter *fm, size_t pos, size_t klen, size_t end)
{
	char key[256];
	reset(&fm->text);
	reset(&fm->comments);
	reset(&fm->val);
	if (!fm->text || !fm->comments || !fm->val)
		return -1;
	if (klen >= sizeof key)
		return 0;
	memcpy(key, fm->s + pos, klen);
	key[klen] = '\0';
	/* a key twice, or the key of the rest, goes to the rest */
	if (steno_meta_get(fm->doc, key) || strcmp(key, FRONT_MATTER_RAW_KEY) == 0)
		return 0;
	const char *colon = memchr(fm->s + pos + klen, ':', end - pos - klen);
	split_comments(fm, (size_t)(colon - fm->s) + 1, end);
	size_t len;
	const char *t = steno_sink_memory_data(fm->text, &len);
	if (!value(fm, t, len))
		return 0;
	sink_putc(fm->val, '\0');
	if (steno_sink_status(fm->val) != STENO_OK || steno_sink_status(fm->comments) != STENO_OK)
		return -1;
	if (steno_meta_set(fm->doc, key, steno_sink_memory_data(fm->val, NULL)) != STENO_OK)
		return -1;
	t = steno_sink_memory_data(fm->comments, &len);
	keep_raw(fm, t, 0, len);
	return 1;
}

static int read_entries(front_matter *fm, size_t pos)
{
	while (pos < fm->stop) {
		size_t eol = md_line_end(fm->s, fm->stop, pos), a = pos, b = eol;
		trim(fm->s, &a, &b);
		if (a == b) {
			pos = md_after_eol(fm->s, fm->stop, eol);
			continue;
		}
		size_t end = entry_end(fm, pos), klen = key_length(fm->s, pos, eol);
		int r = klen ? entry(fm, pos, klen, end) : 0;
		if (r < 0)
			return -1;
		if (r == 0)
			keep_raw(fm, fm->s, pos, end);
		pos = end;
	}
	return 0;
}

int front_matter_read(steno_doc *doc, const char *s, size_t len, size_t *body, size_t *lines)
{
	front_matter fm = {.doc = doc, .s = s};
	*body = *lines = 0;
	if (!find_block(s, len, &fm.stop, body, lines))
		return 0;
	fm.raw = steno_sink_new_memory();
	int r = fm.raw ? read_entries(&fm, md_after_eol(s, len, md_line_end(s, len, 0))) : -1;
	size_t raw_len;
	const char *raw = steno_sink_memory_data(fm.raw, &raw_len);
	if (r == 0 && raw_len) {
		sink_putc(fm.raw, '\0');
		raw = steno_sink_memory_data(fm.raw, NULL);
		if (steno_sink_status(fm.raw) != STENO_OK ||
		    steno_meta_set(doc, FRONT_MATTER_RAW_KEY, raw) != STENO_OK)
			r = -1;
	}
	steno_sink_close(fm.raw);
	steno_sink_close(fm.text);
	steno_sink_close(fm.comments);
	steno_sink_close(fm.val);
	return r;
}
