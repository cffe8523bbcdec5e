/* lines.c - input split into lines (lines.h). */
#include <limits.h>
#include <string.h>

#include "core/lines.h"

static size_t find(const line_scanner *sc, size_t from, int c)
{
	const char *p = memchr(sc->buf + from, c, sc->end - from);
	return p ? (size_t)(p - sc->buf) : sc->end;
}

void line_scanner_init(line_scanner *sc, char *buf, size_t len)
{
	sc->buf = buf;
	sc->pos = 0;
	sc->end = len;
	sc->no = 1;
	sc->lf = find(sc, 0, '\n');
	sc->cr = find(sc, 0, '\r');
}

int line_scanner_next(line_scanner *sc, size_t *start, size_t *stop, int *no)
{
	*start = sc->pos;
	if (*start >= sc->end)
		return 0;
	if (sc->lf < *start)
		sc->lf = find(sc, *start, '\n');
	if (sc->cr < *start)
		sc->cr = find(sc, *start, '\r');
	*stop = sc->lf < sc->cr ? sc->lf : sc->cr;
	sc->pos = *stop;
	if (*stop < sc->end) {
		/* CRLF and LFCR are one line end */
		char pair = sc->buf[*stop] == '\n' ? '\r' : '\n';
		sc->pos = *stop + 1;
		if (sc->pos < sc->end && sc->buf[sc->pos] == pair)
			sc->pos++;
	}
	*no = sc->no;
	if (sc->no < INT_MAX)
		sc->no++;
	return 1;
}
