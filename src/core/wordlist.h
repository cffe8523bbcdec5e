/* wordlist.h - lists written as one string of space-separated words
 * (format aliases and extensions, attribute names to skip). */
#ifndef STENO_WORDLIST_H
#define STENO_WORDLIST_H

#include <stddef.h>

/* Is word[0..len) one of the words of list (NULL: none)?  ignore_case
 * compares ASCII letters without case. */
int wordlist_has(const char *list, const char *word, size_t len, int ignore_case);

#endif
