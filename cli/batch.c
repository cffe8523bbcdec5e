/* batch.c - many inputs at once (see batch.h): into a folder, one
 * output per input, or into one archive.  Inputs are converted on
 * worker threads.  Into a folder each worker writes its output (through
 * a temporary file renamed at the end).  Into an archive each worker
 * parses, renders and compresses a document's entries into memory, and
 * the main thread only copies the finished entries out in input order,
 * so the work spreads over the threads and any -j gives the same bytes. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

#define MAX_DEPTH 64 /* folders deeper than this are a loop or a mistake */

typedef struct item {
	char *path; /* as opened */
	char *rel;  /* the name the output is derived from */
	char *out;  /* folder mode: the output's path */
	uint64_t size;
} item;

/* Archive mode: one input's place in the window of prepared documents. */
typedef struct slot {
	steno_archive_doc *doc; /* NULL when its input failed or could not be prepared */
	steno_error err;  /* err.code set when preparing failed */
	int ready;
} slot;

typedef struct run {
	const batch *b;
	item *items;
	size_t count, cap;
	/* shared between threads, under lock */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next;     /* the next item to claim */
	size_t consumed; /* archive mode: items added so far */
	size_t window;   /* archive mode: documents prepared ahead, at most */
	slot *slots;     /* archive mode: the window, item i in slots[i % window] */
	steno_archive *archive; /* archive mode: set before the workers start */
	int stop;        /* archive mode: the archive failed */
	int worst;       /* the worst exit code so far, -1 for none */
	/* progress, on a terminal only */
	int tty;
	size_t done;
	uint64_t bytes_done, bytes_total;
	struct timespec start;
} run;

/* ------------------------------------------------------------------ */
/* Inputs                                                             */

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int slash = la && a[la - 1] != '/';
	char *s = malloc(la + slash + lb + 1);
	if (s) {
		memcpy(s, a, la);
		if (slash)
			s[la] = '/';
		memcpy(s + la + slash, b, lb + 1);
	}
	return s;
}

/* array, of *cap elements of size bytes, with room for element count:
 * itself, moved, or NULL when out of memory (array then left as it
 * was). */
static void *room_for(void *array, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return array;
	size_t n = *cap ? *cap * 2 : 32;
	void *grown = realloc(array, n * size);
	if (grown)
		*cap = n;
	return grown;
}

static int add_item(run *r, const char *path, const char *rel, uint64_t size)
{
	item *grown = room_for(r->items, r->count, &r->cap, sizeof *grown);
	if (!grown)
		return -1;
	r->items = grown;
	item *it = &r->items[r->count];
	it->path = strdup(path);
	it->rel = strdup(rel);
	it->out = NULL;
	it->size = size;
	if (!it->path || !it->rel) {
		free(it->path);
		free(it->rel);
		return -1;
	}
	r->count++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted so that every run sees the same order;
 * hidden entries are left out.  NULL on failure (errno set). */
static char **list_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char **grown = room_for(names, n, &cap, sizeof *names);
		if (!grown)
			break;
		names = grown;
		if (!(names[n] = strdup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, by_name);
	*count = n;
	return names ? names : calloc(1, sizeof *names);
}

/* A folder named as input, walked with -r. */
typedef struct folder_id {
	dev_t dev;
	ino_t ino;
} folder_id;

typedef struct pending_link {
	char *path, *rel;
	int depth;
} pending_link;

typedef struct tree {
	char *root; /* its real path: links are followed below it only */
	size_t root_len;
	int follow; /* --follow-symlinks */
	/* with --follow-symlinks: the folders walked, so none is twice */
	folder_id *seen;
	size_t nseen, seen_cap;
	/* with --follow-symlinks: links to folders, walked after the tree */
	pending_link *links;
	size_t nlinks, links_cap;
} tree;

static int walk(run *r, tree *t, const char *dir, const char *rel, int depth);

/* Whether the folder dir is walked for the first time, noting it: 1 yes,
 * 0 no, -1 out of memory. */
static int first_visit(tree *t, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return 1; /* the walk says why it cannot read it */
	for (size_t i = 0; i < t->nseen; i++)
		if (t->seen[i].dev == st.st_dev && t->seen[i].ino == st.st_ino)
			return 0;
	folder_id *grown = room_for(t->seen, t->nseen, &t->seen_cap, sizeof *grown);
	if (!grown)
		return -1;
	t->seen = grown;
	t->seen[t->nseen++] = (folder_id){st.st_dev, st.st_ino};
	return 1;
}

/* Whether the real path real lies in the tree. */
static int in_tree(const tree *t, const char *real)
{
	size_t n = t->root_len;
	return strncmp(real, t->root, n) == 0 &&
	       (real[n] == '\0' || real[n] == '/' || t->root[n - 1] == '/');
}

/* Whether a file found by the walk is an input: a regular file in a
 * format steno reads. */
static int is_input(const char *path, const struct stat *st)
{
	const char *fmt = steno_format_for_path(path);
	size_t i = fmt ? steno_format_find(fmt) : (size_t)-1;
	return S_ISREG(st->st_mode) && i != (size_t)-1 && steno_format_can_read(i);
}

static int add_input(run *r, const char *path, const char *rel, const struct stat *st)
{
	return add_item(r, path, rel, (uint64_t)st->st_size) < 0 ? EXIT_INTERNAL : 0;
}

static int defer_link(tree *t, const char *path, const char *rel, int depth)
{
	pending_link *grown = room_for(t->links, t->nlinks, &t->links_cap, sizeof *grown);
	if (!grown)
		return EXIT_INTERNAL;
	t->links = grown;
	pending_link l = {strdup(path), strdup(rel), depth};
	if (!l.path || !l.rel) {
		free(l.path);
		free(l.rel);
		return EXIT_INTERNAL;
	}
	t->links[t->nlinks++] = l;
	return 0;
}

/* A symbolic link met in a walk is followed only into the tree, so a
 * walk never leaves the folder it was given: to a regular file always
 * (an input named as the link), to a folder with --follow-symlinks only,
 * and then after the tree itself, so that the folder's files keep the
 * names they have there. */
static int walk_link(run *r, tree *t, const char *path, const char *rel, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0; /* it leads nowhere */
	int dir = S_ISDIR(st.st_mode);
	if (!dir && !is_input(path, &st))
		return 0; /* passed over wherever it leads */
	char *real = realpath(path, NULL);
	if (!real) {
		fprintf(stderr, "steno: %s: warning: link not followed: %s\n", path, strerror(errno));
		return 0;
	}
	int inside = in_tree(t, real);
	free(real);
	if (!inside) {
		fprintf(stderr, "steno: %s: warning: link out of the folder walked, not followed\n",
		        path);
		return 0;
	}
	if (!dir)
		return add_input(r, path, rel, &st);
	if (!t->follow) {
		fprintf(stderr, "steno: %s: warning: link to a folder, not followed "
		        "(see --follow-symlinks)\n", path);
		return 0;
	}
	return defer_link(t, path, rel, depth);
}

/* One name found in a folder: a folder to walk, a link, or a file,
 * which is an input or passed over. */
static int walk_entry(run *r, tree *t, const char *path, const char *rel, int depth)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0; /* gone since it was listed: not an input any more */
	if (S_ISLNK(st.st_mode))
		return walk_link(r, t, path, rel, depth);
	if (S_ISDIR(st.st_mode))
		return walk(r, t, path, rel, depth + 1);
	return is_input(path, &st) ? add_input(r, path, rel, &st) : 0;
}

static int walk(run *r, tree *t, const char *dir, const char *rel, int depth)
{
	if (depth > MAX_DEPTH) {
		fprintf(stderr, "steno: %s: folders nested too deep\n", dir);
		return EXIT_INPUT;
	}
	int first = t->follow ? first_visit(t, dir) : 1;
	if (first <= 0)
		return first < 0 ? EXIT_INTERNAL : 0;
	size_t n;
	char **names = list_dir(dir, &n);
	if (!names) {
		fprintf(stderr, "steno: %s: cannot read the folder: %s\n", dir, strerror(errno));
		return EXIT_INPUT;
	}
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		char *sub = *rel ? join(rel, names[i]) : strdup(names[i]);
		int e = path && sub ? walk_entry(r, t, path, sub, depth) : EXIT_INTERNAL;
		rc = e > rc ? e : rc;
		free(path);
		free(sub);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* The folder dir named as input: the tree itself, then (with
 * --follow-symlinks) the folders its links lead to, whose links are
 * appended as they are found. */
static int walk_tree(run *r, const char *dir)
{
	tree t = {.root = realpath(dir, NULL), .follow = r->b->follow_symlinks};
	if (!t.root) {
		fprintf(stderr, "steno: %s: cannot read the folder: %s\n", dir, strerror(errno));
		return EXIT_INPUT;
	}
	t.root_len = strlen(t.root);
	int rc = walk(r, &t, dir, "", 0);
	for (size_t i = 0; i < t.nlinks; i++) {
		pending_link l = t.links[i]; /* copied: walk() may move t.links */
		int e = walk(r, &t, l.path, l.rel, l.depth + 1);
		rc = e > rc ? e : rc;
		free(l.path);
		free(l.rel);
	}
	free(t.root);
	free(t.seen);
	free(t.links);
	return rc;
}

/* Every input: files as named (the output named after the file's own
 * name), folders walked with -r (named by their path inside). */
static int collect(run *r, char **inputs, int ninputs)
{
	int rc = 0;
	for (int i = 0; i < ninputs; i++) {
		struct stat st;
		const char *base = strrchr(inputs[i], '/');
		base = base && base[1] ? base + 1 : inputs[i];
		int found = stat(inputs[i], &st) == 0;
		int e = 0;
		if (found && S_ISDIR(st.st_mode) && r->b->recursive) {
			e = walk_tree(r, inputs[i]);
		} else if (found && S_ISDIR(st.st_mode)) {
			fprintf(stderr, "steno: %s: is a folder (use -r)\n", inputs[i]);
			e = EXIT_INPUT;
		} else if (add_item(r, inputs[i], strcmp(inputs[i], "-") ? base : "stdin",
		                    found ? (uint64_t)st.st_size : 0) < 0) {
			e = EXIT_INTERNAL;
		}
		rc = e > rc ? e : rc;
	}
	if (ninputs == 0 && add_item(r, "-", "stdin", 0) < 0)
		rc = EXIT_INTERNAL;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Progress                                                           */

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Count one input done; on a terminal, redraw the line.  Under lock. */
static void progress(run *r, const item *it, int rc)
{
	r->done++;
	r->bytes_done += it->size;
	if (rc != -1 && rc > r->worst)
		r->worst = rc;
	if (!r->tty)
		return;
	double s = seconds_since(&r->start);
	fprintf(stderr, "\rsteno: %zu/%zu files, %.1f MB/s ", r->done, r->count,
	        s > 0 ? (double)r->bytes_done / 1e6 / s : 0.0);
	if (r->done == r->count)
		fputc('\n', stderr);
}

/* ------------------------------------------------------------------ */
/* One input                                                          */

/* Parse it (format from -f or its name) and print its warnings; NULL
 * with *rc set and the error printed. */
static steno_doc *parse_item(const run *r, const item *it, int *rc)
{
	steno_error err = {0};
	steno_doc *doc;
	if (strcmp(it->path, "-") == 0) {
		size_t len;
		char *data = steno_read_all(stdin, &len, r->b->opts, &err);
		doc = data ? steno_parse(data, len, r->b->from ? r->b->from : "text", r->b->opts, &err)
		           : NULL;
		free(data);
	} else {
		doc = steno_parse_file(it->path, r->b->from, r->b->opts, &err);
	}
	if (!doc) {
		report(it->path, &err);
		*rc = exit_code_for(err.code);
		return NULL;
	}
	for (size_t i = 0; i < steno_doc_warning_count(doc); i++)
		fprintf(stderr, "steno: %s: warning: %s\n", it->path, steno_doc_warning(doc, i));
	*rc = -1;
	return doc;
}

/* ------------------------------------------------------------------ */
/* Into a folder                                                      */

typedef struct one_output {
	const batch *b;
	const steno_doc *doc;
} one_output;

static int fill_one(void *ctx, int fd, const char *name)
{
	const one_output *o = ctx;
	return render_to_fd(o->b->to, o->b->opts, o->doc, fd, 0, name);
}

/* Create the folders above path, as mkdir -p; errors show when the
 * output itself cannot be created. */
static void make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
}

static void *folder_worker(void *arg)
{
	run *r = arg;
	for (;;) {
		pthread_mutex_lock(&r->lock);
		size_t i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->count)
			return NULL;
		item *it = &r->items[i];
		int rc;
		steno_doc *doc = it->out ? parse_item(r, it, &rc) : NULL;
		if (doc) {
			one_output o = {r->b, doc};
			make_parents(it->out);
			rc = output_to_path(it->out, fill_one, &o);
			steno_doc_free(doc);
		} else if (!it->out) {
			rc = EXIT_INPUT; /* named the same as another input's output */
		}
		pthread_mutex_lock(&r->lock);
		progress(r, it, rc);
		pthread_mutex_unlock(&r->lock);
	}
}

/* By output path, then by input order, so the same input always wins. */
static int by_out(const void *a, const void *b)
{
	const item *x = *(item *const *)a, *y = *(item *const *)b;
	int c = strcmp(x->out, y->out);
	return c ? c : (x > y) - (x < y);
}

/* Each input's output path: the folder, the input's name without its
 * extension, the format's first extension.  Two inputs that would
 * write the same file (a.txt, a.md): the first named wins, the others
 * fail. */
static int plan_outputs(run *r)
{
	size_t f = steno_format_find(r->b->to);
	const char *exts = steno_format_extensions(f);
	char ext[16] = "";
	snprintf(ext, sizeof ext, "%.*s", (int)strcspn(exts, " "), exts);
	item **order = malloc((r->count + 1) * sizeof *order);
	if (!order)
		return EXIT_INTERNAL;
	for (size_t i = 0; i < r->count; i++) {
		char *stem = steno_archive_stem(r->items[i].rel);
		char *base = stem ? join(r->b->output, stem) : NULL;
		r->items[i].out = base ? malloc(strlen(base) + strlen(ext) + 1) : NULL;
		if (r->items[i].out)
			sprintf(r->items[i].out, "%s%s", base, ext);
		free(stem);
		free(base);
		if (!r->items[i].out) {
			free(order);
			return EXIT_INTERNAL;
		}
		order[i] = &r->items[i];
	}
	qsort(order, r->count, sizeof *order, by_out);
	const item *kept = order[0];
	for (size_t i = 1; i < r->count; i++) {
		if (strcmp(kept->out, order[i]->out) != 0) {
			kept = order[i];
			continue;
		}
		fprintf(stderr, "steno: %s: same output as %s: %s\n", order[i]->path, kept->path,
		        kept->out);
		free(order[i]->out);
		order[i]->out = NULL;
	}
	free(order);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Into an archive                                                    */

/* err set to code and text, for errors of the command's own. */
static steno_status set_error_text(steno_error *err, steno_status code, const char *text)
{
	err->code = code;
	snprintf(err->message, sizeof err->message, "%s", text);
	return code;
}

/* Prepare items in order into the window of slots ahead of the main
 * thread, which adds them to the archive. */
static void *archive_worker(void *arg)
{
	run *r = arg;
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (!r->stop && r->next < r->count && r->next >= r->consumed + r->window)
			pthread_cond_wait(&r->changed, &r->lock);
		if (r->stop || r->next >= r->count)
			break;
		size_t i = r->next++;
		pthread_mutex_unlock(&r->lock);
		int rc;
		slot done = {.ready = 1};
		steno_doc *doc = parse_item(r, &r->items[i], &rc);
		if (doc) {
			done.doc = steno_archive_prepare(r->archive, doc, r->items[i].rel, &done.err);
			if (!done.doc && !done.err.code)
				set_error_text(&done.err, STENO_ERR_NOMEM, "out of memory");
			steno_doc_free(doc);
		}
		pthread_mutex_lock(&r->lock);
		r->slots[i % r->window] = done;
		progress(r, &r->items[i], rc);
		pthread_cond_broadcast(&r->changed);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* The next input's slot, in input order. */
static slot take(run *r, size_t i)
{
	pthread_mutex_lock(&r->lock);
	while (!r->slots[i % r->window].ready)
		pthread_cond_wait(&r->changed, &r->lock);
	slot s = r->slots[i % r->window];
	r->slots[i % r->window].ready = 0;
	r->consumed++;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->lock);
	return s;
}

/* Start up to n threads running fn; how many started. */
static size_t start_workers(run *r, pthread_t *threads, size_t n, void *(*fn)(void *))
{
	size_t started = 0;
	while (started < n && pthread_create(&threads[started], NULL, fn, r) == 0)
		started++;
	return started;
}

/* Add every prepared document; on a failure stop the workers. */
static steno_status add_all(run *r, steno_error *err)
{
	steno_status st = STENO_OK;
	for (size_t i = 0; i < r->count && st == STENO_OK; i++) {
		slot s = take(r, i);
		if (s.doc) {
			st = steno_archive_add_prepared(r->archive, s.doc, err);
		} else if (s.err.code) {
			*err = s.err;
			st = s.err.code;
		}
		steno_archive_doc_free(s.doc);
	}
	if (st != STENO_OK) {
		pthread_mutex_lock(&r->lock);
		r->stop = 1;
		pthread_cond_broadcast(&r->changed);
		pthread_mutex_unlock(&r->lock);
	}
	return st;
}

static int fill_archive(void *ctx, int fd, const char *name)
{
	run *r = ctx;
	size_t n = (size_t)r->b->jobs;
	pthread_t *threads = malloc(n * sizeof *threads);
	steno_sink *sink = steno_sink_new_fd(fd);
	steno_error err = {0};
	steno_archive *a = sink && threads ? steno_archive_new(r->b->to, sink, r->b->opts, &err) : NULL;
	r->archive = a;
	if (!a) {
		fprintf(stderr, "steno: %s: %s\n", name, sink && threads ? err.message : "out of memory");
		steno_sink_close(sink);
		free(threads);
		return sink && threads && err.code != STENO_ERR_NOMEM ? EXIT_OUTPUT : EXIT_INTERNAL;
	}
	size_t started = start_workers(r, threads, n, archive_worker);
	steno_status st = started ? add_all(r, &err)
	                          : set_error_text(&err, STENO_ERR_NOMEM, "cannot start a thread");
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	for (size_t i = 0; i < r->window; i++)
		steno_archive_doc_free(r->slots[i].ready ? r->slots[i].doc : NULL);
	if (st == STENO_OK)
		st = steno_archive_close(a, &err);
	else
		steno_archive_abort(a);
	steno_status closed = steno_sink_close(sink);
	free(threads);
	if (st == STENO_OK && closed != STENO_OK)
		st = set_error_text(&err, closed, "write error");
	if (st == STENO_OK)
		return -1;
	fprintf(stderr, "steno: %s: %s\n", name, err.message);
	return st == STENO_ERR_NOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
}

/* ------------------------------------------------------------------ */
/* The run                                                            */

int batch_is_archive(const char *format)
{
	return (steno_format_flags(steno_format_find(format)) & STENO_FORMAT_ARCHIVE) != 0;
}

int batch_wanted(const batch *b)
{
	struct stat st;
	const char *out = b->output;
	size_t len = out ? strlen(out) : 0;
	return b->recursive || batch_is_archive(b->to) ||
	       (len && (out[len - 1] == '/' || (stat(out, &st) == 0 && S_ISDIR(st.st_mode))));
}

static int run_folder(run *r)
{
	const char *dir = r->b->output;
	struct stat st;
	if (!dir || strcmp(dir, "-") == 0) {
		fprintf(stderr, "steno: several outputs need a folder: -o FOLDER/\n");
		return EXIT_USAGE;
	}
	if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
		fprintf(stderr, "steno: %s: cannot create the folder: %s\n", dir, strerror(errno));
		return EXIT_OUTPUT;
	}
	int rc = plan_outputs(r);
	if (rc)
		return rc;
	size_t n = (size_t)r->b->jobs < r->count ? (size_t)r->b->jobs : r->count;
	pthread_t *threads = malloc((n ? n : 1) * sizeof *threads);
	size_t started = threads && n > 1 ? start_workers(r, threads, n - 1, folder_worker) : 0;
	folder_worker(r); /* this thread works too */
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	return 0;
}

static int run_archive(run *r)
{
	r->window = 2 * (size_t)r->b->jobs;
	r->slots = calloc(r->window, sizeof *r->slots);
	if (!r->slots)
		return EXIT_INTERNAL;
	const char *out = r->b->output;
	if (!out || strcmp(out, "-") == 0)
		return fill_archive(r, STDOUT_FILENO, "<stdout>");
	return output_to_path(out, fill_archive, r);
}

int batch_run(const batch *b, char **inputs, int ninputs)
{
	run r = {.b = b, .worst = -1};
	batch local = *b;
	if (local.jobs <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		local.jobs = cores > 0 ? (int)cores : 1;
	}
	/* --max-input bounds the gzip input all jobs hold inflated at once,
	 * not each job's: -j must not multiply it */
	steno_options opts = *b->opts;
	if (!opts.inflate_budget && !(opts.inflate_budget = steno_budget_new(opts.max_input))) {
		fprintf(stderr, "steno: out of memory\n");
		return EXIT_INTERNAL;
	}
	local.opts = &opts;
	r.b = &local;
	r.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.changed, NULL);
	int rc = collect(&r, inputs, ninputs);
	if (rc > r.worst)
		r.worst = rc;
	if (rc != EXIT_INTERNAL && r.count) {
		rc = batch_is_archive(local.to) ? run_archive(&r) : run_folder(&r);
		if (rc > r.worst)
			r.worst = rc;
	}
	for (size_t i = 0; i < r.count; i++) {
		free(r.items[i].path);
		free(r.items[i].rel);
		free(r.items[i].out);
	}
	free(r.items);
	free(r.slots);
	if (opts.inflate_budget != b->opts->inflate_budget)
		steno_budget_free(opts.inflate_budget);
	pthread_cond_destroy(&r.changed);
	pthread_mutex_destroy(&r.lock);
	return r.worst > 0 ? r.worst : EXIT_OK;
}
