# Archives and batches: ZIP bundles checked with unzip -t, zipinfo and
# python3's zipfile (every member's CRC and content), EPUBs with
# epubcheck when it is installed, reproducibility, ZIP64, -j, output
# folders, gzip options, and failures that leave nothing half-written.

ARCHIVE_INPUTS="press-briefing.txt headings.txt lists.txt header-metadata.txt crlf.txt"

# epubcheck as CI runs it (Debian's /usr/bin/epubcheck needs binfmt).
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
have_epubcheck() { command -v java >/dev/null && [ -f "$EPUBCHECK_JAR" ]; }

# No errors and no warnings: epubcheck's own summary line says so.  The
# JVM options halve its start-up, which is most of its time here.
epub_valid() {
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$EPUBCHECK_JAR" "$1" >"$TMP/epubcheck.out" 2>&1
	grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$TMP/epubcheck.out" ||
		{ grep -E '^(FATAL|ERROR|WARNING)' "$TMP/epubcheck.out" | head -10; return 1; }
}

zip_tested() { unzip -t "$1" >"$TMP/unzip.out" 2>&1 && grep -q 'No errors detected' "$TMP/unzip.out"; }

# Every member's CRC through zipfile; the UTF-8 flag on every name;
# the manifest's sizes and checksums agree with the members.
zip_members_ok() {
	python3 - "$1" <<'PY'
import json, sys, zipfile, zlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for i in z.infolist():
    assert i.flag_bits & 0x800, i.filename
    assert not i.filename.startswith("/") and ".." not in i.filename.split("/"), i.filename
    assert i.date_time == (1980, 1, 1, 0, 0, 0), i.date_time
m = json.loads(z.read("manifest.json"))
for d in m["documents"]:
    for key in ("html", "json"):
        data = z.read(d[key]["name"])
        assert len(data) == d[key]["size"], d
        assert "%08x" % zlib.crc32(data) == d[key]["crc32"], d
    json.loads(z.read(d["json"]["name"]))
PY
}

# Each member holds exactly what the plain command writes for its input.
bundle_content_same() {
	for f in $ARCHIVE_INPUTS; do
		stem=${f%.txt}
		"$STENO" -s -t html "$GOLDEN/$f" >"$TMP/one.html" &&
			unzip -p "$TMP/bundle.zip" "$stem.html" | cmp - "$TMP/one.html" &&
			"$STENO" -t json "$GOLDEN/$f" >"$TMP/one.json" &&
			unzip -p "$TMP/bundle.zip" "$stem.json" | cmp - "$TMP/one.json" || return 1
	done
}

index_lists_all() {
	unzip -p "$TMP/bundle.zip" index.html >"$TMP/index.html" && valid_xml "$TMP/index.html" &&
		[ "$(grep -c '<li>' "$TMP/index.html")" -eq 5 ] &&
		grep -q 'Interview with a lighthouse keeper' "$TMP/index.html"
}

zipinfo_lists() {
	zipinfo -1 "$TMP/bundle.zip" >"$TMP/zipinfo.out" &&
		[ "$(wc -l <"$TMP/zipinfo.out")" -eq 12 ] && grep -qx index.html "$TMP/zipinfo.out" &&
		grep -qx manifest.json "$TMP/zipinfo.out" && grep -qx press-briefing.json "$TMP/zipinfo.out"
}

# Run in the golden folder so the archive names its inputs the same way.
bundle() { # bundle OUT [OPTIONS...]
	out=$1; shift
	(cd "$GOLDEN" && "$STENO" "$@" -t zip $ARCHIVE_INPUTS -o "$out")
}

reproducible() {
	bundle "$TMP/again.zip" && cmp "$TMP/bundle.zip" "$TMP/again.zip" &&
		bundle "$TMP/j1.zip" -j 1 && cmp "$TMP/bundle.zip" "$TMP/j1.zip" &&
		bundle "$TMP/j2.zip" -j 2 && cmp "$TMP/bundle.zip" "$TMP/j2.zip" &&
		(cd "$GOLDEN" && "$STENO" -j 1 $ARCHIVE_INPUTS -o "$TMP/j1.epub" &&
			"$STENO" -j 2 $ARCHIVE_INPUTS -o "$TMP/j2.epub") && cmp "$TMP/j1.epub" "$TMP/j2.epub"
}

source_date_epoch() {
	SOURCE_DATE_EPOCH=1700000000 bundle "$TMP/sde1.zip" &&
		SOURCE_DATE_EPOCH=1700000000 bundle "$TMP/sde2.zip" && cmp "$TMP/sde1.zip" "$TMP/sde2.zip" &&
		! cmp -s "$TMP/sde1.zip" "$TMP/bundle.zip" &&
		python3 -c 'import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)' "$TMP/sde1.zip"
}

# 35 000 inputs: 70 002 entries, beyond the 65 535 of the classic end
# record, so the ZIP64 records must be right for unzip and zipfile.
zip64_many_entries() {
	mkdir -p "$TMP/many" || return 1
	python3 -c '
import os, sys
for i in range(35000):
    with open(os.path.join(sys.argv[1], "t%05d.txt" % i), "w") as f:
        f.write("Q: Number %d?\n\nA: Yes.\n" % i)' "$TMP/many" &&
		"$STENO" -r -t zip "$TMP/many" -o "$TMP/many.zip" &&
		zip_tested "$TMP/many.zip" && grep -q 't34999.json' "$TMP/unzip.out" &&
		python3 - "$TMP/many.zip" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert len(z.infolist()) == 70002, len(z.infolist())
assert z.testzip() is None
assert b"Number 34999?" in z.read("t34999.html")
PY
}

epub_structure() {
	python3 - "$TMP/bundle.epub" <<'PY'
import sys, zipfile
raw = open(sys.argv[1], "rb").read()
assert raw[30:38] == b"mimetype" and raw[38:58] == b"application/epub+zip", raw[:60]
z = zipfile.ZipFile(sys.argv[1])
first = z.infolist()[0]
assert first.filename == "mimetype" and first.compress_type == 0 and not first.extra
opf = z.read("EPUB/package.opf").decode()
for want in ("dc:identifier", "urn:uuid:", "dc:title", "dc:language", "dc:date",
             "dcterms:modified", "schema:accessMode", "schema:accessModeSufficient",
             "schema:accessibilityFeature", "schema:accessibilityHazard",
             "schema:accessibilitySummary"):
    assert want in opf, want
assert z.testzip() is None
PY
}

# Every golden case with an expected HTML output, with its options, run
# beside its input as the golden cases are; epubcheck on one book per
# processor at a time, since its start is most of its time.
epub_golden_cases() {
	mkdir -p "$TMP/golden-epub" && registry_load || return 1
	for input in $(golden_inputs); do
		name=${input##*/}
		name=${name%.gz}
		name=${name%.*}
		[ -f "$GOLDEN/$name.html" ] || continue
		args=
		[ -f "$GOLDEN/$name.args" ] && args=$(cat "$GOLDEN/$name.args")
		# shellcheck disable=SC2086 # args is a list of options
		(cd "$GOLDEN" && "$STENO" $args "${input##*/}" -o "$TMP/golden-epub/$name.epub") 2>/dev/null ||
			{ echo "$name: no EPUB"; return 1; }
	done
	ls "$TMP"/golden-epub/*.epub | xargs -P "$(nproc 2>/dev/null || echo 2)" -n 1 sh -c \
		'java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$0" "$1" >"$1.out" 2>&1' "$EPUBCHECK_JAR"
	bad=0
	for f in "$TMP"/golden-epub/*.epub; do
		grep -q 'Messages: 0 fatals / 0 errors / 0 warnings' "$f.out" && continue
		echo "${f##*/}:" && grep -E '^(FATAL|ERROR|WARNING)' "$f.out" | head -5
		bad=1
	done
	[ "$bad" -eq 0 ] && [ "$(ls "$TMP"/golden-epub/*.epub | wc -l)" -gt 0 ]
}

# The samples as the chapters of one book: the same content documents
# as one book each, for one start of epubcheck instead of dozens.
epub_corpus() {
	set --
	for f in "$SHARED"/text/*.txt "$SHARED"/markdown/*.md "$SHARED"/markdown/*.markdown; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	"$STENO" -t epub "$@" -o "$TMP/corpus.epub" 2>/dev/null && epub_valid "$TMP/corpus.epub" &&
		[ "$(unzip -l "$TMP/corpus.epub" | grep -c 'EPUB/c[0-9]*\.xhtml')" -eq $# ] || return 1
	# The XML samples too; one of them is not well-formed, reported and
	# left out (exit 1, and that the only error).  -j 8 on purpose: many
	# threads starting libxml2 at once is how a race in its set-up
	# crashed here.
	set --
	for f in "$SHARED"/tei/*.xml "$SHARED"/trs/*.trs; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	[ $# -eq 0 ] && return 0
	"$STENO" -j 8 -t epub "$@" -o "$TMP/corpus-xml.epub" 2>"$TMP/corpus-xml.err"
	[ $? -eq 1 ] && [ "$(grep -vc ': warning: ' "$TMP/corpus-xml.err")" -eq 1 ] &&
		epub_valid "$TMP/corpus-xml.epub"
}

# A Markdown link within the source and an image: a book has neither
# file, so the link loses its href and the image becomes its words.
epub_links_images() {
	printf '# Links\n\nSee [the notes](notes.md), [the site](https://example.org/) and ![a chart](chart.png).\n\n<div>raw</div>\n' >"$TMP/links.md"
	"$STENO" --unsafe "$TMP/links.md" -o "$TMP/links.epub" &&
		unzip -p "$TMP/links.epub" EPUB/c0001.xhtml >"$TMP/links.xhtml" &&
		grep -q '<a>the notes</a>' "$TMP/links.xhtml" &&
		grep -q '<a href="https://example.org/">' "$TMP/links.xhtml" &&
		grep -q '<span class="image">a chart</span>' "$TMP/links.xhtml" &&
		! grep -q '<div>raw' "$TMP/links.xhtml" &&
		{ ! have_epubcheck || epub_valid "$TMP/links.epub"; }
}

# The table of contents goes below the chapters: each heading, nested by
# level, linked to the id the chapter gives it; the heading that is the
# chapter's title is the chapter's own entry.
epub_nav_headings() {
	printf '# Hearing\n\nOpening.\n\n## Morning\n\nQ: Why?\n\n### Recess\n\nA: Yes.\n\n## Afternoon\n\nText.\n' >"$TMP/toc.md"
	"$STENO" "$TMP/toc.md" -o "$TMP/toc.epub" &&
		unzip -p "$TMP/toc.epub" EPUB/nav.xhtml >"$TMP/nav.xhtml" &&
		unzip -p "$TMP/toc.epub" EPUB/c0001.xhtml >"$TMP/toc.xhtml" &&
		grep -q '<h2 id="h2">Morning</h2>' "$TMP/toc.xhtml" && grep -q '<h3 id="h3">Recess</h3>' "$TMP/toc.xhtml" &&
		python3 - "$TMP/nav.xhtml" <<'PY' && { ! have_epubcheck || epub_valid "$TMP/toc.epub"; }
import sys
import xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
def tree(ol):
    return [(li.find(X + "a").get("href"), li.find(X + "a").text,
             tree(li.find(X + "ol")) if li.find(X + "ol") is not None else [])
            for li in ol.findall(X + "li")]
nav = ET.parse(sys.argv[1]).getroot().find(".//" + X + "nav")
got = tree(nav.find(X + "ol"))
want = [("c0001.xhtml", "Hearing", [
    ("c0001.xhtml#h2", "Morning", [("c0001.xhtml#h3", "Recess", [])]),
    ("c0001.xhtml#h4", "Afternoon", [])])]
assert got == want, got
PY
}

folder_outputs() {
	rm -rf "$TMP/out"
	(cd "$GOLDEN" && "$STENO" -t json -o "$TMP/out/" $ARCHIVE_INPUTS) || return 1
	for f in $ARCHIVE_INPUTS; do
		"$STENO" -t json "$GOLDEN/$f" | cmp - "$TMP/out/${f%.txt}.json" || return 1
	done
	[ "$(ls -A "$TMP/out" | wc -l)" -eq 5 ] &&
		(cd "$GOLDEN" && "$STENO" -j 2 -t json -o "$TMP/out2/" $ARCHIVE_INPUTS) &&
		diff -r "$TMP/out" "$TMP/out2"
}

recursive_names() {
	rm -rf "$TMP/tree" && mkdir -p "$TMP/tree/sub dir" || return 1
	echo 'One.' >"$TMP/tree/a.txt"
	echo 'Two.' >"$TMP/tree/a.md"
	echo 'Three.' >"$TMP/tree/sub dir/é.txt"
	echo 'not a transcript' >"$TMP/tree/picture.png"
	"$STENO" -r -t zip "$TMP/tree" -o "$TMP/tree.zip" && zip_members_ok "$TMP/tree.zip" &&
		zipinfo -1 "$TMP/tree.zip" | sort >"$TMP/tree.names" &&
		printf '%s\n' a-2.html a-2.json a.html a.json index.html manifest.json \
			'sub dir/é.html' 'sub dir/é.json' | sort | cmp - "$TMP/tree.names"
}

# One input missing: named in the error, the others converted, exit 1.
failing_input_goes_on() {
	rm -rf "$TMP/fo"
	"$STENO" -t html -o "$TMP/fo/" "$GOLDEN/lists.txt" "$TMP/vanished.txt" "$GOLDEN/crlf.txt" \
		2>"$TMP/fo.err"
	[ $? -eq 1 ] && grep -q 'vanished.txt: cannot open' "$TMP/fo.err" &&
		[ -s "$TMP/fo/lists.html" ] && [ -s "$TMP/fo/crlf.html" ] && [ ! -e "$TMP/fo/vanished.html" ] &&
		"$STENO" -t zip -o "$TMP/fo.zip" "$GOLDEN/lists.txt" "$TMP/vanished.txt" 2>/dev/null
	[ $? -eq 1 ] && zip_tested "$TMP/fo.zip" && [ "$(zipinfo -1 "$TMP/fo.zip" | wc -l)" -eq 4 ]
}

no_temporaries() { [ -z "$(find "$TMP" -name '*.steno-*')" ] || { find "$TMP" -name '*.steno-*'; return 1; }; }

gzip_options() {
	"$STENO" -t json "$GOLDEN/press-briefing.txt" >"$TMP/p.json" &&
		"$STENO" --compress-level 1 "$GOLDEN/press-briefing.txt" -o "$TMP/p1.json.gz" &&
		"$STENO" --compress-level 9 "$GOLDEN/press-briefing.txt" -o "$TMP/p9.json.gz" &&
		gzip -dc "$TMP/p1.json.gz" | cmp - "$TMP/p.json" && gzip -dc "$TMP/p9.json.gz" | cmp - "$TMP/p.json" &&
		[ "$(wc -c <"$TMP/p9.json.gz")" -le "$(wc -c <"$TMP/p1.json.gz")" ]
}

gzip_members_joined() {
	printf 'First member.\n\n' | gzip >"$TMP/two.txt.gz" && printf 'Second member.\n' | gzip >>"$TMP/two.txt.gz" &&
		"$STENO" -t html "$TMP/two.txt.gz" >"$TMP/two.html" &&
		grep -q 'First member' "$TMP/two.html" && grep -q 'Second member' "$TMP/two.html"
}

# Any name of an archive format makes one archive of every input, a
# chapter each: an alias or another case is the same format.
epub_chapter_per_input() { # epub_chapter_per_input FORMAT
	rm -f "$TMP/named.epub"
	"$STENO" -t "$1" "$GOLDEN/lists.txt" "$GOLDEN/crlf.txt" -o "$TMP/named.epub" &&
		[ "$(unzip -l "$TMP/named.epub" | grep -c 'EPUB/c[0-9]*\.xhtml')" -eq 2 ]
}

# A title with a C1 control and JavaScript's line separator: the
# archives escape it as the HTML and JSON writers do (the one escaper of
# each language), U+FFFD in XML and \u2028 in the manifest.
archive_strict_escaping() {
	printf -- '---\ntitle: "A\302\205B\342\200\250C"\n---\n\nText.\n' >"$TMP/strict.md"
	"$STENO" -t zip "$TMP/strict.md" -o "$TMP/strict.zip" &&
		"$STENO" -t epub "$TMP/strict.md" -o "$TMP/strict.epub" &&
		unzip -p "$TMP/strict.zip" manifest.json | grep -q '"title": "A.*B\\u2028C"' &&
		unzip -p "$TMP/strict.zip" index.html | grep -q "A$(printf '\357\277\275')B" &&
		unzip -p "$TMP/strict.epub" EPUB/package.opf | grep -q "<dc:title>A$(printf '\357\277\275')B"
}

run_archive() {
	GOLDEN=${GOLDEN:-$HERE/golden}
	if ! command -v unzip >/dev/null || ! command -v zipinfo >/dev/null; then
		skip "unzip and zipinfo not installed: archive checks"
		return
	fi
	bundle "$TMP/bundle.zip"
	check "zip: bundle passes unzip -t" zip_tested "$TMP/bundle.zip"
	check "zip: zipinfo lists every member" zipinfo_lists
	check "zip: zipfile CRCs, UTF-8 names, manifest checksums" zip_members_ok "$TMP/bundle.zip"
	check "zip: members equal the plain conversions" bundle_content_same
	check "zip: index.html links every document" index_lists_all
	check "zip, epub: byte-identical twice and with -j 1, -j 2" reproducible
	check "zip: SOURCE_DATE_EPOCH sets the time, reproducibly" source_date_epoch
	check "zip: ZIP64 with 70 002 entries opens in unzip and zipfile" zip64_many_entries
	check "zip: -r names safe, unique, UTF-8" recursive_names
	(cd "$GOLDEN" && "$STENO" $ARCHIVE_INPUTS -o "$TMP/bundle.epub")
	check "epub: mimetype first and stored, package metadata" epub_structure
	check "epub: links within the source and images left out" epub_links_images
	check "epub: contents list each chapter's headings, nested, linked" epub_nav_headings
	check "zip, epub: C1 controls and U+2028 escaped as the writers do" archive_strict_escaping
	if have_epubcheck; then
		check "epub: epubcheck clean on a five-chapter book" epub_valid "$TMP/bundle.epub"
		check "epub: epubcheck clean on every golden case" epub_golden_cases
		if [ -d "$SHARED/text" ]; then
			check "epub: epubcheck clean on the shared corpus" epub_corpus
		else
			skip "shared corpus not found: epubcheck on it"
		fi
	else
		skip "epubcheck not installed ($EPUBCHECK_JAR): EPUB validation"
	fi
	check "batch: one output per input into a folder, -j 2 the same" folder_outputs
	check "batch: a missing input is named, the others converted" failing_input_goes_on
	check "zip: disk full: exit 3" exits_with 3 "$STENO" -t zip "$GOLDEN/lists.txt" -o /dev/full
	check "epub: disk full: exit 3" exits_with 3 "$STENO" -t epub "$GOLDEN/lists.txt" -o /dev/full
	check "zip: output folder missing: exit 3" exits_with 3 "$STENO" -t zip "$GOLDEN/lists.txt" -o "$TMP/no/dir/x.zip"
	check "zip: output folder missing: nothing written" no_file "$TMP/no/dir/x.zip"
	check "batch: output folder cannot be made: exit 3" exits_with 3 "$STENO" "$GOLDEN/lists.txt" -o "$TMP/no/dir/"
	check "batch: a folder without -r: exit 1" exits_with 1 "$STENO" -o "$TMP/out3/" "$GOLDEN"
	check "batch: no temporary file left anywhere" no_temporaries
	check "zip: -o x.zip.gz refused: exit 2" exits_with 2 "$STENO" -t zip "$GOLDEN/lists.txt" -o "$TMP/x.zip.gz"
	check "zip: -o x.zip.gz error says why" stderr_has "compressed already"
	check "zip: -o x.zip.gz: nothing written" no_file "$TMP/x.zip.gz"
	check "epub: -o x.epub.gz refused: exit 2" exits_with 2 "$STENO" "$GOLDEN/lists.txt" -o "$TMP/x.epub.gz"
	check "epub: -o x.epub.gz: nothing written" no_file "$TMP/x.epub.gz"
	check "epub: -t epub3 makes a chapter per input" epub_chapter_per_input epub3
	check "epub: -t EPUB makes a chapter per input" epub_chapter_per_input EPUB
	check "epub: -t epub3 -o y.epub.gz refused: exit 2" exits_with 2 "$STENO" -t epub3 "$GOLDEN/lists.txt" -o "$TMP/y.epub.gz"
	check "epub: -t epub3 -o y.epub.gz: nothing written" no_file "$TMP/y.epub.gz"
	check "-j 0: exit 2" exits_with 2 "$STENO" -j 0 "$GOLDEN/lists.txt"
	check "--compress-level 10: exit 2" exits_with 2 "$STENO" --compress-level 10 "$GOLDEN/lists.txt"
	check "--max-input nonsense: exit 2" exits_with 2 "$STENO" --max-input 12X "$GOLDEN/lists.txt"
	check "gzip: --compress-level 1 and 9 both round-trip" gzip_options
	check "gzip: concatenated members read as one" gzip_members_joined
	check "gzip: --max-input bounds the inflated size: exit 1" exits_with 1 "$STENO" --max-input 100 "$GOLDEN/compressed.txt.gz"
	check "gzip: --max-input error says why" stderr_has "beyond 100 bytes"
	head -c 60 "$GOLDEN/compressed.txt.gz" >"$TMP/truncated.txt.gz"
	check "gzip: truncated input: exit 1" exits_with 1 "$STENO" "$TMP/truncated.txt.gz"
	check "gzip: truncated input named" stderr_has "truncated"
}
