/* transcript_survey.c - which label shapes a document uses.  Real transcripts
 * keep inventing conventions, but each keeps to its own: so rather than
 * trust any line that looks like a label, the pass counts the shapes
 * and names of all candidate labels first, and takes a shape only when
 * the document shows it is its convention (names that recur, several
 * speakers).  Prose meets a label-like line now and then; a transcript
 * meets the same few names again and again. */
#include <string.h>

#include "passes/transcript.h"

/* A shape that prose writes by accident ("Yes. We did.", "mk: ...")
 * counts only with this many of its names labelled twice or more. */
#define WEAK_RECURRING 2
/* Of a paragraph's lines, so many must open with a line number before
 * the document counts as a court reporter's pages. */
#define LAYOUT_MIN_LINES 10
/* Names alone on their lines, with nothing said of them, are labels
 * only when so many of them recur. */
#define BARE_CAST 3
/* Terms with a colon, in the alphabet's order, that make a glossary. */
#define GLOSSARY_TERMS 5
/* Labels of a shape prose writes too need so many paragraphs opening
 * with them. */
#define LOOSE_MIN 6

void transcript_survey_line(transcript_survey *sv, int margin, const char *s, size_t len)
{
	unsigned number;
	sv->text_lines++;
	sv->margin_lines += margin != 0;
	if (s && transcript_line_number(s, len, &number)) {
		sv->counted_lines += number == sv->last_number + 1;
		sv->last_number = number;
	}
}

/* Does b come after a in the alphabet (ASCII letters folded)? */
static int alphabet_after(const char *a, size_t alen, const char *b, size_t blen)
{
	for (size_t i = 0; i < alen && i < blen; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		x = x >= 'A' && x <= 'Z' ? x | 0x20 : x;
		y = y >= 'A' && y <= 'Z' ? y | 0x20 : y;
		if (x != y)
			return x < y;
	}
	return alen < blen;
}

/* The slot of the verb s[0..len), or VERB_SLOTS when it has none. */
static size_t verb_slot(const transcript_survey *sv, const char *s, size_t len)
{
	size_t k = 0;
	while (k < VERB_SLOTS && sv->verbs[k] &&
	       !(sv->verbs_len[k] == len && !memcmp(sv->verbs[k], s, len)))
		k++;
	return k;
}

static void count_verb(transcript_survey *sv, const char *s, size_t len)
{
	size_t k = verb_slot(sv, s, len);
	if (k == VERB_SLOTS)
		return;
	sv->verbs[k] = s;
	sv->verbs_len[k] = len;
	sv->verbs_count[k]++;
}

size_t transcript_survey_verb_slot(const transcript_survey *sv, const char *s, size_t len)
{
	return s ? verb_slot(sv, s, len) : VERB_SLOTS;
}

/* "Сырорезка говорит:" and "Алойс говорит:": a log of names and one verb
 * of saying, several names labelled twice, a quarter of its lines
 * labelled so at least, most of what they say not in quotation marks;
 * 'Anna Berg said: "..."' opening a news story's paragraphs is its
 * prose.  The verb most labels take is the document's. */
static void verb_convention(transcript_survey *sv)
{
	size_t best = 0;
	for (size_t k = 1; k < VERB_SLOTS && sv->verbs[k]; k++)
		if (sv->verbs_count[k] > sv->verbs_count[best])
			best = k;
	size_t lines = sv->lines[TRANSCRIPT_SHAPE_VERB];
	if (sv->recurring[TRANSCRIPT_SHAPE_VERB] < WEAK_RECURRING || lines < 2 * WEAK_RECURRING ||
	    sv->verbs_count[best] * 2 < lines || lines * 4 < sv->text_lines ||
	    sv->verbs_quoted * 2 >= lines)
		return;
	sv->verb = best;
}

void transcript_survey_label(transcript_survey *sv, const transcript_label *lab,
                             const transcript_name *judged, size_t count)
{
	int s = lab->shape;
	if (lab->loose) {
		if (!sv->loose_lines++) {
			sv->loose_first = sv->paragraphs;
			sv->loose_first_line = sv->text_lines;
		}
		sv->loose_last = sv->paragraphs;
		sv->loose_last_line = sv->text_lines;
		sv->loose_caseless += lab->caseless != 0;
		sv->loose_names += count == 1;
		sv->loose_recurring += count == 2 && !judged->weak;
		return;
	}
	if (lab->bare) {
		sv->bare_lines++;
		sv->bare_recurring += count == 2 && !judged->weak;
		sv->bare_pair += count == 3 && !judged->weak && memchr(lab->name, ' ', lab->name_len);
		return;
	}
	/* "The Problem:" twice in an essay is no convention of its own */
	if (judged->weak) {
		sv->weak_recurring[s] += count == 2;
		return;
	}
	if (s == TRANSCRIPT_SHAPE_COLON) {
		sv->colon_sorted += sv->colon_prev && alphabet_after(sv->colon_prev, sv->colon_prev_len,
		                                                     lab->name, lab->name_len);
		sv->colon_prev = lab->name;
		sv->colon_prev_len = lab->name_len;
	}
	if (s == TRANSCRIPT_SHAPE_VERB) {
		count_verb(sv, lab->verb, lab->verb_len);
		sv->verbs_quoted += lab->quoted != 0;
	}
	sv->lines[s]++;
	sv->in_markup += lab->markup != 0;
	sv->names[s] += count == 1;
	sv->recurring[s] += count == 2;
	sv->named_recurring += count == 2 && !lab->qa;
	sv->diarised += count == 1 && judged->diarised;
	sv->strong[s] += lab->strong != 0;
	sv->questions |= lab->qa == 'q';
	sv->answers |= lab->qa == 'a';
}

/* The labels with a colon say the document is a transcript together:
 * one speaker labelled twice, a question and an answer, or speakers
 * labelled as only transcripts label (capitals, a role, a time,
 * markup).  "Note: ..." once in an article is not. */
static int colon_convention(const transcript_survey *sv)
{
	size_t names = sv->names[TRANSCRIPT_SHAPE_COLON];
	int strong = sv->strong[TRANSCRIPT_SHAPE_COLON] > 0;
	/* a press digest's "CNBC: headline", "Reuters: headline": sources,
	 * hardly one named twice, over lines that are no sentences */
	if (sv->recurring[TRANSCRIPT_SHAPE_COLON] < WEAK_RECURRING &&
	    sv->headlines * 2 > sv->lines[TRANSCRIPT_SHAPE_COLON])
		return 0;
	/* "Affidavit:", "Appearance Fee:", "Bust Fee:": a glossary's terms,
	 * none said twice, in the alphabet's order; speakers take turns in
	 * no such order */
	if (!sv->recurring[TRANSCRIPT_SHAPE_COLON] && names >= GLOSSARY_TERMS &&
	    sv->colon_sorted + 1 >= sv->lines[TRANSCRIPT_SHAPE_COLON])
		return 0;
	return sv->recurring[TRANSCRIPT_SHAPE_COLON] ||
	       (sv->weak_recurring[TRANSCRIPT_SHAPE_COLON] && names) ||
	       (sv->questions && sv->answers) || (names >= 2 && strong) ||
	       (names == 1 && strong && !sv->questions && !sv->answers);
}

static int chosen(unsigned shapes, int s)
{
	return (shapes >> s) & 1u;
}

/* A document that names its speakers again and again in one shape
 * does not also label them, once each, in another: "Question: ..." in
 * minutes of "pnkfelix: ..." is prose.  The "AvD:Hola" slip and "Q"
 * with a gap go with the colon's convention and are judged by name. */
static unsigned dominant(const transcript_survey *sv, unsigned shapes)
{
	size_t most = 0;
	for (int s = 0; s < TRANSCRIPT_SHAPE_COUNT; s++)
		if (chosen(shapes, s) && sv->recurring[s] > most)
			most = sv->recurring[s];
	if (most < WEAK_RECURRING)
		return shapes;
	for (int s = 0; s < TRANSCRIPT_SHAPE_COUNT; s++)
		if (s != TRANSCRIPT_SHAPE_TIGHT && s != TRANSCRIPT_SHAPE_SPACES &&
		    !sv->recurring[s] && !sv->weak_recurring[s])
			shapes &= ~(1u << s);
	return shapes;
}

int transcript_survey_decide(transcript_survey *sv)
{
	unsigned shapes = 0;
	sv->layout = (sv->margin_lines >= LAYOUT_MIN_LINES && sv->margin_lines * 2 >= sv->text_lines) ||
	             (sv->counted_lines >= LAYOUT_MIN_LINES && sv->counted_lines * 2 >= sv->text_lines);
	if (colon_convention(sv))
		shapes |= 1u << TRANSCRIPT_SHAPE_COLON;
	/* "AvD:Hola" is a slip in a document that labels "AvD: " */
	if (chosen(shapes, TRANSCRIPT_SHAPE_COLON) && sv->recurring[TRANSCRIPT_SHAPE_COLON])
		shapes |= 1u << TRANSCRIPT_SHAPE_TIGHT;
	/* "Q    Thanks." beside "MS. ROE: ..." is the same convention */
	if (sv->recurring[TRANSCRIPT_SHAPE_SPACES] ||
	    (chosen(shapes, TRANSCRIPT_SHAPE_COLON) && sv->lines[TRANSCRIPT_SHAPE_SPACES]))
		shapes |= 1u << TRANSCRIPT_SHAPE_SPACES;
	if (sv->recurring[TRANSCRIPT_SHAPE_BRACKET] && sv->lines[TRANSCRIPT_SHAPE_BRACKET] >= 3)
		shapes |= 1u << TRANSCRIPT_SHAPE_BRACKET;
	static const int weak[] = {TRANSCRIPT_SHAPE_PERIOD, TRANSCRIPT_SHAPE_NICK,
	                           TRANSCRIPT_SHAPE_ALONE, TRANSCRIPT_SHAPE_DASH};
	for (size_t k = 0; k < sizeof weak / sizeof *weak; k++)
		if (sv->recurring[weak[k]] >= WEAK_RECURRING && sv->lines[weak[k]] >= 2 * WEAK_RECURRING)
			shapes |= 1u << weak[k];
	/* "Mr. BROWN." and "The PRESIDING OFFICER.", once each, as a short
	 * piece of the Congressional Record has them: names of two words in
	 * capitals that prose does not put before a full stop */
	if (sv->strong_names[TRANSCRIPT_SHAPE_PERIOD] >= WEAK_RECURRING)
		shapes |= 1u << TRANSCRIPT_SHAPE_PERIOD;
	sv->verb = VERB_SLOTS;
	verb_convention(sv);
	if (sv->verb < VERB_SLOTS)
		shapes |= 1u << TRANSCRIPT_SHAPE_VERB;
	/* "spk05:" and "spk03:": a diarisation's ids in lower case, two of
	 * them, though each speaks once */
	if (sv->diarised >= 2)
		shapes |= 1u << TRANSCRIPT_SHAPE_NICK;
	/* "pgp: I am here." among "RV:" and "Host:": one nickname, labelled
	 * again and again, in a document of labels */
	if (chosen(shapes, TRANSCRIPT_SHAPE_COLON) && sv->recurring[TRANSCRIPT_SHAPE_NICK] &&
	    sv->lines[TRANSCRIPT_SHAPE_NICK] >= 3)
		shapes |= 1u << TRANSCRIPT_SHAPE_NICK;
	/* "Danny" alone over what Danny said: a cast of several, each named
	 * again, in no fixed order; "Ingredients" and "Method" come round
	 * in turn */
	sv->bare_ok = sv->bare_recurring >= BARE_CAST && sv->bare_lines >= 2 * BARE_CAST &&
	              sv->alone_varied >= WEAK_RECURRING;
	/* "Ann Lee" and "Bob Roe", each alone three times or more over
	 * what they said: an interview, which takes turns in a fixed cycle
	 * as headings do, but has speech under its names, not lists, and
	 * asks questions, which "Key Findings" and "Next Steps" do not */
	sv->bare_ok |= sv->bare_pair >= 2 && sv->bare_speech * 4 >= sv->bare_lines * 3 &&
	               sv->bare_questions * 6 >= sv->bare_lines;
	if (sv->bare_ok)
		shapes |= 1u << TRANSCRIPT_SHAPE_ALONE;
	/* names alone on lines are labels only where nothing else is: in a
	 * document that labels "MS. ROE:", they are its headings */
	if (shapes != 1u << TRANSCRIPT_SHAPE_ALONE)
		shapes &= ~(1u << TRANSCRIPT_SHAPE_ALONE);
	sv->shapes = dominant(sv, shapes);
	/* "Placida." and "Luigia.", or "CORALLINA" and "DON FULGENZIO",
	 * opening paragraph after paragraph and taking turns: a play's cast,
	 * in a document that labels no other way */
	size_t span = sv->loose_last - sv->loose_first + 1;
	/* "甲" and "乙" open line after line of one paragraph: they must
	 * open two lines in three, a few names each four lines on the
	 * average; Korean or Arabic prose opens its lines with many
	 * different words and a blank */
	int caseless = sv->loose_caseless == sv->loose_lines;
	if (caseless)
		span = sv->loose_last_line - sv->loose_first_line + 1;
	sv->loose_ok = !sv->shapes && sv->loose_recurring >= WEAK_RECURRING &&
	               (!caseless || sv->loose_names * 4 <= sv->loose_lines) &&
	               sv->loose_lines >= LOOSE_MIN && sv->loose_varied * 2 >= sv->loose_lines &&
	               sv->loose_lines * 3 >= span * 2;
	return sv->shapes != 0 || sv->loose_ok;
}

int transcript_survey_pair(const transcript_survey *sv)
{
	if (sv->shapes)
		return 0;
	if (sv->bare_recurring + sv->recurring[TRANSCRIPT_SHAPE_ALONE] >= WEAK_RECURRING &&
	    sv->bare_speech * 4 >= sv->bare_lines * 3)
		return 2;
	/* "Operator" over the call's opening and "John Bartlett" over his
	 * words, once each, as a short excerpt has them */
	return sv->lines[TRANSCRIPT_SHAPE_ALONE] && sv->bare_speech;
}

int transcript_survey_accepts(const transcript_survey *sv, const transcript_label *lab,
                              const transcript_name *judged, size_t count)
{
	if ((lab->margin && !sv->layout) || judged->prose)
		return 0;
	if (lab->loose)
		return sv->loose_ok && count >= 2 && !judged->weak;
	/* "A1." or "Q." where a line opens, in a document of questions and
	 * answers, whatever separator the other labels take */
	if (lab->qa && lab->shape == TRANSCRIPT_SHAPE_PERIOD && sv->questions && sv->answers &&
	    count >= 2)
		return 1;
	/* "Q." asked again and again of named speakers who answer with a
	 * colon, as press conferences are written up */
	if (lab->qa == 'q' && lab->shape == TRANSCRIPT_SHAPE_PERIOD && !lab->numbered &&
	    count >= 2 && chosen(sv->shapes, TRANSCRIPT_SHAPE_COLON) && sv->named_recurring)
		return 1;
	if (!chosen(sv->shapes, lab->shape))
		return 0;
	if (judged->weak && count < 2)
		return 0;
	/* "A1." and "A2." number an outline's parts, unless questions are
	 * numbered beside them or named speakers answer "Q1" */
	if (lab->numbered && !(sv->questions && sv->answers) &&
	    !(lab->qa == 'q' && sv->named_recurring))
		return 0;
	switch (lab->shape) {
	case TRANSCRIPT_SHAPE_NICK:
		if (judged->diarised)
			return 1;
		/* fall through */
	case TRANSCRIPT_SHAPE_TIGHT:
		return count >= 2;
	case TRANSCRIPT_SHAPE_ALONE:
		/* once the cast is known, one set apart in markup joins it */
		if (lab->bare)
			return sv->bare_ok &&
			       (count >= 2 || sv->bare_once || (lab->strong && !sv->bare_pair_ok));
		/* fall through */
	case TRANSCRIPT_SHAPE_PERIOD:
		/* "Faust." alone once is a heading; "Mr. ISSA." once is a member */
	case TRANSCRIPT_SHAPE_DASH:
		/* "Introduction" once is a heading; "Jane Roe -- Analyst" once
		 * is an analyst with one question */
	case TRANSCRIPT_SHAPE_VERB:
		/* which verbs, transcript.c judges by the name */
		return count >= 2 || lab->strong;
	default:
		return 1;
	}
}
