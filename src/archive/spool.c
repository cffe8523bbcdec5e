/* spool.c - a sink that spills to a temporary file (see spool.h). */
#include <errno.h>
#include <stdio.h>

#include "archive/spool.h"

#define SPOOL_MEMORY 65536

/* The buffer is full: move it to the file, made on first need. */
static int spool_drain(steno_sink *s)
{
	if (!s->dest && !(s->dest = tmpfile()))
		return errno ? errno : EIO;
	if (fwrite(s->buf, 1, s->len, s->dest) != s->len)
		return errno ? errno : EIO;
	s->len = 0;
	return 0;
}

static void spool_release(steno_sink *s)
{
	if (s->dest)
		fclose(s->dest);
}

steno_sink *spool_new(void)
{
	steno_sink *s = sink_alloc(spool_drain, SPOOL_MEMORY);
	if (s)
		s->release = spool_release;
	return s;
}

int spool_replay(steno_sink *s, steno_sink *out)
{
	if (s->status != STENO_OK)
		return s->errnum ? s->errnum : EIO;
	FILE *fp = s->dest;
	if (fp) {
		char buf[65536];
		size_t n;
		if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0)
			return errno ? errno : EIO;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			sink_write(out, buf, n);
		if (ferror(fp))
			return EIO;
		fclose(fp);
		s->dest = NULL;
	}
	sink_write(out, s->buf, s->len);
	s->len = 0;
	return 0;
}

void spool_free(steno_sink *s)
{
	if (s)
		s->len = 0; /* closing must not spill what is thrown away */
	steno_sink_close(s);
}
