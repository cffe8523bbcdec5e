/* batch.h - what the command's files share: main.c parses options and
 * converts one document; batch.c converts many inputs, into a folder of
 * outputs or into one archive, on several threads; output.c writes
 * output files. */
#ifndef STENO_BATCH_H
#define STENO_BATCH_H

#include "steno.h"

/* Exit codes, documented in --help and the man page.  Functions that
 * may fail return -1 to mean "go on" or one of these. */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,    /* an input could not be read, decoded or parsed */
	EXIT_USAGE = 2,    /* bad options, unknown format */
	EXIT_OUTPUT = 3,   /* the output could not be written */
	EXIT_INTERNAL = 4  /* out of memory, or a bug */
};

/* main.c: "steno: FILE:LINE:COL: message" on stderr, the position
 * only when known. */
void report(const char *name, const steno_error *err);
/* main.c: the exit code for a failed parse's status. */
int exit_code_for(steno_status code);

/* Write into the open descriptor fd the output called name (for
 * messages); -1 or an exit code. */
typedef int (*output_fn)(void *ctx, int fd, const char *name);

/* output.c: read the umask and start the thread that removes temporary
 * files on SIGINT, SIGTERM and SIGHUP; before any other thread starts,
 * when the command writes files. */
void output_init(void);
/* output.c: write path through fill into a file that takes path's name
 * only when fill succeeded, with the permissions of the file it
 * replaces; devices and pipes are written directly.  -1 or an exit
 * code, the message printed. */
int output_to_path(const char *path, output_fn fill, void *ctx);
/* output.c: the folder of path, "." for a bare name (malloc'd; NULL
 * when out of memory). */
char *folder_of(const char *path);
/* main.c: render doc in format to fd, gzip-compressed when gz. */
int render_to_fd(const char *format, const steno_options *opts, const steno_doc *doc, int fd,
                 int gz, const char *name);

typedef struct batch {
	const char *from;   /* the input format, or NULL: from each file's name */
	const char *to;     /* the output format */
	const char *output; /* a folder; for an archive its file, NULL or "-" for stdout */
	const steno_options *opts;
	int jobs;           /* threads; 0 for the number of processors */
	int recursive;      /* walk folders named as inputs */
	int follow_symlinks; /* -r: follow links to folders within the folder walked */
} batch;

/* Non-zero when format (a name or alias, in any case) is an archive:
 * every input one document of it. */
int batch_is_archive(const char *format);
/* Non-zero when the command's inputs go through batch_run(): an output
 * folder, -r, or an archive format. */
int batch_wanted(const batch *b);
/* Convert every input; each failure is reported with its name and the
 * others go on.  The exit code: 0, or the worst failure's. */
int batch_run(const batch *b, char **inputs, int ninputs);

#endif
