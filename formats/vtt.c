/* vtt.c - the WebVTT reader, by the W3C's parsing algorithm: the file
 * into blocks (cues, comments, style sheets, regions), each cue's
 * timings and settings, and its text by the cue-text parsing rules.
 * src/captions/cues_in.c puts the cues into turns and paragraphs;
 * formats/vtt.md has the mapping table.
 *
 * Lines are read once, front to back; the spec's one step back (a
 * block ends before a second "-->" line, which starts the next) is a
 * copy of the scanner taken before that line. */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captions/cues_in.h"
#include "captions/cues_out.h"
#include "captions/entities.h"
#include "core/error.h"
#include "core/grow.h"
#include "core/utf8.h"
#include "formats.h"

#define STACK_MAX 64 /* cue text elements open at once; deeper ones are ignored */

typedef struct vtt {
	steno_doc *doc;
	const steno_options *opts;
	cues_in cues;
	cues_scanner sc;
	int seen_cue;    /* a cue was read: STYLE and REGION blocks no longer count */
	int rolling;     /* cues carry word times: captions that roll up */
	size_t garbage, bad_timings;
	int garbage_line, bad_timing_line;
	cues_line *lines; /* a cue's lines, for rolling captions */
	size_t lines_cap;
	char *style;      /* the style sheets, joined */
	size_t style_len;
} vtt;

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Asked of every line: memchr finds its '>'s, the only bytes worth a
 * closer look. */
static int contains_arrow(const char *s, size_t len)
{
	if (len < 3)
		return 0;
	for (const char *p = s + 2, *end = s + len; (p = memchr(p, '>', (size_t)(end - p))); p++)
		if (p[-1] == '-' && p[-2] == '-')
			return 1;
	return 0;
}

/* s[0..len) is word and then only blanks: "STYLE", "REGION", "NOTE". */
static int is_keyword(const char *s, size_t len, const char *word, int rest_any)
{
	size_t n = strlen(word);
	if (len < n || memcmp(s, word, n) != 0)
		return 0;
	if (len == n)
		return 1;
	if (rest_any)
		return s[n] == ' ' || s[n] == '\t' || s[n] == '\n' || s[n] == '\r';
	for (size_t i = n; i < len; i++)
		if (!is_ws(s[i]))
			return 0;
	return 1;
}

/* ---- settings ---- */

/* A setting's value as the spec's "parse a percentage string" takes
 * it: digits, maybe a fraction, '%', at most 100. */
static int is_percentage(const char *s, size_t len)
{
	size_t i = 0, whole = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	whole = i;
	if (!whole)
		return 0;
	if (i < len && s[i] == '.') {
		size_t f = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f)
			return 0;
	}
	if (i + 1 != len || s[i] != '%')
		return 0;
	/* at most 100: 100 and then only zeros, or two digits */
	size_t lead = 0;
	while (lead + 1 < whole && s[lead] == '0')
		lead++;
	if (whole - lead < 3)
		return 1;
	if (whole - lead > 3 || memcmp(s + lead, "100", 3) != 0)
		return 0;
	for (size_t k = whole; k < len - 1; k++)
		if (s[k] != '0' && s[k] != '.')
			return 0;
	return 1;
}

static int has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* A line number as the spec takes it: -?digits with at most one '.'
 * between digits. */
static int is_line_number(const char *s, size_t len)
{
	int dots = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '-' ? i != 0 : c == '.' ? dots++ || i == 0 || i + 1 == len ||
		                                    !(s[i - 1] >= '0' && s[i - 1] <= '9') ||
		                                    !(s[i + 1] >= '0' && s[i + 1] <= '9')
		                                 : !(c >= '0' && c <= '9'))
			return 0;
	}
	return has_digit(s, len);
}

/* A number a double holds: HTML's rules for floating-point numbers
 * refuse one that rounds to infinity. */
static int finite_number(const char *s, size_t len)
{
	char buf[512];
	if (len >= sizeof buf)
		return 0;
	/* strtod reads the locale's decimal point */
	const char *point = localeconv()->decimal_point;
	for (size_t i = 0; i < len; i++)
		buf[i] = s[i] == '.' && point && *point ? *point : s[i];
	buf[len] = '\0';
	return isfinite(strtod(buf, NULL));
}

static int is_one_of(const char *s, size_t len, const char *words)
{
	for (const char *w = words; *w; w += strlen(w) + 1)
		if (strlen(w) == len && memcmp(w, s, len) == 0)
			return 1;
	return 0;
}

typedef struct span {
	const char *s;
	size_t len;
} span;

/* "a,b" into its two parts (b empty without a comma); 1 with a comma. */
static int split_comma(span v, span *a, span *b)
{
	const char *comma = memchr(v.s, ',', v.len);
	*a = (span){v.s, comma ? (size_t)(comma - v.s) : v.len};
	*b = comma ? (span){comma + 1, v.len - a->len - 1} : (span){v.s + v.len, 0};
	return comma != NULL;
}

enum { S_REGION, S_VERTICAL, S_LINE, S_POSITION, S_SIZE, S_ALIGN, S_COUNT };
static const char *const setting_names[S_COUNT] = {"region", "vertical", "line", "position",
                                                   "size",   "align"};

/* Which setting name=value is, when valid; -1 when not.  *cut is set
 * shorter than v when only v's first *cut bytes stand: an alignment not
 * understood leaves a line or position standing. */
static int cue_setting(vtt *r, span name, span v, size_t *cut)
{
	span a, b;
	int comma;
	for (int k = 0; k < S_COUNT; k++) {
		if (strlen(setting_names[k]) != name.len || memcmp(setting_names[k], name.s, name.len))
			continue;
		switch (k) {
		case S_REGION: {
			char key[256];
			if (v.len > 240)
				return -1;
			memcpy(key, "region.", 7);
			memcpy(key + 7, v.s, v.len);
			key[7 + v.len] = '\0';
			return steno_meta_get(r->doc, key) ? k : -1;
		}
		case S_VERTICAL: return is_one_of(v.s, v.len, "rl\0lr\0") ? k : -1;
		case S_LINE:
			comma = split_comma(v, &a, &b);
			if (comma && !is_one_of(b.s, b.len, "start\0center\0end\0"))
				*cut = a.len;
			if (!has_digit(a.s, a.len))
				return -1;
			if (a.len && a.s[a.len - 1] == '%')
				return is_percentage(a.s, a.len) ? k : -1;
			return is_line_number(a.s, a.len) && finite_number(a.s, a.len) ? k : -1;
		case S_POSITION:
			comma = split_comma(v, &a, &b);
			if (comma && !is_one_of(b.s, b.len, "line-left\0center\0line-right\0"))
				*cut = a.len;
			return is_percentage(a.s, a.len) ? k : -1;
		case S_SIZE: return is_percentage(v.s, v.len) ? k : -1;
		case S_ALIGN: return is_one_of(v.s, v.len, "start\0center\0end\0left\0right\0") ? k : -1;
		}
	}
	return -1;
}

/* "-0", "-0.00": a line number that is zero is written without its
 * sign, as the number it is. */
static int negative_zero(span v)
{
	if (!v.len || v.s[0] != '-' || v.s[v.len - 1] == '%')
		return 0;
	for (size_t i = 1; i < v.len && v.s[i] != ','; i++)
		if (v.s[i] != '0' && v.s[i] != '.')
			return 0;
	return 1;
}

/* The valid settings of s[0..len), the last of each name, in a fixed
 * order: "line:0 align:start", in the arena.  NULL on no memory; "" for
 * none, which most cues have and which then costs nothing. */
static const char *cue_settings(vtt *r, const char *s, size_t len)
{
	span found[S_COUNT] = {{0}};
	size_t total = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && is_ws(s[i]))
			i++;
		size_t start = i;
		while (i < len && !is_ws(s[i]))
			i++;
		span tok = {s + start, i - start};
		const char *colon = tok.len ? memchr(tok.s, ':', tok.len) : NULL;
		if (!colon || colon == tok.s || colon == tok.s + tok.len - 1)
			continue;
		span name = {tok.s, (size_t)(colon - tok.s)};
		span v = {colon + 1, tok.len - name.len - 1};
		size_t cut = v.len;
		int k = cue_setting(r, name, v, &cut);
		v.len = cut;
		if (k >= 0) {
			if (k == S_LINE && negative_zero(v))
				v.s++, v.len--;
			found[k] = v;
		}
	}
	for (int k = 0; k < S_COUNT; k++)
		total += found[k].s ? strlen(setting_names[k]) + found[k].len + 2 : 0;
	if (!total)
		return "";
	char *out = arena_alloc(&r->doc->arena, total + 1), *o = out;
	if (!out)
		return NULL;
	for (int k = 0; k < S_COUNT; k++) {
		if (!found[k].s)
			continue;
		if (o != out)
			*o++ = ' ';
		size_t n = strlen(setting_names[k]);
		memcpy(o, setting_names[k], n);
		o[n] = ':';
		memcpy(o + n + 1, found[k].s, found[k].len);
		o += n + 1 + found[k].len;
	}
	*o = '\0';
	return out;
}

/* ---- regions and style sheets ---- */

enum { R_WIDTH, R_LINES, R_REGIONANCHOR, R_VIEWPORTANCHOR, R_SCROLL, R_COUNT };
static const char *const region_names[R_COUNT] = {"width", "lines", "regionanchor",
                                                  "viewportanchor", "scroll"};

static int region_setting(int k, span v)
{
	span a, b;
	switch (k) {
	case R_WIDTH: return is_percentage(v.s, v.len);
	case R_LINES:
		for (size_t i = 0; i < v.len; i++)
			if (v.s[i] < '0' || v.s[i] > '9')
				return 0;
		return 1;
	case R_REGIONANCHOR:
	case R_VIEWPORTANCHOR:
		return split_comma(v, &a, &b) && is_percentage(a.s, a.len) &&
		       is_percentage(b.s, b.len);
	default: return v.len == 2 && !memcmp(v.s, "up", 2);
	}
}

/* A REGION block: metadata "region.ID" holds its valid settings. */
static steno_status read_region(vtt *r, const char *s, size_t len)
{
	span id = {NULL, 0}, found[R_COUNT] = {{0}};
	for (size_t i = 0; i < len;) {
		while (i < len && is_ws(s[i]))
			i++;
		size_t start = i;
		while (i < len && !is_ws(s[i]))
			i++;
		span tok = {s + start, i - start};
		const char *colon = tok.len ? memchr(tok.s, ':', tok.len) : NULL;
		if (!colon || colon == tok.s || colon == tok.s + tok.len - 1)
			continue;
		span name = {tok.s, (size_t)(colon - tok.s)}, v = {colon + 1, tok.len - name.len - 1};
		if (name.len == 2 && !memcmp(name.s, "id", 2)) {
			if (!contains_arrow(v.s, v.len))
				id = v;
			continue;
		}
		for (int k = 0; k < R_COUNT; k++)
			if (strlen(region_names[k]) == name.len &&
			    !memcmp(region_names[k], name.s, name.len) && region_setting(k, v))
				found[k] = v;
	}
	if (!id.len || id.len > 240)
		return STENO_OK;
	char key[256], value[1024];
	size_t n = (size_t)snprintf(value, sizeof value, "id:%.*s", (int)id.len, id.s);
	snprintf(key, sizeof key, "region.%.*s", (int)id.len, id.s);
	for (int k = 0; k < R_COUNT; k++)
		if (found[k].s && n < sizeof value)
			n += (size_t)snprintf(value + n, sizeof value - n, " %s:%.*s", region_names[k],
			                      (int)(found[k].len < 200 ? found[k].len : 200), found[k].s);
	return steno_meta_set(r->doc, key, value);
}

/* STYLE blocks, joined by a blank line into metadata "style" at the end. */
static steno_status read_style(vtt *r, const char *s, size_t len)
{
	size_t need = r->style_len + len + 3;
	size_t cap = r->style_len ? r->style_len + 1 : 0;
	char *grown = grow_array(r->style, &cap, need, 1);
	if (!grown)
		return STENO_ERR_NOMEM;
	r->style = grown;
	if (r->style_len) {
		memcpy(r->style + r->style_len, "\n\n", 2);
		r->style_len += 2;
	}
	memcpy(r->style + r->style_len, s, len);
	r->style_len += len;
	r->style[r->style_len] = '\0';
	return STENO_OK;
}

/* ---- cue text ---- */

/* An element of the cue text open in the tree: its tag and the node
 * its content goes into (NULL: the cue's own level). */
typedef struct open_elem {
	char tag[5];
	steno_node *node;
} open_elem;

typedef struct cue_text {
	vtt *r;
	open_elem stack[STACK_MAX];
	int depth, ignored; /* elements open beyond STACK_MAX are ignored */
	char *buf;          /* a token's text after references are read */
	size_t len, cap;
} cue_text;

static steno_node *current(cue_text *ct)
{
	return ct->depth ? ct->stack[ct->depth - 1].node : NULL;
}

static const char *current_tag(cue_text *ct)
{
	return ct->depth ? ct->stack[ct->depth - 1].tag : "";
}

static int put(cue_text *ct, const char *s, size_t len)
{
	if (ct->len + len + 1 > ct->cap) {
		char *grown = grow_array(ct->buf, &ct->cap, ct->len + len + 1, 1);
		if (!grown)
			return -1;
		ct->buf = grown;
	}
	memcpy(ct->buf + ct->len, s, len);
	ct->len += len;
	return 0;
}

/* The text gathered so far into the tree, a line break at each line end. */
static int flush_text(cue_text *ct)
{
	cues_in *c = &ct->r->cues;
	const char *s = ct->buf;
	size_t len = ct->len;
	ct->len = 0;
	while (len) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;
		if (n && cues_in_text(c, current(ct), s, n) < 0)
			return -1;
		if (!nl)
			break;
		if (cues_in_break(c, current(ct)) < 0)
			return -1;
		s += n + 1;
		len -= n + 1;
	}
	return 0;
}

/* A numeric reference after "&#": its length and code point, or 0. */
static size_t numeric_ref(const char *s, size_t len, uint32_t *cp)
{
	size_t i = 0;
	int hex = i < len && (s[i] == 'x' || s[i] == 'X');
	i += (size_t)hex;
	size_t first = i;
	uint32_t v = 0;
	for (; i < len; i++) {
		int d = s[i] >= '0' && s[i] <= '9'                   ? s[i] - '0'
		        : hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f' ? (s[i] | 0x20) - 'a' + 10
		                                                           : -1;
		if (d < 0)
			break;
		if (v <= 0x10FFFF)
			v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (i == first)
		return 0;
	if (i < len && s[i] == ';')
		i++;
	*cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v;
	return i;
}

/* A character reference at s[0..len) (s at '&'), into the token's text;
 * its length.  What is no reference is the '&' alone. */
static size_t char_ref(cue_text *ct, const char *s, size_t len, int *nomem)
{
	size_t used;
	uint32_t cp;
	char enc[4];
	const char *named;
	if (len > 1 && s[1] == '#' && (used = numeric_ref(s + 2, len - 2, &cp))) {
		*nomem = put(ct, enc, utf8_encode(cp, enc)) < 0;
		return used + 2;
	}
	if ((named = entity_named(s + 1, len - 1, &used))) {
		*nomem = put(ct, named, strlen(named)) < 0;
		return used + 1;
	}
	*nomem = put(ct, "&", 1) < 0;
	return 1;
}

/* The annotation of a start tag: blanks at the edges dropped, runs of
 * them one space. */
static size_t collapse(char *s, size_t len)
{
	size_t o = 0;
	int blank = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_ws(s[i])) {
			blank = o > 0;
			continue;
		}
		if (blank)
			s[o++] = ' ';
		blank = 0;
		s[o++] = s[i];
	}
	return o;
}

static int open_element(cue_text *ct, const char *tag, size_t tag_len, const char *classes,
                        size_t classes_len, char *annotation, size_t annotation_len)
{
	static const char *const known = "c\0i\0b\0u\0ruby\0rt\0v\0lang\0";
	if (!is_one_of(tag, tag_len, known) ||
	    (tag_len == 2 && !memcmp(tag, "rt", 2) && strcmp(current_tag(ct), "ruby") != 0))
		return 0;
	if (ct->depth == STACK_MAX) {
		ct->ignored++;
		return 0;
	}
	cues_in *c = &ct->r->cues;
	steno_node *parent = current(ct), *node = parent;
	if (tag_len == 1 && tag[0] == 'v') {
		annotation_len = collapse(annotation, annotation_len);
		if (annotation_len && cues_in_voice(c, annotation, annotation_len) < 0)
			return -1;
	}
	if (tag_len == 1 && (tag[0] == 'i' || tag[0] == 'b' || tag[0] == 'u')) {
		if (!parent && !(parent = cues_in_container(c)))
			return -1;
		node = node_add(ct->r->doc, parent, tag[0] == 'b' ? STENO_NODE_STRONG : STENO_NODE_EMPH);
		if (!node ||
		    (tag[0] == 'u' && node_set_attr_kept(node, "webvtt", "u") != STENO_OK))
			return -1;
		while (classes_len && classes[classes_len - 1] == ' ')
			classes_len--;
		if (classes_len) {
			char *cls = arena_strndup(&ct->r->doc->arena, classes, classes_len);
			if (!cls || steno_node_set_attr(node, "class", cls) != STENO_OK)
				return -1;
		}
	}
	open_elem *e = &ct->stack[ct->depth++];
	memcpy(e->tag, tag, tag_len);
	e->tag[tag_len] = '\0';
	e->node = node;
	return 0;
}

static void close_element(cue_text *ct, const char *tag, size_t tag_len)
{
	if (ct->ignored) {
		ct->ignored--;
		return;
	}
	const char *cur = current_tag(ct);
	if (strlen(cur) == tag_len && !memcmp(cur, tag, tag_len) && tag_len)
		ct->depth--;
	else if (tag_len == 4 && !memcmp(tag, "ruby", 4) && !strcmp(cur, "rt"))
		ct->depth -= 2;
}

/* <00:00:01.500>: a word's time, kept with --word-times. */
static int timestamp(cue_text *ct, const char *s, size_t len)
{
	int64_t ms;
	if (!ct->r->opts->word_times || cues_time(s, len, 1, &ms) != len)
		return 0;
	steno_node *parent = current(ct);
	if (!parent && !(parent = cues_in_container(&ct->r->cues)))
		return -1;
	steno_node *t = node_add(ct->r->doc, parent, STENO_NODE_TIME);
	if (!t || steno_node_set_literal(t, s, len) != STENO_OK)
		return -1;
	t->as.turn.start = ms;
	return 0;
}

/* A tag at s[0..len), s after its '<': its length up to and with '>'
 * (or to the end), and what it does to the tree. */
static size_t tag(cue_text *ct, const char *s, size_t len, int *fail)
{
	size_t i = 0;
	if (i < len && s[i] == '/') {
		const char *gt = memchr(s, '>', len);
		size_t end = gt ? (size_t)(gt - s) : len;
		close_element(ct, s + 1, end - 1);
		return gt ? end + 1 : end;
	}
	if (i < len && s[i] >= '0' && s[i] <= '9') {
		const char *gt = memchr(s, '>', len);
		size_t end = gt ? (size_t)(gt - s) : len;
		*fail = timestamp(ct, s, end) < 0;
		return gt ? end + 1 : end;
	}
	size_t name_end = i;
	while (name_end < len && !is_ws(s[name_end]) && s[name_end] != '.' && s[name_end] != '>')
		name_end++;
	/* classes: ".a.b" up to a blank or '>', as "a b" */
	size_t k = name_end, cls_start = 0, cls_len = 0;
	ct->len = 0;
	while (k < len && s[k] == '.') {
		size_t start = ++k;
		while (k < len && !is_ws(s[k]) && s[k] != '.' && s[k] != '>')
			k++;
		if (k > start) {
			if (ct->len && put(ct, " ", 1) < 0)
				return *fail = 1, len;
			if (put(ct, s + start, k - start) < 0)
				return *fail = 1, len;
		}
	}
	cls_len = ct->len;
	/* the annotation, references read, up to '>' */
	if (k < len && is_ws(s[k])) {
		while (k < len && s[k] != '>') {
			size_t run = k;
			while (run < len && s[run] != '>' && s[run] != '&')
				run++;
			if (put(ct, s + k, run - k) < 0)
				return *fail = 1, len;
			k = run;
			if (k < len && s[k] == '&') {
				int nomem = 0;
				k += char_ref(ct, s + k, len - k, &nomem);
				if (nomem)
					return *fail = 1, len;
			}
		}
	}
	size_t used = k < len ? k + 1 : len;
	char none[1] = "";
	char *text = ct->buf ? ct->buf : none; /* nothing put yet: no buffer to offset */
	*fail = open_element(ct, s, name_end, text + cls_start, cls_len, text + cls_len,
	                     ct->len - cls_len) < 0;
	ct->len = 0;
	return used;
}

/* Text of the input itself into the tree, a line break at each LF:
 * the nodes share the input (shared), or take copies. */
static int plain_run(cue_text *ct, char *s, size_t len, int shared)
{
	if (!shared)
		return put(ct, s, len);
	if (flush_text(ct) < 0)
		return -1;
	cues_in *c = &ct->r->cues;
	for (;;) {
		char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;
		if (n && cues_in_text_shared(c, current(ct), s, n) < 0)
			return -1;
		if (!nl)
			return 0;
		if (cues_in_break(c, current(ct)) < 0)
			return -1;
		s += n + 1;
		len -= n + 1;
	}
}

/* The tag or reference that ch ('<' or '&', as it was before a shared
 * text node's NUL replaced it) starts at s[i]: it is read from the byte
 * after.  Where the parse goes on, or (size_t)-1 on no memory. */
static size_t markup_at(cue_text *ct, const char *s, size_t len, size_t i, char ch)
{
	int fail = 0;
	if (ch == '&') {
		i += char_ref(ct, s + i, len - i, &fail);
	} else {
		fail = flush_text(ct) < 0;
		if (!fail)
			i += 1 + tag(ct, s + i + 1, len - i - 1, &fail);
	}
	return fail ? (size_t)-1 : i;
}

/* The cue-text parsing rules over s[0..len): text, references, tags.
 * shared: text nodes take the input itself, each ending where the
 * parse has read the byte after it (a '<', '&', line end or the cue's
 * end); rolling captions keep their lines whole for the next cue's
 * comparison, so their text is copied. */
static int parse_cue_text(cue_text *ct, char *s, size_t len, int shared)
{
	ct->depth = ct->ignored = 0;
	ct->len = 0;
	for (size_t i = 0; i < len && i != (size_t)-1;) {
		if (s[i] == '<' || s[i] == '&') {
			i = markup_at(ct, s, len, i, s[i]);
			continue;
		}
		size_t run = i;
		while (run < len && s[run] != '<' && s[run] != '&' && s[run] != '\r')
			run++;
		char stop = run < len ? s[run] : 0; /* read before a NUL replaces it */
		if (plain_run(ct, s + i, run - i, shared) < 0)
			return -1;
		if (stop == '\r') {
			if (shared ? flush_text(ct) < 0 || cues_in_break(&ct->r->cues, current(ct)) < 0
			           : put(ct, "\n", 1) < 0)
				return -1;
			i = run + (run + 1 < len && s[run + 1] == '\n' ? 2 : 1);
		} else {
			i = stop ? markup_at(ct, s, len, run, stop) : run;
		}
		if (i == (size_t)-1)
			return -1;
	}
	return flush_text(ct);
}

/* ---- blocks ---- */

static int blank_line(const cues_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!is_ws(l->s[i]))
			return 0;
	return 1;
}

/* The cue's lines that are not blank, for rolling captions. */
static size_t split_lines(vtt *r, char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && s[e] != '\n' && s[e] != '\r')
			e++;
		if (n == r->lines_cap) {
			cues_line *grown = grow_array(r->lines, &r->lines_cap, n + 1, sizeof *grown);
			if (!grown)
				return (size_t)-1;
			r->lines = grown;
		}
		r->lines[n] = (cues_line){s + i, e - i, 0};
		n += !blank_line(&r->lines[n]); /* blank placeholders are no line of words */
		if (e == len)
			break;
		i = e + (s[e] == '\r' && e + 1 < len && s[e + 1] == '\n' ? 2 : 1);
	}
	return n;
}

static int cue_body(vtt *r, cue_text *ct, char *text, size_t text_len)
{
	if (!r->rolling && cues_has_word_times(text, text_len))
		r->rolling = 1;
	if (!r->rolling)
		return parse_cue_text(ct, text, text_len, 1);
	size_t n = split_lines(r, text, text_len);
	if (n == (size_t)-1)
		return -1;
	/* each line once: the repeated ones go */
	size_t first = cues_in_repeated(&r->cues, r->lines, n);
	for (size_t i = first; i < n; i++)
		if ((i > first && cues_in_break(&r->cues, NULL) < 0) ||
		    parse_cue_text(ct, (char *)r->lines[i].s, r->lines[i].len, 0) < 0)
			return -1;
	return 0;
}

typedef struct cue_block {
	char *id, *timing, *text;
	size_t id_len, timing_len, text_len;
	int64_t start, end;
	size_t start_len; /* the start time as written */
	size_t settings_at;
	int line;
} cue_block;

static steno_status add_cue(vtt *r, cue_text *ct, const cue_block *b)
{
	cues_in *c = &r->cues;
	/* the settings are read before the time node ends the start's text */
	const char *settings = cue_settings(r, b->timing + b->settings_at, b->timing_len - b->settings_at);
	steno_node *t = settings ? cues_in_cue(c, b->start, b->end, b->timing, b->start_len, b->line)
	                         : NULL;
	if (!t)
		return STENO_ERR_NOMEM;
	if (b->id_len) {
		/* its line is read: the line's end becomes its NUL */
		b->id[b->id_len] = '\0';
		t->as.cue.id = b->id;
	}
	if (*settings && node_set_attr_kept(t, "settings", settings) != STENO_OK)
		return STENO_ERR_NOMEM;
	if (cue_body(r, ct, b->text, b->text_len) < 0 || cues_in_end(c) < 0)
		return STENO_ERR_NOMEM;
	return STENO_OK;
}

/* "start --> end settings": the times, the start's length as written and
 * where the settings begin; 0 when the line is no timing. */
static int parse_timing(char *s, size_t len, cue_block *b)
{
	size_t i = 0, n;
	while (i < len && is_ws(s[i]))
		i++;
	size_t at = i;
	if (!(n = cues_time(s + i, len - i, 1, &b->start)))
		return 0;
	b->timing = s + at;
	b->start_len = n;
	i += n;
	while (i < len && is_ws(s[i]))
		i++;
	if (len - i < 3 || memcmp(s + i, "-->", 3) != 0)
		return 0;
	i += 3;
	while (i < len && is_ws(s[i]))
		i++;
	if (!(n = cues_time(s + i, len - i, 1, &b->end)))
		return 0;
	i += n;
	b->timing_len = len - at;
	b->settings_at = i - at;
	return 1;
}

static void note_garbage(size_t *count, int *first_line, int line)
{
	if (!(*count)++)
		*first_line = line;
}

/* A NOTE block: a note of kind "comment" holding its text. */
static steno_status add_note(vtt *r, const char *s, size_t len, int line)
{
	steno_node *note = cues_in_block(&r->cues, STENO_NODE_NOTE);
	if (!note)
		return STENO_ERR_NOMEM;
	note->as.kind = "comment";
	steno_node_set_sourcepos(note, line, 1, line, 1);
	size_t skip = 4;
	while (skip < len && (s[skip] == ' ' || s[skip] == '\t'))
		skip++;
	steno_node *p = node_add(r->doc, note, STENO_NODE_PARAGRAPH);
	if (!p)
		return STENO_ERR_NOMEM;
	s += skip;
	len -= skip;
	while (len) {
		size_t e = 0;
		while (e < len && s[e] != '\n' && s[e] != '\r')
			e++;
		if (e && !node_add_text(r->doc, p, s, e))
			return STENO_ERR_NOMEM;
		if (e == len)
			break;
		size_t step = s[e] == '\r' && e + 1 < len && s[e + 1] == '\n' ? 2 : 1;
		if (e + step < len && !node_add(r->doc, p, STENO_NODE_SOFT_BREAK))
			return STENO_ERR_NOMEM;
		s += e + step;
		len -= e + step;
	}
	return STENO_OK;
}

/* The header's lines after the signature: "Kind: captions" and
 * "Language: en" become metadata, by their keys in lower case. */
static steno_status header_line(vtt *r, const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	char key[64], value[1024];
	if (!colon || colon == s || (size_t)(colon - s) >= sizeof key)
		return STENO_OK;
	size_t klen = (size_t)(colon - s), v = klen + 1;
	for (size_t i = 0; i < klen; i++)
		key[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	key[klen] = '\0';
	while (v < len && (s[v] == ' ' || s[v] == '\t'))
		v++;
	snprintf(value, sizeof value, "%.*s", (int)(len - v), s + v);
	return steno_meta_set(r->doc, key, value);
}

/* The spec's "collect a WebVTT block": one block from the scanner. */
static steno_status collect_block(vtt *r, cue_text *ct, int in_header)
{
	cues_scanner prev = r->sc;
	char *s, *buf = NULL;
	size_t len, buf_len = 0;
	int count = 0, seen_arrow = 0, cue = 0, kind = 0, first_line = r->sc.no, bad = 0;
	cue_block b = {0};
	while (cues_next_line(&r->sc, &s, &len)) {
		count++;
		int eof = s + len == r->sc.buf + r->sc.end; /* a last line without its end */
		if (contains_arrow(s, len)) {
			if (!in_header && (count == 1 || (count == 2 && !seen_arrow))) {
				seen_arrow = 1;
				prev = r->sc;
				if (parse_timing(s, len, &b)) {
					cue = 1, bad = 0;
					b.id = buf, b.id_len = buf_len, b.line = r->sc.no - 1;
					buf = NULL, buf_len = 0;
					r->seen_cue = 1;
				} else {
					cue = 0, bad = 1;
				}
			} else {
				r->sc = prev;
				break;
			}
		} else if (!len) {
			break;
		} else {
			if (!in_header && count == 2 && !r->seen_cue && buf) {
				if (is_keyword(buf, buf_len, "STYLE", 0))
					kind = 'S', buf = NULL, buf_len = 0;
				else if (is_keyword(buf, buf_len, "REGION", 0))
					kind = 'R', buf = NULL, buf_len = 0;
			}
			if (in_header && header_line(r, s, len) != STENO_OK)
				return STENO_ERR_NOMEM;
			if (!buf)
				buf = s;
			buf_len = (size_t)(s + len - buf);
			prev = r->sc;
		}
		if (eof)
			break;
	}
	if (in_header)
		return STENO_OK;
	if (cue) {
		b.text = buf ? buf : "";
		b.text_len = buf_len;
		return add_cue(r, ct, &b);
	}
	if (kind == 'S')
		return buf ? read_style(r, buf, buf_len) : STENO_OK;
	if (kind == 'R')
		return buf ? read_region(r, buf, buf_len) : STENO_OK;
	if (bad)
		note_garbage(&r->bad_timings, &r->bad_timing_line, first_line);
	else if (buf && is_keyword(buf, buf_len < 5 ? buf_len : 5, "NOTE", 1))
		return add_note(r, buf, buf_len, first_line);
	else if (buf)
		note_garbage(&r->garbage, &r->garbage_line, first_line);
	return STENO_OK;
}

static void skip_blank_lines(cues_scanner *sc)
{
	while (sc->pos < sc->end && (sc->buf[sc->pos] == '\n' || sc->buf[sc->pos] == '\r')) {
		sc->pos++;
		if (sc->buf[sc->pos - 1] == '\r' && sc->pos < sc->end && sc->buf[sc->pos] == '\n')
			sc->pos++;
		if (sc->no < INT_MAX)
			sc->no++;
	}
}

/* "WEBVTT", alone or before a blank and anything: the rest of the line
 * is the header's text. */
static steno_status signature(vtt *r, steno_error *err)
{
	char *s;
	size_t len;
	if (!cues_next_line(&r->sc, &s, &len) || len < 6 || memcmp(s, "WEBVTT", 6) != 0 ||
	    (len > 6 && s[6] != ' ' && s[6] != '\t'))
		return set_error(err, STENO_ERR_PARSE, 1, 1,
		                 "not WebVTT: the file does not start with the line WEBVTT");
	size_t i = 6;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len) {
		char *h = arena_strndup(&r->doc->arena, s + i, len - i);
		if (!h || steno_meta_set(r->doc, "header", h) != STENO_OK)
			return error_nomem(err);
	}
	return STENO_OK;
}

static void warn_left_out(vtt *r)
{
	if (r->garbage)
		doc_warn(r->doc, "%zu block(s) of text outside any cue left out (the first at line %d)",
		         r->garbage, r->garbage_line);
	if (r->bad_timings)
		doc_warn(r->doc,
		         "%zu cue(s) left out: timings not understood (the first at line %d)",
		         r->bad_timings, r->bad_timing_line);
}

static steno_status read_blocks(vtt *r, steno_error *err)
{
	cue_text ct = {.r = r};
	steno_status st = signature(r, err);
	if (st != STENO_OK)
		return st;
	if (r->sc.pos < r->sc.end && r->sc.buf[r->sc.pos] != '\n' && r->sc.buf[r->sc.pos] != '\r')
		st = collect_block(r, &ct, 1);
	while (st == STENO_OK) {
		skip_blank_lines(&r->sc);
		if (r->sc.pos >= r->sc.end)
			break;
		st = collect_block(r, &ct, 0);
	}
	free(ct.buf);
	if (st == STENO_OK && r->style && steno_meta_set(r->doc, "style", r->style) != STENO_OK)
		st = STENO_ERR_NOMEM;
	if (st != STENO_OK)
		return error_nomem(err);
	warn_left_out(r);
	return STENO_OK;
}

static steno_status vtt_read(steno_doc *doc, const char *data, size_t len,
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
	vtt r = {.doc = doc, .opts = opts};
	cues_scanner_init(&r.sc, buf, n);
	cues_in_init(&r.cues, doc, opts);
	steno_status st = read_blocks(&r, err);
	free(r.lines);
	free(r.style);
	return st;
}

const format vtt_format = {
	.name = "vtt",
	.aliases = "webvtt",
	.extensions = ".vtt",
	.media_type = "text/vtt",
	.description = "WebVTT captions",
	.read = vtt_read,
	.write = captions_write_vtt,
	.flags = STENO_FORMAT_TIMED,
};
