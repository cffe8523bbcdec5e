# Captions out: the WebVTT and SRT writers (formats/captions-writing.md).
#
# Golden cases are the lines of CAPTION_CASES, NAME INPUT [OPTIONS...],
# the input relative to tests/golden/captions, and NAME.vtt and NAME.srt
# there the expected outputs.  Every output, golden or of the shared
# corpus, is checked by cue_check.py (well formed, timings increasing,
# within the limits, every word once and in order, one speaker a cue,
# the one it names) and, where they are installed, by the W3C
# validator's WebVTT parser (npm's webvtt-parser) and Debian's
# python3-srt; each reports itself skipped where it is not.

CAPTIONS=$HERE/golden/captions
CAPTION_CASES="interview interview.trs
interview-narrow interview.trs --cue-chars 20 --cue-lines 1
interview-roomy interview.trs --cue-chars 60 --cue-lines 3 --cue-seconds 12
timed timed.txt
timed-short timed.txt --cue-seconds 2.5 --metadata kind=captions
tabs tabs.txt
odd-times odd-times.trs
trs-radio ../trs-radio.trs
tei-timeline ../tei-timeline.tei
cues cues.tei --metadata header=Council --metadata region.r1=id:r1 --metadata style=::cue{color:lime}
cues-resplit cues.tei --cue-chars 42 --metadata header=Council"

# The limits OPTIONS set, as cue_check.py takes them: CHARS LINES SECONDS.
cue_limits() {
	chars=42 lines=2 seconds=7
	while [ $# -gt 0 ]; do
		case $1 in
		--cue-chars) chars=$2 ;;
		--cue-lines) lines=$2 ;;
		--cue-seconds) seconds=$2 ;;
		esac
		shift
	done
	echo "$chars $lines $seconds"
}

vtt_validator() {
	command -v node >/dev/null 2>&1 &&
		NODE_PATH=${NODE_PATH:-$(npm root -g 2>/dev/null)} node -e 'require("webvtt-parser")' 2>/dev/null
}

# A Python that has the srt module (Debian's is not always the first).
srt_python() {
	for py in python3 /usr/bin/python3; do
		"$py" -c 'import srt' 2>/dev/null && { echo "$py"; return 0; }
	done
	return 1
}

# FMT CAPTIONS: the independent parser reads as many cues as were written.
captions_parse() {
	cues=$(grep -c -E '^[0-9]{2,}:[0-9]{2}:[0-9]{2}[.,][0-9]{3} --> ' "$2")
	if [ "$1" = vtt ]; then
		NODE_PATH=${NODE_PATH:-$(npm root -g 2>/dev/null)} node "$HERE/lib/vtt_validate.js" "$2" "$cues"
	else
		"$(srt_python)" - "$2" "$cues" <<'PY'
import srt, sys
subs = list(srt.parse(open(sys.argv[1], encoding="utf-8").read()))
assert len(subs) == int(sys.argv[2]), (len(subs), sys.argv[2])
assert all(a.start <= b.start for a, b in zip(subs, subs[1:]))
assert all(s.start <= s.end for s in subs)  # a cue of the source may be empty
PY
	fi
}

# FMT CAPTIONS JSON [OPTIONS...]: cue_check.py with the options' limits.
captions_valid() {
	fmt=$1 out=$2 json=$3
	shift 3
	# shellcheck disable=SC2046 # three numbers
	python3 "$HERE/lib/cue_check.py" "$fmt" "$out" "$json" $(cue_limits "$@")
}

caption_case() { # NAME INPUT OPTIONS...
	name=$1 input=$2
	shift 2
	(cd "$CAPTIONS" && "$STENO" "$@" -t json "$input") >"$TMP/cap-$name.json" 2>/dev/null
	for fmt in vtt srt; do
		out=$TMP/cap-$name.$fmt
		(cd "$CAPTIONS" && "$STENO" "$@" -t "$fmt" "$input") >"$out" 2>"$out.err"
		code=$?
		check "captions $name -t $fmt: exit 0, nothing on stderr" test "$code" -eq 0 -a ! -s "$out.err"
		check "captions $name -t $fmt: output as expected" same_file "$CAPTIONS/$name.$fmt" "$out"
		check "captions $name -t $fmt: well formed, within limits, every word once" \
			captions_valid "$fmt" "$out" "$TMP/cap-$name.json" "$@"
		if [ "$fmt" = vtt ] && ! vtt_validator; then
			skip "captions $name: no WebVTT validator (npm install -g webvtt-parser)"
		elif [ "$fmt" = srt ] && ! srt_python >/dev/null; then
			skip "captions $name: no SRT parser (apt-get install python3-srt)"
		else
			check "captions $name -t $fmt: the independent parser reads every cue" \
				captions_parse "$fmt" "$out"
		fi
	done
}

# Every file in the captions folder is a case's input or expected output.
caption_files_belong() {
	echo "$CAPTION_CASES" >"$TMP/cap-cases"
	python3 - "$TMP/cap-cases" "$CAPTIONS" <<'PY'
import os, sys
cases = [line.split() for line in open(sys.argv[1]) if line.strip()]
known = {c[1] for c in cases} | {c[0] + ext for c in cases for ext in (".vtt", ".srt")}
files = set(os.listdir(sys.argv[2]))
assert not files - known, "not a case's input or output: %s" % sorted(files - known)
missing = {c[0] + ext for c in cases for ext in (".vtt", ".srt")} - files
assert not missing, "expected outputs missing: %s" % sorted(missing)
PY
}

# The shared corpus: every file with times gives valid captions, every
# word kept; one without is refused (exit 1) and indeed has none.
corpus_captions() {
	file=$1 fmt=$2 out=$TMP/corpus-cap.$fmt
	"$STENO" -t json "$file" >"$TMP/corpus-cap.json" 2>/dev/null || return 0 # not read: xml's business
	"$STENO" -t "$fmt" "$file" >"$out" 2>"$TMP/corpus-cap.err"
	code=$?
	if [ "$code" -eq 1 ] && grep -q 'no timing information to write captions from' "$TMP/corpus-cap.err"; then
		python3 - "$TMP/corpus-cap.json" <<'PY'
import json, sys
def timed(n):
    if isinstance(n, dict):
        if n.get("type") == "turn" and ("start" in n or "end" in n) or n.get("type") == "time" and "ms" in n:
            return True
        return any(timed(v) for v in n.values())
    return isinstance(n, list) and any(timed(v) for v in n)
assert not timed(json.load(open(sys.argv[1]))), "refused, yet it has times"
PY
		return
	fi
	[ "$code" -eq 0 ] || { echo "exit $code"; cat "$TMP/corpus-cap.err"; return 1; }
	captions_valid "$fmt" "$out" "$TMP/corpus-cap.json" || return 1
	if { [ "$fmt" = vtt ] && vtt_validator; } || { [ "$fmt" = srt ] && srt_python >/dev/null; }; then
		captions_parse "$fmt" "$out"
	fi
}

no_times_refused() {
	exits_with 1 "$STENO" -t vtt "$HERE/golden/press-briefing.txt" &&
		stderr_has "no timing information to write captions from" &&
		exits_with 1 "$STENO" "$HERE/golden/press-briefing.txt" -o "$TMP/none.srt" &&
		no_file "$TMP/none.srt"
}

cue_options_refused() {
	for bad in "--cue-chars 0" "--cue-chars 1001" "--cue-chars 4x" "--cue-lines 0" \
		"--cue-lines 101" "--cue-seconds 0.05" "--cue-seconds 3601" "--cue-seconds nan" \
		"--cue-seconds 7s" "--cue-seconds="; do
		# shellcheck disable=SC2086 # an option and its value
		exits_with 2 "$STENO" $bad -t vtt "$CAPTIONS/timed.txt" &&
			stderr_has "${bad%%[ =]*} wants" || { echo "$bad"; return 1; }
	done
}

# Hostile: 10 MB in one turn, no punctuation (then no space either): cut
# into cues within the limits, every word kept, in linear time (the
# timeout catches a return to quadratic, which took minutes).
huge_turn() { # words|letters
	python3 - "$1" "$TMP/huge.txt" <<'PY'
import sys
kind, path = sys.argv[1:]
body = ("lorem ipsum dolor sit amet consectetur " * 260000) if kind == "words" else "x" * 10000000
with open(path, "w") as f:
    f.write("[00:00:01] SPEAKER: " + body + "\n\n[01:00:00] OTHER: The end.\n")
PY
	timeout 60 "$STENO" -t srt "$TMP/huge.txt" >"$TMP/huge.srt" &&
		timeout 60 "$STENO" -t json "$TMP/huge.txt" >"$TMP/huge.json" &&
		captions_valid srt "$TMP/huge.srt" "$TMP/huge.json"
}

# The checks above can fail: each way of breaking a good file is caught.
checks_catch_broken_captions() {
	good=$CAPTIONS/interview.vtt json=$TMP/cap-interview.json
	"$STENO" -t json "$CAPTIONS/interview.trs" >"$json" || return 1
	captions_valid vtt "$good" "$json" || return 1
	for edit in 's/^00:00:04.813 --> 00:00:10.135$/00:00:04.813 --> 00:00:04.000/' \
		's/^00:00:45.000 --> 00:00:52.000$/00:00:03.000 --> 00:00:52.000/' \
		's/^<v Chair Okafor>\[cough\] Thank you.$/<v clerk>[cough] Thank you./' \
		's/three years; perhaps four./three years; four./' \
		's/^planning committee is now open,$/planning committee is now open, and I would ask everyone/' \
		's/^planning committee is now open,$/planning committee/' \
		's/^WEBVTT$/WEBVTTX/'; do
		sed "$edit" "$good" >"$TMP/broken.vtt"
		! cmp -s "$good" "$TMP/broken.vtt" || { echo "no change: $edit"; return 1; }
		! captions_valid vtt "$TMP/broken.vtt" "$json" >/dev/null || { echo "not caught: $edit"; return 1; }
	done
	if vtt_validator; then
		sed 's/^00:00:04.813 --> 00:00:10.135$/00:00:04.813 --> 00:00:04.000/' "$good" >"$TMP/broken.vtt"
		! captions_parse vtt "$TMP/broken.vtt" >/dev/null || { echo "validator: not caught"; return 1; }
	fi
}

# Round trips of a caption file (formats/captions-writing.md): FIELDS of
# every cue with text kept (cue_roundtrip.py), read by the reader alone
# (reader) or with the passes (passes) on both sides.
round_trip() { # FIELDS READ FILE TO [THEN]
	fields=$1 read=$2 file=$3 to=$4 then=${5:-}
	set --
	[ "$read" = reader ] && set -- --passes=-transcript,-quotes
	"$STENO" "$@" -t json "$file" >"$TMP/rt-a.json" 2>/dev/null &&
		"$STENO" -t "$to" "$file" >"$TMP/rt-b.$to" 2>"$TMP/rt-b.err" || { cat "$TMP/rt-b.err"; return 1; }
	last=$TMP/rt-b.$to
	if [ -n "$then" ]; then
		"$STENO" -t "$then" "$last" >"$TMP/rt-c.$then" 2>/dev/null || return 1
		last=$TMP/rt-c.$then
	fi
	"$STENO" "$@" -t json "$last" >"$TMP/rt-z.json" 2>/dev/null &&
		python3 "$HERE/lib/cue_roundtrip.py" "$fields" "$TMP/rt-a.json" "$TMP/rt-z.json" >/dev/null
}

# The round trip's check is not blind: cues cut to the limits differ.
round_trip_catches_recut() {
	file=$HERE/golden/captions/cues.tei
	"$STENO" -t json "$file" >"$TMP/rc-a.json" &&
		"$STENO" --cue-chars 42 -t vtt "$file" >"$TMP/rc.vtt" &&
		"$STENO" -t json "$TMP/rc.vtt" >"$TMP/rc-b.json" &&
		! python3 "$HERE/lib/cue_roundtrip.py" times,text "$TMP/rc-a.json" "$TMP/rc-b.json" \
			>/dev/null 2>&1
}

# Voices SRT cannot carry as a label its reader takes back ("Name: ",
# capitalised words): they come back as words of the cue.
V_S_V_KNOWN="ableplayer-blocks4all_captions_en.vtt webvttjs-tags.vtt"

caption_round_trips() {
	check "captions: the round-trip check catches cues cut again" round_trip_catches_recut
	for file in "$SHARED"/vtt/*.vtt; do
		name=${file##*/}
		check "captions: $name -t vtt keeps every cue's text, times, voice, identifier, settings" \
			round_trip times,text,speaker,id,settings reader "$file" vtt
		check "captions: $name -t vtt is valid" corpus_captions "$file" vtt
		check "captions: $name -t srt is valid" corpus_captions "$file" srt
		case " $V_S_V_KNOWN " in
		*" $name "*) fields=times ;; # the voice's name is in the text
		*) fields=times,text,speaker ;;
		esac
		check "captions: $name -t srt then -t vtt keeps every cue's $fields" \
			round_trip "$fields" passes "$file" srt vtt
	done
	for file in "$SHARED"/srt/*.srt; do
		name=${file##*/}
		check "captions: $name -t srt keeps every cue's text and times" \
			round_trip times,text reader "$file" srt
		check "captions: $name -t srt is valid" corpus_captions "$file" srt
		check "captions: $name -t vtt is valid" corpus_captions "$file" vtt
	done
}

run_captions_out() {
	check "captions: the checks catch broken captions" checks_catch_broken_captions
	check "captions: every file is a case's input or output" caption_files_belong
	while read -r line <&3; do
		# shellcheck disable=SC2086 # NAME INPUT OPTIONS...
		[ -n "$line" ] && caption_case $line
	done 3<<EOF
$CAPTION_CASES
EOF
	check "captions: a document without times is refused, exit 1, no output" no_times_refused
	check "captions: --cue-* out of range are usage errors" cue_options_refused
	check "captions: 10 MB turn of words without punctuation" huge_turn words
	check "captions: 10 MB turn without a space" huge_turn letters
	if [ -d "$SHARED/trs" ] && [ -d "$SHARED/tei" ]; then
		for file in "$SHARED"/trs/*.trs "$SHARED"/tei/*.xml; do
			for fmt in vtt srt; do
				check "captions corpus ${file##*/} -t $fmt" corpus_captions "$file" "$fmt"
			done
		done
	else
		skip "captions: the shared corpus (trs, tei) is absent"
	fi
	if [ -d "$SHARED/vtt" ] && [ -d "$SHARED/srt" ]; then
		caption_round_trips
	else
		skip "captions: round trips of the shared corpus (vtt, srt are absent)"
	fi
}
