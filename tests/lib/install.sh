# make install into a scratch root, then build the embedding example the
# way a user would: through pkg-config against the installed files.
# The variables of the calling make (MAKEFLAGS, and the CFLAGS, LDFLAGS,
# OUT and BUILD that `make check-asan` exports) are cleared so the
# installed library is the ordinary build, as a user would install it.
plain_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u LDFLAGS -u OUT -u BUILD make "$@"
}

staged_install() {
	root=$TMP/root
	plain_make -s -C "$HERE/.." install DESTDIR="$root" PREFIX=/usr >/dev/null || return 1
	for f in usr/bin/steno usr/lib/libsteno.a usr/lib/libsteno.so.0 usr/include/steno.h \
		usr/lib/pkgconfig/steno.pc usr/share/man/man1/steno.1; do
		[ -e "$root/$f" ] || { echo "$f not installed"; return 1; }
	done
	grep -qx 'prefix=/usr' "$root/usr/lib/pkgconfig/steno.pc"
}

example_through_pkg_config() {
	prefix=$TMP/prefix
	plain_make -s -C "$HERE/.." install PREFIX="$prefix" >/dev/null || return 1
	flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs steno) || return 1
	# shellcheck disable=SC2086 # flags is a list
	cc -o "$TMP/installed-example" "$HERE/example.c" $flags || return 1
	LD_LIBRARY_PATH=$prefix/lib "$TMP/installed-example" | head -1 | grep -qx '2 paragraphs'
}

soname_set() {
	objdump -p "$HERE/../libsteno.so.0.1.0" 2>/dev/null | grep -q 'SONAME *libsteno.so.0' ||
		readelf -d "$HERE/../libsteno.so.0.1.0" | grep -q 'libsteno.so.0'
}

only_api_exported() {
	nm -D --defined-only "$HERE/../libsteno.so.0.1.0" | awk '{print $3}' >"$TMP/exports"
	[ -s "$TMP/exports" ] && ! grep -v '^steno_' "$TMP/exports"
}

# The static library defines no global but the API's: steno_ names of
# code or data.
static_exports_api_only() {
	nm -g --defined-only "$(dirname "$STENO")/libsteno.a" | awk 'NF == 3' >"$TMP/static-exports"
	[ -s "$TMP/static-exports" ] && ! awk '$2 !~ /^[TDRB]$/ || $3 !~ /^steno_/' "$TMP/static-exports" | grep .
}

# The example linked with tests/clash.c, whose functions are named as
# the library's internals, against libsteno.a or libsteno.so: it links
# and converts as the example alone does.  CC, CFLAGS and LDLIBS are
# make's, so a sanitizer build links its own way.
clash_links() { # clash_links static|shared
	lib=$(dirname "$STENO")
	case $1 in static) with=$lib/libsteno.a ;; *) with="-L$lib -lsteno" ;; esac
	# shellcheck disable=SC2086 # flags and libraries are lists
	${CC:-cc} ${CFLAGS:-} -I"$HERE/../include" -o "$TMP/clash-$1" "$HERE/example.c" "$HERE/clash.c" \
		$with ${LDLIBS:-$(pkg-config --libs libxml-2.0 libcmark zlib) -pthread} &&
		LD_LIBRARY_PATH=$lib example_ok "$TMP/clash-$1"
}

run_install() {
	check "make install DESTDIR= stages every file" staged_install
	check "installed library: the example builds through pkg-config and runs" example_through_pkg_config
	check "the shared library has its soname" soname_set
	check "only steno_ names are exported" only_api_exported
	check "libsteno.a defines only steno_ globals" static_exports_api_only
	check "a program with set_error, zip_add... of its own links against libsteno.a and runs" clash_links static
	check "a program with set_error, zip_add... of its own links against libsteno.so and runs" clash_links shared
}
