/* doc_input.c - a reader's input as UTF-8 its document owns. */
#include "core/doc_input.h"
#include "core/error.h"
#include "core/utf8.h"

char *doc_input_utf8(steno_doc *doc, const char *data, size_t len, const char *forced,
                     size_t *n, size_t *replaced, const char **detected, steno_error *err)
{
	char *own = doc->input, *buf;
	size_t skip = own && own == data ? utf8_input_as_is(data, len, forced) : (size_t)-1;
	if (skip != (size_t)-1) {
		doc->input = NULL; /* the arena's from here, even when adopting fails */
		own[len] = '\0';
		*n = len - skip;
		*replaced = 0;
		*detected = NULL;
		buf = own;
	} else if (!(buf = utf8_from_input(data, len, forced, n, replaced, detected, err))) {
		return NULL;
	}
	if (!arena_adopt(&doc->arena, buf)) {
		error_nomem(err);
		return NULL;
	}
	return buf + (buf == own ? skip : 0);
}

void doc_input_warn(steno_doc *doc, const char *detected, size_t replaced)
{
	if (detected)
		doc_warn(doc, "input is not UTF-8; decoded as Windows-1252");
	if (replaced)
		doc_warn(doc, "%zu invalid byte(s) replaced with U+FFFD", replaced);
}

char *doc_input_text(steno_doc *doc, const char *data, size_t len, const char *forced,
                     size_t *n, steno_error *err)
{
	size_t replaced;
	const char *detected;
	char *buf = doc_input_utf8(doc, data, len, forced, n, &replaced, &detected, err);
	if (buf)
		doc_input_warn(doc, detected, replaced);
	return buf;
}
