/* zip_container.c - the ZIP container: see zip_container.h.  Field layouts follow
 * PKWARE's APPNOTE.TXT 6.3 (sections 4.3 and 4.5); numbers are little
 * endian. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "archive/gzip.h"
#include "archive/spool.h"
#include "archive/zip_container.h"
#include "core/error.h"
#include "core/table.h"
#include "core/utf8.h"

#define SIG_LOCAL       0x04034b50u
#define SIG_DESCRIPTOR  0x08074b50u
#define SIG_CENTRAL     0x02014b50u
#define SIG_END64       0x06064b50u
#define SIG_LOCATOR64   0x07064b50u
#define SIG_END         0x06054b50u

#define FLAG_DESCRIPTOR 0x0008u /* bit 3: sizes and CRC follow the data */
#define FLAG_UTF8       0x0800u /* bit 11: the name is UTF-8 */
#define METHOD_STORE    0
#define METHOD_DEFLATE  8
#define VERSION_STORE   10
#define VERSION_DEFLATE 20
#define VERSION_ZIP64   45
#define MADE_BY         ((3u << 8) | 63) /* Unix, APPNOTE 6.3 */
#define UNIX_FILE_0644  (0100644u << 16)  /* external attributes */
#define MAX16           0xFFFFu
#define MAX32           0xFFFFFFFFu

#define ENTRY_BUFFER 65536

/* One entry as the central directory needs it. */
typedef struct entry_info {
	const char *name;
	size_t name_len;
	unsigned flags, method;
	uint32_t crc;
	uint64_t csize, usize, offset;
} entry_info;

/* An entry's content on its way: the first stage counts its size and
 * CRC-32, the second deflates it into the next sink (the archive for a
 * streamed entry, memory for a prepared one).  Both kinds go through
 * this one pipeline, buffers and all, so they deflate to the same bytes. */
typedef struct content {
	steno_sink *in;
	steno_sink *deflater;
	uint32_t crc;
	uint64_t usize, csize;
} content;

struct zip_prepared {
	content body; /* ended while body.in is NULL */
	steno_sink *mem;
};

struct zip_writer {
	steno_sink *out;
	int level;
	unsigned dos_time, dos_date;
	uint64_t offset; /* bytes written to out so far */
	uint64_t count;  /* entries added */
	steno_sink *central; /* the central directory, written at the end */
	uint64_t central_size;
	table names; /* of entry names, by hash alone */
	steno_status status; /* the first failure: every later call repeats it */
	/* the entry being streamed: open while body.in is set */
	content body;
	entry_info open;
	char *open_name;
};

/* ------------------------------------------------------------------ */
/* Little-endian fields                                               */

typedef struct bytes {
	unsigned char b[128];
	size_t len;
} bytes;

static void le16(bytes *r, unsigned v)
{
	r->b[r->len++] = (unsigned char)(v & 0xFF);
	r->b[r->len++] = (unsigned char)((v >> 8) & 0xFF);
}

static void le32(bytes *r, uint32_t v)
{
	le16(r, v & 0xFFFF);
	le16(r, v >> 16);
}

static void le64(bytes *r, uint64_t v)
{
	le32(r, (uint32_t)(v & MAX32));
	le32(r, (uint32_t)(v >> 32));
}

/* A 32-bit field, or the ZIP64 marker when the value does not fit. */
static uint32_t fit32(uint64_t v)
{
	return v >= MAX32 ? MAX32 : (uint32_t)v;
}

/* Write r to out, counting it in the archive's offset. */
static void emit(zip_writer *z, const void *data, size_t len)
{
	sink_write(z->out, data, len);
	z->offset += len;
}

/* ------------------------------------------------------------------ */
/* Errors, time, names                                                */

static steno_status fail(zip_writer *z, steno_error *err, steno_status code, const char *what,
                         int errnum)
{
	if (z->status == STENO_OK)
		z->status = code;
	if (code == STENO_ERR_NOMEM)
		return set_error(err, code, 0, 0, "out of memory writing the archive");
	if (errnum)
		return set_error(err, code, 0, 0, "%s: %s", what, strerror(errnum));
	return set_error(err, code, 0, 0, "%s", what);
}

/* The output sink's error, if it met one. */
static steno_status check_out(zip_writer *z, steno_error *err)
{
	if (z->status != STENO_OK)
		return set_error(err, z->status, 0, 0, "the archive failed earlier");
	if (z->out->status == STENO_OK)
		return STENO_OK;
	return fail(z, err, z->out->status, "write error", z->out->errnum ? z->out->errnum : EIO);
}

/* MS-DOS time and date (2-second steps, local to nobody: UTC). */
static void set_dos_time(zip_writer *z, int64_t mtime)
{
	const int64_t first = 315532800, last = 4354819198; /* 1980-01-01, 2107-12-31 */
	time_t t = (time_t)(mtime < first ? first : mtime > last ? last : mtime);
	struct tm tm;
	gmtime_r(&t, &tm);
	z->dos_time = (unsigned)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	z->dos_date = (unsigned)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

/* Names are checked for duplicates by hash alone, so the set costs 16
 * bytes an entry; a collision would only refuse a name. */
int zip_has(const zip_writer *z, const char *name)
{
	return table_get(&z->names, hash_bytes(name, strlen(name)), NULL, NULL, NULL) != 0;
}

/* Check name (relative, no "." or ".." part, UTF-8, new) and record it. */
static steno_status claim_name(zip_writer *z, const char *name, steno_error *err)
{
	size_t len = strlen(name);
	if (!len || len > MAX16 || name[0] == '/' || !utf8_valid(name, len))
		return set_error(err, STENO_ERR_ARG, 0, 0, "unsafe entry name '%s'", name);
	for (const char *p = name; *p; p += strcspn(p, "/"), p += *p == '/') {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return set_error(err, STENO_ERR_ARG, 0, 0, "unsafe entry name '%s'", name);
	}
	if (zip_has(z, name))
		return set_error(err, STENO_ERR_ARG, 0, 0, "duplicate entry name '%s'", name);
	if (table_reserve(&z->names) < 0)
		return fail(z, err, STENO_ERR_NOMEM, NULL, 0);
	uint64_t h = hash_bytes(name, len);
	table_fill(&z->names, table_find(&z->names, h, NULL, NULL, NULL), h, 1);
	return STENO_OK;
}

/* ------------------------------------------------------------------ */
/* Records                                                            */

static void put_local_header(zip_writer *z, const entry_info *e)
{
	bytes r = {.len = 0};
	int streamed = (e->flags & FLAG_DESCRIPTOR) != 0;
	le32(&r, SIG_LOCAL);
	le16(&r, e->method == METHOD_DEFLATE ? VERSION_DEFLATE : VERSION_STORE);
	le16(&r, e->flags);
	le16(&r, e->method);
	le16(&r, z->dos_time);
	le16(&r, z->dos_date);
	/* A deflated entry's CRC and sizes are in its data descriptor. */
	le32(&r, streamed ? 0 : e->crc);
	le32(&r, streamed ? 0 : (uint32_t)e->csize);
	le32(&r, streamed ? 0 : (uint32_t)e->usize);
	le16(&r, (unsigned)e->name_len);
	le16(&r, 0);
	emit(z, r.b, r.len);
	emit(z, e->name, e->name_len);
}

/* After a deflated entry's data; prepared ones have one too, though
 * their sizes are known before, so that prepared and streamed entries
 * give the same bytes and a local header never needs a ZIP64 field.
 * Sizes are 8 bytes only when one of them needs it, as Java's and Go's
 * writers do: readers take the sizes from the central directory. */
static void put_descriptor(zip_writer *z, const entry_info *e)
{
	bytes r = {.len = 0};
	le32(&r, SIG_DESCRIPTOR);
	le32(&r, e->crc);
	if (e->csize >= MAX32 || e->usize >= MAX32) {
		le64(&r, e->csize);
		le64(&r, e->usize);
	} else {
		le32(&r, (uint32_t)e->csize);
		le32(&r, (uint32_t)e->usize);
	}
	emit(z, r.b, r.len);
}

/* The central directory header of e, into the spool.  The ZIP64 extra
 * field holds, in this order, whichever of the sizes and the offset do
 * not fit 32 bits (APPNOTE 4.5.3). */
static void spool_central(zip_writer *z, const entry_info *e)
{
	bytes x = {.len = 0}, r = {.len = 0};
	if (e->usize >= MAX32)
		le64(&x, e->usize);
	if (e->csize >= MAX32)
		le64(&x, e->csize);
	if (e->offset >= MAX32)
		le64(&x, e->offset);
	unsigned version = x.len ? VERSION_ZIP64
	                   : e->method == METHOD_DEFLATE ? VERSION_DEFLATE : VERSION_STORE;
	le32(&r, SIG_CENTRAL);
	le16(&r, MADE_BY);
	le16(&r, version);
	le16(&r, e->flags);
	le16(&r, e->method);
	le16(&r, z->dos_time);
	le16(&r, z->dos_date);
	le32(&r, e->crc);
	le32(&r, fit32(e->csize));
	le32(&r, fit32(e->usize));
	le16(&r, (unsigned)e->name_len);
	le16(&r, x.len ? (unsigned)x.len + 4 : 0);
	le16(&r, 0); /* comment */
	le16(&r, 0); /* disk */
	le16(&r, 0); /* internal attributes */
	le32(&r, UNIX_FILE_0644);
	le32(&r, fit32(e->offset));
	sink_write(z->central, (const char *)r.b, r.len);
	sink_write(z->central, e->name, e->name_len);
	z->central_size += r.len + e->name_len + (x.len ? x.len + 4 : 0);
	if (x.len) {
		r.len = 0;
		le16(&r, 0x0001);
		le16(&r, (unsigned)x.len);
		sink_write(z->central, (const char *)r.b, r.len);
		sink_write(z->central, (const char *)x.b, x.len);
	}
	z->count++;
}

/* The end of central directory record, preceded by the ZIP64 end
 * record and its locator when a count, size or offset outgrew it. */
static void put_end(zip_writer *z, uint64_t cd_offset, uint64_t cd_size)
{
	bytes r = {.len = 0};
	if (z->count >= MAX16 || cd_offset >= MAX32 || cd_size >= MAX32) {
		uint64_t end64 = z->offset;
		le32(&r, SIG_END64);
		le64(&r, 44); /* the size of the rest of this record */
		le16(&r, MADE_BY);
		le16(&r, VERSION_ZIP64);
		le32(&r, 0);
		le32(&r, 0);
		le64(&r, z->count);
		le64(&r, z->count);
		le64(&r, cd_size);
		le64(&r, cd_offset);
		le32(&r, SIG_LOCATOR64);
		le32(&r, 0);
		le64(&r, end64);
		le32(&r, 1);
		emit(z, r.b, r.len);
		r.len = 0;
	}
	le32(&r, SIG_END);
	le16(&r, 0);
	le16(&r, 0);
	le16(&r, z->count >= MAX16 ? MAX16 : (unsigned)z->count);
	le16(&r, z->count >= MAX16 ? MAX16 : (unsigned)z->count);
	le32(&r, fit32(cd_size));
	le32(&r, fit32(cd_offset));
	le16(&r, 0);
	emit(z, r.b, r.len);
}

/* ------------------------------------------------------------------ */
/* Entries                                                            */

static int content_drain(steno_sink *s)
{
	content *c = s->dest;
	c->crc = (uint32_t)crc32(c->crc, (const unsigned char *)s->buf, (uInt)s->len);
	c->usize += s->len;
	sink_write(c->deflater, s->buf, s->len);
	s->len = 0;
	if (c->deflater->status == STENO_OK)
		return 0;
	return c->deflater->errnum ? c->deflater->errnum : EIO;
}

/* Set c up to deflate at level into next; -1 on no memory. */
static int content_start(content *c, steno_sink *next, int level)
{
	c->in = sink_alloc(content_drain, ENTRY_BUFFER);
	c->deflater = deflate_sink_new(next, level, -15, &c->csize);
	c->crc = (uint32_t)crc32(0, NULL, 0);
	c->usize = c->csize = 0;
	if (c->in && c->deflater) {
		c->in->dest = c;
		return 0;
	}
	steno_sink_close(c->in);
	steno_sink_close(c->deflater);
	c->in = c->deflater = NULL;
	return -1;
}

/* Flush both stages and close them, which sets csize; the first
 * failure, its errno to *errnum (0 when only the next sink knows it). */
static steno_status content_end(content *c, int *errnum)
{
	steno_sink_flush(c->in);
	steno_status st = c->in->status;
	*errnum = c->in->errnum;
	c->in->len = 0; /* after a failure the rest goes nowhere */
	steno_sink_close(c->in);
	steno_status closed = steno_sink_close(c->deflater);
	c->in = c->deflater = NULL;
	if (st == STENO_OK && closed != STENO_OK) {
		st = closed;
		*errnum = 0;
	}
	return st;
}

/* Throw an unfinished content away; NULL stages are allowed. */
static void content_discard(content *c)
{
	if (c->in)
		c->in->len = 0;
	steno_sink_close(c->in);
	steno_sink_close(c->deflater);
	c->in = c->deflater = NULL;
}

/* What follows a deflated entry's data: its descriptor, and its header
 * in the central directory. */
static void put_entry_end(zip_writer *z, const entry_info *e)
{
	put_descriptor(z, e);
	spool_central(z, e);
}

zip_writer *zip_new(steno_sink *out, int level, int64_t mtime)
{
	if (!out || level < 0 || level > 9)
		return NULL;
	zip_writer *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	z->central = spool_new();
	if (!z->central) {
		free(z);
		return NULL;
	}
	z->out = out;
	z->level = level;
	set_dos_time(z, mtime);
	return z;
}

steno_status zip_add(zip_writer *z, const char *name, const char *data, size_t len,
                     steno_error *err)
{
	if (z->body.in)
		return set_error(err, STENO_ERR_ARG, 0, 0, "an entry is still open");
	steno_status st = check_out(z, err);
	if (st != STENO_OK || (st = claim_name(z, name, err)) != STENO_OK)
		return st;
	if (len >= MAX32)
		return set_error(err, STENO_ERR_ARG, 0, 0, "stored entry '%s' too large", name);
	entry_info e = {name, strlen(name), FLAG_UTF8, METHOD_STORE, 0, len, len, z->offset};
	e.crc = (uint32_t)crc32(0, (const unsigned char *)data, (uInt)len);
	put_local_header(z, &e);
	emit(z, data, len);
	spool_central(z, &e);
	return check_out(z, err);
}

steno_sink *zip_begin_entry(zip_writer *z, const char *name, steno_error *err)
{
	if (z->body.in) {
		set_error(err, STENO_ERR_ARG, 0, 0, "an entry is already open");
		return NULL;
	}
	if (check_out(z, err) != STENO_OK || claim_name(z, name, err) != STENO_OK)
		return NULL;
	size_t len = strlen(name);
	z->open_name = malloc(len + 1);
	if (!z->open_name || content_start(&z->body, z->out, z->level) < 0) {
		fail(z, err, STENO_ERR_NOMEM, NULL, 0);
		return NULL;
	}
	memcpy(z->open_name, name, len + 1);
	entry_info e = {z->open_name, len, FLAG_UTF8 | FLAG_DESCRIPTOR, METHOD_DEFLATE, 0, 0, 0,
	                z->offset};
	z->open = e;
	put_local_header(z, &z->open);
	return z->body.in;
}

steno_status zip_end_entry(zip_writer *z, uint32_t *crc, uint64_t *size, steno_error *err)
{
	if (!z->body.in)
		return set_error(err, STENO_ERR_ARG, 0, 0, "no entry is open");
	int errnum;
	steno_status st = content_end(&z->body, &errnum);
	if (st != STENO_OK)
		return fail(z, err, st, "write error", errnum ? errnum : z->out->errnum ? z->out->errnum : EIO);
	z->open.crc = z->body.crc;
	z->open.csize = z->body.csize;
	z->open.usize = z->body.usize;
	z->offset += z->open.csize;
	put_entry_end(z, &z->open);
	free(z->open_name);
	z->open_name = NULL;
	if (crc)
		*crc = z->open.crc;
	if (size)
		*size = z->open.usize;
	return check_out(z, err);
}

zip_prepared *zip_prepare(int level)
{
	zip_prepared *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->mem = steno_sink_new_memory();
	if (!p->mem || level < 0 || level > 9 || content_start(&p->body, p->mem, level) < 0) {
		steno_sink_close(p->mem);
		free(p);
		return NULL;
	}
	return p;
}

steno_sink *zip_prepared_sink(zip_prepared *p)
{
	return p->body.in;
}

steno_status zip_prepared_end(zip_prepared *p, uint32_t *crc, uint64_t *size, steno_error *err)
{
	if (!p->body.in)
		return set_error(err, STENO_ERR_ARG, 0, 0, "the entry was ended already");
	int errnum;
	steno_status st = content_end(&p->body, &errnum);
	if (st == STENO_OK)
		st = p->mem->status;
	if (st != STENO_OK)
		return set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory compressing an entry");
	if (crc)
		*crc = p->body.crc;
	if (size)
		*size = p->body.usize;
	return STENO_OK;
}

steno_status zip_add_prepared(zip_writer *z, const char *name, const zip_prepared *p,
                              steno_error *err)
{
	if (z->body.in || p->body.in)
		return set_error(err, STENO_ERR_ARG, 0, 0, "an entry is still open");
	steno_status st = check_out(z, err);
	if (st != STENO_OK || (st = claim_name(z, name, err)) != STENO_OK)
		return st;
	size_t len;
	const char *data = steno_sink_memory_data(p->mem, &len);
	entry_info e = {name, strlen(name), FLAG_UTF8 | FLAG_DESCRIPTOR, METHOD_DEFLATE,
	                p->body.crc, p->body.csize, p->body.usize, z->offset};
	put_local_header(z, &e);
	emit(z, data, len);
	put_entry_end(z, &e);
	return check_out(z, err);
}

void zip_prepared_free(zip_prepared *p)
{
	if (!p)
		return;
	content_discard(&p->body);
	steno_sink_close(p->mem);
	free(p);
}

steno_status zip_finish(zip_writer *z, steno_error *err)
{
	steno_status st = z->body.in ? set_error(err, STENO_ERR_ARG, 0, 0, "an entry is still open")
	                              : check_out(z, err);
	if (st == STENO_OK) {
		uint64_t cd_offset = z->offset;
		int e = spool_replay(z->central, z->out);
		if (e) {
			st = fail(z, err, STENO_ERR_IO, "cannot keep the central directory", e);
		} else {
			z->offset += z->central_size;
			put_end(z, cd_offset, z->central_size);
			steno_sink_flush(z->out);
			st = check_out(z, err);
		}
	}
	zip_free(z);
	return st;
}

void zip_free(zip_writer *z)
{
	if (!z)
		return;
	content_discard(&z->body);
	spool_free(z->central);
	free(z->open_name);
	table_free(&z->names);
	free(z);
}
