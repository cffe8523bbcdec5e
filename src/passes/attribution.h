/* attribution.h - the words the attribution pass reads, per language
 * (attribution_verbs.c).  Each list is one string of space-separated
 * words in lower case, for wordlist_has. */
#ifndef STENO_ATTRIBUTION_H
#define STENO_ATTRIBUTION_H

#include <stddef.h>

typedef struct attribution_lang {
	const char *code;      /* the primary language subtag: "en" */
	const char *verbs;     /* said, told, added, ...: every form the news writes */
	const char *aux;       /* "has said", "a déclaré", "also said": a word before a verb */
	const char *pronouns;  /* he, she, it: a subject that is the last speaker */
	const char *articles;  /* the, a: before a role ("the spokesperson") */
	const char *indefinite; /* a, an: "said a spokesman" is someone new, unnamed */
	const char *roles;     /* spokesperson, minister: nouns a person is referred to by */
	const char *according; /* the last word of "according to", "selon", "laut" */
	const char *that;      /* the word that opens reported speech */
	const char *of;        /* for, of: between a role and its affiliation */
	const char *joints;    /* of: inside a name, "Minister of Education Ann Lee" */
	const char *preps;     /* by, to: a name after one is no verb's subject */
	const char *asks;      /* the verbs of the list that ask: their sentence quotes no answer */
	int capital_nouns;     /* every noun has its capital: "der Ortschef" is no name */
} attribution_lang;

/* The words of the language whose BCP 47 tag is lang; English when
 * lang is NULL or a language without a table. */
const attribution_lang *attribution_lang_for(const char *lang);

/* The words of the language whose articles and "that" the len bytes of
 * text use most; English when none stands out. */
const attribution_lang *attribution_lang_guess(const char *text, size_t len);

#endif
