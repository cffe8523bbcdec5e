/* zip.c - the ZIP bundle (see zip.md): for each document its HTML page
 * and its JSON, then index.html linking them all and manifest.json
 * describing them, in a ZIP written by src/archive/zip_container.c.  A document's two
 * members are rendered and deflated when it is prepared (on any
 * thread); adding it names them and copies them out.  The index and
 * the manifest grow in spools while documents are added, so memory
 * stays flat however many there are. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/bundle.h"
#include "archive/spool.h"
#include "archive/zip_container.h"
#include "core/error.h"
#include "core/escape.h"
#include "formats.h"

typedef struct bundle {
	zip_writer *zip;
	steno_options opts;
	steno_sink *index;    /* one <li> per document */
	steno_sink *manifest; /* one JSON object per document */
	archive_suffixes suffixes;
	size_t count;
} bundle;

/* What the manifest says of one member. */
typedef struct member {
	char name[ARCHIVE_STEM_MAX + 32]; /* set when added */
	uint32_t crc;
	uint64_t size;
	zip_prepared *body;
} member;

/* A prepared document: its HTML page, its JSON, what the index and the
 * manifest say of it. */
typedef struct bundle_doc {
	member html, json;
	archive_info info;
} bundle_doc;

static void bundle_discard(void *state)
{
	bundle *b = state;
	zip_free(b->zip);
	spool_free(b->index);
	spool_free(b->manifest);
	archive_suffixes_free(&b->suffixes);
	free(b);
}

static void *bundle_open(steno_sink *out, const steno_options *opts, steno_error *err)
{
	bundle *b = calloc(1, sizeof *b);
	if (!b || !(b->index = spool_new()) || !(b->manifest = spool_new()) ||
	    !(b->zip = zip_new(out, opts->compress_level, archive_time()))) {
		if (b)
			bundle_discard(b);
		error_nomem(err);
		return NULL;
	}
	b->opts = *opts;
	return b;
}

/* Render doc through format's writer into m, deflated at opts' level. */
static steno_status render_member(const steno_doc *doc, format_writer write,
                                  const steno_options *opts, member *m, steno_error *err)
{
	m->body = zip_prepare(opts->compress_level);
	if (!m->body)
		return error_nomem(err);
	steno_status st = write(doc, zip_prepared_sink(m->body), opts, err);
	steno_status ended = zip_prepared_end(m->body, &m->crc, &m->size, st == STENO_OK ? err : NULL);
	return st != STENO_OK ? st : ended;
}

static void bundle_release(void *prepared)
{
	bundle_doc *d = prepared;
	if (!d)
		return;
	zip_prepared_free(d->html.body);
	zip_prepared_free(d->json.body);
	archive_info_free(&d->info);
	free(d);
}

static void *bundle_prepare(const void *state, const steno_doc *doc, const char *source,
                            steno_error *err)
{
	const bundle *b = state;
	bundle_doc *d = calloc(1, sizeof *d);
	if (!d) {
		error_nomem(err);
		return NULL;
	}
	if (archive_info_get(&d->info, doc, source, err) != STENO_OK) {
		free(d);
		return NULL;
	}
	steno_options page = b->opts;
	page.standalone = 1;
	if (render_member(doc, html_format.write, &page, &d->html, err) != STENO_OK ||
	    render_member(doc, json_format.write, &b->opts, &d->json, err) != STENO_OK) {
		bundle_release(d);
		return NULL;
	}
	return d;
}

/* A document's two members being named. */
typedef struct naming {
	const bundle *b;
	const char *stem;
	member *html, *json;
} naming;

/* Names the members stem (n = 1) or stem-n: is either taken, or the
 * index's or the manifest's name? */
static int names_taken(void *ctx, unsigned long n)
{
	naming *m = ctx;
	char suffix[24] = "";
	if (n > 1)
		snprintf(suffix, sizeof suffix, "-%lu", n);
	snprintf(m->html->name, sizeof m->html->name, "%s%s.html", m->stem, suffix);
	snprintf(m->json->name, sizeof m->json->name, "%s%s.json", m->stem, suffix);
	return zip_has(m->b->zip, m->html->name) || zip_has(m->b->zip, m->json->name) ||
	       strcmp(m->html->name, "index.html") == 0 || strcmp(m->json->name, "manifest.json") == 0;
}

/* stem, or stem-2, stem-3...: the first whose .html and .json are
 * free; 0 on no memory. */
static int unique_names(bundle *b, const char *stem, member *html, member *json)
{
	naming m = {b, stem, html, json};
	return archive_unique_suffix(&b->suffixes, stem, names_taken, &m) != 0;
}

static void index_row(bundle *b, const archive_info *info, const char *title, const member *html,
                      const member *json)
{
	steno_sink *s = b->index;
	const char *date = info->date;
	size_t speakers = info->speaker_count;
	sink_puts(s, "<li><a href=\"");
	escape_url_path(s, html->name);
	sink_puts(s, "\">");
	escape_xml_text_str(s, title);
	sink_puts(s, "</a>");
	if (date) {
		sink_puts(s, " <span class=\"date\">");
		escape_xml_text_str(s, date);
		sink_puts(s, "</span>");
	}
	for (size_t i = 0; i < speakers; i++) {
		sink_puts(s, i ? ", " : " <span class=\"speakers\">");
		escape_xml_text_str(s, info->speakers[i]);
	}
	sink_puts(s, speakers ? "</span> <a class=\"json\" href=\"" : " <a class=\"json\" href=\"");
	escape_url_path(s, json->name);
	sink_puts(s, "\">JSON</a></li>\n");
}

static void manifest_member(steno_sink *s, const char *key, const member *m)
{
	char crc[16];
	snprintf(crc, sizeof crc, "%08lx", (unsigned long)m->crc);
	sink_puts(s, ", ");
	escape_json_string_str(s, key);
	sink_puts(s, ": {\"name\": ");
	escape_json_string_str(s, m->name);
	sink_puts(s, ", \"size\": ");
	sink_put_int(s, (long long)m->size);
	sink_puts(s, ", \"crc32\": ");
	escape_json_string_str(s, crc);
	sink_putc(s, '}');
}

static void manifest_entry(bundle *b, const archive_info *info, const char *title,
                           const member *html, const member *json)
{
	steno_sink *s = b->manifest;
	const char *date = info->date;
	sink_puts(s, b->count ? ",\n  {\"source\": " : "\n  {\"source\": ");
	escape_json_string_str(s, info->source);
	sink_puts(s, ", \"title\": ");
	escape_json_string_str(s, title);
	sink_puts(s, ", \"date\": ");
	if (date)
		escape_json_string_str(s, date);
	else
		sink_puts(s, "null");
	sink_puts(s, ", \"language\": ");
	escape_json_string_str(s, info->language);
	sink_puts(s, ", \"speakers\": [");
	for (size_t i = 0; i < info->speaker_count; i++) {
		if (i)
			sink_puts(s, ", ");
		escape_json_string_str(s, info->speakers[i]);
	}
	sink_putc(s, ']');
	manifest_member(s, "html", html);
	manifest_member(s, "json", json);
	sink_putc(s, '}');
}

static steno_status bundle_add(void *state, void *prepared, steno_error *err)
{
	bundle *b = state;
	bundle_doc *d = prepared;
	const char *title = d->info.title ? d->info.title : d->info.stem;
	if (!unique_names(b, d->info.stem, &d->html, &d->json))
		return error_nomem(err);
	steno_status st = zip_add_prepared(b->zip, d->html.name, d->html.body, err);
	if (st == STENO_OK)
		st = zip_add_prepared(b->zip, d->json.name, d->json.body, err);
	if (st == STENO_OK) {
		index_row(b, &d->info, title, &d->html, &d->json);
		manifest_entry(b, &d->info, title, &d->html, &d->json);
		b->count++;
	}
	return st;
}

/* What a tiny page needs to read well; no '<' or '&' in it. */
static const char index_style[] =
	"body { margin: 0 auto; max-width: 44em; padding: 1em 1.5em; "
	"font-family: Georgia, serif; line-height: 1.5; color: #222; }\n"
	".date, .speakers { color: #555; }\n"
	".json { font-size: 0.85em; }\n";

static steno_status put_index(bundle *b, steno_error *err)
{
	steno_sink *s = zip_begin_entry(b->zip, "index.html", err);
	if (!s)
		return err ? err->code : STENO_ERR_IO;
	sink_puts(s, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" "
	             "xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
	             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
	             "<title>Transcripts</title>\n<style>\n");
	sink_puts(s, index_style);
	sink_puts(s, "</style>\n</head>\n<body>\n<h1>Transcripts</h1>\n<p>");
	sink_put_int(s, (long long)b->count);
	sink_puts(s, b->count == 1 ? " document" : " documents");
	sink_puts(s, "; each also as JSON (manifest.json lists them all).</p>\n<ul>\n");
	int e = spool_replay(b->index, s);
	sink_puts(s, "</ul>\n</body>\n</html>\n");
	steno_status st = zip_end_entry(b->zip, NULL, NULL, err);
	if (e && st == STENO_OK)
		st = set_error(err, STENO_ERR_IO, 0, 0, "cannot keep the index: %s", strerror(e));
	return st;
}

static steno_status put_manifest(bundle *b, steno_error *err)
{
	steno_sink *s = zip_begin_entry(b->zip, "manifest.json", err);
	if (!s)
		return err ? err->code : STENO_ERR_IO;
	sink_puts(s, "{\"steno\": \"bundle\", \"version\": 1, \"documents\": [");
	int e = spool_replay(b->manifest, s);
	sink_puts(s, b->count ? "\n]}\n" : "]}\n");
	steno_status st = zip_end_entry(b->zip, NULL, NULL, err);
	if (e && st == STENO_OK)
		st = set_error(err, STENO_ERR_IO, 0, 0, "cannot keep the manifest: %s", strerror(e));
	return st;
}

static steno_status bundle_finish(void *state, steno_error *err)
{
	bundle *b = state;
	steno_status st = put_index(b, err);
	if (st == STENO_OK)
		st = put_manifest(b, err);
	if (st == STENO_OK) {
		st = zip_finish(b->zip, err);
		b->zip = NULL; /* freed by zip_finish either way */
	}
	bundle_discard(b);
	return st;
}

static const archive_ops bundle_ops = {
	.open = bundle_open,
	.prepare = bundle_prepare,
	.add = bundle_add,
	.release = bundle_release,
	.finish = bundle_finish,
	.discard = bundle_discard,
};

static steno_status zip_write(const steno_doc *doc, steno_sink *sink, const steno_options *opts,
                              steno_error *err)
{
	return archive_write_one(&bundle_ops, doc, sink, opts, err);
}

const format zip_format = {
	.name = "zip",
	.extensions = ".zip",
	.media_type = "application/zip",
	.description = "bundle: HTML and JSON of each input, index, manifest",
	.write = zip_write,
	.archive = &bundle_ops,
	.flags = STENO_FORMAT_COMPRESSED,
};
