/* main.c - the steno command: options, inputs, one conversion, output
 * written under a temporary name and renamed, so a failed conversion
 * never leaves a partial file under the name asked for. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "steno.h"

/* Exit codes, documented in --help and the man page. */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,    /* an input could not be read, decoded or parsed */
	EXIT_USAGE = 2,    /* bad options, unknown format */
	EXIT_OUTPUT = 3,   /* the output could not be written */
	EXIT_INTERNAL = 4  /* out of memory, or a bug */
};

#define MAX_METADATA 256

typedef struct cli {
	const char *from, *to, *output;
	const char *meta[MAX_METADATA]; /* KEY=VALUE, in command-line order */
	size_t meta_count;
	steno_options opts;
} cli;

static const char usage_text[] =
	"Usage: steno [OPTIONS] [FILE...]\n"
	"Convert transcripts between formats.  Reads FILE(s), or standard input\n"
	"when none is given or FILE is -; several files are read as one, joined\n"
	"by a blank line.  Writes to standard output unless -o is given.\n"
	"\n"
	"Options:\n"
	"  -f, --from FORMAT      input format (default: from the first FILE's\n"
	"                         extension, else text)\n"
	"  -t, --to FORMAT        output format (default: from -o's extension,\n"
	"                         else html)\n"
	"  -o, --output FILE      write to FILE (- for standard output); a name\n"
	"                         ending in .gz is gzip-compressed\n"
	"  -s, --standalone       a complete document (HTML: a page with title,\n"
	"                         charset, language and stylesheet)\n"
	"      --metadata KEY=VALUE\n"
	"                         set metadata, overriding the source; repeatable\n"
	"      --encoding NAME    read text input in this encoding (an iconv name,\n"
	"                         e.g. latin1, windows-1252, UTF-16LE)\n"
	"      --sourcepos        record and write source positions\n"
	"      --unsafe           keep raw HTML and every link scheme\n"
	"      --smart            typographic dashes, ellipses and apostrophes\n"
	"      --no-transcript    switch off the transcript and quotation passes\n"
	"      --pretty           indent JSON output\n"
	"      --list-formats     list the formats and exit\n"
	"  -v, --version          print the version and exit\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Gzip-compressed input (.gz) is decompressed transparently.\n"
	"\n"
	"Exit status: 0 success; 1 an input could not be read or parsed;\n"
	"2 usage error or unknown format; 3 the output could not be written;\n"
	"4 internal error (out of memory).\n";

enum { OPT_METADATA = 256, OPT_ENCODING, OPT_SOURCEPOS, OPT_UNSAFE, OPT_SMART,
       OPT_NO_TRANSCRIPT, OPT_PRETTY, OPT_LIST_FORMATS };

static const struct option long_options[] = {
	{"from", required_argument, NULL, 'f'},
	{"to", required_argument, NULL, 't'},
	{"output", required_argument, NULL, 'o'},
	{"standalone", no_argument, NULL, 's'},
	{"metadata", required_argument, NULL, OPT_METADATA},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"sourcepos", no_argument, NULL, OPT_SOURCEPOS},
	{"unsafe", no_argument, NULL, OPT_UNSAFE},
	{"smart", no_argument, NULL, OPT_SMART},
	{"no-transcript", no_argument, NULL, OPT_NO_TRANSCRIPT},
	{"pretty", no_argument, NULL, OPT_PRETTY},
	{"list-formats", no_argument, NULL, OPT_LIST_FORMATS},
	{"version", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "steno: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'steno --help' for more information.\n");
	return EXIT_USAGE;
}

/* "steno: FILE:LINE:COL: message", the position only when known. */
static void report(const char *name, const steno_error *err)
{
	if (err->line > 0)
		fprintf(stderr, "steno: %s:%d:%d: %s\n", name, err->line,
		        err->column > 0 ? err->column : 1, err->message);
	else
		fprintf(stderr, "steno: %s: %s\n", name, err->message);
}

static int exit_code_for(steno_status code)
{
	switch (code) {
	case STENO_ERR_NOMEM:
		return EXIT_INTERNAL;
	case STENO_ERR_FORMAT:
	case STENO_ERR_ARG:
		return EXIT_USAGE;
	default:
		return EXIT_INPUT;
	}
}

static void list_formats(void)
{
	printf("%-10s %-5s %-5s %-22s %-20s %s\n", "NAME", "READ", "WRITE", "EXTENSIONS",
	       "MEDIA TYPE", "DESCRIPTION");
	for (size_t i = 0; i < steno_format_count(); i++)
		printf("%-10s %-5s %-5s %-22s %-20s %s\n", steno_format_name(i),
		       steno_format_can_read(i) ? "yes" : "no",
		       steno_format_can_write(i) ? "yes" : "no", steno_format_extensions(i),
		       steno_format_media_type(i), steno_format_description(i));
}

/* Parse the options; returns -1 to go on, or an exit code. */
static int parse_options(cli *c, int argc, char **argv)
{
	int ch;
	while ((ch = getopt_long(argc, argv, "f:t:o:svh", long_options, NULL)) != -1) {
		switch (ch) {
		case 'f': c->from = optarg; break;
		case 't': c->to = optarg; break;
		case 'o': c->output = optarg; break;
		case 's': c->opts.standalone = 1; break;
		case OPT_METADATA:
			if (!strchr(optarg, '=') || optarg[0] == '=')
				return usage_error("--metadata wants KEY=VALUE, not '%s'", optarg);
			if (c->meta_count == MAX_METADATA)
				return usage_error("too many --metadata options%s", "");
			c->meta[c->meta_count++] = optarg;
			break;
		case OPT_ENCODING: c->opts.encoding = optarg; break;
		case OPT_SOURCEPOS: c->opts.sourcepos = 1; break;
		case OPT_UNSAFE: c->opts.unsafe = 1; break;
		case OPT_SMART: c->opts.passes |= STENO_PASS_SMART; break;
		case OPT_NO_TRANSCRIPT:
			c->opts.passes &= ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES);
			break;
		case OPT_PRETTY: c->opts.pretty = 1; break;
		case OPT_LIST_FORMATS: list_formats(); return EXIT_OK;
		case 'v': printf("steno %s\n", steno_version()); return EXIT_OK;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("%s", "invalid option");
		}
	}
	return -1;
}

/* Resolve the input and output format names, reporting usage errors. */
static int choose_formats(cli *c, const char *first_input)
{
	if (!c->from && first_input && strcmp(first_input, "-") != 0)
		c->from = steno_format_for_path(first_input);
	if (!c->from)
		c->from = "text";
	if (!c->to && c->output && strcmp(c->output, "-") != 0)
		c->to = steno_format_for_path(c->output);
	if (!c->to)
		c->to = "html";
	size_t in = steno_format_find(c->from), out = steno_format_find(c->to);
	if (in == (size_t)-1)
		return usage_error("unknown input format '%s' (see --list-formats)", c->from);
	if (!steno_format_can_read(in))
		return usage_error("format '%s' cannot be read", c->from);
	if (out == (size_t)-1)
		return usage_error("unknown output format '%s' (see --list-formats)", c->to);
	if (!steno_format_can_write(out))
		return usage_error("format '%s' cannot be written", c->to);
	return -1;
}

/* Append the whole of one input to *buf; returns -1 or an exit code. */
static int read_input(const char *name, char **buf, size_t *len)
{
	int is_stdin = strcmp(name, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(name, "rb");
	steno_error err = {0};
	if (!fp) {
		fprintf(stderr, "steno: %s: cannot open: %s\n", name, strerror(errno));
		return EXIT_INPUT;
	}
	size_t n;
	char *data = io_read_all(fp, &n, &err);
	if (!is_stdin)
		fclose(fp);
	if (!data) {
		report(is_stdin ? "<stdin>" : name, &err);
		return exit_code_for(err.code);
	}
	if (!*buf) {
		*buf = data;
		*len = n;
		return -1;
	}
	/* Joined by a blank line, so the last paragraph of one file never
	 * runs into the first of the next. */
	char *joined = realloc(*buf, *len + 2 + n + 1);
	if (!joined) {
		free(data);
		fprintf(stderr, "steno: out of memory\n");
		return EXIT_INTERNAL;
	}
	memcpy(joined + *len, "\n\n", 2);
	memcpy(joined + *len + 2, data, n);
	*buf = joined;
	*len += 2 + n;
	free(data);
	return -1;
}

static int ends_with_gz(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcasecmp(name + n - 3, ".gz") == 0;
}

/* Render into fd (gzip-compressed when asked); returns -1 or an exit code. */
static int write_output(const cli *c, const steno_doc *doc, int fd, int gz, const char *name)
{
	steno_sink *out = steno_sink_new_fd(fd);
	steno_sink *gzs = out && gz ? steno_sink_new_gzip(out, c->opts.compress_level) : NULL;
	steno_error err = {0};
	if (!out || (gz && !gzs)) {
		steno_sink_close(out);
		fprintf(stderr, "steno: out of memory\n");
		return EXIT_INTERNAL;
	}
	steno_status st = steno_render(doc, c->to, gzs ? gzs : out, &c->opts, &err);
	steno_status closed = steno_sink_close(gzs);
	steno_status closed_out = steno_sink_close(out);
	if (st == STENO_OK && (closed != STENO_OK || closed_out != STENO_OK)) {
		st = STENO_ERR_IO;
		snprintf(err.message, sizeof err.message, "write error");
	}
	if (st != STENO_OK) {
		fprintf(stderr, "steno: %s: %s\n", name, err.message);
		return st == STENO_ERR_NOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
	}
	return -1;
}

/* Write to -o FILE through a temporary file beside it, renamed when the
 * whole conversion succeeded.  Devices and pipes are written directly. */
static int write_to_path(const cli *c, const steno_doc *doc)
{
	const char *path = c->output;
	int gz = ends_with_gz(path);
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY);
		if (fd < 0) {
			fprintf(stderr, "steno: %s: cannot open: %s\n", path, strerror(errno));
			return EXIT_OUTPUT;
		}
		int rc = write_output(c, doc, fd, gz, path);
		if (close(fd) != 0 && rc == -1) {
			fprintf(stderr, "steno: %s: write error: %s\n", path, strerror(errno));
			rc = EXIT_OUTPUT;
		}
		return rc;
	}
	size_t n = strlen(path);
	char *tmp = malloc(n + sizeof ".steno-XXXXXX");
	if (!tmp) {
		fprintf(stderr, "steno: out of memory\n");
		return EXIT_INTERNAL;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".steno-XXXXXX", sizeof ".steno-XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "steno: %s: cannot create: %s\n", path, strerror(errno));
		free(tmp);
		return EXIT_OUTPUT;
	}
	int rc = write_output(c, doc, fd, gz, path);
	if (rc == -1 && fsync(fd) != 0 && errno != EINVAL) {
		fprintf(stderr, "steno: %s: write error: %s\n", path, strerror(errno));
		rc = EXIT_OUTPUT;
	}
	if (close(fd) != 0 && rc == -1) {
		fprintf(stderr, "steno: %s: write error: %s\n", path, strerror(errno));
		rc = EXIT_OUTPUT;
	}
	/* mkstemp makes the file 0600; an output is an ordinary file. */
	mode_t mask = umask(0);
	umask(mask);
	if (rc == -1 && (chmod(tmp, 0666 & ~mask) != 0 || rename(tmp, path) != 0)) {
		fprintf(stderr, "steno: %s: cannot create: %s\n", path, strerror(errno));
		rc = EXIT_OUTPUT;
	}
	if (rc != -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

static int apply_metadata(const cli *c, steno_doc *doc)
{
	for (size_t i = 0; i < c->meta_count; i++) {
		const char *eq = strchr(c->meta[i], '=');
		size_t klen = (size_t)(eq - c->meta[i]);
		char *key = malloc(klen + 1);
		if (!key)
			return EXIT_INTERNAL;
		memcpy(key, c->meta[i], klen);
		key[klen] = '\0';
		steno_status st = steno_meta_set(doc, key, eq + 1);
		free(key);
		if (st != STENO_OK)
			return EXIT_INTERNAL;
	}
	return -1;
}

static int convert(cli *c, char **inputs, int ninputs)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = -1;
	for (int i = 0; i < ninputs && rc == -1; i++)
		rc = read_input(inputs[i], &buf, &len);
	if (ninputs == 0)
		rc = read_input("-", &buf, &len);
	if (rc != -1) {
		free(buf);
		return rc;
	}
	const char *name = ninputs && strcmp(inputs[0], "-") != 0 ? inputs[0] : "<stdin>";
	steno_error err = {0};
	steno_doc *doc = steno_parse(buf ? buf : "", len, c->from, &c->opts, &err);
	free(buf);
	if (!doc) {
		report(name, &err);
		return exit_code_for(err.code);
	}
	for (size_t i = 0; i < steno_doc_warning_count(doc); i++)
		fprintf(stderr, "steno: %s: warning: %s\n", name, steno_doc_warning(doc, i));
	rc = apply_metadata(c, doc);
	if (rc == -1) {
		if (c->output && strcmp(c->output, "-") != 0)
			rc = write_to_path(c, doc);
		else
			rc = write_output(c, doc, STDOUT_FILENO, 0, "<stdout>");
	} else {
		fprintf(stderr, "steno: out of memory\n");
	}
	steno_doc_free(doc);
	return rc == -1 ? EXIT_OK : rc;
}

int main(int argc, char **argv)
{
	cli c = {0};
	steno_options_init(&c.opts);
	int rc = parse_options(&c, argc, argv);
	if (rc != -1)
		return rc;
	char **inputs = argv + optind;
	int ninputs = argc - optind;
	rc = choose_formats(&c, ninputs ? inputs[0] : NULL);
	if (rc != -1)
		return rc;
	return convert(&c, inputs, ninputs);
}
