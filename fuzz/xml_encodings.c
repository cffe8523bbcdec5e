/* xml_encodings.c - fuzz the XML readers' decoding of declared
 * encodings: the fuzzer writes the body, the harness the declaration,
 * so that the bytes explored are those of conversion, not of getting
 * a declaration right.
 *
 *   byte 0   the options, as xml_fuzz.h reads them
 *   byte 1   low 4 bits: the encoding (encodings[], modulo its size);
 *            the rest: the reader (tei, trs, xml, modulo 3)
 *   byte 2-  the body, after the declaration
 *
 * The declaration is written in the encoding itself where its ASCII is
 * not ASCII (UTF-16 and UTF-32 code units, EBCDIC), with a byte order
 * mark where the entry has one.  The checks are xml_fuzz.h's: a refused
 * input says why, an accepted one renders to HTML and JSON. */
#include "xml_fuzz.h"

enum form { ASCII, UTF16LE, UTF16BE, UTF32LE, UTF32BE, EBCDIC };

static const struct {
	const char *name;
	enum form form;
	const char *mark; /* a byte order mark before the declaration, or NULL */
	size_t mark_len;
} encodings[] = {
	{"UTF-8", ASCII, NULL, 0},       {"UTF-16", UTF16LE, "\xFF\xFE", 2},
	{"UTF-16LE", UTF16LE, NULL, 0},  {"UTF-16BE", UTF16BE, NULL, 0},
	{"UTF-32", UTF32BE, "\0\0\xFE\xFF", 4},
	{"ISO-8859-1", ASCII, NULL, 0},  {"windows-1252", ASCII, NULL, 0},
	{"SHIFT_JIS", ASCII, NULL, 0},   {"EUC-JP", ASCII, NULL, 0},
	{"ISO-2022-JP", ASCII, NULL, 0}, {"GB18030", ASCII, NULL, 0},
	{"KOI8-R", ASCII, NULL, 0},      {"BIG5", ASCII, NULL, 0},
	{"US-ASCII", ASCII, NULL, 0},    {"UTF-32LE", UTF32LE, NULL, 0},
	/* EBCDIC is the one libxml2 still decodes itself */
	{"IBM939", EBCDIC, NULL, 0},
};

#define ENCODINGS (sizeof encodings / sizeof *encodings)

static const char *const readers[] = {"tei", "trs", "xml"};

/* The EBCDIC (code page 037) of the declaration's characters. */
static unsigned char ebcdic(char c)
{
	static const char ascii[] = "<?xml version=\"1.0cdgIBM93>\n";
	static const unsigned char cp037[] = {0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40, 0xA5, 0x85,
	                                      0x99, 0xA2, 0x89, 0x96, 0x95, 0x7E, 0x7F, 0xF1,
	                                      0x4B, 0xF0, 0x83, 0x84, 0x87, 0xC9, 0xC2, 0xD4,
	                                      0xF9, 0xF3, 0x6E, 0x25};
	const char *at = c ? strchr(ascii, c) : NULL;
	return at ? cp037[at - ascii] : 0x6F;
}

/* c as one code unit of form, at w; returns the bytes written. */
static size_t put_char(unsigned char *w, char c, enum form form)
{
	unsigned char b = (unsigned char)c;
	switch (form) {
	case UTF16LE: w[0] = b, w[1] = 0; return 2;
	case UTF16BE: w[0] = 0, w[1] = b; return 2;
	case UTF32LE: w[0] = b, w[1] = w[2] = w[3] = 0; return 4;
	case UTF32BE: w[0] = w[1] = w[2] = 0, w[3] = b; return 4;
	case EBCDIC: w[0] = ebcdic(c); return 1;
	default: w[0] = b; return 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t e = (data[1] & 15) % ENCODINGS;
	const char *reader = readers[(data[1] >> 4) % 3];
	char decl[80];
	int n = snprintf(decl, sizeof decl, "<?xml version=\"1.0\" encoding=\"%s\"?>\n",
	                 encodings[e].name);
	/* the options byte, a mark, the declaration (4 bytes a character at most), the body */
	unsigned char *buf = malloc(1 + 4 + 4 * (size_t)n + size - 2);
	if (!buf)
		return 0;
	unsigned char *w = buf;
	*w++ = data[0];
	memcpy(w, encodings[e].mark ? encodings[e].mark : "", encodings[e].mark_len);
	w += encodings[e].mark_len;
	for (int i = 0; i < n; i++)
		w += put_char(w, decl[i], encodings[e].form);
	memcpy(w, data + 2, size - 2);
	w += size - 2;
	fuzz_xml(buf, (size_t)(w - buf), reader);
	free(buf);
	return 0;
}
