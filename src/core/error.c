/* error.c - filling in a caller's steno_error. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

steno_status set_error(steno_error *err, steno_status code, int line, int column,
                       const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->column = column;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return code;
}

steno_status error_nomem(steno_error *err)
{
	return set_error(err, STENO_ERR_NOMEM, 0, 0, "out of memory");
}

void clear_error(steno_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *steno_status_string(steno_status code)
{
	switch (code) {
	case STENO_OK: return "success";
	case STENO_ERR_ARG: return "invalid argument";
	case STENO_ERR_NOMEM: return "out of memory";
	case STENO_ERR_IO: return "input/output error";
	case STENO_ERR_FORMAT: return "unsupported format";
	case STENO_ERR_PARSE: return "parse error";
	case STENO_ERR_ENCODING: return "encoding error";
	case STENO_ERR_LIMIT: return "limit exceeded";
	case STENO_ERR_TREE: return "invalid tree operation";
	}
	return "unknown error";
}
