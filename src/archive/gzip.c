/* gzip.c - gzip streams on zlib: a compressing sink for output, bounded
 * inflation for input. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "archive/gzip.h"
#include "core/error.h"
#include "core/sink.h"

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

/* ---- inflating, within a budget parses on several threads share ---- */

struct steno_budget {
	pthread_mutex_t lock;
	pthread_cond_t changed; /* bytes given back, or the parse alone done */
	size_t size, used;
	int alone; /* a parse has first claim on what is given back */
};

steno_budget *steno_budget_new(size_t size)
{
	steno_budget *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	if (pthread_mutex_init(&b->lock, NULL) != 0) {
		free(b);
		return NULL;
	}
	if (pthread_cond_init(&b->changed, NULL) != 0) {
		pthread_mutex_destroy(&b->lock);
		free(b);
		return NULL;
	}
	b->size = size ? size : GZIP_DEFAULT_MAX;
	return b;
}

void steno_budget_free(steno_budget *b)
{
	if (!b)
		return;
	pthread_cond_destroy(&b->changed);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

/* Reserve n bytes of b.  The parse alone waits until they are free;
 * any other fails (-1) when they are not, or when a parse is alone, and
 * starts again alone once it has given back what it holds: only one
 * parse ever waits holding part of b, so none waits on another that
 * waits on it. */
static int budget_take(steno_budget *b, size_t n, int alone)
{
	int rc = 0;
	pthread_mutex_lock(&b->lock);
	if (!alone && (b->alone || n > b->size - b->used))
		rc = -1;
	while (!rc && n > b->size - b->used)
		pthread_cond_wait(&b->changed, &b->lock);
	if (!rc)
		b->used += n;
	pthread_mutex_unlock(&b->lock);
	return rc;
}

void budget_give(steno_budget *b, size_t n)
{
	if (!b || !n)
		return;
	pthread_mutex_lock(&b->lock);
	b->used -= n;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
}

/* Become the parse alone, once none is (alone set), or stop being it. */
static void budget_alone(steno_budget *b, int alone)
{
	pthread_mutex_lock(&b->lock);
	while (alone && b->alone)
		pthread_cond_wait(&b->changed, &b->lock);
	b->alone = alone;
	pthread_cond_broadcast(&b->changed);
	pthread_mutex_unlock(&b->lock);
}

/* An inflation: the parse alone waits for room in the budget, any
 * other gives up with INFLATE_BUSY. */
enum { INFLATE_BUSY = -1 };

typedef struct inflation {
	z_stream z;
	steno_budget *budget; /* NULL, or shared with other parses */
	int alone;
	char *buf;
	size_t cap, used;
	size_t max;   /* the bound */
	size_t limit; /* the most cap reaches: one byte beyond max shows that the input passes it */
	size_t held;  /* bytes reserved of budget: cap, or max when cap is beyond it */
} inflation;

/* Grow x's buffer, doubling, to at most its limit, and reserve it;
 * 0, INFLATE_BUSY, or -2 when it is at its limit or memory is short. */
static int grow(inflation *x)
{
	size_t want = x->cap < GZIP_CHUNK ? GZIP_CHUNK : x->cap > x->limit / 2 ? x->limit : x->cap * 2;
	if (want > x->limit)
		want = x->limit;
	if (want <= x->cap)
		return -2;
	size_t hold = want < x->max ? want : x->max;
	if (x->budget && hold > x->held && budget_take(x->budget, hold - x->held, x->alone) < 0)
		return INFLATE_BUSY;
	char *p = realloc(x->buf, want);
	if (!p) {
		budget_give(x->budget, hold - x->held);
		return -2;
	}
	x->buf = p;
	x->cap = want;
	x->held = hold;
	return 0;
}

/* Inflate every member of data[0..len) into x's buffer: STENO_OK, an
 * error status (err set), or INFLATE_BUSY. */
static int inflate_into(inflation *x, const char *data, size_t len, steno_error *err)
{
	z_stream *z = &x->z;
	const unsigned char *in = (const unsigned char *)data;
	size_t left = len;
	for (;;) {
		int g = x->used == x->cap ? grow(x) : 0;
		if (g == INFLATE_BUSY)
			return g;
		if (g && x->cap > x->max)
			return set_error(err, STENO_ERR_LIMIT, 0, 0, "gzip input inflates beyond %zu bytes",
			                 x->max);
		if (g)
			return set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory inflating gzip input");
		z->next_in = (unsigned char *)in;
		z->avail_in = left > UINT32_MAX ? UINT32_MAX : (uInt)left;
		z->next_out = (unsigned char *)x->buf + x->used;
		z->avail_out = (uInt)(x->cap - x->used > UINT32_MAX ? UINT32_MAX : x->cap - x->used);
		uInt before_in = z->avail_in, before_out = z->avail_out;
		int rc = inflate(z, Z_NO_FLUSH);
		in += before_in - z->avail_in;
		left -= before_in - z->avail_in;
		x->used += before_out - z->avail_out;
		if (rc == Z_STREAM_END) {
			/* Another member may follow; zero padding after the last
			 * one is allowed, as gzip -d allows it. */
			while (left && *in == 0) {
				in++;
				left--;
			}
			if (!left)
				break;
			if (!gzip_detect((const char *)in, left))
				return set_error(err, STENO_ERR_PARSE, 0, 0, "trailing garbage after gzip data");
			inflateReset(z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			return set_error(err, STENO_ERR_PARSE, 0, 0, "corrupt gzip input: %s",
			                 z->msg ? z->msg : "invalid data");
		} else if (!left && z->avail_out) {
			return set_error(err, STENO_ERR_PARSE, 0, 0, "truncated gzip input");
		}
	}
	if (x->used > x->max)
		return set_error(err, STENO_ERR_LIMIT, 0, 0, "gzip input inflates beyond %zu bytes",
		                 x->max);
	return STENO_OK;
}

/* One attempt at inflating data into x; on failure x's buffer is freed
 * and its reservation given back. */
static int inflate_once(inflation *x, const char *data, size_t len, steno_error *err)
{
	if (inflateInit2(&x->z, GZIP_WINDOW) != Z_OK)
		return set_error(err, STENO_ERR_NOMEM, 0, 0, "cannot start gzip decompression");
	int st = inflate_into(x, data, len, err);
	inflateEnd(&x->z);
	if (st != STENO_OK) {
		free(x->buf);
		budget_give(x->budget, x->held);
	}
	return st;
}

char *gzip_inflate(const char *data, size_t len, size_t max, steno_budget *budget,
                   size_t *out_len, steno_error *err)
{
	if (budget && max > budget->size)
		max = budget->size;
	/* no input passes SIZE_MAX, which has no byte beyond */
	inflation x = {.budget = budget, .max = max, .limit = max < SIZE_MAX ? max + 1 : max};
	int st = inflate_once(&x, data, len, err);
	if (st == INFLATE_BUSY) {
		budget_alone(budget, 1);
		x = (inflation){.budget = budget, .alone = 1, .max = max, .limit = x.limit};
		st = inflate_once(&x, data, len, err);
		budget_alone(budget, 0);
	}
	if (st != STENO_OK)
		return NULL;
	char *p = realloc(x.buf, x.used + 1);
	if (!p) {
		free(x.buf);
		budget_give(budget, x.held);
		set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory inflating gzip input");
		return NULL;
	}
	budget_give(budget, x.held - x.used);
	p[x.used] = '\0';
	*out_len = x.used;
	return p;
}
