/* test_utf8.c - encoding, decoding and validating UTF-8, and turning
 * input in any encoding into UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "core/doc_input.h"
#include "core/utf8.h"
#include "steno.h"
#include "unit.h"

#define FFFD UTF8_REPLACEMENT
/* A string literal and its length without the final NUL. */
#define LIT(s) s, sizeof(s) - 1

static void test_encode(void)
{
	char out[4];
	CHECK(utf8_encode(0x41, out) == 1 && out[0] == 'A');
	CHECK(utf8_encode(0x7F, out) == 1);
	CHECK(utf8_encode(0x80, out) == 2 && memcmp(out, "\xC2\x80", 2) == 0);
	CHECK(utf8_encode(0x7FF, out) == 2 && memcmp(out, "\xDF\xBF", 2) == 0);
	CHECK(utf8_encode(0x800, out) == 3 && memcmp(out, "\xE0\xA0\x80", 3) == 0);
	CHECK(utf8_encode(0xFFFD, out) == 3 && memcmp(out, FFFD, 3) == 0);
	CHECK(utf8_encode(0xFFFF, out) == 3);
	CHECK(utf8_encode(0x10000, out) == 4 && memcmp(out, "\xF0\x90\x80\x80", 4) == 0);
	CHECK(utf8_encode(0x10FFFF, out) == 4 && memcmp(out, "\xF4\x8F\xBF\xBF", 4) == 0);
	CHECK(utf8_encode(0x110000, out) == 0);
	CHECK(utf8_encode(0xD800, out) == 0);
	CHECK(utf8_encode(0xDFFF, out) == 0);
	CHECK(utf8_encode(0xD7FF, out) == 3);
	CHECK(utf8_encode(0xE000, out) == 3);
}

/* The length utf8_decode gives for the whole of s, 99 when its code
 * point is not want. */
static size_t decode(const char *s, size_t len, uint32_t want)
{
	uint32_t cp = 0;
	size_t n = utf8_decode(s, len, &cp);
	return n && cp != want ? 99 : n;
}

static void test_decode(void)
{
	CHECK(decode("A", 1, 'A') == 1);
	CHECK(decode("", 0, 0) == 0);
	CHECK(decode("\0", 1, 0) == 1);
	CHECK(decode("\xC2\xA9", 2, 0xA9) == 2);
	CHECK(decode("\xE2\x80\x9C", 3, 0x201C) == 3);
	CHECK(decode("\xF0\x9F\x98\x80", 4, 0x1F600) == 4);
	CHECK(decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF) == 4);
	CHECK(decode("\xED\x9F\xBF", 3, 0xD7FF) == 3);
	CHECK(decode("\xEE\x80\x80", 3, 0xE000) == 3);
	/* overlong forms */
	CHECK(decode("\xC0\x80", 2, 0) == 0);
	CHECK(decode("\xC1\xBF", 2, 0) == 0);
	CHECK(decode("\xE0\x80\x80", 3, 0) == 0);
	CHECK(decode("\xE0\x9F\xBF", 3, 0) == 0);
	CHECK(decode("\xF0\x80\x80\x80", 4, 0) == 0);
	CHECK(decode("\xF0\x8F\xBF\xBF", 4, 0) == 0);
	/* surrogates, and past U+10FFFF */
	CHECK(decode("\xED\xA0\x80", 3, 0) == 0);
	CHECK(decode("\xED\xBF\xBF", 3, 0) == 0);
	CHECK(decode("\xF4\x90\x80\x80", 4, 0) == 0);
	CHECK(decode("\xF5\x80\x80\x80", 4, 0) == 0);
	CHECK(decode("\xFF", 1, 0) == 0);
	/* lone continuation bytes, truncated and broken sequences */
	CHECK(decode("\x80", 1, 0) == 0);
	CHECK(decode("\xBF", 1, 0) == 0);
	CHECK(decode("\xC2", 1, 0) == 0);
	CHECK(decode("\xE2\x80", 2, 0) == 0);
	CHECK(decode("\xF0\x9F\x98", 3, 0) == 0);
	CHECK(decode("\xE2\x28\xA1", 3, 0) == 0);
	CHECK(decode("\xE2\x82\x28", 3, 0) == 0);
	CHECK(decode("\xF0\x9F\x98\x41", 4, 0) == 0);
	/* the length given is a bound even when the string goes on */
	CHECK(decode("\xE2\x80\x9C", 2, 0) == 0);
}

static void test_valid(void)
{
	CHECK(utf8_valid(LIT("")));
	CHECK(utf8_valid(LIT("plain ASCII text, longer than a word")));
	CHECK(utf8_valid(LIT("a\0b")));
	CHECK(utf8_valid(LIT("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80")));
	CHECK(!utf8_valid(LIT("caf\xE9")));
	CHECK(!utf8_valid(LIT("\xED\xA0\x80")));
	CHECK(!utf8_valid(LIT("ok \xE2\x80")));
	/* a bad byte at every offset of a buffer longer than the fast path's word */
	char buf[40];
	int all = 1;
	for (size_t i = 0; i < sizeof buf; i++) {
		memset(buf, 'x', sizeof buf);
		buf[i] = (char)0x80;
		all &= !utf8_valid(buf, sizeof buf);
		buf[i] = 'x';
		all &= utf8_valid(buf, sizeof buf);
	}
	CHECK(all);
}

/* utf8_from_input on s[0..len): the result (freed at the next call) or NULL. */
static char *result;
static size_t result_len, replaced;
static const char *detected;
static steno_error err;

static const char *convert(const char *s, size_t len, const char *forced)
{
	free(result);
	memset(&err, 0, sizeof err);
	result = utf8_from_input(s, len, forced, &result_len, &replaced, &detected, &err);
	if (result)
		CHECK(strlen(result) == result_len && utf8_valid(result, result_len));
	return result;
}

static void test_boms(void)
{
	CHECK_STR(convert(LIT(""), NULL), "");
	CHECK(convert(NULL, 0, NULL) && result_len == 0);
	CHECK(convert(NULL, 1, NULL) == NULL && err.code == STENO_ERR_ARG);
	CHECK_STR(convert(LIT("plain"), NULL), "plain");
	CHECK(replaced == 0 && detected == NULL);
	CHECK_STR(convert(LIT("\xEF\xBB\xBFhi"), NULL), "hi");
	CHECK_STR(convert(LIT("\xEF\xBB\xBF"), NULL), "");
	/* UTF-16 */
	CHECK_STR(convert(LIT("\xFF\xFEh\0i\0"), NULL), "hi");
	CHECK_STR(convert(LIT("\xFE\xFF\0h\0i"), NULL), "hi");
	CHECK_STR(convert(LIT("\xFF\xFE\x1C\x20\xE9\0"), NULL), "\xE2\x80\x9C\xC3\xA9");
	CHECK_STR(convert(LIT("\xFF\xFE\x3D\xD8\x00\xDE!\0"), NULL), "\xF0\x9F\x98\x80!");
	CHECK_STR(convert(LIT("\xFE\xFF\xD8\x3D\xDE\x00"), NULL), "\xF0\x9F\x98\x80");
	CHECK(replaced == 0);
	/* a lone surrogate, a low one first, an odd byte at the end */
	CHECK_STR(convert(LIT("\xFF\xFE\x3D\xD8" "a\0"), NULL), FFFD "a");
	CHECK(replaced == 1);
	CHECK_STR(convert(LIT("\xFF\xFE\x00\xDE\x3D\xD8"), NULL), FFFD FFFD);
	CHECK(replaced == 2);
	CHECK_STR(convert(LIT("\xFF\xFE" "a\0b"), NULL), "a" FFFD);
	CHECK(replaced == 1);
	CHECK_STR(convert(LIT("\xFF\xFE" "a\0\0\0" "b\0"), NULL), "a" FFFD "b");
	CHECK(replaced == 1);
	/* UTF-32, whose little-endian BOM starts like UTF-16's */
	CHECK_STR(convert(LIT("\xFF\xFE\0\0A\0\0\0"), NULL), "A");
	CHECK_STR(convert(LIT("\0\0\xFE\xFF\0\x01\xF6\x00"), NULL), "\xF0\x9F\x98\x80");
	CHECK_STR(convert(LIT("\xFF\xFE\0\0\0\xD8\0\0\0\0\x11\0" "A\0\0"), NULL),
	          FFFD FFFD FFFD);
	CHECK(replaced == 3);
	CHECK(detected == NULL);
}

static void test_guessing(void)
{
	/* Windows-1252: curly quotes, the euro, Latin-1 letters */
	CHECK_STR(convert(LIT("\x93Quoted\x94 caf\xE9 \x80" "5 \x85"), NULL),
	          "\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x82\xAC" "5 \xE2\x80\xA6");
	CHECK_STR(detected, "windows-1252");
	CHECK(replaced == 0);
	CHECK_STR(convert(LIT("it\x92s"), NULL), "it\xE2\x80\x99s");
	CHECK_STR(detected, "windows-1252");
	/* its five undefined bytes and NUL are replaced and counted */
	CHECK_STR(convert(LIT("\x81\x8D\x8F\x90\x9D\0\xFF"), NULL),
	          FFFD FFFD FFFD FFFD FFFD FFFD "\xC3\xBF");
	CHECK(replaced == 6);
	/* stray bytes in real UTF-8 are damage, not another encoding */
	CHECK_STR(convert(LIT("caf\xC3\xA9 \xFF ok"), NULL), "caf\xC3\xA9 " FFFD " ok");
	CHECK(replaced == 1 && detected == NULL);
	CHECK_STR(convert(LIT("\xE2\x80\x9C\xE2\x80\x9D \xE2\x80"), NULL),
	          "\xE2\x80\x9C\xE2\x80\x9D " FFFD FFFD);
	CHECK(replaced == 2 && detected == NULL);
	/* a surrogate encoded as UTF-8 is three stray bytes */
	CHECK_STR(convert(LIT("\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94 \xED\xA0\x80"), NULL),
	          "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94 " FFFD FFFD FFFD);
	CHECK(detected == NULL);
	/* past a UTF-8 BOM, nothing is guessed */
	CHECK_STR(convert(LIT("\xEF\xBB\xBF" "caf\xE9"), NULL), "caf" FFFD);
	CHECK(replaced == 1 && detected == NULL);
	/* NUL, in short input and after a run of ASCII longer than a word */
	CHECK_STR(convert(LIT("a\0b"), NULL), "a" FFFD "b");
	CHECK(replaced == 1 && detected == NULL);
	CHECK_STR(convert(LIT("0123456789abcdef\0"), NULL), "0123456789abcdef" FFFD);
	CHECK(replaced == 1);
	/* a stray byte at every offset past the fast path's words */
	char buf[48];
	int all = 1;
	for (size_t i = 3; i < sizeof buf; i++) {
		memset(buf, 'x', sizeof buf);
		memcpy(buf, "\xC3\xA9", 2);
		buf[i] = (char)0xFE;
		all &= convert(buf, sizeof buf, NULL) && replaced == 1 && !detected &&
		       result_len == sizeof buf + 2 && memcmp(result + i, FFFD, 3) == 0;
	}
	CHECK(all);
}

static void test_forced(void)
{
	CHECK_STR(convert(LIT("caf\xE9"), "latin1"), "caf\xC3\xA9");
	CHECK(replaced == 0 && detected == NULL);
	CHECK_STR(convert(LIT("\x93hi\x94"), "windows-1252"), "\xE2\x80\x9Chi\xE2\x80\x9D");
	CHECK_STR(convert(LIT("a\x81" "b"), "CP1252"), "a" FFFD "b");
	CHECK(replaced == 1);
	CHECK_STR(convert(LIT("h\0i\0"), "UTF-16LE"), "hi");
	CHECK_STR(convert(LIT("\xFF\xFEh\0i\0"), "UTF-16LE"), "hi");
	CHECK_STR(convert(LIT("\xFF\xFEh\0i\0"), "UTF-16"), "hi");
	CHECK_STR(convert(LIT("h\0\0\0"), "UTF-32LE"), "h");
	/* forcing overrides the guess: this is valid UTF-8 */
	CHECK_STR(convert(LIT("\xC3\xA9"), "latin1"), "\xC3\x83\xC2\xA9");
	/* an invalid unit is skipped whole, so the rest stays in step */
	CHECK_STR(convert(LIT("\x00\xD8" "A\0" "B\0"), "UTF-16LE"), FFFD "AB");
	CHECK(replaced == 1);
	CHECK_STR(convert(LIT("A\0\0\0\0\0\x11\0" "B\0\0\0"), "UTF-32LE"), "A" FFFD "B");
	/* cut off at the end */
	CHECK_STR(convert(LIT("A\0B"), "UTF-16LE"), "A" FFFD);
	CHECK(replaced == 1);
	/* UTF-8 forced: invalid bytes replaced, BOM and NUL handled */
	CHECK_STR(convert(LIT("\xEF\xBB\xBFok\xFF\0"), "UTF-8"), "ok" FFFD FFFD);
	CHECK(replaced == 2);
	/* big input grows the output buffer more than once */
	size_t n = 100000;
	char *big = malloc(n);
	memset(big, 0xE9, n);
	CHECK(convert(big, n, "latin1") && result_len == 2 * n);
	free(big);
	CHECK(convert(LIT("x"), "no-such-encoding") == NULL);
	CHECK(err.code == STENO_ERR_ENCODING && strstr(err.message, "no-such-encoding"));
	CHECK(convert(LIT("x"), "") == NULL && err.code == STENO_ERR_ENCODING);
	free(result);
	result = NULL;
}

static void test_fold_name(void)
{
	static const uint32_t pairs[][2] = {
		{'A', 'a'}, {'z', 'z'}, {'1', '1'}, {0xC5, 0xE5}, {0xD7, 0xD7}, {0xDE, 0xFE},
		{0xDF, 0xDF}, {0x100, 0x101}, {0x101, 0x101}, {0x130, 'i'}, {0x131, 0x131},
		{0x138, 0x138}, {0x139, 0x13A}, {0x13A, 0x13A}, {0x147, 0x148}, {0x149, 0x149},
		{0x14A, 0x14B}, {0x160, 0x161}, {0x178, 0xFF}, {0x179, 0x17A}, {0x17D, 0x17E},
		{0x17F, 0x17F}, {0x386, 0x3B1}, {0x387, 0x387}, {0x38F, 0x3C9}, {0x391, 0x3B1}, {0x3AC, 0x3B1},
		{0x3C2, 0x3C3}, {0x3CE, 0x3C9}, {0x390, 0x3CA}, {0x3AA, 0x3CA}, {0x3C9, 0x3C9},
		{0x3A2, 0x3A2}, {0x3A3, 0x3C3}, {0x401, 0x451}, {0x416, 0x436}, {0x42F, 0x44F},
		{0x44F, 0x44F}, {0x4E2D, 0x4E2D},
	};
	int ok = 1;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (utf8_fold_name(pairs[i][0]) != pairs[i][1]) {
			printf("utf8_fold_name(U+%04X) = U+%04X\n", (unsigned)pairs[i][0],
			       (unsigned)utf8_fold_name(pairs[i][0]));
			ok = 0;
		}
	CHECK(ok);
}

/* A malloc'd copy of s[0..len) with a spare byte, as the parse's own
 * input is. */
static char *own_copy(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (p)
		memcpy(p, s, len);
	return p;
}

/* Input that is UTF-8 already is used as it is, not copied, when the
 * parse owns it; anything to decode, or the caller's input, is copied. */
static void test_in_place(void)
{
	CHECK(utf8_input_as_is(LIT("plain \xC3\xA9"), NULL) == 0);
	CHECK(utf8_input_as_is(LIT("\xEF\xBB\xBF" "bom"), NULL) == 3);
	CHECK(utf8_input_as_is(LIT("caf\xE9"), NULL) == (size_t)-1);
	CHECK(utf8_input_as_is(LIT("a\0b"), NULL) == (size_t)-1);
	CHECK(utf8_input_as_is(LIT("\xFF\xFE" "a\0"), NULL) == (size_t)-1);
	CHECK(utf8_input_as_is(LIT("plain"), "latin1") == (size_t)-1);

	steno_doc *doc = steno_doc_new();
	size_t n, replaced;
	const char *detected;
	char *own = own_copy(LIT("\xEF\xBB\xBF" "kept"));
	doc->input = own;
	char *buf = doc_input_utf8(doc, own, 7, NULL, &n, &replaced, &detected, NULL);
	CHECK(buf == own + 3 && n == 4 && !strcmp(buf, "kept") && !doc->input);
	char *latin = own_copy(LIT("caf\xE9"));
	doc->input = latin;
	buf = doc_input_utf8(doc, latin, 4, NULL, &n, &replaced, &detected, NULL);
	CHECK(buf && buf != latin && !strcmp(buf, "caf\xC3\xA9" "") && detected && doc->input == latin);
	doc->input = NULL;
	free(latin);
	buf = doc_input_utf8(doc, LIT("theirs"), NULL, &n, &replaced, &detected, NULL);
	CHECK(buf && !strcmp(buf, "theirs"));
	steno_doc_free(doc);
}

void test_utf8(void)
{
	test_fold_name();
	test_encode();
	test_decode();
	test_valid();
	test_boms();
	test_guessing();
	test_forced();
	test_in_place();
}
