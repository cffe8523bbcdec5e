/* main.c - the steno command: options, inputs, one conversion.  Many
 * inputs to a folder or an archive are batch.c's; output files are
 * output.c's. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch.h"
#include "steno.h"

#define MAX_METADATA 256

typedef struct cli {
	const char *from, *to, *output;
	const char *meta[MAX_METADATA]; /* KEY=VALUE, in command-line order */
	size_t meta_count;
	steno_options opts;
	int jobs, recursive, follow_symlinks;
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
	"                         ending in .gz is gzip-compressed (not zip, epub);\n"
	"                         a FOLDER/ (or an existing folder) gets one\n"
	"                         output per FILE\n"
	"  -s, --standalone       a complete document (HTML: a page with title,\n"
	"                         charset, language and stylesheet)\n"
	"      --metadata KEY=VALUE\n"
	"                         set metadata, overriding the source; repeatable\n"
	"      --encoding NAME    read text input in this encoding (an iconv name,\n"
	"                         e.g. latin1, windows-1252, UTF-16LE)\n"
	"      --sourcepos        record and write source positions\n"
	"      --unsafe           keep raw HTML and every link scheme\n"
	"      --smart            typographic dashes, ellipses and apostrophes\n"
	"      --no-transcript    switch off the transcript, quotation and\n"
	"                         attribution passes\n"
	"      --passes LIST      switch passes on (+NAME or NAME) and off (-NAME),\n"
	"                         comma-separated; names: transcript, quotes,\n"
	"                         attribution, smart (e.g. --passes=-quotes,+smart)\n"
	"      --pretty           indent JSON output\n"
	"      --recover          XML: convert what libxml2's recovery can read of\n"
	"                         malformed input, with warnings\n"
	"      --speakers FILE    TEI: name speakers from FILE's listPerson\n"
	"      --xinclude         XML: include the files xi:include names (only\n"
	"                         files below the input's folder)\n"
	"      --pause SECONDS    captions: a silence longer than this between\n"
	"                         cues starts a new paragraph (default 2)\n"
	"      --word-times       captions: keep the time of each word (WebVTT\n"
	"                         <00:00:01.500> inside cues) as a timestamp\n"
	"  -r, --recursive        convert the readable files in folders named as FILE\n"
	"                         (and links to files within them)\n"
	"      --follow-symlinks  with -r, follow links to folders within the\n"
	"                         folder walked too, each folder once\n"
	"  -j, --jobs N           convert N files at a time (default: one per\n"
	"                         processor); the output is the same for any N\n"
	"      --compress-level N gzip, ZIP and EPUB compression, 1 (fast) to 9\n"
	"                         (small); default 6\n"
	"      --max-input SIZE   refuse gzip input inflating beyond SIZE bytes\n"
	"                         (suffix K, M, G or T; default 1G); with -j, the\n"
	"                         inputs converted at once share it\n"
	"      --max-memory SIZE  let a document take up to SIZE bytes of memory\n"
	"                         (default: 32 times its input plus 64M)\n";
/* in two, as a string literal longer than 4095 bytes is not portable C */
static const char usage_text_rest[] =
	"      --cue-chars N      captions (vtt, srt): characters a line, 1 to\n"
	"                         1000; default 42\n"
	"      --cue-lines N      captions: lines a cue, 1 to 100; default 2\n"
	"      --cue-seconds S    captions: the longest a cue lasts, 0.1 to 3600\n"
	"                         seconds; default 7\n"
	"                         (without these, a caption file's own cues are\n"
	"                         written back whole; with any, cut to them too)\n"
	"      --list-formats[=json]\n"
	"                         list the formats and exit; json: an array of\n"
	"                         objects (name, aliases, extensions, media_type,\n"
	"                         description, reads, writes, archive)\n"
	"  -v, --version          print the version and exit\n"
	"  -h, --help             print this help and exit\n"
	"\n"
	"Gzip-compressed input (.gz) is decompressed transparently.  With -t zip\n"
	"or -t epub (or -o NAME.zip, NAME.epub) every FILE becomes a document of\n"
	"one archive; with -o FOLDER/ each FILE its own output.  Either way a\n"
	"FILE that fails is reported and the others go on; the exit status is\n"
	"then that of the failure.\n"
	"\n"
	"Exit status: 0 success; 1 an input could not be read or parsed, or\n"
	"holds nothing the output format can be written from (captions from a\n"
	"document without times); 2 usage error or unknown format; 3 the output\n"
	"could not be written; 4 internal error (out of memory).\n";

enum { OPT_METADATA = 256, OPT_ENCODING, OPT_SOURCEPOS, OPT_UNSAFE, OPT_SMART,
       OPT_NO_TRANSCRIPT, OPT_PRETTY, OPT_LIST_FORMATS, OPT_COMPRESS_LEVEL, OPT_MAX_INPUT,
       OPT_MAX_MEMORY, OPT_RECOVER, OPT_SPEAKERS, OPT_XINCLUDE, OPT_PASSES, OPT_FOLLOW_SYMLINKS,
       OPT_PAUSE, OPT_WORD_TIMES, OPT_CUE_CHARS, OPT_CUE_LINES, OPT_CUE_SECONDS };

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
	{"passes", required_argument, NULL, OPT_PASSES},
	{"pretty", no_argument, NULL, OPT_PRETTY},
	{"recover", no_argument, NULL, OPT_RECOVER},
	{"speakers", required_argument, NULL, OPT_SPEAKERS},
	{"xinclude", no_argument, NULL, OPT_XINCLUDE},
	{"pause", required_argument, NULL, OPT_PAUSE},
	{"word-times", no_argument, NULL, OPT_WORD_TIMES},
	{"recursive", no_argument, NULL, 'r'},
	{"follow-symlinks", no_argument, NULL, OPT_FOLLOW_SYMLINKS},
	{"jobs", required_argument, NULL, 'j'},
	{"compress-level", required_argument, NULL, OPT_COMPRESS_LEVEL},
	{"max-input", required_argument, NULL, OPT_MAX_INPUT},
	{"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
	{"cue-chars", required_argument, NULL, OPT_CUE_CHARS},
	{"cue-lines", required_argument, NULL, OPT_CUE_LINES},
	{"cue-seconds", required_argument, NULL, OPT_CUE_SECONDS},
	{"list-formats", optional_argument, NULL, OPT_LIST_FORMATS},
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

/* The option that raises the limit err reports, or NULL: the library
 * names no command-line option, so the command adds it. */
static const char *raised_by(const steno_error *err)
{
	static const struct {
		const char *message, *option;
	} limits[] = {{"the document would take more than", "--max-memory"},
	              {"gzip input inflates beyond", "--max-input"}};
	for (size_t i = 0; err->code == STENO_ERR_LIMIT && i < sizeof limits / sizeof *limits; i++)
		if (strncmp(err->message, limits[i].message, strlen(limits[i].message)) == 0)
			return limits[i].option;
	return NULL;
}

void report(const char *name, const steno_error *err)
{
	const char *option = raised_by(err);
	if (err->line > 0)
		fprintf(stderr, "steno: %s:%d:%d: %s", name, err->line,
		        err->column > 0 ? err->column : 1, err->message);
	else
		fprintf(stderr, "steno: %s: %s", name, err->message);
	if (option)
		fprintf(stderr, " (%s SIZE raises the limit)", option);
	fputc('\n', stderr);
}

int exit_code_for(steno_status code)
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

static void list_formats_text(void)
{
	printf("%-10s %-5s %-5s %-22s %-20s %s\n", "NAME", "READ", "WRITE", "EXTENSIONS",
	       "MEDIA TYPE", "DESCRIPTION");
	for (size_t i = 0; i < steno_format_count(); i++)
		printf("%-10s %-5s %-5s %-22s %-20s %s\n", steno_format_name(i),
		       steno_format_can_read(i) ? "yes" : "no",
		       steno_format_can_write(i) ? "yes" : "no", steno_format_extensions(i),
		       steno_format_media_type(i), steno_format_description(i));
}

/* s[0..len) as a JSON string.  The registry's strings are plain ASCII
 * today; escaping keeps the output JSON whatever a format says. */
static void put_json_string(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* A space-separated list as a JSON array of strings. */
static void put_json_words(const char *list)
{
	const char *sep = "";
	putchar('[');
	for (const char *p = list + strspn(list, " "); *p; p += strspn(p, " ")) {
		size_t n = strcspn(p, " ");
		fputs(sep, stdout);
		put_json_string(p, n);
		sep = ", ";
		p += n;
	}
	putchar(']');
}

/* "key": "value", after a comma unless first. */
static void put_json_member(const char *key, const char *value, int first)
{
	printf("%s\"%s\": ", first ? "" : ", ", key);
	put_json_string(value, strlen(value));
}

/* One object per format, for scripts (the test suite builds its lists
 * of formats and extensions from it). */
static void list_formats_json(void)
{
	size_t count = steno_format_count();
	puts("[");
	for (size_t i = 0; i < count; i++) {
		fputs("  {", stdout);
		put_json_member("name", steno_format_name(i), 1);
		fputs(", \"aliases\": ", stdout);
		put_json_words(steno_format_aliases(i));
		fputs(", \"extensions\": ", stdout);
		put_json_words(steno_format_extensions(i));
		put_json_member("media_type", steno_format_media_type(i), 0);
		put_json_member("description", steno_format_description(i), 0);
		printf(", \"reads\": %s, \"writes\": %s, \"archive\": %s}%s\n",
		       steno_format_can_read(i) ? "true" : "false",
		       steno_format_can_write(i) ? "true" : "false",
		       steno_format_flags(i) & STENO_FORMAT_ARCHIVE ? "true" : "false",
		       i + 1 < count ? "," : "");
	}
	puts("]");
}

/* --list-formats[=text|json]; an exit code. */
static int list_formats(const char *style)
{
	if (style && strcmp(style, "json") == 0)
		list_formats_json();
	else if (!style || strcmp(style, "text") == 0)
		list_formats_text();
	else
		return usage_error("--list-formats wants text or json, not '%s'", style);
	return EXIT_OK;
}

/* A decimal count with an optional K, M, G or T (times 1024 each) into
 * *n: 0, or -1 when arg is not one, or -2 when it is more than a size_t
 * holds (strtoull's own range included), so that it never wraps. */
static int parse_size(const char *arg, unsigned long long *n)
{
	static const char units[] = "kmgt";
	char *end;
	errno = 0;
	*n = strtoull(arg, &end, 10);
	const char *unit = *end ? strchr(units, *end | 0x20) : NULL;
	int shift = unit ? 10 * (int)(unit - units + 1) : 0;
	if (!(arg[0] >= '0' && arg[0] <= '9') || end[unit ? 1 : 0] != '\0')
		return -1;
	if (errno == ERANGE || *n > (SIZE_MAX >> shift))
		return -2;
	*n <<= shift;
	return 0;
}

/* A size option's value into *out; -1 or an exit code. */
static int parse_size_option(const char *name, const char *arg, size_t *out)
{
	unsigned long long n;
	int bad = parse_size(arg, &n);
	char fmt[96];
	if (!bad && n >= 1) {
		*out = (size_t)n;
		return -1;
	}
	snprintf(fmt, sizeof fmt, bad == -2 ? "%s: '%%s' is more than this system can address"
	                                    : "%s wants a size such as 500M, not '%%s'", name);
	return usage_error(fmt, arg);
}

/* The numeric options; -1 or an exit code. */
static int parse_number_option(cli *c, int ch, const char *arg)
{
	unsigned long long n = 0;
	if (ch == OPT_MAX_INPUT)
		return parse_size_option("--max-input", arg, &c->opts.max_input);
	if (ch == OPT_MAX_MEMORY)
		return parse_size_option("--max-memory", arg, &c->opts.max_memory);
	if (parse_size(arg, &n) != 0)
		n = 0;
	if (ch == 'j') {
		if (n < 1 || n > 1024)
			return usage_error("-j wants a number of jobs from 1 to 1024, not '%s'", arg);
		c->jobs = (int)n;
	} else {
		if (n < 1 || n > 9)
			return usage_error("--compress-level wants 1 to 9, not '%s'", arg);
		c->opts.compress_level = (int)n;
	}
	return -1;
}

/* --pause SECONDS: a decimal number of seconds, to the millisecond,
 * at most a day (a silence no recording has between two cues). */
static int parse_pause(cli *c, const char *arg)
{
	long ms = 0;
	const char *p = arg;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && ms <= 86400000L; p++, digits++)
		ms = ms * 10 + (*p - '0') * 1000L;
	if (*p == '.')
		for (long unit = 100; *++p >= '0' && *p <= '9'; unit /= 10, digits++)
			ms += (*p - '0') * unit; /* past the millisecond, unit is 0 */
	if (!digits || *p || ms > 86400000L)
		return usage_error("--pause wants seconds from 0 to 86400, such as 1.5, not '%s'",
		                   arg);
	c->opts.pause_ms = (int)ms;
	return -1;
}

/* The caption limits, in the ranges the writers take; -1 or an exit
 * code. */
static int parse_cue_option(cli *c, int ch, const char *arg)
{
	char *end;
	errno = 0;
	/* limits asked for hold for the cues a caption file gives too */
	c->opts.cue_resplit = 1;
	if (ch == OPT_CUE_SECONDS) {
		double s = strtod(arg, &end);
		if (errno || end == arg || *end || !(s >= 0.1 && s <= 3600))
			return usage_error("--cue-seconds wants 0.1 to 3600 seconds, not '%s'", arg);
		c->opts.cue_seconds = s;
		return -1;
	}
	long n = strtol(arg, &end, 10);
	int lines = ch == OPT_CUE_LINES;
	if (errno || end == arg || *end || n < 1 || n > (lines ? 100 : 1000))
		return usage_error(lines ? "--cue-lines wants 1 to 100 lines, not '%s'"
		                         : "--cue-chars wants 1 to 1000 characters, not '%s'", arg);
	*(lines ? &c->opts.cue_lines : &c->opts.cue_chars) = (int)n;
	return -1;
}

/* "-quotes,+smart": each NAME switches a pass on (+NAME or NAME) or
 * off (-NAME), in order.  NULL, or the first name steno does not know. */
static const char *parse_passes(unsigned *passes, const char *list)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"transcript", STENO_PASS_TRANSCRIPT},
	             {"quotes", STENO_PASS_QUOTES},
	             {"attribution", STENO_PASS_ATTRIBUTION},
	             {"smart", STENO_PASS_SMART}};
	for (const char *p = list;; p++) {
		int off = *p == '-';
		p += *p == '-' || *p == '+';
		size_t len = strcspn(p, ","), k = 0;
		while (k < sizeof names / sizeof *names &&
		       (strlen(names[k].name) != len || strncmp(names[k].name, p, len) != 0))
			k++;
		if (k == sizeof names / sizeof *names)
			return p;
		*passes = off ? *passes & ~names[k].bit : *passes | names[k].bit;
		p += len;
		if (!*p)
			return NULL;
	}
}

/* The usage error for the pass name that starts bad (up to a comma). */
static int unknown_pass(const char *bad)
{
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(bad, ","), bad);
	return usage_error("--passes: unknown pass '%s'; the passes are transcript, quotes, "
	                   "attribution and smart (+NAME switches one on, -NAME off)", name);
}

/* Parse the options; returns -1 to go on, or an exit code. */
static int parse_options(cli *c, int argc, char **argv)
{
	int ch;
	while ((ch = getopt_long(argc, argv, "f:t:o:svhrj:", long_options, NULL)) != -1) {
		int rc;
		const char *bad;
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
			c->opts.metadata = c->meta;
			c->opts.metadata_count = c->meta_count;
			break;
		case OPT_ENCODING: c->opts.encoding = optarg; break;
		case OPT_SOURCEPOS: c->opts.sourcepos = 1; break;
		case OPT_UNSAFE: c->opts.unsafe = 1; break;
		case OPT_SMART: c->opts.passes |= STENO_PASS_SMART; break;
		case OPT_NO_TRANSCRIPT:
			c->opts.passes &=
			    ~(STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES | STENO_PASS_ATTRIBUTION);
			break;
		case OPT_PASSES:
			if ((bad = parse_passes(&c->opts.passes, optarg)) != NULL)
				return unknown_pass(bad);
			break;
		case OPT_PRETTY: c->opts.pretty = 1; break;
		case OPT_RECOVER: c->opts.recover = 1; break;
		case OPT_SPEAKERS: c->opts.speakers = optarg; break;
		/* the folder is the first input's, known once inputs are */
		case OPT_XINCLUDE: c->opts.xinclude = "."; break;
		case OPT_PAUSE:
			if ((rc = parse_pause(c, optarg)) != -1)
				return rc;
			break;
		case OPT_WORD_TIMES: c->opts.word_times = 1; break;
		case 'r': c->recursive = 1; break;
		case OPT_FOLLOW_SYMLINKS: c->follow_symlinks = 1; break;
		case 'j':
		case OPT_COMPRESS_LEVEL:
		case OPT_MAX_INPUT:
		case OPT_MAX_MEMORY:
			if ((rc = parse_number_option(c, ch, optarg)) != -1)
				return rc;
			break;
		case OPT_CUE_CHARS:
		case OPT_CUE_LINES:
		case OPT_CUE_SECONDS:
			if ((rc = parse_cue_option(c, ch, optarg)) != -1)
				return rc;
			break;
		case OPT_LIST_FORMATS: return list_formats(optarg);
		case 'v': printf("steno %s\n", steno_version()); return EXIT_OK;
		case 'h':
			fputs(usage_text, stdout);
			fputs(usage_text_rest, stdout);
			return EXIT_OK;
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

/* Append the whole of one input, decoded, to *buf; returns -1 or an
 * exit code. */
static int read_input(const char *name, const steno_options *opts, char **buf, size_t *len)
{
	int is_stdin = strcmp(name, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(name, "rb");
	steno_error err = {0};
	if (!fp) {
		fprintf(stderr, "steno: %s: cannot open: %s\n", name, strerror(errno));
		return EXIT_INPUT;
	}
	size_t n;
	char *data = steno_read_all(fp, &n, opts, &err);
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
	char *joined = n < SIZE_MAX - 3 - *len ? realloc(*buf, *len + 2 + n + 1) : NULL;
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

int render_to_fd(const char *format, const steno_options *opts, const steno_doc *doc, int fd,
                 int gz, const char *name)
{
	steno_sink *out = steno_sink_new_fd(fd);
	steno_sink *gzs = out && gz ? steno_sink_new_gzip(out, opts->compress_level) : NULL;
	steno_error err = {0};
	if (!out || (gz && !gzs)) {
		steno_sink_close(out);
		fprintf(stderr, "steno: out of memory\n");
		return EXIT_INTERNAL;
	}
	steno_status st = steno_render(doc, format, gzs ? gzs : out, opts, &err);
	steno_status closed = steno_sink_close(gzs);
	steno_status closed_out = steno_sink_close(out);
	if (st == STENO_OK && (closed != STENO_OK || closed_out != STENO_OK)) {
		st = STENO_ERR_IO;
		snprintf(err.message, sizeof err.message, "write error");
	}
	if (st != STENO_OK) {
		fprintf(stderr, "steno: %s: %s\n", name, err.message);
		/* a writer that cannot write this document (captions need
		 * times) is the input's failing, not the output's */
		return st == STENO_ERR_NOMEM ? EXIT_INTERNAL
		       : st == STENO_ERR_FORMAT ? EXIT_INPUT : EXIT_OUTPUT;
	}
	return -1;
}

typedef struct document_output {
	const cli *c;
	const steno_doc *doc;
} document_output;

/* output_fn for the one document of a plain conversion. */
static int fill_document(void *ctx, int fd, const char *name)
{
	const document_output *o = ctx;
	return render_to_fd(o->c->to, &o->c->opts, o->doc, fd, ends_with_gz(name), name);
}

/* One named file is parsed from the file, so a reader that streams
 * never has the whole input in memory; several are joined first. */
static steno_doc *parse_inputs(cli *c, char **inputs, int ninputs, int *rc, steno_error *err)
{
	if (ninputs == 1 && strcmp(inputs[0], "-") != 0) {
		steno_doc *doc = steno_parse_file(inputs[0], c->from, &c->opts, err);
		if (!doc)
			*rc = exit_code_for(err->code);
		return doc;
	}
	char *buf = NULL;
	size_t len = 0;
	for (int i = 0; i < ninputs && *rc == -1; i++)
		*rc = read_input(inputs[i], &c->opts, &buf, &len);
	if (ninputs == 0)
		*rc = read_input("-", &c->opts, &buf, &len);
	if (*rc != -1) {
		free(buf);
		return NULL;
	}
	steno_doc *doc = steno_parse(buf ? buf : "", len, c->from, &c->opts, err);
	free(buf);
	if (!doc)
		*rc = exit_code_for(err->code);
	return doc;
}

static int convert(cli *c, char **inputs, int ninputs)
{
	int rc = -1;
	const char *name = ninputs && strcmp(inputs[0], "-") != 0 ? inputs[0] : "<stdin>";
	steno_error err = {0};
	char *folder = c->opts.xinclude && name[0] != '<' ? folder_of(name) : NULL;
	if (folder)
		c->opts.xinclude = folder;
	steno_doc *doc = parse_inputs(c, inputs, ninputs, &rc, &err);
	if (folder) {
		free(folder);
		c->opts.xinclude = ".";
	}
	if (!doc) {
		if (err.code != STENO_OK)
			report(name, &err);
		return rc;
	}
	for (size_t i = 0; i < steno_doc_warning_count(doc); i++)
		fprintf(stderr, "steno: %s: warning: %s\n", name, steno_doc_warning(doc, i));
	document_output o = {c, doc};
	if (c->output && strcmp(c->output, "-") != 0)
		rc = output_to_path(c->output, fill_document, &o);
	else
		rc = render_to_fd(c->to, &c->opts, doc, STDOUT_FILENO, 0, "<stdout>");
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
	const char *from = c.from; /* a batch takes each file's own format unless -f */
	rc = choose_formats(&c, ninputs ? inputs[0] : NULL);
	if (rc != -1)
		return rc;
	/* A ZIP's members are deflated already, and no reader opens a
	 * gzipped EPUB: refused rather than written uncompressed under a
	 * name that says otherwise. */
	if (c.output && ends_with_gz(c.output) &&
	    (steno_format_flags(steno_format_find(c.to)) & STENO_FORMAT_COMPRESSED))
		return usage_error("%s: the format is compressed already; "
		                   "name the output without .gz", c.output);
	if (c.output && strcmp(c.output, "-") != 0)
		output_init();
	batch b = {from, c.to, c.output, &c.opts, c.jobs, c.recursive, c.follow_symlinks};
	if (batch_wanted(&b))
		return batch_run(&b, inputs, ninputs);
	return convert(&c, inputs, ninputs);
}
