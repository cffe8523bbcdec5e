/* example.c - the README's embedding example: parse a transcript held in
 * memory, add metadata, walk the tree, and render it to JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <steno.h>

int main(void)
{
	const char *text = "Press briefing\n\n"
	                   "Good morning, everyone.\n\n"
	                   "Thank you for coming.\n";
	steno_options opts;
	steno_options_init(&opts);
	steno_error err;

	steno_doc *doc = steno_parse(text, strlen(text), "text", &opts, &err);
	if (!doc) {
		fprintf(stderr, "parse failed: %s\n", err.message);
		return 1;
	}
	steno_meta_set(doc, "date", "2026-11-29");

	/* Count the paragraphs with the iterator: no recursion, any depth. */
	int paragraphs = 0;
	steno_iter *it = steno_iter_new(steno_doc_root(doc));
	steno_event ev;
	while ((ev = steno_iter_next(it)) != STENO_EVENT_DONE)
		if (ev == STENO_EVENT_ENTER &&
		    steno_node_get_type(steno_iter_node(it)) == STENO_NODE_PARAGRAPH)
			paragraphs++;
	steno_iter_free(it);

	char *json = steno_render_string(doc, "json", NULL, &opts, &err);
	if (!json) {
		fprintf(stderr, "render failed: %s\n", err.message);
		steno_doc_free(doc);
		return 1;
	}
	printf("%d paragraphs\n%s\n", paragraphs, json);
	free(json);
	steno_doc_free(doc);
	return 0;
}
