/* The md4c peer of the benchmark: Markdown from a file to HTML on
 * standard output through libmd4c-html, with md4c's CommonMark dialect,
 * as its md2html command does (Debian packages the library, not the
 * command).  Built by common.sh when pkg-config finds md4c-html. */
#include <md4c-html.h>
#include <stdio.h>
#include <stdlib.h>

static void put(const MD_CHAR *text, MD_SIZE size, void *out)
{
	fwrite(text, 1, size, out);
}

int main(int argc, char **argv)
{
	FILE *in = argc == 2 ? fopen(argv[1], "rb") : NULL;
	if (!in) {
		fprintf(stderr, "usage: md4c_html FILE\n");
		return 2;
	}
	size_t cap = 1 << 20, len = 0, n;
	char *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, in)) > 0) {
		len += n;
		if (len == cap) {
			char *grown = realloc(buf, cap *= 2);
			if (!grown)
				free(buf);
			buf = grown;
		}
	}
	fclose(in);
	if (!buf || len > (MD_SIZE)-1) {
		fprintf(stderr, "md4c_html: cannot read %s\n", argv[1]);
		return 1;
	}
	int status = md_html(buf, (MD_SIZE)len, put, stdout, MD_DIALECT_COMMONMARK, 0);
	free(buf);
	return status != 0 || fflush(stdout) != 0;
}
