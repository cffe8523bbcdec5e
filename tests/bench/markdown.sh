#!/bin/sh
# The Markdown benchmark: `steno -f markdown -t html` against the `cmark`
# command on the same ~10 MB and ~100 MB of real Markdown, in the same
# run.  tests/bench/run.sh runs it at its end; standalone:
#
#     STENO=./steno sh tests/bench/markdown.sh
#
# The inputs are made once into BENCH_DIR (default build/bench) from the
# CommonMark spec and the Markdown of the shared corpus when they are
# there, and from this repository's own Markdown pages, repeated whole,
# in a fixed order, up to the size (cut at a line end).  Prints median
# wall time, MB/s, peak RSS and steno's ratios to cmark's time and peak.
# It reports and never judges speed; it fails only when a conversion
# fails or it cannot run.

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/corpus}
. "$HERE/common.sh"

# The source files, in a fixed order.
sources() {
	[ -f "$SHARED/spec/spec.txt" ] && echo "$SHARED/spec/spec.txt"
	[ -d "$SHARED/markdown" ] && find "$SHARED/markdown" -type f \( -name '*.md' -o -name '*.markdown' \) | LC_ALL=C sort
	find "$ROOT" -maxdepth 2 -name '*.md' -not -path '*/build/*' | LC_ALL=C sort
}

# input BYTES: the path of the Markdown input of about BYTES bytes.
input() {
	f=$DIR/markdown-$1.md
	if [ ! -f "$f" ]; then
		echo "bench: generating $f" >&2
		sources >"$DIR/markdown-sources" || die "no Markdown sources"
		python3 - "$1" "$f.tmp" "$DIR/markdown-sources" <<'PY' || die "cannot generate $f"
import sys
size, out, listing = int(sys.argv[1]), sys.argv[2], sys.argv[3]
parts = [open(p, "rb").read() for p in open(listing).read().split("\n") if p]
chunk = b"\n\n".join(p.rstrip(b"\n") for p in parts) + b"\n\n"
data = chunk * (size // len(chunk) + 1)
data = data[:data.rindex(b"\n", 0, size) + 1]
open(out, "wb").write(data)
PY
		mv "$f.tmp" "$f" || die "cannot generate $f"
	fi
	echo "$f"
}

measure() { # measure NAME FILE
	case $1 in
	steno) set -- "$1" "$2" "$STENO" -f markdown -t html "$2" ;;
	cmark) set -- "$1" "$2" cmark "$2" ;;
	md4c) set -- "$1" "$2" "$MD4C" "$2" ;;
	esac
	name=$1
	shift 2
	python3 "$HERE/measure.py" $GNU_TIME "$@" >>"$DIR/md-$name.runs" 2>>"$DIR/md-$name.err" ||
		die "cannot measure $name"
}

bench() { # bench BYTES RUNS
	f=$(input "$1") || exit 1
	bytes=$(wc -c <"$f" | tr -d ' ')
	names="steno${HAVE_CMARK:+ cmark}${MD4C:+ md4c}"
	for name in $names; do : >"$DIR/md-$name.runs" && : >"$DIR/md-$name.err"; done
	cat "$f" >/dev/null
	i=0
	while [ "$i" -lt "$2" ]; do
		for name in $names; do measure "$name" "$f"; done
		i=$((i + 1))
	done
	echo
	echo "Markdown, $(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') ($bytes bytes), median of $2 runs"
	printf "  %-24s %9s %9s %9s %9s\n" "conversion" "median s" "MB/s" "peak MB" "RSS/in"
	for name in $names; do
		median "md-$name" | awk -v label="$name" -v bytes="$bytes" '{
			if ($3 > 0) { printf "  %-24s %d of the runs failed\n", label, $3; exit 1 }
			printf "  %-24s %9.3f %9.1f %9.1f %9.2f\n", label == "steno" ? "steno markdown -> html" : label, $1, bytes / 1e6 / $1, $2 * 1024 / 1e6, $2 * 1024 / bytes
		}' || failed=yes
	done
	[ -n "$HAVE_CMARK" ] && [ -z "$failed" ] && {
		median md-steno >"$DIR/md-steno.sum"
		median md-cmark | paste -d' ' "$DIR/md-steno.sum" - |
			awk '{ printf "  steno / cmark: time %.2f, peak RSS %.2f\n", $1 / $5, $2 / $6 }'
	}
	[ -n "$MD4C" ] && [ -z "$failed" ] && {
		median md-steno >"$DIR/md-steno.sum"
		median md-md4c | paste -d' ' "$DIR/md-steno.sum" - |
			awk '{ printf "  steno / md4c: time %.2f, peak RSS %.2f\n", $1 / $5, $2 / $6 }'
	}
}

failed=
echo "steno Markdown bench: $("$STENO" --version 2>/dev/null | head -1), $(uname -sm)"
[ -n "$HAVE_CMARK" ] || echo "cmark: not installed; no ratios"
bench 10000000 5
bench 100000000 3
[ -z "$failed" ] || die "a conversion failed (stderr in $DIR/md-*.err)"
