/* utf8.c - UTF-8 encoding and validation, and turning the bytes a user
 * hands us (any encoding, any damage) into clean UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/swar.h"
#include "core/utf8.h"

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0)
		return 0;
	uint32_t c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* The second byte's range is what rules out overlong forms,
	 * surrogates and code points past U+10FFFF (Unicode table 3-7). */
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;
	if (c < 0xC2) {
		return 0;
	} else if (c < 0xE0) {
		n = 2;
		c &= 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		c &= 0x0F;
	} else if (c < 0xF5) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n || p[1] < lo || p[1] > hi)
		return 0;
	c = c << 6 | (p[1] & 0x3F);
	for (size_t i = 2; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/* Eight bytes at a time: this loop is most of the time spent on input
 * that is mostly English. */
size_t utf8_ascii_run(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (len - i >= 8) {
		uint64_t v = swar_load(s + i);
		if ((v & SWAR_HIGHS) || SWAR_HAS_ZERO(v))
			break;
		i += 8;
	}
	while (i < len && s[i] != 0 && s[i] < 0x80)
		i++;
	return i;
}

/* Greek letters with tonos (and dialytika with tonos), capital or small,
 * U+0386 to U+03CE, as small letters without it; 0 for the others. */
static uint32_t greek_plain(uint32_t cp)
{
	switch (cp) {
	case 0x386: case 0x3AC: return 0x3B1;
	case 0x388: case 0x3AD: return 0x3B5;
	case 0x389: case 0x3AE: return 0x3B7;
	case 0x38A: case 0x3AF: return 0x3B9;
	case 0x38C: case 0x3CC: return 0x3BF;
	case 0x38E: case 0x3CD: return 0x3C5;
	case 0x38F: case 0x3CE: return 0x3C9;
	case 0x390: return 0x3CA;
	case 0x3B0: return 0x3CB;
	case 0x3C2: return 0x3C3; /* final sigma */
	default: return 0;
	}
}

uint32_t utf8_fold_name(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17E) {
		/* pairs, capital first: on even code points, then on odd ones
		 * from U+0139, even again from U+014A, odd again from U+0179 */
		if (cp == 0x130)
			return 'i';
		if (cp == 0x178)
			return 0xFF;
		if (cp == 0x138)
			return cp; /* kra: a small letter between the runs */
		int odd_first = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
		return odd_first ? (cp & 1 ? cp + 1 : cp) : cp | 1;
	}
	uint32_t plain = greek_plain(cp);
	if (plain)
		return plain;
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	return cp;
}

int utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	while ((i += utf8_ascii_run(s + i, len - i)) < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* What a first look at supposed UTF-8 found. */
typedef struct survey {
	size_t multi; /* valid multibyte sequences */
	size_t high;  /* bytes >= 0x80 */
	size_t bad;   /* bytes that start no valid sequence */
	size_t nul;
} survey;

static void survey_utf8(const unsigned char *s, size_t len, survey *sv)
{
	memset(sv, 0, sizeof *sv);
	size_t i = 0;
	uint32_t cp;
	while ((i += utf8_ascii_run((const char *)s + i, len - i)) < len) {
		if (s[i] == 0) {
			sv->nul++;
			i++;
			continue;
		}
		size_t n = utf8_decode((const char *)s + i, len - i, &cp);
		if (n) {
			sv->multi++;
			sv->high += n;
			i += n;
		} else {
			sv->bad++;
			sv->high++;
			i++;
		}
	}
}

/* A buffer for len bytes of input growing by up to extra replacement
 * bytes, plus the NUL; NULL with err set when that cannot be had. */
static char *alloc_out(size_t len, size_t extra, steno_error *err)
{
	char *out = NULL;
	if (len < SIZE_MAX - 1 && extra <= SIZE_MAX - 1 - len)
		out = malloc(len + extra + 1);
	if (!out)
		set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory decoding the input");
	return out;
}

static char *put_replacement(char *o, size_t *replaced)
{
	memcpy(o, UTF8_REPLACEMENT, 3);
	(*replaced)++;
	return o + 3;
}

/* Copy UTF-8, replacing each byte that starts no valid sequence, and
 * each NUL, with U+FFFD. */
static char *copy_utf8(const unsigned char *s, size_t len, const survey *sv, size_t *out_len,
                       size_t *replaced, steno_error *err)
{
	char *out = alloc_out(len, 2 * (sv->bad + sv->nul), err);
	if (!out)
		return NULL;
	char *o = out;
	if (!sv->bad && !sv->nul) {
		memcpy(o, s, len);
		o += len;
	} else {
		size_t i = 0;
		uint32_t cp;
		for (;;) {
			size_t run = utf8_ascii_run((const char *)s + i, len - i);
			memcpy(o, s + i, run);
			o += run;
			if ((i += run) == len)
				break;
			size_t n = s[i] ? utf8_decode((const char *)s + i, len - i, &cp) : 0;
			if (n) {
				memcpy(o, s + i, n);
				o += n;
				i += n;
			} else {
				o = put_replacement(o, replaced);
				i++;
			}
		}
	}
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/* Windows-1252 where it differs from Latin-1; 0 marks the five bytes
 * the code page leaves undefined. */
static const uint16_t cp1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static char *decode_cp1252(const unsigned char *s, size_t len, const survey *sv,
                           size_t *out_len, size_t *replaced, steno_error *err)
{
	/* Every byte >= 0x80 and every NUL grows to at most three. */
	char *out = alloc_out(len, 2 * (sv->high + sv->nul), err);
	if (!out)
		return NULL;
	char *o = out;
	size_t i = 0;
	for (;;) {
		size_t run = utf8_ascii_run((const char *)s + i, len - i);
		memcpy(o, s + i, run);
		o += run;
		if ((i += run) == len)
			break;
		uint32_t cp = s[i++];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252[cp - 0x80];
		if (cp == 0)
			o = put_replacement(o, replaced);
		else
			o += utf8_encode(cp, o);
	}
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/* Input with invalid bytes is taken for a legacy single-byte encoding
 * when they outnumber its valid multibyte sequences: a few stray bytes
 * in real UTF-8 are damage, but UTF-8 that is mostly invalid is far
 * more likely Windows-1252 (a superset of Latin-1 for printable text),
 * whose accented letters rarely happen to form valid sequences. */
static char *from_utf8(const unsigned char *s, size_t len, int may_be_legacy, size_t *out_len,
                       size_t *replaced, const char **detected, steno_error *err)
{
	survey sv;
	survey_utf8(s, len, &sv);
	if (may_be_legacy && sv.bad > sv.multi) {
		*detected = "windows-1252";
		return decode_cp1252(s, len, &sv, out_len, replaced, err);
	}
	return copy_utf8(s, len, &sv, out_len, replaced, err);
}

static char *put_code_point(char *o, uint32_t cp, size_t *replaced)
{
	size_t n = cp ? utf8_encode(cp, o) : 0;
	return n ? o + n : put_replacement(o, replaced);
}

static uint32_t unit16(const unsigned char *p, int big)
{
	return big ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static char *from_utf16(const unsigned char *s, size_t len, int big, size_t *out_len,
                        size_t *replaced, steno_error *err)
{
	/* A unit gives at most three bytes (a pair four), an odd last byte three. */
	char *out = alloc_out(len / 2 * 3, 3, err);
	if (!out)
		return NULL;
	char *o = out;
	size_t i = 0;
	for (; len - i >= 2; i += 2) {
		uint32_t cp = unit16(s + i, big);
		if (cp >= 0xD800 && cp <= 0xDBFF && len - i >= 4) {
			uint32_t low = unit16(s + i + 2, big);
			if (low >= 0xDC00 && low <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				i += 2;
			}
		}
		o = put_code_point(o, cp, replaced);
	}
	if (i < len)
		o = put_replacement(o, replaced);
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

static char *from_utf32(const unsigned char *s, size_t len, int big, size_t *out_len,
                        size_t *replaced, steno_error *err)
{
	char *out = alloc_out(len, 3, err);
	if (!out)
		return NULL;
	char *o = out;
	size_t i = 0;
	for (; len - i >= 4; i += 4) {
		const unsigned char *p = s + i;
		uint32_t cp = big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3]
		                  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | p[1] << 8 | p[0];
		o = put_code_point(o, cp, replaced);
	}
	if (i < len)
		o = put_replacement(o, replaced);
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/* The bytes iconv writes for text in an encoding, 0 on failure. */
static size_t encoded_size(const char *name, const char *text)
{
	iconv_t cd = iconv_open(name, "UTF-8");
	if (cd == (iconv_t)-1)
		return 0;
	char in[8], buf[32], *ip = in, *op = buf;
	size_t il = strlen(text), ol = sizeof buf;
	memcpy(in, text, il);
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	return r == (size_t)-1 ? 0 : sizeof buf - ol;
}

/* The difference between "A" and "AA" leaves a BOM out. */
size_t utf8_unit_width(const char *name)
{
	size_t one = encoded_size(name, "A"), two = encoded_size(name, "AA");
	return two > one && two - one <= 4 ? two - one : 1;
}

/* Room kept free for a replacement character after what iconv wrote. */
#define ICONV_SLACK 4

static char *iconv_all(iconv_t cd, const char *data, size_t len, size_t unit, size_t *out_len,
                       size_t *replaced, steno_error *err)
{
	size_t cap = len < SIZE_MAX / 4 ? len + len / 2 + 64 : 0;
	char *out = cap ? malloc(cap) : NULL;
	char *in = (char *)data; /* iconv's prototype lacks const */
	size_t left = len, used = 0;
	int full = 0;
	while (out && left) {
		if (full || cap - used < 2 * ICONV_SLACK) {
			char *grown = grow_array(out, &cap, cap + 1, 1); /* doubles cap */
			if (!grown) {
				free(out);
				out = NULL;
				break;
			}
			out = grown;
		}
		char *o = out + used;
		size_t room = cap - used - ICONV_SLACK;
		size_t r = iconv(cd, &in, &left, &o, &room);
		int e = errno;
		used = (size_t)(o - out);
		full = r == (size_t)-1 && e == E2BIG;
		if (r != (size_t)-1 || full)
			continue;
		/* EILSEQ: an invalid sequence; EINVAL: one cut off at the end */
		memcpy(out + used, UTF8_REPLACEMENT, 3);
		used += 3;
		(*replaced)++;
		size_t skip = e == EILSEQ && unit < left ? unit : left;
		in += skip;
		left -= skip;
	}
	if (!out) {
		set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory decoding the input");
		return NULL;
	}
	*out_len = used;
	return out;
}

static char *from_forced(const char *data, size_t len, const char *name, size_t *out_len,
                         size_t *replaced, steno_error *err)
{
	iconv_t cd = *name ? iconv_open("UTF-8", name) : (iconv_t)-1;
	if (cd == (iconv_t)-1) {
		set_error(err, STENO_ERR_ENCODING, 0, 0,
		          "unknown encoding '%.64s' (try a name iconv knows, such as latin1, "
		          "windows-1252 or UTF-16LE)", name);
		return NULL;
	}
	size_t mid_len;
	char *mid = iconv_all(cd, data, len, utf8_unit_width(name), &mid_len, replaced, err);
	iconv_close(cd);
	if (!mid)
		return NULL;
	/* iconv's UTF-8 is valid, but may hold NULs and a leading U+FEFF */
	const unsigned char *m = (const unsigned char *)mid;
	size_t skip = mid_len >= 3 && memcmp(m, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	survey sv;
	survey_utf8(m + skip, mid_len - skip, &sv);
	char *out = copy_utf8(m + skip, mid_len - skip, &sv, out_len, replaced, err);
	free(mid);
	return out;
}

static int starts_with(const unsigned char *s, size_t len, const char *bom, size_t n)
{
	return len >= n && memcmp(s, bom, n) == 0;
}

size_t utf8_input_as_is(const char *data, size_t len, const char *forced)
{
	const unsigned char *s = (const unsigned char *)data;
	if (forced || starts_with(s, len, "\xFF\xFE", 2) || starts_with(s, len, "\xFE\xFF", 2) ||
	    starts_with(s, len, "\0\0\xFE\xFF", 4))
		return (size_t)-1;
	size_t skip = starts_with(s, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
	survey sv;
	survey_utf8(s + skip, len - skip, &sv);
	return sv.bad || sv.nul ? (size_t)-1 : skip;
}

char *utf8_from_input(const char *data, size_t len, const char *forced, size_t *out_len,
                      size_t *replaced, const char **detected, steno_error *err)
{
	if (!out_len || !replaced || !detected || (!data && len)) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no input or no result given");
		return NULL;
	}
	*out_len = 0;
	*replaced = 0;
	*detected = NULL;
	if (forced)
		return from_forced(data ? data : "", len, forced, out_len, replaced, err);
	const unsigned char *s = data ? (const unsigned char *)data : (const unsigned char *)"";
	/* UTF-32LE's BOM begins with UTF-16LE's: test it first. */
	if (starts_with(s, len, "\xFF\xFE\0\0", 4))
		return from_utf32(s + 4, len - 4, 0, out_len, replaced, err);
	if (starts_with(s, len, "\0\0\xFE\xFF", 4))
		return from_utf32(s + 4, len - 4, 1, out_len, replaced, err);
	if (starts_with(s, len, "\xFF\xFE", 2))
		return from_utf16(s + 2, len - 2, 0, out_len, replaced, err);
	if (starts_with(s, len, "\xFE\xFF", 2))
		return from_utf16(s + 2, len - 2, 1, out_len, replaced, err);
	/* A UTF-8 BOM declares the encoding: no guessing past it. */
	if (starts_with(s, len, "\xEF\xBB\xBF", 3))
		return from_utf8(s + 3, len - 3, 0, out_len, replaced, detected, err);
	return from_utf8(s, len, 1, out_len, replaced, detected, err);
}
