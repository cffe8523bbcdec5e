/* unit.h - the few macros the unit tests share.  Each test file defines
 * one or more `void test_NAME(void)` listed once in main.c (UNIT_TESTS). */
#ifndef STENO_UNIT_H
#define STENO_UNIT_H

#include <stdio.h>
#include <string.h>

extern int unit_passed, unit_failed;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			unit_passed++;                                       \
		} else {                                                     \
			unit_failed++;                                       \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                            \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *got_ = (got), *want_ = (want);                   \
		if (got_ && want_ && strcmp(got_, want_) == 0) {             \
			unit_passed++;                                       \
		} else {                                                     \
			unit_failed++;                                       \
			fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n",  \
			        __FILE__, __LINE__, #got,                    \
			        got_ ? got_ : "(null)", want_ ? want_ : "(null)"); \
		}                                                            \
	} while (0)

#endif
