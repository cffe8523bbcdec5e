/* xml_sax.c - libxml2's push parser with steno's own SAX2 callbacks.
 *
 * Why SAX2 callbacks of our own: libxml2's default handlers build a DOM
 * and register every xml:id in the document's ID hash, which ParlaMint
 * gives to every utterance and segment, so throughput falls as files
 * grow.  Only the element and text callbacks are replaced; the DTD
 * callbacks stay libxml2's so internal entities still work, and the
 * entity lookup is wrapped to refuse external entities and to bound
 * expansion.  The state reaches the callbacks through ctxt->_private,
 * because libxml2 passes the context itself (not a user pointer) to the
 * handlers it parses entity content with. */
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "swar.h"
#include "xml.h"

#define CHUNK ((size_t)256 << 10) /* bytes handed to libxml2 at a time */
#define MAX_WARNINGS 20           /* recovered errors listed one by one */

typedef struct parser {
	xmlParserCtxtPtr ctxt;
	const xml_callbacks *cb;
	void *ud;
	steno_doc *doc;
	steno_error *err;
	steno_status status;
	int recover;
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
	char *utf8;            /* latin1_to_utf8's output, when the input is ISO-8859-1 */
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
	if ((size_t)n > p->attr_cap) {
		xml_attr *a = realloc(p->attrs, (size_t)n * sizeof *a);
		if (!a)
			return -1;
		p->attrs = a;
		p->attr_cap = (size_t)n;
	}
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
		memcpy(w, a[3], vlen);
		w[vlen] = '\0';
		w += vlen + 1;
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
	if (collect_attrs(p, nattrs, attrs) < 0) {
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

/* libxml2's own reports.  A fatal error ends the parse unless we
 * recover; everything else is a warning on the document.  Errors met
 * inside an entity's text are placed where the entity is used. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	parser *p = ctxt ? parser_of(ctxt) : NULL;
	if (!p || !e || !e->message)
		return;
	char msg[200];
	int line = e->line, col = e->int2 > 0 ? e->int2 : 1;
	if (ctxt != p->ctxt)
		position(p->ctxt, &line, &col);
	if (e->code == XML_ERR_ENTITY_LOOP)
		snprintf(msg, sizeof msg, "entity references nest or expand too far (an entity bomb?)");
	else if (e->code == XML_ERR_DOCUMENT_END && ctxt->name)
		/* the push parser's words for a file cut short */
		snprintf(msg, sizeof msg, "premature end of data in <%.60s> (a truncated file?)",
		         (const char *)ctxt->name);
	else
		snprintf(msg, sizeof msg, "%s", e->message);
	one_line(msg);
	if (e->level == XML_ERR_FATAL && !p->recover) {
		if (p->status == STENO_OK) {
			p->status = e->code == XML_ERR_ENTITY_LOOP ? STENO_ERR_LIMIT : STENO_ERR_PARSE;
			set_error(p->err, p->status, line, col, "%s", msg);
		}
		return;
	}
	if (p->status != STENO_OK)
		return;
	if (++p->warnings <= MAX_WARNINGS)
		doc_warn(p->doc, "%d:%d: %s", line, col, msg);
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

/* Does data[0..len) open with an XML declaration naming ISO-8859-1?
 * Anything less plain (a byte order mark, another name libxml2 knows
 * the encoding by) is left to libxml2. */
static int declares_latin1(const char *data, size_t len)
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
		return end - i > 10 && data[i + 10] == quote && strncasecmp(data + i, "ISO-8859-1", 10) == 0;
	}
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

static xmlParserCtxtPtr context_new(parser *p, const steno_options *opts)
{
	pthread_once(&libxml2_ready, libxml2_init);
	xmlSAXHandler sax;
	sax_init(&sax);
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
	if (!ctxt)
		return NULL;
	ctxt->_private = p;
	int options = XML_PARSE_NONET | XML_PARSE_NOCDATA;
	if (p->recover)
		options |= XML_PARSE_RECOVER;
	/* the input reaches libxml2 as UTF-8 already */
	if (p->utf8)
		options |= XML_PARSE_IGNORE_ENC;
	if (opts && opts->encoding) {
		options |= XML_PARSE_IGNORE_ENC;
		if (xmlCtxtResetPush(ctxt, NULL, 0, NULL, opts->encoding) != 0) {
			set_error(p->err, STENO_ERR_ENCODING, 0, 0, "unknown encoding '%s'",
			          opts->encoding);
			p->status = STENO_ERR_ENCODING;
			xmlFreeParserCtxt(ctxt);
			return NULL;
		}
		ctxt->_private = p;
	}
	xmlCtxtUseOptions(ctxt, options);
	return ctxt;
}

/* Hand data[0..len) to libxml2 a chunk at a time; last says no more
 * follows.  0 while the parse goes on, -1 once it has stopped. */
static int feed(parser *p, const char *data, size_t len, int last)
{
	size_t off = 0;
	do {
		size_t n = len - off < CHUNK ? len - off : CHUNK;
		int final = last && off + n == len;
		p->fed += n;
		/* a stream of unknown length allows expansion by what was read */
		if (p->expand_max < XML_MAX_EXPANSION + p->fed)
			p->expand_max = XML_MAX_EXPANSION + p->fed;
		if (p->utf8)
			xmlParseChunk(p->ctxt, p->utf8, (int)latin1_to_utf8(p->utf8, data + off, n), final);
		else
			xmlParseChunk(p->ctxt, data + off, (int)n, final);
		off += n;
		if (p->status != STENO_OK || p->ctxt->disableSAX > 1 ||
		    (p->ctxt->instate == XML_PARSER_EOF && !final))
			return -1;
	} while (off < len);
	return 0;
}

/* The head, then the rest of the file a chunk at a time through one
 * buffer, so only a chunk of the input is ever held here. */
static void feed_input(parser *p, const io_input *in)
{
	int last = !in->fp && !p->partial;
	/* an included file has no head: its first chunk comes from fp */
	if ((in->head_len || !in->fp) && feed(p, in->head, in->head_len, last) < 0)
		return;
	if (!in->fp)
		return;
	char *buf = malloc(CHUNK);
	if (!buf) {
		p->status = set_error(p->err, STENO_ERR_NOMEM, 0, 0, "out of memory");
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
		xmlParseChunk(p->ctxt, NULL, 0, 1);
}

static steno_status run(parser *p, const io_input *in, const steno_options *opts)
{
	p->expand_max = XML_MAX_EXPANSION + in->size;
	if (!(opts && opts->encoding) && declares_latin1(in->head, in->head_len) &&
	    !(p->utf8 = malloc(2 * CHUNK))) {
		p->status = set_error(p->err, STENO_ERR_NOMEM, 0, 0, "out of memory");
		return p->status;
	}
	p->ctxt = context_new(p, opts);
	if (!p->ctxt) {
		free(p->utf8);
		if (p->status == STENO_OK)
			p->status = set_error(p->err, STENO_ERR_NOMEM, 0, 0, "out of memory");
		return p->status;
	}
	feed_input(p, in);
	if (p->status == STENO_OK && !p->root_name && !p->recover && !p->ctxt->wellFormed)
		p->status = set_error(p->err, STENO_ERR_PARSE, 0, 0, "the XML is not well-formed");
	if (p->status == STENO_OK && p->warnings > MAX_WARNINGS)
		doc_warn(p->doc, "%zu more XML errors recovered from", p->warnings - MAX_WARNINGS);
	/* The SAX2 start-document handler made an empty DOM to hold the DTD's
	 * entities; nothing else went into it. */
	if (p->ctxt->myDoc)
		xmlFreeDoc(p->ctxt->myDoc);
	xmlFreeParserCtxt(p->ctxt);
	free(p->attrs);
	free(p->utf8);
	xml_buf_free(&p->names);
	return p->status;
}

steno_status xml_parse(const io_input *in, const xml_callbacks *cb, void *ud,
                       const steno_options *opts, steno_doc *doc, steno_error *err)
{
	parser p = {.cb = cb, .ud = ud, .doc = doc, .err = err, .recover = opts && opts->recover};
	return run(&p, in, opts);
}

steno_status xml_root(const char *data, size_t len, int last, const steno_options *opts,
                      char *name, char *ns, size_t cap, steno_error *err)
{
	steno_doc *scratch = steno_doc_new();
	if (!scratch)
		return set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory");
	name[0] = ns[0] = '\0';
	parser p = {.doc = scratch, .err = err, .root_only = 1, .root_name = name,
	            .root_ns = ns, .root_cap = cap, .partial = !last};
	io_input in = {data, len, NULL, len};
	steno_status st = run(&p, &in, opts);
	steno_doc_free(scratch);
	if (st == STENO_OK && !name[0] && last)
		st = set_error(err, STENO_ERR_PARSE, 0, 0, "no root element");
	return st;
}
