/* main.c - runs every unit test and prints the tally the test runner
 * adds to its own. */
#include "unit.h"

int unit_passed, unit_failed;

/* Every unit test, once: its name, and whether it runs only when named
 * on the command line.  Those are tests of how work grows with the
 * input, which the runner runs under a timeout, so that a regression to
 * quadratic time fails instead of holding up every run. */
#define UNIT_TESTS(X)                                                                      \
	X(arena, 0) X(tree, 0) X(siblings, 0) X(iter, 0) X(meta, 0) X(sink, 0) X(registry, 0) \
	X(registry_flags, 0) X(api, 0) X(smart, 0) X(passes, 0) X(utf8, 0) X(text, 0)       \
	X(html, 0) X(json, 0) X(escape, 0) X(zip, 0) X(table, 0) X(limits, 0) X(captions, 0) \
	X(cue_split, 0) X(attribution_verbs, 0) X(attribution_refs, 0)                       \
	X(attribution_pronouns, 0) X(attribution_terms, 0) X(attribution_unsure, 0)          \
	X(attribution_reporting, 0) X(attribution_reach, 0) X(attribution_introductions, 0)   \
	X(attrs_linear, 1)

#define DECLARE(name, on_request) void test_##name(void);
UNIT_TESTS(DECLARE)

static const struct {
	const char *name;
	void (*run)(void);
	int on_request;
} tests[] = {
#define ENTRY(name, on_request) {#name, test_##name, on_request},
	UNIT_TESTS(ENTRY)
};

#define TEST_COUNT (sizeof tests / sizeof *tests)

/* Run the tests named in argv; an unknown name fails. */
static void run_named(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t k = 0;
		while (k < TEST_COUNT && strcmp(tests[k].name, argv[i]) != 0)
			k++;
		if (k < TEST_COUNT) {
			tests[k].run();
		} else {
			fprintf(stderr, "no unit test named %s\n", argv[i]);
			unit_failed++;
		}
	}
}

/* With no argument, every test but those run on request; else the
 * tests named. */
int main(int argc, char **argv)
{
	if (argc > 1)
		run_named(argc, argv);
	else
		for (size_t k = 0; k < TEST_COUNT; k++)
			if (!tests[k].on_request)
				tests[k].run();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
