/* archive.c - steno_archive, the public face of the archive formats:
 * it calls the archive operations of a format's descriptor. */
#include <stdlib.h>
#include <string.h>

#include "archive/bundle.h"
#include "core/error.h"
#include "registry.h"

struct steno_archive {
	const archive_ops *ops;
	void *state;
	steno_status status; /* the first failure of an add */
	steno_error first;   /* and its message, repeated by close */
};

steno_archive *steno_archive_new(const char *format_name, steno_sink *sink,
                                 const steno_options *opts, steno_error *err)
{
	clear_error(err);
	steno_options defaults;
	if (!opts) {
		steno_options_init(&defaults);
		opts = &defaults;
	}
	if (!format_name || !sink) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no format or no sink");
		return NULL;
	}
	const format *f = format_lookup(format_name);
	const archive_ops *ops = f ? f->archive : NULL;
	if (!ops) {
		set_error(err, STENO_ERR_FORMAT, 0, 0, "'%s' is not an archive format", format_name);
		return NULL;
	}
	steno_archive *a = calloc(1, sizeof *a);
	if (!a) {
		error_nomem(err);
		return NULL;
	}
	a->ops = ops;
	a->state = archive_open(ops, sink, opts, err);
	if (!a->state) {
		free(a);
		return NULL;
	}
	return a;
}

struct steno_archive_doc {
	const archive_ops *ops;
	void *prepared;
};

/* Remember the archive's first failure, which every later call
 * repeats: a half-written entry cannot be taken back, and going on
 * without a document would give an archive short of one. */
static steno_status failed(steno_archive *a, steno_status st, const steno_error *mine,
                           steno_error *err)
{
	if (st != STENO_OK && a->status == STENO_OK) {
		a->status = st;
		a->first = *mine;
	}
	if (err)
		*err = *mine;
	return st;
}

steno_archive_doc *steno_archive_prepare(const steno_archive *a, const steno_doc *doc,
                                         const char *source_name, steno_error *err)
{
	clear_error(err);
	if (!a || !doc) {
		set_error(err, STENO_ERR_ARG, 0, 0, "no archive or no document");
		return NULL;
	}
	steno_archive_doc *d = malloc(sizeof *d);
	if (!d) {
		error_nomem(err);
		return NULL;
	}
	d->ops = a->ops;
	d->prepared = a->ops->prepare(a->state, doc, source_name ? source_name : "document", err);
	if (!d->prepared) {
		free(d);
		return NULL;
	}
	return d;
}

steno_status steno_archive_add_prepared(steno_archive *a, steno_archive_doc *d,
                                        steno_error *err)
{
	clear_error(err);
	if (!a || !d)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no archive or no prepared document");
	if (d->ops != a->ops)
		return set_error(err, STENO_ERR_ARG, 0, 0, "a document prepared for another format");
	if (a->status != STENO_OK) {
		if (err)
			*err = a->first;
		return a->status;
	}
	steno_error mine = {0};
	return failed(a, a->ops->add(a->state, d->prepared, &mine), &mine, err);
}

void steno_archive_doc_free(steno_archive_doc *d)
{
	if (!d)
		return;
	d->ops->release(d->prepared);
	free(d);
}

steno_status steno_archive_add(steno_archive *a, const steno_doc *doc, const char *source_name,
                               steno_error *err)
{
	clear_error(err);
	if (!a || !doc)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no archive or no document");
	if (a->status != STENO_OK) {
		if (err)
			*err = a->first;
		return a->status;
	}
	steno_error mine = {0};
	steno_archive_doc *d = steno_archive_prepare(a, doc, source_name, &mine);
	if (!d)
		return failed(a, mine.code ? mine.code : STENO_ERR_NOMEM, &mine, err);
	steno_status st = steno_archive_add_prepared(a, d, err);
	steno_archive_doc_free(d);
	return st;
}

steno_status steno_archive_close(steno_archive *a, steno_error *err)
{
	clear_error(err);
	if (!a)
		return STENO_OK;
	steno_status st = a->status;
	if (st == STENO_OK) {
		st = a->ops->finish(a->state, err);
	} else {
		a->ops->discard(a->state);
		if (err)
			*err = a->first;
	}
	free(a);
	return st;
}

void steno_archive_abort(steno_archive *a)
{
	if (!a)
		return;
	a->ops->discard(a->state);
	free(a);
}

