# Shared by the bench scripts: where steno and the generated inputs are,
# how to fail, and how peak memory is measured.  Sourced after HERE is set.

STENO=${STENO:-./steno}
DIR=${BENCH_DIR:-build/bench}

die() {
	echo "bench: $*" >&2
	exit 1
}

command -v python3 >/dev/null 2>&1 || die "python3 is needed"
[ -x "$STENO" ] || die "$STENO not found: build it first (make)"
mkdir -p "$DIR" || die "cannot create $DIR"

# GNU time measures peak memory without the Python interpreter's floor.
GNU_TIME=
/usr/bin/time -f %M -o /dev/null true >/dev/null 2>&1 && GNU_TIME=--gnu-time
HAVE_CMARK=
command -v cmark >/dev/null 2>&1 && HAVE_CMARK=yes
