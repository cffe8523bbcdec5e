/* io.c - reading whole inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "io.h"

char *io_read_all(FILE *fp, size_t *len, steno_error *err)
{
	struct stat st;
	/* A regular file's size is known: one allocation, one read. */
	size_t cap = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
	                     ? (size_t)st.st_size + 1
	                     : 65536;
	size_t used = 0;
	char *buf = malloc(cap);
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
