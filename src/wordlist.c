/* wordlist.c - lists written as one string of space-separated words. */
#include <string.h>
#include <strings.h>

#include "wordlist.h"

int wordlist_has(const char *list, const char *word, size_t len, int ignore_case)
{
	while (list && *list) {
		size_t n = strcspn(list, " ");
		if (n == len && (ignore_case ? strncasecmp(list, word, len)
		                             : strncmp(list, word, len)) == 0)
			return 1;
		list += n;
		list += strspn(list, " ");
	}
	return 0;
}
