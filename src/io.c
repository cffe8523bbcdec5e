/* io.c - reading inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "io.h"

size_t io_size_left(FILE *fp)
{
	struct stat st;
	long pos = ftell(fp);
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) || pos < 0 || st.st_size <= pos)
		return 0;
	return (size_t)(st.st_size - pos);
}

char *io_read_rest(const char *head, size_t head_len, FILE *fp, size_t *len, steno_error *err)
{
	/* A regular file's size is known: one allocation, one read. */
	size_t left = io_size_left(fp);
	size_t cap = head_len + (left ? left + 1 : 65536);
	size_t used = head_len;
	char *buf = malloc(cap);
	if (buf && head_len)
		memcpy(buf, head, head_len);
	while (buf) {
		used += fread(buf + used, 1, cap - used, fp);
		if (used < cap)
			break;
		char *grown = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
		if (!grown) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = grown;
		cap *= 2;
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
