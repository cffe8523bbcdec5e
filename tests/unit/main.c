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
void test_api(void);
void test_smart(void);
void test_passes(void);
void test_utf8(void);
void test_text(void);
void test_html(void);
void test_json(void);
void test_zip(void);
void test_limits(void);

int main(void)
{
	test_arena();
	test_tree();
	test_siblings();
	test_iter();
	test_meta();
	test_sink();
	test_registry();
	test_api();
	test_smart();
	test_passes();
	test_utf8();
	test_text();
	test_html();
	test_json();
	test_zip();
	test_limits();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
