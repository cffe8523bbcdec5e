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

# md4c, the other fast C Markdown parser, as a peer: its library is
# packaged (libmd4c-html0-dev), its md2html command is not, so a small
# driver is built here when the library is found.
MD4C=
if pkg-config --exists md4c-html 2>/dev/null &&
	${CC:-cc} -O2 -o "$DIR/md4c_html" "$HERE/md4c_html.c" $(pkg-config --cflags --libs md4c-html) 2>/dev/null; then
	MD4C=$DIR/md4c_html
fi

# median NAME: "MEDIAN_SECONDS MAX_PEAK_KIB FAILED_RUNS MEDIAN_CPU_SECONDS"
# of the runs measure.py appended to $DIR/NAME.runs.  The CPU median is
# the steadier figure on a machine that others share: time spent waiting
# for a processor is not in it.
median() {
	cpu=$(cut -d' ' -f4 "$DIR/$1.runs" | sort -n | awk '
		{ c[NR] = $1 } END { print NR % 2 ? c[(NR + 1) / 2] : (c[NR / 2] + c[NR / 2 + 1]) / 2 }')
	sort -n "$DIR/$1.runs" | awk -v cpu="$cpu" '
		{ t[NR] = $1; if ($2 > peak) peak = $2; if ($3 != 0) failed++ }
		END { printf "%f %d %d %f\n", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, peak, failed, cpu }'
}

# ratio A B: A's median over B's, by wall time and by CPU time.
ratio() {
	echo "$(median "$1") $(median "$2")" |
		awk '{ printf "%.2f (CPU time %.2f)", $1 / $5, $4 / $8 }'
}
