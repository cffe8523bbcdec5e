/* epub.c - the EPUB 3 writer (see epub.md): the OCF container in a ZIP
 * (mimetype first and stored, META-INF/container.xml), one XHTML
 * chapter per document from the HTML writer, a stylesheet, and at the
 * end the navigation document and the package document, whose lists
 * grow in spools while chapters are added.  A chapter is rendered and
 * deflated when its document is prepared (on any thread); adding it
 * numbers it and copies it out. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "archive/bundle.h"
#include "archive/spool.h"
#include "archive/zip_container.h"
#include "core/doc_text.h"
#include "core/error.h"
#include "core/escape.h"
#include "core/hash.h"
#include "core/walk.h"
#include "formats.h"

#define MIMETYPE "application/epub+zip"

typedef struct epub {
	zip_writer *zip;
	steno_options opts;
	steno_sink *items; /* the package's <item>s for the chapters */
	steno_sink *spine; /* their <itemref>s */
	steno_sink *toc;   /* the navigation document's <li>s */
	uint64_t hash[2];  /* over every chapter: the identifier */
	size_t count;
	char *title, *language, *date; /* the first chapter's */
	int64_t time;
} epub;

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"<rootfiles>\n"
	"<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"</rootfiles>\n"
	"</container>\n";

static const char stylesheet[] =
	"body { font-family: Georgia, serif; line-height: 1.5; }\n"
	".turn { margin: 1em 0; }\n"
	".turn.overlap { margin-left: 2em; }\n"
	".speaker { font-weight: bold; font-variant: small-caps; }\n"
	".timestamp { color: #666; font-size: 0.85em; }\n"
	".event { color: #555; font-style: italic; }\n"
	".dateline { font-weight: bold; }\n"
	".note { border-left: 3px solid #ccc; padding-left: 1em; }\n"
	"blockquote { border-left: 3px solid #ddd; margin-left: 0; padding-left: 1em; }\n"
	"pre { white-space: pre-wrap; }\n";

static const char accessibility_summary[] =
	"A transcript in text: each chapter has a title, headings mark its divisions, "
	"every turn names its speaker, and a table of contents leads to the chapters "
	"and their headings. Non-speech events are described in words; there are no "
	"images or media.";

static void epub_discard(void *state)
{
	epub *e = state;
	zip_free(e->zip);
	spool_free(e->items);
	spool_free(e->spine);
	spool_free(e->toc);
	free(e->title);
	free(e->language);
	free(e->date);
	free(e);
}

/* A whole small entry from a string. */
static steno_status put_entry(epub *e, const char *name, const char *text, steno_error *err)
{
	steno_sink *s = zip_begin_entry(e->zip, name, err);
	if (!s)
		return err ? err->code : STENO_ERR_IO;
	sink_puts(s, text);
	return zip_end_entry(e->zip, NULL, NULL, err);
}

static void *epub_open(steno_sink *out, const steno_options *opts, steno_error *err)
{
	epub *e = calloc(1, sizeof *e);
	if (e)
		e->time = archive_time();
	if (!e || !(e->items = spool_new()) || !(e->spine = spool_new()) ||
	    !(e->toc = spool_new()) || !(e->zip = zip_new(out, opts->compress_level, e->time))) {
		if (e)
			epub_discard(e);
		error_nomem(err);
		return NULL;
	}
	e->opts = *opts;
	/* Raw HTML cannot be trusted to be XHTML, nor script links to be
	 * wanted in a book: --unsafe does not reach EPUB. */
	e->opts.unsafe = 0;
	e->opts.standalone = 0;
	e->hash[0] = HASH_SEED;
	e->hash[1] = 0x84222325cbf29ce4u;
	if (zip_add(e->zip, "mimetype", MIMETYPE, sizeof MIMETYPE - 1, err) != STENO_OK ||
	    put_entry(e, "META-INF/container.xml", container_xml, err) != STENO_OK ||
	    put_entry(e, "EPUB/style.css", stylesheet, err) != STENO_OK) {
		epub_discard(e);
		return NULL;
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* Links and images                                                   */

/* A book carries none of the files a source links to or shows, and
 * EPUB refuses references to resources it lacks.  So, on the HTML
 * writer's output: a link keeps its href only when the URL has a
 * scheme (it leaves the book); an image becomes its description in a
 * <span class="image">.  And every heading gets an id, "h" and its
 * number in document order, for the table of contents to link to (the
 * HTML writer writes none, and headings are all its <h1>-<h6> tags).
 * The writer escapes '<' in text and attributes, and EPUB never gets
 * raw HTML, so these byte patterns occur only in tags the writer made.
 * A kept URL must also pass epubcheck: a registered scheme, a plain
 * host, one '#' at most, no brackets (which URIs allow only around IPv6
 * hosts). */
static const char link_open[] = "<a href=\"";
static const char image_open[] = "<img src=\"";

enum { F_COPY, F_HREF, F_SRC, F_ALT_OPEN, F_ALT, F_TAIL };

#define URL_MAX 2048 /* a longer link keeps its text, not its target */

typedef struct filter {
	steno_sink *next;
	int state;
	char pend[sizeof image_open]; /* a tag start that may match */
	size_t plen;
	char url[URL_MAX]; /* an href's value as the writer escaped it */
	size_t ulen;
	size_t skip; /* bytes of ' alt="' left to skip */
	size_t headings; /* headings seen so far */
} filter;

static int starts(const char *s, size_t len, const char *pattern)
{
	return strncmp(s, pattern, len) == 0;
}

/* Is pend the start of "<h1" to "<h6", as far as it goes? */
static int heading_start(const filter *f)
{
	return f->plen <= 3 && starts(f->pend, f->plen < 2 ? f->plen : 2, "<h") &&
	       (f->plen < 3 || (f->pend[2] >= '1' && f->pend[2] <= '6'));
}

static void copy_byte(filter *f, char c)
{
	if (!f->plen && c != '<') {
		sink_putc(f->next, c);
		return;
	}
	f->pend[f->plen++] = c;
	if (starts(f->pend, f->plen, link_open) || starts(f->pend, f->plen, image_open)) {
		if (f->plen == sizeof link_open - 1 && starts(f->pend, f->plen, link_open))
			f->state = F_HREF;
		else if (f->plen == sizeof image_open - 1)
			f->state = F_SRC;
		else
			return;
		f->plen = f->ulen = 0;
		return;
	}
	if (heading_start(f)) {
		if (f->plen < 3)
			return;
		sink_write(f->next, f->pend, f->plen);
		sink_puts(f->next, " id=\"h");
		sink_put_int(f->next, (long long)++f->headings);
		sink_putc(f->next, '"');
		f->plen = 0;
		return;
	}
	sink_write(f->next, f->pend, f->plen - 1);
	f->plen = 0;
	copy_byte(f, c);
}

static int starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Is url (escaped as an attribute: '&' as "&amp;", '\'' as "&#39;") a
 * link out of the book that EPUB takes? */
static int url_leaves_book(const char *url)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://", "mailto:", "tel:"};
	size_t i, hashes = 0;
	for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (starts_ci(url, schemes[i]))
			break;
	if (i == sizeof schemes / sizeof *schemes || strpbrk(url, "[]"))
		return 0;
	for (const char *p = url; (p = strchr(p, '#')) != NULL; p++)
		hashes += !(p > url && p[-1] == '&'); /* "&#39;" is an apostrophe */
	if (hashes > 1)
		return 0;
	if (schemes[i][strlen(schemes[i]) - 1] != '/')
		return 1;
	/* The host: letters, digits, '-', '.', and a port. */
	const char *host = url + strlen(schemes[i]);
	size_t len = strcspn(host, "/?#");
	return len && strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                           "0123456789-.:") == len;
}

/* Collect the href's value; at its closing quote keep it or leave the
 * <a> without it. */
static void href_byte(filter *f, char c)
{
	if (c != '"') {
		if (f->ulen < sizeof f->url - 1)
			f->url[f->ulen] = c;
		f->ulen++;
		return;
	}
	f->url[f->ulen < sizeof f->url ? f->ulen : sizeof f->url - 1] = '\0';
	if (f->ulen < sizeof f->url && url_leaves_book(f->url)) {
		sink_puts(f->next, link_open);
		sink_write(f->next, f->url, f->ulen);
		sink_putc(f->next, '"');
	} else {
		sink_puts(f->next, "<a");
	}
	f->state = F_COPY;
}

static void filter_byte(filter *f, char c)
{
	switch (f->state) {
	case F_COPY: copy_byte(f, c); break;
	case F_HREF: href_byte(f, c); break;
	case F_SRC:
		if (c == '"') {
			f->state = F_ALT_OPEN;
			f->skip = sizeof " alt=\"" - 1;
		}
		break;
	case F_ALT_OPEN:
		if (--f->skip == 0) {
			sink_puts(f->next, "<span class=\"image\">");
			f->state = F_ALT;
		}
		break;
	case F_ALT:
		if (c == '"') {
			sink_puts(f->next, "</span>");
			f->state = F_TAIL;
		} else {
			sink_putc(f->next, c);
		}
		break;
	case F_TAIL: f->state = c == '>' ? F_COPY : F_TAIL; break;
	}
}

/* 0, or the errno behind the chapter sink's failure. */
static int next_error(const filter *f)
{
	return f->next->status == STENO_OK ? 0 : f->next->errnum ? f->next->errnum : EIO;
}

static int filter_drain(steno_sink *s)
{
	filter *f = s->dest;
	const char *p = s->buf, *end = s->buf + s->len;
	while (p < end) {
		/* Plain text goes through in runs. */
		if (f->state == F_COPY && !f->plen) {
			const char *lt = memchr(p, '<', (size_t)(end - p));
			size_t run = lt ? (size_t)(lt - p) : (size_t)(end - p);
			sink_write(f->next, p, run);
			p += run;
			if (p == end)
				break;
		}
		filter_byte(f, *p++);
	}
	s->len = 0;
	return next_error(f);
}

/* A tag start left pending at the end was not a link or an image. */
static int filter_finish(steno_sink *s)
{
	filter *f = s->dest;
	sink_write(f->next, f->pend, f->plen);
	f->plen = 0;
	return next_error(f);
}

static void filter_release(steno_sink *s)
{
	free(s->dest);
}

static steno_sink *filter_new(steno_sink *next)
{
	filter *f = calloc(1, sizeof *f);
	steno_sink *s = f ? sink_alloc(filter_drain, 65536) : NULL;
	if (!s) {
		free(f);
		return NULL;
	}
	f->next = next;
	s->dest = f;
	s->finish = filter_finish;
	s->release = filter_release;
	return s;
}

/* ------------------------------------------------------------------ */
/* Chapters                                                           */

/* The start of an XHTML content document, up to <body>. */
static void put_xhtml_head(steno_sink *s, const char *lang, const char *title)
{
	sink_puts(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	             "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	             "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
	escape_xml_attr(s, lang, strlen(lang));
	sink_puts(s, "\" xml:lang=\"");
	escape_xml_attr(s, lang, strlen(lang));
	sink_puts(s, "\">\n<head>\n<meta charset=\"utf-8\" />\n<title>");
	escape_xml_text_str(s, title);
	sink_puts(s, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\" />\n"
	             "</head>\n<body>\n");
}

/* The chapter's content: the title as a heading unless it is the
 * document's own first heading, then the HTML writer's fragment. */
static steno_status put_chapter_body(const epub *e, steno_sink *s, const steno_doc *doc,
                                     const char *title, int show_title, steno_error *err)
{
	sink_puts(s, "<section epub:type=\"chapter\" role=\"doc-chapter\">\n");
	if (show_title) {
		sink_puts(s, "<h1 class=\"title\">");
		escape_xml_text_str(s, title);
		sink_puts(s, "</h1>\n");
	}
	steno_sink *f = filter_new(s);
	if (!f)
		return error_nomem(err);
	steno_status st = html_format.write(doc, f, &e->opts, err);
	steno_sink_close(f); /* its errors are the chapter sink's, seen by zip_end_entry */
	sink_puts(s, "</section>\n</body>\n</html>\n");
	return st;
}

/* Data into both halves of the identifier's hash, the second seeded and
 * fed differently so the halves are independent. */
static void hash_into(epub *e, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		e->hash[0] = hash_byte(e->hash[0], p[i]);
		e->hash[1] = hash_byte(e->hash[1], p[i] ^ 0x5a);
	}
}

/* A chapter's CRC-32 and size, little-endian, into the hash: the
 * identifier then follows the content, the same on every machine. */
static void hash_entry(epub *e, uint32_t crc, uint64_t size)
{
	unsigned char le[12];
	for (int i = 0; i < 4; i++)
		le[i] = (unsigned char)(crc >> (8 * i));
	for (int i = 0; i < 8; i++)
		le[4 + i] = (unsigned char)(size >> (8 * i));
	hash_into(e, le, sizeof le);
}

/* The first chapter's title, language and date describe the book. */
static steno_status keep_book_metadata(epub *e, const archive_info *info, const char *title)
{
	e->title = strdup(title);
	e->language = strdup(info->language);
	e->date = info->date ? strdup(info->date) : NULL;
	return e->title && e->language && (!info->date || e->date) ? STENO_OK : STENO_ERR_NOMEM;
}

/* A heading inside a chapter, for the table of contents. */
typedef struct toc_entry {
	int level;     /* 1-6 */
	size_t number; /* its id is "h" and this */
	char *text;
} toc_entry;

/* A prepared chapter: its content document, deflated, and what the
 * package and navigation documents say of it. */
typedef struct chapter {
	zip_prepared *body;
	uint32_t crc;
	uint64_t size;
	archive_info info;
	toc_entry *toc; /* its headings, less the one that is its title */
	size_t toc_count;
} chapter;

/* The title a chapter shows: the document's, else its file's stem. */
static const char *chapter_title(const chapter *c)
{
	return c->info.title ? c->info.title : c->info.stem;
}

static void epub_release(void *prepared)
{
	chapter *c = prepared;
	if (!c)
		return;
	zip_prepared_free(c->body);
	archive_info_free(&c->info);
	for (size_t i = 0; i < c->toc_count; i++)
		free(c->toc[i].text);
	free(c->toc);
	free(c);
}

/* Non-zero when s is empty or only white space: a contents entry must
 * have words to show. */
static int blank(const char *s)
{
	return s[strspn(s, " \t\n\r")] == '\0';
}

/* The chapter's headings for the table of contents, numbered as the
 * filter numbers their ids.  When the chapter shows no title of its
 * own, its first heading with text is the title, already the chapter's
 * entry, and is left out. */
static steno_status collect_toc(chapter *c, const steno_doc *doc, int show_title)
{
	size_t count = 0, number = 0;
	const steno_node *title = show_title ? NULL : doc_title_heading(doc);
	for (const steno_node *n = doc->root; n; n = node_next_preorder(n, doc->root))
		count += n->type == STENO_NODE_HEADING;
	c->toc = count ? malloc(count * sizeof *c->toc) : NULL;
	if (count && !c->toc)
		return STENO_ERR_NOMEM;
	for (const steno_node *n = doc->root; n; n = node_next_preorder(n, doc->root)) {
		if (n->type != STENO_NODE_HEADING)
			continue;
		number++;
		char *text = plain_text(n);
		if (!text)
			return STENO_ERR_NOMEM;
		if (n == title || blank(text)) {
			free(text);
			continue;
		}
		toc_entry e = {n->as.level < 1 ? 1 : n->as.level > 6 ? 6 : n->as.level, number, text};
		c->toc[c->toc_count++] = e;
	}
	return STENO_OK;
}

static void *epub_prepare(const void *state, const steno_doc *doc, const char *source,
                          steno_error *err)
{
	const epub *e = state;
	const char *meta_title = steno_meta_get(doc, "title");
	chapter *c = calloc(1, sizeof *c);
	if (!c) {
		error_nomem(err);
		return NULL;
	}
	if (archive_info_get(&c->info, doc, source, err) != STENO_OK) {
		free(c);
		return NULL;
	}
	const char *shown = chapter_title(c);
	int show_title = !c->info.title || (meta_title && *meta_title);
	steno_status st = (c->body = zip_prepare(e->opts.compress_level)) != NULL &&
	                  collect_toc(c, doc, show_title) == STENO_OK
	                  ? STENO_OK : error_nomem(err);
	if (st == STENO_OK) {
		steno_sink *s = zip_prepared_sink(c->body);
		put_xhtml_head(s, c->info.language, shown);
		st = put_chapter_body(e, s, doc, shown, show_title, err);
		steno_status ended = zip_prepared_end(c->body, &c->crc, &c->size, st == STENO_OK ? err : NULL);
		st = st != STENO_OK ? st : ended;
	}
	if (st == STENO_OK)
		return c;
	epub_release(c);
	return NULL;
}

/* The chapter's headings as lists nested by level inside its entry of
 * the table of contents.  open[] holds the level of each list open,
 * rising, so at most six; a heading goes into the innermost list whose
 * level it does not rise above, after any deeper lists close. */
static void list_headings(steno_sink *s, const char *file, const chapter *c)
{
	int open[6];
	size_t depth = 0;
	for (size_t i = 0; i < c->toc_count; i++) {
		const toc_entry *t = &c->toc[i];
		if (!depth || t->level > open[depth - 1]) {
			sink_puts(s, "\n<ol>\n<li>");
			open[depth++] = t->level;
		} else {
			while (depth > 1 && open[depth - 2] >= t->level) {
				sink_puts(s, "</li>\n</ol>\n");
				depth--;
			}
			sink_puts(s, "</li>\n<li>");
			open[depth - 1] = t->level;
		}
		sink_puts(s, "<a href=\"");
		sink_puts(s, file);
		sink_puts(s, "#h");
		sink_put_int(s, (long long)t->number);
		sink_puts(s, "\">");
		escape_xml_text_str(s, t->text);
		sink_puts(s, "</a>");
	}
	for (; depth; depth--)
		sink_puts(s, "</li>\n</ol>\n");
}

/* The chapter's lines in the package and navigation documents. */
static void list_chapter(epub *e, const char *file, const chapter *c)
{
	char id[32];
	snprintf(id, sizeof id, "c%04zu", e->count);
	sink_puts(e->items, "<item id=\"");
	sink_puts(e->items, id);
	sink_puts(e->items, "\" href=\"");
	sink_puts(e->items, file);
	sink_puts(e->items, "\" media-type=\"application/xhtml+xml\"/>\n");
	sink_puts(e->spine, "<itemref idref=\"");
	sink_puts(e->spine, id);
	sink_puts(e->spine, "\"/>\n");
	sink_puts(e->toc, "<li><a href=\"");
	sink_puts(e->toc, file);
	sink_puts(e->toc, "\">");
	escape_xml_text_str(e->toc, chapter_title(c));
	sink_puts(e->toc, "</a>");
	list_headings(e->toc, file, c);
	sink_puts(e->toc, "</li>\n");
}

static steno_status epub_add(void *state, void *prepared, steno_error *err)
{
	epub *e = state;
	const chapter *c = prepared;
	char file[32], name[40];
	e->count++;
	snprintf(file, sizeof file, "c%04zu.xhtml", e->count);
	snprintf(name, sizeof name, "EPUB/%s", file);
	if (e->count == 1 && keep_book_metadata(e, &c->info, chapter_title(c)) != STENO_OK)
		return error_nomem(err);
	steno_status st = zip_add_prepared(e->zip, name, c->body, err);
	if (st == STENO_OK) {
		hash_entry(e, c->crc, c->size);
		list_chapter(e, file, c);
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* The end: navigation and package documents                          */

static steno_status put_nav(epub *e, steno_error *err)
{
	steno_sink *s = zip_begin_entry(e->zip, "EPUB/nav.xhtml", err);
	if (!s)
		return err ? err->code : STENO_ERR_IO;
	put_xhtml_head(s, e->language ? e->language : "en", "Contents");
	sink_puts(s, "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>Contents</h1>\n<ol>\n");
	int errnum = spool_replay(e->toc, s);
	sink_puts(s, "</ol>\n</nav>\n</body>\n</html>\n");
	steno_status st = zip_end_entry(e->zip, NULL, NULL, err);
	if (errnum && st == STENO_OK)
		st = set_error(err, STENO_ERR_IO, 0, 0, "cannot keep the contents: %s", strerror(errnum));
	return st;
}

/* A W3C date (YYYY, YYYY-MM or YYYY-MM-DD), as dc:date wants. */
static int w3c_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t len = s ? strlen(s) : 0;
	if (len != 4 && len != 7 && len != 10)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	int month = len > 4 ? (s[5] - '0') * 10 + s[6] - '0' : 1;
	int day = len > 7 ? (s[8] - '0') * 10 + s[9] - '0' : 1;
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* urn:uuid: from the content hash, as an RFC 9562 version 8 UUID
 * (custom, here: derived from the chapters). */
static void put_identifier(epub *e, steno_sink *s)
{
	char uuid[40];
	uint64_t hi = (e->hash[0] & ~(uint64_t)0xF000) | 0x8000;
	uint64_t lo = (e->hash[1] & ~(3ull << 62)) | (2ull << 62);
	snprintf(uuid, sizeof uuid, "%08llx-%04llx-%04llx-%04llx-%012llx",
	         (unsigned long long)(hi >> 32), (unsigned long long)(hi >> 16 & 0xFFFF),
	         (unsigned long long)(hi & 0xFFFF), (unsigned long long)(lo >> 48),
	         (unsigned long long)(lo & 0xFFFFFFFFFFFFull));
	sink_puts(s, "<dc:identifier id=\"uid\">urn:uuid:");
	sink_puts(s, uuid);
	sink_puts(s, "</dc:identifier>\n");
}

static void put_meta(steno_sink *s, const char *property, const char *value)
{
	sink_puts(s, "<meta property=\"");
	sink_puts(s, property);
	sink_puts(s, "\">");
	escape_xml_text_str(s, value);
	sink_puts(s, "</meta>\n");
}

static void put_package_metadata(epub *e, steno_sink *s)
{
	char modified[21], title[64];
	archive_format_time(e->time, modified);
	sink_puts(s, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	put_identifier(e, s);
	sink_puts(s, "<dc:title>");
	if (e->count == 1) {
		escape_xml_text_str(s, e->title);
	} else {
		snprintf(title, sizeof title, "Transcripts (%zu)", e->count);
		sink_puts(s, title);
	}
	sink_puts(s, "</dc:title>\n<dc:language>");
	escape_xml_text_str(s, e->language ? e->language : "en");
	sink_puts(s, "</dc:language>\n<dc:date>");
	/* The first transcript's date, else the book's own. */
	escape_xml_text_str(s, w3c_date(e->date) ? e->date : modified);
	sink_puts(s, "</dc:date>\n");
	put_meta(s, "dcterms:modified", modified);
	put_meta(s, "schema:accessMode", "textual");
	put_meta(s, "schema:accessModeSufficient", "textual");
	put_meta(s, "schema:accessibilityFeature", "structuralNavigation");
	put_meta(s, "schema:accessibilityFeature", "tableOfContents");
	put_meta(s, "schema:accessibilityFeature", "readingOrder");
	put_meta(s, "schema:accessibilityHazard", "none");
	put_meta(s, "schema:accessibilitySummary", accessibility_summary);
	sink_puts(s, "</metadata>\n");
}

static steno_status put_package(epub *e, steno_error *err)
{
	steno_sink *s = zip_begin_entry(e->zip, "EPUB/package.opf", err);
	if (!s)
		return err ? err->code : STENO_ERR_IO;
	sink_puts(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	             "unique-identifier=\"uid\">\n");
	put_package_metadata(e, s);
	sink_puts(s, "<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" "
	             "media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	             "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n");
	int errnum = spool_replay(e->items, s);
	sink_puts(s, "</manifest>\n<spine>\n");
	if (!errnum)
		errnum = spool_replay(e->spine, s);
	sink_puts(s, "</spine>\n</package>\n");
	steno_status st = zip_end_entry(e->zip, NULL, NULL, err);
	if (errnum && st == STENO_OK)
		st = set_error(err, STENO_ERR_IO, 0, 0, "cannot keep the package: %s", strerror(errnum));
	return st;
}

static steno_status epub_finish(void *state, steno_error *err)
{
	epub *e = state;
	steno_status st = STENO_OK;
	if (!e->count)
		st = set_error(err, STENO_ERR_ARG, 0, 0, "an EPUB needs at least one document");
	if (st == STENO_OK)
		st = put_nav(e, err);
	if (st == STENO_OK)
		st = put_package(e, err);
	if (st == STENO_OK) {
		st = zip_finish(e->zip, err);
		e->zip = NULL; /* freed by zip_finish either way */
	}
	epub_discard(e);
	return st;
}

static const archive_ops epub_ops = {
	.open = epub_open,
	.prepare = epub_prepare,
	.add = epub_add,
	.release = epub_release,
	.finish = epub_finish,
	.discard = epub_discard,
};

static steno_status epub_write(const steno_doc *doc, steno_sink *sink,
                               const steno_options *opts, steno_error *err)
{
	return archive_write_one(&epub_ops, doc, sink, opts, err);
}

const format epub_format = {
	.name = "epub",
	.aliases = "epub3",
	.extensions = ".epub",
	.media_type = "application/epub+zip",
	.description = "EPUB 3 e-book, one chapter per input",
	.write = epub_write,
	.archive = &epub_ops,
	.flags = STENO_FORMAT_COMPRESSED,
};
