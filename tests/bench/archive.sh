#!/bin/sh
# The archive benchmark: 1 000 generated transcripts (100 MB in all) to a
# ZIP bundle and to an EPUB, with -j 1 and -j 2, against converting the
# same files to HTML into a folder and compressing those with gzip -6,
# timed in the same run.  Prints median wall time, MB/s of input, peak
# RSS, the median CPU time over the wall time (how many processors a
# command kept busy: -j 2 can only be as much faster as the machine
# leaves it a second processor), the ratios and the load average before
# and after.  Like run.sh it reports and never judges: it fails only
# when a command fails or cannot run.
#
#     STENO=./steno sh tests/bench/archive.sh      (make bench runs it too)
#
# BENCH_DIR (default build/bench) keeps the generated corpus between runs.

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
RUNS=${RUNS:-3}
FILES=1000
BYTES=100000000
command -v gzip >/dev/null 2>&1 || die "gzip is needed"

# The corpus: one seeded 100 MB transcript cut into 1 000 files at line
# ends, so every run and machine reads the same bytes.
CORPUS=$DIR/archive-corpus
if [ "$(ls "$CORPUS" 2>/dev/null | wc -l)" -ne "$FILES" ]; then
	echo "bench: generating $CORPUS" >&2
	rm -rf "$CORPUS" && mkdir -p "$CORPUS" &&
		python3 "$HERE/gen.py" "$BYTES" "$DIR/archive-all.txt" &&
		(cd "$CORPUS" && split -d -a 4 -n l/$FILES --additional-suffix=.txt ../archive-all.txt t) &&
		rm -f "$DIR/archive-all.txt" || die "cannot generate the corpus"
fi
INPUT_BYTES=$(cat "$CORPUS"/*.txt | wc -c | tr -d ' ')
OUT=$DIR/archive-out

# measure NAME COMMAND...: one timed run, "SECONDS PEAK_KIB STATUS
# CPU_SECONDS" appended to $DIR/NAME.runs.
measure() {
	name=$1
	shift
	rm -rf "$OUT" && mkdir -p "$OUT"
	python3 "$HERE/measure.py" $GNU_TIME "$@" >>"$DIR/$name.runs" 2>>"$DIR/$name.err" ||
		die "cannot measure $name"
}

# The load average over the last minute, as uptime shows it.
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

# The baseline: HTML pages into a folder, then gzip -6 of each.
HTML_GZIP="'$STENO' -j 1 -t html -o '$OUT/html/' '$CORPUS' -r && gzip -6 -r '$OUT/html'"

names="zip1 zip2 epub1 epub2 htmlgz"
for n in $names; do : >"$DIR/$n.runs" && : >"$DIR/$n.err"; done
cat "$CORPUS"/*.txt >/dev/null # into the page cache first
load_before=$(load)
i=0
while [ "$i" -lt "$RUNS" ]; do
	measure zip1 "$STENO" -j 1 -r -t zip "$CORPUS" -o "$OUT/c.zip"
	measure zip2 "$STENO" -j 2 -r -t zip "$CORPUS" -o "$OUT/c.zip"
	measure epub1 "$STENO" -j 1 -r -t epub "$CORPUS" -o "$OUT/c.epub"
	measure epub2 "$STENO" -j 2 -r -t epub "$CORPUS" -o "$OUT/c.epub"
	measure htmlgz sh -c "$HTML_GZIP"
	i=$((i + 1))
done
failed=
for n in $names; do
	[ "$(median "$n" | cut -d' ' -f3)" -eq 0 ] || { echo "bench: $n failed (see $DIR/$n.err)" >&2; failed=yes; }
done
[ -z "$failed" ] || exit 1

load_after=$(load)

base=$(median htmlgz | cut -d' ' -f1)
echo
echo "archives: $FILES transcripts, $INPUT_BYTES bytes, median of $RUNS runs, $(nproc 2>/dev/null || echo '?') processors"
echo "  load average (1 min) before $load_before, after $load_after"
printf "  %-26s %9s %9s %9s %8s %12s\n" "conversion" "median s" "MB/s" "peak MB" "cpu/wall" "x html+gzip"
row() {
	median "$2" | awk -v label="$1" -v bytes="$INPUT_BYTES" -v base="$base" '{
		printf "  %-26s %9.3f %9.1f %9.1f %8.2f %12.2f\n", label, $1, bytes / 1e6 / $1, $2 * 1024 / 1e6, $4 / $1, $1 / base }'
}
row "zip bundle -j 1" zip1
row "zip bundle -j 2" zip2
row "epub -j 1" epub1
row "epub -j 2" epub2
row "html folder + gzip -6" htmlgz
awk -v z1="$(median zip1 | cut -d' ' -f1)" -v z2="$(median zip2 | cut -d' ' -f1)" \
	-v e1="$(median epub1 | cut -d' ' -f1)" -v e2="$(median epub2 | cut -d' ' -f1)" \
	'BEGIN { printf "  -j 2 over -j 1 (median wall time): zip %.2fx as fast, epub %.2fx as fast\n", z1 / z2, e1 / e2 }'
