/*
 * steno.h - the public interface of libsteno, a transcript converter.
 *
 * A reader parses bytes in some format (plain text, Markdown, TEI, ...)
 * into one document tree; passes enrich the tree; a writer serialises it
 * (HTML, JSON, archives).  Everything a document holds - nodes, strings,
 * metadata, speakers - lives in the document's arena and is freed by one
 * call to steno_doc_free().
 *
 * Conventions:
 *  - Functions that can fail return NULL or a non-zero steno_status and,
 *    when given a steno_error, fill it in.  The library never prints and
 *    never exits.
 *  - Strings are NUL-terminated UTF-8.  Strings returned by the library
 *    belong to the document unless the comment says "caller frees".
 *  - NULL arguments are reported as STENO_ERR_ARG, never dereferenced.
 *  - Threads: different documents may be parsed, rendered and freed on
 *    different threads at the same time; one document, sink or archive
 *    is used by one thread at a time.  The library sets up libxml2
 *    itself before its first parse.
 */
#ifndef STENO_H
#define STENO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(STENO_STATIC_BUILD)
#define STENO_API __attribute__((visibility("default")))
#else
#define STENO_API
#endif

#define STENO_VERSION_MAJOR 0
#define STENO_VERSION_MINOR 1
#define STENO_VERSION_PATCH 0
#define STENO_VERSION_STRING "0.1.0"
/* One integer that grows with every release: 0xMMmmpp. */
#define STENO_VERSION \
	((STENO_VERSION_MAJOR << 16) | (STENO_VERSION_MINOR << 8) | STENO_VERSION_PATCH)

/* The version of the library actually linked, as "MAJOR.MINOR.PATCH". */
STENO_API const char *steno_version(void);
/* The same as an integer comparable with STENO_VERSION. */
STENO_API int steno_version_number(void);

/* ------------------------------------------------------------------ */
/* Errors                                                             */

typedef enum steno_status {
	STENO_OK = 0,
	STENO_ERR_ARG,      /* a NULL or nonsensical argument */
	STENO_ERR_NOMEM,    /* out of memory */
	STENO_ERR_IO,       /* reading or writing failed (errno text in message) */
	STENO_ERR_FORMAT,   /* unknown format, or a format that cannot read/write */
	STENO_ERR_PARSE,    /* the input is malformed (line and column are set) */
	STENO_ERR_ENCODING, /* the input's character encoding cannot be decoded */
	STENO_ERR_LIMIT,    /* the input exceeds a limit (size, depth, expansion) */
	STENO_ERR_TREE      /* a tree operation that would corrupt the tree */
} steno_status;

typedef struct steno_error {
	steno_status code;
	int line;          /* 1-based; 0 when the error has no position */
	int column;        /* 1-based; 0 when the error has no position */
	char message[256]; /* human-readable, without file name or position */
} steno_error;

/* A short English name for a status code ("parse error", ...). */
STENO_API const char *steno_status_string(steno_status code);

/* ------------------------------------------------------------------ */
/* Options                                                            */

/* Passes that run after a reader; all are on by default except SMART. */
#define STENO_PASS_TRANSCRIPT 0x01u /* speaker labels, timestamps, events, datelines */
#define STENO_PASS_QUOTES     0x02u /* paired quotation marks into quote nodes */
#define STENO_PASS_SMART      0x04u /* --, ---, ... and apostrophes */
#define STENO_PASS_ATTRIBUTION 0x08u /* quotations and reported speech to their speakers */
/* Attribution is asked for: it costs as much as the other passes together. */
#define STENO_PASS_DEFAULT    (STENO_PASS_TRANSCRIPT | STENO_PASS_QUOTES)

/* A budget of bytes that parses on several threads share: the gzip
 * input they hold inflated at once is at most its size together, not
 * each (steno_options.inflate_budget).  A parse whose input would pass
 * what the others leave waits for them to give theirs back, and one
 * whose input alone passes min(size, max_input) fails with
 * STENO_ERR_LIMIT, as it would on its own: what converts does not
 * depend on what runs beside it.  size 0 means 1 GiB.  NULL on no
 * memory; freed with steno_budget_free() once no parse uses it. */
typedef struct steno_budget steno_budget;
STENO_API steno_budget *steno_budget_new(size_t size);
STENO_API void steno_budget_free(steno_budget *budget);

typedef struct steno_options {
	int standalone;       /* writers: a complete page rather than a fragment */
	int sourcepos;        /* readers record, writers emit, source positions */
	int unsafe;           /* writers: keep raw HTML and all URL schemes */
	int pretty;           /* JSON: indented output */
	unsigned passes;      /* STENO_PASS_* bits */
	const char *encoding; /* readers: force this input encoding (iconv name) */
	size_t max_input;     /* decompressed input bound in bytes; 0 = 1 GiB */
	int compress_level;   /* gzip, ZIP, EPUB level 1-9; 0 = default (6); others
	                         are refused (STENO_ERR_ARG) */
	int recover;          /* XML readers: convert what libxml2's recovery can, with warnings */
	const char *speakers; /* TEI: a file whose listPerson names the speakers, or NULL */
	const char *xinclude; /* XML readers: follow XInclude for files below this folder;
	                         NULL = leave xi:include elements as references */
	size_t max_memory;    /* the most a parsed document may take, in bytes; 0 = 32
	                         times the input plus 64 MiB.  Beyond: STENO_ERR_LIMIT */
	steno_budget *inflate_budget; /* shared with parses on other threads (see
	                         steno_budget_new), or NULL */
	const char *const *metadata; /* "KEY=VALUE" strings set on each document read,
	                         over the source's, before the passes run (which may
	                         read them: language gives --smart its marks); NULL */
	size_t metadata_count;
	int pause_ms;         /* captions: a silence between cues longer than this
	                         starts a new paragraph; default 2000; negative: never */
	int word_times;       /* captions: keep the times of single words (WebVTT
	                         <00:00:01.500> inside cues) as time nodes */
	/* Captions (WebVTT, SRT): a cue holds at most cue_lines lines of
	 * cue_chars characters and lasts at most cue_seconds.  0 = the
	 * defaults, 42 characters, 2 lines, 7 seconds; beyond 1-1000
	 * characters, 1-100 lines or 0.1-3600 seconds, the writer refuses
	 * (STENO_ERR_ARG). */
	int cue_chars;
	int cue_lines;
	double cue_seconds;
	/* A cue the document has from a caption file (a time node with an
	 * end) is written back whole, with its own times, however long;
	 * non-zero: it is cut to the limits above like any other text. */
	int cue_resplit;
} steno_options;

/* Fill *opts with the defaults (fragment, safe, default passes, a pause of
 * 2 s between caption paragraphs, cue limits). */
STENO_API void steno_options_init(steno_options *opts);

/* ------------------------------------------------------------------ */
/* The document tree                                                  */

typedef enum steno_node_type {
	STENO_NODE_NONE = 0,
	/* blocks */
	STENO_NODE_DOCUMENT,
	STENO_NODE_SECTION,        /* a titled division; attribute "type" */
	STENO_NODE_HEADING,        /* level 1-6 */
	STENO_NODE_PARAGRAPH,
	STENO_NODE_TURN,           /* a speaker's turn: speaker ids, start, end */
	STENO_NODE_BLOCK_QUOTE,
	STENO_NODE_LIST,           /* ordered, start, tight, delimiter */
	STENO_NODE_ITEM,
	STENO_NODE_CODE_BLOCK,     /* literal, info */
	STENO_NODE_RAW_BLOCK,      /* literal, format ("html", ...) */
	STENO_NODE_THEMATIC_BREAK,
	STENO_NODE_NOTE,           /* footnote, editorial note, stage direction; kind */
	/* inlines */
	STENO_NODE_TEXT,           /* literal */
	STENO_NODE_SOFT_BREAK,
	STENO_NODE_LINE_BREAK,
	STENO_NODE_EMPH,
	STENO_NODE_STRONG,
	STENO_NODE_CODE,           /* literal */
	STENO_NODE_LINK,           /* url, title; children are the link text */
	STENO_NODE_IMAGE,          /* url, title; children are the description */
	STENO_NODE_RAW_INLINE,     /* literal, format */
	STENO_NODE_QUOTE,          /* children quoted; marks not in the text; speaker */
	STENO_NODE_EVENT,          /* non-speech event: kind, literal = description */
	STENO_NODE_TIME,           /* timestamp anchor: time in ms, literal as written */
	STENO_NODE_DATELINE        /* news lead; children its text; place, date, agency */
} steno_node_type;

#define STENO_NODE_FIRST_BLOCK  STENO_NODE_DOCUMENT
#define STENO_NODE_LAST_BLOCK   STENO_NODE_NOTE
#define STENO_NODE_FIRST_INLINE STENO_NODE_TEXT
#define STENO_NODE_LAST_INLINE  STENO_NODE_DATELINE

/* "no time given" for turn start and end. */
#define STENO_TIME_NONE INT64_MIN

typedef enum steno_list_type {
	STENO_LIST_BULLET = 0,
	STENO_LIST_ORDERED
} steno_list_type;

typedef struct steno_doc steno_doc;
typedef struct steno_node steno_node;

/* A new empty document (a DOCUMENT root, no metadata); NULL on no memory.
 * The caller frees it with steno_doc_free(). */
STENO_API steno_doc *steno_doc_new(void);
/* Free a document and everything in it; NULL is allowed. */
STENO_API void steno_doc_free(steno_doc *doc);
/* The DOCUMENT node of doc. */
STENO_API steno_node *steno_doc_root(const steno_doc *doc);

/* Warnings a reader or pass left on the document (lossy decoding, ...). */
STENO_API size_t steno_doc_warning_count(const steno_doc *doc);
STENO_API const char *steno_doc_warning(const steno_doc *doc, size_t i);

/* A new node of the given type, owned by doc and not yet in the tree;
 * NULL for STENO_NODE_NONE, DOCUMENT, an unknown type, or no memory. */
STENO_API steno_node *steno_node_new(steno_doc *doc, steno_node_type type);

/* The node's type, or STENO_NODE_NONE for NULL. */
STENO_API steno_node_type steno_node_get_type(const steno_node *node);
/* "paragraph", "turn", ... as in the JSON schema; "none" for NULL. */
STENO_API const char *steno_node_type_name(steno_node_type type);
/* Non-zero when nodes of this type may have children. */
STENO_API int steno_node_type_is_container(steno_node_type type);

STENO_API steno_node *steno_node_parent(const steno_node *node);
STENO_API steno_node *steno_node_first_child(const steno_node *node);
STENO_API steno_node *steno_node_last_child(const steno_node *node);
STENO_API steno_node *steno_node_next(const steno_node *node);
STENO_API steno_node *steno_node_previous(const steno_node *node);

/* Tree surgery.  Each checks that the parent may hold the child (blocks
 * in blocks, inlines in inlines, items in lists), that no cycle results
 * and that both nodes belong to the same document; the child is first
 * unlinked from where it was.  Return STENO_OK or STENO_ERR_ARG/TREE. */
STENO_API steno_status steno_node_append_child(steno_node *parent, steno_node *child);
STENO_API steno_status steno_node_prepend_child(steno_node *parent, steno_node *child);
STENO_API steno_status steno_node_insert_before(steno_node *sibling, steno_node *node);
STENO_API steno_status steno_node_insert_after(steno_node *sibling, steno_node *node);
/* Take node out of the tree; it stays owned by the document. */
STENO_API void steno_node_unlink(steno_node *node);

/* Data.  Getters return NULL/0 where a type has no such field; setters
 * copy strings into the document and return STENO_ERR_ARG when the type
 * has no such field. */
STENO_API const char *steno_node_get_literal(const steno_node *node, size_t *len);
STENO_API steno_status steno_node_set_literal(steno_node *node, const char *s, size_t len);
STENO_API int steno_node_get_level(const steno_node *node);          /* heading */
STENO_API steno_status steno_node_set_level(steno_node *node, int level);
STENO_API const char *steno_node_get_url(const steno_node *node);    /* link, image */
STENO_API steno_status steno_node_set_url(steno_node *node, const char *url);
STENO_API const char *steno_node_get_title(const steno_node *node);  /* link, image */
STENO_API steno_status steno_node_set_title(steno_node *node, const char *title);
STENO_API const char *steno_node_get_info(const steno_node *node);   /* code block */
STENO_API steno_status steno_node_set_info(steno_node *node, const char *info);
/* raw block/inline: the format ("html"); event, note, section: the kind */
STENO_API const char *steno_node_get_kind(const steno_node *node);
STENO_API steno_status steno_node_set_kind(steno_node *node, const char *kind);
/* list */
STENO_API steno_list_type steno_node_get_list_type(const steno_node *node);
STENO_API int steno_node_get_list_start(const steno_node *node);
STENO_API int steno_node_get_list_tight(const steno_node *node);
STENO_API char steno_node_get_list_delim(const steno_node *node); /* '.' or ')' */
STENO_API steno_status steno_node_set_list(steno_node *node, steno_list_type type,
                                           int start, int tight, char delim);
/* turn: speaker ids (in the speaker table); quote: at most one */
STENO_API size_t steno_node_speaker_count(const steno_node *node);
STENO_API const char *steno_node_speaker(const steno_node *node, size_t i);
STENO_API steno_status steno_node_add_speaker(steno_node *node, const char *id);
/* turn: start/end in ms (STENO_TIME_NONE when unknown); time: at = start */
STENO_API int64_t steno_node_get_start(const steno_node *node);
STENO_API int64_t steno_node_get_end(const steno_node *node);
STENO_API steno_status steno_node_set_times(steno_node *node, int64_t start, int64_t end);
/* turn: speech overlapping another turn's */
STENO_API int steno_node_get_overlap(const steno_node *node);
STENO_API steno_status steno_node_set_overlap(steno_node *node, int overlap);
/* dateline: place, date and agency as written (may be NULL) */
STENO_API const char *steno_node_get_place(const steno_node *node);
STENO_API const char *steno_node_get_date(const steno_node *node);
STENO_API const char *steno_node_get_agency(const steno_node *node);
STENO_API steno_status steno_node_set_dateline(steno_node *node, const char *place,
                                               const char *date, const char *agency);

/* Free-form attributes any node may carry (a TEI element's attributes,
 * a section's id, ...): ordered, one value per name. */
STENO_API steno_status steno_node_set_attr(steno_node *node, const char *name, const char *value);
STENO_API const char *steno_node_get_attr(const steno_node *node, const char *name);
STENO_API size_t steno_node_attr_count(const steno_node *node);
STENO_API const char *steno_node_attr_name(const steno_node *node, size_t i);
STENO_API const char *steno_node_attr_value(const steno_node *node, size_t i);

/* Source position of a node's start (1-based), 0 when not recorded.  A
 * parsed document records positions only when opts->sourcepos asked for
 * them (it is then a sixth bigger), and setting them on its nodes
 * otherwise does nothing; one from steno_doc_new always records them. */
STENO_API int steno_node_get_line(const steno_node *node);
STENO_API int steno_node_get_column(const steno_node *node);
STENO_API int steno_node_get_end_line(const steno_node *node);
STENO_API int steno_node_get_end_column(const steno_node *node);
STENO_API void steno_node_set_sourcepos(steno_node *node, int line, int column,
                                        int end_line, int end_column);

/* Iteration without recursion, as cmark's: containers are reported on
 * ENTER and EXIT, other nodes on ENTER only.  Changing the tree while
 * iterating is safe only for the current node's descendants. */
typedef enum steno_event {
	STENO_EVENT_NONE = 0,
	STENO_EVENT_DONE,
	STENO_EVENT_ENTER,
	STENO_EVENT_EXIT
} steno_event;

typedef struct steno_iter steno_iter;
/* NULL on NULL root or no memory; caller frees with steno_iter_free(). */
STENO_API steno_iter *steno_iter_new(steno_node *root);
STENO_API void steno_iter_free(steno_iter *iter);
STENO_API steno_event steno_iter_next(steno_iter *iter);
STENO_API steno_node *steno_iter_node(const steno_iter *iter);
/* Skip the children of the node just entered; the next event is its EXIT. */
STENO_API void steno_iter_skip_children(steno_iter *iter);

/* ------------------------------------------------------------------ */
/* Metadata and speakers                                              */

/* Set key to value (both copied): replaces the value of an existing key
 * in place, or appends.  Keys are compared exactly. */
STENO_API steno_status steno_meta_set(steno_doc *doc, const char *key, const char *value);
/* The value of key, or NULL. */
STENO_API const char *steno_meta_get(const steno_doc *doc, const char *key);
STENO_API size_t steno_meta_count(const steno_doc *doc);
STENO_API const char *steno_meta_key(const steno_doc *doc, size_t i);
STENO_API const char *steno_meta_value(const steno_doc *doc, size_t i);

/* Add a speaker, or update the one with this id (name/role NULL keep the
 * old value).  Ids are unique within a document. */
STENO_API steno_status steno_speaker_set(steno_doc *doc, const char *id,
                                         const char *name, const char *role);
/* Attach a free-form attribute (dialect, affiliation, ...) to a speaker. */
STENO_API steno_status steno_speaker_set_attr(steno_doc *doc, const char *id,
                                              const char *name, const char *value);
STENO_API size_t steno_speaker_count(const steno_doc *doc);
/* The index of the speaker with this id, or (size_t)-1. */
STENO_API size_t steno_speaker_find(const steno_doc *doc, const char *id);
STENO_API const char *steno_speaker_id(const steno_doc *doc, size_t i);
STENO_API const char *steno_speaker_name(const steno_doc *doc, size_t i);
STENO_API const char *steno_speaker_role(const steno_doc *doc, size_t i);
STENO_API size_t steno_speaker_attr_count(const steno_doc *doc, size_t i);
STENO_API const char *steno_speaker_attr_name(const steno_doc *doc, size_t i, size_t k);
STENO_API const char *steno_speaker_attr_value(const steno_doc *doc, size_t i, size_t k);

/* ------------------------------------------------------------------ */
/* Sinks: buffered output                                             */

typedef struct steno_sink steno_sink;

/* A write callback: write len bytes, return 0 on success, or an errno
 * value (or -1) on failure.  Called only with len > 0. */
typedef int (*steno_write_fn)(void *userdata, const char *data, size_t len);

/* Each returns NULL on no memory or a NULL argument.  A sink is closed
 * (flushed and freed) with steno_sink_close().  The FILE and descriptor
 * stay open: they belong to the caller. */
STENO_API steno_sink *steno_sink_new_callback(steno_write_fn fn, void *userdata);
STENO_API steno_sink *steno_sink_new_file(FILE *fp);
STENO_API steno_sink *steno_sink_new_fd(int fd);
STENO_API steno_sink *steno_sink_new_memory(void);
/* A sink that gzip-compresses into next (level 1-9, 0 = 6; NULL for any
 * other level).  Closing it writes the gzip trailer into next; next is
 * not closed. */
STENO_API steno_sink *steno_sink_new_gzip(steno_sink *next, int level);

STENO_API steno_status steno_sink_write(steno_sink *sink, const void *data, size_t len);
/* Push buffered bytes to the destination (for gzip: a sync flush). */
STENO_API steno_status steno_sink_flush(steno_sink *sink);
/* The first error the sink met (STENO_OK, STENO_ERR_IO, STENO_ERR_NOMEM). */
STENO_API steno_status steno_sink_status(const steno_sink *sink);
/* A memory sink's contents so far (not NUL-terminated), NULL for other sinks. */
STENO_API const char *steno_sink_memory_data(steno_sink *sink, size_t *len);
/* Flush, finish and free the sink; returns the first error met.  NULL is
 * allowed. */
STENO_API steno_status steno_sink_close(steno_sink *sink);

/* ------------------------------------------------------------------ */
/* Formats                                                            */

/* The registry: every format steno knows, in a fixed order.  Past the
 * end, the string calls return NULL and the others 0. */
STENO_API size_t steno_format_count(void);
STENO_API const char *steno_format_name(size_t i);
/* Space-separated other names -f and -t take ("commonmark md"), maybe "". */
STENO_API const char *steno_format_aliases(size_t i);
/* Space-separated extensions with their dots (".md .markdown"), maybe "". */
STENO_API const char *steno_format_extensions(size_t i);
STENO_API const char *steno_format_media_type(size_t i);
STENO_API const char *steno_format_description(size_t i);
STENO_API int steno_format_can_read(size_t i);
STENO_API int steno_format_can_write(size_t i);

/* What a format is, and what it needs of a document. */
#define STENO_FORMAT_ARCHIVE    0x01u /* holds many documents: steno_archive_new() takes it */
#define STENO_FORMAT_COMPRESSED 0x02u /* written compressed already: never gzip it again */
#define STENO_FORMAT_TIMED      0x04u /* its writer needs the times of turns (captions) */
/* The STENO_FORMAT_* bits of format i. */
STENO_API unsigned steno_format_flags(size_t i);
/* The index of the format named name or one of its aliases, compared
 * without case, or (size_t)-1. */
STENO_API size_t steno_format_find(const char *name);
/* The name of the format a path's extension says (a trailing ".gz" is
 * skipped), or NULL. */
STENO_API const char *steno_format_for_path(const char *path);

/* ------------------------------------------------------------------ */
/* Converting                                                         */

/* Parse len bytes of data in format into a new document.  gzip data is
 * decompressed first (up to opts->max_input).  opts may be NULL for the
 * defaults.  Returns NULL and fills err on failure.  The caller frees
 * the document with steno_doc_free(). */
STENO_API steno_doc *steno_parse(const char *data, size_t len, const char *format,
                                 const steno_options *opts, steno_error *err);
/* Read path and parse it; format NULL means "from the file name". */
STENO_API steno_doc *steno_parse_file(const char *path, const char *format,
                                      const steno_options *opts, steno_error *err);
/* Everything left in fp, decoded as steno_parse() decodes it: gzip data
 * is inflated, up to opts->max_input (opts may be NULL for the
 * defaults).  For a caller that joins several inputs into one document
 * or reads a pipe before parsing.  A malloc'd buffer (caller frees with
 * free()), not NUL-terminated, its length in *len; NULL with err set
 * when fp cannot be read (STENO_ERR_IO), the gzip data is corrupt
 * (STENO_ERR_PARSE) or inflates beyond the bound (STENO_ERR_LIMIT), or
 * on no memory. */
STENO_API char *steno_read_all(FILE *fp, size_t *len, const steno_options *opts,
                               steno_error *err);

/* Run the passes opts->passes asks for on doc (steno_parse already does). */
STENO_API steno_status steno_run_passes(steno_doc *doc, const steno_options *opts,
                                        steno_error *err);

/* Write doc in format to sink (the sink is flushed, not closed). */
STENO_API steno_status steno_render(const steno_doc *doc, const char *format, steno_sink *sink,
                                    const steno_options *opts, steno_error *err);
/* Write doc in format to fp. */
STENO_API steno_status steno_render_file(const steno_doc *doc, const char *format, FILE *fp,
                                         const steno_options *opts, steno_error *err);
/* Render into a NUL-terminated malloc'd string (caller frees with free());
 * its length without the NUL goes to *len when len is not NULL.  NULL on
 * failure. */
STENO_API char *steno_render_string(const steno_doc *doc, const char *format, size_t *len,
                                    const steno_options *opts, steno_error *err);

/* ------------------------------------------------------------------ */
/* Archives: several documents in one file                            */

/* An archive being written: a ZIP bundle ("zip": each document's HTML
 * page and JSON, an index.html and a manifest.json) or an EPUB 3 book
 * ("epub": one chapter per document).  Documents are written as they
 * are added, so each may be freed right after steno_archive_add() and
 * memory does not grow with their number.  The same documents added in
 * the same order give byte-identical archives: every entry carries the
 * time SOURCE_DATE_EPOCH names, or 1980-01-01 when it is unset. */
typedef struct steno_archive steno_archive;

/* Start an archive in format ("zip", "epub") written to sink, which
 * stays the caller's: it is flushed, never closed.  opts (NULL for the
 * defaults) is copied.  NULL with err set on an unknown or non-archive
 * format (STENO_ERR_FORMAT) or no memory.  The caller ends the archive
 * with steno_archive_close() or steno_archive_abort(). */
STENO_API steno_archive *steno_archive_new(const char *format, steno_sink *sink,
                                           const steno_options *opts, steno_error *err);
/* Write doc into the archive; source_name (the input's file name, NULL
 * for "document") names its entries, made safe and unique: no absolute
 * path, no "..", valid UTF-8.  doc is not kept.  After a failure the
 * archive is unusable: every later call returns the same error. */
STENO_API steno_status steno_archive_add(steno_archive *archive, const steno_doc *doc,
                                         const char *source_name, steno_error *err);
/* Write the archive's end (index, manifest, package document, central
 * directory), flush the sink and free the archive; returns the first
 * error met since steno_archive_new().  NULL is allowed. */
STENO_API steno_status steno_archive_close(steno_archive *archive, steno_error *err);
/* Free the archive without finishing it: what the sink received is not
 * a valid archive and the caller throws it away.  NULL is allowed. */
STENO_API void steno_archive_abort(steno_archive *archive);

/* steno_archive_add() in two steps, so that many documents are
 * rendered and compressed at once.  steno_archive_prepare() renders
 * doc's entries into memory and copies out what the archive's own
 * documents will say of it, so doc may be freed at once.  It changes
 * nothing in the archive: any number of threads may call it at the same
 * time, alongside the one thread that adds; a failure (NULL, err set)
 * leaves the archive as it was.  steno_archive_add_prepared() then
 * writes a prepared document, on the archive's one thread, in the
 * order the documents are to have (entry names and chapter numbers
 * depend on the documents before); a failure makes the archive
 * unusable, as with steno_archive_add().  The prepared document stays
 * the caller's either way: steno_archive_doc_free() frees it (NULL is
 * allowed). */
typedef struct steno_archive_doc steno_archive_doc;
STENO_API steno_archive_doc *steno_archive_prepare(const steno_archive *archive,
                                                   const steno_doc *doc,
                                                   const char *source_name, steno_error *err);
STENO_API steno_status steno_archive_add_prepared(steno_archive *archive,
                                                  steno_archive_doc *prepared, steno_error *err);
STENO_API void steno_archive_doc_free(steno_archive_doc *prepared);

/* The name an archive gives the entries of a document from
 * source_name (NULL for "document"), before it makes them unique: a
 * relative path without its last part's extension, nor a ".gz" after
 * that; no leading '/', no empty, "." or ".." parts; '\\' taken as '/';
 * bytes that are not UTF-8, controls and characters common file systems
 * reserve replaced by '_'; at most 200 bytes; "document" when nothing
 * is left.  The command names the files of an output folder so too.
 * malloc'd (caller frees with free()); NULL on no memory. */
STENO_API char *steno_archive_stem(const char *source_name);

#ifdef __cplusplus
}
#endif

#endif
