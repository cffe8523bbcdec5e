/* registry.c - the one list of formats.  The command, the API and the
 * archive layer find formats here and nowhere else; what each format
 * is and does is its own file's descriptor. */
#include <string.h>
#include <strings.h>

#include "core/wordlist.h"
#include "registry.h"

static const format *const formats[] = {
	&text_format, &tei_format,  &trs_format, &xml_format, &markdown_format, &vtt_format,
	&srt_format,  &table_format, &chat_format, &html_format, &json_format, &zip_format,
	&epub_format,
};

#define FORMAT_COUNT (sizeof formats / sizeof *formats)

/* The format at index i, or NULL past the end. */
static const format *at(size_t i)
{
	return i < FORMAT_COUNT ? formats[i] : NULL;
}

int format_can_read(const format *f)
{
	return f->read || f->stream;
}

/* The index of the format named name or one of its aliases, in any
 * case, or (size_t)-1. */
static size_t find(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	for (size_t i = 0; name && i < FORMAT_COUNT; i++)
		if (strcasecmp(formats[i]->name, name) == 0 ||
		    wordlist_has(formats[i]->aliases, name, len, 1))
			return i;
	return (size_t)-1;
}

const format *format_lookup(const char *name)
{
	return at(find(name));
}

size_t steno_format_count(void)
{
	return FORMAT_COUNT;
}

const char *steno_format_name(size_t i)
{
	return at(i) ? at(i)->name : NULL;
}

const char *steno_format_aliases(size_t i)
{
	return !at(i) ? NULL : at(i)->aliases ? at(i)->aliases : "";
}

const char *steno_format_extensions(size_t i)
{
	return at(i) ? at(i)->extensions : NULL;
}

const char *steno_format_media_type(size_t i)
{
	return at(i) ? at(i)->media_type : NULL;
}

const char *steno_format_description(size_t i)
{
	return at(i) ? at(i)->description : NULL;
}

int steno_format_can_read(size_t i)
{
	return at(i) && format_can_read(at(i));
}

int steno_format_can_write(size_t i)
{
	return at(i) && at(i)->write != NULL;
}

unsigned steno_format_flags(size_t i)
{
	if (!at(i))
		return 0;
	return at(i)->flags | (at(i)->archive ? STENO_FORMAT_ARCHIVE : 0u);
}

size_t steno_format_find(const char *name)
{
	return find(name);
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
		if (wordlist_has(formats[i]->extensions, dot, elen, 1))
			return formats[i]->name;
	return NULL;
}
