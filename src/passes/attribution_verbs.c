/* attribution_verbs.c - the verbs and words of attribution, one table
 * per language: the one place to add a language or a verb. */
#include <string.h>

#include "core/wordlist.h"
#include "passes/attribution.h"

/* The verbs are the forms news reports write beside a quotation, past
 * and present; a verb of two words ("pointed out", "fügte hinzu") is
 * found by its first. */
static const attribution_lang langs[] = {
	{"en",
	 "acknowledged add added adds admitted announced announces argued argues ask asked asks "
	 "adding asserted asserts cautioned claimed claims commented comments concluded confirmed "
	 "confirms continued continues cried declared declares emphasised emphasized "
	 "emphasizes explained explains insisted insists maintained noted notes observed "
	 "posted predicted recalled recalls remarked replied replies reports responded responds "
	 "said say saying says shouted stated states stating stressed stresses suggested testified tell tells told "
	 "tweeted urged warned warns wrote write writes writing",
	 "also has had have", "he she it", "the a an", "a an",
	 "agency ambassador analyst author authors chair chairman chairwoman chancellor chief "
	 "coach colonel commander company department director general governor head leader "
	 "mayor minister ministry official officer premier president professor prosecutor "
	 "researcher secretary senator spokesman spokesperson spokeswoman statement",
	 "according", "that", "for of at from with", "of",
	 "at by for from in into of on to with", "ask asked asks", 0},
	{"fr",
	 "affirme affirmé ajoute ajouté annonce annoncé assure assuré commente commenté conclut "
	 "conclu confie confié déclare déclaré dit estime estimé explique expliqué indique "
	 "indiqué insiste insisté lance lancé martèle martelé poursuit poursuivi précise précisé "
	 "raconte raconté rappelle rappelé répond répondu souligne souligné écrit",
	 "a avait", "il elle", "le la les un une", "un une",
	 "agence ambassadeur ambassadrice chef directeur directrice gouvernement maire ministère ministre porte-parole "
	 "président présidente procureur responsable secrétaire",
	 "selon", "que qu'", "de du des", "de",
	 "à avec chez de des du par pour sur", "", 0},
	{"de",
	 "betont betonte erklärt erklärte fügte meint meinte sagt sagte sagten schreibt schrieb "
	 "teilte warnte",
	 "hat habe hatte", "er sie", "der die das ein eine", "ein eine",
	 "botschafter chef chefin direktor direktorin minister ministerin ministerium präsident "
	 "präsidentin sprecher sprecherin staatsanwalt",
	 "laut", "dass", "von des der für", "der",
	 "an auf aus bei durch für gegen mit nach ohne seit über um unter von vor zu", "", 1},
	{"es",
	 "advirtió afirmó agregó apuntó aseguró añadió comentó declaró destacó dice dijo "
	 "escribió explicó expresó indicó insistió manifestó precisó respondió señaló sostuvo "
	 "subrayó",
	 "ha había", "él ella", "el la los las un una", "un una",
	 "agencia director directora embajador embajadora fiscal gobierno ministerio ministra ministro portavoz presidenta "
	 "presidente secretaria secretario",
	 "según", "que", "de del", "de del",
	 "a con de del en para por", "", 0},
	{"it",
	 "afferma affermato aggiunge aggiunto annuncia annunciato commenta commentato conclude "
	 "concluso dice dichiara dichiarato detto precisa precisato risponde risposto scrive "
	 "scritto sottolinea sottolineato spiega spiegato",
	 "ha aveva", "lui lei", "il lo la i gli le un uno una", "un uno una",
	 "ambasciatore ambasciatrice direttore direttrice governo ministero ministra ministro "
	 "portavoce presidente procuratore segretario sindaco",
	 "secondo", "che", "di del della dei delle", "di del della",
	 "a al alla con da dal di del della in nel nella per su", "", 0},
	{"nl",
	 "aldus benadrukte benadrukt schreef schrijft stelde stelt verklaarde verklaart vertelde "
	 "vertelt voegde zegt zei",
	 "heeft had", "hij zij ze", "de het een", "een",
	 "burgemeester directeur directrice minister ministerie premier president regering "
	 "voorzitter woordvoerder woordvoerster",
	 "volgens", "dat", "van", "van",
	 "aan bij door in met naar op over tot uit van voor", "vroeg vraagt", 0},
	{"pt",
	 "acrescentou afirma afirmou comentou declarou destacou diz disse escreveu esclareceu "
	 "explicou garantiu lembrou observou respondeu ressaltou salientou",
	 "tem tinha", "ele ela", "o a os as um uma", "um uma",
	 "chefe diretor diretora embaixador embaixadora governo ministério ministra ministro "
	 "porta-voz presidente procurador secretário secretária",
	 "segundo", "que", "de do da dos das", "de do da",
	 "a ao à com de do da em no na para por", "", 0},
	{"ca",
	 "adverteix advertit afegeix afegit afirma afirmat apunta apuntat assegura assegurat comenta "
	 "comentat declara declarat destaca destacat diu dit explica explicat indica indicat "
	 "insisteix insistit remarca remarcat respon subratlla subratllat",
	 "ha havia", "ell ella", "el la els les un una", "un una",
	 "alcalde alcaldessa conseller consellera director directora fiscal ministra ministre portaveu "
	 "president presidenta secretari secretària",
	 "segons", "que", "de del dels", "de del",
	 "a amb de del en per pel", "", 0},
	{"da",
	 "fortalte fortæller forklarede forklarer mener mente siger sagde skrev skriver tilføjede "
	 "tilføjer uddyber udtaler udtalte understreger understregede",
	 "har havde", "han hun", "en et", "en et",
	 "anklager borgmester chef direktør formand minister statsminister talskvinde talsmand "
	 "talsperson",
	 "ifølge", "at", "for i på", "",
	 "af for fra i med om på til ved", "spurgte spørger", 0},
	{"pl",
	 "dodał dodała mówi napisał napisała ocenił oceniła podkreślił podkreśliła powiedział "
	 "powiedziała stwierdził stwierdziła twierdzi wyjaśnił wyjaśniła zaznaczył zaznaczyła",
	 "", "on ona", "", "",
	 "adwokat burmistrz dyrektor minister obrońca poseł premier prezes prezydent prokurator "
	 "rzecznik rzeczniczka sędzia szef",
	 "według", "że", "", "",
	 "dla do na o od po przez przy w we z ze", "zapytał zapytała", 0},
	{"sv",
	 "berättade berättar förklarade förklarar konstaterade konstaterar menade menar sa sade "
	 "säger skrev skriver tillade tillägger",
	 "har hade", "han hon", "en ett", "en ett",
	 "borgmästare chef direktör minister ordförande presschef statsminister talesperson vd "
	 "åklagare",
	 "enligt", "att", "för på i", "",
	 "av för från i med om på till vid", "frågade frågar", 0},
};

const attribution_lang *attribution_lang_for(const char *lang)
{
	size_t len = lang ? strcspn(lang, "-_") : 0;
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
		if (len == 2 && (lang[0] | 0x20) == langs[i].code[0] &&
		    (lang[1] | 0x20) == langs[i].code[1])
			return &langs[i];
	return &langs[0];
}

const attribution_lang *attribution_lang_guess(const char *text, size_t len)
{
	size_t n = sizeof langs / sizeof *langs, best = 0, score[sizeof langs / sizeof *langs] = {0};
	for (size_t i = 0; i < len;) {
		size_t start = i;
		while (i < len && (unsigned char)text[i] >= 'A' && text[i] != '\'' &&
		       !((unsigned char)text[i] >= '[' && (unsigned char)text[i] <= '`') &&
		       !((unsigned char)text[i] >= '{' && (unsigned char)text[i] <= 0x7F))
			i++;
		if (i == start) {
			i++;
			continue;
		}
		for (size_t k = 0; k < n; k++)
			score[k] += wordlist_has(langs[k].articles, text + start, i - start, 1) ||
			            wordlist_has(langs[k].that, text + start, i - start, 1);
	}
	for (size_t k = 1; k < n; k++)
		best = score[k] > score[best] ? k : best;
	/* a few French words in an English text ("a la carte") are no French */
	return score[best] > score[0] + score[0] / 2 + 2 ? &langs[best] : &langs[0];
}
