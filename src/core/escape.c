/* escape.c - the one escaper of each target language (see escape.h).
 * The HTML and JSON writers spend most of their time here: plain runs
 * are found a block of bytes at a time and go out in one write. */
#include <stdint.h>
#include <string.h>

#include "core/escape.h"
#include "core/swar.h"
#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------------ */
/* XML and HTML                                                       */

/* What each ASCII byte becomes.  ESC_BAD marks the characters XML 1.0
 * forbids and HTML calls parse errors (C0 controls other than tab, LF
 * and CR; DEL): they become U+FFFD.  In attributes, tab, LF and CR are
 * written as references because XML would normalise them to spaces. */
enum {
	ESC_NONE,
	ESC_AMP,
	ESC_LT,
	ESC_GT,
	ESC_QUOT,
	ESC_APOS,
	ESC_TAB,
	ESC_LF,
	ESC_CR,
	ESC_BAD
};

static const struct {
	const char *s;
	size_t len;
} escapes[] = {
	[ESC_AMP] = {"&amp;", 5},
	[ESC_LT] = {"&lt;", 4},
	[ESC_GT] = {"&gt;", 4},
	[ESC_QUOT] = {"&quot;", 6},
	[ESC_APOS] = {"&#39;", 5},
	[ESC_TAB] = {"&#9;", 4},
	[ESC_LF] = {"&#10;", 5},
	[ESC_CR] = {"&#13;", 5},
	[ESC_BAD] = {UTF8_REPLACEMENT, 3},
};

#define B ESC_BAD
/* Text: & < > escaped ('>' too, so "]]>" never appears). */
static const unsigned char text_escape[128] = {
	B, B, B, B, B, B, B, B, B, 0, 0, B, B, 0, B, B, /* 0x00 */
	B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, /* 0x10 */
	0, 0, 0, 0, 0, 0, ESC_AMP, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ESC_LT, 0, ESC_GT, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, B, /* 0x70: DEL */
};

/* Attribute values: the text set plus quotes and whitespace controls. */
static const unsigned char attr_escape[128] = {
	B, B, B, B, B, B, B, B, B, ESC_TAB, ESC_LF, B, B, ESC_CR, B, B,
	B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	0, 0, ESC_QUOT, 0, 0, 0, ESC_AMP, ESC_APOS, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ESC_LT, 0, ESC_GT, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, B,
};
#undef B

/* Characters beyond ASCII that are valid UTF-8 yet refused: C1 controls
 * (HTML reads their references as Windows-1252, XML does not) and
 * noncharacters (XML forbids U+FFFE and U+FFFF, HTML all of them). */
static int char_refused(uint32_t cp)
{
	return cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* A plain run stops at the bytes of text_escape or attr_escape that are
 * not kept, and at every byte from 0x80, which is then read as UTF-8.
 * The JSON scan uses the same blocks, stopping at controls, DEL, '"',
 * '\\' and bytes from 0x80. */
enum { STOPS_TEXT, STOPS_ATTR, STOPS_JSON };

#if defined(__SSE2__)
/* The flags of the sixteen bytes of x a run stops at, bit k for byte k.
 * A byte plus one, wrapping, compared as signed, is below 0x21 just when
 * the byte is a control (0x00 to 0x1F become 0x01 to 0x20), DEL or from
 * 0x80 (0x7F to 0xFE become negative, 0xFF becomes 0); '<' and '>' are
 * the two bytes that are '>' with bit 1 set, '&' and '\'' the two that
 * are '\'' with bit 0 set. */
static inline unsigned block_stops(__m128i x, int kind)
{
	__m128i m = _mm_cmpgt_epi8(_mm_set1_epi8(0x21), _mm_add_epi8(x, _mm_set1_epi8(1)));
	if (kind == STOPS_JSON) {
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
		return (unsigned)_mm_movemask_epi8(m);
	}
	m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(2)), _mm_set1_epi8('>')));
	if (kind == STOPS_ATTR) {
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(1)), _mm_set1_epi8('\'')));
	} else {
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('&')));
	}
	return (unsigned)_mm_movemask_epi8(m);
}

static inline __m128i load16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline __m128i load8(const unsigned char *p)
{
	return _mm_loadl_epi64((const __m128i *)(const void *)p);
}
#else
/* Eight bytes none of which a run stops at. */
static inline int word_kept(const unsigned char *p, int kind)
{
	uint64_t x = swar_load(p);
	uint64_t stops = (x & SWAR_HIGHS) | SWAR_HAS_LESS(x, 0x20) | SWAR_HAS_BYTE(x, 0x7F) |
	                 SWAR_HAS_BYTE(x, '&') | SWAR_HAS_BYTE(x, '<') | SWAR_HAS_BYTE(x, '>');

	if (kind == STOPS_ATTR)
		stops |= SWAR_HAS_BYTE(x, '"') | SWAR_HAS_BYTE(x, '\'');
	return !stops;
}
#endif

/* The length of the plain run at p[0..len).  Two blocks of sixteen
 * bytes a turn where SSE2 is (its compilers have __builtin_ctz too),
 * else words of eight; the bytes past the last whole block are looked
 * at again with the block that ends the string (most strings end in
 * part of one), and a string of 8 to 15 bytes is one block of its first
 * and last eight.  Inlined wherever it is called, so that the text and
 * attribute writers each test only their own bytes. */
__attribute__((always_inline)) static inline size_t plain_run_xml(const unsigned char *p, size_t len,
                                                                  const unsigned char table[128])
{
	int kind = table == attr_escape ? STOPS_ATTR : STOPS_TEXT;
	size_t i = 0;

#if defined(__SSE2__)
	unsigned stops;
	if (len >= 16) {
		for (; i + 32 <= len; i += 32)
			if ((stops = block_stops(load16(p + i), kind) |
			             block_stops(load16(p + i + 16), kind) << 16))
				return i + (size_t)__builtin_ctz(stops);
		if (i + 16 <= len) {
			if ((stops = block_stops(load16(p + i), kind)))
				return i + (size_t)__builtin_ctz(stops);
			i += 16;
		}
		/* the bytes already passed shifted out */
		stops = block_stops(load16(p + len - 16), kind) >> (16 - (len - i));
		return stops ? i + (size_t)__builtin_ctz(stops) : len;
	}
	if (len >= 8) {
		stops = block_stops(_mm_unpacklo_epi64(load8(p), load8(p + len - 8)), kind);
		if (stops & 0xFF)
			return (size_t)__builtin_ctz(stops);
		return stops ? len - 8 + (size_t)__builtin_ctz(stops >> 8) : len;
	}
#else
	while (len - i >= 8 && word_kept(p + i, kind))
		i += 8;
	if (len - i < 8 && len >= 8 && word_kept(p + len - 8, kind))
		return len;
#endif
	while (i < len && p[i] < 0x80 && !table[p[i]])
		i++;
	return i;
}

/* Write str[0..len) escaped by table, from str[i], the first byte that
 * stops its run; what comes before goes out with it.  Plain runs go out
 * in one write; anything not valid UTF-8 becomes U+FFFD, one per byte,
 * as the text readers do, so the output is well-formed whatever the
 * tree holds. */
static void put_escaped(steno_sink *s, const char *str, size_t len, size_t i,
                        const unsigned char table[128])
{
	const unsigned char *p = (const unsigned char *)str;
	size_t run = 0, n;
	unsigned char e;
	uint32_t cp;

	for (; i < len; i += plain_run_xml(p + i, len - i, table)) {
		if (p[i] < 0x80) {
			e = table[p[i]];
			n = 1;
			if (e == ESC_NONE) { /* tab, LF or CR in text */
				i++;
				continue;
			}
		} else if (p[i] >= 0xC2 && p[i] < 0xE0 && len - i >= 2 && (p[i + 1] & 0xC0) == 0x80 &&
		           (p[i] > 0xC2 || p[i + 1] >= 0xA0)) {
			/* two bytes, most often an accented letter: valid, and
			 * not a C1 control (C2 80 to C2 9F) */
			i += 2;
			continue;
		} else if (p[i] >= 0xE1 && p[i] <= 0xEC && len - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
		           (p[i + 2] & 0xC0) == 0x80) {
			/* three bytes past the overlong forms (E0) and before the
			 * surrogates (ED) and noncharacters (EF): quotation marks,
			 * dashes, most scripts of Asia */
			i += 3;
			continue;
		} else {
			n = utf8_decode(str + i, len - i, &cp);
			if (n && !char_refused(cp)) {
				i += n;
				continue;
			}
			e = ESC_BAD;
			n = n ? n : 1;
		}
		sink_write(s, str + run, i - run);
		sink_write(s, escapes[e].s, escapes[e].len);
		i += n;
		run = i;
	}
	sink_write(s, str + run, len - run);
}

/* Most strings need no escaping: those take one scan and one write,
 * with none of the state of put_escaped to set up.  An unset literal is
 * NULL, with nothing to write. */
void escape_xml_text(steno_sink *s, const char *str, size_t len)
{
	size_t plain = plain_run_xml((const unsigned char *)str, len, text_escape);

	if (plain < len)
		put_escaped(s, str, len, plain, text_escape);
	else if (len)
		sink_write(s, str, len);
}

void escape_xml_attr(steno_sink *s, const char *str, size_t len)
{
	size_t plain = plain_run_xml((const unsigned char *)str, len, attr_escape);

	if (plain < len)
		put_escaped(s, str, len, plain, attr_escape);
	else if (len)
		sink_write(s, str, len);
}

/* ------------------------------------------------------------------ */
/* JSON                                                               */

/* A word of eight bytes that goes out as it is: no byte < 0x20, no '"'
 * or '\\', and beyond ASCII only whole two-byte sequences (lead C2..DF,
 * then a continuation byte, both inside the word).  Accented Latin,
 * Greek and Cyrillic text is mostly such words, and would otherwise stop
 * the eight-byte scan at every letter. */
static inline int word_plain(const unsigned char *p)
{
	uint64_t x = swar_load(p);

	/* both tests are exact for the word as a whole, high bytes or not */
	if (SWAR_HAS_LESS(x, 0x20) | SWAR_HAS_BYTE(x, '"') | SWAR_HAS_BYTE(x, '\\'))
		return 0;
	uint64_t high = x & SWAR_HIGHS;
	if (!high)
		return 1;
	/* each byte's bits 6 and 5, moved up to its bit 7 */
	uint64_t b6 = (x << 1) & SWAR_HIGHS, b5 = (x << 2) & SWAR_HIGHS;
	uint64_t lead = high & b6 & ~b5, cont = high & ~b6;
	/* C0 and C1 lead overlong forms: their bits 4..1 are all zero */
	uint64_t overlong = lead & ~((x & SWAR_ONES * 0x1E) + SWAR_ONES * 0x7F);
	/* every lead has its continuation right after it, and nothing else
	 * is one; a lead in the last byte would need the next word */
	return !(high & b6 & b5) && !overlong && (lead << 8) == cont && !(lead >> 56);
}

static int byte_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The length of the run at p[0..len) that can be copied as it is:
 * sixteen ASCII bytes at a time where SSE2 is, eight bytes at a time
 * where word_plain allows, then valid UTF-8 other than U+2028 and
 * U+2029 (which JavaScript does not allow in string literals). */
static size_t plain_run(const unsigned char *p, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	size_t n;

	for (;;) {
#if defined(__SSE2__)
		/* to the first block's first stop, which may yet be DEL or
		 * begin a word of two-byte sequences */
		for (unsigned stops; len - i >= 16; i += 16)
			if ((stops = block_stops(load16(p + i), STOPS_JSON))) {
				i += (size_t)__builtin_ctz(stops);
				break;
			}
#endif
		while (len - i >= 8 && word_plain(p + i))
			i += 8;
		/* the last word again, overlapping what was checked: most
		 * strings end in fewer than eight plain bytes */
		if (len - i < 8 && len >= 8 && word_plain(p + len - 8))
			return len;
		while (i < len && byte_plain(p[i]))
			i++;
		if (i == len || p[i] < 0x80)
			return i;
		/* two-byte sequences (accented Latin letters) are the common
		 * case, and valid whenever the lead byte is */
		if (p[i] >= 0xC2 && p[i] < 0xE0 && len - i >= 2 && (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		n = utf8_decode((const char *)p + i, len - i, &cp);
		if (n == 0 || cp == 0x2028 || cp == 0x2029)
			return i;
		i += n;
	}
}

static void put_control(steno_sink *s, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};

	switch (c) {
	case '\b': sink_write(s, "\\b", 2); break;
	case '\f': sink_write(s, "\\f", 2); break;
	case '\n': sink_write(s, "\\n", 2); break;
	case '\r': sink_write(s, "\\r", 2); break;
	case '\t': sink_write(s, "\\t", 2); break;
	default: sink_write(s, esc, sizeof esc); break;
	}
}

/* Write the character at p that plain_run() stopped at, escaped or
 * replaced; returns the bytes consumed.  Invalid UTF-8 becomes one
 * U+FFFD per byte, as the text readers do. */
static size_t put_special(steno_sink *s, const unsigned char *p, size_t len)
{
	uint32_t cp;
	size_t n;

	if (*p == '"' || *p == '\\') {
		sink_putc(s, '\\');
		sink_putc(s, (char)*p);
		return 1;
	}
	if (*p < 0x20) {
		put_control(s, *p);
		return 1;
	}
	n = utf8_decode((const char *)p, len, &cp);
	if (n == 0) {
		sink_write(s, UTF8_REPLACEMENT, 3);
		return 1;
	}
	sink_write(s, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
	return n;
}

void escape_json_string(steno_sink *s, const char *str, size_t len)
{
	const unsigned char *p = (const unsigned char *)str;
	size_t i = 0, run;

	sink_putc(s, '"');
	while (i < len) {
		run = plain_run(p + i, len - i);
		sink_write(s, str + i, run);
		i += run;
		if (i < len)
			i += put_special(s, p + i, len - i);
	}
	sink_putc(s, '"');
}

/* ------------------------------------------------------------------ */
/* URLs                                                               */

void escape_url_path(steno_sink *s, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *str; str++) {
		unsigned char c = (unsigned char)*str;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c)) {
			sink_putc(s, (char)c);
		} else {
			char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
			sink_write(s, pct, 3);
		}
	}
}
