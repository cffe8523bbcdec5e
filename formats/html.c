/* html.c - the HTML writer: polyglot HTML5 (see html.md).
 *
 * The output parses the same as HTML and as XML, so the EPUB writer can
 * reuse it as XHTML: void elements are self-closed, every attribute is
 * quoted, and every string is escaped and cleaned of the characters one
 * of the two languages refuses.  The walk is iterative over the
 * parent/next links and nothing is allocated (but the standalone
 * page's list of who is quoted), so a tree of any depth costs only
 * output. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/doc_text.h"
#include "core/error.h"
#include "core/escape.h"
#include "core/grow.h"
#include "core/walk.h"
#include "core/utf8.h"
#include "formats.h"

/* A speaker's id and name, each with its length, as the writer found
 * them: every turn and attributed quotation names its speaker, a few
 * speakers are most of a document's, and a turn's ids are the speaker
 * table's own strings, so the address of one stands for its look-up. */
typedef struct speaker_seen {
	const char *id, *name;
	size_t id_len, name_len;
} speaker_seen;

#define SPEAKERS_SEEN 64

/* The writer's state. */
typedef struct html {
	steno_sink *s;
	const steno_doc *doc;
	const steno_options *opts;
	int quote_depth; /* open quotes: the marks alternate double/single */
	int mid_line;    /* block output stopped mid-line (after <li>, a tight paragraph) */
	size_t quotes;   /* attributed quotations written: the next is q-N, N = this + 1 */
	int q_run;       /* the 'q's of that id: 0 until first asked (quote_id_run) */
	speaker_seen seen[SPEAKERS_SEEN]; /* by the id's address, hashed */
} html;

/* A string literal and its length, known at compile time. */
#define LIT(lit) (lit), sizeof(lit) - 1
#define PUT_LIT(h, lit) sink_write((h)->s, LIT(lit))


static void put_text(html *h, const char *str, size_t len)
{
	escape_xml_text(h->s, str, len);
}

static void put_attr_value(html *h, const char *str)
{
	if (str)
		escape_xml_attr(h->s, str, strlen(str));
}

/* ` name="value"`, open being ` name="` (open_len bytes), value[0..len)
 * escaped; nothing when value is empty. */
static void put_attr(html *h, const char *open, size_t open_len, const char *value, size_t len)
{
	if (!len)
		return;
	sink_write(h->s, open, open_len);
	escape_xml_attr(h->s, value, len);
	sink_putc(h->s, '"');
}

/* The same for a string that may be NULL. */
static void put_attr_str(html *h, const char *open, size_t open_len, const char *value)
{
	if (value)
		put_attr(h, open, open_len, value, strlen(value));
}

#define PUT_ATTR(h, name, value) put_attr_str((h), LIT(" " name "=\""), (value))

/* The speaker whose id is id (not NULL), looked up once for each
 * address; the document does not change while it is written. */
static const speaker_seen *speaker_of(html *h, const char *id)
{
	uint64_t slot = (uint64_t)(uintptr_t)id * UINT64_C(0x9E3779B97F4A7C15) >> 32;
	speaker_seen *c = &h->seen[slot % SPEAKERS_SEEN];

	if (c->id != id) {
		c->id = id;
		c->id_len = strlen(id);
		c->name = doc_speaker_name(h->doc, id);
		c->name_len = strlen(c->name);
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* URLs                                                               */

/* What each ASCII byte of a URL becomes: kept (unreserved and reserved
 * characters of RFC 3986), percent-encoded, or an entity because it is
 * also special in an attribute.  '%' is kept only before two hex digits,
 * so URLs already escaped stay as they are; '[' and ']' only in the
 * authority, the one place RFC 3986 allows them (an IPv6 host). */
enum { URL_KEEP, URL_ENCODE, URL_AMP, URL_APOS, URL_PERCENT, URL_BRACKET };

#define E URL_ENCODE
static const unsigned char url_class[128] = {
	E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E,
	E, E, E, E, E, E, E, E, E, E, E, E, E, E, E, E,
	E, 0, E, 0, 0, URL_PERCENT, URL_AMP, URL_APOS, 0, 0, 0, 0, 0, 0, 0, 0, /* sp ! " # $ % & ' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, E, 0, E, 0,                         /* < = > ? */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, URL_BRACKET, E, URL_BRACKET, E, 0,     /* [ \ ] ^ */
	E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                         /* ` */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, E, E, E, 0, E,                         /* { | } ~ DEL */
};
#undef E

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

/* The end of url's authority ("//host:port" after a scheme), or url
 * itself when it has none. */
static const unsigned char *authority_end(const unsigned char *url, const unsigned char *end)
{
	const unsigned char *p = url;

	/* the scheme: a letter, then letters, digits, '+', '-', '.' */
	while (p < end && (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
	                   (p > url && ((*p >= '0' && *p <= '9') || strchr("+-.", *p)))))
		p++;
	if (p == url || end - p < 3 || memcmp(p, "://", 3) != 0)
		return url;
	for (p += 3; p < end && *p != '/' && *p != '?' && *p != '#'; p++)
		;
	return p;
}

/* cmark's rule: script-running and local schemes are refused, data:
 * only for the raster image types browsers never execute. */
static int url_safe(const char *url, size_t len)
{
	static const char *const images[] = {"data:image/png", "data:image/gif",
	                                     "data:image/jpeg", "data:image/webp"};
	size_t i, n;

	if (starts_with_ci(url, len, "javascript:") || starts_with_ci(url, len, "vbscript:") ||
	    starts_with_ci(url, len, "file:"))
		return 0;
	if (!starts_with_ci(url, len, "data:"))
		return 1;
	for (i = 0; i < sizeof images / sizeof *images; i++) {
		n = strlen(images[i]);
		if (starts_with_ci(url, len, images[i]) && len > n && (url[n] == ';' || url[n] == ','))
			return 1;
	}
	return 0;
}

/* The URL as an attribute value: trimmed as browsers trim it (so the
 * scheme check sees what a browser would), blanked when unsafe and not
 * opts->unsafe, percent-encoded where RFC 3986 wants it. */
static void put_url(html *h, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p, *end, *run, *host_end;
	char pct[3] = {'%', 0, 0};
	unsigned char c, k;

	if (!url)
		return;
	p = (const unsigned char *)url;
	end = p + strlen(url);
	while (p < end && *p <= ' ')
		p++;
	while (end > p && end[-1] <= ' ')
		end--;
	if (!h->opts->unsafe && !url_safe((const char *)p, (size_t)(end - p)))
		return;
	host_end = authority_end(p, end);
	for (run = p; p < end; p++) {
		c = *p;
		k = c < 0x80 ? url_class[c] : URL_ENCODE;
		if (k == URL_KEEP || (k == URL_PERCENT && end - p > 2 && is_hex(p[1]) && is_hex(p[2])) ||
		    (k == URL_BRACKET && p < host_end))
			continue;
		sink_write(h->s, (const char *)run, (size_t)(p - run));
		run = p + 1;
		if (k == URL_AMP) {
			PUT_LIT(h, "&amp;");
		} else if (k == URL_APOS) {
			PUT_LIT(h, "&#39;");
		} else {
			pct[1] = hex[c >> 4];
			pct[2] = hex[c & 15];
			sink_write(h->s, pct, 3);
		}
	}
	sink_write(h->s, (const char *)run, (size_t)(p - run));
}

/* ------------------------------------------------------------------ */
/* Attributes every element may carry                                 */

/* Names the writer itself uses after "data-": a node attribute of the
 * same name is left out, so no element gets an attribute twice.  Also
 * "fence", a Markdown code block's fence: syntax kept for round trips,
 * not content, and left out of HTML as cmark leaves it out; and "marks",
 * a quote's own quotation marks, which go out as its text. */
static int data_name_reserved(const char *name)
{
	/* asked of every attribute (a turn's "label", a quote's "marks"):
	 * the first letter leaves at most two names to compare */
	switch (name[0]) {
	case 'a': return strcmp(name, "agency") == 0;
	case 'd': return strcmp(name, "date") == 0;
	case 'f': return strcmp(name, "fence") == 0;
	case 'k': return strcmp(name, "kind") == 0;
	case 'm': return strcmp(name, "marks") == 0;
	case 'p': return strcmp(name, "place") == 0;
	case 's': return strcmp(name, "speaker") == 0 || strcmp(name, "sourcepos") == 0;
	case 't': return strcmp(name, "type") == 0;
	default: return 0;
	}
}

/* A node attribute's name after "data-".  Lower-case letters, digits
 * and '-' stay; an upper-case letter becomes '_' and its lower case
 * ("startTime" -> "start_time"); any other byte becomes '.' and two hex
 * digits.  The mapping is one-to-one, so distinct names stay distinct,
 * and the result is a valid name in HTML and XML alike. */
static void put_data_name(html *h, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p, *run;
	char esc[3] = {'.', 0, 0};

	for (p = (const unsigned char *)name; *p; p++) {
		/* the bytes kept as they are go out as one run */
		for (run = p; (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'; p++)
			;
		sink_write(h->s, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p >= 'A' && *p <= 'Z') {
			sink_putc(h->s, '_');
			sink_putc(h->s, (char)(*p | 0x20));
		} else {
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			sink_write(h->s, esc, 3);
		}
	}
}

/* Whether attribute a of n is written as the element's id: the
 * source's xml:id is, so that a link or a citation ("#u1.s2") reaches
 * it; the XML readers keep ids unique, renaming repeats.  Not a
 * heading's: EPUB numbers the headings' ids for its contents list. */
static int is_element_id(const steno_node *n, const attr *a)
{
	return a->name[0] == 'x' && strcmp(a->name, "xml:id") == 0 && *a->value &&
	       n->type != STENO_NODE_HEADING && !strpbrk(a->value, " \t\n\r\f");
}

/* n's id from its source, or NULL. */
static const char *element_id(const steno_node *n)
{
	node_attr_buf cue;
	for (const attr *a = node_attrs(n, &cue); a; a = a->next)
		if (a->name && is_element_id(n, a))
			return a->value;
	return NULL;
}

static void put_node_attrs(html *h, const steno_node *n)
{
	node_attr_buf cue;
	for (const attr *a = node_attrs(n, &cue); a; a = a->next) {
		if (!a->name || !*a->name || data_name_reserved(a->name))
			continue;
		if (is_element_id(n, a)) {
			PUT_LIT(h, " id=\"");
			put_attr_value(h, a->value);
			sink_putc(h->s, '"');
			continue;
		}
		PUT_LIT(h, " data-");
		put_data_name(h, a->name);
		PUT_LIT(h, "=\"");
		put_attr_value(h, a->value);
		sink_putc(h->s, '"');
	}
}

static void put_sourcepos(html *h, const steno_node *n)
{
	const node_pos *p = h->opts->sourcepos ? node_pos_of(n) : NULL;
	if (!p || p->line <= 0)
		return;
	PUT_LIT(h, " data-sourcepos=\"");
	sink_put_int(h->s, p->line);
	sink_putc(h->s, ':');
	sink_put_int(h->s, p->col);
	sink_putc(h->s, '-');
	sink_put_int(h->s, p->end_line);
	sink_putc(h->s, ':');
	sink_put_int(h->s, p->end_col);
	sink_putc(h->s, '"');
}

/* The end of a block element's start tag: position, attributes, '>'. */
static void end_block_tag(html *h, const steno_node *n)
{
	put_sourcepos(h, n);
	put_node_attrs(h, n);
	sink_putc(h->s, '>');
}

static void end_inline_tag(html *h, const steno_node *n)
{
	put_node_attrs(h, n);
	sink_putc(h->s, '>');
}

/* Start block output on a line of its own. */
static void cr(html *h)
{
	if (h->mid_line) {
		sink_putc(h->s, '\n');
		h->mid_line = 0;
	}
}

/* ------------------------------------------------------------------ */
/* Times                                                              */

/* Times are written for every turn, each formatted in a buffer and
 * written at once: printf's parsing, or a write a number, cost more
 * than the rest of a turn's tag.  TIME_CHARS holds either form of any
 * time (the hours of INT64_MAX ms have 13 digits). */
#define TIME_CHARS 40

/* v as exactly width digits, zero-padded, at p; returns their end. */
static char *format_digits(char *p, unsigned v, int width)
{
	for (int i = width; i-- > 0; v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* v (>= 0) at p; returns its end. */
static char *format_number(char *p, int64_t v)
{
	char buf[SINK_INT_CHARS];
	const char *digits;
	size_t n;

	if (v < 100) /* minutes and seconds */
		return format_digits(p, (unsigned)v, v < 10 ? 1 : 2);
	digits = sink_format_int(v, buf);
	n = (size_t)(buf + SINK_INT_CHARS - digits);
	memcpy(p, digits, n);
	return p + n;
}

/* As a clock: 00:01:02, with .500 when there are milliseconds. */
static void put_clock(html *h, int64_t ms)
{
	char buf[TIME_CHARS], *p;
	int64_t hours = ms / 3600000;

	p = hours < 10 ? format_digits(buf, (unsigned)hours, 2) : format_number(buf, hours);
	*p++ = ':';
	p = format_digits(p, (unsigned)(ms / 60000 % 60), 2);
	*p++ = ':';
	p = format_digits(p, (unsigned)(ms / 1000 % 60), 2);
	if (ms % 1000) {
		*p++ = '.';
		p = format_digits(p, (unsigned)(ms % 1000), 3);
	}
	sink_write(h->s, buf, (size_t)(p - buf));
}

/* As an HTML duration for datetime="": PT1H2M3.5S, PT0S. */
static void put_duration(html *h, int64_t ms)
{
	char buf[TIME_CHARS], *p = buf;
	unsigned frac = (unsigned)(ms % 1000), minutes = (unsigned)(ms / 60000 % 60);
	int width = 3;

	*p++ = 'P';
	*p++ = 'T';
	if (ms >= 3600000) {
		p = format_number(p, ms / 3600000);
		*p++ = 'H';
	}
	if (minutes) {
		p = format_number(p, minutes);
		*p++ = 'M';
	}
	p = format_number(p, ms / 1000 % 60);
	if (frac) {
		for (; frac % 10 == 0; frac /= 10)
			width--;
		*p++ = '.';
		p = format_digits(p, frac, width);
	}
	*p++ = 'S';
	sink_write(h->s, buf, (size_t)(p - buf));
}

/* <time class="timestamp" datetime="PT1M2.5S">00:01:02.500</time> */
static void put_timestamp(html *h, int64_t ms)
{
	PUT_LIT(h, "<time class=\"timestamp\" datetime=\"");
	put_duration(h, ms);
	PUT_LIT(h, "\">");
	put_clock(h, ms);
	PUT_LIT(h, "</time>");
}

/* Times before zero have no HTML duration; they are not shown. */
static int time_known(int64_t ms)
{
	return ms != STENO_TIME_NONE && ms >= 0;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                              */

static int heading_level(const steno_node *n)
{
	return n->as.level < 1 ? 1 : n->as.level > 6 ? 6 : n->as.level;
}

/* cmark's rule: a tight list's paragraphs have no <p>. */
static int paragraph_tight(const steno_node *n)
{
	const steno_node *item = node_parent(n);

	return item && item->type == STENO_NODE_ITEM && node_parent(item) &&
	       node_parent(item)->type == STENO_NODE_LIST && node_parent(item)->as.list.tight;
}

/* Does the turn's text open with its start time ("[00:01:02] Q: ...",
 * or a time on the line before the label)?  Then the text shows it, and
 * the turn's header need not show it again. */
static int time_in_text(const steno_node *turn)
{
	const steno_node *p = node_first(turn);
	if (p && p->type == STENO_NODE_NOTE)
		p = node_first(p);
	const steno_node *t = p && p->type == STENO_NODE_PARAGRAPH ? node_first(p) : NULL;
	return t && t->type == STENO_NODE_TIME && t->as.turn.start == turn->as.turn.start;
}

/* <div class="turn" data-speaker="a b">, then the speakers' names and
 * the start time on a line of their own. */
static void enter_turn(html *h, const steno_node *n)
{
	uint32_t i, count = n->speakers;
	int timed = time_known(n->as.turn.start) && !time_in_text(n);

	cr(h);
	PUT_LIT(h, "<div class=\"turn");
	if (n->flags & NODE_OVERLAP)
		PUT_LIT(h, " overlap");
	sink_putc(h->s, '"');
	if (count) {
		PUT_LIT(h, " data-speaker=\"");
		for (i = 0; i < count; i++) {
			if (i)
				sink_putc(h->s, ' ');
			const speaker_seen *who = speaker_of(h, n->as.turn.ids[i]);
			escape_xml_attr(h->s, who->id, who->id_len);
		}
		sink_putc(h->s, '"');
	}
	end_block_tag(h, n);
	for (i = 0; i < count; i++) {
		if (i)
			PUT_LIT(h, ", ");
		const speaker_seen *who = speaker_of(h, n->as.turn.ids[i]);
		PUT_LIT(h, "<span class=\"speaker\">");
		put_text(h, who->name, who->name_len);
		PUT_LIT(h, "</span>");
	}
	if (timed) {
		if (count)
			sink_putc(h->s, ' ');
		put_timestamp(h, n->as.turn.start);
	}
	sink_putc(h->s, '\n');
}

static void enter_list(html *h, const steno_node *n)
{
	cr(h);
	if (n->as.list.type == STENO_LIST_ORDERED) {
		PUT_LIT(h, "<ol");
		if (n->as.list.start != 1) {
			PUT_LIT(h, " start=\"");
			sink_put_int(h->s, n->as.list.start);
			sink_putc(h->s, '"');
		}
	} else {
		PUT_LIT(h, "<ul");
	}
	end_block_tag(h, n);
	sink_putc(h->s, '\n');
}

/* <pre><code class="language-INFO">, INFO the info string's first word. */
static void put_code_block(html *h, const steno_node *n)
{
	const char *info = n->as.info ? n->as.info : "";
	size_t word = strcspn(info, " \t\r\n");

	cr(h);
	PUT_LIT(h, "<pre");
	end_block_tag(h, n);
	PUT_LIT(h, "<code");
	if (word) {
		PUT_LIT(h, " class=\"language-");
		escape_xml_attr(h->s, info, word);
		sink_putc(h->s, '"');
	}
	sink_putc(h->s, '>');
	put_text(h, node_literal(n), node_len(n));
	PUT_LIT(h, "</code></pre>\n");
}

/* Only HTML, and only when the caller asked for unsafe output. */
static int raw_verbatim(const html *h, const steno_node *n)
{
	return h->opts->unsafe && n->as.kind && strcasecmp(n->as.kind, "html") == 0;
}

/* Raw content goes out verbatim only into its own format and only when
 * asked; otherwise a comment names what was left out.  The name keeps
 * only letters, digits and "+._/" (upper-cased, at most 32), so the
 * comment cannot hold "--" or end early. */
static void put_raw(html *h, const steno_node *n)
{
	const char *kind = n->as.kind ? n->as.kind : "";
	size_t i, kept = 0;
	unsigned char c;

	if (raw_verbatim(h, n)) {
		if (node_len(n))
			sink_write(h->s, node_literal(n), node_len(n));
		return;
	}
	PUT_LIT(h, "<!-- raw ");
	for (i = 0; kind[i] && kept < 32; i++) {
		c = (unsigned char)kind[i];
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    strchr("+._/", c)) {
			sink_putc(h->s, (char)(c >= 'a' && c <= 'z' ? c - 0x20 : c));
			kept++;
		}
	}
	if (!kept)
		PUT_LIT(h, "content");
	PUT_LIT(h, " omitted -->");
}

static void put_raw_block(html *h, const steno_node *n)
{
	cr(h);
	put_raw(h, n);
	if (!raw_verbatim(h, n) || !node_len(n) || node_literal(n)[node_len(n) - 1] != '\n')
		sink_putc(h->s, '\n');
}

/* Quotation marks the writer adds: the source's own where the quotes
 * pass kept them (attribute "marks": the opening mark, then the closing
 * one, as « » or „ “), else “double” outside and ‘single’ inside. */
static void put_quote_mark(html *h, const steno_node *n, int open)
{
	size_t len;
	const char *mark = quote_mark(n, h->quote_depth, open, &len);

	escape_xml_text(h->s, mark, len);
}

/* Quotations given a speaker are numbered q-1, q-2, ... in document
 * order, so that the page's list of speakers links to them.  The 'q's
 * are one more than the longest run of them that opens a source id
 * followed by '-' ("q-7", "qq-2"), so that no id is written twice: one
 * walk, the first time a number is written. */
static int quote_id_run(html *h)
{
	if (h->q_run)
		return h->q_run;
	size_t run = 0;
	for (const steno_node *n = h->doc->root; n; n = node_next_preorder(n, h->doc->root))
	{
		node_attr_buf cue;
		for (const attr *a = node_attrs(n, &cue); a; a = a->next) {
			if (!a->name || !is_element_id(n, a))
				continue;
			size_t q = strspn(a->value, "q");
			if (q && a->value[q] == '-' && q > run)
				run = q;
		}
	}
	h->q_run = run < 64 ? (int)run + 1 : 64;
	return h->q_run;
}

/* Quotation number k's id: its source's own when it has one. */
static void put_quote_id(html *h, const steno_node *n, size_t k)
{
	const char *own = element_id(n);
	if (own) {
		put_attr_value(h, own);
		return;
	}
	for (int i = quote_id_run(h); i > 0; i--)
		sink_putc(h->s, 'q');
	sink_putc(h->s, '-');
	sink_put_int(h->s, (int64_t)k);
}

/* An attributed quotation: its number's id (unless the source gave it
 * one), its speaker's id and, as its title, the speaker's name. */
static void enter_quote(html *h, const steno_node *n)
{
	PUT_LIT(h, "<span class=\"quote\"");
	if (n->speakers) {
		h->quotes++;
		if (!element_id(n)) {
			PUT_LIT(h, " id=\"");
			put_quote_id(h, n, h->quotes);
			sink_putc(h->s, '"');
		}
		const speaker_seen *who = speaker_of(h, n->as.turn.ids[0]);
		put_attr(h, LIT(" data-speaker=\""), who->id, who->id_len);
		put_attr(h, LIT(" title=\""), who->name, who->name_len);
	}
	end_inline_tag(h, n);
	put_quote_mark(h, n, 1);
	h->quote_depth++;
}

static void leave_quote(html *h, const steno_node *n)
{
	h->quote_depth--;
	if (!quote_continued(n))
		put_quote_mark(h, n, 0);
}

/* <time datetime="PT5S">literal</time>; the clock when there is no
 * literal; a <span class="time"> when the time is unknown. */
static void put_time(html *h, const steno_node *n)
{
	int64_t ms = n->as.turn.start;

	if (!time_known(ms)) {
		PUT_LIT(h, "<span class=\"time\"");
		end_inline_tag(h, n);
		put_text(h, node_literal(n), node_len(n));
		PUT_LIT(h, "</span>");
		return;
	}
	PUT_LIT(h, "<time datetime=\"");
	put_duration(h, ms);
	sink_putc(h->s, '"');
	end_inline_tag(h, n);
	if (node_len(n))
		put_text(h, node_literal(n), node_len(n));
	else
		put_clock(h, ms);
	PUT_LIT(h, "</time>");
}

static void enter_link(html *h, const steno_node *n)
{
	PUT_LIT(h, "<a href=\"");
	put_url(h, n->as.link.url);
	sink_putc(h->s, '"');
	PUT_ATTR(h, "title", n->as.link.title);
	end_inline_tag(h, n);
}

/* The whole <img />: its description, the text under it, is alt="". */
static void put_image(html *h, const steno_node *n)
{
	PUT_LIT(h, "<img src=\"");
	put_url(h, n->as.link.url);
	PUT_LIT(h, "\" alt=\"");
	plain_text_put(h->s, n, h->quote_depth, escape_xml_attr);
	sink_putc(h->s, '"');
	PUT_ATTR(h, "title", n->as.link.title);
	put_node_attrs(h, n);
	PUT_LIT(h, " />");
}

static void enter_dateline(html *h, const steno_node *n)
{
	PUT_LIT(h, "<span class=\"dateline\"");
	PUT_ATTR(h, "data-place", n->as.dateline.place);
	PUT_ATTR(h, "data-date", n->as.dateline.date);
	PUT_ATTR(h, "data-agency", n->as.dateline.agency);
	end_inline_tag(h, n);
}

/* A block element's start tag with a class and an optional data-NAME
 * (data_open is ` data-NAME="`). */
static void open_classed(html *h, const steno_node *n, const char *tag, const char *cls,
                         const char *data_open, const char *data_value)
{
	cr(h);
	sink_putc(h->s, '<');
	sink_puts(h->s, tag);
	PUT_LIT(h, " class=\"");
	sink_puts(h->s, cls);
	sink_putc(h->s, '"');
	put_attr_str(h, data_open, strlen(data_open), data_value);
	end_block_tag(h, n);
	sink_putc(h->s, '\n');
}

/* A start tag with no class: open ("<tag", len bytes) and the node's
 * attributes. */
static void open_plain_tag(html *h, const steno_node *n, const char *open, size_t len, int block)
{
	if (block)
		cr(h);
	sink_write(h->s, open, len);
	if (block)
		end_block_tag(h, n);
	else
		end_inline_tag(h, n);
}

/* open_plain_tag of a tag named by a literal: "<name" and its length. */
#define OPEN_TAG(h, n, name, block) open_plain_tag((h), (n), "<" name, sizeof(name), (block))

/* Write what comes before n's children; returns non-zero when the
 * children are to be visited (and leave() called after them). */
static int enter(html *h, const steno_node *n)
{
	static const char *const headings[] = {"<h1", "<h2", "<h3", "<h4", "<h5", "<h6"};

	switch (n->type) {
	case STENO_NODE_DOCUMENT: return 1;
	case STENO_NODE_SECTION:
		open_classed(h, n, "section", "section", " data-type=\"", n->as.kind);
		return 1;
	case STENO_NODE_HEADING: open_plain_tag(h, n, headings[heading_level(n) - 1], 3, 1); return 1;
	case STENO_NODE_PARAGRAPH:
		if (!paragraph_tight(n))
			OPEN_TAG(h, n, "p", 1);
		else if (node_prev(n))
			cr(h);
		return 1;
	case STENO_NODE_TURN: enter_turn(h, n); return 1;
	case STENO_NODE_BLOCK_QUOTE:
		OPEN_TAG(h, n, "blockquote", 1);
		sink_putc(h->s, '\n');
		return 1;
	case STENO_NODE_LIST: enter_list(h, n); return 1;
	case STENO_NODE_ITEM:
		OPEN_TAG(h, n, "li", 1);
		h->mid_line = 1;
		return 1;
	case STENO_NODE_CODE_BLOCK: put_code_block(h, n); return 0;
	case STENO_NODE_RAW_BLOCK: put_raw_block(h, n); return 0;
	case STENO_NODE_THEMATIC_BREAK:
		cr(h);
		PUT_LIT(h, "<hr");
		put_sourcepos(h, n);
		put_node_attrs(h, n);
		PUT_LIT(h, " />\n");
		return 0;
	case STENO_NODE_NOTE:
		open_classed(h, n, "aside", "note", " data-kind=\"", n->as.kind);
		return 1;
	case STENO_NODE_TEXT: put_text(h, node_literal(n), node_len(n)); return 0;
	case STENO_NODE_SOFT_BREAK: sink_putc(h->s, '\n'); return 0;
	case STENO_NODE_LINE_BREAK: PUT_LIT(h, "<br />\n"); return 0;
	case STENO_NODE_EMPH: OPEN_TAG(h, n, "em", 0); return 1;
	case STENO_NODE_STRONG: OPEN_TAG(h, n, "strong", 0); return 1;
	case STENO_NODE_CODE:
		OPEN_TAG(h, n, "code", 0);
		put_text(h, node_literal(n), node_len(n));
		PUT_LIT(h, "</code>");
		return 0;
	case STENO_NODE_LINK: enter_link(h, n); return 1;
	case STENO_NODE_IMAGE: put_image(h, n); return 0;
	case STENO_NODE_RAW_INLINE: put_raw(h, n); return 0;
	case STENO_NODE_QUOTE: enter_quote(h, n); return 1;
	case STENO_NODE_EVENT:
		PUT_LIT(h, "<span class=\"event\"");
		PUT_ATTR(h, "data-kind", n->as.kind);
		end_inline_tag(h, n);
		put_text(h, node_literal(n), node_len(n));
		PUT_LIT(h, "</span>");
		return 0;
	case STENO_NODE_TIME: put_time(h, n); return 0;
	case STENO_NODE_DATELINE: enter_dateline(h, n); return 1;
	default: return 0;
	}
}

/* Write what comes after n's children. */
static void leave(html *h, const steno_node *n)
{
	static const char *const headings[] = {"</h1>\n", "</h2>\n", "</h3>\n",
	                                       "</h4>\n", "</h5>\n", "</h6>\n"};

	switch (n->type) {
	case STENO_NODE_SECTION: cr(h); PUT_LIT(h, "</section>\n"); break;
	case STENO_NODE_HEADING: sink_write(h->s, headings[heading_level(n) - 1], 6); break;
	case STENO_NODE_PARAGRAPH:
		if (paragraph_tight(n))
			h->mid_line = 1;
		else
			PUT_LIT(h, "</p>\n");
		break;
	case STENO_NODE_TURN: cr(h); PUT_LIT(h, "</div>\n"); break;
	case STENO_NODE_BLOCK_QUOTE: cr(h); PUT_LIT(h, "</blockquote>\n"); break;
	case STENO_NODE_LIST:
		cr(h);
		if (n->as.list.type == STENO_LIST_ORDERED)
			PUT_LIT(h, "</ol>\n");
		else
			PUT_LIT(h, "</ul>\n");
		break;
	case STENO_NODE_ITEM:
		PUT_LIT(h, "</li>\n");
		h->mid_line = 0;
		break;
	case STENO_NODE_NOTE: cr(h); PUT_LIT(h, "</aside>\n"); break;
	case STENO_NODE_EMPH: PUT_LIT(h, "</em>"); break;
	case STENO_NODE_STRONG: PUT_LIT(h, "</strong>"); break;
	case STENO_NODE_LINK: PUT_LIT(h, "</a>"); break;
	case STENO_NODE_QUOTE:
		leave_quote(h, n);
		PUT_LIT(h, "</span>");
		break;
	case STENO_NODE_DATELINE: PUT_LIT(h, "</span>"); break;
	default: break;
	}
}

/* root and everything under it in document order, without recursion:
 * what enter() declines is neither gone into nor left. */
static void walk(html *h, const steno_node *root)
{
	node_walk w;

	node_walk_init(&w, root);
	for (;;) {
		steno_event ev = node_walk_next(&w);
		if (ev == STENO_EVENT_ENTER && !enter(h, w.node))
			node_walk_skip(&w);
		else if (ev == STENO_EVENT_EXIT && !w.skipped)
			leave(h, w.node);
		else if (ev == STENO_EVENT_DONE)
			return;
	}
}

/* ------------------------------------------------------------------ */
/* The standalone page                                                */

/* No '<' or '&': the stylesheet is text to an XML parser too. */
static const char stylesheet[] =
	"body { margin: 0 auto; max-width: 44em; padding: 1em 1.5em; "
	"font-family: Georgia, serif; line-height: 1.5; color: #222; }\n"
	"header { border-bottom: 1px solid #ccc; margin-bottom: 1.5em; }\n"
	"dl.metadata { display: grid; grid-template-columns: max-content auto; gap: 0 1em; }\n"
	"dl.metadata dt { font-weight: bold; }\n"
	"dl.metadata dd { margin: 0; }\n"
	"ul.speakers { list-style: none; padding: 0; }\n"
	".turn { margin: 1em 0; }\n"
	".turn.overlap { margin-left: 2em; }\n"
	".speaker { font-weight: bold; font-variant: small-caps; }\n"
	".role { color: #555; }\n"
	".timestamp { color: #666; font-size: 0.85em; font-variant-numeric: tabular-nums; }\n"
	".event { color: #555; font-style: italic; }\n"
	".dateline { font-weight: bold; }\n"
	".note { border-left: 3px solid #ccc; color: #444; padding-left: 1em; }\n"
	"blockquote { border-left: 3px solid #ddd; margin-left: 0; padding-left: 1em; }\n"
	"pre { background: #f6f6f6; overflow-x: auto; padding: 0.5em; }\n";

/* The first heading holding some text or code, or NULL. */
/* The document's title, else "Untitled". */
static void put_title(html *h)
{
	PUT_LIT(h, "<title>");
	if (!doc_title_put(h->s, h->doc, escape_xml_text))
		PUT_LIT(h, "Untitled");
	PUT_LIT(h, "</title>\n");
}

/* The list itself: steno_meta_key(i) walks to i, quadratic over all. */
static void put_metadata(html *h)
{
	PUT_LIT(h, "<dl class=\"metadata\">\n");
	for (const attr *a = h->doc->meta; a; a = a->next) {
		PUT_LIT(h, "<dt>");
		put_text(h, a->name, strlen(a->name));
		PUT_LIT(h, "</dt>\n<dd>");
		put_text(h, a->value, strlen(a->value));
		PUT_LIT(h, "</dd>\n");
	}
	PUT_LIT(h, "</dl>\n");
}

/* An attributed quotation in the page's list: its speaker's place in
 * the speaker table and its number in the body. */
typedef struct quoted {
	size_t speaker, number;
	const steno_node *node;
} quoted;

typedef struct quote_list {
	quoted *items;
	size_t count, cap;
} quote_list;

static int by_speaker(const void *x, const void *y)
{
	const quoted *a = x, *b = y;
	if (a->speaker != b->speaker)
		return a->speaker < b->speaker ? -1 : 1;
	return a->number < b->number ? -1 : a->number > b->number;
}

/* The quotations the body numbers, numbered as it numbers them (it
 * goes into containers but images), grouped by speaker.  The piece a
 * quotation continued in the next paragraph is not listed again.  -1
 * on no memory. */
static int collect_quotes(const html *h, quote_list *l)
{
	node_walk w;
	size_t number = 0;
	const steno_node *open = NULL; /* the last piece, when it goes on */

	node_walk_init(&w, h->doc->root);
	for (steno_event ev; (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		const steno_node *n = w.node;
		if (ev != STENO_EVENT_ENTER)
			continue;
		w.skip = n->type == STENO_NODE_IMAGE || !node_is_container(n->type);
		if (n->type != STENO_NODE_QUOTE || !n->speakers)
			continue;
		number++;
		const char *id = n->as.turn.ids[0];
		int goes_on = open && strcmp(open->as.turn.ids[0], id) == 0;
		open = quote_continued(n) ? n : NULL;
		size_t speaker = steno_speaker_find(h->doc, id);
		if (goes_on || speaker == (size_t)-1)
			continue;
		quoted *grown = grow_array(l->items, &l->cap, l->count + 1, sizeof *grown);
		if (!grown)
			return -1;
		l->items = grown;
		l->items[l->count++] = (quoted){speaker, number, n};
	}
	if (l->count)
		qsort(l->items, l->count, sizeof *l->items, by_speaker);
	return 0;
}

#define EXCERPT_WORDS 12
#define EXCERPT_BYTES 256

typedef struct excerpt {
	char text[EXCERPT_BYTES];
	size_t len;
	int more; /* the quotation goes on past text */
} excerpt;

static void excerpt_add(excerpt *e, const char *s, size_t len)
{
	size_t room = sizeof e->text - e->len;
	if (len > room) {
		len = room;
		e->more = 1;
	}
	memcpy(e->text + e->len, s, len);
	e->len += len;
}

/* The first words of quotation q as the page shows it: its text, the
 * marks of the quotations inside it, a space for a break; at most
 * EXCERPT_WORDS words, cut at a space.  The walk stops when the buffer
 * is full, so a long or deeply nested quotation costs no more. */
static void excerpt_of(const steno_node *q, excerpt *e)
{
	node_walk w;
	int depth = 1;
	e->len = 0;
	e->more = 0;
	node_walk_init(&w, q);
	node_walk_next(&w);
	for (steno_event ev; !e->more && (ev = node_walk_next(&w)) != STENO_EVENT_DONE;) {
		const steno_node *n = w.node;
		size_t len;
		if (n == q)
			break;
		if (ev == STENO_EVENT_ENTER && n->type == STENO_NODE_IMAGE)
			w.skip = 1;
		else if (n->type == STENO_NODE_QUOTE && (ev == STENO_EVENT_ENTER || !quote_continued(n))) {
			depth -= ev != STENO_EVENT_ENTER;
			const char *mark = quote_mark(n, depth, ev == STENO_EVENT_ENTER, &len);
			excerpt_add(e, mark, len);
			depth += ev == STENO_EVENT_ENTER;
		} else if (ev == STENO_EVENT_ENTER &&
		           (n->type == STENO_NODE_TEXT || n->type == STENO_NODE_CODE ||
		            n->type == STENO_NODE_EVENT || n->type == STENO_NODE_TIME) && node_literal(n))
			excerpt_add(e, node_literal(n), node_len(n));
		else if (ev == STENO_EVENT_ENTER &&
		         (n->type == STENO_NODE_SOFT_BREAK || n->type == STENO_NODE_LINE_BREAK))
			excerpt_add(e, " ", 1);
	}
	size_t words = 0, cut = e->len;
	for (size_t i = 1; i < e->len; i++)
		if (e->text[i] == ' ' && e->text[i - 1] != ' ' && ++words == EXCERPT_WORDS) {
			cut = i;
			break;
		}
	if (cut == e->len && e->more) {
		/* full before the twelfth word: at its last space, else a
		 * character's start */
		while (cut > 0 && e->text[cut - 1] != ' ')
			cut--;
		if (!cut) { /* the last character may be cut short: not it */
			cut = e->len;
			while (cut > 0 && ((unsigned char)e->text[cut - 1] & 0xC0) == 0x80)
				cut--;
			cut -= cut > 0 && (unsigned char)e->text[cut - 1] >= 0xC0;
		}
	}
	e->more |= cut < e->len;
	e->len = cut;
}

/* The first words of a quotation, as a link to it. */
static void put_quote_link(html *h, const quoted *q)
{
	excerpt e;
	excerpt_of(q->node, &e);
	const char *kind = steno_node_get_attr(q->node, "kind");
	if (kind && strcmp(kind, "reported") == 0)
		PUT_LIT(h, "<li class=\"reported\"><a href=\"#");
	else
		PUT_LIT(h, "<li><a href=\"#");
	put_quote_id(h, q->node, q->number);
	PUT_LIT(h, "\">");
	put_text(h, e.text, e.len);
	if (e.more)
		PUT_LIT(h, "\xE2\x80\xA6"); /* an ellipsis */
	PUT_LIT(h, "</a></li>\n");
}

/* Each speaker, and under those quoted, links to their quotations.
 * -1 on no memory. */
static int put_speakers(html *h)
{
	size_t i, count = steno_speaker_count(h->doc);
	const char *id, *role;
	quote_list quotes = {0};
	size_t q = 0;

	if (collect_quotes(h, &quotes) < 0) {
		free(quotes.items);
		return -1;
	}
	PUT_LIT(h, "<ul class=\"speakers\">\n");
	for (i = 0; i < count; i++) {
		id = steno_speaker_id(h->doc, i);
		role = steno_speaker_role(h->doc, i);
		PUT_LIT(h, "<li");
		PUT_ATTR(h, "data-speaker", id);
		PUT_LIT(h, "><span class=\"speaker\">");
		id = doc_speaker_name(h->doc, id);
		put_text(h, id, strlen(id));
		PUT_LIT(h, "</span>");
		if (role && *role) {
			PUT_LIT(h, ", <span class=\"role\">");
			put_text(h, role, strlen(role));
			PUT_LIT(h, "</span>");
		}
		if (q < quotes.count && quotes.items[q].speaker == i) {
			PUT_LIT(h, "\n<ol class=\"quotations\">\n");
			for (; q < quotes.count && quotes.items[q].speaker == i; q++)
				put_quote_link(h, &quotes.items[q]);
			PUT_LIT(h, "</ol>\n");
		}
		PUT_LIT(h, "</li>\n");
	}
	PUT_LIT(h, "</ul>\n");
	free(quotes.items);
	return 0;
}

/* -1 on no memory. */
static int put_page_head(html *h)
{
	/* none given: English, as EPUB assumes; one given that is not a
	 * tag: none, rather than a wrong one */
	const char *lang = doc_language(h->doc, "en", NULL);

	PUT_LIT(h, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
	PUT_ATTR(h, "lang", lang);
	PUT_ATTR(h, "xml:lang", lang);
	PUT_LIT(h, ">\n<head>\n<meta charset=\"utf-8\" />\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
	put_title(h);
	PUT_LIT(h, "<style>\n");
	PUT_LIT(h, stylesheet);
	PUT_LIT(h, "</style>\n</head>\n<body>\n");
	if (steno_meta_count(h->doc) || steno_speaker_count(h->doc)) {
		PUT_LIT(h, "<header>\n");
		if (steno_meta_count(h->doc))
			put_metadata(h);
		if (steno_speaker_count(h->doc) && put_speakers(h) < 0)
			return -1;
		PUT_LIT(h, "</header>\n");
	}
	return 0;
}

static steno_status html_write(const steno_doc *doc, steno_sink *sink,
                               const steno_options *opts, steno_error *err)
{
	steno_options defaults;
	html h = {sink, doc, opts, 0, 0, 0, 0, {{0}}};

	/* sink errors are the caller's; only the page's list of
	 * quotations allocates */
	if (!opts) {
		steno_options_init(&defaults);
		h.opts = &defaults;
	}
	if (h.opts->standalone && put_page_head(&h) < 0)
		return error_nomem(err);
	walk(&h, doc->root);
	if (h.opts->standalone)
		PUT_LIT(&h, "</body>\n</html>\n");
	return STENO_OK;
}

const format html_format = {
	.name = "html",
	.extensions = ".html .htm .xhtml",
	.media_type = "text/html",
	.description = "HTML5 (polyglot, also well-formed XML)",
	.write = html_write,
};
