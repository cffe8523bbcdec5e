/* sax.c - libxml2's push parser with steno's own SAX2 callbacks.
 *
 * Why SAX2 callbacks of our own: libxml2's default handlers build a DOM
 * and register every xml:id in the document's ID hash, which ParlaMint
 * gives to every utterance and segment, so throughput falls as files
 * grow.  Only the element and text callbacks are replaced; the DTD
 * callbacks stay libxml2's so internal entities still work, and the
 * entity lookup is wrapped to refuse external entities and to bound
 * expansion.  The state reaches the callbacks through ctxt->_private,
 * because libxml2 passes the context itself (not a user pointer) to the
 * handlers it parses entity content with.
 *
 * Input that is not UTF-8 is decoded here, not by libxml2: at a byte
 * sequence its converters cannot decode, libxml2 halts the parse
 * without an error, so everything after it (closing tags included)
 * went missing with no word but the lines libxml2 printed itself. */
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/swar.h"
#include "core/utf8.h"
#include "xml/xml.h"

#define CHUNK ((size_t)256 << 10) /* bytes handed to libxml2 at a time */
#define DECODED (2 * CHUNK)       /* room for a chunk's decoded text */
#define CARRY 16                  /* bytes of a sequence cut at a chunk's end */
#define MAX_WARNINGS 20           /* recovered errors listed one by one */

/* How the input reaches libxml2. */
enum { AS_IS, LATIN1, ICONV };

typedef struct decoder {
	int chosen;            /* the first bytes have been looked at */
	int how;
	iconv_t cd;            /* when how is ICONV */
	char name[64];         /* the encoding, for messages */
	size_t unit;           /* bytes skipped past an invalid sequence; 0 until needed */
	char *text;            /* decoded text for libxml2 */
	char *joined;          /* carry and the next chunk, end to end */
	char carry[CARRY];
	size_t carry_len;
	int line, col;         /* where the text handed to libxml2 so far ends */
	/* a run of undecodable bytes being skipped (--recover) */
	size_t bad_len;
	unsigned char bad[4];
	int bad_line, bad_col;
} decoder;

typedef struct parser {
	xmlParserCtxtPtr ctxt;
	const xml_callbacks *cb;
	void *ud;
	steno_doc *doc;
	steno_error *err;
	steno_status status;
	int recover;
	const char *forced;    /* opts->encoding */
	int options;           /* libxml2's parser options */
	size_t depth;
	size_t expanded, expand_max;
	size_t fed;            /* bytes handed to libxml2 so far */
	int partial;           /* xml_root on a start: more follows, unseen */
	size_t warnings;
	xml_attr *attrs;
	size_t attr_cap;
	xml_buf names; /* "prefix:local" names and NUL-terminated values */
	int root_only;         /* xml_root: copy the root into root_name and stop */
	char *root_name, *root_ns;
	size_t root_cap;
	decoder dec;
	int dropped;           /* libxml2's own converter gave up: said once */
	xml_map *ids;          /* the xml:id values met so far */
	xml_map own_ids;       /* ids when the caller gave none */
	xml_buf renamed;       /* a repeated xml:id's new name */
	size_t repeats;
} parser;

static parser *parser_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static void position(xmlParserCtxtPtr ctxt, int *line, int *col)
{
	*line = xmlSAX2GetLineNumber(ctxt);
	*col = xmlSAX2GetColumnNumber(ctxt);
}

/* Stop with code and a message at the parser's position (or the one
 * already in err when the reader set it). */
static void fail(parser *p, xmlParserCtxtPtr ctxt, steno_status code, const char *msg)
{
	if (p->status != STENO_OK)
		return;
	p->status = code;
	if (msg) {
		int line, col;
		position(ctxt, &line, &col);
		set_error(p->err, code, line, col, "%s", msg);
	}
	xmlStopParser(ctxt);
}

const char *xml_attr_get(const xml_elem *el, const char *name)
{
	for (size_t i = 0; i < el->nattrs; i++)
		if (strcmp(el->attrs[i].name, name) == 0)
			return el->attrs[i].value;
	return NULL;
}

/* Copy s to w, without its NUL; returns the end. */
static char *put_str(char *w, const char *s)
{
	size_t n = strlen(s);
	memcpy(w, s, n);
	return w + n;
}

/* s[0..len) into out, NUL-terminated, with each "&#38;" as "&": without
 * entity substitution (never asked for, as entities can be hostile)
 * libxml2 hands an attribute's &amp; and &#38; over that way, so that
 * "Smith &amp; Sons" would read "Smith &#38; Sons".  A '&' of the source
 * always comes so, so no other text is changed. */
static void unescape_amp(char *out, const char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		out[o++] = s[i];
		if (s[i] == '&' && len - i >= 5 && memcmp(s + i, "&#38;", 5) == 0)
			i += 4;
	}
	out[o] = '\0';
}

/* SAX2 gives attributes as (local, prefix, URI, value, end) pointers;
 * the reader wants NUL-terminated "prefix:local" and value strings.  The
 * buffer is sized first so the pointers into it stay valid. */
static int collect_attrs(parser *p, int n, const xmlChar **raw)
{
	size_t need = 0;
	for (int i = 0; i < n; i++) {
		const xmlChar **a = raw + 5 * i;
		need += strlen((const char *)a[0]) + (a[1] ? strlen((const char *)a[1]) + 1 : 0) +
		        (size_t)(a[4] - a[3]) + 2;
	}
	xml_attr *grown = grow_array(p->attrs, &p->attr_cap, (size_t)n, sizeof *grown);
	if (!grown)
		return -1;
	p->attrs = grown;
	p->names.len = 0;
	if (xml_buf_add(&p->names, NULL, need) < 0)
		return -1;
	char *w = p->names.s;
	for (int i = 0; i < n; i++) {
		const xmlChar **a = raw + 5 * i;
		size_t vlen = (size_t)(a[4] - a[3]);
		p->attrs[i].name = w;
		if (a[1]) {
			w = put_str(w, (const char *)a[1]);
			*w++ = ':';
		}
		w = put_str(w, (const char *)a[0]);
		*w++ = '\0';
		p->attrs[i].value = w;
		unescape_amp(w, (const char *)a[3], vlen);
		w += vlen + 1;
	}
	return 0;
}

/* A repeated xml:id is renamed before the reader sees it, so that no
 * output holds one id twice.  0, or -1 on no memory. */
static int unique_id(parser *p, xmlParserCtxtPtr ctxt, size_t nattrs)
{
	for (size_t i = 0; i < nattrs; i++) {
		if (strcmp(p->attrs[i].name, "xml:id") != 0)
			continue;
		const char *id = p->attrs[i].value;
		int repeat = xml_map_take_id(p->ids, id, &p->renamed, &p->attrs[i].value);
		if (repeat > 0) {
			int line, col;
			position(ctxt, &line, &col);
			xml_warn_repeat(p->doc, &p->repeats, "xml:id", line, col, id, p->attrs[i].value);
		}
		return repeat < 0 ? -1 : 0;
	}
	return 0;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted,
                     const xmlChar **attrs)
{
	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	xmlParserCtxtPtr ctxt = ctx;
	parser *p = parser_of(ctx);
	if (p->status != STENO_OK)
		return;
	if (p->root_only) {
		snprintf(p->root_name, p->root_cap, "%s", (const char *)local);
		snprintf(p->root_ns, p->root_cap, "%s", uri ? (const char *)uri : "");
		p->root_only = 0;
		xmlStopParser(ctxt);
		return;
	}
	if (++p->depth > XML_MAX_DEPTH) {
		char msg[80];
		snprintf(msg, sizeof msg, "elements nested deeper than %d", XML_MAX_DEPTH);
		fail(p, ctxt, STENO_ERR_LIMIT, msg);
		return;
	}
	if (collect_attrs(p, nattrs, attrs) < 0 || unique_id(p, ctxt, (size_t)nattrs) < 0) {
		fail(p, ctxt, STENO_ERR_NOMEM, "out of memory");
		return;
	}
	xml_elem el = {(const char *)local, (const char *)uri, p->attrs, (size_t)nattrs, 0, 0};
	position(ctxt, &el.line, &el.col);
	steno_status st = p->cb->start(p->ud, &el);
	if (st != STENO_OK)
		fail(p, ctxt, st, NULL);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix;
	parser *p = parser_of(ctx);
	if (p->status != STENO_OK)
		return;
	p->depth--;
	steno_status st = p->cb->end(p->ud, (const char *)local, (const char *)uri);
	if (st != STENO_OK)
		fail(p, ctx, st, NULL);
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	parser *p = parser_of(ctx);
	if (p->status != STENO_OK || p->root_only)
		return;
	steno_status st = p->cb->text(p->ud, (const char *)s, (size_t)len);
	if (st != STENO_OK)
		fail(p, ctx, st, NULL);
}

/* Internal entities are looked up as libxml2 would, and their expansion
 * counted; an external entity is refused outright, so no file but the
 * input is ever opened. */
static xmlEntityPtr on_entity(void *ctx, const xmlChar *name)
{
	parser *p = parser_of(ctx);
	xmlEntityPtr ent = xmlSAX2GetEntity(ctx, name);
	if (!ent || p->status != STENO_OK)
		return ent;
	char msg[200];
	if (ent->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
	    ent->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY) {
		snprintf(msg, sizeof msg, "external entity '%.80s' refused: only the input is read",
		         (const char *)name);
		fail(p, ctx, STENO_ERR_PARSE, msg);
		return NULL;
	}
	p->expanded += (size_t)(ent->length > 0 ? ent->length : 0);
	if (p->expanded > p->expand_max) {
		snprintf(msg, sizeof msg,
		         "entity references expand to more than %zu bytes (an entity bomb?)",
		         p->expand_max);
		fail(p, ctx, STENO_ERR_LIMIT, msg);
		return NULL;
	}
	return ent;
}

/* libxml2's messages end with a line feed and some hold one inside. */
static void one_line(char *s)
{
	for (char *c = s; *c; c++)
		if (*c == '\n')
			*c = ' ';
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
}

static void warn(parser *p, int line, int col, const char *msg)
{
	if (++p->warnings <= MAX_WARNINGS)
		doc_warn(p->doc, "%d:%d: %s", line, col, msg);
}

/* libxml2's encoding conversion and I/O report without a context. */
static int undecodable(const xmlError *e)
{
	return e->domain == XML_FROM_I18N || (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER);
}

/* libxml2 gave up decoding the input itself (an encoding only it
 * knows, such as EBCDIC's): the rest is gone, which --recover says. */
static void say_dropped(parser *p, int line, int col)
{
	if (p->dropped++)
		return;
	const xmlParserInput *in = p->ctxt ? p->ctxt->input : NULL;
	char msg[200];
	snprintf(msg, sizeof msg,
	         "text after line %d col %d could not be decoded from %.60s and was dropped", line, col,
	         in && in->encoding ? (const char *)in->encoding : "its encoding");
	warn(p, line, col, msg);
}

/* libxml2's own reports, from ctxt (the parse's context, or the one it
 * parses an entity's text with) or, when it had none to give, NULL.  A
 * fatal error, or one that cut the input short, ends the parse unless
 * we recover; everything else is a warning on the document.  Errors
 * met inside an entity's text are placed where the entity is used. */
static void report(parser *p, xmlParserCtxtPtr ctxt, const xmlError *e)
{
	if (!e || !e->message)
		return;
	char msg[200];
	int line = e->line, col = e->int2 > 0 ? e->int2 : 1;
	if (ctxt != p->ctxt && p->ctxt)
		position(p->ctxt, &line, &col);
	if (e->code == XML_ERR_ENTITY_LOOP)
		snprintf(msg, sizeof msg, "entity references nest or expand too far (an entity bomb?)");
	else if (e->code == XML_ERR_DOCUMENT_END && ctxt && ctxt->name)
		/* the push parser's words for a file cut short */
		snprintf(msg, sizeof msg, "premature end of data in <%.60s> (a truncated file?)",
		         (const char *)ctxt->name);
	else
		snprintf(msg, sizeof msg, "%s", e->message);
	one_line(msg);
	if ((e->level == XML_ERR_FATAL || undecodable(e)) && !p->recover) {
		if (p->status == STENO_OK) {
			p->status = e->code == XML_ERR_ENTITY_LOOP ? STENO_ERR_LIMIT
			            : undecodable(e)               ? STENO_ERR_ENCODING
			                                           : STENO_ERR_PARSE;
			set_error(p->err, p->status, line, col, "%s", msg);
		}
		return;
	}
	if (p->status != STENO_OK)
		return;
	if (undecodable(e))
		say_dropped(p, line, col);
	else
		warn(p, line, col, msg);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	parser *p = ctxt ? parser_of(ctxt) : NULL;
	if (p)
		report(p, ctxt, e);
}

/* Reports libxml2 makes without a context go to the thread's
 * structured handler, which is this one while steno parses. */
static void on_stray_error(void *ud, xmlErrorPtr e)
{
	report(ud, NULL, e);
}

/* A few of libxml2's messages still take its generic channel, which
 * prints on stderr: while steno parses they are warnings instead. */
__attribute__((format(printf, 2, 3)))
static void on_generic(void *ud, const char *fmt, ...)
{
	parser *p = ud;
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	one_line(msg);
	/* after its converter gave up, libxml2 says so again here */
	if (!msg[0] || p->status != STENO_OK || p->dropped)
		return;
	int line = 0, col = 0;
	if (p->ctxt)
		position(p->ctxt, &line, &col);
	warn(p, line, col, msg);
}

static void sax_init(xmlSAXHandler *sax)
{
	xmlSAXVersion(sax, 2);
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	sax->ignorableWhitespace = on_text;
	sax->cdataBlock = on_text;
	sax->getEntity = on_entity;
	sax->serror = on_error;
	/* no DOM: comments, PIs and references build nothing */
	sax->comment = NULL;
	sax->processingInstruction = NULL;
	sax->reference = NULL;
	sax->externalSubset = NULL;
	sax->resolveEntity = NULL;
}

/* An encoding name as XML spells one: [A-Za-z][A-Za-z0-9._-]*.  Only
 * such a name reaches iconv, which would take "X//IGNORE" as leave to
 * drop what it cannot decode. */
static int is_enc_name(const char *s, size_t n)
{
	if (!n || !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return 0;
	return 1;
}

/* The encoding that an XML declaration opening data[0..len) names,
 * into name (of size cap); 0 when none is named there. */
static int declared_encoding(const char *data, size_t len, char *name, size_t cap)
{
	if (len < 6 || memcmp(data, "<?xml", 5) != 0 || !xml_is_space(data[5]))
		return 0;
	size_t end = 5;
	while (end + 1 < len && !(data[end] == '?' && data[end + 1] == '>'))
		end++;
	for (size_t i = 5; i + 8 < end; i++) {
		if (memcmp(data + i, "encoding", 8) != 0)
			continue;
		for (i += 8; i < end && xml_is_space(data[i]); i++)
			;
		if (i == end || data[i++] != '=')
			return 0;
		for (; i < end && xml_is_space(data[i]); i++)
			;
		if (i == end || (data[i] != '"' && data[i] != '\''))
			return 0;
		char quote = data[i++];
		size_t n = 0;
		while (i + n < end && data[i + n] != quote)
			n++;
		if (i + n == end || n >= cap || !is_enc_name(data + i, n))
			return 0;
		memcpy(name, data + i, n);
		name[n] = '\0';
		return 1;
	}
	return 0;
}

/* What the first bytes of the input say it is in, into name: a byte
 * order mark (*mark is its length) or the width of the first '<' (UTF-16
 * and UTF-32), else the XML declaration.  0 when nothing is said. */
static int detect_encoding(const char *data, size_t len, char *name, size_t cap, size_t *mark)
{
	static const struct {
		const char *start;
		size_t len, mark;
		const char *name;
	} starts[] = {
		/* UTF-32LE's mark begins with UTF-16LE's: it is tried first */
		{"\xFF\xFE\0\0", 4, 4, "UTF-32LE"}, {"\0\0\xFE\xFF", 4, 4, "UTF-32BE"},
		{"\xFF\xFE", 2, 2, "UTF-16LE"},     {"\xFE\xFF", 2, 2, "UTF-16BE"},
		{"<\0\0\0", 4, 0, "UTF-32LE"},     {"\0\0\0<", 4, 0, "UTF-32BE"},
		{"<\0?\0", 4, 0, "UTF-16LE"},       {"\0<\0?", 4, 0, "UTF-16BE"},
	};
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		if (len >= starts[i].len && memcmp(data, starts[i].start, starts[i].len) == 0) {
			snprintf(name, cap, "%s", starts[i].name);
			*mark = starts[i].mark;
			return 1;
		}
	*mark = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	return declared_encoding(data + *mark, len - *mark, name, cap);
}

static int is_named(const char *name, const char *a, const char *b)
{
	return strcasecmp(name, a) == 0 || strcasecmp(name, b) == 0;
}

/* Settle how the input reaches libxml2, from its first bytes (*data,
 * *len, moved past a byte order mark when steno decodes).  UTF-8 goes
 * as it is: libxml2 checks it and says where it is wrong.  So does a
 * name iconv does not know, which libxml2 refuses or decodes itself,
 * and a "UTF-16" label on 8-bit text, which libxml2 refuses.  -1 when
 * a forced encoding is unknown. */
static int choose_decoding(parser *p, const char **data, size_t *len)
{
	decoder *d = &p->dec;
	size_t mark = 0;
	d->chosen = 1;
	if (p->forced) {
		if (snprintf(d->name, sizeof d->name, "%s", p->forced) >= (int)sizeof d->name)
			d->name[0] = '\0';
	} else if (!detect_encoding(*data, *len, d->name, sizeof d->name, &mark) ||
	           is_named(d->name, "UTF-16", "UTF16")) {
		return 0;
	}
	if (is_named(d->name, "UTF-8", "UTF8")) {
		d->how = AS_IS;
	} else if (is_named(d->name, "ISO-8859-1", "ISO_8859-1")) {
		d->how = LATIN1;
	} else if (d->name[0] && (d->cd = iconv_open("UTF-8", d->name)) != (iconv_t)-1) {
		d->how = ICONV;
	} else if (p->forced) {
		p->status = set_error(p->err, STENO_ERR_ENCODING, 0, 0, "unknown encoding '%s'",
		                      p->forced);
		return -1;
	} else {
		return 0;
	}
	d->line = d->col = 1;
	if (d->how != AS_IS && !(d->text = malloc(DECODED))) {
		p->status = error_nomem(p->err);
		return -1;
	}
	*data += mark;
	*len -= mark;
	xmlCtxtUseOptions(p->ctxt, p->options | XML_PARSE_IGNORE_ENC);
	return 0;
}

/* ISO-8859-1 into UTF-8, eight bytes at a time when they are ASCII:
 * libxml2's own converter goes byte by byte, a tenth of the work of
 * parsing a Latin-1 transcript.  out holds 2 * len bytes (an ASCII byte
 * writes one more beyond it, which the next overwrites); returns the
 * bytes written. */
static size_t latin1_to_utf8(char *out, const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *)in;
	unsigned char *w = (unsigned char *)out;
	for (size_t i = 0; i < len;) {
		size_t stop = len - i < 8 ? len : i + 8;
		if (stop - i == 8 && !(swar_load(s + i) & SWAR_HIGHS)) {
			memcpy(w, s + i, 8);
			w += 8;
			i += 8;
			continue;
		}
		/* without a branch on the byte, which French text would
		 * mispredict at every accent: both bytes of a two-byte form
		 * are written, and the second kept only for a high byte */
		for (; i < stop; i++) {
			unsigned c = s[i], high = c >> 7;
			w[0] = (unsigned char)(high ? 0xC0 | c >> 6 : c);
			w[1] = (unsigned char)(0x80 | (c & 0x3F));
			w += 1 + high;
		}
	}
	return (size_t)(w - (unsigned char *)out);
}

static pthread_once_t libxml2_ready = PTHREAD_ONCE_INIT;

/* libxml2 sets up its encoding handlers and globals on first use, and
 * that set-up is not thread-safe: two threads parsing their first file
 * at once crashed in xmlParseEncodingDecl.  Its documentation asks for
 * xmlInitParser once before threads parse; a program that embeds steno
 * cannot be trusted to know that, so the library does it. */
static void libxml2_init(void)
{
	xmlInitParser();
}

static xmlParserCtxtPtr context_new(parser *p)
{
	xmlSAXHandler sax;
	sax_init(&sax);
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
	if (!ctxt)
		return NULL;
	ctxt->_private = p;
	p->options = XML_PARSE_NONET | XML_PARSE_NOCDATA;
	if (p->recover)
		p->options |= XML_PARSE_RECOVER;
	xmlCtxtUseOptions(ctxt, p->options);
	return ctxt;
}

/* Where a decoding error would be, as libxml2 counts: lines by LF,
 * columns by character. */
static void advance(decoder *d, const char *s, size_t n)
{
	const char *end = s + n, *lf;
	while ((lf = memchr(s, '\n', (size_t)(end - s)))) {
		d->line++;
		d->col = 1;
		s = lf + 1;
	}
	for (; s < end; s++)
		d->col += ((unsigned char)*s & 0xC0) != 0x80;
}

/* Hand text, UTF-8 by now, to libxml2.  0 while the parse goes on, -1
 * once it has stopped. */
static int parse_text(parser *p, const char *s, size_t n, int final)
{
	if (p->dec.how == ICONV)
		advance(&p->dec, s, n);
	xmlParseChunk(p->ctxt, s, (int)n, final);
	return p->status != STENO_OK || p->ctxt->disableSAX > 1 ||
	       (p->ctxt->instate == XML_PARSER_EOF && !final) ? -1 : 0;
}

/* "0x81 0xFF" for up to four bytes of b[0..n), with "…" after more. */
static void hex_bytes(char *out, size_t cap, const unsigned char *b, size_t n)
{
	size_t used = 0;
	for (size_t i = 0; i < n && i < 4 && used < cap; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s0x%02X", i ? " " : "", b[i]);
	if (n > 4 && used < cap)
		snprintf(out + used, cap - used, " \xE2\x80\xA6");
}

/* The end of a run of undecodable bytes (--recover): one U+FFFD
 * stands for them in the text, and a warning says what they were. */
static int end_bad_run(parser *p)
{
	decoder *d = &p->dec;
	if (!d->bad_len)
		return 0;
	char bytes[40], msg[200];
	hex_bytes(bytes, sizeof bytes, d->bad, d->bad_len);
	snprintf(msg, sizeof msg, "not valid %s: %zu byte%s (%s) replaced by U+FFFD", d->name,
	         d->bad_len, d->bad_len == 1 ? "" : "s", bytes);
	warn(p, d->bad_line, d->bad_col, msg);
	d->bad_len = 0;
	return parse_text(p, UTF8_REPLACEMENT, 3, 0);
}

/* iconv refused the bytes at *in (*left of them remain), or the input
 * ends inside a sequence (cut).  An error at their line and column,
 * or with --recover they are skipped, a code unit at a time. */
static int bad_bytes(parser *p, char **in, size_t *left, int cut)
{
	decoder *d = &p->dec;
	if (!p->recover) {
		char bytes[40];
		hex_bytes(bytes, sizeof bytes, (const unsigned char *)*in, *left);
		p->status = set_error(p->err, STENO_ERR_ENCODING, d->line, d->col,
		                      "not valid %s: bytes %s%s", d->name, bytes,
		                      cut ? " (the input ends inside a sequence)" : "");
		return -1;
	}
	if (!d->unit)
		d->unit = utf8_unit_width(d->name);
	size_t skip = cut || d->unit > *left ? *left : d->unit;
	if (!d->bad_len) {
		d->bad_line = d->line;
		d->bad_col = d->col;
	}
	for (size_t i = 0; i < skip && d->bad_len + i < sizeof d->bad; i++)
		d->bad[d->bad_len + i] = (unsigned char)(*in)[i];
	d->bad_len += skip;
	*in += skip;
	*left -= skip;
	return 0;
}

/* Decode s[0..n) (n <= CHUNK) and parse the text.  A sequence cut at
 * the end waits for the next chunk, unless final says none follows. */
static int decode(parser *p, const char *s, size_t n, int final)
{
	decoder *d = &p->dec;
	char *in = (char *)s; /* iconv's prototype lacks const */
	size_t left = n;
	if (d->carry_len) {
		if (!d->joined && !(d->joined = malloc(CHUNK + CARRY))) {
			p->status = error_nomem(p->err);
			return -1;
		}
		memcpy(d->joined, d->carry, d->carry_len);
		memcpy(d->joined + d->carry_len, s, n);
		in = d->joined;
		left += d->carry_len;
		d->carry_len = 0;
	}
	while (left) {
		char *out = d->text;
		size_t room = DECODED;
		size_t r = iconv(d->cd, &in, &left, &out, &room);
		int e = errno;
		size_t made = (size_t)(out - d->text);
		if (made && (end_bad_run(p) < 0 || parse_text(p, d->text, made, 0) < 0))
			return -1;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e == EINVAL && !final && left <= CARRY) {
			memcpy(d->carry, in, left);
			d->carry_len = left;
			return 0;
		}
		if (bad_bytes(p, &in, &left, e == EINVAL) < 0)
			return -1;
	}
	if (!final)
		return 0;
	return end_bad_run(p) < 0 ? -1 : parse_text(p, "", 0, 1);
}

/* Hand data[0..len) to libxml2 a chunk at a time; last says no more
 * follows.  0 while the parse goes on, -1 once it has stopped. */
static int feed(parser *p, const char *data, size_t len, int last)
{
	if (!p->dec.chosen && choose_decoding(p, &data, &len) < 0)
		return -1;
	size_t off = 0;
	do {
		size_t n = len - off < CHUNK ? len - off : CHUNK;
		int final = last && off + n == len;
		p->fed += n;
		/* a stream of unknown length allows expansion by what was read */
		if (p->expand_max < XML_MAX_EXPANSION + p->fed)
			p->expand_max = XML_MAX_EXPANSION + p->fed;
		const char *s = data + off;
		int r = p->dec.how == ICONV    ? decode(p, s, n, final)
		        : p->dec.how == LATIN1 ? parse_text(p, p->dec.text,
		                                            latin1_to_utf8(p->dec.text, s, n), final)
		                               : parse_text(p, s, n, final);
		if (r < 0)
			return -1;
		off += n;
	} while (off < len);
	return 0;
}

/* The head, then the rest of the file a chunk at a time through one
 * buffer, so only a chunk of the input is ever held here. */
static void feed_input(parser *p, const io_input *in)
{
	int last = !in->fp && !p->partial;
	/* an included file has no head: its first chunk comes from fp */
	if ((in->head_len || !in->fp) && feed(p, in->head ? in->head : "", in->head_len, last) < 0)
		return;
	if (!in->fp)
		return;
	char *buf = malloc(CHUNK);
	if (!buf) {
		p->status = error_nomem(p->err);
		return;
	}
	size_t n;
	while ((n = fread(buf, 1, CHUNK, in->fp)) > 0)
		if (feed(p, buf, n, 0) < 0)
			break;
	free(buf);
	if (p->status != STENO_OK)
		return;
	if (ferror(in->fp))
		p->status = set_error(p->err, STENO_ERR_IO, 0, 0, "cannot read: %s",
		                      strerror(errno ? errno : EIO));
	else if (!n)
		feed(p, "", 0, 1);
}

/* While steno parses, libxml2's thread-wide handlers are its own, so
 * that nothing libxml2 says reaches stderr; the caller's come back
 * after. */
typedef struct handlers {
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
	xmlGenericErrorFunc generic;
	void *generic_ctx;
} handlers;

static handlers handlers_take(parser *p)
{
	handlers old = {xmlStructuredError, xmlStructuredErrorContext, xmlGenericError,
	                xmlGenericErrorContext};
	xmlSetStructuredErrorFunc(p, on_stray_error);
	xmlSetGenericErrorFunc(p, on_generic);
	return old;
}

static void handlers_restore(const handlers *old)
{
	xmlSetStructuredErrorFunc(old->structured_ctx, old->structured);
	xmlSetGenericErrorFunc(old->generic_ctx, old->generic);
}

static steno_status run(parser *p, const io_input *in, const steno_options *opts)
{
	p->expand_max = XML_MAX_EXPANSION + in->size;
	p->forced = opts ? opts->encoding : NULL;
	pthread_once(&libxml2_ready, libxml2_init);
	handlers old = handlers_take(p);
	p->ctxt = context_new(p);
	if (!p->ctxt) {
		handlers_restore(&old);
		return error_nomem(p->err);
	}
	feed_input(p, in);
	if (p->status == STENO_OK && !p->root_name && !p->recover && !p->ctxt->wellFormed)
		p->status = set_error(p->err, STENO_ERR_PARSE, 0, 0, "the XML is not well-formed");
	if (p->status == STENO_OK && p->warnings > MAX_WARNINGS)
		doc_warn(p->doc, "%zu more XML errors recovered from", p->warnings - MAX_WARNINGS);
	if (p->status == STENO_OK)
		xml_warn_repeats_left(p->doc, p->repeats, "xml:id");
	/* The SAX2 start-document handler made an empty DOM to hold the DTD's
	 * entities; nothing else went into it. */
	if (p->ctxt->myDoc)
		xmlFreeDoc(p->ctxt->myDoc);
	xmlFreeParserCtxt(p->ctxt);
	handlers_restore(&old);
	if (p->dec.how == ICONV)
		iconv_close(p->dec.cd);
	free(p->dec.text);
	free(p->dec.joined);
	free(p->attrs);
	xml_buf_free(&p->names);
	xml_buf_free(&p->renamed);
	xml_map_free(&p->own_ids);
	return p->status;
}

steno_status xml_parse(const io_input *in, const xml_callbacks *cb, void *ud, struct xml_map *ids,
                       const steno_options *opts, steno_doc *doc, steno_error *err)
{
	parser p = {.cb = cb, .ud = ud, .doc = doc, .err = err, .recover = opts && opts->recover};
	p.ids = ids ? ids : &p.own_ids;
	return run(&p, in, opts);
}

steno_status xml_root(const char *data, size_t len, int last, const steno_options *opts,
                      char *name, char *ns, size_t cap, steno_error *err)
{
	steno_doc *scratch = steno_doc_new();
	if (!scratch)
		return error_nomem(err);
	name[0] = ns[0] = '\0';
	parser p = {.doc = scratch, .err = err, .root_only = 1, .root_name = name,
	            .root_ns = ns, .root_cap = cap, .partial = !last};
	p.ids = &p.own_ids;
	io_input in = {data, len, NULL, len};
	steno_status st = run(&p, &in, opts);
	steno_doc_free(scratch);
	if (st == STENO_OK && !name[0] && last)
		st = set_error(err, STENO_ERR_PARSE, 0, 0, "no root element");
	return st;
}
