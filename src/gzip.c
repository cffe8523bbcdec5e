/* gzip.c - gzip streams on zlib: a compressing sink for output, bounded
 * inflation for input. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "error.h"
#include "gzip.h"
#include "sink.h"

#define GZIP_WINDOW (15 + 16) /* a gzip wrapper, not zlib's */
#define GZIP_CHUNK 65536

typedef struct gzip_state {
	z_stream z;
	steno_sink *next;
	uint64_t *total_out; /* told the compressed size on release; may be NULL */
} gzip_state;

/* Compress buf[0..len) into the next sink with the given flush mode. */
static int gzip_pump(steno_sink *s, int flush)
{
	gzip_state *g = s->dest;
	unsigned char out[GZIP_CHUNK];
	g->z.next_in = (unsigned char *)s->buf;
	g->z.avail_in = (uInt)s->len;
	int rc;
	do {
		g->z.next_out = out;
		g->z.avail_out = sizeof out;
		rc = deflate(&g->z, flush);
		if (rc == Z_STREAM_ERROR)
			return EIO;
		sink_write(g->next, (const char *)out, sizeof out - g->z.avail_out);
		if (g->next->status != STENO_OK)
			return g->next->status == STENO_ERR_NOMEM ? ENOMEM : EIO;
	} while (g->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	s->len = 0;
	return 0;
}

static int gzip_drain(steno_sink *s)
{
	return gzip_pump(s, Z_NO_FLUSH);
}

static int gzip_finish(steno_sink *s)
{
	return gzip_pump(s, Z_FINISH);
}

static void gzip_release(steno_sink *s)
{
	gzip_state *g = s->dest;
	if (g->total_out)
		*g->total_out = g->z.total_out;
	deflateEnd(&g->z);
	free(g);
}

steno_sink *deflate_sink_new(steno_sink *next, int level, int window_bits, uint64_t *total_out)
{
	if (!next || level < 0 || level > 9)
		return NULL;
	gzip_state *g = calloc(1, sizeof *g);
	steno_sink *s = g ? sink_alloc(gzip_drain, GZIP_CHUNK) : NULL;
	if (!s || deflateInit2(&g->z, level ? level : 6, Z_DEFLATED, window_bits, 8,
	                       Z_DEFAULT_STRATEGY) != Z_OK) {
		if (s)
			free(s->buf);
		free(s);
		free(g);
		return NULL;
	}
	g->next = next;
	g->total_out = total_out;
	s->dest = g;
	s->finish = gzip_finish;
	s->release = gzip_release;
	return s;
}

steno_sink *steno_sink_new_gzip(steno_sink *next, int level)
{
	return deflate_sink_new(next, level, GZIP_WINDOW, NULL);
}

int gzip_detect(const char *data, size_t len)
{
	return len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b;
}

/* Grow *buf, doubling, to at most limit bytes; -1 when it is that big
 * already or memory is short. */
static int grow(char **buf, size_t *cap, size_t limit)
{
	size_t want = *cap < GZIP_CHUNK ? GZIP_CHUNK : *cap > limit / 2 ? limit : *cap * 2;
	if (want > limit)
		want = limit;
	if (want <= *cap)
		return -1;
	char *p = realloc(*buf, want);
	if (!p)
		return -1;
	*buf = p;
	*cap = want;
	return 0;
}

static char *inflate_fail(z_stream *z, char *buf)
{
	inflateEnd(z);
	free(buf);
	return NULL;
}

char *gzip_inflate(const char *data, size_t len, size_t max, size_t *out_len, steno_error *err)
{
	z_stream z = {0};
	if (inflateInit2(&z, GZIP_WINDOW) != Z_OK) {
		set_error(err, STENO_ERR_NOMEM, 0, 0, "cannot start gzip decompression");
		return NULL;
	}
	char *buf = NULL;
	size_t cap = 0, used = 0;
	/* One byte beyond the bound shows that the input passes it; no
	 * input passes SIZE_MAX, which has no byte beyond. */
	size_t limit = max < SIZE_MAX ? max + 1 : max;
	const unsigned char *in = (const unsigned char *)data;
	size_t left = len;
	for (;;) {
		if (used == cap && grow(&buf, &cap, limit) < 0) {
			if (cap > max)
				set_error(err, STENO_ERR_LIMIT, 0, 0,
				          "gzip input inflates beyond %zu bytes", max);
			else
				set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory inflating gzip input");
			return inflate_fail(&z, buf);
		}
		z.next_in = (unsigned char *)in;
		z.avail_in = left > UINT32_MAX ? UINT32_MAX : (uInt)left;
		z.next_out = (unsigned char *)buf + used;
		z.avail_out = (uInt)(cap - used > UINT32_MAX ? UINT32_MAX : cap - used);
		uInt before_in = z.avail_in, before_out = z.avail_out;
		int rc = inflate(&z, Z_NO_FLUSH);
		in += before_in - z.avail_in;
		left -= before_in - z.avail_in;
		used += before_out - z.avail_out;
		if (rc == Z_STREAM_END) {
			/* Another member may follow; zero padding after the last
			 * one is allowed, as gzip -d allows it. */
			while (left && *in == 0) {
				in++;
				left--;
			}
			if (!left)
				break;
			if (!gzip_detect((const char *)in, left)) {
				set_error(err, STENO_ERR_PARSE, 0, 0, "trailing garbage after gzip data");
				return inflate_fail(&z, buf);
			}
			inflateReset(&z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			set_error(err, STENO_ERR_PARSE, 0, 0, "corrupt gzip input: %s",
			          z.msg ? z.msg : "invalid data");
			return inflate_fail(&z, buf);
		} else if (!left && z.avail_out) {
			set_error(err, STENO_ERR_PARSE, 0, 0, "truncated gzip input");
			return inflate_fail(&z, buf);
		}
	}
	if (used > max) {
		set_error(err, STENO_ERR_LIMIT, 0, 0, "gzip input inflates beyond %zu bytes", max);
		return inflate_fail(&z, buf);
	}
	inflateEnd(&z);
	char *p = realloc(buf, used + 1);
	if (!p) {
		free(buf);
		set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory inflating gzip input");
		return NULL;
	}
	p[used] = '\0';
	*out_len = used;
	return p;
}
