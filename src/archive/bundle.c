/* bundle.c - what the archive formats (ZIP bundle, EPUB) share: an
 * archive of one document, entry times and names, and what an archive's
 * own documents say of each document (see bundle.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive/bundle.h"
#include "core/doc_text.h"
#include "core/error.h"
#include "core/utf8.h"

#define ZIP_EPOCH 315532800 /* 1980-01-01T00:00:00Z */

/* ops' state on sink, once the options are known to be ones it can
 * honour: a compression level zlib refuses would otherwise surface as
 * a failure to allocate. */
void *archive_open(const archive_ops *ops, steno_sink *sink, const steno_options *opts,
                   steno_error *err)
{
	if (opts->compress_level < 0 || opts->compress_level > 9) {
		set_error(err, STENO_ERR_ARG, 0, 0,
		          "compression level %d is out of range: 1 to 9, or 0 for the default",
		          opts->compress_level);
		return NULL;
	}
	return ops->open(sink, opts, err);
}

steno_status archive_write_one(const archive_ops *ops, const steno_doc *doc, steno_sink *sink,
                               const steno_options *opts, steno_error *err)
{
	void *state = archive_open(ops, sink, opts, err);
	if (!state)
		return err ? err->code : STENO_ERR_NOMEM;
	const char *source = steno_meta_get(doc, "source");
	void *prepared = ops->prepare(state, doc, source && *source ? source : "document", err);
	steno_status st = prepared ? ops->add(state, prepared, err)
	                           : err && err->code ? err->code : STENO_ERR_NOMEM;
	ops->release(prepared);
	if (st != STENO_OK) {
		ops->discard(state);
		return st;
	}
	return ops->finish(state, err);
}

/* ------------------------------------------------------------------ */
/* Time                                                               */

int64_t archive_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (!epoch || !*epoch)
		return ZIP_EPOCH;
	char *end;
	errno = 0;
	long long t = strtoll(epoch, &end, 10);
	if (errno || *end || t < 0)
		return ZIP_EPOCH;
	return t;
}

void archive_format_time(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || tm.tm_year > 8099) {
		tt = ZIP_EPOCH;
		gmtime_r(&tt, &tm);
	}
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ------------------------------------------------------------------ */
/* Names                                                              */

/* Append one path part of src[0..len) to out, made safe. */
static size_t put_part(char *out, size_t used, const char *src, size_t len)
{
	size_t i = 0;
	if (used)
		out[used++] = '/';
	while (i < len && used < ARCHIVE_STEM_MAX) {
		uint32_t cp;
		size_t n = utf8_decode(src + i, len - i, &cp);
		if (n > 1 && used + n <= ARCHIVE_STEM_MAX) {
			memcpy(out + used, src + i, n);
			used += n;
			i += n;
			continue;
		}
		unsigned char c = (unsigned char)src[i];
		out[used++] = n == 1 && c >= 0x20 && c != 0x7F && !strchr(":*?\"<>|", c) ? (char)c : '_';
		i += n ? n : 1;
	}
	return used;
}

/* The length of name without ".gz" and then its last extension. */
static size_t without_extension(const char *name, size_t len)
{
	if (len > 3 && strncmp(name + len - 3, ".gz", 3) == 0)
		len -= 3;
	for (size_t i = len; i > 1; i--)
		if (name[i - 1] == '.')
			return i - 1;
	return len;
}

char *steno_archive_stem(const char *source)
{
	if (!source)
		source = "document";
	size_t len = strlen(source);
	char *out = malloc(ARCHIVE_STEM_MAX + 4 + sizeof "document");
	if (!out)
		return NULL;
	size_t used = 0;
	const char *p = source, *end = source + len;
	while (p < end && used < ARCHIVE_STEM_MAX) {
		size_t n = strcspn(p, "/\\");
		const char *next = p + n < end ? p + n + 1 : end;
		int last = p + n >= end;
		if (last)
			n = without_extension(p, n);
		if (n && !(n == 1 && p[0] == '.') && !(n == 2 && p[0] == '.' && p[1] == '.'))
			used = put_part(out, used, p, n);
		p = next;
	}
	if (!used)
		memcpy(out, "document", sizeof "document");
	else
		out[used] = '\0';
	return out;
}

unsigned long archive_unique_suffix(archive_suffixes *s, const char *stem,
                                    int (*taken)(void *ctx, unsigned long n), void *ctx)
{
	if (table_reserve(&s->next) < 0)
		return 0;
	uint64_t h = hash_bytes(stem, strlen(stem));
	table_slot *slot = table_find(&s->next, h, NULL, NULL, NULL);
	if (!slot->entry)
		table_fill(&s->next, slot, h, 1);
	unsigned long n = (unsigned long)slot->entry;
	while (taken(ctx, n))
		n++;
	/* found again: taken is the caller's, and the slot is in a table
	 * that may grow */
	table_find(&s->next, h, NULL, NULL, NULL)->entry = n + 1;
	return n;
}

void archive_suffixes_free(archive_suffixes *s)
{
	table_free(&s->next);
}

/* ------------------------------------------------------------------ */
/* Metadata                                                           */

steno_status archive_info_get(archive_info *info, const steno_doc *doc, const char *source,
                              steno_error *err)
{
	memset(info, 0, sizeof *info);
	arena *m = &info->mem;
	arena_init(m);
	const char *date = steno_meta_get(doc, "date");
	char *stem = steno_archive_stem(source);
	char *title = stem ? doc_title(doc) : NULL;
	info->source = arena_strdup(m, source);
	info->stem = stem ? arena_adopt(m, stem) : NULL;
	info->title = title ? arena_adopt(m, title) : NULL;
	info->date = date && *date ? arena_strdup(m, date) : NULL;
	/* EPUB needs a language, and the manifest gives one for each */
	info->language = arena_strdup(m, doc_language(doc, "en", "en"));
	info->speaker_count = steno_speaker_count(doc);
	info->speakers = arena_alloc(m, (info->speaker_count + 1) * sizeof *info->speakers);
	int ok = info->source && info->stem && (!title || info->title) &&
	         (!info->date == !(date && *date)) && info->language && info->speakers;
	for (size_t i = 0; ok && i < info->speaker_count; i++) {
		const char *name = doc_speaker_name(doc, steno_speaker_id(doc, i));
		ok = (info->speakers[i] = arena_strdup(m, name)) != NULL;
	}
	if (ok)
		return STENO_OK;
	archive_info_free(info);
	return error_nomem(err);
}

void archive_info_free(archive_info *info)
{
	arena_release(&info->mem);
}
