/* output.c - the command's output files, for one conversion and for
 * every output of a batch.  An output is written into a file that has
 * no name yet (Linux's O_TMPFILE) or, where the system refuses one,
 * under a temporary name beside it; it takes its own name only once it
 * is complete.  So a conversion that fails or is killed leaves no
 * partial output and the old output as it was, and no temporary file:
 * an unnamed one goes with the process, even on SIGKILL; the names of
 * the fallback are removed on SIGINT, SIGTERM and SIGHUP by a thread
 * that waits for them. */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

/* An output being written. */
typedef struct temp {
	int fd;
	char *name;               /* NULL while the file has no name */
	struct temp *prev, *next; /* in named_temps while it has one */
} temp;

/* Every temporary name that exists.  Names are made, renamed and removed
 * under temps_lock only, and the signal watcher takes it for good: so
 * it sees each name that exists, and none is made after it looked. */
static pthread_mutex_t temps_lock = PTHREAD_MUTEX_INITIALIZER;
static temp *named_temps;
static unsigned long temps_made; /* numbers the names; under temps_lock */

/* A new output's permissions: 0666 less the umask, read once before any
 * thread starts, since reading the umask changes it. */
static mode_t new_file_mode;
static sigset_t watched;

char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *dir = malloc(n + 1);
	if (dir) {
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	return dir;
}

/* The signal handling of a thread (rather than a handler) may take the
 * lock, so no other thread can be between making a name and noting it,
 * or free a name the clean-up is reading. */
static void *watch_signals(void *unused)
{
	(void)unused;
	int sig;
	if (sigwait(&watched, &sig) != 0)
		return NULL;
	pthread_mutex_lock(&temps_lock);
	for (const temp *t = named_temps; t; t = t->next)
		unlink(t->name);
	/* die of the signal, so the caller sees how steno ended */
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	signal(sig, SIG_DFL);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	return NULL;
}

void output_init(void)
{
	static const int signals[] = {SIGHUP, SIGINT, SIGTERM};
	mode_t mask = umask(0);
	umask(mask);
	new_file_mode = 0666 & ~mask;
	int count = 0;
	sigemptyset(&watched);
	for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
		struct sigaction sa;
		/* one ignored stays so, as in a command started with & or nohup */
		if (sigaction(signals[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN) {
			sigaddset(&watched, signals[i]);
			count++;
		}
	}
	/* Blocked before any other thread starts, so every thread inherits
	 * the mask and the signals reach the watcher only.  Without the
	 * watcher they keep their default action. */
	pthread_t thread;
	if (count == 0 || pthread_sigmask(SIG_BLOCK, &watched, NULL) != 0)
		return;
	if (pthread_create(&thread, NULL, watch_signals, NULL) == 0)
		pthread_detach(thread);
	else
		pthread_sigmask(SIG_UNBLOCK, &watched, NULL);
}

/* A file with no name in path's folder, or -1 where there is none. */
static int unnamed_file(const char *path)
{
#ifdef O_TMPFILE
	/* It is named at the end through /proc: without /proc, none. */
	if (access("/proc/self/fd", X_OK) != 0)
		return -1;
	char *dir = folder_of(path);
	int fd = dir ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600) : -1;
	free(dir);
	return fd;
#else
	(void)path;
	return -1;
#endif
}

static int link_unnamed(int fd, const char *name)
{
	char proc[40];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

/* Under temps_lock: give t a name beside path that no file has, putting
 * there the unnamed file t->fd, or a new empty file when t->fd is -1.
 * Neither linkat nor O_EXCL follows a link planted under the name.
 * 0, or -1 with errno set. */
static int name_temp(temp *t, const char *path)
{
	size_t cap = strlen(path) + sizeof ".steno--" + 6 * sizeof(long);
	t->name = malloc(cap);
	if (!t->name) {
		errno = ENOMEM;
		return -1;
	}
	/* a name is taken only by a file left from an earlier process of
	 * the same id, so few tries are enough */
	for (int tries = 0; tries < 100; tries++) {
		snprintf(t->name, cap, "%s.steno-%ld-%lu", path, (long)getpid(), temps_made++);
		int made = t->fd >= 0 ? link_unnamed(t->fd, t->name)
		                      : (t->fd = open(t->name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		                                      0600));
		if (made >= 0) {
			t->prev = NULL;
			t->next = named_temps;
			if (named_temps)
				named_temps->prev = t;
			named_temps = t;
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	int e = errno;
	free(t->name);
	t->name = NULL;
	errno = e;
	return -1;
}

/* Under temps_lock: t has no name any more. */
static void forget_name(temp *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		named_temps = t->next;
	if (t->next)
		t->next->prev = t->prev;
	free(t->name);
	t->name = NULL;
}

static int open_temp(temp *t, const char *path)
{
	t->fd = unnamed_file(path);
	if (t->fd >= 0)
		return -1;
	pthread_mutex_lock(&temps_lock);
	int named = name_temp(t, path);
	pthread_mutex_unlock(&temps_lock);
	if (named == 0)
		return -1;
	fprintf(stderr, "steno: %s: cannot create: %s\n", path, strerror(errno));
	return EXIT_OUTPUT;
}

/* On disk, with old's permission bits, and its owner and group where
 * allowed (only root may give a file away; others keep at least the
 * group if they are in it), or those of a new file when old is NULL. */
static int settle_temp(const temp *t, const struct stat *old, const char *path)
{
	if (fsync(t->fd) != 0 && errno != EINVAL) {
		fprintf(stderr, "steno: %s: write error: %s\n", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	int owned = !old || fchown(t->fd, old->st_uid, old->st_gid) == 0 ||
	            fchown(t->fd, (uid_t)-1, old->st_gid) == 0 || errno == EPERM;
	if (!owned || fchmod(t->fd, old ? old->st_mode & 0777 : new_file_mode) != 0) {
		fprintf(stderr, "steno: %s: cannot create: %s\n", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	return -1;
}

/* The finished file takes path's name.  An unnamed file is given a
 * temporary name first: linkat cannot replace a file, rename can. */
static int publish_temp(temp *t, const char *path)
{
	pthread_mutex_lock(&temps_lock);
	int ok = (t->name || name_temp(t, path) == 0) && rename(t->name, path) == 0;
	int e = errno;
	if (ok)
		forget_name(t);
	pthread_mutex_unlock(&temps_lock);
	if (ok)
		return -1;
	fprintf(stderr, "steno: %s: cannot create: %s\n", path, strerror(e));
	return EXIT_OUTPUT;
}

/* After the write has failed or the name is taken: nothing left. */
static void close_temp(temp *t)
{
	if (t->name) {
		pthread_mutex_lock(&temps_lock);
		unlink(t->name);
		forget_name(t);
		pthread_mutex_unlock(&temps_lock);
	}
	/* errors of the write were fsync's to report */
	if (t->fd >= 0)
		close(t->fd);
}

/* Devices, FIFOs and sockets are written as they are. */
static int output_in_place(const char *path, output_fn fill, void *ctx)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "steno: %s: cannot open: %s\n", path, strerror(errno));
		return EXIT_OUTPUT;
	}
	int rc = fill(ctx, fd, path);
	if (close(fd) != 0 && rc == -1) {
		fprintf(stderr, "steno: %s: write error: %s\n", path, strerror(errno));
		rc = EXIT_OUTPUT;
	}
	return rc;
}

int output_to_path(const char *path, output_fn fill, void *ctx)
{
	struct stat old;
	int exists = stat(path, &old) == 0;
	if (exists && !S_ISREG(old.st_mode))
		return output_in_place(path, fill, ctx);
	temp t = {.fd = -1};
	int rc = open_temp(&t, path);
	if (rc == -1)
		rc = fill(ctx, t.fd, path);
	if (rc == -1)
		rc = settle_temp(&t, exists ? &old : NULL, path);
	if (rc == -1)
		rc = publish_temp(&t, path);
	close_temp(&t);
	return rc;
}
