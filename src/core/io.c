/* io.c - reading inputs. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/grow.h"
#include "core/io.h"

size_t io_size_left(FILE *fp)
{
	struct stat st;
	long pos = ftell(fp);
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) || pos < 0 || st.st_size <= pos)
		return 0;
	/* a size no buffer could hold is as good as unknown: reading fails
	 * for want of memory either way */
	uintmax_t left = (uintmax_t)(st.st_size - pos);
	return left < SIZE_MAX ? (size_t)left : 0;
}

/* The first buffer for head_len bytes read and left to come (0 when
 * unknown), with a spare byte: a regular file's size is known, so it
 * takes one allocation and one read. */
static size_t first_capacity(size_t head_len, size_t left)
{
	size_t rest = left ? left + 1 : 65536;
	return rest > SIZE_MAX - head_len ? SIZE_MAX : head_len + rest;
}

char *io_read_rest(const char *head, size_t head_len, FILE *fp, size_t *len, steno_error *err)
{
	size_t cap = 0, used = head_len;
	char *buf = grow_array(NULL, &cap, first_capacity(head_len, io_size_left(fp)), 1);
	if (buf && head_len)
		memcpy(buf, head, head_len);
	while (buf) {
		used += fread(buf + used, 1, cap - used, fp);
		if (used < cap)
			break;
		char *grown = grow_array(buf, &cap, used + 1, 1);
		if (!grown) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = grown;
	}
	if (!buf) {
		set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory reading the input");
		return NULL;
	}
	if (ferror(fp)) {
		set_error(err, STENO_ERR_IO, 0, 0, "cannot read: %s", strerror(errno ? errno : EIO));
		free(buf);
		return NULL;
	}
	*len = used;
	return buf;
}
