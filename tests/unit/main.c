/* main.c - runs every unit test and prints the tally the test runner
 * adds to its own. */
#include "unit.h"

int unit_passed, unit_failed;

void test_arena(void);
void test_tree(void);
void test_siblings(void);
void test_iter(void);
void test_meta(void);
void test_sink(void);
void test_registry(void);
void test_registry_flags(void);
void test_api(void);
void test_smart(void);
void test_passes(void);
void test_utf8(void);
void test_text(void);
void test_html(void);
void test_json(void);
void test_escape(void);
void test_zip(void);
void test_limits(void);
void test_attrs_linear(void);

/* Tests of how work grows with the input, run only when named on the
 * command line, as the runner does under a timeout: a regression to
 * quadratic time then fails instead of holding up every run. */
static const struct {
	const char *name;
	void (*run)(void);
} on_request[] = {
	{"attrs_linear", test_attrs_linear},
};

/* Run the tests named in argv; an unknown name fails. */
static void run_named(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t k = 0, n = sizeof on_request / sizeof *on_request;
		while (k < n && strcmp(on_request[k].name, argv[i]) != 0)
			k++;
		if (k < n) {
			on_request[k].run();
		} else {
			fprintf(stderr, "no unit test named %s\n", argv[i]);
			unit_failed++;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		run_named(argc, argv);
		printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
		return unit_failed != 0;
	}
	test_arena();
	test_tree();
	test_siblings();
	test_iter();
	test_meta();
	test_sink();
	test_registry();
	test_registry_flags();
	test_api();
	test_smart();
	test_passes();
	test_utf8();
	test_text();
	test_html();
	test_json();
	test_escape();
	test_zip();
	test_limits();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
