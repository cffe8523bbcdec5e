#!/bin/sh
# The XML readers' benchmark: TEI -> HTML and Transcriber -> JSON on
# generated ~10 MB and ~100 MB files, median wall time, MB/s, peak RSS,
# and the ratio to `xmllint --stream --noout` on the same file in the
# same run (the goal: at most 2x xmllint's time at 10 MB, less than
# xmllint's at 100 MB, peak memory under 3x the input).  Standalone:
#
#     STENO=./steno sh tests/bench/xml.sh
#
# It reports and never judges; it fails only when a command fails.
# BENCH_DIR (default build/bench) keeps the generated inputs.

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
command -v xmllint >/dev/null 2>&1 || die "xmllint is needed (Debian: libxml2-utils)"

# input KIND BYTES: a generated file of about BYTES, made once.
input() {
	f=$DIR/bench-$2.$1
	if [ ! -f "$f" ]; then
		echo "bench-xml: generating $f" >&2
		python3 "$HERE/gen_xml.py" "$1" "$2" "$f.tmp" && mv "$f.tmp" "$f" || die "cannot generate $f"
	fi
	echo "$f"
}

# runs NAME RUNS COMMAND...: time COMMAND RUNS times into $DIR/NAME.runs.
runs() {
	name=$1 n=$2
	shift 2
	: >"$DIR/$name.runs"
	i=0
	while [ "$i" -lt "$n" ]; do
		python3 "$HERE/measure.py" $GNU_TIME "$@" >>"$DIR/$name.runs" 2>>"$DIR/$name.err" ||
			die "cannot measure $name"
		i=$((i + 1))
	done
}

# bench KIND TO BYTES RUNS
bench() {
	f=$(input "$1" "$3") || exit 1
	bytes=$(wc -c <"$f" | tr -d ' ')
	cat "$f" >/dev/null
	runs steno "$4" "$STENO" -f "$1" -t "$2" "$f"
	runs xmllint "$4" xmllint --stream --noout "$f"
	s=$(median steno) x=$(median xmllint)
	echo "$s $x" | awk -v label="$1 -> $2" -v bytes="$bytes" '{
		if ($3 > 0 || $7 > 0) { printf "  %-14s a run failed\n", label; exit 1 }
		mb = bytes / 1e6
		printf "  %-14s %8.1f MB %9.3f s %8.1f MB/s %8.1f MB peak %6.2f x input   xmllint %8.1f MB/s  steno/xmllint time %5.2f\n",
			label, mb, $1, mb / $1, $2 * 1024 / 1e6, $2 * 1024 / bytes, mb / $5, $1 / $5
	}' || failed=yes
}

failed=
echo "steno XML bench: $("$STENO" --version | head -1), $(xmllint --version 2>&1 | head -1)"
bench tei html 10000000 5
bench trs json 10000000 5
bench tei html 100000000 3
bench trs json 100000000 3
[ -z "$failed" ] || die "a conversion failed (stderr in $DIR/*.err)"
