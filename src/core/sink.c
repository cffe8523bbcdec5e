/* sink.c - buffered output to a FILE, a descriptor, memory or a callback. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/grow.h"
#include "core/sink.h"

#define SINK_BUFFER 65536

static void sink_fail(steno_sink *s, int e)
{
	if (s->status == STENO_OK) {
		s->status = e == ENOMEM ? STENO_ERR_NOMEM : STENO_ERR_IO;
		s->errnum = e;
	}
}

void sink_make_room(steno_sink *s)
{
	if (s->status != STENO_OK)
		return;
	int e = s->drain(s);
	if (e)
		sink_fail(s, e);
}

void sink_write_slow(steno_sink *s, const char *data, size_t len)
{
	while (len && s->status == STENO_OK) {
		if (s->len == s->cap)
			sink_make_room(s);
		size_t room = s->cap - s->len;
		size_t n = len < room ? len : room;
		memcpy(s->buf + s->len, data, n);
		s->len += n;
		data += n;
		len -= n;
	}
}

char *sink_format_int(long long v, char buf[SINK_INT_CHARS])
{
	char *p = buf + SINK_INT_CHARS;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

void sink_put_int(steno_sink *s, long long v)
{
	char buf[SINK_INT_CHARS];
	const char *p = sink_format_int(v, buf);
	sink_write(s, p, (size_t)(buf + SINK_INT_CHARS - p));
}

steno_sink *sink_alloc(int (*drain)(steno_sink *), size_t cap)
{
	steno_sink *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->buf = malloc(cap);
	if (!s->buf) {
		free(s);
		return NULL;
	}
	s->cap = cap;
	s->drain = drain;
	return s;
}

static int drain_file(steno_sink *s)
{
	if (s->len && fwrite(s->buf, 1, s->len, s->dest) != s->len)
		return errno ? errno : EIO;
	s->len = 0;
	return 0;
}

static int drain_fd(steno_sink *s)
{
	size_t off = 0;
	while (off < s->len) {
		ssize_t n = write(s->fd, s->buf + off, s->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		off += (size_t)n;
	}
	s->len = 0;
	return 0;
}

static int drain_callback(steno_sink *s)
{
	int e = s->len ? s->fn(s->dest, s->buf, s->len) : 0;
	if (e)
		return e;
	s->len = 0;
	return 0;
}

/* A memory sink never drains: it grows. */
static int drain_memory(steno_sink *s)
{
	char *grown = grow_array(s->buf, &s->cap, s->len + 1, 1);
	if (!grown)
		return ENOMEM;
	s->buf = grown;
	return 0;
}

static int finish_file(steno_sink *s)
{
	return fflush(s->dest) == 0 ? 0 : (errno ? errno : EIO);
}

steno_sink *steno_sink_new_callback(steno_write_fn fn, void *userdata)
{
	if (!fn)
		return NULL;
	steno_sink *s = sink_alloc(drain_callback, SINK_BUFFER);
	if (s) {
		s->fn = fn;
		s->dest = userdata;
	}
	return s;
}

steno_sink *steno_sink_new_file(FILE *fp)
{
	if (!fp)
		return NULL;
	steno_sink *s = sink_alloc(drain_file, SINK_BUFFER);
	if (s) {
		s->dest = fp;
		s->finish = finish_file;
	}
	return s;
}

steno_sink *steno_sink_new_fd(int fd)
{
	if (fd < 0)
		return NULL;
	steno_sink *s = sink_alloc(drain_fd, SINK_BUFFER);
	if (s)
		s->fd = fd;
	return s;
}

steno_sink *steno_sink_new_memory(void)
{
	return sink_alloc(drain_memory, 4096);
}

steno_status steno_sink_write(steno_sink *sink, const void *data, size_t len)
{
	if (!sink || (!data && len))
		return STENO_ERR_ARG;
	sink_write(sink, data, len);
	return sink->status;
}

steno_status steno_sink_flush(steno_sink *sink)
{
	if (!sink)
		return STENO_ERR_ARG;
	if (sink->drain != drain_memory && sink->len)
		sink_make_room(sink);
	return sink->status;
}

steno_status steno_sink_status(const steno_sink *sink)
{
	return sink ? sink->status : STENO_ERR_ARG;
}

const char *steno_sink_memory_data(steno_sink *sink, size_t *len)
{
	if (!sink || sink->drain != drain_memory) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = sink->len;
	return sink->buf;
}

steno_status steno_sink_close(steno_sink *sink)
{
	if (!sink)
		return STENO_OK;
	steno_sink_flush(sink);
	if (sink->finish && sink->status == STENO_OK) {
		int e = sink->finish(sink);
		if (e)
			sink_fail(sink, e);
	}
	if (sink->release)
		sink->release(sink);
	steno_status st = sink->status;
	free(sink->buf);
	free(sink);
	return st;
}

/* For steno_render_string: take a memory sink's buffer, NUL-terminated. */
char *sink_memory_take(steno_sink *s, size_t *len)
{
	if (s->drain != drain_memory || s->status != STENO_OK)
		return NULL;
	sink_putc(s, '\0');
	if (s->status != STENO_OK)
		return NULL;
	char *buf = s->buf;
	if (len)
		*len = s->len - 1;
	s->buf = NULL;
	s->len = s->cap = 0;
	return buf;
}
