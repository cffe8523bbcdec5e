# Captions: the WebVTT and SubRip readers against the web-platform-tests
# parsing cases and the real files of the shared corpus (both skipped
# when the corpus is absent), and hostile input: clear errors or
# warnings, no crash, time linear in the input (measured as the ratio
# of two sizes, never as seconds).

WPT=$SHARED/vtt/wpt

captions_wpt() {
	node "$HERE/captions_wpt.js" "$STENO" "$WPT" "$HERE/captions_wpt_known.txt" >"$TMP/wpt.out"
	rc=$?
	cat "$TMP/wpt.out"
	tail -1 "$TMP/wpt.out" | grep -q '^wpt: [0-9]* passed, 0 failed' && [ "$rc" -eq 0 ]
}

# A real file: the reader alone keeps every spoken word once, in order,
# every cue's time, and names its voices; with the passes too, it
# converts without a word lost.
captions_real() { # FILE
	"$STENO" --passes=-transcript,-quotes -t json "$1" >"$TMP/cap.json" 2>"$TMP/cap.err" &&
		python3 "$HERE/lib/captions_words.py" --exact --times --speakers "$1" "$TMP/cap.json" &&
		"$STENO" -t json "$1" >"$TMP/cap-passes.json" 2>/dev/null &&
		python3 "$HERE/lib/captions_words.py" "$1" "$TMP/cap-passes.json" &&
		"$STENO" -s "$1" >"$TMP/cap.html" 2>/dev/null && valid_xml "$TMP/cap.html"
}

# The cue count of compact JSON: its time nodes with an "end".
cue_count() {
	grep -o '"type":"time","ms":[0-9]*,"text":"[^"]*","attributes":{"end"' "$1" | wc -l | tr -d ' '
}

# Seconds of user and system time steno takes to convert FILE to JSON.
cpu_seconds() { # FILE [OPTIONS...]
	file=$1; shift
	python3 - "$STENO" "$file" "$@" <<'PY'
import resource, subprocess, sys
steno, path, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path, "rb") as f:
    subprocess.run([steno, *opts, "-t", "json", "-o", "/dev/null", path], check=False,
                   stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_utime + r.ru_stime)
PY
}

# Linear: four times the input takes under eight times as long (four
# is linear, sixteen quadratic), the smaller run long enough to time.
scales_linearly() { # NAME GENERATOR N
	python3 "$HERE/lib/captions_gen.py" "$2" "$3" >"$TMP/$1-1.$4"
	python3 "$HERE/lib/captions_gen.py" "$2" $(($3 * 4)) >"$TMP/$1-4.$4"
	t1=$(cpu_seconds "$TMP/$1-1.$4")
	t4=$(cpu_seconds "$TMP/$1-4.$4")
	echo "$1: $(wc -c <"$TMP/$1-1.$4") bytes in ${t1}s, four times that in ${t4}s"
	python3 -c 'import sys; t1, t4 = map(float, sys.argv[1:]); sys.exit(not t4 < 8 * max(t1, 0.05))' "$t1" "$t4"
}

# The peak resident memory, in KiB, of steno converting FILE.
peak_kib() { # FILE [OPTIONS...]
	file=$1; shift
	python3 - "$STENO" "$file" "$@" <<'PY'
import resource, subprocess, sys
steno, path, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
subprocess.run([steno, *opts, "-o", "/dev/null", path], check=False, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}

# Input that is UTF-8 already is the document's own, not copied: it
# takes less memory, by half its size at least, than the same input
# with one byte that is not UTF-8, which is decoded into a copy.
input_not_copied() {
	python3 "$HERE/lib/captions_gen.py" bytes 8000000 >"$TMP/mem.vtt" &&
		{ cat "$TMP/mem.vtt"; printf '\n\n00:00.000 --> 00:01.000\nna\357ve\n'; } >"$TMP/mem-1252.vtt" || return 1
	clean=$(peak_kib "$TMP/mem.vtt" -t json)
	damaged=$(peak_kib "$TMP/mem-1252.vtt" -t json)
	echo "peak KiB: UTF-8 $clean, with a Windows-1252 byte $damaged"
	[ $((clean + 8000000 / 2048)) -lt "$damaged" ]
}

# Writing captions streams: SRT takes no more memory than JSON, which
# holds nothing beside the document (within a tenth).
captions_stream() {
	python3 "$HERE/lib/captions_gen.py" bytes 8000000 >"$TMP/mem.vtt" || return 1
	json=$(peak_kib "$TMP/mem.vtt" -t json)
	srt=$(peak_kib "$TMP/mem.vtt" -t srt)
	echo "peak KiB: to JSON $json, to SRT $srt"
	[ $((srt * 10)) -le $((json * 11)) ]
}

million_cues() {
	python3 "$HERE/lib/captions_gen.py" cues 1000001 >"$TMP/million.vtt" &&
		"$STENO" --passes=-transcript,-quotes -t json "$TMP/million.vtt" >"$TMP/million.json" &&
		[ "$(cue_count "$TMP/million.json")" = 1000001 ]
}

million_lines() {
	python3 "$HERE/lib/captions_gen.py" lines 1000000 >"$TMP/lines.srt" &&
		"$STENO" -t json "$TMP/lines.srt" >"$TMP/lines.json" &&
		[ "$(grep -o '"soft_break"' "$TMP/lines.json" | wc -l | tr -d ' ')" = 999999 ] &&
		grep -q ' 999999"' "$TMP/lines.json"
}

# Timestamps past any recording's length: the cue is left out with a
# warning naming its line, the others are read.
overflowing_times() {
	printf 'WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\nlost\n\n00:01.000 --> 00:02.000\nkept\n' >"$TMP/over.vtt"
	"$STENO" -t json "$TMP/over.vtt" >"$TMP/over.json" 2>"$TMP/over.err" &&
		grep -q 'warning: 1 cue(s) left out: timings not understood (the first at line 3)' "$TMP/over.err" &&
		[ "$(cue_count "$TMP/over.json")" = 1 ] &&
		printf '1\n999999999999999:00:00,000 --> 00:00:01,000\nlost\n\n2\n00:00:01,000 --> 00:00:02,000\nkept\n' >"$TMP/over.srt" &&
		"$STENO" -t json "$TMP/over.srt" >"$TMP/over.json" 2>"$TMP/over.err" &&
		grep -q 'warning: 3 line(s) outside any cue left out (the first at line 1)' "$TMP/over.err" &&
		[ "$(cue_count "$TMP/over.json")" = 1 ]
}

# A file of NUL bytes: WebVTT refuses it (no signature), SubRip finds no
# cue and says what it left out.
nul_file() {
	head -c 1000000 /dev/zero >"$TMP/nul.vtt"
	"$STENO" "$TMP/nul.vtt" >/dev/null 2>"$TMP/nul.err"
	[ $? -eq 1 ] && grep -q 'not WebVTT' "$TMP/nul.err" || return 1
	cp "$TMP/nul.vtt" "$TMP/nul.srt"
	"$STENO" -t json "$TMP/nul.srt" >"$TMP/nul.json" 2>"$TMP/nul.err" &&
		grep -q 'replaced with U+FFFD' "$TMP/nul.err" && grep -q 'outside any cue' "$TMP/nul.err" &&
		[ "$(cue_count "$TMP/nul.json")" = 0 ]
}

# UTF-16 without a byte-order mark reads as UTF-16, with a warning.
utf16_without_bom() {
	for ext in vtt srt; do
		case $ext in
		vtt) text='WEBVTT\n\n00:01.000 --> 00:02.000\nΓεια σου, κόσμε\n' ;;
		srt) text='1\n00:00:01,000 --> 00:00:02,000\nΓεια σου, κόσμε\n' ;;
		esac
		for enc in utf-16-le utf-16-be; do
			python3 -c 'import sys; sys.stdout.buffer.write(sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8").encode(sys.argv[2]))' \
				"$text" "$enc" >"$TMP/u16.$ext"
			"$STENO" -t json "$TMP/u16.$ext" >"$TMP/u16.json" 2>"$TMP/u16.err" &&
				grep -q 'no byte-order mark but reads as UTF-16' "$TMP/u16.err" &&
				grep -q 'κόσμε' "$TMP/u16.json" || return 1
		done
	done
}

# A tag that opens a cue's text, before anything was put in the text
# buffer: the element opens with no class nor annotation (under the
# sanitizers, offsetting the buffer not yet there was undefined).
tag_first_in_cue() {
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\n<i>hi</i> <b.loud>there</b>\n' >"$TMP/tag-first.vtt" &&
		"$STENO" -t json "$TMP/tag-first.vtt" >"$TMP/tag-first.json" &&
		grep -q '"text":"hi"' "$TMP/tag-first.json" && grep -q '"text":"there"' "$TMP/tag-first.json"
}

run_captions() {
	check "captions: a tag first in a cue's text" tag_first_in_cue
	if [ ! -d "$WPT" ]; then
		skip "captions: web-platform-tests cases (no shared corpus)"
	elif ! command -v node >/dev/null; then
		skip "captions: web-platform-tests cases (no node)"
	else
		check "captions: web-platform-tests WebVTT parsing, all but the cases judged wrong" captions_wpt
	fi
	if [ -d "$SHARED/vtt" ]; then
		for f in "$SHARED"/vtt/*.vtt "$SHARED"/srt/*.srt; do
			check "captions: ${f##*/}: words once and in order, cue times, voices" captions_real "$f"
		done
	else
		skip "captions: real WebVTT and SubRip files (no shared corpus)"
	fi
	check "captions: 1 000 001 cues, each one a time node" million_cues
	check "captions: a cue of a million lines keeps every line" million_lines
	check "captions: timestamps past 1 000 000 hours: the cue left out, a warning" overflowing_times
	check "captions: a file of NUL bytes: refused (WebVTT), no cue and a warning (SubRip)" nul_file
	check "captions: UTF-16 without a byte-order mark, both byte orders" utf16_without_bom
	check "captions: UTF-8 input is kept, not copied" input_not_copied
	check "captions: writing SRT takes no more memory than writing JSON" captions_stream
	check "captions: time linear in the number of cues" scales_linearly cues cues 200000 vtt
	check "captions: time linear in the lines of one cue" scales_linearly lines lines 250000 srt
	check "captions: time linear in rolling captions" scales_linearly rolling rolling 50000 vtt
}
