/* lines.h - input split into lines at LF, CR, CRLF or LFCR, for the
 * line-based readers (text, CHAT).  The next LF and the next CR are
 * remembered, not searched for at every line: a file without a CR is
 * not searched to its end once per line. */
#ifndef STENO_CORE_LINES_H
#define STENO_CORE_LINES_H

#include <stddef.h>

typedef struct line_scanner {
	char *buf;
	size_t pos, end; /* the next line starts at pos */
	size_t lf, cr;   /* the first '\n' / '\r' at or after where last searched, or end */
	int no;          /* the number of the line at pos */
} line_scanner;

void line_scanner_init(line_scanner *sc, char *buf, size_t len);

/* The next line: its bytes from *start to *stop (its end left out) and
 * its 1-based number *no, which stops at INT_MAX.  0 after the last. */
int line_scanner_next(line_scanner *sc, size_t *start, size_t *stop, int *no);

#endif
