/* clash.c - functions named as some of libsteno's internal ones, linked
 * beside tests/example.c: a program may have names of its own that the
 * library uses inside, so linking must not clash (libsteno.a) and the
 * library must never call these (each aborts). */
#include <stdlib.h>

void set_error(void);
void zip_add(void);
void arena_alloc(void);
void utf8_decode(void);
void xml_parse(void);
void node_append(void);

void set_error(void)
{
	abort();
}

void zip_add(void)
{
	abort();
}

void arena_alloc(void)
{
	abort();
}

void utf8_decode(void)
{
	abort();
}

void xml_parse(void)
{
	abort();
}

void node_append(void)
{
	abort();
}
