/* smart.c - smart punctuation: "--" en dash, "---" em dash, "..."
 * ellipsis, and apostrophes inside or at the end of words.  Quotation
 * marks are the quotes pass's business, so a ' that may open a quote
 * stays as it is. */
#include <string.h>

#include "core/error.h"
#include "core/walk.h"
#include "passes/passes.h"

static int is_word_byte(unsigned char c)
{
	/* Letters, digits and any UTF-8 byte (letters of other scripts). */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The replacement for the punctuation at s[i], with its length in *used;
 * NULL when s[i] stays. */
static const char *smart_at(const char *s, size_t len, size_t i, size_t *used)
{
	unsigned char prev = i ? (unsigned char)s[i - 1] : ' ';
	unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
	switch (s[i]) {
	case '-':
		if (next != '-')
			return NULL;
		if (i + 2 < len && s[i + 2] == '-') {
			*used = 3;
			return "\xE2\x80\x94"; /* — */
		}
		*used = 2;
		return "\xE2\x80\x93"; /* – */
	case '.':
		if (i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
			*used = 3;
			return "\xE2\x80\xA6"; /* … */
		}
		return NULL;
	case '\'':
		/* don't, the US' side, '90s */
		if (is_word_byte(prev) || (is_digit(next) && i + 2 < len && is_digit(s[i + 2]))) {
			*used = 1;
			return "\xE2\x80\x99"; /* ’ */
		}
		return NULL;
	default:
		return NULL;
	}
}

static int needs_smart(const char *s, size_t len)
{
	return memchr(s, '-', len) || memchr(s, '.', len) || memchr(s, '\'', len);
}

static steno_status smarten(steno_doc *doc, steno_node *n)
{
	/* Each replacement is at most three bytes for every byte it
	 * replaces, so 3 * len bounds the result. */
	char *out = arena_alloc(&doc->arena, (size_t)n->len * 3 + 1);
	if (!out)
		return STENO_ERR_NOMEM;
	size_t o = 0;
	for (size_t i = 0; i < n->len;) {
		size_t used;
		const char *rep = smart_at(n->literal, n->len, i, &used);
		if (rep) {
			size_t rlen = strlen(rep);
			memcpy(out + o, rep, rlen);
			o += rlen;
			i += used;
		} else {
			out[o++] = n->literal[i++];
		}
	}
	if (o > NODE_MAX_LEN)
		return STENO_OK; /* marks are cosmetic: a literal too long for a node keeps its own */
	out[o] = '\0';
	n->literal = out;
	n->len = (uint32_t)o;
	return STENO_OK;
}

steno_status pass_smart(steno_doc *doc, steno_error *err)
{
	for (steno_node *n = doc->root; n; n = node_next_preorder(n, doc->root)) {
		if (n->type != STENO_NODE_TEXT || !needs_smart(n->literal, n->len))
			continue;
		if (smarten(doc, n) != STENO_OK)
			return error_nomem(err);
	}
	return STENO_OK;
}
