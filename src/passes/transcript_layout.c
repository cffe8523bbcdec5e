/* transcript_layout.c - a court reporter's pages into text the label
 * survey can read.  Hearing and deposition transcripts number every
 * line of a page 1 to 25 in a margin, repeat a header and a footer on
 * each page, print the page's number, and wrap every sentence at the
 * margin; a PDF's text export adds a blank line between lines and form
 * feeds between pages.  Labels then stand behind a number, and every
 * speech is split where its page ends.
 *
 * Nothing here knows a reporting firm: the numbering is learnt as a
 * column of numbers that counts up and starts again on each page, the
 * furniture as the lines between pages that come back on most pages
 * (digits aside), and the text's own left edge as the gap most lines
 * leave after their number.  A document that does not show all three
 * is left as it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/grow.h"
#include "core/hash.h"
#include "passes/transcript.h"

/* So many numbered lines, and half of all, before a document counts as
 * numbered pages: a few numbered lines are a list or a poem. */
#define LAYOUT_MIN_LINES 10
/* Lines read before a document with hardly a numbered line is given up
 * on, so the pass costs nothing on prose. */
#define LAYOUT_PROBE     1000
/* A page starts again only after so many lines of the page before. */
#define PAGE_MIN_LINES   8
/* A margin number may skip so many (lines a PDF export lost). */
#define NUMBER_SKIP_MAX  3
/* Blanks past the text's left edge that open a paragraph or a label. */
#define INDENT_SLACK     2
/* Labels in the margin that make one numbered page a transcript. */
#define LABELS_MIN       2
#define LABEL_NAMES      8 /* names remembered to see one again */
#define GAP_MAX          64 /* blanks after a margin number worth counting */
/* The text's edge is the smallest gap of one numbered line in so many. */
#define EDGE_SHARE       10

enum line_kind {
	LINE_TEXT,      /* text that stays text, its margin number gone if it had one */
	LINE_EMPTY,     /* only a margin number, or only a form feed: no text */
	LINE_FURNITURE, /* a page's header, footer or number */
	LINE_HEADING,   /* a heading's line: its margin goes, the heading stays */
};

typedef struct layout_line {
	steno_node *first;      /* the line's first node */
	steno_node *block;      /* the paragraph or heading holding it */
	steno_node *block_prev; /* the block before that, as the reader left it */
	size_t feed;            /* bytes of form feeds and blanks opening it */
	size_t margin;          /* bytes of a margin number and the blanks after it */
	size_t len;             /* bytes of the line's text node */
	int plain;              /* the line is one text node: only such lines are numbered */
	int number;             /* its margin number once the sequence accepts it, else 0 */
	int gap;                /* blanks between the number and the text */
	int kind;               /* an enum line_kind */
	int page;               /* 1-based, of a numbered line; 0 before the first */
	int page_start;         /* the first numbered line of its page */
	int between;            /* of a line between pages: the gap's index (pages before it), else -1 */
	long printed;           /* the first number in a furniture line, else -1 */
	uint64_t key;           /* of a line between pages: its text, digits and blanks folded */
} layout_line;

typedef struct layout {
	steno_doc *doc;
	layout_line *lines;
	size_t count, cap;
	size_t numbered;   /* lines the margin sequence accepts */
	size_t text_lines; /* lines with any text */
	int pages, labels;
	int edge;          /* the gap after the number of most lines: the text's left edge */
	long *page_no;     /* pages + 1: the printed number of each page */
} layout;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- reading the lines ---- */

/* Form feeds and blanks at s's start: the page's edge, not its text. */
static size_t feed_len(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == '\f' || transcript_is_blank(s[i])))
		i++;
	return i;
}

static int add_line(layout *ly, steno_node *first, steno_node *block)
{
	if (ly->count == ly->cap &&
	    !(ly->lines = grow_array(ly->lines, &ly->cap, ly->count + 1, sizeof *ly->lines)))
		return -1;
	layout_line *ln = &ly->lines[ly->count++];
	*ln = (layout_line){.first = first, .block = block, .block_prev = node_prev(block),
	                    .kind = block->type == STENO_NODE_HEADING ? LINE_HEADING : LINE_TEXT,
	                    .between = -1, .printed = -1};
	ln->plain = first->type == STENO_NODE_TEXT && (!node_next(first) || transcript_is_break(node_next(first)));
	if (!ln->plain)
		return 0;
	const char *s = node_literal(first);
	size_t len = node_len(first), feed = feed_len(s, len), margin = transcript_margin(s + feed, len - feed);
	ln->len = len;
	ln->feed = feed;
	if (margin) {
		size_t digits = is_digit(s[feed + 1]) ? 2 : 1, gap = margin - digits;
		ln->number = s[feed] - '0';
		if (digits == 2)
			ln->number = ln->number * 10 + s[feed + 1] - '0';
		ln->gap = gap > GAP_MAX ? GAP_MAX : (int)gap;
		ln->margin = margin;
	}
	return 0;
}

/* Where the line's text starts: after its form feeds, and after its
 * margin number once the sequence took it for one. */
static size_t text_from(const layout_line *ln)
{
	return ln->feed + (ln->number ? ln->margin : 0);
}

/* Has the line text besides its page edge and margin? */
static int has_text(const layout_line *ln)
{
	return !ln->plain || ln->feed + ln->margin < ln->len;
}

/* The lines of the paragraphs and headings in the containers, until
 * LAYOUT_PROBE lines show hardly a margin number: 1 when read through,
 * 0 when given up, -1 on no memory. */
static int read_lines(layout *ly, steno_node **list, size_t count)
{
	size_t margins = 0;
	for (size_t i = 0; i < count; i++)
		for (steno_node *b = node_first(list[i]); b; b = node_next(b)) {
			if (b->type != STENO_NODE_PARAGRAPH && b->type != STENO_NODE_HEADING)
				continue;
			int start = 1;
			for (steno_node *n = node_first(b); n; n = node_next(n)) {
				if (start && !transcript_is_break(n)) {
					if (add_line(ly, n, b) < 0)
						return -1;
					margins += ly->lines[ly->count - 1].number != 0;
					if (ly->count == LAYOUT_PROBE && margins * 4 < ly->count)
						return 0;
				}
				start = transcript_is_break(n);
			}
		}
	return 1;
}

/* ---- the numbering ---- */

/* A margin number counts up from 1, by one, or skips a few lines a
 * PDF lost; a number alone on its line must be the next one (else it is
 * a page's number); the count starts again at 1 or 2 on a new page.
 * Numbers out of step stay text. */
static void follow_numbers(layout *ly)
{
	int expect = 1;
	for (size_t i = 0; i < ly->count; i++) {
		layout_line *ln = &ly->lines[i];
		int m = ln->number, text = has_text(ln);
		ly->text_lines += text;
		if (!m)
			continue;
		if (m == expect || (text && m > expect && m <= expect + NUMBER_SKIP_MAX)) {
			ln->page_start = !ly->pages;
		} else if (text && m <= 2 && expect > PAGE_MIN_LINES) {
			ln->page_start = 1;
		} else {
			ln->number = 0;
			continue;
		}
		ly->pages += ln->page_start;
		ln->page = ly->pages;
		expect = m + 1;
		ly->numbered++;
	}
}

/* The smallest gap after the number that many numbered lines leave:
 * where the page's text starts.  Labels and new paragraphs stand
 * further in, and may well be most of the lines. */
static int learn_edge(const layout *ly)
{
	size_t seen[GAP_MAX + 1] = {0}, lines = 0;
	for (size_t i = 0; i < ly->count; i++) {
		const layout_line *ln = &ly->lines[i];
		if (ln->number && has_text(ln)) {
			seen[ln->gap]++;
			lines++;
		}
	}
	size_t many = lines / EDGE_SHARE > 2 ? lines / EDGE_SHARE : 2;
	for (int gap = 0; gap <= GAP_MAX; gap++)
		if (seen[gap] >= many)
			return gap;
	return GAP_MAX;
}

/* Labels after the margin ("MR. GRANT:", "Q.  Did you"), which only
 * a transcript puts there, in capitals or naming one speaker again: a
 * poem with numbered lines has none. */
static int margin_labels(const layout *ly)
{
	int labels = 0, names = 0;
	const char *name[LABEL_NAMES];
	size_t name_len[LABEL_NAMES];
	for (size_t i = 0; i < ly->count && labels < LABELS_MIN; i++) {
		const layout_line *ln = &ly->lines[i];
		transcript_label lab;
		transcript_name judged;
		size_t from = text_from(ln);
		if (!ln->number || !has_text(ln) ||
		    !transcript_label_in_text(node_literal(ln->first) + from, ln->len - from, &lab))
			continue;
		transcript_name_judge(lab.name, lab.name_len, &judged);
		if (!transcript_label_judged(&lab, &judged))
			continue;
		int again = 0;
		for (int k = 0; k < names && !again; k++)
			again = name_len[k] == lab.name_len && !memcmp(name[k], lab.name, lab.name_len);
		if (!again && names < LABEL_NAMES) {
			name[names] = lab.name;
			name_len[names++] = lab.name_len;
		}
		labels += lab.strong || again;
	}
	return labels;
}

/* ---- furniture ---- */

/* Which gap between pages each line stands in: the lines after a
 * page's last numbered line and before the next page's first; those
 * before the first page are gap 0, after the last, gap pages.  Lines
 * between two numbered lines of one page are the page's text. */
static size_t mark_gaps(layout *ly)
{
	size_t from = 0, marked = 0;
	int gap = 0;
	for (size_t i = 0; i < ly->count; i++) {
		layout_line *ln = &ly->lines[i];
		if (!ln->number)
			continue;
		if (ln->page_start) {
			for (size_t k = from; k < i; k++, marked++)
				ly->lines[k].between = gap;
			gap = ln->page;
		}
		from = i + 1;
	}
	for (size_t k = from; k < ly->count; k++, marked++)
		ly->lines[k].between = gap;
	return marked;
}

/* The line's text with every run of digits as one '#' and of blanks as
 * one space, hashed: "Page 4 of 40" and "Page 5 of 40" are one line.
 * The first number, if any, goes to *printed. */
static uint64_t furniture_key(const char *s, size_t len, long *printed)
{
	uint64_t h = HASH_SEED;
	char last = ' ';
	*printed = -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (is_digit(c)) {
			long v = 0;
			size_t at = i;
			while (i < len && is_digit(s[i])) {
				if (i - at < 6)
					v = v * 10 + (s[i] - '0');
				i++;
			}
			i--;
			if (*printed < 0)
				*printed = v;
			c = '#';
		} else if (c == '\f' || transcript_is_blank(c)) {
			c = ' ';
		}
		if (c == ' ' && last == ' ')
			continue;
		h = hash_byte(h, (unsigned char)c);
		last = c;
	}
	return h;
}

typedef struct key_count {
	uint64_t key;
	int gaps;     /* gaps it stands in */
	int last_gap; /* the last of them, so a gap counts once */
	long number;  /* its first number the first time */
	int varies;   /* the number changes from page to page: it is the page's */
	int used;
} key_count;

/* A line between pages, of text: a running header the reader took for
 * a title is one too. */
static int furniture_candidate(const layout_line *ln)
{
	return ln->between >= 0 && (ln->kind == LINE_TEXT || ln->kind == LINE_HEADING) &&
	       ln->plain && ln->feed < ln->len;
}

static key_count *key_slot(key_count *table, size_t cap, uint64_t key)
{
	size_t i = (size_t)key & (cap - 1);
	while (table[i].used && table[i].key != key)
		i = (i + 1) & (cap - 1);
	return &table[i];
}

/* A line between pages whose text, digits aside, stands between most
 * pages is furniture; the rest stays text.  -1 on no memory. */
static int find_furniture(layout *ly, size_t between)
{
	size_t cap = 16;
	while (cap < 2 * between)
		cap *= 2;
	key_count *table = calloc(cap, sizeof *table);
	if (!table)
		return -1;
	for (size_t i = 0; i < ly->count; i++) {
		layout_line *ln = &ly->lines[i];
		if (!furniture_candidate(ln))
			continue;
		ln->key = furniture_key(node_literal(ln->first) + ln->feed, ln->len - ln->feed, &ln->printed);
		key_count *k = key_slot(table, cap, ln->key);
		if (!k->used)
			*k = (key_count){.key = ln->key, .used = 1, .last_gap = -1, .number = ln->printed};
		k->varies |= ln->printed != k->number;
		if (k->last_gap != ln->between) {
			k->gaps++;
			k->last_gap = ln->between;
		}
	}
	for (size_t i = 0; i < ly->count; i++) {
		layout_line *ln = &ly->lines[i];
		if (!furniture_candidate(ln))
			continue;
		const key_count *k = key_slot(table, cap, ln->key);
		if (k->gaps >= 2 && 2 * k->gaps >= ly->pages)
			ln->kind = LINE_FURNITURE;
		if (ln->kind != LINE_FURNITURE || !k->varies)
			ln->printed = -1;
	}
	free(table);
	return 0;
}

/* ---- page numbers ---- */

/* Does the number printed in gap g belong to the page after it (a
 * header) or the one before (a footer)?  Each gap votes by where its
 * number stands: in one block with the next page's first line, or last
 * in the gap, says header; with the last page's, or first, footer. */
static int numbers_on_top(const layout *ly)
{
	int votes = 0;
	size_t end = 0; /* where the gap of the line at hand ends */
	const layout_line *prev = NULL; /* the last numbered line so far */
	for (size_t i = 0; i < ly->count; i++) {
		const layout_line *ln = &ly->lines[i];
		if (ln->number)
			prev = ln;
		if (ln->printed < 0)
			continue;
		if (end <= i)
			for (end = i + 1; end < ly->count && ly->lines[end].between == ln->between; end++)
				;
		const layout_line *next = end < ly->count ? &ly->lines[end] : NULL;
		int first = i == 0 || ly->lines[i - 1].between != ln->between, last = end == i + 1;
		votes += (next && next->block == ln->block) || !prev || (last && !first);
		votes -= (prev && prev->block == ln->block) || !next || (first && !last);
	}
	return votes > 0;
}

/* Each page's number: the one printed for it, else one more than the
 * page before's.  -1 on no memory. */
static int number_pages(layout *ly)
{
	if (!(ly->page_no = malloc(((size_t)ly->pages + 2) * sizeof *ly->page_no)))
		return -1;
	for (int p = 0; p <= ly->pages + 1; p++)
		ly->page_no[p] = -1;
	int top = numbers_on_top(ly);
	for (size_t i = 0; i < ly->count; i++) {
		const layout_line *ln = &ly->lines[i];
		int page = top ? ln->between + 1 : ln->between;
		if (ln->printed >= 0 && page >= 1 && page <= ly->pages && ly->page_no[page] < 0)
			ly->page_no[page] = ln->printed;
	}
	for (int p = 1; p <= ly->pages; p++)
		if (ly->page_no[p] < 0)
			ly->page_no[p] = p > 1 ? ly->page_no[p - 1] + 1 : 1;
	return 0;
}

/* ---- rebuilding ---- */

typedef struct builder {
	layout *ly;
	steno_node *para;  /* the paragraph lines are joined into, or NULL */
	int wrapping;      /* para's lines so far are a label wrapped at the margin */
	steno_node *note;  /* the furniture note's paragraph open, or NULL */
	steno_node *page;  /* a page break waiting for the page's first text */
	const layout_line *prev;
	long added;        /* paragraphs made less paragraphs emptied */
} builder;

/* An anchor: an empty event of kind (a static string) with n, as the
 * TEI reader makes of <pb n="">. */
static steno_node *anchor(steno_doc *doc, const char *kind, long n)
{
	char num[24];
	steno_node *a = node_add(doc, NULL, STENO_NODE_EVENT);
	if (!a)
		return NULL;
	a->as.kind = kind;
	snprintf(num, sizeof num, "%ld", n);
	return steno_node_set_attr(a, "n", num) == STENO_OK ? a : NULL;
}

static void span_end(steno_node *block, const steno_node *from)
{
	node_pos *to = node_pos_of(block), *src = node_pos_of(from);
	if (to && src) {
		to->end_line = src->end_line;
		to->end_col = src->end_col;
	}
}

/* A new block of type before the line's block (the paragraph it came
 * from goes once emptied, so the order of the text stays). */
static steno_node *new_block(builder *b, steno_node_type type, const layout_line *ln)
{
	steno_node *n = node_add(b->ly->doc, NULL, type);
	if (!n)
		return NULL;
	node_copy_pos(n, ln->block);
	steno_node_insert_before(ln->block, n);
	return n;
}

/* Move the line's nodes, its text from from on, to the end of to; the
 * line break after it goes. */
static void move_line(const layout_line *ln, size_t from, steno_node *to)
{
	if (from)
		transcript_text_keep(ln->first, from, ln->len);
	steno_node *n = ln->first, *next;
	for (; n && !transcript_is_break(n); n = next) {
		next = node_next(n);
		steno_node_unlink(n);
		node_append(to, n);
	}
	if (n) {
		steno_node_unlink(n);
		node_discard(n);
	}
	span_end(to, ln->block);
}

static void drop_line(const layout_line *ln)
{
	steno_node *n = ln->first, *next;
	for (int text = 1; n && text; n = next) {
		next = node_next(n);
		text = !transcript_is_break(n);
		steno_node_unlink(n);
		node_discard(n);
	}
}

/* Furniture lines in a row make one note. */
static int add_furniture(builder *b, const layout_line *ln)
{
	b->para = NULL;
	if (!b->note || !b->prev || b->prev->kind != LINE_FURNITURE) {
		steno_node *note = new_block(b, STENO_NODE_NOTE, ln);
		if (!note || !(b->note = node_add(b->ly->doc, note, STENO_NODE_PARAGRAPH)))
			return -1;
		note->as.kind = "furniture";
		node_copy_pos(b->note, ln->block);
	} else if (!node_add(b->ly->doc, b->note, STENO_NODE_SOFT_BREAK))
		return -1;
	span_end(node_parent(b->note), ln->block);
	move_line(ln, ln->feed, b->note);
	return 0;
}

/* Does the line open a paragraph of its own?  A numbered line set in
 * from the text's edge (a label, a new paragraph) does; so does any
 * line after a block the lines did not come from. */
static int opens_paragraph(const builder *b, const layout_line *ln)
{
	const layout_line *p = b->prev;
	if (!b->para || !p || p->kind != LINE_TEXT)
		return 1;
	if (ln->number && ln->gap > b->ly->edge + INDENT_SLACK)
		return 1;
	if (ln->block == p->block)
		return 0;
	/* blank lines between numbered lines are the export's, not the text's */
	return !ln->number || ln->block_prev != p->block;
}

/* The page break and the line's number before the line's text in to. */
static int anchors(builder *b, const layout_line *ln, steno_node *to, steno_node *before)
{
	steno_node *line = ln->number ? anchor(b->ly->doc, "line", ln->number) : NULL;
	if (ln->number && !line)
		return -1;
	steno_node *put[2] = {b->page, line};
	for (int k = 0; k < 2; k++) {
		if (!put[k])
			continue;
		if (before)
			steno_node_insert_before(before, put[k]);
		else
			node_append(to, put[k]);
	}
	b->page = NULL;
	return 0;
}

/* A heading's margin goes, and from the title the reader took from it. */
static int untitle(steno_doc *doc, const layout_line *ln)
{
	const char *title = steno_meta_get(doc, "title"), *s = node_literal(ln->first);
	size_t from = text_from(ln);
	int titled = title && strlen(title) == ln->len && !memcmp(title, s, ln->len);
	transcript_text_keep(ln->first, from, ln->len);
	return titled && steno_meta_set(doc, "title", s + from) != STENO_OK ? -1 : 0;
}

/* Bytes a label wrapped at the margin holds before its colon. */
#define WRAPPED_LABEL_MAX 160

/* Capitals and no lower case in s[0..len): 1 when the colon that ends a
 * label comes (*colon set), 1 for a line of a label still to go on
 * ("SENATOR TIM KENNEDY, CHAIR, SENATE" over "STANDING COMMITTEE ON
 * TRANSPORTATION:  Well,"), 0 for anything else. */
static int label_line(const char *s, size_t len, int *colon)
{
	size_t upper = 0, i;
	*colon = 0;
	for (i = 0; i < len && i < WRAPPED_LABEL_MAX; i++) {
		if (s[i] == ':') {
			*colon = 1;
			return upper >= 2;
		}
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	while (len && transcript_is_blank(s[len - 1]))
		len--;
	return i == len && upper >= 2 && !strchr(".?!;)", s[len - 1]);
}

/* Does the line, set in as a label is, open one wrapped over the lines
 * after it and ended by a colon within WRAPPED_LABEL_MAX bytes?  A
 * heading in capitals over its text is none, and keeps its lines. */
static int opens_wrapped_label(const layout *ly, const layout_line *ln)
{
	int colon, lines = 0;
	size_t from = text_from(ln), total = ln->len - from;
	if (!ln->plain || ln->gap <= ly->edge + INDENT_SLACK ||
	    !label_line(node_literal(ln->first) + from, ln->len - from, &colon) || colon)
		return 0;
	for (const layout_line *next = ln + 1; next < ly->lines + ly->count && lines < 3; next++) {
		if (next->kind == LINE_EMPTY)
			continue;
		from = text_from(next);
		if (next->kind != LINE_TEXT || !next->plain ||
		    next->gap > ly->edge + INDENT_SLACK ||
		    !label_line(node_literal(next->first) + from, next->len - from, &colon))
			return 0;
		const char *s = node_literal(next->first) + from;
		total += 1 + (colon ? (size_t)((const char *)memchr(s, ':', next->len - from) - s)
		                    : next->len - from);
		if (total > WRAPPED_LABEL_MAX)
			return 0;
		if (colon)
			return 1;
		lines++;
	}
	return 0;
}

/* Join the line to the label its paragraph's lines began: one line of
 * text, the line's number before it, so that the survey reads the
 * label whole.  0 when the line is no part of one, -1 on no memory. */
static int join_label(builder *b, const layout_line *ln)
{
	steno_node *prev = node_last(b->para);
	size_t from = text_from(ln);
	const char *s = node_literal(ln->first) + from;
	size_t len = ln->len - from;
	int colon;
	if (!b->wrapping || !ln->plain || !prev || prev->type != STENO_NODE_TEXT ||
	    !label_line(s, len, &colon))
		return b->wrapping = 0;
	char *joined = arena_alloc(&b->ly->doc->arena, node_len(prev) + 1 + len);
	if (!joined || anchors(b, ln, b->para, prev) < 0)
		return -1;
	memcpy(joined, node_literal(prev), node_len(prev));
	joined[node_len(prev)] = ' ';
	memcpy(joined + node_len(prev) + 1, s, len);
	node_set_literal(prev, joined, node_len(prev) + 1 + len);
	drop_line(ln);
	span_end(b->para, ln->block);
	b->wrapping = !colon;
	return 1;
}

static int add_text(builder *b, const layout_line *ln)
{
	int joined;
	b->note = NULL;
	if (ln->kind == LINE_HEADING) {
		b->para = NULL;
		if (ln->plain && text_from(ln) && untitle(b->ly->doc, ln) < 0)
			return -1;
		return anchors(b, ln, ln->block, ln->first);
	}
	if (opens_paragraph(b, ln)) {
		if (!(b->para = new_block(b, STENO_NODE_PARAGRAPH, ln)))
			return -1;
		b->added++;
		b->wrapping = opens_wrapped_label(b->ly, ln);
	} else if ((joined = join_label(b, ln)) != 0) {
		return joined < 0 ? -1 : 0;
	} else if (!node_add(b->ly->doc, b->para, STENO_NODE_SOFT_BREAK)) {
		return -1;
	}
	/* the anchors go after the soft break and before the text */
	if (anchors(b, ln, b->para, NULL) < 0)
		return -1;
	move_line(ln, ln->plain ? text_from(ln) : 0, b->para);
	return 0;
}

static int rebuild_line(builder *b, const layout_line *ln)
{
	int r = 0;
	if (ln->page_start && !(b->page = anchor(b->ly->doc, "pagebreak", b->ly->page_no[ln->page])))
		return -1;
	if (ln->kind == LINE_FURNITURE) {
		r = add_furniture(b, ln);
	} else if (ln->kind == LINE_EMPTY) {
		b->para = NULL;
		drop_line(ln);
	} else {
		r = add_text(b, ln);
	}
	b->prev = ln;
	return r;
}

/* The reader's paragraphs, emptied, go. */
static void drop_emptied(builder *b)
{
	const steno_node *last = NULL;
	for (size_t i = 0; i < b->ly->count; i++) {
		steno_node *blk = b->ly->lines[i].block;
		if (blk == last)
			continue;
		last = blk;
		if ((blk->type == STENO_NODE_PARAGRAPH || blk->type == STENO_NODE_HEADING) &&
		    !node_first(blk)) {
			steno_node_unlink(blk);
			b->added -= blk->type == STENO_NODE_PARAGRAPH;
		}
	}
}

static int rebuild(layout *ly, size_t *paras)
{
	builder b = {.ly = ly};
	for (size_t i = 0; i < ly->count; i++) {
		layout_line *ln = &ly->lines[i];
		if (ln->kind == LINE_TEXT && ln->plain && text_from(ln) >= ln->len)
			ln->kind = LINE_EMPTY;
		if (rebuild_line(&b, ln) < 0)
			return -1;
	}
	drop_emptied(&b);
	*paras = (size_t)((long)*paras + b.added);
	return 0;
}

int transcript_layout(steno_doc *doc, steno_node **list, size_t count, size_t *paras)
{
	layout ly = {.doc = doc};
	int r = read_lines(&ly, list, count);
	if (r > 0) {
		follow_numbers(&ly);
		r = 0;
		if (ly.numbered >= LAYOUT_MIN_LINES && 2 * ly.numbered >= ly.text_lines &&
		    (ly.pages >= 2 || margin_labels(&ly) >= LABELS_MIN)) {
			ly.edge = learn_edge(&ly);
			size_t between = mark_gaps(&ly);
			r = find_furniture(&ly, between) < 0 || number_pages(&ly) < 0 ||
			                rebuild(&ly, paras) < 0
			        ? -1
			        : 0;
		}
	}
	free(ly.lines);
	free(ly.page_no);
	return r;
}
