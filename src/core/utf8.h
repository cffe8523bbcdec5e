/* utf8.h - UTF-8 encoding, decoding and validation. */
#ifndef STENO_UTF8_H
#define STENO_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Encode cp (<= 0x10FFFF, not a surrogate) into out; returns 1-4, or 0
 * for a code point that cannot be encoded. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* The length (1-4) of the valid UTF-8 sequence at s[0..len), storing its
 * code point in *cp; 0 when s does not start with one (overlong forms,
 * surrogates and values over U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* cp as names are compared: lower-cased in ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic; Greek also without tonos and with
 * final sigma as sigma, since Greek capitals drop the accents ("ΝΊΚΟΣ"
 * is written "ΝΙΚΟΣ").  Any other code point is its own. */
uint32_t utf8_fold_name(uint32_t cp);

/* The length of the run of ASCII bytes other than NUL at s[0..len). */
size_t utf8_ascii_run(const char *s, size_t len);

/* Non-zero when s[0..len) is entirely valid UTF-8. */
int utf8_valid(const char *s, size_t len);

/* Bytes that one "A" takes in the iconv encoding name: after an
 * invalid sequence the input is skipped by this much, so UTF-16 or
 * UTF-32 stays in step whatever alias the encoding is spelled with.
 * 1 when it cannot be told. */
size_t utf8_unit_width(const char *name);

/* Convert input bytes to UTF-8 for the text readers.  Strips a UTF-8
 * BOM; decodes UTF-16 and UTF-32 that start with a BOM; forced names an
 * iconv encoding to use instead of detecting (NULL to detect).  Input
 * that is not UTF-8 as a whole is decoded as Windows-1252 (*detected is
 * set to "windows-1252"); otherwise stray invalid bytes and NUL each
 * become U+FFFD, counted in *replaced.  Returns a malloc'd,
 * NUL-terminated buffer (caller frees) with its length in *out_len, or
 * NULL with err set (STENO_ERR_ENCODING for an unknown forced encoding
 * or undecodable input, STENO_ERR_NOMEM). */
#include "steno.h"
char *utf8_from_input(const char *data, size_t len, const char *forced, size_t *out_len,
                      size_t *replaced, const char **detected, steno_error *err);

/* Whether utf8_from_input would give data[0..len) back unchanged but
 * for a UTF-8 BOM: the BOM's length (0 or 3) when so, so that a caller
 * who owns data can use it instead of a copy; (size_t)-1 when it must
 * be decoded. */
size_t utf8_input_as_is(const char *data, size_t len, const char *forced);

#endif
