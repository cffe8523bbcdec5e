/* table.c - the table reader: a transcript exported one utterance a
 * row, as CSV (RFC 4180), TSV or R's write.table (quoted fields between
 * blanks).  Which column names the speaker, holds the speech, the times
 * or the row's number is read from a header row when it names them,
 * else learned from the cells; formats/table.md has the rules.
 *
 * The input is read three times, each time linearly: a sample of its
 * first rows for the delimiter, every row for the columns' statistics,
 * and every row again to build the tree.  Cells are not kept between
 * the passes, so memory stays the tree's, as the plain-text reader's. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captions/cues_in.h"
#include "core/doc_input.h"
#include "core/error.h"
#include "core/grow.h"
#include "core/table.h"
#include "formats.h"
#include "passes/transcript.h"

#define SAMPLE_BYTES  65536 /* of the input, to find the delimiter */
#define SAMPLE_ROWS   200
#define SPACED        1     /* no delimiter: blanks between quoted fields */
#define DISTINCT_MAX  512   /* speakers a column may name */
#define NAME_BYTES    48    /* the longest cell that reads as a name */
#define NAME_WORDS    6
#define DIALOGUE_WORDS 3    /* a learned text column's words a cell, on average */
#define COLUMN_NAME   40    /* bytes of an attribute name from a header cell */
#define COLUMNS_MAX   256   /* columns learned; cells beyond are attributes */

static const int delimiters[] = {'\t', ',', ';', SPACED, '|'};
#define DELIMITER_COUNT (sizeof delimiters / sizeof *delimiters)

/* ---- splitting rows into cells ---- */

typedef struct cell {
	char *s; /* in the input; unescaped and NUL-terminated when writing */
	size_t len;
	int line, col;
	int quoted;
	char after; /* the byte its NUL took when writing */
} cell;

typedef struct splitter {
	char *buf;
	size_t pos, end, line_start;
	int line;
	int delim;  /* a byte of delimiters[], or SPACED */
	int write;  /* unescape quoted cells in place, end each with a NUL */
	int quotes_off; /* a quote was never closed: quotes are text from there on */
	int open_line, open_col; /* that quote */
	int trouble;    /* text after a closing quote, or a quote never closed */
	cell *cells;
	size_t count, cap;
} splitter;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_line_end(char c)
{
	return c == '\n' || c == '\r';
}

static int clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

static void splitter_init(splitter *sp, char *buf, size_t len, int delim, int write)
{
	memset(sp, 0, sizeof *sp);
	sp->buf = buf;
	sp->end = len;
	sp->line = 1;
	sp->delim = delim;
	sp->write = write;
}

/* Past the line end at pos: LF, CR or CRLF. */
static void pass_line_end(splitter *sp)
{
	if (sp->buf[sp->pos] == '\r' && sp->pos + 1 < sp->end && sp->buf[sp->pos + 1] == '\n')
		sp->pos++;
	sp->pos++;
	if (sp->line < INT_MAX)
		sp->line++;
	sp->line_start = sp->pos;
}

static int ends_cell(const splitter *sp, char c)
{
	return is_line_end(c) || (sp->delim == SPACED ? is_blank(c) : c == sp->delim);
}

/* The rest of a cell after its closing quote, or all of an unquoted
 * one: up to the delimiter or the line end, copied to *out when
 * writing a quoted cell. */
static void plain_run(splitter *sp, char **out)
{
	while (sp->pos < sp->end && !ends_cell(sp, sp->buf[sp->pos])) {
		if (*out)
			*(*out)++ = sp->buf[sp->pos];
		sp->pos++;
	}
}

/* A quoted cell from the quote at pos: "" is a quote, and in R's
 * output \" too; line ends inside are the cell's.  0 when no quote
 * closes it before the input ends: the splitter is back at the quote. */
static int quoted_cell(splitter *sp, cell *c)
{
	size_t at = sp->pos, line_start = sp->line_start;
	int line = sp->line;
	char *out = sp->write ? sp->buf + at + 1 : NULL;
	c->s = sp->buf + at + 1;
	sp->pos++;
	for (;;) {
		if (sp->pos >= sp->end) {
			sp->pos = at;
			sp->line = line;
			sp->line_start = line_start;
			return 0;
		}
		char ch = sp->buf[sp->pos];
		if (ch == '"' && sp->pos + 1 < sp->end && sp->buf[sp->pos + 1] == '"') {
			sp->pos++;
		} else if (ch == '"') {
			sp->pos++;
			break;
		} else if (ch == '\\' && sp->delim == SPACED && sp->pos + 1 < sp->end &&
		           sp->buf[sp->pos + 1] == '"') {
			sp->pos++;
			ch = '"';
		} else if (is_line_end(ch)) {
			size_t from = sp->pos;
			pass_line_end(sp);
			while (out && from < sp->pos)
				*out++ = sp->buf[from++];
			continue;
		}
		if (out)
			*out++ = ch;
		sp->pos++;
	}
	size_t close = sp->pos - 1;
	plain_run(sp, &out);
	if (sp->pos > close + 1)
		sp->trouble = 1;
	c->len = out ? (size_t)(out - c->s) : close - (at + 1);
	c->quoted = 1;
	return 1;
}

/* The cell at pos. */
static void read_cell(splitter *sp, cell *c)
{
	size_t start = sp->pos;
	while (sp->pos < sp->end && sp->buf[sp->pos] == ' ')
		sp->pos++;
	c->line = sp->line;
	c->col = clamp_int(sp->pos - sp->line_start + 1);
	c->quoted = 0;
	if (sp->pos < sp->end && sp->buf[sp->pos] == '"' && !sp->quotes_off) {
		if (quoted_cell(sp, c))
			return;
		sp->quotes_off = 1;
		sp->trouble = 1;
		sp->open_line = c->line;
		sp->open_col = c->col;
	}
	sp->pos = start;
	char *none = NULL;
	plain_run(sp, &none);
	c->s = sp->buf + start;
	c->len = sp->pos - start;
}

static int add_cell(splitter *sp, cell *c)
{
	if (sp->count == sp->cap) {
		cell *grown = grow_array(sp->cells, &sp->cap, sp->count + 1, sizeof *grown);
		if (!grown)
			return -1;
		sp->cells = grown;
	}
	sp->cells[sp->count++] = *c;
	return 0;
}

static void trim(cell *c)
{
	while (c->len && is_blank(*c->s))
		c->s++, c->len--;
	while (c->len && (is_blank(c->s[c->len - 1]) || is_line_end(c->s[c->len - 1])))
		c->len--;
}

/* The next row's cells, blank lines skipped: 1, 0 past the end, -1 on
 * no memory.  Every byte between the cells is a delimiter, a quote or
 * a line end, so when writing each cell ends with a NUL where its text
 * ends, once the row is read. */
static int next_row(splitter *sp)
{
	for (;;) {
		sp->count = 0;
		if (sp->pos >= sp->end)
			return 0;
		for (;;) {
			if (sp->delim == SPACED)
				while (sp->pos < sp->end && is_blank(sp->buf[sp->pos]))
					sp->pos++;
			if (sp->delim == SPACED && (sp->pos >= sp->end || is_line_end(sp->buf[sp->pos])))
				break;
			cell c;
			read_cell(sp, &c);
			if (add_cell(sp, &c) < 0)
				return -1;
			if (sp->pos < sp->end && sp->delim != SPACED && sp->buf[sp->pos] == sp->delim) {
				sp->pos++;
				continue;
			}
			if (sp->pos >= sp->end || is_line_end(sp->buf[sp->pos]))
				break;
		}
		if (sp->pos < sp->end)
			pass_line_end(sp);
		int blank = 1;
		for (size_t i = 0; i < sp->count; i++) {
			trim(&sp->cells[i]);
			blank &= !sp->cells[i].len && !sp->cells[i].quoted;
		}
		if (blank)
			continue;
		for (size_t i = 0; sp->write && i < sp->count; i++) {
			sp->cells[i].after = sp->cells[i].s[sp->cells[i].len];
			sp->cells[i].s[sp->cells[i].len] = '\0';
		}
		return 1;
	}
}

/* ---- the delimiter ---- */

/* R writes numbers, logicals and NA bare, all else quoted. */
static int r_bare(const cell *c)
{
	static const char *const words[] = {"NA", "TRUE", "FALSE", "NaN", "Inf", "-Inf"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (c->len == strlen(words[i]) && !memcmp(c->s, words[i], c->len))
			return 1;
	for (size_t i = 0; i < c->len; i++)
		if (!strchr("0123456789.-+eE", c->s[i]))
			return 0;
	return c->len > 0;
}

/* R quotes every column's name; a header one short of the rows is
 * R's only so. */
static int all_quoted(const splitter *sp)
{
	for (size_t i = 0; i < sp->count; i++)
		if (!sp->cells[i].quoted)
			return 0;
	return 1;
}

typedef struct shape {
	size_t rows, cols, fitting; /* rows read; the commonest count; rows of it */
	size_t quoted_rows;         /* rows with a quoted cell */
	int first_quoted;           /* the first row's cells are all quoted */
	int spaced_ok;              /* SPACED: every bare cell is one R writes bare */
	int trouble;
} shape;

/* How rows split under delim in the sample buf[0..len). */
static int measure(char *buf, size_t len, int delim, shape *sh)
{
	size_t counts[SAMPLE_ROWS];
	splitter sp;
	splitter_init(&sp, buf, len, delim, 0);
	memset(sh, 0, sizeof *sh);
	sh->spaced_ok = 1;
	int r = 0;
	while (sh->rows < SAMPLE_ROWS && (r = next_row(&sp)) > 0) {
		int quoted = 0;
		if (!sh->rows)
			sh->first_quoted = all_quoted(&sp);
		for (size_t i = 0; i < sp.count; i++) {
			quoted |= sp.cells[i].quoted;
			if (!sp.cells[i].quoted && !r_bare(&sp.cells[i]))
				sh->spaced_ok = 0;
		}
		sh->quoted_rows += quoted;
		counts[sh->rows++] = sp.count;
	}
	free(sp.cells);
	if (r < 0)
		return -1;
	sh->trouble = sp.trouble;
	/* the count most rows have, the fewer cells of two as common (a
	 * cell of prose is more often cut by a comma than two are joined);
	 * the first row may be one short, all quoted: R names no row-names
	 * column */
	for (size_t i = 0; i < sh->rows; i++) {
		size_t n = 0;
		for (size_t k = 0; k < sh->rows; k++)
			n += counts[k] == counts[i] || (!k && sh->first_quoted && counts[k] + 1 == counts[i]);
		if (n > sh->fitting || (n == sh->fitting && counts[i] < sh->cols)) {
			sh->fitting = n;
			sh->cols = counts[i];
		}
	}
	return 0;
}

/* Does the sample split into a table under delim: at least two columns
 * in most rows?  strict: only as no prose splits, in nine rows of ten
 * and at least three, with quoted cells (between blanks, as R writes
 * them) or tabs. */
static int fits(const shape *sh, int delim, int strict)
{
	if (sh->cols < 2 || !sh->rows || sh->fitting * 2 < sh->rows ||
	    (strict && sh->fitting * 10 < sh->rows * 9))
		return 0;
	if (delim == SPACED)
		return sh->spaced_ok && !sh->trouble && sh->quoted_rows * 10 >= sh->rows * 9 &&
		       sh->rows >= (strict ? 3u : 1u);
	if (!strict)
		return 1;
	if (sh->rows < 3 || sh->trouble)
		return 0;
	return delim == '\t' || sh->quoted_rows * 2 >= sh->rows;
}

/* The delimiter the input's first rows split best under, or 0 when
 * none makes a table of them (strict as for fits), and their commonest
 * count of cells.  -1 on no memory. */
static int find_delimiter(char *buf, size_t len, int strict, int *delim, size_t *cols)
{
	if (len > SAMPLE_BYTES) {
		size_t cut = SAMPLE_BYTES;
		while (cut && !is_line_end(buf[cut - 1]))
			cut--;
		len = cut ? cut : SAMPLE_BYTES;
	}
	double best = 0;
	*delim = 0;
	for (size_t i = 0; i < DELIMITER_COUNT; i++) {
		shape sh;
		if (measure(buf, len, delimiters[i], &sh) < 0)
			return -1;
		double share = sh.rows ? (double)sh.fitting / (double)sh.rows : 0;
		if (fits(&sh, delimiters[i], strict) && share > best) {
			best = share;
			*delim = delimiters[i];
			*cols = sh.cols;
		}
	}
	return 0;
}

/* ---- what a column holds ---- */

enum role { ROLE_NONE, ROLE_ROW, ROLE_SPEAKER, ROLE_TEXT, ROLE_START, ROLE_END, ROLE_TIME };

/* Header names of the roles, normalised as header_key makes them: one
 * table for every language. */
static const struct {
	const char *key;
	enum role role;
} header_names[] = {
	{"speaker", ROLE_SPEAKER},    {"speakername", ROLE_SPEAKER}, {"name", ROLE_SPEAKER},
	{"character", ROLE_SPEAKER},  {"participant", ROLE_SPEAKER}, {"who", ROLE_SPEAKER},
	{"role", ROLE_SPEAKER},       {"person", ROLE_SPEAKER},      {"sprecher", ROLE_SPEAKER},
	{"redner", ROLE_SPEAKER},     {"locuteur", ROLE_SPEAKER},    {"personnage", ROLE_SPEAKER},
	{"intervenant", ROLE_SPEAKER}, {"hablante", ROLE_SPEAKER},   {"orador", ROLE_SPEAKER},
	{"personaje", ROLE_SPEAKER},  {"falante", ROLE_SPEAKER},     {"spreker", ROLE_SPEAKER},
	{"text", ROLE_TEXT},          {"dialogue", ROLE_TEXT},       {"dialog", ROLE_TEXT},
	{"transcript", ROLE_TEXT},    {"transcription", ROLE_TEXT},  {"utterance", ROLE_TEXT},
	{"content", ROLE_TEXT},       {"line", ROLE_TEXT},           {"speech", ROLE_TEXT},
	{"words", ROLE_TEXT},         {"sentence", ROLE_TEXT},       {"texte", ROLE_TEXT},
	{"texto", ROLE_TEXT},         {"fala", ROLE_TEXT},           {"tekst", ROLE_TEXT},
	{"testo", ROLE_TEXT},         {"start", ROLE_START},         {"begin", ROLE_START},
	{"starttime", ROLE_START},    {"from", ROLE_START},          {"in", ROLE_START},
	{"debut", ROLE_START},        {"inicio", ROLE_START},        {"beginn", ROLE_START},
	{"end", ROLE_END},            {"stop", ROLE_END},            {"endtime", ROLE_END},
	{"to", ROLE_END},             {"out", ROLE_END},             {"fin", ROLE_END},
	{"ende", ROLE_END},           {"fim", ROLE_END},             {"time", ROLE_TIME},
	{"timestamp", ROLE_TIME},     {"timecode", ROLE_TIME},       {"zeit", ROLE_TIME},
	{"temps", ROLE_TIME},         {"tiempo", ROLE_TIME},         {"tempo", ROLE_TIME},
	{"id", ROLE_ROW},             {"no", ROLE_ROW},              {"nr", ROLE_ROW},
	{"row", ROLE_ROW},            {"index", ROLE_ROW},           {"number", ROLE_ROW},
};

/* A header cell as a key: ASCII letters in lower case and digits, other
 * ASCII left out ("Start Time", "start_time"), other bytes as they are. */
static size_t header_key(const cell *c, char *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < c->len && n + 1 < max; i++) {
		unsigned char ch = (unsigned char)c->s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
			out[n++] = (char)ch;
	}
	out[n] = '\0';
	return n;
}

static enum role header_role(const cell *c)
{
	char key[COLUMN_NAME];
	if (c->len >= COLUMN_NAME || !header_key(c, key, sizeof key))
		return ROLE_NONE;
	for (size_t i = 0; i < sizeof header_names / sizeof *header_names; i++)
		if (!strcmp(header_names[i].key, key))
			return header_names[i].role;
	return ROLE_NONE;
}

typedef struct column {
	size_t filled, bytes, words;
	size_t ints, counting, clocks, numbers, names, lettered;
	long long first, last; /* the first and last whole numbers met */
	int last_set;
	table seen; /* hashes of the cells, entry its count; the speaker's test */
	size_t distinct, repeats;
	int overflow;
	enum role role;
	const char *name; /* for attributes: from the header, else column-N */
} column;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_digits(const cell *c)
{
	if (!c->len || c->len > 15)
		return 0;
	for (size_t i = 0; i < c->len; i++)
		if (!is_digit(c->s[i]))
			return 0;
	return 1;
}

/* A clock time filling the cell: "00:01:02,500", "1:02:03", "[00:05]",
 * "4:10" (the captions' and the transcript pass's grammars). */
static int clock_time(const cell *c, int64_t *ms)
{
	return (c->len && cues_time(c->s, c->len, 0, ms) == c->len) ||
	       (c->len && transcript_time(c->s, c->len,
	                                  TRANSCRIPT_TIME_BRACKETED | TRANSCRIPT_TIME_BARE, 1,
	                                  ms) == c->len);
}

/* Seconds with a fraction ("12.345"), or whole milliseconds ("12345"),
 * as speech recognisers write them; the header has said it is a time. */
static int number_time(const cell *c, int64_t *ms)
{
	size_t i = 0;
	int64_t whole = 0, frac = 0, unit = 1000;
	while (i < c->len && is_digit(c->s[i]) && whole < CUES_MAX_HOURS * 3600000)
		whole = whole * 10 + (c->s[i++] - '0');
	if (!i)
		return 0;
	if (i == c->len) {
		*ms = whole;
		return whole < CUES_MAX_HOURS * 3600000;
	}
	if (c->s[i++] != '.' || i == c->len || whole >= CUES_MAX_HOURS * 3600)
		return 0;
	for (; i < c->len && is_digit(c->s[i]); i++)
		frac += (c->s[i] - '0') * (unit /= 10);
	*ms = whole * 1000 + frac;
	return i == c->len;
}

static int cell_time(const cell *c, enum role role, int64_t *ms)
{
	return clock_time(c, ms) || (role >= ROLE_START && number_time(c, ms));
}

static size_t count_words(const cell *c)
{
	size_t words = 0;
	for (size_t i = 0; i < c->len; i++)
		words += !is_blank(c->s[i]) && !is_line_end(c->s[i]) &&
		         (!i || is_blank(c->s[i - 1]) || is_line_end(c->s[i - 1]));
	return words;
}

/* A person's name, as a speaker column holds them: short, a few words,
 * a letter first, no question or exclamation. */
static int name_like(const cell *c, size_t words)
{
	unsigned char first = c->len ? (unsigned char)c->s[0] : 0;
	return c->len && c->len <= NAME_BYTES && words <= NAME_WORDS &&
	       (first >= 0x80 || ((first | 0x20) >= 'a' && (first | 0x20) <= 'z')) &&
	       !memchr(c->s, '?', c->len) && !memchr(c->s, '!', c->len);
}

static int has_letter(const cell *c)
{
	for (size_t i = 0; i < c->len; i++) {
		unsigned char ch = (unsigned char)c->s[i];
		if (ch >= 0x80 || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

static int count_cell(column *col, const cell *c)
{
	int64_t ms;
	if (!c->len)
		return 0;
	size_t words = count_words(c);
	col->filled++;
	col->bytes += c->len;
	col->words += words;
	col->names += name_like(c, words);
	col->lettered += has_letter(c);
	col->clocks += clock_time(c, &ms);
	col->numbers += number_time(c, &ms);
	if (all_digits(c)) {
		long long v = 0;
		for (size_t i = 0; i < c->len; i++)
			v = v * 10 + (c->s[i] - '0');
		col->ints++;
		col->counting += col->last_set && v == col->last + 1;
		if (!col->last_set)
			col->first = v;
		col->last = v;
		col->last_set = 1;
	}
	if (col->overflow)
		return 0;
	uint64_t h = hash_bytes(c->s, c->len);
	if (table_reserve(&col->seen) < 0)
		return -1;
	table_slot *slot = table_find(&col->seen, h, NULL, NULL, NULL);
	if (slot->entry) {
		slot->entry++;
		col->repeats++;
	} else if (++col->distinct > DISTINCT_MAX) {
		col->overflow = 1;
	} else {
		table_fill(&col->seen, slot, h, 1);
	}
	return 0;
}

/* ---- the reader ---- */

typedef struct reader {
	steno_doc *doc;
	char *buf;
	size_t len;
	int delim;
	size_t cols;    /* the commonest count of cells */
	column *col;    /* cols of them */
	int header;     /* the first row names the columns */
	size_t shift;   /* 1: the header names no row-names column, as R's */
	size_t rows;    /* data rows */
	int turns;      /* a speaker column and a text column: rows are turns */
	size_t speaker, text, start, end, row; /* the columns of each role, the first named */
	size_t ragged;
	int ragged_line, ragged_col;
	size_t ragged_count;
} reader;

/* The statistics of every column over the rows after the first, which
 * stays in first (its cells' own copy) for the header's test. */
static int survey(reader *rd, cell **first, size_t *first_count)
{
	splitter sp;
	splitter_init(&sp, rd->buf, rd->len, rd->delim, 0);
	int r = next_row(&sp);
	if (r > 0) {
		*first = malloc(sp.count * sizeof **first);
		if (!*first)
			r = -1;
		else
			memcpy(*first, sp.cells, sp.count * sizeof **first);
		*first_count = sp.count;
	}
	while (r > 0 && (r = next_row(&sp)) > 0) {
		rd->rows++;
		for (size_t i = 0; i < sp.count && i < rd->cols; i++)
			if (count_cell(&rd->col[i], &sp.cells[i]) < 0)
				r = -1;
	}
	free(sp.cells);
	return r;
}

/* Is the first row a header: it names a role, is one short of the rows
 * (R's row names), or holds words over columns of numbers or times? */
static int is_header(reader *rd, const cell *first, size_t count)
{
	splitter row = {.cells = (cell *)first, .count = count};
	if (count + 1 == rd->cols && rd->rows && all_quoted(&row)) {
		rd->shift = 1;
		return 1;
	}
	int numeric = 0;
	for (size_t i = 0; i < count; i++) {
		int64_t ms;
		if (header_role(&first[i]) != ROLE_NONE)
			return 1;
		if (!first[i].len || number_time(&first[i], &ms) || clock_time(&first[i], &ms))
			return 0;
		if (i < rd->cols && rd->col[i].filled &&
		    (rd->col[i].numbers + rd->col[i].clocks) * 10 >= rd->col[i].filled * 9)
			numeric = 1;
	}
	return numeric;
}

/* Without a header the first row is data: into the statistics, met
 * last but counting up to the row after it. */
static int count_first(reader *rd, const cell *first, size_t count)
{
	rd->rows++;
	for (size_t i = 0; i < count && i < rd->cols; i++) {
		column *col = &rd->col[i];
		long long after = col->first;
		int set = col->last_set;
		if (count_cell(col, &first[i]) < 0)
			return -1;
		if (set && all_digits(&first[i]) && col->last + 1 == after)
			col->counting++;
	}
	return 0;
}

static size_t find_role(const reader *rd, enum role role)
{
	for (size_t i = 0; i < rd->cols; i++)
		if (rd->col[i].role == role)
			return i;
	return (size_t)-1;
}

static int mostly(size_t part, size_t whole)
{
	return whole && part * 10 >= whole * 9;
}

/* Roles the header did not give, from the cells: a row's number counts
 * up, times are times, the text is the longest, the speaker a few short
 * names that recur. */
static void learn_roles(reader *rd)
{
	for (size_t i = 0; i < rd->cols; i++) {
		column *c = &rd->col[i];
		if (c->role == ROLE_TIME)
			c->role = find_role(rd, ROLE_START) == (size_t)-1 ? ROLE_START : ROLE_END;
		if (c->role != ROLE_NONE || !c->filled)
			continue;
		if (c->ints == rd->rows && mostly(c->counting + 1, rd->rows) &&
		    find_role(rd, ROLE_ROW) == (size_t)-1)
			c->role = ROLE_ROW;
		else if (mostly(c->clocks, c->filled) && c->filled * 2 >= rd->rows)
			c->role = find_role(rd, ROLE_START) == (size_t)-1 ? ROLE_START
			          : find_role(rd, ROLE_END) == (size_t)-1 ? ROLE_END
			                                                  : ROLE_NONE;
	}
	int named_text = find_role(rd, ROLE_TEXT) != (size_t)-1;
	if (!named_text) {
		size_t best = (size_t)-1;
		for (size_t i = 0; i < rd->cols; i++) {
			column *c = &rd->col[i];
			if (c->role == ROLE_NONE && c->lettered * 2 > c->filled &&
			    (best == (size_t)-1 || c->bytes * rd->col[best].filled > rd->col[best].bytes * c->filled))
				best = i;
		}
		if (best != (size_t)-1)
			rd->col[best].role = ROLE_TEXT;
	}
	size_t text = find_role(rd, ROLE_TEXT);
	if (find_role(rd, ROLE_SPEAKER) == (size_t)-1 && text != (size_t)-1 &&
	    (named_text || rd->col[text].words >= DIALOGUE_WORDS * rd->col[text].filled)) {
		size_t best = (size_t)-1;
		for (size_t i = 0; i < rd->cols; i++) {
			column *c = &rd->col[i];
			if (c->role != ROLE_NONE || c->overflow || !c->repeats || c->distinct * 2 > c->filled ||
			    !mostly(c->names, c->filled) || c->filled * 5 < rd->rows * 4 ||
			    c->bytes * rd->col[text].filled >= rd->col[text].bytes * c->filled)
				continue;
			if (best == (size_t)-1 || c->repeats * rd->col[best].filled > rd->col[best].repeats * c->filled)
				best = i;
		}
		if (best != (size_t)-1)
			rd->col[best].role = ROLE_SPEAKER;
	}
	rd->speaker = find_role(rd, ROLE_SPEAKER);
	rd->text = text;
	rd->start = find_role(rd, ROLE_START);
	rd->end = find_role(rd, ROLE_END);
	rd->row = find_role(rd, ROLE_ROW);
	rd->turns = rd->speaker != (size_t)-1 && text != (size_t)-1;
}

/* An attribute name for column i: its header cell's key, else (no
 * header, or a key taken) column-N; names, those given so far. */
static int name_column(reader *rd, attr_list *names, size_t i, const cell *h)
{
	char key[COLUMN_NAME];
	if (!h || h->len >= COLUMN_NAME || !header_key(h, key, sizeof key) ||
	    !strcmp(key, "label") || attr_list_find(names, key))
		snprintf(key, sizeof key, "column-%zu", i + 1);
	if (attr_list_set(rd->doc, names, key, "") != STENO_OK)
		return -1;
	rd->col[i].name = attr_list_find(names, key)->name;
	return 0;
}

/* Every column's name, from the header row when there is one (h, of
 * count cells), unique: one cell is never another's attribute. */
static int name_columns(reader *rd, const cell *h, size_t count)
{
	attr *names = NULL;
	attr_list l;
	attr_list_open(&l, &names);
	int r = 0;
	for (size_t i = 0; i < rd->cols && r == 0; i++)
		r = name_column(rd, &l, i, i >= rd->shift && i - rd->shift < count ? &h[i - rd->shift] : NULL);
	attr_list_close(&l);
	return r;
}

/* The header's words stay, as metadata "columns"; its cells name the
 * columns' attributes. */
static int read_header(reader *rd, const splitter *sp)
{
	size_t len = 0;
	for (size_t i = 0; i < sp->count; i++)
		len += sp->cells[i].len + 2;
	char *all = arena_alloc(&rd->doc->arena, len + 1), *p = all;
	if (!all)
		return -1;
	for (size_t i = 0; i < sp->count; i++) {
		if (i) {
			memcpy(p, ", ", 2);
			p += 2;
		}
		memcpy(p, sp->cells[i].s, sp->cells[i].len);
		p += sp->cells[i].len;
	}
	*p = '\0';
	return steno_meta_set(rd->doc, "columns", all) == STENO_OK ? 0 : -1;
}

/* A text node over c's text in the input, which is NUL-terminated. */
static int add_text(reader *rd, steno_node *parent, char *s, size_t len)
{
	return node_add_text_in(rd->doc, parent, s, len) ? 0 : -1;
}

/* A cell's text into paragraphs of container, from *para on: its line
 * ends are soft breaks, a blank line starts a paragraph. */
static int add_lines(reader *rd, steno_node *container, steno_node **para, const cell *c)
{
	size_t i = 0;
	int blanks = 0;
	while (i < c->len) {
		size_t stop = i;
		while (stop < c->len && !is_line_end(c->s[stop]))
			stop++;
		size_t next = stop + (stop < c->len) +
		              (stop + 1 < c->len && c->s[stop] == '\r' && c->s[stop + 1] == '\n');
		size_t from = i, to = stop;
		while (from < to && is_blank(c->s[from]))
			from++;
		while (to > from && is_blank(c->s[to - 1]))
			to--;
		i = next;
		if (from == to) {
			blanks++;
			continue;
		}
		if (blanks && node_first((*para))) {
			steno_node *p = node_add(rd->doc, container, STENO_NODE_PARAGRAPH);
			if (!p)
				return -1;
			node_copy_pos(p, *para);
			*para = p;
		} else if (node_first((*para)) && node_last(*para)->type != STENO_NODE_EVENT &&
		           node_last(*para)->type != STENO_NODE_TIME &&
		           !node_add(rd->doc, *para, STENO_NODE_SOFT_BREAK)) {
			return -1;
		}
		blanks = 0;
		if (add_text(rd, *para, c->s + from, to - from) < 0)
			return -1;
	}
	return 0;
}

static steno_node *add_time(reader *rd, steno_node *para, const cell *c, int64_t ms)
{
	steno_node *t = node_add(rd->doc, para, STENO_NODE_TIME);
	if (!t)
		return NULL;
	node_set_literal(t, c->s, c->len);
	t->as.turn.start = ms;
	steno_node_set_sourcepos(t, c->line, c->col, c->line, c->col);
	return t;
}

/* The row's speaker, by the transcript pass's ids ("Mr. Roe" and "ROE"
 * are one); the cell as written is the turn's label where it is not
 * the speaker's name. */
static int add_speaker(reader *rd, steno_node *turn, attr_list *attrs, const cell *c)
{
	char id[TRANSCRIPT_ID_MAX];
	transcript_label lab;
	if (!c->len)
		return 0;
	memset(&lab, 0, sizeof lab);
	lab.name = c->s;
	lab.name_len = c->len;
	transcript_speaker_id(&lab, id);
	size_t i = steno_speaker_find(rd->doc, id);
	if (i == (size_t)-1) {
		if (steno_speaker_set(rd->doc, id, c->s, NULL) != STENO_OK)
			return -1;
		i = steno_speaker_find(rd->doc, id);
	}
	if (steno_node_add_speaker(turn, steno_speaker_id(rd->doc, i)) != STENO_OK)
		return -1;
	if (strcmp(steno_speaker_name(rd->doc, i), c->s) &&
	    attr_list_set(rd->doc, attrs, "label", c->s) != STENO_OK)
		return -1;
	return 0;
}

/* Cells of no role a row keeps: attributes of its turn (or, without a
 * text column, its text). */
static int add_other(reader *rd, attr_list *attrs, steno_node *container, steno_node **para,
                     size_t i, const cell *c)
{
	if (!c->len)
		return 0;
	if (rd->text == (size_t)-1)
		return add_lines(rd, container, para, c);
	if (i >= rd->cols) {
		char name[32];
		snprintf(name, sizeof name, "column-%zu", i + 1);
		return attr_list_set(rd->doc, attrs, name, c->s) == STENO_OK ? 0 : -1;
	}
	return attr_list_set(rd->doc, attrs, rd->col[i].name, c->s) == STENO_OK ? 0 : -1;
}

static void note_ragged(reader *rd, const splitter *sp)
{
	size_t want = rd->cols;
	if (sp->count == want)
		return;
	if (!rd->ragged++) {
		rd->ragged_line = sp->cells[0].line;
		rd->ragged_col = sp->cells[0].col;
		rd->ragged_count = sp->count;
	}
}

/* One data row: a turn, or a paragraph in the document. */
static int read_row(reader *rd, const splitter *sp)
{
	steno_node *root = steno_doc_root(rd->doc), *container = root, *holder;
	const cell *first = &sp->cells[0], *last = &sp->cells[sp->count - 1];
	if (rd->turns) {
		container = node_add(rd->doc, root, STENO_NODE_TURN);
		if (!container)
			return -1;
		steno_node_set_sourcepos(container, first->line, first->col, last->line,
		                         clamp_int((size_t)last->col + last->len));
	}
	steno_node *para = node_add(rd->doc, container, STENO_NODE_PARAGRAPH);
	if (!para)
		return -1;
	steno_node_set_sourcepos(para, first->line, first->col, last->line,
	                         clamp_int((size_t)last->col + last->len));
	holder = rd->turns ? container : para;
	attr_list attrs;
	attr **own = node_attr_list(holder);
	if (!own)
		return -1;
	attr_list_open(&attrs, own);
	int r = 0;
	int64_t start = STENO_TIME_NONE, end = STENO_TIME_NONE;
	const cell *end_cell = NULL;
	for (size_t i = 0; i < sp->count && r == 0; i++) {
		const cell *c = &sp->cells[i];
		int64_t ms;
		if (i == rd->row && c->len) {
			steno_node *a = node_add(rd->doc, para, STENO_NODE_EVENT);
			if (!a) {
				r = -1;
				break;
			}
			a->as.kind = "row";
			r = node_set_attr_kept(a, "n", c->s) == STENO_OK ? 0 : -1;
		} else if (i == rd->start && cell_time(c, ROLE_START, &ms)) {
			start = ms;
			r = add_time(rd, para, c, ms) ? 0 : -1;
		} else if (i == rd->end && cell_time(c, ROLE_END, &ms)) {
			end = ms;
			end_cell = c;
		} else if (i == rd->speaker && rd->turns) {
			r = add_speaker(rd, container, &attrs, c);
		} else if (i == rd->text) {
			r = add_lines(rd, container, &para, c);
		} else {
			r = add_other(rd, &attrs, container, &para, i, c);
		}
	}
	attr_list_close(&attrs);
	/* the end as written closes the row's speech: a time of its own */
	if (r < 0 || (end_cell && !add_time(rd, para, end_cell, end)))
		return -1;
	if (!node_first(para) && !node_has_attrs(para)) {
		steno_node_unlink(para);
		node_discard(para);
	}
	if (rd->turns)
		steno_node_set_times(container, start, end);
	return 0;
}

/* A row of more cells than columns whose text is the last column and
 * unquoted: its commas were the speech's, as a hand-made CSV writes
 * them; the cells after the text join it again, as written. */
static void join_tail(reader *rd, splitter *sp)
{
	if (sp->count <= rd->cols || rd->text != rd->cols - 1)
		return;
	for (size_t i = rd->text; i < sp->count; i++)
		if (sp->cells[i].quoted)
			return;
	for (size_t i = rd->text; i + 1 < sp->count; i++)
		sp->cells[i].s[sp->cells[i].len] = sp->cells[i].after;
	cell *last = &sp->cells[sp->count - 1];
	sp->cells[rd->text].len = (size_t)(last->s + last->len - sp->cells[rd->text].s);
	sp->count = rd->cols;
}

static int build(reader *rd, int *unclosed_line, int *unclosed_col)
{
	splitter sp;
	splitter_init(&sp, rd->buf, rd->len, rd->delim, 1);
	int r = next_row(&sp);
	if (r >= 0 && name_columns(rd, rd->header ? sp.cells : NULL, rd->header ? sp.count : 0) < 0)
		r = -1;
	if (r > 0 && rd->header)
		r = read_header(rd, &sp) < 0 ? -1 : next_row(&sp);
	for (; r > 0; r = next_row(&sp)) {
		note_ragged(rd, &sp);
		join_tail(rd, &sp);
		if (read_row(rd, &sp) < 0)
			r = -1;
	}
	*unclosed_line = sp.quotes_off ? sp.open_line : 0;
	*unclosed_col = sp.open_col;
	free(sp.cells);
	return r;
}

/* The columns' roles, learned over every row (the splitter only reads:
 * rd->buf may be the caller's input).  strict: as table_sniff asks. */
static int learn(reader *rd, int strict)
{
	cell *first = NULL;
	size_t first_count = 0;
	rd->cols = 1;
	if (find_delimiter(rd->buf, rd->len, strict, &rd->delim, &rd->cols) < 0)
		return -1;
	if (rd->cols > COLUMNS_MAX)
		rd->cols = COLUMNS_MAX;
	if (!rd->delim && strict)
		return 0;
	if (!rd->delim) {
		/* no delimiter splits most rows alike: RFC 4180's comma */
		shape sh;
		rd->delim = ',';
		if (measure(rd->buf, rd->len, ',', &sh) < 0)
			return -1;
		rd->cols = !sh.cols ? 1 : sh.cols > COLUMNS_MAX ? COLUMNS_MAX : sh.cols;
	}
	rd->col = calloc(rd->cols, sizeof *rd->col);
	int r = rd->col ? survey(rd, &first, &first_count) : -1;
	if (r >= 0 && first) {
		rd->header = is_header(rd, first, first_count);
		if (!rd->header)
			r = count_first(rd, first, first_count);
		for (size_t i = 0; rd->header && i < first_count && i + rd->shift < rd->cols; i++)
			rd->col[i + rd->shift].role = header_role(&first[i]);
		if (rd->shift)
			rd->col[0].role = ROLE_ROW;
	}
	free(first);
	if (r >= 0)
		learn_roles(rd);
	for (size_t i = 0; rd->col && i < rd->cols; i++)
		table_free(&rd->col[i].seen);
	return r < 0 ? -1 : 0;
}

/* Plain text is a table's only when it splits as no prose does
 * (find_delimiter's strict test) and its columns make turns: a chat log of times and
 * lines that name their sender is better read as text, whose passes
 * find the senders. */
static int table_sniff(const char *data, size_t len)
{
	/* learning only reads: the cast writes nothing */
	reader rd = {.buf = (char *)data, .len = len};
	int turns = learn(&rd, 1) == 0 && rd.delim && rd.turns;
	free(rd.col);
	return turns;
}

static int read_table(reader *rd, int *unclosed_line, int *unclosed_col)
{
	return learn(rd, 0) < 0 ? -1 : build(rd, unclosed_line, unclosed_col);
}

static steno_status table_read(steno_doc *doc, const char *data, size_t len,
                               const steno_options *opts, steno_error *err)
{
	steno_error local;
	if (!err)
		err = &local;
	size_t n;
	char *buf = doc_input_text(doc, data, len, opts ? opts->encoding : NULL, &n, err);
	if (!buf)
		return err->code;
	reader rd = {.doc = doc, .buf = buf, .len = n};
	int unclosed_line = 0, unclosed_col = 0;
	int r = read_table(&rd, &unclosed_line, &unclosed_col);
	free(rd.col);
	if (r < 0)
		return error_nomem(err);
	if (unclosed_line)
		doc_warn(doc, "%d:%d: a quote opens a field that no quote closes: it and what "
		         "follows are read as unquoted fields", unclosed_line, unclosed_col);
	if (rd.ragged)
		doc_warn(doc, "%d:%d: %zu row(s) do not have the table's %zu fields (this one has %zu); "
		         "their cells are kept", rd.ragged_line, rd.ragged_col, rd.ragged, rd.cols,
		         rd.ragged_count);
	return STENO_OK;
}

const format table_format = {
	.name = "table",
	.aliases = "csv tsv",
	.extensions = ".csv .tsv",
	.media_type = "text/csv",
	.description = "transcript as a table: CSV, TSV, R's write.table",
	.read = table_read,
	.sniff = table_sniff,
};
