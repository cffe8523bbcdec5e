# The XML layer under the reliability probe: encodings libxml2 could
# not decode, XInclude of what is not a file, repeated xml:id values.
# Each test is named after what it checks.

RX=$TMP/rx

# Transcriber text in an encoding, with bad spliced in before the last
# turn's words: make_encoded FILE ENCODING BAD (BAD as Python bytes).
make_encoded() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
path, enc, bad = sys.argv[1], sys.argv[2], eval(sys.argv[3])
doc = (f'<?xml version="1.0" encoding="{enc}"?>\n'
       '<Trans><Episode><Section type="report">\n'
       '<Turn speaker="s1"><Sync time="0"/>こんにちは 世界</Turn>\n'
       '<Turn speaker="s2"><Sync time="1"/>end text</Turn>\n'
       '</Section></Episode></Trans>\n').encode(enc.lower().replace("-", "_"))
at = doc.index(b"end text")
open(path, "wb").write(doc[:at] + bad + doc[at:])
PY
}

# run_xml_cmd CODE ARGS...: the command exits with CODE and every line
# on its stderr is steno's own (libxml2 printed its own lines before).
only_steno_says() {
	want=$1; shift
	"$@" >"$RX/out" 2>"$RX/err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, want $want"; cat "$RX/err"; return 1; }
	! grep -v '^steno: ' "$RX/err" || { echo "stderr has lines that are not steno's"; return 1; }
}

err_has() { grep -q -- "$1" "$RX/err" || { echo "stderr lacks '$1':"; cat "$RX/err"; return 1; }; }

invalid_shift_jis_is_an_error_at_its_place() {
	make_encoded "$RX/sjis-bad.trs" SHIFT_JIS 'b"\x81\xff"' &&
		only_steno_says 1 "$STENO" -t json "$RX/sjis-bad.trs" &&
		err_has "^steno: $RX/sjis-bad.trs:4:36: not valid SHIFT_JIS: bytes 0x81 0xFF"
}

invalid_iso_2022_jp_is_an_error_at_its_place() {
	make_encoded "$RX/jis-bad.trs" ISO-2022-JP 'b"\x1b$B\x74\x7e\x1b(B"' &&
		only_steno_says 1 "$STENO" -t json "$RX/jis-bad.trs" &&
		err_has "^steno: $RX/jis-bad.trs:4:36: not valid ISO-2022-JP: bytes 0x74 0x7E"
}

# --recover: the bytes become one U+FFFD, a warning names them, and the
# text after them is all there.
recover_replaces_undecodable_bytes() {
	make_encoded "$RX/sjis-bad.trs" SHIFT_JIS 'b"\x81\xff"' &&
		only_steno_says 0 "$STENO" --recover -t json "$RX/sjis-bad.trs" &&
		err_has "warning: 4:36: not valid SHIFT_JIS: 2 bytes (0x81 0xFF) replaced by U+FFFD" &&
		grep -q '"text":"�end text"' "$RX/out" || { cat "$RX/out"; return 1; }
}

valid_shift_jis_converts_whole() {
	make_encoded "$RX/sjis.trs" SHIFT_JIS 'b""' &&
		only_steno_says 0 "$STENO" -t json "$RX/sjis.trs" && [ ! -s "$RX/err" ] &&
		grep -q '"text":"こんにちは 世界"' "$RX/out" && grep -q '"text":"end text"' "$RX/out" ||
		{ cat "$RX/out"; return 1; }
}

# A character cut in two by the 256 KiB chunks the input is read in is
# joined again: two-byte SHIFT_JIS after a prefix of odd length
# straddles every chunk boundary.
characters_across_chunks_convert_whole() {
	python3 - "$RX/long-sjis.xml" <<'PY'
import sys
head = '<?xml version="1.0" encoding="SHIFT_JIS"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
head += "x" * (1 - len(head) % 2)
doc = head + "世界" * 600000 + "</p></body></text></TEI>\n"
open(sys.argv[1], "wb").write(doc.encode("shift_jis"))
PY
	only_steno_says 0 "$STENO" -t json "$RX/long-sjis.xml" && [ ! -s "$RX/err" ] &&
		python3 - "$RX/out" <<'PY'
import json, sys
text = json.load(open(sys.argv[1]))["children"][0]["children"][0]["text"]
assert text.lstrip("x") == "世界" * 600000, (len(text), text[:20])
PY
}

# An encoding libxml2 decodes itself (EBCDIC, told by its first bytes):
# when its converter gives up, that is an error too, in steno's words.
libxml2_converter_failure_is_reported() {
	python3 - "$RX/ebcdic.trs" <<'PY'
import sys
body = '<Trans><Episode><Section type="report"><Turn speaker="s1"><Sync time="0"/>abc</Turn></Section></Episode></Trans>\n'.encode("cp037")
at = body.index("abc".encode("cp037"))
decl = '<?xml version="1.0" encoding="IBM939"?>\n'.encode("cp037")
open(sys.argv[1], "wb").write(decl + body[:at] + b"\x0e\xff\xff\x0f" + body[at:])
PY
	only_steno_says 1 "$STENO" -t json "$RX/ebcdic.trs" &&
		only_steno_says 0 "$STENO" --recover -t json "$RX/ebcdic.trs" &&
		err_has "could not be decoded from IBM939 and was dropped"
}

make_include() {
	mkdir -p "$RX/inc"
	cat >"$RX/inc/main.xml" <<'EOF'
<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><text><body>
<p>before</p>
<xi:include href="part.xml"/>
<p>after</p>
</body></text></TEI>
EOF
	rm -rf "$RX/inc/part.xml"
}

xinclude_missing_warns_through_steno() {
	make_include
	only_steno_says 0 "$STENO" --xinclude -t json "$RX/inc/main.xml" &&
		err_has "warning: xi:include 'part.xml' not read"
}

xinclude_broken_fails_through_steno() {
	make_include
	printf '<?xml version="1.0"?>\n<div xmlns="http://www.tei-c.org/ns/1.0"><p>broken</div>\n' \
		>"$RX/inc/part.xml"
	only_steno_says 1 "$STENO" --xinclude -t json "$RX/inc/main.xml" &&
		err_has "in part.xml: Opening and ending tag mismatch"
}

xinclude_undecodable_fails_through_steno() {
	make_include
	printf '<?xml version="1.0" encoding="SHIFT_JIS"?>\n<p xmlns="http://www.tei-c.org/ns/1.0">bad \201\377 here</p>\n' \
		>"$RX/inc/part.xml"
	only_steno_says 1 "$STENO" --xinclude -t json "$RX/inc/main.xml" &&
		err_has "in part.xml: not valid SHIFT_JIS: bytes 0x81 0xFF"
}

# Opening a FIFO waits for a writer: an include of one must neither
# open it that way nor read it (timeout turns a hang into a failure).
xinclude_fifo_is_not_read() {
	make_include
	mkfifo "$RX/inc/part.xml" || return 1
	only_steno_says 0 timeout 10 "$STENO" --xinclude -t json "$RX/inc/main.xml" &&
		err_has "warning: xi:include 'part.xml' not read: not a regular file" &&
		grep -q '"after"' "$RX/out"
}

xinclude_folder_is_not_read() {
	make_include
	mkdir "$RX/inc/part.xml" &&
		only_steno_says 0 timeout 10 "$STENO" --xinclude -t json "$RX/inc/main.xml" &&
		err_has "warning: xi:include 'part.xml' not read: not a regular file"
}

# no_repeated_ids HTML: no id, xml:id (data-xml.3aid) or listed speaker
# appears twice in the page.
no_repeated_ids() {
	python3 - "$1" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
seen = collections.Counter()
for el in ET.parse(sys.argv[1]).iter():
    for name in ("id", "data-xml.3aid"):
        if name in el.attrib:
            seen[(name, el.attrib[name])] += 1
    if el.tag.endswith("li") and "data-speaker" in el.attrib:
        seen[("speaker", el.attrib["data-speaker"])] += 1
twice = [k for k, n in seen.items() if n > 1]
assert seen and not twice, f"repeated: {twice}"
PY
}

# Two persons with one xml:id, two with one n, two utterances with one
# xml:id, and a paragraph with a division's.
repeated_tei_ids_are_renamed() {
	cat >"$RX/dup.xml" <<'EOF'
<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>
<person xml:id="A"><persName>Anna One</persName></person>
<person xml:id="A"><persName>Anna Two</persName></person>
<person n="B"><persName>Bert One</persName></person>
<person n="B"><persName>Bert Two</persName></person>
</listPerson></particDesc></profileDesc></teiHeader>
<text><body><div xml:id="d1">
<u who="#A" xml:id="u1">Hello.</u>
<u who="#B" xml:id="u1">Again.</u>
<p xml:id="d1">x</p>
</div></body></text></TEI>
EOF
	only_steno_says 0 "$STENO" -s "$RX/dup.xml" -o "$RX/dup.html" &&
		err_has "warning: 4:[0-9]*: xml:id 'A' is used before: this one is read as 'A-2'" &&
		err_has "warning: 6:[0-9]*: person id 'B' is used before: this one is read as 'B-2'" &&
		err_has "warning: 10:[0-9]*: xml:id 'u1' is used before: this one is read as 'u1-2'" &&
		err_has "warning: 11:[0-9]*: xml:id 'd1' is used before: this one is read as 'd1-2'" &&
		no_repeated_ids "$RX/dup.html" &&
		"$STENO" -t json "$RX/dup.xml" 2>/dev/null | python3 -c '
import json, sys
doc = json.load(sys.stdin)
names = {s["id"]: s["name"] for s in doc["speakers"]}
assert names == {"A": "Anna One", "A-2": "Anna Two", "B": "Bert One", "B-2": "Bert Two"}, names'
}

repeated_transcriber_speakers_are_renamed() {
	cat >"$RX/dup.trs" <<'EOF'
<?xml version="1.0"?>
<Trans><Speakers>
<Speaker id="spk1" name="Alice"/>
<Speaker id="spk1" name="Bob"/>
</Speakers><Episode><Section type="report">
<Turn speaker="spk1"><Sync time="0"/>hi</Turn>
</Section></Episode></Trans>
EOF
	only_steno_says 0 "$STENO" -s "$RX/dup.trs" -o "$RX/dup-trs.html" &&
		err_has "warning: 4:[0-9]*: Speaker id 'spk1' is used before: this one is read as 'spk1-2'" &&
		no_repeated_ids "$RX/dup-trs.html" &&
		"$STENO" -t json "$RX/dup.trs" 2>/dev/null | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert [(s["id"], s["name"]) for s in doc["speakers"]] == [("spk1", "Alice"), ("spk1-2", "Bob")], doc["speakers"]
assert doc["children"][0]["children"][0]["speakers"] == ["spk1"]'
}

# One id on 50 000 elements: each repeat takes the next free suffix at
# once (no search from -2 up), the first 20 are named, then a count.
many_repeats_of_one_id() {
	python3 -c '
print("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>")
for i in range(50000):
    print("<p xml:id=\"x\">w</p>")
print("<p xml:id=\"x-3\">w</p></body></text></TEI>")' >"$RX/many.xml" &&
		only_steno_says 0 timeout 10 "$STENO" -s "$RX/many.xml" -o "$RX/many.html" &&
		[ "$(grep -c "xml:id 'x' is used before" "$RX/err")" -eq 20 ] &&
		err_has "warning: 49980 more repeated xml:id values renamed" &&
		no_repeated_ids "$RX/many.html"
}

many_repeated_speakers_are_counted() {
	python3 -c '
print("<Trans><Speakers>")
for i in range(100):
    print("<Speaker id=\"s\" name=\"N%d\"/>" % i)
print("</Speakers></Trans>")' >"$RX/many.trs" &&
		only_steno_says 0 "$STENO" -t json "$RX/many.trs" &&
		[ "$(grep -c "Speaker id 's' is used before" "$RX/err")" -eq 20 ] &&
		err_has "warning: 79 more repeated Speaker id values renamed"
}

# An included file shares the including one's ids.
included_ids_stay_unique() {
	make_include
	sed -i 's|<p>before</p>|<p xml:id="p1">before</p>|' "$RX/inc/main.xml"
	printf '<p xmlns="http://www.tei-c.org/ns/1.0" xml:id="p1">inc</p>\n' >"$RX/inc/part.xml"
	only_steno_says 0 "$STENO" --xinclude -s "$RX/inc/main.xml" -o "$RX/inc.html" &&
		err_has "xml:id 'p1' is used before: this one is read as 'p1-2'" &&
		no_repeated_ids "$RX/inc.html"
}

# Times too long for any clock (a fuzzer's "175390185488150:00:00",
# hours by the hundred trillion): no time, every word kept, and in the
# sanitizer build no signed overflow.
overflowing_times_are_no_times() {
	cat >"$RX/times.tei" <<'TEI'
<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>
<timeline unit="s"><when xml:id="T0" absolute="175390185488150:00:00"/>
<when xml:id="T1" interval="PT99999999999999H" since="#T0"/>
<when xml:id="T2" interval="99999999999999999999999" since="#T0"/></timeline>
<body><annotationBlock who="A" start="#T0" end="#T1"><u>Early words.</u></annotationBlock>
<annotationBlock who="B" start="#T2" end="#T2"><u>Late words.</u></annotationBlock></body></text></TEI>
TEI
	printf '<Trans><Episode><Section type="report" startTime="0" endTime="1e400"><Turn startTime="99999999999999999999" endTime="999999999999999999999.5"><Sync time="99999999999999999999"/>Sync words.</Turn></Section></Episode></Trans>\n' >"$RX/times.trs"
	for f in times.tei times.trs; do
		"$STENO" -t json "$RX/$f" >"$RX/$f.json" || return 1
		python3 - "$RX/$f.json" <<'PY' || return 1
import json, sys
doc = json.load(open(sys.argv[1]))
def walk(n, out):
    if isinstance(n, dict):
        if n.get("type") == "turn":
            assert n.get("start") is None or 0 <= n["start"] < 2**62, n.get("start")
        if "text" in n:
            out.append(n["text"])
        for v in n.values():
            walk(v, out)
    elif isinstance(n, list):
        for v in n:
            walk(v, out)
    return out
text = " ".join(walk(doc, []))
assert "words" in text, text
PY
	done
}

run_reliability_xml() {
	mkdir -p "$RX"
	check "XML: times too long for any clock are no times, and overflow nothing" overflowing_times_are_no_times
	check "XML: invalid SHIFT_JIS is an error at its line and column" invalid_shift_jis_is_an_error_at_its_place
	check "XML: invalid ISO-2022-JP is an error at its line and column" invalid_iso_2022_jp_is_an_error_at_its_place
	check "XML: --recover replaces undecodable bytes and says which" recover_replaces_undecodable_bytes
	check "XML: valid SHIFT_JIS converts whole" valid_shift_jis_converts_whole
	check "XML: characters cut by read chunks convert whole" characters_across_chunks_convert_whole
	check "XML: libxml2's own converter failing is steno's error" libxml2_converter_failure_is_reported
	check "XML: a missing xi:include warns through steno only" xinclude_missing_warns_through_steno
	check "XML: a broken xi:include fails through steno only" xinclude_broken_fails_through_steno
	check "XML: an undecodable xi:include fails through steno only" xinclude_undecodable_fails_through_steno
	check "XML: an xi:include of a FIFO returns at once, unread" xinclude_fifo_is_not_read
	check "XML: an xi:include of a folder is not read" xinclude_folder_is_not_read
	check "XML: repeated TEI ids are renamed, the first kept" repeated_tei_ids_are_renamed
	check "XML: repeated Transcriber speakers are renamed, the first kept" repeated_transcriber_speakers_are_renamed
	check "XML: many repeats of one id are renamed at once" many_repeats_of_one_id
	check "XML: many repeated Speakers are named 20 times, then counted" many_repeated_speakers_are_counted
	check "XML: an included file's ids stay unique" included_ids_stay_unique
}
