#!/bin/sh
# The captions benchmark: `steno -f vtt -t json` on ~100 MB of generated
# WebVTT (cues of one or two lines, three voices, tags and pauses, as
# tests/lib/captions_gen.py makes them) and `-t srt`, against `cat` and, when it is
# installed, ffmpeg's subtitle conversion of the same file (-i x.vtt
# y.srt) in the same run.  tests/bench/run.sh runs it at its end;
# standalone:
#
#     STENO=./steno sh tests/bench/captions.sh [BYTES]
#
# Prints median wall and CPU time, MB/s, peak RSS and its ratio to the
# input, and ffmpeg's time over steno's by each median.
# It reports and never judges speed; it fails only when a conversion
# fails or it cannot run.

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/common.sh"
BYTES=${1:-100000000}
RUNS=3

f=$DIR/captions-$BYTES.vtt
if [ ! -f "$f" ]; then
	echo "bench: generating $f" >&2
	python3 "$HERE/../lib/captions_gen.py" bytes "$BYTES" >"$f.tmp" && mv "$f.tmp" "$f" ||
		die "cannot generate $f"
fi
bytes=$(wc -c <"$f" | tr -d ' ')
HAVE_FFMPEG=
command -v ffmpeg >/dev/null 2>&1 && HAVE_FFMPEG=yes

measure() { # measure NAME
	case $1 in
	steno) set -- "$1" "$STENO" -f vtt -t json -o /dev/null "$f" ;;
	srt) set -- "$1" "$STENO" -f vtt -t srt -o /dev/null "$f" ;;
	cat) set -- "$1" cat "$f" ;;
	ffmpeg) set -- "$1" ffmpeg -loglevel error -y -i "$f" -f srt /dev/null ;;
	esac
	name=$1
	shift
	python3 "$HERE/measure.py" $GNU_TIME "$@" >>"$DIR/cap-$name.runs" 2>>"$DIR/cap-$name.err" ||
		die "cannot measure $name"
}

names="steno srt cat${HAVE_FFMPEG:+ ffmpeg}"
for name in $names; do : >"$DIR/cap-$name.runs" && : >"$DIR/cap-$name.err"; done
cat "$f" >/dev/null
i=0
while [ "$i" -lt "$RUNS" ]; do
	for name in $names; do measure "$name"; done
	i=$((i + 1))
done
echo
echo "WebVTT, $(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') ($bytes bytes), median of $RUNS runs"
printf "  %-30s %9s %9s %9s %9s %9s\n" "conversion" "median s" "cpu s" "MB/s" "peak MB" "RSS/in"
failed=
for name in $names; do
	case $name in
	steno) label="vtt -> json" ;; srt) label="vtt -> srt" ;; cat) label="cat" ;;
	ffmpeg) label="ffmpeg vtt -> srt" ;;
	esac
	median "cap-$name" | awk -v label="$label" -v bytes="$bytes" '{
		if ($3 > 0) { printf "  %-30s %d of the runs failed\n", label, $3; exit 1 }
		printf "  %-30s %9.3f %9.3f %9.1f %9.1f %9.2f\n", label, $1, $4, bytes / 1e6 / $1, $2 * 1024 / 1e6, $2 * 1024 / bytes
	}' || failed=yes
done
if [ -n "$HAVE_FFMPEG" ]; then
	echo "  ffmpeg / steno time: $(ratio cap-ffmpeg cap-steno) (vtt -> json)"
	echo "  ffmpeg / steno time: $(ratio cap-ffmpeg cap-srt) (vtt -> srt)"
else
	echo "  ffmpeg: not installed"
fi
[ -z "$failed" ] || die "a conversion failed (stderr in $DIR/cap-*.err)"
