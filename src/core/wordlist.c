/* wordlist.c - lists written as one string of space-separated words. */
#include <string.h>
#include <strings.h>

#include "core/wordlist.h"

/* The XML readers ask once per attribute, so the words are measured
 * in place rather than by library calls. */
int wordlist_has(const char *list, const char *word, size_t len, int ignore_case)
{
	while (list && *list) {
		size_t n = 0;
		while (list[n] && list[n] != ' ')
			n++;
		if (n == len && (ignore_case ? strncasecmp(list, word, len)
		                             : memcmp(list, word, len)) == 0)
			return 1;
		list += n;
		while (*list == ' ')
			list++;
	}
	return 0;
}
