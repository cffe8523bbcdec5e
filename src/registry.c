/* registry.c - the one table of formats.  The command and the API find
 * readers and writers here and nowhere else. */
#include <string.h>
#include <strings.h>

#include "format.h"
#include "wordlist.h"

static const format formats[] = {
	{"text", "txt plain", ".txt", "text/plain", "plain-text transcript", text_read, NULL, NULL},
	{"tei", "", ".tei", "application/tei+xml", "TEI P5 transcript (ParlaMint, Parla-CLARIN)",
	 NULL, NULL, tei_read},
	{"trs", "transcriber", ".trs", "text/xml", "Transcriber transcription", NULL, NULL,
	 trs_read},
	{"xml", "", ".xml", "application/xml", "XML: TEI or Transcriber by the root, else text",
	 NULL, NULL, xml_read},
	{"markdown", "commonmark md", ".md .markdown", "text/markdown", "CommonMark (with front matter)",
	 markdown_read, NULL, NULL},
	{"html", "", ".html .htm .xhtml", "text/html", "HTML5 (polyglot, also well-formed XML)",
	 NULL, html_write, NULL},
	{"json", "", ".json", "application/json", "steno's JSON document schema", NULL,
	 json_write, NULL},
	{"zip", "", ".zip", "application/zip", "bundle: HTML and JSON of each input, index, manifest",
	 NULL, zip_write, NULL},
	{"epub", "epub3", ".epub", "application/epub+zip", "EPUB 3 e-book, one chapter per input",
	 NULL, epub_write, NULL},
};

#define FORMAT_COUNT (sizeof formats / sizeof *formats)

int format_can_read(const format *f)
{
	return f->read || f->stream;
}

const format *format_at(size_t i)
{
	return i < FORMAT_COUNT ? &formats[i] : NULL;
}

const format *format_lookup(const char *name)
{
	if (!name)
		return NULL;
	size_t len = strlen(name);
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (strcasecmp(formats[i].name, name) == 0 || wordlist_has(formats[i].aliases, name, len, 1))
			return &formats[i];
	return NULL;
}

size_t steno_format_count(void)
{
	return FORMAT_COUNT;
}

const char *steno_format_name(size_t i)
{
	return i < FORMAT_COUNT ? formats[i].name : NULL;
}

const char *steno_format_extensions(size_t i)
{
	return i < FORMAT_COUNT ? formats[i].extensions : NULL;
}

const char *steno_format_media_type(size_t i)
{
	return i < FORMAT_COUNT ? formats[i].media_type : NULL;
}

const char *steno_format_description(size_t i)
{
	return i < FORMAT_COUNT ? formats[i].description : NULL;
}

int steno_format_can_read(size_t i)
{
	return i < FORMAT_COUNT && format_can_read(&formats[i]);
}

int steno_format_can_write(size_t i)
{
	return i < FORMAT_COUNT && formats[i].write != NULL;
}

size_t steno_format_find(const char *name)
{
	const format *f = format_lookup(name);
	return f ? (size_t)(f - formats) : (size_t)-1;
}

const char *steno_format_for_path(const char *path)
{
	if (!path)
		return NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (len > 3 && strcasecmp(base + len - 3, ".gz") == 0)
		len -= 3;
	const char *dot = NULL;
	for (size_t i = 0; i < len; i++)
		if (base[i] == '.')
			dot = base + i;
	if (!dot || dot == base)
		return NULL;
	size_t elen = (size_t)(base + len - dot);
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (wordlist_has(formats[i].extensions, dot, elen, 1))
			return formats[i].name;
	return NULL;
}
