/* xml.c - `-f xml` and the .xml extension: the root element says which
 * reader takes the file (TEI, teiCorpus: tei.c; Trans: trs.c).  Any
 * other vocabulary is read as generic text: every text node, in order,
 * a paragraph of its own, with a warning naming the root.  See
 * formats/xml.md. */
#include <string.h>

#include "error.h"
#include "format.h"
#include "xml.h"

typedef struct generic {
	xml_tree t;
	steno_error *err;
} generic;

static steno_status nomem(generic *g)
{
	return set_error(g->err, STENO_ERR_NOMEM, 0, 0, "out of memory");
}

/* Without knowing the vocabulary, every element boundary ends a
 * paragraph: no text node runs into another. */
static steno_status generic_start(void *ud, const xml_elem *el)
{
	(void)el;
	xt_break(&((generic *)ud)->t);
	return STENO_OK;
}

static steno_status generic_end(void *ud, const char *name, const char *ns)
{
	(void)name, (void)ns;
	xt_break(&((generic *)ud)->t);
	return STENO_OK;
}

static steno_status generic_text(void *ud, const char *s, size_t len)
{
	generic *g = ud;
	return xt_text(&g->t, s, len) == STENO_OK ? STENO_OK : nomem(g);
}

static const xml_callbacks generic_callbacks = {generic_start, generic_end, generic_text};

static steno_status generic_read(steno_doc *doc, const char *data, size_t len,
                                 const steno_options *opts, steno_error *err)
{
	generic g = {.err = err};
	xt_init(&g.t, doc, opts);
	steno_status st = xml_parse(data, len, &generic_callbacks, &g, opts, doc, err);
	if (st == STENO_OK && xt_finish(&g.t) != STENO_OK)
		st = nomem(&g);
	xt_free(&g.t);
	return st;
}

/* Any root in TEI's namespace (a ParlaMint listPerson file, too); TEI
 * and teiCorpus without one, as older files have them. */
static int is_tei_root(const char *name, const char *ns)
{
	return strcmp(ns, TEI_NS) == 0 ||
	       (!*ns && (strcmp(name, "TEI") == 0 || strcmp(name, "teiCorpus") == 0));
}

steno_status xml_read(steno_doc *doc, const char *data, size_t len, const steno_options *opts,
                      steno_error *err)
{
	steno_error local;
	if (!err)
		err = &local;
	char name[128], ns[256];
	steno_status st = xml_root(data, len, opts, name, ns, sizeof ns < sizeof name ? sizeof ns
	                                                                              : sizeof name,
	                           err);
	if (st != STENO_OK)
		return st;
	if (is_tei_root(name, ns))
		return tei_read(doc, data, len, opts, err);
	if (strcmp(name, "Trans") == 0 && !*ns)
		return trs_read(doc, data, len, opts, err);
	if (*ns)
		doc_warn(doc, "unknown XML vocabulary <%s xmlns=\"%s\">: its text is kept as paragraphs",
		         name, ns);
	else
		doc_warn(doc, "unknown XML vocabulary <%s>: its text is kept as paragraphs", name);
	return generic_read(doc, data, len, opts, err);
}
