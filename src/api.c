/* api.c - the public entry points that tie readers, passes and writers
 * together through the registry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "archive/gzip.h"
#include "core/error.h"
#include "core/io.h"
#include "passes/passes.h"
#include "registry.h"

/* Unless opts->max_memory says otherwise, a document may take this
 * many times its input's size (and at least MIN_BUDGET): real
 * transcripts take 2-4 times, while input built to blow up the tree
 * (millions of one-byte lines) fails fast instead. */
#define BUDGET_FACTOR 32
#define MIN_BUDGET ((size_t)64 << 20)
/* Bytes of a file read to tell gzip from plain input before a
 * streaming reader takes the rest. */
#define STREAM_HEAD 4096

const char *steno_version(void)
{
	return STENO_VERSION_STRING;
}

int steno_version_number(void)
{
	return STENO_VERSION;
}

void steno_options_init(steno_options *opts)
{
	if (!opts)
		return;
	memset(opts, 0, sizeof *opts);
	opts->passes = STENO_PASS_DEFAULT;
	opts->pause_ms = 2000;
	opts->cue_chars = 42;
	opts->cue_lines = 2;
	opts->cue_seconds = 7;
}

static const steno_options *options_or_default(const steno_options *opts, steno_options *tmp)
{
	if (opts)
		return opts;
	steno_options_init(tmp);
	return tmp;
}

static const format *find_format(const char *name, int writing, steno_error *err)
{
	if (!name) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no format given");
		return NULL;
	}
	const format *f = format_lookup(name);
	if (!f) {
		set_error(err, STENO_ERR_FORMAT, 0, 0, "unknown format '%s' (see --list-formats)",
		          name);
		return NULL;
	}
	if (writing ? !f->write : !format_can_read(f)) {
		set_error(err, STENO_ERR_FORMAT, 0, 0, "format '%s' cannot be %s", f->name,
		          writing ? "written" : "read");
		return NULL;
	}
	return f;
}

/* The memory a document of input in may take when opts set none. */
static size_t default_budget(const io_input *in, const steno_options *opts)
{
	/* a stream of unknown length may be as long as the input bound */
	size_t len = in->size || !in->fp ? in->size
	             : opts->max_input ? opts->max_input : GZIP_DEFAULT_MAX;
	return len > (SIZE_MAX - MIN_BUDGET) / BUDGET_FACTOR ? SIZE_MAX
	                                                     : MIN_BUDGET + len * BUDGET_FACTOR;
}

/* Input a parse may let go of as soon as its reader is done, since the
 * passes need none of it: the malloc'd buffer holding it (with a spare
 * byte after the input, as io_read_rest and gzip_inflate leave one),
 * and the bytes of an inflate budget that buffer holds.  Zeroed: none.
 * Kept through the passes, a large input sat beside its whole
 * document.  A reader may keep the buffer instead (doc->input). */
typedef struct owned_input {
	char *buf;
	steno_budget *budget;
	size_t reserved;
} owned_input;

static void release_input(owned_input *o)
{
	if (!o)
		return;
	free(o->buf);
	budget_give(o->budget, o->reserved);
	*o = (owned_input){0};
}

/* The caller's metadata, over the source's. */
static steno_status set_metadata(steno_doc *doc, const steno_options *opts, steno_error *err)
{
	for (size_t i = 0; i < opts->metadata_count; i++) {
		const char *kv = opts->metadata[i], *eq = kv ? strchr(kv, '=') : NULL;
		if (!eq || eq == kv)
			return set_error(err, STENO_ERR_ARG, 0, 0, "metadata wants KEY=VALUE, not '%s'",
			                 kv ? kv : "(null)");
		char *key = arena_strndup(&doc->arena, kv, (size_t)(eq - kv));
		steno_status st = key ? steno_meta_set(doc, key, eq + 1) : STENO_ERR_NOMEM;
		if (st != STENO_OK)
			return st == STENO_ERR_NOMEM ? error_nomem(err)
			                             : set_error(err, st, 0, 0, "bad metadata '%s'", kv);
	}
	return STENO_OK;
}

/* Read in (not gzip'd) with f, release owned (may be NULL) and run the
 * passes.  Whole-input readers get every byte in one buffer; streaming
 * ones take it as it comes. */
static steno_doc *parse_input(const format *f, const io_input *in, owned_input *owned,
                              const steno_options *opts, steno_error *err)
{
	steno_doc *doc = doc_new(opts->sourcepos);
	if (!doc) {
		release_input(owned);
		error_nomem(err);
		return NULL;
	}
	size_t budget = opts->max_memory ? opts->max_memory : default_budget(in, opts);
	arena_set_limit(&doc->arena, budget);
	doc->parsing = 1;
	int lent = owned && owned->buf && owned->buf == in->head && !f->stream;
	doc->input = lent ? owned->buf : NULL;
	steno_status st = f->stream ? f->stream(doc, in, opts, err)
	                            : f->read(doc, in->head, in->head_len, opts, err);
	if (lent && !doc->input)
		owned->buf = NULL; /* the reader kept it: the document's now */
	doc->input = NULL;
	release_input(owned);
	if (st == STENO_OK)
		st = set_metadata(doc, opts, err);
	if (st == STENO_OK)
		st = steno_run_passes(doc, opts, err);
	doc->parsing = 0;
	if (st != STENO_OK) {
		if (doc->arena.over_limit)
			set_error(err, STENO_ERR_LIMIT, 0, 0,
			          "the document would take more than %zu %s; input too complex",
			          budget >= (1 << 20) ? budget >> 20 : budget,
			          budget >= (1 << 20) ? "MiB" : "bytes");
		steno_doc_free(doc);
		return NULL;
	}
	return doc;
}

/* steno_parse of data, which lives in owned's buffer when the parse may
 * free it (and owned is then the parse's). */
static steno_doc *parse_buffer(const char *data, size_t len, owned_input *owned,
                               const char *format_name, const steno_options *opts,
                               steno_error *err)
{
	const format *f = find_format(format_name, 0, err);
	if (!f) {
		release_input(owned);
		return NULL;
	}
	if (!gzip_detect(data, len)) {
		io_input in = {data, len, NULL, len};
		return parse_input(f, &in, owned, opts, err);
	}
	size_t max = opts->max_input ? opts->max_input : GZIP_DEFAULT_MAX, plain_len;
	char *plain = gzip_inflate(data, len, max, opts->inflate_budget, &plain_len, err);
	release_input(owned);
	if (!plain)
		return NULL;
	owned_input inflated = {plain, opts->inflate_budget, plain_len};
	io_input in = {plain, plain_len, NULL, plain_len};
	return parse_input(f, &in, &inflated, opts, err);
}

steno_doc *steno_parse(const char *data, size_t len, const char *format_name,
                       const steno_options *opts, steno_error *err)
{
	clear_error(err);
	steno_options tmp;
	opts = options_or_default(opts, &tmp);
	if (!data && len) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no input data");
		return NULL;
	}
	return parse_buffer(data ? data : "", len, NULL, format_name, opts, err);
}

/* A streaming reader takes fp as it comes once its first bytes show
 * it is not gzip'd; anything else is read whole and parsed from
 * memory. */
static steno_doc *parse_fp(FILE *fp, const char *format_name, const steno_options *opts,
                           steno_error *err)
{
	const format *f = format_lookup(format_name);
	char head[STREAM_HEAD];
	size_t head_len = 0;
	if (f && f->stream) {
		head_len = fread(head, 1, sizeof head, fp);
		if (ferror(fp)) {
			set_error(err, STENO_ERR_IO, 0, 0, "cannot read: %s", strerror(errno ? errno : EIO));
			return NULL;
		}
		if (!gzip_detect(head, head_len)) {
			steno_options tmp;
			size_t left = io_size_left(fp);
			io_input in = {head, head_len, fp,
			               left || feof(fp) ? head_len + left : 0};
			return parse_input(f, &in, NULL, options_or_default(opts, &tmp), err);
		}
	}
	size_t len;
	char *data = io_read_rest(head, head_len, fp, &len, err);
	if (!data)
		return NULL;
	steno_options tmp;
	owned_input read = {.buf = data};
	return parse_buffer(data, len, &read, format_name, options_or_default(opts, &tmp), err);
}

steno_doc *steno_parse_file(const char *path, const char *format_name,
                            const steno_options *opts, steno_error *err)
{
	clear_error(err);
	if (!path) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no file name");
		return NULL;
	}
	if (!format_name)
		format_name = steno_format_for_path(path);
	if (!format_name)
		format_name = "text"; /* plain text reads anything */
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		set_error(err, STENO_ERR_IO, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	steno_doc *doc = parse_fp(fp, format_name, opts, err);
	fclose(fp);
	return doc;
}

char *steno_read_all(FILE *fp, size_t *len, const steno_options *opts, steno_error *err)
{
	clear_error(err);
	if (!fp || !len) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no input file or no length");
		return NULL;
	}
	steno_options tmp;
	opts = options_or_default(opts, &tmp);
	size_t n;
	char *data = io_read_rest(NULL, 0, fp, &n, err);
	if (data && !gzip_detect(data, n)) {
		*len = n;
		return data;
	}
	/* No budget: what is read here stays with the caller, who cannot
	 * give it back. */
	size_t max = opts->max_input ? opts->max_input : GZIP_DEFAULT_MAX;
	char *plain = data ? gzip_inflate(data, n, max, NULL, len, err) : NULL;
	free(data);
	return plain;
}

steno_status steno_render(const steno_doc *doc, const char *format_name, steno_sink *sink,
                          const steno_options *opts, steno_error *err)
{
	clear_error(err);
	if (!doc || !sink)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no document or no sink");
	steno_options tmp;
	opts = options_or_default(opts, &tmp);
	const format *f = find_format(format_name, 1, err);
	if (!f)
		return err ? err->code : STENO_ERR_FORMAT;
	steno_status st = f->write(doc, sink, opts, err);
	if (st != STENO_OK)
		return st;
	st = steno_sink_flush(sink);
	if (st == STENO_ERR_NOMEM)
		return set_error(err, st, 0, 0, "out of memory writing the output");
	if (st != STENO_OK)
		return set_error(err, st, 0, 0, "write error: %s",
		                 strerror(sink->errnum ? sink->errnum : EIO));
	return STENO_OK;
}

steno_status steno_render_file(const steno_doc *doc, const char *format_name, FILE *fp,
                               const steno_options *opts, steno_error *err)
{
	if (!fp)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no output file");
	steno_sink *sink = steno_sink_new_file(fp);
	if (!sink)
		return error_nomem(err);
	steno_status st = steno_render(doc, format_name, sink, opts, err);
	steno_status closed = steno_sink_close(sink);
	if (st == STENO_OK && closed != STENO_OK)
		st = set_error(err, closed, 0, 0, "write error: %s", strerror(errno ? errno : EIO));
	return st;
}

char *steno_render_string(const steno_doc *doc, const char *format_name, size_t *len,
                          const steno_options *opts, steno_error *err)
{
	steno_sink *sink = steno_sink_new_memory();
	if (!sink) {
		error_nomem(err);
		return NULL;
	}
	char *out = NULL;
	if (steno_render(doc, format_name, sink, opts, err) == STENO_OK) {
		out = sink_memory_take(sink, len);
		if (!out)
			error_nomem(err);
	}
	steno_sink_close(sink);
	return out;
}
