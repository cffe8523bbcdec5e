/* transcript_label.c - speaker labels at the start of a line: "TAN KEFEI:",
 * "Q:", "Speaker 1 (00:05):", "Tan Kefei (Spokesperson):", and the
 * speaker ids they map to.  Whether a document's labels are turns at
 * all is the transcript pass's decision; this file only reads one. */
#include <string.h>

#include "core/utf8.h"
#include "passes/transcript.h"

#define NAME_MAX_BYTES 64 /* a longer "name" is the start of a sentence */
#define NAME_WORDS     6
#define ROLE_MAX       48
#define FULLWIDTH_COLON "\xEF\xBC\x9A" /* U+FF1A, as Chinese transcripts write it */

/* Whole names that introduce prose, not speech ("Note: ...").  Lower case. */
static const char *const prose_names[] = {
	"address", "attention", "background", "by", "caption", "category", "caution",
	"conclusion", "cons", "correction", "credit", "credits", "date", "disclaimer", "e-mail",
	"edit", "editor's note", "email", "example", "exclusive", "fax", "from", "fyi", "he",
	"hint", "i", "image", "important", "it", "keywords", "listen", "location", "n.b.", "nb",
	"note", "notes", "p.s.", "phone", "photo", "place", "posted", "pros", "ps", "published",
	"re", "read more", "related", "reminder", "result", "results", "see also", "she",
	"source", "sources", "subject", "summary", "tags", "tel", "they", "time", "tip", "to",
	"update", "updated", "url", "via", "warning", "watch", "we", "website", "you",
};

/* Words that cannot open a multi-word name: "The answer: ...". */
static const char *const function_words[] = {
	"a", "all", "an", "and", "at", "but", "chapter", "day", "dear", "figure", "for", "he",
	"her", "here", "his", "i", "in", "it", "its", "my", "on", "one", "or", "our", "part",
	"phase", "section", "she", "so", "some", "step", "table", "that", "the", "their",
	"there", "these", "they", "this", "those", "we", "you", "your",
};

/* Words that make a name a role: only transcripts label speech so. */
static const char *const role_words[] = {
	"aide", "anchor", "audience", "caller", "chair", "chairman", "chairperson",
	"chairwoman", "co-host", "correspondent", "counsel", "crowd", "defendant", "guest",
	"host", "interviewee", "interviewer", "journalist", "judge", "moderator", "narrator",
	"official", "operator", "panelist", "panellist", "participant", "presenter",
	"prosecutor", "reporter", "respondent", "speaker", "spokesman", "spokesperson",
	"spokeswoman", "unidentified", "unknown", "voice", "witness",
};

/* Titles of rank and office that do not change who speaks. */
static const char *const titles[] = {
	"adm.", "admiral", "ambassador", "capt.", "captain", "chief", "col.", "colonel",
	"commander", "councillor", "councilor", "deputy", "director", "doctor", "dr", "dr.",
	"foreign", "gen.", "general", "gov.", "governor", "hon.", "judge", "justice", "lieutenant",
	"lt.", "maj.", "major", "mayor", "minister", "premier", "president", "prime", "prof",
	"prof.", "professor", "rep.", "representative", "rev.", "reverend", "secretary", "sen.",
	"senator", "senior", "sergeant", "sgt.", "sir", "spokesperson", "state", "vice",
};

/* Lower-case words that may stand inside a name: "Ursula von der Leyen".
 * None is longer than CONNECTOR_MAX bytes, which spares most words of
 * prose the search. */
#define CONNECTOR_MAX 3
static const char *const connectors[] = {"al", "bin", "da", "de", "del", "den", "der",
                                         "di", "du", "el", "la", "le", "van", "von"};

#define COUNT(a) (sizeof a / sizeof *a)

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s[0..len), lower-cased, against the word w, in strcmp's order. */
static int compare_lower(const char *s, size_t len, const char *w)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)(is_upper(s[i]) ? s[i] + 32 : s[i]);
		if (c != (unsigned char)w[i])
			return c - (unsigned char)w[i];
	}
	return w[len] ? -1 : 0;
}

/* Does s[0..len), lower-cased, equal one of list's words?  Every list
 * above is sorted (in byte order) for this binary search, which lowers
 * the bytes as it compares them: every label meets several lists. */
static int in_list(const char *s, size_t len, const char *const *list, size_t count)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_lower(s, len, list[mid]);
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* A letter of another script (not punctuation such as quotation
 * marks) at s: its length, or 0. */
static size_t name_char_utf8(const char *s, size_t len, int first)
{
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);
	if (!n || cp < 0xC0 || (cp >= 0x3000 && cp <= 0x303F) || cp >= 0xFF00)
		return 0;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return !first && cp == 0x2019 ? n : 0; /* O’Brien */
	return n;
}

/* The length of the name character at s: a letter, digit, . ' - or a
 * letter of another script.  Every line's first word passes here byte
 * by byte, so ASCII is tested inline. */
static inline size_t name_char(const char *s, size_t len, int first)
{
	char c = s[0];
	if ((unsigned char)c >= 0x80)
		return name_char_utf8(s, len, first);
	return is_upper(c) || (!first && (is_lower(c) || is_digit(c) || c == '.' || c == '\'' || c == '-'));
}

/* The end of the word at s[i], or 0.  A word starts with a capital (or
 * a letter of a script without case), or, after the first word, with a
 * digit ("Speaker 1") or is a connector ("de"). */
static size_t name_word(const char *s, size_t len, size_t i, int first)
{
	size_t start = i, n;
	if (!first && (is_digit(s[i]) || is_lower(s[i]))) {
		while (i < len && (n = name_char(s + i, len - i, 0)))
			i += n;
		if (is_lower(s[start]) && (i - start > CONNECTOR_MAX ||
		                           !in_list(s + start, i - start, connectors, COUNT(connectors))))
			return 0;
		return i;
	}
	if (!(n = name_char(s + i, len - i, 1)))
		return 0;
	for (i += n; i < len && (n = name_char(s + i, len - i, 0));)
		i += n;
	return i;
}

/* The name at s[i]: its end, or 0. */
static size_t read_name(const char *s, size_t len, size_t i)
{
	size_t start = i, words = 0, end;
	while ((end = name_word(s, len, i, words == 0))) {
		words++;
		i = end;
		if (words == NAME_WORDS || i - start > NAME_MAX_BYTES || i + 1 >= len ||
		    s[i] != ' ' || !name_word(s, len, i + 1, 0))
			break;
		i++;
	}
	return words && i - start <= NAME_MAX_BYTES ? i : 0;
}

/* Is the name one that prose uses before a colon? */
static int prose_name(const char *s, size_t len)
{
	if (in_list(s, len, prose_names, COUNT(prose_names)))
		return 1;
	const char *space = memchr(s, ' ', len);
	return space && in_list(s, (size_t)(space - s), function_words, COUNT(function_words));
}

static int any_word_in(const char *s, size_t len, const char *const *list, size_t count)
{
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (in_list(s + i, j - i, list, count))
			return 1;
		i = j + 1;
	}
	return 0;
}

void tx_name_judge(const char *s, size_t len, tx_name *judged)
{
	static const char *const q[] = {"q", "question"}, *const a[] = {"a", "answer"};
	size_t letters = 0, lower = 0;
	judged->prose = prose_name(s, len);
	judged->qa = in_list(s, len, q, 2) ? 'q' : in_list(s, len, a, 2) ? 'a' : 0;
	for (size_t i = 0; i < len; i++) {
		letters += is_upper(s[i]) || is_lower(s[i]);
		lower += is_lower(s[i]);
	}
	judged->strong = judged->qa || (letters >= 2 && !lower) ||
	                 any_word_in(s, len, role_words, COUNT(role_words));
}

int tx_label_judged(tx_label *lab, const tx_name *judged)
{
	if (judged->prose)
		return 0;
	lab->qa = judged->qa;
	if (lab->qa && !lab->role) {
		lab->role = lab->qa == 'q' ? "question" : "answer";
		lab->role_len = strlen(lab->role);
	}
	lab->strong |= judged->strong || lab->role_len;
	return 1;
}

static int is_colon(const char *s, size_t len, size_t i, size_t *after)
{
	if (i < len && s[i] == ':' && (i + 1 == len || tx_is_blank(s[i + 1]))) {
		*after = i + 1;
		return 1;
	}
	if (i + 3 <= len && memcmp(s + i, FULLWIDTH_COLON, 3) == 0) {
		*after = i + 3;
		return 1;
	}
	return 0;
}

static void keep(tx_label *lab, size_t off, size_t len)
{
	if (len) {
		lab->keep_off[lab->keep_count] = off;
		lab->keep_len[lab->keep_count++] = len;
	}
}

/* "(Spokesperson)" or "(00:05)" after the name at s[i]; the end or 0. */
static size_t read_paren(const char *s, size_t len, size_t i, tx_label *lab)
{
	size_t time_len = tx_time(s + i, len - i, TX_TIME_BRACKETED, 0, &lab->ms);
	if (time_len) {
		lab->strong = 1;
		return i + time_len;
	}
	size_t start = i + 1, end = start;
	while (end < len && end - start < ROLE_MAX && !strchr("():[]", s[end]))
		end++;
	if (end >= len || s[end] != ')' || end == start)
		return 0;
	lab->role = s + start;
	lab->role_len = end - start;
	return end + 1;
}

/* What may follow a name: a role or time in parentheses and a colon; or
 * blanks and a time ending the line; or, after "Q", two blanks.  A time
 * is part of the label (the turn's start), not of the text. */
static int label_tail(const char *s, size_t len, size_t i, tx_label *lab)
{
	size_t after, n, t;
	if (i + 1 < len && s[i] == ' ' && s[i + 1] == '(' && !(i = read_paren(s, len, i + 1, lab)))
		return 0;
	lab->written_len = (size_t)(s + i - lab->written);
	if (is_colon(s, len, i, &after)) {
		while (after < len && tx_is_blank(s[after]))
			after++;
		keep(lab, after, len - after);
		return 1;
	}
	if (lab->role || lab->ms != STENO_TIME_NONE)
		return 0;
	for (n = i; n < len && tx_is_blank(s[n]); n++)
		;
	t = n > i ? tx_time(s + n, len - n, TX_TIME_BRACKETED | TX_TIME_BARE, 1, &lab->ms) : 0;
	if (t && n + t == len) {
		lab->strong = 1;
		lab->written_len = len - (size_t)(lab->written - s);
		return 1;
	}
	lab->ms = STENO_TIME_NONE;
	if (n - i >= 2 && n < len && lab->name_len == 1 && lab->name[0] == 'Q') {
		keep(lab, n, len - n);
		return 1;
	}
	return 0;
}

/* Can s hold a label at all?  Every label has a colon (or a time's
 * colon) but "Q    ...", so most lines of prose are turned away here,
 * without a word of them read. */
static int may_hold_label(const char *s, size_t len)
{
	return memchr(s, ':', len) || memchr(s, FULLWIDTH_COLON[0], len) || (len && s[0] == 'Q');
}

int tx_label_in_text(const char *s, size_t len, tx_label *lab)
{
	if (!may_hold_label(s, len))
		return 0;
	memset(lab, 0, sizeof *lab);
	size_t pre = tx_time(s, len, TX_TIME_BRACKETED | TX_TIME_BARE, 0, &lab->ms);
	if (pre) {
		if (pre == len || !tx_is_blank(s[pre]))
			return 0;
		while (pre < len && tx_is_blank(s[pre]))
			pre++;
		keep(lab, 0, pre);
	}
	lab->ms = STENO_TIME_NONE; /* a time before the label stays text */
	size_t end = read_name(s, len, pre);
	if (!end)
		return 0;
	lab->name = lab->written = s + pre;
	lab->name_len = end - pre;
	return label_tail(s, len, end, lab);
}

int tx_label_whole(const char *s, size_t len, int *has_colon, tx_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	while (len && tx_is_blank(s[len - 1]))
		len--;
	*has_colon = len && s[len - 1] == ':';
	if (*has_colon) {
		len--;
	} else if (len >= 3 && memcmp(s + len - 3, FULLWIDTH_COLON, 3) == 0) {
		*has_colon = 1;
		len -= 3;
	}
	size_t end = read_name(s, len, 0);
	if (!end)
		return 0;
	lab->name = lab->written = s;
	lab->name_len = end;
	if (end + 1 < len && s[end] == ' ' && s[end + 1] == '(' &&
	    !(end = read_paren(s, len, end + 1, lab)))
		return 0;
	if (end != len)
		return 0;
	lab->written_len = len;
	lab->strong = 1; /* set in bold or italics: the writer meant a label */
	return 1;
}

/* Leading titles that leave at least one word: "Senior Colonel Tan Kefei"
 * -> "Tan Kefei".  The bytes skipped. */
static size_t skip_titles(const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		const char *space = memchr(s + i, ' ', len - i);
		if (!space || !in_list(s + i, (size_t)(space - s) - i, titles, COUNT(titles)))
			return i;
		i = (size_t)(space - s) + 1;
	}
}

void tx_speaker_id(const tx_label *lab, char out[TX_ID_MAX])
{
	if (lab->qa) {
		out[0] = (char)lab->qa;
		out[1] = '\0';
		return;
	}
	size_t skip = skip_titles(lab->name, lab->name_len), o = 0, n;
	for (size_t i = skip; i < lab->name_len && o < TX_ID_MAX - 1; i += n) {
		uint32_t cp = (unsigned char)lab->name[i];
		n = cp < 0x80 ? 1 : utf8_decode(lab->name + i, lab->name_len - i, &cp);
		if (!n) { /* reader text is UTF-8; should a byte not be, the id stays valid */
			n = 1;
			cp = 0xFFFD;
		}
		/* "ÅSTRÖM" and "Åström" are one speaker */
		cp = utf8_fold_name(cp);
		if (cp >= 0x80) {
			/* a letter that does not fit whole ends the id, not breaks it */
			char enc[4];
			size_t e = utf8_encode(cp, enc);
			if (o + e > TX_ID_MAX - 1)
				break;
			memcpy(out + o, enc, e);
			o += e;
		} else if (is_lower((char)cp) || is_digit((char)cp)) {
			out[o++] = (char)cp;
		} else if (o && out[o - 1] != '-') {
			out[o++] = '-';
		}
	}
	while (o && out[o - 1] == '-')
		o--;
	if (!o) {
		strcpy(out, "speaker"); /* a name of punctuation only */
		return;
	}
	out[o] = '\0';
}
