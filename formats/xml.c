/* xml.c - `-f xml` and the .xml extension: the root element says which
 * reader takes the file (TEI, teiCorpus: tei.c; Trans: trs.c).  Any
 * other vocabulary is read as generic text: every text node, in order,
 * a paragraph of its own, in speaker turns where the document's
 * structure shows them (src/xml/dialog.c), with a warning naming the
 * root.  See formats/xml.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "formats.h"
#include "xml/dialog.h"
#include "xml/xml.h"

typedef struct generic {
	xml_tree t;
	xml_dialog dialog;
	steno_error *err;
} generic;

static steno_status nomem(generic *g)
{
	return error_nomem(g->err);
}

/* Without knowing the vocabulary, every element boundary ends a
 * paragraph: no text node runs into another. */
static steno_status generic_start(void *ud, const xml_elem *el)
{
	generic *g = ud;
	xml_tree_break(&g->t);
	return xml_dialog_start(&g->dialog, el) == STENO_OK ? STENO_OK : nomem(g);
}

static steno_status generic_end(void *ud, const char *name, const char *ns)
{
	(void)name, (void)ns;
	generic *g = ud;
	xml_tree_break(&g->t);
	return xml_dialog_end(&g->dialog) == STENO_OK ? STENO_OK : nomem(g);
}

static steno_status generic_text(void *ud, const char *s, size_t len)
{
	generic *g = ud;
	return xml_tree_text(&g->t, s, len) == STENO_OK &&
	               xml_dialog_text(&g->dialog, s, len) == STENO_OK
	           ? STENO_OK
	           : nomem(g);
}

static const xml_callbacks generic_callbacks = {generic_start, generic_end, generic_text};

/* The warning names the root, so that a user sees which vocabulary was
 * not known, and says what speaker turns were found in it. */
static void warn_unknown(steno_doc *doc, const char *root, const char *ns, size_t turns,
                         const char *how)
{
	char where[300] = "";
	if (*ns)
		snprintf(where, sizeof where, " xmlns=\"%.256s\"", ns);
	if (turns)
		doc_warn(doc, "unknown XML vocabulary <%s%s>: its text is kept as paragraphs, "
		         "in %zu speaker turn%s by %.300s", root, where, turns, turns == 1 ? "" : "s", how);
	else
		doc_warn(doc, "unknown XML vocabulary <%s%s>: its text is kept as paragraphs", root,
		         where);
}

static steno_status generic_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                                 const char *root, const char *ns, steno_error *err)
{
	generic g = {.err = err};
	xml_tree_init(&g.t, doc, opts);
	xml_dialog_init(&g.dialog, doc);
	size_t turns = 0;
	const char *how = NULL;
	steno_status st = xml_parse(in, &generic_callbacks, &g, NULL, opts, doc, err);
	if (st == STENO_OK && (xml_tree_finish(&g.t) != STENO_OK ||
	                       xml_dialog_finish(&g.dialog, &turns, &how) != STENO_OK))
		st = nomem(&g);
	if (st == STENO_OK)
		warn_unknown(doc, root, ns, turns, how);
	xml_tree_free(&g.t);
	xml_dialog_free(&g.dialog);
	return st;
}

/* Any root in TEI's namespace (a ParlaMint listPerson file, too); TEI
 * and teiCorpus without one, as older files have them. */
static int is_tei_root(const char *name, const char *ns)
{
	return strcmp(ns, TEI_NS) == 0 ||
	       (!*ns && (strcmp(name, "TEI") == 0 || strcmp(name, "teiCorpus") == 0));
}

/* The root element of in, read from its start: in's head, grown from
 * its file (into *grown, which the caller frees) while the root is
 * further on, as after a long comment or internal DTD subset. */
static steno_status find_root(io_input *in, char **grown, const steno_options *opts,
                              char *name, char *ns, size_t cap, steno_error *err)
{
	for (;;) {
		int last = !in->fp || feof(in->fp);
		steno_status st = xml_root(in->head, in->head_len, last, opts, name, ns, cap, err);
		if (st != STENO_OK || name[0])
			return st;
		size_t want = in->head_len < 4096 ? 8192 : in->head_len * 2;
		int first = !*grown;
		char *more = want > in->head_len ? realloc(*grown, want) : NULL;
		if (!more)
			return error_nomem(err);
		if (first && in->head_len)
			memcpy(more, in->head, in->head_len);
		*grown = more;
		in->head = more;
		in->head_len += fread(more + in->head_len, 1, want - in->head_len, in->fp);
		if (ferror(in->fp))
			return set_error(err, STENO_ERR_IO, 0, 0, "cannot read: %s",
			                 strerror(errno ? errno : EIO));
	}
}

static steno_status read_as(const char *name, const char *ns, steno_doc *doc,
                            const io_input *in, const steno_options *opts, steno_error *err)
{
	if (is_tei_root(name, ns))
		return tei_format.stream(doc, in, opts, err);
	if (strcmp(name, "Trans") == 0 && !*ns)
		return trs_format.stream(doc, in, opts, err);
	return generic_read(doc, in, opts, name, ns, err);
}

static steno_status xml_read(steno_doc *doc, const io_input *in, const steno_options *opts,
                             steno_error *err)
{
	steno_error local;
	if (!err)
		err = &local;
	char name[128], ns[256];
	io_input start = *in;
	char *grown = NULL;
	steno_status st = find_root(&start, &grown, opts, name, ns,
	                            sizeof ns < sizeof name ? sizeof ns : sizeof name, err);
	if (st == STENO_OK)
		st = read_as(name, ns, doc, &start, opts, err);
	free(grown);
	return st;
}

const format xml_format = {
	.name = "xml",
	.extensions = ".xml",
	.media_type = "application/xml",
	.description = "XML: TEI or Transcriber by the root, else text",
	.stream = xml_read,
};
