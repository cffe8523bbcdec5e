/* transcript_label.c - speaker labels at the start of a line: "TAN KEFEI:",
 * "Q:", "Speaker 1 (00:05):", "Tan Kefei (Spokesperson):", and the
 * speaker ids they map to.  Whether a document's labels are turns at
 * all is the transcript pass's decision; this file only reads one. */
#include <string.h>

#include "core/utf8.h"
#include "passes/transcript.h"

#define NAME_MAX_BYTES 64 /* a longer "name" is the start of a sentence */
#define NAME_WORDS     8 /* "Profesor Datuk Dr. Ismail bin Md. Salleh" */
/* "Leader of the Government in the House of Commons, Lib." */
#define ROLE_WORDS 12
#define ROLE_MAX   96
#define FULLWIDTH_COLON "\xEF\xBC\x9A" /* U+FF1A, as Chinese transcripts write it */

/* Whole names that introduce prose, not speech ("Note: ..."), and a
 * screenplay's transitions ("FADE IN:").  Lower case, sorted. */
static const char *const prose_names[] = {
	"action items", "actions", "address", "agenda", "attendees", "attention", "audio",
	"background", "breaking", "by", "caption", "category", "caution", "conclusion", "cons",
	"correction", "credit", "credits", "cut to", "date", "decisions", "disclaimer",
	"dissolve to", "e-mail", "edit", "editor's note", "email", "example", "exclusive",
	"fade in", "fade out", "fax", "from", "fyi", "he", "hint", "icymi", "image", "important",
	"it", "keywords", "listen", "location", "n.b.", "nb", "note", "notes", "p.s.", "phone",
	"photo", "place", "posted", "pros", "ps", "published", "re", "read more", "related",
	"reminder", "result", "results", "see also", "she", "source", "sources", "subject",
	"summary", "tags", "tel", "they", "time", "tip", "titel", "title", "titolo", "titre", "to",
	"t\xC3\xADtulo", "update", "updated", "url", "via",
	"video", "warning", "watch", "we", "website", "you",
};

/* Words that cannot open a multi-word name: "The answer: ...". */
static const char *const function_words[] = {
	"a", "all", "an", "and", "at", "but", "chapter", "day", "dear", "figure", "for", "he",
	"her", "here", "his", "i", "in", "it", "its", "my", "on", "one", "or", "our", "part",
	"phase", "section", "she", "so", "some", "step", "table", "that", "the", "their",
	"there", "these", "they", "this", "those", "we", "you", "your",
};

/* Words that make a name a role: only transcripts label speech so.  The
 * offices of parliaments' records in several languages too ("Poslanec
 * Jozef Wagner:", "Marszałek:").  Sorted by their bytes, ASCII folded. */
static const char *const role_words[] = {
	"abgeordnete", "abgeordneter", "aide", "anchor", "audience", "caller", "chair", "chairman",
	"chairperson", "chairwoman", "co-host", "correspondent", "counsel", "crowd", "defendant",
	"deputada", "deputado", "deputato", "diputada", "diputado", "député", "députée", "guest",
	"host", "interviewee", "interviewer", "journalist", "judge", "marszałek", "moderator",
	"místopředseda", "narrator", "official", "operator", "panelist", "panellist", "participant",
	"poseł", "poslanec", "poslankyně", "posłanka", "presenter", "presidente", "prosecutor",
	"präsident", "präsidentin", "président", "présidente", "puhemies", "předseda",
	"předsedající", "reporter", "respondent", "senador", "senadora", "speaker", "spokesman",
	"spokesperson", "spokeswoman", "sénateur", "talman", "unidentified", "unknown", "voice",
	"voorzitter", "wicemarszałek", "witness",
};

/* Titles of rank and office that do not change who speaks. */
static const char *const titles[] = {
	"adm.", "admiral", "ambassador", "capt.", "captain", "chief", "col.", "colonel",
	"commander", "councillor", "councilor", "deputy", "director", "doctor", "dr", "dr.",
	"foreign", "gen.", "general", "gov.", "governor", "hon.", "judge", "justice",
	"l'hon.", /* French: "L'hon. Don Boudria" */
	"lieutenant",
	"lt.", "maj.", "major", "mayor", "minister", "premier", "president", "prime", "prof",
	"prof.", "professor", "rep.", "representative", "rev.", "reverend", "secretary", "sen.",
	"senator", "senior", "sergeant", "sgt.", "sir", "spokesperson", "state", "vice",
};

/* Letters after a name that do not change whose it is: "MS ROE KC" and
 * "MS ROE" are one person.  Sorted; "Jr." and "Sr." are not here, as
 * they tell a father from a son. */
static const char *const post_nominals[] = {
	"cbe", "ch", "dbe", "esq", "esq.", "frs", "gbe", "jp", "kbe", "kc", "mbe", "md",
	"mep", "mha", "mla", "mp", "mpp", "msp", "obe", "pc", "phd", "qc", "sc", "td",
};

/* Lower-case words that may stand inside a name: "Ursula von der Leyen",
 * "Minister for Finance", "Mr. SMITH of New Jersey", "Siti binti Ahmad".
 * None is longer than CONNECTOR_MAX bytes, which spares most words of
 * prose the search. */
#define CONNECTOR_MAX 5
/* Lower-case words of address and office that parliaments write inside
 * a label: "El señor PRESIDENTE", "De heer Wilders", "M. le président".
 * A full stop after one is the label's own ("M. le président.").
 * Sorted. */
static const char *const inner_titles[] = {
	"heer", "mevrouw", "minister", "ministra", "ministre", "ministro", "presidenta",
	"presidente", "président", "présidente", "rapporteur", "rapporteure", "senyor",
	"senyora", "señor", "señora", "voorzitter",
};
static const char *const connectors[] = {"al", "bin", "binti", "da",  "de", "del",
                                         "den", "der", "di",   "du",  "el", "for",
                                         "la", "le",  "of",   "van", "von"};

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
	/* full-width digits and letters: a council member's seat, "１番" */
	if (n && ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	          (cp >= 0xFF41 && cp <= 0xFF5A)))
		return n;
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
	/* Hebrew writes an abbreviation's gershayim as '"': "היו"ר" */
	if (c == '"' && !first)
		return len > 1 && (unsigned char)s[-1] >= 0x80 && (unsigned char)s[1] >= 0x80;
	return is_upper(c) || (!first && (is_lower(c) || is_digit(c) || c == '.' || c == '\'' ||
	                                  c == '-' || c == '_'));
}

/* The end of the word at s[i], or 0.  A word starts with a capital (or
 * a letter of a script without case), or, after the first word, with a
 * digit ("Speaker 1") or is a connector ("de"). */
static size_t name_word(const char *s, size_t len, size_t i, int first)
{
	size_t start = i, n;
	/* "спасибо" is a word of speech in a script with case, as "thanks" is */
	int lower = is_lower(s[i]) ||
	            ((unsigned char)s[i] >= 0x80 && transcript_letter_case(s + i, len - i, &n) < 0);
	if (first && lower && (unsigned char)s[i] >= 0x80)
		return 0;
	if (!first && (is_digit(s[i]) || lower)) {
		while (i < len && (n = name_char(s + i, len - i, 0)))
			i += n;
		/* "Ann Lee 00:01:02": a time after the name is none of it */
		if (is_digit(s[start]) && i + 1 < len && s[i] == ':' && is_digit(s[i + 1]))
			return 0;
		size_t word = i - start - (i - start > 1 && s[i - 1] == '.');
		/* "di-Pertua", "al-Hassan": a connector joined to a name */
		const char *hyphen = memchr(s + start, '-', i - start);
		size_t head = hyphen && hyphen + 1 < s + i && is_upper(hyphen[1])
		                      ? (size_t)(hyphen - s) - start
		                      : i - start;
		if (lower &&
		    (head > CONNECTOR_MAX || !in_list(s + start, head, connectors, COUNT(connectors))) &&
		    !in_list(s + start, word, inner_titles, COUNT(inner_titles)))
			return 0;
		return i;
	}
	if (!(n = name_char(s + i, len - i, 1)))
		return 0;
	for (i += n; i < len && (n = name_char(s + i, len - i, 0));)
		i += n;
	/* "ROSAURA.- Sì", "TRISTÁN.-Nada": a dash after a full stop ends
	 * the label */
	for (size_t k = start + 1; k + 1 < i; k++)
		if (s[k] == '.' && s[k + 1] == '-')
			return k + 1;
	return i;
}

/* Does the word end a sentence ("Mr. ISSA. Mr. Chairman", "Mr. JONES
 * of Ohio. Will")?  A full stop after three capitals or four letters
 * ends one, but not one inside an abbreviation ("U.S.A.") or after a
 * title ("Mrs.", "Prof."). */
static int sentence_end(const char *w, size_t len)
{
	if (len < 4 || w[len - 1] != '.' || memchr(w, '.', len - 1) ||
	    in_list(w, len, titles, COUNT(titles)))
		return 0;
	if (len >= 5)
		return 1;
	for (size_t i = 0; i + 1 < len; i++)
		if (!is_upper(w[i]))
			return 0;
	return 1;
}

/* "Q1", "A 12", "Question 3", "问题6": an interview numbers its
 * questions and answers, and the number says which exchange, not who
 * speaks.  The length of the name without it. */
static size_t numbered_exchange(const char *s, size_t len)
{
	static const char *const stems[] = {"a", "answer", "q", "question", "\xE7\xAD\x94",
	                                    "\xE9\x97\xAE", "\xE9\x97\xAE\xE9\xA2\x98"};
	size_t i = len;
	while (i && is_digit(s[i - 1]))
		i--;
	if (i == len || len - i > 3)
		return len;
	while (i && (s[i - 1] == ' ' || s[i - 1] == '.'))
		i--;
	return i && in_list(s, i, stems, COUNT(stems)) ? i : len;
}

/* Blanks PDF justification widens a space between words to. */
#define JUSTIFIED_GAP 3

/* Do initials end a name in capitals, "ИВАНОВ И.И. Спасибо.", "ROE J.R.
 * Thanks": a word in lower case after them is speech.  The name runs
 * from start, its last word (of capitals each with a full stop) ends at
 * end, the next word starts at next. */
static int initials_end(const char *s, size_t len, size_t start, size_t end, size_t next)
{
	size_t n, i = end, caps = 0, letters = 0;
	if (s[end - 1] != '.')
		return 0;
	/* the last word: "И.И.", "J." */
	while (i > start && s[i - 1] != ' ') {
		if (s[--i] == '.')
			continue;
		while (i > start && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		if (transcript_letter_case(s + i, end - i, &n) <= 0 ||
		    (i > start && s[i - 1] != ' ' && s[i - 1] != '.'))
			return 0;
	}
	/* a word before it all in capitals: "ИВАНОВ", "ROE" */
	for (size_t k = start; k < i; k += n) {
		int c = transcript_letter_case(s + k, i - k, &n);
		if (s[k] == ' ') {
			if (letters >= 2 && caps == letters)
				break;
			caps = letters = 0;
		}
		letters += c != 0;
		caps += c > 0;
	}
	if (!(letters >= 2 && caps == letters))
		return 0;
	for (size_t k = next; k < len && s[k] != ' '; k += n)
		if (transcript_letter_case(s + k, len - k, &n) < 0)
			return 1;
	return 0;
}

/* The name at s[i]: its end, or 0.  With justified, words may stand
 * apart by up to JUSTIFIED_GAP spaces ("Tuan  Yang  di-Pertua:"). */
static size_t read_name_gapped(const char *s, size_t len, size_t i, int justified)
{
	size_t start = i, words = 0, end = name_word(s, len, i, 1), next = 0, gap;
	/* each word is read once: the look at the word after a name's word
	 * is that word's reading */
	for (; end; end = next) {
		words++;
		/* a deposition's "Q. Did you" and "A. Yes" end at the letter */
		int qa_letter = words == 1 && s[end - 1] == '.' &&
		                ((end - i == 2 && (s[i] == 'Q' || s[i] == 'A' || s[i] == 'R')) ||
		                 numbered_exchange(s + i, end - i - 1) < end - i - 1);
		for (gap = 0; end + gap < len && s[end + gap] == ' ' && gap < JUSTIFIED_GAP;)
			gap++;
		if (words == NAME_WORDS || end - start > NAME_MAX_BYTES || end + gap >= len ||
		    !gap || (gap > 1 && !justified) || qa_letter || sentence_end(s + i, end - i) ||
		    !(next = name_word(s, len, end + gap, 0)) ||
		    initials_end(s, len, start, end, end + gap)) {
			i = end;
			break;
		}
		i = end + gap;
	}
	return words && i - start <= NAME_MAX_BYTES ? i : 0;
}

static size_t read_name(const char *s, size_t len, size_t i)
{
	return read_name_gapped(s, len, i, 0);
}

static int all_caps(const char *s, size_t len)
{
	size_t upper = 0;
	for (size_t i = 0; i < len; i++) {
		if (is_lower(s[i]))
			return 0;
		upper += is_upper(s[i]);
	}
	return upper >= 1;
}

/* A name in a script without case ("위원장 홍길동", "主席"), which a gap
 * after a speaker's circle sets apart as capitals do in Latin script. */
static int caseless(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && !is_upper(s[i]) && !is_lower(s[i]))
		i++;
	return i == len && (unsigned char)s[0] >= 0x80;
}

int transcript_letter_case(const char *s, size_t len, size_t *n)
{
	uint32_t cp = (unsigned char)s[0];
	*n = 1;
	if (cp < 0x80)
		return is_upper(s[0]) ? 1 : is_lower(s[0]) ? -1 : 0;
	if (!(*n = utf8_decode(s, len, &cp)))
		*n = 1;
	if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB) ||
	    (cp >= 0x400 && cp <= 0x42F))
		return 1;
	if ((cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x3AC && cp <= 0x3CE) ||
	    (cp >= 0x430 && cp <= 0x45F))
		return -1;
	return 0;
}

/* Does the name hold a word of two capitals or more ("Mr. ISSA")? */
static int has_caps_word(const char *s, size_t len)
{
	size_t run = 0, n;
	for (size_t i = 0; i < len; i += n)
		if ((run = transcript_letter_case(s + i, len - i, &n) > 0 ? run + 1 : 0) >= 2)
			return 1;
	return 0;
}

/* "The Prime Minister", "An Leas-Chathaoirleach": an office named as a
 * speaker, which prose writes too ("The Problem: ..."), so only a name
 * the document labels again, or in capitals, is one. */
static int function_word_first(const char *s, size_t len)
{
	const char *space = memchr(s, ' ', len);
	return space && in_list(s, (size_t)(space - s), function_words, COUNT(function_words));
}

/* Is the name one that prose uses before a colon, or does it open or
 * close with one, as a record's keys do ("Titre US: The One With ...",
 * "Release Date: 4 March")? */
static int prose_name(const char *s, size_t len)
{
	const char *first = memchr(s, ' ', len);
	size_t tail = len;
	while (tail && s[tail - 1] != ' ')
		tail--;
	return in_list(s, len, prose_names, COUNT(prose_names)) ||
	       (first && (in_list(s, (size_t)(first - s), prose_names, COUNT(prose_names)) ||
	                  in_list(s + tail, len - tail, prose_names, COUNT(prose_names))));
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

/* "MAX_SIZE" is a constant in a README, not a speaker, unless it is a
 * diarisation id: "SPEAKER_00", an underscore and digits to the end. */
static int constant_name(const char *s, size_t len)
{
	const char *under = memchr(s, '_', len);
	if (!under)
		return 0;
	size_t i = (size_t)(under - s) + 1;
	if (i == len)
		return 1;
	while (i < len && is_digit(s[i]))
		i++;
	return i < len;
}

/* "spk05", "speaker_1", "SPK 2": a diarisation's id in lower case or
 * abbreviated, a speaker's word and a number, as speech recognition
 * names whom it cannot name. */
static int diarised_id(const char *s, size_t len)
{
	static const char *const id_stems[] = {"speaker", "spk", "spkr"};
	size_t i = 0;
	while (i < len && (is_lower(s[i]) || is_upper(s[i])))
		i++;
	size_t stem = i;
	if (i < len && (s[i] == '_' || s[i] == ' ' || s[i] == '-'))
		i++;
	size_t digits = i;
	while (i < len && is_digit(s[i]))
		i++;
	return i == len && i > digits && i - digits <= 3 &&
	       in_list(s, stem, id_stems, COUNT(id_stems));
}

/* "II", "XIV": an outline's part ("II: Methods") unless labelled again
 * and again. */
static int roman_numeral(const char *s, size_t len)
{
	if (len < 2 || len > 6)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!strchr("IVXL", s[i]))
			return 0;
	return 1;
}

void transcript_name_judge(const char *s, size_t len, transcript_name *judged)
{
	/* sorted; "R." answers in French, Spanish, Portuguese, Italian */
	static const char *const q[] = {"domanda", "frage", "pergunta", "pregunta", "q",
	                                "question", "\xE9\x97\xAE", "\xE9\x97\xAE\xE9\xA2\x98"},
	                         *const a[] = {"a", "answer", "antwort", "r", "resposta", "respuesta",
	                                       "risposta", "r\xC3\xA9ponse", "\xE7\xAD\x94"};
	size_t letters = 0, lower = 0;
	judged->prose = prose_name(s, len);
	judged->qa = in_list(s, len, q, COUNT(q)) ? 'q' : in_list(s, len, a, COUNT(a)) ? 'a' : 0;
	for (size_t i = 0, n; i < len; i += n) {
		int c = transcript_letter_case(s + i, len - i, &n);
		letters += c != 0;
		lower += c < 0;
	}
	judged->diarised = diarised_id(s, len);
	judged->role = any_word_in(s, len, role_words, COUNT(role_words)) || judged->diarised;
	judged->strong = judged->qa || (letters >= 2 && !lower && !constant_name(s, len)) ||
	                 judged->role;
	judged->weak = function_word_first(s, len) && !judged->strong && !has_caps_word(s, len);
	/* "I: So tell me": an interviewer when labelled again and again, a
	 * pronoun or a first part ("I: Scope") once */
	judged->weak |= (len == 1 && s[0] == 'I') || roman_numeral(s, len);
}

int transcript_label_judged(transcript_label *lab, const transcript_name *judged)
{
	if (judged->prose)
		return 0;
	/* "Operator" says what its speaker is, as "Jane Roe -- Analyst" does */
	if (lab->shape == TRANSCRIPT_SHAPE_ALONE && judged->role)
		lab->bare = 0;
	lab->qa = judged->qa;
	if (lab->qa && !lab->role) {
		lab->role = lab->qa == 'q' ? "question" : "answer";
		lab->role_len = strlen(lab->role);
	}
	/* "London, Paris, Rome:" has a role's shape; a parenthesis is rarer */
	lab->strong |= judged->strong || (lab->role_len && !lab->comma_role);
	return 1;
}

#define FULLWIDTH_OPEN  "\xEF\xBC\x88" /* U+FF08 */
#define FULLWIDTH_CLOSE "\xEF\xBC\x89" /* U+FF09 */
#define NICK_MAX        24 /* bytes of a chat nickname */

/* Is the three-byte character c (a full-width colon or parenthesis) at s[i]? */
static int wide_at(const char *s, size_t len, size_t i, const char *c)
{
	return i + 3 <= len && memcmp(s + i, c, 3) == 0;
}

static size_t skip_gaps(const char *s, size_t len, size_t i)
{
	size_t n;
	while ((n = transcript_gap(s, len, i)))
		i += n;
	return i;
}

/* The bytes of the space at s[i] that French typography sets before a
 * colon ("ANNE : Bonjour", "Anne\u00a0: Bonjour"): a blank, a no-break
 * or a narrow no-break space; 0 for none. */
static size_t colon_space(const char *s, size_t len, size_t i)
{
	return i < len && s[i] == ' '                             ? 1
	       : i + 1 < len && !memcmp(s + i, "\xC2\xA0", 2)      ? 2
	       : i + 2 < len && !memcmp(s + i, "\xE2\x80\xAF", 3) ? 3
	                                                          : 0;
}

/* The colon ending a label at s[i]: 1 with blanks or the line's end
 * after it, 2 when text follows at once ("AvD:Hola", not "10:30" or
 * "http://"), else 0; *after is past it. */
static int is_colon(const char *s, size_t len, size_t i, size_t *after)
{
	if (wide_at(s, len, i, FULLWIDTH_COLON)) {
		*after = i + 3;
		return 1;
	}
	size_t space = colon_space(s, len, i);
	if (space && i + space < len && s[i + space] == ':' &&
	    (i + space + 1 == len || transcript_gap(s, len, i + space + 1))) {
		*after = i + space + 1;
		return 1;
	}
	if (i >= len || s[i] != ':')
		return 0;
	*after = i + 1;
	if (i + 1 == len || transcript_gap(s, len, i + 1))
		return 1;
	char c = s[i + 1];
	return !is_digit(c) && c != '/' && c != ':' && c != '=' && c != ')' && c != '(' ? 2 : 0;
}

static void keep(transcript_label *lab, size_t off, size_t len)
{
	if (len) {
		lab->keep_off[lab->keep_count] = off;
		lab->keep_len[lab->keep_count++] = len;
	}
}

/* The bytes of the opening parenthesis at s[i], ASCII or full-width. */
static size_t paren_open(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '(')
		return 1;
	return wide_at(s, len, i, FULLWIDTH_OPEN) ? 3 : 0;
}

/* "(Spokesperson)", "（LW）" or "(00:05)" at s[i]: the end, or 0.  The
 * text inside goes to *in. */
static size_t read_paren(const char *s, size_t len, size_t i, transcript_label *lab,
                         transcript_attr *in)
{
	size_t open = paren_open(s, len, i);
	int64_t ms; /* transcript_time may set it and still refuse: "(10:30 am)" */
	size_t time_len =
	        open == 1 ? transcript_time(s + i, len - i, TRANSCRIPT_TIME_BRACKETED, 0, &ms) : 0;
	if (time_len) {
		lab->ms = ms;
		lab->strong = 1;
		return i + time_len;
	}
	size_t start = i + open, end = start;
	int inner = 0; /* "(Richmond (Yorks))": one parenthesis inside */
	while (end < len && end - start < ROLE_MAX && !strchr(":[]", s[end]) &&
	       !(open == 3 && wide_at(s, len, end, FULLWIDTH_CLOSE))) {
		if (open == 1 && s[end] == '(' && !inner && end > start)
			inner = 1;
		else if (open == 1 && s[end] == ')' && inner)
			inner = 0;
		else if (s[end] == '(' || s[end] == ')' || paren_open(s, len, end))
			break;
		end++;
	}
	size_t close = open == 1 ? (end < len && s[end] == ')')
	                         : wide_at(s, len, end, FULLWIDTH_CLOSE) * 3;
	if (!close || end == start)
		return 0;
	in->value = s + start;
	in->len = end - start;
	return end + close;
}

/* "AvD" for "Anna van Dijk", "MF" for "Michael Folkson": the capitals
 * of the short form are those that open the name's words, in order. */
static int is_initials(const char *name, size_t name_len, const char *r, size_t r_len)
{
	size_t w = 0, caps = 0;
	if (r_len > 6 || !is_upper(r[0]))
		return 0;
	for (size_t k = 0; k < r_len; k++) {
		if (!is_upper(r[k])) {
			if (!is_lower(r[k]))
				return 0;
			continue;
		}
		while (w < name_len && !(is_upper(name[w]) && (w == 0 || name[w - 1] == ' ')))
			w++;
		if (w == name_len || name[w] != r[k])
			return 0;
		w++;
		caps++;
	}
	return caps >= 2;
}

/* One or two parentheticals after the name at s[i]: a role, an alias
 * ("(AvD)"), a time, or a constituency and a party ("(Northtown)
 * (Lab)").  The end, i when there are none, 0 when malformed. */
static size_t read_parens(const char *s, size_t len, size_t i, transcript_label *lab)
{
	transcript_attr in[2] = {{0}};
	int count = 0;
	while (count < 2) {
		size_t at = i + (i < len && s[i] == ' ');
		if (!paren_open(s, len, at))
			break;
		size_t end = read_paren(s, len, at, lab, &in[count]);
		if (!end)
			return 0;
		i = end;
		count += in[count].value != NULL;
		if (lab->ms != STENO_TIME_NONE)
			break;
	}
	if (count == 2) {
		/* "Mr. Abulhasan (Kuwait) (interpretation from Arabic):": prose
		 * hardly puts two parentheses before a colon, but for a year
		 * ("Marseille (France) (2019):") */
		lab->strong = 1;
		for (size_t k = 0; k < in[1].len; k++)
			lab->strong &= !is_digit(in[1].value[k]);
		in[0].name = "constituency";
		in[1].name = "party";
		lab->attrs[lab->attr_count++] = in[0];
		lab->attrs[lab->attr_count++] = in[1];
	} else if (count == 1 && is_initials(lab->name, lab->name_len, in[0].value, in[0].len)) {
		lab->alias = 1;
		lab->role = in[0].value; /* the short form, which later labels use */
		lab->role_len = in[0].len;
	} else if (count == 1) {
		lab->role = in[0].value;
		lab->role_len = in[0].len;
	}
	return i;
}

/* ", ANALYST, ACME BANK" after the name at s[i]: a role and an
 * affiliation, each name-like.  The end, or i when there is none. */
static size_t dash_at(const char *s, size_t len, size_t i);

/* ", on behalf of the PPE Group. – Madam President": the European
 * Parliament's role after a comma, ended by a full stop and a dash.
 * The end of the role (the full stop), or i. */
static size_t read_dashed_role(const char *s, size_t len, size_t i, transcript_label *lab)
{
	if (i + 2 >= len || s[i] != ',' || s[i + 1] != ' ')
		return i;
	for (size_t end = i + 2; end < len && end - i <= 2 * ROLE_MAX && s[end] != ':'; end++)
		if (s[end] == '.' && end > i + 2 && dash_at(s, len, end + 1)) {
			lab->role = s + i + 2;
			lab->role_len = end - i - 2;
			lab->comma_role = 1;
			return end;
		}
	return i;
}

/* A role after a comma, to the label's colon: "Parl. Staatssekretär
 * beim Bundesminister der Justiz", "Leader of the Government in the
 * House of Commons".  An office's title keeps words in lower case and
 * abbreviations that a name's sentence test would stop at; it opens
 * and ends with a word that is not in lower case ("Members of the
 * committee said" is a clause), and holds only words.  Its end, or 0. */
static size_t read_role(const char *s, size_t len, size_t i)
{
	size_t start = i, words = 0, n;
	if (i >= len || !name_char(s + i, len - i, 1))
		return 0;
	for (;;) {
		size_t word = i;
		if (i + 1 < len && s[i] == '&' && s[i + 1] == ' ') /* "CHAIRMAN & CEO" */
			i++;
		while (i < len && (n = name_char(s + i, len - i, 0)))
			i += n;
		if (i == word || ++words > ROLE_WORDS || i - start > ROLE_MAX)
			return 0;
		if (i + 1 >= len || s[i] != ' ' ||
		    !(name_char(s + i + 1, len - i - 1, 0) || s[i + 1] == '&'))
			return is_lower(s[word]) ? 0 : i;
		i++;
	}
}

static size_t read_commas(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t at = i, end, parts = 0;
	const char *part[2];
	size_t part_len[2];
	while (parts < 2 && at + 2 < len && s[at] == ',' && s[at + 1] == ' ' &&
	       (end = read_role(s, len, at + 2))) {
		part[parts] = s + at + 2;
		part_len[parts++] = end - at - 2;
		at = end;
	}
	/* "CHAIR, ASSEMBLY STANDING COMMITTEE ON CORPORATIONS, AUTHORITIES
	 * AND COMMISSIONS": a committee's name holds commas of its own */
	while (parts == 2 && at + 2 < len && s[at] == ',' && s[at + 1] == ' ' &&
	       (end = read_role(s, len, at + 2)) && end - (size_t)(part[1] - s) <= ROLE_MAX) {
		part_len[1] = end - (size_t)(part[1] - s);
		at = end;
	}
	if (!parts || (at < len && s[at] != ':' && !wide_at(s, len, at, FULLWIDTH_COLON)))
		return read_dashed_role(s, len, i, lab);
	lab->role = part[0];
	lab->role_len = part_len[0];
	lab->comma_role = 1;
	if (parts == 2)
		lab->attrs[lab->attr_count++] =
		        (transcript_attr){"affiliation", part[1], part_len[1]};
	return at;
}

/* What follows the label's text (its separator at s[i], ending at
 * after) stays text; the label's shape is shape. */
static int label_ends(transcript_label *lab, const char *s, size_t len, size_t after, int shape)
{
	lab->shape = shape;
	after = skip_gaps(s, len, after);
	keep(lab, after, len - after);
	lab->said_off = after;
	return 1;
}

/* The dash a play's label ends with, straight after its full stop:
 * "TRISTÁN.— Nada", "ROSAURA.- Sì", "LUCÍA.-¿Y?", and the blanks after
 * it; its end, or 0. */
static size_t tight_dash(const char *s, size_t len, size_t i)
{
	static const char *const dashes[] = {"--", "-", "\xE2\x80\x93", "\xE2\x80\x94"};
	for (size_t k = 0; k < COUNT(dashes); k++) {
		size_t end = i + strlen(dashes[k]);
		if (end > len || memcmp(s + i, dashes[k], end - i) != 0)
			continue;
		if (end == len || transcript_is_blank(s[end]))
			return skip_gaps(s, len, end);
		/* the speech straight after: a letter, "¿", "(" */
		int speech = (unsigned char)s[end] >= 0x80 || is_upper(s[end]) || is_lower(s[end]) ||
		             s[end] == '(';
		return speech ? end : 0;
	}
	return 0;
}

/* "Mr. ISSA. Mr. Chairman," or "Mephistopheles." alone: a name that
 * ends in a full stop is a label only in capitals or on its own line. */
static int period_label(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t dashed;
	if (lab->name_len < 2 || lab->name[lab->name_len - 1] != '.' || lab->role)
		return 0;
	if (i < len && !transcript_gap(s, len, i)) {
		if (!(dashed = tight_dash(s, len, i)))
			return 0;
		lab->name_len--;
		lab->written_len = lab->name_len;
		lab->strong = has_caps_word(lab->name, lab->name_len);
		return label_ends(lab, s, len, dashed, TRANSCRIPT_SHAPE_PERIOD);
	}
	/* "President. – The next item": the European Parliament's dash */
	dashed = dash_at(s, len, i);
	if (dashed) {
		lab->name_len--;
		lab->written_len = lab->name_len;
		lab->strong = 1;
		return label_ends(lab, s, len, dashed, TRANSCRIPT_SHAPE_PERIOD);
	}
	/* "Q. Did you ...", "A. Yes.", "Mme Mathilde Panot. Merci": a
	 * name of one title-case word ("Yes. We did.") is a sentence */
	size_t stem = numbered_exchange(lab->name, lab->name_len - 1);
	if (i < len && !has_caps_word(lab->name, lab->name_len) &&
	    !(lab->name_len == 2 && strchr("QAR", lab->name[0])) &&
	    stem == lab->name_len - 1 && !memchr(lab->name, ' ', lab->name_len))
		return 0;
	lab->written_len = lab->name_len - 1;
	lab->name_len = stem;
	lab->numbered = stem < lab->written_len;
	lab->strong = has_caps_word(lab->name, lab->name_len);
	/* "ИВАНОВ И.И.": the full stop is the initial's as well */
	size_t n = lab->name_len, last = n ? n - 1 : 0;
	while (last && ((unsigned char)lab->name[last] & 0xC0) == 0x80)
		last--;
	if (!lab->numbered && last >= 2 && lab->name[last - 1] == '.' && lab->name[last] != '.')
		lab->name_len = lab->written_len = n + 1;
	return label_ends(lab, s, len, i, TRANSCRIPT_SHAPE_PERIOD);
}

/* The dash of "Tim Cook -- Chief Executive Officer" at s[i]: its end
 * with the blank after it, or 0. */
static size_t dash_at(const char *s, size_t len, size_t i)
{
	static const char *const dashes[] = {" -- ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
	/* every line's name is asked: most have a word after the blank */
	if (i + 3 > len || s[i] != ' ' || (s[i + 1] != '-' && s[i + 1] != '\xE2'))
		return 0;
	for (size_t k = 0; k < COUNT(dashes); k++) {
		size_t n = strlen(dashes[k]);
		if (i + n <= len && memcmp(s + i, dashes[k], n) == 0)
			return i + n;
	}
	return 0;
}

/* A role and affiliation after a dash, to the end of s, as earnings
 * calls and their like label a speaker alone on a line ("Jane Roe --
 * Acme Bank -- Analyst", "Jason Wang - MediaTek, Investor Relations"):
 * name-like runs between dashes and commas, the last the role, the
 * first (when there are more) the affiliation.  The end of the name
 * and role (len, or i when there is none). */
static size_t read_dash_role(const char *s, size_t len, size_t i, transcript_label *lab)
{
	while (len > i && transcript_is_blank(s[len - 1]))
		len--;
	size_t at = dash_at(s, len, i), first_end = 0, end;
	/* "JANE DOE — Yes." is an answer, not a role */
	if (!at || len - at > 2 * ROLE_MAX || strchr(".?!", s[len - 1]))
		return i;
	for (size_t from = at; (end = read_name(s, len, from));) {
		size_t next = end + 2 <= len && s[end] == ',' && s[end + 1] == ' ' ? end + 2
		                                                                    : dash_at(s, len, end);
		if (end == len) {
			lab->role = s + from;
			lab->role_len = len - from;
			if (first_end && lab->attr_count < (int)COUNT(lab->attrs))
				lab->attrs[lab->attr_count++] =
				        (transcript_attr){"affiliation", s + at, first_end - at};
			return len;
		}
		if (!next)
			break;
		if (!first_end)
			first_end = end;
		from = next;
	}
	return i;
}

/* A name alone on its line, with at most a role after a dash: the
 * speech follows on the next lines, as in plays and earnings calls.
 * Whether the line is alone and first in its paragraph, the caller
 * knows. */
static int alone_label(const char *s, size_t len, size_t i, transcript_label *lab)
{
	i = read_dash_role(s, len, i, lab);
	if (skip_gaps(s, len, i) != len || lab->ms != STENO_TIME_NONE)
		return 0;
	lab->written_len = (size_t)(s + i - lab->written);
	lab->shape = TRANSCRIPT_SHAPE_ALONE;
	lab->bare = !lab->role_len && !lab->attr_count && !lab->timed; /* "00:00:05 Ann Lee" */
	return 1;
}

/* One time in brackets after a name, "Ann Lee [1:02]: ...", which
 * starts the turn: its end, or i when there is none. */
static size_t read_time_token(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t at = i + (i < len && s[i] == ' '), t;
	if (lab->ms != STENO_TIME_NONE || at >= len || s[at] != '[' ||
	    !(t = transcript_time(s + at, len - at, TRANSCRIPT_TIME_BRACKETED, 0, &lab->ms)))
		return i;
	return at + t;
}

/* A dash between a label and its text ("Ann Lee (6:28) - We start"):
 * past it and its blanks, or 0.  Straight after a plain name, the dash
 * of a role alone on the line ("Tim Cook -- CEO") is not one. */
static size_t dash_separator(const char *s, size_t len, size_t i, const transcript_label *lab,
                             int plain)
{
	size_t d = dash_at(s, len, i);
	if (!d)
		return 0;
	transcript_label probe = *lab;
	if (plain && lab->ms == STENO_TIME_NONE && read_dash_role(s, len, i, &probe) == len)
		return 0;
	return skip_gaps(s, len, d);
}

/* What may follow a name: parentheticals or commas and a colon; or
 * blanks and a time ending the line; or a full stop; or nothing else
 * on the line; or, after "Q" or a name in capitals, a gap of two
 * blanks.  A time is part of the label (the turn's start), not of the
 * text. */
/* What follows a name in capitals and a gap: a table's columns, not
 * speech, when it holds no letter ("SAGE      363") or is a word or two
 * in capitals ("STATEMENT    QUESTIONS"), as a witness list's are. */
static int table_row(const char *s, size_t len)
{
	size_t letters = 0, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (is_lower(s[i]) || (unsigned char)s[i] >= 0x80 || s[i] == '.' || s[i] == '?' ||
		    s[i] == '!' || s[i] == ',')
			return 0;
		letters += is_upper(s[i]);
		words += s[i] == ' ' && i + 1 < len && s[i + 1] != ' ';
	}
	return !letters || words <= 2;
}

/* "Menteri di Jabatan Perdana Menteri [Tan Sri Bernard Dompok]": an
 * office, and in square brackets the person who holds it, whom later
 * labels name alone; the person is the name, the office the role.  The
 * end, or i when there is none. */
static size_t read_holder(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t at = i + 1, end;
	/* a person's names, not a party's letters ("Kauder [CDU/CSU]:") */
	if (at + 1 >= len || s[i] != ' ' || s[at] != '[' || lab->role ||
	    !(end = read_name_gapped(s, len, at + 1, 1)) || end >= len || s[end] != ']' ||
	    !memchr(s + at + 1, ' ', end - at - 1))
		return i;
	lab->role = lab->name;
	lab->role_len = lab->name_len;
	lab->name = s + at + 1;
	lab->name_len = end - at - 1;
	return end + 1;
}

/* Words a chat's stamp may hold beside its date and time ("Today at
 * 10:02 PM", "Mon 7 Dec 2026, 10:02"), and their letters at most. */
#define STAMP_WORDS   3
#define STAMP_LETTERS 9

/* "Ann Lee, [07.12.2026 10:05]" (Telegram), "Ann Lee — Today at 10:02
 * PM" (Discord), "Ann Lee | 12/07/26 10:02": a chat's sender, then a
 * comma, a dash or a bar and the message's date and time, alone on the
 * line, the message under it.  The time of day is the turn's start;
 * the whole line is the label as written. */
static int chat_header(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t at = i, words = 0, letters = 0, t = 0;
	const char *stamp_time = NULL;
	int64_t ms = STENO_TIME_NONE;
	while (len > i && transcript_is_blank(s[len - 1]))
		len--;
	if (lab->ms != STENO_TIME_NONE || lab->role || lab->attr_count || at >= len)
		return 0;
	/* a timetable writes "Paris, 10:05" too: after a comma, the sender
	 * must be named again */
	int comma = s[at] == ',';
	if (at + 1 < len && s[at] == ' ' && s[at + 1] == '|')
		at++;
	if (comma || s[at] == '|')
		at = skip_gaps(s, len, at + 1);
	else if (!(at = dash_at(s, len, at)))
		return 0;
	for (size_t k = at; k < len; k++) {
		char c = s[k];
		if (is_upper(c) || is_lower(c)) {
			words += !(k > at && (is_upper(s[k - 1]) || is_lower(s[k - 1])));
			letters = k > at && (is_upper(s[k - 1]) || is_lower(s[k - 1])) ? letters + 1 : 1;
			if (words > STAMP_WORDS || letters > STAMP_LETTERS)
				return 0;
		} else if (!is_digit(c) && !strchr(" []().,/:-", c)) {
			return 0;
		} else if (is_digit(c) && !t && (k == at || !strchr(":.", s[k - 1])) &&
		           !(k > at && is_digit(s[k - 1]))) {
			t = transcript_time(s + k, len - k, TRANSCRIPT_TIME_BARE, 1, &ms);
			/* "10:02 PM]": the stamp's bracket may close after it */
			if (t && k + t < len && !strchr(" ])", s[k + t]))
				t = 0;
			stamp_time = s + k;
		}
	}
	if (!t)
		return 0;
	/* a time of day: "10:05" is five past ten, not ten minutes */
	const char *clock = memchr(stamp_time, ':', t);
	if (!memchr(clock + 1, ':', t - (size_t)(clock + 1 - stamp_time)) &&
	    !memchr(stamp_time, 'M', t))
		ms *= 60;
	lab->ms = ms;
	lab->strong = !comma;
	lab->written_len = len - (size_t)(lab->written - s);
	lab->shape = TRANSCRIPT_SHAPE_COLON;
	return 1;
}

/* Bytes of a verb of saying between a name and its colon at most. */
#define VERB_MAX 24

/* "Сырорезка говорит: ...", "Alice says: ...": a game's or a chat's log
 * names the speaker, then a verb of saying, then the colon.  The verb,
 * one word in lower case, is no part of the name; the survey takes the
 * shape only where one verb recurs with several names
 * (transcript_survey_decide), so it needs no list of verbs.  Its caller
 * knows the name ends in no full stop. */
static int verb_label(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t w = i + 1, n = 0, after;
	/* asked of most prose lines: ASCII is tested inline */
	while (w < len && w - i - 1 <= VERB_MAX &&
	       (is_lower(s[w]) ? (n = 1) : (unsigned char)s[w] >= 0x80 &&
	                                           transcript_letter_case(s + w, len - w, &n) < 0))
		w += n;
	if (w == i + 1 || w - i - 1 > VERB_MAX || is_colon(s, len, w, &after) != 1)
		return 0;
	/* 'Anna Berg said: "We cannot ..."': a story quotes what was said */
	size_t said = skip_gaps(s, len, after);
	lab->quoted = said < len && (s[said] == '"' || s[said] == '\'' ||
	                             (said + 1 < len && (!memcmp(s + said, "\xE2\x80", 2) ||
	                                                 !memcmp(s + said, "\xC2\xAB", 2))));
	lab->verb = s + i + 1;
	lab->verb_len = w - i - 1;
	lab->written_len = w - (size_t)(lab->written - s);
	return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_VERB);
}

static int label_tail(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t after, n, t;
	int colon;
	/* Prose's capitalised first word ("Court remain ..."), every line's
	 * question: one blank and a word in lower case after a name is no
	 * shape below (each wants a parenthesis, bracket, comma, colon,
	 * dash or second blank there, or the name's full stop) but a verb
	 * of saying's */
	if (i + 1 < len && s[i] == ' ' && lab->name[lab->name_len - 1] != '.' &&
	    (is_lower(s[i + 1]) ||
	     ((unsigned char)s[i + 1] >= 0x80 && transcript_letter_case(s + i + 1, len - i - 1, &n) < 0)))
		return verb_label(s, len, i, lab);
	if (!(i = read_parens(s, len, i, lab)))
		return 0;
	i = read_holder(s, len, i, lab);
	i = read_commas(s, len, i, lab);
	lab->written_len = (size_t)(s + i - lab->written);
	i = read_time_token(s, len, i, lab);
	/* "Presidenten []:": the Storting's record leaves a time's brackets
	 * empty */
	if (i + 3 < len && !memcmp(s + i, " []", 3) && is_colon(s, len, i + 3, &after))
		i += 3;
	lab->written_len = (size_t)(s + i - lab->written);
	if ((colon = is_colon(s, len, i, &after)))
		return label_ends(lab, s, len, after,
		                  colon == 1 ? TRANSCRIPT_SHAPE_COLON : TRANSCRIPT_SHAPE_TIGHT);
	/* "ROSSI (PD). Grazie": Italy's chambers give the group in
	 * parentheses, then a full stop */
	if (lab->role && !lab->comma_role && i + 1 < len && s[i] == '.' &&
	    transcript_gap(s, len, i + 1) && has_caps_word(lab->name, lab->name_len))
		return label_ends(lab, s, len, i + 1, TRANSCRIPT_SHAPE_PERIOD);
	/* "Ursula von der Leyen, President of the Commission. –" and
	 * "President. –": the European Parliament's full stop and dash */
	if (lab->comma_role && i < len && s[i] == '.' && (after = dash_at(s, len, i + 1))) {
		lab->strong = 1;
		return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_PERIOD);
	}
	if (!lab->role && !lab->attr_count && lab->name[lab->name_len - 1] == '.' &&
	    dash_at(s, len, i) && period_label(s, len, i, lab))
		return 1;
	if (chat_header(s, len, i, lab))
		return 1;
	if ((after = dash_separator(s, len, i, lab, 1)))
		return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_DASH);
	if (lab->ms != STENO_TIME_NONE) {
		/* "Speaker 1 (00:00:05)" alone, the words under it */
		if (skip_gaps(s, len, i) != len || lab->role)
			return 0;
		lab->strong = 1;
		lab->shape = TRANSCRIPT_SHAPE_COLON;
		return 1;
	}
	if (!lab->role && !lab->attr_count && period_label(s, len, i, lab))
		return 1;
	if (alone_label(s, len, i, lab))
		return 1;
	/* "○議長（山東昭子君）　これより": the Diet's records set the speech
	 * apart by an ideographic space */
	if (i + 3 < len && !memcmp(s + i, "\xE3\x80\x80", 3))
		return label_ends(lab, s, len, i + 3, TRANSCRIPT_SHAPE_SPACES);
	/* "〇議長(長野勉君) これより": or a blank, after the mark's name and
	 * its parenthesis */
	if (lab->marked && lab->role && i + 1 < len && s[i] == ' ' && caseless(lab->name, lab->name_len))
		return label_ends(lab, s, len, i + 1, TRANSCRIPT_SHAPE_SPACES);
	if (lab->role || lab->attr_count)
		return 0;
	n = skip_gaps(s, len, i);
	t = n > i ? transcript_time(s + n, len - n,
	                            TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1, &lab->ms)
	          : 0;
	if (t && n + t == len) {
		/* Otter's two blanks ("Ann Lee  0:04") are a transcript's; one
		 * ("Platform 2 10:15") wants the name labelled again */
		lab->strong = n - i >= 2;
		lab->written_len = len - (size_t)(lab->written - s);
		lab->shape = TRANSCRIPT_SHAPE_COLON;
		return 1;
	}
	lab->ms = STENO_TIME_NONE;
	if (n < len && n - i >= 2 && !table_row(s + n, len - n) &&
	    (all_caps(lab->name, lab->name_len) ||
	     (lab->marked && caseless(lab->name, lab->name_len))))
		return label_ends(lab, s, len, n, TRANSCRIPT_SHAPE_SPACES);
	return 0;
}

/* A chat nickname, "mk" or "pnkfelix": lower case, one word; its end or 0. */
static size_t read_nick(const char *s, size_t len, size_t i)
{
	size_t start = i;
	if (i >= len || !is_lower(s[i]))
		return 0;
	while (i < len && i - start < NICK_MAX &&
	       (is_lower(s[i]) || is_digit(s[i]) || s[i] == '_' || s[i] == '-'))
		i++;
	return i < len && (s[i] == ':' || s[i] == '>') ? i : 0;
}

static void set_name(transcript_label *lab, const char *s, size_t from, size_t to)
{
	lab->name = lab->written = s + from;
	lab->written_len = to - from;
	lab->name_len = numbered_exchange(lab->name, lab->written_len);
	lab->numbered = lab->name_len < lab->written_len;
}

/* The elements of HTML a line may open with ("<p>", "<b>"), which are
 * markup and no one's nickname.  Lower case, sorted. */
static const char *const html_elements[] = {
	"a", "abbr", "b", "bdi", "bdo", "big", "br", "center", "cite", "code", "data", "del",
	"details", "dfn", "div", "em", "font", "i", "img", "input", "ins", "kbd", "label",
	"mark", "p", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "summary",
	"sup", "time", "tt", "u", "var", "wbr",
};

/* "[Speaker 2] text" or "<Ege> text": a name in brackets, then a blank.
 * A stage direction ("[Laughter]") is not one. */
static int bracketed_label(const char *s, size_t len, size_t i, transcript_label *lab)
{
	const char *kind;
	char close = s[i] == '[' ? ']' : '>';
	size_t end = read_name(s, len, i + 1);
	int nick = !end && (end = read_nick(s, len, i + 1)) != 0;
	size_t after = end + 1, colon_end;
	if (!end || end >= len || s[end] != close || transcript_event(s + i, len - i, &kind) ||
	    (close == '>' && in_list(s + i + 1, end - i - 1, html_elements, COUNT(html_elements))))
		return 0;
	/* "[SPEAKER_00]: Hello": a colon after the bracket is the separator */
	if (is_colon(s, len, after, &colon_end) == 1)
		after = colon_end;
	else if (after < len && !transcript_gap(s, len, after))
		return 0;
	set_name(lab, s, i + 1, end);
	return label_ends(lab, s, len, after,
	                  nick || close == '>' ? TRANSCRIPT_SHAPE_NICK : TRANSCRIPT_SHAPE_BRACKET);
}


int transcript_chat_nick(const char *s, size_t len, transcript_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	lab->said_off = len;
	if (len < 3 || s[0] != '<' || s[len - 1] != '>' || !bracketed_label(s, len, 0, lab) ||
	    lab->name_len != len - 2)
		return 0;
	return lab->shape == TRANSCRIPT_SHAPE_NICK;
}

int transcript_icon_label(const char *s, size_t len, transcript_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	lab->said_off = len;
	if (len < 10 || strncmp(s, "<img", 4) != 0 || s[len - 1] != '>')
		return 0;
	const char *alt = NULL;
	for (size_t i = 4; i + 5 < len && !alt; i++)
		if (transcript_is_blank(s[i]) && !strncmp(s + i + 1, "alt=", 4))
			alt = s + i + 5;
	if (!alt || (*alt != '\'' && *alt != '"'))
		return 0;
	const char *end = memchr(alt + 1, *alt, len - (size_t)(alt + 1 - s)), *from = alt + 1;
	if (!end)
		return 0;
	for (const char *p = from; p < end; p++)
		if (*p == '/')
			from = p + 1;
	const char *dot = end;
	for (const char *p = from; p < end; p++)
		if (*p == '.')
			dot = p;
	/* a word: letters, digits, "_" and "-", as a handle is */
	if (dot == from || dot - from > 32)
		return 0;
	for (const char *p = from; p < dot; p++)
		if (!((unsigned char)*p >= 0x80 || is_upper(*p) || is_lower(*p) || is_digit(*p) ||
		      *p == '_' || *p == '-'))
			return 0;
	set_name(lab, s, (size_t)(from - s), (size_t)(dot - s));
	lab->written = s; /* the image as written leaves the text for the label */
	lab->written_len = len;
	lab->shape = TRANSCRIPT_SHAPE_NICK;
	lab->icon = 1;
	return 1;
}

/* "mk: that makes sense": a nickname and a colon. */
static int nick_label(const char *s, size_t len, size_t i, transcript_label *lab)
{
	size_t end = read_nick(s, len, i), after;
	if (!end && i < len && s[i] == '?') { /* "???:", a voice the scribe could not name */
		size_t q = i;
		while (q < len && q - i < 4 && s[q] == '?')
			q++;
		end = q - i >= 2 && q < len && s[q] == ':' ? q : 0;
	}
	if (!end || is_colon(s, len, end, &after) != 1 || after >= len)
		return 0;
	set_name(lab, s, i, end);
	return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_NICK);
}

/* A court reporter's line number, then a time, before the label: both
 * stay text.  Where the label starts, or len when the line is only that. */
static size_t label_start(const char *s, size_t len, transcript_label *lab)
{
	/* invisible marks are no part of a label: kept before a margin or
	 * a stamp, which stay text, and dropped before a name */
	size_t inv = transcript_invisible(s, len);
	unsigned number;
	size_t pre = transcript_margin(s + inv, len - inv);
	/* "01 T: what is this?": a line's number, as transcripts of talk
	 * number every line, is a margin too */
	if (!pre)
		pre = transcript_line_number(s + inv, len - inv, &number);
	if (pre && inv + pre < len) {
		lab->margin = 1;
		keep(lab, 0, pre += inv);
	} else if ((pre = transcript_chat_stamp(s + inv, len - inv)) && inv + pre < len) {
		keep(lab, 0, pre += inv); /* the message's date and time stay text */
	} else {
		pre = 0;
	}
	/* "\u00a0 \u00a0 THE PRESIDENT:": padding a web page's export keeps;
	 * "○岸田文雄君": the mark that opens a speaker's line in Japanese and
	 * Korean records;
	 * ">> ANN LEE:": the chevrons that mark a change of speaker in
	 * captions */
	if (!pre) {
		pre = skip_gaps(s, len, inv);
		/* any geometric shape: councils mark the chair "◎", members
		 * "◆", officials "○" */
		if (pre + 3 <= len && (((unsigned char)s[pre] == 0xE2 &&
		                        (((unsigned char)s[pre + 1] == 0x96 &&
		                          (unsigned char)s[pre + 2] >= 0xA0) ||
		                         (unsigned char)s[pre + 1] == 0x97)) ||
		                       !memcmp(s + pre, "\xE3\x80\x87", 3))) {
			/* "〇", the ideographic zero set as a circle, is a word to
			 * the reader's eye: it stays text */
			if (!memcmp(s + pre, "\xE3\x80\x87", 3) && !lab->keep_count)
				keep(lab, pre, 3);
			pre += 3;
			lab->marked = 1;
		}
		else if (pre + 3 <= len && s[pre] == '>' && s[pre + 1] == '>' &&
		         transcript_gap(s, len, pre + 2))
			pre = skip_gaps(s, len, pre + 2);
	}
	/* "0:05 Ann Lee: ...": a short time too, since a label must follow */
	size_t t = transcript_time(s + pre, len - pre,
	                           TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1, &lab->ms);
	lab->ms = STENO_TIME_NONE; /* a time before the label stays text */
	if (!t)
		return pre;
	if (pre + t == len || !transcript_gap(s, len, pre + t))
		return len;
	size_t after = skip_gaps(s, len, pre + t), dash;
	/* "00:01:02 - Ann Lee": a dash between the time and the name */
	if ((dash = dash_at(s, len, after - 1)) && dash > after)
		after = skip_gaps(s, len, dash);
	if (lab->keep_count)
		lab->keep_len[0] = after; /* the margin and the time, one piece */
	else
		keep(lab, 0, after);
	lab->timed = 1;
	return after;
}

/* "**Jane Roe:** text" or "**Jane Roe**" alone in plain text: Markdown's
 * bold or italics written into a text file, read as that markup's
 * label would be (transcript_label_whole). */
static int emphasised_label(const char *s, size_t len, size_t pre, transcript_label *lab)
{
	size_t m = pre + 1 < len && s[pre + 1] == s[pre] ? 2 : 1, from = pre + m, close, after;
	const char *end = NULL;
	for (size_t i = from; i + m <= len && !end; i++)
		if (s[i] == s[pre] && (m == 1 || s[i + 1] == s[pre]))
			end = s + i;
	if (!end || end == s + from)
		return 0;
	close = (size_t)(end - s);
	transcript_label inner;
	int has_colon;
	if (!transcript_label_whole(s + from, close - from, &has_colon, &inner))
		return 0;
	/* what label_start kept of the line stays kept */
	memcpy(inner.keep_off, lab->keep_off, sizeof inner.keep_off);
	memcpy(inner.keep_len, lab->keep_len, sizeof inner.keep_len);
	inner.keep_count = lab->keep_count;
	inner.margin = lab->margin;
	*lab = inner; /* written: the label inside the markup */
	after = close + m;
	if (has_colon)
		return after == len || transcript_gap(s, len, after)
		               ? label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_COLON)
		               : 0;
	if (is_colon(s, len, after, &after) == 1)
		return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_COLON);
	/* "_Mel._ I do.": a dialogue's name, cut short, its full stop in the
	 * italics */
	if (s[close - 1] == '.' && transcript_gap(s, len, after) && skip_gaps(s, len, after) < len)
		return label_ends(lab, s, len, after, TRANSCRIPT_SHAPE_PERIOD);
	if (skip_gaps(s, len, after) == len) {
		lab->shape = TRANSCRIPT_SHAPE_ALONE;
		lab->bare = !lab->role_len;
		return 1;
	}
	size_t sep = transcript_label_after_markup(s + after, len - after, lab);
	return sep ? label_ends(lab, s, len, after + sep, lab->shape) : 0;
}

size_t transcript_label_after_markup(const char *s, size_t len, transcript_label *lab)
{
	size_t i = 0, t, after;
	if (lab->ms == STENO_TIME_NONE) {
		i = skip_gaps(s, len, 0);
		t = transcript_time(s + i, len - i, TRANSCRIPT_TIME_BRACKETED, 0, &lab->ms);
		if (t) {
			lab->time_text = s + i;
			lab->time_text_len = t;
		}
		i = t ? i + t : 0;
	}
	int colon = is_colon(s, len, i, &after);
	if (colon) {
		lab->shape = colon == 1 ? TRANSCRIPT_SHAPE_COLON : TRANSCRIPT_SHAPE_TIGHT;
		return skip_gaps(s, len, after);
	}
	if ((after = dash_separator(s, len, i, lab, 0))) {
		lab->shape = TRANSCRIPT_SHAPE_DASH;
		return after;
	}
	lab->ms = STENO_TIME_NONE;
	lab->time_text = NULL;
	return 0;
}

/* Fields of a record that make a line data, not speech, and the bytes
 * read for them: every label's line is asked. */
#define RECORD_FIELDS 6
#define RECORD_SCAN   256

/* Is s[from..to) one word with a letter, blanks around it aside? */
static int one_word(const char *s, size_t from, size_t to)
{
	int letter = 0;
	while (from < to && transcript_is_blank(s[from]))
		from++;
	while (to > from && transcript_is_blank(s[to - 1]))
		to--;
	for (size_t i = from; i < to; i++) {
		if (transcript_is_blank(s[i]))
			return 0;
		letter |= is_upper(s[i]) || is_lower(s[i]);
	}
	return letter; /* "10, 9, 8, 7, 6": a countdown */
}

/* Is what follows a label a record's fields, not speech: a subtitle
 * script's "Dialogue: 10,0:00:25.34,0:00:26.46,Default,,0,0,0,,How?"
 * (commas with no blank after them) or its "Format: Layer, Start, End,
 * Style, ..." (a short list of single words, no sentence's end)?
 * Speech lists words between commas too, but in a sentence. */
static int record_line(const char *s, size_t len)
{
	size_t tight = 0, fields = 1, end = len < RECORD_SCAN ? len : RECORD_SCAN, from = 0;
	int single = len <= RECORD_SCAN;
	for (const char *c; (c = memchr(s + from, ',', end - from));) {
		size_t at = (size_t)(c - s);
		fields++;
		tight += at + 1 < end && !transcript_is_blank(s[at + 1]) && !is_digit(s[at + 1]);
		single = single && one_word(s, from, at);
		from = at + 1;
	}
	if (tight >= RECORD_FIELDS - 2)
		return 1;
	while (len && transcript_is_blank(s[len - 1]))
		len--;
	char last = len ? s[len - 1] : '\0';
	return fields >= RECORD_FIELDS && single && one_word(s, from, len) && last != '.' &&
	       last != '!' && last != '?';
}

/* Does s end in a table of contents' leaders and page: "Thomas
 * Oppermann (SPD) . . . . 17886 D", "Energy Prices: Motion ���� 134"?
 * Four leaders at least: "retro 5 4 3 2 ... 1" is a countdown.  Or is
 * it a record's fields (record_line)? */
static int contents_line(const char *s, size_t len)
{
	if (record_line(s, len))
		return 1;
	size_t i = len, leaders = 0, digits = 0;
	while (i && transcript_is_blank(s[i - 1]))
		i--;
	if (i >= 2 && is_upper(s[i - 1]) && s[i - 2] == ' ') /* "17886 D": the column */
		i -= 2;
	while (i && is_digit(s[i - 1]) && digits < 6)
		i--, digits++;
	if (!digits)
		return 0;
	for (;;) {
		if (i && (s[i - 1] == '.' || s[i - 1] == '_' || transcript_is_blank(s[i - 1]))) {
			leaders += !transcript_is_blank(s[i - 1]);
			i--;
		} else if (i >= 3 && (!memcmp(s + i - 3, "\xEF\xBF\xBD", 3) ||  /* U+FFFD */
		                      !memcmp(s + i - 3, "\xE2\x80\xA6", 3))) { /* … */
			leaders++;
			i -= 3;
		} else {
			return leaders >= 4;
		}
	}
}

/* "Anf. 12 ANDERS YGEMAN (S):": a record that numbers its speeches
 * before the speaker's name (Sweden's Riksdag); the number stays text.
 * Past it, or pre when there is none. */
static size_t speech_number(const char *s, size_t len, size_t pre, transcript_label *lab)
{
	size_t i = pre;
	if (i >= len || !is_upper(s[i++]))
		return pre;
	while (i < len && is_lower(s[i]) && i - pre <= 4)
		i++;
	if (i == pre + 1 || i + 2 >= len || s[i] != '.' || s[i + 1] != ' ' || !is_digit(s[i + 2]))
		return pre;
	for (i += 2; i < len && is_digit(s[i]) && i - pre <= 12;)
		i++;
	if (i + 1 >= len || s[i] != ' ' || !is_upper(s[i + 1]) || lab->keep_count)
		return pre;
	keep(lab, pre, i + 1 - pre);
	return i + 1;
}

/* "[12:33:26] * zetok just edited it": a chat log's action, its nick
 * the speaker, after a time; the nick must be labelled again. */
static int chat_action(const char *s, size_t len, size_t pre, transcript_label *lab)
{
	size_t i = pre + 2;
	/* the time is a node of its own once the reader made it one */
	if (!(lab->timed || (pre && transcript_is_blank(s[0]))) || i >= len || s[pre] != '*' ||
	    s[pre + 1] != ' ')
		return 0;
	while (i < len && i - pre - 2 < NICK_MAX && s[i] != ' ' && (unsigned char)s[i] > ' ' &&
	       (unsigned char)s[i] < 0x80)
		i++;
	if (i == pre + 2 || i >= len || s[i] != ' ')
		return 0;
	set_name(lab, s, pre + 2, i);
	return label_ends(lab, s, len, i, TRANSCRIPT_SHAPE_NICK);
}

/* "10:02:33 From Ann Lee to Everyone:", "00:12:34\t From  ann : hi": a
 * video meeting's chat saved as text.  Any display name goes, lower
 * case too; the recipient is part of the label as written. */
static int meeting_chat_label(const char *s, size_t len, size_t pre, transcript_label *lab)
{
	if (!lab->timed || pre + 5 >= len || memcmp(s + pre, "From", 4) != 0 ||
	    !transcript_gap(s, len, pre + 4))
		return 0;
	size_t from = skip_gaps(s, len, pre + 4), colon = from, end;
	while (colon < len && s[colon] != ':' && colon - from <= NAME_MAX_BYTES + ROLE_MAX)
		colon++;
	if (colon >= len || s[colon] != ':' || colon == from)
		return 0;
	for (end = from; end < colon && !(end + 4 <= colon && !memcmp(s + end, " to ", 4));)
		end++;
	/* to everyone, or to one person privately; or, as older versions
	 * wrote it, no one named and a blank before the colon ("08:00 From
	 * Paris to Lyon: by train" is a timetable) */
	size_t to = end + 4, last = colon;
	while (last > to && transcript_is_blank(s[last - 1]))
		last--;
	if (end < colon ? !(last - to >= 8 && !memcmp(s + to, "Everyone", 8)) &&
	                          !(last - to > 1 && s[last - 1] == ')')
	                : !transcript_is_blank(s[colon - 1]))
		return 0;
	while (end > from && transcript_is_blank(s[end - 1]))
		end--;
	/* a display name is what its owner typed, between "From" and the
	 * colon: "Ann Lee (she/her) Earth Lab / example.org" is one */
	if (end == from || end - from > NAME_MAX_BYTES + ROLE_MAX)
		return 0;
	lab->name = s + from;
	lab->name_len = end - from;
	lab->written = s + pre;
	for (lab->written_len = colon - pre; transcript_is_blank(s[pre + lab->written_len - 1]);)
		lab->written_len--;
	lab->strong = 1;
	return label_ends(lab, s, len, colon + 1, TRANSCRIPT_SHAPE_COLON);
}

/* '<SPEAKER ID=6 LANGUAGE="IT" NAME="Segni">': a speech's opening tag, as
 * the Europarl corpus marks its lines, the name in its NAME attribute;
 * the tag is the label as written. */
static int speaker_tag(const char *s, size_t len, size_t pre, transcript_label *lab)
{
	static const char open[] = "<speaker ", attr[] = "name=\"";
	size_t i = pre + sizeof open - 1, close, from;
	if (i >= len || compare_lower(s + pre, sizeof open - 1, open) != 0)
		return 0;
	for (close = i; close < len && s[close] != '>' && close - pre <= ROLE_MAX; close++)
		;
	if (close >= len || s[close] != '>')
		return 0;
	for (from = i; from + sizeof attr - 1 < close; from++)
		if (compare_lower(s + from, sizeof attr - 1, attr) == 0)
			break;
	if (from + sizeof attr - 1 >= close)
		return 0;
	from += sizeof attr - 1;
	size_t end = from;
	while (end < close && s[end] != '"')
		end++;
	if (end == from || end >= close)
		return 0;
	lab->name = s + from;
	lab->name_len = end - from;
	lab->written = s + pre;
	lab->written_len = close + 1 - pre;
	lab->strong = 1;
	return label_ends(lab, s, len, close + 1, TRANSCRIPT_SHAPE_COLON);
}

int transcript_label_in_text(const char *s, size_t len, transcript_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	lab->said_off = len;
	size_t pre = label_start(s, len, lab);
	if (pre >= len)
		return 0;
	if (s[pre] == '<' && speaker_tag(s, len, pre, lab))
		return 1;
	if (s[pre] == '[' || s[pre] == '<')
		return bracketed_label(s, len, pre, lab);
	if (chat_action(s, len, pre, lab))
		return 1;
	if (s[pre] == '*' || s[pre] == '_')
		return emphasised_label(s, len, pre, lab);
	if (meeting_chat_label(s, len, pre, lab))
		return 1;
	pre = speech_number(s, len, pre, lab);
	size_t end = read_name(s, len, pre), wide;
	if (!end)
		return nick_label(s, len, pre, lab);
	/* a name set in justified text, its spaces widened, and a colon:
	 * justified prose puts a full stop after "Perkhidmatan  Awam." */
	int widened = end + 1 < len && s[end] == ' ' && s[end + 1] == ' ';
	transcript_label plain;
	if (widened)
		plain = *lab;
	set_name(lab, s, pre, end);
	if (label_tail(s, len, end, lab))
		return !contents_line(s + lab->said_off, len - lab->said_off);
	/* the widened name may run past the longest a name is (0) */
	if (!widened || !(wide = read_name_gapped(s, len, pre, 1)) || wide == end)
		return 0;
	*lab = plain;
	set_name(lab, s, pre, wide);
	return label_tail(s, len, wide, lab) && lab->shape == TRANSCRIPT_SHAPE_COLON &&
	       !contents_line(s + lab->said_off, len - lab->said_off);
}

/* The case of the word at s[i] ending at end: 2 in capitals ("DON",
 * "ÉLISE"), 1 in title case ("Placida"), 0 otherwise. */
static int word_case(const char *s, size_t i, size_t end)
{
	size_t upper = 0, lower = 0, n;
	for (size_t k = i; k < end; k += n) {
		int c = transcript_letter_case(s + k, end - k, &n);
		if (k == i && c <= 0)
			return 0;
		upper += c > 0;
		lower += c < 0;
	}
	if (!lower)
		return upper >= 2 ? 2 : 0;
	return upper == 1 ? 1 : 0;
}

/* The words of a loose label from s[i]: up to LOOSE_WORDS of one case
 * (word_case), one blank apart; their end, their case in *kase. */
#define LOOSE_WORDS 3
static size_t loose_name(const char *s, size_t len, size_t i, int *kase)
{
	size_t end = i, words = 0, n;
	*kase = 0;
	while (words < LOOSE_WORDS && i < len) {
		size_t w = i;
		while (w < len && (n = name_char(s + w, len - w, w == i)) && s[w] != '.')
			w += n;
		int c = w > i ? word_case(s, i, w) : 0;
		if (!c || (*kase && c != *kase))
			break;
		*kase = c;
		end = w;
		words++;
		if (w + 1 >= len || s[w] != ' ' || s[w + 1] == ' ')
			break;
		i = w + 1;
	}
	return words ? end : 0;
}

/* Characters of a loose name in a script without case at most: "甲",
 * "乙", "逗哏" are a crosstalk's roles. */
#define CASELESS_NAME 4

/* "甲 相声这个艺术简单。": a name in a script without case, one blank, then
 * what is said; its end, or 0. */
static size_t caseless_loose(const char *s, size_t len, size_t pre)
{
	size_t i = pre, chars = 0, n;
	while (i < len && (unsigned char)s[i] >= 0x80 && chars < CASELESS_NAME &&
	       (n = name_char_utf8(s + i, len - i, i == pre)))
		i += n, chars++;
	if (!chars || i + 1 >= len || s[i] != ' ' || s[i + 1] == ' ' || !caseless(s + pre, i - pre))
		return 0;
	return i;
}

int transcript_label_loose(const char *s, size_t len, int opens, transcript_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	lab->said_off = len;
	size_t pre = skip_gaps(s, len, transcript_invisible(s, len)), end, after;
	int kase;
	if (pre < len && (end = caseless_loose(s, len, pre))) {
		set_name(lab, s, pre, end);
		lab->loose = lab->caseless = 1;
		return label_ends(lab, s, len, end + 1, TRANSCRIPT_SHAPE_SPACES);
	}
	if (!opens || pre >= len || !(end = loose_name(s, len, pre, &kase)) || end + 2 >= len)
		return 0;
	/* the two shapes below: a full stop after title case, a blank after
	 * capitals */
	if (s[end] != (kase == 1 ? '.' : ' '))
		return 0;
	set_name(lab, s, pre, end);
	lab->loose = 1;
	if (lab->numbered || end - pre > NAME_MAX_BYTES)
		return 0;
	/* "Placida. Finalmente": not "Mr. Smith", nor "J. Smith" */
	if (kase == 1 && s[end] == '.' && (after = transcript_gap(s, len, end + 1)) &&
	    end - pre >= 3 && !in_list(s + pre, end + 1 - pre, titles, COUNT(titles)) &&
	    !in_list(s + pre, end - pre, titles, COUNT(titles)) &&
	    skip_gaps(s, len, end + 1) < len)
		return label_ends(lab, s, len, end + 1, TRANSCRIPT_SHAPE_PERIOD);
	/* "CORALLINA Vi ripeto", "DON FULGENZIO , e", "CORALLINA E madama":
	 * one blank, then words not in capitals (a word of one letter aside) */
	if (kase == 2 && s[end] == ' ' && end + 1 < len && s[end + 1] != ' ') {
		size_t w = end + 1;
		int lower = transcript_letter_case(s + w, len - w, &after) == 0;
		if (!lower && w + after + 1 < len && s[w + after] == ' ')
			w += after + 1;
		for (; !lower && w < len && s[w] != ' '; w += after)
			lower = transcript_letter_case(s + w, len - w, &after) < 0;
		if (lower)
			return label_ends(lab, s, len, end + 1, TRANSCRIPT_SHAPE_SPACES);
	}
	return 0;
}

int transcript_label_whole(const char *s, size_t len, int *has_colon, transcript_label *lab)
{
	memset(lab, 0, sizeof *lab);
	lab->ms = STENO_TIME_NONE;
	while (len && transcript_is_blank(s[len - 1]))
		len--;
	*has_colon = len && s[len - 1] == ':';
	if (*has_colon) {
		len--;
		/* "**Rachel :**" */
		for (size_t k = 1; k <= 3 && k <= len; k++)
			if (colon_space(s, len, len - k) == k) {
				len -= k;
				break;
			}
	} else if (len >= 3 && memcmp(s + len - 3, FULLWIDTH_COLON, 3) == 0) {
		*has_colon = 1;
		len -= 3;
	}
	/* "**[00:18] Alice Chen:**": the time is the turn's start */
	size_t pre = transcript_time(s, len, TRANSCRIPT_TIME_BRACKETED, 0, &lab->ms);
	if (pre)
		pre = skip_gaps(s, len, pre);
	size_t end = read_name(s, len, pre);
	if (!end)
		return 0;
	set_name(lab, s, pre, end);
	if (!(end = read_parens(s, len, end, lab)))
		return 0;
	if (*has_colon)
		end = read_commas(s, len, end, lab);
	else
		end = read_dash_role(s, len, end, lab);
	if (end != len)
		return 0;
	lab->written = s; /* the time is the turn's start, and stays in its label */
	lab->written_len = len;
	lab->strong = lab->markup = 1; /* set in bold or italics: the writer meant a label */
	lab->shape = TRANSCRIPT_SHAPE_COLON;
	return 1;
}

int transcript_is_title(const char *s, size_t len)
{
	return in_list(s, len, titles, COUNT(titles));
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

/* The end of s[from..len) without its post-nominal letters, of which
 * one word at least is left: "Jane Roe, KC" -> "Jane Roe". */
static size_t cut_post_nominals(const char *s, size_t from, size_t len)
{
	for (;;) {
		size_t end = len;
		while (end > from && (s[end - 1] == ' ' || s[end - 1] == ','))
			end--;
		size_t word = end;
		while (word > from && s[word - 1] != ' ' && s[word - 1] != ',')
			word--;
		if (word == from || !in_list(s + word, end - word, post_nominals, COUNT(post_nominals)))
			return end;
		len = word;
	}
}

void transcript_speaker_id(const transcript_label *lab, char out[TRANSCRIPT_ID_MAX])
{
	if (lab->qa) {
		out[0] = (char)lab->qa;
		out[1] = '\0';
		return;
	}
	size_t skip = skip_titles(lab->name, lab->name_len), o = 0, n;
	size_t name_end = cut_post_nominals(lab->name, skip, lab->name_len);
	for (size_t i = skip; i < name_end && o < TRANSCRIPT_ID_MAX - 1; i += n) {
		uint32_t cp = (unsigned char)lab->name[i];
		n = cp < 0x80 ? 1 : utf8_decode(lab->name + i, name_end - i, &cp);
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
			if (o + e > TRANSCRIPT_ID_MAX - 1)
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
