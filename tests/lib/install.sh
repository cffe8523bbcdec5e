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

run_install() {
	check "make install DESTDIR= stages every file" staged_install
	check "installed library: the example builds through pkg-config and runs" example_through_pkg_config
	check "the shared library has its soname" soname_set
	check "only steno_ names are exported" only_api_exported
}
