#!/bin/sh
# The throughput benchmark, run by `make bench` with STENO=./steno.
#
# Converts a generated ~10 MB and ~100 MB plain-text transcript to HTML,
# to JSON, and to HTML without the transcript passes, several times each,
# and prints a table of median wall times, throughput, peak memory and
# ratios to `cat` and `cmark` timed in the same run.  README.md here says
# how to read it.  It reports and never judges speed: it fails only when
# a conversion fails, or when it cannot run at all.
#
# BENCH_DIR (default build/bench) holds the generated inputs; they are
# made once and kept while their size is right.

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"

# input BYTES: the path of the transcript of exactly BYTES bytes,
# generated unless it is there already.
input() {
	f=$DIR/transcript-$1.txt
	if [ ! -f "$f" ] || [ "$(wc -c <"$f" | tr -d ' ')" != "$1" ]; then
		echo "bench: generating $f" >&2
		if ! python3 "$HERE/gen.py" "$1" "$f.tmp" || ! mv "$f.tmp" "$f"; then
			die "cannot generate $f"
		fi
	fi
	echo "$f"
}

# measure NAME FILE: time one run of the command NAME names on FILE and
# append "SECONDS PEAK_KIB STATUS" to $DIR/NAME.runs.
measure() {
	case $1 in
	cat) set -- "$1" "$2" cat "$2" ;;
	cmark) set -- "$1" "$2" cmark "$2" ;;
	md4c) set -- "$1" "$2" "$MD4C" "$2" ;;
	html) set -- "$1" "$2" "$STENO" -f text -t html "$2" ;;
	json) set -- "$1" "$2" "$STENO" -f text -t json "$2" ;;
	plain) set -- "$1" "$2" "$STENO" -f text -t html --no-transcript "$2" ;;
	esac
	name=$1
	shift 2
	python3 "$HERE/measure.py" $GNU_TIME "$@" >>"$DIR/$name.runs" 2>>"$DIR/$name.err" ||
		die "cannot measure $name"
}

# row LABEL NAME BYTES CAT_SECONDS CMARK_SECONDS: one line of the table.
row() {
	median "$2" | awk -v label="$1" -v bytes="$3" -v cat="$4" -v cmark="$5" '{
		if ($3 > 0) { printf "  %-30s %d of the runs failed\n", label, $3; exit 1 }
		mb = bytes / 1e6
		rss = $2 * 1024
		printf "  %-30s %9.3f %9.1f %9.1f %9.2f %8.2f", label, $1, mb / $1, rss / 1e6, rss / bytes, $1 / cat
		if (cmark == "") printf " %8s\n", "-"; else printf " %8.2f\n", $1 / cmark
	}'
}

# bench BYTES RUNS: every conversion of one input, RUNS times, the
# commands taking turns so that a slow spell of the machine spreads
# over all of them rather than falling on one.
bench() {
	f=$(input "$1") || exit 1
	names="cat html json plain${HAVE_CMARK:+ cmark}${MD4C:+ md4c}"
	for name in $names; do : >"$DIR/$name.runs" && : >"$DIR/$name.err"; done
	cat "$f" >/dev/null # into the page cache before anything is timed
	i=0
	while [ "$i" -lt "$2" ]; do
		for name in $names; do measure "$name" "$f"; done
		i=$((i + 1))
	done
	cat_s=$(median cat | cut -d' ' -f1)
	cmark_s=
	[ -n "$HAVE_CMARK" ] && cmark_s=$(median cmark | cut -d' ' -f1)
	echo
	echo "$(awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }') ($1 bytes), median of $2 runs"
	printf "  %-30s %9s %9s %9s %9s %8s %8s\n" "conversion" "median s" "MB/s" "peak MB" "RSS/in" "x cat" "x cmark"
	row "text -> html" html "$1" "$cat_s" "$cmark_s" || failed=yes
	row "text -> json" json "$1" "$cat_s" "$cmark_s" || failed=yes
	row "text -> html --no-transcript" plain "$1" "$cat_s" "$cmark_s" || failed=yes
	row "cat" cat "$1" "$cat_s" "$cmark_s" || failed=yes
	if [ -n "$HAVE_CMARK" ]; then
		row "cmark (Markdown -> HTML)" cmark "$1" "$cat_s" "$cmark_s" || failed=yes
	else
		echo "  cmark: not installed"
	fi
	if [ -n "$MD4C" ]; then
		row "md4c (Markdown -> HTML)" md4c "$1" "$cat_s" "$cmark_s" || failed=yes
	else
		echo "  md4c: libmd4c-html0-dev not installed"
	fi
	[ -z "$failed" ] || return
	echo "  passes' cost: html / html --no-transcript = $(ratio html plain)"
	[ -z "$MD4C" ] || echo "  text -> html / md4c = $(ratio html md4c)"
}

failed=
echo "steno bench: $("$STENO" --version 2>/dev/null | head -1), $(uname -sm)"
if [ -n "$GNU_TIME" ]; then
	echo "peak RSS from GNU time"
else
	echo "peak RSS from getrusage: includes a ~10 MB floor of the Python interpreter"
fi
[ -n "$HAVE_CMARK" ] && echo "cmark $(cmark --version 2>/dev/null | head -1 | sed 's/^cmark //')"
[ -n "$MD4C" ] && echo "md4c $(pkg-config --modversion md4c-html)"
bench 10000000 5
bench 100000000 3
[ -z "$failed" ] || die "a conversion failed (stderr in $DIR/*.err)"
STENO="$STENO" BENCH_DIR="$DIR" sh "$HERE/xml.sh" || die "the XML benchmark failed"
STENO="$STENO" BENCH_DIR="$DIR" sh "$HERE/archive.sh" || die "the archive benchmark failed"
STENO="$STENO" BENCH_DIR="$DIR" sh "$HERE/markdown.sh" || die "the Markdown benchmark failed"
STENO="$STENO" BENCH_DIR="$DIR" sh "$HERE/captions.sh" || die "the captions benchmark failed"
