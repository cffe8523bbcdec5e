/* test_attribution.c - the attribution pass's rules one at a time: the
 * verb table chosen by the document's language, surnames and roles
 * referring back to the person introduced with them, pronouns, quoted
 * terms, and the quotations it must leave alone.  Each case is a short
 * text and what became of its quotations, in document order. */
#include <stdlib.h>

#include "core/wordlist.h"
#include "passes/attribution.h"
#include "steno.h"
#include "unit.h"

/* What the pass made of each quotation of text (read as language
 * lang, or none): its speaker's id, else its kind, else "-", joined
 * by "|".  Reported speech shows as "r:" and the speaker. */
static char said[512];

static const char *attributed(const char *text, const char *lang)
{
	char meta[32];
	const char *metadata[1] = {meta};
	steno_options opts;
	steno_options_init(&opts);
	opts.passes = STENO_PASS_DEFAULT | STENO_PASS_ATTRIBUTION;
	if (lang) {
		snprintf(meta, sizeof meta, "language=%s", lang);
		opts.metadata = metadata;
		opts.metadata_count = 1;
	}
	said[0] = '\0';
	steno_doc *doc = steno_parse(text, strlen(text), "text", &opts, NULL);
	if (!doc)
		return "(no document)";
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	for (steno_event ev; (ev = steno_iter_next(it)) != STENO_EVENT_DONE;) {
		steno_node *n = steno_iter_node(it);
		if (ev != STENO_EVENT_ENTER || steno_node_get_type(n) != STENO_NODE_QUOTE)
			continue;
		const char *kind = steno_node_get_attr(n, "kind");
		const char *who = steno_node_speaker_count(n) ? steno_node_speaker(n, 0) : NULL;
		int reported = kind && strcmp(kind, "reported") == 0;
		size_t o = strlen(said);
		snprintf(said + o, sizeof said - o, "%s%s%s", o ? "|" : "", reported ? "r:" : "",
		         who ? who : kind && !reported ? kind : "-");
	}
	steno_iter_free(it);
	/* the speaker table must hold everyone named */
	size_t o = strlen(said);
	for (size_t i = 0; i < steno_speaker_count(doc); i++) {
		const char *role = steno_speaker_role(doc, i);
		snprintf(said + strlen(said), sizeof said - strlen(said), "%s%s%s%s",
		         strlen(said) == o ? " / " : ", ", steno_speaker_name(doc, i),
		         role ? ": " : "", role ? role : "");
	}
	steno_doc_free(doc);
	return said;
}

/* The affiliation the speaker table holds for id, or NULL. */
static const char *affiliation(const char *text, const char *id, char *out, size_t cap)
{
	steno_options opts;
	steno_options_init(&opts);
	opts.passes = STENO_PASS_DEFAULT | STENO_PASS_ATTRIBUTION;
	steno_doc *doc = steno_parse(text, strlen(text), "text", &opts, NULL);
	const char *found = NULL;
	size_t i = doc ? steno_speaker_find(doc, id) : (size_t)-1;
	for (size_t k = 0; i != (size_t)-1 && k < steno_speaker_attr_count(doc, i); k++)
		if (strcmp(steno_speaker_attr_name(doc, i, k), "affiliation") == 0) {
			snprintf(out, cap, "%s", steno_speaker_attr_value(doc, i, k));
			found = out;
		}
	steno_doc_free(doc);
	return found;
}

/* The tables chosen for a French text, an English one and one with a
 * few French words. */
static const char *attributed_lang_guess(void)
{
	static const char fr[] = "Le ministre a dit que la loi est bonne et que les gens la veulent.",
	                  en[] = "The minister said that the law is good and that the people want it.",
	                  mixed[] = "The chef served the dish a la carte, and the guests said that "
	                            "the menu was good.";
	snprintf(said, sizeof said, "%s %s %s", attribution_lang_guess(fr, sizeof fr - 1)->code,
	         attribution_lang_guess(en, sizeof en - 1)->code,
	         attribution_lang_guess(mixed, sizeof mixed - 1)->code);
	return said;
}

static int lang_has(const char *lang, const char *which, const char *word)
{
	const attribution_lang *l = attribution_lang_for(lang);
	const char *list = strcmp(which, "verbs") == 0      ? l->verbs
	                   : strcmp(which, "roles") == 0    ? l->roles
	                   : strcmp(which, "pronouns") == 0 ? l->pronouns
	                                                    : l->according;
	return wordlist_has(list, word, strlen(word), 1);
}

/* One table per language, chosen by the primary subtag; English for
 * none and for a language without one. */
void test_attribution_verbs(void)
{
	CHECK_STR(attribution_lang_for("fr-CA")->code, "fr");
	CHECK_STR(attribution_lang_for("DE")->code, "de");
	CHECK_STR(attribution_lang_for("es_419")->code, "es");
	CHECK_STR(attribution_lang_for(NULL)->code, "en");
	CHECK_STR(attribution_lang_for("sv")->code, "sv");
	CHECK_STR(attribution_lang_for("pl-PL")->code, "pl");
	CHECK_STR(attribution_lang_for("fi")->code, "en");
	CHECK_STR(attribution_lang_for("nl-BE")->code, "nl");
	CHECK_STR(attribution_lang_for("f")->code, "en");
	CHECK_STR(attribution_lang_for("fra")->code, "en");
	CHECK(lang_has("en", "verbs", "said") && lang_has("en", "verbs", "told"));
	CHECK(lang_has("fr", "verbs", "déclaré") && lang_has("fr", "verbs", "dit"));
	CHECK(lang_has("de", "verbs", "sagte") && lang_has("de", "verbs", "betonte"));
	CHECK(lang_has("es", "verbs", "dijo") && lang_has("es", "verbs", "afirmó"));
	CHECK(!lang_has("en", "verbs", "dijo") && !lang_has("es", "verbs", "said"));
	CHECK(lang_has("fr", "according", "selon") && lang_has("de", "according", "laut") &&
	      lang_has("es", "according", "según") && lang_has("en", "according", "according"));
	CHECK(lang_has("fr", "pronouns", "elle") && lang_has("es", "pronouns", "ella"));
	CHECK(lang_has("de", "roles", "sprecherin") && lang_has("es", "roles", "portavoz"));

	/* the verb, before or after, in either order, in each language */
	CHECK_STR(attributed("\"We will not,\" warned Tan Kefei.\n", NULL), "tan-kefei / Tan Kefei");
	CHECK_STR(attributed("\"We will not,\" Tan Kefei warned.\n", NULL), "tan-kefei / Tan Kefei");
	CHECK_STR(attributed("Tan Kefei told reporters: \"We will not.\"\n", NULL),
	          "tan-kefei / Tan Kefei");
	CHECK_STR(attributed("\"We will not,\" according to Tan Kefei.\n", NULL),
	          "tan-kefei / Tan Kefei");
	CHECK_STR(attributed("« Nous ne céderons pas », a déclaré Marie Dubois.\n", "fr"),
	          "marie-dubois / Marie Dubois");
	CHECK_STR(attributed("„Wir geben nicht nach“, sagte Hans Weber.\n", "de"),
	          "hans-weber / Hans Weber");
	CHECK_STR(attributed("\"No cederemos\", dijo Ana Ruiz.\n", "es"), "ana-ruiz / Ana Ruiz");
	/* a sentence whose subject is someone, then a colon, introduces
	 * the quotation whatever its verb; a sentence about a thing does not */
	CHECK_STR(attributed("Ana Ruiz dijo hoy: \"No cederemos ante nadie.\"\n", NULL), "ana-ruiz / Ana Ruiz");
	CHECK_STR(attributed("Tan Kefei warned today: \"We will not give in.\"\n", "es"),
	          "tan-kefei / Tan Kefei");
	CHECK_STR(attributed("El informe de Ana Ruiz concluye: \"No cederemos ante nadie.\"\n", "es"), "-");
	/* after one, a short clause that ends the sentence says who speaks
	 * whatever its verb: the place is the sign */
	CHECK_STR(attributed("\"No cederemos ante nadie\", dijo Ana Ruiz.\n", NULL), "ana-ruiz / Ana Ruiz");
	CHECK_STR(attributed("« Nous ne céderons pas », a clamé Marie Dubois.\n", "fr"),
	          "marie-dubois / Marie Dubois");
	CHECK_STR(attributed("\"No cederemos\", dijo el portavoz Stephane Dujarric.\n", "es"),
	          "stephane-dujarric / Stephane Dujarric: portavoz");
	CHECK_STR(attributed("\"No cederemos\", señaló el portavoz en la rueda de prensa.\n", "es"), "-");
}

/* A surname or a role refers to the person last introduced with it. */
void test_attribution_refs(void)
{
	static const char briefing[] =
	    "\"No comment,\" said Senior Colonel Tan Kefei, a spokesperson for the Chinese "
	    "Ministry of National Defense.\n\n"
	    "\"The US believes otherwise,\" the spokesperson said.\n\n"
	    "\"This poses a sharp contrast,\" Tan said.\n";
	char aff[128];

	CHECK_STR(attributed(briefing, NULL),
	          "tan-kefei|tan-kefei|tan-kefei / Senior Colonel Tan Kefei: spokesperson");
	CHECK_STR(affiliation(briefing, "tan-kefei", aff, sizeof aff),
	          "Chinese Ministry of National Defense");
	/* a surname two people share names neither */
	CHECK_STR(attributed("\"Yes,\" said John Smith.\n\n\"No,\" said Mary Smith.\n\n"
	                     "\"Maybe both,\" Smith said.\n",
	                     NULL),
	          "john-smith|mary-smith|- / John Smith, Mary Smith");
	/* a role is the last person given it */
	CHECK_STR(attributed("\"First,\" said Ann Lee, a spokeswoman for the city.\n\n"
	                     "\"Second,\" said Bo Park, a spokeswoman for the port.\n\n"
	                     "\"Third,\" the spokeswoman said.\n",
	                     NULL),
	          "ann-lee|bo-park|bo-park / Ann Lee: spokeswoman, Bo Park: spokeswoman");
	/* a role no one was given refers to no one */
	CHECK_STR(attributed("\"First,\" said Ann Lee.\n\n\"Second,\" the minister said.\n", NULL),
	          "ann-lee|- / Ann Lee");
	/* a surname no one had is a new speaker only when it is written in full */
	CHECK_STR(attributed("\"First,\" Lee said.\n", NULL), "lee / Lee");
	/* a quotation continued in the next paragraph keeps its speaker */
	CHECK_STR(attributed("Ann Lee spoke.\n\n\"The first part of a long statement goes on\n\n"
	                     "\"into this paragraph,\" Ann Lee said.\n",
	                     NULL),
	          "ann-lee|ann-lee / Ann Lee");
}

/* A sentence that opens with its speaker and a speech verb reports the
 * quotations after the verb, a few words too; not a question's, and not
 * a few words in the clause of "that", which are the speaker's terms. */
void test_attribution_reporting(void)
{
	CHECK_STR(attributed("Yvette Cooper said her party has supported the idea \"for months\".\n",
	                     NULL),
	          "yvette-cooper / Yvette Cooper");
	CHECK_STR(attributed("\"First,\" said Colette Heald.\n\nHeald said although both are known, "
	                     "\"nobody has looked at these together\".\n",
	                     NULL),
	          "colette-heald|colette-heald / Colette Heald");
	CHECK_STR(attributed("\"First,\" said Tan Kefei.\n\nHe stressed that China urges the US to "
	                     "stop hyping up \"China threat\" in space.\n",
	                     NULL),
	          "tan-kefei|r:tan-kefei|term / Tan Kefei");
	CHECK_STR(attributed("Minister John Baird asked how papers kept in \"approved security "
	                     "cabinets\" reached the street.\n",
	                     NULL),
	          "term");
	/* a quotation that ends its sentence ends the reach of its verb */
	CHECK_STR(attributed("Mark Rathbun wrote, \"He came back and routed out properly.\" To "
	                     "\"route out\" means to leave.\n",
	                     NULL),
	          "mark-rathbun|term / Mark Rathbun");
	/* a name after a preposition is no verb's subject */
	CHECK_STR(attributed("A letter seen by Sky News says \"failure to return the form may end "
	                     "a claim\".\n",
	                     NULL),
	          "-");
	CHECK_STR(attributed("The U.S. Department of Agriculture notes, \"Ozone harms plants more than "
	                     "any other pollutant\".\n",
	                     NULL),
	          "u-s-department-of-agriculture / U.S. Department of Agriculture");
}

/* A pronoun is the last speaker, when only one spoke of late. */
void test_attribution_pronouns(void)
{
	CHECK_STR(attributed("\"First,\" said Tan Kefei.\n\n\"Second,\" he said.\n", NULL),
	          "tan-kefei|tan-kefei / Tan Kefei");
	CHECK_STR(attributed("« Non », a déclaré Marie Dubois.\n\n« Jamais », a-t-elle ajouté.\n",
	                     "fr"),
	          "marie-dubois|marie-dubois / Marie Dubois");
	/* reported speech: "he added that ..." */
	CHECK_STR(attributed("\"First,\" said Tan Kefei.\n\nThen he added that China would wait.\n",
	                     NULL),
	          "tan-kefei|r:tan-kefei / Tan Kefei");
	/* no one before: no one */
	CHECK_STR(attributed("\"We agree on nothing,\" he said.\n", NULL), "-");
	/* two people just spoke: "he" could be either */
	CHECK_STR(attributed("\"Yes,\" said John Smith. \"No,\" said Peter Holm.\n\n"
	                     "\"Maybe,\" he said.\n",
	                     NULL),
	          "john-smith|peter-holm|- / John Smith, Peter Holm");
	/* the one who spoke last, a paragraph after the other: him */
	CHECK_STR(attributed("\"Yes,\" said John Smith.\n\n\"No,\" said Peter Holm.\n\n"
	                     "\"Maybe,\" he said.\n",
	                     NULL),
	          "john-smith|peter-holm|peter-holm / John Smith, Peter Holm");
	/* a paragraph not read between them may name someone else: no one */
	CHECK_STR(attributed("\"Yes,\" said John Baird.\n\nThe department will look into it, "
	                     "Spokeswoman Sujata Raisinghani told CBC News.\n\n"
	                     "\"We take security seriously,\" she said.\n",
	                     NULL),
	          "john-baird|- / John Baird");
	/* ... but the one the sentence just before opens with is "she" */
	CHECK_STR(attributed("\"Yes,\" said John Baird.\n\nSpokeswoman Sujata Raisinghani told "
	                     "CBC News the department will look into it.\n\n"
	                     "\"We take security seriously,\" she said.\n",
	                     NULL),
	          "john-baird|spokeswoman-sujata-raisinghani / John Baird, Spokeswoman Sujata Raisinghani");
	/* ... unless it named no one ("experts say") */
	CHECK_STR(attributed("\"Yes,\" said John Baird.\n\nMost experts say the problem is easily "
	                     "fixed.\n\n\"We take security seriously,\" he said.\n",
	                     NULL),
	          "john-baird|john-baird / John Baird");
	/* the pronoun's own paragraph names who spoke before it: him */
	CHECK_STR(attributed("\"Yes,\" said Cres Eastman.\n\nThe WHO say it is easily fixed.\n\n"
	                     "Professor Eastman said he is alarmed. \"Women get half of what they "
	                     "need,\" he said.\n",
	                     NULL),
	          "cres-eastman|cres-eastman / Cres Eastman");
	/* the last speaker long ago: no one */
	CHECK_STR(attributed("\"Yes,\" said John Smith.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n"
	                     "\"Maybe,\" he said.\n",
	                     NULL),
	          "john-smith|- / John Smith");
}

/* A few quoted words inside a sentence are a term, not anyone's speech. */
void test_attribution_terms(void)
{
	CHECK_STR(attributed("China urges the US to stop hyping up \"China threat\" in public.\n",
	                     NULL),
	          "term");
	/* even beside a speaker */
	CHECK_STR(attributed("The US talks of a \"China threat\", Tan Kefei said on Monday.\n", NULL),
	          "term");
	/* a quotation of a title, a few words after its verb: no speaker is
	 * named, so no one */
	CHECK_STR(attributed("The paper ran the headline \"Port shut\" on Monday.\n", NULL), "term");
	/* a term inside someone's quotation is still a term */
	CHECK_STR(attributed("\"They spread the 'China threat theory' again,\" said Tan Kefei.\n",
	                     NULL),
	          "tan-kefei|term / Tan Kefei");
	/* a short quotation of speech after its verb is speech */
	CHECK_STR(attributed("Tan Kefei said: \"No.\"\n", NULL), "tan-kefei / Tan Kefei");
}

/* When unsure, nothing: a wrong name is worse than none. */
void test_attribution_unsure(void)
{
	/* no verb anywhere near */
	CHECK_STR(attributed("\"Nobody here knows where this quotation comes from at all.\"\n", NULL),
	          "-");
	/* two people in the sentence, no verb tying either to the quotation */
	CHECK_STR(attributed("Ana Ruiz and Peter Holm met in Oslo. \"This sentence names no one "
	                     "as its speaker at all.\"\n",
	                     NULL),
	          "-");
	/* "said" far from any quotation */
	CHECK_STR(attributed("The minister said the budget would pass. Much later the papers "
	                     "printed \"a notice of the meeting in full for all\".\n",
	                     NULL),
	          "-");
	/* a subject that is no name: a sentence's first word */
	CHECK_STR(attributed("\"We will see about that,\" The said.\n", NULL), "-");
	/* a one-word name never given in full does not report speech, and
	 * "X said." closing a paragraph introduces no one to the next */
	CHECK_STR(attributed("China announced that it would wait.\n", NULL), "");
	/* a "that" read at a line's start, after no verb: nothing to read
	 * (the pass sorted an empty list of places, undefined in C) */
	CHECK_STR(attributed("Tan\nx that he would wait.\n", NULL), "");
	CHECK_STR(attributed("Tan Kefei spoke on Monday, as Ana Ruiz said.\n\n"
	                     "\"Nobody knows who wrote this line of the report.\"\n",
	                     NULL),
	          "-");
}

/* The reach of the rules the two quotation sets asked for, each beside
 * its false-positive twin. */
void test_attribution_reach(void)
{
	/* a quotation inside an excerpt is read as a paragraph of its own */
	CHECK_STR(attributed("\"'We are swamped,' said Jack Schron, president of the firm. "
	                     "Sales rose this spring.\"\n",
	                     NULL),
	          "-|jack-schron / Jack Schron: president");
	CHECK_STR(attributed("\"The 'China threat' is an old story told by many.\"\n", NULL),
	          "-|term");
	/* "a spokesman" is someone new; "the spokesman" then refers to him */
	CHECK_STR(attributed("\"We do not recognize it,\" said a defense ministry spokesman.\n\n"
	                     "\"Never,\" the spokesman said.\n",
	                     NULL),
	          "defense-ministry-spokesman|defense-ministry-spokesman / "
	          "defense ministry spokesman: spokesman");
	CHECK_STR(attributed("\"Never,\" the spokesman said.\n", NULL), "-");
	/* "of" and a role inside a name */
	CHECK_STR(attributed("After the leak, CEO of the Refugee Council Enver Solomon told Sky "
	                     "News: \"Moves are welcome.\"\n",
	                     NULL),
	          "ceo-of-the-refugee-council-enver-solomon / "
	          "CEO of the Refugee Council Enver Solomon");
	CHECK_STR(attributed("\"We are mobilizing,\" AFL-CIO spokesperson Ray Zaccaro said.\n\n"
	                     "\"Again,\" the spokesperson said.\n",
	                     NULL),
	          "ray-zaccaro|ray-zaccaro / Ray Zaccaro: spokesperson");
	CHECK_STR(attributed("\"It is far too late for that,\" a letter of the Home Office said.\n", NULL), "-");
	/* the sentence before names the speaker, "also" or not */
	CHECK_STR(attributed("Ann Lee also said the plan works. \"It is the best we have.\"\n",
	                     NULL),
	          "ann-lee / Ann Lee");
	CHECK_STR(attributed("Ann Lee said the plan works. Critics disagree. \"It is the worst "
	                     "plan we have.\"\n",
	                     NULL),
	          "-");
	/* and a pronoun after it */
	CHECK_STR(attributed("Chief Executive Marc Bitzer said the tariffs help. \"They help a "
	                     "lot,\" he said.\n",
	                     NULL),
	          "executive-marc-bitzer / Chief Executive Marc Bitzer");
	CHECK_STR(attributed("But Smith said the tariffs would help. \"They help a lot,\" he said.\n",
	                     NULL),
	          "-");
	/* a paragraph that is only a quotation goes on from the one speaker
	 * before; not after two */
	CHECK_STR(attributed("\"First,\" said Ann Lee.\n\n\"Second, a paragraph of its own.\"\n",
	                     NULL),
	          "ann-lee|ann-lee / Ann Lee");
	CHECK_STR(attributed("\"First of all,\" said Ann Leeds. \"Not at all,\" said Bo Parker.\n\n"
	                     "\"A paragraph of its own.\"\n",
	                     NULL),
	          "ann-leeds|bo-parker|- / Ann Leeds, Bo Parker");
	/* a pronoun after someone else is named: unsure */
	CHECK_STR(attributed("\"First,\" said Ann Lee.\n\nFor Kevin Allton, the day was long. He "
	                     "said, \"It was a legend.\"\n",
	                     NULL),
	          "ann-lee|- / Ann Lee");
	/* a text that does not say its language is read in the one it uses */
	CHECK_STR(attributed("« Nous ne céderons pas », a déclaré Marie Dubois. Le ministre a dit "
	                     "que la loi est bonne, que le pays la veut et que les gens la "
	                     "soutiennent.\n",
	                     NULL),
	          "marie-dubois / Marie Dubois");
	CHECK_STR(attributed_lang_guess(), "fr en en");
}

/* People the text introduces before they speak: known to "he", a
 * surname or a role, and in the speaker table only once they speak. */
void test_attribution_introductions(void)
{
	/* a role, its comma and the name; then "-t-il" with no one else */
	CHECK_STR(attributed("Le porte-parole du gouvernement, Paul Mercier, s'est exprimé lundi.\n\n"
	                     "« Personne ne sera oublié », a-t-il martelé.\n",
	                     "fr"),
	          "paul-mercier / Paul Mercier: porte-parole");
	/* the name and its role after a comma; a German noun is no name */
	CHECK_STR(attributed("Berlin – Daniel Weber, der Sprecher der Partei, trat zurück.\n\n"
	                     "„Es war genug“, sagte er gegenüber dem Radio.\n",
	                     "de"),
	          "daniel-weber / Daniel Weber: Sprecher");
	/* introduced but never speaking: not listed */
	CHECK_STR(attributed("The mayor, Ann Lee, opened the bridge on Monday.\n\n"
	                     "\"It rained all day on the bridge,\" the report said.\n",
	                     NULL),
	          "-");
	/* two people introduced: "he" is either */
	CHECK_STR(attributed("Ann Lee and Bo Park met on Monday.\n\n\"We agree,\" he said.\n", NULL), "-");
	/* a headline in title case introduces no one: not "Roe Releases
	 * Report", whom "Roe" would then be */
	CHECK_STR(attributed("Intro\n\nSecretary Roe Releases Report on Harbour Safety Today\n\n"
	                     "\"It is done,\" said Secretary Roe.\n",
	                     NULL),
	          "roe / Roe");
	/* a name is whole before "of" when no title follows */
	CHECK_STR(attributed("\"It was wrong,\" said Judge Royce Lamberth of the US District Court.\n", NULL),
	          "royce-lamberth / Judge Royce Lamberth");
	/* a paragraph that is only a quotation, after one that opens with
	 * someone known as its subject, is theirs; not after one naming two */
	CHECK_STR(attributed("Ricardo Mannetti spoke after the match.\n\n"
	                     "Mannetti also urged the clubs to invest.\n\n"
	                     "\"The clubs must take the continent seriously.\"\n",
	                     NULL),
	          "ricardo-mannetti / Ricardo Mannetti");
	CHECK_STR(attributed("Ricardo Mannetti spoke after the match.\n\n"
	                     "Mannetti also met Ann Lee on Monday.\n\n"
	                     "\"The clubs must take the continent seriously.\"\n",
	                     NULL),
	          "-");
	/* a particle opens a surname */
	CHECK_STR(attributed("Anna de Vries told reporters: \"We are back.\"\n\n\"Too early,\" de Vries said.\n",
	                     NULL),
	          "anna-de-vries|anna-de-vries / Anna de Vries");
}
