/* escape.h - strings written into a target language, the one escaper
 * of each: every writer uses these, so a character one language refuses
 * is refused everywhere it is written. */
#ifndef STENO_ESCAPE_H
#define STENO_ESCAPE_H

#include <stddef.h>
#include <string.h>

#include "core/sink.h"

/* str[0..len) as HTML or XML character data: & < > escaped ('>' too, so
 * "]]>" never appears); what either language refuses (C0 controls but
 * tab, LF and CR; DEL; C1 controls; noncharacters) and bytes that are
 * not UTF-8 become U+FFFD, one per byte.  The result is the same text
 * read as HTML and as XML. */
void escape_xml_text(steno_sink *s, const char *str, size_t len);
/* The same as an attribute value between double quotes: also " and '
 * escaped, and tab, LF and CR as references, which XML would otherwise
 * normalise to spaces. */
void escape_xml_attr(steno_sink *s, const char *str, size_t len);
/* str[0..len) as a JSON string, the quotes included: also U+2028 and
 * U+2029 escaped, which JavaScript refuses in string literals; bytes
 * that are not UTF-8 become U+FFFD. */
void escape_json_string(steno_sink *s, const char *str, size_t len);
/* The same for NUL-terminated strings; NULL writes nothing (for JSON,
 * ""). */
static inline void escape_xml_text_str(steno_sink *s, const char *str)
{
	if (str)
		escape_xml_text(s, str, strlen(str));
}
static inline void escape_json_string_str(steno_sink *s, const char *str)
{
	escape_json_string(s, str ? str : "", str ? strlen(str) : 0);
}
/* str percent-encoded as a relative URL path ('/' kept). */
void escape_url_path(steno_sink *s, const char *str);

#endif
