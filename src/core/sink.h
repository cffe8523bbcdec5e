/* sink.h - the buffered writer every writer writes through.  The hot
 * path (sink_putc, sink_write) is inline: writers call it per byte. */
#ifndef STENO_SINK_H
#define STENO_SINK_H

#include <string.h>

#include "steno.h"

struct steno_sink {
	char *buf;
	size_t len, cap;
	steno_status status; /* first error; later writes are dropped */
	int errnum;          /* the errno behind status, for messages */
	/* Move buf[0..len) on (or grow buf, for memory); 0 or an errno. */
	int (*drain)(steno_sink *s);
	/* Finish the destination (gzip trailer); may be NULL. */
	int (*finish)(steno_sink *s);
	/* Release what the destination owns; may be NULL. */
	void (*release)(steno_sink *s);
	void *dest; /* FILE *, descriptor, callback state, deflate state */
	int fd;
	steno_write_fn fn;
};

/* Drain a full buffer so at least one byte fits; errors go to s->status
 * and leave the buffer full, so later writes are dropped. */
void sink_make_room(steno_sink *s);
/* The path of sink_write for data larger than the free space. */
void sink_write_slow(steno_sink *s, const char *data, size_t len);

static inline void sink_putc(steno_sink *s, char c)
{
	if (s->len == s->cap)
		sink_make_room(s);
	if (s->len < s->cap)
		s->buf[s->len++] = c;
}

static inline void sink_write(steno_sink *s, const char *data, size_t len)
{
	if (s->cap - s->len >= len) {
		memcpy(s->buf + s->len, data, len);
		s->len += len;
	} else {
		sink_write_slow(s, data, len);
	}
}

static inline void sink_puts(steno_sink *s, const char *str)
{
	sink_write(s, str, strlen(str));
}

/* A sink with a cap-byte buffer that drain empties, for sinks built
 * outside this file (compressors, archive entries); NULL on no memory.
 * The caller sets dest, finish and release. */
steno_sink *sink_alloc(int (*drain)(steno_sink *), size_t cap);

/* A memory sink's buffer with a NUL appended, handed to the caller (who
 * frees it); the sink is left empty.  NULL for other sinks or on error. */
char *sink_memory_take(steno_sink *s, size_t *len);

/* Decimal integers, as JSON and HTML attributes need them. */
void sink_put_int(steno_sink *s, long long v);

/* The same into buf, for text that is kept: v's digits, after a '-'
 * when negative, end at buf's end; returns where they start. */
#define SINK_INT_CHARS 20
char *sink_format_int(long long v, char buf[SINK_INT_CHARS]);

#endif
